/*
 * host262.c — the $262 host of test262 (see host262.h).
 *
 * Every native function of a realm carries that realm's record as its
 * opaque pointer, so evalScript runs in the realm it belongs to whichever
 * realm calls it, and createRealm reaches the shared host.
 */
#include "host/host262.h"

#include <stdlib.h>
#include <string.h>

typedef struct realm_record {
    host262 *host;
    mica_context *ctx;
    int owned; /* made by createRealm: freed by host262_free */
} realm_record;

struct host262 {
    mica_runtime *rt;
    host262_print_fn print;
    void *print_opaque;
    realm_record realms[HOST262_MAX_REALMS];
    int realm_count;
};

static mica_status register_realm(host262 *host, mica_context *ctx, int owned);

static mica_status host_print(mica_context *ctx, mica_value this_value, int argc,
                              const mica_value *argv, mica_value *result, void *opaque) {
    realm_record *realm = opaque;
    if (argc < 1) argc = 1; /* print() prints "undefined", as print(undefined) */
    size_t total = 0;
    char *line = NULL;
    for (int i = 0; i < argc; i++) {
        size_t length;
        char *text = mica_to_cstring(ctx, argv[i], &length);
        if (!text) {
            free(line);
            return MICA_EXCEPTION;
        }
        char *grown = realloc(line, total + length + 2);
        if (!grown) {
            mica_free(text);
            free(line);
            return mica_throw_error(ctx, MICA_RANGE_ERROR, "print: out of memory");
        }
        line = grown;
        if (i) line[total++] = ' ';
        memcpy(line + total, text, length);
        total += length;
        line[total] = '\0';
        mica_free(text);
    }
    if (realm->host->print) realm->host->print(realm->host->print_opaque, line, total);
    free(line);
    return MICA_OK;
}

static mica_status host_gc(mica_context *ctx, mica_value this_value, int argc,
                           const mica_value *argv, mica_value *result, void *opaque) {
    mica_gc(mica_context_runtime(ctx));
    return MICA_OK;
}

/* $262.evalScript(source): a global script in the realm of this $262. */
static mica_status host_eval_script(mica_context *ctx, mica_value this_value, int argc,
                                    const mica_value *argv, mica_value *result, void *opaque) {
    realm_record *realm = opaque;
    size_t length;
    char *source = mica_to_cstring(ctx, argv[0], &length);
    if (!source) return MICA_EXCEPTION;
    mica_status status =
        mica_eval(realm->ctx, source, length, "evalScript", MICA_EVAL_SCRIPT, result);
    mica_free(source);
    if (status != MICA_OK && realm->ctx != ctx)
        return mica_throw(ctx, mica_take_exception(realm->ctx));
    return status;
}

static mica_status host_detach_array_buffer(mica_context *ctx, mica_value this_value, int argc,
                                            const mica_value *argv, mica_value *result,
                                            void *opaque) {
    return mica_detach_array_buffer(ctx, argc > 0 ? argv[0] : mica_undefined());
}

static mica_status host_create_realm(mica_context *ctx, mica_value this_value, int argc,
                                     const mica_value *argv, mica_value *result, void *opaque) {
    host262 *host = ((realm_record *)opaque)->host;
    if (host->realm_count == HOST262_MAX_REALMS)
        return mica_throw_error(ctx, MICA_RANGE_ERROR, "$262.createRealm: too many realms");
    mica_context *realm_ctx = mica_context_new(host->rt);
    if (!realm_ctx)
        return mica_throw_error(ctx, MICA_ERROR, "$262.createRealm: cannot create a context");
    if (register_realm(host, realm_ctx, 1) != MICA_OK)
        return mica_throw(ctx, mica_take_exception(realm_ctx));
    if (mica_get(realm_ctx, mica_global(realm_ctx), "$262", result) != MICA_OK)
        return mica_throw(ctx, mica_take_exception(realm_ctx));
    return MICA_OK;
}

/* Defines print and $262 on the realm's global object; the realm is
 * registered first so that an owned context is freed even if this fails. */
static mica_status register_realm(host262 *host, mica_context *ctx, int owned) {
    realm_record *realm = &host->realms[host->realm_count++];
    realm->host = host;
    realm->ctx = ctx;
    realm->owned = owned;

    mica_value global = mica_global(ctx);
    mica_value dollar = mica_object(ctx);
    static const struct {
        const char *name;
        int length;
        mica_native_fn fn;
    } functions[] = {
        {"gc", 0, host_gc},
        {"evalScript", 1, host_eval_script},
        {"createRealm", 0, host_create_realm},
        {"detachArrayBuffer", 1, host_detach_array_buffer},
    };
    for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
        mica_value fn =
            mica_function(ctx, functions[i].name, functions[i].length, functions[i].fn, realm);
        if (mica_define(ctx, dollar, functions[i].name, fn) != MICA_OK) return MICA_EXCEPTION;
    }
    if (mica_define(ctx, dollar, "global", global) != MICA_OK) return MICA_EXCEPTION;
    if (mica_define(ctx, global, "$262", dollar) != MICA_OK) return MICA_EXCEPTION;
    mica_value print = mica_function(ctx, "print", 1, host_print, realm);
    return mica_define(ctx, global, "print", print);
}

host262 *host262_new(mica_runtime *rt, host262_print_fn print, void *opaque) {
    host262 *host = calloc(1, sizeof *host);
    if (!host) return NULL;
    host->rt = rt;
    host->print = print;
    host->print_opaque = opaque;
    return host;
}

mica_status host262_install(host262 *host, mica_context *ctx) {
    if (host->realm_count == HOST262_MAX_REALMS)
        return mica_throw_error(ctx, MICA_RANGE_ERROR, "$262: too many realms");
    return register_realm(host, ctx, 0);
}

void host262_free(host262 *host) {
    if (!host) return;
    for (int i = host->realm_count - 1; i >= 0; i--)
        if (host->realms[i].owned) mica_context_free(host->realms[i].ctx);
    free(host);
}
