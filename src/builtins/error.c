/*
 * error.c — Error, the NativeError constructors, AggregateError
 * (#sec-error-objects) and the Error class (instances carry [[ErrorData]]).
 *
 * Every error object, whether made by `new Error(...)` or by the engine
 * (error_new in vm/error_throw.c, used by throw_error), has the same shape: [[Prototype]]
 * the realm's %<Kind>Error.prototype%, an own non-enumerable "message" when
 * a message was given, and an own non-enumerable, writable, configurable
 * "stack" string: "Name: message" then the call stack lines.
 */
#include "builtins/builtins.h"
#include "builtins/iterator_ops.h"
#include "vm/string.h"
#include "vm/vm.h"

/* Error instances are ordinary objects with an [[ErrorData]] slot, which
 * the class id itself records. */
const ClassDef class_error = {
    .id = CLASS_ERROR,
    .name = "Error",
};

typedef struct ErrorKindInfo {
    const char *name;
    IntrinsicId ctor_id, proto_id;
    int length;
} ErrorKindInfo;

static const ErrorKindInfo error_kinds[ERR_KIND_COUNT] = {
    [ERR_ERROR] = {"Error", INTR_Error, INTR_ErrorPrototype, 1},
    [ERR_EVAL] = {"EvalError", INTR_EvalError, INTR_EvalErrorPrototype, 1},
    [ERR_RANGE] = {"RangeError", INTR_RangeError, INTR_RangeErrorPrototype, 1},
    [ERR_REFERENCE] = {"ReferenceError", INTR_ReferenceError, INTR_ReferenceErrorPrototype, 1},
    [ERR_SYNTAX] = {"SyntaxError", INTR_SyntaxError, INTR_SyntaxErrorPrototype, 1},
    [ERR_TYPE] = {"TypeError", INTR_TypeError, INTR_TypeErrorPrototype, 1},
    [ERR_URI] = {"URIError", INTR_URIError, INTR_URIErrorPrototype, 1},
    [ERR_AGGREGATE] = {"AggregateError", INTR_AggregateError, INTR_AggregateErrorPrototype, 2},
};

/* Defines the own "stack" property: "Name[: message]" and, when there are
 * frames, a newline and the backtrace. Reads nothing observable. */
int error_install_stack(Context *ctx, Object *err, ErrorKind kind, String *message) {
    Runtime *rt = ctx->rt;
    if ((unsigned)kind >= ERR_KIND_COUNT) kind = ERR_ERROR;
    String *trace = vm_backtrace(ctx, 0);
    if (!trace) return -1;
    StringBuilder sb;
    sb_init(&sb, rt);
    sb_append_ascii(&sb, error_kinds[kind].name);
    if (message && message->length > 0) {
        sb_append_ascii(&sb, ": ");
        sb_append_string(&sb, message);
    }
    if (trace->length > 0) {
        sb_append_unit(&sb, '\n');
        sb_append_string(&sb, trace);
    }
    String *stack = sb_finish(&sb);
    if (!stack) return -1;
    return obj_define_data_fast(ctx, err, KEY(rt, stack), val_from_string(stack), PROP_BUILTIN);
}

/* InstallErrorCause ( O, options ) — #sec-installerrorcause */
static Value InstallErrorCause(Context *ctx, Object *o, Value options) {
    Runtime *rt = ctx->rt;
    if (!val_is_object(options)) return VAL_UNDEFINED;
    Value has = HasProperty(ctx, obj_from_value(options), KEY(rt, cause));
    TRY(has);
    if (has == VAL_TRUE) {
        Value cause = Get(ctx, obj_from_value(options), KEY(rt, cause));
        TRY(cause);
        TRY(CreateNonEnumerableDataPropertyOrThrow(ctx, o, KEY(rt, cause), cause));
    }
    return VAL_UNDEFINED;
}

/* Steps 1-4 shared by Error ( message [ , options ] ) — #sec-error-message,
 * NativeError ( message [ , options ] ) — #sec-nativeerror and
 * AggregateError ( errors, message [ , options ] ) — #sec-aggregate-error. */
static Object *error_construct_common(Context *ctx, ErrorKind kind, Value new_target, Value message,
                                      Value options) {
    Runtime *rt = ctx->rt;
    const ErrorKindInfo *info = &error_kinds[kind];
    if (val_is_undefined(new_target)) new_target = ctx_intrinsic(ctx, info->ctor_id);
    Object *o = OrdinaryCreateFromConstructor(ctx, new_target, info->proto_id, &class_error,
                                              sizeof(Object));
    if (!o) return NULL;
    String *msg = NULL;
    if (!val_is_undefined(message)) {
        msg = ToStringS(ctx, message);
        if (!msg) return NULL;
        if (val_is_exception(CreateNonEnumerableDataPropertyOrThrow(ctx, o, KEY(rt, message),
                                                                    val_from_string(msg))))
            return NULL;
    }
    if (val_is_exception(InstallErrorCause(ctx, o, options))) return NULL;
    if (error_install_stack(ctx, o, kind, msg) < 0) return NULL;
    return o;
}

/* Error ( message [ , options ] ) — #sec-error-message
 * NativeError ( message [ , options ] ) — #sec-nativeerror (magic: ErrorKind) */
static Value error_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    Object *o = error_construct_common(ctx, (ErrorKind)magic, new_target, ARG(0), ARG(1));
    return o ? val_from_object(o) : VAL_EXCEPTION;
}

/* AggregateError ( errors, message [ , options ] ) — #sec-aggregate-error */
static Value aggregate_error_constructor(Context *ctx, Value this_value, int argc,
                                         const Value *argv, Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Object *o = error_construct_common(ctx, ERR_AGGREGATE, new_target, ARG(1), ARG(2));
    if (!o) return VAL_EXCEPTION;
    ValueArray *errors_list = IterableToList(ctx, ARG(0));
    if (!errors_list) return VAL_EXCEPTION;
    Object *errors = CreateArrayFromList(ctx, errors_list->items, errors_list->length);
    if (!errors) return VAL_EXCEPTION;
    PropertyDescriptor desc = desc_data(val_from_object(errors), PROP_BUILTIN);
    TRY(DefinePropertyOrThrow(ctx, o, KEY(rt, errors), &desc));
    return val_from_object(o);
}

/* Error.isError ( arg ) — #sec-error.iserror */
static Value error_is_error(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    Value arg = ARG(0);
    return val_from_bool(val_is_object(arg) && obj_class(obj_from_value(arg)) == CLASS_ERROR);
}

/* Error.prototype.toString ( ) — #sec-error.prototype.tostring */
static Value error_proto_to_string(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    if (!val_is_object(this_value))
        return throw_type_error(ctx, "Error.prototype.toString: this is not an object");
    Object *o = obj_from_value(this_value);
    Value name_v = Get(ctx, o, KEY(rt, name));
    TRY(name_v);
    String *name = val_is_undefined(name_v) ? ATOM(rt, Error) : ToStringS(ctx, name_v);
    if (!name) return VAL_EXCEPTION;
    Value msg_v = Get(ctx, o, KEY(rt, message));
    TRY(msg_v);
    String *msg = val_is_undefined(msg_v) ? ATOM(rt, empty) : ToStringS(ctx, msg_v);
    if (!msg) return VAL_EXCEPTION;
    if (name->length == 0) return val_from_string(msg);
    if (msg->length == 0) return val_from_string(name);
    StringBuilder sb;
    sb_init(&sb, rt);
    sb_append_string(&sb, name);
    sb_append_ascii(&sb, ": ");
    sb_append_string(&sb, msg);
    String *s = sb_finish(&sb);
    return s ? val_from_string(s) : VAL_EXCEPTION;
}

static const BuiltinProp error_static_props[] = {
    BP_FUNC("isError", error_is_error, 1),
};

static const BuiltinProp error_proto_props[] = {
    BP_FUNC("toString", error_proto_to_string, 0),
};

/* One constructor and prototype: name and message on the prototype. */
static Object *make_error_constructor(Context *ctx, ErrorKind kind, Object *proto_parent,
                                      Object *ctor_parent) {
    Runtime *rt = ctx->rt;
    const ErrorKindInfo *info = &error_kinds[kind];
    Object *proto = obj_new(ctx, proto_parent);
    if (!proto) return NULL;
    NativeFn fn = kind == ERR_AGGREGATE ? aggregate_error_constructor : error_constructor;
    Object *ctor = builtins_make_constructor(ctx, info->name, fn, info->length, proto,
                                             info->ctor_id, info->proto_id, true);
    if (!ctor) return NULL;
    ((NativeFunction *)ctor)->magic = (int32_t)kind;
    if (ctor_parent) ctor->proto = ctor_parent;
    String *name = str_from_cstr(rt, info->name);
    if (!name) return NULL;
    if (obj_define_data_fast(ctx, proto, KEY(rt, name), val_from_string(name), PROP_BUILTIN) < 0)
        return NULL;
    if (obj_define_data_fast(ctx, proto, KEY(rt, message), val_from_string(ATOM(rt, empty)),
                             PROP_BUILTIN) < 0)
        return NULL;
    return ctor;
}

int init_error(Context *ctx) {
    Object *object_proto = ctx_intrinsic_obj(ctx, INTR_ObjectPrototype);
    Object *error = make_error_constructor(ctx, ERR_ERROR, object_proto, NULL);
    if (!error) return -1;
    Object *error_proto = ctx_intrinsic_obj(ctx, INTR_ErrorPrototype);
    if (builtins_install(ctx, error, error_static_props, BP_COUNT(error_static_props)) < 0)
        return -1;
    if (builtins_install(ctx, error_proto, error_proto_props, BP_COUNT(error_proto_props)) < 0)
        return -1;
    for (int kind = ERR_EVAL; kind < ERR_KIND_COUNT; kind++)
        if (!make_error_constructor(ctx, (ErrorKind)kind, error_proto, error)) return -1;
    return 0;
}
