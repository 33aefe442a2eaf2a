/*
 * math.c — the Math object (#sec-math-object): its value properties and the
 * functions of ES2025 (Math.sumPrecise is ES2026 and not here).
 *
 * The one-argument functions share one native entry that coerces with
 * ToNumber and applies a C function picked by `magic`; wherever the C
 * library and the spec could disagree (round, sign, pow's NaN cases,
 * f16round, hypot's coercion order) the code here decides explicitly.
 *
 * Math.random is xorshift128+, one state per realm (Context.random_state),
 * seeded on first use from the clock and the realm's address.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include "builtins/builtins.h"
#include "vm/string.h"

/* Math.round ( x ) — #sec-math.round: rounds half up (toward +∞), keeps -0
 * for -0.5 <= x < 0; x - floor(x) is exact, unlike floor(x + 0.5). */
static double js_round(double x) {
    if (!isfinite(x) || x == 0) return x;
    if (x > 0 && x < 0.5) return 0.0;
    if (x < 0 && x >= -0.5) return -0.0;
    if (fabs(x) >= 4503599627370496.0) return x; /* 2^52: already integral */
    double r = floor(x);
    if (x - r >= 0.5) r += 1;
    return r == 0 ? copysign(0.0, x) : r;
}

/* Math.sign ( x ) — #sec-math.sign */
static double js_sign(double x) {
    if (isnan(x) || x == 0) return x;
    return x > 0 ? 1.0 : -1.0;
}

/* Math.fround ( x ) — #sec-math.fround: the conversion to float rounds to
 * nearest, ties to even (IEEE default), and overflows to ±∞. */
static double js_fround(double x) {
    return (double)(float)x;
}

/* Math.f16round ( x ) — #sec-math.f16round: rounds x to IEEE 754 binary16
 * (ties to even) straight from the double; going through float would round
 * twice. */
static double js_f16round(double x) {
    if (isnan(x) || isinf(x) || x == 0) return x;
    double a = fabs(x);
    /* 65520 is halfway between the largest half (65504) and 2^16; the tie
     * goes to the even neighbour, which is past the range: ∞. */
    if (a >= 65520.0) return copysign(INFINITY, x);
    int exp;
    frexp(a, &exp); /* a = m * 2^exp, 0.5 <= m < 1 */
    int unbiased = exp - 1;
    if (unbiased < -14) unbiased = -14; /* subnormal halves: fixed quantum 2^-24 */
    double quantum = ldexp(1.0, unbiased - 10);
    double q = a / quantum;  /* exact: scaling by a power of two */
    double r = nearbyint(q); /* default rounding mode: ties to even */
    return copysign(r * quantum, x);
}

static double js_abs(double x) {
    return fabs(x);
}

/* |c^3 - x| with the error of the double products removed (fma gives the
 * exact low halves), so neighbouring candidates can be ranked. */
static double cube_residual(double c, double x) {
    double square = c * c;
    double square_low = fma(c, c, -square);
    return fabs(fma(square, c, -x) + square_low * c);
}

/* Math.cbrt ( x ) — #sec-math.cbrt: the C library's result can be one ulp
 * off even for perfect cubes (glibc gives cbrt(27) = 3.0000000000000004);
 * the nearest of it and its two neighbours is taken. */
static double js_cbrt(double x) {
    double r = cbrt(x);
    if (!isfinite(r) || r == 0) return r;
    double best = r, best_residual = cube_residual(r, x);
    double neighbours[2] = {nextafter(r, -INFINITY), nextafter(r, INFINITY)};
    for (int i = 0; i < 2; i++) {
        double residual = cube_residual(neighbours[i], x);
        if (residual < best_residual) {
            best = neighbours[i];
            best_residual = residual;
        }
    }
    return best;
}

typedef double (*UnaryFn)(double);
enum {
    M_ABS,
    M_ACOS,
    M_ACOSH,
    M_ASIN,
    M_ASINH,
    M_ATAN,
    M_ATANH,
    M_CBRT,
    M_CEIL,
    M_COS,
    M_COSH,
    M_EXP,
    M_EXPM1,
    M_FLOOR,
    M_FROUND,
    M_F16ROUND,
    M_LOG,
    M_LOG1P,
    M_LOG10,
    M_LOG2,
    M_ROUND,
    M_SIGN,
    M_SIN,
    M_SINH,
    M_SQRT,
    M_TAN,
    M_TANH,
    M_TRUNC,
    M_UNARY_COUNT
};
static const UnaryFn unary_fns[M_UNARY_COUNT] = {
    [M_ABS] = js_abs,     [M_ACOS] = acos,    [M_ACOSH] = acosh,      [M_ASIN] = asin,
    [M_ASINH] = asinh,    [M_ATAN] = atan,    [M_ATANH] = atanh,      [M_CBRT] = js_cbrt,
    [M_CEIL] = ceil,      [M_COS] = cos,      [M_COSH] = cosh,        [M_EXP] = exp,
    [M_EXPM1] = expm1,    [M_FLOOR] = floor,  [M_FROUND] = js_fround, [M_F16ROUND] = js_f16round,
    [M_LOG] = log,        [M_LOG1P] = log1p,  [M_LOG10] = log10,      [M_LOG2] = log2,
    [M_ROUND] = js_round, [M_SIGN] = js_sign, [M_SIN] = sin,          [M_SINH] = sinh,
    [M_SQRT] = sqrt,      [M_TAN] = tan,      [M_TANH] = tanh,        [M_TRUNC] = trunc,
};

/* The one-argument functions: 1. Let n be ? ToNumber(x). 2... the function
 * of n (Math.abs #sec-math.abs, Math.acos #sec-math.acos, ... Math.trunc
 * #sec-math.trunc). */
static Value math_unary(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    double n;
    TRY_I(ToNumberDouble(ctx, ARG(0), &n));
    return val_from_number(unary_fns[magic](n));
}

/* Math.atan2 ( y, x ) — #sec-math.atan2 */
static Value math_atan2(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    double ny, nx;
    TRY_I(ToNumberDouble(ctx, ARG(0), &ny));
    TRY_I(ToNumberDouble(ctx, ARG(1), &nx));
    return val_from_number(atan2(ny, nx));
}

/* Math.clz32 ( x ) — #sec-math.clz32 */
static Value math_clz32(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    uint32_t n;
    TRY_I(ToUint32(ctx, ARG(0), &n));
    int p = 0;
    while (p < 32 && !(n & (0x80000000u >> p)))
        p++;
    return val_from_int(p);
}

/* Math.imul ( x, y ) — #sec-math.imul */
static Value math_imul(Context *ctx, Value this_value, int argc, const Value *argv,
                       Value new_target, int magic) {
    uint32_t a, b;
    TRY_I(ToUint32(ctx, ARG(0), &a));
    TRY_I(ToUint32(ctx, ARG(1), &b));
    return val_from_int((int32_t)(a * b)); /* product modulo 2^32 as int32 */
}

/* Math.hypot ( ...args ) — #sec-math.hypot */
static Value math_hypot(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    /* 1-2: coerce every argument before looking at any value. */
    double small[16];
    double *coerced = argc <= 16 ? small : malloc(sizeof(double) * (size_t)argc);
    if (!coerced) return throw_range_error(ctx, "Math.hypot: out of memory");
    for (int i = 0; i < argc; i++) {
        if (ToNumberDouble(ctx, argv[i], &coerced[i]) < 0) {
            if (coerced != small) free(coerced);
            return VAL_EXCEPTION;
        }
    }
    /* 3-6. */
    bool any_infinite = false, any_nan = false;
    double largest = 0;
    for (int i = 0; i < argc; i++) {
        double a = fabs(coerced[i]);
        if (isinf(a))
            any_infinite = true;
        else if (isnan(a))
            any_nan = true;
        else if (a > largest)
            largest = a;
    }
    double result;
    if (any_infinite)
        result = INFINITY;
    else if (any_nan)
        result = NAN;
    else if (largest == 0)
        result = 0; /* onlyZero: +0 even for -0 arguments */
    else {
        /* 7: scaled by the largest magnitude so squares neither overflow nor
         * underflow, summed with Kahan compensation. */
        double sum = 0, compensation = 0;
        for (int i = 0; i < argc; i++) {
            double scaled = coerced[i] / largest;
            double term = scaled * scaled - compensation;
            double next = sum + term;
            compensation = (next - sum) - term;
            sum = next;
        }
        result = argc == 2 ? hypot(coerced[0], coerced[1]) : sqrt(sum) * largest;
    }
    if (coerced != small) free(coerced);
    return val_from_number(result);
}

/* Math.max ( ...args ) — #sec-math.max and Math.min ( ...args ) —
 * #sec-math.min (magic 1). Every argument is coerced even after a NaN;
 * +0 is larger than -0. */
static Value math_max_min(Context *ctx, Value this_value, int argc, const Value *argv,
                          Value new_target, int magic) {
    bool is_min = magic != 0;
    double result = is_min ? INFINITY : -INFINITY;
    for (int i = 0; i < argc; i++) {
        double n;
        TRY_I(ToNumberDouble(ctx, argv[i], &n));
        if (isnan(result)) continue;
        if (isnan(n)) {
            result = n;
        } else if (n == result && n == 0) {
            /* -0 < +0 */
            if (is_min ? signbit(n) : !signbit(n)) result = n;
        } else if (is_min ? n < result : n > result) {
            result = n;
        }
    }
    return val_from_number(result);
}

/* Number::exponentiate ( base, exponent ) — #sec-numeric-types-number-exponentiate.
 * C's pow agrees except where the spec says NaN: an exponent of NaN with
 * base 1, and |base| = 1 with an infinite exponent. */
static double number_exponentiate(double base, double exponent) {
    if (isnan(exponent)) return NAN;
    if (exponent == 0) return 1;
    if (isnan(base)) return NAN;
    if (fabs(base) == 1 && isinf(exponent)) return NAN;
    return pow(base, exponent);
}

/* Math.pow ( base, exponent ) — #sec-math.pow */
static Value math_pow(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                      int magic) {
    double base, exponent;
    TRY_I(ToNumberDouble(ctx, ARG(0), &base));
    TRY_I(ToNumberDouble(ctx, ARG(1), &exponent));
    return val_from_number(number_exponentiate(base, exponent));
}

/* SplitMix64 — spreads a weak seed over all 64 bits. */
static uint64_t splitmix64(uint64_t *state) {
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void seed_random(Context *ctx) {
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    uint64_t seed = (uint64_t)ts.tv_sec * 1000000007ull ^ (uint64_t)ts.tv_nsec ^
                    (uint64_t)(uintptr_t)ctx ^ (uint64_t)clock() << 32;
    do {
        ctx->random_state[0] = splitmix64(&seed);
        ctx->random_state[1] = splitmix64(&seed);
    } while (ctx->random_state[0] == 0 && ctx->random_state[1] == 0);
}

/* Math.random ( ) — #sec-math.random: uniform in [0, 1) from the top 53 bits
 * of a xorshift128+ output. */
static Value math_random(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    uint64_t *s = ctx->random_state;
    if (s[0] == 0 && s[1] == 0) seed_random(ctx);
    uint64_t s1 = s[0];
    uint64_t s0 = s[1];
    s[0] = s0;
    s1 ^= s1 << 23;
    s[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
    uint64_t bits = s[1] + s0;
    return val_from_double((double)(bits >> 11) * 0x1.0p-53);
}

#define CONST_ATTRS 0 /* { [[Writable]]: false, [[Enumerable]]: false, [[Configurable]]: false }   \
                       */
#define UNARY(name, id) BP_FUNC_MAGIC(name, math_unary, 1, id)

static const BuiltinProp math_props[] = {
    BP_NUM("E", 2.718281828459045, CONST_ATTRS),
    BP_NUM("LN10", 2.302585092994046, CONST_ATTRS),
    BP_NUM("LN2", 0.6931471805599453, CONST_ATTRS),
    BP_NUM("LOG10E", 0.4342944819032518, CONST_ATTRS),
    BP_NUM("LOG2E", 1.4426950408889634, CONST_ATTRS),
    BP_NUM("PI", 3.141592653589793, CONST_ATTRS),
    BP_NUM("SQRT1_2", 0.7071067811865476, CONST_ATTRS),
    BP_NUM("SQRT2", 1.4142135623730951, CONST_ATTRS),
    BP_STR("[Symbol.toStringTag]", "Math", PROP_CONFIGURABLE),
    UNARY("abs", M_ABS),
    UNARY("acos", M_ACOS),
    UNARY("acosh", M_ACOSH),
    UNARY("asin", M_ASIN),
    UNARY("asinh", M_ASINH),
    UNARY("atan", M_ATAN),
    UNARY("atanh", M_ATANH),
    BP_FUNC("atan2", math_atan2, 2),
    UNARY("cbrt", M_CBRT),
    UNARY("ceil", M_CEIL),
    BP_FUNC("clz32", math_clz32, 1),
    UNARY("cos", M_COS),
    UNARY("cosh", M_COSH),
    UNARY("exp", M_EXP),
    UNARY("expm1", M_EXPM1),
    UNARY("floor", M_FLOOR),
    UNARY("fround", M_FROUND),
    UNARY("f16round", M_F16ROUND),
    BP_FUNC("hypot", math_hypot, 2),
    BP_FUNC("imul", math_imul, 2),
    UNARY("log", M_LOG),
    UNARY("log1p", M_LOG1P),
    UNARY("log10", M_LOG10),
    UNARY("log2", M_LOG2),
    BP_FUNC_MAGIC("max", math_max_min, 2, 0),
    BP_FUNC_MAGIC("min", math_max_min, 2, 1),
    BP_FUNC("pow", math_pow, 2),
    BP_FUNC("random", math_random, 0),
    UNARY("round", M_ROUND),
    UNARY("sign", M_SIGN),
    UNARY("sin", M_SIN),
    UNARY("sinh", M_SINH),
    UNARY("sqrt", M_SQRT),
    UNARY("tan", M_TAN),
    UNARY("tanh", M_TANH),
    UNARY("trunc", M_TRUNC),
};

int init_math(Context *ctx) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    int r = -1;
    Object *math = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!math) goto done;
    ctx->intrinsics[INTR_Math] = val_from_object(math);
    if (builtins_install(ctx, math, math_props, BP_COUNT(math_props)) < 0) goto done;
    PropKey key = key_from_cstr(rt, "Math");
    if (key == KEY_NONE ||
        obj_define_data_fast(ctx, ctx->global, key, val_from_object(math), PROP_BUILTIN) < 0)
        goto done;
    r = 0;
done:
    gc_scope_close(rt, mark);
    return r;
}
