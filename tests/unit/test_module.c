/* test_module.c — modules through the embedding API: an in-memory loader,
 * load-once per canonical name, errors, import.meta, top-level await and
 * import() from a script. */
#include <stdlib.h>
#include <string.h>

#include "mica.h"
#include "test.h"

typedef struct memory_file {
    const char *name, *source;
} memory_file;

typedef struct memory_loader {
    const memory_file *files;
    int loads; /* load() calls */
    char last_referrer[64];
} memory_loader;

static const memory_file *find_file(const memory_loader *ml, const char *name) {
    for (const memory_file *f = ml->files; f->name; f++)
        if (strcmp(f->name, name) == 0) return f;
    return NULL;
}

/* Specifiers are names with an optional "./" prefix. */
static char *resolve(mica_context *ctx, void *opaque, const mica_module_request *req) {
    memory_loader *ml = opaque;
    snprintf(ml->last_referrer, sizeof ml->last_referrer, "%s",
             req->referrer ? req->referrer : "(none)");
    const char *name = strncmp(req->specifier, "./", 2) == 0 ? req->specifier + 2 : req->specifier;
    if (!find_file(ml, name)) {
        mica_throw_error(ctx, MICA_ERROR, "no module %s (from %s:%d:%d)", req->specifier,
                         req->referrer ? req->referrer : "-", req->line, req->column);
        return NULL;
    }
    return strdup(name);
}

static char *load(mica_context *ctx, void *opaque, const char *name, const mica_module_request *req,
                  size_t *length) {
    memory_loader *ml = opaque;
    const memory_file *f = find_file(ml, name);
    ml->loads++;
    *length = strlen(f->source);
    return strdup(f->source);
}

static mica_status init_meta(mica_context *ctx, void *opaque, const char *name, mica_value meta) {
    char url[128];
    snprintf(url, sizeof url, "mem:%s", name);
    return mica_set(ctx, meta, "url", mica_string(ctx, url, strlen(url)));
}

static const memory_file files[] = {
    {"lib.mjs", "export let n = 1; export function bump() { n++; } export default 'lib';"},
    {"uses_lib.mjs", "import { n } from './lib.mjs'; export const seen = n;"},
    {"meta.mjs", "export const url = import.meta.url;"},
    {"throws.mjs", "throw new RangeError('module body threw');"},
    {"missing_import.mjs", "import { x } from './lib.mjs'; export { x };"},
    {"tla.mjs", "export let ready = false; await null; ready = true;"},
    {"data.json", "{\"answer\": 42}"},
    {NULL, NULL},
};

/* Evaluates `expr` in ctx and returns it as a malloc'd C string. */
static char *eval_string(mica_context *ctx, const char *expr) {
    mica_value v;
    if (mica_eval(ctx, expr, strlen(expr), "check.js", MICA_EVAL_SCRIPT, &v) != MICA_OK) {
        mica_take_exception(ctx);
        return NULL;
    }
    return mica_to_cstring(ctx, v, NULL);
}

static char *exception_text(mica_context *ctx) {
    mica_value e = mica_take_exception(ctx);
    return mica_to_cstring(ctx, e, NULL);
}

static void run_main(mica_context *ctx, const char *src, mica_status want, char **error) {
    mica_value result;
    mica_status st = mica_eval(ctx, src, strlen(src), "main.mjs", MICA_EVAL_MODULE, &result);
    CHECK(st == want);
    *error = st == MICA_OK ? NULL : exception_text(ctx);
}

static void test_graph_loads_once(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    memory_loader ml = {files, 0, ""};
    mica_module_loader loader = {resolve, load, init_meta, &ml};
    mica_runtime_set_module_loader(rt, &loader);
    mica_scope scope;
    mica_scope_open(rt, &scope);
    char *error;
    run_main(ctx,
             "import { n, bump } from './lib.mjs';\n"
             "import { seen } from './uses_lib.mjs';\n"
             "import d from './lib.mjs';\n"
             "import { url } from './meta.mjs';\n"
             "import json from './data.json' with { type: 'json' };\n"
             "bump();\n"
             "globalThis.out = [n, seen, d, url, json.answer].join();\n",
             MICA_OK, &error);
    char *out = eval_string(ctx, "out");
    CHECK_STR(out, "2,1,lib,mem:meta.mjs,42");
    free(out);
    CHECK(ml.loads == 4); /* lib, uses_lib, meta, data.json: lib only once */
    CHECK_STR(ml.last_referrer, "main.mjs");
    mica_scope_close(&scope);
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

static void test_errors(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    memory_loader ml = {files, 0, ""};
    mica_module_loader loader = {resolve, load, NULL, &ml};
    mica_runtime_set_module_loader(rt, &loader);
    mica_scope scope;
    mica_scope_open(rt, &scope);
    char *error;
    run_main(ctx, "import './nowhere.mjs';", MICA_EXCEPTION, &error);
    CHECK_STR(error, "Error: no module ./nowhere.mjs (from main.mjs:1:1)");
    free(error);

    mica_context *ctx2 = mica_context_new(rt);
    run_main(ctx2, "\n  import './missing_import.mjs';", MICA_EXCEPTION, &error);
    CHECK(error && strstr(error, "SyntaxError: The requested module 'lib.mjs' does not provide "
                                 "an export named 'x' (missing_import.mjs:1:1)"));
    free(error);

    mica_context *ctx3 = mica_context_new(rt);
    run_main(ctx3, "import './throws.mjs';", MICA_EXCEPTION, &error);
    CHECK_STR(error, "RangeError: module body threw");
    free(error);
    /* The same failure again, from the record's [[EvaluationError]]. */
    mica_value p;
    const char *again = "import('./throws.mjs').catch(e => globalThis.again = e.message)";
    CHECK(mica_eval(ctx3, again, strlen(again), "s.js", MICA_EVAL_SCRIPT, &p) == MICA_OK);
    mica_context *failed = NULL;
    CHECK(mica_run_jobs(rt, &failed) == MICA_OK);
    char *msg = eval_string(ctx3, "again");
    CHECK_STR(msg, "module body threw");
    free(msg);
    mica_scope_close(&scope);
    mica_context_free(ctx);
    mica_context_free(ctx2);
    mica_context_free(ctx3);
    mica_runtime_free(rt);
}

static void test_no_loader(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    mica_scope scope;
    mica_scope_open(rt, &scope);
    char *error;
    run_main(ctx, "export const a = 1;", MICA_OK, &error);
    run_main(mica_context_new(rt), "import './lib.mjs';", MICA_EXCEPTION, &error);
    CHECK(error && strstr(error, "TypeError: Cannot load module './lib.mjs'"));
    free(error);
    mica_scope_close(&scope);
    mica_runtime_free(rt);
}

static void test_top_level_await(void) {
    mica_runtime *rt = mica_runtime_new(NULL);
    mica_context *ctx = mica_context_new(rt);
    memory_loader ml = {files, 0, ""};
    mica_module_loader loader = {resolve, load, NULL, &ml};
    mica_runtime_set_module_loader(rt, &loader);
    mica_scope scope;
    mica_scope_open(rt, &scope);
    const char *src = "import { ready } from './tla.mjs'; globalThis.seen = ready;";
    mica_value promise;
    CHECK(mica_eval(ctx, src, strlen(src), "main.mjs", MICA_EVAL_MODULE, &promise) == MICA_OK);
    CHECK(mica_promise_state(promise) == MICA_PROMISE_PENDING);
    mica_context *failed = NULL;
    CHECK(mica_run_jobs(rt, &failed) == MICA_OK);
    CHECK(mica_promise_state(promise) == MICA_PROMISE_FULFILLED);
    char *seen = eval_string(ctx, "String(seen)");
    CHECK_STR(seen, "true");
    free(seen);
    mica_scope_close(&scope);
    mica_context_free(ctx);
    mica_runtime_free(rt);
}

int main(void) {
    RUN(test_graph_loads_once);
    RUN(test_errors);
    RUN(test_no_loader);
    RUN(test_top_level_await);
    return TEST_EXIT();
}
