/*
 * env.h — heap environments (CELL_ENV).
 *
 * Only bindings that must outlive their frame or be found by name live in
 * environments: variables captured by closures, and every binding of code
 * with direct eval / with / a mapped arguments object. Everything else is
 * a frame register. A frame's current environment is an Env* (NULL: the
 * global environment of the frame's realm).
 *
 * Kinds (hdr.flags):
 *  - declarative (default): `count` slots described by `desc`, a ValueArray
 *    of pairs [atom name, int BIND_* flags] (used by by-name lookups and
 *    for TDZ initialization); a lexical slot starts <uninitialized>.
 *  - ENV_VAR_SCOPE: a function's (or strict eval's) variable environment;
 *    sloppy direct eval adds new vars to its `object` (a null-prototype
 *    dictionary object created on demand).
 *  - ENV_WITH: object environment record of a with statement (`object`).
 *  - ENV_GLOBAL: ctx->global_lex_env, the declarative half of the global
 *    environment: `object` holds the global lexical bindings as properties
 *    (value <uninitialized> while in TDZ, non-writable for const), `extra`
 *    is the [[VarNames]] set (property names of a dictionary object).
 */
#ifndef MICA_ENV_H
#define MICA_ENV_H

#include "vm/object.h"

enum {
    ENV_VAR_SCOPE = 1 << 0,
    ENV_WITH = 1 << 1,
    ENV_GLOBAL = 1 << 2,
    ENV_FUNC_NAME = 1 << 3,
    ENV_CATCH = 1 << 4, /* a catch clause's parameters (B.3.4: vars may hoist over them) */
};

/* Binding flags in scope descriptors. */
enum {
    BIND_CONST = 1 << 0,        /* assignment throws TypeError */
    BIND_LEXICAL = 1 << 1,      /* starts <uninitialized> */
    BIND_SILENT_CONST = 1 << 2, /* sloppy function-expression name: writes ignored */
};

typedef struct Env {
    Cell hdr;
    struct Env *parent;
    ValueArray *desc; /* [name, flags]* or NULL */
    Object *object;
    Object *extra;
    uint32_t count;
    Value slots[];
} Env;

/* A new declarative environment under parent (desc may be NULL for count
 * slots of undefined). NULL on OOM (exception pending). */
Env *env_new(Runtime *rt, Env *parent, ValueArray *desc, uint32_t count, uint16_t flags);
Env *env_new_with(Runtime *rt, Env *parent, Object *obj);
Env *env_copy(Runtime *rt, Env *e);
/* The realm's global lexical environment record (created on first use). */
Env *env_global(Context *ctx);

/* Slot of `name` (an atom) in a declarative env, -1 if absent. */
int env_find_slot(Env *e, String *name, uint32_t *flags);

#endif
