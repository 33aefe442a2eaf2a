/*
 * atom.c — the runtime's table of interned strings (atoms).
 *
 * Open addressing with linear probing over a power-of-two array of String
 * pointers; deleted entries become tombstones until the next rehash. The
 * table does not keep atoms alive: predefined atoms (atoms.def) and the
 * single-unit string cache are roots, every other atom lives only as long
 * as something references it, and atom_table_sweep_weak drops the dead ones
 * between marking and sweeping.
 */
#include <stdlib.h>
#include <string.h>
#include "gc/gc_internal.h"
#include "vm/string.h"

#define TOMBSTONE ((String *)(uintptr_t)1)
#define MIN_CAPACITY 1024u

typedef struct AtomTable AtomTable;
struct AtomTable {
    String **slots;
    uint32_t capacity; /* power of two */
    uint32_t count;    /* live entries */
    uint32_t tombstones;
    String *predefined[ATOM_COUNT];
    String *char_cache[256]; /* str_from_char for units < 256 */
};

static const char *const predefined_text[ATOM_COUNT] = {
#define DEF(id, str) str,
#include "vm/atoms.def"
#undef DEF
};

int atom_table_init(Runtime *rt) {
    AtomTable *t = calloc(1, sizeof *t);
    if (!t) return -1;
    t->slots = calloc(MIN_CAPACITY, sizeof *t->slots);
    if (!t->slots) {
        free(t);
        return -1;
    }
    t->capacity = MIN_CAPACITY;
    rt->atoms = t;
    HandleMark mark = gc_scope_open(rt);
    for (int i = 0; i < ATOM_COUNT; i++) {
        String *a = atom_from_cstr(rt, predefined_text[i]);
        if (!a) {
            gc_scope_close(rt, mark);
            return -1;
        }
        t->predefined[i] = a;
    }
    gc_scope_close(rt, mark);
    return 0;
}

void atom_table_free(Runtime *rt) {
    AtomTable *t = rt->atoms;
    if (!t) return;
    free(t->slots);
    free(t);
    rt->atoms = NULL;
}

void atom_table_trace_roots(Runtime *rt) {
    AtomTable *t = rt->atoms;
    if (!t) return;
    for (int i = 0; i < ATOM_COUNT; i++)
        if (t->predefined[i]) gc_mark_cell(rt, &t->predefined[i]->hdr);
    for (int i = 0; i < 256; i++)
        if (t->char_cache[i]) gc_mark_cell(rt, &t->char_cache[i]->hdr);
}

void atom_table_sweep_weak(Runtime *rt) {
    AtomTable *t = rt->atoms;
    if (!t) return;
    for (uint32_t i = 0; i < t->capacity; i++) {
        String *a = t->slots[i];
        if (a && a != TOMBSTONE && !gc_is_marked(rt, &a->hdr)) {
            t->slots[i] = TOMBSTONE;
            t->count--;
            t->tombstones++;
        }
    }
}

String **atom_char_cache(Runtime *rt) {
    return rt->atoms->char_cache;
}

String *atom_predefined(Runtime *rt, AtomId id) {
    return rt->atoms->predefined[id];
}

/* Rebuilds the table without tombstones, at most half full afterwards. */
static bool rehash(Runtime *rt) {
    AtomTable *t = rt->atoms;
    uint32_t cap = MIN_CAPACITY;
    while (cap < 0x80000000u && cap / 2 < t->count + 1)
        cap *= 2;
    String **slots = calloc(cap, sizeof *slots);
    if (!slots) {
        gc_throw_oom(rt);
        return false;
    }
    for (uint32_t i = 0; i < t->capacity; i++) {
        String *a = t->slots[i];
        if (!a || a == TOMBSTONE) continue;
        uint32_t j = a->hash & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = a;
    }
    free(t->slots);
    t->slots = slots;
    t->capacity = cap;
    t->tombstones = 0;
    return true;
}

/* Makes room for one insertion, so probing always meets an empty slot. */
static bool reserve_one(Runtime *rt) {
    AtomTable *t = rt->atoms;
    if ((uint64_t)(t->count + t->tombstones + 1) * 4 <= (uint64_t)t->capacity * 3) return true;
    return rehash(rt);
}

/* Probes for content equal to s; returns the atom, or NULL with *slot the
 * insertion point (first tombstone on the way, else the empty slot). */
static String *probe(AtomTable *t, String *s, uint32_t hash, uint32_t *slot) {
    uint32_t mask = t->capacity - 1;
    uint32_t i = hash & mask;
    uint32_t first_tombstone = UINT32_MAX;
    for (;;) {
        String *a = t->slots[i];
        if (!a) {
            *slot = first_tombstone != UINT32_MAX ? first_tombstone : i;
            return NULL;
        }
        if (a == TOMBSTONE) {
            if (first_tombstone == UINT32_MAX) first_tombstone = i;
        } else if (a->hash == hash && a->length == s->length && str_equal(a, s)) {
            return a;
        }
        i = (i + 1) & mask;
    }
}

String *atom_intern(Runtime *rt, String *s) {
    if (str_is_atom(s)) return s;
    if (!str_flatten(rt, s)) return NULL;
    if (!reserve_one(rt)) return NULL;
    AtomTable *t = rt->atoms;
    uint32_t hash = str_hash(s);
    uint32_t slot;
    String *a = probe(t, s, hash, &slot);
    if (a) {
        /* The table holds atoms weakly: root the one we hand out. */
        gc_protect_cell(rt, &a->hdr);
        return a;
    }
    if (t->slots[slot] == TOMBSTONE) t->tombstones--;
    t->slots[slot] = s;
    t->count++;
    s->hdr.flags |= STR_ATOM;
    return s;
}

String *atom_from_cstr(Runtime *rt, const char *text) {
    /* ASCII names (nearly all of them) are looked up before any allocation. */
    uint32_t hash = STR_HASH_SEED;
    size_t len = 0;
    bool ascii = true;
    for (; text[len]; len++) {
        uint8_t c = (uint8_t)text[len];
        if (c >= 0x80) ascii = false;
        hash = str_hash_step(hash, c);
    }
    if (ascii && len <= STR_MAX_LENGTH) {
        AtomTable *t = rt->atoms;
        uint32_t mask = t->capacity - 1;
        for (uint32_t i = hash & mask; t->slots[i]; i = (i + 1) & mask) {
            String *a = t->slots[i];
            if (a != TOMBSTONE && a->hash == hash && a->length == len && str_equal_ascii(a, text)) {
                gc_protect_cell(rt, &a->hdr);
                return a;
            }
        }
    }
    String *s = str_new_utf8(rt, text, len);
    return s ? atom_intern(rt, s) : NULL;
}
