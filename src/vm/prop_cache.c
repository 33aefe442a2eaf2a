/* prop_cache.c — slow paths of GET_PROP / SET_PROP that fill inline caches
 * (see prop_cache.h for the entry kinds and why they stay valid). Whatever
 * they cannot cache they hand to op_get_prop / op_set_prop, which implement
 * the full semantics; no entry is recorded then. */
#include "vm/prop_cache.h"

#include <string.h>

#include "vm/interp_ops.h"
#include "vm/shape.h"

/* True if o's own named property k is found by its shape alone and its
 * [[Get]] / [[GetOwnProperty]] / [[Set]] / [[DefineOwnProperty]] for k are
 * the ordinary ones: ordinary objects, %Object.prototype% (whose only exotic
 * method is [[SetPrototypeOf]]), and Arrays for keys other than "length". */
static bool named_ordinary(Runtime *rt, const Object *o, PropKey k) {
    if (!o->shape) return false;
    if (o->cls->ops == NULL || o->cls == &class_object_prototype) return true;
    return o->cls == &class_array && k != KEY(rt, length);
}

/* A receiver whose shape may key an entry: a shared shape. */
static bool shape_cacheable(const Object *o) {
    return o->shape && !shape_is_dict(o->shape) && !(o->hdr.flags & OBJ_DICT);
}

static void ic_record_own(InlineCache *ic, Object *o, uint32_t slot) {
    ic->shape = o->shape;
    ic->slot = slot;
    ic->epoch = 0;
    ic->proto = NULL;
    ic->cls = NULL;
    ic->holder = NULL;
    ic->added = NULL;
}

/* Flags the prototypes from o->proto through last (inclusive). */
static void watch_chain(Object *o, Object *last) {
    for (Object *p = o->proto; p; p = p->proto) {
        p->hdr.flags |= OBJ_PROTO_WATCHED;
        if (p == last) break;
    }
}

Value ic_get_prop(Context *ctx, Value base, String *name, InlineCache *ic) {
    if (!val_is_object(base)) return op_get_prop(ctx, base, name, NULL);
    Runtime *rt = ctx->rt;
    Object *o = obj_from_value(base);
    PropKey k = key_from_atom(name);
    if (o->cls == &class_array && k == KEY(rt, length)) {
        memset(ic, 0, sizeof *ic);
        ic->cls = &class_array;
        return ic_array_length(o);
    }
    /* "prototype" may hold VAL_LAZY_PROTOTYPE in any function of a shape. */
    if (!shape_cacheable(o) || !named_ordinary(rt, o, k) || k == KEY(rt, prototype))
        return op_get_prop(ctx, base, name, NULL);
    uint32_t slot;
    uint8_t attrs;
    if (shape_lookup(o->shape, k, &slot, &attrs)) {
        if (attrs & PROP_ACCESSOR) return op_get_prop(ctx, base, name, NULL);
        ic_record_own(ic, o, slot);
        return o->slots[slot];
    }
    /* OrdinaryGet's walk up the chain, as long as every object on it is
     * ordinary for k (otherwise the generic path does the walk). */
    for (Object *p = o->proto; p; p = p->proto) {
        if (!named_ordinary(rt, p, k)) break;
        if (!shape_lookup(p->shape, k, &slot, &attrs)) continue;
        if (attrs & PROP_ACCESSOR) break;
        watch_chain(o, p);
        ic->shape = o->shape;
        ic->slot = slot;
        ic->epoch = rt->proto_epoch;
        ic->proto = o->proto;
        ic->cls = o->cls;
        ic->holder = p;
        ic->added = NULL;
        return p->slots[slot];
    }
    return op_get_prop(ctx, base, name, NULL);
}

Value ic_set_prop(Context *ctx, Value base, String *name, Value v, InlineCache *ic, bool strict) {
    if (!val_is_object(base)) return op_set_prop(ctx, base, name, v, NULL, strict);
    Runtime *rt = ctx->rt;
    Object *o = obj_from_value(base);
    PropKey k = key_from_atom(name);
    if (o->cls->ops != NULL || !shape_cacheable(o))
        return op_set_prop(ctx, base, name, v, NULL, strict);
    Shape *old = o->shape;
    uint32_t slot;
    uint8_t attrs;
    if (shape_lookup(old, k, &slot, &attrs)) {
        if ((attrs & (PROP_ACCESSOR | PROP_WRITABLE)) != PROP_WRITABLE)
            return op_set_prop(ctx, base, name, v, NULL, strict);
        o->slots[slot] = v;
        ic_record_own(ic, o, slot);
        return VAL_TRUE;
    }
    /* OrdinarySet adds an own data property when no object on the chain has
     * k, or the first that has it has a writable data property. */
    bool cacheable = (o->hdr.flags & OBJ_EXTENSIBLE) && old->count < SHAPE_MAX_SHARED_PROPERTIES;
    Object *last = NULL;
    for (Object *p = o->proto; cacheable && p; p = p->proto) {
        last = p;
        if (!named_ordinary(rt, p, k)) {
            cacheable = false;
        } else if (shape_lookup(p->shape, k, &slot, &attrs)) {
            if ((attrs & (PROP_ACCESSOR | PROP_WRITABLE)) != PROP_WRITABLE) cacheable = false;
            break;
        }
    }
    Object *proto = o->proto;
    Value r = op_set_prop(ctx, base, name, v, NULL, strict);
    if (!cacheable || val_is_exception(r)) return r;
    Shape *ns = o->shape;
    if (shape_is_dict(ns) || ns->parent != old || ns->key != k || ns->attrs != PROP_DEFAULT ||
        o->proto != proto)
        return r;
    if (last) watch_chain(o, last);
    ic->shape = old;
    ic->slot = ns->count - 1;
    ic->epoch = rt->proto_epoch;
    ic->proto = proto;
    ic->cls = o->cls;
    ic->holder = NULL;
    ic->added = ns;
    return r;
}

int ic_grow_slots(Context *ctx, Object *o, uint32_t count) {
    uint32_t ncap = shape_slot_capacity(count);
    Value *sl = gc_realloc(ctx->rt, o->slots, sizeof(Value) * o->hdr.aux, sizeof(Value) * ncap);
    if (!sl) return -1;
    o->slots = sl;
    o->hdr.aux = ncap;
    return 0;
}

int ic_define_field(Context *ctx, Object *o, String *name, Value v, InlineCache *ic) {
    PropKey k = key_from_atom(name);
    Shape *old = o->shape;
    bool cacheable = o->cls == &class_object && shape_cacheable(o);
    if (obj_define_data_fast(ctx, o, k, v, PROP_DEFAULT) < 0) return -1;
    if (!cacheable) return 0;
    Shape *ns = o->shape;
    if (shape_is_dict(ns) || ns->parent != old || ns->key != k || ns->attrs != PROP_DEFAULT)
        return 0;
    memset(ic, 0, sizeof *ic);
    ic->shape = old;
    ic->slot = ns->count - 1;
    ic->added = ns;
    return 0;
}
