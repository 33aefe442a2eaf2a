/*
 * function.h — calling, native functions, bound functions.
 *
 * Call and Construct are the one entry from C into any callable; for
 * bytecode functions they enter the interpreter (vm/interp.c), which itself
 * never recurses on the C stack for JS-to-JS calls. Each C-level re-entry
 * counts against rt->native_depth_limit (RangeError past it).
 */
#ifndef MICA_FUNCTION_H
#define MICA_FUNCTION_H

#include "vm/object.h"

/* A built-in implemented in C. argv has argc values; read arguments with
 * ARG(i), which gives undefined past argc. new_target is undefined for a
 * [[Call]]. The interpreter opens a handle scope around the call. */
typedef Value (*NativeFn)(Context *ctx, Value this_value, int argc, const Value *argv,
                          Value new_target, int magic);
#define ARG(i) ((i) < argc ? argv[(i)] : VAL_UNDEFINED)

typedef struct NativeFunction {
    Object base;
    NativeFn fn;
    Context *realm;
    int32_t magic;
    void *opaque; /* mica_native_fn embedders: their fn and data */
    void *opaque2;
} NativeFunction;
extern const ClassDef class_native_function;

/* CreateBuiltinFunction — #sec-createbuiltinfunction. Sets "length" and
 * "name" (name may be a symbol key: "[desc]"; prefix e.g. "get"). The
 * function is a constructor only if is_constructor. NULL on OOM. */
Object *CreateBuiltinFunction(Context *ctx, NativeFn fn, int length, PropKey name, int magic,
                              bool is_constructor, const char *prefix);

typedef struct BoundFunction {
    Object base;
    Value target;
    Value bound_this;
    ValueArray *bound_args;
} BoundFunction;
extern const ClassDef class_bound_function;
Object *BoundFunctionCreate(Context *ctx, Object *target, Value bound_this, const Value *args,
                            uint32_t nargs);

/* #sec-call, #sec-construct */
Value Call(Context *ctx, Value f, Value this_value, int argc, const Value *argv);
Value Construct(Context *ctx, Value f, int argc, const Value *argv, Value new_target /* undefined: f */);

/* SetFunctionName / SetFunctionLength — #sec-setfunctionname */
int SetFunctionName(Context *ctx, Object *f, PropKey name, const char *prefix);
int SetFunctionLength(Context *ctx, Object *f, double length);
/* The realm of a function (#sec-getfunctionrealm); NULL if revoked proxy (exc pending). */
Context *GetFunctionRealm(Context *ctx, Object *f);

#endif
