/* bignum.c — fixed-capacity unsigned big integers for exact conversions. */
#include "util/bignum.h"

#include <string.h>

static void trim(bignum *b) {
    while (b->len > 0 && b->limb[b->len - 1] == 0)
        b->len--;
}

/* Appends a carry limb, or records overflow if there is no room. */
static void push_limb(bignum *b, uint32_t limb) {
    if (b->len < BIGNUM_LIMBS)
        b->limb[b->len++] = limb;
    else
        b->overflow = true;
}

void bignum_set_u64(bignum *b, uint64_t value) {
    b->overflow = false;
    b->len = 0;
    if (value) b->limb[b->len++] = (uint32_t)value;
    if (value >> 32) b->limb[b->len++] = (uint32_t)(value >> 32);
}

void bignum_copy(bignum *dst, const bignum *src) {
    dst->len = src->len;
    dst->overflow = src->overflow;
    memcpy(dst->limb, src->limb, (size_t)src->len * sizeof(uint32_t));
}

int bignum_bit_length(const bignum *b) {
    if (b->len == 0) return 0;
    uint32_t top = b->limb[b->len - 1];
    int bits = 0;
    while (top) {
        bits++;
        top >>= 1;
    }
    return (b->len - 1) * 32 + bits;
}

void bignum_mul_u32(bignum *b, uint32_t factor) {
    if (factor == 0) {
        b->len = 0;
        return;
    }
    uint64_t carry = 0;
    for (int i = 0; i < b->len; i++) {
        uint64_t product = (uint64_t)b->limb[i] * factor + carry;
        b->limb[i] = (uint32_t)product;
        carry = product >> 32;
    }
    if (carry) push_limb(b, (uint32_t)carry);
}

void bignum_mul_u64(bignum *b, uint64_t factor) {
    uint32_t high = (uint32_t)(factor >> 32);
    if (high == 0) {
        bignum_mul_u32(b, (uint32_t)factor);
        return;
    }
    bignum high_part;
    bignum_copy(&high_part, b);
    bignum_mul_u32(&high_part, high);
    bignum_shift_left(&high_part, 32);
    bignum_mul_u32(b, (uint32_t)factor);
    bignum_add(b, &high_part);
    b->overflow |= high_part.overflow;
}

void bignum_add_u32(bignum *b, uint32_t addend) {
    uint64_t carry = addend;
    for (int i = 0; i < b->len && carry; i++) {
        uint64_t sum = (uint64_t)b->limb[i] + carry;
        b->limb[i] = (uint32_t)sum;
        carry = sum >> 32;
    }
    if (carry) push_limb(b, (uint32_t)carry);
}

void bignum_mul_pow(bignum *b, uint32_t base, int exp) {
    /* Multiply by the largest power of base that fits in 32 bits at a time. */
    uint32_t chunk = base;
    int chunk_exp = 1;
    while ((uint64_t)chunk * base <= UINT32_MAX) {
        chunk *= base;
        chunk_exp++;
    }
    while (exp >= chunk_exp && b->len > 0) {
        bignum_mul_u32(b, chunk);
        exp -= chunk_exp;
    }
    uint32_t rest = 1;
    while (exp-- > 0)
        rest *= base;
    if (rest != 1) bignum_mul_u32(b, rest);
}

void bignum_mul_pow5(bignum *b, int exp) {
    bignum_mul_pow(b, 5, exp);
}

void bignum_mul_pow10(bignum *b, int exp) {
    bignum_mul_pow5(b, exp);
    bignum_shift_left(b, exp);
}

void bignum_shift_left(bignum *b, int bits) {
    if (b->len == 0 || bits <= 0) return;
    int limbs = bits / 32, rem = bits % 32;
    int new_len = (bignum_bit_length(b) + bits + 31) / 32;
    if (new_len > BIGNUM_LIMBS) {
        b->overflow = true;
        new_len = BIGNUM_LIMBS;
    }
    /* Walk downward so each source limb is read before it is overwritten. */
    for (int i = new_len - 1; i >= 0; i--) {
        int src = i - limbs;
        uint32_t high = (src >= 0 && src < b->len) ? b->limb[src] : 0;
        uint32_t low = (src - 1 >= 0 && src - 1 < b->len) ? b->limb[src - 1] : 0;
        b->limb[i] = rem ? (high << rem) | (low >> (32 - rem)) : high;
    }
    b->len = new_len;
    trim(b);
}

int bignum_cmp(const bignum *a, const bignum *b) {
    if (a->len != b->len) return a->len < b->len ? -1 : 1;
    for (int i = a->len - 1; i >= 0; i--) {
        if (a->limb[i] != b->limb[i]) return a->limb[i] < b->limb[i] ? -1 : 1;
    }
    return 0;
}

int bignum_cmp_sum(const bignum *a, const bignum *b, const bignum *c) {
    int len = a->len > b->len ? a->len : b->len;
    if (len + 1 < c->len) return -1;
    if (len > c->len) return 1;
    /* Compare from the top, tracking how much a+b exceeds c at this point
     * (as a borrow-aware difference that must stay in {-1, 0, 1} range or
     * the answer is already decided). */
    int64_t diff = 0;
    for (int i = c->len > len ? c->len - 1 : len - 1; i >= 0; i--) {
        uint64_t ai = i < a->len ? a->limb[i] : 0;
        uint64_t bi = i < b->len ? b->limb[i] : 0;
        uint64_t ci = i < c->len ? c->limb[i] : 0;
        diff = diff * ((int64_t)1 << 32) + (int64_t)(ai + bi) - (int64_t)ci;
        if (diff > 1) return 1;
        if (diff < -1) return -1;
    }
    return diff > 0 ? 1 : diff < 0 ? -1 : 0;
}

void bignum_add(bignum *a, const bignum *b) {
    int len = a->len > b->len ? a->len : b->len;
    for (int i = a->len; i < len; i++)
        a->limb[i] = 0;
    uint64_t carry = 0;
    for (int i = 0; i < len; i++) {
        uint64_t sum = (uint64_t)a->limb[i] + (i < b->len ? b->limb[i] : 0) + carry;
        a->limb[i] = (uint32_t)sum;
        carry = sum >> 32;
    }
    a->len = len;
    if (carry) push_limb(a, (uint32_t)carry);
}

void bignum_sub(bignum *a, const bignum *b) {
    int64_t borrow = 0;
    for (int i = 0; i < a->len; i++) {
        int64_t d = (int64_t)a->limb[i] - (i < b->len ? b->limb[i] : 0) - borrow;
        borrow = d < 0;
        a->limb[i] = (uint32_t)(d + (borrow ? ((int64_t)1 << 32) : 0));
    }
    trim(a);
}

uint32_t bignum_divmod_u32(bignum *b, uint32_t divisor) {
    uint64_t rem = 0;
    for (int i = b->len - 1; i >= 0; i--) {
        uint64_t cur = (rem << 32) | b->limb[i];
        b->limb[i] = (uint32_t)(cur / divisor);
        rem = cur % divisor;
    }
    trim(b);
    return (uint32_t)rem;
}

/* b's limbs at positions top-2..top as a double, scaled by 2^(-32*top). */
static double top_limbs_as_double(const bignum *b, int top) {
    double value = 0;
    for (int i = top; i >= 0 && i >= top - 2; i--) {
        value = value * 4294967296.0 + (i < b->len ? b->limb[i] : 0);
    }
    return value;
}

uint32_t bignum_divmod_small_quotient(bignum *r, const bignum *s) {
    if (bignum_cmp(r, s) < 0) return 0;
    int top = r->len - 1;
    double ratio = top_limbs_as_double(r, top) / top_limbs_as_double(s, top);
    /* The estimate is within one of the true quotient; start one below so
     * the subtraction cannot go negative, then correct upward. */
    uint32_t q = ratio >= 65536 ? 65535 : ratio >= 1 ? (uint32_t)ratio - 1 : 0;
    if (q > 0) {
        bignum scaled;
        bignum_copy(&scaled, s);
        bignum_mul_u32(&scaled, q);
        while (bignum_cmp(&scaled, r) > 0) { /* estimate too high: back off */
            bignum_sub(&scaled, s);
            q--;
        }
        bignum_sub(r, &scaled);
    }
    while (bignum_cmp(r, s) >= 0) {
        bignum_sub(r, s);
        q++;
    }
    return q;
}

/* The 32 bits of b starting at bit position pos (pos >= 0). */
static uint32_t bits_at(const bignum *b, int pos) {
    int index = pos / 32, offset = pos % 32;
    uint32_t low = index < b->len ? b->limb[index] : 0;
    if (offset == 0) return low;
    uint32_t high = index + 1 < b->len ? b->limb[index + 1] : 0;
    return (low >> offset) | (high << (32 - offset));
}

uint64_t bignum_top64(const bignum *b, int *shift, bool *sticky) {
    int bits = bignum_bit_length(b);
    int low_bit = bits - 64; /* position of the lowest bit kept */
    uint64_t result;
    bool lost = false;
    if (low_bit <= 0) {
        result = 0;
        for (int i = b->len - 1; i >= 0; i--)
            result = (result << 32) | b->limb[i];
        result <<= -low_bit;
    } else {
        result = ((uint64_t)bits_at(b, low_bit + 32) << 32) | bits_at(b, low_bit);
        int whole_limbs = low_bit / 32, offset = low_bit % 32;
        for (int i = 0; i < whole_limbs && !lost; i++)
            lost = b->limb[i] != 0;
        if (offset && (b->limb[whole_limbs] & ((1u << offset) - 1))) lost = true;
    }
    *shift = low_bit;
    *sticky = lost;
    return result;
}

int bignum_to_decimal(bignum *b, char *out, size_t cap) {
    if (b->len == 0) {
        if (cap < 1) return -1;
        out[0] = '0';
        return 1;
    }
    /* 9-digit chunks, least significant first. */
    uint32_t chunks[BIGNUM_LIMBS * 32 / 29 + 2];
    int count = 0;
    while (b->len > 0)
        chunks[count++] = bignum_divmod_u32(b, 1000000000u);
    char head[10];
    int head_len = 0;
    for (uint32_t top = chunks[count - 1]; top; top /= 10)
        head[head_len++] = (char)('0' + top % 10);
    size_t total = (size_t)head_len + (size_t)(count - 1) * 9;
    if (total > cap) return -1;
    size_t pos = 0;
    while (head_len > 0)
        out[pos++] = head[--head_len];
    for (int i = count - 2; i >= 0; i--) {
        uint32_t chunk = chunks[i];
        for (int d = 8; d >= 0; d--) {
            out[pos + (size_t)d] = (char)('0' + chunk % 10);
            chunk /= 10;
        }
        pos += 9;
    }
    return (int)total;
}
