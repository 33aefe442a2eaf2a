/*
 * async_function.c — async functions: Await (#await), the end of an async
 * body (#sec-asyncblockstart), %AsyncFunction% and %AsyncFunction.prototype%
 * (#sec-async-function-objects).
 *
 * The interpreter runs an async function's frame like a generator's (see
 * vm/interp.h): AWAIT saves the frame in the AsyncFunctionState and files a
 * native promise reaction that resumes it from a job, so no C stack is kept
 * across an await.
 */
#include "builtins/async.h"
#include "builtins/promise.h"
#include "vm/vm.h"

static void async_function_state_trace(Runtime *rt, Object *o) {
    coroutine_trace(rt, o);
    gc_mark_value(rt, ((AsyncFunctionState *)o)->promise);
}

/* Never visible to JavaScript: the state lives in frames and reactions. */
const ClassDef class_async_function_state = {
    .id = CLASS_ASYNC_FUNCTION_STATE,
    .name = "AsyncFunctionState",
    .trace = async_function_state_trace,
    .finalize = coroutine_finalize,
};

/* fulfilledClosure / rejectedClosure of Await — #await steps 3 and 5:
 * resume the suspended body with a normal or a throw completion. */
static Value await_resume(Context *ctx, Value argument, bool rejected, Value data) {
    Coroutine *co = (Coroutine *)val_as_object(data);
    if (co->state != CO_SUSPENDED_AWAIT) return VAL_UNDEFINED;
    Value r = interp_resume(ctx, co, argument, rejected ? RESUME_THROW : RESUME_NEXT);
    return val_is_exception(r) ? VAL_EXCEPTION : VAL_UNDEFINED;
}

/* Await ( value ) — #await, steps 2-7 */
int async_await(Context *ctx, Coroutine *co, Value value) {
    Value promise = PromiseResolve(ctx, ctx_intrinsic(ctx, INTR_Promise), value);
    ITRY(promise);
    return PerformPromiseThenNative(ctx, val_as_object(promise), await_resume,
                                    val_from_object(&co->base));
}

/* AsyncBlockStart — #sec-asyncblockstart, step 2.f-h (and AsyncGeneratorStart) */
Value async_coroutine_finish(Context *ctx, Coroutine *co, Value result, bool threw) {
    if (co->base.cls == &class_async_generator)
        return async_generator_finish(ctx, (AsyncGenerator *)co, result, threw);
    AsyncFunctionState *st = (AsyncFunctionState *)co;
    Object *promise = val_as_object(st->promise);
    Value r = threw ? promise_reject_value(ctx, promise, result)
                    : promise_resolve_value(ctx, promise, result);
    TRY(r);
    return st->promise;
}

/* AsyncFunction ( ...parameterArgs, bodyArg ) — #sec-async-function-constructor-arguments */
static Value async_function_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                        Value new_target, int magic) {
    if (val_is_undefined(new_target)) new_target = ctx_intrinsic(ctx, INTR_AsyncFunction);
    return vm_create_dynamic_function(ctx, new_target, DYNFN_ASYNC, argc, argv);
}

static const BuiltinProp async_function_proto_props[] = {
    BP_STR("[Symbol.toStringTag]", "AsyncFunction", PROP_CONFIGURABLE),
};

/* %AsyncFunction% and its prototype — #sec-async-function-constructor,
 * #sec-async-function-prototype-properties; then the async iteration and
 * async generator intrinsics. */
int init_async(Context *ctx) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    int r = -1;
    Object *af_proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_FunctionPrototype));
    if (!af_proto) goto done;
    ctx->intrinsics[INTR_AsyncFunctionPrototype] = val_from_object(af_proto);
    if (builtins_install(ctx, af_proto, async_function_proto_props,
                         BP_COUNT(async_function_proto_props)) < 0)
        goto done;
    /* Not a global; its [[Prototype]] is %Function%. */
    PropKey name = key_from_cstr(rt, "AsyncFunction");
    if (name == KEY_NONE) goto done;
    Object *ctor = CreateBuiltinFunction(ctx, async_function_constructor, 1, name, 0, true, NULL);
    if (!ctor) goto done;
    ctor->proto = ctx_intrinsic_obj(ctx, INTR_Function);
    ctx->intrinsics[INTR_AsyncFunction] = val_from_object(ctor);
    if (obj_define_data_fast(ctx, ctor, KEY(rt, prototype), val_from_object(af_proto), 0) < 0 ||
        obj_define_data_fast(ctx, af_proto, KEY(rt, constructor), val_from_object(ctor),
                             PROP_CONFIGURABLE) < 0)
        goto done;
    if (init_async_iteration(ctx) < 0 || init_async_generator(ctx) < 0) goto done;
    r = 0;
done:
    gc_scope_close(rt, mark);
    return r;
}
