/*
 * re_property.h — \p{...} for the regexp parser: adapts the Unicode
 * property tables of util/unicode.h (#sec-runtime-semantics-unicodematchproperty-p)
 * to CharSets. Private to src/regexp.
 */
#ifndef MICA_RE_PROPERTY_H
#define MICA_RE_PROPERTY_H

#include "regexp/re_internal.h"

enum { RE_PROP_OK = 0, RE_PROP_UNKNOWN = -1, RE_PROP_OOM = -3 };

/* Adds the code points of \p{name=value} (value NULL: the lone form) to out. */
int re_property_charset(const char *name, size_t name_len, const char *value, size_t value_len,
                        CharSet *out);
/* Properties of strings (v flag): an id >= 0 or -1. */
int re_property_strings_lookup(const char *name, size_t len);
uint32_t re_property_strings_count(int id);
/* Copies string i (code points) into buf (cap entries); returns its length,
 * which may exceed cap (then nothing useful was copied). */
uint32_t re_property_strings_get(int id, uint32_t i, uint32_t *buf, uint32_t cap);
/* Adds the property's single code points to out. */
void re_property_strings_charset(int id, CharSet *out);

#endif
