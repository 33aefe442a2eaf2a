/*
 * async_iteration.c — %AsyncIteratorPrototype% (#sec-asynciteratorprototype)
 * and Async-from-Sync Iterator objects (#sec-async-from-sync-iterator-objects),
 * which for-await and yield* use to iterate a sync iterable.
 */
#include "builtins/async.h"
#include "builtins/iterator_ops.h"
#include "builtins/promise.h"

typedef struct AsyncFromSyncIterator {
    Object base;
    Value iterator; /* [[SyncIteratorRecord]] */
    Value next_method;
} AsyncFromSyncIterator;

static void async_from_sync_trace(Runtime *rt, Object *o) {
    AsyncFromSyncIterator *it = (AsyncFromSyncIterator *)o;
    gc_mark_value(rt, it->iterator);
    gc_mark_value(rt, it->next_method);
}

static const ClassDef class_async_from_sync_iterator = {
    .id = CLASS_OBJECT,
    .name = "Object",
    .trace = async_from_sync_trace,
};

/* CreateAsyncFromSyncIterator ( syncIteratorRecord ) — #sec-createasyncfromsynciterator */
int CreateAsyncFromSyncIterator(Context *ctx, const IteratorRecord *sync, IteratorRecord *out) {
    AsyncFromSyncIterator *it = (AsyncFromSyncIterator *)obj_alloc(
        ctx, &class_async_from_sync_iterator,
        ctx_intrinsic_obj(ctx, INTR_AsyncFromSyncIteratorPrototype), sizeof(AsyncFromSyncIterator));
    if (!it) return -1;
    it->iterator = sync->iterator;
    it->next_method = sync->next_method;
    return GetIteratorDirect(ctx, val_from_object(&it->base), out);
}

/* The data of a continuation's reaction: [done, closeOnRejection, iterator, next]. */
enum { CONT_DONE, CONT_CLOSE, CONT_ITERATOR, CONT_NEXT, CONT_COUNT };

/* unwrap (#sec-asyncfromsynciteratorcontinuation step 9) when fulfilled;
 * when rejected closeIterator (step 13.a), or no handler: the rejection
 * passes on to the capability. */
static Value continuation_settled(Context *ctx, Value argument, bool rejected, Value data) {
    ValueArray *a = (ValueArray *)val_as_cell(data);
    bool done = a->items[CONT_DONE] == VAL_TRUE;
    if (!rejected) return CreateIterResultObject(ctx, argument, done);
    throw_value(ctx, argument);
    if (done || a->items[CONT_CLOSE] != VAL_TRUE) return VAL_EXCEPTION;
    IteratorRecord rec = {a->items[CONT_ITERATOR], a->items[CONT_NEXT], false};
    return IteratorClose(ctx, &rec, VAL_EXCEPTION);
}

/* IfAbruptRejectPromise with the pending exception — #sec-ifabruptrejectpromise */
static Value reject_abrupt(Context *ctx, Object *promise) {
    if (ctx->rt->exception_uncatchable) return VAL_EXCEPTION;
    TRY(promise_reject_value(ctx, promise, rt_take_exception(ctx->rt)));
    return val_from_object(promise);
}

/* AsyncFromSyncIteratorContinuation ( result, promiseCapability,
 * syncIteratorRecord, closeOnRejection ) — #sec-asyncfromsynciteratorcontinuation */
static Value AsyncFromSyncIteratorContinuation(Context *ctx, Value result, Object *promise,
                                               AsyncFromSyncIterator *it, bool close_on_rejection) {
    Runtime *rt = ctx->rt;
    Value done = IteratorComplete(ctx, result);
    if (val_is_exception(done)) return reject_abrupt(ctx, promise);
    Value value = IteratorValue(ctx, result);
    if (val_is_exception(value)) return reject_abrupt(ctx, promise);
    gc_protect(rt, value);
    Value wrapper = PromiseResolve(ctx, ctx_intrinsic(ctx, INTR_Promise), value);
    if (val_is_exception(wrapper)) {
        if (done == VAL_FALSE && close_on_rejection) {
            IteratorRecord rec = {it->iterator, it->next_method, false};
            IteratorClose(ctx, &rec, VAL_EXCEPTION);
        }
        return reject_abrupt(ctx, promise);
    }
    gc_protect(rt, wrapper);
    ValueArray *data = value_array_new(rt, CONT_COUNT);
    if (!data) return VAL_EXCEPTION;
    data->items[CONT_DONE] = done;
    data->items[CONT_CLOSE] = val_from_bool(close_on_rejection);
    data->items[CONT_ITERATOR] = it->iterator;
    data->items[CONT_NEXT] = it->next_method;
    data->length = CONT_COUNT;
    PromiseCapability cap = {val_from_object(promise), VAL_EMPTY, VAL_EMPTY};
    TRY_I(PerformPromiseThenNativeCapability(ctx, val_as_object(wrapper), continuation_settled,
                                             val_from_cell(&data->hdr), &cap));
    return val_from_object(promise);
}

static AsyncFromSyncIterator *this_async_from_sync(Value this_value) {
    if (!val_is_object(this_value)) return NULL;
    Object *o = obj_from_value(this_value);
    return o->cls == &class_async_from_sync_iterator ? (AsyncFromSyncIterator *)o : NULL;
}

/* %AsyncFromSyncIteratorPrototype%.next ( [ value ] ) — #sec-%asyncfromsynciteratorprototype%.next
 */
static Value async_from_sync_next(Context *ctx, Value this_value, int argc, const Value *argv,
                                  Value new_target, int magic) {
    AsyncFromSyncIterator *it = this_async_from_sync(this_value);
    if (!it) return throw_type_error(ctx, "not an Async-from-Sync Iterator");
    Object *promise = promise_create(ctx, NULL);
    if (!promise) return VAL_EXCEPTION;
    IteratorRecord rec = {it->iterator, it->next_method, false};
    Value result = IteratorNext(ctx, &rec, argc > 0 ? argv[0] : VAL_EMPTY);
    if (val_is_exception(result)) return reject_abrupt(ctx, promise);
    return AsyncFromSyncIteratorContinuation(ctx, result, promise, it, true);
}

/* %AsyncFromSyncIteratorPrototype%.return ( [ value ] ) and .throw ( [ value ] ) —
 * #sec-%asyncfromsynciteratorprototype%.return,
 * #sec-%asyncfromsynciteratorprototype%.throw; magic: ResumeMode. */
static Value async_from_sync_abrupt(Context *ctx, Value this_value, int argc, const Value *argv,
                                    Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    bool is_throw = magic == RESUME_THROW;
    AsyncFromSyncIterator *it = this_async_from_sync(this_value);
    if (!it) return throw_type_error(ctx, "not an Async-from-Sync Iterator");
    Object *promise = promise_create(ctx, NULL);
    if (!promise) return VAL_EXCEPTION;
    Value sync_iterator = it->iterator;
    Value method = GetMethod(ctx, sync_iterator, is_throw ? KEY(rt, throw) : KEY(rt, return ));
    if (val_is_exception(method)) return reject_abrupt(ctx, promise);
    if (val_is_undefined(method)) {
        if (is_throw) {
            /* Close the sync iterator, then reject: it has no throw(). */
            IteratorRecord rec = {it->iterator, it->next_method, false};
            if (val_is_exception(IteratorClose(ctx, &rec, VAL_UNDEFINED)))
                return reject_abrupt(ctx, promise);
            throw_type_error(ctx, "The iterator does not provide a 'throw' method");
            return reject_abrupt(ctx, promise);
        }
        Value result = CreateIterResultObject(ctx, ARG(0), true);
        TRY(result);
        TRY(promise_resolve_value(ctx, promise, result));
        return val_from_object(promise);
    }
    Value result = Call(ctx, method, sync_iterator, argc > 0 ? 1 : 0, argv);
    if (val_is_exception(result)) return reject_abrupt(ctx, promise);
    if (!val_is_object(result)) {
        throw_type_error(ctx, "Iterator result is not an object");
        return reject_abrupt(ctx, promise);
    }
    return AsyncFromSyncIteratorContinuation(ctx, result, promise, it, is_throw);
}

/* %AsyncIteratorPrototype% [ %Symbol.asyncIterator% ] ( ) —
 * #sec-%asynciteratorprototype%-%symbol.asynciterator% */
static Value async_iterator_self(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    return this_value;
}

static const BuiltinProp async_iterator_proto_props[] = {
    BP_FUNC("[Symbol.asyncIterator]", async_iterator_self, 0),
};

static const BuiltinProp async_from_sync_proto_props[] = {
    BP_FUNC("next", async_from_sync_next, 1),
    BP_FUNC_MAGIC("return", async_from_sync_abrupt, 1, RESUME_RETURN),
    BP_FUNC_MAGIC("throw", async_from_sync_abrupt, 1, RESUME_THROW),
};

int init_async_iteration(Context *ctx) {
    Object *ai_proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!ai_proto) return -1;
    ctx->intrinsics[INTR_AsyncIteratorPrototype] = val_from_object(ai_proto);
    if (builtins_install(ctx, ai_proto, async_iterator_proto_props,
                         BP_COUNT(async_iterator_proto_props)) < 0)
        return -1;
    Object *afs_proto = obj_new(ctx, ai_proto);
    if (!afs_proto) return -1;
    ctx->intrinsics[INTR_AsyncFromSyncIteratorPrototype] = val_from_object(afs_proto);
    return builtins_install(ctx, afs_proto, async_from_sync_proto_props,
                            BP_COUNT(async_from_sync_proto_props));
}
