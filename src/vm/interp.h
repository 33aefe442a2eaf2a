/*
 * interp.h — the interpreter's private state: frames, the VM stack, and the
 * bytecode closure class.
 *
 * The VM stack is a chain of segments of Values that never move, so a
 * frame's register pointer stays valid while deeper frames come and go
 * (native code re-entering the loop included). A JS-to-JS call makes the
 * callee's register window start at the caller's `this` register of the
 * call, so arguments are passed in place. Frames are small structs from a
 * free list (never moved either); each links to its caller.
 *
 * Every Value a running frame holds lives in its registers, its env or its
 * fields below: vm_trace marks them all, so the interpreter may trim the
 * handle stack back to the frame's mark at calls, returns and backward
 * jumps.
 */
#ifndef MICA_INTERP_H
#define MICA_INTERP_H

#include "compiler/bytecode.h"
#include "vm/env.h"
#include "vm/function.h"

typedef struct JSFunction {
    Object base;
    FunctionBytecode *fb;
    Env *env; /* closure environment (NULL: global) */
    Context *realm;
    Value home_object;  /* [[HomeObject]] for methods, else undefined */
    ValueArray *fields; /* class constructors: [[Fields]] and private methods as
                           [key, a, b, kind]* (vm/interp.c, InitializeInstanceElements) */
    Object *this_func;  /* arrows: the function whose this-environment they see
                           (super, new.target); NULL at top level */
} JSFunction;
extern const ClassDef class_function;

static inline bool obj_is_bytecode_function(const Object *o) {
    return o->cls == &class_function;
}

typedef struct StackSeg {
    struct StackSeg *prev;
    Value *top; /* first free value */
    Value *end;
    Value values[];
} StackSeg;

enum {
    FRAME_ENTRY = 1 << 0,     /* return to C (Call/Construct/run) after this frame */
    FRAME_CONSTRUCT = 1 << 1, /* [[Construct]]: a non-object result gives this */
    FRAME_EVAL = 1 << 2,
};

typedef struct Frame {
    struct Frame *prev;
    FunctionBytecode *fb;
    Object *callee; /* the function object, NULL for script and eval code */
    Value *regs;
    StackSeg *seg;
    Value *saved_top; /* seg->top to restore when this frame pops */
    const uint32_t *pc;
    Env *env;
    Value new_target;
    ValueArray *extra_args; /* arguments past param_count (FB_KEEP_EXTRA_ARGS) */
    Context *realm;
    Object *coroutine; /* the Coroutine this frame runs (generators), else NULL */
    Object *this_func; /* [[FunctionObject]] of GetThisEnvironment(): callee, or for
                          arrows and direct eval the enclosing function (super) */
    HandleMark handle_mark;
    uint32_t argc;
    uint32_t env_depth;
    uint32_t ret_reg; /* caller's register for the result */
    uint32_t flags;   /* FRAME_* */
} Frame;

typedef struct VMState {
    StackSeg *seg;
    StackSeg *spare;
    Frame *top;
    Frame *free_frames;
    uint32_t depth;
    uint32_t max_depth;
} VMState;

/*
 * Suspension. A Coroutine owns a heap copy of one bytecode frame while it is
 * suspended: its registers, pc, environment (with env_depth, which with the
 * pc is all the exception-handler state a frame has), callee, new.target
 * and extra arguments. Suspending (GENERATOR_START, YIELD) copies the frame
 * into the coroutine and pops it as if it returned the suspension's value
 * (to C for an entry frame, else to the calling bytecode frame); resuming
 * copies it back onto the VM stack and runs it in the loop until it
 * suspends again, returns or throws. Generators use it now; an async
 * function is a coroutine whose resumption is driven by promise jobs.
 *
 * Invariant: `frame.regs` is traced only in the suspended states (while
 * executing the live copy is on the VM stack and the heap copy is stale).
 */
typedef enum CoroutineState {
    CO_SUSPENDED_START,
    CO_SUSPENDED_YIELD,
    CO_EXECUTING,
    CO_COMPLETED,
} CoroutineState;

/* How a suspended coroutine is resumed (the value YIELD leaves in r0+1). */
typedef enum ResumeMode { RESUME_NEXT = 0, RESUME_THROW = 1, RESUME_RETURN = 2 } ResumeMode;

typedef struct SuspendedFrame {
    FunctionBytecode *fb;
    Object *callee;
    Env *env;
    Value new_target;
    ValueArray *extra_args;
    Context *realm;
    Object *this_func;
    Value *regs; /* fb->reg_count values (malloc'd) */
    uint32_t pc; /* code offset of the suspending instruction */
    uint32_t env_depth;
    uint32_t argc;
} SuspendedFrame;

typedef struct Coroutine {
    Object base;
    uint8_t state; /* CoroutineState */
    SuspendedFrame frame;
} Coroutine;

/* The generator object class (builtins/generator.c). */
extern const ClassDef class_generator;
/* Marks / frees a coroutine's frame (for the ClassDef of coroutine objects). */
void coroutine_trace(Runtime *rt, Object *o);
void coroutine_finalize(Runtime *rt, Object *o);
/* Resumes a suspended coroutine with value and mode until it suspends again
 * (state CO_SUSPENDED_YIELD: the result is the yielded value), returns
 * (CO_COMPLETED, the result is the return value) or throws (CO_COMPLETED,
 * VAL_EXCEPTION). */
Value interp_resume(Context *ctx, Coroutine *co, Value value, ResumeMode mode);
/* Ends a coroutine without running it (return()/throw() at suspendedStart). */
void coroutine_close(Coroutine *co);

/* Runs fb as script or eval code (this_value in register 0) on env. */
Value interp_run_code(Context *ctx, FunctionBytecode *fb, Env *env, Value this_value,
                      uint32_t frame_flags);
/* [[Call]] / [[Construct]] of a bytecode closure from C. For construct,
 * this_value is the freshly created object (or <uninitialized> for derived
 * constructors). */
Value interp_call_function(Context *ctx, JSFunction *f, Value this_value, int argc,
                           const Value *argv, Value new_target, bool construct);

/* Creates the closure object for fb over env (adds "prototype", "length"
 * and "name"). NULL on OOM. */
Object *js_function_new(Context *ctx, FunctionBytecode *fb, Env *env);

/* InitializeInstanceElements — #sec-initializeinstanceelements */
Value interp_init_fields(Context *ctx, Object *o, JSFunction *ctor);

/* arguments.c */
Object *arguments_new_unmapped(Context *ctx, const Value *argv, uint32_t argc);
Object *arguments_new_mapped(Context *ctx, Object *callee, const Value *argv, uint32_t argc,
                             Env *env, ValueArray *param_slots);

/* eval.c */
/* Compiles eval source for a direct (caller != NULL) or indirect eval.
 * Returns a FunctionBytecode value, the argument itself when it is not a
 * string (*not_code set), or VAL_EXCEPTION. */
Value eval_compile(Context *ctx, Value x, bool direct, bool caller_strict, Frame *caller,
                   bool *not_code);
/* The running frame (NULL when no JS is running). */
Frame *interp_current_frame(Runtime *rt);

#endif
