/* function.c — [[Call]] / [[Construct]] from C, built-in (native) functions,
 * bound functions, SetFunctionName / SetFunctionLength, GetFunctionRealm.
 * Bytecode closures themselves live in vm/interp.c (class_function). */
#include "vm/function.h"

#include <stdlib.h>
#include <string.h>

#include "vm/interp.h"
#include "vm/string.h"

/* ---- built-in functions ---- */

/* A built-in keeps its realm's intrinsics alive even after the realm was
 * freed (gc_mark_realm), since calling it runs in that realm. */
static void native_trace(Runtime *rt, Object *o) {
    gc_mark_realm(rt, ((NativeFunction *)o)->realm);
}

/* [[Call]] of a built-in function object —
 * #sec-built-in-function-objects-call-thisargument-argumentslist */
static Value native_call(Context *ctx, Object *f, Value this_value, int argc, const Value *argv) {
    NativeFunction *nf = (NativeFunction *)f;
    Context *realm = nf->realm ? nf->realm : ctx;
    Runtime *rt = ctx->rt;
    Context *saved = rt->current;
    rt->current = realm;
    Value r = nf->fn(realm, this_value, argc, argv, VAL_UNDEFINED, nf->magic);
    rt->current = saved;
    return r;
}

/* [[Construct]] — #sec-built-in-function-objects-construct-argumentslist-newtarget */
static Value native_construct(Context *ctx, Object *f, int argc, const Value *argv,
                              Value new_target) {
    NativeFunction *nf = (NativeFunction *)f;
    Context *realm = nf->realm ? nf->realm : ctx;
    Runtime *rt = ctx->rt;
    Context *saved = rt->current;
    rt->current = realm;
    Value r = nf->fn(realm, VAL_UNDEFINED, argc, argv, new_target, nf->magic);
    rt->current = saved;
    return r;
}

const ClassDef class_native_function = {
    .id = CLASS_NATIVE_FUNCTION,
    .name = "Function",
    .trace = native_trace,
    .call = native_call,
    .construct = native_construct,
};

/* CreateBuiltinFunction — #sec-createbuiltinfunction */
Object *CreateBuiltinFunction(Context *ctx, NativeFn fn, int length, PropKey name, int magic,
                              bool is_constructor, const char *prefix) {
    Value fp = ctx->intrinsics[INTR_FunctionPrototype];
    NativeFunction *f = (NativeFunction *)obj_alloc(ctx, &class_native_function,
                                                    val_is_object(fp) ? obj_from_value(fp) : NULL,
                                                    sizeof(NativeFunction));
    if (!f) return NULL;
    f->fn = fn;
    f->realm = ctx;
    f->magic = magic;
    f->base.hdr.flags |= OBJ_CALLABLE | (is_constructor ? OBJ_CONSTRUCTOR : 0);
    if (SetFunctionLength(ctx, &f->base, length) < 0 ||
        SetFunctionName(ctx, &f->base, name, prefix) < 0)
        return NULL;
    return &f->base;
}

/* SetFunctionName — #sec-setfunctionname */
int SetFunctionName(Context *ctx, Object *f, PropKey name, const char *prefix) {
    Runtime *rt = ctx->rt;
    String *s = name == KEY_NONE ? ATOM(rt, empty) : key_to_display_string(rt, name, true);
    if (!s) return -1;
    if (prefix && prefix[0]) {
        StringBuilder sb;
        sb_init(&sb, rt);
        sb_append_ascii(&sb, prefix);
        sb_append_unit(&sb, ' ');
        sb_append_string(&sb, s);
        s = sb_finish(&sb);
        if (!s) return -1;
    }
    return obj_define_data_fast(ctx, f, KEY(rt, name), val_from_string(s), PROP_CONFIGURABLE);
}

/* SetFunctionLength — #sec-setfunctionlength */
int SetFunctionLength(Context *ctx, Object *f, double length) {
    return obj_define_data_fast(ctx, f, KEY(ctx->rt, length), val_from_number(length),
                                PROP_CONFIGURABLE);
}

/* GetFunctionRealm — #sec-getfunctionrealm */
Context *GetFunctionRealm(Context *ctx, Object *f) {
    for (int depth = 0; depth < 100000; depth++) {
        if (obj_is_bytecode_function(f))
            return ((JSFunction *)f)->realm ? ((JSFunction *)f)->realm : ctx;
        if (f->cls == &class_native_function)
            return ((NativeFunction *)f)->realm ? ((NativeFunction *)f)->realm : ctx;
        if (f->cls == &class_bound_function) {
            Value t = ((BoundFunction *)f)->target;
            if (!val_is_object(t)) return ctx;
            f = obj_from_value(t);
            continue;
        }
        if (f->cls->id == CLASS_NATIVE_FUNCTION)
            return ((NativeFunction *)f)->realm ? ((NativeFunction *)f)->realm : ctx;
        if (f->cls->id == CLASS_PROXY) {
            /* 4. A revoked proxy throws; else the realm of its target. */
            Object *target = ((ProxyObject *)f)->target;
            if (!target) {
                throw_type_error(ctx, "Cannot get the realm of a revoked proxy");
                return NULL;
            }
            f = target;
            continue;
        }
        return ctx;
    }
    return ctx;
}

/* ---- bound functions (#sec-bound-function-exotic-objects) ---- */

static void bound_trace(Runtime *rt, Object *o) {
    BoundFunction *b = (BoundFunction *)o;
    gc_mark_value(rt, b->target);
    gc_mark_value(rt, b->bound_this);
    if (b->bound_args) gc_mark_cell(rt, &b->bound_args->hdr);
}

static BoundFunction *bound_target_of(BoundFunction *b) {
    Value t = b->target;
    if (val_is_object(t) && obj_from_value(t)->cls == &class_bound_function)
        return (BoundFunction *)obj_from_value(t);
    return NULL;
}

/* Calling a bound function whose target is itself bound is calling the inner
 * one with the outer one's arguments prepended (the outer [[BoundThis]] is
 * never seen), so a chain of any length runs without recursion: this returns
 * the innermost bound function of the chain starting at b and, in a malloc'd
 * array, the bound arguments of every link, innermost first, then argv (the
 * values stay rooted through the chain and the caller). */
static Value *bound_chain_arguments(Context *ctx, BoundFunction *b, int argc, const Value *argv,
                                    uint32_t *total, BoundFunction **innermost) {
    uint64_t n = (uint64_t)argc;
    BoundFunction *link = b;
    for (;;) {
        n += link->bound_args ? link->bound_args->length : 0;
        if (n > 0xFFFFFF) {
            throw_range_error(ctx, "Too many arguments in function call");
            return NULL;
        }
        BoundFunction *next = bound_target_of(link);
        if (!next) break;
        link = next;
    }
    *innermost = link;
    Value *all = malloc(sizeof(Value) * (n ? n : 1));
    if (!all) {
        throw_range_error(ctx, "Out of memory");
        return NULL;
    }
    size_t pos = (size_t)(n - (uint64_t)argc);
    if (argc) memcpy(all + pos, argv, sizeof(Value) * (size_t)argc);
    for (link = b; link; link = bound_target_of(link)) {
        uint32_t nb = link->bound_args ? link->bound_args->length : 0;
        pos -= nb;
        if (nb) memcpy(all + pos, link->bound_args->items, sizeof(Value) * nb);
    }
    *total = (uint32_t)n;
    return all;
}

/* [[Call]] — #sec-bound-function-exotic-objects-call-thisargument-argumentslist */
static Value bound_call(Context *ctx, Object *f, Value this_value, int argc, const Value *argv) {
    BoundFunction *inner;
    uint32_t n;
    Value *all = bound_chain_arguments(ctx, (BoundFunction *)f, argc, argv, &n, &inner);
    if (!all) return VAL_EXCEPTION;
    Value r = Call(ctx, inner->target, inner->bound_this, (int)n, all);
    free(all);
    return r;
}

/* [[Construct]] — #sec-bound-function-exotic-objects-construct-argumentslist-newtarget */
static Value bound_construct(Context *ctx, Object *f, int argc, const Value *argv,
                             Value new_target) {
    BoundFunction *inner;
    uint32_t n;
    Value *all = bound_chain_arguments(ctx, (BoundFunction *)f, argc, argv, &n, &inner);
    if (!all) return VAL_EXCEPTION;
    /* Step 5 at every link: SameValue(F, newTarget) → newTarget = target. */
    for (BoundFunction *link = (BoundFunction *)f; link; link = bound_target_of(link))
        if (val_is_object(new_target) && obj_from_value(new_target) == &link->base)
            new_target = link->target;
    Value r = Construct(ctx, inner->target, (int)n, all, new_target);
    free(all);
    return r;
}

const ClassDef class_bound_function = {
    .id = CLASS_BOUND_FUNCTION,
    .name = "Function",
    .trace = bound_trace,
    .call = bound_call,
    .construct = bound_construct,
};

/* BoundFunctionCreate — #sec-boundfunctioncreate */
Object *BoundFunctionCreate(Context *ctx, Object *target, Value bound_this, const Value *args,
                            uint32_t nargs) {
    Value proto = obj_get_prototype_of(ctx, target);
    if (val_is_exception(proto)) return NULL;
    gc_protect(ctx->rt, proto);
    ValueArray *list = value_array_new(ctx->rt, nargs ? nargs : 1);
    if (!list) return NULL;
    if (nargs) memcpy(list->items, args, sizeof(Value) * nargs);
    list->length = nargs;
    BoundFunction *b = (BoundFunction *)obj_alloc(
        ctx, &class_bound_function, val_is_object(proto) ? obj_from_value(proto) : NULL,
        sizeof(BoundFunction));
    if (!b) return NULL;
    b->target = val_from_object(target);
    b->bound_this = bound_this;
    b->bound_args = list;
    b->base.hdr.flags |= OBJ_CALLABLE;
    if (obj_is_constructor(target)) b->base.hdr.flags |= OBJ_CONSTRUCTOR;
    return &b->base;
}

/* ---- Call / Construct ---- */

static Value not_a(Context *ctx, const char *what) {
    return throw_type_error(ctx, "value is not a %s", what);
}

/* Call — #sec-call */
Value Call(Context *ctx, Value f, Value this_value, int argc, const Value *argv) {
    if (!val_is_callable(f)) return not_a(ctx, "function");
    Runtime *rt = ctx->rt;
    Object *o = obj_from_value(f);
    if (obj_is_bytecode_function(o))
        return interp_call_function(ctx, (JSFunction *)o, this_value, argc, argv, VAL_UNDEFINED,
                                    false);
    if (!o->cls->call) return not_a(ctx, "function");
    if (++rt->native_depth > rt->native_depth_limit) {
        rt->native_depth--;
        return throw_range_error(ctx, "Maximum call stack size exceeded");
    }
    Value r = o->cls->call(ctx, o, this_value, argc, argv);
    rt->native_depth--;
    if (!val_is_exception(r)) gc_protect(rt, r);
    return r;
}

/* Construct — #sec-construct */
Value Construct(Context *ctx, Value f, int argc, const Value *argv, Value new_target) {
    if (!val_is_constructor(f)) return not_a(ctx, "constructor");
    if (val_is_undefined(new_target)) new_target = f;
    Runtime *rt = ctx->rt;
    Object *o = obj_from_value(f);
    if (obj_is_bytecode_function(o)) {
        JSFunction *jf = (JSFunction *)o;
        if (jf->fb->flags & FB_DERIVED)
            return interp_call_function(ctx, jf, VAL_UNINITIALIZED, argc, argv, new_target, true);
        /* [[Construct]] of a base constructor: this is created from
         * newTarget.prototype, then the fields are initialized
         * (#sec-ecmascript-function-objects-construct-argumentslist-newtarget). */
        Object *self = OrdinaryCreateFromConstructor(ctx, new_target, INTR_ObjectPrototype,
                                                     &class_object, sizeof(Object));
        if (!self) return VAL_EXCEPTION;
        if (jf->fields && val_is_exception(interp_init_fields(ctx, self, jf))) return VAL_EXCEPTION;
        return interp_call_function(ctx, jf, val_from_object(self), argc, argv, new_target, true);
    }
    if (!o->cls->construct) return not_a(ctx, "constructor");
    if (++rt->native_depth > rt->native_depth_limit) {
        rt->native_depth--;
        return throw_range_error(ctx, "Maximum call stack size exceeded");
    }
    Value r = o->cls->construct(ctx, o, argc, argv, new_target);
    rt->native_depth--;
    if (!val_is_exception(r)) gc_protect(rt, r);
    return r;
}
