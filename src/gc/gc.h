/*
 * gc.h — the heap: cells, allocation, handle scopes, persistent references.
 *
 * Precise, non-moving mark-sweep (DESIGN.md §4, docs/GC.md). One collection:
 *   1. mark from the roots (gc_mark_roots enumerates them, nothing else is one)
 *   2. ephemeron fixpoint (WeakMap/WeakSet values marked once their key is)
 *   3. weak processing (atom table, WeakRef, weak collections, registries)
 *   4. sweep (native finalizers, then free)
 *
 * THE ROOTING RULE: a heap value that native code holds across an
 * allocation must be reachable from a root. To make that easy, every cell
 * gc_alloc returns is pushed on the runtime's handle stack and stays alive
 * until the enclosing handle scope closes. Operations that return a heap
 * value they did not allocate themselves (property reads, calls into
 * JavaScript) also push it (gc_protect). The interpreter opens a scope around
 * each native call and trims its own scope at safe points, since its values
 * live in VM registers.
 *
 * Collections happen only inside gc_alloc (and mica_gc). gc_malloc /
 * gc_realloc never collect. No JavaScript ever runs during a collection.
 */
#ifndef MICA_GC_H
#define MICA_GC_H

#include <stddef.h>
#include <stdint.h>
#include "vm/value.h"

typedef struct mica_runtime Runtime;
typedef struct mica_context Context;

/* Every heap cell's type. gc.c dispatches trace and finalize on it. */
typedef enum CellType {
    CELL_FREE = 0,
    CELL_STRING,       /* String (vm/string.h) */
    CELL_SYMBOL,       /* Symbol (vm/symbol.h) */
    CELL_BIGINT,       /* BigInt (vm/bigint.h): limbs inline, no references */
    CELL_OBJECT,       /* every JS object; Object.class_id picks the hooks */
    CELL_SHAPE,        /* hidden class (vm/shape.h) */
    CELL_ACCESSOR,     /* getter/setter pair stored in a property slot */
    CELL_BYTECODE,     /* compiled function template (compiler/bytecode.h) */
    CELL_ENV,          /* heap environment: captured variables (vm/env.h) */
    CELL_VALUE_ARRAY,  /* growable array of Values (ValueArray below) */
    CELL_SCRIPT,       /* compiled script handle (mica_compile result) */
    CELL_INTERNAL,     /* engine-private cell with its own trace/finalize fns */
    CELL_TYPE_COUNT
} CellType;

/* The 8-byte header at the start of every cell. */
typedef struct Cell {
    uint8_t type;   /* CellType */
    uint8_t mark;   /* collector's colour; gc.c only */
    uint16_t flags; /* type-specific bits */
    uint32_t aux;   /* type-specific small field */
} Cell;

/* An engine-private cell kind (CELL_INTERNAL) describes itself. */
typedef struct InternalCellOps {
    const char *name;
    void (*trace)(Runtime *rt, Cell *c);
    void (*finalize)(Runtime *rt, Cell *c);
} InternalCellOps;

typedef struct InternalCell {
    Cell hdr;
    const InternalCellOps *ops;
} InternalCell;

/* A GC-managed vector of Values (key lists, argument lists, etc.). */
typedef struct ValueArray {
    Cell hdr;
    uint32_t length;
    uint32_t capacity;
    Value *items; /* malloc'd through gc_malloc */
} ValueArray;

/* ---- allocation ---------------------------------------------------------- */

/* Allocates a zeroed cell of `size` bytes (header included) and pushes it on
 * the handle stack. May collect first. Returns NULL with an exception
 * pending (a RangeError "out of memory") when the heap limit is reached. */
void *gc_alloc(Runtime *rt, CellType type, size_t size);

/* Out-of-line memory owned by a cell (slots, elements, string buffers).
 * Counted against the heap limit; never collects. NULL + pending exception
 * on failure. gc_free needs the size that was allocated. */
void *gc_malloc(Runtime *rt, size_t size);
void *gc_realloc(Runtime *rt, void *p, size_t old_size, size_t new_size);
void gc_free(Runtime *rt, void *p, size_t size);

ValueArray *value_array_new(Runtime *rt, uint32_t capacity);
int value_array_push(Runtime *rt, ValueArray *a, Value v); /* -1: OOM pending */

/* ---- handle scopes --------------------------------------------------------- */

typedef size_t HandleMark;
HandleMark gc_scope_open(Runtime *rt);
void gc_scope_close(Runtime *rt, HandleMark m);
/* Close the scope and keep v alive in the enclosing one. */
Value gc_scope_escape(Runtime *rt, HandleMark m, Value v);
/* Pushes a value's cell (if any) on the handle stack; returns v. */
Value gc_protect(Runtime *rt, Value v);
void gc_protect_cell(Runtime *rt, Cell *c);

/* ---- persistent references (embedder roots) ---------------------------------- */

typedef struct Persistent Persistent;
Persistent *gc_persistent_new(Runtime *rt, Value v);
Value gc_persistent_get(Persistent *p);
void gc_persistent_set(Persistent *p, Value v);
void gc_persistent_free(Runtime *rt, Persistent *p);

/* ---- marking (used by the per-type trace functions) -------------------------- */

/* Mark a value / cell reachable. Never recursive: pushes on the gray stack.
 * The already-marked test is inline since most edges of a live graph lead
 * to cells marked before; gc_mark_unmarked does the rest (c not NULL). */
void gc_mark_unmarked(Runtime *rt, Cell *c);
static inline void gc_mark_cell(Runtime *rt, Cell *c) {
    if (c && !c->mark) gc_mark_unmarked(rt, c);
}
static inline void gc_mark_value(Runtime *rt, Value v) {
    if (val_is_heap(v)) gc_mark_cell(rt, val_as_cell(v));
}
static inline void gc_mark_values(Runtime *rt, const Value *v, size_t n) {
    for (size_t i = 0; i < n; i++) gc_mark_value(rt, v[i]);
}

/* Stores of a heap value into a heap cell are marked with this macro, so
 * that an incremental or generational collector can hook it later. The
 * collector is stop-the-world mark-sweep and needs no barrier, so it expands
 * to nothing; the interpreter's inline-cache hits (vm/interp.c, see
 * vm/prop_cache.h) and register writes store without it on purpose, and a
 * barrier-needing collector must add one there as well. */
#define GC_WRITE_BARRIER(rt, owner, value) ((void)(rt), (void)(owner), (void)(value))

/* ---- per-type tracing and finalization --------------------------------------
 * gc.c dispatches on Cell.type to these; each is implemented by the module
 * that owns the type. trace marks every reference the cell holds; finalize
 * frees out-of-line memory (gc_free) and must not touch other cells except
 * to read them. */
void string_trace(Runtime *rt, Cell *c);    /* vm/string.c (rope children) */
void string_finalize(Runtime *rt, Cell *c);
void symbol_trace(Runtime *rt, Cell *c);    /* vm/string.c or vm/symbol.c */
void object_trace(Runtime *rt, Cell *c);    /* vm/object.c: proto, shape, slots, elements, cls->trace */
void object_finalize(Runtime *rt, Cell *c); /* vm/object.c: slots, elements, cls->finalize */
void shape_trace(Runtime *rt, Cell *c);     /* vm/shape.c */
void shape_finalize(Runtime *rt, Cell *c);
void accessor_trace(Runtime *rt, Cell *c);  /* vm/object.c */
void bytecode_trace(Runtime *rt, Cell *c);  /* compiler/bytecode.c */
void bytecode_finalize(Runtime *rt, Cell *c);
void env_trace(Runtime *rt, Cell *c);       /* vm/env.c */
void env_finalize(Runtime *rt, Cell *c);
void script_trace(Runtime *rt, Cell *c);    /* vm/interp.c or compiler */
void script_finalize(Runtime *rt, Cell *c);

/* The root set, enumerated in one place (gc.c: gc_mark_roots): the handle
 * stack, persistent references, the pending exception, predefined atoms,
 * well-known symbols, every live context (context_trace), the VM stack
 * (vm_trace) and the job queue (jobs_trace, once jobs exist). */

/* A cell that holds a Context * (native functions, closures) calls this from
 * its trace function: a realm freed by mica_context_free is no longer a root,
 * but its intrinsics must live as long as any of its functions does. */
void gc_mark_realm(Runtime *rt, Context *ctx);

/* ---- weak cells -------------------------------------------------------------
 * A cell that holds some references weakly (WeakMap / WeakSet tables,
 * WeakRef, FinalizationRegistry) embeds a GCWeakLink and calls
 * gc_weak_enlist from its trace function. Only cells reached in the current
 * collection are enlisted, so a dead weak cell costs nothing and never has to
 * unregister. After marking, for every enlisted cell:
 *  - hooks->ephemerons (may be NULL) calls gc_ephemeron(rt, key, value) for
 *    each of its (key, value) pairs and returns true if any call did; gc.c
 *    drives this to the fixpoint (it may call the hook several times);
 *  - then hooks->clear (may be NULL) drops references to unmarked cells
 *    (gc_is_marked). It must not mark, allocate cells or run JavaScript; it
 *    may gc_free / gc_try_malloc out-of-line memory.
 * Enlisting is idempotent within a collection (a rescan after gray-stack
 * overflow traces cells twice). */
typedef struct GCWeakHooks {
    bool (*ephemerons)(Runtime *rt, Cell *c);
    void (*clear)(Runtime *rt, Cell *c);
} GCWeakHooks;
typedef struct GCWeakLink {
    struct GCWeakLink *next;
    Cell *cell;
    const GCWeakHooks *hooks;
    size_t epoch; /* collection the link was last enlisted in */
} GCWeakLink;
void gc_weak_enlist(Runtime *rt, GCWeakLink *link, Cell *cell, const GCWeakHooks *hooks);
/* From an ephemerons hook: value is reachable if key is. Marks value now
 * when key is marked (returning true if that marked something new), else
 * remembers the pair so that marking key later marks value. */
bool gc_ephemeron(Runtime *rt, Cell *key, Value value);

/* ---- collection ------------------------------------------------------------ */

void gc_collect(Runtime *rt);
bool gc_is_marked(Runtime *rt, Cell *c); /* during weak processing only */

#endif
