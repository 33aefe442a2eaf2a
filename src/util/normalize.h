/* normalize.h — Unicode normalization (UAX #15): NFC, NFD, NFKC, NFKD over
 * UTF-16 code units, for String.prototype.normalize.
 *
 * Data: Unicode 17.0.0, generated into unicode_norm_tables.c by
 * tools/unicode/gen.js (norm.js describes the table formats); Hangul
 * syllables are decomposed and composed algorithmically (Unicode §3.12).
 *
 * Invariants:
 *  - Input is a sequence of code units, either 8-bit (Latin-1) or 16-bit.
 *    Surrogate pairs are decoded; a lone surrogate is treated as a starter
 *    with no decomposition that composes with nothing, so it passes through
 *    unchanged and in place.
 *  - Memory is bounded by the output: normalization streams through the
 *    input in chunks that end where nothing before can change any more, and
 *    stops with UNI_NORM_TOO_LONG as soon as the output would exceed
 *    max_length code units.
 *  - Every function accepts any input; none crashes on bad data.
 */
#ifndef MICA_UTIL_NORMALIZE_H
#define MICA_UTIL_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum uni_norm_form { UNI_NFC, UNI_NFD, UNI_NFKC, UNI_NFKD } uni_norm_form;

typedef enum uni_norm_status {
    UNI_NORM_OK,        /* *out holds the normalized text (malloc'd, caller frees) */
    UNI_NORM_UNCHANGED, /* the input is already normalized; *out is NULL */
    UNI_NORM_TOO_LONG,  /* the result would be longer than max_length units */
    UNI_NORM_NO_MEMORY,
} uni_norm_status;

/* Code units to read: exactly one of latin1 and utf16 is non-NULL (either
 * may be NULL when length is 0). */
typedef struct uni_norm_input {
    const uint8_t *latin1;
    const uint16_t *utf16;
    size_t length;
} uni_norm_input;

/* Normalizes `in` to `form`. On UNI_NORM_OK, *out (malloc'd) and *out_length
 * hold the result, which differs from the input; otherwise *out is NULL and
 * *out_length 0. Text that the quick check (UAX #15 §9) proves normalized is
 * answered UNCHANGED without allocating. */
uni_norm_status uni_normalize(const uni_norm_input *in, uni_norm_form form, size_t max_length,
                              uint16_t **out, size_t *out_length);

/* Canonical_Combining_Class of a code point (0 for anything above U+10FFFF). */
uint8_t uni_combining_class(uint32_t cp);

/* ---- table formats (shared with the generated unicode_norm_tables.c) ---- */

/* Two-stage trie: see tools/unicode/norm.js. */
typedef struct uni_norm_trie {
    const uint8_t *index8;   /* index when there are at most 256 blocks, else NULL */
    const uint16_t *index16; /* index otherwise */
    const uint16_t *data;
    uint32_t limit; /* code points >= limit have the value 0 */
    uint8_t shift;
} uni_norm_trie;

extern const uni_norm_trie uni_norm_props;  /* ccc | NFC_QC << 8 */
extern const uni_norm_trie uni_norm_decomp; /* offset in uni_norm_decomp_pool, 0: none */
extern const uint16_t uni_norm_decomp_pool[];
extern const uint64_t uni_norm_compositions[]; /* first << 42 | second << 21 | composite */
extern const uint32_t uni_norm_composition_count;
extern const uint32_t uni_norm_first_not_yes[4]; /* by uni_norm_form */

#endif
