/* bignum.h — small fixed-capacity unsigned big integers for exact number
 * conversions (dtoa.c). Not a general arbitrary-precision library: only the
 * operations the conversion algorithms need.
 *
 * Invariants:
 *  - value = sum(limb[i] * 2^(32*i)) for i < len; limb[len-1] != 0 when len > 0;
 *    zero is len == 0.
 *  - Capacity is BIGNUM_LIMBS limbs (5120 bits). The conversion algorithms
 *    bound their operands well below that (about 2700 bits at most). An
 *    operation whose result would not fit sets `overflow` and truncates
 *    instead of writing out of bounds; callers treat overflow as a bug and the
 *    unit tests check it never happens.
 *  - Values live on the stack; there is no allocation. */
#ifndef MICA_BIGNUM_H
#define MICA_BIGNUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BIGNUM_LIMBS 160

typedef struct bignum {
    int len;
    bool overflow;
    uint32_t limb[BIGNUM_LIMBS];
} bignum;

void bignum_set_u64(bignum *b, uint64_t value);
void bignum_copy(bignum *dst, const bignum *src);
static inline bool bignum_is_zero(const bignum *b) {
    return b->len == 0;
}
int bignum_bit_length(const bignum *b);

void bignum_mul_u32(bignum *b, uint32_t factor);
void bignum_mul_u64(bignum *b, uint64_t factor);
void bignum_add_u32(bignum *b, uint32_t addend);
/* b *= base^exp, for 2 <= base <= 36 and exp >= 0. */
void bignum_mul_pow(bignum *b, uint32_t base, int exp);
void bignum_mul_pow5(bignum *b, int exp);
void bignum_mul_pow10(bignum *b, int exp);
void bignum_shift_left(bignum *b, int bits);

/* Returns <0, 0, >0 as a <, ==, > b. */
int bignum_cmp(const bignum *a, const bignum *b);
/* Compares a + b with c without computing the sum. */
int bignum_cmp_sum(const bignum *a, const bignum *b, const bignum *c);
void bignum_add(bignum *a, const bignum *b);
/* a -= b; requires a >= b. */
void bignum_sub(bignum *a, const bignum *b);

/* b /= divisor (divisor != 0); returns the remainder. */
uint32_t bignum_divmod_u32(bignum *b, uint32_t divisor);
/* Sets r = r mod s and returns floor(r / s). Requires s != 0 and a small
 * quotient (< 2^16); it is used for one digit of output at a time. */
uint32_t bignum_divmod_small_quotient(bignum *r, const bignum *s);

/* The top 64 bits of b (b != 0) with the most significant bit set:
 * b = (result + fraction) * 2^(*shift), 0 <= fraction < 1, and *sticky says
 * whether fraction != 0. */
uint64_t bignum_top64(const bignum *b, int *shift, bool *sticky);

/* Writes the decimal digits of b (destroying b) without leading zeros;
 * "0" for zero. Returns the digit count, or -1 if cap is too small. */
int bignum_to_decimal(bignum *b, char *out, size_t cap);

#endif
