/*
 * typedarray_ops.c — %TypedArray%.from/of/@@species and the methods and
 * accessors of %TypedArray.prototype% (#sec-properties-of-the-%typedarrayprototype%-object).
 *
 * Every method re-validates after calling user code that may detach or
 * shrink the buffer, as the spec's steps do; element reads through
 * TypedArrayGetElement give undefined past the current end.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/typedarray.h"
#include "gc/gc.h"
#include "vm/bigint.h"
#include "vm/string.h"

#define PROTO "%TypedArray%.prototype."
#define PROTO_FMT "%%TypedArray%%.prototype."
#define THIS_TA(name)                                                                              \
    size_t len;                                                                                    \
    ViewObject *ta = ValidateTypedArray(ctx, this_value, &len, PROTO name);                        \
    if (!ta) return VAL_EXCEPTION

static Value ta_value(ViewObject *ta) {
    return val_from_object(&ta->base);
}
/* VAL_EXCEPTION when allocating a BigInt element failed. */
static Value get_el(Context *ctx, ViewObject *ta, size_t k) {
    return TypedArrayGetElement(ctx, ta, (double)k);
}
static Value number_of(size_t n) {
    return val_from_number((double)n);
}
static Value set_index(Context *ctx, ViewObject *ta, size_t k, Value v) {
    return Set(ctx, &ta->base, key_from_index((uint32_t)k), v, true);
}

/* Resolves a relative index argument into [0, len] (undefined → dflt). */
static int relative_index(Context *ctx, Value v, size_t len, size_t dflt, size_t *out) {
    if (val_is_undefined(v)) {
        *out = dflt;
        return 0;
    }
    double d;
    if (ToIntegerOrInfinity(ctx, v, &d) < 0) return -1;
    if (d < 0)
        d = d + (double)len < 0 ? 0 : d + (double)len;
    else if (d > (double)len)
        d = (double)len;
    *out = (size_t)d;
    return 0;
}

/* TypedArrayCreateSameType ( exemplar, argumentList ) — #sec-typedarray-create-same-type */
static ViewObject *create_same_type(Context *ctx, ViewObject *exemplar, size_t len) {
    Object *o = typed_array_create_kind(ctx, (TAKind)exemplar->kind, len);
    return (ViewObject *)o;
}

/* ---- accessors ---------------------------------------------------------------------- */

static ViewObject *require_ta(Context *ctx, Value v, const char *name) {
    if (!val_is_object(v) || obj_class(obj_from_value(v)) != CLASS_TYPED_ARRAY) {
        throw_type_error(ctx, PROTO_FMT "%s: this is not a TypedArray", name);
        return NULL;
    }
    return (ViewObject *)obj_from_value(v);
}

enum { TAG_BUFFER, TAG_BYTE_LENGTH, TAG_BYTE_OFFSET, TAG_LENGTH };
static const char *const getter_names[] = {"buffer", "byteLength", "byteOffset", "length"};

/* get %TypedArray%.prototype.{buffer,byteLength,byteOffset,length} —
 * #sec-get-%typedarray%.prototype.buffer and its siblings */
static Value ta_getter(Context *ctx, Value this_value, int argc, const Value *argv,
                       Value new_target, int magic) {
    ViewObject *ta = require_ta(ctx, this_value, getter_names[magic]);
    if (!ta) return VAL_EXCEPTION;
    size_t len;
    bool in_bounds = typed_array_length(ta, &len);
    switch (magic) {
    case TAG_BUFFER: return val_from_object(&ta->buffer->base);
    case TAG_BYTE_LENGTH: return number_of(in_bounds ? len * ta_element_size[ta->kind] : 0);
    case TAG_BYTE_OFFSET: return number_of(in_bounds ? ta->byte_offset : 0);
    default: return number_of(in_bounds ? len : 0);
    }
}

/* get %TypedArray%.prototype [ @@toStringTag ] — #sec-get-%typedarray%.prototype-@@tostringtag */
static Value ta_to_string_tag(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    if (!val_is_object(this_value) || obj_class(obj_from_value(this_value)) != CLASS_TYPED_ARRAY)
        return VAL_UNDEFINED;
    const char *name = ta_names[((ViewObject *)obj_from_value(this_value))->kind];
    String *s = str_new_latin1(ctx->rt, (const uint8_t *)name, strlen(name));
    return s ? val_from_string(s) : VAL_EXCEPTION;
}

static Value ta_species(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    return this_value;
}

/* ---- %TypedArray%.from / of ------------------------------------------------------------ */

/* %TypedArray%.from ( source [ , mapfn [ , thisArg ] ] ) — #sec-%typedarray%.from */
static Value ta_from(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                     int magic) {
    Value C = this_value, source = ARG(0), mapfn = ARG(1), this_arg = ARG(2);
    if (!val_is_constructor(C))
        return throw_type_error(ctx, "%%TypedArray%%.from: this is not a constructor");
    bool mapping = !val_is_undefined(mapfn);
    if (mapping && !val_is_callable(mapfn))
        return throw_type_error(ctx, "%%TypedArray%%.from: mapfn is not callable");
    Value using_iterator = GetMethod(ctx, source, key_from_symbol(wks(ctx->rt, WKS_iterator)));
    TRY(using_iterator);
    ValueArray *values = NULL;
    Object *array_like = NULL;
    uint64_t len;
    if (!val_is_undefined(using_iterator)) {
        IteratorRecord rec;
        TRY_I(GetIteratorFromMethod(ctx, source, using_iterator, &rec));
        values = IteratorToList(ctx, &rec);
        if (!values) return VAL_EXCEPTION;
        len = values->length;
    } else {
        Value o = ToObject(ctx, source);
        TRY(o);
        array_like = obj_from_value(o);
        TRY(LengthOfArrayLike(ctx, array_like, &len));
    }
    Value len_arg = val_from_number((double)len);
    ViewObject *target = TypedArrayCreateFromConstructor(ctx, C, 1, &len_arg, (int64_t)len);
    if (!target) return VAL_EXCEPTION;
    for (uint64_t k = 0; k < len; k++) {
        Value v = values ? values->items[k] : Get(ctx, array_like, key_from_index((uint32_t)k));
        TRY(v);
        if (mapping) {
            Value args[2] = {v, val_from_number((double)k)};
            v = Call(ctx, mapfn, this_arg, 2, args);
            TRY(v);
        }
        TRY(set_index(ctx, target, (size_t)k, v));
    }
    return ta_value(target);
}

/* %TypedArray%.of ( ...items ) — #sec-%typedarray%.of */
static Value ta_of(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                   int magic) {
    if (!val_is_constructor(this_value))
        return throw_type_error(ctx, "%%TypedArray%%.of: this is not a constructor");
    Value len_arg = val_from_int(argc);
    ViewObject *target = TypedArrayCreateFromConstructor(ctx, this_value, 1, &len_arg, argc);
    if (!target) return VAL_EXCEPTION;
    for (int k = 0; k < argc; k++)
        TRY(set_index(ctx, target, (size_t)k, argv[k]));
    return ta_value(target);
}

/* ---- methods ---------------------------------------------------------------------------- */

/* %TypedArray%.prototype.at ( index ) — #sec-%typedarray%.prototype.at */
static Value ta_at(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                   int magic) {
    THIS_TA("at");
    double rel;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &rel));
    double k = rel >= 0 ? rel : (double)len + rel;
    if (k < 0 || k >= (double)len) return VAL_UNDEFINED;
    return get_el(ctx, ta, (size_t)k);
}

enum { IT_EVERY, IT_SOME, IT_FIND, IT_FIND_INDEX, IT_FIND_LAST, IT_FIND_LAST_INDEX, IT_FOR_EACH };
static const char *const iter_names[] = {"every",    "some",          "find",   "findIndex",
                                         "findLast", "findLastIndex", "forEach"};

/* every / some / find / findIndex / findLast / findLastIndex / forEach —
 * #sec-%typedarray%.prototype.every and its siblings */
static Value ta_iterate(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    size_t len;
    ViewObject *ta = ValidateTypedArray(ctx, this_value, &len, iter_names[magic]);
    if (!ta) return VAL_EXCEPTION;
    Value cb = ARG(0), this_arg = ARG(1);
    if (!val_is_callable(cb))
        return throw_type_error(ctx, PROTO_FMT "%s: callback is not callable", iter_names[magic]);
    bool backwards = magic == IT_FIND_LAST || magic == IT_FIND_LAST_INDEX;
    for (size_t i = 0; i < len; i++) {
        size_t k = backwards ? len - 1 - i : i;
        Value v = get_el(ctx, ta, k);
        TRY(v);
        Value args[3] = {v, number_of(k), this_value};
        Value r = Call(ctx, cb, this_arg, 3, args);
        TRY(r);
        bool t = ToBoolean(r);
        switch (magic) {
        case IT_EVERY:
            if (!t) return VAL_FALSE;
            break;
        case IT_SOME:
            if (t) return VAL_TRUE;
            break;
        case IT_FIND:
        case IT_FIND_LAST:
            if (t) return v;
            break;
        case IT_FIND_INDEX:
        case IT_FIND_LAST_INDEX:
            if (t) return number_of(k);
            break;
        default: break;
        }
    }
    switch (magic) {
    case IT_EVERY: return VAL_TRUE;
    case IT_SOME: return VAL_FALSE;
    case IT_FIND_INDEX:
    case IT_FIND_LAST_INDEX: return val_from_int(-1);
    default: return VAL_UNDEFINED;
    }
}

/* %TypedArray%.prototype.fill ( value [ , start [ , end ] ] ) — #sec-%typedarray%.prototype.fill */
static Value ta_fill(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                     int magic) {
    THIS_TA("fill");
    TAElement e;
    TRY_I(ta_to_element(ctx, (TAKind)ta->kind, ARG(0), &e));
    size_t k, final;
    TRY_I(relative_index(ctx, ARG(1), len, 0, &k));
    TRY_I(relative_index(ctx, ARG(2), len, len, &final));
    if (!typed_array_length(ta, &len))
        return throw_type_error(ctx, PROTO_FMT "fill: the TypedArray is detached or out of bounds");
    if (final > len) final = len;
    size_t size = ta_element_size[ta->kind];
    for (; k < final; k++)
        ta_store_element(ta->buffer->data + ta->byte_offset + k * size, (TAKind)ta->kind, &e, true);
    return this_value;
}

enum { SEARCH_INCLUDES, SEARCH_INDEX_OF, SEARCH_LAST_INDEX_OF };

/* includes / indexOf / lastIndexOf — #sec-%typedarray%.prototype.includes and siblings */
static Value ta_search(Context *ctx, Value this_value, int argc, const Value *argv,
                       Value new_target, int magic) {
    static const char *const names[] = {"includes", "indexOf", "lastIndexOf"};
    size_t len;
    ViewObject *ta = ValidateTypedArray(ctx, this_value, &len, names[magic]);
    if (!ta) return VAL_EXCEPTION;
    Value target = ARG(0);
    Value not_found = magic == SEARCH_INCLUDES ? VAL_FALSE : val_from_int(-1);
    if (len == 0) return not_found;
    if (magic == SEARCH_LAST_INDEX_OF) {
        double n = (double)len - 1;
        if (argc > 1) TRY_I(ToIntegerOrInfinity(ctx, argv[1], &n));
        if (n == -INFINITY) return not_found;
        double k = n >= 0 ? fmin(n, (double)len - 1) : (double)len + n;
        for (; k >= 0; k--) {
            Value v = TypedArrayGetElement(ctx, ta, k);
            TRY(v);
            if (!val_is_undefined(v) && IsStrictlyEqual(v, target)) return number_of((size_t)k);
        }
        return not_found;
    }
    double n;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(1), &n));
    if (n == INFINITY) return not_found;
    if (n == -INFINITY) n = 0;
    double k = n >= 0 ? n : fmax((double)len + n, 0);
    for (; k < (double)len; k++) {
        Value v = TypedArrayGetElement(ctx, ta, k);
        TRY(v);
        if (magic == SEARCH_INCLUDES) {
            if (SameValueZero(v, target)) return VAL_TRUE;
        } else if (!val_is_undefined(v) && IsStrictlyEqual(v, target)) {
            return number_of((size_t)k);
        }
    }
    return not_found;
}

/* %TypedArray%.prototype.join ( separator ) — #sec-%typedarray%.prototype.join */
static Value ta_join(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                     int magic) {
    THIS_TA("join");
    String *sep;
    if (val_is_undefined(ARG(0))) {
        sep = str_new_latin1(ctx->rt, (const uint8_t *)",", 1);
    } else {
        sep = ToStringS(ctx, ARG(0));
    }
    if (!sep) return VAL_EXCEPTION;
    StringBuilder sb;
    sb_init(&sb, ctx->rt);
    for (size_t k = 0; k < len; k++) {
        if (k > 0) sb_append_string(&sb, sep);
        Value v = get_el(ctx, ta, k);
        if (val_is_undefined(v)) continue;
        String *s = val_is_exception(v) ? NULL : ToStringS(ctx, v);
        if (!s) {
            sb_free(&sb);
            return VAL_EXCEPTION;
        }
        sb_append_string(&sb, s);
    }
    String *r = sb_finish(&sb);
    return r ? val_from_string(r) : VAL_EXCEPTION;
}

/* %TypedArray%.prototype.toLocaleString ( ) — #sec-%typedarray%.prototype.tolocalestring */
static Value ta_to_locale_string(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    THIS_TA("toLocaleString");
    PropKey key = key_from_cstr(ctx->rt, "toLocaleString");
    if (key == KEY_NONE) return VAL_EXCEPTION;
    StringBuilder sb;
    sb_init(&sb, ctx->rt);
    for (size_t k = 0; k < len; k++) {
        if (k > 0) sb_append_ascii(&sb, ",");
        Value v = get_el(ctx, ta, k);
        if (val_is_undefined(v)) continue;
        Value r = val_is_exception(v) ? v : Invoke(ctx, v, key, 0, NULL);
        String *s = val_is_exception(r) ? NULL : ToStringS(ctx, r);
        if (!s) {
            sb_free(&sb);
            return VAL_EXCEPTION;
        }
        sb_append_string(&sb, s);
    }
    String *r = sb_finish(&sb);
    return r ? val_from_string(r) : VAL_EXCEPTION;
}

/* %TypedArray%.prototype.map ( callback [ , thisArg ] ) — #sec-%typedarray%.prototype.map */
static Value ta_map(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                    int magic) {
    THIS_TA("map");
    Value cb = ARG(0);
    if (!val_is_callable(cb))
        return throw_type_error(ctx, PROTO_FMT "map: callback is not callable");
    Value len_arg = number_of(len);
    ViewObject *a = TypedArraySpeciesCreate(ctx, ta, 1, &len_arg, (int64_t)len);
    if (!a) return VAL_EXCEPTION;
    for (size_t k = 0; k < len; k++) {
        Value v = get_el(ctx, ta, k);
        TRY(v);
        Value args[3] = {v, number_of(k), this_value};
        Value mapped = Call(ctx, cb, ARG(1), 3, args);
        TRY(mapped);
        TRY(set_index(ctx, a, k, mapped));
    }
    return ta_value(a);
}

/* %TypedArray%.prototype.filter ( callback [ , thisArg ] ) — #sec-%typedarray%.prototype.filter */
static Value ta_filter(Context *ctx, Value this_value, int argc, const Value *argv,
                       Value new_target, int magic) {
    THIS_TA("filter");
    Value cb = ARG(0);
    if (!val_is_callable(cb))
        return throw_type_error(ctx, PROTO_FMT "filter: callback is not callable");
    ValueArray *kept = value_array_new(ctx->rt, 8);
    if (!kept) return VAL_EXCEPTION;
    for (size_t k = 0; k < len; k++) {
        Value v = get_el(ctx, ta, k);
        TRY(v);
        Value args[3] = {v, number_of(k), this_value};
        Value r = Call(ctx, cb, ARG(1), 3, args);
        TRY(r);
        if (ToBoolean(r) && value_array_push(ctx->rt, kept, v) < 0) return VAL_EXCEPTION;
    }
    Value len_arg = val_from_int((int32_t)kept->length);
    ViewObject *a = TypedArraySpeciesCreate(ctx, ta, 1, &len_arg, kept->length);
    if (!a) return VAL_EXCEPTION;
    for (uint32_t n = 0; n < kept->length; n++)
        TRY(set_index(ctx, a, n, kept->items[n]));
    return ta_value(a);
}

/* reduce / reduceRight — #sec-%typedarray%.prototype.reduce */
static Value ta_reduce(Context *ctx, Value this_value, int argc, const Value *argv,
                       Value new_target, int magic) {
    const char *name = magic ? "reduceRight" : "reduce";
    size_t len;
    ViewObject *ta = ValidateTypedArray(ctx, this_value, &len, name);
    if (!ta) return VAL_EXCEPTION;
    Value cb = ARG(0);
    if (!val_is_callable(cb))
        return throw_type_error(ctx, PROTO_FMT "%s: callback is not callable", name);
    if (len == 0 && argc < 2)
        return throw_type_error(ctx, PROTO_FMT "%s: empty TypedArray and no initial value", name);
    size_t i = 0;
    Value acc;
    if (argc >= 2) {
        acc = argv[1];
    } else {
        acc = get_el(ctx, ta, magic ? len - 1 : 0);
        TRY(acc);
        i = 1;
    }
    for (; i < len; i++) {
        size_t k = magic ? len - 1 - i : i;
        Value v = get_el(ctx, ta, k);
        TRY(v);
        Value args[4] = {acc, v, number_of(k), this_value};
        acc = Call(ctx, cb, VAL_UNDEFINED, 4, args);
        TRY(acc);
    }
    return acc;
}

/* %TypedArray%.prototype.reverse ( ) — #sec-%typedarray%.prototype.reverse */
static Value ta_reverse(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    THIS_TA("reverse");
    size_t size = ta_element_size[ta->kind];
    uint8_t *base = ta->buffer->data + ta->byte_offset, tmp[8];
    for (size_t lo = 0, hi = len ? len - 1 : 0; lo < hi; lo++, hi--) {
        memcpy(tmp, base + lo * size, size);
        memcpy(base + lo * size, base + hi * size, size);
        memcpy(base + hi * size, tmp, size);
    }
    return this_value;
}

/* %TypedArray%.prototype.toReversed ( ) — #sec-%typedarray%.prototype.toreversed */
static Value ta_to_reversed(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    THIS_TA("toReversed");
    ViewObject *a = create_same_type(ctx, ta, len);
    if (!a) return VAL_EXCEPTION;
    size_t size = ta_element_size[ta->kind];
    for (size_t k = 0; k < len; k++)
        memcpy(a->buffer->data + k * size,
               ta->buffer->data + ta->byte_offset + (len - 1 - k) * size, size);
    return ta_value(a);
}

/* %TypedArray%.prototype.with ( index, value ) — #sec-%typedarray%.prototype.with */
static Value ta_with(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                     int magic) {
    THIS_TA("with");
    double rel;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &rel));
    double actual = rel >= 0 ? rel : (double)len + rel;
    Value num = ta_kind_is_bigint(ta->kind) ? ToBigInt(ctx, ARG(1)) : ToNumber(ctx, ARG(1));
    TRY(num);
    size_t cur;
    if (!typed_array_length(ta, &cur) || actual < 0 || actual >= (double)cur)
        return throw_range_error(ctx, PROTO_FMT "with: index out of range");
    ViewObject *a = create_same_type(ctx, ta, len);
    if (!a) return VAL_EXCEPTION;
    for (size_t k = 0; k < len; k++) {
        Value v = (double)k == actual ? num : get_el(ctx, ta, k);
        TRY(v);
        TRY(set_index(ctx, a, k, v));
    }
    return ta_value(a);
}

/* SetTypedArrayFromTypedArray ( target, targetOffset, source ) —
 * #sec-settypedarrayfromtypedarray */
static Value set_from_typed_array(Context *ctx, ViewObject *target, double offset,
                                  ViewObject *src) {
    size_t target_len, src_len;
    if (!typed_array_length(target, &target_len))
        return throw_type_error(ctx, PROTO_FMT "set: the TypedArray is detached or out of bounds");
    if (!typed_array_length(src, &src_len))
        return throw_type_error(ctx, PROTO_FMT "set: the source is detached or out of bounds");
    if (offset == INFINITY || (double)src_len + offset > (double)target_len)
        return throw_range_error(ctx, PROTO_FMT "set: source is too large");
    if (ta_kind_is_bigint(src->kind) != ta_kind_is_bigint(target->kind))
        return throw_type_error(ctx, PROTO_FMT "set: cannot mix BigInt and other types");
    size_t ss = ta_element_size[src->kind], ts = ta_element_size[target->kind];
    const uint8_t *from = src->buffer->data + src->byte_offset;
    uint8_t *to = target->buffer->data + target->byte_offset + (size_t)offset * ts;
    /* BigInt64 and BigUint64 share their bit patterns. */
    if (src->kind == target->kind || ta_kind_is_bigint(src->kind)) {
        if (src_len) memmove(to, from, src_len * ss);
        return VAL_UNDEFINED;
    }
    /* Different types over the same bytes: read everything before writing. */
    uint8_t *copy = NULL;
    if (src->buffer == target->buffer && src_len) {
        copy = malloc(src_len * ss);
        if (!copy) return throw_range_error(ctx, "out of memory");
        memcpy(copy, from, src_len * ss);
        from = copy;
    }
    for (size_t k = 0; k < src_len; k++)
        ta_raw_set(to + k * ts, (TAKind)target->kind,
                   val_num(ta_raw_get(from + k * ss, (TAKind)src->kind, true)), true);
    free(copy);
    return VAL_UNDEFINED;
}

/* SetTypedArrayFromArrayLike ( target, targetOffset, source ) — #sec-settypedarrayfromarraylike */
static Value set_from_array_like(Context *ctx, ViewObject *target, double offset, Value source) {
    size_t target_len;
    if (!typed_array_length(target, &target_len))
        return throw_type_error(ctx, PROTO_FMT "set: the TypedArray is detached or out of bounds");
    Value so = ToObject(ctx, source);
    TRY(so);
    Object *src = obj_from_value(so);
    uint64_t src_len;
    TRY(LengthOfArrayLike(ctx, src, &src_len));
    if (offset == INFINITY || (double)src_len + offset > (double)target_len)
        return throw_range_error(ctx, PROTO_FMT "set: source is too large");
    for (uint64_t k = 0; k < src_len; k++) {
        Value v = Get(ctx, src, key_from_index((uint32_t)k));
        TRY(v);
        TRY(TypedArraySetElement(ctx, target, offset + (double)k, v));
    }
    return VAL_UNDEFINED;
}

/* %TypedArray%.prototype.set ( source [ , offset ] ) — #sec-%typedarray%.prototype.set */
static Value ta_set_method(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    ViewObject *target = require_ta(ctx, this_value, "set");
    if (!target) return VAL_EXCEPTION;
    double offset;
    TRY_I(ToIntegerOrInfinity(ctx, ARG(1), &offset));
    if (offset < 0) return throw_range_error(ctx, PROTO_FMT "set: offset must be >= 0");
    Value source = ARG(0);
    if (val_is_object(source) && obj_class(obj_from_value(source)) == CLASS_TYPED_ARRAY)
        return set_from_typed_array(ctx, target, offset, (ViewObject *)obj_from_value(source));
    return set_from_array_like(ctx, target, offset, source);
}

/* %TypedArray%.prototype.slice ( start, end ) — #sec-%typedarray%.prototype.slice */
static Value ta_slice(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                      int magic) {
    THIS_TA("slice");
    size_t start, end;
    TRY_I(relative_index(ctx, ARG(0), len, 0, &start));
    TRY_I(relative_index(ctx, ARG(1), len, len, &end));
    size_t count = end > start ? end - start : 0;
    Value len_arg = number_of(count);
    ViewObject *a = TypedArraySpeciesCreate(ctx, ta, 1, &len_arg, (int64_t)count);
    if (!a) return VAL_EXCEPTION;
    if (count == 0) return ta_value(a);
    if (!typed_array_length(ta, &len))
        return throw_type_error(ctx,
                                PROTO_FMT "slice: the TypedArray is detached or out of bounds");
    if (end > len) end = len;
    count = end > start ? end - start : 0;
    if (a->kind == ta->kind) {
        size_t size = ta_element_size[ta->kind];
        size_t a_len = ta_length_or_zero(a);
        size_t bytes = count * size, limit = a_len * size;
        if (bytes > limit) bytes = limit;
        const uint8_t *from = ta->buffer->data + ta->byte_offset + start * size;
        uint8_t *to = a->buffer->data + a->byte_offset;
        /* Byte by byte, forward, as the spec's copy loop does. */
        for (size_t i = 0; i < bytes; i++)
            to[i] = from[i];
    } else {
        for (size_t n = 0, k = start; k < end; k++, n++) {
            Value v = get_el(ctx, ta, k);
            TRY(v);
            TRY(set_index(ctx, a, n, v));
        }
    }
    return ta_value(a);
}

/* %TypedArray%.prototype.subarray ( start, end ) — #sec-%typedarray%.prototype.subarray */
static Value ta_subarray(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    ViewObject *ta = require_ta(ctx, this_value, "subarray");
    if (!ta) return VAL_EXCEPTION;
    size_t src_len = ta_length_or_zero(ta), begin, end;
    TRY_I(relative_index(ctx, ARG(0), src_len, 0, &begin));
    size_t size = ta_element_size[ta->kind];
    Value args[3] = {val_from_object(&ta->buffer->base), number_of(ta->byte_offset + begin * size),
                     VAL_UNDEFINED};
    if (ta->length_tracking && val_is_undefined(ARG(1))) {
        ViewObject *a = TypedArraySpeciesCreate(ctx, ta, 2, args, -1);
        return a ? ta_value(a) : VAL_EXCEPTION;
    }
    TRY_I(relative_index(ctx, ARG(1), src_len, src_len, &end));
    args[2] = number_of(end > begin ? end - begin : 0);
    ViewObject *a = TypedArraySpeciesCreate(ctx, ta, 3, args, -1);
    return a ? ta_value(a) : VAL_EXCEPTION;
}

/* %TypedArray%.prototype.copyWithin ( target, start [ , end ] ) —
 * #sec-%typedarray%.prototype.copywithin */
static Value ta_copy_within(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    THIS_TA("copyWithin");
    size_t to, from, final;
    TRY_I(relative_index(ctx, ARG(0), len, 0, &to));
    TRY_I(relative_index(ctx, ARG(1), len, 0, &from));
    TRY_I(relative_index(ctx, ARG(2), len, len, &final));
    size_t count = final > from ? final - from : 0;
    if (len - to < count) count = len - to;
    if (count == 0) return this_value;
    if (!typed_array_length(ta, &len))
        return throw_type_error(ctx, PROTO_FMT
                                "copyWithin: the TypedArray is detached or out of bounds");
    size_t size = ta_element_size[ta->kind], off = ta->byte_offset;
    size_t limit = len * size + off, to_b = to * size + off, from_b = from * size + off;
    size_t count_b = count * size;
    uint8_t *d = ta->buffer->data;
    if (from_b < to_b && to_b < from_b + count_b) {
        for (size_t i = count_b; i-- > 0;)
            if (from_b + i < limit && to_b + i < limit) d[to_b + i] = d[from_b + i];
    } else {
        for (size_t i = 0; i < count_b; i++)
            if (from_b + i < limit && to_b + i < limit) d[to_b + i] = d[from_b + i];
    }
    return this_value;
}

/* ---- sorting ---------------------------------------------------------------------------- */

/* Elements are sorted as 64-bit slots: a Number element's double bits, or a
 * BigInt element's two's complement bits. */
typedef struct SortState {
    Context *ctx;
    Value comparefn;
    TAKind kind;
    bool failed;
} SortState;

static double slot_double(uint64_t slot) {
    double d;
    memcpy(&d, &slot, sizeof d);
    return d;
}

static Value slot_value(Context *ctx, TAKind kind, uint64_t slot) {
    if (kind == TA_BIGINT64) return bigint_from_int64(ctx, (int64_t)slot);
    if (kind == TA_BIGUINT64) return bigint_from_uint64(ctx, slot);
    return val_from_number(slot_double(slot));
}

/* CompareTypedArrayElements ( x, y, comparefn ) — #sec-comparetypedarrayelements */
static double sort_compare(SortState *st, uint64_t xs, uint64_t ys) {
    if (st->failed) return 0;
    /* 1-2. */
    if (!val_is_undefined(st->comparefn)) {
        Runtime *rt = st->ctx->rt;
        HandleMark mark = gc_scope_open(rt);
        double v = 0;
        Value args[2];
        args[0] = slot_value(st->ctx, st->kind, xs);
        args[1] = val_is_exception(args[0]) ? VAL_EXCEPTION : slot_value(st->ctx, st->kind, ys);
        Value r = val_is_exception(args[1]) ? VAL_EXCEPTION
                                            : Call(st->ctx, st->comparefn, VAL_UNDEFINED, 2, args);
        if (val_is_exception(r) || ToNumberDouble(st->ctx, r, &v) < 0) st->failed = true;
        gc_scope_close(rt, mark);
        return isnan(v) ? 0 : v;
    }
    if (st->kind == TA_BIGINT64) {
        int64_t x = (int64_t)xs, y = (int64_t)ys;
        return x < y ? -1 : x > y ? 1 : 0;
    }
    if (st->kind == TA_BIGUINT64) return xs < ys ? -1 : xs > ys ? 1 : 0;
    double x = slot_double(xs), y = slot_double(ys);
    /* 3-9. */
    if (isnan(x)) return isnan(y) ? 0 : 1;
    if (isnan(y)) return -1;
    if (x < y) return -1;
    if (x > y) return 1;
    if (x == 0 && y == 0) {
        if (signbit(x) && !signbit(y)) return -1;
        if (!signbit(x) && signbit(y)) return 1;
    }
    return 0;
}

/* Stable merge sort; stops comparing once the comparator threw. */
static int merge_sort(SortState *st, uint64_t *v, size_t n) {
    uint64_t *tmp = malloc((n ? n : 1) * sizeof *tmp);
    if (!tmp) return -1;
    for (size_t width = 1; width < n && !st->failed; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = sort_compare(st, v[j], v[i]) < 0 ? v[j++] : v[i++];
            while (i < mid)
                tmp[k++] = v[i++];
            while (j < hi)
                tmp[k++] = v[j++];
        }
        memcpy(v, tmp, n * sizeof *v);
    }
    free(tmp);
    return 0;
}

/* Reads the elements, sorts them; NULL if it threw (values freed). */
static uint64_t *sorted_values(Context *ctx, ViewObject *ta, size_t len, Value comparefn) {
    uint64_t *v = malloc((len ? len : 1) * sizeof *v);
    if (!v) {
        throw_range_error(ctx, "out of memory");
        return NULL;
    }
    TAKind kind = (TAKind)ta->kind;
    size_t size = ta_element_size[kind];
    const uint8_t *base = ta->buffer->data + ta->byte_offset;
    for (size_t k = 0; k < len; k++) {
        if (ta_kind_is_bigint(kind)) {
            v[k] = ta_raw_get64(base + k * size, true);
        } else {
            double d = val_num(ta_raw_get(base + k * size, kind, true));
            memcpy(&v[k], &d, sizeof d);
        }
    }
    SortState st = {ctx, comparefn, kind, false};
    if (merge_sort(&st, v, len) < 0) {
        free(v);
        throw_range_error(ctx, "out of memory");
        return NULL;
    }
    if (st.failed) {
        free(v);
        return NULL;
    }
    return v;
}

/* Writes sorted slots back as Set(obj, k, v, true) would: indices past the
 * current end (the comparator may have shrunk the buffer) are skipped. */
static void store_slots(ViewObject *ta, const uint64_t *v, size_t len) {
    size_t cur = ta_length_or_zero(ta);
    TAKind kind = (TAKind)ta->kind;
    size_t size = ta_element_size[kind];
    for (size_t k = 0; k < len && k < cur; k++) {
        uint8_t *p = ta->buffer->data + ta->byte_offset + k * size;
        if (ta_kind_is_bigint(kind))
            ta_raw_set64(p, v[k], true);
        else
            ta_raw_set(p, kind, slot_double(v[k]), true);
    }
}

/* %TypedArray%.prototype.sort ( comparefn ) — #sec-%typedarray%.prototype.sort */
static Value ta_sort(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                     int magic) {
    Value comparefn = ARG(0);
    if (!val_is_undefined(comparefn) && !val_is_callable(comparefn))
        return throw_type_error(ctx, PROTO_FMT "sort: comparefn must be a function");
    THIS_TA("sort");
    uint64_t *v = sorted_values(ctx, ta, len, comparefn);
    if (!v) return VAL_EXCEPTION;
    store_slots(ta, v, len);
    free(v);
    return this_value;
}

/* %TypedArray%.prototype.toSorted ( comparefn ) — #sec-%typedarray%.prototype.tosorted */
static Value ta_to_sorted(Context *ctx, Value this_value, int argc, const Value *argv,
                          Value new_target, int magic) {
    Value comparefn = ARG(0);
    if (!val_is_undefined(comparefn) && !val_is_callable(comparefn))
        return throw_type_error(ctx, PROTO_FMT "toSorted: comparefn must be a function");
    THIS_TA("toSorted");
    ViewObject *a = create_same_type(ctx, ta, len);
    if (!a) return VAL_EXCEPTION;
    uint64_t *v = sorted_values(ctx, ta, len, comparefn);
    if (!v) return VAL_EXCEPTION;
    store_slots(a, v, len);
    free(v);
    return ta_value(a);
}

/* keys / values / entries — #sec-%typedarray%.prototype.keys and siblings */
static Value ta_iterator(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    static const char *const names[] = {"keys", "values", "entries"};
    size_t len;
    ViewObject *ta = ValidateTypedArray(ctx, this_value, &len, names[magic]);
    if (!ta) return VAL_EXCEPTION;
    return CreateArrayIterator(ctx, &ta->base, (ArrayIterKind)magic);
}

static const BuiltinProp ta_static_props[] = {
    BP_FUNC("from", ta_from, 1),
    BP_FUNC("of", ta_of, 0),
    BP_GETSET("[Symbol.species]", ta_species, NULL),
};

static const BuiltinProp ta_proto_props[] = {
    BP_GETSET_MAGIC("buffer", ta_getter, NULL, TAG_BUFFER),
    BP_GETSET_MAGIC("byteLength", ta_getter, NULL, TAG_BYTE_LENGTH),
    BP_GETSET_MAGIC("byteOffset", ta_getter, NULL, TAG_BYTE_OFFSET),
    BP_GETSET_MAGIC("length", ta_getter, NULL, TAG_LENGTH),
    BP_GETSET("[Symbol.toStringTag]", ta_to_string_tag, NULL),
    BP_FUNC("at", ta_at, 1),
    BP_FUNC("copyWithin", ta_copy_within, 2),
    BP_FUNC_MAGIC("entries", ta_iterator, 0, ARRAY_ITER_ENTRIES),
    BP_FUNC_MAGIC("every", ta_iterate, 1, IT_EVERY),
    BP_FUNC("fill", ta_fill, 1),
    BP_FUNC("filter", ta_filter, 1),
    BP_FUNC_MAGIC("find", ta_iterate, 1, IT_FIND),
    BP_FUNC_MAGIC("findIndex", ta_iterate, 1, IT_FIND_INDEX),
    BP_FUNC_MAGIC("findLast", ta_iterate, 1, IT_FIND_LAST),
    BP_FUNC_MAGIC("findLastIndex", ta_iterate, 1, IT_FIND_LAST_INDEX),
    BP_FUNC_MAGIC("forEach", ta_iterate, 1, IT_FOR_EACH),
    BP_FUNC_MAGIC("includes", ta_search, 1, SEARCH_INCLUDES),
    BP_FUNC_MAGIC("indexOf", ta_search, 1, SEARCH_INDEX_OF),
    BP_FUNC("join", ta_join, 1),
    BP_FUNC_MAGIC("keys", ta_iterator, 0, ARRAY_ITER_KEYS),
    BP_FUNC_MAGIC("lastIndexOf", ta_search, 1, SEARCH_LAST_INDEX_OF),
    BP_FUNC("map", ta_map, 1),
    BP_FUNC_MAGIC("reduce", ta_reduce, 1, 0),
    BP_FUNC_MAGIC("reduceRight", ta_reduce, 1, 1),
    BP_FUNC("reverse", ta_reverse, 0),
    BP_FUNC("set", ta_set_method, 1),
    BP_FUNC("slice", ta_slice, 2),
    BP_FUNC_MAGIC("some", ta_iterate, 1, IT_SOME),
    BP_FUNC("sort", ta_sort, 1),
    BP_FUNC("subarray", ta_subarray, 2),
    BP_FUNC("toLocaleString", ta_to_locale_string, 0),
    BP_FUNC("toReversed", ta_to_reversed, 0),
    BP_FUNC("toSorted", ta_to_sorted, 1),
    BP_FUNC_MAGIC("values", ta_iterator, 0, ARRAY_ITER_VALUES),
    BP_FUNC("with", ta_with, 2),
};

int typed_array_install_methods(Context *ctx, Object *ctor, Object *proto) {
    if (builtins_install(ctx, ctor, ta_static_props, BP_COUNT(ta_static_props)) < 0) return -1;
    if (builtins_install(ctx, proto, ta_proto_props, BP_COUNT(ta_proto_props)) < 0) return -1;
    Runtime *rt = ctx->rt;
    /* values and [@@iterator] are the same function; toString is
     * Array.prototype.toString itself. */
    Value values;
    uint8_t attrs;
    if (!obj_lookup_own_fast(proto, key_from_cstr(rt, "values"), &values, &attrs)) return -1;
    if (obj_define_data_fast(ctx, proto, key_from_symbol(wks(rt, WKS_iterator)), values,
                             PROP_BUILTIN) < 0)
        return -1;
    Value to_string;
    Object *array_proto = ctx_intrinsic_obj(ctx, INTR_ArrayPrototype);
    if (!obj_lookup_own_fast(array_proto, KEY(rt, toString), &to_string, &attrs)) return -1;
    return obj_define_data_fast(ctx, proto, KEY(rt, toString), to_string, PROP_BUILTIN);
}
