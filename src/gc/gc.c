/*
 * gc.c — the heap: size-class pages, large cells, handle stack, persistent
 * references, and the precise non-moving mark-sweep collector.
 *
 * docs/GC.md states the phases, the invariants and the rooting rule; this
 * file is their one implementation. Layout:
 *  - cells of up to SMALL_MAX bytes live in PAGE_BYTES pages, one size class
 *    per page, free cells threaded on a per-class free list (a free cell has
 *    type CELL_FREE and its `next` pointer right after the header);
 *  - bigger cells are malloc'd one by one behind a LargeCell header and kept
 *    on one list;
 *  - the mark bit is Cell.mark; gray cells wait on an explicit stack, so
 *    marking never recurses, however deep the object graph (or a rope) is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gc/gc.h"
#include "gc/gc_internal.h"
#include "vm/runtime.h"
#include "vm/string.h"
#include "vm/jobs.h"
#include "vm/vm.h"

#if defined(__SANITIZE_ADDRESS__)
#define MICA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MICA_ASAN 1
#endif
#endif
#ifdef MICA_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define GRANULE 16
#define SMALL_MAX 512
#define PAGE_BYTES (16 * 1024)
/* No collection before this many bytes are in use; afterwards the next one
 * comes when the heap has doubled over what survived. */
#define MIN_THRESHOLD ((size_t)4 << 20)
/* Larger requests cannot be satisfied (strings stop at 2^31 bytes). */
#define MAX_CELL_BYTES ((size_t)1 << 40)
#define INITIAL_HANDLES 1024
#define INITIAL_GRAY 1024

static const uint16_t class_sizes[] = {16,  32,  48,  64,  80,  96,  112, 128, 144, 160,
                                       176, 192, 208, 224, 240, 256, 320, 384, 448, 512};
#define NUM_CLASSES ((int)(sizeof class_sizes / sizeof class_sizes[0]))

/* A cell on a free list. Only these 16 bytes stay unpoisoned under ASan. */
typedef struct FreeCell {
    Cell hdr; /* type == CELL_FREE */
    struct FreeCell *next;
} FreeCell;
#define FREE_CELL_VISIBLE_BYTES sizeof(FreeCell)

typedef struct Page {
    struct Page *next;
    uint32_t cell_size;
    uint32_t cell_count;
} Page;
#define PAGE_HEADER_BYTES ((sizeof(Page) + GRANULE - 1) & ~(size_t)(GRANULE - 1))

static inline Cell *page_cell(Page *p, uint32_t i) {
    return (Cell *)((char *)p + PAGE_HEADER_BYTES + (size_t)i * p->cell_size);
}

typedef struct LargeCell {
    struct LargeCell *next;
    size_t size; /* bytes of the cell proper (after this header) */
} LargeCell;
#define LARGE_HEADER_BYTES ((sizeof(LargeCell) + GRANULE - 1) & ~(size_t)(GRANULE - 1))

static inline Cell *large_cell(LargeCell *l) {
    return (Cell *)((char *)l + LARGE_HEADER_BYTES);
}

struct Persistent {
    struct Persistent *prev, *next;
    Value value;
};

/* Ephemerons whose key is still unmarked, indexed by key, so that marking
 * the key marks the values at once (see process_ephemerons). Collector
 * memory (plain malloc), empty outside the ephemeron phase. */
typedef struct EphemeronPair {
    Value value;
    uint32_t next; /* next pair with the same key, or EPH_NIL */
} EphemeronPair;
typedef struct EphemeronSlot {
    Cell *key;     /* NULL: free slot */
    uint32_t head; /* first pair, or EPH_NIL once the key was marked */
} EphemeronSlot;
#define EPH_NIL UINT32_MAX
typedef struct EphemeronIndex {
    bool active; /* gc_ephemeron defers into the index; gc_mark_cell resolves */
    bool failed; /* a malloc failed: finish with full rounds instead */
    EphemeronSlot *slots;
    size_t slot_capacity, slot_count; /* capacity: 0 or a power of two */
    EphemeronPair *pairs;
    uint32_t pair_count, pair_capacity;
    uint32_t *resolved; /* pair lists whose key got marked, not yet marked themselves */
    size_t resolved_count, resolved_capacity;
} EphemeronIndex;

typedef struct Heap Heap;
struct Heap {
    Page *pages[NUM_CLASSES];
    FreeCell *free_lists[NUM_CLASSES];
    LargeCell *large;
    uint8_t class_of_granules[SMALL_MAX / GRANULE + 1];

    size_t bytes; /* cells (rounded to their class) + out-of-line memory */
    size_t peak;
    size_t threshold;
    size_t collections;

    Cell **gray;
    size_t gray_count, gray_capacity;
    bool gray_overflow; /* a marked cell could not be pushed: rescan */

    Persistent *persistents;

    GCWeakLink *weak_cells; /* weak cells reached in the current collection */
    EphemeronIndex eph;

    bool collecting;
    bool vm_ready;
    bool limit_lifted;
    bool reporting_oom;
    bool malloc_every_cell; /* MICA_GC_MALLOC=1: exact ASan reports for cells */
    int stress_countdown;   /* allocations left before the next stress collection */
};

/* ---- accounting ---------------------------------------------------------- */

static inline void account_add(Heap *h, size_t n) {
    h->bytes += n;
    if (h->bytes > h->peak) h->peak = h->bytes;
}
static inline void account_sub(Heap *h, size_t n) {
    h->bytes = h->bytes >= n ? h->bytes - n : 0;
}

static bool over_limit(Runtime *rt, size_t extra) {
    size_t limit = rt->options.max_heap_bytes;
    Heap *h = rt->heap;
    return limit != 0 && !h->limit_lifted && (extra > limit || h->bytes > limit - extra);
}

/* Makes "out of memory" pending and returns NULL. The RangeError is built
 * with the limit lifted; a failure while building it (a real malloc
 * failure) leaves an uncatchable undefined instead of recursing. */
void *gc_throw_oom(Runtime *rt) {
    Heap *h = rt->heap;
    if (h->reporting_oom) {
        rt->exception = VAL_UNDEFINED;
        rt->has_exception = true;
        rt->exception_uncatchable = true;
        return NULL;
    }
    bool was_lifted = h->limit_lifted;
    h->reporting_oom = true;
    h->limit_lifted = true;
    rt_throw_error(rt, ERR_RANGE, "out of memory");
    h->limit_lifted = was_lifted;
    h->reporting_oom = false;
    return NULL;
}

/* ---- lifecycle ------------------------------------------------------------ */

int gc_init(Runtime *rt) {
    Heap *h = calloc(1, sizeof *h);
    if (!h) return -1;
    int cls = 0;
    for (int g = 0; g <= SMALL_MAX / GRANULE; g++) {
        while (class_sizes[cls] < g * GRANULE)
            cls++;
        h->class_of_granules[g] = (uint8_t)cls;
    }
    h->threshold = MIN_THRESHOLD;
    h->gray = malloc(INITIAL_GRAY * sizeof *h->gray);
    rt->handles = malloc(INITIAL_HANDLES * sizeof *rt->handles);
    if (!h->gray || !rt->handles) {
        free(h->gray);
        free(rt->handles);
        rt->handles = NULL;
        free(h);
        return -1;
    }
    h->gray_capacity = INITIAL_GRAY;
    rt->handle_capacity = INITIAL_HANDLES;
    rt->handle_count = 0;
    const char *m = getenv("MICA_GC_MALLOC");
    h->malloc_every_cell = m && m[0] == '1';
    rt->heap = h;
    return 0;
}

void gc_set_vm_ready(Runtime *rt, bool ready) {
    rt->heap->vm_ready = ready;
}
bool gc_vm_ready(Runtime *rt) {
    return rt->heap && rt->heap->vm_ready;
}
void gc_lift_limit(Runtime *rt, bool lifted) {
    rt->heap->limit_lifted = lifted;
}

/* ---- per-type dispatch ------------------------------------------------------ */

static void trace_cell(Runtime *rt, Cell *c) {
    switch ((CellType)c->type) {
    case CELL_STRING: string_trace(rt, c); break;
    case CELL_SYMBOL: symbol_trace(rt, c); break;
    case CELL_OBJECT: object_trace(rt, c); break;
    case CELL_SHAPE: shape_trace(rt, c); break;
    case CELL_ACCESSOR: accessor_trace(rt, c); break;
    case CELL_BYTECODE: bytecode_trace(rt, c); break;
    case CELL_ENV: env_trace(rt, c); break;
    case CELL_VALUE_ARRAY: {
        ValueArray *a = (ValueArray *)c;
        gc_mark_values(rt, a->items, a->length);
        break;
    }
    case CELL_SCRIPT: script_trace(rt, c); break;
    case CELL_INTERNAL: {
        const InternalCellOps *ops = ((InternalCell *)c)->ops;
        if (ops && ops->trace) ops->trace(rt, c);
        break;
    }
    case CELL_BIGINT: /* digits only, no references */
    case CELL_FREE:
    case CELL_TYPE_COUNT: break;
    }
}

static void finalize_cell(Runtime *rt, Cell *c) {
    switch ((CellType)c->type) {
    case CELL_STRING: string_finalize(rt, c); break;
    case CELL_OBJECT: object_finalize(rt, c); break;
    case CELL_SHAPE: shape_finalize(rt, c); break;
    case CELL_BYTECODE: bytecode_finalize(rt, c); break;
    case CELL_ENV: env_finalize(rt, c); break;
    case CELL_VALUE_ARRAY: {
        ValueArray *a = (ValueArray *)c;
        gc_free(rt, a->items, (size_t)a->capacity * sizeof(Value));
        a->items = NULL;
        break;
    }
    case CELL_SCRIPT: script_finalize(rt, c); break;
    case CELL_INTERNAL: {
        const InternalCellOps *ops = ((InternalCell *)c)->ops;
        if (ops && ops->finalize) ops->finalize(rt, c);
        break;
    }
    case CELL_SYMBOL:
    case CELL_ACCESSOR:
    case CELL_BIGINT:
    case CELL_FREE:
    case CELL_TYPE_COUNT: break;
    }
}

/* ---- allocation -------------------------------------------------------------- */

static bool add_page(Heap *h, int cls) {
    Page *p = malloc(PAGE_BYTES);
    if (!p) return false;
    p->cell_size = class_sizes[cls];
    p->cell_count = (uint32_t)((PAGE_BYTES - PAGE_HEADER_BYTES) / p->cell_size);
    FreeCell *list = h->free_lists[cls];
    for (uint32_t i = p->cell_count; i-- > 0;) {
        FreeCell *f = (FreeCell *)page_cell(p, i);
        f->hdr = (Cell){0};
        f->next = list;
        list = f;
        POISON((char *)f + FREE_CELL_VISIBLE_BYTES, p->cell_size - FREE_CELL_VISIBLE_BYTES);
    }
    h->free_lists[cls] = list;
    p->next = h->pages[cls];
    h->pages[cls] = p;
    return true;
}

/* Raw memory for a cell of `need` bytes (already rounded), or NULL. */
static Cell *take_cell(Heap *h, size_t need) {
    if (need <= SMALL_MAX && !h->malloc_every_cell) {
        int cls = h->class_of_granules[need / GRANULE];
        if (!h->free_lists[cls] && !add_page(h, cls)) return NULL;
        FreeCell *f = h->free_lists[cls];
        h->free_lists[cls] = f->next;
        UNPOISON(f, need);
        return &f->hdr;
    }
    LargeCell *l = malloc(LARGE_HEADER_BYTES + need);
    if (!l) return NULL;
    l->size = need;
    l->next = h->large;
    h->large = l;
    return large_cell(l);
}

static bool grow_handles(Runtime *rt) {
    size_t cap = rt->handle_capacity ? rt->handle_capacity * 2 : INITIAL_HANDLES;
    Cell **n = realloc(rt->handles, cap * sizeof *n);
    if (!n) return false;
    rt->handles = n;
    rt->handle_capacity = cap;
    return true;
}

/* GC stress: true at every options.gc_stress-th allocation (1: every one). */
static bool stress_due(Runtime *rt) {
    Heap *h = rt->heap;
    if (--h->stress_countdown > 0) return false;
    h->stress_countdown = rt->options.gc_stress;
    return true;
}

void *gc_alloc(Runtime *rt, CellType type, size_t size) {
    Heap *h = rt->heap;
    if (unlikely(h->collecting)) {
        /* Only finalizers run during a collection, and they must not allocate. */
        fprintf(stderr, "mica: heap allocation during a collection (from a finalizer?)\n");
        abort();
    }
    if (unlikely(size > MAX_CELL_BYTES)) return gc_throw_oom(rt);
    size_t need = size <= SMALL_MAX && !h->malloc_every_cell
                      ? class_sizes[h->class_of_granules[(size + GRANULE - 1) / GRANULE]]
                      : (size + GRANULE - 1) & ~(size_t)(GRANULE - 1);
    if (need < sizeof(FreeCell)) need = sizeof(FreeCell);
    if (unlikely(rt->handle_count == rt->handle_capacity) && !grow_handles(rt))
        return gc_throw_oom(rt);

    bool collected = false;
    if ((unlikely(rt->options.gc_stress > 0) && stress_due(rt)) ||
        h->bytes + need > h->threshold) {
        gc_collect(rt);
        collected = true;
    }
    if (unlikely(over_limit(rt, need))) {
        if (!collected) gc_collect(rt);
        collected = true;
        if (over_limit(rt, need)) return gc_throw_oom(rt);
    }
    Cell *c = take_cell(h, need);
    if (unlikely(!c)) {
        if (!collected) gc_collect(rt);
        c = take_cell(h, need);
        if (!c) return gc_throw_oom(rt);
    }
    memset(c, 0, need);
    c->type = (uint8_t)type;
    account_add(h, need);
    rt->handles[rt->handle_count++] = c;
    return c;
}

void *gc_malloc(Runtime *rt, size_t size) {
    if (over_limit(rt, size) || size > MAX_CELL_BYTES) return gc_throw_oom(rt);
    void *p = malloc(size ? size : 1);
    if (!p) return gc_throw_oom(rt);
    account_add(rt->heap, size);
    return p;
}

void *gc_try_malloc(Runtime *rt, size_t size) {
    if (over_limit(rt, size) || size > MAX_CELL_BYTES) return NULL;
    void *p = malloc(size ? size : 1);
    if (p) account_add(rt->heap, size);
    return p;
}

void *gc_realloc(Runtime *rt, void *p, size_t old_size, size_t new_size) {
    if (new_size > old_size && (over_limit(rt, new_size - old_size) || new_size > MAX_CELL_BYTES))
        return gc_throw_oom(rt);
    void *n = realloc(p, new_size ? new_size : 1);
    if (!n) return gc_throw_oom(rt);
    if (new_size >= old_size)
        account_add(rt->heap, new_size - old_size);
    else
        account_sub(rt->heap, old_size - new_size);
    return n;
}

void gc_free(Runtime *rt, void *p, size_t size) {
    if (!p) return;
    free(p);
    account_sub(rt->heap, size);
}

ValueArray *value_array_new(Runtime *rt, uint32_t capacity) {
    ValueArray *a = gc_alloc(rt, CELL_VALUE_ARRAY, sizeof(ValueArray));
    if (!a) return NULL;
    if (capacity) {
        /* gc_malloc never collects, so `a` needs no extra rooting here. */
        a->items = gc_malloc(rt, (size_t)capacity * sizeof(Value));
        if (!a->items) return NULL;
        a->capacity = capacity;
    }
    return a;
}

int value_array_push(Runtime *rt, ValueArray *a, Value v) {
    if (a->length == a->capacity) {
        if (a->capacity >= UINT32_MAX / 2) {
            gc_throw_oom(rt);
            return -1;
        }
        uint32_t cap = a->capacity ? a->capacity * 2 : 8;
        Value *items = gc_realloc(rt, a->items, (size_t)a->capacity * sizeof(Value),
                                  (size_t)cap * sizeof(Value));
        if (!items) return -1;
        a->items = items;
        a->capacity = cap;
    }
    GC_WRITE_BARRIER(rt, a, v);
    a->items[a->length++] = v;
    return 0;
}

/* ---- handle scopes ------------------------------------------------------------- */

HandleMark gc_scope_open(Runtime *rt) {
    return rt->handle_count;
}

void gc_scope_close(Runtime *rt, HandleMark m) {
    assert(m <= rt->handle_count);
    if (m <= rt->handle_count) rt->handle_count = m;
}

Value gc_scope_escape(Runtime *rt, HandleMark m, Value v) {
    gc_scope_close(rt, m);
    return gc_protect(rt, v);
}

void gc_protect_cell(Runtime *rt, Cell *c) {
    if (!c) return;
    if (unlikely(rt->handle_count == rt->handle_capacity) && !grow_handles(rt)) {
        /* gc_protect has no failure path: a value we cannot root could be
         * freed under its holder, so stop rather than corrupt memory. */
        fprintf(stderr, "mica: out of memory growing the handle stack\n");
        abort();
    }
    rt->handles[rt->handle_count++] = c;
}

Value gc_protect(Runtime *rt, Value v) {
    if (val_is_heap(v)) gc_protect_cell(rt, val_as_cell(v));
    return v;
}

/* ---- persistent references --------------------------------------------------------- */

Persistent *gc_persistent_new(Runtime *rt, Value v) {
    /* A finalizer may read dead cells but never resurrect one. */
    if (rt->heap->collecting) return NULL;
    Persistent *p = malloc(sizeof *p);
    if (!p) return NULL;
    Heap *h = rt->heap;
    p->value = v;
    p->prev = NULL;
    p->next = h->persistents;
    if (h->persistents) h->persistents->prev = p;
    h->persistents = p;
    return p;
}

Value gc_persistent_get(Persistent *p) {
    return p->value;
}
void gc_persistent_set(Persistent *p, Value v) {
    p->value = v;
}

void gc_persistent_free(Runtime *rt, Persistent *p) {
    if (!p) return;
    Heap *h = rt->heap;
    if (p->prev)
        p->prev->next = p->next;
    else
        h->persistents = p->next;
    if (p->next) p->next->prev = p->prev;
    free(p);
}

/* ---- marking ---------------------------------------------------------------------- */

/* ---- the ephemeron index ----------------------------------------------------------- */

static inline size_t eph_slot_of(const EphemeronIndex *e, const Cell *key) {
    uint64_t x = (uint64_t)(uintptr_t)key;
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 32;
    return (size_t)x & (e->slot_capacity - 1);
}

static EphemeronSlot *eph_find(EphemeronIndex *e, const Cell *key) {
    if (!e->slot_capacity) return NULL;
    for (size_t i = eph_slot_of(e, key);; i = (i + 1) & (e->slot_capacity - 1)) {
        if (e->slots[i].key == key) return &e->slots[i];
        if (!e->slots[i].key) return NULL;
    }
}

static bool eph_grow_slots(EphemeronIndex *e) {
    size_t cap = e->slot_capacity ? e->slot_capacity * 2 : 1024;
    EphemeronSlot *old = e->slots;
    size_t old_cap = e->slot_capacity;
    EphemeronSlot *slots = calloc(cap, sizeof *slots);
    if (!slots) return false;
    e->slots = slots;
    e->slot_capacity = cap;
    for (size_t i = 0; i < old_cap; i++) {
        if (!old[i].key) continue;
        size_t j = eph_slot_of(e, old[i].key);
        while (slots[j].key)
            j = (j + 1) & (cap - 1);
        slots[j] = old[i];
    }
    free(old);
    return true;
}

/* Records that value must be marked once key is. */
static void eph_defer(EphemeronIndex *e, Cell *key, Value value) {
    if (e->pair_count == e->pair_capacity) {
        uint32_t cap = e->pair_capacity ? e->pair_capacity * 2 : 1024;
        EphemeronPair *pairs =
            cap > e->pair_capacity ? realloc(e->pairs, cap * sizeof *pairs) : NULL;
        if (!pairs) {
            e->failed = true;
            return;
        }
        e->pairs = pairs;
        e->pair_capacity = cap;
    }
    if ((e->slot_count + 1) * 2 > e->slot_capacity && !eph_grow_slots(e)) {
        e->failed = true;
        return;
    }
    EphemeronSlot *slot = eph_find(e, key);
    if (!slot) {
        size_t i = eph_slot_of(e, key);
        while (e->slots[i].key)
            i = (i + 1) & (e->slot_capacity - 1);
        slot = &e->slots[i];
        slot->key = key;
        slot->head = EPH_NIL;
        e->slot_count++;
    }
    uint32_t p = e->pair_count++;
    e->pairs[p].value = value;
    e->pairs[p].next = slot->head;
    slot->head = p;
}

/* gc_mark_cell just marked c: if c is a deferred key, queue its values. */
static void ephemeron_key_marked(Heap *h, Cell *c) {
    EphemeronIndex *e = &h->eph;
    EphemeronSlot *slot = eph_find(e, c);
    if (!slot || slot->head == EPH_NIL) return;
    if (e->resolved_count == e->resolved_capacity) {
        size_t cap = e->resolved_capacity ? e->resolved_capacity * 2 : 256;
        uint32_t *r = realloc(e->resolved, cap * sizeof *r);
        if (!r) {
            e->failed = true; /* the closing rounds will find these values */
            return;
        }
        e->resolved = r;
        e->resolved_capacity = cap;
    }
    e->resolved[e->resolved_count++] = slot->head;
    slot->head = EPH_NIL;
}

static void eph_reset(EphemeronIndex *e) {
    free(e->slots);
    free(e->pairs);
    free(e->resolved);
    *e = (EphemeronIndex){0};
}

bool gc_ephemeron(Runtime *rt, Cell *key, Value value) {
    Heap *h = rt->heap;
    if (key->mark) {
        if (!val_is_heap(value) || val_as_cell(value)->mark) return false;
        gc_mark_value(rt, value);
        return true;
    }
    if (h->eph.active && !h->eph.failed) eph_defer(&h->eph, key, value);
    return false;
}

static void gray_push(Heap *h, Cell *c) {
    if (h->gray_count == h->gray_capacity) {
        size_t cap = h->gray_capacity * 2;
        Cell **n = realloc(h->gray, cap * sizeof *n);
        if (!n) {
            /* c stays marked but untraced; drain_gray rescans the heap. */
            h->gray_overflow = true;
            return;
        }
        h->gray = n;
        h->gray_capacity = cap;
    }
    h->gray[h->gray_count++] = c;
}

void gc_mark_cell(Runtime *rt, Cell *c) {
    if (!c || c->mark) return;
    c->mark = 1;
    if (unlikely(rt->heap->eph.active)) ephemeron_key_marked(rt->heap, c);
    /* Flat strings (but slices) and bigints hold no references: black at once. */
    if (c->type == CELL_BIGINT || (c->type == CELL_STRING && !(c->flags & (STR_ROPE | STR_SLICE))))
        return;
    gray_push(rt->heap, c);
}

void gc_mark_value(Runtime *rt, Value v) {
    if (val_is_heap(v)) gc_mark_cell(rt, val_as_cell(v));
}

bool gc_is_marked(Runtime *rt, Cell *c) {
    (void)rt;
    return c->mark != 0;
}

static void drain_gray(Runtime *rt) {
    Heap *h = rt->heap;
    for (;;) {
        while (h->gray_count)
            trace_cell(rt, h->gray[--h->gray_count]);
        if (h->eph.resolved_count) {
            /* A deferred ephemeron key was marked: its values are reachable. */
            uint32_t p = h->eph.resolved[--h->eph.resolved_count];
            for (; p != EPH_NIL; p = h->eph.pairs[p].next)
                gc_mark_value(rt, h->eph.pairs[p].value);
            continue;
        }
        if (!h->gray_overflow) return;
        /* Some marked cells were dropped from a full gray stack. Tracing
         * every marked cell again reaches their children; repeat until a
         * pass completes without overflowing. */
        h->gray_overflow = false;
        for (int cls = 0; cls < NUM_CLASSES; cls++) {
            for (Page *p = h->pages[cls]; p; p = p->next) {
                for (uint32_t i = 0; i < p->cell_count; i++) {
                    Cell *c = page_cell(p, i);
                    if (c->type == CELL_FREE || !c->mark) continue;
                    trace_cell(rt, c);
                    while (h->gray_count)
                        trace_cell(rt, h->gray[--h->gray_count]);
                }
            }
        }
        for (LargeCell *l = h->large; l; l = l->next) {
            Cell *c = large_cell(l);
            if (!c->mark) continue;
            trace_cell(rt, c);
            while (h->gray_count)
                trace_cell(rt, h->gray[--h->gray_count]);
        }
    }
}

/* The job queue is a root: every value a pending job holds, and the
 * agent's [[KeptAlive]] list (KeepDuringJob) — vm/jobs.c. */
static void mark_job_queue(Runtime *rt) { jobs_trace(rt); }

/* The root set — the only one (docs/GC.md, "Roots"). */
static void gc_mark_roots(Runtime *rt) {
    Heap *h = rt->heap;
    for (size_t i = 0; i < rt->handle_count; i++)
        gc_mark_cell(rt, rt->handles[i]);
    for (Persistent *p = h->persistents; p; p = p->next)
        gc_mark_value(rt, p->value);
    if (rt->has_exception) gc_mark_value(rt, rt->exception);
    atom_table_trace_roots(rt);
    for (int i = 0; i < WKS_COUNT; i++)
        gc_mark_cell(rt, (Cell *)rt->well_known[i]);
    gc_mark_value(rt, rt->symbol_registry); /* Symbol.for's registry */
    for (Context *ctx = rt->contexts; ctx; ctx = ctx->next)
        if (!ctx->freed) context_trace(rt, ctx);
    if (h->vm_ready) vm_trace(rt);
    /* A realm freed while its code runs stays current until that code returns. */
    gc_mark_realm(rt, rt->current);
    mark_job_queue(rt); /* pending jobs and the kept-alive list (KeepDuringJob) */
}

/* ---- weak processing ------------------------------------------------------------------ */

void gc_weak_enlist(Runtime *rt, GCWeakLink *link, Cell *cell, const GCWeakHooks *hooks) {
    Heap *h = rt->heap;
    size_t epoch = h->collections + 1;
    if (link->epoch == epoch) return;
    link->epoch = epoch;
    link->cell = cell;
    link->hooks = hooks;
    link->next = h->weak_cells;
    h->weak_cells = link;
}

/* Ephemeron fixpoint. Every reached weak cell's hook calls gc_ephemeron for
 * its entries: values of marked keys are marked. Draining the gray stack may
 * mark more keys and reach more weak cells, so this repeats. A few plain
 * rounds settle the common cases (no chains) without memory. Past them the
 * remaining entries go into an index by key, and gc_mark_cell marks a
 * deferred key's values as soon as the key is marked — so a chain of n keys,
 * each reachable only through the previous entry's value, takes O(n), not
 * n rounds. If the index cannot get memory, rounds finish the job. Either
 * way the whole chain lives or dies in this one collection. */
#define EPHEMERON_PLAIN_ROUNDS 3
static bool ephemeron_round(Runtime *rt) {
    bool progress = false;
    for (GCWeakLink *l = rt->heap->weak_cells; l; l = l->next)
        if (l->hooks->ephemerons && l->hooks->ephemerons(rt, l->cell)) progress = true;
    return progress;
}

static void process_ephemerons(Runtime *rt) {
    Heap *h = rt->heap;
    for (int round = 0; round < EPHEMERON_PLAIN_ROUNDS; round++) {
        /* No progress means nothing was marked, so no new weak cell either. */
        if (!ephemeron_round(rt)) return;
        drain_gray(rt);
    }
    EphemeronIndex *e = &h->eph;
    e->active = true;
    GCWeakLink *done = NULL;
    while (h->weak_cells != done && !e->failed) {
        GCWeakLink *head = h->weak_cells; /* cells enlisted while draining come first */
        for (GCWeakLink *l = head; l != done; l = l->next)
            if (l->hooks->ephemerons) l->hooks->ephemerons(rt, l->cell);
        done = head;
        drain_gray(rt);
    }
    bool failed = e->failed;
    eph_reset(e);
    if (failed) {
        while (ephemeron_round(rt))
            drain_gray(rt);
    }
}

/* A freed realm that nothing reached in this collection (no function,
 * frame, suspended generator or registry of it is alive: each would have
 * called gc_mark_realm) loses its intrinsics and global object in this
 * sweep. Its C struct stays until mica_runtime_free, since raw pointers to
 * it may remain (dropped jobs, the embedder's handle), so its slots are
 * reset here: a later gc_mark_realm or a stray read finds undefined, never
 * freed memory. */
static void forget_unreached_realms(Runtime *rt) {
    uint32_t epoch = (uint32_t)rt->heap->collections + 1;
    for (Context *ctx = rt->freed_contexts; ctx; ctx = ctx->next) {
        if (ctx->gc_epoch == epoch) continue;
        for (int i = 0; i < INTR_COUNT; i++)
            ctx->intrinsics[i] = VAL_UNDEFINED;
        ctx->global = NULL;
        ctx->global_lex_env = VAL_UNDEFINED;
        ctx->template_registry = VAL_UNDEFINED;
        ctx->module_registry = VAL_UNDEFINED;
    }
}

/* Weak references: marking is over, and nothing below marks, allocates a
 * cell or runs JavaScript. Each weak cell reached in this collection drops
 * what stayed unmarked through its clear hook:
 *  - WeakMap / WeakSet tables remove entries with dead keys (ordered_table.c);
 *  - a WeakRef forgets a dead target (weakref.c);
 *  - a live FinalizationRegistry marks the cells whose target died as
 *    pending, forgets dead unregister tokens, and queues its one
 *    cleanup job through HostEnqueueFinalizationRegistryCleanupJob, which
 *    uses the job slot the registry reserved when it was created (so this
 *    cannot fail or allocate). The callbacks run later, as that job.
 * Weak cells that were not reached are dead and take their entries with
 * them: a dead registry's cells go, and its held values were never roots.
 * Then freed realms that nothing reached are forgotten. */
static void process_weak_references(Runtime *rt) {
    Heap *h = rt->heap;
    for (GCWeakLink *l = h->weak_cells; l; l = l->next)
        if (l->hooks->clear) l->hooks->clear(rt, l->cell);
    h->weak_cells = NULL;
    forget_unreached_realms(rt);
}

/* ---- sweeping ---------------------------------------------------------------------------- */

/* Pass 1 runs every finalizer before pass 2 frees anything, so a finalizer
 * that reads another dead cell (its shape, its class payload) reads memory
 * that is still intact. */
static void run_finalizers(Runtime *rt, bool everything) {
    Heap *h = rt->heap;
    for (int cls = 0; cls < NUM_CLASSES; cls++) {
        for (Page *p = h->pages[cls]; p; p = p->next) {
            for (uint32_t i = 0; i < p->cell_count; i++) {
                Cell *c = page_cell(p, i);
                if (c->type != CELL_FREE && (everything || !c->mark)) finalize_cell(rt, c);
            }
        }
    }
    for (LargeCell *l = h->large; l; l = l->next) {
        Cell *c = large_cell(l);
        if (everything || !c->mark) finalize_cell(rt, c);
    }
}

/* Pass 2: frees dead cells, clears marks, rebuilds the free lists and
 * returns pages that became empty (keeping one spare per class). */
static void free_dead_cells(Runtime *rt) {
    Heap *h = rt->heap;
    for (int cls = 0; cls < NUM_CLASSES; cls++) {
        FreeCell *free_list = NULL;
        bool kept_empty_page = false;
        Page **link = &h->pages[cls];
        while (*link) {
            Page *p = *link;
            FreeCell *page_free = NULL, *page_tail = NULL;
            uint32_t live = 0;
            for (uint32_t i = p->cell_count; i-- > 0;) {
                Cell *c = page_cell(p, i);
                if (c->type != CELL_FREE) {
                    if (c->mark) {
                        c->mark = 0;
                        live++;
                        continue;
                    }
                    account_sub(h, p->cell_size);
                    c->type = CELL_FREE;
                    POISON((char *)c + FREE_CELL_VISIBLE_BYTES,
                           p->cell_size - FREE_CELL_VISIBLE_BYTES);
                }
                FreeCell *f = (FreeCell *)c;
                f->next = page_free;
                page_free = f;
                if (!page_tail) page_tail = f;
            }
            if (live == 0 && kept_empty_page) {
                *link = p->next;
                UNPOISON(p, PAGE_BYTES);
                free(p);
                continue;
            }
            if (live == 0) kept_empty_page = true;
            if (page_free) {
                page_tail->next = free_list;
                free_list = page_free;
            }
            link = &p->next;
        }
        h->free_lists[cls] = free_list;
    }
    LargeCell **link = &h->large;
    while (*link) {
        LargeCell *l = *link;
        Cell *c = large_cell(l);
        if (c->mark) {
            c->mark = 0;
            link = &l->next;
            continue;
        }
        *link = l->next;
        account_sub(h, l->size);
        free(l);
    }
}

/* ---- collection ----------------------------------------------------------------------------- */

void gc_collect(Runtime *rt) {
    Heap *h = rt->heap;
    if (!h || h->collecting) return;
    h->collecting = true;

    /* 1. mark */
    gc_mark_roots(rt);
    drain_gray(rt);
    /* 2. ephemerons, to a fixpoint */
    process_ephemerons(rt);
    /* 3. weak processing: nothing below may mark */
    atom_table_sweep_weak(rt);
    process_weak_references(rt);
    /* 4. sweep */
    run_finalizers(rt, false);
    free_dead_cells(rt);

    h->collections++;
    h->threshold = h->bytes * 2 > MIN_THRESHOLD ? h->bytes * 2 : MIN_THRESHOLD;
    h->collecting = false;
}

void gc_teardown(Runtime *rt) {
    Heap *h = rt->heap;
    if (!h) return;
    h->collecting = true; /* finalizers must not allocate */
    run_finalizers(rt, true);
    for (int cls = 0; cls < NUM_CLASSES; cls++) {
        Page *p = h->pages[cls];
        while (p) {
            Page *next = p->next;
            UNPOISON(p, PAGE_BYTES);
            free(p);
            p = next;
        }
    }
    LargeCell *l = h->large;
    while (l) {
        LargeCell *next = l->next;
        free(l);
        l = next;
    }
    Persistent *p = h->persistents;
    while (p) {
        Persistent *next = p->next;
        free(p);
        p = next;
    }
    free(h->gray);
    free(rt->handles);
    rt->handles = NULL;
    rt->handle_count = rt->handle_capacity = 0;
    free(h);
    rt->heap = NULL;
}

/* A freed realm is no longer a root, yet its functions may still be alive
 * (stored in another realm) and will use its intrinsics when called. Every
 * cell that holds a Context * calls this from its trace function; the realm
 * is traced once per collection. */
void gc_mark_realm(Runtime *rt, Context *ctx) {
    if (!ctx || !ctx->freed) return; /* live realms are roots already */
    uint32_t epoch = (uint32_t)rt->heap->collections + 1;
    if (ctx->gc_epoch == epoch) return;
    ctx->gc_epoch = epoch;
    context_trace(rt, ctx);
}

void mica_heap_stats_get(mica_runtime *rt, mica_heap_stats *out) {
    Heap *h = rt->heap;
    out->bytes_in_use = h->bytes;
    out->peak_bytes = h->peak;
    out->collections = h->collections;
}
