/*
 * regexp.c — the RegExp constructor, RegExp.escape, RegExp.prototype's exec,
 * test, toString, compile and accessors (#sec-regexp-regular-expression-objects),
 * and the regex-literal hooks. The Symbol-keyed methods and
 * %RegExpStringIteratorPrototype% are in regexp_symbols.c.
 *
 * The matcher itself is src/regexp; here a RegExp object is
 * [[OriginalSource]] + [[OriginalFlags]] + a compiled program (RegexpCell).
 * lastIndex is an ordinary own data property, as the spec defines it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "builtins/iterator_ops.h"
#include "builtins/regexp_object.h"
#include "util/unicode.h"

/* ---- the program cell ------------------------------------------------------------ */

static void regexp_cell_trace(Runtime *rt, Cell *c) {
    RegexpCell *rc = (RegexpCell *)c;
    gc_mark_value(rt, rc->source);
    gc_mark_value(rt, rc->flags);
}

static void regexp_cell_finalize(Runtime *rt, Cell *c) {
    RegexpCell *rc = (RegexpCell *)c;
    regexp_free(rc->prog);
    rc->prog = NULL;
}

static const InternalCellOps regexp_cell_ops = {"RegExpMatcher", regexp_cell_trace,
                                                regexp_cell_finalize};

bool regexp_is_literal_cell(Value v) {
    return val_is_cell(v) && val_as_cell(v)->type == CELL_INTERNAL &&
           ((InternalCell *)val_as_cell(v))->ops == &regexp_cell_ops;
}

/* Flattened UTF-16 copy of a flat string's units (malloc'd). */
static uint16_t *units_of(String *s) {
    uint16_t *u = malloc((s->length ? s->length : 1) * sizeof(uint16_t));
    if (!u) return NULL;
    if (str_is_wide(s))
        memcpy(u, str_chars16(s), s->length * sizeof(uint16_t));
    else
        for (uint32_t i = 0; i < s->length; i++)
            u[i] = str_chars8(s)[i];
    return u;
}

/* Appends "/pattern/flags" to a message as UTF-8 (abbreviated when long). */
static void describe_pattern(char *out, size_t size, const uint16_t *p, size_t len,
                             const uint16_t *f, size_t flen) {
    size_t o = 0;
    if (o + 1 < size) out[o++] = '/';
    for (size_t i = 0; i < len && o + 8 < size; i++) {
        uint16_t c = p[i];
        if (i >= 200) {
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        if (c < 0x80) {
            out[o++] = (char)c;
        } else if (c < 0x800) {
            out[o++] = (char)(0xC0 | (c >> 6));
            out[o++] = (char)(0x80 | (c & 0x3F));
        } else {
            out[o++] = (char)(0xE0 | (c >> 12));
            out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (c & 0x3F));
        }
    }
    if (o + 1 < size) out[o++] = '/';
    for (size_t i = 0; i < flen && o + 1 < size; i++)
        out[o++] = f[i] < 0x80 ? (char)f[i] : '?';
    out[o < size ? o : size - 1] = 0;
}

/* Compiles into a new cell; throws SyntaxError for a bad pattern or flags. */
static RegexpCell *compile_cell(Context *ctx, const uint16_t *p, size_t len, const uint16_t *f,
                                size_t flen, Value source, Value flags_value) {
    uint32_t flags;
    char desc[300];
    if (!regexp_parse_flags(f, flen, &flags)) {
        describe_pattern(desc, sizeof(desc), p, len, f, flen);
        throw_syntax_error(ctx, "Invalid regular expression flags: %s", desc);
        return NULL;
    }
    char err[160];
    bool oom = false;
    RegexpProgram *prog = regexp_compile(p, len, flags, err, sizeof(err), &oom);
    if (!prog) {
        if (oom) {
            rt_throw_error(ctx->rt, ERR_RANGE, "out of memory");
            return NULL;
        }
        describe_pattern(desc, sizeof(desc), p, len, f, flen);
        throw_syntax_error(ctx, "Invalid regular expression: %s: %s", desc, err);
        return NULL;
    }
    RegexpCell *cell = gc_alloc(ctx->rt, CELL_INTERNAL, sizeof(RegexpCell));
    if (!cell) {
        regexp_free(prog);
        return NULL;
    }
    cell->base.ops = &regexp_cell_ops;
    cell->prog = prog;
    cell->source = source;
    cell->flags = flags_value;
    return cell;
}

bool regexp_literal_validate(const uint16_t *pattern, size_t len, const uint16_t *flags,
                             size_t flags_len, char *err, size_t err_size) {
    uint32_t f;
    char desc[300], why[160];
    describe_pattern(desc, sizeof(desc), pattern, len, flags, flags_len);
    if (!regexp_parse_flags(flags, flags_len, &f)) {
        snprintf(err, err_size, "Invalid regular expression flags: %s", desc);
        return false;
    }
    if (regexp_validate(pattern, len, f, why, sizeof(why))) return true;
    snprintf(err, err_size, "Invalid regular expression: %s: %s", desc, why);
    return false;
}

Value regexp_literal_cell(Context *ctx, const uint16_t *pattern, size_t len, const uint16_t *flags,
                          size_t flags_len) {
    Runtime *rt = ctx->rt;
    String *src = str_new_utf16(rt, pattern, len);
    if (!src) return VAL_EXCEPTION;
    String *fl = str_new_utf16(rt, flags, flags_len);
    if (!fl) return VAL_EXCEPTION;
    RegexpCell *cell = compile_cell(ctx, pattern, len, flags, flags_len, val_from_string(src),
                                    val_from_string(fl));
    return cell ? val_from_cell(&cell->base.hdr) : VAL_EXCEPTION;
}

/* ---- RegExp objects --------------------------------------------------------------- */

static void regexp_trace(Runtime *rt, Object *o) {
    RegExpObject *r = (RegExpObject *)o;
    if (r->cell) gc_mark_cell(rt, &r->cell->base.hdr);
}

const ClassDef class_regexp = {
    .id = CLASS_REGEXP,
    .name = "RegExp",
    .trace = regexp_trace,
};

static RegExpObject *as_regexp(Value v) {
    if (!val_is_object(v)) return NULL;
    Object *o = obj_from_value(v);
    return o->cls == &class_regexp ? (RegExpObject *)o : NULL;
}

/* RegExpAlloc ( newTarget ) — #sec-regexpalloc */
static RegExpObject *RegExpAlloc(Context *ctx, Value new_target) {
    Object *proto = GetPrototypeFromConstructor(ctx, new_target, INTR_RegExpPrototype);
    if (!proto) return NULL;
    RegExpObject *r = (RegExpObject *)obj_alloc(ctx, &class_regexp, proto, sizeof(RegExpObject));
    if (!r) return NULL;
    /* lastIndex: { [[Writable]]: true, [[Enumerable]]: false, [[Configurable]]: false } */
    if (obj_define_data_fast(ctx, &r->base, KEY(ctx->rt, lastIndex), VAL_UNDEFINED, PROP_WRITABLE) <
        0)
        return NULL;
    return r;
}

/* RegExpInitialize ( obj, pattern, flags ) — #sec-regexpinitialize */
static Value RegExpInitialize(Context *ctx, RegExpObject *obj, Value pattern, Value flags) {
    Runtime *rt = ctx->rt;
    /* 1-2. */
    String *p = val_is_undefined(pattern) ? str_empty(rt) : ToStringS(ctx, pattern);
    if (!p || !(p = str_flatten(rt, p))) return VAL_EXCEPTION;
    gc_protect(rt, val_from_string(p));
    /* 3-4. */
    String *f = val_is_undefined(flags) ? str_empty(rt) : ToStringS(ctx, flags);
    if (!f || !(f = str_flatten(rt, f))) return VAL_EXCEPTION;
    gc_protect(rt, val_from_string(f));
    uint16_t *pu = units_of(p), *fu = units_of(f);
    if (!pu || !fu) {
        free(pu);
        free(fu);
        return rt_throw_error(rt, ERR_RANGE, "out of memory");
    }
    RegexpCell *cell =
        compile_cell(ctx, pu, p->length, fu, f->length, val_from_string(p), val_from_string(f));
    free(pu);
    free(fu);
    if (!cell) return VAL_EXCEPTION;
    obj->cell = cell;
    GC_WRITE_BARRIER(rt, obj, cell);
    /* 12. Perform ? Set(obj, "lastIndex", +0𝔽, true). */
    TRY(Set(ctx, &obj->base, KEY(rt, lastIndex), val_from_int(0), true));
    return val_from_object(&obj->base);
}

Value regexp_from_literal_cell(Context *ctx, Value cellv) {
    RegexpCell *cell = (RegexpCell *)val_as_cell(cellv);
    RegExpObject *r = (RegExpObject *)obj_alloc(
        ctx, &class_regexp, ctx_intrinsic_obj(ctx, INTR_RegExpPrototype), sizeof(RegExpObject));
    if (!r) return VAL_EXCEPTION;
    r->cell = cell;
    if (obj_define_data_fast(ctx, &r->base, KEY(ctx->rt, lastIndex), val_from_int(0),
                             PROP_WRITABLE) < 0)
        return VAL_EXCEPTION;
    return val_from_object(&r->base);
}

/* IsRegExp ( argument ) — #sec-isregexp: 1, 0, or -1 when it threw. */
static int IsRegExp(Context *ctx, Value argument) {
    if (!val_is_object(argument)) return 0;
    Object *o = obj_from_value(argument);
    Value matcher = Get(ctx, o, KEY_SYM(ctx->rt, match));
    ITRY(matcher);
    if (!val_is_undefined(matcher)) return ToBoolean(matcher) ? 1 : 0;
    return o->cls == &class_regexp ? 1 : 0;
}

Value RegExpCreateFromValues(Context *ctx, Value pattern, Value flags) {
    RegExpObject *r = RegExpAlloc(ctx, ctx_intrinsic(ctx, INTR_RegExp));
    if (!r) return VAL_EXCEPTION;
    return RegExpInitialize(ctx, r, pattern, flags);
}

/* RegExp ( pattern, flags ) — #sec-regexp-pattern-flags */
static Value regexp_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Value pattern = ARG(0), flags = ARG(1);
    /* 1. */
    int pattern_is_regexp = IsRegExp(ctx, pattern);
    TRY_I(pattern_is_regexp);
    /* 2-3. */
    if (val_is_undefined(new_target)) {
        new_target = ctx_intrinsic(ctx, INTR_RegExp);
        if (pattern_is_regexp && val_is_undefined(flags)) {
            Value pattern_constructor = Get(ctx, obj_from_value(pattern), KEY(rt, constructor));
            TRY(pattern_constructor);
            if (SameValue(new_target, pattern_constructor)) return pattern;
        }
    }
    Value p, f;
    RegExpObject *pr = as_regexp(pattern);
    if (pr && pr->cell) {
        /* 4. */
        p = pr->cell->source;
        f = val_is_undefined(flags) ? pr->cell->flags : flags;
    } else if (pattern_is_regexp) {
        /* 5. */
        p = Get(ctx, obj_from_value(pattern), KEY(rt, source));
        TRY(p);
        if (val_is_undefined(flags)) {
            f = Get(ctx, obj_from_value(pattern), KEY(rt, flags));
            TRY(f);
        } else {
            f = flags;
        }
    } else {
        /* 6. */
        p = pattern;
        f = flags;
    }
    /* 7-8. */
    RegExpObject *o = RegExpAlloc(ctx, new_target);
    if (!o) return VAL_EXCEPTION;
    return RegExpInitialize(ctx, o, p, f);
}

/* get RegExp [ %Symbol.species% ] — #sec-get-regexp-%symbol.species% */
static Value regexp_species(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    return this_value;
}

/* ---- RegExp.escape — #sec-regexp.escape ------------------------------------------ */

static void append_hex(StringBuilder *sb, const char *prefix, uint32_t v, int digits) {
    static const char hex[] = "0123456789abcdef";
    sb_append_ascii(sb, prefix);
    for (int i = digits - 1; i >= 0; i--)
        sb_append_unit(sb, (uint16_t)hex[(v >> (4 * i)) & 15]);
}

/* EncodeForRegExpEscape ( cp ) — #sec-encodeforregexpescape */
static void EncodeForRegExpEscape(StringBuilder *sb, uint32_t c) {
    /* 1. SyntaxCharacter or "/" */
    if (c < 128 && c && strchr("^$\\.*+?()[]{}|/", (int)c)) {
        sb_append_unit(sb, '\\');
        sb_append_unit(sb, (uint16_t)c);
        return;
    }
    /* 2. ControlEscape */
    static const struct {
        uint16_t c;
        char e;
    } controls[] = {{'\t', 't'}, {'\n', 'n'}, {'\v', 'v'}, {'\f', 'f'}, {'\r', 'r'}};
    for (size_t i = 0; i < sizeof(controls) / sizeof(controls[0]); i++) {
        if (c == controls[i].c) {
            sb_append_unit(sb, '\\');
            sb_append_unit(sb, (uint16_t)controls[i].e);
            return;
        }
    }
    /* 3-5. other punctuators, white space, line terminators, lone surrogates */
    bool escape = (c < 128 && c && strchr(",-=<>#&!%:;@~'`\"", (int)c)) || uni_is_space(c) ||
                  uni_is_line_terminator(c) || (c >= 0xD800 && c <= 0xDFFF);
    if (escape) {
        if (c <= 0xFF) {
            append_hex(sb, "\\x", c, 2);
        } else if (c >= 0x10000) {
            append_hex(sb, "\\u", 0xD800 + ((c - 0x10000) >> 10), 4);
            append_hex(sb, "\\u", 0xDC00 + ((c - 0x10000) & 0x3FF), 4);
        } else {
            append_hex(sb, "\\u", c, 4);
        }
        return;
    }
    sb_append_codepoint(sb, c);
}

static Value regexp_escape(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    Value sv = ARG(0);
    /* 1. */
    if (!val_is_string(sv)) return throw_type_error(ctx, "RegExp.escape: argument is not a string");
    String *s = str_flatten(ctx->rt, val_as_string(sv));
    if (!s) return VAL_EXCEPTION;
    StringBuilder sb;
    sb_init(&sb, ctx->rt);
    for (uint32_t i = 0; i < s->length;) {
        uint32_t c = str_at(s, i);
        uint32_t n = 1;
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s->length && str_at(s, i + 1) >= 0xDC00 &&
            str_at(s, i + 1) <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (str_at(s, i + 1) - 0xDC00u);
            n = 2;
        }
        /* 4.a: an initial decimal digit or ASCII letter */
        if (i == 0 && c < 128 && ((c | 0x20) - 'a' < 26 || c - '0' < 10))
            append_hex(&sb, "\\x", c, 2);
        else
            EncodeForRegExpEscape(&sb, c);
        i += n;
    }
    String *r = sb_finish(&sb);
    return r ? val_from_string(r) : VAL_EXCEPTION;
}

/* ---- exec ---------------------------------------------------------------------------- */

/* AdvanceStringIndex ( S, index, unicode ) — #sec-advancestringindex */
uint64_t AdvanceStringIndex(String *s, uint64_t index, bool unicode) {
    if (!unicode || index + 1 >= s->length) return index + 1;
    uint16_t a = str_at(s, (uint32_t)index), b = str_at(s, (uint32_t)index + 1);
    if (a >= 0xD800 && a <= 0xDBFF && b >= 0xDC00 && b <= 0xDFFF) return index + 2;
    return index + 1;
}

bool regexp_string_has_unit(String *s, uint16_t c) {
    for (uint32_t i = 0; i < s->length; i++)
        if (str_at(s, i) == c) return true;
    return false;
}

static Value substring_value(Context *ctx, String *s, int32_t start, int32_t end) {
    String *r = str_substring(ctx->rt, s, (uint32_t)start, (uint32_t)end);
    return r ? val_from_string(r) : VAL_EXCEPTION;
}

/* A group name as a property key. */
static PropKey group_key(Context *ctx, const RegexpProgram *prog, uint32_t i) {
    uint32_t len;
    const uint16_t *name = regexp_group_name(prog, i, &len);
    String *s = str_new_utf16(ctx->rt, name, len);
    return s ? key_from_string(ctx->rt, s) : KEY_NONE;
}

/* MakeMatchIndicesIndexPairArray ( S, indices, groupNames, hasGroups ) —
 * #sec-makematchindicesindexpairarray */
static Value MakeMatchIndicesIndexPairArray(Context *ctx, const RegexpProgram *prog,
                                            const int32_t *caps, const bool *named_here) {
    uint32_t n = regexp_capture_count(prog);
    Object *a = ArrayCreate(ctx, n, NULL);
    if (!a) return VAL_EXCEPTION;
    Value groups = VAL_UNDEFINED;
    if (regexp_has_named_groups(prog)) {
        Object *g = obj_new(ctx, NULL);
        if (!g) return VAL_EXCEPTION;
        groups = val_from_object(g);
    }
    TRY(CreateDataPropertyOrThrow(ctx, a, KEY(ctx->rt, groups), groups));
    for (uint32_t i = 0; i < n; i++) {
        Value pair = VAL_UNDEFINED;
        if (caps[2 * i] >= 0) {
            Value items[2] = {val_from_int(caps[2 * i]), val_from_int(caps[2 * i + 1])};
            Object *p = CreateArrayFromList(ctx, items, 2);
            if (!p) return VAL_EXCEPTION;
            pair = val_from_object(p);
        }
        if (array_init_element(ctx, a, i, pair) < 0) return VAL_EXCEPTION;
        if (i > 0 && named_here[i]) {
            PropKey k = group_key(ctx, prog, i);
            if (k == KEY_NONE) return VAL_EXCEPTION;
            TRY(CreateDataPropertyOrThrow(ctx, obj_from_value(groups), k, pair));
        }
    }
    return val_from_object(a);
}

/* Set(R, "lastIndex", v, true). When lastIndex is still the writable own
 * data property RegExpAlloc made, the Set is a store of the value. */
static int set_last_index(Context *ctx, RegExpObject *r, Value v) {
    PropKey k = KEY(ctx->rt, lastIndex);
    uint8_t attrs;
    if (obj_lookup_own_fast(&r->base, k, NULL, &attrs) && !(attrs & PROP_ACCESSOR) &&
        (attrs & PROP_WRITABLE))
        return obj_define_data_fast(ctx, &r->base, k, v, attrs);
    return val_is_exception(Set(ctx, &r->base, k, v, true)) ? -1 : 0;
}

/* Runs the matcher: 1 match (caps filled), 0 none, -1 threw. Implements the
 * lastIndex handling of RegExpBuiltinExec steps 1-16. */
static int builtin_exec_raw(Context *ctx, RegExpObject *r, String *s, int32_t *caps) {
    Runtime *rt = ctx->rt;
    const RegexpProgram *prog = r->cell->prog;
    uint32_t flags = regexp_flags(prog);
    bool global = flags & RE_FLAG_GLOBAL, sticky = flags & RE_FLAG_STICKY;
    /* 2. */
    Value li;
    uint8_t attrs;
    uint64_t last_index = 0;
    if (!obj_lookup_own_fast(&r->base, KEY(rt, lastIndex), &li, &attrs)) {
        li = Get(ctx, &r->base, KEY(rt, lastIndex));
        ITRY(li);
    }
    if (val_is_int(li) && val_to_int(li) >= 0)
        last_index = (uint64_t)val_to_int(li);
    else
        ITRY_I(ToLength(ctx, li, &last_index));
    /* 7. */
    if (!global && !sticky) last_index = 0;
    int m = 0;
    if (last_index <= s->length) {
        m = regexp_exec(ctx, prog, s, (uint32_t)last_index, caps);
        if (m < 0) return -1;
    }
    if (!m) {
        if ((global || sticky) && set_last_index(ctx, r, val_from_int(0)) < 0) return -1;
        return 0;
    }
    /* 16. */
    if ((global || sticky) && set_last_index(ctx, r, val_from_int(caps[1])) < 0) return -1;
    return 1;
}

/* Duplicate named groups (ES2025): whether a group before i with the same
 * name participated in the match — then it owns the name and group i, which
 * did not, must not overwrite it. */
static bool group_name_taken(const RegexpProgram *prog, const int32_t *caps, uint32_t i,
                             const uint16_t *name, uint32_t len) {
    for (uint32_t j = 1; j < i; j++) {
        uint32_t jl;
        const uint16_t *jn = regexp_group_name(prog, j, &jl);
        if (jn && jl == len && !memcmp(jn, name, len * 2) && caps[2 * j] >= 0) return true;
    }
    return false;
}

/* RegExpBuiltinExec ( R, S ) — #sec-regexpbuiltinexec */
static Value RegExpBuiltinExec(Context *ctx, RegExpObject *r, String *s) {
    Runtime *rt = ctx->rt;
    const RegexpProgram *prog = r->cell->prog;
    uint32_t n = regexp_capture_count(prog);
    int32_t local[32];
    bool local_named[16];
    int32_t *caps = n * 2 <= 32 ? local : malloc(n * 2 * sizeof(int32_t));
    bool *named_here = n <= 16 ? local_named : calloc(n, sizeof(bool));
    Value result = VAL_EXCEPTION;
    if (!caps || !named_here) {
        rt_throw_error(rt, ERR_RANGE, "out of memory");
        goto done;
    }
    /* The matcher may hold the program across an interrupt handler; keep
     * the cell alive even if exec's caller drops the object. */
    gc_protect_cell(rt, &r->cell->base.hdr);
    int m = builtin_exec_raw(ctx, r, s, caps);
    if (m <= 0) {
        result = m < 0 ? VAL_EXCEPTION : VAL_NULL;
        goto done;
    }
    /* 20-23. */
    Object *a = ArrayCreate(ctx, n, NULL);
    if (!a) goto done;
    /* a is new and extensible: CreateDataPropertyOrThrow is an add. */
    if (obj_define_data_fast(ctx, a, KEY(rt, index), val_from_int(caps[0]), PROP_DEFAULT) < 0 ||
        obj_define_data_fast(ctx, a, KEY(rt, input), val_from_string(s), PROP_DEFAULT) < 0)
        goto done;
    /* 29. */
    Value matched = substring_value(ctx, s, caps[0], caps[1]);
    if (val_is_exception(matched) || array_init_element(ctx, a, 0, matched) < 0) goto done;
    /* 30-32. */
    Value groups = VAL_UNDEFINED;
    if (regexp_has_named_groups(prog)) {
        Object *g = obj_new(ctx, NULL);
        if (!g) goto done;
        groups = val_from_object(g);
    }
    if (obj_define_data_fast(ctx, a, KEY(rt, groups), groups, PROP_DEFAULT) < 0) goto done;
    /* 34. */
    for (uint32_t i = 1; i < n; i++) {
        Value v = VAL_UNDEFINED;
        if (caps[2 * i] >= 0) {
            v = substring_value(ctx, s, caps[2 * i], caps[2 * i + 1]);
            if (val_is_exception(v)) goto done;
        }
        if (array_init_element(ctx, a, i, v) < 0) goto done;
        named_here[i] = false;
        uint32_t len;
        const uint16_t *name = regexp_group_name(prog, i, &len);
        if (!name) continue;
        /* Duplicate names: the participating group wins; a later
         * non-participating one must not overwrite it. */
        if (group_name_taken(prog, caps, i, name, len)) continue;
        named_here[i] = true;
        PropKey k = group_key(ctx, prog, i);
        if (k == KEY_NONE) goto done;
        if (val_is_exception(CreateDataPropertyOrThrow(ctx, obj_from_value(groups), k, v)))
            goto done;
    }
    /* 35. */
    if (regexp_flags(prog) & RE_FLAG_HAS_INDICES) {
        Value indices = MakeMatchIndicesIndexPairArray(ctx, prog, caps, named_here);
        if (val_is_exception(indices) ||
            val_is_exception(CreateDataPropertyOrThrow(ctx, a, KEY(rt, indices), indices)))
            goto done;
    }
    result = val_from_object(a);
done:
    if (caps && caps != local) free(caps);
    if (named_here && named_here != local_named) free(named_here);
    return result;
}

static Value regexp_proto_exec(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic);

/* RegExpExec ( R, S ) — #sec-regexpexec */
Value RegExpExec(Context *ctx, Object *r, String *s) {
    Runtime *rt = ctx->rt;
    /* 1. */
    Value exec = Get(ctx, r, KEY(rt, exec));
    TRY(exec);
    /* 2. */
    if (val_is_callable(exec)) {
        Object *f = obj_from_value(exec);
        if (obj_class(f) == CLASS_NATIVE_FUNCTION &&
            ((NativeFunction *)f)->fn == regexp_proto_exec && r->cls == &class_regexp &&
            ((RegExpObject *)r)->cell)
            return RegExpBuiltinExec(ctx, (RegExpObject *)r, s);
        Value arg = val_from_string(s);
        Value result = Call(ctx, exec, val_from_object(r), 1, &arg);
        TRY(result);
        if (!val_is_object(result) && !val_is_null(result))
            return throw_type_error(
                ctx, "RegExp exec method returned something other than an Object or null");
        return result;
    }
    /* 3-4. */
    if (r->cls != &class_regexp || !((RegExpObject *)r)->cell)
        return throw_type_error(ctx, "RegExp.prototype.exec called on an incompatible receiver");
    return RegExpBuiltinExec(ctx, (RegExpObject *)r, s);
}

/* RegExp.prototype.exec ( string ) — #sec-regexp.prototype.exec */
static Value regexp_proto_exec(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    RegExpObject *r = as_regexp(this_value);
    if (!r || !r->cell)
        return throw_type_error(ctx, "RegExp.prototype.exec called on an incompatible receiver");
    String *s = ToStringS(ctx, ARG(0));
    if (!s || !(s = str_flatten(ctx->rt, s))) return VAL_EXCEPTION;
    return RegExpBuiltinExec(ctx, r, s);
}

/* RegExp.prototype.test ( S ) — #sec-regexp.prototype.test */
static Value regexp_proto_test(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    if (!val_is_object(this_value))
        return throw_type_error(ctx, "RegExp.prototype.test called on a non-object");
    String *s = ToStringS(ctx, ARG(0));
    if (!s || !(s = str_flatten(ctx->rt, s))) return VAL_EXCEPTION;
    Object *r = obj_from_value(this_value);
    /* Fast path: the built-in exec, no result array needed. */
    Value exec = Get(ctx, r, KEY(ctx->rt, exec));
    TRY(exec);
    if (val_is_object(exec) && obj_class(obj_from_value(exec)) == CLASS_NATIVE_FUNCTION &&
        ((NativeFunction *)obj_from_value(exec))->fn == regexp_proto_exec &&
        as_regexp(this_value) && as_regexp(this_value)->cell) {
        RegExpObject *rx = as_regexp(this_value);
        uint32_t n = regexp_capture_count(rx->cell->prog);
        int32_t local[32];
        int32_t *caps = n * 2 <= 32 ? local : malloc(n * 2 * sizeof(int32_t));
        if (!caps) return rt_throw_error(ctx->rt, ERR_RANGE, "out of memory");
        gc_protect_cell(ctx->rt, &rx->cell->base.hdr);
        int m = builtin_exec_raw(ctx, rx, s, caps);
        if (caps != local) free(caps);
        TRY_I(m);
        return val_from_bool(m > 0);
    }
    Value match = RegExpExec(ctx, r, s);
    TRY(match);
    return val_from_bool(!val_is_null(match));
}

/* ---- source, flags, toString, compile ----------------------------------------------------- */

/* EscapeRegExpPattern ( P, F ) — #sec-escaperegexppattern */
static Value EscapeRegExpPattern(Context *ctx, String *p) {
    if (p->length == 0) {
        String *r = str_from_cstr(ctx->rt, "(?:)");
        return r ? val_from_string(r) : VAL_EXCEPTION;
    }
    StringBuilder sb;
    sb_init(&sb, ctx->rt);
    bool in_class = false;
    for (uint32_t i = 0; i < p->length; i++) {
        uint16_t c = str_at(p, i);
        if (c == '\\' && i + 1 < p->length) {
            uint16_t d = str_at(p, i + 1);
            sb_append_unit(&sb, '\\');
            i++;
            if (d == '\n')
                sb_append_ascii(&sb, "n");
            else if (d == '\r')
                sb_append_ascii(&sb, "r");
            else if (d == 0x2028)
                sb_append_ascii(&sb, "u2028");
            else if (d == 0x2029)
                sb_append_ascii(&sb, "u2029");
            else
                sb_append_unit(&sb, d);
            continue;
        }
        if (c == '[')
            in_class = true;
        else if (c == ']')
            in_class = false;
        if (c == '/' && !in_class)
            sb_append_ascii(&sb, "\\/");
        else if (c == '\n')
            sb_append_ascii(&sb, "\\n");
        else if (c == '\r')
            sb_append_ascii(&sb, "\\r");
        else if (c == 0x2028)
            sb_append_ascii(&sb, "\\u2028");
        else if (c == 0x2029)
            sb_append_ascii(&sb, "\\u2029");
        else
            sb_append_unit(&sb, c);
    }
    String *r = sb_finish(&sb);
    return r ? val_from_string(r) : VAL_EXCEPTION;
}

/* get RegExp.prototype.source — #sec-get-regexp.prototype.source */
static Value regexp_get_source(Context *ctx, Value this_value, int argc, const Value *argv,
                               Value new_target, int magic) {
    if (!val_is_object(this_value))
        return throw_type_error(ctx, "RegExp.prototype.source getter called on a non-object");
    RegExpObject *r = as_regexp(this_value);
    if (!r || !r->cell) {
        if (this_value == ctx_intrinsic(ctx, INTR_RegExpPrototype)) {
            String *s = str_from_cstr(ctx->rt, "(?:)");
            return s ? val_from_string(s) : VAL_EXCEPTION;
        }
        return throw_type_error(
            ctx, "RegExp.prototype.source getter called on an incompatible receiver");
    }
    String *src = str_flatten(ctx->rt, val_as_string(r->cell->source));
    if (!src) return VAL_EXCEPTION;
    return EscapeRegExpPattern(ctx, src);
}

/* The flag accessors: get RegExp.prototype.global etc. — RegExpHasFlag ( R,
 * codeUnit ) — #sec-regexphasflag. magic is the RE_FLAG_* bit. */
static Value regexp_get_flag(Context *ctx, Value this_value, int argc, const Value *argv,
                             Value new_target, int magic) {
    if (!val_is_object(this_value))
        return throw_type_error(ctx, "RegExp flag getter called on a non-object");
    RegExpObject *r = as_regexp(this_value);
    if (!r || !r->cell) {
        if (this_value == ctx_intrinsic(ctx, INTR_RegExpPrototype)) return VAL_UNDEFINED;
        return throw_type_error(ctx, "RegExp flag getter called on an incompatible receiver");
    }
    return val_from_bool(regexp_flags(r->cell->prog) & (uint32_t)magic);
}

/* get RegExp.prototype.flags — #sec-get-regexp.prototype.flags */
static Value regexp_get_flags(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    if (!val_is_object(this_value))
        return throw_type_error(ctx, "RegExp.prototype.flags getter called on a non-object");
    Object *r = obj_from_value(this_value);
    static const struct {
        AtomId key;
        char c;
    } order[] = {
        {ATOM_hasIndices, 'd'}, {ATOM_global, 'g'},  {ATOM_ignoreCase, 'i'},  {ATOM_multiline, 'm'},
        {ATOM_dotAll, 's'},     {ATOM_unicode, 'u'}, {ATOM_unicodeSets, 'v'}, {ATOM_sticky, 'y'},
    };
    char buf[9];
    size_t n = 0;
    for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
        Value v = Get(ctx, r, key_from_atom(atom_predefined(rt, order[i].key)));
        TRY(v);
        if (ToBoolean(v)) buf[n++] = order[i].c;
    }
    buf[n] = 0;
    String *s = str_from_cstr(rt, buf);
    return s ? val_from_string(s) : VAL_EXCEPTION;
}

/* RegExp.prototype.toString ( ) — #sec-regexp.prototype.tostring */
static Value regexp_proto_to_string(Context *ctx, Value this_value, int argc, const Value *argv,
                                    Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    if (!val_is_object(this_value))
        return throw_type_error(ctx, "RegExp.prototype.toString called on a non-object");
    Object *r = obj_from_value(this_value);
    Value source = Get(ctx, r, KEY(rt, source));
    TRY(source);
    String *ps = ToStringS(ctx, source);
    if (!ps) return VAL_EXCEPTION;
    gc_protect(rt, val_from_string(ps));
    Value flags = Get(ctx, r, KEY(rt, flags));
    TRY(flags);
    String *fs = ToStringS(ctx, flags);
    if (!fs) return VAL_EXCEPTION;
    StringBuilder sb;
    sb_init(&sb, rt);
    sb_append_unit(&sb, '/');
    sb_append_string(&sb, ps);
    sb_append_unit(&sb, '/');
    sb_append_string(&sb, fs);
    String *s = sb_finish(&sb);
    return s ? val_from_string(s) : VAL_EXCEPTION;
}

String *regexp_display_string(Context *ctx, Object *o) {
    RegExpObject *r = as_regexp(val_from_object(o));
    if (!r || !r->cell) return NULL;
    String *src = str_flatten(ctx->rt, val_as_string(r->cell->source));
    if (!src) return NULL;
    Value escaped = EscapeRegExpPattern(ctx, src);
    if (val_is_exception(escaped)) return NULL;
    gc_protect(ctx->rt, escaped);
    static const char letters[] = "dgimsuvy"; /* RE_FLAG_* bit order */
    uint32_t flags = regexp_flags(r->cell->prog);
    StringBuilder sb;
    sb_init(&sb, ctx->rt);
    sb_append_unit(&sb, '/');
    sb_append_string(&sb, val_as_string(escaped));
    sb_append_unit(&sb, '/');
    for (int i = 0; letters[i]; i++)
        if (flags & (1u << i)) sb_append_unit(&sb, (uint16_t)letters[i]);
    return sb_finish(&sb);
}

/* RegExp.prototype.compile ( pattern, flags ) — #sec-regexp.prototype.compile */
static Value regexp_proto_compile(Context *ctx, Value this_value, int argc, const Value *argv,
                                  Value new_target, int magic) {
    RegExpObject *o = as_regexp(this_value);
    if (!o || !o->cell)
        return throw_type_error(ctx, "RegExp.prototype.compile called on an incompatible receiver");
    Value pattern = ARG(0), flags = ARG(1);
    RegExpObject *pr = as_regexp(pattern);
    Value p = pattern, f = flags;
    if (pr && pr->cell) {
        if (!val_is_undefined(flags))
            return throw_type_error(
                ctx,
                "RegExp.prototype.compile: flags must be undefined when the pattern is a RegExp");
        p = pr->cell->source;
        f = pr->cell->flags;
    }
    return RegExpInitialize(ctx, o, p, f);
}

/* ---- fast paths ------------------------------------------------------------------------ */

static bool is_native(Value v, NativeFn fn) {
    return val_is_object(v) && obj_class(obj_from_value(v)) == CLASS_NATIVE_FUNCTION &&
           ((NativeFunction *)obj_from_value(v))->fn == fn;
}

/* True when the built-in algorithms on rx can skip their observable steps:
 * rx is an initialized RegExp whose prototype is the realm's untouched
 * %RegExp.prototype% (exec, flags and the flag getters are the originals),
 * with no own properties shadowing them and a Number lastIndex. Every Get
 * the spec performs then reads a built-in and has no side effect. */
bool regexp_is_pristine(Context *ctx, Object *o) {
    Runtime *rt = ctx->rt;
    if (o->cls != &class_regexp || !((RegExpObject *)o)->cell) return false;
    Object *proto = ctx_intrinsic_obj(ctx, INTR_RegExpPrototype);
    if (o->proto != proto) return false;
    Value li;
    if (!obj_lookup_own_fast(o, KEY(rt, lastIndex), &li, NULL) || !val_is_number(li)) return false;
    static const AtomId keys[] = {ATOM_exec,        ATOM_flags,     ATOM_hasIndices, ATOM_global,
                                  ATOM_ignoreCase,  ATOM_multiline, ATOM_dotAll,     ATOM_unicode,
                                  ATOM_unicodeSets, ATOM_sticky};
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        PropKey k = key_from_atom(atom_predefined(rt, keys[i]));
        if (obj_lookup_own_fast(o, k, NULL, NULL)) return false;
        Value v;
        uint8_t attrs;
        if (!obj_lookup_own_fast(proto, k, &v, &attrs)) return false;
        if (i == 0) {
            if ((attrs & PROP_ACCESSOR) || !is_native(v, regexp_proto_exec)) return false;
            continue;
        }
        if (!(attrs & PROP_ACCESSOR)) return false;
        Value getter = ((Accessor *)val_as_cell(v))->getter;
        if (!is_native(getter, i == 1 ? regexp_get_flags : regexp_get_flag)) return false;
    }
    return true;
}

const RegexpProgram *regexp_program_of(Object *o) {
    return ((RegExpObject *)o)->cell->prog;
}

/* Every match of a pristine RegExp as RegExpBuiltinExec would find them:
 * all matches for a global one (advancing past empty matches), else at most
 * one. Writes lastIndex as the spec's sequence of Sets would leave it. The
 * captures of match k are caps[k * 2n .. (k + 1) * 2n). -1 if it threw. */
int regexp_collect_matches(Context *ctx, Object *o, String *s, int32_t **caps_out,
                           uint32_t *count_out) {
    Runtime *rt = ctx->rt;
    RegExpObject *r = (RegExpObject *)o;
    const RegexpProgram *prog = r->cell->prog;
    uint32_t flags = regexp_flags(prog);
    bool global = flags & RE_FLAG_GLOBAL;
    bool unicode = flags & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS);
    size_t width = 2 * (size_t)regexp_capture_count(prog);
    *caps_out = NULL;
    *count_out = 0;
    gc_protect_cell(rt, &r->cell->base.hdr);
    if (!global) {
        int32_t *caps = malloc(width * sizeof(int32_t));
        if (!caps) {
            rt_throw_error(rt, ERR_RANGE, "out of memory");
            return -1;
        }
        int m = builtin_exec_raw(ctx, r, s, caps);
        if (m <= 0) {
            free(caps);
            return m;
        }
        *caps_out = caps;
        *count_out = 1;
        return 0;
    }
    if (set_last_index(ctx, r, val_from_int(0)) < 0) return -1;
    size_t cap = 0, n = 0;
    int32_t *all = NULL;
    uint64_t last_index = 0;
    for (;;) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 8;
            int32_t *na = realloc(all, ncap * width * sizeof(int32_t));
            if (!na) {
                free(all);
                rt_throw_error(rt, ERR_RANGE, "out of memory");
                return -1;
            }
            all = na;
            cap = ncap;
        }
        int32_t *caps = all + n * width;
        int m = last_index <= s->length ? regexp_exec(ctx, prog, s, (uint32_t)last_index, caps) : 0;
        if (m < 0) {
            free(all);
            return -1;
        }
        if (!m) break;
        n++;
        last_index = (uint32_t)caps[1];
        if (caps[1] == caps[0]) last_index = AdvanceStringIndex(s, last_index, unicode);
    }
    /* The last RegExpExec failed and reset lastIndex to 0. */
    if (set_last_index(ctx, r, val_from_int(0)) < 0) {
        free(all);
        return -1;
    }
    *caps_out = all;
    *count_out = (uint32_t)n;
    return 0;
}

/* The groups object of one match (undefined without named groups). */
Value regexp_groups_object(Context *ctx, const RegexpProgram *prog, String *s,
                           const int32_t *caps) {
    if (!regexp_has_named_groups(prog)) return VAL_UNDEFINED;
    Object *g = obj_new(ctx, NULL);
    if (!g) return VAL_EXCEPTION;
    uint32_t n = regexp_capture_count(prog);
    for (uint32_t i = 1; i < n; i++) {
        uint32_t len;
        const uint16_t *name = regexp_group_name(prog, i, &len);
        if (!name) continue;
        if (group_name_taken(prog, caps, i, name, len)) continue;
        Value v = VAL_UNDEFINED;
        if (caps[2 * i] >= 0) {
            v = substring_value(ctx, s, caps[2 * i], caps[2 * i + 1]);
            TRY(v);
        }
        PropKey k = group_key(ctx, prog, i);
        if (k == KEY_NONE) return VAL_EXCEPTION;
        TRY(CreateDataPropertyOrThrow(ctx, g, k, v));
    }
    return val_from_object(g);
}

/* ---- installation ------------------------------------------------------------------------------
 */

static const BuiltinProp regexp_ctor_props[] = {
    BP_FUNC("escape", regexp_escape, 1),
    BP_GETSET("[Symbol.species]", regexp_species, NULL),
};

static const BuiltinProp regexp_proto_props[] = {
    BP_FUNC("exec", regexp_proto_exec, 1),
    BP_FUNC("test", regexp_proto_test, 1),
    BP_FUNC("toString", regexp_proto_to_string, 0),
    BP_FUNC("compile", regexp_proto_compile, 2),
    BP_GETSET("flags", regexp_get_flags, NULL),
    BP_GETSET("source", regexp_get_source, NULL),
    BP_GETSET_MAGIC("dotAll", regexp_get_flag, NULL, RE_FLAG_DOT_ALL),
    BP_GETSET_MAGIC("global", regexp_get_flag, NULL, RE_FLAG_GLOBAL),
    BP_GETSET_MAGIC("hasIndices", regexp_get_flag, NULL, RE_FLAG_HAS_INDICES),
    BP_GETSET_MAGIC("ignoreCase", regexp_get_flag, NULL, RE_FLAG_IGNORE_CASE),
    BP_GETSET_MAGIC("multiline", regexp_get_flag, NULL, RE_FLAG_MULTILINE),
    BP_GETSET_MAGIC("sticky", regexp_get_flag, NULL, RE_FLAG_STICKY),
    BP_GETSET_MAGIC("unicode", regexp_get_flag, NULL, RE_FLAG_UNICODE),
    BP_GETSET_MAGIC("unicodeSets", regexp_get_flag, NULL, RE_FLAG_UNICODE_SETS),
};

int init_regexp(Context *ctx) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    int r = -1;
    Object *proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!proto) goto done;
    Object *ctor = builtins_make_constructor(ctx, "RegExp", regexp_constructor, 2, proto,
                                             INTR_RegExp, INTR_RegExpPrototype, true);
    if (!ctor) goto done;
    if (builtins_install(ctx, ctor, regexp_ctor_props, BP_COUNT(regexp_ctor_props)) < 0 ||
        builtins_install(ctx, proto, regexp_proto_props, BP_COUNT(regexp_proto_props)) < 0 ||
        init_regexp_symbols(ctx, proto) < 0)
        goto done;
    r = 0;
done:
    gc_scope_close(rt, mark);
    return r;
}
