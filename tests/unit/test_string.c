/* test_string.c — string creation, conversion, ropes, comparison, hashing,
 * array indices, search, length limits. */
#include <stdlib.h>
#include "test.h"
#include "vm/string.h"

static Runtime *rt;

/* UTF-8 of s, freed at the next call (for CHECK_STR). */
static char *utf8_buf;
static const char *u8(String *s) {
    free(utf8_buf);
    utf8_buf = s ? str_to_utf8(rt, s, NULL) : NULL;
    return utf8_buf;
}

static void test_create(void) {
    String *s = str_from_cstr(rt, "hello");
    CHECK(s && s->length == 5 && !str_is_wide(s) && !str_is_rope(s));
    CHECK_STR(u8(s), "hello");
    /* Latin-1 stays 8-bit; a code point >= 256 makes it wide. */
    s = str_from_cstr(rt, "caf\xc3\xa9");
    CHECK(s->length == 4 && !str_is_wide(s) && str_at(s, 3) == 0xE9);
    CHECK_STR(u8(s), "caf\xc3\xa9");
    s = str_from_cstr(rt, "5\xe2\x82\xac");
    CHECK(s->length == 2 && str_is_wide(s) && str_at(s, 1) == 0x20AC);
    CHECK_STR(u8(s), "5\xe2\x82\xac");
    /* Astral: a surrogate pair. */
    s = str_from_cstr(rt, "\xf0\x9f\x98\x80");
    CHECK(s->length == 2 && str_at(s, 0) == 0xD83D && str_at(s, 1) == 0xDE00);
    CHECK_STR(u8(s), "\xf0\x9f\x98\x80");
    /* Invalid bytes decode as U+FFFD. */
    s = str_new_utf8(rt,
                     "a\xff"
                     "b",
                     3);
    CHECK(s->length == 3 && str_at(s, 1) == 0xFFFD);
    /* A lone surrogate becomes U+FFFD in UTF-8 output. */
    const uint16_t lone[] = {'x', 0xD800};
    s = str_new_utf16(rt, lone, 2);
    CHECK(str_is_wide(s));
    CHECK_STR(u8(s), "x\xef\xbf\xbd");
    /* UTF-16 input narrows when it can. */
    const uint16_t narrow[] = {'a', 0xFF, 'c'};
    s = str_new_utf16(rt, narrow, 3);
    CHECK(!str_is_wide(s) && str_at(s, 1) == 0xFF);
    /* Empty and single units. */
    CHECK(str_from_cstr(rt, "") == str_empty(rt) && str_empty(rt)->length == 0);
    CHECK(str_from_char(rt, 'q') == str_from_char(rt, 'q') && str_is_atom(str_from_char(rt, 'q')));
    CHECK(str_from_cstr(rt, "q") == str_from_char(rt, 'q'));
    String *w = str_from_char(rt, 0x3042);
    CHECK(w && w->length == 1 && str_is_wide(w) && str_at(w, 0) == 0x3042);
    size_t len = 0;
    char *out = str_to_utf8(rt, str_from_cstr(rt, "abc"), &len);
    CHECK(out && len == 3);
    free(out);
}

static void test_numbers(void) {
    CHECK_STR(u8(str_from_int(rt, 0)), "0");
    CHECK_STR(u8(str_from_int(rt, 7)), "7");
    CHECK_STR(u8(str_from_int(rt, -5)), "-5");
    CHECK_STR(u8(str_from_int(rt, 1234567890123LL)), "1234567890123");
    CHECK_STR(u8(str_from_int(rt, INT64_MIN)), "-9223372036854775808");
    CHECK_STR(u8(str_from_double(rt, 1.5)), "1.5");
    CHECK_STR(u8(str_from_double(rt, -0.0)), "0");
    CHECK_STR(u8(str_from_double(rt, 0.1)), "0.1");
    CHECK_STR(u8(str_from_double(rt, 1e21)), "1e+21");
    CHECK_STR(u8(str_from_double(rt, 123456789012345680000.0)), "123456789012345680000");
    CHECK_STR(u8(str_from_double(rt, 0.0 / 0.0)), "NaN");
    CHECK_STR(u8(str_from_double(rt, -1.0 / 0.0)), "-Infinity");
    CHECK_STR(u8(str_from_double(rt, 9007199254740992.0)), "9007199254740992");
}

static void test_concat_and_substring(void) {
    String *a = str_from_cstr(rt, "abc"), *b = str_from_cstr(rt, "def");
    String *ab = str_concat(rt, a, b);
    CHECK(!str_is_rope(ab));
    CHECK_STR(u8(ab), "abcdef");
    CHECK(str_concat(rt, a, str_empty(rt)) == a && str_concat(rt, str_empty(rt), b) == b);
    String *l = str_from_cstr(rt, "a longer string on the left, ");
    String *r = str_from_cstr(rt, "\xe2\x82\xac and one on the right");
    String *rope = str_concat(rt, l, r);
    CHECK(str_is_rope(rope) && str_is_wide(rope) && rope->rope_depth == 1);
    CHECK(rope->length == l->length + r->length);
    /* Readers accept ropes. */
    String *flat =
        str_from_cstr(rt, "a longer string on the left, \xe2\x82\xac and one on the right");
    CHECK(str_equal(flat, rope) && str_compare(rope, flat) == 0);
    CHECK(str_hash(flat) == str_hash(rope));
    String *rope2 = str_concat(rt, l, str_from_cstr(rt, "and more, narrow text"));
    CHECK(str_index_of(rope2, str_from_cstr(rt, "narrow"), 0) == 39);
    String *rope3 = str_concat(rt, l, str_from_cstr(rt, "and more, narrow text"));
    CHECK(str_equal_ascii(rope3, "a longer string on the left, and more, narrow text"));
    String *rope4 = str_concat(rt, l, str_from_cstr(rt, "1234567890"));
    CHECK(!str_is_array_index(rope4, NULL));
    /* Substrings. */
    String *sub = str_substring(rt, rope, 2, 8);
    CHECK_STR(u8(sub), "longer");
    CHECK(!str_is_wide(sub)); /* narrowed */
    CHECK(str_substring(rt, flat, 0, flat->length) == flat);
    CHECK(str_substring(rt, flat, 5, 5) == str_empty(rt));
    CHECK(str_substring(rt, flat, 0, 1) == str_from_char(rt, 'a'));
    String *euro = str_substring(rt, flat, 29, 30);
    CHECK(euro->length == 1 && str_at(euro, 0) == 0x20AC);
    CHECK(str_substring(rt, flat, 3, 1000)->length == flat->length - 3);
}

static void test_compare_and_hash(void) {
    String *a = str_from_cstr(rt, "apple"), *b = str_from_cstr(rt, "apples");
    String *c = str_from_cstr(rt, "banana");
    CHECK(str_compare(a, b) < 0 && str_compare(b, a) > 0 && str_compare(a, c) < 0);
    CHECK(str_compare(a, str_from_cstr(rt, "apple")) == 0);
    CHECK(!str_equal(a, b) && str_equal(a, str_from_cstr(rt, "apple")));
    /* Units compare as unsigned 16-bit: U+00E9 < U+20AC, and both > 'z'. */
    String *e = str_from_cstr(rt, "\xc3\xa9"), *eu = str_from_cstr(rt, "\xe2\x82\xac");
    CHECK(str_compare(e, eu) < 0 && str_compare(str_from_cstr(rt, "z"), e) < 0);
    /* Width does not change equality or hash. */
    String *wide = str_alloc_flat(rt, 5, true);
    for (int i = 0; i < 5; i++)
        str_mut_chars16(wide)[i] = "apple"[i];
    CHECK(str_equal(wide, a) && str_equal(a, wide) && str_hash(wide) == str_hash(a));
    CHECK(str_compare(wide, b) < 0 && str_equal_ascii(wide, "apple"));
    CHECK(str_index_of(wide, str_from_cstr(rt, "pl"), 0) == 2);
    CHECK(str_hash(a) != str_hash(b));
    CHECK(str_equal_ascii(a, "apple") && !str_equal_ascii(a, "appl") &&
          !str_equal_ascii(a, "apply"));
}

static void test_array_index(void) {
    uint32_t i = 99;
    CHECK(str_is_array_index(str_from_cstr(rt, "0"), &i) && i == 0);
    CHECK(str_is_array_index(str_from_cstr(rt, "123"), &i) && i == 123);
    CHECK(str_is_array_index(str_from_cstr(rt, "4294967294"), &i) && i == 4294967294u);
    CHECK(!str_is_array_index(str_from_cstr(rt, "4294967295"), &i));
    CHECK(!str_is_array_index(str_from_cstr(rt, "99999999999"), &i));
    CHECK(!str_is_array_index(str_from_cstr(rt, "01"), &i));
    CHECK(!str_is_array_index(str_from_cstr(rt, "-1"), &i));
    CHECK(!str_is_array_index(str_from_cstr(rt, "1.5"), &i));
    CHECK(!str_is_array_index(str_from_cstr(rt, ""), &i));
    CHECK(!str_is_array_index(str_from_cstr(rt, "12a"), &i));
    /* The answer is cached. */
    String *s = str_from_cstr(rt, "77");
    CHECK(str_is_array_index(s, &i) && (s->hdr.flags & STR_INDEX_KNOWN) && i == 77);
    CHECK(str_is_array_index(s, NULL));
}

static void test_index_of(void) {
    String *s = str_from_cstr(rt, "abcabcabd");
    CHECK(str_index_of(s, str_from_cstr(rt, "abd"), 0) == 6);
    CHECK(str_index_of(s, str_from_cstr(rt, "abc"), 1) == 3);
    CHECK(str_index_of(s, str_from_cstr(rt, "abx"), 0) == -1);
    CHECK(str_index_of(s, str_from_cstr(rt, "d"), 0) == 8);
    CHECK(str_index_of(s, str_empty(rt), 4) == 4);
    CHECK(str_index_of(s, str_empty(rt), 9) == 9);
    CHECK(str_index_of(s, str_empty(rt), 10) == -1);
    CHECK(str_index_of(s, str_from_cstr(rt, "abcabcabdX"), 0) == -1);
    String *w = str_from_cstr(rt, "x\xe2\x82\xac"
                                  "abc\xe2\x82\xac");
    CHECK(str_index_of(w, str_from_cstr(rt, "c\xe2\x82\xac"), 0) == 4);
    CHECK(str_index_of(w, str_from_cstr(rt, "bc"), 0) == 3);
}

/* Lengths past STR_MAX_LENGTH are a RangeError; without a realm the error
 * is an uncatchable string. Ropes make the long operands cheap. */
static void test_length_limit(void) {
    String *s = str_from_cstr(rt, "0123456789abcdef0123456789abcdef"); /* 32 = 2^5 */
    for (int i = 0; i < 24; i++)
        s = str_concat(rt, s, s); /* 2^29 */
    CHECK(s && s->length == 1u << 29 && !rt->has_exception);
    String *big = str_concat(rt, s, s); /* 2^30 > STR_MAX_LENGTH */
    CHECK(big == NULL && rt->has_exception && rt->exception_uncatchable);
    CHECK(val_is_string(rt->exception) &&
          str_equal_ascii(val_as_string(rt->exception), "Invalid string length"));
    rt_take_exception(rt);
    String *ok = str_concat(rt, s, str_from_cstr(rt, "ab"));
    CHECK(ok && ok->length == (1u << 29) + 2 && !rt->has_exception);
}

int main(void) {
    rt = mica_runtime_new(NULL);
    HandleMark m = gc_scope_open(rt);
    RUN(test_create);
    RUN(test_numbers);
    RUN(test_concat_and_substring);
    RUN(test_compare_and_hash);
    RUN(test_array_index);
    RUN(test_index_of);
    RUN(test_length_limit);
    gc_scope_close(rt, m);
    free(utf8_buf);
    mica_runtime_free(rt);
    return TEST_EXIT();
}
