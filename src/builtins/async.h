/*
 * async.h — what the async built-in files share (async_function.c,
 * async_generator.c, async_iteration.c); the interpreter's side of async
 * functions is declared in vm/interp.h.
 */
#ifndef MICA_ASYNC_H
#define MICA_ASYNC_H

#include "builtins/builtins.h"
#include "vm/interp.h"

/* AsyncGeneratorStart step 4.f-k — #sec-asyncgeneratorstart: the body of ag
 * returned result (threw: result is the exception). VAL_UNDEFINED, or
 * VAL_EXCEPTION on OOM. */
Value async_generator_finish(Context *ctx, AsyncGenerator *ag, Value result, bool threw);

/* Install the intrinsics of each file (called by init_async). -1 on OOM. */
int init_async_iteration(
    Context *ctx); /* %AsyncIteratorPrototype%, %AsyncFromSyncIteratorPrototype% */
int init_async_generator(Context *ctx); /* %AsyncGeneratorFunction%, %AsyncGeneratorPrototype% */

#endif
