/*
 * array.c — the Array constructor, Array.prototype, %ArrayIteratorPrototype%
 * and %IteratorPrototype% (#sec-array-objects, #sec-array-iterator-objects,
 * #sec-%iteratorprototype%-object).
 *
 * Every Array.prototype method is generic: it works on any object through
 * LengthOfArrayLike, Get, Set, HasProperty and DeletePropertyOrThrow, in the
 * order the spec gives (test262 observes it). The element helpers below
 * (get_index, has_index, set_index, create_index) take a shortcut only where
 * the result is provably the same as the generic operation: an own plain
 * data element of an Array or ordinary object lives in its dense `elements`
 * vector (object.h invariant), and reading or overwriting it runs no code.
 *
 * Rooting: loops over unbounded lengths reset a handle scope at the top of
 * every iteration; values carried from one iteration to the next are either
 * stored in rooted objects or protected again after the reset.
 */
#include <math.h>
#include <stdlib.h>

#include "builtins/arraybuffer.h"
#include "builtins/builtins.h"
#include "builtins/iterator_ops.h"
#include "vm/conv.h"
#include "vm/function.h"
#include "vm/object.h"
#include "vm/string.h"

#define MAX_SAFE_INTEGER 9007199254740991.0 /* 2^53 - 1 */
#define MAX_SAFE_INTEGER_U64 9007199254740991ull
/* Array.prototype.flat nests C calls per nesting level (cyclic arrays and
 * depth Infinity would otherwise recurse without end). */
#define FLATTEN_MAX_DEPTH 10000

/* Poll the host's interrupt handler now and then in long native loops. */
#define POLL_INTERRUPT(k)                                                                          \
    do {                                                                                           \
        if (((k)&0x3FF) == 0 && rt_check_interrupt(ctx) < 0) return VAL_EXCEPTION;                 \
    } while (0)

/* Let O be ? ToObject(this value). */
#define THIS_TO_OBJECT(O)                                                                          \
    Value O##_value_ = ToObject(ctx, this_value);                                                  \
    TRY(O##_value_);                                                                               \
    Object *O = obj_from_value(O##_value_)

/* ---- element access helpers ------------------------------------------------ */

static inline Value number_from_u64(uint64_t n) {
    return val_from_number((double)n);
}

/* ! ToString(𝔽(k)) as a property key. Indices below 2^32 - 1 are index keys;
 * larger integers (generic array-likes up to 2^53 - 1) are atoms. */
static PropKey index_key(Context *ctx, uint64_t k) {
    if (k < 0xFFFFFFFFull) return key_from_index((uint32_t)k);
    String *s = str_from_int(ctx->rt, (int64_t)k);
    if (!s) return KEY_NONE;
    PropKey key = key_from_string(ctx->rt, s);
    if (key != KEY_NONE) gc_protect(ctx->rt, (Value)key);
    return key;
}

/* Classes whose [[Get]], [[HasProperty]] and [[Set]] of an integer key are
 * the ordinary ones (the Array exotic object overrides only "length" and
 * [[DefineOwnProperty]]; %Object.prototype% only [[SetPrototypeOf]]). */
static inline bool ordinary_element_access(const Object *o) {
    return o->cls == &class_array || o->cls == &class_object || o->cls == &class_object_prototype;
}

/* True when o's own property k is a plain data element held in the dense
 * vector: reading it through [[Get]] or [[HasProperty]] runs no code and
 * gives exactly this value. */
static inline bool plain_element(Object *o, uint64_t k, Value *out) {
    if (!ordinary_element_access(o)) return false;
    if ((o->hdr.flags & OBJ_SPARSE) || k >= o->elements_length) return false;
    Value v = o->elements[k];
    if (v == VAL_HOLE) return false;
    *out = v;
    return true;
}

/* No object on o's prototype chain can have an integer-indexed property, so
 * a [[Set]] of an absent index on o cannot meet a setter or a read-only
 * inherited property. */
static bool proto_chain_without_elements(Object *o) {
    for (Object *p = o->proto; p; p = p->proto) {
        if (!ordinary_element_access(p)) return false;
        if ((p->hdr.flags & OBJ_SPARSE) || p->elements_length != 0) return false;
    }
    return true;
}

/* A fresh-looking Array whose next index k is exactly its length and its
 * dense end: defining k appends. */
static bool can_append(Object *o, uint64_t k) {
    return o->cls == &class_array &&
           (o->hdr.flags & (OBJ_SPARSE | OBJ_ARRAY_LENGTH_RO | OBJ_EXTENSIBLE)) == OBJ_EXTENSIBLE &&
           k == o->elements_length && k == array_length(o) && k < 0xFFFFFFFEull;
}

/* ? Get(O, ! ToString(𝔽(k))) */
static Value get_index(Context *ctx, Object *o, uint64_t k) {
    Value v;
    if (plain_element(o, k, &v)) return gc_protect(ctx->rt, v);
    PropKey key = index_key(ctx, k);
    if (key == KEY_NONE) return VAL_EXCEPTION;
    return Get(ctx, o, key);
}

/* ? HasProperty(O, ! ToString(𝔽(k))) */
static Value has_index(Context *ctx, Object *o, uint64_t k) {
    Value v;
    if (plain_element(o, k, &v)) return VAL_TRUE;
    PropKey key = index_key(ctx, k);
    if (key == KEY_NONE) return VAL_EXCEPTION;
    return HasProperty(ctx, o, key);
}

/* ? Set(O, ! ToString(𝔽(k)), v, true) */
static Value set_index(Context *ctx, Object *o, uint64_t k, Value v) {
    Value old;
    if (plain_element(o, k, &old)) {
        /* OrdinarySet on an own writable data property with O as receiver
         * only replaces its value. */
        GC_WRITE_BARRIER(ctx->rt, o, v);
        o->elements[k] = v;
        return VAL_TRUE;
    }
    if (can_append(o, k) && proto_chain_without_elements(o)) {
        if (array_push_fast(ctx, o, v) < 0) return VAL_EXCEPTION;
        return VAL_TRUE;
    }
    PropKey key = index_key(ctx, k);
    if (key == KEY_NONE) return VAL_EXCEPTION;
    return Set(ctx, o, key, v, true);
}

/* ? CreateDataPropertyOrThrow(A, ! ToString(𝔽(k)), v) */
static Value create_index(Context *ctx, Object *a, uint64_t k, Value v) {
    Value old;
    if (plain_element(a, k, &old)) {
        /* Replacing a configurable, writable, enumerable data property by
         * one with the same attributes changes only its value. */
        GC_WRITE_BARRIER(ctx->rt, a, v);
        a->elements[k] = v;
        return VAL_TRUE;
    }
    if (can_append(a, k)) {
        if (array_push_fast(ctx, a, v) < 0) return VAL_EXCEPTION;
        return VAL_TRUE;
    }
    if (a->cls == &class_array &&
        (a->hdr.flags & (OBJ_SPARSE | OBJ_EXTENSIBLE)) == OBJ_EXTENSIBLE &&
        k < a->elements_length && k < array_length(a) && a->elements[k] == VAL_HOLE) {
        /* A new plain element below the length of an extensible Array. */
        GC_WRITE_BARRIER(ctx->rt, a, v);
        a->elements[k] = v;
        return VAL_TRUE;
    }
    PropKey key = index_key(ctx, k);
    if (key == KEY_NONE) return VAL_EXCEPTION;
    return CreateDataPropertyOrThrow(ctx, a, key, v);
}

/* ? DeletePropertyOrThrow(O, ! ToString(𝔽(k))) */
static Value delete_index(Context *ctx, Object *o, uint64_t k) {
    PropKey key = index_key(ctx, k);
    if (key == KEY_NONE) return VAL_EXCEPTION;
    return DeletePropertyOrThrow(ctx, o, key);
}

/* ? Set(O, "length", 𝔽(len), true) */
static Value set_length(Context *ctx, Object *o, uint64_t len) {
    /* Setting a writable Array length to its current value defines the same
     * value again: no change, no code run. */
    if (o->cls == &class_array && !(o->hdr.flags & OBJ_ARRAY_LENGTH_RO) && len == array_length(o))
        return VAL_TRUE;
    return Set(ctx, o, KEY(ctx->rt, length), number_from_u64(len), true);
}

/* ? LengthOfArrayLike(O). An Array's "length" is an own data property that
 * reading runs no code for. */
static Value length_of_array_like(Context *ctx, Object *o, uint64_t *len) {
    if (o->cls == &class_array) {
        *len = array_length(o);
        return VAL_UNDEFINED;
    }
    return LengthOfArrayLike(ctx, o, len);
}

/* The clamp that slice, splice, fill and copyWithin apply to a relative
 * index: -∞ → 0, negative → max(len + rel, 0), else min(rel, len). */
static uint64_t clamp_relative(double rel, uint64_t len) {
    if (rel < 0) {
        double r = (double)len + rel;
        return r <= 0 ? 0 : (uint64_t)r;
    }
    return rel >= (double)len ? len : (uint64_t)rel;
}

/* ? ToIntegerOrInfinity(v) clamped by clamp_relative. */
static int relative_arg(Context *ctx, Value v, uint64_t len, uint64_t *out) {
    double rel;
    ITRY_I(ToIntegerOrInfinity(ctx, v, &rel));
    *out = clamp_relative(rel, len);
    return 0;
}

static Value require_callable(Context *ctx, Value f, const char *method) {
    if (!val_is_callable(f))
        return throw_type_error(ctx, "Array.prototype.%s: callback is not a function", method);
    return VAL_UNDEFINED;
}

/* ---- Array ( ...values ) — #sec-array ----------------------------------------- */

static Value array_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    /* 1. NewTarget, or the active function object (ctx is its realm). */
    Value nt = val_is_undefined(new_target) ? ctx_intrinsic(ctx, INTR_Array) : new_target;
    /* 2. */
    Object *proto = GetPrototypeFromConstructor(ctx, nt, INTR_ArrayPrototype);
    if (!proto) return VAL_EXCEPTION;
    /* 4. */
    if (argc == 0) {
        Object *a = ArrayCreate(ctx, 0, proto);
        return a ? val_from_object(a) : VAL_EXCEPTION;
    }
    /* 5. */
    if (argc == 1) {
        Value len = argv[0];
        if (!val_is_number(len)) {
            Object *a = ArrayCreate(ctx, 0, proto);
            if (!a) return VAL_EXCEPTION;
            TRY(CreateDataPropertyOrThrow(ctx, a, key_from_index(0), len));
            return val_from_object(a);
        }
        double d = val_num(len);
        uint32_t int_len = double_to_uint32(d);
        if ((double)int_len != d) return throw_range_error(ctx, "Invalid array length");
        /* ArrayCreate(0) followed by ! Set(array, "length", intLen) is an
         * empty array of that length. */
        Object *a = ArrayCreate(ctx, int_len, proto);
        return a ? val_from_object(a) : VAL_EXCEPTION;
    }
    /* 6. */
    Object *a = ArrayCreate(ctx, (uint64_t)argc, proto);
    if (!a) return VAL_EXCEPTION;
    for (int k = 0; k < argc; k++)
        TRY(create_index(ctx, a, (uint64_t)k, argv[k]));
    return val_from_object(a);
}

/* A = IsConstructor(C) ? ? Construct(C, args) : ? ArrayCreate(len). */
static Value construct_or_array_create(Context *ctx, Value c, int argc, const Value *argv,
                                       uint64_t len) {
    if (val_is_constructor(c)) return Construct(ctx, c, argc, argv, VAL_UNDEFINED);
    Object *a = ArrayCreate(ctx, len, NULL);
    return a ? val_from_object(a) : VAL_EXCEPTION;
}

/* Array.from ( items [ , mapper [ , thisArg ] ] ) — #sec-array.from */
static Value array_from(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Value c = this_value, items = ARG(0), mapper = ARG(1), this_arg = ARG(2);
    /* 2-3. */
    bool mapping = !val_is_undefined(mapper);
    if (mapping && !val_is_callable(mapper))
        return throw_type_error(ctx, "Array.from: mapper is not a function");
    /* 4. */
    Value using_iterator = GetMethod(ctx, items, KEY_SYM(rt, iterator));
    TRY(using_iterator);
    /* 5. */
    if (!val_is_undefined(using_iterator)) {
        Value av = construct_or_array_create(ctx, c, 0, &this_arg, 0); /* no arguments */
        TRY(av);
        Object *a = obj_from_value(av);
        IteratorRecord rec;
        TRY_I(GetIteratorFromMethod(ctx, items, using_iterator, &rec));
        HandleMark mark = gc_scope_open(rt);
        for (uint64_t k = 0;; k++) {
            gc_scope_close(rt, mark); /* drop the previous step's temporaries */
            if (k >= MAX_SAFE_INTEGER_U64) {
                throw_type_error(ctx, "Array.from: too many elements");
                return IteratorClose(ctx, &rec, VAL_EXCEPTION);
            }
            Value next = IteratorStepValue(ctx, &rec);
            TRY(next);
            if (next == ITER_DONE) {
                TRY(set_length(ctx, a, k));
                return av;
            }
            Value mapped = next;
            if (mapping) {
                Value args[2] = {next, number_from_u64(k)};
                mapped = Call(ctx, mapper, this_arg, 2, args);
                if (val_is_exception(mapped)) return IteratorClose(ctx, &rec, VAL_EXCEPTION);
            }
            if (val_is_exception(create_index(ctx, a, k, mapped)))
                return IteratorClose(ctx, &rec, VAL_EXCEPTION);
        }
    }
    /* 7-8. items is an array-like. */
    Value lv = MUST(ToObject(ctx, items));
    Object *array_like = obj_from_value(lv);
    uint64_t len;
    TRY(length_of_array_like(ctx, array_like, &len));
    /* 9-10. */
    Value len_arg = number_from_u64(len);
    Value av = construct_or_array_create(ctx, c, 1, &len_arg, len);
    TRY(av);
    Object *a = obj_from_value(av);
    /* 12. */
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t k = 0; k < len; k++) {
        gc_scope_close(rt, mark);
        Value kv = get_index(ctx, array_like, k);
        TRY(kv);
        if (mapping) {
            Value args[2] = {kv, number_from_u64(k)};
            kv = Call(ctx, mapper, this_arg, 2, args);
            TRY(kv);
        }
        TRY(create_index(ctx, a, k, kv));
    }
    /* 13. */
    TRY(set_length(ctx, a, len));
    return av;
}

/* Array.isArray ( arg ) — #sec-array.isarray */
static Value array_is_array(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    return IsArray(ctx, ARG(0));
}

/* Array.of ( ...items ) — #sec-array.of */
static Value array_of(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                      int magic) {
    uint64_t len = (uint64_t)argc;
    Value len_number = number_from_u64(len);
    Value av = construct_or_array_create(ctx, this_value, 1, &len_number, len);
    TRY(av);
    Object *a = obj_from_value(av);
    for (int k = 0; k < argc; k++)
        TRY(create_index(ctx, a, (uint64_t)k, argv[k]));
    TRY(set_length(ctx, a, len));
    return av;
}

/* get Array [ %Symbol.species% ] — #sec-get-array-%symbol.species% */
static Value array_species(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    return this_value;
}

/* ---- Array.prototype ---------------------------------------------------------- */

/* Array.prototype.at ( index ) — #sec-array.prototype.at */
static Value array_at(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                      int magic) {
    THIS_TO_OBJECT(o);
    uint64_t len;
    TRY(length_of_array_like(ctx, o, &len));
    double rel;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &rel));
    double k = rel >= 0 ? rel : (double)len + rel;
    if (k < 0 || k >= (double)len) return VAL_UNDEFINED;
    return get_index(ctx, o, (uint64_t)k);
}

/* IsConcatSpreadable ( O ) — #sec-isconcatspreadable */
static Value IsConcatSpreadable(Context *ctx, Value o) {
    if (!val_is_object(o)) return VAL_FALSE;
    Value spreadable = Get(ctx, obj_from_value(o), KEY_SYM(ctx->rt, isConcatSpreadable));
    TRY(spreadable);
    if (!val_is_undefined(spreadable)) return val_from_bool(ToBoolean(spreadable));
    return IsArray(ctx, o);
}

/* Array.prototype.concat ( ...items ) — #sec-array.prototype.concat */
static Value array_concat(Context *ctx, Value this_value, int argc, const Value *argv,
                          Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    THIS_TO_OBJECT(o);
    Value av = ArraySpeciesCreate(ctx, o, 0);
    TRY(av);
    Object *a = obj_from_value(av);
    uint64_t n = 0;
    /* 4-5. O, then each argument. */
    for (int i = -1; i < argc; i++) {
        Value e = i < 0 ? o_value_ : argv[i];
        Value spreadable = IsConcatSpreadable(ctx, e);
        TRY(spreadable);
        if (spreadable == VAL_TRUE) {
            Object *eo = obj_from_value(e);
            uint64_t len;
            TRY(length_of_array_like(ctx, eo, &len));
            if (n + len > MAX_SAFE_INTEGER_U64)
                return throw_type_error(ctx, "Array.prototype.concat: result is too long");
            HandleMark mark = gc_scope_open(rt);
            for (uint64_t k = 0; k < len; k++, n++) {
                gc_scope_close(rt, mark);
                POLL_INTERRUPT(k);
                Value exists = has_index(ctx, eo, k);
                TRY(exists);
                if (exists == VAL_TRUE) {
                    Value sub = get_index(ctx, eo, k);
                    TRY(sub);
                    TRY(create_index(ctx, a, n, sub));
                }
            }
            gc_scope_close(rt, mark);
        } else {
            if (n >= MAX_SAFE_INTEGER_U64)
                return throw_type_error(ctx, "Array.prototype.concat: result is too long");
            TRY(create_index(ctx, a, n, e));
            n++;
        }
    }
    TRY(set_length(ctx, a, n));
    return av;
}

/* Array.prototype.copyWithin ( target, start [ , end ] ) — #sec-array.prototype.copywithin */
static Value array_copy_within(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    THIS_TO_OBJECT(o);
    uint64_t len, to, from, final;
    TRY(length_of_array_like(ctx, o, &len));
    TRY_I(relative_arg(ctx, ARG(0), len, &to));
    TRY_I(relative_arg(ctx, ARG(1), len, &from));
    if (val_is_undefined(ARG(2)))
        final = len;
    else
        TRY_I(relative_arg(ctx, ARG(2), len, &final));
    /* 15. count = min(final - from, len - to), possibly negative. */
    int64_t count = (int64_t) final - (int64_t)from;
    if ((int64_t)(len - to) < count) count = (int64_t)(len - to);
    int64_t f = (int64_t)from, t = (int64_t)to, direction = 1;
    if (f < t && t < f + count) {
        direction = -1;
        f = f + count - 1;
        t = t + count - 1;
    }
    HandleMark mark = gc_scope_open(rt);
    for (; count > 0; count--, f += direction, t += direction) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(count);
        Value present = has_index(ctx, o, (uint64_t)f);
        TRY(present);
        if (present == VAL_TRUE) {
            Value v = get_index(ctx, o, (uint64_t)f);
            TRY(v);
            TRY(set_index(ctx, o, (uint64_t)t, v));
        } else {
            TRY(delete_index(ctx, o, (uint64_t)t));
        }
    }
    return o_value_;
}

/* The callback loop shared by every, some, forEach, map and filter
 * (#sec-array.prototype.every, .some, .foreach, .map, .filter). */
enum { ITER_EVERY, ITER_SOME, ITER_FOREACH, ITER_MAP, ITER_FILTER };
static const char *const iter_method_names[] = {"every", "some", "forEach", "map", "filter"};

static Value array_iterate(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    THIS_TO_OBJECT(o);
    uint64_t len;
    TRY(length_of_array_like(ctx, o, &len));
    Value callback = ARG(0), this_arg = ARG(1);
    TRY(require_callable(ctx, callback, iter_method_names[magic]));
    Value av = VAL_UNDEFINED;
    Object *a = NULL;
    if (magic == ITER_MAP || magic == ITER_FILTER) {
        av = ArraySpeciesCreate(ctx, o, magic == ITER_MAP ? len : 0);
        TRY(av);
        a = obj_from_value(av);
    }
    uint64_t to = 0;
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t k = 0; k < len; k++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(k);
        Value present = has_index(ctx, o, k);
        TRY(present);
        if (present != VAL_TRUE) continue;
        Value kv = get_index(ctx, o, k);
        TRY(kv);
        Value args[3] = {kv, number_from_u64(k), o_value_};
        Value r = Call(ctx, callback, this_arg, 3, args);
        TRY(r);
        switch (magic) {
        case ITER_EVERY:
            if (!ToBoolean(r)) return VAL_FALSE;
            break;
        case ITER_SOME:
            if (ToBoolean(r)) return VAL_TRUE;
            break;
        case ITER_MAP: TRY(create_index(ctx, a, k, r)); break;
        case ITER_FILTER:
            if (ToBoolean(r)) TRY(create_index(ctx, a, to++, kv));
            break;
        default: break;
        }
    }
    switch (magic) {
    case ITER_EVERY: return VAL_TRUE;
    case ITER_SOME: return VAL_FALSE;
    case ITER_FOREACH: return VAL_UNDEFINED;
    default: return av;
    }
}

/* Array.prototype.fill ( value [ , start [ , end ] ] ) — #sec-array.prototype.fill */
static Value array_fill(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    THIS_TO_OBJECT(o);
    uint64_t len, k, final;
    TRY(length_of_array_like(ctx, o, &len));
    TRY_I(relative_arg(ctx, ARG(1), len, &k));
    if (val_is_undefined(ARG(2)))
        final = len;
    else
        TRY_I(relative_arg(ctx, ARG(2), len, &final));
    Value value = ARG(0);
    HandleMark mark = gc_scope_open(rt);
    for (; k < final; k++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(k);
        TRY(set_index(ctx, o, k, value));
    }
    return o_value_;
}

/* FindViaPredicate ( O, len, direction, predicate, thisArg ) — #sec-findviapredicate
 * magic: bit 0 = descending, bit 1 = return the index. */
static Value array_find(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    static const char *const names[] = {"find", "findLast", "findIndex", "findLastIndex"};
    Runtime *rt = ctx->rt;
    THIS_TO_OBJECT(o);
    uint64_t len;
    TRY(length_of_array_like(ctx, o, &len));
    Value predicate = ARG(0), this_arg = ARG(1);
    if (!val_is_callable(predicate))
        return throw_type_error(ctx, "Array.prototype.%s: predicate is not a function",
                                names[magic]);
    bool descending = magic & 1, want_index = magic & 2;
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t i = 0; i < len; i++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(i);
        uint64_t k = descending ? len - 1 - i : i;
        Value kv = get_index(ctx, o, k);
        TRY(kv);
        Value args[3] = {kv, number_from_u64(k), o_value_};
        Value r = Call(ctx, predicate, this_arg, 3, args);
        TRY(r);
        if (ToBoolean(r)) return want_index ? number_from_u64(k) : kv;
    }
    return want_index ? val_from_int(-1) : VAL_UNDEFINED;
}

/* FlattenIntoArray ( target, source, sourceLen, start, depth [ , mapperFunction [ , thisArg ] ] )
 * — #sec-flattenintoarray. Returns the new targetIndex through *target_index. */
static Value FlattenIntoArray(Context *ctx, Object *target, Object *source, uint64_t source_len,
                              uint64_t *target_index, double depth, Value mapper, Value this_arg,
                              int nesting) {
    Runtime *rt = ctx->rt;
    if (nesting > FLATTEN_MAX_DEPTH)
        return throw_range_error(ctx, "Array.prototype.flat: nesting too deep");
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t si = 0; si < source_len; si++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(si);
        Value exists = has_index(ctx, source, si);
        TRY(exists);
        if (exists != VAL_TRUE) continue;
        Value element = get_index(ctx, source, si);
        TRY(element);
        if (!val_is_undefined(mapper)) {
            Value args[3] = {element, number_from_u64(si), val_from_object(source)};
            element = Call(ctx, mapper, this_arg, 3, args);
            TRY(element);
        }
        Value should_flatten = VAL_FALSE;
        if (depth > 0) {
            should_flatten = IsArray(ctx, element);
            TRY(should_flatten);
        }
        if (should_flatten == VAL_TRUE) {
            double new_depth = isinf(depth) ? depth : depth - 1;
            Object *eo = obj_from_value(element);
            uint64_t element_len;
            TRY(length_of_array_like(ctx, eo, &element_len));
            TRY(FlattenIntoArray(ctx, target, eo, element_len, target_index, new_depth,
                                 VAL_UNDEFINED, VAL_UNDEFINED, nesting + 1));
        } else {
            if (*target_index >= MAX_SAFE_INTEGER_U64)
                return throw_type_error(ctx, "Array.prototype.flat: result is too long");
            TRY(create_index(ctx, target, *target_index, element));
            (*target_index)++;
        }
    }
    gc_scope_close(rt, mark);
    return VAL_UNDEFINED;
}

/* Array.prototype.flat ( [ depth ] ) — #sec-array.prototype.flat */
static Value array_flat(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    THIS_TO_OBJECT(o);
    uint64_t source_len;
    TRY(length_of_array_like(ctx, o, &source_len));
    double depth = 1;
    if (!val_is_undefined(ARG(0))) {
        TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &depth));
        if (depth < 0) depth = 0;
    }
    Value av = ArraySpeciesCreate(ctx, o, 0);
    TRY(av);
    uint64_t target_index = 0;
    TRY(FlattenIntoArray(ctx, obj_from_value(av), o, source_len, &target_index, depth,
                         VAL_UNDEFINED, VAL_UNDEFINED, 0));
    return av;
}

/* Array.prototype.flatMap ( mapperFunction [ , thisArg ] ) — #sec-array.prototype.flatmap */
static Value array_flat_map(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    THIS_TO_OBJECT(o);
    uint64_t source_len;
    TRY(length_of_array_like(ctx, o, &source_len));
    TRY(require_callable(ctx, ARG(0), "flatMap"));
    Value av = ArraySpeciesCreate(ctx, o, 0);
    TRY(av);
    uint64_t target_index = 0;
    TRY(FlattenIntoArray(ctx, obj_from_value(av), o, source_len, &target_index, 1, ARG(0), ARG(1),
                         0));
    return av;
}

/* Array.prototype.includes ( searchElement [ , fromIndex ] ) — #sec-array.prototype.includes
 * Array.prototype.indexOf ( searchElement [ , fromIndex ] ) — #sec-array.prototype.indexof
 * magic 1: includes (SameValueZero, reads holes), 0: indexOf. */
static Value array_index_of(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    bool includes = magic == 1;
    Value not_found = includes ? VAL_FALSE : val_from_int(-1);
    THIS_TO_OBJECT(o);
    uint64_t len;
    TRY(length_of_array_like(ctx, o, &len));
    if (len == 0) return not_found;
    double n;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(1), &n));
    if (n == INFINITY) return not_found;
    uint64_t k;
    if (n >= 0) {
        k = n >= (double)len ? len : (uint64_t)n;
    } else {
        double r = (double)len + n;
        k = r < 0 ? 0 : (uint64_t)r;
    }
    Value search = ARG(0);
    if (len <= 0xFFFFFFFFull && ordinary_element_access(o) && !(o->hdr.flags & OBJ_SPARSE) &&
        proto_chain_without_elements(o)) {
        /* Dense scan: no element read can run code, and an absent element
         * is absent all the way up the prototype chain (Get gives
         * undefined). Below 2^32 - 1 every key is an index, so nothing past
         * the dense vector can be an own property either. */
        uint64_t end = len < o->elements_length ? len : o->elements_length;
        for (; k < end; k++) {
            Value e = o->elements[k];
            if (e == VAL_HOLE) {
                if (includes && val_is_undefined(search)) return VAL_TRUE;
                continue;
            }
            if (includes ? SameValueZero(search, e) : IsStrictlyEqual(search, e))
                return includes ? VAL_TRUE : number_from_u64(k);
        }
        if (k < len && includes && val_is_undefined(search)) return VAL_TRUE;
        return not_found;
    }
    HandleMark mark = gc_scope_open(rt);
    for (; k < len; k++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(k);
        if (!includes) {
            Value present = has_index(ctx, o, k);
            TRY(present);
            if (present != VAL_TRUE) continue;
        }
        Value e = get_index(ctx, o, k);
        TRY(e);
        if (includes ? SameValueZero(search, e) : IsStrictlyEqual(search, e))
            return includes ? VAL_TRUE : number_from_u64(k);
    }
    return not_found;
}

/* Array.prototype.lastIndexOf ( searchElement [ , fromIndex ] ) — #sec-array.prototype.lastindexof
 */
static Value array_last_index_of(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    THIS_TO_OBJECT(o);
    uint64_t len;
    TRY(length_of_array_like(ctx, o, &len));
    if (len == 0) return val_from_int(-1);
    double n = (double)len - 1;
    if (argc >= 2) TRY_I(ToIntegerOrInfinity(ctx, argv[1], &n));
    if (n == -INFINITY) return val_from_int(-1);
    double kd = n >= 0 ? fmin(n, (double)len - 1) : (double)len + n;
    Value search = ARG(0);
    HandleMark mark = gc_scope_open(rt);
    for (int64_t k = (int64_t)kd; k >= 0; k--) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(k);
        Value present = has_index(ctx, o, (uint64_t)k);
        TRY(present);
        if (present != VAL_TRUE) continue;
        Value e = get_index(ctx, o, (uint64_t)k);
        TRY(e);
        if (IsStrictlyEqual(search, e)) return number_from_u64((uint64_t)k);
    }
    return val_from_int(-1);
}

/* Decimal digits of an int32: Number::toString for the int32 fast path. */
static void append_int32(StringBuilder *sb, int32_t i) {
    char buf[12];
    int n = 0;
    uint32_t u = i < 0 ? 0u - (uint32_t)i : (uint32_t)i;
    do {
        buf[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (i < 0) sb_append_unit(sb, '-');
    while (n > 0)
        sb_append_unit(sb, (uint16_t)buf[--n]);
}

/* Array.prototype.join ( separator ) — #sec-array.prototype.join
 * Array.prototype.toLocaleString ( ) — #sec-array.prototype.tolocalestring (magic 1) */
static Value array_join(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    bool locale = magic == 1;
    THIS_TO_OBJECT(o);
    uint64_t len;
    TRY(length_of_array_like(ctx, o, &len));
    String *sep = NULL;
    if (!locale && !val_is_undefined(ARG(0))) {
        sep = ToStringS(ctx, ARG(0));
        if (!sep || !str_flatten(rt, sep)) return VAL_EXCEPTION;
    }
    PropKey to_locale = KEY_NONE;
    if (locale) {
        to_locale = key_from_cstr(rt, "toLocaleString");
        if (to_locale == KEY_NONE) return VAL_EXCEPTION;
        gc_protect(rt, (Value)to_locale);
    }
    StringBuilder sb;
    sb_init(&sb, rt);
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t k = 0; k < len; k++) {
        gc_scope_close(rt, mark);
        if ((k & 0x3FF) == 0 && rt_check_interrupt(ctx) < 0) goto fail;
        if (k > 0) {
            if (sep)
                sb_append_string(&sb, sep);
            else
                sb_append_unit(&sb, ',');
        }
        Value e = get_index(ctx, o, k);
        if (val_is_exception(e)) goto fail;
        if (val_is_nullish(e)) goto check_length;
        if (locale) {
            e = Invoke(ctx, e, to_locale, 0, &e); /* no arguments */
            if (val_is_exception(e)) goto fail;
        }
        if (val_is_string(e)) {
            sb_append_string(&sb, val_as_string(e));
        } else if (val_is_int(e)) {
            append_int32(&sb, val_to_int(e));
        } else {
            String *s = ToStringS(ctx, e);
            if (!s) goto fail;
            sb_append_string(&sb, s);
        }
    check_length:
        if (sb.failed) goto fail_oom;
        if (sb.len > STR_MAX_LENGTH) {
            sb_free(&sb);
            return throw_range_error(ctx, "Invalid string length");
        }
    }
    gc_scope_close(rt, mark);
    String *r = sb_finish(&sb);
    return r ? val_from_string(r) : VAL_EXCEPTION;
fail_oom:
    sb_free(&sb);
    return throw_range_error(ctx, "out of memory");
fail:
    sb_free(&sb);
    return VAL_EXCEPTION;
}

/* Array.prototype.pop ( ) — #sec-array.prototype.pop */
static Value array_pop(Context *ctx, Value this_value, int argc, const Value *argv,
                       Value new_target, int magic) {
    THIS_TO_OBJECT(o);
    uint64_t len;
    TRY(length_of_array_like(ctx, o, &len));
    if (len == 0) {
        TRY(set_length(ctx, o, 0));
        return VAL_UNDEFINED;
    }
    uint64_t new_len = len - 1;
    Value element = get_index(ctx, o, new_len);
    TRY(element);
    TRY(delete_index(ctx, o, new_len));
    TRY(set_length(ctx, o, new_len));
    return element;
}

/* Array.prototype.push ( ...items ) — #sec-array.prototype.push */
static Value array_push(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    THIS_TO_OBJECT(o);
    uint64_t len;
    TRY(length_of_array_like(ctx, o, &len));
    if (len + (uint64_t)argc > MAX_SAFE_INTEGER_U64)
        return throw_type_error(ctx, "Array.prototype.push: length would exceed 2^53 - 1");
    for (int i = 0; i < argc; i++, len++)
        TRY(set_index(ctx, o, len, argv[i]));
    TRY(set_length(ctx, o, len));
    return number_from_u64(len);
}

/* Array.prototype.reduce ( callback [ , initialValue ] ) — #sec-array.prototype.reduce
 * Array.prototype.reduceRight — #sec-array.prototype.reduceright (magic 1) */
static Value array_reduce(Context *ctx, Value this_value, int argc, const Value *argv,
                          Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    bool right = magic == 1;
    const char *name = right ? "reduceRight" : "reduce";
    THIS_TO_OBJECT(o);
    uint64_t len;
    TRY(length_of_array_like(ctx, o, &len));
    Value callback = ARG(0);
    TRY(require_callable(ctx, callback, name));
    if (len == 0 && argc < 2)
        return throw_type_error(ctx, "Array.prototype.%s of empty array with no initial value",
                                name);
    /* i counts visited positions; k = right ? len - 1 - i : i. */
    uint64_t i = 0;
    Value acc = VAL_UNDEFINED;
    HandleMark mark = gc_scope_open(rt);
    if (argc >= 2) {
        acc = argv[1];
    } else {
        bool present = false;
        for (; !present && i < len; i++) {
            gc_scope_close(rt, mark);
            POLL_INTERRUPT(i);
            uint64_t k = right ? len - 1 - i : i;
            Value p = has_index(ctx, o, k);
            TRY(p);
            present = p == VAL_TRUE;
            if (present) {
                acc = get_index(ctx, o, k);
                TRY(acc);
            }
        }
        if (!present)
            return throw_type_error(ctx, "Array.prototype.%s of empty array with no initial value",
                                    name);
    }
    for (; i < len; i++) {
        gc_scope_close(rt, mark);
        gc_protect(rt, acc); /* the accumulator outlives each step's scope */
        POLL_INTERRUPT(i);
        uint64_t k = right ? len - 1 - i : i;
        Value p = has_index(ctx, o, k);
        TRY(p);
        if (p != VAL_TRUE) continue;
        Value kv = get_index(ctx, o, k);
        TRY(kv);
        Value args[4] = {acc, kv, number_from_u64(k), o_value_};
        acc = Call(ctx, callback, VAL_UNDEFINED, 4, args);
        TRY(acc);
    }
    gc_scope_close(rt, mark);
    return gc_protect(rt, acc);
}

/* Array.prototype.reverse ( ) — #sec-array.prototype.reverse */
static Value array_reverse(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    THIS_TO_OBJECT(o);
    uint64_t len;
    TRY(length_of_array_like(ctx, o, &len));
    uint64_t middle = len / 2;
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t lower = 0; lower != middle; lower++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(lower);
        uint64_t upper = len - lower - 1;
        Value lower_value = VAL_UNDEFINED, upper_value = VAL_UNDEFINED;
        Value lower_exists = has_index(ctx, o, lower);
        TRY(lower_exists);
        if (lower_exists == VAL_TRUE) {
            lower_value = get_index(ctx, o, lower);
            TRY(lower_value);
        }
        Value upper_exists = has_index(ctx, o, upper);
        TRY(upper_exists);
        if (upper_exists == VAL_TRUE) {
            upper_value = get_index(ctx, o, upper);
            TRY(upper_value);
        }
        if (lower_exists == VAL_TRUE && upper_exists == VAL_TRUE) {
            TRY(set_index(ctx, o, lower, upper_value));
            TRY(set_index(ctx, o, upper, lower_value));
        } else if (upper_exists == VAL_TRUE) {
            TRY(set_index(ctx, o, lower, upper_value));
            TRY(delete_index(ctx, o, upper));
        } else if (lower_exists == VAL_TRUE) {
            TRY(delete_index(ctx, o, lower));
            TRY(set_index(ctx, o, upper, lower_value));
        }
    }
    return o_value_;
}

/* Array.prototype.shift ( ) — #sec-array.prototype.shift */
static Value array_shift(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    THIS_TO_OBJECT(o);
    uint64_t len;
    TRY(length_of_array_like(ctx, o, &len));
    if (len == 0) {
        TRY(set_length(ctx, o, 0));
        return VAL_UNDEFINED;
    }
    Value first = get_index(ctx, o, 0);
    TRY(first);
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t k = 1; k < len; k++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(k);
        Value present = has_index(ctx, o, k);
        TRY(present);
        if (present == VAL_TRUE) {
            Value v = get_index(ctx, o, k);
            TRY(v);
            TRY(set_index(ctx, o, k - 1, v));
        } else {
            TRY(delete_index(ctx, o, k - 1));
        }
    }
    gc_scope_close(rt, mark);
    TRY(delete_index(ctx, o, len - 1));
    TRY(set_length(ctx, o, len - 1));
    return first;
}

/* Array.prototype.slice ( start, end ) — #sec-array.prototype.slice */
static Value array_slice(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    THIS_TO_OBJECT(o);
    uint64_t len, k, final;
    TRY(length_of_array_like(ctx, o, &len));
    TRY_I(relative_arg(ctx, ARG(0), len, &k));
    if (val_is_undefined(ARG(1)))
        final = len;
    else
        TRY_I(relative_arg(ctx, ARG(1), len, &final));
    uint64_t count = final > k ? final - k : 0;
    Value av = ArraySpeciesCreate(ctx, o, count);
    TRY(av);
    Object *a = obj_from_value(av);
    uint64_t n = 0;
    HandleMark mark = gc_scope_open(rt);
    for (; k < final; k++, n++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(k);
        Value present = has_index(ctx, o, k);
        TRY(present);
        if (present == VAL_TRUE) {
            Value v = get_index(ctx, o, k);
            TRY(v);
            TRY(create_index(ctx, a, n, v));
        }
    }
    gc_scope_close(rt, mark);
    TRY(set_length(ctx, a, n));
    return av;
}

/* ---- sorting ------------------------------------------------------------------ */

/* The items being sorted and what SortCompare needs. Items stay in a rooted
 * ValueArray and the sort permutes indices into it, so a comparator that
 * mutates the array (or anything else) cannot disturb the sort. */
typedef struct SortState {
    Context *ctx;
    Value comparator;  /* undefined: compare by ToString */
    ValueArray *items; /* never undefined here (undefineds are set apart) */
    ValueArray *keys;  /* ToString of primitive items, computed once; VAL_EMPTY otherwise */
} SortState;

/* CompareArrayElements ( x, y, comparator ) — #sec-comparearrayelements
 * Steps 1-3 (undefined) are handled by the caller, which sets undefineds
 * apart: they compare greater than everything and equal to each other. */
static int CompareArrayElements(SortState *st, uint32_t ix, uint32_t iy, int *out) {
    Context *ctx = st->ctx;
    Runtime *rt = ctx->rt;
    Value x = st->items->items[ix], y = st->items->items[iy];
    HandleMark mark = gc_scope_open(rt);
    if (!val_is_undefined(st->comparator)) {
        Value args[2] = {x, y};
        Value r = Call(ctx, st->comparator, VAL_UNDEFINED, 2, args);
        double v;
        if (val_is_exception(r) || ToNumberDouble(ctx, r, &v) < 0) {
            gc_scope_close(rt, mark);
            return -1;
        }
        *out = v < 0 ? -1 : v > 0 ? 1 : 0; /* NaN → +0 */
        gc_scope_close(rt, mark);
        return 0;
    }
    Value xs = st->keys->items[ix];
    if (xs == VAL_EMPTY) {
        xs = ToString(ctx, x);
        if (val_is_exception(xs)) goto fail;
    }
    Value ys = st->keys->items[iy];
    if (ys == VAL_EMPTY) {
        ys = ToString(ctx, y);
        if (val_is_exception(ys)) goto fail;
    }
    int c = str_compare(val_as_string(xs), val_as_string(ys));
    *out = c < 0 ? -1 : c > 0 ? 1 : 0;
    gc_scope_close(rt, mark);
    return 0;
fail:
    gc_scope_close(rt, mark);
    return -1;
}

/* Stable merge sort of perm[0..n) using tmp[0..n) as scratch. Insertion
 * sort below a small run length; -1 when a comparison threw (the sort stops
 * at once, as SortIndexedProperties step 4 requires). */
static int merge_sort(SortState *st, uint32_t *perm, uint32_t *tmp, uint32_t n) {
    if (n <= 8) {
        for (uint32_t i = 1; i < n; i++) {
            uint32_t v = perm[i];
            uint32_t j = i;
            while (j > 0) {
                int c;
                ITRY_I(CompareArrayElements(st, perm[j - 1], v, &c));
                if (c <= 0) break;
                perm[j] = perm[j - 1];
                j--;
            }
            perm[j] = v;
        }
        return 0;
    }
    uint32_t half = n / 2;
    ITRY_I(merge_sort(st, perm, tmp, half));
    ITRY_I(merge_sort(st, perm + half, tmp, n - half));
    /* Already ordered across the seam: nothing to merge. */
    int c;
    ITRY_I(CompareArrayElements(st, perm[half - 1], perm[half], &c));
    if (c <= 0) return 0;
    memcpy(tmp, perm, half * sizeof *perm);
    uint32_t i = 0, j = half, out = 0;
    while (i < half && j < n) {
        ITRY_I(CompareArrayElements(st, tmp[i], perm[j], &c));
        /* Take from the right run only when strictly smaller: stable. */
        if (c > 0)
            perm[out++] = perm[j++];
        else
            perm[out++] = tmp[i++];
    }
    while (i < half)
        perm[out++] = tmp[i++];
    return 0;
}

/* SortIndexedProperties ( obj, len, SortCompare, holes ) — #sec-sortindexedproperties
 * Returns the sorted list as a rooted ValueArray, or NULL when something threw. */
static ValueArray *SortIndexedProperties(Context *ctx, Object *obj, uint64_t len, Value comparator,
                                         bool skip_holes) {
    Runtime *rt = ctx->rt;
    SortState st = {ctx, comparator, NULL, NULL};
    st.items = value_array_new(rt, len < 1024 ? (uint32_t)len : 1024);
    if (!st.items) return NULL;
    st.keys = value_array_new(rt, 0);
    if (!st.keys) return NULL;
    uint64_t undefined_count = 0;
    /* 3. Read the items; undefineds are counted, not stored. */
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t k = 0; k < len; k++) {
        gc_scope_close(rt, mark);
        if ((k & 0x3FF) == 0 && rt_check_interrupt(ctx) < 0) return NULL;
        if (skip_holes) {
            Value present = has_index(ctx, obj, k);
            if (val_is_exception(present)) return NULL;
            if (present != VAL_TRUE) continue;
        }
        Value v = get_index(ctx, obj, k);
        if (val_is_exception(v)) return NULL;
        if (val_is_undefined(v)) {
            undefined_count++;
            continue;
        }
        if (st.items->length >= 0xFFFFFFF0u) {
            throw_range_error(ctx, "Array.prototype.sort: too many elements");
            return NULL;
        }
        if (value_array_push(rt, st.items, v) < 0) return NULL;
    }
    gc_scope_close(rt, mark);
    uint32_t n = st.items->length;
    /* String keys of primitives: ToString of a primitive runs no code, so
     * computing it once per item is unobservable. Symbols are left to the
     * comparison, which throws only if one is actually compared. */
    if (val_is_undefined(comparator) && n > 1) {
        for (uint32_t i = 0; i < n; i++) {
            Value v = st.items->items[i];
            Value key = VAL_EMPTY;
            if (val_is_string(v)) {
                key = v;
            } else if (!val_is_object(v) && !val_is_symbol(v)) {
                key = ToString(ctx, v);
                if (val_is_exception(key)) return NULL;
            }
            if (value_array_push(rt, st.keys, key) < 0) return NULL;
        }
    }
    /* 4. Sort. */
    if (n > 1) {
        size_t bytes = (size_t)n * sizeof(uint32_t);
        uint32_t *perm = gc_malloc(rt, bytes);
        if (!perm) return NULL;
        uint32_t *tmp = gc_malloc(rt, bytes / 2 + sizeof(uint32_t));
        if (!tmp) {
            gc_free(rt, perm, bytes);
            return NULL;
        }
        for (uint32_t i = 0; i < n; i++)
            perm[i] = i;
        int r = merge_sort(&st, perm, tmp, n);
        if (r == 0) {
            /* The sorted list: the items in permutation order. */
            ValueArray *sorted = value_array_new(rt, n);
            if (!sorted) {
                r = -1;
            } else {
                for (uint32_t i = 0; i < n; i++)
                    sorted->items[i] = st.items->items[perm[i]];
                sorted->length = n;
                st.items = sorted;
            }
        }
        gc_free(rt, tmp, bytes / 2 + sizeof(uint32_t));
        gc_free(rt, perm, bytes);
        if (r < 0) return NULL;
    }
    for (uint64_t i = 0; i < undefined_count; i++) {
        if (st.items->length >= 0xFFFFFFF0u) {
            throw_range_error(ctx, "Array.prototype.sort: too many elements");
            return NULL;
        }
        if (value_array_push(rt, st.items, VAL_UNDEFINED) < 0) return NULL;
    }
    return st.items;
}

/* Array.prototype.sort ( comparator ) — #sec-array.prototype.sort */
static Value array_sort(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Value comparator = ARG(0);
    if (!val_is_undefined(comparator) && !val_is_callable(comparator))
        return throw_type_error(ctx, "Array.prototype.sort: comparator must be a function");
    THIS_TO_OBJECT(obj);
    uint64_t len;
    TRY(length_of_array_like(ctx, obj, &len));
    ValueArray *sorted = SortIndexedProperties(ctx, obj, len, comparator, true);
    if (!sorted) return VAL_EXCEPTION;
    uint64_t item_count = sorted->length, j = 0;
    HandleMark mark = gc_scope_open(rt);
    for (; j < item_count; j++) {
        gc_scope_close(rt, mark);
        TRY(set_index(ctx, obj, j, sorted->items[j]));
    }
    for (; j < len; j++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(j);
        TRY(delete_index(ctx, obj, j));
    }
    return obj_value_;
}

/* Array.prototype.toSorted ( comparator ) — #sec-array.prototype.tosorted */
static Value array_to_sorted(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    Value comparator = ARG(0);
    if (!val_is_undefined(comparator) && !val_is_callable(comparator))
        return throw_type_error(ctx, "Array.prototype.toSorted: comparator must be a function");
    THIS_TO_OBJECT(o);
    uint64_t len;
    TRY(length_of_array_like(ctx, o, &len));
    Object *a = ArrayCreate(ctx, len, NULL);
    if (!a) return VAL_EXCEPTION;
    ValueArray *sorted = SortIndexedProperties(ctx, o, len, comparator, false);
    if (!sorted) return VAL_EXCEPTION;
    for (uint32_t j = 0; j < sorted->length; j++)
        TRY(create_index(ctx, a, j, sorted->items[j]));
    return val_from_object(a);
}

/* Array.prototype.splice ( start, deleteCount, ...items ) — #sec-array.prototype.splice */
static Value array_splice(Context *ctx, Value this_value, int argc, const Value *argv,
                          Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    THIS_TO_OBJECT(o);
    uint64_t len, start, delete_count;
    TRY(length_of_array_like(ctx, o, &len));
    TRY_I(relative_arg(ctx, ARG(0), len, &start));
    uint64_t item_count = argc > 2 ? (uint64_t)(argc - 2) : 0;
    const Value *items = argv + 2;
    if (argc == 0) {
        delete_count = 0;
    } else if (argc == 1) {
        delete_count = len - start;
    } else {
        double dc;
        TRY_I(ToIntegerOrInfinity(ctx, argv[1], &dc));
        double max = (double)(len - start);
        delete_count = dc <= 0 ? 0 : dc >= max ? len - start : (uint64_t)dc;
    }
    if (len + item_count - delete_count > MAX_SAFE_INTEGER_U64)
        return throw_type_error(ctx, "Array.prototype.splice: length would exceed 2^53 - 1");
    Value av = ArraySpeciesCreate(ctx, o, delete_count);
    TRY(av);
    Object *a = obj_from_value(av);
    /* 14. Copy out the deleted elements. */
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t k = 0; k < delete_count; k++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(k);
        Value present = has_index(ctx, o, start + k);
        TRY(present);
        if (present == VAL_TRUE) {
            Value v = get_index(ctx, o, start + k);
            TRY(v);
            TRY(create_index(ctx, a, k, v));
        }
    }
    gc_scope_close(rt, mark);
    TRY(set_length(ctx, a, delete_count));
    /* 16-17. Move the tail. */
    if (item_count < delete_count) {
        for (uint64_t k = start; k < len - delete_count; k++) {
            gc_scope_close(rt, mark);
            POLL_INTERRUPT(k);
            uint64_t from = k + delete_count, to = k + item_count;
            Value present = has_index(ctx, o, from);
            TRY(present);
            if (present == VAL_TRUE) {
                Value v = get_index(ctx, o, from);
                TRY(v);
                TRY(set_index(ctx, o, to, v));
            } else {
                TRY(delete_index(ctx, o, to));
            }
        }
        for (uint64_t k = len; k > len - delete_count + item_count; k--) {
            gc_scope_close(rt, mark);
            POLL_INTERRUPT(k);
            TRY(delete_index(ctx, o, k - 1));
        }
    } else if (item_count > delete_count) {
        for (uint64_t k = len - delete_count; k > start; k--) {
            gc_scope_close(rt, mark);
            POLL_INTERRUPT(k);
            uint64_t from = k + delete_count - 1, to = k + item_count - 1;
            Value present = has_index(ctx, o, from);
            TRY(present);
            if (present == VAL_TRUE) {
                Value v = get_index(ctx, o, from);
                TRY(v);
                TRY(set_index(ctx, o, to, v));
            } else {
                TRY(delete_index(ctx, o, to));
            }
        }
    }
    gc_scope_close(rt, mark);
    /* 18-19. Insert the items. */
    for (uint64_t i = 0; i < item_count; i++)
        TRY(set_index(ctx, o, start + i, items[i]));
    TRY(set_length(ctx, o, len - delete_count + item_count));
    return av;
}

/* Array.prototype.toReversed ( ) — #sec-array.prototype.toreversed */
static Value array_to_reversed(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    THIS_TO_OBJECT(o);
    uint64_t len;
    TRY(length_of_array_like(ctx, o, &len));
    Object *a = ArrayCreate(ctx, len, NULL);
    if (!a) return VAL_EXCEPTION;
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t k = 0; k < len; k++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(k);
        Value v = get_index(ctx, o, len - k - 1);
        TRY(v);
        TRY(create_index(ctx, a, k, v));
    }
    return val_from_object(a);
}

/* Array.prototype.toSpliced ( start, skipCount, ...items ) — #sec-array.prototype.tospliced */
static Value array_to_spliced(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    THIS_TO_OBJECT(o);
    uint64_t len, start, skip_count;
    TRY(length_of_array_like(ctx, o, &len));
    TRY_I(relative_arg(ctx, ARG(0), len, &start));
    uint64_t insert_count = argc > 2 ? (uint64_t)(argc - 2) : 0;
    if (argc == 0) {
        skip_count = 0;
    } else if (argc == 1) {
        skip_count = len - start;
    } else {
        double sc;
        TRY_I(ToIntegerOrInfinity(ctx, argv[1], &sc));
        double max = (double)(len - start);
        skip_count = sc <= 0 ? 0 : sc >= max ? len - start : (uint64_t)sc;
    }
    uint64_t new_len = len + insert_count - skip_count;
    if (new_len > MAX_SAFE_INTEGER_U64)
        return throw_type_error(ctx, "Array.prototype.toSpliced: length would exceed 2^53 - 1");
    Object *a = ArrayCreate(ctx, new_len, NULL);
    if (!a) return VAL_EXCEPTION;
    uint64_t i = 0, r = start + skip_count;
    HandleMark mark = gc_scope_open(rt);
    for (; i < start; i++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(i);
        Value v = get_index(ctx, o, i);
        TRY(v);
        TRY(create_index(ctx, a, i, v));
    }
    for (uint64_t j = 0; j < insert_count; j++, i++)
        TRY(create_index(ctx, a, i, argv[2 + j]));
    for (; i < new_len; i++, r++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(i);
        Value v = get_index(ctx, o, r);
        TRY(v);
        TRY(create_index(ctx, a, i, v));
    }
    return val_from_object(a);
}

/* Array.prototype.toString ( ) — #sec-array.prototype.tostring */
static Value array_to_string(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    THIS_TO_OBJECT(array);
    Value func = Get(ctx, array, KEY(ctx->rt, join));
    TRY(func);
    if (!val_is_callable(func)) func = ctx_intrinsic(ctx, INTR_ObjProto_toString);
    return Call(ctx, func, array_value_, 0, &func); /* no arguments */
}

/* Array.prototype.unshift ( ...items ) — #sec-array.prototype.unshift */
static Value array_unshift(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    THIS_TO_OBJECT(o);
    uint64_t len;
    TRY(length_of_array_like(ctx, o, &len));
    uint64_t arg_count = (uint64_t)argc;
    if (arg_count > 0) {
        if (len + arg_count > MAX_SAFE_INTEGER_U64)
            return throw_type_error(ctx, "Array.prototype.unshift: length would exceed 2^53 - 1");
        HandleMark mark = gc_scope_open(rt);
        for (uint64_t k = len; k > 0; k--) {
            gc_scope_close(rt, mark);
            POLL_INTERRUPT(k);
            uint64_t from = k - 1, to = k + arg_count - 1;
            Value present = has_index(ctx, o, from);
            TRY(present);
            if (present == VAL_TRUE) {
                Value v = get_index(ctx, o, from);
                TRY(v);
                TRY(set_index(ctx, o, to, v));
            } else {
                TRY(delete_index(ctx, o, to));
            }
        }
        gc_scope_close(rt, mark);
        for (int j = 0; j < argc; j++)
            TRY(set_index(ctx, o, (uint64_t)j, argv[j]));
    }
    TRY(set_length(ctx, o, len + arg_count));
    return number_from_u64(len + arg_count);
}

/* Array.prototype.with ( index, value ) — #sec-array.prototype.with */
static Value array_with(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    THIS_TO_OBJECT(o);
    uint64_t len;
    TRY(length_of_array_like(ctx, o, &len));
    double rel;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &rel));
    double actual = rel >= 0 ? rel : (double)len + rel;
    if (actual >= (double)len || actual < 0)
        return throw_range_error(ctx, "Array.prototype.with: index out of range");
    uint64_t actual_index = (uint64_t)actual;
    Object *a = ArrayCreate(ctx, len, NULL);
    if (!a) return VAL_EXCEPTION;
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t k = 0; k < len; k++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(k);
        Value v = k == actual_index ? ARG(1) : get_index(ctx, o, k);
        TRY(v);
        TRY(create_index(ctx, a, k, v));
    }
    return val_from_object(a);
}

/* ---- Array Iterator objects — #sec-array-iterator-objects ---------------------- */

typedef struct ArrayIterator {
    Object base;
    Value iterated;      /* [[IteratedArrayLike]]: an object, or undefined when done */
    uint64_t next_index; /* [[ArrayLikeNextIndex]] */
    int kind;            /* [[ArrayLikeIterationKind]]: ArrayIterKind */
} ArrayIterator;

static void array_iterator_trace(Runtime *rt, Object *o) {
    gc_mark_value(rt, ((ArrayIterator *)o)->iterated);
}

const ClassDef class_array_iterator = {
    .id = CLASS_ARRAY_ITERATOR,
    .name = "Array Iterator",
    .ops = NULL,
    .trace = array_iterator_trace,
};

/* CreateArrayIterator ( array, kind ) — #sec-createarrayiterator */
Value CreateArrayIterator(Context *ctx, Object *array, ArrayIterKind kind) {
    ArrayIterator *it = (ArrayIterator *)obj_alloc(
        ctx, &class_array_iterator, ctx_intrinsic_obj(ctx, INTR_ArrayIteratorPrototype),
        sizeof(ArrayIterator));
    if (!it) return VAL_EXCEPTION;
    it->iterated = val_from_object(array);
    it->next_index = 0;
    it->kind = (int)kind;
    return val_from_object(&it->base);
}

/* Array.prototype.entries / keys / values — #sec-array.prototype.entries,
 * #sec-array.prototype.keys, #sec-array.prototype.values (magic: kind) */
static Value array_iterator_method(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    THIS_TO_OBJECT(o);
    return CreateArrayIterator(ctx, o, (ArrayIterKind)magic);
}

/* %ArrayIteratorPrototype%.next ( ) — #sec-%arrayiteratorprototype%.next */
static Value array_iterator_next(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    if (!val_is_object(this_value) || obj_from_value(this_value)->cls != &class_array_iterator)
        return throw_type_error(ctx, "%%ArrayIteratorPrototype%%.next: not an Array Iterator");
    ArrayIterator *it = (ArrayIterator *)obj_from_value(this_value);
    /* 5. */
    if (val_is_undefined(it->iterated)) return CreateIterResultObject(ctx, VAL_UNDEFINED, true);
    Object *array = obj_from_value(it->iterated);
    uint64_t index = it->next_index, len;
    /* 8-9. A TypedArray reads its length through TypedArrayLength and
     * throws when it is out of bounds (or its buffer detached). */
    if (obj_class(array) == CLASS_TYPED_ARRAY) {
        size_t ta_len;
        if (!typed_array_length((const ViewObject *)array, &ta_len))
            return throw_type_error(ctx, "%%ArrayIteratorPrototype%%.next: the TypedArray is "
                                         "detached or out of bounds");
        len = ta_len;
    } else {
        TRY(length_of_array_like(ctx, array, &len));
    }
    /* 10. */
    if (index >= len) {
        it->iterated = VAL_UNDEFINED;
        return CreateIterResultObject(ctx, VAL_UNDEFINED, true);
    }
    /* 11. */
    it->next_index = index + 1;
    Value index_number = number_from_u64(index);
    Value result;
    if (it->kind == ARRAY_ITER_KEYS) {
        result = index_number;
    } else {
        Value element = get_index(ctx, array, index);
        TRY(element);
        if (it->kind == ARRAY_ITER_VALUES) {
            result = element;
        } else {
            Value pair[2] = {index_number, element};
            Object *entry = CreateArrayFromList(ctx, pair, 2);
            if (!entry) return VAL_EXCEPTION;
            result = val_from_object(entry);
        }
    }
    return CreateIterResultObject(ctx, result, false);
}

/* %IteratorPrototype% [ %Symbol.iterator% ] ( ) — #sec-%iteratorprototype%-%symbol.iterator% */
static Value iterator_proto_iterator(Context *ctx, Value this_value, int argc, const Value *argv,
                                     Value new_target, int magic) {
    return this_value;
}

/* ---- installation ------------------------------------------------------------- */

static const BuiltinProp array_ctor_props[] = {
    BP_FUNC("from", array_from, 1),
    BP_FUNC("isArray", array_is_array, 1),
    BP_FUNC("of", array_of, 0),
    BP_GETSET("[Symbol.species]", array_species, NULL),
};

static const BuiltinProp array_proto_props[] = {
    BP_FUNC("at", array_at, 1),
    BP_FUNC("concat", array_concat, 1),
    BP_FUNC("copyWithin", array_copy_within, 2),
    BP_FUNC_MAGIC("entries", array_iterator_method, 0, ARRAY_ITER_ENTRIES),
    BP_FUNC_MAGIC("every", array_iterate, 1, ITER_EVERY),
    BP_FUNC("fill", array_fill, 1),
    BP_FUNC_MAGIC("filter", array_iterate, 1, ITER_FILTER),
    BP_FUNC_MAGIC("find", array_find, 1, 0),
    BP_FUNC_MAGIC("findIndex", array_find, 1, 2),
    BP_FUNC_MAGIC("findLast", array_find, 1, 1),
    BP_FUNC_MAGIC("findLastIndex", array_find, 1, 3),
    BP_FUNC("flat", array_flat, 0),
    BP_FUNC("flatMap", array_flat_map, 1),
    BP_FUNC_MAGIC("forEach", array_iterate, 1, ITER_FOREACH),
    BP_FUNC_MAGIC("includes", array_index_of, 1, 1),
    BP_FUNC_MAGIC("indexOf", array_index_of, 1, 0),
    BP_FUNC_MAGIC("join", array_join, 1, 0),
    BP_FUNC_MAGIC("keys", array_iterator_method, 0, ARRAY_ITER_KEYS),
    BP_FUNC("lastIndexOf", array_last_index_of, 1),
    BP_FUNC_MAGIC("map", array_iterate, 1, ITER_MAP),
    BP_FUNC("pop", array_pop, 0),
    BP_FUNC("push", array_push, 1),
    BP_FUNC_MAGIC("reduce", array_reduce, 1, 0),
    BP_FUNC_MAGIC("reduceRight", array_reduce, 1, 1),
    BP_FUNC("reverse", array_reverse, 0),
    BP_FUNC("shift", array_shift, 0),
    BP_FUNC("slice", array_slice, 2),
    BP_FUNC_MAGIC("some", array_iterate, 1, ITER_SOME),
    BP_FUNC("sort", array_sort, 1),
    BP_FUNC("splice", array_splice, 2),
    BP_FUNC_MAGIC("toLocaleString", array_join, 0, 1),
    BP_FUNC("toReversed", array_to_reversed, 0),
    BP_FUNC("toSorted", array_to_sorted, 1),
    BP_FUNC("toSpliced", array_to_spliced, 2),
    BP_FUNC("toString", array_to_string, 0),
    BP_FUNC("unshift", array_unshift, 1),
    BP_FUNC_MAGIC("values", array_iterator_method, 0, ARRAY_ITER_VALUES),
    BP_FUNC("with", array_with, 2),
};

static const BuiltinProp array_iterator_proto_props[] = {
    BP_FUNC("next", array_iterator_next, 0),
    BP_STR("[Symbol.toStringTag]", "Array Iterator", PROP_CONFIGURABLE),
};

static const BuiltinProp iterator_proto_props[] = {
    BP_FUNC("[Symbol.iterator]", iterator_proto_iterator, 0),
};

static const char *const unscopable_names[] = {
    "at",         "copyWithin",    "entries",   "fill",    "find",     "findIndex",
    "findLast",   "findLastIndex", "flat",      "flatMap", "includes", "keys",
    "toReversed", "toSorted",      "toSpliced", "values",
};

Object *ensure_iterator_prototype(Context *ctx) {
    Value existing = ctx_intrinsic(ctx, INTR_IteratorPrototype);
    if (val_is_object(existing)) return obj_from_value(existing);
    Object *proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!proto) return NULL;
    ctx->intrinsics[INTR_IteratorPrototype] = val_from_object(proto);
    if (builtins_install(ctx, proto, iterator_proto_props, BP_COUNT(iterator_proto_props)) < 0)
        return NULL;
    return proto;
}

int init_array(Context *ctx) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    int r = -1;

    /* %IteratorPrototype% and %ArrayIteratorPrototype% */
    Object *iterator_proto = ensure_iterator_prototype(ctx);
    if (!iterator_proto) goto done;
    Object *array_iterator_proto = obj_new(ctx, iterator_proto);
    if (!array_iterator_proto) goto done;
    ctx->intrinsics[INTR_ArrayIteratorPrototype] = val_from_object(array_iterator_proto);
    if (builtins_install(ctx, array_iterator_proto, array_iterator_proto_props,
                         BP_COUNT(array_iterator_proto_props)) < 0)
        goto done;

    /* %Array.prototype% is itself an Array exotic object
     * (#sec-properties-of-the-array-prototype-object). */
    Object *proto = ArrayCreate(ctx, 0, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!proto) goto done;
    Object *ctor = builtins_make_constructor(ctx, "Array", array_constructor, 1, proto, INTR_Array,
                                             INTR_ArrayPrototype, true);
    if (!ctor) goto done;
    if (builtins_install(ctx, ctor, array_ctor_props, BP_COUNT(array_ctor_props)) < 0) goto done;
    if (builtins_install(ctx, proto, array_proto_props, BP_COUNT(array_proto_props)) < 0) goto done;

    /* Array.prototype[@@iterator] is the same function object as values. */
    Value values_fn;
    uint8_t attrs;
    if (!obj_lookup_own_fast(proto, KEY(rt, values), &values_fn, &attrs)) goto done;
    ctx->intrinsics[INTR_ArrayProto_values] = values_fn;
    if (obj_define_data_fast(ctx, proto, KEY_SYM(rt, iterator), values_fn, PROP_BUILTIN) < 0)
        goto done;

    /* Array.prototype[@@unscopables] — #sec-array.prototype-%symbol.unscopables% */
    Object *unscopables = obj_new(ctx, NULL);
    if (!unscopables) goto done;
    for (size_t i = 0; i < sizeof unscopable_names / sizeof unscopable_names[0]; i++) {
        PropKey key = key_from_cstr(rt, unscopable_names[i]);
        if (key == KEY_NONE) goto done;
        if (obj_define_data_fast(ctx, unscopables, key, VAL_TRUE, PROP_DEFAULT) < 0) goto done;
    }
    if (obj_define_data_fast(ctx, proto, KEY_SYM(rt, unscopables), val_from_object(unscopables),
                             PROP_CONFIGURABLE) < 0)
        goto done;
    r = 0;
done:
    gc_scope_close(rt, mark);
    return r;
}
