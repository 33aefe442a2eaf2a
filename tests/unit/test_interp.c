/* test_interp.c — the compiler + interpreter through the public API. */
#include <stdlib.h>
#include <string.h>

#include "mica.h"
#include "test.h"

static mica_runtime *rt;
static mica_context *ctx;

/* Evaluates src and returns ToString of the result (or "throw: <report>"),
 * in a static buffer. */
static const char *run(const char *src) {
    static char buf[1024];
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_value result;
    if (mica_eval(ctx, src, strlen(src), "test.js", 0, &result) != MICA_OK) {
        mica_value e = mica_take_exception(ctx);
        char *s = mica_to_cstring(ctx, e, NULL);
        snprintf(buf, sizeof buf, "throw: %s", s ? s : "?");
        mica_free(s);
    } else {
        char *s = mica_to_cstring(ctx, result, NULL);
        snprintf(buf, sizeof buf, "%s", s ? s : "?");
        mica_free(s);
    }
    mica_scope_close(&scope);
    return buf;
}

static void setup(int gc_stress) {
    mica_runtime_options o;
    memset(&o, 0, sizeof o);
    o.gc_stress = gc_stress;
    o.max_stack_frames = 2000;
    rt = mica_runtime_new(&o);
    ctx = mica_context_new(rt);
}

static void teardown(void) {
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

static void test_arithmetic(void) {
    CHECK_STR(run("1 + 2 * 3"), "7");
    CHECK_STR(run("2147483647 + 1"), "2147483648");
    CHECK_STR(run("-2147483648 - 1"), "-2147483649");
    CHECK_STR(run("7 % -3"), "1");
    CHECK_STR(run("1 / (-0)"), "-Infinity");
    CHECK_STR(run("'a' + 1 + 2"), "a12");
    CHECK_STR(run("1 + 2 + 'a'"), "3a");
    CHECK_STR(run("({valueOf: function () { return 5; }}) * 2"), "10");
    CHECK_STR(run("2 ** -1"), "0.5");
    CHECK_STR(run("-1 >>> 28"), "15");
    CHECK_STR(run("typeof undeclared"), "undefined");
}

static void test_completion_values(void) {
    CHECK_STR(run("1; var x = 2;"), "1");
    CHECK_STR(run("1; if (true) {}"), "undefined");
    CHECK_STR(run("1; while (false);"), "undefined");
    CHECK_STR(run("2; do { 3; break; } while (true)"), "3");
    CHECK_STR(run("1; try { 2 } finally { 3 }"), "2");
    CHECK_STR(run("1; try { throw 0 } catch (e) { }"), "undefined");
    CHECK_STR(run("1; lbl: { 2; break lbl; }"), "2");
    CHECK_STR(run("1; switch (1) { case 1: }"), "undefined");
    CHECK_STR(run("eval('5; do { 6; try { 7 } finally { break } } while (0)')"), "undefined");
}

static void test_closures_and_scopes(void) {
    CHECK_STR(run("function mk() { var n = 0; return function () { return ++n; }; }"
                  "var f = mk(); f(); f(); f()"),
              "3");
    CHECK_STR(run("var fs = []; for (let i = 0; i < 3; i++) fs.push(function () { return i; });"
                  "fs[0]() + fs[1]() + fs[2]()"),
              "3");
    CHECK_STR(run("{ let a = 1; { let a = 2; } a }"), "1");
    CHECK_STR(run("(function () { 'use strict'; try { z = 1; } catch (e) { return e.name; } })()"),
              "ReferenceError");
    CHECK_STR(run("try { tdz; let tdz = 1; } catch (e) { e.name }"), "ReferenceError");
    CHECK_STR(run("const c = 1; try { c = 2; } catch (e) { e.message }"),
              "Assignment to constant variable.");
    CHECK_STR(run("with ({w: 4}) { w * 2 }"), "8");
    CHECK_STR(run("(function (a) { arguments[0] = 9; return a; })(1)"), "9");
    CHECK_STR(run("(function (a) { 'use strict'; arguments[0] = 9; return a; })(1)"), "1");
    CHECK_STR(run("(() => typeof this)()"), "object");
}

static void test_eval(void) {
    CHECK_STR(run("(function () { var l = 2; return eval('l * 3'); })()"), "6");
    CHECK_STR(run("(function () { eval('var v = 7'); return v; })()"), "7");
    CHECK_STR(run("(function () { 'use strict'; eval('var v2 = 7'); return typeof v2; })()"),
              "undefined");
    CHECK_STR(run("var ie = eval; (function () { var g = 1; return ie('typeof g'); })()"),
              "undefined");
    CHECK_STR(run("eval('1 +')"), "throw: SyntaxError: Unexpected end of input (<input>:1:4)");
}

static void test_exceptions(void) {
    CHECK_STR(run("function f() { try { return 'a'; } finally { throw 'b'; } }"
                  "try { f() } catch (e) { e }"),
              "b");
    CHECK_STR(run("var r = ''; for (var i = 0; i < 3; i++) { try { if (i == 1) continue; r += i; }"
                  " finally { r += 'f'; } } r"),
              "0ff2f");
    CHECK_STR(run("undefined.x"),
              "throw: TypeError: Cannot read properties of undefined (reading 'x')");
    CHECK_STR(run("var o = {}; o.a.b()"),
              "throw: TypeError: Cannot read properties of undefined (reading 'b')");
    CHECK_STR(run("var o = {a: {}}; o.a.b()"), "throw: TypeError: o.a.b is not a function");
    CHECK_STR(run("nope"), "throw: ReferenceError: nope is not defined");
    CHECK_STR(run("function r() { return r(); } try { r() } catch (e) { e.message }"),
              "Maximum call stack size exceeded");
}

static void test_objects(void) {
    CHECK_STR(run("var o = {a: 1, get b() { return this.a + 1; }}; o.b"), "2");
    CHECK_STR(run("function P(x) { this.x = x; } P.prototype.get = function () { return this.x; };"
                  "new P(4).get()"),
              "4");
    CHECK_STR(run("var k = []; for (var p in {x: 1, y: 2}) k.push(p); k.join()"), "x,y");
    CHECK_STR(run("var [a, , b = 5, ...rest] = [1, 2, undefined, 4, 5]; a + ',' + b + ',' + rest"),
              "1,5,4,5");
    CHECK_STR(run("var {q, r: {s}} = {q: 1, r: {s: 2}}; q + s"), "3");
    CHECK_STR(run("var s = 0; for (var v of [1, 2, 3]) s += v; s"), "6");
    CHECK_STR(run("Math.max(...[1, 5, 3])"), "5");
    CHECK_STR(run("`a${1 + 1}b`"), "a2b");
    CHECK_STR(run("(function (a, b = a + 1, ...r) { return a + b + r.length; })(1)"), "3");
    CHECK_STR(run("var f = function () {}; f.name"), "f");
    CHECK_STR(run("(function foo(a, b) {}).toString()"), "function foo(a, b) {}");
    CHECK_STR(run("'x' in {x: 1}"), "true");
    CHECK_STR(run("delete Object.prototype"), "false");
}

static int interrupt_calls;
static int stop_now(mica_runtime *r, void *opaque) {
    (void)r;
    (void)opaque;
    return ++interrupt_calls > 2;
}

static void test_interrupt(void) {
    mica_runtime_set_interrupt_handler(rt, stop_now, NULL);
    const char *r = run("try { for (;;) {} } catch (e) { 'caught' }");
    CHECK(strncmp(r, "throw:", 6) == 0);
    mica_runtime_set_interrupt_handler(rt, NULL, NULL);
    CHECK_STR(run("1 + 1"), "2");
}

static void test_dump(void) {
    mica_scope scope;
    mica_scope_open(rt, &scope);
    mica_value script;
    const char *src = "function f(a) { return a + 1; } f(2);";
    CHECK(mica_compile(ctx, src, strlen(src), "d.js", 0, &script) == MICA_OK);
    FILE *tmp = tmpfile();
    CHECK(tmp != NULL);
    if (tmp) {
        mica_dump_bytecode(ctx, script, tmp);
        long n = ftell(tmp);
        CHECK(n > 0);
        char text[4096] = {0};
        rewind(tmp);
        size_t got = fread(text, 1, sizeof text - 1, tmp);
        CHECK(got > 0);
        CHECK(strstr(text, "ADD") != NULL);
        CHECK(strstr(text, "DECLARE_GLOBALS") != NULL);
        fclose(tmp);
    }
    mica_scope_close(&scope);
}

static void all(void) {
    RUN(test_arithmetic);
    RUN(test_completion_values);
    RUN(test_closures_and_scopes);
    RUN(test_eval);
    RUN(test_exceptions);
    RUN(test_objects);
    RUN(test_interrupt);
    RUN(test_dump);
}

int main(void) {
    setup(0);
    all();
    teardown();
    /* Everything again with a collection at every allocation. */
    setup(1);
    all();
    teardown();
    return TEST_EXIT();
}
