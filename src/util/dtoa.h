/* dtoa.h — Mica's own Number <-> string conversions, exact as ECMAScript
 * requires (no libc printf/strtod).
 *
 * Output buffers are plain char arrays, not NUL-terminated unless noted; each
 * function returns the number of chars written. Functions that take `cap`
 * return -1 if cap is too small (the documented minimums always suffice).
 *
 * Shortest digits follow Number::toString step 5 with the recommended NOTE 2
 * refinement: the fewest digits that read back as the same double, and among
 * those the one closest to the exact value (ties to an even last digit). */
#ifndef MICA_DTOA_H
#define MICA_DTOA_H

#include <stddef.h>

/* Longest output of each function, so callers can size buffers. */
#define DTOA_NUMBER_TO_STRING_MAX 32 /* includes a terminating NUL */
#define DTOA_RADIX_STRING_CAP 1100   /* radix 2: 1074 fraction digits */
#define DTOA_FORMAT_CAP 240          /* toFixed/toExponential/toPrecision */

/* Number::toString(x) with radix 10 — #sec-numeric-types-number-tostring.
 * Any double (NaN, ±Infinity, -0 -> "0"). buf must hold >= 32 bytes; the
 * result is NUL-terminated. Returns the length. */
int dtoa_number_to_string(double v, char *buf);

/* Shortest round-trip decimal digits of a finite positive double: writes the
 * digits (no dot, no NUL; at most 17), returns their count k, and sets
 * *decimal_exponent to n so that value = 0.d1d2...dk * 10^n. */
int dtoa_shortest(double v, char *digits, int *decimal_exponent);

/* The same result as dtoa_shortest, always computed with exact big-integer
 * arithmetic (the fast path falls back to it; exposed for testing). */
int dtoa_shortest_exact(double v, char *digits, int *decimal_exponent);

/* Number::toString(x, radix) for radix 2..36 — any double. Non-integers get
 * the shortest digit string in that radix that reads back as the same double.
 * cap >= DTOA_RADIX_STRING_CAP is always enough. Not NUL-terminated. */
int dtoa_to_radix_string(double v, int radix, char *buf, size_t cap);

/* Number.prototype.toFixed steps 6-12 — #sec-number.prototype.tofixed.
 * Returns -1 unless 0 <= f <= 100 (the caller throws the RangeError of step 5
 * first, as the spec checks f before x). NaN/±Infinity and |v| >= 1e21 give
 * Number::toString(v). Not NUL-terminated. cap >= DTOA_FORMAT_CAP suffices. */
int dtoa_fixed(double v, int f, char *buf, size_t cap);

/* Number.prototype.toExponential steps 4, 6-15 — #sec-number.prototype.toexponential.
 * f = digits after the point, 0..100, or -1 when fractionDigits is undefined
 * (as many digits as needed: the shortest round-trip digits). NaN/±Infinity
 * give Number::toString(v) whatever f is (step 4 precedes the range check);
 * otherwise f outside -1..100 returns -1. */
int dtoa_exponential(double v, int f, char *buf, size_t cap);

/* Number.prototype.toPrecision steps 4, 6-14 — #sec-number.prototype.toprecision.
 * 1 <= p <= 100 (else -1), except that NaN/±Infinity give Number::toString(v)
 * whatever p is, as step 4 precedes the range check. */
int dtoa_precision(double v, int p, char *buf, size_t cap);

/* Correctly rounded (ties to even) decimal string -> double, for any input
 * length and exponent. Accepts ASCII: digits, optional '.', digits, optional
 * [eE][+-]digits, with at least one digit before the exponent; no sign, no
 * whitespace, no separators (callers strip them). Malformed input gives NaN. */
double dtoa_strtod(const char *s, size_t len);

/* Integer digits (0-9, a-z, A-Z) in radix 2..36 -> double, correctly rounded.
 * The caller validates the digits; an invalid digit or radix gives NaN. */
double dtoa_parse_radix_int(const char *s, size_t len, int radix);

/* Testing hooks: the cached powers of ten used by the fast shortest path,
 * 10^k ~= f * 2^e with f normalized (top bit set) and rounded to nearest. */
int dtoa_cached_power_count(void);
void dtoa_cached_power(int index, unsigned long long *f, int *e, int *k);

#endif
