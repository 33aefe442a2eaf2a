/*
 * re_charset.c — CharSets for the regexp compiler: sorted range lists with
 * union, intersection, difference, complement and case canonicalization.
 *
 * Ranges are appended freely and normalized (sorted, merged) lazily, so
 * building a class from many pieces is linear-ish; every query and set
 * operation normalizes first.
 */
#include <stdlib.h>
#include <string.h>
#include "regexp/re_internal.h"
#include "util/unicode.h"

void cs_init(CharSet *cs) {
    memset(cs, 0, sizeof(*cs));
}

void cs_free(CharSet *cs) {
    free(cs->r);
    cs->r = NULL;
    cs->n = cs->cap = 0;
}

void cs_clear(CharSet *cs) {
    cs->n = 0;
}

static bool cs_reserve(CharSet *cs, uint32_t extra) {
    if (cs->oom) return false;
    if (cs->n + extra <= cs->cap) return true;
    uint32_t cap = cs->cap ? cs->cap : 8;
    while (cap < cs->n + extra)
        cap *= 2;
    CRange *r = realloc(cs->r, (size_t)cap * sizeof(CRange));
    if (!r) {
        cs->oom = true;
        return false;
    }
    cs->r = r;
    cs->cap = cap;
    return true;
}

static int range_cmp(const void *a, const void *b) {
    const CRange *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* Sorts and merges overlapping or adjacent ranges. */
void cs_normalize(CharSet *cs) {
    if (cs->n < 2) return;
    bool sorted = true;
    for (uint32_t i = 1; i < cs->n; i++) {
        if (cs->r[i].lo <= (uint64_t)cs->r[i - 1].hi + 1) {
            sorted = false;
            break;
        }
    }
    if (sorted) return;
    qsort(cs->r, cs->n, sizeof(CRange), range_cmp);
    uint32_t w = 0;
    for (uint32_t i = 1; i < cs->n; i++) {
        if (cs->r[i].lo <= (uint64_t)cs->r[w].hi + 1) {
            if (cs->r[i].hi > cs->r[w].hi) cs->r[w].hi = cs->r[i].hi;
        } else {
            cs->r[++w] = cs->r[i];
        }
    }
    cs->n = w + 1;
}

void cs_add_range(CharSet *cs, uint32_t lo, uint32_t hi) {
    if (lo > hi || !cs_reserve(cs, 1)) return;
    cs->r[cs->n].lo = lo;
    cs->r[cs->n].hi = hi;
    cs->n++;
}

void cs_add(CharSet *cs, uint32_t c) {
    /* Runs of neighbours (a common way sets are built) extend in place. */
    if (cs->n && cs->r[cs->n - 1].hi + 1 == c) {
        cs->r[cs->n - 1].hi = c;
        return;
    }
    cs_add_range(cs, c, c);
}

void cs_add_set(CharSet *cs, const CharSet *other) {
    if (other->oom) cs->oom = true;
    if (!other->n || !cs_reserve(cs, other->n)) return;
    memcpy(cs->r + cs->n, other->r, other->n * sizeof(CRange));
    cs->n += other->n;
}

void cs_copy(CharSet *dst, const CharSet *src) {
    cs_clear(dst);
    cs_add_set(dst, src);
}

void cs_intersect(CharSet *cs, const CharSet *other) {
    cs_normalize(cs);
    cs_normalize((CharSet *)other);
    CharSet out;
    cs_init(&out);
    uint32_t i = 0, j = 0;
    while (i < cs->n && j < other->n) {
        uint32_t lo = cs->r[i].lo > other->r[j].lo ? cs->r[i].lo : other->r[j].lo;
        uint32_t hi = cs->r[i].hi < other->r[j].hi ? cs->r[i].hi : other->r[j].hi;
        if (lo <= hi) cs_add_range(&out, lo, hi);
        if (cs->r[i].hi < other->r[j].hi)
            i++;
        else
            j++;
    }
    bool oom = out.oom || cs->oom || other->oom;
    free(cs->r);
    *cs = out;
    cs->oom = oom;
}

void cs_complement(CharSet *cs, uint32_t max) {
    cs_normalize(cs);
    CharSet out;
    cs_init(&out);
    uint32_t next = 0;
    for (uint32_t i = 0; i < cs->n && cs->r[i].lo <= max; i++) {
        if (cs->r[i].lo > next) cs_add_range(&out, next, cs->r[i].lo - 1);
        next = cs->r[i].hi + 1;
        if (cs->r[i].hi >= max) {
            next = max + 1;
            break;
        }
    }
    if (next <= max) cs_add_range(&out, next, max);
    bool oom = out.oom || cs->oom;
    free(cs->r);
    *cs = out;
    cs->oom = oom;
}

void cs_subtract(CharSet *cs, const CharSet *other) {
    CharSet inv;
    cs_init(&inv);
    cs_add_set(&inv, other);
    cs_complement(&inv, 0xFFFFFFFEu);
    cs_intersect(cs, &inv);
    if (inv.oom) cs->oom = true;
    cs_free(&inv);
}

bool cs_contains(const CharSet *cs, uint32_t c) {
    cs_normalize((CharSet *)cs);
    uint32_t lo = 0, hi = cs->n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (c < cs->r[mid].lo)
            hi = mid;
        else if (c > cs->r[mid].hi)
            lo = mid + 1;
        else
            return true;
    }
    return false;
}

bool cs_is_single(const CharSet *cs, uint32_t *c) {
    cs_normalize((CharSet *)cs);
    if (cs->n != 1 || cs->r[0].lo != cs->r[0].hi) return false;
    *c = cs->r[0].lo;
    return true;
}

/* Canonicalize ( rer, ch ) — #sec-runtime-semantics-canonicalize-ch, for a
 * case-insensitive pattern (the caller knows ignoreCase is set). */
uint32_t re_canonicalize(uint32_t c, bool unicode) {
    if (c < 128) {
        if (unicode) return c - 'A' < 26 ? c + 0x20 : c;
        return c - 'a' < 26 ? c - 0x20 : c;
    }
    return uni_canonicalize(c, unicode);
}

/* Calls add for every member of a case table's runs. */
static void add_case_table_members(CharSet *out, const uni_case_table *t, uint32_t limit) {
    for (uint32_t i = 0; i < t->count; i++) {
        uint32_t key = t->runs[i].key;
        uint32_t start = key >> 11, count = ((key >> 1) & 0x3FF) + 1;
        if (key & 1) {
            for (uint32_t k = 0; k < count; k++)
                if (start + 2 * k <= limit) cs_add(out, start + 2 * k);
        } else {
            uint32_t hi = start + count - 1;
            if (start <= limit) cs_add_range(out, start, hi < limit ? hi : limit);
        }
    }
}

/* Every character that Canonicalize may change: the domain of simple case
 * folding (u/v), or of the upper-case mappings (otherwise). A superset is
 * fine: members that turn out to map to themselves are filtered later. */
static void case_candidates(CharSet *out, bool unicode) {
    if (unicode) {
        cs_add_range(out, 'A', 'Z');
        add_case_table_members(out, &uni_table_simple_fold, RE_MAX_CODE_POINT);
    } else {
        cs_add_range(out, 'a', 'z');
        add_case_table_members(out, &uni_table_simple_upper, 0xFFFF);
        for (uint32_t i = 0; i < uni_table_special_upper.count; i++)
            if (uni_table_special_upper.entries[i].from <= 0xFFFF)
                cs_add(out, uni_table_special_upper.entries[i].from);
    }
    cs_normalize(out);
}

void cs_canonicalize(CharSet *cs, bool unicode) {
    CharSet cand, moved, targets;
    cs_init(&cand);
    cs_init(&moved);
    cs_init(&targets);
    case_candidates(&cand, unicode);
    cs_intersect(&cand, cs);
    for (uint32_t i = 0; i < cand.n; i++) {
        for (uint32_t c = cand.r[i].lo; c <= cand.r[i].hi; c++) {
            uint32_t k = re_canonicalize(c, unicode);
            if (k != c) {
                cs_add(&moved, c);
                cs_add(&targets, k);
            }
        }
    }
    cs_subtract(cs, &moved);
    cs_add_set(cs, &targets);
    cs_normalize(cs);
    if (cand.oom || moved.oom || targets.oom) cs->oom = true;
    cs_free(&cand);
    cs_free(&moved);
    cs_free(&targets);
}

void cs_fold_fixed_points(CharSet *out) {
    CharSet cand, moved;
    cs_init(&cand);
    cs_init(&moved);
    case_candidates(&cand, true);
    for (uint32_t i = 0; i < cand.n; i++)
        for (uint32_t c = cand.r[i].lo; c <= cand.r[i].hi; c++)
            if (uni_simple_fold(c) != c) cs_add(&moved, c);
    cs_clear(out);
    cs_add_range(out, 0, RE_MAX_CODE_POINT);
    cs_subtract(out, &moved);
    if (cand.oom || moved.oom) out->oom = true;
    cs_free(&cand);
    cs_free(&moved);
}
