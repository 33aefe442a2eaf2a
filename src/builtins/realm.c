/*
 * realm.c — building a realm's intrinsics (#sec-createintrinsics) and the
 * table-driven installation every built-in family uses.
 *
 * Order matters: %Object.prototype% and %Function.prototype% exist before any
 * family runs, because every built-in function is created with
 * %Function.prototype% as its [[Prototype]]. The families then fill them in.
 */
#include "builtins/builtins.h"
#include "vm/function.h"
#include "vm/string.h"

/* %Function.prototype% is itself a built-in function that accepts any
 * arguments and returns undefined (#sec-properties-of-the-function-prototype-object). */
static Value function_prototype_call(Context *ctx, Value this_value, int argc, const Value *argv,
                                     Value new_target, int magic) {
    return VAL_UNDEFINED;
}

/* "[Symbol.iterator]" names a well-known symbol; anything else is an atom. */
static PropKey builtin_key(Context *ctx, const char *name) {
    Runtime *rt = ctx->rt;
    static const char *const wks_names[] = {
#define X(n) "[Symbol." #n "]",
        WELL_KNOWN_SYMBOLS(X)
#undef X
    };
    if (name[0] == '[') {
        for (int i = 0; i < WKS_COUNT; i++)
            if (strcmp(name, wks_names[i]) == 0) return key_from_symbol(rt->well_known[i]);
    }
    return key_from_cstr(rt, name);
}

int builtins_install(Context *ctx, Object *target, const BuiltinProp *props, size_t n) {
    Runtime *rt = ctx->rt;
    for (size_t i = 0; i < n; i++) {
        const BuiltinProp *p = &props[i];
        HandleMark mark = gc_scope_open(rt);
        PropKey key = builtin_key(ctx, p->name);
        if (key == KEY_NONE) goto fail;
        Value v = VAL_UNDEFINED;
        int r;
        switch ((BuiltinKind)p->kind) {
        case BP_FUNCTION: {
            Object *f = CreateBuiltinFunction(ctx, p->fn, p->length, key, p->magic, false, NULL);
            if (!f) goto fail;
            v = val_from_object(f);
            break;
        }
        case BP_ACCESSOR: {
            Value getter = VAL_UNDEFINED, setter = VAL_UNDEFINED;
            if (p->fn) {
                Object *g = CreateBuiltinFunction(ctx, p->fn, 0, key, p->magic, false, "get");
                if (!g) goto fail;
                getter = val_from_object(g);
            }
            if (p->fn2) {
                Object *s = CreateBuiltinFunction(ctx, p->fn2, 1, key, p->magic, false, "set");
                if (!s) goto fail;
                setter = val_from_object(s);
            }
            r = obj_define_accessor_fast(ctx, target, key, getter, setter, p->attrs);
            gc_scope_close(rt, mark);
            if (r < 0) return -1;
            continue;
        }
        case BP_NUMBER: v = val_from_number(p->number); break;
        case BP_STRING: {
            String *s = str_from_cstr(rt, p->string);
            if (!s) goto fail;
            v = val_from_string(s);
            break;
        }
        case BP_INTRINSIC: v = ctx->intrinsics[p->magic]; break;
        case BP_UNDEFINED: v = VAL_UNDEFINED; break;
        }
        r = obj_define_data_fast(ctx, target, key, v, p->attrs);
        gc_scope_close(rt, mark);
        if (r < 0) return -1;
        continue;
    fail:
        gc_scope_close(rt, mark);
        return -1;
    }
    return 0;
}

Object *builtins_make_constructor(Context *ctx, const char *name, NativeFn fn, int length,
                                  Object *proto, IntrinsicId ctor_id, IntrinsicId proto_id,
                                  bool global) {
    Runtime *rt = ctx->rt;
    PropKey key = key_from_cstr(rt, name);
    if (key == KEY_NONE) return NULL;
    Object *f = CreateBuiltinFunction(ctx, fn, length, key, 0, true, NULL);
    if (!f) return NULL;
    if (proto) {
        /* F.prototype: { [[Writable]]: false, [[Enumerable]]: false, [[Configurable]]: false } */
        if (obj_define_data_fast(ctx, f, KEY(rt, prototype), val_from_object(proto), 0) < 0)
            return NULL;
        if (obj_define_data_fast(ctx, proto, KEY(rt, constructor), val_from_object(f),
                                 PROP_BUILTIN) < 0)
            return NULL;
        ctx->intrinsics[proto_id] = val_from_object(proto);
    }
    ctx->intrinsics[ctor_id] = val_from_object(f);
    if (global &&
        obj_define_data_fast(ctx, ctx->global, key, val_from_object(f), PROP_BUILTIN) < 0)
        return NULL;
    return f;
}

/* CreateIntrinsics + SetDefaultGlobalBindings — #sec-createintrinsics,
 * #sec-setdefaultglobalbindings */
int realm_init_builtins(Context *ctx) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    Context *saved_current = rt->current;
    rt->current = ctx;
    int r = -1;

    Object *object_proto = obj_alloc(ctx, &class_object, NULL, sizeof(Object));
    if (!object_proto) goto done;
    ctx->intrinsics[INTR_ObjectPrototype] = val_from_object(object_proto);

    NativeFunction *fp = (NativeFunction *)obj_alloc(ctx, &class_native_function, object_proto,
                                                     sizeof(NativeFunction));
    if (!fp) goto done;
    fp->base.hdr.flags |= OBJ_CALLABLE;
    fp->fn = function_prototype_call;
    fp->realm = ctx;
    ctx->intrinsics[INTR_FunctionPrototype] = val_from_object(&fp->base);
    if (SetFunctionLength(ctx, &fp->base, 0) < 0) goto done;
    if (SetFunctionName(ctx, &fp->base, KEY(rt, empty), NULL) < 0) goto done;

    ctx->global = obj_new(ctx, object_proto);
    if (!ctx->global) goto done;

    static int (*const inits[])(Context *) = {
        init_object, init_function, init_error,  init_symbol, init_boolean,
        init_number, init_bigint, init_math,     init_string, init_array,  init_json,
        init_date,   init_global,   init_reflect, init_proxy, init_generator, init_iterator, init_map, init_set, init_weakmap,
        init_promise, init_async, init_weakref, init_regexp, init_arraybuffer, init_typedarray, init_dataview,
    };
    for (size_t i = 0; i < sizeof inits / sizeof inits[0]; i++)
        if (inits[i](ctx) < 0) goto done;
    r = 0;
done:
    rt->current = saved_current ? saved_current : ctx;
    gc_scope_close(rt, mark);
    return r;
}
