/*
 * object.c — property storage, the ordinary internal methods, dispatch to
 * exotic hooks, and the abstract operations on objects
 * (#sec-ordinary-object-internal-methods-and-internal-slots,
 *  #sec-operations-on-objects).
 *
 * Storage: named properties live in slots described by a shared Shape or a
 * per-object dictionary (vm/shape.h); index properties live in the dense
 * `elements` vector (holes are VAL_HOLE) unless the object is OBJ_SPARSE,
 * in which case they are dictionary entries too. Elements are always plain
 * data properties with PROP_DEFAULT attributes.
 */
#include <math.h>
#include <stdlib.h>
#include "vm/conv.h"
#include "vm/function.h"
#include "vm/object_internal.h"

#define HOOK(o, name) ((o)->cls->ops ? (o)->cls->ops->name : NULL)

/* ---- property keys ---------------------------------------------------------- */

PropKey key_from_string(Runtime *rt, String *s) {
    if (str_is_rope(s) && !str_flatten(rt, s)) return KEY_NONE;
    uint32_t index;
    if (str_is_array_index(s, &index)) return key_from_index(index);
    if (str_is_atom(s)) return key_from_atom(s);
    String *atom = atom_intern(rt, s);
    if (!atom) return KEY_NONE;
    return key_from_atom(atom);
}

PropKey key_from_cstr(Runtime *rt, const char *name) {
    size_t len = strlen(name);
    if (len > 0 && len <= 10 && (name[0] != '0' || len == 1)) {
        uint64_t v = 0;
        size_t i = 0;
        while (i < len && name[i] >= '0' && name[i] <= '9')
            v = v * 10 + (uint64_t)(name[i++] - '0');
        if (i == len && v < 0xFFFFFFFFull) return key_from_index((uint32_t)v);
    }
    String *atom = atom_from_cstr(rt, name);
    if (!atom) return KEY_NONE;
    return key_from_atom(atom);
}

Value key_to_value(Runtime *rt, PropKey k) {
    if (key_is_index(k)) {
        String *s = str_from_int(rt, key_index(k));
        return s ? val_from_string(s) : VAL_EXCEPTION;
    }
    return (Value)k; /* atoms and symbols are their own values */
}

String *key_to_display_string(Runtime *rt, PropKey k, bool for_function_name) {
    if (key_is_index(k)) return str_from_int(rt, key_index(k));
    if (key_is_atom(k)) return key_atom(k);
    Symbol *sym = val_as_symbol(k);
    String *desc = val_is_string(sym->description) ? val_as_string(sym->description) : NULL;
    StringBuilder sb;
    sb_init(&sb, rt);
    if (for_function_name) {
        if (!desc) return str_empty(rt);
        sb_append_ascii(&sb, "[");
        sb_append_string(&sb, desc);
        sb_append_ascii(&sb, "]");
    } else {
        sb_append_ascii(&sb, "Symbol(");
        if (desc) sb_append_string(&sb, desc);
        sb_append_ascii(&sb, ")");
    }
    return sb_finish(&sb);
}

/* ---- descriptors ------------------------------------------------------------ */

PropertyDescriptor desc_data(Value v, uint8_t attrs) {
    PropertyDescriptor d;
    d.has = DESC_HAS_VALUE | DESC_HAS_WRITABLE | DESC_HAS_ENUMERABLE | DESC_HAS_CONFIGURABLE;
    d.attrs = attrs & (PROP_WRITABLE | PROP_ENUMERABLE | PROP_CONFIGURABLE);
    d.value = v;
    d.getter = d.setter = VAL_UNDEFINED;
    return d;
}

PropertyDescriptor desc_accessor(Value getter, Value setter, uint8_t attrs) {
    PropertyDescriptor d;
    d.has = DESC_HAS_GET | DESC_HAS_SET | DESC_HAS_ENUMERABLE | DESC_HAS_CONFIGURABLE;
    d.attrs = attrs & (PROP_ENUMERABLE | PROP_CONFIGURABLE);
    d.value = VAL_UNDEFINED;
    d.getter = getter;
    d.setter = setter;
    return d;
}

Accessor *accessor_new(Runtime *rt, Value getter, Value setter) {
    Accessor *a = gc_alloc(rt, CELL_ACCESSOR, sizeof(Accessor));
    if (!a) return NULL;
    a->getter = getter;
    a->setter = setter;
    return a;
}

void accessor_trace(Runtime *rt, Cell *c) {
    Accessor *a = (Accessor *)c;
    gc_mark_value(rt, a->getter);
    gc_mark_value(rt, a->setter);
}

Value accessor_call_get(Context *ctx, Value stored, Value receiver) {
    Accessor *a = (Accessor *)val_as_cell(stored);
    if (val_is_undefined(a->getter)) return VAL_UNDEFINED;
    return Call(ctx, a->getter, receiver, 0, NULL);
}

/* ---- allocation and GC -------------------------------------------------------- */

const ClassDef class_object = {.id = CLASS_OBJECT, .name = "Object"};

static const ObjectOps object_prototype_ops = {.set_prototype_of = SetImmutablePrototype};
const ClassDef class_object_prototype = {
    .id = CLASS_OBJECT, .name = "Object", .ops = &object_prototype_ops};

Object *obj_alloc(Context *ctx, const ClassDef *cls, Object *proto, size_t size) {
    Runtime *rt = ctx->rt;
    if (size < sizeof(Object)) size = sizeof(Object);
    Object *o = gc_alloc(rt, CELL_OBJECT, size);
    if (!o) return NULL;
    o->cls = cls;
    o->proto = proto;
    o->hdr.flags = OBJ_EXTENSIBLE;
    /* After the object exists (it roots nothing yet, the root shape is
     * weakly held by the runtime and may be recreated here). */
    Shape *root = shape_root(rt);
    if (!root) return NULL;
    o->shape = root;
    return o;
}

Object *obj_new(Context *ctx, Object *proto) {
    return obj_alloc(ctx, &class_object, proto, sizeof(Object));
}

Object *obj_new_plain(Context *ctx) {
    return obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
}

void object_trace(Runtime *rt, Cell *c) {
    Object *o = (Object *)c;
    if (o->proto) gc_mark_cell(rt, &o->proto->hdr);
    if (o->shape) {
        gc_mark_cell(rt, &o->shape->hdr);
        uint32_t n = shape_is_dict(o->shape) ? o->shape->entries_len : o->shape->count;
        gc_mark_values(rt, o->slots, n);
    }
    gc_mark_values(rt, o->elements, o->elements_length);
    if (o->cls && o->cls->trace) o->cls->trace(rt, o);
}

void object_finalize(Runtime *rt, Cell *c) {
    Object *o = (Object *)c;
    if (o->slots) gc_free(rt, o->slots, sizeof(Value) * o->hdr.aux);
    if (o->elements) gc_free(rt, o->elements, sizeof(Value) * o->elements_capacity);
    if (o->cls && o->cls->finalize) o->cls->finalize(rt, o);
}

/* ---- storage ------------------------------------------------------------------ */

bool own_find(Object *o, PropKey k, PropLoc *loc) {
    if (key_is_index(k) && !(o->hdr.flags & OBJ_SPARSE)) {
        uint32_t i = key_index(k);
        if (i < o->elements_length && o->elements[i] != VAL_HOLE) {
            loc->where = LOC_ELEMENT;
            loc->attrs = PROP_DEFAULT;
            loc->index = i;
            return true;
        }
        return false;
    }
    uint32_t slot;
    uint8_t attrs;
    if (o->shape && shape_lookup(o->shape, k, &slot, &attrs)) {
        loc->where = LOC_SLOT;
        loc->attrs = attrs;
        loc->index = slot;
        return true;
    }
    return false;
}

static int ensure_shape(Context *ctx, Object *o) {
    if (o->shape) return 0;
    Shape *root = shape_root(ctx->rt);
    if (!root) return -1;
    o->shape = root;
    return 0;
}

static int obj_to_dict(Context *ctx, Object *o) {
    if (ensure_shape(ctx, o) < 0) return -1;
    if (shape_is_dict(o->shape)) return 0;
    obj_layout_will_change(ctx->rt, o);
    Shape *d = dict_from_shape(ctx->rt, o->shape);
    if (!d) return -1;
    GC_WRITE_BARRIER(ctx->rt, o, d);
    o->shape = d;
    o->hdr.flags |= OBJ_DICT;
    return 0;
}

int obj_invalidate_inline_caches(Context *ctx, Object *o) {
    if (!o->shape || !shape_is_dict(o->shape)) return obj_to_dict(ctx, o);
    obj_layout_will_change(ctx->rt, o);
    /* A new dictionary cell takes over the tables; the old one stays behind
     * empty for the caches that still point at it. */
    Shape *fresh = gc_alloc(ctx->rt, CELL_SHAPE, sizeof(Shape));
    if (!fresh) return -1;
    Shape *old = o->shape;
    fresh->hdr.flags = SHAPE_DICT;
    fresh->key = KEY_NONE;
    fresh->count = old->count;
    fresh->entries = old->entries;
    fresh->entries_len = old->entries_len;
    fresh->entries_cap = old->entries_cap;
    fresh->table = old->table;
    fresh->table_cap = old->table_cap;
    old->entries = NULL;
    old->entries_len = old->entries_cap = old->count = 0;
    old->table = NULL;
    old->table_cap = 0;
    GC_WRITE_BARRIER(ctx->rt, o, fresh);
    o->shape = fresh;
    return 0;
}

static int named_add(Context *ctx, Object *o, PropKey k, Value v, uint8_t attrs) {
    Runtime *rt = ctx->rt;
    if (ensure_shape(ctx, o) < 0) return -1;
    obj_layout_will_change(rt, o);
    Shape *s = o->shape;
    if (!shape_is_dict(s)) {
        if (s->count < SHAPE_MAX_SHARED_PROPERTIES) {
            Shape *ns = shape_add(rt, s, k, attrs);
            if (!ns) return -1;
            if (ns->count > o->hdr.aux) {
                uint32_t ncap = shape_slot_capacity(ns->count);
                Value *sl =
                    gc_realloc(rt, o->slots, sizeof(Value) * o->hdr.aux, sizeof(Value) * ncap);
                if (!sl) return -1;
                o->slots = sl;
                o->hdr.aux = ncap;
            }
            o->slots[s->count] = v;
            GC_WRITE_BARRIER(rt, o, v);
            GC_WRITE_BARRIER(rt, o, ns);
            o->shape = ns;
            return 0;
        }
        if (obj_to_dict(ctx, o) < 0) return -1;
    }
    Shape *d = o->shape;
    if (dict_reserve(rt, d, 1, &o->slots, &o->hdr.aux) < 0) return -1;
    uint32_t i = dict_append(d, k, attrs);
    o->slots[i] = v;
    GC_WRITE_BARRIER(rt, o, v);
    return 0;
}

int obj_make_sparse(Context *ctx, Object *o) {
    if (o->hdr.flags & OBJ_SPARSE) return 0;
    if (obj_to_dict(ctx, o) < 0) return -1;
    uint32_t n = 0;
    for (uint32_t i = 0; i < o->elements_length; i++)
        if (o->elements[i] != VAL_HOLE) n++;
    if (dict_reserve(ctx->rt, o->shape, n, &o->slots, &o->hdr.aux) < 0) return -1;
    for (uint32_t i = 0; i < o->elements_length; i++) {
        Value v = o->elements[i];
        if (v == VAL_HOLE) continue;
        uint32_t slot = dict_append(o->shape, key_from_index(i), PROP_DEFAULT);
        o->slots[slot] = v;
        GC_WRITE_BARRIER(ctx->rt, o, v);
    }
    if (o->elements) gc_free(ctx->rt, o->elements, sizeof(Value) * o->elements_capacity);
    o->elements = NULL;
    o->elements_length = o->elements_capacity = 0;
    o->hdr.flags |= OBJ_SPARSE;
    return 0;
}

/* Dense storage may hold at most this many slots per present element (plus
 * ELEMENTS_DENSE_SLACK): beyond that, index properties go to the dictionary.
 * The bound is what keeps writes at exponentially growing indices (a[2^k])
 * from allocating 2^k slots for k elements. */
#define ELEMENTS_MAX_HOLE_RATIO 8
#define ELEMENTS_DENSE_SLACK 1024

/* Grows elements so that index i fits; 1 if the object should go sparse
 * instead (the vector would be mostly holes), -1 on OOM. Appends (i at the
 * dense end) never go sparse; the count of present elements is taken only
 * when the vector must be reallocated, so it costs no more than the copy. */
static int elements_reserve(Context *ctx, Object *o, uint32_t i) {
    if (i < o->elements_capacity) return 0;
    if (i > o->elements_length && i >= ELEMENTS_DENSE_SLACK) {
        uint64_t present = 0;
        for (uint32_t j = 0; j < o->elements_length; j++)
            present += o->elements[j] != VAL_HOLE;
        if ((uint64_t)i + 1 > ELEMENTS_MAX_HOLE_RATIO * (present + 1) + ELEMENTS_DENSE_SLACK)
            return 1;
    }
    uint64_t ncap = (uint64_t)o->elements_capacity + (o->elements_capacity >> 1) + 8;
    if (ncap < (uint64_t)i + 1) ncap = (uint64_t)i + 1;
    if (ncap > 0xFFFFFFFFull) ncap = 0xFFFFFFFFull;
    Value *ne = gc_realloc(ctx->rt, o->elements, sizeof(Value) * o->elements_capacity,
                           sizeof(Value) * ncap);
    if (!ne) return -1;
    o->elements = ne;
    o->elements_capacity = (uint32_t)ncap;
    return 0;
}

int storage_add(Context *ctx, Object *o, PropKey k, Value v, uint8_t attrs) {
    if (key_is_index(k) && !(o->hdr.flags & OBJ_SPARSE)) {
        if (attrs == PROP_DEFAULT) {
            uint32_t i = key_index(k);
            if (i < o->elements_length) {
                o->elements[i] = v;
                GC_WRITE_BARRIER(ctx->rt, o, v);
                return 0;
            }
            int r = elements_reserve(ctx, o, i);
            if (r < 0) return -1;
            if (r == 0) {
                for (uint32_t j = o->elements_length; j < i; j++)
                    o->elements[j] = VAL_HOLE;
                o->elements[i] = v;
                GC_WRITE_BARRIER(ctx->rt, o, v);
                o->elements_length = i + 1;
                return 0;
            }
        }
        if (obj_make_sparse(ctx, o) < 0) return -1;
    }
    return named_add(ctx, o, k, v, attrs);
}

int storage_remove(Context *ctx, Object *o, PropKey k, const PropLoc *loc) {
    if (loc->where == LOC_ELEMENT) {
        o->elements[loc->index] = VAL_HOLE;
        while (o->elements_length > 0 && o->elements[o->elements_length - 1] == VAL_HOLE)
            o->elements_length--;
        return 0;
    }
    obj_layout_will_change(ctx->rt, o);
    Shape *s = o->shape;
    if (!shape_is_dict(s)) {
        if (s->key == k) {
            /* The last-added property: step back to the parent shape. */
            o->slots[loc->index] = VAL_UNDEFINED;
            o->shape = s->parent;
            return 0;
        }
        if (obj_to_dict(ctx, o) < 0) return -1;
    }
    dict_remove(o->shape, loc->index);
    o->slots[loc->index] = VAL_UNDEFINED;
    return 0;
}

int storage_reconfigure(Context *ctx, Object *o, PropKey k, const PropLoc *loc, uint8_t attrs,
                        Value v) {
    Runtime *rt = ctx->rt;
    if (loc->where == LOC_ELEMENT) {
        if (attrs == PROP_DEFAULT) {
            o->elements[loc->index] = v;
            GC_WRITE_BARRIER(rt, o, v);
            return 0;
        }
        if (obj_make_sparse(ctx, o) < 0) return -1;
        PropLoc nl;
        if (!own_find(o, k, &nl)) return 0; /* cannot happen */
        return storage_reconfigure(ctx, o, k, &nl, attrs, v);
    }
    if (attrs != loc->attrs) {
        obj_layout_will_change(rt, o);
        Shape *s = o->shape;
        if (!shape_is_dict(s)) {
            if (s->key == k) {
                Shape *ns = shape_add(rt, s->parent, k, attrs);
                if (!ns) return -1;
                GC_WRITE_BARRIER(rt, o, ns);
                o->shape = ns;
            } else {
                if (obj_to_dict(ctx, o) < 0) return -1;
                o->shape->entries[loc->index].attrs = attrs;
            }
        } else {
            s->entries[loc->index].attrs = attrs;
        }
    }
    o->slots[loc->index] = v;
    GC_WRITE_BARRIER(rt, o, v);
    return 0;
}

/* ---- fast own-property helpers --------------------------------------------------- */

static Value array_length_value(Object *a) {
    uint32_t len = ((ArrayObject *)a)->length;
    return len <= INT32_MAX ? val_from_int((int32_t)len) : val_from_double(len);
}

int obj_define_data_fast(Context *ctx, Object *o, PropKey k, Value v, uint8_t attrs) {
    attrs &= PROP_WRITABLE | PROP_ENUMERABLE | PROP_CONFIGURABLE;
    if (obj_class(o) == CLASS_ARRAY && key_is_length(ctx->rt, k)) {
        /* The virtual "length": only its value and writability can change. */
        PropertyDescriptor d = {
            .has = DESC_HAS_VALUE | DESC_HAS_WRITABLE, .attrs = attrs, .value = v};
        return val_is_exception(obj_define_own_property(ctx, o, k, &d)) ? -1 : 0;
    }
    PropLoc loc;
    if (own_find(o, k, &loc)) return storage_reconfigure(ctx, o, k, &loc, attrs, v);
    if (storage_add(ctx, o, k, v, attrs) < 0) return -1;
    if (obj_class(o) == CLASS_ARRAY && key_is_index(k) &&
        key_index(k) >= ((ArrayObject *)o)->length)
        ((ArrayObject *)o)->length = key_index(k) + 1;
    return 0;
}

int obj_define_accessor_fast(Context *ctx, Object *o, PropKey k, Value getter, Value setter,
                             uint8_t attrs) {
    attrs = (attrs & (PROP_ENUMERABLE | PROP_CONFIGURABLE)) | PROP_ACCESSOR;
    Accessor *a = accessor_new(ctx->rt, getter, setter);
    if (!a) return -1;
    Value av = val_from_cell(&a->hdr);
    PropLoc loc;
    if (own_find(o, k, &loc)) return storage_reconfigure(ctx, o, k, &loc, attrs, av);
    if (storage_add(ctx, o, k, av, attrs) < 0) return -1;
    if (obj_class(o) == CLASS_ARRAY && key_is_index(k) &&
        key_index(k) >= ((ArrayObject *)o)->length)
        ((ArrayObject *)o)->length = key_index(k) + 1;
    return 0;
}

bool obj_lookup_own_fast(Object *o, PropKey k, Value *value, uint8_t *attrs) {
    PropLoc loc;
    if (!own_find(o, k, &loc)) return false;
    if (value) *value = loc_value(o, &loc);
    if (attrs) *attrs = loc.attrs;
    return true;
}

/* ---- ordinary internal methods ---------------------------------------------------- */

/* [[GetPrototypeOf]] — #sec-ordinary-object-internal-methods-and-internal-slots-getprototypeof */
Value OrdinaryGetPrototypeOf(Context *ctx, Object *o) {
    return o->proto ? val_from_object(o->proto) : VAL_NULL;
}

/* OrdinarySetPrototypeOf — #sec-ordinarysetprototypeof */
Value OrdinarySetPrototypeOf(Context *ctx, Object *o, Value proto) {
    Object *v = val_is_object(proto) ? val_as_object(proto) : NULL;
    /* 1-2. */
    if (v == o->proto) return VAL_TRUE;
    /* 3-4. */
    if (!(o->hdr.flags & OBJ_EXTENSIBLE)) return VAL_FALSE;
    /* 5-7. Refuse cycles; stop at a non-ordinary [[GetPrototypeOf]] (proxy). */
    for (Object *p = v; p;) {
        if (p == o) return VAL_FALSE;
        if (p->cls->ops && p->cls->ops->get_prototype_of) break;
        p = p->proto;
    }
    /* 8. */
    obj_layout_will_change(ctx->rt, o);
    GC_WRITE_BARRIER(ctx->rt, o, proto);
    o->proto = v;
    return VAL_TRUE;
}

/* SetImmutablePrototype — #sec-set-immutable-prototype */
Value SetImmutablePrototype(Context *ctx, Object *o, Value proto) {
    Value current = obj_get_prototype_of(ctx, o);
    TRY(current);
    return val_from_bool(SameValue(proto, current));
}

/* OrdinaryIsExtensible — #sec-ordinaryisextensible */
Value OrdinaryIsExtensible(Context *ctx, Object *o) {
    return val_from_bool(o->hdr.flags & OBJ_EXTENSIBLE);
}

/* OrdinaryPreventExtensions — #sec-ordinarypreventextensions */
Value OrdinaryPreventExtensions(Context *ctx, Object *o) {
    o->hdr.flags &= ~OBJ_EXTENSIBLE;
    return VAL_TRUE;
}

static Value fill_desc(Runtime *rt, Object *o, const PropLoc *loc, PropertyDescriptor *desc) {
    Value v = loc_value(o, loc);
    TRY(v);
    if (loc->attrs & PROP_ACCESSOR) {
        Accessor *a = (Accessor *)val_as_cell(v);
        *desc = desc_accessor(gc_protect(rt, a->getter), gc_protect(rt, a->setter), loc->attrs);
    } else {
        *desc = desc_data(gc_protect(rt, v), loc->attrs);
    }
    return VAL_TRUE;
}

/* OrdinaryGetOwnProperty — #sec-ordinarygetownproperty */
Value OrdinaryGetOwnProperty(Context *ctx, Object *o, PropKey k, PropertyDescriptor *desc) {
    PropLoc loc;
    if (!own_find(o, k, &loc)) return VAL_FALSE;
    return fill_desc(ctx->rt, o, &loc, desc);
}

/* OrdinaryDefineOwnProperty — #sec-ordinarydefineownproperty */
Value OrdinaryDefineOwnProperty(Context *ctx, Object *o, PropKey k,
                                const PropertyDescriptor *desc) {
    PropertyDescriptor current;
    /* 1. */
    Value found = obj_get_own_property(ctx, o, k, &current);
    TRY(found);
    /* 2. */
    Value extensible = obj_is_extensible(ctx, o);
    TRY(extensible);
    /* 3. */
    return ValidateAndApplyPropertyDescriptor(ctx, o, k, extensible == VAL_TRUE, desc,
                                              found == VAL_TRUE ? &current : NULL);
}

static Value oom_or_true(int r) {
    return r < 0 ? VAL_EXCEPTION : VAL_TRUE;
}

/* ValidateAndApplyPropertyDescriptor — #sec-validateandapplypropertydescriptor
 * o NULL stands for the spec's O = undefined (IsCompatiblePropertyDescriptor). */
Value ValidateAndApplyPropertyDescriptor(Context *ctx, Object *o, PropKey k, bool extensible,
                                         const PropertyDescriptor *desc,
                                         const PropertyDescriptor *current) {
    Runtime *rt = ctx->rt;
    uint8_t has = desc->has;
    /* 2. */
    if (!current) {
        if (!extensible) return VAL_FALSE;
        if (!o) return VAL_TRUE;
        uint8_t attrs = desc->attrs & (PROP_ENUMERABLE | PROP_CONFIGURABLE);
        if (!(has & DESC_HAS_ENUMERABLE)) attrs &= ~PROP_ENUMERABLE;
        if (!(has & DESC_HAS_CONFIGURABLE)) attrs &= ~PROP_CONFIGURABLE;
        if (desc_is_accessor(desc)) {
            Accessor *a = accessor_new(rt, (has & DESC_HAS_GET) ? desc->getter : VAL_UNDEFINED,
                                       (has & DESC_HAS_SET) ? desc->setter : VAL_UNDEFINED);
            if (!a) return VAL_EXCEPTION;
            return oom_or_true(
                storage_add(ctx, o, k, val_from_cell(&a->hdr), attrs | PROP_ACCESSOR));
        }
        if ((has & DESC_HAS_WRITABLE) && (desc->attrs & PROP_WRITABLE)) attrs |= PROP_WRITABLE;
        Value v = (has & DESC_HAS_VALUE) ? desc->value : VAL_UNDEFINED;
        Value r = oom_or_true(storage_add(ctx, o, k, v, attrs));
        return r;
    }
    /* 4. */
    if (has == 0) return VAL_TRUE;
    bool cur_accessor = desc_is_accessor(current);
    /* 5. */
    if (!(current->attrs & PROP_CONFIGURABLE)) {
        if ((has & DESC_HAS_CONFIGURABLE) && (desc->attrs & PROP_CONFIGURABLE)) return VAL_FALSE;
        if ((has & DESC_HAS_ENUMERABLE) && ((desc->attrs ^ current->attrs) & PROP_ENUMERABLE))
            return VAL_FALSE;
        bool generic = !desc_is_accessor(desc) && !desc_is_data(desc);
        if (!generic && desc_is_accessor(desc) != cur_accessor) return VAL_FALSE;
        if (cur_accessor) {
            if ((has & DESC_HAS_GET) && !SameValue(desc->getter, current->getter)) return VAL_FALSE;
            if ((has & DESC_HAS_SET) && !SameValue(desc->setter, current->setter)) return VAL_FALSE;
        } else if (!(current->attrs & PROP_WRITABLE)) {
            if ((has & DESC_HAS_WRITABLE) && (desc->attrs & PROP_WRITABLE)) return VAL_FALSE;
            if ((has & DESC_HAS_VALUE) && !SameValue(desc->value, current->value)) return VAL_FALSE;
        }
    }
    /* 6. */
    if (!o) return VAL_TRUE;
    PropLoc loc;
    if (!own_find(o, k, &loc)) return VAL_TRUE; /* exotic-backed property: nothing stored */
    uint8_t ec = current->attrs & (PROP_ENUMERABLE | PROP_CONFIGURABLE);
    if (has & DESC_HAS_ENUMERABLE) ec = (ec & ~PROP_ENUMERABLE) | (desc->attrs & PROP_ENUMERABLE);
    if (has & DESC_HAS_CONFIGURABLE)
        ec = (ec & ~PROP_CONFIGURABLE) | (desc->attrs & PROP_CONFIGURABLE);
    if (!cur_accessor && desc_is_accessor(desc)) {
        /* 6.a */
        Accessor *a = accessor_new(rt, (has & DESC_HAS_GET) ? desc->getter : VAL_UNDEFINED,
                                   (has & DESC_HAS_SET) ? desc->setter : VAL_UNDEFINED);
        if (!a) return VAL_EXCEPTION;
        return oom_or_true(
            storage_reconfigure(ctx, o, k, &loc, ec | PROP_ACCESSOR, val_from_cell(&a->hdr)));
    }
    if (cur_accessor && desc_is_data(desc)) {
        /* 6.b */
        uint8_t attrs = ec;
        if ((has & DESC_HAS_WRITABLE) && (desc->attrs & PROP_WRITABLE)) attrs |= PROP_WRITABLE;
        Value v = (has & DESC_HAS_VALUE) ? desc->value : VAL_UNDEFINED;
        return oom_or_true(storage_reconfigure(ctx, o, k, &loc, attrs, v));
    }
    /* 6.c: update the fields present in desc. */
    if (cur_accessor) {
        Value stored = loc_value(o, &loc);
        Accessor *a = (Accessor *)val_as_cell(stored);
        if (has & (DESC_HAS_GET | DESC_HAS_SET)) {
            /* A fresh cell: the old one may have been observed by a caller. */
            a = accessor_new(rt, (has & DESC_HAS_GET) ? desc->getter : a->getter,
                             (has & DESC_HAS_SET) ? desc->setter : a->setter);
            if (!a) return VAL_EXCEPTION;
            stored = val_from_cell(&a->hdr);
        }
        return oom_or_true(storage_reconfigure(ctx, o, k, &loc, ec | PROP_ACCESSOR, stored));
    }
    uint8_t attrs = ec | (current->attrs & PROP_WRITABLE);
    if (has & DESC_HAS_WRITABLE) attrs = (attrs & ~PROP_WRITABLE) | (desc->attrs & PROP_WRITABLE);
    Value v = (has & DESC_HAS_VALUE) ? desc->value : loc_value(o, &loc);
    TRY(v);
    return oom_or_true(storage_reconfigure(ctx, o, k, &loc, attrs, v));
}

/* OrdinaryHasProperty — #sec-ordinaryhasproperty */
Value OrdinaryHasProperty(Context *ctx, Object *o, PropKey k) {
    for (;;) {
        /* 1-2. */
        PropertyDescriptor desc;
        Value has = obj_get_own_property(ctx, o, k, &desc);
        TRY(has);
        if (has == VAL_TRUE) return VAL_TRUE;
        /* 3-5. */
        Value parent = obj_get_prototype_of(ctx, o);
        TRY(parent);
        if (val_is_null(parent)) return VAL_FALSE;
        o = val_as_object(parent);
        if (o->cls->ops && o->cls->ops->has_property) return o->cls->ops->has_property(ctx, o, k);
    }
}

/* Resolves an own property through the class's [[GetOwnProperty]] when it is
 * exotic, else straight from storage. 1 found (data: *value; accessor:
 * *value is the getter/setter cell or desc), 0 absent, -1 exception. */
static int lookup_own(Context *ctx, Object *o, PropKey k, PropertyDescriptor *desc, PropLoc *loc,
                      bool *via_desc) {
    const ObjectOps *ops = o->cls->ops;
    if (ops && ops->get_own_property) {
        if (obj_class(o) == CLASS_ARRAY && !key_is_length(ctx->rt, k)) {
            *via_desc = false;
            return own_find(o, k, loc);
        }
        *via_desc = true;
        Value r = ops->get_own_property(ctx, o, k, desc);
        if (val_is_exception(r)) return -1;
        return r == VAL_TRUE;
    }
    *via_desc = false;
    return own_find(o, k, loc);
}

/* OrdinaryGet — #sec-ordinaryget (iterates the prototype chain while the
 * objects on it use the ordinary [[Get]]). */
Value OrdinaryGet(Context *ctx, Object *o, PropKey k, Value receiver) {
    for (;;) {
        PropertyDescriptor desc;
        PropLoc loc;
        bool via_desc;
        /* 1. */
        int found = lookup_own(ctx, o, k, &desc, &loc, &via_desc);
        if (found < 0) return VAL_EXCEPTION;
        if (found) {
            if (!via_desc) {
                Value v = loc_value(o, &loc);
                TRY(v);
                if (!(loc.attrs & PROP_ACCESSOR)) return gc_protect(ctx->rt, v);
                return accessor_call_get(ctx, v, receiver);
            }
            /* 3-8. */
            if (desc_is_data(&desc)) return desc.value;
            if (val_is_undefined(desc.getter)) return VAL_UNDEFINED;
            return Call(ctx, desc.getter, receiver, 0, NULL);
        }
        /* 2. */
        Value parent = obj_get_prototype_of(ctx, o);
        TRY(parent);
        if (val_is_null(parent)) return VAL_UNDEFINED;
        o = val_as_object(parent);
        if (o->cls->ops && o->cls->ops->get) return o->cls->ops->get(ctx, o, k, receiver);
    }
}

/* OrdinarySetWithOwnDescriptor steps 2-7, once ownDesc is known. */
static Value set_with_found_desc(Context *ctx, PropKey k, Value v, Value receiver,
                                 const PropertyDescriptor *own) {
    /* 2. */
    if (desc_is_data(own)) {
        if (!(own->attrs & PROP_WRITABLE)) return VAL_FALSE;
        if (!val_is_object(receiver)) return VAL_FALSE;
        Object *r = val_as_object(receiver);
        PropertyDescriptor existing;
        Value has = obj_get_own_property(ctx, r, k, &existing);
        TRY(has);
        if (has == VAL_TRUE) {
            if (desc_is_accessor(&existing)) return VAL_FALSE;
            if (!(existing.attrs & PROP_WRITABLE)) return VAL_FALSE;
            PropertyDescriptor value_desc = {.has = DESC_HAS_VALUE, .value = v};
            return obj_define_own_property(ctx, r, k, &value_desc);
        }
        return CreateDataProperty(ctx, r, k, v);
    }
    /* 3-7. */
    if (val_is_undefined(own->setter)) return VAL_FALSE;
    Value r = Call(ctx, own->setter, receiver, 1, &v);
    TRY(r);
    return VAL_TRUE;
}

/* OrdinarySet — #sec-ordinaryset. Walks the prototype chain in a loop while
 * the objects on it use the ordinary [[Set]], so long chains cannot exhaust
 * the C stack. */
Value OrdinarySet(Context *ctx, Object *o, PropKey k, Value v, Value receiver) {
    for (;;) {
        PropertyDescriptor own;
        Value found = obj_get_own_property(ctx, o, k, &own);
        TRY(found);
        if (found == VAL_TRUE) return set_with_found_desc(ctx, k, v, receiver, &own);
        /* OrdinarySetWithOwnDescriptor step 1 */
        Value parent = obj_get_prototype_of(ctx, o);
        TRY(parent);
        if (val_is_null(parent)) {
            PropertyDescriptor absent = desc_data(VAL_UNDEFINED, PROP_DEFAULT);
            return set_with_found_desc(ctx, k, v, receiver, &absent);
        }
        o = val_as_object(parent);
        if (HOOK(o, set)) return o->cls->ops->set(ctx, o, k, v, receiver);
    }
}

/* OrdinarySetWithOwnDescriptor — #sec-ordinarysetwithowndescriptor */
Value OrdinarySetWithOwnDescriptor(Context *ctx, Object *o, PropKey k, Value v, Value receiver,
                                   const PropertyDescriptor *own) {
    if (own) return set_with_found_desc(ctx, k, v, receiver, own);
    /* 1. */
    Value parent = obj_get_prototype_of(ctx, o);
    TRY(parent);
    if (!val_is_null(parent)) return obj_set(ctx, val_as_object(parent), k, v, receiver);
    PropertyDescriptor absent = desc_data(VAL_UNDEFINED, PROP_DEFAULT);
    return set_with_found_desc(ctx, k, v, receiver, &absent);
}

/* OrdinaryDelete — #sec-ordinarydelete */
Value OrdinaryDelete(Context *ctx, Object *o, PropKey k) {
    PropertyDescriptor desc;
    Value has = obj_get_own_property(ctx, o, k, &desc);
    TRY(has);
    if (has == VAL_FALSE) return VAL_TRUE;
    if (!(desc.attrs & PROP_CONFIGURABLE)) return VAL_FALSE;
    PropLoc loc;
    if (!own_find(o, k, &loc)) return VAL_TRUE;
    return oom_or_true(storage_remove(ctx, o, k, &loc));
}

static int cmp_u32(const void *a, const void *b) {
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

ValueArray *own_keys_common(Context *ctx, Object *o, uint32_t string_length, bool array_length) {
    Runtime *rt = ctx->rt;
    Shape *s = o->shape;
    uint32_t named = s ? (shape_is_dict(s) ? s->entries_len : s->count) : 0;
    uint64_t total = (uint64_t)string_length + o->elements_length + named + 1;
    if (total > 0xFFFFFFF0ull) {
        throw_range_error(ctx, "too many properties");
        return NULL;
    }
    ValueArray *keys = value_array_new(rt, (uint32_t)total);
    if (!keys) return NULL;
    /* Named entries in creation order. */
    ShapeEntry *entries = NULL;
    if (named) {
        if (shape_is_dict(s) || s->entries) {
            entries = s->entries; /* a dictionary, or a shared shape's cached table */
        } else {
            entries = malloc(sizeof(ShapeEntry) * named);
            if (!entries) {
                throw_range_error(ctx, "out of memory");
                return NULL;
            }
            shape_collect(s, entries);
        }
    }
    int rc = 0;
    /* 1. Integer indices ascending. */
    for (uint32_t i = 0; i < string_length && rc == 0; i++)
        rc = value_array_push(rt, keys, key_from_index(i));
    for (uint32_t i = 0; i < o->elements_length && rc == 0; i++)
        if (o->elements[i] != VAL_HOLE && i >= string_length)
            rc = value_array_push(rt, keys, key_from_index(i));
    if (o->hdr.flags & OBJ_SPARSE) {
        uint32_t n = 0;
        for (uint32_t i = 0; i < named; i++)
            if (entries[i].key != KEY_NONE && key_is_index(entries[i].key)) n++;
        if (n) {
            uint32_t *idx = malloc(sizeof(uint32_t) * n);
            if (!idx) {
                if (entries != s->entries) free(entries);
                throw_range_error(ctx, "out of memory");
                return NULL;
            }
            n = 0;
            for (uint32_t i = 0; i < named; i++)
                if (entries[i].key != KEY_NONE && key_is_index(entries[i].key))
                    idx[n++] = key_index(entries[i].key);
            qsort(idx, n, sizeof(uint32_t), cmp_u32);
            for (uint32_t i = 0; i < n && rc == 0; i++)
                rc = value_array_push(rt, keys, key_from_index(idx[i]));
            free(idx);
        }
    }
    /* 2. Strings in creation order (an array's "length" came first). */
    if (array_length && rc == 0) rc = value_array_push(rt, keys, KEY(rt, length));
    for (uint32_t i = 0; i < named && rc == 0; i++)
        if (key_is_atom(entries[i].key)) rc = value_array_push(rt, keys, entries[i].key);
    /* 3. Symbols in creation order. */
    for (uint32_t i = 0; i < named && rc == 0; i++)
        if (key_is_symbol(entries[i].key) && !val_as_symbol(entries[i].key)->is_private)
            rc = value_array_push(rt, keys, entries[i].key);
    if (entries && entries != s->entries) free(entries);
    return rc < 0 ? NULL : keys;
}

/* OrdinaryOwnPropertyKeys — #sec-ordinaryownpropertykeys */
ValueArray *OrdinaryOwnPropertyKeys(Context *ctx, Object *o) {
    return own_keys_common(ctx, o, 0, false);
}

/* ---- dispatch ---------------------------------------------------------------------- */

Value obj_get_prototype_of(Context *ctx, Object *o) {
    if (HOOK(o, get_prototype_of)) return o->cls->ops->get_prototype_of(ctx, o);
    return OrdinaryGetPrototypeOf(ctx, o);
}

Value obj_set_prototype_of(Context *ctx, Object *o, Value proto) {
    if (HOOK(o, set_prototype_of)) return o->cls->ops->set_prototype_of(ctx, o, proto);
    return OrdinarySetPrototypeOf(ctx, o, proto);
}

Value obj_is_extensible(Context *ctx, Object *o) {
    if (HOOK(o, is_extensible)) return o->cls->ops->is_extensible(ctx, o);
    return OrdinaryIsExtensible(ctx, o);
}

Value obj_prevent_extensions(Context *ctx, Object *o) {
    if (HOOK(o, prevent_extensions)) return o->cls->ops->prevent_extensions(ctx, o);
    return OrdinaryPreventExtensions(ctx, o);
}

Value obj_get_own_property(Context *ctx, Object *o, PropKey k, PropertyDescriptor *desc) {
    if (HOOK(o, get_own_property)) return o->cls->ops->get_own_property(ctx, o, k, desc);
    return OrdinaryGetOwnProperty(ctx, o, k, desc);
}

Value obj_define_own_property(Context *ctx, Object *o, PropKey k, const PropertyDescriptor *desc) {
    if (HOOK(o, define_own_property)) return o->cls->ops->define_own_property(ctx, o, k, desc);
    return OrdinaryDefineOwnProperty(ctx, o, k, desc);
}

Value obj_has_property(Context *ctx, Object *o, PropKey k) {
    if (HOOK(o, has_property)) return o->cls->ops->has_property(ctx, o, k);
    return OrdinaryHasProperty(ctx, o, k);
}

Value obj_get(Context *ctx, Object *o, PropKey k, Value receiver) {
    if (HOOK(o, get)) return o->cls->ops->get(ctx, o, k, receiver);
    if (obj_class(o) == CLASS_ARRAY && key_is_length(ctx->rt, k)) return array_length_value(o);
    return OrdinaryGet(ctx, o, k, receiver);
}

/* True when [[Set]] on o for k may take the storage fast path: o's own
 * [[GetOwnProperty]] / [[DefineOwnProperty]] are ordinary for this key. */
static bool ordinary_for_key(Context *ctx, Object *o, PropKey k) {
    const ObjectOps *ops = o->cls->ops;
    if (!ops) return true;
    if (obj_class(o) == CLASS_ARRAY) return !key_is_length(ctx->rt, k);
    return !ops->get_own_property && !ops->define_own_property;
}

Value obj_set(Context *ctx, Object *o, PropKey k, Value v, Value receiver) {
    if (HOOK(o, set)) return o->cls->ops->set(ctx, o, k, v, receiver);
    if (val_is_object(receiver) && val_as_object(receiver) == o && ordinary_for_key(ctx, o, k)) {
        /* Fast path: an own writable data property, or the ordinary chain. */
        PropLoc loc;
        if (own_find(o, k, &loc)) {
            if (loc.attrs & PROP_ACCESSOR) {
                Accessor *a = (Accessor *)val_as_cell(loc_value(o, &loc));
                if (val_is_undefined(a->setter)) return VAL_FALSE;
                Value r = Call(ctx, a->setter, receiver, 1, &v);
                TRY(r);
                return VAL_TRUE;
            }
            if (!(loc.attrs & PROP_WRITABLE)) return VAL_FALSE;
            if (loc.where == LOC_ELEMENT)
                o->elements[loc.index] = v;
            else
                o->slots[loc.index] = v;
            GC_WRITE_BARRIER(ctx->rt, o, v);
            return VAL_TRUE;
        }
        return OrdinarySetWithOwnDescriptor(ctx, o, k, v, receiver, NULL);
    }
    return OrdinarySet(ctx, o, k, v, receiver);
}

Value obj_delete(Context *ctx, Object *o, PropKey k) {
    if (HOOK(o, delete_property)) return o->cls->ops->delete_property(ctx, o, k);
    return OrdinaryDelete(ctx, o, k);
}

ValueArray *obj_own_property_keys(Context *ctx, Object *o) {
    if (HOOK(o, own_property_keys)) return o->cls->ops->own_property_keys(ctx, o);
    return OrdinaryOwnPropertyKeys(ctx, o);
}

/* ---- abstract operations on objects ------------------------------------------------- */

/* Get — #sec-get-o-p */
Value Get(Context *ctx, Object *o, PropKey k) {
    return obj_get(ctx, o, k, val_from_object(o));
}

static Object *primitive_proto(Context *ctx, Value v) {
    if (val_is_string(v)) return ctx_intrinsic_obj(ctx, INTR_StringPrototype);
    if (val_is_number(v)) return ctx_intrinsic_obj(ctx, INTR_NumberPrototype);
    if (val_is_bool(v)) return ctx_intrinsic_obj(ctx, INTR_BooleanPrototype);
    if (val_is_symbol(v)) return ctx_intrinsic_obj(ctx, INTR_SymbolPrototype);
    if (val_is_bigint(v)) return ctx_intrinsic_obj(ctx, INTR_BigIntPrototype);
    return NULL;
}

/* GetV — #sec-getv. Primitives read through their prototype without
 * allocating a wrapper (only strings have own properties: indices, length). */
Value GetV(Context *ctx, Value v, PropKey k) {
    if (val_is_object(v)) return obj_get(ctx, val_as_object(v), k, v);
    if (val_is_nullish(v))
        return throw_type_error(ctx, "cannot read properties of %s",
                                val_is_null(v) ? "null" : "undefined");
    if (val_is_string(v)) {
        String *s = val_as_string(v);
        if (key_is_length(ctx->rt, k)) return val_from_int((int32_t)s->length);
        if (key_is_index(k) && key_index(k) < s->length) {
            if (str_is_rope(s) && !str_flatten(ctx->rt, s)) return VAL_EXCEPTION;
            String *c = str_from_char(ctx->rt, str_at(s, key_index(k)));
            return c ? val_from_string(c) : VAL_EXCEPTION;
        }
    }
    Object *proto = primitive_proto(ctx, v);
    if (!proto) return throw_type_error(ctx, "cannot read properties of this value");
    return obj_get(ctx, proto, k, v);
}

/* Set — #sec-set-o-p-v-throw */
Value Set(Context *ctx, Object *o, PropKey k, Value v, bool throw_on_fail) {
    Value ok = obj_set(ctx, o, k, v, val_from_object(o));
    TRY(ok);
    if (ok == VAL_FALSE && throw_on_fail) {
        String *name = key_to_display_string(ctx->rt, k, false);
        char *utf8 = name ? str_to_utf8(ctx->rt, name, NULL) : NULL;
        Value r =
            throw_type_error(ctx, "cannot assign to read-only property '%s'", utf8 ? utf8 : "?");
        free(utf8);
        return r;
    }
    return ok;
}

/* CreateDataProperty — #sec-createdataproperty */
Value CreateDataProperty(Context *ctx, Object *o, PropKey k, Value v) {
    const ObjectOps *ops = o->cls->ops;
    if ((!ops || (!ops->get_own_property && !ops->define_own_property && !ops->is_extensible)) &&
        (o->hdr.flags & OBJ_EXTENSIBLE)) {
        PropLoc loc;
        if (!own_find(o, k, &loc)) return oom_or_true(storage_add(ctx, o, k, v, PROP_DEFAULT));
    }
    PropertyDescriptor d = desc_data(v, PROP_DEFAULT);
    return obj_define_own_property(ctx, o, k, &d);
}

static Value throw_define_failed(Context *ctx, PropKey k) {
    String *name = key_to_display_string(ctx->rt, k, false);
    char *utf8 = name ? str_to_utf8(ctx->rt, name, NULL) : NULL;
    Value r = throw_type_error(ctx, "cannot define property '%s'", utf8 ? utf8 : "?");
    free(utf8);
    return r;
}

/* CreateDataPropertyOrThrow — #sec-createdatapropertyorthrow */
Value CreateDataPropertyOrThrow(Context *ctx, Object *o, PropKey k, Value v) {
    Value ok = CreateDataProperty(ctx, o, k, v);
    TRY(ok);
    if (ok == VAL_FALSE) return throw_define_failed(ctx, k);
    return VAL_TRUE;
}

/* CreateNonEnumerableDataPropertyOrThrow — #sec-createnonenumerabledatapropertyorthrow */
Value CreateNonEnumerableDataPropertyOrThrow(Context *ctx, Object *o, PropKey k, Value v) {
    PropertyDescriptor d = desc_data(v, PROP_WRITABLE | PROP_CONFIGURABLE);
    return DefinePropertyOrThrow(ctx, o, k, &d);
}

/* DefinePropertyOrThrow — #sec-definepropertyorthrow */
Value DefinePropertyOrThrow(Context *ctx, Object *o, PropKey k, const PropertyDescriptor *d) {
    Value ok = obj_define_own_property(ctx, o, k, d);
    TRY(ok);
    if (ok == VAL_FALSE) return throw_define_failed(ctx, k);
    return VAL_TRUE;
}

/* DeletePropertyOrThrow — #sec-deletepropertyorthrow */
Value DeletePropertyOrThrow(Context *ctx, Object *o, PropKey k) {
    Value ok = obj_delete(ctx, o, k);
    TRY(ok);
    if (ok == VAL_FALSE) {
        String *name = key_to_display_string(ctx->rt, k, false);
        char *utf8 = name ? str_to_utf8(ctx->rt, name, NULL) : NULL;
        Value r = throw_type_error(ctx, "cannot delete property '%s'", utf8 ? utf8 : "?");
        free(utf8);
        return r;
    }
    return VAL_TRUE;
}

/* GetMethod — #sec-getmethod */
Value GetMethod(Context *ctx, Value v, PropKey k) {
    Value func = GetV(ctx, v, k);
    TRY(func);
    if (val_is_nullish(func)) return VAL_UNDEFINED;
    if (!val_is_callable(func)) return throw_type_error(ctx, "method is not a function");
    return func;
}

/* HasProperty — #sec-hasproperty */
Value HasProperty(Context *ctx, Object *o, PropKey k) {
    return obj_has_property(ctx, o, k);
}

/* HasOwnProperty — #sec-hasownproperty */
Value HasOwnProperty(Context *ctx, Object *o, PropKey k) {
    PropertyDescriptor desc;
    return obj_get_own_property(ctx, o, k, &desc);
}

/* SetIntegrityLevel — #sec-setintegritylevel */
Value SetIntegrityLevel(Context *ctx, Object *o, bool frozen) {
    /* 3-4. */
    Value status = obj_prevent_extensions(ctx, o);
    TRY(status);
    if (status == VAL_FALSE) return VAL_FALSE;
    /* 5. */
    ValueArray *keys = obj_own_property_keys(ctx, o);
    if (!keys) return VAL_EXCEPTION;
    for (uint32_t i = 0; i < keys->length; i++) {
        PropKey k = keys->items[i];
        PropertyDescriptor d = {.has = DESC_HAS_CONFIGURABLE};
        if (frozen) {
            /* 7.b.i-ii */
            PropertyDescriptor current;
            Value has = obj_get_own_property(ctx, o, k, &current);
            TRY(has);
            if (has == VAL_FALSE) continue;
            if (!desc_is_accessor(&current)) d.has |= DESC_HAS_WRITABLE;
        }
        TRY(DefinePropertyOrThrow(ctx, o, k, &d));
    }
    return VAL_TRUE;
}

/* TestIntegrityLevel — #sec-testintegritylevel */
Value TestIntegrityLevel(Context *ctx, Object *o, bool frozen) {
    Value ext = obj_is_extensible(ctx, o);
    TRY(ext);
    if (ext == VAL_TRUE) return VAL_FALSE;
    ValueArray *keys = obj_own_property_keys(ctx, o);
    if (!keys) return VAL_EXCEPTION;
    for (uint32_t i = 0; i < keys->length; i++) {
        PropertyDescriptor current;
        Value has = obj_get_own_property(ctx, o, keys->items[i], &current);
        TRY(has);
        if (has == VAL_FALSE) continue;
        if (current.attrs & PROP_CONFIGURABLE) return VAL_FALSE;
        if (frozen && desc_is_data(&current) && (current.attrs & PROP_WRITABLE)) return VAL_FALSE;
    }
    return VAL_TRUE;
}

/* LengthOfArrayLike — #sec-lengthofarraylike */
Value LengthOfArrayLike(Context *ctx, Object *o, uint64_t *len) {
    Value v = Get(ctx, o, KEY(ctx->rt, length));
    TRY(v);
    if (ToLength(ctx, v, len) < 0) return VAL_EXCEPTION;
    return VAL_UNDEFINED;
}

/* CreateArrayFromList — #sec-createarrayfromlist */
Object *CreateArrayFromList(Context *ctx, const Value *items, uint32_t n) {
    Object *a = array_new(ctx, 0);
    if (!a) return NULL;
    for (uint32_t i = 0; i < n; i++)
        if (array_push_fast(ctx, a, items[i]) < 0) return NULL;
    return a;
}

/* Lists built from array-likes (argument lists) stop here with a RangeError. */
#define LIST_FROM_ARRAY_LIKE_MAX (1u << 24)

/* CreateListFromArrayLike — #sec-createlistfromarraylike */
ValueArray *CreateListFromArrayLike(Context *ctx, Value v) {
    if (!val_is_object(v)) {
        throw_type_error(ctx, "CreateListFromArrayLike called on non-object");
        return NULL;
    }
    Object *o = val_as_object(v);
    uint64_t len;
    if (val_is_exception(LengthOfArrayLike(ctx, o, &len))) return NULL;
    if (len > LIST_FROM_ARRAY_LIKE_MAX) {
        throw_range_error(ctx, "too many elements in array-like (%llu)", (unsigned long long)len);
        return NULL;
    }
    ValueArray *list = value_array_new(ctx->rt, (uint32_t)len);
    if (!list) return NULL;
    bool plain = (o->cls->ops == NULL || o->cls == &class_array) && !(o->hdr.flags & OBJ_SPARSE);
    for (uint32_t i = 0; i < len; i++) {
        /* Elements found without a lookup: the common apply(this, arguments)
         * and apply(this, array). */
        Value next;
        if (plain && i < o->elements_length && o->elements[i] != VAL_HOLE) {
            next = o->elements[i];
        } else if (!arguments_get_index_fast(o, i, &next)) {
            next = Get(ctx, o, key_from_index(i));
            if (val_is_exception(next)) return NULL;
        }
        if (value_array_push(ctx->rt, list, next) < 0) return NULL;
    }
    return list;
}

/* OrdinaryHasInstance — #sec-ordinaryhasinstance */
Value OrdinaryHasInstance(Context *ctx, Value c, Value o) {
    /* 1. */
    if (!val_is_callable(c)) return VAL_FALSE;
    /* 2. */
    Object *cobj = val_as_object(c);
    if (obj_class(cobj) == CLASS_BOUND_FUNCTION)
        return InstanceofOperator(ctx, o, ((BoundFunction *)cobj)->target);
    /* 3. */
    if (!val_is_object(o)) return VAL_FALSE;
    /* 4-5. */
    Value p = Get(ctx, cobj, KEY(ctx->rt, prototype));
    TRY(p);
    if (!val_is_object(p))
        return throw_type_error(ctx, "function has non-object prototype in instanceof check");
    /* 6. */
    Object *obj = val_as_object(o);
    for (;;) {
        Value next = obj_get_prototype_of(ctx, obj);
        TRY(next);
        if (val_is_null(next)) return VAL_FALSE;
        if (next == p) return VAL_TRUE;
        obj = val_as_object(next);
    }
}

/* SpeciesConstructor — #sec-speciesconstructor */
Value SpeciesConstructor(Context *ctx, Object *o, Value default_ctor) {
    Value c = Get(ctx, o, KEY(ctx->rt, constructor));
    TRY(c);
    if (val_is_undefined(c)) return default_ctor;
    if (!val_is_object(c)) return throw_type_error(ctx, "object.constructor is not an object");
    Value s = Get(ctx, val_as_object(c), KEY_SYM(ctx->rt, species));
    TRY(s);
    if (val_is_nullish(s)) return default_ctor;
    if (val_is_constructor(s)) return s;
    return throw_type_error(ctx, "object.constructor[Symbol.species] is not a constructor");
}

/* GetPrototypeFromConstructor — #sec-getprototypefromconstructor */
Object *GetPrototypeFromConstructor(Context *ctx, Value ctor, IntrinsicId fallback) {
    Value proto = Get(ctx, val_as_object(ctor), KEY(ctx->rt, prototype));
    if (val_is_exception(proto)) return NULL;
    if (val_is_object(proto)) return val_as_object(proto);
    Context *realm = GetFunctionRealm(ctx, val_as_object(ctor));
    if (!realm) return NULL;
    return ctx_intrinsic_obj(realm, fallback);
}

/* OrdinaryCreateFromConstructor — #sec-ordinarycreatefromconstructor */
Object *OrdinaryCreateFromConstructor(Context *ctx, Value ctor, IntrinsicId fallback,
                                      const ClassDef *cls, size_t size) {
    Object *proto = GetPrototypeFromConstructor(ctx, ctor, fallback);
    if (!proto) return NULL;
    return obj_alloc(ctx, cls, proto, size);
}

/* EnumerableOwnProperties — #sec-enumerableownproperties */
ValueArray *EnumerableOwnProperties(Context *ctx, Object *o, EnumKind kind) {
    Runtime *rt = ctx->rt;
    ValueArray *keys = obj_own_property_keys(ctx, o);
    if (!keys) return NULL;
    ValueArray *results = value_array_new(rt, keys->length);
    if (!results) return NULL;
    for (uint32_t i = 0; i < keys->length; i++) {
        PropKey k = keys->items[i];
        if (key_is_symbol(k)) continue;
        PropertyDescriptor desc;
        Value has = obj_get_own_property(ctx, o, k, &desc);
        if (val_is_exception(has)) return NULL;
        if (has == VAL_FALSE || !(desc.attrs & PROP_ENUMERABLE)) continue;
        Value item;
        if (kind == ENUM_KEYS) {
            item = key_to_value(rt, k);
        } else {
            Value value = Get(ctx, o, k);
            if (val_is_exception(value)) return NULL;
            if (kind == ENUM_VALUES) {
                item = value;
            } else {
                Value kv = key_to_value(rt, k);
                if (val_is_exception(kv)) return NULL;
                Value pair[2] = {kv, value};
                Object *entry = CreateArrayFromList(ctx, pair, 2);
                if (!entry) return NULL;
                item = val_from_object(entry);
            }
        }
        if (val_is_exception(item)) return NULL;
        if (value_array_push(rt, results, item) < 0) return NULL;
    }
    return results;
}

/* FromPropertyDescriptor — #sec-frompropertydescriptor */
Value FromPropertyDescriptor(Context *ctx, const PropertyDescriptor *d) {
    if (!d) return VAL_UNDEFINED;
    Runtime *rt = ctx->rt;
    Object *o = obj_new_plain(ctx);
    if (!o) return VAL_EXCEPTION;
    int r = 0;
    if (d->has & DESC_HAS_VALUE)
        r |= obj_define_data_fast(ctx, o, KEY(rt, value), d->value, PROP_DEFAULT);
    if (d->has & DESC_HAS_WRITABLE)
        r |= obj_define_data_fast(ctx, o, KEY(rt, writable),
                                  val_from_bool(d->attrs & PROP_WRITABLE), PROP_DEFAULT);
    if (d->has & DESC_HAS_GET)
        r |= obj_define_data_fast(ctx, o, KEY(rt, get), d->getter, PROP_DEFAULT);
    if (d->has & DESC_HAS_SET)
        r |= obj_define_data_fast(ctx, o, KEY(rt, set), d->setter, PROP_DEFAULT);
    if (d->has & DESC_HAS_ENUMERABLE)
        r |= obj_define_data_fast(ctx, o, KEY(rt, enumerable),
                                  val_from_bool(d->attrs & PROP_ENUMERABLE), PROP_DEFAULT);
    if (d->has & DESC_HAS_CONFIGURABLE)
        r |= obj_define_data_fast(ctx, o, KEY(rt, configurable),
                                  val_from_bool(d->attrs & PROP_CONFIGURABLE), PROP_DEFAULT);
    if (r < 0) return VAL_EXCEPTION;
    return val_from_object(o);
}

/* Reads one optional field of ToPropertyDescriptor: 1 present (*out), 0
 * absent, -1 exception. */
static int desc_field(Context *ctx, Object *o, PropKey k, Value *out) {
    Value has = HasProperty(ctx, o, k);
    ITRY(has);
    if (has == VAL_FALSE) return 0;
    Value v = Get(ctx, o, k);
    ITRY(v);
    *out = v;
    return 1;
}

/* ToPropertyDescriptor — #sec-topropertydescriptor */
Value ToPropertyDescriptor(Context *ctx, Value obj, PropertyDescriptor *out) {
    Runtime *rt = ctx->rt;
    /* 1. */
    if (!val_is_object(obj)) return throw_type_error(ctx, "property descriptor must be an object");
    Object *o = val_as_object(obj);
    PropertyDescriptor d = {.has = 0, .attrs = 0};
    d.value = d.getter = d.setter = VAL_UNDEFINED;
    Value v;
    int r;
    /* 3-4. enumerable */
    if ((r = desc_field(ctx, o, KEY(rt, enumerable), &v)) < 0) return VAL_EXCEPTION;
    if (r) {
        d.has |= DESC_HAS_ENUMERABLE;
        if (ToBoolean(v)) d.attrs |= PROP_ENUMERABLE;
    }
    /* 5-6. configurable */
    if ((r = desc_field(ctx, o, KEY(rt, configurable), &v)) < 0) return VAL_EXCEPTION;
    if (r) {
        d.has |= DESC_HAS_CONFIGURABLE;
        if (ToBoolean(v)) d.attrs |= PROP_CONFIGURABLE;
    }
    /* 7-8. value */
    if ((r = desc_field(ctx, o, KEY(rt, value), &v)) < 0) return VAL_EXCEPTION;
    if (r) {
        d.has |= DESC_HAS_VALUE;
        d.value = v;
    }
    /* 9-10. writable */
    if ((r = desc_field(ctx, o, KEY(rt, writable), &v)) < 0) return VAL_EXCEPTION;
    if (r) {
        d.has |= DESC_HAS_WRITABLE;
        if (ToBoolean(v)) d.attrs |= PROP_WRITABLE;
    }
    /* 11-12. get */
    if ((r = desc_field(ctx, o, KEY(rt, get), &v)) < 0) return VAL_EXCEPTION;
    if (r) {
        if (!val_is_undefined(v) && !val_is_callable(v))
            return throw_type_error(ctx, "getter must be a function");
        d.has |= DESC_HAS_GET;
        d.getter = v;
    }
    /* 13-14. set */
    if ((r = desc_field(ctx, o, KEY(rt, set), &v)) < 0) return VAL_EXCEPTION;
    if (r) {
        if (!val_is_undefined(v) && !val_is_callable(v))
            return throw_type_error(ctx, "setter must be a function");
        d.has |= DESC_HAS_SET;
        d.setter = v;
    }
    /* 15. */
    if (desc_is_accessor(&d) && desc_is_data(&d))
        return throw_type_error(ctx, "invalid property descriptor: cannot both specify accessors "
                                     "and a value or writable attribute");
    *out = d;
    return VAL_UNDEFINED;
}

/* CompletePropertyDescriptor — #sec-completepropertydescriptor */
void CompletePropertyDescriptor(PropertyDescriptor *d) {
    if (!desc_is_accessor(d)) {
        if (!(d->has & DESC_HAS_VALUE)) d->value = VAL_UNDEFINED;
        if (!(d->has & DESC_HAS_WRITABLE)) d->attrs &= ~PROP_WRITABLE;
        d->has |= DESC_HAS_VALUE | DESC_HAS_WRITABLE;
    } else {
        if (!(d->has & DESC_HAS_GET)) d->getter = VAL_UNDEFINED;
        if (!(d->has & DESC_HAS_SET)) d->setter = VAL_UNDEFINED;
        d->has |= DESC_HAS_GET | DESC_HAS_SET;
    }
    if (!(d->has & DESC_HAS_ENUMERABLE)) d->attrs &= ~PROP_ENUMERABLE;
    if (!(d->has & DESC_HAS_CONFIGURABLE)) d->attrs &= ~PROP_CONFIGURABLE;
    d->has |= DESC_HAS_ENUMERABLE | DESC_HAS_CONFIGURABLE;
}

/* IsArray — #sec-isarray */
Value IsArray(Context *ctx, Value v) {
    if (!val_is_object(v)) return VAL_FALSE;
    Object *o = val_as_object(v);
    if (obj_class(o) == CLASS_ARRAY) return VAL_TRUE;
    /* 3. A loop, not recursion: proxy chains can be long. */
    while (obj_class(o) == CLASS_PROXY) {
        Object *target = ((ProxyObject *)o)->target;
        if (!target)
            return throw_type_error(ctx, "Cannot perform 'IsArray' on a proxy that has "
                                         "been revoked");
        o = target;
    }
    return val_from_bool(obj_class(o) == CLASS_ARRAY);
}

/* Invoke — #sec-invoke */
Value Invoke(Context *ctx, Value v, PropKey k, int argc, const Value *argv) {
    Value func = GetV(ctx, v, k);
    TRY(func);
    return Call(ctx, func, v, argc, argv);
}
