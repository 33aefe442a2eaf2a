/*
 * map.c — the Map constructor, Map.groupBy, Map.prototype and
 * %MapIteratorPrototype% (#sec-map-objects). Entries live in an ordered
 * hash table (vm/ordered_table.h); iterators hold a cursor on it, which
 * gives the spec's live iteration over a List with ~empty~ holes.
 */
#include "builtins/collections.h"
#include "builtins/iterator_ops.h"

const ClassDef class_map = {
    .id = CLASS_MAP,
    .name = "Map",
    .trace = keyed_collection_trace,
};

KeyedCollection *collection_new(Context *ctx, const ClassDef *cls, Object *proto) {
    KeyedCollection *c = (KeyedCollection *)obj_alloc(ctx, cls, proto, sizeof(KeyedCollection));
    if (!c || ot_attach(ctx->rt, c, cls == &class_weakmap || cls == &class_weakset) < 0)
        return NULL;
    return c;
}

/* AddEntriesFromIterable ( target, iterable, adder ) — #sec-add-entries-from-iterable */
Value AddEntriesFromIterable(Context *ctx, Value target, Value iterable, Value adder) {
    Runtime *rt = ctx->rt;
    IteratorRecord rec;
    TRY_I(GetIterator(ctx, iterable, ITER_KIND_SYNC, &rec));
    for (;;) {
        HandleMark mark = gc_scope_open(rt);
        Value next = IteratorStepValue(ctx, &rec);
        if (val_is_exception(next)) return VAL_EXCEPTION;
        if (next == ITER_DONE) {
            gc_scope_close(rt, mark);
            return target;
        }
        if (!val_is_object(next)) {
            throw_type_error(ctx, "iterator value is not an entry object");
            goto abrupt;
        }
        Value k = Get(ctx, obj_from_value(next), key_from_index(0));
        if (val_is_exception(k)) goto abrupt;
        Value v = Get(ctx, obj_from_value(next), key_from_index(1));
        if (val_is_exception(v)) goto abrupt;
        Value args[2] = {k, v};
        if (val_is_exception(Call(ctx, adder, target, 2, args))) goto abrupt;
        gc_scope_close(rt, mark);
        continue;
    abrupt:
        IteratorClose(ctx, &rec, VAL_EXCEPTION);
        gc_scope_close(rt, mark);
        return VAL_EXCEPTION;
    }
}

/* AddValuesFromIterable: the loop of the Set and WeakSet constructors
 * (#sec-set-iterable steps 5-8), which pass each value alone to the adder. */
static Value AddValuesFromIterable(Context *ctx, Value target, Value iterable, Value adder) {
    Runtime *rt = ctx->rt;
    IteratorRecord rec;
    TRY_I(GetIterator(ctx, iterable, ITER_KIND_SYNC, &rec));
    for (;;) {
        HandleMark mark = gc_scope_open(rt);
        Value next = IteratorStepValue(ctx, &rec);
        if (val_is_exception(next)) return VAL_EXCEPTION;
        if (next == ITER_DONE) {
            gc_scope_close(rt, mark);
            return target;
        }
        Value status = Call(ctx, adder, target, 1, &next);
        gc_scope_close(rt, mark);
        if (val_is_exception(status)) return IteratorClose(ctx, &rec, VAL_EXCEPTION);
    }
}

Value collection_construct(Context *ctx, Value new_target, const ClassDef *cls,
                           IntrinsicId proto_id, Value iterable) {
    bool is_map = cls == &class_map || cls == &class_weakmap;
    if (val_is_undefined(new_target))
        return throw_type_error(ctx, "Constructor %s requires 'new'", cls->name);
    Object *proto = GetPrototypeFromConstructor(ctx, new_target, proto_id);
    if (!proto) return VAL_EXCEPTION;
    KeyedCollection *c = collection_new(ctx, cls, proto);
    if (!c) return VAL_EXCEPTION;
    Value target = val_from_object(&c->base);
    if (val_is_nullish(iterable)) return target;
    Value adder = Get(ctx, &c->base, is_map ? KEY(ctx->rt, set) : KEY(ctx->rt, add));
    TRY(adder);
    if (!val_is_callable(adder))
        return throw_type_error(ctx, "%s: '%s' is not a function", cls->name,
                                is_map ? "set" : "add");
    return is_map ? AddEntriesFromIterable(ctx, target, iterable, adder)
                  : AddValuesFromIterable(ctx, target, iterable, adder);
}

/* Map ( [ iterable ] ) — #sec-map-iterable */
static Value map_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    return collection_construct(ctx, new_target, &class_map, INTR_MapPrototype, ARG(0));
}

/* Map.groupBy ( items, callback ) — #sec-map.groupby, with GroupBy ( items,
 * callback, collection ) — #sec-groupby. The groups are kept directly in the
 * result Map's table: neither the callback nor the iterator can reach it,
 * and first-seen order is the order the spec appends the entries in. */
static Value map_group_by(Context *ctx, Value this_value, int argc, const Value *argv,
                          Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Value items = ARG(0), callback = ARG(1);
    TRY(RequireObjectCoercible(ctx, items));
    if (!val_is_callable(callback))
        return throw_type_error(ctx, "Map.groupBy: callback is not a function");
    KeyedCollection *map =
        collection_new(ctx, &class_map, ctx_intrinsic_obj(ctx, INTR_MapPrototype));
    if (!map) return VAL_EXCEPTION;
    IteratorRecord rec;
    TRY_I(GetIterator(ctx, items, ITER_KIND_SYNC, &rec));
    for (double k = 0;; k++) {
        HandleMark mark = gc_scope_open(rt);
        if (k >= 9007199254740991.0) {
            throw_type_error(ctx, "Map.groupBy: too many elements");
            goto abrupt;
        }
        Value value = IteratorStepValue(ctx, &rec);
        if (val_is_exception(value) || value == ITER_DONE) {
            gc_scope_close(rt, mark);
            return val_is_exception(value) ? VAL_EXCEPTION : val_from_object(&map->base);
        }
        Value args[2] = {value, val_from_number(k)};
        Value key = Call(ctx, callback, VAL_UNDEFINED, 2, args);
        if (val_is_exception(key)) goto abrupt;
        /* AddValueToKeyedGroup — #sec-add-value-to-keyed-group (the key
         * canonicalized: -0 groups with +0) */
        Value group = ot_get(map, key);
        if (group == VAL_EMPTY) {
            Object *elements = array_new(ctx, 0);
            if (!elements) goto abrupt;
            group = val_from_object(elements);
            if (ot_set(rt, map, key, group) < 0) goto abrupt;
        }
        if (array_push_fast(ctx, obj_from_value(group), value) < 0) goto abrupt;
        gc_scope_close(rt, mark);
        continue;
    abrupt:
        IteratorClose(ctx, &rec, VAL_EXCEPTION);
        gc_scope_close(rt, mark);
        return VAL_EXCEPTION;
    }
}

/* get Map [ %Symbol.species% ] — #sec-get-map-%symbol.species% */
static Value map_species(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    return this_value;
}

/* RequireInternalSlot ( M, [[MapData]] ) — #sec-requireinternalslot */
static KeyedCollection *this_map(Context *ctx, Value this_value, const char *method) {
    KeyedCollection *m = collection_of(this_value, &class_map);
    if (!m) throw_type_error(ctx, "Map.prototype.%s called on an object that is not a Map", method);
    return m;
}
#define THIS_MAP(m, method)                                                                        \
    KeyedCollection *m = this_map(ctx, this_value, method);                                        \
    if (!m) return VAL_EXCEPTION

/* Map.prototype.clear ( ) — #sec-map.prototype.clear */
static Value map_clear(Context *ctx, Value this_value, int argc, const Value *argv,
                       Value new_target, int magic) {
    THIS_MAP(m, "clear");
    ot_clear(ctx->rt, m);
    return VAL_UNDEFINED;
}

/* Map.prototype.delete ( key ) — #sec-map.prototype.delete */
static Value map_delete(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    THIS_MAP(m, "delete");
    return val_from_bool(ot_delete(ctx->rt, m, ARG(0)));
}

Value collection_for_each(Context *ctx, KeyedCollection *c, Value this_value, Value callback,
                          Value this_arg) {
    Runtime *rt = ctx->rt;
    bool is_set = c->base.cls == &class_set;
    OTCursor cur;
    ot_cursor_init(rt, &cur, c);
    Value key, value;
    /* ot_cursor_next protects the tables it moves to in this scope. */
    while (ot_cursor_next(rt, &cur, &key, &value)) {
        HandleMark mark = gc_scope_open(rt);
        Value args[3] = {is_set ? key : value, key, this_value};
        Value r = Call(ctx, callback, this_arg, 3, args);
        gc_scope_close(rt, mark);
        TRY(r);
    }
    return VAL_UNDEFINED;
}

/* Map.prototype.forEach ( callback [ , thisArg ] ) — #sec-map.prototype.foreach */
static Value map_for_each(Context *ctx, Value this_value, int argc, const Value *argv,
                          Value new_target, int magic) {
    THIS_MAP(m, "forEach");
    if (!val_is_callable(ARG(0)))
        return throw_type_error(ctx, "Map.prototype.forEach: callback is not a function");
    return collection_for_each(ctx, m, this_value, ARG(0), ARG(1));
}

/* Map.prototype.get ( key ) — #sec-map.prototype.get */
static Value map_get(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                     int magic) {
    THIS_MAP(m, "get");
    Value v = ot_get(m, ARG(0));
    return v == VAL_EMPTY ? VAL_UNDEFINED : v;
}

/* Map.prototype.has ( key ) — #sec-map.prototype.has */
static Value map_has(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                     int magic) {
    THIS_MAP(m, "has");
    return val_from_bool(ot_has(m, ARG(0)));
}

/* Map.prototype.set ( key, value ) — #sec-map.prototype.set */
static Value map_set(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                     int magic) {
    THIS_MAP(m, "set");
    TRY_I(ot_set(ctx->rt, m, ARG(0), ARG(1)));
    return this_value;
}

Value collection_get_or_insert(Context *ctx, KeyedCollection *c, Value key, Value value,
                               bool computed) {
    key = ot_canonical_key(key);
    Value found = ot_get(c, key);
    if (found != VAL_EMPTY) return found;
    if (computed) {
        /* The callback may add, change or delete the key: set, don't append. */
        value = Call(ctx, value, VAL_UNDEFINED, 1, &key);
        TRY(value);
        gc_protect(ctx->rt, value);
    }
    TRY_I(ot_set(ctx->rt, c, key, value));
    return value;
}

/* Map.prototype.getOrInsert ( key, value ) — proposal-upsert,
 * #sec-map.prototype.getorinsert */
static Value map_get_or_insert(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    THIS_MAP(m, "getOrInsert");
    return collection_get_or_insert(ctx, m, ARG(0), ARG(1), false);
}

/* Map.prototype.getOrInsertComputed ( key, callbackfn ) — proposal-upsert,
 * #sec-map.prototype.getorinsertcomputed */
static Value map_get_or_insert_computed(Context *ctx, Value this_value, int argc, const Value *argv,
                                        Value new_target, int magic) {
    THIS_MAP(m, "getOrInsertComputed");
    if (!val_is_callable(ARG(1)))
        return throw_type_error(ctx,
                                "Map.prototype.getOrInsertComputed: callback is not a function");
    return collection_get_or_insert(ctx, m, ARG(0), ARG(1), true);
}

/* get Map.prototype.size — #sec-get-map.prototype.size */
static Value map_size(Context *ctx, Value this_value, int argc, const Value *argv, Value new_target,
                      int magic) {
    THIS_MAP(m, "size");
    return val_from_number((double)ot_size(m));
}

/* ---- Map Iterator objects — #sec-map-iterator-objects ------------------------------- */

typedef enum { COLL_ITER_KEYS, COLL_ITER_VALUES, COLL_ITER_ENTRIES } CollIterKind;

typedef struct MapIterator {
    Object base;
    OTCursor cursor; /* table NULL once the iteration has completed */
    int kind;        /* CollIterKind */
} MapIterator;

static void map_iterator_trace(Runtime *rt, Object *o) {
    ot_cursor_trace(rt, &((MapIterator *)o)->cursor);
}

static const ClassDef class_map_iterator = {
    .id = CLASS_MAP_ITERATOR,
    .name = "Map Iterator",
    .trace = map_iterator_trace,
};

/* CreateMapIterator ( map, kind ) — #sec-createmapiterator (magic: kind) */
static Value map_iterator_method(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    static const char *const names[] = {"keys", "values", "entries"};
    THIS_MAP(m, names[magic]);
    MapIterator *it = (MapIterator *)obj_alloc(ctx, &class_map_iterator,
                                               ctx_intrinsic_obj(ctx, INTR_MapIteratorPrototype),
                                               sizeof(MapIterator));
    if (!it) return VAL_EXCEPTION;
    ot_cursor_init(ctx->rt, &it->cursor, m);
    it->kind = magic;
    return val_from_object(&it->base);
}

/* %MapIteratorPrototype%.next ( ) — #sec-%mapiteratorprototype%.next */
static Value map_iterator_next(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    if (!val_is_object(this_value) || obj_from_value(this_value)->cls != &class_map_iterator)
        return throw_type_error(ctx, "%%MapIteratorPrototype%%.next: not a Map Iterator");
    MapIterator *it = (MapIterator *)obj_from_value(this_value);
    Value key, value;
    if (!it->cursor.table || !ot_cursor_next(ctx->rt, &it->cursor, &key, &value)) {
        it->cursor.table = NULL;
        return CreateIterResultObject(ctx, VAL_UNDEFINED, true);
    }
    Value result = it->kind == COLL_ITER_KEYS ? key : value;
    if (it->kind == COLL_ITER_ENTRIES) {
        Value pair[2] = {key, value};
        Object *entry = CreateArrayFromList(ctx, pair, 2);
        if (!entry) return VAL_EXCEPTION;
        result = val_from_object(entry);
    }
    return CreateIterResultObject(ctx, result, false);
}

/* ---- installation ------------------------------------------------------------------ */

static const BuiltinProp map_ctor_props[] = {
    BP_FUNC("groupBy", map_group_by, 2),
    BP_GETSET("[Symbol.species]", map_species, NULL),
};

static const BuiltinProp map_proto_props[] = {
    BP_FUNC("clear", map_clear, 0),
    BP_FUNC("delete", map_delete, 1),
    BP_FUNC_MAGIC("entries", map_iterator_method, 0, COLL_ITER_ENTRIES),
    BP_FUNC("forEach", map_for_each, 1),
    BP_FUNC("get", map_get, 1),
    BP_FUNC("getOrInsert", map_get_or_insert, 2),
    BP_FUNC("getOrInsertComputed", map_get_or_insert_computed, 2),
    BP_FUNC("has", map_has, 1),
    BP_FUNC_MAGIC("keys", map_iterator_method, 0, COLL_ITER_KEYS),
    BP_FUNC("set", map_set, 2),
    BP_GETSET("size", map_size, NULL),
    BP_FUNC_MAGIC("values", map_iterator_method, 0, COLL_ITER_VALUES),
    BP_STR("[Symbol.toStringTag]", "Map", PROP_CONFIGURABLE),
};

static const BuiltinProp map_iterator_proto_props[] = {
    BP_FUNC("next", map_iterator_next, 0),
    BP_STR("[Symbol.toStringTag]", "Map Iterator", PROP_CONFIGURABLE),
};

int init_map(Context *ctx) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    int r = -1;
    Object *iterator_proto = ensure_iterator_prototype(ctx);
    if (!iterator_proto) goto done;
    Object *map_iterator_proto = obj_new(ctx, iterator_proto);
    if (!map_iterator_proto) goto done;
    ctx->intrinsics[INTR_MapIteratorPrototype] = val_from_object(map_iterator_proto);
    if (builtins_install(ctx, map_iterator_proto, map_iterator_proto_props,
                         BP_COUNT(map_iterator_proto_props)) < 0)
        goto done;

    Object *proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!proto) goto done;
    Object *ctor = builtins_make_constructor(ctx, "Map", map_constructor, 0, proto, INTR_Map,
                                             INTR_MapPrototype, true);
    if (!ctor) goto done;
    if (builtins_install(ctx, ctor, map_ctor_props, BP_COUNT(map_ctor_props)) < 0) goto done;
    if (builtins_install(ctx, proto, map_proto_props, BP_COUNT(map_proto_props)) < 0) goto done;
    /* Map.prototype[@@iterator] is the same function object as entries. */
    Value entries_fn;
    uint8_t attrs;
    PropKey entries_key = key_from_cstr(rt, "entries");
    if (entries_key == KEY_NONE || !obj_lookup_own_fast(proto, entries_key, &entries_fn, &attrs))
        goto done;
    if (obj_define_data_fast(ctx, proto, KEY_SYM(rt, iterator), entries_fn, PROP_BUILTIN) < 0)
        goto done;
    r = 0;
done:
    gc_scope_close(rt, mark);
    return r;
}
