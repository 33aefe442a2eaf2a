/*
 * scope.h — scope analysis: which binding every identifier names and where
 * that binding lives.
 *
 * Pass 1 (scope_analyze) walks the whole AST once, builds a Scope for each
 * construct that creates bindings and a FuncInfo per function (attached to
 * AstFunction.aux, AstScope.aux and the AST_WITH node's aux), declares the
 * bindings, and resolves every reference to mark bindings captured when the
 * reference comes from a nested function or through a dynamic scope.
 * Before a function is emitted, scope_assign_locations gives each of its
 * bindings a register or an environment slot; scope_resolve then answers
 * register / (hops, slot) / global / dynamic for each reference.
 *
 * Where bindings live:
 *  - a register, unless captured by a closure or found by a by-name
 *    lookup: then a slot of its scope's heap environment;
 *  - every binding of a function with direct eval (own or nested) or a
 *    mapped arguments object is in an environment;
 *  - script top-level var/function/let/const are not bindings here: they are
 *    global object properties or global lexical bindings, reached by name.
 * References that pass a `with` scope or the variable scope of a sloppy
 * function with direct eval (which may grow new vars) are dynamic.
 *
 * Pseudo-bindings: `this` and `new.target` are bindings named "this" and
 * "new.target" (never valid identifiers) of each non-arrow function scope,
 * so arrows capture them like variables.
 */
#ifndef MICA_SCOPE_H
#define MICA_SCOPE_H

#include "compiler/ast.h"

typedef enum ScopeKind {
    SCOPE_FUNCTION, /* a function's parameter + var + top-level lexical scope */
    SCOPE_PROGRAM,  /* script or eval top level */
    SCOPE_BLOCK,    /* block, switch, for heads */
    SCOPE_CATCH,
    SCOPE_WITH,
    SCOPE_FUNC_NAME, /* a named function expression's own name */
    SCOPE_CLASS,     /* a class's inner name */
    SCOPE_HERITAGE,  /* a class's `extends` expression: no bindings; hides the private
                        names of its parent class scope (the outer PrivateEnvironment,
                        #sec-runtime-semantics-classdefinitionevaluation step 8) */
} ScopeKind;

enum {
    BINDING_KIND_THIS = 100,
    BINDING_KIND_NEW_TARGET,
    BINDING_KIND_ARGUMENTS,
    BINDING_KIND_PRIVATE, /* "#x": a class's Private Name (a private symbol) */
};

typedef struct Scope Scope;
typedef struct FuncInfo FuncInfo;

typedef struct Binding {
    AstStr name;
    uint8_t kind;  /* AstDeclKind or BINDING_KIND_* */
    uint8_t flags; /* BIND_* (vm/env.h) */
    bool captured;
    int32_t reg;         /* >= 0: register */
    int32_t slot;        /* >= 0: environment slot */
    int32_t param_index; /* >= 0: parameter position (last occurrence) */
    Scope *scope;
} Binding;

struct Scope {
    Scope *parent;
    FuncInfo *func;
    uint8_t kind;   /* ScopeKind */
    bool dynamic;   /* lookups passing it must be by name */
    bool force_env; /* all its bindings live in the environment */
    bool has_env;   /* an Env is pushed when the scope is entered */
    uint16_t env_flags;
    Binding **bindings;
    uint32_t count, capacity;
    /* Past SCOPE_INDEX_MIN bindings, an open-addressing hash index over
     * them (NULL below): huge scopes (a bundled program's top level) must
     * not make every name lookup linear. */
    Binding **index;
    uint32_t index_mask;
    uint32_t env_slots;
    int32_t desc_const; /* emitter: constant index of the descriptor, -1 */
    Scope *heritage;    /* SCOPE_CLASS with private names: its SCOPE_HERITAGE child */
};

struct FuncInfo {
    AstFunction *ast;
    FuncInfo *parent;
    Scope *name_scope; /* SCOPE_FUNC_NAME or NULL */
    Scope *var_scope;
    /* Functions whose parameters contain expressions: the scope of this,
     * new.target, arguments and the parameters (in TDZ until bound), the
     * parent of var_scope (#sec-functiondeclarationinstantiation step 28);
     * NULL otherwise (everything is in var_scope). */
    Scope *param_scope;
    /* Sloppy functions with parameter expressions and direct eval: the
     * (initially empty) environment that a direct eval in the parameters
     * adds its vars to, the parent of param_scope (step 20). */
    Scope *callee_scope;
    Scope **scopes; /* every scope owned by this function */
    uint32_t scope_count, scope_capacity;
    bool strict, arrow, is_program, is_eval, direct_eval;
    bool all_env;
    bool sloppy_eval; /* own direct eval in sloppy code: var scope grows */
    bool needs_arguments, mapped_arguments;
    bool locations_done;
    Binding *this_binding, *new_target_binding, *arguments_binding, *name_binding;
    uint32_t reg_count; /* registers used by bindings (this + params + locals) */
    uint32_t param_count;
};

typedef struct ScopeAnalysis {
    AstArena arena;
    FuncInfo *program;
    bool oom;
} ScopeAnalysis;

/* Marker stored in an AST_FUNCTION_DECL node's aux: Annex B var-hoisted. */
extern char scope_annexb_marker;

/* Analyzes an AST_SCRIPT root. is_eval/direct_eval describe eval code.
 * Returns false on OOM. */
bool scope_analyze(ScopeAnalysis *sa, AstNode *program, bool is_eval, bool direct_eval);
void scope_analysis_free(ScopeAnalysis *sa);

/* Gives every binding of fi a register or env slot (idempotent). */
void scope_assign_locations(FuncInfo *fi);

typedef enum ResolveKind { RES_REG, RES_ENV, RES_GLOBAL, RES_DYNAMIC } ResolveKind;
typedef struct Resolution {
    ResolveKind kind;
    Binding *binding; /* RES_REG / RES_ENV */
    uint32_t hops;    /* RES_ENV: environments to walk out */
} Resolution;

/* Resolves name as seen from scope `from` (locations must be assigned for
 * every function on the way). */
Resolution scope_resolve(Scope *from, AstStr name);
Binding *scope_find_local(Scope *s, AstStr name);

extern const AstStr scope_name_this;
extern const AstStr scope_name_new_target;
extern const AstStr scope_name_arguments;

#endif
