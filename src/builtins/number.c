/*
 * number.c — the Number constructor, its properties, Number.prototype
 * (#sec-number-objects), and the parseInt / parseFloat functions
 * (#sec-parseint-string-radix, #sec-parsefloat-string).
 *
 * Number.parseInt and Number.parseFloat are the same function objects as
 * the global parseInt and parseFloat: init_number creates them first and
 * records them as INTR_ParseInt / INTR_ParseFloat, so init_global (which
 * runs later) installs those intrinsics instead of making its own.
 *
 * Every Number -> String conversion goes through util/dtoa (exact, no libc
 * printf); %Number.prototype% is itself a Number object holding +0.
 */
#include <math.h>
#include <stdlib.h>
#include "builtins/builtins.h"
#include "vm/bigint.h"
#include "util/dtoa.h"
#include "util/unicode.h"
#include "vm/string.h"

#define MAX_SAFE_INTEGER 9007199254740991.0 /* 2^53 - 1 */

/* A string of ASCII chars (dtoa output) as a String value. */
static Value ascii_string(Context *ctx, const char *chars, int len) {
    String *s = str_new_latin1(ctx->rt, (const uint8_t *)chars, (size_t)len);
    return s ? val_from_string(s) : VAL_EXCEPTION;
}

/* Number::toString ( x, 10 ) — #sec-numeric-types-number-tostring */
static Value number_to_string_value(Context *ctx, double x) {
    char buf[DTOA_NUMBER_TO_STRING_MAX];
    int n = dtoa_number_to_string(x, buf);
    return ascii_string(ctx, buf, n);
}

/* ---- parseInt / parseFloat ------------------------------------------------------ */

/* ToString(v) flattened, so code units can be read with str_at. */
static String *to_flat_string(Context *ctx, Value v) {
    String *s = ToStringS(ctx, v);
    if (!s) return NULL;
    return str_flatten(ctx->rt, s);
}

/* Index of the first code unit of s that is not StrWhiteSpaceChar
 * (WhiteSpace or LineTerminator; all of them are in the BMP). */
static uint32_t skip_str_white_space(String *s) {
    uint32_t i = 0;
    while (i < s->length) {
        uint16_t c = str_at(s, i);
        if (!uni_is_space(c) && !uni_is_line_terminator(c)) break;
        i++;
    }
    return i;
}

static bool is_decimal_digit(uint16_t c) {
    return c >= '0' && c <= '9';
}

/* Copies the ASCII code units s[start, end) into a char buffer: `small` when
 * it fits, else malloc (NULL on failure). */
static char *ascii_copy(String *s, uint32_t start, uint32_t end, char *small, size_t small_cap) {
    size_t n = end - start;
    char *buf = n <= small_cap ? small : malloc(n);
    if (!buf) return NULL;
    for (size_t k = 0; k < n; k++)
        buf[k] = (char)str_at(s, start + (uint32_t)k);
    return buf;
}

/* parseFloat ( string ) — #sec-parsefloat-string */
static Value number_parse_float(Context *ctx, Value this_value, int argc, const Value *argv,
                                Value new_target, int magic) {
    /* 1-2. */
    String *s = to_flat_string(ctx, ARG(0));
    if (!s) return VAL_EXCEPTION;
    uint32_t len = s->length;
    uint32_t i = skip_str_white_space(s);
    /* 3-4: the longest prefix of trimmedString that is a StrDecimalLiteral. */
    double sign = 1;
    if (i < len && (str_at(s, i) == '+' || str_at(s, i) == '-')) {
        if (str_at(s, i) == '-') sign = -1;
        i++;
    }
    static const char infinity[] = "Infinity";
    if (len - i >= 8) {
        int k = 0;
        while (k < 8 && str_at(s, i + (uint32_t)k) == (uint16_t)infinity[k])
            k++;
        if (k == 8) return val_from_double(sign * INFINITY);
    }
    uint32_t start = i, end = i, digit_count = 0;
    while (end < len && is_decimal_digit(str_at(s, end)))
        end++, digit_count++;
    if (end < len && str_at(s, end) == '.') {
        uint32_t frac_end = end + 1;
        while (frac_end < len && is_decimal_digit(str_at(s, frac_end)))
            frac_end++;
        digit_count += frac_end - (end + 1);
        if (digit_count > 0) end = frac_end; /* "1." is a literal, "." alone is not */
    }
    /* 5. */
    if (digit_count == 0) return val_from_double(NAN);
    if (end < len && (str_at(s, end) == 'e' || str_at(s, end) == 'E')) {
        uint32_t k = end + 1;
        if (k < len && (str_at(s, k) == '+' || str_at(s, k) == '-')) k++;
        uint32_t exp_digits = k;
        while (k < len && is_decimal_digit(str_at(s, k)))
            k++;
        if (k > exp_digits) end = k; /* "1e" stops before the 'e' */
    }
    /* 6-7. */
    char small[64];
    char *buf = ascii_copy(s, start, end, small, sizeof small);
    if (!buf) return throw_range_error(ctx, "parseFloat: out of memory");
    double d = dtoa_strtod(buf, end - start);
    if (buf != small) free(buf);
    return val_from_number(sign * d); /* "-0" gives -0 */
}

/* The value of c as a digit in radix-36 notation, or 36 when it is none. */
static int radix_digit(uint16_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 36;
}

/* parseInt ( string, radix ) — #sec-parseint-string-radix */
static Value number_parse_int(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    /* 1-2. */
    String *s = to_flat_string(ctx, ARG(0));
    if (!s) return VAL_EXCEPTION;
    uint32_t len = s->length;
    uint32_t i = skip_str_white_space(s);
    /* 3-5. */
    double sign = 1;
    if (i < len && str_at(s, i) == '-') sign = -1;
    if (i < len && (str_at(s, i) == '+' || str_at(s, i) == '-')) i++;
    /* 6-9. */
    int32_t r;
    TRY_I(ToInt32(ctx, ARG(1), &r));
    bool strip_prefix = true;
    if (r != 0) {
        if (r < 2 || r > 36) return val_from_double(NAN);
        if (r != 16) strip_prefix = false;
    } else {
        r = 10;
    }
    /* 10. */
    if (strip_prefix && len - i >= 2 && str_at(s, i) == '0' &&
        (str_at(s, i + 1) == 'x' || str_at(s, i + 1) == 'X')) {
        i += 2;
        r = 16;
    }
    /* 11-12. */
    uint32_t end = i;
    while (end < len && radix_digit(str_at(s, end)) < r)
        end++;
    /* 13. */
    if (end == i) return val_from_double(NAN);
    /* 14-16: exact for radix 10; correctly rounded in the others (the spec
     * allows approximation there but exact is never wrong). */
    char small[64];
    char *buf = ascii_copy(s, i, end, small, sizeof small);
    if (!buf) return throw_range_error(ctx, "parseInt: out of memory");
    double math_int = r == 10 ? dtoa_strtod(buf, end - i) : dtoa_parse_radix_int(buf, end - i, r);
    if (buf != small) free(buf);
    /* 17-18: a zero with a minus sign is -0. */
    return val_from_number(sign * math_int);
}

/* ---- the constructor and its properties ------------------------------------------ */

/* Number ( value ) — #sec-number-constructor-number-value */
static Value number_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                Value new_target, int magic) {
    /* 1-2. */
    Value n = val_from_int(0);
    if (argc > 0) {
        Value prim = ToNumeric(ctx, argv[0]);
        TRY(prim);
        n = val_is_bigint(prim) ? val_from_number(bigint_to_double(val_as_bigint(prim))) : prim;
    }
    /* 3. */
    if (val_is_undefined(new_target)) return n;
    /* 4-5. */
    Object *o = OrdinaryCreateFromConstructor(ctx, new_target, INTR_NumberPrototype,
                                              &class_number_object, sizeof(PrimitiveObject));
    if (!o) return VAL_EXCEPTION;
    ((PrimitiveObject *)o)->primitive = n;
    return val_from_object(o);
}

/* False when argument 0 is not a Number; else stores its numeric value in
 * *out (the Number.isX predicates never coerce). */
static bool number_arg(int argc, const Value *argv, double *out) {
    Value v = ARG(0);
    if (!val_is_number(v)) return false;
    *out = val_num(v);
    return true;
}

/* IsIntegralNumber — #sec-isintegralnumber */
static bool is_integral_number(double d) {
    return isfinite(d) && trunc(d) == d;
}

/* Number.isFinite ( number ) — #sec-number.isfinite */
static Value number_is_finite(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    double d;
    return val_from_bool(number_arg(argc, argv, &d) && isfinite(d));
}

/* Number.isInteger ( number ) — #sec-number.isinteger */
static Value number_is_integer(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    double d;
    return val_from_bool(number_arg(argc, argv, &d) && is_integral_number(d));
}

/* Number.isNaN ( number ) — #sec-number.isnan */
static Value number_is_nan(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    double d;
    return val_from_bool(number_arg(argc, argv, &d) && isnan(d));
}

/* Number.isSafeInteger ( number ) — #sec-number.issafeinteger */
static Value number_is_safe_integer(Context *ctx, Value this_value, int argc, const Value *argv,
                                    Value new_target, int magic) {
    double d;
    return val_from_bool(number_arg(argc, argv, &d) && is_integral_number(d) &&
                         fabs(d) <= MAX_SAFE_INTEGER);
}

/* ---- Number.prototype -------------------------------------------------------------- */

/* ThisNumberValue ( value ) — #sec-thisnumbervalue */
static int ThisNumberValue(Context *ctx, Value value, const char *method, double *out) {
    if (val_is_number(value)) {
        *out = val_num(value);
        return 0;
    }
    if (val_is_object(value) && obj_class(obj_from_value(value)) == CLASS_NUMBER) {
        *out = val_num(((PrimitiveObject *)obj_from_value(value))->primitive);
        return 0;
    }
    throw_type_error(ctx, "Number.prototype.%s: this is not a Number", method);
    return -1;
}

/* Number.prototype.toExponential ( fractionDigits ) — #sec-number.prototype.toexponential */
static Value number_to_exponential(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    /* 1. */
    double x;
    TRY_I(ThisNumberValue(ctx, this_value, "toExponential", &x));
    /* 2. */
    double f;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &f));
    /* 4. */
    if (!isfinite(x)) return number_to_string_value(ctx, x);
    /* 5. */
    if (f < 0 || f > 100)
        return throw_range_error(ctx,
                                 "Number.prototype.toExponential: fractionDigits must be 0..100");
    /* 6-15. */
    char buf[DTOA_FORMAT_CAP];
    int n = dtoa_exponential(x, val_is_undefined(ARG(0)) ? -1 : (int)f, buf, sizeof buf);
    if (n < 0) return throw_range_error(ctx, "Number.prototype.toExponential: internal error");
    return ascii_string(ctx, buf, n);
}

/* Number.prototype.toFixed ( fractionDigits ) — #sec-number.prototype.tofixed */
static Value number_to_fixed(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    /* 1. */
    double x;
    TRY_I(ThisNumberValue(ctx, this_value, "toFixed", &x));
    /* 2-3. */
    double f;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &f));
    /* 4-5. */
    if (!isfinite(f) || f < 0 || f > 100)
        return throw_range_error(ctx, "Number.prototype.toFixed: fractionDigits must be 0..100");
    /* 6-12. */
    char buf[DTOA_FORMAT_CAP];
    int n = dtoa_fixed(x, (int)f, buf, sizeof buf);
    if (n < 0) return throw_range_error(ctx, "Number.prototype.toFixed: internal error");
    return ascii_string(ctx, buf, n);
}

/* Number.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] ) —
 * #sec-number.prototype.tolocalestring. Without ECMA-402 the
 * implementation-defined form chosen is that of toString(). */
static Value number_to_locale_string(Context *ctx, Value this_value, int argc, const Value *argv,
                                     Value new_target, int magic) {
    double x;
    TRY_I(ThisNumberValue(ctx, this_value, "toLocaleString", &x));
    return number_to_string_value(ctx, x);
}

/* Number.prototype.toPrecision ( precision ) — #sec-number.prototype.toprecision */
static Value number_to_precision(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    /* 1. */
    double x;
    TRY_I(ThisNumberValue(ctx, this_value, "toPrecision", &x));
    /* 2. */
    if (val_is_undefined(ARG(0))) return number_to_string_value(ctx, x);
    /* 3. */
    double p;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &p));
    /* 4. */
    if (!isfinite(x)) return number_to_string_value(ctx, x);
    /* 5. */
    if (p < 1 || p > 100)
        return throw_range_error(ctx, "Number.prototype.toPrecision: precision must be 1..100");
    /* 6-14. */
    char buf[DTOA_FORMAT_CAP];
    int n = dtoa_precision(x, (int)p, buf, sizeof buf);
    if (n < 0) return throw_range_error(ctx, "Number.prototype.toPrecision: internal error");
    return ascii_string(ctx, buf, n);
}

/* Number.prototype.toString ( [ radix ] ) — #sec-number.prototype.tostring */
static Value number_to_string(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    /* 1. */
    double x;
    TRY_I(ThisNumberValue(ctx, this_value, "toString", &x));
    /* 2-3. */
    double radix = 10;
    if (!val_is_undefined(ARG(0))) TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &radix));
    /* 4. */
    if (radix < 2 || radix > 36)
        return throw_range_error(ctx, "Number.prototype.toString: radix must be 2..36");
    /* 5. */
    if (radix == 10) return number_to_string_value(ctx, x);
    char *buf = malloc(DTOA_RADIX_STRING_CAP);
    if (!buf) return throw_range_error(ctx, "Number.prototype.toString: out of memory");
    int n = dtoa_to_radix_string(x, (int)radix, buf, DTOA_RADIX_STRING_CAP);
    Value result = n < 0 ? throw_range_error(ctx, "Number.prototype.toString: internal error")
                         : ascii_string(ctx, buf, n);
    free(buf);
    return result;
}

/* Number.prototype.valueOf ( ) — #sec-number.prototype.valueof */
static Value number_value_of(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    double x;
    TRY_I(ThisNumberValue(ctx, this_value, "valueOf", &x));
    return val_from_number(x);
}

#define CONST_ATTRS 0 /* { [[Writable]]: false, [[Enumerable]]: false, [[Configurable]]: false }   \
                       */

static const BuiltinProp number_ctor_props[] = {
    BP_NUM("EPSILON", 2.220446049250313080847e-16, CONST_ATTRS), /* 2^-52 */
    BP_NUM("MAX_SAFE_INTEGER", MAX_SAFE_INTEGER, CONST_ATTRS),
    BP_NUM("MAX_VALUE", 1.7976931348623157e308, CONST_ATTRS),
    BP_NUM("MIN_SAFE_INTEGER", -MAX_SAFE_INTEGER, CONST_ATTRS),
    BP_NUM("MIN_VALUE", 4.9406564584124654e-324, CONST_ATTRS),
    BP_NUM("NaN", NAN, CONST_ATTRS),
    BP_NUM("NEGATIVE_INFINITY", -INFINITY, CONST_ATTRS),
    BP_NUM("POSITIVE_INFINITY", INFINITY, CONST_ATTRS),
    BP_FUNC("isFinite", number_is_finite, 1),
    BP_FUNC("isInteger", number_is_integer, 1),
    BP_FUNC("isNaN", number_is_nan, 1),
    BP_FUNC("isSafeInteger", number_is_safe_integer, 1),
    BP_INTR("parseFloat", INTR_ParseFloat, PROP_BUILTIN),
    BP_INTR("parseInt", INTR_ParseInt, PROP_BUILTIN),
};

static const BuiltinProp number_proto_props[] = {
    BP_FUNC("toExponential", number_to_exponential, 1),
    BP_FUNC("toFixed", number_to_fixed, 1),
    BP_FUNC("toLocaleString", number_to_locale_string, 0),
    BP_FUNC("toPrecision", number_to_precision, 1),
    BP_FUNC("toString", number_to_string, 1),
    BP_FUNC("valueOf", number_value_of, 0),
};

/* The global parseInt / parseFloat function objects, shared with Number. */
static int make_parse_function(Context *ctx, const char *name, NativeFn fn, int length,
                               IntrinsicId id) {
    PropKey key = key_from_cstr(ctx->rt, name);
    if (key == KEY_NONE) return -1;
    Object *f = CreateBuiltinFunction(ctx, fn, length, key, 0, false, NULL);
    if (!f) return -1;
    ctx->intrinsics[id] = val_from_object(f);
    return 0;
}

int init_number(Context *ctx) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    int r = -1;
    if (make_parse_function(ctx, "parseFloat", number_parse_float, 1, INTR_ParseFloat) < 0 ||
        make_parse_function(ctx, "parseInt", number_parse_int, 2, INTR_ParseInt) < 0)
        goto done;
    /* %Number.prototype% is a Number object whose [[NumberData]] is +0. */
    Object *proto =
        obj_alloc(ctx, &class_number_object, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype),
                  sizeof(PrimitiveObject));
    if (!proto) goto done;
    ((PrimitiveObject *)proto)->primitive = val_from_int(0);
    Object *ctor = builtins_make_constructor(ctx, "Number", number_constructor, 1, proto,
                                             INTR_Number, INTR_NumberPrototype, true);
    if (!ctor) goto done;
    if (builtins_install(ctx, ctor, number_ctor_props, BP_COUNT(number_ctor_props)) < 0 ||
        builtins_install(ctx, proto, number_proto_props, BP_COUNT(number_proto_props)) < 0)
        goto done;
    r = 0;
done:
    gc_scope_close(rt, mark);
    return r;
}
