/* unicode.c — lookups over the generated tables in unicode_tables.c.
 * The encodings are described in unicode.h and tools/unicode/gen.js. */
#include "util/unicode.h"

#include "util/utf.h"

#include <string.h>

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

/* ---- property escapes -------------------------------------------------- */

/* Byte-order comparison of a counted key with a NUL-terminated table name,
 * the order gen.js sorts the name tables in. */
static int compare_name(const char *key, size_t key_len, const char *name) {
    size_t name_len = strlen(name);
    int c = memcmp(key, name, key_len < name_len ? key_len : name_len);
    if (c != 0) return c;
    return key_len < name_len ? -1 : key_len > name_len;
}

static bool name_is(const char *key, size_t key_len, const char *name) {
    return compare_name(key, key_len, name) == 0;
}

/* Index of the entry named key in a sorted table of `count` entries of
 * `stride` bytes whose first member is the name, or -1. */
static int64_t find_name(const void *entries, uint32_t count, size_t stride, const char *key,
                         size_t key_len) {
    int64_t lo = 0, hi = (int64_t)count - 1;
    while (lo <= hi) {
        int64_t mid = lo + (hi - lo) / 2;
        const char *name = *(const char *const *)((const char *)entries + (size_t)mid * stride);
        int c = compare_name(key, key_len, name);
        if (c == 0) return mid;
        if (c < 0)
            hi = mid - 1;
        else
            lo = mid + 1;
    }
    return -1;
}

static int lookup_named_set(const uni_property_name_table *table, const char *key, size_t len) {
    int64_t i = find_name(table->entries, table->count, sizeof table->entries[0], key, len);
    return i < 0 ? -1 : table->entries[i].set;
}

/* UnicodeMatchProperty / UnicodeMatchPropertyValue —
 * #sec-runtime-semantics-unicodematchproperty-p,
 * #sec-runtime-semantics-unicodematchpropertyvalue-p-v */
int uni_property_lookup(const char *name, size_t name_len, const char *value, size_t value_len) {
    if (name == NULL || name_len == 0) return -1;
    if (value == NULL || value_len == 0) {
        /* LoneUnicodePropertyNameOrValue: a General_Category value, else a
         * binary property (the generator checks no name is both). */
        int set = lookup_named_set(&uni_gc_value_names, name, name_len);
        if (set >= 0) return set;
        return lookup_named_set(&uni_binary_property_names, name, name_len);
    }
    if (name_is(name, name_len, "General_Category") || name_is(name, name_len, "gc"))
        return lookup_named_set(&uni_gc_value_names, value, value_len);
    bool script = name_is(name, name_len, "Script") || name_is(name, name_len, "sc");
    bool extensions =
        name_is(name, name_len, "Script_Extensions") || name_is(name, name_len, "scx");
    if (!script && !extensions) return -1;
    const uni_script_name_table *table = &uni_script_names;
    int64_t i = find_name(table->entries, table->count, sizeof table->entries[0], value, value_len);
    if (i < 0) return -1;
    return script ? table->entries[i].script_set : table->entries[i].extensions_set;
}

static const uni_range_set *set_by_id(int set) {
    if (set < 0 || (uint32_t)set >= uni_property_set_count) return NULL;
    return &uni_property_sets[set];
}

bool uni_set_id_contains(int set, uint32_t cp) {
    const uni_range_set *s = set_by_id(set);
    return s != NULL && uni_set_contains(s, cp);
}

int uni_set_id_range_count(int set) {
    const uni_range_set *s = set_by_id(set);
    return s == NULL ? 0 : (int)s->count;
}

void uni_set_id_range(int set, int i, uint32_t *lo, uint32_t *hi) {
    const uni_range_set *s = set_by_id(set);
    if (s == NULL || i < 0 || (uint32_t)i >= s->count) {
        *lo = 1;
        *hi = 0;
        return;
    }
    uni_set_range(s, (uint32_t)i, lo, hi);
}

int uni_string_property_lookup(const char *name, size_t len) {
    if (name == NULL) return -1;
    for (uint32_t i = 0; i < uni_string_property_table_size; i++)
        if (name_is(name, len, uni_string_properties[i].name)) return (int)i;
    return -1;
}

static const uni_string_property *string_property_by_id(int id) {
    if (id < 0 || (uint32_t)id >= uni_string_property_table_size) return NULL;
    return &uni_string_properties[id];
}

int uni_string_property_count(int id) {
    const uni_string_property *p = string_property_by_id(id);
    return p == NULL ? 0 : p->count;
}

const uint32_t *uni_string_property_string(int id, int i, int *length) {
    const uni_string_property *p = string_property_by_id(id);
    if (p == NULL || i < 0 || i >= p->count) {
        *length = 0;
        return NULL;
    }
    uint32_t k = (uint32_t)p->first + (uint32_t)i;
    uint32_t start = uni_emoji_strings.starts[k];
    *length = (int)(uni_emoji_strings.starts[k + 1] - start);
    return uni_emoji_strings.code_points + start;
}

int uni_string_property_codepoints(int id) {
    const uni_string_property *p = string_property_by_id(id);
    return p == NULL ? -1 : p->code_point_set;
}
