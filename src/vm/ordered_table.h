/*
 * ordered_table.h — the insertion-ordered hash table behind Map, Set,
 * WeakMap and WeakSet (#sec-keyed-collections).
 *
 * A KeyedCollection object points at an OrderedTable cell. The table keeps
 * its entries in one array in insertion order; a bucket array of chain heads
 * (indices into the entries) gives O(1) average lookups. Deleting an entry
 * unlinks it from its chain and leaves a tombstone (key VAL_EMPTY) in the
 * array, so positions never move under a running iteration — this is the
 * spec's List with ~empty~ holes.
 *
 * Keys are canonical (ot_canonical_key): -0 is +0, integral numbers in int32
 * range are int32 values, NaN is the canonical NaN. Two canonical keys are
 * SameValueZero-equal iff their bits are equal, or both are strings with the
 * same code units (or both are equal BigInts). Strings
 * hash by content (str_hash); objects and symbols hash by address, which is
 * stable because the collector never moves cells.
 *
 * Compaction (dropping tombstones, shrinking after mass deletion) renumbers
 * entries. A table that no cursor has ever seen is compacted in place. A
 * table a cursor has seen (OT_ITERATED) is instead replaced: the collection
 * gets a new table (the successor) and the old one becomes obsolete, keeping
 * only the ascending list of the indices it dropped (or OT_CLEARED after
 * clear()). A cursor on an obsolete table moves to the successor and maps its
 * position: new index = old index - (dropped indices below it), or 0 after a
 * clear. So iterators survive any number of compactions and clears, entries
 * added during iteration are visited and deleted ones are skipped, and no
 * table needs to know its iterators.
 *
 * Weak tables (WeakMap / WeakSet) hold their keys weakly and their values as
 * ephemerons: the trace function marks nothing but enlists the table with
 * the collector (gc_weak_enlist); the ephemeron hook marks the values of
 * entries whose key is marked, and the clearing hook removes entries whose
 * key stayed unmarked. Weak tables are never iterated.
 */
#ifndef MICA_ORDERED_TABLE_H
#define MICA_ORDERED_TABLE_H

#include "vm/object.h"

#define OT_NIL UINT32_MAX
/* Entries a table may hold (RangeError beyond). */
#define OT_MAX_ENTRIES (1u << 28)

typedef struct OTEntry {
    Value key; /* canonical; VAL_EMPTY for a deleted entry */
    Value value;
    uint32_t hash;
    uint32_t next; /* next entry of the same bucket, or OT_NIL */
} OTEntry;

enum {
    OT_WEAK = 1 << 0,     /* keys weak, values ephemerons */
    OT_ITERATED = 1 << 1, /* a cursor has seen this table: never compact in place */
    OT_OBSOLETE = 1 << 2, /* replaced by successor; entries and buckets freed */
    OT_CLEARED = 1 << 3,  /* with OT_OBSOLETE: replaced by clear() */
};

typedef struct OrderedTable {
    InternalCell base;
    OTEntry *entries;  /* capacity entries; the first `used` are in use */
    uint32_t *buckets; /* capacity chain heads (capacity is 0 or a power of 2) */
    uint32_t capacity;
    uint32_t used;  /* entries appended so far, tombstones included */
    uint32_t live;  /* entries whose key is not VAL_EMPTY */
    uint32_t flags; /* OT_* */
    /* Obsolete tables only: */
    struct OrderedTable *successor;
    uint32_t *dropped; /* ascending indices compaction removed */
    uint32_t dropped_count;
    /* Weak tables only: the collector's list of weak cells reached this cycle. */
    GCWeakLink weak_link;
} OrderedTable;

/* Map, Set, WeakMap and WeakSet instances. */
typedef struct KeyedCollection {
    Object base;
    OrderedTable *table; /* NULL only between allocation and ot_attach */
} KeyedCollection;

/* Trace hook for the four collection classes: marks the table. */
void keyed_collection_trace(Runtime *rt, Object *o);

/* Gives c a new empty table. -1 on OOM (exception pending). */
int ot_attach(Runtime *rt, KeyedCollection *c, bool weak);

/* CanonicalizeKeyedCollectionKey — #sec-canonicalizekeyedcollectionkey, and
 * the one representation per number described above. */
Value ot_canonical_key(Value key);

/* Lookups take any key (canonicalized inside). */
bool ot_has(KeyedCollection *c, Value key);
/* The value for key, or VAL_EMPTY when absent. */
Value ot_get(KeyedCollection *c, Value key);
/* Sets key's value (appending a new entry when absent). -1 with an exception
 * pending on OOM or past OT_MAX_ENTRIES. */
int ot_set(Runtime *rt, KeyedCollection *c, Value key, Value value);
/* Removes key; returns whether it was present. Never fails (a compaction
 * that cannot get memory is simply skipped). */
bool ot_delete(Runtime *rt, KeyedCollection *c, Value key);
/* Removes every entry. Never fails. */
void ot_clear(Runtime *rt, KeyedCollection *c);
static inline uint32_t ot_size(KeyedCollection *c) {
    return c->table->live;
}

/* A position in a collection's entries that survives compaction and clear.
 * The table a cursor points at must stay reachable: iterator objects trace
 * it; native loops rely on ot_cursor_init and ot_cursor_next protecting each
 * table the cursor is on in the current handle scope (so call them outside
 * per-iteration scopes). */
typedef struct OTCursor {
    OrderedTable *table;
    uint32_t index; /* next entry to examine */
} OTCursor;
void ot_cursor_init(Runtime *rt, OTCursor *cur, KeyedCollection *c);
/* The next live entry (false at the end; the cursor may be resumed later and
 * then sees entries appended since). */
bool ot_cursor_next(Runtime *rt, OTCursor *cur, Value *key, Value *value);
/* Marks a cursor's table (for iterator trace functions). */
static inline void ot_cursor_trace(Runtime *rt, OTCursor *cur) {
    if (cur->table) gc_mark_cell(rt, &cur->table->base.hdr);
}

/* CanBeHeldWeakly — #sec-canbeheldweakly */
bool CanBeHeldWeakly(Value v);

#endif
