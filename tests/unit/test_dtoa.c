/* test_dtoa.c — number <-> string conversions (src/util/dtoa.c).
 *
 * Known outputs (spec examples, test262 built-ins/Number/prototype cases,
 * values checked against a major engine), then randomized checks against the
 * C library: libc printf/strtod serve here only as an independent oracle.
 * MICA_DTOA_RANDOM=N scales the random loops (default keeps the test well
 * under two seconds with sanitizers). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "util/bignum.h"
#include "util/dtoa.h"

static long random_scale = 1;

/* xorshift64*: deterministic, so failures reproduce. */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static uint64_t rng(void) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717u;
}

static double from_bits(uint64_t bits) {
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

static uint64_t to_bits(double v) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    return bits;
}

/* A random finite double: mostly uniform bit patterns, some "human" values. */
static double random_double(void) {
    uint64_t r = rng();
    switch (r % 8) {
    case 0: return (double)(int64_t)(rng() % 2000000) / 1000.0;
    case 1: return (double)(rng() % 100000) * pow(10, (int)(rng() % 40) - 20);
    default: {
        double v = from_bits(rng() & 0x7FFFFFFFFFFFFFFFu);
        return isfinite(v) ? v : 1.5;
    }
    }
}

static char out_buf[2048];

static const char *to_string(double v) {
    int n = dtoa_number_to_string(v, out_buf);
    if (n < 0 || (size_t)n != strlen(out_buf)) return "(bad length)";
    return out_buf;
}

static const char *radix_string(double v, int radix) {
    int n = dtoa_to_radix_string(v, radix, out_buf, sizeof out_buf);
    if (n < 0) return "(error)";
    out_buf[n] = '\0';
    return out_buf;
}

static const char *fixed(double v, int f) {
    int n = dtoa_fixed(v, f, out_buf, DTOA_FORMAT_CAP);
    if (n < 0) return "(error)";
    out_buf[n] = '\0';
    return out_buf;
}

static const char *exponential(double v, int f) {
    int n = dtoa_exponential(v, f, out_buf, DTOA_FORMAT_CAP);
    if (n < 0) return "(error)";
    out_buf[n] = '\0';
    return out_buf;
}

static const char *precision(double v, int p) {
    int n = dtoa_precision(v, p, out_buf, DTOA_FORMAT_CAP);
    if (n < 0) return "(error)";
    out_buf[n] = '\0';
    return out_buf;
}

static double parse(const char *s) {
    return dtoa_strtod(s, strlen(s));
}

static bool same_double(double a, double b) {
    return to_bits(a) == to_bits(b);
}

/* ---- known outputs ------------------------------------------------------- */

static void test_to_string_known(void) {
    struct {
        double v;
        const char *want;
    } cases[] = {
        {0.1 + 0.2, "0.30000000000000004"},
        {5e-324, "5e-324"},
        {1.7976931348623157e308, "1.7976931348623157e+308"},
        {1e21, "1e+21"},
        {1e20, "100000000000000000000"},
        {123e-20, "1.23e-18"},
        {-0.0, "0"},
        {0.0, "0"},
        {0.000001, "0.000001"},
        {1e-7, "1e-7"},
        {1.5e-7, "1.5e-7"},
        {123.456, "123.456"},
        {-123.456, "-123.456"},
        {NAN, "NaN"},
        {INFINITY, "Infinity"},
        {-INFINITY, "-Infinity"},
        {1, "1"},
        {-1, "-1"},
        {1000000000000000128.0, "1000000000000000100"},
        {9007199254740992.0, "9007199254740992"},
        {9007199254740994.0, "9007199254740994"},
        {18014398509481984.0, "18014398509481984"},
        {123456789012345680000.0, "123456789012345680000"},
        {0.1, "0.1"},
        {1.0 / 3, "0.3333333333333333"},
        {2.0 / 3, "0.6666666666666666"},
        {1e23, "1e+23"},
        {9.999999999999997e22, "9.999999999999997e+22"},
        {2.2250738585072014e-308, "2.2250738585072014e-308"},
        {2.225073858507201e-308, "2.225073858507201e-308"},
        {4.9406564584124654e-324 * 3, "1.5e-323"},
        {1e-6, "0.000001"},
        {1.2345e-6, "0.0000012345"},
        {1e-5, "0.00001"},
        {4294967295.0, "4294967295"},
        {4294967296.5, "4294967296.5"},
        {-1e-7, "-1e-7"},
        {1.1e21, "1.1e+21"},
        {5e-7, "5e-7"},
        {0.5, "0.5"},
        {2e-323, "2e-323"},
        {3.0e-310, "3e-310"},
        {1.7976931348623155e308, "1.7976931348623155e+308"},
        {4.35, "4.35"},
        {0.3, "0.3"},
        {100, "100"},
        {1e100, "1e+100"},
        {1.2e-100, "1.2e-100"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_STR(to_string(cases[i].v), cases[i].want);
}

static void test_shortest_api(void) {
    char digits[17];
    int n;
    int k = dtoa_shortest(123.456, digits, &n);
    CHECK(k == 6 && n == 3 && memcmp(digits, "123456", 6) == 0);
    k = dtoa_shortest(1000, digits, &n);
    CHECK(k == 1 && n == 4 && digits[0] == '1');
    k = dtoa_shortest(5e-324, digits, &n);
    CHECK(k == 1 && n == -323 && digits[0] == '5');
    k = dtoa_shortest_exact(0.1 + 0.2, digits, &n);
    CHECK(k == 17 && n == 0 && memcmp(digits, "30000000000000004", 17) == 0);
}

static void test_radix_known(void) {
    CHECK_STR(radix_string(25, 2), "11001");
    CHECK_STR(radix_string(255, 16), "ff");
    CHECK_STR(radix_string(-255, 16), "-ff");
    CHECK_STR(radix_string(0.5, 2), "0.1");
    CHECK_STR(radix_string(-0.5, 2), "-0.1");
    CHECK_STR(radix_string(0, 2), "0");
    CHECK_STR(radix_string(-0.0, 36), "0");
    CHECK_STR(radix_string(NAN, 36), "NaN");
    CHECK_STR(radix_string(INFINITY, 8), "Infinity");
    CHECK_STR(radix_string(-INFINITY, 8), "-Infinity");
    CHECK_STR(radix_string(35, 36), "z");
    CHECK_STR(radix_string(36, 36), "10");
    CHECK_STR(radix_string(123.456, 10), "123.456");
    CHECK_STR(radix_string(0.1, 16), "0.1999999999999a");
    CHECK_STR(radix_string(0.1, 2), "0.0001100110011001100110011001100110011001100110011001101");
    CHECK_STR(radix_string(9007199254740991.0, 36), "2gosa7pa2gv");
    CHECK_STR(radix_string(-9007199254740991.0, 2),
              "-11111111111111111111111111111111111111111111111111111");
    CHECK_STR(radix_string(562949953421312.125, 8), "20000000000000000.1");
    CHECK_STR(radix_string(1e21, 16), "3635c9adc5dea00000");
    const char *big = radix_string(pow(2, 1023), 32); /* 2^3 * 32^204 */
    CHECK(strlen(big) == 205 && big[0] == '8' && strspn(big + 1, "0") == 204);
    /* Shortest digits in an odd radix (cross-checked with a major engine). */
    CHECK_STR(radix_string(0.5, 3), "0.1111111111111111111111111111111112");
    CHECK_STR(radix_string(0.1, 3), "0.0022002200220022002200220022002201");
    CHECK_STR(radix_string(123.456, 36), "3f.gez4w97ry");
    CHECK_STR(radix_string(3.141592653589793, 7), "3.066365143203613411");
    CHECK_STR(radix_string(-0.3, 5), "-0.122222222222222222222222");
    /* Smallest subnormal in radix 2: "0." then 1073 zeros then "1". */
    const char *tiny = radix_string(5e-324, 2);
    CHECK(strlen(tiny) == 1076 && strncmp(tiny, "0.000", 5) == 0 && tiny[1075] == '1');
    CHECK(strspn(tiny + 2, "0") == 1073);
    const char *huge = radix_string(-1.7976931348623157e308, 2);
    CHECK(strlen(huge) == 1025 && strspn(huge + 1, "1") == 53 && strspn(huge + 54, "0") == 971);
    char small[4];
    CHECK(dtoa_to_radix_string(255, 2, small, sizeof small) == -1);
    CHECK(dtoa_to_radix_string(255, 1, out_buf, sizeof out_buf) == -1);
}

static void test_fixed_known(void) {
    CHECK_STR(fixed(1.005, 2), "1.00");
    CHECK_STR(fixed(1000000000000000128.0, 0), "1000000000000000128");
    CHECK_STR(fixed(1000000000000000128.0, 1), "1000000000000000128.0");
    CHECK_STR(fixed(1e21, 2), "1e+21");
    CHECK_STR(fixed(-1e21, 2), "-1e+21");
    CHECK_STR(fixed(0, 2), "0.00");
    CHECK_STR(fixed(-0.0, 2), "0.00");
    CHECK_STR(fixed(0.5, 0), "1");
    CHECK_STR(fixed(1.5, 0), "2");
    CHECK_STR(fixed(2.5, 0), "3");
    CHECK_STR(fixed(-2.5, 0), "-3");
    CHECK_STR(fixed(0.05, 1), "0.1"); /* 0.05000000000000000277 */
    CHECK_STR(fixed(0.25, 1), "0.3");
    CHECK_STR(fixed(0.35, 1), "0.3"); /* 0.34999999999999997780 */
    CHECK_STR(fixed(-0.0000006, 2), "-0.00");
    CHECK_STR(fixed(123.456, 10), "123.4560000000");
    CHECK_STR(fixed(0.1, 20), "0.10000000000000000555");
    CHECK_STR(fixed(0.1, 100),
              "0.100000000000000005551115123125782702118158340454101562500000000000"
              "0000000000000000000000000000000000");
    CHECK_STR(fixed(5e-324, 2), "0.00");
    CHECK_STR(fixed(999.995, 2), "1000.00"); /* 999.9950000000000045 */
    CHECK_STR(fixed(99.99, 0), "100");
    CHECK_STR(fixed(0.9, 0), "1");
    CHECK_STR(fixed(0.4, 0), "0");
    CHECK_STR(fixed(NAN, 2), "NaN");
    CHECK_STR(fixed(-INFINITY, 2), "-Infinity");
    CHECK_STR(fixed(123.456, 0), "123");
    CHECK_STR(fixed(1e-10, 5), "0.00000");
    CHECK_STR(fixed(4.35, 1), "4.3"); /* 4.3499999999999996447 */
    CHECK_STR(fixed(1.45, 1), "1.4"); /* 1.4499999999999999556 */
    CHECK_STR(fixed(1.25, 1), "1.3");
    /* test262 toFixed/exactness.js and S15.7.4.5_A1.4_T01.js */
    CHECK_STR(fixed(1000000000000000128.0, 0), "1000000000000000128");
    CHECK_STR(fixed(999999999999999868928.0, 0), "999999999999999868928");
    CHECK_STR(fixed(999999999999999868928.0, 2), "999999999999999868928.00");
    CHECK(dtoa_fixed(1, 101, out_buf, DTOA_FORMAT_CAP) == -1);
    CHECK(dtoa_fixed(1, 2, out_buf, 2) == -1);
}

static void test_exponential_known(void) {
    /* test262 built-ins/Number/prototype/toExponential/return-values.js */
    CHECK_STR(exponential(123.456, 0), "1e+2");
    CHECK_STR(exponential(123.456, 1), "1.2e+2");
    CHECK_STR(exponential(123.456, 2), "1.23e+2");
    CHECK_STR(exponential(123.456, 3), "1.235e+2");
    CHECK_STR(exponential(123.456, 4), "1.2346e+2");
    CHECK_STR(exponential(123.456, 5), "1.23456e+2");
    CHECK_STR(exponential(123.456, 6), "1.234560e+2");
    CHECK_STR(exponential(123.456, 7), "1.2345600e+2");
    CHECK_STR(exponential(123.456, 17), "1.23456000000000003e+2");
    CHECK_STR(exponential(123.456, 20), "1.23456000000000003070e+2");
    CHECK_STR(exponential(-123.456, 0), "-1e+2");
    CHECK_STR(exponential(-123.456, 20), "-1.23456000000000003070e+2");
    CHECK_STR(exponential(0.0001, 0), "1e-4");
    CHECK_STR(exponential(0.0001, 1), "1.0e-4");
    CHECK_STR(exponential(0.0001, 16), "1.0000000000000000e-4");
    CHECK_STR(exponential(0.0001, 17), "1.00000000000000005e-4");
    CHECK_STR(exponential(0.0001, 18), "1.000000000000000048e-4");
    CHECK_STR(exponential(0.0001, 19), "1.0000000000000000479e-4");
    CHECK_STR(exponential(0.0001, 20), "1.00000000000000004792e-4");
    CHECK_STR(exponential(0.9999, 0), "1e+0");
    CHECK_STR(exponential(0.9999, 1), "1.0e+0");
    CHECK_STR(exponential(0.9999, 2), "1.00e+0");
    CHECK_STR(exponential(0.9999, 3), "9.999e-1");
    CHECK_STR(exponential(0.9999, 4), "9.9990e-1");
    CHECK_STR(exponential(0.9999, 16), "9.9990000000000001e-1");
    CHECK_STR(exponential(0.9999, 20), "9.99900000000000011013e-1");
    CHECK_STR(exponential(25, 0), "3e+1");
    CHECK_STR(exponential(12345, 3), "1.235e+4");
    /* this-is-0-*, undefined-fractiondigits.js, infinity.js, nan.js */
    CHECK_STR(exponential(0, 0), "0e+0");
    CHECK_STR(exponential(-0.0, 0), "0e+0");
    CHECK_STR(exponential(0, 2), "0.00e+0");
    CHECK_STR(exponential(0, -1), "0e+0");
    CHECK_STR(exponential(123.456, -1), "1.23456e+2");
    CHECK_STR(exponential(1e21, -1), "1e+21");
    CHECK_STR(exponential(0.1 + 0.2, -1), "3.0000000000000004e-1");
    CHECK_STR(exponential(5e-324, -1), "5e-324");
    CHECK_STR(exponential(5e-324, 3), "4.941e-324");
    CHECK_STR(exponential(1.7976931348623157e308, 20), "1.79769313486231570815e+308");
    CHECK_STR(exponential(INFINITY, 1000), "Infinity");
    CHECK_STR(exponential(-INFINITY, 2), "-Infinity");
    CHECK_STR(exponential(NAN, 2), "NaN");
    CHECK(dtoa_exponential(1, 101, out_buf, DTOA_FORMAT_CAP) == -1);
}

static void test_precision_known(void) {
    /* test262 built-ins/Number/prototype/toPrecision/return-values.js */
    CHECK_STR(precision(7, 1), "7");
    CHECK_STR(precision(7, 2), "7.0");
    CHECK_STR(precision(7, 21), "7.00000000000000000000");
    CHECK_STR(precision(-7, 3), "-7.00");
    CHECK_STR(precision(10, 2), "10");
    CHECK_STR(precision(19, 2), "19");
    CHECK_STR(precision(-42, 2), "-42");
    CHECK_STR(precision(100, 3), "100");
    CHECK_STR(precision(100, 7), "100.0000");
    CHECK_STR(precision(100000, 7), "100000.0");
    CHECK_STR(precision(0.000001, 1), "0.000001");
    CHECK_STR(precision(0.000001, 2), "0.0000010");
    CHECK_STR(precision(0.000001, 3), "0.00000100");
    /* exponential.js */
    CHECK_STR(precision(10, 1), "1e+1");
    CHECK_STR(precision(17, 1), "2e+1");
    CHECK_STR(precision(100, 1), "1e+2");
    CHECK_STR(precision(100000, 1), "1e+5");
    CHECK_STR(precision(100, 2), "1.0e+2");
    CHECK_STR(precision(100000, 3), "1.00e+5");
    CHECK_STR(precision(-42, 1), "-4e+1");
    CHECK_STR(precision(1.2345e+27, 1), "1e+27");
    CHECK_STR(precision(1.2345e+27, 5), "1.2345e+27");
    CHECK_STR(precision(1.2345e+27, 17), "1.2345000000000000e+27");
    CHECK_STR(precision(1.2345e+27, 18), "1.23449999999999996e+27");
    CHECK_STR(precision(1.2345e+27, 21), "1.23449999999999996184e+27");
    CHECK_STR(precision(-1.2345e+27, 21), "-1.23449999999999996184e+27");
    CHECK_STR(precision(1e21, 1), "1e+21");
    CHECK_STR(precision(1e21, 2), "1.0e+21");
    CHECK_STR(precision(1e-7, 1), "1e-7");
    CHECK_STR(precision(1.5e-7, 2), "1.5e-7");
    CHECK_STR(precision(0.00000123, 2), "0.0000012");
    CHECK_STR(precision(0.000000995, 2), "0.0000010"); /* 9.950000000000000026e-7 */
    CHECK_STR(precision(0.00000995, 2), "0.0000099");  /* 9.9499999999999996e-6 */
    CHECK_STR(precision(0.00000095, 1), "0.000001");   /* 9.500000000000000010e-7 */
    /* this-is-0-*, infinity.js, nan.js */
    CHECK_STR(precision(0, 1), "0");
    CHECK_STR(precision(-0.0, 3), "0.00");
    CHECK_STR(precision(INFINITY, 1000), "Infinity");
    CHECK_STR(precision(NAN, 1), "NaN");
    CHECK_STR(precision(123.456, 100),
              "123.45600000000000306954461848363280296325683593750000000000000000000000000000"
              "00000000000000000000000");
    CHECK_STR(precision(5e-324, 2), "4.9e-324");
    CHECK_STR(precision(99.99, 3), "100");
    CHECK_STR(precision(999.99, 3), "1.00e+3");
    CHECK(dtoa_precision(1, 0, out_buf, DTOA_FORMAT_CAP) == -1);
    CHECK(dtoa_precision(1, 101, out_buf, DTOA_FORMAT_CAP) == -1);
}

static void test_strtod_known(void) {
    CHECK(parse("0") == 0 && !signbit(parse("0")));
    CHECK(parse("0.0e-99999999999999999999") == 0);
    CHECK(parse("1") == 1);
    CHECK(parse("0.1") == 0.1);
    CHECK(parse(".5") == 0.5);
    CHECK(parse("5.") == 5);
    CHECK(parse("1e21") == 1e21);
    CHECK(parse("1E+21") == 1e21);
    CHECK(parse("123e-20") == 123e-20);
    CHECK(parse("0.30000000000000004") == 0.1 + 0.2);
    CHECK(parse("5e-324") == 5e-324);
    CHECK(parse("2e-324") == 0);
    CHECK(parse("2.4703282292062327e-324") == 0);           /* just below half of 5e-324 */
    CHECK(parse("2.4703282292062328e-324") == 5e-324);      /* just above */
    CHECK(parse("2.47032822920623272088e-324") == 0);       /* below the exact half */
    CHECK(parse("2.470328229206232720883e-324") == 5e-324); /* above the exact half */
    CHECK(parse("1.7976931348623157e308") == 1.7976931348623157e308);
    CHECK(parse("1.7976931348623158e308") == 1.7976931348623157e308);
    CHECK(parse("1.7976931348623159e308") == INFINITY);
    CHECK(parse("1e309") == INFINITY);
    CHECK(parse("1e99999999999999999999999") == INFINITY);
    CHECK(parse("1e-99999999999999999999999") == 0);
    CHECK(parse("2.2250738585072011e-308") == 2.2250738585072011e-308);
    CHECK(parse("2.2250738585072012e-308") == 2.2250738585072014e-308);
    CHECK(parse("9007199254740993") == 9007199254740992.0); /* tie -> even */
    CHECK(parse("9007199254740995") == 9007199254740996.0); /* tie -> even */
    CHECK(parse("9007199254740993.0000000001") == 9007199254740994.0);
    CHECK(parse("1000000000000000128") == 1000000000000000128.0);
    CHECK(parse("000000000000000000000000000000000000000001.5") == 1.5);
    CHECK(parse("0.0000000000000000000000000000000000000000001") == 1e-43);
    /* 1 + 2^-53 exactly: halfway between 1 and 1 + 2^-52; ties to even. */
    CHECK(parse("1.00000000000000011102230246251565404236316680908203125") == 1.0);
    CHECK(parse("1.00000000000000011102230246251565404236316680908203124") == 1.0);
    CHECK(parse("1.00000000000000011102230246251565404236316680908203125000000000001") ==
          1.0000000000000002);
    CHECK(isnan(parse("")));
    CHECK(isnan(parse(".")));
    CHECK(isnan(parse("e5")));
    CHECK(isnan(parse("1e")));
    CHECK(isnan(parse("1e+")));
    CHECK(isnan(parse("1x")));
    CHECK(isnan(parse("1..2")));
    CHECK(isnan(parse("-1")));
    CHECK(dtoa_strtod("12345", 3) == 123);
}

/* Exact decimal of a halfway point m * 2^q (m odd) via bignum, to test
 * ties; writes "DIGITSe-EXP" form. */
static void halfway_string(uint64_t m, int q, char *out, size_t cap) {
    bignum b;
    bignum_set_u64(&b, m);
    int exp10 = 0;
    if (q >= 0) {
        bignum_shift_left(&b, q);
    } else {
        bignum_mul_pow5(&b, -q);
        exp10 = q;
    }
    int n = bignum_to_decimal(&b, out, cap - 16);
    snprintf(out + n, 16, "e%d", exp10);
}

/* A string of thousands of digits whose value sits just above or below a
 * halfway point: only the far tail decides. */
static void test_strtod_long_inputs(void) {
    static char buf[6000];
    /* 2^-1075, half the smallest subnormal, written out exactly (751
     * significant digits), then perturbed far down the tail. */
    halfway_string(1, -1075, buf, sizeof buf);
    CHECK(parse(buf) == 0); /* ties to even: 0 */
    char *e_pos = strchr(buf, 'e');
    CHECK(e_pos && e_pos - buf == 752);
    /* 50 more digits "0...01": exponent moves down by 50 */
    snprintf(e_pos, 80, "%049de%d", 1, -1075 - 49);
    CHECK(parse(buf) == 5e-324);
    halfway_string(1, -1075, buf, sizeof buf);
    e_pos = strchr(buf, 'e');
    e_pos[-1] = '4'; /* ...625 -> ...624999...: just below the half */
    snprintf(e_pos, 80, "%s%se%d", "9999999999999999999999999", "9999999999999999999999999",
             -1075 - 50);
    CHECK(parse(buf) == 0);
    /* Thousands of digits: 1 followed by zeros then a nonzero far beyond
     * the 800-digit cut, at a halfway point of 1 and its successor. */
    const char *half_one = "1.00000000000000011102230246251565404236316680908203125";
    strcpy(buf, half_one);
    size_t len = strlen(buf);
    for (int i = 0; i < 3000; i++)
        buf[len++] = '0';
    buf[len] = '\0';
    CHECK(parse(buf) == 1.0); /* still exactly the tie */
    buf[len - 1] = '1';
    CHECK(parse(buf) == 1.0000000000000002);
    /* Tie at 1 + 3 * 2^-53: ties go to the even neighbour 1 + 4 * 2^-53. */
    CHECK(parse("1.000000000000000333066907387546962127089500427246093750") == 1.0000000000000004);
    /* Long digit strings with huge exponents in both directions. */
    memset(buf, '9', 5000);
    buf[5000] = '\0';
    CHECK(parse(buf) == INFINITY);
    strcpy(buf + 5000, "e-5300");
    CHECK(parse(buf) == 1e-300);
    strcpy(buf, "0.");
    memset(buf + 2, '0', 4000);
    strcpy(buf + 4002, "17976931348623157e4309");
    CHECK(parse(buf) == 1.7976931348623157e308);
    strcpy(buf + 4002, "1e4000");
    CHECK(parse(buf) == 1e-1);
}

static void test_strtod_halfway(void) {
    static char buf[4000];
    int count = (int)(2000 * random_scale);
    for (int i = 0; i < count; i++) {
        double v = random_double();
        if (v == 0 || !isfinite(nextafter(v, INFINITY))) continue;
        uint64_t bits = to_bits(v);
        int biased = (int)(bits >> 52);
        uint64_t f =
            biased ? (bits & ((1ull << 52) - 1)) | (1ull << 52) : bits & ((1ull << 52) - 1);
        int e = biased ? biased - 1075 : -1074;
        double up = nextafter(v, INFINITY);
        double even = (f & 1) ? up : v;
        halfway_string(2 * f + 1, e - 1, buf, sizeof buf);
        double got = parse(buf);
        if (!same_double(got, even)) {
            fprintf(stderr, "halfway %s: got %.17g want %.17g\n", buf, got, even);
            CHECK(0);
            break;
        }
        CHECK(same_double(strtod(buf, NULL), even));
        /* Nudge just above by appending digits (and shifting the exponent). */
        char *e_pos = strchr(buf, 'e');
        int exp10 = atoi(e_pos + 1);
        snprintf(e_pos, 40, "000001e%d", exp10 - 6);
        CHECK(same_double(parse(buf), up));
    }
}

/* ---- randomized round trips against libc ------------------------------- */

/* Whether the decimal digits (with exponent n, as 0.d * 10^n) read back as v
 * according to the C library. */
static bool libc_round_trips(const char *digits, int k, int n, double v) {
    char s[64];
    snprintf(s, sizeof s, "0.%.*se%d", k, digits, n);
    return same_double(strtod(s, NULL), v);
}

static void test_shortest_random(void) {
    int count = (int)(30000 * random_scale);
    int failures = 0;
    for (int i = 0; i < count && failures < 10; i++) {
        double v = random_double();
        if (v == 0) continue;
        char digits[17], exact_digits[17];
        int n, exact_n;
        int k = dtoa_shortest(v, digits, &n);
        int exact_k = dtoa_shortest_exact(v, exact_digits, &exact_n);
        bool ok = k == exact_k && n == exact_n && memcmp(digits, exact_digits, (size_t)k) == 0;
        ok = ok && libc_round_trips(digits, k, n, v);
        ok = ok && digits[k - 1] != '0';
        /* Nothing shorter reads back: the correctly rounded (k-1)-digit
         * value and its neighbours (which cover the asymmetric interval at
         * a power of two) all fail. */
        if (ok && k > 1) {
            char s[64];
            snprintf(s, sizeof s, "%.*e", k - 2, v);
            char shorter[17];
            int sk = 0;
            for (char *p = s; *p && *p != 'e'; p++)
                if (*p >= '0' && *p <= '9') shorter[sk++] = *p;
            int sn = atoi(strchr(s, 'e') + 1) + 1;
            for (int delta = -1; delta <= 1 && ok; delta++) {
                char cand[20];
                memcpy(cand, shorter, (size_t)sk);
                /* add delta to the last digit with carry/borrow */
                int j = sk - 1;
                int carry = delta;
                while (carry && j >= 0) {
                    int d = cand[j] - '0' + carry;
                    carry = d < 0 ? -1 : d > 9 ? 1 : 0;
                    cand[j] = (char)('0' + (d + 10) % 10);
                    j--;
                }
                if (carry == 0 && cand[0] != '0') ok = !libc_round_trips(cand, sk, sn, v);
            }
        }
        /* Closest: when libc's correctly rounded k digits read back, they
         * are ours (glibc rounds exact ties to even, as NOTE 2 asks). */
        if (ok) {
            char s[64];
            snprintf(s, sizeof s, "%.*e", k - 1, v);
            char rounded[17];
            int rk = 0;
            for (char *p = s; *p && *p != 'e'; p++)
                if (*p >= '0' && *p <= '9') rounded[rk++] = *p;
            int rn = atoi(strchr(s, 'e') + 1) + 1;
            while (rk > 1 && rounded[rk - 1] == '0')
                rk--;
            if (libc_round_trips(rounded, rk, rn, v))
                ok = rk == k && rn == n && memcmp(rounded, digits, (size_t)k) == 0;
        }
        if (!ok) {
            fprintf(stderr, "shortest(%.17g) = %.*s e%d (exact %.*s e%d)\n", v, k, digits, n,
                    exact_k, exact_digits, exact_n);
            failures++;
        }
    }
    CHECK(failures == 0);
}

static void test_round_trip_random(void) {
    int count = (int)(60000 * random_scale);
    int failures = 0;
    for (int i = 0; i < count && failures < 10; i++) {
        uint64_t bits = rng();
        if (i % 8 == 0) bits &= 0x800FFFFFFFFFFFFFu; /* subnormals */
        if (i % 8 == 1) bits = (bits & 0x800FFFFFFFFFFFFFu) | ((uint64_t)(1 + i % 3) << 52);
        double v = from_bits(bits);
        if (!isfinite(v)) continue;
        char s[DTOA_NUMBER_TO_STRING_MAX];
        int len = dtoa_number_to_string(v, s);
        double neg = v < 0 ? -1 : 1;
        const char *body = s[0] == '-' ? s + 1 : s;
        double back = neg * dtoa_strtod(body, (size_t)(len - (body - s)));
        if (!(same_double(back, v) || (v == 0 && back == 0)) || len >= 26) {
            fprintf(stderr, "round trip %.17g -> %s -> %.17g\n", v, s, back);
            failures++;
        }
    }
    CHECK(failures == 0);
}

/* Random decimal strings of assorted lengths compared with libc strtod. */
static void test_strtod_random(void) {
    static char s[1200];
    int count = (int)(20000 * random_scale);
    int failures = 0;
    for (int i = 0; i < count && failures < 10; i++) {
        int digits = 1 + (int)(rng() % (i % 10 == 0 ? 1000 : 25));
        size_t pos = 0;
        int dot = (int)(rng() % (unsigned)(digits + 1));
        for (int d = 0; d < digits; d++) {
            if (d == dot && d > 0) s[pos++] = '.';
            /* runs of 0s and 9s make near-halfway cases likelier */
            uint64_t r = rng() % 10;
            s[pos++] = (char)(r < 3 ? '0' : r < 6 ? '9' : '0' + rng() % 10);
        }
        int exponent = (int)(rng() % 700) - 350 - (digits > 25 ? digits / 2 : 0);
        pos += (size_t)snprintf(s + pos, 16, "e%d", exponent);
        s[pos] = '\0';
        double want = strtod(s, NULL);
        double got = dtoa_strtod(s, pos);
        if (!same_double(got, want)) {
            fprintf(stderr, "strtod(%s) = %.17g, libc %.17g\n", s, got, want);
            failures++;
        }
    }
    CHECK(failures == 0);
}

/* toFixed / toExponential / toPrecision against libc's exact printf (glibc
 * prints exact decimal expansions; rounding differs only on exact ties,
 * where the spec rounds half up and printf to even, so ties are skipped). */
static bool is_exact_tie(double v, int frac_digits_after_point_in_e_form) {
    char s[1200];
    snprintf(s, sizeof s, "%.*e", 800, v);
    char *e = strchr(s, 'e');
    /* digits after position frac+2 (past "d.") must be "5000..." */
    char *p = s + 2 + frac_digits_after_point_in_e_form;
    if (p >= e || *p != '5') return false;
    for (p++; p < e; p++)
        if (*p != '0') return false;
    return true;
}

static void test_formats_random(void) {
    int count = (int)(4000 * random_scale);
    int failures = 0;
    for (int i = 0; i < count && failures < 10; i++) {
        double v = random_double() * (rng() & 1 ? -1 : 1);
        int f = (int)(rng() % 101);
        if (v == 0) continue; /* printf keeps the sign of -0; the spec does not */
        char want[1200];
        /* toExponential(f) */
        if (!is_exact_tie(fabs(v), f)) {
            snprintf(want, sizeof want, "%.*e", f, v);
            /* C prints at least two exponent digits: "e+05" -> "e+5" */
            char *e = strchr(want, 'e');
            if (e[2] == '0' && e[3]) memmove(e + 2, e + 3, strlen(e + 3) + 1);
            const char *got = exponential(v, f);
            if (strcmp(got, want) != 0) {
                fprintf(stderr, "toExponential(%.17g, %d) = %s, want %s\n", v, f, got, want);
                failures++;
            }
        }
        /* toFixed(f) for |v| < 1e21 */
        if (fabs(v) < 1e21) {
            snprintf(want, sizeof want, "%.*f", f, v);
            /* printf's tie rule and "-0.00" differ from the spec: skip ties,
             * and the spec keeps the sign of a negative x rounding to 0. */
            char probe[1200];
            snprintf(probe, sizeof probe, "%.*f", f + 300, fabs(v));
            char *dot = strchr(probe, '.');
            bool tie = dot && dot[1 + f] == '5' && strspn(dot + 2 + f, "0") == strlen(dot + 2 + f);
            if (!tie) {
                const char *got = fixed(v, f);
                if (strcmp(got, want) != 0) {
                    fprintf(stderr, "toFixed(%.17g, %d) = %s, want %s\n", v, f, got, want);
                    failures++;
                }
            }
        }
    }
    CHECK(failures == 0);
}

/* ---- parse_radix_int ------------------------------------------------------ */

static void test_parse_radix_int(void) {
    CHECK(dtoa_parse_radix_int("ff", 2, 16) == 255);
    CHECK(dtoa_parse_radix_int("FF", 2, 16) == 255);
    CHECK(dtoa_parse_radix_int("11001", 5, 2) == 25);
    CHECK(dtoa_parse_radix_int("zz", 2, 36) == 1295);
    CHECK(dtoa_parse_radix_int("0", 1, 8) == 0);
    CHECK(dtoa_parse_radix_int("000", 3, 8) == 0);
    CHECK(dtoa_parse_radix_int("20000000000001", 14, 16) == 9007199254740992.0);
    CHECK(dtoa_parse_radix_int("20000000000003", 14, 16) == 9007199254740996.0);
    CHECK(dtoa_parse_radix_int("200000000000010000000000000000000000000000001", 45, 16) ==
          ldexp(9007199254740994.0, 31 * 4));
    CHECK(dtoa_parse_radix_int("9007199254740993", 16, 10) == 9007199254740992.0);
    CHECK(dtoa_parse_radix_int("2gosa7pa2gv", 11, 36) == 9007199254740991.0);
    CHECK(isnan(dtoa_parse_radix_int("12", 2, 2)));
    CHECK(isnan(dtoa_parse_radix_int("1", 1, 37)));
    static char buf[3000];
    memset(buf, 'f', 256);
    CHECK(dtoa_parse_radix_int(buf, 256, 16) == INFINITY);
    CHECK(dtoa_parse_radix_int(buf, 255, 16) == ldexp(1, 1020));
    /* 2^1024 - 2^970: halfway between DBL_MAX and 2^1024, rounds to even (up) */
    memcpy(buf, "fffffffffffffc", 14);
    memset(buf + 14, '0', 242);
    CHECK(dtoa_parse_radix_int(buf, 256, 16) == INFINITY);
    memcpy(buf, "fffffffffffffb", 14);
    memset(buf + 14, 'f', 242);
    CHECK(dtoa_parse_radix_int(buf, 256, 16) == 1.7976931348623157e308);
    memcpy(buf, "fffffffffffff7f", 15); /* 2^60 - 129 */
    CHECK(dtoa_parse_radix_int(buf, 15, 16) == ldexp(1, 60) - ldexp(1, 7));
    memset(buf, '1', 2000);
    CHECK(dtoa_parse_radix_int(buf, 2000, 3) == INFINITY);
    CHECK(dtoa_parse_radix_int(buf, 600, 3) == ldexp(1, 0) * pow(3, 600) / 2);
    /* Random radix strings whose exact value fits 64 bits (so above 2^53
     * they round), compared with libc strtod of the same integer in decimal. */
    int count = (int)(5000 * random_scale);
    for (int i = 0; i < count; i++) {
        int radix = 2 + (int)(rng() % 35);
        uint64_t value = 0;
        char s[80];
        for (int d = 0; d < 64; d++) {
            int dv = (int)(rng() % (unsigned)radix);
            if (value > (UINT64_MAX - (uint64_t)dv) / (uint64_t)radix) break;
            value = value * (uint64_t)radix + (uint64_t)dv;
            s[d] = "0123456789abcdefghijklmnopqrstuvwxyz"[dv];
            char decimal[32];
            snprintf(decimal, sizeof decimal, "%llu", (unsigned long long)value);
            if (!same_double(dtoa_parse_radix_int(s, (size_t)d + 1, radix),
                             strtod(decimal, NULL))) {
                fprintf(stderr, "parse_radix_int(%.*s, %d) wrong\n", d + 1, s, radix);
                CHECK(0);
                return;
            }
        }
    }
}

/* ---- radix shortest: radix 16 checked through libc hex-float parsing ----- */

static void test_radix16_random(void) {
    int count = (int)(5000 * random_scale);
    for (int i = 0; i < count; i++) {
        double v = fabs(random_double());
        if (v == 0) continue;
        int n = dtoa_to_radix_string(v, 16, out_buf, sizeof out_buf);
        CHECK(n > 0);
        if (n <= 0) return;
        out_buf[n] = '\0';
        char hex[2100];
        snprintf(hex, sizeof hex, "0x%sp0", out_buf);
        if (!same_double(strtod(hex, NULL), v)) {
            fprintf(stderr, "radix 16 %.17g -> %s\n", v, out_buf);
            CHECK(0);
            return;
        }
        /* One hex digit fewer must not read back (shortest). */
        char *dot = strchr(out_buf, '.');
        if (dot && (size_t)(dot - out_buf) + 2 < (size_t)n) {
            out_buf[n - 1] = '\0';
            snprintf(hex, sizeof hex, "0x%sp0", out_buf);
            CHECK(!same_double(strtod(hex, NULL), v));
        }
    }
}

/* ---- the cached powers table against exact arithmetic --------------------- */

static void test_cached_powers(void) {
    int count = dtoa_cached_power_count();
    CHECK(count == 87);
    for (int i = 0; i < count; i++) {
        unsigned long long f;
        int e, k;
        dtoa_cached_power(i, &f, &e, &k);
        CHECK(k == -348 + 8 * i);
        CHECK(f >> 63 == 1);
        bignum lhs, rhs, half_lo, half_hi;
        /* lhs = (2f - 1) * 2^e, rhs = (2f + 1) * 2^e: 10^k must lie within. */
        bignum_set_u64(&half_lo, 1);
        bignum_set_u64(&lhs, f);
        bignum_shift_left(&lhs, 1);
        bignum_copy(&rhs, &lhs);
        bignum_sub(&lhs, &half_lo);
        bignum_add_u32(&rhs, 1);
        bignum_set_u64(&half_hi, 1);
        /* Compare 2 * 10^k with (2f -/+ 1) * 2^e, all made integral. */
        int pow2_left = 1 + (k > 0 ? k : 0), pow5_left = k > 0 ? k : 0;
        int pow2_right = e, pow5_right = k < 0 ? -k : 0;
        pow2_right += k < 0 ? -k : 0;
        bignum_mul_pow5(&half_lo, pow5_left);
        bignum_mul_pow5(&lhs, pow5_right);
        bignum_mul_pow5(&rhs, pow5_right);
        int shift_left_side = pow2_left - pow2_right;
        bignum_copy(&half_hi, &half_lo);
        if (shift_left_side >= 0) {
            bignum_shift_left(&half_lo, shift_left_side);
            bignum_shift_left(&half_hi, shift_left_side);
        } else {
            bignum_shift_left(&lhs, -shift_left_side);
            bignum_shift_left(&rhs, -shift_left_side);
        }
        CHECK(!lhs.overflow && !rhs.overflow && !half_lo.overflow);
        CHECK(bignum_cmp(&lhs, &half_lo) <= 0 && bignum_cmp(&half_hi, &rhs) <= 0);
    }
}

static void test_bignum_basics(void) {
    bignum a, b;
    bignum_set_u64(&a, 0xFFFFFFFFFFFFFFFFu);
    bignum_mul_u64(&a, 0xFFFFFFFFFFFFFFFFu);
    char s[100];
    bignum_copy(&b, &a);
    int n = bignum_to_decimal(&b, s, sizeof s);
    s[n] = '\0';
    CHECK_STR(s, "340282366920938463426481119284349108225");
    bignum_set_u64(&a, 1);
    bignum_mul_pow10(&a, 30);
    bignum_set_u64(&b, 7);
    bignum_mul_pow10(&b, 29);
    CHECK(bignum_divmod_small_quotient(&a, &b) == 1);
    n = bignum_to_decimal(&a, s, sizeof s);
    s[n] = '\0';
    CHECK_STR(s, "300000000000000000000000000000");
    bignum_set_u64(&a, 1);
    bignum_shift_left(&a, 5119);
    CHECK(!a.overflow && bignum_bit_length(&a) == 5120);
    bignum_shift_left(&a, 1);
    CHECK(a.overflow);
}

int main(void) {
    const char *scale = getenv("MICA_DTOA_RANDOM");
    if (scale) random_scale = atol(scale) > 0 ? atol(scale) : 1;
    RUN(test_bignum_basics);
    RUN(test_cached_powers);
    RUN(test_to_string_known);
    RUN(test_shortest_api);
    RUN(test_radix_known);
    RUN(test_fixed_known);
    RUN(test_exponential_known);
    RUN(test_precision_known);
    RUN(test_strtod_known);
    RUN(test_strtod_long_inputs);
    RUN(test_strtod_halfway);
    RUN(test_shortest_random);
    RUN(test_round_trip_random);
    RUN(test_strtod_random);
    RUN(test_formats_random);
    RUN(test_parse_radix_int);
    RUN(test_radix16_random);
    return TEST_EXIT();
}
