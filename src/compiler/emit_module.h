/*
 * emit_module.h — compiling a Module (#sec-parsemodule): the module body's
 * bytecode plus the static facts of its Source Text Module Record, as
 * ValueArrays of atoms and int32s that vm/module.c turns into a record.
 *
 * Every module-scope binding (imports included) lives in one environment
 * slot of the module environment, which InitializeEnvironment creates
 * before the body runs; the body runs with it as its frame environment.
 * An import binding's slot holds either the namespace object (namespace
 * imports) or a two-item ValueArray [target Env, slot]: OP_GET_IMPORT reads
 * through it, so the binding is live and shares the exporter's TDZ.
 */
#ifndef MICA_EMIT_MODULE_H
#define MICA_EMIT_MODULE_H

#include "compiler/ast.h"
#include "compiler/bytecode.h"
#include "compiler/scope.h"

typedef struct ModuleCompileInfo {
    FunctionBytecode *body; /* FB_PROGRAM | FB_STRICT (| FB_ASYNC with top-level await) */
    ValueArray *env_desc;   /* scope descriptor of the module environment */
    uint32_t env_slots;
    /* [[RequestedModules]]: [specifier String, line, column, type String|undefined]* */
    ValueArray *requests;
    /* [[ImportEntries]]: [request index, import name atom | null (namespace),
     * slot, line, column]* */
    ValueArray *imports;
    /* [[LocalExportEntries]]: [export name atom, slot]* */
    ValueArray *local_exports;
    /* [[IndirectExportEntries]]: [export name atom, request index,
     * import name atom | null (export * as name)]* */
    ValueArray *indirect_exports;
    /* [[StarExportEntries]]: [request index]* */
    ValueArray *star_exports;
    /* hoisted function declarations: [slot, FunctionBytecode]* */
    ValueArray *functions;
    bool has_top_level_await;
} ModuleCompileInfo;

/* Compiles an AST_MODULE root analyzed by scope_analyze. false with an
 * exception pending. Every heap value in *info stays rooted by the handle
 * scope the caller opened. */
bool emit_module(Context *ctx, AstNode *root, ScopeAnalysis *sa, const char *source,
                 size_t source_len, const char *filename, ModuleCompileInfo *info);

#endif
