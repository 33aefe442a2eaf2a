/*
 * promise.h — Promise objects (#sec-promise-objects): the operations other
 * parts of the engine need (async functions, async iteration, dynamic
 * import, the embedding API).
 *
 * Conventions: Value-returning operations give VAL_EXCEPTION when they threw
 * (only an allocation failure or user code reached through a capability can
 * throw); int-returning ones give -1.
 *
 * A PromiseCapability whose resolve/reject are VAL_EMPTY is "internal": it
 * was made for %Promise% itself by code that never hands the functions to
 * JavaScript (then, Promise.resolve, Await, ...). Creating the resolving
 * functions there is unobservable, so they are not created; calling the
 * capability resolves the promise directly, at most once.
 *
 * How async functions use this (builtins/async_function.c, vm/interp.c):
 *   AsyncFunctionStart — #sec-async-functions-abstract-operations-async-function-start
 *     p = promise_create(ctx, NULL); run the body; on return
 *     promise_resolve_value(ctx, p, v), on throw promise_reject_value(ctx, p, e).
 *   Await ( value ) — #sec-await
 *     1. promise = PromiseResolve(ctx, %Promise%, value)   (may throw: a
 *        "constructor" getter on a native promise)
 *     2. suspend the frame (the generator machinery keeps it in a heap object)
 *     3. PerformPromiseThenNative(ctx, promise, resume, frame_object)
 *     4. resume(ctx, argument, rejected, frame_object) runs in the reaction
 *        job and resumes the frame with a normal or a throw completion.
 *   The handlers Await creates are never visible to JavaScript, so they are C
 *   callbacks on the reaction record rather than function objects.
 */
#ifndef MICA_PROMISE_H
#define MICA_PROMISE_H

#include "builtins/builtins.h"

typedef enum PromiseState {
    PROMISE_PENDING = 0,
    PROMISE_FULFILLED = 1,
    PROMISE_REJECTED = 2,
} PromiseState;

/* PromiseCapability Records — #sec-promisecapability-records */
typedef struct PromiseCapability {
    Value promise;
    Value resolve; /* a function, or VAL_EMPTY: internal (see above) */
    Value reject;
} PromiseCapability;

extern const ClassDef class_promise;

/* IsPromise ( x ) — #sec-ispromise */
bool IsPromise(Value x);
PromiseState promise_state(Object *promise);
Value promise_result(Object *promise); /* undefined while pending */

/* A new pending promise with proto (NULL: the realm's %Promise.prototype%),
 * resolvable with promise_resolve_value / promise_reject_value. NULL on OOM. */
Object *promise_create(Context *ctx, Object *proto);

/* The steps of a promise's resolve function (#sec-promise-resolve-functions)
 * and reject function (#sec-promise-reject-functions) applied directly, for
 * promises whose resolving functions were never created. Only the first call
 * for a promise has an effect. VAL_UNDEFINED or VAL_EXCEPTION. */
Value promise_resolve_value(Context *ctx, Object *promise, Value resolution);
Value promise_reject_value(Context *ctx, Object *promise, Value reason);

/* NewPromiseCapability ( C ) — #sec-newpromisecapability. need_functions:
 * the caller hands resolve/reject to JavaScript, so they must be real
 * functions even for %Promise%. -1 on exception. The values are protected in
 * the caller's handle scope. */
int NewPromiseCapability(Context *ctx, Value C, bool need_functions, PromiseCapability *out);

/* Call ( capability.[[Resolve]] / [[Reject]], undefined, « v » ), internal
 * capabilities included. */
Value capability_resolve(Context *ctx, const PromiseCapability *cap, Value v);
Value capability_reject(Context *ctx, const PromiseCapability *cap, Value v);

/* PromiseResolve ( C, x ) — #sec-promise-resolve. C must be an Object. */
Value PromiseResolve(Context *ctx, Value C, Value x);

/* PerformPromiseThen ( promise, onFulfilled, onRejected [ , resultCapability ] )
 * — #sec-performpromisethen. cap NULL: no resultCapability (returns
 * undefined). Non-callable handlers count as absent. */
Value PerformPromiseThen(Context *ctx, Object *promise, Value on_fulfilled, Value on_rejected,
                         const PromiseCapability *cap);

/* A reaction handler written in C (see Await above). Runs as the reaction
 * job, in the realm that was current when it was attached; its result is the
 * job's completion (VAL_EXCEPTION: reported to the host like any job error). */
typedef Value (*PromiseNativeHandler)(Context *ctx, Value argument, bool rejected, Value data);
/* PerformPromiseThen(promise, onFulfilled, onRejected) where both handlers
 * are one C callback with `data` (kept alive by the reaction). 0 or -1 (OOM). */
int PerformPromiseThenNative(Context *ctx, Object *promise, PromiseNativeHandler fn, Value data);
/* The same with a resultCapability: the callback's completion (its value,
 * or VAL_EXCEPTION: the pending exception) settles cap, as a handler
 * function's would. */
int PerformPromiseThenNativeCapability(Context *ctx, Object *promise, PromiseNativeHandler fn,
                                       Value data, const PromiseCapability *cap);

#endif
