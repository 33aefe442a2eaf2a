/* module_loader.h — the CLI's file-system module loader (module_loader.c). */
#ifndef MICA_HOST_MODULE_LOADER_H
#define MICA_HOST_MODULE_LOADER_H

#include <stdbool.h>
#include "mica.h"

/* Installs the loader on rt: path specifiers relative to the importer. */
void host_install_module_loader(mica_runtime *rt);
/* The canonical module name of a command-line path (malloc'd). */
char *host_module_name(const char *path);

#endif
