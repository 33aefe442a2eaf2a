/*
 * runtime.h — the agent (Runtime) and the realm (Context).
 *
 * The runtime owns the heap, the atom table, the well-known symbols, the
 * job queue and the VM stack; it is the spec's agent. A context is a realm:
 * its intrinsics and its global object. Realms share the heap and may hold
 * references to each other's objects; freeing a context only unroots it.
 *
 * Module-private state hangs off the runtime by pointer (vm, jobs) so that
 * each module owns its own struct; this header does not change when a module
 * grows.
 */
#ifndef MICA_RUNTIME_H
#define MICA_RUNTIME_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include "mica.h"
#include "gc/gc.h"
#include "vm/value.h"

typedef struct String String;
typedef struct Symbol Symbol;
typedef struct Object Object;
typedef struct Shape Shape;

typedef enum IntrinsicId {
#define DEF(name) INTR_##name,
#include "vm/intrinsics.def"
#undef DEF
    INTR_COUNT
} IntrinsicId;

/* Well-known symbols (#sec-well-known-symbols), shared by all realms. */
#define WELL_KNOWN_SYMBOLS(X)                                                                     \
    X(asyncIterator)                                                                              \
    X(hasInstance)                                                                                \
    X(isConcatSpreadable)                                                                         \
    X(iterator)                                                                                   \
    X(match)                                                                                      \
    X(matchAll)                                                                                   \
    X(replace)                                                                                    \
    X(search)                                                                                     \
    X(species)                                                                                    \
    X(split)                                                                                      \
    X(toPrimitive)                                                                                \
    X(toStringTag)                                                                                \
    X(unscopables)

typedef enum WellKnownSymbol {
#define X(name) WKS_##name,
    WELL_KNOWN_SYMBOLS(X)
#undef X
        WKS_COUNT
} WellKnownSymbol;

typedef enum ErrorKind {
    ERR_ERROR,
    ERR_EVAL,
    ERR_RANGE,
    ERR_REFERENCE,
    ERR_SYNTAX,
    ERR_TYPE,
    ERR_URI,
    ERR_AGGREGATE,
    ERR_KIND_COUNT
} ErrorKind;

struct AtomTable;  /* vm/atom.c */
struct VMState;    /* vm/interp.c: stack, frames */
struct JobQueue;   /* vm/jobs.c */
struct Heap;       /* gc/gc.c */
struct Persistent; /* gc/gc.c */

struct mica_runtime {
    struct Heap *heap;

    /* handle stack (gc.h): cells recorded by allocation and gc_protect */
    Cell **handles;
    size_t handle_count, handle_capacity;

    struct AtomTable *atoms;
    Symbol *well_known[WKS_COUNT];

    /* The pending exception (valid when has_exception). */
    Value exception;
    bool has_exception;
    bool exception_uncatchable; /* interrupts, OOM during OOM reporting */

    struct mica_context *contexts; /* live realms, doubly linked */
    /* Realms freed by mica_context_free: unrooted, but their C structs stay
     * until mica_runtime_free because objects (native functions) still
     * point at them. Singly linked through `next`. */
    struct mica_context *freed_contexts;
    struct mica_context *current;  /* the realm of the running code */

    struct Shape *root_shape; /* root of the shape tree (vm/shape.c); weak: shape_finalize clears it */
    /* Bumped whenever an object flagged OBJ_PROTO_WATCHED changes its
     * property layout or its [[Prototype]]; prototype-chain inline caches
     * recorded under an older value miss (vm/prop_cache.h). */
    uint64_t proto_epoch;
    struct VMState *vm;
    struct JobQueue *jobs;

    int native_depth; /* C-level re-entries (native -> JS -> native ...) */
    int native_depth_limit;

    mica_interrupt_fn interrupt_fn;
    void *interrupt_opaque;
    uint32_t interrupt_counter;

    mica_runtime_options options;
    uint32_t next_symbol_id;
    /* Symbol.for's GlobalSymbolRegistry (builtins/symbol.c): a null-prototype
     * object from description to symbol, created lazily (not an object until
     * then). A root: gc_mark_roots marks it. */
    Value symbol_registry;
    /* The host's module loader (mica_runtime_set_module_loader; vm/module.c). */
    mica_module_loader module_loader;
    uint64_t module_async_count; /* IncrementModuleAsyncEvaluationCount (vm/module.c) */
};

struct mica_context {
    Runtime *rt;
    struct mica_context *next, *prev;
    Value intrinsics[INTR_COUNT];
    Object *global;
    Value global_lex_env; /* declarative part of the global environment (let/const/class) */
    Value template_registry; /* [[TemplateMap]] */
    Value module_registry;   /* vm/module.c: ValueArray of the realm's module records */
    void *opaque;
    bool freed;
    uint32_t gc_epoch; /* gc.c: collection in which a freed realm was last traced */
    uint64_t random_state[2]; /* math.c: Math.random's xorshift128+ state; 0,0 = unseeded */
};

static inline Value ctx_intrinsic(Context *ctx, IntrinsicId id) { return ctx->intrinsics[id]; }
static inline Object *ctx_intrinsic_obj(Context *ctx, IntrinsicId id) {
    return (Object *)val_ptr(ctx->intrinsics[id]);
}

/* ---- exceptions ---------------------------------------------------------- */

/* Make v the pending exception; returns VAL_EXCEPTION. */
Value throw_value(Context *ctx, Value v);
/* Create an error of the realm's constructor for `kind` with a formatted
 * message, make it pending, return VAL_EXCEPTION. */
Value throw_error(Context *ctx, ErrorKind kind, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
Value throw_errorv(Context *ctx, ErrorKind kind, const char *fmt, va_list ap);
#define throw_type_error(ctx, ...) throw_error(ctx, ERR_TYPE, __VA_ARGS__)
#define throw_range_error(ctx, ...) throw_error(ctx, ERR_RANGE, __VA_ARGS__)
#define throw_reference_error(ctx, ...) throw_error(ctx, ERR_REFERENCE, __VA_ARGS__)
#define throw_syntax_error(ctx, ...) throw_error(ctx, ERR_SYNTAX, __VA_ARGS__)
/* Throws in rt->current when there is one; with no realm to create an
 * error in, makes the message (a string) pending as an uncatchable error.
 * For code that has only the runtime (string and heap limits). */
Value rt_throw_error(Runtime *rt, ErrorKind kind, const char *message);
/* Takes and clears the pending exception. */
Value rt_take_exception(Runtime *rt);
/* Creates (does not throw) an error object: ctx's %<Kind>Error% with message. */
Value error_new(Context *ctx, ErrorKind kind, String *message);

/* ---- lifecycle -------------------------------------------------------------- */

/* Called once per context after its intrinsics are installed. */
void context_trace(Runtime *rt, Context *ctx);

/* Polls the interrupt handler every few thousand calls; returns -1 with an
 * uncatchable exception pending when the host asked to stop. */
int rt_check_interrupt(Context *ctx);

#endif
