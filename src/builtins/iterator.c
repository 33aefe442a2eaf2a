/*
 * iterator.c — the Iterator constructor, Iterator.from with
 * %WrapForValidIteratorPrototype%, the iterator helper methods of
 * %Iterator.prototype% and %IteratorHelperPrototype%
 * (#sec-iterator-objects, #sec-iterator-helper-objects).
 *
 * %Iterator.prototype% itself is %IteratorPrototype%, made by array.c
 * (ensure_iterator_prototype); this file adds the ES2025 methods to it.
 *
 * In the spec an Iterator Helper is a generator over an abstract closure
 * that Yields (CreateIteratorFromClosure). Here it is a state machine:
 * IteratorHelper keeps what the closure captured plus the point where it is
 * suspended, and helper_run runs the closure on to its next Yield, its
 * return or a throw. The generator states are the spec's, so re-entrancy
 * (GeneratorValidate) and return() (GeneratorResumeAbrupt) behave as the
 * spec says. Every helper is suspended at a Yield whose abrupt completion
 * closes the underlying iterator (IfAbruptCloseIterator), so resuming with a
 * return completion is one function, helper_close_at_yield.
 */
#include <math.h>

#include "builtins/builtins.h"
#include "builtins/iterator_ops.h"
#include "vm/string.h"

/* Poll the host's interrupt handler now and then in long native loops. */
#define POLL_INTERRUPT(k)                                                                          \
    do {                                                                                           \
        if (((k)&0x3FF) == 0 && rt_check_interrupt(ctx) < 0) return VAL_EXCEPTION;                 \
    } while (0)

/* GetIteratorFlattenable ( obj, primitiveHandling ) — #sec-getiteratorflattenable */
static int GetIteratorFlattenable(Context *ctx, Value obj, bool iterate_string_primitives,
                                  IteratorRecord *out) {
    /* 1. */
    if (!val_is_object(obj)) {
        if (!iterate_string_primitives) {
            throw_type_error(ctx, "iterator flattening: value is not an object");
            return -1;
        }
        if (!val_is_string(obj)) {
            throw_type_error(ctx, "Iterator.from: value is neither an object nor a string");
            return -1;
        }
    }
    /* 2-4. */
    Value method = GetMethod(ctx, obj, KEY_SYM(ctx->rt, iterator));
    ITRY(method);
    Value iterator = obj;
    if (!val_is_undefined(method)) {
        iterator = Call(ctx, method, obj, 0, NULL);
        ITRY(iterator);
    }
    /* 5-6. */
    if (!val_is_object(iterator)) {
        throw_type_error(ctx, "iterator flattening: [Symbol.iterator]() returned a non-object");
        return -1;
    }
    return GetIteratorDirect(ctx, iterator, out);
}

/* ---- Iterator Helper objects — #sec-iterator-helper-objects ------------------- */

typedef enum {
    HELPER_MAP,
    HELPER_FILTER,
    HELPER_TAKE,
    HELPER_DROP,
    HELPER_FLAT_MAP,
} HelperKind;

/* [[GeneratorState]] */
typedef enum {
    HELPER_SUSPENDED_START,
    HELPER_SUSPENDED_YIELD,
    HELPER_EXECUTING,
    HELPER_COMPLETED,
} HelperState;

typedef struct IteratorHelper {
    Object base;
    IteratorRecord underlying; /* [[UnderlyingIterator]]; undefined once completed */
    Value callback;            /* map / filter / flatMap: the mapper or predicate */
    IteratorRecord inner;      /* flatMap: the inner iterator while inner_alive */
    double remaining;          /* take / drop: the limit left, may be +Infinity */
    double counter;            /* map / filter / flatMap: index of the next value */
    uint8_t kind;              /* HelperKind */
    uint8_t state;             /* HelperState */
    bool inner_alive;          /* flatMap: suspended inside the inner loop */
    bool dropped;              /* drop: the first `limit` values are skipped */
} IteratorHelper;

static void iterator_helper_trace(Runtime *rt, Object *o) {
    IteratorHelper *h = (IteratorHelper *)o;
    gc_mark_value(rt, h->underlying.iterator);
    gc_mark_value(rt, h->underlying.next_method);
    gc_mark_value(rt, h->callback);
    gc_mark_value(rt, h->inner.iterator);
    gc_mark_value(rt, h->inner.next_method);
}

static const ClassDef class_iterator_helper = {
    .id = CLASS_ITERATOR_HELPER,
    .name = "Iterator Helper",
    .trace = iterator_helper_trace,
};

static void clear_record(IteratorRecord *rec) {
    rec->iterator = VAL_UNDEFINED;
    rec->next_method = VAL_UNDEFINED;
    rec->done = true;
}

/* The closure finished (returned or threw): the helper never runs again, so
 * what it captured can be collected. */
static void helper_complete(IteratorHelper *h) {
    h->state = HELPER_COMPLETED;
    clear_record(&h->underlying);
    clear_record(&h->inner);
    h->callback = VAL_UNDEFINED;
    h->inner_alive = false;
}

/* CreateIteratorFromClosure ( closure, "Iterator Helper",
 * %IteratorHelperPrototype%, « [[UnderlyingIterator]] » ) —
 * #sec-createiteratorfromclosure, with [[UnderlyingIterator]] set to iterated. */
static Value helper_create(Context *ctx, HelperKind kind, const IteratorRecord *iterated,
                           Value callback, double limit) {
    IteratorHelper *h = (IteratorHelper *)obj_alloc(
        ctx, &class_iterator_helper, ctx_intrinsic_obj(ctx, INTR_IteratorHelperPrototype),
        sizeof(IteratorHelper));
    if (!h) return VAL_EXCEPTION;
    h->underlying = *iterated;
    h->callback = callback;
    clear_record(&h->inner);
    h->remaining = limit;
    h->counter = 0;
    h->kind = (uint8_t)kind;
    h->state = HELPER_SUSPENDED_START;
    h->inner_alive = false;
    h->dropped = false;
    return val_from_object(&h->base);
}

typedef enum { RUN_YIELD, RUN_RETURN, RUN_THROW } RunOutcome;

/* value is a throw completion (VAL_EXCEPTION) of the closure: IfAbruptCloseIterator
 * (value, iterated) — #sec-ifabruptcloseiterator. */
static RunOutcome close_underlying_on_throw(Context *ctx, IteratorHelper *h) {
    IteratorClose(ctx, &h->underlying, VAL_EXCEPTION);
    return RUN_THROW;
}

/* Calls the helper's callback with « value, 𝔽(counter) ». */
static Value call_with_counter(Context *ctx, IteratorHelper *h, Value value) {
    Value args[2] = {value, val_from_number(h->counter)};
    return Call(ctx, h->callback, VAL_UNDEFINED, 2, args);
}

/* Runs the closure of Iterator.prototype.map / filter / take / drop / flatMap
 * (#sec-iterator.prototype.map step 6 and the like) from where it is
 * suspended — its start, or a Yield resumed with a normal completion — to
 * its next Yield (*yielded is the value, protected in the caller's scope),
 * its return, or a throw (pending). */
static RunOutcome helper_run(Context *ctx, IteratorHelper *h, Value *yielded) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t k = 1;; k++) {
        /* Only the final iteration's values are needed (the yielded one);
         * the helper object keeps the closure's state alive. */
        gc_scope_close(rt, mark);
        if ((k & 0x3FF) == 0 && rt_check_interrupt(ctx) < 0) return RUN_THROW;
        switch ((HelperKind)h->kind) {
        case HELPER_MAP: {
            Value value = IteratorStepValue(ctx, &h->underlying);
            if (val_is_exception(value)) return RUN_THROW;
            if (value == ITER_DONE) return RUN_RETURN;
            Value mapped = call_with_counter(ctx, h, value);
            if (val_is_exception(mapped)) return close_underlying_on_throw(ctx, h);
            h->counter++;
            *yielded = mapped;
            return RUN_YIELD;
        }
        case HELPER_FILTER: {
            Value value = IteratorStepValue(ctx, &h->underlying);
            if (val_is_exception(value)) return RUN_THROW;
            if (value == ITER_DONE) return RUN_RETURN;
            Value selected = call_with_counter(ctx, h, value);
            if (val_is_exception(selected)) return close_underlying_on_throw(ctx, h);
            h->counter++;
            if (ToBoolean(selected)) {
                *yielded = value;
                return RUN_YIELD;
            }
            continue;
        }
        case HELPER_TAKE: {
            if (h->remaining == 0) {
                Value r = IteratorClose(ctx, &h->underlying, VAL_UNDEFINED);
                return val_is_exception(r) ? RUN_THROW : RUN_RETURN;
            }
            if (h->remaining != INFINITY) h->remaining--;
            Value value = IteratorStepValue(ctx, &h->underlying);
            if (val_is_exception(value)) return RUN_THROW;
            if (value == ITER_DONE) return RUN_RETURN;
            *yielded = value;
            return RUN_YIELD;
        }
        case HELPER_DROP: {
            if (!h->dropped && h->remaining > 0) {
                if (h->remaining != INFINITY) h->remaining--;
                Value next = IteratorStep(ctx, &h->underlying);
                if (val_is_exception(next)) return RUN_THROW;
                if (next == ITER_DONE) return RUN_RETURN;
                continue;
            }
            h->dropped = true;
            Value value = IteratorStepValue(ctx, &h->underlying);
            if (val_is_exception(value)) return RUN_THROW;
            if (value == ITER_DONE) return RUN_RETURN;
            *yielded = value;
            return RUN_YIELD;
        }
        case HELPER_FLAT_MAP: {
            if (!h->inner_alive) {
                Value value = IteratorStepValue(ctx, &h->underlying);
                if (val_is_exception(value)) return RUN_THROW;
                if (value == ITER_DONE) return RUN_RETURN;
                Value mapped = call_with_counter(ctx, h, value);
                if (val_is_exception(mapped)) return close_underlying_on_throw(ctx, h);
                IteratorRecord inner;
                if (GetIteratorFlattenable(ctx, mapped, false, &inner) < 0)
                    return close_underlying_on_throw(ctx, h);
                h->inner = inner;
                h->inner_alive = true;
            }
            Value inner_value = IteratorStepValue(ctx, &h->inner);
            if (val_is_exception(inner_value)) return close_underlying_on_throw(ctx, h);
            if (inner_value == ITER_DONE) {
                h->inner_alive = false;
                clear_record(&h->inner);
                h->counter++;
                continue;
            }
            *yielded = inner_value;
            return RUN_YIELD;
        }
        }
    }
}

/* RequireInternalSlot(O, [[UnderlyingIterator]]) */
static IteratorHelper *helper_from_this(Context *ctx, Value this_value, const char *method) {
    if (!val_is_object(this_value) || obj_from_value(this_value)->cls != &class_iterator_helper) {
        throw_type_error(ctx, "%%IteratorHelperPrototype%%.%s: not an Iterator Helper", method);
        return NULL;
    }
    return (IteratorHelper *)obj_from_value(this_value);
}

/* GeneratorValidate ( generator, "Iterator Helper" ) — #sec-generatorvalidate
 * (after the slot check): a helper re-entered from its own callback or
 * underlying iterator is executing. */
static bool helper_validate_not_running(Context *ctx, IteratorHelper *h) {
    if (h->state != HELPER_EXECUTING) return true;
    throw_type_error(ctx, "Iterator Helper is already running (generator is already running)");
    return false;
}

/* %IteratorHelperPrototype%.next ( ) — #sec-%iteratorhelperprototype%.next
 * (GeneratorResume ( this value, undefined, "Iterator Helper" ) —
 * #sec-generatorresume) */
static Value helper_next(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    IteratorHelper *h = helper_from_this(ctx, this_value, "next");
    if (!h || !helper_validate_not_running(ctx, h)) return VAL_EXCEPTION;
    if (h->state == HELPER_COMPLETED) return CreateIterResultObject(ctx, VAL_UNDEFINED, true);
    h->state = HELPER_EXECUTING;
    Value yielded = VAL_UNDEFINED;
    RunOutcome outcome = helper_run(ctx, h, &yielded);
    if (outcome == RUN_YIELD) {
        h->state = HELPER_SUSPENDED_YIELD;
        return CreateIterResultObject(ctx, yielded, false);
    }
    helper_complete(h);
    if (outcome == RUN_THROW) return VAL_EXCEPTION;
    return CreateIterResultObject(ctx, VAL_UNDEFINED, true);
}

/* Resumes a helper suspended at a Yield with ReturnCompletion(undefined)
 * (GeneratorResumeAbrupt step 10): the Yield's IfAbruptCloseIterator closes
 * the underlying iterator; flatMap first closes its inner iterator
 * (#sec-iterator.prototype.flatmap step 6.b.viii.4.b). The closure then
 * returns the return completion unless closing threw. */
static Value helper_close_at_yield(Context *ctx, IteratorHelper *h) {
    if (h->kind == HELPER_FLAT_MAP && h->inner_alive) {
        Value backup = IteratorClose(ctx, &h->inner, VAL_UNDEFINED);
        if (val_is_exception(backup)) return IteratorClose(ctx, &h->underlying, VAL_EXCEPTION);
    }
    return IteratorClose(ctx, &h->underlying, VAL_UNDEFINED);
}

/* %IteratorHelperPrototype%.return ( ) — #sec-%iteratorhelperprototype%.return */
static Value helper_return(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    /* 1-2. */
    IteratorHelper *h = helper_from_this(ctx, this_value, "return");
    if (!h) return VAL_EXCEPTION;
    /* 4. */
    if (h->state == HELPER_SUSPENDED_START) {
        h->state = HELPER_COMPLETED;
        Value r = IteratorClose(ctx, &h->underlying, VAL_UNDEFINED);
        helper_complete(h);
        TRY(r);
        return CreateIterResultObject(ctx, VAL_UNDEFINED, true);
    }
    /* 5-6. GeneratorResumeAbrupt ( O, ReturnCompletion(undefined), "Iterator Helper" ) */
    if (!helper_validate_not_running(ctx, h)) return VAL_EXCEPTION;
    if (h->state == HELPER_COMPLETED) return CreateIterResultObject(ctx, VAL_UNDEFINED, true);
    h->state = HELPER_EXECUTING;
    Value r = helper_close_at_yield(ctx, h);
    helper_complete(h);
    TRY(r);
    return CreateIterResultObject(ctx, VAL_UNDEFINED, true);
}

/* ---- %Iterator.prototype% methods — #sec-%iterator.prototype%-object ---------- */

/* Steps 1-5 of the methods that take a function (map, filter, flatMap,
 * reduce, forEach, some, every, find): O must be an Object, a non-callable
 * fn closes O, then iterated is ? GetIteratorDirect(O). -1 on exception. */
static int iterated_with_callback(Context *ctx, Value this_value, Value fn, const char *method,
                                  IteratorRecord *iterated) {
    /* 2. */
    if (!val_is_object(this_value)) {
        throw_type_error(ctx, "Iterator.prototype.%s called on a non-object", method);
        return -1;
    }
    /* 3-4. */
    if (!val_is_callable(fn)) {
        IteratorRecord unstarted = {this_value, VAL_UNDEFINED, false};
        throw_type_error(ctx, "Iterator.prototype.%s: argument is not a function", method);
        IteratorClose(ctx, &unstarted, VAL_EXCEPTION);
        return -1;
    }
    /* 5. */
    return GetIteratorDirect(ctx, this_value, iterated);
}

/* Steps 1-9 of take and drop: O must be an Object; limit becomes an
 * integer >= 0 (or +Infinity), a bad limit closes O; then iterated is
 * ? GetIteratorDirect(O). -1 on exception. */
static int iterated_with_limit(Context *ctx, Value this_value, Value limit, const char *method,
                               IteratorRecord *iterated, double *integer_limit) {
    /* 2. */
    if (!val_is_object(this_value)) {
        throw_type_error(ctx, "Iterator.prototype.%s called on a non-object", method);
        return -1;
    }
    /* 3. */
    IteratorRecord unstarted = {this_value, VAL_UNDEFINED, false};
    /* 4-5. */
    double num_limit;
    if (ToNumberDouble(ctx, limit, &num_limit) < 0) {
        IteratorClose(ctx, &unstarted, VAL_EXCEPTION);
        return -1;
    }
    /* 6. */
    if (isnan(num_limit)) {
        throw_range_error(ctx, "Iterator.prototype.%s: limit is NaN", method);
        IteratorClose(ctx, &unstarted, VAL_EXCEPTION);
        return -1;
    }
    /* ES2026 (and test262) also reject a finite limit above 2^53 - 1 here,
     * a step ES2025 does not have yet. */
    if (isfinite(num_limit) && num_limit > 9007199254740991.0) {
        throw_range_error(ctx, "Iterator.prototype.%s: limit is above 2^53 - 1", method);
        IteratorClose(ctx, &unstarted, VAL_EXCEPTION);
        return -1;
    }
    /* 7-8. */
    *integer_limit = double_to_integer_or_infinity(num_limit);
    if (*integer_limit < 0) {
        throw_range_error(ctx, "Iterator.prototype.%s: limit is negative", method);
        IteratorClose(ctx, &unstarted, VAL_EXCEPTION);
        return -1;
    }
    /* 9. */
    return GetIteratorDirect(ctx, this_value, iterated);
}

/* Iterator.prototype.map ( mapper ) — #sec-iterator.prototype.map
 * Iterator.prototype.filter ( predicate ) — #sec-iterator.prototype.filter
 * Iterator.prototype.flatMap ( mapper ) — #sec-iterator.prototype.flatmap
 * (magic: HelperKind) */
static Value iterator_proto_callback_helper(Context *ctx, Value this_value, int argc,
                                            const Value *argv, Value new_target, int magic) {
    static const char *const names[] = {
        [HELPER_MAP] = "map", [HELPER_FILTER] = "filter", [HELPER_FLAT_MAP] = "flatMap"};
    IteratorRecord iterated;
    TRY_I(iterated_with_callback(ctx, this_value, ARG(0), names[magic], &iterated));
    return helper_create(ctx, (HelperKind)magic, &iterated, ARG(0), 0);
}

/* Iterator.prototype.take ( limit ) — #sec-iterator.prototype.take
 * Iterator.prototype.drop ( limit ) — #sec-iterator.prototype.drop
 * (magic: HelperKind) */
static Value iterator_proto_limit_helper(Context *ctx, Value this_value, int argc,
                                         const Value *argv, Value new_target, int magic) {
    IteratorRecord iterated;
    double integer_limit;
    TRY_I(iterated_with_limit(ctx, this_value, ARG(0), magic == HELPER_TAKE ? "take" : "drop",
                              &iterated, &integer_limit));
    return helper_create(ctx, (HelperKind)magic, &iterated, VAL_UNDEFINED, integer_limit);
}

/* Iterator.prototype.reduce ( reducer [ , initialValue ] ) — #sec-iterator.prototype.reduce */
static Value iterator_proto_reduce(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Value reducer = ARG(0);
    /* 1-5. */
    IteratorRecord iterated;
    TRY_I(iterated_with_callback(ctx, this_value, reducer, "reduce", &iterated));
    /* 6-7. */
    Value accumulator;
    double counter;
    if (argc < 2) {
        accumulator = IteratorStepValue(ctx, &iterated);
        TRY(accumulator);
        if (accumulator == ITER_DONE)
            return throw_type_error(
                ctx, "Iterator.prototype.reduce: empty iterator and no initial value");
        counter = 1;
    } else {
        accumulator = argv[1];
        counter = 0;
    }
    /* 8. */
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t k = 1;; k++) {
        gc_scope_close(rt, mark);
        gc_protect(rt, accumulator);
        POLL_INTERRUPT(k);
        Value value = IteratorStepValue(ctx, &iterated);
        TRY(value);
        if (value == ITER_DONE) return accumulator;
        Value args[3] = {accumulator, value, val_from_number(counter)};
        Value result = Call(ctx, reducer, VAL_UNDEFINED, 3, args);
        if (val_is_exception(result)) return IteratorClose(ctx, &iterated, VAL_EXCEPTION);
        accumulator = result;
        counter++;
    }
}

/* Iterator.prototype.toArray ( ) — #sec-iterator.prototype.toarray */
static Value iterator_proto_to_array(Context *ctx, Value this_value, int argc, const Value *argv,
                                     Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    /* 2. */
    if (!val_is_object(this_value))
        return throw_type_error(ctx, "Iterator.prototype.toArray called on a non-object");
    /* 3. */
    IteratorRecord iterated;
    TRY_I(GetIteratorDirect(ctx, this_value, &iterated));
    /* 4. The List is the Array itself: nothing else can observe it before
     * CreateArrayFromList would make it. */
    Object *items = array_new(ctx, 0);
    if (!items) return VAL_EXCEPTION;
    /* 5. */
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t k = 1;; k++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(k);
        Value value = IteratorStepValue(ctx, &iterated);
        TRY(value);
        if (value == ITER_DONE) return val_from_object(items);
        if (array_push_fast(ctx, items, value) < 0) return VAL_EXCEPTION;
    }
}

typedef enum { VISIT_FOR_EACH, VISIT_SOME, VISIT_EVERY, VISIT_FIND } VisitKind;

/* Iterator.prototype.forEach ( procedure ) — #sec-iterator.prototype.foreach
 * Iterator.prototype.some ( predicate ) — #sec-iterator.prototype.some
 * Iterator.prototype.every ( predicate ) — #sec-iterator.prototype.every
 * Iterator.prototype.find ( predicate ) — #sec-iterator.prototype.find
 * (magic: VisitKind) */
static Value iterator_proto_visit(Context *ctx, Value this_value, int argc, const Value *argv,
                                  Value new_target, int magic) {
    static const char *const names[] = {[VISIT_FOR_EACH] = "forEach",
                                        [VISIT_SOME] = "some",
                                        [VISIT_EVERY] = "every",
                                        [VISIT_FIND] = "find"};
    Runtime *rt = ctx->rt;
    VisitKind kind = (VisitKind)magic;
    Value fn = ARG(0);
    /* 1-5. */
    IteratorRecord iterated;
    TRY_I(iterated_with_callback(ctx, this_value, fn, names[kind], &iterated));
    /* 6-7. */
    double counter = 0;
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t k = 1;; k++) {
        gc_scope_close(rt, mark);
        POLL_INTERRUPT(k);
        Value value = IteratorStepValue(ctx, &iterated);
        TRY(value);
        if (value == ITER_DONE) {
            switch (kind) {
            case VISIT_FOR_EACH: return VAL_UNDEFINED;
            case VISIT_SOME: return VAL_FALSE;
            case VISIT_EVERY: return VAL_TRUE;
            case VISIT_FIND: return VAL_UNDEFINED;
            }
        }
        Value args[2] = {value, val_from_number(counter)};
        Value result = Call(ctx, fn, VAL_UNDEFINED, 2, args);
        if (val_is_exception(result)) return IteratorClose(ctx, &iterated, VAL_EXCEPTION);
        switch (kind) {
        case VISIT_FOR_EACH: break;
        case VISIT_SOME:
            if (ToBoolean(result)) return IteratorClose(ctx, &iterated, VAL_TRUE);
            break;
        case VISIT_EVERY:
            if (!ToBoolean(result)) return IteratorClose(ctx, &iterated, VAL_FALSE);
            break;
        case VISIT_FIND:
            if (ToBoolean(result)) return IteratorClose(ctx, &iterated, value);
            break;
        }
        counter++;
    }
}

/* SetterThatIgnoresPrototypeProperties ( thisValue, home, p, v ) —
 * #sec-SetterThatIgnoresPrototypeProperties */
static Value SetterThatIgnoresPrototypeProperties(Context *ctx, Value this_value, Object *home,
                                                  PropKey p, Value v) {
    /* 1. */
    if (!val_is_object(this_value))
        return throw_type_error(ctx, "Iterator.prototype setter called on a non-object");
    Object *o = obj_from_value(this_value);
    /* 2. */
    if (o == home)
        return throw_type_error(ctx, "cannot assign to a read-only property of Iterator.prototype");
    /* 3. */
    PropertyDescriptor desc;
    Value found = obj_get_own_property(ctx, o, p, &desc);
    TRY(found);
    /* 4-5. */
    if (found == VAL_FALSE) return CreateDataPropertyOrThrow(ctx, o, p, v);
    return Set(ctx, o, p, v, true);
}

/* magic of the two accessor properties */
enum { ACCESSOR_CONSTRUCTOR, ACCESSOR_TO_STRING_TAG };

/* get Iterator.prototype.constructor — #sec-get-iterator.prototype.constructor
 * get Iterator.prototype [ %Symbol.toStringTag% ] —
 * #sec-get-iterator.prototype-%symbol.tostringtag% */
static Value iterator_proto_accessor_get(Context *ctx, Value this_value, int argc,
                                         const Value *argv, Value new_target, int magic) {
    if (magic == ACCESSOR_CONSTRUCTOR) return ctx_intrinsic(ctx, INTR_Iterator);
    String *tag = str_from_cstr(ctx->rt, "Iterator");
    return tag ? val_from_string(tag) : VAL_EXCEPTION;
}

/* set Iterator.prototype.constructor — #sec-set-iterator.prototype.constructor
 * set Iterator.prototype [ %Symbol.toStringTag% ] —
 * #sec-set-iterator.prototype-%symbol.tostringtag% */
static Value iterator_proto_accessor_set(Context *ctx, Value this_value, int argc,
                                         const Value *argv, Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    PropKey p = magic == ACCESSOR_CONSTRUCTOR ? KEY(rt, constructor) : KEY_SYM(rt, toStringTag);
    TRY(SetterThatIgnoresPrototypeProperties(
        ctx, this_value, ctx_intrinsic_obj(ctx, INTR_IteratorPrototype), p, ARG(0)));
    return VAL_UNDEFINED;
}

/* ---- the Iterator constructor — #sec-iterator-constructor ---------------------- */

/* Iterator ( ) — #sec-iterator */
static Value iterator_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                  Value new_target, int magic) {
    /* 1. */
    if (val_is_undefined(new_target) || new_target == ctx_intrinsic(ctx, INTR_Iterator))
        return throw_type_error(ctx, "Iterator is abstract: it can only be subclassed");
    /* 2. */
    Object *o = OrdinaryCreateFromConstructor(ctx, new_target, INTR_IteratorPrototype,
                                              &class_object, sizeof(Object));
    return o ? val_from_object(o) : VAL_EXCEPTION;
}

/* Objects of %WrapForValidIteratorPrototype%: [[Iterated]] */
typedef struct WrappedIterator {
    Object base;
    IteratorRecord iterated;
} WrappedIterator;

static void wrapped_iterator_trace(Runtime *rt, Object *o) {
    WrappedIterator *w = (WrappedIterator *)o;
    gc_mark_value(rt, w->iterated.iterator);
    gc_mark_value(rt, w->iterated.next_method);
}

static const ClassDef class_wrapped_iterator = {
    .id = CLASS_WRAP_FOR_VALID_ITERATOR,
    .name = "Object",
    .trace = wrapped_iterator_trace,
};

/* Iterator.from ( O ) — #sec-iterator.from */
static Value iterator_from(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    /* 1. */
    IteratorRecord rec;
    TRY_I(GetIteratorFlattenable(ctx, ARG(0), true, &rec));
    /* 2-3. */
    Value has_instance = OrdinaryHasInstance(ctx, ctx_intrinsic(ctx, INTR_Iterator), rec.iterator);
    TRY(has_instance);
    if (has_instance == VAL_TRUE) return rec.iterator;
    /* 4-6. */
    WrappedIterator *w = (WrappedIterator *)obj_alloc(
        ctx, &class_wrapped_iterator, ctx_intrinsic_obj(ctx, INTR_WrapForValidIteratorPrototype),
        sizeof(WrappedIterator));
    if (!w) return VAL_EXCEPTION;
    w->iterated = rec;
    return val_from_object(&w->base);
}

/* RequireInternalSlot(O, [[Iterated]]) */
static WrappedIterator *wrapped_from_this(Context *ctx, Value this_value, const char *method) {
    if (!val_is_object(this_value) || obj_from_value(this_value)->cls != &class_wrapped_iterator) {
        throw_type_error(ctx, "%%WrapForValidIteratorPrototype%%.%s: not a wrapped iterator",
                         method);
        return NULL;
    }
    return (WrappedIterator *)obj_from_value(this_value);
}

/* %WrapForValidIteratorPrototype%.next ( ) — #sec-%wrapforvaliditeratorprototype%.next */
static Value wrapped_next(Context *ctx, Value this_value, int argc, const Value *argv,
                          Value new_target, int magic) {
    WrappedIterator *w = wrapped_from_this(ctx, this_value, "next");
    if (!w) return VAL_EXCEPTION;
    return Call(ctx, w->iterated.next_method, w->iterated.iterator, 0, NULL);
}

/* %WrapForValidIteratorPrototype%.return ( ) — #sec-%wrapforvaliditeratorprototype%.return */
static Value wrapped_return(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    WrappedIterator *w = wrapped_from_this(ctx, this_value, "return");
    if (!w) return VAL_EXCEPTION;
    Value iterator = w->iterated.iterator;
    Value return_method = GetMethod(ctx, iterator, KEY(ctx->rt, return ));
    TRY(return_method);
    if (val_is_undefined(return_method)) return CreateIterResultObject(ctx, VAL_UNDEFINED, true);
    return Call(ctx, return_method, iterator, 0, NULL);
}

static const BuiltinProp iterator_ctor_props[] = {
    BP_FUNC("from", iterator_from, 1),
};

static const BuiltinProp iterator_proto_props[] = {
    BP_GETSET_MAGIC("constructor", iterator_proto_accessor_get, iterator_proto_accessor_set,
                    ACCESSOR_CONSTRUCTOR),
    BP_FUNC_MAGIC("drop", iterator_proto_limit_helper, 1, HELPER_DROP),
    BP_FUNC_MAGIC("every", iterator_proto_visit, 1, VISIT_EVERY),
    BP_FUNC_MAGIC("filter", iterator_proto_callback_helper, 1, HELPER_FILTER),
    BP_FUNC_MAGIC("find", iterator_proto_visit, 1, VISIT_FIND),
    BP_FUNC_MAGIC("flatMap", iterator_proto_callback_helper, 1, HELPER_FLAT_MAP),
    BP_FUNC_MAGIC("forEach", iterator_proto_visit, 1, VISIT_FOR_EACH),
    BP_FUNC_MAGIC("map", iterator_proto_callback_helper, 1, HELPER_MAP),
    BP_FUNC("reduce", iterator_proto_reduce, 1),
    BP_FUNC_MAGIC("some", iterator_proto_visit, 1, VISIT_SOME),
    BP_FUNC_MAGIC("take", iterator_proto_limit_helper, 1, HELPER_TAKE),
    BP_FUNC("toArray", iterator_proto_to_array, 0),
    BP_GETSET_MAGIC("[Symbol.toStringTag]", iterator_proto_accessor_get,
                    iterator_proto_accessor_set, ACCESSOR_TO_STRING_TAG),
};

static const BuiltinProp helper_proto_props[] = {
    BP_FUNC("next", helper_next, 0),
    BP_FUNC("return", helper_return, 0),
    BP_STR("[Symbol.toStringTag]", "Iterator Helper", PROP_CONFIGURABLE),
};

static const BuiltinProp wrap_proto_props[] = {
    BP_FUNC("next", wrapped_next, 0),
    BP_FUNC("return", wrapped_return, 0),
};

int init_iterator(Context *ctx) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    int r = -1;
    Object *iterator_proto = ensure_iterator_prototype(ctx);
    if (!iterator_proto) goto done;

    /* %Iterator%: Iterator.prototype is { [[Writable]]: false, [[Enumerable]]:
     * false, [[Configurable]]: false }; Iterator.prototype.constructor is an
     * accessor, installed with the other properties below. */
    Object *ctor = builtins_make_constructor(ctx, "Iterator", iterator_constructor, 0, NULL,
                                             INTR_Iterator, INTR_IteratorPrototype, true);
    if (!ctor) goto done;
    if (obj_define_data_fast(ctx, ctor, KEY(rt, prototype), val_from_object(iterator_proto), 0) < 0)
        goto done;
    if (builtins_install(ctx, ctor, iterator_ctor_props, BP_COUNT(iterator_ctor_props)) < 0)
        goto done;
    if (builtins_install(ctx, iterator_proto, iterator_proto_props,
                         BP_COUNT(iterator_proto_props)) < 0)
        goto done;

    /* %IteratorHelperPrototype% — #sec-%iteratorhelperprototype%-object */
    Object *helper_proto = obj_new(ctx, iterator_proto);
    if (!helper_proto) goto done;
    ctx->intrinsics[INTR_IteratorHelperPrototype] = val_from_object(helper_proto);
    if (builtins_install(ctx, helper_proto, helper_proto_props, BP_COUNT(helper_proto_props)) < 0)
        goto done;

    /* %WrapForValidIteratorPrototype% — #sec-%wrapforvaliditeratorprototype%-object */
    Object *wrap_proto = obj_new(ctx, iterator_proto);
    if (!wrap_proto) goto done;
    ctx->intrinsics[INTR_WrapForValidIteratorPrototype] = val_from_object(wrap_proto);
    if (builtins_install(ctx, wrap_proto, wrap_proto_props, BP_COUNT(wrap_proto_props)) < 0)
        goto done;
    r = 0;
done:
    gc_scope_close(rt, mark);
    return r;
}
