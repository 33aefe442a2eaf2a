/*
 * emit.h — the bytecode emitter's shared state (private to src/compiler).
 *
 * One Emitter compiles one function; nested functions get their own
 * Emitter (parent link) and become constants of the enclosing one.
 * Everything allocated on the heap during compilation stays rooted by the
 * handle scope the caller of emit_program opened.
 */
#ifndef MICA_EMIT_H
#define MICA_EMIT_H

#include "compiler/ast.h"
#include "compiler/bytecode.h"
#include "compiler/scope.h"

typedef enum ControlKind {
    CTL_LOOP,      /* break + continue target */
    CTL_BREAKABLE, /* switch or labelled statement: break target */
    CTL_ENV,       /* an environment pushed: jumps out pop it */
    CTL_FINALLY,   /* jumps out run the finally block first */
    CTL_ITER,      /* for-of: jumps out close the iterator */
} ControlKind;

typedef struct PendingJump {
    int32_t id;             /* value of the finally's kind register */
    struct Control *target; /* NULL for return */
    bool is_continue;
} PendingJump;

typedef struct Control {
    struct Control *prev;
    ControlKind kind;
    const AstStr *labels;
    uint32_t label_count;
    int32_t break_label, continue_label;
    /* CTL_FINALLY */
    int32_t finally_label;
    uint32_t kind_reg, value_reg;
    PendingJump *pending;
    uint32_t pending_count, pending_capacity;
    /* CTL_ITER */
    uint32_t iter_reg;
    bool iter_async; /* for await: closing awaits return() */
} Control;

/* Kinds stored in a finally's kind register. */
enum { FIN_NORMAL = 0, FIN_THROW = 1, FIN_RETURN = 2, FIN_FIRST_JUMP = 3 };

typedef struct LabelPatch {
    uint32_t insn;    /* pc of the jumping instruction */
    uint32_t operand; /* word index of the jump operand */
    int32_t label;
} LabelPatch;

typedef struct Emitter {
    struct Emitter *parent;
    Context *ctx;
    Runtime *rt;
    FuncInfo *fi;
    AstFunction *ast;
    Scope *scope; /* current scope */
    Control *ctl;
    const char *source;
    size_t source_len;
    Value source_value;   /* Latin-1 bytes string */
    Value filename_value; /* String or undefined */

    uint32_t *code;
    uint32_t code_len, code_cap;
    Value *consts;
    uint32_t const_count, const_cap;
    int32_t *const_hash; /* open addressing over consts (heap values + numbers) */
    uint32_t const_hash_cap;
    uint32_t ic_count;
    ExceptionEntry *handlers;
    uint32_t handler_count, handler_cap;
    LineEntry *lines;
    uint32_t line_count, line_cap;
    CallSiteName *call_names;
    uint32_t call_name_count, call_name_cap;
    int32_t *labels; /* label -> pc, -1 unbound */
    uint32_t label_count, label_cap;
    LabelPatch *patches;
    uint32_t patch_count, patch_cap;

    uint32_t next_reg, max_reg;
    uint32_t env_depth;
    int32_t completion_reg; /* program code: the completion value, else -1 */
    int32_t annexb_flags;   /* sloppy program code: the first of one register per
                               annexb_functions entry, true when it var-hoists; else -1 */
    int32_t chain_label;    /* optional chain: where a nullish link jumps, -1 */
    uint32_t cur_line, cur_column;
    const AstStr *pending_labels; /* labels of the statement being emitted */
    uint32_t pending_label_count;
    bool failed; /* an exception is pending (OOM, limits) */
    /* The expression about to be emitted is a returned one in tail position
     * (#sec-isintailposition): emit_expr_to hands it on to the operand whose
     * value ends the evaluation and makes a call there a TAIL_CALL. */
    bool tail_position;
    uint32_t try_depth; /* try blocks being emitted: their calls are never tail calls */
} Emitter;

/* ---- emit.c: core ---- */
void em_set_pos(Emitter *E, const AstNode *n);
uint32_t em_op(Emitter *E, Opcode op, int n, ...); /* returns the pc */
int32_t em_label(Emitter *E);
void em_bind(Emitter *E, int32_t label);
/* Emits a jump op whose last operand targets label. */
void em_jump(Emitter *E, Opcode op, int32_t label, int n, ...);
uint32_t em_reg(Emitter *E);              /* a fresh temporary */
uint32_t em_regs(Emitter *E, uint32_t n); /* n consecutive temporaries */
uint32_t em_const(Emitter *E, Value v);
uint32_t em_atom(Emitter *E, AstStr name);
uint32_t em_atom_cstr(Emitter *E, const char *name);
uint32_t em_string(Emitter *E, AstStr s);
Value em_atom_value(Emitter *E, AstStr name); /* VAL_EXCEPTION on OOM */
uint32_t em_ic(Emitter *E);
void em_load_number(Emitter *E, uint32_t dst, double d);
void em_fail_oom(Emitter *E);
void em_error(Emitter *E, ErrorKind kind, const char *msg);
void em_call_name(Emitter *E, uint32_t pc, const AstNode *callee);

void em_push_control(Emitter *E, Control *c, ControlKind kind);
void em_pop_control(Emitter *E);
/* Enter / leave a scope: pushes/pops its environment, initializes TDZ and
 * instantiates its function declarations. */
void em_enter_scope(Emitter *E, Scope *s, Control *env_ctl, AstList *functions);
void em_leave_scope(Emitter *E, Scope *s, Scope *outer);

/* Names. */
void em_load_name(Emitter *E, AstStr name, uint32_t dst);
/* The register holding name when it is a register binding (after its TDZ
 * check), else loads it into a new temporary. */
uint32_t em_load_name_any(Emitter *E, AstStr name);
/* Store src into name. init: a declaration's initialization (let/const/
 * class: ends the TDZ). */
void em_store_name(Emitter *E, AstStr name, uint32_t src, bool init, bool lexical_decl);

/* Nested function: compiles it and returns its constant index. */
uint32_t em_function(Emitter *E, AstFunction *fn, Value name_hint);
Value em_name_value(Emitter *E, AstStr s); /* String (not interned) */
uint32_t em_default_constructor(Emitter *P, bool derived, Value name, uint32_t src_start,
                                uint32_t src_end);

/* ---- emit_expr.c ---- */
/* Evaluates n into dst. */
void emit_expr_to(Emitter *E, AstNode *n, uint32_t dst);
/* Evaluates n; returns a register holding the value (maybe a binding's
 * own register: read only). */
uint32_t emit_expr_any(Emitter *E, AstNode *n);
/* Jumps to label when ToBoolean(n) == when_true. */
void emit_cond_jump(Emitter *E, AstNode *n, int32_t label, bool when_true);
/* Evaluates an anonymous function definition with NamedEvaluation. */
void emit_named_expr_to(Emitter *E, AstNode *n, uint32_t dst, Value name);
bool is_anonymous_function_definition(const AstNode *n);
void emit_class(Emitter *E, AstNode *n, uint32_t dst, Value name);
/* Loads the this value (with the derived-constructor TDZ check if check). */
void emit_this_value(Emitter *E, uint32_t dst, bool check);
void emit_assign_to_target(Emitter *E, AstNode *target, uint32_t value, bool init,
                           bool lexical_decl);

/* ---- emit_stmt.c ---- */
void emit_stmt(Emitter *E, AstNode *n);
void emit_stmts(Emitter *E, AstList *l);
void emit_return_value(Emitter *E, uint32_t reg);
/* Await ( value ) — #await: dst = the value src settles to; a rejection
 * throws at this point. */
void emit_await(Emitter *E, uint32_t src, uint32_t dst);
/* AsyncIteratorClose(iterator register it, a normal completion) —
 * #sec-asynciteratorclose; an iterator register holding undefined is done. */
void emit_async_iter_close(Emitter *E, uint32_t it);
/* Whether the function being compiled is an async generator. */
bool em_in_async_generator(Emitter *E);
void emit_function_decl_site(Emitter *E, AstNode *n);
/* Adds an exception-table entry: code [start, end) jumps to handler with
 * environments popped down to depth. */
void em_add_handler(Emitter *E, uint32_t start, uint32_t end, uint32_t handler, uint32_t depth);

/* Shared with emit_module.c: one function's emitter lifecycle and the
 * constant index of a scope's environment descriptor. */
void em_init(Emitter *E, Emitter *parent, Context *ctx, FuncInfo *fi);
FunctionBytecode *em_finish(Emitter *E, AstFunction *fn, Value name, uint32_t flags);
void em_free(Emitter *E);
uint32_t scope_desc(Emitter *E, Scope *s);
/* emit_module.c: an import/export statement of a module body. */
void emit_module_item(Emitter *E, AstNode *n);

/* Entry points: compile a program (script/eval) or a dynamic function. */
FunctionBytecode *emit_program(Context *ctx, AstNode *root, ScopeAnalysis *sa, const char *source,
                               size_t source_len, const char *filename);

#endif
