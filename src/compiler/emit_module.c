/* emit_module.c — ParseModule's static facts and the module body's bytecode
 * (see emit_module.h). */
#include "compiler/emit_module.h"

#include <string.h>

#include "compiler/emit.h"
#include "vm/env.h"

static const uint16_t default_binding_units[] = {'*', 'd', 'e', 'f', 'a', 'u', 'l', 't', '*'};
static const uint16_t default_units[] = {'d', 'e', 'f', 'a', 'u', 'l', 't'};
static const uint16_t type_units[] = {'t', 'y', 'p', 'e'};
static const AstStr default_binding_name = {default_binding_units, 9};
static const AstStr default_name = {default_units, 7};
static const AstStr type_name = {type_units, 4};

typedef struct ModuleEmitter {
    Emitter *E;
    Scope *scope;
    ModuleCompileInfo *info;
    bool failed;
} ModuleEmitter;

static void push(ModuleEmitter *M, ValueArray *a, Value v) {
    if (M->failed || M->E->failed) {
        M->failed = true;
        return;
    }
    if (value_array_push(M->E->rt, a, v) < 0) {
        M->failed = true;
        em_fail_oom(M->E);
    }
}

static Value atom(ModuleEmitter *M, AstStr s) {
    Value v = em_atom_value(M->E, s);
    if (val_is_exception(v)) {
        M->failed = true;
        return VAL_UNDEFINED;
    }
    return v;
}

static int32_t slot_of(ModuleEmitter *M, AstStr name) {
    Binding *b = scope_find_local(M->scope, name);
    return b ? b->slot : -1;
}

/* ModuleRequests, deduplicated by specifier and `type` attribute
 * (ModuleRequestsEqual — #sec-ModuleRequestsEqual). An attribute other than
 * `type` is recorded as type `false`: loading then fails with a
 * SyntaxError (#sec-InnerModuleLoading step 2.d.i). */
static uint32_t request_index(ModuleEmitter *M, const AstNode *site, AstStr specifier,
                              const AstList *attributes) {
    Value type = VAL_UNDEFINED;
    for (uint32_t i = 0; i < attributes->count; i++) {
        AstNode *a = attributes->items[i];
        if (ast_str_eq(a->u.import_attr.key, type_name)) {
            if (val_is_undefined(type)) type = em_name_value(M->E, a->u.import_attr.value);
        } else {
            type = VAL_FALSE;
            break;
        }
    }
    Value spec = atom(M, specifier);
    if (M->failed || val_is_exception(type)) {
        M->failed = true;
        return 0;
    }
    ValueArray *r = M->info->requests;
    for (uint32_t i = 0; i + 3 < r->length; i += 4) {
        if (r->items[i] != spec) continue;
        Value t = r->items[i + 3];
        bool same = t == type;
        if (!same && val_is_string(t) && val_is_string(type))
            same = str_equal(val_as_string(t), val_as_string(type));
        if (same) return i / 4;
    }
    uint32_t index = r->length / 4;
    push(M, r, spec);
    push(M, r, val_from_int((int32_t)site->line));
    push(M, r, val_from_int((int32_t)site->column));
    push(M, r, type);
    return index;
}

static void local_export(ModuleEmitter *M, AstStr export_name, AstStr local) {
    push(M, M->info->local_exports, atom(M, export_name));
    push(M, M->info->local_exports, val_from_int(slot_of(M, local)));
}

static void export_pattern(ModuleEmitter *M, AstNode *n) {
    if (!n) return;
    switch (n->kind) {
    case AST_IDENT: local_export(M, n->u.ident.name, n->u.ident.name); break;
    case AST_ARRAY_PATTERN:
    case AST_OBJECT_PATTERN:
        for (uint32_t i = 0; i < n->u.list.count; i++)
            export_pattern(M, n->u.list.items[i]);
        break;
    case AST_PROPERTY: export_pattern(M, n->u.property.value); break;
    case AST_ASSIGN_PATTERN: export_pattern(M, n->u.assign_pattern.target); break;
    case AST_REST: export_pattern(M, n->u.spread.argument); break;
    default: break;
    }
}

/* The import entry whose local name is `local`: its (request, import name). */
static bool find_import(ModuleEmitter *M, AstStr local, Value *request, Value *import_name) {
    int32_t slot = slot_of(M, local);
    ValueArray *im = M->info->imports;
    for (uint32_t i = 0; i + 4 < im->length; i += 5) {
        if (val_to_int(im->items[i + 2]) == slot) {
            *request = im->items[i];
            *import_name = im->items[i + 1];
            return true;
        }
    }
    return false;
}

/* ParseModule steps 4-10 — #sec-parsemodule: one module item's entries. */
static void collect_entries(ModuleEmitter *M, AstNode *n) {
    ModuleCompileInfo *info = M->info;
    switch (n->kind) {
    case AST_IMPORT_DECL: {
        uint32_t req = request_index(M, n, n->u.import_decl.source, &n->u.import_decl.attributes);
        for (uint32_t i = 0; i < n->u.import_decl.specifiers.count; i++) {
            AstNode *s = n->u.import_decl.specifiers.items[i];
            push(M, info->imports, val_from_int((int32_t)req));
            push(M, info->imports,
                 s->u.specifier.is_namespace ? VAL_NULL : atom(M, s->u.specifier.imported));
            push(M, info->imports, val_from_int(slot_of(M, s->u.specifier.local)));
            push(M, info->imports, val_from_int((int32_t)s->line));
            push(M, info->imports, val_from_int((int32_t)s->column));
        }
        break;
    }
    case AST_EXPORT_ALL: {
        uint32_t req = request_index(M, n, n->u.export_all.source, &n->u.export_all.attributes);
        if (n->u.export_all.has_exported) {
            push(M, info->indirect_exports, atom(M, n->u.export_all.exported));
            push(M, info->indirect_exports, val_from_int((int32_t)req));
            push(M, info->indirect_exports, VAL_NULL);
        } else {
            push(M, info->star_exports, val_from_int((int32_t)req));
        }
        break;
    }
    case AST_EXPORT_DEFAULT: {
        AstNode *v = n->u.export_default.value;
        AstNode *id = NULL;
        if (v->kind == AST_FUNCTION_DECL) id = v->u.func->id;
        if (v->kind == AST_CLASS_DECL) id = v->u.klass->id;
        local_export(M, default_name, id ? id->u.ident.name : default_binding_name);
        break;
    }
    case AST_EXPORT_NAMED: {
        AstNode *decl = n->u.export_named.declaration;
        if (decl) {
            if (decl->kind == AST_VAR_DECL) {
                for (uint32_t i = 0; i < decl->u.var_decl.declarators.count; i++)
                    export_pattern(M, decl->u.var_decl.declarators.items[i]->u.declarator.target);
            } else if (decl->kind == AST_FUNCTION_DECL) {
                export_pattern(M, decl->u.func->id);
            } else if (decl->kind == AST_CLASS_DECL) {
                export_pattern(M, decl->u.klass->id);
            }
            break;
        }
        bool from = n->u.export_named.has_source;
        uint32_t req =
            from ? request_index(M, n, n->u.export_named.source, &n->u.export_named.attributes) : 0;
        for (uint32_t i = 0; i < n->u.export_named.specifiers.count; i++) {
            AstNode *s = n->u.export_named.specifiers.items[i];
            Value request, import_name;
            if (from) {
                push(M, info->indirect_exports, atom(M, s->u.specifier.exported));
                push(M, info->indirect_exports, val_from_int((int32_t)req));
                push(M, info->indirect_exports, atom(M, s->u.specifier.local));
            } else if (find_import(M, s->u.specifier.local, &request, &import_name)) {
                /* Re-export of an imported binding or namespace (step
                 * 10.a.ii): resolved through the exporting module. */
                push(M, info->indirect_exports, atom(M, s->u.specifier.exported));
                push(M, info->indirect_exports, request);
                push(M, info->indirect_exports, import_name);
            } else {
                local_export(M, s->u.specifier.exported, s->u.specifier.local);
            }
        }
        break;
    }
    default: break;
    }
}

static void hoist_function(ModuleEmitter *M, AstNode *decl, AstStr binding, Value name_hint) {
    int32_t slot = slot_of(M, binding);
    uint32_t k = em_function(M->E, decl->u.func, name_hint);
    if (M->E->failed || slot < 0) return;
    push(M, M->info->functions, val_from_int(slot));
    push(M, M->info->functions, M->E->consts[k]);
}

bool emit_module(Context *ctx, AstNode *root, ScopeAnalysis *sa, const char *source,
                 size_t source_len, const char *filename, ModuleCompileInfo *info) {
    FuncInfo *fi = sa->program;
    AstFunction *fn = root->u.program.func;
    Runtime *rt = ctx->rt;
    memset(info, 0, sizeof *info);
    Emitter E;
    em_init(&E, NULL, ctx, fi);
    E.source = source;
    E.source_len = source_len;
    E.source_value = VAL_UNDEFINED;
    E.filename_value = VAL_UNDEFINED;
    String *src = str_new_latin1(rt, (const uint8_t *)source, source_len);
    String *fname = filename ? str_from_cstr(rt, filename) : NULL;
    if (!src || (filename && !fname)) {
        em_free(&E);
        return false;
    }
    E.source_value = val_from_string(src);
    if (fname) E.filename_value = val_from_string(fname);
    E.cur_line = 1;
    E.cur_column = 1;

    ModuleEmitter M = {&E, fi->var_scope, info, false};
    info->requests = value_array_new(rt, 8);
    info->imports = value_array_new(rt, 8);
    info->local_exports = value_array_new(rt, 8);
    info->indirect_exports = value_array_new(rt, 4);
    info->star_exports = value_array_new(rt, 4);
    info->functions = value_array_new(rt, 4);
    if (!info->requests || !info->imports || !info->local_exports || !info->indirect_exports ||
        !info->star_exports || !info->functions) {
        em_free(&E);
        return false;
    }
    Scope *ms = fi->var_scope;
    uint32_t desc = scope_desc(&E, ms);
    if (!E.failed) {
        info->env_desc = (ValueArray *)val_as_cell(E.consts[desc]);
        info->env_slots = ms->env_slots;
    }
    /* The body runs on the module environment (env depth 0 of its frame). */
    E.scope = ms;
    if (fi->this_binding && fi->this_binding->slot >= 0)
        em_op(&E, OP_PUT_ENV, 3, 0u, (uint32_t)fi->this_binding->slot, 0u);
    info->has_top_level_await = (fn->flags & AST_FUNC_AWAIT_TOP_LEVEL) != 0;
    if (info->has_top_level_await) em_op(&E, OP_ASYNC_START, 0);

    for (uint32_t i = 0; i < root->u.program.body.count && !M.failed; i++)
        collect_entries(&M, root->u.program.body.items[i]);
    /* InitializeEnvironment step 21: the function declarations. */
    for (uint32_t i = 0; i < fn->body_scope.functions.count && !M.failed; i++) {
        AstNode *fd = fn->body_scope.functions.items[i];
        if (fd->u.func->id) hoist_function(&M, fd, fd->u.func->id->u.ident.name, VAL_UNDEFINED);
    }
    for (uint32_t i = 0; i < root->u.program.body.count && !M.failed; i++) {
        AstNode *n = root->u.program.body.items[i];
        if (n->kind == AST_EXPORT_DEFAULT && n->u.export_default.value->kind == AST_FUNCTION_DECL &&
            !n->u.export_default.value->u.func->id)
            hoist_function(&M, n->u.export_default.value, default_binding_name,
                           val_from_string(ATOM(rt, default)));
    }

    if (!M.failed) emit_stmts(&E, &root->u.program.body);
    em_op(&E, OP_RET_UNDEF, 0);
    uint32_t flags = FB_PROGRAM | FB_STRICT | (info->has_top_level_await ? FB_ASYNC : 0);
    FunctionBytecode *fb =
        M.failed ? NULL : em_finish(&E, fn, val_from_string(ATOM(rt, empty)), flags);
    if (fb) {
        fb->source_start = 0;
        fb->source_end = (uint32_t)source_len;
    }
    em_free(&E);
    info->body = fb;
    if (!fb && !rt->has_exception) throw_range_error(ctx, "Out of memory while compiling");
    return fb != NULL;
}

/* A module item statement inside the module body (emit_stmt hands these
 * over): imports and re-exports did their work at link time; exported
 * declarations run as the declarations they are; `export default` binds
 * "*default*" (#sec-exports-runtime-semantics-evaluation). */
void emit_module_item(Emitter *E, AstNode *n) {
    switch (n->kind) {
    case AST_EXPORT_NAMED:
        if (n->u.export_named.declaration) emit_stmt(E, n->u.export_named.declaration);
        break;
    case AST_EXPORT_DEFAULT: {
        AstNode *v = n->u.export_default.value;
        if (v->kind == AST_FUNCTION_DECL) break; /* hoisted */
        if (v->kind == AST_CLASS_DECL && v->u.klass->id) {
            emit_stmt(E, v);
            break;
        }
        uint32_t mark = E->next_reg;
        uint32_t t = em_reg(E);
        if (v->kind == AST_CLASS_DECL)
            emit_class(E, v, t, val_from_string(ATOM(E->rt, default)));
        else if (is_anonymous_function_definition(v))
            emit_named_expr_to(E, v, t, val_from_string(ATOM(E->rt, default)));
        else
            emit_expr_to(E, v, t);
        em_set_pos(E, n);
        em_store_name(E, default_binding_name, t, true, true);
        E->next_reg = mark;
        break;
    }
    default: break;
    }
}
