/*
 * symbol.c — the Symbol constructor, Symbol.for / Symbol.keyFor, the
 * well-known symbol properties and Symbol.prototype (#sec-symbol-objects).
 *
 * The GlobalSymbolRegistry is shared by all realms, so it lives on the
 * runtime (rt->symbol_registry, a GC root): a null-prototype object whose
 * property keys are the registered strings and whose values are the symbols.
 * A registered symbol is marked `registered`, so KeyForSymbol is its
 * description without a search.
 */
#include "builtins/builtins.h"
#include "vm/string.h"

/* Symbol ( [ description ] ) — #sec-symbol-description */
static Value symbol_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                Value new_target, int magic) {
    if (!val_is_undefined(new_target)) return throw_type_error(ctx, "Symbol is not a constructor");
    Value description = ARG(0);
    Value desc_string = VAL_UNDEFINED;
    if (!val_is_undefined(description)) {
        desc_string = ToString(ctx, description);
        TRY(desc_string);
    }
    Symbol *sym = symbol_new(ctx->rt, desc_string);
    return sym ? val_from_symbol(sym) : VAL_EXCEPTION;
}

/* Symbol.for ( key ) — #sec-symbol.for */
static Value symbol_for(Context *ctx, Value this_value, int argc, const Value *argv,
                        Value new_target, int magic) {
    Runtime *rt = ctx->rt;
    String *string_key = ToStringS(ctx, ARG(0));
    if (!string_key) return VAL_EXCEPTION;
    if (!val_is_object(rt->symbol_registry)) {
        Object *registry = obj_new(ctx, NULL);
        if (!registry) return VAL_EXCEPTION;
        rt->symbol_registry = val_from_object(registry);
    }
    Object *registry = obj_from_value(rt->symbol_registry);
    PropKey key = key_from_string(rt, string_key);
    if (key == KEY_NONE) return VAL_EXCEPTION;
    Value existing;
    uint8_t attrs;
    if (obj_lookup_own_fast(registry, key, &existing, &attrs)) return existing;
    Symbol *sym = symbol_new(rt, val_from_string(string_key));
    if (!sym) return VAL_EXCEPTION;
    sym->registered = true;
    if (obj_define_data_fast(ctx, registry, key, val_from_symbol(sym), PROP_DEFAULT) < 0)
        return VAL_EXCEPTION;
    return val_from_symbol(sym);
}

/* Symbol.keyFor ( sym ) — #sec-symbol.keyfor, with KeyForSymbol — #sec-keyforsymbol */
static Value symbol_key_for(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    Value sym = ARG(0);
    if (!val_is_symbol(sym))
        return throw_type_error(ctx, "Symbol.keyFor: argument is not a symbol");
    Symbol *s = val_as_symbol(sym);
    return s->registered ? s->description : VAL_UNDEFINED;
}

/* ThisSymbolValue ( value ) — #sec-thissymbolvalue */
static Value ThisSymbolValue(Context *ctx, Value value, const char *method) {
    if (val_is_symbol(value)) return value;
    if (val_is_object(value) && obj_class(obj_from_value(value)) == CLASS_SYMBOL)
        return ((PrimitiveObject *)obj_from_value(value))->primitive;
    return throw_type_error(ctx, "Symbol.prototype.%s: this is not a Symbol", method);
}

/* SymbolDescriptiveString ( sym ) — #sec-symboldescriptivestring */
static Value SymbolDescriptiveString(Context *ctx, Symbol *sym) {
    StringBuilder sb;
    sb_init(&sb, ctx->rt);
    sb_append_ascii(&sb, "Symbol(");
    if (val_is_string(sym->description)) sb_append_string(&sb, val_as_string(sym->description));
    sb_append_unit(&sb, ')');
    String *s = sb_finish(&sb);
    return s ? val_from_string(s) : VAL_EXCEPTION;
}

/* get Symbol.prototype.description — #sec-symbol.prototype.description */
static Value symbol_proto_description(Context *ctx, Value this_value, int argc, const Value *argv,
                                      Value new_target, int magic) {
    Value sym = ThisSymbolValue(ctx, this_value, "description");
    TRY(sym);
    return val_as_symbol(sym)->description;
}

/* Symbol.prototype.toString ( ) — #sec-symbol.prototype.tostring */
static Value symbol_proto_to_string(Context *ctx, Value this_value, int argc, const Value *argv,
                                    Value new_target, int magic) {
    Value sym = ThisSymbolValue(ctx, this_value, "toString");
    TRY(sym);
    return SymbolDescriptiveString(ctx, val_as_symbol(sym));
}

/* Symbol.prototype.valueOf ( ) — #sec-symbol.prototype.valueof
 * Symbol.prototype [ %Symbol.toPrimitive% ] ( hint ) — #sec-symbol.prototype-%symbol.toprimitive%
 */
static Value symbol_proto_value_of(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    return ThisSymbolValue(ctx, this_value, magic ? "[Symbol.toPrimitive]" : "valueOf");
}

static const BuiltinProp symbol_static_props[] = {
    BP_FUNC("for", symbol_for, 1),
    BP_FUNC("keyFor", symbol_key_for, 1),
};

static const BuiltinProp symbol_proto_props[] = {
    BP_GETSET("description", symbol_proto_description, NULL),
    BP_FUNC("toString", symbol_proto_to_string, 0),
    BP_FUNC_MAGIC("valueOf", symbol_proto_value_of, 0, 0),
    /* { [[Writable]]: false, [[Enumerable]]: false, [[Configurable]]: true } */
    {"[Symbol.toPrimitive]", BP_FUNCTION, PROP_CONFIGURABLE, 1, 1, symbol_proto_value_of, NULL, 0,
     NULL},
    BP_STR("[Symbol.toStringTag]", "Symbol", PROP_CONFIGURABLE),
};

int init_symbol(Context *ctx) {
    Runtime *rt = ctx->rt;
    Object *proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!proto) return -1;
    Object *ctor = builtins_make_constructor(ctx, "Symbol", symbol_constructor, 0, proto,
                                             INTR_Symbol, INTR_SymbolPrototype, true);
    if (!ctor) return -1;
    if (builtins_install(ctx, ctor, symbol_static_props, BP_COUNT(symbol_static_props)) < 0)
        return -1;
    if (builtins_install(ctx, proto, symbol_proto_props, BP_COUNT(symbol_proto_props)) < 0)
        return -1;
    /* Symbol.asyncIterator ... Symbol.unscopables: all attributes false. */
    static const char *const names[] = {
#define X(name) #name,
        WELL_KNOWN_SYMBOLS(X)
#undef X
    };
    for (int i = 0; i < WKS_COUNT; i++) {
        PropKey key = key_from_cstr(rt, names[i]);
        if (key == KEY_NONE) return -1;
        if (obj_define_data_fast(ctx, ctor, key, val_from_symbol(rt->well_known[i]), 0) < 0)
            return -1;
    }
    return 0;
}
