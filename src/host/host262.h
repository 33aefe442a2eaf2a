/*
 * host262.h — test262's host-defined $262 object and print
 * (test262 INTERPRETING.md), shared by `mica --test262` and the in-process
 * backend of build/mica-test262.
 *
 * Provided: $262.global, $262.gc, $262.evalScript, $262.createRealm,
 * $262.detachArrayBuffer (throws a TypeError: mica.h cannot detach buffers
 * yet) and a global print. $262.agent and $262.IsHTMLDDA are absent; tests
 * needing them are skipped by the runner through features.txt.
 *
 * Invariants:
 *  - one host262 serves one runtime; every realm it installs into (the first
 *    context and every createRealm context) stays registered until
 *    host262_free;
 *  - contexts made by createRealm belong to the host and are freed by
 *    host262_free; the context passed to host262_install belongs to the
 *    caller;
 *  - print converts its first argument with ToString and hands the UTF-8
 *    text to the print callback; the callback never runs JavaScript.
 *
 * Uses only the public API (mica.h).
 */
#ifndef MICA_HOST262_H
#define MICA_HOST262_H

#include <stddef.h>
#include "mica.h"

#define HOST262_MAX_REALMS 64 /* per host; createRealm beyond this throws */

typedef struct host262 host262;

/* Receives the text of every print() call (any realm). */
typedef void (*host262_print_fn)(void *opaque, const char *text, size_t length);

/* NULL when out of memory. */
host262 *host262_new(mica_runtime *rt, host262_print_fn print, void *opaque);

/* Registers ctx as a realm of the host and defines print and $262 on its
 * global object. On failure the exception is pending in ctx. */
mica_status host262_install(host262 *host, mica_context *ctx);

/* Frees the contexts created by $262.createRealm, then the host. Call it
 * with no handle scope holding values of those realms that will be used
 * again, before mica_runtime_free. */
void host262_free(host262 *host);

#endif
