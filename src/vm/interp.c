/* interp.c — the bytecode interpreter: VM stack, frames, the dispatch loop.
 *
 * One loop runs every bytecode frame. A call from JavaScript to a bytecode
 * function pushes a frame and continues in the same loop; only Call() /
 * Construct() from C enter the loop recursively (interp_call_function).
 * Register windows of callees start at the caller's `this` register of the
 * call, so arguments are passed in place (see interp.h).
 */
#include "vm/interp.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "builtins/iterator_ops.h"
#include "builtins/promise.h"
#include "builtins/regexp_object.h"
#include "vm/conv.h"
#include "vm/interp_ops.h"
#include "vm/module.h"
#include "vm/prop_cache.h"
#include "vm/shape.h"
#include "vm/string.h"
#include "vm/vm.h"

#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE inline
#endif

#define DEFAULT_MAX_FRAMES 10000
#define SEGMENT_VALUES (64 * 1024)
#define INTERRUPT_BUDGET 256

/* ---- VM state, stack segments and frames ---- */

int vm_init(Runtime *rt) {
    VMState *vm = calloc(1, sizeof *vm);
    if (!vm) return -1;
    vm->max_depth =
        rt->options.max_stack_frames ? (uint32_t)rt->options.max_stack_frames : DEFAULT_MAX_FRAMES;
    rt->vm = vm;
    return 0;
}

void vm_free(Runtime *rt) {
    VMState *vm = rt->vm;
    if (!vm) return;
    while (vm->seg) {
        StackSeg *p = vm->seg->prev;
        free(vm->seg);
        vm->seg = p;
    }
    free(vm->spare);
    while (vm->top) {
        Frame *p = vm->top->prev;
        free(vm->top);
        vm->top = p;
    }
    while (vm->free_frames) {
        Frame *p = vm->free_frames->prev;
        free(vm->free_frames);
        vm->free_frames = p;
    }
    free(vm);
    rt->vm = NULL;
}

void vm_trace(Runtime *rt) {
    VMState *vm = rt->vm;
    if (!vm) return;
    for (Frame *f = vm->top; f; f = f->prev) {
        if (f->fb) {
            gc_mark_cell(rt, &f->fb->hdr);
            gc_mark_values(rt, f->regs, f->fb->reg_count);
        }
        if (f->callee) gc_mark_cell(rt, &f->callee->hdr);
        if (f->coroutine) gc_mark_cell(rt, &f->coroutine->hdr);
        if (f->this_func) gc_mark_cell(rt, &f->this_func->hdr);
        if (f->env) gc_mark_cell(rt, &f->env->hdr);
        gc_mark_value(rt, f->new_target);
        if (f->extra_args) gc_mark_cell(rt, &f->extra_args->hdr);
        gc_mark_realm(rt, f->realm); /* script code of a realm freed while it runs */
    }
}

Frame *interp_current_frame(Runtime *rt) {
    return rt->vm ? rt->vm->top : NULL;
}

static StackSeg *segment_new(VMState *vm, size_t need) {
    size_t n = need + 16 > SEGMENT_VALUES ? need + 16 : SEGMENT_VALUES;
    StackSeg *s;
    if (vm->spare && (size_t)(vm->spare->end - vm->spare->values) >= need) {
        s = vm->spare;
        vm->spare = NULL;
    } else {
        s = malloc(sizeof(StackSeg) + sizeof(Value) * n);
        if (!s) return NULL;
        s->end = s->values + n;
    }
    s->top = s->values;
    s->prev = vm->seg;
    vm->seg = s;
    return s;
}

/* Places a register window of n values. window: this + arguments (copy
 * values) already in the caller's registers, used in place when the window
 * fits in the current segment, else copied into a new one; NULL: a fresh
 * window at the top of the stack. NULL on OOM. */
static Value *window_place(VMState *vm, Value *window, uint32_t copy, uint32_t n, Frame *f) {
    StackSeg *seg = vm->seg;
    if (window) {
        if (seg && window >= seg->values && window + n <= seg->end) {
            f->seg = seg;
            f->saved_top = seg->top;
            if (window + n > seg->top) seg->top = window + n;
            return window;
        }
    } else if (seg && seg->top + n <= seg->end) {
        Value *w = seg->top;
        f->seg = seg;
        f->saved_top = seg->top;
        seg->top = w + n;
        return w;
    }
    StackSeg *ns = segment_new(vm, n > copy ? n : copy);
    if (!ns) return NULL;
    if (window && copy) memcpy(ns->values, window, sizeof(Value) * copy);
    f->seg = ns;
    f->saved_top = NULL; /* owns the segment */
    ns->top = ns->values + n;
    return ns->values;
}

static ALWAYS_INLINE void window_release(VMState *vm, Frame *f) {
    if (f->saved_top) {
        f->seg->top = f->saved_top;
    } else {
        StackSeg *s = f->seg;
        vm->seg = s->prev;
        free(vm->spare);
        vm->spare = s;
    }
}

static Frame *frame_alloc(VMState *vm) {
    Frame *f = vm->free_frames;
    if (f) {
        vm->free_frames = f->prev;
    } else {
        f = malloc(sizeof(Frame));
        if (!f) return NULL;
    }
    memset(f, 0, sizeof *f);
    f->new_target = VAL_UNDEFINED;
    return f;
}

static ALWAYS_INLINE void frame_pop(Runtime *rt, VMState *vm, Frame *f) {
    window_release(vm, f);
    vm->top = f->prev;
    vm->depth--;
    if (rt->handle_count > f->handle_mark) gc_scope_close(rt, f->handle_mark);
    f->prev = vm->free_frames;
    vm->free_frames = f;
}

static Value stack_overflow(Context *ctx) {
    return throw_range_error(ctx, "Maximum call stack size exceeded");
}

/* Pushes a frame for fb. window: this + argc arguments in the caller's
 * registers; NULL: a fresh window with this_value and the arguments argv.
 * Every call goes through here, so it sets each Frame field itself instead
 * of clearing the frame first (a new Frame field must be set here too). */
static ALWAYS_INLINE Frame *frame_push(Context *ctx, FunctionBytecode *fb, Object *callee,
                                       Env *env, Value *window, const Value *argv,
                                       uint32_t argc, Value this_value, Value new_target,
                                       uint32_t flags) {
    Runtime *rt = ctx->rt;
    VMState *vm = rt->vm;
    if (unlikely(vm->depth >= vm->max_depth)) {
        stack_overflow(ctx);
        return NULL;
    }
    Frame *f = vm->free_frames;
    if (likely(f != NULL)) {
        vm->free_frames = f->prev;
    } else {
        f = malloc(sizeof(Frame));
        if (!f) {
            throw_range_error(ctx, "Out of memory");
            return NULL;
        }
    }
    uint32_t n = fb->reg_count;
    uint32_t params = fb->param_count;
    Value *regs;
    StackSeg *seg = vm->seg;
    if (window && likely(seg && window >= seg->values && window + n <= seg->end)) {
        /* The usual JS-to-JS call: the window is the caller's registers. */
        f->seg = seg;
        f->saved_top = seg->top;
        if (window + n > seg->top) seg->top = window + n;
        regs = window;
    } else {
        regs = window_place(vm, window, window ? argc + 1 : 0, n, f);
        if (!regs) {
            f->prev = vm->free_frames;
            vm->free_frames = f;
            throw_range_error(ctx, "Out of memory");
            return NULL;
        }
    }
    const Value *args = regs + 1;
    if (!window) {
        regs[0] = this_value;
        uint32_t k = argc < params ? argc : params;
        if (k && argv) memcpy(regs + 1, argv, sizeof(Value) * k);
        args = argv;
    }
    /* Arguments past the parameters become locals: keep them first. */
    ValueArray *extra = NULL;
    if (unlikely(argc > params) && (fb->flags & FB_KEEP_EXTRA_ARGS)) {
        extra = value_array_new(rt, argc - params);
        if (!extra) {
            window_release(vm, f);
            f->prev = vm->free_frames;
            vm->free_frames = f;
            return NULL;
        }
        memcpy(extra->items, args + params, sizeof(Value) * (argc - params));
        extra->length = argc - params;
    }
    /* Locals and temporaries start undefined (vm_trace scans every
     * register); two at a time, since this runs on every call. */
    Value *r = regs + 1 + (argc < params ? argc : params), *end = regs + n;
    for (; r + 2 <= end; r += 2) {
        r[0] = VAL_UNDEFINED;
        r[1] = VAL_UNDEFINED;
    }
    if (r < end) *r = VAL_UNDEFINED;
    f->prev = vm->top;
    f->fb = fb;
    f->callee = callee;
    f->this_func = callee && (fb->flags & FB_ARROW) && obj_is_bytecode_function(callee)
                       ? ((JSFunction *)callee)->this_func
                       : callee;
    f->regs = regs;
    f->pc = fb->code;
    f->env = env;
    f->new_target = new_target;
    f->extra_args = extra;
    f->realm = ctx;
    f->coroutine = NULL;
    f->handle_mark = rt->handle_count;
    f->argc = argc;
    f->env_depth = 0;
    f->ret_reg = 0;
    f->flags = flags;
    vm->top = f;
    vm->depth++;
    /* OrdinaryCallBindThis — #sec-ordinarycallbindthis */
    if ((fb->flags & (FB_STRICT | FB_ARROW | FB_USES_THIS | FB_PROGRAM)) == FB_USES_THIS) {
        Value t = regs[0];
        if (val_is_nullish(t)) {
            regs[0] = val_from_object(ctx->global);
        } else if (!val_is_object(t)) {
            Value o = ToObject(ctx, t);
            if (val_is_exception(o)) {
                frame_pop(rt, vm, f);
                return NULL;
            }
            f->regs[0] = o;
        }
    }
    return f;
}

/* ---- coroutines: suspended frames on the heap ---- */

void coroutine_trace(Runtime *rt, Object *o) {
    Coroutine *co = (Coroutine *)o;
    if (co->state != CO_SUSPENDED_START && co->state != CO_SUSPENDED_YIELD &&
        co->state != CO_SUSPENDED_AWAIT)
        return;
    SuspendedFrame *sf = &co->frame;
    gc_mark_cell(rt, &sf->fb->hdr);
    if (sf->callee) gc_mark_cell(rt, &sf->callee->hdr);
    if (sf->this_func) gc_mark_cell(rt, &sf->this_func->hdr);
    if (sf->env) gc_mark_cell(rt, &sf->env->hdr);
    gc_mark_value(rt, sf->new_target);
    if (sf->extra_args) gc_mark_cell(rt, &sf->extra_args->hdr);
    gc_mark_values(rt, sf->regs, sf->fb->reg_count);
    gc_mark_realm(rt, sf->realm);
}

void coroutine_finalize(Runtime *rt, Object *o) {
    Coroutine *co = (Coroutine *)o;
    free(co->frame.regs);
    co->frame.regs = NULL;
}

void coroutine_close(Coroutine *co) {
    co->state = CO_COMPLETED;
    free(co->frame.regs);
    memset(&co->frame, 0, sizeof co->frame);
}

/* Copies the running frame f, stopped at pc, into its coroutine. */
static void frame_save(Coroutine *co, Frame *f, const uint32_t *pc) {
    SuspendedFrame *sf = &co->frame;
    sf->fb = f->fb;
    sf->callee = f->callee;
    sf->this_func = f->this_func;
    sf->env = f->env;
    sf->new_target = f->new_target;
    sf->extra_args = f->extra_args;
    sf->realm = f->realm;
    sf->pc = (uint32_t)(pc - f->fb->code);
    sf->env_depth = f->env_depth;
    sf->argc = f->argc;
    memcpy(sf->regs, f->regs, sizeof(Value) * f->fb->reg_count);
}

/* A coroutine object of cls for the running frame f, with room for its
 * registers; state CO_COMPLETED (nothing to trace) until a suspension. */
static Coroutine *coroutine_new(Context *ctx, Frame *f, const ClassDef *cls, Object *proto,
                                size_t size) {
    Coroutine *co = (Coroutine *)obj_alloc(ctx, cls, proto, size);
    if (!co) return NULL;
    memset((char *)co + sizeof(Object), 0, size - sizeof(Object));
    co->state = CO_COMPLETED;
    co->frame.regs = malloc(sizeof(Value) * f->fb->reg_count);
    if (!co->frame.regs) {
        throw_range_error(ctx, "Out of memory");
        return NULL;
    }
    return co;
}

/* EvaluateBody of a generator (#sec-runtime-semantics-evaluategeneratorbody)
 * or async generator (#sec-runtime-semantics-evaluateasyncgeneratorbody)
 * after FunctionDeclarationInstantiation: G = OrdinaryCreateFromConstructor(
 * functionObject, "%GeneratorPrototype%" / "%AsyncGeneratorPrototype%"),
 * GeneratorStart(G, body) / AsyncGeneratorStart(G, body). */
static Value generator_create(Context *ctx, Frame *f, const uint32_t *pc) {
    bool is_async = (f->fb->flags & FB_ASYNC) != 0;
    Object *proto = GetPrototypeFromConstructor(ctx, val_from_object(f->callee),
                                                is_async ? INTR_AsyncGeneratorPrototype
                                                         : INTR_GeneratorPrototype);
    if (!proto) return VAL_EXCEPTION;
    Coroutine *co =
        is_async ? coroutine_new(ctx, f, &class_async_generator, proto, sizeof(AsyncGenerator))
                 : coroutine_new(ctx, f, &class_generator, proto, sizeof(Coroutine));
    if (!co) return VAL_EXCEPTION;
    if (is_async) {
        AsyncGenerator *ag = (AsyncGenerator *)co;
        ag->ag_state = AG_SUSPENDED_START;
        ag->queue = value_array_new(ctx->rt, 6);
        if (!ag->queue) return VAL_EXCEPTION;
    }
    frame_save(co, f, pc);
    co->state = CO_SUSPENDED_START;
    return val_from_object(&co->base);
}

/* EvaluateAsyncFunctionBody / EvaluateAsyncConciseBody step 1
 * (#sec-runtime-semantics-evaluateasyncfunctionbody): the promise
 * capability of %Promise%, kept in the frame's AsyncFunctionState. */
static int async_function_begin(Context *ctx, Frame *f) {
    AsyncFunctionState *st = (AsyncFunctionState *)coroutine_new(
        ctx, f, &class_async_function_state, NULL, sizeof(AsyncFunctionState));
    if (!st) return -1;
    st->promise = VAL_UNDEFINED;
    f->coroutine = &st->co.base;
    st->co.state = CO_EXECUTING;
    Object *p = promise_create(ctx, NULL);
    if (!p) return -1;
    st->promise = val_from_object(p);
    return 0;
}

/* ---- closures ---- */

static void function_trace(Runtime *rt, Object *o) {
    JSFunction *f = (JSFunction *)o;
    if (f->fb) gc_mark_cell(rt, &f->fb->hdr);
    if (f->env) gc_mark_cell(rt, &f->env->hdr);
    gc_mark_value(rt, f->home_object);
    if (f->fields) gc_mark_cell(rt, &f->fields->hdr);
    if (f->this_func) gc_mark_cell(rt, &f->this_func->hdr);
    gc_mark_realm(rt, f->realm); /* a freed realm's intrinsics live while its code can run */
}

const ClassDef class_function = {
    .id = CLASS_FUNCTION,
    .name = "Function",
    .trace = function_trace,
};

Object *js_function_new(Context *ctx, FunctionBytecode *fb, Env *env) {
    Runtime *rt = ctx->rt;
    bool generator = (fb->flags & FB_GENERATOR) != 0;
    bool is_async = (fb->flags & FB_ASYNC) != 0;
    IntrinsicId fp_id =
        generator
            ? (is_async ? INTR_AsyncGeneratorFunctionPrototype : INTR_GeneratorFunctionPrototype)
            : (is_async ? INTR_AsyncFunctionPrototype : INTR_FunctionPrototype);
    Value fp = ctx->intrinsics[fp_id];
    JSFunction *f = (JSFunction *)obj_alloc(
        ctx, &class_function, val_is_object(fp) ? obj_from_value(fp) : NULL, sizeof(JSFunction));
    if (!f) return NULL;
    f->fb = fb;
    f->env = env;
    f->realm = ctx;
    f->home_object = VAL_UNDEFINED;
    f->fields = NULL;
    f->this_func = NULL;
    f->base.hdr.flags |= OBJ_CALLABLE;
    bool ctor = (fb->flags & FB_CONSTRUCTOR) != 0;
    if (ctor) f->base.hdr.flags |= OBJ_CONSTRUCTOR;
    if (fb->flags & FB_CLASS_CONSTRUCTOR) f->base.hdr.flags |= OBJ_CLASS_CONSTRUCTOR;
    Object *o = &f->base;
    Value name = val_is_string(fb->name) ? fb->name : val_from_string(ATOM(rt, empty));
    /* MakeConstructor's prototype object, made when first read (see
     * VAL_LAZY_PROTOTYPE in vm/object.h). */
    bool lazy_prototype = ctor && !(fb->flags & FB_CLASS_CONSTRUCTOR) && !generator;
    if (fb->closure_shape) {
        /* The shape ("length", "name"[, "prototype"]) every closure of fb
         * starts with. */
        if (ic_grow_slots(ctx, o, 3) < 0) return NULL;
        o->slots[0] = val_from_int((int32_t)fb->length);
        o->slots[1] = name;
        if (lazy_prototype) o->slots[2] = VAL_LAZY_PROTOTYPE;
        o->shape = fb->closure_shape;
    } else {
        if (obj_define_data_fast(ctx, o, KEY(rt, length), val_from_int((int32_t)fb->length),
                                 PROP_CONFIGURABLE) < 0 ||
            obj_define_data_fast(ctx, o, KEY(rt, name), name, PROP_CONFIGURABLE) < 0 ||
            (lazy_prototype && obj_define_data_fast(ctx, o, KEY(rt, prototype),
                                                    VAL_LAZY_PROTOTYPE, PROP_WRITABLE) < 0))
            return NULL;
        if (!shape_is_dict(o->shape)) fb->closure_shape = o->shape;
    }
    if (generator) {
        /* #sec-runtime-semantics-instantiategeneratorfunctionobject: a fresh
         * prototype from %GeneratorPrototype% (%AsyncGeneratorPrototype%),
         * without "constructor". */
        Value gp =
            ctx->intrinsics[is_async ? INTR_AsyncGeneratorPrototype : INTR_GeneratorPrototype];
        Object *proto = obj_new(ctx, val_is_object(gp) ? obj_from_value(gp) : NULL);
        if (!proto || obj_define_data_fast(ctx, o, KEY(rt, prototype), val_from_object(proto),
                                           PROP_WRITABLE) < 0)
            return NULL;
    }
    return o;
}

/* MakeConstructor steps 5-6 — #sec-makeconstructor — for a closure whose
 * "prototype" slot still holds VAL_LAZY_PROTOTYPE. */
Value js_function_make_prototype(Object *o, uint32_t slot) {
    JSFunction *f = (JSFunction *)o;
    Context *ctx = f->realm;
    Runtime *rt = ctx->rt;
    Value op = ctx->intrinsics[INTR_ObjectPrototype];
    Object *proto = obj_new(ctx, val_is_object(op) ? obj_from_value(op) : NULL);
    if (!proto || obj_define_data_fast(ctx, proto, KEY(rt, constructor), val_from_object(o),
                                       PROP_BUILTIN) < 0)
        return VAL_EXCEPTION;
    o->slots[slot] = val_from_object(proto);
    return o->slots[slot];
}

/* ---- helpers of the loop ---- */

static Value not_callable_error(Context *ctx, Frame *frame, Value v, bool construct) {
    FunctionBytecode *fb = frame->fb;
    String *name = bytecode_call_name(fb, (uint32_t)(frame->pc - fb->code));
    size_t len;
    char *u = NULL;
    if (name) u = str_to_utf8(ctx->rt, name, &len);
    Value r;
    if (u)
        r = throw_type_error(ctx, "%s is not a %s", u, construct ? "constructor" : "function");
    else {
        String *d = op_value_display(ctx, v);
        char *dv = d ? str_to_utf8(ctx->rt, d, &len) : NULL;
        r = throw_type_error(ctx, "%s is not a %s", dv ? dv : "value",
                             construct ? "constructor" : "function");
        free(dv);
    }
    free(u);
    return r;
}

static Value class_call_error(Context *ctx, JSFunction *f) {
    String *name = val_is_string(f->fb->name) ? val_as_string(f->fb->name) : NULL;
    size_t len;
    char *u = name ? str_to_utf8(ctx->rt, name, &len) : NULL;
    Value r =
        throw_type_error(ctx, "Class constructor %s cannot be invoked without 'new'", u ? u : "");
    free(u);
    return r;
}

/* Calls a non-bytecode callable from the loop, in a handle scope. */
static Value call_native(Context *ctx, Object *o, Value this_value, uint32_t argc,
                         const Value *argv) {
    Runtime *rt = ctx->rt;
    HandleMark m = gc_scope_open(rt);
    Value r;
    if (o->cls->call)
        r = o->cls->call(ctx, o, this_value, (int)argc, argv);
    else
        r = Call(ctx, val_from_object(o), this_value, (int)argc, argv);
    gc_scope_close(rt, m);
    return r;
}

static Value construct_native(Context *ctx, Object *o, uint32_t argc, const Value *argv,
                              Value new_target) {
    Runtime *rt = ctx->rt;
    HandleMark m = gc_scope_open(rt);
    Value r;
    if (o->cls->construct)
        r = o->cls->construct(ctx, o, (int)argc, argv, new_target);
    else
        r = Construct(ctx, val_from_object(o), (int)argc, argv, new_target);
    gc_scope_close(rt, m);
    return r;
}

static Value tdz_error(Context *ctx, Value name) {
    size_t len;
    char *u = val_is_string(name) ? str_to_utf8(ctx->rt, val_as_string(name), &len) : NULL;
    Value r = throw_reference_error(ctx, "Cannot access '%s' before initialization", u ? u : "?");
    free(u);
    return r;
}

static Value collect_args(Context *ctx, Frame *f, uint32_t from, Value **out, bool *owned) {
    uint32_t argc = f->argc, params = f->fb->param_count;
    *owned = false;
    if (argc <= params || !f->extra_args) {
        *out = f->regs + 1 + from;
        return VAL_UNDEFINED;
    }
    Value *a = malloc(sizeof(Value) * (argc ? argc : 1));
    if (!a) return throw_range_error(ctx, "Out of memory");
    for (uint32_t i = 0; i < argc; i++)
        a[i] = i < params ? f->regs[1 + i] : f->extra_args->items[i - params];
    *out = a + from;
    *owned = true;
    return VAL_UNDEFINED;
}

static Value array_from_iterable_into(Context *ctx, Object *arr, Value iterable) {
    IteratorRecord rec;
    if (GetIterator(ctx, iterable, ITER_KIND_SYNC, &rec) < 0) return VAL_EXCEPTION;
    for (;;) {
        Value v = IteratorStepValue(ctx, &rec);
        TRY(v);
        if (v == ITER_DONE) return VAL_UNDEFINED;
        if (array_push_fast(ctx, arr, v) < 0) return VAL_EXCEPTION;
    }
}

/* The remaining values of the iterator record it[0..1] (undefined
 * iterator: done) as an array; the record is done afterwards. */
static Value iter_rest(Context *ctx, Value *it) {
    Object *arr = array_new(ctx, 0);
    if (!arr) return VAL_EXCEPTION;
    IteratorRecord rec = {it[0], it[1], false};
    if (val_is_undefined(rec.iterator)) return val_from_object(arr);
    gc_protect(ctx->rt, rec.iterator);
    it[0] = VAL_UNDEFINED;
    for (;;) {
        Value v = IteratorStepValue(ctx, &rec);
        TRY(v);
        if (v == ITER_DONE) return val_from_object(arr);
        if (array_push_fast(ctx, arr, v) < 0) return VAL_EXCEPTION;
    }
}

static Value new_regexp(Context *ctx, Value pattern, Value flags) {
    if (regexp_is_literal_cell(pattern)) return regexp_from_literal_cell(ctx, pattern);
    Value ctor = ctx->intrinsics[INTR_RegExp];
    Value args[2] = {pattern, flags};
    return Construct(ctx, ctor, 2, args, ctor);
}

/* GetTemplateObject — #sec-gettemplateobject. site: see template_site in
 * compiler/emit_expr.c. The common case (one realm) is cached in the site;
 * another realm's object is found in its [[TemplateMap]]
 * (ctx->template_registry: an array of site, object pairs). */
static Value get_template_object(Context *ctx, ValueArray *site) {
    Runtime *rt = ctx->rt;
    uint32_t n = (uint32_t)val_to_int(site->items[0]);
    Value *cache = &site->items[1 + 2 * n];
    Value site_v = val_from_cell(&site->hdr);
    if (cache[1] == val_from_object(ctx->global)) return cache[0];
    Object *registry = NULL;
    if (val_is_object(ctx->template_registry)) {
        registry = obj_from_value(ctx->template_registry);
        for (uint32_t i = 0; i + 1 < registry->elements_length; i += 2)
            if (registry->elements[i] == site_v) return registry->elements[i + 1];
    }
    Object *raw = CreateArrayFromList(ctx, site->items + 1 + n, n);
    if (!raw) return VAL_EXCEPTION;
    Object *tmpl = CreateArrayFromList(ctx, site->items + 1, n);
    if (!tmpl) return VAL_EXCEPTION;
    TRY(SetIntegrityLevel(ctx, raw, true));
    if (obj_define_data_fast(ctx, tmpl, KEY(rt, raw), val_from_object(raw), 0) < 0)
        return VAL_EXCEPTION;
    TRY(SetIntegrityLevel(ctx, tmpl, true));
    Value t = val_from_object(tmpl);
    if (val_is_undefined(cache[1])) {
        cache[0] = t;
        cache[1] = val_from_object(ctx->global);
        return t;
    }
    if (!registry) {
        registry = array_new(ctx, 0);
        if (!registry) return VAL_EXCEPTION;
        ctx->template_registry = val_from_object(registry);
    }
    if (array_push_fast(ctx, registry, site_v) < 0 || array_push_fast(ctx, registry, t) < 0)
        return VAL_EXCEPTION;
    return t;
}

static Value define_accessor(Context *ctx, Object *o, Value key, Value fn, bool getter) {
    PropKey k = ToPropertyKey(ctx, key);
    if (k == KEY_NONE) return VAL_EXCEPTION;
    if (val_is_object(fn) && obj_is_bytecode_function(obj_from_value(fn))) {
        JSFunction *f = (JSFunction *)obj_from_value(fn);
        f->home_object = val_from_object(o);
        if (val_is_string(f->fb->name) && val_as_string(f->fb->name)->length == 0 &&
            SetFunctionName(ctx, &f->base, k, getter ? "get" : "set") < 0)
            return VAL_EXCEPTION;
    }
    PropertyDescriptor d;
    memset(&d, 0, sizeof d);
    d.has = DESC_HAS_ENUMERABLE | DESC_HAS_CONFIGURABLE | (getter ? DESC_HAS_GET : DESC_HAS_SET);
    d.attrs = PROP_ENUMERABLE | PROP_CONFIGURABLE;
    d.value = VAL_UNDEFINED;
    d.getter = getter ? fn : VAL_UNDEFINED;
    d.setter = getter ? VAL_UNDEFINED : fn;
    return DefinePropertyOrThrow(ctx, o, k, &d);
}

/* ---- classes ---- */

/* ---- private names (#sec-private-names) ----
 * A Private Name is a private symbol; a private element is an own property
 * keyed by it, reached only through these operations (never through the
 * exotic hooks: a proxy keeps its own private elements). Fields are
 * writable data properties, methods non-writable ones, accessors accessor
 * properties. */

static bool val_is_private_name(Value v) {
    return val_is_symbol(v) && val_as_symbol(v)->is_private;
}

static char *private_name_utf8(Context *ctx, Value name) {
    Value d = val_as_symbol(name)->description;
    size_t len;
    return val_is_string(d) ? str_to_utf8(ctx->rt, val_as_string(d), &len) : NULL;
}

static Value private_error(Context *ctx, Value name, const char *fmt) {
    char *u = private_name_utf8(ctx, name);
    Value r = throw_type_error(ctx, fmt, u ? u : "#<private>");
    free(u);
    return r;
}

/* PrivateElementFind — #sec-privateelementfind */
static bool private_find(Value obj, Value name, Value *value, uint8_t *attrs) {
    return val_is_object(obj) &&
           obj_lookup_own_fast(obj_from_value(obj), key_from_symbol(val_as_symbol(name)), value,
                               attrs);
}

/* PrivateFieldAdd — #sec-privatefieldadd */
static Value private_field_add(Context *ctx, Object *o, Value name, Value v) {
    if (private_find(val_from_object(o), name, NULL, NULL))
        return private_error(ctx, name, "Cannot initialize %s twice on the same object");
    if (obj_define_data_fast(ctx, o, key_from_symbol(val_as_symbol(name)), v, PROP_WRITABLE) < 0)
        return VAL_EXCEPTION;
    return VAL_UNDEFINED;
}

/* PrivateMethodOrAccessorAdd — #sec-privatemethodoraccessoradd. accessor:
 * a is the getter and b the setter (either may be undefined); else a is the
 * method. */
static Value private_method_add(Context *ctx, Object *o, Value name, Value a, Value b,
                                bool accessor) {
    if (private_find(val_from_object(o), name, NULL, NULL))
        return private_error(ctx, name,
                             "Cannot initialize private methods of class %s twice on the same "
                             "object");
    PropKey k = key_from_symbol(val_as_symbol(name));
    int r = accessor ? obj_define_accessor_fast(ctx, o, k, a, b, 0)
                     : obj_define_data_fast(ctx, o, k, a, 0);
    return r < 0 ? VAL_EXCEPTION : VAL_UNDEFINED;
}

/* PrivateGet — #sec-privateget */
static Value private_get(Context *ctx, Value obj, Value name) {
    Value v;
    uint8_t attrs;
    if (!private_find(obj, name, &v, &attrs))
        return private_error(ctx, name,
                             "Cannot read private member %s from an object whose class did not "
                             "declare it");
    if (!(attrs & PROP_ACCESSOR)) return v;
    Accessor *acc = (Accessor *)val_as_cell(v);
    if (val_is_undefined(acc->getter))
        return private_error(ctx, name, "'%s' was defined without a getter");
    return Call(ctx, acc->getter, obj, 0, NULL);
}

/* PrivateSet — #sec-privateset */
static Value private_set(Context *ctx, Value obj, Value name, Value value) {
    Value v;
    uint8_t attrs;
    if (!private_find(obj, name, &v, &attrs))
        return private_error(ctx, name,
                             "Cannot write private member %s to an object whose class did not "
                             "declare it");
    if (attrs & PROP_ACCESSOR) {
        Accessor *acc = (Accessor *)val_as_cell(v);
        if (val_is_undefined(acc->setter))
            return private_error(ctx, name, "'%s' was defined without a setter");
        return Call(ctx, acc->setter, obj, 1, &value);
    }
    if (!(attrs & PROP_WRITABLE))
        return private_error(ctx, name, "Private method %s is not writable");
    if (obj_define_data_fast(ctx, obj_from_value(obj), key_from_symbol(val_as_symbol(name)), value,
                             PROP_WRITABLE) < 0)
        return VAL_EXCEPTION;
    return VAL_UNDEFINED;
}

/* Class elements are recorded as [key, a, b, kind] in JSFunction.fields. */
enum { ELEM_FIELD = 0, ELEM_METHOD = 1, ELEM_ACCESSOR = 2 };

/* DefineField — #sec-definefield (receiver o, key, initializer) */
static Value define_field(Context *ctx, Object *o, Value key, Value init) {
    Value v = VAL_UNDEFINED;
    bool names = false;
    if (val_is_object(init)) {
        Object *fo = obj_from_value(init);
        names = obj_is_bytecode_function(fo) && (((JSFunction *)fo)->fb->flags & FB_NAMES_RESULT);
        v = Call(ctx, init, val_from_object(o), 0, NULL);
        TRY(v);
    }
    bool is_private = val_is_private_name(key);
    PropKey k = KEY_NONE;
    if (!is_private) {
        k = ToPropertyKey(ctx, key);
        if (k == KEY_NONE) return VAL_EXCEPTION;
    }
    Value cur_name;
    if (names && val_is_object(v) &&
        obj_lookup_own_fast(obj_from_value(v), KEY(ctx->rt, name), &cur_name, NULL) &&
        val_is_string(cur_name) && val_as_string(cur_name)->length == 0) {
        /* NamedEvaluation of the initializer
         * (#sec-runtime-semantics-classfielddefinitionevaluation) */
        Value d = is_private ? val_as_symbol(key)->description : VAL_UNDEFINED;
        PropKey nk =
            is_private ? (val_is_string(d) ? key_from_string(ctx->rt, val_as_string(d)) : KEY_NONE)
                       : k;
        if (nk == KEY_NONE || SetFunctionName(ctx, obj_from_value(v), nk, NULL) < 0)
            return VAL_EXCEPTION;
    }
    if (is_private) return private_field_add(ctx, o, key, v);
    return CreateDataPropertyOrThrow(ctx, o, k, v);
}

/* InitializeInstanceElements — #sec-initializeinstanceelements: the private
 * methods first (they precede the fields in the list), then the fields. */
Value interp_init_fields(Context *ctx, Object *o, JSFunction *ctor) {
    ValueArray *fields = ctor->fields;
    for (uint32_t i = 0; fields && i + 3 < fields->length; i += 4) {
        Value *e = &fields->items[i];
        int32_t kind = val_to_int(e[3]);
        if (kind == ELEM_FIELD)
            TRY(define_field(ctx, o, e[0], e[1]));
        else
            TRY(private_method_add(ctx, o, e[0], e[1], e[2], kind == ELEM_ACCESSOR));
    }
    return VAL_UNDEFINED;
}

static Value add_class_element(Context *ctx, JSFunction *f, Value key, Value a, Value b,
                               int32_t kind) {
    Runtime *rt = ctx->rt;
    if (!f->fields) {
        f->fields = value_array_new(rt, 8);
        if (!f->fields) return VAL_EXCEPTION;
    }
    if (value_array_push(rt, f->fields, key) < 0 || value_array_push(rt, f->fields, a) < 0 ||
        value_array_push(rt, f->fields, b) < 0 ||
        value_array_push(rt, f->fields, val_from_int(kind)) < 0)
        return VAL_EXCEPTION;
    return VAL_UNDEFINED;
}

/* ClassDefinitionEvaluation steps 5-19 — #sec-runtime-semantics-classdefinitionevaluation */
static Value class_create(Context *ctx, Frame *frame, FunctionBytecode *fb, Value heritage,
                          bool has_heritage, Value *out) {
    Runtime *rt = ctx->rt;
    Value op = ctx->intrinsics[INTR_ObjectPrototype];
    Value fp = ctx->intrinsics[INTR_FunctionPrototype];
    Object *proto_parent = val_is_object(op) ? obj_from_value(op) : NULL;
    Object *ctor_parent = val_is_object(fp) ? obj_from_value(fp) : NULL;
    if (has_heritage) {
        if (val_is_null(heritage)) {
            proto_parent = NULL;
        } else if (!val_is_constructor(heritage)) {
            return throw_type_error(ctx, "Class extends value %s is not a constructor or null",
                                    val_is_undefined(heritage) ? "undefined" : "provided");
        } else {
            Value pp = Get(ctx, obj_from_value(heritage), KEY(rt, prototype));
            TRY(pp);
            if (!val_is_object(pp) && !val_is_null(pp))
                return throw_type_error(
                    ctx, "Class extends value does not have valid prototype property");
            proto_parent = val_is_object(pp) ? obj_from_value(pp) : NULL;
            ctor_parent = obj_from_value(heritage);
        }
    }
    Object *proto = obj_new(ctx, proto_parent);
    if (!proto) return VAL_EXCEPTION;
    out[1] = val_from_object(proto);
    Object *f = js_function_new(ctx, fb, frame->env);
    if (!f) return VAL_EXCEPTION;
    out[0] = val_from_object(f);
    f->proto = ctor_parent;
    ((JSFunction *)f)->home_object = val_from_object(proto);
    if (obj_define_data_fast(ctx, f, KEY(rt, prototype), val_from_object(proto), 0) < 0 ||
        obj_define_data_fast(ctx, proto, KEY(rt, constructor), val_from_object(f), PROP_BUILTIN) <
            0)
        return VAL_EXCEPTION;
    return VAL_UNDEFINED;
}

static Value define_method(Context *ctx, Object *o, Value key, Value fn, uint32_t kind) {
    PropKey k = ToPropertyKey(ctx, key);
    if (k == KEY_NONE) return VAL_EXCEPTION;
    if (val_is_object(fn) && obj_is_bytecode_function(obj_from_value(fn))) {
        JSFunction *f = (JSFunction *)obj_from_value(fn);
        f->home_object = val_from_object(o);
        if (val_is_string(f->fb->name) && val_as_string(f->fb->name)->length == 0 &&
            SetFunctionName(ctx, &f->base, k,
                            kind == 1   ? "get"
                            : kind == 2 ? "set"
                                        : NULL) < 0)
            return VAL_EXCEPTION;
    }
    PropertyDescriptor d;
    memset(&d, 0, sizeof d);
    d.value = d.getter = d.setter = VAL_UNDEFINED;
    if (kind == 0) {
        d = desc_data(fn, PROP_WRITABLE | PROP_CONFIGURABLE);
    } else {
        d.has =
            DESC_HAS_ENUMERABLE | DESC_HAS_CONFIGURABLE | (kind == 1 ? DESC_HAS_GET : DESC_HAS_SET);
        d.attrs = PROP_CONFIGURABLE;
        if (kind == 1)
            d.getter = fn;
        else
            d.setter = fn;
    }
    return DefinePropertyOrThrow(ctx, o, k, &d);
}

static Value run_static(Context *ctx, Object *f, Object *list) {
    uint32_t n = array_length(list);
    for (uint32_t i = 0; i + 1 < n && i + 1 < list->elements_length; i += 2) {
        Value key = list->elements[i], fn = list->elements[i + 1];
        if (val_is_undefined(key)) {
            TRY(Call(ctx, fn, val_from_object(f), 0, NULL));
            continue;
        }
        TRY(define_field(ctx, f, key, fn));
    }
    return VAL_UNDEFINED;
}

static Value super_construct(Context *ctx, Frame *frame, uint32_t argc, const Value *argv,
                             Value new_target) {
    if (!frame->this_func) return throw_syntax_error(ctx, "'super' keyword unexpected here");
    Value parent = obj_get_prototype_of(ctx, frame->this_func);
    TRY(parent);
    if (!val_is_constructor(parent))
        return throw_type_error(ctx, "Super constructor is not a constructor");
    return Construct(ctx, parent, (int)argc, argv, new_target);
}

static Value home_proto(Context *ctx, Frame *frame) {
    Value home = VAL_UNDEFINED;
    if (frame->this_func && obj_is_bytecode_function(frame->this_func))
        home = ((JSFunction *)frame->this_func)->home_object;
    if (!val_is_object(home)) return throw_syntax_error(ctx, "'super' keyword unexpected here");
    return obj_get_prototype_of(ctx, obj_from_value(home));
}

/* One step of yield* — #sec-generator-function-definitions-runtime-semantics-evaluation
 * (YieldExpression : yield * AssignmentExpression, step 7). it[0..3] hold
 * the iterator, its next method, the received value and the ResumeMode.
 * Returns the inner result object to yield, or (*done) the value the
 * delegation ends with: the yield* value, or for a return() resumption the
 * value to return with (it[3] still RESUME_RETURN). */
static Value yield_star_step(Context *ctx, Value *it, bool *done) {
    Runtime *rt = ctx->rt;
    Value iterator = it[0], received = it[2];
    int32_t mode = val_to_int(it[3]);
    Value inner;
    *done = false;
    if (mode == RESUME_NEXT) {
        inner = Call(ctx, it[1], iterator, 1, &received);
    } else {
        PropKey k = mode == RESUME_THROW ? KEY(rt, throw) : KEY(rt, return );
        Value m = GetMethod(ctx, iterator, k);
        TRY(m);
        if (val_is_undefined(m)) {
            if (mode == RESUME_RETURN) {
                *done = true;
                return received;
            }
            /* NOTE: the delegate lacks throw(): close it, then a TypeError. */
            IteratorRecord rec = {iterator, it[1], false};
            TRY(IteratorClose(ctx, &rec, VAL_UNDEFINED));
            return throw_type_error(ctx, "The iterator does not provide a 'throw' method");
        }
        inner = Call(ctx, m, iterator, 1, &received);
    }
    TRY(inner);
    if (!val_is_object(inner)) return throw_type_error(ctx, "Iterator result is not an object");
    Value complete = IteratorComplete(ctx, inner);
    TRY(complete);
    if (complete == VAL_TRUE) {
        *done = true;
        return IteratorValue(ctx, inner);
    }
    return inner;
}

/* The call of one step of an async generator's yield* —
 * #sec-generator-function-definitions-runtime-semantics-evaluation, step 8
 * with generatorKind async, up to the Await: it[0..3] as for
 * yield_star_step. Returns what next / throw / return gave, or VAL_EMPTY
 * when the delegate lacks throw or return (8.b.iii, 8.c.iii). */
static Value async_yield_star_call(Context *ctx, Value *it) {
    Runtime *rt = ctx->rt;
    Value iterator = it[0], received = it[2];
    int32_t mode = val_to_int(it[3]);
    if (mode == RESUME_NEXT) return Call(ctx, it[1], iterator, 1, &received);
    Value m = GetMethod(ctx, iterator, mode == RESUME_THROW ? KEY(rt, throw) : KEY(rt, return ));
    TRY(m);
    if (val_is_undefined(m)) return VAL_EMPTY;
    return Call(ctx, m, iterator, 1, &received);
}

/* ---- the loop ---- */

static Value run(Context *ctx, Frame *frame);

Value interp_run_code(Context *ctx, FunctionBytecode *fb, Env *env, Value this_value,
                      uint32_t frame_flags) {
    Runtime *rt = ctx->rt;
    if (++rt->native_depth > rt->native_depth_limit) {
        rt->native_depth--;
        return stack_overflow(ctx);
    }
    Frame *f = frame_push(ctx, fb, NULL, env, NULL, NULL, 0, this_value, VAL_UNDEFINED,
                          frame_flags | FRAME_ENTRY);
    Value r = f ? run(ctx, f) : VAL_EXCEPTION;
    rt->native_depth--;
    if (!val_is_exception(r)) gc_protect(rt, r);
    return r;
}

Value interp_call_function(Context *ctx, JSFunction *fn, Value this_value, int argc,
                           const Value *argv, Value new_target, bool construct) {
    Runtime *rt = ctx->rt;
    Context *realm = fn->realm ? fn->realm : ctx;
    FunctionBytecode *fb = fn->fb;
    if (!construct && (fb->flags & FB_CLASS_CONSTRUCTOR)) return class_call_error(realm, fn);
    if (++rt->native_depth > rt->native_depth_limit) {
        rt->native_depth--;
        return stack_overflow(ctx);
    }
    Frame *f = frame_push(realm, fb, &fn->base, fn->env, NULL, argv, (uint32_t)argc, this_value,
                          new_target, FRAME_ENTRY | (construct ? FRAME_CONSTRUCT : 0));
    Value r = f ? run(realm, f) : VAL_EXCEPTION;
    rt->native_depth--;
    if (!val_is_exception(r)) gc_protect(rt, r);
    return r;
}

/* GeneratorResume / GeneratorResumeAbrupt's resumption of the frame —
 * #sec-generatorresume: the saved frame goes back onto the VM stack and the
 * suspending instruction receives (value, mode). */
Value interp_resume(Context *ctx, Coroutine *co, Value value, ResumeMode mode) {
    Runtime *rt = ctx->rt;
    VMState *vm = rt->vm;
    SuspendedFrame *sf = &co->frame;
    FunctionBytecode *fb = sf->fb;
    if (vm->depth >= vm->max_depth) return stack_overflow(ctx);
    if (++rt->native_depth > rt->native_depth_limit) {
        rt->native_depth--;
        return stack_overflow(ctx);
    }
    Frame *f = frame_alloc(vm);
    Value *regs = f ? window_place(vm, NULL, 0, fb->reg_count, f) : NULL;
    if (!regs) {
        if (f) {
            f->prev = vm->free_frames;
            vm->free_frames = f;
        }
        rt->native_depth--;
        return throw_range_error(ctx, "Out of memory");
    }
    memcpy(regs, sf->regs, sizeof(Value) * fb->reg_count);
    f->prev = vm->top;
    f->fb = fb;
    f->callee = sf->callee;
    f->coroutine = &co->base;
    f->this_func = sf->this_func;
    f->regs = regs;
    f->env = sf->env;
    f->new_target = sf->new_target;
    f->extra_args = sf->extra_args;
    f->realm = sf->realm;
    f->handle_mark = rt->handle_count;
    f->argc = sf->argc;
    f->env_depth = sf->env_depth;
    f->flags = FRAME_ENTRY;
    const uint32_t *pc = fb->code + sf->pc;
    if (*pc == OP_YIELD || *pc == OP_AWAIT) {
        regs[pc[1]] = value;
        regs[pc[1] + 1] = val_from_int((int32_t)mode);
    }
    f->pc = pc + opcode_lengths[*pc];
    vm->top = f;
    vm->depth++;
    co->state = CO_EXECUTING;
    Value r = run(sf->realm, f);
    rt->native_depth--;
    if (!val_is_exception(r)) gc_protect(rt, r);
    return r;
}

#if defined(__GNUC__)
#define USE_COMPUTED_GOTO 1
#endif

#define LOAD_FRAME(f)                                                                              \
    do {                                                                                           \
        frame = (f);                                                                               \
        fb = frame->fb;                                                                            \
        regs = frame->regs;                                                                        \
        consts = fb->consts;                                                                       \
        pc = frame->pc;                                                                            \
        ctx = frame->realm;                                                                        \
        rt->current = ctx;                                                                         \
    } while (0)

#define STRICT() ((fb->flags & FB_STRICT) != 0)
#define ATOM_AT(i) val_as_string(consts[pc[i]])
#define JUMP_TO(off)                                                                               \
    do {                                                                                           \
        int32_t off_ = (int32_t)(off);                                                             \
        if (off_ <= 0) {                                                                           \
            if (rt->handle_count > frame->handle_mark) gc_scope_close(rt, frame->handle_mark);     \
            if (unlikely(--budget <= 0)) {                                                         \
                budget = INTERRUPT_BUDGET;                                                         \
                if (rt_check_interrupt(ctx) < 0) goto exception;                                   \
            }                                                                                      \
        }                                                                                          \
        pc += off_;                                                                                \
        DISPATCH();                                                                                \
    } while (0)
#define CHECK(v)                                                                                   \
    do {                                                                                           \
        if (unlikely(val_is_exception(v))) goto exception;                                         \
    } while (0)

#ifdef USE_COMPUTED_GOTO
#define DISPATCH()                                                                                 \
    do {                                                                                           \
        frame->pc = pc;                                                                            \
        goto *dispatch_table[*pc];                                                                 \
    } while (0)
#define CASE(name) L_##name:
#else
#define DISPATCH() goto dispatch
#define CASE(name) case OP_##name:
#endif
#define NEXT(name)                                                                                 \
    do {                                                                                           \
        pc += OPLEN_##name;                                                                        \
        DISPATCH();                                                                                \
    } while (0)

/* Int32 fast paths. */
#define BINARY_INT_OP(name, expr_int, slow)                                                        \
    CASE(name) {                                                                                   \
        Value a = regs[pc[2]], b = regs[pc[3]];                                                    \
        if (likely(val_is_int(a) && val_is_int(b))) {                                              \
            int32_t x = val_to_int(a), y = val_to_int(b);                                          \
            expr_int;                                                                              \
        } else {                                                                                   \
            Value r = slow;                                                                        \
            CHECK(r);                                                                              \
            regs[pc[1]] = r;                                                                       \
        }                                                                                          \
        NEXT(name);                                                                                \
    }

/* IsStrictlyEqual — #sec-isstrictlyequal — without a call for identical
 * values (other than NaN) and for ints, specials and objects. */
static inline bool strict_equal(Value a, Value b) {
    if (a == b) return !val_is_double(a) || val_num(a) == val_num(a);
    uint32_t ta = val_tag(a), tb = val_tag(b);
    if (ta >= TAG_INT && ta <= TAG_OBJECT && tb >= TAG_INT && tb <= TAG_OBJECT) return false;
    return IsStrictlyEqual(a, b);
}

/* IsLooselyEqual when both operands are objects, null or undefined (1 or
 * 0; no conversion can run), else -1. An [[IsHTMLDDA]] object is loosely
 * equal to null and undefined (#sec-IsHTMLDDA-internal-slot-aec). */
static inline int loose_equal_objects(Value a, Value b) {
    bool ao = val_is_object(a), bo = val_is_object(b);
    if (ao && bo) return a == b;
    if (ao && val_is_nullish(b)) return (obj_from_value(a)->hdr.flags & OBJ_HTMLDDA) != 0;
    if (bo && val_is_nullish(a)) return (obj_from_value(b)->hdr.flags & OBJ_HTMLDDA) != 0;
    if (val_is_nullish(a) && val_is_nullish(b)) return 1;
    return -1;
}

/* InstanceofOperator(v, target) — #sec-instanceofoperator — when it can be
 * decided without running code or throwing: target is a bytecode function
 * whose [[Prototype]] is this realm's %Function.prototype% and which has no
 * own @@hasInstance, so GetMethod finds %Function.prototype%[@@hasInstance]
 * (non-writable and non-configurable), i.e. OrdinaryHasInstance; its own
 * "prototype" is an object, and v's prototype chain has no exotic
 * [[GetPrototypeOf]]. Returns 1 or 0, or -1 for the full algorithm. */
/* The own data property "prototype" of bytecode function f, or VAL_EMPTY
 * when it is missing or an accessor. No code runs: the value of
 * Get(f, "prototype") for an ordinary f that has such a property. The slot
 * is cached in f's FunctionBytecode, keyed by f's shape. */
static inline Value function_own_prototype(Runtime *rt, JSFunction *f) {
    Object *o = &f->base;
    FunctionBytecode *fb = f->fb;
    if (o->shape == fb->prototype_shape && fb->prototype_shape) {
        Value v = o->slots[fb->prototype_slot];
        return v == VAL_LAZY_PROTOTYPE ? VAL_EMPTY : v;
    }
    uint32_t slot;
    uint8_t attrs;
    if (!o->shape || !shape_lookup(o->shape, KEY(rt, prototype), &slot, &attrs) ||
        (attrs & PROP_ACCESSOR))
        return VAL_EMPTY;
    if (!shape_is_dict(o->shape) &&
        !shape_lookup(o->shape, KEY_SYM(rt, hasInstance), &(uint32_t){0}, &(uint8_t){0})) {
        fb->prototype_shape = o->shape;
        fb->prototype_slot = slot;
    }
    return o->slots[slot] == VAL_LAZY_PROTOTYPE ? VAL_EMPTY : o->slots[slot];
}

static int instanceof_fast(Context *ctx, Value v, Value target) {
    if (!val_is_object(target)) return -1;
    Object *c = obj_from_value(target);
    if (c->cls != &class_function || !c->shape || shape_is_dict(c->shape) ||
        val_from_object(c->proto) != ctx->intrinsics[INTR_FunctionPrototype])
        return -1;
    /* A hit in function_own_prototype's cache proves there is no own
     * @@hasInstance (it records only shapes without one). */
    JSFunction *f = (JSFunction *)c;
    Value pv = function_own_prototype(ctx->rt, f);
    if (c->shape != f->fb->prototype_shape || !val_is_object(pv)) return -1;
    if (!val_is_object(v)) return 0;
    Object *p = obj_from_value(pv);
    for (Object *o = obj_from_value(v);;) {
        if (o->cls->ops && o->cls->ops->get_prototype_of) return -1;
        o = o->proto;
        if (!o) return 0;
        if (o == p) return 1;
    }
}

static Value run(Context *ctx, Frame *frame) {
    Runtime *rt = ctx->rt;
    VMState *vm = rt->vm;
    Context *saved_current = rt->current;
    FunctionBytecode *fb;
    Value *regs;
    Value *consts;
    const uint32_t *pc;
    int budget = INTERRUPT_BUDGET;
    Value result;
    bool threw; /* do_finish: result is an async body's exception */
    LOAD_FRAME(frame);

#ifdef USE_COMPUTED_GOTO
    static const void *const dispatch_table[OP_COUNT] = {
#define OP(name, fmt, desc) &&L_##name,
#include "compiler/bytecode.def"
#undef OP
    };
    DISPATCH();
#else
dispatch:
    frame->pc = pc;
    switch ((Opcode)*pc) {
#endif

    CASE(NOP) NEXT(NOP);
    CASE(DEBUGGER) NEXT(DEBUGGER);
    CASE(MOV) {
        regs[pc[1]] = regs[pc[2]];
        NEXT(MOV);
    }
    CASE(LOAD_UNDEF) {
        regs[pc[1]] = VAL_UNDEFINED;
        NEXT(LOAD_UNDEF);
    }
    CASE(LOAD_NULL) {
        regs[pc[1]] = VAL_NULL;
        NEXT(LOAD_NULL);
    }
    CASE(LOAD_TRUE) {
        regs[pc[1]] = VAL_TRUE;
        NEXT(LOAD_TRUE);
    }
    CASE(LOAD_FALSE) {
        regs[pc[1]] = VAL_FALSE;
        NEXT(LOAD_FALSE);
    }
    CASE(LOAD_INT) {
        regs[pc[1]] = val_from_int((int32_t)pc[2]);
        NEXT(LOAD_INT);
    }
    CASE(LOAD_CONST) {
        regs[pc[1]] = consts[pc[2]];
        NEXT(LOAD_CONST);
    }
    CASE(LOAD_UNINIT) {
        regs[pc[1]] = VAL_UNINITIALIZED;
        NEXT(LOAD_UNINIT);
    }
    CASE(CHECK_TDZ) {
        if (unlikely(regs[pc[1]] == VAL_UNINITIALIZED)) {
            tdz_error(ctx, consts[pc[2]]);
            goto exception;
        }
        NEXT(CHECK_TDZ);
    }
    CASE(THROW_CONST) {
        throw_type_error(ctx, "Assignment to constant variable.");
        goto exception;
    }
    CASE(GET_CALLEE) {
        regs[pc[1]] = frame->callee ? val_from_object(frame->callee) : VAL_UNDEFINED;
        NEXT(GET_CALLEE);
    }
    CASE(GET_NEW_TARGET) {
        regs[pc[1]] = frame->new_target;
        NEXT(GET_NEW_TARGET);
    }
    CASE(GET_GLOBAL_THIS) {
        regs[pc[1]] = val_from_object(ctx->global);
        NEXT(GET_GLOBAL_THIS);
    }
    CASE(GET_THIS_DYN) {
        Value r = op_get_this_dyn(ctx, frame->env, ATOM_AT(2));
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(GET_THIS_DYN);
    }

    /* ---- environments ---- */
    CASE(PUSH_ENV) {
        ValueArray *desc = (ValueArray *)val_as_cell(consts[pc[1]]);
        Env *e = env_new(rt, frame->env, desc, desc->length / 2, (uint16_t)pc[2]);
        if (!e) goto exception;
        frame->env = e;
        frame->env_depth++;
        NEXT(PUSH_ENV);
    }
    CASE(POP_ENV) {
        frame->env = frame->env->parent;
        frame->env_depth--;
        NEXT(POP_ENV);
    }
    CASE(COPY_ENV) {
        Env *e = env_copy(rt, frame->env);
        if (!e) goto exception;
        frame->env = e;
        NEXT(COPY_ENV);
    }
    CASE(PUSH_WITH) {
        Value o = ToObject(ctx, regs[pc[1]]);
        CHECK(o);
        Env *e = env_new_with(rt, frame->env, obj_from_value(o));
        if (!e) goto exception;
        frame->env = e;
        frame->env_depth++;
        NEXT(PUSH_WITH);
    }
    CASE(GET_ENV) {
        Env *e = frame->env;
        for (uint32_t h = pc[2]; h; h--)
            e = e->parent;
        regs[pc[1]] = e->slots[pc[3]];
        NEXT(GET_ENV);
    }
    CASE(GET_ENV_CHECK) {
        Env *e = frame->env;
        for (uint32_t h = pc[2]; h; h--)
            e = e->parent;
        Value v = e->slots[pc[3]];
        if (unlikely(v == VAL_UNINITIALIZED)) {
            tdz_error(ctx, consts[pc[4]]);
            goto exception;
        }
        regs[pc[1]] = v;
        NEXT(GET_ENV_CHECK);
    }
    CASE(PUT_ENV) {
        Env *e = frame->env;
        for (uint32_t h = pc[1]; h; h--)
            e = e->parent;
        e->slots[pc[2]] = regs[pc[3]];
        NEXT(PUT_ENV);
    }
    CASE(PUT_ENV_CHECK) {
        Env *e = frame->env;
        for (uint32_t h = pc[1]; h; h--)
            e = e->parent;
        if (unlikely(e->slots[pc[2]] == VAL_UNINITIALIZED)) {
            tdz_error(ctx, consts[pc[4]]);
            goto exception;
        }
        e->slots[pc[2]] = regs[pc[3]];
        NEXT(PUT_ENV_CHECK);
    }
    CASE(GET_IMPORT) {
        Env *e = frame->env;
        for (uint32_t h = pc[2]; h; h--)
            e = e->parent;
        Value v = module_read_import(ctx, e->slots[pc[3]], ATOM_AT(4));
        CHECK(v);
        regs[pc[1]] = v;
        NEXT(GET_IMPORT);
    }
    CASE(IMPORT_META) {
        Value v = module_import_meta(ctx, fb);
        CHECK(v);
        regs[pc[1]] = v;
        NEXT(IMPORT_META);
    }
    CASE(DYNAMIC_IMPORT) {
        uint32_t line = 0, column = 0;
        bytecode_position(fb, (uint32_t)(pc - fb->code), &line, &column);
        Value v = module_dynamic_import(ctx, fb, regs[pc[2]], regs[pc[2] + 1], (int)line,
                                        (int)column);
        CHECK(v);
        regs[pc[1]] = v;
        NEXT(DYNAMIC_IMPORT);
    }

    /* ---- names ---- */
    CASE(GET_GLOBAL) {
        InlineCache *ic = &fb->ics[pc[3]];
        Object *g = ctx->global;
        PropKey k = key_from_atom(ATOM_AT(2));
        if (shape_ic_hit(g, ic->shape, ic->slot, k, false)) {
            regs[pc[1]] = g->slots[ic->slot];
            NEXT(GET_GLOBAL);
        }
        Value r = op_get_global(ctx, ATOM_AT(2), ic, false);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(GET_GLOBAL);
    }
    CASE(TYPEOF_GLOBAL) {
        Value r = op_get_global(ctx, ATOM_AT(2), NULL, true);
        CHECK(r);
        regs[pc[1]] = op_typeof(ctx, r);
        NEXT(TYPEOF_GLOBAL);
    }
    CASE(PUT_GLOBAL) {
        InlineCache *ic = &fb->ics[pc[3]];
        Object *g = ctx->global;
        PropKey k = key_from_atom(ATOM_AT(1));
        if (shape_ic_hit(g, ic->shape, ic->slot, k, true)) {
            GC_WRITE_BARRIER(ctx->rt, g, regs[pc[2]]);
            g->slots[ic->slot] = regs[pc[2]];
            NEXT(PUT_GLOBAL);
        }
        Value r = op_put_global(ctx, ATOM_AT(1), regs[pc[2]], ic, STRICT());
        CHECK(r);
        NEXT(PUT_GLOBAL);
    }
    CASE(INIT_GLOBAL_LEX) {
        Value r = op_init_global_lex(ctx, ATOM_AT(1), regs[pc[2]]);
        CHECK(r);
        NEXT(INIT_GLOBAL_LEX);
    }
    CASE(GET_NAME) {
        Value r = op_get_name(ctx, frame->env, ATOM_AT(2), NULL, false, STRICT());
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(GET_NAME);
    }
    CASE(GET_NAME_REF) {
        Value this_value;
        Value r = op_get_name(ctx, frame->env, ATOM_AT(3), &this_value, false, STRICT());
        CHECK(r);
        regs[pc[1]] = r;
        regs[pc[2]] = this_value;
        NEXT(GET_NAME_REF);
    }
    CASE(RESOLVE_NAME) {
        Value r = op_resolve_name(ctx, frame->env, ATOM_AT(2));
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(RESOLVE_NAME);
    }
    CASE(GET_REF) {
        Value r = op_get_ref(ctx, regs[pc[2]], ATOM_AT(3));
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(GET_REF);
    }
    CASE(PUT_REF) {
        CHECK(op_put_ref(ctx, regs[pc[1]], ATOM_AT(2), regs[pc[3]], STRICT()));
        NEXT(PUT_REF);
    }
    CASE(TYPEOF_NAME) {
        Value r = op_get_name(ctx, frame->env, ATOM_AT(2), NULL, true, STRICT());
        CHECK(r);
        regs[pc[1]] = op_typeof(ctx, r);
        NEXT(TYPEOF_NAME);
    }
    CASE(PUT_NAME) {
        Value r = op_put_name(ctx, frame->env, ATOM_AT(1), regs[pc[2]], STRICT());
        CHECK(r);
        NEXT(PUT_NAME);
    }
    CASE(DELETE_NAME) {
        Value r = op_delete_name(ctx, frame->env, ATOM_AT(2));
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(DELETE_NAME);
    }
    CASE(DECLARE_GLOBALS) {
        Value r = op_declare_globals(ctx, (ValueArray *)val_as_cell(consts[pc[1]]), &regs[pc[2]]);
        CHECK(r);
        NEXT(DECLARE_GLOBALS);
    }
    CASE(DECLARE_EVAL) {
        Value r = op_declare_eval(ctx, frame->env, (ValueArray *)val_as_cell(consts[pc[1]]),
                                  &regs[pc[2]]);
        CHECK(r);
        NEXT(DECLARE_EVAL);
    }
    CASE(PUT_VAR_ENV) {
        Value r = op_put_var_env(ctx, frame->env, ATOM_AT(1), regs[pc[2]]);
        CHECK(r);
        NEXT(PUT_VAR_ENV);
    }

    /* ---- functions ---- */
    CASE(CLOSURE) {
        Object *f = js_function_new(ctx, val_as_bytecode(consts[pc[2]]), frame->env);
        if (!f) goto exception;
        if (val_as_bytecode(consts[pc[2]])->flags & FB_ARROW)
            ((JSFunction *)f)->this_func = frame->this_func;
        regs[pc[1]] = val_from_object(f);
        NEXT(CLOSURE);
    }
    CASE(CREATE_ARGUMENTS)
    CASE(CREATE_MAPPED_ARGUMENTS) {
        Value *args;
        bool owned;
        CHECK(collect_args(ctx, frame, 0, &args, &owned));
        Object *a;
        if (*pc == OP_CREATE_MAPPED_ARGUMENTS)
            a = arguments_new_mapped(ctx, frame->callee, args, frame->argc, frame->env,
                                     (ValueArray *)val_as_cell(consts[pc[2]]));
        else
            a = arguments_new_unmapped(ctx, args, frame->argc);
        if (owned) free(args);
        if (!a) goto exception;
        regs[pc[1]] = val_from_object(a);
        pc += opcode_lengths[*pc];
        DISPATCH();
    }
    CASE(CREATE_REST) {
        uint32_t from = pc[2];
        Value *args;
        bool owned;
        CHECK(collect_args(ctx, frame, 0, &args, &owned));
        uint32_t n = frame->argc > from ? frame->argc - from : 0;
        Object *a = CreateArrayFromList(ctx, args + from, n);
        if (owned) free(args);
        if (!a) goto exception;
        regs[pc[1]] = val_from_object(a);
        NEXT(CREATE_REST);
    }

    /* ---- objects ---- */
    CASE(NEW_OBJECT) {
        Object *o = obj_new_plain(ctx);
        if (!o) goto exception;
        regs[pc[1]] = val_from_object(o);
        if (pc[2] && ic_grow_slots(ctx, o, pc[2]) < 0) goto exception;
        NEXT(NEW_OBJECT);
    }
    CASE(NEW_ARRAY) {
        Object *a = array_new(ctx, pc[2]);
        if (!a) goto exception;
        regs[pc[1]] = val_from_object(a);
        NEXT(NEW_ARRAY);
    }
    CASE(NEW_REGEXP) {
        Value r = new_regexp(ctx, consts[pc[2]], consts[pc[3]]);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(NEW_REGEXP);
    }
    CASE(GET_TEMPLATE) {
        Value r = get_template_object(ctx, (ValueArray *)val_as_cell(consts[pc[2]]));
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(GET_TEMPLATE);
    }
    CASE(DEFINE_FIELD) {
        /* An add entry (vm/prop_cache.h) without the prototype checks: a
         * literal defines its properties, it does not [[Set]] them. */
        Object *o = obj_from_value(regs[pc[1]]);
        InlineCache *ic = &fb->ics[pc[4]];
        if (o->shape == ic->shape && ic->shape && !(o->hdr.flags & OBJ_PROTO_WATCHED)) {
            Shape *added = ic->added;
            if (added->count > o->hdr.aux && ic_grow_slots(ctx, o, added->count) < 0)
                goto exception;
            o->slots[ic->slot] = regs[pc[3]];
            o->shape = added;
            NEXT(DEFINE_FIELD);
        }
        if (ic_define_field(ctx, o, ATOM_AT(2), regs[pc[3]], ic) < 0) goto exception;
        NEXT(DEFINE_FIELD);
    }
    CASE(DEFINE_ELEM) {
        Object *o = obj_from_value(regs[pc[1]]);
        PropKey k = ToPropertyKey(ctx, regs[pc[2]]);
        if (k == KEY_NONE) goto exception;
        CHECK(CreateDataPropertyOrThrow(ctx, o, k, regs[pc[3]]));
        NEXT(DEFINE_ELEM);
    }
    CASE(DEFINE_INDEX) {
        Object *o = obj_from_value(regs[pc[1]]);
        if (obj_define_data_fast(ctx, o, key_from_index(pc[2]), regs[pc[3]], PROP_DEFAULT) < 0)
            goto exception;
        NEXT(DEFINE_INDEX);
    }
    CASE(DEFINE_GETTER) {
        CHECK(define_accessor(ctx, obj_from_value(regs[pc[1]]), regs[pc[2]], regs[pc[3]], true));
        NEXT(DEFINE_GETTER);
    }
    CASE(DEFINE_SETTER) {
        CHECK(define_accessor(ctx, obj_from_value(regs[pc[1]]), regs[pc[2]], regs[pc[3]], false));
        NEXT(DEFINE_SETTER);
    }
    CASE(SET_PROTO_LIT) {
        Value p = regs[pc[2]];
        if (val_is_object(p) || val_is_null(p))
            CHECK(obj_set_prototype_of(ctx, obj_from_value(regs[pc[1]]), p));
        NEXT(SET_PROTO_LIT);
    }
    CASE(SET_FUNC_NAME) {
        PropKey k = ToPropertyKey(ctx, regs[pc[2]]);
        if (k == KEY_NONE) goto exception;
        if (val_is_object(regs[pc[1]]) &&
            SetFunctionName(ctx, obj_from_value(regs[pc[1]]), k, NULL) < 0)
            goto exception;
        NEXT(SET_FUNC_NAME);
    }
    CASE(SET_HOME_OBJECT) {
        Value f = regs[pc[1]];
        if (val_is_object(f) && obj_is_bytecode_function(obj_from_value(f)))
            ((JSFunction *)obj_from_value(f))->home_object = regs[pc[2]];
        NEXT(SET_HOME_OBJECT);
    }
    CASE(ARRAY_PUSH) {
        if (array_push_fast(ctx, obj_from_value(regs[pc[1]]), regs[pc[2]]) < 0) goto exception;
        NEXT(ARRAY_PUSH);
    }
    CASE(ARRAY_SPREAD) {
        CHECK(array_from_iterable_into(ctx, obj_from_value(regs[pc[1]]), regs[pc[2]]));
        NEXT(ARRAY_SPREAD);
    }
    CASE(OBJECT_SPREAD) {
        CHECK(op_copy_data_properties(ctx, obj_from_value(regs[pc[1]]), regs[pc[2]], NULL));
        NEXT(OBJECT_SPREAD);
    }
    CASE(COPY_DATA_PROPS) {
        Object *o = obj_new_plain(ctx);
        if (!o) goto exception;
        Object *keys = obj_from_value(regs[pc[3]]);
        ValueArray *ex = value_array_new(rt, array_length(keys) + 1);
        if (!ex) goto exception;
        for (uint32_t i = 0; i < array_length(keys) && i < keys->elements_length; i++)
            ex->items[ex->length++] = keys->elements[i];
        regs[pc[1]] = val_from_object(o);
        CHECK(op_copy_data_properties(ctx, o, regs[pc[2]], ex));
        NEXT(COPY_DATA_PROPS);
    }
    /* Inline-cache hits (vm/prop_cache.h: the entry kinds and why a hit is
     * sound). Slot stores need no GC_WRITE_BARRIER: see prop_cache.h. */
    CASE(GET_PROP) {
        Value base = regs[pc[2]];
        InlineCache *ic = &fb->ics[pc[4]];
        if (likely(val_is_object(base))) {
            Object *o = obj_from_value(base);
            if (o->shape == ic->shape && ic->shape) {
                if (!ic->holder) {
                    regs[pc[1]] = o->slots[ic->slot];
                    NEXT(GET_PROP);
                }
                if (o->proto == ic->proto && o->cls == ic->cls && ic->epoch == rt->proto_epoch) {
                    regs[pc[1]] = ic->holder->slots[ic->slot];
                    NEXT(GET_PROP);
                }
            } else if (o->cls == ic->cls && !ic->shape) {
                regs[pc[1]] = ic_array_length(o);
                NEXT(GET_PROP);
            }
        }
        Value r = ic_get_prop(ctx, base, ATOM_AT(3), ic);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(GET_PROP);
    }
    CASE(SET_PROP) {
        Value base = regs[pc[1]];
        InlineCache *ic = &fb->ics[pc[4]];
        if (likely(val_is_object(base))) {
            Object *o = obj_from_value(base);
            if (o->shape == ic->shape && ic->shape) {
                Shape *added = ic->added;
                if (!added) {
                    o->slots[ic->slot] = regs[pc[3]];
                    NEXT(SET_PROP);
                }
                if (o->proto == ic->proto && o->cls == ic->cls && ic->epoch == rt->proto_epoch &&
                    (o->hdr.flags & (OBJ_EXTENSIBLE | OBJ_PROTO_WATCHED)) == OBJ_EXTENSIBLE) {
                    if (added->count > o->hdr.aux && ic_grow_slots(ctx, o, added->count) < 0)
                        goto exception;
                    o->slots[ic->slot] = regs[pc[3]];
                    o->shape = added;
                    NEXT(SET_PROP);
                }
            }
        }
        CHECK(ic_set_prop(ctx, base, ATOM_AT(2), regs[pc[3]], ic, STRICT()));
        NEXT(SET_PROP);
    }
    CASE(GET_ELEM) {
        Value base = regs[pc[2]], key = regs[pc[3]];
        if (likely(val_is_object(base) && val_is_int(key))) {
            Object *o = obj_from_value(base);
            int32_t i = val_to_int(key);
            if ((o->cls == &class_array || o->cls->ops == NULL) && i >= 0 &&
                (uint32_t)i < o->elements_length && o->elements[i] != VAL_HOLE) {
                regs[pc[1]] = o->elements[i];
                NEXT(GET_ELEM);
            }
        }
        Value r = op_get_elem(ctx, base, key);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(GET_ELEM);
    }
    CASE(SET_ELEM) {
        Value base = regs[pc[1]], key = regs[pc[2]];
        if (likely(val_is_object(base) && val_is_int(key))) {
            Object *o = obj_from_value(base);
            int32_t i = val_to_int(key);
            if ((o->cls == &class_array || o->cls->ops == NULL) && i >= 0 &&
                (uint32_t)i < o->elements_length && o->elements[i] != VAL_HOLE) {
                o->elements[i] = regs[pc[3]];
                NEXT(SET_ELEM);
            }
        }
        CHECK(op_set_elem(ctx, base, key, regs[pc[3]], STRICT()));
        NEXT(SET_ELEM);
    }
    CASE(DELETE_PROP) {
        Value r = op_delete(ctx, regs[pc[2]], consts[pc[3]], STRICT());
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(DELETE_PROP);
    }
    CASE(DELETE_ELEM) {
        Value r = op_delete(ctx, regs[pc[2]], regs[pc[3]], STRICT());
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(DELETE_ELEM);
    }
    CASE(TO_PROPKEY) {
        Value v = regs[pc[2]];
        if (!val_is_string(v) && !val_is_symbol(v) && !val_is_int(v)) {
            PropKey k = ToPropertyKey(ctx, v);
            if (k == KEY_NONE) goto exception;
            v = key_to_value(rt, k);
            if (val_is_exception(v)) goto exception;
        }
        regs[pc[1]] = v;
        NEXT(TO_PROPKEY);
    }
    CASE(REF_KEY) {
        Value base = regs[pc[2]], v = regs[pc[3]];
        if (val_is_nullish(base)) {
            op_nullish_base_error(ctx, base, v, false);
            goto exception;
        }
        if (!val_is_string(v) && !val_is_symbol(v) && !val_is_int(v)) {
            PropKey k = ToPropertyKey(ctx, v);
            if (k == KEY_NONE) goto exception;
            v = key_to_value(rt, k);
            if (val_is_exception(v)) goto exception;
        }
        regs[pc[1]] = v;
        NEXT(REF_KEY);
    }
    CASE(REQUIRE_OBJ_COERCIBLE) {
        if (val_is_nullish(regs[pc[1]])) {
            throw_type_error(ctx, "Cannot destructure '%s' as it is %s.",
                             val_is_undefined(regs[pc[1]]) ? "undefined" : "null",
                             val_is_undefined(regs[pc[1]]) ? "undefined" : "null");
            goto exception;
        }
        NEXT(REQUIRE_OBJ_COERCIBLE);
    }

    /* ---- operators ---- */
    CASE(ADD) {
        Value a = regs[pc[2]], b = regs[pc[3]];
        if (likely(val_is_int(a) && val_is_int(b))) {
            int32_t r;
            if (!__builtin_add_overflow(val_to_int(a), val_to_int(b), &r))
                regs[pc[1]] = val_from_int(r);
            else
                regs[pc[1]] = val_from_double((double)val_to_int(a) + val_to_int(b));
        } else if (val_is_number(a) && val_is_number(b)) {
            regs[pc[1]] = val_from_double(val_num(a) + val_num(b));
        } else if (val_is_string(a) && val_is_string(b)) {
            String *s = str_concat(rt, val_as_string(a), val_as_string(b));
            if (!s) goto exception;
            regs[pc[1]] = val_from_string(s);
        } else {
            Value r = op_add_slow(ctx, a, b);
            CHECK(r);
            regs[pc[1]] = r;
        }
        NEXT(ADD);
    }
    BINARY_INT_OP(
        SUB,
        {
            int32_t r;
            regs[pc[1]] = !__builtin_sub_overflow(x, y, &r)
                              ? val_from_int(r)
                              : val_from_double((double)x - (double)y);
        },
        val_is_number(a) && val_is_number(b) ? val_from_double(val_num(a) - val_num(b))
                                             : op_arith_slow(ctx, OP_SUB, a, b))
    BINARY_INT_OP(
        MUL,
        {
            int32_t r;
            if (!__builtin_mul_overflow(x, y, &r) && (r != 0 || (x >= 0 && y >= 0)))
                regs[pc[1]] = val_from_int(r);
            else
                regs[pc[1]] = val_from_double((double)x * (double)y);
        },
        val_is_number(a) && val_is_number(b) ? val_from_double(val_num(a) * val_num(b))
                                             : op_arith_slow(ctx, OP_MUL, a, b))
    BINARY_INT_OP(
        DIV, { regs[pc[1]] = val_from_number((double)x / (double)y); },
        val_is_number(a) && val_is_number(b) ? val_from_number(val_num(a) / val_num(b))
                                             : op_arith_slow(ctx, OP_DIV, a, b))
    BINARY_INT_OP(
        MOD,
        {
            if (x >= 0 && y > 0)
                regs[pc[1]] = val_from_int(x % y);
            else
                regs[pc[1]] = op_arith_slow(ctx, OP_MOD, a, b);
        },
        op_arith_slow(ctx, OP_MOD, a, b))
    CASE(EXP) {
        Value r = op_arith_slow(ctx, OP_EXP, regs[pc[2]], regs[pc[3]]);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(EXP);
    }
    BINARY_INT_OP(
        SHL, { regs[pc[1]] = val_from_int((int32_t)((uint32_t)x << (y & 31))); },
        op_arith_slow(ctx, OP_SHL, a, b))
    BINARY_INT_OP(
        SAR, { regs[pc[1]] = val_from_int(x >> (y & 31)); }, op_arith_slow(ctx, OP_SAR, a, b))
    BINARY_INT_OP(
        SHR,
        {
            uint32_t r = (uint32_t)x >> (y & 31);
            regs[pc[1]] = r <= INT32_MAX ? val_from_int((int32_t)r) : val_from_double((double)r);
        },
        op_arith_slow(ctx, OP_SHR, a, b))
    BINARY_INT_OP(
        BAND, { regs[pc[1]] = val_from_int(x & y); }, op_arith_slow(ctx, OP_BAND, a, b))
    BINARY_INT_OP(
        BOR, { regs[pc[1]] = val_from_int(x | y); }, op_arith_slow(ctx, OP_BOR, a, b))
    BINARY_INT_OP(
        BXOR, { regs[pc[1]] = val_from_int(x ^ y); }, op_arith_slow(ctx, OP_BXOR, a, b))
    BINARY_INT_OP(
        LT, { regs[pc[1]] = val_from_bool(x < y); },
        val_is_number(a) && val_is_number(b) ? val_from_bool(val_num(a) < val_num(b))
                                             : op_compare_slow(ctx, OP_LT, a, b))
    BINARY_INT_OP(
        LE, { regs[pc[1]] = val_from_bool(x <= y); },
        val_is_number(a) && val_is_number(b) ? val_from_bool(val_num(a) <= val_num(b))
                                             : op_compare_slow(ctx, OP_LE, a, b))
    BINARY_INT_OP(
        GT, { regs[pc[1]] = val_from_bool(x > y); },
        val_is_number(a) && val_is_number(b) ? val_from_bool(val_num(a) > val_num(b))
                                             : op_compare_slow(ctx, OP_GT, a, b))
    BINARY_INT_OP(
        GE, { regs[pc[1]] = val_from_bool(x >= y); },
        val_is_number(a) && val_is_number(b) ? val_from_bool(val_num(a) >= val_num(b))
                                             : op_compare_slow(ctx, OP_GE, a, b))
    CASE(EQ) {
        Value a = regs[pc[2]], b = regs[pc[3]];
        int eq;
        if (val_is_int(a) && val_is_int(b)) {
            regs[pc[1]] = val_from_bool(a == b);
        } else if ((eq = loose_equal_objects(a, b)) >= 0) {
            regs[pc[1]] = val_from_bool(eq);
        } else {
            Value r = IsLooselyEqual(ctx, a, b);
            CHECK(r);
            regs[pc[1]] = r;
        }
        NEXT(EQ);
    }
    CASE(NE) {
        Value a = regs[pc[2]], b = regs[pc[3]];
        int eq;
        if (val_is_int(a) && val_is_int(b)) {
            regs[pc[1]] = val_from_bool(a != b);
        } else if ((eq = loose_equal_objects(a, b)) >= 0) {
            regs[pc[1]] = val_from_bool(!eq);
        } else {
            Value r = IsLooselyEqual(ctx, a, b);
            CHECK(r);
            regs[pc[1]] = val_from_bool(r != VAL_TRUE);
        }
        NEXT(NE);
    }
    CASE(SEQ) {
        regs[pc[1]] = val_from_bool(strict_equal(regs[pc[2]], regs[pc[3]]));
        NEXT(SEQ);
    }
    CASE(SNE) {
        regs[pc[1]] = val_from_bool(!strict_equal(regs[pc[2]], regs[pc[3]]));
        NEXT(SNE);
    }
    CASE(IN) {
        Value r = op_in(ctx, regs[pc[2]], regs[pc[3]]);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(IN);
    }
    CASE(INSTANCEOF) {
        int known = instanceof_fast(ctx, regs[pc[2]], regs[pc[3]]);
        if (known >= 0) {
            regs[pc[1]] = val_from_bool(known);
            NEXT(INSTANCEOF);
        }
        Value r = InstanceofOperator(ctx, regs[pc[2]], regs[pc[3]]);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(INSTANCEOF);
    }
    CASE(NEG) {
        Value a = regs[pc[2]];
        if (val_is_int(a) && val_to_int(a) != 0 && val_to_int(a) != INT32_MIN) {
            regs[pc[1]] = val_from_int(-val_to_int(a));
        } else if (val_is_number(a)) {
            regs[pc[1]] = val_from_double(-val_num(a));
        } else {
            Value r = op_unary_slow(ctx, OP_NEG, a);
            CHECK(r);
            regs[pc[1]] = r;
        }
        NEXT(NEG);
    }
    CASE(PLUS) {
        Value a = regs[pc[2]];
        if (!val_is_number(a)) {
            a = ToNumber(ctx, a);
            CHECK(a);
        }
        regs[pc[1]] = a;
        NEXT(PLUS);
    }
    CASE(TO_NUMERIC) {
        Value a = regs[pc[2]];
        if (!val_is_number(a)) {
            a = op_unary_slow(ctx, OP_TO_NUMERIC, a);
            CHECK(a);
        }
        regs[pc[1]] = a;
        NEXT(TO_NUMERIC);
    }
    CASE(NOT) {
        regs[pc[1]] = val_from_bool(!ToBoolean(regs[pc[2]]));
        NEXT(NOT);
    }
    CASE(BNOT) {
        Value a = regs[pc[2]];
        if (val_is_int(a)) {
            regs[pc[1]] = val_from_int(~val_to_int(a));
        } else {
            Value r = op_unary_slow(ctx, OP_BNOT, a);
            CHECK(r);
            regs[pc[1]] = r;
        }
        NEXT(BNOT);
    }
    CASE(TYPEOF) {
        regs[pc[1]] = op_typeof(ctx, regs[pc[2]]);
        NEXT(TYPEOF);
    }
    CASE(INC) {
        Value a = regs[pc[2]];
        if (val_is_int(a) && val_to_int(a) != INT32_MAX) {
            regs[pc[1]] = val_from_int(val_to_int(a) + 1);
        } else if (val_is_number(a)) {
            regs[pc[1]] = val_from_number(val_num(a) + 1);
        } else {
            Value r = op_unary_slow(ctx, OP_INC, a);
            CHECK(r);
            regs[pc[1]] = r;
        }
        NEXT(INC);
    }
    CASE(DEC) {
        Value a = regs[pc[2]];
        if (val_is_int(a) && val_to_int(a) != INT32_MIN) {
            regs[pc[1]] = val_from_int(val_to_int(a) - 1);
        } else if (val_is_number(a)) {
            regs[pc[1]] = val_from_number(val_num(a) - 1);
        } else {
            Value r = op_unary_slow(ctx, OP_DEC, a);
            CHECK(r);
            regs[pc[1]] = r;
        }
        NEXT(DEC);
    }
    CASE(TO_STRING) {
        Value a = regs[pc[2]];
        if (!val_is_string(a)) {
            a = ToString(ctx, a);
            CHECK(a);
        }
        regs[pc[1]] = a;
        NEXT(TO_STRING);
    }
    CASE(TO_OBJECT) {
        Value a = ToObject(ctx, regs[pc[2]]);
        CHECK(a);
        regs[pc[1]] = a;
        NEXT(TO_OBJECT);
    }

    /* ---- control ---- */
    CASE(JMP) {
        JUMP_TO(pc[1]);
    }
    CASE(JTRUE) {
        Value v = regs[pc[1]];
        if (v == VAL_TRUE || (v != VAL_FALSE && ToBoolean(v))) JUMP_TO(pc[2]);
        NEXT(JTRUE);
    }
    CASE(JFALSE) {
        Value v = regs[pc[1]];
        if (v == VAL_FALSE || (v != VAL_TRUE && !ToBoolean(v))) JUMP_TO(pc[2]);
        NEXT(JFALSE);
    }
    CASE(JNULLISH) {
        if (val_is_nullish(regs[pc[1]])) JUMP_TO(pc[2]);
        NEXT(JNULLISH);
    }
    CASE(JNOT_NULLISH) {
        if (!val_is_nullish(regs[pc[1]])) JUMP_TO(pc[2]);
        NEXT(JNOT_NULLISH);
    }
    CASE(JUNDEF) {
        if (val_is_undefined(regs[pc[1]])) JUMP_TO(pc[2]);
        NEXT(JUNDEF);
    }
    CASE(JNOT_UNDEF) {
        if (!val_is_undefined(regs[pc[1]])) JUMP_TO(pc[2]);
        NEXT(JNOT_UNDEF);
    }
    CASE(JEQ_INT) {
        if (regs[pc[1]] == val_from_int((int32_t)pc[2])) JUMP_TO(pc[3]);
        NEXT(JEQ_INT);
    }
#define COMPARE_JUMP(name, cmp, OPC)                                                               \
    CASE(name) {                                                                                   \
        Value a = regs[pc[1]], b = regs[pc[2]];                                                    \
        bool t;                                                                                    \
        if (likely(val_is_int(a) && val_is_int(b)))                                                \
            t = val_to_int(a) cmp val_to_int(b);                                                   \
        else if (val_is_number(a) && val_is_number(b))                                             \
            t = val_num(a) cmp val_num(b);                                                         \
        else {                                                                                     \
            Value r = op_compare_slow(ctx, OPC, a, b);                                             \
            CHECK(r);                                                                              \
            t = r == VAL_TRUE;                                                                     \
        }                                                                                          \
        if (t) JUMP_TO(pc[3]);                                                                     \
        NEXT(name);                                                                                \
    }
    COMPARE_JUMP(JLT, <, OP_LT)
    COMPARE_JUMP(JLE, <=, OP_LE)
    COMPARE_JUMP(JGT, >, OP_GT)
    COMPARE_JUMP(JGE, >=, OP_GE)
    CASE(JSEQ) {
        if (strict_equal(regs[pc[1]], regs[pc[2]])) JUMP_TO(pc[3]);
        NEXT(JSEQ);
    }
    CASE(JSNE) {
        if (!strict_equal(regs[pc[1]], regs[pc[2]])) JUMP_TO(pc[3]);
        NEXT(JSNE);
    }

    /* ---- calls ---- */
    CASE(TAIL_CALL_EVAL) {
        if (regs[pc[2]] == ctx->intrinsics[INTR_eval]) goto call_eval;
        goto tail_call;
    }
    CASE(TAIL_CALL) {
    tail_call:;
        /* PrepareForTailCall — #sec-preparefortailcall: the running frame is
         * discarded and the callee's takes its place (same caller, same
         * return register), so tail recursion runs in constant stack. Only
         * frames nothing else waits on qualify: not [[Construct]] (its
         * result is checked), not a coroutine, not one owning its stack
         * segment (the window below is moved within the segment). */
        uint32_t fr = pc[2], argc = pc[3];
        Value fv = regs[fr];
        if (!val_is_object(fv) || obj_from_value(fv)->cls != &class_function ||
            (((JSFunction *)obj_from_value(fv))->fb->flags & FB_CLASS_CONSTRUCTOR) ||
            (frame->flags & ~(uint32_t)FRAME_ENTRY) || frame->coroutine || !frame->saved_top)
            goto call_ordinary;
        JSFunction *jf = (JSFunction *)obj_from_value(fv);
        Frame *done = frame;
        uint32_t flags = done->flags, ret_reg = done->ret_reg;
        Value *window = done->regs;
        memmove(window, &regs[fr + 1], sizeof(Value) * (argc + 1));
        frame_pop(rt, vm, done);
        /* Nothing scans the window and the callee until the new frame is on
         * the stack; frame_push only allocates before that for the extra
         * arguments array. */
        HandleMark hm = gc_scope_open(rt);
        if (argc > jf->fb->param_count && (jf->fb->flags & FB_KEEP_EXTRA_ARGS)) {
            gc_protect(rt, fv);
            for (uint32_t i = 0; i <= argc; i++)
                gc_protect(rt, window[i]);
        }
        Frame *nf = frame_push(jf->realm, jf->fb, &jf->base, jf->env, window, NULL, argc,
                               VAL_UNDEFINED, VAL_UNDEFINED, flags);
        if (!nf) {
            gc_scope_close(rt, hm);
            if (flags & FRAME_ENTRY) {
                rt->current = saved_current;
                return VAL_EXCEPTION;
            }
            LOAD_FRAME(vm->top);
            goto exception;
        }
        gc_scope_close(rt, hm);
        nf->handle_mark = hm;
        nf->ret_reg = ret_reg;
        LOAD_FRAME(nf);
        if (unlikely(--budget <= 0)) {
            budget = INTERRUPT_BUDGET;
            if (rt_check_interrupt(ctx) < 0) goto exception;
        }
        DISPATCH();
    }
call_eval:
    CASE(CALL_EVAL) {
        Value fv = regs[pc[2]];
        if (fv == ctx->intrinsics[INTR_eval]) {
            uint32_t argc = pc[3];
            if (argc == 0) {
                regs[pc[1]] = VAL_UNDEFINED;
                NEXT(CALL_EVAL);
            }
            Value x = regs[pc[2] + 2];
            bool not_code = false;
            Value code = eval_compile(ctx, x, true, STRICT(), frame, &not_code);
            CHECK(code);
            if (not_code) {
                regs[pc[1]] = x;
                NEXT(CALL_EVAL);
            }
            if (rt->handle_count > frame->handle_mark) gc_protect(rt, code);
            Frame *nf = frame_push(ctx, val_as_bytecode(code), NULL, frame->env, NULL, NULL, 0,
                                   VAL_UNDEFINED, VAL_UNDEFINED, FRAME_EVAL);
            if (!nf) goto exception;
            nf->this_func = frame->this_func;
            nf->ret_reg = pc[1];
            LOAD_FRAME(nf);
            DISPATCH();
        }
    }
call_ordinary:
    /* fall through: an ordinary call */
    CASE(CALL) {
        uint32_t fr = pc[2], argc = pc[3];
        Value fv = regs[fr];
        if (likely(val_is_object(fv))) {
            Object *o = obj_from_value(fv);
            if (o->cls == &class_function) {
                JSFunction *jf = (JSFunction *)o;
                if (unlikely(jf->fb->flags & FB_CLASS_CONSTRUCTOR)) {
                    class_call_error(jf->realm ? jf->realm : ctx, jf);
                    goto exception;
                }
                if (rt->handle_count > frame->handle_mark) gc_scope_close(rt, frame->handle_mark);
                Frame *nf = frame_push(jf->realm, jf->fb, o, jf->env, &regs[fr + 1], NULL, argc,
                                       VAL_UNDEFINED, VAL_UNDEFINED, 0);
                if (!nf) goto exception;
                nf->ret_reg = pc[1];
                LOAD_FRAME(nf);
                if (unlikely(--budget <= 0)) {
                    budget = INTERRUPT_BUDGET;
                    if (rt_check_interrupt(ctx) < 0) goto exception;
                }
                DISPATCH();
            }
            if (obj_is_callable(o)) {
                Value r = call_native(ctx, o, regs[fr + 1], argc, &regs[fr + 2]);
                CHECK(r);
                regs[pc[1]] = r;
                pc += opcode_lengths[*pc];
                DISPATCH();
            }
        }
        not_callable_error(ctx, frame, fv, false);
        goto exception;
    }
    CASE(CALL_EVAL_SPREAD) {
        /* eval(...args) is still a direct eval (#sec-function-calls-runtime-semantics-evaluation)
         */
        if (regs[pc[2]] == ctx->intrinsics[INTR_eval]) {
            Object *arr = obj_from_value(regs[pc[3]]);
            if (array_length(arr) == 0 || arr->elements_length == 0) {
                regs[pc[1]] = VAL_UNDEFINED;
                NEXT(CALL_EVAL_SPREAD);
            }
            Value x = arr->elements[0];
            bool not_code = false;
            Value code = eval_compile(ctx, x, true, STRICT(), frame, &not_code);
            CHECK(code);
            if (not_code) {
                regs[pc[1]] = x;
                NEXT(CALL_EVAL_SPREAD);
            }
            gc_protect(rt, code);
            Frame *nf = frame_push(ctx, val_as_bytecode(code), NULL, frame->env, NULL, NULL, 0,
                                   VAL_UNDEFINED, VAL_UNDEFINED, FRAME_EVAL);
            if (!nf) goto exception;
            nf->this_func = frame->this_func;
            nf->ret_reg = pc[1];
            LOAD_FRAME(nf);
            DISPATCH();
        }
    }
    /* fall through: an ordinary spread call */
    CASE(CALL_SPREAD) {
        Value fv = regs[pc[2]];
        if (!val_is_callable(fv)) {
            not_callable_error(ctx, frame, fv, false);
            goto exception;
        }
        Object *arr = obj_from_value(regs[pc[3]]);
        uint32_t n = array_length(arr);
        Value r = Call(ctx, fv, regs[pc[2] + 1], (int)n, arr->elements);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(CALL_SPREAD);
    }
    CASE(NEW) {
        uint32_t base = pc[2], argc = pc[3];
        Value fv = regs[base];
        if (!val_is_constructor(fv)) {
            not_callable_error(ctx, frame, fv, true);
            goto exception;
        }
        Object *o = obj_from_value(fv);
        if (o->cls == &class_function) {
            JSFunction *jf = (JSFunction *)o;
            if (jf->fb->flags & FB_DERIVED) {
                regs[base + 1] = VAL_UNINITIALIZED;
            } else {
                /* OrdinaryCreateFromConstructor, reading "prototype" inline. */
                Value proto = function_own_prototype(rt, jf);
                Object *self =
                    val_is_object(proto)
                        ? obj_new(ctx, obj_from_value(proto))
                        : OrdinaryCreateFromConstructor(ctx, fv, INTR_ObjectPrototype,
                                                        &class_object, sizeof(Object));
                if (!self) goto exception;
                regs[base + 1] = val_from_object(self);
                if (jf->fields) CHECK(interp_init_fields(ctx, self, jf));
            }
            if (rt->handle_count > frame->handle_mark) gc_scope_close(rt, frame->handle_mark);
            Frame *nf = frame_push(jf->realm, jf->fb, o, jf->env, &regs[base + 1], NULL, argc,
                                   VAL_UNDEFINED, fv, FRAME_CONSTRUCT);
            if (!nf) goto exception;
            nf->ret_reg = pc[1];
            LOAD_FRAME(nf);
            DISPATCH();
        }
        Value r = construct_native(ctx, o, argc, &regs[base + 2], fv);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(NEW);
    }
    CASE(NEW_SPREAD) {
        Value fv = regs[pc[2]];
        if (!val_is_constructor(fv)) {
            not_callable_error(ctx, frame, fv, true);
            goto exception;
        }
        Object *arr = obj_from_value(regs[pc[3]]);
        Value r = Construct(ctx, fv, (int)array_length(arr), arr->elements, fv);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(NEW_SPREAD);
    }
    CASE(RET) {
        result = regs[pc[1]];
        goto do_return;
    }
    CASE(RET_UNDEF) {
        result = VAL_UNDEFINED;
        goto do_return;
    }
    CASE(THROW) {
        throw_value(ctx, regs[pc[1]]);
        goto exception;
    }
    CASE(THROW_ERROR) {
        String *msg = val_as_string(consts[pc[2]]);
        size_t len;
        char *u = str_to_utf8(rt, msg, &len);
        throw_error(ctx, (ErrorKind)pc[1], "%s", u ? u : "error");
        free(u);
        goto exception;
    }
    CASE(CATCH) {
        regs[pc[1]] = rt_take_exception(rt);
        NEXT(CATCH);
    }

    /* ---- iteration ---- */
    CASE(FOR_IN_START) {
        Value r = op_for_in_start(ctx, regs[pc[2]]);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(FOR_IN_START);
    }
    CASE(FOR_IN_NEXT) {
        Value r = op_for_in_next(ctx, obj_from_value(regs[pc[2]]));
        CHECK(r);
        if (r == VAL_EMPTY) JUMP_TO(pc[3]);
        regs[pc[1]] = r;
        NEXT(FOR_IN_NEXT);
    }
    CASE(GET_ITERATOR) {
        IteratorRecord rec;
        if (GetIterator(ctx, regs[pc[2]], ITER_KIND_SYNC, &rec) < 0) goto exception;
        regs[pc[1]] = rec.iterator;
        regs[pc[1] + 1] = rec.next_method;
        NEXT(GET_ITERATOR);
    }
    CASE(ITER_NEXT) {
        if (val_is_undefined(regs[pc[2]])) JUMP_TO(pc[3]);
        IteratorRecord rec = {regs[pc[2]], regs[pc[2] + 1], false};
        Value v = IteratorStepValue(ctx, &rec);
        if (val_is_exception(v) || v == ITER_DONE) regs[pc[2]] = VAL_UNDEFINED; /* [[Done]] */
        CHECK(v);
        if (v == ITER_DONE) JUMP_TO(pc[3]);
        regs[pc[1]] = v;
        NEXT(ITER_NEXT);
    }
    CASE(ITER_CLOSE) {
        if (!val_is_undefined(regs[pc[1]])) {
            IteratorRecord rec = {regs[pc[1]], regs[pc[1] + 1], false};
            regs[pc[1]] = VAL_UNDEFINED;
            gc_protect(rt, rec.iterator);
            CHECK(IteratorClose(ctx, &rec, VAL_UNDEFINED));
        }
        NEXT(ITER_CLOSE);
    }
    CASE(ITER_CLOSE_THROW) {
        if (!val_is_undefined(regs[pc[1]])) {
            IteratorRecord rec = {regs[pc[1]], regs[pc[1] + 1], false};
            regs[pc[1]] = VAL_UNDEFINED;
            gc_protect(rt, rec.iterator);
            /* IteratorClose with a throw completion: the original exception
             * (CATCH took it into a register) wins over what return() does. */
            if (val_is_exception(IteratorClose(ctx, &rec, VAL_UNDEFINED))) {
                if (rt->exception_uncatchable) goto exception;
                rt_take_exception(rt);
            }
        }
        NEXT(ITER_CLOSE_THROW);
    }
    CASE(ITER_REST) {
        Value r = iter_rest(ctx, &regs[pc[2]]);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(ITER_REST);
    }

    /* ---- classes ---- */
    CASE(CLASS_CREATE) {
        CHECK(class_create(ctx, frame, val_as_bytecode(consts[pc[2]]), regs[pc[3]], pc[4] != 0,
                           &regs[pc[1]]));
        NEXT(CLASS_CREATE);
    }
    CASE(DEFINE_METHOD) {
        CHECK(define_method(ctx, obj_from_value(regs[pc[1]]), regs[pc[2]], regs[pc[3]], pc[4]));
        NEXT(DEFINE_METHOD);
    }
    CASE(ADD_FIELD) {
        CHECK(add_class_element(ctx, (JSFunction *)obj_from_value(regs[pc[1]]), regs[pc[2]],
                                regs[pc[3]], VAL_UNDEFINED, ELEM_FIELD));
        NEXT(ADD_FIELD);
    }
    CASE(ADD_PRIVATE_METHOD) {
        CHECK(add_class_element(ctx, (JSFunction *)obj_from_value(regs[pc[1]]), regs[pc[2]],
                                regs[pc[3]], regs[pc[4]], pc[5] ? ELEM_ACCESSOR : ELEM_METHOD));
        NEXT(ADD_PRIVATE_METHOD);
    }
    CASE(DEFINE_PRIVATE_METHOD) {
        CHECK(private_method_add(ctx, obj_from_value(regs[pc[1]]), regs[pc[2]], regs[pc[3]],
                                 regs[pc[4]], pc[5] != 0));
        NEXT(DEFINE_PRIVATE_METHOD);
    }
    CASE(NEW_PRIVATE_NAME) {
        Symbol *sym = symbol_new(rt, consts[pc[2]]);
        if (!sym) goto exception;
        sym->is_private = true;
        regs[pc[1]] = val_from_symbol(sym);
        NEXT(NEW_PRIVATE_NAME);
    }
    CASE(GET_PRIVATE) {
        Value r = private_get(ctx, regs[pc[2]], regs[pc[3]]);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(GET_PRIVATE);
    }
    CASE(SET_PRIVATE) {
        CHECK(private_set(ctx, regs[pc[1]], regs[pc[2]], regs[pc[3]]));
        NEXT(SET_PRIVATE);
    }
    CASE(HAS_PRIVATE) {
        Value o = regs[pc[3]];
        if (!val_is_object(o)) {
            private_error(ctx, regs[pc[2]],
                          "Cannot use 'in' operator to search for '%s' in a non-object");
            goto exception;
        }
        regs[pc[1]] = val_from_bool(private_find(o, regs[pc[2]], NULL, NULL));
        NEXT(HAS_PRIVATE);
    }
    CASE(RUN_STATIC) {
        CHECK(run_static(ctx, obj_from_value(regs[pc[1]]), obj_from_value(regs[pc[2]])));
        NEXT(RUN_STATIC);
    }
    CASE(INIT_FIELDS) {
        if (frame->this_func && obj_is_bytecode_function(frame->this_func) &&
            ((JSFunction *)frame->this_func)->fields && val_is_object(regs[pc[1]]))
            CHECK(interp_init_fields(ctx, obj_from_value(regs[pc[1]]),
                                     (JSFunction *)frame->this_func));
        NEXT(INIT_FIELDS);
    }
    CASE(SUPER_CALL) {
        Value r = super_construct(ctx, frame, pc[3], &regs[pc[2]], frame->new_target);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(SUPER_CALL);
    }
    CASE(SUPER_CALL_SPREAD) {
        Object *arr = obj_from_value(regs[pc[2]]);
        Value r = super_construct(ctx, frame, array_length(arr), arr->elements, frame->new_target);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(SUPER_CALL_SPREAD);
    }
    CASE(SUPER_CALL_NT) {
        Value r = super_construct(ctx, frame, pc[3], &regs[pc[2]], regs[pc[4]]);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(SUPER_CALL_NT);
    }
    CASE(SUPER_CALL_SPREAD_NT) {
        Object *arr = obj_from_value(regs[pc[2]]);
        Value r = super_construct(ctx, frame, array_length(arr), arr->elements, regs[pc[3]]);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(SUPER_CALL_SPREAD_NT);
    }
    CASE(BIND_THIS_DYN) {
        /* BindThisValue on GetThisEnvironment() from eval code */
        String *this_atom = ATOM(rt, this);
        Env *e = frame->env;
        int slot = -1;
        for (; e; e = e->parent) {
            if (e->hdr.flags & ENV_WITH) continue;
            if ((slot = env_find_slot(e, this_atom, NULL)) >= 0) break;
        }
        if (slot < 0) {
            throw_syntax_error(ctx, "'super' keyword unexpected here");
            goto exception;
        }
        if (e->slots[slot] != VAL_UNINITIALIZED) {
            throw_reference_error(ctx, "Super constructor may only be called once");
            goto exception;
        }
        e->slots[slot] = regs[pc[1]];
        NEXT(BIND_THIS_DYN);
    }
    CASE(SUPER_FORWARD) {
        Value *args;
        bool owned;
        CHECK(collect_args(ctx, frame, 0, &args, &owned));
        Value r = super_construct(ctx, frame, frame->argc, args, frame->new_target);
        if (owned) free(args);
        CHECK(r);
        regs[pc[1]] = r;
        if (((JSFunction *)frame->callee)->fields)
            CHECK(interp_init_fields(ctx, obj_from_value(r), (JSFunction *)frame->callee));
        NEXT(SUPER_FORWARD);
    }
    CASE(CHECK_THIS) {
        if (regs[pc[1]] == VAL_UNINITIALIZED) {
            throw_reference_error(ctx, "Must call super constructor in derived class before "
                                       "accessing 'this' or returning from derived constructor");
            goto exception;
        }
        NEXT(CHECK_THIS);
    }
    CASE(CHECK_THIS_UNINIT) {
        if (regs[pc[1]] != VAL_UNINITIALIZED) {
            throw_reference_error(ctx, "Super constructor may only be called once");
            goto exception;
        }
        NEXT(CHECK_THIS_UNINIT);
    }
    CASE(RET_CTOR) {
        Value v = regs[pc[1]];
        if (val_is_object(v)) {
            result = v;
            goto do_return;
        }
        if (!val_is_undefined(v) || regs[pc[2]] == VAL_UNINITIALIZED) goto ctor_return_error;
        result = regs[pc[2]];
        goto do_return;
    }
    CASE(SUPER_BASE) {
        Value proto = home_proto(ctx, frame);
        CHECK(proto);
        regs[pc[1]] = proto;
        NEXT(SUPER_BASE);
    }
    CASE(GET_SUPER) {
        /* GetValue of a super reference: the base is checked before the
         * key is converted (#sec-getvalue step 3). */
        Value proto = regs[pc[4]];
        if (!val_is_object(proto)) {
            op_nullish_base_error(ctx, proto, regs[pc[3]], false);
            goto exception;
        }
        PropKey k = ToPropertyKey(ctx, regs[pc[3]]);
        if (k == KEY_NONE) goto exception;
        Value r = obj_get(ctx, obj_from_value(proto), k, regs[pc[2]]);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(GET_SUPER);
    }
    CASE(SET_SUPER) {
        Value proto = regs[pc[4]];
        if (!val_is_object(proto)) {
            op_nullish_base_error(ctx, proto, regs[pc[2]], true);
            goto exception;
        }
        PropKey k = ToPropertyKey(ctx, regs[pc[2]]);
        if (k == KEY_NONE) goto exception;
        Value ok = obj_set(ctx, obj_from_value(proto), k, regs[pc[3]], regs[pc[1]]);
        CHECK(ok);
        if (ok == VAL_FALSE && STRICT()) {
            throw_type_error(ctx, "Cannot assign to read only property of super");
            goto exception;
        }
        NEXT(SET_SUPER);
    }

    /* ---- generators ---- */
    CASE(GENERATOR_START) {
        Value g = generator_create(ctx, frame, pc);
        CHECK(g);
        result = g;
        goto do_suspend;
    }
    CASE(YIELD) {
        Value v = regs[pc[2]];
        Coroutine *co = (Coroutine *)frame->coroutine;
        if (pc[3] == 2) {
            /* AsyncGeneratorYield: the value goes to the oldest request. */
            ResumeMode mode = RESUME_NEXT;
            Context *previous_realm =
                (frame->flags & FRAME_ENTRY) ? saved_current : frame->prev->realm;
            int r = async_generator_yield(ctx, co, &v, &mode, previous_realm);
            if (r < 0) goto exception;
            if (r > 0) {
                regs[pc[1]] = v;
                regs[pc[1] + 1] = val_from_int((int32_t)mode);
                NEXT(YIELD);
            }
            v = VAL_UNDEFINED;
        } else if (pc[3]) {
            v = CreateIterResultObject(ctx, v, false);
            CHECK(v);
        }
        frame_save(co, frame, pc);
        co->state = CO_SUSPENDED_YIELD;
        result = v;
        goto do_suspend;
    }
    CASE(RESUME_CHECK) {
        Value mode = regs[pc[1] + 1];
        if (mode == val_from_int(RESUME_THROW)) {
            throw_value(ctx, regs[pc[1]]);
            goto exception;
        }
        if (mode == val_from_int(RESUME_RETURN)) JUMP_TO(pc[2]);
        NEXT(RESUME_CHECK);
    }
    CASE(YIELD_STAR) {
        bool done;
        Value r = yield_star_step(ctx, &regs[pc[2]], &done);
        CHECK(r);
        regs[pc[1]] = r;
        if (done) JUMP_TO(pc[3]);
        NEXT(YIELD_STAR);
    }

    /* ---- async functions and async iteration ---- */
    CASE(ASYNC_START) {
        if (async_function_begin(ctx, frame) < 0) goto exception;
        NEXT(ASYNC_START);
    }
    CASE(AWAIT) {
        Coroutine *co = (Coroutine *)frame->coroutine;
        if (unlikely(!co || co->base.cls == &class_generator)) {
            throw_syntax_error(ctx, "await is only valid in async functions and modules");
            goto exception;
        }
        if (async_await(ctx, co, regs[pc[2]]) < 0) goto exception;
        frame_save(co, frame, pc);
        co->state = CO_SUSPENDED_AWAIT;
        /* The first suspension returns the promise to the async function's
         * caller; later ones return to the job that resumed the frame. */
        result = co->base.cls == &class_async_function_state ? ((AsyncFunctionState *)co)->promise
                                                             : VAL_UNDEFINED;
        goto do_suspend;
    }
    CASE(GET_ASYNC_ITERATOR) {
        IteratorRecord rec;
        if (GetIterator(ctx, regs[pc[2]], ITER_KIND_ASYNC, &rec) < 0) goto exception;
        regs[pc[1]] = rec.iterator;
        regs[pc[1] + 1] = rec.next_method;
        NEXT(GET_ASYNC_ITERATOR);
    }
    CASE(ITER_RESULT) {
        Value res = regs[pc[2]];
        if (!val_is_object(res)) {
            throw_type_error(ctx, "Iterator result is not an object");
            goto exception;
        }
        Value complete = IteratorComplete(ctx, res);
        CHECK(complete);
        if (complete == VAL_TRUE && !pc[3]) JUMP_TO(pc[4]);
        Value v = IteratorValue(ctx, res);
        CHECK(v);
        regs[pc[1]] = v;
        if (complete == VAL_TRUE) JUMP_TO(pc[4]);
        NEXT(ITER_RESULT);
    }
    CASE(ASYNC_ITER_CLOSE) {
        Value iterator = regs[pc[2]];
        if (val_is_undefined(iterator)) JUMP_TO(pc[3]);
        regs[pc[2]] = VAL_UNDEFINED;
        gc_protect(rt, iterator);
        Value m = GetMethod(ctx, iterator, KEY(rt, return ));
        CHECK(m);
        if (val_is_undefined(m)) JUMP_TO(pc[3]);
        Value r = Call(ctx, m, iterator, 0, NULL);
        CHECK(r);
        regs[pc[1]] = r;
        NEXT(ASYNC_ITER_CLOSE);
    }
    CASE(CHECK_OBJECT) {
        if (!val_is_object(regs[pc[1]])) {
            throw_type_error(ctx, "Iterator result is not an object");
            goto exception;
        }
        NEXT(CHECK_OBJECT);
    }
    CASE(ASYNC_YIELD_STAR) {
        Value r = async_yield_star_call(ctx, &regs[pc[2]]);
        CHECK(r);
        if (r == VAL_EMPTY) JUMP_TO(pc[3]);
        regs[pc[1]] = r;
        NEXT(ASYNC_YIELD_STAR);
    }

#ifndef USE_COMPUTED_GOTO
default: throw_type_error(ctx, "bad opcode"); goto exception;
}
#endif

do_suspend : {
    /* The frame lives on in its coroutine: pop it without completing. */
    Frame *done = frame;
    uint32_t flags = done->flags, ret_reg = done->ret_reg;
    frame_pop(rt, vm, done);
    if (flags & FRAME_ENTRY) {
        rt->current = saved_current;
        return result;
    }
    LOAD_FRAME(vm->top);
    regs[ret_reg] = result;
    pc += opcode_lengths[*pc];
    DISPATCH();
}

do_return : {
    if ((frame->flags & FRAME_CONSTRUCT) && !val_is_object(result)) result = regs[0];
    threw = false;
do_finish:;
    Coroutine *finished = (Coroutine *)frame->coroutine;
    if (finished) coroutine_close(finished);
    Frame *done = frame;
    uint32_t flags = done->flags, ret_reg = done->ret_reg;
    frame_pop(rt, vm, done);
    if (finished && finished->base.cls != &class_generator) {
        /* The async body is over: settle its promise or requests now that
         * its frame is off the stack. */
        gc_protect(rt, val_from_object(&finished->base));
        gc_protect(rt, result);
        result = async_coroutine_finish(ctx, finished, result, threw);
        if (val_is_exception(result)) {
            if (flags & FRAME_ENTRY) {
                rt->current = saved_current;
                return VAL_EXCEPTION;
            }
            LOAD_FRAME(vm->top);
            goto exception;
        }
    }
    if (flags & FRAME_ENTRY) {
        rt->current = saved_current;
        return result;
    }
    LOAD_FRAME(vm->top);
    regs[ret_reg] = result;
    pc += opcode_lengths[*pc];
    DISPATCH();
}

ctor_return_error : {
    /* [[Construct]] of a derived constructor rejects its result after the
     * callee context is gone (#sec-ecmascript-function-objects-construct-argumentslist-newtarget
     * steps 10-12): the error bypasses the constructor's own handlers and
     * belongs to the caller's realm. */
    bool bad_value = !val_is_undefined(regs[pc[1]]);
    Frame *done = frame;
    bool entry = done->flags & FRAME_ENTRY;
    Context *caller_realm = entry ? (saved_current ? saved_current : ctx) : done->prev->realm;
    frame_pop(rt, vm, done);
    if (bad_value)
        throw_type_error(caller_realm, "Derived constructors may only return object or undefined");
    else
        throw_reference_error(caller_realm,
                              "Must call super constructor in derived class before "
                              "accessing 'this' or returning from derived constructor");
    if (entry) {
        rt->current = saved_current;
        return VAL_EXCEPTION;
    }
    LOAD_FRAME(vm->top);
    goto exception;
}

exception : for (;;) {
    if (!rt->exception_uncatchable) {
        uint32_t off = (uint32_t)(frame->pc - fb->code);
        for (uint32_t i = 0; i < fb->handler_count; i++) {
            ExceptionEntry *h = &fb->handlers[i];
            if (off >= h->start && off < h->end) {
                while (frame->env_depth > h->env_depth) {
                    frame->env = frame->env->parent;
                    frame->env_depth--;
                }
                pc = fb->code + h->handler;
                DISPATCH();
            }
        }
    }
    if (frame->coroutine && frame->coroutine->cls != &class_generator &&
        !rt->exception_uncatchable) {
        /* An async body threw: the exception rejects its promise. */
        result = rt_take_exception(rt);
        threw = true;
        goto do_finish;
    }
    Frame *done = frame;
    bool entry = done->flags & FRAME_ENTRY;
    if (done->coroutine) coroutine_close((Coroutine *)done->coroutine);
    frame_pop(rt, vm, done);
    if (entry) {
        rt->current = saved_current;
        return VAL_EXCEPTION;
    }
    LOAD_FRAME(vm->top);
}
}

/* ---- entry points ---- */

Value vm_run_script(Context *ctx, Value script) {
    if (val_is_module_record(script)) return module_run(ctx, (ModuleRecord *)val_as_cell(script));
    if (!val_is_cell(script) || val_as_cell(script)->type != CELL_SCRIPT)
        return throw_type_error(ctx, "not a compiled script");
    Script *s = (Script *)val_as_cell(script);
    return interp_run_code(ctx, s->main, NULL, val_from_object(ctx->global), 0);
}

void vm_dump_script(Context *ctx, Value script, void *file) {
    if (val_is_module_record(script)) {
        ModuleRecord *m = (ModuleRecord *)val_as_cell(script);
        if (m->body) bytecode_dump(ctx->rt, m->body, (FILE *)file);
        return;
    }
    if (!val_is_cell(script) || val_as_cell(script)->type != CELL_SCRIPT) return;
    Script *s = (Script *)val_as_cell(script);
    bytecode_dump(ctx->rt, s->main, (FILE *)file);
}

/* The backtrace for Error.prototype.stack. */
String *vm_backtrace(Context *ctx, int skip_frames) {
    Runtime *rt = ctx->rt;
    StringBuilder sb;
    sb_init(&sb, rt);
    int lines = 0;
    (void)skip_frames;
    for (Frame *f = rt->vm ? rt->vm->top : NULL; f && lines < 64; f = f->prev) {
        FunctionBytecode *fb = f->fb;
        uint32_t line, col;
        bytecode_position(fb, (uint32_t)(f->pc - fb->code), &line, &col);
        if (lines) sb_append_unit(&sb, '\n');
        sb_append_ascii(&sb, "    at ");
        bool named = false;
        if (f->flags & FRAME_EVAL) {
            sb_append_ascii(&sb, "eval");
            named = true;
        } else if (f->callee && val_is_string(fb->name) && val_as_string(fb->name)->length) {
            sb_append_string(&sb, val_as_string(fb->name));
            named = true;
        } else if (f->callee) {
            sb_append_ascii(&sb, "<anonymous>");
            named = true;
        }
        if (named) sb_append_ascii(&sb, " (");
        if (val_is_string(fb->filename))
            sb_append_string(&sb, val_as_string(fb->filename));
        else
            sb_append_ascii(&sb, "<anonymous>");
        char buf[32];
        snprintf(buf, sizeof buf, ":%u:%u", line, col);
        sb_append_ascii(&sb, buf);
        if (named) sb_append_unit(&sb, ')');
        lines++;
    }
    return sb_finish(&sb);
}

String *vm_function_source_text(Context *ctx, Object *f) {
    if (!obj_is_bytecode_function(f)) return NULL;
    FunctionBytecode *fb = ((JSFunction *)f)->fb;
    if (!val_is_string(fb->source)) return NULL;
    String *src = val_as_string(fb->source);
    if (fb->source_end > src->length || fb->source_start > fb->source_end) return NULL;
    if (!str_flatten(ctx->rt, src)) return NULL;
    return str_new_utf8(ctx->rt, (const char *)str_chars8(src) + fb->source_start,
                        fb->source_end - fb->source_start);
}
