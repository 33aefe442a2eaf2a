/*
 * re_compile.c — pattern tree to regex bytecode (CompilePattern —
 * #sec-compilepattern, realized as code for the backtracking matcher of
 * re_exec.c instead of closures).
 *
 * Direction: the body of a lookbehind is compiled backward
 * (#sec-compilesubpattern): sequences are emitted last term first and every
 * character op carries RX_F_BACK. Quantifiers over one character without
 * captures become RX_REPEAT1 (constant backtrack state); every other
 * quantifier is a counted loop with the spec's empty-iteration check and
 * capture reset (RepeatMatcher — #sec-runtime-semantics-repeatmatcher-abstract-operation).
 */
#include <stdlib.h>
#include <string.h>
#include "regexp/re_internal.h"
#include "util/unicode.h"

typedef struct Compiler {
    RegexpProgram *prog;
    ReParse *rp;
    uint32_t *code;
    uint32_t len, cap;
    bool unicode; /* u or v */
    bool oom;
    bool too_big;
} Compiler;

#define RE_MAX_CODE_WORDS (64u * 1024 * 1024 / 4)

static void emit(Compiler *c, uint32_t w) {
    if (c->oom) return;
    if (c->len == c->cap) {
        if (c->cap >= RE_MAX_CODE_WORDS) {
            c->oom = c->too_big = true;
            return;
        }
        uint32_t ncap = c->cap ? c->cap * 2 : 64;
        uint32_t *n = realloc(c->code, ncap * sizeof(uint32_t));
        if (!n) {
            c->oom = true;
            return;
        }
        c->code = n;
        c->cap = ncap;
    }
    c->code[c->len++] = w;
}

static void patch(Compiler *c, uint32_t at, uint32_t v) {
    if (!c->oom) c->code[at] = v;
}

static uint32_t canon(Compiler *c, uint32_t cp) {
    return re_canonicalize(cp, c->unicode);
}

static bool is_single_char(const ReNode *n) {
    return n->kind == RN_CHAR || n->kind == RN_CLASS || n->kind == RN_DOT;
}

static void emit_single(Compiler *c, const ReNode *n, uint32_t back) {
    switch (n->kind) {
    case RN_CHAR:
        if (n->fl & RNF_ICASE) {
            emit(c, RX_CHAR | RX_F_ICASE | back);
            emit(c, canon(c, n->cp));
        } else {
            emit(c, RX_CHAR | back);
            emit(c, n->cp);
        }
        break;
    case RN_CLASS:
        emit(c, RX_CLASS | back | (n->invert ? RX_F_INVERT : 0) |
                    ((n->fl & RNF_ICASE) ? RX_F_ICASE : 0));
        emit(c, n->index);
        break;
    case RN_DOT: emit(c, ((n->fl & RNF_DOTALL) ? RX_ANY : RX_DOT) | back); break;
    default: break;
    }
}

static void compile_node(Compiler *c, const ReNode *n, bool back);

/* A run of plain characters starting at kids[i] (forward, case-sensitive,
 * no surrogates in u mode): emitted as one RX_STR. Returns how many kids it
 * consumed (0: not a run). */
static uint32_t emit_string_run(Compiler *c, ReNode *const *kids, uint32_t i, uint32_t n) {
    uint32_t j = i;
    while (j < n && kids[j]->kind == RN_CHAR && !(kids[j]->fl & RNF_ICASE) &&
           (c->unicode ? (kids[j]->cp < 0xD800 || (kids[j]->cp > 0xDFFF && kids[j]->cp < 0x10000))
                       : true))
        j++;
    if (j - i < 2) return 0;
    emit(c, RX_STR);
    emit(c, j - i);
    for (uint32_t k = i; k < j; k++)
        emit(c, kids[k]->cp);
    return j - i;
}

static void compile_quant(Compiler *c, const ReNode *n, bool back) {
    uint32_t bflag = back ? RX_F_BACK : 0;
    if (n->max == 0) return;
    if (n->min == 1 && n->max == 1) {
        compile_node(c, n->child, back);
        return;
    }
    if (!back && is_single_char(n->child)) {
        emit(c, RX_REPEAT1 | (n->greedy ? RX_F_GREEDY : 0));
        emit(c, n->min);
        emit(c, n->max);
        emit_single(c, n->child, bflag);
        return;
    }
    uint32_t cnt = c->prog->nregs++, pos = c->prog->nregs++;
    emit(c, RX_SET_COUNTER);
    emit(c, cnt);
    uint32_t head = c->len;
    emit(c, RX_LOOP | (n->greedy ? RX_F_GREEDY : 0));
    emit(c, cnt);
    emit(c, pos);
    emit(c, n->min);
    emit(c, n->max);
    uint32_t body_at = c->len;
    emit(c, 0);
    uint32_t exit_at = c->len;
    emit(c, 0);
    patch(c, body_at, c->len);
    if (n->cap_lo < n->cap_hi) {
        emit(c, RX_RESET);
        emit(c, 2 * n->cap_lo);
        emit(c, 2 * n->cap_hi);
    }
    compile_node(c, n->child, back);
    emit(c, RX_LOOP_END);
    emit(c, cnt);
    emit(c, pos);
    emit(c, n->min);
    emit(c, head);
    patch(c, exit_at, c->len);
}

static void compile_node(Compiler *c, const ReNode *n, bool back) {
    uint32_t bflag = back ? RX_F_BACK : 0;
    switch (n->kind) {
    case RN_EMPTY: break;
    case RN_CHAR:
    case RN_CLASS:
    case RN_DOT: emit_single(c, n, bflag); break;
    case RN_SEQ:
        if (back) {
            for (uint32_t i = n->nkids; i-- > 0;)
                compile_node(c, n->kids[i], back);
        } else {
            for (uint32_t i = 0; i < n->nkids;) {
                uint32_t k = emit_string_run(c, n->kids, i, n->nkids);
                if (k) {
                    i += k;
                } else {
                    compile_node(c, n->kids[i], back);
                    i++;
                }
            }
        }
        break;
    case RN_ALT: {
        /* SPLIT next_alt; alt; JMP end; next_alt: ... */
        uint32_t *jumps = malloc(n->nkids * sizeof(uint32_t));
        if (!jumps) {
            c->oom = true;
            return;
        }
        for (uint32_t i = 0; i < n->nkids; i++) {
            uint32_t split_at = 0;
            if (i + 1 < n->nkids) {
                emit(c, RX_SPLIT);
                split_at = c->len;
                emit(c, 0);
            }
            compile_node(c, n->kids[i], back);
            if (i + 1 < n->nkids) {
                emit(c, RX_JMP);
                jumps[i] = c->len;
                emit(c, 0);
                patch(c, split_at, c->len);
            }
        }
        for (uint32_t i = 0; i + 1 < n->nkids; i++)
            patch(c, jumps[i], c->len);
        free(jumps);
        break;
    }
    case RN_GROUP:
        emit(c, RX_SAVE);
        emit(c, 2 * n->index + (back ? 1 : 0));
        compile_node(c, n->child, back);
        emit(c, RX_SAVE);
        emit(c, 2 * n->index + (back ? 0 : 1));
        break;
    case RN_MODIFIED: compile_node(c, n->child, back); break;
    case RN_LOOK: {
        uint32_t reg = c->prog->nregs++;
        emit(c, RX_LOOK | (n->negative ? RX_F_NEG : 0));
        emit(c, reg);
        uint32_t end_at = c->len;
        emit(c, 0);
        compile_node(c, n->child, n->behind);
        emit(c, RX_LOOK_END);
        emit(c, reg);
        patch(c, end_at, c->len);
        break;
    }
    case RN_BACKREF:
        emit(c, RX_BACKREF | bflag | ((n->fl & RNF_ICASE) ? RX_F_ICASE : 0) |
                    (c->unicode ? RX_F_UNICODE : 0));
        emit(c, n->ngroups);
        for (uint32_t i = 0; i < n->ngroups; i++)
            emit(c, n->groups[i]);
        break;
    case RN_BOL: emit(c, RX_BOL | ((n->fl & RNF_MULTILINE) ? RX_F_MULTI : 0)); break;
    case RN_EOL: emit(c, RX_EOL | ((n->fl & RNF_MULTILINE) ? RX_F_MULTI : 0)); break;
    case RN_WORDB:
        emit(c, RX_WORDB | (n->negative ? RX_F_INVERT : 0) |
                    ((n->fl & RNF_ICASE) && c->unicode ? RX_F_ICASE : 0));
        break;
    case RN_QUANT: compile_quant(c, n, back); break;
    default: break;
    }
}

/* ---- classes -------------------------------------------------------------------- */

/* The case-insensitivity of each class comes from the node that uses it. */
static void mark_class_icase(const ReNode *n, uint8_t *icase, uint8_t *invert) {
    if (!n) return;
    if (n->kind == RN_CLASS) {
        icase[n->index] = (n->fl & RNF_ICASE) != 0;
        invert[n->index] = n->invert;
    }
    mark_class_icase(n->child, icase, invert);
    for (uint32_t i = 0; i < n->nkids; i++)
        mark_class_icase(n->kids[i], icase, invert);
}

static bool ranges_contain(const CRange *r, uint32_t n, uint32_t c) {
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (c < r[mid].lo)
            hi = mid;
        else if (c > r[mid].hi)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

static bool build_classes(Compiler *c) {
    ReParse *rp = c->rp;
    RegexpProgram *prog = c->prog;
    if (!rp->nclasses) return true;
    uint8_t *icase = calloc(rp->nclasses, 2);
    prog->classes = calloc(rp->nclasses, sizeof(RxClass));
    if (!icase || !prog->classes) {
        free(icase);
        return false;
    }
    uint8_t *invert = icase + rp->nclasses;
    mark_class_icase(rp->root, icase, invert);
    prog->nclasses = rp->nclasses;
    for (uint32_t k = 0; k < rp->nclasses; k++) {
        CharSet *cs = &rp->classes[k].cs;
        RxClass *rc = &prog->classes[k];
        if (icase[k]) cs_canonicalize(cs, c->unicode);
        cs_normalize(cs);
        if (cs->oom) {
            free(icase);
            return false;
        }
        /* cs is normalized now: test membership without re-checking order
         * (cs_contains would, for each of the 256 units). */
        for (uint32_t ch = 0; ch < 256; ch++) {
            bool in = ranges_contain(cs->r, cs->n, icase[k] ? canon(c, ch) : ch);
            if (in != (bool)invert[k]) rc->bits[ch >> 5] |= 1u << (ch & 31);
        }
        rc->nranges = cs->n;
        if (cs->n) {
            rc->ranges = malloc(cs->n * sizeof(CRange));
            if (!rc->ranges) {
                free(icase);
                return false;
            }
            memcpy(rc->ranges, cs->r, cs->n * sizeof(CRange));
        }
    }
    free(icase);
    return true;
}

/* ---- scan hints ---------------------------------------------------------------------- */
typedef struct FirstSet {
    uint32_t bits[8];
    bool wide, any;
} FirstSet;

static void fs_add(FirstSet *fs, uint32_t c) {
    if (c < 256)
        fs->bits[c >> 5] |= 1u << (c & 31);
    else
        fs->wide = true;
}

/* Adds the possible first code units of n; returns whether n can match
 * without consuming anything. */
static bool first_set(Compiler *c, const ReNode *n, FirstSet *fs, int depth) {
    if (fs->any) return true;
    if (depth > 64) {
        fs->any = true;
        return true;
    }
    switch (n->kind) {
    case RN_EMPTY:
    case RN_LOOK:
    case RN_BOL:
    case RN_EOL:
    case RN_WORDB: return true;
    case RN_CHAR:
        if (n->fl & RNF_ICASE) {
            uint32_t k = canon(c, n->cp);
            for (uint32_t ch = 0; ch < 256; ch++)
                if (canon(c, ch) == k) fs_add(fs, ch);
            fs->wide = true;
        } else if (n->cp >= 0x10000) {
            fs->wide = true;
        } else {
            fs_add(fs, n->cp);
        }
        return false;
    case RN_CLASS: {
        RxClass *rc = &c->prog->classes[n->index];
        for (int i = 0; i < 8; i++)
            fs->bits[i] |= rc->bits[i];
        if (n->invert || (n->fl & RNF_ICASE) ||
            (rc->nranges && rc->ranges[rc->nranges - 1].hi >= 256))
            fs->wide = true;
        return false;
    }
    case RN_DOT:
    case RN_BACKREF: fs->any = true; return true;
    case RN_SEQ:
        for (uint32_t i = 0; i < n->nkids; i++)
            if (!first_set(c, n->kids[i], fs, depth + 1)) return false;
        return true;
    case RN_ALT: {
        bool nullable = false;
        for (uint32_t i = 0; i < n->nkids; i++)
            if (first_set(c, n->kids[i], fs, depth + 1)) nullable = true;
        return nullable;
    }
    case RN_GROUP:
    case RN_MODIFIED: return first_set(c, n->child, fs, depth + 1);
    case RN_QUANT:
        if (n->max == 0) return true;
        return first_set(c, n->child, fs, depth + 1) || n->min == 0;
    default: fs->any = true; return true;
    }
}

static bool anchored_at_start(const ReNode *n, int depth) {
    if (depth > 64) return false;
    switch (n->kind) {
    case RN_BOL: return !(n->fl & RNF_MULTILINE);
    case RN_SEQ: return n->nkids && anchored_at_start(n->kids[0], depth + 1);
    case RN_ALT:
        for (uint32_t i = 0; i < n->nkids; i++)
            if (!anchored_at_start(n->kids[i], depth + 1)) return false;
        return n->nkids > 0;
    case RN_GROUP:
    case RN_MODIFIED: return anchored_at_start(n->child, depth + 1);
    default: return false;
    }
}

/* Bounds on the code units n consumes; *max RE_INFINITY when unbounded. */
static void node_width(Compiler *c, const ReNode *n, uint32_t *min, uint32_t *max, int depth) {
    uint32_t lo = 0, hi = RE_INFINITY;
    if (depth > 64) goto out;
    switch (n->kind) {
    case RN_EMPTY:
    case RN_LOOK:
    case RN_BOL:
    case RN_EOL:
    case RN_WORDB: hi = 0; break;
    case RN_CHAR:
        lo = n->cp >= 0x10000 ? 2 : 1;
        hi = c->unicode ? 2 : lo;
        break;
    case RN_CLASS:
    case RN_DOT:
        lo = 1;
        hi = c->unicode ? 2 : 1;
        break;
    case RN_SEQ:
        hi = 0;
        for (uint32_t i = 0; i < n->nkids; i++) {
            uint32_t a, b;
            node_width(c, n->kids[i], &a, &b, depth + 1);
            lo = lo + a < lo ? RE_INFINITY - 1 : lo + a;
            hi = (hi == RE_INFINITY || b == RE_INFINITY || hi + b >= RE_INFINITY) ? RE_INFINITY
                                                                                  : hi + b;
        }
        break;
    case RN_ALT:
        lo = RE_INFINITY;
        hi = 0;
        for (uint32_t i = 0; i < n->nkids; i++) {
            uint32_t a, b;
            node_width(c, n->kids[i], &a, &b, depth + 1);
            if (a < lo) lo = a;
            if (b > hi) hi = b;
        }
        if (!n->nkids) lo = 0;
        break;
    case RN_GROUP:
    case RN_MODIFIED: node_width(c, n->child, &lo, &hi, depth + 1); break;
    case RN_QUANT: {
        uint32_t a, b;
        node_width(c, n->child, &a, &b, depth + 1);
        uint64_t l = (uint64_t)a * n->min, h = (uint64_t)b * n->max;
        lo = l >= RE_INFINITY ? RE_INFINITY - 1 : (uint32_t)l;
        hi = (b == RE_INFINITY || n->max == RE_INFINITY || h >= RE_INFINITY) ? RE_INFINITY
                                                                             : (uint32_t)h;
        if (n->max == 0 || b == 0) hi = 0;
        break;
    }
    default: break; /* backreferences, class strings: no bound */
    }
out:
    *min = lo;
    *max = hi;
}

/* The longest run of case-sensitive literal characters among the
 * top-level items of the pattern: every match contains it, between lit_min
 * and lit_max units after the match start. The matcher gives up when a
 * subject lacks it and skips start positions too far before it. */
static bool find_required_literal(Compiler *c, const ReNode *root, RegexpProgram *prog) {
    const ReNode *const *kids = (const ReNode *const *)&root;
    uint32_t nkids = 1;
    if (root->kind == RN_SEQ) {
        kids = (const ReNode *const *)root->kids;
        nkids = root->nkids;
    }
    uint32_t best_at = 0, best_len = 0, best_min = 0, best_max = 0;
    uint32_t min = 0, max = 0;
    for (uint32_t i = 0; i < nkids;) {
        uint32_t j = i;
        while (j < nkids && kids[j]->kind == RN_CHAR && !(kids[j]->fl & RNF_ICASE) &&
               kids[j]->cp <= 0xFFFF && !(kids[j]->cp >= 0xD800 && kids[j]->cp <= 0xDFFF))
            j++;
        if (j > i) {
            if (j - i > best_len) {
                best_at = i;
                best_len = j - i;
                best_min = min;
                best_max = max;
            }
        } else {
            j = i + 1;
        }
        for (uint32_t k = i; k < j; k++) {
            uint32_t a, b;
            node_width(c, kids[k], &a, &b, 0);
            min = min + a < min ? RE_INFINITY - 1 : min + a;
            max = (max == RE_INFINITY || b == RE_INFINITY || max + b >= RE_INFINITY) ? RE_INFINITY
                                                                                     : max + b;
        }
        i = j;
    }
    /* A single unit at the very start is what the first-unit scan finds. */
    if (!best_len || (best_len == 1 && best_max == 0)) return true;
    /* One block: the units, then their Latin-1 bytes for narrow subjects. */
    prog->lit = malloc(best_len * (sizeof(uint16_t) + 1));
    if (!prog->lit) return false;
    prog->lit8 = (uint8_t *)(prog->lit + best_len);
    prog->lit_latin1 = true;
    for (uint32_t k = 0; k < best_len; k++) {
        prog->lit[k] = (uint16_t)kids[best_at + k]->cp;
        prog->lit8[k] = (uint8_t)kids[best_at + k]->cp;
        if (kids[best_at + k]->cp > 0xFF) prog->lit_latin1 = false;
    }
    prog->lit_len = best_len;
    prog->lit_min = best_min;
    prog->lit_max = best_max;
    return true;
}

int re_compile_tree(ReParse *rp, RegexpProgram *prog) {
    Compiler c;
    memset(&c, 0, sizeof(c));
    c.prog = prog;
    c.rp = rp;
    c.unicode = rp->flags & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS);
    prog->flags = rp->flags;
    prog->ncaps = rp->ncaps;
    if (!build_classes(&c)) return -1;
    emit(&c, RX_SAVE);
    emit(&c, 0);
    compile_node(&c, rp->root, false);
    emit(&c, RX_SAVE);
    emit(&c, 1);
    emit(&c, RX_MATCH);
    if (c.oom) {
        free(c.code);
        return c.too_big ? -2 : -1;
    }
    prog->code = c.code;
    prog->code_len = c.len;
    FirstSet fs;
    memset(&fs, 0, sizeof(fs));
    bool nullable = first_set(&c, rp->root, &fs, 0);
    prog->first_any = nullable || fs.any;
    memcpy(prog->first_bits, fs.bits, sizeof(fs.bits));
    prog->first_wide = fs.wide;
    prog->first_unit = -1;
    if (!prog->first_any && !fs.wide) {
        int count = 0, which = -1;
        for (int ch = 0; ch < 256; ch++)
            if (fs.bits[ch >> 5] & (1u << (ch & 31))) {
                count++;
                which = ch;
            }
        if (count == 1) prog->first_unit = which;
    }
    prog->anchored = anchored_at_start(rp->root, 0);
    if (!find_required_literal(&c, rp->root, prog)) return -1;
    return 0;
}

/* ---- public entry points -------------------------------------------------------------- */

bool regexp_parse_flags(const uint16_t *flags, size_t len, uint32_t *out) {
    static const char letters[] = "dgimsuvy";
    static const uint32_t bits[] = {RE_FLAG_HAS_INDICES,  RE_FLAG_GLOBAL,  RE_FLAG_IGNORE_CASE,
                                    RE_FLAG_MULTILINE,    RE_FLAG_DOT_ALL, RE_FLAG_UNICODE,
                                    RE_FLAG_UNICODE_SETS, RE_FLAG_STICKY};
    uint32_t f = 0;
    for (size_t i = 0; i < len; i++) {
        const char *p = flags[i] < 128 && flags[i] ? strchr(letters, flags[i]) : NULL;
        if (!p) return false;
        uint32_t b = bits[p - letters];
        if (f & b) return false;
        f |= b;
    }
    if ((f & RE_FLAG_UNICODE) && (f & RE_FLAG_UNICODE_SETS)) return false;
    *out = f;
    return true;
}

RegexpProgram *regexp_compile(const uint16_t *pattern, size_t len, uint32_t flags, char *err,
                              size_t err_size, bool *oom) {
    bool parse_oom = false;
    if (oom) *oom = false;
    ReParse rp;
    if (re_parse(&rp, pattern, len, flags, err, err_size, &parse_oom) < 0) {
        if (oom) *oom = parse_oom;
        return NULL;
    }
    RegexpProgram *prog = calloc(1, sizeof(RegexpProgram));
    if (!prog) goto out_of_memory;
    prog->names = calloc(rp.ncaps, sizeof(GroupName));
    if (!prog->names) goto out_of_memory;
    prog->has_names = rp.has_names;
    for (uint32_t i = 0; i < rp.ncaps; i++) {
        if (!rp.names[i].name) continue;
        prog->names[i].name = malloc(rp.names[i].len * sizeof(uint16_t));
        if (!prog->names[i].name) goto out_of_memory;
        memcpy(prog->names[i].name, rp.names[i].name, rp.names[i].len * sizeof(uint16_t));
        prog->names[i].len = rp.names[i].len;
    }
    prog->ncaps = rp.ncaps;
    int r = re_compile_tree(&rp, prog);
    if (r == -2) {
        re_parse_free(&rp);
        regexp_free(prog);
        if (err_size) snprintf(err, err_size, "Regular expression too large");
        return NULL;
    }
    if (r < 0) goto out_of_memory;
    re_parse_free(&rp);
    return prog;
out_of_memory:
    re_parse_free(&rp);
    regexp_free(prog);
    if (err_size) snprintf(err, err_size, "out of memory");
    if (oom) *oom = true;
    return NULL;
}

bool regexp_validate(const uint16_t *pattern, size_t len, uint32_t flags, char *err,
                     size_t err_size) {
    ReParse rp;
    if (re_parse(&rp, pattern, len, flags, err, err_size, NULL) < 0) return false;
    re_parse_free(&rp);
    return true;
}

void regexp_free(RegexpProgram *prog) {
    if (!prog) return;
    free(prog->code);
    free(prog->lit);
    for (uint32_t i = 0; i < prog->nclasses; i++)
        free(prog->classes[i].ranges);
    free(prog->classes);
    if (prog->names)
        for (uint32_t i = 0; i < prog->ncaps; i++)
            free(prog->names[i].name);
    free(prog->names);
    free(prog);
}

uint32_t regexp_flags(const RegexpProgram *prog) {
    return prog->flags;
}

uint32_t regexp_capture_count(const RegexpProgram *prog) {
    return prog->ncaps;
}

const uint16_t *regexp_group_name(const RegexpProgram *prog, uint32_t i, uint32_t *len) {
    if (i >= prog->ncaps || !prog->names[i].name) return NULL;
    *len = prog->names[i].len;
    return prog->names[i].name;
}

bool regexp_has_named_groups(const RegexpProgram *prog) {
    return prog->has_names;
}

static const char *const op_names[RX_OP_COUNT] = {
    "match",      "char",     "str",     "any",     "dot",   "class",        "bol",         "eol",
    "wordb",      "save",     "reset",   "jmp",     "split", "split_prefer", "set_counter", "loop",
    "loop_enter", "loop_end", "repeat1", "backref", "look",  "look_end",     "fail",
};

void regexp_dump(const RegexpProgram *prog, FILE *out) {
    for (uint32_t pc = 0; pc < prog->code_len;) {
        uint32_t w = prog->code[pc];
        uint32_t op = RX_OP(w);
        fprintf(out, "%4u %s%s%s%s%s", pc, op < RX_OP_COUNT ? op_names[op] : "?",
                (w & RX_F_ICASE) ? "/i" : "", (w & RX_F_BACK) ? "/back" : "",
                (w & RX_F_INVERT) ? "/not" : "", (w & RX_F_GREEDY) ? "/greedy" : "");
        uint32_t nops;
        switch (op) {
        case RX_CHAR:
        case RX_CLASS:
        case RX_SAVE:
        case RX_JMP:
        case RX_SPLIT:
        case RX_SPLIT_PREFER:
        case RX_SET_COUNTER:
        case RX_LOOK_END: nops = 1; break;
        case RX_RESET:
        case RX_LOOK:
        case RX_LOOP_ENTER: nops = 2; break;
        case RX_LOOP: nops = 6; break;
        case RX_LOOP_END: nops = 4; break;
        case RX_REPEAT1: nops = 2; break;
        case RX_STR:
        case RX_BACKREF: nops = 1 + prog->code[pc + 1]; break;
        default: nops = 0; break;
        }
        for (uint32_t i = 1; i <= nops; i++)
            fprintf(out, " %u", prog->code[pc + i]);
        fputc('\n', out);
        pc += 1 + nops;
    }
}
