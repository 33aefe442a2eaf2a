/*
 * event_loop.h — the CLI's event loop: a macrotask queue of timers
 * (setTimeout, setInterval, clearTimeout, clearInterval), queueMicrotask,
 * a microtask checkpoint after the script and after every task, and
 * node-style reporting of errors and unhandled rejections.
 *
 * Built on the public API only (include/mica.h), as an embedder would.
 */
#ifndef MICA_EVENT_LOOP_H
#define MICA_EVENT_LOOP_H

#include "mica.h"

typedef struct host_loop host_loop;

/* Defines the timer functions and queueMicrotask on ctx's global object and
 * installs the runtime's rejection tracker. NULL on failure. */
host_loop *host_loop_new(mica_context *ctx);

/* Runs after the main script completed normally: a microtask checkpoint,
 * then timers in order of due time (then of creation) until nothing is
 * pending. An error thrown by a job or a timer callback is printed as
 * "Uncaught <report>", a rejection still unhandled at the end of a task as
 * "Uncaught (in promise) <report>", both on stderr, and the loop stops.
 * Returns the exit status: 0, or 1 after such a report. */
int host_loop_run(host_loop *loop);

/* Whether a rejection still unhandled at the end of a task is reported and
 * ends the loop with status 1 (the default), or silently ignored (the
 * test262 host: some tests leave rejections unhandled on purpose). */
void host_loop_report_rejections(host_loop *loop, int report);

/* Releases the timers and tracked rejections (before the runtime is freed). */
void host_loop_free(host_loop *loop);

#endif
