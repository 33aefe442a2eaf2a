/*
 * shape.c — hidden classes and per-object dictionaries (see shape.h).
 *
 * The lookup tables and transition indexes are caches owned by a shape; they
 * are plain malloc memory (not counted against the heap limit) because a
 * lookup must not fail: if a cache cannot be built, lookup walks the chain.
 */
#include <stdlib.h>
#include "vm/shape.h"

static inline uint32_t key_hash(PropKey k) {
    uint64_t x = k * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(x >> 32);
}

static uint32_t pow2_at_least(uint32_t n) {
    uint32_t c = 8;
    while (c < n)
        c <<= 1;
    return c;
}

uint32_t shape_slot_capacity(uint32_t count) {
    if (count == 0) return 0;
    if (count <= 4) return 4;
    uint32_t c = 8;
    while (c < count)
        c <<= 1;
    return c;
}

Shape *shape_root(Runtime *rt) {
    if (rt->root_shape) return rt->root_shape;
    Shape *s = gc_alloc(rt, CELL_SHAPE, sizeof(Shape));
    if (!s) return NULL;
    s->key = KEY_NONE;
    rt->root_shape = s;
    return s;
}

/* ---- lookup tables ---- */

/* Inserts entry position pos (whose key is k) into an open-addressing
 * table of capacity cap (a power of two). */
static void table_insert(uint32_t *table, uint32_t cap, PropKey k, uint32_t pos) {
    uint32_t mask = cap - 1;
    for (uint32_t h = key_hash(k) & mask;; h = (h + 1) & mask) {
        if (table[h] == 0) {
            table[h] = pos + 1;
            return;
        }
    }
}

/* Position of k among entries via the table, or -1. Tombstone entries keep
 * their table cell (their key reads KEY_NONE), so probing goes past them. */
static int32_t table_find(const uint32_t *table, uint32_t cap, const ShapeEntry *entries,
                          PropKey k) {
    uint32_t mask = cap - 1;
    for (uint32_t h = key_hash(k) & mask;; h = (h + 1) & mask) {
        uint32_t e = table[h];
        if (e == 0) return -1;
        if (entries[e - 1].key == k) return (int32_t)(e - 1);
    }
}

void shape_collect(Shape *s, ShapeEntry *out) {
    for (Shape *p = s; p->parent; p = p->parent) {
        uint32_t slot = p->count - 1;
        out[slot].key = p->key;
        out[slot].slot = slot;
        out[slot].attrs = p->attrs;
    }
}

static bool shape_build_table(Shape *s) {
    ShapeEntry *entries = malloc(sizeof(ShapeEntry) * s->count);
    uint32_t cap = pow2_at_least(s->count * 2);
    uint32_t *table = calloc(cap, sizeof(uint32_t));
    if (!entries || !table) {
        free(entries);
        free(table);
        return false;
    }
    shape_collect(s, entries);
    for (uint32_t i = 0; i < s->count; i++)
        table_insert(table, cap, entries[i].key, i);
    s->entries = entries;
    s->entries_len = s->entries_cap = s->count;
    s->table = table;
    s->table_cap = cap;
    return true;
}

bool shape_lookup(Shape *s, PropKey k, uint32_t *slot, uint8_t *attrs) {
    if (s->table) {
        int32_t i = table_find(s->table, s->table_cap, s->entries, k);
        if (i < 0) return false;
        *slot = s->entries[i].slot;
        *attrs = s->entries[i].attrs;
        return true;
    }
    if (shape_is_dict(s)) {
        /* Small dictionaries have no table. */
        for (uint32_t i = 0; i < s->entries_len; i++) {
            if (s->entries[i].key == k) {
                *slot = i;
                *attrs = s->entries[i].attrs;
                return true;
            }
        }
        return false;
    }
    if (s->count > SHAPE_LINEAR_LIMIT) {
        if (s->lookups < 255) s->lookups++;
        if (s->lookups >= 4 && shape_build_table(s)) return shape_lookup(s, k, slot, attrs);
    }
    for (Shape *p = s; p->parent; p = p->parent) {
        if (p->key == k) {
            *slot = p->count - 1;
            *attrs = p->attrs;
            return true;
        }
    }
    return false;
}

/* ---- transitions ---- */

static Shape *find_child(Shape *s, PropKey k, uint8_t attrs) {
    if (s->child_index) {
        uint32_t mask = s->child_index_cap - 1;
        for (uint32_t h = (key_hash(k) ^ attrs) & mask;; h = (h + 1) & mask) {
            uint32_t e = s->child_index[h];
            if (e == 0) return NULL;
            Shape *c = s->children[e - 1];
            if (c->key == k && c->attrs == attrs) return c;
        }
    }
    for (uint32_t i = 0; i < s->nchildren; i++) {
        Shape *c = s->children[i];
        if (c->key == k && c->attrs == attrs) return c;
    }
    return NULL;
}

static void rebuild_child_index(Shape *s) {
    uint32_t cap = pow2_at_least(s->nchildren * 2);
    uint32_t *idx = calloc(cap, sizeof(uint32_t));
    free(s->child_index);
    s->child_index = NULL;
    s->child_index_cap = 0;
    if (!idx) return; /* linear scan still works */
    uint32_t mask = cap - 1;
    for (uint32_t i = 0; i < s->nchildren; i++) {
        Shape *c = s->children[i];
        uint32_t h = (key_hash(c->key) ^ c->attrs) & mask;
        while (idx[h])
            h = (h + 1) & mask;
        idx[h] = i + 1;
    }
    s->child_index = idx;
    s->child_index_cap = cap;
}

Shape *shape_add(Runtime *rt, Shape *s, PropKey k, uint8_t attrs) {
    Shape *child = find_child(s, k, attrs);
    if (child) return child;
    /* Make room in the transition list before allocating the child, so a
     * failure leaves nothing half-linked. */
    if (s->nchildren == s->children_cap) {
        uint32_t ncap = s->children_cap ? s->children_cap * 2 : 2;
        Shape **nc =
            gc_realloc(rt, s->children, sizeof(Shape *) * s->children_cap, sizeof(Shape *) * ncap);
        if (!nc) return NULL;
        s->children = nc;
        s->children_cap = ncap;
    }
    child = gc_alloc(rt, CELL_SHAPE, sizeof(Shape));
    if (!child) return NULL;
    child->parent = s;
    child->key = k;
    child->attrs = attrs;
    child->count = s->count + 1;
    GC_WRITE_BARRIER(rt, s, child);
    s->children[s->nchildren++] = child;
    if (s->nchildren > SHAPE_LINEAR_LIMIT &&
        (!s->child_index || s->nchildren * 2 > s->child_index_cap))
        rebuild_child_index(s);
    else if (s->child_index) {
        uint32_t mask = s->child_index_cap - 1;
        uint32_t h = (key_hash(k) ^ attrs) & mask;
        while (s->child_index[h])
            h = (h + 1) & mask;
        s->child_index[h] = s->nchildren;
    }
    return child;
}

/* ---- dictionaries ---- */

static void dict_rebuild_table(Shape *d) {
    free(d->table);
    d->table = NULL;
    d->table_cap = 0;
    if (d->entries_cap <= SHAPE_LINEAR_LIMIT) return;
    uint32_t cap = pow2_at_least(d->entries_cap * 2);
    uint32_t *t = calloc(cap, sizeof(uint32_t));
    if (!t) return; /* lookups fall back to a scan */
    for (uint32_t i = 0; i < d->entries_len; i++)
        if (d->entries[i].key != KEY_NONE) table_insert(t, cap, d->entries[i].key, i);
    d->table = t;
    d->table_cap = cap;
}

Shape *dict_from_shape(Runtime *rt, Shape *s) {
    uint32_t cap = shape_slot_capacity(s->count);
    ShapeEntry *entries = NULL;
    if (cap) {
        entries = gc_malloc(rt, sizeof(ShapeEntry) * cap);
        if (!entries) return NULL;
        shape_collect(s, entries);
    }
    Shape *d = gc_alloc(rt, CELL_SHAPE, sizeof(Shape));
    if (!d) {
        if (entries) gc_free(rt, entries, sizeof(ShapeEntry) * cap);
        return NULL;
    }
    d->hdr.flags = SHAPE_DICT;
    d->key = KEY_NONE;
    d->count = s->count;
    d->entries = entries;
    d->entries_len = s->count;
    d->entries_cap = cap;
    dict_rebuild_table(d);
    return d;
}

int32_t dict_find(Shape *d, PropKey k) {
    if (d->table) return table_find(d->table, d->table_cap, d->entries, k);
    for (uint32_t i = 0; i < d->entries_len; i++)
        if (d->entries[i].key == k) return (int32_t)i;
    return -1;
}

static void dict_compact(Shape *d, Value *slots) {
    uint32_t j = 0;
    for (uint32_t i = 0; i < d->entries_len; i++) {
        if (d->entries[i].key == KEY_NONE) continue;
        d->entries[j] = d->entries[i];
        d->entries[j].slot = j;
        slots[j] = slots[i];
        j++;
    }
    d->entries_len = j;
    dict_rebuild_table(d);
}

int dict_reserve(Runtime *rt, Shape *d, uint32_t extra, Value **slots, uint32_t *slots_cap) {
    if ((uint64_t)d->entries_len + extra <= d->entries_cap &&
        (uint64_t)d->entries_len + extra <= *slots_cap)
        return 0;
    uint32_t tombstones = d->entries_len - d->count;
    if (tombstones > 0 && tombstones >= d->entries_len / 4) {
        dict_compact(d, *slots);
        if ((uint64_t)d->entries_len + extra <= d->entries_cap &&
            (uint64_t)d->entries_len + extra <= *slots_cap)
            return 0;
    }
    uint64_t need = (uint64_t)d->entries_len + extra;
    if (need > (UINT32_MAX >> 4)) {
        throw_range_error(rt->current, "too many properties");
        return -1;
    }
    if (need > d->entries_cap) {
        uint64_t ncap = d->entries_cap ? (uint64_t)d->entries_cap * 2 : 4;
        if (ncap < need) ncap = need;
        ShapeEntry *ne = gc_realloc(rt, d->entries, sizeof(ShapeEntry) * d->entries_cap,
                                    sizeof(ShapeEntry) * ncap);
        if (!ne) return -1;
        d->entries = ne;
        d->entries_cap = (uint32_t)ncap;
        dict_rebuild_table(d);
    }
    if (need > *slots_cap) {
        uint64_t ncap = *slots_cap ? (uint64_t)*slots_cap * 2 : 4;
        if (ncap < need) ncap = need;
        Value *ns = gc_realloc(rt, *slots, sizeof(Value) * *slots_cap, sizeof(Value) * ncap);
        if (!ns) return -1;
        *slots = ns;
        *slots_cap = (uint32_t)ncap;
    }
    return 0;
}

uint32_t dict_append(Shape *d, PropKey k, uint8_t attrs) {
    uint32_t i = d->entries_len++;
    d->entries[i].key = k;
    d->entries[i].slot = i;
    d->entries[i].attrs = attrs;
    d->count++;
    if (d->table) {
        if (d->entries_len * 2 > d->table_cap)
            dict_rebuild_table(d);
        else
            table_insert(d->table, d->table_cap, k, i);
    } else if (d->entries_len > SHAPE_LINEAR_LIMIT) {
        dict_rebuild_table(d);
    }
    return i;
}

void dict_remove(Shape *d, uint32_t i) {
    d->entries[i].key = KEY_NONE;
    d->entries[i].attrs = 0;
    d->count--;
}

/* ---- GC ---- */

/* Weak phase (marking is over): forgets the transitions to children that
 * stayed unmarked, so a shape reachable only through its parent's
 * transition list dies with the objects that used it. Allocates no cells. */
static void shape_clear_dead_children(Runtime *rt, Cell *c) {
    Shape *s = (Shape *)c;
    uint32_t kept = 0;
    for (uint32_t i = 0; i < s->nchildren; i++)
        if (gc_is_marked(rt, &s->children[i]->hdr)) s->children[kept++] = s->children[i];
    if (kept == s->nchildren) return;
    s->nchildren = kept;
    if (s->child_index) {
        if (kept > SHAPE_LINEAR_LIMIT) {
            rebuild_child_index(s);
        } else {
            free(s->child_index);
            s->child_index = NULL;
            s->child_index_cap = 0;
        }
    }
}

static const GCWeakHooks shape_weak_hooks = {.clear = shape_clear_dead_children};

void shape_trace(Runtime *rt, Cell *c) {
    Shape *s = (Shape *)c;
    if (shape_is_dict(s)) {
        for (uint32_t i = 0; i < s->entries_len; i++)
            if (s->entries[i].key != KEY_NONE) gc_mark_value(rt, s->entries[i].key);
        return;
    }
    if (s->parent) gc_mark_cell(rt, &s->parent->hdr);
    if (s->key != KEY_NONE) gc_mark_value(rt, s->key);
    /* Children are not marked: see shape_clear_dead_children. */
    if (s->nchildren) gc_weak_enlist(rt, &s->weak, c, &shape_weak_hooks);
}

void shape_finalize(Runtime *rt, Cell *c) {
    Shape *s = (Shape *)c;
    if (rt->root_shape == s) rt->root_shape = NULL;
    if (s->children) gc_free(rt, s->children, sizeof(Shape *) * s->children_cap);
    free(s->child_index);
    free(s->table);
    if (shape_is_dict(s)) {
        if (s->entries) gc_free(rt, s->entries, sizeof(ShapeEntry) * s->entries_cap);
    } else {
        free(s->entries);
    }
}
