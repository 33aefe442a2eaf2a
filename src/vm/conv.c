/*
 * conv.c — type conversion (#sec-type-conversion) and testing/comparison
 * operations (#sec-testing-and-comparison-operations).
 *
 * BigInt values and their operations live in vm/bigint.c.
 */
#include <math.h>
#include <stdlib.h>
#include "util/dtoa.h"
#include "util/unicode.h"
#include "vm/bigint.h"
#include "vm/conv.h"
#include "vm/function.h"

/* ---- ToPrimitive ---------------------------------------------------------------- */

/* ToPrimitive — #sec-toprimitive */
Value ToPrimitive(Context *ctx, Value v, PreferredType hint) {
    /* 1. */
    if (!val_is_object(v)) return v;
    Runtime *rt = ctx->rt;
    /* 1.a */
    Value exotic = GetMethod(ctx, v, KEY_SYM(rt, toPrimitive));
    TRY(exotic);
    /* 1.b */
    if (!val_is_undefined(exotic)) {
        String *h = hint == HINT_STRING   ? ATOM(rt, string)
                    : hint == HINT_NUMBER ? ATOM(rt, number)
                                          : ATOM(rt, default);
        Value hv = val_from_string(h);
        Value result = Call(ctx, exotic, v, 1, &hv);
        TRY(result);
        if (!val_is_object(result)) return result;
        return throw_type_error(ctx, "Symbol.toPrimitive returned an object");
    }
    /* 1.c */
    return OrdinaryToPrimitive(ctx, val_as_object(v),
                               hint == HINT_STRING ? HINT_STRING : HINT_NUMBER);
}

/* OrdinaryToPrimitive — #sec-ordinarytoprimitive */
Value OrdinaryToPrimitive(Context *ctx, Object *o, PreferredType hint) {
    Runtime *rt = ctx->rt;
    PropKey names[2];
    if (hint == HINT_STRING) {
        names[0] = KEY(rt, toString);
        names[1] = KEY(rt, valueOf);
    } else {
        names[0] = KEY(rt, valueOf);
        names[1] = KEY(rt, toString);
    }
    for (int i = 0; i < 2; i++) {
        Value method = Get(ctx, o, names[i]);
        TRY(method);
        if (val_is_callable(method)) {
            Value result = Call(ctx, method, val_from_object(o), 0, NULL);
            TRY(result);
            if (!val_is_object(result)) return result;
        }
    }
    return throw_type_error(ctx, "cannot convert object to primitive value");
}

/* ---- ToBoolean / ToNumber ------------------------------------------------------------ */

/* ToBoolean — #sec-toboolean */
bool ToBoolean(Value v) {
    if (val_is_bool(v)) return v == VAL_TRUE;
    if (val_is_int(v)) return val_to_int(v) != 0;
    if (val_is_double(v)) {
        double d = val_to_double(v);
        return !(d == 0 || d != d);
    }
    if (val_is_nullish(v)) return false;
    if (val_is_string(v)) return val_as_string(v)->length != 0;
    if (val_is_object(v)) return !(val_as_object(v)->hdr.flags & OBJ_HTMLDDA);
    if (val_is_bigint(v)) return !bigint_is_zero(val_as_bigint(v));
    return true;
}

static bool is_str_space(uint16_t c) {
    return uni_is_space(c) || uni_is_line_terminator(c);
}

static int digit_value(uint16_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

/* Copies units [start, end) to an ASCII buffer for dtoa (the caller has
 * checked they are all ASCII). */
static double parse_ascii(const String *s, uint32_t start, uint32_t end, int radix) {
    size_t len = end - start;
    char small[64];
    char *buf = len <= sizeof small ? small : malloc(len);
    if (!buf) return NAN; /* a digit string larger than memory */
    for (size_t i = 0; i < len; i++)
        buf[i] = (char)str_at(s, start + (uint32_t)i);
    double d = radix == 10 ? dtoa_strtod(buf, len) : dtoa_parse_radix_int(buf, len, radix);
    if (buf != small) free(buf);
    return d;
}

/* StringToNumber — #sec-stringtonumber. s must be flat (ToNumber flattens). */
double StringToNumber(String *s) {
    assert(!str_is_rope(s));
    uint32_t start = 0, end = s->length;
    while (start < end && is_str_space(str_at(s, start)))
        start++;
    while (end > start && is_str_space(str_at(s, end - 1)))
        end--;
    /* StringNumericLiteral ::: StrWhiteSpace? */
    if (start == end) return 0;
    /* NonDecimalIntegerLiteral (no sign allowed) */
    if (end - start > 2 && str_at(s, start) == '0') {
        uint16_t p = str_at(s, start + 1) | 0x20;
        int radix = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
        if (radix) {
            for (uint32_t i = start + 2; i < end; i++)
                if (digit_value(str_at(s, i)) >= radix) return NAN;
            return parse_ascii(s, start + 2, end, radix);
        }
    }
    /* StrDecimalLiteral */
    bool negative = false;
    uint16_t c0 = str_at(s, start);
    if (c0 == '+' || c0 == '-') {
        negative = c0 == '-';
        start++;
    }
    double result;
    static const char infinity[] = "Infinity";
    if (end - start == 8) {
        bool inf = true;
        for (uint32_t i = 0; i < 8; i++)
            if (str_at(s, start + i) != (uint16_t)infinity[i]) inf = false;
        if (inf) return negative ? -INFINITY : INFINITY;
    }
    /* DecimalDigits? (. DecimalDigits?)? ExponentPart? with a digit somewhere
     * in the mantissa. */
    uint32_t i = start, mantissa_digits = 0;
    while (i < end && str_at(s, i) >= '0' && str_at(s, i) <= '9')
        i++, mantissa_digits++;
    if (i < end && str_at(s, i) == '.') {
        i++;
        while (i < end && str_at(s, i) >= '0' && str_at(s, i) <= '9')
            i++, mantissa_digits++;
    }
    if (mantissa_digits == 0) return NAN;
    if (i < end && (str_at(s, i) | 0x20) == 'e') {
        i++;
        if (i < end && (str_at(s, i) == '+' || str_at(s, i) == '-')) i++;
        uint32_t exp_digits = 0;
        while (i < end && str_at(s, i) >= '0' && str_at(s, i) <= '9')
            i++, exp_digits++;
        if (exp_digits == 0) return NAN;
    }
    if (i != end) return NAN;
    result = parse_ascii(s, start, end, 10);
    return negative ? -result : result;
}

/* ToNumber — #sec-tonumber */
Value ToNumber(Context *ctx, Value v) {
    if (val_is_number(v)) return v;
    if (val_is_undefined(v)) return VAL_CANONICAL_NAN;
    if (val_is_null(v)) return val_from_int(0);
    if (val_is_bool(v)) return val_from_int(v == VAL_TRUE);
    if (val_is_string(v)) {
        String *s = val_as_string(v);
        if (str_is_rope(s) && !str_flatten(ctx->rt, s)) return VAL_EXCEPTION;
        return val_from_number(StringToNumber(s));
    }
    if (val_is_symbol(v)) return throw_type_error(ctx, "cannot convert a Symbol value to a number");
    if (val_is_bigint(v)) return throw_type_error(ctx, "Cannot convert a BigInt value to a number");
    /* Object: 3-4. */
    Value prim = ToPrimitive(ctx, v, HINT_NUMBER);
    TRY(prim);
    return ToNumber(ctx, prim);
}

/* ToNumeric — #sec-tonumeric */
Value ToNumeric(Context *ctx, Value v) {
    Value prim = ToPrimitive(ctx, v, HINT_NUMBER);
    TRY(prim);
    if (val_is_bigint(prim)) return prim;
    return ToNumber(ctx, prim);
}

int ToNumberDouble(Context *ctx, Value v, double *out) {
    if (val_is_int(v)) {
        *out = val_to_int(v);
        return 0;
    }
    if (val_is_double(v)) {
        *out = val_to_double(v);
        return 0;
    }
    Value n = ToNumber(ctx, v);
    ITRY(n);
    *out = val_num(n);
    return 0;
}

double double_to_integer_or_infinity(double d) {
    if (d != d || d == 0) return 0;
    if (isinf(d)) return d;
    d = trunc(d);
    return d == 0 ? 0 : d; /* no -0 */
}

/* ToIntegerOrInfinity — #sec-tointegerorinfinity */
int ToIntegerOrInfinity(Context *ctx, Value v, double *out) {
    if (val_is_int(v)) {
        *out = val_to_int(v);
        return 0;
    }
    double d;
    ITRY_I(ToNumberDouble(ctx, v, &d));
    *out = double_to_integer_or_infinity(d);
    return 0;
}

uint32_t double_to_uint32(double d) {
    if (d >= 0 && d < 4294967296.0) return (uint32_t)d;
    if (d != d || isinf(d)) return 0;
    d = trunc(d);
    d = fmod(d, 4294967296.0);
    if (d < 0) d += 4294967296.0;
    return (uint32_t)d;
}

int32_t double_to_int32(double d) {
    if (d >= -2147483648.0 && d <= 2147483647.0 && d == d) return (int32_t)d;
    return (int32_t)double_to_uint32(d);
}

/* ToInt32 — #sec-toint32 */
int ToInt32(Context *ctx, Value v, int32_t *out) {
    if (val_is_int(v)) {
        *out = val_to_int(v);
        return 0;
    }
    double d;
    ITRY_I(ToNumberDouble(ctx, v, &d));
    *out = double_to_int32(d);
    return 0;
}

/* ToUint32 — #sec-touint32 */
int ToUint32(Context *ctx, Value v, uint32_t *out) {
    if (val_is_int(v)) {
        *out = (uint32_t)val_to_int(v);
        return 0;
    }
    double d;
    ITRY_I(ToNumberDouble(ctx, v, &d));
    *out = double_to_uint32(d);
    return 0;
}

/* ToInt16 — #sec-toint16 */
int ToInt16(Context *ctx, Value v, int16_t *out) {
    uint32_t u;
    ITRY_I(ToUint32(ctx, v, &u));
    *out = (int16_t)(uint16_t)u;
    return 0;
}

/* ToUint16 — #sec-touint16 */
int ToUint16(Context *ctx, Value v, uint16_t *out) {
    uint32_t u;
    ITRY_I(ToUint32(ctx, v, &u));
    *out = (uint16_t)u;
    return 0;
}

/* ToInt8 — #sec-toint8 */
int ToInt8(Context *ctx, Value v, int8_t *out) {
    uint32_t u;
    ITRY_I(ToUint32(ctx, v, &u));
    *out = (int8_t)(uint8_t)u;
    return 0;
}

/* ToUint8 — #sec-touint8 */
int ToUint8(Context *ctx, Value v, uint8_t *out) {
    uint32_t u;
    ITRY_I(ToUint32(ctx, v, &u));
    *out = (uint8_t)u;
    return 0;
}

/* ToUint8Clamp — #sec-touint8clamp */
int ToUint8Clamp(Context *ctx, Value v, uint8_t *out) {
    double d;
    ITRY_I(ToNumberDouble(ctx, v, &d));
    if (d != d || d <= 0) {
        *out = 0;
        return 0;
    }
    if (d >= 255) {
        *out = 255;
        return 0;
    }
    double f = floor(d);
    if (f + 0.5 < d)
        f += 1;
    else if (!(d < f + 0.5) && fmod(f, 2) != 0)
        f += 1; /* tie: to even */
    *out = (uint8_t)f;
    return 0;
}

#define MAX_SAFE_INTEGER 9007199254740991.0

/* ToLength — #sec-tolength */
int ToLength(Context *ctx, Value v, uint64_t *out) {
    double len;
    ITRY_I(ToIntegerOrInfinity(ctx, v, &len));
    if (len <= 0)
        *out = 0;
    else if (len >= MAX_SAFE_INTEGER)
        *out = (uint64_t)MAX_SAFE_INTEGER;
    else
        *out = (uint64_t)len;
    return 0;
}

/* ToIndex — #sec-toindex */
int ToIndex(Context *ctx, Value v, uint64_t *out) {
    double integer;
    ITRY_I(ToIntegerOrInfinity(ctx, v, &integer));
    if (integer < 0 || integer > MAX_SAFE_INTEGER) {
        throw_range_error(ctx, "invalid index");
        return -1;
    }
    *out = (uint64_t)integer;
    return 0;
}

/* ---- ToString / ToObject / ToPropertyKey ---------------------------------------------- */

/* ToString — #sec-tostring */
Value ToString(Context *ctx, Value v) {
    Runtime *rt = ctx->rt;
    if (val_is_string(v)) return v;
    String *s;
    if (val_is_int(v))
        s = str_from_int(rt, val_to_int(v));
    else if (val_is_double(v))
        s = str_from_double(rt, val_to_double(v));
    else if (val_is_undefined(v))
        s = ATOM(rt, undefined);
    else if (val_is_null(v))
        s = ATOM(rt, null);
    else if (v == VAL_TRUE)
        s = ATOM(rt, true);
    else if (v == VAL_FALSE)
        s = ATOM(rt, false);
    else if (val_is_symbol(v))
        return throw_type_error(ctx, "cannot convert a Symbol value to a string");
    else if (val_is_bigint(v))
        s = bigint_to_string(ctx, val_as_bigint(v), 10);
    else {
        Value prim = ToPrimitive(ctx, v, HINT_STRING);
        TRY(prim);
        return ToString(ctx, prim);
    }
    return s ? val_from_string(s) : VAL_EXCEPTION;
}

String *ToStringS(Context *ctx, Value v) {
    Value s = ToString(ctx, v);
    return val_is_exception(s) ? NULL : val_as_string(s);
}

/* ToObject — #sec-toobject */
Value ToObject(Context *ctx, Value v) {
    if (val_is_object(v)) return v;
    if (val_is_nullish(v))
        return throw_type_error(ctx, "cannot convert %s to object",
                                val_is_null(v) ? "null" : "undefined");
    Object *o = primitive_wrapper_new(ctx, v);
    return o ? val_from_object(o) : VAL_EXCEPTION;
}

/* RequireObjectCoercible — #sec-requireobjectcoercible */
Value RequireObjectCoercible(Context *ctx, Value v) {
    if (val_is_nullish(v))
        return throw_type_error(ctx, "cannot convert %s to object",
                                val_is_null(v) ? "null" : "undefined");
    return v;
}

/* ToPropertyKey — #sec-topropertykey */
PropKey ToPropertyKey(Context *ctx, Value v) {
    if (val_is_int(v) && val_to_int(v) >= 0) return key_from_index((uint32_t)val_to_int(v));
    if (val_is_string(v)) return key_from_string(ctx->rt, val_as_string(v));
    if (val_is_symbol(v)) return (PropKey)v;
    if (val_is_double(v)) {
        double d = val_to_double(v);
        if (d >= 0 && d < 4294967295.0 && d == (double)(uint32_t)d && !(d == 0 && signbit(d)))
            return key_from_index((uint32_t)d);
    }
    /* 1. */
    Value key = ToPrimitive(ctx, v, HINT_STRING);
    if (val_is_exception(key)) return KEY_NONE;
    /* 2. */
    if (val_is_symbol(key)) return (PropKey)key;
    /* 3. */
    String *s = ToStringS(ctx, key);
    if (!s) return KEY_NONE;
    return key_from_string(ctx->rt, s);
}

/* CanonicalNumericIndexString — #sec-canonicalnumericindexstring */
Value CanonicalNumericIndexString(Context *ctx, String *s) {
    /* 1. */
    if (str_equal_ascii(s, "-0")) return val_from_double(-0.0);
    /* 2. */
    Value n = ToNumber(ctx, val_from_string(s));
    TRY(n);
    /* 3-4. */
    Value back = ToString(ctx, n);
    TRY(back);
    return str_equal(val_as_string(back), s) ? n : VAL_UNDEFINED;
}

/* ---- equality --------------------------------------------------------------------------- */

/* SameValueNonNumber — #sec-samevaluenonnumber */
bool SameValueNonNumber(Value x, Value y) {
    if (x == y) return true;
    if (val_is_string(x) && val_is_string(y)) return str_equal(val_as_string(x), val_as_string(y));
    if (val_is_bigint(x) && val_is_bigint(y))
        return bigint_equal(val_as_bigint(x), val_as_bigint(y));
    return false;
}

/* IsStrictlyEqual — #sec-isstrictlyequal */
bool IsStrictlyEqual(Value x, Value y) {
    if (val_is_number(x)) return val_is_number(y) && val_num(x) == val_num(y);
    if (val_is_number(y)) return false;
    return SameValueNonNumber(x, y);
}

/* SameValue — #sec-samevalue */
bool SameValue(Value x, Value y) {
    if (val_is_number(x)) {
        if (!val_is_number(y)) return false;
        double a = val_num(x), b = val_num(y);
        if (a != a) return b != b;
        return a == b && signbit(a) == signbit(b);
    }
    if (val_is_number(y)) return false;
    return SameValueNonNumber(x, y);
}

/* SameValueZero — #sec-samevaluezero */
bool SameValueZero(Value x, Value y) {
    if (val_is_number(x)) {
        if (!val_is_number(y)) return false;
        double a = val_num(x), b = val_num(y);
        if (a != a) return b != b;
        return a == b;
    }
    if (val_is_number(y)) return false;
    return SameValueNonNumber(x, y);
}

/* The spec's Type(v), for "same type" tests. */
static int type_of_value(Value v) {
    if (val_is_number(v)) return 1;
    if (val_is_string(v)) return 2;
    if (val_is_bool(v)) return 3;
    if (val_is_undefined(v)) return 4;
    if (val_is_null(v)) return 5;
    if (val_is_symbol(v)) return 6;
    if (val_is_bigint(v)) return 7;
    return 8; /* object */
}

/* IsLooselyEqual — #sec-islooselyequal (iterative: each step re-enters
 * with one operand converted) */
Value IsLooselyEqual(Context *ctx, Value x, Value y) {
    for (;;) {
        /* 1. */
        if (type_of_value(x) == type_of_value(y)) return val_from_bool(IsStrictlyEqual(x, y));
        /* 2-3. */
        if (val_is_nullish(x) && val_is_nullish(y)) return VAL_TRUE;
        /* 4. [[IsHTMLDDA]] */
        if (val_is_object(x) && (val_as_object(x)->hdr.flags & OBJ_HTMLDDA) && val_is_nullish(y))
            return VAL_TRUE;
        if (val_is_object(y) && (val_as_object(y)->hdr.flags & OBJ_HTMLDDA) && val_is_nullish(x))
            return VAL_TRUE;
        /* 5. */
        if (val_is_number(x) && val_is_string(y)) {
            y = ToNumber(ctx, y);
            TRY(y);
            continue;
        }
        /* 6. */
        if (val_is_string(x) && val_is_number(y)) {
            x = ToNumber(ctx, x);
            TRY(x);
            continue;
        }
        /* 7-8. */
        if ((val_is_bigint(x) && val_is_string(y)) || (val_is_string(x) && val_is_bigint(y))) {
            Value big = val_is_bigint(x) ? x : y;
            Value n = StringToBigInt(ctx, val_as_string(val_is_string(x) ? x : y));
            TRY(n);
            if (val_is_undefined(n)) return VAL_FALSE;
            return val_from_bool(bigint_equal(val_as_bigint(big), val_as_bigint(n)));
        }
        /* 9. */
        if (val_is_bool(x)) {
            x = val_from_int(x == VAL_TRUE);
            continue;
        }
        /* 10. */
        if (val_is_bool(y)) {
            y = val_from_int(y == VAL_TRUE);
            continue;
        }
        /* 11. */
        if ((val_is_string(x) || val_is_number(x) || val_is_bigint(x) || val_is_symbol(x)) &&
            val_is_object(y)) {
            y = ToPrimitive(ctx, y, HINT_DEFAULT);
            TRY(y);
            continue;
        }
        /* 12. */
        if (val_is_object(x) &&
            (val_is_string(y) || val_is_number(y) || val_is_bigint(y) || val_is_symbol(y))) {
            x = ToPrimitive(ctx, x, HINT_DEFAULT);
            TRY(x);
            continue;
        }
        /* 13. */
        if ((val_is_bigint(x) && val_is_number(y)) || (val_is_number(x) && val_is_bigint(y))) {
            BigInt *big = val_as_bigint(val_is_bigint(x) ? x : y);
            double d = val_num(val_is_number(x) ? x : y);
            if (d != d || isinf(d)) return VAL_FALSE;
            return val_from_bool(bigint_compare_double(big, d) == 0);
        }
        /* 14. */
        return VAL_FALSE;
    }
}

/* IsLessThan — #sec-islessthan */
Value IsLessThan(Context *ctx, Value x, Value y, bool left_first) {
    Value px, py;
    /* 1-2. */
    if (left_first) {
        px = ToPrimitive(ctx, x, HINT_NUMBER);
        TRY(px);
        py = ToPrimitive(ctx, y, HINT_NUMBER);
        TRY(py);
    } else {
        py = ToPrimitive(ctx, y, HINT_NUMBER);
        TRY(py);
        px = ToPrimitive(ctx, x, HINT_NUMBER);
        TRY(px);
    }
    /* 3. */
    if (val_is_string(px) && val_is_string(py)) {
        String *a = val_as_string(px), *b = val_as_string(py);
        if ((str_is_rope(a) && !str_flatten(ctx->rt, a)) ||
            (str_is_rope(b) && !str_flatten(ctx->rt, b)))
            return VAL_EXCEPTION;
        return val_from_bool(str_compare(a, b) < 0);
    }
    /* 4.a */
    if (val_is_bigint(px) && val_is_string(py)) {
        Value ny = StringToBigInt(ctx, val_as_string(py));
        TRY(ny);
        if (val_is_undefined(ny)) return VAL_UNDEFINED;
        return val_from_bool(bigint_compare(val_as_bigint(px), val_as_bigint(ny)) < 0);
    }
    /* 4.b */
    if (val_is_string(px) && val_is_bigint(py)) {
        Value nx = StringToBigInt(ctx, val_as_string(px));
        TRY(nx);
        if (val_is_undefined(nx)) return VAL_UNDEFINED;
        return val_from_bool(bigint_compare(val_as_bigint(nx), val_as_bigint(py)) < 0);
    }
    /* 4.c */
    Value nx = ToNumeric(ctx, px);
    TRY(nx);
    Value ny = ToNumeric(ctx, py);
    TRY(ny);
    /* 4.e-f */
    if (val_is_bigint(nx) && val_is_bigint(ny))
        return val_from_bool(bigint_compare(val_as_bigint(nx), val_as_bigint(ny)) < 0);
    /* 4.g-k */
    if (val_is_bigint(nx) || val_is_bigint(ny)) {
        double d = val_num(val_is_bigint(nx) ? ny : nx);
        if (d != d) return VAL_UNDEFINED;
        int c = val_is_bigint(nx) ? bigint_compare_double(val_as_bigint(nx), d)
                                  : -bigint_compare_double(val_as_bigint(ny), d);
        return val_from_bool(c < 0);
    }
    /* Number::lessThan */
    double a = val_num(nx), b = val_num(ny);
    if (a != a || b != b) return VAL_UNDEFINED;
    return val_from_bool(a < b);
}

/* typeof — #sec-typeof-operator */
String *TypeOf(Runtime *rt, Value v) {
    if (val_is_number(v)) return ATOM(rt, number);
    if (val_is_string(v)) return ATOM(rt, string);
    if (val_is_bool(v)) return ATOM(rt, boolean);
    if (val_is_undefined(v)) return ATOM(rt, undefined);
    if (val_is_null(v)) return ATOM(rt, object);
    if (val_is_symbol(v)) return ATOM(rt, symbol);
    if (val_is_bigint(v)) return ATOM(rt, bigint);
    Object *o = val_as_object(v);
    if (o->hdr.flags & OBJ_HTMLDDA) return ATOM(rt, undefined);
    if (obj_is_callable(o)) return ATOM(rt, function);
    return ATOM(rt, object);
}

/* InstanceofOperator — #sec-instanceofoperator */
Value InstanceofOperator(Context *ctx, Value v, Value target) {
    /* 1. */
    if (!val_is_object(target))
        return throw_type_error(ctx, "right-hand side of 'instanceof' is not an object");
    /* 2-3. */
    Value handler = GetMethod(ctx, target, KEY_SYM(ctx->rt, hasInstance));
    TRY(handler);
    if (!val_is_undefined(handler)) {
        Value r = Call(ctx, handler, target, 1, &v);
        TRY(r);
        return val_from_bool(ToBoolean(r));
    }
    /* 4. */
    if (!val_is_callable(target))
        return throw_type_error(ctx, "right-hand side of 'instanceof' is not callable");
    /* 5. */
    return OrdinaryHasInstance(ctx, target, v);
}
