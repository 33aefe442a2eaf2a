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

/* frame_push (interp.c) sets every field; a new field must be set there. */
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
    Object *coroutine; /* the Coroutine this frame runs (generators, async), else NULL */
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
 * suspends again, returns or throws. Generators are resumed by next() /
 * return() / throw(); async functions by promise jobs (see below).
 *
 * Invariant: `frame.regs` is traced only in the suspended states (while
 * executing the live copy is on the VM stack and the heap copy is stale).
 */
typedef enum CoroutineState {
    CO_SUSPENDED_START,
    CO_SUSPENDED_YIELD,
    CO_EXECUTING,
    CO_COMPLETED,
    CO_SUSPENDED_AWAIT, /* an async function or generator waits in AWAIT */
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

/*
 * Async functions and async generators (builtins/async_function.c,
 * builtins/async_generator.c) are coroutines too. An async function's frame
 * makes its AsyncFunctionState at ASYNC_START, before its parameters are
 * bound, and keeps running; each AWAIT suspends it with a promise reaction
 * that resumes it from a job. When the frame returns or throws, the
 * interpreter hands the completion to async_coroutine_finish, which settles
 * the promise (or completes the async generator's request queue) and gives
 * the value the frame's caller receives.
 */
typedef struct AsyncFunctionState {
    Coroutine co;
    Value promise; /* the async function's result promise */
} AsyncFunctionState;

/* [[AsyncGeneratorState]] — #sec-properties-of-asyncgenerator-intances */
typedef enum AsyncGeneratorState {
    AG_SUSPENDED_START,
    AG_SUSPENDED_YIELD,
    AG_EXECUTING,
    AG_DRAINING_QUEUE,
    AG_COMPLETED,
} AsyncGeneratorState;

typedef struct AsyncGenerator {
    Coroutine co;
    uint8_t ag_state;  /* AsyncGeneratorState */
    ValueArray *queue; /* AsyncGeneratorRequests as [ResumeMode, value, promise]* */
    uint32_t head;     /* index of the first request in queue */
} AsyncGenerator;

/* The generator object class (builtins/generator.c). */
extern const ClassDef class_generator;
extern const ClassDef class_async_function_state, class_async_generator;

/* Await ( value ) steps 2-7 — #await: attaches the resumption of co to
 * PromiseResolve(%Promise%, value). The caller then suspends the frame.
 * -1 with an exception pending (it is thrown at the await). */
int async_await(Context *ctx, Coroutine *co, Value value);
/* The end of an async function body (AsyncBlockStart step 2.e-h) or async
 * generator body (AsyncGeneratorStart step 4.f-k) whose frame returned
 * result (threw: result is the exception value). Returns what the frame's
 * caller receives: the promise, or undefined for a generator. */
Value async_coroutine_finish(Context *ctx, Coroutine *co, Value result, bool threw);
/* AsyncGeneratorYield ( value ) steps 5-12 — #sec-asyncgeneratoryield:
 * returns 1 when the queue already holds the next request (its completion
 * in *value / *mode: run on without suspending), 0 to suspend, -1 on OOM. */
int async_generator_yield(Context *ctx, Coroutine *co, Value *value, ResumeMode *mode,
                          Context *previous_realm);
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
