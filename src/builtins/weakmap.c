/*
 * weakmap.c — WeakMap and WeakSet (#sec-weakmap-objects,
 * #sec-weakset-objects).
 *
 * Both are KeyedCollections over a weak OrderedTable (vm/ordered_table.h):
 * the collector treats each entry as an ephemeron — its value is marked only
 * once its key is marked by some other path, and entries whose key stays
 * unmarked are removed before the sweep (gc.c, process_ephemerons and
 * process_weak_references). Keys must satisfy CanBeHeldWeakly: objects and
 * symbols not created by Symbol.for.
 */
#include "builtins/collections.h"
#include "builtins/iterator_ops.h"

const ClassDef class_weakmap = {
    .id = CLASS_WEAKMAP,
    .name = "WeakMap",
    .trace = keyed_collection_trace,
};

const ClassDef class_weakset = {
    .id = CLASS_WEAKSET,
    .name = "WeakSet",
    .trace = keyed_collection_trace,
};

/* WeakMap ( [ iterable ] ) — #sec-weakmap-iterable */
static Value weakmap_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    return collection_construct(ctx, new_target, &class_weakmap, INTR_WeakMapPrototype, ARG(0));
}

/* RequireInternalSlot ( M, [[WeakMapData]] / [[WeakSetData]] ) — #sec-requireinternalslot */
static KeyedCollection *this_weak(Context *ctx, Value this_value, const ClassDef *cls,
                                  const char *method) {
    KeyedCollection *c = collection_of(this_value, cls);
    if (!c)
        throw_type_error(ctx, "%s.prototype.%s called on an object that is not a %s", cls->name,
                         method, cls->name);
    return c;
}
#define THIS_WEAK(c, cls, method)                                                                  \
    KeyedCollection *c = this_weak(ctx, this_value, cls, method);                                  \
    if (!c) return VAL_EXCEPTION

/* WeakMap.prototype.delete ( key ) — #sec-weakmap.prototype.delete */
static Value weakmap_delete(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    THIS_WEAK(m, &class_weakmap, "delete");
    if (!CanBeHeldWeakly(ARG(0))) return VAL_FALSE;
    return val_from_bool(ot_delete(ctx->rt, m, ARG(0)));
}

/* WeakMap.prototype.get ( key ) — #sec-weakmap.prototype.get */
static Value weakmap_get(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    THIS_WEAK(m, &class_weakmap, "get");
    if (!CanBeHeldWeakly(ARG(0))) return VAL_UNDEFINED;
    Value v = ot_get(m, ARG(0));
    return v == VAL_EMPTY ? VAL_UNDEFINED : v;
}

/* WeakMap.prototype.getOrInsert ( key, value ) — proposal-upsert,
 * #sec-weakmap.prototype.getorinsert */
static Value weakmap_get_or_insert(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    THIS_WEAK(m, &class_weakmap, "getOrInsert");
    if (!CanBeHeldWeakly(ARG(0)))
        return throw_type_error(ctx, "WeakMap.prototype.getOrInsert: invalid key (an object or a "
                                     "non-registered symbol is required)");
    return collection_get_or_insert(ctx, m, ARG(0), ARG(1), false);
}

/* WeakMap.prototype.getOrInsertComputed ( key, callbackfn ) — proposal-upsert,
 * #sec-weakmap.prototype.getorinsertcomputed */
static Value weakmap_get_or_insert_computed(Context *ctx, Value this_value, int argc,
                                            const Value *argv, Value new_target, int magic) {
    THIS_WEAK(m, &class_weakmap, "getOrInsertComputed");
    if (!CanBeHeldWeakly(ARG(0)))
        return throw_type_error(ctx, "WeakMap.prototype.getOrInsertComputed: invalid key (an "
                                     "object or a non-registered symbol is required)");
    if (!val_is_callable(ARG(1)))
        return throw_type_error(
            ctx, "WeakMap.prototype.getOrInsertComputed: callback is not a function");
    return collection_get_or_insert(ctx, m, ARG(0), ARG(1), true);
}

/* WeakMap.prototype.has ( key ) — #sec-weakmap.prototype.has */
static Value weakmap_has(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    THIS_WEAK(m, &class_weakmap, "has");
    if (!CanBeHeldWeakly(ARG(0))) return VAL_FALSE;
    return val_from_bool(ot_has(m, ARG(0)));
}

/* WeakMap.prototype.set ( key, value ) — #sec-weakmap.prototype.set */
static Value weakmap_set(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    THIS_WEAK(m, &class_weakmap, "set");
    if (!CanBeHeldWeakly(ARG(0)))
        return throw_type_error(ctx, "WeakMap.prototype.set: invalid key (an object or a "
                                     "non-registered symbol is required)");
    TRY_I(ot_set(ctx->rt, m, ARG(0), ARG(1)));
    return this_value;
}

/* WeakSet ( [ iterable ] ) — #sec-weakset-iterable */
static Value weakset_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    return collection_construct(ctx, new_target, &class_weakset, INTR_WeakSetPrototype, ARG(0));
}

/* WeakSet.prototype.add ( value ) — #sec-weakset.prototype.add */
static Value weakset_add(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    THIS_WEAK(s, &class_weakset, "add");
    if (!CanBeHeldWeakly(ARG(0)))
        return throw_type_error(ctx, "WeakSet.prototype.add: invalid value (an object or a "
                                     "non-registered symbol is required)");
    TRY_I(ot_set(ctx->rt, s, ARG(0), VAL_UNDEFINED));
    return this_value;
}

/* WeakSet.prototype.delete ( value ) — #sec-weakset.prototype.delete */
static Value weakset_delete(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    THIS_WEAK(s, &class_weakset, "delete");
    if (!CanBeHeldWeakly(ARG(0))) return VAL_FALSE;
    return val_from_bool(ot_delete(ctx->rt, s, ARG(0)));
}

/* WeakSet.prototype.has ( value ) — #sec-weakset.prototype.has */
static Value weakset_has(Context *ctx, Value this_value, int argc, const Value *argv,
                         Value new_target, int magic) {
    THIS_WEAK(s, &class_weakset, "has");
    if (!CanBeHeldWeakly(ARG(0))) return VAL_FALSE;
    return val_from_bool(ot_has(s, ARG(0)));
}

static const BuiltinProp weakmap_proto_props[] = {
    BP_FUNC("delete", weakmap_delete, 1),
    BP_FUNC("get", weakmap_get, 1),
    BP_FUNC("getOrInsert", weakmap_get_or_insert, 2),
    BP_FUNC("getOrInsertComputed", weakmap_get_or_insert_computed, 2),
    BP_FUNC("has", weakmap_has, 1),
    BP_FUNC("set", weakmap_set, 2),
    BP_STR("[Symbol.toStringTag]", "WeakMap", PROP_CONFIGURABLE),
};

static const BuiltinProp weakset_proto_props[] = {
    BP_FUNC("add", weakset_add, 1),
    BP_FUNC("delete", weakset_delete, 1),
    BP_FUNC("has", weakset_has, 1),
    BP_STR("[Symbol.toStringTag]", "WeakSet", PROP_CONFIGURABLE),
};

int init_weakmap(Context *ctx) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    int r = -1;
    Object *object_proto = ctx_intrinsic_obj(ctx, INTR_ObjectPrototype);
    Object *map_proto = obj_new(ctx, object_proto);
    if (!map_proto) goto done;
    if (!builtins_make_constructor(ctx, "WeakMap", weakmap_constructor, 0, map_proto, INTR_WeakMap,
                                   INTR_WeakMapPrototype, true))
        goto done;
    if (builtins_install(ctx, map_proto, weakmap_proto_props, BP_COUNT(weakmap_proto_props)) < 0)
        goto done;
    Object *set_proto = obj_new(ctx, object_proto);
    if (!set_proto) goto done;
    if (!builtins_make_constructor(ctx, "WeakSet", weakset_constructor, 0, set_proto, INTR_WeakSet,
                                   INTR_WeakSetPrototype, true))
        goto done;
    if (builtins_install(ctx, set_proto, weakset_proto_props, BP_COUNT(weakset_proto_props)) < 0)
        goto done;
    r = 0;
done:
    gc_scope_close(rt, mark);
    return r;
}
