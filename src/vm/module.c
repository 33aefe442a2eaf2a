/* module.c — module records, loading, linking and evaluation (see module.h). */
#include "vm/module.h"

#include <stdlib.h>
#include <string.h>

#include "builtins/promise.h"
#include "compiler/emit_module.h"
#include "compiler/parser.h"
#include "compiler/scope.h"
#include "vm/conv.h"
#include "vm/interp.h"
#include "vm/string.h"

/* Graphs deeper than this are a RangeError rather than a C stack overflow. */
#define MODULE_MAX_DEPTH 4000

/* ---- the record cell ---- */

static void module_trace(Runtime *rt, Cell *c) {
    ModuleRecord *m = (ModuleRecord *)c;
    gc_mark_realm(rt, m->realm);
    gc_mark_value(rt, m->name);
    if (m->body) gc_mark_cell(rt, &m->body->hdr);
    ValueArray *arrays[] = {m->env_desc,      m->requests,         m->imports,
                            m->local_exports, m->indirect_exports, m->star_exports,
                            m->functions,     m->loaded,           m->async_parents};
    for (size_t i = 0; i < sizeof arrays / sizeof arrays[0]; i++)
        if (arrays[i]) gc_mark_cell(rt, &arrays[i]->hdr);
    if (m->env) gc_mark_cell(rt, &m->env->hdr);
    if (m->cycle_root) gc_mark_cell(rt, &m->cycle_root->cell.hdr);
    gc_mark_value(rt, m->namespace_object);
    gc_mark_value(rt, m->meta);
    gc_mark_value(rt, m->json_value);
    gc_mark_value(rt, m->error);
    gc_mark_value(rt, m->top_level_promise);
}

/* Everything a record owns is a GC cell: nothing to finalize. */
static const InternalCellOps module_ops = {"ModuleRecord", module_trace, NULL};

bool val_is_module_record(Value v) {
    return val_is_cell(v) && val_as_cell(v)->type == CELL_INTERNAL &&
           ((InternalCell *)val_as_cell(v))->ops == &module_ops;
}

static ModuleRecord *as_module(Value v) {
    return (ModuleRecord *)val_as_cell(v);
}
static Value module_value(ModuleRecord *m) {
    return val_from_cell(&m->cell.hdr);
}

static ModuleRecord *module_new(Context *ctx, const char *name) {
    Runtime *rt = ctx->rt;
    ModuleRecord *m = gc_alloc(rt, CELL_INTERNAL, sizeof(ModuleRecord));
    if (!m) return NULL;
    m->cell.ops = &module_ops;
    m->realm = ctx;
    m->name = VAL_UNDEFINED;
    m->namespace_object = m->meta = m->json_value = m->error = VAL_UNDEFINED;
    m->top_level_promise = VAL_UNDEFINED;
    String *s = str_from_cstr(rt, name);
    if (!s) return NULL;
    m->name = val_from_string(s);
    return m;
}

/* ParseModule — #sec-parsemodule */
ModuleRecord *module_parse(Context *ctx, const char *source, size_t length, const char *name) {
    Runtime *rt = ctx->rt;
    ModuleRecord *m = module_new(ctx, name);
    if (!m) return NULL;
    ParseOptions opt;
    memset(&opt, 0, sizeof opt);
    opt.goal = PARSE_GOAL_MODULE;
    opt.strict = true;
    AstArena arena;
    ast_arena_init(&arena);
    ParseError err;
    memset(&err, 0, sizeof err);
    AstNode *root = parse_program(&arena, source, length, name, &opt, &err);
    if (!root) {
        ast_arena_free(&arena);
        if (err.kind == PARSE_ERROR_RANGE)
            throw_range_error(ctx, "%s", err.message);
        else
            throw_syntax_error(ctx, "%s (%s:%d:%d)", err.message, name, err.line, err.column);
        return NULL;
    }
    ScopeAnalysis sa;
    bool ok = scope_analyze(&sa, root, false, false);
    ModuleCompileInfo info;
    if (ok)
        ok = emit_module(ctx, root, &sa, source, length, name, &info);
    else
        throw_range_error(ctx, "Out of memory while compiling");
    scope_analysis_free(&sa);
    ast_arena_free(&arena);
    if (!ok) return NULL;
    m->body = info.body;
    m->env_desc = info.env_desc;
    m->env_slots = info.env_slots;
    m->requests = info.requests;
    m->imports = info.imports;
    m->local_exports = info.local_exports;
    m->indirect_exports = info.indirect_exports;
    m->star_exports = info.star_exports;
    m->functions = info.functions;
    m->has_tla = info.has_top_level_await;
    uint32_t n = m->requests->length / 4;
    m->loaded = value_array_new(rt, n ? n : 1);
    if (!m->loaded) return NULL;
    for (uint32_t i = 0; i < n; i++)
        m->loaded->items[i] = VAL_UNDEFINED;
    m->loaded->length = n;
    return m;
}

/* ParseJSONModule + CreateDefaultExportSyntheticModule —
 * #sec-parse-json-module, #sec-create-default-export-synthetic-module: a
 * record with one binding, "default", holding the parsed value. */
static ModuleRecord *module_parse_json(Context *ctx, const char *source, size_t length,
                                       const char *name) {
    Runtime *rt = ctx->rt;
    ModuleRecord *m = module_new(ctx, name);
    if (!m) return NULL;
    String *text = str_new_utf8(rt, source, length);
    if (!text) return NULL;
    Value json = ctx_intrinsic(ctx, INTR_JSON);
    PropKey parse_key = key_from_cstr(rt, "parse");
    if (parse_key == KEY_NONE) return NULL;
    Value parse = GetV(ctx, json, parse_key);
    if (val_is_exception(parse)) return NULL;
    Value arg = val_from_string(text);
    Value v = Call(ctx, parse, VAL_UNDEFINED, 1, &arg);
    if (val_is_exception(v)) return NULL;
    m->json_value = v;
    m->is_json = true;
    m->requests = value_array_new(rt, 1);
    m->imports = value_array_new(rt, 1);
    m->local_exports = value_array_new(rt, 2);
    m->indirect_exports = value_array_new(rt, 1);
    m->star_exports = value_array_new(rt, 1);
    m->functions = value_array_new(rt, 1);
    m->loaded = value_array_new(rt, 1);
    m->env_desc = value_array_new(rt, 2);
    if (!m->requests || !m->imports || !m->local_exports || !m->indirect_exports ||
        !m->star_exports || !m->functions || !m->loaded || !m->env_desc)
        return NULL;
    if (value_array_push(rt, m->local_exports, val_from_string(ATOM(rt, default))) < 0 ||
        value_array_push(rt, m->local_exports, val_from_int(0)) < 0 ||
        value_array_push(rt, m->env_desc, val_from_string(ATOM(rt, default))) < 0 ||
        value_array_push(rt, m->env_desc, val_from_int(0)) < 0)
        return NULL;
    m->env_slots = 1;
    return m;
}

static bool list_has(ValueArray *a, Value v) {
    for (uint32_t i = 0; i < a->length; i++)
        if (a->items[i] == v) return true;
    return false;
}

/* ---- the registry and the host hook ---- */

static ValueArray *registry(Context *ctx) {
    if (val_is_cell(ctx->module_registry)) return (ValueArray *)val_as_cell(ctx->module_registry);
    ValueArray *a = value_array_new(ctx->rt, 8);
    if (a) ctx->module_registry = val_from_cell(&a->hdr);
    return a;
}

static ModuleRecord *registry_find(Context *ctx, String *name, bool is_json) {
    ValueArray *r = registry(ctx);
    for (uint32_t i = 0; r && i < r->length; i++) {
        ModuleRecord *m = as_module(r->items[i]);
        if (m->is_json == is_json && str_equal(val_as_string(m->name), name)) return m;
    }
    return NULL;
}

static int registry_add(Context *ctx, ModuleRecord *m) {
    ValueArray *r = registry(ctx);
    return r ? value_array_push(ctx->rt, r, module_value(m)) : -1;
}

static char *name_utf8(Context *ctx, Value name) {
    if (!val_is_string(name)) return NULL;
    size_t len;
    return str_to_utf8(ctx->rt, val_as_string(name), &len);
}

/* HostLoadImportedModule + FinishLoadingImportedModule —
 * #sec-HostLoadImportedModule: the record for `specifier` requested by the
 * module or script named referrer (NULL: none), loading and parsing it
 * unless the registry has it. NULL with an exception pending. */
static ModuleRecord *host_load(Context *ctx, Value referrer, String *specifier, int line,
                               int column, Value type) {
    Runtime *rt = ctx->rt;
    const mica_module_loader *loader = &rt->module_loader;
    bool is_json = false;
    if (type == VAL_FALSE) {
        throw_syntax_error(ctx, "Unsupported import attribute (only 'type' is supported)");
        return NULL;
    }
    if (val_is_string(type)) {
        if (!str_equal_ascii(val_as_string(type), "json")) {
            char *t = str_to_utf8(rt, val_as_string(type), NULL);
            throw_type_error(ctx, "Unsupported import type '%s'", t ? t : "?");
            free(t);
            return NULL;
        }
        is_json = true;
    }
    char *spec = str_to_utf8(rt, specifier, NULL);
    char *ref = val_is_string(referrer) ? name_utf8(ctx, referrer) : NULL;
    if (!spec || (val_is_string(referrer) && !ref)) {
        free(spec);
        free(ref);
        throw_range_error(ctx, "Out of memory");
        return NULL;
    }
    ModuleRecord *m = NULL;
    mica_module_request req = {ref, spec, line, column};
    if (!loader->resolve || !loader->load) {
        if (line > 0)
            throw_type_error(ctx,
                             "Cannot load module '%s' imported from %s:%d:%d: no module loader",
                             spec, ref ? ref : "<input>", line, column);
        else
            throw_type_error(ctx, "Cannot load module '%s': no module loader", spec);
        goto done;
    }
    char *canonical = loader->resolve(ctx, loader->opaque, &req);
    if (!canonical) {
        if (!rt->has_exception) throw_type_error(ctx, "Cannot resolve module '%s'", spec);
        goto done;
    }
    String *cname = str_from_cstr(rt, canonical);
    if (cname) m = registry_find(ctx, cname, is_json);
    if (cname && !m) {
        size_t length = 0;
        char *source = loader->load(ctx, loader->opaque, canonical, &req, &length);
        if (!source) {
            if (!rt->has_exception) throw_type_error(ctx, "Cannot load module '%s'", canonical);
        } else {
            m = is_json ? module_parse_json(ctx, source, length, canonical)
                        : module_parse(ctx, source, length, canonical);
            free(source);
            if (m && registry_add(ctx, m) < 0) m = NULL;
        }
    }
    free(canonical);
done:
    free(spec);
    free(ref);
    return m;
}

/* InnerModuleLoading — #sec-InnerModuleLoading: the host loads
 * synchronously, so the graph is loaded depth first right here. Records
 * stay ~new~ until the whole graph has loaded (visited collects them). */
static int inner_load(Context *ctx, ModuleRecord *m, ValueArray *visited, int depth) {
    if (m->status != MODULE_NEW || list_has(visited, module_value(m))) return 0;
    if (depth > MODULE_MAX_DEPTH) {
        throw_range_error(ctx, "Module graph is too deep");
        return -1;
    }
    if (value_array_push(ctx->rt, visited, module_value(m)) < 0) return -1;
    for (uint32_t i = 0; i < m->loaded->length; i++) {
        Value *r = &m->requests->items[4 * i];
        if (!val_is_module_record(m->loaded->items[i])) {
            HandleMark hm = gc_scope_open(ctx->rt);
            ModuleRecord *dep = host_load(ctx, m->name, val_as_string(r[0]), val_to_int(r[1]),
                                          val_to_int(r[2]), r[3]);
            if (dep) m->loaded->items[i] = module_value(dep);
            gc_scope_close(ctx->rt, hm);
            if (!dep) return -1;
        }
        if (inner_load(ctx, as_module(m->loaded->items[i]), visited, depth + 1) < 0) return -1;
    }
    return 0;
}

/* LoadRequestedModules — #sec-LoadRequestedModules */
static int load_graph(Context *ctx, ModuleRecord *m) {
    HandleMark hm = gc_scope_open(ctx->rt);
    ValueArray *visited = value_array_new(ctx->rt, 8);
    int r = visited ? inner_load(ctx, m, visited, 0) : -1;
    for (uint32_t i = 0; r == 0 && i < visited->length; i++)
        as_module(visited->items[i])->status = MODULE_UNLINKED;
    gc_scope_close(ctx->rt, hm);
    return r;
}

static ModuleRecord *imported(ModuleRecord *m, Value request_index) {
    return as_module(m->loaded->items[val_to_int(request_index)]);
}

/* ---- ResolveExport and GetExportedNames ---- */

typedef struct ResolveSet {
    struct {
        ModuleRecord *m;
        String *name;
    } * items;
    size_t count, cap;
} ResolveSet;

static String *as_atom(Context *ctx, String *s) {
    return str_is_atom(s) ? s : atom_intern(ctx->rt, s);
}

/* ResolveExport ( exportName [ , resolveSet ] ) — #sec-resolveexport */
static ResolveResult resolve_export(Context *ctx, ModuleRecord *m, String *name, ResolveSet *set,
                                    ModuleRecord **target, int32_t *slot, int depth) {
    if (depth > MODULE_MAX_DEPTH) {
        throw_range_error(ctx, "Module graph is too deep");
        return RESOLVE_ERROR;
    }
    for (size_t i = 0; i < set->count; i++)
        if (set->items[i].m == m && set->items[i].name == name) return RESOLVE_NOT_FOUND;
    if (set->count == set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 16;
        void *p = realloc(set->items, cap * sizeof set->items[0]);
        if (!p) {
            throw_range_error(ctx, "Out of memory");
            return RESOLVE_ERROR;
        }
        set->items = p;
        set->cap = cap;
    }
    set->items[set->count].m = m;
    set->items[set->count].name = name;
    set->count++;
    Value key = val_from_string(name);
    ValueArray *le = m->local_exports;
    for (uint32_t i = 0; i + 1 < le->length; i += 2) {
        if (le->items[i] == key) {
            *target = m;
            *slot = val_to_int(le->items[i + 1]);
            return RESOLVE_FOUND;
        }
    }
    ValueArray *ie = m->indirect_exports;
    for (uint32_t i = 0; i + 2 < ie->length; i += 3) {
        if (ie->items[i] != key) continue;
        ModuleRecord *im = imported(m, ie->items[i + 1]);
        if (val_is_null(ie->items[i + 2])) {
            *target = im;
            *slot = -1;
            return RESOLVE_FOUND;
        }
        return resolve_export(ctx, im, val_as_string(ie->items[i + 2]), set, target, slot,
                              depth + 1);
    }
    if (name == ATOM(ctx->rt, default)) return RESOLVE_NOT_FOUND;
    ModuleRecord *star_module = NULL;
    int32_t star_slot = 0;
    ValueArray *se = m->star_exports;
    for (uint32_t i = 0; i < se->length; i++) {
        ModuleRecord *t;
        int32_t s;
        ResolveResult r =
            resolve_export(ctx, imported(m, se->items[i]), name, set, &t, &s, depth + 1);
        if (r == RESOLVE_AMBIGUOUS || r == RESOLVE_ERROR) return r;
        if (r != RESOLVE_FOUND) continue;
        if (!star_module) {
            star_module = t;
            star_slot = s;
        } else if (t != star_module || s != star_slot) {
            return RESOLVE_AMBIGUOUS;
        }
    }
    if (!star_module) return RESOLVE_NOT_FOUND;
    *target = star_module;
    *slot = star_slot;
    return RESOLVE_FOUND;
}

ResolveResult module_resolve_export(Context *ctx, ModuleRecord *m, String *export_name,
                                    ModuleRecord **target, int32_t *slot) {
    String *name = as_atom(ctx, export_name);
    if (!name) return RESOLVE_ERROR;
    ResolveSet set = {0};
    ResolveResult r = resolve_export(ctx, m, name, &set, target, slot, 0);
    free(set.items);
    return r;
}

/* GetExportedNames ( [ exportStarSet ] ) — #sec-getexportednames: names
 * appended to `names` (atoms); `visited` is exportStarSet. */
static int exported_names(Context *ctx, ModuleRecord *m, ValueArray *visited, ValueArray *names,
                          int depth) {
    Runtime *rt = ctx->rt;
    if (depth > MODULE_MAX_DEPTH) {
        throw_range_error(ctx, "Module graph is too deep");
        return -1;
    }
    if (list_has(visited, module_value(m))) return 0;
    if (value_array_push(rt, visited, module_value(m)) < 0) return -1;
    for (uint32_t i = 0; i < m->local_exports->length; i += 2)
        if (value_array_push(rt, names, m->local_exports->items[i]) < 0) return -1;
    for (uint32_t i = 0; i < m->indirect_exports->length; i += 3)
        if (value_array_push(rt, names, m->indirect_exports->items[i]) < 0) return -1;
    for (uint32_t i = 0; i < m->star_exports->length; i++) {
        ModuleRecord *im = imported(m, m->star_exports->items[i]);
        uint32_t start = names->length;
        if (exported_names(ctx, im, visited, names, depth + 1) < 0) return -1;
        /* Drop "default" and names already present (step 7.d). */
        uint32_t w = start;
        for (uint32_t j = start; j < names->length; j++) {
            Value n = names->items[j];
            bool dup = n == val_from_string(ATOM(rt, default));
            for (uint32_t k = 0; k < w && !dup; k++)
                dup = names->items[k] == n;
            if (!dup) names->items[w++] = n;
        }
        names->length = w;
    }
    return 0;
}

static int compare_names(const void *a, const void *b) {
    return str_compare(val_as_string(*(const Value *)a), val_as_string(*(const Value *)b));
}

/* GetModuleNamespace — #sec-getmodulenamespace */
Value module_get_namespace(Context *ctx, ModuleRecord *m) {
    if (val_is_object(m->namespace_object)) return m->namespace_object;
    Runtime *rt = ctx->rt;
    HandleMark hm = gc_scope_open(rt);
    ValueArray *visited = value_array_new(rt, 8);
    ValueArray *names = visited ? value_array_new(rt, 8) : NULL;
    if (!names || exported_names(ctx, m, visited, names, 0) < 0) {
        gc_scope_close(rt, hm);
        return VAL_EXCEPTION;
    }
    uint32_t w = 0;
    for (uint32_t i = 0; i < names->length; i++) {
        ModuleRecord *t;
        int32_t s;
        ResolveResult r = module_resolve_export(ctx, m, val_as_string(names->items[i]), &t, &s);
        if (r == RESOLVE_ERROR) {
            gc_scope_close(rt, hm);
            return VAL_EXCEPTION;
        }
        if (r == RESOLVE_FOUND) names->items[w++] = names->items[i];
    }
    names->length = w;
    if (w > 1) qsort(names->items, w, sizeof(Value), compare_names);
    Object *ns = module_namespace_create(m->realm, m, names);
    if (!ns) {
        gc_scope_close(rt, hm);
        return VAL_EXCEPTION;
    }
    m->namespace_object = val_from_object(ns);
    gc_scope_close(rt, hm);
    return m->namespace_object;
}

/* ---- linking ---- */

/* The SyntaxError of an import or re-export that does not resolve, naming
 * the importer's position (pos: line, column). */
static Value resolution_error(Context *ctx, ModuleRecord *m, String *name, ResolveResult r,
                              ModuleRecord *from, const Value *pos) {
    char *n = str_to_utf8(ctx->rt, name, NULL);
    char *mn = name_utf8(ctx, m->name);
    char *fn = name_utf8(ctx, from->name);
    const char *what = r == RESOLVE_AMBIGUOUS ? "contains conflicting star exports for name"
                                              : "does not provide an export named";
    throw_syntax_error(ctx, "The requested module '%s' %s '%s' (%s:%d:%d)", mn ? mn : "?", what,
                       n ? n : "?", fn ? fn : "?", val_to_int(pos[0]), val_to_int(pos[1]));
    free(n);
    free(mn);
    free(fn);
    return VAL_EXCEPTION;
}

/* InitializeEnvironment — #sec-source-text-module-record-initialize-environment */
static int initialize_environment(Context *ctx, ModuleRecord *m) {
    Runtime *rt = ctx->rt;
    Context *realm = m->realm;
    /* 1. Indirect exports must resolve. */
    ValueArray *ie = m->indirect_exports;
    for (uint32_t i = 0; i < ie->length; i += 3) {
        ModuleRecord *t;
        int32_t s;
        String *name = val_as_string(ie->items[i]);
        ResolveResult r = module_resolve_export(ctx, m, name, &t, &s);
        if (r == RESOLVE_ERROR) return -1;
        if (r != RESOLVE_FOUND) {
            Value imp = ie->items[i + 2];
            ModuleRecord *im = imported(m, ie->items[i + 1]);
            resolution_error(ctx, im, val_is_string(imp) ? val_as_string(imp) : name, r, m,
                             &m->requests->items[4 * val_to_int(ie->items[i + 1]) + 1]);
            return -1;
        }
    }
    HandleMark hm = gc_scope_open(rt);
    Env *env = env_new(rt, NULL, m->env_desc, m->env_slots, ENV_VAR_SCOPE);
    if (!env) goto fail;
    m->env = env;
    ValueArray *im = m->imports;
    for (uint32_t i = 0; i < im->length; i += 5) {
        ModuleRecord *dep = imported(m, im->items[i]);
        int32_t local = val_to_int(im->items[i + 2]);
        Value v;
        if (val_is_null(im->items[i + 1])) {
            v = module_get_namespace(ctx, dep);
        } else {
            ModuleRecord *t;
            int32_t s;
            String *name = val_as_string(im->items[i + 1]);
            ResolveResult r = module_resolve_export(ctx, dep, name, &t, &s);
            if (r == RESOLVE_ERROR) goto fail;
            if (r != RESOLVE_FOUND) {
                resolution_error(ctx, dep, name, r, m, &im->items[i + 3]);
                goto fail;
            }
            if (s < 0) {
                v = module_get_namespace(ctx, t);
            } else {
                ValueArray *ref = value_array_new(rt, 2);
                if (!ref) goto fail;
                ref->items[0] = module_value(t);
                ref->items[1] = val_from_int(s);
                ref->length = 2;
                v = val_from_cell(&ref->hdr);
            }
        }
        if (val_is_exception(v)) goto fail;
        if (local >= 0 && (uint32_t)local < env->count) env->slots[local] = v;
    }
    ValueArray *fns = m->functions;
    for (uint32_t i = 0; i + 1 < fns->length; i += 2) {
        Object *f = js_function_new(realm, val_as_bytecode(fns->items[i + 1]), env);
        if (!f) goto fail;
        env->slots[val_to_int(fns->items[i])] = val_from_object(f);
    }
    gc_scope_close(rt, hm);
    return 0;
fail:
    gc_scope_close(rt, hm);
    return -1;
}

/* InnerModuleLinking — #sec-InnerModuleLinking */
static int inner_link(Context *ctx, ModuleRecord *m, ValueArray *stack, uint32_t *index,
                      int depth) {
    if (m->status == MODULE_LINKING || m->status == MODULE_LINKED ||
        m->status == MODULE_EVALUATING_ASYNC || m->status == MODULE_EVALUATED)
        return 0;
    if (depth > MODULE_MAX_DEPTH) {
        throw_range_error(ctx, "Module graph is too deep");
        return -1;
    }
    m->status = MODULE_LINKING;
    m->dfs_index = m->dfs_ancestor_index = (*index)++;
    if (value_array_push(ctx->rt, stack, module_value(m)) < 0) return -1;
    for (uint32_t i = 0; i < m->loaded->length; i++) {
        ModuleRecord *r = as_module(m->loaded->items[i]);
        if (inner_link(ctx, r, stack, index, depth + 1) < 0) return -1;
        if (r->status == MODULE_LINKING && r->dfs_ancestor_index < m->dfs_ancestor_index)
            m->dfs_ancestor_index = r->dfs_ancestor_index;
    }
    if (initialize_environment(ctx, m) < 0) return -1;
    if (m->dfs_ancestor_index == m->dfs_index) {
        for (;;) {
            ModuleRecord *r = as_module(stack->items[--stack->length]);
            r->status = MODULE_LINKED;
            if (r == m) break;
        }
    }
    return 0;
}

/* Link — #sec-moduledeclarationlinking */
static int module_link(Context *ctx, ModuleRecord *m) {
    Runtime *rt = ctx->rt;
    HandleMark hm = gc_scope_open(rt);
    ValueArray *stack = value_array_new(rt, 8);
    uint32_t index = 0;
    int r = stack ? inner_link(ctx, m, stack, &index, 0) : -1;
    if (r < 0 && stack) {
        for (uint32_t i = 0; i < stack->length; i++) {
            ModuleRecord *s = as_module(stack->items[i]);
            s->status = MODULE_UNLINKED;
            s->env = NULL;
        }
    }
    gc_scope_close(rt, hm);
    return r;
}

/* ---- evaluation ---- */

/* [[AsyncEvaluationOrder]]: unset, an integer, or done. */
enum { ASYNC_UNSET = 0 };
#define ASYNC_DONE UINT64_MAX

static void execute_async_module(Context *ctx, ModuleRecord *m);
static void async_module_rejected(Context *ctx, ModuleRecord *m, Value error);

/* ExecuteModule — #sec-source-text-module-record-execute-module: runs the
 * body (a JSON module sets its one binding). With top-level await the
 * result is the body's promise. */
static Value execute_module(Context *ctx, ModuleRecord *m) {
    if (m->is_json) {
        m->env->slots[0] = m->json_value;
        return VAL_UNDEFINED;
    }
    return interp_run_code(m->realm, m->body, m->env, VAL_UNDEFINED, 0);
}

static void settle_top_level(Context *ctx, ModuleRecord *m, Value error, bool rejected) {
    if (!val_is_object(m->top_level_promise)) return;
    Object *p = val_as_object(m->top_level_promise);
    Value r = rejected ? promise_reject_value(ctx, p, error)
                       : promise_resolve_value(ctx, p, VAL_UNDEFINED);
    if (val_is_exception(r)) rt_take_exception(ctx->rt); /* OOM only: nothing to settle with */
}

/* GatherAvailableAncestors — #sec-gather-available-ancestors */
static int gather_ancestors(Context *ctx, ModuleRecord *m, ValueArray *exec_list) {
    ValueArray *parents = m->async_parents;
    for (uint32_t i = 0; parents && i < parents->length; i++) {
        ModuleRecord *p = as_module(parents->items[i]);
        if (list_has(exec_list, module_value(p)) || p->cycle_root->has_error) continue;
        if (--p->pending_async_deps == 0) {
            if (value_array_push(ctx->rt, exec_list, module_value(p)) < 0) return -1;
            if (!p->has_tla && gather_ancestors(ctx, p, exec_list) < 0) return -1;
        }
    }
    return 0;
}

static int compare_async_order(const void *a, const void *b) {
    uint64_t x = as_module(*(const Value *)a)->async_order;
    uint64_t y = as_module(*(const Value *)b)->async_order;
    return x < y ? -1 : x > y;
}

/* AsyncModuleExecutionFulfilled — #sec-async-module-execution-fulfilled */
static void async_module_fulfilled(Context *ctx, ModuleRecord *m) {
    Runtime *rt = ctx->rt;
    if (m->status == MODULE_EVALUATED) return;
    m->async_order = ASYNC_DONE;
    m->status = MODULE_EVALUATED;
    settle_top_level(ctx, m, VAL_UNDEFINED, false);
    HandleMark hm = gc_scope_open(rt);
    ValueArray *exec_list = value_array_new(rt, 4);
    if (!exec_list || gather_ancestors(ctx, m, exec_list) < 0) {
        gc_scope_close(rt, hm);
        return;
    }
    if (exec_list->length > 1)
        qsort(exec_list->items, exec_list->length, sizeof(Value), compare_async_order);
    for (uint32_t i = 0; i < exec_list->length; i++) {
        ModuleRecord *e = as_module(exec_list->items[i]);
        if (e->status == MODULE_EVALUATED) continue;
        if (e->has_tla) {
            execute_async_module(ctx, e);
            continue;
        }
        Value r = execute_module(ctx, e);
        if (val_is_exception(r)) {
            async_module_rejected(ctx, e, rt_take_exception(rt));
        } else {
            e->async_order = ASYNC_DONE;
            e->status = MODULE_EVALUATED;
            settle_top_level(ctx, e, VAL_UNDEFINED, false);
        }
    }
    gc_scope_close(rt, hm);
}

/* AsyncModuleExecutionRejected — #sec-async-module-execution-rejected */
static void async_module_rejected(Context *ctx, ModuleRecord *m, Value error) {
    if (m->status == MODULE_EVALUATED) return;
    m->error = error;
    m->has_error = true;
    m->status = MODULE_EVALUATED;
    m->async_order = ASYNC_DONE;
    /* The module's own promise settles before its parents' (leaf to root). */
    settle_top_level(ctx, m, error, true);
    ValueArray *parents = m->async_parents;
    for (uint32_t i = 0; parents && i < parents->length; i++)
        async_module_rejected(ctx, as_module(parents->items[i]), error);
}

static Value async_module_settled(Context *ctx, Value argument, bool rejected, Value data) {
    ModuleRecord *m = as_module(data);
    if (rejected)
        async_module_rejected(ctx, m, argument);
    else
        async_module_fulfilled(ctx, m);
    return VAL_UNDEFINED;
}

/* ExecuteAsyncModule — #sec-execute-async-module */
static void execute_async_module(Context *ctx, ModuleRecord *m) {
    Runtime *rt = ctx->rt;
    Value p = execute_module(ctx, m);
    if (val_is_exception(p)) {
        async_module_rejected(ctx, m, rt_take_exception(rt));
        return;
    }
    if (!val_is_object(p) || PerformPromiseThenNative(ctx, val_as_object(p), async_module_settled,
                                                      module_value(m)) < 0) {
        Value e = rt->has_exception ? rt_take_exception(rt) : VAL_UNDEFINED;
        async_module_rejected(ctx, m, e);
    }
}

/* InnerModuleEvaluation — #sec-innermoduleevaluation */
static int inner_evaluate(Context *ctx, ModuleRecord *m, ValueArray *stack, uint32_t *index,
                          int depth) {
    Runtime *rt = ctx->rt;
    if (m->status == MODULE_EVALUATING_ASYNC || m->status == MODULE_EVALUATED) {
        if (!m->has_error) return 0;
        throw_value(ctx, m->error);
        return -1;
    }
    if (m->status == MODULE_EVALUATING) return 0;
    if (depth > MODULE_MAX_DEPTH) {
        throw_range_error(ctx, "Module graph is too deep");
        return -1;
    }
    m->status = MODULE_EVALUATING;
    m->dfs_index = m->dfs_ancestor_index = (*index)++;
    m->pending_async_deps = 0;
    if (value_array_push(rt, stack, module_value(m)) < 0) return -1;
    for (uint32_t i = 0; i < m->loaded->length; i++) {
        ModuleRecord *r = as_module(m->loaded->items[i]);
        if (inner_evaluate(ctx, r, stack, index, depth + 1) < 0) return -1;
        if (r->status == MODULE_EVALUATING) {
            if (r->dfs_ancestor_index < m->dfs_ancestor_index)
                m->dfs_ancestor_index = r->dfs_ancestor_index;
        } else {
            if (r->cycle_root) r = r->cycle_root;
            if (r->has_error) {
                throw_value(ctx, r->error);
                return -1;
            }
        }
        if (r->async_order != ASYNC_UNSET && r->async_order != ASYNC_DONE) {
            m->pending_async_deps++;
            if (!r->async_parents) {
                r->async_parents = value_array_new(rt, 2);
                if (!r->async_parents) return -1;
            }
            if (value_array_push(rt, r->async_parents, module_value(m)) < 0) return -1;
        }
    }
    if (m->pending_async_deps > 0 || m->has_tla) {
        m->async_order = ++rt->module_async_count; /* IncrementModuleAsyncEvaluationCount */
        if (m->pending_async_deps == 0) execute_async_module(ctx, m);
    } else {
        Value r = execute_module(ctx, m);
        if (val_is_exception(r)) return -1;
    }
    if (m->dfs_ancestor_index == m->dfs_index) {
        for (;;) {
            ModuleRecord *r = as_module(stack->items[--stack->length]);
            r->status = r->async_order == ASYNC_UNSET ? MODULE_EVALUATED : MODULE_EVALUATING_ASYNC;
            r->cycle_root = m;
            if (r == m) break;
        }
    }
    return 0;
}

/* Evaluate — #sec-moduleevaluation: the promise of [[TopLevelCapability]]. */
static Value module_evaluate(Context *ctx, ModuleRecord *m) {
    Runtime *rt = ctx->rt;
    if ((m->status == MODULE_EVALUATING_ASYNC || m->status == MODULE_EVALUATED) && m->cycle_root)
        m = m->cycle_root;
    if (val_is_object(m->top_level_promise)) return m->top_level_promise;
    HandleMark hm = gc_scope_open(rt);
    ValueArray *stack = value_array_new(rt, 8);
    Object *promise = stack ? promise_create(ctx, NULL) : NULL;
    if (!promise) {
        gc_scope_close(rt, hm);
        return VAL_EXCEPTION;
    }
    m->top_level_promise = val_from_object(promise);
    uint32_t index = 0;
    if (inner_evaluate(ctx, m, stack, &index, 0) < 0) {
        if (rt->exception_uncatchable) {
            gc_scope_close(rt, hm);
            return VAL_EXCEPTION;
        }
        Value error = rt_take_exception(rt);
        for (uint32_t i = 0; i < stack->length; i++) {
            ModuleRecord *s = as_module(stack->items[i]);
            s->status = MODULE_EVALUATED;
            s->error = error;
            s->has_error = true;
        }
        if (val_is_exception(promise_reject_value(ctx, promise, error))) {
            gc_scope_close(rt, hm);
            return VAL_EXCEPTION;
        }
    } else if (m->status == MODULE_EVALUATED) {
        if (val_is_exception(promise_resolve_value(ctx, promise, VAL_UNDEFINED))) {
            gc_scope_close(rt, hm);
            return VAL_EXCEPTION;
        }
    }
    return gc_scope_escape(rt, hm, val_from_object(promise));
}

static Value ignore_settlement(Context *ctx, Value argument, bool rejected, Value data) {
    (void)ctx;
    (void)argument;
    (void)rejected;
    (void)data;
    return VAL_UNDEFINED;
}

Value module_run(Context *ctx, ModuleRecord *m) {
    if (m->status == MODULE_NEW) {
        ModuleRecord *known = registry_find(ctx, val_as_string(m->name), false);
        if (known && known != m) {
            char *n = name_utf8(ctx, m->name);
            throw_type_error(ctx, "A module named '%s' is already loaded", n ? n : "?");
            free(n);
            return VAL_EXCEPTION;
        }
        if (!known && registry_add(ctx, m) < 0) return VAL_EXCEPTION;
    }
    if (load_graph(ctx, m) < 0) return VAL_EXCEPTION;
    if (module_link(ctx, m) < 0) return VAL_EXCEPTION;
    Value p = module_evaluate(ctx, m);
    if (val_is_exception(p)) return p;
    Object *promise = val_as_object(p);
    if (promise_state(promise) == PROMISE_REJECTED) {
        if (PerformPromiseThenNative(ctx, promise, ignore_settlement, VAL_UNDEFINED) < 0)
            return VAL_EXCEPTION;
        return throw_value(ctx, promise_result(promise));
    }
    return p;
}

/* ---- import bindings, import.meta, import() ---- */

Value module_read_import(Context *ctx, Value cell, String *name) {
    if (!val_is_cell(cell) || val_as_cell(cell)->type != CELL_VALUE_ARRAY) return cell;
    ValueArray *ref = (ValueArray *)val_as_cell(cell);
    ModuleRecord *t = as_module(ref->items[0]);
    Value v = t->env ? t->env->slots[val_to_int(ref->items[1])] : VAL_UNINITIALIZED;
    if (v == VAL_UNINITIALIZED) {
        char *n = str_to_utf8(ctx->rt, name, NULL);
        throw_reference_error(ctx, "Cannot access '%s' before initialization", n ? n : "?");
        free(n);
        return VAL_EXCEPTION;
    }
    return v;
}

static ModuleRecord *module_of_code(Context *ctx, FunctionBytecode *fb) {
    if (!fb || !val_is_string(fb->filename)) return NULL;
    return registry_find(ctx, val_as_string(fb->filename), false);
}

/* import.meta — #sec-meta-properties-runtime-semantics-evaluation: an
 * ordinary null-prototype object per module, filled by HostGetImportMetaProperties
 * (the loader's init_meta hook). */
Value module_import_meta(Context *ctx, FunctionBytecode *fb) {
    Runtime *rt = ctx->rt;
    ModuleRecord *m = module_of_code(ctx, fb);
    if (!m) return throw_syntax_error(ctx, "import.meta is only valid in module code");
    if (val_is_object(m->meta)) return m->meta;
    Object *meta = obj_new(ctx, NULL);
    if (!meta) return VAL_EXCEPTION;
    m->meta = val_from_object(meta);
    const mica_module_loader *loader = &rt->module_loader;
    if (loader->init_meta) {
        char *n = name_utf8(ctx, m->name);
        if (!n) return throw_range_error(ctx, "Out of memory");
        mica_status st = loader->init_meta(ctx, loader->opaque, n, m->meta);
        free(n);
        if (st != MICA_OK) return VAL_EXCEPTION;
    }
    return m->meta;
}

/* ContinueDynamicImport's fulfilled closure — #sec-ContinueDynamicImport
 * step 6.d: the evaluation promise settled; data is [record, promise]. */
static Value dynamic_import_settled(Context *ctx, Value argument, bool rejected, Value data) {
    ValueArray *d = (ValueArray *)val_as_cell(data);
    Object *promise = val_as_object(d->items[1]);
    if (rejected) return promise_reject_value(ctx, promise, argument);
    Value ns = module_get_namespace(ctx, as_module(d->items[0]));
    if (val_is_exception(ns)) return promise_reject_value(ctx, promise, rt_take_exception(ctx->rt));
    return promise_resolve_value(ctx, promise, ns);
}

/* ContinueDynamicImport's linkAndEvaluate closure — step 6; data is
 * [record, promise]. */
static Value dynamic_import_link_and_evaluate(Context *ctx, Value argument, bool rejected,
                                              Value data) {
    (void)argument;
    (void)rejected;
    Runtime *rt = ctx->rt;
    ValueArray *d = (ValueArray *)val_as_cell(data);
    ModuleRecord *m = as_module(d->items[0]);
    Object *promise = val_as_object(d->items[1]);
    if (module_link(ctx, m) < 0) {
        if (rt->exception_uncatchable) return VAL_EXCEPTION;
        return promise_reject_value(ctx, promise, rt_take_exception(rt));
    }
    Value p = module_evaluate(ctx, m);
    if (val_is_exception(p)) return p;
    if (PerformPromiseThenNative(ctx, val_as_object(p), dynamic_import_settled, data) < 0)
        return VAL_EXCEPTION;
    return VAL_UNDEFINED;
}

static Value reject_with(Context *ctx, Object *promise, Value error) {
    Value r = promise_reject_value(ctx, promise, error);
    if (val_is_exception(r)) return r;
    return val_from_object(promise);
}

static Value reject_pending(Context *ctx, Object *promise) {
    if (ctx->rt->exception_uncatchable) return VAL_EXCEPTION;
    return reject_with(ctx, promise, rt_take_exception(ctx->rt));
}

static Value reject_type_error(Context *ctx, Object *promise, const char *message) {
    throw_type_error(ctx, "%s", message);
    return reject_pending(ctx, promise);
}

/* EvaluateImportCall steps 7-14 — #sec-evaluate-import-call, with
 * HostLoadImportedModule and ContinueDynamicImport: the host loads
 * synchronously; linking and evaluation then run right away and the
 * namespace is delivered once the evaluation promise settles. */
Value module_dynamic_import(Context *ctx, FunctionBytecode *fb, Value specifier, Value options,
                            int line, int column) {
    Runtime *rt = ctx->rt;
    Object *promise = promise_create(ctx, NULL);
    if (!promise) return VAL_EXCEPTION;
    Value spec = ToString(ctx, specifier);
    if (val_is_exception(spec)) return reject_pending(ctx, promise);
    gc_protect(rt, spec);
    Value type = VAL_UNDEFINED;
    if (!val_is_undefined(options)) {
        if (!val_is_object(options))
            return reject_type_error(ctx, promise,
                                     "The second argument of import() must be an object");
        PropKey with_key = key_from_cstr(rt, "with");
        if (with_key == KEY_NONE) return VAL_EXCEPTION;
        Value attrs = Get(ctx, val_as_object(options), with_key);
        if (val_is_exception(attrs)) return reject_pending(ctx, promise);
        if (!val_is_undefined(attrs)) {
            if (!val_is_object(attrs))
                return reject_type_error(ctx, promise,
                                         "The 'with' option of import() must be an object");
            ValueArray *entries = EnumerableOwnProperties(ctx, val_as_object(attrs), ENUM_ENTRIES);
            if (!entries) return reject_pending(ctx, promise);
            for (uint32_t i = 0; i < entries->length; i++) {
                Object *e = val_as_object(entries->items[i]);
                Value k = Get(ctx, e, key_from_index(0));
                Value v = Get(ctx, e, key_from_index(1));
                if (val_is_exception(k) || val_is_exception(v)) return reject_pending(ctx, promise);
                if (!val_is_string(k)) continue;
                if (!val_is_string(v))
                    return reject_type_error(ctx, promise,
                                             "Import attribute values must be strings");
                if (!str_equal_ascii(val_as_string(k), "type"))
                    return reject_type_error(
                        ctx, promise, "Unsupported import attribute (only 'type' is supported)");
                type = v;
            }
        }
    }
    if (val_is_string(type) && !str_equal_ascii(val_as_string(type), "json"))
        return reject_type_error(ctx, promise,
                                 "Unsupported import type (only 'json' is supported)");
    /* GetActiveScriptOrModule — #sec-getactivescriptormodule: eval code has
     * no name of its own; it belongs to the code that called eval. */
    Value referrer = VAL_UNDEFINED;
    if (fb && val_is_string(fb->filename)) referrer = fb->filename;
    for (Frame *f = rt->vm ? rt->vm->top : NULL; f && val_is_undefined(referrer); f = f->prev)
        if (val_is_string(f->fb->filename)) referrer = f->fb->filename;
    ModuleRecord *m = host_load(ctx, referrer, val_as_string(spec), line, column, type);
    if (!m) return reject_pending(ctx, promise);
    gc_protect(rt, module_value(m));
    if (load_graph(ctx, m) < 0) return reject_pending(ctx, promise);
    /* ContinueDynamicImport steps 3-8: the load promise is already
     * fulfilled, so linking and evaluation run in the job its reaction makes. */
    ValueArray *data = value_array_new(rt, 2);
    Object *loaded = data ? promise_create(ctx, NULL) : NULL;
    if (!loaded) return VAL_EXCEPTION;
    data->items[0] = module_value(m);
    data->items[1] = val_from_object(promise);
    data->length = 2;
    if (val_is_exception(promise_resolve_value(ctx, loaded, VAL_UNDEFINED)) ||
        PerformPromiseThenNative(ctx, loaded, dynamic_import_link_and_evaluate,
                                 val_from_cell(&data->hdr)) < 0)
        return VAL_EXCEPTION;
    return val_from_object(promise);
}
