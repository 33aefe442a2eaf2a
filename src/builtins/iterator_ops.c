/*
 * iterator_ops.c — operations on iterator objects
 * (#sec-operations-on-iterator-objects). See iterator_ops.h.
 */
#include "builtins/iterator_ops.h"

/* GetIteratorDirect ( obj ) — #sec-getiteratordirect */
int GetIteratorDirect(Context *ctx, Value obj, IteratorRecord *out) {
    Value next = Get(ctx, obj_from_value(obj), KEY(ctx->rt, next));
    ITRY(next);
    out->iterator = obj;
    out->next_method = next;
    out->done = false;
    return 0;
}

/* GetIteratorFromMethod ( obj, method ) — #sec-getiteratorfrommethod */
int GetIteratorFromMethod(Context *ctx, Value obj, Value method, IteratorRecord *out) {
    Value iterator = Call(ctx, method, obj, 0, NULL);
    ITRY(iterator);
    if (!val_is_object(iterator)) {
        throw_type_error(ctx, "iterator method returned a non-object");
        return -1;
    }
    return GetIteratorDirect(ctx, iterator, out);
}

/* GetIterator ( obj, kind ) — #sec-getiterator */
int GetIterator(Context *ctx, Value obj, IteratorKind kind, IteratorRecord *out) {
    Runtime *rt = ctx->rt;
    Value method;
    if (kind == ITER_KIND_ASYNC) {
        method = GetMethod(ctx, obj, KEY_SYM(rt, asyncIterator));
        ITRY(method);
        if (val_is_undefined(method)) {
            Value sync_method = GetMethod(ctx, obj, KEY_SYM(rt, iterator));
            ITRY(sync_method);
            if (val_is_undefined(sync_method)) {
                throw_type_error(ctx, "object is not async iterable");
                return -1;
            }
            IteratorRecord sync;
            if (GetIteratorFromMethod(ctx, obj, sync_method, &sync) < 0) return -1;
            return CreateAsyncFromSyncIterator(ctx, &sync, out);
        }
    } else {
        method = GetMethod(ctx, obj, KEY_SYM(rt, iterator));
        ITRY(method);
    }
    if (val_is_undefined(method)) {
        throw_type_error(ctx, "object is not iterable");
        return -1;
    }
    return GetIteratorFromMethod(ctx, obj, method, out);
}

/* IteratorNext ( iteratorRecord [ , value ] ) — #sec-iteratornext */
Value IteratorNext(Context *ctx, IteratorRecord *rec, Value value) {
    Value result;
    if (value == VAL_EMPTY)
        result = Call(ctx, rec->next_method, rec->iterator, 0, NULL);
    else
        result = Call(ctx, rec->next_method, rec->iterator, 1, &value);
    if (val_is_exception(result)) {
        rec->done = true;
        return VAL_EXCEPTION;
    }
    if (!val_is_object(result)) {
        rec->done = true;
        return throw_type_error(ctx, "iterator result is not an object");
    }
    return result;
}

/* IteratorComplete ( iteratorResult ) — #sec-iteratorcomplete */
Value IteratorComplete(Context *ctx, Value iter_result) {
    Value done = Get(ctx, obj_from_value(iter_result), KEY(ctx->rt, done));
    TRY(done);
    return val_from_bool(ToBoolean(done));
}

/* IteratorValue ( iteratorResult ) — #sec-iteratorvalue */
Value IteratorValue(Context *ctx, Value iter_result) {
    return Get(ctx, obj_from_value(iter_result), KEY(ctx->rt, value));
}

/* IteratorStep ( iteratorRecord ) — #sec-iteratorstep */
Value IteratorStep(Context *ctx, IteratorRecord *rec) {
    Value result = IteratorNext(ctx, rec, VAL_EMPTY);
    TRY(result);
    Value done = IteratorComplete(ctx, result);
    if (val_is_exception(done)) {
        rec->done = true;
        return VAL_EXCEPTION;
    }
    if (done == VAL_TRUE) {
        rec->done = true;
        return ITER_DONE;
    }
    return result;
}

/* IteratorStepValue ( iteratorRecord ) — #sec-iteratorstepvalue */
Value IteratorStepValue(Context *ctx, IteratorRecord *rec) {
    Value result = IteratorStep(ctx, rec);
    if (val_is_exception(result) || result == ITER_DONE) return result;
    Value value = IteratorValue(ctx, result);
    if (val_is_exception(value)) rec->done = true;
    return value;
}

/* IteratorClose ( iteratorRecord, completion ) — #sec-iteratorclose */
Value IteratorClose(Context *ctx, IteratorRecord *rec, Value completion) {
    Runtime *rt = ctx->rt;
    bool throwing = val_is_exception(completion);
    /* An uncatchable exception (interrupt, OOM while reporting OOM) must not
     * run more JavaScript. */
    if (throwing && rt->exception_uncatchable) return VAL_EXCEPTION;
    /* A throw completion wins over anything the return method does, so the
     * pending exception is set aside (rooted) while it runs. */
    Value saved = VAL_UNDEFINED;
    if (throwing) saved = gc_protect(rt, rt_take_exception(rt));

    Value iterator = rec->iterator;
    Value inner = GetMethod(ctx, iterator, KEY(rt, return ));
    if (!val_is_exception(inner)) {
        if (val_is_undefined(inner)) {
            if (throwing) return throw_value(ctx, saved);
            return completion;
        }
        inner = Call(ctx, inner, iterator, 0, NULL);
    }
    if (throwing) {
        if (val_is_exception(inner)) {
            if (rt->exception_uncatchable) return VAL_EXCEPTION;
            rt_take_exception(rt);
        }
        return throw_value(ctx, saved);
    }
    if (val_is_exception(inner)) return VAL_EXCEPTION;
    if (!val_is_object(inner))
        return throw_type_error(ctx, "iterator return() result is not an object");
    return completion;
}

/* CreateIteratorResultObject ( value, done ) — #sec-createiterresultobject */
Value CreateIterResultObject(Context *ctx, Value value, bool done) {
    Runtime *rt = ctx->rt;
    Object *obj = obj_new_plain(ctx);
    if (!obj) return VAL_EXCEPTION;
    if (obj_define_data_fast(ctx, obj, KEY(rt, value), value, PROP_DEFAULT) < 0)
        return VAL_EXCEPTION;
    if (obj_define_data_fast(ctx, obj, KEY(rt, done), val_from_bool(done), PROP_DEFAULT) < 0)
        return VAL_EXCEPTION;
    return val_from_object(obj);
}

/* IteratorToList ( iteratorRecord ) — #sec-iteratortolist */
static ValueArray *IteratorToList(Context *ctx, IteratorRecord *rec) {
    Runtime *rt = ctx->rt;
    ValueArray *values = value_array_new(rt, 8);
    if (!values) return NULL;
    for (;;) {
        /* Per-element scope: the list itself keeps the values alive. */
        HandleMark mark = gc_scope_open(rt);
        Value next = IteratorStepValue(ctx, rec);
        if (val_is_exception(next)) {
            gc_scope_close(rt, mark);
            return NULL;
        }
        if (next == ITER_DONE) {
            gc_scope_close(rt, mark);
            return values;
        }
        int pushed = value_array_push(rt, values, next);
        gc_scope_close(rt, mark);
        if (pushed < 0) return NULL;
    }
}

/* IteratorToList(GetIterator(items, sync)) — #sec-iterabletolist */
ValueArray *IterableToList(Context *ctx, Value items) {
    IteratorRecord rec;
    if (GetIterator(ctx, items, ITER_KIND_SYNC, &rec) < 0) return NULL;
    return IteratorToList(ctx, &rec);
}

/* IterableToList ( items [ , method ] ) — #sec-iterabletolist */
ValueArray *IterableToListWithMethod(Context *ctx, Value items, Value method) {
    IteratorRecord rec;
    if (GetIteratorFromMethod(ctx, items, method, &rec) < 0) return NULL;
    return IteratorToList(ctx, &rec);
}
