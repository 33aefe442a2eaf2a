/* unicode.h — Unicode character properties and case mappings for the engine.
 *
 * Data: Unicode 17.0.0 (the version test262 expects), generated into
 * unicode_tables.c by tools/unicode/gen.js; never edit the tables by hand.
 *
 * Invariants:
 *  - Every function accepts any uint32_t. Values above U+10FFFF have no
 *    properties and map to themselves. Surrogate code points (U+D800..U+DFFF)
 *    are valid inputs and have no properties (they map to themselves).
 *  - ASCII is decided inline in this header; tables are touched only for
 *    code points >= 0x80.
 *  - Case mappings are the locale-insensitive ones ECMAScript requires. The
 *    full mappings include the unconditional SpecialCasing.txt entries; the
 *    only conditional one ECMAScript needs (Final_Sigma) is left to the
 *    caller, with uni_is_final_sigma() to decide it.
 */
#ifndef MICA_UTIL_UNICODE_H
#define MICA_UTIL_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UNI_MAX_CODE_POINT 0x10FFFFu
#define UNI_CAPITAL_SIGMA 0x03A3u     /* Σ */
#define UNI_SMALL_FINAL_SIGMA 0x03C2u /* ς: lowercase of Σ under Final_Sigma */
#define UNI_CASE_MAX_EXPANSION 3      /* longest full case mapping, in code points */

/* ---- table formats (shared with the generated unicode_tables.c) -------- */

/* A set of code points: sorted words `start << 11 | (length - 1)`, ranges
 * disjoint. A range of more than 2048 code points spans several words. */
typedef struct uni_range_set {
    const uint32_t *words;
    uint32_t count;
} uni_range_set;

/* A run of code points mapped by adding `delta`; key is
 * `start << 11 | (count - 1) << 1 | alternating`. With alternating set the
 * members are start, start+2, ...; otherwise start, start+1, .... Runs are
 * sorted and their spans do not overlap. */
typedef struct uni_case_run {
    uint32_t key;
    int32_t delta;
} uni_case_run;

typedef struct uni_case_table {
    const uni_case_run *runs;
    uint32_t count;
} uni_case_table;

/* A full case mapping that differs from the simple one; `to` is padded with
 * zeros (U+0000 never occurs in a mapping). */
typedef struct uni_special_case {
    uint32_t from;
    uint32_t to[UNI_CASE_MAX_EXPANSION];
} uni_special_case;

typedef struct uni_special_table {
    const uni_special_case *entries;
    uint32_t count;
} uni_special_table;

/* Property escape name tables (sorted by name, byte order; see gen.js).
 * Set ids index uni_property_sets. */
typedef struct uni_property_name {
    const char *name;
    uint16_t set;
} uni_property_name;

typedef struct uni_property_name_table {
    const uni_property_name *entries;
    uint32_t count;
} uni_property_name_table;

/* A Script value or alias, with the set of Script=name and of
 * Script_Extensions=name. */
typedef struct uni_script_name {
    const char *name;
    uint16_t script_set;
    uint16_t extensions_set;
} uni_script_name;

typedef struct uni_script_name_table {
    const uni_script_name *entries;
    uint32_t count;
} uni_script_name_table;

/* Multi-code-point strings of the properties of strings, concatenated:
 * string i is code_points[starts[i] .. starts[i + 1]), i < count. */
typedef struct uni_string_pool {
    const uint32_t *code_points;
    const uint16_t *starts;
    uint32_t count;
} uni_string_pool;

/* A property of strings: strings [first, first + count) of the pool, and
 * the set id of its single code points. */
typedef struct uni_string_property {
    const char *name;
    uint16_t first;
    uint16_t count;
    uint16_t code_point_set;
} uni_string_property;

extern const uni_range_set uni_property_sets[];
extern const uint32_t uni_property_set_count;
extern const uni_property_name_table uni_gc_value_names;        /* General_Category values */
extern const uni_script_name_table uni_script_names;            /* Script values */
extern const uni_property_name_table uni_binary_property_names; /* ECMA-262 Table 68 */
extern const uni_string_pool uni_emoji_strings;
extern const uni_string_property uni_string_properties[]; /* ECMA-262 Table 69 order */
extern const uint32_t uni_string_property_table_size;

/* Generated sets for the lexer and case mapping (they share the pool). */
extern const uni_range_set uni_set_id_start;       /* ID_Start */
extern const uni_range_set uni_set_id_continue;    /* ID_Continue */
extern const uni_range_set uni_set_js_space;       /* ECMAScript WhiteSpace */
extern const uni_range_set uni_set_cased;          /* Cased */
extern const uni_range_set uni_set_case_ignorable; /* Case_Ignorable */

/* Generated mappings. */
extern const uni_case_table uni_table_simple_upper;     /* UnicodeData simple uppercase */
extern const uni_case_table uni_table_simple_lower;     /* UnicodeData simple lowercase */
extern const uni_case_table uni_table_simple_fold;      /* CaseFolding C + S */
extern const uni_special_table uni_table_special_upper; /* SpecialCasing, unconditional */
extern const uni_special_table uni_table_special_lower; /* SpecialCasing, unconditional */

/* ---- generic lookups ---------------------------------------------------- */

bool uni_set_contains(const uni_range_set *set, uint32_t cp);
/* Number of ranges as stored (long ranges are split; adjacent ones may touch).
 * uni_set_range writes the inclusive bounds of range i < uni_set_range_count. */
static inline uint32_t uni_set_range_count(const uni_range_set *set) {
    return set->count;
}
void uni_set_range(const uni_range_set *set, uint32_t i, uint32_t *first, uint32_t *last);
/* Applies a simple mapping; code points without a mapping map to themselves. */
uint32_t uni_case_table_map(const uni_case_table *table, uint32_t cp);

/* ---- RegExp property escapes — #sec-runtime-semantics-unicodematchproperty-p
 *
 * \p{name=value} and \p{lone}, per UnicodeMatchProperty and
 * UnicodeMatchPropertyValue (#sec-runtime-semantics-unicodematchpropertyvalue-p-v)
 * and ECMA-262 Tables 67-69. Names are matched exactly: canonical names and
 * the aliases ECMA-262 allows (Table 68 for binary properties, which omits
 * PropertyAliases.txt's WSpace; PropertyValueAliases.txt for gc, sc and scx
 * values), case-sensitive, no loose matching; anything else is unknown (-1).
 *
 * A set id (>= 0) names an immutable set of code points. Its ranges are
 * sorted and disjoint, but a range longer than 2048 code points is stored as
 * several consecutive pieces, so range i may end right before range i + 1
 * starts; callers must not assume a gap between ranges. Surrogate code points
 * are members where the data says so (gc=Cs, Any, sc=Unknown, ...). */

/* name=value form: name is General_Category/gc, Script/sc or
 * Script_Extensions/scx, value any value name or alias of that property
 * (including Katakana_Or_Hiragana/Hrkt, an empty set). Lone form (value NULL
 * or value_len 0): a General_Category value or a binary property of Table 68.
 * Returns a set id >= 0, or -1 if the name or value is unknown. Properties of
 * strings are not found here (see uni_string_property_lookup). */
int uni_property_lookup(const char *name, size_t name_len, const char *value, size_t value_len);

/* For an invalid set id: contains is false, range_count is 0, and
 * uni_set_id_range (also for i out of range) writes the empty range lo=1, hi=0. */
bool uni_set_id_contains(int set, uint32_t cp);
int uni_set_id_range_count(int set);
void uni_set_id_range(int set, int i, uint32_t *lo, uint32_t *hi);

/* Binary properties of strings (Table 69; only valid with the v flag):
 * Basic_Emoji, Emoji_Keycap_Sequence, RGI_Emoji_Modifier_Sequence,
 * RGI_Emoji_Flag_Sequence, RGI_Emoji_Tag_Sequence, RGI_Emoji_ZWJ_Sequence,
 * RGI_Emoji. Returns an id >= 0, or -1 if unknown. */
int uni_string_property_lookup(const char *name, size_t len);

/* The property's strings of two or more code points, in data-file order (not
 * sorted by length), no duplicates; its single code points are the set
 * uni_string_property_codepoints returns. uni_string_property_string returns
 * string i (i < count) and writes its length in code points (2..10); for an
 * invalid id or i it returns NULL with *length 0. count is 0 for an invalid id. */
int uni_string_property_count(int id);
const uint32_t *uni_string_property_string(int id, int i, int *length);
/* A set id usable with uni_set_id_*, or -1 for an invalid id. */
int uni_string_property_codepoints(int id);

/* ---- identifiers — #sec-names-and-keywords ----------------------------- */

bool uni_is_id_start_slow(uint32_t cp);
bool uni_is_id_continue_slow(uint32_t cp);

/* IdentifierStartChar: ID_Start or $ or _ */
static inline bool uni_is_id_start(uint32_t cp) {
    if (cp < 0x80) return (cp | 0x20) - 'a' < 26 || cp == '$' || cp == '_';
    return uni_is_id_start_slow(cp);
}

/* IdentifierPartChar: ID_Continue or $ or ZWNJ (U+200C) or ZWJ (U+200D) */
static inline bool uni_is_id_continue(uint32_t cp) {
    if (cp < 0x80) return (cp | 0x20) - 'a' < 26 || cp - '0' < 10 || cp == '$' || cp == '_';
    return uni_is_id_continue_slow(cp);
}

/* ---- white space and line terminators --------------------------------- */

/* WhiteSpace — #sec-white-space: TAB VT FF ZWNBSP and every Zs code point.
 * Line terminators are not white space here. */
static inline bool uni_is_space(uint32_t cp) {
    if (cp < 0x80) return cp == ' ' || cp == '\t' || cp == '\v' || cp == '\f';
    return uni_set_contains(&uni_set_js_space, cp);
}

/* LineTerminator — #sec-line-terminators: LF CR LS PS */
static inline bool uni_is_line_terminator(uint32_t cp) {
    return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
}

/* ---- case mapping ------------------------------------------------------ */

int uni_to_upper_full_slow(uint32_t cp, uint32_t out[UNI_CASE_MAX_EXPANSION]);
int uni_to_lower_full_slow(uint32_t cp, uint32_t out[UNI_CASE_MAX_EXPANSION]);

/* Full case mapping (UnicodeData + unconditional SpecialCasing): writes 1..3
 * code points to out and returns how many. For String.prototype.toUpperCase /
 * toLowerCase — #sec-string.prototype.tolowercase. */
static inline int uni_to_upper_full(uint32_t cp, uint32_t out[UNI_CASE_MAX_EXPANSION]) {
    if (cp < 0x80) {
        out[0] = cp - 'a' < 26 ? cp - 0x20 : cp;
        return 1;
    }
    return uni_to_upper_full_slow(cp, out);
}

/* As above, lowercase. Does not apply Final_Sigma: Σ always gives σ here; the
 * caller uses uni_is_final_sigma() and substitutes UNI_SMALL_FINAL_SIGMA. */
static inline int uni_to_lower_full(uint32_t cp, uint32_t out[UNI_CASE_MAX_EXPANSION]) {
    if (cp < 0x80) {
        out[0] = cp - 'A' < 26 ? cp + 0x20 : cp;
        return 1;
    }
    return uni_to_lower_full_slow(cp, out);
}

bool uni_is_cased(uint32_t cp);          /* Cased */
bool uni_is_case_ignorable(uint32_t cp); /* Case_Ignorable */

/* Final_Sigma (Unicode §3.13, Table 3-17) for the code point starting at
 * UTF-16 index `at` of s[0..len): true when it is preceded by a cased letter
 * and zero or more case-ignorables, and not followed by zero or more
 * case-ignorables and a cased letter. Surrogate pairs are decoded. */
bool uni_is_final_sigma(const uint16_t *s, size_t len, size_t at);

/* Simple case folding, CaseFolding.txt status C and S. */
static inline uint32_t uni_simple_fold(uint32_t cp) {
    if (cp < 0x80) return cp - 'A' < 26 ? cp + 0x20 : cp;
    return uni_case_table_map(&uni_table_simple_fold, cp);
}

/* Simple uppercase mapping from UnicodeData.txt. Not the same as the
 * single-code-point results of the full mapping: RegExp Canonicalize in
 * non-Unicode mode must use uni_canonicalize(), not this. */
static inline uint32_t uni_simple_upper(uint32_t cp) {
    if (cp < 0x80) return cp - 'a' < 26 ? cp - 0x20 : cp;
    return uni_case_table_map(&uni_table_simple_upper, cp);
}

/* Canonicalize ( rer, ch ) — #sec-runtime-semantics-canonicalize-ch, for a
 * pattern with ignoreCase. With unicode_sets_or_unicode (the u or v flag), ch
 * is a code point and the result is its simple case folding. Otherwise ch is
 * a UTF-16 code unit: its full uppercase if that is a single code unit,
 * except that non-ASCII never canonicalizes to ASCII. */
uint32_t uni_canonicalize(uint32_t ch, bool unicode_sets_or_unicode);

#endif
