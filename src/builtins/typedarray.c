/*
 * typedarray.c — TypedArray objects (#sec-typedarray-objects): the
 * %TypedArray% intrinsic, the concrete constructors, and the TypedArray
 * exotic object internal methods (#sec-typedarray-exotic-objects).
 * The prototype methods live in typedarray_ops.c.
 *
 * A TypedArray is a ViewObject (arraybuffer.h). It never stores elements in
 * the Object's `elements` vector: every integer-indexed access goes through
 * the hooks below to the buffer bytes. BigInt64Array / BigUint64Array
 * elements are BigInts (ContentType BigInt): reading one allocates.
 */
#include <math.h>
#include <string.h>

#include "builtins/iterator_ops.h"
#include "builtins/typedarray.h"
#include "gc/gc.h"
#include "vm/string.h"

const char *const ta_names[TA_KIND_COUNT] = {"Int8Array",    "Uint8Array",    "Uint8ClampedArray",
                                             "Int16Array",   "Uint16Array",   "Int32Array",
                                             "Uint32Array",  "Float16Array",  "Float32Array",
                                             "Float64Array", "BigInt64Array", "BigUint64Array"};

static void view_trace(Runtime *rt, Object *o) {
    ViewObject *v = (ViewObject *)o;
    if (v->buffer) gc_mark_cell(rt, &v->buffer->base.hdr);
}

bool typed_array_length(const ViewObject *ta, size_t *length) {
    const ArrayBufferObject *b = ta->buffer;
    if (!b || b->detached) return false;
    size_t size = ta_element_size[ta->kind];
    if (ta->byte_offset > b->byte_length) return false;
    if (ta->length_tracking) {
        *length = (b->byte_length - ta->byte_offset) / size;
        return true;
    }
    if (ta->length > (b->byte_length - ta->byte_offset) / size) return false;
    *length = ta->length;
    return true;
}

size_t ta_length_or_zero(const ViewObject *ta) {
    size_t n;
    return typed_array_length(ta, &n) ? n : 0;
}

/* IsValidIntegerIndex ( O, index ) — #sec-isvalidintegerindex */
static bool IsValidIntegerIndex(const ViewObject *ta, double index) {
    if (index != floor(index) || isinf(index)) return false;
    if (index == 0 && signbit(index)) return false;
    size_t len;
    if (!typed_array_length(ta, &len)) return false;
    return index >= 0 && index < (double)len;
}

/* TypedArrayGetElement ( O, index ) — #sec-typedarraygetelement */
Value TypedArrayGetElement(Context *ctx, const ViewObject *ta, double index) {
    if (!IsValidIntegerIndex(ta, index)) return VAL_UNDEFINED;
    size_t size = ta_element_size[ta->kind];
    return ta_load_element(ctx, ta->buffer->data + ta->byte_offset + (size_t)index * size, ta->kind,
                           true);
}

/* TypedArraySetElement ( O, index, value ) — #sec-typedarraysetelement */
Value TypedArraySetElement(Context *ctx, ViewObject *ta, double index, Value v) {
    /* 1-2. */
    TAElement e;
    TRY_I(ta_to_element(ctx, ta->kind, v, &e));
    /* 3. */
    if (IsValidIntegerIndex(ta, index)) {
        size_t size = ta_element_size[ta->kind];
        ta_store_element(ta->buffer->data + ta->byte_offset + (size_t)index * size, ta->kind, &e,
                         true);
    }
    return VAL_UNDEFINED;
}

/* Classifies a property key: 1 when it is a CanonicalNumericIndexString
 * (numeric index in *index), 0 when it is an ordinary key, -1 on throw. */
static int numeric_key(Context *ctx, PropKey k, double *index) {
    if (key_is_index(k)) {
        *index = (double)key_index(k);
        return 1;
    }
    if (!key_is_atom(k)) return 0;
    String *s = key_atom(k);
    if (s->length == 0) return 0;
    uint16_t c = str_at(s, 0);
    /* Only these can begin the ToString of a Number. */
    if (!((c >= '0' && c <= '9') || c == '-' || c == 'I' || c == 'N')) return 0;
    Value n = CanonicalNumericIndexString(ctx, s);
    if (val_is_exception(n)) return -1;
    if (val_is_undefined(n)) return 0;
    *index = val_num(n);
    return 1;
}

/* [[GetOwnProperty]] ( P ) — #sec-typedarray-getownproperty */
static Value ta_get_own_property(Context *ctx, Object *o, PropKey k, PropertyDescriptor *desc) {
    double index;
    int r = numeric_key(ctx, k, &index);
    TRY_I(r);
    if (!r) return OrdinaryGetOwnProperty(ctx, o, k, desc);
    Value v = TypedArrayGetElement(ctx, (ViewObject *)o, index);
    TRY(v);
    if (val_is_undefined(v)) return VAL_FALSE;
    *desc = desc_data(v, PROP_DEFAULT);
    return VAL_TRUE;
}

/* [[HasProperty]] ( P ) — #sec-typedarray-hasproperty */
static Value ta_has_property(Context *ctx, Object *o, PropKey k) {
    double index;
    int r = numeric_key(ctx, k, &index);
    TRY_I(r);
    if (!r) return OrdinaryHasProperty(ctx, o, k);
    return val_from_bool(IsValidIntegerIndex((ViewObject *)o, index));
}

/* [[DefineOwnProperty]] ( P, Desc ) — #sec-typedarray-defineownproperty */
static Value ta_define_own_property(Context *ctx, Object *o, PropKey k,
                                    const PropertyDescriptor *desc) {
    double index;
    int r = numeric_key(ctx, k, &index);
    TRY_I(r);
    if (!r) return OrdinaryDefineOwnProperty(ctx, o, k, desc);
    ViewObject *ta = (ViewObject *)o;
    if (!IsValidIntegerIndex(ta, index)) return VAL_FALSE;
    if ((desc->has & DESC_HAS_CONFIGURABLE) && !(desc->attrs & PROP_CONFIGURABLE)) return VAL_FALSE;
    if ((desc->has & DESC_HAS_ENUMERABLE) && !(desc->attrs & PROP_ENUMERABLE)) return VAL_FALSE;
    if (desc_is_accessor(desc)) return VAL_FALSE;
    if ((desc->has & DESC_HAS_WRITABLE) && !(desc->attrs & PROP_WRITABLE)) return VAL_FALSE;
    if (desc->has & DESC_HAS_VALUE) TRY(TypedArraySetElement(ctx, ta, index, desc->value));
    return VAL_TRUE;
}

/* [[Get]] ( P, Receiver ) — #sec-typedarray-get */
static Value ta_get(Context *ctx, Object *o, PropKey k, Value receiver) {
    double index;
    int r = numeric_key(ctx, k, &index);
    TRY_I(r);
    if (!r) return OrdinaryGet(ctx, o, k, receiver);
    return TypedArrayGetElement(ctx, (ViewObject *)o, index);
}

/* [[Set]] ( P, V, Receiver ) — #sec-typedarray-set */
static Value ta_set(Context *ctx, Object *o, PropKey k, Value v, Value receiver) {
    double index;
    int r = numeric_key(ctx, k, &index);
    TRY_I(r);
    if (r) {
        if (val_is_object(receiver) && obj_from_value(receiver) == o) {
            TRY(TypedArraySetElement(ctx, (ViewObject *)o, index, v));
            return VAL_TRUE;
        }
        if (!IsValidIntegerIndex((ViewObject *)o, index)) return VAL_TRUE;
    }
    return OrdinarySet(ctx, o, k, v, receiver);
}

/* [[Delete]] ( P ) — #sec-typedarray-delete */
static Value ta_delete(Context *ctx, Object *o, PropKey k) {
    double index;
    int r = numeric_key(ctx, k, &index);
    TRY_I(r);
    if (!r) return OrdinaryDelete(ctx, o, k);
    return val_from_bool(!IsValidIntegerIndex((ViewObject *)o, index));
}

/* [[OwnPropertyKeys]] ( ) — #sec-typedarray-ownpropertykeys */
static ValueArray *ta_own_property_keys(Context *ctx, Object *o) {
    size_t len = ta_length_or_zero((ViewObject *)o);
    ValueArray *rest = OrdinaryOwnPropertyKeys(ctx, o);
    if (!rest) return NULL;
    ValueArray *keys = value_array_new(ctx->rt, (uint32_t)(len + rest->length));
    if (!keys) return NULL;
    for (size_t i = 0; i < len; i++)
        if (value_array_push(ctx->rt, keys, key_from_index((uint32_t)i)) < 0) return NULL;
    for (uint32_t i = 0; i < rest->length; i++)
        if (value_array_push(ctx->rt, keys, rest->items[i]) < 0) return NULL;
    return keys;
}

/* IsTypedArrayFixedLength ( O ) — #sec-istypedarrayfixedlength (no buffer
 * is shared here) */
static bool IsTypedArrayFixedLength(const ViewObject *ta) {
    return !ta->length_tracking && !ta->buffer->resizable;
}

/* [[PreventExtensions]] ( ) — #sec-typedarray-preventextensions */
static Value ta_prevent_extensions(Context *ctx, Object *o) {
    if (!IsTypedArrayFixedLength((ViewObject *)o)) return VAL_FALSE;
    return OrdinaryPreventExtensions(ctx, o);
}

static const ObjectOps typed_array_ops = {
    .prevent_extensions = ta_prevent_extensions,
    .get_own_property = ta_get_own_property,
    .define_own_property = ta_define_own_property,
    .has_property = ta_has_property,
    .get = ta_get,
    .set = ta_set,
    .delete_property = ta_delete,
    .own_property_keys = ta_own_property_keys,
};

const ClassDef class_typed_array = {
    .id = CLASS_TYPED_ARRAY, .name = "TypedArray", .ops = &typed_array_ops, .trace = view_trace};
const ClassDef class_data_view = {.id = CLASS_DATA_VIEW, .name = "DataView", .trace = view_trace};

/* ---- creation ------------------------------------------------------------------ */

static IntrinsicId ta_ctor_id(TAKind k) {
    return (IntrinsicId)(INTR_Int8Array + 2 * (int)k);
}
static IntrinsicId ta_proto_id(TAKind k) {
    return (IntrinsicId)(INTR_Int8ArrayPrototype + 2 * (int)k);
}

/* AllocateTypedArray ( constructorName, newTarget, defaultProto ) without the
 * buffer — #sec-allocatetypedarray */
static ViewObject *ta_alloc(Context *ctx, TAKind kind, Value new_target) {
    Object *o = OrdinaryCreateFromConstructor(ctx, new_target, ta_proto_id(kind),
                                              &class_typed_array, sizeof(ViewObject));
    if (!o) return NULL;
    ViewObject *ta = (ViewObject *)o;
    ta->kind = (uint8_t)kind;
    return ta;
}

/* AllocateTypedArrayBuffer ( O, length ) — #sec-allocatetypedarraybuffer */
static int AllocateTypedArrayBuffer(Context *ctx, ViewObject *ta, uint64_t length) {
    size_t size = ta_element_size[ta->kind];
    if (length > ((uint64_t)1 << 40)) {
        throw_range_error(ctx, "%s: invalid length", ta_names[ta->kind]);
        return -1;
    }
    ArrayBufferObject *b =
        AllocateArrayBuffer(ctx, ctx_intrinsic(ctx, INTR_ArrayBuffer), length * size, -1);
    if (!b) return -1;
    ta->buffer = b;
    ta->byte_offset = 0;
    ta->length = (size_t)length;
    return 0;
}

Object *typed_array_create_kind(Context *ctx, TAKind kind, uint64_t length) {
    ViewObject *ta = ta_alloc(ctx, kind, ctx_intrinsic(ctx, ta_ctor_id(kind)));
    if (!ta) return NULL;
    if (AllocateTypedArrayBuffer(ctx, ta, length) < 0) return NULL;
    return &ta->base;
}

/* ValidateTypedArray ( O, order ) — #sec-validatetypedarray */
ViewObject *ValidateTypedArray(Context *ctx, Value o, size_t *length, const char *method) {
    if (!val_is_object(o) || obj_class(obj_from_value(o)) != CLASS_TYPED_ARRAY) {
        throw_type_error(ctx, "%s: this is not a TypedArray", method);
        return NULL;
    }
    ViewObject *ta = (ViewObject *)obj_from_value(o);
    if (!typed_array_length(ta, length)) {
        throw_type_error(ctx, "%s: the TypedArray is detached or out of bounds", method);
        return NULL;
    }
    return ta;
}

/* TypedArrayCreateFromConstructor ( constructor, argumentList ) —
 * #sec-typedarraycreatefromconstructor. count_arg >= 0 means the list is
 * that one Number, and the result must be at least that long. */
ViewObject *TypedArrayCreateFromConstructor(Context *ctx, Value ctor, int argc, const Value *argv,
                                            int64_t min_length) {
    Value nv = Construct(ctx, ctor, argc, argv, VAL_UNDEFINED);
    if (val_is_exception(nv)) return NULL;
    size_t len;
    ViewObject *ta = ValidateTypedArray(ctx, nv, &len, "TypedArray species");
    if (!ta) return NULL;
    if (min_length >= 0 && len < (uint64_t)min_length) {
        throw_type_error(ctx, "TypedArray species: the new TypedArray is too short");
        return NULL;
    }
    return ta;
}

/* TypedArraySpeciesCreate ( exemplar, argumentList ) — #sec-typedarray-species-create */
ViewObject *TypedArraySpeciesCreate(Context *ctx, ViewObject *exemplar, int argc, const Value *argv,
                                    int64_t min_length) {
    Value dflt = ctx_intrinsic(ctx, ta_ctor_id(exemplar->kind));
    Value ctor = SpeciesConstructor(ctx, &exemplar->base, dflt);
    if (val_is_exception(ctor)) return NULL;
    ViewObject *result = TypedArrayCreateFromConstructor(ctx, ctor, argc, argv, min_length);
    if (!result) return NULL;
    if (ta_kind_is_bigint(result->kind) != ta_kind_is_bigint(exemplar->kind)) {
        throw_type_error(ctx, "TypedArray species: content type differs from %s",
                         ta_names[exemplar->kind]);
        return NULL;
    }
    return result;
}

/* ---- constructors -------------------------------------------------------------------- */

/* InitializeTypedArrayFromTypedArray ( O, srcArray ) — #sec-initializetypedarrayfromtypedarray */
static int init_from_typed_array(Context *ctx, ViewObject *ta, ViewObject *src) {
    size_t len;
    if (!typed_array_length(src, &len)) {
        throw_type_error(ctx, "%s: source TypedArray is detached or out of bounds",
                         ta_names[ta->kind]);
        return -1;
    }
    if (ta_kind_is_bigint(src->kind) != ta_kind_is_bigint(ta->kind)) {
        throw_type_error(ctx, "%s: cannot mix BigInt and other types, source is a %s",
                         ta_names[ta->kind], ta_names[src->kind]);
        return -1;
    }
    if (AllocateTypedArrayBuffer(ctx, ta, len) < 0) return -1;
    const uint8_t *from = src->buffer->data + src->byte_offset;
    uint8_t *to = ta->buffer->data;
    /* BigInt64 and BigUint64 share their bit patterns. */
    if (src->kind == ta->kind || ta_kind_is_bigint(src->kind)) {
        if (len) memcpy(to, from, len * ta_element_size[ta->kind]);
        return 0;
    }
    size_t ss = ta_element_size[src->kind], ds = ta_element_size[ta->kind];
    for (size_t i = 0; i < len; i++)
        ta_raw_set(to + i * ds, ta->kind, val_num(ta_raw_get(from + i * ss, src->kind, true)),
                   true);
    return 0;
}

/* InitializeTypedArrayFromArrayBuffer ( O, buffer, byteOffset, length ) —
 * #sec-initializetypedarrayfromarraybuffer */
static int init_from_array_buffer(Context *ctx, ViewObject *ta, ArrayBufferObject *b,
                                  Value byte_offset, Value length) {
    const char *name = ta_names[ta->kind];
    size_t size = ta_element_size[ta->kind];
    uint64_t offset, new_length = 0;
    ITRY_I(ToIndex(ctx, byte_offset, &offset));
    if (offset % size) {
        throw_range_error(ctx, "%s: start offset must be a multiple of %u", name, (unsigned)size);
        return -1;
    }
    if (!val_is_undefined(length)) ITRY_I(ToIndex(ctx, length, &new_length));
    if (b->detached) {
        throw_type_error(ctx, "%s: the buffer is detached", name);
        return -1;
    }
    size_t buffer_length = b->byte_length;
    ta->buffer = b;
    if (val_is_undefined(length) && b->resizable) {
        if (offset > buffer_length) {
            throw_range_error(ctx, "%s: start offset is outside the buffer", name);
            return -1;
        }
        ta->byte_offset = (size_t)offset;
        ta->length_tracking = true;
        return 0;
    }
    uint64_t new_byte_length;
    if (val_is_undefined(length)) {
        if (buffer_length % size) {
            throw_range_error(ctx, "%s: buffer length must be a multiple of %u", name,
                              (unsigned)size);
            return -1;
        }
        if (offset > buffer_length) {
            throw_range_error(ctx, "%s: start offset is outside the buffer", name);
            return -1;
        }
        new_byte_length = buffer_length - offset;
    } else {
        new_byte_length = new_length * size;
        if (new_length > ((uint64_t)1 << 40) || offset + new_byte_length > buffer_length) {
            throw_range_error(ctx, "%s: length is outside the buffer", name);
            return -1;
        }
    }
    ta->byte_offset = (size_t)offset;
    ta->length = (size_t)(new_byte_length / size);
    return 0;
}

/* InitializeTypedArrayFromList ( O, values ) — #sec-initializetypedarrayfromlist */
static int init_from_list(Context *ctx, ViewObject *ta, ValueArray *values) {
    ITRY_I(AllocateTypedArrayBuffer(ctx, ta, values->length));
    for (uint32_t k = 0; k < values->length; k++)
        ITRY(TypedArraySetElement(ctx, ta, (double)k, values->items[k]));
    return 0;
}

/* InitializeTypedArrayFromArrayLike ( O, arrayLike ) — #sec-initializetypedarrayfromarraylike */
static int init_from_array_like(Context *ctx, ViewObject *ta, Object *array_like) {
    uint64_t len;
    ITRY(LengthOfArrayLike(ctx, array_like, &len));
    ITRY_I(AllocateTypedArrayBuffer(ctx, ta, len));
    for (uint64_t k = 0; k < len; k++) {
        Value v = Get(ctx, array_like, key_from_index((uint32_t)k));
        ITRY(v);
        ITRY(TypedArraySetElement(ctx, ta, (double)k, v));
    }
    return 0;
}

/* Drains an iterator into a list — IteratorToList ( iteratorRecord ) —
 * #sec-iteratortolist */
ValueArray *IteratorToList(Context *ctx, IteratorRecord *rec) {
    ValueArray *list = value_array_new(ctx->rt, 8);
    if (!list) return NULL;
    for (;;) {
        Value v = IteratorStepValue(ctx, rec);
        if (val_is_exception(v)) return NULL;
        if (v == ITER_DONE) return list;
        if (value_array_push(ctx->rt, list, v) < 0) return NULL;
    }
}

/* TypedArray ( ...args ) — #sec-typedarray-constructors */
static Value typed_array_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                     Value new_target, int magic) {
    TAKind kind = (TAKind)magic;
    if (val_is_undefined(new_target))
        return throw_type_error(ctx, "Constructor %s requires 'new'", ta_names[kind]);
    Value first = ARG(0);
    if (!val_is_object(first)) {
        uint64_t len;
        TRY_I(ToIndex(ctx, first, &len));
        ViewObject *ta = ta_alloc(ctx, kind, new_target);
        if (!ta) return VAL_EXCEPTION;
        TRY_I(AllocateTypedArrayBuffer(ctx, ta, len));
        return val_from_object(&ta->base);
    }
    ViewObject *ta = ta_alloc(ctx, kind, new_target);
    if (!ta) return VAL_EXCEPTION;
    Object *src = obj_from_value(first);
    if (obj_class(src) == CLASS_TYPED_ARRAY) {
        TRY_I(init_from_typed_array(ctx, ta, (ViewObject *)src));
    } else if (obj_class(src) == CLASS_ARRAY_BUFFER) {
        TRY_I(init_from_array_buffer(ctx, ta, (ArrayBufferObject *)src, ARG(1), ARG(2)));
    } else {
        Value using_iterator = GetMethod(ctx, first, key_from_symbol(wks(ctx->rt, WKS_iterator)));
        TRY(using_iterator);
        if (!val_is_undefined(using_iterator)) {
            IteratorRecord rec;
            TRY_I(GetIteratorFromMethod(ctx, first, using_iterator, &rec));
            ValueArray *values = IteratorToList(ctx, &rec);
            if (!values) return VAL_EXCEPTION;
            TRY_I(init_from_list(ctx, ta, values));
        } else {
            TRY_I(init_from_array_like(ctx, ta, src));
        }
    }
    return val_from_object(&ta->base);
}

/* %TypedArray% ( ) — #sec-%typedarray% */
static Value abstract_typed_array_constructor(Context *ctx, Value this_value, int argc,
                                              const Value *argv, Value new_target, int magic) {
    return throw_type_error(ctx, "Abstract class TypedArray not directly constructable");
}

int init_typedarray(Context *ctx) {
    Object *proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!proto) return -1;
    Object *ctor =
        builtins_make_constructor(ctx, "TypedArray", abstract_typed_array_constructor, 0, proto,
                                  INTR_TypedArray, INTR_TypedArrayPrototype, false);
    if (!ctor) return -1;
    if (typed_array_install_methods(ctx, ctor, proto) < 0) return -1;
    PropKey bpe = key_from_cstr(ctx->rt, "BYTES_PER_ELEMENT");
    if (bpe == KEY_NONE) return -1;
    for (int k = 0; k < TA_BIGINT64 + 2; k++) {
        Object *p = obj_new(ctx, proto);
        if (!p) return -1;
        Object *c = builtins_make_constructor(ctx, ta_names[k], typed_array_constructor, 3, p,
                                              ta_ctor_id((TAKind)k), ta_proto_id((TAKind)k), true);
        if (!c) return -1;
        /* The concrete constructors inherit from %TypedArray% and carry their
         * kind as the native function's magic. */
        if (val_is_exception(obj_set_prototype_of(ctx, c, val_from_object(ctor)))) return -1;
        ((NativeFunction *)c)->magic = k;
        Value size = val_from_int(ta_element_size[k]);
        if (obj_define_data_fast(ctx, c, bpe, size, 0) < 0) return -1;
        if (obj_define_data_fast(ctx, p, bpe, size, 0) < 0) return -1;
    }
    return 0;
}
