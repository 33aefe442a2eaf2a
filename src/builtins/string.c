/*
 * string.c — the String constructor, String.prototype, %StringIteratorPrototype%
 * and the Annex B String methods (#sec-string-objects,
 * #sec-additional-properties-of-the-string.prototype-object).
 *
 * Every method reads code units from a flat string (ropes are flattened
 * once, up front) and builds its result either in a StringBuilder (malloc'd,
 * no rooting needed) or straight into a flat string of known length.
 *
 * The RegExp-facing methods (match, matchAll, replace, replaceAll, search,
 * split) look up the argument's well-known-symbol method first, exactly as
 * the spec orders it, so RegExp plugs in through its @@match/@@replace/...
 * methods. They do so only for Object arguments, as test262 expects (the
 * normative change "don't call well-known Symbol methods for RegExp on
 * primitive values", newer than the spec text in shared/spec, which still
 * says "neither undefined nor null"). Where the spec creates a RegExp itself (RegExpCreate) and the
 * realm has no %RegExp% yet, a TypeError says so.
 *
 * %StringIteratorPrototype% gets %IteratorPrototype% as its [[Prototype]]
 * through ensure_iterator_prototype (array.c), which creates it on first use:
 * init_string runs before init_array.
 *
 * String.prototype.normalize hands the code units to util/normalize.c (UAX #15,
 * generated Unicode 17.0 tables); already normalized text comes back as the
 * same string, without allocating.
 */
#include <math.h>
#include <stdlib.h>
#include "builtins/builtins.h"
#include "builtins/iterator_ops.h"
#include "util/normalize.h"
#include "util/unicode.h"
#include "util/utf.h"
#include "vm/string.h"

/* ---- helpers ------------------------------------------------------------------ */

static Value string_value(String *s) {
    return s ? val_from_string(s) : VAL_EXCEPTION;
}

/* ToString(v), flattened so that code units can be read directly. */
static String *to_flat_string(Context *ctx, Value v) {
    String *s = ToStringS(ctx, v);
    if (!s) return NULL;
    return str_flatten(ctx->rt, s);
}

/* Steps 1-3 of most methods: RequireObjectCoercible(this) and ToString(this). */
static String *this_to_string(Context *ctx, Value this_value, const char *method) {
    if (val_is_nullish(this_value)) {
        throw_type_error(ctx, "String.prototype.%s called on %s", method,
                         val_is_null(this_value) ? "null" : "undefined");
        return NULL;
    }
    return to_flat_string(ctx, this_value);
}

/* Appends the code units s[start, end) of a flat string. */
static void sb_append_range(StringBuilder *sb, String *s, uint32_t start, uint32_t end) {
    if (end <= start) return;
    if (str_is_wide(s))
        sb_append_utf16(sb, str_chars16(s) + start, end - start);
    else
        sb_append_latin1(sb, str_chars8(s) + start, end - start);
}

/* Substring of a flat string; single code units come from the cache. */
static String *substring(Runtime *rt, String *s, uint32_t start, uint32_t end) {
    if (end == start + 1) return str_from_char(rt, str_at(s, start));
    return str_substring(rt, s, start, end);
}

/* Copies n code units of flat src (from src_start) into flat dst at
 * dst_start; dst is wide whenever src is. */
static void copy_units(String *dst, uint32_t dst_start, String *src, uint32_t src_start,
                       uint32_t n) {
    if (str_is_wide(dst)) {
        uint16_t *d = str_mut_chars16(dst) + dst_start;
        if (str_is_wide(src)) {
            memcpy(d, str_chars16(src) + src_start, (size_t)n * 2);
        } else {
            const uint8_t *p = str_chars8(src) + src_start;
            for (uint32_t i = 0; i < n; i++)
                d[i] = p[i];
        }
    } else {
        memcpy(str_mut_chars8(dst) + dst_start, str_chars8(src) + src_start, n);
    }
}

/* Fills dst[start, start + n) with repetitions of flat `unit` (dst is wide
 * whenever unit is), doubling the filled part to stay O(n). */
static void fill_repeated(String *dst, uint32_t start, String *unit, uint32_t n) {
    uint32_t first = unit->length < n ? unit->length : n;
    copy_units(dst, start, unit, 0, first);
    uint32_t filled = first;
    size_t width = str_is_wide(dst) ? 2 : 1;
    uint8_t *base = (uint8_t *)dst->u.flat.chars + (size_t)start * width;
    while (filled < n) {
        uint32_t chunk = filled < n - filled ? filled : n - filled;
        memcpy(base + (size_t)filled * width, base, (size_t)chunk * width);
        filled += chunk;
    }
}

/* CodePointAt ( string, position ) — #sec-codepointat: the code point at
 * position of a flat string; *count is 1 or 2. */
static uint32_t CodePointAt(String *s, uint32_t position, int *count) {
    uint16_t first = str_at(s, position);
    *count = 1;
    if (utf16_is_lead(first) && position + 1 < s->length) {
        uint16_t second = str_at(s, position + 1);
        if (utf16_is_trail(second)) {
            *count = 2;
            return utf16_combine(first, second);
        }
    }
    return first;
}

/* Clamps an integer-or-infinity to [lo, hi]. */
static uint32_t clamp_index(double d, uint32_t lo, uint32_t hi) {
    if (d < lo) return lo;
    if (d > hi) return hi;
    return (uint32_t)d;
}

/* IsRegExp ( argument ) — #sec-isregexp: 1 true, 0 false, -1 threw. */
static int IsRegExp(Context *ctx, Value argument) {
    if (!val_is_object(argument)) return 0;
    Object *o = obj_from_value(argument);
    Value matcher = Get(ctx, o, KEY_SYM(ctx->rt, match));
    ITRY(matcher);
    if (!val_is_undefined(matcher)) return ToBoolean(matcher) ? 1 : 0;
    return obj_class(o) == CLASS_REGEXP ? 1 : 0;
}

/* RegExpCreate ( P, F ) — #sec-regexpcreate, as `new %RegExp%(P', F)` where
 * P' is P converted by ToString first. RegExpInitialize would perform the
 * same conversion at the same point, and a String pattern makes the
 * constructor's IsRegExp and prototype lookups unobservable. */
static Value RegExpCreate(Context *ctx, Value pattern, const char *flags) {
    Value args[2] = {VAL_UNDEFINED, VAL_UNDEFINED};
    if (!val_is_undefined(pattern)) {
        args[0] = ToString(ctx, pattern);
        TRY(args[0]);
    }
    Value ctor = ctx_intrinsic(ctx, INTR_RegExp);
    if (flags) {
        String *f = str_from_cstr(ctx->rt, flags);
        if (!f) return VAL_EXCEPTION;
        args[1] = val_from_string(f);
    }
    return Construct(ctx, ctor, 2, args, VAL_UNDEFINED);
}

/* Steps 3.a-3.b of the methods that require a global RegExp (matchAll,
 * replaceAll): a regexp argument whose "flags" lack "g" is a TypeError. */
static int require_global_flag(Context *ctx, Value regexp, const char *method) {
    int is_regexp = IsRegExp(ctx, regexp);
    ITRY_I(is_regexp);
    if (!is_regexp) return 0;
    PropKey flags_key = key_from_cstr(ctx->rt, "flags");
    if (flags_key == KEY_NONE) return -1;
    Value flags = Get(ctx, obj_from_value(regexp), flags_key);
    ITRY(flags);
    if (val_is_nullish(flags)) {
        throw_type_error(ctx, "String.prototype.%s: the RegExp's flags are %s", method,
                         val_is_null(flags) ? "null" : "undefined");
        return -1;
    }
    String *fs = to_flat_string(ctx, flags);
    if (!fs) return -1;
    for (uint32_t i = 0; i < fs->length; i++)
        if (str_at(fs, i) == 'g') return 0;
    throw_type_error(ctx, "String.prototype.%s called with a non-global RegExp", method);
    return -1;
}

/* ---- the String constructor ---------------------------------------------------- */

/* SymbolDescriptiveString ( sym ) — #sec-symboldescriptivestring */
static Value SymbolDescriptiveString(Context *ctx, Symbol *sym) {
    StringBuilder sb;
    sb_init(&sb, ctx->rt);
    sb_append_ascii(&sb, "Symbol(");
    if (val_is_string(sym->description)) sb_append_string(&sb, val_as_string(sym->description));
    sb_append_unit(&sb, ')');
    return string_value(sb_finish(&sb));
}

/* String ( value ) — #sec-string-constructor-string-value */
static Value string_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                Value new_target, int magic) {
    String *s;
    if (argc == 0) {
        /* 1. */
        s = str_empty(ctx->rt);
        if (!s) return VAL_EXCEPTION;
    } else {
        /* 2. */
        if (val_is_undefined(new_target) && val_is_symbol(argv[0]))
            return SymbolDescriptiveString(ctx, val_as_symbol(argv[0]));
        s = ToStringS(ctx, argv[0]);
        if (!s) return VAL_EXCEPTION;
    }
    /* 3. */
    if (val_is_undefined(new_target)) return val_from_string(s);
    /* 4. */
    Object *proto = GetPrototypeFromConstructor(ctx, new_target, INTR_StringPrototype);
    if (!proto) return VAL_EXCEPTION;
    Object *o = StringCreate(ctx, s, proto);
    return o ? val_from_object(o) : VAL_EXCEPTION;
}

/* String.fromCharCode ( ...codeUnits ) — #sec-string.fromcharcode */
static Value string_from_char_code(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    if (argc == 1) {
        uint16_t unit;
        TRY_I(ToUint16(ctx, argv[0], &unit));
        return string_value(str_from_char(ctx->rt, unit));
    }
    StringBuilder sb;
    sb_init(&sb, ctx->rt);
    for (int i = 0; i < argc; i++) {
        uint16_t unit;
        if (ToUint16(ctx, argv[i], &unit) < 0) {
            sb_free(&sb);
            return VAL_EXCEPTION;
        }
        sb_append_unit(&sb, unit);
    }
    return string_value(sb_finish(&sb));
}

/* String.fromCodePoint ( ...codePoints ) — #sec-string.fromcodepoint */
static Value string_from_code_point(Context *ctx, Value this_value, int argc, const Value *argv,
                                    Value new_target, int magic) {
    StringBuilder sb;
    sb_init(&sb, ctx->rt);
    for (int i = 0; i < argc; i++) {
        double next;
        if (ToNumberDouble(ctx, argv[i], &next) < 0) {
            sb_free(&sb);
            return VAL_EXCEPTION;
        }
        if (!(next >= 0 && next <= 0x10FFFF && trunc(next) == next)) {
            sb_free(&sb);
            Value shown = ToString(ctx, val_from_number(next));
            if (val_is_exception(shown)) return VAL_EXCEPTION;
            char *utf8 = str_to_utf8(ctx->rt, val_as_string(shown), NULL);
            Value r = throw_range_error(ctx, "String.fromCodePoint: invalid code point %s",
                                        utf8 ? utf8 : "");
            free(utf8);
            return r;
        }
        sb_append_codepoint(&sb, (uint32_t)next);
    }
    return string_value(sb_finish(&sb));
}

/* String.raw ( template, ...substitutions ) — #sec-string.raw */
static Value string_raw(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    /* 1. */
    uint64_t substitution_count = argc > 1 ? (uint64_t)(argc - 1) : 0;
    /* 2. */
    Value cooked = ToObject(ctx, ARG(0));
    TRY(cooked);
    /* 3. */
    Value raw = Get(ctx, obj_from_value(cooked), KEY(rt, raw));
    TRY(raw);
    Value literals = ToObject(ctx, raw);
    TRY(literals);
    /* 4. */
    uint64_t literal_count;
    TRY(LengthOfArrayLike(ctx, obj_from_value(literals), &literal_count));
    /* 5. */
    if (literal_count == 0) return string_value(str_empty(rt));
    /* 6-8. */
    StringBuilder sb;
    sb_init(&sb, rt);
    for (uint64_t next_index = 0;; next_index++) {
        HandleMark mark = gc_scope_open(rt);
        PropKey key = next_index <= 0xFFFFFFFEu
                          ? key_from_index((uint32_t)next_index)
                          : ToPropertyKey(ctx, val_from_double((double)next_index));
        if (key == KEY_NONE) goto fail;
        Value next_literal_val = Get(ctx, obj_from_value(literals), key);
        if (val_is_exception(next_literal_val)) goto fail;
        String *next_literal = ToStringS(ctx, next_literal_val);
        if (!next_literal) goto fail;
        sb_append_string(&sb, next_literal);
        if (next_index + 1 == literal_count) {
            gc_scope_close(rt, mark);
            break;
        }
        if (next_index < substitution_count) {
            String *next_sub = ToStringS(ctx, argv[next_index + 1]);
            if (!next_sub) goto fail;
            sb_append_string(&sb, next_sub);
        }
        gc_scope_close(rt, mark);
        if (sb.failed) break; /* sb_finish reports it */
        continue;
    fail:
        gc_scope_close(rt, mark);
        sb_free(&sb);
        return VAL_EXCEPTION;
    }
    return string_value(sb_finish(&sb));
}

/* ---- String.prototype: code unit access ----------------------------------------- */

/* String.prototype.at ( index ) — #sec-string.prototype.at */
static Value string_at(Context *ctx, Value this_value, int argc, const Value *argv,
                       Value new_target, int magic) {
    String *s = this_to_string(ctx, this_value, "at");
    if (!s) return VAL_EXCEPTION;
    double len = s->length, relative;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &relative));
    double k = relative >= 0 ? relative : len + relative;
    if (k < 0 || k >= len) return VAL_UNDEFINED;
    return string_value(substring(ctx->rt, s, (uint32_t)k, (uint32_t)k + 1));
}

/* String.prototype.charAt ( pos ) — #sec-string.prototype.charat
 * String.prototype.charCodeAt ( pos ) — #sec-string.prototype.charcodeat (magic 1)
 * String.prototype.codePointAt ( pos ) — #sec-string.prototype.codepointat (magic 2) */
static Value string_char_at(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    static const char *const names[] = {"charAt", "charCodeAt", "codePointAt"};
    String *s = this_to_string(ctx, this_value, names[magic]);
    if (!s) return VAL_EXCEPTION;
    double position;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &position));
    if (position < 0 || position >= s->length) {
        if (magic == 0) return string_value(str_empty(ctx->rt));
        return magic == 1 ? val_from_double(NAN) : VAL_UNDEFINED;
    }
    uint32_t pos = (uint32_t)position;
    if (magic == 0) return string_value(str_from_char(ctx->rt, str_at(s, pos)));
    if (magic == 1) return val_from_int(str_at(s, pos));
    int count;
    return val_from_int((int32_t)CodePointAt(s, pos, &count));
}

/* String.prototype.concat ( ...args ) — #sec-string.prototype.concat */
static Value string_concat(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    String *r = this_to_string(ctx, this_value, "concat");
    if (!r) return VAL_EXCEPTION;
    for (int i = 0; i < argc; i++) {
        String *next = ToStringS(ctx, argv[i]);
        if (!next) return VAL_EXCEPTION;
        r = str_concat(ctx->rt, r, next);
        if (!r) return VAL_EXCEPTION;
    }
    return val_from_string(r);
}

/* ---- String.prototype: searching ------------------------------------------------- */

/* StringIndexOf ( string, searchValue, fromIndex ) — #sec-stringindexof:
 * -1 for ~not-found~. */
static int64_t StringIndexOf(String *string, String *search, uint32_t from) {
    return str_index_of(string, search, from);
}

/* StringLastIndexOf ( string, searchValue, fromIndex ) — #sec-stringlastindexof:
 * the largest i <= from where search occurs; -1 for ~not-found~. Both strings
 * flat; from + search length <= string length. */
static int64_t StringLastIndexOf(String *string, String *search, uint32_t from) {
    uint32_t m = search->length;
    if (m == 0) return from;
    uint16_t first = str_at(search, 0);
    for (int64_t i = from; i >= 0; i--) {
        uint32_t k = (uint32_t)i;
        if (str_at(string, k) != first) continue;
        uint32_t j = 1;
        while (j < m && str_at(string, k + j) == str_at(search, j))
            j++;
        if (j == m) return i;
    }
    return -1;
}

/* Whether flat s has the code units of flat t at position start. */
static bool matches_at(String *s, uint32_t start, String *t) {
    for (uint32_t j = 0; j < t->length; j++)
        if (str_at(s, start + j) != str_at(t, j)) return false;
    return true;
}

/* Steps 4-6 of includes / startsWith / endsWith: the search string, after
 * rejecting RegExps. */
static String *search_string_arg(Context *ctx, Value search, const char *method) {
    int is_regexp = IsRegExp(ctx, search);
    if (is_regexp < 0) return NULL;
    if (is_regexp) {
        throw_type_error(ctx, "String.prototype.%s: the search string must not be a RegExp",
                         method);
        return NULL;
    }
    return to_flat_string(ctx, search);
}

/* String.prototype.endsWith ( searchString [ , endPosition ] ) — #sec-string.prototype.endswith */
static Value string_ends_with(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    String *s = this_to_string(ctx, this_value, "endsWith");
    if (!s) return VAL_EXCEPTION;
    String *search = search_string_arg(ctx, ARG(0), "endsWith");
    if (!search) return VAL_EXCEPTION;
    uint32_t len = s->length;
    double pos = len;
    if (!val_is_undefined(ARG(1))) TRY_I(ToIntegerOrInfinity(ctx, ARG(1), &pos));
    uint32_t end = clamp_index(pos, 0, len);
    uint32_t search_length = search->length;
    if (search_length == 0) return VAL_TRUE;
    if (search_length > end) return VAL_FALSE;
    return val_from_bool(matches_at(s, end - search_length, search));
}

/* String.prototype.includes ( searchString [ , position ] ) — #sec-string.prototype.includes */
static Value string_includes(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    String *s = this_to_string(ctx, this_value, "includes");
    if (!s) return VAL_EXCEPTION;
    String *search = search_string_arg(ctx, ARG(0), "includes");
    if (!search) return VAL_EXCEPTION;
    double pos;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(1), &pos));
    uint32_t start = clamp_index(pos, 0, s->length);
    return val_from_bool(StringIndexOf(s, search, start) >= 0);
}

/* String.prototype.indexOf ( searchString [ , position ] ) — #sec-string.prototype.indexof */
static Value string_index_of(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    String *s = this_to_string(ctx, this_value, "indexOf");
    if (!s) return VAL_EXCEPTION;
    String *search = to_flat_string(ctx, ARG(0));
    if (!search) return VAL_EXCEPTION;
    double pos;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(1), &pos));
    uint32_t start = clamp_index(pos, 0, s->length);
    return val_from_int((int32_t)StringIndexOf(s, search, start));
}

/* String.prototype.lastIndexOf ( searchString [ , position ] ) — #sec-string.prototype.lastindexof
 */
static Value string_last_index_of(Context *ctx, Value this_value, int argc, const Value *argv,
                                  Value new_target, int magic) {
    String *s = this_to_string(ctx, this_value, "lastIndexOf");
    if (!s) return VAL_EXCEPTION;
    String *search = to_flat_string(ctx, ARG(0));
    if (!search) return VAL_EXCEPTION;
    double num_pos;
    TRY_I(ToNumberDouble(ctx, ARG(1), &num_pos));
    double pos = isnan(num_pos) ? INFINITY : double_to_integer_or_infinity(num_pos);
    uint32_t len = s->length, search_len = search->length;
    if (len < search_len) return val_from_int(-1);
    uint32_t start = clamp_index(pos, 0, len - search_len);
    return val_from_int((int32_t)StringLastIndexOf(s, search, start));
}

/* String.prototype.startsWith ( searchString [ , position ] ) — #sec-string.prototype.startswith */
static Value string_starts_with(Context *ctx, Value this_value, int argc, const Value *argv,
                                Value new_target, int magic) {
    String *s = this_to_string(ctx, this_value, "startsWith");
    if (!s) return VAL_EXCEPTION;
    String *search = search_string_arg(ctx, ARG(0), "startsWith");
    if (!search) return VAL_EXCEPTION;
    uint32_t len = s->length;
    double pos = 0;
    if (!val_is_undefined(ARG(1))) TRY_I(ToIntegerOrInfinity(ctx, ARG(1), &pos));
    uint32_t start = clamp_index(pos, 0, len);
    uint32_t search_length = search->length;
    if (search_length == 0) return VAL_TRUE;
    if (search_length > len - start) return VAL_FALSE;
    return val_from_bool(matches_at(s, start, search));
}

/* The flat string s in normalization form `form` (s itself when it already
 * is); NULL with an exception pending. */
static String *normalize_string(Context *ctx, String *s, uni_norm_form form) {
    uni_norm_input in = {str_is_wide(s) ? NULL : str_chars8(s),
                         str_is_wide(s) ? str_chars16(s) : NULL, s->length};
    uint16_t *units;
    size_t length;
    switch (uni_normalize(&in, form, STR_MAX_LENGTH, &units, &length)) {
    case UNI_NORM_UNCHANGED:
        return s;
    case UNI_NORM_TOO_LONG:
        throw_range_error(ctx, "Invalid string length");
        return NULL;
    case UNI_NORM_NO_MEMORY:
        throw_range_error(ctx, "out of memory while normalizing a string");
        return NULL;
    case UNI_NORM_OK:
        break;
    }
    String *result = str_new_utf16(ctx->rt, units, length);
    free(units);
    return result;
}

/* String.prototype.localeCompare ( that [ , reserved1 [ , reserved2 ] ] ) —
 * #sec-string.prototype.localecompare. Without ECMA-402 there is no locale:
 * the comparison is by code units of the NFD forms, so canonically
 * equivalent strings compare equal, as the clause requires. */
static Value string_locale_compare(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    String *s = this_to_string(ctx, this_value, "localeCompare");
    if (!s) return VAL_EXCEPTION;
    String *that = to_flat_string(ctx, ARG(0));
    if (!that) return VAL_EXCEPTION;
    s = normalize_string(ctx, s, UNI_NFD);
    if (!s) return VAL_EXCEPTION;
    that = normalize_string(ctx, that, UNI_NFD);
    if (!that) return VAL_EXCEPTION;
    int c = str_compare(s, that);
    return val_from_int(c < 0 ? -1 : c > 0 ? 1 : 0);
}

/* ---- String.prototype: RegExp-delegating methods ---------------------------------- */

/* String.prototype.match ( regexp ) — #sec-string.prototype.match
 * String.prototype.search ( regexp ) — #sec-string.prototype.search (magic 1) */
static Value string_match_or_search(Context *ctx, Value this_value, int argc, const Value *argv,
                                    Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    const char *name = magic ? "search" : "match";
    PropKey symbol = magic ? KEY_SYM(rt, search) : KEY_SYM(rt, match);
    /* 1-2. */
    if (val_is_nullish(this_value))
        return throw_type_error(ctx, "String.prototype.%s called on null or undefined", name);
    /* 3. */
    Value regexp = ARG(0);
    if (val_is_object(regexp)) {
        Value method = GetMethod(ctx, regexp, symbol);
        TRY(method);
        if (!val_is_undefined(method)) return Call(ctx, method, regexp, 1, &this_value);
    }
    /* 4. */
    Value s = ToString(ctx, this_value);
    TRY(s);
    /* 5. */
    Value rx = RegExpCreate(ctx, regexp, NULL);
    TRY(rx);
    /* 6. */
    return Invoke(ctx, rx, symbol, 1, &s);
}

/* String.prototype.matchAll ( regexp ) — #sec-string.prototype.matchall */
static Value string_match_all(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    if (val_is_nullish(this_value))
        return throw_type_error(ctx, "String.prototype.matchAll called on null or undefined");
    Value regexp = ARG(0);
    if (val_is_object(regexp)) {
        TRY_I(require_global_flag(ctx, regexp, "matchAll"));
        Value matcher = GetMethod(ctx, regexp, KEY_SYM(rt, matchAll));
        TRY(matcher);
        if (!val_is_undefined(matcher)) return Call(ctx, matcher, regexp, 1, &this_value);
    }
    Value s = ToString(ctx, this_value);
    TRY(s);
    Value rx = RegExpCreate(ctx, regexp, "g");
    TRY(rx);
    return Invoke(ctx, rx, KEY_SYM(rt, matchAll), 1, &s);
}

/* GetSubstitution, appending to sb instead of returning a String. 0, or -1
 * when reading a named capture threw. */
static int get_substitution_into(Context *ctx, StringBuilder *sb, String *matched, String *str,
                                 uint32_t position, const Value *captures, uint32_t capture_count,
                                 Value named_captures, String *template) {
    uint32_t string_length = str->length, m = template->length;
    uint32_t i = 0;
    while (i < m) {
        /* Runs of literal code units go in at once. */
        uint32_t literal_end = i;
        while (literal_end < m && str_at(template, literal_end) != '$')
            literal_end++;
        sb_append_range(sb, template, i, literal_end);
        i = literal_end;
        if (i >= m) break;
        /* template[i] is '$' */
        uint16_t next = i + 1 < m ? str_at(template, i + 1) : 0;
        if (next == '$') {
            sb_append_unit(sb, '$');
            i += 2;
        } else if (next == '`') {
            sb_append_range(sb, str, 0, position);
            i += 2;
        } else if (next == '&') {
            sb_append_string(sb, matched);
            i += 2;
        } else if (next == '\'') {
            uint64_t tail_pos = (uint64_t)position + matched->length;
            if (tail_pos < string_length)
                sb_append_range(sb, str, (uint32_t)tail_pos, string_length);
            i += 2;
        } else if (next >= '0' && next <= '9') {
            uint32_t digit_count = 1, index = next - '0';
            if (i + 2 < m && str_at(template, i + 2) >= '0' && str_at(template, i + 2) <= '9') {
                digit_count = 2;
                index = index * 10 + (str_at(template, i + 2) - '0');
            }
            if (index > capture_count && digit_count == 2) {
                digit_count = 1;
                index = next - '0';
            }
            if (index >= 1 && index <= capture_count) {
                Value capture = captures[index - 1];
                if (val_is_string(capture)) sb_append_string(sb, val_as_string(capture));
            } else {
                sb_append_range(sb, template, i, i + 1 + digit_count);
            }
            i += 1 + digit_count;
        } else if (next == '<') {
            uint32_t gt_pos = i + 2;
            while (gt_pos < m && str_at(template, gt_pos) != '>')
                gt_pos++;
            if (gt_pos >= m || val_is_undefined(named_captures)) {
                sb_append_ascii(sb, "$<");
                i += 2;
            } else {
                Runtime *rt = ctx->rt;
                HandleMark mark = gc_scope_open(rt);
                String *group_name = str_substring(rt, template, i + 2, gt_pos);
                PropKey key = group_name ? key_from_string(rt, group_name) : KEY_NONE;
                if (key == KEY_NONE) {
                    gc_scope_close(rt, mark);
                    return -1;
                }
                Value capture = Get(ctx, obj_from_value(named_captures), key);
                if (val_is_exception(capture)) {
                    gc_scope_close(rt, mark);
                    return -1;
                }
                if (!val_is_undefined(capture)) {
                    String *cs = ToStringS(ctx, capture);
                    if (!cs) {
                        gc_scope_close(rt, mark);
                        return -1;
                    }
                    sb_append_string(sb, cs);
                }
                gc_scope_close(rt, mark);
                i = gt_pos + 1;
            }
        } else {
            sb_append_unit(sb, '$');
            i += 1;
        }
    }
    return 0;
}

/* GetSubstitution ( matched, str, position, captures, namedCaptures,
 * replacementTemplate ) — #sec-getsubstitution */
Value GetSubstitution(Context *ctx, String *matched, String *str, uint32_t position,
                      const Value *captures, uint32_t capture_count, Value named_captures,
                      String *replacement_template) {
    Runtime *rt = ctx->rt;
    if (!str_flatten(rt, matched) || !str_flatten(rt, str) ||
        !str_flatten(rt, replacement_template))
        return VAL_EXCEPTION;
    StringBuilder sb;
    sb_init(&sb, rt);
    if (get_substitution_into(ctx, &sb, matched, str, position, captures, capture_count,
                              named_captures, replacement_template) < 0) {
        sb_free(&sb);
        return VAL_EXCEPTION;
    }
    return string_value(sb_finish(&sb));
}

/* String.prototype.replace ( searchValue, replaceValue ) — #sec-string.prototype.replace
 * String.prototype.replaceAll ( searchValue, replaceValue ) —
 * #sec-string.prototype.replaceall (magic 1) */
static Value string_replace(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    bool all = magic != 0;
    const char *name = all ? "replaceAll" : "replace";
    Value search_value = ARG(0), replace_value = ARG(1);
    /* 1-2. */
    if (val_is_nullish(this_value))
        return throw_type_error(ctx, "String.prototype.%s called on null or undefined", name);
    /* 3. */
    if (val_is_object(search_value)) {
        if (all) TRY_I(require_global_flag(ctx, search_value, name));
        Value replacer = GetMethod(ctx, search_value, KEY_SYM(rt, replace));
        TRY(replacer);
        if (!val_is_undefined(replacer)) {
            Value args[2] = {this_value, replace_value};
            return Call(ctx, replacer, search_value, 2, args);
        }
    }
    /* 4-5. */
    String *string = to_flat_string(ctx, this_value);
    if (!string) return VAL_EXCEPTION;
    String *search = to_flat_string(ctx, search_value);
    if (!search) return VAL_EXCEPTION;
    /* 6-7. */
    bool functional = val_is_callable(replace_value);
    String *template = NULL;
    if (!functional) {
        template = to_flat_string(ctx, replace_value);
        if (!template) return VAL_EXCEPTION;
    }
    /* 8-12: match positions are found one at a time; the string cannot
     * change meanwhile, so this is the spec's list read lazily. */
    uint32_t search_length = search->length;
    uint32_t advance_by = search_length > 0 ? search_length : 1;
    int64_t position = StringIndexOf(string, search, 0);
    if (position < 0) return val_from_string(string);
    /* 13-17. */
    StringBuilder sb;
    sb_init(&sb, rt);
    uint32_t end_of_last_match = 0;
    while (position >= 0) {
        uint32_t p = (uint32_t)position;
        sb_append_range(&sb, string, end_of_last_match, p);
        if (functional) {
            HandleMark mark = gc_scope_open(rt);
            Value args[3] = {val_from_string(search), val_from_int((int32_t)p),
                             val_from_string(string)};
            Value r = Call(ctx, replace_value, VAL_UNDEFINED, 3, args);
            String *replacement = val_is_exception(r) ? NULL : ToStringS(ctx, r);
            if (!replacement) {
                gc_scope_close(rt, mark);
                sb_free(&sb);
                return VAL_EXCEPTION;
            }
            sb_append_string(&sb, replacement);
            gc_scope_close(rt, mark);
        } else if (get_substitution_into(ctx, &sb, search, string, p, NULL, 0, VAL_UNDEFINED,
                                         template) < 0) {
            sb_free(&sb);
            return VAL_EXCEPTION;
        }
        end_of_last_match = p + search_length;
        if (!all || sb.failed) break;
        position = StringIndexOf(string, search, p + advance_by);
    }
    sb_append_range(&sb, string, end_of_last_match, string->length);
    return string_value(sb_finish(&sb));
}

/* String.prototype.split ( separator, limit ) — #sec-string.prototype.split */
static Value string_split(Context *ctx, Value this_value, int argc, const Value *argv,
                          Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Value separator = ARG(0), limit = ARG(1);
    /* 1-2. */
    if (val_is_nullish(this_value))
        return throw_type_error(ctx, "String.prototype.split called on null or undefined");
    /* 3. */
    if (val_is_object(separator)) {
        Value splitter = GetMethod(ctx, separator, KEY_SYM(rt, split));
        TRY(splitter);
        if (!val_is_undefined(splitter)) {
            Value args[2] = {this_value, limit};
            return Call(ctx, splitter, separator, 2, args);
        }
    }
    /* 4. */
    String *s = to_flat_string(ctx, this_value);
    if (!s) return VAL_EXCEPTION;
    /* 5. */
    uint32_t lim = 0xFFFFFFFFu;
    if (!val_is_undefined(limit)) TRY_I(ToUint32(ctx, limit, &lim));
    /* 6. */
    String *r = to_flat_string(ctx, separator);
    if (!r) return VAL_EXCEPTION;
    Object *a = array_new(ctx, 0);
    if (!a) return VAL_EXCEPTION;
    Value result = val_from_object(a);
    /* 7. */
    if (lim == 0) return result;
    /* 8. */
    if (val_is_undefined(separator)) {
        TRY_I(array_push_fast(ctx, a, val_from_string(s)));
        return result;
    }
    uint32_t separator_length = r->length, str_len = s->length;
    /* 10. */
    if (separator_length == 0) {
        uint32_t out_len = lim < str_len ? lim : str_len;
        for (uint32_t i = 0; i < out_len; i++) {
            HandleMark mark = gc_scope_open(rt);
            String *unit = str_from_char(rt, str_at(s, i));
            int ok = unit ? array_push_fast(ctx, a, val_from_string(unit)) : -1;
            gc_scope_close(rt, mark);
            TRY_I(ok);
        }
        return result;
    }
    /* 11. */
    if (str_len == 0) {
        TRY_I(array_push_fast(ctx, a, val_from_string(s)));
        return result;
    }
    /* 12-18. */
    uint32_t i = 0, count = 0;
    int64_t j = StringIndexOf(s, r, 0);
    while (j >= 0) {
        HandleMark mark = gc_scope_open(rt);
        String *t = str_substring(rt, s, i, (uint32_t)j);
        int ok = t ? array_push_fast(ctx, a, val_from_string(t)) : -1;
        gc_scope_close(rt, mark);
        TRY_I(ok);
        if (++count == lim) return result;
        i = (uint32_t)j + separator_length;
        j = StringIndexOf(s, r, i);
    }
    String *t = str_substring(rt, s, i, str_len);
    if (!t) return VAL_EXCEPTION;
    TRY_I(array_push_fast(ctx, a, val_from_string(t)));
    return result;
}

/* ---- String.prototype: substrings ------------------------------------------------ */

/* Resolves a relative index as slice does: negative counts from the end. */
static uint32_t relative_index(double rel, uint32_t len) {
    if (rel < 0) return rel + len < 0 ? 0 : (uint32_t)(rel + len);
    return rel > len ? len : (uint32_t)rel;
}

/* String.prototype.slice ( start, end ) — #sec-string.prototype.slice */
static Value string_slice(Context *ctx, Value this_value, int argc, const Value *argv,
                          Value new_target, int magic) {
    String *s = this_to_string(ctx, this_value, "slice");
    if (!s) return VAL_EXCEPTION;
    uint32_t len = s->length;
    double int_start, int_end = len;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &int_start));
    uint32_t from = relative_index(int_start, len);
    if (!val_is_undefined(ARG(1))) TRY_I(ToIntegerOrInfinity(ctx, ARG(1), &int_end));
    uint32_t to = relative_index(int_end, len);
    if (from >= to) return string_value(str_empty(ctx->rt));
    return string_value(str_substring(ctx->rt, s, from, to));
}

/* String.prototype.substring ( start, end ) — #sec-string.prototype.substring */
static Value string_substring(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    String *s = this_to_string(ctx, this_value, "substring");
    if (!s) return VAL_EXCEPTION;
    uint32_t len = s->length;
    double int_start, int_end = len;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &int_start));
    if (!val_is_undefined(ARG(1))) TRY_I(ToIntegerOrInfinity(ctx, ARG(1), &int_end));
    uint32_t final_start = clamp_index(int_start, 0, len);
    uint32_t final_end = clamp_index(int_end, 0, len);
    uint32_t from = final_start < final_end ? final_start : final_end;
    uint32_t to = final_start < final_end ? final_end : final_start;
    return string_value(str_substring(ctx->rt, s, from, to));
}

/* String.prototype.substr ( start, length ) — #sec-string.prototype.substr */
static Value string_substr(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    String *s = this_to_string(ctx, this_value, "substr");
    if (!s) return VAL_EXCEPTION;
    uint32_t size = s->length;
    double int_start, int_length = size;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &int_start));
    uint32_t start = relative_index(int_start, size);
    if (!val_is_undefined(ARG(1))) TRY_I(ToIntegerOrInfinity(ctx, ARG(1), &int_length));
    uint32_t length = clamp_index(int_length, 0, size);
    uint32_t end = length > size - start ? size : start + length;
    if (start >= end) return string_value(str_empty(ctx->rt));
    return string_value(str_substring(ctx->rt, s, start, end));
}

/* ---- String.prototype: building ---------------------------------------------------- */

/* StringPaddingBuiltinsImpl ( O, maxLength, fillString, placement ) —
 * #sec-stringpaddingbuiltinsimpl, for padStart (magic 0,
 * #sec-string.prototype.padstart) and padEnd (magic 1, #sec-string.prototype.padend). */
static Value string_pad(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    bool at_start = magic == 0;
    String *s = this_to_string(ctx, this_value, at_start ? "padStart" : "padEnd");
    if (!s) return VAL_EXCEPTION;
    uint64_t int_max_length;
    TRY_I(ToLength(ctx, ARG(0), &int_max_length));
    uint32_t string_length = s->length;
    if (int_max_length <= string_length) return val_from_string(s);
    String *fill;
    if (val_is_undefined(ARG(1))) {
        fill = str_from_char(rt, ' ');
    } else {
        fill = to_flat_string(ctx, ARG(1));
    }
    if (!fill) return VAL_EXCEPTION;
    /* StringPad ( S, maxLength, fillString, placement ) — #sec-stringpad */
    if (fill->length == 0) return val_from_string(s);
    if (int_max_length > STR_MAX_LENGTH) return throw_range_error(ctx, "Invalid string length");
    uint32_t total = (uint32_t)int_max_length, fill_len = total - string_length;
    String *result = str_alloc_flat(rt, total, str_is_wide(s) || str_is_wide(fill));
    if (!result) return VAL_EXCEPTION;
    if (at_start) {
        fill_repeated(result, 0, fill, fill_len);
        copy_units(result, fill_len, s, 0, string_length);
    } else {
        copy_units(result, 0, s, 0, string_length);
        fill_repeated(result, string_length, fill, fill_len);
    }
    return val_from_string(result);
}

/* String.prototype.repeat ( count ) — #sec-string.prototype.repeat */
static Value string_repeat(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    String *s = this_to_string(ctx, this_value, "repeat");
    if (!s) return VAL_EXCEPTION;
    double n;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &n));
    if (n < 0 || n == INFINITY)
        return throw_range_error(ctx, "String.prototype.repeat: count must be a finite "
                                      "non-negative number");
    if (n == 0 || s->length == 0) return string_value(str_empty(ctx->rt));
    if (n * s->length > STR_MAX_LENGTH) return throw_range_error(ctx, "Invalid string length");
    if (n == 1) return val_from_string(s);
    uint32_t total = (uint32_t)n * s->length;
    String *result = str_alloc_flat(ctx->rt, total, str_is_wide(s));
    if (!result) return VAL_EXCEPTION;
    fill_repeated(result, 0, s, total);
    return val_from_string(result);
}

/* ---- String.prototype: case, trimming, well-formedness ------------------------------ */

/* Latin-1 code units whose uppercase is outside Latin-1 or longer:
 * µ (U+00B5 -> U+039C), ß (U+00DF -> "SS"), ÿ (U+00FF -> U+0178). */
static bool latin1_upper_is_latin1(uint8_t c) {
    return c != 0xB5 && c != 0xDF && c != 0xFF;
}

static uint8_t latin1_to_upper(uint8_t c) {
    if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 0x20;
    return c;
}

static uint8_t latin1_to_lower(uint8_t c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
    return c;
}

/* String.prototype.toLowerCase ( ) — #sec-string.prototype.tolowercase
 * String.prototype.toUpperCase ( ) — #sec-string.prototype.touppercase (magic 1)
 * and their locale variants (magic 2, 3): Unicode Default Case Conversion
 * with the locale-insensitive mappings, Final_Sigma included. */
static Value string_change_case(Context *ctx, Value this_value, int argc, const Value *argv,
                                Value new_target, int magic) {
    static const char *const names[] = {"toLowerCase", "toUpperCase", "toLocaleLowerCase",
                                        "toLocaleUpperCase"};
    Runtime *rt = ctx->rt;
    bool upper = (magic & 1) != 0;
    String *s = this_to_string(ctx, this_value, names[magic]);
    if (!s) return VAL_EXCEPTION;
    uint32_t len = s->length;
    if (!str_is_wide(s)) {
        /* Latin-1 maps within Latin-1 at the same length, except three
         * characters under uppercasing. */
        const uint8_t *p = str_chars8(s);
        uint32_t first_change = 0;
        bool latin1_result = true;
        for (; first_change < len; first_change++) {
            uint8_t c = p[first_change];
            if (upper && !latin1_upper_is_latin1(c)) {
                latin1_result = false;
                break;
            }
            if ((upper ? latin1_to_upper(c) : latin1_to_lower(c)) != c) break;
        }
        if (first_change == len) return val_from_string(s);
        if (upper)
            for (uint32_t i = first_change; latin1_result && i < len; i++)
                if (!latin1_upper_is_latin1(p[i])) latin1_result = false;
        if (latin1_result) {
            String *result = str_alloc_flat(rt, len, false);
            if (!result) return VAL_EXCEPTION;
            p = str_chars8(s);
            uint8_t *out = str_mut_chars8(result);
            memcpy(out, p, first_change);
            for (uint32_t i = first_change; i < len; i++)
                out[i] = upper ? latin1_to_upper(p[i]) : latin1_to_lower(p[i]);
            return val_from_string(result);
        }
    }
    StringBuilder sb;
    sb_init(&sb, rt);
    uint32_t i = 0;
    while (i < len) {
        int count;
        uint32_t cp = CodePointAt(s, i, &count);
        uint32_t mapped[UNI_CASE_MAX_EXPANSION];
        int n;
        if (!upper && cp == UNI_CAPITAL_SIGMA &&
            uni_is_final_sigma(str_chars16(s), len, i)) { /* Σ occurs only in wide strings */
            mapped[0] = UNI_SMALL_FINAL_SIGMA;
            n = 1;
        } else {
            n = upper ? uni_to_upper_full(cp, mapped) : uni_to_lower_full(cp, mapped);
        }
        for (int k = 0; k < n; k++)
            sb_append_codepoint(&sb, mapped[k]);
        i += (uint32_t)count;
    }
    return string_value(sb_finish(&sb));
}

static bool is_trim_space(uint16_t c) {
    return uni_is_space(c) || uni_is_line_terminator(c);
}

/* TrimString ( string, where ) — #sec-trimstring, for trim (magic 3,
 * #sec-string.prototype.trim), trimStart (1, #sec-string.prototype.trimstart)
 * and trimEnd (2, #sec-string.prototype.trimend). WhiteSpace and
 * LineTerminator are all in the BMP, so code units are tested directly. */
static Value string_trim(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    static const char *const names[] = {"", "trimStart", "trimEnd", "trim"};
    String *s = this_to_string(ctx, this_value, names[magic]);
    if (!s) return VAL_EXCEPTION;
    uint32_t start = 0, end = s->length;
    if (magic & 1)
        while (start < end && is_trim_space(str_at(s, start)))
            start++;
    if (magic & 2)
        while (end > start && is_trim_space(str_at(s, end - 1)))
            end--;
    return string_value(str_substring(ctx->rt, s, start, end));
}

/* String.prototype.isWellFormed ( ) — #sec-string.prototype.iswellformed
 * String.prototype.toWellFormed ( ) — #sec-string.prototype.towellformed (magic 1) */
static Value string_well_formed(Context *ctx, Value this_value, int argc, const Value *argv,
                                Value new_target, int magic) {
    String *s = this_to_string(ctx, this_value, magic ? "toWellFormed" : "isWellFormed");
    if (!s) return VAL_EXCEPTION;
    uint32_t len = s->length, i = 0;
    /* IsStringWellFormedUnicode — #sec-isstringwellformedunicode: find the
     * first unpaired surrogate, if any (Latin-1 has none). */
    if (str_is_wide(s)) {
        const uint16_t *p = str_chars16(s);
        while (i < len) {
            if (!utf16_is_surrogate(p[i])) {
                i++;
            } else if (utf16_is_lead(p[i]) && i + 1 < len && utf16_is_trail(p[i + 1])) {
                i += 2;
            } else {
                break;
            }
        }
    } else {
        i = len;
    }
    if (!magic) return val_from_bool(i == len);
    if (i == len) return val_from_string(s);
    String *result = str_alloc_flat(ctx->rt, len, true);
    if (!result) return VAL_EXCEPTION;
    const uint16_t *p = str_chars16(s);
    uint16_t *out = str_mut_chars16(result);
    memcpy(out, p, (size_t)i * 2);
    while (i < len) {
        if (!utf16_is_surrogate(p[i])) {
            out[i] = p[i];
            i++;
        } else if (utf16_is_lead(p[i]) && i + 1 < len && utf16_is_trail(p[i + 1])) {
            out[i] = p[i];
            out[i + 1] = p[i + 1];
            i += 2;
        } else {
            out[i] = (uint16_t)UTF_REPLACEMENT_CHAR;
            i++;
        }
    }
    return val_from_string(result);
}

/* String.prototype.normalize ( [ form ] ) — #sec-string.prototype.normalize */
static Value string_normalize(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    /* 1-2. */
    String *s = this_to_string(ctx, this_value, "normalize");
    if (!s) return VAL_EXCEPTION;
    /* 3-5. */
    uni_norm_form form = UNI_NFC;
    if (!val_is_undefined(ARG(0))) {
        String *f = to_flat_string(ctx, ARG(0));
        if (!f) return VAL_EXCEPTION;
        if (str_equal_ascii(f, "NFC"))
            form = UNI_NFC;
        else if (str_equal_ascii(f, "NFD"))
            form = UNI_NFD;
        else if (str_equal_ascii(f, "NFKC"))
            form = UNI_NFKC;
        else if (str_equal_ascii(f, "NFKD"))
            form = UNI_NFKD;
        else
            return throw_range_error(ctx, "String.prototype.normalize: the form must be one of "
                                          "\"NFC\", \"NFD\", \"NFKC\" or \"NFKD\"");
    }
    /* 6-7. */
    return string_value(normalize_string(ctx, s, form));
}

/* ThisStringValue ( value ) — #sec-thisstringvalue */
static Value ThisStringValue(Context *ctx, Value value, const char *method) {
    if (val_is_string(value)) return value;
    if (val_is_object(value) && obj_class(obj_from_value(value)) == CLASS_STRING)
        return ((PrimitiveObject *)obj_from_value(value))->primitive;
    return throw_type_error(ctx, "String.prototype.%s: this is not a String", method);
}

/* String.prototype.toString ( ) — #sec-string.prototype.tostring
 * String.prototype.valueOf ( ) — #sec-string.prototype.valueof (magic 1) */
static Value string_to_string(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    return ThisStringValue(ctx, this_value, magic ? "valueOf" : "toString");
}

/* ---- Annex B HTML methods ---------------------------------------------------------- */

static const struct {
    const char *tag, *attribute;
} html_methods[] = {
    {"a", "name"},     /* anchor */
    {"big", ""},       /* big */
    {"blink", ""},     /* blink */
    {"b", ""},         /* bold */
    {"tt", ""},        /* fixed */
    {"font", "color"}, /* fontcolor */
    {"font", "size"},  /* fontsize */
    {"i", ""},         /* italics */
    {"a", "href"},     /* link */
    {"small", ""},     /* small */
    {"strike", ""},    /* strike */
    {"sub", ""},       /* sub */
    {"sup", ""},       /* sup */
};
static const char *const html_method_names[] = {
    "anchor",  "big",  "blink", "bold",   "fixed", "fontcolor", "fontsize",
    "italics", "link", "small", "strike", "sub",   "sup",
};

/* CreateHTML ( string, tag, attribute, value ) — #sec-createhtml, behind
 * String.prototype.anchor (#sec-string.prototype.anchor) and the other
 * Annex B HTML methods; magic indexes html_methods. */
static Value string_html(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    const char *tag = html_methods[magic].tag, *attribute = html_methods[magic].attribute;
    /* 1-2. */
    String *s = this_to_string(ctx, this_value, html_method_names[magic]);
    if (!s) return VAL_EXCEPTION;
    /* 3-4. */
    String *v = NULL;
    if (attribute[0]) {
        v = to_flat_string(ctx, ARG(0));
        if (!v) return VAL_EXCEPTION;
    }
    StringBuilder sb;
    sb_init(&sb, ctx->rt);
    sb_append_unit(&sb, '<');
    sb_append_ascii(&sb, tag);
    if (v) {
        sb_append_unit(&sb, ' ');
        sb_append_ascii(&sb, attribute);
        sb_append_ascii(&sb, "=\"");
        uint32_t run = 0;
        for (uint32_t i = 0; i < v->length; i++) {
            if (str_at(v, i) != '"') continue;
            sb_append_range(&sb, v, run, i);
            sb_append_ascii(&sb, "&quot;");
            run = i + 1;
        }
        sb_append_range(&sb, v, run, v->length);
        sb_append_unit(&sb, '"');
    }
    /* 5-8. */
    sb_append_unit(&sb, '>');
    sb_append_string(&sb, s);
    sb_append_ascii(&sb, "</");
    sb_append_ascii(&sb, tag);
    sb_append_unit(&sb, '>');
    return string_value(sb_finish(&sb));
}

/* ---- String Iterator objects — #sec-string-iterator-objects ------------------------ */

/* The spec's generator closure reduced to its state: the string being
 * iterated (undefined once done) and the next position. */
typedef struct StringIterator {
    Object base;
    Value string;
    uint32_t position;
} StringIterator;

static void string_iterator_trace(Runtime *rt, Object *o) {
    gc_mark_value(rt, ((StringIterator *)o)->string);
}

static const ClassDef class_string_iterator = {
    .id = CLASS_STRING_ITERATOR,
    .name = "String Iterator",
    .trace = string_iterator_trace,
};

/* String.prototype [ %Symbol.iterator% ] ( ) — #sec-string.prototype-%symbol.iterator% */
static Value string_iterator_method(Context *ctx, Value this_value, int argc, const Value *argv,
                                    Value new_target, int magic) {
    String *s = this_to_string(ctx, this_value, "[Symbol.iterator]");
    if (!s) return VAL_EXCEPTION;
    StringIterator *it = (StringIterator *)obj_alloc(
        ctx, &class_string_iterator, ctx_intrinsic_obj(ctx, INTR_StringIteratorPrototype),
        sizeof(StringIterator));
    if (!it) return VAL_EXCEPTION;
    it->string = val_from_string(s);
    GC_WRITE_BARRIER(ctx->rt, it, it->string);
    it->position = 0;
    return val_from_object(&it->base);
}

/* %StringIteratorPrototype%.next ( ) — #sec-%stringiteratorprototype%.next */
static Value string_iterator_next(Context *ctx, Value this_value, int argc, const Value *argv,
                                  Value new_target, int magic) {
    if (!val_is_object(this_value) || obj_from_value(this_value)->cls != &class_string_iterator)
        return throw_type_error(ctx, "%%StringIteratorPrototype%%.next: not a String Iterator");
    StringIterator *it = (StringIterator *)obj_from_value(this_value);
    if (val_is_undefined(it->string)) return CreateIterResultObject(ctx, VAL_UNDEFINED, true);
    String *s = val_as_string(it->string);
    if (!str_flatten(ctx->rt, s)) return VAL_EXCEPTION;
    uint32_t position = it->position;
    if (position >= s->length) {
        it->string = VAL_UNDEFINED;
        return CreateIterResultObject(ctx, VAL_UNDEFINED, true);
    }
    int count;
    CodePointAt(s, position, &count);
    String *result = substring(ctx->rt, s, position, position + (uint32_t)count);
    if (!result) return VAL_EXCEPTION;
    it->position = position + (uint32_t)count;
    return CreateIterResultObject(ctx, val_from_string(result), false);
}

/* ---- tables and init ------------------------------------------------------------------ */

static const BuiltinProp string_ctor_props[] = {
    BP_FUNC("fromCharCode", string_from_char_code, 1),
    BP_FUNC("fromCodePoint", string_from_code_point, 1),
    BP_FUNC("raw", string_raw, 1),
};

static const BuiltinProp string_proto_props[] = {
    BP_FUNC("at", string_at, 1),
    BP_FUNC_MAGIC("charAt", string_char_at, 1, 0),
    BP_FUNC_MAGIC("charCodeAt", string_char_at, 1, 1),
    BP_FUNC_MAGIC("codePointAt", string_char_at, 1, 2),
    BP_FUNC("concat", string_concat, 1),
    BP_FUNC("endsWith", string_ends_with, 1),
    BP_FUNC("includes", string_includes, 1),
    BP_FUNC("indexOf", string_index_of, 1),
    BP_FUNC_MAGIC("isWellFormed", string_well_formed, 0, 0),
    BP_FUNC("lastIndexOf", string_last_index_of, 1),
    BP_FUNC("localeCompare", string_locale_compare, 1),
    BP_FUNC_MAGIC("match", string_match_or_search, 1, 0),
    BP_FUNC("matchAll", string_match_all, 1),
    BP_FUNC("normalize", string_normalize, 0),
    BP_FUNC_MAGIC("padEnd", string_pad, 1, 1),
    BP_FUNC_MAGIC("padStart", string_pad, 1, 0),
    BP_FUNC("repeat", string_repeat, 1),
    BP_FUNC_MAGIC("replace", string_replace, 2, 0),
    BP_FUNC_MAGIC("replaceAll", string_replace, 2, 1),
    BP_FUNC_MAGIC("search", string_match_or_search, 1, 1),
    BP_FUNC("slice", string_slice, 2),
    BP_FUNC("split", string_split, 2),
    BP_FUNC("startsWith", string_starts_with, 1),
    BP_FUNC("substring", string_substring, 2),
    BP_FUNC_MAGIC("toLocaleLowerCase", string_change_case, 0, 2),
    BP_FUNC_MAGIC("toLocaleUpperCase", string_change_case, 0, 3),
    BP_FUNC_MAGIC("toLowerCase", string_change_case, 0, 0),
    BP_FUNC_MAGIC("toString", string_to_string, 0, 0),
    BP_FUNC_MAGIC("toUpperCase", string_change_case, 0, 1),
    BP_FUNC_MAGIC("toWellFormed", string_well_formed, 0, 1),
    BP_FUNC_MAGIC("trim", string_trim, 0, 3),
    BP_FUNC_MAGIC("trimEnd", string_trim, 0, 2),
    BP_FUNC_MAGIC("trimStart", string_trim, 0, 1),
    BP_FUNC_MAGIC("valueOf", string_to_string, 0, 1),
    BP_FUNC("[Symbol.iterator]", string_iterator_method, 0),
    /* Annex B */
    BP_FUNC("substr", string_substr, 2),
    BP_FUNC_MAGIC("anchor", string_html, 1, 0),
    BP_FUNC_MAGIC("big", string_html, 0, 1),
    BP_FUNC_MAGIC("blink", string_html, 0, 2),
    BP_FUNC_MAGIC("bold", string_html, 0, 3),
    BP_FUNC_MAGIC("fixed", string_html, 0, 4),
    BP_FUNC_MAGIC("fontcolor", string_html, 1, 5),
    BP_FUNC_MAGIC("fontsize", string_html, 1, 6),
    BP_FUNC_MAGIC("italics", string_html, 0, 7),
    BP_FUNC_MAGIC("link", string_html, 1, 8),
    BP_FUNC_MAGIC("small", string_html, 0, 9),
    BP_FUNC_MAGIC("strike", string_html, 0, 10),
    BP_FUNC_MAGIC("sub", string_html, 0, 11),
    BP_FUNC_MAGIC("sup", string_html, 0, 12),
};

static const BuiltinProp string_iterator_proto_props[] = {
    BP_FUNC("next", string_iterator_next, 0),
    BP_STR("[Symbol.toStringTag]", "String Iterator", PROP_CONFIGURABLE),
};

/* String.prototype.trimLeft / trimRight (#sec-string.prototype.trimleft,
 * #sec-string.prototype.trimright) are the same function objects as
 * trimStart / trimEnd. */
static int alias_method(Context *ctx, Object *proto, const char *existing, const char *alias) {
    PropKey from = key_from_cstr(ctx->rt, existing);
    PropKey to = key_from_cstr(ctx->rt, alias);
    if (from == KEY_NONE || to == KEY_NONE) return -1;
    Value fn;
    uint8_t attrs;
    if (!obj_lookup_own_fast(proto, from, &fn, &attrs)) return -1;
    return obj_define_data_fast(ctx, proto, to, fn, attrs);
}

int init_string(Context *ctx) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    int r = -1;
    /* %String.prototype% is a String exotic object whose [[StringData]] is "". */
    String *empty = str_empty(rt);
    if (!empty) goto done;
    Object *proto = StringCreate(ctx, empty, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!proto) goto done;
    Object *ctor = builtins_make_constructor(ctx, "String", string_constructor, 1, proto,
                                             INTR_String, INTR_StringPrototype, true);
    if (!ctor) goto done;
    if (builtins_install(ctx, ctor, string_ctor_props, BP_COUNT(string_ctor_props)) < 0 ||
        builtins_install(ctx, proto, string_proto_props, BP_COUNT(string_proto_props)) < 0 ||
        alias_method(ctx, proto, "trimStart", "trimLeft") < 0 ||
        alias_method(ctx, proto, "trimEnd", "trimRight") < 0)
        goto done;
    /* %StringIteratorPrototype%, whose [[Prototype]] is %Iterator.prototype%. */
    Object *iterator_proto = ensure_iterator_prototype(ctx);
    if (!iterator_proto) goto done;
    Object *string_iterator_proto = obj_new(ctx, iterator_proto);
    if (!string_iterator_proto) goto done;
    ctx->intrinsics[INTR_StringIteratorPrototype] = val_from_object(string_iterator_proto);
    if (builtins_install(ctx, string_iterator_proto, string_iterator_proto_props,
                         BP_COUNT(string_iterator_proto_props)) < 0)
        goto done;
    r = 0;
done:
    gc_scope_close(rt, mark);
    return r;
}
