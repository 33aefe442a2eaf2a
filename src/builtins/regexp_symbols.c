/*
 * regexp_symbols.c — RegExp.prototype [ %Symbol.match% ], [ %Symbol.matchAll% ],
 * [ %Symbol.replace% ], [ %Symbol.search% ], [ %Symbol.split% ] and
 * %RegExpStringIteratorPrototype% (#sec-regexp-string-iterator-objects).
 *
 * Each follows its algorithm step by step through observable Get/Set/
 * RegExpExec calls, since test262 (and real code) subclass RegExp and
 * override exec, flags or lastIndex.
 */
#include <stdlib.h>
#include <string.h>
#include "builtins/iterator_ops.h"
#include "builtins/regexp_object.h"

static String *to_flat_string(Context *ctx, Value v) {
    String *s = ToStringS(ctx, v);
    return s ? str_flatten(ctx->rt, s) : NULL;
}

/* ToString(? Get(rx, "flags")), flattened. */
static String *get_flags(Context *ctx, Object *rx) {
    Value flags = Get(ctx, rx, KEY(ctx->rt, flags));
    if (val_is_exception(flags)) return NULL;
    return to_flat_string(ctx, flags);
}

static bool flags_unicode(String *flags) {
    return regexp_string_has_unit(flags, 'u') || regexp_string_has_unit(flags, 'v');
}

/* ToLength(? Get(rx, "lastIndex")) */
static int get_last_index(Context *ctx, Object *rx, uint64_t *out) {
    Value v = Get(ctx, rx, KEY(ctx->rt, lastIndex));
    ITRY(v);
    return ToLength(ctx, v, out);
}

static Value set_last_index(Context *ctx, Object *rx, uint64_t v) {
    return Set(ctx, rx, KEY(ctx->rt, lastIndex), val_from_number((double)v), true);
}

/* When a global match is empty, lastIndex advances past it. */
static int advance_after_empty(Context *ctx, Object *rx, Value result, String *s, bool unicode) {
    Value m = Get(ctx, obj_from_value(result), key_from_index(0));
    ITRY(m);
    String *ms = ToStringS(ctx, m);
    if (!ms) return -1;
    if (ms->length) return 0;
    uint64_t this_index;
    ITRY_I(get_last_index(ctx, rx, &this_index));
    ITRY(set_last_index(ctx, rx, AdvanceStringIndex(s, this_index, unicode)));
    return 0;
}

/* Appends the code units s[start, end) of a flat string. */
static void sb_append_utf16_range(StringBuilder *sb, String *s, uint32_t start, uint32_t end) {
    if (str_is_wide(s))
        sb_append_utf16(sb, str_chars16(s) + start, end - start);
    else
        sb_append_latin1(sb, str_chars8(s) + start, end - start);
}

static Object *this_object(Context *ctx, Value this_value, const char *method) {
    if (!val_is_object(this_value)) {
        throw_type_error(ctx, "RegExp.prototype[%s] called on a non-object", method);
        return NULL;
    }
    return obj_from_value(this_value);
}

/* RegExp.prototype [ %Symbol.match% ] ( string ) — #sec-regexp.prototype-%symbol.match% */
static Value regexp_symbol_match(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Object *rx = this_object(ctx, this_value, "Symbol.match");
    if (!rx) return VAL_EXCEPTION;
    String *s = to_flat_string(ctx, ARG(0));
    if (!s) return VAL_EXCEPTION;
    if (regexp_is_pristine(ctx, rx) && (regexp_flags(regexp_program_of(rx)) & RE_FLAG_GLOBAL)) {
        /* Global match of a pristine RegExp: the matched substrings only. */
        int32_t *all;
        uint32_t count;
        TRY_I(regexp_collect_matches(ctx, rx, s, &all, &count));
        uint32_t width = 2 * regexp_capture_count(regexp_program_of(rx));
        Object *a = count ? ArrayCreate(ctx, count, NULL) : NULL;
        for (uint32_t k = 0; a && k < count; k++) {
            const int32_t *caps = all + (size_t)k * width;
            String *m = str_substring(rt, s, (uint32_t)caps[0], (uint32_t)caps[1]);
            if (!m || array_init_element(ctx, a, k, val_from_string(m)) < 0) a = NULL;
        }
        free(all);
        if (!count) return VAL_NULL;
        return a ? val_from_object(a) : VAL_EXCEPTION;
    }
    String *flags = get_flags(ctx, rx);
    if (!flags) return VAL_EXCEPTION;
    if (!regexp_string_has_unit(flags, 'g')) return RegExpExec(ctx, rx, s);
    bool full_unicode = flags_unicode(flags);
    TRY(set_last_index(ctx, rx, 0));
    Object *a = ArrayCreate(ctx, 0, NULL);
    if (!a) return VAL_EXCEPTION;
    for (uint32_t n = 0;; n++) {
        HandleMark mark = gc_scope_open(rt);
        Value result = RegExpExec(ctx, rx, s);
        if (val_is_exception(result)) return VAL_EXCEPTION;
        if (val_is_null(result)) {
            gc_scope_close(rt, mark);
            return n == 0 ? VAL_NULL : val_from_object(a);
        }
        Value m = Get(ctx, obj_from_value(result), key_from_index(0));
        if (val_is_exception(m)) return VAL_EXCEPTION;
        String *ms = ToStringS(ctx, m);
        if (!ms) return VAL_EXCEPTION;
        if (val_is_exception(
                CreateDataPropertyOrThrow(ctx, a, key_from_index(n), val_from_string(ms))))
            return VAL_EXCEPTION;
        if (ms->length == 0) {
            uint64_t this_index;
            TRY_I(get_last_index(ctx, rx, &this_index));
            TRY(set_last_index(ctx, rx, AdvanceStringIndex(s, this_index, full_unicode)));
        }
        gc_scope_close(rt, mark);
    }
}

/* RegExp.prototype [ %Symbol.search% ] ( string ) — #sec-regexp.prototype-%symbol.search% */
static Value regexp_symbol_search(Context *ctx, Value this_value, int argc, const Value *argv,
                                  Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Object *rx = this_object(ctx, this_value, "Symbol.search");
    if (!rx) return VAL_EXCEPTION;
    String *s = to_flat_string(ctx, ARG(0));
    if (!s) return VAL_EXCEPTION;
    Value previous = Get(ctx, rx, KEY(rt, lastIndex));
    TRY(previous);
    if (!SameValue(previous, val_from_int(0)))
        TRY(Set(ctx, rx, KEY(rt, lastIndex), val_from_int(0), true));
    Value result = RegExpExec(ctx, rx, s);
    TRY(result);
    Value current = Get(ctx, rx, KEY(rt, lastIndex));
    TRY(current);
    if (!SameValue(current, previous)) TRY(Set(ctx, rx, KEY(rt, lastIndex), previous, true));
    if (val_is_null(result)) return val_from_int(-1);
    return Get(ctx, obj_from_value(result), KEY(rt, index));
}

/* RegExp.prototype [ %Symbol.replace% ] for a pristine RegExp (see
 * regexp_is_pristine): the same results and lastIndex as the generic steps,
 * without the result arrays. */
static Value replace_pristine(Context *ctx, Object *rx, String *s, Value replace_value,
                              String *template) {
    Runtime *rt = ctx->rt;
    const RegexpProgram *prog = regexp_program_of(rx);
    int32_t *all;
    uint32_t count;
    TRY_I(regexp_collect_matches(ctx, rx, s, &all, &count));
    if (count == 0) {
        free(all); /* a global search allocates before it knows there is no match */
        return val_from_string(s);
    }
    uint32_t width = 2 * regexp_capture_count(prog);
    uint32_t n_captures = width / 2 - 1;
    bool plain = template && !regexp_string_has_unit(template, '$');
    Value *args = malloc((n_captures + 4) * sizeof(Value));
    if (!args) {
        free(all);
        return rt_throw_error(rt, ERR_RANGE, "out of memory");
    }
    StringBuilder sb;
    sb_init(&sb, rt);
    uint32_t next = 0;
    for (uint32_t k = 0; k < count; k++) {
        HandleMark mark = gc_scope_open(rt);
        const int32_t *caps = all + (size_t)k * width;
        uint32_t position = (uint32_t)caps[0];
        if (position > next) sb_append_utf16_range(&sb, s, next, position);
        if (plain) {
            sb_append_string(&sb, template);
        } else {
            String *matched = str_substring(rt, s, position, (uint32_t)caps[1]);
            if (!matched) goto fail;
            args[0] = val_from_string(matched);
            for (uint32_t i = 1; i <= n_captures; i++) {
                args[i] = VAL_UNDEFINED;
                if (caps[2 * i] >= 0) {
                    String *c =
                        str_substring(rt, s, (uint32_t)caps[2 * i], (uint32_t)caps[2 * i + 1]);
                    if (!c) goto fail;
                    args[i] = val_from_string(c);
                }
            }
            Value named = regexp_groups_object(ctx, prog, s, caps);
            if (val_is_exception(named)) goto fail;
            String *replacement;
            if (template) {
                Value rv = GetSubstitution(ctx, matched, s, position, args + 1, n_captures, named,
                                           template);
                if (val_is_exception(rv)) goto fail;
                replacement = val_as_string(rv);
            } else {
                uint32_t nargs = n_captures + 1;
                args[nargs++] = val_from_int((int32_t)position);
                args[nargs++] = val_from_string(s);
                if (!val_is_undefined(named)) args[nargs++] = named;
                Value rv = Call(ctx, replace_value, VAL_UNDEFINED, (int)nargs, args);
                if (val_is_exception(rv)) goto fail;
                replacement = ToStringS(ctx, rv);
                if (!replacement) goto fail;
            }
            sb_append_string(&sb, replacement);
        }
        next = (uint32_t)caps[1];
        gc_scope_close(rt, mark);
    }
    if (next < s->length) sb_append_utf16_range(&sb, s, next, s->length);
    free(all);
    free(args);
    String *out = sb_finish(&sb);
    return out ? val_from_string(out) : VAL_EXCEPTION;
fail:
    free(all);
    free(args);
    sb_free(&sb);
    return VAL_EXCEPTION;
}

/* RegExp.prototype [ %Symbol.replace% ] ( string, replaceValue ) —
 * #sec-regexp.prototype-%symbol.replace% */
static Value regexp_symbol_replace(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    /* 1-2. */
    Object *rx = this_object(ctx, this_value, "Symbol.replace");
    if (!rx) return VAL_EXCEPTION;
    /* 3. */
    String *s = to_flat_string(ctx, ARG(0));
    if (!s) return VAL_EXCEPTION;
    uint32_t length_s = s->length;
    /* 5-6. */
    Value replace_value = ARG(1);
    bool functional = val_is_callable(replace_value);
    String *template = NULL;
    if (!functional) {
        template = to_flat_string(ctx, replace_value);
        if (!template) return VAL_EXCEPTION;
    }
    /* A RegExp with the built-in behaviour throughout: no observable step
     * can be skipped wrongly, so match directly without result arrays. */
    if (regexp_is_pristine(ctx, rx)) return replace_pristine(ctx, rx, s, replace_value, template);
    /* 7-10. */
    String *flags = get_flags(ctx, rx);
    if (!flags) return VAL_EXCEPTION;
    bool global = regexp_string_has_unit(flags, 'g');
    bool full_unicode = false;
    if (global) {
        full_unicode = flags_unicode(flags);
        TRY(set_last_index(ctx, rx, 0));
    }
    /* 11-13. */
    ValueArray *results = value_array_new(rt, 4);
    if (!results) return VAL_EXCEPTION;
    for (;;) {
        HandleMark mark = gc_scope_open(rt);
        Value result = RegExpExec(ctx, rx, s);
        if (val_is_exception(result)) return VAL_EXCEPTION;
        if (val_is_null(result)) {
            gc_scope_close(rt, mark);
            break;
        }
        if (value_array_push(rt, results, result) < 0) return VAL_EXCEPTION;
        if (!global) {
            gc_scope_close(rt, mark);
            break;
        }
        TRY_I(advance_after_empty(ctx, rx, result, s, full_unicode));
        gc_scope_close(rt, mark);
    }
    /* 14-15. */
    StringBuilder sb;
    sb_init(&sb, rt);
    uint32_t next_source_position = 0;
    Value *captures = NULL;
    uint32_t captures_cap = 0;
    for (uint32_t r = 0; r < results->length; r++) {
        HandleMark mark = gc_scope_open(rt);
        Object *result = obj_from_value(results->items[r]);
        uint64_t result_length;
        if (val_is_exception(LengthOfArrayLike(ctx, result, &result_length))) goto fail;
        uint64_t n_captures = result_length ? result_length - 1 : 0;
        if (n_captures > 0xFFFFFF) {
            throw_range_error(ctx, "RegExp.prototype[Symbol.replace]: too many captures");
            goto fail;
        }
        Value mv = Get(ctx, result, key_from_index(0));
        if (val_is_exception(mv)) goto fail;
        String *matched = to_flat_string(ctx, mv);
        if (!matched) goto fail;
        uint32_t match_length = matched->length;
        Value pv = Get(ctx, result, KEY(rt, index));
        if (val_is_exception(pv)) goto fail;
        double position_d;
        if (ToIntegerOrInfinity(ctx, pv, &position_d) < 0) goto fail;
        uint32_t position = position_d < 0          ? 0
                            : position_d > length_s ? length_s
                                                    : (uint32_t)position_d;
        /* captures: functional replacers get matched first, so slot 0 */
        uint32_t need = (uint32_t)n_captures + 4;
        if (need > captures_cap) {
            Value *nc = realloc(captures, need * sizeof(Value));
            if (!nc) {
                rt_throw_error(rt, ERR_RANGE, "out of memory");
                goto fail;
            }
            captures = nc;
            captures_cap = need;
        }
        /* captures live in malloc'd memory: root each one as it is made */
        captures[0] = val_from_string(matched);
        for (uint32_t n = 1; n <= n_captures; n++) {
            Value cap = Get(ctx, result, key_from_index(n));
            if (val_is_exception(cap)) goto fail;
            if (!val_is_undefined(cap)) {
                String *cs = ToStringS(ctx, cap);
                if (!cs) goto fail;
                cap = val_from_string(cs);
            }
            gc_protect(rt, cap);
            captures[n] = cap;
        }
        Value named = Get(ctx, result, KEY(rt, groups));
        if (val_is_exception(named)) goto fail;
        String *replacement;
        if (functional) {
            uint32_t nargs = (uint32_t)n_captures + 1;
            captures[nargs++] = val_from_int((int32_t)position);
            captures[nargs++] = val_from_string(s);
            if (!val_is_undefined(named)) captures[nargs++] = named;
            Value rv = Call(ctx, replace_value, VAL_UNDEFINED, (int)nargs, captures);
            if (val_is_exception(rv)) goto fail;
            replacement = ToStringS(ctx, rv);
        } else {
            if (!val_is_undefined(named)) {
                named = ToObject(ctx, named);
                if (val_is_exception(named)) goto fail;
            }
            Value rv = GetSubstitution(ctx, matched, s, position, captures + 1,
                                       (uint32_t)n_captures, named, template);
            if (val_is_exception(rv)) goto fail;
            replacement = val_as_string(rv);
        }
        if (!replacement) goto fail;
        if (position >= next_source_position) {
            if (position > next_source_position) {
                String *part = str_substring(rt, s, next_source_position, position);
                if (!part) goto fail;
                sb_append_string(&sb, part);
            }
            sb_append_string(&sb, replacement);
            uint64_t next = (uint64_t)position + match_length;
            next_source_position = next > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)next;
        }
        gc_scope_close(rt, mark);
    }
    free(captures);
    if (next_source_position < length_s) {
        String *part = str_substring(rt, s, next_source_position, length_s);
        if (!part) {
            sb_free(&sb);
            return VAL_EXCEPTION;
        }
        sb_append_string(&sb, part);
    }
    String *out = sb_finish(&sb);
    return out ? val_from_string(out) : VAL_EXCEPTION;
fail:
    free(captures);
    sb_free(&sb);
    return VAL_EXCEPTION;
}

/* Split by a pristine RegExp whose species constructor is %RegExp%: the
 * splitter the spec constructs (rx's source, flags + "y") can never be seen
 * by user code, and no step of the loop runs user code, so rx's own program
 * stands in for it. A sticky match tried at q, q+1, ... succeeds first
 * where a search from q finds its match, so one search replaces the
 * per-position tries (a sticky rx keeps its single try per position). */
static Value split_pristine(Context *ctx, Object *rx, String *s, uint32_t lim) {
    Runtime *rt = ctx->rt;
    const RegexpProgram *prog = regexp_program_of(rx);
    bool unicode = regexp_flags(prog) & (RE_FLAG_UNICODE | RE_FLAG_UNICODE_SETS);
    uint32_t ncaps = regexp_capture_count(prog);
    Object *a = ArrayCreate(ctx, 0, NULL);
    if (!a) return VAL_EXCEPTION;
    Value result = val_from_object(a);
    if (lim == 0) return result;
    int32_t local[32];
    int32_t *caps = ncaps * 2 <= 32 ? local : malloc(ncaps * 2 * sizeof(int32_t));
    if (!caps) return rt_throw_error(rt, ERR_RANGE, "out of memory");
    uint32_t size = s->length, length_a = 0;
    if (size == 0) {
        int m = regexp_exec(ctx, prog, s, 0, caps);
        if (m < 0) goto fail;
        if (m == 0 && array_push_fast(ctx, a, val_from_string(s)) < 0) goto fail;
        goto done;
    }
    uint32_t p = 0, q = 0;
    while (q < size) {
        int m = regexp_exec(ctx, prog, s, q, caps);
        if (m < 0) goto fail;
        if (m == 0) {
            if (regexp_flags(prog) & RE_FLAG_STICKY) {
                q = (uint32_t)AdvanceStringIndex(s, q, unicode);
                continue;
            }
            break;
        }
        q = (uint32_t)caps[0];
        if (q >= size) break;
        uint32_t e = (uint32_t)caps[1];
        if (e == p) {
            q = (uint32_t)AdvanceStringIndex(s, q, unicode);
            continue;
        }
        HandleMark mark = gc_scope_open(rt);
        String *t = str_substring(rt, s, p, q);
        if (!t || array_push_fast(ctx, a, val_from_string(t)) < 0) goto fail;
        if (++length_a == lim) goto done;
        p = e;
        for (uint32_t i = 1; i < ncaps; i++) {
            Value cap = VAL_UNDEFINED;
            if (caps[2 * i] >= 0) {
                String *c = str_substring(rt, s, (uint32_t)caps[2 * i], (uint32_t)caps[2 * i + 1]);
                if (!c) goto fail;
                cap = val_from_string(c);
            }
            if (array_push_fast(ctx, a, cap) < 0) goto fail;
            if (++length_a == lim) goto done;
        }
        q = p;
        gc_scope_close(rt, mark);
    }
    {
        String *t = str_substring(rt, s, p, size);
        if (!t || array_push_fast(ctx, a, val_from_string(t)) < 0) goto fail;
    }
done:
    if (caps != local) free(caps);
    return result;
fail:
    if (caps != local) free(caps);
    return VAL_EXCEPTION;
}

/* Can split skip constructing its splitter? rx must be pristine, its
 * species %RegExp%, and the constructor's IsRegExp(rx) must read a data
 * property (no getter to call). */
static bool split_can_skip_splitter(Context *ctx, Object *rx, Value c) {
    if (c != ctx_intrinsic(ctx, INTR_RegExp) || !regexp_is_pristine(ctx, rx)) return false;
    PropKey match = KEY_SYM(ctx->rt, match);
    uint8_t attrs;
    if (obj_lookup_own_fast(rx, match, NULL, NULL)) return false;
    return obj_lookup_own_fast(rx->proto, match, NULL, &attrs) && !(attrs & PROP_ACCESSOR);
}

/* RegExp.prototype [ %Symbol.split% ] ( string, limit ) — #sec-regexp.prototype-%symbol.split% */
static Value regexp_symbol_split(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    Object *rx = this_object(ctx, this_value, "Symbol.split");
    if (!rx) return VAL_EXCEPTION;
    String *s = to_flat_string(ctx, ARG(0));
    if (!s) return VAL_EXCEPTION;
    /* 4. */
    Value c = SpeciesConstructor(ctx, rx, ctx_intrinsic(ctx, INTR_RegExp));
    TRY(c);
    /* ToUint32 of a Number or undefined limit runs no user code either. */
    if ((val_is_undefined(ARG(1)) || val_is_number(ARG(1))) &&
        split_can_skip_splitter(ctx, rx, c)) {
        uint32_t lim = 0xFFFFFFFFu;
        if (!val_is_undefined(ARG(1))) TRY_I(ToUint32(ctx, ARG(1), &lim));
        return split_pristine(ctx, rx, s, lim);
    }
    /* 5-9. */
    String *flags = get_flags(ctx, rx);
    if (!flags) return VAL_EXCEPTION;
    bool unicode_matching = flags_unicode(flags);
    String *new_flags = flags;
    if (!regexp_string_has_unit(flags, 'y')) {
        String *y = str_from_cstr(rt, "y");
        if (!y || !(new_flags = str_concat(rt, flags, y))) return VAL_EXCEPTION;
    }
    /* 10. */
    Value args[2] = {val_from_object(rx), val_from_string(new_flags)};
    Value splitter_v = Construct(ctx, c, 2, args, VAL_UNDEFINED);
    TRY(splitter_v);
    if (!val_is_object(splitter_v))
        return throw_type_error(ctx, "RegExp species constructor returned a non-object");
    Object *splitter = obj_from_value(splitter_v);
    /* 11-13. */
    Object *a = ArrayCreate(ctx, 0, NULL);
    if (!a) return VAL_EXCEPTION;
    uint32_t length_a = 0;
    uint32_t lim = 0xFFFFFFFFu;
    if (!val_is_undefined(ARG(1))) TRY_I(ToUint32(ctx, ARG(1), &lim));
    /* 14. */
    if (lim == 0) return val_from_object(a);
    uint32_t size = s->length;
    /* 16. */
    if (size == 0) {
        Value z = RegExpExec(ctx, splitter, s);
        TRY(z);
        if (!val_is_null(z)) return val_from_object(a);
        TRY(CreateDataPropertyOrThrow(ctx, a, key_from_index(0), val_from_string(s)));
        return val_from_object(a);
    }
    /* 17-19. */
    uint32_t p = 0, q = 0;
    while (q < size) {
        HandleMark mark = gc_scope_open(rt);
        TRY(set_last_index(ctx, splitter, q));
        Value z = RegExpExec(ctx, splitter, s);
        TRY(z);
        if (val_is_null(z)) {
            q = (uint32_t)AdvanceStringIndex(s, q, unicode_matching);
            gc_scope_close(rt, mark);
            continue;
        }
        uint64_t e;
        TRY_I(get_last_index(ctx, splitter, &e));
        if (e > size) e = size;
        if (e == p) {
            q = (uint32_t)AdvanceStringIndex(s, q, unicode_matching);
            gc_scope_close(rt, mark);
            continue;
        }
        String *t = str_substring(rt, s, p, q);
        if (!t) return VAL_EXCEPTION;
        TRY(CreateDataPropertyOrThrow(ctx, a, key_from_index(length_a), val_from_string(t)));
        if (++length_a == lim) return val_from_object(a);
        p = (uint32_t)e;
        uint64_t ncaps;
        TRY(LengthOfArrayLike(ctx, obj_from_value(z), &ncaps));
        ncaps = ncaps ? ncaps - 1 : 0;
        for (uint64_t i = 1; i <= ncaps; i++) {
            Value cap = Get(ctx, obj_from_value(z), key_from_index((uint32_t)i));
            TRY(cap);
            TRY(CreateDataPropertyOrThrow(ctx, a, key_from_index(length_a), cap));
            if (++length_a == lim) return val_from_object(a);
        }
        q = p;
        gc_scope_close(rt, mark);
    }
    /* 20-22. */
    String *t = str_substring(rt, s, p, size);
    if (!t) return VAL_EXCEPTION;
    TRY(CreateDataPropertyOrThrow(ctx, a, key_from_index(length_a), val_from_string(t)));
    return val_from_object(a);
}

/* ---- %RegExpStringIteratorPrototype% -------------------------------------------------- */

typedef struct RegExpStringIterator {
    Object base;
    Value iterating_regexp; /* [[IteratingRegExp]] */
    Value iterated_string;  /* [[IteratedString]] */
    bool global, unicode, done;
} RegExpStringIterator;

static void regexp_string_iterator_trace(Runtime *rt, Object *o) {
    RegExpStringIterator *it = (RegExpStringIterator *)o;
    gc_mark_value(rt, it->iterating_regexp);
    gc_mark_value(rt, it->iterated_string);
}

static const ClassDef class_regexp_string_iterator = {
    .id = CLASS_OBJECT,
    .name = "RegExp String Iterator",
    .trace = regexp_string_iterator_trace,
};

/* RegExp.prototype [ %Symbol.matchAll% ] ( string ) — #sec-regexp-prototype-%symbol.matchall% */
static Value regexp_symbol_match_all(Context *ctx, Value this_value, int argc, const Value *argv,
                                     Value new_target, int magic) {
    Object *r = this_object(ctx, this_value, "Symbol.matchAll");
    if (!r) return VAL_EXCEPTION;
    String *s = to_flat_string(ctx, ARG(0));
    if (!s) return VAL_EXCEPTION;
    Value c = SpeciesConstructor(ctx, r, ctx_intrinsic(ctx, INTR_RegExp));
    TRY(c);
    String *flags = get_flags(ctx, r);
    if (!flags) return VAL_EXCEPTION;
    Value args[2] = {val_from_object(r), val_from_string(flags)};
    Value matcher = Construct(ctx, c, 2, args, VAL_UNDEFINED);
    TRY(matcher);
    if (!val_is_object(matcher))
        return throw_type_error(ctx, "RegExp species constructor returned a non-object");
    uint64_t last_index;
    TRY_I(get_last_index(ctx, r, &last_index));
    TRY(set_last_index(ctx, obj_from_value(matcher), last_index));
    /* CreateRegExpStringIterator ( R, S, global, fullUnicode ) — #sec-createregexpstringiterator */
    RegExpStringIterator *it = (RegExpStringIterator *)obj_alloc(
        ctx, &class_regexp_string_iterator,
        ctx_intrinsic_obj(ctx, INTR_RegExpStringIteratorPrototype), sizeof(RegExpStringIterator));
    if (!it) return VAL_EXCEPTION;
    it->iterating_regexp = matcher;
    it->iterated_string = val_from_string(s);
    it->global = regexp_string_has_unit(flags, 'g');
    it->unicode = flags_unicode(flags);
    return val_from_object(&it->base);
}

/* %RegExpStringIteratorPrototype%.next ( ) — #sec-%regexpstringiteratorprototype%.next */
static Value regexp_string_iterator_next(Context *ctx, Value this_value, int argc,
                                         const Value *argv, Value new_target, int magic) {
    if (!val_is_object(this_value) ||
        obj_from_value(this_value)->cls != &class_regexp_string_iterator)
        return throw_type_error(
            ctx, "%%RegExpStringIteratorPrototype%%.next called on an incompatible receiver");
    RegExpStringIterator *it = (RegExpStringIterator *)obj_from_value(this_value);
    if (it->done) return CreateIterResultObject(ctx, VAL_UNDEFINED, true);
    Object *r = obj_from_value(it->iterating_regexp);
    String *s = val_as_string(it->iterated_string);
    Value match = RegExpExec(ctx, r, s);
    TRY(match);
    if (val_is_null(match)) {
        it->done = true;
        return CreateIterResultObject(ctx, VAL_UNDEFINED, true);
    }
    if (it->global) {
        TRY_I(advance_after_empty(ctx, r, match, s, it->unicode));
        return CreateIterResultObject(ctx, match, false);
    }
    it->done = true;
    return CreateIterResultObject(ctx, match, false);
}

int init_regexp_symbols(Context *ctx, Object *proto) {
    static const BuiltinProp props[] = {
        BP_FUNC("[Symbol.match]", regexp_symbol_match, 1),
        BP_FUNC("[Symbol.matchAll]", regexp_symbol_match_all, 1),
        BP_FUNC("[Symbol.replace]", regexp_symbol_replace, 2),
        BP_FUNC("[Symbol.search]", regexp_symbol_search, 1),
        BP_FUNC("[Symbol.split]", regexp_symbol_split, 2),
    };
    static const BuiltinProp iterator_props[] = {
        BP_FUNC("next", regexp_string_iterator_next, 0),
        BP_STR("[Symbol.toStringTag]", "RegExp String Iterator", PROP_CONFIGURABLE),
    };
    if (builtins_install(ctx, proto, props, BP_COUNT(props)) < 0) return -1;
    Object *iterator_proto = ensure_iterator_prototype(ctx);
    if (!iterator_proto) return -1;
    Object *it_proto = obj_new(ctx, iterator_proto);
    if (!it_proto) return -1;
    ctx->intrinsics[INTR_RegExpStringIteratorPrototype] = val_from_object(it_proto);
    return builtins_install(ctx, it_proto, iterator_props, BP_COUNT(iterator_props));
}
