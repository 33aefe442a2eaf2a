/* env.c — heap environments (see env.h). */
#include "vm/env.h"

#include <string.h>

void env_trace(Runtime *rt, Cell *c) {
    Env *e = (Env *)c;
    if (e->parent) gc_mark_cell(rt, &e->parent->hdr);
    if (e->desc) gc_mark_cell(rt, &e->desc->hdr);
    if (e->object) gc_mark_cell(rt, &e->object->hdr);
    if (e->extra) gc_mark_cell(rt, &e->extra->hdr);
    gc_mark_values(rt, e->slots, e->count);
}

void env_finalize(Runtime *rt, Cell *c) {
    (void)rt;
    (void)c;
}

Env *env_new(Runtime *rt, Env *parent, ValueArray *desc, uint32_t count, uint16_t flags) {
    if (count > (1u << 24)) {
        throw_range_error(rt->current, "Too many bindings in one scope");
        return NULL;
    }
    Env *e = gc_alloc(rt, CELL_ENV, sizeof(Env) + sizeof(Value) * count);
    if (!e) return NULL;
    e->hdr.flags = flags;
    e->parent = parent;
    e->desc = desc;
    e->count = count;
    for (uint32_t i = 0; i < count; i++) {
        Value v = VAL_UNDEFINED;
        if (desc && 2 * i + 1 < desc->length && val_is_int(desc->items[2 * i + 1]) &&
            (val_to_int(desc->items[2 * i + 1]) & BIND_LEXICAL))
            v = VAL_UNINITIALIZED;
        e->slots[i] = v;
    }
    return e;
}

Env *env_new_with(Runtime *rt, Env *parent, Object *obj) {
    Env *e = env_new(rt, parent, NULL, 0, ENV_WITH);
    if (e) e->object = obj;
    return e;
}

Env *env_copy(Runtime *rt, Env *src) {
    Env *e = gc_alloc(rt, CELL_ENV, sizeof(Env) + sizeof(Value) * src->count);
    if (!e) return NULL;
    e->hdr.flags = src->hdr.flags;
    e->parent = src->parent;
    e->desc = src->desc;
    e->object = src->object;
    e->extra = src->extra;
    e->count = src->count;
    memcpy(e->slots, src->slots, sizeof(Value) * src->count);
    return e;
}

Env *env_global(Context *ctx) {
    if (val_is_cell(ctx->global_lex_env)) return (Env *)val_as_cell(ctx->global_lex_env);
    Runtime *rt = ctx->rt;
    Env *e = env_new(rt, NULL, NULL, 0, ENV_GLOBAL);
    Object *lex = e ? obj_new(ctx, NULL) : NULL;
    Object *names = lex ? obj_new(ctx, NULL) : NULL;
    if (!names) return NULL;
    e->object = lex;
    e->extra = names;
    ctx->global_lex_env = val_from_cell(&e->hdr);
    return e;
}

int env_find_slot(Env *e, String *name, uint32_t *flags) {
    ValueArray *d = e->desc;
    if (!d) return -1;
    uint32_t n = d->length / 2;
    if (n > e->count) n = e->count;
    for (uint32_t i = 0; i < n; i++) {
        Value k = d->items[2 * i];
        if (val_is_string(k) && val_as_string(k) == name) {
            if (flags)
                *flags =
                    val_is_int(d->items[2 * i + 1]) ? (uint32_t)val_to_int(d->items[2 * i + 1]) : 0;
            return (int)i;
        }
    }
    return -1;
}
