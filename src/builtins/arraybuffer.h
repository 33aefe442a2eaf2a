/*
 * arraybuffer.h — ArrayBuffer, TypedArray and DataView objects shared by
 * arraybuffer.c, typedarray.c and dataview.c.
 *
 * Invariants: an ArrayBuffer's bytes live in `data` (gc_malloc'd, `byte_length`
 * bytes; NULL when the length is 0 or the buffer is detached). A detached
 * buffer has byte_length 0 and detached = true. A resizable buffer keeps
 * byte_length <= max_byte_length. Views never cache the data pointer: they
 * go through their buffer each time, because resize and detach move it.
 */
#ifndef MICA_ARRAYBUFFER_H
#define MICA_ARRAYBUFFER_H

#include "builtins/builtins.h"

typedef struct ArrayBufferObject {
    Object base;
    uint8_t *data;
    size_t byte_length;
    size_t max_byte_length; /* meaningful when resizable */
    bool detached;
    bool resizable;
} ArrayBufferObject;

extern const ClassDef class_array_buffer;

/* Element types of #table-the-typedarray-constructors, in table order. */
typedef enum TAKind {
    TA_INT8,
    TA_UINT8,
    TA_UINT8C,
    TA_INT16,
    TA_UINT16,
    TA_INT32,
    TA_UINT32,
    TA_FLOAT16,
    TA_FLOAT32,
    TA_FLOAT64,
    TA_BIGINT64,
    TA_BIGUINT64,
    TA_KIND_COUNT
} TAKind;

/* A TypedArray or a DataView: both view a window of a buffer. When
 * length_tracking is set the window runs to the end of the (resizable)
 * buffer and `length` is unused. For a TypedArray `length` counts elements,
 * for a DataView bytes. */
typedef struct ViewObject {
    Object base;
    ArrayBufferObject *buffer;
    size_t byte_offset;
    size_t length;
    bool length_tracking;
    uint8_t kind; /* TAKind (TypedArray only) */
} ViewObject;

extern const ClassDef class_typed_array, class_data_view;

static inline bool is_array_buffer(Value v) {
    return val_is_object(v) && obj_class(obj_from_value(v)) == CLASS_ARRAY_BUFFER;
}

/* IsDetachedBuffer ( arrayBuffer ) — #sec-isdetachedbuffer */
static inline bool IsDetachedBuffer(const ArrayBufferObject *b) {
    return b->detached;
}

/* AllocateArrayBuffer ( constructor, byteLength [ , maxByteLength ] ) —
 * #sec-allocatearraybuffer. max < 0 means "not resizable". NULL if it threw. */
ArrayBufferObject *AllocateArrayBuffer(Context *ctx, Value ctor, uint64_t byte_length,
                                       int64_t max_byte_length);
/* DetachArrayBuffer ( arrayBuffer [ , key ] ) — #sec-detacharraybuffer
 * (keys are always undefined here). */
Value DetachArrayBuffer(Context *ctx, ArrayBufferObject *b);

/* Byte sizes of each TAKind. */
extern const uint8_t ta_element_size[TA_KIND_COUNT];
/* Raw element access on bytes (native endianness unless little_endian given). */
Value ta_raw_get(const uint8_t *p, TAKind kind, bool little_endian);
/* v must already be a Number; stores the converted element. */
void ta_raw_set(uint8_t *p, TAKind kind, double v, bool little_endian);

/* BigInt64 / BigUint64 elements: the raw 64 bits (two's complement). */
uint64_t ta_raw_get64(const uint8_t *p, bool little_endian);
void ta_raw_set64(uint8_t *p, uint64_t v, bool little_endian);

/* The content type of #sec-typedarray-objects: BigInt or Number. */
static inline bool ta_kind_is_bigint(int kind) {
    return kind == TA_BIGINT64 || kind == TA_BIGUINT64;
}
/* A value converted for storing into an element of some kind: a Number's
 * double, or for the BigInt kinds the BigInt's low 64 bits. */
typedef struct TAElement {
    double num;
    uint64_t bits;
} TAElement;
/* ToNumber or ToBigInt by the kind's content type — the conversion step of
 * TypedArraySetElement / SetValueInBuffer. -1 if it threw. */
int ta_to_element(Context *ctx, TAKind kind, Value v, TAElement *out);
/* NumericToRawBytes for a converted element. */
void ta_store_element(uint8_t *p, TAKind kind, const TAElement *e, bool little_endian);
/* RawBytesToNumeric for every kind; BigInt kinds allocate a BigInt
 * (VAL_EXCEPTION when that failed). */
Value ta_load_element(Context *ctx, const uint8_t *p, TAKind kind, bool little_endian);
double half_to_double(uint16_t h);
uint16_t double_to_half(double d);

/* array.c support: TypedArrayLength with out-of-bounds detection. Returns
 * false when the TypedArray is out of bounds (or its buffer detached). */
bool typed_array_length(const ViewObject *ta, size_t *length);

#endif
