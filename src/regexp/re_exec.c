/*
 * re_exec.c — the backtracking matcher.
 *
 * One loop interprets the regex bytecode; every choice point and every
 * undoable change (capture, loop register) is recorded on an explicit
 * backtrack stack of 32-bit words, so matching never recurses in C and its
 * memory is bounded (RE_BACKTRACK_LIMIT_WORDS; past it a RangeError is
 * thrown). Failure pops entries, undoing changes, until a choice point
 * resumes. Every RE_STEP_INTERVAL steps the host's interrupt handler is
 * polled through rt_check_interrupt.
 *
 * The loop is instantiated twice (re_exec_body.inc): for Latin-1 subjects
 * (code units are code points there) and for UTF-16 subjects (code points
 * under u/v).
 *
 * Lookaround: RX_LOOK pushes a barrier holding a snapshot of the captures.
 * When the body succeeds, everything above the barrier is dropped (a
 * lookaround is atomic) and the barrier stays as a "done" marker that
 * restores the captures if backtracking later passes it. When the body
 * fails, backtracking reaches the barrier itself: a negative lookaround
 * then succeeds.
 */
#include <stdlib.h>
#include <string.h>
#include "regexp/re_internal.h"
#include "util/unicode.h"
#include "vm/string.h"

#define RE_STEP_INTERVAL 256

enum {
    BT_BRANCH = 1, /* pc, pos */
    BT_CAP,        /* slot, old */
    BT_REG,        /* reg, old */
    BT_REP_GREEDY, /* next_pc, min_pos, pos */
    BT_REP_LAZY,   /* repeat_pc, pos, count */
    BT_LOOP_LAZY,  /* loop_pc, pos */
    BT_LOOK,       /* caps[2n], pos, look_pc */
    BT_LOOK_DONE,  /* same layout */
};

typedef struct Matcher {
    Context *ctx;
    const RegexpProgram *prog;
    uint32_t len;
    bool unicode; /* reads code points: u/v flag and a UTF-16 subject */
    bool uflag;   /* u/v flag: Canonicalize uses simple case folding */
    int32_t *caps;
    uint32_t *regs;
    uint32_t *stack;
    size_t sp, cap;
    bool heap_stack;
    /* Captures a run changed without undo records: bit i for slot i < 31,
     * bit 31 for any higher slot. */
    uint32_t caps_dirty;
    uint32_t steps;
} Matcher;

static inline bool is_lead(uint32_t u) {
    return u >= 0xD800 && u <= 0xDBFF;
}

static inline bool is_trail(uint32_t u) {
    return u >= 0xDC00 && u <= 0xDFFF;
}

static bool is_line_terminator(uint32_t c) {
    return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

static inline bool class_has(const RxClass *rc, uint32_t c, uint32_t w, bool unicode) {
    if (c < 256) return (rc->bits[c >> 5] >> (c & 31)) & 1;
    if (w & RX_F_ICASE) c = re_canonicalize(c, unicode);
    uint32_t lo = 0, hi = rc->nranges;
    bool found = false;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (c < rc->ranges[mid].lo)
            hi = mid;
        else if (c > rc->ranges[mid].hi)
            lo = mid + 1;
        else {
            found = true;
            break;
        }
    }
    return found != ((w & RX_F_INVERT) != 0);
}

/* Grows the stack so that `need` more words fit. false with a RangeError
 * (limit) or OOM pending. */
static bool stack_grow(Matcher *m, size_t need) {
    size_t want = m->sp + need;
    if (want > RE_BACKTRACK_LIMIT_WORDS) {
        throw_range_error(m->ctx, "Maximum regular expression backtracking depth exceeded "
                                  "(regular expression too complex)");
        return false;
    }
    size_t ncap = m->cap * 2;
    while (ncap < want)
        ncap *= 2;
    if (ncap > RE_BACKTRACK_LIMIT_WORDS) ncap = RE_BACKTRACK_LIMIT_WORDS;
    uint32_t *n;
    if (m->heap_stack) {
        n = realloc(m->stack, ncap * sizeof(uint32_t));
    } else {
        n = malloc(ncap * sizeof(uint32_t));
        if (n) memcpy(n, m->stack, m->sp * sizeof(uint32_t));
    }
    if (!n) {
        rt_throw_error(m->ctx->rt, ERR_RANGE, "out of memory");
        return false;
    }
    m->stack = n;
    m->cap = ncap;
    m->heap_stack = true;
    return true;
}

#define RE_WIDE 0
#define CHAR_T uint8_t
#define RUN_NAME run_latin1
#include "regexp/re_exec_body.inc"
#undef RE_WIDE
#undef CHAR_T
#undef RUN_NAME

#define RE_WIDE 1
#define CHAR_T uint16_t
#define RUN_NAME run_utf16
#include "regexp/re_exec_body.inc"
#undef RE_WIDE
#undef CHAR_T
#undef RUN_NAME

static bool first_ok(const RegexpProgram *prog, uint32_t c) {
    if (c >= 256) return prog->first_wide;
    return (prog->first_bits[c >> 5] >> (c & 31)) & 1;
}

/* The first index >= from where the program's required literal occurs. */
static bool find_literal(const RegexpProgram *prog, const void *chars, bool wide, uint32_t len,
                         uint64_t from, uint64_t *at) {
    uint32_t n = prog->lit_len;
    if (from > len || len - from < n) return false;
    if (!wide) {
        if (!prog->lit_latin1) return false;
        const uint8_t *s = chars;
        const uint8_t *hit = memmem(s + from, len - from, prog->lit8, n);
        if (!hit) return false;
        *at = (uint64_t)(hit - s);
        return true;
    }
    const uint16_t *s = chars;
    uint16_t first = prog->lit[0];
    for (uint64_t i = from; i + n <= len; i++) {
        if (s[i] == first && !memcmp(s + i + 1, prog->lit + 1, (n - 1) * sizeof(uint16_t))) {
            *at = i;
            return true;
        }
    }
    return false;
}

int regexp_exec(Context *ctx, const RegexpProgram *prog, String *subject, uint32_t start,
                int32_t *captures) {
    uint32_t len = subject->length;
    if (start > len) return 0;
    Matcher m;
    memset(&m, 0, sizeof(m));
    m.ctx = ctx;
    m.prog = prog;
    m.len = len;
    bool wide = str_is_wide(subject);
    m.unicode = wide && (prog->flags & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS));
    m.uflag = (prog->flags & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS)) != 0;
    m.steps = RE_STEP_INTERVAL;
    uint32_t local_stack[4096];
    m.stack = local_stack;
    m.cap = sizeof(local_stack) / sizeof(local_stack[0]);
    size_t ncap_words = 2 * (size_t)prog->ncaps;
    int32_t local_caps[256];
    int32_t *caps = local_caps;
    if (ncap_words + prog->nregs > 256) {
        caps = malloc((ncap_words + prog->nregs) * sizeof(int32_t));
        if (!caps) {
            rt_throw_error(ctx->rt, ERR_RANGE, "out of memory");
            return -1;
        }
    }
    for (size_t i = 0; i < ncap_words; i++)
        caps[i] = -1;
    m.caps = caps;
    m.regs = (uint32_t *)(caps + ncap_words);
    const void *chars = subject->u.flat.chars;
    bool sticky = prog->flags & RE_FLAG_STICKY;
    int result = 0;
    uint64_t lit_at = 0;
    bool lit_found = false;
    for (uint32_t pos = start;;) {
        if (prog->lit) {
            /* A match at pos has the literal between pos + lit_min and
             * pos + lit_max: none left means no match from here on. */
            uint64_t from = (uint64_t)pos + prog->lit_min;
            if (!lit_found || lit_at < from) {
                if (!find_literal(prog, chars, wide, len, from, &lit_at)) break;
                lit_found = true;
            }
            if (prog->lit_max != RE_INFINITY && lit_at > (uint64_t)pos + prog->lit_max) {
                if (sticky) break;
                /* Skip the start positions too far before it (not under
                 * u/v, where a position may not split a surrogate pair). */
                if (!m.unicode) pos = (uint32_t)(lit_at - prog->lit_max);
            }
        }
        if (!sticky && !prog->first_any) {
            /* Skip start positions that cannot begin a match. */
            if (prog->first_unit >= 0 && !wide) {
                const uint8_t *hit =
                    memchr((const uint8_t *)chars + pos, prog->first_unit, len - pos);
                if (!hit) break;
                pos = (uint32_t)(hit - (const uint8_t *)chars);
            } else if (wide) {
                const uint16_t *s = chars;
                while (pos < len && !first_ok(prog, s[pos]))
                    pos++;
                if (pos >= len) break;
            } else {
                const uint8_t *s = chars;
                while (pos < len && !first_ok(prog, s[pos]))
                    pos++;
                if (pos >= len) break;
            }
        }
        if (prog->anchored && pos != 0) break;
        /* The scan moved past the literal occurrence: look for the next. */
        if (lit_found && lit_at < (uint64_t)pos + prog->lit_min) continue;
        if (m.caps_dirty) {
            if (m.caps_dirty >> 31) {
                for (size_t i = 0; i < ncap_words; i++)
                    caps[i] = -1;
            } else {
                for (uint32_t d = m.caps_dirty; d; d &= d - 1)
                    caps[__builtin_ctz(d)] = -1;
            }
            m.caps_dirty = 0;
        }
        m.sp = 0;
        result = wide ? run_utf16(&m, chars, pos) : run_latin1(&m, chars, pos);
        if (result != 0 || sticky) break;
        if (pos >= len) break;
        /* AdvanceStringIndex: a surrogate pair is one step under u/v. */
        if (m.unicode && pos + 1 < len) {
            const uint16_t *s = chars;
            if (s[pos] >= 0xD800 && s[pos] <= 0xDBFF && s[pos + 1] >= 0xDC00 &&
                s[pos + 1] <= 0xDFFF)
                pos++;
        }
        pos++;
    }
    if (result > 0) memcpy(captures, caps, ncap_words * sizeof(int32_t));
    if (m.heap_stack) free(m.stack);
    if (caps != local_caps) free(caps);
    return result;
}
