/*
 * gc_internal.h — the seams between the memory core's own modules
 * (gc/gc.c, vm/atom.c, vm/symbol.c, vm/string.c, vm/runtime.c,
 * vm/error_throw.c). Nothing outside those files includes this header.
 */
#ifndef MICA_GC_INTERNAL_H
#define MICA_GC_INTERNAL_H

#include "vm/runtime.h"

/* ---- heap lifecycle (gc.c) ---- */
int gc_init(Runtime *rt); /* -1: malloc failed (no exception: there is no realm yet) */
/* Runs every finalizer, then frees every cell and page. No JavaScript runs;
 * finalizers may read any cell, since nothing is freed before all ran. */
void gc_teardown(Runtime *rt);
/* After vm_init succeeded: from now on gc_mark_roots calls vm_trace. */
void gc_set_vm_ready(Runtime *rt, bool ready);
bool gc_vm_ready(Runtime *rt);
/* Lifts the heap limit while an "out of memory" error is being built. */
void gc_lift_limit(Runtime *rt, bool lifted);
/* gc_malloc that neither throws nor counts against the limit's error path:
 * NULL on failure with nothing pending (for callers with a fallback). */
void *gc_try_malloc(Runtime *rt, size_t size);
/* Makes a RangeError "out of memory" pending (see gc.c); returns NULL. */
void *gc_throw_oom(Runtime *rt);

/* ---- string hashing shared by string.c and atom.c: FNV-1a over code units,
 * so a Latin-1 and a UTF-16 string with the same units hash alike ---- */
#define STR_HASH_SEED 2166136261u
static inline uint32_t str_hash_step(uint32_t h, uint16_t unit) {
    return (h ^ unit) * 16777619u;
}

/* ---- atom table (atom.c) ---- */
int atom_table_init(Runtime *rt); /* creates the predefined atoms; -1 on failure */
void atom_table_free(Runtime *rt);
/* Roots: predefined atoms and the single-unit string cache. */
void atom_table_trace_roots(Runtime *rt);
/* Weak phase: drops atoms that were not marked. */
void atom_table_sweep_weak(Runtime *rt);
/* The cached single-unit string for unit < 256 (NULL if not created yet). */
String **atom_char_cache(Runtime *rt);

/* ---- symbols (symbol.c) ---- */
int symbols_init_well_known(Runtime *rt); /* -1 on failure */

/* ---- errors (error_throw.c) ---- */
/* Makes an uncatchable error pending whose value is a string with `message`
 * (or undefined if even that string cannot be made). */
void rt_set_uncatchable(Runtime *rt, const char *message);

#endif
