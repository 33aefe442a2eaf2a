/*
 * collections.h — what map.c, set.c and weakmap.c share: the collection
 * classes (KeyedCollection instances, vm/ordered_table.h) and
 * AddEntriesFromIterable.
 */
#ifndef MICA_COLLECTIONS_H
#define MICA_COLLECTIONS_H

#include "builtins/builtins.h"
#include "vm/ordered_table.h"

extern const ClassDef class_map, class_set, class_weakmap, class_weakset;

/* The KeyedCollection behind v when v is an object of class cls, else NULL. */
static inline KeyedCollection *collection_of(Value v, const ClassDef *cls) {
    if (!val_is_object(v) || obj_from_value(v)->cls != cls) return NULL;
    return (KeyedCollection *)obj_from_value(v);
}

/* AddEntriesFromIterable ( target, iterable, adder ) — #sec-add-entries-from-iterable */
Value AddEntriesFromIterable(Context *ctx, Value target, Value iterable, Value adder);

/* The Map, WeakMap, Set and WeakSet constructors' shared body
 * (#sec-map-iterable, #sec-weakmap-iterable, #sec-set-iterable,
 * #sec-weakset-iterable): OrdinaryCreateFromConstructor, then the adder
 * ("set" for maps, "add" for sets) called with each entry's key and value,
 * or with each value, of iterable (undefined or null: none). */
Value collection_construct(Context *ctx, Value new_target, const ClassDef *cls,
                           IntrinsicId proto_id, Value iterable);

/* The shared steps of getOrInsert and getOrInsertComputed of Map and WeakMap
 * (proposal-upsert): the value under key if there is one; else value, or
 * when computed the result of calling value (the callback) with the
 * canonical key, stored under key and returned. */
Value collection_get_or_insert(Context *ctx, KeyedCollection *c, Value key, Value value,
                               bool computed);

/* The loop of Map.prototype.forEach and Set.prototype.forEach (#sec-map.prototype.foreach,
 * #sec-set.prototype.foreach): callback(value, key, collection) for each
 * live entry (a Set passes its value twice), entries added during the walk
 * included. */
Value collection_for_each(Context *ctx, KeyedCollection *c, Value this_value, Value callback,
                          Value this_arg);

/* A new empty collection of cls with prototype proto. NULL on OOM. */
KeyedCollection *collection_new(Context *ctx, const ClassDef *cls, Object *proto);

#endif
