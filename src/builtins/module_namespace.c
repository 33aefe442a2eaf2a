/*
 * module_namespace.c — module namespace exotic objects
 * (#sec-module-namespace-exotic-objects).
 *
 * [[Exports]] is kept as a sorted ValueArray of [property key, exporter
 * record, slot] triples: ResolveExport's answer for each name never changes
 * once the module is linked, so it is computed when the namespace is made
 * and every [[Get]] reads the exporter's environment slot directly (slot -1:
 * the exporter's own namespace, for `export * as ns`).
 */
#include <stdlib.h>

#include "builtins/builtins.h"
#include "vm/conv.h"
#include "vm/module.h"

typedef struct ModuleNamespace {
    Object base;
    ValueArray *exports; /* [PropKey, module record, slot]*, sorted by name */
} ModuleNamespace;

static void namespace_trace(Runtime *rt, Object *o) {
    ModuleNamespace *ns = (ModuleNamespace *)o;
    if (ns->exports) gc_mark_cell(rt, &ns->exports->hdr);
}

static const ObjectOps namespace_ops;

static const ClassDef class_module_namespace = {
    .id = CLASS_MODULE_NAMESPACE,
    .name = "Module",
    .ops = &namespace_ops,
    .trace = namespace_trace,
};

/* The index of key k in [[Exports]], or -1. */
static int32_t export_index(ModuleNamespace *ns, PropKey k) {
    ValueArray *e = ns->exports;
    for (uint32_t i = 0; i + 2 < e->length; i += 3)
        if (e->items[i] == (Value)k) return (int32_t)i;
    return -1;
}

/* [[Get]] of an export (steps 4-13 of #sec-module-namespace-exotic-objects-get-p-receiver). */
static Value export_value(Context *ctx, ModuleNamespace *ns, int32_t i) {
    ModuleRecord *m = (ModuleRecord *)val_as_cell(ns->exports->items[i + 1]);
    int32_t slot = val_to_int(ns->exports->items[i + 2]);
    if (slot < 0) return module_get_namespace(ctx, m);
    Value v = m->env ? m->env->slots[slot] : VAL_UNINITIALIZED;
    if (v == VAL_UNINITIALIZED) {
        PropKey k = (PropKey)ns->exports->items[i];
        String *name = key_to_display_string(ctx->rt, k, false);
        char *n = name ? str_to_utf8(ctx->rt, name, NULL) : NULL;
        throw_reference_error(ctx, "Cannot access '%s' before initialization", n ? n : "?");
        free(n);
        return VAL_EXCEPTION;
    }
    return v;
}

static Value ns_get_prototype_of(Context *ctx, Object *o) {
    (void)ctx;
    (void)o;
    return VAL_NULL;
}

/* [[SetPrototypeOf]] — SetImmutablePrototype */
static Value ns_set_prototype_of(Context *ctx, Object *o, Value proto) {
    (void)ctx;
    (void)o;
    return val_from_bool(val_is_null(proto));
}

static Value ns_is_extensible(Context *ctx, Object *o) {
    (void)ctx;
    (void)o;
    return VAL_FALSE;
}

static Value ns_prevent_extensions(Context *ctx, Object *o) {
    (void)ctx;
    (void)o;
    return VAL_TRUE;
}

/* [[GetOwnProperty]] — #sec-module-namespace-exotic-objects-getownproperty-p */
static Value ns_get_own_property(Context *ctx, Object *o, PropKey k, PropertyDescriptor *desc) {
    if (key_is_symbol(k)) return OrdinaryGetOwnProperty(ctx, o, k, desc);
    int32_t i = export_index((ModuleNamespace *)o, k);
    if (i < 0) return VAL_FALSE;
    Value v = export_value(ctx, (ModuleNamespace *)o, i);
    if (val_is_exception(v)) return v;
    *desc = desc_data(v, PROP_WRITABLE | PROP_ENUMERABLE);
    return VAL_TRUE;
}

/* [[DefineOwnProperty]] — #sec-module-namespace-exotic-objects-defineownproperty-p-desc */
static Value ns_define_own_property(Context *ctx, Object *o, PropKey k,
                                    const PropertyDescriptor *desc) {
    if (key_is_symbol(k)) return OrdinaryDefineOwnProperty(ctx, o, k, desc);
    PropertyDescriptor current;
    Value has = ns_get_own_property(ctx, o, k, &current);
    if (val_is_exception(has)) return has;
    if (has == VAL_FALSE) return VAL_FALSE;
    if ((desc->has & DESC_HAS_CONFIGURABLE) && (desc->attrs & PROP_CONFIGURABLE)) return VAL_FALSE;
    if ((desc->has & DESC_HAS_ENUMERABLE) && !(desc->attrs & PROP_ENUMERABLE)) return VAL_FALSE;
    if (desc_is_accessor(desc)) return VAL_FALSE;
    if ((desc->has & DESC_HAS_WRITABLE) && !(desc->attrs & PROP_WRITABLE)) return VAL_FALSE;
    if (desc->has & DESC_HAS_VALUE) return val_from_bool(SameValue(desc->value, current.value));
    return VAL_TRUE;
}

static Value ns_has_property(Context *ctx, Object *o, PropKey k) {
    if (key_is_symbol(k)) return OrdinaryHasProperty(ctx, o, k);
    return val_from_bool(export_index((ModuleNamespace *)o, k) >= 0);
}

/* [[Get]] — #sec-module-namespace-exotic-objects-get-p-receiver */
static Value ns_get(Context *ctx, Object *o, PropKey k, Value receiver) {
    if (key_is_symbol(k)) return OrdinaryGet(ctx, o, k, receiver);
    int32_t i = export_index((ModuleNamespace *)o, k);
    if (i < 0) return VAL_UNDEFINED;
    return export_value(ctx, (ModuleNamespace *)o, i);
}

static Value ns_set(Context *ctx, Object *o, PropKey k, Value v, Value receiver) {
    (void)ctx;
    (void)o;
    (void)k;
    (void)v;
    (void)receiver;
    return VAL_FALSE;
}

static Value ns_delete(Context *ctx, Object *o, PropKey k) {
    if (key_is_symbol(k)) return OrdinaryDelete(ctx, o, k);
    return val_from_bool(export_index((ModuleNamespace *)o, k) < 0);
}

/* [[OwnPropertyKeys]]: the export names, then the symbol keys. */
static ValueArray *ns_own_property_keys(Context *ctx, Object *o) {
    ModuleNamespace *ns = (ModuleNamespace *)o;
    ValueArray *symbols = OrdinaryOwnPropertyKeys(ctx, o);
    if (!symbols) return NULL;
    gc_protect_cell(ctx->rt, &symbols->hdr);
    ValueArray *keys = value_array_new(ctx->rt, ns->exports->length / 3 + symbols->length + 1);
    if (!keys) return NULL;
    for (uint32_t i = 0; i + 2 < ns->exports->length; i += 3)
        keys->items[keys->length++] = ns->exports->items[i];
    for (uint32_t i = 0; i < symbols->length; i++)
        keys->items[keys->length++] = symbols->items[i];
    return keys;
}

static const ObjectOps namespace_ops = {
    .get_prototype_of = ns_get_prototype_of,
    .set_prototype_of = ns_set_prototype_of,
    .is_extensible = ns_is_extensible,
    .prevent_extensions = ns_prevent_extensions,
    .get_own_property = ns_get_own_property,
    .define_own_property = ns_define_own_property,
    .has_property = ns_has_property,
    .get = ns_get,
    .set = ns_set,
    .delete_property = ns_delete,
    .own_property_keys = ns_own_property_keys,
};

/* ModuleNamespaceCreate — #sec-modulenamespacecreate */
Object *module_namespace_create(Context *ctx, ModuleRecord *m, ValueArray *names) {
    Runtime *rt = ctx->rt;
    HandleMark hm = gc_scope_open(rt);
    ModuleNamespace *ns =
        (ModuleNamespace *)obj_alloc(ctx, &class_module_namespace, NULL, sizeof(ModuleNamespace));
    if (!ns) goto fail;
    ns->exports = value_array_new(rt, names->length * 3 + 1);
    if (!ns->exports) goto fail;
    for (uint32_t i = 0; i < names->length; i++) {
        ModuleRecord *t = NULL;
        int32_t slot = 0;
        String *name = val_as_string(names->items[i]);
        if (module_resolve_export(ctx, m, name, &t, &slot) != RESOLVE_FOUND) goto fail;
        PropKey k = key_from_string(rt, name);
        if (k == KEY_NONE) goto fail;
        ValueArray *e = ns->exports;
        e->items[e->length++] = (Value)k;
        e->items[e->length++] = val_from_cell(&t->cell.hdr);
        e->items[e->length++] = val_from_int(slot);
    }
    /* [Symbol.toStringTag] — #sec-@@tostringtag */
    String *tag = str_from_cstr(rt, "Module");
    if (!tag ||
        obj_define_data_fast(ctx, &ns->base, KEY_SYM(rt, toStringTag), val_from_string(tag), 0) < 0)
        goto fail;
    ns->base.hdr.flags &= (uint16_t)~OBJ_EXTENSIBLE;
    gc_scope_escape(rt, hm, val_from_object(&ns->base));
    return &ns->base;
fail:
    if (!rt->has_exception) throw_range_error(ctx, "Out of memory");
    gc_scope_close(rt, hm);
    return NULL;
}
