/*
 * value.h — NaN-boxed 8-byte values (DESIGN.md §3).
 *
 * A Value is 64 bits. Doubles are stored as their IEEE bits; every NaN is
 * canonicalized to 0x7FF8000000000000, so the top 16 bits of a double are
 * always < 0xFFF9. Everything else lives in that unused NaN space:
 *
 *   top 16 bits   meaning            low 48 bits
 *   < 0xFFF9      double             (the double itself)
 *   0xFFF9        int32              low 32 bits
 *   0xFFFA        special            0 undefined, 1 null, 2 false, 3 true,
 *                                    4 hole, 5 uninitialized, 6 exception,
 *                                    7 empty
 *   0xFFFB        Object *           pointer
 *   0xFFFC        String *           pointer
 *   0xFFFD        Symbol *           pointer
 *   0xFFFE        BigInt *           pointer
 *   0xFFFF        other heap Cell *  pointer (internal; never seen by JS)
 *
 * Invariants:
 *  - is_number(v) covers int32 and double; an integral double in int32
 *    range MAY be stored either way: compare numbers with num_value().
 *  - hole (array holes), uninitialized (TDZ), exception (abrupt completion
 *    marker) and empty (spec's ~empty~) never escape to JavaScript.
 *  - VAL_EXCEPTION as a return value means "an exception is pending in the
 *    runtime" (rt->exception).
 */
#ifndef MICA_VALUE_H
#define MICA_VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

typedef uint64_t Value;

struct Cell;
struct Object;
struct String;
struct Symbol;
struct BigInt;

#define TAG_SHIFT 48
#define TAG_INT 0xFFF9u
#define TAG_SPECIAL 0xFFFAu
#define TAG_OBJECT 0xFFFBu
#define TAG_STRING 0xFFFCu
#define TAG_SYMBOL 0xFFFDu
#define TAG_BIGINT 0xFFFEu
#define TAG_CELL 0xFFFFu

#define MAKE_TAGGED(tag, payload) (((uint64_t)(tag) << TAG_SHIFT) | (uint64_t)(payload))
#define PAYLOAD_MASK 0x0000FFFFFFFFFFFFull

#define VAL_UNDEFINED MAKE_TAGGED(TAG_SPECIAL, 0)
#define VAL_NULL MAKE_TAGGED(TAG_SPECIAL, 1)
#define VAL_FALSE MAKE_TAGGED(TAG_SPECIAL, 2)
#define VAL_TRUE MAKE_TAGGED(TAG_SPECIAL, 3)
#define VAL_HOLE MAKE_TAGGED(TAG_SPECIAL, 4)
#define VAL_UNINITIALIZED MAKE_TAGGED(TAG_SPECIAL, 5)
#define VAL_EXCEPTION MAKE_TAGGED(TAG_SPECIAL, 6)
#define VAL_EMPTY MAKE_TAGGED(TAG_SPECIAL, 7)
#define VAL_CANONICAL_NAN 0x7FF8000000000000ull

static inline uint32_t val_tag(Value v) { return (uint32_t)(v >> TAG_SHIFT); }

static inline bool val_is_double(Value v) { return v < ((uint64_t)TAG_INT << TAG_SHIFT); }
static inline bool val_is_int(Value v) { return val_tag(v) == TAG_INT; }
static inline bool val_is_number(Value v) { return v < ((uint64_t)TAG_SPECIAL << TAG_SHIFT); }
static inline bool val_is_undefined(Value v) { return v == VAL_UNDEFINED; }
static inline bool val_is_null(Value v) { return v == VAL_NULL; }
static inline bool val_is_nullish(Value v) { return v == VAL_UNDEFINED || v == VAL_NULL; }
static inline bool val_is_bool(Value v) { return (v | 1) == VAL_TRUE; }
static inline bool val_is_exception(Value v) { return v == VAL_EXCEPTION; }
static inline bool val_is_object(Value v) { return val_tag(v) == TAG_OBJECT; }
static inline bool val_is_string(Value v) { return val_tag(v) == TAG_STRING; }
static inline bool val_is_symbol(Value v) { return val_tag(v) == TAG_SYMBOL; }
static inline bool val_is_bigint(Value v) { return val_tag(v) == TAG_BIGINT; }
static inline bool val_is_cell(Value v) { return val_tag(v) == TAG_CELL; }
/* Any pointer-carrying value (object, string, symbol, bigint, cell). */
static inline bool val_is_heap(Value v) { return v >= ((uint64_t)TAG_OBJECT << TAG_SHIFT); }

static inline Value val_from_int(int32_t i) { return MAKE_TAGGED(TAG_INT, (uint32_t)i); }
static inline int32_t val_to_int(Value v) { return (int32_t)(uint32_t)v; }

static inline Value val_from_double_raw(double d) {
    Value v;
    memcpy(&v, &d, sizeof v);
    return v;
}
/* Boxes a double, canonicalizing NaN. Does not narrow to int32. */
static inline Value val_from_double(double d) {
    if (d != d) return VAL_CANONICAL_NAN;
    return val_from_double_raw(d);
}
static inline double val_to_double(Value v) {
    double d;
    memcpy(&d, &v, sizeof d);
    return d;
}
/* Boxes a number as int32 when it is one (and not -0), else as a double. */
static inline Value val_from_number(double d) {
    if (d >= -2147483648.0 && d <= 2147483647.0) {
        int32_t i = (int32_t)d;
        if ((double)i == d && !(i == 0 && 1.0 / d < 0)) return val_from_int(i);
    }
    return val_from_double(d);
}
/* The numeric value of a number (int32 or double). */
static inline double val_num(Value v) {
    return val_is_int(v) ? (double)val_to_int(v) : val_to_double(v);
}

static inline Value val_from_bool(bool b) { return b ? VAL_TRUE : VAL_FALSE; }
static inline bool val_to_bool_raw(Value v) { return v == VAL_TRUE; } /* v must be a bool */

static inline void *val_ptr(Value v) { return (void *)(uintptr_t)(v & PAYLOAD_MASK); }
static inline Value val_from_object(struct Object *o) { return MAKE_TAGGED(TAG_OBJECT, (uintptr_t)o); }
static inline Value val_from_string(struct String *s) { return MAKE_TAGGED(TAG_STRING, (uintptr_t)s); }
static inline Value val_from_symbol(struct Symbol *s) { return MAKE_TAGGED(TAG_SYMBOL, (uintptr_t)s); }
static inline Value val_from_bigint(struct BigInt *b) { return MAKE_TAGGED(TAG_BIGINT, (uintptr_t)b); }
static inline Value val_from_cell(struct Cell *c) { return MAKE_TAGGED(TAG_CELL, (uintptr_t)c); }
static inline struct Object *val_as_object(Value v) { return (struct Object *)val_ptr(v); }
static inline struct String *val_as_string(Value v) { return (struct String *)val_ptr(v); }
static inline struct Symbol *val_as_symbol(Value v) { return (struct Symbol *)val_ptr(v); }
static inline struct BigInt *val_as_bigint(Value v) { return (struct BigInt *)val_ptr(v); }
static inline struct Cell *val_as_cell(Value v) { return (struct Cell *)val_ptr(v); }

#if defined(__GNUC__)
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#else
#define likely(x) (x)
#define unlikely(x) (x)
#endif

/*
 * Abrupt completions — the spec's `?` and `!`.
 * Every operation that can throw returns a Value (VAL_EXCEPTION when it
 * threw) or an int (negative when it threw). The four propagation macros
 * name the caller's and the callee's convention:
 *   TRY(v)      Value callee, Value-returning caller
 *   TRY_I(i)    int callee,   Value-returning caller
 *   ITRY(v)     Value callee, int-returning caller
 *   ITRY_I(i)   int callee,   int-returning caller
 * MUST(expr) is the spec's `!`: the operation cannot throw here.
 */
#define TRY(v)                                                                                    \
    do {                                                                                          \
        if (unlikely(val_is_exception(v))) return VAL_EXCEPTION;                                  \
    } while (0)
#define TRY_I(i)                                                                                  \
    do {                                                                                          \
        if (unlikely((i) < 0)) return VAL_EXCEPTION;                                              \
    } while (0)
#define ITRY(v)                                                                                   \
    do {                                                                                          \
        if (unlikely(val_is_exception(v))) return -1;                                             \
    } while (0)
#define ITRY_I(i)                                                                                 \
    do {                                                                                          \
        if (unlikely((i) < 0)) return -1;                                                         \
    } while (0)

#include <assert.h>
static inline Value must_not_throw(Value v) {
    assert(!val_is_exception(v));
    return v;
}
#define MUST(expr) must_not_throw(expr)

#endif
