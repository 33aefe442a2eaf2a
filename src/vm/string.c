/*
 * string.c — flat strings (Latin-1 or UTF-16, chars inline after the
 * header), ropes, and the operations of string.h.
 *
 * Ropes: str_concat builds one when the result is longer than
 * ROPE_MIN_LENGTH, so `s += x` loops cost O(1) per step. A rope may be
 * arbitrarily deep (a million appends make a million-deep left spine):
 * nothing here walks a rope recursively. Flattening copies the leaves with
 * an explicit stack that only grows at nodes whose two children are both
 * ropes, so the common left- or right-leaning shapes need none.
 *
 * Readers without a Runtime (str_equal, str_hash, ...) flatten with plain
 * malloc (STR_MALLOC_BUFFER, outside heap accounting); if even that fails
 * they fall back to reading units through the rope, slowly but correctly,
 * which is why they never fail.
 */
#include <stdlib.h>
#include <string.h>
#include "gc/gc_internal.h"
#include "util/dtoa.h"
#include "util/utf.h"
#include "vm/string.h"

/* Concatenations up to this many units are copied, not roped. */
#define ROPE_MIN_LENGTH 24

static inline size_t units_bytes(uint32_t len, bool wide) {
    return (size_t)len << (wide ? 1 : 0);
}

static String *throw_invalid_length(Runtime *rt) {
    rt_throw_error(rt, ERR_RANGE, "Invalid string length");
    return NULL;
}

/* ---- allocation ------------------------------------------------------------ */

String *str_alloc_flat(Runtime *rt, uint32_t len, bool wide) {
    if (len > STR_MAX_LENGTH) return throw_invalid_length(rt);
    String *s = gc_alloc(rt, CELL_STRING, sizeof(String) + units_bytes(len, wide));
    if (!s) return NULL;
    s->length = len;
    s->hdr.flags = wide ? STR_WIDE : 0;
    s->u.flat.chars = (char *)s + sizeof(String);
    return s;
}

String *str_empty(Runtime *rt) {
    /* Before the atom table exists (creating "" itself), make a fresh one. */
    if (rt->atoms) {
        String *e = atom_predefined(rt, ATOM_empty);
        if (e) return e;
    }
    return str_alloc_flat(rt, 0, false);
}

String *str_from_char(Runtime *rt, uint16_t unit) {
    if (unit < 256 && rt->atoms) {
        String **cache = atom_char_cache(rt);
        if (cache[unit]) return cache[unit];
        String *s = str_alloc_flat(rt, 1, false);
        if (!s) return NULL;
        str_mut_chars8(s)[0] = (uint8_t)unit;
        String *atom = atom_intern(rt, s);
        if (!atom) return NULL;
        cache[unit] = atom; /* a root from now on (atom_table_trace_roots) */
        return atom;
    }
    bool wide = unit >= 256;
    String *s = str_alloc_flat(rt, 1, wide);
    if (!s) return NULL;
    if (wide)
        str_mut_chars16(s)[0] = unit;
    else
        str_mut_chars8(s)[0] = (uint8_t)unit;
    return s;
}

String *str_new_latin1(Runtime *rt, const uint8_t *chars, size_t len) {
    if (len == 0) return str_empty(rt);
    if (len == 1) return str_from_char(rt, chars[0]);
    if (len > STR_MAX_LENGTH) return throw_invalid_length(rt);
    String *s = str_alloc_flat(rt, (uint32_t)len, false);
    if (s) memcpy(str_mut_chars8(s), chars, len);
    return s;
}

String *str_new_utf16(Runtime *rt, const uint16_t *chars, size_t len) {
    if (len == 0) return str_empty(rt);
    if (len == 1) return str_from_char(rt, chars[0]);
    if (len > STR_MAX_LENGTH) return throw_invalid_length(rt);
    uint16_t all = 0;
    for (size_t i = 0; i < len; i++)
        all |= chars[i];
    bool wide = all >= 256;
    String *s = str_alloc_flat(rt, (uint32_t)len, wide);
    if (!s) return NULL;
    if (wide) {
        memcpy(str_mut_chars16(s), chars, len * 2);
    } else {
        uint8_t *d = str_mut_chars8(s);
        for (size_t i = 0; i < len; i++)
            d[i] = (uint8_t)chars[i];
    }
    return s;
}

String *str_new_utf8(Runtime *rt, const char *utf8, size_t len) {
    const uint8_t *src = (const uint8_t *)utf8;
    size_t n = utf8_to_latin1(src, len, NULL);
    if (n != SIZE_MAX) {
        if (n == len) return str_new_latin1(rt, src, len); /* ASCII */
        if (n > STR_MAX_LENGTH) return throw_invalid_length(rt);
        String *s = str_alloc_flat(rt, (uint32_t)n, false);
        if (s) utf8_to_latin1(src, len, str_mut_chars8(s));
        /* A single unit still goes through the cache. */
        return s && n == 1 ? str_from_char(rt, str_chars8(s)[0]) : s;
    }
    n = utf8_to_utf16(src, len, NULL);
    if (n > STR_MAX_LENGTH) return throw_invalid_length(rt);
    String *s = str_alloc_flat(rt, (uint32_t)n, true);
    if (s) utf8_to_utf16(src, len, str_mut_chars16(s));
    return s;
}

String *str_from_cstr(Runtime *rt, const char *utf8) {
    return str_new_utf8(rt, utf8, strlen(utf8));
}

String *str_from_int(Runtime *rt, int64_t i) {
    if (i >= 0 && i < 10) return str_from_char(rt, (uint16_t)('0' + i));
    char buf[24];
    size_t pos = sizeof buf;
    uint64_t mag = i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i;
    do {
        buf[--pos] = (char)('0' + mag % 10);
        mag /= 10;
    } while (mag);
    if (i < 0) buf[--pos] = '-';
    return str_new_latin1(rt, (const uint8_t *)buf + pos, sizeof buf - pos);
}

/* Number::toString(d, 10) — #sec-numeric-types-number-tostring */
String *str_from_double(Runtime *rt, double d) {
    if (d >= -9007199254740992.0 && d <= 9007199254740992.0) {
        int64_t i = (int64_t)d;
        if ((double)i == d) return str_from_int(rt, i); /* -0 gives "0" too */
    }
    char buf[DTOA_NUMBER_TO_STRING_MAX];
    int n = dtoa_number_to_string(d, buf);
    return str_new_latin1(rt, (const uint8_t *)buf, (size_t)n);
}

/* ---- ropes ----------------------------------------------------------------------- */

/* Unit i of any string, walking down a rope without allocating: O(depth). */
static uint16_t unit_at(const String *s, uint32_t i) {
    while (str_is_rope(s)) {
        const String *left = s->u.rope.left;
        if (i < left->length) {
            s = left;
        } else {
            i -= left->length;
            s = s->u.rope.right;
        }
    }
    return str_at(s, i);
}

static void copy_flat(void *dst, bool dst_wide, uint32_t at, const String *src) {
    if (dst_wide) {
        uint16_t *d = (uint16_t *)dst + at;
        if (str_is_wide(src)) {
            memcpy(d, str_chars16(src), (size_t)src->length * 2);
        } else {
            const uint8_t *c = str_chars8(src);
            for (uint32_t i = 0; i < src->length; i++)
                d[i] = c[i];
        }
    } else {
        memcpy((uint8_t *)dst + at, str_chars8(src), src->length);
    }
}

typedef struct RopeTask {
    const String *node;
    uint32_t at;
} RopeTask;

/* Writes the units of rope s into dst (wide as s is). Returns false only if
 * the explicit stack could not grow. */
static bool rope_copy(const String *s, void *dst, bool wide) {
    RopeTask inline_stack[64];
    RopeTask *stack = inline_stack;
    size_t depth = 0, cap = sizeof inline_stack / sizeof inline_stack[0];
    const String *node = s;
    uint32_t at = 0;
    for (;;) {
        while (str_is_rope(node)) {
            const String *l = node->u.rope.left, *r = node->u.rope.right;
            if (!str_is_rope(l)) {
                copy_flat(dst, wide, at, l);
                at += l->length;
                node = r;
            } else if (!str_is_rope(r)) {
                copy_flat(dst, wide, at + l->length, r);
                node = l;
            } else {
                if (depth == cap) {
                    size_t ncap = cap * 2;
                    RopeTask *n = stack == inline_stack ? malloc(ncap * sizeof *n)
                                                        : realloc(stack, ncap * sizeof *n);
                    if (!n) {
                        if (stack != inline_stack) free(stack);
                        return false;
                    }
                    if (stack == inline_stack) memcpy(n, inline_stack, sizeof inline_stack);
                    stack = n;
                    cap = ncap;
                }
                stack[depth++] = (RopeTask){r, at + l->length};
                node = l;
            }
        }
        copy_flat(dst, wide, at, node);
        if (depth == 0) break;
        depth--;
        node = stack[depth].node;
        at = stack[depth].at;
    }
    if (stack != inline_stack) free(stack);
    return true;
}

static void become_flat(String *s, void *buf, uint16_t buffer_flags) {
    s->hdr.flags = (uint16_t)((s->hdr.flags & ~STR_ROPE) | STR_OWN_BUFFER | buffer_flags);
    s->u.flat.chars = buf;
    s->rope_depth = 0;
}

String *str_flatten(Runtime *rt, String *s) {
    if (!str_is_rope(s)) return s;
    bool wide = str_is_wide(s);
    size_t bytes = units_bytes(s->length, wide);
    void *buf = gc_malloc(rt, bytes);
    if (!buf) return NULL;
    if (!rope_copy(s, buf, wide)) {
        gc_free(rt, buf, bytes);
        return gc_throw_oom(rt);
    }
    become_flat(s, buf, 0);
    return s;
}

/* Flattening for readers that have no Runtime; false leaves s a rope. */
static bool flatten_quietly(String *s) {
    if (!str_is_rope(s)) return true;
    bool wide = str_is_wide(s);
    void *buf = malloc(units_bytes(s->length, wide));
    if (!buf) return false;
    if (!rope_copy(s, buf, wide)) {
        free(buf);
        return false;
    }
    become_flat(s, buf, STR_MALLOC_BUFFER);
    return true;
}

String *str_concat(Runtime *rt, String *a, String *b) {
    if (a->length == 0) return b;
    if (b->length == 0) return a;
    uint64_t len = (uint64_t)a->length + b->length;
    if (len > STR_MAX_LENGTH) return throw_invalid_length(rt);
    bool wide = str_is_wide(a) || str_is_wide(b);
    if (len <= ROPE_MIN_LENGTH) {
        /* Both are flat: every rope is longer than ROPE_MIN_LENGTH. */
        String *s = str_alloc_flat(rt, (uint32_t)len, wide);
        if (!s) return NULL;
        copy_flat(s->u.flat.chars, wide, 0, a);
        copy_flat(s->u.flat.chars, wide, a->length, b);
        return s;
    }
    String *s = gc_alloc(rt, CELL_STRING, sizeof(String));
    if (!s) return NULL;
    s->hdr.flags = (uint16_t)(STR_ROPE | (wide ? STR_WIDE : 0));
    s->length = (uint32_t)len;
    uint32_t depth = a->rope_depth > b->rope_depth ? a->rope_depth : b->rope_depth;
    s->rope_depth = depth == UINT32_MAX ? depth : depth + 1;
    s->u.rope.left = a;
    s->u.rope.right = b;
    GC_WRITE_BARRIER(rt, s, val_from_string(a));
    GC_WRITE_BARRIER(rt, s, val_from_string(b));
    return s;
}

/* Shorter substrings are copied: a slice costs a String header and pins its
 * base, which is only worth it when the copy would be long. */
#define STR_SLICE_MIN_LENGTH 64

/* The units [start, end) of the flat string s, sharing its buffer. */
static String *str_new_slice(Runtime *rt, String *s, uint32_t start, uint32_t end) {
    String *base = s;
    if (s->hdr.flags & STR_SLICE) {
        base = s->u.flat.base;
    }
    String *slice = gc_alloc(rt, CELL_STRING, sizeof(String));
    if (!slice) return NULL;
    bool wide = str_is_wide(s);
    slice->hdr.flags = (uint16_t)(STR_SLICE | (wide ? STR_WIDE : 0));
    slice->length = end - start;
    slice->u.flat.chars = (char *)s->u.flat.chars + units_bytes(start, wide);
    slice->u.flat.base = base;
    GC_WRITE_BARRIER(rt, slice, val_from_string(base));
    return slice;
}

String *str_substring(Runtime *rt, String *s, uint32_t start, uint32_t end) {
    if (end > s->length) end = s->length;
    if (start > end) start = end;
    if (start == 0 && end == s->length) return s;
    if (start == end) return str_empty(rt);
    if (!str_flatten(rt, s)) return NULL;
    if (end - start >= STR_SLICE_MIN_LENGTH) return str_new_slice(rt, s, start, end);
    /* s is rooted by the caller and never moves, so its chars stay valid
     * across the allocation below. */
    if (str_is_wide(s)) return str_new_utf16(rt, str_chars16(s) + start, end - start);
    return str_new_latin1(rt, str_chars8(s) + start, end - start);
}

/* ---- tracing ------------------------------------------------------------------------ */

void string_trace(Runtime *rt, Cell *c) {
    String *s = (String *)c;
    if (str_is_rope(s)) {
        gc_mark_cell(rt, &s->u.rope.left->hdr);
        gc_mark_cell(rt, &s->u.rope.right->hdr);
    } else if (s->hdr.flags & STR_SLICE) {
        gc_mark_cell(rt, &s->u.flat.base->hdr);
    }
}

void string_finalize(Runtime *rt, Cell *c) {
    String *s = (String *)c;
    if (!(s->hdr.flags & STR_OWN_BUFFER) || str_is_rope(s)) return;
    if (s->hdr.flags & STR_MALLOC_BUFFER)
        free(s->u.flat.chars);
    else
        gc_free(rt, s->u.flat.chars, units_bytes(s->length, str_is_wide(s)));
    s->u.flat.chars = NULL;
}

/* ---- comparison and hashing ---------------------------------------------------------------- */

bool str_equal(String *a, String *b) {
    if (a == b) return true;
    if (a->length != b->length) return false;
    if (str_is_atom(a) && str_is_atom(b)) return false;
    if ((a->hdr.flags & b->hdr.flags & STR_HASHED) && a->hash != b->hash) return false;
    bool flat = flatten_quietly(a) && flatten_quietly(b);
    if (flat && str_is_wide(a) == str_is_wide(b))
        return memcmp(a->u.flat.chars, b->u.flat.chars, units_bytes(a->length, str_is_wide(a))) ==
               0;
    for (uint32_t i = 0; i < a->length; i++)
        if (unit_at(a, i) != unit_at(b, i)) return false;
    return true;
}

int str_compare(String *a, String *b) {
    if (a == b) return 0;
    uint32_t n = a->length < b->length ? a->length : b->length;
    bool flat = flatten_quietly(a) && flatten_quietly(b);
    if (flat && !str_is_wide(a) && !str_is_wide(b)) {
        int r = n ? memcmp(str_chars8(a), str_chars8(b), n) : 0;
        if (r) return r;
    } else {
        for (uint32_t i = 0; i < n; i++) {
            uint16_t x = unit_at(a, i), y = unit_at(b, i);
            if (x != y) return x < y ? -1 : 1;
        }
    }
    return a->length < b->length ? -1 : a->length > b->length ? 1 : 0;
}

uint32_t str_hash(String *s) {
    if (s->hdr.flags & STR_HASHED) return s->hash;
    uint32_t h = STR_HASH_SEED;
    if (flatten_quietly(s)) {
        if (str_is_wide(s)) {
            const uint16_t *c = str_chars16(s);
            for (uint32_t i = 0; i < s->length; i++)
                h = str_hash_step(h, c[i]);
        } else {
            const uint8_t *c = str_chars8(s);
            for (uint32_t i = 0; i < s->length; i++)
                h = str_hash_step(h, c[i]);
        }
    } else {
        for (uint32_t i = 0; i < s->length; i++)
            h = str_hash_step(h, unit_at(s, i));
    }
    s->hash = h;
    s->hdr.flags |= STR_HASHED;
    return h;
}

bool str_equal_ascii(String *s, const char *ascii) {
    size_t n = strlen(ascii);
    if (n != s->length) return false;
    flatten_quietly(s);
    if (!str_is_rope(s) && !str_is_wide(s)) return memcmp(str_chars8(s), ascii, n) == 0;
    for (uint32_t i = 0; i < n; i++)
        if (unit_at(s, i) != (uint8_t)ascii[i]) return false;
    return true;
}

/* CanonicalNumericIndexString restricted to array indices: "0".."4294967294"
 * with no sign, no leading zero, no fraction. */
bool str_is_array_index(String *s, uint32_t *index) {
    if (!(s->hdr.flags & STR_INDEX_KNOWN)) {
        bool is_index = false;
        uint64_t v = 0;
        if (s->length >= 1 && s->length <= 10) {
            flatten_quietly(s);
            is_index = true;
            for (uint32_t i = 0; i < s->length; i++) {
                uint16_t u = unit_at(s, i);
                if (u < '0' || u > '9' || (i == 0 && u == '0' && s->length > 1)) {
                    is_index = false;
                    break;
                }
                v = v * 10 + (u - '0');
            }
            if (v > 4294967294u) is_index = false;
        }
        s->hdr.flags |= STR_INDEX_KNOWN;
        if (is_index) {
            s->hdr.flags |= STR_IS_INDEX;
            s->index = (uint32_t)v;
        }
    }
    if (!(s->hdr.flags & STR_IS_INDEX)) return false;
    if (index) *index = s->index;
    return true;
}

/* StringIndexOf — #sec-stringindexof */
int64_t str_index_of(String *s, String *search, uint32_t from) {
    uint32_t n = s->length, m = search->length;
    if (m == 0) return from <= n ? (int64_t)from : -1;
    if (m > n || from > n - m) return -1;
    bool flat = flatten_quietly(s) && flatten_quietly(search);
    if (flat && !str_is_wide(s) && !str_is_wide(search)) {
        const uint8_t *hay = str_chars8(s), *needle = str_chars8(search);
        for (uint32_t i = from; i <= n - m; i++) {
            const uint8_t *p = memchr(hay + i, needle[0], n - m - i + 1);
            if (!p) return -1;
            i = (uint32_t)(p - hay);
            if (memcmp(p, needle, m) == 0) return i;
        }
        return -1;
    }
    uint16_t first = unit_at(search, 0);
    for (uint32_t i = from; i <= n - m; i++) {
        if (unit_at(s, i) != first) continue;
        uint32_t j = 1;
        while (j < m && unit_at(s, i + j) == unit_at(search, j))
            j++;
        if (j == m) return i;
    }
    return -1;
}

char *str_to_utf8(Runtime *rt, String *s, size_t *len) {
    if (!str_flatten(rt, s)) return NULL;
    size_t n = str_is_wide(s) ? utf16_to_utf8(str_chars16(s), s->length, NULL, false)
                              : latin1_to_utf8(str_chars8(s), s->length, NULL);
    char *out = malloc(n + 1);
    if (!out) return NULL;
    if (str_is_wide(s))
        utf16_to_utf8(str_chars16(s), s->length, (uint8_t *)out, false);
    else
        latin1_to_utf8(str_chars8(s), s->length, (uint8_t *)out);
    out[n] = '\0';
    if (len) *len = n;
    return out;
}

char *str_to_wtf8(Runtime *rt, String *s, size_t *len) {
    if (!str_flatten(rt, s)) return NULL;
    if (!str_is_wide(s)) return str_to_utf8(rt, s, len);
    size_t n = utf16_to_utf8(str_chars16(s), s->length, NULL, true);
    char *out = malloc(n + 1);
    if (!out) return NULL;
    utf16_to_utf8(str_chars16(s), s->length, (uint8_t *)out, true);
    out[n] = '\0';
    if (len) *len = n;
    return out;
}

/* ---- StringBuilder ----------------------------------------------------------------------------
 */

void sb_init(StringBuilder *sb, Runtime *rt) {
    memset(sb, 0, sizeof *sb);
    sb->rt = rt;
}

void sb_free(StringBuilder *sb) {
    free(sb->buf8);
    free(sb->buf16);
    sb->buf8 = NULL;
    sb->buf16 = NULL;
    sb->len = sb->cap = 0;
}

static bool sb_reserve(StringBuilder *sb, size_t extra) {
    if (sb->failed) return false;
    if (extra > STR_MAX_LENGTH - sb->len) {
        sb->failed = sb->too_long = true;
        return false;
    }
    size_t need = sb->len + extra;
    if (need <= sb->cap) return true;
    size_t cap = sb->cap < 16 ? 16 : sb->cap * 2;
    if (cap < need) cap = need;
    if (cap > STR_MAX_LENGTH) cap = STR_MAX_LENGTH;
    if (sb->buf16) {
        uint16_t *n = realloc(sb->buf16, cap * 2);
        if (!n) goto fail;
        sb->buf16 = n;
    } else {
        uint8_t *n = realloc(sb->buf8, cap);
        if (!n) goto fail;
        sb->buf8 = n;
    }
    sb->cap = cap;
    return true;
fail:
    sb->failed = true;
    return false;
}

/* Switches to 16-bit storage (capacity unchanged). */
static bool sb_widen(StringBuilder *sb) {
    if (sb->buf16) return true;
    uint16_t *w = malloc((sb->cap ? sb->cap : 16) * 2);
    if (!w) {
        sb->failed = true;
        return false;
    }
    if (!sb->cap) sb->cap = 16;
    for (size_t i = 0; i < sb->len; i++)
        w[i] = sb->buf8[i];
    free(sb->buf8);
    sb->buf8 = NULL;
    sb->buf16 = w;
    return true;
}

void sb_append_unit(StringBuilder *sb, uint16_t unit) {
    if (!sb_reserve(sb, 1)) return;
    if (unit >= 256 && !sb_widen(sb)) return;
    if (sb->buf16)
        sb->buf16[sb->len++] = unit;
    else
        sb->buf8[sb->len++] = (uint8_t)unit;
}

void sb_append_codepoint(StringBuilder *sb, uint32_t cp) {
    uint16_t units[2];
    int n = utf16_encode(cp, units);
    sb_append_utf16(sb, units, (size_t)n);
}

void sb_append_latin1(StringBuilder *sb, const uint8_t *s, size_t len) {
    if (!len || !sb_reserve(sb, len)) return;
    if (sb->buf16) {
        for (size_t i = 0; i < len; i++)
            sb->buf16[sb->len + i] = s[i];
    } else {
        memcpy(sb->buf8 + sb->len, s, len);
    }
    sb->len += len;
}

void sb_append_ascii(StringBuilder *sb, const char *s) {
    sb_append_latin1(sb, (const uint8_t *)s, strlen(s));
}

void sb_append_utf16(StringBuilder *sb, const uint16_t *s, size_t len) {
    if (!len || !sb_reserve(sb, len)) return;
    if (!sb->buf16) {
        uint16_t all = 0;
        for (size_t i = 0; i < len; i++)
            all |= s[i];
        if (all < 256) {
            for (size_t i = 0; i < len; i++)
                sb->buf8[sb->len + i] = (uint8_t)s[i];
            sb->len += len;
            return;
        }
        if (!sb_widen(sb)) return;
    }
    memcpy(sb->buf16 + sb->len, s, len * 2);
    sb->len += len;
}

void sb_append_string(StringBuilder *sb, String *s) {
    if (!s->length || !sb_reserve(sb, s->length)) return;
    if (str_is_wide(s) && !sb_widen(sb)) return;
    if (str_is_rope(s)) {
        /* A wide rope widened the buffer above; a narrow one fits either. */
        bool wide = sb->buf16 != NULL;
        void *dst = wide ? (void *)(sb->buf16 + sb->len) : (void *)(sb->buf8 + sb->len);
        if (rope_copy(s, dst, wide)) {
            sb->len += s->length;
            return;
        }
        for (uint32_t i = 0; i < s->length; i++)
            sb_append_unit(sb, unit_at(s, i));
        return;
    }
    if (str_is_wide(s))
        sb_append_utf16(sb, str_chars16(s), s->length);
    else
        sb_append_latin1(sb, str_chars8(s), s->length);
}

String *sb_finish(StringBuilder *sb) {
    Runtime *rt = sb->rt;
    String *s = NULL;
    if (sb->failed) {
        if (sb->too_long)
            throw_invalid_length(rt);
        else
            gc_throw_oom(rt);
    } else if (sb->buf16) {
        /* A unit >= 256 arrived, so the result is wide. */
        s = str_alloc_flat(rt, (uint32_t)sb->len, true);
        if (s) memcpy(str_mut_chars16(s), sb->buf16, sb->len * 2);
    } else {
        s = str_new_latin1(rt, sb->buf8, sb->len);
    }
    sb_free(sb);
    return s;
}
