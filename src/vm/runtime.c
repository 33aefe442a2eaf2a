/*
 * runtime.c — the agent (mica_runtime) and realms (mica_context): creation,
 * teardown, the interrupt poll, and a realm's contribution to the roots.
 *
 * Teardown never runs JavaScript and never depends on order: freeing a
 * context only unroots it (its C struct stays until the runtime goes, since
 * surviving functions point at it); freeing the runtime drops pending jobs,
 * then finalizes and frees every cell in one sweep (docs/GC.md).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "builtins/builtins.h"
#include "gc/gc_internal.h"
#include "vm/string.h"
#include "vm/vm.h"
#include "vm/jobs.h"

/* C-level re-entries (native -> JS -> native ...) before a RangeError; JS to
 * JS calls do not count (the interpreter limits those by frame count). */
#define NATIVE_DEPTH_LIMIT 400
/* rt_check_interrupt consults the host once per this many polls. */
#define INTERRUPT_INTERVAL 4096

mica_runtime *mica_runtime_new(const mica_runtime_options *options) {
    Runtime *rt = calloc(1, sizeof *rt);
    if (!rt) return NULL;
    if (options) rt->options = *options;
    /* MICA_GC_STRESS=N collects at every N-th allocation; anything but a
     * positive count (other than "0") means every allocation. */
    const char *stress = getenv("MICA_GC_STRESS");
    if (stress && stress[0] && strcmp(stress, "0") != 0) {
        char *end;
        long every = strtol(stress, &end, 10);
        rt->options.gc_stress = *end == '\0' && every > 0 && every <= INT_MAX ? (int)every : 1;
    }
    rt->exception = VAL_UNDEFINED;
    rt->native_depth_limit = NATIVE_DEPTH_LIMIT;
    if (gc_init(rt) < 0) {
        free(rt);
        return NULL;
    }
    /* The engine's own startup does not count against the embedder's limit:
     * a too-small limit shows up as a failing context, not a NULL runtime. */
    gc_lift_limit(rt, true);
    HandleMark mark = gc_scope_open(rt);
    int ok = atom_table_init(rt) == 0 && symbols_init_well_known(rt) == 0;
    gc_scope_close(rt, mark);
    if (ok && vm_init(rt) >= 0)
        gc_set_vm_ready(rt, true);
    else
        ok = 0;
    gc_lift_limit(rt, false);
    if (!ok) {
        mica_runtime_free(rt);
        return NULL;
    }
    return rt;
}

static void free_context_list(Context *ctx) {
    while (ctx) {
        Context *next = ctx->next;
        free(ctx);
        ctx = next;
    }
}

void mica_runtime_free(mica_runtime *rt) {
    if (!rt) return;
    /* Pending jobs are discarded, never run (before the sweep). */
    jobs_free(rt);
    if (gc_vm_ready(rt)) {
        gc_set_vm_ready(rt, false);
        vm_free(rt);
    }
    rt->has_exception = false;
    rt->exception_uncatchable = false;
    rt->exception = VAL_UNDEFINED;
    rt->current = NULL;
    gc_teardown(rt); /* every finalizer, then every cell and page */
    atom_table_free(rt);
    free_context_list(rt->contexts);
    free_context_list(rt->freed_contexts);
    free(rt);
}

void mica_runtime_set_max_heap(mica_runtime *rt, size_t bytes) {
    rt->options.max_heap_bytes = bytes;
}

void mica_runtime_set_interrupt_handler(mica_runtime *rt, mica_interrupt_fn fn, void *opaque) {
    rt->interrupt_fn = fn;
    rt->interrupt_opaque = opaque;
    rt->interrupt_counter = 0;
}

int rt_check_interrupt(Context *ctx) {
    Runtime *rt = ctx->rt;
    if (!rt->interrupt_fn || ++rt->interrupt_counter < INTERRUPT_INTERVAL) return 0;
    rt->interrupt_counter = 0;
    if (!rt->interrupt_fn(rt, rt->interrupt_opaque)) return 0;
    throw_error(ctx, ERR_ERROR, "interrupted");
    /* Whatever is pending now (the error, or an OOM building it) must not be
     * caught by the script being stopped. */
    rt->has_exception = true;
    rt->exception_uncatchable = true;
    return -1;
}

/* ---- contexts ------------------------------------------------------------------ */

static void unlink_live(Context *ctx) {
    Runtime *rt = ctx->rt;
    if (ctx->prev)
        ctx->prev->next = ctx->next;
    else
        rt->contexts = ctx->next;
    if (ctx->next) ctx->next->prev = ctx->prev;
    ctx->next = ctx->prev = NULL;
}

mica_context *mica_context_new(mica_runtime *rt) {
    Context *ctx = calloc(1, sizeof *ctx);
    if (!ctx) return NULL;
    ctx->rt = rt;
    for (int i = 0; i < INTR_COUNT; i++)
        ctx->intrinsics[i] = VAL_UNDEFINED;
    ctx->global_lex_env = VAL_UNDEFINED;
    ctx->template_registry = VAL_UNDEFINED;
    ctx->module_registry = VAL_UNDEFINED;
    ctx->next = rt->contexts;
    if (rt->contexts) rt->contexts->prev = ctx;
    rt->contexts = ctx; /* a root from here on: what realm setup builds is kept */

    HandleMark mark = gc_scope_open(rt);
    int r = realm_init_builtins(ctx);
    gc_scope_close(rt, mark);
    if (r < 0) {
        /* Nobody can take the exception: there is no context to take it from. */
        rt_take_exception(rt);
        mica_context_free(ctx);
        return NULL;
    }
    if (!rt->current || rt->current->freed) rt->current = ctx;
    return ctx;
}

void mica_context_free(mica_context *ctx) {
    if (!ctx || ctx->freed) return;
    Runtime *rt = ctx->rt;
    unlink_live(ctx);
    ctx->freed = true;
    ctx->next = rt->freed_contexts;
    rt->freed_contexts = ctx;
    if (rt->current == ctx) rt->current = rt->contexts;
}

mica_runtime *mica_context_runtime(mica_context *ctx) {
    return ctx->rt;
}
void mica_context_set_opaque(mica_context *ctx, void *opaque) {
    ctx->opaque = opaque;
}
void *mica_context_opaque(mica_context *ctx) {
    return ctx->opaque;
}

void context_trace(Runtime *rt, Context *ctx) {
    gc_mark_values(rt, ctx->intrinsics, INTR_COUNT);
    if (ctx->global) gc_mark_cell(rt, (Cell *)ctx->global);
    gc_mark_value(rt, ctx->global_lex_env);
    gc_mark_value(rt, ctx->template_registry);
    gc_mark_value(rt, ctx->module_registry);
}
