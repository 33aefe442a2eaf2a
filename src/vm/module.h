/*
 * module.h — ECMAScript modules: Source Text Module Records
 * (#sec-source-text-module-records) and JSON modules as synthetic records,
 * loading through the host's mica_module_loader, Link() / Evaluate() of
 * Cyclic Module Records (top-level await included), module namespace
 * objects, import.meta and import().
 *
 * A ModuleRecord is an engine-private GC cell (CELL_INTERNAL). Every record
 * a realm loaded sits in that realm's registry (Context.module_registry, a
 * ValueArray marked by context_trace), keyed by the canonical name the
 * host's resolve hook returned: a module is parsed and evaluated once per
 * realm and name. Records point at each other only through `loaded` (the
 * [[LoadedModules]] of each request) and the import-binding cells below.
 *
 * Import bindings (see compiler/emit_module.h): the importer's environment
 * slot holds either a namespace object or a ValueArray [exporter record,
 * slot]; module_read_import reads the exporter's slot at every access, so
 * imports are live and see the exporter's TDZ.
 */
#ifndef MICA_MODULE_H
#define MICA_MODULE_H

#include "compiler/bytecode.h"
#include "vm/env.h"

typedef enum ModuleStatus {
    MODULE_NEW,
    MODULE_UNLINKED,
    MODULE_LINKING,
    MODULE_LINKED,
    MODULE_EVALUATING,
    MODULE_EVALUATING_ASYNC,
    MODULE_EVALUATED,
} ModuleStatus;

typedef struct ModuleRecord {
    InternalCell cell;
    Context *realm;
    Value name;             /* String: the canonical name */
    FunctionBytecode *body; /* NULL for a JSON module */
    ValueArray *env_desc;
    uint32_t env_slots;
    /* Static facts (emit_module.h documents the layouts). */
    ValueArray *requests, *imports, *local_exports, *indirect_exports, *star_exports, *functions;
    ValueArray *loaded; /* one record (or undefined until loaded) per request */
    Env *env;           /* [[Environment]] once InitializeEnvironment ran */
    Value namespace_object;
    Value meta;                /* import.meta object or undefined */
    Value json_value;          /* a JSON module's default export */
    Value error;               /* [[EvaluationError]] when has_error */
    Value top_level_promise;   /* [[TopLevelCapability]].[[Promise]] or undefined */
    ValueArray *async_parents; /* [[AsyncParentModules]] */
    struct ModuleRecord *cycle_root;
    uint32_t dfs_index, dfs_ancestor_index;
    uint32_t pending_async_deps;
    uint64_t async_order; /* [[AsyncEvaluationOrder]]: 0 unset, UINT64_MAX done */
    uint8_t status;       /* ModuleStatus */
    bool has_error, has_tla, is_json;
} ModuleRecord;

bool val_is_module_record(Value v);

/* ParseModule — #sec-parsemodule: a new record named `name` (not yet in
 * the registry). NULL with a SyntaxError pending. */
ModuleRecord *module_parse(Context *ctx, const char *source, size_t length, const char *name);

/* The host's entry: registers the parsed root module under its name, loads
 * its graph, links and evaluates it. Returns the promise of Evaluate() —
 * except that a graph which failed synchronously (loading, linking or
 * evaluation without top-level await) throws instead, its promise marked
 * handled. */
Value module_run(Context *ctx, ModuleRecord *m);

/* OP_GET_IMPORT: the value of an import binding whose slot holds `cell`. */
Value module_read_import(Context *ctx, Value cell, String *name);
/* OP_IMPORT_META: import.meta of the module whose code `fb` is. */
Value module_import_meta(Context *ctx, FunctionBytecode *fb);
/* OP_DYNAMIC_IMPORT: EvaluateImportCall from code `fb` at line:column —
 * #sec-evaluate-import-call. */
Value module_dynamic_import(Context *ctx, FunctionBytecode *fb, Value specifier, Value options,
                            int line, int column);

/* ResolveExport — #sec-resolveexport. *target / *slot give the binding
 * (slot -1: the namespace of *target). */
typedef enum { RESOLVE_FOUND, RESOLVE_NOT_FOUND, RESOLVE_AMBIGUOUS, RESOLVE_ERROR } ResolveResult;
ResolveResult module_resolve_export(Context *ctx, ModuleRecord *m, String *export_name,
                                    ModuleRecord **target, int32_t *slot);
/* GetModuleNamespace — #sec-getmodulenamespace. */
Value module_get_namespace(Context *ctx, ModuleRecord *m);

/* builtins/module_namespace.c: ModuleNamespaceCreate — #sec-modulenamespacecreate
 * (names: sorted export-name Strings). */
Object *module_namespace_create(Context *ctx, ModuleRecord *m, ValueArray *names);

#endif
