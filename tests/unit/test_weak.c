/* test_weak.c — WeakMap / WeakSet as ephemerons, through the embedding API:
 * dead keys vanish with their values, chains of keys reachable only through
 * other entries' values die in one collection, a dead weak map does not keep
 * its values, and teardown with populated weak maps is clean. Keys and values
 * are host objects whose finalizers count, so the test sees exactly what the
 * collector freed. */
#include <stdlib.h>
#include "test.h"
#include "mica.h"
#include "vm/ordered_table.h"

static int keys_finalized, values_finalized;
static void key_finalizer(mica_runtime *rt, void *data) {
    keys_finalized++;
}
static void value_finalizer(mica_runtime *rt, void *data) {
    values_finalized++;
}

static bool stress(void) {
    const char *s = getenv("MICA_GC_STRESS");
    return s && s[0] == '1';
}

static mica_value construct(mica_context *ctx, const char *name) {
    mica_value ctor, obj;
    CHECK(mica_get(ctx, mica_global(ctx), name, &ctor) == MICA_OK);
    CHECK(mica_construct(ctx, ctor, 0, NULL, &obj) == MICA_OK);
    return obj;
}

static void call_method(mica_context *ctx, mica_value obj, const char *name, int argc,
                        const mica_value *argv, mica_value *result) {
    mica_value fn, r;
    CHECK(mica_get(ctx, obj, name, &fn) == MICA_OK);
    CHECK(mica_call(ctx, fn, obj, argc, argv, &r) == MICA_OK);
    if (result) *result = r;
}

static uint32_t table_size(mica_value collection) {
    return ot_size((KeyedCollection *)val_as_object(collection));
}

static size_t collections(mica_runtime *rt) {
    mica_heap_stats s;
    mica_heap_stats_get(rt, &s);
    return s.collections;
}

/* Entries whose keys die vanish (values finalized too); the rest stay. */
static void test_dead_keys_vanish(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    keys_finalized = values_finalized = 0;
    int n = stress() ? 20 : 1000, kept = n / 10;
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_persistent *wm = mica_persistent_new(ctx, construct(ctx, "WeakMap"));
    mica_persistent **keep = calloc((size_t)kept, sizeof *keep);
    for (int i = 0; i < n; i++) {
        mica_scope inner;
        mica_scope_open(rt, &inner);
        mica_value args[2] = {mica_host_object(ctx, NULL, key_finalizer),
                              mica_host_object(ctx, NULL, value_finalizer)};
        call_method(ctx, mica_persistent_get(wm), "set", 2, args, NULL);
        if (i % 10 == 0) keep[i / 10] = mica_persistent_new(ctx, args[0]);
        mica_scope_close(&inner);
    }
    mica_scope_close(&scope);
    mica_gc(rt);
    CHECK(keys_finalized == n - kept);
    CHECK(values_finalized == n - kept);
    mica_scope_open(rt, &scope);
    CHECK(table_size(mica_persistent_get(wm)) == (uint32_t)kept);
    for (int i = 0; i < kept; i++) {
        mica_value key = mica_persistent_get(keep[i]), v, has;
        call_method(ctx, mica_persistent_get(wm), "get", 1, &key, &v);
        call_method(ctx, mica_persistent_get(wm), "has", 1, &key, &has);
        CHECK(mica_host_data(v) == NULL && mica_is_object(v));
        CHECK(mica_to_bool(has));
        mica_persistent_free(keep[i]);
    }
    mica_scope_close(&scope);
    mica_gc(rt);
    CHECK(keys_finalized == n && values_finalized == n);
    mica_scope_open(rt, &scope);
    CHECK(table_size(mica_persistent_get(wm)) == 0);
    mica_scope_close(&scope);
    free(keep);
    mica_persistent_free(wm);
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

/* key[i] -> key[i+1]: every key but the head is reachable only through the
 * previous entry's value. Alive while the head is; all gone in one gc. */
static void chain(bool backwards) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    keys_finalized = values_finalized = 0;
    int n = stress() ? 30 : 1000;
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_persistent *wm = mica_persistent_new(ctx, construct(ctx, "WeakMap"));
    mica_value arr;
    CHECK(mica_eval(ctx, "[]", 2, "chain", 0, &arr) == MICA_OK);
    for (int i = 0; i <= n; i++)
        CHECK(mica_set_index(ctx, arr, (uint32_t)i, mica_host_object(ctx, NULL, key_finalizer)) ==
              MICA_OK);
    for (int j = 0; j < n; j++) {
        int i = backwards ? n - 1 - j : j;
        mica_value args[2];
        CHECK(mica_get_index(ctx, arr, (uint32_t)i, &args[0]) == MICA_OK);
        CHECK(mica_get_index(ctx, arr, (uint32_t)i + 1, &args[1]) == MICA_OK);
        call_method(ctx, mica_persistent_get(wm), "set", 2, args, NULL);
    }
    mica_value head;
    CHECK(mica_get_index(ctx, arr, 0, &head) == MICA_OK);
    mica_persistent *head_ref = mica_persistent_new(ctx, head);
    mica_scope_close(&scope);

    mica_gc(rt);
    CHECK(keys_finalized == 0);
    mica_scope_open(rt, &scope);
    CHECK(table_size(mica_persistent_get(wm)) == (uint32_t)n);
    /* Walk the chain from the head to the end. */
    mica_value cur = mica_persistent_get(head_ref), has;
    int steps = 0;
    for (;;) {
        call_method(ctx, mica_persistent_get(wm), "has", 1, &cur, &has);
        if (!mica_to_bool(has)) break;
        call_method(ctx, mica_persistent_get(wm), "get", 1, &cur, &cur);
        steps++;
    }
    CHECK(steps == n);
    mica_scope_close(&scope);

    mica_persistent_free(head_ref);
    size_t before = collections(rt);
    mica_gc(rt);
    CHECK(collections(rt) == before + 1);
    CHECK(keys_finalized == n + 1);
    mica_scope_open(rt, &scope);
    CHECK(table_size(mica_persistent_get(wm)) == 0);
    mica_scope_close(&scope);
    mica_persistent_free(wm);
    mica_context_free(ctx);
    mica_runtime_free(rt);
}
static void test_chain_forwards(void) {
    chain(false);
}
static void test_chain_backwards(void) {
    chain(true);
}

/* A value that refers to its own key does not keep the entry alive. */
static void test_value_refers_to_key(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    keys_finalized = values_finalized = 0;
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_persistent *wm = mica_persistent_new(ctx, construct(ctx, "WeakMap"));
    for (int i = 0; i < 50; i++) {
        mica_value key = mica_host_object(ctx, NULL, key_finalizer);
        mica_value value = mica_object(ctx);
        CHECK(mica_set(ctx, value, "key", key) == MICA_OK);
        CHECK(mica_set(ctx, value, "payload", mica_host_object(ctx, NULL, value_finalizer)) ==
              MICA_OK);
        mica_value args[2] = {key, value};
        call_method(ctx, mica_persistent_get(wm), "set", 2, args, NULL);
    }
    mica_scope_close(&scope);
    mica_gc(rt);
    CHECK(keys_finalized == 50 && values_finalized == 50);
    mica_persistent_free(wm);
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

/* A dead WeakMap does not keep its values, even while their keys live. */
static void test_dead_map_drops_values(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    keys_finalized = values_finalized = 0;
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_value key = mica_host_object(ctx, NULL, key_finalizer);
    mica_persistent *key_ref = mica_persistent_new(ctx, key);
    for (int i = 0; i < 20; i++) {
        mica_value wm = construct(ctx, "WeakMap");
        mica_value args[2] = {key, mica_host_object(ctx, NULL, value_finalizer)};
        call_method(ctx, wm, "set", 2, args, NULL);
    }
    mica_scope_close(&scope);
    mica_gc(rt);
    CHECK(keys_finalized == 0);
    CHECK(values_finalized == 20);
    mica_persistent_free(key_ref);
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

/* Symbols that can be held weakly are weak keys too; WeakSet members vanish. */
static void test_symbols_and_weakset(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    keys_finalized = values_finalized = 0;
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_persistent *wm = mica_persistent_new(ctx, construct(ctx, "WeakMap"));
    mica_persistent *ws = mica_persistent_new(ctx, construct(ctx, "WeakSet"));
    mica_value sym;
    CHECK(mica_eval(ctx, "Symbol('kept')", 14, "sym", 0, &sym) == MICA_OK);
    mica_persistent *sym_ref = mica_persistent_new(ctx, sym);
    for (int i = 0; i < 10; i++) {
        mica_scope inner;
        mica_scope_open(rt, &inner);
        mica_value s;
        CHECK(mica_eval(ctx, "Symbol('dead')", 14, "sym", 0, &s) == MICA_OK);
        mica_value args[2] = {s, mica_host_object(ctx, NULL, value_finalizer)};
        call_method(ctx, mica_persistent_get(wm), "set", 2, args, NULL);
        mica_value member = mica_host_object(ctx, NULL, key_finalizer);
        call_method(ctx, mica_persistent_get(ws), "add", 1, &member, NULL);
        mica_scope_close(&inner);
    }
    mica_value args[2] = {sym, mica_host_object(ctx, NULL, value_finalizer)};
    call_method(ctx, mica_persistent_get(wm), "set", 2, args, NULL);
    mica_scope_close(&scope);
    mica_gc(rt);
    CHECK(values_finalized == 10);
    CHECK(keys_finalized == 10);
    mica_scope_open(rt, &scope);
    CHECK(table_size(mica_persistent_get(wm)) == 1);
    CHECK(table_size(mica_persistent_get(ws)) == 0);
    mica_value has;
    mica_value kept = mica_persistent_get(sym_ref);
    call_method(ctx, mica_persistent_get(wm), "has", 1, &kept, &has);
    CHECK(mica_to_bool(has));
    mica_scope_close(&scope);
    mica_persistent_free(sym_ref);
    mica_persistent_free(wm);
    mica_persistent_free(ws);
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

/* Map and Set hold their entries strongly. */
static void test_map_is_strong(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    keys_finalized = values_finalized = 0;
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_persistent *m = mica_persistent_new(ctx, construct(ctx, "Map"));
    for (int i = 0; i < 30; i++) {
        mica_value args[2] = {mica_host_object(ctx, NULL, key_finalizer),
                              mica_host_object(ctx, NULL, value_finalizer)};
        call_method(ctx, mica_persistent_get(m), "set", 2, args, NULL);
    }
    mica_scope_close(&scope);
    mica_gc(rt);
    CHECK(keys_finalized == 0 && values_finalized == 0);
    mica_persistent_free(m);
    mica_gc(rt);
    CHECK(keys_finalized == 30 && values_finalized == 30);
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

/* Freeing the context and the runtime with populated weak maps (and a
 * cycle through a weak map's own key) touches nothing freed. */
static void test_teardown(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    mica_value r;
    const char *src = "var keep = [];"
                      "for (var i = 0; i < 200; i++) {"
                      "  var k = {}; var w = new WeakMap([[k, {k: k}]]);"
                      "  k.w = w; if (i % 2) keep.push(k);"
                      "}"
                      "globalThis.self = new WeakMap([[globalThis, globalThis]]); 1";
    CHECK(mica_eval(ctx, src, strlen(src), "teardown", 0, &r) == MICA_OK);
    mica_gc(rt);
    mica_context_free(ctx);
    mica_gc(rt);
    mica_runtime_free(rt);
}

int main(void) {
    RUN(test_dead_keys_vanish);
    RUN(test_chain_forwards);
    RUN(test_chain_backwards);
    RUN(test_value_refers_to_key);
    RUN(test_dead_map_drops_values);
    RUN(test_symbols_and_weakset);
    RUN(test_map_is_strong);
    RUN(test_teardown);
    return TEST_EXIT();
}
