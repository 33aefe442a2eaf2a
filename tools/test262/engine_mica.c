/*
 * engine_mica.c — the in-process backend: runs one (test, mode) against
 * libmica in a fresh runtime and context, with the test262 host ($262,
 * print; src/host/host262.c, shared with `mica --test262`) defined on the
 * global object.
 *
 * Each harness file is evaluated as its own script before the test, so
 * line numbers in the test's errors are the test file's own. In strict mode
 * the directive prologue "use strict"; is prepended to the test source only:
 * harness scripts are sloppy, which test262 allows (they are written to work
 * either way) and which keeps the test's strictness its own.
 *
 * Crashes and hard hangs are the worker pool's business; here an interrupt
 * handler gives a soft timeout so that a loop in JavaScript ends as a
 * "timeout" verdict without losing the worker.
 */
#include "t262.h"

#include "host/host262.h"
#include "mica.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct test_host {
    mica_runtime *rt;
    host262 *host262;
    int async_complete;
    int async_failed;
    char async_message[T262_MESSAGE_MAX];
    struct timespec deadline;
    int timed_out;
} test_host;

static int past_deadline(const struct timespec *deadline) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec > deadline->tv_sec ||
           (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec);
}

static int interrupt_on_deadline(mica_runtime *rt, void *opaque) {
    test_host *host = opaque;
    if (past_deadline(&host->deadline)) host->timed_out = 1;
    return host->timed_out;
}

/* The name of the exception's constructor (exception.constructor.name, else
 * exception.name), into name. Any exception while looking is swallowed: the
 * verdict then says the name is unknown. */
static void exception_type_name(mica_context *ctx, mica_value exception, char *name, size_t size) {
    name[0] = '\0';
    if (!mica_is_object(exception)) return;
    mica_value constructor, value;
    if (mica_get(ctx, exception, "constructor", &constructor) == MICA_OK &&
        mica_is_object(constructor) && mica_get(ctx, constructor, "name", &value) == MICA_OK &&
        mica_is_string(value)) {
        char *s = mica_to_cstring(ctx, value, NULL);
        if (s) {
            snprintf(name, size, "%s", s);
            mica_free(s);
            if (name[0]) return;
        }
    }
    if (mica_has_exception(ctx)) mica_take_exception(ctx);
    if (mica_get(ctx, exception, "name", &value) == MICA_OK && mica_is_string(value)) {
        char *s = mica_to_cstring(ctx, value, NULL);
        if (s) {
            snprintf(name, size, "%s", s);
            mica_free(s);
        }
    }
    if (mica_has_exception(ctx)) mica_take_exception(ctx);
}

/* The first line of the engine's report of the exception. */
static void exception_summary(mica_context *ctx, mica_value exception, char *out, size_t size) {
    char *report = mica_exception_report(ctx, exception);
    snprintf(out, size, "%s", report ? report : "(no report)");
    mica_free(report);
    char *nl = strchr(out, '\n');
    if (nl) *nl = '\0';
}

/* print(): the runner only listens for the async test protocol. */
static void record_print(void *opaque, const char *text, size_t length) {
    test_host *host = opaque;
    static const char complete[] = "Test262:AsyncTestComplete";
    static const char failure[] = "Test262:AsyncTestFailure:";
    if (strcmp(text, complete) == 0) {
        host->async_complete = 1;
    } else if (strncmp(text, failure, sizeof failure - 1) == 0) {
        if (!host->async_failed)
            snprintf(host->async_message, sizeof host->async_message, "%s",
                     text + sizeof failure - 1);
        host->async_failed = 1;
    }
}

/* ---- modules -------------------------------------------------------------------------- */

/* Module names are paths relative to the suite's test/ directory (the root
 * module is test->path), so an import cycle back to the test file finds
 * the module being run. Relative specifiers resolve against the importer's
 * directory, "." and ".." folded. */
static char *resolve_module(mica_context *ctx, void *opaque, const mica_module_request *req) {
    (void)opaque;
    const char *spec = req->specifier;
    if (strncmp(spec, "./", 2) != 0 && strncmp(spec, "../", 3) != 0) {
        mica_throw_error(ctx, MICA_TYPE_ERROR, "Cannot resolve module specifier '%s'", spec);
        return NULL;
    }
    const char *ref = req->referrer ? req->referrer : "";
    const char *slash = strrchr(ref, '/');
    size_t dir_len = slash ? (size_t)(slash - ref) + 1 : 0;
    size_t n = dir_len + strlen(spec);
    char *joined = malloc(n + 1);
    char *out = malloc(n + 2);
    if (!joined || !out) {
        free(joined);
        free(out);
        mica_throw_error(ctx, MICA_RANGE_ERROR, "Out of memory");
        return NULL;
    }
    memcpy(joined, ref, dir_len);
    strcpy(joined + dir_len, spec);
    size_t w = 0;
    for (const char *p = joined; *p;) {
        while (*p == '/')
            p++;
        const char *seg = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - seg);
        if (len == 0 || (len == 1 && seg[0] == '.')) continue;
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            while (w > 0 && out[w - 1] != '/')
                w--;
            if (w > 0) w--;
            continue;
        }
        if (w > 0) out[w++] = '/';
        memcpy(out + w, seg, len);
        w += len;
    }
    out[w] = '\0';
    free(joined);
    return out;
}

static char *load_module(mica_context *ctx, void *opaque, const char *name,
                         const mica_module_request *req, size_t *length) {
    const t262_config *config = opaque;
    size_t size = strlen(config->suite_dir) + strlen(name) + 8;
    char *path = malloc(size);
    if (!path) {
        mica_throw_error(ctx, MICA_RANGE_ERROR, "Out of memory");
        return NULL;
    }
    snprintf(path, size, "%s/test/%s", config->suite_dir, name);
    char *source = t262_read_file(path, length);
    free(path);
    if (!source)
        mica_throw_error(ctx, MICA_ERROR, "Cannot find module '%s' imported from %s:%d:%d",
                         req->specifier, req->referrer ? req->referrer : "?", req->line,
                         req->column);
    return source;
}

/* ---- running a test --------------------------------------------------------------- */

/* Settles the verdict of a test that threw `exception` in `phase`. */
static void judge_exception(const t262_test *test, mica_context *ctx, mica_value exception,
                            t262_phase phase, t262_result *result) {
    char type[128], summary[T262_MESSAGE_MAX];
    exception_type_name(ctx, exception, type, sizeof type);
    exception_summary(ctx, exception, summary, sizeof summary);
    static const char *const phase_names[] = {"", "parse", "resolution", "runtime"};
    if (test->negative_phase == T262_PHASE_NONE) {
        t262_set_result(result, T262_FAIL, "%s%s", phase == T262_PHASE_PARSE ? "parse: " : "",
                        summary);
    } else if (test->negative_phase != phase) {
        t262_set_result(result, T262_FAIL, "expected %s %s, got %s %s",
                        phase_names[test->negative_phase], test->negative_type, phase_names[phase],
                        summary);
    } else if (strcmp(type, test->negative_type) != 0) {
        t262_set_result(result, T262_FAIL, "expected %s, got %s", test->negative_type, summary);
    } else {
        t262_set_result(result, T262_PASS, "%s", "");
    }
}

static char *read_test(const t262_config *config, const t262_test *test, t262_mode mode,
                       size_t *length) {
    static const char prefix[] = "\"use strict\";\n";
    size_t path_size = strlen(config->suite_dir) + strlen(test->path) + 16;
    char *path = malloc(path_size);
    if (!path) return NULL;
    snprintf(path, path_size, "%s/test/%s", config->suite_dir, test->path);
    size_t raw_length;
    char *raw = t262_read_file(path, &raw_length);
    free(path);
    if (!raw || mode != T262_STRICT) {
        *length = raw_length;
        return raw;
    }
    char *out = malloc(raw_length + sizeof prefix);
    if (out) {
        memcpy(out, prefix, sizeof prefix - 1);
        memcpy(out + sizeof prefix - 1, raw, raw_length + 1);
        *length = raw_length + sizeof prefix - 1;
    }
    free(raw);
    return out;
}

static void run_in_context(const t262_config *config, const t262_test *test, t262_mode mode,
                           test_host *host, mica_context *ctx, t262_result *result) {
    mica_value ignored;
    for (int i = 0; i < test->harness_count; i++) {
        const t262_harness_file *file = t262_harness_get(test->harness[i]);
        char filename[256];
        snprintf(filename, sizeof filename, "harness/%s", file->name);
        if (mica_eval(ctx, file->source, file->length, filename, MICA_EVAL_SCRIPT, &ignored) !=
            MICA_OK) {
            char summary[T262_MESSAGE_MAX];
            exception_summary(ctx, mica_take_exception(ctx), summary, sizeof summary);
            t262_set_result(result, T262_FAIL, "in %s: %s", filename, summary);
            return;
        }
    }

    size_t length;
    char *source = read_test(config, test, mode, &length);
    if (!source) {
        t262_set_result(result, T262_FAIL, "cannot read test file");
        return;
    }
    int flags = mode == T262_MODULE ? MICA_EVAL_MODULE : MICA_EVAL_SCRIPT;
    mica_value script;
    mica_status status = mica_compile(ctx, source, length, test->path, flags, &script);
    free(source);
    if (status != MICA_OK) {
        /* mica.h has no separate link step: if the engine links a module
         * while compiling it, a resolution error comes from here. The test
         * file itself is valid syntax in a resolution-phase test. */
        t262_phase phase = test->negative_phase == T262_PHASE_RESOLUTION ? T262_PHASE_RESOLUTION
                                                                         : T262_PHASE_PARSE;
        judge_exception(test, ctx, mica_take_exception(ctx), phase, result);
        return;
    }
    if (test->negative_phase == T262_PHASE_PARSE) {
        t262_set_result(result, T262_FAIL, "expected parse %s, but it compiled",
                        test->negative_type);
        return;
    }
    mica_value completion = mica_undefined();
    if (mica_run(ctx, script, &completion) != MICA_OK) {
        /* There is no separate link step in mica.h: a module's resolution
         * errors surface when it runs. */
        t262_phase phase = test->negative_phase == T262_PHASE_RESOLUTION ? T262_PHASE_RESOLUTION
                                                                         : T262_PHASE_RUNTIME;
        judge_exception(test, ctx, mica_take_exception(ctx), phase, result);
        return;
    }
    mica_context *failed_ctx = NULL;
    if (mica_run_jobs(host->rt, &failed_ctx) != MICA_OK) {
        char summary[T262_MESSAGE_MAX];
        exception_summary(failed_ctx, mica_take_exception(failed_ctx), summary, sizeof summary);
        t262_set_result(result, T262_FAIL, "in a job: %s", summary);
        return;
    }
    /* A module graph with top-level await settles its evaluation promise
     * in jobs: a rejection is the test's runtime error. */
    if (mode == T262_MODULE && mica_promise_state(completion) == MICA_PROMISE_REJECTED) {
        judge_exception(test, ctx, mica_promise_result(ctx, completion), T262_PHASE_RUNTIME,
                        result);
        return;
    }
    if (test->negative_phase != T262_PHASE_NONE) {
        t262_set_result(result, T262_FAIL, "expected %s %s, but nothing was thrown",
                        test->negative_phase == T262_PHASE_RUNTIME ? "runtime" : "resolution",
                        test->negative_type);
        return;
    }
    if (test->flags & T262_FLAG_ASYNC) {
        if (host->async_failed)
            t262_set_result(result, T262_FAIL, "async: %s", host->async_message);
        else if (!host->async_complete)
            t262_set_result(result, T262_FAIL,
                            "async test did not print Test262:AsyncTestComplete");
        else
            t262_set_result(result, T262_PASS, "%s", "");
        return;
    }
    t262_set_result(result, T262_PASS, "%s", "");
}

void t262_run_in_process(const t262_config *config, const t262_test *test, t262_mode mode,
                         t262_result *result) {
    test_host *host = calloc(1, sizeof *host);
    if (!host) {
        t262_set_result(result, T262_FAIL, "runner: out of memory");
        return;
    }
    clock_gettime(CLOCK_MONOTONIC, &host->deadline);
    double whole = (double)(time_t)config->timeout_seconds;
    host->deadline.tv_sec += (time_t)whole;
    host->deadline.tv_nsec += (long)((config->timeout_seconds - whole) * 1e9);
    if (host->deadline.tv_nsec >= 1000000000L) {
        host->deadline.tv_sec++;
        host->deadline.tv_nsec -= 1000000000L;
    }

    mica_runtime_options options = {0};
    options.max_heap_bytes = config->max_heap_bytes;
    host->rt = mica_runtime_new(&options);
    if (!host->rt) {
        t262_set_result(result, T262_FAIL, "cannot create a runtime");
        free(host);
        return;
    }
    mica_runtime_set_interrupt_handler(host->rt, interrupt_on_deadline, host);
    mica_module_loader loader = {resolve_module, load_module, NULL, (void *)config};
    mica_runtime_set_module_loader(host->rt, &loader);
    mica_scope scope;
    mica_scope_open(host->rt, &scope);
    mica_context *ctx = mica_context_new(host->rt);
    host->host262 = host262_new(host->rt, record_print, host);
    if (!ctx || !host->host262) {
        t262_set_result(result, T262_FAIL, "cannot create a context");
    } else if (host262_install(host->host262, ctx) != MICA_OK) {
        char summary[T262_MESSAGE_MAX];
        exception_summary(ctx, mica_take_exception(ctx), summary, sizeof summary);
        t262_set_result(result, T262_FAIL, "installing $262: %s", summary);
    } else {
        run_in_context(config, test, mode, host, ctx, result);
        /* Whatever the interrupted script reported, the cause is the clock. */
        if (host->timed_out) t262_set_result(result, T262_FAIL, "timeout");
    }
    mica_scope_close(&scope);
    host262_free(host->host262);
    if (ctx) mica_context_free(ctx);
    mica_runtime_free(host->rt);
    free(host);
}
