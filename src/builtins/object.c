/*
 * object.c — the Object constructor, its static methods and
 * Object.prototype (#sec-object-objects), including the Annex B legacy
 * accessors (__proto__, __defineGetter__ & co.).
 *
 * %Object.prototype% is created by realm.c before any family runs; here it
 * becomes an immutable prototype exotic object (#sec-immutable-prototype-exotic-objects)
 * by switching its class to class_object_prototype (vm/object.c) if realm.c
 * did not already create it with that class.
 */
#include "builtins/builtins.h"
#include "builtins/iterator_ops.h"
#include "vm/string.h"

static Value not_object_error(Context *ctx, const char *method) {
    return throw_type_error(ctx, "%s: argument is not an object", method);
}

/* ---- the constructor -------------------------------------------------------- */

/* Object ( [ value ] ) — #sec-object-value */
static Value object_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                Value new_target, int magic) {
    Value value = ARG(0);
    /* 1. NewTarget neither undefined nor the active function (a subclass). */
    if (!val_is_undefined(new_target) && new_target != ctx_intrinsic(ctx, INTR_Object)) {
        Object *o = OrdinaryCreateFromConstructor(ctx, new_target, INTR_ObjectPrototype,
                                                  &class_object, sizeof(Object));
        return o ? val_from_object(o) : VAL_EXCEPTION;
    }
    if (val_is_nullish(value)) {
        Object *o = obj_new_plain(ctx);
        return o ? val_from_object(o) : VAL_EXCEPTION;
    }
    return ToObject(ctx, value);
}

/* ---- static methods ------------------------------------------------------------ */

/* Object.assign ( target, ...sources ) — #sec-object.assign */
static Value object_assign(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Value to_v = ToObject(ctx, ARG(0));
    TRY(to_v);
    Object *to = obj_from_value(to_v);
    for (int i = 1; i < argc; i++) {
        Value next_source = argv[i];
        if (val_is_nullish(next_source)) continue;
        Value from_v = MUST(ToObject(ctx, next_source));
        Object *from = obj_from_value(from_v);
        ValueArray *keys = obj_own_property_keys(ctx, from);
        if (!keys) return VAL_EXCEPTION;
        for (uint32_t k = 0; k < keys->length; k++) {
            HandleMark mark = gc_scope_open(rt);
            PropKey key = keys->items[k];
            PropertyDescriptor desc;
            Value found = obj_get_own_property(ctx, from, key, &desc);
            Value r = found;
            if (found == VAL_TRUE && (desc.attrs & PROP_ENUMERABLE)) {
                Value prop_value = Get(ctx, from, key);
                r = prop_value;
                if (!val_is_exception(prop_value)) r = Set(ctx, to, key, prop_value, true);
            }
            gc_scope_close(rt, mark);
            TRY(r);
        }
    }
    return to_v;
}

/* ObjectDefineProperties ( O, Properties ) — #sec-objectdefineproperties */
static Value ObjectDefineProperties(Context *ctx, Object *o, Value properties) {
    Runtime *rt = ctx->rt;
    Value props_v = ToObject(ctx, properties);
    TRY(props_v);
    Object *props = obj_from_value(props_v);
    ValueArray *keys = obj_own_property_keys(ctx, props);
    if (!keys) return VAL_EXCEPTION;
    uint32_t n = keys->length;
    if (n == 0) return val_from_object(o);
    /* The descriptors' values stay protected in this native call's scope. */
    PropKey *desc_keys = gc_malloc(rt, (size_t)n * sizeof(PropKey));
    if (!desc_keys) return VAL_EXCEPTION;
    PropertyDescriptor *descs = gc_malloc(rt, (size_t)n * sizeof(PropertyDescriptor));
    if (!descs) {
        gc_free(rt, desc_keys, (size_t)n * sizeof(PropKey));
        return VAL_EXCEPTION;
    }
    uint32_t count = 0;
    Value result = val_from_object(o);
    for (uint32_t i = 0; i < n; i++) {
        PropKey key = keys->items[i];
        PropertyDescriptor prop_desc;
        Value found = obj_get_own_property(ctx, props, key, &prop_desc);
        if (val_is_exception(found)) {
            result = VAL_EXCEPTION;
            goto done;
        }
        if (found == VAL_TRUE && (prop_desc.attrs & PROP_ENUMERABLE)) {
            Value desc_obj = Get(ctx, props, key);
            if (val_is_exception(desc_obj) ||
                val_is_exception(ToPropertyDescriptor(ctx, desc_obj, &descs[count]))) {
                result = VAL_EXCEPTION;
                goto done;
            }
            desc_keys[count++] = key;
        }
    }
    for (uint32_t i = 0; i < count; i++) {
        if (val_is_exception(DefinePropertyOrThrow(ctx, o, desc_keys[i], &descs[i]))) {
            result = VAL_EXCEPTION;
            goto done;
        }
    }
done:
    gc_free(rt, desc_keys, (size_t)n * sizeof(PropKey));
    gc_free(rt, descs, (size_t)n * sizeof(PropertyDescriptor));
    return result;
}

/* Object.create ( O, Properties ) — #sec-object.create */
static Value object_create(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    Value proto = ARG(0), properties = ARG(1);
    if (!val_is_object(proto) && !val_is_null(proto))
        return throw_type_error(ctx, "Object.create: prototype must be an object or null");
    Object *obj = obj_new(ctx, val_is_null(proto) ? NULL : obj_from_value(proto));
    if (!obj) return VAL_EXCEPTION;
    if (!val_is_undefined(properties)) return ObjectDefineProperties(ctx, obj, properties);
    return val_from_object(obj);
}

/* Object.defineProperties ( O, Properties ) — #sec-object.defineproperties */
static Value object_define_properties(Context *ctx, Value this_value, int argc, const Value *argv,
                                      Value new_target, int magic) {
    Value o = ARG(0);
    if (!val_is_object(o)) return not_object_error(ctx, "Object.defineProperties");
    return ObjectDefineProperties(ctx, obj_from_value(o), ARG(1));
}

/* Object.defineProperty ( O, P, Attributes ) — #sec-object.defineproperty */
static Value object_define_property(Context *ctx, Value this_value, int argc, const Value *argv,
                                    Value new_target, int magic) {
    Value o = ARG(0);
    if (!val_is_object(o)) return not_object_error(ctx, "Object.defineProperty");
    PropKey key = ToPropertyKey(ctx, ARG(1));
    if (key == KEY_NONE) return VAL_EXCEPTION;
    PropertyDescriptor desc;
    TRY(ToPropertyDescriptor(ctx, ARG(2), &desc));
    TRY(DefinePropertyOrThrow(ctx, obj_from_value(o), key, &desc));
    return o;
}

/* Object.keys / Object.values / Object.entries — #sec-object.keys,
 * #sec-object.values, #sec-object.entries (magic: EnumKind) */
static Value object_enumerable_list(Context *ctx, Value this_value, int argc, const Value *argv,
                                    Value new_target, int magic) {
    Value obj = ToObject(ctx, ARG(0));
    TRY(obj);
    ValueArray *list = EnumerableOwnProperties(ctx, obj_from_value(obj), (EnumKind)magic);
    if (!list) return VAL_EXCEPTION;
    Object *a = CreateArrayFromList(ctx, list->items, list->length);
    return a ? val_from_object(a) : VAL_EXCEPTION;
}

/* Object.freeze / Object.seal — #sec-object.freeze, #sec-object.seal
 * (magic: 1 frozen, 0 sealed) */
static Value object_set_integrity(Context *ctx, Value this_value, int argc, const Value *argv,
                                  Value new_target, int magic) {
    Value o = ARG(0);
    if (!val_is_object(o)) return o;
    Value status = SetIntegrityLevel(ctx, obj_from_value(o), magic != 0);
    TRY(status);
    if (status != VAL_TRUE)
        return throw_type_error(ctx, "Object.%s: cannot %s object", magic ? "freeze" : "seal",
                                magic ? "freeze" : "seal");
    return o;
}

/* Object.isFrozen / Object.isSealed — #sec-object.isfrozen, #sec-object.issealed */
static Value object_test_integrity(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    Value o = ARG(0);
    if (!val_is_object(o)) return VAL_TRUE;
    return TestIntegrityLevel(ctx, obj_from_value(o), magic != 0);
}

/* Object.fromEntries ( iterable ) — #sec-object.fromentries, with
 * AddEntriesFromIterable (#sec-add-entries-from-iterable) inlined: the adder
 * closure is not observable, so it is a direct CreateDataPropertyOrThrow. */
static Value object_from_entries(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Value iterable = ARG(0);
    TRY(RequireObjectCoercible(ctx, iterable));
    Object *obj = obj_new_plain(ctx);
    if (!obj) return VAL_EXCEPTION;
    IteratorRecord rec;
    TRY_I(GetIterator(ctx, iterable, ITER_KIND_SYNC, &rec));
    for (;;) {
        HandleMark mark = gc_scope_open(rt);
        Value next = IteratorStepValue(ctx, &rec);
        Value status = next;
        if (val_is_exception(next) || next == ITER_DONE) {
            gc_scope_close(rt, mark);
            if (val_is_exception(next)) return VAL_EXCEPTION;
            return val_from_object(obj);
        }
        if (!val_is_object(next)) {
            status =
                throw_type_error(ctx, "Object.fromEntries: iterator value is not an entry object");
        } else {
            Object *entry = obj_from_value(next);
            Value k = Get(ctx, entry, key_from_index(0));
            if (!val_is_exception(k)) {
                Value v = Get(ctx, entry, key_from_index(1));
                status = v;
                if (!val_is_exception(v)) {
                    PropKey key = ToPropertyKey(ctx, k);
                    status = key == KEY_NONE ? VAL_EXCEPTION
                                             : CreateDataPropertyOrThrow(ctx, obj, key, v);
                }
            } else {
                status = VAL_EXCEPTION;
            }
        }
        if (val_is_exception(status)) {
            IteratorClose(ctx, &rec, VAL_EXCEPTION);
            gc_scope_close(rt, mark);
            return VAL_EXCEPTION;
        }
        gc_scope_close(rt, mark);
    }
}

/* Object.getOwnPropertyDescriptor ( O, P ) — #sec-object.getownpropertydescriptor */
static Value object_get_own_property_descriptor(Context *ctx, Value this_value, int argc,
                                                const Value *argv, Value new_target, int magic) {
    Value obj = ToObject(ctx, ARG(0));
    TRY(obj);
    PropKey key = ToPropertyKey(ctx, ARG(1));
    if (key == KEY_NONE) return VAL_EXCEPTION;
    PropertyDescriptor desc;
    Value found = obj_get_own_property(ctx, obj_from_value(obj), key, &desc);
    TRY(found);
    return FromPropertyDescriptor(ctx, found == VAL_TRUE ? &desc : NULL);
}

/* Object.getOwnPropertyDescriptors ( O ) — #sec-object.getownpropertydescriptors */
static Value object_get_own_property_descriptors(Context *ctx, Value this_value, int argc,
                                                 const Value *argv, Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Value obj_v = ToObject(ctx, ARG(0));
    TRY(obj_v);
    Object *obj = obj_from_value(obj_v);
    ValueArray *own_keys = obj_own_property_keys(ctx, obj);
    if (!own_keys) return VAL_EXCEPTION;
    Object *descriptors = obj_new_plain(ctx);
    if (!descriptors) return VAL_EXCEPTION;
    for (uint32_t i = 0; i < own_keys->length; i++) {
        HandleMark mark = gc_scope_open(rt);
        PropKey key = own_keys->items[i];
        PropertyDescriptor desc;
        Value r = obj_get_own_property(ctx, obj, key, &desc);
        if (r == VAL_TRUE) {
            Value descriptor = FromPropertyDescriptor(ctx, &desc);
            r = descriptor;
            if (!val_is_exception(descriptor))
                r = CreateDataPropertyOrThrow(ctx, descriptors, key, descriptor);
        }
        gc_scope_close(rt, mark);
        TRY(r);
    }
    return val_from_object(descriptors);
}

/* GetOwnPropertyKeys ( O, type ) — #sec-getownpropertykeys, returned as an
 * Array (Object.getOwnPropertyNames / getOwnPropertySymbols; magic 1:
 * symbols). */
static Value object_get_own_property_keys(Context *ctx, Value this_value, int argc,
                                          const Value *argv, Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    bool want_symbols = magic != 0;
    Value obj = ToObject(ctx, ARG(0));
    TRY(obj);
    ValueArray *keys = obj_own_property_keys(ctx, obj_from_value(obj));
    if (!keys) return VAL_EXCEPTION;
    Object *a = array_new(ctx, 0);
    if (!a) return VAL_EXCEPTION;
    for (uint32_t i = 0; i < keys->length; i++) {
        PropKey key = keys->items[i];
        if (key_is_symbol(key) != want_symbols) continue;
        HandleMark mark = gc_scope_open(rt);
        Value v = key_to_value(rt, key);
        int r = val_is_exception(v) ? -1 : array_push_fast(ctx, a, v);
        gc_scope_close(rt, mark);
        if (r < 0) return VAL_EXCEPTION;
    }
    return val_from_object(a);
}

/* Object.getPrototypeOf ( O ) — #sec-object.getprototypeof */
static Value object_get_prototype_of(Context *ctx, Value this_value, int argc, const Value *argv,
                                     Value new_target, int magic) {
    Value obj = ToObject(ctx, ARG(0));
    TRY(obj);
    return obj_get_prototype_of(ctx, obj_from_value(obj));
}

/* Object.groupBy ( items, callback ) — #sec-object.groupby, with
 * GroupBy ( items, callback, property ) — #sec-groupby. The groups are built
 * directly in the null-prototype result object: neither the callback nor the
 * iterator can observe it, and inserting keys in first-seen order gives the
 * same property order as creating them afterwards. */
static Value object_group_by(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Value items = ARG(0), callback = ARG(1);
    TRY(RequireObjectCoercible(ctx, items));
    if (!val_is_callable(callback))
        return throw_type_error(ctx, "Object.groupBy: callback is not a function");
    Object *obj = obj_new(ctx, NULL);
    if (!obj) return VAL_EXCEPTION;
    IteratorRecord rec;
    TRY_I(GetIterator(ctx, items, ITER_KIND_SYNC, &rec));
    for (double k = 0;; k++) {
        HandleMark mark = gc_scope_open(rt);
        if (k >= 9007199254740991.0) {
            throw_type_error(ctx, "Object.groupBy: too many elements");
            goto abrupt;
        }
        Value value = IteratorStepValue(ctx, &rec);
        if (val_is_exception(value) || value == ITER_DONE) {
            gc_scope_close(rt, mark);
            return val_is_exception(value) ? VAL_EXCEPTION : val_from_object(obj);
        }
        Value args[2] = {value, val_from_number(k)};
        Value key_v = Call(ctx, callback, VAL_UNDEFINED, 2, args);
        if (val_is_exception(key_v)) goto abrupt;
        PropKey key = ToPropertyKey(ctx, key_v);
        if (key == KEY_NONE) goto abrupt;
        /* AddValueToKeyedGroup — #sec-add-value-to-keyed-group */
        Value group;
        uint8_t attrs;
        if (!obj_lookup_own_fast(obj, key, &group, &attrs)) {
            Object *elements = array_new(ctx, 0);
            if (!elements) goto abrupt;
            group = val_from_object(elements);
            if (obj_define_data_fast(ctx, obj, key, group, PROP_DEFAULT) < 0) goto abrupt;
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

/* Object.hasOwn ( O, P ) — #sec-object.hasown */
static Value object_has_own(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    Value obj = ToObject(ctx, ARG(0));
    TRY(obj);
    PropKey key = ToPropertyKey(ctx, ARG(1));
    if (key == KEY_NONE) return VAL_EXCEPTION;
    return HasOwnProperty(ctx, obj_from_value(obj), key);
}

/* Object.is ( value1, value2 ) — #sec-object.is */
static Value object_is(Context *ctx, Value this_value, int argc, const Value *argv,
                       Value new_target, int magic) {
    return val_from_bool(SameValue(ARG(0), ARG(1)));
}

/* Object.isExtensible ( O ) — #sec-object.isextensible */
static Value object_is_extensible(Context *ctx, Value this_value, int argc, const Value *argv,
                                  Value new_target, int magic) {
    Value o = ARG(0);
    if (!val_is_object(o)) return VAL_FALSE;
    return obj_is_extensible(ctx, obj_from_value(o));
}

/* Object.preventExtensions ( O ) — #sec-object.preventextensions */
static Value object_prevent_extensions(Context *ctx, Value this_value, int argc, const Value *argv,
                                       Value new_target, int magic) {
    Value o = ARG(0);
    if (!val_is_object(o)) return o;
    Value status = obj_prevent_extensions(ctx, obj_from_value(o));
    TRY(status);
    if (status != VAL_TRUE)
        return throw_type_error(ctx, "Object.preventExtensions: cannot prevent extensions");
    return o;
}

/* Object.setPrototypeOf ( O, proto ) — #sec-object.setprototypeof */
static Value object_set_prototype_of(Context *ctx, Value this_value, int argc, const Value *argv,
                                     Value new_target, int magic) {
    Value o = ARG(0), proto = ARG(1);
    TRY(RequireObjectCoercible(ctx, o));
    if (!val_is_object(proto) && !val_is_null(proto))
        return throw_type_error(ctx, "Object.setPrototypeOf: prototype must be an object or null");
    if (!val_is_object(o)) return o;
    Value status = obj_set_prototype_of(ctx, obj_from_value(o), proto);
    TRY(status);
    if (status != VAL_TRUE)
        return throw_type_error(ctx, "Object.setPrototypeOf: cannot set prototype");
    return o;
}

/* ---- Object.prototype ------------------------------------------------------------ */

/* Object.prototype.hasOwnProperty ( V ) — #sec-object.prototype.hasownproperty */
static Value proto_has_own_property(Context *ctx, Value this_value, int argc, const Value *argv,
                                    Value new_target, int magic) {
    PropKey key = ToPropertyKey(ctx, ARG(0));
    if (key == KEY_NONE) return VAL_EXCEPTION;
    Value o = ToObject(ctx, this_value);
    TRY(o);
    return HasOwnProperty(ctx, obj_from_value(o), key);
}

/* Object.prototype.isPrototypeOf ( V ) — #sec-object.prototype.isprototypeof */
static Value proto_is_prototype_of(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    Value v = ARG(0);
    if (!val_is_object(v)) return VAL_FALSE;
    Value o = ToObject(ctx, this_value);
    TRY(o);
    for (;;) {
        v = obj_get_prototype_of(ctx, obj_from_value(v));
        TRY(v);
        if (val_is_null(v)) return VAL_FALSE;
        if (v == o) return VAL_TRUE;
        TRY_I(rt_check_interrupt(ctx));
    }
}

/* Object.prototype.propertyIsEnumerable ( V ) — #sec-object.prototype.propertyisenumerable */
static Value proto_property_is_enumerable(Context *ctx, Value this_value, int argc,
                                          const Value *argv, Value new_target, int magic) {
    PropKey key = ToPropertyKey(ctx, ARG(0));
    if (key == KEY_NONE) return VAL_EXCEPTION;
    Value o = ToObject(ctx, this_value);
    TRY(o);
    PropertyDescriptor desc;
    Value found = obj_get_own_property(ctx, obj_from_value(o), key, &desc);
    TRY(found);
    if (found != VAL_TRUE) return VAL_FALSE;
    return val_from_bool(desc.attrs & PROP_ENUMERABLE);
}

/* Object.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] ) —
 * #sec-object.prototype.tolocalestring */
static Value proto_to_locale_string(Context *ctx, Value this_value, int argc, const Value *argv,
                                    Value new_target, int magic) {
    return Invoke(ctx, this_value, KEY(ctx->rt, toString), 0, NULL);
}

static String *object_tag_string(Runtime *rt, const char *tag_ascii, String *tag) {
    StringBuilder sb;
    sb_init(&sb, rt);
    sb_append_ascii(&sb, "[object ");
    if (tag)
        sb_append_string(&sb, tag);
    else
        sb_append_ascii(&sb, tag_ascii);
    sb_append_unit(&sb, ']');
    return sb_finish(&sb);
}

/* Object.prototype.toString ( ) — #sec-object.prototype.tostring */
static Value proto_to_string(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    String *s;
    if (val_is_undefined(this_value)) {
        s = object_tag_string(rt, "Undefined", NULL);
        return s ? val_from_string(s) : VAL_EXCEPTION;
    }
    if (val_is_null(this_value)) {
        s = object_tag_string(rt, "Null", NULL);
        return s ? val_from_string(s) : VAL_EXCEPTION;
    }
    Value o_v = MUST(ToObject(ctx, this_value));
    Object *o = obj_from_value(o_v);
    Value is_array = IsArray(ctx, o_v);
    TRY(is_array);
    const char *builtin_tag;
    if (is_array == VAL_TRUE) {
        builtin_tag = "Array";
    } else {
        switch (obj_class(o)) {
        case CLASS_ARGUMENTS:
        case CLASS_MAPPED_ARGUMENTS: builtin_tag = "Arguments"; break;
        case CLASS_ERROR: builtin_tag = "Error"; break;
        case CLASS_BOOLEAN: builtin_tag = "Boolean"; break;
        case CLASS_NUMBER: builtin_tag = "Number"; break;
        case CLASS_STRING: builtin_tag = "String"; break;
        case CLASS_DATE: builtin_tag = "Date"; break;
        case CLASS_REGEXP: builtin_tag = "RegExp"; break;
        default: builtin_tag = "Object"; break;
        }
        /* Arguments objects are never callable, so checking [[Call]] after
         * them keeps the spec's order (steps 6-7). */
        if (obj_is_callable(o)) builtin_tag = "Function";
    }
    Value tag = Get(ctx, o, KEY_SYM(rt, toStringTag));
    TRY(tag);
    s = object_tag_string(rt, builtin_tag, val_is_string(tag) ? val_as_string(tag) : NULL);
    return s ? val_from_string(s) : VAL_EXCEPTION;
}

/* Object.prototype.valueOf ( ) — #sec-object.prototype.valueof */
static Value proto_value_of(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    return ToObject(ctx, this_value);
}

/* get Object.prototype.__proto__ — #sec-get-object.prototype.__proto__ */
static Value proto_get_proto(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    Value o = ToObject(ctx, this_value);
    TRY(o);
    return obj_get_prototype_of(ctx, obj_from_value(o));
}

/* set Object.prototype.__proto__ — #sec-set-object.prototype.__proto__ */
static Value proto_set_proto(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    Value proto = ARG(0);
    TRY(RequireObjectCoercible(ctx, this_value));
    if (!val_is_object(proto) && !val_is_null(proto)) return VAL_UNDEFINED;
    if (!val_is_object(this_value)) return VAL_UNDEFINED;
    Value status = obj_set_prototype_of(ctx, obj_from_value(this_value), proto);
    TRY(status);
    if (status != VAL_TRUE)
        return throw_type_error(ctx, "Object.prototype.__proto__: cannot set prototype");
    return VAL_UNDEFINED;
}

/* Object.prototype.__defineGetter__ ( P, getter ) — #sec-object.prototype.__defineGetter__
 * Object.prototype.__defineSetter__ ( P, setter ) — #sec-object.prototype.__defineSetter__
 * (magic 1: setter) */
static Value proto_define_accessor(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    Value o = ToObject(ctx, this_value);
    TRY(o);
    Value fn = ARG(1);
    if (!val_is_callable(fn))
        return throw_type_error(ctx, "Object.prototype.%s: %s is not a function",
                                magic ? "__defineSetter__" : "__defineGetter__",
                                magic ? "setter" : "getter");
    PropertyDescriptor desc = {0};
    desc.has = DESC_HAS_ENUMERABLE | DESC_HAS_CONFIGURABLE | (magic ? DESC_HAS_SET : DESC_HAS_GET);
    desc.attrs = PROP_ENUMERABLE | PROP_CONFIGURABLE;
    desc.value = VAL_UNDEFINED;
    desc.getter = magic ? VAL_UNDEFINED : fn;
    desc.setter = magic ? fn : VAL_UNDEFINED;
    PropKey key = ToPropertyKey(ctx, ARG(0));
    if (key == KEY_NONE) return VAL_EXCEPTION;
    TRY(DefinePropertyOrThrow(ctx, obj_from_value(o), key, &desc));
    return VAL_UNDEFINED;
}

/* Object.prototype.__lookupGetter__ ( P ) — #sec-object.prototype.__lookupGetter__
 * Object.prototype.__lookupSetter__ ( P ) — #sec-object.prototype.__lookupSetter__
 * (magic 1: setter) */
static Value proto_lookup_accessor(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    Value o = ToObject(ctx, this_value);
    TRY(o);
    PropKey key = ToPropertyKey(ctx, ARG(0));
    if (key == KEY_NONE) return VAL_EXCEPTION;
    for (;;) {
        PropertyDescriptor desc;
        Value found = obj_get_own_property(ctx, obj_from_value(o), key, &desc);
        TRY(found);
        if (found == VAL_TRUE) {
            if (!desc_is_accessor(&desc)) return VAL_UNDEFINED;
            return magic ? desc.setter : desc.getter;
        }
        o = obj_get_prototype_of(ctx, obj_from_value(o));
        TRY(o);
        if (val_is_null(o)) return VAL_UNDEFINED;
        TRY_I(rt_check_interrupt(ctx));
    }
}

/* ---- installation ------------------------------------------------------------------ */

static const BuiltinProp object_static_props[] = {
    BP_FUNC("assign", object_assign, 2),
    BP_FUNC("create", object_create, 2),
    BP_FUNC("defineProperties", object_define_properties, 2),
    BP_FUNC("defineProperty", object_define_property, 3),
    BP_FUNC_MAGIC("entries", object_enumerable_list, 1, ENUM_ENTRIES),
    BP_FUNC_MAGIC("freeze", object_set_integrity, 1, 1),
    BP_FUNC("fromEntries", object_from_entries, 1),
    BP_FUNC("getOwnPropertyDescriptor", object_get_own_property_descriptor, 2),
    BP_FUNC("getOwnPropertyDescriptors", object_get_own_property_descriptors, 1),
    BP_FUNC_MAGIC("getOwnPropertyNames", object_get_own_property_keys, 1, 0),
    BP_FUNC_MAGIC("getOwnPropertySymbols", object_get_own_property_keys, 1, 1),
    BP_FUNC("getPrototypeOf", object_get_prototype_of, 1),
    BP_FUNC("groupBy", object_group_by, 2),
    BP_FUNC("hasOwn", object_has_own, 2),
    BP_FUNC("is", object_is, 2),
    BP_FUNC("isExtensible", object_is_extensible, 1),
    BP_FUNC_MAGIC("isFrozen", object_test_integrity, 1, 1),
    BP_FUNC_MAGIC("isSealed", object_test_integrity, 1, 0),
    BP_FUNC_MAGIC("keys", object_enumerable_list, 1, ENUM_KEYS),
    BP_FUNC("preventExtensions", object_prevent_extensions, 1),
    BP_FUNC_MAGIC("seal", object_set_integrity, 1, 0),
    BP_FUNC("setPrototypeOf", object_set_prototype_of, 2),
    BP_FUNC_MAGIC("values", object_enumerable_list, 1, ENUM_VALUES),
};

static const BuiltinProp object_proto_props[] = {
    BP_FUNC("hasOwnProperty", proto_has_own_property, 1),
    BP_FUNC("isPrototypeOf", proto_is_prototype_of, 1),
    BP_FUNC("propertyIsEnumerable", proto_property_is_enumerable, 1),
    BP_FUNC("toLocaleString", proto_to_locale_string, 0),
    BP_FUNC("toString", proto_to_string, 0),
    BP_FUNC("valueOf", proto_value_of, 0),
    BP_GETSET("__proto__", proto_get_proto, proto_set_proto),
    BP_FUNC_MAGIC("__defineGetter__", proto_define_accessor, 2, 0),
    BP_FUNC_MAGIC("__defineSetter__", proto_define_accessor, 2, 1),
    BP_FUNC_MAGIC("__lookupGetter__", proto_lookup_accessor, 1, 0),
    BP_FUNC_MAGIC("__lookupSetter__", proto_lookup_accessor, 1, 1),
};

int init_object(Context *ctx) {
    Runtime *rt = ctx->rt;
    Object *proto = ctx_intrinsic_obj(ctx, INTR_ObjectPrototype);
    /* Same layout as class_object: only [[SetPrototypeOf]] differs. */
    if (proto->cls == &class_object) proto->cls = &class_object_prototype;
    Object *ctor = builtins_make_constructor(ctx, "Object", object_constructor, 1, proto,
                                             INTR_Object, INTR_ObjectPrototype, true);
    if (!ctor) return -1;
    if (builtins_install(ctx, ctor, object_static_props, BP_COUNT(object_static_props)) < 0)
        return -1;
    if (builtins_install(ctx, proto, object_proto_props, BP_COUNT(object_proto_props)) < 0)
        return -1;
    Value to_string;
    uint8_t attrs;
    if (!obj_lookup_own_fast(proto, KEY(rt, toString), &to_string, &attrs)) {
        throw_type_error(ctx, "init_object: Object.prototype.toString missing");
        return -1;
    }
    ctx->intrinsics[INTR_ObjProto_toString] = to_string;
    return 0;
}
