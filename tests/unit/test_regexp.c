/* test_regexp.c — the regexp compiler and matcher (src/regexp) through their
 * C API, plus the limits: interrupting a catastrophic pattern and a pattern
 * whose backtrack state exceeds the bound. */
#include <stdlib.h>
#include "regexp/regexp.h"
#include "test.h"
#include "vm/object.h"
#include "vm/runtime.h"
#include "vm/string.h"

static mica_runtime *rt;
static mica_context *ctx;

static size_t to_units(const char *ascii, uint16_t *out) {
    size_t n = 0;
    while (ascii[n]) {
        out[n] = (uint8_t)ascii[n];
        n++;
    }
    return n;
}

static RegexpProgram *compile(const char *pattern, uint32_t flags, char *err) {
    uint16_t units[256];
    size_t n = to_units(pattern, units);
    return regexp_compile(units, n, flags, err, 160, NULL);
}

/* Match pattern on subject; returns the start index or -1, writes the
 * captures of group `group` to *gs, *ge. -2: exception. */
static int match(const char *pattern, uint32_t flags, const char *subject, uint32_t group, int *gs,
                 int *ge) {
    char err[160];
    RegexpProgram *prog = compile(pattern, flags, err);
    if (!prog) {
        fprintf(stderr, "compile %s: %s\n", pattern, err);
        return -3;
    }
    String *s = str_from_cstr(rt, subject);
    int32_t caps[64];
    int r = s ? regexp_exec(ctx, prog, s, 0, caps) : -1;
    int result = r < 0 ? -2 : r == 0 ? -1 : caps[0];
    if (r > 0 && group < regexp_capture_count(prog)) {
        *gs = caps[2 * group];
        *ge = caps[2 * group + 1];
    }
    regexp_free(prog);
    if (r < 0) rt_take_exception(rt);
    return result;
}

static bool syntax_error(const char *pattern, uint32_t flags) {
    char err[160];
    RegexpProgram *prog = compile(pattern, flags, err);
    if (prog) {
        regexp_free(prog);
        return false;
    }
    return err[0] != 0;
}

static void test_basic_matching(void) {
    int s = -1, e = -1;
    CHECK(match("b+", 0, "aabbbc", 0, &s, &e) == 2 && s == 2 && e == 5);
    CHECK(match("(a|ab)(c|bcd)(d*)", 0, "abcd", 3, &s, &e) == 0 && s == 4 && e == 4);
    CHECK(match("x", 0, "abc", 0, &s, &e) == -1);
    CHECK(match("^abc$", RE_FLAG_IGNORE_CASE, "ABC", 0, &s, &e) == 0);
    CHECK(match("(?<=\\$)\\d+", 0, "cost $42", 0, &s, &e) == 6 && e == 8);
    CHECK(match("(a)\\1", 0, "xaa", 1, &s, &e) == 1 && s == 1 && e == 2);
    CHECK(match("a{2,3}?", 0, "aaaa", 0, &s, &e) == 0 && e == 2);
    CHECK(match("(?:a|())*", 0, "aa", 1, &s, &e) == 0);
    CHECK(match("[^\\d\\s]+", 0, "12 ab3", 0, &s, &e) == 3 && e == 5);
    CHECK(match("\\bfoo\\b", 0, "a foo", 0, &s, &e) == 2);
    CHECK(match("(?i:a)b", 0, "Ab", 0, &s, &e) == 0);
    CHECK(match("(?i:a)b", 0, "AB", 0, &s, &e) == -1);
}

static void test_early_errors(void) {
    CHECK(syntax_error("a**", 0));
    CHECK(syntax_error("(", 0));
    CHECK(syntax_error("[b-a]", 0));
    CHECK(syntax_error("x{2,1}", 0));
    CHECK(syntax_error("(?<n>a)(?<n>b)", 0));
    CHECK(!syntax_error("(?<n>a)|(?<n>b)", 0));
    CHECK(syntax_error("\\k<m>(?<n>a)", 0));
    CHECK(!syntax_error("\\k", 0)); /* Annex B: identity escape without names */
    CHECK(syntax_error("\\k", RE_FLAG_UNICODE));
    CHECK(syntax_error("{1}", 0));
    CHECK(!syntax_error("{", 0));
    CHECK(syntax_error("{", RE_FLAG_UNICODE));
    CHECK(syntax_error("\\2(a)", RE_FLAG_UNICODE));
    CHECK(syntax_error("(?<=a)*", 0));
    CHECK(!syntax_error("(?=a)*", 0));
    CHECK(syntax_error("(?ii:a)", 0));
    CHECK(syntax_error("(?i-i:a)", 0));
    CHECK(syntax_error("[a&&&b]", RE_FLAG_UNICODE_SETS));
    CHECK(syntax_error("[^\\q{ab}]", RE_FLAG_UNICODE_SETS));
    CHECK(!syntax_error("[\\q{ab|c}--c]", RE_FLAG_UNICODE_SETS));
}

static int stop_now(mica_runtime *r, void *opaque) {
    int *calls = opaque;
    return ++*calls >= 3;
}

/* /(a*)*b/ on a long run of a's never finishes in a backtracking matcher:
 * the host's interrupt handler must stop it. (The subject holds a "b" the
 * run of a's cannot reach: without one the required-literal scan answers
 * at once, which the second check shows.) */
static void test_interrupt_catastrophic(void) {
    int calls = 0;
    mica_runtime_set_interrupt_handler(rt, stop_now, &calls);
    char subject[64];
    memset(subject, 'a', 40);
    strcpy(subject + 40, "cb");
    int s, e;
    CHECK(match("(a*)*b", 0, subject, 0, &s, &e) == -2);
    CHECK(calls >= 3);
    calls = 0;
    subject[40] = 0;
    CHECK(match("(a*)*b", 0, subject, 0, &s, &e) == -1);
    CHECK(calls == 0);
    mica_runtime_set_interrupt_handler(rt, NULL, NULL);
}

/* Each iteration of a capturing loop keeps backtrack state; a long enough
 * subject exceeds RE_BACKTRACK_LIMIT_WORDS and throws a catchable RangeError. */
static void test_backtrack_limit(void) {
    size_t n = 4u * 1024 * 1024;
    char *subject = malloc(n + 3);
    memset(subject, 'a', n);
    strcpy(subject + n, "dc"); /* a "c" the loop cannot reach */
    char err[160];
    RegexpProgram *prog = compile("(?:(a)|b)*c", 0, err);
    CHECK(prog != NULL);
    String *s = str_from_cstr(rt, subject);
    free(subject);
    int32_t caps[8];
    CHECK(s && regexp_exec(ctx, prog, s, 0, caps) == -1);
    CHECK(rt->has_exception && !rt->exception_uncatchable);
    Value exc = rt_take_exception(rt);
    CHECK(val_is_object(exc));
    regexp_free(prog);
    /* The same from JavaScript: try/catch sees a RangeError. */
    const char *src =
        "var r; try { /(?:(a)|b)*c/.test('a'.repeat(4194304) + 'dc'); r = 'no error'; }"
        " catch (e) { r = e instanceof RangeError ? 'RangeError' : String(e); } r";
    mica_value result;
    CHECK(mica_eval(ctx, src, strlen(src), "limit.js", 0, &result) == MICA_OK);
    char *str = mica_to_cstring(ctx, result, NULL);
    CHECK_STR(str, "RangeError");
    mica_free(str);
}

static void test_literal_compiled_once(void) {
    const char *src = "function f() { return /a(b)/g; } var x = f(), y = f();"
                      " x !== y && x.exec('ab')[1] === 'b' && y.lastIndex === 0 ? 'ok' : 'bad'";
    mica_value result;
    CHECK(mica_eval(ctx, src, strlen(src), "lit.js", 0, &result) == MICA_OK);
    char *str = mica_to_cstring(ctx, result, NULL);
    CHECK_STR(str, "ok");
    mica_free(str);
    const char *bad = "var f = function () { return /(/; };";
    CHECK(mica_eval(ctx, bad, strlen(bad), "bad.js", 0, &result) == MICA_EXCEPTION);
    mica_value exc = mica_take_exception(ctx);
    char *msg = mica_to_cstring(ctx, exc, NULL);
    CHECK(msg && strstr(msg, "SyntaxError") != NULL);
    mica_free(msg);
}

int main(void) {
    rt = mica_runtime_new(NULL);
    ctx = mica_context_new(rt);
    if (!rt || !ctx) {
        fprintf(stderr, "cannot create runtime\n");
        return 1;
    }
    HandleMark m = gc_scope_open(rt);
    RUN(test_basic_matching);
    RUN(test_early_errors);
    RUN(test_interrupt_catastrophic);
    RUN(test_backtrack_limit);
    RUN(test_literal_compiled_once);
    gc_scope_close(rt, m);
    mica_context_free(ctx);
    mica_runtime_free(rt);
    return TEST_EXIT();
}
