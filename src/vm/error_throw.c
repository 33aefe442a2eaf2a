/*
 * error_throw.c — making exceptions pending, and the error objects the
 * engine itself throws (TypeError, RangeError, ...).
 *
 * An uncatchable exception (interrupt, OOM while reporting OOM) stays
 * pending until the host takes it: a later throw does not replace it.
 */
#include <stdio.h>
#include <stdlib.h>
#include "gc/gc_internal.h"
#include "vm/object.h"
#include "vm/string.h"
#include "vm/vm.h"

static const struct {
    IntrinsicId prototype;
    AtomId name;
} error_kinds[ERR_KIND_COUNT] = {
    [ERR_ERROR] = {INTR_ErrorPrototype, ATOM_Error},
    [ERR_EVAL] = {INTR_EvalErrorPrototype, ATOM_EvalError},
    [ERR_RANGE] = {INTR_RangeErrorPrototype, ATOM_RangeError},
    [ERR_REFERENCE] = {INTR_ReferenceErrorPrototype, ATOM_ReferenceError},
    [ERR_SYNTAX] = {INTR_SyntaxErrorPrototype, ATOM_SyntaxError},
    [ERR_TYPE] = {INTR_TypeErrorPrototype, ATOM_TypeError},
    [ERR_URI] = {INTR_URIErrorPrototype, ATOM_URIError},
    [ERR_AGGREGATE] = {INTR_AggregateErrorPrototype, ATOM_AggregateError},
};

Value throw_value(Context *ctx, Value v) {
    Runtime *rt = ctx->rt;
    if (rt->has_exception && rt->exception_uncatchable) return VAL_EXCEPTION;
    rt->exception = v;
    rt->has_exception = true;
    rt->exception_uncatchable = false;
    return VAL_EXCEPTION;
}

Value rt_take_exception(Runtime *rt) {
    Value v = rt->has_exception ? rt->exception : VAL_UNDEFINED;
    rt->exception = VAL_UNDEFINED;
    rt->has_exception = false;
    rt->exception_uncatchable = false;
    return gc_protect(rt, v); /* no longer rooted as the pending exception */
}

void rt_set_uncatchable(Runtime *rt, const char *message) {
    String *s = str_from_cstr(rt, message);
    rt->exception = s ? val_from_string(s) : VAL_UNDEFINED;
    rt->has_exception = true;
    rt->exception_uncatchable = true;
}

Value rt_throw_error(Runtime *rt, ErrorKind kind, const char *message) {
    if (rt->current && !rt->current->freed) return throw_error(rt->current, kind, "%s", message);
    rt_set_uncatchable(rt, message);
    return VAL_EXCEPTION;
}

/* "Name: message" followed by the backtrace lines, for the "stack" property. */
static String *stack_text(Context *ctx, ErrorKind kind, String *message) {
    Runtime *rt = ctx->rt;
    String *trace = vm_backtrace(ctx, 0);
    if (!trace) return NULL;
    StringBuilder sb;
    sb_init(&sb, rt);
    sb_append_string(&sb, atom_predefined(rt, error_kinds[kind].name));
    if (message && message->length) {
        sb_append_ascii(&sb, ": ");
        sb_append_string(&sb, message);
    }
    if (trace->length) {
        sb_append_unit(&sb, '\n');
        sb_append_string(&sb, trace);
    }
    return sb_finish(&sb);
}

/* Works before the realm's error intrinsics exist (while the realm is being
 * built): the prototype falls back to %Error.prototype%, then to
 * %Object.prototype%, then to null. */
Value error_new(Context *ctx, ErrorKind kind, String *message) {
    Runtime *rt = ctx->rt;
    if ((unsigned)kind >= ERR_KIND_COUNT) kind = ERR_ERROR;
    Value proto = ctx->intrinsics[error_kinds[kind].prototype];
    if (!val_is_object(proto)) proto = ctx->intrinsics[INTR_ErrorPrototype];
    if (!val_is_object(proto)) proto = ctx->intrinsics[INTR_ObjectPrototype];
    Object *o = obj_alloc(ctx, &class_error, val_is_object(proto) ? obj_from_value(proto) : NULL,
                          sizeof(Object));
    if (!o) return VAL_EXCEPTION;
    if (message &&
        obj_define_data_fast(ctx, o, KEY(rt, message), val_from_string(message), PROP_BUILTIN) < 0)
        return VAL_EXCEPTION;
    String *stack = stack_text(ctx, kind, message);
    if (!stack) return VAL_EXCEPTION;
    if (obj_define_data_fast(ctx, o, KEY(rt, stack), val_from_string(stack), PROP_BUILTIN) < 0)
        return VAL_EXCEPTION;
    return val_from_object(o);
}

Value throw_errorv(Context *ctx, ErrorKind kind, const char *fmt, va_list ap) {
    Runtime *rt = ctx->rt;
    char small[256];
    char *text = small, *big = NULL;
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    if (n < 0) {
        small[0] = '\0';
        n = 0;
    } else if ((size_t)n >= sizeof small) {
        big = malloc((size_t)n + 1);
        if (big) {
            vsnprintf(big, (size_t)n + 1, fmt, again);
            text = big;
        } else {
            n = (int)sizeof small - 1; /* keep the truncated message */
        }
    }
    va_end(again);

    HandleMark mark = gc_scope_open(rt);
    String *message = str_new_utf8(rt, text, (size_t)n);
    free(big);
    Value err = message ? error_new(ctx, kind, message) : VAL_EXCEPTION;
    if (!val_is_exception(err)) throw_value(ctx, err); /* rooted as the pending exception */
    gc_scope_close(rt, mark);
    return VAL_EXCEPTION;
}

Value throw_error(Context *ctx, ErrorKind kind, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    throw_errorv(ctx, kind, fmt, ap);
    va_end(ap);
    return VAL_EXCEPTION;
}
