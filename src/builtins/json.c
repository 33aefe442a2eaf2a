/*
 * json.c — the JSON object (#sec-json-object): JSON.parse with a reviver and
 * JSON.stringify with replacer function/array and indentation.
 *
 * JSON.parse is a hand-written ECMA-404 parser over the flattened string. It
 * keeps the containers under construction on an explicit stack (a rooted
 * ValueArray), so nesting depth is bounded only by memory, never by the C
 * stack. Objects are built with CreateDataProperty semantics ("__proto__" is
 * an ordinary key there; a later duplicate key overwrites the value).
 *
 * JSON.stringify streams its output into one StringBuilder instead of
 * building the spec's `partial` lists: a member whose value serializes to
 * undefined is cut off again (the builder is truncated to where the member
 * began), which is unobservable. Serialization recurses once per nesting
 * level; JSON_MAX_DEPTH bounds it with a RangeError, as it does for the
 * reviver walk (InternalizeJSONProperty).
 *
 * JSON.rawJSON / JSON.isRawJSON (ES2026) are not provided.
 */
#include <math.h>
#include <stdlib.h>

#include "builtins/builtins.h"
#include "util/dtoa.h"
#include "util/utf.h"
#include "vm/conv.h"
#include "vm/function.h"
#include "vm/object.h"
#include "vm/string.h"

#define JSON_MAX_DEPTH 5000

/* ! ToString(𝔽(k)) as a property key (k may exceed the index range for
 * proxies of arrays). */
static PropKey json_index_key(Context *ctx, uint64_t k) {
    if (k < 0xFFFFFFFFull) return key_from_index((uint32_t)k);
    String *s = str_from_int(ctx->rt, (int64_t)k);
    if (!s) return KEY_NONE;
    PropKey key = key_from_string(ctx->rt, s);
    if (key != KEY_NONE) gc_protect(ctx->rt, (Value)key);
    return key;
}

/* ==== JSON.parse ================================================================ */

typedef struct JsonParser {
    Context *ctx;
    const uint8_t *c8;   /* Latin-1 text, or NULL */
    const uint16_t *c16; /* UTF-16 text, or NULL */
    uint32_t len, pos;
} JsonParser;

static inline int jp_peek(const JsonParser *p) {
    if (p->pos >= p->len) return -1;
    return p->c8 ? p->c8[p->pos] : p->c16[p->pos];
}

static inline uint16_t jp_at(const JsonParser *p, uint32_t i) {
    return p->c8 ? p->c8[i] : p->c16[i];
}

static void jp_skip_ws(JsonParser *p) {
    while (p->pos < p->len) {
        uint16_t c = jp_at(p, p->pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        p->pos++;
    }
}

/* SyntaxError naming the offending code unit and its position. */
static Value jp_error_at(JsonParser *p, uint32_t pos) {
    if (pos >= p->len) return throw_syntax_error(p->ctx, "Unexpected end of JSON input");
    uint8_t utf8[5] = {0};
    int n = utf8_encode(jp_at(p, pos), utf8);
    utf8[n] = 0;
    return throw_syntax_error(p->ctx, "Unexpected token %s in JSON at position %u",
                              (const char *)utf8, pos);
}

static Value jp_error(JsonParser *p) {
    return jp_error_at(p, p->pos);
}

static int hex_digit(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* A JSON string; p->pos is at the opening quote. */
static Value jp_parse_string(JsonParser *p) {
    Runtime *rt = p->ctx->rt;
    uint32_t start = ++p->pos;
    /* Fast scan: no escapes. */
    uint32_t i = start;
    for (; i < p->len; i++) {
        uint16_t c = jp_at(p, i);
        if (c == '"' || c == '\\' || c < 0x20) break;
    }
    if (i < p->len && jp_at(p, i) == '"') {
        String *s = p->c8 ? str_new_latin1(rt, p->c8 + start, i - start)
                          : str_new_utf16(rt, p->c16 + start, i - start);
        if (!s) return VAL_EXCEPTION;
        p->pos = i + 1;
        return val_from_string(s);
    }
    StringBuilder sb;
    sb_init(&sb, rt);
    if (p->c8)
        sb_append_latin1(&sb, p->c8 + start, i - start);
    else
        sb_append_utf16(&sb, p->c16 + start, i - start);
    p->pos = i;
    for (;;) {
        if (p->pos >= p->len) {
            sb_free(&sb);
            return throw_syntax_error(p->ctx, "Unterminated string in JSON at position %u", p->pos);
        }
        uint16_t c = jp_at(p, p->pos);
        if (c == '"') {
            p->pos++;
            break;
        }
        if (c < 0x20) {
            sb_free(&sb);
            return throw_syntax_error(
                p->ctx, "Bad control character in string literal in JSON at position %u", p->pos);
        }
        if (c != '\\') {
            sb_append_unit(&sb, c);
            p->pos++;
            continue;
        }
        uint32_t escape_pos = p->pos;
        p->pos++;
        int e = jp_peek(p);
        uint16_t unit;
        switch (e) {
        case '"': unit = '"'; break;
        case '\\': unit = '\\'; break;
        case '/': unit = '/'; break;
        case 'b': unit = '\b'; break;
        case 'f': unit = '\f'; break;
        case 'n': unit = '\n'; break;
        case 'r': unit = '\r'; break;
        case 't': unit = '\t'; break;
        case 'u': {
            uint32_t v = 0;
            for (int k = 1; k <= 4; k++) {
                int d = p->pos + k < p->len ? hex_digit(jp_at(p, p->pos + k)) : -1;
                if (d < 0) {
                    sb_free(&sb);
                    if (p->pos + k >= p->len) return jp_error_at(p, p->len);
                    return throw_syntax_error(p->ctx, "Bad Unicode escape in JSON at position %u",
                                              escape_pos);
                }
                v = v * 16 + (uint32_t)d;
            }
            p->pos += 4;
            unit = (uint16_t)v;
            break;
        }
        default:
            sb_free(&sb);
            if (e < 0) return jp_error(p);
            return throw_syntax_error(p->ctx, "Bad escaped character in JSON at position %u",
                                      escape_pos);
        }
        sb_append_unit(&sb, unit);
        p->pos++;
    }
    String *s = sb_finish(&sb);
    return s ? val_from_string(s) : VAL_EXCEPTION;
}

/* A JSON number: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static Value jp_parse_number(JsonParser *p) {
    bool negative = false;
    if (jp_peek(p) == '-') {
        negative = true;
        p->pos++;
    }
    uint32_t digits_start = p->pos;
    int c = jp_peek(p);
    if (c == '0') {
        p->pos++;
    } else if (c >= '1' && c <= '9') {
        while ((c = jp_peek(p)) >= '0' && c <= '9')
            p->pos++;
    } else {
        return jp_error(p);
    }
    uint32_t int_end = p->pos;
    bool simple = true;
    if (jp_peek(p) == '.') {
        simple = false;
        p->pos++;
        c = jp_peek(p);
        if (!(c >= '0' && c <= '9')) return jp_error(p);
        while ((c = jp_peek(p)) >= '0' && c <= '9')
            p->pos++;
    }
    c = jp_peek(p);
    if (c == 'e' || c == 'E') {
        simple = false;
        p->pos++;
        c = jp_peek(p);
        if (c == '+' || c == '-') p->pos++;
        c = jp_peek(p);
        if (!(c >= '0' && c <= '9')) return jp_error(p);
        while ((c = jp_peek(p)) >= '0' && c <= '9')
            p->pos++;
    }
    double d;
    uint32_t n = p->pos - digits_start;
    if (simple && int_end - digits_start <= 15) {
        /* Up to 15 decimal digits are exact in a double. */
        int64_t v = 0;
        for (uint32_t i = digits_start; i < int_end; i++)
            v = v * 10 + (jp_at(p, i) - '0');
        d = (double)v;
    } else {
        char small[64];
        char *buf = n <= sizeof small ? small : malloc(n);
        if (!buf) return throw_range_error(p->ctx, "out of memory");
        for (uint32_t i = 0; i < n; i++)
            buf[i] = (char)jp_at(p, digits_start + i);
        d = dtoa_strtod(buf, n);
        if (buf != small) free(buf);
    }
    return val_from_number(negative ? -d : d);
}

/* Parses a literal word (true / false / null) at p->pos. */
static Value jp_parse_word(JsonParser *p, const char *word, Value v) {
    for (uint32_t i = 0; word[i]; i++) {
        if (p->pos >= p->len || jp_at(p, p->pos) != (uint8_t)word[i]) return jp_error(p);
        p->pos++;
    }
    return v;
}

/* Object key: a string, then ':' — leaves the PropKey on the frame stack. */
static Value jp_parse_key(JsonParser *p, ValueArray *stack) {
    Runtime *rt = p->ctx->rt;
    jp_skip_ws(p);
    if (jp_peek(p) != '"') return jp_error(p);
    Value s = jp_parse_string(p);
    TRY(s);
    PropKey key = key_from_string(rt, val_as_string(s));
    if (key == KEY_NONE) return VAL_EXCEPTION;
    GC_WRITE_BARRIER(rt, stack, (Value)key);
    stack->items[stack->length - 1] = (Value)key;
    jp_skip_ws(p);
    if (jp_peek(p) != ':') return jp_error(p);
    p->pos++;
    return VAL_UNDEFINED;
}

/* ParseJSON ( text ) — #sec-ParseJSON. The frame stack holds, per open
 * container, the container and (objects) the key of the member being parsed
 * or (arrays) undefined. */
static Value ParseJSON(Context *ctx, String *text) {
    Runtime *rt = ctx->rt;
    if (!str_flatten(rt, text)) return VAL_EXCEPTION;
    JsonParser p = {ctx, NULL, NULL, text->length, 0};
    if (str_is_wide(text))
        p.c16 = str_chars16(text);
    else
        p.c8 = str_chars8(text);
    ValueArray *stack = value_array_new(rt, 16);
    if (!stack) return VAL_EXCEPTION;
    HandleMark base = gc_scope_open(rt);
    Value value;
    uint32_t steps = 0;
    for (;;) {
        /* Parse one value, or open a container. */
        if ((++steps & 0xFFF) == 0 && rt_check_interrupt(ctx) < 0) return VAL_EXCEPTION;
        jp_skip_ws(&p);
        int c = jp_peek(&p);
        switch (c) {
        case '{': {
            p.pos++;
            Object *o = obj_new_plain(ctx);
            if (!o) return VAL_EXCEPTION;
            jp_skip_ws(&p);
            if (jp_peek(&p) == '}') {
                p.pos++;
                value = val_from_object(o);
                break;
            }
            if (value_array_push(rt, stack, val_from_object(o)) < 0 ||
                value_array_push(rt, stack, VAL_UNDEFINED) < 0)
                return VAL_EXCEPTION;
            TRY(jp_parse_key(&p, stack));
            continue;
        }
        case '[': {
            p.pos++;
            Object *a = array_new(ctx, 0);
            if (!a) return VAL_EXCEPTION;
            jp_skip_ws(&p);
            if (jp_peek(&p) == ']') {
                p.pos++;
                value = val_from_object(a);
                break;
            }
            if (value_array_push(rt, stack, val_from_object(a)) < 0 ||
                value_array_push(rt, stack, VAL_UNDEFINED) < 0)
                return VAL_EXCEPTION;
            continue;
        }
        case '"': value = jp_parse_string(&p); break;
        case 't': value = jp_parse_word(&p, "true", VAL_TRUE); break;
        case 'f': value = jp_parse_word(&p, "false", VAL_FALSE); break;
        case 'n': value = jp_parse_word(&p, "null", VAL_NULL); break;
        default:
            if (c == '-' || (c >= '0' && c <= '9'))
                value = jp_parse_number(&p);
            else
                return jp_error(&p);
            break;
        }
        TRY(value);
        /* A value is complete: store it in its container, closing every
         * container that ends right after it. */
        for (;;) {
            if (stack->length == 0) {
                jp_skip_ws(&p);
                if (p.pos < p.len) return jp_error(&p);
                return value;
            }
            Object *container = obj_from_value(stack->items[stack->length - 2]);
            Value key = stack->items[stack->length - 1];
            bool is_array = val_is_undefined(key);
            if (is_array) {
                if (array_push_fast(ctx, container, value) < 0) return VAL_EXCEPTION;
            } else {
                /* CreateDataProperty on a fresh ordinary object. */
                if (obj_define_data_fast(ctx, container, (PropKey)key, value, PROP_DEFAULT) < 0)
                    return VAL_EXCEPTION;
            }
            /* Everything made so far is reachable from the frame stack. */
            gc_scope_close(rt, base);
            jp_skip_ws(&p);
            c = jp_peek(&p);
            if (c == ',') {
                p.pos++;
                if (!is_array) TRY(jp_parse_key(&p, stack));
                break; /* next member */
            }
            if (c != (is_array ? ']' : '}')) return jp_error(&p);
            p.pos++;
            value = val_from_object(container);
            stack->length -= 2;
            gc_protect(rt, value); /* off the frame stack, not yet in its parent */
        }
    }
}

/* InternalizeJSONProperty ( holder, name, reviver ) — #sec-internalizejsonproperty */
static Value InternalizeJSONProperty(Context *ctx, Object *holder, PropKey name, Value reviver,
                                     int depth) {
    Runtime *rt = ctx->rt;
    if (depth > JSON_MAX_DEPTH) return throw_range_error(ctx, "JSON.parse: nesting too deep");
    /* 1. */
    Value val = Get(ctx, holder, name);
    TRY(val);
    /* 2. */
    if (val_is_object(val)) {
        Object *o = obj_from_value(val);
        Value is_array = IsArray(ctx, val);
        TRY(is_array);
        if (is_array == VAL_TRUE) {
            uint64_t len;
            TRY(LengthOfArrayLike(ctx, o, &len));
            HandleMark mark = gc_scope_open(rt);
            for (uint64_t i = 0; i < len; i++) {
                gc_scope_close(rt, mark);
                PropKey prop = json_index_key(ctx, i);
                if (prop == KEY_NONE) return VAL_EXCEPTION;
                Value ne = InternalizeJSONProperty(ctx, o, prop, reviver, depth + 1);
                TRY(ne);
                if (val_is_undefined(ne))
                    TRY(obj_delete(ctx, o, prop));
                else
                    TRY(CreateDataProperty(ctx, o, prop, ne));
            }
            gc_scope_close(rt, mark);
        } else {
            ValueArray *keys = EnumerableOwnProperties(ctx, o, ENUM_KEYS);
            if (!keys) return VAL_EXCEPTION;
            HandleMark mark = gc_scope_open(rt);
            for (uint32_t i = 0; i < keys->length; i++) {
                gc_scope_close(rt, mark);
                PropKey prop = key_from_string(rt, val_as_string(keys->items[i]));
                if (prop == KEY_NONE) return VAL_EXCEPTION;
                gc_protect(rt, (Value)prop);
                Value ne = InternalizeJSONProperty(ctx, o, prop, reviver, depth + 1);
                TRY(ne);
                if (val_is_undefined(ne))
                    TRY(obj_delete(ctx, o, prop));
                else
                    TRY(CreateDataProperty(ctx, o, prop, ne));
            }
            gc_scope_close(rt, mark);
        }
    }
    /* 3. */
    Value name_value = key_to_value(rt, name);
    TRY(name_value);
    Value args[2] = {name_value, val};
    return Call(ctx, reviver, val_from_object(holder), 2, args);
}

/* JSON.parse ( text [ , reviver ] ) — #sec-json.parse */
static Value json_parse(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    String *json_string = ToStringS(ctx, ARG(0));
    if (!json_string) return VAL_EXCEPTION;
    Value unfiltered = ParseJSON(ctx, json_string);
    TRY(unfiltered);
    Value reviver = ARG(1);
    if (!val_is_callable(reviver)) return unfiltered;
    Object *root = obj_new_plain(ctx);
    if (!root) return VAL_EXCEPTION;
    PropKey root_name = KEY(rt, empty);
    TRY(CreateDataPropertyOrThrow(ctx, root, root_name, unfiltered));
    return InternalizeJSONProperty(ctx, root, root_name, reviver, 0);
}

/* ==== JSON.stringify ============================================================ */

/* JSON Serialization Record — #sec-json-serialization-record. [[Indent]] is
 * implicit: gap repeated once per object on the stack. */
typedef struct JsonState {
    Context *ctx;
    StringBuilder sb;
    Value replacer;            /* [[ReplacerFunction]]: a function or undefined */
    ValueArray *property_list; /* [[PropertyList]] as Strings, or NULL (undefined) */
    ValueArray *property_keys; /* the same entries as PropKeys */
    ValueArray *stack;         /* [[Stack]] */
    uint16_t gap[10];          /* [[Gap]] */
    int gap_len;
} JsonState;

static void append_ascii(StringBuilder *sb, const char *s) {
    sb_append_ascii(sb, s);
}

static void append_indent(JsonState *st, uint32_t levels) {
    sb_append_unit(&st->sb, '\n');
    for (uint32_t i = 0; i < levels; i++)
        sb_append_utf16(&st->sb, st->gap, (size_t)st->gap_len);
}

static const char hex_lower[] = "0123456789abcdef";

/* UnicodeEscape ( C ) — #sec-unicodeescape */
static void UnicodeEscape(StringBuilder *sb, uint16_t c) {
    sb_append_unit(sb, '\\');
    sb_append_unit(sb, 'u');
    for (int shift = 12; shift >= 0; shift -= 4)
        sb_append_unit(sb, hex_lower[(c >> shift) & 15]);
}

/* QuoteJSONString ( value ) — #sec-quotejsonstring. Lone surrogates are
 * escaped (well-formed JSON.stringify). -1 on OOM. */
static int QuoteJSONString(Context *ctx, StringBuilder *sb, String *s) {
    if (!str_flatten(ctx->rt, s)) return -1;
    sb_append_unit(sb, '"');
    uint32_t len = s->length;
    for (uint32_t i = 0; i < len; i++) {
        uint16_t c = str_at(s, i);
        switch (c) {
        case '\b': append_ascii(sb, "\\b"); continue;
        case '\t': append_ascii(sb, "\\t"); continue;
        case '\n': append_ascii(sb, "\\n"); continue;
        case '\f': append_ascii(sb, "\\f"); continue;
        case '\r': append_ascii(sb, "\\r"); continue;
        case '"': append_ascii(sb, "\\\""); continue;
        case '\\': append_ascii(sb, "\\\\"); continue;
        default: break;
        }
        if (c < 0x20) {
            UnicodeEscape(sb, c);
        } else if (utf16_is_lead(c) && i + 1 < len && utf16_is_trail(str_at(s, i + 1))) {
            sb_append_unit(sb, c);
            sb_append_unit(sb, str_at(s, ++i));
        } else if (utf16_is_surrogate(c)) {
            UnicodeEscape(sb, c);
        } else {
            sb_append_unit(sb, c);
        }
    }
    sb_append_unit(sb, '"');
    return 0;
}

static void append_number(StringBuilder *sb, double d) {
    char buf[DTOA_NUMBER_TO_STRING_MAX];
    int n = dtoa_number_to_string(d, buf);
    sb_append_latin1(sb, (const uint8_t *)buf, (size_t)n);
}

/* A failed builder or an over-long result ends serialization. */
static int check_output(JsonState *st) {
    if (st->sb.failed) {
        throw_range_error(st->ctx, "out of memory");
        return -1;
    }
    if (st->sb.len > STR_MAX_LENGTH) {
        throw_range_error(st->ctx, "Invalid string length");
        return -1;
    }
    return 0;
}

static int SerializeJSONProperty(JsonState *st, Object *holder, PropKey key, Value key_string);

/* Pushes value on [[Stack]], throwing on a cycle or too deep nesting. */
static int json_stack_push(JsonState *st, Object *value) {
    ValueArray *stack = st->stack;
    Value v = val_from_object(value);
    for (uint32_t i = 0; i < stack->length; i++) {
        if (stack->items[i] == v) {
            throw_type_error(st->ctx, "Converting circular structure to JSON");
            return -1;
        }
    }
    if (stack->length >= JSON_MAX_DEPTH) {
        throw_range_error(st->ctx, "JSON.stringify: nesting too deep");
        return -1;
    }
    return value_array_push(st->ctx->rt, stack, v);
}

/* SerializeJSONObject ( state, value ) — #sec-serializejsonobject */
static int SerializeJSONObject(JsonState *st, Object *value) {
    Context *ctx = st->ctx;
    Runtime *rt = ctx->rt;
    /* 1-4. */
    ITRY_I(json_stack_push(st, value));
    uint32_t level = st->stack->length; /* indent of the members */
    /* 5-6. */
    ValueArray *keys = st->property_list;
    if (!keys) {
        keys = EnumerableOwnProperties(ctx, value, ENUM_KEYS);
        if (!keys) return -1;
    }
    sb_append_unit(&st->sb, '{');
    uint32_t count = 0;
    HandleMark mark = gc_scope_open(rt);
    for (uint32_t i = 0; i < keys->length; i++) {
        gc_scope_close(rt, mark);
        Value p = keys->items[i];
        PropKey key;
        if (st->property_list) {
            key = (PropKey)st->property_keys->items[i];
        } else {
            key = key_from_string(rt, val_as_string(p));
            if (key == KEY_NONE) return -1;
            gc_protect(rt, (Value)key);
        }
        size_t member_start = st->sb.len;
        if (count > 0) sb_append_unit(&st->sb, ',');
        if (st->gap_len) append_indent(st, level);
        ITRY_I(QuoteJSONString(ctx, &st->sb, val_as_string(p)));
        sb_append_unit(&st->sb, ':');
        if (st->gap_len) sb_append_unit(&st->sb, ' ');
        int r = SerializeJSONProperty(st, value, key, p);
        ITRY_I(r);
        if (r == 0)
            st->sb.len = member_start; /* undefined: no member */
        else
            count++;
    }
    gc_scope_close(rt, mark);
    if (count > 0 && st->gap_len) append_indent(st, level - 1);
    sb_append_unit(&st->sb, '}');
    /* 11. */
    st->stack->length--;
    return check_output(st);
}

/* SerializeJSONArray ( state, value ) — #sec-serializejsonarray */
static int SerializeJSONArray(JsonState *st, Object *value) {
    Context *ctx = st->ctx;
    Runtime *rt = ctx->rt;
    ITRY_I(json_stack_push(st, value));
    uint32_t level = st->stack->length;
    uint64_t len;
    ITRY(LengthOfArrayLike(ctx, value, &len));
    sb_append_unit(&st->sb, '[');
    HandleMark mark = gc_scope_open(rt);
    for (uint64_t index = 0; index < len; index++) {
        gc_scope_close(rt, mark);
        if (index > 0) sb_append_unit(&st->sb, ',');
        if (st->gap_len) append_indent(st, level);
        PropKey key = json_index_key(ctx, index);
        if (key == KEY_NONE) return -1;
        int r = SerializeJSONProperty(st, value, key, VAL_EMPTY);
        ITRY_I(r);
        if (r == 0) append_ascii(&st->sb, "null");
        ITRY_I(check_output(st));
        if ((index & 0x3FF) == 0x3FF && rt_check_interrupt(ctx) < 0) return -1;
    }
    gc_scope_close(rt, mark);
    if (len > 0 && st->gap_len) append_indent(st, level - 1);
    sb_append_unit(&st->sb, ']');
    st->stack->length--;
    return check_output(st);
}

/* SerializeJSONProperty ( state, key, holder ) — #sec-serializejsonproperty
 * key_string is the key as a String value, or VAL_EMPTY to make it only when
 * toJSON or the replacer needs it. Returns 1 when it wrote the value, 0 for
 * undefined (nothing written), -1 when it threw. */
static int SerializeJSONProperty(JsonState *st, Object *holder, PropKey key, Value key_string) {
    Context *ctx = st->ctx;
    Runtime *rt = ctx->rt;
    /* 1. */
    Value value = Get(ctx, holder, key);
    ITRY(value);
    /* 2. */
    if (val_is_object(value) || val_is_bigint(value)) {
        Value to_json = GetV(ctx, value, KEY(rt, toJSON));
        ITRY(to_json);
        if (val_is_callable(to_json)) {
            if (key_string == VAL_EMPTY) {
                key_string = key_to_value(rt, key);
                ITRY(key_string);
            }
            value = Call(ctx, to_json, value, 1, &key_string);
            ITRY(value);
        }
    }
    /* 3. */
    if (!val_is_undefined(st->replacer)) {
        if (key_string == VAL_EMPTY) {
            key_string = key_to_value(rt, key);
            ITRY(key_string);
        }
        Value args[2] = {key_string, value};
        value = Call(ctx, st->replacer, val_from_object(holder), 2, args);
        ITRY(value);
    }
    /* 4. Unwrap primitive wrappers. */
    if (val_is_object(value)) {
        Object *o = obj_from_value(value);
        switch (obj_class(o)) {
        case CLASS_NUMBER:
            value = ToNumber(ctx, value);
            ITRY(value);
            break;
        case CLASS_STRING:
            value = ToString(ctx, value);
            ITRY(value);
            break;
        case CLASS_BOOLEAN:
        case CLASS_BIGINT: value = ((PrimitiveObject *)o)->primitive; break;
        default: break;
        }
    }
    /* 5-9. */
    if (val_is_null(value)) {
        append_ascii(&st->sb, "null");
    } else if (value == VAL_TRUE) {
        append_ascii(&st->sb, "true");
    } else if (value == VAL_FALSE) {
        append_ascii(&st->sb, "false");
    } else if (val_is_string(value)) {
        ITRY_I(QuoteJSONString(ctx, &st->sb, val_as_string(value)));
    } else if (val_is_number(value)) {
        double d = val_num(value);
        if (isfinite(d))
            append_number(&st->sb, d);
        else
            append_ascii(&st->sb, "null");
    } else if (val_is_bigint(value)) {
        /* 10. */
        throw_type_error(ctx, "JSON.stringify: BigInt value can't be serialized");
        return -1;
    } else if (val_is_object(value) && !val_is_callable(value)) {
        /* 11. */
        Value is_array = IsArray(ctx, value);
        ITRY(is_array);
        if (is_array == VAL_TRUE)
            ITRY_I(SerializeJSONArray(st, obj_from_value(value)));
        else
            ITRY_I(SerializeJSONObject(st, obj_from_value(value)));
    } else {
        /* 12. undefined, symbols, functions */
        return 0;
    }
    ITRY_I(check_output(st));
    return 1;
}

/* JSON.stringify ( value [ , replacer [ , space ] ] ) — #sec-json.stringify */
static Value json_stringify(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Value value = ARG(0), replacer = ARG(1), space = ARG(2);
    JsonState st;
    memset(&st, 0, sizeof st);
    st.ctx = ctx;
    st.replacer = VAL_UNDEFINED;
    st.stack = value_array_new(rt, 8);
    if (!st.stack) return VAL_EXCEPTION;
    /* 5. */
    if (val_is_object(replacer)) {
        if (val_is_callable(replacer)) {
            st.replacer = replacer;
        } else {
            Value is_array = IsArray(ctx, replacer);
            TRY(is_array);
            if (is_array == VAL_TRUE) {
                Object *r = obj_from_value(replacer);
                st.property_list = value_array_new(rt, 8);
                st.property_keys = value_array_new(rt, 8);
                if (!st.property_list || !st.property_keys) return VAL_EXCEPTION;
                uint64_t len;
                TRY(LengthOfArrayLike(ctx, r, &len));
                HandleMark mark = gc_scope_open(rt);
                for (uint64_t k = 0; k < len; k++) {
                    gc_scope_close(rt, mark); /* kept items live in property_list */
                    if ((k & 0x3FF) == 0x3FF && rt_check_interrupt(ctx) < 0) return VAL_EXCEPTION;
                    PropKey pk = json_index_key(ctx, k);
                    if (pk == KEY_NONE) return VAL_EXCEPTION;
                    Value v = Get(ctx, r, pk);
                    TRY(v);
                    Value item = VAL_UNDEFINED;
                    if (val_is_string(v)) {
                        item = v;
                    } else if (val_is_number(v)) {
                        item = ToString(ctx, v);
                        TRY(item);
                    } else if (val_is_object(v)) {
                        ClassId c = obj_class(obj_from_value(v));
                        if (c == CLASS_STRING || c == CLASS_NUMBER) {
                            item = ToString(ctx, v);
                            TRY(item);
                        }
                    }
                    if (val_is_undefined(item)) continue;
                    PropKey ik = key_from_string(rt, val_as_string(item));
                    if (ik == KEY_NONE) return VAL_EXCEPTION;
                    bool seen = false;
                    for (uint32_t i = 0; i < st.property_keys->length && !seen; i++)
                        seen = st.property_keys->items[i] == (Value)ik;
                    if (seen) continue;
                    if (st.property_list->length >= 0xFFFFFFF0u)
                        return throw_range_error(ctx, "JSON.stringify: replacer list too long");
                    if (value_array_push(rt, st.property_list, item) < 0 ||
                        value_array_push(rt, st.property_keys, (Value)ik) < 0)
                        return VAL_EXCEPTION;
                }
            }
        }
    }
    /* 6. */
    if (val_is_object(space)) {
        ClassId c = obj_class(obj_from_value(space));
        if (c == CLASS_NUMBER) {
            space = ToNumber(ctx, space);
            TRY(space);
        } else if (c == CLASS_STRING) {
            space = ToString(ctx, space);
            TRY(space);
        }
    }
    /* 7-9. */
    if (val_is_number(space)) {
        double mv = double_to_integer_or_infinity(val_num(space));
        if (mv > 10) mv = 10;
        st.gap_len = mv < 1 ? 0 : (int)mv;
        for (int i = 0; i < st.gap_len; i++)
            st.gap[i] = ' ';
    } else if (val_is_string(space)) {
        String *s = val_as_string(space);
        if (!str_flatten(rt, s)) return VAL_EXCEPTION;
        st.gap_len = s->length < 10 ? (int)s->length : 10;
        for (int i = 0; i < st.gap_len; i++)
            st.gap[i] = str_at(s, (uint32_t)i);
    }
    /* 10-11. */
    Object *wrapper = obj_new_plain(ctx);
    if (!wrapper) return VAL_EXCEPTION;
    PropKey empty = KEY(rt, empty);
    TRY(CreateDataPropertyOrThrow(ctx, wrapper, empty, value));
    /* 13. */
    sb_init(&st.sb, rt);
    int r = SerializeJSONProperty(&st, wrapper, empty, val_from_string(ATOM(rt, empty)));
    if (r <= 0) {
        sb_free(&st.sb);
        return r < 0 ? VAL_EXCEPTION : VAL_UNDEFINED;
    }
    String *result = sb_finish(&st.sb);
    return result ? val_from_string(result) : VAL_EXCEPTION;
}

/* ==== installation ============================================================== */

static const BuiltinProp json_props[] = {
    BP_FUNC("parse", json_parse, 2),
    BP_FUNC("stringify", json_stringify, 3),
    BP_STR("[Symbol.toStringTag]", "JSON", PROP_CONFIGURABLE),
};

int init_json(Context *ctx) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    int r = -1;
    Object *json = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!json) goto done;
    ctx->intrinsics[INTR_JSON] = val_from_object(json);
    if (builtins_install(ctx, json, json_props, BP_COUNT(json_props)) < 0) goto done;
    PropKey name = key_from_cstr(rt, "JSON");
    if (name == KEY_NONE) goto done;
    if (obj_define_data_fast(ctx, ctx->global, name, val_from_object(json), PROP_BUILTIN) < 0)
        goto done;
    r = 0;
done:
    gc_scope_close(rt, mark);
    return r;
}
