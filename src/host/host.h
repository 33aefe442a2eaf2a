/* host.h — the CLI's host pieces: console/print, the $262 test host. */
#ifndef MICA_HOST_H
#define MICA_HOST_H

#include <stdbool.h>
#include "builtins/builtins.h"
#include "mica.h"

extern bool host_flush_stdout; /* flush after every print (e.g. stdout is a pipe under test) */
char *host_inspect(Context *ctx, int argc, const Value *argv);
int host_install_console(Context *ctx);
/* What "Uncaught ..." shows for an exception (malloc'd; free with free):
 * the engine's report for errors, console.log's form for other values. */
char *host_exception_text(mica_context *ctx, mica_value exception);

#endif
