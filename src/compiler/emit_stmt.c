/* emit_stmt.c — statements: declarations, control flow, completion values,
 * break/continue/return through finally blocks, try/catch/finally. */
#include <stdlib.h>
#include <string.h>

#include "compiler/emit.h"
#include "vm/env.h"

/* Statements whose completion is UpdateEmpty(C, undefined) start by making
 * the completion value undefined (script and eval code only). */
static void reset_completion(Emitter *E) {
    if (E->completion_reg >= 0) em_op(E, OP_LOAD_UNDEF, 1, (uint32_t)E->completion_reg);
}

static int32_t add_pending(Emitter *E, Control *fin, Control *target, bool is_continue) {
    if (fin->pending_count == fin->pending_capacity) {
        uint32_t cap = fin->pending_capacity ? fin->pending_capacity * 2 : 4;
        PendingJump *p = realloc(fin->pending, sizeof(PendingJump) * cap);
        if (!p) {
            em_fail_oom(E);
            return FIN_FIRST_JUMP;
        }
        fin->pending = p;
        fin->pending_capacity = cap;
    }
    int32_t id = FIN_FIRST_JUMP + (int32_t)fin->pending_count;
    fin->pending[fin->pending_count++] = (PendingJump){id, target, is_continue};
    return id;
}

/* Jumps from the current point to target's break/continue label, popping
 * environments, closing iterators and running finally blocks on the way. */
static void emit_jump_out(Emitter *E, Control *target, bool is_continue) {
    for (Control *c = E->ctl; c && c != target; c = c->prev) {
        switch (c->kind) {
        case CTL_ENV: em_op(E, OP_POP_ENV, 0); break;
        case CTL_ITER:
            /* continue of the loop that owns the iterator keeps it open */
            if (is_continue && c->prev == target) break;
            if (c->iter_async)
                emit_async_iter_close(E, c->iter_reg);
            else
                em_op(E, OP_ITER_CLOSE, 1, c->iter_reg);
            break;
        case CTL_FINALLY: {
            int32_t id = add_pending(E, c, target, is_continue);
            em_op(E, OP_LOAD_INT, 2, c->kind_reg, (uint32_t)id);
            em_jump(E, OP_JMP, c->finally_label, 0);
            return;
        }
        default: break;
        }
    }
    em_jump(E, OP_JMP, is_continue ? target->continue_label : target->break_label, 0);
}

void emit_return_value(Emitter *E, uint32_t reg) {
    for (Control *c = E->ctl; c; c = c->prev) {
        if (c->kind == CTL_ITER) {
            if (c->iter_async)
                emit_async_iter_close(E, c->iter_reg);
            else
                em_op(E, OP_ITER_CLOSE, 1, c->iter_reg);
        } else if (c->kind == CTL_FINALLY) {
            if (c->value_reg != reg) em_op(E, OP_MOV, 2, c->value_reg, reg);
            int32_t id = add_pending(E, c, NULL, false);
            em_op(E, OP_LOAD_INT, 2, c->kind_reg, (uint32_t)id);
            em_jump(E, OP_JMP, c->finally_label, 0);
            return;
        }
    }
    if (E->ast && (E->ast->flags & AST_FUNC_DERIVED) && !E->fi->is_program) {
        uint32_t mark = E->next_reg;
        uint32_t t = em_reg(E);
        emit_this_value(E, t, false);
        em_op(E, OP_RET_CTOR, 2, reg, t);
        E->next_reg = mark;
        return;
    }
    em_op(E, OP_RET, 1, reg);
}

/* IsInTailPosition — #sec-isintailposition, for a `return`: strict
 * ordinary function and arrow bodies, outside the statements that still
 * have work after the call (try blocks, a catch block before its finally,
 * for-of bodies closing their iterator). Class constructors (whose
 * [[Construct]] checks the result) and field initializers (no FunctionBody)
 * are left out. */
static bool return_is_tail(Emitter *E) {
    AstFunction *f = E->ast;
    if (!f || !E->fi->strict || E->fi->is_program || E->try_depth) return false;
    if (f->flags & (AST_FUNC_GENERATOR | AST_FUNC_ASYNC | AST_FUNC_CLASS_CONSTRUCTOR |
                    AST_FUNC_DERIVED | AST_FUNC_FIELD_INIT | AST_FUNC_STATIC_BLOCK))
        return false;
    for (Control *c = E->ctl; c; c = c->prev)
        if (c->kind == CTL_FINALLY || c->kind == CTL_ITER) return false;
    return true;
}

bool em_in_async_generator(Emitter *E) {
    return E->ast && !E->fi->is_program &&
           (E->ast->flags & (AST_FUNC_ASYNC | AST_FUNC_GENERATOR)) ==
               (AST_FUNC_ASYNC | AST_FUNC_GENERATOR);
}

void emit_await(Emitter *E, uint32_t src, uint32_t dst) {
    uint32_t mark = E->next_reg;
    uint32_t recv = em_regs(E, 2);
    em_op(E, OP_AWAIT, 2, recv, src);
    int32_t cont = em_label(E);
    em_jump(E, OP_RESUME_CHECK, cont, 1, recv); /* throws a rejection; never jumps */
    em_bind(E, cont);
    if (dst != recv) em_op(E, OP_MOV, 2, dst, recv);
    E->next_reg = mark;
}

void emit_async_iter_close(Emitter *E, uint32_t it) {
    uint32_t mark = E->next_reg;
    uint32_t r = em_reg(E);
    int32_t skip = em_label(E);
    em_jump(E, OP_ASYNC_ITER_CLOSE, skip, 2, r, it);
    emit_await(E, r, r);
    em_op(E, OP_CHECK_OBJECT, 1, r);
    em_bind(E, skip);
    E->next_reg = mark;
}

/* AsyncIteratorClose(iterator register it, ThrowCompletion(exc)) —
 * #sec-asynciteratorclose: return() is called and its result awaited, but
 * whatever that does, exc is thrown. */
static void emit_async_iter_close_throw(Emitter *E, uint32_t it, uint32_t exc) {
    uint32_t mark = E->next_reg;
    uint32_t r = em_regs(E, 3);
    int32_t skip = em_label(E);
    uint32_t start = E->code_len;
    em_jump(E, OP_ASYNC_ITER_CLOSE, skip, 2, r, it);
    em_op(E, OP_AWAIT, 2, r + 1, r);
    uint32_t end = E->code_len;
    em_bind(E, skip);
    em_op(E, OP_THROW, 1, exc);
    em_add_handler(E, start, end, E->code_len, E->env_depth);
    em_op(E, OP_CATCH, 1, r);
    em_op(E, OP_THROW, 1, exc);
    E->next_reg = mark;
}

static bool has_label(Control *c, AstStr name) {
    for (uint32_t i = 0; i < c->label_count; i++)
        if (ast_str_eq(c->labels[i], name)) return true;
    return false;
}

static void emit_break_continue(Emitter *E, AstNode *n) {
    bool is_continue = n->kind == AST_CONTINUE;
    AstNode *label = n->u.jump.label;
    Control *target = NULL;
    for (Control *c = E->ctl; c; c = c->prev) {
        if (label) {
            if ((c->kind == CTL_LOOP || c->kind == CTL_BREAKABLE) &&
                has_label(c, label->u.ident.name)) {
                target = c;
                break;
            }
        } else if (c->kind == CTL_LOOP ||
                   (c->kind == CTL_BREAKABLE && !is_continue && c->label_count == 0)) {
            target = c;
            break;
        }
    }
    if (!target || (is_continue && target->kind != CTL_LOOP)) {
        em_error(E, ERR_SYNTAX, "Illegal break or continue statement");
        return;
    }
    emit_jump_out(E, target, is_continue);
}

/* Takes the labels collected for the statement about to be emitted. */
static void take_labels(Emitter *E, Control *c) {
    c->labels = E->pending_labels;
    c->label_count = E->pending_label_count;
    E->pending_labels = NULL;
    E->pending_label_count = 0;
}

/* ---- declarations ---- */

static Binding *find_var_binding(Emitter *E, AstStr name, uint32_t *hops) {
    uint32_t h = 0;
    for (Scope *s = E->scope; s && s != E->fi->var_scope; s = s->parent)
        if (s->has_env) h++;
    *hops = h;
    return scope_find_local(E->fi->var_scope, name);
}

/* Annex B.3.2: evaluating a block-level function declaration copies the
 * block binding to the same-named var binding. In functions the analysis
 * decided statically; in scripts and sloppy eval the declaration
 * instantiation decided at run time and left its answer in a register. */
void emit_function_decl_site(Emitter *E, AstNode *n) {
    if (n->aux != &scope_annexb_marker || !n->u.func->id) return;
    FuncInfo *fi = E->fi;
    AstStr name = n->u.func->id->u.ident.name;
    int32_t skip = -1;
    if (fi->is_program) {
        AstList *candidates = &E->ast->annexb_functions;
        uint32_t i = 0;
        while (i < candidates->count && candidates->items[i] != n)
            i++;
        if (E->annexb_flags < 0 || i == candidates->count) return;
        skip = em_label(E);
        em_jump(E, OP_JFALSE, skip, 1, (uint32_t)E->annexb_flags + i);
    }
    uint32_t mark = E->next_reg;
    uint32_t t = em_reg(E);
    em_load_name(E, name, t);
    if (fi->is_eval) {
        em_op(E, OP_PUT_VAR_ENV, 2, em_atom(E, name), t);
    } else if (fi->is_program) {
        em_op(E, OP_PUT_GLOBAL, 3, em_atom(E, name), t, em_ic(E));
    } else {
        uint32_t hops;
        Binding *b = find_var_binding(E, name, &hops);
        if (b && b->reg >= 0)
            em_op(E, OP_MOV, 2, (uint32_t)b->reg, t);
        else if (b)
            em_op(E, OP_PUT_ENV, 3, hops, (uint32_t)b->slot, t);
    }
    E->next_reg = mark;
    if (skip >= 0) em_bind(E, skip);
}

static void emit_var_decl(Emitter *E, AstNode *n) {
    bool lexical = n->u.var_decl.kind != AST_VAR;
    for (uint32_t i = 0; i < n->u.var_decl.declarators.count; i++) {
        AstNode *d = n->u.var_decl.declarators.items[i];
        AstNode *target = d->u.declarator.target;
        AstNode *init = d->u.declarator.init;
        uint32_t mark = E->next_reg;
        em_set_pos(E, d);
        if (init) {
            uint32_t v = em_reg(E);
            if (target->kind == AST_IDENT) {
                Value name = VAL_UNDEFINED;
                if (is_anonymous_function_definition(init))
                    name = em_name_value(E, target->u.ident.name);
                /* A var reached by name (with, sloppy eval) is resolved
                 * before its initializer runs
                 * (#sec-variable-statement-runtime-semantics-evaluation). */
                int32_t base = -1;
                if (!lexical && scope_resolve(E->scope, target->u.ident.name).kind == RES_DYNAMIC) {
                    base = (int32_t)em_reg(E);
                    em_op(E, OP_RESOLVE_NAME, 2, (uint32_t)base, em_atom(E, target->u.ident.name));
                }
                emit_named_expr_to(E, init, v, name);
                em_set_pos(E, d);
                if (base >= 0)
                    em_op(E, OP_PUT_REF, 3, (uint32_t)base, em_atom(E, target->u.ident.name), v);
                else
                    em_store_name(E, target->u.ident.name, v, lexical, lexical);
            } else {
                emit_expr_to(E, init, v);
                emit_assign_to_target(E, target, v, lexical, lexical);
            }
        } else if (lexical && target->kind == AST_IDENT) {
            uint32_t v = em_reg(E);
            em_op(E, OP_LOAD_UNDEF, 1, v);
            em_store_name(E, target->u.ident.name, v, true, true);
        }
        E->next_reg = mark;
    }
}

/* ---- loops ---- */

static bool scope_has_let(Scope *s) {
    if (!s || !s->has_env) return false;
    for (uint32_t i = 0; i < s->count; i++)
        if (s->bindings[i]->kind == AST_DECL_LET) return true;
    return false;
}

static void emit_while(Emitter *E, AstNode *n) {
    reset_completion(E);
    Control c;
    em_push_control(E, &c, CTL_LOOP);
    take_labels(E, &c);
    c.break_label = em_label(E);
    c.continue_label = em_label(E);
    int32_t body = em_label(E);
    if (n->kind == AST_WHILE) em_jump(E, OP_JMP, c.continue_label, 0);
    em_bind(E, body);
    emit_stmt(E, n->u.while_stmt.body);
    em_bind(E, c.continue_label);
    em_set_pos(E, n->u.while_stmt.test);
    emit_cond_jump(E, n->u.while_stmt.test, body, true);
    em_bind(E, c.break_label);
    em_pop_control(E);
}

static void emit_for(Emitter *E, AstNode *n) {
    reset_completion(E);
    Scope *outer = E->scope;
    Scope *fs = n->u.for_stmt.scope.aux;
    Control env_ctl;
    AstStr *labels = (AstStr *)E->pending_labels;
    uint32_t label_count = E->pending_label_count;
    E->pending_labels = NULL;
    E->pending_label_count = 0;
    em_enter_scope(E, fs, &env_ctl, NULL);
    AstNode *init = n->u.for_stmt.init;
    if (init) {
        uint32_t mark = E->next_reg;
        if (init->kind == AST_VAR_DECL)
            emit_stmt(E, init);
        else
            emit_expr_any(E, init);
        E->next_reg = mark;
    }
    bool per_iteration = scope_has_let(fs);
    if (per_iteration) em_op(E, OP_COPY_ENV, 0);
    Control c;
    em_push_control(E, &c, CTL_LOOP);
    c.labels = labels;
    c.label_count = label_count;
    c.break_label = em_label(E);
    c.continue_label = em_label(E);
    int32_t body = em_label(E), test = em_label(E);
    em_jump(E, OP_JMP, test, 0);
    em_bind(E, body);
    emit_stmt(E, n->u.for_stmt.body);
    em_bind(E, c.continue_label);
    if (per_iteration) em_op(E, OP_COPY_ENV, 0);
    if (n->u.for_stmt.update) {
        uint32_t mark = E->next_reg;
        em_set_pos(E, n->u.for_stmt.update);
        emit_expr_any(E, n->u.for_stmt.update);
        E->next_reg = mark;
    }
    em_bind(E, test);
    if (n->u.for_stmt.test) {
        em_set_pos(E, n->u.for_stmt.test);
        emit_cond_jump(E, n->u.for_stmt.test, body, true);
    } else {
        em_jump(E, OP_JMP, body, 0);
    }
    em_bind(E, c.break_label);
    em_pop_control(E);
    em_leave_scope(E, fs, outer);
}

/* Assigns the loop value of a for-in/of head. */
static void emit_for_head_assign(Emitter *E, AstNode *left, uint32_t v) {
    if (left->kind == AST_VAR_DECL) {
        AstNode *d = left->u.var_decl.declarators.items[0];
        bool lexical = left->u.var_decl.kind != AST_VAR;
        emit_assign_to_target(E, d->u.declarator.target, v, lexical, lexical);
    } else {
        emit_assign_to_target(E, left, v, false, false);
    }
}

static void emit_for_in_of(Emitter *E, AstNode *n) {
    bool is_of = n->kind == AST_FOR_OF;
    bool is_await = is_of && n->u.for_in.is_await;
    reset_completion(E);
    AstStr *labels = (AstStr *)E->pending_labels;
    uint32_t label_count = E->pending_label_count;
    E->pending_labels = NULL;
    E->pending_label_count = 0;
    AstNode *left = n->u.for_in.left;
    Scope *outer = E->scope;
    Scope *fs = n->u.for_in.scope.aux;
    uint32_t mark = E->next_reg;
    /* Annex B: for (var x = init in o) */
    if (!is_of && left->kind == AST_VAR_DECL) {
        AstNode *d = left->u.var_decl.declarators.items[0];
        if (d->u.declarator.init && d->u.declarator.target->kind == AST_IDENT) {
            uint32_t v = em_reg(E);
            emit_expr_to(E, d->u.declarator.init, v);
            em_store_name(E, d->u.declarator.target->u.ident.name, v, false, false);
            E->next_reg = mark;
        }
    }
    /* The head's lexical bindings are in TDZ while the right side runs. */
    Control tdz_ctl;
    em_enter_scope(E, fs, &tdz_ctl, NULL);
    uint32_t obj = em_reg(E);
    emit_expr_to(E, n->u.for_in.right, obj);
    em_leave_scope(E, fs, outer);
    uint32_t it = em_regs(E, 2);
    em_set_pos(E, n);
    if (is_of)
        em_op(E, is_await ? OP_GET_ASYNC_ITERATOR : OP_GET_ITERATOR, 2, it, obj);
    else
        em_op(E, OP_FOR_IN_START, 2, it, obj);
    Control c;
    em_push_control(E, &c, CTL_LOOP);
    c.labels = labels;
    c.label_count = label_count;
    c.break_label = em_label(E);
    c.continue_label = em_label(E);
    int32_t done = em_label(E);
    em_bind(E, c.continue_label);
    uint32_t v = em_reg(E);
    if (is_await) {
        /* #sec-runtime-semantics-forin-div-ofbodyevaluation-lhs-stmt-iterator-lhskind-labelset
         * steps 6.a-f: Call(next, iterator), Await, then done / value. */
        uint32_t call = em_regs(E, 2);
        em_op(E, OP_MOV, 2, call, it + 1);
        em_op(E, OP_MOV, 2, call + 1, it);
        em_op(E, OP_CALL, 3, v, call, 0u);
        E->next_reg = call;
        emit_await(E, v, v);
        em_jump(E, OP_ITER_RESULT, done, 3, v, v, 0u);
    } else if (is_of) {
        em_jump(E, OP_ITER_NEXT, done, 2, v, it);
    } else {
        em_jump(E, OP_FOR_IN_NEXT, done, 2, v, it);
    }
    Control iter_ctl;
    if (is_of) {
        em_push_control(E, &iter_ctl, CTL_ITER);
        iter_ctl.iter_reg = it;
        iter_ctl.iter_async = is_await;
    }
    uint32_t body_start = E->code_len, depth = E->env_depth;
    Control env_ctl;
    em_enter_scope(E, fs, &env_ctl, NULL);
    emit_for_head_assign(E, left, v);
    emit_stmt(E, n->u.for_in.body);
    em_leave_scope(E, fs, outer);
    if (is_of) em_pop_control(E);
    uint32_t body_end = E->code_len;
    em_jump(E, OP_JMP, c.continue_label, 0);
    if (is_of) {
        /* A throw from the head or the body closes the iterator
         * (#sec-runtime-semantics-forin-div-ofbodyevaluation-lhs-stmt-iterator-lhskind-labelset).
         */
        em_add_handler(E, body_start, body_end, E->code_len, depth);
        em_op(E, OP_CATCH, 1, v);
        if (is_await) {
            emit_async_iter_close_throw(E, it, v);
        } else {
            em_op(E, OP_ITER_CLOSE_THROW, 1, it);
            em_op(E, OP_THROW, 1, v);
        }
    }
    /* break: a CTL_ITER sits inside the loop's control, so a break closes
     * the iterator on its way out. */
    em_bind(E, c.break_label);
    em_bind(E, done);
    em_pop_control(E);
    E->next_reg = mark;
}

/* ---- other statements ---- */

static void emit_labeled(Emitter *E, AstNode *n) {
    AstStr labels[64];
    uint32_t count = 0;
    AstNode *body = n;
    while (body->kind == AST_LABELED && count < 64) {
        labels[count++] = body->u.labeled.label->u.ident.name;
        body = body->u.labeled.body;
    }
    while (body->kind == AST_LABELED)
        body = body->u.labeled.body;
    AstStr *copy = malloc(sizeof(AstStr) * count);
    if (!copy) {
        em_fail_oom(E);
        return;
    }
    memcpy(copy, labels, sizeof(AstStr) * count);
    Control c;
    em_push_control(E, &c, CTL_BREAKABLE);
    c.labels = copy;
    c.label_count = count;
    c.break_label = em_label(E);
    bool loop = body->kind == AST_WHILE || body->kind == AST_DO_WHILE || body->kind == AST_FOR ||
                body->kind == AST_FOR_IN || body->kind == AST_FOR_OF;
    if (loop) {
        E->pending_labels = copy;
        E->pending_label_count = count;
    }
    emit_stmt(E, body);
    E->pending_labels = NULL;
    E->pending_label_count = 0;
    em_bind(E, c.break_label);
    em_pop_control(E);
    free(copy);
}

static void emit_switch(Emitter *E, AstNode *n) {
    reset_completion(E);
    uint32_t mark = E->next_reg;
    uint32_t d = em_reg(E);
    emit_expr_to(E, n->u.switch_stmt.discriminant, d);
    Scope *outer = E->scope;
    Scope *ss = n->u.switch_stmt.scope.aux;
    Control env_ctl;
    em_enter_scope(E, ss, &env_ctl, &n->u.switch_stmt.scope.functions);
    Control c;
    em_push_control(E, &c, CTL_BREAKABLE);
    c.break_label = em_label(E);
    AstList *cases = &n->u.switch_stmt.cases;
    int32_t *labels = malloc(sizeof(int32_t) * (cases->count ? cases->count : 1));
    if (!labels) {
        em_fail_oom(E);
        return;
    }
    int32_t default_label = -1;
    for (uint32_t i = 0; i < cases->count; i++) {
        AstNode *cs = cases->items[i];
        labels[i] = em_label(E);
        if (!cs->u.switch_case.test) {
            default_label = labels[i];
            continue;
        }
        uint32_t m2 = E->next_reg;
        uint32_t t = emit_expr_any(E, cs->u.switch_case.test);
        em_set_pos(E, cs);
        em_jump(E, OP_JSEQ, labels[i], 2, d, t);
        E->next_reg = m2;
    }
    em_jump(E, OP_JMP, default_label >= 0 ? default_label : c.break_label, 0);
    for (uint32_t i = 0; i < cases->count; i++) {
        em_bind(E, labels[i]);
        emit_stmts(E, &cases->items[i]->u.switch_case.body);
    }
    free(labels);
    em_bind(E, c.break_label);
    em_pop_control(E);
    em_leave_scope(E, ss, outer);
    E->next_reg = mark;
}

void em_add_handler(Emitter *E, uint32_t start, uint32_t end, uint32_t handler, uint32_t depth) {
    if (start == end) return;
    if (E->handler_count == E->handler_cap) {
        uint32_t cap = E->handler_cap ? E->handler_cap * 2 : 8;
        ExceptionEntry *h = realloc(E->handlers, sizeof(ExceptionEntry) * cap);
        if (!h) {
            em_fail_oom(E);
            return;
        }
        E->handlers = h;
        E->handler_cap = cap;
    }
    E->handlers[E->handler_count++] = (ExceptionEntry){start, end, handler, depth};
}

static void emit_try(Emitter *E, AstNode *n) {
    reset_completion(E);
    AstNode *handler = n->u.try_stmt.handler;
    AstNode *finalizer = n->u.try_stmt.finalizer;
    uint32_t mark = E->next_reg;
    uint32_t depth = E->env_depth;
    Control fin;
    if (finalizer) {
        em_push_control(E, &fin, CTL_FINALLY);
        fin.kind_reg = em_regs(E, 2);
        fin.value_reg = fin.kind_reg + 1;
        fin.finally_label = em_label(E);
    }
    uint32_t try_start = E->code_len;
    E->try_depth++;
    emit_stmt(E, n->u.try_stmt.block);
    E->try_depth--;
    uint32_t try_end = E->code_len;
    if (handler) {
        int32_t after = em_label(E);
        em_jump(E, OP_JMP, after, 0);
        em_add_handler(E, try_start, try_end, E->code_len, depth);
        uint32_t exc = em_reg(E);
        em_set_pos(E, handler);
        em_op(E, OP_CATCH, 1, exc);
        reset_completion(E);
        Scope *outer = E->scope;
        Scope *cs = n->u.try_stmt.catch_scope.aux;
        Control env_ctl;
        em_enter_scope(E, cs, &env_ctl, NULL);
        if (n->u.try_stmt.param) emit_assign_to_target(E, n->u.try_stmt.param, exc, true, true);
        emit_stmt(E, handler);
        em_leave_scope(E, cs, outer);
        em_bind(E, after);
    }
    if (finalizer) {
        uint32_t region_end = E->code_len;
        E->ctl = fin.prev; /* the finally body itself is not protected */
        em_op(E, OP_LOAD_INT, 2, fin.kind_reg, (uint32_t)FIN_NORMAL);
        em_jump(E, OP_JMP, fin.finally_label, 0);
        em_add_handler(E, try_start, region_end, E->code_len, depth);
        em_op(E, OP_CATCH, 1, fin.value_reg);
        em_op(E, OP_LOAD_INT, 2, fin.kind_reg, (uint32_t)FIN_THROW);
        em_bind(E, fin.finally_label);
        uint32_t saved = 0;
        if (E->completion_reg >= 0) {
            /* an abrupt finally has completion UpdateEmpty(F, undefined) */
            saved = em_reg(E);
            em_op(E, OP_MOV, 2, saved, (uint32_t)E->completion_reg);
            em_op(E, OP_LOAD_UNDEF, 1, (uint32_t)E->completion_reg);
        }
        emit_stmt(E, finalizer);
        if (E->completion_reg >= 0) em_op(E, OP_MOV, 2, (uint32_t)E->completion_reg, saved);
        int32_t rethrow = em_label(E), done = em_label(E);
        em_jump(E, OP_JEQ_INT, rethrow, 2, fin.kind_reg, (uint32_t)FIN_THROW);
        int32_t *targets = NULL;
        if (fin.pending_count) {
            targets = malloc(sizeof(int32_t) * fin.pending_count);
            if (!targets) {
                em_fail_oom(E);
                free(fin.pending);
                return;
            }
        }
        for (uint32_t i = 0; i < fin.pending_count; i++) {
            targets[i] = em_label(E);
            em_jump(E, OP_JEQ_INT, targets[i], 2, fin.kind_reg, (uint32_t)fin.pending[i].id);
        }
        em_jump(E, OP_JMP, done, 0);
        em_bind(E, rethrow);
        em_op(E, OP_THROW, 1, fin.value_reg);
        for (uint32_t i = 0; i < fin.pending_count; i++) {
            em_bind(E, targets[i]);
            if (fin.pending[i].target)
                emit_jump_out(E, fin.pending[i].target, fin.pending[i].is_continue);
            else
                emit_return_value(E, fin.value_reg);
        }
        free(targets);
        free(fin.pending);
        em_bind(E, done);
    }
    E->next_reg = mark;
}

static void emit_with(Emitter *E, AstNode *n) {
    reset_completion(E);
    uint32_t mark = E->next_reg;
    uint32_t o = emit_expr_any(E, n->u.with_stmt.object);
    em_set_pos(E, n);
    em_op(E, OP_PUSH_WITH, 1, o);
    E->next_reg = mark;
    E->env_depth++;
    Control c;
    em_push_control(E, &c, CTL_ENV);
    Scope *outer = E->scope;
    E->scope = n->aux;
    emit_stmt(E, n->u.with_stmt.body);
    E->scope = outer;
    em_op(E, OP_POP_ENV, 0);
    E->env_depth--;
    em_pop_control(E);
}

static void emit_block(Emitter *E, AstNode *n) {
    Scope *outer = E->scope;
    Scope *bs = n->u.block.scope.aux;
    Control env_ctl;
    em_enter_scope(E, bs, &env_ctl, &n->u.block.scope.functions);
    emit_stmts(E, &n->u.block.body);
    em_leave_scope(E, bs, outer);
}

void emit_stmt(Emitter *E, AstNode *n) {
    if (E->failed || !n) return;
    em_set_pos(E, n);
    uint32_t mark = E->next_reg;
    switch (n->kind) {
    case AST_VAR_DECL: emit_var_decl(E, n); break;
    case AST_FUNCTION_DECL: emit_function_decl_site(E, n); break;
    case AST_CLASS_DECL: {
        uint32_t v = em_reg(E);
        AstClass *k = n->u.klass;
        emit_class(E, n, v,
                   k->id ? em_name_value(E, k->id->u.ident.name)
                         : val_from_string(ATOM(E->rt, default)));
        if (k->id) em_store_name(E, k->id->u.ident.name, v, true, true);
        break;
    }
    case AST_EXPR_STMT:
        if (E->completion_reg >= 0)
            emit_expr_to(E, n->u.expr_stmt.expr, (uint32_t)E->completion_reg);
        else
            emit_expr_any(E, n->u.expr_stmt.expr);
        break;
    case AST_BLOCK: emit_block(E, n); break;
    case AST_EMPTY:
    case AST_DEBUGGER: break;
    case AST_IF: {
        reset_completion(E);
        int32_t els = em_label(E), end = em_label(E);
        emit_cond_jump(E, n->u.if_stmt.test, els, false);
        emit_stmt(E, n->u.if_stmt.consequent);
        if (n->u.if_stmt.alternate) {
            em_jump(E, OP_JMP, end, 0);
            em_bind(E, els);
            emit_stmt(E, n->u.if_stmt.alternate);
        } else {
            em_bind(E, els);
        }
        em_bind(E, end);
        break;
    }
    case AST_FOR: emit_for(E, n); break;
    case AST_FOR_IN:
    case AST_FOR_OF: emit_for_in_of(E, n); break;
    case AST_WHILE:
    case AST_DO_WHILE: emit_while(E, n); break;
    case AST_CONTINUE:
    case AST_BREAK: emit_break_continue(E, n); break;
    case AST_RETURN:
        if (n->u.ret.argument) {
            E->tail_position = return_is_tail(E);
            uint32_t v = emit_expr_any(E, n->u.ret.argument);
            E->tail_position = false;
            em_set_pos(E, n);
            if (em_in_async_generator(E)) {
                /* #sec-return-statement-runtime-semantics-evaluation step 3 */
                uint32_t t = em_reg(E);
                emit_await(E, v, t);
                v = t;
            }
            emit_return_value(E, v);
        } else {
            bool through_finally = E->ast && (E->ast->flags & AST_FUNC_DERIVED);
            for (Control *c = E->ctl; c; c = c->prev)
                if (c->kind == CTL_FINALLY || c->kind == CTL_ITER) through_finally = true;
            if (through_finally) {
                uint32_t v = em_reg(E);
                em_op(E, OP_LOAD_UNDEF, 1, v);
                emit_return_value(E, v);
            } else {
                em_op(E, OP_RET_UNDEF, 0);
            }
        }
        break;
    case AST_WITH: emit_with(E, n); break;
    case AST_SWITCH: emit_switch(E, n); break;
    case AST_LABELED: emit_labeled(E, n); break;
    case AST_THROW: {
        uint32_t v = emit_expr_any(E, n->u.ret.argument);
        em_set_pos(E, n);
        em_op(E, OP_THROW, 1, v);
        break;
    }
    case AST_TRY: emit_try(E, n); break;
    case AST_IMPORT_DECL:
    case AST_EXPORT_NAMED:
    case AST_EXPORT_DEFAULT:
    case AST_EXPORT_ALL: emit_module_item(E, n); break;
    default: em_error(E, ERR_SYNTAX, "unsupported statement"); break;
    }
    E->next_reg = mark;
}

void emit_stmts(Emitter *E, AstList *l) {
    for (uint32_t i = 0; i < l->count && !E->failed; i++)
        emit_stmt(E, l->items[i]);
}
