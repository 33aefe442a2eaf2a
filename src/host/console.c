/*
 * console.c — print() and console.log/info/warn/error for the CLI.
 *
 * Top-level strings print as they are; inside containers values are shown
 * the way node's inspector shows them: strings quoted, nested objects to a
 * fixed depth, cycles marked [Circular], functions as [Function: name].
 * Inspection reads only own properties and never calls user getters
 * (accessors print as [Getter] / [Setter] / [Getter/Setter]).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "host/host.h"
#include "util/dtoa.h"
#include "vm/conv.h"
#include "vm/function.h"
#include "vm/object.h"
#include "vm/string.h"

#define INSPECT_MAX_DEPTH 2
#define INSPECT_MAX_ITEMS 100

typedef struct Inspector {
    Context *ctx;
    StringBuilder sb;
    Object *seen[INSPECT_MAX_DEPTH + 2];
    int depth;
} Inspector;

static void inspect_value(Inspector *in, Value v, bool top);

static void append_quoted(Inspector *in, String *s) {
    if (!str_flatten(in->ctx->rt, s)) return;
    sb_append_unit(&in->sb, '\'');
    for (uint32_t i = 0; i < s->length; i++) {
        uint16_t c = str_at(s, i);
        switch (c) {
        case '\'': sb_append_ascii(&in->sb, "\\'"); break;
        case '\\': sb_append_ascii(&in->sb, "\\\\"); break;
        case '\n': sb_append_ascii(&in->sb, "\\n"); break;
        case '\r': sb_append_ascii(&in->sb, "\\r"); break;
        case '\t': sb_append_ascii(&in->sb, "\\t"); break;
        default: sb_append_unit(&in->sb, c);
        }
    }
    sb_append_unit(&in->sb, '\'');
}

static bool is_identifier_name(String *s) {
    if (s->length == 0) return false;
    for (uint32_t i = 0; i < s->length; i++) {
        uint16_t c = str_at(s, i);
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$' ||
                  (i > 0 && c >= '0' && c <= '9');
        if (!ok) return false;
    }
    return true;
}

static void append_key(Inspector *in, PropKey k) {
    Runtime *rt = in->ctx->rt;
    if (key_is_index(k)) {
        char buf[16];
        snprintf(buf, sizeof buf, "%u", key_index(k));
        sb_append_ascii(&in->sb, buf);
    } else if (key_is_symbol(k)) {
        String *d = key_to_display_string(rt, k, true);
        if (d) sb_append_string(&in->sb, d);
    } else {
        String *s = key_atom(k);
        if (is_identifier_name(s))
            sb_append_string(&in->sb, s);
        else
            append_quoted(in, s);
    }
}

static String *function_name(Context *ctx, Object *f) {
    Value name;
    uint8_t attrs;
    if (obj_lookup_own_fast(f, KEY(ctx->rt, name), &name, &attrs) && !(attrs & PROP_ACCESSOR) &&
        val_is_string(name))
        return val_as_string(name);
    return NULL;
}

/* Own enumerable properties as "key: value" items; indices skipped when
 * skip_indices (arrays print those themselves). */
static int inspect_own_props(Inspector *in, Object *o, bool skip_indices, int count) {
    Context *ctx = in->ctx;
    ValueArray *keys = obj_own_property_keys(ctx, o);
    if (!keys) {
        rt_take_exception(ctx->rt);
        return count;
    }
    for (uint32_t i = 0; i < keys->length; i++) {
        PropKey k = keys->items[i];
        if (skip_indices && key_is_index(k)) continue;
        PropertyDescriptor d;
        Value r = obj_get_own_property(ctx, o, k, &d);
        if (val_is_exception(r)) {
            rt_take_exception(ctx->rt);
            continue;
        }
        if (r != VAL_TRUE || !(d.attrs & PROP_ENUMERABLE)) continue;
        sb_append_ascii(&in->sb, count++ > 0 ? ", " : " ");
        if (count > INSPECT_MAX_ITEMS) {
            sb_append_ascii(&in->sb, "...");
            break;
        }
        append_key(in, k);
        sb_append_ascii(&in->sb, ": ");
        if (desc_is_accessor(&d)) {
            bool g = !val_is_undefined(d.getter), s = !val_is_undefined(d.setter);
            sb_append_ascii(&in->sb, g && s ? "[Getter/Setter]" : g ? "[Getter]" : "[Setter]");
        } else {
            inspect_value(in, d.value, false);
        }
    }
    return count;
}

static void inspect_object(Inspector *in, Object *o) {
    Context *ctx = in->ctx;
    for (int i = 0; i < in->depth; i++) {
        if (in->seen[i] == o) {
            sb_append_ascii(&in->sb, "[Circular]");
            return;
        }
    }
    ClassId cls = obj_class(o);
    if (obj_is_callable(o)) {
        String *name = function_name(ctx, o);
        sb_append_ascii(&in->sb, "[Function");
        if (name && name->length) {
            sb_append_ascii(&in->sb, ": ");
            sb_append_string(&in->sb, name);
        } else {
            sb_append_ascii(&in->sb, " (anonymous)");
        }
        sb_append_ascii(&in->sb, "]");
        return;
    }
    if (cls == CLASS_ERROR) {
        Value stack;
        uint8_t attrs;
        if (obj_lookup_own_fast(o, KEY(ctx->rt, stack), &stack, &attrs) && val_is_string(stack)) {
            if (in->depth > 0) sb_append_unit(&in->sb, '[');
            sb_append_string(&in->sb, val_as_string(stack));
            if (in->depth > 0) sb_append_unit(&in->sb, ']');
            return;
        }
    }
    if (in->depth > INSPECT_MAX_DEPTH) {
        sb_append_ascii(&in->sb, cls == CLASS_ARRAY ? "[Array]" : "[Object]");
        return;
    }
    in->seen[in->depth++] = o;
    if (cls == CLASS_ARRAY) {
        uint32_t len = array_length(o);
        int count = 0;
        sb_append_ascii(&in->sb, "[");
        uint32_t holes = 0;
        for (uint32_t i = 0; i < len && count <= INSPECT_MAX_ITEMS; i++) {
            PropertyDescriptor d;
            Value r = obj_get_own_property(ctx, o, key_from_index(i), &d);
            if (val_is_exception(r)) rt_take_exception(ctx->rt);
            if (r != VAL_TRUE) {
                holes++;
                continue;
            }
            if (holes) {
                char buf[48];
                snprintf(buf, sizeof buf, "%s<%u empty item%s>", count++ ? ", " : " ", holes,
                         holes == 1 ? "" : "s");
                sb_append_ascii(&in->sb, buf);
                holes = 0;
            }
            sb_append_ascii(&in->sb, count++ ? ", " : " ");
            if (count > INSPECT_MAX_ITEMS) {
                sb_append_ascii(&in->sb, "...");
                break;
            }
            if (desc_is_accessor(&d))
                sb_append_ascii(&in->sb, "[Getter/Setter]");
            else
                inspect_value(in, d.value, false);
        }
        if (holes) {
            char buf[48];
            snprintf(buf, sizeof buf, "%s<%u empty item%s>", count++ ? ", " : " ", holes,
                     holes == 1 ? "" : "s");
            sb_append_ascii(&in->sb, buf);
        }
        count = inspect_own_props(in, o, true, count);
        sb_append_ascii(&in->sb, count ? " ]" : "]");
    } else {
        if (cls == CLASS_NUMBER || cls == CLASS_STRING || cls == CLASS_BOOLEAN) {
            sb_append_ascii(&in->sb, cls == CLASS_NUMBER   ? "[Number: "
                                     : cls == CLASS_STRING ? "[String: "
                                                           : "[Boolean: ");
            inspect_value(in, ((PrimitiveObject *)o)->primitive, false);
            sb_append_ascii(&in->sb, "]");
            in->depth--;
            return;
        }
        if (!o->proto) sb_append_ascii(&in->sb, "[Object: null prototype] ");
        sb_append_ascii(&in->sb, "{");
        int count = inspect_own_props(in, o, false, 0);
        sb_append_ascii(&in->sb, count ? " }" : "}");
    }
    in->depth--;
}

static void inspect_value(Inspector *in, Value v, bool top) {
    Runtime *rt = in->ctx->rt;
    if (val_is_string(v)) {
        if (top)
            sb_append_string(&in->sb, val_as_string(v));
        else
            append_quoted(in, val_as_string(v));
    } else if (val_is_object(v)) {
        inspect_object(in, obj_from_value(v));
    } else if (val_is_symbol(v)) {
        String *d = key_to_display_string(rt, v, false);
        if (d) sb_append_string(&in->sb, d);
    } else if (val_is_number(v) && val_num(v) == 0 && signbit(val_num(v))) {
        sb_append_ascii(&in->sb, "-0");
    } else {
        String *s = ToStringS(in->ctx, v);
        if (s)
            sb_append_string(&in->sb, s);
        else
            rt_take_exception(rt);
    }
}

/* The arguments of print / console.log as one line of text (malloc'd). */
char *host_inspect(Context *ctx, int argc, const Value *argv) {
    Inspector in = {.ctx = ctx};
    HandleMark mark = gc_scope_open(ctx->rt);
    sb_init(&in.sb, ctx->rt);
    for (int i = 0; i < argc; i++) {
        if (i) sb_append_unit(&in.sb, ' ');
        inspect_value(&in, argv[i], true);
    }
    String *s = sb_finish(&in.sb);
    char *out = s ? str_to_utf8(ctx->rt, s, NULL) : NULL;
    if (!s) rt_take_exception(ctx->rt);
    gc_scope_close(ctx->rt, mark);
    return out;
}

static Value print_to(Context *ctx, FILE *f, int argc, const Value *argv) {
    char *text = host_inspect(ctx, argc, argv);
    if (!text) return throw_range_error(ctx, "out of memory while printing");
    fputs(text, f);
    fputc('\n', f);
    free(text);
    if (f == stdout && host_flush_stdout) fflush(stdout);
    return VAL_UNDEFINED;
}

bool host_flush_stdout = false;

static Value host_print(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    return print_to(ctx, magic ? stderr : stdout, argc, argv);
}

int host_install_console(Context *ctx) {
    Runtime *rt = ctx->rt;
    static const BuiltinProp console_props[] = {
        BP_FUNC_MAGIC("log", host_print, 0, 0),  BP_FUNC_MAGIC("info", host_print, 0, 0),
        BP_FUNC_MAGIC("debug", host_print, 0, 0), BP_FUNC_MAGIC("warn", host_print, 0, 1),
        BP_FUNC_MAGIC("error", host_print, 0, 1),
    };
    static const BuiltinProp global_props[] = {
        BP_FUNC_MAGIC("print", host_print, 0, 0),
    };
    HandleMark mark = gc_scope_open(rt);
    Object *console = obj_new_plain(ctx);
    int r = -1;
    if (console && builtins_install(ctx, console, console_props, BP_COUNT(console_props)) == 0 &&
        obj_define_data_fast(ctx, ctx->global, key_from_cstr(rt, "console"),
                             val_from_object(console), PROP_BUILTIN) == 0 &&
        builtins_install(ctx, ctx->global, global_props, BP_COUNT(global_props)) == 0)
        r = 0;
    gc_scope_close(rt, mark);
    return r;
}
