/* test_normalize.c — util/normalize.c: hand-picked UAX #15 cases and a
 * sample of the NormalizationTest.txt conformance file
 * (normalization_subset.h; tools/unicode/check.sh runs all of it). */
#include "test.h"
#include "util/normalize.h"

#include <stdint.h>
#include <stdlib.h>

#include "normalization_subset.h"

/* Parses space-separated hex code points into UTF-16 units. */
static size_t parse_units(const char *s, const char *end, uint16_t *out, size_t capacity) {
    size_t n = 0;
    while (s < end) {
        char *next;
        unsigned long cp = strtoul(s, &next, 16);
        if (next == s) break;
        if (cp > 0xFFFF && n + 2 <= capacity) {
            out[n++] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
            out[n++] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else if (n < capacity) {
            out[n++] = (uint16_t)cp;
        }
        s = next;
        while (s < end && *s == ' ')
            s++;
    }
    return n;
}

/* Normalizes units and compares with want; UNCHANGED counts as the input. */
static int normalized_is(const uint16_t *units, size_t length, uni_norm_form form,
                         const uint16_t *want, size_t want_length) {
    uni_norm_input in = {NULL, units, length};
    uint16_t *out;
    size_t out_length;
    uni_norm_status status = uni_normalize(&in, form, 1000, &out, &out_length);
    if (status == UNI_NORM_UNCHANGED) {
        return length == want_length && memcmp(units, want, length * 2) == 0;
    }
    int ok = status == UNI_NORM_OK && out_length == want_length &&
             memcmp(out, want, want_length * 2) == 0;
    free(out);
    return ok;
}

/* Normalizes code points src[0..n) and compares with want[0..want_n). */
static int check_cps(const uint32_t *src, size_t n, uni_norm_form form, const uint32_t *want,
                     size_t want_n) {
    uint16_t a[64], b[64];
    size_t la = 0, lb = 0;
    for (size_t i = 0; i < n; i++) {
        if (src[i] > 0xFFFF) {
            a[la++] = (uint16_t)(0xD800 + ((src[i] - 0x10000) >> 10));
            a[la++] = (uint16_t)(0xDC00 + ((src[i] - 0x10000) & 0x3FF));
        } else
            a[la++] = (uint16_t)src[i];
    }
    for (size_t i = 0; i < want_n; i++) {
        if (want[i] > 0xFFFF) {
            b[lb++] = (uint16_t)(0xD800 + ((want[i] - 0x10000) >> 10));
            b[lb++] = (uint16_t)(0xDC00 + ((want[i] - 0x10000) & 0x3FF));
        } else
            b[lb++] = (uint16_t)want[i];
    }
    return normalized_is(a, la, form, b, lb);
}

#define N(...) ((const uint32_t[]){__VA_ARGS__}), (sizeof((const uint32_t[]){__VA_ARGS__}) / 4)
#define CHECK_NORM(form, src, want) CHECK(check_cps(src, form, want))

static void test_conformance_subset(void) {
    size_t lines = 0, failures = 0;
    for (size_t t = 0; t < sizeof normalization_subset / sizeof normalization_subset[0]; t++) {
        const char *line = normalization_subset[t];
        uint16_t c[5][64];
        size_t len[5];
        const char *p = line;
        for (int f = 0; f < 5; f++) {
            const char *end = strchr(p, ';');
            if (!end) end = p + strlen(p);
            len[f] = parse_units(p, end, c[f], 64);
            p = *end ? end + 1 : end;
        }
        lines++;
        /* The invariants of the NormalizationTest.txt header. */
        static const int nfc_of[5] = {1, 1, 1, 3, 3}, nfd_of[5] = {2, 2, 2, 4, 4};
        for (int x = 0; x < 5; x++) {
            bool ok = normalized_is(c[x], len[x], UNI_NFC, c[nfc_of[x]], len[nfc_of[x]]) &&
                      normalized_is(c[x], len[x], UNI_NFD, c[nfd_of[x]], len[nfd_of[x]]) &&
                      normalized_is(c[x], len[x], UNI_NFKC, c[3], len[3]) &&
                      normalized_is(c[x], len[x], UNI_NFKD, c[4], len[4]);
            if (!ok) {
                if (failures++ < 5)
                    fprintf(stderr, "conformance: line \"%s\", column %d\n", line, x + 1);
            }
        }
    }
    CHECK(lines > 700);
    CHECK(failures == 0);
}

static void test_hangul(void) {
    CHECK_NORM(UNI_NFD, N(0xAC00), N(0x1100, 0x1161));
    CHECK_NORM(UNI_NFD, N(0xAC01), N(0x1100, 0x1161, 0x11A8));
    CHECK_NORM(UNI_NFD, N(0xD7A3), N(0x1112, 0x1175, 0x11C2));
    CHECK_NORM(UNI_NFC, N(0x1100, 0x1161), N(0xAC00));
    CHECK_NORM(UNI_NFC, N(0x1100, 0x1161, 0x11A8), N(0xAC01));
    CHECK_NORM(UNI_NFC, N(0xAC00, 0x11A8), N(0xAC01));
    /* LVT + T: no further composition; T base itself (U+11A7) is not a T. */
    CHECK_NORM(UNI_NFC, N(0xAC01, 0x11A8), N(0xAC01, 0x11A8));
    CHECK_NORM(UNI_NFC, N(0xAC00, 0x11A7), N(0xAC00, 0x11A7));
    /* A mark between L and V blocks the composition. */
    CHECK_NORM(UNI_NFC, N(0x1100, 0x0301, 0x1161), N(0x1100, 0x0301, 0x1161));
    /* Compatibility jamo compose once decomposed. */
    CHECK_NORM(UNI_NFKC, N(0x3131, 0x314F), N(0xAC00));
    CHECK_NORM(UNI_NFC, N(0x3131, 0x314F), N(0x3131, 0x314F));
}

static void test_singletons_and_exclusions(void) {
    CHECK_NORM(UNI_NFC, N(0x212B), N(0x00C5)); /* ANGSTROM SIGN */
    CHECK_NORM(UNI_NFD, N(0x212B), N(0x0041, 0x030A));
    CHECK_NORM(UNI_NFC, N(0x2126), N(0x03A9));         /* OHM SIGN */
    CHECK_NORM(UNI_NFC, N(0x0958), N(0x0915, 0x093C)); /* composition exclusion */
    CHECK_NORM(UNI_NFC, N(0x0915, 0x093C), N(0x0915, 0x093C));
    CHECK_NORM(UNI_NFC, N(0x0344), N(0x0308, 0x0301));    /* non-starter decomposition */
    CHECK_NORM(UNI_NFC, N(0x1D15E), N(0x1D157, 0x1D165)); /* excluded, outside the BMP */
}

static void test_blocking_and_order(void) {
    /* a + acute + acute: the second acute is blocked by the first. */
    CHECK_NORM(UNI_NFC, N(0x61, 0x0301, 0x0301), N(0x00E1, 0x0301));
    /* Overline (230) blocks the acute (230) from the a. */
    CHECK_NORM(UNI_NFC, N(0x61, 0x0305, 0x0301), N(0x61, 0x0305, 0x0301));
    /* Dot below (220) sorts first and does not block the acute (230). */
    CHECK_NORM(UNI_NFD, N(0x61, 0x0301, 0x0323), N(0x61, 0x0323, 0x0301));
    CHECK_NORM(UNI_NFC, N(0x61, 0x0301, 0x0323), N(0x1EA1, 0x0301));
    CHECK_NORM(UNI_NFC, N(0x1E9B, 0x0323), N(0x1E9B, 0x0323));
    CHECK_NORM(UNI_NFD, N(0x1E9B, 0x0323), N(0x017F, 0x0323, 0x0307));
    CHECK_NORM(UNI_NFKC, N(0x1E9B, 0x0323), N(0x1E69));
    CHECK_NORM(UNI_NFKD, N(0x1E9B, 0x0323), N(0x0073, 0x0323, 0x0307));
    /* Starter + starter composition (Oriya vowel sign O). */
    CHECK_NORM(UNI_NFC, N(0x0B47, 0x0B3E), N(0x0B4B));
    /* A long run of alternating classes is sorted stably. */
    uint32_t src[41], want[41];
    src[0] = want[0] = 0x61;
    for (int i = 0; i < 20; i++) {
        src[1 + 2 * i] = 0x0301;
        src[2 + 2 * i] = 0x0316;
        want[1 + i] = 0x0316;
        want[21 + i] = 0x0301;
    }
    CHECK(check_cps(src, 41, UNI_NFD, want, 41));
    want[0] = 0x00E1; /* NFC: the first acute composes, the others stay */
    for (int i = 0; i < 20; i++)
        want[1 + i] = 0x0316;
    for (int i = 0; i < 19; i++)
        want[21 + i] = 0x0301;
    CHECK(check_cps(src, 41, UNI_NFC, want, 40));
}

static void test_compatibility(void) {
    CHECK_NORM(UNI_NFKC, N(0xFB01), N(0x66, 0x69)); /* ﬁ */
    CHECK_NORM(UNI_NFC, N(0xFB01), N(0xFB01));
    CHECK_NORM(UNI_NFKD, N(0x00A0), N(0x20));
    CHECK_NORM(UNI_NFKC, N(0x2460), N(0x31)); /* circled digit one */
    CHECK_NORM(UNI_NFKD, N(0xFDFA),
               N(0x635, 0x644, 0x649, 0x20, 0x627, 0x644, 0x644, 0x647, 0x20, 0x639, 0x644, 0x64A,
                 0x647, 0x20, 0x648, 0x633, 0x644, 0x645));
    CHECK_NORM(UNI_NFKC, N(0xFF76, 0xFF9E), N(0x30AC)); /* halfwidth ka + voiced mark */
}

static void test_surrogates(void) {
    CHECK_NORM(UNI_NFC, N(0xD800, 0x0301), N(0xD800, 0x0301));
    CHECK_NORM(UNI_NFC, N(0xD800, 0x65, 0x0301), N(0xD800, 0xE9));
    CHECK_NORM(UNI_NFD, N(0xDC00, 0xE9, 0xD800), N(0xDC00, 0x65, 0x0301, 0xD800));
    CHECK_NORM(UNI_NFKC, N(0x65, 0xDFFF, 0x0301), N(0x65, 0xDFFF, 0x0301));
}

static void test_latin1_and_unchanged(void) {
    const uint8_t cafe[] = {'c', 'a', 'f', 0xE9};
    uni_norm_input in = {cafe, NULL, 4};
    uint16_t *out = (uint16_t *)1;
    size_t length = 99;
    CHECK(uni_normalize(&in, UNI_NFC, 100, &out, &length) == UNI_NORM_UNCHANGED);
    CHECK(out == NULL && length == 0);
    CHECK(uni_normalize(&in, UNI_NFD, 100, &out, &length) == UNI_NORM_OK);
    CHECK(length == 5 && out && out[3] == 'e' && out[4] == 0x0301);
    free(out);
    CHECK(uni_normalize(&in, UNI_NFKD, 100, &out, &length) == UNI_NORM_OK);
    free(out);
    /* Maybe in the quick check, but normalized after all. */
    const uint16_t maybe[] = {0x78, 0x0301}; /* no precomposed x with acute */
    uni_norm_input in16 = {NULL, maybe, 2};
    CHECK(uni_normalize(&in16, UNI_NFC, 100, &out, &length) == UNI_NORM_UNCHANGED);
    uni_norm_input empty = {NULL, NULL, 0};
    CHECK(uni_normalize(&empty, UNI_NFKD, 0, &out, &length) == UNI_NORM_UNCHANGED);
}

static void test_length_limit(void) {
    const uint16_t ligature[] = {0xFDFA};
    uni_norm_input in = {NULL, ligature, 1};
    uint16_t *out;
    size_t length;
    CHECK(uni_normalize(&in, UNI_NFKD, 17, &out, &length) == UNI_NORM_TOO_LONG);
    CHECK(out == NULL);
    CHECK(uni_normalize(&in, UNI_NFKD, 18, &out, &length) == UNI_NORM_OK && length == 18);
    free(out);
    /* Long input crossing chunk boundaries, with a limit in the middle. */
    size_t n = 3000;
    uint16_t *hangul = malloc(n * sizeof *hangul);
    for (size_t i = 0; i < n; i++)
        hangul[i] = 0xAC01;
    uni_norm_input big = {NULL, hangul, n};
    CHECK(uni_normalize(&big, UNI_NFD, 3 * n, &out, &length) == UNI_NORM_OK && length == 3 * n);
    for (size_t i = 0; i < length && out; i += 3)
        if (out[i] != 0x1100 || out[i + 1] != 0x1161 || out[i + 2] != 0x11A8) {
            CHECK(!"bad Hangul decomposition");
            break;
        }
    free(out);
    CHECK(uni_normalize(&big, UNI_NFD, 3 * n - 1, &out, &length) == UNI_NORM_TOO_LONG);
    CHECK(uni_normalize(&big, UNI_NFC, n, &out, &length) == UNI_NORM_UNCHANGED);
    free(hangul);
}

static void test_combining_class(void) {
    CHECK(uni_combining_class('A') == 0);
    CHECK(uni_combining_class(0x0301) == 230);
    CHECK(uni_combining_class(0x0316) == 220);
    CHECK(uni_combining_class(0x05B0) == 10);
    CHECK(uni_combining_class(0x0345) == 240);
    CHECK(uni_combining_class(0x3099) == 8);
    CHECK(uni_combining_class(0x1D165) == 216);
    CHECK(uni_combining_class(0xD800) == 0);
    CHECK(uni_combining_class(0x110000) == 0);
    CHECK(uni_combining_class(0xFFFFFFFF) == 0);
}

int main(void) {
    RUN(test_conformance_subset);
    RUN(test_hangul);
    RUN(test_singletons_and_exclusions);
    RUN(test_blocking_and_order);
    RUN(test_compatibility);
    RUN(test_surrogates);
    RUN(test_latin1_and_unchanged);
    RUN(test_length_limit);
    RUN(test_combining_class);
    return TEST_EXIT();
}
