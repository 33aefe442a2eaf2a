/*
 * api.c — the public embedding API (include/mica.h) over the engine's
 * internal operations. Every value handed out is recorded in the current
 * handle scope (gc_protect); every failure leaves the exception pending.
 * Runtime and context lifecycle live in runtime.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "builtins/arraybuffer.h"
#include "builtins/builtins.h"
#include "builtins/promise.h"
#include "vm/bigint.h"
#include "vm/conv.h"
#include "vm/function.h"
#include "vm/jobs.h"
#include "vm/object.h"
#include "vm/string.h"
#include "vm/vm.h"

static mica_status status_of(Value v) { return val_is_exception(v) ? MICA_EXCEPTION : MICA_OK; }

/* Makes ctx the current realm for an API entry; returns the previous one. */
static Context *enter(Context *ctx) {
    Context *saved = ctx->rt->current;
    ctx->rt->current = ctx;
    return saved;
}
static void leave(Context *ctx, Context *saved) {
    if (saved) ctx->rt->current = saved;
}

/* ---- handle scopes -------------------------------------------------------- */

void mica_scope_open(mica_runtime *rt, mica_scope *scope) {
    scope->rt = rt;
    scope->saved = gc_scope_open(rt);
}
void mica_scope_close(mica_scope *scope) { gc_scope_close(scope->rt, scope->saved); }
mica_value mica_scope_escape(mica_scope *scope, mica_value v) {
    return gc_scope_escape(scope->rt, scope->saved, v);
}

/* ---- persistent references ------------------------------------------------ */

struct mica_persistent {
    Runtime *rt;
    Persistent *p;
};

mica_persistent *mica_persistent_new(mica_context *ctx, mica_value v) {
    mica_persistent *mp = malloc(sizeof *mp);
    if (!mp) return NULL;
    mp->rt = ctx->rt;
    mp->p = gc_persistent_new(ctx->rt, v);
    if (!mp->p) {
        free(mp);
        return NULL;
    }
    return mp;
}
mica_value mica_persistent_get(mica_persistent *p) {
    return gc_protect(p->rt, gc_persistent_get(p->p));
}
void mica_persistent_free(mica_persistent *p) {
    if (!p) return;
    gc_persistent_free(p->rt, p->p);
    free(p);
}

/* ---- compiling and running -------------------------------------------------- */

mica_status mica_compile(mica_context *ctx, const char *source, size_t length,
                         const char *filename, int flags, mica_value *script) {
    Context *saved = enter(ctx);
    Value s = vm_compile_script(ctx, source, length, filename ? filename : "<input>", flags);
    leave(ctx, saved);
    if (script) *script = val_is_exception(s) ? VAL_UNDEFINED : s;
    return status_of(s);
}

mica_status mica_run(mica_context *ctx, mica_value script, mica_value *result) {
    Context *saved = enter(ctx);
    Value r = vm_run_script(ctx, script);
    leave(ctx, saved);
    if (result) *result = val_is_exception(r) ? VAL_UNDEFINED : gc_protect(ctx->rt, r);
    return status_of(r);
}

mica_status mica_eval(mica_context *ctx, const char *source, size_t length, const char *filename,
                      int flags, mica_value *result) {
    mica_value script;
    if (result) *result = VAL_UNDEFINED;
    if (mica_compile(ctx, source, length, filename, flags, &script) != MICA_OK)
        return MICA_EXCEPTION;
    return mica_run(ctx, script, result);
}

void mica_runtime_set_module_loader(mica_runtime *rt, const mica_module_loader *loader) {
    if (loader)
        rt->module_loader = *loader;
    else
        memset(&rt->module_loader, 0, sizeof rt->module_loader);
}

void mica_dump_bytecode(mica_context *ctx, mica_value script, void *file) {
    vm_dump_script(ctx, script, file);
}

/* ---- exceptions ------------------------------------------------------------- */

int mica_has_exception(mica_context *ctx) { return ctx->rt->has_exception; }

mica_value mica_take_exception(mica_context *ctx) {
    Runtime *rt = ctx->rt;
    if (!rt->has_exception) return VAL_UNDEFINED;
    return gc_protect(rt, rt_take_exception(rt));
}

mica_status mica_throw(mica_context *ctx, mica_value exception) {
    throw_value(ctx, exception);
    return MICA_EXCEPTION;
}

static const ErrorKind api_error_kinds[] = {
    [MICA_ERROR] = ERR_ERROR,         [MICA_EVAL_ERROR] = ERR_EVAL,
    [MICA_RANGE_ERROR] = ERR_RANGE,   [MICA_REFERENCE_ERROR] = ERR_REFERENCE,
    [MICA_SYNTAX_ERROR] = ERR_SYNTAX, [MICA_TYPE_ERROR] = ERR_TYPE,
    [MICA_URI_ERROR] = ERR_URI,
};

mica_status mica_throw_error(mica_context *ctx, mica_error_kind kind, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    ErrorKind k = (unsigned)kind < sizeof api_error_kinds / sizeof api_error_kinds[0]
                      ? api_error_kinds[kind]
                      : ERR_ERROR;
    throw_errorv(ctx, k, fmt, ap);
    va_end(ap);
    return MICA_EXCEPTION;
}

/* The string form of a value for reports, without letting a throwing
 * toString escape: on failure the exception is dropped and a placeholder
 * returned. Malloc'd. */
static char *report_string(Context *ctx, Value v) {
    Runtime *rt = ctx->rt;
    String *s = NULL;
    if (val_is_symbol(v)) {
        return strdup("Symbol()");
    }
    s = ToStringS(ctx, v);
    if (!s) {
        rt_take_exception(rt);
        return strdup("<exception while converting the error to a string>");
    }
    char *out = str_to_utf8(rt, s, NULL);
    return out ? out : strdup("<out of memory>");
}

char *mica_exception_report(mica_context *ctx, mica_value exception) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    Context *saved = enter(ctx);
    /* Keep any exception pending around this call intact. */
    bool had = rt->has_exception;
    Value pending = rt->exception;
    rt->has_exception = false;
    char *out = NULL;
    if (val_is_object(exception)) {
        Object *o = obj_from_value(exception);
        Value stack = Get(ctx, o, KEY(rt, stack));
        if (val_is_exception(stack)) {
            rt_take_exception(rt);
        } else if (val_is_string(stack)) {
            out = report_string(ctx, stack);
        }
    }
    if (!out) out = report_string(ctx, exception);
    rt->has_exception = had;
    rt->exception = pending;
    leave(ctx, saved);
    gc_scope_close(rt, mark);
    return out;
}

/* ---- values --------------------------------------------------------------- */

mica_value mica_undefined(void) { return VAL_UNDEFINED; }
mica_value mica_null(void) { return VAL_NULL; }
mica_value mica_bool(int b) { return val_from_bool(b != 0); }
mica_value mica_number(double d) { return val_from_number(d); }

mica_value mica_string(mica_context *ctx, const char *utf8, size_t length) {
    String *s = str_new_utf8(ctx->rt, utf8, length);
    return s ? val_from_string(s) : VAL_UNDEFINED;
}

mica_value mica_object(mica_context *ctx) {
    Object *o = obj_new_plain(ctx);
    return o ? val_from_object(o) : VAL_UNDEFINED;
}

mica_value mica_global(mica_context *ctx) {
    return gc_protect(ctx->rt, val_from_object(ctx->global));
}

int mica_is_undefined(mica_value v) { return val_is_undefined(v); }
int mica_is_null(mica_value v) { return val_is_null(v); }
int mica_is_bool(mica_value v) { return val_is_bool(v); }
int mica_is_number(mica_value v) { return val_is_number(v); }
int mica_is_string(mica_value v) { return val_is_string(v); }
int mica_is_symbol(mica_value v) { return val_is_symbol(v); }
int mica_is_bigint(mica_value v) { return val_is_bigint(v); }
int mica_is_object(mica_value v) { return val_is_object(v); }
int mica_is_function(mica_value v) { return val_is_callable(v); }
int mica_is_error(mica_value v) {
    return val_is_object(v) && obj_class(obj_from_value(v)) == CLASS_ERROR;
}

int mica_to_bool(mica_value v) { return ToBoolean(v); }

mica_status mica_to_number(mica_context *ctx, mica_value v, double *out) {
    Context *saved = enter(ctx);
    int r = ToNumberDouble(ctx, v, out);
    leave(ctx, saved);
    return r < 0 ? MICA_EXCEPTION : MICA_OK;
}

mica_value mica_bigint_from_int64(mica_context *ctx, int64_t v) {
    Context *saved = enter(ctx);
    Value r = bigint_from_int64(ctx, v);
    leave(ctx, saved);
    return val_is_exception(r) ? VAL_UNDEFINED : r;
}

mica_value mica_bigint_from_uint64(mica_context *ctx, uint64_t v) {
    Context *saved = enter(ctx);
    Value r = bigint_from_uint64(ctx, v);
    leave(ctx, saved);
    return val_is_exception(r) ? VAL_UNDEFINED : r;
}

mica_status mica_to_bigint64(mica_context *ctx, mica_value v, int64_t *out) {
    Context *saved = enter(ctx);
    int r = ToBigInt64(ctx, v, out);
    leave(ctx, saved);
    return r < 0 ? MICA_EXCEPTION : MICA_OK;
}

mica_status mica_to_biguint64(mica_context *ctx, mica_value v, uint64_t *out) {
    Context *saved = enter(ctx);
    int r = ToBigUint64(ctx, v, out);
    leave(ctx, saved);
    return r < 0 ? MICA_EXCEPTION : MICA_OK;
}

char *mica_to_cstring(mica_context *ctx, mica_value v, size_t *length) {
    Context *saved = enter(ctx);
    String *s = ToStringS(ctx, v);
    char *out = NULL;
    if (s) {
        out = str_to_utf8(ctx->rt, s, length);
        if (!out) throw_range_error(ctx, "out of memory");
    }
    leave(ctx, saved);
    return out;
}

void mica_free(void *p) { free(p); }

/* ---- property access --------------------------------------------------------- */

static PropKey api_key(Context *ctx, const char *name) { return key_from_cstr(ctx->rt, name); }

static Value api_to_object(Context *ctx, mica_value v, Object **out) {
    Value o = ToObject(ctx, v);
    TRY(o);
    *out = obj_from_value(o);
    return o;
}

mica_status mica_get(mica_context *ctx, mica_value obj, const char *name, mica_value *out) {
    Context *saved = enter(ctx);
    Value r = VAL_EXCEPTION;
    PropKey k = api_key(ctx, name);
    if (k != KEY_NONE) r = GetV(ctx, obj, k);
    leave(ctx, saved);
    *out = val_is_exception(r) ? VAL_UNDEFINED : gc_protect(ctx->rt, r);
    return status_of(r);
}

mica_status mica_set(mica_context *ctx, mica_value obj, const char *name, mica_value v) {
    Context *saved = enter(ctx);
    Value r = VAL_EXCEPTION;
    Object *o;
    PropKey k = api_key(ctx, name);
    if (k != KEY_NONE && !val_is_exception(api_to_object(ctx, obj, &o)))
        r = Set(ctx, o, k, v, true);
    leave(ctx, saved);
    return status_of(r);
}

mica_status mica_get_index(mica_context *ctx, mica_value obj, uint32_t index, mica_value *out) {
    Context *saved = enter(ctx);
    Value r = index == UINT32_MAX ? VAL_EXCEPTION : GetV(ctx, obj, key_from_index(index));
    if (index == UINT32_MAX) {
        String *s = str_from_int(ctx->rt, index);
        PropKey k = s ? key_from_string(ctx->rt, s) : KEY_NONE;
        r = k == KEY_NONE ? VAL_EXCEPTION : GetV(ctx, obj, k);
    }
    leave(ctx, saved);
    *out = val_is_exception(r) ? VAL_UNDEFINED : gc_protect(ctx->rt, r);
    return status_of(r);
}

mica_status mica_set_index(mica_context *ctx, mica_value obj, uint32_t index, mica_value v) {
    Context *saved = enter(ctx);
    Value r = VAL_EXCEPTION;
    Object *o;
    PropKey k = key_from_index(index);
    if (index == UINT32_MAX) {
        String *s = str_from_int(ctx->rt, index);
        k = s ? key_from_string(ctx->rt, s) : KEY_NONE;
    }
    if (k != KEY_NONE && !val_is_exception(api_to_object(ctx, obj, &o)))
        r = Set(ctx, o, k, v, true);
    leave(ctx, saved);
    return status_of(r);
}

mica_status mica_define(mica_context *ctx, mica_value obj, const char *name, mica_value v) {
    Context *saved = enter(ctx);
    Value r = VAL_EXCEPTION;
    PropKey k = api_key(ctx, name);
    if (!val_is_object(obj)) {
        r = throw_type_error(ctx, "mica_define: not an object");
    } else if (k != KEY_NONE) {
        PropertyDescriptor d = desc_data(v, PROP_BUILTIN);
        r = DefinePropertyOrThrow(ctx, obj_from_value(obj), k, &d);
    }
    leave(ctx, saved);
    return status_of(r);
}

mica_status mica_call(mica_context *ctx, mica_value fn, mica_value this_value, int argc,
                      const mica_value *argv, mica_value *result) {
    Context *saved = enter(ctx);
    Value r = Call(ctx, fn, this_value, argc, argv);
    leave(ctx, saved);
    if (result) *result = val_is_exception(r) ? VAL_UNDEFINED : gc_protect(ctx->rt, r);
    return status_of(r);
}

mica_status mica_construct(mica_context *ctx, mica_value fn, int argc, const mica_value *argv,
                           mica_value *result) {
    Context *saved = enter(ctx);
    Value r;
    if (!val_is_constructor(fn))
        r = throw_type_error(ctx, "not a constructor");
    else
        r = Construct(ctx, fn, argc, argv, VAL_UNDEFINED);
    leave(ctx, saved);
    if (result) *result = val_is_exception(r) ? VAL_UNDEFINED : gc_protect(ctx->rt, r);
    return status_of(r);
}

/* ---- native functions --------------------------------------------------------- */

/* An embedder's function is a NativeFunction whose ClassDef has a [[Call]]
 * hook (which receives the function object, unlike a NativeFn); the
 * mica_native_fn and its data ride in opaque / opaque2. */
static Value embedder_call(Context *ctx, Object *f, Value this_value, int argc,
                           const Value *argv) {
    NativeFunction *nf = (NativeFunction *)f;
    mica_native_fn fn = (mica_native_fn)(uintptr_t)nf->opaque;
    mica_value result = VAL_UNDEFINED;
    Context *realm = nf->realm ? nf->realm : ctx;
    Context *saved = enter(realm);
    mica_status st = fn(realm, this_value, argc, argv, &result, nf->opaque2);
    leave(realm, saved);
    if (st != MICA_OK) {
        if (!realm->rt->has_exception)
            return throw_type_error(realm, "native function failed without an exception");
        return VAL_EXCEPTION;
    }
    return result;
}

static const ClassDef class_embedder_function = {
    .id = CLASS_NATIVE_FUNCTION,
    .name = "Function",
    .call = embedder_call,
};

mica_value mica_function(mica_context *ctx, const char *name, int length, mica_native_fn fn,
                         void *opaque) {
    Runtime *rt = ctx->rt;
    Object *proto = ctx_intrinsic_obj(ctx, INTR_FunctionPrototype);
    NativeFunction *f =
        (NativeFunction *)obj_alloc(ctx, &class_embedder_function, proto, sizeof(NativeFunction));
    if (!f) return VAL_UNDEFINED;
    f->base.hdr.flags |= OBJ_CALLABLE;
    f->fn = NULL;
    f->realm = ctx;
    f->opaque = (void *)(uintptr_t)fn;
    f->opaque2 = opaque;
    PropKey k = key_from_cstr(rt, name ? name : "");
    if (k == KEY_NONE || SetFunctionLength(ctx, &f->base, length) < 0 ||
        SetFunctionName(ctx, &f->base, k, NULL) < 0)
        return VAL_UNDEFINED;
    return val_from_object(&f->base);
}

/* ---- host objects --------------------------------------------------------------- */

typedef struct HostObject {
    Object base;
    void *data;
    mica_finalizer_fn finalize;
} HostObject;

static void host_finalize(Runtime *rt, Object *o) {
    HostObject *h = (HostObject *)o;
    if (h->finalize) h->finalize(rt, h->data);
}

static const ClassDef class_host = {
    .id = CLASS_HOST,
    .name = "Object",
    .finalize = host_finalize,
};

mica_value mica_host_object(mica_context *ctx, void *data, mica_finalizer_fn finalize) {
    HostObject *h = (HostObject *)obj_alloc(ctx, &class_host,
                                            ctx_intrinsic_obj(ctx, INTR_ObjectPrototype),
                                            sizeof(HostObject));
    if (!h) return VAL_UNDEFINED;
    h->data = data;
    h->finalize = finalize;
    return val_from_object(&h->base);
}

void *mica_host_data(mica_value v) {
    if (!val_is_object(v)) return NULL;
    Object *o = obj_from_value(v);
    return o->cls == &class_host ? ((HostObject *)o)->data : NULL;
}

/* ---- jobs and garbage collection ----------------------------------------------- */

mica_status mica_run_jobs(mica_runtime *rt, mica_context **failed_ctx) {
    Context *failed = NULL;
    int r = jobs_run(rt, &failed);
    if (failed_ctx) *failed_ctx = failed;
    return r < 0 ? MICA_EXCEPTION : MICA_OK;
}

int mica_has_pending_jobs(mica_runtime *rt) { return jobs_pending(rt) != 0; }

/* The job of mica_enqueue_job: Call(fn, undefined, « »). */
static Value microtask_job(Context *realm, const Value *args) {
    return Call(realm, args[0], VAL_UNDEFINED, 0, NULL);
}

mica_status mica_enqueue_job(mica_context *ctx, mica_value fn) {
    if (!val_is_callable(fn)) {
        throw_type_error(ctx, "the callback is not a function");
        return MICA_EXCEPTION;
    }
    return HostEnqueuePromiseJob(ctx->rt, microtask_job, ctx, fn, VAL_UNDEFINED, VAL_UNDEFINED) < 0
               ? MICA_EXCEPTION
               : MICA_OK;
}

int mica_promise_state(mica_value v) {
    return IsPromise(v) ? (int)promise_state(val_as_object(v)) : -1;
}

mica_value mica_promise_result(mica_context *ctx, mica_value v) {
    if (!IsPromise(v)) return VAL_UNDEFINED;
    return gc_protect(ctx->rt, promise_result(val_as_object(v)));
}

void mica_gc(mica_runtime *rt) { gc_collect(rt); }

mica_status mica_detach_array_buffer(mica_context *ctx, mica_value buf) {
    Context *saved = enter(ctx);
    Value r;
    if (!is_array_buffer(buf))
        r = throw_type_error(ctx, "mica_detach_array_buffer: not an ArrayBuffer");
    else
        r = DetachArrayBuffer(ctx, (ArrayBufferObject *)obj_from_value(buf));
    leave(ctx, saved);
    return status_of(r);
}
