/* emit_expr.c — expressions, assignment targets and destructuring. */
#include <string.h>

#include "builtins/regexp_object.h"
#include "compiler/emit.h"
#include "vm/bigint.h"
#include "vm/env.h"
#include "vm/string.h"

/* True when evaluating n may write a register binding of this function
 * (assignments and updates outside nested functions). */
static bool may_write_locals(const AstNode *n) {
    if (!n) return false;
    switch (n->kind) {
    case AST_ASSIGN:
    case AST_UPDATE: return true;
    case AST_FUNCTION_EXPR:
    case AST_ARROW:
    case AST_FUNCTION_DECL:
    case AST_NUMBER:
    case AST_BIGINT:
    case AST_STRING:
    case AST_IDENT:
    case AST_THIS:
    case AST_NULL:
    case AST_BOOL:
    case AST_REGEXP: return false;
    case AST_CALL:
        if (n->flags & AST_NODE_DIRECT_EVAL) return true;
        if (may_write_locals(n->u.call.callee)) return true;
        for (uint32_t i = 0; i < n->u.call.arguments.count; i++)
            if (may_write_locals(n->u.call.arguments.items[i])) return true;
        return false;
    case AST_NEW:
        if (may_write_locals(n->u.call.callee)) return true;
        for (uint32_t i = 0; i < n->u.call.arguments.count; i++)
            if (may_write_locals(n->u.call.arguments.items[i])) return true;
        return false;
    case AST_BINARY:
    case AST_LOGICAL:
        return may_write_locals(n->u.binary.left) || may_write_locals(n->u.binary.right);
    case AST_UNARY: return may_write_locals(n->u.unary.argument);
    case AST_MEMBER:
        return may_write_locals(n->u.member.object) ||
               (n->u.member.computed && may_write_locals(n->u.member.property));
    case AST_CONDITIONAL:
        return may_write_locals(n->u.cond.test) || may_write_locals(n->u.cond.consequent) ||
               may_write_locals(n->u.cond.alternate);
    case AST_SEQUENCE:
    case AST_ARRAY:
        for (uint32_t i = 0; i < n->u.list.count; i++)
            if (may_write_locals(n->u.list.items[i])) return true;
        return false;
    case AST_TEMPLATE:
        for (uint32_t i = 0; i < n->u.tmpl.expressions.count; i++)
            if (may_write_locals(n->u.tmpl.expressions.items[i])) return true;
        return false;
    case AST_SPREAD: return may_write_locals(n->u.spread.argument);
    default: return true; /* conservative */
    }
}

static bool is_binding_reg(Emitter *E, uint32_t r) {
    return r < E->fi->reg_count;
}

/* A register safe to hold r's value while `later` is evaluated. */
static uint32_t stabilize(Emitter *E, uint32_t r, const AstNode *later) {
    if (is_binding_reg(E, r) && may_write_locals(later)) {
        uint32_t t = em_reg(E);
        em_op(E, OP_MOV, 2, t, r);
        return t;
    }
    return r;
}

/* Expression kinds that write their destination only as their last step. */
static bool writes_dst_last(const AstNode *n) {
    switch (n->kind) {
    case AST_BINARY:
    case AST_CALL:
    case AST_NEW:
    case AST_MEMBER:
    case AST_NUMBER:
    case AST_BIGINT:
    case AST_STRING:
    case AST_BOOL:
    case AST_NULL:
    case AST_UNARY:
    case AST_IDENT:
    case AST_THIS:
    case AST_FUNCTION_EXPR:
    case AST_ARROW:
    case AST_REGEXP: return true;
    default: return false;
    }
}

bool is_anonymous_function_definition(const AstNode *n) {
    if (n->kind == AST_FUNCTION_EXPR || n->kind == AST_ARROW)
        return n->u.func->id == NULL && !(n->u.func->flags & AST_FUNC_METHOD);
    if (n->kind == AST_CLASS_EXPR) return n->u.klass->id == NULL;
    return false;
}

/* The register holding the Private Name of #x (an AST_PRIVATE_NAME node):
 * the binding "#x" the scope analysis put in the node's aux. */
static uint32_t emit_private_name(Emitter *E, AstNode *pn) {
    const AstStr *name = pn->aux;
    if (!name) {
        em_error(E, ERR_SYNTAX, "Private field must be declared in an enclosing class");
        return 0;
    }
    return em_load_name_any(E, *name);
}

static void emit_function_expr(Emitter *E, AstNode *n, uint32_t dst, Value name) {
    uint32_t k = em_function(E, n->u.func, name);
    em_op(E, OP_CLOSURE, 2, dst, k);
}

void emit_named_expr_to(Emitter *E, AstNode *n, uint32_t dst, Value name) {
    if ((n->kind == AST_FUNCTION_EXPR || n->kind == AST_ARROW) &&
        is_anonymous_function_definition(n)) {
        em_set_pos(E, n);
        emit_function_expr(E, n, dst, name);
        return;
    }
    if (n->kind == AST_CLASS_EXPR && is_anonymous_function_definition(n) && val_is_string(name)) {
        em_set_pos(E, n);
        emit_class(E, n, dst, name);
        return;
    }
    emit_expr_to(E, n, dst);
}

/* The value of a BigInt literal; VAL_EXCEPTION (and E->failed) when it is
 * over the size limit. */
static Value emit_bigint_value(Emitter *E, const AstNode *n) {
    if (E->failed) return VAL_EXCEPTION;
    Value b =
        bigint_from_digits(E->ctx, n->u.bigint.digits, n->u.bigint.len, n->u.bigint.radix, false);
    if (val_is_exception(b)) em_fail_oom(E);
    return b;
}

static Value static_key_string(Emitter *E, const AstNode *key) {
    switch (key->kind) {
    case AST_IDENT: return em_name_value(E, key->u.ident.name);
    case AST_STRING: return em_name_value(E, key->u.string.value);
    case AST_NUMBER: {
        String *s = str_from_double(E->rt, key->u.number.value);
        if (!s) {
            em_fail_oom(E);
            return VAL_EXCEPTION;
        }
        return val_from_string(s);
    }
    case AST_BIGINT: {
        Value b = emit_bigint_value(E, key);
        if (val_is_exception(b)) return VAL_EXCEPTION;
        String *s = bigint_to_string(E->ctx, val_as_bigint(b), 10);
        if (!s) {
            em_fail_oom(E);
            return VAL_EXCEPTION;
        }
        return val_from_string(s);
    }
    default: em_error(E, ERR_SYNTAX, "unsupported property key"); return VAL_EXCEPTION;
    }
}

/* ---- member access ---- */

/* If the computed key is a string that is not an array index, its atom
 * constant (so a[“x”] uses the named-property path); else -1. */
static int64_t const_named_key(Emitter *E, const AstNode *key) {
    if (key->kind != AST_STRING) return -1;
    Value s = em_atom_value(E, key->u.string.value);
    if (val_is_exception(s)) return -1;
    uint32_t idx;
    if (str_is_array_index(val_as_string(s), &idx)) return -1;
    return em_const(E, s);
}

static void emit_get_member(Emitter *E, uint32_t dst, uint32_t obj, AstNode *m) {
    AstNode *p = m->u.member.property;
    em_set_pos(E, m);
    if (!m->u.member.computed) {
        em_op(E, OP_GET_PROP, 4, dst, obj, em_atom(E, p->u.ident.name), em_ic(E));
        return;
    }
    int64_t k = const_named_key(E, p);
    if (k >= 0) {
        em_op(E, OP_GET_PROP, 4, dst, obj, (uint32_t)k, em_ic(E));
        return;
    }
    uint32_t mark = E->next_reg;
    uint32_t key = emit_expr_any(E, p);
    em_set_pos(E, m);
    em_op(E, OP_GET_ELEM, 3, dst, obj, key);
    E->next_reg = mark;
}

static void emit_optional_check(Emitter *E, AstNode *n, uint32_t reg, bool optional) {
    if (optional && E->chain_label >= 0) em_jump(E, OP_JNULLISH, E->chain_label, 1, reg);
    (void)n;
}

static uint32_t emit_super_key(Emitter *E, AstNode *m, uint32_t *base, bool convert);
static void emit_super_call(Emitter *E, AstNode *n, uint32_t dst);

static void emit_member(Emitter *E, AstNode *n, uint32_t dst) {
    if (n->u.member.object->kind == AST_SUPER) {
        uint32_t mark = E->next_reg;
        uint32_t t = em_reg(E);
        emit_this_value(E, t, true);
        uint32_t b;
        uint32_t k = emit_super_key(E, n, &b, false);
        em_set_pos(E, n);
        em_op(E, OP_GET_SUPER, 4, dst, t, k, b);
        E->next_reg = mark;
        return;
    }
    if (n->u.member.property->kind == AST_PRIVATE_NAME) {
        uint32_t mark = E->next_reg;
        uint32_t obj = emit_expr_any(E, n->u.member.object);
        emit_optional_check(E, n, obj, n->u.member.optional);
        uint32_t p = emit_private_name(E, n->u.member.property);
        em_set_pos(E, n);
        em_op(E, OP_GET_PRIVATE, 3, dst, obj, p);
        E->next_reg = mark;
        return;
    }
    uint32_t mark = E->next_reg;
    uint32_t obj = emit_expr_any(E, n->u.member.object);
    emit_optional_check(E, n, obj, n->u.member.optional);
    if (n->u.member.computed) obj = stabilize(E, obj, n->u.member.property);
    emit_get_member(E, dst, obj, n);
    E->next_reg = mark;
}

/* ---- calls ---- */

static bool has_spread(AstList *args) {
    for (uint32_t i = 0; i < args->count; i++)
        if (args->items[i]->kind == AST_SPREAD) return true;
    return false;
}

/* Builds an array from an argument list with spreads into dst. */
static void emit_spread_array(Emitter *E, AstList *items, uint32_t dst) {
    em_op(E, OP_NEW_ARRAY, 2, dst, 0u);
    for (uint32_t i = 0; i < items->count; i++) {
        AstNode *a = items->items[i];
        uint32_t mark = E->next_reg;
        if (a->kind == AST_SPREAD) {
            uint32_t v = emit_expr_any(E, a->u.spread.argument);
            em_set_pos(E, a);
            em_op(E, OP_ARRAY_SPREAD, 2, dst, v);
        } else if (a->kind == AST_ELISION) {
            uint32_t v = em_reg(E);
            em_op(E, OP_LOAD_UNDEF, 1, v);
            em_op(E, OP_ARRAY_PUSH, 2, dst, v);
        } else {
            uint32_t v = emit_expr_any(E, a);
            em_op(E, OP_ARRAY_PUSH, 2, dst, v);
        }
        E->next_reg = mark;
    }
}

/* Evaluates a callee into base (the function) and base + 1 (its this). */
static void emit_callee(Emitter *E, AstNode *callee, uint32_t base) {
    if (callee->kind == AST_MEMBER && callee->u.member.object->kind == AST_SUPER) {
        emit_this_value(E, base + 1, true);
        uint32_t b;
        uint32_t k = emit_super_key(E, callee, &b, false);
        em_op(E, OP_GET_SUPER, 4, base, base + 1, k, b);
    } else if (callee->kind == AST_MEMBER && callee->u.member.property->kind == AST_PRIVATE_NAME) {
        emit_expr_to(E, callee->u.member.object, base + 1);
        emit_optional_check(E, callee, base + 1, callee->u.member.optional);
        uint32_t p = emit_private_name(E, callee->u.member.property);
        em_set_pos(E, callee);
        em_op(E, OP_GET_PRIVATE, 3, base, base + 1, p);
    } else if (callee->kind == AST_MEMBER && callee->u.member.object->kind != AST_SUPER) {
        emit_expr_to(E, callee->u.member.object, base + 1);
        emit_optional_check(E, callee, base + 1, callee->u.member.optional);
        emit_get_member(E, base, base + 1, callee);
    } else if (callee->kind == AST_OPTIONAL_CHAIN &&
               callee->u.chain.expression->kind == AST_MEMBER &&
               callee->u.chain.expression->u.member.object->kind != AST_SUPER) {
        /* (a?.b)() keeps a as this */
        AstNode *m = callee->u.chain.expression;
        int32_t saved = E->chain_label;
        int32_t nullish = em_label(E), end = em_label(E);
        E->chain_label = nullish;
        emit_expr_to(E, m->u.member.object, base + 1);
        emit_optional_check(E, m, base + 1, m->u.member.optional);
        if (m->u.member.property->kind == AST_PRIVATE_NAME) {
            uint32_t p = emit_private_name(E, m->u.member.property);
            em_op(E, OP_GET_PRIVATE, 3, base, base + 1, p);
        } else {
            emit_get_member(E, base, base + 1, m);
        }
        E->chain_label = saved;
        em_jump(E, OP_JMP, end, 0);
        em_bind(E, nullish);
        em_op(E, OP_LOAD_UNDEF, 1, base);
        em_bind(E, end);
    } else if (callee->kind == AST_IDENT) {
        Resolution r = scope_resolve(E->scope, callee->u.ident.name);
        if (r.kind == RES_DYNAMIC) {
            em_op(E, OP_GET_NAME_REF, 3, base, base + 1, em_atom(E, callee->u.ident.name));
        } else {
            em_load_name(E, callee->u.ident.name, base);
            em_op(E, OP_LOAD_UNDEF, 1, base + 1);
        }
    } else {
        emit_expr_to(E, callee, base);
        em_op(E, OP_LOAD_UNDEF, 1, base + 1);
    }
}

static void emit_call(Emitter *E, AstNode *n, uint32_t dst, bool tail) {
    AstNode *callee = n->u.call.callee;
    AstList *args = &n->u.call.arguments;
    bool spread = has_spread(args);
    if (callee->kind == AST_SUPER) {
        emit_super_call(E, n, dst);
        return;
    }
    uint32_t mark = E->next_reg;
    uint32_t argc = spread ? 0 : args->count;
    uint32_t base = em_regs(E, 2 + argc);
    emit_callee(E, callee, base);
    emit_optional_check(E, n, base, n->u.call.optional);
    uint32_t arr = 0;
    if (spread) {
        arr = em_reg(E);
        emit_spread_array(E, args, arr);
    } else {
        for (uint32_t i = 0; i < argc; i++)
            emit_expr_to(E, args->items[i], base + 2 + i);
    }
    em_set_pos(E, n);
    uint32_t pc;
    if (spread)
        pc = em_op(E, (n->flags & AST_NODE_DIRECT_EVAL) ? OP_CALL_EVAL_SPREAD : OP_CALL_SPREAD, 3,
                   dst, base, arr);
    else if (n->flags & AST_NODE_DIRECT_EVAL)
        pc = em_op(E, tail ? OP_TAIL_CALL_EVAL : OP_CALL_EVAL, 3, dst, base, argc);
    else
        pc = em_op(E, tail ? OP_TAIL_CALL : OP_CALL, 3, dst, base, argc);
    em_call_name(E, pc, callee);
    E->next_reg = mark;
}

/* The site constant of a template literal for GET_TEMPLATE: a ValueArray
 * [n, cooked 0..n-1 (undefined when invalid), raw 0..n-1, cached template
 * object, its realm's global object]. One per site (parse node): the
 * interpreter fills the cache slots (#sec-gettemplateobject). */
static uint32_t template_site(Emitter *E, AstNode *quasi) {
    uint32_t n = quasi->u.tmpl.part_count;
    ValueArray *a = value_array_new(E->rt, 2 * n + 3);
    if (!a) {
        em_fail_oom(E);
        return 0;
    }
    uint32_t k = em_const(E, val_from_cell(&a->hdr)); /* rooted from here on */
    a->length = 2 * n + 3;
    for (uint32_t i = 0; i < a->length; i++)
        a->items[i] = VAL_UNDEFINED;
    a->items[0] = val_from_int((int32_t)n);
    for (uint32_t i = 0; i < n && !E->failed; i++) {
        AstTemplatePart *part = &quasi->u.tmpl.parts[i];
        if (part->cooked_valid) a->items[1 + i] = em_name_value(E, part->cooked);
        a->items[1 + n + i] = em_name_value(E, part->raw);
    }
    return k;
}

/* tag`...` — #sec-tagged-templates-runtime-semantics-evaluation */
static void emit_tagged_template(Emitter *E, AstNode *n, uint32_t dst, bool tail) {
    AstNode *quasi = n->u.tagged.quasi;
    AstList *subs = &quasi->u.tmpl.expressions;
    uint32_t mark = E->next_reg;
    uint32_t base = em_regs(E, 3 + subs->count);
    emit_callee(E, n->u.tagged.tag, base);
    em_set_pos(E, n);
    em_op(E, OP_GET_TEMPLATE, 2, base + 2, template_site(E, quasi));
    for (uint32_t i = 0; i < subs->count; i++)
        emit_expr_to(E, subs->items[i], base + 3 + i);
    em_set_pos(E, n);
    uint32_t pc = em_op(E, tail ? OP_TAIL_CALL : OP_CALL, 3, dst, base, 1 + subs->count);
    em_call_name(E, pc, n->u.tagged.tag);
    E->next_reg = mark;
}

static void emit_new(Emitter *E, AstNode *n, uint32_t dst) {
    AstList *args = &n->u.call.arguments;
    bool spread = has_spread(args);
    uint32_t mark = E->next_reg;
    uint32_t argc = spread ? 0 : args->count;
    uint32_t base = em_regs(E, 2 + argc);
    emit_expr_to(E, n->u.call.callee, base);
    uint32_t arr = 0;
    if (spread) {
        arr = em_reg(E);
        emit_spread_array(E, args, arr);
    } else {
        for (uint32_t i = 0; i < argc; i++)
            emit_expr_to(E, args->items[i], base + 2 + i);
    }
    em_set_pos(E, n);
    uint32_t pc =
        spread ? em_op(E, OP_NEW_SPREAD, 3, dst, base, arr) : em_op(E, OP_NEW, 3, dst, base, argc);
    em_call_name(E, pc, n->u.call.callee);
    E->next_reg = mark;
}

/* ---- literals ---- */

/* Named data properties an object literal defines with static keys: the
 * slot room NEW_OBJECT reserves, so that its DEFINE_FIELDs never regrow. */
static uint32_t object_literal_field_count(AstNode *n) {
    uint32_t count = 0;
    for (uint32_t i = 0; i < n->u.list.count && count < 64; i++) {
        AstNode *p = n->u.list.items[i];
        if (p->kind == AST_SPREAD || p->u.property.computed) continue;
        uint8_t kind = p->u.property.kind;
        if (kind == AST_PROP_PROTO || kind == AST_PROP_GET || kind == AST_PROP_SET) continue;
        count++;
    }
    return count;
}

static void emit_object(Emitter *E, AstNode *n, uint32_t dst) {
    em_op(E, OP_NEW_OBJECT, 2, dst, object_literal_field_count(n));
    for (uint32_t i = 0; i < n->u.list.count; i++) {
        AstNode *p = n->u.list.items[i];
        uint32_t mark = E->next_reg;
        if (p->kind == AST_SPREAD) {
            uint32_t v = emit_expr_any(E, p->u.spread.argument);
            em_op(E, OP_OBJECT_SPREAD, 2, dst, v);
            E->next_reg = mark;
            continue;
        }
        AstNode *key = p->u.property.key;
        AstNode *value = p->u.property.value;
        uint8_t kind = p->u.property.kind;
        em_set_pos(E, p);
        if (kind == AST_PROP_PROTO) {
            uint32_t v = emit_expr_any(E, value);
            em_op(E, OP_SET_PROTO_LIT, 2, dst, v);
            E->next_reg = mark;
            continue;
        }
        if (p->u.property.computed) {
            uint32_t kr = emit_expr_any(E, key);
            uint32_t k = em_reg(E);
            em_op(E, OP_TO_PROPKEY, 2, k, kr);
            uint32_t v = em_reg(E);
            if (kind == AST_PROP_GET || kind == AST_PROP_SET) {
                emit_function_expr(E, value, v, val_from_string(ATOM(E->rt, empty)));
                em_op(E, kind == AST_PROP_GET ? OP_DEFINE_GETTER : OP_DEFINE_SETTER, 3, dst, k, v);
            } else {
                bool anon = is_anonymous_function_definition(value) || p->u.property.method;
                if (p->u.property.method)
                    emit_function_expr(E, value, v, val_from_string(ATOM(E->rt, empty)));
                else
                    emit_expr_to(E, value, v);
                if (anon) em_op(E, OP_SET_FUNC_NAME, 2, v, k);
                if (p->u.property.method) em_op(E, OP_SET_HOME_OBJECT, 2, v, dst);
                em_op(E, OP_DEFINE_ELEM, 3, dst, k, v);
            }
            E->next_reg = mark;
            continue;
        }
        Value name = static_key_string(E, key);
        if (val_is_exception(name) || E->failed) return;
        String *atom = atom_intern(E->rt, val_as_string(name));
        if (!atom) {
            em_fail_oom(E);
            return;
        }
        uint32_t idx;
        bool is_index = str_is_array_index(atom, &idx);
        uint32_t v = em_reg(E);
        if (kind == AST_PROP_GET || kind == AST_PROP_SET) {
            emit_function_expr(E, value, v, name);
            uint32_t k = em_reg(E);
            em_op(E, OP_LOAD_CONST, 2, k, em_const(E, val_from_string(atom)));
            em_op(E, kind == AST_PROP_GET ? OP_DEFINE_GETTER : OP_DEFINE_SETTER, 3, dst, k, v);
            E->next_reg = mark;
            continue;
        }
        if (p->u.property.method) {
            emit_function_expr(E, value, v, name);
            em_op(E, OP_SET_HOME_OBJECT, 2, v, dst);
        } else {
            emit_named_expr_to(E, value, v, name);
        }
        if (is_index)
            em_op(E, OP_DEFINE_INDEX, 3, dst, idx, v);
        else
            em_op(E, OP_DEFINE_FIELD, 4, dst, em_const(E, val_from_string(atom)), v, em_ic(E));
        E->next_reg = mark;
    }
}

static void emit_array(Emitter *E, AstNode *n, uint32_t dst) {
    if (has_spread(&n->u.list)) {
        emit_spread_array(E, &n->u.list, dst);
        return;
    }
    em_op(E, OP_NEW_ARRAY, 2, dst, n->u.list.count);
    for (uint32_t i = 0; i < n->u.list.count; i++) {
        AstNode *el = n->u.list.items[i];
        if (el->kind == AST_ELISION) continue;
        uint32_t mark = E->next_reg;
        uint32_t v = emit_expr_any(E, el);
        em_op(E, OP_DEFINE_INDEX, 3, dst, i, v);
        E->next_reg = mark;
    }
}

static void emit_template(Emitter *E, AstNode *n, uint32_t dst) {
    AstTemplatePart *parts = n->u.tmpl.parts;
    em_op(E, OP_LOAD_CONST, 2, dst, em_string(E, parts[0].cooked));
    for (uint32_t i = 0; i < n->u.tmpl.expressions.count; i++) {
        uint32_t mark = E->next_reg;
        uint32_t v = emit_expr_any(E, n->u.tmpl.expressions.items[i]);
        uint32_t t = em_reg(E);
        em_op(E, OP_TO_STRING, 2, t, v);
        em_op(E, OP_ADD, 3, dst, dst, t);
        if (parts[i + 1].cooked.len) {
            em_op(E, OP_LOAD_CONST, 2, t, em_string(E, parts[i + 1].cooked));
            em_op(E, OP_ADD, 3, dst, dst, t);
        }
        E->next_reg = mark;
    }
}

/* ---- operators ---- */

static Opcode binary_opcode(uint8_t op) {
    switch (op) {
    case AST_OP_ADD: return OP_ADD;
    case AST_OP_SUB: return OP_SUB;
    case AST_OP_MUL: return OP_MUL;
    case AST_OP_DIV: return OP_DIV;
    case AST_OP_MOD: return OP_MOD;
    case AST_OP_EXP: return OP_EXP;
    case AST_OP_SHL: return OP_SHL;
    case AST_OP_SAR: return OP_SAR;
    case AST_OP_SHR: return OP_SHR;
    case AST_OP_LT: return OP_LT;
    case AST_OP_GT: return OP_GT;
    case AST_OP_LE: return OP_LE;
    case AST_OP_GE: return OP_GE;
    case AST_OP_EQ: return OP_EQ;
    case AST_OP_NE: return OP_NE;
    case AST_OP_STRICT_EQ: return OP_SEQ;
    case AST_OP_STRICT_NE: return OP_SNE;
    case AST_OP_BIT_AND: return OP_BAND;
    case AST_OP_BIT_OR: return OP_BOR;
    case AST_OP_BIT_XOR: return OP_BXOR;
    case AST_OP_IN: return OP_IN;
    case AST_OP_INSTANCEOF: return OP_INSTANCEOF;
    default: return OP_NOP;
    }
}

static void emit_binary(Emitter *E, AstNode *n, uint32_t dst) {
    if (n->u.binary.left->kind == AST_PRIVATE_NAME) {
        /* #x in o — #sec-relational-operators-runtime-semantics-evaluation */
        uint32_t mark = E->next_reg;
        uint32_t o = emit_expr_any(E, n->u.binary.right);
        uint32_t p = emit_private_name(E, n->u.binary.left);
        em_set_pos(E, n);
        em_op(E, OP_HAS_PRIVATE, 3, dst, p, o);
        E->next_reg = mark;
        return;
    }
    uint32_t mark = E->next_reg;
    uint32_t l = emit_expr_any(E, n->u.binary.left);
    l = stabilize(E, l, n->u.binary.right);
    uint32_t r = emit_expr_any(E, n->u.binary.right);
    em_set_pos(E, n);
    em_op(E, binary_opcode(n->u.binary.op), 3, dst, l, r);
    E->next_reg = mark;
}

static void emit_logical(Emitter *E, AstNode *n, uint32_t dst, bool tail) {
    int32_t end = em_label(E);
    emit_expr_to(E, n->u.binary.left, dst);
    switch (n->u.binary.op) {
    case AST_OP_AND: em_jump(E, OP_JFALSE, end, 1, dst); break;
    case AST_OP_OR: em_jump(E, OP_JTRUE, end, 1, dst); break;
    default: em_jump(E, OP_JNOT_NULLISH, end, 1, dst); break;
    }
    E->tail_position = tail;
    emit_expr_to(E, n->u.binary.right, dst);
    em_bind(E, end);
}

static void emit_typeof(Emitter *E, AstNode *arg, uint32_t dst) {
    if (arg->kind == AST_IDENT) {
        Resolution r = scope_resolve(E->scope, arg->u.ident.name);
        if (r.kind == RES_GLOBAL) {
            em_op(E, OP_TYPEOF_GLOBAL, 2, dst, em_atom(E, arg->u.ident.name));
            return;
        }
        if (r.kind == RES_DYNAMIC) {
            em_op(E, OP_TYPEOF_NAME, 2, dst, em_atom(E, arg->u.ident.name));
            return;
        }
    }
    uint32_t mark = E->next_reg;
    uint32_t v = emit_expr_any(E, arg);
    em_op(E, OP_TYPEOF, 2, dst, v);
    E->next_reg = mark;
}

static void emit_delete(Emitter *E, AstNode *arg, uint32_t dst) {
    while (arg->kind == AST_OPTIONAL_CHAIN) {
        /* delete a?.b: undefined base gives true */
        int32_t saved = E->chain_label;
        int32_t nullish = em_label(E), end = em_label(E);
        E->chain_label = nullish;
        emit_delete(E, arg->u.chain.expression, dst);
        E->chain_label = saved;
        em_jump(E, OP_JMP, end, 0);
        em_bind(E, nullish);
        em_op(E, OP_LOAD_TRUE, 1, dst);
        em_bind(E, end);
        return;
    }
    uint32_t mark = E->next_reg;
    if (arg->kind == AST_MEMBER) {
        if (arg->u.member.object->kind == AST_SUPER) {
            uint32_t t = em_reg(E);
            em_op(E, OP_THROW_ERROR, 2, (uint32_t)ERR_REFERENCE,
                  em_atom_cstr(E, "Unsupported reference to 'super'"));
            (void)t;
            E->next_reg = mark;
            return;
        }
        uint32_t obj = emit_expr_any(E, arg->u.member.object);
        emit_optional_check(E, arg, obj, arg->u.member.optional);
        em_set_pos(E, arg);
        if (!arg->u.member.computed) {
            em_op(E, OP_DELETE_PROP, 3, dst, obj, em_atom(E, arg->u.member.property->u.ident.name));
        } else {
            obj = stabilize(E, obj, arg->u.member.property);
            uint32_t key = emit_expr_any(E, arg->u.member.property);
            em_op(E, OP_DELETE_ELEM, 3, dst, obj, key);
        }
    } else if (arg->kind == AST_IDENT) {
        Resolution r = scope_resolve(E->scope, arg->u.ident.name);
        if (r.kind == RES_GLOBAL || r.kind == RES_DYNAMIC)
            em_op(E, OP_DELETE_NAME, 2, dst, em_atom(E, arg->u.ident.name));
        else
            em_op(E, OP_LOAD_FALSE, 1, dst);
    } else {
        emit_expr_any(E, arg);
        em_op(E, OP_LOAD_TRUE, 1, dst);
    }
    E->next_reg = mark;
}

static void emit_unary(Emitter *E, AstNode *n, uint32_t dst) {
    AstNode *arg = n->u.unary.argument;
    uint8_t op = n->u.unary.op;
    if (op == AST_OP_TYPEOF) {
        emit_typeof(E, arg, dst);
        return;
    }
    if (op == AST_OP_DELETE) {
        emit_delete(E, arg, dst);
        return;
    }
    uint32_t mark = E->next_reg;
    uint32_t v = emit_expr_any(E, arg);
    em_set_pos(E, n);
    switch (op) {
    case AST_OP_NEG: em_op(E, OP_NEG, 2, dst, v); break;
    case AST_OP_PLUS: em_op(E, OP_PLUS, 2, dst, v); break;
    case AST_OP_NOT: em_op(E, OP_NOT, 2, dst, v); break;
    case AST_OP_BIT_NOT: em_op(E, OP_BNOT, 2, dst, v); break;
    case AST_OP_VOID: em_op(E, OP_LOAD_UNDEF, 1, dst); break;
    default: em_error(E, ERR_SYNTAX, "unsupported unary operator"); break;
    }
    E->next_reg = mark;
}

/* A reference's parts evaluated once (for assignment / compound assignment
 * / update): 0 a statically resolved name, 1 a named property, 2 a
 * computed property, 3 a dynamically resolved name (base = its binding's
 * environment or with object, resolved before the right side runs). */
typedef struct Ref {
    int kind;
    uint32_t obj, key;
    uint32_t atom;
    uint32_t super_base; /* kind 4: the GetSuperBase() taken when the reference was made */
} Ref;

static bool rhs_trivial(const AstNode *n) {
    if (!n) return true;
    switch (n->kind) {
    case AST_NUMBER:
    case AST_BIGINT:
    case AST_STRING:
    case AST_BOOL:
    case AST_NULL:
    case AST_IDENT:
    case AST_THIS:
    case AST_FUNCTION_EXPR:
    case AST_ARROW: return true;
    default: return false;
    }
}

/* Strict code must resolve a global name before the right side can create
 * it (PutValue on an unresolvable reference throws). */
static bool needs_early_resolve(Emitter *E, AstStr name, const AstNode *later) {
    Resolution r = scope_resolve(E->scope, name);
    if (r.kind == RES_DYNAMIC) return true;
    return r.kind == RES_GLOBAL && E->fi->strict && !rhs_trivial(later);
}

static bool emit_ref(Emitter *E, AstNode *target, Ref *ref, const AstNode *later, bool compound) {
    if (target->kind == AST_IDENT) {
        ref->kind = 0;
        if (needs_early_resolve(E, target->u.ident.name, later)) {
            ref->kind = 3;
            ref->obj = em_reg(E);
            ref->atom = em_atom(E, target->u.ident.name);
            em_op(E, OP_RESOLVE_NAME, 2, ref->obj, ref->atom);
        }
        return true;
    }
    if (target->kind == AST_MEMBER && target->u.member.object->kind == AST_SUPER) {
        ref->kind = 4;
        ref->obj = em_reg(E);
        emit_this_value(E, ref->obj, true);
        /* GetValue converts the key once (compound), PutValue after the
         * right side (plain assignment). */
        ref->key = emit_super_key(E, target, &ref->super_base, compound);
        return true;
    }
    if (target->kind == AST_CALL) {
        /* Sloppy `f() = v` (the parser rejects it in strict code): the call
         * runs, then a ReferenceError before the right side
         * (#sec-runtime-errors-for-function-call-assignment-targets). The
         * reference below is never reached. */
        uint32_t r = emit_expr_any(E, target);
        em_set_pos(E, target);
        em_op(E, OP_THROW_ERROR, 2, (uint32_t)ERR_REFERENCE,
              em_atom_cstr(E, "Invalid left-hand side in assignment"));
        ref->kind = 2;
        ref->obj = ref->key = r;
        return true;
    }
    if (target->kind != AST_MEMBER) {
        em_error(E, ERR_SYNTAX, "unsupported assignment target");
        return false;
    }
    ref->obj = emit_expr_any(E, target->u.member.object);
    if (target->u.member.property->kind == AST_PRIVATE_NAME) {
        ref->kind = 5;
        ref->obj = stabilize(E, ref->obj, later);
        ref->key = emit_private_name(E, target->u.member.property);
        return true;
    }
    if (!target->u.member.computed) {
        ref->kind = 1;
        ref->obj = stabilize(E, ref->obj, later);
        ref->atom = em_atom(E, target->u.member.property->u.ident.name);
        return true;
    }
    ref->obj = stabilize(E, ref->obj, target->u.member.property);
    int64_t k = const_named_key(E, target->u.member.property);
    if (k >= 0) {
        ref->kind = 1;
        ref->obj = stabilize(E, ref->obj, later);
        ref->atom = (uint32_t)k;
        return true;
    }
    ref->kind = 2;
    uint32_t kr = emit_expr_any(E, target->u.member.property);
    if (compound) {
        /* GetValue converts the key once, after checking the base */
        ref->obj = stabilize(E, ref->obj, later);
        ref->key = em_reg(E);
        em_op(E, OP_REF_KEY, 3, ref->key, ref->obj, kr);
    } else {
        ref->obj = stabilize(E, ref->obj, later);
        ref->key = stabilize(E, kr, later);
    }
    return true;
}

static void ref_get(Emitter *E, AstNode *target, Ref *ref, uint32_t dst) {
    em_set_pos(E, target);
    switch (ref->kind) {
    case 0: em_load_name(E, target->u.ident.name, dst); break;
    case 1: em_op(E, OP_GET_PROP, 4, dst, ref->obj, ref->atom, em_ic(E)); break;
    case 2: em_op(E, OP_GET_ELEM, 3, dst, ref->obj, ref->key); break;
    case 4: em_op(E, OP_GET_SUPER, 4, dst, ref->obj, ref->key, ref->super_base); break;
    case 5: em_op(E, OP_GET_PRIVATE, 3, dst, ref->obj, ref->key); break;
    default: em_op(E, OP_GET_REF, 3, dst, ref->obj, ref->atom); break;
    }
}

static void ref_put(Emitter *E, AstNode *target, Ref *ref, uint32_t src) {
    em_set_pos(E, target);
    switch (ref->kind) {
    case 0: em_store_name(E, target->u.ident.name, src, false, false); break;
    case 1: em_op(E, OP_SET_PROP, 4, ref->obj, ref->atom, src, em_ic(E)); break;
    case 2: em_op(E, OP_SET_ELEM, 3, ref->obj, ref->key, src); break;
    case 4: em_op(E, OP_SET_SUPER, 4, ref->obj, ref->key, src, ref->super_base); break;
    case 5: em_op(E, OP_SET_PRIVATE, 3, ref->obj, ref->key, src); break;
    default: em_op(E, OP_PUT_REF, 3, ref->obj, ref->atom, src); break;
    }
}

static void emit_update(Emitter *E, AstNode *n, uint32_t dst) {
    AstNode *target = n->u.update.argument;
    Opcode op = n->u.update.op == AST_OP_INC ? OP_INC : OP_DEC;
    uint32_t mark = E->next_reg;
    /* Fast path: a register binding updated in place. */
    if (target->kind == AST_IDENT) {
        Resolution r = scope_resolve(E->scope, target->u.ident.name);
        if (r.kind == RES_REG && !(r.binding->flags & (BIND_CONST | BIND_SILENT_CONST))) {
            uint32_t reg = (uint32_t)r.binding->reg;
            if (r.binding->flags & BIND_LEXICAL)
                em_op(E, OP_CHECK_TDZ, 2, reg, em_atom(E, target->u.ident.name));
            if (n->u.update.prefix) {
                em_op(E, op, 2, reg, reg);
                if (dst != reg) em_op(E, OP_MOV, 2, dst, reg);
            } else {
                em_op(E, OP_TO_NUMERIC, 2, dst, reg);
                em_op(E, op, 2, reg, dst);
            }
            return;
        }
    }
    Ref ref;
    if (!emit_ref(E, target, &ref, NULL, true)) return;
    uint32_t old = em_reg(E);
    ref_get(E, target, &ref, old);
    em_op(E, OP_TO_NUMERIC, 2, old, old);
    uint32_t nv = em_reg(E);
    em_op(E, op, 2, nv, old);
    ref_put(E, target, &ref, nv);
    em_op(E, OP_MOV, 2, dst, n->u.update.prefix ? nv : old);
    E->next_reg = mark;
}

static void emit_assign(Emitter *E, AstNode *n, uint32_t dst) {
    AstNode *target = n->u.assign.target;
    AstNode *value = n->u.assign.value;
    uint8_t op = n->u.assign.op;
    uint32_t mark = E->next_reg;
    if (op == AST_OP_ASSIGN) {
        if (target->kind == AST_ARRAY_PATTERN || target->kind == AST_OBJECT_PATTERN) {
            emit_expr_to(E, value, dst);
            emit_assign_to_target(E, target, dst, false, false);
            E->next_reg = mark;
            return;
        }
        if (target->kind == AST_IDENT && !needs_early_resolve(E, target->u.ident.name, value)) {
            Value name = VAL_UNDEFINED;
            /* IsIdentifierRef is false for a parenthesized target: (f) = function(){} */
            if (is_anonymous_function_definition(value) &&
                !(target->flags & AST_NODE_PARENTHESIZED))
                name = em_name_value(E, target->u.ident.name);
            emit_named_expr_to(E, value, dst, name);
            em_set_pos(E, n);
            em_store_name(E, target->u.ident.name, dst, false, false);
            return;
        }
        Ref ref;
        if (!emit_ref(E, target, &ref, value, false)) return;
        if (ref.kind == 3) {
            uint32_t v = is_binding_reg(E, dst) ? em_reg(E) : dst;
            Value name = VAL_UNDEFINED;
            /* IsIdentifierRef is false for a parenthesized target: (f) = function(){} */
            if (is_anonymous_function_definition(value) &&
                !(target->flags & AST_NODE_PARENTHESIZED))
                name = em_name_value(E, target->u.ident.name);
            emit_named_expr_to(E, value, v, name);
            ref_put(E, target, &ref, v);
            if (v != dst) em_op(E, OP_MOV, 2, dst, v);
            E->next_reg = mark;
            return;
        }
        uint32_t v = dst;
        if (is_binding_reg(E, dst)) {
            v = em_reg(E);
        }
        emit_expr_to(E, value, v);
        ref_put(E, target, &ref, v);
        if (v != dst) em_op(E, OP_MOV, 2, dst, v);
        E->next_reg = mark;
        return;
    }
    Ref ref;
    if (!emit_ref(E, target, &ref, value, true)) return;
    uint32_t cur = em_reg(E);
    ref_get(E, target, &ref, cur);
    if (op == AST_OP_AND || op == AST_OP_OR || op == AST_OP_NULLISH) {
        /* Logical assignment: short-circuits without writing (#sec-assignment-operators). */
        int32_t end = em_label(E);
        em_op(E, OP_MOV, 2, dst, cur);
        em_jump(E,
                op == AST_OP_AND  ? OP_JFALSE
                : op == AST_OP_OR ? OP_JTRUE
                                  : OP_JNOT_NULLISH,
                end, 1, cur);
        Value name = VAL_UNDEFINED;
        if (target->kind == AST_IDENT && is_anonymous_function_definition(value))
            name = em_name_value(E, target->u.ident.name);
        emit_named_expr_to(E, value, cur, name);
        ref_put(E, target, &ref, cur);
        em_op(E, OP_MOV, 2, dst, cur);
        em_bind(E, end);
        E->next_reg = mark;
        return;
    }
    uint32_t r = emit_expr_any(E, value);
    em_set_pos(E, n);
    em_op(E, binary_opcode(op), 3, cur, cur, r);
    ref_put(E, target, &ref, cur);
    em_op(E, OP_MOV, 2, dst, cur);
    E->next_reg = mark;
}

/* ---- destructuring ---- */

static void emit_default(Emitter *E, AstNode *target_with_default, uint32_t v) {
    /* v := v === undefined ? default : v */
    AstNode *target = target_with_default->u.assign_pattern.target;
    AstNode *def = target_with_default->u.assign_pattern.value;
    int32_t skip = em_label(E);
    em_jump(E, OP_JNOT_UNDEF, skip, 1, v);
    Value name = VAL_UNDEFINED;
    if (target->kind == AST_IDENT && is_anonymous_function_definition(def))
        name = em_name_value(E, target->u.ident.name);
    emit_named_expr_to(E, def, v, name);
    em_bind(E, skip);
}

/* A destructuring target that is a reference (assignment patterns only) is
 * evaluated before its value is fetched:
 * #sec-runtime-semantics-iteratordestructuringassignmentevaluation and
 * #sec-runtime-semantics-keyeddestructuringassignmentevaluation. */
static AstNode *pattern_ref_target(Emitter *E, AstNode *el, bool init, bool lexical) {
    AstNode *t = el->kind == AST_ASSIGN_PATTERN ? el->u.assign_pattern.target
                 : el->kind == AST_REST         ? el->u.spread.argument
                                                : el;
    if (!init && t->kind == AST_MEMBER) return t;
    /* A name found at run time (with, sloppy eval) is resolved before the
     * element's value is read (#sec-runtime-semantics-keyedbindinginitialization). */
    if (t->kind == AST_IDENT && !lexical &&
        scope_resolve(E->scope, t->u.ident.name).kind == RES_DYNAMIC)
        return t;
    return NULL;
}

/* Assigns v to element el of a pattern whose reference target (if any)
 * was evaluated into ref. */
static void emit_pattern_element(Emitter *E, AstNode *el, AstNode *ref_target, Ref *ref, uint32_t v,
                                 bool init, bool lexical) {
    if (!ref_target) {
        emit_assign_to_target(E, el, v, init, lexical);
        return;
    }
    if (el->kind == AST_ASSIGN_PATTERN) emit_default(E, el, v);
    ref_put(E, ref_target, ref, v);
}

static void emit_array_pattern(Emitter *E, AstNode *pat, uint32_t value, bool init, bool lexical) {
    uint32_t mark = E->next_reg;
    uint32_t it = em_regs(E, 2); /* iterator (undefined once done), next method */
    em_set_pos(E, pat);
    em_op(E, OP_GET_ITERATOR, 2, it, value);
    uint32_t start = E->code_len, depth = E->env_depth;
    /* A return() resumption of a yield inside the pattern closes it too. */
    Control iter_ctl;
    em_push_control(E, &iter_ctl, CTL_ITER);
    iter_ctl.iter_reg = it;
    for (uint32_t i = 0; i < pat->u.list.count; i++) {
        AstNode *el = pat->u.list.items[i];
        uint32_t m2 = E->next_reg;
        Ref ref;
        AstNode *rt = el->kind == AST_ELISION ? NULL : pattern_ref_target(E, el, init, lexical);
        if (rt && !emit_ref(E, rt, &ref, pat, false)) break;
        uint32_t v = em_reg(E);
        if (el->kind == AST_REST) {
            em_op(E, OP_ITER_REST, 2, v, it);
            if (rt)
                ref_put(E, rt, &ref, v);
            else
                emit_assign_to_target(E, el->u.spread.argument, v, init, lexical);
            E->next_reg = m2;
            continue;
        }
        int32_t next = em_label(E);
        em_op(E, OP_LOAD_UNDEF, 1, v);
        em_jump(E, OP_ITER_NEXT, next, 2, v, it);
        em_bind(E, next);
        if (el->kind != AST_ELISION) emit_pattern_element(E, el, rt, &ref, v, init, lexical);
        E->next_reg = m2;
    }
    em_pop_control(E);
    uint32_t end = E->code_len;
    int32_t after = em_label(E);
    em_op(E, OP_ITER_CLOSE, 1, it);
    em_jump(E, OP_JMP, after, 0);
    /* An abrupt completion while the iterator is not done closes it. */
    em_add_handler(E, start, end, E->code_len, depth);
    uint32_t exc = em_reg(E);
    em_op(E, OP_CATCH, 1, exc);
    em_op(E, OP_ITER_CLOSE_THROW, 1, it);
    em_op(E, OP_THROW, 1, exc);
    em_bind(E, after);
    E->next_reg = mark;
}

static void emit_object_pattern(Emitter *E, AstNode *pat, uint32_t value, bool init, bool lexical) {
    uint32_t mark = E->next_reg;
    em_set_pos(E, pat);
    em_op(E, OP_REQUIRE_OBJ_COERCIBLE, 1, value);
    bool has_rest = pat->u.list.count && pat->u.list.items[pat->u.list.count - 1]->kind == AST_REST;
    uint32_t keys = 0;
    if (has_rest) {
        keys = em_reg(E);
        em_op(E, OP_NEW_ARRAY, 2, keys, 0u);
    }
    for (uint32_t i = 0; i < pat->u.list.count; i++) {
        AstNode *p = pat->u.list.items[i];
        uint32_t m2 = E->next_reg;
        if (p->kind == AST_REST) {
            Ref ref;
            AstNode *rt = pattern_ref_target(E, p, init, lexical);
            if (rt && !emit_ref(E, rt, &ref, pat, false)) return;
            uint32_t v = em_reg(E);
            em_op(E, OP_COPY_DATA_PROPS, 3, v, value, keys);
            if (rt)
                ref_put(E, rt, &ref, v);
            else
                emit_assign_to_target(E, p->u.spread.argument, v, init, lexical);
            E->next_reg = m2;
            continue;
        }
        AstNode *key = p->u.property.key;
        uint32_t v = em_reg(E);
        uint32_t k = em_reg(E);
        Ref ref;
        AstNode *rt = pattern_ref_target(E, p->u.property.value, init, lexical);
        if (p->u.property.computed) {
            uint32_t kr = emit_expr_any(E, key);
            em_op(E, OP_TO_PROPKEY, 2, k, kr);
        } else {
            Value name = static_key_string(E, key);
            if (val_is_exception(name)) return;
            String *atom = atom_intern(E->rt, val_as_string(name));
            if (!atom) {
                em_fail_oom(E);
                return;
            }
            em_op(E, OP_LOAD_CONST, 2, k, em_const(E, val_from_string(atom)));
        }
        if (rt && !emit_ref(E, rt, &ref, pat, false)) return;
        em_op(E, OP_GET_ELEM, 3, v, value, k);
        if (has_rest) em_op(E, OP_ARRAY_PUSH, 2, keys, k);
        emit_pattern_element(E, p->u.property.value, rt, &ref, v, init, lexical);
        E->next_reg = m2;
    }
    E->next_reg = mark;
}

void emit_assign_to_target(Emitter *E, AstNode *target, uint32_t value, bool init,
                           bool lexical_decl) {
    uint32_t mark = E->next_reg;
    switch (target->kind) {
    case AST_IDENT: em_store_name(E, target->u.ident.name, value, init, lexical_decl); break;
    case AST_ASSIGN_PATTERN: {
        uint32_t v = em_reg(E);
        em_op(E, OP_MOV, 2, v, value);
        emit_default(E, target, v);
        emit_assign_to_target(E, target->u.assign_pattern.target, v, init, lexical_decl);
        break;
    }
    case AST_ARRAY_PATTERN: emit_array_pattern(E, target, value, init, lexical_decl); break;
    case AST_OBJECT_PATTERN: emit_object_pattern(E, target, value, init, lexical_decl); break;
    case AST_MEMBER:
    case AST_CALL: {
        Ref ref;
        if (emit_ref(E, target, &ref, NULL, false)) ref_put(E, target, &ref, value);
        break;
    }
    default: em_error(E, ERR_SYNTAX, "unsupported assignment target"); break;
    }
    E->next_reg = mark;
}

/* ---- dispatch ---- */

void emit_this_value(Emitter *E, uint32_t dst, bool check) {
    Resolution r = scope_resolve(E->scope, scope_name_this);
    bool derived = r.binding && r.binding->scope->func->ast &&
                   (r.binding->scope->func->ast->flags & AST_FUNC_DERIVED);
    switch (r.kind) {
    case RES_REG:
        if ((uint32_t)r.binding->reg != dst) em_op(E, OP_MOV, 2, dst, (uint32_t)r.binding->reg);
        break;
    case RES_ENV: em_op(E, OP_GET_ENV, 3, dst, r.hops, (uint32_t)r.binding->slot); break;
    case RES_DYNAMIC: em_op(E, OP_GET_THIS_DYN, 2, dst, em_atom_cstr(E, "this")); break;
    case RES_GLOBAL: em_op(E, OP_GET_GLOBAL_THIS, 1, dst); break;
    }
    if (derived && check) em_op(E, OP_CHECK_THIS, 1, dst);
}

static void emit_this(Emitter *E, uint32_t dst) {
    emit_this_value(E, dst, true);
}

static void emit_new_target(Emitter *E, uint32_t dst);

/* Stores a freshly constructed this (after super()) into the this binding. */
static void bind_this(Emitter *E, uint32_t value) {
    Resolution r = scope_resolve(E->scope, scope_name_this);
    if (r.kind == RES_DYNAMIC || r.kind == RES_GLOBAL) {
        em_op(E, OP_BIND_THIS_DYN, 1, value); /* eval code: found by name */
        return;
    }
    uint32_t mark = E->next_reg;
    uint32_t t = em_reg(E);
    emit_this_value(E, t, false);
    em_op(E, OP_CHECK_THIS_UNINIT, 1, t);
    if (r.kind == RES_REG)
        em_op(E, OP_MOV, 2, (uint32_t)r.binding->reg, value);
    else
        em_op(E, OP_PUT_ENV, 3, r.hops, (uint32_t)r.binding->slot, value);
    E->next_reg = mark;
}

/* super(...) — #sec-super-keyword-runtime-semantics-evaluation */
static void emit_super_call(Emitter *E, AstNode *n, uint32_t dst) {
    /* In an arrow or eval code the derived constructor is found at run time
     * (Frame.this_func) and new.target lexically. */
    bool lexical = E->fi->arrow || E->fi->is_eval;
    if (!lexical && (!E->ast || !(E->ast->flags & AST_FUNC_DERIVED))) {
        em_error(E, ERR_SYNTAX, "'super' keyword unexpected here");
        return;
    }
    AstList *args = &n->u.call.arguments;
    uint32_t mark = E->next_reg;
    uint32_t r = em_reg(E);
    uint32_t nt = 0;
    if (lexical) {
        nt = em_reg(E);
        emit_new_target(E, nt);
    }
    if (has_spread(args)) {
        uint32_t arr = em_reg(E);
        emit_spread_array(E, args, arr);
        em_set_pos(E, n);
        if (lexical)
            em_op(E, OP_SUPER_CALL_SPREAD_NT, 3, r, arr, nt);
        else
            em_op(E, OP_SUPER_CALL_SPREAD, 2, r, arr);
    } else {
        uint32_t base = em_regs(E, args->count ? args->count : 1);
        for (uint32_t i = 0; i < args->count; i++)
            emit_expr_to(E, args->items[i], base + i);
        em_set_pos(E, n);
        if (lexical)
            em_op(E, OP_SUPER_CALL_NT, 4, r, base, args->count, nt);
        else
            em_op(E, OP_SUPER_CALL, 3, r, base, args->count);
    }
    bind_this(E, r);
    em_op(E, OP_INIT_FIELDS, 1, r);
    if (dst != r) em_op(E, OP_MOV, 2, dst, r);
    E->next_reg = mark;
}

/* The key of super.x / super[x] into a register. */
/* super[key] / super.name — #sec-super-keyword-runtime-semantics-evaluation:
 * the key's value, then MakeSuperPropertyReference's GetSuperBase() into
 * *base; the key becomes a property key only when the reference is used
 * (GET_SUPER / SET_SUPER), or here with convert. */
static uint32_t emit_super_key(Emitter *E, AstNode *m, uint32_t *base, bool convert) {
    uint32_t k = em_reg(E);
    bool computed = m->u.member.computed;
    if (!computed)
        em_op(E, OP_LOAD_CONST, 2, k, em_atom(E, m->u.member.property->u.ident.name));
    else
        emit_expr_to(E, m->u.member.property, k);
    *base = em_reg(E);
    em_op(E, OP_SUPER_BASE, 1, *base);
    if (computed && convert) em_op(E, OP_TO_PROPKEY, 2, k, k);
    return k;
}

static void emit_new_target(Emitter *E, uint32_t dst) {
    Resolution r = scope_resolve(E->scope, scope_name_new_target);
    switch (r.kind) {
    case RES_REG:
        if ((uint32_t)r.binding->reg != dst) em_op(E, OP_MOV, 2, dst, (uint32_t)r.binding->reg);
        break;
    case RES_ENV: em_op(E, OP_GET_ENV, 3, dst, r.hops, (uint32_t)r.binding->slot); break;
    case RES_DYNAMIC: em_op(E, OP_GET_THIS_DYN, 2, dst, em_atom_cstr(E, "new.target")); break;
    case RES_GLOBAL: em_op(E, OP_LOAD_UNDEF, 1, dst); break;
    }
}

/* After a YIELD into recv (recv+1: the ResumeMode): a throw() resumption
 * throws at the yield, a return() one returns through finally blocks and
 * open iterators. */
static void emit_resume_check(Emitter *E, uint32_t recv) {
    int32_t ret = em_label(E), cont = em_label(E);
    em_jump(E, OP_RESUME_CHECK, ret, 1, recv);
    em_jump(E, OP_JMP, cont, 0);
    em_bind(E, ret);
    /* AsyncGeneratorUnwrapYieldResumption — #sec-asyncgeneratorunwrapyieldresumption */
    if (em_in_async_generator(E)) emit_await(E, recv, recv);
    emit_return_value(E, recv);
    em_bind(E, cont);
}

/* yield* in an async generator —
 * #sec-generator-function-definitions-runtime-semantics-evaluation with
 * generatorKind async: each step's result is awaited, values are yielded
 * with AsyncGeneratorYield, and a return() resumption is awaited first. */
static void emit_async_yield_star(Emitter *E, AstNode *n, uint32_t dst) {
    uint32_t mark = E->next_reg;
    uint32_t v = emit_expr_any(E, n->u.yield.argument);
    uint32_t it = em_regs(E, 4); /* iterator, next, received, mode */
    uint32_t res = em_reg(E);
    uint32_t aw = em_regs(E, 2);
    em_set_pos(E, n);
    em_op(E, OP_GET_ASYNC_ITERATOR, 2, it, v);
    em_op(E, OP_LOAD_UNDEF, 1, it + 2);
    em_op(E, OP_LOAD_INT, 2, it + 3, 0u);
    int32_t loop = em_label(E), done = em_label(E), missing = em_label(E), unwrap = em_label(E),
            ret = em_label(E), no_throw = em_label(E), end = em_label(E);
    em_bind(E, loop);
    em_jump(E, OP_ASYNC_YIELD_STAR, missing, 2, res, it);
    emit_await(E, res, res);
    em_jump(E, OP_ITER_RESULT, done, 3, res, res, 1u);
    em_op(E, OP_YIELD, 3, it + 2, res, 2u);
    em_jump(E, OP_JEQ_INT, unwrap, 2, it + 3, (uint32_t)2 /* RESUME_RETURN */);
    em_jump(E, OP_JMP, loop, 0);
    /* received = AsyncGeneratorUnwrapYieldResumption(return completion):
     * the awaited value, or the rejection as a throw completion. */
    em_bind(E, unwrap);
    uint32_t await_start = E->code_len;
    em_op(E, OP_AWAIT, 2, aw, it + 2);
    uint32_t await_end = E->code_len;
    em_op(E, OP_MOV, 2, it + 2, aw);
    em_jump(E, OP_JEQ_INT, loop, 2, aw + 1, (uint32_t)0 /* RESUME_NEXT */);
    em_op(E, OP_LOAD_INT, 2, it + 3, (uint32_t)1 /* RESUME_THROW */);
    em_jump(E, OP_JMP, loop, 0);
    /* Await's PromiseResolve threw: that too is a throw completion. */
    em_add_handler(E, await_start, await_end, E->code_len, E->env_depth);
    em_op(E, OP_CATCH, 1, it + 2);
    em_op(E, OP_LOAD_INT, 2, it + 3, (uint32_t)1);
    em_jump(E, OP_JMP, loop, 0);
    em_bind(E, done);
    em_jump(E, OP_JEQ_INT, ret, 2, it + 3, (uint32_t)2);
    em_op(E, OP_MOV, 2, dst, res);
    em_jump(E, OP_JMP, end, 0);
    em_bind(E, ret);
    emit_return_value(E, res);
    /* The delegate lacks return(): return the awaited received value;
     * it lacks throw(): close it, then a TypeError. */
    em_bind(E, missing);
    em_jump(E, OP_JEQ_INT, no_throw, 2, it + 3, (uint32_t)1);
    emit_await(E, it + 2, res);
    emit_return_value(E, res);
    em_bind(E, no_throw);
    emit_async_iter_close(E, it);
    em_op(E, OP_THROW_ERROR, 2, (uint32_t)ERR_TYPE,
          em_atom_cstr(E, "The iterator does not provide a 'throw' method"));
    em_bind(E, end);
    E->next_reg = mark;
}

/* yield* — #sec-generator-function-definitions-runtime-semantics-evaluation */
static void emit_yield_star(Emitter *E, AstNode *n, uint32_t dst) {
    uint32_t mark = E->next_reg;
    uint32_t v = emit_expr_any(E, n->u.yield.argument);
    uint32_t it = em_regs(E, 4); /* iterator, next, received, mode */
    uint32_t res = em_reg(E);
    em_set_pos(E, n);
    em_op(E, OP_GET_ITERATOR, 2, it, v);
    em_op(E, OP_LOAD_UNDEF, 1, it + 2);
    em_op(E, OP_LOAD_INT, 2, it + 3, (uint32_t)0);
    int32_t loop = em_label(E), done = em_label(E), ret = em_label(E), end = em_label(E);
    em_bind(E, loop);
    em_jump(E, OP_YIELD_STAR, done, 2, res, it);
    em_op(E, OP_YIELD, 3, it + 2, res, 0u);
    em_jump(E, OP_JMP, loop, 0);
    em_bind(E, done);
    em_jump(E, OP_JEQ_INT, ret, 2, it + 3, (uint32_t)2 /* RESUME_RETURN */);
    em_op(E, OP_MOV, 2, dst, res);
    em_jump(E, OP_JMP, end, 0);
    em_bind(E, ret);
    emit_return_value(E, res);
    em_bind(E, end);
    E->next_reg = mark;
}

/* yield — #sec-yield */
static void emit_yield(Emitter *E, AstNode *n, uint32_t dst) {
    bool is_async = em_in_async_generator(E);
    if (n->u.yield.delegate) {
        if (is_async)
            emit_async_yield_star(E, n, dst);
        else
            emit_yield_star(E, n, dst);
        return;
    }
    uint32_t mark = E->next_reg;
    uint32_t v;
    if (n->u.yield.argument) {
        v = emit_expr_any(E, n->u.yield.argument);
    } else {
        v = em_reg(E);
        em_op(E, OP_LOAD_UNDEF, 1, v);
    }
    uint32_t recv = em_regs(E, 2);
    em_set_pos(E, n);
    if (is_async) {
        /* AsyncGeneratorYield(? Await(value)) — #sec-yield */
        emit_await(E, v, recv);
        em_op(E, OP_YIELD, 3, recv, recv, 2u);
    } else {
        em_op(E, OP_YIELD, 3, recv, v, 1u);
    }
    emit_resume_check(E, recv);
    em_op(E, OP_MOV, 2, dst, recv);
    E->next_reg = mark;
}

uint32_t emit_expr_any(Emitter *E, AstNode *n) {
    if (n->kind == AST_IDENT) {
        if (ast_str_eq_ascii(n->u.ident.name, "undefined") &&
            scope_resolve(E->scope, n->u.ident.name).kind == RES_GLOBAL) {
            uint32_t t = em_reg(E);
            em_op(E, OP_LOAD_UNDEF, 1, t);
            return t;
        }
        em_set_pos(E, n);
        return em_load_name_any(E, n->u.ident.name);
    }
    if (n->kind == AST_THIS) {
        /* A derived constructor's this needs its TDZ check (emit_this). */
        Resolution r = scope_resolve(E->scope, scope_name_this);
        if (r.kind == RES_REG && !(r.binding->scope->func->ast &&
                                   (r.binding->scope->func->ast->flags & AST_FUNC_DERIVED)))
            return (uint32_t)r.binding->reg;
    }
    uint32_t t = em_reg(E);
    emit_expr_to(E, n, t);
    return t;
}

void emit_expr_to(Emitter *E, AstNode *n, uint32_t dst) {
    if (E->failed) return;
    /* A binding register as destination is only safe when n writes it last. */
    if (is_binding_reg(E, dst) && !writes_dst_last(n)) {
        uint32_t mark = E->next_reg;
        uint32_t t = em_reg(E);
        emit_expr_to(E, n, t);
        em_op(E, OP_MOV, 2, dst, t);
        E->next_reg = mark;
        return;
    }
    /* HasCallInTailPosition — #sec-static-semantics-hascallintailposition:
     * only the operands below that end the evaluation inherit the flag. */
    bool tail = E->tail_position;
    E->tail_position = false;
    em_set_pos(E, n);
    switch (n->kind) {
    case AST_NUMBER: em_load_number(E, dst, n->u.number.value); break;
    case AST_STRING: em_op(E, OP_LOAD_CONST, 2, dst, em_string(E, n->u.string.value)); break;
    case AST_NULL: em_op(E, OP_LOAD_NULL, 1, dst); break;
    case AST_BOOL: em_op(E, n->u.boolean.value ? OP_LOAD_TRUE : OP_LOAD_FALSE, 1, dst); break;
    case AST_IDENT:
        if (ast_str_eq_ascii(n->u.ident.name, "undefined") &&
            scope_resolve(E->scope, n->u.ident.name).kind == RES_GLOBAL)
            em_op(E, OP_LOAD_UNDEF, 1, dst);
        else
            em_load_name(E, n->u.ident.name, dst);
        break;
    case AST_THIS: emit_this(E, dst); break;
    case AST_NEW_TARGET: emit_new_target(E, dst); break;
    case AST_REGEXP: {
        /* Compiled once here; each evaluation makes a new RegExp object
         * sharing the program (#sec-regular-expression-literals-runtime-semantics-evaluation). */
        Value cell = regexp_literal_cell(E->ctx, n->u.regexp.pattern.s, n->u.regexp.pattern.len,
                                         n->u.regexp.flags.s, n->u.regexp.flags.len);
        if (val_is_exception(cell)) {
            E->failed = true;
            break;
        }
        em_op(E, OP_NEW_REGEXP, 3, dst, em_const(E, cell), em_string(E, n->u.regexp.flags));
        break;
    }
    case AST_TEMPLATE: emit_template(E, n, dst); break;
    case AST_ARRAY: emit_array(E, n, dst); break;
    case AST_OBJECT: emit_object(E, n, dst); break;
    case AST_FUNCTION_EXPR:
    case AST_ARROW: emit_function_expr(E, n, dst, VAL_UNDEFINED); break;
    case AST_UNARY: emit_unary(E, n, dst); break;
    case AST_UPDATE: emit_update(E, n, dst); break;
    case AST_BINARY: emit_binary(E, n, dst); break;
    case AST_LOGICAL: emit_logical(E, n, dst, tail); break;
    case AST_ASSIGN: emit_assign(E, n, dst); break;
    case AST_CONDITIONAL: {
        int32_t els = em_label(E), end = em_label(E);
        emit_cond_jump(E, n->u.cond.test, els, false);
        E->tail_position = tail;
        emit_expr_to(E, n->u.cond.consequent, dst);
        em_jump(E, OP_JMP, end, 0);
        em_bind(E, els);
        E->tail_position = tail;
        emit_expr_to(E, n->u.cond.alternate, dst);
        em_bind(E, end);
        break;
    }
    case AST_CALL: emit_call(E, n, dst, tail); break;
    case AST_NEW: emit_new(E, n, dst); break;
    case AST_MEMBER: emit_member(E, n, dst); break;
    case AST_SEQUENCE: {
        for (uint32_t i = 0; i + 1 < n->u.list.count; i++) {
            uint32_t mark = E->next_reg;
            emit_expr_any(E, n->u.list.items[i]);
            E->next_reg = mark;
        }
        E->tail_position = tail;
        if (n->u.list.count) emit_expr_to(E, n->u.list.items[n->u.list.count - 1], dst);
        break;
    }
    case AST_OPTIONAL_CHAIN: {
        int32_t saved = E->chain_label;
        int32_t nullish = em_label(E), end = em_label(E);
        E->chain_label = nullish;
        emit_expr_to(E, n->u.chain.expression, dst);
        E->chain_label = saved;
        em_jump(E, OP_JMP, end, 0);
        em_bind(E, nullish);
        em_op(E, OP_LOAD_UNDEF, 1, dst);
        em_bind(E, end);
        break;
    }
    case AST_CLASS_EXPR:
        emit_class(E, n, dst,
                   n->u.klass->id ? em_name_value(E, n->u.klass->id->u.ident.name)
                                  : val_from_string(ATOM(E->rt, empty)));
        break;
    case AST_TAGGED_TEMPLATE: emit_tagged_template(E, n, dst, tail); break;
    case AST_YIELD: emit_yield(E, n, dst); break;
    case AST_AWAIT: {
        uint32_t mark = E->next_reg;
        uint32_t v = emit_expr_any(E, n->u.unary.argument);
        em_set_pos(E, n);
        emit_await(E, v, dst);
        E->next_reg = mark;
        break;
    }
    case AST_BIGINT: {
        Value b = emit_bigint_value(E, n);
        if (!val_is_exception(b)) em_op(E, OP_LOAD_CONST, 2, dst, em_const(E, b));
        break;
    }
    case AST_IMPORT_CALL: {
        /* EvaluateImportCall — #sec-evaluate-import-call */
        uint32_t mark = E->next_reg;
        uint32_t args = em_regs(E, 2);
        emit_expr_to(E, n->u.import_call.source, args);
        if (n->u.import_call.options)
            emit_expr_to(E, n->u.import_call.options, args + 1);
        else
            em_op(E, OP_LOAD_UNDEF, 1, args + 1);
        em_set_pos(E, n);
        em_op(E, OP_DYNAMIC_IMPORT, 2, dst, args);
        E->next_reg = mark;
        break;
    }
    case AST_IMPORT_META: em_op(E, OP_IMPORT_META, 1, dst); break;
    default: em_error(E, ERR_SYNTAX, "unsupported expression"); break;
    }
}

static Opcode relational_jump(uint8_t op, bool when_true) {
    if (when_true) {
        switch (op) {
        case AST_OP_LT: return OP_JLT;
        case AST_OP_LE: return OP_JLE;
        case AST_OP_GT: return OP_JGT;
        case AST_OP_GE: return OP_JGE;
        case AST_OP_STRICT_EQ: return OP_JSEQ;
        case AST_OP_STRICT_NE: return OP_JSNE;
        default: return OP_NOP;
        }
    }
    switch (op) {
    case AST_OP_STRICT_EQ: return OP_JSNE;
    case AST_OP_STRICT_NE: return OP_JSEQ;
    default: return OP_NOP;
    }
}

void emit_cond_jump(Emitter *E, AstNode *n, int32_t label, bool when_true) {
    if (E->failed) return;
    if (n->kind == AST_UNARY && n->u.unary.op == AST_OP_NOT) {
        emit_cond_jump(E, n->u.unary.argument, label, !when_true);
        return;
    }
    if (n->kind == AST_LOGICAL && n->u.binary.op != AST_OP_NULLISH) {
        bool is_and = n->u.binary.op == AST_OP_AND;
        if (is_and != when_true) {
            /* (a && b) false / (a || b) true: either side decides */
            emit_cond_jump(E, n->u.binary.left, label, when_true);
            emit_cond_jump(E, n->u.binary.right, label, when_true);
        } else {
            int32_t skip = em_label(E);
            emit_cond_jump(E, n->u.binary.left, skip, !when_true);
            emit_cond_jump(E, n->u.binary.right, label, when_true);
            em_bind(E, skip);
        }
        return;
    }
    if (n->kind == AST_BINARY) {
        Opcode op = relational_jump(n->u.binary.op, when_true);
        if (op != OP_NOP) {
            uint32_t mark = E->next_reg;
            uint32_t l = emit_expr_any(E, n->u.binary.left);
            l = stabilize(E, l, n->u.binary.right);
            uint32_t r = emit_expr_any(E, n->u.binary.right);
            em_set_pos(E, n);
            em_jump(E, op, label, 2, l, r);
            E->next_reg = mark;
            return;
        }
    }
    uint32_t mark = E->next_reg;
    uint32_t v = emit_expr_any(E, n);
    em_jump(E, when_true ? OP_JTRUE : OP_JFALSE, label, 1, v);
    E->next_reg = mark;
}

/* ---- classes: ClassDefinitionEvaluation — #sec-runtime-semantics-classdefinitionevaluation ----
 */

static uint32_t emit_member_key(Emitter *E, AstNode *m, Value *static_name) {
    AstNode *key = m->u.member_def.key;
    uint32_t k = em_reg(E);
    *static_name = VAL_UNDEFINED;
    if (m->u.member_def.computed) {
        uint32_t kr = emit_expr_any(E, key);
        em_op(E, OP_TO_PROPKEY, 2, k, kr);
        return k;
    }
    Value name = static_key_string(E, key);
    if (val_is_exception(name)) return k;
    String *atom = atom_intern(E->rt, val_as_string(name));
    if (!atom) {
        em_fail_oom(E);
        return k;
    }
    *static_name = val_from_string(atom);
    em_op(E, OP_LOAD_CONST, 2, k, em_const(E, val_from_string(atom)));
    return k;
}

static bool is_private_method(const AstNode *m) {
    uint8_t kind = m->u.member_def.kind;
    return m->u.member_def.key && m->u.member_def.key->kind == AST_PRIVATE_NAME &&
           (kind == AST_MEMBER_METHOD || kind == AST_MEMBER_GETTER || kind == AST_MEMBER_SETTER);
}

static bool same_private_name(const AstNode *a, const AstNode *b) {
    const AstStr *x = a->u.member_def.key->aux, *y = b->u.member_def.key->aux;
    return x && y && ast_str_eq(*x, *y);
}

/* The private methods and accessors of class k (constructor in register f,
 * prototype in f + 1): instance ones are recorded on the constructor for
 * InitializeInstanceElements, static ones are added to F. A getter and a
 * setter of one name make one accessor element. Creating the closures is
 * unobservable, so this happens before the other elements. */
static void emit_private_methods(Emitter *E, AstClass *k, uint32_t f) {
    for (uint32_t i = 0; i < k->members.count && !E->failed; i++) {
        AstNode *m = k->members.items[i];
        if (!is_private_method(m)) continue;
        bool is_static = m->u.member_def.is_static;
        bool accessor = m->u.member_def.kind != AST_MEMBER_METHOD;
        bool seen = false;
        for (uint32_t j = 0; accessor && j < i && !seen; j++) {
            AstNode *o = k->members.items[j];
            seen = is_private_method(o) && o->u.member_def.kind != AST_MEMBER_METHOD &&
                   same_private_name(o, m);
        }
        if (seen) continue;
        uint32_t mark = E->next_reg;
        AstNode *key = m->u.member_def.key;
        uint32_t p = emit_private_name(E, key);
        uint32_t fns = em_regs(E, 2); /* method or getter, setter */
        em_op(E, OP_LOAD_UNDEF, 1, fns);
        em_op(E, OP_LOAD_UNDEF, 1, fns + 1);
        Value hint = key->aux ? em_name_value(E, *(const AstStr *)key->aux) : VAL_UNDEFINED;
        for (uint32_t j = i; j < k->members.count; j++) {
            AstNode *o = k->members.items[j];
            if (j != i &&
                (!accessor || !is_private_method(o) || o->u.member_def.kind == AST_MEMBER_METHOD ||
                 o->u.member_def.is_static != is_static || !same_private_name(o, m)))
                continue;
            uint32_t r = o->u.member_def.kind == AST_MEMBER_SETTER ? fns + 1 : fns;
            em_set_pos(E, o);
            emit_function_expr(E, o->u.member_def.value, r, hint);
            em_op(E, OP_SET_HOME_OBJECT, 2, r, is_static ? f : f + 1);
            if (!accessor) break;
        }
        em_op(E, is_static ? OP_DEFINE_PRIVATE_METHOD : OP_ADD_PRIVATE_METHOD, 5, f, p, fns,
              fns + 1, accessor ? 1u : 0u);
        E->next_reg = mark;
    }
}

void emit_class(Emitter *E, AstNode *n, uint32_t dst, Value name) {
    AstClass *k = n->u.klass;
    uint32_t mark = E->next_reg;
    Scope *outer = E->scope;
    Scope *cs = k->scope.aux;
    Control env_ctl;
    em_enter_scope(E, cs, &env_ctl, NULL);
    /* A fresh Private Name per #x for each evaluation of the class. */
    for (uint32_t i = 0; cs && i < cs->count; i++) {
        Binding *b = cs->bindings[i];
        if (b->kind != BINDING_KIND_PRIVATE) continue;
        uint32_t t = em_reg(E);
        em_op(E, OP_NEW_PRIVATE_NAME, 2, t, em_atom(E, b->name));
        em_store_name(E, b->name, t, true, false);
        E->next_reg = t;
    }
    uint32_t f = em_regs(E, 2); /* constructor, prototype */
    uint32_t sup = em_reg(E);
    if (k->superclass) {
        Scope *class_scope = E->scope;
        if (cs && cs->heritage) E->scope = cs->heritage;
        emit_expr_to(E, k->superclass, sup);
        E->scope = class_scope;
    } else
        em_op(E, OP_LOAD_UNDEF, 1, sup);
    if (!val_is_string(name)) name = val_from_string(ATOM(E->rt, empty));
    uint32_t ctor;
    if (k->constructor) {
        ctor = em_function(E, k->constructor->u.func, name);
        if (!E->failed) {
            FunctionBytecode *fb = val_as_bytecode(E->consts[ctor]);
            fb->name = name;
            fb->source_start = k->source_start;
            fb->source_end = k->source_end;
        }
    } else {
        ctor =
            em_default_constructor(E, k->superclass != NULL, name, k->source_start, k->source_end);
    }
    if (E->failed) return;
    em_set_pos(E, n);
    em_op(E, OP_CLASS_CREATE, 4, f, ctor, sup, k->superclass ? 1u : 0u);
    emit_private_methods(E, k, f);
    uint32_t statics = em_reg(E);
    em_op(E, OP_NEW_ARRAY, 2, statics, 0u);
    for (uint32_t i = 0; i < k->members.count && !E->failed; i++) {
        AstNode *m = k->members.items[i];
        uint32_t m2 = E->next_reg;
        uint8_t kind = m->u.member_def.kind;
        uint32_t target = m->u.member_def.is_static ? f : f + 1;
        em_set_pos(E, m);
        AstNode *mkey = m->u.member_def.key;
        if (mkey && mkey->kind == AST_PRIVATE_NAME) {
            if (kind != AST_MEMBER_FIELD) continue; /* methods: emit_private_methods */
            uint32_t key = emit_private_name(E, mkey);
            uint32_t fn = em_reg(E);
            if (m->u.member_def.value) {
                Value hint =
                    mkey->aux ? em_name_value(E, *(const AstStr *)mkey->aux) : VAL_UNDEFINED;
                emit_function_expr(E, m->u.member_def.value, fn, hint);
                em_op(E, OP_SET_HOME_OBJECT, 2, fn, target);
            } else {
                em_op(E, OP_LOAD_UNDEF, 1, fn);
            }
            if (m->u.member_def.is_static) {
                em_op(E, OP_ARRAY_PUSH, 2, statics, key);
                em_op(E, OP_ARRAY_PUSH, 2, statics, fn);
            } else {
                em_op(E, OP_ADD_FIELD, 3, f, key, fn);
            }
            E->next_reg = m2;
            continue;
        }
        if (kind == AST_MEMBER_STATIC_BLOCK) {
            uint32_t fn = em_reg(E);
            uint32_t u = em_reg(E);
            emit_function_expr(E, m->u.member_def.value, fn, val_from_string(ATOM(E->rt, empty)));
            em_op(E, OP_SET_HOME_OBJECT, 2, fn, f);
            em_op(E, OP_LOAD_UNDEF, 1, u);
            em_op(E, OP_ARRAY_PUSH, 2, statics, u);
            em_op(E, OP_ARRAY_PUSH, 2, statics, fn);
            E->next_reg = m2;
            continue;
        }
        Value static_name;
        uint32_t key = emit_member_key(E, m, &static_name);
        uint32_t fn = em_reg(E);
        Value hint = val_is_string(static_name) ? static_name : val_from_string(ATOM(E->rt, empty));
        if (kind == AST_MEMBER_FIELD) {
            if (m->u.member_def.value) {
                emit_function_expr(E, m->u.member_def.value, fn, hint);
                em_op(E, OP_SET_HOME_OBJECT, 2, fn, target);
            } else {
                em_op(E, OP_LOAD_UNDEF, 1, fn);
            }
            if (m->u.member_def.is_static) {
                em_op(E, OP_ARRAY_PUSH, 2, statics, key);
                em_op(E, OP_ARRAY_PUSH, 2, statics, fn);
            } else {
                em_op(E, OP_ADD_FIELD, 3, f, key, fn);
            }
        } else {
            emit_function_expr(E, m->u.member_def.value, fn, hint);
            uint32_t mk = kind == AST_MEMBER_GETTER ? 1u : kind == AST_MEMBER_SETTER ? 2u : 0u;
            em_op(E, OP_DEFINE_METHOD, 4, target, key, fn, mk);
        }
        E->next_reg = m2;
    }
    if (k->id && cs) {
        Binding *b = scope_find_local(cs, k->id->u.ident.name);
        if (b) em_store_name(E, k->id->u.ident.name, f, true, true);
    }
    em_op(E, OP_RUN_STATIC, 2, f, statics);
    em_op(E, OP_MOV, 2, dst, f);
    em_leave_scope(E, cs, outer);
    E->next_reg = mark;
}
