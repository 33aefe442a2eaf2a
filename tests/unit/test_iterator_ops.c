/* test_iterator_ops.c — the iterator abstract operations (builtins/iterator_ops.c). */
#include <stdlib.h>
#include <string.h>
#include "builtins/iterator_ops.h"
#include "test.h"
#include "vm/string.h"

static Runtime *rt;
static Context *ctx;

/* Evaluates a script and returns its completion value (undefined on error). */
static Value eval(const char *src) {
    mica_value result;
    if (mica_eval(ctx, src, strlen(src), "test.js", 0, &result) != MICA_OK) {
        rt_take_exception(rt);
        return VAL_UNDEFINED;
    }
    return result;
}

static Value global_get(const char *name) {
    return Get(ctx, ctx->global, key_from_cstr(rt, name));
}

/* The pending exception's constructor name, taken and cleared; "" if none. */
static const char *take_error_name(void) {
    static char name[64];
    name[0] = 0;
    if (!rt->has_exception) return name;
    Value e = rt_take_exception(rt);
    if (!val_is_object(e)) return "(non-object)";
    Value n = Get(ctx, obj_from_value(e), KEY(rt, name));
    if (!val_is_string(n)) return "(no name)";
    char *utf8 = str_to_utf8(rt, val_as_string(n), NULL);
    if (utf8) {
        strncpy(name, utf8, sizeof name - 1);
        free(utf8);
    }
    return name;
}

static void test_iterable_to_list(void) {
    Value arr = eval("[10, 20, 30]");
    ValueArray *list = IterableToList(ctx, arr);
    CHECK(list != NULL);
    if (!list) return;
    CHECK(list->length == 3);
    CHECK(list->length == 3 && val_num(list->items[2]) == 30);
}

static void test_get_iterator_not_iterable(void) {
    IteratorRecord rec;
    CHECK(GetIterator(ctx, val_from_int(5), ITER_KIND_SYNC, &rec) < 0);
    CHECK_STR(take_error_name(), "TypeError");
    Value obj = eval("({ [Symbol.iterator]() { return 1; } })");
    CHECK(GetIterator(ctx, obj, ITER_KIND_SYNC, &rec) < 0);
    CHECK_STR(take_error_name(), "TypeError");
}

static void test_step_value_and_done(void) {
    Value obj = eval("var log = [];"
                     "({ [Symbol.iterator]() { var i = 0; return { next() { log.push('next');"
                     "  return i < 2 ? { value: i++, done: false } : { done: 1 }; } }; } })");
    IteratorRecord rec;
    CHECK(GetIterator(ctx, obj, ITER_KIND_SYNC, &rec) == 0);
    Value v0 = IteratorStepValue(ctx, &rec);
    Value v1 = IteratorStepValue(ctx, &rec);
    Value end = IteratorStepValue(ctx, &rec);
    CHECK(val_is_number(v0) && val_num(v0) == 0);
    CHECK(val_is_number(v1) && val_num(v1) == 1);
    CHECK(end == ITER_DONE);
    CHECK(rec.done);
}

static void test_next_result_not_object(void) {
    Value obj = eval("({ [Symbol.iterator]() { return { next() { return 3; } }; } })");
    IteratorRecord rec;
    CHECK(GetIterator(ctx, obj, ITER_KIND_SYNC, &rec) == 0);
    CHECK(IteratorStep(ctx, &rec) == VAL_EXCEPTION);
    CHECK(rec.done);
    CHECK_STR(take_error_name(), "TypeError");
}

/* A throw completion survives a return() that throws a different error. */
static void test_close_keeps_original_throw(void) {
    Value obj = eval("var closed = 0;"
                     "({ [Symbol.iterator]() { return { next() { return {}; },"
                     "  return() { closed++; throw new RangeError('from return'); } }; } })");
    IteratorRecord rec;
    CHECK(GetIterator(ctx, obj, ITER_KIND_SYNC, &rec) == 0);
    throw_error(ctx, ERR_URI, "original");
    CHECK(IteratorClose(ctx, &rec, VAL_EXCEPTION) == VAL_EXCEPTION);
    CHECK_STR(take_error_name(), "URIError");
    Value closed = global_get("closed");
    CHECK(val_is_number(closed) && val_num(closed) == 1);
}

/* On a normal completion, a non-object from return() is a TypeError and a
 * missing return() is fine. */
static void test_close_normal(void) {
    Value bad = eval("({ [Symbol.iterator]() { return { next() {}, return() { return 1; } }; } })");
    IteratorRecord rec;
    CHECK(GetIterator(ctx, bad, ITER_KIND_SYNC, &rec) == 0);
    CHECK(IteratorClose(ctx, &rec, val_from_int(7)) == VAL_EXCEPTION);
    CHECK_STR(take_error_name(), "TypeError");

    Value plain = eval("({ [Symbol.iterator]() { return { next() {} }; } })");
    CHECK(GetIterator(ctx, plain, ITER_KIND_SYNC, &rec) == 0);
    CHECK(IteratorClose(ctx, &rec, val_from_int(7)) == val_from_int(7));
    CHECK(!rt->has_exception);
}

static void test_create_iter_result(void) {
    Value r = CreateIterResultObject(ctx, val_from_int(4), true);
    CHECK(val_is_object(r));
    if (!val_is_object(r)) return;
    CHECK(Get(ctx, obj_from_value(r), KEY(rt, done)) == VAL_TRUE);
    Value v = Get(ctx, obj_from_value(r), KEY(rt, value));
    CHECK(val_is_number(v) && val_num(v) == 4);
}

int main(void) {
    rt = mica_runtime_new(NULL);
    ctx = mica_context_new(rt);
    HandleMark m = gc_scope_open(rt);
    RUN(test_iterable_to_list);
    RUN(test_get_iterator_not_iterable);
    RUN(test_step_value_and_done);
    RUN(test_next_result_not_object);
    RUN(test_close_keeps_original_throw);
    RUN(test_close_normal);
    RUN(test_create_iter_result);
    gc_scope_close(rt, m);
    mica_context_free(ctx);
    mica_runtime_free(rt);
    return TEST_EXIT();
}
