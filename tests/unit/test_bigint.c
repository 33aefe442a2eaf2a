/* test_bigint.c — BigInt arithmetic and conversions (vm/bigint.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "test.h"
#include "vm/bigint.h"
#include "vm/conv.h"
#include "vm/string.h"

static Runtime *rt;
static Context *ctx;
static char out[4][4096];
static int out_next;

/* A BigInt from a decimal (optionally negative) C string. */
static BigInt *B(const char *s) {
    bool neg = s[0] == '-';
    if (neg) s++;
    Value v = bigint_from_digits(ctx, s, strlen(s), 10, neg);
    if (val_is_exception(v)) {
        rt_take_exception(rt);
        return NULL;
    }
    return val_as_bigint(v);
}

/* Decimal text of a result, "throw" when it threw; buffers rotate. */
static const char *T(Value v) {
    char *buf = out[out_next++ & 3];
    if (val_is_exception(v)) {
        rt_take_exception(rt);
        return "throw";
    }
    char *s = bigint_to_cstr(val_as_bigint(v), 10);
    snprintf(buf, sizeof out[0], "%s", s ? s : "(oom)");
    free(s);
    return buf;
}

static const char *OP(const char *a, BigIntOp op, const char *b) {
    return T(bigint_binary(ctx, op, B(a), B(b)));
}

static void test_add_sub_carries(void) {
    CHECK_STR(OP("4294967295", BIGINT_OP_ADD, "1"), "4294967296");
    CHECK_STR(OP("18446744073709551615", BIGINT_OP_ADD, "1"), "18446744073709551616");
    CHECK_STR(OP("18446744073709551616", BIGINT_OP_SUB, "1"), "18446744073709551615");
    CHECK_STR(OP("1", BIGINT_OP_SUB, "18446744073709551616"), "-18446744073709551615");
    CHECK_STR(OP("-5", BIGINT_OP_ADD, "5"), "0");
    CHECK_STR(OP("-5", BIGINT_OP_ADD, "3"), "-2");
    CHECK_STR(OP("-5", BIGINT_OP_SUB, "-7"), "2");
    CHECK_STR(OP("0", BIGINT_OP_SUB, "7"), "-7");
    CHECK_STR(T(bigint_increment(ctx, B("-1"), 1)), "0");
    CHECK_STR(T(bigint_increment(ctx, B("4294967295"), 1)), "4294967296");
    CHECK_STR(T(bigint_increment(ctx, B("-4294967296"), 1)), "-4294967295");
    CHECK_STR(T(bigint_increment(ctx, B("0"), -1)), "-1");
    CHECK_STR(T(bigint_unary_minus(ctx, B("0"))), "0");
    CHECK(!bigint_is_negative(val_as_bigint(bigint_unary_minus(ctx, B("0")))));
    CHECK_STR(T(bigint_bitwise_not(ctx, B("5"))), "-6");
    CHECK_STR(T(bigint_bitwise_not(ctx, B("-1"))), "0");
}

static void test_mul_div(void) {
    CHECK_STR(OP("18446744073709551615", BIGINT_OP_MUL, "18446744073709551615"),
              "340282366920938463426481119284349108225");
    CHECK_STR(OP("-3", BIGINT_OP_MUL, "4"), "-12");
    CHECK_STR(OP("-3", BIGINT_OP_MUL, "0"), "0");
    CHECK_STR(OP("7", BIGINT_OP_DIV, "2"), "3");
    CHECK_STR(OP("-7", BIGINT_OP_DIV, "2"), "-3");
    CHECK_STR(OP("7", BIGINT_OP_DIV, "-2"), "-3");
    CHECK_STR(OP("-7", BIGINT_OP_DIV, "-2"), "3");
    CHECK_STR(OP("7", BIGINT_OP_MOD, "2"), "1");
    CHECK_STR(OP("-7", BIGINT_OP_MOD, "2"), "-1");
    CHECK_STR(OP("7", BIGINT_OP_MOD, "-2"), "1");
    CHECK_STR(OP("-7", BIGINT_OP_MOD, "-2"), "-1");
    CHECK_STR(OP("1", BIGINT_OP_DIV, "0"), "throw");
    CHECK_STR(OP("1", BIGINT_OP_MOD, "0"), "throw");
    CHECK_STR(OP("10000000000000000000000000000000000000000012345", BIGINT_OP_DIV,
                 "100000000000000000000"),
              "100000000000000000000000000");
    CHECK_STR(OP("10000000000000000000000000000000000000000012345", BIGINT_OP_MOD,
                 "100000000000000000000"),
              "12345");
    /* The quotient-digit estimate that must be corrected by adding back:
     * u = 0x7fffffff_80000000_00000000_00000000, v = 0x80000000_00000000_00000001. */
    Value hi = bigint_binary(ctx, BIGINT_OP_SHL, B("2147483647"), B("96"));
    Value mid = bigint_binary(ctx, BIGINT_OP_SHL, B("2147483648"), B("64"));
    Value dividend = bigint_binary(ctx, BIGINT_OP_ADD, val_as_bigint(hi), val_as_bigint(mid));
    Value divisor = bigint_binary(
        ctx, BIGINT_OP_ADD,
        val_as_bigint(bigint_binary(ctx, BIGINT_OP_SHL, B("2147483648"), B("64"))), B("1"));
    Value q = bigint_binary(ctx, BIGINT_OP_DIV, val_as_bigint(dividend), val_as_bigint(divisor));
    Value r = bigint_binary(ctx, BIGINT_OP_MOD, val_as_bigint(dividend), val_as_bigint(divisor));
    Value back = bigint_binary(
        ctx, BIGINT_OP_ADD,
        val_as_bigint(bigint_binary(ctx, BIGINT_OP_MUL, val_as_bigint(q), val_as_bigint(divisor))),
        val_as_bigint(r));
    CHECK(bigint_equal(val_as_bigint(back), val_as_bigint(dividend)));
    CHECK(bigint_compare(val_as_bigint(r), val_as_bigint(divisor)) < 0);
    CHECK_STR(T(q), "4294967294");

    /* q * d + r == n and |r| < |d| over pseudo-random multi-limb values. */
    uint64_t seed = 12345;
    int bad = 0;
    for (int i = 0; i < 300; i++) {
        char a[200], b[100];
        int alen = 1 + (int)(seed % 60), blen = 1 + (int)((seed >> 8) % 40);
        for (int j = 0; j < alen; j++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            a[j] = (char)('0' + (seed >> 33) % 10);
        }
        for (int j = 0; j < blen; j++) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            b[j] = (char)('0' + (seed >> 33) % 10);
        }
        a[alen] = 0;
        b[blen] = 0;
        BigInt *n = B(a), *d = B(b);
        if (bigint_is_zero(d)) continue;
        if (i & 1) n = val_as_bigint(bigint_unary_minus(ctx, n));
        if (i & 2) d = val_as_bigint(bigint_unary_minus(ctx, d));
        Value qq = bigint_binary(ctx, BIGINT_OP_DIV, n, d);
        Value rr = bigint_binary(ctx, BIGINT_OP_MOD, n, d);
        Value prod = bigint_binary(ctx, BIGINT_OP_MUL, val_as_bigint(qq), d);
        Value sum = bigint_binary(ctx, BIGINT_OP_ADD, val_as_bigint(prod), val_as_bigint(rr));
        BigInt *ra = val_as_bigint(rr);
        bool r_small = bigint_is_zero(ra) || (bigint_len(ra) <= bigint_len(d) &&
                                              bigint_is_negative(ra) == bigint_is_negative(n));
        if (!bigint_equal(val_as_bigint(sum), n) || !r_small) bad++;
    }
    CHECK(bad == 0);
}

static void test_exponentiate(void) {
    CHECK_STR(OP("2", BIGINT_OP_EXP, "100"), "1267650600228229401496703205376");
    CHECK_STR(OP("-3", BIGINT_OP_EXP, "3"), "-27");
    CHECK_STR(OP("-3", BIGINT_OP_EXP, "4"), "81");
    CHECK_STR(OP("10", BIGINT_OP_EXP, "30"), "1000000000000000000000000000000");
    CHECK_STR(OP("0", BIGINT_OP_EXP, "0"), "1");
    CHECK_STR(OP("-1", BIGINT_OP_EXP, "1000000000001"), "-1");
    CHECK_STR(OP("2", BIGINT_OP_EXP, "-1"), "throw");
    CHECK_STR(OP("2", BIGINT_OP_EXP, "2000000"), "throw");
    CHECK_STR(OP("3", BIGINT_OP_EXP, "99999999999999999999"), "throw");
}

static void test_shifts(void) {
    CHECK_STR(OP("1", BIGINT_OP_SHL, "64"), "18446744073709551616");
    CHECK_STR(OP("-1", BIGINT_OP_SAR, "1000"), "-1");
    CHECK_STR(OP("-5", BIGINT_OP_SAR, "1"), "-3");
    CHECK_STR(OP("5", BIGINT_OP_SAR, "1"), "2");
    CHECK_STR(OP("-4", BIGINT_OP_SAR, "1"), "-2");
    CHECK_STR(OP("1", BIGINT_OP_SHL, "-1"), "0");
    CHECK_STR(OP("-1", BIGINT_OP_SHL, "-1"), "-1");
    CHECK_STR(OP("3", BIGINT_OP_SAR, "-2"), "12");
    CHECK_STR(OP("-18446744073709551616", BIGINT_OP_SAR, "64"), "-1");
    CHECK_STR(OP("-18446744073709551617", BIGINT_OP_SAR, "64"), "-2");
    CHECK_STR(OP("0", BIGINT_OP_SHL, "10000000000"), "0");
    CHECK_STR(OP("1", BIGINT_OP_SHL, "10000000000"), "throw");
    CHECK_STR(OP("1", BIGINT_OP_SHR, "1"), "throw");
    CHECK_STR(OP("5", BIGINT_OP_SAR, "100000000000000000000000"), "0");
    CHECK_STR(OP("-5", BIGINT_OP_SAR, "100000000000000000000000"), "-1");
}

static void test_bitwise(void) {
    CHECK_STR(OP("-7", BIGINT_OP_AND, "3"), "1");
    CHECK_STR(OP("-7", BIGINT_OP_AND, "-3"), "-7");
    CHECK_STR(OP("5", BIGINT_OP_OR, "-8"), "-3");
    CHECK_STR(OP("-7", BIGINT_OP_XOR, "3"), "-6");
    CHECK_STR(OP("18446744073709551616", BIGINT_OP_XOR, "-1"), "-18446744073709551617");
    CHECK_STR(OP("-18446744073709551616", BIGINT_OP_AND, "18446744073709551615"), "0");
    CHECK_STR(OP("-18446744073709551616", BIGINT_OP_OR, "18446744073709551615"), "-1");
}

static void test_to_string_radix(void) {
    const char *samples[] = {"0",
                             "1",
                             "-1",
                             "35",
                             "-4294967296",
                             "18446744073709551615",
                             "-123456789012345678901234567890123456789"};
    int bad = 0;
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        BigInt *x = B(samples[i]);
        for (int radix = 2; radix <= 36; radix++) {
            char *s = bigint_to_cstr(x, radix);
            bool neg = s[0] == '-';
            Value back = bigint_from_digits(ctx, s + neg, strlen(s + neg), radix, neg);
            if (val_is_exception(back) || !bigint_equal(val_as_bigint(back), x)) bad++;
            free(s);
        }
    }
    CHECK(bad == 0);
    char *s = bigint_to_cstr(B("-255"), 16);
    CHECK_STR(s, "-ff");
    free(s);
    s = bigint_to_cstr(B("1267650600228229401496703205376"), 2);
    CHECK(s && strlen(s) == 101 && s[0] == '1');
    free(s);
    s = bigint_to_cstr(B("1000000000"), 10);
    CHECK_STR(s, "1000000000");
    free(s);
}

static void test_as_int_n(void) {
    const char *p63 = "9223372036854775808", *p64 = "18446744073709551616";
    CHECK_STR(T(bigint_as_n(ctx, 64, B(p63), true)), "-9223372036854775808");
    CHECK_STR(T(bigint_as_n(ctx, 64, B("18446744073709551615"), true)), "-1");
    CHECK_STR(T(bigint_as_n(ctx, 65, B(p64), true)), "-18446744073709551616");
    CHECK_STR(T(bigint_as_n(ctx, 65, B("18446744073709551615"), true)), "18446744073709551615");
    CHECK_STR(T(bigint_as_n(ctx, 64, B("-1"), false)), "18446744073709551615");
    CHECK_STR(T(bigint_as_n(ctx, 65, B("-1"), false)), "36893488147419103231");
    CHECK_STR(T(bigint_as_n(ctx, 64, B("-9223372036854775808"), true)), "-9223372036854775808");
    CHECK_STR(T(bigint_as_n(ctx, 64, B("-9223372036854775809"), true)), "9223372036854775807");
    CHECK_STR(T(bigint_as_n(ctx, 0, B("5"), true)), "0");
    CHECK_STR(T(bigint_as_n(ctx, 1, B("1"), true)), "-1");
    CHECK_STR(T(bigint_as_n(ctx, 1, B("3"), false)), "1");
    CHECK_STR(T(bigint_as_n(ctx, 200, B("-5"), true)), "-5");
    CHECK_STR(T(bigint_as_n(ctx, 70, B("-5"), false)), "1180591620717411303419");
    CHECK_STR(T(bigint_as_n(ctx, 9007199254740991ull, B("-5"), true)), "-5");
    CHECK_STR(T(bigint_as_n(ctx, 9007199254740991ull, B("5"), false)), "5");
    CHECK_STR(T(bigint_as_n(ctx, 9007199254740991ull, B("-5"), false)), "throw");
    CHECK(bigint_to_uint64_wrap(B("-1")) == UINT64_MAX);
    CHECK((int64_t)bigint_to_uint64_wrap(B("-18446744073709551617")) == -1);
}

static void test_numbers(void) {
    CHECK(bigint_to_double(B("9007199254740993")) == 9007199254740992.0);
    CHECK(bigint_to_double(B("9007199254740995")) == 9007199254740996.0);
    CHECK(bigint_to_double(B("-9007199254740993")) == -9007199254740992.0);
    /* (2^53 + 1) * 2^100 is a tie: to even; one more rounds up. */
    BigInt *tie = val_as_bigint(bigint_binary(ctx, BIGINT_OP_SHL, B("9007199254740993"), B("100")));
    CHECK(bigint_to_double(tie) == ldexp(9007199254740992.0, 100));
    BigInt *above = val_as_bigint(bigint_increment(ctx, tie, 1));
    CHECK(bigint_to_double(above) == ldexp(9007199254740994.0, 100));
    CHECK(isinf(
        bigint_to_double(val_as_bigint(bigint_binary(ctx, BIGINT_OP_SHL, B("1"), B("1024"))))));
    CHECK(bigint_to_double(val_as_bigint(bigint_binary(ctx, BIGINT_OP_SHL, B("1"), B("1023")))) ==
          ldexp(1, 1023));
    CHECK(bigint_compare_double(B("1"), 1.5) < 0);
    CHECK(bigint_compare_double(B("2"), 1.5) > 0);
    CHECK(bigint_compare_double(B("-1"), -1.5) > 0);
    CHECK(bigint_compare_double(B("-2"), -1.5) < 0);
    CHECK(bigint_compare_double(B("18446744073709551616"), 18446744073709551616.0) == 0);
    CHECK(bigint_compare_double(B("0"), -0.0) == 0);
    CHECK(bigint_compare_double(B("99999999999999999999999"), INFINITY) < 0);
    CHECK_STR(T(NumberToBigInt(ctx, 1e21)), "1000000000000000000000");
    CHECK_STR(T(NumberToBigInt(ctx, -0.0)), "0");
    CHECK_STR(T(NumberToBigInt(ctx, 0.5)), "throw");
    CHECK_STR(T(NumberToBigInt(ctx, NAN)), "throw");
}

static Value parse(const char *s) {
    return StringToBigInt(ctx, str_from_cstr(rt, s));
}

static void test_string_to_bigint(void) {
    CHECK_STR(T(parse(" 0x1f\n")), "31");
    CHECK_STR(T(parse("0o17")), "15");
    CHECK_STR(T(parse("0B101")), "5");
    CHECK_STR(T(parse("")), "0");
    CHECK_STR(T(parse("  ")), "0");
    CHECK_STR(T(parse("-12")), "-12");
    CHECK_STR(T(parse("+7")), "7");
    CHECK_STR(T(parse("000123")), "123");
    CHECK(parse("-0x1") == VAL_UNDEFINED);
    CHECK(parse("1e3") == VAL_UNDEFINED);
    CHECK(parse("0b") == VAL_UNDEFINED);
    CHECK(parse("1n") == VAL_UNDEFINED);
    CHECK(parse("1_000") == VAL_UNDEFINED);
    CHECK(parse("-") == VAL_UNDEFINED);
    CHECK(parse("Infinity") == VAL_UNDEFINED);
}

static void test_equality_and_hash(void) {
    BigInt *a = B("123456789012345678901234567890"), *b = B("123456789012345678901234567890");
    CHECK(a != b);
    CHECK(bigint_equal(a, b));
    CHECK(bigint_hash(a) == bigint_hash(b));
    CHECK(bigint_hash(B("1")) != bigint_hash(B("-1")));
    CHECK(SameValueZero(val_from_bigint(a), val_from_bigint(b)));
    CHECK(IsStrictlyEqual(val_from_bigint(B("0")), val_from_bigint(B("-0"))));
    CHECK(!ToBoolean(val_from_bigint(B("0"))));
    CHECK(ToBoolean(val_from_bigint(B("-1"))));
    Value eq = IsLooselyEqual(ctx, val_from_bigint(B("1")), val_from_double(1.0));
    CHECK(eq == VAL_TRUE);
    eq = IsLooselyEqual(ctx, val_from_bigint(B("1")), val_from_string(str_from_cstr(rt, "0x1")));
    CHECK(eq == VAL_TRUE);
    eq = IsLooselyEqual(ctx, val_from_bigint(B("1")), val_from_string(str_from_cstr(rt, "x")));
    CHECK(eq == VAL_FALSE);
    Value lt =
        IsLessThan(ctx, val_from_bigint(B("1")), val_from_string(str_from_cstr(rt, "x")), true);
    CHECK(lt == VAL_UNDEFINED);
    lt = IsLessThan(ctx, val_from_double(NAN), val_from_bigint(B("1")), true);
    CHECK(lt == VAL_UNDEFINED);
}

/* The embedding API: BigInts made from C integers round-trip through
 * JavaScript, and the ToBigInt64 conversions wrap and throw as specified. */
static void test_embedding_api(void) {
    mica_value big = mica_bigint_from_int64(ctx, INT64_MIN);
    CHECK(mica_is_bigint(big) && !mica_is_number(big));
    int64_t i64 = 0;
    CHECK(mica_to_bigint64(ctx, big, &i64) == MICA_OK && i64 == INT64_MIN);
    uint64_t u64 = 0;
    CHECK(mica_to_biguint64(ctx, big, &u64) == MICA_OK && u64 == (uint64_t)1 << 63);
    mica_value r;
    const char *src = "2n ** 64n + 5n";
    CHECK(mica_eval(ctx, src, strlen(src), "api.js", 0, &r) == MICA_OK);
    CHECK(mica_to_biguint64(ctx, r, &u64) == MICA_OK && u64 == 5);
    size_t n;
    char *text = mica_to_cstring(ctx, mica_bigint_from_uint64(ctx, UINT64_MAX), &n);
    CHECK_STR(text, "18446744073709551615");
    mica_free(text);
    CHECK(mica_to_bigint64(ctx, mica_number(1), &i64) == MICA_EXCEPTION);
    CHECK(mica_has_exception(ctx));
    mica_take_exception(ctx);
}

int main(void) {
    rt = mica_runtime_new(NULL);
    ctx = mica_context_new(rt);
    if (!rt || !ctx) {
        fprintf(stderr, "cannot create runtime\n");
        return 1;
    }
    HandleMark m = gc_scope_open(rt);
    RUN(test_add_sub_carries);
    RUN(test_mul_div);
    RUN(test_exponentiate);
    RUN(test_shifts);
    RUN(test_bitwise);
    RUN(test_to_string_radix);
    RUN(test_as_int_n);
    RUN(test_numbers);
    RUN(test_string_to_bigint);
    RUN(test_equality_and_hash);
    RUN(test_embedding_api);
    gc_scope_close(rt, m);
    mica_context_free(ctx);
    mica_runtime_free(rt);
    return TEST_EXIT();
}
