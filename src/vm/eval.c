/* eval.c — compiling scripts, eval code and dynamic functions:
 * vm_compile_script, PerformEval (direct: eval_compile from the loop;
 * indirect: vm_indirect_eval) and CreateDynamicFunction. */
#include <stdlib.h>
#include <string.h>

#include "compiler/emit.h"
#include "compiler/parser.h"
#include "compiler/scope.h"
#include "vm/conv.h"
#include "vm/env.h"
#include "vm/interp.h"
#include "vm/module.h"
#include "vm/string.h"
#include "vm/vm.h"

FunctionBytecode *emit_dynamic_function(Context *ctx, AstNode *root, ScopeAnalysis *sa,
                                        AstFunction *fn, const char *source, size_t source_len);

/* A parse error as a pending SyntaxError (or RangeError) whose message ends
 * with "(file:line:column)"; the position is also kept in the error's
 * fileName / lineNumber / columnNumber properties for the CLI. */
static Value throw_parse_error(Context *ctx, const ParseError *err, const char *filename) {
    Runtime *rt = ctx->rt;
    if (err->kind == PARSE_ERROR_RANGE) return throw_range_error(ctx, "%s", err->message);
    const char *file = filename ? filename : "<input>";
    throw_syntax_error(ctx, "%s (%s:%d:%d)", err->message, file, err->line, err->column);
    if (rt->has_exception && val_is_object(rt->exception) && !rt->exception_uncatchable) {
        Object *e = obj_from_value(rt->exception);
        HandleMark m = gc_scope_open(rt);
        String *fname = str_from_cstr(rt, file);
        PropKey kf = key_from_cstr(rt, "fileName");
        PropKey kl = key_from_cstr(rt, "lineNumber");
        PropKey kc = key_from_cstr(rt, "columnNumber");
        if (fname && kf != KEY_NONE && kl != KEY_NONE && kc != KEY_NONE) {
            obj_define_data_fast(ctx, e, kf, val_from_string(fname), PROP_BUILTIN);
            obj_define_data_fast(ctx, e, kl, val_from_int(err->line), PROP_BUILTIN);
            obj_define_data_fast(ctx, e, kc, val_from_int(err->column), PROP_BUILTIN);
        }
        gc_scope_close(rt, m);
        if (!rt->has_exception) rt->has_exception = true;
    }
    return VAL_EXCEPTION;
}

/* Parses, analyzes and emits a program. NULL with an exception pending. */
static FunctionBytecode *compile_program(Context *ctx, const char *source, size_t len,
                                         const char *filename, const ParseOptions *opt,
                                         bool is_eval, bool direct) {
    AstArena arena;
    ast_arena_init(&arena);
    ParseError err;
    memset(&err, 0, sizeof err);
    AstNode *root = parse_program(&arena, source, len, filename, opt, &err);
    if (!root) {
        ast_arena_free(&arena);
        throw_parse_error(ctx, &err, filename);
        return NULL;
    }
    ScopeAnalysis sa;
    if (!scope_analyze(&sa, root, is_eval, direct)) {
        scope_analysis_free(&sa);
        ast_arena_free(&arena);
        throw_range_error(ctx, "Out of memory while compiling");
        return NULL;
    }
    FunctionBytecode *fb = emit_program(ctx, root, &sa, source, len, filename);
    scope_analysis_free(&sa);
    ast_arena_free(&arena);
    if (!fb && !ctx->rt->has_exception) throw_range_error(ctx, "Out of memory while compiling");
    return fb;
}

Value vm_compile_script(Context *ctx, const char *source, size_t length, const char *filename,
                        int flags) {
    Runtime *rt = ctx->rt;
    if (flags & MICA_EVAL_MODULE) {
        HandleMark m = gc_scope_open(rt);
        ModuleRecord *mod = module_parse(ctx, source, length, filename ? filename : "<input>");
        if (!mod) {
            gc_scope_close(rt, m);
            return VAL_EXCEPTION;
        }
        return gc_scope_escape(rt, m, val_from_cell(&mod->cell.hdr));
    }
    ParseOptions opt;
    memset(&opt, 0, sizeof opt);
    opt.goal = PARSE_GOAL_SCRIPT;
    opt.strict = (flags & MICA_EVAL_STRICT) != 0;
    HandleMark m = gc_scope_open(rt);
    FunctionBytecode *fb = compile_program(ctx, source, length, filename, &opt, false, false);
    if (!fb) {
        gc_scope_close(rt, m);
        return VAL_EXCEPTION;
    }
    Script *s = gc_alloc(rt, CELL_SCRIPT, sizeof(Script));
    if (!s) {
        gc_scope_close(rt, m);
        return VAL_EXCEPTION;
    }
    s->main = fb;
    return gc_scope_escape(rt, m, val_from_cell(&s->hdr));
}

/* PerformEval steps 1-11 (parsing) — #sec-performeval */
Value eval_compile(Context *ctx, Value x, bool direct, bool caller_strict, Frame *caller,
                   bool *not_code) {
    Runtime *rt = ctx->rt;
    if (!val_is_string(x)) {
        *not_code = true;
        return x;
    }
    *not_code = false;
    size_t len;
    char *src = str_to_wtf8(rt, val_as_string(x), &len);
    if (!src) return throw_range_error(ctx, "Out of memory");
    ParseOptions opt;
    memset(&opt, 0, sizeof opt);
    opt.goal = PARSE_GOAL_EVAL;
    opt.wtf8_source = true;
    opt.is_eval = true;
    opt.strict = direct && caller_strict;
    if (direct && caller) {
        /* The function of GetThisEnvironment() decides new.target / super. */
        Object *tf = caller->this_func;
        if (tf && obj_is_bytecode_function(tf)) {
            JSFunction *jf = (JSFunction *)tf;
            opt.eval_in_function = true;
            opt.eval_allow_new_target = true;
            opt.eval_allow_super_property = val_is_object(jf->home_object);
            opt.eval_allow_super_call = (jf->fb->flags & FB_DERIVED) != 0;
            opt.eval_in_class_field_init = (jf->fb->flags & FB_FIELD_INIT) != 0;
        }
    }
    /* Private names of the enclosing classes: the "#x" bindings of the
     * caller's environments. */
    AstStr *privs = NULL;
    size_t priv_count = 0, priv_cap = 0;
    for (Env *e = direct && caller ? caller->env : NULL; e; e = e->parent) {
        if (!e->desc || (e->hdr.flags & (ENV_WITH | ENV_GLOBAL))) continue;
        for (uint32_t i = 0; i + 1 < e->desc->length; i += 2) {
            Value nv = e->desc->items[i];
            if (!val_is_string(nv)) continue;
            String *ns = val_as_string(nv);
            if (str_is_rope(ns) || ns->length < 2 || str_at(ns, 0) != '#') continue;
            if (priv_count == priv_cap) {
                size_t cap = priv_cap ? priv_cap * 2 : 8;
                AstStr *np = realloc(privs, sizeof(AstStr) * cap);
                if (!np) break;
                privs = np;
                priv_cap = cap;
            }
            uint16_t *units = malloc(sizeof(uint16_t) * (ns->length - 1));
            if (!units) break;
            for (uint32_t j = 1; j < ns->length; j++)
                units[j - 1] = str_at(ns, j);
            privs[priv_count++] = (AstStr){units, ns->length - 1};
        }
    }
    opt.eval_private_names = privs;
    opt.eval_private_name_count = priv_count;
    FunctionBytecode *fb = compile_program(ctx, src, len, NULL, &opt, true, direct);
    free(src);
    for (size_t i = 0; i < priv_count; i++)
        free((void *)privs[i].s);
    free(privs);
    if (!fb) return VAL_EXCEPTION;
    return val_from_cell(&fb->hdr);
}

Value vm_indirect_eval(Context *ctx, Value x) {
    bool not_code = false;
    Value code = eval_compile(ctx, x, false, false, NULL, &not_code);
    if (not_code || val_is_exception(code)) return code;
    return interp_run_code(ctx, val_as_bytecode(code), NULL, val_from_object(ctx->global),
                           FRAME_EVAL);
}

/* CreateDynamicFunction — #sec-createdynamicfunction */
Value vm_create_dynamic_function(Context *ctx, Value new_target, DynFnKind kind, int argc,
                                 const Value *argv) {
    Runtime *rt = ctx->rt;
    static const ParseFunctionKind parse_kinds[] = {
        [DYNFN_NORMAL] = PARSE_FUNC_NORMAL,
        [DYNFN_GENERATOR] = PARSE_FUNC_GENERATOR,
        [DYNFN_ASYNC] = PARSE_FUNC_ASYNC,
        [DYNFN_ASYNC_GENERATOR] = PARSE_FUNC_ASYNC_GENERATOR,
    };
    static const IntrinsicId ctor_ids[] = {
        [DYNFN_NORMAL] = INTR_Function,
        [DYNFN_GENERATOR] = INTR_GeneratorFunction,
        [DYNFN_ASYNC] = INTR_AsyncFunction,
        [DYNFN_ASYNC_GENERATOR] = INTR_AsyncGeneratorFunction,
    };
    static const IntrinsicId proto_ids[] = {
        [DYNFN_NORMAL] = INTR_FunctionPrototype,
        [DYNFN_GENERATOR] = INTR_GeneratorFunctionPrototype,
        [DYNFN_ASYNC] = INTR_AsyncFunctionPrototype,
        [DYNFN_ASYNC_GENERATOR] = INTR_AsyncGeneratorFunctionPrototype,
    };
    StringBuilder sb;
    sb_init(&sb, rt);
    for (int i = 0; i + 1 < argc; i++) {
        String *s = ToStringS(ctx, argv[i]);
        if (!s) {
            sb_free(&sb);
            return VAL_EXCEPTION;
        }
        if (i) sb_append_unit(&sb, ',');
        sb_append_string(&sb, s);
    }
    String *params = sb_finish(&sb);
    if (!params) return VAL_EXCEPTION;
    gc_protect(rt, val_from_string(params));
    String *body = argc > 0 ? ToStringS(ctx, argv[argc - 1]) : ATOM(rt, empty);
    if (!body) return VAL_EXCEPTION;
    size_t plen, blen;
    char *p8 = str_to_wtf8(rt, params, &plen);
    char *b8 = str_to_wtf8(rt, body, &blen);
    if (!p8 || !b8) {
        free(p8);
        free(b8);
        return throw_range_error(ctx, "Out of memory");
    }
    AstArena arena;
    ast_arena_init(&arena);
    ParseError err;
    memset(&err, 0, sizeof err);
    const char *assembled = NULL;
    size_t alen = 0;
    AstNode *root = parse_dynamic_function(&arena, p8, plen, b8, blen, parse_kinds[kind],
                                           &assembled, &alen, &err);
    free(p8);
    free(b8);
    if (!root) {
        ast_arena_free(&arena);
        return throw_parse_error(ctx, &err, "anonymous");
    }
    AstNode *stmt = root->u.program.body.count ? root->u.program.body.items[0] : NULL;
    AstNode *expr = stmt && stmt->kind == AST_EXPR_STMT ? stmt->u.expr_stmt.expr : NULL;
    if (!expr || expr->kind != AST_FUNCTION_EXPR) {
        ast_arena_free(&arena);
        return throw_syntax_error(ctx, "Invalid function source");
    }
    ScopeAnalysis sa;
    if (!scope_analyze(&sa, root, false, false)) {
        scope_analysis_free(&sa);
        ast_arena_free(&arena);
        return throw_range_error(ctx, "Out of memory while compiling");
    }
    FunctionBytecode *fb = emit_dynamic_function(ctx, root, &sa, expr->u.func, assembled, alen);
    scope_analysis_free(&sa);
    ast_arena_free(&arena);
    if (!fb) return rt->has_exception ? VAL_EXCEPTION : throw_range_error(ctx, "Out of memory");
    Value ctor = val_is_undefined(new_target) ? ctx->intrinsics[ctor_ids[kind]] : new_target;
    Object *proto = GetPrototypeFromConstructor(ctx, ctor, proto_ids[kind]);
    if (!proto) return VAL_EXCEPTION;
    gc_protect(rt, val_from_object(proto));
    Object *f = js_function_new(ctx, fb, NULL);
    if (!f) return VAL_EXCEPTION;
    f->proto = proto;
    return val_from_object(f);
}
