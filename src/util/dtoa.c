/* dtoa.c — Number <-> string conversions exact as ECMAScript requires.
 *
 * Methods, all written for Mica:
 *  - Shortest digits (Number::toString): integers below 2^53 print directly;
 *    other values try Grisu3 (Loitsch, "Printing Floating-Point Numbers
 *    Quickly and Accurately with Integers", PLDI 2010), which either proves
 *    its answer shortest and closest or reports failure (~0.5% of doubles);
 *    failures and non-decimal radixes use the exact Steele & White / Dragon4
 *    digit generation on big integers.
 *  - toFixed / toExponential / toPrecision: the exact decimal expansion of
 *    the double (every double is a finite decimal, at most 767 significant
 *    digits), then round half up on the digit string, which is what "pick
 *    the larger n" means for a non-negative x.
 *  - strtod: Clinger's exact fast path when the digits and the power of ten
 *    are both exact doubles; then a 64-bit estimate (first 19 digits times a
 *    cached power of ten) that decides the rounding whenever its error bound
 *    keeps it clear of a halfway point; otherwise big integers: an exact
 *    integer conversion when the decimal exponent is >= 0, else the estimate
 *    corrected by exact comparisons with the halfway points between
 *    neighbouring doubles. Inputs longer than 800 significant digits are cut
 *    to 800 plus a sticky nonzero digit: no halfway point between doubles
 *    needs more than 767 significant digits, so the cut value lies strictly
 *    on the same side of every halfway point as the full input. */
#include "util/dtoa.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "util/bignum.h"

/* ---- IEEE-754 double anatomy -------------------------------------------- */

#define SIGNIFICAND_BITS 52
#define HIDDEN_BIT ((uint64_t)1 << SIGNIFICAND_BITS)
#define SIGNIFICAND_MASK (HIDDEN_BIT - 1)
#define EXPONENT_BIAS 1075 /* value = significand * 2^(biased - 1075) */
#define MIN_EXPONENT (-1074)
#define MAX_EXPONENT 971 /* exponent of DBL_MAX's 53-bit significand */

static uint64_t double_bits(double v) {
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    return bits;
}

static double bits_double(uint64_t bits) {
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

/* A finite positive double as f * 2^e with f an integer (53 bits for normal
 * numbers). `boundary` is set when the gap to the next lower double is half
 * the gap to the next higher one (f is a power of two above the subnormals). */
typedef struct {
    uint64_t f;
    int e;
    bool boundary;
} decomposed;

static decomposed decompose(double v) {
    uint64_t bits = double_bits(v);
    int biased = (int)((bits >> SIGNIFICAND_BITS) & 0x7FF);
    decomposed d;
    if (biased == 0) {
        d.f = bits & SIGNIFICAND_MASK;
        d.e = MIN_EXPONENT;
        d.boundary = false;
    } else {
        d.f = (bits & SIGNIFICAND_MASK) | HIDDEN_BIT;
        d.e = biased - EXPONENT_BIAS;
        d.boundary = (bits & SIGNIFICAND_MASK) == 0 && biased > 1;
    }
    return d;
}

/* f * 2^e as a double, for f < 2^53 normalized so that f >= 2^52 unless
 * e == MIN_EXPONENT (subnormal or zero); e > MAX_EXPONENT gives Infinity. */
static double compose(uint64_t f, int e) {
    if (e > MAX_EXPONENT) return INFINITY;
    if (f < HIDDEN_BIT) return bits_double(f); /* subnormal or zero */
    return bits_double(((uint64_t)(e + EXPONENT_BIAS) << SIGNIFICAND_BITS) |
                       (f & SIGNIFICAND_MASK));
}

static const char digit_chars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

/* ---- Grisu3 -------------------------------------------------------------- */

/* A "do-it-yourself floating point": f * 2^e with a 64-bit f. */
typedef struct {
    uint64_t f;
    int e;
} diy_fp;

/* Product rounded to the upper 64 bits (error at most half a unit). */
static diy_fp diy_multiply(diy_fp a, diy_fp b) {
    uint64_t a_hi = a.f >> 32, a_lo = a.f & 0xFFFFFFFFu;
    uint64_t b_hi = b.f >> 32, b_lo = b.f & 0xFFFFFFFFu;
    uint64_t hh = a_hi * b_hi, hl = a_hi * b_lo, lh = a_lo * b_hi, ll = a_lo * b_lo;
    uint64_t middle = (ll >> 32) + (hl & 0xFFFFFFFFu) + (lh & 0xFFFFFFFFu);
    middle += (uint64_t)1 << 31; /* round the discarded low half */
    diy_fp r = {hh + (hl >> 32) + (lh >> 32) + (middle >> 32), a.e + b.e + 64};
    return r;
}

static diy_fp diy_normalize(diy_fp x) {
    while (!(x.f & 0xFFC0000000000000u)) {
        x.f <<= 10;
        x.e -= 10;
    }
    while (!(x.f & 0x8000000000000000u)) {
        x.f <<= 1;
        x.e -= 1;
    }
    return x;
}

/* 10^k for k = -348, -340, ..., 340: the 64-bit significand rounded to
 * nearest, its binary exponent, and k. Generated with exact rational
 * arithmetic; the unit test re-derives every entry with bignum.c. */
typedef struct {
    uint64_t f;
    int16_t e;
    int16_t k;
} cached_power;

static const cached_power cached_powers[] = {
    {0xfa8fd5a0081c0288u, -1220, -348}, {0xbaaee17fa23ebf76u, -1193, -340},
    {0x8b16fb203055ac76u, -1166, -332}, {0xcf42894a5dce35eau, -1140, -324},
    {0x9a6bb0aa55653b2du, -1113, -316}, {0xe61acf033d1a45dfu, -1087, -308},
    {0xab70fe17c79ac6cau, -1060, -300}, {0xff77b1fcbebcdc4fu, -1034, -292},
    {0xbe5691ef416bd60cu, -1007, -284}, {0x8dd01fad907ffc3cu, -980, -276},
    {0xd3515c2831559a83u, -954, -268},  {0x9d71ac8fada6c9b5u, -927, -260},
    {0xea9c227723ee8bcbu, -901, -252},  {0xaecc49914078536du, -874, -244},
    {0x823c12795db6ce57u, -847, -236},  {0xc21094364dfb5637u, -821, -228},
    {0x9096ea6f3848984fu, -794, -220},  {0xd77485cb25823ac7u, -768, -212},
    {0xa086cfcd97bf97f4u, -741, -204},  {0xef340a98172aace5u, -715, -196},
    {0xb23867fb2a35b28eu, -688, -188},  {0x84c8d4dfd2c63f3bu, -661, -180},
    {0xc5dd44271ad3cdbau, -635, -172},  {0x936b9fcebb25c996u, -608, -164},
    {0xdbac6c247d62a584u, -582, -156},  {0xa3ab66580d5fdaf6u, -555, -148},
    {0xf3e2f893dec3f126u, -529, -140},  {0xb5b5ada8aaff80b8u, -502, -132},
    {0x87625f056c7c4a8bu, -475, -124},  {0xc9bcff6034c13053u, -449, -116},
    {0x964e858c91ba2655u, -422, -108},  {0xdff9772470297ebdu, -396, -100},
    {0xa6dfbd9fb8e5b88fu, -369, -92},   {0xf8a95fcf88747d94u, -343, -84},
    {0xb94470938fa89bcfu, -316, -76},   {0x8a08f0f8bf0f156bu, -289, -68},
    {0xcdb02555653131b6u, -263, -60},   {0x993fe2c6d07b7facu, -236, -52},
    {0xe45c10c42a2b3b06u, -210, -44},   {0xaa242499697392d3u, -183, -36},
    {0xfd87b5f28300ca0eu, -157, -28},   {0xbce5086492111aebu, -130, -20},
    {0x8cbccc096f5088ccu, -103, -12},   {0xd1b71758e219652cu, -77, -4},
    {0x9c40000000000000u, -50, 4},      {0xe8d4a51000000000u, -24, 12},
    {0xad78ebc5ac620000u, 3, 20},       {0x813f3978f8940984u, 30, 28},
    {0xc097ce7bc90715b3u, 56, 36},      {0x8f7e32ce7bea5c70u, 83, 44},
    {0xd5d238a4abe98068u, 109, 52},     {0x9f4f2726179a2245u, 136, 60},
    {0xed63a231d4c4fb27u, 162, 68},     {0xb0de65388cc8ada8u, 189, 76},
    {0x83c7088e1aab65dbu, 216, 84},     {0xc45d1df942711d9au, 242, 92},
    {0x924d692ca61be758u, 269, 100},    {0xda01ee641a708deau, 295, 108},
    {0xa26da3999aef774au, 322, 116},    {0xf209787bb47d6b85u, 348, 124},
    {0xb454e4a179dd1877u, 375, 132},    {0x865b86925b9bc5c2u, 402, 140},
    {0xc83553c5c8965d3du, 428, 148},    {0x952ab45cfa97a0b3u, 455, 156},
    {0xde469fbd99a05fe3u, 481, 164},    {0xa59bc234db398c25u, 508, 172},
    {0xf6c69a72a3989f5cu, 534, 180},    {0xb7dcbf5354e9beceu, 561, 188},
    {0x88fcf317f22241e2u, 588, 196},    {0xcc20ce9bd35c78a5u, 614, 204},
    {0x98165af37b2153dfu, 641, 212},    {0xe2a0b5dc971f303au, 667, 220},
    {0xa8d9d1535ce3b396u, 694, 228},    {0xfb9b7cd9a4a7443cu, 720, 236},
    {0xbb764c4ca7a44410u, 747, 244},    {0x8bab8eefb6409c1au, 774, 252},
    {0xd01fef10a657842cu, 800, 260},    {0x9b10a4e5e9913129u, 827, 268},
    {0xe7109bfba19c0c9du, 853, 276},    {0xac2820d9623bf429u, 880, 284},
    {0x80444b5e7aa7cf85u, 907, 292},    {0xbf21e44003acdd2du, 933, 300},
    {0x8e679c2f5e44ff8fu, 960, 308},    {0xd433179d9c8cb841u, 986, 316},
    {0x9e19db92b4e31ba9u, 1013, 324},   {0xeb96bf6ebadf77d9u, 1039, 332},
    {0xaf87023b9bf0ee6bu, 1066, 340},
};

#define CACHED_POWERS_COUNT ((int)(sizeof cached_powers / sizeof cached_powers[0]))
#define CACHED_POWERS_FIRST_K (-348)
#define CACHED_POWERS_STEP 8

/* The scaled w*c must have its binary exponent in [ALPHA, GAMMA] so that
 * its integer part fits in 32 bits and the fraction keeps >= 32 bits. */
#define GRISU_ALPHA (-60)
#define GRISU_GAMMA (-32)

int dtoa_cached_power_count(void) {
    return CACHED_POWERS_COUNT;
}
void dtoa_cached_power(int index, unsigned long long *f, int *e, int *k) {
    *f = cached_powers[index].f;
    *e = cached_powers[index].e;
    *k = cached_powers[index].k;
}

/* A cached power 10^k whose binary exponent lies in [min_e, max_e]. The
 * window is 28 binary orders wide and consecutive entries are ~26.6 apart,
 * so one always exists for the exponents doubles produce. */
static cached_power cached_power_for_binary_range(int min_e, int max_e) {
    /* Estimate k from log10(2) (0.30103 rounded up keeps the estimate low). */
    int k_estimate = (int)ceil((min_e + 63) * 0.30102999566398114);
    int index = (k_estimate - CACHED_POWERS_FIRST_K + CACHED_POWERS_STEP - 1) / CACHED_POWERS_STEP;
    if (index < 0) index = 0;
    if (index >= CACHED_POWERS_COUNT) index = CACHED_POWERS_COUNT - 1;
    while (index > 0 && cached_powers[index].e > max_e)
        index--;
    while (index + 1 < CACHED_POWERS_COUNT && cached_powers[index].e < min_e)
        index++;
    return cached_powers[index];
}

/* The largest power of ten <= number (number > 0), and its exponent + 1. */
static void biggest_power_ten(uint32_t number, uint32_t *power, int *exponent_plus_one) {
    static const uint32_t powers[] = {1,      10,      100,      1000,      10000,
                                      100000, 1000000, 10000000, 100000000, 1000000000};
    int i = 9;
    while (i > 0 && powers[i] > number)
        i--;
    *power = powers[i];
    *exponent_plus_one = i + 1;
}

/* Moves the last digit toward w while the candidate stays in the safe
 * interval and gets closer, then checks that the imprecision of the scaled
 * values (`unit`) cannot change the choice or the candidate's safety. All
 * distances are measured down from too_high, in the current digit scale. */
static bool round_weed(char *buffer, int length, uint64_t distance_too_high_w,
                       uint64_t unsafe_interval, uint64_t rest, uint64_t ten_kappa, uint64_t unit) {
    uint64_t small_distance = distance_too_high_w - unit;
    uint64_t big_distance = distance_too_high_w + unit;
    while (rest < small_distance && unsafe_interval - rest >= ten_kappa &&
           (rest + ten_kappa < small_distance ||
            small_distance - rest >= rest + ten_kappa - small_distance)) {
        buffer[length - 1]--;
        rest += ten_kappa;
    }
    /* If the other extreme of w's uncertainty would pick a different last
     * digit, we cannot know which one is closest. */
    if (rest < big_distance && unsafe_interval - rest >= ten_kappa &&
        (rest + ten_kappa < big_distance || big_distance - rest > rest + ten_kappa - big_distance))
        return false;
    return 2 * unit <= rest && rest <= unsafe_interval - 4 * unit;
}

/* Generates the shortest digits of a number inside (low, high), all scaled
 * with the same exponent in [ALPHA, GAMMA]. On success the digits times
 * 10^kappa approximate w. */
static bool digit_gen(diy_fp low, diy_fp w, diy_fp high, char *buffer, int *length, int *kappa) {
    uint64_t unit = 1;
    uint64_t too_low = low.f - unit, too_high = high.f + unit;
    uint64_t unsafe_interval = too_high - too_low;
    int shift = -w.e;
    uint64_t one = (uint64_t)1 << shift;
    uint32_t integrals = (uint32_t)(too_high >> shift);
    uint64_t fractionals = too_high & (one - 1);
    uint32_t divisor;
    int divisor_exponent_plus_one;
    biggest_power_ten(integrals, &divisor, &divisor_exponent_plus_one);
    *kappa = divisor_exponent_plus_one;
    *length = 0;
    while (*kappa > 0) {
        uint32_t digit = integrals / divisor;
        buffer[(*length)++] = (char)('0' + digit);
        integrals %= divisor;
        (*kappa)--;
        uint64_t rest = ((uint64_t)integrals << shift) + fractionals;
        if (rest < unsafe_interval)
            return round_weed(buffer, *length, too_high - w.f, unsafe_interval, rest,
                              (uint64_t)divisor << shift, unit);
        divisor /= 10;
    }
    for (;;) {
        fractionals *= 10;
        unit *= 10;
        unsafe_interval *= 10;
        buffer[(*length)++] = (char)('0' + (fractionals >> shift));
        fractionals &= one - 1;
        (*kappa)--;
        if (fractionals < unsafe_interval)
            return round_weed(buffer, *length, (too_high - w.f) * unit, unsafe_interval,
                              fractionals, one, unit);
    }
}

/* Grisu3 for a finite positive double. Returns false when it cannot prove
 * its result shortest and closest. */
static bool grisu3(double v, char *digits, int *length, int *point) {
    decomposed d = decompose(v);
    diy_fp w = diy_normalize((diy_fp){d.f, d.e});
    diy_fp plus = diy_normalize((diy_fp){(d.f << 1) + 1, d.e - 1});
    diy_fp minus =
        d.boundary ? (diy_fp){(d.f << 2) - 1, d.e - 2} : (diy_fp){(d.f << 1) - 1, d.e - 1};
    minus.f <<= minus.e - plus.e;
    minus.e = plus.e;
    cached_power c =
        cached_power_for_binary_range(GRISU_ALPHA - (w.e + 64), GRISU_GAMMA - (w.e + 64));
    diy_fp c_fp = {c.f, c.e};
    diy_fp scaled_w = diy_multiply(w, c_fp);
    diy_fp scaled_minus = diy_multiply(minus, c_fp);
    diy_fp scaled_plus = diy_multiply(plus, c_fp);
    int kappa;
    if (!digit_gen(scaled_minus, scaled_w, scaled_plus, digits, length, &kappa)) return false;
    *point = *length + kappa - c.k;
    while (*length > 1 && digits[*length - 1] == '0')
        (*length)--;
    return true;
}

/* ---- exact shortest digits (Steele & White / Dragon4) --------------------- */

/* Shortest digits in `radix` of a finite positive double, closest to the
 * exact value among the shortest (an exact tie takes the even last digit).
 * Returns the digit count; *point is n with value = 0.d1d2... * radix^n. */
static int shortest_exact_radix(double v, int radix, char *digits, int cap, int *point) {
    decomposed d = decompose(v);
    /* v = r/s; the halfway points to the neighbours are (r - m_minus)/s and
     * (r + m_plus)/s. An even significand reads back from a halfway point
     * (ties to even), so the interval is closed then. */
    bool inclusive = (d.f & 1) == 0;
    bignum r, s, m_plus, m_minus;
    int extra = d.boundary ? 2 : 1;
    bignum_set_u64(&r, d.f);
    bignum_set_u64(&s, 1);
    bignum_set_u64(&m_minus, 1);
    bignum_set_u64(&m_plus, d.boundary ? 2 : 1);
    if (d.e >= 0) {
        bignum_shift_left(&r, d.e + extra);
        bignum_shift_left(&m_plus, d.e);
        bignum_shift_left(&m_minus, d.e);
        bignum_shift_left(&s, extra);
    } else {
        bignum_shift_left(&r, extra);
        bignum_shift_left(&s, extra - d.e);
    }

    /* Estimate n = ceil(log_radix(v)) from the bit length, never too high;
     * the loop below raises it as needed. */
    int bit_length = d.e;
    for (uint64_t f = d.f; f; f >>= 1)
        bit_length++;
    int n = (int)ceil((bit_length - 1) * (log(2.0) / log((double)radix)) - 1e-9);
    if (n >= 0) {
        bignum_mul_pow(&s, (uint32_t)radix, n);
    } else {
        bignum_mul_pow(&r, (uint32_t)radix, -n);
        bignum_mul_pow(&m_plus, (uint32_t)radix, -n);
        bignum_mul_pow(&m_minus, (uint32_t)radix, -n);
    }
    while (bignum_cmp_sum(&r, &m_plus, &s) >= (inclusive ? 0 : 1)) {
        bignum_mul_u32(&s, (uint32_t)radix);
        n++;
    }

    int length = 0;
    for (;;) {
        bignum_mul_u32(&r, (uint32_t)radix);
        bignum_mul_u32(&m_plus, (uint32_t)radix);
        bignum_mul_u32(&m_minus, (uint32_t)radix);
        int digit = (int)bignum_divmod_small_quotient(&r, &s);
        int low_cmp = bignum_cmp(&r, &m_minus);
        int high_cmp = bignum_cmp_sum(&r, &m_plus, &s);
        bool low_done = inclusive ? low_cmp <= 0 : low_cmp < 0;
        bool high_done = inclusive ? high_cmp >= 0 : high_cmp > 0;
        if (!low_done && !high_done && length + 1 < cap) {
            digits[length++] = (char)digit;
            continue;
        }
        if (low_done && high_done) {
            /* Both prefix+digit and prefix+digit+1 read back: take the closer. */
            bignum twice_r;
            bignum_copy(&twice_r, &r);
            bignum_shift_left(&twice_r, 1);
            int c = bignum_cmp(&twice_r, &s);
            if (c > 0 || (c == 0 && (digit & 1))) digit++;
        } else if (high_done) {
            digit++;
        } else if (!low_done) {
            /* Out of room (cannot happen with the documented caps): round. */
            bignum twice_r;
            bignum_copy(&twice_r, &r);
            bignum_shift_left(&twice_r, 1);
            if (bignum_cmp(&twice_r, &s) >= 0) digit++;
        }
        digits[length++] = (char)digit;
        break;
    }
    /* A rounded-up last digit can equal the radix; carry it. */
    while (length > 0 && digits[length - 1] == radix) {
        length--;
        if (length == 0) {
            digits[length++] = 1;
            n++;
            break;
        }
        digits[length - 1]++;
    }
    while (length > 1 && digits[length - 1] == 0)
        length--;
    for (int i = 0; i < length; i++)
        digits[i] = digit_chars[(int)digits[i]];
    *point = n;
    return length;
}

int dtoa_shortest_exact(double v, char *digits, int *decimal_exponent) {
    return shortest_exact_radix(v, 10, digits, 17, decimal_exponent);
}

/* Digits of an unsigned integer, most significant first; returns the count. */
static int u64_to_digits(uint64_t value, int radix, char *out) {
    char tmp[64];
    int count = 0;
    do {
        tmp[count++] = digit_chars[value % (unsigned)radix];
        value /= (unsigned)radix;
    } while (value);
    for (int i = 0; i < count; i++)
        out[i] = tmp[count - 1 - i];
    return count;
}

/* Largest integer below which every integer-valued double prints as itself. */
#define EXACT_INTEGER_LIMIT 9007199254740992.0 /* 2^53 */

int dtoa_shortest(double v, char *digits, int *decimal_exponent) {
    if (v < EXACT_INTEGER_LIMIT && v == (double)(uint64_t)v) {
        int count = u64_to_digits((uint64_t)v, 10, digits);
        *decimal_exponent = count;
        while (count > 1 && digits[count - 1] == '0')
            count--;
        return count;
    }
    int length;
    if (grisu3(v, digits, &length, decimal_exponent)) return length;
    return dtoa_shortest_exact(v, digits, decimal_exponent);
}

/* ---- Number::toString ----------------------------------------------------- */

static int write_int(char *out, int value) {
    char tmp[12];
    int count = 0;
    unsigned u = value < 0 ? 0u - (unsigned)value : (unsigned)value;
    do {
        tmp[count++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    for (int i = 0; i < count; i++)
        out[i] = tmp[count - 1 - i];
    return count;
}

/* "e+5" / "e-7" */
static int write_exponent(char *out, int exponent) {
    out[0] = 'e';
    out[1] = exponent < 0 ? '-' : '+';
    return 2 + write_int(out + 2, exponent);
}

/* Number::toString step 6: the positional form of k digits with exponent n
 * (value = 0.d1...dk * radix^n). */
static size_t format_positional(const char *digits, int k, int n, char *out) {
    size_t pos = 0;
    if (n >= k) {
        memcpy(out, digits, (size_t)k);
        pos = (size_t)k;
        for (int i = k; i < n; i++)
            out[pos++] = '0';
    } else if (n > 0) {
        memcpy(out, digits, (size_t)n);
        pos = (size_t)n;
        out[pos++] = '.';
        memcpy(out + pos, digits + n, (size_t)(k - n));
        pos += (size_t)(k - n);
    } else {
        out[pos++] = '0';
        out[pos++] = '.';
        for (int i = 0; i < -n; i++)
            out[pos++] = '0';
        memcpy(out + pos, digits, (size_t)k);
        pos += (size_t)k;
    }
    return pos;
}

/* Number::toString ( x, radix ) for radix 10 — #sec-numeric-types-number-tostring */
int dtoa_number_to_string(double v, char *buf) {
    size_t pos = 0;
    if (v != v) {
        memcpy(buf, "NaN", 4);
        return 3;
    }
    if (v == 0) {
        memcpy(buf, "0", 2);
        return 1;
    }
    if (v < 0) {
        buf[pos++] = '-';
        v = -v;
    }
    if (v == INFINITY) {
        memcpy(buf + pos, "Infinity", 9);
        return (int)pos + 8;
    }
    if (v < EXACT_INTEGER_LIMIT && v == (double)(uint64_t)v) {
        pos += (size_t)u64_to_digits((uint64_t)v, 10, buf + pos);
        buf[pos] = '\0';
        return (int)pos;
    }
    char digits[17];
    int n;
    int k = dtoa_shortest(v, digits, &n);
    if (n >= -5 && n <= 21) {
        pos += format_positional(digits, k, n, buf + pos);
    } else {
        buf[pos++] = digits[0];
        if (k > 1) {
            buf[pos++] = '.';
            memcpy(buf + pos, digits + 1, (size_t)(k - 1));
            pos += (size_t)(k - 1);
        }
        pos += (size_t)write_exponent(buf + pos, n - 1);
    }
    buf[pos] = '\0';
    return (int)pos;
}

/* Number::toString ( x, radix ) — #sec-numeric-types-number-tostring */
int dtoa_to_radix_string(double v, int radix, char *buf, size_t cap) {
    char small[DTOA_NUMBER_TO_STRING_MAX];
    if (radix < 2 || radix > 36) return -1;
    if (radix == 10 || v != v || v == 0 || v == INFINITY || v == -INFINITY) {
        int len = dtoa_number_to_string(v, small);
        if ((size_t)len > cap) return -1;
        memcpy(buf, small, (size_t)len);
        return len;
    }
    size_t pos = 0;
    char out[DTOA_RADIX_STRING_CAP];
    if (v < 0) {
        out[pos++] = '-';
        v = -v;
    }
    if (v < EXACT_INTEGER_LIMIT && v == (double)(uint64_t)v) {
        pos += (size_t)u64_to_digits((uint64_t)v, radix, out + pos);
    } else {
        char digits[64]; /* radix 2 needs 53 */
        int n;
        int k = shortest_exact_radix(v, radix, digits, (int)sizeof digits, &n);
        pos += format_positional(digits, k, n, out + pos);
    }
    if (pos > cap) return -1;
    memcpy(buf, out, pos);
    return (int)pos;
}

/* ---- exact decimal expansion and the fixed-format methods ----------------- */

#define EXACT_DIGITS_CAP 800 /* a double has at most 767 significant digits */

/* The exact decimal expansion of a finite positive double, without trailing
 * zeros: value = 0.d1d2...dk * 10^(*point). Returns k. */
static int exact_decimal(double v, char *digits, int *point) {
    decomposed d = decompose(v);
    bignum b;
    bignum_set_u64(&b, d.f);
    int scale = 0; /* value = b * 10^scale */
    if (d.e >= 0) {
        bignum_shift_left(&b, d.e);
    } else {
        /* f * 2^e = f * 5^-e * 10^e */
        bignum_mul_pow5(&b, -d.e);
        scale = d.e;
    }
    int count = bignum_to_decimal(&b, digits, EXACT_DIGITS_CAP);
    *point = count + scale;
    while (count > 1 && digits[count - 1] == '0')
        count--;
    return count;
}

/* The decimal digits of round_half_up(0.d1d2...dk * 10^keep), without
 * leading zeros ("0" for zero). keep may be <= 0 or exceed k. Returns the
 * digit count (keep, keep + 1 after a carry out of the top digit, or 1). */
static int round_half_up(const char *digits, int k, int keep, char *out) {
    if (keep < 0 || (keep == 0 && digits[0] < '5')) {
        out[0] = '0';
        return 1;
    }
    if (keep == 0) {
        out[0] = '1';
        return 1;
    }
    for (int i = 0; i < keep; i++)
        out[i] = i < k ? digits[i] : '0';
    if (keep < k && digits[keep] >= '5') {
        int i = keep - 1;
        while (i >= 0 && out[i] == '9')
            out[i--] = '0';
        if (i >= 0) {
            out[i]++;
        } else {
            memmove(out + 1, out, (size_t)keep);
            out[0] = '1';
            return keep + 1;
        }
    }
    return keep;
}

/* Number.prototype.toFixed steps 6-12 — #sec-number.prototype.tofixed */
int dtoa_fixed(double v, int f, char *buf, size_t cap) {
    char out[DTOA_FORMAT_CAP];
    size_t pos = 0;
    if (f < 0 || f > 100) return -1;
    if (v != v || v == INFINITY || v == -INFINITY || v >= 1e21 || v <= -1e21) {
        int len = dtoa_number_to_string(v, out);
        if ((size_t)len > cap) return -1;
        memcpy(buf, out, (size_t)len);
        return len;
    }
    if (v < 0) {
        out[pos++] = '-';
        v = -v;
    }
    /* n = round_half_up(x * 10^f); m = its digits. */
    char m[DTOA_FORMAT_CAP];
    int m_len;
    if (v == 0) {
        m[0] = '0';
        m_len = 1;
    } else {
        char digits[EXACT_DIGITS_CAP];
        int point;
        int k = exact_decimal(v, digits, &point);
        m_len = round_half_up(digits, k, point + f, m);
    }
    if (f != 0) {
        /* 11.c: pad with zeros to at least f + 1 digits, then a point
         * before the last f. */
        if (m_len <= f) {
            int pad = f + 1 - m_len;
            memmove(m + pad, m, (size_t)m_len);
            memset(m, '0', (size_t)pad);
            m_len = f + 1;
        }
        memcpy(out + pos, m, (size_t)(m_len - f));
        pos += (size_t)(m_len - f);
        out[pos++] = '.';
        memcpy(out + pos, m + (m_len - f), (size_t)f);
        pos += (size_t)f;
    } else {
        memcpy(out + pos, m, (size_t)m_len);
        pos += (size_t)m_len;
    }
    if (pos > cap) return -1;
    memcpy(buf, out, pos);
    return (int)pos;
}

/* The f+1 significant digits and exponent e of x > 0 shared by
 * toExponential (10.a) and toPrecision (10.a): 10^f <= n < 10^(f+1) with
 * n * 10^(e-f) closest to x, the larger on a tie. */
static void significant_digits(double v, int f, char *m, int *e) {
    char digits[EXACT_DIGITS_CAP];
    int point;
    int k = exact_decimal(v, digits, &point);
    int m_len = round_half_up(digits, k, f + 1, m);
    *e = point - 1;
    if (m_len > f + 1) (*e)++; /* carried to 10^(f+1): drop the extra zero */
}

/* Number.prototype.toExponential steps 4, 6-15 — #sec-number.prototype.toexponential */
int dtoa_exponential(double v, int f, char *buf, size_t cap) {
    char out[DTOA_FORMAT_CAP];
    size_t pos = 0;
    if (v != v || v == INFINITY || v == -INFINITY) {
        int len = dtoa_number_to_string(v, out);
        if ((size_t)len > cap) return -1;
        memcpy(buf, out, (size_t)len);
        return len;
    }
    if (f < -1 || f > 100) return -1;
    if (v < 0) {
        out[pos++] = '-';
        v = -v;
    }
    char m[DTOA_FORMAT_CAP];
    int e;
    if (v == 0) {
        if (f < 0) f = 0;
        memset(m, '0', (size_t)f + 1);
        e = 0;
    } else if (f < 0) {
        int n;
        f = dtoa_shortest(v, m, &n) - 1;
        e = n - 1;
    } else {
        significant_digits(v, f, m, &e);
    }
    out[pos++] = m[0];
    if (f != 0) {
        out[pos++] = '.';
        memcpy(out + pos, m + 1, (size_t)f);
        pos += (size_t)f;
    }
    pos += (size_t)write_exponent(out + pos, e);
    if (pos > cap) return -1;
    memcpy(buf, out, pos);
    return (int)pos;
}

/* Number.prototype.toPrecision steps 4, 6-14 — #sec-number.prototype.toprecision */
int dtoa_precision(double v, int p, char *buf, size_t cap) {
    char out[DTOA_FORMAT_CAP];
    size_t pos = 0;
    if (v != v || v == INFINITY || v == -INFINITY) {
        int len = dtoa_number_to_string(v, out);
        if ((size_t)len > cap) return -1;
        memcpy(buf, out, (size_t)len);
        return len;
    }
    if (p < 1 || p > 100) return -1;
    if (v < 0) {
        out[pos++] = '-';
        v = -v;
    }
    char m[DTOA_FORMAT_CAP];
    int e;
    if (v == 0) {
        memset(m, '0', (size_t)p);
        e = 0;
    } else {
        significant_digits(v, p - 1, m, &e);
    }
    if (e < -6 || e >= p) {
        /* 10.c: exponential notation */
        out[pos++] = m[0];
        if (p != 1) {
            out[pos++] = '.';
            memcpy(out + pos, m + 1, (size_t)(p - 1));
            pos += (size_t)(p - 1);
        }
        pos += (size_t)write_exponent(out + pos, e);
    } else if (e == p - 1) {
        memcpy(out + pos, m, (size_t)p);
        pos += (size_t)p;
    } else if (e >= 0) {
        memcpy(out + pos, m, (size_t)e + 1);
        pos += (size_t)e + 1;
        out[pos++] = '.';
        memcpy(out + pos, m + e + 1, (size_t)(p - (e + 1)));
        pos += (size_t)(p - (e + 1));
    } else {
        out[pos++] = '0';
        out[pos++] = '.';
        for (int i = 0; i < -(e + 1); i++)
            out[pos++] = '0';
        memcpy(out + pos, m, (size_t)p);
        pos += (size_t)p;
    }
    if (pos > cap) return -1;
    memcpy(buf, out, pos);
    return (int)pos;
}

/* ---- decimal string -> double --------------------------------------------- */

#define STRTOD_MAX_DIGITS 800

/* 10^0 .. 10^22 are exact doubles. */
static const double exact_powers_of_ten[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                             1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                             1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* A big integer rounded to the nearest double (ties to even). */
static double bignum_to_double(const bignum *b) {
    if (bignum_is_zero(b)) return 0;
    int shift;
    bool sticky;
    uint64_t top = bignum_top64(b, &shift, &sticky);
    uint64_t significand = top >> 11; /* 53 bits */
    uint64_t rest = top & 0x7FF;
    if (rest > 0x400 || (rest == 0x400 && (sticky || (significand & 1)))) significand++;
    int e = shift + 11;
    if (significand == (HIDDEN_BIT << 1)) {
        significand >>= 1;
        e++;
    }
    return compose(significand, e);
}

/* Exact comparison of the decimal S * 10^e10 (e10 < 0; pow5 = 5^-e10) with
 * the binary m * 2^q: returns <0, 0, >0. */
static int compare_decimal_binary(const bignum *s, const bignum *pow5, int e10, uint64_t m, int q) {
    /* S * 2^e10 * 5^e10  vs  m * 2^q  <=>  S * 2^e10  vs  m * 5^-e10 * 2^q */
    bignum lhs, rhs;
    bignum_copy(&lhs, s);
    bignum_copy(&rhs, pow5);
    bignum_mul_u64(&rhs, m);
    if (e10 > q)
        bignum_shift_left(&lhs, e10 - q);
    else
        bignum_shift_left(&rhs, q - e10);
    return bignum_cmp(&lhs, &rhs);
}

/* The double nearest to S * 10^e10 for e10 < 0, starting from `guess`. */
static double correct_guess(const bignum *s, int e10, double guess) {
    bignum pow5;
    bignum_set_u64(&pow5, 1);
    bignum_mul_pow5(&pow5, -e10);
    if (guess == INFINITY) guess = bits_double(0x7FEFFFFFFFFFFFFFu);
    decomposed d = decompose(guess);
    uint64_t m = d.f;
    int q = d.e;
    /* Walk one double at a time; the direction never reverses. */
    for (;;) {
        int c = compare_decimal_binary(s, &pow5, e10, m, q);
        if (c == 0) break;
        if (c > 0) {
            int mid = compare_decimal_binary(s, &pow5, e10, 2 * m + 1, q - 1);
            if (mid < 0 || (mid == 0 && !(m & 1))) break;
            m++;
            if (m == HIDDEN_BIT << 1) {
                m = HIDDEN_BIT;
                q++;
                if (q > MAX_EXPONENT) return INFINITY;
            }
            if (mid == 0) break; /* tie went to the even neighbour above */
        } else {
            bool narrow_below = m == HIDDEN_BIT && q > MIN_EXPONENT;
            int mid = narrow_below ? compare_decimal_binary(s, &pow5, e10, 4 * m - 1, q - 2)
                                   : compare_decimal_binary(s, &pow5, e10, 2 * m - 1, q - 1);
            if (mid > 0 || (mid == 0 && !(m & 1))) break;
            if (narrow_below) {
                m = (HIDDEN_BIT << 1) - 1;
                q--;
            } else {
                m--;
            }
            if (mid == 0) break;
        }
    }
    return compose(m, q);
}

/* Tries to round w * 10^e10 with 64-bit arithmetic, where w holds the
 * first (up to 19) significant digits; any digits cut off add less than one
 * unit of w. The product's relative error is below 2^-59.2 (w cut to 19
 * digits, w >= 10^18: < 2^-59.7; the cached power: <= 2^-64; each of two
 * rounded multiplications: <= 2^-63), so under 27 units of the normalized
 * 64-bit significand; the margin allows 64. Unless the 11 bits dropped to
 * reach 53 are that close to the halfway pattern, they decide the rounding;
 * otherwise (or outside the normal range) this returns false and *guess is
 * a close estimate. Requires -348 <= e10 <= 347 (strtod passes -343..309). */
static bool estimate_decimal(uint64_t w, int e10, double *result, double *guess) {
    const uint64_t error_margin = 64;
    diy_fp x = diy_normalize((diy_fp){w, 0});
    int index = (e10 - CACHED_POWERS_FIRST_K) / CACHED_POWERS_STEP;
    cached_power c = cached_powers[index];
    int remainder = e10 - c.k; /* 0..7: 10^remainder is exact in 64 bits */
    if (remainder > 0) {
        uint64_t small_power = (uint64_t)exact_powers_of_ten[remainder];
        x = diy_multiply(x, diy_normalize((diy_fp){small_power, 0}));
    }
    x = diy_normalize(diy_multiply(x, (diy_fp){c.f, c.e}));
    uint64_t dropped = x.f & 0x7FF;
    uint64_t significand = x.f >> 11;
    int e = x.e + 11;
    uint64_t rounded = significand + (dropped >= 0x400);
    int rounded_e = e;
    if (rounded == HIDDEN_BIT << 1) {
        rounded >>= 1;
        rounded_e++;
    }
    if (rounded_e > MAX_EXPONENT) {
        *guess = INFINITY;
        return false;
    }
    if (e < MIN_EXPONENT) {
        /* Subnormal: fewer significand bits, so a different rounding
         * position; just estimate and let the exact comparison decide. */
        int shift = MIN_EXPONENT - x.e;
        uint64_t m = shift < 64 ? x.f >> shift : 0;
        if (shift <= 64 && ((x.f >> (shift - 1)) & 1)) m++;
        *guess = compose(m, MIN_EXPONENT);
        return false;
    }
    *guess = compose(rounded, rounded_e);
    if (dropped + error_margin >= 0x400 && dropped <= 0x400 + error_margin) return false;
    *result = *guess;
    return true;
}

double dtoa_strtod(const char *s, size_t len) {
    char sig[STRTOD_MAX_DIGITS + 1];
    int sig_count = 0;
    bool sticky = false, any_digit = false, seen_nonzero = false;
    int64_t point = 0; /* value = 0.sig * 10^point (before the exponent part) */
    size_t i = 0;
    for (int part = 0; part < 2; part++) {
        if (part == 1) {
            if (i < len && s[i] == '.')
                i++;
            else
                break;
        }
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            any_digit = true;
            char c = s[i];
            if (!seen_nonzero) {
                if (c == '0') {
                    if (part == 1) point--;
                    continue;
                }
                seen_nonzero = true;
            }
            if (part == 0) point++;
            if (sig_count < STRTOD_MAX_DIGITS)
                sig[sig_count++] = c;
            else if (c != '0')
                sticky = true;
        }
    }
    if (!any_digit) return NAN;
    int64_t exponent = 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool negative = false;
        if (i < len && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
        if (i == len || s[i] < '0' || s[i] > '9') return NAN;
        for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
            if (exponent < 1000000000) exponent = exponent * 10 + (s[i] - '0');
        }
        if (negative) exponent = -exponent;
    }
    if (i != len) return NAN;
    if (!seen_nonzero) return 0;
    if (sticky) {
        sig[sig_count++] = '1'; /* stands for the nonzero digits cut off */
    } else {
        while (sig_count > 1 && sig[sig_count - 1] == '0')
            sig_count--;
    }
    point += exponent;
    /* 0.1 * 10^311 > DBL_MAX;  value < 10^-324 is below half the smallest
     * subnormal (4.94e-324). */
    if (point > 310) return INFINITY;
    if (point < -324) return 0;
    int e10 = (int)point - sig_count; /* value = S * 10^e10 */

    if (sig_count <= 15) { /* S is exact in a double: Clinger's fast path */
        uint64_t w = 0;
        for (int j = 0; j < sig_count; j++)
            w = w * 10 + (uint64_t)(sig[j] - '0');
        double x = (double)w;
        if (e10 >= 0 && e10 <= 22) return x * exact_powers_of_ten[e10];
        if (e10 < 0 && e10 >= -22) return x / exact_powers_of_ten[-e10];
        if (e10 > 22 && e10 - 22 + sig_count <= 15) return x * exact_powers_of_ten[e10 - 22] * 1e22;
    }

    uint64_t leading = 0;
    int leading_count = sig_count < 19 ? sig_count : 19;
    for (int j = 0; j < leading_count; j++)
        leading = leading * 10 + (uint64_t)(sig[j] - '0');
    double result, guess;
    if (estimate_decimal(leading, (int)point - leading_count, &result, &guess)) return result;

    bignum big;
    bignum_set_u64(&big, 0);
    for (int j = 0; j < sig_count;) {
        uint32_t chunk = 0, scale = 1;
        for (int n = 0; n < 9 && j < sig_count; n++, j++) {
            chunk = chunk * 10 + (uint32_t)(sig[j] - '0');
            scale *= 10;
        }
        bignum_mul_u32(&big, scale);
        bignum_add_u32(&big, chunk);
    }
    if (e10 >= 0) {
        bignum_mul_pow10(&big, e10);
        return bignum_to_double(&big);
    }
    return correct_guess(&big, e10, guess);
}

/* ---- radix integer string -> double --------------------------------------- */

static int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

double dtoa_parse_radix_int(const char *s, size_t len, int radix) {
    if (radix < 2 || radix > 36) return NAN;
    size_t i = 0;
    while (i < len && s[i] == '0')
        i++;
    size_t count = len - i;
    int floor_log2 = 0;
    while ((2 << floor_log2) <= radix)
        floor_log2++;
    if (count == 0) return len == 0 ? NAN : 0;
    /* radix^(count-1) >= 2^((count-1)*floor_log2) >= 2^1025 overflows */
    bool overflows = count - 1 >= (size_t)((1025 + floor_log2 - 1) / floor_log2);
    bool fits_u64 = count <= (size_t)(64 / (floor_log2 + 1)); /* radix < 2^(floor_log2+1) */
    uint64_t small = 0;
    bignum big;
    bignum_set_u64(&big, 0);
    for (size_t j = i; j < len; j++) {
        int d = digit_value(s[j]);
        if (d >= radix) return NAN;
        if (fits_u64) {
            small = small * (uint64_t)radix + (uint64_t)d;
        } else if (!overflows) {
            bignum_mul_u32(&big, (uint32_t)radix);
            bignum_add_u32(&big, (uint32_t)d);
        }
    }
    if (fits_u64) return (double)small; /* the conversion rounds to nearest even */
    if (overflows) return INFINITY;
    return bignum_to_double(&big);
}
