/* test_jobs.c — the job queue (vm/jobs.c) and promise jobs through the
 * public API: FIFO order, a job that throws, the rejection tracker (a
 * rejection handled late), realms freed with jobs pending, teardown with
 * jobs pending, the kept-alive list and reserved cleanup jobs. */
#include <stdlib.h>
#include <string.h>
#include "test.h"
#include "vm/jobs.h"
#include "vm/object.h"

static mica_value eval(mica_context *ctx, const char *src) {
    mica_value r = mica_undefined();
    if (mica_eval(ctx, src, strlen(src), "<test>", MICA_EVAL_SCRIPT, &r) != MICA_OK) {
        char *s = mica_exception_report(ctx, mica_take_exception(ctx));
        fprintf(stderr, "unexpected exception: %s\n", s ? s : "?");
        mica_free(s);
        return mica_undefined();
    }
    return r;
}

/* The string value of a global expression, malloc'd. */
static char *eval_str(mica_context *ctx, const char *src) {
    return mica_to_cstring(ctx, eval(ctx, src), NULL);
}

static void test_fifo_order(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    mica_scope s;
    mica_scope_open(rt, &s);
    eval(ctx, "var log = [];"
              "Promise.resolve().then(() => log.push(1)).then(() => log.push(4));"
              "Promise.resolve().then(() => log.push(2));"
              "new Promise(r => r({ then(f) { log.push(3); f(); } })).then(() => log.push(5));"
              "log.push(0);");
    CHECK(mica_has_pending_jobs(rt));
    char *before = eval_str(ctx, "log.join()");
    CHECK_STR(before, "0");
    mica_free(before);
    CHECK(mica_run_jobs(rt, NULL) == MICA_OK);
    CHECK(!mica_has_pending_jobs(rt));
    char *after = eval_str(ctx, "log.join()");
    CHECK_STR(after, "0,1,2,3,4,5");
    mica_free(after);
    mica_scope_close(&s);
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

static void test_job_that_throws(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    mica_scope s;
    mica_scope_open(rt, &s);
    mica_value thrower = eval(ctx, "var ran = 0; (function () { throw new RangeError('boom'); })");
    mica_value counter = eval(ctx, "(function () { ran++; })");
    CHECK(mica_enqueue_job(ctx, thrower) == MICA_OK);
    CHECK(mica_enqueue_job(ctx, counter) == MICA_OK);
    CHECK(mica_enqueue_job(ctx, mica_number(1)) == MICA_EXCEPTION); /* not callable */
    mica_take_exception(ctx);
    mica_context *failed = NULL;
    CHECK(mica_run_jobs(rt, &failed) == MICA_EXCEPTION);
    CHECK(failed == ctx);
    char *report = mica_exception_report(ctx, mica_take_exception(ctx));
    CHECK(report && strncmp(report, "RangeError: boom", 16) == 0);
    mica_free(report);
    /* The job after the failing one stayed queued. */
    CHECK(mica_has_pending_jobs(rt));
    char *ran = eval_str(ctx, "String(ran)");
    CHECK_STR(ran, "0");
    mica_free(ran);
    CHECK(mica_run_jobs(rt, &failed) == MICA_OK);
    ran = eval_str(ctx, "String(ran)");
    CHECK_STR(ran, "1");
    mica_free(ran);
    /* A throwing reaction handler rejects its derived promise instead. */
    eval(ctx, "var seen; Promise.resolve().then(() => { throw 7; }).catch(e => { seen = e; });");
    CHECK(mica_run_jobs(rt, NULL) == MICA_OK);
    char *seen = eval_str(ctx, "String(seen)");
    CHECK_STR(seen, "7");
    mica_free(seen);
    mica_scope_close(&s);
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

/* Records tracker calls as "r" (rejected without handler) / "h" (handled). */
static char track_log[64];
static void tracker(mica_context *ctx, mica_value promise, int handled, void *opaque) {
    size_t n = strlen(track_log);
    if (n + 1 < sizeof track_log) {
        track_log[n] = handled ? 'h' : 'r';
        track_log[n + 1] = '\0';
    }
    *(mica_value *)opaque = promise;
}

static void test_rejection_handled_late(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    mica_scope s;
    mica_scope_open(rt, &s);
    mica_value last = 0;
    track_log[0] = '\0';
    mica_runtime_set_rejection_tracker(rt, tracker, &last);
    mica_value p = eval(ctx, "var p = Promise.reject(new Error('late')); p");
    CHECK_STR(track_log, "r");
    CHECK(last == p);
    CHECK(mica_promise_state(p) == MICA_PROMISE_REJECTED);
    CHECK(mica_is_error(mica_promise_result(ctx, p)));
    CHECK(mica_run_jobs(rt, NULL) == MICA_OK);
    CHECK_STR(track_log, "r"); /* nothing handled it yet */
    eval(ctx, "var caught; p.catch(e => { caught = e.message; });");
    CHECK_STR(track_log, "rh");
    CHECK(mica_run_jobs(rt, NULL) == MICA_OK);
    char *caught = eval_str(ctx, "caught");
    CHECK_STR(caught, "late");
    mica_free(caught);
    /* Rejected with no handler, then handled within the same run; a second
     * handler on an already handled promise is not a "handle" again. */
    eval(ctx, "Promise.reject(1).catch(() => {}); p.then(null, () => {});");
    CHECK_STR(track_log, "rhrh");
    CHECK(mica_promise_state(mica_number(1)) == -1);
    mica_runtime_set_rejection_tracker(rt, NULL, NULL);
    mica_scope_close(&s);
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

static int native_calls;
static mica_status count_fn(mica_context *ctx, mica_value this_value, int argc,
                            const mica_value *argv, mica_value *result, void *opaque) {
    native_calls++;
    return MICA_OK;
}

static void test_realm_freed_with_jobs_pending(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *main_ctx = mica_context_new(rt);
    mica_context *other = mica_context_new(rt);
    CHECK(main_ctx && other);
    mica_scope s;
    mica_scope_open(rt, &s);
    native_calls = 0;
    mica_value count = mica_function(main_ctx, "count", 0, count_fn, NULL);
    CHECK(mica_set(other, mica_global(other), "count", count) == MICA_OK);
    /* Reactions whose handlers belong to `other`, and a thenable job whose
     * then belongs to `other`, all queued when the realm goes away. */
    eval(other, "Promise.resolve().then(() => count());"
                "var big = []; for (var i = 0; i < 100; i++) big.push({i});"
                "Promise.resolve(big).then(b => { count(); return b.length; });"
                "Promise.resolve({ then(f) { count(); f(); } });");
    /* A job of main_ctx queued after them still runs. */
    mica_value main_count = mica_function(main_ctx, "count2", 0, count_fn, NULL);
    CHECK(mica_enqueue_job(main_ctx, main_count) == MICA_OK);
    CHECK(mica_has_pending_jobs(rt));
    mica_context_free(other);
    mica_gc(rt); /* the freed realm's objects may go; its jobs must not run */
    CHECK(mica_run_jobs(rt, NULL) == MICA_OK);
    CHECK(native_calls == 1);
    CHECK(!mica_has_pending_jobs(rt));
    mica_gc(rt);
    mica_scope_close(&s);
    mica_context_free(main_ctx);
    mica_runtime_free(rt);
}

static void test_teardown_discards_jobs(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    mica_scope s;
    mica_scope_open(rt, &s);
    native_calls = 0;
    mica_value count = mica_function(ctx, "count", 0, count_fn, NULL);
    CHECK(mica_set(ctx, mica_global(ctx), "count", count) == MICA_OK);
    eval(ctx, "for (var i = 0; i < 50; i++) Promise.resolve(i).then(count);"
              "var pending = new Promise(() => {}); pending.then(count);");
    mica_scope_close(&s);
    /* Freed with 50 jobs queued and reactions pending: nothing runs, nothing leaks. */
    mica_runtime_free(rt);
    CHECK(native_calls == 0);
}

/* A cell that counts its finalization, to watch liveness. */
static int finalized;
static void counted_finalize(Runtime *rt, Cell *c) {
    finalized++;
}
static const InternalCellOps counted_ops = {"Counted", NULL, counted_finalize};

static void test_kept_alive_until_job_end(void) {
    Runtime *rt = mica_runtime_new(NULL);
    finalized = 0;
    HandleMark m = gc_scope_open(rt);
    InternalCell *c = gc_alloc(rt, CELL_INTERNAL, sizeof(InternalCell));
    CHECK(c != NULL);
    c->ops = &counted_ops;
    CHECK(KeepDuringJob(rt, val_from_cell(&c->hdr)) == 0);
    gc_scope_close(rt, m);
    gc_collect(rt);
    CHECK(finalized == 0);                     /* kept by [[KeptAlive]] */
    CHECK(mica_run_jobs(rt, NULL) == MICA_OK); /* the synchronous run ended */
    gc_collect(rt);
    CHECK(finalized == 1);
    mica_runtime_free(rt);
}

static int cleanups;
static Value cleanup_job(Context *realm, const Value *args) {
    cleanups++;
    return VAL_UNDEFINED;
}

static void test_reserved_cleanup_jobs(void) {
    Runtime *rt = mica_runtime_new(NULL);
    Context *ctx = mica_context_new(rt);
    cleanups = 0;
    /* Without a reservation the cleanup cannot be queued (never allocates). */
    HostEnqueueFinalizationRegistryCleanupJob(rt, cleanup_job, ctx, VAL_UNDEFINED);
    CHECK(jobs_pending(rt) == 0);
    CHECK(jobs_reserve(rt, 2) == 0);
    HostEnqueueFinalizationRegistryCleanupJob(rt, cleanup_job, ctx, VAL_UNDEFINED);
    HostEnqueueFinalizationRegistryCleanupJob(rt, cleanup_job, ctx, VAL_UNDEFINED);
    HostEnqueueFinalizationRegistryCleanupJob(rt, cleanup_job, ctx,
                                              VAL_UNDEFINED); /* no slot left */
    CHECK(jobs_pending(rt) == 2);
    /* Ordinary jobs queued meanwhile do not eat the reservation. */
    for (int i = 0; i < 200; i++)
        CHECK(HostEnqueuePromiseJob(rt, cleanup_job, ctx, VAL_UNDEFINED, VAL_UNDEFINED,
                                    VAL_UNDEFINED) == 0);
    CHECK(mica_run_jobs(rt, NULL) == MICA_OK);
    CHECK(cleanups == 202);
    /* The slots came back when the cleanup jobs left the queue. */
    HostEnqueueFinalizationRegistryCleanupJob(rt, cleanup_job, ctx, VAL_UNDEFINED);
    CHECK(jobs_pending(rt) == 1);
    jobs_unreserve(rt, 2);
    mica_context_free(ctx);
    mica_runtime_free(rt); /* the pending cleanup is discarded */
    CHECK(cleanups == 202);
}

static void test_promise_api_and_gc(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    mica_scope s;
    mica_scope_open(rt, &s);
    /* A long chain with garbage in between: every link survives collections. */
    eval(ctx, "var n = 0, p = Promise.resolve(0);"
              "for (var i = 0; i < 200; i++) p = p.then(v => { n++; return [v + 1, {}][0]; });"
              "var last = p;");
    mica_gc(rt);
    CHECK(mica_run_jobs(rt, NULL) == MICA_OK);
    mica_value last = eval(ctx, "last");
    CHECK(mica_promise_state(last) == MICA_PROMISE_FULFILLED);
    double v = -1;
    CHECK(mica_to_number(ctx, mica_promise_result(ctx, last), &v) == MICA_OK && v == 200);
    mica_value pending = eval(ctx, "new Promise(() => {})");
    CHECK(mica_promise_state(pending) == MICA_PROMISE_PENDING);
    CHECK(mica_is_undefined(mica_promise_result(ctx, pending)));
    mica_scope_close(&s);
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

int main(void) {
    RUN(test_fifo_order);
    RUN(test_job_that_throws);
    RUN(test_rejection_handled_late);
    RUN(test_realm_freed_with_jobs_pending);
    RUN(test_teardown_discards_jobs);
    RUN(test_kept_alive_until_job_end);
    RUN(test_reserved_cleanup_jobs);
    RUN(test_promise_api_and_gc);
    return TEST_EXIT();
}
