/*
 * bigint.c — BigInt values and the BigInt:: abstract operations.
 *
 * Arithmetic works on magnitudes (arrays of 32-bit limbs, least significant
 * first) with 64-bit intermediates. Temporaries are malloc'd scratch memory;
 * only the final result becomes a heap cell, so a long computation (an
 * exponentiation) leaves no garbage cells behind. Negative operands of the
 * bitwise operators are converted to two's complement one limb wider than
 * the wider operand, which is exactly "infinite" two's complement for them.
 */
#include "vm/bigint.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vm/conv.h"
#include "util/unicode.h"
#include "vm/string.h"

#define MAX_LIMBS (BIGINT_MAX_BITS / 32)

static Value throw_too_big(Context *ctx) {
    return throw_range_error(ctx, "Maximum BigInt size exceeded");
}

static Value throw_oom(Context *ctx) {
    return throw_range_error(ctx, "out of memory");
}

/* ---- magnitudes ------------------------------------------------------------------ */

static uint32_t mag_norm(const uint32_t *a, uint32_t n) {
    while (n > 0 && a[n - 1] == 0)
        n--;
    return n;
}

static int mag_cmp(const uint32_t *a, uint32_t an, const uint32_t *b, uint32_t bn) {
    if (an != bn) return an < bn ? -1 : 1;
    for (uint32_t i = an; i-- > 0;)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}

static uint64_t mag_bit_length(const uint32_t *a, uint32_t n) {
    if (n == 0) return 0;
    return (uint64_t)(n - 1) * 32 + (32 - (uint64_t)__builtin_clz(a[n - 1]));
}

/* r = a + b; r has room for max(an, bn) + 1 limbs. Returns the length. */
static uint32_t mag_add(uint32_t *r, const uint32_t *a, uint32_t an, const uint32_t *b,
                        uint32_t bn) {
    if (an < bn) {
        const uint32_t *t = a;
        a = b;
        b = t;
        uint32_t tn = an;
        an = bn;
        bn = tn;
    }
    uint64_t carry = 0;
    uint32_t i = 0;
    for (; i < bn; i++) {
        uint64_t s = (uint64_t)a[i] + b[i] + carry;
        r[i] = (uint32_t)s;
        carry = s >> 32;
    }
    for (; i < an; i++) {
        uint64_t s = (uint64_t)a[i] + carry;
        r[i] = (uint32_t)s;
        carry = s >> 32;
    }
    r[an] = (uint32_t)carry;
    return mag_norm(r, an + 1);
}

/* r = a - b, requires a >= b; r has room for an limbs. Returns the length. */
static uint32_t mag_sub(uint32_t *r, const uint32_t *a, uint32_t an, const uint32_t *b,
                        uint32_t bn) {
    uint32_t borrow = 0;
    uint32_t i = 0;
    for (; i < bn; i++) {
        uint64_t sub = (uint64_t)b[i] + borrow;
        borrow = (uint64_t)a[i] < sub;
        r[i] = (uint32_t)((uint64_t)a[i] - sub);
    }
    for (; i < an; i++) {
        uint32_t v = a[i];
        r[i] = v - borrow;
        borrow = borrow && v == 0;
    }
    return mag_norm(r, an);
}

/* r = a * b (schoolbook); r has an + bn limbs and must not overlap a or b. */
static uint32_t mag_mul(uint32_t *r, const uint32_t *a, uint32_t an, const uint32_t *b,
                        uint32_t bn) {
    memset(r, 0, sizeof(uint32_t) * ((size_t)an + bn));
    for (uint32_t i = 0; i < an; i++) {
        uint64_t carry = 0, ai = a[i];
        if (ai == 0) continue;
        for (uint32_t j = 0; j < bn; j++) {
            uint64_t t = ai * b[j] + r[i + j] + carry;
            r[i + j] = (uint32_t)t;
            carry = t >> 32;
        }
        r[i + bn] = (uint32_t)carry;
    }
    return mag_norm(r, an + bn);
}

/* r[0..rn) += t[0..tn); the sum must fit in rn limbs. */
static void mag_add_into(uint32_t *r, uint32_t rn, const uint32_t *t, uint32_t tn) {
    uint64_t carry = 0;
    uint32_t i = 0;
    for (; i < tn; i++) {
        uint64_t v = (uint64_t)r[i] + t[i] + carry;
        r[i] = (uint32_t)v;
        carry = v >> 32;
    }
    for (; carry && i < rn; i++) {
        uint64_t v = (uint64_t)r[i] + carry;
        r[i] = (uint32_t)v;
        carry = v >> 32;
    }
}

/* z[0..zn) -= t[0..tn); requires z >= t. */
static void mag_sub_from(uint32_t *z, uint32_t zn, const uint32_t *t, uint32_t tn) {
    tn = mag_norm(t, tn);
    uint32_t borrow = 0, i = 0;
    for (; i < tn; i++) {
        uint64_t sub = (uint64_t)t[i] + borrow;
        borrow = (uint64_t)z[i] < sub;
        z[i] = (uint32_t)((uint64_t)z[i] - sub);
    }
    for (; borrow && i < zn; i++) {
        borrow = z[i] == 0;
        z[i]--;
    }
}

/* Below this many limbs in the shorter operand, schoolbook wins. */
#define KARATSUBA_LIMBS 48

/* r = a * b like mag_mul (all an + bn limbs written, r not overlapping a or
 * b), by Karatsuba's method on large operands: with a = a1·B^m + a0 and
 * b = b1·B^m + b0, a·b = z2·B^2m + z1·B^m + z0 where z0 = a0·b0,
 * z2 = a1·b1 and z1 = (a0 + a1)(b0 + b1) - z0 - z2: three half-size
 * products instead of four. False when scratch memory ran out. */
static bool mag_mul_fast(uint32_t *r, const uint32_t *a, uint32_t an, const uint32_t *b,
                         uint32_t bn) {
    if (an < bn) {
        const uint32_t *t = a;
        a = b;
        b = t;
        uint32_t tn = an;
        an = bn;
        bn = tn;
    }
    if (bn < KARATSUBA_LIMBS) {
        mag_mul(r, a, an, b, bn);
        return true;
    }
    uint32_t m = (an + 1) / 2;
    if (bn <= m) {
        /* Unbalanced: a0·b + (a1·b)·B^m. */
        uint32_t *t = malloc(sizeof(uint32_t) * ((size_t)an - m + bn));
        if (!t) return false;
        bool ok = mag_mul_fast(r, a, m, b, bn) && mag_mul_fast(t, a + m, an - m, b, bn);
        if (ok) {
            memset(r + m + bn, 0, sizeof(uint32_t) * (an - m));
            mag_add_into(r + m, an + bn - m, t, an - m + bn);
        }
        free(t);
        return ok;
    }
    uint32_t *sa = malloc(sizeof(uint32_t) * ((size_t)m + 1));
    uint32_t *sb = malloc(sizeof(uint32_t) * ((size_t)m + 1));
    uint32_t *z1 = malloc(sizeof(uint32_t) * (2 * (size_t)m + 2));
    bool ok = sa && sb && z1;
    if (ok) {
        uint32_t sal = mag_add(sa, a, m, a + m, an - m);
        uint32_t sbl = mag_add(sb, b, m, b + m, bn - m);
        ok = mag_mul_fast(z1, sa, sal, sb, sbl) && mag_mul_fast(r, a, m, b, m) &&
             mag_mul_fast(r + 2 * m, a + m, an - m, b + m, bn - m);
        if (ok) {
            uint32_t z1n = sal + sbl;
            mag_sub_from(z1, z1n, r, 2 * m);
            mag_sub_from(z1, z1n, r + 2 * m, an + bn - 2 * m);
            mag_add_into(r + m, an + bn - m, z1, mag_norm(z1, z1n));
        }
    }
    free(sa);
    free(sb);
    free(z1);
    return ok;
}

/* q = a / d (q may alias a); returns a % d. d != 0. */
static uint32_t mag_divmod_small(uint32_t *q, const uint32_t *a, uint32_t n, uint32_t d) {
    uint64_t rem = 0;
    for (uint32_t i = n; i-- > 0;) {
        uint64_t cur = (rem << 32) | a[i];
        q[i] = (uint32_t)(cur / d);
        rem = cur % d;
    }
    return (uint32_t)rem;
}

/* mag_divmod_small for a divisor known at compile time: inlined, the
 * compiler turns the division into a multiplication, which makes radix
 * conversion several times faster. */
static inline __attribute__((always_inline)) uint32_t mag_divmod_const(uint32_t *q, uint32_t n,
                                                                       const uint32_t d) {
    uint64_t rem = 0;
    for (uint32_t i = n; i-- > 0;) {
        uint64_t cur = (rem << 32) | q[i];
        q[i] = (uint32_t)(cur / d);
        rem = cur % d;
    }
    return (uint32_t)rem;
}

/* Long division (Knuth's algorithm D): q = a / b with an - bn + 1 limbs,
 * r = a % b with bn limbs (either may be NULL). Requires bn >= 2,
 * an >= bn, b normalized. Returns false when scratch memory ran out. */
static bool mag_divmod(uint32_t *q, uint32_t *r, const uint32_t *a, uint32_t an, const uint32_t *b,
                       uint32_t bn) {
    uint32_t *u = malloc(sizeof(uint32_t) * ((size_t)an + 1));
    uint32_t *v = malloc(sizeof(uint32_t) * bn);
    if (!u || !v) {
        free(u);
        free(v);
        return false;
    }
    /* Normalize so the divisor's top limb has its high bit set, which
     * keeps each quotient-digit estimate at most two too large. */
    int s = __builtin_clz(b[bn - 1]);
    for (uint32_t i = bn; i-- > 0;)
        v[i] = (b[i] << s) | (s && i > 0 ? b[i - 1] >> (32 - s) : 0);
    u[an] = s ? a[an - 1] >> (32 - s) : 0;
    for (uint32_t i = an; i-- > 0;)
        u[i] = (a[i] << s) | (s && i > 0 ? a[i - 1] >> (32 - s) : 0);

    uint64_t vtop = v[bn - 1], vnext = v[bn - 2];
    for (uint32_t j = an - bn + 1; j-- > 0;) {
        uint64_t num = ((uint64_t)u[j + bn] << 32) | u[j + bn - 1];
        uint64_t qhat = num / vtop, rhat = num % vtop;
        while (qhat > 0xFFFFFFFFu || qhat * vnext > ((rhat << 32) | u[j + bn - 2])) {
            qhat--;
            rhat += vtop;
            if (rhat > 0xFFFFFFFFu) break;
        }
        /* u[j .. j+bn] -= qhat * v */
        uint64_t carry = 0;
        uint32_t borrow = 0;
        for (uint32_t i = 0; i < bn; i++) {
            uint64_t p = qhat * v[i] + carry;
            carry = p >> 32;
            uint64_t sub = (uint64_t)(uint32_t)p + borrow;
            borrow = (uint64_t)u[i + j] < sub;
            u[i + j] = (uint32_t)((uint64_t)u[i + j] - sub);
        }
        uint64_t sub = carry + borrow;
        bool negative = (uint64_t)u[j + bn] < sub;
        u[j + bn] = (uint32_t)((uint64_t)u[j + bn] - sub);
        if (negative) {
            /* The estimate was one too large: add the divisor back. */
            qhat--;
            uint64_t c = 0;
            for (uint32_t i = 0; i < bn; i++) {
                uint64_t t = (uint64_t)u[i + j] + v[i] + c;
                u[i + j] = (uint32_t)t;
                c = t >> 32;
            }
            u[j + bn] += (uint32_t)c;
        }
        if (q) q[j] = (uint32_t)qhat;
    }
    if (r)
        for (uint32_t i = 0; i < bn; i++)
            r[i] = (u[i] >> s) | (s ? u[i + 1] << (32 - s) : 0);
    free(u);
    free(v);
    return true;
}

/* ---- cells ----------------------------------------------------------------------- */

/* A zeroed BigInt with room for n limbs. Throws when n exceeds the limit. */
static BigInt *bigint_alloc(Context *ctx, uint64_t n) {
    if (n > MAX_LIMBS + 1) {
        throw_too_big(ctx);
        return NULL;
    }
    BigInt *b = gc_alloc(ctx->rt, CELL_BIGINT, sizeof(BigInt) + sizeof(uint32_t) * (size_t)n);
    if (!b) return NULL;
    b->hdr.aux = (uint32_t)n;
    return b;
}

/* Normalizes b's length, sets its sign and enforces the size limit. */
static Value bigint_finish(Context *ctx, BigInt *b, bool negative) {
    uint32_t n = mag_norm(b->limbs, b->hdr.aux);
    if (mag_bit_length(b->limbs, n) > BIGINT_MAX_BITS) return throw_too_big(ctx);
    b->hdr.aux = n;
    b->hdr.flags = (n > 0 && negative) ? BIGINT_NEGATIVE : 0;
    return val_from_bigint(b);
}

/* A BigInt from a magnitude in scratch memory. */
static Value bigint_from_mag(Context *ctx, const uint32_t *m, uint32_t n, bool negative) {
    n = mag_norm(m, n);
    if (mag_bit_length(m, n) > BIGINT_MAX_BITS) return throw_too_big(ctx);
    BigInt *b = bigint_alloc(ctx, n);
    if (!b) return VAL_EXCEPTION;
    if (n) memcpy(b->limbs, m, sizeof(uint32_t) * n);
    return bigint_finish(ctx, b, negative);
}

Value bigint_from_uint64(Context *ctx, uint64_t v) {
    uint32_t m[2] = {(uint32_t)v, (uint32_t)(v >> 32)};
    return bigint_from_mag(ctx, m, 2, false);
}

Value bigint_from_int64(Context *ctx, int64_t v) {
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint32_t m[2] = {(uint32_t)mag, (uint32_t)(mag >> 32)};
    return bigint_from_mag(ctx, m, 2, v < 0);
}

static Value bigint_copy_signed(Context *ctx, BigInt *x, bool negative) {
    if (bigint_is_negative(x) == negative || bigint_is_zero(x)) return val_from_bigint(x);
    return bigint_from_mag(ctx, x->limbs, bigint_len(x), negative);
}

static int digit_of(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

Value bigint_from_digits(Context *ctx, const char *digits, size_t len, int radix, bool negative) {
    while (len > 1 && digits[0] == '0')
        digits++, len--;
    /* Each digit adds log2(radix) <= 6 bits: reject what cannot fit early. */
    double bits_per_digit = log2((double)radix);
    if ((double)len * bits_per_digit > (double)BIGINT_MAX_BITS + 64) return throw_too_big(ctx);
    size_t cap = (size_t)((double)len * bits_per_digit / 32) + 2;
    BigInt *b = bigint_alloc(ctx, cap);
    if (!b) return VAL_EXCEPTION;
    uint32_t *m = b->limbs;
    uint32_t n = 0;
    /* Consume digits in chunks of k, multiplying by radix^k each time. */
    uint32_t chunk_pow = radix, k = 1;
    while ((uint64_t)chunk_pow * radix <= 0xFFFFFFFFu)
        chunk_pow *= radix, k++;
    size_t i = 0;
    while (i < len) {
        uint32_t mult = 1, chunk = 0;
        for (uint32_t j = 0; j < k && i < len; j++, i++) {
            chunk = chunk * radix + (uint32_t)digit_of((unsigned char)digits[i]);
            mult *= radix;
        }
        uint64_t carry = chunk;
        for (uint32_t t = 0; t < n; t++) {
            uint64_t p = (uint64_t)m[t] * mult + carry;
            m[t] = (uint32_t)p;
            carry = p >> 32;
        }
        if (carry) m[n++] = (uint32_t)carry;
    }
    return bigint_finish(ctx, b, negative);
}

/* ---- unary operations --------------------------------------------------------------- */

/* BigInt::unaryMinus — #sec-numeric-types-bigint-unaryMinus */
Value bigint_unary_minus(Context *ctx, BigInt *x) {
    if (bigint_is_zero(x)) return val_from_bigint(x);
    return bigint_copy_signed(ctx, x, !bigint_is_negative(x));
}

/* |x| + 1 or |x| - 1 with the given sign (|x| > 0 for the latter). */
static Value mag_plus_one(Context *ctx, BigInt *x, bool up, bool negative) {
    uint32_t n = bigint_len(x);
    BigInt *r = bigint_alloc(ctx, (uint64_t)n + 1);
    if (!r) return VAL_EXCEPTION;
    uint32_t one = 1;
    if (up)
        mag_add(r->limbs, x->limbs, n, &one, 1);
    else
        mag_sub(r->limbs, x->limbs, n, &one, 1);
    return bigint_finish(ctx, r, negative);
}

/* BigInt::bitwiseNOT — #sec-numeric-types-bigint-bitwiseNOT: -x - 1 */
Value bigint_bitwise_not(Context *ctx, BigInt *x) {
    if (bigint_is_negative(x)) return mag_plus_one(ctx, x, false, false); /* |x| - 1 */
    return mag_plus_one(ctx, x, true, true);                              /* -(x + 1) */
}

Value bigint_increment(Context *ctx, BigInt *x, int delta) {
    bool neg = bigint_is_negative(x);
    if (bigint_is_zero(x)) return bigint_from_int64(ctx, delta);
    /* Moving away from zero grows the magnitude. */
    if ((delta > 0) != neg) return mag_plus_one(ctx, x, true, neg);
    return mag_plus_one(ctx, x, false, neg);
}

/* ---- additive and multiplicative --------------------------------------------------- */

/* x + (negate_y ? -y : y) */
static Value add_signed(Context *ctx, BigInt *x, BigInt *y, bool negate_y) {
    bool xn = bigint_is_negative(x);
    bool yn = bigint_is_negative(y) != negate_y;
    uint32_t an = bigint_len(x), bn = bigint_len(y);
    if (bn == 0) return val_from_bigint(x);
    if (an == 0) return bigint_copy_signed(ctx, y, yn);
    if (xn == yn) {
        BigInt *r = bigint_alloc(ctx, (uint64_t)(an > bn ? an : bn) + 1);
        if (!r) return VAL_EXCEPTION;
        mag_add(r->limbs, x->limbs, an, y->limbs, bn);
        return bigint_finish(ctx, r, xn);
    }
    int c = mag_cmp(x->limbs, an, y->limbs, bn);
    if (c == 0) return bigint_from_int64(ctx, 0);
    BigInt *r = bigint_alloc(ctx, an > bn ? an : bn);
    if (!r) return VAL_EXCEPTION;
    if (c > 0) {
        mag_sub(r->limbs, x->limbs, an, y->limbs, bn);
        return bigint_finish(ctx, r, xn);
    }
    mag_sub(r->limbs, y->limbs, bn, x->limbs, an);
    return bigint_finish(ctx, r, yn);
}

/* BigInt::multiply — #sec-numeric-types-bigint-multiply */
static Value bigint_multiply(Context *ctx, BigInt *x, BigInt *y) {
    uint32_t an = bigint_len(x), bn = bigint_len(y);
    if (an == 0 || bn == 0) return bigint_from_int64(ctx, 0);
    if (mag_bit_length(x->limbs, an) + mag_bit_length(y->limbs, bn) - 1 > BIGINT_MAX_BITS)
        return throw_too_big(ctx);
    BigInt *r = bigint_alloc(ctx, (uint64_t)an + bn);
    if (!r) return VAL_EXCEPTION;
    if (!mag_mul_fast(r->limbs, x->limbs, an, y->limbs, bn)) return throw_oom(ctx);
    return bigint_finish(ctx, r, bigint_is_negative(x) != bigint_is_negative(y));
}

/* BigInt::divide — #sec-numeric-types-bigint-divide and
 * BigInt::remainder — #sec-numeric-types-bigint-remainder: truncating. */
static Value bigint_divide(Context *ctx, BigInt *x, BigInt *y, bool want_remainder) {
    uint32_t an = bigint_len(x), bn = bigint_len(y);
    if (bn == 0) return throw_range_error(ctx, "Division by zero");
    bool xn = bigint_is_negative(x), yn = bigint_is_negative(y);
    if (mag_cmp(x->limbs, an, y->limbs, bn) < 0)
        return want_remainder ? val_from_bigint(x) : bigint_from_int64(ctx, 0);
    if (bn == 1) {
        BigInt *q = bigint_alloc(ctx, an);
        if (!q) return VAL_EXCEPTION;
        uint32_t rem = mag_divmod_small(q->limbs, x->limbs, an, y->limbs[0]);
        if (!want_remainder) return bigint_finish(ctx, q, xn != yn);
        BigInt *r = bigint_alloc(ctx, 1);
        if (!r) return VAL_EXCEPTION;
        r->limbs[0] = rem;
        return bigint_finish(ctx, r, xn);
    }
    BigInt *r = bigint_alloc(ctx, want_remainder ? bn : (uint64_t)an - bn + 1);
    if (!r) return VAL_EXCEPTION;
    if (!mag_divmod(want_remainder ? NULL : r->limbs, want_remainder ? r->limbs : NULL, x->limbs,
                    an, y->limbs, bn))
        return throw_oom(ctx);
    /* The remainder takes the dividend's sign; the quotient is negative
     * when the signs differ. */
    return bigint_finish(ctx, r, want_remainder ? xn : xn != yn);
}

/* BigInt::exponentiate — #sec-numeric-types-bigint-exponentiate */
static Value bigint_exponentiate(Context *ctx, BigInt *base, BigInt *exponent) {
    /* 1. */
    if (bigint_is_negative(exponent))
        return throw_range_error(ctx, "Exponent must be non-negative");
    /* 2. */
    if (bigint_is_zero(exponent)) return bigint_from_int64(ctx, 1);
    uint32_t bn = bigint_len(base);
    bool odd = exponent->limbs[0] & 1;
    bool negative = bigint_is_negative(base) && odd;
    if (bn == 0) return val_from_bigint(base);
    if (bn == 1 && base->limbs[0] == 1) return bigint_from_int64(ctx, negative ? -1 : 1);
    /* |base| >= 2 from here, so the result has at least `exponent` bits. */
    if (bigint_len(exponent) > 1 || exponent->limbs[0] > BIGINT_MAX_BITS) return throw_too_big(ctx);
    uint64_t e = exponent->limbs[0];
    uint64_t base_bits = mag_bit_length(base->limbs, bn);
    if ((base_bits - 1) * e + 1 > BIGINT_MAX_BITS) return throw_too_big(ctx);
    uint64_t cap = (base_bits * e + 31) / 32 + 1;
    /* A power of two is a shift. */
    bool power_of_two = (base->limbs[bn - 1] & (base->limbs[bn - 1] - 1)) == 0;
    for (uint32_t i = 0; i + 1 < bn && power_of_two; i++)
        if (base->limbs[i]) power_of_two = false;
    if (power_of_two) {
        uint64_t shift = (base_bits - 1) * e;
        BigInt *r = bigint_alloc(ctx, shift / 32 + 1);
        if (!r) return VAL_EXCEPTION;
        r->limbs[shift / 32] = 1u << (shift % 32);
        return bigint_finish(ctx, r, negative);
    }
    uint32_t *acc = malloc(sizeof(uint32_t) * cap * 2);
    uint32_t *tmp = acc ? malloc(sizeof(uint32_t) * cap * 2) : NULL;
    if (!tmp) {
        free(acc);
        return throw_oom(ctx);
    }
    /* Left-to-right square-and-multiply. */
    uint32_t an = bn;
    memcpy(acc, base->limbs, sizeof(uint32_t) * bn);
    bool ok = true;
    int top = 63 - __builtin_clzll(e);
    for (int bit = top - 1; bit >= 0 && ok; bit--) {
        ok = mag_mul_fast(tmp, acc, an, acc, an);
        an = mag_norm(tmp, 2 * an);
        uint32_t *t = acc;
        acc = tmp;
        tmp = t;
        if (ok && ((e >> bit) & 1)) {
            ok = mag_mul_fast(tmp, acc, an, base->limbs, bn);
            an = mag_norm(tmp, an + bn);
            t = acc;
            acc = tmp;
            tmp = t;
        }
    }
    if (!ok) {
        free(acc);
        free(tmp);
        return throw_oom(ctx);
    }
    Value r = bigint_from_mag(ctx, acc, an, negative);
    free(acc);
    free(tmp);
    return r;
}

/* ---- shifts ------------------------------------------------------------------------ */

/* x * 2^k for x != 0. */
static Value shift_left(Context *ctx, BigInt *x, uint64_t k) {
    uint32_t n = bigint_len(x);
    if (mag_bit_length(x->limbs, n) + k > BIGINT_MAX_BITS) return throw_too_big(ctx);
    uint32_t limbs = (uint32_t)(k / 32), bits = (uint32_t)(k % 32);
    BigInt *r = bigint_alloc(ctx, (uint64_t)n + limbs + 1);
    if (!r) return VAL_EXCEPTION;
    for (uint32_t i = 0; i < n; i++) {
        r->limbs[i + limbs] |= x->limbs[i] << bits;
        if (bits) r->limbs[i + limbs + 1] = x->limbs[i] >> (32 - bits);
    }
    return bigint_finish(ctx, r, bigint_is_negative(x));
}

/* floor(x / 2^k). */
static Value shift_right(Context *ctx, BigInt *x, uint64_t k) {
    uint32_t n = bigint_len(x);
    bool negative = bigint_is_negative(x);
    if (k >= (uint64_t)n * 32) return bigint_from_int64(ctx, negative ? -1 : 0);
    uint32_t limbs = (uint32_t)(k / 32), bits = (uint32_t)(k % 32);
    bool lost = false;
    for (uint32_t i = 0; i < limbs; i++)
        if (x->limbs[i]) lost = true;
    if (bits && (x->limbs[limbs] & ((1u << bits) - 1))) lost = true;
    BigInt *r = bigint_alloc(ctx, (uint64_t)n - limbs + 1);
    if (!r) return VAL_EXCEPTION;
    for (uint32_t i = limbs; i < n; i++) {
        uint32_t hi = bits && i + 1 < n ? x->limbs[i + 1] << (32 - bits) : 0;
        r->limbs[i - limbs] = (x->limbs[i] >> bits) | hi;
    }
    if (negative && lost) {
        /* Rounding toward -infinity: a negative result loses magnitude + 1. */
        uint32_t one = 1, len = mag_norm(r->limbs, n - limbs);
        mag_add(r->limbs, r->limbs, len, &one, 1);
    }
    return bigint_finish(ctx, r, negative);
}

/* BigInt::leftShift — #sec-numeric-types-bigint-leftShift (right = true:
 * BigInt::signedRightShift, which is leftShift(x, -y)). */
static Value bigint_shift(Context *ctx, BigInt *x, BigInt *y, bool right) {
    if (bigint_is_negative(y)) right = !right;
    if (bigint_is_zero(x) || bigint_is_zero(y)) return val_from_bigint(x);
    uint64_t k = bigint_len(y) > 2 ? UINT64_MAX
                                   : (uint64_t)y->limbs[0] |
                                         (bigint_len(y) > 1 ? (uint64_t)y->limbs[1] << 32 : 0);
    if (right) return shift_right(ctx, x, k);
    if (k > BIGINT_MAX_BITS) return throw_too_big(ctx);
    return shift_left(ctx, x, k);
}

/* ---- bitwise ------------------------------------------------------------------------- */

/* x in two's complement over n limbs (n > len(x), so the top bit is the sign). */
static void to_twos(uint32_t *out, uint32_t n, const BigInt *x) {
    uint32_t len = bigint_len(x);
    memcpy(out, x->limbs, sizeof(uint32_t) * len);
    memset(out + len, 0, sizeof(uint32_t) * (n - len));
    if (bigint_is_negative(x)) {
        uint64_t carry = 1;
        for (uint32_t i = 0; i < n; i++) {
            uint64_t t = (uint64_t)(uint32_t)~out[i] + carry;
            out[i] = (uint32_t)t;
            carry = t >> 32;
        }
    }
}

/* BigIntBitwiseOp — #sec-bigintbitwiseop */
static Value bigint_bitwise(Context *ctx, BigIntOp op, BigInt *x, BigInt *y) {
    uint32_t n = (bigint_len(x) > bigint_len(y) ? bigint_len(x) : bigint_len(y)) + 1;
    uint32_t *t = malloc(sizeof(uint32_t) * n);
    BigInt *r = t ? bigint_alloc(ctx, n) : NULL;
    if (!r) {
        free(t);
        return t ? VAL_EXCEPTION : throw_oom(ctx);
    }
    to_twos(r->limbs, n, x);
    to_twos(t, n, y);
    for (uint32_t i = 0; i < n; i++) {
        switch (op) {
        case BIGINT_OP_AND: r->limbs[i] &= t[i]; break;
        case BIGINT_OP_OR: r->limbs[i] |= t[i]; break;
        default: r->limbs[i] ^= t[i]; break;
        }
    }
    free(t);
    bool negative = r->limbs[n - 1] >> 31;
    if (negative) {
        /* Back to sign and magnitude: negate the two's complement. */
        uint64_t carry = 1;
        for (uint32_t i = 0; i < n; i++) {
            uint64_t v = (uint64_t)(uint32_t)~r->limbs[i] + carry;
            r->limbs[i] = (uint32_t)v;
            carry = v >> 32;
        }
    }
    return bigint_finish(ctx, r, negative);
}

Value bigint_binary(Context *ctx, BigIntOp op, BigInt *x, BigInt *y) {
    switch (op) {
    case BIGINT_OP_ADD: return add_signed(ctx, x, y, false);
    case BIGINT_OP_SUB: return add_signed(ctx, x, y, true);
    case BIGINT_OP_MUL: return bigint_multiply(ctx, x, y);
    case BIGINT_OP_DIV: return bigint_divide(ctx, x, y, false);
    case BIGINT_OP_MOD: return bigint_divide(ctx, x, y, true);
    case BIGINT_OP_EXP: return bigint_exponentiate(ctx, x, y);
    case BIGINT_OP_SHL: return bigint_shift(ctx, x, y, false);
    case BIGINT_OP_SAR: return bigint_shift(ctx, x, y, true);
    case BIGINT_OP_SHR:
        /* BigInt::unsignedRightShift — #sec-numeric-types-bigint-unsignedRightShift */
        return throw_type_error(ctx, "BigInts have no unsigned right shift, use >> instead");
    case BIGINT_OP_AND:
    case BIGINT_OP_OR:
    case BIGINT_OP_XOR: return bigint_bitwise(ctx, op, x, y);
    }
    return throw_type_error(ctx, "bad BigInt operator");
}

/* BigInt.asIntN / BigInt.asUintN steps after ToIndex and ToBigInt. */
Value bigint_as_n(Context *ctx, uint64_t bits, BigInt *x, bool is_signed) {
    if (bits == 0) return bigint_from_int64(ctx, 0);
    uint32_t len = bigint_len(x);
    uint64_t xbits = mag_bit_length(x->limbs, len);
    bool negative = bigint_is_negative(x);
    /* Values already in range come back unchanged. */
    if (!is_signed && !negative && xbits <= bits) return val_from_bigint(x);
    if (is_signed && xbits < bits) return val_from_bigint(x);
    if (is_signed && negative && xbits == bits) {
        /* -2^(bits-1) is the one negative value with bits bits in range. */
        bool pow2 = (x->limbs[len - 1] & (x->limbs[len - 1] - 1)) == 0;
        for (uint32_t i = 0; i + 1 < len && pow2; i++)
            if (x->limbs[i]) pow2 = false;
        if (pow2) return val_from_bigint(x);
    }
    /* x mod 2^bits needs ceil(bits / 32) limbs; a negative x makes it as
     * wide as bits. */
    if (bits > (uint64_t)MAX_LIMBS * 32 + 32 && negative && !is_signed) return throw_too_big(ctx);
    uint64_t n = (bits + 31) / 32;
    if (n > (uint64_t)len + 1 && !negative) n = len + 1;
    if (n > MAX_LIMBS + 1) return throw_too_big(ctx);
    BigInt *r = bigint_alloc(ctx, n);
    if (!r) return VAL_EXCEPTION;
    /* Two's complement of x truncated to n limbs, then to bits bits. */
    uint32_t copy = len < n ? len : (uint32_t)n;
    memcpy(r->limbs, x->limbs, sizeof(uint32_t) * copy);
    if (negative) {
        uint64_t carry = 1;
        for (uint32_t i = 0; i < n; i++) {
            uint64_t t = (uint64_t)(uint32_t)~r->limbs[i] + carry;
            r->limbs[i] = (uint32_t)t;
            carry = t >> 32;
        }
    }
    uint32_t top_bits = (uint32_t)(bits - (n - 1) * 32); /* 1..32 when n covers bits */
    if (n * 32 >= bits && top_bits < 32) r->limbs[n - 1] &= (1u << top_bits) - 1;
    if (!is_signed) return bigint_finish(ctx, r, false);
    /* Signed: values with bit (bits-1) set are r - 2^bits. */
    uint64_t sign_bit = bits - 1;
    if (sign_bit / 32 >= n || !((r->limbs[sign_bit / 32] >> (sign_bit % 32)) & 1))
        return bigint_finish(ctx, r, false);
    /* 2^bits - r is the bits-wide two's complement of r. */
    uint64_t carry = 1;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t t = (uint64_t)(uint32_t)~r->limbs[i] + carry;
        r->limbs[i] = (uint32_t)t;
        carry = t >> 32;
    }
    if (top_bits < 32) r->limbs[n - 1] &= (1u << top_bits) - 1;
    return bigint_finish(ctx, r, true);
}

/* ---- comparison ------------------------------------------------------------------------ */

int bigint_compare(const BigInt *x, const BigInt *y) {
    bool xn = bigint_is_negative(x), yn = bigint_is_negative(y);
    if (xn != yn) return xn ? -1 : 1;
    int c = mag_cmp(x->limbs, bigint_len(x), y->limbs, bigint_len(y));
    return xn ? -c : c;
}

bool bigint_equal(const BigInt *x, const BigInt *y) {
    return bigint_compare(x, y) == 0;
}

uint32_t bigint_hash(const BigInt *x) {
    uint32_t h = 2166136261u ^ (uint32_t)bigint_is_negative(x);
    for (uint32_t i = 0; i < bigint_len(x); i++) {
        h = (h ^ x->limbs[i]) * 16777619u;
        h ^= h >> 15;
    }
    return h;
}

/* The integer |d| (finite, integral) as a magnitude; m has 33 limbs. */
static uint32_t mag_from_integral_double(uint32_t *m, double d) {
    d = fabs(d);
    memset(m, 0, sizeof(uint32_t) * 33);
    if (d == 0) return 0;
    int e;
    double f = frexp(d, &e); /* d = f * 2^e, 0.5 <= f < 1 */
    uint64_t mant = (uint64_t)ldexp(f, 53);
    int shift = e - 53;
    if (shift <= 0) {
        uint64_t v = mant >> -shift;
        m[0] = (uint32_t)v;
        m[1] = (uint32_t)(v >> 32);
        return mag_norm(m, 2);
    }
    uint32_t limbs = (uint32_t)shift / 32, bits = (uint32_t)shift % 32;
    uint32_t parts[3] = {(uint32_t)mant, (uint32_t)(mant >> 32), 0};
    for (int i = 0; i < 3; i++) {
        m[limbs + i] |= parts[i] << bits;
        if (bits && limbs + i + 1 < 33) m[limbs + i + 1] = parts[i] >> (32 - bits);
    }
    return mag_norm(m, 33);
}

int bigint_compare_double(const BigInt *x, double y) {
    if (isinf(y)) return y > 0 ? -1 : 1;
    bool xn = bigint_is_negative(x);
    int xs = bigint_is_zero(x) ? 0 : xn ? -1 : 1;
    int ys = y > 0 ? 1 : y < 0 ? -1 : 0;
    if (xs != ys || xs == 0) return xs < ys ? -1 : xs > ys ? 1 : 0;
    double whole = trunc(y);
    uint32_t m[33];
    uint32_t n = mag_from_integral_double(m, whole);
    int c = mag_cmp(x->limbs, bigint_len(x), m, n);
    /* Equal integer parts: y's fraction makes |y| the larger. */
    if (c == 0 && whole != y) c = -1;
    return xn ? -c : c;
}

/* ---- conversion ------------------------------------------------------------------------ */

/* NumberToBigInt — #sec-numbertobigint */
Value NumberToBigInt(Context *ctx, double d) {
    /* 1. */
    if (!isfinite(d) || trunc(d) != d)
        return throw_range_error(ctx,
                                 "The number %.17g cannot be converted to a BigInt because "
                                 "it is not an integer",
                                 d);
    /* 2. */
    uint32_t m[33];
    uint32_t n = mag_from_integral_double(m, d);
    return bigint_from_mag(ctx, m, n, d < 0);
}

double bigint_to_double(const BigInt *x) {
    uint32_t n = bigint_len(x);
    if (n == 0) return 0;
    uint64_t bits = mag_bit_length(x->limbs, n);
    double d;
    if (bits <= 64) {
        uint64_t v = (uint64_t)x->limbs[0] | (n > 1 ? (uint64_t)x->limbs[1] << 32 : 0);
        d = (double)v; /* the conversion rounds to nearest, ties to even */
    } else {
        if (bits > 1100) return bigint_is_negative(x) ? -INFINITY : INFINITY;
        /* The top 64 bits with a sticky bit for everything below them: the
         * conversion of that 64-bit value rounds exactly as the full value
         * would, since the sticky bit only matters in a tie. */
        uint64_t shift = bits - 64;
        uint32_t limb = (uint32_t)(shift / 32), off = (uint32_t)(shift % 32);
        uint64_t top = 0;
        for (int i = 2; i >= 0; i--) {
            uint64_t v = limb + (uint32_t)i < n ? x->limbs[limb + i] : 0;
            if (i == 2)
                top = off ? v << (64 - off) : 0;
            else if (i == 1)
                top |= off ? v << (32 - off) : v << 32;
            else
                top |= v >> off;
        }
        bool sticky = off && (x->limbs[limb] & ((1u << off) - 1));
        for (uint32_t i = 0; i < limb && !sticky; i++)
            if (x->limbs[i]) sticky = true;
        d = ldexp((double)(top | (uint64_t)sticky), (int)shift);
    }
    return bigint_is_negative(x) ? -d : d;
}

uint64_t bigint_to_uint64_wrap(const BigInt *x) {
    uint32_t n = bigint_len(x);
    uint64_t v = (n > 0 ? x->limbs[0] : 0) | (n > 1 ? (uint64_t)x->limbs[1] << 32 : 0);
    return bigint_is_negative(x) ? (uint64_t)0 - v : v;
}

/* ---- radix conversion ---------------------------------------------------------------- */

static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* Below this size, digits come from repeated division by one chunk. */
#define RADIX_BASECASE_LIMBS 40

/* chunk = radix^chunk_digits, the largest power that fits a limb, and its
 * repeated squares: power[j] = chunk^(2^j). */
typedef struct RadixPowers {
    uint32_t radix, chunk, chunk_digits, count;
    uint32_t *power[32];
    uint32_t len[32];
} RadixPowers;

/* Digits of x (n <= RADIX_BASECASE_LIMBS) ending at `end`: exactly `width`
 * of them (zero-padded) when width > 0, else without leading zeros. */
static char *radix_basecase(const uint32_t *x, uint32_t n, const RadixPowers *rp, char *end,
                            size_t width) {
    uint32_t q[RADIX_BASECASE_LIMBS];
    n = mag_norm(x, n);
    if (n) memcpy(q, x, sizeof(uint32_t) * n);
    char *p = end;
    while (n > 0) {
        uint32_t rem = rp->radix == 10 ? mag_divmod_const(q, n, 1000000000u)
                                       : mag_divmod_small(q, q, n, rp->chunk);
        n = mag_norm(q, n);
        for (uint32_t i = 0; i < rp->chunk_digits && (n > 0 || rem > 0); i++) {
            *--p = digit_chars[rem % rp->radix];
            rem /= rp->radix;
        }
    }
    while ((size_t)(end - p) < width)
        *--p = '0';
    return p;
}

/* Divide and conquer: x < power[level + 1] is x = hi * power[level] + lo,
 * and lo takes exactly chunk_digits * 2^level digits. Each split is one
 * long division, which costs much less than peeling off one chunk at a
 * time. Writes the digits ending at `end` (padded as radix_basecase);
 * NULL when scratch memory ran out. */
static char *radix_split(const uint32_t *x, uint32_t n, const RadixPowers *rp, int level, char *end,
                         bool padded) {
    n = mag_norm(x, n);
    size_t width = padded ? (size_t)rp->chunk_digits << (level + 1) : 0;
    if (level < 0 || n <= RADIX_BASECASE_LIMBS) return radix_basecase(x, n, rp, end, width);
    const uint32_t *pw = rp->power[level];
    uint32_t pn = rp->len[level];
    size_t low_digits = (size_t)rp->chunk_digits << level;
    char *p;
    if (mag_cmp(x, n, pw, pn) < 0) {
        p = radix_split(x, n, rp, level - 1, end, padded);
    } else {
        uint32_t *q = malloc(sizeof(uint32_t) * ((size_t)n - pn + 1));
        uint32_t *r = malloc(sizeof(uint32_t) * pn);
        bool ok = q && r;
        if (ok && pn == 1)
            r[0] = mag_divmod_small(q, x, n, pw[0]);
        else if (ok)
            ok = mag_divmod(q, r, x, n, pw, pn);
        p = ok ? radix_split(r, pn, rp, level - 1, end, true) : NULL;
        if (p) p = radix_split(q, n - pn + 1, rp, level - 1, end - low_digits, padded);
        free(q);
        free(r);
    }
    if (p)
        while ((size_t)(end - p) < width)
            *--p = '0';
    return p;
}

/* The digits of the magnitude x (n > 0 limbs) in a radix that is not a
 * power of two, ending at `end`; returns where they start, NULL on OOM. */
static char *radix_digits(const uint32_t *x, uint32_t n, int radix, char *end) {
    RadixPowers rp = {.radix = (uint32_t)radix, .chunk = (uint32_t)radix, .chunk_digits = 1};
    while ((uint64_t)rp.chunk * rp.radix <= 0xFFFFFFFFu)
        rp.chunk *= rp.radix, rp.chunk_digits++;
    if (n <= RADIX_BASECASE_LIMBS) return radix_basecase(x, n, &rp, end, 0);
    /* Square until the power exceeds x: x < power[count - 1]. */
    char *result = NULL;
    uint32_t *first = malloc(sizeof(uint32_t));
    if (!first) return NULL;
    first[0] = rp.chunk;
    rp.power[0] = first;
    rp.len[0] = 1;
    rp.count = 1;
    while (mag_cmp(x, n, rp.power[rp.count - 1], rp.len[rp.count - 1]) >= 0) {
        uint32_t len = rp.len[rp.count - 1];
        uint32_t *sq = rp.count < 32 ? malloc(sizeof(uint32_t) * 2 * (size_t)len) : NULL;
        if (!sq) goto done;
        rp.power[rp.count++] = sq;
        if (!mag_mul_fast(sq, rp.power[rp.count - 2], len, rp.power[rp.count - 2], len)) goto done;
        rp.len[rp.count - 1] = mag_norm(sq, 2 * len);
    }
    result = radix_split(x, n, &rp, (int)rp.count - 2, end, false);
done:
    for (uint32_t i = 0; i < rp.count; i++)
        free(rp.power[i]);
    return result;
}

/* Digits of |x| in radix, most significant first, into a malloc'd buffer
 * with one spare byte at the front for a sign and a NUL at the end. */
static char *digits_of(const BigInt *x, int radix, size_t *out_len) {
    uint32_t n = bigint_len(x);
    size_t cap = (size_t)mag_bit_length(x->limbs, n) + 3;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    size_t pos = cap - 1;
    buf[pos] = 0;
    int shift = (radix & (radix - 1)) == 0 ? __builtin_ctz((unsigned)radix) : 0;
    if (n == 0) {
        buf[--pos] = '0';
    } else if (shift) {
        /* A power-of-two radix reads each digit straight from its bits. */
        uint64_t bits = mag_bit_length(x->limbs, n);
        for (uint64_t at = 0; at < bits; at += (uint64_t)shift) {
            uint32_t limb = (uint32_t)(at / 32), off = (uint32_t)(at % 32);
            uint64_t window = x->limbs[limb] >> off;
            if (off + (uint32_t)shift > 32 && limb + 1 < n)
                window |= (uint64_t)x->limbs[limb + 1] << (32 - off);
            buf[--pos] = digit_chars[window & (uint64_t)(radix - 1)];
        }
    } else {
        char *start = radix_digits(x->limbs, n, radix, buf + pos);
        if (!start) {
            free(buf);
            return NULL;
        }
        pos = (size_t)(start - buf);
    }
    if (bigint_is_negative(x)) buf[--pos] = '-';
    memmove(buf, buf + pos, cap - pos);
    *out_len = cap - 1 - pos;
    return buf;
}

char *bigint_to_cstr(const BigInt *x, int radix) {
    size_t len;
    return digits_of(x, radix, &len);
}

/* BigInt::toString — #sec-numeric-types-bigint-tostring */
String *bigint_to_string(Context *ctx, BigInt *x, int radix) {
    size_t len;
    char *buf = digits_of(x, radix, &len);
    if (!buf) {
        throw_oom(ctx);
        return NULL;
    }
    String *s = str_new_latin1(ctx->rt, (const uint8_t *)buf, len);
    free(buf);
    return s;
}

static bool is_str_space(uint16_t c) {
    return uni_is_space(c) || uni_is_line_terminator(c);
}

/* StringToBigInt — #sec-stringtobigint */
Value StringToBigInt(Context *ctx, String *s) {
    if (str_is_rope(s) && !str_flatten(ctx->rt, s)) return VAL_EXCEPTION;
    uint32_t start = 0, end = s->length;
    while (start < end && is_str_space(str_at(s, start)))
        start++;
    while (end > start && is_str_space(str_at(s, end - 1)))
        end--;
    /* StrWhiteSpace? alone is 0n. */
    if (start == end) return bigint_from_int64(ctx, 0);
    int radix = 10;
    bool negative = false;
    if (end - start > 2 && str_at(s, start) == '0') {
        uint16_t p = str_at(s, start + 1) | 0x20;
        radix = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 10;
        if (radix != 10) start += 2;
    }
    if (radix == 10 && (str_at(s, start) == '+' || str_at(s, start) == '-')) {
        negative = str_at(s, start) == '-';
        start++;
    }
    if (start == end) return VAL_UNDEFINED;
    size_t len = end - start;
    char small[64] = {0};
    char *buf = len <= sizeof small ? small : calloc(len, 1);
    if (!buf) return throw_oom(ctx);
    for (uint32_t i = start; i < end; i++) {
        uint16_t c = str_at(s, i);
        if (c > 'z' || digit_of(c) >= radix) {
            if (buf != small) free(buf);
            return VAL_UNDEFINED;
        }
        buf[i - start] = (char)c;
    }
    Value r = bigint_from_digits(ctx, buf, len, radix, negative);
    if (buf != small) free(buf);
    return r;
}

/* ToBigInt — #sec-tobigint */
Value ToBigInt(Context *ctx, Value argument) {
    /* 1. */
    Value prim = ToPrimitive(ctx, argument, HINT_NUMBER);
    TRY(prim);
    /* 2. */
    if (val_is_bigint(prim)) return prim;
    if (val_is_undefined(prim) || val_is_null(prim))
        return throw_type_error(ctx, "Cannot convert %s to a BigInt",
                                val_is_null(prim) ? "null" : "undefined");
    if (val_is_bool(prim)) return bigint_from_int64(ctx, prim == VAL_TRUE);
    if (val_is_number(prim)) {
        String *s = str_from_double(ctx->rt, val_num(prim));
        size_t len;
        char *u = s ? str_to_utf8(ctx->rt, s, &len) : NULL;
        Value r = throw_type_error(ctx, "Cannot convert %s to a BigInt", u ? u : "a number");
        free(u);
        return r;
    }
    if (val_is_string(prim)) {
        Value n = StringToBigInt(ctx, val_as_string(prim));
        TRY(n);
        if (val_is_undefined(n)) {
            size_t len;
            char *u = str_to_utf8(ctx->rt, val_as_string(prim), &len);
            Value r = throw_syntax_error(ctx, "Cannot convert %s to a BigInt", u ? u : "string");
            free(u);
            return r;
        }
        return n;
    }
    return throw_type_error(ctx, "Cannot convert a Symbol value to a BigInt");
}

/* ToBigInt64 — #sec-tobigint64 */
int ToBigInt64(Context *ctx, Value v, int64_t *out) {
    Value n = ToBigInt(ctx, v);
    ITRY(n);
    *out = (int64_t)bigint_to_uint64_wrap(val_as_bigint(n));
    return 0;
}

/* ToBigUint64 — #sec-tobiguint64 */
int ToBigUint64(Context *ctx, Value v, uint64_t *out) {
    Value n = ToBigInt(ctx, v);
    ITRY(n);
    *out = bigint_to_uint64_wrap(val_as_bigint(n));
    return 0;
}
