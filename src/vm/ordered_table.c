/*
 * ordered_table.c — insertion-ordered hash tables for the keyed collections.
 * ordered_table.h states the layout and the invariants.
 *
 * Sizing: capacity (entries) and bucket count are the same power of two, so
 * chains average at most one entry. A full table doubles, unless at least
 * half of it is tombstones, in which case it is compacted at its size. A
 * table whose live entries drop below a quarter of its capacity is
 * compacted to half, so storage shrinks again after mass deletion.
 */
#include "vm/ordered_table.h"
#include "gc/gc_internal.h"
#include "vm/bigint.h"
#include "vm/conv.h"
#include "vm/string.h"

#define OT_MIN_CAPACITY 8u

static void ot_cell_trace(Runtime *rt, Cell *c);
static void ot_cell_finalize(Runtime *rt, Cell *c);
static const InternalCellOps ot_cell_ops = {"OrderedTable", ot_cell_trace, ot_cell_finalize};

/* ---- keys and hashes ------------------------------------------------------------- */

/* CanonicalizeKeyedCollectionKey — #sec-canonicalizekeyedcollectionkey */
Value ot_canonical_key(Value key) {
    if (!val_is_double(key)) return key;
    double d = val_to_double(key);
    if (d != d) return VAL_CANONICAL_NAN;
    if (d == 0) return val_from_int(0); /* -0 becomes +0 */
    return val_from_number(d);
}

static inline uint32_t mix64(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ull;
    x ^= x >> 33;
    return (uint32_t)x;
}

/* Hash of a canonical key. Strings and BigInts hash by value, since equal
 * ones may be different cells. */
static uint32_t key_hash(Value key) {
    if (val_is_string(key)) return mix64(str_hash(val_as_string(key)));
    if (val_is_bigint(key)) return mix64(bigint_hash(val_as_bigint(key)));
    return mix64(key);
}

static inline bool keys_equal(Value a, Value b) {
    if (a == b) return true;
    if (val_is_string(a)) return val_is_string(b) && str_equal(val_as_string(a), val_as_string(b));
    if (val_is_bigint(a)) return val_is_bigint(b) && SameValueZero(a, b);
    return false;
}

/* CanBeHeldWeakly — #sec-canbeheldweakly */
bool CanBeHeldWeakly(Value v) {
    if (val_is_object(v)) return true;
    return val_is_symbol(v) && !val_as_symbol(v)->registered;
}

/* ---- storage ----------------------------------------------------------------------- */

static void free_storage(Runtime *rt, OrderedTable *t) {
    gc_free(rt, t->entries, (size_t)t->capacity * sizeof(OTEntry));
    gc_free(rt, t->buckets, (size_t)t->capacity * sizeof(uint32_t));
    t->entries = NULL;
    t->buckets = NULL;
    t->capacity = t->used = t->live = 0;
}

static OrderedTable *table_new(Runtime *rt, uint32_t flags) {
    OrderedTable *t = gc_alloc(rt, CELL_INTERNAL, sizeof(OrderedTable));
    if (!t) return NULL;
    t->base.ops = &ot_cell_ops;
    t->flags = flags;
    return t;
}

/* Copies t's live entries, in order, into fresh arrays of new_capacity
 * (>= t->live, a power of two) and rebuilds the chains. With record_dropped,
 * also returns the ascending indices of t's tombstones. Allocation uses
 * gc_try_malloc when quiet (the collector's clearing phase, best-effort
 * shrinking), else gc_malloc. -1 on failure (exception pending unless quiet);
 * t is unchanged then. */
typedef struct Rebuilt {
    OTEntry *entries;
    uint32_t *buckets;
    uint32_t *dropped;
    uint32_t dropped_count;
} Rebuilt;

static int rebuild(Runtime *rt, OrderedTable *t, uint32_t new_capacity, bool record_dropped,
                   bool quiet, Rebuilt *out) {
    size_t entries_bytes = (size_t)new_capacity * sizeof(OTEntry);
    size_t buckets_bytes = (size_t)new_capacity * sizeof(uint32_t);
    uint32_t tombstones = t->used - t->live;
    size_t dropped_bytes = record_dropped ? (size_t)tombstones * sizeof(uint32_t) : 0;
    *out = (Rebuilt){0};
    if (new_capacity) {
        out->entries = quiet ? gc_try_malloc(rt, entries_bytes) : gc_malloc(rt, entries_bytes);
        out->buckets = quiet ? gc_try_malloc(rt, buckets_bytes) : gc_malloc(rt, buckets_bytes);
    }
    if (dropped_bytes)
        out->dropped = quiet ? gc_try_malloc(rt, dropped_bytes) : gc_malloc(rt, dropped_bytes);
    if ((new_capacity && (!out->entries || !out->buckets)) || (dropped_bytes && !out->dropped)) {
        gc_free(rt, out->entries, out->entries ? entries_bytes : 0);
        gc_free(rt, out->buckets, out->buckets ? buckets_bytes : 0);
        gc_free(rt, out->dropped, out->dropped ? dropped_bytes : 0);
        *out = (Rebuilt){0};
        return -1;
    }
    for (uint32_t b = 0; b < new_capacity; b++)
        out->buckets[b] = OT_NIL;
    uint32_t mask = new_capacity - 1, n = 0;
    for (uint32_t i = 0; i < t->used; i++) {
        OTEntry *e = &t->entries[i];
        if (e->key == VAL_EMPTY) {
            if (record_dropped) out->dropped[out->dropped_count++] = i;
            continue;
        }
        OTEntry *d = &out->entries[n];
        *d = *e;
        d->next = out->buckets[e->hash & mask];
        out->buckets[e->hash & mask] = n;
        n++;
    }
    return 0;
}

/* Installs rebuilt storage into t (whose old storage is freed). */
static void install(Runtime *rt, OrderedTable *t, Rebuilt *r, uint32_t new_capacity) {
    uint32_t live = t->live;
    gc_free(rt, t->entries, (size_t)t->capacity * sizeof(OTEntry));
    gc_free(rt, t->buckets, (size_t)t->capacity * sizeof(uint32_t));
    t->entries = r->entries;
    t->buckets = r->buckets;
    t->capacity = new_capacity;
    t->used = t->live = live;
}

/* Drops tombstones and resizes to new_capacity. A table a cursor may be on
 * gets a successor instead of being rewritten. -1 on failure (exception
 * pending unless quiet), with nothing changed. */
static int compact(Runtime *rt, KeyedCollection *c, uint32_t new_capacity, bool quiet) {
    OrderedTable *t = c->table;
    Rebuilt r;
    if (!(t->flags & OT_ITERATED)) {
        if (rebuild(rt, t, new_capacity, false, quiet, &r) < 0) return -1;
        install(rt, t, &r, new_capacity);
        return 0;
    }
    HandleMark mark = gc_scope_open(rt);
    OrderedTable *s = table_new(rt, t->flags & OT_WEAK);
    if (!s || rebuild(rt, t, new_capacity, true, quiet, &r) < 0) {
        gc_scope_close(rt, mark);
        if (quiet && rt->has_exception) rt_take_exception(rt);
        return -1;
    }
    s->entries = r.entries;
    s->buckets = r.buckets;
    s->capacity = new_capacity;
    s->used = s->live = t->live;
    free_storage(rt, t);
    t->dropped = r.dropped;
    t->dropped_count = r.dropped_count;
    t->successor = s;
    t->flags |= OT_OBSOLETE;
    GC_WRITE_BARRIER(rt, t, s);
    GC_WRITE_BARRIER(rt, c, s);
    c->table = s;
    gc_scope_close(rt, mark);
    return 0;
}

/* The smallest power of two >= n and >= OT_MIN_CAPACITY. */
static uint32_t capacity_for(uint32_t n) {
    uint32_t cap = OT_MIN_CAPACITY;
    while (cap < n)
        cap <<= 1;
    return cap;
}

/* After a removal: compact when live entries fill under a quarter. Best
 * effort: without memory the table simply stays large. */
static void maybe_shrink(Runtime *rt, KeyedCollection *c) {
    OrderedTable *t = c->table;
    if (t->capacity <= OT_MIN_CAPACITY || t->live >= t->capacity / 4) return;
    compact(rt, c, capacity_for(t->live * 2), true);
}

/* ---- the cell ------------------------------------------------------------------------ */

static bool weak_table_ephemerons(Runtime *rt, Cell *cell);
static void weak_table_clear(Runtime *rt, Cell *cell);
static const GCWeakHooks weak_table_hooks = {weak_table_ephemerons, weak_table_clear};

static void ot_cell_trace(Runtime *rt, Cell *cell) {
    OrderedTable *t = (OrderedTable *)cell;
    if (t->flags & OT_OBSOLETE) {
        gc_mark_cell(rt, &t->successor->base.hdr);
        return;
    }
    if (t->flags & OT_WEAK) {
        gc_weak_enlist(rt, &t->weak_link, cell, &weak_table_hooks);
        /* Values of keys marked already; the rest is the ephemeron phase's. */
        for (uint32_t i = 0; i < t->used; i++) {
            OTEntry *e = &t->entries[i];
            if (e->key != VAL_EMPTY && gc_is_marked(rt, val_as_cell(e->key)))
                gc_mark_value(rt, e->value);
        }
        return;
    }
    for (uint32_t i = 0; i < t->used; i++) {
        OTEntry *e = &t->entries[i];
        if (e->key == VAL_EMPTY) continue;
        gc_mark_value(rt, e->key);
        gc_mark_value(rt, e->value);
    }
}

static void ot_cell_finalize(Runtime *rt, Cell *cell) {
    OrderedTable *t = (OrderedTable *)cell;
    free_storage(rt, t);
    gc_free(rt, t->dropped, (size_t)t->dropped_count * sizeof(uint32_t));
    t->dropped = NULL;
}

void keyed_collection_trace(Runtime *rt, Object *o) {
    KeyedCollection *c = (KeyedCollection *)o;
    if (c->table) gc_mark_cell(rt, &c->table->base.hdr);
}

int ot_attach(Runtime *rt, KeyedCollection *c, bool weak) {
    OrderedTable *t = table_new(rt, weak ? OT_WEAK : 0);
    if (!t) return -1;
    GC_WRITE_BARRIER(rt, c, t);
    c->table = t;
    return 0;
}

/* ---- operations ------------------------------------------------------------------------ */

/* Index of the entry whose key equals the canonical key, or OT_NIL. */
static uint32_t find(OrderedTable *t, Value key, uint32_t hash) {
    if (!t->capacity) return OT_NIL;
    for (uint32_t i = t->buckets[hash & (t->capacity - 1)]; i != OT_NIL; i = t->entries[i].next) {
        OTEntry *e = &t->entries[i];
        if (e->hash == hash && keys_equal(e->key, key)) return i;
    }
    return OT_NIL;
}

bool ot_has(KeyedCollection *c, Value key) {
    key = ot_canonical_key(key);
    return find(c->table, key, key_hash(key)) != OT_NIL;
}

Value ot_get(KeyedCollection *c, Value key) {
    key = ot_canonical_key(key);
    OrderedTable *t = c->table;
    uint32_t i = find(t, key, key_hash(key));
    return i == OT_NIL ? VAL_EMPTY : t->entries[i].value;
}

/* Makes room for one more entry at t->used. -1 with an exception pending. */
static int reserve_one(Runtime *rt, KeyedCollection *c) {
    OrderedTable *t = c->table;
    if (t->used < t->capacity) return 0;
    if (t->live >= OT_MAX_ENTRIES) {
        rt_throw_error(rt, ERR_RANGE, "collection too large");
        return -1;
    }
    /* Half or more tombstones: compacting at the same size frees room. */
    if (t->capacity && t->used - t->live >= t->capacity / 2)
        return compact(rt, c, t->capacity, false);
    uint32_t new_capacity = t->capacity ? t->capacity * 2 : OT_MIN_CAPACITY;
    if (t->used != t->live) return compact(rt, c, new_capacity, false);
    /* No tombstones: positions stay, so growing in place is safe even with
     * cursors on the table. */
    uint32_t *buckets = gc_malloc(rt, (size_t)new_capacity * sizeof(uint32_t));
    if (!buckets) return -1;
    OTEntry *entries = gc_realloc(rt, t->entries, (size_t)t->capacity * sizeof(OTEntry),
                                  (size_t)new_capacity * sizeof(OTEntry));
    if (!entries) {
        gc_free(rt, buckets, (size_t)new_capacity * sizeof(uint32_t));
        return -1;
    }
    gc_free(rt, t->buckets, (size_t)t->capacity * sizeof(uint32_t));
    t->entries = entries;
    t->buckets = buckets;
    t->capacity = new_capacity;
    for (uint32_t b = 0; b < new_capacity; b++)
        buckets[b] = OT_NIL;
    uint32_t mask = new_capacity - 1;
    for (uint32_t i = 0; i < t->used; i++) {
        OTEntry *e = &t->entries[i];
        e->next = buckets[e->hash & mask];
        buckets[e->hash & mask] = i;
    }
    return 0;
}

int ot_set(Runtime *rt, KeyedCollection *c, Value key, Value value) {
    key = ot_canonical_key(key);
    uint32_t hash = key_hash(key);
    OrderedTable *t = c->table;
    uint32_t i = find(t, key, hash);
    if (i != OT_NIL) {
        GC_WRITE_BARRIER(rt, t, value);
        t->entries[i].value = value;
        return 0;
    }
    if (reserve_one(rt, c) < 0) return -1;
    t = c->table;
    uint32_t b = hash & (t->capacity - 1);
    OTEntry *e = &t->entries[t->used];
    GC_WRITE_BARRIER(rt, t, key);
    GC_WRITE_BARRIER(rt, t, value);
    e->key = key;
    e->value = value;
    e->hash = hash;
    e->next = t->buckets[b];
    t->buckets[b] = t->used;
    t->used++;
    t->live++;
    return 0;
}

/* Unlinks entry i from its chain and leaves a tombstone. */
static void remove_entry(OrderedTable *t, uint32_t i) {
    OTEntry *e = &t->entries[i];
    uint32_t *link = &t->buckets[e->hash & (t->capacity - 1)];
    while (*link != i)
        link = &t->entries[*link].next;
    *link = e->next;
    e->key = VAL_EMPTY;
    e->value = VAL_UNDEFINED;
    e->next = OT_NIL;
    t->live--;
}

bool ot_delete(Runtime *rt, KeyedCollection *c, Value key) {
    key = ot_canonical_key(key);
    OrderedTable *t = c->table;
    uint32_t i = find(t, key, key_hash(key));
    if (i == OT_NIL) return false;
    remove_entry(t, i);
    maybe_shrink(rt, c);
    return true;
}

void ot_clear(Runtime *rt, KeyedCollection *c) {
    OrderedTable *t = c->table;
    if (!(t->flags & OT_ITERATED)) {
        free_storage(rt, t);
        return;
    }
    HandleMark mark = gc_scope_open(rt);
    OrderedTable *s = table_new(rt, t->flags & OT_WEAK);
    if (!s) {
        /* No memory for a successor: empty the entries where they are;
         * cursors then skip the tombstones. */
        if (rt->has_exception) rt_take_exception(rt);
        for (uint32_t i = 0; i < t->used; i++)
            if (t->entries[i].key != VAL_EMPTY) remove_entry(t, i);
        gc_scope_close(rt, mark);
        return;
    }
    free_storage(rt, t);
    t->successor = s;
    t->flags |= OT_OBSOLETE | OT_CLEARED;
    GC_WRITE_BARRIER(rt, t, s);
    GC_WRITE_BARRIER(rt, c, s);
    c->table = s;
    gc_scope_close(rt, mark);
}

/* ---- cursors ------------------------------------------------------------------------- */

void ot_cursor_init(Runtime *rt, OTCursor *cur, KeyedCollection *c) {
    cur->table = c->table;
    cur->index = 0;
    cur->table->flags |= OT_ITERATED;
    /* A compaction or clear during the walk replaces c's table; this one
     * must survive until the cursor has moved on. */
    gc_protect_cell(rt, &cur->table->base.hdr);
}

/* Number of entries in t->dropped below index (binary search). */
static uint32_t dropped_below(const OrderedTable *t, uint32_t index) {
    uint32_t lo = 0, hi = t->dropped_count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (t->dropped[mid] < index)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

bool ot_cursor_next(Runtime *rt, OTCursor *cur, Value *key, Value *value) {
    OrderedTable *t = cur->table;
    if (t->flags & OT_OBSOLETE) {
        while (t->flags & OT_OBSOLETE) {
            cur->index = (t->flags & OT_CLEARED) ? 0 : cur->index - dropped_below(t, cur->index);
            t = t->successor;
        }
        t->flags |= OT_ITERATED;
        cur->table = t;
        gc_protect_cell(rt, &t->base.hdr);
    }
    while (cur->index < t->used) {
        OTEntry *e = &t->entries[cur->index++];
        if (e->key == VAL_EMPTY) continue;
        *key = e->key;
        *value = e->value;
        return true;
    }
    return false;
}

/* ---- weak tables in the collector ---------------------------------------------------------- */

/* Each entry is an ephemeron: its value is reachable once its key is. */
static bool weak_table_ephemerons(Runtime *rt, Cell *cell) {
    OrderedTable *t = (OrderedTable *)cell;
    bool progress = false;
    for (uint32_t i = 0; i < t->used; i++) {
        OTEntry *e = &t->entries[i];
        if (e->key != VAL_EMPTY && gc_ephemeron(rt, val_as_cell(e->key), e->value)) progress = true;
    }
    return progress;
}

/* Removes the entries whose key died, then compacts in place when the table
 * became mostly empty (weak tables are never iterated, so positions may
 * move; the memory comes from gc_try_malloc and is simply kept when that
 * fails). */
static void weak_table_clear(Runtime *rt, Cell *cell) {
    OrderedTable *t = (OrderedTable *)cell;
    for (uint32_t i = 0; i < t->used; i++) {
        OTEntry *e = &t->entries[i];
        if (e->key != VAL_EMPTY && !gc_is_marked(rt, val_as_cell(e->key))) remove_entry(t, i);
    }
    if (t->used == t->live) return;
    uint32_t new_capacity = t->live ? capacity_for(t->live * 2) : 0;
    if (new_capacity > t->capacity) new_capacity = t->capacity;
    if (t->used - t->live < t->capacity / 2 && new_capacity == t->capacity) return;
    if (!new_capacity) {
        free_storage(rt, t);
        return;
    }
    Rebuilt r;
    if (rebuild(rt, t, new_capacity, false, true, &r) == 0) install(rt, t, &r, new_capacity);
}
