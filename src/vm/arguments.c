/* arguments.c — arguments objects (#sec-arguments-exotic-objects).
 *
 * Unmapped arguments objects are ordinary. Mapped ones (sloppy functions
 * with simple parameter lists) alias their indices 0..n-1 to the slots of
 * the function's parameter environment through `map` (index -> env slot,
 * -1 once unmapped); the exotic internal methods keep the two in sync. */
#include <string.h>

#include "vm/interp.h"
#include "vm/shape.h"
#include "vm/string.h"

typedef struct ArgumentsObject {
    Object base;
    Env *env;
    ValueArray *map; /* per index: int env slot, or -1 (not mapped) */
} ArgumentsObject;

static void arguments_trace(Runtime *rt, Object *o) {
    ArgumentsObject *a = (ArgumentsObject *)o;
    if (a->env) gc_mark_cell(rt, &a->env->hdr);
    if (a->map) gc_mark_cell(rt, &a->map->hdr);
}

static const ClassDef class_arguments = {
    .id = CLASS_ARGUMENTS,
    .name = "Arguments",
    .trace = arguments_trace,
};

/* The env slot a key is mapped to, or -1. */
static int mapped_slot(ArgumentsObject *a, PropKey k) {
    if (!key_is_index(k) || !a->map) return -1;
    uint32_t i = key_index(k);
    if (i >= a->map->length) return -1;
    Value s = a->map->items[i];
    return val_is_int(s) ? val_to_int(s) : -1;
}

static void unmap(ArgumentsObject *a, PropKey k) {
    a->map->items[key_index(k)] = val_from_int(-1);
}

/* [[GetOwnProperty]] — #sec-arguments-exotic-objects-getownproperty-p */
static Value margs_get_own_property(Context *ctx, Object *o, PropKey k, PropertyDescriptor *desc) {
    ArgumentsObject *a = (ArgumentsObject *)o;
    Value r = OrdinaryGetOwnProperty(ctx, o, k, desc);
    if (r != VAL_TRUE) return r;
    int slot = mapped_slot(a, k);
    if (slot >= 0) desc->value = a->env->slots[slot];
    return VAL_TRUE;
}

/* [[DefineOwnProperty]] — #sec-arguments-exotic-objects-defineownproperty-p-desc */
static Value margs_define_own_property(Context *ctx, Object *o, PropKey k,
                                       const PropertyDescriptor *desc) {
    ArgumentsObject *a = (ArgumentsObject *)o;
    int slot = mapped_slot(a, k);
    PropertyDescriptor nd = *desc;
    if (slot >= 0 && desc_is_data(desc) && !(desc->has & DESC_HAS_VALUE) &&
        (desc->has & DESC_HAS_WRITABLE) && !(desc->attrs & PROP_WRITABLE)) {
        nd.has |= DESC_HAS_VALUE;
        nd.value = a->env->slots[slot];
    }
    Value allowed = OrdinaryDefineOwnProperty(ctx, o, k, &nd);
    if (allowed != VAL_TRUE) return allowed;
    if (slot >= 0) {
        if (desc_is_accessor(desc)) {
            unmap(a, k);
        } else {
            if (desc->has & DESC_HAS_VALUE) a->env->slots[slot] = desc->value;
            if ((desc->has & DESC_HAS_WRITABLE) && !(desc->attrs & PROP_WRITABLE)) unmap(a, k);
        }
    }
    return VAL_TRUE;
}

/* [[Get]] — #sec-arguments-exotic-objects-get-p-receiver */
static Value margs_get(Context *ctx, Object *o, PropKey k, Value receiver) {
    ArgumentsObject *a = (ArgumentsObject *)o;
    int slot = mapped_slot(a, k);
    if (slot < 0) return OrdinaryGet(ctx, o, k, receiver);
    return a->env->slots[slot];
}

/* [[Set]] — #sec-arguments-exotic-objects-set-p-v-receiver */
static Value margs_set(Context *ctx, Object *o, PropKey k, Value v, Value receiver) {
    ArgumentsObject *a = (ArgumentsObject *)o;
    int slot = -1;
    if (val_is_object(receiver) && obj_from_value(receiver) == o) slot = mapped_slot(a, k);
    if (slot >= 0) a->env->slots[slot] = v;
    return OrdinarySet(ctx, o, k, v, receiver);
}

/* [[Delete]] — #sec-arguments-exotic-objects-delete-p */
static Value margs_delete(Context *ctx, Object *o, PropKey k) {
    ArgumentsObject *a = (ArgumentsObject *)o;
    int slot = mapped_slot(a, k);
    Value r = OrdinaryDelete(ctx, o, k);
    if (r == VAL_TRUE && slot >= 0) unmap(a, k);
    return r;
}

static const ObjectOps mapped_arguments_ops = {
    .get_own_property = margs_get_own_property,
    .define_own_property = margs_define_own_property,
    .get = margs_get,
    .set = margs_set,
    .delete_property = margs_delete,
};

static const ClassDef class_mapped_arguments = {
    .id = CLASS_MAPPED_ARGUMENTS,
    .name = "Arguments",
    .ops = &mapped_arguments_ops,
    .trace = arguments_trace,
};

/* Adds data property k to a fresh arguments object: o's shape is shared and
 * lacks k, and its slots have room (arguments_common reserves them). */
static int add_fresh(Context *ctx, Object *o, PropKey k, Value v, uint8_t attrs) {
    Shape *ns = shape_add(ctx->rt, o->shape, k, attrs);
    if (!ns) return -1;
    o->slots[ns->count - 1] = v;
    o->shape = ns;
    return 0;
}

static Object *arguments_common(Context *ctx, const ClassDef *cls, const Value *argv,
                                uint32_t argc) {
    Runtime *rt = ctx->rt;
    Value op = ctx->intrinsics[INTR_ObjectPrototype];
    Object *o =
        obj_alloc(ctx, cls, val_is_object(op) ? obj_from_value(op) : NULL, sizeof(ArgumentsObject));
    if (!o) return NULL;
    /* Room for "length", @@iterator and "callee". */
    Value *slots = gc_malloc(rt, sizeof(Value) * 4);
    if (!slots) return NULL;
    o->slots = slots;
    o->hdr.aux = 4;
    if (add_fresh(ctx, o, KEY(rt, length), val_from_number(argc), PROP_BUILTIN) < 0) return NULL;
    /* The indices are plain data properties of a fresh object: the dense
     * element vector, filled at once. */
    if (argc) {
        Value *elements = gc_malloc(rt, sizeof(Value) * argc);
        if (!elements) return NULL;
        memcpy(elements, argv, sizeof(Value) * argc);
        o->elements = elements;
        o->elements_length = o->elements_capacity = argc;
    }
    Value values = ctx->intrinsics[INTR_ArrayProto_values];
    if (val_is_object(values) && add_fresh(ctx, o, KEY_SYM(rt, iterator), values, PROP_BUILTIN) < 0)
        return NULL;
    return o;
}

bool arguments_get_index_fast(Object *o, uint32_t i, Value *out) {
    if (o->cls != &class_arguments && o->cls != &class_mapped_arguments) return false;
    if (o->hdr.flags & OBJ_SPARSE) return false;
    ArgumentsObject *a = (ArgumentsObject *)o;
    int slot = mapped_slot(a, key_from_index(i));
    if (slot >= 0) {
        *out = a->env->slots[slot];
        return true;
    }
    if (i >= o->elements_length || o->elements[i] == VAL_HOLE) return false;
    *out = o->elements[i];
    return true;
}

/* CreateUnmappedArgumentsObject — #sec-createunmappedargumentsobject */
Object *arguments_new_unmapped(Context *ctx, const Value *argv, uint32_t argc) {
    Object *o = arguments_common(ctx, &class_arguments, argv, argc);
    if (!o) return NULL;
    Value thrower = ctx->intrinsics[INTR_ThrowTypeError];
    if (!val_is_object(thrower)) thrower = VAL_UNDEFINED;
    if (obj_define_accessor_fast(ctx, o, KEY(ctx->rt, callee), thrower, thrower, 0) < 0)
        return NULL;
    return o;
}

/* CreateMappedArgumentsObject — #sec-createmappedargumentsobject */
Object *arguments_new_mapped(Context *ctx, Object *callee, const Value *argv, uint32_t argc,
                             Env *env, ValueArray *param_slots) {
    Object *o = arguments_common(ctx, &class_mapped_arguments, argv, argc);
    if (!o) return NULL;
    ArgumentsObject *a = (ArgumentsObject *)o;
    uint32_t n = param_slots->length < argc ? param_slots->length : argc;
    ValueArray *map = value_array_new(ctx->rt, n ? n : 1);
    if (!map) return NULL;
    for (uint32_t i = 0; i < n; i++)
        map->items[i] = param_slots->items[i];
    map->length = n;
    a->map = map;
    a->env = env;
    if (add_fresh(ctx, o, KEY(ctx->rt, callee), callee ? val_from_object(callee) : VAL_UNDEFINED,
                  PROP_BUILTIN) < 0)
        return NULL;
    return o;
}
