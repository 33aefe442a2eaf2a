/* test_unicode.c — spot checks of the Unicode tables (util/unicode.h) and the
 * UTF conversions (util/utf.h). tools/unicode/check.sh compares every code
 * point against the Unicode data package. */
#include "test.h"

#include "util/unicode.h"
#include "util/utf.h"

#include <stdint.h>
#include <string.h>

/* Whether the full mapping of cp is exactly want[0..want_n). */
static int upper_equals(uint32_t cp, const uint32_t *want, int want_n) {
    uint32_t out[UNI_CASE_MAX_EXPANSION];
    int n = uni_to_upper_full(cp, out);
    if (n != want_n) return 0;
    for (int i = 0; i < n; i++)
        if (out[i] != want[i]) return 0;
    return 1;
}

static int lower_equals(uint32_t cp, const uint32_t *want, int want_n) {
    uint32_t out[UNI_CASE_MAX_EXPANSION];
    int n = uni_to_lower_full(cp, out);
    if (n != want_n) return 0;
    for (int i = 0; i < n; i++)
        if (out[i] != want[i]) return 0;
    return 1;
}

static void test_identifiers(void) {
    CHECK(uni_is_id_start('a') && uni_is_id_start('Z') && uni_is_id_start('$') &&
          uni_is_id_start('_'));
    CHECK(!uni_is_id_start('0') && !uni_is_id_start('@') && !uni_is_id_start('[') &&
          !uni_is_id_start('`') && !uni_is_id_start('{') && !uni_is_id_start(' '));
    CHECK(uni_is_id_continue('0') && uni_is_id_continue('9') && uni_is_id_continue('$'));
    CHECK(!uni_is_id_continue('-') && !uni_is_id_continue('/') && !uni_is_id_continue(':'));
    CHECK(uni_is_id_start(0x2135));    /* ℵ */
    CHECK(uni_is_id_start(0x00AA));    /* ª (Lo) */
    CHECK(uni_is_id_start(0x4E00));    /* CJK, inside a split long range */
    CHECK(uni_is_id_start(0x9FFF));    /* last of the CJK block */
    CHECK(uni_is_id_start(0x2118));    /* ℘, Other_ID_Start */
    CHECK(uni_is_id_start(0x1885));    /* Other_ID_Start */
    CHECK(uni_is_id_start(0x20000));   /* CJK Extension B */
    CHECK(!uni_is_id_start(0x200C));   /* ZWNJ: continue only */
    CHECK(uni_is_id_continue(0x200C)); /* ZWNJ */
    CHECK(uni_is_id_continue(0x200D)); /* ZWJ */
    CHECK(!uni_is_id_start(0x0300) && uni_is_id_continue(0x0300));  /* combining grave */
    CHECK(!uni_is_id_start(0x0660) && uni_is_id_continue(0x0660));  /* Arabic-Indic 0 */
    CHECK(uni_is_id_continue(0x00B7));                              /* Other_ID_Continue */
    CHECK(!uni_is_id_start(0x00D7) && !uni_is_id_continue(0x00D7)); /* × */
    CHECK(!uni_is_id_start(0x2E2F));                                /* vertical tilde */
    CHECK(!uni_is_id_start(0xD800) && !uni_is_id_continue(0xDC00)); /* surrogates */
    CHECK(!uni_is_id_start(0x10FFFF) && !uni_is_id_start(0x110000) && !uni_is_id_start(0xFFFFFFFF));
    CHECK(!uni_is_id_continue(0x110000 + 'a'));
}

static void test_space_and_line_terminators(void) {
    CHECK(uni_is_space(' ') && uni_is_space('\t') && uni_is_space('\v') && uni_is_space('\f'));
    CHECK(!uni_is_space('\n') && !uni_is_space('\r') && !uni_is_space('a') && !uni_is_space(0));
    CHECK(uni_is_space(0x00A0) && uni_is_space(0xFEFF) && uni_is_space(0x3000));
    CHECK(uni_is_space(0x1680) && uni_is_space(0x2000) && uni_is_space(0x200A) &&
          uni_is_space(0x202F) && uni_is_space(0x205F));
    CHECK(!uni_is_space(0x180E)); /* Mongolian vowel separator is Cf since Unicode 6.3 */
    CHECK(!uni_is_space(0x200B)); /* zero width space is Cf */
    CHECK(!uni_is_space(0x0085)); /* NEL: White_Space but not Zs */
    CHECK(!uni_is_space(0x2028) && !uni_is_space(0x2029));
    CHECK(!uni_is_space(0x110000 + ' '));
    CHECK(uni_is_line_terminator('\n') && uni_is_line_terminator('\r') &&
          uni_is_line_terminator(0x2028) && uni_is_line_terminator(0x2029));
    CHECK(!uni_is_line_terminator(0x0085) && !uni_is_line_terminator('\v'));
}

static void test_full_case_mapping(void) {
    CHECK(upper_equals('a', (uint32_t[]){'A'}, 1));
    CHECK(upper_equals('A', (uint32_t[]){'A'}, 1));
    CHECK(upper_equals('{', (uint32_t[]){'{'}, 1));
    CHECK(lower_equals('Z', (uint32_t[]){'z'}, 1));
    CHECK(lower_equals('@', (uint32_t[]){'@'}, 1));
    CHECK(upper_equals(0x00DF, (uint32_t[]){'S', 'S'}, 2));      /* ß */
    CHECK(upper_equals(0x0149, (uint32_t[]){0x02BC, 'N'}, 2));   /* ŉ */
    CHECK(upper_equals(0x01F0, (uint32_t[]){'J', 0x030C}, 2));   /* ǰ */
    CHECK(upper_equals(0xFB03, (uint32_t[]){'F', 'F', 'I'}, 3)); /* ﬃ */
    CHECK(upper_equals(0x0390, (uint32_t[]){0x0399, 0x0308, 0x0301}, 3));
    CHECK(upper_equals(0x1F80, (uint32_t[]){0x1F08, 0x0399}, 2)); /* not the simple 1F88 */
    CHECK(upper_equals(0x00FF, (uint32_t[]){0x0178}, 1));         /* ÿ -> Ÿ */
    CHECK(upper_equals(0x00B5, (uint32_t[]){0x039C}, 1));         /* µ -> Μ */
    CHECK(upper_equals(0x0101, (uint32_t[]){0x0100}, 1));         /* alternating run */
    CHECK(upper_equals(0x0100, (uint32_t[]){0x0100}, 1));
    CHECK(upper_equals(0x03C3, (uint32_t[]){0x03A3}, 1));      /* σ */
    CHECK(upper_equals(0x03C2, (uint32_t[]){0x03A3}, 1));      /* ς */
    CHECK(upper_equals(0x10428, (uint32_t[]){0x10400}, 1));    /* Deseret */
    CHECK(upper_equals(0x0130, (uint32_t[]){0x0130}, 1));      /* İ */
    CHECK(lower_equals(0x0130, (uint32_t[]){'i', 0x0307}, 2)); /* İ -> i̇ */
    CHECK(lower_equals(0x03A3, (uint32_t[]){0x03C3}, 1));      /* no Final_Sigma here */
    CHECK(lower_equals(0x0100, (uint32_t[]){0x0101}, 1));
    CHECK(lower_equals(0x0101, (uint32_t[]){0x0101}, 1));
    CHECK(lower_equals(0x1F88, (uint32_t[]){0x1F80}, 1));
    CHECK(lower_equals(0x212A, (uint32_t[]){'k'}, 1)); /* Kelvin */
    CHECK(lower_equals(0x10400, (uint32_t[]){0x10428}, 1));
    CHECK(lower_equals(0x1E921, (uint32_t[]){0x1E943}, 1)); /* Adlam */
    CHECK(lower_equals(0xD800, (uint32_t[]){0xD800}, 1));
    CHECK(upper_equals(0x110000, (uint32_t[]){0x110000}, 1));
    CHECK(lower_equals(0xFFFFFFFF, (uint32_t[]){0xFFFFFFFF}, 1));
}

static void test_cased_and_final_sigma(void) {
    CHECK(uni_is_cased('a') && uni_is_cased('Z') && !uni_is_cased('1') && !uni_is_cased('_'));
    CHECK(uni_is_cased(0x03A3) && uni_is_cased(0x0345) && !uni_is_cased(0x05D0));
    CHECK(uni_is_case_ignorable('\'') && uni_is_case_ignorable('.') && uni_is_case_ignorable(':') &&
          !uni_is_case_ignorable('a'));
    CHECK(uni_is_case_ignorable(0x0345) && uni_is_case_ignorable(0x00AD) &&
          !uni_is_case_ignorable(' '));

    const uint16_t word[] = {'A', 0x03A3};                /* AΣ */
    const uint16_t alone[] = {0x03A3};                    /* Σ */
    const uint16_t middle[] = {'A', 0x03A3, 'B'};         /* AΣB */
    const uint16_t ignorable[] = {'A', '.', 0x03A3, '.'}; /* A.Σ. */
    const uint16_t ign_then_cased[] = {'A', 0x03A3, '.', 'b'};
    const uint16_t space_before[] = {' ', 0x03A3};
    const uint16_t astral_cased[] = {0xD801, 0xDC00, 0x03A3}; /* 𐐀Σ */
    const uint16_t astral_after[] = {'a', 0x03A3, 0xD801, 0xDC28};
    CHECK(uni_is_final_sigma(word, 2, 1));
    CHECK(!uni_is_final_sigma(alone, 1, 0));
    CHECK(!uni_is_final_sigma(middle, 3, 1));
    CHECK(uni_is_final_sigma(ignorable, 4, 2));
    CHECK(!uni_is_final_sigma(ign_then_cased, 4, 1));
    CHECK(!uni_is_final_sigma(space_before, 2, 1));
    CHECK(uni_is_final_sigma(astral_cased, 3, 2));
    CHECK(!uni_is_final_sigma(astral_after, 4, 1));
    CHECK(!uni_is_final_sigma(word, 2, 2)); /* out of bounds */
}

static void test_simple_mappings(void) {
    CHECK(uni_simple_fold('A') == 'a' && uni_simple_fold('a') == 'a' &&
          uni_simple_fold('@') == '@');
    CHECK(uni_simple_fold(0x212A) == 'k');    /* Kelvin sign */
    CHECK(uni_simple_fold(0x017F) == 's');    /* long s */
    CHECK(uni_simple_fold(0x1E9E) == 0x00DF); /* capital sharp s: status S */
    CHECK(uni_simple_fold(0x00DF) == 0x00DF); /* only an F folding */
    CHECK(uni_simple_fold(0x03A3) == 0x03C3 && uni_simple_fold(0x03C2) == 0x03C3);
    CHECK(uni_simple_fold(0x0130) == 0x0130); /* only F and T foldings */
    CHECK(uni_simple_fold(0x1F88) == 0x1F80); /* status S */
    CHECK(uni_simple_fold(0x10400) == 0x10428);
    CHECK(uni_simple_fold(0x110000) == 0x110000);
    CHECK(uni_simple_upper('z') == 'Z' && uni_simple_upper('Z') == 'Z');
    CHECK(uni_simple_upper(0x00DF) == 0x00DF);
    CHECK(uni_simple_upper(0x1F80) == 0x1F88);
    CHECK(uni_simple_upper(0x01C5) == 0x01C4); /* titlecase Dž -> DŽ */
    CHECK(uni_simple_upper(0x0131) == 'I');    /* dotless i */
    CHECK(uni_simple_upper(0x00FF) == 0x0178);
}

static void test_canonicalize(void) {
    CHECK(uni_canonicalize('a', false) == 'A' && uni_canonicalize('A', false) == 'A');
    CHECK(uni_canonicalize(0x0131, false) == 0x0131); /* ı would map into ASCII */
    CHECK(uni_canonicalize(0x017F, false) == 0x017F); /* ſ likewise */
    CHECK(uni_canonicalize(0x00DF, false) == 0x00DF); /* SS is two units */
    CHECK(uni_canonicalize(0x1F80, false) == 0x1F80); /* full upper is two code points */
    CHECK(uni_canonicalize(0x00E0, false) == 0x00C0);
    CHECK(uni_canonicalize(0xD801, false) == 0xD801);
    CHECK(uni_canonicalize('A', true) == 'a');
    CHECK(uni_canonicalize(0x212A, true) == 'k');
    CHECK(uni_canonicalize(0x017F, true) == 's');
}

static void test_range_sets(void) {
    /* The stored ranges are sorted and every stored bound is a member. */
    uint32_t count = uni_set_range_count(&uni_set_id_start), prev_last = 0;
    CHECK(count > 600);
    for (uint32_t i = 0; i < count; i++) {
        uint32_t first, last;
        uni_set_range(&uni_set_id_start, i, &first, &last);
        CHECK(first <= last && (i == 0 || first > prev_last));
        CHECK(uni_set_contains(&uni_set_id_start, first) &&
              uni_set_contains(&uni_set_id_start, last));
        prev_last = last;
    }
    CHECK(!uni_set_contains(&uni_set_js_space, 0));
}

/* ---- RegExp property escapes ------------------------------------------- */

static int lookup(const char *name, const char *value) {
    return uni_property_lookup(name, strlen(name), value, value ? strlen(value) : 0);
}

/* Number of code points in a set (ranges may touch but never overlap). */
static uint32_t set_size(int set) {
    uint32_t total = 0;
    for (int i = 0; i < uni_set_id_range_count(set); i++) {
        uint32_t lo, hi;
        uni_set_id_range(set, i, &lo, &hi);
        total += hi - lo + 1;
    }
    return total;
}

static void test_property_general_category(void) {
    int lu = lookup("General_Category", "Uppercase_Letter");
    CHECK(lu >= 0);
    CHECK(lookup("gc", "Lu") == lu && lookup("Lu", NULL) == lu &&
          lookup("Uppercase_Letter", NULL) == lu);
    CHECK(uni_property_lookup("Lu", 2, "", 0) == lu); /* value_len 0 is the lone form */
    CHECK(uni_set_id_contains(lu, 'A') && uni_set_id_contains(lu, 'Z') &&
          uni_set_id_contains(lu, 0x0391) && uni_set_id_contains(lu, 0x1D400));
    CHECK(!uni_set_id_contains(lu, 'a') && !uni_set_id_contains(lu, '@') &&
          !uni_set_id_contains(lu, 0x01C5)); /* ǅ is Lt */
    CHECK(set_size(lu) == 1886);             /* Unicode 17.0 */
    int l = lookup("L", NULL), lc = lookup("LC", NULL);
    CHECK(l >= 0 && lc >= 0 && l != lc && lookup("Letter", NULL) == l &&
          lookup("gc", "Cased_Letter") == lc);
    CHECK(uni_set_id_contains(l, 0x4E00) && !uni_set_id_contains(lc, 0x4E00));
    CHECK(uni_set_id_contains(lc, 0x01C5) && !uni_set_id_contains(lc, '1'));
    int punct = lookup("punct", NULL), digit = lookup("gc", "digit");
    CHECK(punct == lookup("P", NULL) && digit == lookup("Nd", NULL) && digit >= 0);
    CHECK(lookup("Combining_Mark", NULL) == lookup("M", NULL) &&
          lookup("cntrl", NULL) == lookup("Cc", NULL));
    int cs = lookup("Cs", NULL), cn = lookup("Cn", NULL);
    CHECK(uni_set_id_contains(cs, 0xD800) && uni_set_id_contains(cs, 0xDFFF) &&
          set_size(cs) == 2048);
    CHECK(uni_set_id_contains(cn, 0x0378) && uni_set_id_contains(cn, 0x10FFFF) &&
          !uni_set_id_contains(cn, 'a'));
    /* Exact spelling only. */
    CHECK(lookup("lu", NULL) < 0 && lookup("LU", NULL) < 0 && lookup("IsLu", NULL) < 0);
    CHECK(lookup("General_Category", "uppercase_letter") < 0 && lookup("GC", "Lu") < 0);
    CHECK(lookup("general_category", "Lu") < 0 && lookup("gc", "Uppercase Letter") < 0);
    CHECK(lookup("L&", NULL) < 0 && lookup("gc", "Greek") < 0 && lookup("gc", "Alphabetic") < 0);
    CHECK(uni_property_lookup("Lu", 1, NULL, 0) == l); /* counted, not NUL-terminated: "L" */
    CHECK(uni_property_lookup("Lux", 2, NULL, 0) == lu);
    CHECK(uni_property_lookup("Lu\0", 3, NULL, 0) < 0);
    CHECK(uni_property_lookup(NULL, 0, NULL, 0) < 0 && uni_property_lookup("", 0, "Lu", 2) < 0);
}

static void test_property_scripts(void) {
    int greek = lookup("Script", "Greek");
    CHECK(greek >= 0 && lookup("sc", "Grek") == greek && lookup("Script", "Grek") == greek);
    CHECK(uni_set_id_contains(greek, 0x03B1) && uni_set_id_contains(greek, 0x1F00) &&
          uni_set_id_contains(greek, 0x2126) && uni_set_id_contains(greek, 0x1D245));
    CHECK(!uni_set_id_contains(greek, 'a') &&
          !uni_set_id_contains(greek, 0x0374)); /* ʹ is Common */
    int scx_greek = lookup("scx", "Greek");
    CHECK(scx_greek >= 0 && scx_greek != greek && uni_set_id_contains(scx_greek, 0x0342));
    CHECK(!uni_set_id_contains(greek, 0x0342)); /* Inherited, Greek only by extension */
    int hira = lookup("Script_Extensions", "Hiragana");
    CHECK(hira == lookup("scx", "Hira") && hira >= 0);
    CHECK(uni_set_id_contains(hira, 0x3042) && uni_set_id_contains(hira, 0x30FC) &&
          uni_set_id_contains(hira, 0x3001)); /* 、 and ー are shared with Katakana and others */
    CHECK(!uni_set_id_contains(lookup("sc", "Hira"), 0x30FC));
    CHECK(uni_set_id_contains(lookup("sc", "Zyyy"), 0x30FC) &&
          lookup("sc", "Common") == lookup("sc", "Zyyy"));
    CHECK(lookup("sc", "Qaai") == lookup("sc", "Inherited") && lookup("sc", "Zinh") >= 0);
    int unknown = lookup("sc", "Zzzz");
    CHECK(uni_set_id_contains(unknown, 0xD800) && uni_set_id_contains(unknown, 0x10FFFF));
    int hrkt = lookup("sc", "Katakana_Or_Hiragana"); /* a valid value with no code points */
    CHECK(hrkt >= 0 && lookup("scx", "Hrkt") >= 0 && uni_set_id_range_count(hrkt) == 0);
    CHECK(lookup("sc", "Sidetic") >= 0 && lookup("scx", "Berf") >= 0); /* new in Unicode 17 */
    CHECK(lookup("Greek", NULL) < 0 && lookup("Grek", NULL) < 0);      /* scripts need sc= */
    CHECK(lookup("sc", "greek") < 0 && lookup("Sc", "Greek") < 0 && lookup("scx", "Lu") < 0);
    CHECK(lookup("script", "Greek") < 0 && lookup("Script_extensions", "Greek") < 0);
}

static void test_property_binary(void) {
    int ascii = lookup("ASCII", NULL), any = lookup("Any", NULL),
        assigned = lookup("Assigned", NULL);
    CHECK(ascii >= 0 && any >= 0 && assigned >= 0);
    CHECK(uni_set_id_contains(ascii, 0) && uni_set_id_contains(ascii, 0x7F) &&
          !uni_set_id_contains(ascii, 0x80));
    CHECK(set_size(any) == 0x110000 && uni_set_id_contains(any, 0xDC00) &&
          !uni_set_id_contains(any, 0x110000));
    CHECK(!uni_set_id_contains(assigned, 0x0378) && uni_set_id_contains(assigned, 0xD800) &&
          uni_set_id_contains(assigned, 'a'));
    CHECK(set_size(assigned) + set_size(lookup("Cn", NULL)) == 0x110000);
    int emoji = lookup("Emoji", NULL);
    CHECK(emoji >= 0 && uni_set_id_contains(emoji, 0x1F600) && uni_set_id_contains(emoji, '#') &&
          !uni_set_id_contains(emoji, 'a'));
    CHECK(lookup("Alpha", NULL) == lookup("Alphabetic", NULL) &&
          lookup("space", NULL) == lookup("White_Space", NULL));
    CHECK(lookup("ID_Start", NULL) == lookup("IDS", NULL) && lookup("IDS", NULL) >= 0);
    CHECK(uni_set_id_contains(lookup("White_Space", NULL), 0x85) &&
          uni_set_id_contains(lookup("Pat_WS", NULL), 0x200E));
    CHECK(lookup("Changes_When_NFKC_Casefolded", NULL) == lookup("CWKCF", NULL));
    /* Not in ECMA-262 Table 68, or misspelled. */
    CHECK(lookup("WSpace", NULL) < 0 && lookup("Other_Alphabetic", NULL) < 0 &&
          lookup("InCB", NULL) < 0);
    CHECK(lookup("ascii", NULL) < 0 && lookup("any", NULL) < 0 && lookup("Ascii", NULL) < 0);
    CHECK(lookup("ASCII", "Yes") < 0 && lookup("gc", "ASCII") < 0 &&
          lookup("Basic_Emoji", NULL) < 0);
    /* Invalid set ids answer empty. */
    uint32_t lo, hi;
    uni_set_id_range(-1, 0, &lo, &hi);
    CHECK(lo > hi && !uni_set_id_contains(-1, 'a') && uni_set_id_range_count(-1) == 0);
    uni_set_id_range(ascii, 1000, &lo, &hi);
    CHECK(lo > hi && !uni_set_id_contains(100000, 'a') && uni_set_id_range_count(100000) == 0);
}

static bool string_property_has(int id, const uint32_t *want, int want_len) {
    for (int i = 0; i < uni_string_property_count(id); i++) {
        int len;
        const uint32_t *cps = uni_string_property_string(id, i, &len);
        if (len == want_len && memcmp(cps, want, sizeof *cps * (size_t)len) == 0) return true;
    }
    return false;
}

static void test_property_strings(void) {
    const char *names[] = {"Basic_Emoji",
                           "Emoji_Keycap_Sequence",
                           "RGI_Emoji_Modifier_Sequence",
                           "RGI_Emoji_Flag_Sequence",
                           "RGI_Emoji_Tag_Sequence",
                           "RGI_Emoji_ZWJ_Sequence",
                           "RGI_Emoji"};
    int ids[7];
    for (int i = 0; i < 7; i++) {
        ids[i] = uni_string_property_lookup(names[i], strlen(names[i]));
        CHECK(ids[i] >= 0);
    }
    int basic = ids[0], keycap = ids[1], flag = ids[3], zwj = ids[5], rgi = ids[6];
    CHECK(uni_string_property_count(keycap) == 12);
    CHECK(string_property_has(keycap, (uint32_t[]){'#', 0xFE0F, 0x20E3}, 3));
    CHECK(!string_property_has(keycap, (uint32_t[]){'#', 0x20E3}, 2));
    CHECK(string_property_has(flag, (uint32_t[]){0x1F1FA, 0x1F1F8}, 2)); /* 🇺🇸 */
    uint32_t family[] = {0x1F468, 0x200D, 0x1F469, 0x200D, 0x1F467, 0x200D, 0x1F466};
    CHECK(string_property_has(zwj, family, 7) && string_property_has(rgi, family, 7));
    CHECK(!string_property_has(basic, family, 7));
    CHECK(string_property_has(
        rgi, (uint32_t[]){0x1F3F4, 0xE0067, 0xE0062, 0xE0073, 0xE0063, 0xE0074, 0xE007F}, 7));
    /* RGI_Emoji is the union of the others. */
    int total = 0;
    for (int i = 0; i < 6; i++)
        total += uni_string_property_count(ids[i]);
    CHECK(total == uni_string_property_count(rgi) && total == 2760);
    /* Single code points live in a plain set: ⌚ is Basic_Emoji, 😀 too. */
    int basic_cps = uni_string_property_codepoints(basic);
    CHECK(uni_set_id_contains(basic_cps, 0x231A) && uni_set_id_contains(basic_cps, 0x1F600));
    CHECK(!uni_set_id_contains(basic_cps, '#') &&
          !uni_set_id_contains(basic_cps, 0xA9)); /* © needs FE0F */
    CHECK(string_property_has(basic, (uint32_t[]){0xA9, 0xFE0F}, 2));
    CHECK(uni_string_property_codepoints(rgi) == basic_cps);
    CHECK(uni_set_id_range_count(uni_string_property_codepoints(zwj)) == 0);
    /* Exact names only; code point properties are not properties of strings. */
    CHECK(uni_string_property_lookup("rgi_emoji", 9) < 0 &&
          uni_string_property_lookup("Emoji", 5) < 0);
    CHECK(uni_string_property_lookup("RGI_Emoji", 8) < 0 &&
          uni_string_property_lookup(NULL, 0) < 0);
    int len = 5;
    CHECK(uni_string_property_string(rgi, 2760, &len) == NULL && len == 0);
    CHECK(uni_string_property_string(-1, 0, &len) == NULL && uni_string_property_count(7) == 0);
    CHECK(uni_string_property_codepoints(-1) < 0);
}

/* ---- UTF ---------------------------------------------------------------- */

static int decode_all(const char *bytes, size_t len, uint32_t *out, int max) {
    const uint8_t *s = (const uint8_t *)bytes;
    int n = 0;
    size_t i = 0;
    while (i < len && n < max) {
        int used = utf8_decode(s + i, len - i, &out[n++]);
        if (used < 1) return -1;
        i += (size_t)used;
    }
    return n;
}

static void test_utf8_round_trip(void) {
    const uint32_t cps[] = {0,      0x7F,    0x80,    0x7FF,    0x800,  0xFFFD,
                            0xFFFF, 0x10000, 0x1F600, 0x10FFFF, 0xD7FF, 0xE000};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        uint8_t buf[4];
        int n = utf8_encode(cps[i], buf);
        uint32_t back = 0xFFFFFFFF;
        CHECK(n >= 1 && n <= 4);
        CHECK(utf8_decode(buf, (size_t)n, &back) == n && back == cps[i]);
        CHECK(utf8_valid_prefix(buf, (size_t)n) == (size_t)n);
    }
    uint8_t buf[4];
    CHECK(utf8_encode(0x41, buf) == 1 && buf[0] == 0x41);
    CHECK(utf8_encode(0xE9, buf) == 2 && buf[0] == 0xC3 && buf[1] == 0xA9);
    CHECK(utf8_encode(0x20AC, buf) == 3 && buf[0] == 0xE2 && buf[1] == 0x82 && buf[2] == 0xAC);
    CHECK(utf8_encode(0x1F600, buf) == 4 && buf[0] == 0xF0 && buf[1] == 0x9F && buf[2] == 0x98 &&
          buf[3] == 0x80);
    CHECK(utf8_encode(0x110000, buf) == 3 && buf[0] == 0xEF && buf[1] == 0xBF && buf[2] == 0xBD);
    /* Lone surrogates: WTF-8 bytes, which only wtf8_decode reads back. */
    CHECK(utf8_encode(0xD800, buf) == 3 && buf[0] == 0xED && buf[1] == 0xA0 && buf[2] == 0x80);
    uint32_t cp;
    CHECK(wtf8_decode(buf, 3, &cp) == 3 && cp == 0xD800);
    CHECK(utf8_decode(buf, 3, &cp) == 1 && cp == 0xFFFD);
    CHECK(utf8_valid_prefix(buf, 3) == 0);
}

static void test_utf8_invalid(void) {
    uint32_t out[16];
    /* Maximal subparts (Unicode §3.9 Table 3-8 example). */
    const char bad[] = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
    const uint32_t want[] = {0x61,   0xFFFD, 0xFFFD, 0xFFFD, 0x62,
                             0xFFFD, 0x63,   0xFFFD, 0xFFFD, 0x64};
    int n = decode_all(bad, sizeof bad - 1, out, 16);
    CHECK(n == 10);
    for (int i = 0; i < n && i < 10; i++)
        CHECK(out[i] == want[i]);
    /* Overlongs, surrogates, > U+10FFFF, F5..FF: one U+FFFD per byte. */
    CHECK(decode_all("\xC0\xAF", 2, out, 16) == 2 && out[0] == 0xFFFD && out[1] == 0xFFFD);
    CHECK(decode_all("\xE0\x80\xAF", 3, out, 16) == 3);
    CHECK(decode_all("\xED\xA0\x80", 3, out, 16) == 3);
    CHECK(decode_all("\xF4\x90\x80\x80", 4, out, 16) == 4);
    CHECK(decode_all("\xFF\xFE", 2, out, 16) == 2);
    /* Truncated sequence at the end of input: one U+FFFD, no over-read. */
    uint8_t trunc[] = {0xF0, 0x9F, 0x98};
    uint32_t cp;
    CHECK(utf8_decode(trunc, 3, &cp) == 3 && cp == 0xFFFD);
    CHECK(utf8_decode(trunc, 1, &cp) == 1 && cp == 0xFFFD);
    CHECK(utf8_decode(trunc, 0, &cp) == 0 && cp == 0xFFFD);
    CHECK(utf8_valid_prefix((const uint8_t *)"ab\xEF\xBF\xBD\xC3", 6) == 5);
    CHECK(utf8_valid_prefix((const uint8_t *)"ab\xEF\xBF\xBD", 5) == 5);
}

static void test_utf8_utf16(void) {
    const char *text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"; /* aé€😀 */
    const uint8_t *s = (const uint8_t *)text;
    size_t len = strlen(text);
    CHECK(utf8_to_utf16(s, len, NULL) == 5);
    uint16_t units[8];
    CHECK(utf8_to_utf16(s, len, units) == 5);
    CHECK(units[0] == 'a' && units[1] == 0xE9 && units[2] == 0x20AC && units[3] == 0xD83D &&
          units[4] == 0xDE00);
    CHECK(utf16_is_lead(units[3]) && utf16_is_trail(units[4]) && !utf16_is_lead(units[4]) &&
          !utf16_is_trail(units[3]));
    CHECK(utf16_combine(units[3], units[4]) == 0x1F600);
    uint8_t back[16];
    CHECK(utf16_to_utf8(units, 5, NULL, false) == len);
    CHECK(utf16_to_utf8(units, 5, back, false) == len && memcmp(back, text, len) == 0);

    /* Lone surrogates: U+FFFD, or WTF-8 that round-trips. */
    const uint16_t lone[] = {'x', 0xDC00, 0xD800, 'y', 0xD800};
    CHECK(utf16_to_utf8(lone, 5, back, false) == 11);
    CHECK(memcmp(back, "x\xEF\xBF\xBD\xEF\xBF\xBDy\xEF\xBF\xBD", 11) == 0);
    CHECK(utf16_to_utf8(lone, 5, back, true) == 11);
    CHECK(memcmp(back, "x\xED\xB0\x80\xED\xA0\x80y\xED\xA0\x80", 11) == 0);
    uint16_t again[8];
    CHECK(wtf8_to_utf16(back, 11, again) == 5 && memcmp(again, lone, sizeof lone) == 0);
    CHECK(utf8_to_utf16(back, 11, NULL) == 11); /* strict: 3 x U+FFFD per surrogate */

    uint16_t pair[2];
    CHECK(utf16_encode(0x1F600, pair) == 2 && pair[0] == 0xD83D && pair[1] == 0xDE00);
    CHECK(utf16_encode(0xFFFF, pair) == 1 && pair[0] == 0xFFFF);
    uint32_t cp;
    CHECK(utf16_decode(units + 3, 2, &cp) == 2 && cp == 0x1F600);
    CHECK(utf16_decode(units + 3, 1, &cp) == 1 && cp == 0xD83D); /* cut pair */
    CHECK(utf16_decode(units + 4, 1, &cp) == 1 && cp == 0xDE00);
    CHECK(utf16_decode_before(units, 5, &cp) == 2 && cp == 0x1F600);
    CHECK(utf16_decode_before(units, 4, &cp) == 1 && cp == 0xD83D);
    CHECK(utf16_is_surrogate(0xD800) && utf16_is_surrogate(0xDFFF) && !utf16_is_surrogate(0xE000) &&
          !utf16_is_surrogate(0x1D800));
}

static void test_latin1(void) {
    const uint8_t latin1[] = {'c', 'a', 'f', 0xE9, 0xFF, 0x80};
    uint8_t utf8[16];
    CHECK(latin1_to_utf8(latin1, 6, NULL) == 9);
    CHECK(latin1_to_utf8(latin1, 6, utf8) == 9 &&
          memcmp(utf8, "caf\xC3\xA9\xC3\xBF\xC2\x80", 9) == 0);
    uint8_t back[8];
    CHECK(utf8_to_latin1(utf8, 9, NULL) == 6);
    CHECK(utf8_to_latin1(utf8, 9, back) == 6 && memcmp(back, latin1, 6) == 0);
    CHECK(utf8_to_latin1((const uint8_t *)"\xE2\x82\xAC", 3, NULL) == SIZE_MAX);
    CHECK(utf8_to_latin1((const uint8_t *)"\xC3", 1, NULL) == SIZE_MAX); /* ill-formed */
}

int main(void) {
    RUN(test_identifiers);
    RUN(test_space_and_line_terminators);
    RUN(test_full_case_mapping);
    RUN(test_cased_and_final_sigma);
    RUN(test_simple_mappings);
    RUN(test_canonicalize);
    RUN(test_range_sets);
    RUN(test_property_general_category);
    RUN(test_property_scripts);
    RUN(test_property_binary);
    RUN(test_property_strings);
    RUN(test_utf8_round_trip);
    RUN(test_utf8_invalid);
    RUN(test_utf8_utf16);
    RUN(test_latin1);
    return TEST_EXIT();
}
