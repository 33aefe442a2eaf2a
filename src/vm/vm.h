/*
 * vm.h — the interpreter's entry points for the rest of the engine.
 *
 * The compiler (src/compiler) turns source into bytecode functions; the
 * interpreter (vm/interp.c) runs them. JS-to-JS calls push frames on the VM
 * stack and never recurse on the C stack; only Call()/Construct() from C
 * re-enter the loop.
 */
#ifndef MICA_VM_H
#define MICA_VM_H

#include "vm/object.h"

/* Compile a script (flags: MICA_EVAL_*). Returns a CELL_SCRIPT value, or
 * VAL_EXCEPTION with a SyntaxError (or RangeError for too-deep nesting)
 * pending; no code has run. */
Value vm_compile_script(Context *ctx, const char *source, size_t length, const char *filename,
                        int flags);
/* ScriptEvaluation — #sec-runtime-semantics-scriptevaluation */
Value vm_run_script(Context *ctx, Value script);

/* PerformEval for an indirect eval (the global eval function) —
 * #sec-performeval. Direct eval is handled inside the interpreter. */
Value vm_indirect_eval(Context *ctx, Value x);

/* CreateDynamicFunction — #sec-createdynamicfunction (kind: normal for now). */
typedef enum { DYNFN_NORMAL, DYNFN_GENERATOR, DYNFN_ASYNC, DYNFN_ASYNC_GENERATOR } DynFnKind;
Value vm_create_dynamic_function(Context *ctx, Value new_target, DynFnKind kind, int argc,
                                 const Value *argv);

/* Source text for Function.prototype.toString of a bytecode function, or
 * NULL if f is not one (the caller prints the NativeFunction form). */
String *vm_function_source_text(Context *ctx, Object *f);

/* The current call stack as text, one "    at name (file:line:column)" line
 * per frame, innermost first; skip_frames drops the innermost native ones.
 * Used for Error.prototype.stack. NULL on OOM. */
String *vm_backtrace(Context *ctx, int skip_frames);

/* Marks the VM stack (all frames) — called from the root enumeration. */
void vm_trace(Runtime *rt);
int vm_init(Runtime *rt);
void vm_free(Runtime *rt);

/* Disassembles a script's functions to `file` (a FILE *). */
void vm_dump_script(Context *ctx, Value script, void *file);

#endif
