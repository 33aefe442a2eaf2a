/*
 * re_property.c — property escapes over the generated Unicode tables.
 */
#include <string.h>
#include "regexp/re_property.h"
#include "util/unicode.h"

static void add_set_id(int set, CharSet *out) {
    int n = uni_set_id_range_count(set);
    for (int i = 0; i < n; i++) {
        uint32_t lo, hi;
        uni_set_id_range(set, i, &lo, &hi);
        cs_add_range(out, lo, hi);
    }
}

int re_property_charset(const char *name, size_t name_len, const char *value, size_t value_len,
                        CharSet *out) {
    int set = uni_property_lookup(name, name_len, value, value ? value_len : 0);
    if (set < 0) return RE_PROP_UNKNOWN;
    add_set_id(set, out);
    return out->oom ? RE_PROP_OOM : RE_PROP_OK;
}

int re_property_strings_lookup(const char *name, size_t len) {
    return uni_string_property_lookup(name, len);
}

uint32_t re_property_strings_count(int id) {
    int n = uni_string_property_count(id);
    return n > 0 ? (uint32_t)n : 0;
}

uint32_t re_property_strings_get(int id, uint32_t i, uint32_t *buf, uint32_t cap) {
    int len = 0;
    const uint32_t *s = uni_string_property_string(id, (int)i, &len);
    if (!s || len <= 0) return 0;
    if ((uint32_t)len <= cap) memcpy(buf, s, (size_t)len * sizeof(uint32_t));
    return (uint32_t)len;
}

void re_property_strings_charset(int id, CharSet *out) {
    int set = uni_string_property_codepoints(id);
    if (set >= 0) add_set_id(set, out);
}
