/*
 * object.h — objects, property keys, descriptors and the spec's internal
 * methods (#sec-ordinary-object-internal-methods-and-internal-slots).
 *
 * Layout: named properties are described by a Shape (hidden class with
 * transitions, vm/shape.h) and their values sit in `slots`; an object that
 * loses shape discipline (many deletes, many properties) switches to
 * dictionary mode. Integer-indexed properties live in the dense `elements`
 * vector while they are plain data properties (writable, enumerable,
 * configurable) and the vector stays reasonably dense; otherwise they move
 * into the named-property storage (the object becomes "sparse").
 *
 * Exotic objects (arrays, strings, arguments, bound functions, proxies,
 * typed arrays, module namespaces) override internal methods through their
 * ClassDef's ObjectOps; a NULL hook means the ordinary algorithm. Ordinary
 * objects never pay for the indirection on the fast paths.
 *
 * Conventions: every operation that can throw returns a Value
 * (VAL_EXCEPTION when it threw); boolean results are VAL_TRUE / VAL_FALSE.
 */
#ifndef MICA_OBJECT_H
#define MICA_OBJECT_H

#include "vm/runtime.h"
#include "vm/string.h"

/* ---- property keys -----------------------------------------------------------
 * A PropKey is an atom (String, tag string), a Symbol (tag symbol) or an
 * array index 0..2^32-2 (tag int, payload = the uint32 index). A string that
 * is a canonical array index is always keyed as an index, never as an atom.
 */
typedef uint64_t PropKey;
#define KEY_NONE ((PropKey)0)
static inline bool key_is_index(PropKey k) { return val_tag(k) == TAG_INT; }
static inline uint32_t key_index(PropKey k) { return (uint32_t)k; }
static inline PropKey key_from_index(uint32_t i) { return MAKE_TAGGED(TAG_INT, i); }
static inline bool key_is_symbol(PropKey k) { return val_tag(k) == TAG_SYMBOL; }
static inline bool key_is_atom(PropKey k) { return val_tag(k) == TAG_STRING; }
static inline PropKey key_from_atom(String *atom) { return val_from_string(atom); }
static inline PropKey key_from_symbol(Symbol *s) { return val_from_symbol(s); }
static inline String *key_atom(PropKey k) { return (String *)val_ptr(k); }
#define KEY(rt, id) key_from_atom(ATOM(rt, id))
#define KEY_SYM(rt, name) key_from_symbol(SYM(rt, name))
/* Key for an arbitrary string: index if canonical, else the interned atom.
 * KEY_NONE on OOM (exception pending). */
PropKey key_from_string(Runtime *rt, String *s);
PropKey key_from_cstr(Runtime *rt, const char *name);
/* The key as a JS value (index -> String, for OwnPropertyKeys results). */
Value key_to_value(Runtime *rt, PropKey k);
/* The key as a String for messages and function names ("[desc]" for symbols
 * when for_function_name). NULL on OOM. */
String *key_to_display_string(Runtime *rt, PropKey k, bool for_function_name);

/* ---- attributes and descriptors ------------------------------------------------ */
enum {
    PROP_WRITABLE = 1 << 0,
    PROP_ENUMERABLE = 1 << 1,
    PROP_CONFIGURABLE = 1 << 2,
    PROP_ACCESSOR = 1 << 3, /* stored value is an Accessor cell */
    PROP_DEFAULT = PROP_WRITABLE | PROP_ENUMERABLE | PROP_CONFIGURABLE,
    PROP_BUILTIN = PROP_WRITABLE | PROP_CONFIGURABLE, /* built-in methods */
};

/* #sec-property-descriptor-specification-type. `has` says which fields are
 * present; absent fields are undefined/false. */
enum {
    DESC_HAS_VALUE = 1 << 0,
    DESC_HAS_WRITABLE = 1 << 1,
    DESC_HAS_GET = 1 << 2,
    DESC_HAS_SET = 1 << 3,
    DESC_HAS_ENUMERABLE = 1 << 4,
    DESC_HAS_CONFIGURABLE = 1 << 5,
};
typedef struct PropertyDescriptor {
    uint8_t has;   /* DESC_HAS_* */
    uint8_t attrs; /* PROP_WRITABLE | PROP_ENUMERABLE | PROP_CONFIGURABLE */
    Value value, getter, setter;
} PropertyDescriptor;
static inline bool desc_is_accessor(const PropertyDescriptor *d) {
    return d->has & (DESC_HAS_GET | DESC_HAS_SET);
}
static inline bool desc_is_data(const PropertyDescriptor *d) {
    return d->has & (DESC_HAS_VALUE | DESC_HAS_WRITABLE);
}
/* A complete data descriptor / accessor descriptor. */
PropertyDescriptor desc_data(Value v, uint8_t attrs);
PropertyDescriptor desc_accessor(Value getter, Value setter, uint8_t attrs);

typedef struct Accessor {
    Cell hdr;
    Value getter, setter; /* function objects or undefined */
} Accessor;

/* ---- classes ----------------------------------------------------------------- */
typedef enum ClassId {
    CLASS_OBJECT,
    CLASS_ARRAY,
    CLASS_FUNCTION,        /* bytecode closure */
    CLASS_NATIVE_FUNCTION, /* C function */
    CLASS_BOUND_FUNCTION,
    CLASS_ERROR,
    CLASS_BOOLEAN,
    CLASS_NUMBER,
    CLASS_STRING,
    CLASS_SYMBOL,
    CLASS_BIGINT,
    CLASS_DATE,
    CLASS_REGEXP,
    CLASS_ARGUMENTS,        /* unmapped */
    CLASS_MAPPED_ARGUMENTS, /* sloppy functions with simple parameters */
    CLASS_ARRAY_ITERATOR,
    CLASS_STRING_ITERATOR,
    CLASS_MAP_ITERATOR,
    CLASS_SET_ITERATOR,
    CLASS_FOR_IN_ITERATOR,
    CLASS_ITERATOR_HELPER,         /* builtins/iterator.c */
    CLASS_WRAP_FOR_VALID_ITERATOR, /* builtins/iterator.c: Iterator.from wrappers */
    CLASS_GENERATOR,
    CLASS_ASYNC_FUNCTION_STATE,
    CLASS_ASYNC_GENERATOR,
    CLASS_PROMISE,
    CLASS_MAP,
    CLASS_SET,
    CLASS_WEAKMAP,
    CLASS_WEAKSET,
    CLASS_WEAKREF,
    CLASS_FINALIZATION_REGISTRY,
    CLASS_PROXY,
    CLASS_ARRAY_BUFFER,
    CLASS_TYPED_ARRAY,
    CLASS_DATA_VIEW,
    CLASS_MODULE_NAMESPACE,
    CLASS_HOST, /* mica_host_object */
    CLASS_COUNT
} ClassId;

typedef struct Object Object;
typedef struct ValueArray ValueArray;

typedef struct ObjectOps {
    Value (*get_prototype_of)(Context *ctx, Object *o); /* object or null */
    Value (*set_prototype_of)(Context *ctx, Object *o, Value proto);
    Value (*is_extensible)(Context *ctx, Object *o);
    Value (*prevent_extensions)(Context *ctx, Object *o);
    /* VAL_TRUE and *desc filled (complete) if found, VAL_FALSE if not. */
    Value (*get_own_property)(Context *ctx, Object *o, PropKey k, PropertyDescriptor *desc);
    Value (*define_own_property)(Context *ctx, Object *o, PropKey k, const PropertyDescriptor *desc);
    Value (*has_property)(Context *ctx, Object *o, PropKey k);
    Value (*get)(Context *ctx, Object *o, PropKey k, Value receiver);
    Value (*set)(Context *ctx, Object *o, PropKey k, Value v, Value receiver);
    Value (*delete_property)(Context *ctx, Object *o, PropKey k);
    /* NULL with exception pending on failure; keys as PropKeys in order. */
    ValueArray *(*own_property_keys)(Context *ctx, Object *o);
} ObjectOps;

typedef struct ClassDef {
    ClassId id;
    const char *name;
    const ObjectOps *ops;                    /* NULL: ordinary object */
    void (*trace)(Runtime *rt, Object *o);   /* mark the payload's references */
    void (*finalize)(Runtime *rt, Object *o);/* free the payload's out-of-line memory */
    /* [[Call]] / [[Construct]] for non-bytecode callables; the object must
     * also carry OBJ_CALLABLE / OBJ_CONSTRUCTOR. */
    Value (*call)(Context *ctx, Object *f, Value this_value, int argc, const Value *argv);
    Value (*construct)(Context *ctx, Object *f, int argc, const Value *argv, Value new_target);
} ClassDef;

enum {
    OBJ_EXTENSIBLE = 1 << 0,
    OBJ_CALLABLE = 1 << 1,
    OBJ_CONSTRUCTOR = 1 << 2,
    OBJ_DICT = 1 << 3,          /* named properties in dictionary mode */
    OBJ_SPARSE = 1 << 4,        /* index properties live with the named ones */
    OBJ_ARRAY_LENGTH_RO = 1 << 5,/* array "length" is non-writable */
    OBJ_HTMLDDA = 1 << 6,       /* [[IsHTMLDDA]] */
    OBJ_CLASS_CONSTRUCTOR = 1 << 7,
    /* A prototype-chain inline cache relies on this object's property layout
     * and [[Prototype]]: object.c bumps Runtime.proto_epoch when either
     * changes (vm/prop_cache.h). Never cleared. */
    OBJ_PROTO_WATCHED = 1 << 8,
};

struct Shape;
struct Object {
    Cell hdr;             /* hdr.flags: OBJ_*; hdr.aux: capacity of `slots` */
    const ClassDef *cls;
    Object *proto;        /* NULL for null */
    struct Shape *shape;  /* named-property layout (dictionary table when OBJ_DICT) */
    Value *slots;         /* named-property values (Accessor cells for accessors) */
    Value *elements;      /* dense indexed properties; VAL_HOLE for holes */
    uint32_t elements_length;   /* used entries (<= capacity) */
    uint32_t elements_capacity;
    /* class payloads follow (a class struct embeds Object first) */
};

/* Called by object.c before o's named-property layout (keys, attributes,
 * slot positions) or its [[Prototype]] changes. */
static inline void obj_layout_will_change(Runtime *rt, Object *o) {
    if (o->hdr.flags & OBJ_PROTO_WATCHED) rt->proto_epoch++;
}

static inline Object *obj_from_value(Value v) { return (Object *)val_ptr(v); }
static inline ClassId obj_class(const Object *o) { return o->cls->id; }
static inline bool obj_is_callable(const Object *o) { return o->hdr.flags & OBJ_CALLABLE; }
static inline bool obj_is_constructor(const Object *o) { return o->hdr.flags & OBJ_CONSTRUCTOR; }
static inline bool val_is_callable(Value v) {
    return val_is_object(v) && obj_is_callable(obj_from_value(v));
}
static inline bool val_is_constructor(Value v) {
    return val_is_object(v) && obj_is_constructor(obj_from_value(v));
}

extern const ClassDef class_object; /* plain ordinary objects */
/* %Object.prototype%: an immutable prototype exotic object
 * (#sec-immutable-prototype-exotic-objects); otherwise ordinary. */
extern const ClassDef class_object_prototype;
Value SetImmutablePrototype(Context *ctx, Object *o, Value proto);
extern const ClassDef class_error;  /* Error instances ([[ErrorData]]); builtins/error.c */

/* Allocates an ordinary-layout object of `size` bytes (>= sizeof(Object);
 * class payload zeroed) with the given class and prototype (NULL: null).
 * Extensible. NULL with exception pending on failure. */
Object *obj_alloc(Context *ctx, const ClassDef *cls, Object *proto, size_t size);
/* OrdinaryObjectCreate(proto) — #sec-ordinaryobjectcreate */
Object *obj_new(Context *ctx, Object *proto);
/* new Object() in ctx's realm. */
Object *obj_new_plain(Context *ctx);

/* ---- the internal methods (dispatch to exotic hooks or Ordinary*) ---- */
Value obj_get_prototype_of(Context *ctx, Object *o);
Value obj_set_prototype_of(Context *ctx, Object *o, Value proto);
Value obj_is_extensible(Context *ctx, Object *o);
Value obj_prevent_extensions(Context *ctx, Object *o);
Value obj_get_own_property(Context *ctx, Object *o, PropKey k, PropertyDescriptor *desc);
Value obj_define_own_property(Context *ctx, Object *o, PropKey k, const PropertyDescriptor *desc);
Value obj_has_property(Context *ctx, Object *o, PropKey k);
Value obj_get(Context *ctx, Object *o, PropKey k, Value receiver);
Value obj_set(Context *ctx, Object *o, PropKey k, Value v, Value receiver);
Value obj_delete(Context *ctx, Object *o, PropKey k);
ValueArray *obj_own_property_keys(Context *ctx, Object *o);

/* ---- the ordinary algorithms (for exotic hooks to fall back on) ---- */
Value OrdinaryGetPrototypeOf(Context *ctx, Object *o);
Value OrdinarySetPrototypeOf(Context *ctx, Object *o, Value proto);
Value OrdinaryIsExtensible(Context *ctx, Object *o);
Value OrdinaryPreventExtensions(Context *ctx, Object *o);
Value OrdinaryGetOwnProperty(Context *ctx, Object *o, PropKey k, PropertyDescriptor *desc);
Value OrdinaryDefineOwnProperty(Context *ctx, Object *o, PropKey k, const PropertyDescriptor *desc);
Value ValidateAndApplyPropertyDescriptor(Context *ctx, Object *o, PropKey k, bool extensible,
                                         const PropertyDescriptor *desc,
                                         const PropertyDescriptor *current /* NULL: absent */);
Value OrdinaryHasProperty(Context *ctx, Object *o, PropKey k);
Value OrdinaryGet(Context *ctx, Object *o, PropKey k, Value receiver);
Value OrdinarySet(Context *ctx, Object *o, PropKey k, Value v, Value receiver);
Value OrdinarySetWithOwnDescriptor(Context *ctx, Object *o, PropKey k, Value v, Value receiver,
                                   const PropertyDescriptor *own /* NULL: absent */);
Value OrdinaryDelete(Context *ctx, Object *o, PropKey k);
ValueArray *OrdinaryOwnPropertyKeys(Context *ctx, Object *o);

/* ---- fast own-property helpers (no exotic hooks, no JS, cannot throw
 *      except OOM): used to build built-ins and object literals ---- */
/* Adds or replaces an own data property with the given attrs. -1 on OOM. */
int obj_define_data_fast(Context *ctx, Object *o, PropKey k, Value v, uint8_t attrs);
int obj_define_accessor_fast(Context *ctx, Object *o, PropKey k, Value getter, Value setter,
                             uint8_t attrs);
/* Looks up an own ordinary property without side effects (value and attrs
 * may be NULL); returns false if
 * absent (or the object is exotic for that key). Reading a lazily created
 * function prototype makes it: *value is VAL_EXCEPTION if that ran out of
 * memory. */
bool obj_lookup_own_fast(Object *o, PropKey k, Value *value, uint8_t *attrs);

/* Gives o's named properties a new shape identity (o goes to, or stays in,
 * dictionary mode), so that every inline cache recorded for o misses
 * (shape_ic_hit, vm/shape.h). The global object's caches rely on it: a
 * global let/const/class binding may shadow a global object property, so
 * GlobalDeclarationInstantiation calls this on the global object whenever
 * it creates lexical bindings, and global-variable caches need no lookup of
 * the lexical environment. -1 on OOM. */
int obj_invalidate_inline_caches(Context *ctx, Object *o);

/* ---- abstract operations on objects (#sec-operations-on-objects) ---- */
Value Get(Context *ctx, Object *o, PropKey k);                   /* 7.3.2 */
Value GetV(Context *ctx, Value v, PropKey k);                    /* 7.3.3 */
Value Set(Context *ctx, Object *o, PropKey k, Value v, bool throw_on_fail);
Value CreateDataProperty(Context *ctx, Object *o, PropKey k, Value v);
Value CreateDataPropertyOrThrow(Context *ctx, Object *o, PropKey k, Value v);
Value CreateNonEnumerableDataPropertyOrThrow(Context *ctx, Object *o, PropKey k, Value v);
Value DefinePropertyOrThrow(Context *ctx, Object *o, PropKey k, const PropertyDescriptor *d);
Value DeletePropertyOrThrow(Context *ctx, Object *o, PropKey k);
Value GetMethod(Context *ctx, Value v, PropKey k);               /* undefined or callable */
Value HasProperty(Context *ctx, Object *o, PropKey k);
Value HasOwnProperty(Context *ctx, Object *o, PropKey k);
Value SetIntegrityLevel(Context *ctx, Object *o, bool frozen);
Value TestIntegrityLevel(Context *ctx, Object *o, bool frozen);
Value LengthOfArrayLike(Context *ctx, Object *o, uint64_t *len); /* VAL_UNDEFINED or exc */
Object *CreateArrayFromList(Context *ctx, const Value *items, uint32_t n);
ValueArray *CreateListFromArrayLike(Context *ctx, Value v); /* NULL on exception */
Value OrdinaryHasInstance(Context *ctx, Value c, Value o);
Value SpeciesConstructor(Context *ctx, Object *o, Value default_ctor);
/* GetPrototypeFromConstructor — NULL with exception pending on failure. */
Object *GetPrototypeFromConstructor(Context *ctx, Value ctor, IntrinsicId fallback);
Object *OrdinaryCreateFromConstructor(Context *ctx, Value ctor, IntrinsicId fallback,
                                      const ClassDef *cls, size_t size);
typedef enum { ENUM_KEYS, ENUM_VALUES, ENUM_ENTRIES } EnumKind;
ValueArray *EnumerableOwnProperties(Context *ctx, Object *o, EnumKind kind);
Value FromPropertyDescriptor(Context *ctx, const PropertyDescriptor *d); /* undefined if d NULL */
Value ToPropertyDescriptor(Context *ctx, Value obj, PropertyDescriptor *out);
void CompletePropertyDescriptor(PropertyDescriptor *d);
Value IsArray(Context *ctx, Value v); /* through proxies */
Value Invoke(Context *ctx, Value v, PropKey k, int argc, const Value *argv);

/* ---- arrays (#sec-array-exotic-objects) ---- */
/* An Array: "length" is virtual (synthesized by [[GetOwnProperty]]; writable
 * unless OBJ_ARRAY_LENGTH_RO). Invariant: elements_length <= length. */
typedef struct ArrayObject {
    Object base;
    uint32_t length;
} ArrayObject;
extern const ClassDef class_array;
/* ArrayCreate(length, proto) — proto NULL: %Array.prototype% of ctx. */
Object *ArrayCreate(Context *ctx, uint64_t length, Object *proto);
Object *array_new(Context *ctx, uint32_t length); /* dense, holes */
uint32_t array_length(Object *a);                 /* a must be an Array */
int array_push_fast(Context *ctx, Object *a, Value v); /* -1 on OOM / length limit */
/* Initializes element i of an Array that the caller made with ArrayCreate /
 * array_new and that no other code has seen yet (so it is extensible, its
 * prototype cannot matter and element i does not exist): the same as
 * ! CreateDataPropertyOrThrow(a, i, v). ArrayCreate(n) with n <= 2^20
 * preallocates n holes, so for i < n this is one store. -1 on OOM (or when
 * the precondition was broken and the generic define threw). */
int array_init_element(Context *ctx, Object *a, uint32_t i, Value v);
Value ArraySpeciesCreate(Context *ctx, Object *original, uint64_t length);

/* ---- proxies (#sec-proxy-object-internal-methods-and-internal-slots) ---- */
/* [[ProxyTarget]] and [[ProxyHandler]]: both NULL once revoked, never one
 * without the other. builtins/proxy.c implements the internal methods. */
typedef struct ProxyObject {
    Object base;
    Object *target;
    Object *handler;
} ProxyObject;
extern const ClassDef class_proxy;
/* ProxyCreate — #sec-proxycreate. NULL with exception pending on failure. */
Object *ProxyCreate(Context *ctx, Value target, Value handler);

/* ---- lazily created function prototypes (vm/interp.c) ----
 * An ordinary function's "prototype" property (MakeConstructor) is in its
 * shape from the start, but its slot holds VAL_LAZY_PROTOTYPE until the
 * value is first read: the object is made then (with "constructor"), in the
 * function's realm. Every read of a slot value goes through loc_value or
 * checks for the marker, so the marker never reaches JavaScript; writes
 * simply replace it (the object it stands for was never observable).
 * Inline caches never record reads of "prototype" (vm/prop_cache.c). */
#define VAL_LAZY_PROTOTYPE MAKE_TAGGED(TAG_SPECIAL, 16)
/* Creates function f's prototype object for the marker in slots[slot],
 * stores it there and returns it; VAL_EXCEPTION on OOM. */
Value js_function_make_prototype(Object *f, uint32_t slot);

/* ---- arguments objects (vm/arguments.c) ---- */
/* The value of element i of an arguments object o as [[Get]] gives it, when
 * that needs no lookup beyond o (a mapped parameter or a present dense
 * element); false otherwise (o not an arguments object included). */
bool arguments_get_index_fast(Object *o, uint32_t i, Value *out);

/* ---- string and primitive wrappers ---- */
extern const ClassDef class_string_object; /* String exotic */
extern const ClassDef class_boolean_object, class_number_object, class_symbol_object,
    class_bigint_object;
/* The primitive stored in a Boolean/Number/String/Symbol/BigInt wrapper. */
typedef struct PrimitiveObject {
    Object base;
    Value primitive;
} PrimitiveObject;
Object *primitive_wrapper_new(Context *ctx, Value primitive); /* ToObject for primitives */
/* A wrapper of `primitive` with an explicit prototype (NULL: the realm's
 * default), as the constructors create with OrdinaryCreateFromConstructor. */
Object *primitive_wrapper_new_proto(Context *ctx, Value primitive, Object *proto);
/* StringCreate — #sec-stringcreate (proto NULL: %String.prototype%). */
Object *StringCreate(Context *ctx, String *value, Object *proto);

#endif
