/*
 * builtins.h — how built-in families declare and install their properties.
 *
 * Each family (src/builtins/<family>.c) declares its properties in tables of
 * BuiltinProp and has one init function that creates its constructor and
 * prototype objects, records them in ctx->intrinsics and installs the tables.
 * realm_init_builtins calls the inits in dependency order.
 *
 * A name "[Symbol.iterator]" means the well-known symbol; "get foo" / "set
 * foo" entries of kind BP_ACCESSOR give the getter/setter.
 */
#ifndef MICA_BUILTINS_H
#define MICA_BUILTINS_H

#include "vm/conv.h"
#include "vm/function.h"
#include "vm/object.h"

typedef enum BuiltinKind {
    BP_FUNCTION, /* method: fn, length, magic */
    BP_ACCESSOR, /* getter fn (may be NULL), setter fn2 (may be NULL) */
    BP_NUMBER,   /* constant number */
    BP_STRING,   /* constant string (ASCII/UTF-8) */
    BP_INTRINSIC,/* the intrinsic object number `magic` (IntrinsicId) */
    BP_UNDEFINED,
} BuiltinKind;

typedef struct BuiltinProp {
    const char *name;
    uint8_t kind;  /* BuiltinKind */
    uint8_t attrs; /* PROP_* */
    uint8_t length;
    int16_t magic;
    NativeFn fn, fn2;
    double number;
    const char *string;
} BuiltinProp;

#define BP_FUNC(name, fn, len) {name, BP_FUNCTION, PROP_BUILTIN, len, 0, fn, NULL, 0, NULL}
#define BP_FUNC_MAGIC(name, fn, len, mg) {name, BP_FUNCTION, PROP_BUILTIN, len, mg, fn, NULL, 0, NULL}
#define BP_GETSET(name, get, set) {name, BP_ACCESSOR, PROP_CONFIGURABLE, 0, 0, get, set, 0, NULL}
#define BP_GETSET_MAGIC(name, get, set, mg) {name, BP_ACCESSOR, PROP_CONFIGURABLE, 0, mg, get, set, 0, NULL}
#define BP_NUM(name, val, attrs) {name, BP_NUMBER, attrs, 0, 0, NULL, NULL, val, NULL}
#define BP_STR(name, val, attrs) {name, BP_STRING, attrs, 0, 0, NULL, NULL, 0, val}
#define BP_INTR(name, id, attrs) {name, BP_INTRINSIC, attrs, 0, (int16_t)(id), NULL, NULL, 0, NULL}
#define BP_COUNT(table) (sizeof(table) / sizeof((table)[0]))

/* Installs the table on target. -1 on OOM. */
int builtins_install(Context *ctx, Object *target, const BuiltinProp *props, size_t n);
/* Creates a constructor function `name` with the prototype object proto
 * (wires .prototype / .constructor, defines the global binding when
 * global is true) and records both intrinsics. NULL on OOM. */
Object *builtins_make_constructor(Context *ctx, const char *name, NativeFn fn, int length,
                                  Object *proto, IntrinsicId ctor_id, IntrinsicId proto_id,
                                  bool global);

/* Family init functions, called in this order by realm_init_builtins. */
int init_object(Context *ctx);   /* object.c: Object, Object.prototype */
int init_function(Context *ctx); /* function.c: Function, Function.prototype, %ThrowTypeError% */
int init_error(Context *ctx);    /* error.c: Error and the NativeErrors, AggregateError */
int init_symbol(Context *ctx);   /* symbol.c */
int init_boolean(Context *ctx);  /* boolean.c */
int init_number(Context *ctx);   /* number.c */
int init_bigint(Context *ctx);   /* bigint.c: BigInt, BigInt.prototype */
int init_math(Context *ctx);     /* math.c */
int init_string(Context *ctx);   /* string.c */
int init_array(Context *ctx);    /* array.c (+ %ArrayIteratorPrototype%, %IteratorPrototype%) */
int init_json(Context *ctx);     /* json.c */
int init_date(Context *ctx);     /* date.c */
int init_global(Context *ctx);   /* global.c: globalThis, NaN, parseInt, eval, URI functions... */
int init_reflect(Context *ctx);  /* reflect.c */
int init_proxy(Context *ctx);    /* proxy.c: Proxy, Proxy.revocable */
int init_generator(Context *ctx); /* generator.c: %GeneratorFunction%, %GeneratorPrototype% */
int init_iterator(Context *ctx);  /* iterator.c: Iterator, iterator helpers, Iterator.from */
int init_map(Context *ctx);      /* map.c: Map, %MapIteratorPrototype% */
int init_set(Context *ctx);      /* set.c: Set, %SetIteratorPrototype% */
int init_weakmap(Context *ctx);  /* weakmap.c: WeakMap, WeakSet */
int init_promise(Context *ctx);  /* promise.c: Promise, %Promise.prototype% */
int init_async(Context *ctx);    /* async_function.c: %AsyncFunction%, async generators, async iteration */
int init_weakref(Context *ctx);  /* weakref.c: WeakRef, FinalizationRegistry */
int init_regexp(Context *ctx);   /* regexp.c: RegExp, %RegExpStringIteratorPrototype% */
int init_arraybuffer(Context *ctx); /* arraybuffer.c: ArrayBuffer */
int init_typedarray(Context *ctx);  /* typedarray.c: %TypedArray% and the concrete constructors */
int init_dataview(Context *ctx);    /* dataview.c: DataView */
int realm_init_builtins(Context *ctx);

/* error.c: defines err's own "stack" ("Name: message" + "\n" + backtrace), the
 * same text error_new (vm/error_throw.c) gives engine-made errors. -1 on OOM. */
int error_install_stack(Context *ctx, Object *err, ErrorKind kind, String *message);

/* array.c: CreateArrayIterator ( array, kind ) — #sec-createarrayiterator.
 * Also used by %TypedArray%.prototype.{keys,values,entries}. */
typedef enum { ARRAY_ITER_KEYS, ARRAY_ITER_VALUES, ARRAY_ITER_ENTRIES } ArrayIterKind;
extern const ClassDef class_array_iterator;
Value CreateArrayIterator(Context *ctx, Object *array, ArrayIterKind kind);
/* array.c: %IteratorPrototype% of ctx, created on first use (a family whose
 * init runs before init_array, e.g. %StringIteratorPrototype%, may call it).
 * NULL on OOM. */
Object *ensure_iterator_prototype(Context *ctx);

/* string.c: GetSubstitution ( matched, str, position, captures, namedCaptures,
 * replacementTemplate ) — #sec-getsubstitution. captures[i] is a String or
 * undefined; named_captures an Object or undefined. Returns a String value or
 * VAL_EXCEPTION (reading a named capture may throw). */
Value GetSubstitution(Context *ctx, String *matched, String *str, uint32_t position,
                      const Value *captures, uint32_t capture_count, Value named_captures,
                      String *replacement_template);

#endif
