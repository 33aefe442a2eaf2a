/*
 * weakref.c — WeakRef (#sec-weak-ref-objects) and FinalizationRegistry
 * (#sec-finalization-registry-objects), and their part in the collector's
 * weak phase (DESIGN.md §4, docs/GC.md "Weak processing").
 *
 * A WeakRef holds its target weakly: its trace function marks nothing but
 * enlists the object with the collector (gc_weak_enlist), and the clear hook
 * drops the target when it stayed unmarked. deref adds the target to the
 * agent's [[KeptAlive]] list (KeepDuringJob), so it survives until the
 * current job ends.
 *
 * A FinalizationRegistry keeps its [[Cells]] in one array in registration
 * order (RegistryCell below: live, pending or a hole). The collector turns
 * live cells whose target died into pending ones; the cleanup job hands
 * their held values to the callback in registration order.
 * Invariants:
 *  - The registry holds one job-queue reservation from construction to its
 *    finalizer (jobs_reserve / jobs_unreserve), and at most one cleanup job
 *    of it is queued (job_queued). So the collector can queue the job
 *    without allocating anything (HostEnqueueFinalizationRegistryCleanupJob).
 *  - The clear hook (weak phase: nothing marks, nothing allocates cells, no
 *    JavaScript) only turns cells pending, forgets dead tokens and queues
 *    the job. Callbacks run only from the job, after the current
 *    one, never inside the collector.
 *  - Only a registry reached in this collection is enlisted; a dead registry
 *    is never looked at again: its cells die with it and its held values
 *    were never roots.
 *  - A registry whose realm was freed never runs JavaScript again: its dead
 *    cells are dropped instead of queued (a job of a freed realm would be
 *    dropped unrun anyway).
 */
#include <string.h>

#include "builtins/builtins.h"
#include "gc/gc_internal.h" /* gc_try_malloc: the collector may shrink a cell array */
#include "vm/jobs.h"
#include "vm/ordered_table.h"

/* ---- WeakRef ------------------------------------------------------------------- */

typedef struct WeakRefObject {
    Object base;
    Value target; /* [[WeakRefTarget]]: an object or symbol, or VAL_EMPTY once cleared */
    GCWeakLink weak_link;
} WeakRefObject;

static bool stayed_white(Runtime *rt, Value v) {
    return val_is_heap(v) && !gc_is_marked(rt, val_as_cell(v));
}

static void weakref_clear(Runtime *rt, Cell *c) {
    WeakRefObject *w = (WeakRefObject *)c;
    if (stayed_white(rt, w->target)) w->target = VAL_EMPTY;
}

static const GCWeakHooks weakref_hooks = {NULL, weakref_clear};

static void weakref_trace(Runtime *rt, Object *o) {
    WeakRefObject *w = (WeakRefObject *)o;
    if (val_is_heap(w->target)) gc_weak_enlist(rt, &w->weak_link, &o->hdr, &weakref_hooks);
}

static const ClassDef class_weakref = {
    .id = CLASS_WEAKREF,
    .name = "WeakRef",
    .trace = weakref_trace,
};

/* WeakRef ( target ) — #sec-weak-ref-target */
static Value weakref_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    if (val_is_undefined(new_target))
        return throw_type_error(ctx, "Constructor WeakRef requires 'new'");
    Value target = ARG(0);
    if (!CanBeHeldWeakly(target))
        return throw_type_error(ctx, "WeakRef: invalid target (an object or a non-registered "
                                     "symbol is required)");
    WeakRefObject *w = (WeakRefObject *)OrdinaryCreateFromConstructor(
        ctx, new_target, INTR_WeakRefPrototype, &class_weakref, sizeof(WeakRefObject));
    if (!w) return VAL_EXCEPTION;
    w->target = VAL_EMPTY;
    /* AddToKeptObjects ( target ) — #sec-addtokeptobjects */
    TRY_I(KeepDuringJob(ctx->rt, target));
    GC_WRITE_BARRIER(ctx->rt, w, target);
    w->target = target;
    return val_from_object(&w->base);
}

/* WeakRef.prototype.deref ( ) — #sec-weak-ref.prototype.deref */
static Value weakref_deref(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    if (!val_is_object(this_value) || obj_from_value(this_value)->cls != &class_weakref)
        return throw_type_error(ctx, "WeakRef.prototype.deref called on an object that is not "
                                     "a WeakRef");
    /* WeakRefDeref ( weakRef ) — #sec-weakrefderef */
    Value target = ((WeakRefObject *)obj_from_value(this_value))->target;
    if (target == VAL_EMPTY) return VAL_UNDEFINED;
    TRY_I(KeepDuringJob(ctx->rt, target));
    return target;
}

static const BuiltinProp weakref_proto_props[] = {
    BP_FUNC("deref", weakref_deref, 0),
    BP_STR("[Symbol.toStringTag]", "WeakRef", PROP_CONFIGURABLE),
};

/* ---- FinalizationRegistry ---------------------------------------------------------- */

/* One record of [[Cells]]. A cell is
 *   live     target is an object or symbol (held weakly);
 *   pending  target is VAL_EMPTY (it died; the spec's ~empty~), held waits
 *            for the callback;
 *   a hole   held is VAL_EMPTY (cleaned up or unregistered; compaction
 *            removes holes once they are half the array, never while the
 *            cleanup job runs). */
typedef struct RegistryCell {
    Value target;
    Value held;             /* [[HeldValue]], strong */
    Value token;            /* [[UnregisterToken]], weak; VAL_EMPTY for none */
    uint32_t next_in_chain; /* token index: next cell registered with the same token */
} RegistryCell;

#define NO_CELL UINT32_MAX

/* The token index makes unregister cost what it removes, not the number of
 * cells: an open-addressed table from token (its cell address: tokens are
 * objects or symbols, compared by identity) to the newest cell registered
 * with it, chained through next_in_chain. Chains may hold cells that were
 * since removed or lost their token: unregister checks each cell. The index
 * is rebuilt (lazily, by unregister) whenever cell indices moved or tokens
 * died, since a dead token's address may be reused. */
typedef struct TokenSlot {
    Cell *token; /* NULL: free */
    uint32_t head;
} TokenSlot;
#define MIN_INDEX_CAPACITY 16

/* Cells a registry may hold before register throws a RangeError. */
#define MAX_REGISTRY_CELLS ((uint32_t)1 << 28)
#define MIN_REGISTRY_CAPACITY 8

typedef struct RegistryObject {
    Object base;
    Value cleanup;       /* [[CleanupCallback]] (callable) */
    Context *realm;      /* [[Realm]]: the cleanup job's realm */
    RegistryCell *cells; /* in registration order */
    uint32_t count, capacity;
    uint32_t pending; /* pending cells */
    uint32_t holes;   /* holes not yet compacted away */
    uint32_t scan;    /* no pending cell before this index */
    uint32_t tokens;  /* cells that have a token */
    TokenSlot *index; /* NULL: none yet (or no memory: unregister scans) */
    uint32_t index_capacity, index_used;
    bool index_stale; /* must be rebuilt before use */
    bool reserved;    /* holds one job-queue reservation */
    bool job_queued;  /* its cleanup job is queued or running */
    bool cleaning;    /* its cleanup job is running: indices must not move */
    GCWeakLink weak_link;
} RegistryObject;

static inline bool cell_is_hole(const RegistryCell *c) {
    return c->held == VAL_EMPTY;
}
static inline bool cell_is_pending(const RegistryCell *c) {
    return c->target == VAL_EMPTY && c->held != VAL_EMPTY;
}

static void registry_clear(Runtime *rt, Cell *c);
static const GCWeakHooks registry_hooks = {NULL, registry_clear};

static void registry_trace(Runtime *rt, Object *o) {
    RegistryObject *r = (RegistryObject *)o;
    gc_mark_value(rt, r->cleanup);
    gc_mark_realm(rt, r->realm);
    for (uint32_t i = 0; i < r->count; i++)
        gc_mark_value(rt, r->cells[i].held);
    /* Targets and tokens are weak: the clear hook looks at them after marking. */
    gc_weak_enlist(rt, &r->weak_link, &o->hdr, &registry_hooks);
}

static void registry_finalize(Runtime *rt, Object *o) {
    RegistryObject *r = (RegistryObject *)o;
    gc_free(rt, r->cells, (size_t)r->capacity * sizeof(RegistryCell));
    gc_free(rt, r->index, (size_t)r->index_capacity * sizeof(TokenSlot));
    r->cells = NULL;
    r->index = NULL;
    r->count = r->capacity = r->pending = r->holes = r->index_capacity = 0;
    /* No job of ours is queued: a queued job roots its registry. At
     * runtime teardown the queue is gone and this does nothing. */
    if (r->reserved) jobs_unreserve(rt, 1);
    r->reserved = false;
}

static const ClassDef class_finalization_registry = {
    .id = CLASS_FINALIZATION_REGISTRY,
    .name = "FinalizationRegistry",
    .trace = registry_trace,
    .finalize = registry_finalize,
};

static RegistryObject *registry_of(Value v) {
    if (!val_is_object(v) || obj_from_value(v)->cls != &class_finalization_registry) return NULL;
    return (RegistryObject *)obj_from_value(v);
}

static inline size_t token_slot_of(const Cell *token, uint32_t capacity) {
    uint64_t x = (uint64_t)(uintptr_t)token;
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 32;
    return (size_t)x & (capacity - 1);
}

/* The slot of token, or the free slot where it would go. */
static TokenSlot *index_find(RegistryObject *r, const Cell *token) {
    size_t i = token_slot_of(token, r->index_capacity);
    while (r->index[i].token && r->index[i].token != token)
        i = (i + 1) & (r->index_capacity - 1);
    return &r->index[i];
}

/* Adds cell i (which has a token) to the index, if the index is usable and
 * has room; else leaves it stale for the next rebuild. */
static void index_add(RegistryObject *r, uint32_t i) {
    if (!r->index || r->index_stale) return;
    if ((r->index_used + 1) * 2 > r->index_capacity) {
        r->index_stale = true;
        return;
    }
    TokenSlot *slot = index_find(r, val_as_cell(r->cells[i].token));
    if (!slot->token) {
        slot->token = val_as_cell(r->cells[i].token);
        slot->head = NO_CELL;
        r->index_used++;
    }
    r->cells[i].next_in_chain = slot->head;
    slot->head = i;
}

/* Rebuilds the index from the cells. False without memory (the caller
 * scans instead). Never allocates cells. */
static bool index_rebuild(Runtime *rt, RegistryObject *r) {
    uint32_t cap = MIN_INDEX_CAPACITY;
    while (cap < MAX_REGISTRY_CELLS && cap / 4 < r->tokens + 1)
        cap *= 2;
    if (cap != r->index_capacity) {
        gc_free(rt, r->index, (size_t)r->index_capacity * sizeof(TokenSlot));
        r->index_capacity = 0;
        r->index = gc_try_malloc(rt, (size_t)cap * sizeof(TokenSlot));
        if (!r->index) return false;
        r->index_capacity = cap;
    }
    memset(r->index, 0, (size_t)cap * sizeof(TokenSlot));
    r->index_used = 0;
    r->index_stale = false;
    uint32_t tokens = 0;
    for (uint32_t i = 0; i < r->count; i++) {
        if (cell_is_hole(&r->cells[i]) || r->cells[i].token == VAL_EMPTY) continue;
        tokens++;
        index_add(r, i);
    }
    r->tokens = tokens;
    return !r->index_stale;
}

/* Removes the holes (keeping the order) once they are half the array (or
 * always, with force), and gives the array a smaller block once it is
 * mostly empty. Never fails (without memory the old block is kept) and
 * never allocates cells, so the collector may call it. Not while the
 * cleanup job runs: it holds an index into the array. */
static void cells_compact(Runtime *rt, RegistryObject *r, bool force) {
    if (r->cleaning || !r->holes || (!force && r->holes * 2 < r->count)) return;
    uint32_t kept = 0;
    for (uint32_t i = 0; i < r->count; i++)
        if (!cell_is_hole(&r->cells[i])) r->cells[kept++] = r->cells[i];
    r->count = kept;
    r->holes = 0;
    r->scan = 0;
    r->index_stale = true; /* indices moved */
    if (r->capacity <= MIN_REGISTRY_CAPACITY || r->count > r->capacity / 4) return;
    if (r->count == 0) {
        gc_free(rt, r->cells, (size_t)r->capacity * sizeof(RegistryCell));
        r->cells = NULL;
        r->capacity = 0;
        return;
    }
    uint32_t cap = r->capacity / 2;
    while (cap > MIN_REGISTRY_CAPACITY && r->count <= cap / 4)
        cap /= 2;
    RegistryCell *cells = gc_try_malloc(rt, (size_t)cap * sizeof(RegistryCell));
    if (!cells) return;
    memcpy(cells, r->cells, (size_t)r->count * sizeof(RegistryCell));
    gc_free(rt, r->cells, (size_t)r->capacity * sizeof(RegistryCell));
    r->cells = cells;
    r->capacity = cap;
}

static void cell_make_hole(RegistryObject *r, RegistryCell *c) {
    if (cell_is_pending(c)) r->pending--;
    if (c->token != VAL_EMPTY && r->tokens) r->tokens--;
    *c = (RegistryCell){VAL_EMPTY, VAL_EMPTY, VAL_EMPTY, NO_CELL};
    r->holes++;
}

static Value cleanup_job(Context *realm, const Value *args);

/* The weak phase for one live registry (see the header comment): cells
 * whose target stayed unmarked become pending, dead tokens are forgotten,
 * and the registry's one cleanup job is queued. */
static void registry_clear(Runtime *rt, Cell *c) {
    RegistryObject *r = (RegistryObject *)c;
    for (uint32_t i = 0; i < r->count; i++) {
        RegistryCell *cell = &r->cells[i];
        if (cell_is_hole(cell)) continue;
        if (stayed_white(rt, cell->token)) {
            cell->token = VAL_EMPTY;
            if (r->tokens) r->tokens--;
            r->index_stale = true; /* its address may be reused */
        }
        if (stayed_white(rt, cell->target)) {
            cell->target = VAL_EMPTY;
            r->pending++;
            if (i < r->scan) r->scan = i;
        }
    }
    if (!r->pending) return;
    if (!r->realm || r->realm->freed) {
        /* No JavaScript runs for a freed realm: the held values go. */
        for (uint32_t i = 0; i < r->count; i++)
            if (cell_is_pending(&r->cells[i])) cell_make_hole(r, &r->cells[i]);
        cells_compact(rt, r, false);
        return;
    }
    if (!r->job_queued && r->reserved) {
        r->job_queued = true;
        HostEnqueueFinalizationRegistryCleanupJob(rt, cleanup_job, r->realm,
                                                  val_from_object(&r->base));
    }
}

/* The cleanup job: CleanupFinalizationRegistry ( finalizationRegistry ) —
 * #sec-cleanup-finalization-registry. Calls the callback once per pending
 * cell, in registration order. A callback may register, unregister, create
 * registries or collect (which may make more cells pending: this job takes
 * them too); indices stay put while it runs (holes, compacted at the end).
 * An exception ends the job and is reported by whoever drains the queue
 * (mica_run_jobs returns it); the cells still pending get a new job. */
static Value cleanup_job(Context *realm, const Value *args) {
    Runtime *rt = realm->rt;
    RegistryObject *r = registry_of(args[0]); /* rooted by jobs_run */
    if (!r) return VAL_UNDEFINED;
    Value status = VAL_UNDEFINED;
    r->cleaning = true; /* jobs_run refuses nested drains: this job is the only one */
    while (r->pending) {
        while (r->scan < r->count && !cell_is_pending(&r->cells[r->scan]))
            r->scan++;
        if (r->scan == r->count) {
            r->pending = 0; /* cannot happen: the count is exact */
            break;
        }
        HandleMark mark = gc_scope_open(rt);
        Value held = gc_protect(rt, r->cells[r->scan].held);
        cell_make_hole(r, &r->cells[r->scan]);
        Value result = Call(realm, r->cleanup, VAL_UNDEFINED, 1, &held);
        gc_scope_close(rt, mark);
        if (val_is_exception(result)) {
            status = VAL_EXCEPTION;
            break;
        }
    }
    r->cleaning = false;
    cells_compact(rt, r, false);
    if (r->pending && !realm->freed) {
        /* The slot this job used went back to the reservation when the job
         * left the queue, so this cannot fail. */
        HostEnqueueFinalizationRegistryCleanupJob(rt, cleanup_job, r->realm, args[0]);
    } else {
        r->job_queued = false;
    }
    return status;
}

/* FinalizationRegistry ( cleanupCallback ) — #sec-finalization-registry-cleanup-callback */
static Value registry_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                  Value new_target, int magic) {
    if (val_is_undefined(new_target))
        return throw_type_error(ctx, "Constructor FinalizationRegistry requires 'new'");
    Value callback = ARG(0);
    if (!val_is_callable(callback))
        return throw_type_error(ctx, "FinalizationRegistry: the cleanup callback is not a "
                                     "function");
    RegistryObject *r = (RegistryObject *)OrdinaryCreateFromConstructor(
        ctx, new_target, INTR_FinalizationRegistryPrototype, &class_finalization_registry,
        sizeof(RegistryObject));
    if (!r) return VAL_EXCEPTION;
    r->cleanup = VAL_UNDEFINED;
    r->realm = ctx;
    TRY_I(jobs_reserve(ctx->rt, 1));
    r->reserved = true;
    GC_WRITE_BARRIER(ctx->rt, r, callback);
    r->cleanup = callback;
    return val_from_object(&r->base);
}

static RegistryObject *this_registry(Context *ctx, Value this_value, const char *method) {
    RegistryObject *r = registry_of(this_value);
    if (!r)
        throw_type_error(ctx,
                         "FinalizationRegistry.prototype.%s called on an object that is not a "
                         "FinalizationRegistry",
                         method);
    return r;
}

/* FinalizationRegistry.prototype.register ( target, heldValue [ , unregisterToken ] ) —
 * #sec-finalization-registry.prototype.register */
static Value registry_register(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    RegistryObject *r = this_registry(ctx, this_value, "register");
    if (!r) return VAL_EXCEPTION;
    Value target = ARG(0), held = ARG(1), token = ARG(2);
    if (!CanBeHeldWeakly(target))
        return throw_type_error(ctx, "FinalizationRegistry.prototype.register: invalid target "
                                     "(an object or a non-registered symbol is required)");
    if (SameValue(target, held))
        return throw_type_error(ctx, "FinalizationRegistry.prototype.register: the target and "
                                     "the held value must not be the same");
    if (!CanBeHeldWeakly(token)) {
        if (!val_is_undefined(token))
            return throw_type_error(ctx, "FinalizationRegistry.prototype.register: invalid "
                                         "unregister token (an object, a non-registered symbol "
                                         "or undefined is required)");
        token = VAL_EMPTY;
    }
    if (r->count == r->capacity && r->holes) cells_compact(rt, r, true);
    if (r->count == r->capacity) {
        if (r->capacity >= MAX_REGISTRY_CELLS)
            return throw_range_error(ctx, "FinalizationRegistry: too many registrations");
        uint32_t cap = r->capacity ? r->capacity * 2 : MIN_REGISTRY_CAPACITY;
        RegistryCell *cells = gc_realloc(rt, r->cells, (size_t)r->capacity * sizeof(RegistryCell),
                                         (size_t)cap * sizeof(RegistryCell));
        if (!cells) return VAL_EXCEPTION;
        r->cells = cells;
        r->capacity = cap;
    }
    GC_WRITE_BARRIER(rt, r, held);
    uint32_t i = r->count++;
    r->cells[i] = (RegistryCell){target, held, token, NO_CELL};
    if (token != VAL_EMPTY) {
        r->tokens++;
        index_add(r, i);
    }
    return VAL_UNDEFINED;
}

/* FinalizationRegistry.prototype.unregister ( unregisterToken ) —
 * #sec-finalization-registry.prototype.unregister */
static Value registry_unregister(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    RegistryObject *r = this_registry(ctx, this_value, "unregister");
    if (!r) return VAL_EXCEPTION;
    Value token = ARG(0);
    if (!CanBeHeldWeakly(token))
        return throw_type_error(ctx, "FinalizationRegistry.prototype.unregister: invalid "
                                     "unregister token (an object or a non-registered symbol "
                                     "is required)");
    /* Removes the matching cells, live or pending: through the index when
     * there is one (or memory for one), else by scanning every cell. */
    Runtime *rt = ctx->rt;
    bool removed = false;
    if (r->tokens == 0) return VAL_FALSE;
    if ((r->index && !r->index_stale) || index_rebuild(rt, r)) {
        TokenSlot *slot = index_find(r, val_as_cell(token));
        if (slot->token) {
            for (uint32_t i = slot->head; i != NO_CELL;) {
                RegistryCell *c = &r->cells[i];
                i = c->next_in_chain;
                if (c->token == token) {
                    cell_make_hole(r, c);
                    removed = true;
                }
            }
            slot->head = NO_CELL; /* what is left in the chain never matches */
        }
    } else {
        for (uint32_t i = 0; i < r->count; i++) {
            RegistryCell *c = &r->cells[i];
            if (!cell_is_hole(c) && c->token == token) {
                cell_make_hole(r, c);
                removed = true;
            }
        }
    }
    if (removed) cells_compact(rt, r, false);
    return val_from_bool(removed);
}

static const BuiltinProp registry_proto_props[] = {
    BP_FUNC("register", registry_register, 2),
    BP_FUNC("unregister", registry_unregister, 1),
    BP_STR("[Symbol.toStringTag]", "FinalizationRegistry", PROP_CONFIGURABLE),
};

int init_weakref(Context *ctx) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    int r = -1;
    Object *object_proto = ctx_intrinsic_obj(ctx, INTR_ObjectPrototype);
    Object *weakref_proto = obj_new(ctx, object_proto);
    if (!weakref_proto) goto done;
    if (!builtins_make_constructor(ctx, "WeakRef", weakref_constructor, 1, weakref_proto,
                                   INTR_WeakRef, INTR_WeakRefPrototype, true))
        goto done;
    if (builtins_install(ctx, weakref_proto, weakref_proto_props, BP_COUNT(weakref_proto_props)) <
        0)
        goto done;
    Object *registry_proto = obj_new(ctx, object_proto);
    if (!registry_proto) goto done;
    if (!builtins_make_constructor(ctx, "FinalizationRegistry", registry_constructor, 1,
                                   registry_proto, INTR_FinalizationRegistry,
                                   INTR_FinalizationRegistryPrototype, true))
        goto done;
    if (builtins_install(ctx, registry_proto, registry_proto_props,
                         BP_COUNT(registry_proto_props)) < 0)
        goto done;
    r = 0;
done:
    gc_scope_close(rt, mark);
    return r;
}
