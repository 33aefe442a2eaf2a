/*
 * dataview.c — the DataView constructor and DataView.prototype
 * (#sec-dataview-objects), resizable-buffer (length-tracking) views and the
 * Float16 accessors included. DataViews are ViewObjects (arraybuffer.h) of
 * class CLASS_DATA_VIEW whose `length` counts bytes.
 */
#include "builtins/arraybuffer.h"
#include "vm/string.h"

/* GetViewByteLength / IsViewOutOfBounds — #sec-isviewoutofbounds. false
 * when out of bounds (detached included), else the view's byte length. */
static bool view_byte_length(const ViewObject *v, size_t *length) {
    const ArrayBufferObject *b = v->buffer;
    if (b->detached || v->byte_offset > b->byte_length) return false;
    if (v->length_tracking) {
        *length = b->byte_length - v->byte_offset;
        return true;
    }
    if (v->length > b->byte_length - v->byte_offset) return false;
    *length = v->length;
    return true;
}

/* DataView ( buffer [ , byteOffset [ , byteLength ] ] ) —
 * #sec-dataview-buffer-byteoffset-bytelength */
static Value data_view_constructor(Context *ctx, Value this_value, int argc, const Value *argv,
                                   Value new_target, int magic) {
    if (val_is_undefined(new_target))
        return throw_type_error(ctx, "Constructor DataView requires 'new'");
    if (!is_array_buffer(ARG(0)))
        return throw_type_error(ctx, "DataView: buffer must be an ArrayBuffer");
    ArrayBufferObject *b = (ArrayBufferObject *)obj_from_value(ARG(0));
    uint64_t offset, view_length = 0;
    TRY_I(ToIndex(ctx, ARG(1), &offset));
    if (b->detached) return throw_type_error(ctx, "DataView: the buffer is detached");
    if (offset > b->byte_length)
        return throw_range_error(ctx, "DataView: start offset is outside the buffer");
    bool tracking = false;
    Value byte_length = ARG(2);
    if (val_is_undefined(byte_length)) {
        if (b->resizable)
            tracking = true;
        else
            view_length = b->byte_length - offset;
    } else {
        TRY_I(ToIndex(ctx, byte_length, &view_length));
        if (offset + view_length > b->byte_length)
            return throw_range_error(ctx, "DataView: length is outside the buffer");
    }
    Object *o = OrdinaryCreateFromConstructor(ctx, new_target, INTR_DataViewPrototype,
                                              &class_data_view, sizeof(ViewObject));
    if (!o) return VAL_EXCEPTION;
    /* The prototype lookup ran user code: check the buffer again. */
    if (b->detached) return throw_type_error(ctx, "DataView: the buffer is detached");
    if (offset > b->byte_length)
        return throw_range_error(ctx, "DataView: start offset is outside the buffer");
    if (!val_is_undefined(byte_length) && offset + view_length > b->byte_length)
        return throw_range_error(ctx, "DataView: length is outside the buffer");
    ViewObject *v = (ViewObject *)o;
    v->buffer = b;
    v->byte_offset = (size_t)offset;
    v->length = (size_t)view_length;
    v->length_tracking = tracking;
    return val_from_object(o);
}

static ViewObject *this_view(Context *ctx, Value this_value, const char *method) {
    if (!val_is_object(this_value) || obj_class(obj_from_value(this_value)) != CLASS_DATA_VIEW) {
        throw_type_error(ctx, "DataView.prototype.%s: this is not a DataView", method);
        return NULL;
    }
    return (ViewObject *)obj_from_value(this_value);
}

enum { DV_BUFFER, DV_BYTE_LENGTH, DV_BYTE_OFFSET };
static const char *const dv_getter_names[] = {"buffer", "byteLength", "byteOffset"};

/* get DataView.prototype.{buffer,byteLength,byteOffset} — #sec-get-dataview.prototype.buffer */
static Value data_view_getter(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    ViewObject *v = this_view(ctx, this_value, dv_getter_names[magic]);
    if (!v) return VAL_EXCEPTION;
    if (magic == DV_BUFFER) return val_from_object(&v->buffer->base);
    size_t len;
    if (!view_byte_length(v, &len))
        return throw_type_error(ctx, "DataView.prototype.%s: the view is detached or out of bounds",
                                dv_getter_names[magic]);
    return val_from_number((double)(magic == DV_BYTE_LENGTH ? len : v->byte_offset));
}

static const char *const dv_type_names[TA_KIND_COUNT] = {
    "Int8",   "Uint8",   "Uint8",   "Int16",   "Uint16",   "Int32",
    "Uint32", "Float16", "Float32", "Float64", "BigInt64", "BigUint64"};

/* GetViewValue ( view, requestIndex, isLittleEndian, type ) — #sec-getviewvalue */
static Value data_view_get(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    TAKind kind = (TAKind)magic;
    ViewObject *v = this_view(ctx, this_value, "get");
    if (!v) return VAL_EXCEPTION;
    uint64_t index;
    TRY_I(ToIndex(ctx, ARG(0), &index));
    bool little = ToBoolean(ARG(1));
    size_t len;
    if (!view_byte_length(v, &len))
        return throw_type_error(ctx,
                                "DataView.prototype.get%s: the view is detached or out of bounds",
                                dv_type_names[kind]);
    if (index + ta_element_size[kind] > len)
        return throw_range_error(
            ctx, "DataView.prototype.get%s: offset is outside the bounds of the view",
            dv_type_names[kind]);
    return ta_load_element(ctx, v->buffer->data + v->byte_offset + index, kind, little);
}

/* SetViewValue ( view, requestIndex, isLittleEndian, type, value ) — #sec-setviewvalue */
static Value data_view_set(Context *ctx, Value this_value, int argc, const Value *argv,
                           Value new_target, int magic) {
    TAKind kind = (TAKind)magic;
    ViewObject *v = this_view(ctx, this_value, "set");
    if (!v) return VAL_EXCEPTION;
    uint64_t index;
    TRY_I(ToIndex(ctx, ARG(0), &index));
    TAElement e;
    TRY_I(ta_to_element(ctx, kind, ARG(1), &e));
    bool little = ToBoolean(ARG(2));
    size_t len;
    if (!view_byte_length(v, &len))
        return throw_type_error(ctx,
                                "DataView.prototype.set%s: the view is detached or out of bounds",
                                dv_type_names[kind]);
    if (index + ta_element_size[kind] > len)
        return throw_range_error(
            ctx, "DataView.prototype.set%s: offset is outside the bounds of the view",
            dv_type_names[kind]);
    ta_store_element(v->buffer->data + v->byte_offset + index, kind, &e, little);
    return VAL_UNDEFINED;
}

#define DV_METHODS(T, K)                                                                           \
    BP_FUNC_MAGIC("get" #T, data_view_get, 1, K), BP_FUNC_MAGIC("set" #T, data_view_set, 2, K)

static const BuiltinProp data_view_proto_props[] = {
    BP_GETSET_MAGIC("buffer", data_view_getter, NULL, DV_BUFFER),
    BP_GETSET_MAGIC("byteLength", data_view_getter, NULL, DV_BYTE_LENGTH),
    BP_GETSET_MAGIC("byteOffset", data_view_getter, NULL, DV_BYTE_OFFSET),
    DV_METHODS(Int8, TA_INT8),
    DV_METHODS(Uint8, TA_UINT8),
    DV_METHODS(Int16, TA_INT16),
    DV_METHODS(Uint16, TA_UINT16),
    DV_METHODS(Int32, TA_INT32),
    DV_METHODS(Uint32, TA_UINT32),
    DV_METHODS(Float16, TA_FLOAT16),
    DV_METHODS(Float32, TA_FLOAT32),
    DV_METHODS(Float64, TA_FLOAT64),
    DV_METHODS(BigInt64, TA_BIGINT64),
    DV_METHODS(BigUint64, TA_BIGUINT64),
    BP_STR("[Symbol.toStringTag]", "DataView", PROP_CONFIGURABLE),
};

int init_dataview(Context *ctx) {
    Object *proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype));
    if (!proto) return -1;
    Object *ctor = builtins_make_constructor(ctx, "DataView", data_view_constructor, 1, proto,
                                             INTR_DataView, INTR_DataViewPrototype, true);
    if (!ctor) return -1;
    return builtins_install(ctx, proto, data_view_proto_props, BP_COUNT(data_view_proto_props));
}
