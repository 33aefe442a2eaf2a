/* interp_ops.c — the interpreter's slow paths (see interp_ops.h). */
#include "vm/interp_ops.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vm/bigint.h"
#include "vm/conv.h"
#include "vm/module.h"
#include "vm/shape.h"
#include "vm/string.h"

static Value throw_mixed_bigint(Context *ctx) {
    return throw_type_error(ctx, "Cannot mix BigInt and other types, use explicit conversions");
}

static BigIntOp bigint_op_of(Opcode op) {
    switch (op) {
    case OP_SUB: return BIGINT_OP_SUB;
    case OP_MUL: return BIGINT_OP_MUL;
    case OP_DIV: return BIGINT_OP_DIV;
    case OP_MOD: return BIGINT_OP_MOD;
    case OP_EXP: return BIGINT_OP_EXP;
    case OP_SHL: return BIGINT_OP_SHL;
    case OP_SAR: return BIGINT_OP_SAR;
    case OP_SHR: return BIGINT_OP_SHR;
    case OP_BAND: return BIGINT_OP_AND;
    case OP_BOR: return BIGINT_OP_OR;
    case OP_BXOR: return BIGINT_OP_XOR;
    default: return BIGINT_OP_ADD;
    }
}

/* The BigInt half of ApplyStringOrNumericBinaryOperator steps 3-8: both
 * operands numeric, at least one a BigInt. */
static Value bigint_binary_op(Context *ctx, BigIntOp op, Value na, Value nb) {
    if (!val_is_bigint(na) || !val_is_bigint(nb)) return throw_mixed_bigint(ctx);
    gc_protect(ctx->rt, na);
    gc_protect(ctx->rt, nb);
    return bigint_binary(ctx, op, val_as_bigint(na), val_as_bigint(nb));
}

/* ---- messages ---- */

String *op_value_display(Context *ctx, Value v) {
    Runtime *rt = ctx->rt;
    if (val_is_string(v)) return val_as_string(v);
    if (val_is_undefined(v)) return ATOM(rt, undefined);
    if (val_is_null(v)) return ATOM(rt, null);
    if (val_is_bool(v)) return v == VAL_TRUE ? ATOM(rt, true) : ATOM(rt, false);
    if (val_is_number(v)) {
        String *s = str_from_double(rt, val_num(v));
        return s ? s : ATOM(rt, number);
    }
    if (val_is_symbol(v)) return ATOM(rt, symbol);
    if (val_is_bigint(v)) return ATOM(rt, bigint);
    if (val_is_callable(v)) return ATOM(rt, function);
    return ATOM(rt, object);
}

/* ---- operators ---- */

/* ApplyStringOrNumericBinaryOperator for + — #sec-applystringornumericbinaryoperator */
Value op_add_slow(Context *ctx, Value a, Value b) {
    Runtime *rt = ctx->rt;
    Value pa = ToPrimitive(ctx, a, HINT_DEFAULT);
    TRY(pa);
    gc_protect(rt, pa);
    Value pb = ToPrimitive(ctx, b, HINT_DEFAULT);
    TRY(pb);
    gc_protect(rt, pb);
    if (val_is_string(pa) || val_is_string(pb)) {
        String *sa = ToStringS(ctx, pa);
        if (!sa) return VAL_EXCEPTION;
        String *sb = ToStringS(ctx, pb);
        if (!sb) return VAL_EXCEPTION;
        String *r = str_concat(rt, sa, sb);
        return r ? val_from_string(r) : VAL_EXCEPTION;
    }
    Value na = ToNumeric(ctx, pa);
    TRY(na);
    Value nb = ToNumeric(ctx, pb);
    TRY(nb);
    if (val_is_bigint(na) || val_is_bigint(nb)) return bigint_binary_op(ctx, BIGINT_OP_ADD, na, nb);
    return val_from_number(val_num(na) + val_num(nb));
}

/* Number::exponentiate — #sec-numeric-types-number-exponentiate */
static double number_exponentiate(double base, double exponent) {
    if (isnan(exponent)) return NAN;
    if (exponent == 0) return 1;
    if ((base == 1 || base == -1) && isinf(exponent)) return NAN;
    return pow(base, exponent);
}

Value op_arith_slow(Context *ctx, Opcode op, Value a, Value b) {
    Value na = ToNumeric(ctx, a);
    TRY(na);
    Value nb = ToNumeric(ctx, b);
    TRY(nb);
    if (val_is_bigint(na) || val_is_bigint(nb))
        return bigint_binary_op(ctx, bigint_op_of(op), na, nb);
    double x = val_num(na), y = val_num(nb);
    switch (op) {
    case OP_SUB: return val_from_number(x - y);
    case OP_MUL: return val_from_number(x * y);
    case OP_DIV: return val_from_number(x / y);
    case OP_MOD: {
        if (isnan(x) || isnan(y) || isinf(x) || y == 0) return VAL_CANONICAL_NAN;
        if (isinf(y) || x == 0) return val_from_number(x);
        return val_from_number(fmod(x, y));
    }
    case OP_EXP: return val_from_number(number_exponentiate(x, y));
    case OP_SHL:
        return val_from_int((int32_t)((uint32_t)double_to_int32(x) << (double_to_uint32(y) & 31)));
    case OP_SAR: return val_from_int(double_to_int32(x) >> (double_to_uint32(y) & 31));
    case OP_SHR: {
        uint32_t r = double_to_uint32(x) >> (double_to_uint32(y) & 31);
        return val_from_number((double)r);
    }
    case OP_BAND: return val_from_int(double_to_int32(x) & double_to_int32(y));
    case OP_BOR: return val_from_int(double_to_int32(x) | double_to_int32(y));
    case OP_BXOR: return val_from_int(double_to_int32(x) ^ double_to_int32(y));
    default: return throw_type_error(ctx, "bad arithmetic operator");
    }
}

Value op_compare_slow(Context *ctx, Opcode op, Value a, Value b) {
    Value r;
    switch (op) {
    case OP_LT:
    case OP_JLT:
        r = IsLessThan(ctx, a, b, true);
        TRY(r);
        return r == VAL_TRUE ? VAL_TRUE : VAL_FALSE;
    case OP_GT:
    case OP_JGT:
        r = IsLessThan(ctx, b, a, false);
        TRY(r);
        return r == VAL_TRUE ? VAL_TRUE : VAL_FALSE;
    case OP_LE:
    case OP_JLE:
        r = IsLessThan(ctx, b, a, false);
        TRY(r);
        return r == VAL_FALSE ? VAL_TRUE : VAL_FALSE;
    case OP_GE:
    case OP_JGE:
        r = IsLessThan(ctx, a, b, true);
        TRY(r);
        return r == VAL_FALSE ? VAL_TRUE : VAL_FALSE;
    default: return throw_type_error(ctx, "bad comparison operator");
    }
}

Value op_unary_slow(Context *ctx, Opcode op, Value a) {
    if (op == OP_PLUS) return ToNumber(ctx, a);
    Value n = ToNumeric(ctx, a);
    TRY(n);
    if (val_is_bigint(n)) {
        BigInt *b = val_as_bigint(gc_protect(ctx->rt, n));
        switch (op) {
        case OP_NEG: return bigint_unary_minus(ctx, b);
        case OP_BNOT: return bigint_bitwise_not(ctx, b);
        case OP_INC: return bigint_increment(ctx, b, 1);
        case OP_DEC: return bigint_increment(ctx, b, -1);
        case OP_TO_NUMERIC: return n;
        default: return throw_type_error(ctx, "bad unary operator");
        }
    }
    double x = val_num(n);
    switch (op) {
    case OP_NEG: return val_from_number(-x);
    case OP_BNOT: return val_from_int(~double_to_int32(x));
    case OP_INC: return val_from_number(x + 1);
    case OP_DEC: return val_from_number(x - 1);
    case OP_TO_NUMERIC: return n;
    default: return throw_type_error(ctx, "bad unary operator");
    }
}

Value op_typeof(Context *ctx, Value v) {
    return val_from_string(TypeOf(ctx->rt, v));
}

/* The in operator — #sec-relational-operators-runtime-semantics-evaluation */
Value op_in(Context *ctx, Value key, Value obj) {
    if (!val_is_object(obj)) {
        String *k = val_is_symbol(key) ? ATOM(ctx->rt, symbol) : op_value_display(ctx, key);
        size_t len;
        char *u = str_to_utf8(ctx->rt, k, &len);
        Value r = throw_type_error(ctx, "Cannot use 'in' operator to search for '%s' in %s",
                                   u ? u : "?", val_is_string(obj) ? "a string" : "a primitive");
        free(u);
        return r;
    }
    PropKey k = ToPropertyKey(ctx, key);
    if (k == KEY_NONE) return VAL_EXCEPTION;
    return HasProperty(ctx, obj_from_value(obj), k);
}

/* ---- properties ---- */

static Value nullish_access_error(Context *ctx, Value base, Value key, bool set) {
    const char *what = val_is_undefined(base) ? "undefined" : "null";
    String *k = val_is_symbol(key) ? NULL : op_value_display(ctx, key);
    size_t len;
    char *u = k ? str_to_utf8(ctx->rt, k, &len) : NULL;
    Value r = throw_type_error(ctx, "Cannot %s properties of %s (%s '%s')", set ? "set" : "read",
                               what, set ? "setting" : "reading", u ? u : "Symbol()");
    free(u);
    return r;
}

Value op_nullish_base_error(Context *ctx, Value base, Value key, bool set) {
    return nullish_access_error(ctx, base, key, set);
}

static inline bool ic_cacheable(Object *o) {
    return o->cls->ops == NULL && !(o->hdr.flags & OBJ_DICT) && !shape_is_dict(o->shape);
}

Value op_get_prop(Context *ctx, Value base, String *name, InlineCache *ic) {
    PropKey k = key_from_atom(name);
    if (val_is_object(base)) {
        Object *o = obj_from_value(base);
        if (o->cls == &class_array && name == ATOM(ctx->rt, length)) {
            uint32_t len = array_length(o);
            return val_from_number((double)len);
        }
        if (o->cls->ops == NULL) {
            uint32_t slot;
            uint8_t attrs;
            if (shape_lookup(o->shape, k, &slot, &attrs)) {
                if (!(attrs & PROP_ACCESSOR) && o->slots[slot] != VAL_LAZY_PROTOTYPE) {
                    if (ic && ic_cacheable(o)) {
                        ic->shape = o->shape;
                        ic->slot = slot;
                    }
                    return o->slots[slot];
                }
            }
        }
        return obj_get(ctx, o, k, base);
    }
    if (val_is_nullish(base)) return nullish_access_error(ctx, base, val_from_string(name), false);
    if (val_is_string(base) && name == ATOM(ctx->rt, length))
        return val_from_int((int32_t)val_as_string(base)->length);
    return GetV(ctx, base, k);
}

Value op_set_prop(Context *ctx, Value base, String *name, Value v, InlineCache *ic, bool strict) {
    PropKey k = key_from_atom(name);
    if (val_is_object(base)) {
        Object *o = obj_from_value(base);
        if (o->cls->ops == NULL) {
            uint32_t slot;
            uint8_t attrs;
            if (shape_lookup(o->shape, k, &slot, &attrs) &&
                (attrs & (PROP_ACCESSOR | PROP_WRITABLE)) == PROP_WRITABLE) {
                GC_WRITE_BARRIER(ctx->rt, o, v);
                o->slots[slot] = v;
                if (ic && ic_cacheable(o)) {
                    ic->shape = o->shape;
                    ic->slot = slot;
                }
                return VAL_TRUE;
            }
        }
        Value ok = obj_set(ctx, o, k, v, base);
        TRY(ok);
        if (ok == VAL_FALSE && strict) {
            size_t len;
            char *u = str_to_utf8(ctx->rt, name, &len);
            Value r = throw_type_error(ctx, "Cannot assign to read only property '%s' of object",
                                       u ? u : "?");
            free(u);
            return r;
        }
        return VAL_TRUE;
    }
    if (val_is_nullish(base)) return nullish_access_error(ctx, base, val_from_string(name), true);
    Value obj = ToObject(ctx, base);
    TRY(obj);
    Value ok = obj_set(ctx, obj_from_value(obj), k, v, base);
    TRY(ok);
    if (ok == VAL_FALSE && strict) {
        size_t len;
        char *u = str_to_utf8(ctx->rt, name, &len);
        Value r = throw_type_error(ctx, "Cannot create property '%s' on primitive", u ? u : "?");
        free(u);
        return r;
    }
    return VAL_TRUE;
}

Value op_get_elem(Context *ctx, Value base, Value key) {
    if (val_is_nullish(base)) return nullish_access_error(ctx, base, key, false);
    if (val_is_string(base) && val_is_int(key)) {
        String *s = val_as_string(base);
        int32_t i = val_to_int(key);
        if (i >= 0 && (uint32_t)i < s->length) {
            if (!str_flatten(ctx->rt, s)) return VAL_EXCEPTION;
            String *c = str_from_char(ctx->rt, str_at(s, (uint32_t)i));
            return c ? val_from_string(c) : VAL_EXCEPTION;
        }
    }
    PropKey k = ToPropertyKey(ctx, key);
    if (k == KEY_NONE) return VAL_EXCEPTION;
    if (val_is_object(base)) {
        Object *o = obj_from_value(base);
        if (key_is_atom(k)) return op_get_prop(ctx, base, key_atom(k), NULL);
        return obj_get(ctx, o, k, base);
    }
    if (key_is_atom(k)) return op_get_prop(ctx, base, key_atom(k), NULL);
    return GetV(ctx, base, k);
}

Value op_set_elem(Context *ctx, Value base, Value key, Value v, bool strict) {
    if (val_is_nullish(base)) return nullish_access_error(ctx, base, key, true);
    PropKey k = ToPropertyKey(ctx, key);
    if (k == KEY_NONE) return VAL_EXCEPTION;
    if (key_is_atom(k)) return op_set_prop(ctx, base, key_atom(k), v, NULL, strict);
    Value obj = base;
    if (!val_is_object(base)) {
        obj = ToObject(ctx, base);
        TRY(obj);
    }
    Value ok = obj_set(ctx, obj_from_value(obj), k, v, base);
    TRY(ok);
    if (ok == VAL_FALSE && strict) {
        String *ks = key_to_display_string(ctx->rt, k, false);
        size_t len;
        char *u = ks ? str_to_utf8(ctx->rt, ks, &len) : NULL;
        Value r = throw_type_error(ctx, "Cannot assign to read only property '%s' of %s",
                                   u ? u : "?", val_is_object(base) ? "object" : "primitive");
        free(u);
        return r;
    }
    return VAL_TRUE;
}

/* delete — #sec-delete-operator-runtime-semantics-evaluation */
Value op_delete(Context *ctx, Value base, Value key, bool strict) {
    if (val_is_nullish(base))
        return throw_type_error(ctx, "Cannot convert undefined or null to object");
    Value obj = ToObject(ctx, base);
    TRY(obj);
    PropKey k = ToPropertyKey(ctx, key);
    if (k == KEY_NONE) return VAL_EXCEPTION;
    Value ok = obj_delete(ctx, obj_from_value(obj), k);
    TRY(ok);
    if (ok == VAL_FALSE && strict) {
        String *ks = key_to_display_string(ctx->rt, k, false);
        size_t len;
        char *u = ks ? str_to_utf8(ctx->rt, ks, &len) : NULL;
        Value r = throw_type_error(ctx, "Cannot delete property '%s'", u ? u : "?");
        free(u);
        return r;
    }
    return ok;
}

/* ---- the global environment ---- */

static Value not_defined(Context *ctx, String *name) {
    size_t len;
    char *u = str_to_utf8(ctx->rt, name, &len);
    Value r = throw_reference_error(ctx, "%s is not defined", u ? u : "?");
    free(u);
    return r;
}

static Value tdz_error(Context *ctx, String *name) {
    size_t len;
    char *u = str_to_utf8(ctx->rt, name, &len);
    Value r = throw_reference_error(ctx, "Cannot access '%s' before initialization", u ? u : "?");
    free(u);
    return r;
}

static Value const_error(Context *ctx) {
    return throw_type_error(ctx, "Assignment to constant variable.");
}

Value op_get_global(Context *ctx, String *name, InlineCache *ic, bool for_typeof) {
    PropKey k = key_from_atom(name);
    Env *g = env_global(ctx);
    if (!g) return VAL_EXCEPTION;
    Value v;
    uint8_t attrs;
    if (obj_lookup_own_fast(g->object, k, &v, &attrs)) {
        if (v == VAL_UNINITIALIZED) return tdz_error(ctx, name);
        return v;
    }
    Object *global = ctx->global;
    if (global->cls->ops == NULL) {
        uint32_t slot;
        if (shape_lookup(global->shape, k, &slot, &attrs) && !(attrs & PROP_ACCESSOR)) {
            if (ic) { /* dictionary mode too: see shape_ic_hit */
                ic->shape = global->shape;
                ic->slot = slot;
            }
            return global->slots[slot];
        }
    }
    Value has = obj_has_property(ctx, global, k);
    TRY(has);
    if (has == VAL_FALSE) return for_typeof ? VAL_UNDEFINED : not_defined(ctx, name);
    return obj_get(ctx, global, k, val_from_object(global));
}

Value op_put_global(Context *ctx, String *name, Value v, InlineCache *ic, bool strict) {
    PropKey k = key_from_atom(name);
    Env *g = env_global(ctx);
    if (!g) return VAL_EXCEPTION;
    Value cur;
    uint8_t attrs;
    if (obj_lookup_own_fast(g->object, k, &cur, &attrs)) {
        if (cur == VAL_UNINITIALIZED) return tdz_error(ctx, name);
        if (!(attrs & PROP_WRITABLE)) return const_error(ctx);
        if (obj_define_data_fast(ctx, g->object, k, v, attrs) < 0) return VAL_EXCEPTION;
        return VAL_TRUE;
    }
    Object *global = ctx->global;
    if (global->cls->ops == NULL) {
        uint32_t slot;
        if (shape_lookup(global->shape, k, &slot, &attrs) &&
            (attrs & (PROP_ACCESSOR | PROP_WRITABLE)) == PROP_WRITABLE) {
            global->slots[slot] = v;
            if (ic) { /* dictionary mode too: see shape_ic_hit */
                ic->shape = global->shape;
                ic->slot = slot;
            }
            return VAL_TRUE;
        }
    }
    if (strict) {
        Value has = obj_has_property(ctx, global, k);
        TRY(has);
        if (has == VAL_FALSE) return not_defined(ctx, name);
    }
    Value ok = obj_set(ctx, global, k, v, val_from_object(global));
    TRY(ok);
    if (ok == VAL_FALSE && strict) {
        size_t len;
        char *u = str_to_utf8(ctx->rt, name, &len);
        Value r = throw_type_error(ctx, "Cannot assign to read only property '%s' of object",
                                   u ? u : "?");
        free(u);
        return r;
    }
    return VAL_TRUE;
}

Value op_init_global_lex(Context *ctx, String *name, Value v) {
    Env *g = env_global(ctx);
    if (!g) return VAL_EXCEPTION;
    PropKey k = key_from_atom(name);
    Value cur;
    uint8_t attrs = PROP_WRITABLE;
    obj_lookup_own_fast(g->object, k, &cur, &attrs);
    if (obj_define_data_fast(ctx, g->object, k, v, attrs) < 0) return VAL_EXCEPTION;
    return VAL_TRUE;
}

/* ---- dynamic (by-name) resolution ---- */

/* Object environment HasBinding with @@unscopables — #sec-object-environment-records-hasbinding-n
 */
static Value with_has_binding(Context *ctx, Object *o, PropKey k) {
    Value has = obj_has_property(ctx, o, k);
    if (has != VAL_TRUE) return has;
    Value unscopables = obj_get(ctx, o, KEY_SYM(ctx->rt, unscopables), val_from_object(o));
    TRY(unscopables);
    if (val_is_object(unscopables)) {
        Value blocked = Get(ctx, obj_from_value(unscopables), k);
        TRY(blocked);
        if (ToBoolean(blocked)) return VAL_FALSE;
    }
    return VAL_TRUE;
}

/* A module import binding's slot holds a [record, slot] cell (vm/module.h). */
static bool is_import_cell(Value v) {
    return val_is_cell(v) && val_as_cell(v)->type == CELL_VALUE_ARRAY;
}

Value op_get_name(Context *ctx, Env *env, String *name, Value *this_out, bool for_typeof,
                  bool strict) {
    PropKey k = key_from_atom(name);
    if (this_out) *this_out = VAL_UNDEFINED;
    for (Env *e = env; e; e = e->parent) {
        if (e->hdr.flags & ENV_WITH) {
            Value has = with_has_binding(ctx, e->object, k);
            TRY(has);
            if (has == VAL_TRUE) {
                if (this_out) *this_out = val_from_object(e->object);
                /* GetBindingValue re-checks existence
                 * (#sec-object-environment-records-getbindingvalue-n-s) */
                Value still = obj_has_property(ctx, e->object, k);
                TRY(still);
                if (still == VAL_FALSE) return strict ? not_defined(ctx, name) : VAL_UNDEFINED;
                return obj_get(ctx, e->object, k, val_from_object(e->object));
            }
            continue;
        }
        uint32_t flags;
        int slot = env_find_slot(e, name, &flags);
        if (slot >= 0) {
            Value v = e->slots[slot];
            if (v == VAL_UNINITIALIZED) return tdz_error(ctx, name);
            if (is_import_cell(v)) return module_read_import(ctx, v, name);
            return v;
        }
        if (e->object) {
            Value v;
            uint8_t attrs;
            if (obj_lookup_own_fast(e->object, k, &v, &attrs)) return v;
        }
    }
    return op_get_global(ctx, name, NULL, for_typeof);
}

Value op_put_name(Context *ctx, Env *env, String *name, Value v, bool strict) {
    PropKey k = key_from_atom(name);
    for (Env *e = env; e; e = e->parent) {
        if (e->hdr.flags & ENV_WITH) {
            Value has = with_has_binding(ctx, e->object, k);
            TRY(has);
            if (has == VAL_TRUE) {
                /* SetMutableBinding — #sec-object-environment-records-setmutablebinding-n-v-s */
                Value still = obj_has_property(ctx, e->object, k);
                TRY(still);
                if (still == VAL_FALSE && strict) return not_defined(ctx, name);
                return Set(ctx, e->object, k, v, strict);
            }
            continue;
        }
        uint32_t flags = 0;
        int slot = env_find_slot(e, name, &flags);
        if (slot >= 0) {
            if (e->slots[slot] == VAL_UNINITIALIZED) return tdz_error(ctx, name);
            if (flags & BIND_SILENT_CONST) return strict ? const_error(ctx) : VAL_TRUE;
            if (flags & BIND_CONST) return const_error(ctx);
            e->slots[slot] = v;
            return VAL_TRUE;
        }
        if (e->object) {
            Value cur;
            uint8_t attrs;
            if (obj_lookup_own_fast(e->object, k, &cur, &attrs)) {
                if (obj_define_data_fast(ctx, e->object, k, v, attrs) < 0) return VAL_EXCEPTION;
                return VAL_TRUE;
            }
        }
    }
    return op_put_global(ctx, name, v, NULL, strict);
}

Value op_resolve_name(Context *ctx, Env *env, String *name) {
    PropKey k = key_from_atom(name);
    for (Env *e = env; e; e = e->parent) {
        if (e->hdr.flags & ENV_WITH) {
            Value has = with_has_binding(ctx, e->object, k);
            TRY(has);
            if (has == VAL_TRUE) return val_from_object(e->object);
            continue;
        }
        if (env_find_slot(e, name, NULL) >= 0) return val_from_cell(&e->hdr);
        Value v;
        uint8_t attrs;
        if (e->object && obj_lookup_own_fast(e->object, k, &v, &attrs))
            return val_from_cell(&e->hdr);
    }
    /* global: undefined when the global environment has it, null when the
     * reference is unresolvable */
    Env *g = env_global(ctx);
    if (!g) return VAL_EXCEPTION;
    Value v;
    uint8_t attrs;
    if (obj_lookup_own_fast(g->object, k, &v, &attrs)) return VAL_UNDEFINED;
    Value has = obj_has_property(ctx, ctx->global, k);
    TRY(has);
    return has == VAL_TRUE ? VAL_UNDEFINED : VAL_NULL;
}

Value op_get_ref(Context *ctx, Value base, String *name) {
    PropKey k = key_from_atom(name);
    if (val_is_object(base)) {
        Object *o = obj_from_value(base);
        Value still = obj_has_property(ctx, o, k);
        TRY(still);
        if (still == VAL_FALSE) return VAL_UNDEFINED;
        return obj_get(ctx, o, k, base);
    }
    if (val_is_cell(base)) {
        Env *e = (Env *)val_as_cell(base);
        int slot = env_find_slot(e, name, NULL);
        if (slot >= 0) {
            if (e->slots[slot] == VAL_UNINITIALIZED) return tdz_error(ctx, name);
            if (is_import_cell(e->slots[slot]))
                return module_read_import(ctx, e->slots[slot], name);
            return e->slots[slot];
        }
        Value v;
        uint8_t attrs;
        if (e->object && obj_lookup_own_fast(e->object, k, &v, &attrs)) return v;
        return VAL_UNDEFINED; /* deleted eval var */
    }
    if (val_is_null(base)) return not_defined(ctx, name);
    return op_get_global(ctx, name, NULL, false);
}

Value op_put_ref(Context *ctx, Value base, String *name, Value v, bool strict) {
    PropKey k = key_from_atom(name);
    if (val_is_object(base)) {
        Object *o = obj_from_value(base);
        Value still = obj_has_property(ctx, o, k);
        TRY(still);
        if (still == VAL_FALSE && strict) return not_defined(ctx, name);
        return Set(ctx, o, k, v, strict);
    }
    if (val_is_cell(base)) {
        Env *e = (Env *)val_as_cell(base);
        uint32_t flags = 0;
        int slot = env_find_slot(e, name, &flags);
        if (slot >= 0) {
            if (e->slots[slot] == VAL_UNINITIALIZED) return tdz_error(ctx, name);
            if (flags & BIND_SILENT_CONST) return strict ? const_error(ctx) : VAL_TRUE;
            if (flags & BIND_CONST) return const_error(ctx);
            e->slots[slot] = v;
            return VAL_TRUE;
        }
        if (e->object) {
            Value cur;
            uint8_t attrs = PROP_DEFAULT;
            obj_lookup_own_fast(e->object, k, &cur, &attrs);
            if (obj_define_data_fast(ctx, e->object, k, v, attrs) < 0) return VAL_EXCEPTION;
            return VAL_TRUE;
        }
    }
    if (val_is_null(base) && strict) return not_defined(ctx, name);
    return op_put_global(ctx, name, v, NULL, strict);
}

Value op_delete_name(Context *ctx, Env *env, String *name) {
    PropKey k = key_from_atom(name);
    for (Env *e = env; e; e = e->parent) {
        if (e->hdr.flags & ENV_WITH) {
            Value has = with_has_binding(ctx, e->object, k);
            TRY(has);
            if (has == VAL_TRUE) return obj_delete(ctx, e->object, k);
            continue;
        }
        if (env_find_slot(e, name, NULL) >= 0) return VAL_FALSE;
        if (e->object) {
            Value cur;
            uint8_t attrs;
            if (obj_lookup_own_fast(e->object, k, &cur, &attrs))
                return obj_delete(ctx, e->object, k);
        }
    }
    Env *g = env_global(ctx);
    if (!g) return VAL_EXCEPTION;
    Value cur;
    uint8_t attrs;
    if (obj_lookup_own_fast(g->object, k, &cur, &attrs)) return VAL_FALSE;
    Value ok = obj_delete(ctx, ctx->global, k);
    TRY(ok);
    if (ok == VAL_TRUE) {
        /* a deleted global var leaves [[VarNames]] too */
        if (obj_lookup_own_fast(g->extra, k, &cur, &attrs)) obj_delete(ctx, g->extra, k);
    }
    return ok;
}

Value op_get_this_dyn(Context *ctx, Env *env, String *name) {
    for (Env *e = env; e; e = e->parent) {
        if (e->hdr.flags & ENV_WITH) continue;
        int slot = env_find_slot(e, name, NULL);
        if (slot >= 0) {
            Value v = e->slots[slot];
            if (v == VAL_UNINITIALIZED)
                return throw_reference_error(ctx,
                                             "Must call super constructor before accessing 'this'");
            return v;
        }
    }
    if (name == ATOM(ctx->rt, this)) return val_from_object(ctx->global);
    return VAL_UNDEFINED;
}

/* ---- declaration instantiation ---- */

/* Declaration list kinds, kept in step with emit.c. */
enum {
    DECL_LET = 0,
    DECL_CONST = 1,
    DECL_CLASS = 2,
    DECL_FUNCTION = 3,
    DECL_VAR = 4,
    DECL_ANNEXB_FUNCTION = 5
};

static Value redeclaration(Context *ctx, String *name) {
    size_t len;
    char *u = str_to_utf8(ctx->rt, name, &len);
    Value r = throw_syntax_error(ctx, "Identifier '%s' has already been declared", u ? u : "?");
    free(u);
    return r;
}

static Value cannot_declare(Context *ctx, String *name, bool function) {
    size_t len;
    char *u = str_to_utf8(ctx->rt, name, &len);
    Value r = throw_type_error(ctx, "Cannot declare global %s '%s'",
                               function ? "function" : "variable", u ? u : "?");
    free(u);
    return r;
}

/* CanDeclareGlobalFunction — #sec-candeclareglobalfunction */
static Value CanDeclareGlobalFunction(Context *ctx, PropKey k) {
    PropertyDescriptor d;
    Value has = obj_get_own_property(ctx, ctx->global, k, &d);
    TRY(has);
    if (has == VAL_FALSE) return obj_is_extensible(ctx, ctx->global);
    if (d.attrs & PROP_CONFIGURABLE) return VAL_TRUE;
    if (desc_is_data(&d) && (d.attrs & PROP_WRITABLE) && (d.attrs & PROP_ENUMERABLE))
        return VAL_TRUE;
    return VAL_FALSE;
}

/* CanDeclareGlobalVar — #sec-candeclareglobalvar */
static Value CanDeclareGlobalVar(Context *ctx, PropKey k) {
    Value has = HasOwnProperty(ctx, ctx->global, k);
    TRY(has);
    if (has == VAL_TRUE) return VAL_TRUE;
    return obj_is_extensible(ctx, ctx->global);
}

static Value add_var_name(Context *ctx, Env *g, PropKey k) {
    if (obj_define_data_fast(ctx, g->extra, k, VAL_TRUE, PROP_DEFAULT) < 0) return VAL_EXCEPTION;
    return VAL_TRUE;
}

/* CreateGlobalFunctionBinding — #sec-createglobalfunctionbinding */
static Value CreateGlobalFunctionBinding(Context *ctx, Env *g, PropKey k, Value fn,
                                         bool deletable) {
    PropertyDescriptor existing;
    Value has = obj_get_own_property(ctx, ctx->global, k, &existing);
    TRY(has);
    PropertyDescriptor d;
    if (has == VAL_FALSE || (existing.attrs & PROP_CONFIGURABLE)) {
        d = desc_data(fn, PROP_WRITABLE | PROP_ENUMERABLE | (deletable ? PROP_CONFIGURABLE : 0));
    } else {
        memset(&d, 0, sizeof d);
        d.has = DESC_HAS_VALUE;
        d.value = fn;
        d.getter = d.setter = VAL_UNDEFINED;
    }
    TRY(DefinePropertyOrThrow(ctx, ctx->global, k, &d));
    TRY(Set(ctx, ctx->global, k, fn, false));
    return add_var_name(ctx, g, k);
}

/* CreateGlobalVarBinding — #sec-createglobalvarbinding */
static Value CreateGlobalVarBinding(Context *ctx, Env *g, PropKey k, bool deletable) {
    Value has = HasOwnProperty(ctx, ctx->global, k);
    TRY(has);
    Value ext = obj_is_extensible(ctx, ctx->global);
    TRY(ext);
    if (has == VAL_FALSE && ext == VAL_TRUE) {
        PropertyDescriptor d = desc_data(VAL_UNDEFINED, PROP_WRITABLE | PROP_ENUMERABLE |
                                                            (deletable ? PROP_CONFIGURABLE : 0));
        TRY(DefinePropertyOrThrow(ctx, ctx->global, k, &d));
    }
    return add_var_name(ctx, g, k);
}

/* Whether `name` is a var or function name the declaration list
 * instantiates itself (declaredFunctionOrVarNames of B.3.2.2 / B.3.2.3). */
static bool declares_var_name(ValueArray *decls, String *name) {
    for (uint32_t i = 0; i < decls->length;) {
        int kind = val_to_int(decls->items[i]);
        if ((kind == DECL_FUNCTION || kind == DECL_VAR) &&
            val_as_string(decls->items[i + 1]) == name)
            return true;
        i += kind == DECL_FUNCTION ? 3 : 2;
    }
    return false;
}

/* GlobalDeclarationInstantiation — #sec-globaldeclarationinstantiation
 * (with B.3.2.2, #sec-web-compat-globaldeclarationinstantiation). Writes
 * whether each DECL_ANNEXB_FUNCTION entry var-hoists to annexb[0...]. */
Value op_declare_globals(Context *ctx, ValueArray *decls, Value *annexb) {
    Env *g = env_global(ctx);
    if (!g) return VAL_EXCEPTION;
    Object *global = ctx->global;
    Value cur;
    uint8_t attrs;
    /* Steps 3-4: collisions with lexical declarations and restricted globals. */
    for (uint32_t i = 0; i < decls->length;) {
        int kind = val_to_int(decls->items[i]);
        String *name = val_as_string(decls->items[i + 1]);
        PropKey k = key_from_atom(name);
        if (kind <= DECL_CLASS) {
            if (obj_lookup_own_fast(g->object, k, &cur, &attrs)) return redeclaration(ctx, name);
            PropertyDescriptor d;
            Value has = obj_get_own_property(ctx, global, k, &d);
            TRY(has);
            if (has == VAL_TRUE && !(d.attrs & PROP_CONFIGURABLE)) return redeclaration(ctx, name);
        } else if (kind != DECL_ANNEXB_FUNCTION &&
                   obj_lookup_own_fast(g->object, k, &cur, &attrs)) {
            return redeclaration(ctx, name);
        }
        i += kind == DECL_FUNCTION ? 3 : 2;
    }
    /* Steps 8-10: can the functions and vars be declared? */
    for (uint32_t i = 0; i < decls->length;) {
        int kind = val_to_int(decls->items[i]);
        String *name = val_as_string(decls->items[i + 1]);
        PropKey k = key_from_atom(name);
        if (kind == DECL_FUNCTION) {
            Value ok = CanDeclareGlobalFunction(ctx, k);
            TRY(ok);
            if (ok == VAL_FALSE) return cannot_declare(ctx, name, true);
        } else if (kind == DECL_VAR) {
            Value ok = CanDeclareGlobalVar(ctx, k);
            TRY(ok);
            if (ok == VAL_FALSE) return cannot_declare(ctx, name, false);
        }
        i += kind == DECL_FUNCTION ? 3 : 2;
    }
    /* Step 12 (B.3.2.2): block-level functions that can be global vars. */
    uint32_t candidate = 0;
    for (uint32_t i = 0; i < decls->length;) {
        int kind = val_to_int(decls->items[i]);
        String *name = val_as_string(decls->items[i + 1]);
        PropKey k = key_from_atom(name);
        i += kind == DECL_FUNCTION ? 3 : 2;
        if (kind != DECL_ANNEXB_FUNCTION) continue;
        Value definable = VAL_FALSE;
        if (!obj_lookup_own_fast(g->object, k, &cur, &attrs)) {
            definable = CanDeclareGlobalVar(ctx, k);
            TRY(definable);
        }
        if (definable == VAL_TRUE && !declares_var_name(decls, name))
            TRY(CreateGlobalVarBinding(ctx, g, k, false));
        annexb[candidate++] = definable;
    }
    /* Steps 15-17: create the bindings. */
    bool created_lexical = false;
    for (uint32_t i = 0; i < decls->length;) {
        int kind = val_to_int(decls->items[i]);
        String *name = val_as_string(decls->items[i + 1]);
        PropKey k = key_from_atom(name);
        if (kind <= DECL_CLASS) {
            if (obj_define_data_fast(ctx, g->object, k, VAL_UNINITIALIZED,
                                     kind == DECL_CONST ? 0 : PROP_WRITABLE) < 0)
                return VAL_EXCEPTION;
            created_lexical = true;
        } else if (kind == DECL_FUNCTION) {
            Object *fn = js_function_new(ctx, val_as_bytecode(decls->items[i + 2]), NULL);
            if (!fn) return VAL_EXCEPTION;
            TRY(CreateGlobalFunctionBinding(ctx, g, k, val_from_object(fn), false));
        } else if (kind == DECL_VAR) {
            TRY(CreateGlobalVarBinding(ctx, g, k, false));
        }
        i += kind == DECL_FUNCTION ? 3 : 2;
    }
    /* New lexical bindings may shadow global object properties that
     * GET_GLOBAL / PUT_GLOBAL sites have cached (see shape_ic_hit). */
    if (created_lexical && obj_invalidate_inline_caches(ctx, global) < 0) return VAL_EXCEPTION;
    return VAL_UNDEFINED;
}

/* The variable environment of code running in env: NULL is the global one. */
static Env *variable_environment(Env *env) {
    while (env && !(env->hdr.flags & ENV_VAR_SCOPE))
        env = env->parent;
    return env;
}

/* Whether a declarative environment between a sloppy direct eval and its
 * variable environment binds `name`. A var may not hoist over it (with
 * B.3.4: except a catch parameter); with statements' object environments
 * hold no declarations. The variable environment's own lexical slots are
 * the function body's top-level let/const/class. */
static bool eval_var_blocked(Env *env, Env *var_env, String *name) {
    for (Env *e = env; e && e != var_env; e = e->parent) {
        if (e->hdr.flags & (ENV_WITH | ENV_CATCH)) continue;
        if (env_find_slot(e, name, NULL) >= 0) return true;
    }
    uint32_t flags;
    return var_env && env_find_slot(var_env, name, &flags) >= 0 && (flags & BIND_LEXICAL);
}

/* Creates the mutable binding `name` (value v) in a function's variable
 * environment unless it has one; with replace, sets an existing one to v. */
static Value declare_in_var_env(Context *ctx, Env *var_env, String *name, Value v, bool replace) {
    PropKey k = key_from_atom(name);
    int slot = env_find_slot(var_env, name, NULL);
    if (slot >= 0) {
        if (replace) var_env->slots[slot] = v;
        return VAL_TRUE;
    }
    if (!var_env->object) {
        Object *dict = obj_new(ctx, NULL);
        if (!dict) return VAL_EXCEPTION;
        var_env->object = dict;
    }
    Value cur;
    uint8_t attrs;
    if (obj_lookup_own_fast(var_env->object, k, &cur, &attrs)) {
        if (replace && obj_define_data_fast(ctx, var_env->object, k, v, attrs) < 0)
            return VAL_EXCEPTION;
        return VAL_TRUE;
    }
    if (obj_define_data_fast(ctx, var_env->object, k, v, PROP_DEFAULT) < 0) return VAL_EXCEPTION;
    return VAL_TRUE;
}

/* EvalDeclarationInstantiation for sloppy eval code — #sec-evaldeclarationinstantiation
 * (with B.3.2.3 and B.3.4). Writes whether each DECL_ANNEXB_FUNCTION entry
 * var-hoists to annexb[0...]. */
Value op_declare_eval(Context *ctx, Env *env, ValueArray *decls, Value *annexb) {
    Env *var_env = variable_environment(env);
    Env *g = env_global(ctx);
    if (!g) return VAL_EXCEPTION;
    Value cur;
    uint8_t attrs;
    /* Step 3: a var may not hoist over a lexical declaration of the same name. */
    for (uint32_t i = 0; i < decls->length;) {
        int kind = val_to_int(decls->items[i]);
        String *name = val_as_string(decls->items[i + 1]);
        PropKey k = key_from_atom(name);
        i += kind == DECL_FUNCTION ? 3 : 2;
        if (kind == DECL_ANNEXB_FUNCTION) continue;
        if (!var_env && obj_lookup_own_fast(g->object, k, &cur, &attrs))
            return redeclaration(ctx, name);
        if (eval_var_blocked(env, var_env, name)) return redeclaration(ctx, name);
    }
    /* Steps 10-12: can the functions and vars be declared? */
    if (!var_env) {
        for (uint32_t i = 0; i < decls->length;) {
            int kind = val_to_int(decls->items[i]);
            String *name = val_as_string(decls->items[i + 1]);
            PropKey k = key_from_atom(name);
            i += kind == DECL_FUNCTION ? 3 : 2;
            if (kind == DECL_ANNEXB_FUNCTION) continue;
            Value ok = kind == DECL_FUNCTION ? CanDeclareGlobalFunction(ctx, k)
                                             : CanDeclareGlobalVar(ctx, k);
            TRY(ok);
            if (ok == VAL_FALSE) return cannot_declare(ctx, name, kind == DECL_FUNCTION);
        }
    }
    /* Step 13 (B.3.2.3): block-level functions that can be vars. */
    uint32_t candidate = 0;
    for (uint32_t i = 0; i < decls->length;) {
        int kind = val_to_int(decls->items[i]);
        String *name = val_as_string(decls->items[i + 1]);
        PropKey k = key_from_atom(name);
        i += kind == DECL_FUNCTION ? 3 : 2;
        if (kind != DECL_ANNEXB_FUNCTION) continue;
        Value definable = VAL_FALSE;
        if (!eval_var_blocked(env, var_env, name)) {
            if (var_env) {
                definable = VAL_TRUE;
            } else if (!obj_lookup_own_fast(g->object, k, &cur, &attrs)) {
                definable = CanDeclareGlobalVar(ctx, k);
                TRY(definable);
            }
        }
        if (definable == VAL_TRUE && !declares_var_name(decls, name)) {
            if (var_env)
                TRY(declare_in_var_env(ctx, var_env, name, VAL_UNDEFINED, false));
            else
                TRY(CreateGlobalVarBinding(ctx, g, k, true));
        }
        annexb[candidate++] = definable;
    }
    /* Steps 17-18: create the functions and vars. */
    for (uint32_t i = 0; i < decls->length;) {
        int kind = val_to_int(decls->items[i]);
        String *name = val_as_string(decls->items[i + 1]);
        PropKey k = key_from_atom(name);
        Value fn = VAL_UNDEFINED;
        if (kind == DECL_FUNCTION) {
            Object *f = js_function_new(ctx, val_as_bytecode(decls->items[i + 2]), env);
            if (!f) return VAL_EXCEPTION;
            fn = val_from_object(f);
        }
        i += kind == DECL_FUNCTION ? 3 : 2;
        if (kind == DECL_ANNEXB_FUNCTION) continue;
        if (!var_env) {
            if (kind == DECL_FUNCTION)
                TRY(CreateGlobalFunctionBinding(ctx, g, k, fn, true));
            else
                TRY(CreateGlobalVarBinding(ctx, g, k, true));
            continue;
        }
        TRY(declare_in_var_env(ctx, var_env, name, fn, kind == DECL_FUNCTION));
    }
    return VAL_UNDEFINED;
}

/* The Annex B evaluation of a block-level function declaration in sloppy
 * eval code (B.3.2.3 step 13.b.ii.7.b): the running VariableEnvironment's
 * SetMutableBinding(F, fObj, false). */
Value op_put_var_env(Context *ctx, Env *env, String *name, Value v) {
    Env *var_env = variable_environment(env);
    if (!var_env) return op_put_global(ctx, name, v, NULL, false);
    return declare_in_var_env(ctx, var_env, name, v, true);
}

/* ---- for-in: EnumerateObjectProperties — #sec-enumerate-object-properties ---- */

typedef struct ForInIterator {
    Object base;
    Object *object;   /* the object whose keys are being visited, NULL when done */
    ValueArray *keys; /* its own keys (PropKeys), NULL before they are read */
    uint32_t index;
    Object *visited; /* keys already seen (shadowing), as a property set */
} ForInIterator;

static void for_in_trace(Runtime *rt, Object *o) {
    ForInIterator *it = (ForInIterator *)o;
    if (it->object) gc_mark_cell(rt, &it->object->hdr);
    if (it->keys) gc_mark_cell(rt, &it->keys->hdr);
    if (it->visited) gc_mark_cell(rt, &it->visited->hdr);
}

static const ClassDef class_for_in_iterator = {
    .id = CLASS_FOR_IN_ITERATOR,
    .name = "For-In Iterator",
    .trace = for_in_trace,
};

Value op_for_in_start(Context *ctx, Value v) {
    Object *target = NULL;
    if (!val_is_nullish(v)) {
        Value o = ToObject(ctx, v);
        TRY(o);
        target = obj_from_value(o);
    }
    ForInIterator *it =
        (ForInIterator *)obj_alloc(ctx, &class_for_in_iterator, NULL, sizeof(ForInIterator));
    if (!it) return VAL_EXCEPTION;
    it->object = target;
    if (target) {
        it->visited = obj_new(ctx, NULL);
        if (!it->visited) return VAL_EXCEPTION;
    }
    return val_from_object(&it->base);
}

Value op_for_in_next(Context *ctx, Object *iter) {
    ForInIterator *it = (ForInIterator *)iter;
    while (it->object) {
        if (!it->keys) {
            ValueArray *keys = obj_own_property_keys(ctx, it->object);
            if (!keys) return VAL_EXCEPTION;
            it->keys = keys;
            it->index = 0;
        }
        while (it->index < it->keys->length) {
            PropKey k = it->keys->items[it->index++];
            if (key_is_symbol(k)) continue;
            Value cur;
            uint8_t attrs;
            if (obj_lookup_own_fast(it->visited, k, &cur, &attrs)) continue;
            PropertyDescriptor d;
            Value has = obj_get_own_property(ctx, it->object, k, &d);
            TRY(has);
            if (has == VAL_FALSE) continue;
            if (obj_define_data_fast(ctx, it->visited, k, VAL_TRUE, PROP_DEFAULT) < 0)
                return VAL_EXCEPTION;
            if (d.attrs & PROP_ENUMERABLE) return key_to_value(ctx->rt, k);
        }
        Value proto = obj_get_prototype_of(ctx, it->object);
        TRY(proto);
        it->object = val_is_object(proto) ? obj_from_value(proto) : NULL;
        it->keys = NULL;
    }
    return VAL_EMPTY;
}

/* CopyDataProperties — #sec-copydataproperties */
Value op_copy_data_properties(Context *ctx, Object *target, Value source, ValueArray *excluded) {
    if (val_is_nullish(source)) return VAL_UNDEFINED;
    Value fromv = ToObject(ctx, source);
    TRY(fromv);
    Object *from = obj_from_value(fromv);
    ValueArray *keys = obj_own_property_keys(ctx, from);
    if (!keys) return VAL_EXCEPTION;
    for (uint32_t i = 0; i < keys->length; i++) {
        PropKey k = keys->items[i];
        bool skip = false;
        for (uint32_t j = 0; excluded && j < excluded->length && !skip; j++) {
            PropKey ek = ToPropertyKey(ctx, excluded->items[j]);
            skip = ek == k;
        }
        if (skip) continue;
        PropertyDescriptor d;
        Value has = obj_get_own_property(ctx, from, k, &d);
        TRY(has);
        if (has == VAL_TRUE && (d.attrs & PROP_ENUMERABLE)) {
            Value v = obj_get(ctx, from, k, fromv);
            TRY(v);
            TRY(CreateDataPropertyOrThrow(ctx, target, k, v));
        }
    }
    return VAL_UNDEFINED;
}
