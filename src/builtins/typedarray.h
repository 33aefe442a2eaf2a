/*
 * typedarray.h — what typedarray.c and typedarray_ops.c share.
 * A ViewObject of class CLASS_TYPED_ARRAY always has a buffer once its
 * constructor returned. BigInt64/BigUint64 elements are BigInts
 * (ta_kind_is_bigint).
 */
#ifndef MICA_TYPEDARRAY_H
#define MICA_TYPEDARRAY_H

#include "builtins/arraybuffer.h"
#include "builtins/iterator_ops.h"

extern const char *const ta_names[TA_KIND_COUNT];

/* TypedArrayLength, or 0 when out of bounds. */
size_t ta_length_or_zero(const ViewObject *ta);
/* undefined out of bounds; VAL_EXCEPTION when allocating a BigInt failed. */
Value TypedArrayGetElement(Context *ctx, const ViewObject *ta, double index);
Value TypedArraySetElement(Context *ctx, ViewObject *ta, double index, Value v);
/* NULL with a TypeError pending when o is no TypedArray or is out of bounds. */
ViewObject *ValidateTypedArray(Context *ctx, Value o, size_t *length, const char *method);
/* min_length < 0: no length check. NULL if it threw. */
ViewObject *TypedArrayCreateFromConstructor(Context *ctx, Value ctor, int argc, const Value *argv,
                                            int64_t min_length);
ViewObject *TypedArraySpeciesCreate(Context *ctx, ViewObject *exemplar, int argc, const Value *argv,
                                    int64_t min_length);
/* A new TypedArray of the given kind over a fresh buffer (realm's constructor). */
Object *typed_array_create_kind(Context *ctx, TAKind kind, uint64_t length);
ValueArray *IteratorToList(Context *ctx, IteratorRecord *rec);

/* typedarray_ops.c: installs %TypedArray%'s statics and prototype methods. */
int typed_array_install_methods(Context *ctx, Object *ctor, Object *proto);

#endif
