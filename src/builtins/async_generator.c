/*
 * async_generator.c — AsyncGenerator objects and their request queue
 * (#sec-asyncgenerator-objects), %AsyncGeneratorPrototype%,
 * %AsyncGeneratorFunction% and %AsyncGeneratorFunction.prototype%
 * (#sec-asyncgeneratorfunction-objects).
 *
 * An AsyncGenerator is a Coroutine (vm/interp.h) with the spec's
 * [[AsyncGeneratorState]] kept apart from the frame's state: while the body
 * waits in an await the generator is ~executing~ but its frame is saved.
 * Requests are capabilities of %Promise%, always internal (promise.h), so a
 * request is [ResumeMode, value, promise] in ag->queue from ag->head on.
 */
#include "builtins/async.h"
#include "builtins/iterator_ops.h"
#include "builtins/promise.h"
#include "vm/vm.h"

static void async_generator_trace(Runtime *rt, Object *o) {
    AsyncGenerator *ag = (AsyncGenerator *)o;
    coroutine_trace(rt, o);
    if (ag->queue) gc_mark_cell(rt, &ag->queue->hdr);
}

const ClassDef class_async_generator = {
    .id = CLASS_ASYNC_GENERATOR,
    .name = "AsyncGenerator",
    .trace = async_generator_trace,
    .finalize = coroutine_finalize,
};

/* ---- the request queue ---- */

static bool queue_empty(const AsyncGenerator *ag) {
    return ag->head >= ag->queue->length;
}

static ResumeMode queue_front_mode(const AsyncGenerator *ag) {
    return (ResumeMode)val_to_int(ag->queue->items[ag->head]);
}

static Value queue_front_value(const AsyncGenerator *ag) {
    return ag->queue->items[ag->head + 1];
}

/* AsyncGeneratorEnqueue — #sec-asyncgeneratorenqueue */
static int AsyncGeneratorEnqueue(Context *ctx, AsyncGenerator *ag, ResumeMode mode, Value value,
                                 Value promise) {
    Runtime *rt = ctx->rt;
    if (value_array_push(rt, ag->queue, val_from_int((int32_t)mode)) < 0 ||
        value_array_push(rt, ag->queue, value) < 0 || value_array_push(rt, ag->queue, promise) < 0)
        return -1;
    GC_WRITE_BARRIER(rt, ag->queue, value);
    return 0;
}

/* Removes the first request; gives its promise (protected in the caller's
 * handle scope). */
static Object *queue_shift(Context *ctx, AsyncGenerator *ag) {
    ValueArray *q = ag->queue;
    Value promise = q->items[ag->head + 2];
    gc_protect(ctx->rt, promise);
    ag->head += 3;
    if (ag->head >= q->length) {
        q->length = 0;
        ag->head = 0;
    }
    return val_as_object(promise);
}

/* AsyncGeneratorCompleteStep ( generator, completion, done [ , realm ] ) —
 * #sec-asyncgeneratorcompletestep. realm NULL: not present. */
static Value AsyncGeneratorCompleteStep(Context *ctx, AsyncGenerator *ag, Value value, bool threw,
                                        bool done, Context *realm) {
    gc_protect(ctx->rt, value);
    Object *promise = queue_shift(ctx, ag);
    if (threw) return promise_reject_value(ctx, promise, value);
    Value result = CreateIterResultObject(realm ? realm : ctx, value, done);
    TRY(result);
    return promise_resolve_value(ctx, promise, result);
}

static Value AsyncGeneratorDrainQueue(Context *ctx, AsyncGenerator *ag);

/* The fulfilledClosure / rejectedClosure of AsyncGeneratorAwaitReturn —
 * #sec-asyncgeneratorawaitreturn steps 11 and 13. */
static Value await_return_settled(Context *ctx, Value argument, bool rejected, Value data) {
    AsyncGenerator *ag = (AsyncGenerator *)val_as_object(data);
    HandleMark mark = gc_scope_open(ctx->rt);
    Value r = AsyncGeneratorCompleteStep(ctx, ag, argument, rejected, true, NULL);
    if (!val_is_exception(r)) r = AsyncGeneratorDrainQueue(ctx, ag);
    gc_scope_close(ctx->rt, mark);
    return val_is_exception(r) ? VAL_EXCEPTION : VAL_UNDEFINED;
}

/* AsyncGeneratorAwaitReturn ( generator ) — #sec-asyncgeneratorawaitreturn */
static Value AsyncGeneratorAwaitReturn(Context *ctx, AsyncGenerator *ag) {
    Value promise = PromiseResolve(ctx, ctx_intrinsic(ctx, INTR_Promise), queue_front_value(ag));
    if (val_is_exception(promise)) {
        if (ctx->rt->exception_uncatchable) return VAL_EXCEPTION;
        Value reason = rt_take_exception(ctx->rt);
        TRY(AsyncGeneratorCompleteStep(ctx, ag, reason, true, true, NULL));
        return AsyncGeneratorDrainQueue(ctx, ag);
    }
    TRY_I(PerformPromiseThenNative(ctx, val_as_object(promise), await_return_settled,
                                   val_from_object(&ag->co.base)));
    return VAL_UNDEFINED;
}

/* AsyncGeneratorDrainQueue ( generator ) — #sec-asyncgeneratordrainqueue */
static Value AsyncGeneratorDrainQueue(Context *ctx, AsyncGenerator *ag) {
    while (!queue_empty(ag)) {
        ResumeMode mode = queue_front_mode(ag);
        if (mode == RESUME_RETURN) return AsyncGeneratorAwaitReturn(ctx, ag);
        Value value = mode == RESUME_THROW ? queue_front_value(ag) : VAL_UNDEFINED;
        TRY(AsyncGeneratorCompleteStep(ctx, ag, value, mode == RESUME_THROW, true, NULL));
    }
    ag->ag_state = AG_COMPLETED;
    return VAL_UNDEFINED;
}

/* AsyncGeneratorStart step 4.f-k — #sec-asyncgeneratorstart */
Value async_generator_finish(Context *ctx, AsyncGenerator *ag, Value result, bool threw) {
    ag->ag_state = AG_DRAINING_QUEUE;
    if (queue_empty(ag)) return VAL_UNDEFINED; /* not reachable: a request runs the body */
    TRY(AsyncGeneratorCompleteStep(ctx, ag, result, threw, true, NULL));
    return AsyncGeneratorDrainQueue(ctx, ag);
}

/* AsyncGeneratorYield ( value ) steps 5-12 — #sec-asyncgeneratoryield */
int async_generator_yield(Context *ctx, Coroutine *co, Value *value, ResumeMode *mode,
                          Context *previous_realm) {
    AsyncGenerator *ag = (AsyncGenerator *)co;
    ITRY(AsyncGeneratorCompleteStep(ctx, ag, *value, false, false, previous_realm));
    if (!queue_empty(ag)) {
        /* Execution continues without suspending the generator. */
        *mode = queue_front_mode(ag);
        *value = queue_front_value(ag);
        return 1;
    }
    ag->ag_state = AG_SUSPENDED_YIELD;
    return 0;
}

/* AsyncGeneratorResume ( generator, completion ) — #sec-asyncgeneratorresume */
static Value AsyncGeneratorResume(Context *ctx, AsyncGenerator *ag, Value value, ResumeMode mode) {
    ag->ag_state = AG_EXECUTING;
    Value r = interp_resume(ctx, &ag->co, value, mode);
    return val_is_exception(r) ? VAL_EXCEPTION : VAL_UNDEFINED;
}

/* ---- %AsyncGeneratorPrototype% ---- */

/* Steps 1-4 of next / return / throw: a capability of %Promise% and
 * AsyncGeneratorValidate (#sec-asyncgeneratorvalidate); an invalid receiver
 * rejects the promise (IfAbruptRejectPromise), *ag is then NULL. */
static Value begin_request(Context *ctx, Value this_value, const char *method,
                           AsyncGenerator **ag) {
    Object *promise = promise_create(ctx, NULL);
    if (!promise) return VAL_EXCEPTION;
    Value p = val_from_object(promise);
    gc_protect(ctx->rt, p);
    *ag = NULL;
    if (val_is_object(this_value) && obj_from_value(this_value)->cls == &class_async_generator) {
        *ag = (AsyncGenerator *)obj_from_value(this_value);
        return p;
    }
    throw_type_error(ctx, "AsyncGenerator.prototype.%s called on incompatible receiver", method);
    if (ctx->rt->exception_uncatchable) return VAL_EXCEPTION;
    TRY(promise_reject_value(ctx, promise, rt_take_exception(ctx->rt)));
    return p;
}

/* %AsyncGeneratorPrototype%.next ( value ) — #sec-asyncgenerator-prototype-next */
static Value async_generator_next(Context *ctx, Value this_value, int argc, const Value *argv,
                                  Value new_target, int magic) {
    AsyncGenerator *ag;
    Value p = begin_request(ctx, this_value, "next", &ag);
    if (!ag) return p;
    uint8_t state = ag->ag_state;
    if (state == AG_COMPLETED) {
        Value result = CreateIterResultObject(ctx, VAL_UNDEFINED, true);
        TRY(result);
        TRY(promise_resolve_value(ctx, val_as_object(p), result));
        return p;
    }
    TRY_I(AsyncGeneratorEnqueue(ctx, ag, RESUME_NEXT, ARG(0), p));
    if (state == AG_SUSPENDED_START || state == AG_SUSPENDED_YIELD)
        TRY(AsyncGeneratorResume(ctx, ag, ARG(0), RESUME_NEXT));
    return p;
}

/* %AsyncGeneratorPrototype%.return ( value ) — #sec-asyncgenerator-prototype-return */
static Value async_generator_return(Context *ctx, Value this_value, int argc, const Value *argv,
                                    Value new_target, int magic) {
    AsyncGenerator *ag;
    Value p = begin_request(ctx, this_value, "return", &ag);
    if (!ag) return p;
    TRY_I(AsyncGeneratorEnqueue(ctx, ag, RESUME_RETURN, ARG(0), p));
    uint8_t state = ag->ag_state;
    if (state == AG_SUSPENDED_START || state == AG_COMPLETED) {
        if (state == AG_SUSPENDED_START) coroutine_close(&ag->co);
        ag->ag_state = AG_DRAINING_QUEUE;
        TRY(AsyncGeneratorAwaitReturn(ctx, ag));
    } else if (state == AG_SUSPENDED_YIELD) {
        TRY(AsyncGeneratorResume(ctx, ag, ARG(0), RESUME_RETURN));
    }
    return p;
}

/* %AsyncGeneratorPrototype%.throw ( exception ) — #sec-asyncgenerator-prototype-throw */
static Value async_generator_throw(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    AsyncGenerator *ag;
    Value p = begin_request(ctx, this_value, "throw", &ag);
    if (!ag) return p;
    uint8_t state = ag->ag_state;
    if (state == AG_SUSPENDED_START) {
        coroutine_close(&ag->co);
        ag->ag_state = AG_COMPLETED;
        state = AG_COMPLETED;
    }
    if (state == AG_COMPLETED) {
        TRY(promise_reject_value(ctx, val_as_object(p), ARG(0)));
        return p;
    }
    TRY_I(AsyncGeneratorEnqueue(ctx, ag, RESUME_THROW, ARG(0), p));
    if (state == AG_SUSPENDED_YIELD) TRY(AsyncGeneratorResume(ctx, ag, ARG(0), RESUME_THROW));
    return p;
}

/* AsyncGeneratorFunction ( ...parameterArgs, bodyArg ) — #sec-asyncgeneratorfunction */
static Value async_generator_function_constructor(Context *ctx, Value this_value, int argc,
                                                  const Value *argv, Value new_target, int magic) {
    if (val_is_undefined(new_target)) new_target = ctx_intrinsic(ctx, INTR_AsyncGeneratorFunction);
    return vm_create_dynamic_function(ctx, new_target, DYNFN_ASYNC_GENERATOR, argc, argv);
}

static const BuiltinProp async_generator_proto_props[] = {
    BP_FUNC("next", async_generator_next, 1),
    BP_FUNC("return", async_generator_return, 1),
    BP_FUNC("throw", async_generator_throw, 1),
    BP_STR("[Symbol.toStringTag]", "AsyncGenerator", PROP_CONFIGURABLE),
};

static const BuiltinProp async_generator_function_proto_props[] = {
    BP_STR("[Symbol.toStringTag]", "AsyncGeneratorFunction", PROP_CONFIGURABLE),
};

int init_async_generator(Context *ctx) {
    Runtime *rt = ctx->rt;
    /* %AsyncGeneratorFunction.prototype% —
     * #sec-properties-of-asyncgeneratorfunction-prototype */
    Object *agf_proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_FunctionPrototype));
    if (!agf_proto) return -1;
    ctx->intrinsics[INTR_AsyncGeneratorFunctionPrototype] = val_from_object(agf_proto);
    /* %AsyncGeneratorPrototype% — #sec-properties-of-asyncgenerator-prototype */
    Object *ag_proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_AsyncIteratorPrototype));
    if (!ag_proto) return -1;
    ctx->intrinsics[INTR_AsyncGeneratorPrototype] = val_from_object(ag_proto);
    if (builtins_install(ctx, ag_proto, async_generator_proto_props,
                         BP_COUNT(async_generator_proto_props)) < 0 ||
        builtins_install(ctx, agf_proto, async_generator_function_proto_props,
                         BP_COUNT(async_generator_function_proto_props)) < 0)
        return -1;
    /* %AsyncGeneratorFunction% — not a global; [[Prototype]] %Function%. */
    PropKey name = key_from_cstr(rt, "AsyncGeneratorFunction");
    if (name == KEY_NONE) return -1;
    Object *ctor =
        CreateBuiltinFunction(ctx, async_generator_function_constructor, 1, name, 0, true, NULL);
    if (!ctor) return -1;
    ctor->proto = ctx_intrinsic_obj(ctx, INTR_Function);
    ctx->intrinsics[INTR_AsyncGeneratorFunction] = val_from_object(ctor);
    if (obj_define_data_fast(ctx, ctor, KEY(rt, prototype), val_from_object(agf_proto), 0) < 0 ||
        obj_define_data_fast(ctx, agf_proto, KEY(rt, constructor), val_from_object(ctor),
                             PROP_CONFIGURABLE) < 0 ||
        obj_define_data_fast(ctx, agf_proto, KEY(rt, prototype), val_from_object(ag_proto),
                             PROP_CONFIGURABLE) < 0 ||
        obj_define_data_fast(ctx, ag_proto, KEY(rt, constructor), val_from_object(agf_proto),
                             PROP_CONFIGURABLE) < 0)
        return -1;
    return 0;
}
