/*
 * bigint.c — the BigInt constructor and BigInt.prototype
 * (#sec-bigint-objects). The arithmetic lives in vm/bigint.c. BigInt
 * wrappers (Object(1n)) are PrimitiveObjects of class CLASS_BIGINT;
 * %BigInt.prototype% is an ordinary object.
 */
#include "builtins/builtins.h"
#include "vm/bigint.h"
#include "vm/string.h"

/* BigInt ( value ) — #sec-bigint-constructor-number-value */
static Value bigint_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                Value new_target, int magic) {
    /* 1. */
    if (!val_is_undefined(new_target)) return throw_type_error(ctx, "BigInt is not a constructor");
    /* 2. */
    Value prim = ToPrimitive(ctx, ARG(0), HINT_NUMBER);
    TRY(prim);
    /* 3. */
    if (val_is_number(prim)) return NumberToBigInt(ctx, val_num(prim));
    /* 4. */
    return ToBigInt(ctx, prim);
}

/* BigInt.asIntN ( bits, bigint ) — #sec-bigint.asintn and
 * BigInt.asUintN ( bits, bigint ) — #sec-bigint.asuintn (magic 1) */
static Value bigint_as_int_n(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    /* 1. */
    uint64_t bits;
    TRY_I(ToIndex(ctx, ARG(0), &bits));
    /* 2. */
    Value big = ToBigInt(ctx, ARG(1));
    TRY(big);
    /* 3-4. */
    return bigint_as_n(ctx, bits, val_as_bigint(big), magic == 0);
}

/* ThisBigIntValue ( value ) — #sec-thisbigintvalue */
static Value ThisBigIntValue(Context *ctx, Value value, const char *method) {
    /* 1. */
    if (val_is_bigint(value)) return value;
    /* 2. */
    if (val_is_object(value) && obj_class(obj_from_value(value)) == CLASS_BIGINT)
        return ((PrimitiveObject *)obj_from_value(value))->primitive;
    /* 3. */
    return throw_type_error(ctx, "BigInt.prototype.%s requires that 'this' be a BigInt", method);
}

/* BigInt.prototype.toString ( [ radix ] ) — #sec-bigint.prototype.tostring */
static Value bigint_proto_to_string(Context *ctx, Value this_value, int argc, const Value *argv,
                                    Value new_target, int magic) {
    /* 1. */
    Value x = ThisBigIntValue(ctx, this_value, "toString");
    TRY(x);
    /* 2-3. */
    double radix = 10;
    if (!val_is_undefined(ARG(0))) TRY_I(ToIntegerOrInfinity(ctx, ARG(0), &radix));
    /* 4. */
    if (radix < 2 || radix > 36)
        return throw_range_error(ctx, "toString() radix must be between 2 and 36");
    /* 5. */
    String *s = bigint_to_string(ctx, val_as_bigint(x), (int)radix);
    return s ? val_from_string(s) : VAL_EXCEPTION;
}

/* BigInt.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] ) —
 * #sec-bigint.prototype.tolocalestring (without ECMA-402: plain digits) */
static Value bigint_proto_to_locale_string(Context *ctx, Value this_value, int argc,
                                           const Value *argv, Value new_target, int magic) {
    Value x = ThisBigIntValue(ctx, this_value, "toLocaleString");
    TRY(x);
    String *s = bigint_to_string(ctx, val_as_bigint(x), 10);
    return s ? val_from_string(s) : VAL_EXCEPTION;
}

/* BigInt.prototype.valueOf ( ) — #sec-bigint.prototype.valueof */
static Value bigint_proto_value_of(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    return ThisBigIntValue(ctx, this_value, "valueOf");
}

static const BuiltinProp bigint_ctor_props[] = {
    BP_FUNC_MAGIC("asIntN", bigint_as_int_n, 2, 0),
    BP_FUNC_MAGIC("asUintN", bigint_as_int_n, 2, 1),
};

static const BuiltinProp bigint_proto_props[] = {
    BP_FUNC("toLocaleString", bigint_proto_to_locale_string, 0),
    BP_FUNC("toString", bigint_proto_to_string, 0),
    BP_FUNC("valueOf", bigint_proto_value_of, 0),
    BP_STR("[Symbol.toStringTag]", "BigInt", PROP_CONFIGURABLE),
};

int init_bigint(Context *ctx) {
    Object *proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!proto) return -1;
    Object *ctor = builtins_make_constructor(ctx, "BigInt", bigint_constructor, 1, proto,
                                             INTR_BigInt, INTR_BigIntPrototype, true);
    if (!ctor) return -1;
    if (builtins_install(ctx, ctor, bigint_ctor_props, BP_COUNT(bigint_ctor_props)) < 0) return -1;
    return builtins_install(ctx, proto, bigint_proto_props, BP_COUNT(bigint_proto_props));
}
