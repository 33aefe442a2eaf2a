/* emit.c — the bytecode emitter's core: instruction encoding, constants,
 * labels, registers, positions, scopes and name access, function
 * compilation (prologues) and the program entry point. */
#include "compiler/emit.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "vm/env.h"
#include "vm/string.h"

/* Limits that turn into errors instead of overflows. */
#define MAX_REGISTERS 0x100000u
#define MAX_CODE_WORDS 0x10000000u

void em_fail_oom(Emitter *E) {
    if (!E->failed) {
        E->failed = true;
        if (!E->rt->has_exception) throw_range_error(E->ctx, "Out of memory while compiling");
    }
}

void em_error(Emitter *E, ErrorKind kind, const char *msg) {
    if (!E->failed) {
        E->failed = true;
        throw_error(E->ctx, kind, "%s", msg);
    }
}

static bool em_grow(Emitter *E, void **p, uint32_t *cap, uint32_t need, size_t elem) {
    if (need <= *cap) return true;
    uint32_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > 0x40000000u) {
            em_fail_oom(E);
            return false;
        }
        ncap *= 2;
    }
    void *n = realloc(*p, (size_t)ncap * elem);
    if (!n) {
        em_fail_oom(E);
        return false;
    }
    *p = n;
    *cap = ncap;
    return true;
}

void em_set_pos(Emitter *E, const AstNode *n) {
    if (n && n->line) {
        E->cur_line = n->line;
        E->cur_column = n->column;
    }
}

static void em_word(Emitter *E, uint32_t w) {
    if (E->failed) return;
    if (E->code_len >= MAX_CODE_WORDS) {
        em_error(E, ERR_RANGE, "Function too large");
        return;
    }
    if (!em_grow(E, (void **)&E->code, &E->code_cap, E->code_len + 1, sizeof(uint32_t))) return;
    E->code[E->code_len++] = w;
}

static void em_note_position(Emitter *E) {
    if (E->line_count > 0) {
        LineEntry *last = &E->lines[E->line_count - 1];
        if (last->line == E->cur_line && last->column == E->cur_column) return;
        if (last->pc == E->code_len) {
            last->line = E->cur_line;
            last->column = E->cur_column;
            return;
        }
    }
    if (!em_grow(E, (void **)&E->lines, &E->line_cap, E->line_count + 1, sizeof(LineEntry))) return;
    E->lines[E->line_count++] = (LineEntry){E->code_len, E->cur_line, E->cur_column};
}

uint32_t em_op(Emitter *E, Opcode op, int n, ...) {
    assert(n + 1 == opcode_lengths[op]);
    uint32_t pc = E->code_len;
    em_note_position(E);
    em_word(E, (uint32_t)op);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        em_word(E, va_arg(ap, uint32_t));
    va_end(ap);
    return pc;
}

int32_t em_label(Emitter *E) {
    if (!em_grow(E, (void **)&E->labels, &E->label_cap, E->label_count + 1, sizeof(int32_t)))
        return 0;
    E->labels[E->label_count] = -1;
    return (int32_t)E->label_count++;
}

void em_bind(Emitter *E, int32_t label) {
    if (!E->failed && (uint32_t)label < E->label_count) E->labels[label] = (int32_t)E->code_len;
}

void em_jump(Emitter *E, Opcode op, int32_t label, int n, ...) {
    assert(n + 2 == opcode_lengths[op]);
    uint32_t pc = E->code_len;
    em_note_position(E);
    em_word(E, (uint32_t)op);
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++)
        em_word(E, va_arg(ap, uint32_t));
    va_end(ap);
    uint32_t operand = E->code_len;
    em_word(E, 0);
    if (!em_grow(E, (void **)&E->patches, &E->patch_cap, E->patch_count + 1, sizeof(LabelPatch)))
        return;
    E->patches[E->patch_count++] = (LabelPatch){pc, operand, label};
}

uint32_t em_reg(Emitter *E) {
    return em_regs(E, 1);
}

uint32_t em_regs(Emitter *E, uint32_t n) {
    uint32_t r = E->next_reg;
    if (r + n > MAX_REGISTERS) {
        em_error(E, ERR_RANGE, "Too many registers needed by a function");
        return 0;
    }
    E->next_reg += n;
    if (E->next_reg > E->max_reg) E->max_reg = E->next_reg;
    return r;
}

/* ---- constants ---- */

static uint32_t hash_value(Value v) {
    uint64_t x = v * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(x >> 32);
}

static bool const_dedupable(Value v) {
    return val_is_number(v) || val_is_string(v) || !val_is_heap(v);
}

static bool rehash_consts(Emitter *E, uint32_t cap) {
    int32_t *t = malloc(sizeof(int32_t) * cap);
    if (!t) {
        em_fail_oom(E);
        return false;
    }
    for (uint32_t i = 0; i < cap; i++)
        t[i] = -1;
    for (uint32_t i = 0; i < E->const_count; i++) {
        if (!const_dedupable(E->consts[i])) continue;
        uint32_t h = hash_value(E->consts[i]) & (cap - 1);
        while (t[h] >= 0)
            h = (h + 1) & (cap - 1);
        t[h] = (int32_t)i;
    }
    free(E->const_hash);
    E->const_hash = t;
    E->const_hash_cap = cap;
    return true;
}

uint32_t em_const(Emitter *E, Value v) {
    if (E->failed) return 0;
    bool dedupe = const_dedupable(v);
    if (dedupe) {
        if (E->const_hash_cap < (E->const_count + 1) * 2 &&
            !rehash_consts(E, E->const_hash_cap ? E->const_hash_cap * 2 : 64))
            return 0;
        uint32_t h = hash_value(v) & (E->const_hash_cap - 1);
        while (E->const_hash[h] >= 0) {
            if (E->consts[E->const_hash[h]] == v) return (uint32_t)E->const_hash[h];
            h = (h + 1) & (E->const_hash_cap - 1);
        }
        E->const_hash[h] = (int32_t)E->const_count;
    }
    if (!em_grow(E, (void **)&E->consts, &E->const_cap, E->const_count + 1, sizeof(Value)))
        return 0;
    E->consts[E->const_count] = v;
    return E->const_count++;
}

Value em_name_value(Emitter *E, AstStr s) {
    String *str = str_new_utf16(E->rt, s.s, s.len);
    if (!str) {
        em_fail_oom(E);
        return VAL_EXCEPTION;
    }
    return val_from_string(str);
}

Value em_atom_value(Emitter *E, AstStr name) {
    String *s = str_new_utf16(E->rt, name.s, name.len);
    String *a = s ? atom_intern(E->rt, s) : NULL;
    if (!a) {
        em_fail_oom(E);
        return VAL_EXCEPTION;
    }
    return val_from_string(a);
}

uint32_t em_atom(Emitter *E, AstStr name) {
    Value v = em_atom_value(E, name);
    return val_is_exception(v) ? 0 : em_const(E, v);
}

uint32_t em_atom_cstr(Emitter *E, const char *name) {
    String *a = atom_from_cstr(E->rt, name);
    if (!a) {
        em_fail_oom(E);
        return 0;
    }
    return em_const(E, val_from_string(a));
}

uint32_t em_string(Emitter *E, AstStr s) {
    return em_atom(E, s);
}

uint32_t em_ic(Emitter *E) {
    return E->ic_count++;
}

void em_load_number(Emitter *E, uint32_t dst, double d) {
    Value v = val_from_number(d);
    if (val_is_int(v))
        em_op(E, OP_LOAD_INT, 2, dst, (uint32_t)val_to_int(v));
    else
        em_op(E, OP_LOAD_CONST, 2, dst, em_const(E, v));
}

/* The text of a callee for "x.y is not a function". */
static bool callee_text(StringBuilder *sb, const AstNode *n, int depth) {
    if (depth > 8) return false;
    switch (n->kind) {
    case AST_IDENT: sb_append_utf16(sb, n->u.ident.name.s, n->u.ident.name.len); return true;
    case AST_THIS: sb_append_ascii(sb, "this"); return true;
    case AST_MEMBER:
        if (n->u.member.object->kind == AST_SUPER)
            sb_append_ascii(sb, "super");
        else if (!callee_text(sb, n->u.member.object, depth + 1))
            return false;
        if (!n->u.member.computed && n->u.member.property->kind == AST_IDENT) {
            sb_append_ascii(sb, ".");
            sb_append_utf16(sb, n->u.member.property->u.ident.name.s,
                            n->u.member.property->u.ident.name.len);
            return true;
        }
        if (n->u.member.computed &&
            (n->u.member.property->kind == AST_IDENT || n->u.member.property->kind == AST_MEMBER)) {
            sb_append_ascii(sb, "[");
            if (!callee_text(sb, n->u.member.property, depth + 1)) return false;
            sb_append_ascii(sb, "]");
            return true;
        }
        if (n->u.member.computed && n->u.member.property->kind == AST_NUMBER) {
            char buf[40];
            snprintf(buf, sizeof buf, "[%.17g]", n->u.member.property->u.number.value);
            sb_append_ascii(sb, buf);
            return true;
        }
        return false;
    default: return false;
    }
}

void em_call_name(Emitter *E, uint32_t pc, const AstNode *callee) {
    if (E->failed) return;
    StringBuilder sb;
    sb_init(&sb, E->rt);
    if (!callee_text(&sb, callee, 0)) {
        sb_free(&sb);
        return;
    }
    String *s = sb_finish(&sb);
    if (!s) {
        em_fail_oom(E);
        return;
    }
    uint32_t k = em_const(E, val_from_string(s));
    if (!em_grow(E, (void **)&E->call_names, &E->call_name_cap, E->call_name_count + 1,
                 sizeof(CallSiteName)))
        return;
    E->call_names[E->call_name_count++] = (CallSiteName){pc, k};
}

/* ---- control stack ---- */

void em_push_control(Emitter *E, Control *c, ControlKind kind) {
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->prev = E->ctl;
    c->break_label = c->continue_label = c->finally_label = -1;
    E->ctl = c;
}

void em_pop_control(Emitter *E) {
    Control *c = E->ctl;
    E->ctl = c->prev;
    free(c->pending);
}

/* ---- scopes ---- */

uint32_t scope_desc(Emitter *E, Scope *s) {
    if (s->desc_const >= 0) return (uint32_t)s->desc_const;
    ValueArray *a = value_array_new(E->rt, s->env_slots * 2);
    if (!a) {
        em_fail_oom(E);
        return 0;
    }
    for (uint32_t i = 0; i < s->env_slots * 2; i++)
        a->items[i] = VAL_UNDEFINED;
    a->length = s->env_slots * 2;
    for (uint32_t i = 0; i < s->count; i++) {
        Binding *b = s->bindings[i];
        if (b->slot < 0) continue;
        Value name = em_atom_value(E, b->name);
        if (val_is_exception(name)) return 0;
        a->items[b->slot * 2] = name;
        a->items[b->slot * 2 + 1] = val_from_int(b->flags);
    }
    s->desc_const = (int32_t)em_const(E, val_from_cell(&a->hdr));
    return (uint32_t)s->desc_const;
}

/* Initializes a binding (register or slot of the innermost env) with src. */
static void em_init_binding(Emitter *E, Binding *b, uint32_t src) {
    if (b->reg >= 0) {
        if ((uint32_t)b->reg != src) em_op(E, OP_MOV, 2, (uint32_t)b->reg, src);
    } else {
        Resolution r = scope_resolve(E->scope, b->name);
        uint32_t hops = (r.binding == b && r.kind == RES_ENV) ? r.hops : 0;
        em_op(E, OP_PUT_ENV, 3, hops, (uint32_t)b->slot, src);
    }
}

static void em_instantiate_functions(Emitter *E, Scope *s, AstList *functions) {
    for (uint32_t i = 0; functions && i < functions->count; i++) {
        AstNode *fd = functions->items[i];
        AstFunction *f = fd->u.func;
        if (!f->id) continue;
        Binding *b = scope_find_local(s, f->id->u.ident.name);
        if (!b) continue;
        uint32_t k = em_function(E, f, VAL_UNDEFINED);
        uint32_t mark = E->next_reg;
        uint32_t t = b->reg >= 0 ? (uint32_t)b->reg : em_reg(E);
        em_op(E, OP_CLOSURE, 2, t, k);
        if (b->reg < 0) em_init_binding(E, b, t);
        E->next_reg = mark;
    }
}

void em_enter_scope(Emitter *E, Scope *s, Control *env_ctl, AstList *functions) {
    if (!s || s == E->scope) return;
    if (s->has_env) {
        em_op(E, OP_PUSH_ENV, 2, scope_desc(E, s), (uint32_t)s->env_flags);
        E->env_depth++;
        em_push_control(E, env_ctl, CTL_ENV);
    }
    E->scope = s;
    for (uint32_t i = 0; i < s->count; i++) {
        Binding *b = s->bindings[i];
        if ((b->flags & BIND_LEXICAL) && b->reg >= 0) em_op(E, OP_LOAD_UNINIT, 1, (uint32_t)b->reg);
    }
    em_instantiate_functions(E, s, functions);
}

void em_leave_scope(Emitter *E, Scope *s, Scope *outer) {
    if (!s || s == outer) return;
    if (s->has_env) {
        em_op(E, OP_POP_ENV, 0);
        E->env_depth--;
        em_pop_control(E);
    }
    E->scope = outer;
}

/* ---- names ---- */

void em_load_name(Emitter *E, AstStr name, uint32_t dst) {
    Resolution r = scope_resolve(E->scope, name);
    Binding *b = r.binding;
    switch (r.kind) {
    case RES_REG:
        if (b->flags & BIND_LEXICAL) em_op(E, OP_CHECK_TDZ, 2, (uint32_t)b->reg, em_atom(E, name));
        if ((uint32_t)b->reg != dst) em_op(E, OP_MOV, 2, dst, (uint32_t)b->reg);
        break;
    case RES_ENV:
        if (b->kind == AST_DECL_IMPORT) /* an indirect binding (emit_module.h) */
            em_op(E, OP_GET_IMPORT, 4, dst, r.hops, (uint32_t)b->slot, em_atom(E, name));
        else if (b->flags & BIND_LEXICAL)
            em_op(E, OP_GET_ENV_CHECK, 4, dst, r.hops, (uint32_t)b->slot, em_atom(E, name));
        else
            em_op(E, OP_GET_ENV, 3, dst, r.hops, (uint32_t)b->slot);
        break;
    case RES_GLOBAL: em_op(E, OP_GET_GLOBAL, 3, dst, em_atom(E, name), em_ic(E)); break;
    case RES_DYNAMIC: em_op(E, OP_GET_NAME, 2, dst, em_atom(E, name)); break;
    }
}

uint32_t em_load_name_any(Emitter *E, AstStr name) {
    Resolution r = scope_resolve(E->scope, name);
    if (r.kind == RES_REG) {
        if (r.binding->flags & BIND_LEXICAL)
            em_op(E, OP_CHECK_TDZ, 2, (uint32_t)r.binding->reg, em_atom(E, name));
        return (uint32_t)r.binding->reg;
    }
    uint32_t t = em_reg(E);
    em_load_name(E, name, t);
    return t;
}

void em_store_name(Emitter *E, AstStr name, uint32_t src, bool init, bool lexical_decl) {
    Resolution r = scope_resolve(E->scope, name);
    Binding *b = r.binding;
    bool strict = E->fi->strict;
    if ((r.kind == RES_REG || r.kind == RES_ENV) && !init) {
        if (b->flags & BIND_SILENT_CONST) {
            if (strict) em_op(E, OP_THROW_CONST, 1, em_atom(E, name));
            return;
        }
        if (b->flags & BIND_CONST) {
            uint32_t t = E->next_reg;
            if (r.kind == RES_REG) {
                em_op(E, OP_CHECK_TDZ, 2, (uint32_t)b->reg, em_atom(E, name));
            } else {
                t = em_reg(E);
                em_op(E, OP_GET_ENV_CHECK, 4, t, r.hops, (uint32_t)b->slot, em_atom(E, name));
                E->next_reg = t;
            }
            em_op(E, OP_THROW_CONST, 1, em_atom(E, name));
            return;
        }
    }
    switch (r.kind) {
    case RES_REG:
        if (!init && (b->flags & BIND_LEXICAL))
            em_op(E, OP_CHECK_TDZ, 2, (uint32_t)b->reg, em_atom(E, name));
        if ((uint32_t)b->reg != src) em_op(E, OP_MOV, 2, (uint32_t)b->reg, src);
        break;
    case RES_ENV:
        if (!init && (b->flags & BIND_LEXICAL))
            em_op(E, OP_PUT_ENV_CHECK, 4, r.hops, (uint32_t)b->slot, src, em_atom(E, name));
        else
            em_op(E, OP_PUT_ENV, 3, r.hops, (uint32_t)b->slot, src);
        break;
    case RES_GLOBAL:
        if (init && lexical_decl)
            em_op(E, OP_INIT_GLOBAL_LEX, 2, em_atom(E, name), src);
        else
            em_op(E, OP_PUT_GLOBAL, 3, em_atom(E, name), src, em_ic(E));
        break;
    case RES_DYNAMIC: em_op(E, OP_PUT_NAME, 2, em_atom(E, name), src); break;
    }
}

/* ---- finishing a function ---- */

/* memcpy with a zero count allowed: the emitter's growable arrays are NULL
   until their first item, and memcpy's source must never be NULL. */
static void copy_items(void *dst, const void *src, size_t bytes) {
    if (bytes) memcpy(dst, src, bytes);
}

FunctionBytecode *em_finish(Emitter *E, AstFunction *fn, Value name, uint32_t flags) {
    if (E->failed) return NULL;
    for (uint32_t i = 0; i < E->patch_count; i++) {
        LabelPatch *p = &E->patches[i];
        int32_t target = E->labels[p->label];
        assert(target >= 0);
        E->code[p->operand] = (uint32_t)(target - (int32_t)p->insn);
    }
    FunctionBytecode *fb = gc_alloc(E->rt, CELL_BYTECODE, sizeof(FunctionBytecode));
    if (!fb) {
        E->failed = true;
        return NULL;
    }
    fb->name = name;
    fb->source = E->source_value;
    fb->filename = E->filename_value;
    fb->code = gc_malloc(E->rt, sizeof(uint32_t) * (E->code_len ? E->code_len : 1));
    fb->consts = gc_malloc(E->rt, sizeof(Value) * (E->const_count ? E->const_count : 1));
    fb->ics = gc_malloc(E->rt, sizeof(InlineCache) * (E->ic_count ? E->ic_count : 1));
    fb->handlers =
        gc_malloc(E->rt, sizeof(ExceptionEntry) * (E->handler_count ? E->handler_count : 1));
    fb->lines = gc_malloc(E->rt, sizeof(LineEntry) * (E->line_count ? E->line_count : 1));
    fb->call_names =
        gc_malloc(E->rt, sizeof(CallSiteName) * (E->call_name_count ? E->call_name_count : 1));
    if (!fb->code || !fb->consts || !fb->ics || !fb->handlers || !fb->lines || !fb->call_names) {
        E->failed = true;
        return NULL; /* bytecode_finalize frees what was allocated (counts are 0) */
    }
    copy_items(fb->code, E->code, sizeof(uint32_t) * E->code_len);
    fb->code_len = E->code_len;
    copy_items(fb->consts, E->consts, sizeof(Value) * E->const_count);
    fb->const_count = E->const_count;
    memset(fb->ics, 0, sizeof(InlineCache) * (E->ic_count ? E->ic_count : 1));
    fb->ic_count = E->ic_count;
    copy_items(fb->handlers, E->handlers, sizeof(ExceptionEntry) * E->handler_count);
    fb->handler_count = E->handler_count;
    copy_items(fb->lines, E->lines, sizeof(LineEntry) * E->line_count);
    fb->line_count = E->line_count;
    copy_items(fb->call_names, E->call_names, sizeof(CallSiteName) * E->call_name_count);
    fb->call_name_count = E->call_name_count;
    fb->reg_count = E->max_reg;
    fb->param_count = E->fi->param_count;
    fb->length = fn ? fn->length : 0;
    fb->flags = flags;
    if (fn) {
        fb->source_start = fn->source_start;
        fb->source_end = fn->source_end;
        fb->line = fn->line;
        fb->column = fn->column;
    }
    return fb;
}

void em_free(Emitter *E) {
    free(E->code);
    free(E->consts);
    free(E->const_hash);
    free(E->handlers);
    free(E->lines);
    free(E->call_names);
    free(E->labels);
    free(E->patches);
}

void em_init(Emitter *E, Emitter *parent, Context *ctx, FuncInfo *fi) {
    memset(E, 0, sizeof *E);
    E->parent = parent;
    E->ctx = ctx;
    E->rt = ctx->rt;
    E->fi = fi;
    E->ast = fi->ast;
    E->completion_reg = -1;
    E->annexb_flags = -1;
    E->chain_label = -1;
    if (parent) {
        E->source = parent->source;
        E->source_len = parent->source_len;
        E->source_value = parent->source_value;
        E->filename_value = parent->filename_value;
        E->failed = parent->failed;
    }
    scope_assign_locations(fi);
    E->next_reg = E->max_reg = fi->reg_count;
}

static bool has_rest_param(AstFunction *fn) {
    return fn->params.count && fn->params.items[fn->params.count - 1]->kind == AST_REST;
}

/* Binds the parameters of a function with a non-simple parameter list
 * (defaults, patterns, rest): IteratorBindingInitialization of
 * #sec-functiondeclarationinstantiation with arguments in registers. */
static void em_bind_complex_params(Emitter *E, AstFunction *fn) {
    for (uint32_t i = 0; i < fn->params.count; i++) {
        AstNode *p = fn->params.items[i];
        uint32_t mark = E->next_reg;
        if (p->kind == AST_REST) {
            uint32_t t = em_reg(E);
            em_op(E, OP_CREATE_REST, 2, t, i);
            emit_assign_to_target(E, p->u.spread.argument, t, true, false);
        } else {
            emit_assign_to_target(E, p, 1 + i, true, false);
        }
        E->next_reg = mark;
    }
}

static uint32_t function_flags(FuncInfo *fi, AstFunction *fn) {
    uint32_t flags = 0;
    uint32_t f = fn->flags;
    if (fi->strict) flags |= FB_STRICT;
    if (f & AST_FUNC_ARROW) flags |= FB_ARROW;
    if (f & (AST_FUNC_USES_THIS | AST_FUNC_HAS_DIRECT_EVAL)) flags |= FB_USES_THIS;
    if (fi->needs_arguments || has_rest_param(fn)) flags |= FB_KEEP_EXTRA_ARGS;
    bool is_method = f & (AST_FUNC_METHOD | AST_FUNC_GETTER | AST_FUNC_SETTER |
                          AST_FUNC_FIELD_INIT | AST_FUNC_STATIC_BLOCK);
    if (!(f & (AST_FUNC_ARROW | AST_FUNC_GENERATOR | AST_FUNC_ASYNC)) && !is_method)
        flags |= FB_CONSTRUCTOR;
    if (f & AST_FUNC_CLASS_CONSTRUCTOR) flags |= FB_CLASS_CONSTRUCTOR | FB_CONSTRUCTOR;
    if (f & AST_FUNC_DERIVED) flags |= FB_DERIVED;
    if (is_method) flags |= FB_METHOD;
    if (f & AST_FUNC_GETTER) flags |= FB_GETTER;
    if (f & AST_FUNC_SETTER) flags |= FB_SETTER;
    if (f & AST_FUNC_GENERATOR) flags |= FB_GENERATOR;
    if (f & AST_FUNC_ASYNC) flags |= FB_ASYNC;
    if (f & AST_FUNC_FIELD_INIT) flags |= FB_FIELD_INIT;
    if ((f & AST_FUNC_FIELD_INIT) && fn->body.count == 1 && fn->body.items[0]->kind == AST_RETURN &&
        fn->body.items[0]->u.ret.argument &&
        is_anonymous_function_definition(fn->body.items[0]->u.ret.argument))
        flags |= FB_NAMES_RESULT;
    return flags;
}

/* FunctionDeclarationInstantiation step 28 — #sec-functiondeclarationinstantiation:
 * after the parameters are bound, the body's own variable environment; a
 * var named like a parameter (or arguments) starts with its value. */
static Scope *em_enter_var_scope(Emitter *E, FuncInfo *fi) {
    Scope *ps = fi->param_scope, *vs = fi->var_scope;
    uint32_t mark = E->next_reg;
    uint32_t first = E->next_reg;
    uint32_t copies = 0;
    for (uint32_t i = 0; i < vs->count; i++) {
        Binding *b = vs->bindings[i];
        Binding *p = b->kind == AST_DECL_VAR ? scope_find_local(ps, b->name) : NULL;
        if (!p || (p->kind != AST_DECL_PARAM && p->kind != BINDING_KIND_ARGUMENTS)) continue;
        em_load_name(E, b->name, em_reg(E));
        copies++;
    }
    if (vs->has_env) {
        em_op(E, OP_PUSH_ENV, 2, scope_desc(E, vs), (uint32_t)vs->env_flags);
        E->env_depth++;
    }
    E->scope = vs;
    uint32_t t = first;
    for (uint32_t i = 0; i < vs->count; i++) {
        Binding *b = vs->bindings[i];
        if ((b->flags & BIND_LEXICAL) && b->reg >= 0) em_op(E, OP_LOAD_UNINIT, 1, (uint32_t)b->reg);
        Binding *p = b->kind == AST_DECL_VAR ? scope_find_local(ps, b->name) : NULL;
        if (!p || (p->kind != AST_DECL_PARAM && p->kind != BINDING_KIND_ARGUMENTS)) continue;
        em_init_binding(E, b, t++);
    }
    (void)copies;
    E->next_reg = mark;
    return vs;
}

uint32_t em_function(Emitter *P, AstFunction *fn, Value name_hint) {
    if (P->failed) return 0;
    FuncInfo *fi = fn->aux;
    if (!fi) {
        em_fail_oom(P);
        return 0;
    }
    Emitter E;
    em_init(&E, P, P->ctx, fi);
    E.scope = fi->name_scope ? fi->name_scope : fi->var_scope;
    em_set_pos(&E, fn->body.count ? fn->body.items[0] : NULL);
    E.cur_line = fn->line;
    E.cur_column = fn->column;
    /* An async function's promise exists before its parameters are bound:
     * their errors reject it (#sec-runtime-semantics-evaluateasyncfunctionbody). */
    if ((fn->flags & (AST_FUNC_ASYNC | AST_FUNC_GENERATOR)) == AST_FUNC_ASYNC)
        em_op(&E, OP_ASYNC_START, 0);

    /* The function's own name (named function expressions). */
    if (fi->name_scope) {
        Scope *ns = fi->name_scope;
        Binding *b = fi->name_binding;
        if (ns->has_env) {
            em_op(&E, OP_PUSH_ENV, 2, scope_desc(&E, ns), (uint32_t)ns->env_flags);
            E.env_depth++;
            uint32_t t = em_reg(&E);
            em_op(&E, OP_GET_CALLEE, 1, t);
            em_op(&E, OP_PUT_ENV, 3, 0u, (uint32_t)b->slot, t);
            E.next_reg = t;
        } else if (b && b->reg >= 0) {
            em_op(&E, OP_GET_CALLEE, 1, (uint32_t)b->reg);
        }
    }
    if (fi->callee_scope) {
        em_op(&E, OP_PUSH_ENV, 2, scope_desc(&E, fi->callee_scope),
              (uint32_t)fi->callee_scope->env_flags);
        E.env_depth++;
    }
    Scope *vs = fi->param_scope ? fi->param_scope : fi->var_scope;
    if (vs->has_env) {
        em_op(&E, OP_PUSH_ENV, 2, scope_desc(&E, vs), (uint32_t)vs->env_flags);
        E.env_depth++;
    }
    E.scope = vs;
    for (uint32_t i = 0; i < vs->count; i++) {
        Binding *b = vs->bindings[i];
        if ((b->flags & BIND_LEXICAL) && b->reg >= 0)
            em_op(&E, OP_LOAD_UNINIT, 1, (uint32_t)b->reg);
    }
    if (fi->this_binding && fi->this_binding->slot >= 0)
        em_op(&E, OP_PUT_ENV, 3, 0u, (uint32_t)fi->this_binding->slot, 0u);
    bool simple = fn->flags & AST_FUNC_SIMPLE_PARAMS;
    if (simple) {
        for (uint32_t i = 0; i < vs->count; i++) {
            Binding *b = vs->bindings[i];
            if (b->param_index >= 0 && b->slot >= 0)
                em_op(&E, OP_PUT_ENV, 3, 0u, (uint32_t)b->slot, 1u + (uint32_t)b->param_index);
        }
    }
    if (fi->arguments_binding) {
        Binding *b = fi->arguments_binding;
        uint32_t t = b->reg >= 0 ? (uint32_t)b->reg : em_reg(&E);
        if (fi->mapped_arguments) {
            ValueArray *map = value_array_new(E.rt, fn->params.count ? fn->params.count : 1);
            if (!map) {
                em_fail_oom(&E);
            } else {
                for (uint32_t i = 0; i < fn->params.count; i++) {
                    Binding *pb = scope_find_local(vs, fn->params_decls.items[i].name);
                    int32_t slot = (pb && pb->param_index == (int32_t)i) ? pb->slot : -1;
                    map->items[i] = val_from_int(slot);
                }
                map->length = fn->params.count;
                em_op(&E, OP_CREATE_MAPPED_ARGUMENTS, 2, t, em_const(&E, val_from_cell(&map->hdr)));
            }
        } else {
            em_op(&E, OP_CREATE_ARGUMENTS, 1, t);
        }
        if (b->reg < 0) {
            em_op(&E, OP_PUT_ENV, 3, 0u, (uint32_t)b->slot, t);
            E.next_reg = t;
        }
    }
    if (fi->new_target_binding) {
        Binding *b = fi->new_target_binding;
        uint32_t t = b->reg >= 0 ? (uint32_t)b->reg : em_reg(&E);
        em_op(&E, OP_GET_NEW_TARGET, 1, t);
        if (b->reg < 0) {
            em_op(&E, OP_PUT_ENV, 3, 0u, (uint32_t)b->slot, t);
            E.next_reg = t;
        }
    }
    if (!simple) em_bind_complex_params(&E, fn);
    if (fi->param_scope) vs = em_enter_var_scope(&E, fi);
    em_instantiate_functions(&E, vs, &fn->var_functions);
    /* A generator's call ends here: the body runs on the first next(). */
    if (fn->flags & AST_FUNC_GENERATOR) em_op(&E, OP_GENERATOR_START, 0);

    emit_stmts(&E, &fn->body);
    if (fn->flags & AST_FUNC_DERIVED) {
        uint32_t u = em_reg(&E);
        em_op(&E, OP_LOAD_UNDEF, 1, u);
        emit_return_value(&E, u);
    } else {
        em_op(&E, OP_RET_UNDEF, 0);
    }

    Value name = name_hint;
    if (fn->id)
        name = em_name_value(&E, fn->id->u.ident.name);
    else {
        if (!val_is_string(name))
            name = fn->name.len ? em_name_value(&E, fn->name) : val_from_string(ATOM(E.rt, empty));
        if ((fn->flags & (AST_FUNC_GETTER | AST_FUNC_SETTER)) && val_is_string(name) &&
            val_as_string(name)->length) {
            String *pre = ATOM(E.rt, get_);
            if (fn->flags & AST_FUNC_SETTER) pre = ATOM(E.rt, set_);
            String *cat = str_concat(E.rt, pre, val_as_string(name));
            name = cat ? val_from_string(cat) : VAL_EXCEPTION;
        }
    }
    if (val_is_exception(name)) em_fail_oom(&E);
    FunctionBytecode *fb = em_finish(&E, fn, name, function_flags(fi, fn));
    if (!fb) P->failed = true;
    em_free(&E);
    if (!fb) return 0;
    return em_const(P, val_from_cell(&fb->hdr));
}

/* The constructor of a class without one: `constructor() {}`, or for a
 * derived class `constructor(...args) { super(...args); }` without the
 * observable array iteration (#sec-runtime-semantics-classdefinitionevaluation step 14). */
uint32_t em_default_constructor(Emitter *P, bool derived, Value name, uint32_t src_start,
                                uint32_t src_end) {
    if (P->failed) return 0;
    FuncInfo fi;
    Scope vs;
    memset(&fi, 0, sizeof fi);
    memset(&vs, 0, sizeof vs);
    vs.func = &fi;
    vs.desc_const = -1;
    fi.var_scope = &vs;
    fi.strict = true;
    fi.locations_done = true;
    fi.reg_count = 1;
    Emitter E;
    em_init(&E, P, P->ctx, &fi);
    E.scope = &vs;
    if (derived) {
        uint32_t r = em_reg(&E);
        em_op(&E, OP_SUPER_FORWARD, 1, r);
        em_op(&E, OP_RET, 1, r);
    } else {
        em_op(&E, OP_RET_UNDEF, 0);
    }
    uint32_t flags = FB_STRICT | FB_CONSTRUCTOR | FB_CLASS_CONSTRUCTOR |
                     (derived ? FB_DERIVED | FB_KEEP_EXTRA_ARGS : 0);
    FunctionBytecode *fb = em_finish(&E, NULL, name, flags);
    em_free(&E);
    if (!fb) {
        P->failed = true;
        return 0;
    }
    fb->source_start = src_start;
    fb->source_end = src_end;
    return em_const(P, val_from_cell(&fb->hdr));
}

/* ---- programs ---- */

/* Kept in step with interp_ops.c. DECL_ANNEXB_FUNCTION: a block-level
 * function that var-hoists if the run-time checks of B.3.2.2 / B.3.2.3
 * allow it. */
enum {
    DECL_LET = 0,
    DECL_CONST = 1,
    DECL_CLASS = 2,
    DECL_FUNCTION = 3,
    DECL_VAR = 4,
    DECL_ANNEXB_FUNCTION = 5
};

/* The declaration list of a script or sloppy eval: pairs [kind, atom] (and
 * a FunctionBytecode after a DECL_FUNCTION pair). The instantiating op
 * writes its Annex B decisions to E->annexb_flags. */
static void em_declarations(Emitter *E, AstNode *root, bool eval) {
    AstFunction *fn = root->u.program.func;
    ValueArray *a = value_array_new(E->rt, 8);
    if (!a) {
        em_fail_oom(E);
        return;
    }
    uint32_t k = em_const(E, val_from_cell(&a->hdr));
    bool any = false;
#define PUSH(v)                                                                                    \
    do {                                                                                           \
        if (value_array_push(E->rt, a, (v)) < 0) {                                                 \
            em_fail_oom(E);                                                                        \
            return;                                                                                \
        }                                                                                          \
    } while (0)
    if (!eval) {
        for (uint32_t i = 0; i < fn->body_scope.decls.count; i++) {
            AstDecl *d = &fn->body_scope.decls.items[i];
            int kind = d->kind == AST_DECL_CONST   ? DECL_CONST
                       : d->kind == AST_DECL_CLASS ? DECL_CLASS
                                                   : DECL_LET;
            Value name = em_atom_value(E, d->name);
            if (val_is_exception(name)) return;
            PUSH(val_from_int(kind));
            PUSH(name);
            any = true;
        }
    }
    /* Functions: the last declaration of a name wins (#sec-globaldeclarationinstantiation step 8).
     */
    for (uint32_t i = fn->var_functions.count; i-- > 0;) {
        AstFunction *f = fn->var_functions.items[i]->u.func;
        if (!f->id) continue;
        bool later = false;
        for (uint32_t j = i + 1; j < fn->var_functions.count && !later; j++) {
            AstFunction *g = fn->var_functions.items[j]->u.func;
            later = g->id && ast_str_eq(g->id->u.ident.name, f->id->u.ident.name);
        }
        if (later) continue;
        Value name = em_atom_value(E, f->id->u.ident.name);
        if (val_is_exception(name)) return;
        uint32_t fk = em_function(E, f, VAL_UNDEFINED);
        if (E->failed) return;
        PUSH(val_from_int(DECL_FUNCTION));
        PUSH(name);
        PUSH(E->consts[fk]);
        any = true;
    }
    for (uint32_t i = 0; i < fn->var_decls.count; i++) {
        Value name = em_atom_value(E, fn->var_decls.items[i].name);
        if (val_is_exception(name)) return;
        PUSH(val_from_int(DECL_VAR));
        PUSH(name);
        any = true;
    }
    if (E->annexb_flags >= 0) {
        for (uint32_t i = 0; i < fn->annexb_functions.count; i++) {
            AstFunction *f = fn->annexb_functions.items[i]->u.func;
            Value name = em_atom_value(E, f->id->u.ident.name);
            if (val_is_exception(name)) return;
            PUSH(val_from_int(DECL_ANNEXB_FUNCTION));
            PUSH(name);
            any = true;
        }
    }
#undef PUSH
    if (any)
        em_op(E, eval ? OP_DECLARE_EVAL : OP_DECLARE_GLOBALS, 2, k,
              E->annexb_flags >= 0 ? (uint32_t)E->annexb_flags : 0u);
}

FunctionBytecode *emit_program(Context *ctx, AstNode *root, ScopeAnalysis *sa, const char *source,
                               size_t source_len, const char *filename) {
    FuncInfo *fi = sa->program;
    AstFunction *fn = root->u.program.func;
    Emitter E;
    em_init(&E, NULL, ctx, fi);
    E.source = source;
    E.source_len = source_len;
    E.source_value = VAL_UNDEFINED;
    E.filename_value = VAL_UNDEFINED;
    String *src = str_new_latin1(E.rt, (const uint8_t *)source, source_len);
    String *fname = filename ? str_from_cstr(E.rt, filename) : NULL;
    if (!src || (filename && !fname)) {
        em_free(&E);
        return NULL;
    }
    E.source_value = val_from_string(src);
    if (fname) E.filename_value = val_from_string(fname);
    E.cur_line = 1;
    E.cur_column = 1;

    Scope *ps = fi->var_scope;
    if (ps->has_env) {
        em_op(&E, OP_PUSH_ENV, 2, scope_desc(&E, ps), (uint32_t)ps->env_flags);
        E.env_depth++;
    }
    E.scope = ps;
    for (uint32_t i = 0; i < ps->count; i++) {
        Binding *b = ps->bindings[i];
        if ((b->flags & BIND_LEXICAL) && b->reg >= 0)
            em_op(&E, OP_LOAD_UNINIT, 1, (uint32_t)b->reg);
    }
    if (fi->this_binding && fi->this_binding->slot >= 0)
        em_op(&E, OP_PUT_ENV, 3, 0u, (uint32_t)fi->this_binding->slot, 0u);
    if (!fi->strict && fn->annexb_functions.count)
        E.annexb_flags = (int32_t)em_regs(&E, fn->annexb_functions.count);
    if (!fi->is_eval)
        em_declarations(&E, root, false);
    else if (!fi->strict)
        em_declarations(&E, root, true);
    else
        em_instantiate_functions(&E, ps, &fn->var_functions);

    E.completion_reg = (int32_t)em_reg(&E);
    em_op(&E, OP_LOAD_UNDEF, 1, (uint32_t)E.completion_reg);
    emit_stmts(&E, &root->u.program.body);
    em_op(&E, OP_RET, 1, (uint32_t)E.completion_reg);

    uint32_t flags = FB_PROGRAM | (fi->strict ? FB_STRICT : 0) | (fi->is_eval ? FB_EVAL : 0);
    FunctionBytecode *fb = em_finish(&E, fn, val_from_string(ATOM(E.rt, empty)), flags);
    if (fb) {
        fb->source_start = 0;
        fb->source_end = (uint32_t)source_len;
    }
    em_free(&E);
    return fb;
}

/* A nested function compiled on its own (CreateDynamicFunction): fn is the
 * function expression of a program analyzed as global code. */
FunctionBytecode *emit_dynamic_function(Context *ctx, AstNode *root, ScopeAnalysis *sa,
                                        AstFunction *fn, const char *source, size_t source_len);
FunctionBytecode *emit_dynamic_function(Context *ctx, AstNode *root, ScopeAnalysis *sa,
                                        AstFunction *fn, const char *source, size_t source_len) {
    Emitter E;
    em_init(&E, NULL, ctx, sa->program);
    E.source_value = VAL_UNDEFINED;
    E.filename_value = VAL_UNDEFINED;
    String *src = str_new_latin1(E.rt, (const uint8_t *)source, source_len);
    if (!src) {
        em_free(&E);
        return NULL;
    }
    E.source_value = val_from_string(src);
    E.scope = sa->program->var_scope;
    uint32_t k = em_function(&E, fn, val_from_string(ATOM(E.rt, anonymous)));
    FunctionBytecode *fb = E.failed ? NULL : val_as_bytecode(E.consts[k]);
    em_free(&E);
    (void)root;
    return fb;
}
