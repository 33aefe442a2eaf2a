/* test_finalization.c — WeakRef and FinalizationRegistry through the
 * embedding API, and the teardown cases that once crashed engines: a realm
 * freed with cleanup jobs pending, the runtime freed with jobs queued, the
 * global object as target / held value / token, cross-realm registries, an
 * exception in one registry's callback, host finalizers reading other dead
 * objects, functions of freed realms, and a million registrations. Run it
 * under `make SAN=1` (leaks and use-after-free) and MICA_GC_STRESS=1. */
#include <stdlib.h>
#include <string.h>
#include "test.h"
#include "mica.h"

static int stress(void) {
    const char *s = getenv("MICA_GC_STRESS");
    return s && s[0] && strcmp(s, "0") != 0;
}

static int callbacks; /* cleanup callbacks run (they call hit()) */
static mica_status hit_fn(mica_context *ctx, mica_value this_value, int argc,
                          const mica_value *argv, mica_value *result, void *opaque) {
    callbacks++;
    *result = mica_undefined();
    return MICA_OK;
}

static mica_status gc_fn(mica_context *ctx, mica_value this_value, int argc, const mica_value *argv,
                         mica_value *result, void *opaque) {
    mica_gc(mica_context_runtime(ctx));
    *result = mica_undefined();
    return MICA_OK;
}

static mica_context *new_context(mica_runtime *rt) {
    mica_context *ctx = mica_context_new(rt);
    CHECK(ctx != NULL);
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_value g = mica_global(ctx);
    CHECK(mica_define(ctx, g, "hit", mica_function(ctx, "hit", 0, hit_fn, NULL)) == MICA_OK);
    CHECK(mica_define(ctx, g, "gc", mica_function(ctx, "gc", 0, gc_fn, NULL)) == MICA_OK);
    mica_scope_close(&scope);
    return ctx;
}

/* Evaluates src in ctx; CHECKs that it did not throw. */
static void run(mica_context *ctx, const char *src) {
    mica_scope scope;
    mica_scope_open(mica_context_runtime(ctx), &scope);
    mica_value r;
    mica_status st = mica_eval(ctx, src, strlen(src), "test", 0, &r);
    if (st != MICA_OK) {
        char *text = mica_exception_report(ctx, mica_take_exception(ctx));
        fprintf(stderr, "exception: %s\n", text ? text : "?");
        mica_free(text);
    }
    CHECK(st == MICA_OK);
    mica_scope_close(&scope);
}

static double eval_number(mica_context *ctx, const char *src) {
    mica_scope scope;
    mica_scope_open(mica_context_runtime(ctx), &scope);
    mica_value r;
    double d = -1;
    CHECK(mica_eval(ctx, src, strlen(src), "test", 0, &r) == MICA_OK);
    CHECK(mica_to_number(ctx, r, &d) == MICA_OK);
    mica_scope_close(&scope);
    return d;
}

/* Registers targets that die; returns with their cleanup job queued. */
static void queue_cleanups(mica_context *ctx, int n) {
    char src[256];
    snprintf(src, sizeof src,
             "var fr = new FinalizationRegistry(function (h) { hit(); globalThis.last = h; });"
             "(function () { for (var i = 0; i < %d; i++) fr.register({}, globalThis, "
             "globalThis); })();"
             "fr.register(globalThis, fr, fr);",
             n);
    run(ctx, src);
    mica_gc(mica_context_runtime(ctx));
}

/* The cleanup job runs from mica_run_jobs, after the script, never inside gc. */
static void test_cleanup_runs_as_a_job(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = new_context(rt);
    callbacks = 0;
    queue_cleanups(ctx, 10);
    CHECK(callbacks == 0);
    CHECK(mica_has_pending_jobs(rt));
    CHECK(mica_run_jobs(rt, NULL) == MICA_OK);
    CHECK(callbacks == 10);
    mica_gc(rt);
    CHECK(mica_run_jobs(rt, NULL) == MICA_OK);
    CHECK(callbacks == 10);
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

/* A realm freed with cleanup jobs pending: they never run, in any order of
 * the remaining steps. */
static void test_realm_freed_with_jobs_pending(void) {
    for (int order = 0; order < 4; order++) {
        mica_runtime *rt = mica_runtime_new(NULL);
        mica_context *keep = new_context(rt);
        mica_context *ctx = new_context(rt);
        callbacks = 0;
        queue_cleanups(ctx, 5);
        CHECK(mica_has_pending_jobs(rt));
        mica_context_free(ctx);
        if (order == 0) {
            CHECK(mica_run_jobs(rt, NULL) == MICA_OK);
            mica_gc(rt);
        } else if (order == 1) {
            mica_gc(rt);
            CHECK(mica_run_jobs(rt, NULL) == MICA_OK);
            mica_gc(rt);
        } else if (order == 2) {
            mica_gc(rt); /* the queued job still roots the registry */
        }
        /* order 3: straight to runtime teardown with the job queued */
        CHECK(callbacks == 0);
        if (order != 3) mica_context_free(keep);
        mica_runtime_free(rt);
        CHECK(callbacks == 0);
    }
}

/* A freed realm whose registry is still referenced from a live realm: the
 * targets that die later are dropped, nothing runs. */
static void test_registry_of_freed_realm_kept_alive(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *a = new_context(rt);
    mica_context *b = new_context(rt);
    callbacks = 0;
    run(b, "var fr = new FinalizationRegistry(function () { hit(); });"
           "var targets = []; for (var i = 0; i < 10; i++) { targets.push({}); "
           "fr.register(targets[i], i); }");
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_value fr, targets;
    CHECK(mica_get(b, mica_global(b), "fr", &fr) == MICA_OK);
    CHECK(mica_get(b, mica_global(b), "targets", &targets) == MICA_OK);
    CHECK(mica_set(a, mica_global(a), "frFromB", fr) == MICA_OK);
    CHECK(mica_set(a, mica_global(a), "targetsFromB", targets) == MICA_OK);
    mica_scope_close(&scope);
    mica_context_free(b);
    mica_gc(rt);
    run(a, "targetsFromB.length = 0; frFromB.register({}, 'from a');");
    mica_gc(rt);
    CHECK(mica_run_jobs(rt, NULL) == MICA_OK);
    CHECK(callbacks == 0);
    /* The registry still answers (its realm's intrinsics live with it). */
    CHECK(eval_number(a, "frFromB.unregister({}) ? 1 : 0") == 0);
    mica_context_free(a);
    mica_runtime_free(rt);
}

/* The runtime freed with contexts, registries, weak maps, WeakRefs and
 * queued jobs, without freeing the contexts first. */
static void test_runtime_freed_with_everything(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *a = new_context(rt);
    mica_context *b = new_context(rt);
    callbacks = 0;
    queue_cleanups(a, 3);
    queue_cleanups(b, 3);
    run(a, "var wm = new WeakMap(); wm.set(globalThis, fr); wm.set(fr, globalThis);"
           "var ws = new WeakSet([fr, globalThis]); var ref = new WeakRef(fr);"
           "Promise.resolve().then(function () { hit(); });");
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_value ga = mica_global(a), gb = mica_global(b);
    CHECK(mica_set(a, ga, "other", gb) == MICA_OK);
    CHECK(mica_set(b, gb, "other", ga) == MICA_OK);
    mica_scope_close(&scope);
    run(b, "fr.register(other, globalThis, other); other.fr.register(globalThis, fr, fr);");
    mica_runtime_free(rt);
    CHECK(callbacks == 0);
}

/* An exception in one registry's callback is reported like an uncaught
 * error (mica_run_jobs fails with it pending) and does not stop the other
 * registries' jobs, which the next drain runs. */
static void test_exception_does_not_stop_others(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = new_context(rt);
    callbacks = 0;
    run(ctx, "var r1 = new FinalizationRegistry(function (h) { throw new Error('boom ' + h); });"
             "var r2 = new FinalizationRegistry(function (h) { hit(); });"
             "var r3 = new FinalizationRegistry(function (h) { hit(); });"
             "(function () { r1.register({}, 1); r1.register({}, 2); r2.register({}, 3);"
             "  r3.register({}, 4); })();");
    mica_gc(rt);
    int errors = 0;
    for (int i = 0; i < 10; i++) {
        mica_context *failed = NULL;
        if (mica_run_jobs(rt, &failed) == MICA_OK) break;
        errors++;
        CHECK(failed == ctx);
        CHECK(mica_has_exception(ctx));
        mica_scope scope;
        mica_scope_open(rt, &scope);
        char *text = mica_to_cstring(ctx, mica_take_exception(ctx), NULL);
        CHECK(text && strncmp(text, "Error: boom", 11) == 0);
        mica_free(text);
        mica_scope_close(&scope);
    }
    CHECK(errors == 2); /* each held value of r1 reported once */
    CHECK(callbacks == 2);
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

/* Host objects as targets: their native finalizers run in the sweep and
 * may read other dead objects, but cannot resurrect them. */
typedef struct Payload {
    int id;
    mica_context *ctx;
    mica_value partner; /* another host object, dead in the same collection */
} Payload;
static int finalized, partner_reads, resurrections;
static void payload_finalizer(mica_runtime *rt, void *data) {
    Payload *p = data;
    finalized++;
    if (!mica_is_undefined(p->partner)) {
        Payload *q = mica_host_data(p->partner); /* reads a dead cell: still intact */
        if (q && (q->id == p->id + 1 || q->id == p->id - 1)) partner_reads++;
        mica_persistent *res = mica_persistent_new(p->ctx, p->partner);
        if (res) {
            resurrections++;
            mica_persistent_free(res);
        }
    }
}

static void test_host_finalizers(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = new_context(rt);
    finalized = partner_reads = resurrections = callbacks = 0;
    enum { PAIRS = 50 };
    Payload *payloads = calloc(2 * PAIRS, sizeof *payloads);
    /* keep holds every pair until the loop is over, so that both halves
     * of a pair die in the same collection (also under GC stress). */
    run(ctx, "var fr = new FinalizationRegistry(function (h) { hit(); });"
             "var refs = [], keep = [];");
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_value fr, refs, keep, reg, ref_ctor, push;
    CHECK(mica_get(ctx, mica_global(ctx), "fr", &fr) == MICA_OK);
    CHECK(mica_get(ctx, mica_global(ctx), "refs", &refs) == MICA_OK);
    CHECK(mica_get(ctx, mica_global(ctx), "keep", &keep) == MICA_OK);
    CHECK(mica_get(ctx, fr, "register", &reg) == MICA_OK);
    CHECK(mica_get(ctx, mica_global(ctx), "WeakRef", &ref_ctor) == MICA_OK);
    CHECK(mica_get(ctx, refs, "push", &push) == MICA_OK);
    for (int i = 0; i < PAIRS; i++) {
        mica_scope inner;
        mica_scope_open(rt, &inner);
        Payload *p = &payloads[2 * i], *q = &payloads[2 * i + 1];
        p->id = 2 * i;
        q->id = 2 * i + 1;
        p->ctx = q->ctx = ctx;
        mica_value a = mica_host_object(ctx, p, payload_finalizer);
        mica_value b = mica_host_object(ctx, q, payload_finalizer);
        p->partner = b;
        q->partner = a;
        mica_value args[2] = {a, mica_number(i)}, r, wr;
        CHECK(mica_call(ctx, reg, fr, 2, args, &r) == MICA_OK);
        CHECK(mica_construct(ctx, ref_ctor, 1, &b, &wr) == MICA_OK);
        CHECK(mica_call(ctx, push, refs, 1, &wr, &r) == MICA_OK);
        CHECK(mica_call(ctx, push, keep, 1, &a, &r) == MICA_OK);
        CHECK(mica_call(ctx, push, keep, 1, &b, &r) == MICA_OK);
        mica_scope_close(&inner);
    }
    mica_scope_close(&scope);
    CHECK(finalized == 0);
    run(ctx, "keep.length = 0;");
    CHECK(mica_run_jobs(rt, NULL) == MICA_OK); /* ends the job that kept the WeakRef targets */
    mica_gc(rt);
    CHECK(finalized == 2 * PAIRS);
    CHECK(partner_reads == 2 * PAIRS);
    CHECK(resurrections == 0);
    CHECK(callbacks == 0);
    CHECK(mica_run_jobs(rt, NULL) == MICA_OK);
    CHECK(callbacks == PAIRS);
    CHECK(eval_number(ctx, "refs.filter(function (r) { return r.deref() !== undefined; })"
                           ".length") == 0);
    mica_context_free(ctx);
    mica_runtime_free(rt);
    free(payloads);
}

/* A function of a freed realm, kept by a live one, still works: it keeps
 * its realm's intrinsics alive (gc_mark_realm). A freed realm nothing
 * references is forgotten. */
static void test_functions_of_freed_realms(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *a = new_context(rt);
    for (int round = 0; round < 3; round++) {
        mica_context *b = new_context(rt);
        mica_context *unreferenced = new_context(rt);
        run(unreferenced, "var fr = new FinalizationRegistry(function () { hit(); });"
                          "fr.register({}, 1); fr.register(globalThis, 2);");
        run(b, "function make() { return [new Object(), new Map([[1, 2]]), "
               "new FinalizationRegistry(function () { hit(); }), new Date(0), Symbol('s')]; }");
        mica_scope scope;
        mica_scope_open(rt, &scope);
        mica_value make, push;
        CHECK(mica_get(b, mica_global(b), "make", &make) == MICA_OK);
        CHECK(mica_set(a, mica_global(a), "makeFromB", make) == MICA_OK);
        CHECK(mica_get(b, mica_global(b), "Array", &push) == MICA_OK);
        CHECK(mica_set(a, mica_global(a), "ArrayFromB", push) == MICA_OK);
        mica_scope_close(&scope);
        mica_context_free(unreferenced);
        mica_context_free(b);
        mica_gc(rt);
        mica_gc(rt);
        CHECK(eval_number(a, "var made = makeFromB(); made[2].register({}, 0);"
                             "made.length + ArrayFromB.of(1, 2).length") == 7);
        run(a, "gc(); made[0].constructor === makeFromB.constructor.constructor('return "
               "Object')() || (function () { throw new Error('wrong realm'); })();");
        run(a, "makeFromB = ArrayFromB = made = undefined;");
        mica_gc(rt);
    }
    mica_context_free(a);
    mica_runtime_free(rt);
}

/* Many registrations: every held value reaches the callback exactly once. */
static void test_many_registrations(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = new_context(rt);
    int n = stress() ? 2000 : 1000000;
    char src[512];
    snprintf(src, sizeof src,
             "var seen = 0, sum = 0;"
             "var fr = new FinalizationRegistry(function (h) { seen++; sum += h; });"
             "for (var i = 0; i < %d; i++) fr.register({}, i);",
             n);
    run(ctx, src);
    mica_gc(rt);
    CHECK(mica_run_jobs(rt, NULL) == MICA_OK);
    CHECK(eval_number(ctx, "seen") == n);
    CHECK(eval_number(ctx, "sum") == (double)n * (n - 1) / 2);
    /* A million registrations left pending at teardown. */
    run(ctx, "for (var i = 0; i < seen; i++) fr.register({}, i, globalThis);");
    mica_gc(rt);
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

int main(void) {
    RUN(test_cleanup_runs_as_a_job);
    RUN(test_realm_freed_with_jobs_pending);
    RUN(test_registry_of_freed_realm_kept_alive);
    RUN(test_runtime_freed_with_everything);
    RUN(test_exception_does_not_stop_others);
    RUN(test_host_finalizers);
    RUN(test_functions_of_freed_realms);
    RUN(test_many_registrations);
    return TEST_EXIT();
}
