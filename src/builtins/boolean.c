/*
 * boolean.c — the Boolean constructor and Boolean.prototype
 * (#sec-boolean-objects). Boolean wrappers are PrimitiveObjects of class
 * CLASS_BOOLEAN; %Boolean.prototype% is itself one, holding false.
 */
#include "builtins/builtins.h"
#include "vm/string.h"

/* Boolean ( value ) — #sec-boolean-constructor-boolean-value */
static Value boolean_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    Value b = val_from_bool(ToBoolean(ARG(0)));
    if (val_is_undefined(new_target)) return b;
    Object *o = OrdinaryCreateFromConstructor(ctx, new_target, INTR_BooleanPrototype,
                                              &class_boolean_object, sizeof(PrimitiveObject));
    if (!o) return VAL_EXCEPTION;
    ((PrimitiveObject *)o)->primitive = b;
    return val_from_object(o);
}

/* ThisBooleanValue ( value ) — #sec-thisbooleanvalue */
static Value ThisBooleanValue(Context *ctx, Value value, const char *method) {
    if (val_is_bool(value)) return value;
    if (val_is_object(value) && obj_class(obj_from_value(value)) == CLASS_BOOLEAN)
        return ((PrimitiveObject *)obj_from_value(value))->primitive;
    return throw_type_error(ctx, "Boolean.prototype.%s: this is not a Boolean", method);
}

/* Boolean.prototype.toString ( ) — #sec-boolean.prototype.tostring */
static Value boolean_to_string(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    Value b = ThisBooleanValue(ctx, this_value, "toString");
    TRY(b);
    return val_from_string(b == VAL_TRUE ? ATOM(ctx->rt, true) : ATOM(ctx->rt, false));
}

/* Boolean.prototype.valueOf ( ) — #sec-boolean.prototype.valueof */
static Value boolean_value_of(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    return ThisBooleanValue(ctx, this_value, "valueOf");
}

static const BuiltinProp boolean_proto_props[] = {
    BP_FUNC("toString", boolean_to_string, 0),
    BP_FUNC("valueOf", boolean_value_of, 0),
};

int init_boolean(Context *ctx) {
    Object *proto =
        obj_alloc(ctx, &class_boolean_object, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype),
                  sizeof(PrimitiveObject));
    if (!proto) return -1;
    ((PrimitiveObject *)proto)->primitive = VAL_FALSE;
    Object *ctor = builtins_make_constructor(ctx, "Boolean", boolean_constructor, 1, proto,
                                             INTR_Boolean, INTR_BooleanPrototype, true);
    if (!ctor) return -1;
    return builtins_install(ctx, proto, boolean_proto_props, BP_COUNT(boolean_proto_props));
}
