/*
 * iterator_ops.h — the spec's operations on iterator objects
 * (#sec-operations-on-iterator-objects), shared by every built-in that
 * consumes an iterable (Object.fromEntries, Object.groupBy, AggregateError,
 * Array.from, Map/Set constructors, Promise combinators, ...).
 *
 * Conventions:
 *  - Value-returning operations return VAL_EXCEPTION when they threw.
 *  - IteratorStep / IteratorStepValue return ITER_DONE when the iterator is
 *    exhausted; ITER_DONE is an internal sentinel that never escapes to JS.
 *  - An IteratorRecord's values were protected in the handle scope that was
 *    open when GetIterator ran; callers that open per-iteration scopes must
 *    open them after GetIterator, never around it.
 *  - IteratorClose takes the completion as a Value: VAL_EXCEPTION stands for
 *    a throw completion (the exception pending in the runtime), anything else
 *    is a normal completion carrying that value.
 */
#ifndef MICA_ITERATOR_OPS_H
#define MICA_ITERATOR_OPS_H

#include "builtins/builtins.h"

/* Iterator Record — #sec-iterator-records */
typedef struct IteratorRecord {
    Value iterator;    /* an Object */
    Value next_method; /* any value; calling it throws if not callable */
    bool done;
} IteratorRecord;

#define ITER_DONE VAL_EMPTY

typedef enum { ITER_KIND_SYNC, ITER_KIND_ASYNC } IteratorKind;

/* GetIteratorDirect — #sec-getiteratordirect. -1 on exception. */
int GetIteratorDirect(Context *ctx, Value obj, IteratorRecord *out);
/* GetIteratorFromMethod — #sec-getiteratorfrommethod. -1 on exception. */
int GetIteratorFromMethod(Context *ctx, Value obj, Value method, IteratorRecord *out);
/* GetIterator — #sec-getiterator. -1 on exception. */
int GetIterator(Context *ctx, Value obj, IteratorKind kind, IteratorRecord *out);
/* CreateAsyncFromSyncIterator — #sec-createasyncfromsynciterator
 * (builtins/async_iteration.c). -1 on exception. */
int CreateAsyncFromSyncIterator(Context *ctx, const IteratorRecord *sync, IteratorRecord *out);

/* IteratorNext — #sec-iteratornext. value may be VAL_EMPTY for "not present". */
Value IteratorNext(Context *ctx, IteratorRecord *rec, Value value);
/* IteratorComplete — #sec-iteratorcomplete: VAL_TRUE / VAL_FALSE / exc. */
Value IteratorComplete(Context *ctx, Value iter_result);
/* IteratorValue — #sec-iteratorvalue */
Value IteratorValue(Context *ctx, Value iter_result);
/* IteratorStep — #sec-iteratorstep: the result object, ITER_DONE, or exc. */
Value IteratorStep(Context *ctx, IteratorRecord *rec);
/* IteratorStepValue — #sec-iteratorstepvalue: the value, ITER_DONE, or exc. */
Value IteratorStepValue(Context *ctx, IteratorRecord *rec);
/* IteratorClose — #sec-iteratorclose. Returns completion (which may be
 * VAL_EXCEPTION: the original exception stays pending) or VAL_EXCEPTION if
 * closing itself threw on a normal completion. */
Value IteratorClose(Context *ctx, IteratorRecord *rec, Value completion);

/* CreateIteratorResultObject — #sec-createiterresultobject. NULL-free:
 * VAL_EXCEPTION only on OOM. */
Value CreateIterResultObject(Context *ctx, Value value, bool done);

/* IteratorToList(GetIterator(items, sync)) — #sec-iterabletolist with no
 * method given. NULL with an exception pending on failure. The ValueArray is
 * protected in the caller's scope. */
ValueArray *IterableToList(Context *ctx, Value items);
/* IterableToList with an explicit method (#sec-iterabletolist). */
ValueArray *IterableToListWithMethod(Context *ctx, Value items, Value method);

#endif
