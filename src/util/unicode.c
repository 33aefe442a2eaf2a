/* unicode.c — lookups over the generated tables in unicode_tables.c.
 * The encodings are described in unicode.h and tools/unicode/gen.js. */
#include "util/unicode.h"

#include "util/utf.h"

#define RANGE_LEN_BITS 11
#define RANGE_LEN_MASK ((1u << RANGE_LEN_BITS) - 1)

/* Both encodings keep a start code point in the bits above RANGE_LEN_BITS, so
 * comparing a whole word with this probe compares starts: the last word
 * <= probe is the last entry starting at or below cp. */
static inline uint32_t start_probe(uint32_t cp) {
    return cp << RANGE_LEN_BITS | RANGE_LEN_MASK;
}

/* Index of the last word starting at or below cp, or -1 when none. */
static int64_t find_range_word(const uni_range_set *set, uint32_t cp) {
    uint32_t probe = start_probe(cp);
    int64_t lo = 0, hi = (int64_t)set->count - 1, found = -1;
    while (lo <= hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (set->words[mid] <= probe) {
            found = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return found;
}

/* Index of the last run starting at or below cp, or -1 when none. */
static int64_t find_case_run(const uni_case_table *table, uint32_t cp) {
    uint32_t probe = start_probe(cp);
    int64_t lo = 0, hi = (int64_t)table->count - 1, found = -1;
    while (lo <= hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (table->runs[mid].key <= probe) {
            found = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    return found;
}

bool uni_set_contains(const uni_range_set *set, uint32_t cp) {
    if (cp > UNI_MAX_CODE_POINT) return false;
    int64_t i = find_range_word(set, cp);
    if (i < 0) return false;
    uint32_t word = set->words[i];
    return cp - (word >> RANGE_LEN_BITS) <= (word & RANGE_LEN_MASK);
}

void uni_set_range(const uni_range_set *set, uint32_t i, uint32_t *first, uint32_t *last) {
    uint32_t word = set->words[i];
    *first = word >> RANGE_LEN_BITS;
    *last = *first + (word & RANGE_LEN_MASK);
}

uint32_t uni_case_table_map(const uni_case_table *table, uint32_t cp) {
    if (cp > UNI_MAX_CODE_POINT) return cp;
    int64_t i = find_case_run(table, cp);
    if (i < 0) return cp;
    const uni_case_run *run = &table->runs[i];
    uint32_t offset = cp - (run->key >> RANGE_LEN_BITS);
    uint32_t last_index = (run->key & RANGE_LEN_MASK) >> 1;
    if (run->key & 1) {
        if (offset & 1) return cp;
        offset >>= 1;
    }
    if (offset > last_index) return cp;
    return (uint32_t)((int64_t)cp + run->delta);
}

static const uni_special_case *find_special(const uni_special_table *table, uint32_t cp) {
    uint32_t lo = 0, hi = table->count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t from = table->entries[mid].from;
        if (from == cp) return &table->entries[mid];
        if (from < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static int full_case_map(const uni_special_table *special, const uni_case_table *simple,
                         uint32_t cp, uint32_t out[UNI_CASE_MAX_EXPANSION]) {
    const uni_special_case *entry = find_special(special, cp);
    if (entry) {
        int n = 0;
        while (n < UNI_CASE_MAX_EXPANSION && entry->to[n] != 0) {
            out[n] = entry->to[n];
            n++;
        }
        return n;
    }
    out[0] = uni_case_table_map(simple, cp);
    return 1;
}

bool uni_is_id_start_slow(uint32_t cp) {
    return uni_set_contains(&uni_set_id_start, cp);
}

bool uni_is_id_continue_slow(uint32_t cp) {
    return cp == 0x200C || cp == 0x200D || uni_set_contains(&uni_set_id_continue, cp);
}

int uni_to_upper_full_slow(uint32_t cp, uint32_t out[UNI_CASE_MAX_EXPANSION]) {
    return full_case_map(&uni_table_special_upper, &uni_table_simple_upper, cp, out);
}

int uni_to_lower_full_slow(uint32_t cp, uint32_t out[UNI_CASE_MAX_EXPANSION]) {
    return full_case_map(&uni_table_special_lower, &uni_table_simple_lower, cp, out);
}

bool uni_is_cased(uint32_t cp) {
    if (cp < 0x80) return (cp | 0x20) - 'a' < 26;
    return uni_set_contains(&uni_set_cased, cp);
}

bool uni_is_case_ignorable(uint32_t cp) {
    return uni_set_contains(&uni_set_case_ignorable, cp);
}

/* Final_Sigma — Unicode §3.13 Table 3-17. A code point that is both cased
 * and case-ignorable (e.g. U+0345) can play the cased role, so each scan
 * tests Cased before Case_Ignorable. */
bool uni_is_final_sigma(const uint16_t *s, size_t len, size_t at) {
    if (at >= len) return false;
    bool cased_before = false;
    for (size_t i = at; i > 0;) {
        uint32_t cp;
        i -= utf16_decode_before(s, i, &cp);
        /* Case_Ignorable first: U+0345 is both, and counts as ignorable. */
        if (uni_is_case_ignorable(cp)) continue;
        cased_before = uni_is_cased(cp);
        break;
    }
    if (!cased_before) return false;
    uint32_t self;
    size_t i = at + utf16_decode(s + at, len - at, &self);
    while (i < len) {
        uint32_t cp;
        i += utf16_decode(s + i, len - i, &cp);
        if (uni_is_case_ignorable(cp)) continue;
        if (uni_is_cased(cp)) return false;
        break;
    }
    return true;
}

/* Canonicalize ( rer, ch ) — #sec-runtime-semantics-canonicalize-ch */
uint32_t uni_canonicalize(uint32_t ch, bool unicode_sets_or_unicode) {
    /* 1. If HasEitherUnicodeFlag(rer) and IgnoreCase are true, use simple
     *    or common case folding. */
    if (unicode_sets_or_unicode) return uni_simple_fold(ch);
    /* 3-5. toUppercase of the single code unit; if it is not a single code
     *      unit, return ch. */
    uint32_t upper[UNI_CASE_MAX_EXPANSION];
    if (uni_to_upper_full(ch, upper) != 1 || upper[0] > 0xFFFF) return ch;
    /* 7. Non-ASCII never maps into ASCII. */
    if (ch >= 128 && upper[0] < 128) return ch;
    return upper[0];
}
