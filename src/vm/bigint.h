/*
 * bigint.h — the BigInt primitive (#sec-ecmascript-language-types-bigint-type)
 * and its abstract operations (#sec-numeric-types-bigint-*).
 *
 * A BigInt is an immutable CELL_BIGINT heap cell holding sign and magnitude:
 *  - hdr.aux is the limb count; limbs are 32-bit, least significant first;
 *  - the magnitude is normalized: limbs[len-1] != 0, and 0n has len 0;
 *  - hdr.flags & BIGINT_NEGATIVE is the sign; 0n is never negative.
 * Values are compared by value (bigint_equal), never by pointer.
 *
 * Size limit: no result may have more than BIGINT_MAX_BITS bits; an
 * operation that would exceed it throws RangeError "Maximum BigInt size
 * exceeded" before allocating. Multiplication is Karatsuba on large
 * operands; division (Knuth) and radix conversion (divide and conquer over
 * long division) stay quadratic, which the limit keeps under about a second.
 *
 * Value-returning functions return VAL_EXCEPTION when they threw; operands
 * must be rooted by the caller (results are on the handle stack).
 */
#ifndef MICA_BIGINT_H
#define MICA_BIGINT_H

#include "vm/object.h"

#define BIGINT_NEGATIVE 1u
#define BIGINT_MAX_BITS (1u << 20)

typedef struct BigInt {
    Cell hdr;
    uint32_t limbs[];
} BigInt;

static inline uint32_t bigint_len(const BigInt *b) {
    return b->hdr.aux;
}
static inline bool bigint_is_negative(const BigInt *b) {
    return b->hdr.flags & BIGINT_NEGATIVE;
}
static inline bool bigint_is_zero(const BigInt *b) {
    return b->hdr.aux == 0;
}

/* The binary operators of #sec-numeric-types-bigint-*. */
typedef enum BigIntOp {
    BIGINT_OP_ADD,
    BIGINT_OP_SUB,
    BIGINT_OP_MUL,
    BIGINT_OP_DIV,
    BIGINT_OP_MOD,
    BIGINT_OP_EXP,
    BIGINT_OP_SHL,
    BIGINT_OP_SAR,
    BIGINT_OP_SHR,
    BIGINT_OP_AND,
    BIGINT_OP_OR,
    BIGINT_OP_XOR,
} BigIntOp;

/* ---- construction ---- */
Value bigint_from_int64(Context *ctx, int64_t v);
Value bigint_from_uint64(Context *ctx, uint64_t v);
/* ASCII digits (no prefix, sign or separators) in radix 2..36; every
 * character must be a valid digit. */
Value bigint_from_digits(Context *ctx, const char *digits, size_t len, int radix, bool negative);

/* ---- arithmetic ---- */
Value bigint_unary_minus(Context *ctx, BigInt *x);          /* BigInt::unaryMinus */
Value bigint_bitwise_not(Context *ctx, BigInt *x);          /* BigInt::bitwiseNOT */
Value bigint_increment(Context *ctx, BigInt *x, int delta); /* x + delta, delta = ±1 */
Value bigint_binary(Context *ctx, BigIntOp op, BigInt *x, BigInt *y);
/* BigInt.asIntN / asUintN core: x modulo 2^bits, signed or unsigned;
 * bits <= 2^53 - 1. */
Value bigint_as_n(Context *ctx, uint64_t bits, BigInt *x, bool is_signed);

/* ---- comparison (pure) ---- */
int bigint_compare(const BigInt *x, const BigInt *y); /* -1, 0, 1 */
/* Compares x with a Number y that is not NaN (±Infinity allowed). */
int bigint_compare_double(const BigInt *x, double y);
bool bigint_equal(const BigInt *x, const BigInt *y);
uint32_t bigint_hash(const BigInt *x);

/* ---- conversion ---- */
/* Number(x): the Number nearest to x, ties to even. */
double bigint_to_double(const BigInt *x);
/* x modulo 2^64 as an unsigned 64-bit integer (two's complement). */
uint64_t bigint_to_uint64_wrap(const BigInt *x);
/* BigInt::toString(x, radix), radix 2..36. NULL when it threw. */
String *bigint_to_string(Context *ctx, BigInt *x, int radix);
/* Same digits as a malloc'd NUL-terminated C string (for printing), NULL on
 * allocation failure; never throws. */
char *bigint_to_cstr(const BigInt *x, int radix);

/* NumberToBigInt — #sec-numbertobigint: RangeError when not integral. */
Value NumberToBigInt(Context *ctx, double d);
/* StringToBigInt — #sec-stringtobigint: a BigInt, VAL_UNDEFINED when s is
 * not a StringIntegerLiteral, or VAL_EXCEPTION (size limit). */
Value StringToBigInt(Context *ctx, String *s);
/* ToBigInt — #sec-tobigint */
Value ToBigInt(Context *ctx, Value v);
/* ToBigInt64 — #sec-tobigint64 / ToBigUint64 — #sec-tobiguint64 */
int ToBigInt64(Context *ctx, Value v, int64_t *out);
int ToBigUint64(Context *ctx, Value v, uint64_t *out);

#endif
