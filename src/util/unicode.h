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

/* Generated sets. RegExp \p{} will add more here as the generator grows. */
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
