/* normalize.c — Unicode normalization forms (UAX #15) over UTF-16 code units.
 *
 * Shape: a quick check first (UAX #15 §9), which answers most already
 * normalized text without allocating. Otherwise the input streams through a
 * code point buffer: each code point is fully decomposed into it, and when a
 * code point arrives that nothing before it can interact with (a starter,
 * and for the composing forms one whose quick check is Yes, so it cannot
 * combine with what precedes it), the buffered chunk is put in canonical
 * order, composed (for NFC/NFKC) and appended to the UTF-16 output. Chunks
 * are only flushed past a minimum size so that flushing stays cheap.
 */
#include "util/normalize.h"

#include <stdlib.h>
#include <string.h>

enum { QC_YES = 0, QC_MAYBE = 1, QC_NO = 2 };

/* Hangul syllable arithmetic — Unicode §3.12 */
enum {
    HANGUL_S_BASE = 0xAC00,
    HANGUL_L_BASE = 0x1100,
    HANGUL_V_BASE = 0x1161,
    HANGUL_T_BASE = 0x11A7,
    HANGUL_L_COUNT = 19,
    HANGUL_V_COUNT = 21,
    HANGUL_T_COUNT = 28,
    HANGUL_N_COUNT = HANGUL_V_COUNT * HANGUL_T_COUNT,
    HANGUL_S_COUNT = HANGUL_L_COUNT * HANGUL_N_COUNT,
};

/* The longest full canonical decomposition, in code points (U+1F82 and
 * others; checked by tools/unicode/norm.js). */
#define UNI_NORM_MAX_COMPOSED 4

/* A chunk is flushed at the first boundary past this many code points. */
#define CHUNK_MIN 256

static inline uint16_t trie_get(const uni_norm_trie *t, uint32_t cp) {
    if (cp >= t->limit) return 0;
    uint32_t block = t->index8 ? t->index8[cp >> t->shift] : t->index16[cp >> t->shift];
    return t->data[(block << t->shift) | (cp & ((1u << t->shift) - 1))];
}

uint8_t uni_combining_class(uint32_t cp) {
    return (uint8_t)(trie_get(&uni_norm_props, cp) & 0xFF);
}

static inline bool is_compat(uni_norm_form form) {
    return form == UNI_NFKC || form == UNI_NFKD;
}

static inline bool is_composing(uni_norm_form form) {
    return form == UNI_NFC || form == UNI_NFKC;
}

static inline bool is_hangul_syllable(uint32_t cp) {
    return cp - HANGUL_S_BASE < HANGUL_S_COUNT;
}

/* The full decomposition of cp for the form, as UTF-16 units in the pool;
 * NULL when cp decomposes to itself (Hangul syllables included: the caller
 * handles them). */
static const uint16_t *decomposition(uint32_t cp, bool compat, uint32_t *length) {
    uint16_t offset = trie_get(&uni_norm_decomp, cp);
    if (offset == 0) return NULL;
    const uint16_t *entry = uni_norm_decomp_pool + offset;
    uint32_t compat_length = entry[0] & 31, kind = entry[0] >> 5;
    if (compat) {
        *length = compat_length;
        return entry + 1;
    }
    if (kind == 0) return NULL;
    if (kind == 1) {
        *length = compat_length;
        return entry + 1;
    }
    const uint16_t *canonical = entry + 1 + compat_length;
    *length = canonical[0];
    return canonical + 1;
}

/* True when cp's compatibility decomposition differs from its canonical
 * one (or it has only the former). */
static bool has_compat_only_decomposition(uint32_t cp) {
    uint16_t offset = trie_get(&uni_norm_decomp, cp);
    return offset != 0 && (uni_norm_decomp_pool[offset] >> 5) != 1;
}

/* The primary composite of first + second, or 0. */
static uint32_t compose_pair(uint32_t first, uint32_t second) {
    if (first - HANGUL_L_BASE < HANGUL_L_COUNT && second - HANGUL_V_BASE < HANGUL_V_COUNT) {
        return HANGUL_S_BASE +
               ((first - HANGUL_L_BASE) * HANGUL_V_COUNT + (second - HANGUL_V_BASE)) *
                   HANGUL_T_COUNT;
    }
    if (is_hangul_syllable(first) && (first - HANGUL_S_BASE) % HANGUL_T_COUNT == 0 &&
        second - (HANGUL_T_BASE + 1) < HANGUL_T_COUNT - 1) {
        return first + (second - HANGUL_T_BASE);
    }
    uint64_t key = (uint64_t)first << 21 | second;
    uint32_t lo = 0, hi = uni_norm_composition_count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint64_t probe = uni_norm_compositions[mid] >> 21;
        if (probe == key) return (uint32_t)(uni_norm_compositions[mid] & 0x1FFFFF);
        if (probe < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* ---- input ---------------------------------------------------------------- */

static inline uint16_t unit_at(const uni_norm_input *in, size_t i) {
    return in->utf16 ? in->utf16[i] : in->latin1[i];
}

/* The code point at *i (a lone surrogate is itself); advances *i. */
static inline uint32_t next_code_point(const uni_norm_input *in, size_t *i) {
    uint32_t c = unit_at(in, *i);
    (*i)++;
    if (c - 0xD800 < 0x400 && *i < in->length) {
        uint32_t trail = unit_at(in, *i);
        if (trail - 0xDC00 < 0x400) {
            (*i)++;
            return 0x10000 + ((c - 0xD800) << 10) + (trail - 0xDC00);
        }
    }
    return c;
}

/* Quick check — UAX #15 §9: true only when the input is certainly in the
 * form (the answer Yes); Maybe and No are both false. */
static bool quick_check_yes(const uni_norm_input *in, uni_norm_form form) {
    uint32_t floor = uni_norm_first_not_yes[form];
    uint8_t last_ccc = 0;
    size_t i = 0;
    while (i < in->length) {
        uint32_t cp = next_code_point(in, &i);
        if (cp < floor) {
            last_ccc = 0;
            continue;
        }
        uint16_t props = trie_get(&uni_norm_props, cp);
        uint8_t ccc = (uint8_t)(props & 0xFF);
        if (ccc != 0 && last_ccc > ccc) return false;
        uint32_t length;
        if (form == UNI_NFC || form == UNI_NFKC) {
            if (((props >> 8) & 3) != QC_YES) return false;
            /* NFKC_QC is No also where the compatibility decomposition
             * differs from the canonical one (see norm.js). */
            if (form == UNI_NFKC && has_compat_only_decomposition(cp)) return false;
        } else if (is_hangul_syllable(cp) || decomposition(cp, form == UNI_NFKD, &length)) {
            return false;
        }
        last_ccc = ccc;
    }
    return true;
}

/* ---- the streaming normalizer ---------------------------------------------- */

typedef struct normalizer {
    uni_norm_form form;
    size_t max_length;
    /* Composition turns at most UNI_NORM_MAX_COMPOSED code points of a
     * chunk into one (a composite's canonical decomposition is no longer),
     * so a chunk longer than this cannot fit in the output. */
    size_t chunk_limit;
    uint32_t *chunk; /* decomposed code points not yet written out */
    size_t chunk_length, chunk_capacity;
    uint32_t *scratch; /* for sorting long runs of non-starters */
    size_t scratch_capacity;
    uint16_t *out;
    size_t out_length, out_capacity;
    uni_norm_status status; /* UNI_NORM_OK until something fails */
} normalizer;

/* buffer with room for `needed` elements (doubling), or NULL with buffer
 * left as it was. */
static void *grow(void *buffer, size_t *capacity, size_t needed, size_t element) {
    if (needed <= *capacity) return buffer;
    size_t capacity_new = *capacity ? *capacity : 64;
    while (capacity_new < needed) {
        if (capacity_new > SIZE_MAX / 2 / element) return NULL;
        capacity_new *= 2;
    }
    void *p = realloc(buffer, capacity_new * element);
    if (p) *capacity = capacity_new;
    return p;
}

static void fail(normalizer *n, uni_norm_status status) {
    if (n->status == UNI_NORM_OK) n->status = status;
}

static void chunk_push(normalizer *n, uint32_t cp) {
    if (n->chunk_length >= n->chunk_limit) {
        fail(n, UNI_NORM_TOO_LONG);
        return;
    }
    uint32_t *chunk = grow(n->chunk, &n->chunk_capacity, n->chunk_length + 1, sizeof(uint32_t));
    if (!chunk) {
        fail(n, UNI_NORM_NO_MEMORY);
        return;
    }
    n->chunk = chunk;
    n->chunk[n->chunk_length++] = cp;
}

/* Stable sort of a run of non-starters by ccc: insertion sort for the usual
 * short runs, a merge sort (O(n log n), so no input is quadratic) else. */
static void sort_run(normalizer *n, uint32_t *run, size_t length) {
    if (length <= 16) {
        for (size_t i = 1; i < length; i++) {
            uint32_t cp = run[i];
            uint8_t ccc = uni_combining_class(cp);
            size_t j = i;
            while (j > 0 && uni_combining_class(run[j - 1]) > ccc) {
                run[j] = run[j - 1];
                j--;
            }
            run[j] = cp;
        }
        return;
    }
    uint32_t *scratch = grow(n->scratch, &n->scratch_capacity, length, sizeof(uint32_t));
    if (!scratch) {
        fail(n, UNI_NORM_NO_MEMORY);
        return;
    }
    n->scratch = scratch;
    uint32_t *from = run, *to = n->scratch;
    for (size_t width = 1; width < length; width *= 2) {
        for (size_t lo = 0; lo < length; lo += 2 * width) {
            size_t mid = lo + width < length ? lo + width : length;
            size_t hi = mid + width < length ? mid + width : length;
            size_t a = lo, b = mid, k = lo;
            while (a < mid && b < hi) {
                /* Ties take the left element: stability. */
                if (uni_combining_class(from[b]) < uni_combining_class(from[a]))
                    to[k++] = from[b++];
                else
                    to[k++] = from[a++];
            }
            while (a < mid)
                to[k++] = from[a++];
            while (b < hi)
                to[k++] = from[b++];
        }
        uint32_t *t = from;
        from = to;
        to = t;
    }
    if (from != run) memcpy(run, from, length * sizeof(uint32_t));
}

/* Canonical Ordering Algorithm — Unicode §3.11 D109 */
static void canonical_order(normalizer *n) {
    size_t i = 0, length = n->chunk_length;
    while (i < length) {
        if (uni_combining_class(n->chunk[i]) == 0) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < length && uni_combining_class(n->chunk[i]) != 0)
            i++;
        if (i - start > 1) sort_run(n, n->chunk + start, i - start);
    }
}

/* Canonical Composition Algorithm — Unicode §3.11 D117: each character is
 * composed with the last starter when it is not blocked from it (nothing
 * between them has ccc 0 or a ccc >= its own). The chunk is in canonical
 * order, so the last character kept after the starter has the highest ccc
 * between the two. */
static void compose(normalizer *n) {
    uint32_t *c = n->chunk;
    size_t kept = 0;
    size_t starter = SIZE_MAX;
    uint8_t last_ccc = 0;
    for (size_t i = 0; i < n->chunk_length; i++) {
        uint32_t cp = c[i];
        uint8_t ccc = uni_combining_class(cp);
        if (starter != SIZE_MAX && (kept == starter + 1 || (last_ccc != 0 && last_ccc < ccc))) {
            uint32_t composite = compose_pair(c[starter], cp);
            if (composite) {
                c[starter] = composite;
                continue;
            }
        }
        if (ccc == 0) starter = kept;
        last_ccc = ccc;
        c[kept++] = cp;
    }
    n->chunk_length = kept;
}

static void flush(normalizer *n) {
    if (n->status != UNI_NORM_OK || n->chunk_length == 0) return;
    canonical_order(n);
    if (is_composing(n->form)) compose(n);
    if (n->status != UNI_NORM_OK) return;
    size_t units = 0;
    for (size_t i = 0; i < n->chunk_length; i++)
        units += n->chunk[i] > 0xFFFF ? 2 : 1;
    if (units > n->max_length || n->out_length > n->max_length - units) {
        fail(n, UNI_NORM_TOO_LONG);
        return;
    }
    uint16_t *out = grow(n->out, &n->out_capacity, n->out_length + units, sizeof(uint16_t));
    if (!out) {
        fail(n, UNI_NORM_NO_MEMORY);
        return;
    }
    n->out = out;
    for (size_t i = 0; i < n->chunk_length; i++) {
        uint32_t cp = n->chunk[i];
        if (cp > 0xFFFF) {
            n->out[n->out_length++] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10));
            n->out[n->out_length++] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            n->out[n->out_length++] = (uint16_t)cp;
        }
    }
    n->chunk_length = 0;
}

/* Appends one code point of the full decomposition, flushing first when it
 * starts a new independent chunk. */
static void append_decomposed(normalizer *n, uint32_t cp) {
    if (n->chunk_length >= CHUNK_MIN) {
        uint16_t props = trie_get(&uni_norm_props, cp);
        bool boundary = (props & 0xFF) == 0;
        /* cp is fully decomposed, so its NFKC_QC is its NFC_QC. */
        if (boundary && is_composing(n->form)) boundary = ((props >> 8) & 3) == QC_YES;
        if (boundary) flush(n);
    }
    chunk_push(n, cp);
}

static void decompose_into(normalizer *n, uint32_t cp) {
    if (is_hangul_syllable(cp)) {
        uint32_t s = cp - HANGUL_S_BASE;
        append_decomposed(n, HANGUL_L_BASE + s / HANGUL_N_COUNT);
        append_decomposed(n, HANGUL_V_BASE + (s % HANGUL_N_COUNT) / HANGUL_T_COUNT);
        if (s % HANGUL_T_COUNT) append_decomposed(n, HANGUL_T_BASE + s % HANGUL_T_COUNT);
        return;
    }
    uint32_t length;
    const uint16_t *units = decomposition(cp, is_compat(n->form), &length);
    if (!units) {
        append_decomposed(n, cp);
        return;
    }
    for (uint32_t i = 0; i < length; i++) {
        uint32_t c = units[i];
        if (c - 0xD800 < 0x400 && i + 1 < length) {
            c = 0x10000 + ((c - 0xD800) << 10) + (units[i + 1] - 0xDC00u);
            i++;
        }
        append_decomposed(n, c);
    }
}

/* The length in code units of the full decomposition (which canonical
 * ordering keeps), or anything above max_length once it exceeds that: lets
 * NFD and NFKD fail before allocating. */
static size_t decomposed_length(const uni_norm_input *in, bool compat, size_t max_length) {
    size_t total = 0, i = 0;
    while (i < in->length && total <= max_length) {
        size_t start = i;
        uint32_t cp = next_code_point(in, &i), length;
        if (is_hangul_syllable(cp))
            total += (cp - HANGUL_S_BASE) % HANGUL_T_COUNT ? 3 : 2;
        else if (decomposition(cp, compat, &length))
            total += length;
        else
            total += i - start;
    }
    return total;
}

static bool same_as_input(const uni_norm_input *in, const uint16_t *out, size_t length) {
    if (length != in->length) return false;
    for (size_t i = 0; i < length; i++)
        if (unit_at(in, i) != out[i]) return false;
    return true;
}

uni_norm_status uni_normalize(const uni_norm_input *in, uni_norm_form form, size_t max_length,
                              uint16_t **out, size_t *out_length) {
    *out = NULL;
    *out_length = 0;
    if ((unsigned)form > UNI_NFKD) form = UNI_NFC;
    if (quick_check_yes(in, form)) return UNI_NORM_UNCHANGED;

    if (!is_composing(form) && decomposed_length(in, is_compat(form), max_length) > max_length)
        return UNI_NORM_TOO_LONG;
    normalizer n = {.form = form, .max_length = max_length, .status = UNI_NORM_OK};
    n.chunk_limit = max_length < SIZE_MAX / UNI_NORM_MAX_COMPOSED - 1
                        ? (max_length + 1) * (is_composing(form) ? UNI_NORM_MAX_COMPOSED : 1)
                        : SIZE_MAX;
    size_t i = 0;
    while (i < in->length && n.status == UNI_NORM_OK)
        decompose_into(&n, next_code_point(in, &i));
    flush(&n);
    free(n.chunk);
    free(n.scratch);
    if (n.status != UNI_NORM_OK) {
        free(n.out);
        return n.status;
    }
    if (same_as_input(in, n.out, n.out_length)) {
        free(n.out);
        return UNI_NORM_UNCHANGED;
    }
    *out = n.out;
    *out_length = n.out_length;
    return UNI_NORM_OK;
}
