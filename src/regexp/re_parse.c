/*
 * re_parse.c — the pattern grammar (#sec-patterns) with its early errors
 * (#sec-patterns-static-semantics-early-errors) and, outside u/v mode, the
 * Annex B extensions (#sec-regular-expressions-patterns).
 *
 * The parser is recursive descent over UTF-16 units; in u/v mode it reads
 * code points (a surrogate pair is one source character). Nesting is
 * bounded by RE_MAX_NESTING, so the C stack use is bounded too. Classes are
 * resolved to CharSets here (the v flag's set operations and case folding
 * need the modifier state of their position); the compiler only turns them
 * into bitmaps and ranges.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "regexp/re_internal.h"
#include "regexp/re_property.h"
#include "util/unicode.h"

/* ---- arena ------------------------------------------------------------------ */
typedef struct ReArenaBlock {
    struct ReArenaBlock *next;
    size_t used, size;
    max_align_t data[];
} ReArenaBlock;

typedef struct NameRef {
    ReNode *node;
    uint16_t *name;
    uint32_t len;
} NameRef;

typedef struct Parser {
    const uint16_t *src;
    size_t len, pos;
    bool u;              /* u or v: UnicodeMode */
    bool v;              /* UnicodeSetsMode */
    bool named;          /* NamedCaptureGroups */
    uint8_t fl;          /* RNF_* in effect */
    uint32_t total_caps; /* CountLeftCapturingParensWithin(Pattern) */
    uint32_t next_cap;
    int depth;
    ReParse *rp;
    char *err;
    size_t err_size;
    bool failed, oom;
    /* names: every group name by capture index lives in rp->names; `active`
     * holds the capture indices of names that might participate together
     * with a group defined now; `stash` parks those of earlier alternatives
     * of the disjunctions being parsed. */
    uint32_t *active, nactive, cap_active;
    uint32_t *stash, nstash, cap_stash;
    NameRef *refs;
    uint32_t nrefs, cap_refs;
    uint32_t cap_classes;
} Parser;

static void *ra_alloc(Parser *p, size_t size) {
    size = (size + sizeof(max_align_t) - 1) & ~(sizeof(max_align_t) - 1);
    ReArenaBlock *b = p->rp->arena;
    if (!b || b->used + size > b->size) {
        size_t bsize = size > 16384 ? size : 16384;
        b = malloc(sizeof(ReArenaBlock) + bsize);
        if (!b) {
            p->oom = p->failed = true;
            if (p->err_size) snprintf(p->err, p->err_size, "out of memory");
            return NULL;
        }
        b->next = p->rp->arena;
        b->used = 0;
        b->size = bsize;
        p->rp->arena = b;
    }
    void *r = (char *)b->data + b->used;
    b->used += size;
    memset(r, 0, size);
    return r;
}

static void fail(Parser *p, const char *fmt, ...) {
    if (p->failed) return;
    p->failed = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err, p->err_size, fmt, ap);
    va_end(ap);
}

static void fail_oom(Parser *p) {
    if (p->failed && p->oom) return;
    p->failed = false;
    fail(p, "out of memory");
    p->oom = true;
}

static bool grow(Parser *p, void **arr, uint32_t *cap, uint32_t need, size_t elem) {
    if (need <= *cap) return true;
    uint32_t nc = *cap ? *cap * 2 : 8;
    while (nc < need)
        nc *= 2;
    void *n = realloc(*arr, (size_t)nc * elem);
    if (!n) {
        fail_oom(p);
        return false;
    }
    *arr = n;
    *cap = nc;
    return true;
}

static ReNode *node(Parser *p, ReNodeKind kind) {
    ReNode *n = ra_alloc(p, sizeof(ReNode));
    if (n) {
        n->kind = (uint8_t)kind;
        n->fl = p->fl;
    }
    return n;
}

/* ---- reading ----------------------------------------------------------------- */
static bool at_end(Parser *p) {
    return p->pos >= p->len;
}

/* The source character at pos (a code point in u/v mode); *size its units. */
static uint32_t peek_at(Parser *p, size_t pos, int *size) {
    if (pos >= p->len) {
        *size = 0;
        return 0xFFFFFFFFu;
    }
    uint16_t c = p->src[pos];
    *size = 1;
    if (p->u && c >= 0xD800 && c <= 0xDBFF && pos + 1 < p->len && p->src[pos + 1] >= 0xDC00 &&
        p->src[pos + 1] <= 0xDFFF) {
        *size = 2;
        return 0x10000 + ((uint32_t)(c - 0xD800) << 10) + (p->src[pos + 1] - 0xDC00);
    }
    return c;
}

/* The unit at pos + off, or -1 past the end. */
static int unit(Parser *p, size_t off) {
    return p->pos + off < p->len ? p->src[p->pos + off] : -1;
}

static uint32_t next_char(Parser *p) {
    int size;
    uint32_t c = peek_at(p, p->pos, &size);
    p->pos += (size_t)size;
    return c;
}

static bool eat(Parser *p, uint16_t c) {
    if (unit(p, 0) == c) {
        p->pos++;
        return true;
    }
    return false;
}

static int hex_value(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static bool is_syntax_char(uint32_t c) {
    return c < 128 && c && strchr("^$\\.*+?()[]{}|", (int)c);
}

/* Reads n hex digits at pos; -1 if they are not there (nothing consumed). */
static int32_t read_hex(Parser *p, int n) {
    int32_t v = 0;
    for (int i = 0; i < n; i++) {
        int h = hex_value(unit(p, (size_t)i));
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    p->pos += (size_t)n;
    return v;
}

/* RegExpUnicodeEscapeSequence after "\u"; `unicode` says whether the
 * [+UnicodeMode] forms (\u{...}, surrogate pairs) apply. Returns the value,
 * or -1 when the text is not one (nothing consumed beyond "\u"), -2 after a
 * hard error (reported). */
static int32_t unicode_escape(Parser *p, bool unicode) {
    size_t save = p->pos;
    if (unicode && unit(p, 0) == '{') {
        p->pos++;
        uint32_t v = 0;
        int digits = 0;
        while (hex_value(unit(p, 0)) >= 0) {
            v = v * 16 + (uint32_t)hex_value(unit(p, 0));
            if (v > RE_MAX_CODE_POINT) {
                fail(p, "Invalid Unicode escape");
                return -2;
            }
            p->pos++;
            digits++;
        }
        if (!digits || !eat(p, '}')) {
            p->pos = save;
            return -1;
        }
        return (int32_t)v;
    }
    int32_t v = read_hex(p, 4);
    if (v < 0) return -1;
    if (unicode && v >= 0xD800 && v <= 0xDBFF && unit(p, 0) == '\\' && unit(p, 1) == 'u') {
        size_t at = p->pos;
        p->pos += 2;
        int32_t t = read_hex(p, 4);
        if (t >= 0xDC00 && t <= 0xDFFF) return 0x10000 + ((v - 0xD800) << 10) + (t - 0xDC00);
        p->pos = at;
    }
    return v;
}

/* ---- pre-scan: capture count and whether any group has a name ------------- */
static void prescan(Parser *p, uint32_t *count, bool *has_names) {
    uint32_t n = 0;
    bool names = false;
    int class_depth = 0;
    for (size_t i = 0; i < p->len; i++) {
        uint16_t c = p->src[i];
        if (c == '\\') {
            i++;
        } else if (c == '[') {
            if (p->v || class_depth == 0) class_depth++;
        } else if (c == ']') {
            if (class_depth) class_depth--;
        } else if (c == '(' && !class_depth) {
            if (i + 1 < p->len && p->src[i + 1] == '?') {
                if (i + 2 < p->len && p->src[i + 2] == '<' && i + 3 < p->len &&
                    p->src[i + 3] != '=' && p->src[i + 3] != '!') {
                    n++;
                    names = true;
                }
            } else {
                n++;
            }
        }
    }
    *count = n;
    *has_names = names;
}

/* ---- group names --------------------------------------------------------------- */

/* RegExpIdentifierName within "<...>" (after '<'); writes a malloc'd UTF-16
 * copy. false after an error. */
static bool group_name(Parser *p, uint16_t **out, uint32_t *out_len) {
    uint16_t buf[256];
    uint32_t n = 0;
    for (bool first = true;; first = false) {
        if (at_end(p)) {
            fail(p, "Invalid capture group name");
            return false;
        }
        if (unit(p, 0) == '>') {
            if (first) {
                fail(p, "Invalid capture group name");
                return false;
            }
            p->pos++;
            break;
        }
        uint32_t cp;
        if (unit(p, 0) == '\\') {
            p->pos++;
            if (!eat(p, 'u')) {
                fail(p, "Invalid capture group name");
                return false;
            }
            int32_t v = unicode_escape(p, true);
            if (v < 0) {
                if (v == -1) fail(p, "Invalid Unicode escape in group name");
                return false;
            }
            cp = (uint32_t)v;
        } else {
            /* Surrogate pairs are one code point even outside u mode. */
            int c0 = unit(p, 0), c1 = unit(p, 1);
            if (c0 >= 0xD800 && c0 <= 0xDBFF && c1 >= 0xDC00 && c1 <= 0xDFFF) {
                cp = 0x10000 + ((uint32_t)(c0 - 0xD800) << 10) + (uint32_t)(c1 - 0xDC00);
                p->pos += 2;
            } else {
                cp = (uint32_t)c0;
                p->pos++;
            }
        }
        if (first ? !uni_is_id_start(cp) : !uni_is_id_continue(cp)) {
            fail(p, "Invalid capture group name");
            return false;
        }
        if (n + 2 > sizeof(buf) / sizeof(buf[0])) {
            fail(p, "Capture group name too long");
            return false;
        }
        if (cp >= 0x10000) {
            buf[n++] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
            buf[n++] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            buf[n++] = (uint16_t)cp;
        }
    }
    uint16_t *copy = ra_alloc(p, n * sizeof(uint16_t));
    if (!copy) return false;
    memcpy(copy, buf, n * sizeof(uint16_t));
    *out = copy;
    *out_len = n;
    return true;
}

static bool same_name(const uint16_t *a, uint32_t alen, const uint16_t *b, uint32_t blen) {
    return alen == blen && !memcmp(a, b, alen * sizeof(uint16_t));
}

/* ---- class escapes (\d \s \w and their complements, \p) ------------------------ */

/* AllCharacters ( rer ) — #sec-allcharacters */
static void all_characters(Parser *p, CharSet *out) {
    cs_clear(out);
    if (p->v && (p->fl & RNF_ICASE))
        cs_fold_fixed_points(out);
    else
        cs_add_range(out, 0, p->u ? RE_MAX_CODE_POINT : 0xFFFF);
}

/* CharacterComplement ( rer, S ) — #sec-charactercomplement */
static void character_complement(Parser *p, CharSet *s) {
    CharSet all;
    cs_init(&all);
    all_characters(p, &all);
    cs_subtract(&all, s);
    cs_free(s);
    *s = all;
}

/* MaybeSimpleCaseFolding ( rer, A ) — #sec-maybesimplecasefolding, on the
 * single characters. */
static void maybe_fold(Parser *p, CharSet *s) {
    if (p->v && (p->fl & RNF_ICASE)) cs_canonicalize(s, true);
}

static uint32_t maybe_fold_char(Parser *p, uint32_t c) {
    return p->v && (p->fl & RNF_ICASE) ? uni_simple_fold(c) : c;
}

/* WordCharacters ( rer ) — #sec-wordcharacters */
static void word_characters(Parser *p, CharSet *out) {
    cs_add_range(out, '0', '9');
    cs_add_range(out, 'A', 'Z');
    cs_add(out, '_');
    cs_add_range(out, 'a', 'z');
    if (p->u && (p->fl & RNF_ICASE)) {
        cs_add(out, 0x017F); /* ſ folds to s */
        cs_add(out, 0x212A); /* Kelvin sign folds to k */
    }
}

static void space_characters(CharSet *out) {
    static const uint16_t singles[] = {0x09,   0x0A,   0x0B,   0x0C,   0x0D,   0x20,   0xA0,
                                       0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF};
    for (size_t i = 0; i < sizeof(singles) / sizeof(singles[0]); i++)
        cs_add(out, singles[i]);
    cs_add_range(out, 0x2000, 0x200A);
}

/* CharacterClassEscape d D s S w W — CompileToCharSet (#sec-compiletocharset) */
static void class_escape_set(Parser *p, uint32_t c, CharSet *out) {
    cs_clear(out);
    switch (c | 0x20) {
    case 'd': cs_add_range(out, '0', '9'); break;
    case 's': space_characters(out); break;
    case 'w':
        word_characters(p, out);
        maybe_fold(p, out);
        break;
    }
    if (c < 'a') character_complement(p, out);
}

/* Strings of a property of strings, appended to cls (v flag). */
static void add_property_strings(Parser *p, int id, ClassSet *cls);

/* \p{...} / \P{...} after "\p" or "\P": the property's CharSet in out, its
 * strings (v mode properties of strings) in cls when given. Returns false
 * after an error. *may_strings tells whether it is a property of strings. */
static bool property_escape(Parser *p, bool negated, CharSet *out, ClassSet *cls,
                            bool *may_strings) {
    *may_strings = false;
    if (!eat(p, '{')) {
        fail(p, "Invalid property name");
        return false;
    }
    char name[64], value[64];
    size_t nlen = 0, vlen = 0;
    bool has_value = false;
    for (;;) {
        int c = unit(p, 0);
        if (c < 0) {
            fail(p, "Invalid property name");
            return false;
        }
        p->pos++;
        if (c == '}') break;
        if (c == '=' && !has_value) {
            has_value = true;
            continue;
        }
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                  (has_value && c >= '0' && c <= '9');
        if (!ok) {
            fail(p, "Invalid property name");
            return false;
        }
        if (has_value) {
            if (vlen + 1 >= sizeof(value)) {
                fail(p, "Invalid property name");
                return false;
            }
            value[vlen++] = (char)c;
        } else {
            if (nlen + 1 >= sizeof(name)) {
                fail(p, "Invalid property name");
                return false;
            }
            name[nlen++] = (char)c;
        }
    }
    name[nlen] = value[vlen] = 0;
    if (!nlen || (has_value && !vlen)) {
        fail(p, "Invalid property name");
        return false;
    }
    cs_clear(out);
    int r = re_property_charset(name, nlen, has_value ? value : NULL, vlen, out);
    if (r == RE_PROP_UNKNOWN && !has_value && p->v) {
        int sid = re_property_strings_lookup(name, nlen);
        if (sid >= 0) {
            if (negated) {
                fail(p, "Invalid property name: negated property of strings");
                return false;
            }
            *may_strings = true;
            if (cls) add_property_strings(p, sid, cls);
            re_property_strings_charset(sid, out);
            maybe_fold(p, out);
            return !p->failed;
        }
    }
    if (r != RE_PROP_OK) {
        fail(p, r == RE_PROP_OOM ? "out of memory" : "Invalid property name");
        if (r == RE_PROP_OOM) p->oom = true;
        return false;
    }
    maybe_fold(p, out);
    if (negated) character_complement(p, out);
    return true;
}

/* ---- class sets with strings (v flag) ----------------------------------------- */
static void classset_init(ClassSet *c) {
    memset(c, 0, sizeof(*c));
    cs_init(&c->cs);
}

static void classset_free(ClassSet *c) {
    cs_free(&c->cs);
    for (uint32_t i = 0; i < c->nstrs; i++)
        free(c->strs[i].cp);
    free(c->strs);
    memset(c, 0, sizeof(*c));
}

static bool classset_has_string(const ClassSet *c, const uint32_t *cp, uint32_t len) {
    for (uint32_t i = 0; i < c->nstrs; i++)
        if (c->strs[i].len == len && !memcmp(c->strs[i].cp, cp, len * sizeof(uint32_t)))
            return true;
    return false;
}

/* Adds a string of code points (a length-1 string goes to the CharSet). */
static void classset_add_string(Parser *p, ClassSet *c, const uint32_t *cp, uint32_t len) {
    if (len == 1) {
        cs_add(&c->cs, cp[0]);
        return;
    }
    if (classset_has_string(c, cp, len)) return;
    if (!grow(p, (void **)&c->strs, &c->cap, c->nstrs + 1, sizeof(ReString))) return;
    uint32_t *copy = malloc((len ? len : 1) * sizeof(uint32_t));
    if (!copy) {
        fail_oom(p);
        return;
    }
    if (len) memcpy(copy, cp, len * sizeof(uint32_t));
    c->strs[c->nstrs].cp = copy;
    c->strs[c->nstrs].len = len;
    c->nstrs++;
}

static void classset_union(Parser *p, ClassSet *a, ClassSet *b) {
    cs_add_set(&a->cs, &b->cs);
    for (uint32_t i = 0; i < b->nstrs; i++)
        classset_add_string(p, a, b->strs[i].cp, b->strs[i].len);
}

static void classset_intersect(ClassSet *a, ClassSet *b) {
    cs_intersect(&a->cs, &b->cs);
    uint32_t w = 0;
    for (uint32_t i = 0; i < a->nstrs; i++) {
        if (classset_has_string(b, a->strs[i].cp, a->strs[i].len))
            a->strs[w++] = a->strs[i];
        else
            free(a->strs[i].cp);
    }
    a->nstrs = w;
}

static void classset_subtract(ClassSet *a, ClassSet *b) {
    cs_subtract(&a->cs, &b->cs);
    uint32_t w = 0;
    for (uint32_t i = 0; i < a->nstrs; i++) {
        if (!classset_has_string(b, a->strs[i].cp, a->strs[i].len))
            a->strs[w++] = a->strs[i];
        else
            free(a->strs[i].cp);
    }
    a->nstrs = w;
}

static void add_property_strings(Parser *p, int id, ClassSet *cls) {
    uint32_t n = re_property_strings_count(id);
    for (uint32_t i = 0; i < n && !p->failed; i++) {
        uint32_t buf[32];
        uint32_t len = re_property_strings_get(id, i, buf, 32);
        if (len > 32) continue;
        if (p->v && (p->fl & RNF_ICASE))
            for (uint32_t k = 0; k < len; k++)
                buf[k] = uni_simple_fold(buf[k]);
        classset_add_string(p, cls, buf, len);
    }
}

/* Registers a finished class; returns its index. */
static uint32_t add_class(Parser *p, ClassSet *cls) {
    ReParse *rp = p->rp;
    if (!grow(p, (void **)&rp->classes, &p->cap_classes, rp->nclasses + 1, sizeof(ClassSet))) {
        classset_free(cls);
        return 0;
    }
    rp->classes[rp->nclasses] = *cls;
    return rp->nclasses++;
}

static ReNode *class_node(Parser *p, CharSet *cs, bool invert) {
    ClassSet cls;
    classset_init(&cls);
    cls.cs = *cs;
    cs_init(cs);
    if (cls.cs.oom) {
        classset_free(&cls);
        fail_oom(p);
        return NULL;
    }
    uint32_t index = add_class(p, &cls);
    if (p->failed) return NULL;
    ReNode *n = node(p, RN_CLASS);
    if (n) {
        n->index = index;
        n->invert = invert;
    }
    return n;
}

/* ---- escapes shared by atoms and classes ------------------------------------------ */

/* LegacyOctalEscapeSequence at pos (first digit 0-7): its value. */
static uint32_t legacy_octal(Parser *p) {
    uint32_t v = (uint32_t)(unit(p, 0) - '0');
    p->pos++;
    if (unit(p, 0) >= '0' && unit(p, 0) <= '7') {
        v = v * 8 + (uint32_t)(unit(p, 0) - '0');
        p->pos++;
        if (v < 32 && unit(p, 0) >= '0' && unit(p, 0) <= '7') {
            v = v * 8 + (uint32_t)(unit(p, 0) - '0');
            p->pos++;
        }
    }
    return v;
}

/* CharacterEscape after the backslash (pos at the escape letter). in_class
 * selects the ClassEscape extensions. Returns the CharacterValue, or -1
 * after an error. */
static int64_t character_escape(Parser *p, bool in_class) {
    int c = unit(p, 0);
    if (c < 0) {
        fail(p, "\\ at end of pattern");
        return -1;
    }
    switch (c) {
    case 'f': p->pos++; return '\f';
    case 'n': p->pos++; return '\n';
    case 'r': p->pos++; return '\r';
    case 't': p->pos++; return '\t';
    case 'v': p->pos++; return '\v';
    case 'c': {
        int l = unit(p, 1);
        if ((l >= 'a' && l <= 'z') || (l >= 'A' && l <= 'Z')) {
            p->pos += 2;
            return l % 32;
        }
        if (p->u) {
            fail(p, "Invalid unicode escape");
            return -1;
        }
        if (in_class && ((l >= '0' && l <= '9') || l == '_')) {
            p->pos += 2;
            return l % 32;
        }
        /* "\c" stands for a backslash; the 'c' is read next. */
        return '\\';
    }
    case '0':
        if (!(unit(p, 1) >= '0' && unit(p, 1) <= '9')) {
            p->pos++;
            return 0;
        }
        if (p->u) {
            fail(p, "Invalid decimal escape");
            return -1;
        }
        return legacy_octal(p);
    case 'x': {
        p->pos++;
        int32_t v = read_hex(p, 2);
        if (v >= 0) return v;
        if (p->u) {
            fail(p, "Invalid escape");
            return -1;
        }
        return 'x';
    }
    case 'u': {
        p->pos++;
        int32_t v = unicode_escape(p, p->u);
        if (v >= 0) return v;
        if (v == -1 && p->u) fail(p, "Invalid Unicode escape");
        if (p->u || v == -2) return -1;
        return 'u';
    }
    default: break;
    }
    if (p->u) {
        if (is_syntax_char((uint32_t)c) || c == '/' || (in_class && c == '-')) {
            p->pos++;
            return c;
        }
        fail(p, "Invalid escape");
        return -1;
    }
    if (c >= '1' && c <= '7') return legacy_octal(p); /* only reached inside classes */
    if (c == 'k' && p->named) {
        fail(p, "Invalid named reference");
        return -1;
    }
    /* IdentityEscape: any other source character. */
    return next_char(p);
}

/* ---- character classes ----------------------------------------------------------- */

/* One ClassAtom (not v mode). Either a character (*is_set false, *c) or a
 * class escape (*is_set, set). false after an error. */
static bool class_atom(Parser *p, uint32_t *c, bool *is_set, CharSet *set) {
    *is_set = false;
    if (unit(p, 0) != '\\') {
        *c = next_char(p);
        return true;
    }
    p->pos++;
    int e = unit(p, 0);
    switch (e) {
    case 'd':
    case 'D':
    case 's':
    case 'S':
    case 'w':
    case 'W':
        p->pos++;
        class_escape_set(p, (uint32_t)e, set);
        *is_set = true;
        return true;
    case 'p':
    case 'P':
        if (p->u) {
            p->pos++;
            bool strings;
            if (!property_escape(p, e == 'P', set, NULL, &strings)) return false;
            *is_set = true;
            return true;
        }
        break;
    case 'b':
        p->pos++;
        *c = 8;
        return true;
    case '-':
        if (p->u) {
            p->pos++;
            *c = '-';
            return true;
        }
        break;
    case '8':
    case '9':
        if (!p->u) {
            p->pos++;
            *c = (uint32_t)e;
            return true;
        }
        fail(p, "Invalid class escape");
        return false;
    default:
        if (e >= '1' && e <= '9' && p->u) {
            fail(p, "Invalid class escape");
            return false;
        }
        break;
    }
    int64_t v = character_escape(p, true);
    if (v < 0) return false;
    *c = (uint32_t)v;
    return true;
}

/* CharacterClass (not v mode), pos after '['. */
static ReNode *character_class(Parser *p) {
    bool invert = eat(p, '^');
    CharSet cs, a, b;
    cs_init(&cs);
    cs_init(&a);
    cs_init(&b);
    ReNode *result = NULL;
    for (;;) {
        if (at_end(p)) {
            fail(p, "Unterminated character class");
            goto done;
        }
        if (eat(p, ']')) break;
        uint32_t c1, c2;
        bool set1, set2;
        if (!class_atom(p, &c1, &set1, &a)) goto done;
        if (unit(p, 0) == '-' && unit(p, 1) >= 0 && unit(p, 1) != ']') {
            p->pos++;
            if (!class_atom(p, &c2, &set2, &b)) goto done;
            if (set1 || set2) {
                if (p->u) {
                    fail(p, "Invalid character class");
                    goto done;
                }
                /* CharacterRangeOrUnion (Annex B): both atoms and '-'. */
                if (set1)
                    cs_add_set(&cs, &a);
                else
                    cs_add(&cs, c1);
                if (set2)
                    cs_add_set(&cs, &b);
                else
                    cs_add(&cs, c2);
                cs_add(&cs, '-');
                continue;
            }
            if (c1 > c2) {
                fail(p, "Range out of order in character class");
                goto done;
            }
            cs_add_range(&cs, c1, c2);
            continue;
        }
        if (set1)
            cs_add_set(&cs, &a);
        else
            cs_add(&cs, c1);
    }
    result = class_node(p, &cs, invert);
done:
    cs_free(&cs);
    cs_free(&a);
    cs_free(&b);
    return result;
}

static bool is_class_set_syntax_char(uint32_t c) {
    return c < 128 && c && strchr("()[]{}/-\\|", (int)c);
}

static bool is_class_set_reserved_punct(uint32_t c) {
    return c < 128 && c && strchr("&-!#%,:;<=>@`~", (int)c);
}

static bool is_reserved_double_punct_at(Parser *p) {
    int c = unit(p, 0);
    return c >= 0 && c < 128 && strchr("&!#$%*+,.:;<=>?@^`~", c) && c && unit(p, 1) == c;
}

/* ClassSetCharacter (v mode): -1 after an error, -2 when the text at pos is
 * not a ClassSetCharacter (nothing consumed). */
static int64_t class_set_character(Parser *p) {
    int c = unit(p, 0);
    if (c < 0) return -2;
    if (c == '\\') {
        int e = unit(p, 1);
        if (e == 'b') {
            p->pos += 2;
            return 8;
        }
        if (e >= 0 && is_class_set_reserved_punct((uint32_t)e)) {
            p->pos += 2;
            return e;
        }
        if (e >= 0 && strchr("dDsSwWpPq", e)) return -2;
        p->pos++;
        return character_escape(p, false);
    }
    if (is_reserved_double_punct_at(p)) {
        fail(p, "Invalid set operation in character class");
        return -1;
    }
    if (is_class_set_syntax_char((uint32_t)c)) return -2;
    return next_char(p);
}

static bool class_set_expression(Parser *p, ClassSet *out, bool *may_strings);

/* ClassSetOperand (v mode) into out. *kind: 0 character (value in *ch),
 * 1 other operand. false after an error. */
static bool class_set_operand(Parser *p, ClassSet *out, bool *may_strings, int *kind,
                              uint32_t *ch) {
    classset_init(out);
    *may_strings = false;
    *kind = 1;
    int c = unit(p, 0);
    if (c == '[') {
        p->pos++;
        if (++p->depth > RE_MAX_NESTING) {
            fail(p, "Regular expression too deeply nested");
            return false;
        }
        bool negated = eat(p, '^');
        bool ms;
        if (!class_set_expression(p, out, &ms)) return false;
        p->depth--;
        if (negated) {
            if (ms) {
                fail(p, "Negated character class may contain strings");
                return false;
            }
            character_complement(p, &out->cs);
        }
        *may_strings = negated ? false : ms;
        return true;
    }
    if (c == '\\') {
        int e = unit(p, 1);
        if (e >= 0 && strchr("dDsSwW", e)) {
            p->pos += 2;
            class_escape_set(p, (uint32_t)e, &out->cs);
            return true;
        }
        if (e == 'p' || e == 'P') {
            p->pos += 2;
            return property_escape(p, e == 'P', &out->cs, out, may_strings);
        }
        if (e == 'q') {
            p->pos += 2;
            if (!eat(p, '{')) {
                fail(p, "Invalid escape");
                return false;
            }
            uint32_t buf[256];
            uint32_t n = 0;
            for (;;) {
                if (at_end(p)) {
                    fail(p, "Unterminated class string disjunction");
                    return false;
                }
                if (unit(p, 0) == '|' || unit(p, 0) == '}') {
                    if (n != 1) *may_strings = true;
                    classset_add_string(p, out, buf, n);
                    n = 0;
                    if (p->pos++, p->src[p->pos - 1] == '}') break;
                    continue;
                }
                int64_t v = class_set_character(p);
                if (v == -2) {
                    fail(p, "Invalid character in class string disjunction");
                    return false;
                }
                if (v < 0) return false;
                if (n >= 256) {
                    fail(p, "Class string too long");
                    return false;
                }
                buf[n++] = maybe_fold_char(p, (uint32_t)v);
            }
            return !p->failed;
        }
    }
    int64_t v = class_set_character(p);
    if (v == -2) {
        fail(p, "Invalid character in character class");
        return false;
    }
    if (v < 0) return false;
    *kind = 0;
    *ch = (uint32_t)v;
    cs_add(&out->cs, maybe_fold_char(p, (uint32_t)v));
    return true;
}

/* ClassSetExpression (v mode) up to and including the closing ']'. */
static bool class_set_expression(Parser *p, ClassSet *out, bool *may_strings) {
    classset_init(out);
    *may_strings = false;
    if (eat(p, ']')) return true;
    ClassSet operand;
    bool ms;
    int kind;
    uint32_t ch;
    if (!class_set_operand(p, &operand, &ms, &kind, &ch)) {
        classset_free(&operand);
        return false;
    }
    /* ClassIntersection / ClassSubtraction */
    if ((unit(p, 0) == '&' && unit(p, 1) == '&') || (unit(p, 0) == '-' && unit(p, 1) == '-')) {
        bool intersect = unit(p, 0) == '&';
        classset_free(out);
        *out = operand;
        *may_strings = ms;
        while (!eat(p, ']')) {
            if (intersect ? !(unit(p, 0) == '&' && unit(p, 1) == '&')
                          : !(unit(p, 0) == '-' && unit(p, 1) == '-')) {
                fail(p, "Invalid set operation in character class");
                return false;
            }
            p->pos += 2;
            if (intersect && unit(p, 0) == '&') {
                fail(p, "Invalid set operation in character class");
                return false;
            }
            if (!class_set_operand(p, &operand, &ms, &kind, &ch)) {
                classset_free(&operand);
                return false;
            }
            if (intersect) {
                classset_intersect(out, &operand);
                *may_strings = *may_strings && ms;
            } else {
                classset_subtract(out, &operand);
            }
            classset_free(&operand);
            if (at_end(p)) {
                fail(p, "Unterminated character class");
                return false;
            }
        }
        return !p->failed;
    }
    /* ClassUnion */
    for (;;) {
        if (kind == 0 && unit(p, 0) == '-' && unit(p, 1) != '-') {
            /* ClassSetRange */
            p->pos++;
            int64_t hi = class_set_character(p);
            if (hi == -2) {
                fail(p, "Invalid character class range");
                classset_free(&operand);
                return false;
            }
            if (hi < 0) {
                classset_free(&operand);
                return false;
            }
            if (ch > (uint32_t)hi) {
                fail(p, "Range out of order in character class");
                classset_free(&operand);
                return false;
            }
            CharSet r;
            cs_init(&r);
            cs_add_range(&r, ch, (uint32_t)hi);
            maybe_fold(p, &r);
            cs_add_set(&out->cs, &r);
            cs_free(&r);
            classset_free(&operand);
        } else {
            if (ms) *may_strings = true;
            classset_union(p, out, &operand);
            classset_free(&operand);
        }
        if (p->failed) return false;
        if (eat(p, ']')) return true;
        if (at_end(p)) {
            fail(p, "Unterminated character class");
            return false;
        }
        if ((unit(p, 0) == '&' && unit(p, 1) == '&') || (unit(p, 0) == '-' && unit(p, 1) == '-')) {
            fail(p, "Invalid set operation in character class");
            return false;
        }
        if (!class_set_operand(p, &operand, &ms, &kind, &ch)) {
            classset_free(&operand);
            return false;
        }
    }
}

/* A class with strings becomes an alternation: the strings longest first,
 * then the single characters, then the empty string (#sec-compileatom). */
static ReNode *strings_node(Parser *p, ClassSet *cls) {
    uint32_t n = cls->nstrs;
    bool has_empty = false;
    for (uint32_t i = 0; i < n; i++)
        if (!cls->strs[i].len) has_empty = true;
    /* sort strings by descending length (stable: insertion sort) */
    for (uint32_t i = 1; i < n; i++) {
        ReString s = cls->strs[i];
        uint32_t j = i;
        while (j > 0 && cls->strs[j - 1].len < s.len) {
            cls->strs[j] = cls->strs[j - 1];
            j--;
        }
        cls->strs[j] = s;
    }
    ReNode *alt = node(p, RN_ALT);
    if (!alt) return NULL;
    alt->kids = ra_alloc(p, (n + 2) * sizeof(ReNode *));
    if (!alt->kids) return NULL;
    for (uint32_t i = 0; i < n; i++) {
        if (!cls->strs[i].len) continue;
        ReNode *seq = node(p, RN_SEQ);
        if (!seq) return NULL;
        seq->kids = ra_alloc(p, cls->strs[i].len * sizeof(ReNode *));
        if (!seq->kids) return NULL;
        for (uint32_t k = 0; k < cls->strs[i].len; k++) {
            ReNode *c = node(p, RN_CHAR);
            if (!c) return NULL;
            c->cp = cls->strs[i].cp[k];
            seq->kids[seq->nkids++] = c;
        }
        alt->kids[alt->nkids++] = seq;
    }
    CharSet singles = cls->cs;
    cs_init(&cls->cs);
    ReNode *c = class_node(p, &singles, false);
    cs_free(&singles);
    if (!c) return NULL;
    alt->kids[alt->nkids++] = c;
    if (has_empty) {
        ReNode *e = node(p, RN_EMPTY);
        if (!e) return NULL;
        alt->kids[alt->nkids++] = e;
    }
    return alt;
}

/* CharacterClass in v mode, pos after '['. */
static ReNode *class_v(Parser *p) {
    bool negated = eat(p, '^');
    ClassSet cls;
    bool ms;
    if (!class_set_expression(p, &cls, &ms)) {
        classset_free(&cls);
        return NULL;
    }
    if (negated) {
        if (ms) {
            fail(p, "Negated character class may contain strings");
            classset_free(&cls);
            return NULL;
        }
        character_complement(p, &cls.cs);
    }
    ReNode *n;
    if (cls.nstrs)
        n = strings_node(p, &cls);
    else
        n = class_node(p, &cls.cs, false);
    classset_free(&cls);
    return n;
}

/* ---- atoms and terms ----------------------------------------------------------------- */
static ReNode *disjunction(Parser *p);

static ReNode *char_node(Parser *p, uint32_t c) {
    ReNode *n = node(p, RN_CHAR);
    if (n) n->cp = c;
    return n;
}

static ReNode *set_node(Parser *p, CharSet *cs) {
    return class_node(p, cs, false);
}

/* Parses a braced quantifier "{n}", "{n,}", "{n,m}" at pos; returns false
 * (nothing consumed) if the text is not one. Values saturate. */
static bool braced_quantifier(Parser *p, uint32_t *min, uint32_t *max, bool *out_of_order) {
    size_t save = p->pos;
    *out_of_order = false;
    if (!eat(p, '{')) return false;
    double a = 0, b;
    int digits = 0;
    while (unit(p, 0) >= '0' && unit(p, 0) <= '9') {
        a = a * 10 + (unit(p, 0) - '0');
        p->pos++;
        digits++;
    }
    if (!digits) goto no;
    b = a;
    if (eat(p, ',')) {
        if (unit(p, 0) == '}') {
            b = -1;
        } else {
            b = 0;
            digits = 0;
            while (unit(p, 0) >= '0' && unit(p, 0) <= '9') {
                b = b * 10 + (unit(p, 0) - '0');
                p->pos++;
                digits++;
            }
            if (!digits) goto no;
        }
    }
    if (!eat(p, '}')) goto no;
    *min = a >= RE_INFINITY ? RE_INFINITY - 1 : (uint32_t)a;
    *max = b < 0 || b >= RE_INFINITY ? RE_INFINITY : (uint32_t)b;
    if (b >= 0 && a > b) *out_of_order = true;
    return true;
no:
    p->pos = save;
    return false;
}

/* Decimal escape after '\' at a digit 1-9 outside classes. */
static ReNode *decimal_escape(Parser *p) {
    size_t save = p->pos;
    double n = 0;
    while (unit(p, 0) >= '0' && unit(p, 0) <= '9') {
        n = n * 10 + (unit(p, 0) - '0');
        p->pos++;
    }
    if (n <= p->total_caps) {
        ReNode *r = node(p, RN_BACKREF);
        if (!r) return NULL;
        r->groups = ra_alloc(p, sizeof(uint32_t));
        if (!r->groups) return NULL;
        r->groups[0] = (uint32_t)n;
        r->ngroups = 1;
        return r;
    }
    if (p->u) {
        fail(p, "Invalid escape");
        return NULL;
    }
    p->pos = save;
    int c = unit(p, 0);
    if (c == '8' || c == '9') {
        p->pos++;
        return char_node(p, (uint32_t)c);
    }
    return char_node(p, legacy_octal(p));
}

static ReNode *atom_escape(Parser *p) {
    /* pos after '\' */
    int c = unit(p, 0);
    if (c < 0) {
        fail(p, "\\ at end of pattern");
        return NULL;
    }
    if (c >= '1' && c <= '9') return decimal_escape(p);
    CharSet cs;
    cs_init(&cs);
    switch (c) {
    case 'd':
    case 'D':
    case 's':
    case 'S':
    case 'w':
    case 'W': {
        p->pos++;
        class_escape_set(p, (uint32_t)c, &cs);
        ReNode *n = set_node(p, &cs);
        cs_free(&cs);
        return n;
    }
    case 'p':
    case 'P':
        if (p->u) {
            p->pos++;
            ClassSet cls;
            classset_init(&cls);
            bool ms;
            ReNode *n = NULL;
            if (property_escape(p, c == 'P', &cls.cs, &cls, &ms))
                n = cls.nstrs ? strings_node(p, &cls) : set_node(p, &cls.cs);
            classset_free(&cls);
            return n;
        }
        break;
    case 'k':
        if (p->named) {
            p->pos++;
            if (!eat(p, '<')) {
                fail(p, "Invalid named reference");
                return NULL;
            }
            uint16_t *name;
            uint32_t len;
            if (!group_name(p, &name, &len)) return NULL;
            ReNode *r = node(p, RN_BACKREF);
            if (!r) return NULL;
            if (!grow(p, (void **)&p->refs, &p->cap_refs, p->nrefs + 1, sizeof(NameRef)))
                return NULL;
            p->refs[p->nrefs++] = (NameRef){r, name, len};
            return r;
        }
        break;
    default: break;
    }
    int64_t v = character_escape(p, false);
    if (v < 0) return NULL;
    return char_node(p, (uint32_t)v);
}

/* Group forms after '('. *quantifiable tells whether a quantifier may follow. */
static ReNode *group(Parser *p, bool *quantifiable) {
    *quantifiable = true;
    if (++p->depth > RE_MAX_NESTING) {
        fail(p, "Regular expression too deeply nested");
        return NULL;
    }
    ReNode *n = NULL;
    uint8_t saved_fl = p->fl;
    if (eat(p, '?')) {
        int c = unit(p, 0);
        if (c == '=' || c == '!') {
            p->pos++;
            n = node(p, RN_LOOK);
            if (!n) return NULL;
            n->negative = c == '!';
            *quantifiable = !p->u;
        } else if (c == '<' && (unit(p, 1) == '=' || unit(p, 1) == '!')) {
            n = node(p, RN_LOOK);
            if (!n) return NULL;
            n->behind = true;
            n->negative = unit(p, 1) == '!';
            p->pos += 2;
            *quantifiable = false;
        } else if (c == '<') {
            p->pos++;
            uint16_t *name;
            uint32_t len;
            if (!group_name(p, &name, &len)) return NULL;
            uint32_t index = ++p->next_cap;
            GroupName *names = p->rp->names;
            for (uint32_t i = 0; i < p->nactive; i++) {
                GroupName *g = &names[p->active[i]];
                if (same_name(g->name, g->len, name, len)) {
                    fail(p, "Duplicate capture group name");
                    return NULL;
                }
            }
            if (!grow(p, (void **)&p->active, &p->cap_active, p->nactive + 1, sizeof(uint32_t)))
                return NULL;
            p->active[p->nactive++] = index;
            names[index].name = name;
            names[index].len = len;
            p->rp->has_names = true;
            n = node(p, RN_GROUP);
            if (!n) return NULL;
            n->index = index;
        } else {
            /* (?: and modifiers (?ims-ims: */
            unsigned add = 0, remove = 0;
            bool dash = false;
            for (;;) {
                int m = unit(p, 0);
                unsigned bit = m == 'i'   ? RNF_ICASE
                               : m == 'm' ? RNF_MULTILINE
                               : m == 's' ? RNF_DOTALL
                                          : 0;
                if (bit) {
                    unsigned *target = dash ? &remove : &add;
                    if ((add | remove) & bit) {
                        fail(p, "Repeated flag in regular expression modifiers");
                        return NULL;
                    }
                    *target |= bit;
                    p->pos++;
                } else if (m == '-' && !dash) {
                    dash = true;
                    p->pos++;
                } else if (m == ':') {
                    p->pos++;
                    break;
                } else {
                    fail(p, "Invalid group");
                    return NULL;
                }
            }
            if (dash && !add && !remove) {
                fail(p, "Invalid regular expression modifiers");
                return NULL;
            }
            p->fl = (uint8_t)((p->fl | add) & ~remove);
            n = node(p, RN_MODIFIED);
            if (!n) return NULL;
        }
    } else {
        n = node(p, RN_GROUP);
        if (!n) return NULL;
        n->index = ++p->next_cap;
    }
    n->child = disjunction(p);
    p->fl = saved_fl;
    if (p->failed) return NULL;
    if (!eat(p, ')')) {
        fail(p, "Unterminated group");
        return NULL;
    }
    p->depth--;
    return n;
}

/* Term; NULL at the end of an alternative (| or ) or end) with no error. */
static ReNode *term(Parser *p) {
    int c = unit(p, 0);
    ReNode *atom = NULL;
    bool quantifiable = true;
    uint32_t cap_before = p->next_cap;
    switch (c) {
    case '^':
        p->pos++;
        atom = node(p, RN_BOL);
        quantifiable = false;
        break;
    case '$':
        p->pos++;
        atom = node(p, RN_EOL);
        quantifiable = false;
        break;
    case '\\':
        if (unit(p, 1) == 'b' || unit(p, 1) == 'B') {
            atom = node(p, RN_WORDB);
            if (atom) atom->negative = unit(p, 1) == 'B';
            p->pos += 2;
            quantifiable = false;
            break;
        }
        p->pos++;
        atom = atom_escape(p);
        break;
    case '(':
        p->pos++;
        atom = group(p, &quantifiable);
        break;
    case '.':
        p->pos++;
        atom = node(p, RN_DOT);
        break;
    case '[':
        p->pos++;
        if (++p->depth > RE_MAX_NESTING) {
            fail(p, "Regular expression too deeply nested");
            return NULL;
        }
        atom = p->v ? class_v(p) : character_class(p);
        p->depth--;
        break;
    case '*':
    case '+':
    case '?': fail(p, "Nothing to repeat"); return NULL;
    case '{': {
        uint32_t mn, mx;
        bool ooo;
        if (braced_quantifier(p, &mn, &mx, &ooo)) {
            fail(p, "Nothing to repeat");
            return NULL;
        }
        if (p->u) {
            fail(p, "Lone quantifier brackets");
            return NULL;
        }
        p->pos++;
        atom = char_node(p, '{');
        break;
    }
    case '}':
    case ']':
        if (p->u) {
            fail(p, "Lone quantifier brackets");
            return NULL;
        }
        p->pos++;
        atom = char_node(p, (uint32_t)c);
        break;
    default: atom = char_node(p, next_char(p)); break;
    }
    if (!atom || p->failed) return NULL;
    /* Quantifier */
    uint32_t min, max;
    int q = unit(p, 0);
    bool has_q = true;
    if (q == '*') {
        min = 0, max = RE_INFINITY;
        p->pos++;
    } else if (q == '+') {
        min = 1, max = RE_INFINITY;
        p->pos++;
    } else if (q == '?') {
        min = 0, max = 1;
        p->pos++;
    } else if (q == '{') {
        bool ooo;
        if (braced_quantifier(p, &min, &max, &ooo)) {
            if (ooo) {
                fail(p, "numbers out of order in {} quantifier");
                return NULL;
            }
        } else {
            if (p->u) {
                fail(p, "Incomplete quantifier");
                return NULL;
            }
            has_q = false;
        }
    } else {
        has_q = false;
    }
    if (!has_q) return atom;
    if (!quantifiable) {
        fail(p, "Nothing to repeat");
        return NULL;
    }
    ReNode *qn = node(p, RN_QUANT);
    if (!qn) return NULL;
    qn->min = min;
    qn->max = max;
    qn->greedy = !eat(p, '?');
    qn->child = atom;
    qn->cap_lo = cap_before + 1;
    qn->cap_hi = p->next_cap + 1;
    return qn;
}

static ReNode *alternative(Parser *p) {
    ReNode **kids = NULL;
    uint32_t n = 0, cap = 0;
    while (!at_end(p) && unit(p, 0) != '|' && unit(p, 0) != ')') {
        ReNode *t = term(p);
        if (!t) break;
        if (!grow(p, (void **)&kids, &cap, n + 1, sizeof(ReNode *))) break;
        kids[n++] = t;
    }
    ReNode *seq = NULL;
    if (!p->failed) {
        if (n == 1) {
            seq = kids[0];
        } else if ((seq = node(p, n ? RN_SEQ : RN_EMPTY)) && n) {
            seq->kids = ra_alloc(p, n * sizeof(ReNode *));
            if (seq->kids) {
                memcpy(seq->kids, kids, n * sizeof(ReNode *));
                seq->nkids = n;
            }
        }
    }
    free(kids);
    return p->failed ? NULL : seq;
}

static ReNode *disjunction(Parser *p) {
    uint32_t active_base = p->nactive, stash_base = p->nstash;
    ReNode **kids = NULL;
    uint32_t n = 0, cap = 0;
    for (;;) {
        ReNode *a = alternative(p);
        if (!a) break;
        if (!grow(p, (void **)&kids, &cap, n + 1, sizeof(ReNode *))) break;
        kids[n++] = a;
        if (!eat(p, '|')) break;
        /* Names of this alternative cannot participate with the next one's. */
        uint32_t moved = p->nactive - active_base;
        if (!grow(p, (void **)&p->stash, &p->cap_stash, p->nstash + moved, sizeof(uint32_t))) break;
        if (moved) memcpy(p->stash + p->nstash, p->active + active_base, moved * sizeof(uint32_t));
        p->nstash += moved;
        p->nactive = active_base;
    }
    ReNode *r = NULL;
    if (!p->failed) {
        uint32_t moved = p->nstash - stash_base;
        if (grow(p, (void **)&p->active, &p->cap_active, p->nactive + moved, sizeof(uint32_t))) {
            if (moved)
                memcpy(p->active + p->nactive, p->stash + stash_base, moved * sizeof(uint32_t));
            p->nactive += moved;
            p->nstash = stash_base;
        }
        if (n == 1) {
            r = kids[0];
        } else if ((r = node(p, RN_ALT))) {
            r->kids = ra_alloc(p, n * sizeof(ReNode *));
            if (r->kids) {
                memcpy(r->kids, kids, n * sizeof(ReNode *));
                r->nkids = n;
            }
        }
    }
    free(kids);
    return p->failed ? NULL : r;
}

/* ---- entry -------------------------------------------------------------------------- */

static bool resolve_named_refs(Parser *p) {
    for (uint32_t i = 0; i < p->nrefs; i++) {
        NameRef *ref = &p->refs[i];
        uint32_t count = 0;
        for (uint32_t g = 1; g < p->rp->ncaps; g++)
            if (p->rp->names[g].name &&
                same_name(p->rp->names[g].name, p->rp->names[g].len, ref->name, ref->len))
                count++;
        if (!count) {
            fail(p, "Invalid named capture referenced");
            return false;
        }
        ref->node->groups = ra_alloc(p, count * sizeof(uint32_t));
        if (!ref->node->groups) return false;
        for (uint32_t g = 1; g < p->rp->ncaps; g++)
            if (p->rp->names[g].name &&
                same_name(p->rp->names[g].name, p->rp->names[g].len, ref->name, ref->len))
                ref->node->groups[ref->node->ngroups++] = g;
    }
    return true;
}

int re_parse(ReParse *rp, const uint16_t *src, size_t len, uint32_t flags, char *err,
             size_t err_size, bool *oom) {
    memset(rp, 0, sizeof(*rp));
    rp->flags = flags;
    Parser p;
    memset(&p, 0, sizeof(p));
    p.src = src;
    p.len = len;
    p.u = flags & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS);
    p.v = flags & RE_FLAG_UNICODE_SETS;
    p.fl = (uint8_t)(((flags & RE_FLAG_IGNORE_CASE) ? RNF_ICASE : 0) |
                     ((flags & RE_FLAG_MULTILINE) ? RNF_MULTILINE : 0) |
                     ((flags & RE_FLAG_DOT_ALL) ? RNF_DOTALL : 0));
    p.rp = rp;
    p.err = err;
    p.err_size = err_size;
    if (err_size) err[0] = 0;
    bool has_names;
    prescan(&p, &p.total_caps, &has_names);
    p.named = p.u || has_names;
    if (p.total_caps >= RE_MAX_CAPTURES) {
        fail(&p, "Too many capture groups");
    } else {
        rp->ncaps = p.total_caps + 1;
        rp->names = calloc(rp->ncaps, sizeof(GroupName));
        if (!rp->names) fail_oom(&p);
    }
    if (!p.failed) {
        rp->root = disjunction(&p);
        if (!p.failed && !at_end(&p))
            fail(&p, unit(&p, 0) == ')' ? "Unmatched ')'" : "Unexpected character");
        if (!p.failed && p.next_cap != p.total_caps) fail(&p, "Invalid capture group count");
        if (!p.failed) resolve_named_refs(&p);
    }
    free(p.active);
    free(p.stash);
    free(p.refs);
    if (oom) *oom = p.oom;
    if (p.failed) {
        re_parse_free(rp);
        return -1;
    }
    return 0;
}

void re_parse_free(ReParse *rp) {
    for (uint32_t i = 0; i < rp->nclasses; i++)
        classset_free(&rp->classes[i]);
    free(rp->classes);
    free(rp->names);
    ReArenaBlock *b = rp->arena;
    while (b) {
        ReArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    memset(rp, 0, sizeof(*rp));
}
