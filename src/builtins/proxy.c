/*
 * proxy.c — Proxy exotic objects and the Proxy constructor
 * (#sec-proxy-object-internal-methods-and-internal-slots, #sec-proxy-objects).
 *
 * A proxy is a ProxyObject (object.h) whose ClassDef overrides every
 * internal method through ObjectOps, plus [[Call]] / [[Construct]]; the
 * object carries OBJ_CALLABLE / OBJ_CONSTRUCTOR exactly when its target did
 * at creation (ProxyCreate step 5). Revocation sets target and handler to
 * NULL. The proxy's own Object storage (shape, slots, elements, proto) is
 * never used.
 *
 * Every internal method checks all the invariants of its clause. Two rules
 * hold throughout:
 *  - target and handler are pushed on the handle stack before any trap runs,
 *    because a trap may revoke the proxy and drop the only reference to them;
 *  - each internal method counts as a C-level re-entry (rt->native_depth):
 *    a chain of proxies recurses on the C stack, so a long chain ends in a
 *    RangeError, never a stack overflow.
 */
#include <stdlib.h>

#include "builtins/builtins.h"
#include "vm/string.h"

static void proxy_trace(Runtime *rt, Object *o) {
    ProxyObject *p = (ProxyObject *)o;
    if (p->target) gc_mark_cell(rt, &p->target->hdr);
    if (p->handler) gc_mark_cell(rt, &p->handler->hdr);
}

static bool depth_enter(Context *ctx) {
    Runtime *rt = ctx->rt;
    if (++rt->native_depth > rt->native_depth_limit) {
        rt->native_depth--;
        throw_range_error(ctx, "Maximum call stack size exceeded");
        return false;
    }
    return true;
}

static void depth_leave(Context *ctx) {
    ctx->rt->native_depth--;
}

/* Steps 1-5 common to the internal methods: ValidateNonRevokedProxy, then
 * trap = ? GetMethod(handler, name). Returns the trap (undefined when the
 * handler has none) or VAL_EXCEPTION; *target and *handler are rooted. */
static Value get_trap(Context *ctx, Object *o, PropKey name, Object **target, Object **handler) {
    ProxyObject *p = (ProxyObject *)o;
    /* ValidateNonRevokedProxy — #sec-validatenonrevokedproxy */
    if (!p->target) {
        String *s = key_to_display_string(ctx->rt, name, false);
        char *u = s ? str_to_utf8(ctx->rt, s, NULL) : NULL;
        Value r = throw_type_error(ctx, "Cannot perform '%s' on a proxy that has been revoked",
                                   u ? u : "?");
        free(u);
        return r;
    }
    *target = p->target;
    *handler = p->handler;
    gc_protect_cell(ctx->rt, &p->target->hdr);
    gc_protect_cell(ctx->rt, &p->handler->hdr);
    return GetMethod(ctx, val_from_object(p->handler), name);
}

static Value invariant_error(Context *ctx, const char *trap, const char *what) {
    return throw_type_error(ctx, "proxy '%s' trap %s", trap, what);
}

/* Property descriptor's [[Configurable]] / [[Writable]] fields. */
static inline bool desc_configurable(const PropertyDescriptor *d) {
    return d->attrs & PROP_CONFIGURABLE;
}
static inline bool desc_writable(const PropertyDescriptor *d) {
    return d->attrs & PROP_WRITABLE;
}

/* IsCompatiblePropertyDescriptor — #sec-iscompatiblepropertydescriptor */
static bool IsCompatiblePropertyDescriptor(Context *ctx, bool extensible,
                                           const PropertyDescriptor *desc,
                                           const PropertyDescriptor *current) {
    Value r = ValidateAndApplyPropertyDescriptor(ctx, NULL, KEY_NONE, extensible, desc, current);
    return r == VAL_TRUE;
}

/* [[GetPrototypeOf]] — #sec-proxy-object-internal-methods-and-internal-slots-getprototypeof */
static Value get_prototype_of_impl(Context *ctx, Object *o) {
    Object *target, *handler;
    /* 1-5. */
    Value trap = get_trap(ctx, o, KEY(ctx->rt, getPrototypeOf), &target, &handler);
    TRY(trap);
    /* 6. */
    if (val_is_undefined(trap)) return obj_get_prototype_of(ctx, target);
    /* 7. */
    Value args[1] = {val_from_object(target)};
    Value handler_proto = Call(ctx, trap, val_from_object(handler), 1, args);
    TRY(handler_proto);
    /* 8. */
    if (!val_is_object(handler_proto) && !val_is_null(handler_proto))
        return invariant_error(ctx, "getPrototypeOf", "returned neither an object nor null");
    /* 9-10. */
    Value extensible = obj_is_extensible(ctx, target);
    TRY(extensible);
    if (extensible == VAL_TRUE) return handler_proto;
    /* 11-12. */
    Value target_proto = obj_get_prototype_of(ctx, target);
    TRY(target_proto);
    if (!SameValue(handler_proto, target_proto))
        return invariant_error(ctx, "getPrototypeOf",
                               "did not return the prototype of the non-extensible target");
    /* 13. */
    return handler_proto;
}

/* [[SetPrototypeOf]] — #sec-proxy-object-internal-methods-and-internal-slots-setprototypeof-v */
static Value set_prototype_of_impl(Context *ctx, Object *o, Value v) {
    Object *target, *handler;
    Value trap = get_trap(ctx, o, KEY(ctx->rt, setPrototypeOf), &target, &handler);
    TRY(trap);
    /* 6. */
    if (val_is_undefined(trap)) return obj_set_prototype_of(ctx, target, v);
    /* 7-8. */
    Value args[2] = {val_from_object(target), v};
    Value r = Call(ctx, trap, val_from_object(handler), 2, args);
    TRY(r);
    if (!ToBoolean(r)) return VAL_FALSE;
    /* 9-10. */
    Value extensible = obj_is_extensible(ctx, target);
    TRY(extensible);
    if (extensible == VAL_TRUE) return VAL_TRUE;
    /* 11-12. */
    Value target_proto = obj_get_prototype_of(ctx, target);
    TRY(target_proto);
    if (!SameValue(v, target_proto))
        return invariant_error(ctx, "setPrototypeOf",
                               "returned true but the non-extensible target's prototype differs");
    return VAL_TRUE;
}

/* [[IsExtensible]] — #sec-proxy-object-internal-methods-and-internal-slots-isextensible */
static Value is_extensible_impl(Context *ctx, Object *o) {
    Object *target, *handler;
    Value trap = get_trap(ctx, o, KEY(ctx->rt, isExtensible), &target, &handler);
    TRY(trap);
    /* 6. */
    if (val_is_undefined(trap)) return obj_is_extensible(ctx, target);
    /* 7. */
    Value args[1] = {val_from_object(target)};
    Value r = Call(ctx, trap, val_from_object(handler), 1, args);
    TRY(r);
    bool result = ToBoolean(r);
    /* 8-9. */
    Value target_result = obj_is_extensible(ctx, target);
    TRY(target_result);
    if (result != (target_result == VAL_TRUE))
        return invariant_error(ctx, "isExtensible", "result differs from the target's");
    return val_from_bool(result);
}

/* [[PreventExtensions]] — #sec-proxy-object-internal-methods-and-internal-slots-preventextensions
 */
static Value prevent_extensions_impl(Context *ctx, Object *o) {
    Object *target, *handler;
    Value trap = get_trap(ctx, o, KEY(ctx->rt, preventExtensions), &target, &handler);
    TRY(trap);
    /* 6. */
    if (val_is_undefined(trap)) return obj_prevent_extensions(ctx, target);
    /* 7. */
    Value args[1] = {val_from_object(target)};
    Value r = Call(ctx, trap, val_from_object(handler), 1, args);
    TRY(r);
    /* 8. */
    if (ToBoolean(r)) {
        Value extensible = obj_is_extensible(ctx, target);
        TRY(extensible);
        if (extensible == VAL_TRUE)
            return invariant_error(ctx, "preventExtensions",
                                   "returned true but the target is extensible");
        return VAL_TRUE;
    }
    return VAL_FALSE;
}

/* [[GetOwnProperty]] — #sec-proxy-object-internal-methods-and-internal-slots-getownproperty-p */
static Value get_own_property_impl(Context *ctx, Object *o, PropKey k, PropertyDescriptor *desc) {
    Runtime *rt = ctx->rt;
    Object *target, *handler;
    Value trap = get_trap(ctx, o, KEY(rt, getOwnPropertyDescriptor), &target, &handler);
    TRY(trap);
    /* 6. */
    if (val_is_undefined(trap)) return obj_get_own_property(ctx, target, k, desc);
    /* 7. */
    Value kv = key_to_value(rt, k);
    TRY(kv);
    Value args[2] = {val_from_object(target), kv};
    Value result_obj = Call(ctx, trap, val_from_object(handler), 2, args);
    TRY(result_obj);
    /* 8. */
    if (!val_is_object(result_obj) && !val_is_undefined(result_obj))
        return invariant_error(ctx, "getOwnPropertyDescriptor",
                               "returned neither an object nor undefined");
    /* 9. */
    PropertyDescriptor target_desc;
    Value found = obj_get_own_property(ctx, target, k, &target_desc);
    TRY(found);
    /* 10. */
    if (val_is_undefined(result_obj)) {
        if (found == VAL_FALSE) return VAL_FALSE;
        if (!desc_configurable(&target_desc))
            return invariant_error(ctx, "getOwnPropertyDescriptor",
                                   "reported a non-configurable property as non-existent");
        Value extensible = obj_is_extensible(ctx, target);
        TRY(extensible);
        if (extensible == VAL_FALSE)
            return invariant_error(ctx, "getOwnPropertyDescriptor",
                                   "reported an existing property of a non-extensible target "
                                   "as non-existent");
        return VAL_FALSE;
    }
    /* 11. */
    Value extensible = obj_is_extensible(ctx, target);
    TRY(extensible);
    /* 12-13. */
    PropertyDescriptor result_desc;
    TRY(ToPropertyDescriptor(ctx, result_obj, &result_desc));
    CompletePropertyDescriptor(&result_desc);
    /* 14-15. */
    if (!IsCompatiblePropertyDescriptor(ctx, extensible == VAL_TRUE, &result_desc,
                                        found == VAL_TRUE ? &target_desc : NULL))
        return invariant_error(ctx, "getOwnPropertyDescriptor",
                               "returned a descriptor incompatible with the target property");
    /* 16. */
    if (!desc_configurable(&result_desc)) {
        if (found == VAL_FALSE || desc_configurable(&target_desc))
            return invariant_error(ctx, "getOwnPropertyDescriptor",
                                   "reported a property as non-configurable that is "
                                   "configurable or absent on the target");
        if ((result_desc.has & DESC_HAS_WRITABLE) && !desc_writable(&result_desc) &&
            desc_writable(&target_desc))
            return invariant_error(ctx, "getOwnPropertyDescriptor",
                                   "reported a writable target property as non-configurable "
                                   "and non-writable");
    }
    /* 17. */
    *desc = result_desc;
    return VAL_TRUE;
}

/* [[DefineOwnProperty]] —
 * #sec-proxy-object-internal-methods-and-internal-slots-defineownproperty-p-desc */
static Value define_own_property_impl(Context *ctx, Object *o, PropKey k,
                                      const PropertyDescriptor *desc) {
    Runtime *rt = ctx->rt;
    Object *target, *handler;
    Value trap = get_trap(ctx, o, KEY(rt, defineProperty), &target, &handler);
    TRY(trap);
    /* 6. */
    if (val_is_undefined(trap)) return obj_define_own_property(ctx, target, k, desc);
    /* 7. */
    Value desc_obj = FromPropertyDescriptor(ctx, desc);
    TRY(desc_obj);
    /* 8-9. */
    Value kv = key_to_value(rt, k);
    TRY(kv);
    Value args[3] = {val_from_object(target), kv, desc_obj};
    Value r = Call(ctx, trap, val_from_object(handler), 3, args);
    TRY(r);
    if (!ToBoolean(r)) return VAL_FALSE;
    /* 10-11. */
    PropertyDescriptor target_desc;
    Value found = obj_get_own_property(ctx, target, k, &target_desc);
    TRY(found);
    Value extensible = obj_is_extensible(ctx, target);
    TRY(extensible);
    /* 12-13. */
    bool setting_config_false =
        (desc->has & DESC_HAS_CONFIGURABLE) && !(desc->attrs & PROP_CONFIGURABLE);
    if (found == VAL_FALSE) {
        /* 14. */
        if (extensible == VAL_FALSE)
            return invariant_error(ctx, "defineProperty",
                                   "added a property to a non-extensible target");
        if (setting_config_false)
            return invariant_error(ctx, "defineProperty",
                                   "defined a non-configurable property absent on the target");
    } else {
        /* 15. */
        if (!IsCompatiblePropertyDescriptor(ctx, extensible == VAL_TRUE, desc, &target_desc))
            return invariant_error(ctx, "defineProperty",
                                   "accepted a descriptor incompatible with the target property");
        if (setting_config_false && desc_configurable(&target_desc))
            return invariant_error(ctx, "defineProperty",
                                   "defined a non-configurable property that is configurable "
                                   "on the target");
        if (desc_is_data(&target_desc) && !desc_configurable(&target_desc) &&
            desc_writable(&target_desc) && (desc->has & DESC_HAS_WRITABLE) &&
            !(desc->attrs & PROP_WRITABLE))
            return invariant_error(ctx, "defineProperty",
                                   "made a property non-writable that is writable on the target");
    }
    /* 16. */
    return VAL_TRUE;
}

/* [[HasProperty]] — #sec-proxy-object-internal-methods-and-internal-slots-hasproperty-p */
static Value has_property_impl(Context *ctx, Object *o, PropKey k) {
    Runtime *rt = ctx->rt;
    Object *target, *handler;
    Value trap = get_trap(ctx, o, KEY(rt, has), &target, &handler);
    TRY(trap);
    /* 6. */
    if (val_is_undefined(trap)) return obj_has_property(ctx, target, k);
    /* 7. */
    Value kv = key_to_value(rt, k);
    TRY(kv);
    Value args[2] = {val_from_object(target), kv};
    Value r = Call(ctx, trap, val_from_object(handler), 2, args);
    TRY(r);
    if (ToBoolean(r)) return VAL_TRUE;
    /* 8. */
    PropertyDescriptor target_desc;
    Value found = obj_get_own_property(ctx, target, k, &target_desc);
    TRY(found);
    if (found == VAL_TRUE) {
        if (!desc_configurable(&target_desc))
            return invariant_error(ctx, "has",
                                   "reported a non-configurable property as non-existent");
        Value extensible = obj_is_extensible(ctx, target);
        TRY(extensible);
        if (extensible == VAL_FALSE)
            return invariant_error(ctx, "has",
                                   "reported an existing property of a non-extensible target "
                                   "as non-existent");
    }
    return VAL_FALSE;
}

/* [[Get]] — #sec-proxy-object-internal-methods-and-internal-slots-get-p-receiver */
static Value get_impl(Context *ctx, Object *o, PropKey k, Value receiver) {
    Runtime *rt = ctx->rt;
    Object *target, *handler;
    Value trap = get_trap(ctx, o, KEY(rt, get), &target, &handler);
    TRY(trap);
    /* 6. */
    if (val_is_undefined(trap)) return obj_get(ctx, target, k, receiver);
    /* 7. */
    Value kv = key_to_value(rt, k);
    TRY(kv);
    Value args[3] = {val_from_object(target), kv, receiver};
    Value result = Call(ctx, trap, val_from_object(handler), 3, args);
    TRY(result);
    /* 8-9. */
    PropertyDescriptor target_desc;
    Value found = obj_get_own_property(ctx, target, k, &target_desc);
    TRY(found);
    if (found == VAL_TRUE && !desc_configurable(&target_desc)) {
        if (desc_is_data(&target_desc) && !desc_writable(&target_desc) &&
            !SameValue(result, target_desc.value))
            return invariant_error(ctx, "get",
                                   "reported a different value for a non-writable, "
                                   "non-configurable property");
        if (desc_is_accessor(&target_desc) && val_is_undefined(target_desc.getter) &&
            !val_is_undefined(result))
            return invariant_error(ctx, "get",
                                   "reported a value for a non-configurable accessor without "
                                   "a getter");
    }
    /* 10. */
    return result;
}

/* [[Set]] — #sec-proxy-object-internal-methods-and-internal-slots-set-p-v-receiver */
static Value set_impl(Context *ctx, Object *o, PropKey k, Value v, Value receiver) {
    Runtime *rt = ctx->rt;
    Object *target, *handler;
    Value trap = get_trap(ctx, o, KEY(rt, set), &target, &handler);
    TRY(trap);
    /* 6. */
    if (val_is_undefined(trap)) return obj_set(ctx, target, k, v, receiver);
    /* 7-8. */
    Value kv = key_to_value(rt, k);
    TRY(kv);
    Value args[4] = {val_from_object(target), kv, v, receiver};
    Value r = Call(ctx, trap, val_from_object(handler), 4, args);
    TRY(r);
    if (!ToBoolean(r)) return VAL_FALSE;
    /* 9-10. */
    PropertyDescriptor target_desc;
    Value found = obj_get_own_property(ctx, target, k, &target_desc);
    TRY(found);
    if (found == VAL_TRUE && !desc_configurable(&target_desc)) {
        if (desc_is_data(&target_desc) && !desc_writable(&target_desc) &&
            !SameValue(v, target_desc.value))
            return invariant_error(ctx, "set",
                                   "changed the value of a non-writable, non-configurable "
                                   "property");
        if (desc_is_accessor(&target_desc) && val_is_undefined(target_desc.setter))
            return invariant_error(ctx, "set",
                                   "set a non-configurable accessor property without a setter");
    }
    /* 11. */
    return VAL_TRUE;
}

/* [[Delete]] — #sec-proxy-object-internal-methods-and-internal-slots-delete-p */
static Value delete_impl(Context *ctx, Object *o, PropKey k) {
    Runtime *rt = ctx->rt;
    Object *target, *handler;
    Value trap = get_trap(ctx, o, KEY(rt, deleteProperty), &target, &handler);
    TRY(trap);
    /* 6. */
    if (val_is_undefined(trap)) return obj_delete(ctx, target, k);
    /* 7-8. */
    Value kv = key_to_value(rt, k);
    TRY(kv);
    Value args[2] = {val_from_object(target), kv};
    Value r = Call(ctx, trap, val_from_object(handler), 2, args);
    TRY(r);
    if (!ToBoolean(r)) return VAL_FALSE;
    /* 9-10. */
    PropertyDescriptor target_desc;
    Value found = obj_get_own_property(ctx, target, k, &target_desc);
    TRY(found);
    if (found == VAL_FALSE) return VAL_TRUE;
    /* 11. */
    if (!desc_configurable(&target_desc))
        return invariant_error(ctx, "deleteProperty",
                               "deleted a non-configurable property of the target");
    /* 12-13. */
    Value extensible = obj_is_extensible(ctx, target);
    TRY(extensible);
    if (extensible == VAL_FALSE)
        return invariant_error(ctx, "deleteProperty",
                               "deleted a property of a non-extensible target");
    return VAL_TRUE;
}

/* Lists of trap results past this length are refused (RangeError). */
#define OWN_KEYS_MAX (1u << 24)

/* CreateListFromArrayLike(obj, property-key) — #sec-createlistfromarraylike,
 * into PropKeys. NULL with an exception pending on failure. */
static ValueArray *property_key_list(Context *ctx, Value v) {
    Runtime *rt = ctx->rt;
    if (!val_is_object(v)) {
        invariant_error(ctx, "ownKeys", "returned a non-object");
        return NULL;
    }
    Object *o = val_as_object(v);
    uint64_t len;
    if (val_is_exception(LengthOfArrayLike(ctx, o, &len))) return NULL;
    if (len > OWN_KEYS_MAX) {
        throw_range_error(ctx, "proxy 'ownKeys' trap returned too many keys (%llu)",
                          (unsigned long long)len);
        return NULL;
    }
    ValueArray *list = value_array_new(rt, (uint32_t)len);
    if (!list) return NULL;
    for (uint32_t i = 0; i < len; i++) {
        Value next = Get(ctx, o, key_from_index(i));
        if (val_is_exception(next)) return NULL;
        PropKey k;
        if (val_is_string(next)) {
            k = key_from_string(rt, val_as_string(next));
            if (k == KEY_NONE) return NULL;
        } else if (val_is_symbol(next)) {
            k = key_from_symbol(val_as_symbol(next));
        } else {
            invariant_error(ctx, "ownKeys", "result contains a value that is not a property key");
            return NULL;
        }
        if (value_array_push(rt, list, (Value)k) < 0) return NULL;
    }
    return list;
}

/* [[OwnPropertyKeys]] — #sec-proxy-object-internal-methods-and-internal-slots-ownpropertykeys */
static ValueArray *own_property_keys_impl(Context *ctx, Object *o) {
    Runtime *rt = ctx->rt;
    Object *target, *handler;
    Value trap = get_trap(ctx, o, KEY(rt, ownKeys), &target, &handler);
    if (val_is_exception(trap)) return NULL;
    /* 6. */
    if (val_is_undefined(trap)) return obj_own_property_keys(ctx, target);
    /* 7-8. */
    Value args[1] = {val_from_object(target)};
    Value result_array = Call(ctx, trap, val_from_object(handler), 1, args);
    if (val_is_exception(result_array)) return NULL;
    ValueArray *result = property_key_list(ctx, result_array);
    if (!result) return NULL;
    /* 9. The keys go into a set (a null-prototype object) whose value tells
     * whether a key is still unchecked (steps 18-22). */
    Object *unchecked = obj_new(ctx, NULL);
    if (!unchecked) return NULL;
    for (uint32_t i = 0; i < result->length; i++) {
        PropKey k = result->items[i];
        if (obj_lookup_own_fast(unchecked, k, NULL, NULL)) {
            invariant_error(ctx, "ownKeys", "result contains duplicate entries");
            return NULL;
        }
        if (obj_define_data_fast(ctx, unchecked, k, VAL_TRUE, PROP_DEFAULT) < 0) return NULL;
    }
    /* 10-11. */
    Value extensible = obj_is_extensible(ctx, target);
    if (val_is_exception(extensible)) return NULL;
    ValueArray *target_keys = obj_own_property_keys(ctx, target);
    if (!target_keys) return NULL;
    /* 14-16. Configurable keys are kept at the front, non-configurable ones
     * at the back of one list. */
    uint32_t n = target_keys->length;
    ValueArray *sorted = value_array_new(rt, n ? n : 1);
    if (!sorted) return NULL;
    for (uint32_t i = 0; i < n; i++)
        sorted->items[i] = VAL_UNDEFINED; /* traced from here on */
    sorted->length = n;
    uint32_t nconf = 0, nnonconf = 0;
    for (uint32_t i = 0; i < n; i++) {
        PropKey k = target_keys->items[i];
        PropertyDescriptor d;
        Value found = obj_get_own_property(ctx, target, k, &d);
        if (val_is_exception(found)) return NULL;
        if (found == VAL_TRUE && !desc_configurable(&d))
            sorted->items[n - 1 - nnonconf++] = k;
        else
            sorted->items[nconf++] = k;
    }
    /* 17. */
    if (extensible == VAL_TRUE && nnonconf == 0) return result;
    /* 18-19. */
    uint32_t remaining = result->length;
    for (uint32_t i = nconf; i < n; i++) {
        PropKey k = sorted->items[i];
        Value cur;
        if (!obj_lookup_own_fast(unchecked, k, &cur, NULL) || cur != VAL_TRUE) {
            invariant_error(ctx, "ownKeys",
                            "result omits a non-configurable property of the "
                            "target");
            return NULL;
        }
        if (obj_define_data_fast(ctx, unchecked, k, VAL_FALSE, PROP_DEFAULT) < 0) return NULL;
        remaining--;
    }
    /* 20. */
    if (extensible == VAL_TRUE) return result;
    /* 21. */
    for (uint32_t i = 0; i < nconf; i++) {
        PropKey k = sorted->items[i];
        Value cur;
        if (!obj_lookup_own_fast(unchecked, k, &cur, NULL) || cur != VAL_TRUE) {
            invariant_error(ctx, "ownKeys", "result omits a property of the non-extensible target");
            return NULL;
        }
        if (obj_define_data_fast(ctx, unchecked, k, VAL_FALSE, PROP_DEFAULT) < 0) return NULL;
        remaining--;
    }
    /* 22. */
    if (remaining != 0) {
        invariant_error(ctx, "ownKeys", "result adds keys to a non-extensible target");
        return NULL;
    }
    /* 23. */
    return result;
}

/* [[Call]] — #sec-proxy-object-internal-methods-and-internal-slots-call-thisargument-argumentslist
 */
static Value call_impl(Context *ctx, Object *o, Value this_value, int argc, const Value *argv) {
    Object *target, *handler;
    Value trap = get_trap(ctx, o, KEY(ctx->rt, apply), &target, &handler);
    TRY(trap);
    /* 6. */
    if (val_is_undefined(trap)) return Call(ctx, val_from_object(target), this_value, argc, argv);
    /* 7. */
    Object *arg_array = CreateArrayFromList(ctx, argv, (uint32_t)argc);
    if (!arg_array) return VAL_EXCEPTION;
    /* 8. */
    Value args[3] = {val_from_object(target), this_value, val_from_object(arg_array)};
    return Call(ctx, trap, val_from_object(handler), 3, args);
}

/* [[Construct]] —
 * #sec-proxy-object-internal-methods-and-internal-slots-construct-argumentslist-newtarget */
static Value construct_impl(Context *ctx, Object *o, int argc, const Value *argv,
                            Value new_target) {
    Object *target, *handler;
    Value trap = get_trap(ctx, o, KEY(ctx->rt, construct), &target, &handler);
    TRY(trap);
    /* 7. */
    if (val_is_undefined(trap))
        return Construct(ctx, val_from_object(target), argc, argv, new_target);
    /* 8. */
    Object *arg_array = CreateArrayFromList(ctx, argv, (uint32_t)argc);
    if (!arg_array) return VAL_EXCEPTION;
    /* 9. */
    Value args[3] = {val_from_object(target), val_from_object(arg_array), new_target};
    Value new_obj = Call(ctx, trap, val_from_object(handler), 3, args);
    TRY(new_obj);
    /* 10. */
    if (!val_is_object(new_obj)) return invariant_error(ctx, "construct", "returned a non-object");
    return new_obj;
}

/* ---- the hooks: each internal method is one C-level re-entry ---- */

static Value proxy_get_prototype_of(Context *ctx, Object *o) {
    if (!depth_enter(ctx)) return VAL_EXCEPTION;
    Value r = get_prototype_of_impl(ctx, o);
    depth_leave(ctx);
    return r;
}

static Value proxy_set_prototype_of(Context *ctx, Object *o, Value proto) {
    if (!depth_enter(ctx)) return VAL_EXCEPTION;
    Value r = set_prototype_of_impl(ctx, o, proto);
    depth_leave(ctx);
    return r;
}

static Value proxy_is_extensible(Context *ctx, Object *o) {
    if (!depth_enter(ctx)) return VAL_EXCEPTION;
    Value r = is_extensible_impl(ctx, o);
    depth_leave(ctx);
    return r;
}

static Value proxy_prevent_extensions(Context *ctx, Object *o) {
    if (!depth_enter(ctx)) return VAL_EXCEPTION;
    Value r = prevent_extensions_impl(ctx, o);
    depth_leave(ctx);
    return r;
}

static Value proxy_get_own_property(Context *ctx, Object *o, PropKey k, PropertyDescriptor *desc) {
    if (!depth_enter(ctx)) return VAL_EXCEPTION;
    Value r = get_own_property_impl(ctx, o, k, desc);
    depth_leave(ctx);
    return r;
}

static Value proxy_define_own_property(Context *ctx, Object *o, PropKey k,
                                       const PropertyDescriptor *desc) {
    if (!depth_enter(ctx)) return VAL_EXCEPTION;
    Value r = define_own_property_impl(ctx, o, k, desc);
    depth_leave(ctx);
    return r;
}

static Value proxy_has_property(Context *ctx, Object *o, PropKey k) {
    if (!depth_enter(ctx)) return VAL_EXCEPTION;
    Value r = has_property_impl(ctx, o, k);
    depth_leave(ctx);
    return r;
}

static Value proxy_get(Context *ctx, Object *o, PropKey k, Value receiver) {
    if (!depth_enter(ctx)) return VAL_EXCEPTION;
    Value r = get_impl(ctx, o, k, receiver);
    depth_leave(ctx);
    return r;
}

static Value proxy_set(Context *ctx, Object *o, PropKey k, Value v, Value receiver) {
    if (!depth_enter(ctx)) return VAL_EXCEPTION;
    Value r = set_impl(ctx, o, k, v, receiver);
    depth_leave(ctx);
    return r;
}

static Value proxy_delete(Context *ctx, Object *o, PropKey k) {
    if (!depth_enter(ctx)) return VAL_EXCEPTION;
    Value r = delete_impl(ctx, o, k);
    depth_leave(ctx);
    return r;
}

static ValueArray *proxy_own_property_keys(Context *ctx, Object *o) {
    if (!depth_enter(ctx)) return NULL;
    ValueArray *r = own_property_keys_impl(ctx, o);
    depth_leave(ctx);
    return r;
}

static const ObjectOps proxy_ops = {
    .get_prototype_of = proxy_get_prototype_of,
    .set_prototype_of = proxy_set_prototype_of,
    .is_extensible = proxy_is_extensible,
    .prevent_extensions = proxy_prevent_extensions,
    .get_own_property = proxy_get_own_property,
    .define_own_property = proxy_define_own_property,
    .has_property = proxy_has_property,
    .get = proxy_get,
    .set = proxy_set,
    .delete_property = proxy_delete,
    .own_property_keys = proxy_own_property_keys,
};

static Value proxy_call(Context *ctx, Object *o, Value this_value, int argc, const Value *argv) {
    if (!depth_enter(ctx)) return VAL_EXCEPTION;
    Value r = call_impl(ctx, o, this_value, argc, argv);
    depth_leave(ctx);
    return r;
}

static Value proxy_construct(Context *ctx, Object *o, int argc, const Value *argv,
                             Value new_target) {
    if (!depth_enter(ctx)) return VAL_EXCEPTION;
    Value r = construct_impl(ctx, o, argc, argv, new_target);
    depth_leave(ctx);
    return r;
}

const ClassDef class_proxy = {
    .id = CLASS_PROXY,
    .name = "Proxy",
    .ops = &proxy_ops,
    .trace = proxy_trace,
    .call = proxy_call,
    .construct = proxy_construct,
};

/* ProxyCreate — #sec-proxycreate */
Object *ProxyCreate(Context *ctx, Value target, Value handler) {
    /* 1-2. */
    if (!val_is_object(target)) {
        throw_type_error(ctx, "Cannot create proxy with a non-object as target");
        return NULL;
    }
    if (!val_is_object(handler)) {
        throw_type_error(ctx, "Cannot create proxy with a non-object as handler");
        return NULL;
    }
    /* 3-4. */
    ProxyObject *p = (ProxyObject *)obj_alloc(ctx, &class_proxy, NULL, sizeof(ProxyObject));
    if (!p) return NULL;
    /* 5. */
    Object *t = val_as_object(target);
    if (obj_is_callable(t)) {
        p->base.hdr.flags |= OBJ_CALLABLE;
        if (obj_is_constructor(t)) p->base.hdr.flags |= OBJ_CONSTRUCTOR;
    }
    /* 6-7. */
    p->target = t;
    p->handler = val_as_object(handler);
    return &p->base;
}

/* ---- the Proxy constructor ---- */

/* Proxy ( target, handler ) — #sec-proxy-target-handler */
static Value proxy_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    if (val_is_undefined(new_target))
        return throw_type_error(ctx, "Constructor Proxy requires 'new'");
    Object *p = ProxyCreate(ctx, ARG(0), ARG(1));
    return p ? val_from_object(p) : VAL_EXCEPTION;
}

/* A revocation function: a built-in function with a [[RevocableProxy]]
 * slot (#sec-proxy-revocation-functions). */
typedef struct RevokerFunction {
    NativeFunction base;
    Object *revocable_proxy; /* NULL once used */
} RevokerFunction;

static void revoker_trace(Runtime *rt, Object *o) {
    RevokerFunction *f = (RevokerFunction *)o;
    if (f->revocable_proxy) gc_mark_cell(rt, &f->revocable_proxy->hdr);
}

/* Proxy Revocation Functions — #sec-proxy-revocation-functions */
static Value revoker_call(Context *ctx, Object *o, Value this_value, int argc, const Value *argv) {
    RevokerFunction *f = (RevokerFunction *)o;
    /* 1-3. */
    Object *p = f->revocable_proxy;
    if (!p) return VAL_UNDEFINED;
    /* 4-6. */
    f->revocable_proxy = NULL;
    ((ProxyObject *)p)->target = NULL;
    ((ProxyObject *)p)->handler = NULL;
    return VAL_UNDEFINED;
}

/* Never reached through [[Call]] (revoker_call is the class's hook); a
 * caller that invokes NativeFunction.fn directly gets a no-op. */
static Value revoker_fn(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    return VAL_UNDEFINED;
}

static const ClassDef class_proxy_revoker = {
    .id = CLASS_NATIVE_FUNCTION,
    .name = "Function",
    .trace = revoker_trace,
    .call = revoker_call,
};

/* Proxy.revocable ( target, handler ) — #sec-proxy.revocable */
static Value proxy_revocable(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    /* 1. */
    Object *p = ProxyCreate(ctx, ARG(0), ARG(1));
    if (!p) return VAL_EXCEPTION;
    /* 2-4. */
    RevokerFunction *revoker = (RevokerFunction *)obj_alloc(
        ctx, &class_proxy_revoker, ctx_intrinsic_obj(ctx, INTR_FunctionPrototype),
        sizeof(RevokerFunction));
    if (!revoker) return VAL_EXCEPTION;
    revoker->base.base.hdr.flags |= OBJ_CALLABLE;
    revoker->base.fn = revoker_fn;
    revoker->base.realm = ctx;
    if (SetFunctionLength(ctx, &revoker->base.base, 0) < 0 ||
        SetFunctionName(ctx, &revoker->base.base, KEY_NONE, NULL) < 0)
        return VAL_EXCEPTION;
    /* 5. */
    revoker->revocable_proxy = p;
    /* 6-8. */
    Object *result = obj_new_plain(ctx);
    if (!result) return VAL_EXCEPTION;
    if (obj_define_data_fast(ctx, result, KEY(rt, proxy), val_from_object(p), PROP_DEFAULT) < 0 ||
        obj_define_data_fast(ctx, result, KEY(rt, revoke), val_from_object(&revoker->base.base),
                             PROP_DEFAULT) < 0)
        return VAL_EXCEPTION;
    return val_from_object(result);
}

static const BuiltinProp proxy_ctor_props[] = {
    BP_FUNC("revocable", proxy_revocable, 2),
};

int init_proxy(Context *ctx) {
    /* The Proxy constructor has no "prototype" property (#sec-properties-of-the-proxy-constructor).
     */
    Object *ctor = builtins_make_constructor(ctx, "Proxy", proxy_constructor, 2, NULL,
                                             INTR_ProxyConstructor, INTR_ProxyConstructor, true);
    if (!ctor) return -1;
    return builtins_install(ctx, ctor, proxy_ctor_props, BP_COUNT(proxy_ctor_props));
}
