/*
 * mica.h — the public embedding API of Mica, a small JavaScript engine.
 *
 * This is the only header an embedder includes. It compiles as C11 and C++.
 *
 * Rules an embedder follows (docs/API.md says more):
 *  - A mica_value is valid only while it is rooted. Every value the API hands
 *    you is recorded in the innermost open handle scope of its runtime and
 *    stays valid until that scope closes. Keep a value longer with a
 *    mica_persistent.
 *  - Functions that can fail return mica_status. On MICA_EXCEPTION the
 *    exception is pending in the context: take it with mica_take_exception.
 *  - Nothing here longjmps across the API, and no JavaScript runs inside the
 *    collector or during mica_context_free / mica_runtime_free.
 */
#ifndef MICA_H
#define MICA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mica_runtime mica_runtime; /* the agent: heap, atoms, jobs */
typedef struct mica_context mica_context; /* a realm: intrinsics, global */
typedef uint64_t mica_value;              /* NaN-boxed JavaScript value */
typedef struct mica_persistent mica_persistent;

typedef enum mica_status {
    MICA_OK = 0,
    MICA_EXCEPTION = 1, /* an exception is pending in the context */
} mica_status;

/* ---- runtime and contexts ---------------------------------------------- */

typedef struct mica_runtime_options {
    size_t max_heap_bytes;   /* 0: no limit */
    size_t max_stack_frames; /* 0: default (JS call depth before RangeError) */
    int gc_stress;           /* N > 0: collect at every N-th allocation (MICA_GC_STRESS=N) */
} mica_runtime_options;

mica_runtime *mica_runtime_new(const mica_runtime_options *options); /* NULL: defaults */
void mica_runtime_free(mica_runtime *rt); /* discards pending jobs, frees all */
void mica_runtime_set_max_heap(mica_runtime *rt, size_t bytes);

/* Called now and then from long-running code; return nonzero to stop the
 * running script with an uncatchable "interrupted" error. */
typedef int (*mica_interrupt_fn)(mica_runtime *rt, void *opaque);
void mica_runtime_set_interrupt_handler(mica_runtime *rt, mica_interrupt_fn fn, void *opaque);

mica_context *mica_context_new(mica_runtime *rt); /* a fresh realm */
void mica_context_free(mica_context *ctx);        /* unroots the realm */
mica_runtime *mica_context_runtime(mica_context *ctx);
void mica_context_set_opaque(mica_context *ctx, void *opaque);
void *mica_context_opaque(mica_context *ctx);

/* ---- handle scopes ------------------------------------------------------ */

typedef struct mica_scope {
    mica_runtime *rt;
    size_t saved;
} mica_scope;

void mica_scope_open(mica_runtime *rt, mica_scope *scope);
void mica_scope_close(mica_scope *scope);
/* Close the scope and keep one value alive in the enclosing scope. */
mica_value mica_scope_escape(mica_scope *scope, mica_value v);

/* ---- persistent references ---------------------------------------------- */

mica_persistent *mica_persistent_new(mica_context *ctx, mica_value v);
mica_value mica_persistent_get(mica_persistent *p); /* recorded in the current scope */
void mica_persistent_free(mica_persistent *p);

/* ---- compiling and running ---------------------------------------------- */

enum {
    MICA_EVAL_SCRIPT = 0,
    MICA_EVAL_STRICT = 1 << 0, /* compile the script as strict code */
    MICA_EVAL_MODULE = 1 << 1, /* module code: `filename` is its canonical name */
};

/* Parses and compiles; early errors come back as a pending SyntaxError and
 * no code has run. The compiled script is a value (kept by the scope). */
mica_status mica_compile(mica_context *ctx, const char *source, size_t length,
                         const char *filename, int flags, mica_value *script);
/* Runs a compiled script in its context; *result gets the completion value. */
mica_status mica_run(mica_context *ctx, mica_value script, mica_value *result);
/* Compile + run. */
mica_status mica_eval(mica_context *ctx, const char *source, size_t length,
                      const char *filename, int flags, mica_value *result);

/* ---- modules -------------------------------------------------------------
 * With MICA_EVAL_MODULE, mica_compile parses a module (nothing is loaded
 * yet) and mica_run registers it in its context under `filename`, loads its
 * imports through the runtime's module loader, links and evaluates the
 * graph. *result is the promise of the evaluation; a graph that fails
 * before any top-level await (a missing module, a bad import, a throwing
 * module body) makes mica_run return MICA_EXCEPTION with the error pending
 * instead. Each context loads a module once per canonical name. import()
 * works from scripts (their filename is the referrer) and modules. */
typedef struct mica_module_request {
    const char *referrer;  /* canonical name of the importing module or script; NULL: none */
    const char *specifier; /* as written in the import */
    int line, column;      /* of the import in the referrer; 0 when unknown */
} mica_module_request;

typedef struct mica_module_loader {
    /* The canonical name of the requested module: malloc'd, the engine
     * frees it with free(). Requests with equal names share one module.
     * NULL with an exception thrown (mica_throw_error) when it cannot be
     * resolved. */
    char *(*resolve)(mica_context *ctx, void *opaque, const mica_module_request *request);
    /* The UTF-8 source of the module named canonical_name (first asked for
     * by request): malloc'd, freed by the engine with free(); *length set.
     * NULL with an exception thrown when it cannot be read. */
    char *(*load)(mica_context *ctx, void *opaque, const char *canonical_name,
                  const mica_module_request *request, size_t *length);
    /* Optional (HostGetImportMetaProperties): adds properties such as `url`
     * to a module's import.meta object (null prototype) on first use. */
    mica_status (*init_meta)(mica_context *ctx, void *opaque, const char *canonical_name,
                             mica_value meta);
    void *opaque;
} mica_module_loader;

/* Installs the loader for every context of rt (copied; NULL removes it).
 * Without a loader every import fails with a TypeError. */
void mica_runtime_set_module_loader(mica_runtime *rt, const mica_module_loader *loader);

/* ---- exceptions --------------------------------------------------------- */

int mica_has_exception(mica_context *ctx);
mica_value mica_take_exception(mica_context *ctx); /* clears it */
mica_status mica_throw(mica_context *ctx, mica_value exception);

typedef enum mica_error_kind {
    MICA_ERROR,
    MICA_EVAL_ERROR,
    MICA_RANGE_ERROR,
    MICA_REFERENCE_ERROR,
    MICA_SYNTAX_ERROR,
    MICA_TYPE_ERROR,
    MICA_URI_ERROR,
} mica_error_kind;

/* Creates an error of that kind with a printf-style message and makes it
 * pending; always returns MICA_EXCEPTION. */
mica_status mica_throw_error(mica_context *ctx, mica_error_kind kind, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* "Name: message" followed by the stack lines, as the CLI prints an uncaught
 * exception. Malloc'd UTF-8; free with mica_free. Never fails (falls back to
 * a placeholder if conversion throws). */
char *mica_exception_report(mica_context *ctx, mica_value exception);

/* ---- values ------------------------------------------------------------- */

mica_value mica_undefined(void);
mica_value mica_null(void);
mica_value mica_bool(int b);
mica_value mica_number(double d);
mica_value mica_string(mica_context *ctx, const char *utf8, size_t length);
mica_value mica_object(mica_context *ctx); /* new Object() */
/* BigInt values from C integers (undefined with a pending exception on OOM). */
mica_value mica_bigint_from_int64(mica_context *ctx, int64_t v);
mica_value mica_bigint_from_uint64(mica_context *ctx, uint64_t v);
mica_value mica_global(mica_context *ctx);

int mica_is_undefined(mica_value v);
int mica_is_null(mica_value v);
int mica_is_bool(mica_value v);
int mica_is_number(mica_value v);
int mica_is_string(mica_value v);
int mica_is_symbol(mica_value v);
int mica_is_bigint(mica_value v);
int mica_is_object(mica_value v);
int mica_is_function(mica_value v);
int mica_is_error(mica_value v);

int mica_to_bool(mica_value v); /* ToBoolean: cannot fail */
mica_status mica_to_number(mica_context *ctx, mica_value v, double *out);
/* ToBigInt64 / ToBigUint64 (#sec-tobigint64): ToBigInt (a TypeError for
 * numbers, undefined, null and symbols; strings are parsed), then the value
 * modulo 2^64 as a signed or unsigned integer. */
mica_status mica_to_bigint64(mica_context *ctx, mica_value v, int64_t *out);
mica_status mica_to_biguint64(mica_context *ctx, mica_value v, uint64_t *out);
/* ToString, as malloc'd UTF-8 (lone surrogates become U+FFFD); NULL with a
 * pending exception on failure. Free with mica_free. */
char *mica_to_cstring(mica_context *ctx, mica_value v, size_t *length);
void mica_free(void *p);

/* Property access by UTF-8 name. */
mica_status mica_get(mica_context *ctx, mica_value obj, const char *name, mica_value *out);
mica_status mica_set(mica_context *ctx, mica_value obj, const char *name, mica_value v);
mica_status mica_get_index(mica_context *ctx, mica_value obj, uint32_t index, mica_value *out);
mica_status mica_set_index(mica_context *ctx, mica_value obj, uint32_t index, mica_value v);
/* Defines a writable, configurable, non-enumerable data property (as built-in
 * methods are). */
mica_status mica_define(mica_context *ctx, mica_value obj, const char *name, mica_value v);
/* DetachArrayBuffer (#sec-detacharraybuffer): detaches the ArrayBuffer buf;
 * its views see length 0 from then on. Throws a TypeError (MICA_EXCEPTION)
 * when buf is not an ArrayBuffer. Detaching twice is allowed. */
mica_status mica_detach_array_buffer(mica_context *ctx, mica_value buf);

mica_status mica_call(mica_context *ctx, mica_value fn, mica_value this_value, int argc,
                      const mica_value *argv, mica_value *result);
mica_status mica_construct(mica_context *ctx, mica_value fn, int argc, const mica_value *argv,
                           mica_value *result);

/* ---- native functions --------------------------------------------------- */

/* A native function. argv holds at least `length` values (missing ones are
 * undefined). Set *result (default undefined) and return MICA_OK, or return
 * MICA_EXCEPTION with an exception pending. */
typedef mica_status (*mica_native_fn)(mica_context *ctx, mica_value this_value, int argc,
                                      const mica_value *argv, mica_value *result, void *opaque);

mica_value mica_function(mica_context *ctx, const char *name, int length, mica_native_fn fn,
                         void *opaque);

/* ---- host objects ------------------------------------------------------- */

/* An object carrying native data. finalize runs during sweep after the
 * object died: it may read, never resurrect, and cannot call JavaScript. */
typedef void (*mica_finalizer_fn)(mica_runtime *rt, void *data);
mica_value mica_host_object(mica_context *ctx, void *data, mica_finalizer_fn finalize);
void *mica_host_data(mica_value v); /* NULL if not a host object */

/* ---- jobs and garbage collection ----------------------------------------- */

/* Runs pending jobs (promise reactions, finalization cleanups) until the
 * queue is empty. Returns MICA_EXCEPTION if a job threw; the exception is
 * pending in *failed_ctx (if non-NULL the context is stored there) and the
 * remaining jobs stay queued. */
mica_status mica_run_jobs(mica_runtime *rt, mica_context **failed_ctx);
int mica_has_pending_jobs(mica_runtime *rt);

/* Queues a job (a microtask, as HTML's queueMicrotask) that calls fn with
 * this undefined and no arguments in ctx's realm. TypeError if fn is not
 * callable. */
mica_status mica_enqueue_job(mica_context *ctx, mica_value fn);

/* The host's HostPromiseRejectionTracker (#sec-host-promise-rejection-tracker):
 * called with handled = 0 when a promise is rejected while it has no handler,
 * and with handled = 1 when such a promise gets its first handler. The
 * promise is valid during the call only (keep it with mica_persistent_new).
 * The tracker must not run JavaScript. fn NULL: no tracking. */
typedef void (*mica_rejection_fn)(mica_context *ctx, mica_value promise, int handled,
                                  void *opaque);
void mica_runtime_set_rejection_tracker(mica_runtime *rt, mica_rejection_fn fn, void *opaque);

/* Promises as values. */
enum { MICA_PROMISE_PENDING = 0, MICA_PROMISE_FULFILLED = 1, MICA_PROMISE_REJECTED = 2 };
int mica_promise_state(mica_value v); /* MICA_PROMISE_*, or -1 if v is not a promise */
/* The fulfillment value or rejection reason (undefined while pending or if
 * v is not a promise); recorded in the current scope. */
mica_value mica_promise_result(mica_context *ctx, mica_value v);

void mica_gc(mica_runtime *rt);

typedef struct mica_heap_stats {
    size_t bytes_in_use;
    size_t peak_bytes;
    size_t collections;
} mica_heap_stats;
void mica_heap_stats_get(mica_runtime *rt, mica_heap_stats *out);

/* ---- CLI / test helpers -------------------------------------------------- */

/* Disassembles a compiled script to the stream (a FILE *). */
void mica_dump_bytecode(mica_context *ctx, mica_value script, void *file);

#ifdef __cplusplus
}
#endif
#endif /* MICA_H */
