/*
 * promise.c — Promise objects (#sec-promise-objects): the constructor, its
 * statics (all, allSettled, any, race, reject, resolve, try, withResolvers,
 * @@species), the prototype (then, catch, finally), the resolving functions
 * and the two promise jobs.
 *
 * Representation:
 *  - A PromiseObject holds [[PromiseState]], [[PromiseResult]],
 *    [[PromiseIsHandled]] and one list of PromiseReaction cells: every
 *    PerformPromiseThen adds a fulfill and a reject reaction together, so one
 *    record carries both handlers and the job picks one by the settlement.
 *  - The spec's built-in closures (resolving functions, the capability
 *    executor, combinator element functions, finally's helpers) are
 *    PromiseClosure objects: a built-in function with two Value slots, an
 *    index and an [[AlreadyCalled]] flag. A flag shared by two functions
 *    (resolve/reject, allSettled's pair) lives on the first, which the
 *    second points at.
 *  - Combinators share a CombinatorState cell: the values list, the
 *    remaining-elements count and the result capability.
 */
#include "builtins/promise.h"

#include "builtins/iterator_ops.h"
#include "vm/jobs.h"
#include "vm/string.h"

/* ---- objects and cells ----------------------------------------------------------- */

typedef struct PromiseReaction {
    InternalCell base;
    struct PromiseReaction *next;
    Value cap_promise; /* undefined: no resultCapability */
    Value cap_resolve, cap_reject;
    Value on_fulfilled, on_rejected; /* callables or VAL_EMPTY (the spec's ~empty~) */
    PromiseNativeHandler native;     /* when set, handles both outcomes */
    Value native_data;
    Context *native_realm;
} PromiseReaction;

typedef struct PromiseObject {
    Object base;
    uint8_t state;         /* PromiseState */
    bool is_handled;       /* [[PromiseIsHandled]] */
    bool already_resolved; /* internal resolution happened (promise_resolve_value) */
    Value result;
    PromiseReaction *first, *last; /* pending reactions, in order */
} PromiseObject;

static void promise_trace(Runtime *rt, Object *o) {
    PromiseObject *p = (PromiseObject *)o;
    gc_mark_value(rt, p->result);
    if (p->first) gc_mark_cell(rt, &p->first->base.hdr);
}

const ClassDef class_promise = {
    .id = CLASS_PROMISE,
    .name = "Promise",
    .trace = promise_trace,
};

static void reaction_trace(Runtime *rt, Cell *c) {
    PromiseReaction *r = (PromiseReaction *)c;
    if (r->next) gc_mark_cell(rt, &r->next->base.hdr);
    gc_mark_value(rt, r->cap_promise);
    gc_mark_value(rt, r->cap_resolve);
    gc_mark_value(rt, r->cap_reject);
    gc_mark_value(rt, r->on_fulfilled);
    gc_mark_value(rt, r->on_rejected);
    gc_mark_value(rt, r->native_data);
    if (r->native_realm) gc_mark_realm(rt, r->native_realm);
}

static const InternalCellOps reaction_ops = {"PromiseReaction", reaction_trace, NULL};

typedef struct PromiseClosure PromiseClosure;
typedef Value (*ClosureSteps)(Context *ctx, PromiseClosure *self, int argc, const Value *argv);

struct PromiseClosure {
    NativeFunction base; /* realm in base.realm; GetFunctionRealm reads it */
    ClosureSteps steps;
    uint32_t index;
    bool already_called;
    Value slots[2];
};

static void closure_trace(Runtime *rt, Object *o) {
    PromiseClosure *c = (PromiseClosure *)o;
    gc_mark_values(rt, c->slots, 2);
    gc_mark_realm(rt, c->base.realm);
}

static Value closure_call(Context *ctx, Object *f, Value this_value, int argc, const Value *argv) {
    PromiseClosure *c = (PromiseClosure *)f;
    Context *realm = c->base.realm ? c->base.realm : ctx;
    Runtime *rt = ctx->rt;
    Context *saved = rt->current;
    rt->current = realm;
    Value r = c->steps(realm, c, argc, argv);
    rt->current = saved;
    return r;
}

static const ClassDef class_promise_closure = {
    .id = CLASS_NATIVE_FUNCTION,
    .name = "Function",
    .trace = closure_trace,
    .call = closure_call,
};

/* CreateBuiltinFunction(steps, length, "", « ... ») for a closure. */
static PromiseClosure *closure_new(Context *ctx, ClosureSteps steps, int length, Value slot0,
                                   Value slot1) {
    PromiseClosure *c = (PromiseClosure *)obj_alloc(ctx, &class_promise_closure,
                                                    ctx_intrinsic_obj(ctx, INTR_FunctionPrototype),
                                                    sizeof(PromiseClosure));
    if (!c) return NULL;
    c->base.base.hdr.flags |= OBJ_CALLABLE;
    c->base.realm = ctx;
    c->steps = steps;
    c->slots[0] = slot0;
    c->slots[1] = slot1;
    if (SetFunctionLength(ctx, &c->base.base, length) < 0 ||
        SetFunctionName(ctx, &c->base.base, KEY(ctx->rt, empty), NULL) < 0)
        return NULL;
    return c;
}

static inline Value closure_value(PromiseClosure *c) {
    return val_from_object(&c->base.base);
}
static inline PromiseClosure *closure_of(Value v) {
    return (PromiseClosure *)val_as_object(v);
}
static inline PromiseObject *promise_of(Value v) {
    return (PromiseObject *)val_as_object(v);
}

/* A throw completion's value: takes the pending exception. False when it
 * is uncatchable (an interrupt) and must keep propagating. */
static bool take_abrupt(Runtime *rt, Value *out) {
    if (rt->exception_uncatchable) return false;
    *out = rt_take_exception(rt);
    return true;
}

/* The realm of a handler's job: GetFunctionRealm, or the current realm when
 * that fails (a revoked proxy) — steps 3.a-c of #sec-newpromisereactionjob. */
static Context *handler_realm(Context *ctx, Value handler) {
    Context *realm = GetFunctionRealm(ctx, val_as_object(handler));
    if (!realm) {
        Value ignored;
        take_abrupt(ctx->rt, &ignored);
        realm = ctx;
    }
    return realm;
}

bool IsPromise(Value x) {
    return val_is_object(x) && val_as_object(x)->cls == &class_promise;
}

PromiseState promise_state(Object *promise) {
    return (PromiseState)((PromiseObject *)promise)->state;
}

Value promise_result(Object *promise) {
    return ((PromiseObject *)promise)->result;
}

Object *promise_create(Context *ctx, Object *proto) {
    if (!proto) proto = ctx_intrinsic_obj(ctx, INTR_PromisePrototype);
    PromiseObject *p =
        (PromiseObject *)obj_alloc(ctx, &class_promise, proto, sizeof(PromiseObject));
    if (!p) return NULL;
    p->state = PROMISE_PENDING;
    p->result = VAL_UNDEFINED;
    return &p->base;
}

/* ---- settling ------------------------------------------------------------------------ */

static Value reaction_job(Context *ctx, const Value *args);
static Value resolve_thenable_job(Context *ctx, const Value *args);

/* Enqueues NewPromiseReactionJob(reaction, argument) — #sec-newpromisereactionjob */
static int enqueue_reaction_job(Context *ctx, PromiseReaction *r, Value argument, bool rejected) {
    Value handler = rejected ? r->on_rejected : r->on_fulfilled;
    Context *realm = NULL; /* the spec's null realm for an ~empty~ handler */
    if (r->native)
        realm = r->native_realm;
    else if (handler != VAL_EMPTY)
        realm = handler_realm(ctx, handler);
    return HostEnqueuePromiseJob(ctx->rt, reaction_job, realm, val_from_cell(&r->base.hdr),
                                 argument, val_from_bool(rejected));
}

/* TriggerPromiseReactions ( reactions, argument ) — #sec-triggerpromisereactions */
static Value TriggerPromiseReactions(Context *ctx, PromiseReaction *reactions, Value argument,
                                     bool rejected) {
    Runtime *rt = ctx->rt;
    /* The detached list is reachable only from here: keep its head rooted. */
    if (reactions) gc_protect_cell(rt, &reactions->base.hdr);
    for (PromiseReaction *r = reactions; r; r = r->next)
        TRY_I(enqueue_reaction_job(ctx, r, argument, rejected));
    return VAL_UNDEFINED;
}

/* FulfillPromise ( promise, value ) — #sec-fulfillpromise */
static Value FulfillPromise(Context *ctx, PromiseObject *p, Value value) {
    PromiseReaction *reactions = p->first;
    p->first = p->last = NULL;
    p->result = value;
    p->state = PROMISE_FULFILLED;
    GC_WRITE_BARRIER(ctx->rt, p, value);
    return TriggerPromiseReactions(ctx, reactions, value, false);
}

/* RejectPromise ( promise, reason ) — #sec-rejectpromise */
static Value RejectPromise(Context *ctx, PromiseObject *p, Value reason) {
    PromiseReaction *reactions = p->first;
    p->first = p->last = NULL;
    p->result = reason;
    p->state = PROMISE_REJECTED;
    GC_WRITE_BARRIER(ctx->rt, p, reason);
    if (!p->is_handled) HostPromiseRejectionTracker(ctx, &p->base, false);
    return TriggerPromiseReactions(ctx, reactions, reason, true);
}

/* Steps 7-16 of Promise Resolve Functions — #sec-promise-resolve-functions
 * (after the [[AlreadyResolved]] check). */
static Value resolve_steps(Context *ctx, PromiseObject *p, Value resolution) {
    Runtime *rt = ctx->rt;
    if (val_is_object(resolution) && val_as_object(resolution) == &p->base) {
        String *msg = str_from_cstr(rt, "Chaining cycle detected for promise");
        if (!msg) return VAL_EXCEPTION;
        Value err = error_new(ctx, ERR_TYPE, msg);
        TRY(err);
        return RejectPromise(ctx, p, err);
    }
    if (!val_is_object(resolution)) return FulfillPromise(ctx, p, resolution);
    Value then = Get(ctx, val_as_object(resolution), KEY(rt, then));
    if (val_is_exception(then)) {
        Value reason;
        if (!take_abrupt(rt, &reason)) return VAL_EXCEPTION;
        return RejectPromise(ctx, p, reason);
    }
    if (!val_is_callable(then)) return FulfillPromise(ctx, p, resolution);
    /* NewPromiseResolveThenableJob — its realm is the then function's. */
    Context *realm = handler_realm(ctx, then);
    TRY_I(HostEnqueuePromiseJob(rt, resolve_thenable_job, realm, val_from_object(&p->base),
                                resolution, then));
    return VAL_UNDEFINED;
}

Value promise_resolve_value(Context *ctx, Object *promise, Value resolution) {
    PromiseObject *p = (PromiseObject *)promise;
    if (p->already_resolved) return VAL_UNDEFINED;
    p->already_resolved = true;
    return resolve_steps(ctx, p, resolution);
}

Value promise_reject_value(Context *ctx, Object *promise, Value reason) {
    PromiseObject *p = (PromiseObject *)promise;
    if (p->already_resolved) return VAL_UNDEFINED;
    p->already_resolved = true;
    return RejectPromise(ctx, p, reason);
}

/* ---- resolving functions ------------------------------------------------------------- */

/* Promise Resolve Functions — #sec-promise-resolve-functions.
 * slots[0]: the promise; the shared [[AlreadyResolved]] is this function's flag. */
static Value resolve_function_steps(Context *ctx, PromiseClosure *self, int argc,
                                    const Value *argv) {
    if (self->already_called) return VAL_UNDEFINED;
    self->already_called = true;
    return resolve_steps(ctx, promise_of(self->slots[0]), ARG(0));
}

/* Promise Reject Functions — #sec-promise-reject-functions.
 * slots[0]: the promise; slots[1]: the resolve function holding the flag. */
static Value reject_function_steps(Context *ctx, PromiseClosure *self, int argc,
                                   const Value *argv) {
    PromiseClosure *partner = closure_of(self->slots[1]);
    if (partner->already_called) return VAL_UNDEFINED;
    partner->already_called = true;
    return RejectPromise(ctx, promise_of(self->slots[0]), ARG(0));
}

/* CreateResolvingFunctions ( promise ) — #sec-createresolvingfunctions */
static int CreateResolvingFunctions(Context *ctx, Object *promise, Value *resolve, Value *reject) {
    Value p = val_from_object(promise);
    PromiseClosure *res = closure_new(ctx, resolve_function_steps, 1, p, VAL_UNDEFINED);
    if (!res) return -1;
    PromiseClosure *rej = closure_new(ctx, reject_function_steps, 1, p, closure_value(res));
    if (!rej) return -1;
    *resolve = closure_value(res);
    *reject = closure_value(rej);
    return 0;
}

/* ---- jobs ---------------------------------------------------------------------------- */

/* The Job of NewPromiseReactionJob ( reaction, argument ) —
 * #sec-newpromisereactionjob. args: reaction cell, argument, rejected. */
static Value reaction_job(Context *ctx, const Value *args) {
    Runtime *rt = ctx->rt;
    PromiseReaction *r = (PromiseReaction *)val_as_cell(args[0]);
    Value argument = args[1];
    bool rejected = args[2] == VAL_TRUE;
    Value handler = rejected ? r->on_rejected : r->on_fulfilled;
    Value value = argument;
    bool abrupt = rejected;
    if (r->native) {
        value = r->native(ctx, argument, rejected, r->native_data);
        if (val_is_undefined(r->cap_promise)) return value;
        abrupt = val_is_exception(value);
        if (abrupt && !take_abrupt(rt, &value)) return VAL_EXCEPTION;
    } else if (handler != VAL_EMPTY) {
        value = Call(ctx, handler, VAL_UNDEFINED, 1, &argument);
        abrupt = val_is_exception(value);
        if (abrupt && !take_abrupt(rt, &value)) return VAL_EXCEPTION;
    }
    if (val_is_undefined(r->cap_promise)) {
        /* Only engine-internal reactions lack a capability, and their
         * handlers do not throw; if one did, report it like a job error. */
        return abrupt ? throw_value(ctx, value) : VAL_UNDEFINED;
    }
    PromiseCapability cap = {r->cap_promise, r->cap_resolve, r->cap_reject};
    return abrupt ? capability_reject(ctx, &cap, value) : capability_resolve(ctx, &cap, value);
}

/* The Job of NewPromiseResolveThenableJob ( promiseToResolve, thenable, then )
 * — #sec-newpromiseresolvethenablejob. args: promise, thenable, then. */
static Value resolve_thenable_job(Context *ctx, const Value *args) {
    Value fns[2];
    TRY_I(CreateResolvingFunctions(ctx, val_as_object(args[0]), &fns[0], &fns[1]));
    Value r = Call(ctx, args[2], args[1], 2, fns);
    if (val_is_exception(r)) {
        Value reason;
        if (!take_abrupt(ctx->rt, &reason)) return VAL_EXCEPTION;
        return Call(ctx, fns[1], VAL_UNDEFINED, 1, &reason);
    }
    return r;
}

/* ---- capabilities -------------------------------------------------------------------- */

static Value promise_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic);

/* Whether C is some realm's %Promise% (creating a promise through it is
 * unobservable apart from reading C.prototype). */
static bool is_intrinsic_promise_constructor(Value C) {
    if (!val_is_object(C)) return false;
    Object *o = val_as_object(C);
    return o->cls == &class_native_function && ((NativeFunction *)o)->fn == promise_constructor;
}

/* GetCapabilitiesExecutor Functions — the executor closure of
 * #sec-newpromisecapability. slots: [[Resolve]], [[Reject]]. */
static Value capabilities_executor_steps(Context *ctx, PromiseClosure *self, int argc,
                                         const Value *argv) {
    if (!val_is_undefined(self->slots[0]))
        return throw_type_error(
            ctx, "Promise executor has already been invoked with a resolve function");
    if (!val_is_undefined(self->slots[1]))
        return throw_type_error(ctx,
                                "Promise executor has already been invoked with a reject function");
    self->slots[0] = ARG(0);
    self->slots[1] = ARG(1);
    GC_WRITE_BARRIER(ctx->rt, self, ARG(0));
    return VAL_UNDEFINED;
}

/* NewPromiseCapability ( C ) — #sec-newpromisecapability */
int NewPromiseCapability(Context *ctx, Value C, bool need_functions, PromiseCapability *out) {
    if (!val_is_constructor(C)) {
        throw_type_error(ctx, "Promise capability: the constructor is not a constructor");
        return -1;
    }
    if (is_intrinsic_promise_constructor(C)) {
        /* Construct(%Promise%, « executor ») minus the unobservable steps. */
        /* C.prototype is non-writable and non-configurable: reading it can
         * only give the realm's %Promise.prototype%. */
        Context *realm = ((NativeFunction *)val_as_object(C))->realm;
        if (!realm) realm = ctx;
        Object *p = promise_create(realm, ctx_intrinsic_obj(realm, INTR_PromisePrototype));
        if (!p) return -1;
        out->promise = val_from_object(p);
        out->resolve = out->reject = VAL_EMPTY;
        if (need_functions) ITRY_I(CreateResolvingFunctions(realm, p, &out->resolve, &out->reject));
        return 0;
    }
    PromiseClosure *executor =
        closure_new(ctx, capabilities_executor_steps, 2, VAL_UNDEFINED, VAL_UNDEFINED);
    if (!executor) return -1;
    Value exec = closure_value(executor);
    Value promise = Construct(ctx, C, 1, &exec, VAL_UNDEFINED);
    ITRY(promise);
    if (!val_is_callable(executor->slots[0])) {
        throw_type_error(ctx, "Promise resolve function is not callable");
        return -1;
    }
    if (!val_is_callable(executor->slots[1])) {
        throw_type_error(ctx, "Promise reject function is not callable");
        return -1;
    }
    out->promise = promise;
    out->resolve = gc_protect(ctx->rt, executor->slots[0]);
    out->reject = gc_protect(ctx->rt, executor->slots[1]);
    return 0;
}

Value capability_resolve(Context *ctx, const PromiseCapability *cap, Value v) {
    if (cap->resolve == VAL_EMPTY)
        return promise_resolve_value(ctx, val_as_object(cap->promise), v);
    return Call(ctx, cap->resolve, VAL_UNDEFINED, 1, &v);
}

Value capability_reject(Context *ctx, const PromiseCapability *cap, Value v) {
    if (cap->reject == VAL_EMPTY) return promise_reject_value(ctx, val_as_object(cap->promise), v);
    return Call(ctx, cap->reject, VAL_UNDEFINED, 1, &v);
}

/* IfAbruptRejectPromise ( value, capability ) — #sec-ifabruptrejectpromise,
 * for a value that is VAL_EXCEPTION: rejects and returns the promise. */
static Value IfAbruptRejectPromise(Context *ctx, const PromiseCapability *cap) {
    Value reason;
    if (!take_abrupt(ctx->rt, &reason)) return VAL_EXCEPTION;
    TRY(capability_reject(ctx, cap, reason));
    return cap->promise;
}

/* PromiseResolve ( C, x ) — #sec-promise-resolve */
Value PromiseResolve(Context *ctx, Value C, Value x) {
    if (IsPromise(x)) {
        Value x_ctor = Get(ctx, val_as_object(x), KEY(ctx->rt, constructor));
        TRY(x_ctor);
        if (SameValue(x_ctor, C)) return x;
    }
    PromiseCapability cap;
    TRY_I(NewPromiseCapability(ctx, C, false, &cap));
    TRY(capability_resolve(ctx, &cap, x));
    return cap.promise;
}

/* ---- then ---------------------------------------------------------------------------- */

static PromiseReaction *reaction_new(Context *ctx) {
    PromiseReaction *r = gc_alloc(ctx->rt, CELL_INTERNAL, sizeof(PromiseReaction));
    if (!r) return NULL;
    r->base.ops = &reaction_ops;
    r->cap_promise = r->cap_resolve = r->cap_reject = VAL_UNDEFINED;
    r->on_fulfilled = r->on_rejected = VAL_EMPTY;
    r->native_data = VAL_UNDEFINED;
    return r;
}

/* Steps 9-14 of PerformPromiseThen: file the reaction or queue its job. */
static int attach_reaction(Context *ctx, PromiseObject *p, PromiseReaction *r) {
    if (p->state == PROMISE_PENDING) {
        if (p->last)
            p->last->next = r;
        else
            p->first = r;
        p->last = r;
        GC_WRITE_BARRIER(ctx->rt, p, r);
    } else if (p->state == PROMISE_FULFILLED) {
        ITRY_I(enqueue_reaction_job(ctx, r, p->result, false));
    } else {
        if (!p->is_handled) HostPromiseRejectionTracker(ctx, &p->base, true);
        ITRY_I(enqueue_reaction_job(ctx, r, p->result, true));
    }
    p->is_handled = true;
    return 0;
}

/* PerformPromiseThen ( promise, onFulfilled, onRejected [ , resultCapability ] )
 * — #sec-performpromisethen */
Value PerformPromiseThen(Context *ctx, Object *promise, Value on_fulfilled, Value on_rejected,
                         const PromiseCapability *cap) {
    PromiseReaction *r = reaction_new(ctx);
    if (!r) return VAL_EXCEPTION;
    if (val_is_callable(on_fulfilled)) r->on_fulfilled = on_fulfilled;
    if (val_is_callable(on_rejected)) r->on_rejected = on_rejected;
    if (cap) {
        r->cap_promise = cap->promise;
        r->cap_resolve = cap->resolve;
        r->cap_reject = cap->reject;
    }
    TRY_I(attach_reaction(ctx, (PromiseObject *)promise, r));
    return cap ? cap->promise : VAL_UNDEFINED;
}

int PerformPromiseThenNative(Context *ctx, Object *promise, PromiseNativeHandler fn, Value data) {
    return PerformPromiseThenNativeCapability(ctx, promise, fn, data, NULL);
}

int PerformPromiseThenNativeCapability(Context *ctx, Object *promise, PromiseNativeHandler fn,
                                       Value data, const PromiseCapability *cap) {
    PromiseReaction *r = reaction_new(ctx);
    if (!r) return -1;
    r->native = fn;
    r->native_data = data;
    r->native_realm = ctx;
    if (cap) {
        r->cap_promise = cap->promise;
        r->cap_resolve = cap->resolve;
        r->cap_reject = cap->reject;
    }
    return attach_reaction(ctx, (PromiseObject *)promise, r);
}

static Value promise_species(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic);

/* SpeciesConstructor ( promise, %Promise% ) — #sec-speciesconstructor, without
 * calling the getter when C[@@species] is still the original accessor (which
 * returns C): the common case of every then(). */
static Value promise_species_constructor(Context *ctx, Object *promise) {
    Runtime *rt = ctx->rt;
    Value default_ctor = ctx_intrinsic(ctx, INTR_Promise);
    Value C = Get(ctx, promise, KEY(rt, constructor));
    TRY(C);
    if (is_intrinsic_promise_constructor(C)) {
        Value stored;
        uint8_t attrs;
        if (obj_lookup_own_fast(val_as_object(C), KEY_SYM(rt, species), &stored, &attrs) &&
            (attrs & PROP_ACCESSOR) && val_is_cell(stored)) {
            Value getter = ((Accessor *)val_as_cell(stored))->getter;
            Object *g = val_is_object(getter) ? val_as_object(getter) : NULL;
            if (g && g->cls == &class_native_function &&
                ((NativeFunction *)g)->fn == promise_species)
                return C;
        }
    }
    if (val_is_undefined(C)) return default_ctor;
    if (!val_is_object(C)) return throw_type_error(ctx, "object.constructor is not an object");
    Value S = Get(ctx, val_as_object(C), KEY_SYM(rt, species));
    TRY(S);
    if (val_is_nullish(S)) return default_ctor;
    if (val_is_constructor(S)) return S;
    return throw_type_error(ctx, "object.constructor[Symbol.species] is not a constructor");
}

/* Promise.prototype.then ( onFulfilled, onRejected ) — #sec-promise.prototype.then */
static Value promise_proto_then(Context *ctx, Value this_value, int argc, const Value *argv,
                                Value new_target, int magic) {
    if (!IsPromise(this_value))
        return throw_type_error(ctx, "Promise.prototype.then called on a non-promise");
    Object *promise = val_as_object(this_value);
    Value C = promise_species_constructor(ctx, promise);
    TRY(C);
    PromiseCapability cap;
    TRY_I(NewPromiseCapability(ctx, C, false, &cap));
    return PerformPromiseThen(ctx, promise, ARG(0), ARG(1), &cap);
}

/* Promise.prototype.catch ( onRejected ) — #sec-promise.prototype.catch */
static Value promise_proto_catch(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    Value args[2] = {VAL_UNDEFINED, ARG(0)};
    return Invoke(ctx, this_value, KEY(ctx->rt, then), 2, args);
}

/* The returnValue closure of thenFinally (slots[0]: value). */
static Value value_thunk_steps(Context *ctx, PromiseClosure *self, int argc, const Value *argv) {
    return self->slots[0];
}

/* The throwReason closure of catchFinally (slots[0]: reason). */
static Value thrower_steps(Context *ctx, PromiseClosure *self, int argc, const Value *argv) {
    return throw_value(ctx, self->slots[0]);
}

/* thenFinally / catchFinally of Promise.prototype.finally (slots: onFinally,
 * C; index 0: then, 1: catch). */
static Value finally_steps(Context *ctx, PromiseClosure *self, int argc, const Value *argv) {
    Value result = Call(ctx, self->slots[0], VAL_UNDEFINED, 0, NULL);
    TRY(result);
    Value p = PromiseResolve(ctx, self->slots[1], result);
    TRY(p);
    PromiseClosure *next = closure_new(ctx, self->index == 0 ? value_thunk_steps : thrower_steps, 0,
                                       ARG(0), VAL_UNDEFINED);
    if (!next) return VAL_EXCEPTION;
    Value fn = closure_value(next);
    return Invoke(ctx, p, KEY(ctx->rt, then), 1, &fn);
}

/* Promise.prototype.finally ( onFinally ) — #sec-promise.prototype.finally */
static Value promise_proto_finally(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    if (!val_is_object(this_value))
        return throw_type_error(ctx, "Promise.prototype.finally called on a non-object");
    Value C = SpeciesConstructor(ctx, val_as_object(this_value), ctx_intrinsic(ctx, INTR_Promise));
    TRY(C);
    Value on_finally = ARG(0);
    Value handlers[2] = {on_finally, on_finally};
    if (val_is_callable(on_finally)) {
        for (int i = 0; i < 2; i++) {
            PromiseClosure *c = closure_new(ctx, finally_steps, 1, on_finally, C);
            if (!c) return VAL_EXCEPTION;
            c->index = (uint32_t)i;
            handlers[i] = closure_value(c);
        }
    }
    return Invoke(ctx, this_value, KEY(ctx->rt, then), 2, handlers);
}

/* ---- the constructor and its simple statics ----------------------------------------- */

/* Promise ( executor ) — #sec-promise-executor */
static Value promise_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    if (val_is_undefined(new_target))
        return throw_type_error(ctx, "Promise constructor cannot be invoked without 'new'");
    Value executor = ARG(0);
    if (!val_is_callable(executor))
        return throw_type_error(ctx, "Promise resolver is not a function");
    Object *proto = GetPrototypeFromConstructor(ctx, new_target, INTR_PromisePrototype);
    if (!proto) return VAL_EXCEPTION;
    Object *promise = promise_create(ctx, proto);
    if (!promise) return VAL_EXCEPTION;
    Value fns[2];
    TRY_I(CreateResolvingFunctions(ctx, promise, &fns[0], &fns[1]));
    Value r = Call(ctx, executor, VAL_UNDEFINED, 2, fns);
    if (val_is_exception(r)) {
        Value reason;
        if (!take_abrupt(ctx->rt, &reason)) return VAL_EXCEPTION;
        TRY(Call(ctx, fns[1], VAL_UNDEFINED, 1, &reason));
    }
    return val_from_object(promise);
}

/* Promise.reject ( r ) — #sec-promise.reject */
static Value promise_reject(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    PromiseCapability cap;
    TRY_I(NewPromiseCapability(ctx, this_value, false, &cap));
    TRY(capability_reject(ctx, &cap, ARG(0)));
    return cap.promise;
}

/* Promise.resolve ( x ) — #sec-promise.resolve */
static Value promise_resolve(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    if (!val_is_object(this_value))
        return throw_type_error(ctx, "Promise.resolve called on a non-object");
    return PromiseResolve(ctx, this_value, ARG(0));
}

/* Promise.try ( callback, ...args ) — #sec-promise.try */
static Value promise_try(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    if (!val_is_object(this_value))
        return throw_type_error(ctx, "Promise.try called on a non-object");
    PromiseCapability cap;
    TRY_I(NewPromiseCapability(ctx, this_value, false, &cap));
    Value status =
        Call(ctx, ARG(0), VAL_UNDEFINED, argc > 1 ? argc - 1 : 0, argc > 1 ? argv + 1 : NULL);
    if (val_is_exception(status)) {
        Value reason;
        if (!take_abrupt(ctx->rt, &reason)) return VAL_EXCEPTION;
        TRY(capability_reject(ctx, &cap, reason));
    } else {
        TRY(capability_resolve(ctx, &cap, status));
    }
    return cap.promise;
}

/* Promise.withResolvers ( ) — #sec-promise.withResolvers */
static Value promise_with_resolvers(Context *ctx, Value this_value, int argc, const Value *argv,
                                    Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    PromiseCapability cap;
    TRY_I(NewPromiseCapability(ctx, this_value, true, &cap));
    Object *obj = obj_new_plain(ctx);
    if (!obj) return VAL_EXCEPTION;
    TRY(CreateDataPropertyOrThrow(ctx, obj, KEY(rt, promise), cap.promise));
    TRY(CreateDataPropertyOrThrow(ctx, obj, KEY(rt, resolve), cap.resolve));
    TRY(CreateDataPropertyOrThrow(ctx, obj, KEY(rt, reject), cap.reject));
    return val_from_object(obj);
}

/* get Promise [ %Symbol.species% ] — #sec-get-promise-%symbol.species% */
static Value promise_species(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    return this_value;
}

/* ---- combinators: all, allSettled, any, race ----------------------------------------- */

typedef enum { COMB_ALL, COMB_ALL_SETTLED, COMB_ANY, COMB_RACE } CombinatorKind;

/* What the element functions of one combinator call share: [[Values]] (or
 * [[Errors]]), [[RemainingElements]] and [[Capability]]. */
typedef struct CombinatorState {
    InternalCell base;
    ValueArray *values;
    uint64_t remaining;
    Value cap_promise, cap_resolve, cap_reject;
} CombinatorState;

static void combinator_state_trace(Runtime *rt, Cell *c) {
    CombinatorState *s = (CombinatorState *)c;
    if (s->values) gc_mark_cell(rt, &s->values->hdr);
    gc_mark_value(rt, s->cap_promise);
    gc_mark_value(rt, s->cap_resolve);
    gc_mark_value(rt, s->cap_reject);
}

static const InternalCellOps combinator_state_ops = {"PromiseCombinatorState",
                                                     combinator_state_trace, NULL};

static inline PromiseCapability state_capability(const CombinatorState *s) {
    PromiseCapability cap = {s->cap_promise, s->cap_resolve, s->cap_reject};
    return cap;
}

/* A newly created AggregateError with "errors" from the list — step 10 of
 * #sec-promise.any-reject-element-functions. */
static Value aggregate_error_from(Context *ctx, ValueArray *errors) {
    Runtime *rt = ctx->rt;
    String *msg = str_from_cstr(rt, "All promises were rejected");
    if (!msg) return VAL_EXCEPTION;
    Value err = error_new(ctx, ERR_AGGREGATE, msg);
    TRY(err);
    Object *list = CreateArrayFromList(ctx, errors->items, errors->length);
    if (!list) return VAL_EXCEPTION;
    PropertyDescriptor d = desc_data(val_from_object(list), PROP_BUILTIN);
    TRY(DefinePropertyOrThrow(ctx, val_as_object(err), KEY(rt, errors), &d));
    return err;
}

/* Resolves the capability with CreateArrayFromList(values) once the count
 * reaches zero — the common tail of the element functions. */
static Value finish_if_done(Context *ctx, CombinatorState *s) {
    if (--s->remaining != 0) return VAL_UNDEFINED;
    PromiseCapability cap = state_capability(s);
    Object *array = CreateArrayFromList(ctx, s->values->items, s->values->length);
    if (!array) return VAL_EXCEPTION;
    return capability_resolve(ctx, &cap, val_from_object(array));
}

/* `Promise.all` Resolve Element Functions — #sec-promise.all-resolve-element-functions */
static Value all_resolve_element(Context *ctx, PromiseClosure *self, int argc, const Value *argv) {
    if (self->already_called) return VAL_UNDEFINED;
    self->already_called = true;
    CombinatorState *s = (CombinatorState *)val_as_cell(self->slots[0]);
    s->values->items[self->index] = ARG(0);
    return finish_if_done(ctx, s);
}

/* `Promise.allSettled` Resolve / Reject Element Functions —
 * #sec-promise.allsettled-resolve-element-functions,
 * #sec-promise.allsettled-reject-element-functions. slots[1]: the function
 * holding the shared alreadyCalled (itself for the resolve element). */
static Value settled_element(Context *ctx, PromiseClosure *self, int argc, const Value *argv,
                             bool rejected) {
    Runtime *rt = ctx->rt;
    PromiseClosure *flag_holder = rejected ? closure_of(self->slots[1]) : self;
    if (flag_holder->already_called) return VAL_UNDEFINED;
    flag_holder->already_called = true;
    CombinatorState *s = (CombinatorState *)val_as_cell(self->slots[0]);
    Object *obj = obj_new_plain(ctx);
    if (!obj) return VAL_EXCEPTION;
    Value status = val_from_string(rejected ? ATOM(rt, rejected) : ATOM(rt, fulfilled));
    TRY(CreateDataPropertyOrThrow(ctx, obj, KEY(rt, status), status));
    TRY(CreateDataPropertyOrThrow(ctx, obj, rejected ? KEY(rt, reason) : KEY(rt, value), ARG(0)));
    s->values->items[self->index] = val_from_object(obj);
    return finish_if_done(ctx, s);
}
static Value settled_resolve_element(Context *ctx, PromiseClosure *self, int argc,
                                     const Value *argv) {
    return settled_element(ctx, self, argc, argv, false);
}
static Value settled_reject_element(Context *ctx, PromiseClosure *self, int argc,
                                    const Value *argv) {
    return settled_element(ctx, self, argc, argv, true);
}

/* `Promise.any` Reject Element Functions — #sec-promise.any-reject-element-functions */
static Value any_reject_element(Context *ctx, PromiseClosure *self, int argc, const Value *argv) {
    if (self->already_called) return VAL_UNDEFINED;
    self->already_called = true;
    CombinatorState *s = (CombinatorState *)val_as_cell(self->slots[0]);
    s->values->items[self->index] = ARG(0);
    if (--s->remaining != 0) return VAL_UNDEFINED;
    Value err = aggregate_error_from(ctx, s->values);
    TRY(err);
    PromiseCapability cap = state_capability(s);
    return capability_reject(ctx, &cap, err);
}

/* PerformPromiseAll / PerformPromiseAllSettled / PerformPromiseAny /
 * PerformPromiseRace — #sec-performpromiseall, #sec-performpromiseallsettled,
 * #sec-performpromiseany, #sec-performpromiserace. */
static Value perform_combinator(Context *ctx, CombinatorKind kind, IteratorRecord *rec, Value C,
                                const PromiseCapability *cap, Value promise_resolve_fn) {
    Runtime *rt = ctx->rt;
    CombinatorState *s = NULL;
    if (kind != COMB_RACE) {
        s = gc_alloc(rt, CELL_INTERNAL, sizeof(CombinatorState));
        if (!s) return VAL_EXCEPTION;
        s->base.ops = &combinator_state_ops;
        s->cap_promise = cap->promise;
        s->cap_resolve = cap->resolve;
        s->cap_reject = cap->reject;
        s->remaining = 1;
        s->values = value_array_new(rt, 8);
        if (!s->values) return VAL_EXCEPTION;
    }
    for (uint64_t index = 0;; index++) {
        HandleMark mark = gc_scope_open(rt);
        Value next = IteratorStepValue(ctx, rec);
        if (val_is_exception(next)) {
            gc_scope_close(rt, mark);
            return VAL_EXCEPTION;
        }
        if (next == ITER_DONE) {
            gc_scope_close(rt, mark);
            if (kind == COMB_RACE) return cap->promise;
            if (--s->remaining == 0) {
                if (kind == COMB_ANY) {
                    Value err = aggregate_error_from(ctx, s->values);
                    TRY(err);
                    return throw_value(ctx, err);
                }
                Object *array = CreateArrayFromList(ctx, s->values->items, s->values->length);
                if (!array) return VAL_EXCEPTION;
                TRY(capability_resolve(ctx, cap, val_from_object(array)));
            }
            return cap->promise;
        }
        Value handlers[2] = {cap->resolve, cap->reject};
        if (kind != COMB_RACE) {
            if (index >= UINT32_MAX - 1) {
                gc_scope_close(rt, mark);
                return throw_range_error(ctx, "Too many elements passed to Promise combinator");
            }
            if (value_array_push(rt, s->values, VAL_UNDEFINED) < 0) goto fail;
        }
        Value next_promise = Call(ctx, promise_resolve_fn, C, 1, &next);
        if (val_is_exception(next_promise)) goto fail;
        if (kind != COMB_RACE) {
            Value state = val_from_cell(&s->base.hdr);
            PromiseClosure *on_fulfilled = NULL, *on_rejected = NULL;
            switch (kind) {
            case COMB_ALL:
                on_fulfilled = closure_new(ctx, all_resolve_element, 1, state, VAL_UNDEFINED);
                if (!on_fulfilled) goto fail;
                break;
            case COMB_ALL_SETTLED:
                on_fulfilled = closure_new(ctx, settled_resolve_element, 1, state, VAL_UNDEFINED);
                if (!on_fulfilled) goto fail;
                on_rejected =
                    closure_new(ctx, settled_reject_element, 1, state, closure_value(on_fulfilled));
                if (!on_rejected) goto fail;
                break;
            default: /* COMB_ANY */
                on_rejected = closure_new(ctx, any_reject_element, 1, state, VAL_UNDEFINED);
                if (!on_rejected) goto fail;
                break;
            }
            if (on_fulfilled) {
                on_fulfilled->index = (uint32_t)index;
                handlers[0] = closure_value(on_fulfilled);
            }
            if (on_rejected) {
                on_rejected->index = (uint32_t)index;
                handlers[1] = closure_value(on_rejected);
            }
            s->remaining++;
        }
        if (val_is_exception(Invoke(ctx, next_promise, KEY(rt, then), 2, handlers))) goto fail;
        gc_scope_close(rt, mark);
        continue;
    fail:
        gc_scope_close(rt, mark);
        return VAL_EXCEPTION;
    }
}

/* GetPromiseResolve ( promiseConstructor ) — #sec-getpromiseresolve */
static Value GetPromiseResolve(Context *ctx, Value C) {
    Value resolve = Get(ctx, val_as_object(C), KEY(ctx->rt, resolve));
    TRY(resolve);
    if (!val_is_callable(resolve))
        return throw_type_error(ctx, "Promise resolve is not a function");
    return resolve;
}

/* Promise.all / allSettled / any / race ( iterable ) — #sec-promise.all,
 * #sec-promise.allsettled, #sec-promise.any, #sec-promise.race (magic: kind) */
static Value promise_combinator(Context *ctx, Value this_value, int argc, const Value *argv,
                                Value new_target, int magic) {
    Value C = this_value;
    PromiseCapability cap;
    /* The element functions hand resolve/reject to user code (then). */
    TRY_I(NewPromiseCapability(ctx, C, true, &cap));
    Value promise_resolve_fn = GetPromiseResolve(ctx, C);
    if (val_is_exception(promise_resolve_fn)) return IfAbruptRejectPromise(ctx, &cap);
    IteratorRecord rec;
    if (GetIterator(ctx, ARG(0), ITER_KIND_SYNC, &rec) < 0) return IfAbruptRejectPromise(ctx, &cap);
    Value result =
        perform_combinator(ctx, (CombinatorKind)magic, &rec, C, &cap, promise_resolve_fn);
    if (val_is_exception(result)) {
        if (!rec.done && ctx->rt->exception_uncatchable) return VAL_EXCEPTION;
        if (!rec.done) IteratorClose(ctx, &rec, VAL_EXCEPTION);
        return IfAbruptRejectPromise(ctx, &cap);
    }
    return result;
}

/* ---- installation -------------------------------------------------------------------- */

static const BuiltinProp promise_static_props[] = {
    BP_FUNC_MAGIC("all", promise_combinator, 1, COMB_ALL),
    BP_FUNC_MAGIC("allSettled", promise_combinator, 1, COMB_ALL_SETTLED),
    BP_FUNC_MAGIC("any", promise_combinator, 1, COMB_ANY),
    BP_FUNC_MAGIC("race", promise_combinator, 1, COMB_RACE),
    BP_FUNC("reject", promise_reject, 1),
    BP_FUNC("resolve", promise_resolve, 1),
    BP_FUNC("try", promise_try, 1),
    BP_FUNC("withResolvers", promise_with_resolvers, 0),
    BP_GETSET("[Symbol.species]", promise_species, NULL),
};

static const BuiltinProp promise_proto_props[] = {
    BP_FUNC("then", promise_proto_then, 2),
    BP_FUNC("catch", promise_proto_catch, 1),
    BP_FUNC("finally", promise_proto_finally, 1),
    BP_STR("[Symbol.toStringTag]", "Promise", PROP_CONFIGURABLE),
};

int init_promise(Context *ctx) {
    Object *proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!proto) return -1;
    Object *ctor = builtins_make_constructor(ctx, "Promise", promise_constructor, 1, proto,
                                             INTR_Promise, INTR_PromisePrototype, true);
    if (!ctor) return -1;
    if (builtins_install(ctx, ctor, promise_static_props, BP_COUNT(promise_static_props)) < 0)
        return -1;
    return builtins_install(ctx, proto, promise_proto_props, BP_COUNT(promise_proto_props));
}
