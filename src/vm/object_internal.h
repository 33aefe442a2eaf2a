/*
 * object_internal.h — property storage shared by object.c, array.c and
 * primitive.c. Not for use outside the object model: everything else goes
 * through the internal methods in object.h.
 */
#ifndef MICA_OBJECT_INTERNAL_H
#define MICA_OBJECT_INTERNAL_H

#include "vm/object.h"
#include "vm/shape.h"

enum { LOC_ELEMENT = 1, LOC_SLOT = 2 };

/* Where an own property is stored: elements[index] or slots[index]. */
typedef struct PropLoc {
    uint8_t where; /* LOC_* */
    uint8_t attrs; /* PROP_* (PROP_DEFAULT for elements) */
    uint32_t index;
} PropLoc;

/* Finds an own property in ordinary storage (no exotic hooks). */
bool own_find(Object *o, PropKey k, PropLoc *loc);
/* The value at loc; a lazily created function prototype is made here, so
 * this is VAL_EXCEPTION on OOM (see VAL_LAZY_PROTOTYPE in object.h). */
static inline Value loc_value(Object *o, const PropLoc *loc) {
    if (loc->where == LOC_ELEMENT) return o->elements[loc->index];
    Value v = o->slots[loc->index];
    if (unlikely(v == VAL_LAZY_PROTOTYPE)) return js_function_make_prototype(o, loc->index);
    return v;
}
/* Adds a property that does not exist yet (value: an Accessor cell when
 * attrs has PROP_ACCESSOR). -1 on OOM. */
int storage_add(Context *ctx, Object *o, PropKey k, Value v, uint8_t attrs);
/* Removes the property found at loc. -1 on OOM (dictionary conversion). */
int storage_remove(Context *ctx, Object *o, PropKey k, const PropLoc *loc);
/* Gives the property at loc new attributes and value. -1 on OOM. */
int storage_reconfigure(Context *ctx, Object *o, PropKey k, const PropLoc *loc, uint8_t attrs,
                        Value v);
/* Moves all index properties into the dictionary (sets OBJ_SPARSE). */
int obj_make_sparse(Context *ctx, Object *o);

/* OrdinaryOwnPropertyKeys with the exotic additions: the first
 * `string_length` indices (String exotic objects) and "length" after the
 * indices (arrays). */
ValueArray *own_keys_common(Context *ctx, Object *o, uint32_t string_length, bool array_length);

/* Calls the getter of an accessor stored value (an Accessor cell). */
Value accessor_call_get(Context *ctx, Value stored, Value receiver);
Accessor *accessor_new(Runtime *rt, Value getter, Value setter);

static inline bool key_is_length(Runtime *rt, PropKey k) {
    return k == KEY(rt, length);
}

#endif
