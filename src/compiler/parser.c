/* parser.c — ECMAScript parser: infrastructure, scopes and early errors for
 * declarations, statements, modules and the entry points. Expressions,
 * patterns, functions and classes are in parser_expr.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/parser_internal.h"
#include "util/utf.h"

/* ---- errors -------------------------------------------------------------- */

_Noreturn void p_fail_at(Parser *p, uint32_t line, uint32_t column, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
    va_end(ap);
    if (p->err->kind == PARSE_ERROR_NONE) p->err->kind = PARSE_ERROR_SYNTAX;
    p->err->line = (int)line;
    p->err->column = (int)column;
    longjmp(p->jmp, 1);
}

_Noreturn void p_fail(Parser *p, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
    va_end(ap);
    p->err->kind = PARSE_ERROR_SYNTAX;
    p->err->line = (int)p->tok.line;
    p->err->column = (int)p->tok.column;
    longjmp(p->jmp, 1);
}

_Noreturn void p_oom(Parser *p) {
    p->err->kind = PARSE_ERROR_RANGE;
    p_fail_at(p, p->tok.line, p->tok.column, "Out of memory while parsing");
}

/* Short printable form of the current token's text for messages. */
static void token_text(const Parser *p, char *buf, size_t size) {
    uint32_t len = p->tok.end - p->tok.start;
    if (len > 40) len = 40;
    size_t n = 0;
    for (uint32_t i = 0; i < len && n + 1 < size; i++) {
        uint8_t c = p->lex.src[p->tok.start + i];
        if (c == '\n' || c == '\r') break;
        buf[n++] = (char)c;
    }
    buf[n] = 0;
}

static bool is_strict_reserved_kw(int kw) {
    return kw == KW_IMPLEMENTS || kw == KW_INTERFACE || kw == KW_LET || kw == KW_PACKAGE ||
           kw == KW_PRIVATE || kw == KW_PROTECTED || kw == KW_PUBLIC || kw == KW_STATIC ||
           kw == KW_YIELD;
}

static bool is_reserved_kw(int kw) {
    return kw >= KW_AWAIT && kw <= KW_WITH;
}

_Noreturn void p_unexpected(Parser *p) {
    char text[64];
    switch (p->tok.type) {
    case TOK_EOF: p_fail(p, "Unexpected end of input");
    case TOK_NUMBER:
    case TOK_BIGINT: p_fail(p, "Unexpected number");
    case TOK_STRING: p_fail(p, "Unexpected string");
    case TOK_TEMPLATE: p_fail(p, "Unexpected template string");
    case TOK_REGEXP: p_fail(p, "Unexpected regular expression");
    case TOK_PRIVATE_NAME:
        token_text(p, text, sizeof text);
        p_fail(p, "Unexpected private name %s", text);
    case TOK_IDENT:
        token_text(p, text, sizeof text);
        if (p->tok.kw && is_reserved_kw(p->tok.kw) && p->tok.kw != KW_AWAIT &&
            p->tok.kw != KW_YIELD)
            p_fail(p, "Unexpected token '%s'", text);
        if (p->tok.kw == KW_AWAIT || (p->tok.kw == KW_YIELD && p->fs && p->fs->strict))
            p_fail(p, "Unexpected reserved word '%s'", text);
        if (p->fs && p->fs->strict && is_strict_reserved_kw(p->tok.kw))
            p_fail(p, "Unexpected strict mode reserved word");
        p_fail(p, "Unexpected identifier '%s'", text);
    default: token_text(p, text, sizeof text); p_fail(p, "Unexpected token '%s'", text);
    }
}

void p_enter(Parser *p) {
    char here;
    ptrdiff_t used = p->stack_base - &here;
    if (used < 0) used = -used;
    if (++p->depth > PARSE_MAX_DEPTH || used > PARSE_STACK_BUDGET) {
        p->err->kind = PARSE_ERROR_RANGE;
        p_fail_at(p, p->tok.line, p->tok.column, "Maximum nesting depth exceeded");
    }
}

/* ---- tokens -------------------------------------------------------------- */

static _Noreturn void lexer_failed(Parser *p) {
    if (p->lex.error_oom) p->err->kind = PARSE_ERROR_RANGE;
    p_fail_at(p, p->lex.error_line, p->lex.error_column, "%s", p->lex.error_message);
}

void p_next(Parser *p) {
    p->prev_end = p->tok.end;
    if (lexer_next(&p->lex, &p->tok) == TOK_ERROR) lexer_failed(p);
}

PARSER_NOINLINE int p_peek(Parser *p, Token *out) {
    Lexer saved = p->lex;
    int type = lexer_next(&p->lex, out);
    p->lex = saved;
    return type;
}

PARSER_NOINLINE bool next_is(Parser *p, int type) {
    Token next;
    return p_peek(p, &next) == type;
}

bool p_eat(Parser *p, int type) {
    if (p->tok.type == type) {
        p_next(p);
        return true;
    }
    return false;
}

void p_expect(Parser *p, int type) {
    if (p->tok.type != type) p_unexpected(p);
    p_next(p);
}

bool p_is_kw(const Parser *p, int kw) {
    return p->tok.type == TOK_IDENT && p->tok.kw == kw && !p->tok.escaped;
}

/* Automatic semicolon insertion — #sec-rules-of-automatic-semicolon-insertion */
void p_semicolon(Parser *p) {
    if (p->tok.type == TOK_SEMI) {
        p_next(p);
        return;
    }
    if (p->tok.type == TOK_RBRACE || p->tok.type == TOK_EOF || p->tok.nl_before) return;
    p_unexpected(p);
}

SrcPos p_pos(const Parser *p) {
    SrcPos pos = {p->tok.start, p->tok.line, p->tok.column};
    return pos;
}

void *p_alloc(Parser *p, size_t size) {
    void *m = ast_arena_alloc(p->arena, size);
    if (!m) p_oom(p);
    return m;
}

AstNode *p_node(Parser *p, AstKind kind, SrcPos pos) {
    AstNode *n = ast_node_new(p->arena, kind);
    if (!n) p_oom(p);
    n->start = pos.start;
    n->line = pos.line;
    n->column = pos.column;
    n->end = pos.start;
    return n;
}

AstNode *p_finish(Parser *p, AstNode *node) {
    node->end = p->prev_end > node->start ? p->prev_end : node->start;
    return node;
}

void p_push(Parser *p, AstList *list, AstNode *node) {
    if (!ast_list_push(p->arena, list, node)) p_oom(p);
}

AstStr p_str(const Parser *p, const char *ascii) {
    AstStr s = ast_str_from_ascii(p->arena, ascii);
    if (!s.s && ascii[0]) p_oom((Parser *)p);
    return s;
}

/* ---- name tables --------------------------------------------------------- */

static uint32_t hash_str(AstStr s) {
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < s.len; i++)
        h = (h ^ s.s[i]) * 16777619u;
    return h;
}

NameEntry *nt_find(const NameTable *t, AstStr name) {
    if (!t->count) return NULL;
    uint32_t h = hash_str(name);
    uint32_t mask = t->capacity - 1;
    for (uint32_t i = h & mask;; i = (i + 1) & mask) {
        NameEntry *e = &t->entries[i];
        if (!e->used) return NULL;
        if (e->hash == h && ast_str_eq(e->name, name)) return e;
    }
}

NameEntry *nt_add(Parser *p, NameTable *t, AstStr name, uint8_t kind) {
    if ((t->count + 1) * 2 > t->capacity) {
        uint32_t cap = t->capacity ? t->capacity * 2 : 8;
        NameEntry *entries = p_alloc(p, cap * sizeof(NameEntry));
        for (uint32_t i = 0; i < t->capacity; i++) {
            NameEntry *e = &t->entries[i];
            if (!e->used) continue;
            uint32_t j = e->hash & (cap - 1);
            while (entries[j].used)
                j = (j + 1) & (cap - 1);
            entries[j] = *e;
        }
        t->entries = entries;
        t->capacity = cap;
    }
    uint32_t h = hash_str(name);
    uint32_t mask = t->capacity - 1;
    uint32_t i = h & mask;
    while (t->entries[i].used) {
        if (t->entries[i].hash == h && ast_str_eq(t->entries[i].name, name)) return &t->entries[i];
        i = (i + 1) & mask;
    }
    NameEntry *e = &t->entries[i];
    e->used = true;
    e->name = name;
    e->hash = h;
    e->kind = kind;
    t->count++;
    return e;
}

/* ---- identifiers --------------------------------------------------------- */

static void name_to_ascii(AstStr name, char *buf, size_t size) {
    size_t n = 0;
    for (uint32_t i = 0; i < name.len && n + 1 < size; i++)
        buf[n++] = name.s[i] < 0x80 ? (char)name.s[i] : '?';
    buf[n] = 0;
}

/* Can token t be an IdentifierReference / BindingIdentifier here (before
 * the strict-mode eval/arguments rule)? Reserved words cannot. */
bool p_tok_is_identifier(const Parser *p, const Token *t) {
    if (t->type != TOK_IDENT) return false;
    int kw = t->kw;
    if (!kw) return true;
    const FuncState *fs = p->fs;
    if (kw == KW_YIELD) return !(fs->strict || fs->yield_reserved || fs->yield_is_keyword);
    if (kw == KW_AWAIT) return !(p->module || fs->await_reserved || fs->await_is_keyword);
    if (is_reserved_kw(kw)) return false;
    if (is_strict_reserved_kw(kw) && fs->strict) return false;
    return true;
}

/* Early errors for a BindingIdentifier — #sec-identifiers-static-semantics-early-errors */
void p_check_binding_name(Parser *p, AstStr name, bool escaped, int kw, uint32_t line,
                          uint32_t column, bool strict) {
    (void)escaped;
    char text[64];
    name_to_ascii(name, text, sizeof text);
    if (kw == 0) kw = lexer_keyword(name.s, name.len);
    if (kw == KW_YIELD) {
        if (strict || p->fs->yield_reserved || p->fs->yield_is_keyword)
            p_fail_at(p, line, column, "Unexpected identifier 'yield'");
        return;
    }
    if (kw == KW_AWAIT) {
        if (p->module || p->fs->await_reserved || p->fs->await_is_keyword)
            p_fail_at(p, line, column, "Unexpected reserved word 'await'");
        return;
    }
    if (kw && is_reserved_kw(kw))
        p_fail_at(p, line, column,
                  escaped ? "Keyword must not contain escaped characters" : "Unexpected token '%s'",
                  text);
    if (strict) {
        if (kw && is_strict_reserved_kw(kw))
            p_fail_at(p, line, column, "Unexpected strict mode reserved word '%s'", text);
        if (kw == KW_EVAL || kw == KW_ARGUMENTS)
            p_fail_at(p, line, column, "Unexpected eval or arguments in strict mode");
    }
}

AstNode *p_binding_identifier(Parser *p) {
    if (p->tok.type != TOK_IDENT) p_unexpected(p);
    p_check_binding_name(p, p->tok.str, p->tok.escaped, p->tok.kw, p->tok.line, p->tok.column,
                         p->fs->strict);
    if (p->tok.kw == KW_AWAIT) p->fs->uses.await_ident++;
    AstNode *n = p_node(p, AST_IDENT, p_pos(p));
    n->u.ident.name = p->tok.str;
    n->u.ident.has_escape = p->tok.escaped;
    p_next(p);
    return p_finish(p, n);
}

AstNode *p_identifier_reference(Parser *p) {
    if (!p_tok_is_identifier(p, &p->tok)) {
        if (p->tok.type == TOK_IDENT && p->tok.escaped && p->tok.kw &&
            (is_reserved_kw(p->tok.kw) || is_strict_reserved_kw(p->tok.kw)))
            p_fail(p, "Keyword must not contain escaped characters");
        p_unexpected(p);
    }
    if (p->tok.kw == KW_ARGUMENTS) {
        if (p->fs->no_arguments || (p->fs->is_program && p->opts->eval_in_class_field_init))
            p_fail(p, "'arguments' is not allowed in class field initializer or static "
                      "initialization block");
        /* Arrows see the enclosing function's arguments. */
        for (FuncState *fs = p->fs; fs; fs = fs->parent) {
            if (fs->no_arguments)
                p_fail(p, "'arguments' is not allowed in class field initializer or static "
                          "initialization block");
            if (!fs->is_arrow) break;
        }
        p->fs->uses.arguments++;
    }
    if (p->tok.kw == KW_AWAIT) p->fs->uses.await_ident++;
    AstNode *n = p_node(p, AST_IDENT, p_pos(p));
    n->u.ident.name = p->tok.str;
    n->u.ident.has_escape = p->tok.escaped;
    p_next(p);
    return p_finish(p, n);
}

/* ---- scopes -------------------------------------------------------------- */

PScope *p_push_scope(Parser *p, PScopeKind kind, AstScope *ast) {
    PScope *s = p_alloc(p, sizeof(PScope));
    s->kind = (uint8_t)kind;
    s->parent = p->scope;
    s->ast = ast;
    p->scope = s;
    return s;
}

void p_pop_scope(Parser *p) {
    p->scope = p->scope->parent;
}

static _Noreturn void redeclared(Parser *p, AstNode *ident) {
    char text[64];
    name_to_ascii(ident->u.ident.name, text, sizeof text);
    p_fail_at(p, ident->line, ident->column, "Identifier '%s' has already been declared", text);
}

void p_declare_var(Parser *p, AstNode *ident) {
    AstStr name = ident->u.ident.name;
    for (PScope *s = p->scope; s; s = s->parent) {
        NameEntry *e = nt_find(&s->lex, name);
        if (e) {
            /* B.3.4: `var e` may redeclare a simple catch parameter. */
            if (!(s->kind == PS_CATCH && e->simple)) redeclared(p, ident);
        }
        nt_add(p, &s->vars, name, AST_DECL_VAR);
        if (s->kind == PS_FUNCTION) break;
    }
    FuncState *fs = p->fs;
    if (!nt_find(&fs->var_names, name)) {
        nt_add(p, &fs->var_names, name, AST_DECL_VAR);
        if (!ast_decl_push(p->arena, &fs->func->var_decls, name, AST_DECL_VAR, ident)) p_oom(p);
    }
}

void p_declare_lexical(Parser *p, AstNode *ident, AstDeclKind kind, AstNode *decl_node) {
    PScope *s = p->scope;
    AstStr name = ident->u.ident.name;
    uint8_t entry_kind = (uint8_t)kind;
    if (kind == AST_DECL_FUNCTION && decl_node &&
        (decl_node->u.func->flags & (AST_FUNC_GENERATOR | AST_FUNC_ASYNC)))
        entry_kind = LEX_FUNCTION_NOT_PLAIN;
    if ((kind == AST_DECL_LET || kind == AST_DECL_CONST || kind == AST_DECL_CLASS) &&
        ast_str_eq_ascii(name, "let"))
        p_fail_at(p, ident->line, ident->column, "let is disallowed as a lexically bound name");
    NameEntry *e = nt_find(&s->lex, name);
    if (e) {
        /* B.3.2.4: sloppy duplicate plain function declarations in blocks. */
        bool ok = !p->fs->strict && s->kind == PS_BLOCK && entry_kind == AST_DECL_FUNCTION &&
                  e->kind == AST_DECL_FUNCTION;
        if (!ok) redeclared(p, ident);
    }
    if (nt_find(&s->vars, name)) redeclared(p, ident);
    if (s->kind == PS_FUNCTION && nt_find(&p->fs->params, name) && !p->fs->is_program)
        redeclared(p, ident);
    if (s->is_catch_body && s->parent && nt_find(&s->parent->lex, name)) redeclared(p, ident);
    if (!e) nt_add(p, &s->lex, name, entry_kind);
    if (s->ast) {
        if (!ast_decl_push(p->arena, &s->ast->decls, name, kind, decl_node ? decl_node : ident))
            p_oom(p);
    }
}

/* Declares every BoundName of a binding pattern. var_kind: AST_VAR,
 * AST_LET, AST_CONST, or 0 for parameters / catch parameters (recorded in
 * `seen` only). `seen` (may be NULL) detects duplicates within the pattern. */
void p_declare_pattern(Parser *p, AstNode *n, int var_kind, NameTable *seen) {
    switch (n->kind) {
    case AST_IDENT:
        if (seen) {
            NameEntry *e = nt_find(seen, n->u.ident.name);
            if (e && var_kind != 0) redeclared(p, n);
            if (!e)
                nt_add(p, seen, n->u.ident.name, 0)->node = n;
            else if (var_kind == 0)
                e->kind = 1; /* duplicate marker for parameters */
        }
        if (var_kind == AST_VAR)
            p_declare_var(p, n);
        else if (var_kind == AST_LET)
            p_declare_lexical(p, n, AST_DECL_LET, n);
        else if (var_kind == AST_CONST)
            p_declare_lexical(p, n, AST_DECL_CONST, n);
        break;
    case AST_ARRAY_PATTERN:
    case AST_OBJECT_PATTERN:
        for (uint32_t i = 0; i < n->u.list.count; i++)
            p_declare_pattern(p, n->u.list.items[i], var_kind, seen);
        break;
    case AST_PROPERTY: p_declare_pattern(p, n->u.property.value, var_kind, seen); break;
    case AST_ASSIGN_PATTERN:
        p_declare_pattern(p, n->u.assign_pattern.target, var_kind, seen);
        break;
    case AST_REST: p_declare_pattern(p, n->u.spread.argument, var_kind, seen); break;
    default: break;
    }
}

void p_declare_function(Parser *p, AstNode *decl) {
    AstFunction *f = decl->u.func;
    AstNode *id = f->id;
    PScope *s = p->scope;
    if (s->kind == PS_FUNCTION && !s->module_top) {
        /* Top-level function declarations are var-scoped
         * (#sec-static-semantics-toplevelvardeclarednames). */
        if (nt_find(&s->lex, id->u.ident.name)) redeclared(p, id);
        nt_add(p, &s->vars, id->u.ident.name, AST_DECL_VAR);
        p_push(p, &p->fs->func->var_functions, decl);
        return;
    }
    p_declare_lexical(p, id, AST_DECL_FUNCTION, decl);
    if (s->ast) p_push(p, &s->ast->functions, decl);
    if (!p->fs->strict && !s->module_top && !(f->flags & (AST_FUNC_GENERATOR | AST_FUNC_ASYNC))) {
        AnnexBCandidate *c = p_alloc(p, sizeof *c);
        c->decl = decl;
        c->scope = s;
        c->next = p->fs->annexb;
        p->fs->annexb = c;
    }
}

/* B.3.2.1 / B.3.2.2 / B.3.2.3: keep the block functions that could also be
 * var-declared without an early error. */
static void resolve_annexb(Parser *p, FuncState *fs) {
    /* Collected newest first; emit in source order. */
    AnnexBCandidate *rev = NULL;
    for (AnnexBCandidate *c = fs->annexb; c;) {
        AnnexBCandidate *next = c->next;
        c->next = rev;
        rev = c;
        c = next;
    }
    for (AnnexBCandidate *c = rev; c; c = c->next) {
        AstStr name = c->decl->u.func->id->u.ident.name;
        bool ok = true;
        for (PScope *s = c->scope->parent; s; s = s->parent) {
            NameEntry *e = nt_find(&s->lex, name);
            if (e && !(s->kind == PS_CATCH && e->simple)) {
                ok = false;
                break;
            }
            if (s->kind == PS_FUNCTION) break;
        }
        if (ok && !fs->is_program && nt_find(&fs->params, name)) ok = false;
        if (ok) p_push(p, &fs->func->annexb_functions, c->decl);
    }
}

/* ---- functions ----------------------------------------------------------- */

FuncState *p_push_function(Parser *p, FuncState *fs, AstFunction *f) {
    memset(fs, 0, sizeof *fs);
    fs->parent = p->fs;
    fs->func = f;
    fs->strict = p->fs ? p->fs->strict : false;
    fs->allow_return = true;
    fs->simple_params = true;
    if (p->fs) {
        f->parent = p->fs->func;
        FuncState *parent = p->fs;
        if (parent->child_count == parent->child_capacity) {
            uint32_t cap = parent->child_capacity ? parent->child_capacity * 2 : 8;
            AstFunction **c = p_alloc(p, cap * sizeof *c);
            if (parent->child_count) memcpy(c, parent->children, parent->child_count * sizeof *c);
            parent->children = c;
            parent->child_capacity = cap;
        }
        parent->children[parent->child_count++] = f;
    }
    p->fs = fs;
    return fs;
}

void p_pop_function(Parser *p) {
    p->fs = p->fs->parent;
}

/* Checks parameter names once the function's strictness is final
 * (#sec-function-definitions-static-semantics-early-errors). */
void p_validate_params(Parser *p, FuncState *fs) {
    AstFunction *f = fs->func;
    bool strict = fs->strict;
    bool dup_forbidden =
        strict || !fs->simple_params || fs->is_arrow || (f->flags & AST_FUNC_METHOD);
    FuncState *saved = p->fs;
    p->fs = fs;
    for (uint32_t i = 0; i < f->params_decls.count; i++) {
        AstDecl *d = &f->params_decls.items[i];
        AstNode *id = d->node;
        p_check_binding_name(p, id->u.ident.name, id->u.ident.has_escape, 0, id->line, id->column,
                             strict);
        if (dup_forbidden) {
            for (uint32_t j = 0; j < i; j++)
                if (ast_str_eq(f->params_decls.items[j].name, d->name))
                    p_fail_at(p, id->line, id->column,
                              "Duplicate parameter name not allowed in this context");
        }
    }
    p->fs = saved;
}

void p_finish_function(Parser *p, FuncState *fs) {
    AstFunction *f = fs->func;
    if (fs->strict) f->flags |= AST_FUNC_STRICT;
    if (fs->simple_params) f->flags |= AST_FUNC_SIMPLE_PARAMS;
    if (fs->uses.this_) f->flags |= AST_FUNC_USES_THIS;
    if (fs->uses.arguments) f->flags |= AST_FUNC_USES_ARGUMENTS;
    if (fs->uses.eval)
        f->flags |= AST_FUNC_HAS_DIRECT_EVAL | AST_FUNC_USES_ARGUMENTS | AST_FUNC_USES_THIS;
    if (fs->uses.super_prop) f->flags |= AST_FUNC_USES_SUPER_PROPERTY;
    if (fs->uses.super_call) f->flags |= AST_FUNC_USES_SUPER_CALL | AST_FUNC_USES_THIS;
    if (fs->uses.new_target) f->flags |= AST_FUNC_USES_NEW_TARGET;
    if (fs->uses.eval) {
        for (FuncState *a = fs->parent; a; a = a->parent)
            a->func->flags |= AST_FUNC_INNER_HAS_EVAL;
    }
    if (fs->is_arrow && fs->parent) {
        /* Arrows take this/arguments/super/new.target (and a direct eval's
         * view of them) from the enclosing function. */
        UseCounts *u = &fs->parent->uses;
        u->this_ += fs->uses.this_;
        u->arguments += fs->uses.arguments;
        u->eval += fs->uses.eval;
        u->super_prop += fs->uses.super_prop;
        u->super_call += fs->uses.super_call;
        u->new_target += fs->uses.new_target;
    }
    if (!fs->strict) resolve_annexb(p, fs);
    for (uint32_t i = 0; i < f->params_decls.count; i++)
        for (uint32_t j = 0; j < i; j++)
            if (ast_str_eq(f->params_decls.items[j].name, f->params_decls.items[i].name))
                f->flags |= AST_FUNC_DUPLICATE_PARAMS;
}

/* ---- statements ---------------------------------------------------------- */

enum StmtContext {
    STMT_LIST_ITEM,  /* declarations allowed */
    STMT_SUB,        /* plain Statement */
    STMT_IF_BODY,    /* Statement, or (sloppy, B.3.3) FunctionDeclaration */
    STMT_LABEL_BODY, /* Statement, or (sloppy, B.3.1) FunctionDeclaration */
};

static AstNode *statement(Parser *p, int ctx);

/* A loop at `start` makes the labels directly in front of it loop labels. */
static void mark_loop_labels(Parser *p, uint32_t start) {
    for (Label *l = p->fs->labels; l && l->body_start == start; l = l->next) {
        l->is_loop = true;
        start = l->label_start;
    }
}

static AstNode *block_statement(Parser *p, bool catch_body) {
    AstNode *n = p_node(p, AST_BLOCK, p_pos(p));
    p_expect(p, TOK_LBRACE);
    PScope *s = p_push_scope(p, PS_BLOCK, &n->u.block.scope);
    s->is_catch_body = catch_body;
    while (p->tok.type != TOK_RBRACE) {
        if (p->tok.type == TOK_EOF) p_unexpected(p);
        p_push(p, &n->u.block.body, p_statement_list_item(p));
    }
    p_next(p);
    p_pop_scope(p);
    return p_finish(p, n);
}

AstNode *p_var_declarations(Parser *p, AstVarKind kind, bool in_for, SrcPos pos) {
    AstNode *n = p_node(p, AST_VAR_DECL, pos);
    n->u.var_decl.kind = (uint8_t)kind;
    for (;;) {
        AstNode *d = p_node(p, AST_VAR_DECLARATOR, p_pos(p));
        AstNode *target = p_binding_target(p);
        if (kind == AST_LET || kind == AST_CONST) {
            if (target->kind == AST_IDENT && ast_str_eq_ascii(target->u.ident.name, "let"))
                p_fail_at(p, target->line, target->column,
                          "let is disallowed as a lexically bound name");
        }
        d->u.declarator.target = target;
        if (p_eat(p, TOK_ASSIGN)) {
            d->u.declarator.init = p_assignment(p, false);
        } else if (!in_for) {
            if (kind == AST_CONST) p_fail(p, "Missing initializer in const declaration");
            if (target->kind != AST_IDENT)
                p_fail(p, "Missing initializer in destructuring declaration");
        }
        p_push(p, &n->u.var_decl.declarators, p_finish(p, d));
        if (!p_eat(p, TOK_COMMA)) break;
    }
    return n;
}

/* Declares the names of a var/let/const declaration list. */
static void declare_var_decl(Parser *p, AstNode *decl) {
    NameTable seen = {0};
    for (uint32_t i = 0; i < decl->u.var_decl.declarators.count; i++) {
        AstNode *d = decl->u.var_decl.declarators.items[i];
        p_declare_pattern(p, d->u.declarator.target, decl->u.var_decl.kind,
                          decl->u.var_decl.kind == AST_VAR ? NULL : &seen);
    }
}

/* `let` starts a LexicalDeclaration here (statement-list position)? */
PARSER_NOINLINE static bool let_starts_declaration(Parser *p) {
    if (!p_is_kw(p, KW_LET)) return false;
    Token next;
    int t = p_peek(p, &next);
    if (t == TOK_LBRACKET || t == TOK_LBRACE) return true;
    if (t == TOK_IDENT) {
        /* `let` followed by an identifier (not `in`/`instanceof`, which make
         * it an expression; other reserved words are errors either way). */
        if (next.kw == KW_IN || next.kw == KW_INSTANCEOF) return false;
        if (!p->fs->strict && next.nl_before && next.kw != KW_NONE && is_reserved_kw(next.kw) &&
            next.kw != KW_YIELD && next.kw != KW_AWAIT && next.kw != KW_LET)
            return false; /* `let \n if (...)` etc: `let` is an expression */
        return true;
    }
    return false;
}

PARSER_NOINLINE bool p_async_function_ahead(Parser *p) {
    if (!p_is_kw(p, KW_ASYNC)) return false;
    Token next;
    return p_peek(p, &next) == TOK_IDENT && next.kw == KW_FUNCTION && !next.escaped &&
           !next.nl_before;
}

/* In a for head, `let` starts a declaration unless it is the identifier
 * (sloppy `for (let in o)`, `for (let.x;;)`); `for (let of ...)` is left to
 * the for-of check. */
PARSER_NOINLINE static bool let_starts_for_declaration(Parser *p) {
    if (!p_is_kw(p, KW_LET)) return false;
    Token t;
    int tt = p_peek(p, &t);
    if (tt == TOK_LBRACKET || tt == TOK_LBRACE) return true;
    return tt == TOK_IDENT && t.kw != KW_IN && t.kw != KW_INSTANCEOF &&
           !(t.kw == KW_OF && !t.escaped);
}

static AstNode *lexical_declaration(Parser *p, AstVarKind kind) {
    SrcPos pos = p_pos(p);
    p_next(p);
    AstNode *n = p_var_declarations(p, kind, false, pos);
    declare_var_decl(p, n);
    p_semicolon(p);
    return p_finish(p, n);
}

static AstNode *function_declaration(Parser *p, int ctx) {
    SrcPos pos = p_pos(p);
    bool is_async = false;
    if (p_is_kw(p, KW_ASYNC)) {
        is_async = true;
        p_next(p);
    }
    p_next(p); /* function */
    AstNode *n = p_function(p, pos, is_async, true, false);
    AstFunction *f = n->u.func;
    if (ctx == STMT_IF_BODY || ctx == STMT_LABEL_BODY) {
        if (p->fs->strict)
            p_fail_at(p, pos.line, pos.column,
                      "In strict mode code, functions can only be declared at top level or "
                      "inside a block");
        if (f->flags & (AST_FUNC_GENERATOR | AST_FUNC_ASYNC))
            p_fail_at(p, pos.line, pos.column,
                      "Generators and async functions can only be declared at top level or "
                      "inside a block");
    }
    return n;
}

static AstNode *if_statement(Parser *p, SrcPos pos);

/* B.3.3: a FunctionDeclaration as an if-clause acts as if wrapped in a block. */
static AstNode *if_clause(Parser *p) {
    if (p_is_kw(p, KW_FUNCTION)) {
        AstNode *block = p_node(p, AST_BLOCK, p_pos(p));
        p_push_scope(p, PS_BLOCK, &block->u.block.scope);
        AstNode *fn = function_declaration(p, STMT_IF_BODY);
        p_declare_function(p, fn);
        p_push(p, &block->u.block.body, fn);
        p_pop_scope(p);
        return p_finish(p, block);
    }
    return statement(p, STMT_SUB);
}

static AstNode *if_statement(Parser *p, SrcPos pos) {
    AstNode *n = p_node(p, AST_IF, pos);
    p_next(p);
    p_expect(p, TOK_LPAREN);
    n->u.if_stmt.test = p_expression(p);
    p_expect(p, TOK_RPAREN);
    n->u.if_stmt.consequent = if_clause(p);
    if (p_is_kw(p, KW_ELSE)) {
        p_next(p);
        n->u.if_stmt.alternate = if_clause(p);
    }
    return p_finish(p, n);
}

static AstNode *loop_body(Parser *p) {
    p->fs->loop_depth++;
    p->fs->breakable_depth++;
    AstNode *body = statement(p, STMT_SUB);
    p->fs->loop_depth--;
    p->fs->breakable_depth--;
    return body;
}

/* for / for-in / for-of / for-await — #sec-iteration-statements */
static AstNode *for_statement(Parser *p, SrcPos pos) {
    mark_loop_labels(p, pos.start);
    p_next(p);
    bool is_await = false;
    if (p_is_kw(p, KW_AWAIT)) {
        if (!p->fs->await_is_keyword || p->fs->in_params) p_unexpected(p);
        is_await = true;
        if (p->fs->is_program && p->fs->is_module) p->fs->func->flags |= AST_FUNC_AWAIT_TOP_LEVEL;
        p_next(p);
    }
    p_expect(p, TOK_LPAREN);
    AstNode *n = p_node(p, AST_FOR, pos);
    PScope *scope = p_push_scope(p, PS_BLOCK, &n->u.for_stmt.scope);
    AstNode *init = NULL;
    SrcPos init_pos = p_pos(p);
    bool starts_with_let = p_is_kw(p, KW_LET);
    bool starts_with_async = p_is_kw(p, KW_ASYNC);

    if (p->tok.type == TOK_SEMI) {
        /* no init */
    } else if (p_is_kw(p, KW_VAR)) {
        p_next(p);
        bool saved = p->no_in;
        p->no_in = true;
        init = p_var_declarations(p, AST_VAR, true, init_pos);
        p->no_in = saved;
        p_finish(p, init);
    } else if (p_is_kw(p, KW_CONST) || let_starts_for_declaration(p)) {
        AstVarKind kind = p_is_kw(p, KW_CONST) ? AST_CONST : AST_LET;
        p_next(p);
        bool saved = p->no_in;
        p->no_in = true;
        init = p_var_declarations(p, kind, true, init_pos);
        p->no_in = saved;
        p_finish(p, init);
    } else {
        bool saved = p->no_in;
        p->no_in = true;
        CoverError saved_cover = p->cover;
        p->cover.line = 0;
        /* The head may be a destructuring target: parse as a cover. */
        init = p_assignment(p, true);
        bool in_of = p_is_kw(p, KW_IN) || (p_is_kw(p, KW_OF));
        if (!in_of && p->cover.line)
            p_fail_at(p, p->cover.line, p->cover.column, "%s", p->cover.message);
        if (p->tok.type == TOK_COMMA) {
            AstNode *seq = p_node(p, AST_SEQUENCE, init_pos);
            p_push(p, &seq->u.list, init);
            while (p_eat(p, TOK_COMMA))
                p_push(p, &seq->u.list, p_assignment(p, false));
            init = p_finish(p, seq);
        }
        p->no_in = saved;
        p->cover = saved_cover;
    }

    bool is_of = p_is_kw(p, KW_OF);
    bool is_in = p_is_kw(p, KW_IN);
    if (init && (is_of || is_in)) {
        AstNode *left = init;
        if (init->kind == AST_VAR_DECL) {
            if (init->u.var_decl.declarators.count != 1)
                p_fail_at(p, init->line, init->column,
                          "Invalid left-hand side in for-%s loop: Must have a single binding.",
                          is_of ? "of" : "in");
            AstNode *d = init->u.var_decl.declarators.items[0];
            if (d->u.declarator.init) {
                /* B.3.5: for (var x = e in o) in sloppy code only. */
                if (is_of || p->fs->strict || init->u.var_decl.kind != AST_VAR ||
                    d->u.declarator.target->kind != AST_IDENT)
                    p_fail_at(p, d->line, d->column,
                              "for-%s loop variable declaration may not have an initializer.",
                              is_of ? "of" : "in");
            }
            declare_var_decl(p, init);
        } else {
            if (is_of && starts_with_let)
                p_fail_at(p, init_pos.line, init_pos.column,
                          "The left-hand side of a for-of loop may not be 'let'.");
            if (is_of && !is_await && starts_with_async && init->kind == AST_IDENT &&
                !(init->flags & AST_NODE_PARENTHESIZED) && !init->u.ident.has_escape &&
                ast_str_eq_ascii(init->u.ident.name, "async"))
                p_fail_at(p, init_pos.line, init_pos.column,
                          "The left-hand side of a for-of loop may not be 'async'.");
            left = p_to_assignment_target(p, init, false);
        }
        if (is_await && !is_of) p_unexpected(p);
        p_next(p);
        n->kind = is_of ? AST_FOR_OF : AST_FOR_IN;
        AstScope for_scope = n->u.for_stmt.scope;
        memset(&n->u, 0, sizeof n->u);
        n->u.for_in.scope = for_scope;
        n->u.for_in.left = left;
        n->u.for_in.is_await = is_await;
        scope->ast = &n->u.for_in.scope;
        n->u.for_in.right = is_of ? p_assignment(p, false) : p_expression(p);
        p_expect(p, TOK_RPAREN);
        n->u.for_in.body = loop_body(p);
        p_pop_scope(p);
        return p_finish(p, n);
    }
    if (is_await) p_unexpected(p);
    if (init && init->kind == AST_VAR_DECL) {
        /* Plain for: initializers are required for const and patterns. */
        for (uint32_t i = 0; i < init->u.var_decl.declarators.count; i++) {
            AstNode *d = init->u.var_decl.declarators.items[i];
            if (!d->u.declarator.init &&
                (init->u.var_decl.kind == AST_CONST || d->u.declarator.target->kind != AST_IDENT))
                p_fail_at(p, d->line, d->column,
                          init->u.var_decl.kind == AST_CONST
                              ? "Missing initializer in const declaration"
                              : "Missing initializer in destructuring declaration");
        }
        declare_var_decl(p, init);
    }
    n->u.for_stmt.init = init;
    p_expect(p, TOK_SEMI);
    if (p->tok.type != TOK_SEMI) n->u.for_stmt.test = p_expression(p);
    p_expect(p, TOK_SEMI);
    if (p->tok.type != TOK_RPAREN) n->u.for_stmt.update = p_expression(p);
    p_expect(p, TOK_RPAREN);
    n->u.for_stmt.body = loop_body(p);
    p_pop_scope(p);
    return p_finish(p, n);
}

static AstNode *while_statement(Parser *p, SrcPos pos) {
    mark_loop_labels(p, pos.start);
    AstNode *n = p_node(p, AST_WHILE, pos);
    p_next(p);
    p_expect(p, TOK_LPAREN);
    n->u.while_stmt.test = p_expression(p);
    p_expect(p, TOK_RPAREN);
    n->u.while_stmt.body = loop_body(p);
    return p_finish(p, n);
}

static AstNode *do_while_statement(Parser *p, SrcPos pos) {
    mark_loop_labels(p, pos.start);
    AstNode *n = p_node(p, AST_DO_WHILE, pos);
    p_next(p);
    n->u.while_stmt.body = loop_body(p);
    if (!p_is_kw(p, KW_WHILE)) p_unexpected(p);
    p_next(p);
    p_expect(p, TOK_LPAREN);
    n->u.while_stmt.test = p_expression(p);
    p_expect(p, TOK_RPAREN);
    /* #sec-rules-of-automatic-semicolon-insertion: a semicolon is inserted
     * after do-while's `)` even without a line break. */
    p_eat(p, TOK_SEMI);
    return p_finish(p, n);
}

static AstNode *jump_statement(Parser *p, SrcPos pos, bool is_break) {
    AstNode *n = p_node(p, is_break ? AST_BREAK : AST_CONTINUE, pos);
    p_next(p);
    if (p->tok.type == TOK_IDENT && !p->tok.nl_before &&
        (p_tok_is_identifier(p, &p->tok) || p->tok.kw == KW_AWAIT || p->tok.kw == KW_YIELD)) {
        if (!p_tok_is_identifier(p, &p->tok)) p_unexpected(p);
        AstNode *label = p_node(p, AST_IDENT, p_pos(p));
        label->u.ident.name = p->tok.str;
        Label *l = p->fs->labels;
        while (l && !ast_str_eq(l->name, p->tok.str))
            l = l->next;
        if (!l) {
            char text[64];
            name_to_ascii(p->tok.str, text, sizeof text);
            p_fail(p, "Undefined label '%s'", text);
        }
        if (!is_break && !l->is_loop) {
            char text[64];
            name_to_ascii(p->tok.str, text, sizeof text);
            p_fail(p, "Illegal continue statement: '%s' does not denote an iteration statement",
                   text);
        }
        p_next(p);
        n->u.jump.label = p_finish(p, label);
    } else if (is_break ? p->fs->breakable_depth == 0 : p->fs->loop_depth == 0) {
        p_fail_at(p, pos.line, pos.column,
                  is_break ? "Illegal break statement"
                           : "Illegal continue statement: no surrounding iteration statement");
    }
    p_semicolon(p);
    return p_finish(p, n);
}

static AstNode *return_statement(Parser *p, SrcPos pos) {
    if (!p->fs->allow_return) p_fail(p, "Illegal return statement");
    AstNode *n = p_node(p, AST_RETURN, pos);
    p_next(p);
    if (p->tok.type != TOK_SEMI && p->tok.type != TOK_RBRACE && p->tok.type != TOK_EOF &&
        !p->tok.nl_before)
        n->u.ret.argument = p_expression(p);
    p_semicolon(p);
    return p_finish(p, n);
}

static AstNode *throw_statement(Parser *p, SrcPos pos) {
    AstNode *n = p_node(p, AST_THROW, pos);
    p_next(p);
    if (p->tok.nl_before) p_fail(p, "Illegal newline after throw");
    n->u.ret.argument = p_expression(p);
    p_semicolon(p);
    return p_finish(p, n);
}

static AstNode *with_statement(Parser *p, SrcPos pos) {
    if (p->fs->strict) p_fail(p, "Strict mode code may not include a with statement");
    AstNode *n = p_node(p, AST_WITH, pos);
    p_next(p);
    p_expect(p, TOK_LPAREN);
    n->u.with_stmt.object = p_expression(p);
    p_expect(p, TOK_RPAREN);
    n->u.with_stmt.body = statement(p, STMT_SUB);
    p->fs->func->flags |= AST_FUNC_HAS_WITH;
    return p_finish(p, n);
}

static AstNode *switch_statement(Parser *p, SrcPos pos) {
    AstNode *n = p_node(p, AST_SWITCH, pos);
    p_next(p);
    p_expect(p, TOK_LPAREN);
    n->u.switch_stmt.discriminant = p_expression(p);
    p_expect(p, TOK_RPAREN);
    p_expect(p, TOK_LBRACE);
    p_push_scope(p, PS_BLOCK, &n->u.switch_stmt.scope);
    p->fs->breakable_depth++;
    bool seen_default = false;
    while (p->tok.type != TOK_RBRACE) {
        AstNode *c = p_node(p, AST_SWITCH_CASE, p_pos(p));
        if (p_is_kw(p, KW_CASE)) {
            p_next(p);
            c->u.switch_case.test = p_expression(p);
        } else if (p_is_kw(p, KW_DEFAULT)) {
            if (seen_default) p_fail(p, "More than one default clause in switch statement");
            seen_default = true;
            p_next(p);
        } else {
            p_unexpected(p);
        }
        p_expect(p, TOK_COLON);
        while (p->tok.type != TOK_RBRACE && !p_is_kw(p, KW_CASE) && !p_is_kw(p, KW_DEFAULT)) {
            if (p->tok.type == TOK_EOF) p_unexpected(p);
            p_push(p, &c->u.switch_case.body, p_statement_list_item(p));
        }
        p_push(p, &n->u.switch_stmt.cases, p_finish(p, c));
    }
    p_next(p);
    p->fs->breakable_depth--;
    p_pop_scope(p);
    return p_finish(p, n);
}

/* Records the BoundNames of a catch parameter in its scope. */
static void collect_catch_names(Parser *p, PScope *cs, AstNode *n, bool simple) {
    switch (n->kind) {
    case AST_IDENT: {
        if (nt_find(&cs->lex, n->u.ident.name)) redeclared(p, n);
        NameEntry *e = nt_add(p, &cs->lex, n->u.ident.name, AST_DECL_CATCH_PARAM);
        e->simple = simple;
        e->node = n;
        if (!ast_decl_push(p->arena, &cs->ast->decls, n->u.ident.name, AST_DECL_CATCH_PARAM, n))
            p_oom(p);
        break;
    }
    case AST_ARRAY_PATTERN:
    case AST_OBJECT_PATTERN:
        for (uint32_t i = 0; i < n->u.list.count; i++)
            collect_catch_names(p, cs, n->u.list.items[i], false);
        break;
    case AST_PROPERTY: collect_catch_names(p, cs, n->u.property.value, false); break;
    case AST_ASSIGN_PATTERN: collect_catch_names(p, cs, n->u.assign_pattern.target, false); break;
    case AST_REST: collect_catch_names(p, cs, n->u.spread.argument, false); break;
    default: break;
    }
}

static AstNode *try_statement(Parser *p, SrcPos pos) {
    AstNode *n = p_node(p, AST_TRY, pos);
    p_next(p);
    n->u.try_stmt.block = block_statement(p, false);
    if (p_is_kw(p, KW_CATCH)) {
        p_next(p);
        PScope *cs = p_push_scope(p, PS_CATCH, &n->u.try_stmt.catch_scope);
        if (p_eat(p, TOK_LPAREN)) {
            AstNode *param = p_binding_target(p);
            n->u.try_stmt.param = param;
            collect_catch_names(p, cs, param, param->kind == AST_IDENT);
            p_expect(p, TOK_RPAREN);
        }
        n->u.try_stmt.handler = block_statement(p, true);
        p_pop_scope(p);
    }
    if (p_is_kw(p, KW_FINALLY)) {
        p_next(p);
        n->u.try_stmt.finalizer = block_statement(p, false);
    }
    if (!n->u.try_stmt.handler && !n->u.try_stmt.finalizer)
        p_fail(p, "Missing catch or finally after try");
    return p_finish(p, n);
}

static AstNode *labeled_statement(Parser *p, int ctx) {
    SrcPos pos = p_pos(p);
    AstNode *label = p_identifier_reference(p);
    p_expect(p, TOK_COLON);
    for (Label *l = p->fs->labels; l; l = l->next) {
        if (ast_str_eq(l->name, label->u.ident.name)) {
            char text[64];
            name_to_ascii(label->u.ident.name, text, sizeof text);
            p_fail_at(p, label->line, label->column, "Label '%s' has already been declared", text);
        }
    }
    Label l = {p->fs->labels, label->u.ident.name, pos.start, p->tok.start, false};
    p->fs->labels = &l;
    AstNode *n = p_node(p, AST_LABELED, pos);
    n->u.labeled.label = label;
    AstNode *body;
    if (p_is_kw(p, KW_FUNCTION)) {
        /* B.3.1 labelled function declarations (sloppy, statement lists only). */
        if (ctx != STMT_LIST_ITEM && ctx != STMT_LABEL_BODY)
            p_fail(p, "In strict mode code, functions can only be declared at top level or "
                      "inside a block");
        body = function_declaration(p, STMT_LABEL_BODY);
        p_declare_function(p, body);
    } else {
        /* Break without a label may not target a plain labelled statement,
         * but `break label` may: count it as breakable only for labels. */
        body = statement(p, (ctx == STMT_LIST_ITEM || ctx == STMT_LABEL_BODY) ? STMT_LABEL_BODY
                                                                              : STMT_SUB);
    }
    p->fs->labels = l.next;
    n->u.labeled.body = body;
    return p_finish(p, n);
}

static AstNode *expression_statement(Parser *p) {
    SrcPos pos = p_pos(p);
    AstNode *n = p_node(p, AST_EXPR_STMT, pos);
    n->u.expr_stmt.expr = p_expression(p);
    p_semicolon(p);
    return p_finish(p, n);
}

/* Statement — #sec-ecmascript-language-statements-and-declarations.
 * Declarations are handled by p_statement_list_item. */
static AstNode *statement(Parser *p, int ctx) {
    p_enter(p);
    SrcPos pos = p_pos(p);
    AstNode *n = NULL;
    if (p->tok.type == TOK_LBRACE) {
        n = block_statement(p, false);
    } else if (p->tok.type == TOK_SEMI) {
        n = p_node(p, AST_EMPTY, pos);
        p_next(p);
        p_finish(p, n);
    } else if (p->tok.type == TOK_IDENT && !p->tok.escaped) {
        switch (p->tok.kw) {
        case KW_VAR: {
            p_next(p);
            n = p_var_declarations(p, AST_VAR, false, pos);
            declare_var_decl(p, n);
            p_semicolon(p);
            p_finish(p, n);
            break;
        }
        case KW_IF: n = if_statement(p, pos); break;
        case KW_FOR: n = for_statement(p, pos); break;
        case KW_WHILE: n = while_statement(p, pos); break;
        case KW_DO: n = do_while_statement(p, pos); break;
        case KW_CONTINUE: n = jump_statement(p, pos, false); break;
        case KW_BREAK: n = jump_statement(p, pos, true); break;
        case KW_RETURN: n = return_statement(p, pos); break;
        case KW_WITH: n = with_statement(p, pos); break;
        case KW_SWITCH: n = switch_statement(p, pos); break;
        case KW_THROW: n = throw_statement(p, pos); break;
        case KW_TRY: n = try_statement(p, pos); break;
        case KW_DEBUGGER:
            n = p_node(p, AST_DEBUGGER, pos);
            p_next(p);
            p_semicolon(p);
            p_finish(p, n);
            break;
        case KW_FUNCTION:
            if (ctx == STMT_IF_BODY || ctx == STMT_LABEL_BODY)
                n = function_declaration(p, ctx);
            else
                p_fail(p, p->fs->strict ? "In strict mode code, functions can only be declared "
                                          "at top level or inside a block"
                                        : "Function declarations are not allowed in a "
                                          "single-statement context");
            break;
        case KW_CLASS: p_unexpected(p);
        case KW_CONST: p_fail(p, "Lexical declaration cannot appear in a single-statement context");
        case KW_LET:
            if (next_is(p, TOK_LBRACKET))
                p_fail(p, "Lexical declaration cannot appear in a single-statement context");
            break;
        case KW_ASYNC:
            if (p_async_function_ahead(p))
                p_fail(p, "Async functions can only be declared at the top level or inside a "
                          "block");
            break;
        default: break;
        }
        if (!n) {
            if (p_tok_is_identifier(p, &p->tok) && next_is(p, TOK_COLON))
                n = labeled_statement(p, ctx);
            else
                n = expression_statement(p);
        }
    } else if (p->tok.type == TOK_IDENT) {
        /* escaped identifiers: never keywords */
        if (p_tok_is_identifier(p, &p->tok) && next_is(p, TOK_COLON))
            n = labeled_statement(p, ctx);
        else
            n = expression_statement(p);
    } else {
        n = expression_statement(p);
    }
    p_leave(p);
    return n;
}

/* ---- modules ------------------------------------------------------------- */

static bool is_well_formed(AstStr s) {
    for (uint32_t i = 0; i < s.len; i++) {
        uint16_t u = s.s[i];
        if (utf16_is_lead(u)) {
            if (i + 1 >= s.len || !utf16_is_trail(s.s[i + 1])) return false;
            i++;
        } else if (utf16_is_trail(u)) {
            return false;
        }
    }
    return true;
}

typedef struct ModuleState {
    NameTable exported; /* exported names (duplicates are errors) */
    AstList local_refs; /* AST_IDENT of `export { x }` without from */
} ModuleState;

static ModuleState *module_state(Parser *p);

/* ModuleExportName: IdentifierName or well-formed StringLiteral. */
static AstStr module_export_name(Parser *p, bool *is_string) {
    AstStr s = p->tok.str;
    if (p->tok.type == TOK_STRING) {
        if (!is_well_formed(s))
            p_fail(p, "Invalid module export name: contains unpaired surrogate");
        *is_string = true;
    } else if (p->tok.type == TOK_IDENT) {
        *is_string = false;
    } else {
        p_unexpected(p);
    }
    p_next(p);
    return s;
}

static void add_export_name(Parser *p, AstStr name, SrcPos pos) {
    ModuleState *ms = module_state(p);
    if (nt_find(&ms->exported, name)) {
        char text[64];
        name_to_ascii(name, text, sizeof text);
        p_fail_at(p, pos.line, pos.column, "Duplicate export of '%s'", text);
    }
    nt_add(p, &ms->exported, name, 0);
}

static AstStr module_specifier(Parser *p) {
    if (p->tok.type != TOK_STRING) p_unexpected(p);
    AstStr s = p->tok.str;
    p_next(p);
    return s;
}

/* WithClause — #prod-WithClause */
static void with_clause(Parser *p, AstList *attrs) {
    if (!p_is_kw(p, KW_WITH)) return;
    p_next(p);
    p_expect(p, TOK_LBRACE);
    NameTable keys = {0};
    while (p->tok.type != TOK_RBRACE) {
        AstNode *a = p_node(p, AST_IMPORT_ATTRIBUTE, p_pos(p));
        if (p->tok.type != TOK_IDENT && p->tok.type != TOK_STRING) p_unexpected(p);
        a->u.import_attr.key = p->tok.str;
        if (nt_find(&keys, p->tok.str)) p_fail(p, "Import attribute has duplicate key");
        nt_add(p, &keys, p->tok.str, 0);
        p_next(p);
        p_expect(p, TOK_COLON);
        if (p->tok.type != TOK_STRING) p_unexpected(p);
        a->u.import_attr.value = p->tok.str;
        p_next(p);
        p_push(p, attrs, p_finish(p, a));
        if (!p_eat(p, TOK_COMMA)) break;
    }
    p_expect(p, TOK_RBRACE);
}

static AstNode *import_binding(Parser *p, AstNode *spec) {
    AstNode *id = p_binding_identifier(p);
    spec->u.specifier.local = id->u.ident.name;
    spec->u.specifier.local_node = id;
    p_declare_lexical(p, id, AST_DECL_IMPORT, spec);
    return id;
}

static AstNode *import_declaration(Parser *p) {
    SrcPos pos = p_pos(p);
    AstNode *n = p_node(p, AST_IMPORT_DECL, pos);
    p_next(p); /* import */
    if (p->tok.type == TOK_STRING) {
        n->u.import_decl.source = module_specifier(p);
        with_clause(p, &n->u.import_decl.attributes);
        p_semicolon(p);
        return p_finish(p, n);
    }
    bool need_more = true;
    if (p->tok.type == TOK_IDENT) {
        /* ImportedDefaultBinding */
        AstNode *spec = p_node(p, AST_IMPORT_SPECIFIER, p_pos(p));
        spec->u.specifier.imported = p_str(p, "default");
        import_binding(p, spec);
        p_push(p, &n->u.import_decl.specifiers, p_finish(p, spec));
        need_more = p_eat(p, TOK_COMMA);
    }
    if (need_more) {
        if (p->tok.type == TOK_STAR) {
            AstNode *spec = p_node(p, AST_IMPORT_SPECIFIER, p_pos(p));
            p_next(p);
            if (!p_is_kw(p, KW_AS)) p_unexpected(p);
            p_next(p);
            spec->u.specifier.is_namespace = true;
            import_binding(p, spec);
            p_push(p, &n->u.import_decl.specifiers, p_finish(p, spec));
        } else if (p->tok.type == TOK_LBRACE) {
            p_next(p);
            while (p->tok.type != TOK_RBRACE) {
                AstNode *spec = p_node(p, AST_IMPORT_SPECIFIER, p_pos(p));
                Token name_tok = p->tok;
                bool is_string = false;
                AstStr imported = module_export_name(p, &is_string);
                spec->u.specifier.imported = imported;
                if (p_is_kw(p, KW_AS)) {
                    p_next(p);
                    import_binding(p, spec);
                } else {
                    if (is_string) p_unexpected(p);
                    /* The imported name is also the binding: check it. */
                    p_check_binding_name(p, name_tok.str, name_tok.escaped, name_tok.kw,
                                         name_tok.line, name_tok.column, true);
                    AstNode *id = p_node(p, AST_IDENT,
                                         (SrcPos){name_tok.start, name_tok.line, name_tok.column});
                    id->u.ident.name = name_tok.str;
                    id->end = name_tok.end;
                    spec->u.specifier.local = name_tok.str;
                    spec->u.specifier.local_node = id;
                    p_declare_lexical(p, id, AST_DECL_IMPORT, spec);
                }
                p_push(p, &n->u.import_decl.specifiers, p_finish(p, spec));
                if (!p_eat(p, TOK_COMMA)) break;
            }
            p_expect(p, TOK_RBRACE);
        } else {
            p_unexpected(p);
        }
    }
    if (!p_is_kw(p, KW_FROM)) p_unexpected(p);
    p_next(p);
    n->u.import_decl.source = module_specifier(p);
    with_clause(p, &n->u.import_decl.attributes);
    p_semicolon(p);
    return p_finish(p, n);
}

static void export_pattern_names(Parser *p, AstNode *n) {
    switch (n->kind) {
    case AST_IDENT:
        add_export_name(p, n->u.ident.name, (SrcPos){n->start, n->line, n->column});
        break;
    case AST_ARRAY_PATTERN:
    case AST_OBJECT_PATTERN:
        for (uint32_t j = 0; j < n->u.list.count; j++)
            export_pattern_names(p, n->u.list.items[j]);
        break;
    case AST_PROPERTY: export_pattern_names(p, n->u.property.value); break;
    case AST_ASSIGN_PATTERN: export_pattern_names(p, n->u.assign_pattern.target); break;
    case AST_REST: export_pattern_names(p, n->u.spread.argument); break;
    default: break;
    }
}

/* Exported names of `export var/let/const/function/class`. */
static void export_declared_names(Parser *p, AstNode *decl) {
    if (decl->kind == AST_VAR_DECL) {
        for (uint32_t i = 0; i < decl->u.var_decl.declarators.count; i++)
            export_pattern_names(p, decl->u.var_decl.declarators.items[i]->u.declarator.target);
    } else if (decl->kind == AST_FUNCTION_DECL) {
        AstNode *id = decl->u.func->id;
        add_export_name(p, id->u.ident.name, (SrcPos){id->start, id->line, id->column});
    } else if (decl->kind == AST_CLASS_DECL) {
        AstNode *id = decl->u.klass->id;
        add_export_name(p, id->u.ident.name, (SrcPos){id->start, id->line, id->column});
    }
}

static AstNode *class_declaration(Parser *p, bool default_export);

static AstNode *export_declaration(Parser *p) {
    SrcPos pos = p_pos(p);
    p_next(p); /* export */
    if (p->tok.type == TOK_STAR) {
        AstNode *n = p_node(p, AST_EXPORT_ALL, pos);
        p_next(p);
        if (p_is_kw(p, KW_AS)) {
            p_next(p);
            SrcPos npos = p_pos(p);
            bool is_string;
            n->u.export_all.exported = module_export_name(p, &is_string);
            n->u.export_all.has_exported = true;
            add_export_name(p, n->u.export_all.exported, npos);
        }
        if (!p_is_kw(p, KW_FROM)) p_unexpected(p);
        p_next(p);
        n->u.export_all.source = module_specifier(p);
        with_clause(p, &n->u.export_all.attributes);
        p_semicolon(p);
        return p_finish(p, n);
    }
    if (p_is_kw(p, KW_DEFAULT)) {
        AstNode *n = p_node(p, AST_EXPORT_DEFAULT, pos);
        add_export_name(p, p_str(p, "default"), p_pos(p));
        p_next(p);
        SrcPos dpos = p_pos(p);
        if (p_is_kw(p, KW_FUNCTION) || p_async_function_ahead(p)) {
            bool is_async = p_is_kw(p, KW_ASYNC);
            if (is_async) p_next(p);
            p_next(p);
            AstNode *fn = p_function(p, dpos, is_async, true, true);
            if (fn->u.func->id) p_declare_function(p, fn);
            n->u.export_default.value = fn;
        } else if (p_is_kw(p, KW_CLASS)) {
            n->u.export_default.value = class_declaration(p, true);
        } else {
            n->u.export_default.value = p_assignment(p, false);
            p_semicolon(p);
        }
        return p_finish(p, n);
    }
    AstNode *n = p_node(p, AST_EXPORT_NAMED, pos);
    if (p->tok.type == TOK_LBRACE) {
        p_next(p);
        AstList locals = {0};
        bool any_string_local = false;
        SrcPos string_pos = {0};
        while (p->tok.type != TOK_RBRACE) {
            AstNode *spec = p_node(p, AST_EXPORT_SPECIFIER, p_pos(p));
            Token local_tok = p->tok;
            bool is_string = false;
            spec->u.specifier.local = module_export_name(p, &is_string);
            if (is_string && !any_string_local) {
                any_string_local = true;
                string_pos = (SrcPos){local_tok.start, local_tok.line, local_tok.column};
            }
            if (!is_string) {
                AstNode *id = p_node(p, AST_IDENT,
                                     (SrcPos){local_tok.start, local_tok.line, local_tok.column});
                id->u.ident.name = local_tok.str;
                id->u.ident.has_escape = local_tok.escaped;
                id->end = local_tok.end;
                /* kw stashed in aux-free way: re-check later with the token */
                id->flags = (uint16_t)(id->flags | (local_tok.kw ? 0 : 0));
                spec->u.specifier.local_node = id;
                p_push(p, &locals, id);
                id->aux = (void *)(uintptr_t)local_tok.kw;
            }
            SrcPos epos = p_pos(p);
            if (p_is_kw(p, KW_AS)) {
                p_next(p);
                epos = p_pos(p);
                spec->u.specifier.exported = module_export_name(p, &is_string);
            } else {
                spec->u.specifier.exported = spec->u.specifier.local;
                epos = (SrcPos){local_tok.start, local_tok.line, local_tok.column};
            }
            add_export_name(p, spec->u.specifier.exported, epos);
            p_push(p, &n->u.export_named.specifiers, p_finish(p, spec));
            if (!p_eat(p, TOK_COMMA)) break;
        }
        p_expect(p, TOK_RBRACE);
        if (p_is_kw(p, KW_FROM)) {
            p_next(p);
            n->u.export_named.has_source = true;
            n->u.export_named.source = module_specifier(p);
            with_clause(p, &n->u.export_named.attributes);
            for (uint32_t i = 0; i < n->u.export_named.specifiers.count; i++)
                n->u.export_named.specifiers.items[i]->u.specifier.local_node = NULL;
            for (uint32_t i = 0; i < locals.count; i++)
                locals.items[i]->aux = NULL;
        } else {
            if (any_string_local)
                p_fail_at(p, string_pos.line, string_pos.column,
                          "A string literal cannot be used as an exported binding without `from`");
            /* Locals must be IdentifierReferences and declared in the module. */
            for (uint32_t i = 0; i < locals.count; i++) {
                AstNode *id = locals.items[i];
                int kw = (int)(uintptr_t)id->aux;
                id->aux = NULL;
                if (kw && (kw <= KW_PUBLIC))
                    p_fail_at(p, id->line, id->column, "Unexpected reserved word");
                p_push(p, &module_state(p)->local_refs, id);
            }
        }
        p_semicolon(p);
        return p_finish(p, n);
    }
    /* export VariableStatement / Declaration */
    AstNode *decl;
    if (p_is_kw(p, KW_VAR)) {
        SrcPos dpos = p_pos(p);
        p_next(p);
        decl = p_var_declarations(p, AST_VAR, false, dpos);
        declare_var_decl(p, decl);
        p_semicolon(p);
        p_finish(p, decl);
    } else if (p_is_kw(p, KW_LET) || p_is_kw(p, KW_CONST)) {
        decl = lexical_declaration(p, p_is_kw(p, KW_LET) ? AST_LET : AST_CONST);
    } else if (p_is_kw(p, KW_FUNCTION) || p_async_function_ahead(p)) {
        decl = function_declaration(p, STMT_LIST_ITEM);
        p_declare_function(p, decl);
    } else if (p_is_kw(p, KW_CLASS)) {
        decl = class_declaration(p, false);
    } else {
        p_unexpected(p);
    }
    export_declared_names(p, decl);
    n->u.export_named.declaration = decl;
    return p_finish(p, n);
}

static AstNode *class_declaration(Parser *p, bool default_export) {
    AstNode *n = p_class(p, true, default_export);
    if (n->u.klass->id) p_declare_lexical(p, n->u.klass->id, AST_DECL_CLASS, n);
    return n;
}

/* StatementListItem — Statement or Declaration (and module items at the
 * top level of a module). */
AstNode *p_statement_list_item(Parser *p) {
    if (p->tok.type == TOK_IDENT && !p->tok.escaped) {
        switch (p->tok.kw) {
        case KW_FUNCTION: {
            AstNode *n = function_declaration(p, STMT_LIST_ITEM);
            p_declare_function(p, n);
            return n;
        }
        case KW_ASYNC:
            if (p_async_function_ahead(p)) {
                AstNode *n = function_declaration(p, STMT_LIST_ITEM);
                p_declare_function(p, n);
                return n;
            }
            break;
        case KW_CLASS: return class_declaration(p, false);
        case KW_CONST: return lexical_declaration(p, AST_CONST);
        case KW_LET:
            if (let_starts_declaration(p)) return lexical_declaration(p, AST_LET);
            break;
        case KW_IMPORT: {
            if (next_is(p, TOK_LPAREN) || next_is(p, TOK_DOT)) break;
            if (!p->module || !p->fs->is_program || p->scope != p->fs->top_scope)
                p_fail(p, "Cannot use import statement outside a module");
            return import_declaration(p);
        }
        case KW_EXPORT:
            if (!p->module || !p->fs->is_program || p->scope != p->fs->top_scope)
                p_fail(p, "Unexpected token 'export'");
            return export_declaration(p);
        default: break;
        }
    }
    return statement(p, STMT_LIST_ITEM);
}

/* FunctionBody / ScriptBody / ModuleBody: directive prologue then
 * statements, up to (not including) end_token. */
void p_function_body(Parser *p, AstFunction *f, int end_token) {
    FuncState *fs = p->fs;
    bool in_prologue = true;
    bool octal_in_prologue = false;
    uint32_t octal_line = 0, octal_column = 0;
    while (p->tok.type != end_token) {
        if (p->tok.type == TOK_EOF) p_unexpected(p);
        if (in_prologue && p->tok.type == TOK_STRING) {
            Token str = p->tok;
            AstNode *stmt = p_statement_list_item(p);
            AstNode *e = stmt->kind == AST_EXPR_STMT ? stmt->u.expr_stmt.expr : NULL;
            if (e && e->kind == AST_STRING && !(e->flags & AST_NODE_PARENTHESIZED)) {
                stmt->flags |= AST_NODE_DIRECTIVE;
                if (str.legacy_octal && !octal_in_prologue) {
                    octal_in_prologue = true;
                    octal_line = str.octal_line;
                    octal_column = str.octal_column;
                }
                uint32_t len = str.end - str.start;
                if (len == 12 && memcmp(p->lex.src + str.start + 1, "use strict", 10) == 0) {
                    if (!fs->simple_params)
                        p_fail_at(p, str.line, str.column,
                                  "Illegal 'use strict' directive in function with non-simple "
                                  "parameter list");
                    f->flags |= AST_FUNC_USE_STRICT;
                    if (!fs->strict) {
                        fs->strict = true;
                        if (octal_in_prologue)
                            p_fail_at(p, octal_line, octal_column,
                                      "Octal escape sequences are not allowed in strict mode");
                    }
                }
            } else {
                in_prologue = false;
            }
            p_push(p, &f->body, stmt);
            continue;
        }
        in_prologue = false;
        p_push(p, &f->body, p_statement_list_item(p));
    }
}

/* ---- entry points -------------------------------------------------------- */

static ModuleState *module_state(Parser *p) {
    /* The module state hangs off the root FuncState's function aux slot
     * during parsing (cleared before returning). */
    FuncState *fs = p->fs;
    while (fs->parent)
        fs = fs->parent;
    if (!fs->func->aux) fs->func->aux = p_alloc(p, sizeof(ModuleState));
    return fs->func->aux;
}

static void init_parser(Parser *p, AstArena *arena, const char *src, size_t len,
                        const ParseOptions *opts, ParseError *err) {
    memset(p, 0, sizeof *p);
    p->arena = arena;
    p->err = err;
    p->opts = opts;
    memset(err, 0, sizeof *err);
    lexer_init(&p->lex, arena, src, len, opts->goal == PARSE_GOAL_MODULE || opts->is_module);
    p->lex.wtf8 = opts->wtf8_source;
}

/* Private names visible to eval code (declared by enclosing classes). */
static void push_eval_private_scope(Parser *p, ClassState *cs) {
    memset(cs, 0, sizeof *cs);
    for (size_t i = 0; i < p->opts->eval_private_name_count; i++)
        nt_add(p, &cs->declared, p->opts->eval_private_names[i], PRIV_FIELD);
    p->cls = cs;
}

static void check_private_refs_at_root(Parser *p, ClassState *root) {
    for (uint32_t i = 0; i < root->refs.count; i++) {
        AstNode *r = root->refs.items[i];
        if (!nt_find(&root->declared, r->u.ident.name)) {
            char text[64];
            name_to_ascii(r->u.ident.name, text, sizeof text);
            p_fail_at(p, r->line, r->column,
                      "Private field '#%s' must be declared in an enclosing class", text);
        }
    }
}

/* Runs fn under the parser's error handler: returns false if it failed.
 * Keeping setjmp in this small frame means no caller local is live across
 * the longjmp. */
static bool run_protected(Parser *p, void (*fn)(Parser *p, void *ctx), void *ctx) {
    if (setjmp(p->jmp)) return false;
    fn(p, ctx);
    return true;
}

typedef struct ProgramJob {
    bool module, is_eval;
    size_t len;
    AstNode *root;
} ProgramJob;

static void parse_program_job(Parser *p, void *ctx) {
    ProgramJob *job = ctx;
    const ParseOptions *options = p->opts;
    bool module = job->module;
    AstNode *root = p_node(p, module ? AST_MODULE : AST_SCRIPT, (SrcPos){0, 1, 1});
    AstFunction *f = p_alloc(p, sizeof(AstFunction));
    root->u.program.func = f;
    root->u.program.is_eval = job->is_eval;
    FuncState fs;
    p_push_function(p, &fs, f);
    fs.is_program = true;
    fs.is_module = module;
    fs.strict = module || options->strict;
    fs.allow_return = false;
    if (module) {
        fs.await_is_keyword = true;
        fs.await_reserved = true;
    }
    if (job->is_eval) {
        fs.allow_new_target = options->eval_allow_new_target;
        fs.allow_super_prop = options->eval_allow_super_property;
        fs.allow_super_call = options->eval_allow_super_call;
        fs.no_arguments = options->eval_in_class_field_init;
    }
    ClassState eval_cls;
    push_eval_private_scope(p, &eval_cls);
    PScope *top = p_push_scope(p, PS_FUNCTION, &f->body_scope);
    top->module_top = module;
    fs.top_scope = top;
    p_next(p);
    f->line = 1;
    f->column = 1;
    p_function_body(p, f, TOK_EOF);
    root->u.program.body = f->body; /* same list, shared */
    if (module) {
        ModuleState *ms = f->aux;
        if (ms) {
            for (uint32_t i = 0; i < ms->local_refs.count; i++) {
                AstNode *id = ms->local_refs.items[i];
                if (!nt_find(&top->lex, id->u.ident.name) &&
                    !nt_find(&top->vars, id->u.ident.name)) {
                    char text[64];
                    name_to_ascii(id->u.ident.name, text, sizeof text);
                    p_fail_at(p, id->line, id->column, "Export '%s' is not defined in module",
                              text);
                }
            }
        }
        f->aux = NULL;
    }
    check_private_refs_at_root(p, &eval_cls);
    p_finish_function(p, &fs);
    f->source_start = 0;
    f->source_end = (uint32_t)job->len;
    root->end = (uint32_t)job->len;
    job->root = root;
}

AstNode *parse_program(AstArena *arena, const char *src, size_t len, const char *filename,
                       const ParseOptions *options, ParseError *err) {
    (void)filename;
    ParseOptions defaults;
    memset(&defaults, 0, sizeof defaults);
    const ParseOptions *opts = options ? options : &defaults;
    if (len > UINT32_MAX - 16) {
        memset(err, 0, sizeof *err);
        err->kind = PARSE_ERROR_RANGE;
        snprintf(err->message, sizeof err->message, "Source text is too long");
        err->line = 1;
        err->column = 1;
        return NULL;
    }
    Parser parser;
    Parser *p = &parser;
    init_parser(p, arena, src, len, opts, err);
    ProgramJob job = {0};
    job.module = opts->goal == PARSE_GOAL_MODULE || opts->is_module;
    job.is_eval = opts->goal == PARSE_GOAL_EVAL || opts->is_eval;
    job.len = len;
    p->module = job.module;
    char base;
    p->stack_base = &base;
    if (!run_protected(p, parse_program_job, &job)) return NULL;
    return job.root;
}

typedef struct DynamicJob {
    int pass; /* 0 params alone, 1 body alone, 2 whole */
    bool is_gen, is_async;
    size_t len;
    AstNode *root;
} DynamicJob;

static void parse_dynamic_job(Parser *p, void *ctx) {
    DynamicJob *job = ctx;
    if (job->pass < 2) {
        AstFunction *f = p_alloc(p, sizeof(AstFunction));
        FuncState fs;
        p_push_function(p, &fs, f);
        fs.is_generator = fs.yield_is_keyword = fs.yield_reserved = job->is_gen;
        fs.is_async = fs.await_is_keyword = fs.await_reserved = job->is_async;
        fs.allow_new_target = true;
        fs.allow_return = true;
        ClassState cls;
        push_eval_private_scope(p, &cls);
        PScope *top = p_push_scope(p, PS_FUNCTION, &f->body_scope);
        fs.top_scope = top;
        p_next(p);
        if (job->pass == 0) {
            p_formal_parameters(p, f, TOK_EOF);
        } else {
            p_function_body(p, f, TOK_EOF);
        }
        if (p->tok.type != TOK_EOF) p_unexpected(p);
        check_private_refs_at_root(p, &cls);
        return;
    }
    AstNode *root = p_node(p, AST_SCRIPT, (SrcPos){0, 1, 1});
    AstFunction *rf = p_alloc(p, sizeof(AstFunction));
    root->u.program.func = rf;
    FuncState fs;
    p_push_function(p, &fs, rf);
    fs.is_program = true;
    fs.allow_return = false;
    ClassState cls;
    push_eval_private_scope(p, &cls);
    PScope *top = p_push_scope(p, PS_FUNCTION, &rf->body_scope);
    fs.top_scope = top;
    p_next(p);
    SrcPos pos = p_pos(p);
    if (job->is_async) p_next(p);
    p_next(p); /* function */
    AstNode *fn = p_function(p, pos, job->is_async, false, false);
    /* The name "anonymous" is not bound inside (#sec-createdynamicfunction
     * uses OrdinaryFunctionCreate + SetFunctionName). */
    fn->u.func->flags &= ~(uint32_t)AST_FUNC_EXPRESSION_NAME;
    fn->u.func->name_scope = NULL;
    if (p->tok.type != TOK_EOF) p_unexpected(p);
    check_private_refs_at_root(p, &cls);
    AstNode *stmt = p_node(p, AST_EXPR_STMT, pos);
    stmt->u.expr_stmt.expr = fn;
    stmt->end = fn->end;
    p_push(p, &root->u.program.body, stmt);
    p_finish_function(p, &fs);
    rf->source_end = (uint32_t)job->len;
    root->end = (uint32_t)job->len;
    job->root = root;
}

AstNode *parse_dynamic_function(AstArena *arena, const char *params, size_t params_len,
                                const char *body, size_t body_len, ParseFunctionKind kind,
                                const char **assembled, size_t *assembled_len, ParseError *err) {
    static const char *const prefixes[] = {"function", "function*", "async function",
                                           "async function*"};
    const char *prefix = prefixes[kind & 3];
    ParseOptions opts;
    memset(&opts, 0, sizeof opts);
    opts.wtf8_source = true; /* the Function constructor's strings */
    if (params_len > UINT32_MAX / 4 || body_len > UINT32_MAX / 4) {
        memset(err, 0, sizeof *err);
        err->kind = PARSE_ERROR_RANGE;
        snprintf(err->message, sizeof err->message, "Source text is too long");
        return NULL;
    }
    DynamicJob job = {0};
    job.is_gen = kind == PARSE_FUNC_GENERATOR || kind == PARSE_FUNC_ASYNC_GENERATOR;
    job.is_async = kind == PARSE_FUNC_ASYNC || kind == PARSE_FUNC_ASYNC_GENERATOR;
    Parser parser;
    Parser *p = &parser;
    char base;
    /* Steps: parse the parameters alone, the body alone, then the whole. */
    for (job.pass = 0; job.pass < 2; job.pass++) {
        init_parser(p, arena, job.pass == 0 ? params : body, job.pass == 0 ? params_len : body_len,
                    &opts, err);
        p->lex.allow_hashbang = false;
        p->stack_base = &base;
        if (!run_protected(p, parse_dynamic_job, &job)) return NULL;
    }
    /* sourceString = prefix " anonymous(" P LF ") {" LF body LF "}" */
    size_t prefix_len = strlen(prefix);
    size_t total = prefix_len + 11 + params_len + 5 + body_len + 2;
    char *src = ast_arena_alloc(arena, total + 1);
    if (!src) {
        memset(err, 0, sizeof *err);
        err->kind = PARSE_ERROR_RANGE;
        snprintf(err->message, sizeof err->message, "Out of memory while parsing");
        return NULL;
    }
    size_t n = 0;
    memcpy(src + n, prefix, prefix_len);
    n += prefix_len;
    memcpy(src + n, " anonymous(", 11);
    n += 11;
    if (params_len) memcpy(src + n, params, params_len);
    n += params_len;
    memcpy(src + n, "\n) {\n", 5);
    n += 5;
    if (body_len) memcpy(src + n, body, body_len);
    n += body_len;
    memcpy(src + n, "\n}", 2);
    n += 2;
    src[n] = 0;
    *assembled = src;
    *assembled_len = n;
    job.pass = 2;
    job.len = n;
    init_parser(p, arena, src, n, &opts, err);
    p->lex.allow_hashbang = false;
    p->stack_base = &base;
    if (!run_protected(p, parse_dynamic_job, &job)) return NULL;
    return job.root;
}
