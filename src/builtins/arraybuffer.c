/*
 * arraybuffer.c — the ArrayBuffer constructor and ArrayBuffer.prototype
 * (#sec-arraybuffer-objects), including resizable buffers and transfer
 * (ES2024), plus the raw element conversions that TypedArray and DataView
 * share (Float16 included).
 */
#include <math.h>
#include <string.h>

#include "builtins/arraybuffer.h"
#include "gc/gc.h"
#include "vm/bigint.h"
#include "vm/string.h"

/* The byte limit of one buffer: above it allocation is a RangeError rather
 * than an attempt that could overflow size arithmetic. */
#define ARRAY_BUFFER_MAX_BYTES ((uint64_t)1 << 32)

static void array_buffer_finalize(Runtime *rt, Object *o) {
    ArrayBufferObject *b = (ArrayBufferObject *)o;
    if (b->data) gc_free(rt, b->data, b->byte_length);
    b->data = NULL;
}

const ClassDef class_array_buffer = {
    .id = CLASS_ARRAY_BUFFER, .name = "ArrayBuffer", .finalize = array_buffer_finalize};

const uint8_t ta_element_size[TA_KIND_COUNT] = {1, 1, 1, 2, 2, 4, 4, 2, 4, 8, 8, 8};

/* ---- Float16 ---------------------------------------------------------------- */

double half_to_double(uint16_t h) {
    int sign = h >> 15, exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
    double v;
    if (exp == 0x1f)
        v = mant ? NAN : INFINITY;
    else if (exp == 0)
        v = ldexp((double)mant, -24);
    else
        v = ldexp((double)(mant | 0x400), exp - 25);
    return sign ? -v : v;
}

/* Rounds straight from the double (never through float, which would round
 * twice), ties to even. rint uses the default round-to-nearest-even mode. */
uint16_t double_to_half(double d) {
    if (isnan(d)) return 0x7e00;
    uint16_t sign = signbit(d) ? 0x8000 : 0;
    double a = fabs(d);
    if (a >= 65520.0) return sign | 0x7c00; /* halfway to 65536 rounds to even: infinity */
    if (a < 0x1p-14) {
        /* Subnormal: units of 2^-24; 1024 units becomes the smallest normal. */
        return sign | (uint16_t)rint(a * 0x1p24);
    }
    int e2;
    double f = frexp(a, &e2); /* a = f * 2^e2, f in [0.5, 1) */
    int exp = e2 - 1;
    double m = rint(f * 2048.0); /* [1024, 2048] */
    if (m == 2048.0) {
        m = 1024.0;
        exp++;
    }
    return sign | (uint16_t)(((exp + 15) << 10) + ((int)m - 1024));
}

/* ---- raw element conversion -------------------------------------------------- */

static bool host_is_little_endian(void) {
    const uint16_t probe = 1;
    return *(const uint8_t *)&probe == 1;
}

static void copy_ordered(uint8_t *dst, const uint8_t *src, size_t n, bool little_endian) {
    if (little_endian == host_is_little_endian()) {
        memcpy(dst, src, n);
    } else {
        for (size_t i = 0; i < n; i++)
            dst[i] = src[n - 1 - i];
    }
}

/* RawBytesToNumeric ( type, rawBytes, isLittleEndian ) — #sec-rawbytestonumeric */
Value ta_raw_get(const uint8_t *p, TAKind kind, bool little_endian) {
    uint8_t b[8];
    copy_ordered(b, p, ta_element_size[kind], little_endian);
    switch (kind) {
    case TA_INT8: return val_from_int((int8_t)b[0]);
    case TA_UINT8:
    case TA_UINT8C: return val_from_int(b[0]);
    case TA_INT16: {
        int16_t v;
        memcpy(&v, b, 2);
        return val_from_int(v);
    }
    case TA_UINT16: {
        uint16_t v;
        memcpy(&v, b, 2);
        return val_from_int(v);
    }
    case TA_INT32: {
        int32_t v;
        memcpy(&v, b, 4);
        return val_from_int(v);
    }
    case TA_UINT32: {
        uint32_t v;
        memcpy(&v, b, 4);
        return val_from_number((double)v);
    }
    case TA_FLOAT16: {
        uint16_t v;
        memcpy(&v, b, 2);
        return val_from_double(half_to_double(v));
    }
    case TA_FLOAT32: {
        float v;
        memcpy(&v, b, 4);
        return val_from_double((double)v);
    }
    case TA_FLOAT64: {
        double v;
        memcpy(&v, b, 8);
        return val_from_double(v);
    }
    default: return VAL_UNDEFINED; /* BigInt kinds: ta_load_element */
    }
}

/* NumericToRawBytes ( type, value, isLittleEndian ) — #sec-numerictorawbytes */
void ta_raw_set(uint8_t *p, TAKind kind, double v, bool little_endian) {
    uint8_t b[8];
    switch (kind) {
    case TA_INT8:
    case TA_UINT8: b[0] = (uint8_t)double_to_uint32(v); break;
    case TA_UINT8C: b[0] = isnan(v) ? 0 : v <= 0 ? 0 : v >= 255 ? 255 : (uint8_t)rint(v); break;
    case TA_INT16:
    case TA_UINT16: {
        uint16_t x = (uint16_t)double_to_uint32(v);
        memcpy(b, &x, 2);
        break;
    }
    case TA_INT32:
    case TA_UINT32: {
        uint32_t x = double_to_uint32(v);
        memcpy(b, &x, 4);
        break;
    }
    case TA_FLOAT16: {
        uint16_t x = double_to_half(v);
        memcpy(b, &x, 2);
        break;
    }
    case TA_FLOAT32: {
        float x = (float)v;
        memcpy(b, &x, 4);
        break;
    }
    case TA_FLOAT64: memcpy(b, &v, 8); break;
    default: return;
    }
    copy_ordered(p, b, ta_element_size[kind], little_endian);
}

uint64_t ta_raw_get64(const uint8_t *p, bool little_endian) {
    uint64_t v;
    copy_ordered((uint8_t *)&v, p, 8, little_endian);
    return v;
}

void ta_raw_set64(uint8_t *p, uint64_t v, bool little_endian) {
    copy_ordered(p, (const uint8_t *)&v, 8, little_endian);
}

int ta_to_element(Context *ctx, TAKind kind, Value v, TAElement *out) {
    out->num = 0;
    out->bits = 0;
    if (ta_kind_is_bigint(kind)) return ToBigUint64(ctx, v, &out->bits);
    return ToNumberDouble(ctx, v, &out->num);
}

void ta_store_element(uint8_t *p, TAKind kind, const TAElement *e, bool little_endian) {
    if (ta_kind_is_bigint(kind))
        ta_raw_set64(p, e->bits, little_endian);
    else
        ta_raw_set(p, kind, e->num, little_endian);
}

Value ta_load_element(Context *ctx, const uint8_t *p, TAKind kind, bool little_endian) {
    if (kind == TA_BIGINT64) return bigint_from_int64(ctx, (int64_t)ta_raw_get64(p, little_endian));
    if (kind == TA_BIGUINT64) return bigint_from_uint64(ctx, ta_raw_get64(p, little_endian));
    return ta_raw_get(p, kind, little_endian);
}

/* ---- abstract operations ------------------------------------------------------ */

/* CreateByteDataBlock ( size ) — #sec-createbytedatablock */
static uint8_t *CreateByteDataBlock(Context *ctx, uint64_t size) {
    if (size > ARRAY_BUFFER_MAX_BYTES) {
        throw_range_error(ctx, "Array buffer allocation failed: %llu bytes is too large",
                          (unsigned long long)size);
        return NULL;
    }
    uint8_t *p = gc_malloc(ctx->rt, (size_t)size);
    if (p) memset(p, 0, (size_t)size);
    return p;
}

ArrayBufferObject *AllocateArrayBuffer(Context *ctx, Value ctor, uint64_t byte_length,
                                       int64_t max_byte_length) {
    /* 2. */
    if (max_byte_length >= 0 && byte_length > (uint64_t)max_byte_length) {
        throw_range_error(ctx, "ArrayBuffer: byteLength exceeds maxByteLength");
        return NULL;
    }
    /* 3. */
    Object *o = OrdinaryCreateFromConstructor(ctx, ctor, INTR_ArrayBufferPrototype,
                                              &class_array_buffer, sizeof(ArrayBufferObject));
    if (!o) return NULL;
    ArrayBufferObject *b = (ArrayBufferObject *)o;
    /* 4-5. A resizable buffer that can never hold its maximum is refused
     * up front, as the spec allows. */
    if (max_byte_length >= 0 && (uint64_t)max_byte_length > ARRAY_BUFFER_MAX_BYTES) {
        throw_range_error(ctx, "ArrayBuffer: maxByteLength is too large");
        return NULL;
    }
    if (byte_length > 0) {
        b->data = CreateByteDataBlock(ctx, byte_length);
        if (!b->data) return NULL;
    }
    b->byte_length = (size_t)byte_length;
    b->resizable = max_byte_length >= 0;
    b->max_byte_length = b->resizable ? (size_t)max_byte_length : (size_t)byte_length;
    return b;
}

Value DetachArrayBuffer(Context *ctx, ArrayBufferObject *b) {
    if (b->data) gc_free(ctx->rt, b->data, b->byte_length);
    b->data = NULL;
    b->byte_length = 0;
    b->detached = true;
    return VAL_UNDEFINED;
}

static ArrayBufferObject *this_buffer(Context *ctx, Value this_value, const char *method) {
    if (!is_array_buffer(this_value)) {
        throw_type_error(ctx, "ArrayBuffer.prototype.%s: this is not an ArrayBuffer", method);
        return NULL;
    }
    return (ArrayBufferObject *)obj_from_value(this_value);
}

/* ---- constructor -------------------------------------------------------------- */

/* ArrayBuffer ( length [ , options ] ) — #sec-arraybuffer-length */
static Value array_buffer_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                      Value new_target, int magic) {
    if (val_is_undefined(new_target))
        return throw_type_error(ctx, "Constructor ArrayBuffer requires 'new'");
    uint64_t byte_length;
    TRY_I(ToIndex(ctx, ARG(0), &byte_length));
    /* GetArrayBufferMaxByteLengthOption ( options ) — #sec-getarraybuffermaxbytelengthoption */
    int64_t max = -1;
    Value options = ARG(1);
    if (val_is_object(options)) {
        PropKey k = key_from_cstr(ctx->rt, "maxByteLength");
        if (k == KEY_NONE) return VAL_EXCEPTION;
        Value m = Get(ctx, obj_from_value(options), k);
        TRY(m);
        if (!val_is_undefined(m)) {
            uint64_t mx;
            TRY_I(ToIndex(ctx, m, &mx));
            max = (int64_t)mx;
        }
    }
    ArrayBufferObject *b = AllocateArrayBuffer(ctx, new_target, byte_length, max);
    return b ? val_from_object(&b->base) : VAL_EXCEPTION;
}

/* ArrayBuffer.isView ( arg ) — #sec-arraybuffer.isview */
static Value array_buffer_is_view(Context *ctx, Value this_value, int argc, const Value *argv,
                                  Value new_target, int magic) {
    Value arg = ARG(0);
    if (!val_is_object(arg)) return VAL_FALSE;
    ClassId c = obj_class(obj_from_value(arg));
    return val_from_bool(c == CLASS_TYPED_ARRAY || c == CLASS_DATA_VIEW);
}

/* get ArrayBuffer [ @@species ] — #sec-get-arraybuffer-@@species */
static Value array_buffer_species(Context *ctx, Value this_value, int argc, const Value *argv,
                                  Value new_target, int magic) {
    return this_value;
}

/* ---- prototype accessors --------------------------------------------------------- */

enum { AB_BYTE_LENGTH, AB_MAX_BYTE_LENGTH, AB_RESIZABLE, AB_DETACHED };
static const char *const ab_getter_names[] = {"byteLength", "maxByteLength", "resizable",
                                              "detached"};

/* get ArrayBuffer.prototype.{byteLength,maxByteLength,resizable,detached} —
 * #sec-get-arraybuffer.prototype.bytelength and its siblings */
static Value array_buffer_getter(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    ArrayBufferObject *b = this_buffer(ctx, this_value, ab_getter_names[magic]);
    if (!b) return VAL_EXCEPTION;
    switch (magic) {
    case AB_BYTE_LENGTH: return val_from_number((double)b->byte_length);
    case AB_MAX_BYTE_LENGTH:
        if (b->detached) return val_from_int(0);
        return val_from_number((double)(b->resizable ? b->max_byte_length : b->byte_length));
    case AB_RESIZABLE: return val_from_bool(b->resizable);
    default: return val_from_bool(b->detached);
    }
}

/* ArrayBuffer.prototype.resize ( newLength ) — #sec-arraybuffer.prototype.resize */
static Value array_buffer_resize(Context *ctx, Value this_value, int argc, const Value *argv,
                                 Value new_target, int magic) {
    ArrayBufferObject *b = this_buffer(ctx, this_value, "resize");
    if (!b) return VAL_EXCEPTION;
    if (!b->resizable)
        return throw_type_error(ctx, "ArrayBuffer.prototype.resize: the buffer is not resizable");
    uint64_t new_length;
    TRY_I(ToIndex(ctx, ARG(0), &new_length));
    if (b->detached)
        return throw_type_error(ctx, "ArrayBuffer.prototype.resize: the buffer is detached");
    if (new_length > b->max_byte_length)
        return throw_range_error(ctx, "ArrayBuffer.prototype.resize: length exceeds maxByteLength");
    size_t old = b->byte_length, n = (size_t)new_length;
    if (n == old) return VAL_UNDEFINED;
    uint8_t *p;
    if (n == 0) {
        gc_free(ctx->rt, b->data, old);
        p = NULL;
    } else if (!b->data) {
        p = CreateByteDataBlock(ctx, n);
        if (!p) return VAL_EXCEPTION;
    } else {
        p = gc_realloc(ctx->rt, b->data, old, n);
        if (!p) return VAL_EXCEPTION;
        if (n > old) memset(p + old, 0, n - old);
    }
    b->data = p;
    b->byte_length = n;
    return VAL_UNDEFINED;
}

/* Resolves a relative index (ToIntegerOrInfinity, negative from the end)
 * clamped into [0, len]. */
static int relative_index(Context *ctx, Value v, size_t len, size_t dflt, size_t *out) {
    if (val_is_undefined(v)) {
        *out = dflt;
        return 0;
    }
    double d;
    if (ToIntegerOrInfinity(ctx, v, &d) < 0) return -1;
    if (d < 0)
        d = d + (double)len < 0 ? 0 : d + (double)len;
    else if (d > (double)len)
        d = (double)len;
    *out = (size_t)d;
    return 0;
}

/* ArrayBuffer.prototype.slice ( start, end ) — #sec-arraybuffer.prototype.slice */
static Value array_buffer_slice(Context *ctx, Value this_value, int argc, const Value *argv,
                                Value new_target, int magic) {
    ArrayBufferObject *b = this_buffer(ctx, this_value, "slice");
    if (!b) return VAL_EXCEPTION;
    if (b->detached)
        return throw_type_error(ctx, "ArrayBuffer.prototype.slice: the buffer is detached");
    size_t len = b->byte_length, first, final;
    TRY_I(relative_index(ctx, ARG(0), len, 0, &first));
    TRY_I(relative_index(ctx, ARG(1), len, len, &final));
    size_t new_len = final > first ? final - first : 0;
    Value ctor = SpeciesConstructor(ctx, &b->base, ctx_intrinsic(ctx, INTR_ArrayBuffer));
    TRY(ctor);
    Value len_arg = val_from_number((double)new_len);
    Value nv = Construct(ctx, ctor, 1, &len_arg, VAL_UNDEFINED);
    TRY(nv);
    if (!is_array_buffer(nv))
        return throw_type_error(ctx,
                                "ArrayBuffer.prototype.slice: species did not make an ArrayBuffer");
    ArrayBufferObject *nb = (ArrayBufferObject *)obj_from_value(nv);
    if (nb->detached)
        return throw_type_error(ctx, "ArrayBuffer.prototype.slice: new buffer is detached");
    if (nb == b)
        return throw_type_error(ctx,
                                "ArrayBuffer.prototype.slice: species returned the same buffer");
    if (nb->byte_length < new_len)
        return throw_type_error(ctx, "ArrayBuffer.prototype.slice: new buffer is too small");
    if (b->detached)
        return throw_type_error(ctx, "ArrayBuffer.prototype.slice: the buffer is detached");
    /* A resize during the species call can shrink the source. */
    size_t cur = b->byte_length;
    if (first < cur) {
        size_t count = new_len;
        if (first + count > cur) count = cur - first;
        if (count) memcpy(nb->data, b->data + first, count);
    }
    return nv;
}

/* ArrayBufferCopyAndDetach ( arrayBuffer, newLength, preserveResizability ) —
 * #sec-arraybuffercopyanddetach */
static Value ArrayBufferCopyAndDetach(Context *ctx, Value this_value, Value new_length,
                                      bool preserve, const char *method) {
    ArrayBufferObject *b = this_buffer(ctx, this_value, method);
    if (!b) return VAL_EXCEPTION;
    uint64_t n;
    if (val_is_undefined(new_length))
        n = b->byte_length;
    else
        TRY_I(ToIndex(ctx, new_length, &n));
    if (b->detached)
        return throw_type_error(ctx, "ArrayBuffer.prototype.%s: the buffer is detached", method);
    int64_t max = preserve && b->resizable ? (int64_t)b->max_byte_length : -1;
    ArrayBufferObject *nb = AllocateArrayBuffer(ctx, ctx_intrinsic(ctx, INTR_ArrayBuffer), n, max);
    if (!nb) return VAL_EXCEPTION;
    size_t count = b->byte_length < n ? b->byte_length : (size_t)n;
    if (count) memcpy(nb->data, b->data, count);
    DetachArrayBuffer(ctx, b);
    return val_from_object(&nb->base);
}

/* ArrayBuffer.prototype.transfer ( [ newLength ] ) — #sec-arraybuffer.prototype.transfer */
static Value array_buffer_transfer(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    return ArrayBufferCopyAndDetach(ctx, this_value, ARG(0), magic != 0,
                                    magic ? "transfer" : "transferToFixedLength");
}

static const BuiltinProp array_buffer_static_props[] = {
    BP_FUNC("isView", array_buffer_is_view, 1),
    BP_GETSET("[Symbol.species]", array_buffer_species, NULL),
};

static const BuiltinProp array_buffer_proto_props[] = {
    BP_GETSET_MAGIC("byteLength", array_buffer_getter, NULL, AB_BYTE_LENGTH),
    BP_GETSET_MAGIC("maxByteLength", array_buffer_getter, NULL, AB_MAX_BYTE_LENGTH),
    BP_GETSET_MAGIC("resizable", array_buffer_getter, NULL, AB_RESIZABLE),
    BP_GETSET_MAGIC("detached", array_buffer_getter, NULL, AB_DETACHED),
    BP_FUNC("resize", array_buffer_resize, 1),
    BP_FUNC("slice", array_buffer_slice, 2),
    BP_FUNC_MAGIC("transfer", array_buffer_transfer, 0, 1),
    BP_FUNC_MAGIC("transferToFixedLength", array_buffer_transfer, 0, 0),
    BP_STR("[Symbol.toStringTag]", "ArrayBuffer", PROP_CONFIGURABLE),
};

int init_arraybuffer(Context *ctx) {
    Object *proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!proto) return -1;
    Object *ctor = builtins_make_constructor(ctx, "ArrayBuffer", array_buffer_constructor, 1, proto,
                                             INTR_ArrayBuffer, INTR_ArrayBufferPrototype, true);
    if (!ctor) return -1;
    if (builtins_install(ctx, ctor, array_buffer_static_props,
                         BP_COUNT(array_buffer_static_props)) < 0)
        return -1;
    return builtins_install(ctx, proto, array_buffer_proto_props,
                            BP_COUNT(array_buffer_proto_props));
}
