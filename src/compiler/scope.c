/* scope.c — scope analysis (see scope.h). */
#include "compiler/scope.h"

#include <string.h>

#include "vm/env.h"

char scope_annexb_marker;

static const uint16_t name_this_units[] = {'t', 'h', 'i', 's'};
static const uint16_t name_new_target_units[] = {'n', 'e', 'w', '.', 't', 'a', 'r', 'g', 'e', 't'};
static const uint16_t name_arguments_units[] = {'a', 'r', 'g', 'u', 'm', 'e', 'n', 't', 's'};
const AstStr scope_name_this = {name_this_units, 4};
const AstStr scope_name_new_target = {name_new_target_units, 10};
const AstStr scope_name_arguments = {name_arguments_units, 9};

typedef struct Analyzer {
    ScopeAnalysis *sa;
} Analyzer;

static void *sa_alloc(Analyzer *A, size_t size) {
    void *p = ast_arena_alloc(&A->sa->arena, size);
    if (!p) A->sa->oom = true;
    return p;
}

static bool grow(Analyzer *A, void **items, uint32_t *cap, uint32_t count, size_t elem) {
    if (count < *cap) return true;
    uint32_t ncap = *cap ? *cap * 2 : 8;
    void *n = sa_alloc(A, (size_t)ncap * elem);
    if (!n) return false;
    if (*items) memcpy(n, *items, (size_t)count * elem);
    *items = n;
    *cap = ncap;
    return true;
}

static Scope *scope_new(Analyzer *A, Scope *parent, FuncInfo *fi, ScopeKind kind) {
    Scope *s = sa_alloc(A, sizeof(Scope));
    if (!s) return NULL;
    s->parent = parent;
    s->func = fi;
    s->kind = (uint8_t)kind;
    s->desc_const = -1;
    if (fi) {
        if (!grow(A, (void **)&fi->scopes, &fi->scope_capacity, fi->scope_count, sizeof(Scope *)))
            return NULL;
        fi->scopes[fi->scope_count++] = s;
        if (fi->all_env) s->force_env = true;
    }
    return s;
}

enum { SCOPE_INDEX_MIN = 16 };

static uint32_t name_hash(AstStr name) {
    uint32_t h = 2166136261u; /* FNV-1a over the code units */
    for (uint32_t i = 0; i < name.len; i++)
        h = (h ^ name.s[i]) * 16777619u;
    return h;
}

static void index_insert(Scope *s, Binding *b) {
    uint32_t i = name_hash(b->name) & s->index_mask;
    while (s->index[i])
        i = (i + 1) & s->index_mask;
    s->index[i] = b;
}

/* (Re)builds the index with room for twice the bindings: load stays <= 1/2. */
static bool index_rebuild(Analyzer *A, Scope *s) {
    uint32_t size = 64;
    while (size < s->count * 4)
        size *= 2;
    Binding **index = sa_alloc(A, size * sizeof(Binding *));
    if (!index) return false;
    s->index = index;
    s->index_mask = size - 1;
    for (uint32_t i = 0; i < s->count; i++)
        index_insert(s, s->bindings[i]);
    return true;
}

Binding *scope_find_local(Scope *s, AstStr name) {
    if (s->index) {
        for (uint32_t i = name_hash(name) & s->index_mask; s->index[i];
             i = (i + 1) & s->index_mask) {
            Binding *b = s->index[i];
            if (b->name.len == name.len && ast_str_eq(b->name, name)) return b;
        }
        return NULL;
    }
    for (uint32_t i = 0; i < s->count; i++) {
        Binding *b = s->bindings[i];
        if (b->name.len == name.len && ast_str_eq(b->name, name)) return b;
    }
    return NULL;
}

static Binding *declare(Analyzer *A, Scope *s, AstStr name, uint8_t kind, uint8_t flags) {
    if (!s) return NULL;
    Binding *b = scope_find_local(s, name);
    if (b) return b;
    b = sa_alloc(A, sizeof(Binding));
    if (!b) return NULL;
    if (!grow(A, (void **)&s->bindings, &s->capacity, s->count, sizeof(Binding *))) return NULL;
    b->name = name;
    b->kind = kind;
    b->flags = flags;
    b->reg = -1;
    b->slot = -1;
    b->param_index = -1;
    b->scope = s;
    s->bindings[s->count++] = b;
    if (s->index && s->count * 2 <= s->index_mask + 1) {
        index_insert(s, b);
    } else if (s->count >= SCOPE_INDEX_MIN && !index_rebuild(A, s)) {
        return NULL;
    }
    return b;
}

static uint8_t decl_flags(uint8_t kind, bool strict) {
    switch (kind) {
    case AST_DECL_LET: return BIND_LEXICAL;
    case AST_DECL_CLASS: return BIND_LEXICAL;
    case AST_DECL_CONST: return BIND_LEXICAL | BIND_CONST;
    case AST_DECL_CLASS_INNER: return BIND_LEXICAL | BIND_CONST;
    case AST_DECL_FUNC_NAME: return strict ? BIND_CONST : BIND_SILENT_CONST;
    case AST_DECL_IMPORT: return BIND_CONST;
    default: return 0;
    }
}

static void declare_scope_decls(Analyzer *A, Scope *s, AstScope *as, bool strict) {
    for (uint32_t i = 0; i < as->decls.count; i++) {
        AstDecl *d = &as->decls.items[i];
        declare(A, s, d->name, d->kind, decl_flags(d->kind, strict));
    }
}

/* A block-like AstScope gets a Scope only when it declares something. */
static Scope *enter_ast_scope(Analyzer *A, Scope *cur, AstScope *as, ScopeKind kind) {
    if (as->decls.count == 0 && as->functions.count == 0) {
        as->aux = NULL;
        return cur;
    }
    Scope *s = scope_new(A, cur, cur->func, kind);
    if (!s) return cur;
    declare_scope_decls(A, s, as, cur->func->strict);
    as->aux = s;
    return s;
}

/* A private name #x is the binding "#x" (never an identifier) of its
 * class's scope: the emitter finds the AstStr in the aux of every
 * AST_PRIVATE_NAME node (references and member keys). */
static AstStr *private_binding_name(Analyzer *A, AstNode *pn) {
    AstStr name = pn->u.ident.name;
    AstStr *k = sa_alloc(A, sizeof(AstStr));
    uint16_t *units = sa_alloc(A, sizeof(uint16_t) * (name.len + 1));
    if (!k || !units) return NULL;
    units[0] = '#';
    if (name.len) memcpy(units + 1, name.s, sizeof(uint16_t) * name.len);
    k->s = units;
    k->len = name.len + 1;
    pn->aux = k;
    return k;
}

static void reference(Analyzer *A, Scope *from, AstStr name);

static void reference_private(Analyzer *A, Scope *from, AstNode *pn) {
    AstStr *k = private_binding_name(A, pn);
    if (k) reference(A, from, *k);
}

/* The class scope: the inner name and one "#x" binding per private name. */
static Scope *enter_class_scope(Analyzer *A, Scope *cur, AstClass *k) {
    if (k->private_names.count == 0) return enter_ast_scope(A, cur, &k->scope, SCOPE_CLASS);
    Scope *cs = scope_new(A, cur, cur->func, SCOPE_CLASS);
    if (!cs) return cur;
    declare_scope_decls(A, cs, &k->scope, true);
    k->scope.aux = cs;
    for (uint32_t i = 0; i < k->members.count; i++) {
        AstNode *key = k->members.items[i]->u.member_def.key;
        if (!key || key->kind != AST_PRIVATE_NAME) continue;
        AstStr *name = private_binding_name(A, key);
        if (name) declare(A, cs, *name, BINDING_KIND_PRIVATE, BIND_CONST);
    }
    cs->heritage = scope_new(A, cs, cs->func, SCOPE_HERITAGE);
    return cs;
}

/* Private names declared in the scope a heritage scope hides are not
 * visible from inside it. */
static bool hidden_private(Scope *s, Scope *hidden, AstStr name) {
    return s == hidden && name.len && name.s[0] == '#';
}

/* Resolution during analysis: marks captures. */
static void reference(Analyzer *A, Scope *from, AstStr name) {
    bool dynamic = false;
    FuncInfo *fi = from ? from->func : NULL;
    Scope *hidden = NULL;
    for (Scope *s = from; s; s = s->parent) {
        Binding *b = hidden_private(s, hidden, name) ? NULL : scope_find_local(s, name);
        if (b) {
            if (dynamic || s->func != fi) b->captured = true;
            return;
        }
        if (s->dynamic) dynamic = true;
        if (s->kind == SCOPE_HERITAGE) hidden = s->parent;
    }
}

static void visit(Analyzer *A, Scope *s, AstNode *n);
static void analyze_function(Analyzer *A, Scope *outer, AstFunction *fn);

static void visit_list(Analyzer *A, Scope *s, AstList *l) {
    for (uint32_t i = 0; i < l->count; i++)
        visit(A, s, l->items[i]);
}

static void visit(Analyzer *A, Scope *s, AstNode *n) {
    if (!n || A->sa->oom) return;
    switch (n->kind) {
    case AST_IDENT: reference(A, s, n->u.ident.name); break;
    case AST_THIS: reference(A, s, scope_name_this); break;
    case AST_NEW_TARGET: reference(A, s, scope_name_new_target); break;
    case AST_SUPER: reference(A, s, scope_name_this); break;
    case AST_VAR_DECL: visit_list(A, s, &n->u.var_decl.declarators); break;
    case AST_VAR_DECLARATOR:
        visit(A, s, n->u.declarator.target);
        visit(A, s, n->u.declarator.init);
        break;
    case AST_FUNCTION_DECL:
    case AST_FUNCTION_EXPR:
    case AST_ARROW: analyze_function(A, s, n->u.func); break;
    case AST_CLASS_DECL:
    case AST_CLASS_EXPR: {
        AstClass *k = n->u.klass;
        Scope *cs = enter_class_scope(A, s, k);
        visit(A, cs != s && cs->heritage ? cs->heritage : cs, k->superclass);
        visit(A, cs, k->constructor);
        for (uint32_t i = 0; i < k->members.count; i++) {
            AstNode *m = k->members.items[i];
            if (m->u.member_def.computed) visit(A, cs, m->u.member_def.key);
            visit(A, cs, m->u.member_def.value);
        }
        if (n->kind == AST_CLASS_DECL && k->id) visit(A, s, k->id);
        break;
    }
    case AST_EXPR_STMT: visit(A, s, n->u.expr_stmt.expr); break;
    case AST_BLOCK: {
        Scope *bs = enter_ast_scope(A, s, &n->u.block.scope, SCOPE_BLOCK);
        visit_list(A, bs, &n->u.block.body);
        break;
    }
    case AST_IF:
        visit(A, s, n->u.if_stmt.test);
        visit(A, s, n->u.if_stmt.consequent);
        visit(A, s, n->u.if_stmt.alternate);
        break;
    case AST_FOR: {
        Scope *fs = enter_ast_scope(A, s, &n->u.for_stmt.scope, SCOPE_BLOCK);
        visit(A, fs, n->u.for_stmt.init);
        visit(A, fs, n->u.for_stmt.test);
        visit(A, fs, n->u.for_stmt.update);
        visit(A, fs, n->u.for_stmt.body);
        break;
    }
    case AST_FOR_IN:
    case AST_FOR_OF: {
        Scope *fs = enter_ast_scope(A, s, &n->u.for_in.scope, SCOPE_BLOCK);
        visit(A, fs, n->u.for_in.left);
        visit(A, fs, n->u.for_in.right);
        visit(A, fs, n->u.for_in.body);
        break;
    }
    case AST_WHILE:
    case AST_DO_WHILE:
        visit(A, s, n->u.while_stmt.test);
        visit(A, s, n->u.while_stmt.body);
        break;
    case AST_RETURN:
    case AST_THROW: visit(A, s, n->u.ret.argument); break;
    case AST_WITH: {
        visit(A, s, n->u.with_stmt.object);
        Scope *ws = scope_new(A, s, s->func, SCOPE_WITH);
        if (!ws) return;
        ws->dynamic = true;
        n->aux = ws;
        visit(A, ws, n->u.with_stmt.body);
        break;
    }
    case AST_SWITCH: {
        visit(A, s, n->u.switch_stmt.discriminant);
        Scope *ss = enter_ast_scope(A, s, &n->u.switch_stmt.scope, SCOPE_BLOCK);
        for (uint32_t i = 0; i < n->u.switch_stmt.cases.count; i++) {
            AstNode *c = n->u.switch_stmt.cases.items[i];
            visit(A, ss, c->u.switch_case.test);
            visit_list(A, ss, &c->u.switch_case.body);
        }
        break;
    }
    case AST_LABELED: visit(A, s, n->u.labeled.body); break;
    case AST_TRY: {
        visit(A, s, n->u.try_stmt.block);
        if (n->u.try_stmt.handler) {
            Scope *cs = enter_ast_scope(A, s, &n->u.try_stmt.catch_scope, SCOPE_CATCH);
            if (cs != s) cs->env_flags = ENV_CATCH;
            visit(A, cs, n->u.try_stmt.param);
            visit(A, cs, n->u.try_stmt.handler);
        }
        visit(A, s, n->u.try_stmt.finalizer);
        break;
    }
    case AST_TEMPLATE: visit_list(A, s, &n->u.tmpl.expressions); break;
    case AST_TAGGED_TEMPLATE:
        visit(A, s, n->u.tagged.tag);
        visit(A, s, n->u.tagged.quasi);
        break;
    case AST_ARRAY:
    case AST_OBJECT:
    case AST_SEQUENCE:
    case AST_ARRAY_PATTERN:
    case AST_OBJECT_PATTERN: visit_list(A, s, &n->u.list); break;
    case AST_PROPERTY:
        if (n->u.property.computed) visit(A, s, n->u.property.key);
        visit(A, s, n->u.property.value);
        break;
    case AST_UNARY:
    case AST_AWAIT: visit(A, s, n->u.unary.argument); break;
    case AST_UPDATE: visit(A, s, n->u.update.argument); break;
    case AST_BINARY:
    case AST_LOGICAL:
        if (n->u.binary.left->kind == AST_PRIVATE_NAME) reference_private(A, s, n->u.binary.left);
        visit(A, s, n->u.binary.left);
        visit(A, s, n->u.binary.right);
        break;
    case AST_ASSIGN:
        visit(A, s, n->u.assign.target);
        visit(A, s, n->u.assign.value);
        break;
    case AST_CONDITIONAL:
        visit(A, s, n->u.cond.test);
        visit(A, s, n->u.cond.consequent);
        visit(A, s, n->u.cond.alternate);
        break;
    case AST_CALL:
    case AST_NEW:
        /* super() needs new.target (from an arrow: the constructor's) */
        if (n->u.call.callee->kind == AST_SUPER) reference(A, s, scope_name_new_target);
        visit(A, s, n->u.call.callee);
        visit_list(A, s, &n->u.call.arguments);
        break;
    case AST_MEMBER:
        visit(A, s, n->u.member.object);
        if (n->u.member.computed) visit(A, s, n->u.member.property);
        if (n->u.member.property->kind == AST_PRIVATE_NAME)
            reference_private(A, s, n->u.member.property);
        break;
    case AST_OPTIONAL_CHAIN: visit(A, s, n->u.chain.expression); break;
    case AST_SPREAD:
    case AST_REST: visit(A, s, n->u.spread.argument); break;
    case AST_YIELD: visit(A, s, n->u.yield.argument); break;
    case AST_ASSIGN_PATTERN:
        visit(A, s, n->u.assign_pattern.target);
        visit(A, s, n->u.assign_pattern.value);
        break;
    case AST_EXPORT_NAMED: visit(A, s, n->u.export_named.declaration); break;
    case AST_EXPORT_DEFAULT: visit(A, s, n->u.export_default.value); break;
    case AST_IMPORT_CALL:
        visit(A, s, n->u.import_call.source);
        visit(A, s, n->u.import_call.options);
        break;
    default: break; /* literals, empty, debugger, break/continue, ... */
    }
}

/* FunctionDeclarationInstantiation's bindings — #sec-functiondeclarationinstantiation */
static void analyze_function(Analyzer *A, Scope *outer, AstFunction *fn) {
    FuncInfo *fi = sa_alloc(A, sizeof(FuncInfo));
    if (!fi) return;
    fn->aux = fi;
    fi->ast = fn;
    fi->parent = outer ? outer->func : NULL;
    fi->strict = fn->flags & AST_FUNC_STRICT;
    fi->arrow = fn->flags & AST_FUNC_ARROW;
    fi->all_env = fn->flags & (AST_FUNC_HAS_DIRECT_EVAL | AST_FUNC_INNER_HAS_EVAL);
    fi->sloppy_eval = (fn->flags & AST_FUNC_HAS_DIRECT_EVAL) && !fi->strict;
    bool uses_args = (fn->flags & AST_FUNC_USES_ARGUMENTS) && !fi->arrow;
    if (uses_args) {
        /* #sec-functiondeclarationinstantiation steps 15-18 */
        bool param_exprs = (fn->flags & AST_FUNC_PARAM_EXPRESSIONS) != 0;
        bool shadowed =
            ast_decl_find(&fn->params_decls, scope_name_arguments) >= 0 ||
            (!param_exprs && ast_decl_find(&fn->body_scope.decls, scope_name_arguments) >= 0);
        for (uint32_t i = 0; !shadowed && !param_exprs && i < fn->var_functions.count; i++) {
            AstFunction *f = fn->var_functions.items[i]->u.func;
            if (f->id && ast_str_eq(f->id->u.ident.name, scope_name_arguments)) shadowed = true;
        }
        fi->needs_arguments = !shadowed;
        fi->mapped_arguments =
            fi->needs_arguments && !fi->strict && (fn->flags & AST_FUNC_SIMPLE_PARAMS);
        if (fi->mapped_arguments) fi->all_env = true;
    }

    Scope *parent = outer;
    if ((fn->flags & AST_FUNC_EXPRESSION_NAME) && fn->id) {
        fi->name_scope = scope_new(A, outer, fi, SCOPE_FUNC_NAME);
        if (!fi->name_scope) return;
        fi->name_binding = declare(A, fi->name_scope, fn->id->u.ident.name, AST_DECL_FUNC_NAME,
                                   decl_flags(AST_DECL_FUNC_NAME, fi->strict));
        fi->name_scope->env_flags = ENV_FUNC_NAME;
        if (fn->name_scope) fn->name_scope->aux = fi->name_scope;
        parent = fi->name_scope;
    }
    bool callee_env = fi->sloppy_eval && (fn->flags & AST_FUNC_PARAM_EXPRESSIONS);
    if (callee_env) {
        fi->callee_scope = scope_new(A, parent, fi, SCOPE_FUNCTION);
        if (!fi->callee_scope) return;
        fi->callee_scope->env_flags = ENV_VAR_SCOPE;
        fi->callee_scope->dynamic = true;
        fi->callee_scope->force_env = true;
        parent = fi->callee_scope;
    }
    Scope *vs = scope_new(A, parent, fi, SCOPE_FUNCTION);
    if (!vs) return;
    fi->var_scope = vs;
    vs->env_flags = callee_env ? 0 : ENV_VAR_SCOPE;
    if (fi->sloppy_eval) {
        vs->dynamic = true;
        vs->force_env = true;
    }
    if (!fi->arrow) {
        fi->this_binding = declare(A, vs, scope_name_this, BINDING_KIND_THIS, 0);
        if (fn->flags &
            (AST_FUNC_USES_NEW_TARGET | AST_FUNC_HAS_DIRECT_EVAL | AST_FUNC_USES_SUPER_CALL))
            fi->new_target_binding =
                declare(A, vs, scope_name_new_target, BINDING_KIND_NEW_TARGET, 0);
    }
    fi->param_count = fn->params.count;
    bool param_exprs = (fn->flags & AST_FUNC_PARAM_EXPRESSIONS) != 0;
    for (uint32_t i = 0; i < fn->params_decls.count; i++) {
        AstDecl *d = &fn->params_decls.items[i];
        /* With parameter expressions, a parameter is in TDZ until bound. */
        Binding *b = declare(A, vs, d->name, AST_DECL_PARAM, param_exprs ? BIND_LEXICAL : 0);
        if (b && (fn->flags & AST_FUNC_SIMPLE_PARAMS)) b->param_index = (int32_t)i;
    }
    if (fi->needs_arguments)
        fi->arguments_binding = declare(A, vs, scope_name_arguments, BINDING_KIND_ARGUMENTS, 0);
    Scope *ps = vs;
    if (param_exprs) {
        /* The body's vars get their own environment (step 28): closures in
         * parameter expressions do not see them. */
        fi->param_scope = vs;
        vs = scope_new(A, vs, fi, SCOPE_FUNCTION);
        if (!vs) return;
        fi->var_scope = vs;
        vs->env_flags = ENV_VAR_SCOPE;
        if (fi->sloppy_eval) {
            vs->dynamic = true;
            vs->force_env = true;
        }
    }
    for (uint32_t i = 0; i < fn->var_decls.count; i++)
        declare(A, vs, fn->var_decls.items[i].name, AST_DECL_VAR, 0);
    for (uint32_t i = 0; i < fn->var_functions.count; i++) {
        AstFunction *f = fn->var_functions.items[i]->u.func;
        if (f->id) declare(A, vs, f->id->u.ident.name, AST_DECL_VAR, 0);
    }
    declare_scope_decls(A, vs, &fn->body_scope, fi->strict);
    fn->body_scope.aux = vs;
    if (!fi->strict) {
        for (uint32_t i = 0; i < fn->annexb_functions.count; i++) {
            AstNode *fd = fn->annexb_functions.items[i];
            AstFunction *f = fd->u.func;
            if (!f->id || ast_decl_find(&fn->params_decls, f->id->u.ident.name) >= 0) continue;
            /* parameterNames holds "arguments" when the function has an
             * arguments object (#sec-functiondeclarationinstantiation step 22.f). */
            if (fi->arguments_binding && ast_str_eq(f->id->u.ident.name, scope_name_arguments))
                continue;
            Binding *b = scope_find_local(vs, f->id->u.ident.name);
            if (b && (b->flags & BIND_LEXICAL)) continue;
            declare(A, vs, f->id->u.ident.name, AST_DECL_VAR, 0);
            fd->aux = &scope_annexb_marker;
        }
    }
    for (uint32_t i = 0; i < fn->params.count; i++)
        visit(A, ps, fn->params.items[i]);
    visit_list(A, vs, &fn->body);
}

/* The module environment (#sec-source-text-module-record-initialize-environment):
 * every top-level binding, imports included, is a slot of it, so that other
 * modules' import bindings and namespace objects can reach them. */
static void analyze_module_scope(Analyzer *A, AstNode *root, Scope *ps) {
    static const uint16_t default_units[] = {'*', 'd', 'e', 'f', 'a', 'u', 'l', 't', '*'};
    AstFunction *fn = root->u.program.func;
    ps->force_env = true;
    ps->env_flags = ENV_VAR_SCOPE;
    for (uint32_t i = 0; i < fn->var_decls.count; i++)
        declare(A, ps, fn->var_decls.items[i].name, AST_DECL_VAR, 0);
    declare_scope_decls(A, ps, &fn->body_scope, true);
    for (uint32_t i = 0; i < root->u.program.body.count; i++) {
        AstNode *n = root->u.program.body.items[i];
        if (n->kind != AST_EXPORT_DEFAULT) continue;
        AstNode *v = n->u.export_default.value;
        bool named = (v->kind == AST_FUNCTION_DECL && v->u.func->id) ||
                     (v->kind == AST_CLASS_DECL && v->u.klass->id);
        if (!named)
            declare(A, ps, (AstStr){default_units, 9}, AST_DECL_LET,
                    v->kind == AST_FUNCTION_DECL ? 0 : BIND_LEXICAL);
    }
    fn->body_scope.aux = ps;
}

static void analyze_program(Analyzer *A, AstNode *root, bool is_eval, bool direct_eval) {
    AstFunction *fn = root->u.program.func;
    FuncInfo *fi = sa_alloc(A, sizeof(FuncInfo));
    if (!fi) return;
    A->sa->program = fi;
    fn->aux = fi;
    fi->ast = fn;
    fi->is_program = true;
    fi->is_eval = is_eval;
    fi->direct_eval = direct_eval;
    fi->strict = fn->flags & AST_FUNC_STRICT;
    fi->all_env = fn->flags & (AST_FUNC_HAS_DIRECT_EVAL | AST_FUNC_INNER_HAS_EVAL);
    fi->sloppy_eval = (fn->flags & AST_FUNC_HAS_DIRECT_EVAL) && !fi->strict;
    Scope *ps = scope_new(A, NULL, fi, SCOPE_PROGRAM);
    if (!ps) return;
    fi->var_scope = ps;
    if (!direct_eval) fi->this_binding = declare(A, ps, scope_name_this, BINDING_KIND_THIS, 0);
    if (root->kind == AST_MODULE) {
        analyze_module_scope(A, root, ps);
    } else if (is_eval) {
        /* Eval code: lexical declarations are the eval's own; vars too when
         * strict (varEnv = lexEnv), else they go to the caller's variable
         * environment by name (#sec-evaldeclarationinstantiation). */
        if (fi->strict) {
            ps->env_flags = ENV_VAR_SCOPE;
            for (uint32_t i = 0; i < fn->var_decls.count; i++)
                declare(A, ps, fn->var_decls.items[i].name, AST_DECL_VAR, 0);
            for (uint32_t i = 0; i < fn->var_functions.count; i++) {
                AstFunction *f = fn->var_functions.items[i]->u.func;
                if (f->id) declare(A, ps, f->id->u.ident.name, AST_DECL_VAR, 0);
            }
        } else {
            ps->dynamic = true;
            for (uint32_t i = 0; i < fn->annexb_functions.count; i++)
                fn->annexb_functions.items[i]->aux = &scope_annexb_marker;
        }
        declare_scope_decls(A, ps, &fn->body_scope, fi->strict);
        fn->body_scope.aux = ps;
    } else {
        /* Script top-level declarations are global (by name). */
        fn->body_scope.aux = NULL;
        if (!fi->strict)
            for (uint32_t i = 0; i < fn->annexb_functions.count; i++)
                fn->annexb_functions.items[i]->aux = &scope_annexb_marker;
    }
    visit_list(A, ps, &root->u.program.body);
}

bool scope_analyze(ScopeAnalysis *sa, AstNode *program, bool is_eval, bool direct_eval) {
    ast_arena_init(&sa->arena);
    sa->program = NULL;
    sa->oom = false;
    Analyzer A = {sa};
    analyze_program(&A, program, is_eval, direct_eval);
    return !sa->oom;
}

void scope_analysis_free(ScopeAnalysis *sa) {
    ast_arena_free(&sa->arena);
}

void scope_assign_locations(FuncInfo *fi) {
    if (fi->locations_done) return;
    fi->locations_done = true;
    uint32_t next_reg = 1 + fi->param_count;
    for (uint32_t i = 0; i < fi->scope_count; i++) {
        Scope *s = fi->scopes[i];
        for (uint32_t j = 0; j < s->count; j++) {
            Binding *b = s->bindings[j];
            if (!b->captured && !s->force_env) {
                if (b->kind == BINDING_KIND_THIS)
                    b->reg = 0;
                else if (b->param_index >= 0)
                    b->reg = 1 + b->param_index;
                else
                    b->reg = (int32_t)next_reg++;
            } else {
                b->slot = (int32_t)s->env_slots++;
            }
        }
        s->has_env = s->env_slots > 0 || (s == fi->var_scope && fi->sloppy_eval) ||
                     s == fi->callee_scope || s->kind == SCOPE_WITH;
    }
    fi->reg_count = next_reg;
}

Resolution scope_resolve(Scope *from, AstStr name) {
    Resolution r = {RES_GLOBAL, NULL, 0};
    bool dynamic = false;
    uint32_t hops = 0;
    Scope *last = NULL;
    Scope *hidden = NULL;
    for (Scope *s = from; s; s = s->parent) {
        last = s;
        Binding *b = hidden_private(s, hidden, name) ? NULL : scope_find_local(s, name);
        if (b) {
            if (dynamic) {
                r.kind = RES_DYNAMIC;
                return r;
            }
            r.binding = b;
            if (b->reg >= 0 && s->func == from->func) {
                r.kind = RES_REG;
            } else {
                r.kind = RES_ENV;
                r.hops = hops;
            }
            return r;
        }
        if (s->dynamic) dynamic = true;
        if (s->has_env) hops++;
        if (s->kind == SCOPE_HERITAGE) hidden = s->parent;
    }
    /* Unresolved: eval code's enclosing scopes are only known at run time. */
    if (dynamic || (last && last->func && last->func->direct_eval)) r.kind = RES_DYNAMIC;
    return r;
}
