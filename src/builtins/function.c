/*
 * function.c — the Function constructor, Function.prototype's methods
 * (#sec-function-objects), %ThrowTypeError% and the restricted "caller" /
 * "arguments" accessors of Function.prototype
 * (#sec-addrestrictedfunctionproperties).
 *
 * %Function.prototype% itself (a native function of length 0 and name "")
 * is created by realm.c before any family runs; here it gets its methods.
 */
#include "builtins/builtins.h"
#include <math.h>
#include "util/unicode.h"
#include "vm/string.h"
#include "vm/vm.h"

/* Function ( ...parameterArgs, bodyArg ) — #sec-function-p1-p2-pn-body */
static Value function_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                  Value new_target, int magic) {
    /* CreateDynamicFunction step 1: newTarget defaults to the active function. */
    if (val_is_undefined(new_target)) new_target = ctx_intrinsic(ctx, INTR_Function);
    return vm_create_dynamic_function(ctx, new_target, DYNFN_NORMAL, argc, argv);
}

/* Function.prototype.apply ( thisArg, argArray ) — #sec-function.prototype.apply */
static Value function_apply(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    Value func = this_value, this_arg = ARG(0), arg_array = ARG(1);
    if (!val_is_callable(func))
        return throw_type_error(ctx, "Function.prototype.apply: this is not a function");
    if (val_is_nullish(arg_array)) return Call(ctx, func, this_arg, 0, NULL);
    ValueArray *list = CreateListFromArrayLike(ctx, arg_array);
    if (!list) return VAL_EXCEPTION;
    return Call(ctx, func, this_arg, (int)list->length, list->items);
}

/* Function.prototype.bind ( thisArg, ...args ) — #sec-function.prototype.bind */
static Value function_bind(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Value target_v = this_value;
    if (!val_is_callable(target_v))
        return throw_type_error(ctx, "Function.prototype.bind: this is not a function");
    Object *target = obj_from_value(target_v);
    uint32_t arg_count = argc > 1 ? (uint32_t)(argc - 1) : 0;
    Object *f = BoundFunctionCreate(ctx, target, ARG(0), argc > 1 ? argv + 1 : NULL, arg_count);
    if (!f) return VAL_EXCEPTION;
    /* Steps 4-7: the length. */
    double length = 0;
    Value has_length = HasOwnProperty(ctx, target, KEY(rt, length));
    TRY(has_length);
    if (has_length == VAL_TRUE) {
        Value target_len = Get(ctx, target, KEY(rt, length));
        TRY(target_len);
        if (val_is_number(target_len)) {
            double d = val_num(target_len);
            if (d == INFINITY) {
                length = INFINITY;
            } else if (d != -INFINITY) {
                double as_int = double_to_integer_or_infinity(d);
                length = as_int - arg_count;
                if (!(length > 0)) length = 0;
            }
        }
    }
    if (SetFunctionLength(ctx, f, length) < 0) return VAL_EXCEPTION;
    /* Steps 8-10: the name, SetFunctionName(F, targetName, "bound") built as
     * a rope on the target's name: a chain of n binds shares its characters
     * instead of copying O(n²) of them (and none of them becomes an atom). */
    Value target_name = Get(ctx, target, KEY(rt, name));
    TRY(target_name);
    String *name = val_is_string(target_name) ? val_as_string(target_name) : ATOM(rt, empty);
    gc_protect(rt, val_from_string(name));
    String *bound_name = str_concat(rt, ATOM(rt, bound_), name);
    if (!bound_name) return VAL_EXCEPTION;
    if (obj_define_data_fast(ctx, f, KEY(rt, name), val_from_string(bound_name),
                             PROP_CONFIGURABLE) < 0)
        return VAL_EXCEPTION;
    return val_from_object(f);
}

/* Function.prototype.call ( thisArg, ...args ) — #sec-function.prototype.call */
static Value function_call(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    if (!val_is_callable(this_value))
        return throw_type_error(ctx, "Function.prototype.call: this is not a function");
    if (argc <= 1) return Call(ctx, this_value, ARG(0), 0, NULL);
    return Call(ctx, this_value, argv[0], argc - 1, argv + 1);
}

static bool is_identifier_name(String *s) {
    uint32_t n = s->length;
    if (n == 0) return false;
    for (uint32_t i = 0; i < n;) {
        uint32_t cp = str_at(s, i);
        uint32_t units = 1;
        if ((cp & 0xFC00) == 0xD800 && i + 1 < n && (str_at(s, i + 1) & 0xFC00) == 0xDC00) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (str_at(s, i + 1) - 0xDC00u);
            units = 2;
        }
        bool ok = cp == '$' || cp == '_' ||
                  (i == 0 ? uni_is_id_start(cp)
                          : (uni_is_id_continue(cp) || cp == 0x200C || cp == 0x200D));
        if (!ok) return false;
        i += units;
    }
    return true;
}

/* Whether `name` can stand as the NativeFunctionAccessor? PropertyName part
 * of a NativeFunction: an IdentifierName, optionally after "get " / "set ",
 * or a bracketed symbol description with no brackets, quotes or line breaks
 * inside. */
static bool is_native_function_name(Runtime *rt, String *name) {
    if (!str_flatten(rt, name)) return false;
    uint32_t n = name->length, start = 0;
    if (n > 4 && (str_at(name, 0) == 'g' || str_at(name, 0) == 's') && str_at(name, 1) == 'e' &&
        str_at(name, 2) == 't' && str_at(name, 3) == ' ')
        start = 4;
    if (start < n && str_at(name, start) == '[') {
        if (str_at(name, n - 1) != ']') return false;
        for (uint32_t i = start + 1; i + 1 < n; i++) {
            uint16_t c = str_at(name, i);
            if (c == '[' || c == ']' || c == '\'' || c == '"' || c == '\\' || c == '\n' ||
                c == '\r' || c == 0x2028 || c == 0x2029)
                return false;
        }
        return true;
    }
    if (start == 0) return is_identifier_name(name);
    String *rest = str_substring(rt, name, start, n);
    return rest && is_identifier_name(rest);
}

/* Function.prototype.toString ( ) — #sec-function.prototype.tostring */
static Value function_to_string(Context *ctx, Value this_value, int argc, const Value *argv,
                                Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    if (!val_is_callable(this_value))
        return throw_type_error(ctx, "Function.prototype.toString: this is not a function");
    Object *f = obj_from_value(this_value);
    String *source = vm_function_source_text(ctx, f);
    if (source) return val_from_string(source);
    if (rt->has_exception) return VAL_EXCEPTION;
    /* The NativeFunction form. The initial name is approximated by the own
     * "name" data property, read without side effects. */
    StringBuilder sb;
    sb_init(&sb, rt);
    sb_append_ascii(&sb, "function ");
    Value name;
    uint8_t attrs;
    if (obj_class(f) != CLASS_BOUND_FUNCTION && obj_class(f) != CLASS_PROXY &&
        obj_lookup_own_fast(f, KEY(rt, name), &name, &attrs) && !(attrs & PROP_ACCESSOR) &&
        val_is_string(name) && is_native_function_name(rt, val_as_string(name)))
        sb_append_string(&sb, val_as_string(name));
    sb_append_ascii(&sb, "() { [native code] }");
    String *s = sb_finish(&sb);
    return s ? val_from_string(s) : VAL_EXCEPTION;
}

/* Function.prototype [ %Symbol.hasInstance% ] ( V ) — #sec-function.prototype-%symbol.hasinstance%
 */
static Value function_has_instance(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    return OrdinaryHasInstance(ctx, this_value, ARG(0));
}

/* %ThrowTypeError% ( ) — #sec-%throwtypeerror% */
static Value throw_type_error_fn(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    return throw_type_error(ctx, "'caller', 'callee', and 'arguments' properties may not be "
                                 "accessed on strict mode functions or the arguments objects "
                                 "for calls to them");
}

static const BuiltinProp function_proto_props[] = {
    BP_FUNC("apply", function_apply, 2),
    BP_FUNC("bind", function_bind, 1),
    BP_FUNC("call", function_call, 1),
    BP_FUNC("toString", function_to_string, 0),
    /* { [[Writable]]: false, [[Enumerable]]: false, [[Configurable]]: false } */
    {"[Symbol.hasInstance]", BP_FUNCTION, 0, 1, 0, function_has_instance, NULL, 0, NULL},
};

/* Creates %ThrowTypeError%: anonymous, length 0, both non-writable and
 * non-configurable, not extensible. */
static Object *create_throw_type_error(Context *ctx) {
    Runtime *rt = ctx->rt;
    Object *f = CreateBuiltinFunction(ctx, throw_type_error_fn, 0, KEY(rt, empty), 0, false, NULL);
    if (!f) return NULL;
    if (obj_define_data_fast(ctx, f, KEY(rt, length), val_from_int(0), 0) < 0) return NULL;
    if (obj_define_data_fast(ctx, f, KEY(rt, name), val_from_string(ATOM(rt, empty)), 0) < 0)
        return NULL;
    if (val_is_exception(obj_prevent_extensions(ctx, f))) return NULL;
    return f;
}

int init_function(Context *ctx) {
    Runtime *rt = ctx->rt;
    Object *proto = ctx_intrinsic_obj(ctx, INTR_FunctionPrototype);
    Object *ctor = builtins_make_constructor(ctx, "Function", function_constructor, 1, proto,
                                             INTR_Function, INTR_FunctionPrototype, true);
    if (!ctor) return -1;
    if (builtins_install(ctx, proto, function_proto_props, BP_COUNT(function_proto_props)) < 0)
        return -1;
    Object *thrower = create_throw_type_error(ctx);
    if (!thrower) return -1;
    ctx->intrinsics[INTR_ThrowTypeError] = val_from_object(thrower);
    /* AddRestrictedFunctionProperties(%Function.prototype%, realm) */
    Value t = val_from_object(thrower);
    if (obj_define_accessor_fast(ctx, proto, KEY(rt, caller), t, t, PROP_CONFIGURABLE) < 0)
        return -1;
    if (obj_define_accessor_fast(ctx, proto, KEY(rt, arguments), t, t, PROP_CONFIGURABLE) < 0)
        return -1;
    return 0;
}
