/*
 * reflect.c — the Reflect object (#sec-reflect-object): the internal
 * methods as functions.
 */
#include "builtins/builtins.h"
#include "vm/string.h"

static Value require_target(Context *ctx, Value target, const char *method) {
    if (!val_is_object(target))
        return throw_type_error(ctx, "Reflect.%s: target is not an object", method);
    return target;
}

/* Reflect.apply ( target, thisArgument, argumentsList ) — #sec-reflect.apply */
static Value reflect_apply(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    Value target = ARG(0);
    if (!val_is_callable(target))
        return throw_type_error(ctx, "Reflect.apply: target is not a function");
    ValueArray *args = CreateListFromArrayLike(ctx, ARG(2));
    if (!args) return VAL_EXCEPTION;
    return Call(ctx, target, ARG(1), (int)args->length, args->items);
}

/* Reflect.construct ( target, argumentsList [ , newTarget ] ) — #sec-reflect.construct */
static Value reflect_construct(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    Value target = ARG(0);
    if (!val_is_constructor(target))
        return throw_type_error(ctx, "Reflect.construct: target is not a constructor");
    Value nt = target;
    if (argc >= 3) {
        nt = argv[2];
        if (!val_is_constructor(nt))
            return throw_type_error(ctx, "Reflect.construct: newTarget is not a constructor");
    }
    ValueArray *args = CreateListFromArrayLike(ctx, ARG(1));
    if (!args) return VAL_EXCEPTION;
    return Construct(ctx, target, (int)args->length, args->items, nt);
}

/* Reflect.defineProperty ( target, propertyKey, attributes ) — #sec-reflect.defineproperty */
static Value reflect_define_property(Context *ctx, Value this_value, int argc, const Value *argv,
                                     Value new_target, int magic) {
    Value target = require_target(ctx, ARG(0), "defineProperty");
    TRY(target);
    PropKey key = ToPropertyKey(ctx, ARG(1));
    if (key == KEY_NONE) return VAL_EXCEPTION;
    PropertyDescriptor desc;
    TRY(ToPropertyDescriptor(ctx, ARG(2), &desc));
    return obj_define_own_property(ctx, obj_from_value(target), key, &desc);
}

/* Reflect.deleteProperty ( target, propertyKey ) — #sec-reflect.deleteproperty */
static Value reflect_delete_property(Context *ctx, Value this_value, int argc, const Value *argv,
                                     Value new_target, int magic) {
    Value target = require_target(ctx, ARG(0), "deleteProperty");
    TRY(target);
    PropKey key = ToPropertyKey(ctx, ARG(1));
    if (key == KEY_NONE) return VAL_EXCEPTION;
    return obj_delete(ctx, obj_from_value(target), key);
}

/* Reflect.get ( target, propertyKey [ , receiver ] ) — #sec-reflect.get */
static Value reflect_get(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    Value target = require_target(ctx, ARG(0), "get");
    TRY(target);
    PropKey key = ToPropertyKey(ctx, ARG(1));
    if (key == KEY_NONE) return VAL_EXCEPTION;
    Value receiver = argc >= 3 ? argv[2] : target;
    return obj_get(ctx, obj_from_value(target), key, receiver);
}

/* Reflect.getOwnPropertyDescriptor ( target, propertyKey ) — #sec-reflect.getownpropertydescriptor
 */
static Value reflect_get_own_property_descriptor(Context *ctx, Value this_value, int argc,
                                                 const Value *argv, Value new_target, int magic) {
    Value target = require_target(ctx, ARG(0), "getOwnPropertyDescriptor");
    TRY(target);
    PropKey key = ToPropertyKey(ctx, ARG(1));
    if (key == KEY_NONE) return VAL_EXCEPTION;
    PropertyDescriptor desc;
    Value found = obj_get_own_property(ctx, obj_from_value(target), key, &desc);
    TRY(found);
    return FromPropertyDescriptor(ctx, found == VAL_TRUE ? &desc : NULL);
}

/* Reflect.getPrototypeOf ( target ) — #sec-reflect.getprototypeof */
static Value reflect_get_prototype_of(Context *ctx, Value this_value, int argc, const Value *argv,
                                      Value new_target, int magic) {
    Value target = require_target(ctx, ARG(0), "getPrototypeOf");
    TRY(target);
    return obj_get_prototype_of(ctx, obj_from_value(target));
}

/* Reflect.has ( target, propertyKey ) — #sec-reflect.has */
static Value reflect_has(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    Value target = require_target(ctx, ARG(0), "has");
    TRY(target);
    PropKey key = ToPropertyKey(ctx, ARG(1));
    if (key == KEY_NONE) return VAL_EXCEPTION;
    return obj_has_property(ctx, obj_from_value(target), key);
}

/* Reflect.isExtensible ( target ) — #sec-reflect.isextensible */
static Value reflect_is_extensible(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    Value target = require_target(ctx, ARG(0), "isExtensible");
    TRY(target);
    return obj_is_extensible(ctx, obj_from_value(target));
}

/* Reflect.ownKeys ( target ) — #sec-reflect.ownkeys */
static Value reflect_own_keys(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Value target = require_target(ctx, ARG(0), "ownKeys");
    TRY(target);
    ValueArray *keys = obj_own_property_keys(ctx, obj_from_value(target));
    if (!keys) return VAL_EXCEPTION;
    Object *a = array_new(ctx, 0);
    if (!a) return VAL_EXCEPTION;
    for (uint32_t i = 0; i < keys->length; i++) {
        HandleMark mark = gc_scope_open(rt);
        Value v = key_to_value(rt, keys->items[i]);
        int r = val_is_exception(v) ? -1 : array_push_fast(ctx, a, v);
        gc_scope_close(rt, mark);
        if (r < 0) return VAL_EXCEPTION;
    }
    return val_from_object(a);
}

/* Reflect.preventExtensions ( target ) — #sec-reflect.preventextensions */
static Value reflect_prevent_extensions(Context *ctx, Value this_value, int argc, const Value *argv,
                                        Value new_target, int magic) {
    Value target = require_target(ctx, ARG(0), "preventExtensions");
    TRY(target);
    return obj_prevent_extensions(ctx, obj_from_value(target));
}

/* Reflect.set ( target, propertyKey, V [ , receiver ] ) — #sec-reflect.set */
static Value reflect_set(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    Value target = require_target(ctx, ARG(0), "set");
    TRY(target);
    PropKey key = ToPropertyKey(ctx, ARG(1));
    if (key == KEY_NONE) return VAL_EXCEPTION;
    Value receiver = argc >= 4 ? argv[3] : target;
    return obj_set(ctx, obj_from_value(target), key, ARG(2), receiver);
}

/* Reflect.setPrototypeOf ( target, proto ) — #sec-reflect.setprototypeof */
static Value reflect_set_prototype_of(Context *ctx, Value this_value, int argc, const Value *argv,
                                      Value new_target, int magic) {
    Value target = require_target(ctx, ARG(0), "setPrototypeOf");
    TRY(target);
    Value proto = ARG(1);
    if (!val_is_object(proto) && !val_is_null(proto))
        return throw_type_error(ctx, "Reflect.setPrototypeOf: prototype must be an object or null");
    return obj_set_prototype_of(ctx, obj_from_value(target), proto);
}

static const BuiltinProp reflect_props[] = {
    BP_FUNC("apply", reflect_apply, 3),
    BP_FUNC("construct", reflect_construct, 2),
    BP_FUNC("defineProperty", reflect_define_property, 3),
    BP_FUNC("deleteProperty", reflect_delete_property, 2),
    BP_FUNC("get", reflect_get, 2),
    BP_FUNC("getOwnPropertyDescriptor", reflect_get_own_property_descriptor, 2),
    BP_FUNC("getPrototypeOf", reflect_get_prototype_of, 1),
    BP_FUNC("has", reflect_has, 2),
    BP_FUNC("isExtensible", reflect_is_extensible, 1),
    BP_FUNC("ownKeys", reflect_own_keys, 1),
    BP_FUNC("preventExtensions", reflect_prevent_extensions, 1),
    BP_FUNC("set", reflect_set, 3),
    BP_FUNC("setPrototypeOf", reflect_set_prototype_of, 2),
    BP_STR("[Symbol.toStringTag]", "Reflect", PROP_CONFIGURABLE),
};

int init_reflect(Context *ctx) {
    Runtime *rt = ctx->rt;
    Object *reflect = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!reflect) return -1;
    ctx->intrinsics[INTR_Reflect] = val_from_object(reflect);
    if (builtins_install(ctx, reflect, reflect_props, BP_COUNT(reflect_props)) < 0) return -1;
    PropKey key = key_from_cstr(rt, "Reflect");
    if (key == KEY_NONE) return -1;
    return obj_define_data_fast(ctx, ctx->global, key, val_from_object(reflect), PROP_BUILTIN);
}
