/*
 * string.h — JavaScript strings: 8-bit or 16-bit, flat or rope; symbols;
 * atoms (interned strings used as property keys).
 *
 * Invariants:
 *  - A flat string stores Latin-1 (STR_WIDE clear) or UTF-16 (STR_WIDE set)
 *    code units. A string whose units all fit in 8 bits MAY still be wide
 *    (e.g. a substring of a wide string); equality compares code units, not
 *    representation.
 *  - A rope (STR_ROPE) holds left and right children; str_flatten turns it
 *    into a flat string in place (same String *), so identity is kept.
 *    Anything that reads code units flattens first.
 *  - A slice (STR_SLICE) is a flat string whose chars lie inside the buffer
 *    of another flat string, `base` (never itself a slice), which it keeps
 *    alive: long substrings share instead of copying, so programs that take
 *    "the rest of the input" at every step stay linear. Flat chars never move
 *    and are never rewritten, which is what makes sharing them safe.
 *  - Atoms (STR_ATOM) are unique per content within a runtime: two atoms are
 *    equal iff their pointers are equal. Property keys are atoms.
 *  - length <= STR_MAX_LENGTH (2^30 - 1); longer results throw RangeError.
 */
#ifndef MICA_STRING_H
#define MICA_STRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "vm/runtime.h"

#define STR_MAX_LENGTH ((1u << 30) - 1)

enum {
    STR_WIDE = 1 << 0,       /* 16-bit units */
    STR_ROPE = 1 << 1,       /* left/right children, not yet flattened */
    STR_ATOM = 1 << 2,       /* interned */
    STR_HASHED = 1 << 3,     /* hash field valid */
    STR_INDEX_KNOWN = 1 << 4,/* is_index field valid */
    STR_IS_INDEX = 1 << 5,   /* canonical array index; value in index */
    STR_OWN_BUFFER = 1 << 6, /* chars malloc'd separately (freed at sweep) */
    STR_MALLOC_BUFFER = 1 << 7, /* with OWN_BUFFER: plain malloc, outside heap accounting
                                   (ropes flattened by readers that have no Runtime) */
    STR_SLICE = 1 << 8,         /* flat, chars inside u.flat.base's buffer */
};

struct String {
    Cell hdr; /* hdr.flags: STR_* */
    uint32_t length;
    uint32_t hash;
    uint32_t index; /* array index value when STR_IS_INDEX */
    uint32_t rope_depth;
    union {
        struct {
            void *chars; /* uint8_t[] or uint16_t[]; inline after the struct or own buffer */
            String *base; /* STR_SLICE: the string whose buffer chars points into */
        } flat;
        struct {
            String *left, *right;
        } rope;
    } u;
    /* inline chars may follow */
};

static inline bool str_is_wide(const String *s) { return s->hdr.flags & STR_WIDE; }
static inline bool str_is_rope(const String *s) { return s->hdr.flags & STR_ROPE; }
static inline bool str_is_atom(const String *s) { return s->hdr.flags & STR_ATOM; }
static inline const uint8_t *str_chars8(const String *s) { return (const uint8_t *)s->u.flat.chars; }
static inline const uint16_t *str_chars16(const String *s) { return (const uint16_t *)s->u.flat.chars; }
/* Code unit i of a FLAT string. */
static inline uint16_t str_at(const String *s, uint32_t i) {
    return str_is_wide(s) ? str_chars16(s)[i] : str_chars8(s)[i];
}

/* ---- creation (all return NULL with an exception pending on failure) ---- */
String *str_new_latin1(Runtime *rt, const uint8_t *chars, size_t len);
String *str_new_utf16(Runtime *rt, const uint16_t *chars, size_t len); /* narrows if all < 256 */
String *str_new_utf8(Runtime *rt, const char *utf8, size_t len);       /* invalid bytes -> U+FFFD */
String *str_from_cstr(Runtime *rt, const char *utf8);
String *str_from_char(Runtime *rt, uint16_t unit); /* single-unit strings are cached */
String *str_from_int(Runtime *rt, int64_t i);
String *str_from_double(Runtime *rt, double d); /* Number::toString(d, 10) */
String *str_empty(Runtime *rt);
/* A flat string of len units whose chars the caller fills (str_mut_chars8 /
 * str_mut_chars16) before anything else reads it. len <= STR_MAX_LENGTH. */
String *str_alloc_flat(Runtime *rt, uint32_t len, bool wide);
static inline uint8_t *str_mut_chars8(String *s) { return (uint8_t *)s->u.flat.chars; }
static inline uint16_t *str_mut_chars16(String *s) { return (uint16_t *)s->u.flat.chars; }

/* ---- operations ------------------------------------------------------------ */
String *str_concat(Runtime *rt, String *a, String *b);            /* may build a rope */
String *str_substring(Runtime *rt, String *s, uint32_t start, uint32_t end); /* [start,end) */
String *str_flatten(Runtime *rt, String *s); /* in place; returns s, or NULL on OOM */
bool str_equal(String *a, String *b);        /* flattens as needed (never fails: see .c) */
int str_compare(String *a, String *b);       /* by code units: <0, 0, >0 */
uint32_t str_hash(String *s);
bool str_equal_ascii(String *s, const char *ascii);
/* Canonical array index ("0".."4294967294", no leading zeros). */
bool str_is_array_index(String *s, uint32_t *index);
int64_t str_index_of(String *s, String *search, uint32_t from); /* -1 if absent */
/* Malloc'd UTF-8 (lone surrogates -> U+FFFD), NUL-terminated; NULL on malloc failure. */
char *str_to_utf8(Runtime *rt, String *s, size_t *len);
/* As str_to_utf8, but lone surrogates keep their three-byte WTF-8 encoding
 * (source text for the parser's wtf8_source option). */
char *str_to_wtf8(Runtime *rt, String *s, size_t *len);

/* ---- building ---------------------------------------------------------------- */
/* A StringBuilder's buffer is plain malloc'd memory, not a heap cell, so it
 * needs no rooting; call sb_free on every path that does not sb_finish. */
typedef struct StringBuilder {
    Runtime *rt;
    uint8_t *buf8;   /* while all units < 256 */
    uint16_t *buf16; /* once a wide unit arrives */
    size_t len, cap;
    bool failed;     /* an allocation failed; sb_finish returns NULL */
    bool too_long;   /* with failed: past STR_MAX_LENGTH (RangeError, not OOM) */
} StringBuilder;
void sb_init(StringBuilder *sb, Runtime *rt);
void sb_append_unit(StringBuilder *sb, uint16_t unit);
void sb_append_codepoint(StringBuilder *sb, uint32_t cp); /* surrogate pair if needed */
void sb_append_ascii(StringBuilder *sb, const char *s);
void sb_append_latin1(StringBuilder *sb, const uint8_t *s, size_t len);
void sb_append_utf16(StringBuilder *sb, const uint16_t *s, size_t len);
void sb_append_string(StringBuilder *sb, String *s); /* flattens s */
String *sb_finish(StringBuilder *sb); /* frees the buffer; NULL + exception on failure */
void sb_free(StringBuilder *sb);

/* ---- atoms -------------------------------------------------------------------- */
/* Predefined atoms: ATOM(rt, length) is the interned "length". The list is
 * vm/atoms.def; predefined atoms are permanent roots, other atoms are weak
 * (the table drops atoms no one references at sweep). */
typedef enum AtomId {
#define DEF(id, str) ATOM_##id,
#include "vm/atoms.def"
#undef DEF
    ATOM_COUNT
} AtomId;
String *atom_predefined(Runtime *rt, AtomId id);
#define ATOM(rt, id) atom_predefined((rt), ATOM_##id)
String *atom_intern(Runtime *rt, String *s); /* the atom equal to s (may be s itself); NULL on OOM */
String *atom_from_cstr(Runtime *rt, const char *ascii_or_utf8);

/* ---- symbols ------------------------------------------------------------------ */
struct Symbol {
    Cell hdr;
    Value description; /* String or undefined */
    bool registered;   /* created by Symbol.for (not usable as a weak key) */
    bool is_private;   /* a class's Private Name (#x): a property key that no
                          OwnPropertyKeys lists and no proxy trap sees; it never
                          reaches JS as a value */
    uint32_t id;
};
Symbol *symbol_new(Runtime *rt, Value description);
static inline Symbol *wks(Runtime *rt, WellKnownSymbol w) { return rt->well_known[w]; }
#define SYM(rt, name) wks((rt), WKS_##name)

#endif
