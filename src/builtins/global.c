/*
 * global.c — the value and function properties of the global object
 * (#sec-global-object): globalThis, Infinity, NaN, undefined, eval,
 * isFinite, isNaN, parseFloat, parseInt, the URI functions, and Annex B's
 * escape / unescape (#sec-additional-properties-of-the-global-object).
 * parseFloat and parseInt themselves live in number.c (they are shared with
 * Number); here they are only installed.
 */
#include <math.h>
#include "builtins/builtins.h"
#include "util/utf.h"
#include "vm/string.h"
#include "vm/vm.h"

/* ToString(v), flattened so code units can be read with str_at. */
static String *to_flat_string(Context *ctx, Value v) {
    String *s = ToStringS(ctx, v);
    if (!s) return NULL;
    return str_flatten(ctx->rt, s);
}

/* eval ( x ) — #sec-eval-x */
static Value global_eval(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    return vm_indirect_eval(ctx, ARG(0));
}

/* isFinite ( number ) — #sec-isfinite-number */
static Value global_is_finite(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    double d;
    TRY_I(ToNumberDouble(ctx, ARG(0), &d));
    return val_from_bool(isfinite(d));
}

/* isNaN ( number ) — #sec-isnan-number */
static Value global_is_nan(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    double d;
    TRY_I(ToNumberDouble(ctx, ARG(0), &d));
    return val_from_bool(isnan(d));
}

/* ---- URI handling (#sec-uri-handling-functions) ------------------------------ */

static bool in_set(uint16_t c, const char *set) {
    if (c == 0 || c >= 0x80) return false;
    for (const char *p = set; *p; p++)
        if (*p == (char)c) return true;
    return false;
}

static bool is_ascii_word_char(uint16_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static const char hex_upper[] = "0123456789ABCDEF";
static const char uri_reserved_and_hash[] = ";/?:@&=+$,#";

/* Encode ( string, extraUnescaped ) — #sec-encode */
static Value Encode(Context *ctx, String *s, const char *extra_unescaped) {
    uint32_t len = s->length, k = 0;
    StringBuilder sb;
    sb_init(&sb, ctx->rt);
    while (k < len) {
        uint16_t c = str_at(s, k);
        if (is_ascii_word_char(c) || in_set(c, "-.!~*'()") || in_set(c, extra_unescaped)) {
            sb_append_unit(&sb, c);
            k++;
            continue;
        }
        /* CodePointAt(string, k) */
        uint32_t cp = c;
        if (utf16_is_lead(c) && k + 1 < len && utf16_is_trail(str_at(s, k + 1))) {
            cp = utf16_combine(c, str_at(s, k + 1));
            k += 2;
        } else if (utf16_is_surrogate(c)) {
            sb_free(&sb);
            return throw_error(ctx, ERR_URI, "URI malformed: unpaired surrogate");
        } else {
            k++;
        }
        uint8_t octets[4];
        int n = utf8_encode(cp, octets);
        for (int j = 0; j < n; j++) {
            sb_append_unit(&sb, '%');
            sb_append_unit(&sb, (uint16_t)hex_upper[octets[j] >> 4]);
            sb_append_unit(&sb, (uint16_t)hex_upper[octets[j] & 15]);
        }
    }
    String *r = sb_finish(&sb);
    return r ? val_from_string(r) : VAL_EXCEPTION;
}

static int hex_value(uint16_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* ParseHexOctet ( string, position ) — #sec-parsehexoctet: -1 if not hex. */
static int ParseHexOctet(String *s, uint32_t position) {
    int hi = hex_value(str_at(s, position)), lo = hex_value(str_at(s, position + 1));
    if (hi < 0 || lo < 0) return -1;
    return hi * 16 + lo;
}

/* Decodes n (2..4) octets of one UTF-8 sequence; false if they are not the
 * valid (shortest-form, non-surrogate, <= U+10FFFF) encoding of a code point. */
static bool decode_utf8_octets(const uint8_t *octets, int n, uint32_t *out) {
    static const uint32_t min_for_length[5] = {0, 0, 0x80, 0x800, 0x10000};
    uint32_t cp = octets[0] & (0x7Fu >> n);
    for (int j = 1; j < n; j++) {
        if ((octets[j] & 0xC0) != 0x80) return false;
        cp = (cp << 6) | (octets[j] & 0x3Fu);
    }
    if (cp < min_for_length[n] || cp > 0x10FFFF || utf16_is_surrogate(cp)) return false;
    *out = cp;
    return true;
}

/* Decode ( string, preserveEscapeSet ) — #sec-decode */
static Value Decode(Context *ctx, String *s, const char *preserve_escape_set) {
    uint32_t len = s->length;
    StringBuilder sb;
    sb_init(&sb, ctx->rt);
    for (uint32_t k = 0; k < len; k++) {
        uint16_t c = str_at(s, k);
        if (c != '%') {
            sb_append_unit(&sb, c);
            continue;
        }
        uint32_t start = k;
        if ((uint64_t)k + 3 > len) goto malformed;
        int b = ParseHexOctet(s, k + 1);
        if (b < 0) goto malformed;
        k += 2;
        int n = 0;
        while (n < 8 && (b & (0x80 >> n)))
            n++;
        if (n == 0) {
            if (in_set((uint16_t)b, preserve_escape_set)) {
                for (uint32_t j = start; j < start + 3; j++)
                    sb_append_unit(&sb, str_at(s, j));
            } else {
                sb_append_unit(&sb, (uint16_t)b);
            }
            continue;
        }
        if (n == 1 || n > 4) goto malformed;
        uint8_t octets[4] = {(uint8_t)b};
        for (int j = 1; j < n; j++) {
            k++;
            if ((uint64_t)k + 3 > len || str_at(s, k) != '%') goto malformed;
            int continuation = ParseHexOctet(s, k + 1);
            if (continuation < 0) goto malformed;
            octets[j] = (uint8_t)continuation;
            k += 2;
        }
        uint32_t cp;
        if (!decode_utf8_octets(octets, n, &cp)) goto malformed;
        sb_append_codepoint(&sb, cp);
    }
    String *r = sb_finish(&sb);
    return r ? val_from_string(r) : VAL_EXCEPTION;
malformed:
    sb_free(&sb);
    return throw_error(ctx, ERR_URI, "URI malformed");
}

/* decodeURI ( encodedURI ) — #sec-decodeuri-encodeduri
 * decodeURIComponent ( encodedURIComponent ) — #sec-decodeuricomponent-encodeduricomponent
 * (magic 1: component) */
static Value global_decode_uri(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    String *s = to_flat_string(ctx, ARG(0));
    if (!s) return VAL_EXCEPTION;
    return Decode(ctx, s, magic ? "" : uri_reserved_and_hash);
}

/* encodeURI ( uri ) — #sec-encodeuri-uri
 * encodeURIComponent ( uriComponent ) — #sec-encodeuricomponent-uricomponent
 * (magic 1: component) */
static Value global_encode_uri(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    String *s = to_flat_string(ctx, ARG(0));
    if (!s) return VAL_EXCEPTION;
    return Encode(ctx, s, magic ? "" : uri_reserved_and_hash);
}

/* escape ( string ) — #sec-escape-string */
static Value global_escape(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    String *s = to_flat_string(ctx, ARG(0));
    if (!s) return VAL_EXCEPTION;
    StringBuilder sb;
    sb_init(&sb, ctx->rt);
    for (uint32_t k = 0; k < s->length; k++) {
        uint16_t c = str_at(s, k);
        if (is_ascii_word_char(c) || in_set(c, "@*+-./")) {
            sb_append_unit(&sb, c);
        } else if (c < 256) {
            sb_append_unit(&sb, '%');
            sb_append_unit(&sb, (uint16_t)hex_upper[c >> 4]);
            sb_append_unit(&sb, (uint16_t)hex_upper[c & 15]);
        } else {
            sb_append_ascii(&sb, "%u");
            for (int shift = 12; shift >= 0; shift -= 4)
                sb_append_unit(&sb, (uint16_t)hex_upper[(c >> shift) & 15]);
        }
    }
    String *r = sb_finish(&sb);
    return r ? val_from_string(r) : VAL_EXCEPTION;
}

/* unescape ( string ) — #sec-unescape-string */
static Value global_unescape(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    String *s = to_flat_string(ctx, ARG(0));
    if (!s) return VAL_EXCEPTION;
    uint32_t len = s->length;
    StringBuilder sb;
    sb_init(&sb, ctx->rt);
    for (uint32_t k = 0; k < len; k++) {
        uint16_t c = str_at(s, k);
        if (c == '%') {
            uint32_t first = 0, count = 0, advance = 0;
            if ((uint64_t)k + 5 < len && str_at(s, k + 1) == 'u') {
                first = k + 2, count = 4, advance = 5;
            } else if ((uint64_t)k + 3 <= len) {
                first = k + 1, count = 2, advance = 2;
            }
            if (count > 0) {
                int value = 0;
                uint32_t j = 0;
                for (; j < count; j++) {
                    int h = hex_value(str_at(s, first + j));
                    if (h < 0) break;
                    value = value * 16 + h;
                }
                if (j == count) {
                    c = (uint16_t)value;
                    k += advance;
                }
            }
        }
        sb_append_unit(&sb, c);
    }
    String *r = sb_finish(&sb);
    return r ? val_from_string(r) : VAL_EXCEPTION;
}

static const BuiltinProp global_props[] = {
    /* { [[Writable]]: false, [[Enumerable]]: false, [[Configurable]]: false } */
    BP_NUM("Infinity", INFINITY, 0),
    BP_NUM("NaN", NAN, 0),
    {"undefined", BP_UNDEFINED, 0, 0, 0, NULL, NULL, 0, NULL},
    BP_FUNC("eval", global_eval, 1),
    BP_FUNC("isFinite", global_is_finite, 1),
    BP_FUNC("isNaN", global_is_nan, 1),
    /* The same function objects as Number.parseFloat / Number.parseInt, which
     * init_number (run earlier) creates and records. */
    BP_INTR("parseFloat", INTR_ParseFloat, PROP_BUILTIN),
    BP_INTR("parseInt", INTR_ParseInt, PROP_BUILTIN),
    BP_FUNC_MAGIC("decodeURI", global_decode_uri, 1, 0),
    BP_FUNC_MAGIC("decodeURIComponent", global_decode_uri, 1, 1),
    BP_FUNC_MAGIC("encodeURI", global_encode_uri, 1, 0),
    BP_FUNC_MAGIC("encodeURIComponent", global_encode_uri, 1, 1),
    BP_FUNC("escape", global_escape, 1),
    BP_FUNC("unescape", global_unescape, 1),
};

int init_global(Context *ctx) {
    Runtime *rt = ctx->rt;
    Object *global = ctx->global;
    /* globalThis — #sec-globalthis: writable, configurable, not enumerable. */
    if (obj_define_data_fast(ctx, global, KEY(rt, globalThis), val_from_object(global),
                             PROP_BUILTIN) < 0)
        return -1;
    if (builtins_install(ctx, global, global_props, BP_COUNT(global_props)) < 0) return -1;
    Value eval_fn;
    uint8_t attrs;
    if (!obj_lookup_own_fast(global, KEY(rt, eval), &eval_fn, &attrs)) {
        throw_type_error(ctx, "init_global: eval missing");
        return -1;
    }
    ctx->intrinsics[INTR_eval] = eval_fn;
    return 0;
}
