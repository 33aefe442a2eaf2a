/*
 * primitive.c — wrapper objects for primitives (Boolean, Number, String,
 * Symbol, BigInt objects) and the String exotic object
 * (#sec-string-exotic-objects): its index properties come from the wrapped
 * string; "length" is an ordinary non-writable own property set by
 * StringCreate.
 */
#include "vm/conv.h"
#include "vm/object_internal.h"

static void primitive_trace(Runtime *rt, Object *o) {
    gc_mark_value(rt, ((PrimitiveObject *)o)->primitive);
}

static String *string_of(Object *o) {
    return val_as_string(((PrimitiveObject *)o)->primitive);
}

/* StringGetOwnProperty — #sec-stringgetownproperty. Index keys are always
 * canonical array indices here, which is what CanonicalNumericIndexString
 * accepts for an in-range integral index. */
static Value StringGetOwnProperty(Context *ctx, Object *o, PropKey k, PropertyDescriptor *desc) {
    if (!key_is_index(k)) return VAL_FALSE;
    String *s = string_of(o);
    uint32_t index = key_index(k);
    if (index >= s->length) return VAL_FALSE;
    if (str_is_rope(s) && !str_flatten(ctx->rt, s)) return VAL_EXCEPTION;
    String *c = str_from_char(ctx->rt, str_at(s, index));
    if (!c) return VAL_EXCEPTION;
    *desc = desc_data(val_from_string(c), PROP_ENUMERABLE);
    return VAL_TRUE;
}

/* [[GetOwnProperty]] — #sec-string-exotic-objects-getownproperty-p */
static Value string_get_own_property(Context *ctx, Object *o, PropKey k, PropertyDescriptor *desc) {
    Value r = OrdinaryGetOwnProperty(ctx, o, k, desc);
    if (r != VAL_FALSE) return r;
    return StringGetOwnProperty(ctx, o, k, desc);
}

/* [[DefineOwnProperty]] — #sec-string-exotic-objects-defineownproperty-p-desc */
static Value string_define_own_property(Context *ctx, Object *o, PropKey k,
                                        const PropertyDescriptor *desc) {
    PropertyDescriptor string_desc;
    Value r = StringGetOwnProperty(ctx, o, k, &string_desc);
    TRY(r);
    if (r == VAL_TRUE) {
        bool extensible = o->hdr.flags & OBJ_EXTENSIBLE;
        /* IsCompatiblePropertyDescriptor */
        return ValidateAndApplyPropertyDescriptor(ctx, NULL, k, extensible, desc, &string_desc);
    }
    return OrdinaryDefineOwnProperty(ctx, o, k, desc);
}

/* [[OwnPropertyKeys]] — #sec-string-exotic-objects-ownpropertykeys */
static ValueArray *string_own_property_keys(Context *ctx, Object *o) {
    return own_keys_common(ctx, o, string_of(o)->length, false);
}

static const ObjectOps string_ops = {
    .get_own_property = string_get_own_property,
    .define_own_property = string_define_own_property,
    .own_property_keys = string_own_property_keys,
};

const ClassDef class_string_object = {
    .id = CLASS_STRING, .name = "String", .ops = &string_ops, .trace = primitive_trace};
const ClassDef class_boolean_object = {
    .id = CLASS_BOOLEAN, .name = "Boolean", .trace = primitive_trace};
const ClassDef class_number_object = {
    .id = CLASS_NUMBER, .name = "Number", .trace = primitive_trace};
const ClassDef class_symbol_object = {
    .id = CLASS_SYMBOL, .name = "Symbol", .trace = primitive_trace};
const ClassDef class_bigint_object = {
    .id = CLASS_BIGINT, .name = "BigInt", .trace = primitive_trace};

/* StringCreate — #sec-stringcreate */
Object *StringCreate(Context *ctx, String *value, Object *proto) {
    if (!proto) proto = ctx_intrinsic_obj(ctx, INTR_StringPrototype);
    Object *s = obj_alloc(ctx, &class_string_object, proto, sizeof(PrimitiveObject));
    if (!s) return NULL;
    ((PrimitiveObject *)s)->primitive = val_from_string(value);
    GC_WRITE_BARRIER(ctx->rt, s, val_from_string(value));
    if (obj_define_data_fast(ctx, s, KEY(ctx->rt, length), val_from_int((int32_t)value->length),
                             0) < 0)
        return NULL;
    return s;
}

Object *primitive_wrapper_new_proto(Context *ctx, Value primitive, Object *proto) {
    const ClassDef *cls;
    IntrinsicId proto_id;
    if (val_is_string(primitive)) return StringCreate(ctx, val_as_string(primitive), proto);
    if (val_is_bool(primitive)) {
        cls = &class_boolean_object;
        proto_id = INTR_BooleanPrototype;
    } else if (val_is_number(primitive)) {
        cls = &class_number_object;
        proto_id = INTR_NumberPrototype;
    } else if (val_is_symbol(primitive)) {
        cls = &class_symbol_object;
        proto_id = INTR_SymbolPrototype;
    } else if (val_is_bigint(primitive)) {
        cls = &class_bigint_object;
        proto_id = INTR_BigIntPrototype;
    } else {
        throw_type_error(ctx, "cannot convert %s to object",
                         val_is_null(primitive) ? "null" : "undefined");
        return NULL;
    }
    if (!proto) proto = ctx_intrinsic_obj(ctx, proto_id);
    Object *o = obj_alloc(ctx, cls, proto, sizeof(PrimitiveObject));
    if (!o) return NULL;
    ((PrimitiveObject *)o)->primitive = primitive;
    GC_WRITE_BARRIER(ctx->rt, o, primitive);
    return o;
}

Object *primitive_wrapper_new(Context *ctx, Value primitive) {
    return primitive_wrapper_new_proto(ctx, primitive, NULL);
}
