/* utf.h — UTF-8, WTF-8, UTF-16 and Latin-1 conversions used across the engine.
 *
 * Invariants:
 *  - Decoders never read past s[len - 1] and never fail: ill-formed UTF-8
 *    decodes as U+FFFD per maximal subpart (WHATWG Encoding / Unicode §3.9
 *    "U+FFFD substitution of maximal subparts"), so each call consumes >= 1
 *    byte when len >= 1.
 *  - UTF-16 here is JavaScript's: any sequence of code units. A lone
 *    surrogate decodes as itself; only UTF-8 output has to decide what to do
 *    with it (U+FFFD, or WTF-8's three-byte encoding).
 *  - Functions taking `out` that may be NULL return the length they would
 *    write, so callers size buffers with a first pass. Output lengths are
 *    bounded: UTF-8 -> UTF-16 gives <= len units; UTF-16 -> UTF-8 gives
 *    <= 3 * len bytes; Latin-1 -> UTF-8 gives <= 2 * len bytes.
 */
#ifndef MICA_UTIL_UTF_H
#define MICA_UTIL_UTF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define UTF_REPLACEMENT_CHAR 0xFFFDu

/* ---- UTF-8 -------------------------------------------------------------- */

int utf8_decode_slow(const uint8_t *s, size_t len, uint32_t *cp);

/* Decodes one code point from s (len bytes left); returns the bytes consumed,
 * >= 1 when len >= 1 (0 only when len == 0, with *cp = U+FFFD). Encoded
 * surrogates (ED A0..BF xx) are ill-formed here. */
static inline int utf8_decode(const uint8_t *s, size_t len, uint32_t *cp) {
    if (len > 0 && s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    return utf8_decode_slow(s, len, cp);
}

/* As utf8_decode, but also accepts three-byte encoded surrogates (WTF-8), so
 * what utf8_encode / utf16_to_utf8(wtf8=true) wrote reads back unchanged. */
int wtf8_decode(const uint8_t *s, size_t len, uint32_t *cp);

/* Encodes cp into 1..4 bytes and returns the count. Surrogates encode as
 * three bytes (WTF-8); values above U+10FFFF encode U+FFFD. */
int utf8_encode(uint32_t cp, uint8_t out[4]);

/* Length of the longest prefix of s that is well-formed UTF-8 (no encoded
 * surrogates). Equals len when all of s is valid. */
size_t utf8_valid_prefix(const uint8_t *s, size_t len);

/* UTF-8 (or WTF-8) -> UTF-16 code units; returns the unit count. out may be
 * NULL to count. */
size_t utf8_to_utf16(const uint8_t *s, size_t len, uint16_t *out);
size_t wtf8_to_utf16(const uint8_t *s, size_t len, uint16_t *out);

/* UTF-8 -> Latin-1 when every decoded code point is <= U+00FF: returns the
 * byte count (out may be NULL to check and count), or SIZE_MAX when some code
 * point does not fit (out may then be partly written). Ill-formed input
 * decodes to U+FFFD and so does not fit. */
size_t utf8_to_latin1(const uint8_t *s, size_t len, uint8_t *out);

/* ---- UTF-16 ------------------------------------------------------------- */

static inline bool utf16_is_lead(uint16_t u) {
    return (u & 0xFC00) == 0xD800;
}
static inline bool utf16_is_trail(uint16_t u) {
    return (u & 0xFC00) == 0xDC00;
}
static inline bool utf16_is_surrogate(uint32_t cp) {
    return (cp & 0xFFFFF800u) == 0xD800;
}

/* UTF16SurrogatePairToCodePoint — #sec-utf16decodesurrogatepair */
static inline uint32_t utf16_combine(uint16_t lead, uint16_t trail) {
    return 0x10000u + (((uint32_t)lead - 0xD800u) << 10) + ((uint32_t)trail - 0xDC00u);
}

/* UTF16EncodeCodePoint — #sec-utf16encodecodepoint: 1 or 2 units. cp must be
 * <= U+10FFFF; larger values encode U+FFFD. */
static inline int utf16_encode(uint32_t cp, uint16_t out[2]) {
    if (cp < 0x10000) {
        out[0] = (uint16_t)cp;
        return 1;
    }
    if (cp > 0x10FFFF) {
        out[0] = (uint16_t)UTF_REPLACEMENT_CHAR;
        return 1;
    }
    cp -= 0x10000;
    out[0] = (uint16_t)(0xD800 + (cp >> 10));
    out[1] = (uint16_t)(0xDC00 + (cp & 0x3FF));
    return 2;
}

/* CodePointAt — #sec-codepointat: decodes the code point starting at s[0]
 * (len >= 1 units left); returns 1 or 2 units consumed. A lone surrogate is
 * returned as itself. */
static inline int utf16_decode(const uint16_t *s, size_t len, uint32_t *cp) {
    uint16_t first = s[0];
    if (utf16_is_lead(first) && len >= 2 && utf16_is_trail(s[1])) {
        *cp = utf16_combine(first, s[1]);
        return 2;
    }
    *cp = first;
    return 1;
}

/* Decodes the code point that ends just before s[at] (at >= 1); returns the
 * 1 or 2 units it spans. */
static inline int utf16_decode_before(const uint16_t *s, size_t at, uint32_t *cp) {
    uint16_t last = s[at - 1];
    if (utf16_is_trail(last) && at >= 2 && utf16_is_lead(s[at - 2])) {
        *cp = utf16_combine(s[at - 2], last);
        return 2;
    }
    *cp = last;
    return 1;
}

/* UTF-16 -> UTF-8; lone surrogates become U+FFFD, or their WTF-8 encoding
 * when wtf8 is true (both three bytes). Returns the byte count; out may be
 * NULL to count. */
size_t utf16_to_utf8(const uint16_t *s, size_t len, uint8_t *out, bool wtf8);

/* ---- Latin-1 ------------------------------------------------------------ */

/* Latin-1 (8-bit string storage) -> UTF-8; out may be NULL to count. */
size_t latin1_to_utf8(const uint8_t *s, size_t len, uint8_t *out);

#endif
