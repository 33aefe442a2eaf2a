/*
 * shape.h — hidden classes (DESIGN.md §3).
 *
 * A shared Shape describes the named-property layout of every object built by
 * the same sequence of property additions: each shape adds one (key, attrs)
 * to its parent, and the property it adds lives in slot `count - 1`. Shapes
 * form a transition tree rooted at the runtime's root shape (no properties);
 * the prototype is stored in the object, not in the shape. Two objects with
 * the same shape pointer have the same keys, attributes and slot numbers, so
 * the interpreter may cache (shape, slot) per property-access site.
 *
 * A dictionary shape (SHAPE_DICT) is owned by exactly one object and never
 * shared: it holds the object's (key, attrs) entries in insertion order; the
 * value of entry i is the object's slots[i]. Deleted entries stay as
 * tombstones (key KEY_NONE, slot value undefined) until the table is
 * compacted. Index keys appear in a dictionary only when the object is
 * OBJ_SPARSE.
 *
 * Invariants (the object's slot capacity is kept in its hdr.aux):
 *  - shared: slot capacity >= count; slots [0, count) are initialized.
 *  - dictionary: slot capacity >= entries_len; [0, entries_len) initialized.
 *  - A shape never changes once published except for its lazily built
 *    lookup table and its transition list.
 */
#ifndef MICA_SHAPE_H
#define MICA_SHAPE_H

#include "vm/object.h"

enum {
    SHAPE_DICT = 1 << 0, /* hdr.flags: a per-object dictionary */
};

/* Objects past this many named properties switch to dictionary mode. */
#define SHAPE_MAX_SHARED_PROPERTIES 64
/* Shared shapes with more properties than this get a hash table once they
 * are looked up repeatedly; smaller ones walk their parent chain. */
#define SHAPE_LINEAR_LIMIT 8

typedef struct ShapeEntry {
    PropKey key; /* KEY_NONE: deleted (dictionary tombstone) */
    uint32_t slot;
    uint8_t attrs; /* PROP_* */
} ShapeEntry;

typedef struct Shape {
    Cell hdr;             /* hdr.flags: SHAPE_* */
    struct Shape *parent; /* shared: shape before `key` was added; NULL for root/dict */
    PropKey key;          /* shared: the property this shape adds (KEY_NONE for root) */
    uint8_t attrs;        /* shared: its attributes */
    uint8_t lookups;      /* shared: lookups seen, to decide when a table pays */
    uint32_t count;       /* shared: number of properties; dict: live entries */

    /* Shared only: transitions to children, keyed by (key, attrs). They are
     * weak: a child lives only while an object, an inline cache or a live
     * descendant holds it; the collector's weak phase (gc_weak_enlist,
     * `weak` below) drops the children that died. Parent edges are strong. */
    struct Shape **children;
    uint32_t nchildren, children_cap;
    uint32_t *child_index; /* open addressing, child position + 1; NULL when few */
    uint32_t child_index_cap;
    GCWeakLink weak;

    /* Shared: lazily built flat entries (slot order) + hash table.
     * Dict: the entries themselves (entry i <-> slot i) + hash table. */
    ShapeEntry *entries;
    uint32_t entries_len, entries_cap;
    uint32_t *table; /* open addressing, entry position + 1; 0 = empty */
    uint32_t table_cap;
} Shape;

static inline bool shape_is_dict(const Shape *s) {
    return s->hdr.flags & SHAPE_DICT;
}

/* The runtime's root shape (no properties). NULL with exception on OOM. */
Shape *shape_root(Runtime *rt);

/* Finds an own named property (or sparse index) by key. Cannot fail. */
bool shape_lookup(Shape *s, PropKey k, uint32_t *slot, uint8_t *attrs);

/* The shared shape reached by adding (k, attrs) to s (creating the
 * transition if needed). NULL with exception pending on OOM. */
Shape *shape_add(Runtime *rt, Shape *s, PropKey k, uint8_t attrs);

/* Slot capacity of an object whose shared shape has `count` properties. */
uint32_t shape_slot_capacity(uint32_t count);

/* Fills out[0..count) with a shared shape's properties in slot order. */
void shape_collect(Shape *s, ShapeEntry *out);

/* ---- inline caches of own data properties ----
 * An interpreter inline cache is a (shape, slot) pair recorded when an own
 * data property k of an ordinary object (cls->ops == NULL) was found at
 * `slot` (shape_lookup's slot). For a shared shape the pointer alone proves
 * the slot and the attributes. A dictionary shape belongs to one object and
 * changes in place (entry i always describes slot i), so a hit also checks
 * that entry `slot` still holds k with data attributes — which lets objects
 * in dictionary mode, above all the global object, use inline caches.
 * A site that writes must record only writable data properties and ask with
 * for_write, so that a dictionary entry made read-only since then misses. */
static inline bool shape_ic_hit(const Object *o, const Shape *cached, uint32_t slot, PropKey k,
                                bool for_write) {
    if (!cached || o->shape != cached) return false;
    if (!shape_is_dict(cached)) return true;
    if (slot >= cached->entries_len) return false;
    const ShapeEntry *e = &cached->entries[slot];
    uint8_t mask = for_write ? PROP_ACCESSOR | PROP_WRITABLE : PROP_ACCESSOR;
    return e->key == k && (e->attrs & mask) == (for_write ? PROP_WRITABLE : 0);
}

/* ---- dictionaries ---- */

/* A dictionary holding the properties of shared shape s, whose values stay
 * in the same slots (the object's slots array is reused as is). NULL on OOM. */
Shape *dict_from_shape(Runtime *rt, Shape *s);
/* Entry position of k, or -1. */
int32_t dict_find(Shape *d, PropKey k);
/* Ensures `extra` more entries fit (in the entries and in *slots, whose
 * capacity is *slots_cap): compacts tombstones (moving slot values) and/or
 * grows. After success, `extra` dict_append calls cannot fail. -1 on OOM. */
int dict_reserve(Runtime *rt, Shape *d, uint32_t extra, Value **slots, uint32_t *slots_cap);
/* Appends an entry (after dict_reserve); returns its position = slot. */
uint32_t dict_append(Shape *d, PropKey k, uint8_t attrs);
/* Turns entry i into a tombstone; the caller clears slots[i]. */
void dict_remove(Shape *d, uint32_t i);

#endif
