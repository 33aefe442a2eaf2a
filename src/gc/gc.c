/*
 * gc.c — the heap: size-class pages, large cells, handle stack, persistent
 * references, and the precise non-moving mark-sweep collector.
 *
 * docs/GC.md states the phases, the invariants and the rooting rule; this
 * file is their one implementation. Layout:
 *  - cells of up to SMALL_MAX bytes live in PAGE_BYTES pages, one size class
 *    per page, free cells threaded on a per-class free list (a free cell has
 *    type CELL_FREE and its `next` pointer right after the header); when the
 *    list is empty a class bumps through a fresh page (retire_bump_regions
 *    threads the rest before any walk); pages the sweep finds without
 *    survivors go to an empty-page pool shared by all classes;
 *  - out-of-line memory (gc_malloc) comes from size-class blocks carved out
 *    of aligned chunks, each block behind a header naming its class;
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
 * comes when the heap has grown to HEAP_GROWTH times what survived. Marking
 * costs the live heap per collection, so the mark work per allocated byte is
 * live / ((HEAP_GROWTH - 1) * live): constant, never quadratic. The floor
 * keeps small heaps (where the live set is mostly the realm's intrinsics,
 * ~1-2 MiB) from collecting every few hundred kilobytes; 8 MiB saved only
 * ~2% of the instructions of the allocation micro-benchmark for +5 MiB of
 * resident memory in every small program, so it stays at 4 MiB. */
#define MIN_THRESHOLD ((size_t)4 << 20)
#define HEAP_GROWTH 2
/* Larger requests cannot be satisfied (strings stop at 2^31 bytes). */
#define MAX_CELL_BYTES ((size_t)1 << 40)
#define INITIAL_HANDLES 1024
#define INITIAL_GRAY 1024

static const uint16_t class_sizes[] = {16,  32,  48,  64,  80,  96,  112, 128, 144, 160,
                                       176, 192, 208, 224, 240, 256, 320, 384, 448, 512};
#define NUM_CLASSES ((int)(sizeof class_sizes / sizeof class_sizes[0]))

/* Out-of-line blocks (gc_malloc), header included: 16-byte steps, then sizes
 * that fit the doubling arrays of Values (2^k * 8 bytes + the header). */
static const uint16_t block_sizes[] = {16,  32,  48,  64,  80,  96,  112, 128, 144, 160, 176,
                                       192, 208, 224, 240, 256, 272, 320, 384, 448, 528, 1040};
#define NUM_BLOCK_CLASSES ((int)(sizeof block_sizes / sizeof block_sizes[0]))
#define BLOCK_SMALL_MAX 1040
#define BLOCK_CHUNK_BYTES (64 * 1024)

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
    uint32_t live; /* cells that survived the last collection (run_finalizers) */
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
    /* The unused tail of the page a class allocates from by bumping; the
     * cells there are not threaded yet (retire_bump_regions threads them
     * before anything walks the pages). */
    char *bump[NUM_CLASSES], *bump_end[NUM_CLASSES];
    Page *empty_pages; /* wholly free pages, of no class, kept for reuse */
    size_t empty_page_count;
    LargeCell *large;
    uint8_t class_of_granules[SMALL_MAX / GRANULE + 1];
    struct FreeBlock *free_blocks[NUM_BLOCK_CLASSES];
    struct BlockChunk *block_chunks[NUM_BLOCK_CLASSES];
    uint8_t block_class_of_granules[BLOCK_SMALL_MAX / GRANULE + 1];

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
    cls = 0;
    for (int g = 0; g <= BLOCK_SMALL_MAX / GRANULE; g++) {
        while (block_sizes[cls] < g * GRANULE)
            cls++;
        h->block_class_of_granules[g] = (uint8_t)cls;
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

/* A page for class cls, from the empty pool or the system; its cells are
 * handed out by bumping through it, so a fresh page is never threaded. */
static bool add_page(Heap *h, int cls) {
    Page *p = h->empty_pages;
    if (p) {
        h->empty_pages = p->next;
        h->empty_page_count--;
    } else {
        p = malloc(PAGE_BYTES);
        if (!p) return false;
    }
    p->cell_size = class_sizes[cls];
    p->cell_count = (uint32_t)((PAGE_BYTES - PAGE_HEADER_BYTES) / p->cell_size);
    p->live = 0;
    p->next = h->pages[cls];
    h->pages[cls] = p;
    h->bump[cls] = (char *)page_cell(p, 0);
    h->bump_end[cls] = (char *)page_cell(p, p->cell_count);
    return true;
}

/* Threads the cells no bump reached onto the free lists, as free cells, so
 * that every cell of every page has a valid header for the walks of a
 * collection (overflow rescan, finalizers, sweep) and of teardown. */
static void retire_bump_regions(Heap *h) {
    for (int cls = 0; cls < NUM_CLASSES; cls++) {
        size_t size = class_sizes[cls];
        for (char *at = h->bump[cls]; at && at < h->bump_end[cls]; at += size) {
            FreeCell *f = (FreeCell *)at;
            UNPOISON(f, FREE_CELL_VISIBLE_BYTES);
            f->hdr = (Cell){0};
            f->next = h->free_lists[cls];
            h->free_lists[cls] = f;
            POISON((char *)f + FREE_CELL_VISIBLE_BYTES, size - FREE_CELL_VISIBLE_BYTES);
        }
        h->bump[cls] = h->bump_end[cls] = NULL;
    }
}

/* Raw memory for a cell of `need` bytes (already rounded), or NULL. */
static Cell *take_cell(Heap *h, size_t need) {
    if (need <= SMALL_MAX && !h->malloc_every_cell) {
        int cls = h->class_of_granules[need / GRANULE];
        FreeCell *f = h->free_lists[cls];
        if (f) {
            h->free_lists[cls] = f->next;
        } else {
            if (h->bump[cls] == h->bump_end[cls] && !add_page(h, cls)) return NULL;
            f = (FreeCell *)h->bump[cls];
            h->bump[cls] += need;
        }
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

/* Everything but the common case: stress, a collection due, the heap limit,
 * a class without free cells, large cells, a full handle stack. */
static void *gc_alloc_slow(Runtime *rt, CellType type, size_t size) {
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
    if ((unlikely(rt->options.gc_stress > 0) && stress_due(rt)) || h->bytes + need > h->threshold) {
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

/* The fast path: a small cell from a free list or the bump region, no collection due
 * (h->threshold is 0 while collecting, so finalizers that allocate still
 * reach the abort in gc_alloc_slow), no stress mode, no heap limit. Only the
 * `size` bytes the caller asked for need zeroing; the rest of the class
 * slot is never read. */
void *gc_alloc(Runtime *rt, CellType type, size_t size) {
    Heap *h = rt->heap;
    if (likely(size <= SMALL_MAX)) {
        int cls = h->class_of_granules[(size + GRANULE - 1) / GRANULE];
        size_t need = class_sizes[cls];
        if (likely(h->bytes + need <= h->threshold && rt->handle_count < rt->handle_capacity &&
                   rt->options.gc_stress <= 0 && rt->options.max_heap_bytes == 0)) {
            FreeCell *f = h->free_lists[cls];
            if (likely(f != NULL)) {
                h->free_lists[cls] = f->next;
            } else if (h->bump[cls] != h->bump_end[cls]) {
                f = (FreeCell *)h->bump[cls];
                h->bump[cls] += need;
            } else {
                return gc_alloc_slow(rt, type, size);
            }
            UNPOISON(f, need);
            Cell *c = &f->hdr;
            memset(c, 0, size < sizeof(FreeCell) ? sizeof(FreeCell) : size);
            c->type = (uint8_t)type;
            account_add(h, need);
            rt->handles[rt->handle_count++] = c;
            return c;
        }
    }
    return gc_alloc_slow(rt, type, size);
}

/* ---- out-of-line memory ------------------------------------------------------------
 * Slots, elements, string buffers and the like are freed in bulk by the
 * sweep and reallocated constantly (an object's slots grow 0 -> 4 -> 8 ...),
 * which makes the system malloc's caches thrash. Blocks of up to
 * BLOCK_SMALL_MAX bytes therefore come from per-size-class free lists carved
 * out of BLOCK_CHUNK_BYTES chunks; bigger ones from malloc. Every block
 * starts with a BlockHeader naming its class, so gc_free and gc_realloc never
 * depend on the size their caller passes (that size is only accounting), and
 * a pointer that did not come from here (no magic) is handed to free/realloc
 * as before. Chunks are BLOCK_CHUNK_BYTES-aligned, so a block finds its
 * chunk's live count by masking its address; chunks that empty are kept or
 * returned after each collection (release_empty_block_chunks). */
#define BLOCK_MAGIC 0x6d696361u /* "mica" */
#define BLOCK_LARGE 0xffffu
typedef struct BlockHeader {
    uint32_t magic;
    uint16_t cls; /* index into block_sizes, or BLOCK_LARGE (own malloc) */
    uint16_t reserved;
} BlockHeader;
typedef struct FreeBlock {
    BlockHeader hdr;
    struct FreeBlock *next;
} FreeBlock;
typedef struct BlockChunk {
    struct BlockChunk *next;
    uint32_t cls;
    uint32_t live; /* blocks handed out and not yet freed */
} BlockChunk;
#define CHUNK_HEADER_BYTES ((sizeof(BlockChunk) + GRANULE - 1) & ~(size_t)(GRANULE - 1))

static inline size_t block_payload(int cls) {
    return block_sizes[cls] - sizeof(BlockHeader);
}
static inline BlockChunk *chunk_of(void *block) {
    return (BlockChunk *)((uintptr_t)block & ~(uintptr_t)(BLOCK_CHUNK_BYTES - 1));
}

static bool add_block_chunk(Heap *h, int cls) {
    BlockChunk *ch = aligned_alloc(BLOCK_CHUNK_BYTES, BLOCK_CHUNK_BYTES);
    if (!ch) return false;
    ch->cls = (uint32_t)cls;
    ch->live = 0;
    ch->next = h->block_chunks[cls];
    h->block_chunks[cls] = ch;
    size_t size = block_sizes[cls];
    size_t count = (BLOCK_CHUNK_BYTES - CHUNK_HEADER_BYTES) / size;
    FreeBlock *list = h->free_blocks[cls];
    for (size_t i = count; i-- > 0;) {
        FreeBlock *b = (FreeBlock *)((char *)ch + CHUNK_HEADER_BYTES + i * size);
        b->hdr = (BlockHeader){BLOCK_MAGIC, (uint16_t)cls, 0};
        b->next = list;
        list = b;
        POISON((char *)b + sizeof(FreeBlock), size - sizeof(FreeBlock));
    }
    h->free_blocks[cls] = list;
    return true;
}

/* Raw block of at least `size` usable bytes; NULL on malloc failure. */
static void *block_alloc(Heap *h, size_t size) {
    if (size <= BLOCK_SMALL_MAX - sizeof(BlockHeader) && !h->malloc_every_cell) {
        int cls = h->block_class_of_granules[(size + sizeof(BlockHeader) + GRANULE - 1) / GRANULE];
        if (unlikely(!h->free_blocks[cls]) && !add_block_chunk(h, cls)) return NULL;
        FreeBlock *b = h->free_blocks[cls];
        UNPOISON(b, block_sizes[cls]);
        h->free_blocks[cls] = b->next;
        chunk_of(b)->live++;
        return (char *)b + sizeof(BlockHeader);
    }
    if (size > SIZE_MAX - sizeof(BlockHeader)) return NULL;
    BlockHeader *hd = malloc(sizeof(BlockHeader) + size);
    if (!hd) return NULL;
    *hd = (BlockHeader){BLOCK_MAGIC, BLOCK_LARGE, 0};
    return hd + 1;
}

static void block_free(Heap *h, void *p) {
    BlockHeader *hd = (BlockHeader *)p - 1;
    if (unlikely(hd->magic != BLOCK_MAGIC)) {
        free(p); /* plain malloc memory handed to gc_free */
        return;
    }
    if (hd->cls == BLOCK_LARGE) {
        hd->magic = 0;
        free(hd);
        return;
    }
    int cls = hd->cls;
    FreeBlock *b = (FreeBlock *)hd;
    b->next = h->free_blocks[cls];
    h->free_blocks[cls] = b;
    chunk_of(b)->live--;
    POISON((char *)b + sizeof(FreeBlock), block_sizes[cls] - sizeof(FreeBlock));
}

/* NULL on failure, p untouched. */
static void *block_realloc(Heap *h, void *p, size_t new_size) {
    if (!p) return block_alloc(h, new_size);
    BlockHeader *hd = (BlockHeader *)p - 1;
    if (unlikely(hd->magic != BLOCK_MAGIC)) return realloc(p, new_size ? new_size : 1);
    if (hd->cls == BLOCK_LARGE) {
        if (new_size > BLOCK_SMALL_MAX - sizeof(BlockHeader) || h->malloc_every_cell) {
            if (new_size > SIZE_MAX - sizeof(BlockHeader)) return NULL;
            BlockHeader *n = realloc(hd, sizeof(BlockHeader) + new_size);
            return n ? n + 1 : NULL;
        }
        /* Shrinking into a pool block: the old size is unknown, but it was
         * bigger than any pool block, so new_size bytes are there to copy. */
        void *n = block_alloc(h, new_size);
        if (!n) return NULL;
        memcpy(n, p, new_size);
        block_free(h, p);
        return n;
    }
    size_t have = block_payload(hd->cls);
    if (new_size <= have && (hd->cls == 0 || new_size > block_payload(hd->cls - 1))) return p;
    void *n = block_alloc(h, new_size);
    if (!n) return NULL;
    memcpy(n, p, new_size < have ? new_size : have);
    block_free(h, p);
    return n;
}

/* After a sweep: chunks whose blocks are all free again are kept while
 * keep_bytes lasts (what the heap may grow by before the next collection,
 * less the empty cell pages kept for it), plus one per class, and go back to
 * the system beyond that: a steady state reuses its chunks, a heap that
 * shrank returns them. A released chunk's blocks are unlinked from the free
 * list first (a walk of that list, only for classes with a chunk to
 * release). */
static void release_empty_block_chunks(Heap *h, size_t keep_bytes) {
    size_t pages_kept = h->empty_page_count * PAGE_BYTES;
    size_t budget = keep_bytes > pages_kept ? keep_bytes - pages_kept : 0;
    for (int cls = 0; cls < NUM_BLOCK_CLASSES; cls++) {
        size_t releasing = 0;
        bool kept_one = false;
        for (BlockChunk *ch = h->block_chunks[cls]; ch; ch = ch->next) {
            if (ch->live != 0) continue;
            if (!kept_one || budget >= BLOCK_CHUNK_BYTES) {
                if (kept_one) budget -= BLOCK_CHUNK_BYTES;
                kept_one = true;
                continue;
            }
            ch->live = UINT32_MAX; /* to release */
            releasing++;
        }
        if (releasing == 0) continue;
        FreeBlock **link = &h->free_blocks[cls];
        while (*link) {
            FreeBlock *b = *link;
            if (chunk_of(b)->live == UINT32_MAX) {
                UNPOISON(b, block_sizes[cls]);
                *link = b->next;
            } else {
                link = &b->next;
            }
        }
        BlockChunk **cl = &h->block_chunks[cls];
        while (*cl) {
            BlockChunk *ch = *cl;
            if (ch->live == UINT32_MAX) {
                *cl = ch->next;
                UNPOISON(ch, BLOCK_CHUNK_BYTES);
                free(ch);
            } else {
                cl = &ch->next;
            }
        }
    }
}

static void free_block_chunks(Heap *h) {
    for (int cls = 0; cls < NUM_BLOCK_CLASSES; cls++) {
        BlockChunk *ch = h->block_chunks[cls];
        while (ch) {
            BlockChunk *next = ch->next;
            UNPOISON(ch, BLOCK_CHUNK_BYTES);
            free(ch);
            ch = next;
        }
        h->block_chunks[cls] = NULL;
        h->free_blocks[cls] = NULL;
    }
}

void *gc_malloc(Runtime *rt, size_t size) {
    if (over_limit(rt, size) || size > MAX_CELL_BYTES) return gc_throw_oom(rt);
    void *p = block_alloc(rt->heap, size);
    if (!p) return gc_throw_oom(rt);
    account_add(rt->heap, size);
    return p;
}

void *gc_try_malloc(Runtime *rt, size_t size) {
    if (over_limit(rt, size) || size > MAX_CELL_BYTES) return NULL;
    void *p = block_alloc(rt->heap, size);
    if (p) account_add(rt->heap, size);
    return p;
}

void *gc_realloc(Runtime *rt, void *p, size_t old_size, size_t new_size) {
    if (new_size > old_size && (over_limit(rt, new_size - old_size) || new_size > MAX_CELL_BYTES))
        return gc_throw_oom(rt);
    void *n = block_realloc(rt->heap, p, new_size);
    if (!n) return gc_throw_oom(rt);
    if (new_size >= old_size)
        account_add(rt->heap, new_size - old_size);
    else
        account_sub(rt->heap, old_size - new_size);
    return n;
}

void gc_free(Runtime *rt, void *p, size_t size) {
    if (!p) return;
    block_free(rt->heap, p);
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

void gc_mark_unmarked(Runtime *rt, Cell *c) {
    c->mark = 1;
    if (unlikely(rt->heap->eph.active)) ephemeron_key_marked(rt->heap, c);
    /* Flat strings (but slices) and bigints hold no references: black at once. */
    if (c->type == CELL_BIGINT || (c->type == CELL_STRING && !(c->flags & (STR_ROPE | STR_SLICE))))
        return;
    gray_push(rt->heap, c);
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
static void mark_job_queue(Runtime *rt) {
    jobs_trace(rt);
}

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
            uint32_t live = 0, dead = 0;
            char *at = (char *)page_cell(p, 0);
            for (uint32_t i = 0; i < p->cell_count; i++, at += p->cell_size) {
                Cell *c = (Cell *)at;
                if (c->type == CELL_FREE) continue;
                if (c->mark && !everything) {
                    live++;
                } else {
                    finalize_cell(rt, c);
                    dead++;
                }
            }
            p->live = live;
            /* Dead cells stop counting now; free_dead_cells frees them. */
            if (!everything) account_sub(h, (size_t)dead * p->cell_size);
        }
    }
    for (LargeCell *l = h->large; l; l = l->next) {
        Cell *c = large_cell(l);
        if (everything || !c->mark) finalize_cell(rt, c);
    }
}

/* Pass 2: frees dead cells, clears marks and rebuilds the free lists. A page
 * with no survivor is not walked: it goes to the empty pool, from which any
 * class takes pages and bumps through them, so garbage that dies young in
 * whole pages costs nothing here. The pool keeps as many pages as the heap
 * may grow by before the next collection (threshold - bytes in use); pages
 * beyond that go back to the system, so a heap that shrank returns memory
 * while one in a steady state does not malloc and free pages every cycle. */
static void free_dead_cells(Runtime *rt, size_t keep_bytes) {
    Heap *h = rt->heap;
    for (int cls = 0; cls < NUM_CLASSES; cls++) {
        FreeCell *free_list = NULL;
        Page **link = &h->pages[cls];
        while (*link) {
            Page *p = *link;
            if (p->live == 0) {
                /* Every cell is free or dead (finalized, already uncounted). */
                *link = p->next;
                POISON((char *)p + PAGE_HEADER_BYTES, PAGE_BYTES - PAGE_HEADER_BYTES);
                p->next = h->empty_pages;
                h->empty_pages = p;
                h->empty_page_count++;
                continue;
            }
            FreeCell *page_free = NULL, *page_tail = NULL;
            for (uint32_t i = p->cell_count; i-- > 0;) {
                Cell *c = page_cell(p, i);
                if (c->type != CELL_FREE) {
                    if (c->mark) {
                        c->mark = 0;
                        continue;
                    }
                    c->type = CELL_FREE;
                    POISON((char *)c + FREE_CELL_VISIBLE_BYTES,
                           p->cell_size - FREE_CELL_VISIBLE_BYTES);
                }
                FreeCell *f = (FreeCell *)c;
                f->next = page_free;
                page_free = f;
                if (!page_tail) page_tail = f;
            }
            if (page_free) {
                page_tail->next = free_list;
                free_list = page_free;
            }
            link = &p->next;
        }
        h->free_lists[cls] = free_list;
    }
    while (h->empty_page_count > 0 && h->empty_page_count * PAGE_BYTES > keep_bytes) {
        Page *p = h->empty_pages;
        h->empty_pages = p->next;
        h->empty_page_count--;
        UNPOISON(p, PAGE_BYTES);
        free(p);
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
    h->threshold = 0; /* sends every gc_alloc to the slow path, which aborts */
    retire_bump_regions(h);

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
    size_t next = h->bytes > SIZE_MAX / HEAP_GROWTH ? SIZE_MAX : h->bytes * HEAP_GROWTH;
    if (next < MIN_THRESHOLD) next = MIN_THRESHOLD;
    free_dead_cells(rt, next - h->bytes);
    release_empty_block_chunks(h, next - h->bytes);

    h->collections++;
    h->threshold = next;
    h->collecting = false;
}

void gc_teardown(Runtime *rt) {
    Heap *h = rt->heap;
    if (!h) return;
    h->collecting = true; /* finalizers must not allocate */
    h->threshold = 0;
    retire_bump_regions(h);
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
    while (h->empty_pages) {
        Page *next = h->empty_pages->next;
        UNPOISON(h->empty_pages, PAGE_BYTES);
        free(h->empty_pages);
        h->empty_pages = next;
    }
    free_block_chunks(h);
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
