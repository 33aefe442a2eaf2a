/* parser_expr.c — expressions, cover grammars and patterns, functions and
 * classes — #sec-ecmascript-language-expressions,
 * #sec-ecmascript-language-functions-and-classes. */
#include <stdio.h>
#include <string.h>

#include "builtins/regexp_object.h"
#include "compiler/parser_internal.h"

static AstNode *unary(Parser *p);
static AstNode *conditional(Parser *p);
static AstNode *primary(Parser *p);
static AstNode *call_tail(Parser *p, AstNode *e, SrcPos pos, bool allow_calls);
static AstNode *template_literal(Parser *p, bool tagged);
static AstNode *arrow_function(Parser *p, SrcPos pos, AstNode *params, bool is_async,
                               const ParenCover *cover);

void p_use_this(Parser *p) {
    p->fs->uses.this_++;
}

static void name_text(AstStr name, char *buf, size_t size) {
    size_t n = 0;
    for (uint32_t i = 0; i < name.len && n + 1 < size; i++)
        buf[n++] = name.s[i] < 0x80 ? (char)name.s[i] : '?';
    buf[n] = 0;
}

/* The nearest enclosing non-arrow function state (arrows inherit this,
 * super, new.target and arguments). */
static FuncState *this_scope(Parser *p) {
    FuncState *fs = p->fs;
    while (fs->is_arrow && fs->parent)
        fs = fs->parent;
    return fs;
}

/* ---- literals ------------------------------------------------------------ */

static AstNode *number_literal(Parser *p) {
    if (p->tok.legacy_octal && p->fs->strict)
        p_fail(p, "Octal literals are not allowed in strict mode");
    AstNode *n = p_node(p, AST_NUMBER, p_pos(p));
    n->u.number.value = p->tok.num;
    n->u.number.legacy_octal = p->tok.legacy_octal;
    p_next(p);
    return p_finish(p, n);
}

static AstNode *string_literal(Parser *p) {
    if (p->tok.legacy_octal && p->fs->strict)
        p_fail_at(p, p->tok.octal_line, p->tok.octal_column,
                  "Octal escape sequences are not allowed in strict mode");
    AstNode *n = p_node(p, AST_STRING, p_pos(p));
    n->u.string.value = p->tok.str;
    n->u.string.has_octal_escape = p->tok.legacy_octal;
    p_next(p);
    return p_finish(p, n);
}

static AstNode *bigint_literal(Parser *p) {
    AstNode *n = p_node(p, AST_BIGINT, p_pos(p));
    n->u.bigint.digits = p->tok.bigint_digits;
    n->u.bigint.len = p->tok.bigint_len;
    n->u.bigint.radix = p->tok.bigint_radix;
    p_next(p);
    return p_finish(p, n);
}

/* PropertyName (and ClassElementName with allow_private). */
static AstNode *property_key(Parser *p, bool *computed, bool allow_private) {
    *computed = false;
    switch (p->tok.type) {
    case TOK_LBRACKET: {
        p_next(p);
        bool saved = p->no_in;
        p->no_in = false;
        AstNode *e = p_assignment(p, false);
        p->no_in = saved;
        p_expect(p, TOK_RBRACKET);
        *computed = true;
        return e;
    }
    case TOK_IDENT: {
        AstNode *n = p_node(p, AST_IDENT, p_pos(p));
        n->u.ident.name = p->tok.str;
        n->u.ident.has_escape = p->tok.escaped;
        p_next(p);
        return p_finish(p, n);
    }
    case TOK_STRING: return string_literal(p);
    case TOK_NUMBER: return number_literal(p);
    case TOK_BIGINT: return bigint_literal(p);
    case TOK_PRIVATE_NAME:
        if (allow_private) {
            AstNode *n = p_node(p, AST_PRIVATE_NAME, p_pos(p));
            n->u.ident.name = p->tok.str;
            p_next(p);
            return p_finish(p, n);
        }
        p_unexpected(p);
    default: p_unexpected(p);
    }
}

static bool key_is(const AstNode *key, bool computed, const char *name) {
    if (computed) return false;
    if (key->kind == AST_IDENT) return ast_str_eq_ascii(key->u.ident.name, name);
    if (key->kind == AST_STRING) return ast_str_eq_ascii(key->u.string.value, name);
    return false;
}

/* ---- patterns ------------------------------------------------------------ */

static AstNode *binding_property(Parser *p) {
    SrcPos pos = p_pos(p);
    AstNode *prop = p_node(p, AST_PROPERTY, pos);
    prop->u.property.kind = AST_PROP_INIT;
    Token next;
    if (p->tok.type == TOK_IDENT &&
        (p_peek(p, &next) == TOK_COMMA || next.type == TOK_RBRACE || next.type == TOK_ASSIGN)) {
        /* SingleNameBinding */
        AstNode *id = p_binding_identifier(p);
        AstNode *key = p_node(p, AST_IDENT, pos);
        *key = *id;
        prop->u.property.key = key;
        prop->u.property.shorthand = true;
        AstNode *value = id;
        if (p->tok.type == TOK_ASSIGN) {
            p_next(p);
            AstNode *d = p_node(p, AST_ASSIGN_PATTERN, pos);
            d->u.assign_pattern.target = id;
            bool saved = p->no_in;
            p->no_in = false;
            d->u.assign_pattern.value = p_assignment(p, false);
            p->no_in = saved;
            value = p_finish(p, d);
        }
        prop->u.property.value = value;
        return p_finish(p, prop);
    }
    bool computed;
    prop->u.property.key = property_key(p, &computed, false);
    prop->u.property.computed = computed;
    p_expect(p, TOK_COLON);
    prop->u.property.value = p_binding_element(p);
    return p_finish(p, prop);
}

/* BindingIdentifier | BindingPattern — #sec-destructuring-binding-patterns */
AstNode *p_binding_target(Parser *p) {
    p_enter(p);
    SrcPos pos = p_pos(p);
    AstNode *n;
    if (p->tok.type == TOK_LBRACKET) {
        n = p_node(p, AST_ARRAY_PATTERN, pos);
        p_next(p);
        while (p->tok.type != TOK_RBRACKET) {
            if (p->tok.type == TOK_COMMA) {
                AstNode *hole = p_node(p, AST_ELISION, p_pos(p));
                p_next(p);
                p_push(p, &n->u.list, p_finish(p, hole));
                continue;
            }
            if (p->tok.type == TOK_ELLIPSIS) {
                AstNode *rest = p_node(p, AST_REST, p_pos(p));
                p_next(p);
                rest->u.spread.argument = p_binding_target(p);
                p_push(p, &n->u.list, p_finish(p, rest));
                if (p->tok.type != TOK_RBRACKET) p_fail(p, "Rest element must be last element");
                break;
            }
            p_push(p, &n->u.list, p_binding_element(p));
            if (p->tok.type != TOK_RBRACKET) p_expect(p, TOK_COMMA);
        }
        p_next(p);
    } else if (p->tok.type == TOK_LBRACE) {
        n = p_node(p, AST_OBJECT_PATTERN, pos);
        p_next(p);
        while (p->tok.type != TOK_RBRACE) {
            if (p->tok.type == TOK_ELLIPSIS) {
                AstNode *rest = p_node(p, AST_REST, p_pos(p));
                p_next(p);
                rest->u.spread.argument = p_binding_identifier(p);
                p_push(p, &n->u.list, p_finish(p, rest));
                if (p->tok.type != TOK_RBRACE) p_fail(p, "Rest element must be last element");
                break;
            }
            p_push(p, &n->u.list, binding_property(p));
            if (p->tok.type != TOK_RBRACE) p_expect(p, TOK_COMMA);
        }
        p_next(p);
    } else {
        p_leave(p);
        return p_binding_identifier(p);
    }
    p_leave(p);
    return p_finish(p, n);
}

AstNode *p_binding_element(Parser *p) {
    SrcPos pos = p_pos(p);
    AstNode *target = p_binding_target(p);
    if (p->tok.type != TOK_ASSIGN) return target;
    p_next(p);
    AstNode *d = p_node(p, AST_ASSIGN_PATTERN, pos);
    d->u.assign_pattern.target = target;
    bool saved = p->no_in;
    p->no_in = false;
    d->u.assign_pattern.value = p_assignment(p, false);
    p->no_in = saved;
    return p_finish(p, d);
}

/* ---- assignment targets -------------------------------------------------- */

static _Noreturn void invalid_target(Parser *p, const AstNode *n, const char *what) {
    p_fail_at(p, n->line, n->column, "%s", what);
}

/* A simple assignment target (#sec-static-semantics-assignmenttargettype).
 * Calls are allowed in sloppy code except for logical assignment (B.3.9:
 * the emitter throws a ReferenceError at run time). */
static void check_simple_target(Parser *p, AstNode *n, bool logical, const char *what) {
    switch (n->kind) {
    case AST_IDENT:
        if (p->fs->strict && (ast_str_eq_ascii(n->u.ident.name, "eval") ||
                              ast_str_eq_ascii(n->u.ident.name, "arguments")))
            invalid_target(p, n, "Unexpected eval or arguments in strict mode");
        return;
    case AST_MEMBER: return;
    case AST_CALL:
        if (!p->fs->strict && !logical && n->u.call.callee->kind != AST_SUPER) return;
        break;
    default: break;
    }
    invalid_target(p, n, what);
}

static AstNode *to_assign_element(Parser *p, AstNode *n);

/* Converts an object/array literal to an assignment pattern
 * (#sec-destructuring-assignment), or checks a simple target. */
static AstNode *to_assign_target(Parser *p, AstNode *n) {
    bool paren = n->flags & AST_NODE_PARENTHESIZED;
    switch (n->kind) {
    case AST_ARRAY:
        if (paren) invalid_target(p, n, "Invalid destructuring assignment target");
        n->kind = AST_ARRAY_PATTERN;
        for (uint32_t i = 0; i < n->u.list.count; i++) {
            AstNode *e = n->u.list.items[i];
            if (e->kind == AST_SPREAD) {
                if (i + 1 != n->u.list.count || (n->flags & AST_NODE_TRAILING_COMMA))
                    invalid_target(p, e, "Rest element must be last element");
                AstNode *arg = e->u.spread.argument;
                if (arg->kind == AST_ASSIGN && !(arg->flags & AST_NODE_PARENTHESIZED))
                    invalid_target(p, arg, "Rest element may not have a default initializer");
                e->kind = AST_REST;
                e->u.spread.argument = to_assign_target(p, arg);
            } else if (e->kind != AST_ELISION) {
                n->u.list.items[i] = to_assign_element(p, e);
            }
        }
        return n;
    case AST_OBJECT:
        if (paren) invalid_target(p, n, "Invalid destructuring assignment target");
        n->kind = AST_OBJECT_PATTERN;
        for (uint32_t i = 0; i < n->u.list.count; i++) {
            AstNode *e = n->u.list.items[i];
            if (e->kind == AST_SPREAD) {
                if (i + 1 != n->u.list.count || (n->flags & AST_NODE_TRAILING_COMMA))
                    invalid_target(p, e, "Rest element must be last element");
                AstNode *arg = e->u.spread.argument;
                if (arg->kind == AST_ARRAY || arg->kind == AST_OBJECT ||
                    arg->kind == AST_ARRAY_PATTERN || arg->kind == AST_OBJECT_PATTERN)
                    invalid_target(p, arg,
                                   "`...` must be followed by an assignable reference in "
                                   "assignment contexts");
                check_simple_target(p, arg, false, "Invalid destructuring assignment target");
                e->kind = AST_REST;
                continue;
            }
            if (e->u.property.method || e->u.property.kind == AST_PROP_GET ||
                e->u.property.kind == AST_PROP_SET)
                invalid_target(p, e, "Invalid destructuring assignment target");
            e->u.property.kind = AST_PROP_INIT;
            e->flags &= (uint16_t)~AST_NODE_COVER_INIT;
            e->u.property.value = to_assign_element(p, e->u.property.value);
        }
        return n;
    case AST_ARRAY_PATTERN:
    case AST_OBJECT_PATTERN:
        if (paren) invalid_target(p, n, "Invalid destructuring assignment target");
        return n;
    default: check_simple_target(p, n, false, "Invalid destructuring assignment target"); return n;
    }
}

static AstNode *to_assign_element(Parser *p, AstNode *n) {
    p_enter(p);
    if (n->kind == AST_ASSIGN && !(n->flags & AST_NODE_PARENTHESIZED)) {
        if (n->u.assign.op != AST_OP_ASSIGN)
            invalid_target(p, n, "Invalid destructuring assignment target");
        AstNode *target = to_assign_target(p, n->u.assign.target);
        AstNode *value = n->u.assign.value;
        n->kind = AST_ASSIGN_PATTERN;
        n->u.assign_pattern.target = target;
        n->u.assign_pattern.value = value;
    } else if (n->kind == AST_ASSIGN_PATTERN) {
        n->u.assign_pattern.target = to_assign_target(p, n->u.assign_pattern.target);
    } else {
        n = to_assign_target(p, n);
    }
    p_leave(p);
    return n;
}

AstNode *p_to_assignment_target(Parser *p, AstNode *node, bool in_pattern) {
    (void)in_pattern;
    if ((node->kind == AST_ARRAY || node->kind == AST_OBJECT) &&
        !(node->flags & AST_NODE_PARENTHESIZED))
        return to_assign_target(p, node);
    check_simple_target(p, node, false, "Invalid left-hand side in assignment");
    return node;
}

/* Converts a cover expression to an arrow parameter (binding element). */
static AstNode *to_binding(Parser *p, AstNode *n, bool element) {
    p_enter(p);
    if (n->flags & AST_NODE_PARENTHESIZED)
        invalid_target(p, n, "Invalid destructuring assignment target");
    switch (n->kind) {
    case AST_IDENT: break;
    case AST_ASSIGN:
        if (!element || n->u.assign.op != AST_OP_ASSIGN)
            invalid_target(p, n, "Invalid destructuring assignment target");
        {
            AstNode *target = to_binding(p, n->u.assign.target, false);
            AstNode *value = n->u.assign.value;
            n->kind = AST_ASSIGN_PATTERN;
            n->u.assign_pattern.target = target;
            n->u.assign_pattern.value = value;
        }
        break;
    case AST_ASSIGN_PATTERN:
        if (!element) invalid_target(p, n, "Invalid destructuring assignment target");
        n->u.assign_pattern.target = to_binding(p, n->u.assign_pattern.target, false);
        break;
    case AST_ARRAY:
    case AST_ARRAY_PATTERN:
        n->kind = AST_ARRAY_PATTERN;
        for (uint32_t i = 0; i < n->u.list.count; i++) {
            AstNode *e = n->u.list.items[i];
            if (e->kind == AST_SPREAD || e->kind == AST_REST) {
                if (i + 1 != n->u.list.count || (n->flags & AST_NODE_TRAILING_COMMA))
                    invalid_target(p, e, "Rest element must be last element");
                e->kind = AST_REST;
                e->u.spread.argument = to_binding(p, e->u.spread.argument, false);
            } else if (e->kind != AST_ELISION) {
                n->u.list.items[i] = to_binding(p, e, true);
            }
        }
        break;
    case AST_OBJECT:
    case AST_OBJECT_PATTERN:
        n->kind = AST_OBJECT_PATTERN;
        for (uint32_t i = 0; i < n->u.list.count; i++) {
            AstNode *e = n->u.list.items[i];
            if (e->kind == AST_SPREAD || e->kind == AST_REST) {
                if (i + 1 != n->u.list.count || (n->flags & AST_NODE_TRAILING_COMMA))
                    invalid_target(p, e, "Rest element must be last element");
                if (e->u.spread.argument->kind != AST_IDENT ||
                    (e->u.spread.argument->flags & AST_NODE_PARENTHESIZED))
                    invalid_target(p, e, "Invalid destructuring assignment target");
                e->kind = AST_REST;
                continue;
            }
            if (e->u.property.method || e->u.property.kind == AST_PROP_GET ||
                e->u.property.kind == AST_PROP_SET)
                invalid_target(p, e, "Invalid destructuring assignment target");
            e->u.property.kind = AST_PROP_INIT;
            e->flags &= (uint16_t)~AST_NODE_COVER_INIT;
            e->u.property.value = to_binding(p, e->u.property.value, true);
        }
        break;
    default: invalid_target(p, n, "Invalid destructuring assignment target");
    }
    p_leave(p);
    return n;
}

/* ---- expressions --------------------------------------------------------- */

AstNode *p_expression(Parser *p) {
    SrcPos pos = p_pos(p);
    AstNode *first = p_assignment(p, false);
    if (p->tok.type != TOK_COMMA) return first;
    AstNode *seq = p_node(p, AST_SEQUENCE, pos);
    p_push(p, &seq->u.list, first);
    while (p_eat(p, TOK_COMMA))
        p_push(p, &seq->u.list, p_assignment(p, false));
    return p_finish(p, seq);
}

static int assign_op(int type) {
    switch (type) {
    case TOK_ASSIGN: return AST_OP_ASSIGN;
    case TOK_PLUS_ASSIGN: return AST_OP_ADD;
    case TOK_MINUS_ASSIGN: return AST_OP_SUB;
    case TOK_STAR_ASSIGN: return AST_OP_MUL;
    case TOK_SLASH_ASSIGN: return AST_OP_DIV;
    case TOK_PERCENT_ASSIGN: return AST_OP_MOD;
    case TOK_STAR_STAR_ASSIGN: return AST_OP_EXP;
    case TOK_SHL_ASSIGN: return AST_OP_SHL;
    case TOK_SAR_ASSIGN: return AST_OP_SAR;
    case TOK_SHR_ASSIGN: return AST_OP_SHR;
    case TOK_AMP_ASSIGN: return AST_OP_BIT_AND;
    case TOK_PIPE_ASSIGN: return AST_OP_BIT_OR;
    case TOK_CARET_ASSIGN: return AST_OP_BIT_XOR;
    case TOK_AND_ASSIGN: return AST_OP_AND;
    case TOK_OR_ASSIGN: return AST_OP_OR;
    case TOK_NULLISH_ASSIGN: return AST_OP_NULLISH;
    default: return 0;
    }
}

PARSER_NOINLINE static AstNode *yield_expression(Parser *p) {
    if (p->fs->in_params) p_fail(p, "Yield expression not allowed in formal parameter");
    SrcPos pos = p_pos(p);
    AstNode *n = p_node(p, AST_YIELD, pos);
    p_next(p);
    p->fs->uses.yield++;
    if (!p->tok.nl_before) {
        if (p->tok.type == TOK_STAR) {
            p_next(p);
            n->u.yield.delegate = true;
            n->u.yield.argument = p_assignment(p, false);
        } else {
            switch (p->tok.type) {
            case TOK_RPAREN:
            case TOK_RBRACKET:
            case TOK_RBRACE:
            case TOK_COMMA:
            case TOK_SEMI:
            case TOK_COLON:
            case TOK_EOF:
            case TOK_QUESTION: /* `yield ? a : b` is not valid; leave to caller */ break;
            default:
                if (p_is_kw(p, KW_IN) || p_is_kw(p, KW_OF) || p_is_kw(p, KW_INSTANCEOF)) break;
                if (p->tok.type == TOK_ARROW) break;
                n->u.yield.argument = p_assignment(p, false);
            }
        }
    }
    return p_finish(p, n);
}

/* Second and third token lookahead for `async x =>`. */
PARSER_NOINLINE static bool async_arrow_ident_ahead(Parser *p) {
    Lexer saved = p->lex;
    Token t1, t2;
    bool result = false;
    if (lexer_next(&p->lex, &t1) == TOK_IDENT && !t1.nl_before &&
        lexer_next(&p->lex, &t2) == TOK_ARROW && !t2.nl_before)
        result = true;
    p->lex = saved;
    return result;
}

/* `x => ...` and `async x => ...`; NULL when the identifier does not start
 * an arrow function. */
PARSER_NOINLINE static AstNode *arrow_from_identifier(Parser *p, SrcPos pos) {
    Token next;
    int t = p_peek(p, &next);
    if (t == TOK_ARROW && !next.nl_before) {
        ParenCover cover_info = {0};
        cover_info.uses = p->fs->uses;
        cover_info.child_count = p->fs->child_count;
        AstNode *param = p_identifier_reference(p);
        return arrow_function(p, pos, param, false, &cover_info);
    }
    if (p_is_kw(p, KW_ASYNC) && t == TOK_IDENT && !next.nl_before && async_arrow_ident_ahead(p)) {
        p_next(p);
        ParenCover cover_info = {0};
        cover_info.uses = p->fs->uses;
        cover_info.child_count = p->fs->child_count;
        FuncState *fs = p->fs;
        bool saved_ar = fs->await_reserved;
        fs->await_reserved = true; /* `async await => 1` is an error */
        AstNode *param = p_identifier_reference(p);
        fs->await_reserved = saved_ar;
        return arrow_function(p, pos, param, true, &cover_info);
    }
    return NULL;
}

AstNode *p_assignment(Parser *p, bool cover) {
    p_enter(p);
    SrcPos pos = p_pos(p);
    CoverError saved_cover = p->cover;
    p->cover.line = 0;
    AstNode *result;

    if (p_is_kw(p, KW_YIELD) && p->fs->yield_is_keyword) {
        result = yield_expression(p);
        goto done;
    }
    if (p->tok.type == TOK_IDENT && (result = arrow_from_identifier(p, pos)) != NULL) goto done;

    AstNode *lhs = conditional(p);
    if (p->tok.type == TOK_ARROW) {
        if (p->paren.node != lhs || !lhs || p->tok.nl_before) p_unexpected(p);
        bool is_async = lhs->kind == AST_CALL;
        p->cover.line = 0;
        result = arrow_function(p, pos, lhs, is_async, &p->paren);
        p->cover = saved_cover;
        goto done_restored;
    }
    int op = assign_op(p->tok.type);
    if (op) {
        AstNode *target;
        if (op == AST_OP_ASSIGN && (lhs->kind == AST_ARRAY || lhs->kind == AST_OBJECT) &&
            !(lhs->flags & AST_NODE_PARENTHESIZED)) {
            target = to_assign_target(p, lhs);
            p->cover.line = 0;
        } else {
            if (p->cover.line) p_fail_at(p, p->cover.line, p->cover.column, "%s", p->cover.message);
            bool logical = op == AST_OP_AND || op == AST_OP_OR || op == AST_OP_NULLISH;
            check_simple_target(p, lhs, logical, "Invalid left-hand side in assignment");
            target = lhs;
        }
        AstNode *n = p_node(p, AST_ASSIGN, pos);
        p_next(p);
        n->u.assign.op = (uint8_t)op;
        n->u.assign.target = target;
        n->u.assign.value = p_assignment(p, false);
        result = p_finish(p, n);
        p->cover = saved_cover;
        goto done_restored;
    }
    result = lhs;

done:
    if (p->cover.line && !cover)
        p_fail_at(p, p->cover.line, p->cover.column, "%s", p->cover.message);
    if (saved_cover.line) p->cover = saved_cover; /* keep the earliest pending error */
done_restored:
    p_leave(p);
    return result;
}

/* ---- binary operators (precedence climbing) ------------------------------ */

enum {
    PREC_NULLISH = 1,
    PREC_OR = 2,
    PREC_AND = 3,
    PREC_BIT_OR = 4,
    PREC_BIT_XOR = 5,
    PREC_BIT_AND = 6,
    PREC_EQUALITY = 7,
    PREC_RELATIONAL = 8,
    PREC_SHIFT = 9,
    PREC_ADDITIVE = 10,
    PREC_MULTIPLICATIVE = 11,
    PREC_EXPONENT = 12,
};

static int binary_op(const Parser *p, int *prec) {
    switch (p->tok.type) {
    case TOK_NULLISH: *prec = PREC_NULLISH; return AST_OP_NULLISH;
    case TOK_OR: *prec = PREC_OR; return AST_OP_OR;
    case TOK_AND: *prec = PREC_AND; return AST_OP_AND;
    case TOK_PIPE: *prec = PREC_BIT_OR; return AST_OP_BIT_OR;
    case TOK_CARET: *prec = PREC_BIT_XOR; return AST_OP_BIT_XOR;
    case TOK_AMP: *prec = PREC_BIT_AND; return AST_OP_BIT_AND;
    case TOK_EQ: *prec = PREC_EQUALITY; return AST_OP_EQ;
    case TOK_NE: *prec = PREC_EQUALITY; return AST_OP_NE;
    case TOK_STRICT_EQ: *prec = PREC_EQUALITY; return AST_OP_STRICT_EQ;
    case TOK_STRICT_NE: *prec = PREC_EQUALITY; return AST_OP_STRICT_NE;
    case TOK_LT: *prec = PREC_RELATIONAL; return AST_OP_LT;
    case TOK_GT: *prec = PREC_RELATIONAL; return AST_OP_GT;
    case TOK_LE: *prec = PREC_RELATIONAL; return AST_OP_LE;
    case TOK_GE: *prec = PREC_RELATIONAL; return AST_OP_GE;
    case TOK_SHL: *prec = PREC_SHIFT; return AST_OP_SHL;
    case TOK_SAR: *prec = PREC_SHIFT; return AST_OP_SAR;
    case TOK_SHR: *prec = PREC_SHIFT; return AST_OP_SHR;
    case TOK_PLUS: *prec = PREC_ADDITIVE; return AST_OP_ADD;
    case TOK_MINUS: *prec = PREC_ADDITIVE; return AST_OP_SUB;
    case TOK_STAR: *prec = PREC_MULTIPLICATIVE; return AST_OP_MUL;
    case TOK_SLASH: *prec = PREC_MULTIPLICATIVE; return AST_OP_DIV;
    case TOK_PERCENT: *prec = PREC_MULTIPLICATIVE; return AST_OP_MOD;
    case TOK_STAR_STAR: *prec = PREC_EXPONENT; return AST_OP_EXP;
    case TOK_IDENT:
        if (p->tok.escaped) return 0;
        if (p->tok.kw == KW_INSTANCEOF) {
            *prec = PREC_RELATIONAL;
            return AST_OP_INSTANCEOF;
        }
        if (p->tok.kw == KW_IN && !p->no_in) {
            *prec = PREC_RELATIONAL;
            return AST_OP_IN;
        }
        return 0;
    default: return 0;
    }
}

static void private_reference(Parser *p, AstNode *name) {
    p_push(p, &p->cls->refs, name);
}

static AstNode *binary(Parser *p, int min_prec);

static AstNode *binary_rest(Parser *p, AstNode *left, int min_prec, SrcPos pos) {
    for (;;) {
        int prec;
        int op = binary_op(p, &prec);
        if (!op || prec < min_prec) break;
        bool left_paren = left->flags & AST_NODE_PARENTHESIZED;
        if (op == AST_OP_EXP && !left_paren && (left->kind == AST_UNARY || left->kind == AST_AWAIT))
            p_fail(p, "Unary operator used immediately before exponentiation expression. "
                      "Parenthesis must be used to disambiguate operator precedence");
        if (left->kind == AST_PRIVATE_NAME && op != AST_OP_IN) p_unexpected(p);
        /* ?? does not mix with && / || without parentheses. */
        if (!left_paren && left->kind == AST_LOGICAL &&
            ((op == AST_OP_NULLISH && left->u.binary.op != AST_OP_NULLISH) ||
             (op != AST_OP_NULLISH && (op == AST_OP_AND || op == AST_OP_OR) &&
              left->u.binary.op == AST_OP_NULLISH)))
            p_fail(p, "Unexpected token '%s'", op == AST_OP_NULLISH ? "??" : ast_op_name(op));
        p_next(p);
        AstNode *right;
        if (op == AST_OP_EXP) {
            p_enter(p);
            right = binary(p, PREC_EXPONENT);
            p_leave(p);
        } else if (op == AST_OP_NULLISH) {
            right = binary(p, PREC_BIT_OR);
        } else {
            right = binary(p, prec + 1);
        }
        if (op == AST_OP_NULLISH && !(right->flags & AST_NODE_PARENTHESIZED) &&
            right->kind == AST_LOGICAL)
            p_fail_at(p, right->line, right->column, "Unexpected token");
        AstNode *n =
            p_node(p,
                   (op == AST_OP_AND || op == AST_OP_OR || op == AST_OP_NULLISH) ? AST_LOGICAL
                                                                                 : AST_BINARY,
                   pos);
        n->u.binary.op = (uint8_t)op;
        n->u.binary.left = left;
        n->u.binary.right = right;
        left = p_finish(p, n);
    }
    if (left->kind == AST_PRIVATE_NAME) p_unexpected(p);
    return left;
}

/* `#x in obj` — #sec-relational-operators */
PARSER_NOINLINE static AstNode *private_in(Parser *p, int min_prec, SrcPos pos) {
    Token next;
    if (p_peek(p, &next) != TOK_IDENT || next.kw != KW_IN || next.escaped || p->no_in ||
        min_prec > PREC_RELATIONAL)
        p_unexpected(p);
    AstNode *left = p_node(p, AST_PRIVATE_NAME, pos);
    left->u.ident.name = p->tok.str;
    p_next(p);
    p_finish(p, left);
    private_reference(p, left);
    p_next(p); /* in: binds to this operand */
    AstNode *right = binary(p, PREC_RELATIONAL + 1);
    AstNode *n = p_node(p, AST_BINARY, pos);
    n->u.binary.op = AST_OP_IN;
    n->u.binary.left = left;
    n->u.binary.right = right;
    return p_finish(p, n);
}

static AstNode *binary(Parser *p, int min_prec) {
    SrcPos pos = p_pos(p);
    AstNode *left = p->tok.type == TOK_PRIVATE_NAME ? private_in(p, min_prec, pos) : unary(p);
    return binary_rest(p, left, min_prec, pos);
}

static AstNode *conditional(Parser *p) {
    SrcPos pos = p_pos(p);
    AstNode *test = binary(p, 0);
    if (p->tok.type != TOK_QUESTION) return test;
    if (p->cover.line) p_fail_at(p, p->cover.line, p->cover.column, "%s", p->cover.message);
    AstNode *n = p_node(p, AST_CONDITIONAL, pos);
    p_next(p);
    n->u.cond.test = test;
    bool saved = p->no_in;
    p->no_in = false;
    n->u.cond.consequent = p_assignment(p, false);
    p->no_in = saved;
    p_expect(p, TOK_COLON);
    n->u.cond.alternate = p_assignment(p, false);
    return p_finish(p, n);
}

/* ---- unary / update ------------------------------------------------------ */

static bool is_private_member(const AstNode *n) {
    while (n->kind == AST_OPTIONAL_CHAIN)
        n = n->u.chain.expression;
    return n->kind == AST_MEMBER && n->u.member.property->kind == AST_PRIVATE_NAME &&
           !n->u.member.computed;
}

/* Only unary operators recurse here, so only they count toward the depth. */
static AstNode *unary(Parser *p) {
    SrcPos pos = p_pos(p);
    AstNode *result;
    int op = 0;
    switch (p->tok.type) {
    case TOK_MINUS: op = AST_OP_NEG; break;
    case TOK_PLUS: op = AST_OP_PLUS; break;
    case TOK_BANG: op = AST_OP_NOT; break;
    case TOK_TILDE: op = AST_OP_BIT_NOT; break;
    case TOK_INC:
    case TOK_DEC: {
        AstNode *n = p_node(p, AST_UPDATE, pos);
        n->u.update.op = p->tok.type == TOK_INC ? AST_OP_INC : AST_OP_DEC;
        n->u.update.prefix = true;
        p_next(p);
        p_enter(p);
        AstNode *arg = unary(p);
        p_leave(p);
        check_simple_target(p, arg, false, "Invalid left-hand side expression in prefix operation");
        n->u.update.argument = arg;
        result = p_finish(p, n);
        goto out;
    }
    case TOK_IDENT:
        if (p->tok.escaped) break;
        if (p->tok.kw == KW_DELETE)
            op = AST_OP_DELETE;
        else if (p->tok.kw == KW_VOID)
            op = AST_OP_VOID;
        else if (p->tok.kw == KW_TYPEOF)
            op = AST_OP_TYPEOF;
        else if (p->tok.kw == KW_AWAIT && p->fs->await_is_keyword) {
            if (p->fs->in_params)
                p_fail(p, "Illegal await-expression in formal parameters of async function");
            AstNode *n = p_node(p, AST_AWAIT, pos);
            p_next(p);
            p->fs->uses.await++;
            if (p->fs->is_program) p->fs->func->flags |= AST_FUNC_AWAIT_TOP_LEVEL;
            p_enter(p);
            n->u.unary.argument = unary(p);
            p_leave(p);
            result = p_finish(p, n);
            goto out;
        }
        break;
    default: break;
    }
    if (op) {
        AstNode *n = p_node(p, AST_UNARY, pos);
        p_next(p);
        n->u.unary.op = (uint8_t)op;
        p_enter(p);
        AstNode *arg = unary(p);
        p_leave(p);
        if (op == AST_OP_DELETE) {
            if (p->fs->strict && arg->kind == AST_IDENT)
                p_fail_at(p, arg->line, arg->column,
                          "Delete of an unqualified identifier in strict mode.");
            if (is_private_member(arg))
                p_fail_at(p, arg->line, arg->column, "Private fields can not be deleted");
        }
        n->u.unary.argument = arg;
        result = p_finish(p, n);
        goto out;
    }
    {
        AstNode *e = p_lhs_expression(p);
        if ((p->tok.type == TOK_INC || p->tok.type == TOK_DEC) && !p->tok.nl_before) {
            check_simple_target(p, e, false,
                                "Invalid left-hand side expression in postfix operation");
            AstNode *n = p_node(p, AST_UPDATE, pos);
            n->u.update.op = p->tok.type == TOK_INC ? AST_OP_INC : AST_OP_DEC;
            n->u.update.argument = e;
            p_next(p);
            e = p_finish(p, n);
        }
        result = e;
    }
out:
    return result;
}

/* ---- calls and members --------------------------------------------------- */

/* Arguments — #prod-Arguments. Sets *trailing_after_spread for covers. */
static void arguments(Parser *p, AstList *args, bool cover, bool *trailing_after_spread) {
    p_expect(p, TOK_LPAREN);
    bool saved = p->no_in;
    p->no_in = false;
    while (p->tok.type != TOK_RPAREN) {
        bool spread = false;
        if (p->tok.type == TOK_ELLIPSIS) {
            AstNode *s = p_node(p, AST_SPREAD, p_pos(p));
            p_next(p);
            s->u.spread.argument = p_assignment(p, cover);
            p_push(p, args, p_finish(p, s));
            spread = true;
        } else {
            p_push(p, args, p_assignment(p, cover));
        }
        if (p->tok.type != TOK_RPAREN) {
            p_expect(p, TOK_COMMA);
            if (p->tok.type == TOK_RPAREN && spread && trailing_after_spread)
                *trailing_after_spread = true;
        }
    }
    p->no_in = saved;
    p_next(p);
}

static void check_super_property(Parser *p, SrcPos pos) {
    FuncState *fs = this_scope(p);
    if (!fs->allow_super_prop)
        p_fail_at(p, pos.line, pos.column, "'super' keyword unexpected here");
    p->fs->uses.super_prop++;
    p->fs->uses.this_++;
}

static AstNode *member_name(Parser *p, AstNode *object, SrcPos pos, bool optional) {
    AstNode *n = p_node(p, AST_MEMBER, pos);
    n->u.member.object = object;
    n->u.member.optional = optional;
    if (p->tok.type == TOK_PRIVATE_NAME) {
        if (object->kind == AST_SUPER) p_fail(p, "Unexpected private field");
        AstNode *name = p_node(p, AST_PRIVATE_NAME, p_pos(p));
        name->u.ident.name = p->tok.str;
        p_next(p);
        private_reference(p, p_finish(p, name));
        n->u.member.property = name;
    } else if (p->tok.type == TOK_IDENT) {
        AstNode *name = p_node(p, AST_IDENT, p_pos(p));
        name->u.ident.name = p->tok.str;
        name->u.ident.has_escape = p->tok.escaped;
        p_next(p);
        n->u.member.property = p_finish(p, name);
    } else {
        p_unexpected(p);
    }
    return p_finish(p, n);
}

static AstNode *computed_member(Parser *p, AstNode *object, SrcPos pos, bool optional) {
    AstNode *n = p_node(p, AST_MEMBER, pos);
    p_expect(p, TOK_LBRACKET);
    bool saved = p->no_in;
    p->no_in = false;
    n->u.member.object = object;
    n->u.member.property = p_expression(p);
    n->u.member.computed = true;
    n->u.member.optional = optional;
    p->no_in = saved;
    p_expect(p, TOK_RBRACKET);
    return p_finish(p, n);
}

static AstNode *call(Parser *p, AstNode *callee, SrcPos pos, bool optional, bool cover) {
    AstNode *n = p_node(p, AST_CALL, pos);
    n->u.call.callee = callee;
    n->u.call.optional = optional;
    bool trailing = false;
    arguments(p, &n->u.call.arguments, cover, &trailing);
    if (trailing) n->flags |= AST_NODE_TRAILING_COMMA;
    if (!optional && callee->kind == AST_IDENT && ast_str_eq_ascii(callee->u.ident.name, "eval")) {
        n->flags |= AST_NODE_DIRECT_EVAL;
        p->fs->uses.eval++;
    }
    return p_finish(p, n);
}

static AstNode *call_tail(Parser *p, AstNode *e, SrcPos pos, bool allow_calls) {
    bool in_chain = false;
    for (;;) {
        switch (p->tok.type) {
        case TOK_DOT:
            p_next(p);
            e = member_name(p, e, pos, false);
            break;
        case TOK_QUESTION_DOT:
            if (!allow_calls) p_fail(p, "Invalid optional chain from new expression");
            if (e->kind == AST_SUPER) p_unexpected(p);
            in_chain = true;
            p_next(p);
            if (p->tok.type == TOK_LPAREN)
                e = call(p, e, pos, true, false);
            else if (p->tok.type == TOK_LBRACKET)
                e = computed_member(p, e, pos, true);
            else if (p->tok.type == TOK_TEMPLATE)
                p_fail(p, "Invalid tagged template on optional chain");
            else
                e = member_name(p, e, pos, true);
            break;
        case TOK_LBRACKET: e = computed_member(p, e, pos, false); break;
        case TOK_LPAREN:
            if (!allow_calls) goto done;
            {
                /* async( ... ) may be the head of an async arrow function. */
                bool async_head =
                    e->kind == AST_IDENT && !(e->flags & AST_NODE_PARENTHESIZED) &&
                    !e->u.ident.has_escape && ast_str_eq_ascii(e->u.ident.name, "async") &&
                    e->end == p->prev_end && !p->tok.nl_before && e->start == pos.start;
                ParenCover info = {0};
                info.uses = p->fs->uses;
                info.child_count = p->fs->child_count;
                e = call(p, e, pos, false, async_head);
                if (async_head) {
                    info.node = e;
                    info.start = pos.start;
                    info.line = pos.line;
                    info.column = pos.column;
                    p->paren = info;
                    if (p->tok.type == TOK_ARROW && !p->tok.nl_before) return e;
                    if (p->cover.line)
                        p_fail_at(p, p->cover.line, p->cover.column, "%s", p->cover.message);
                }
            }
            break;
        case TOK_TEMPLATE: {
            if (in_chain) p_fail(p, "Invalid tagged template on optional chain");
            AstNode *n = p_node(p, AST_TAGGED_TEMPLATE, pos);
            n->u.tagged.tag = e;
            n->u.tagged.quasi = template_literal(p, true);
            e = p_finish(p, n);
            break;
        }
        default: goto done;
        }
    }
done:
    if (in_chain) {
        AstNode *c = p_node(p, AST_OPTIONAL_CHAIN, pos);
        c->u.chain.expression = e;
        e = p_finish(p, c);
    }
    return e;
}

PARSER_NOINLINE static AstNode *super_expression(Parser *p, bool allow_call) {
    SrcPos pos = p_pos(p);
    AstNode *sup = p_node(p, AST_SUPER, pos);
    p_next(p);
    p_finish(p, sup);
    if (p->tok.type == TOK_LPAREN && allow_call) {
        FuncState *fs = this_scope(p);
        if (!fs->allow_super_call)
            p_fail_at(p, pos.line, pos.column, "'super' keyword unexpected here");
        p->fs->uses.super_call++;
        p->fs->uses.this_++;
        return call(p, sup, pos, false, false);
    }
    if (p->tok.type == TOK_DOT || p->tok.type == TOK_LBRACKET) {
        check_super_property(p, pos);
        if (p->tok.type == TOK_DOT) {
            p_next(p);
            return member_name(p, sup, pos, false);
        }
        return computed_member(p, sup, pos, false);
    }
    p_fail_at(p, pos.line, pos.column, "'super' keyword unexpected here");
}

PARSER_NOINLINE static AstNode *import_expression(Parser *p, bool in_new) {
    SrcPos pos = p_pos(p);
    p_next(p);
    if (p->tok.type == TOK_DOT) {
        p_next(p);
        if (!p_is_kw(p, KW_META)) p_unexpected(p);
        if (!p->module)
            p_fail_at(p, pos.line, pos.column, "Cannot use 'import.meta' outside a module");
        p_next(p);
        return p_finish(p, p_node(p, AST_IMPORT_META, pos));
    }
    if (in_new || p->tok.type != TOK_LPAREN) p_unexpected(p);
    AstNode *n = p_node(p, AST_IMPORT_CALL, pos);
    p_next(p);
    bool saved = p->no_in;
    p->no_in = false;
    n->u.import_call.source = p_assignment(p, false);
    if (p_eat(p, TOK_COMMA) && p->tok.type != TOK_RPAREN) {
        n->u.import_call.options = p_assignment(p, false);
        p_eat(p, TOK_COMMA);
    }
    p->no_in = saved;
    p_expect(p, TOK_RPAREN);
    return p_finish(p, n);
}

PARSER_NOINLINE static AstNode *new_expression(Parser *p) {
    p_enter(p);
    SrcPos pos = p_pos(p);
    p_next(p); /* new */
    AstNode *result;
    if (p->tok.type == TOK_DOT) {
        p_next(p);
        if (!p_is_kw(p, KW_TARGET)) p_unexpected(p);
        FuncState *fs = this_scope(p);
        if (fs->is_program ? !fs->allow_new_target : false)
            p_fail_at(p, pos.line, pos.column, "new.target expression is not allowed here");
        p->fs->uses.new_target++;
        p_next(p);
        result = p_finish(p, p_node(p, AST_NEW_TARGET, pos));
        p_leave(p);
        return result;
    }
    SrcPos callee_pos = p_pos(p);
    AstNode *callee;
    if (p_is_kw(p, KW_NEW))
        callee = new_expression(p);
    else if (p_is_kw(p, KW_SUPER))
        callee = super_expression(p, false);
    else if (p_is_kw(p, KW_IMPORT))
        callee = import_expression(p, true);
    else
        callee = primary(p);
    callee = call_tail(p, callee, callee_pos, false);
    AstNode *n = p_node(p, AST_NEW, pos);
    n->u.call.callee = callee;
    if (p->tok.type == TOK_LPAREN) arguments(p, &n->u.call.arguments, false, NULL);
    result = p_finish(p, n);
    p_leave(p);
    return result;
}

AstNode *p_lhs_expression(Parser *p) {
    SrcPos pos = p_pos(p);
    AstNode *e;
    if (p_is_kw(p, KW_NEW))
        e = new_expression(p);
    else if (p_is_kw(p, KW_SUPER))
        e = super_expression(p, true);
    else if (p_is_kw(p, KW_IMPORT))
        e = import_expression(p, false);
    else
        e = primary(p);
    return call_tail(p, e, pos, true);
}

/* ---- primary expressions ------------------------------------------------- */

PARSER_NOINLINE static AstNode *template_literal(Parser *p, bool tagged) {
    AstNode *n = p_node(p, AST_TEMPLATE, p_pos(p));
    uint32_t cap = 4, count = 0;
    AstTemplatePart *parts = p_alloc(p, cap * sizeof *parts);
    for (;;) {
        if (p->tok.type != TOK_TEMPLATE) p_unexpected(p);
        if (!tagged && !p->tok.cooked_valid)
            p_fail_at(p, p->tok.octal_line, p->tok.octal_column,
                      "Invalid escape sequence in template literal");
        if (count == cap) {
            AstTemplatePart *bigger = p_alloc(p, cap * 2 * sizeof *parts);
            memcpy(bigger, parts, count * sizeof *parts);
            parts = bigger;
            cap *= 2;
        }
        AstTemplatePart *part = &parts[count++];
        part->cooked = p->tok.str;
        part->cooked_valid = p->tok.cooked_valid;
        part->raw = p->tok.raw;
        if (p->tok.template_tail) {
            p_next(p);
            break;
        }
        p_next(p);
        bool saved = p->no_in;
        p->no_in = false;
        p_push(p, &n->u.tmpl.expressions, p_expression(p));
        p->no_in = saved;
        if (p->tok.type != TOK_RBRACE) p_unexpected(p);
        if (lexer_rescan_template(&p->lex, &p->tok) == TOK_ERROR) {
            if (p->lex.error_oom) p->err->kind = PARSE_ERROR_RANGE;
            p_fail_at(p, p->lex.error_line, p->lex.error_column, "%s", p->lex.error_message);
        }
    }
    n->u.tmpl.parts = parts;
    n->u.tmpl.part_count = count;
    return p_finish(p, n);
}

PARSER_NOINLINE static AstNode *array_literal(Parser *p) {
    AstNode *n = p_node(p, AST_ARRAY, p_pos(p));
    p_next(p);
    bool saved = p->no_in;
    p->no_in = false;
    while (p->tok.type != TOK_RBRACKET) {
        if (p->tok.type == TOK_COMMA) {
            AstNode *hole = p_node(p, AST_ELISION, p_pos(p));
            p_next(p);
            p_push(p, &n->u.list, p_finish(p, hole));
            continue;
        }
        bool spread = false;
        if (p->tok.type == TOK_ELLIPSIS) {
            AstNode *s = p_node(p, AST_SPREAD, p_pos(p));
            p_next(p);
            s->u.spread.argument = p_assignment(p, true);
            p_push(p, &n->u.list, p_finish(p, s));
            spread = true;
        } else {
            p_push(p, &n->u.list, p_assignment(p, true));
        }
        if (p->tok.type != TOK_RBRACKET) {
            p_expect(p, TOK_COMMA);
            if (spread) n->flags |= AST_NODE_TRAILING_COMMA;
        } else {
            n->flags &= (uint16_t)~AST_NODE_TRAILING_COMMA;
        }
        if (!spread) n->flags &= (uint16_t)~AST_NODE_TRAILING_COMMA;
    }
    p->no_in = saved;
    p_next(p);
    return p_finish(p, n);
}

static void set_cover_error(Parser *p, uint32_t line, uint32_t column, const char *message) {
    if (!p->cover.line) {
        p->cover.line = line;
        p->cover.column = column;
        p->cover.message = message;
    }
}

static AstStr key_name(Parser *p, const AstNode *key, bool computed) {
    AstStr empty = {NULL, 0};
    if (computed) return empty;
    if (key->kind == AST_IDENT) return key->u.ident.name;
    if (key->kind == AST_STRING) return key->u.string.value;
    if (key->kind == AST_PRIVATE_NAME) {
        uint16_t *s = p_alloc(p, (key->u.ident.name.len + 1) * sizeof(uint16_t));
        s[0] = '#';
        if (key->u.ident.name.len)
            memcpy(s + 1, key->u.ident.name.s, key->u.ident.name.len * sizeof(uint16_t));
        AstStr r = {s, key->u.ident.name.len + 1};
        return r;
    }
    return empty;
}

enum MethodKind {
    METHOD_NORMAL = 0,
    METHOD_GETTER,
    METHOD_SETTER,
};

static AstNode *method_function(Parser *p, SrcPos pos, uint32_t flags, AstStr name,
                                bool derived_ctor);

PARSER_NOINLINE static AstNode *property_definition(Parser *p, int *proto_count) {
    SrcPos pos = p_pos(p);
    AstNode *prop = p_node(p, AST_PROPERTY, pos);
    prop->u.property.kind = AST_PROP_INIT;
    uint32_t flags = 0;
    Token next;
    int next_type = p_peek(p, &next);
    bool key_follows = next_type != TOK_COMMA && next_type != TOK_COLON &&
                       next_type != TOK_LPAREN && next_type != TOK_RBRACE &&
                       next_type != TOK_ASSIGN;
    if (p->tok.type == TOK_IDENT && !p->tok.escaped && key_follows) {
        if (p->tok.kw == KW_GET || p->tok.kw == KW_SET) {
            flags = p->tok.kw == KW_GET ? AST_FUNC_GETTER : AST_FUNC_SETTER;
            prop->u.property.kind = p->tok.kw == KW_GET ? AST_PROP_GET : AST_PROP_SET;
            p_next(p);
        } else if (p->tok.kw == KW_ASYNC && !next.nl_before) {
            flags = AST_FUNC_ASYNC;
            p_next(p);
            if (p->tok.type == TOK_STAR) {
                flags |= AST_FUNC_GENERATOR;
                p_next(p);
            }
        }
    }
    if (!flags && p->tok.type == TOK_STAR) {
        flags = AST_FUNC_GENERATOR;
        p_next(p);
    }
    if (!flags && p->tok.type == TOK_IDENT &&
        (next_type == TOK_COMMA || next_type == TOK_RBRACE || next_type == TOK_ASSIGN)) {
        /* Shorthand `{a}` / CoverInitializedName `{a = 1}`. */
        Token name_tok = p->tok;
        if (name_tok.escaped && name_tok.kw && !p_tok_is_identifier(p, &name_tok))
            p_fail(p, "Keyword must not contain escaped characters");
        AstNode *value = p_identifier_reference(p);
        AstNode *key = p_node(p, AST_IDENT, pos);
        *key = *value;
        prop->u.property.key = key;
        prop->u.property.shorthand = true;
        if (p->tok.type == TOK_ASSIGN) {
            set_cover_error(p, p->tok.line, p->tok.column,
                            "Invalid shorthand property initializer");
            p_next(p);
            AstNode *d = p_node(p, AST_ASSIGN_PATTERN, pos);
            d->u.assign_pattern.target = value;
            d->u.assign_pattern.value = p_assignment(p, false);
            value = p_finish(p, d);
            prop->flags |= AST_NODE_COVER_INIT;
        }
        prop->u.property.value = value;
        return p_finish(p, prop);
    }
    bool computed;
    AstNode *key = property_key(p, &computed, false);
    prop->u.property.key = key;
    prop->u.property.computed = computed;
    if (flags || p->tok.type == TOK_LPAREN) {
        prop->u.property.method = !(flags & (AST_FUNC_GETTER | AST_FUNC_SETTER));
        prop->u.property.value =
            method_function(p, pos, flags | AST_FUNC_METHOD, key_name(p, key, computed), false);
        return p_finish(p, prop);
    }
    p_expect(p, TOK_COLON);
    if (key_is(key, computed, "__proto__")) {
        prop->u.property.kind = AST_PROP_PROTO;
        if (++*proto_count == 2)
            set_cover_error(p, key->line, key->column,
                            "Duplicate __proto__ fields are not allowed in object literals");
    }
    prop->u.property.value = p_assignment(p, true);
    return p_finish(p, prop);
}

PARSER_NOINLINE static AstNode *object_literal(Parser *p) {
    AstNode *n = p_node(p, AST_OBJECT, p_pos(p));
    p_next(p);
    bool saved = p->no_in;
    p->no_in = false;
    int proto_count = 0;
    while (p->tok.type != TOK_RBRACE) {
        bool spread = false;
        if (p->tok.type == TOK_ELLIPSIS) {
            AstNode *s = p_node(p, AST_SPREAD, p_pos(p));
            p_next(p);
            s->u.spread.argument = p_assignment(p, true);
            p_push(p, &n->u.list, p_finish(p, s));
            spread = true;
        } else {
            p_push(p, &n->u.list, property_definition(p, &proto_count));
        }
        n->flags &= (uint16_t)~AST_NODE_TRAILING_COMMA;
        if (p->tok.type != TOK_RBRACE) {
            p_expect(p, TOK_COMMA);
            if (spread) n->flags |= AST_NODE_TRAILING_COMMA;
        }
    }
    p->no_in = saved;
    p_next(p);
    return p_finish(p, n);
}

PARSER_NOINLINE static AstNode *paren_expression(Parser *p) {
    SrcPos pos = p_pos(p);
    ParenCover info = {0};
    info.uses = p->fs->uses;
    info.child_count = p->fs->child_count;
    info.start = pos.start;
    info.line = pos.line;
    info.column = pos.column;
    p_next(p);
    bool saved = p->no_in;
    p->no_in = false;
    AstNode *expr;
    bool must_be_arrow = false;
    if (p->tok.type == TOK_RPAREN) {
        expr = p_node(p, AST_SEQUENCE, pos);
        must_be_arrow = true;
    } else {
        AstNode *seq = NULL;
        AstNode *first = NULL;
        for (;;) {
            AstNode *item;
            if (p->tok.type == TOK_ELLIPSIS) {
                item = p_node(p, AST_REST, p_pos(p));
                p_next(p);
                item->u.spread.argument = p_binding_target(p);
                p_finish(p, item);
                must_be_arrow = true;
                if (p->tok.type != TOK_RPAREN)
                    p_fail(p, "Rest parameter must be last formal parameter");
            } else {
                item = p_assignment(p, true);
            }
            if (!first) {
                first = item;
            } else {
                if (!seq) {
                    seq = p_node(p, AST_SEQUENCE, pos);
                    p_push(p, &seq->u.list, first);
                }
                p_push(p, &seq->u.list, item);
            }
            if (p->tok.type != TOK_COMMA) break;
            p_next(p);
            if (p->tok.type == TOK_RPAREN) {
                must_be_arrow = true; /* (a,) is only valid as arrow parameters */
                if (!seq) {
                    seq = p_node(p, AST_SEQUENCE, pos);
                    p_push(p, &seq->u.list, first);
                }
                break;
            }
        }
        expr = seq ? seq : first;
        if (seq && first->kind != AST_REST) p_finish(p, seq);
    }
    p->no_in = saved;
    p_expect(p, TOK_RPAREN);
    if (expr->kind == AST_SEQUENCE && expr->end == expr->start) p_finish(p, expr);
    if (p->tok.type == TOK_ARROW && !p->tok.nl_before) {
        info.node = expr;
        p->paren = info;
        return expr; /* arrow parameters: not marked parenthesized */
    }
    if (must_be_arrow) p_unexpected(p);
    if (p->cover.line) p_fail_at(p, p->cover.line, p->cover.column, "%s", p->cover.message);
    expr->flags |= AST_NODE_PARENTHESIZED;
    return expr;
}

static AstNode *primary(Parser *p) {
    SrcPos pos = p_pos(p);
    switch (p->tok.type) {
    case TOK_IDENT:
        if (!p->tok.escaped) {
            switch (p->tok.kw) {
            case KW_THIS: {
                AstNode *n = p_node(p, AST_THIS, pos);
                p_use_this(p);
                p_next(p);
                return p_finish(p, n);
            }
            case KW_NULL: {
                AstNode *n = p_node(p, AST_NULL, pos);
                p_next(p);
                return p_finish(p, n);
            }
            case KW_TRUE:
            case KW_FALSE: {
                AstNode *n = p_node(p, AST_BOOL, pos);
                n->u.boolean.value = p->tok.kw == KW_TRUE;
                p_next(p);
                return p_finish(p, n);
            }
            case KW_FUNCTION: p_next(p); return p_function(p, pos, false, false, false);
            case KW_CLASS: return p_class(p, false, false);
            case KW_ASYNC: {
                if (p_async_function_ahead(p)) {
                    p_next(p);
                    p_next(p);
                    return p_function(p, pos, true, false, false);
                }
                break;
            }
            default: break;
            }
        }
        return p_identifier_reference(p);
    case TOK_NUMBER: return number_literal(p);
    case TOK_STRING: return string_literal(p);
    case TOK_BIGINT: return bigint_literal(p);
    case TOK_TEMPLATE: return template_literal(p, false);
    case TOK_SLASH:
    case TOK_SLASH_ASSIGN: {
        if (lexer_rescan_regexp(&p->lex, &p->tok) == TOK_ERROR)
            p_fail_at(p, p->lex.error_line, p->lex.error_column, "%s", p->lex.error_message);
        /* Pattern early errors are SyntaxErrors of the script (#sec-regexp-literals-static-semantics-early-errors). */
        char regexp_error[400];
        if (!regexp_literal_validate(p->tok.str.s, p->tok.str.len, p->tok.raw.s, p->tok.raw.len,
                                     regexp_error, sizeof(regexp_error)))
            p_fail(p, "%s", regexp_error);
        AstNode *n = p_node(p, AST_REGEXP, pos);
        n->u.regexp.pattern = p->tok.str;
        n->u.regexp.flags = p->tok.raw;
        p_next(p);
        return p_finish(p, n);
    }
    case TOK_LBRACKET: return array_literal(p);
    case TOK_LBRACE: return object_literal(p);
    case TOK_LPAREN: return paren_expression(p);
    default: p_unexpected(p);
    }
}

/* ---- functions ----------------------------------------------------------- */

static void set_function_context(Parser *p, FuncState *fs, bool gen, bool async) {
    fs->is_generator = gen;
    fs->is_async = async;
    fs->yield_is_keyword = gen;
    fs->yield_reserved = gen;
    fs->await_is_keyword = async;
    fs->await_reserved = async || p->module;
    fs->allow_new_target = true;
    fs->allow_return = true;
}

static void collect_param_names(Parser *p, AstFunction *f, AstNode *n, bool *has_expr) {
    switch (n->kind) {
    case AST_IDENT:
        if (!ast_decl_push(p->arena, &f->params_decls, n->u.ident.name, AST_DECL_PARAM, n))
            p_oom(p);
        nt_add(p, &p->fs->params, n->u.ident.name, AST_DECL_PARAM);
        break;
    case AST_ARRAY_PATTERN:
    case AST_OBJECT_PATTERN:
        for (uint32_t i = 0; i < n->u.list.count; i++)
            collect_param_names(p, f, n->u.list.items[i], has_expr);
        break;
    case AST_PROPERTY:
        if (n->u.property.computed) *has_expr = true;
        collect_param_names(p, f, n->u.property.value, has_expr);
        break;
    case AST_ASSIGN_PATTERN:
        *has_expr = true;
        collect_param_names(p, f, n->u.assign_pattern.target, has_expr);
        break;
    case AST_REST: collect_param_names(p, f, n->u.spread.argument, has_expr); break;
    default: break;
    }
}

/* Records parameter facts once f->params is complete. */
static void finish_params(Parser *p, AstFunction *f) {
    bool simple = true, has_expr = false, counting = true;
    uint32_t length = 0;
    for (uint32_t i = 0; i < f->params.count; i++) {
        AstNode *n = f->params.items[i];
        if (n->kind != AST_IDENT) simple = false;
        if (n->kind == AST_ASSIGN_PATTERN || n->kind == AST_REST) counting = false;
        if (counting) length++;
        collect_param_names(p, f, n, &has_expr);
    }
    p->fs->simple_params = simple;
    f->length = length;
    if (has_expr) f->flags |= AST_FUNC_PARAM_EXPRESSIONS;
}

void p_formal_parameters(Parser *p, AstFunction *f, int end_token) {
    FuncState *fs = p->fs;
    fs->in_params = true;
    bool saved = p->no_in;
    p->no_in = false;
    while (p->tok.type != end_token) {
        if (p->tok.type == TOK_ELLIPSIS) {
            AstNode *rest = p_node(p, AST_REST, p_pos(p));
            p_next(p);
            rest->u.spread.argument = p_binding_target(p);
            p_push(p, &f->params, p_finish(p, rest));
            if (p->tok.type != end_token) p_fail(p, "Rest parameter must be last formal parameter");
            break;
        }
        p_push(p, &f->params, p_binding_element(p));
        if (p->tok.type != end_token) p_expect(p, TOK_COMMA);
    }
    p->no_in = saved;
    fs->in_params = false;
    finish_params(p, f);
}

/* Checks a function name once strictness is known (`function eval() {"use
 * strict"}` is an error). */
static void check_function_name_strict(Parser *p, FuncState *fs, AstNode *id) {
    if (!id || !fs->strict) return;
    AstStr name = id->u.ident.name;
    if (ast_str_eq_ascii(name, "eval") || ast_str_eq_ascii(name, "arguments"))
        p_fail_at(p, id->line, id->column, "Unexpected eval or arguments in strict mode");
    static const char *const reserved[] = {"implements", "interface", "let",
                                           "package",    "private",   "protected",
                                           "public",     "static",    "yield"};
    for (size_t i = 0; i < sizeof reserved / sizeof reserved[0]; i++)
        if (ast_str_eq_ascii(name, reserved[i]))
            p_fail_at(p, id->line, id->column, "Unexpected strict mode reserved word");
}

/* `{ FunctionBody }` of a function whose FuncState is current. */
static void function_block_body(Parser *p, AstFunction *f) {
    FuncState *fs = p->fs;
    p_expect(p, TOK_LBRACE);
    bool saved = p->no_in;
    p->no_in = false;
    PScope *saved_scope = p->scope;
    PScope *top = p_push_scope(p, PS_FUNCTION, &f->body_scope);
    fs->top_scope = top;
    p_function_body(p, f, TOK_RBRACE);
    p->scope = saved_scope;
    p->no_in = saved;
    p_next(p); /* } */
}

AstNode *p_function(Parser *p, SrcPos pos, bool is_async, bool is_decl, bool default_export) {
    p_enter(p);
    bool gen = p_eat(p, TOK_STAR);
    AstNode *n = p_node(p, is_decl ? AST_FUNCTION_DECL : AST_FUNCTION_EXPR, pos);
    AstFunction *f = p_alloc(p, sizeof(AstFunction));
    n->u.func = f;
    f->line = pos.line;
    f->column = pos.column;
    f->source_start = pos.start;
    AstNode *id = NULL;
    if (p->tok.type == TOK_IDENT) {
        if (is_decl) {
            id = p_binding_identifier(p);
        } else {
            /* The expression's own name: yield/await follow its own kind. */
            int kw = p->tok.kw;
            if ((kw == KW_YIELD && (gen || p->fs->strict)) ||
                (kw == KW_AWAIT && (is_async || p->module)))
                p_fail(p, "Unexpected reserved word");
            bool saved_yr = p->fs->yield_reserved, saved_yk = p->fs->yield_is_keyword;
            bool saved_ar = p->fs->await_reserved, saved_ak = p->fs->await_is_keyword;
            p->fs->yield_reserved = p->fs->yield_is_keyword = false;
            p->fs->await_reserved = p->fs->await_is_keyword = false;
            id = p_binding_identifier(p);
            p->fs->yield_reserved = saved_yr;
            p->fs->yield_is_keyword = saved_yk;
            p->fs->await_reserved = saved_ar;
            p->fs->await_is_keyword = saved_ak;
        }
        f->id = id;
        f->name = id->u.ident.name;
    } else if (is_decl && !default_export) {
        p_unexpected(p);
    }
    FuncState fs;
    p_push_function(p, &fs, f);
    set_function_context(p, &fs, gen, is_async);
    f->flags |= (gen ? AST_FUNC_GENERATOR : 0) | (is_async ? AST_FUNC_ASYNC : 0) |
                (is_decl ? AST_FUNC_DECLARATION : 0);
    p_expect(p, TOK_LPAREN);
    p_formal_parameters(p, f, TOK_RPAREN);
    p_expect(p, TOK_RPAREN);
    function_block_body(p, f);
    p_validate_params(p, &fs);
    check_function_name_strict(p, &fs, id);
    p_finish_function(p, &fs);
    p_pop_function(p);
    if (id && !is_decl) {
        f->flags |= AST_FUNC_EXPRESSION_NAME;
        f->name_scope = p_alloc(p, sizeof(AstScope));
        if (!ast_decl_push(p->arena, &f->name_scope->decls, id->u.ident.name, AST_DECL_FUNC_NAME,
                           id))
            p_oom(p);
    }
    p_finish(p, n);
    f->source_end = n->end;
    p_leave(p);
    return n;
}

static AstNode *method_function(Parser *p, SrcPos pos, uint32_t flags, AstStr name,
                                bool derived_ctor) {
    p_enter(p);
    AstNode *n = p_node(p, AST_FUNCTION_EXPR, pos);
    AstFunction *f = p_alloc(p, sizeof(AstFunction));
    n->u.func = f;
    f->line = pos.line;
    f->column = pos.column;
    f->source_start = pos.start;
    f->name = name;
    f->flags = flags | AST_FUNC_METHOD;
    f->home_class = p->cls ? p->cls->klass : NULL;
    FuncState fs;
    p_push_function(p, &fs, f);
    set_function_context(p, &fs, flags & AST_FUNC_GENERATOR, flags & AST_FUNC_ASYNC);
    fs.allow_super_prop = true;
    fs.allow_super_call = derived_ctor;
    SrcPos params_pos = p_pos(p);
    p_expect(p, TOK_LPAREN);
    p_formal_parameters(p, f, TOK_RPAREN);
    if ((flags & AST_FUNC_GETTER) && f->params.count != 0)
        p_fail_at(p, params_pos.line, params_pos.column,
                  "Getter must not have any formal parameters.");
    if ((flags & AST_FUNC_SETTER) && (f->params.count != 1 || f->params.items[0]->kind == AST_REST))
        p_fail_at(p, params_pos.line, params_pos.column,
                  "Setter must have exactly one formal parameter.");
    p_expect(p, TOK_RPAREN);
    function_block_body(p, f);
    p_validate_params(p, &fs);
    p_finish_function(p, &fs);
    p_pop_function(p);
    p_finish(p, n);
    f->source_end = n->end;
    p_leave(p);
    return n;
}

static void param_list_from_cover(Parser *p, AstNode *cover, AstList *out) {
    if (cover->kind == AST_SEQUENCE) {
        for (uint32_t i = 0; i < cover->u.list.count; i++)
            p_push(p, out, cover->u.list.items[i]);
    } else if (cover->kind == AST_CALL) {
        if (cover->flags & AST_NODE_TRAILING_COMMA)
            p_fail_at(p, cover->line, cover->column,
                      "Rest parameter must be last formal parameter");
        for (uint32_t i = 0; i < cover->u.call.arguments.count; i++)
            p_push(p, out, cover->u.call.arguments.items[i]);
    } else {
        p_push(p, out, cover);
    }
}

PARSER_NOINLINE static AstNode *arrow_function(Parser *p, SrcPos pos, AstNode *params,
                                               bool is_async, const ParenCover *cover) {
    p_enter(p);
    FuncState *parent = p->fs;
    UseCounts d;
    d.this_ = parent->uses.this_ - cover->uses.this_;
    d.arguments = parent->uses.arguments - cover->uses.arguments;
    d.eval = parent->uses.eval - cover->uses.eval;
    d.super_prop = parent->uses.super_prop - cover->uses.super_prop;
    d.super_call = parent->uses.super_call - cover->uses.super_call;
    d.new_target = parent->uses.new_target - cover->uses.new_target;
    d.yield = parent->uses.yield - cover->uses.yield;
    d.await = parent->uses.await - cover->uses.await;
    d.await_ident = parent->uses.await_ident - cover->uses.await_ident;
    if (d.yield)
        p_fail_at(p, pos.line, pos.column, "Yield expression not allowed in formal parameter");
    if (d.await || (is_async && d.await_ident))
        p_fail_at(p, pos.line, pos.column,
                  "Illegal await-expression in formal parameters of async function");

    AstNode *n = p_node(p, AST_ARROW, pos);
    AstFunction *f = p_alloc(p, sizeof(AstFunction));
    n->u.func = f;
    f->line = pos.line;
    f->column = pos.column;
    f->source_start = pos.start;
    f->flags = AST_FUNC_ARROW | (is_async ? AST_FUNC_ASYNC : 0);
    AstList items = {0};
    param_list_from_cover(p, params, &items);
    for (uint32_t i = 0; i < items.count; i++) {
        AstNode *e = items.items[i];
        if (e->kind == AST_SPREAD || e->kind == AST_REST) {
            if (i + 1 != items.count)
                p_fail_at(p, e->line, e->column, "Rest parameter must be last formal parameter");
            if (e->flags & AST_NODE_PARENTHESIZED)
                p_fail_at(p, e->line, e->column, "Invalid destructuring assignment target");
            e->kind = AST_REST;
            e->u.spread.argument = to_binding(p, e->u.spread.argument, false);
        } else {
            items.items[i] = to_binding(p, e, true);
        }
        p_push(p, &f->params, items.items[i]);
    }

    FuncState fs;
    /* Functions created while parsing the parameters belong to the arrow. */
    uint32_t first_child = cover->child_count;
    uint32_t moved = parent->child_count > first_child ? parent->child_count - first_child : 0;
    AstFunction **moved_children = moved ? parent->children + first_child : NULL;
    parent->child_count = first_child;
    p_push_function(p, &fs, f);
    for (uint32_t i = 0; i < moved; i++) {
        AstFunction *c = moved_children[i];
        c->parent = f;
        if (fs.child_count == fs.child_capacity) {
            uint32_t cap = fs.child_capacity ? fs.child_capacity * 2 : 8;
            AstFunction **arr = p_alloc(p, cap * sizeof *arr);
            if (fs.child_count) memcpy(arr, fs.children, fs.child_count * sizeof *arr);
            fs.children = arr;
            fs.child_capacity = cap;
        }
        fs.children[fs.child_count++] = c;
    }
    fs.is_arrow = true;
    fs.is_async = is_async;
    fs.await_is_keyword = is_async;
    /* ConciseBody is [~Await]: `await` is an identifier in a plain arrow's
     * body even inside async functions and static blocks (not in modules). */
    fs.await_reserved = is_async || p->module;
    fs.yield_reserved = false;
    fs.allow_return = true;
    fs.uses.this_ = d.this_;
    fs.uses.arguments = d.arguments;
    fs.uses.eval = d.eval;
    fs.uses.super_prop = d.super_prop;
    fs.uses.super_call = d.super_call;
    fs.uses.new_target = d.new_target;
    finish_params(p, f);
    if (p->tok.nl_before) p_unexpected(p);
    p_expect(p, TOK_ARROW);
    if (p->tok.type == TOK_LBRACE) {
        function_block_body(p, f);
    } else {
        PScope *saved_scope = p->scope;
        fs.top_scope = p_push_scope(p, PS_FUNCTION, &f->body_scope);
        f->flags |= AST_FUNC_EXPR_BODY;
        SrcPos body_pos = p_pos(p);
        AstNode *ret = p_node(p, AST_RETURN, body_pos);
        ret->u.ret.argument = p_assignment(p, false);
        p_push(p, &f->body, p_finish(p, ret));
        p->scope = saved_scope;
    }
    p_validate_params(p, &fs);
    p_finish_function(p, &fs);
    p_pop_function(p);
    p_finish(p, n);
    f->source_end = n->end;
    p_leave(p);
    return n;
}

/* ---- classes ------------------------------------------------------------- */

static void declare_private(Parser *p, AstClass *c, AstNode *key, int kind, bool is_static) {
    AstStr name = key->u.ident.name;
    char text[64];
    name_text(name, text, sizeof text);
    if (ast_str_eq_ascii(name, "constructor"))
        p_fail_at(p, key->line, key->column,
                  "Classes may not have a private field named '#constructor'");
    NameEntry *e = nt_find(&p->cls->declared, name);
    int bits = kind | (is_static ? PRIV_STATIC : 0);
    if (e) {
        bool accessor_pair = ((e->kind & ~PRIV_STATIC) == PRIV_GETTER && kind == PRIV_SETTER) ||
                             ((e->kind & ~PRIV_STATIC) == PRIV_SETTER && kind == PRIV_GETTER);
        if (!accessor_pair || (e->kind & PRIV_STATIC) != (is_static ? PRIV_STATIC : 0))
            p_fail_at(p, key->line, key->column, "Identifier '#%s' has already been declared",
                      text);
        e->kind |= (uint8_t)bits;
        return;
    }
    nt_add(p, &p->cls->declared, name, (uint8_t)bits);
    if (!ast_decl_push(p->arena, &c->private_names, name, 0, key)) p_oom(p);
}

/* A synthesized function for a field initializer or a static block. */
static AstFunction *synthetic_function(Parser *p, FuncState *fs, SrcPos pos, uint32_t flags) {
    AstFunction *f = p_alloc(p, sizeof(AstFunction));
    f->line = pos.line;
    f->column = pos.column;
    f->source_start = pos.start;
    f->flags = flags | AST_FUNC_METHOD;
    f->home_class = p->cls->klass;
    FuncState *parent = p->fs;
    p_push_function(p, fs, f);
    fs->allow_super_prop = true;
    fs->allow_new_target = true;
    fs->no_arguments = true;
    fs->await_reserved = parent->await_reserved || parent->await_is_keyword || p->module;
    fs->yield_reserved = parent->yield_reserved || parent->yield_is_keyword;
    fs->allow_return = false;
    fs->top_scope = p_push_scope(p, PS_FUNCTION, &f->body_scope);
    return f;
}

static AstNode *class_element(Parser *p, AstClass *c, bool derived) {
    SrcPos pos = p_pos(p);
    bool is_static = false;
    Token next;
    if (p_is_kw(p, KW_STATIC)) {
        int t = p_peek(p, &next);
        if (t != TOK_LPAREN && t != TOK_ASSIGN && t != TOK_SEMI && t != TOK_RBRACE &&
            t != TOK_EOF) {
            is_static = true;
            p_next(p);
        }
    }
    AstNode *m = p_node(p, AST_CLASS_MEMBER, pos);
    m->u.member_def.is_static = is_static;
    if (is_static && p->tok.type == TOK_LBRACE) {
        /* ClassStaticBlock — #sec-class-definitions */
        m->u.member_def.kind = AST_MEMBER_STATIC_BLOCK;
        SrcPos bpos = p_pos(p);
        p_next(p);
        FuncState fs;
        PScope *saved_scope = p->scope;
        AstFunction *f = synthetic_function(p, &fs, bpos, AST_FUNC_STATIC_BLOCK);
        fs.in_class_static_block = true;
        fs.await_reserved = true;
        fs.strict = true;
        bool saved_no_in = p->no_in;
        p->no_in = false;
        while (p->tok.type != TOK_RBRACE) {
            if (p->tok.type == TOK_EOF) p_unexpected(p);
            p_push(p, &f->body, p_statement_list_item(p));
        }
        p->no_in = saved_no_in;
        p_next(p);
        p->scope = saved_scope;
        p_finish_function(p, &fs);
        p_pop_function(p);
        AstNode *fn = p_node(p, AST_FUNCTION_EXPR, bpos);
        fn->u.func = f;
        p_finish(p, fn);
        f->source_end = fn->end;
        m->u.member_def.value = fn;
        return p_finish(p, m);
    }
    SrcPos mpos = p_pos(p);
    uint32_t flags = 0;
    int kind = AST_MEMBER_METHOD;
    int t = p_peek(p, &next);
    bool name_only = t == TOK_LPAREN || t == TOK_ASSIGN || t == TOK_SEMI || t == TOK_RBRACE ||
                     t == TOK_EOF || (t == TOK_STAR && next.nl_before);
    if (p->tok.type == TOK_IDENT && !p->tok.escaped && !name_only) {
        if (p->tok.kw == KW_GET || p->tok.kw == KW_SET) {
            flags = p->tok.kw == KW_GET ? AST_FUNC_GETTER : AST_FUNC_SETTER;
            kind = p->tok.kw == KW_GET ? AST_MEMBER_GETTER : AST_MEMBER_SETTER;
            p_next(p);
        } else if (p->tok.kw == KW_ASYNC && !next.nl_before) {
            flags = AST_FUNC_ASYNC;
            p_next(p);
            if (p->tok.type == TOK_STAR) {
                flags |= AST_FUNC_GENERATOR;
                p_next(p);
            }
        }
    }
    if (!flags && p->tok.type == TOK_STAR) {
        flags = AST_FUNC_GENERATOR;
        p_next(p);
    }
    bool computed;
    AstNode *key = property_key(p, &computed, true);
    m->u.member_def.key = key;
    m->u.member_def.computed = computed;
    bool is_private = key->kind == AST_PRIVATE_NAME;
    if (p->tok.type == TOK_LPAREN) {
        if (!is_static && !is_private && key_is(key, computed, "constructor")) {
            if (flags & AST_FUNC_GETTER || flags & AST_FUNC_SETTER)
                p_fail_at(p, key->line, key->column, "Class constructor may not be an accessor");
            if (flags & AST_FUNC_GENERATOR)
                p_fail_at(p, key->line, key->column, "Class constructor may not be a generator");
            if (flags & AST_FUNC_ASYNC)
                p_fail_at(p, key->line, key->column,
                          "Class constructor may not be an async method");
            if (c->constructor)
                p_fail_at(p, key->line, key->column, "A class may only have one constructor");
            AstStr cname = c->id ? c->id->u.ident.name : (AstStr){NULL, 0};
            c->constructor = method_function(
                p, mpos, AST_FUNC_CLASS_CONSTRUCTOR | (derived ? AST_FUNC_DERIVED : 0), cname,
                derived);
            return NULL;
        }
        if (is_static && key_is(key, computed, "prototype"))
            p_fail_at(p, key->line, key->column,
                      "Classes may not have a static property named 'prototype'");
        if (is_private)
            declare_private(p, c, key,
                            kind == AST_MEMBER_GETTER   ? PRIV_GETTER
                            : kind == AST_MEMBER_SETTER ? PRIV_SETTER
                                                        : PRIV_METHOD,
                            is_static);
        m->u.member_def.kind = (uint8_t)kind;
        m->u.member_def.value = method_function(p, mpos, flags, key_name(p, key, computed), false);
        return p_finish(p, m);
    }
    /* FieldDefinition */
    if (flags) p_unexpected(p);
    if (key_is(key, computed, "constructor"))
        p_fail_at(p, key->line, key->column, "Classes may not have a field named 'constructor'");
    if (is_static && key_is(key, computed, "prototype"))
        p_fail_at(p, key->line, key->column,
                  "Classes may not have a static property named 'prototype'");
    if (is_private) declare_private(p, c, key, PRIV_FIELD, is_static);
    m->u.member_def.kind = AST_MEMBER_FIELD;
    if (p->tok.type == TOK_ASSIGN) {
        p_next(p);
        SrcPos ipos = p_pos(p);
        FuncState fs;
        PScope *saved_scope = p->scope;
        AstFunction *f = synthetic_function(p, &fs, ipos, AST_FUNC_FIELD_INIT);
        fs.strict = true;
        f->name = key_name(p, key, computed);
        bool saved_no_in = p->no_in;
        p->no_in = false;
        AstNode *ret = p_node(p, AST_RETURN, ipos);
        ret->u.ret.argument = p_assignment(p, false);
        p_push(p, &f->body, p_finish(p, ret));
        p->no_in = saved_no_in;
        p->scope = saved_scope;
        p_finish_function(p, &fs);
        p_pop_function(p);
        AstNode *fn = p_node(p, AST_FUNCTION_EXPR, ipos);
        fn->u.func = f;
        p_finish(p, fn);
        f->source_end = fn->end;
        m->u.member_def.value = fn;
    }
    p_semicolon(p);
    return p_finish(p, m);
}

AstNode *p_class(Parser *p, bool is_decl, bool default_export) {
    p_enter(p);
    SrcPos pos = p_pos(p);
    p_next(p); /* class */
    bool saved_strict = p->fs->strict;
    p->fs->strict = true; /* #sec-strict-mode-code: all parts of a class */
    AstNode *n = p_node(p, is_decl ? AST_CLASS_DECL : AST_CLASS_EXPR, pos);
    AstClass *c = p_alloc(p, sizeof(AstClass));
    n->u.klass = c;
    c->line = pos.line;
    c->column = pos.column;
    c->source_start = pos.start;
    if (p->tok.type == TOK_IDENT && !p_is_kw(p, KW_EXTENDS)) {
        c->id = p_binding_identifier(p);
        if (!ast_decl_push(p->arena, &c->scope.decls, c->id->u.ident.name, AST_DECL_CLASS_INNER, n))
            p_oom(p);
    } else if (is_decl && !default_export) {
        p_unexpected(p);
    }
    ClassState cs;
    memset(&cs, 0, sizeof cs);
    cs.outer = p->cls;
    cs.klass = c;
    if (p_is_kw(p, KW_EXTENDS)) {
        p_next(p);
        c->superclass = p_lhs_expression(p);
    }
    p->cls = &cs;
    p_expect(p, TOK_LBRACE);
    bool saved_no_in = p->no_in;
    p->no_in = false;
    while (p->tok.type != TOK_RBRACE) {
        if (p->tok.type == TOK_SEMI) {
            p_next(p);
            continue;
        }
        if (p->tok.type == TOK_EOF) p_unexpected(p);
        AstNode *m = class_element(p, c, c->superclass != NULL);
        if (m) p_push(p, &c->members, m);
    }
    p->no_in = saved_no_in;
    p_next(p);
    p->cls = cs.outer;
    /* Unresolved private names go to the enclosing class (or the root). */
    for (uint32_t i = 0; i < cs.refs.count; i++) {
        AstNode *r = cs.refs.items[i];
        if (!nt_find(&cs.declared, r->u.ident.name)) p_push(p, &p->cls->refs, r);
    }
    p->fs->strict = saved_strict;
    p_finish(p, n);
    c->source_end = n->end;
    p_leave(p);
    return n;
}
