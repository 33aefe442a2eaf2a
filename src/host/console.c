/*
 * console.c — print() and console.log/info/debug/warn/error for the CLI.
 *
 * Output follows node's console.log for the cases scripts meet: util.format
 * placeholders (%s %d %i %f %j %o %O %c %%), and util.inspect's layout with
 * its default options (depth 2, breakLength 80, compact 3, at most 100 array
 * items and 10000 characters of a nested string): strings quoted inside
 * containers, [Object] / [Array] past the depth, <ref *1> ... [Circular *1]
 * for cycles, class names before braces, errors as their stack, arrays of
 * short items grouped in columns, and an object on one line only when it
 * fits and nests at most three levels.
 *
 * Inspection reads own properties and data properties of prototypes only; it
 * never calls user code (getters print as [Getter] / [Setter] /
 * [Getter/Setter], proxies show their target). Only the placeholders %s, %d,
 * %i, %f and %j convert their argument as node does, which may run user
 * code (toString, valueOf, toJSON).
 *
 * Text is built as UTF-16 in malloc'd buffers, so widths are counted in code
 * units as node counts them and no heap value is held by the output.
 * Left out: the prototype properties node shows with %o (showHidden) for
 * class instances and typed arrays, custom inspect hooks, and the "...
 * lines matching cause stack trace" folding.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "builtins/collections.h"
#include "builtins/date.h"
#include "builtins/promise.h"
#include "builtins/regexp_object.h"
#include "builtins/typedarray.h"
#include "compiler/bytecode.h"
#include "host/host.h"
#include "mica.h"
#include "vm/conv.h"
#include "vm/function.h"
#include "vm/interp.h"
#include "vm/object.h"
#include "vm/string.h"

#define INSPECT_DEPTH 2
#define INSPECT_BREAK_LENGTH 80
#define INSPECT_COMPACT 3
#define INSPECT_MAX_ARRAY 100
#define INSPECT_MAX_STRING 10000
#define INSPECT_MIN_LINE_WIDTH 16
#define TEXT_MAX_UNITS (1u << 27) /* beyond this the output is refused */

/* ---- UTF-16 text buffers ------------------------------------------------------------ */

typedef struct Text {
    uint16_t *u;
    uint32_t len, cap;
} Text;

typedef struct TextList {
    Text *items;
    uint32_t count, cap;
} TextList;

typedef struct Inspector {
    Context *ctx;
    int depth;        /* levels shown in full below the top */
    bool show_hidden; /* %o: non-enumerable properties too, as [key] */
    int indent;       /* columns the current value starts at, for line breaks */
    int current_depth;
    Object **seen; /* the objects being formatted, outermost first */
    uint32_t seen_count, seen_cap;
    Object **circular; /* objects found in a cycle; index + 1 is the ref number */
    uint32_t circular_count, circular_cap;
    bool failed; /* out of memory, or output past TEXT_MAX_UNITS */
} Inspector;

static bool text_reserve(Inspector *in, Text *t, uint32_t extra) {
    if (in->failed) return false;
    if (extra > TEXT_MAX_UNITS - t->len) {
        in->failed = true;
        return false;
    }
    uint32_t need = t->len + extra;
    if (need <= t->cap) return true;
    uint32_t cap = t->cap ? t->cap : 32;
    while (cap < need)
        cap *= 2;
    uint16_t *u = realloc(t->u, (size_t)cap * sizeof *u);
    if (!u) {
        in->failed = true;
        return false;
    }
    t->u = u;
    t->cap = cap;
    return true;
}

static void text_unit(Inspector *in, Text *t, uint16_t c) {
    if (text_reserve(in, t, 1)) t->u[t->len++] = c;
}

static void text_ascii_n(Inspector *in, Text *t, const char *s, size_t n) {
    if (n > TEXT_MAX_UNITS || !text_reserve(in, t, (uint32_t)n)) return;
    for (size_t i = 0; i < n; i++)
        t->u[t->len++] = (uint8_t)s[i];
}

static void text_ascii(Inspector *in, Text *t, const char *s) {
    text_ascii_n(in, t, s, strlen(s));
}

static void text_printf(Inspector *in, Text *t, const char *fmt, ...) {
    char buf[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n > 0) text_ascii_n(in, t, buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

static void text_units(Inspector *in, Text *t, const uint16_t *u, uint32_t n) {
    if (n && text_reserve(in, t, n)) {
        memcpy(t->u + t->len, u, (size_t)n * sizeof *u);
        t->len += n;
    }
}

static void text_append(Inspector *in, Text *t, const Text *s) {
    text_units(in, t, s->u, s->len);
}

static void text_spaces(Inspector *in, Text *t, int n) {
    for (int i = 0; i < n; i++)
        text_unit(in, t, ' ');
}

/* The units [start, end) of s (flattened first). */
static void text_string_range(Inspector *in, Text *t, String *s, uint32_t start, uint32_t end) {
    if (!str_flatten(in->ctx->rt, s)) {
        rt_take_exception(in->ctx->rt);
        in->failed = true;
        return;
    }
    if (end <= start || !text_reserve(in, t, end - start)) return;
    for (uint32_t i = start; i < end; i++)
        t->u[t->len++] = str_at(s, i);
}

static void text_string(Inspector *in, Text *t, String *s) {
    text_string_range(in, t, s, 0, s->length);
}

static void text_free(Text *t) {
    free(t->u);
    t->u = NULL;
    t->len = t->cap = 0;
}

static bool text_has_newline(const Text *t) {
    for (uint32_t i = 0; i < t->len; i++)
        if (t->u[i] == '\n') return true;
    return false;
}

static bool text_equals_ascii(const Text *t, const char *s) {
    size_t n = strlen(s);
    if (t->len != n) return false;
    for (size_t i = 0; i < n; i++)
        if (t->u[i] != (uint8_t)s[i]) return false;
    return true;
}

static bool string_equals_ascii(String *s, const char *ascii) {
    return s && str_equal_ascii(s, ascii);
}

/* Takes ownership of *t (which is left empty). */
static void list_push(Inspector *in, TextList *l, Text *t) {
    if (l->count == l->cap) {
        uint32_t cap = l->cap ? l->cap * 2 : 8;
        Text *items = realloc(l->items, cap * sizeof *items);
        if (!items) {
            in->failed = true;
            text_free(t);
            return;
        }
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count++] = *t;
    *t = (Text){0};
}

static void list_free(TextList *l) {
    for (uint32_t i = 0; i < l->count; i++)
        text_free(&l->items[i]);
    free(l->items);
    *l = (TextList){0};
}

/* UTF-8 of t (lone surrogates become U+FFFD), NUL-terminated; NULL on OOM. */
static char *text_to_utf8(const Text *t, size_t *out_len) {
    char *out = malloc((size_t)t->len * 3 + 1), *p = out;
    if (!out) return NULL;
    for (uint32_t i = 0; i < t->len; i++) {
        uint32_t c = t->u[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < t->len && t->u[i + 1] >= 0xDC00 &&
            t->u[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (t->u[++i] - 0xDC00);
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            c = 0xFFFD;
        }
        if (c < 0x80) {
            *p++ = (char)c;
        } else if (c < 0x800) {
            *p++ = (char)(0xC0 | (c >> 6));
            *p++ = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            *p++ = (char)(0xE0 | (c >> 12));
            *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (char)(0x80 | (c & 0x3F));
        } else {
            *p++ = (char)(0xF0 | (c >> 18));
            *p++ = (char)(0x80 | ((c >> 12) & 0x3F));
            *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (char)(0x80 | (c & 0x3F));
        }
    }
    *p = '\0';
    if (out_len) *out_len = (size_t)(p - out);
    return out;
}

/* ---- reading objects without running user code -------------------------------------- */

/* A data property of o or its prototypes (proxies end the walk). */
static bool lookup_data(Object *o, PropKey k, Value *out) {
    for (int hops = 0; o && hops < 10000; o = o->proto, hops++) {
        if (obj_class(o) == CLASS_PROXY) return false;
        Value v;
        uint8_t attrs;
        if (obj_lookup_own_fast(o, k, &v, &attrs)) {
            if (attrs & PROP_ACCESSOR) return false;
            *out = v;
            return true;
        }
    }
    return false;
}

static bool own_descriptor(Inspector *in, Object *o, PropKey k, PropertyDescriptor *d) {
    Value r = obj_get_own_property(in->ctx, o, k, d);
    if (val_is_exception(r)) {
        rt_take_exception(in->ctx->rt);
        return false;
    }
    return r == VAL_TRUE;
}

/* The function's "name" (own or inherited data property), or NULL. */
static String *function_name(Inspector *in, Object *f) {
    Value name;
    if (lookup_data(f, KEY(in->ctx->rt, name), &name) && val_is_string(name))
        return val_as_string(name);
    return NULL;
}

static String *own_function_name(Inspector *in, Object *f) {
    Value name;
    uint8_t attrs;
    if (obj_lookup_own_fast(f, KEY(in->ctx->rt, name), &name, &attrs) && !(attrs & PROP_ACCESSOR) &&
        val_is_string(name))
        return val_as_string(name);
    return NULL;
}

/* Whether f.prototype is on o's prototype chain. */
static bool is_instance_of(Inspector *in, Object *o, Object *f) {
    Value proto;
    uint8_t attrs;
    if (!obj_lookup_own_fast(f, KEY(in->ctx->rt, prototype), &proto, &attrs) ||
        (attrs & PROP_ACCESSOR) || !val_is_object(proto))
        return false;
    for (Object *p = o->proto; p; p = p->proto)
        if (p == obj_from_value(proto)) return true;
    return false;
}

/* The name of the first constructor up the prototype chain of which o is an
 * instance; NULL when there is none (a null-prototype object). */
static String *constructor_name(Inspector *in, Object *o) {
    Runtime *rt = in->ctx->rt;
    for (Object *p = o; p; p = p->proto) {
        if (obj_class(p) == CLASS_PROXY) break;
        Value ctor;
        uint8_t attrs;
        if (obj_lookup_own_fast(p, KEY(rt, constructor), &ctor, &attrs) &&
            !(attrs & PROP_ACCESSOR) && val_is_callable(ctor)) {
            String *name = function_name(in, obj_from_value(ctor));
            if (name && name->length && is_instance_of(in, o, obj_from_value(ctor))) return name;
        }
    }
    return NULL;
}

/* Symbol.toStringTag when it says something the keys will not. */
static String *to_string_tag(Inspector *in, Object *o) {
    Runtime *rt = in->ctx->rt;
    PropKey k = KEY_SYM(rt, toStringTag);
    Value tag;
    if (!lookup_data(o, k, &tag) || !val_is_string(tag) || val_as_string(tag)->length == 0)
        return NULL;
    PropertyDescriptor d;
    if (own_descriptor(in, o, k, &d) && (in->show_hidden || (d.attrs & PROP_ENUMERABLE)))
        return NULL;
    return val_as_string(tag);
}

/* ---- primitives ------------------------------------------------------------------------ */

static bool is_lone_surrogate(String *s, uint32_t i, uint32_t end) {
    uint16_t c = str_at(s, i);
    if (c >= 0xD800 && c <= 0xDBFF)
        return !(i + 1 < end && str_at(s, i + 1) >= 0xDC00 && str_at(s, i + 1) <= 0xDFFF);
    if (c >= 0xDC00 && c <= 0xDFFF)
        return !(i > 0 && str_at(s, i - 1) >= 0xD800 && str_at(s, i - 1) <= 0xDBFF);
    return false;
}

/* s[start, end) as a quoted literal: single quotes unless the text has
 * some, then double quotes, then backticks; control characters escaped. */
static void append_quoted(Inspector *in, Text *t, String *s, uint32_t start, uint32_t end) {
    if (!str_flatten(in->ctx->rt, s)) {
        rt_take_exception(in->ctx->rt);
        in->failed = true;
        return;
    }
    bool single = false, dbl = false, back = false;
    for (uint32_t i = start; i < end; i++) {
        uint16_t c = str_at(s, i);
        single |= c == '\'';
        dbl |= c == '"';
        back |= c == '`' || (c == '$' && i + 1 < end && str_at(s, i + 1) == '{');
    }
    uint16_t quote = '\'';
    if (single) {
        if (!dbl)
            quote = '"';
        else if (!back)
            quote = '`';
    }
    text_unit(in, t, quote);
    for (uint32_t i = start; i < end; i++) {
        uint16_t c = str_at(s, i);
        switch (c) {
        case '\b': text_ascii(in, t, "\\b"); continue;
        case '\t': text_ascii(in, t, "\\t"); continue;
        case '\n': text_ascii(in, t, "\\n"); continue;
        case '\f': text_ascii(in, t, "\\f"); continue;
        case '\r': text_ascii(in, t, "\\r"); continue;
        case '\\': text_ascii(in, t, "\\\\"); continue;
        case '\'': text_ascii(in, t, quote == '\'' ? "\\'" : "'"); continue;
        default: break;
        }
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
            text_printf(in, t, "\\x%02X", c);
        else if (c >= 0xD800 && c <= 0xDFFF && is_lone_surrogate(s, i, end))
            text_printf(in, t, "\\u%04x", c);
        else
            text_unit(in, t, c);
    }
    text_unit(in, t, quote);
}

/* A string inside a container: quoted, cut at INSPECT_MAX_STRING, and split
 * after each newline into '...' + lines when it is long. */
static void format_string(Inspector *in, Text *t, String *s) {
    uint32_t len = s->length, remaining = 0;
    if (len > INSPECT_MAX_STRING) {
        remaining = len - INSPECT_MAX_STRING;
        len = INSPECT_MAX_STRING;
    }
    if (len > INSPECT_MIN_LINE_WIDTH && (int)len > INSPECT_BREAK_LENGTH - in->indent - 4) {
        if (!str_flatten(in->ctx->rt, s)) {
            rt_take_exception(in->ctx->rt);
            in->failed = true;
            return;
        }
        uint32_t line_start = 0;
        for (uint32_t i = 0; i < len; i++) {
            if (str_at(s, i) != '\n' || i + 1 == len) continue;
            append_quoted(in, t, s, line_start, i + 1);
            text_ascii(in, t, " +\n");
            text_spaces(in, t, in->indent + 2);
            line_start = i + 1;
        }
        append_quoted(in, t, s, line_start, len);
    } else {
        append_quoted(in, t, s, 0, len);
    }
    if (remaining)
        text_printf(in, t, "... %u more character%s", remaining, remaining > 1 ? "s" : "");
}

static void format_number(Inspector *in, Text *t, double d) {
    if (d == 0 && signbit(d)) {
        text_ascii(in, t, "-0");
        return;
    }
    String *s = str_from_double(in->ctx->rt, d);
    if (s)
        text_string(in, t, s);
    else {
        rt_take_exception(in->ctx->rt);
        in->failed = true;
    }
}

static void format_primitive(Inspector *in, Text *t, Value v) {
    Runtime *rt = in->ctx->rt;
    if (val_is_string(v)) {
        format_string(in, t, val_as_string(v));
    } else if (val_is_number(v)) {
        format_number(in, t, val_num(v));
    } else if (val_is_symbol(v)) {
        String *d = key_to_display_string(rt, v, false);
        if (d)
            text_string(in, t, d);
        else
            in->failed = true;
    } else {
        String *s = ToStringS(in->ctx, v);
        if (!s) {
            rt_take_exception(rt);
            in->failed = true;
            return;
        }
        text_string(in, t, s);
        if (val_is_bigint(v)) text_unit(in, t, 'n');
    }
}

/* ---- objects ----------------------------------------------------------------------------- */

typedef enum Extras { EXTRAS_OBJECT, EXTRAS_ARRAY } Extras;

static void format_value(Inspector *in, Text *t, Value v, int recurse);

/* node's getPrefix: "Ctor(size) [tag] ", or "[Fallback(size): null prototype] ". */
static void append_prefix(Inspector *in, Text *t, String *ctor, String *tag, const char *fallback,
                          const char *size) {
    if (!ctor) {
        text_unit(in, t, '[');
        text_ascii(in, t, fallback);
        text_ascii(in, t, size);
        text_ascii(in, t, ": null prototype] ");
        if (tag && !str_equal_ascii(tag, fallback)) {
            text_unit(in, t, '[');
            text_string(in, t, tag);
            text_ascii(in, t, "] ");
        }
        return;
    }
    text_string(in, t, ctor);
    text_ascii(in, t, size);
    text_unit(in, t, ' ');
    if (tag && !str_equal(tag, ctor)) {
        text_unit(in, t, '[');
        text_string(in, t, tag);
        text_ascii(in, t, "] ");
    }
}

static bool key_is_identifier(String *s) {
    if (s->length == 0) return false;
    for (uint32_t i = 0; i < s->length; i++) {
        uint16_t c = str_at(s, i);
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                  (i > 0 && c >= '0' && c <= '9');
        if (!ok) return false;
    }
    return true;
}

static void append_key_name(Inspector *in, Text *t, PropKey k, bool enumerable) {
    Runtime *rt = in->ctx->rt;
    if (key_is_symbol(k)) {
        String *d = key_to_display_string(rt, k, false);
        text_unit(in, t, '[');
        if (d) text_string(in, t, d);
        text_unit(in, t, ']');
        return;
    }
    String *s = key_is_index(k) ? str_from_int(rt, key_index(k)) : key_atom(k);
    if (!s || !str_flatten(rt, s)) {
        rt_take_exception(rt);
        in->failed = true;
        return;
    }
    if (str_equal_ascii(s, "__proto__")) {
        text_ascii(in, t, "['__proto__']");
    } else if (!enumerable) {
        text_unit(in, t, '[');
        text_string(in, t, s);
        text_unit(in, t, ']');
    } else if (key_is_identifier(s)) {
        text_string(in, t, s);
    } else {
        append_quoted(in, t, s, 0, s->length);
    }
}

/* One property as "key: value" (or just the value for array items). A key
 * that is not own (an inherited error "cause") shows its inherited value. */
static void format_property(Inspector *in, TextList *out, Object *o, PropKey k, int recurse,
                            Extras extras) {
    Text t = {0};
    PropertyDescriptor d;
    bool enumerable = true;
    if (own_descriptor(in, o, k, &d)) {
        enumerable = d.attrs & PROP_ENUMERABLE;
    } else {
        d = (PropertyDescriptor){
            .value = VAL_UNDEFINED, .getter = VAL_UNDEFINED, .setter = VAL_UNDEFINED};
        if (!lookup_data(o, k, &d.value)) d.value = VAL_UNDEFINED;
    }
    if (extras == EXTRAS_OBJECT) {
        append_key_name(in, &t, k, enumerable);
        text_ascii(in, &t, ": ");
    }
    if (desc_is_accessor(&d)) {
        bool get = !val_is_undefined(d.getter), set = !val_is_undefined(d.setter);
        text_ascii(in, &t, get && set ? "[Getter/Setter]" : get ? "[Getter]" : "[Setter]");
    } else {
        in->indent += 2;
        format_value(in, &t, d.value, recurse);
        in->indent -= 2;
    }
    list_push(in, out, &t);
}

static void push_ascii(Inspector *in, TextList *out, const char *s) {
    Text t = {0};
    text_ascii(in, &t, s);
    list_push(in, out, &t);
}

static void push_empty_items(Inspector *in, TextList *out, uint64_t n) {
    char buf[64];
    snprintf(buf, sizeof buf, "<%llu empty item%s>", (unsigned long long)n, n > 1 ? "s" : "");
    push_ascii(in, out, buf);
}

static void push_more_items(Inspector *in, TextList *out, uint64_t n) {
    char buf[64];
    snprintf(buf, sizeof buf, "... %llu more item%s", (unsigned long long)n, n > 1 ? "s" : "");
    push_ascii(in, out, buf);
}

/* Array items: at most INSPECT_MAX_ARRAY entries, a run of holes being one
 * "<n empty items>" entry. */
static void format_array_items(Inspector *in, TextList *out, Object *a, int recurse) {
    uint32_t len = array_length(a);
    uint32_t limit = len < INSPECT_MAX_ARRAY ? len : INSPECT_MAX_ARRAY;
    uint32_t i = 0;
    for (; i < limit; i++) {
        PropertyDescriptor d;
        if (!own_descriptor(in, a, key_from_index(i), &d)) break;
        format_property(in, out, a, key_from_index(i), recurse, EXTRAS_ARRAY);
    }
    if (i == limit) {
        if (len > limit) push_more_items(in, out, len - limit);
        return;
    }
    /* A hole at i: walk the own enumerable index keys from there. */
    ValueArray *keys = obj_own_property_keys(in->ctx, a);
    if (!keys) {
        rt_take_exception(in->ctx->rt);
        in->failed = true;
        return;
    }
    uint64_t index = i;
    for (uint32_t j = 0; j < keys->length && out->count < limit; j++) {
        PropKey k = keys->items[j];
        if (!key_is_index(k)) break;
        if (key_index(k) < index) continue;
        PropertyDescriptor d;
        if (!own_descriptor(in, a, k, &d) || !(d.attrs & PROP_ENUMERABLE)) continue;
        if (key_index(k) != index) {
            push_empty_items(in, out, key_index(k) - index);
            index = key_index(k);
            if (out->count == limit) break;
        }
        format_property(in, out, a, k, recurse, EXTRAS_ARRAY);
        index++;
    }
    uint64_t remaining = len - index;
    if (out->count != limit) {
        if (remaining > 0) push_empty_items(in, out, remaining);
    } else if (remaining > 0) {
        push_more_items(in, out, remaining);
    }
}

static void format_collection(Inspector *in, TextList *out, Object *o, bool is_map, int recurse) {
    KeyedCollection *c = (KeyedCollection *)o;
    uint32_t size = ot_size(c), shown = 0;
    OTCursor cur;
    ot_cursor_init(in->ctx->rt, &cur, c);
    Value key, value;
    in->indent += 2;
    while (shown < INSPECT_MAX_ARRAY && ot_cursor_next(in->ctx->rt, &cur, &key, &value)) {
        Text t = {0};
        format_value(in, &t, key, recurse);
        if (is_map) {
            text_ascii(in, &t, " => ");
            format_value(in, &t, value, recurse);
        }
        list_push(in, out, &t);
        shown++;
    }
    in->indent -= 2;
    if (size > shown) push_more_items(in, out, size - shown);
}

static void format_promise(Inspector *in, TextList *out, Object *p, int recurse) {
    PromiseState state = promise_state(p);
    if (state == PROMISE_PENDING) {
        push_ascii(in, out, "<pending>");
        return;
    }
    Text t = {0};
    if (state == PROMISE_REJECTED) text_ascii(in, &t, "<rejected> ");
    in->indent += 2;
    format_value(in, &t, promise_result(p), recurse);
    in->indent -= 2;
    list_push(in, out, &t);
}

/* node's groupArrayElements: short items of a long array in aligned columns
 * (numbers right-aligned). */
static void group_array_elements(Inspector *in, TextList *out, Object *array) {
    uint32_t total = 0, max_len = 0, count = out->count, data_count = count;
    if (count > INSPECT_MAX_ARRAY) data_count--; /* the "... more items" entry */
    for (uint32_t i = 0; i < data_count; i++) {
        uint32_t len = out->items[i].len;
        total += len + 2;
        if (len > max_len) max_len = len;
    }
    uint32_t actual_max = max_len + 2;
    if (!(actual_max * 3 + (uint32_t)in->indent < INSPECT_BREAK_LENGTH &&
          ((double)total / actual_max > 5 || max_len <= 6)))
        return;
    double average_bias = sqrt(actual_max - (double)total / count);
    double biased_max = fmax(actual_max - 3 - average_bias, 1);
    double columns = floor(sqrt(2.5 * biased_max * data_count) / biased_max + 0.5);
    columns = fmin(columns, floor((double)(INSPECT_BREAK_LENGTH - in->indent) / actual_max));
    columns = fmin(columns, INSPECT_COMPACT * 4);
    columns = fmin(columns, 15);
    if (columns <= 1) return;
    uint32_t cols = (uint32_t)columns;
    uint32_t max_line[15];
    for (uint32_t c = 0; c < cols; c++) {
        uint32_t line = 0;
        for (uint32_t j = c; j < data_count; j += cols)
            if (out->items[j].len > line) line = out->items[j].len;
        max_line[c] = line + 2;
    }
    bool pad_start = true;
    for (uint32_t i = 0; i < count && pad_start; i++) {
        PropertyDescriptor d;
        pad_start = own_descriptor(in, array, key_from_index(i), &d) && !desc_is_accessor(&d) &&
                    (val_is_number(d.value) || val_is_bigint(d.value));
    }
    TextList rows = {0};
    for (uint32_t i = 0; i < data_count; i += cols) {
        uint32_t end = i + cols < data_count ? i + cols : data_count;
        Text row = {0};
        for (uint32_t j = i; j < end; j++) {
            Text *item = &out->items[j];
            bool last = j == end - 1;
            uint32_t width = max_line[j - i] - (last ? 2 : 0);
            uint32_t own = item->len + (last ? 0 : 2);
            if (pad_start && own < width) text_spaces(in, &row, (int)(width - own));
            text_append(in, &row, item);
            if (!last) text_ascii(in, &row, ", ");
            if (!pad_start && !last && own < width) text_spaces(in, &row, (int)(width - own));
        }
        list_push(in, &rows, &row);
    }
    if (data_count < count) {
        Text more = out->items[data_count];
        out->items[data_count] = (Text){0};
        list_push(in, &rows, &more);
    }
    list_free(out);
    *out = rows;
}

/* node's isBelowBreakLength. */
static bool fits_on_line(const TextList *out, uint32_t start, const Text *base) {
    uint32_t total = out->count + start;
    if (total + out->count > INSPECT_BREAK_LENGTH) return false;
    for (uint32_t i = 0; i < out->count; i++) {
        total += out->items[i].len;
        if (total > INSPECT_BREAK_LENGTH) return false;
    }
    return !text_has_newline(base);
}

/* node's reduceToSingleString with compact = 3. */
static void reduce_to_single_string(Inspector *in, Text *t, TextList *out, const Text *base,
                                    const Text *open, const char *close, Extras extras, int recurse,
                                    Object *o) {
    uint32_t entries = out->count;
    if (extras == EXTRAS_ARRAY && entries > 6) group_array_elements(in, out, o);
    if (in->current_depth - recurse < INSPECT_COMPACT && entries == out->count) {
        uint32_t start = out->count + (uint32_t)in->indent + open->len + base->len + 10;
        if (fits_on_line(out, start, base)) {
            Text joined = {0};
            for (uint32_t i = 0; i < out->count; i++) {
                if (i) text_ascii(in, &joined, ", ");
                text_append(in, &joined, &out->items[i]);
            }
            if (!text_has_newline(&joined)) {
                if (base->len) {
                    text_append(in, t, base);
                    text_unit(in, t, ' ');
                }
                text_append(in, t, open);
                text_unit(in, t, ' ');
                text_append(in, t, &joined);
                text_unit(in, t, ' ');
                text_ascii(in, t, close);
                text_free(&joined);
                return;
            }
            text_free(&joined);
        }
    }
    if (base->len) {
        text_append(in, t, base);
        text_unit(in, t, ' ');
    }
    text_append(in, t, open);
    for (uint32_t i = 0; i < out->count; i++) {
        if (i) text_unit(in, t, ',');
        text_unit(in, t, '\n');
        text_spaces(in, t, in->indent + 2);
        text_append(in, t, &out->items[i]);
    }
    text_unit(in, t, '\n');
    text_spaces(in, t, in->indent);
    text_ascii(in, t, close);
}

/* Date.prototype.toISOString's form of a finite time value. */
static void format_iso_date(Inspector *in, Text *t, double tv) {
    int64_t year = YearFromTime(tv);
    char buf[48];
    if (year >= 0 && year <= 9999)
        snprintf(buf, sizeof buf, "%04lld", (long long)year);
    else
        snprintf(buf, sizeof buf, "%c%06lld", year < 0 ? '-' : '+',
                 (long long)(year < 0 ? -year : year));
    text_ascii(in, t, buf);
    snprintf(buf, sizeof buf, "-%02d-%02dT%02d:%02d:%02d.%03dZ", MonthFromTime(tv) + 1,
             DateFromTime(tv), HourFromTime(tv), MinFromTime(tv), SecFromTime(tv), msFromTime(tv));
    text_ascii(in, t, buf);
}

/* The first index >= from where t has needle (-1 if none). */
static int64_t text_find(const Text *t, uint32_t from, const uint16_t *needle, uint32_t n) {
    for (uint32_t i = from; i + n <= t->len; i++)
        if (memcmp(t->u + i, needle, (size_t)n * sizeof *needle) == 0) return i;
    return -1;
}

static int64_t text_find_ascii(const Text *t, uint32_t from, const char *needle) {
    uint16_t units[16];
    uint32_t n = 0;
    while (needle[n] && n < 16) {
        units[n] = (uint8_t)needle[n];
        n++;
    }
    return text_find(t, from, units, n);
}

/* Removes keys[index] from the key list. */
static void drop_key(ValueArray *keys, uint32_t index) {
    memmove(keys->items + index, keys->items + index + 1,
            (keys->length - index - 1) * sizeof *keys->items);
    keys->length--;
}

static int64_t find_key(ValueArray *keys, PropKey k) {
    for (uint32_t i = 0; i < keys->length; i++)
        if (keys->items[i] == k) return i;
    return -1;
}

/* A data property of err as text; false when absent or not a string. */
static bool error_field(Inspector *in, Object *err, PropKey k, Text *out) {
    Value v;
    if (!lookup_data(err, k, &v) || !val_is_string(v)) return false;
    text_string(in, out, val_as_string(v));
    return true;
}

/* node's formatError: the stack (or "[Name: message]" without frames),
 * named after the constructor when it differs, indented to the current
 * column. Drops keys the stack already shows; adds "cause". */
static void format_error(Inspector *in, Text *t, Object *err, String *ctor, String *tag,
                         ValueArray *keys) {
    Runtime *rt = in->ctx->rt;
    Text name = {0}, message = {0}, stack = {0};
    if (!error_field(in, err, KEY(rt, name), &name)) text_ascii(in, &name, "Error");
    bool has_message = error_field(in, err, KEY(rt, message), &message);
    if (!error_field(in, err, KEY(rt, stack), &stack)) {
        /* Error.prototype.toString */
        text_append(in, &stack, &name);
        if (message.len) {
            if (stack.len) text_ascii(in, &stack, ": ");
            text_append(in, &stack, &message);
        }
    }
    if (!in->show_hidden) {
        static const char *const names[] = {"name", "message", "stack"};
        for (int n = 0; n < 3; n++) {
            PropKey k = key_from_cstr(rt, names[n]);
            int64_t at = find_key(keys, k);
            Text value = {0};
            if (at >= 0 && error_field(in, err, k, &value) &&
                text_find(&stack, 0, value.u, value.len) >= 0)
                drop_key(keys, (uint32_t)at);
            text_free(&value);
        }
    }
    PropKey cause = KEY(rt, cause);
    PropertyDescriptor d;
    Value inherited;
    if (find_key(keys, cause) < 0 && keys->length < keys->capacity &&
        (own_descriptor(in, err, cause, &d) || lookup_data(err->proto, cause, &inherited)))
        keys->items[keys->length++] = cause;
    /* improveStack: "Ctor [name]: message" when the stack names another
     * class, for stacks that start "NameError" followed by ':' or a line end. */
    bool regular = name.len >= 5 && text_find_ascii(&name, name.len - 5, "Error") >= 0 &&
                   stack.len >= name.len &&
                   memcmp(stack.u, name.u, (size_t)name.len * sizeof *name.u) == 0 &&
                   (stack.len == name.len || stack.u[name.len] == ':' || stack.u[name.len] == '\n');
    if (ctor && regular) {
        Text prefix = {0};
        append_prefix(in, &prefix, ctor, tag, "Error", "");
        if (prefix.len) prefix.len--; /* the trailing space */
        bool same = prefix.len == name.len &&
                    memcmp(prefix.u, name.u, (size_t)name.len * sizeof *name.u) == 0;
        if (!same) {
            Text improved = {0};
            text_append(in, &improved, &prefix);
            if (text_find(&prefix, 0, name.u, name.len) < 0) {
                text_ascii(in, &improved, " [");
                text_append(in, &improved, &name);
                text_unit(in, &improved, ']');
            }
            text_units(in, &improved, stack.u + name.len, stack.len - name.len);
            text_free(&stack);
            stack = improved;
        }
        text_free(&prefix);
    }
    /* Frames start after the message (which may itself contain "at" lines). */
    int64_t from = has_message && message.len ? text_find(&stack, 0, message.u, message.len) : -1;
    from = from >= 0 ? from + message.len : 0;
    bool frames = text_find_ascii(&stack, (uint32_t)from, "\n    at") >= 0;
    if (!frames) text_unit(in, t, '[');
    for (uint32_t i = 0; i < stack.len; i++) {
        text_unit(in, t, stack.u[i]);
        if (stack.u[i] == '\n') text_spaces(in, t, in->indent);
    }
    if (!frames) text_unit(in, t, ']');
    text_free(&stack);
    text_free(&name);
    text_free(&message);
}

static void format_boxed(Inspector *in, Text *t, Object *o, String *ctor, String *tag) {
    ClassId cls = obj_class(o);
    const char *type = cls == CLASS_NUMBER    ? "Number"
                       : cls == CLASS_STRING  ? "String"
                       : cls == CLASS_BOOLEAN ? "Boolean"
                       : cls == CLASS_BIGINT  ? "BigInt"
                                              : "Symbol";
    text_unit(in, t, '[');
    text_ascii(in, t, type);
    if (!ctor) {
        text_ascii(in, t, " (null prototype)");
    } else if (!str_equal_ascii(ctor, type)) {
        text_ascii(in, t, " (");
        text_string(in, t, ctor);
        text_unit(in, t, ')');
    }
    text_ascii(in, t, ": ");
    format_primitive(in, t, ((PrimitiveObject *)o)->primitive);
    text_unit(in, t, ']');
    if (tag && !(ctor && str_equal(tag, ctor))) {
        text_ascii(in, t, " [");
        text_string(in, t, tag);
        text_unit(in, t, ']');
    }
}

static void format_function_base(Inspector *in, Text *t, Object *f, String *ctor, String *tag) {
    uint32_t flags = obj_is_bytecode_function(f) ? ((JSFunction *)f)->fb->flags : 0;
    if (flags & FB_CLASS_CONSTRUCTOR) {
        String *name = own_function_name(in, f);
        text_ascii(in, t, "[class ");
        if (name && name->length)
            text_string(in, t, name);
        else
            text_ascii(in, t, "(anonymous)");
        if (ctor && !str_equal_ascii(ctor, "Function")) {
            text_ascii(in, t, " [");
            text_string(in, t, ctor);
            text_unit(in, t, ']');
        }
        if (tag && !(ctor && str_equal(tag, ctor))) {
            text_ascii(in, t, " [");
            text_string(in, t, tag);
            text_unit(in, t, ']');
        }
        if (!ctor) {
            text_ascii(in, t, " extends [null prototype]");
        } else if (f->proto && obj_class(f->proto) != CLASS_PROXY) {
            String *super_name = function_name(in, f->proto);
            if (super_name && super_name->length) {
                text_ascii(in, t, " extends ");
                text_string(in, t, super_name);
            }
        }
        text_unit(in, t, ']');
        return;
    }
    const char *type = (flags & FB_ASYNC) && (flags & FB_GENERATOR) ? "AsyncGeneratorFunction"
                       : flags & FB_ASYNC                           ? "AsyncFunction"
                       : flags & FB_GENERATOR                       ? "GeneratorFunction"
                                                                    : "Function";
    text_unit(in, t, '[');
    text_ascii(in, t, type);
    if (!ctor) text_ascii(in, t, " (null prototype)");
    String *name = function_name(in, f);
    if (!name || name->length == 0) {
        text_ascii(in, t, " (anonymous)");
    } else {
        text_ascii(in, t, ": ");
        text_string(in, t, name);
    }
    text_unit(in, t, ']');
    if (ctor && !str_equal_ascii(ctor, type)) {
        text_unit(in, t, ' ');
        text_string(in, t, ctor);
    }
    if (tag && !(ctor && str_equal(tag, ctor))) {
        text_ascii(in, t, " [");
        text_string(in, t, tag);
        text_unit(in, t, ']');
    }
}

/* node's isError: an Error instance, or an object inheriting from
 * %Error.prototype%. */
static bool is_error_like(Inspector *in, Object *o) {
    if (obj_class(o) == CLASS_ERROR) return true;
    Object *error_prototype = ctx_intrinsic_obj(in->ctx, INTR_ErrorPrototype);
    for (Object *p = o->proto; p; p = p->proto)
        if (p == error_prototype) return true;
    return false;
}

/* The own keys that are shown: enumerable ones (all with show_hidden),
 * without the indices of arrays and String objects, which show themselves. */
static ValueArray *shown_keys(Inspector *in, Object *o) {
    ValueArray *keys = obj_own_property_keys(in->ctx, o);
    if (!keys) {
        rt_take_exception(in->ctx->rt);
        in->failed = true;
        return NULL;
    }
    ClassId cls = obj_class(o);
    uint32_t string_length = 0;
    if (cls == CLASS_STRING) {
        Value p = ((PrimitiveObject *)o)->primitive;
        if (val_is_string(p)) string_length = val_as_string(p)->length;
    }
    uint32_t kept = 0;
    for (uint32_t i = 0; i < keys->length; i++) {
        PropKey k = keys->items[i];
        if (key_is_index(k) &&
            (cls == CLASS_ARRAY || cls == CLASS_TYPED_ARRAY || key_index(k) < string_length))
            continue;
        if (cls == CLASS_STRING && key_is_atom(k) && str_equal_ascii(key_atom(k), "length"))
            continue;
        if (!in->show_hidden) {
            PropertyDescriptor d;
            if (!own_descriptor(in, o, k, &d) || !(d.attrs & PROP_ENUMERABLE)) continue;
        }
        keys->items[kept++] = k;
    }
    keys->length = kept;
    return keys;
}

static int64_t circular_index(Inspector *in, Object *o) {
    for (uint32_t i = 0; i < in->circular_count; i++)
        if (in->circular[i] == o) return i + 1;
    return 0;
}

static bool push_object(Inspector *in, Object ***list, uint32_t *count, uint32_t *cap, Object *o) {
    if (*count == *cap) {
        uint32_t n = *cap ? *cap * 2 : 8;
        Object **items = realloc(*list, n * sizeof *items);
        if (!items) {
            in->failed = true;
            return false;
        }
        *list = items;
        *cap = n;
    }
    (*list)[(*count)++] = o;
    return true;
}

/* node's formatTypedArray: the first INSPECT_MAX_ARRAY elements as numbers
 * (BigInts with their n), read from the buffer. */
static void format_typed_array_items(Inspector *in, TextList *out, ViewObject *ta, size_t len) {
    size_t shown = len < INSPECT_MAX_ARRAY ? len : INSPECT_MAX_ARRAY;
    size_t size = ta_element_size[ta->kind];
    for (size_t i = 0; i < shown && !in->failed; i++) {
        HandleMark mark = gc_scope_open(in->ctx->rt);
        Value v = ta_load_element(in->ctx, ta->buffer->data + ta->byte_offset + i * size,
                                  (TAKind)ta->kind, true);
        Text t = {0};
        if (val_is_exception(v)) {
            rt_take_exception(in->ctx->rt);
            in->failed = true;
        } else {
            format_primitive(in, &t, v);
        }
        list_push(in, out, &t);
        gc_scope_close(in->ctx->rt, mark);
    }
    if (len > shown) push_more_items(in, out, len - shown);
}

/* node's formatArrayBuffer: "[Uint8Contents]: <hex bytes>". */
static void format_array_buffer_contents(Inspector *in, TextList *out, ArrayBufferObject *b) {
    Text t = {0};
    if (b->detached) {
        text_ascii(in, &t, "(detached)");
        list_push(in, out, &t);
        return;
    }
    size_t shown = b->byte_length < INSPECT_MAX_ARRAY ? b->byte_length : INSPECT_MAX_ARRAY;
    text_ascii(in, &t, "[Uint8Contents]: <");
    for (size_t i = 0; i < shown; i++)
        text_printf(in, &t, i ? " %02x" : "%02x", b->data[i]);
    if (b->byte_length > shown) {
        size_t more = b->byte_length - shown;
        text_printf(in, &t, " ... %zu more byte%s", more, more > 1 ? "s" : "");
    }
    text_unit(in, &t, '>');
    list_push(in, out, &t);
}

/* "name: value" for the accessor-backed facts node lists first (an
 * ArrayBuffer's byteLength, a DataView's byteLength, byteOffset and buffer). */
static void push_named_value(Inspector *in, TextList *out, const char *name, Value v, int recurse) {
    Text t = {0};
    text_ascii(in, &t, name);
    text_ascii(in, &t, ": ");
    in->indent += 2;
    format_value(in, &t, v, recurse);
    in->indent -= 2;
    list_push(in, out, &t);
}

/* A DataView's byte length (GetViewByteLength), 0 when out of bounds. */
static size_t data_view_byte_length(const ViewObject *v) {
    const ArrayBufferObject *b = v->buffer;
    if (!b || b->detached || v->byte_offset > b->byte_length) return 0;
    if (v->length_tracking) return b->byte_length - v->byte_offset;
    return v->length > b->byte_length - v->byte_offset ? 0 : v->length;
}

typedef enum Formatter {
    FORMAT_NONE,
    FORMAT_ARRAY,
    FORMAT_SET,
    FORMAT_MAP,
    FORMAT_PROMISE,
    FORMAT_WEAK,
    FORMAT_TYPED_ARRAY,
    FORMAT_ARRAY_BUFFER,
    FORMAT_DATA_VIEW,
} Formatter;

/* node's formatRaw. */
static void format_raw(Inspector *in, Text *t, Object *o, int recurse) {
    Runtime *rt = in->ctx->rt;
    ClassId cls = obj_class(o);
    String *ctor = constructor_name(in, o);
    String *tag = to_string_tag(in, o);
    ValueArray *keys = shown_keys(in, o);
    if (!keys) return;
    Text base = {0}, open = {0};
    const char *close = "}";
    Formatter formatter = FORMAT_NONE;
    Extras extras = EXTRAS_OBJECT;
    char size[32];
    size_t typed_length = 0;
    String *regexp_text = NULL;

    if (cls == CLASS_REGEXP) {
        regexp_text = regexp_display_string(in->ctx, o);
        if (!regexp_text && rt->has_exception) {
            rt_take_exception(rt);
            in->failed = true;
            goto done;
        }
    }
    if (cls == CLASS_ARRAY) {
        uint32_t len = array_length(o);
        snprintf(size, sizeof size, "(%u)", len);
        if (!ctor || !str_equal_ascii(ctor, "Array") || tag)
            append_prefix(in, &open, ctor, tag, "Array", size);
        text_unit(in, &open, '[');
        close = "]";
        if (len == 0 && keys->length == 0) {
            text_append(in, t, &open);
            text_unit(in, t, ']');
            goto done;
        }
        extras = EXTRAS_ARRAY;
        formatter = FORMAT_ARRAY;
    } else if (cls == CLASS_SET || cls == CLASS_MAP) {
        uint32_t n = ot_size((KeyedCollection *)o);
        snprintf(size, sizeof size, "(%u)", n);
        append_prefix(in, &open, ctor, tag, cls == CLASS_SET ? "Set" : "Map", size);
        if (n == 0 && keys->length == 0) {
            text_append(in, t, &open);
            text_ascii(in, t, "{}");
            goto done;
        }
        text_unit(in, &open, '{');
        formatter = cls == CLASS_SET ? FORMAT_SET : FORMAT_MAP;
    } else if (cls == CLASS_TYPED_ARRAY) {
        ViewObject *ta = (ViewObject *)o;
        typed_length = ta->buffer ? ta_length_or_zero(ta) : 0;
        snprintf(size, sizeof size, "(%zu)", typed_length);
        /* The toStringTag getter of %TypedArray%.prototype names the kind,
         * which shows when a subclass's name differs from it. */
        String *kind = tag ? tag : str_from_cstr(rt, ta_names[ta->kind]);
        if (!kind) {
            rt_take_exception(rt);
            in->failed = true;
            goto done;
        }
        gc_protect(rt, val_from_string(kind));
        append_prefix(in, &open, ctor, kind, ta_names[ta->kind], size);
        text_unit(in, &open, '[');
        close = "]";
        if (typed_length == 0 && keys->length == 0) {
            text_append(in, t, &open);
            text_unit(in, t, ']');
            goto done;
        }
        extras = EXTRAS_ARRAY;
        formatter = FORMAT_TYPED_ARRAY;
    } else if (obj_is_callable(o)) {
        format_function_base(in, &base, o, ctor, tag);
        if (keys->length == 0) {
            text_append(in, t, &base);
            goto done;
        }
        text_unit(in, &open, '{');
    } else if (string_equals_ascii(ctor, "Object")) {
        if (cls == CLASS_ARGUMENTS || cls == CLASS_MAPPED_ARGUMENTS)
            text_ascii(in, &open, "[Arguments] ");
        else if (tag)
            append_prefix(in, &open, ctor, tag, "Object", "");
        text_unit(in, &open, '{');
        if (keys->length == 0) {
            text_append(in, t, &open);
            text_unit(in, t, '}');
            goto done;
        }
    } else if (regexp_text) {
        Text prefix = {0};
        append_prefix(in, &prefix, ctor, tag, "RegExp", "");
        if (!text_equals_ascii(&prefix, "RegExp ")) text_append(in, &base, &prefix);
        text_free(&prefix);
        text_string(in, &base, regexp_text);
        if (keys->length == 0 || recurse > in->depth) {
            text_append(in, t, &base);
            goto done;
        }
        text_unit(in, &open, '{');
    } else if (cls == CLASS_ARRAY_BUFFER) {
        append_prefix(in, &open, ctor, tag, "ArrayBuffer", "");
        text_unit(in, &open, '{');
        formatter = FORMAT_ARRAY_BUFFER;
    } else if (cls == CLASS_DATA_VIEW) {
        append_prefix(in, &open, ctor, tag, "DataView", "");
        text_unit(in, &open, '{');
        formatter = FORMAT_DATA_VIEW;
    } else if (cls == CLASS_DATE) {
        double tv = ((DateObject *)o)->time_value;
        Text prefix = {0};
        append_prefix(in, &prefix, ctor, tag, "Date", "");
        if (!text_equals_ascii(&prefix, "Date ")) text_append(in, &base, &prefix);
        text_free(&prefix);
        if (isnan(tv))
            text_ascii(in, &base, "Invalid Date");
        else
            format_iso_date(in, &base, tv);
        if (keys->length == 0) {
            text_append(in, t, &base);
            goto done;
        }
        text_unit(in, &open, '{');
    } else if (is_error_like(in, o)) {
        format_error(in, &base, o, ctor, tag, keys);
        if (keys->length == 0) {
            text_append(in, t, &base);
            goto done;
        }
        text_unit(in, &open, '{');
    } else if (cls == CLASS_PROMISE) {
        append_prefix(in, &open, ctor, tag, "Promise", "");
        text_unit(in, &open, '{');
        formatter = FORMAT_PROMISE;
    } else if (cls == CLASS_WEAKMAP || cls == CLASS_WEAKSET) {
        append_prefix(in, &open, ctor, tag, cls == CLASS_WEAKMAP ? "WeakMap" : "WeakSet", "");
        text_unit(in, &open, '{');
        formatter = FORMAT_WEAK;
    } else if (cls == CLASS_NUMBER || cls == CLASS_STRING || cls == CLASS_BOOLEAN ||
               cls == CLASS_SYMBOL || cls == CLASS_BIGINT) {
        format_boxed(in, &base, o, ctor, tag);
        if (keys->length == 0) {
            text_append(in, t, &base);
            goto done;
        }
        text_unit(in, &open, '{');
    } else {
        append_prefix(in, &open, ctor, tag, "Object", "");
        text_unit(in, &open, '{');
        if (keys->length == 0) {
            text_append(in, t, &open);
            text_unit(in, t, '}');
            goto done;
        }
    }

    if (recurse > in->depth) {
        Text name = {0};
        append_prefix(in, &name, ctor, tag, "Object", "");
        if (name.len) name.len--;
        if (ctor) text_unit(in, t, '[');
        text_append(in, t, &name);
        if (ctor) text_unit(in, t, ']');
        text_free(&name);
        goto done;
    }

    recurse++;
    if (!push_object(in, &in->seen, &in->seen_count, &in->seen_cap, o)) goto done;
    in->current_depth = recurse;
    TextList output = {0};
    switch (formatter) {
    case FORMAT_ARRAY: format_array_items(in, &output, o, recurse); break;
    case FORMAT_SET: format_collection(in, &output, o, false, recurse); break;
    case FORMAT_MAP: format_collection(in, &output, o, true, recurse); break;
    case FORMAT_PROMISE: format_promise(in, &output, o, recurse); break;
    case FORMAT_WEAK: push_ascii(in, &output, "<items unknown>"); break;
    case FORMAT_TYPED_ARRAY:
        format_typed_array_items(in, &output, (ViewObject *)o, typed_length);
        break;
    case FORMAT_ARRAY_BUFFER: {
        ArrayBufferObject *b = (ArrayBufferObject *)o;
        format_array_buffer_contents(in, &output, b);
        push_named_value(in, &output, "byteLength", val_from_number((double)b->byte_length),
                         recurse);
        break;
    }
    case FORMAT_DATA_VIEW: {
        ViewObject *v = (ViewObject *)o;
        push_named_value(in, &output, "byteLength",
                         val_from_number((double)data_view_byte_length(v)), recurse);
        push_named_value(in, &output, "byteOffset", val_from_number((double)v->byte_offset),
                         recurse);
        push_named_value(in, &output, "buffer",
                         v->buffer ? val_from_object(&v->buffer->base) : VAL_UNDEFINED, recurse);
        break;
    }
    case FORMAT_NONE: break;
    }
    for (uint32_t i = 0; i < keys->length && !in->failed; i++) {
        HandleMark mark = gc_scope_open(rt);
        format_property(in, &output, o, keys->items[i], recurse, EXTRAS_OBJECT);
        gc_scope_close(rt, mark);
    }
    in->seen_count--;
    int64_t ref = circular_index(in, o);
    if (ref) {
        Text with_ref = {0};
        text_printf(in, &with_ref, "<ref *%lld>", (long long)ref);
        if (base.len) {
            text_unit(in, &with_ref, ' ');
            text_append(in, &with_ref, &base);
        }
        text_free(&base);
        base = with_ref;
    }
    reduce_to_single_string(in, t, &output, &base, &open, close, extras, recurse, o);
    list_free(&output);
done:
    text_free(&base);
    text_free(&open);
}

/* node's formatValue. */
static void format_value(Inspector *in, Text *t, Value v, int recurse) {
    if (in->failed) return;
    if (!val_is_object(v)) {
        format_primitive(in, t, v);
        return;
    }
    Object *o = obj_from_value(v);
    /* A proxy shows its target; its traps never run. */
    for (int hops = 0; obj_class(o) == CLASS_PROXY; hops++) {
        ProxyObject *p = (ProxyObject *)o;
        if (!p->target || hops > 10000) {
            text_ascii(in, t, "<Revoked Proxy>");
            return;
        }
        o = p->target;
    }
    for (uint32_t i = 0; i < in->seen_count; i++) {
        if (in->seen[i] != o) continue;
        int64_t ref = circular_index(in, o);
        if (!ref) {
            if (!push_object(in, &in->circular, &in->circular_count, &in->circular_cap, o)) return;
            ref = in->circular_count;
        }
        text_printf(in, t, "[Circular *%lld]", (long long)ref);
        return;
    }
    HandleMark mark = gc_scope_open(in->ctx->rt);
    format_raw(in, t, o, recurse);
    gc_scope_close(in->ctx->rt, mark);
}

/* util.inspect(v) with the given depth / showHidden, appended to t. */
static bool inspect_into(Context *ctx, Text *t, Value v, int depth, bool show_hidden) {
    Inspector in = {.ctx = ctx, .depth = depth, .show_hidden = show_hidden};
    Text out = {0};
    format_value(&in, &out, v, 0);
    free(in.seen);
    free(in.circular);
    if (!in.failed) {
        Inspector appender = {.ctx = ctx};
        text_append(&appender, t, &out);
        in.failed = appender.failed;
    }
    text_free(&out);
    return !in.failed;
}

/* ---- util.format ---------------------------------------------------------------------- */

/* node's hasBuiltInToString, approximated: the toString that applies is
 * inherited from an object whose constructor is a built-in (native)
 * function, or there is none. */
static bool has_builtin_to_string(Context *ctx, Object *o) {
    Runtime *rt = ctx->rt;
    PropKey k = KEY(rt, toString);
    Value fn;
    if (!lookup_data(o, k, &fn) || !val_is_callable(fn)) return true;
    if (obj_lookup_own_fast(o, k, NULL, NULL)) return false;
    for (Object *p = o->proto; p; p = p->proto) {
        if (!obj_lookup_own_fast(p, k, NULL, NULL)) continue;
        Value c;
        uint8_t attrs;
        return obj_lookup_own_fast(p, KEY(rt, constructor), &c, &attrs) &&
               !(attrs & PROP_ACCESSOR) && val_is_callable(c) &&
               obj_class(obj_from_value(c)) == CLASS_NATIVE_FUNCTION;
    }
    return true;
}

static bool append_number_of(Context *ctx, Text *t, Value n, Inspector *in) {
    if (val_is_exception(n)) return false;
    format_primitive(in, t, n);
    return !in->failed;
}

/* Calls the intrinsic fn (parseInt, parseFloat) on v. */
static Value call_intrinsic(Context *ctx, IntrinsicId id, Value v) {
    return Call(ctx, ctx_intrinsic(ctx, id), VAL_UNDEFINED, 1, &v);
}

/* %j: JSON.stringify, "[Circular]" for a cyclic value, "undefined" for none. */
static bool append_json(Context *ctx, Text *t, Value v, Inspector *in) {
    Runtime *rt = ctx->rt;
    Value stringify = Get(ctx, ctx_intrinsic_obj(ctx, INTR_JSON), key_from_cstr(rt, "stringify"));
    if (val_is_exception(stringify)) return false;
    Value r = Call(ctx, stringify, ctx_intrinsic(ctx, INTR_JSON), 1, &v);
    if (val_is_exception(r)) {
        Value exc = rt->exception;
        Value msg;
        if (val_is_object(exc) && obj_class(obj_from_value(exc)) == CLASS_ERROR &&
            lookup_data(obj_from_value(exc), KEY(rt, message), &msg) && val_is_string(msg)) {
            String *m = val_as_string(msg);
            String *needle = str_from_cstr(rt, "circular");
            if (needle && str_index_of(m, needle, 0) >= 0) {
                rt_take_exception(rt);
                text_ascii(in, t, "[Circular]");
                return !in->failed;
            }
        }
        return false;
    }
    if (val_is_string(r))
        text_string(in, t, val_as_string(r));
    else
        text_ascii(in, t, "undefined");
    return !in->failed;
}

/* The arguments of console.log as node's util.format renders them. false:
 * a conversion threw (exception pending) or out of memory (in->failed). */
static bool format_args(Context *ctx, Text *t, int argc, const Value *argv, Inspector *in) {
    int a = 0;
    bool joined = false;
    if (argc > 0 && val_is_string(argv[0])) {
        String *f = val_as_string(argv[0]);
        if (argc == 1) {
            text_string(in, t, f);
            return !in->failed;
        }
        if (!str_flatten(ctx->rt, f)) return false;
        uint32_t last = 0;
        for (uint32_t i = 0; i + 1 < f->length; i++) {
            if (str_at(f, i) != '%') continue;
            uint16_t c = str_at(f, ++i);
            if (a + 1 == argc) {
                if (c == '%') {
                    text_string_range(in, t, f, last, i);
                    last = i + 1;
                }
                continue;
            }
            Text arg = {0};
            bool ok = true;
            switch (c) {
            case 's': {
                Value v = argv[++a];
                if (val_is_number(v) || val_is_bigint(v)) {
                    format_primitive(in, &arg, v);
                } else if (val_is_symbol(v)) {
                    format_primitive(in, &arg, v);
                } else if (val_is_object(v) && has_builtin_to_string(ctx, obj_from_value(v))) {
                    ok = inspect_into(ctx, &arg, v, 0, false);
                    if (!ok) in->failed = true;
                } else {
                    String *s = ToStringS(ctx, v);
                    if (s)
                        text_string(in, &arg, s);
                    else
                        ok = false;
                }
                break;
            }
            case 'j': ok = append_json(ctx, &arg, argv[++a], in); break;
            case 'd': {
                Value v = argv[++a];
                if (val_is_bigint(v))
                    format_primitive(in, &arg, v);
                else if (val_is_symbol(v))
                    text_ascii(in, &arg, "NaN");
                else
                    ok = append_number_of(ctx, &arg, ToNumber(ctx, v), in);
                break;
            }
            case 'i': {
                Value v = argv[++a];
                if (val_is_bigint(v))
                    format_primitive(in, &arg, v);
                else if (val_is_symbol(v))
                    text_ascii(in, &arg, "NaN");
                else
                    ok = append_number_of(ctx, &arg, call_intrinsic(ctx, INTR_ParseInt, v), in);
                break;
            }
            case 'f': {
                Value v = argv[++a];
                if (val_is_symbol(v))
                    text_ascii(in, &arg, "NaN");
                else
                    ok = append_number_of(ctx, &arg, call_intrinsic(ctx, INTR_ParseFloat, v), in);
                break;
            }
            case 'O':
                ok = inspect_into(ctx, &arg, argv[++a], INSPECT_DEPTH, false);
                if (!ok) in->failed = true;
                break;
            case 'o':
                ok = inspect_into(ctx, &arg, argv[++a], 4, true);
                if (!ok) in->failed = true;
                break;
            case 'c': a++; break;
            case '%':
                text_string_range(in, t, f, last, i);
                last = i + 1;
                continue;
            default: continue;
            }
            if (!ok) {
                text_free(&arg);
                return false;
            }
            if (last != i - 1) text_string_range(in, t, f, last, i - 1);
            text_append(in, t, &arg);
            text_free(&arg);
            last = i + 1;
        }
        if (last != 0) {
            a++;
            joined = true;
            if (last < f->length) text_string_range(in, t, f, last, f->length);
        }
    }
    for (; a < argc; a++) {
        if (joined) text_unit(in, t, ' ');
        joined = true;
        if (val_is_string(argv[a])) {
            text_string(in, t, val_as_string(argv[a]));
        } else if (!inspect_into(ctx, t, argv[a], INSPECT_DEPTH, false)) {
            in->failed = true;
            return false;
        }
    }
    return !in->failed;
}

/* The arguments of print / console.log as one line of text (malloc'd UTF-8).
 * NULL: an exception is pending (a conversion threw, or out of memory). */
char *host_inspect(Context *ctx, int argc, const Value *argv) {
    Inspector in = {.ctx = ctx};
    Text t = {0};
    HandleMark mark = gc_scope_open(ctx->rt);
    bool ok = format_args(ctx, &t, argc, argv, &in);
    gc_scope_close(ctx->rt, mark);
    char *out = ok ? text_to_utf8(&t, NULL) : NULL;
    text_free(&t);
    if (ok && !out) in.failed = true;
    if (in.failed && !ctx->rt->has_exception)
        throw_range_error(ctx, "console: out of memory while formatting");
    return out;
}

/* Errors (anything with a string stack) and objects with their own
 * toString show as the engine reports them ("Name: message" and the stack);
 * other values as console.log shows them, as node does. */
char *host_exception_text(mica_context *mctx, mica_value exception) {
    Context *ctx = (Context *)mctx;
    if (mica_is_object(exception)) {
        char *report = mica_exception_report(mctx, exception);
        if (report && strncmp(report, "[object ", 8) != 0) {
            char *copy = strdup(report);
            mica_free(report);
            return copy;
        }
        mica_free(report);
    }
    Value v = (Value)exception;
    bool had = ctx->rt->has_exception;
    Value pending = ctx->rt->exception;
    ctx->rt->has_exception = false;
    char *text = host_inspect(ctx, 1, &v);
    if (!text) {
        rt_take_exception(ctx->rt);
        text = strdup("exception");
    }
    ctx->rt->has_exception = had;
    ctx->rt->exception = pending;
    return text;
}

static Value print_to(Context *ctx, FILE *f, int argc, const Value *argv) {
    char *text = host_inspect(ctx, argc, argv);
    if (!text) return VAL_EXCEPTION;
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
        BP_FUNC_MAGIC("log", host_print, 0, 0),   BP_FUNC_MAGIC("info", host_print, 0, 0),
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
