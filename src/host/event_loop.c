/*
 * event_loop.c — the CLI's event loop (event_loop.h).
 *
 * Timers live in a binary min-heap ordered by (due time, creation sequence),
 * so equal due times run in the order they were set. Times are in
 * milliseconds on the monotonic clock. A timer is due its delay after the
 * moment it was set, as in node (a script that computes for a while before
 * calling setTimeout(f, 50) still waits 50ms); timers set later with the
 * same delay are due no earlier, so they keep their order. Delays follow
 * node: anything not in [1, 2^31-1] becomes 1.
 *
 * Rejections: the engine reports "rejected without a handler" and
 * "handler added" through the rejection tracker; the loop keeps the
 * unhandled ones (as persistent references) and, after each task's
 * microtask checkpoint, reports the first that is still unhandled.
 */
#include "host/event_loop.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_TIMERS 10000000 /* beyond this setTimeout throws a RangeError */
#define MAX_DELAY 2147483647.0

typedef struct timer {
    double id;
    double due;
    uint64_t seq;
    double interval; /* < 0: a one-shot timeout */
    int cancelled;
    mica_persistent *fn;
    mica_persistent **args;
    int argc;
} timer;

struct host_loop {
    mica_runtime *rt;
    mica_context *ctx;
    timer **heap; /* min-heap on (due, seq) */
    size_t count, capacity;
    double next_id;
    uint64_t next_seq;
    double now;     /* ms, sampled at the start of each task */
    timer *running; /* the timer whose callback runs (out of the heap) */

    int ignore_rejections;
    mica_persistent **rejected; /* rejected promises without a handler, in order */
    size_t rejected_count, rejected_capacity;
};

static double monotonic_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

/* ---- the timer heap ---------------------------------------------------------- */

static int timer_before(const timer *a, const timer *b) {
    return a->due < b->due || (a->due == b->due && a->seq < b->seq);
}

static void heap_swap(host_loop *l, size_t i, size_t j) {
    timer *t = l->heap[i];
    l->heap[i] = l->heap[j];
    l->heap[j] = t;
}

static int heap_push(host_loop *l, timer *t) {
    if (l->count == l->capacity) {
        size_t cap = l->capacity ? l->capacity * 2 : 16;
        timer **heap = realloc(l->heap, cap * sizeof *heap);
        if (!heap) return -1;
        l->heap = heap;
        l->capacity = cap;
    }
    size_t i = l->count++;
    l->heap[i] = t;
    while (i > 0 && timer_before(l->heap[i], l->heap[(i - 1) / 2])) {
        heap_swap(l, i, (i - 1) / 2);
        i = (i - 1) / 2;
    }
    return 0;
}

static timer *heap_pop(host_loop *l) {
    timer *top = l->heap[0];
    l->heap[0] = l->heap[--l->count];
    size_t i = 0;
    for (;;) {
        size_t a = 2 * i + 1, b = a + 1, m = i;
        if (a < l->count && timer_before(l->heap[a], l->heap[m])) m = a;
        if (b < l->count && timer_before(l->heap[b], l->heap[m])) m = b;
        if (m == i) break;
        heap_swap(l, i, m);
        i = m;
    }
    return top;
}

static void timer_free(timer *t) {
    mica_persistent_free(t->fn);
    for (int i = 0; i < t->argc; i++)
        mica_persistent_free(t->args[i]);
    free(t->args);
    free(t);
}

/* ---- the global functions ------------------------------------------------------ */

/* setTimeout / setInterval ( callback, delay, ...args ): returns the timer's
 * id, a positive integer. */
static mica_status add_timer(mica_context *ctx, host_loop *l, int repeat, int argc,
                             const mica_value *argv, mica_value *result) {
    mica_value fn = argc > 0 ? argv[0] : mica_undefined();
    if (!mica_is_function(fn))
        return mica_throw_error(ctx, MICA_TYPE_ERROR,
                                "The \"callback\" argument must be a function");
    double delay = 1;
    if (argc > 1 && !mica_is_undefined(argv[1])) {
        if (mica_to_number(ctx, argv[1], &delay) != MICA_OK) return MICA_EXCEPTION;
    }
    if (!(delay >= 1 && delay <= MAX_DELAY)) delay = 1;
    delay = floor(delay);
    if (l->count >= MAX_TIMERS)
        return mica_throw_error(ctx, MICA_RANGE_ERROR, "too many pending timers");
    timer *t = calloc(1, sizeof *t);
    if (!t) return mica_throw_error(ctx, MICA_RANGE_ERROR, "out of memory");
    t->id = ++l->next_id;
    t->seq = l->next_seq++;
    t->due = monotonic_ms() + delay;
    t->interval = repeat ? delay : -1;
    t->fn = mica_persistent_new(ctx, fn);
    int extra = argc > 2 ? argc - 2 : 0;
    t->args = extra ? calloc((size_t)extra, sizeof *t->args) : NULL;
    int ok = t->fn && (extra == 0 || t->args);
    for (int i = 0; ok && i < extra; i++) {
        t->args[i] = mica_persistent_new(ctx, argv[2 + i]);
        if (!t->args[i]) ok = 0;
        t->argc = i + 1;
    }
    if (!ok || heap_push(l, t) < 0) {
        timer_free(t);
        return mica_throw_error(ctx, MICA_RANGE_ERROR, "out of memory");
    }
    *result = mica_number(t->id);
    return MICA_OK;
}

static mica_status set_timeout_fn(mica_context *ctx, mica_value this_value, int argc,
                                  const mica_value *argv, mica_value *result, void *opaque) {
    return add_timer(ctx, opaque, 0, argc, argv, result);
}

static mica_status set_interval_fn(mica_context *ctx, mica_value this_value, int argc,
                                   const mica_value *argv, mica_value *result, void *opaque) {
    return add_timer(ctx, opaque, 1, argc, argv, result);
}

/* clearTimeout / clearInterval ( id ): unknown ids and non-numbers are ignored. */
static mica_status clear_timer_fn(mica_context *ctx, mica_value this_value, int argc,
                                  const mica_value *argv, mica_value *result, void *opaque) {
    host_loop *l = opaque;
    if (argc < 1 || !mica_is_number(argv[0])) return MICA_OK;
    double id;
    if (mica_to_number(ctx, argv[0], &id) != MICA_OK) return MICA_EXCEPTION;
    if (l->running && l->running->id == id) {
        l->running->cancelled = 1;
        return MICA_OK;
    }
    for (size_t i = 0; i < l->count; i++) {
        if (l->heap[i]->id == id) {
            l->heap[i]->cancelled = 1; /* removed when it reaches the top */
            break;
        }
    }
    return MICA_OK;
}

/* queueMicrotask ( callback ) */
static mica_status queue_microtask_fn(mica_context *ctx, mica_value this_value, int argc,
                                      const mica_value *argv, mica_value *result, void *opaque) {
    mica_value fn = argc > 0 ? argv[0] : mica_undefined();
    if (!mica_is_function(fn))
        return mica_throw_error(ctx, MICA_TYPE_ERROR,
                                "The \"callback\" argument must be a function");
    return mica_enqueue_job(ctx, fn);
}

/* ---- rejection tracking -------------------------------------------------------- */

static void track_rejection(mica_context *ctx, mica_value promise, int handled, void *opaque) {
    host_loop *l = opaque;
    if (l->ignore_rejections) return;
    if (handled) {
        for (size_t i = l->rejected_count; i-- > 0;) {
            mica_scope scope;
            mica_scope_open(l->rt, &scope);
            int same = mica_persistent_get(l->rejected[i]) == promise;
            mica_scope_close(&scope);
            if (same) {
                mica_persistent_free(l->rejected[i]);
                memmove(&l->rejected[i], &l->rejected[i + 1],
                        (l->rejected_count - i - 1) * sizeof *l->rejected);
                l->rejected_count--;
                return;
            }
        }
        return;
    }
    if (l->rejected_count == l->rejected_capacity) {
        size_t cap = l->rejected_capacity ? l->rejected_capacity * 2 : 8;
        mica_persistent **r = realloc(l->rejected, cap * sizeof *r);
        if (!r) return; /* out of memory: this rejection goes unreported */
        l->rejected = r;
        l->rejected_capacity = cap;
    }
    mica_persistent *p = mica_persistent_new(ctx, promise);
    if (p) l->rejected[l->rejected_count++] = p;
}

/* ---- reporting ----------------------------------------------------------------- */

static void report(mica_context *ctx, const char *prefix, mica_value value) {
    char *text = mica_exception_report(ctx, value);
    fflush(stdout);
    fprintf(stderr, "%s%s\n", prefix, text ? text : "exception");
    mica_free(text);
}

/* A microtask checkpoint, then the unhandled-rejection check: 0, or 1 after
 * a report. A job that throws (a queueMicrotask callback, a finalization
 * cleanup callback) is reported, and the jobs already queued still run: one
 * registry's failing callback does not stop the others' cleanups. The
 * process then ends, as after any uncaught error. */
static int end_of_task(host_loop *l) {
    int status = 0;
    mica_context *failed = NULL;
    while (mica_run_jobs(l->rt, &failed) != MICA_OK) {
        mica_context *ctx = failed ? failed : l->ctx;
        report(ctx, "Uncaught ", mica_take_exception(ctx));
        status = 1;
        failed = NULL;
    }
    if (status) return status;
    if (l->rejected_count) {
        mica_value promise = mica_persistent_get(l->rejected[0]);
        report(l->ctx, "Uncaught (in promise) ", mica_promise_result(l->ctx, promise));
        return 1;
    }
    return 0;
}

static void sleep_until(double due) {
    for (;;) {
        double wait = due - monotonic_ms();
        if (wait <= 0) return;
        struct timespec ts = {(time_t)(wait / 1000), (long)(fmod(wait, 1000.0) * 1e6)};
        if (nanosleep(&ts, NULL) == 0) return;
        if (errno != EINTR) return;
    }
}

static int run_timer(host_loop *l, timer *t) {
    mica_scope scope;
    mica_scope_open(l->rt, &scope);
    mica_value fn = mica_persistent_get(t->fn);
    mica_value argv_small[8];
    mica_value *argv = t->argc <= 8 ? argv_small : malloc((size_t)t->argc * sizeof *argv);
    int status = 0;
    if (!argv) {
        fputs("mica: out of memory\n", stderr);
        status = 1;
    } else {
        for (int i = 0; i < t->argc; i++)
            argv[i] = mica_persistent_get(t->args[i]);
        mica_value result;
        if (mica_call(l->ctx, fn, mica_undefined(), t->argc, argv, &result) != MICA_OK) {
            report(l->ctx, "Uncaught ", mica_take_exception(l->ctx));
            status = 1;
        }
        if (argv != argv_small) free(argv);
    }
    mica_scope_close(&scope);
    return status;
}

int host_loop_run(host_loop *l) {
    if (end_of_task(l)) return 1;
    while (l->count) {
        timer *t = heap_pop(l);
        if (t->cancelled) {
            timer_free(t);
            continue;
        }
        sleep_until(t->due);
        l->now = monotonic_ms();
        l->running = t;
        int status = run_timer(l, t);
        l->running = NULL;
        if (t->interval >= 0 && !t->cancelled && status == 0) {
            t->due = l->now + t->interval;
            t->seq = l->next_seq++;
            if (heap_push(l, t) < 0) timer_free(t);
        } else {
            timer_free(t);
        }
        if (status || end_of_task(l)) return 1;
    }
    return 0;
}

host_loop *host_loop_new(mica_context *ctx) {
    host_loop *l = calloc(1, sizeof *l);
    if (!l) return NULL;
    l->ctx = ctx;
    l->rt = mica_context_runtime(ctx);
    l->now = monotonic_ms();
    mica_scope scope;
    mica_scope_open(l->rt, &scope);
    mica_value global = mica_global(ctx);
    static const struct {
        const char *name;
        int length;
        mica_native_fn fn;
    } fns[] = {
        {"setTimeout", 2, set_timeout_fn},         {"setInterval", 2, set_interval_fn},
        {"clearTimeout", 1, clear_timer_fn},       {"clearInterval", 1, clear_timer_fn},
        {"queueMicrotask", 1, queue_microtask_fn},
    };
    int ok = 1;
    for (size_t i = 0; ok && i < sizeof fns / sizeof fns[0]; i++) {
        mica_value f = mica_function(ctx, fns[i].name, fns[i].length, fns[i].fn, l);
        ok = mica_is_function(f) && mica_define(ctx, global, fns[i].name, f) == MICA_OK;
    }
    mica_scope_close(&scope);
    if (!ok) {
        free(l);
        return NULL;
    }
    mica_runtime_set_rejection_tracker(l->rt, track_rejection, l);
    return l;
}

void host_loop_report_rejections(host_loop *l, int report) {
    l->ignore_rejections = !report;
    if (report) return;
    for (size_t i = 0; i < l->rejected_count; i++) mica_persistent_free(l->rejected[i]);
    l->rejected_count = 0;
}

void host_loop_free(host_loop *l) {
    if (!l) return;
    mica_runtime_set_rejection_tracker(l->rt, NULL, NULL);
    for (size_t i = 0; i < l->count; i++)
        timer_free(l->heap[i]);
    free(l->heap);
    for (size_t i = 0; i < l->rejected_count; i++)
        mica_persistent_free(l->rejected[i]);
    free(l->rejected);
    free(l);
}
