/*
 * set.c — the Set constructor, Set.prototype (with the ES2025 set methods
 * union, intersection, difference, symmetricDifference, isSubsetOf,
 * isSupersetOf, isDisjointFrom) and %SetIteratorPrototype%
 * (#sec-set-objects). A Set is a KeyedCollection whose entries carry
 * undefined as their value (vm/ordered_table.h).
 *
 * The set methods follow the spec's step order, since `other` is arbitrary
 * user code (size/has/keys getters, has() calls that mutate this set). Their
 * result is a fresh Set that no user code can see before it is returned, so
 * it is created up front and filled directly. Loops over this set's
 * [[SetData]] use a cursor, which is the spec's index walk that re-reads the
 * list's length after every call out.
 */
#include "builtins/collections.h"
#include "builtins/iterator_ops.h"

const ClassDef class_set = {
    .id = CLASS_SET,
    .name = "Set",
    .trace = keyed_collection_trace,
};

/* Set ( [ iterable ] ) — #sec-set-iterable */
static Value set_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    return collection_construct(ctx, new_target, &class_set, INTR_SetPrototype, ARG(0));
}

/* get Set [ %Symbol.species% ] — #sec-get-set-%symbol.species% */
static Value set_species(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    return this_value;
}

/* RequireInternalSlot ( S, [[SetData]] ) — #sec-requireinternalslot */
static KeyedCollection *this_set(Context *ctx, Value this_value, const char *method) {
    KeyedCollection *s = collection_of(this_value, &class_set);
    if (!s) throw_type_error(ctx, "Set.prototype.%s called on an object that is not a Set", method);
    return s;
}
#define THIS_SET(s, method)                                                                        \
    KeyedCollection *s = this_set(ctx, this_value, method);                                        \
    if (!s) return VAL_EXCEPTION

/* Set.prototype.add ( value ) — #sec-set.prototype.add */
static Value set_add(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                     int magic) {
    THIS_SET(s, "add");
    TRY_I(ot_set(ctx->rt, s, ARG(0), VAL_UNDEFINED));
    return this_value;
}

/* Set.prototype.clear ( ) — #sec-set.prototype.clear */
static Value set_clear(Context *ctx, Value this_value, int argc, const Value *argv,
                       Value new_target, int magic) {
    THIS_SET(s, "clear");
    ot_clear(ctx->rt, s);
    return VAL_UNDEFINED;
}

/* Set.prototype.delete ( value ) — #sec-set.prototype.delete */
static Value set_delete(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    THIS_SET(s, "delete");
    return val_from_bool(ot_delete(ctx->rt, s, ARG(0)));
}

/* Set.prototype.forEach ( callback [ , thisArg ] ) — #sec-set.prototype.foreach */
static Value set_for_each(Context *ctx, Value this_value, int argc, const Value *argv,
                          Value new_target, int magic) {
    THIS_SET(s, "forEach");
    if (!val_is_callable(ARG(0)))
        return throw_type_error(ctx, "Set.prototype.forEach: callback is not a function");
    return collection_for_each(ctx, s, this_value, ARG(0), ARG(1));
}

/* Set.prototype.has ( value ) — #sec-set.prototype.has */
static Value set_has(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                     int magic) {
    THIS_SET(s, "has");
    return val_from_bool(ot_has(s, ARG(0)));
}

/* get Set.prototype.size — #sec-get-set.prototype.size */
static Value set_size(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                      int magic) {
    THIS_SET(s, "size");
    return val_from_number((double)ot_size(s));
}

/* ---- the set methods ------------------------------------------------------------------ */

/* Set Record — #sec-set-records */
typedef struct SetRecord {
    Value set_object;
    double size; /* a non-negative integer or +Infinity */
    Value has;
    Value keys;
} SetRecord;

/* GetSetRecord ( obj ) — #sec-getsetrecord */
static int GetSetRecord(Context *ctx, Value obj, SetRecord *out, const char *method) {
    Runtime *rt = ctx->rt;
    if (!val_is_object(obj)) {
        throw_type_error(ctx, "Set.prototype.%s: argument is not an object", method);
        return -1;
    }
    Object *o = obj_from_value(obj);
    Value raw_size = Get(ctx, o, KEY(rt, size));
    ITRY(raw_size);
    double num_size;
    ITRY_I(ToNumberDouble(ctx, raw_size, &num_size));
    if (num_size != num_size) {
        throw_type_error(ctx, "Set.prototype.%s: argument's size is not a number", method);
        return -1;
    }
    double int_size = double_to_integer_or_infinity(num_size);
    if (int_size < 0) {
        throw_range_error(ctx, "Set.prototype.%s: argument's size is negative", method);
        return -1;
    }
    Value has = Get(ctx, o, KEY(rt, has));
    ITRY(has);
    if (!val_is_callable(has)) {
        throw_type_error(ctx, "Set.prototype.%s: argument's 'has' is not a function", method);
        return -1;
    }
    Value keys = Get(ctx, o, KEY(rt, keys));
    ITRY(keys);
    if (!val_is_callable(keys)) {
        throw_type_error(ctx, "Set.prototype.%s: argument's 'keys' is not a function", method);
        return -1;
    }
    *out = (SetRecord){obj, int_size, has, keys};
    return 0;
}

/* Fills the empty set dst with a copy of src's elements ("a copy of
 * O.[[SetData]]"). -1 on OOM. */
static int set_fill_copy(Context *ctx, KeyedCollection *dst, KeyedCollection *src) {
    OrderedTable *t = src->table;
    for (uint32_t i = 0; i < t->used; i++) {
        /* Adding to dst allocates no cells (dst is never iterated here), so
         * t stays src's table throughout. */
        if (t->entries[i].key == VAL_EMPTY) continue;
        ITRY_I(ot_set(ctx->rt, dst, t->entries[i].key, VAL_UNDEFINED));
    }
    return 0;
}

static KeyedCollection *new_result_set(Context *ctx) {
    return collection_new(ctx, &class_set, ctx_intrinsic_obj(ctx, INTR_SetPrototype));
}

/* ToBoolean(? Call(otherRec.[[Has]], otherRec.[[SetObject]], « e »)): 1, 0, or -1. */
static int other_has(Context *ctx, const SetRecord *rec, Value e) {
    HandleMark mark = gc_scope_open(ctx->rt);
    Value r = Call(ctx, rec->has, rec->set_object, 1, &e);
    gc_scope_close(ctx->rt, mark);
    if (val_is_exception(r)) return -1;
    return ToBoolean(r) ? 1 : 0;
}

typedef enum {
    SETOP_UNION,
    SETOP_INTERSECTION,
    SETOP_DIFFERENCE,
    SETOP_SYMMETRIC_DIFFERENCE,
    SETOP_IS_SUBSET_OF,
    SETOP_IS_SUPERSET_OF,
    SETOP_IS_DISJOINT_FROM,
} SetOp;

static const char *const setop_names[] = {
    "union",      "intersection", "difference",     "symmetricDifference",
    "isSubsetOf", "isSupersetOf", "isDisjointFrom",
};

/* Walks this set with a cursor calling other.has(e) for each element. For
 * intersection and difference it updates result; the predicates stop at the
 * first element that decides them. Returns VAL_TRUE / VAL_FALSE when a
 * predicate was decided early, VAL_EMPTY when the walk completed, or
 * VAL_EXCEPTION. */
static Value walk_this_set(Context *ctx, SetOp op, KeyedCollection *walked, const SetRecord *rec,
                           KeyedCollection *result) {
    Runtime *rt = ctx->rt;
    OTCursor cur;
    ot_cursor_init(ctx->rt, &cur, walked);
    Value e, unused;
    while (ot_cursor_next(rt, &cur, &e, &unused)) {
        int in_other = other_has(ctx, rec, e);
        TRY_I(in_other);
        switch (op) {
        case SETOP_INTERSECTION:
            if (in_other) TRY_I(ot_set(rt, result, e, VAL_UNDEFINED));
            break;
        case SETOP_DIFFERENCE:
            if (in_other) ot_delete(rt, result, e);
            break;
        case SETOP_IS_SUBSET_OF:
            if (!in_other) return VAL_FALSE;
            break;
        case SETOP_IS_DISJOINT_FROM:
            if (in_other) return VAL_FALSE;
            break;
        default: break;
        }
    }
    return VAL_EMPTY;
}

/* Walks other.keys(). Returns VAL_TRUE / VAL_FALSE when a predicate was
 * decided early (the iterator is closed then), VAL_EMPTY when the iterator
 * was exhausted, or VAL_EXCEPTION. */
static Value walk_other_keys(Context *ctx, SetOp op, KeyedCollection *o, const SetRecord *rec,
                             KeyedCollection *result) {
    Runtime *rt = ctx->rt;
    IteratorRecord keys_iter;
    TRY_I(GetIteratorFromMethod(ctx, rec->set_object, rec->keys, &keys_iter));
    /* union and symmetricDifference copy this set only now, after keys()
     * ran (#sec-set.prototype.union step 5). */
    if (op == SETOP_UNION || op == SETOP_SYMMETRIC_DIFFERENCE) TRY_I(set_fill_copy(ctx, result, o));
    for (;;) {
        HandleMark mark = gc_scope_open(rt);
        Value next = IteratorStepValue(ctx, &keys_iter);
        Value r = VAL_UNDEFINED;
        if (val_is_exception(next) || next == ITER_DONE) {
            gc_scope_close(rt, mark);
            return val_is_exception(next) ? VAL_EXCEPTION : VAL_EMPTY;
        }
        next = ot_canonical_key(next);
        switch (op) {
        case SETOP_UNION:
            if (ot_set(rt, result, next, VAL_UNDEFINED) < 0) r = VAL_EXCEPTION;
            break;
        case SETOP_INTERSECTION:
            if (ot_has(o, next) && ot_set(rt, result, next, VAL_UNDEFINED) < 0) r = VAL_EXCEPTION;
            break;
        case SETOP_DIFFERENCE: ot_delete(rt, result, next); break;
        case SETOP_SYMMETRIC_DIFFERENCE: {
            bool already_in_result = ot_has(result, next);
            if (ot_has(o, next)) {
                if (already_in_result) ot_delete(rt, result, next);
            } else if (!already_in_result && ot_set(rt, result, next, VAL_UNDEFINED) < 0) {
                r = VAL_EXCEPTION;
            }
            break;
        }
        case SETOP_IS_SUPERSET_OF:
        case SETOP_IS_DISJOINT_FROM:
            if (ot_has(o, next) == (op == SETOP_IS_DISJOINT_FROM)) {
                r = IteratorClose(ctx, &keys_iter, VAL_UNDEFINED);
                if (!val_is_exception(r)) r = VAL_FALSE;
            }
            break;
        default: break;
        }
        gc_scope_close(rt, mark);
        if (r != VAL_UNDEFINED) return r;
    }
}

/* Set.prototype.union ( other ) — #sec-set.prototype.union
 * Set.prototype.intersection ( other ) — #sec-set.prototype.intersection
 * Set.prototype.difference ( other ) — #sec-set.prototype.difference
 * Set.prototype.symmetricDifference ( other ) — #sec-set.prototype.symmetricdifference
 * Set.prototype.isSubsetOf ( other ) — #sec-set.prototype.issubsetof
 * Set.prototype.isSupersetOf ( other ) — #sec-set.prototype.issupersetof
 * Set.prototype.isDisjointFrom ( other ) — #sec-set.prototype.isdisjointfrom
 * (magic: SetOp) */
static Value set_operation(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    SetOp op = (SetOp)magic;
    THIS_SET(o, setop_names[op]);
    SetRecord rec;
    TRY_I(GetSetRecord(ctx, ARG(0), &rec, setop_names[op]));
    double this_size = (double)ot_size(o);
    KeyedCollection *result = NULL;
    Value r;
    switch (op) {
    case SETOP_UNION:
    case SETOP_SYMMETRIC_DIFFERENCE:
        result = new_result_set(ctx);
        if (!result) return VAL_EXCEPTION;
        r = walk_other_keys(ctx, op, o, &rec, result);
        break;
    case SETOP_INTERSECTION:
        result = new_result_set(ctx);
        if (!result) return VAL_EXCEPTION;
        r = this_size <= rec.size ? walk_this_set(ctx, op, o, &rec, result)
                                  : walk_other_keys(ctx, op, o, &rec, result);
        break;
    case SETOP_DIFFERENCE:
        result = new_result_set(ctx);
        if (!result) return VAL_EXCEPTION;
        TRY_I(set_fill_copy(ctx, result, o));
        r = this_size <= rec.size ? walk_this_set(ctx, op, result, &rec, result)
                                  : walk_other_keys(ctx, op, o, &rec, result);
        break;
    case SETOP_IS_SUBSET_OF:
        if (this_size > rec.size) return VAL_FALSE;
        r = walk_this_set(ctx, op, o, &rec, NULL);
        break;
    case SETOP_IS_SUPERSET_OF:
        if (this_size < rec.size) return VAL_FALSE;
        r = walk_other_keys(ctx, op, o, &rec, NULL);
        break;
    case SETOP_IS_DISJOINT_FROM:
        r = this_size <= rec.size ? walk_this_set(ctx, op, o, &rec, NULL)
                                  : walk_other_keys(ctx, op, o, &rec, NULL);
        break;
    default: return throw_type_error(ctx, "unknown set operation");
    }
    TRY(r);
    if (result) return val_from_object(&result->base);
    return r == VAL_FALSE ? VAL_FALSE : VAL_TRUE;
}

/* ---- Set Iterator objects — #sec-set-iterator-objects --------------------------------- */

typedef struct SetIterator {
    Object base;
    OTCursor cursor; /* table NULL once the iteration has completed */
    bool entries;    /* kind: ~key+value~ (else ~value~) */
} SetIterator;

static void set_iterator_trace(Runtime *rt, Object *o) {
    ot_cursor_trace(rt, &((SetIterator *)o)->cursor);
}

static const ClassDef class_set_iterator = {
    .id = CLASS_SET_ITERATOR,
    .name = "Set Iterator",
    .trace = set_iterator_trace,
};

/* CreateSetIterator ( set, kind ) — #sec-createsetiterator (magic: 1 for entries) */
static Value set_iterator_method(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    THIS_SET(s, magic ? "entries" : "values");
    SetIterator *it = (SetIterator *)obj_alloc(ctx, &class_set_iterator,
                                               ctx_intrinsic_obj(ctx, INTR_SetIteratorPrototype),
                                               sizeof(SetIterator));
    if (!it) return VAL_EXCEPTION;
    ot_cursor_init(ctx->rt, &it->cursor, s);
    it->entries = magic != 0;
    return val_from_object(&it->base);
}

/* %SetIteratorPrototype%.next ( ) — #sec-%setiteratorprototype%.next */
static Value set_iterator_next(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    if (!val_is_object(this_value) || obj_from_value(this_value)->cls != &class_set_iterator)
        return throw_type_error(ctx, "%%SetIteratorPrototype%%.next: not a Set Iterator");
    SetIterator *it = (SetIterator *)obj_from_value(this_value);
    Value e, unused;
    if (!it->cursor.table || !ot_cursor_next(ctx->rt, &it->cursor, &e, &unused)) {
        it->cursor.table = NULL;
        return CreateIterResultObject(ctx, VAL_UNDEFINED, true);
    }
    if (it->entries) {
        Value pair[2] = {e, e};
        Object *entry = CreateArrayFromList(ctx, pair, 2);
        if (!entry) return VAL_EXCEPTION;
        e = val_from_object(entry);
    }
    return CreateIterResultObject(ctx, e, false);
}

/* ---- installation -------------------------------------------------------------------- */

static const BuiltinProp set_ctor_props[] = {
    BP_GETSET("[Symbol.species]", set_species, NULL),
};

static const BuiltinProp set_proto_props[] = {
    BP_FUNC("add", set_add, 1),
    BP_FUNC("clear", set_clear, 0),
    BP_FUNC("delete", set_delete, 1),
    BP_FUNC_MAGIC("difference", set_operation, 1, SETOP_DIFFERENCE),
    BP_FUNC_MAGIC("entries", set_iterator_method, 0, 1),
    BP_FUNC("forEach", set_for_each, 1),
    BP_FUNC("has", set_has, 1),
    BP_FUNC_MAGIC("intersection", set_operation, 1, SETOP_INTERSECTION),
    BP_FUNC_MAGIC("isDisjointFrom", set_operation, 1, SETOP_IS_DISJOINT_FROM),
    BP_FUNC_MAGIC("isSubsetOf", set_operation, 1, SETOP_IS_SUBSET_OF),
    BP_FUNC_MAGIC("isSupersetOf", set_operation, 1, SETOP_IS_SUPERSET_OF),
    BP_GETSET("size", set_size, NULL),
    BP_FUNC_MAGIC("symmetricDifference", set_operation, 1, SETOP_SYMMETRIC_DIFFERENCE),
    BP_FUNC_MAGIC("union", set_operation, 1, SETOP_UNION),
    BP_FUNC_MAGIC("values", set_iterator_method, 0, 0),
    BP_STR("[Symbol.toStringTag]", "Set", PROP_CONFIGURABLE),
};

static const BuiltinProp set_iterator_proto_props[] = {
    BP_FUNC("next", set_iterator_next, 0),
    BP_STR("[Symbol.toStringTag]", "Set Iterator", PROP_CONFIGURABLE),
};

int init_set(Context *ctx) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    int r = -1;
    Object *iterator_proto = ensure_iterator_prototype(ctx);
    if (!iterator_proto) goto done;
    Object *set_iterator_proto = obj_new(ctx, iterator_proto);
    if (!set_iterator_proto) goto done;
    ctx->intrinsics[INTR_SetIteratorPrototype] = val_from_object(set_iterator_proto);
    if (builtins_install(ctx, set_iterator_proto, set_iterator_proto_props,
                         BP_COUNT(set_iterator_proto_props)) < 0)
        goto done;

    Object *proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!proto) goto done;
    Object *ctor = builtins_make_constructor(ctx, "Set", set_constructor, 0, proto, INTR_Set,
                                             INTR_SetPrototype, true);
    if (!ctor) goto done;
    if (builtins_install(ctx, ctor, set_ctor_props, BP_COUNT(set_ctor_props)) < 0) goto done;
    if (builtins_install(ctx, proto, set_proto_props, BP_COUNT(set_proto_props)) < 0) goto done;
    /* Set.prototype.keys and Set.prototype[@@iterator] are the same function
     * object as Set.prototype.values. */
    Value values_fn;
    uint8_t attrs;
    if (!obj_lookup_own_fast(proto, KEY(rt, values), &values_fn, &attrs)) goto done;
    if (obj_define_data_fast(ctx, proto, KEY(rt, keys), values_fn, PROP_BUILTIN) < 0) goto done;
    if (obj_define_data_fast(ctx, proto, KEY_SYM(rt, iterator), values_fn, PROP_BUILTIN) < 0)
        goto done;
    r = 0;
done:
    gc_scope_close(rt, mark);
    return r;
}
