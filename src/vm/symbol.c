/*
 * symbol.c — Symbol values (#sec-ecmascript-language-types-symbol-type) and
 * the well-known symbols every realm of a runtime shares.
 */
#include "gc/gc_internal.h"
#include "vm/string.h"

Symbol *symbol_new(Runtime *rt, Value description) {
    Symbol *s = gc_alloc(rt, CELL_SYMBOL, sizeof(Symbol));
    if (!s) return NULL;
    s->description = description;
    s->registered = false;
    s->is_private = false;
    s->id = rt->next_symbol_id++;
    GC_WRITE_BARRIER(rt, s, description);
    return s;
}

void symbol_trace(Runtime *rt, Cell *c) {
    gc_mark_value(rt, ((Symbol *)c)->description);
}

/* Well-known symbols — #sec-well-known-symbols. Their [[Description]] is
 * "Symbol.<name>". */
int symbols_init_well_known(Runtime *rt) {
    static const char *const descriptions[WKS_COUNT] = {
#define X(name) "Symbol." #name,
        WELL_KNOWN_SYMBOLS(X)
#undef X
    };
    for (int i = 0; i < WKS_COUNT; i++) {
        HandleMark mark = gc_scope_open(rt);
        String *d = str_from_cstr(rt, descriptions[i]);
        Symbol *s = d ? symbol_new(rt, val_from_string(d)) : NULL;
        gc_scope_close(rt, mark);
        if (!s) return -1;
        rt->well_known[i] = s; /* a root from now on */
    }
    return 0;
}
