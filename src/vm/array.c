/*
 * array.c — Array exotic objects (#sec-array-exotic-objects).
 *
 * "length" is not stored as a property: ArrayObject.length holds it and
 * [[GetOwnProperty]] synthesizes { value, writable: !OBJ_ARRAY_LENGTH_RO,
 * enumerable: false, configurable: false }. Index properties use the
 * object's elements (dense, VAL_HOLE for holes) or, once sparse, the
 * dictionary (object_internal.h).
 */
#include <stdlib.h>
#include "vm/conv.h"
#include "vm/function.h"
#include "vm/object_internal.h"

/* new Array(n) reserves this many elements up front at most. */
#define ARRAY_PREALLOC_MAX (1u << 20)

static inline ArrayObject *as_array(Object *o) {
    return (ArrayObject *)o;
}

static Value length_value(uint32_t len) {
    return len <= INT32_MAX ? val_from_int((int32_t)len) : val_from_double(len);
}

static PropertyDescriptor length_desc(Object *a) {
    return desc_data(length_value(as_array(a)->length),
                     (a->hdr.flags & OBJ_ARRAY_LENGTH_RO) ? 0 : PROP_WRITABLE);
}

uint32_t array_length(Object *a) {
    return as_array(a)->length;
}

static Value array_get_own_property(Context *ctx, Object *a, PropKey k, PropertyDescriptor *desc) {
    if (key_is_length(ctx->rt, k)) {
        *desc = length_desc(a);
        return VAL_TRUE;
    }
    return OrdinaryGetOwnProperty(ctx, a, k, desc);
}

/* OrdinaryDefineOwnProperty(A, "length", desc) on the virtual property:
 * validate against the synthesized descriptor, then store. desc's value,
 * when present, is already a valid length (a Number in uint32 range). */
static Value define_length_ordinary(Context *ctx, Object *a, const PropertyDescriptor *desc) {
    PropertyDescriptor current = length_desc(a);
    Value ok =
        ValidateAndApplyPropertyDescriptor(ctx, NULL, KEY(ctx->rt, length), false, desc, &current);
    TRY(ok);
    if (ok == VAL_FALSE) return VAL_FALSE;
    if (desc->has & DESC_HAS_VALUE) as_array(a)->length = (uint32_t)val_num(desc->value);
    if ((desc->has & DESC_HAS_WRITABLE) && !(desc->attrs & PROP_WRITABLE))
        a->hdr.flags |= OBJ_ARRAY_LENGTH_RO;
    return VAL_TRUE;
}

static int cmp_desc_u32(const void *x, const void *y) {
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a > b ? -1 : a < b;
}

/* ArraySetLength step 17: deletes index properties >= new_len from the
 * highest down. Returns the length actually reached (new_len, or one past a
 * non-configurable element that stopped it); UINT64_MAX on OOM. */
static uint64_t delete_from_end(Context *ctx, Object *a, uint32_t new_len) {
    if (!(a->hdr.flags & OBJ_SPARSE)) {
        /* Dense elements are always configurable. */
        for (uint32_t i = new_len; i < a->elements_length; i++)
            a->elements[i] = VAL_HOLE;
        if (a->elements_length > new_len) a->elements_length = new_len;
        while (a->elements_length > 0 && a->elements[a->elements_length - 1] == VAL_HOLE)
            a->elements_length--;
        if (a->elements_length == 0 && a->elements) {
            gc_free(ctx->rt, a->elements, sizeof(Value) * a->elements_capacity);
            a->elements = NULL;
            a->elements_capacity = 0;
        }
        return new_len;
    }
    Shape *d = a->shape;
    uint32_t n = 0;
    for (uint32_t i = 0; i < d->entries_len; i++) {
        PropKey k = d->entries[i].key;
        if (k != KEY_NONE && key_is_index(k) && key_index(k) >= new_len) n++;
    }
    if (n == 0) return new_len;
    uint32_t *idx = malloc(sizeof(uint32_t) * n);
    if (!idx) {
        throw_range_error(ctx, "out of memory");
        return UINT64_MAX;
    }
    n = 0;
    for (uint32_t i = 0; i < d->entries_len; i++) {
        PropKey k = d->entries[i].key;
        if (k != KEY_NONE && key_is_index(k) && key_index(k) >= new_len) idx[n++] = key_index(k);
    }
    qsort(idx, n, sizeof(uint32_t), cmp_desc_u32);
    uint64_t reached = new_len;
    for (uint32_t i = 0; i < n; i++) {
        PropLoc loc;
        if (!own_find(a, key_from_index(idx[i]), &loc)) continue;
        if (!(loc.attrs & PROP_CONFIGURABLE)) {
            reached = (uint64_t)idx[i] + 1;
            break;
        }
        /* A dictionary removal cannot fail. */
        storage_remove(ctx, a, key_from_index(idx[i]), &loc);
    }
    free(idx);
    return reached;
}

/* ArraySetLength — #sec-arraysetlength */
static Value ArraySetLength(Context *ctx, Object *a, const PropertyDescriptor *desc) {
    /* 1. */
    if (!(desc->has & DESC_HAS_VALUE)) return define_length_ordinary(ctx, a, desc);
    /* 2. */
    PropertyDescriptor new_len_desc = *desc;
    /* 3. */
    uint32_t new_len;
    if (ToUint32(ctx, desc->value, &new_len) < 0) return VAL_EXCEPTION;
    /* 4. */
    double number_len;
    if (ToNumberDouble(ctx, desc->value, &number_len) < 0) return VAL_EXCEPTION;
    /* 5. */
    if ((double)new_len != number_len) return throw_range_error(ctx, "Invalid array length");
    /* 6. */
    new_len_desc.value = length_value(new_len);
    /* 7-10. */
    uint32_t old_len = as_array(a)->length;
    /* 11. */
    if (new_len >= old_len) return define_length_ordinary(ctx, a, &new_len_desc);
    /* 12. */
    if (a->hdr.flags & OBJ_ARRAY_LENGTH_RO) return VAL_FALSE;
    /* 13-14. */
    bool new_writable =
        !(new_len_desc.has & DESC_HAS_WRITABLE) || (new_len_desc.attrs & PROP_WRITABLE);
    if (!new_writable) new_len_desc.attrs |= PROP_WRITABLE;
    /* 15-16. */
    Value ok = define_length_ordinary(ctx, a, &new_len_desc);
    TRY(ok);
    if (ok == VAL_FALSE) return VAL_FALSE;
    /* 17. */
    uint64_t reached = delete_from_end(ctx, a, new_len);
    if (reached == UINT64_MAX) return VAL_EXCEPTION;
    if (reached != new_len) {
        as_array(a)->length = (uint32_t)reached;
        if (!new_writable) a->hdr.flags |= OBJ_ARRAY_LENGTH_RO;
        return VAL_FALSE;
    }
    /* 18. */
    if (!new_writable) a->hdr.flags |= OBJ_ARRAY_LENGTH_RO;
    return VAL_TRUE;
}

/* [[DefineOwnProperty]] — #sec-array-exotic-objects-defineownproperty-p-desc */
static Value array_define_own_property(Context *ctx, Object *a, PropKey k,
                                       const PropertyDescriptor *desc) {
    /* 1. */
    if (key_is_length(ctx->rt, k)) return ArraySetLength(ctx, a, desc);
    /* 2. */
    if (key_is_index(k)) {
        uint32_t index = key_index(k);
        uint32_t length = as_array(a)->length;
        /* 2.g */
        if (index >= length && (a->hdr.flags & OBJ_ARRAY_LENGTH_RO)) return VAL_FALSE;
        /* 2.h-i */
        Value ok = OrdinaryDefineOwnProperty(ctx, a, k, desc);
        TRY(ok);
        if (ok == VAL_FALSE) return VAL_FALSE;
        /* 2.j */
        if (index >= length) as_array(a)->length = index + 1;
        return VAL_TRUE;
    }
    /* 3. */
    return OrdinaryDefineOwnProperty(ctx, a, k, desc);
}

static ValueArray *array_own_property_keys(Context *ctx, Object *a) {
    return own_keys_common(ctx, a, 0, true);
}

static const ObjectOps array_ops = {
    .get_own_property = array_get_own_property,
    .define_own_property = array_define_own_property,
    .own_property_keys = array_own_property_keys,
};

const ClassDef class_array = {.id = CLASS_ARRAY, .name = "Array", .ops = &array_ops};

/* ArrayCreate — #sec-arraycreate */
Object *ArrayCreate(Context *ctx, uint64_t length, Object *proto) {
    /* 1. */
    if (length > 0xFFFFFFFFull) {
        throw_range_error(ctx, "Invalid array length");
        return NULL;
    }
    /* 2. */
    if (!proto) proto = ctx_intrinsic_obj(ctx, INTR_ArrayPrototype);
    Object *a = obj_alloc(ctx, &class_array, proto, sizeof(ArrayObject));
    if (!a) return NULL;
    as_array(a)->length = (uint32_t)length;
    if (length > 0 && length <= ARRAY_PREALLOC_MAX) {
        a->elements = gc_malloc(ctx->rt, sizeof(Value) * length);
        if (!a->elements) return NULL;
        a->elements_capacity = (uint32_t)length;
        /* The holes are explicit so that filling the array in any order is
         * a store into the dense vector (array_init_element, and the
         * generic paths, which find the index below elements_length). */
        for (uint32_t i = 0; i < (uint32_t)length; i++)
            a->elements[i] = VAL_HOLE;
        a->elements_length = (uint32_t)length;
    }
    return a;
}

int array_init_element(Context *ctx, Object *a, uint32_t i, Value v) {
    if (!(a->hdr.flags & OBJ_SPARSE) && i < a->elements_length && a->elements[i] == VAL_HOLE) {
        GC_WRITE_BARRIER(ctx->rt, a, v);
        a->elements[i] = v;
        return 0;
    }
    Value ok = CreateDataPropertyOrThrow(ctx, a, key_from_index(i), v);
    return val_is_exception(ok) ? -1 : 0;
}

Object *array_new(Context *ctx, uint32_t length) {
    return ArrayCreate(ctx, length, NULL);
}

int array_push_fast(Context *ctx, Object *a, Value v) {
    uint32_t len = as_array(a)->length;
    if (len == 0xFFFFFFFFu) {
        throw_range_error(ctx, "Invalid array length");
        return -1;
    }
    if (!(a->hdr.flags & (OBJ_SPARSE | OBJ_ARRAY_LENGTH_RO)) && (a->hdr.flags & OBJ_EXTENSIBLE)) {
        if (storage_add(ctx, a, key_from_index(len), v, PROP_DEFAULT) < 0) return -1;
        as_array(a)->length = len + 1;
        return 0;
    }
    Value ok = CreateDataPropertyOrThrow(ctx, a, key_from_index(len), v);
    return val_is_exception(ok) ? -1 : 0;
}

/* ArraySpeciesCreate — #sec-arrayspeciescreate */
Value ArraySpeciesCreate(Context *ctx, Object *original, uint64_t length) {
    /* 1-2. */
    Value is_array = IsArray(ctx, val_from_object(original));
    TRY(is_array);
    if (is_array == VAL_FALSE) {
        Object *a = ArrayCreate(ctx, length, NULL);
        return a ? val_from_object(a) : VAL_EXCEPTION;
    }
    /* 3. */
    Value c = Get(ctx, original, KEY(ctx->rt, constructor));
    TRY(c);
    /* 4. */
    if (val_is_constructor(c)) {
        Context *realm_c = GetFunctionRealm(ctx, val_as_object(c));
        if (!realm_c) return VAL_EXCEPTION;
        if (realm_c != ctx && c == ctx_intrinsic(realm_c, INTR_Array)) c = VAL_UNDEFINED;
    }
    /* 5. */
    if (val_is_object(c)) {
        c = Get(ctx, val_as_object(c), KEY_SYM(ctx->rt, species));
        TRY(c);
        if (val_is_null(c)) c = VAL_UNDEFINED;
    }
    /* 6. */
    if (val_is_undefined(c)) {
        Object *a = ArrayCreate(ctx, length, NULL);
        return a ? val_from_object(a) : VAL_EXCEPTION;
    }
    /* 7. */
    if (!val_is_constructor(c)) return throw_type_error(ctx, "species is not a constructor");
    /* 8. */
    Value len = val_from_number((double)length);
    return Construct(ctx, c, 1, &len, VAL_UNDEFINED);
}
