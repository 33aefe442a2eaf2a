/* utf.c — UTF-8 / WTF-8 / UTF-16 / Latin-1 conversions (see utf.h). */
#include "util/utf.h"

/* Decodes one multi-byte sequence. The bounds on the second byte are what
 * rule out overlongs (E0, F0), code points above U+10FFFF (F4) and, unless
 * allow_surrogates, encoded surrogates (ED); on the first byte that breaks
 * the pattern, the bytes read so far (the maximal subpart) become U+FFFD. */
static int decode_sequence(const uint8_t *s, size_t len, uint32_t *cp, bool allow_surrogates) {
    if (len == 0) {
        *cp = UTF_REPLACEMENT_CHAR;
        return 0;
    }
    uint8_t lead = s[0];
    if (lead < 0x80) {
        *cp = lead;
        return 1;
    }
    int continuation_count;
    uint32_t value;
    uint8_t second_min = 0x80, second_max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        continuation_count = 1;
        value = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        continuation_count = 2;
        value = lead & 0x0F;
        if (lead == 0xE0)
            second_min = 0xA0;
        else if (lead == 0xED && !allow_surrogates)
            second_max = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        continuation_count = 3;
        value = lead & 0x07;
        if (lead == 0xF0)
            second_min = 0x90;
        else if (lead == 0xF4)
            second_max = 0x8F;
    } else {
        /* 80..C1 (continuation or overlong lead) and F5..FF never start one. */
        *cp = UTF_REPLACEMENT_CHAR;
        return 1;
    }
    size_t i = 1;
    for (; continuation_count > 0; continuation_count--, i++) {
        if (i >= len || s[i] < second_min || s[i] > second_max) {
            *cp = UTF_REPLACEMENT_CHAR;
            return (int)i;
        }
        value = value << 6 | (s[i] & 0x3Fu);
        second_min = 0x80;
        second_max = 0xBF;
    }
    *cp = value;
    return (int)i;
}

int utf8_decode_slow(const uint8_t *s, size_t len, uint32_t *cp) {
    return decode_sequence(s, len, cp, false);
}

int wtf8_decode(const uint8_t *s, size_t len, uint32_t *cp) {
    return decode_sequence(s, len, cp, true);
}

int utf8_encode(uint32_t cp, uint8_t out[4]) {
    if (cp < 0x80) {
        out[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (uint8_t)(0xC0 | cp >> 6);
        out[1] = (uint8_t)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp > 0x10FFFF) cp = UTF_REPLACEMENT_CHAR;
    if (cp < 0x10000) {
        out[0] = (uint8_t)(0xE0 | cp >> 12);
        out[1] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (uint8_t)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (uint8_t)(0xF0 | cp >> 18);
    out[1] = (uint8_t)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (uint8_t)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_valid_prefix(const uint8_t *s, size_t len) {
    size_t i = 0;
    while (i < len) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        int n = decode_sequence(s + i, len - i, &cp, false);
        /* Only an ill-formed sequence yields U+FFFD from fewer than 3 bytes;
         * a real U+FFFD is EF BF BD. */
        if (cp == UTF_REPLACEMENT_CHAR && !(n == 3 && s[i] == 0xEF)) return i;
        i += (size_t)n;
    }
    return len;
}

static size_t to_utf16(const uint8_t *s, size_t len, uint16_t *out, bool wtf8) {
    size_t units = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        if (s[i] < 0x80) {
            cp = s[i++];
        } else {
            i += (size_t)decode_sequence(s + i, len - i, &cp, wtf8);
        }
        if (cp < 0x10000) {
            if (out) out[units] = (uint16_t)cp;
            units++;
        } else {
            if (out) utf16_encode(cp, out + units);
            units += 2;
        }
    }
    return units;
}

size_t utf8_to_utf16(const uint8_t *s, size_t len, uint16_t *out) {
    return to_utf16(s, len, out, false);
}

size_t wtf8_to_utf16(const uint8_t *s, size_t len, uint16_t *out) {
    return to_utf16(s, len, out, true);
}

size_t utf8_to_latin1(const uint8_t *s, size_t len, uint8_t *out) {
    size_t n = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        i += (size_t)utf8_decode(s + i, len - i, &cp);
        if (cp > 0xFF) return SIZE_MAX;
        if (out) out[n] = (uint8_t)cp;
        n++;
    }
    return n;
}

size_t utf16_to_utf8(const uint16_t *s, size_t len, uint8_t *out, bool wtf8) {
    size_t bytes = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        if (s[i] < 0x80) {
            if (out) out[bytes] = (uint8_t)s[i];
            bytes++;
            i++;
            continue;
        }
        i += (size_t)utf16_decode(s + i, len - i, &cp);
        if (utf16_is_surrogate(cp) && !wtf8) cp = UTF_REPLACEMENT_CHAR;
        uint8_t buf[4];
        int n = utf8_encode(cp, buf);
        if (out) {
            for (int k = 0; k < n; k++)
                out[bytes + (size_t)k] = buf[k];
        }
        bytes += (size_t)n;
    }
    return bytes;
}

size_t latin1_to_utf8(const uint8_t *s, size_t len, uint8_t *out) {
    size_t bytes = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = s[i];
        if (c < 0x80) {
            if (out) out[bytes] = c;
            bytes++;
        } else {
            if (out) {
                out[bytes] = (uint8_t)(0xC0 | c >> 6);
                out[bytes + 1] = (uint8_t)(0x80 | (c & 0x3F));
            }
            bytes += 2;
        }
    }
    return bytes;
}
