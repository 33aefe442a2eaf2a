/* test_json_array.c — JSON.parse / JSON.stringify and the Array.prototype
 * methods driven through the embedding API, with the collector running at
 * every allocation (a missed root in json.c or array.c shows up here as a
 * wrong result or a crash). */
#include <stdlib.h>
#include "mica.h"
#include "test.h"

static mica_runtime *rt;
static mica_context *ctx;

static mica_value global_path(const char *a, const char *b) {
    mica_value o = mica_global(ctx), v;
    if (mica_get(ctx, o, a, &v) != MICA_OK) return mica_undefined();
    if (!b) return v;
    mica_value w;
    if (mica_get(ctx, v, b, &w) != MICA_OK) return mica_undefined();
    return w;
}

static mica_value str(const char *s) {
    return mica_string(ctx, s, strlen(s));
}

/* JSON.parse(text), or undefined with the exception left pending. */
static mica_value parse(const char *text) {
    mica_value arg = str(text), out;
    if (mica_call(ctx, global_path("JSON", "parse"), global_path("JSON", NULL), 1, &arg, &out) !=
        MICA_OK)
        return mica_undefined();
    return out;
}

/* JSON.stringify(v, undefined, space) as a malloc'd C string ("<exception>"
 * when it threw). */
static char *stringify(mica_value v, mica_value space) {
    mica_value args[3] = {v, mica_undefined(), space}, out;
    if (mica_call(ctx, global_path("JSON", "stringify"), global_path("JSON", NULL), 3, args,
                  &out) != MICA_OK) {
        mica_take_exception(ctx);
        char *s = malloc(16);
        strcpy(s, "<exception>");
        return s;
    }
    char *s = mica_to_cstring(ctx, out, NULL);
    return s;
}

static mica_value array_method(const char *name, mica_value this_value, int argc,
                               const mica_value *argv) {
    mica_value proto = global_path("Array", "prototype"), fn, out;
    if (mica_get(ctx, proto, name, &fn) != MICA_OK) return mica_undefined();
    if (mica_call(ctx, fn, this_value, argc, argv, &out) != MICA_OK) return mica_undefined();
    return out;
}

static void check_round_trip(const char *text, const char *want) {
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_value v = parse(text);
    CHECK(!mica_has_exception(ctx));
    char *s = stringify(v, mica_undefined());
    CHECK_STR(s, want);
    mica_free(s);
    mica_scope_close(&scope);
}

static void test_json_round_trip(void) {
    check_round_trip("{\"a\":[1,2,{\"b\":\"x\"}],\"c\":\"\\u00e9\\ud83d\\ude00\",\"d\":[[[]]]}",
                     "{\"a\":[1,2,{\"b\":\"x\"}],\"c\":\"\xc3\xa9\xf0\x9f\x98\x80\",\"d\":[[[]]]}");
    check_round_trip(" [ -0.5e-3 , 1E2, 0, true, false, null, \"\\\"\\\\\\/\\n\" ] ",
                     "[-0.0005,100,0,true,false,null,\"\\\"\\\\/\\n\"]");
    check_round_trip("{\"__proto__\":1,\"k\":1,\"k\":2,\"0\":3}",
                     "{\"0\":3,\"__proto__\":1,\"k\":2}");
    check_round_trip("\"\\ud800\"", "\"\\ud800\"");
}

static void test_json_indent(void) {
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_value v = parse("{\"a\":[1,{}],\"b\":{\"c\":[]}}");
    char *s = stringify(v, mica_number(2));
    CHECK_STR(s, "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": {\n    \"c\": []\n  }\n}");
    mica_free(s);
    s = stringify(v, str("\t"));
    CHECK_STR(s, "{\n\t\"a\": [\n\t\t1,\n\t\t{}\n\t],\n\t\"b\": {\n\t\t\"c\": []\n\t}\n}");
    mica_free(s);
    mica_scope_close(&scope);
}

static void test_json_errors(void) {
    static const char *const bad[] = {"",  "[1,]", "{\"a\" 1}", "01",       "\"\\u12\"",
                                      "[", "nul",  "1 2",       "\"\x01\"", "{'a':1}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        mica_scope scope;
        mica_scope_open(rt, &scope);
        parse(bad[i]);
        CHECK(mica_has_exception(ctx));
        mica_value e = mica_take_exception(ctx);
        char *report = mica_exception_report(ctx, e);
        CHECK(report && strncmp(report, "SyntaxError", 11) == 0);
        mica_free(report);
        mica_scope_close(&scope);
    }
    /* A cycle is a TypeError. */
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_value o = mica_object(ctx);
    mica_set(ctx, o, "self", o);
    char *s = stringify(o, mica_undefined());
    CHECK_STR(s, "<exception>");
    mica_free(s);
    mica_scope_close(&scope);
}

static void test_deep_nesting(void) {
    /* The parser keeps its containers on an explicit stack: 200000 levels
     * neither overflow the C stack nor throw. Under MICA_GC_STRESS (which
     * overrides the runtime's option) 6000 levels, still past stringify's
     * limit of 5000: every allocation collects a heap that grows with depth. */
    const char *stress = getenv("MICA_GC_STRESS");
    size_t depth = stress && *stress && strcmp(stress, "0") != 0 ? 6000 : 200000;
    char *text = malloc(2 * depth + 1);
    memset(text, '[', depth);
    memset(text + depth, ']', depth);
    text[2 * depth] = 0;
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_value v = parse(text);
    CHECK(!mica_has_exception(ctx) && mica_is_object(v));
    /* Stringify recurses and reports the limit as a RangeError, no crash. */
    char *s = stringify(v, mica_undefined());
    CHECK_STR(s, "<exception>");
    mica_free(s);
    mica_scope_close(&scope);
    free(text);
}

static void test_array_sort_join(void) {
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_value a = parse("[3,1,10,2,\"b\",\"a\",null]");
    array_method("sort", a, 0, NULL);
    CHECK(!mica_has_exception(ctx));
    char *s = stringify(a, mica_undefined());
    CHECK_STR(s, "[1,10,2,3,\"a\",\"b\",null]");
    mica_free(s);
    mica_value sep = str("-");
    mica_value joined = array_method("join", a, 1, &sep);
    s = mica_to_cstring(ctx, joined, NULL);
    CHECK_STR(s, "1-10-2-3-a-b-");
    mica_free(s);
    /* A larger sort: 3000 numbers in reverse, as strings. */
    char *text = malloc(3000 * 8 + 8);
    size_t n = 0;
    text[n++] = '[';
    for (int i = 2999; i >= 0; i--)
        n += (size_t)sprintf(text + n, i ? "\"%04d\"," : "\"%04d\"", i);
    text[n++] = ']';
    text[n] = 0;
    mica_value big = parse(text);
    free(text);
    array_method("sort", big, 0, NULL);
    CHECK(!mica_has_exception(ctx));
    mica_value first, last;
    mica_get_index(ctx, big, 0, &first);
    mica_get_index(ctx, big, 2999, &last);
    s = mica_to_cstring(ctx, first, NULL);
    CHECK_STR(s, "0000");
    mica_free(s);
    s = mica_to_cstring(ctx, last, NULL);
    CHECK_STR(s, "2999");
    mica_free(s);
    mica_scope_close(&scope);
}

static void test_array_methods(void) {
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_value a = parse("[1,2,3,4,5]");
    mica_value args[3] = {mica_number(1), mica_number(-1)};
    char *s = stringify(array_method("slice", a, 2, args), mica_undefined());
    CHECK_STR(s, "[2,3,4]");
    mica_free(s);
    args[0] = mica_number(1);
    args[1] = mica_number(2);
    args[2] = str("x");
    s = stringify(array_method("splice", a, 3, args), mica_undefined());
    CHECK_STR(s, "[2,3]");
    mica_free(s);
    s = stringify(a, mica_undefined());
    CHECK_STR(s, "[1,\"x\",4,5]");
    mica_free(s);
    args[0] = str("x");
    mica_value idx = array_method("indexOf", a, 1, args);
    CHECK(mica_is_number(idx));
    double d = -1;
    mica_to_number(ctx, idx, &d);
    CHECK(d == 1);
    s = stringify(array_method("concat", a, 1, &a), mica_undefined());
    CHECK_STR(s, "[1,\"x\",4,5,1,\"x\",4,5]");
    mica_free(s);
    s = stringify(array_method("toReversed", a, 0, NULL), mica_undefined());
    CHECK_STR(s, "[5,4,\"x\",1]");
    mica_free(s);
    mica_value nested = parse("[1,[2,[3,[4]]]]");
    mica_value inf = mica_number(1.0 / 0.0);
    s = stringify(array_method("flat", nested, 1, &inf), mica_undefined());
    CHECK_STR(s, "[1,2,3,4]");
    mica_free(s);
    mica_scope_close(&scope);
}

int main(void) {
    mica_runtime_options opts = {0};
    opts.gc_stress = getenv("MICA_TEST_NO_STRESS") ? 0 : 1;
    rt = mica_runtime_new(&opts);
    ctx = mica_context_new(rt);
    if (!rt || !ctx) {
        fprintf(stderr, "cannot create a runtime\n");
        return 1;
    }
    RUN(test_json_round_trip);
    RUN(test_json_indent);
    RUN(test_json_errors);
    RUN(test_array_sort_join);
    RUN(test_array_methods);
    /* Last and without stress: 200000 levels under stress take too long. */
    mica_context_free(ctx);
    mica_runtime_free(rt);
    opts.gc_stress = 0;
    rt = mica_runtime_new(&opts);
    ctx = mica_context_new(rt);
    RUN(test_deep_nesting);
    mica_context_free(ctx);
    mica_runtime_free(rt);
    return TEST_EXIT();
}
