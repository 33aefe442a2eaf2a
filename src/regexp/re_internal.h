/*
 * re_internal.h — shared between the regexp parser (re_parse.c), character
 * sets (re_charset.c), the compiler (re_compile.c) and the matcher
 * (re_exec.c). Private to src/regexp.
 *
 * Pipeline: pattern units --re_parse--> ReNode tree (arena) + class table
 * --re_compile--> RegexpProgram (code words, classes, group names).
 */
#ifndef MICA_RE_INTERNAL_H
#define MICA_RE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "regexp/regexp.h"

#define RE_MAX_CODE_POINT 0x10FFFFu
#define RE_INFINITY 0xFFFFFFFFu /* a quantifier's unbounded max */
#define RE_MAX_NESTING 256      /* groups/classes nested deeper are a SyntaxError */
#define RE_MAX_CAPTURES 65535

/* ---- character sets ------------------------------------------------------
 * A CharSet is a sorted list of disjoint, non-adjacent inclusive ranges of
 * code points (or code units, outside u/v mode). Operations that allocate
 * set cs->oom instead of failing loudly; callers check it once at the end. */
typedef struct CRange {
    uint32_t lo, hi;
} CRange;

typedef struct CharSet {
    CRange *r;
    uint32_t n, cap;
    bool oom;
} CharSet;

void cs_init(CharSet *cs);
void cs_free(CharSet *cs);
void cs_clear(CharSet *cs);
void cs_normalize(CharSet *cs); /* sort and merge (queries do it themselves) */
void cs_add_range(CharSet *cs, uint32_t lo, uint32_t hi); /* any order of calls */
void cs_add(CharSet *cs, uint32_t c);
void cs_add_set(CharSet *cs, const CharSet *other);
void cs_copy(CharSet *dst, const CharSet *src);
void cs_intersect(CharSet *cs, const CharSet *other);
void cs_subtract(CharSet *cs, const CharSet *other);
void cs_complement(CharSet *cs, uint32_t max); /* relative to [0, max] */
bool cs_contains(const CharSet *cs, uint32_t c);
bool cs_is_single(const CharSet *cs, uint32_t *c); /* exactly one element */
/* The set of canonicalized members: { Canonicalize(c) | c in cs }. */
void cs_canonicalize(CharSet *cs, bool unicode);
/* Code points c with scf(c) == c (AllCharacters under v + i). */
void cs_fold_fixed_points(CharSet *out);
/* Canonicalize ( rer, ch ) for a case-insensitive pattern. */
uint32_t re_canonicalize(uint32_t c, bool unicode);

/* ---- class sets with strings (v flag) --------------------------------------
 * Strings of length != 1 (code points) of a v-mode class; single code
 * points always live in the CharSet. */
typedef struct ReString {
    uint32_t *cp;
    uint32_t len;
} ReString;

typedef struct ClassSet {
    CharSet cs;
    ReString *strs;
    uint32_t nstrs, cap;
} ClassSet;

/* ---- the pattern tree ------------------------------------------------------- */
typedef enum ReNodeKind {
    RN_EMPTY,
    RN_CHAR,  /* cp */
    RN_CLASS, /* cls: index into the class table; invert */
    RN_DOT,
    RN_SEQ,      /* kids */
    RN_ALT,      /* kids */
    RN_GROUP,    /* capture index, child */
    RN_MODIFIED, /* (?ims-ims: ...) child; node flags already applied inside */
    RN_LOOK,     /* behind, negative, child */
    RN_BACKREF,  /* groups[] (several for a duplicated name) */
    RN_BOL,
    RN_EOL,
    RN_WORDB,   /* negative: \B */
    RN_QUANT,   /* min, max, greedy, child; cap_lo..cap_hi captures inside */
    RN_STRINGS, /* v-mode class with strings: alternatives of strings, then class `cls` */
} ReNodeKind;

/* Modifier state recorded on each node: the i, m, s flags in effect. */
enum { RNF_ICASE = 1, RNF_MULTILINE = 2, RNF_DOTALL = 4 };

typedef struct ReNode ReNode;
struct ReNode {
    uint8_t kind;
    uint8_t fl; /* RNF_* in effect */
    bool greedy, behind, negative, invert;
    uint32_t cp;
    uint32_t min, max;
    uint32_t index;          /* capture index (RN_GROUP), class index */
    uint32_t cap_lo, cap_hi; /* captures inside [cap_lo, cap_hi) for RN_QUANT */
    ReNode *child;
    ReNode **kids;
    uint32_t nkids;
    uint32_t *groups; /* RN_BACKREF */
    uint32_t ngroups;
};

typedef struct GroupName {
    uint16_t *name; /* UTF-16 */
    uint32_t len;
} GroupName;

/* The parse result handed to the compiler. */
typedef struct ReParse {
    ReNode *root;
    uint32_t ncaps;   /* capture groups + 1 */
    GroupName *names; /* [ncaps], name.name NULL when unnamed */
    bool has_names;
    ClassSet *classes; /* class table */
    uint32_t nclasses;
    uint32_t flags;
    /* arena of nodes and small arrays */
    struct ReArenaBlock *arena;
} ReParse;

/* Parses; 0 on success, -1 with err filled (syntax error or "out of memory",
 * *oom set for the latter). re_parse_free releases everything. */
int re_parse(ReParse *rp, const uint16_t *src, size_t len, uint32_t flags, char *err,
             size_t err_size, bool *oom);
void re_parse_free(ReParse *rp);

/* ---- bytecode ----------------------------------------------------------------
 * Code is an array of 32-bit words: the first word of an instruction holds
 * the opcode in its low 8 bits and RX_F_* modifier bits above; operands
 * follow. Jump operands are absolute word indices. */
typedef enum RxOp {
    RX_MATCH,        /* success */
    RX_CHAR,         /* c: one character equal to c (canonical c with RX_F_ICASE) */
    RX_STR,          /* n, c1..cn: a run of code units, forward, no case folding */
    RX_ANY,          /* any character */
    RX_DOT,          /* any character but a line terminator */
    RX_CLASS,        /* class index (RX_F_INVERT, RX_F_ICASE) */
    RX_BOL,          /* ^ (RX_F_MULTI: after a line terminator too) */
    RX_EOL,          /* $ */
    RX_WORDB,        /* \b (RX_F_INVERT: \B; RX_F_ICASE: unicode+ignoreCase word set) */
    RX_SAVE,         /* slot */
    RX_RESET,        /* lo, hi: captures [lo, hi) become undefined */
    RX_JMP,          /* target */
    RX_SPLIT,        /* target: try the next instruction first, target on backtrack */
    RX_SPLIT_PREFER, /* target: try target first, the next instruction on backtrack */
    RX_SET_COUNTER,  /* reg: reg = 0 */
    RX_LOOP,         /* cnt_reg, pos_reg, min, max, body, exit (RX_F_GREEDY) */
    RX_LOOP_ENTER,   /* pos_reg, body: pos_reg = position, go to body */
    RX_LOOP_END,     /* cnt_reg, pos_reg, min, head: empty check, count++ */
    RX_REPEAT1,      /* min, max (RX_F_GREEDY); a single-character op follows, then the rest */
    RX_BACKREF,      /* n, g1..gn (RX_F_ICASE, RX_F_BACK) */
    RX_LOOK,         /* reg, end (RX_F_BACK... kind in RX_F_NEG) */
    RX_LOOK_END,     /* reg */
    RX_FAIL,
    RX_OP_COUNT
} RxOp;

enum {
    RX_F_ICASE = 1 << 8,
    RX_F_INVERT = 1 << 9,
    RX_F_MULTI = 1 << 10,
    RX_F_BACK = 1 << 11, /* reads backward (inside a lookbehind) */
    RX_F_GREEDY = 1 << 12,
    RX_F_NEG = 1 << 13,     /* negative lookaround */
    RX_F_UNICODE = 1 << 14, /* RX_WORDB / RX_BACKREF under u/v */
};
#define RX_OP(w) ((w)&0xFF)

/* A compiled class: Latin-1 bitmap (already canonicalized and inverted as
 * the instruction demands, so a unit < 256 is one bit test) and ranges for
 * the rest (canonical when the class is case-insensitive). */
typedef struct RxClass {
    uint32_t bits[8];
    CRange *ranges;
    uint32_t nranges;
} RxClass;

struct RegexpProgram {
    uint32_t *code;
    uint32_t code_len;
    uint32_t flags;
    uint32_t ncaps; /* including group 0 */
    uint32_t nregs; /* loop counters and positions */
    RxClass *classes;
    uint32_t nclasses;
    GroupName *names; /* [ncaps] */
    bool has_names;
    /* Scanning: the pattern can only start with a unit whose bit is set in
     * first_bits (for units < 256) or, when first_wide is set, any unit >= 256.
     * first_any: no information (the pattern may match empty or start
     * anywhere). first_unit >= 0: exactly one possible first unit. */
    uint32_t first_bits[8];
    bool first_wide, first_any;
    int32_t first_unit;
    bool anchored; /* every match starts at 0 (^ without m) */
    /* A literal every match contains (NULL if none), starting between
     * lit_min and lit_max (RE_INFINITY: unbounded) units after the match
     * start. */
    uint16_t *lit;
    uint8_t *lit8;   /* the same units as bytes, when lit_latin1 */
    bool lit_latin1; /* every unit < 256: a Latin-1 subject may contain it */
    uint32_t lit_len, lit_min, lit_max;
};

int re_compile_tree(ReParse *rp, RegexpProgram *prog);

/* Word characters: [A-Za-z0-9_] */
static inline bool re_is_word_char(uint32_t c) {
    return c < 128 && ((c | 0x20) - 'a' < 26 || c - '0' < 10 || c == '_');
}

#endif
