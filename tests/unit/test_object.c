/* test_object.c — the object model: shapes, dictionary mode, property order,
 * ValidateAndApplyPropertyDescriptor, arrays, String exotic objects. */
#include <math.h>
#include <stdlib.h>
#include "test.h"
#include "vm/conv.h"
#include "vm/function.h"
#include "vm/shape.h"

static Runtime *rt;
static Context *ctx;

static PropKey K(const char *name) {
    return key_from_cstr(rt, name);
}
static Object *plain(void) {
    return obj_new_plain(ctx);
}
static Value I(int32_t i) {
    return val_from_int(i);
}
static Value S(const char *s) {
    return val_from_string(str_from_cstr(rt, s));
}

static bool has_exc(void) {
    if (!rt->has_exception) return false;
    rt_take_exception(rt);
    return true;
}

static Value get(Object *o, const char *name) {
    return Get(ctx, o, K(name));
}
static int32_t get_int(Object *o, PropKey k) {
    Value v = Get(ctx, o, k);
    return val_is_number(v) ? (int32_t)val_num(v) : -999;
}

/* A callable test object: records its id in a log, returns a fixed value. */
typedef struct TestFn {
    Object base;
    int id;
    Value result;
} TestFn;
static char call_log[256];
static Value test_fn_call(Context *c, Object *f, Value this_value, int argc, const Value *argv) {
    TestFn *t = (TestFn *)f;
    size_t n = strlen(call_log);
    if (n + 1 < sizeof call_log) {
        call_log[n] = (char)t->id;
        call_log[n + 1] = 0;
    }
    if (t->id == '!') return throw_type_error(c, "test function threw");
    /* Setters ('s'...'z') store their argument on this under "stored". */
    if (t->id >= 's' && t->id <= 'z' && argc > 0 && val_is_object(this_value))
        obj_define_data_fast(c, val_as_object(this_value), K("stored"), argv[0], PROP_DEFAULT);
    return t->result;
}
static void test_fn_trace(Runtime *r, Object *o) {
    gc_mark_value(r, ((TestFn *)o)->result);
}
static const ClassDef test_fn_class = {
    .id = CLASS_HOST, .name = "TestFn", .trace = test_fn_trace, .call = test_fn_call};
static Value fn(int id, Value result) {
    Object *f = obj_alloc(ctx, &test_fn_class, ctx_intrinsic_obj(ctx, INTR_ObjectPrototype),
                          sizeof(TestFn));
    f->hdr.flags |= OBJ_CALLABLE;
    ((TestFn *)f)->id = id;
    ((TestFn *)f)->result = result;
    return val_from_object(f);
}

/* Own keys as "k1,k2,..." (symbols as "@"). */
static const char *keys_str(Object *o) {
    static char buf[512];
    buf[0] = 0;
    ValueArray *keys = obj_own_property_keys(ctx, o);
    if (!keys) return "(exception)";
    for (uint32_t i = 0; i < keys->length; i++) {
        PropKey k = keys->items[i];
        char part[64];
        if (key_is_index(k))
            snprintf(part, sizeof part, "%u", key_index(k));
        else if (key_is_symbol(k))
            snprintf(part, sizeof part, "@");
        else {
            char *u = str_to_utf8(rt, key_atom(k), NULL);
            snprintf(part, sizeof part, "%s", u);
            free(u);
        }
        if (i) strncat(buf, ",", sizeof buf - strlen(buf) - 1);
        strncat(buf, part, sizeof buf - strlen(buf) - 1);
    }
    return buf;
}

static Value define(Object *o, PropKey k, PropertyDescriptor d) {
    return obj_define_own_property(ctx, o, k, &d);
}
static PropertyDescriptor D(uint8_t has, uint8_t attrs, Value v) {
    PropertyDescriptor d = {.has = has, .attrs = attrs, .value = v};
    d.getter = d.setter = VAL_UNDEFINED;
    return d;
}
#define HV DESC_HAS_VALUE
#define HW DESC_HAS_WRITABLE
#define HE DESC_HAS_ENUMERABLE
#define HC DESC_HAS_CONFIGURABLE
#define HG DESC_HAS_GET
#define HS DESC_HAS_SET

/* ---- shapes ---- */

static void test_shape_sharing(void) {
    Object *a = plain(), *b = plain(), *c = plain(), *d = plain();
    CHECK(a->shape == b->shape); /* both empty: the root shape */
    CHECK(Set(ctx, a, K("x"), I(1), true) == VAL_TRUE);
    CHECK(Set(ctx, a, K("y"), I(2), true) == VAL_TRUE);
    CHECK(Set(ctx, b, K("x"), I(3), true) == VAL_TRUE);
    CHECK(Set(ctx, b, K("y"), I(4), true) == VAL_TRUE);
    CHECK(Set(ctx, c, K("y"), I(5), true) == VAL_TRUE);
    CHECK(Set(ctx, c, K("x"), I(6), true) == VAL_TRUE);
    CHECK(Set(ctx, d, K("x"), I(7), true) == VAL_TRUE);
    CHECK(a->shape == b->shape);
    CHECK(a->shape != c->shape);
    CHECK(a->shape->parent == d->shape);
    CHECK(!shape_is_dict(a->shape));
    uint32_t slot = 99;
    uint8_t attrs = 0;
    CHECK(shape_lookup(a->shape, K("y"), &slot, &attrs) && slot == 1 && attrs == PROP_DEFAULT);
    CHECK(shape_lookup(c->shape, K("y"), &slot, &attrs) && slot == 0);
    CHECK(!shape_lookup(d->shape, K("y"), &slot, &attrs));
    CHECK(get_int(b, K("y")) == 4 && get_int(c, K("x")) == 6);
    /* Different attributes: a different transition. */
    Object *e = plain();
    CHECK(obj_define_data_fast(ctx, e, K("x"), I(1), PROP_WRITABLE) == 0);
    CHECK(e->shape != d->shape && e->shape->parent == d->shape->parent);
    /* Large shared shapes: the lazily built table answers like the chain. */
    Object *f = plain(), *g = plain();
    for (int i = 0; i < 40; i++) {
        char name[16];
        snprintf(name, sizeof name, "p%d", i);
        CHECK(Set(ctx, f, K(name), I(i), true) == VAL_TRUE);
        CHECK(Set(ctx, g, K(name), I(i * 2), true) == VAL_TRUE);
    }
    CHECK(f->shape == g->shape && !shape_is_dict(f->shape));
    for (int round = 0; round < 6; round++)
        for (int i = 0; i < 40; i++) {
            char name[16];
            snprintf(name, sizeof name, "p%d", i);
            CHECK(get_int(g, K(name)) == i * 2);
        }
    CHECK(f->shape->table != NULL);
    CHECK(!shape_lookup(f->shape, K("nope"), &slot, &attrs));
}

static void test_dictionary_mode(void) {
    Object *o = plain();
    Set(ctx, o, K("a"), I(1), true);
    Set(ctx, o, K("b"), I(2), true);
    Set(ctx, o, K("c"), I(3), true);
    /* Deleting the last property steps back to the parent shape. */
    Shape *ab = o->shape->parent;
    CHECK(obj_delete(ctx, o, K("c")) == VAL_TRUE);
    CHECK(o->shape == ab && !(o->hdr.flags & OBJ_DICT));
    /* Deleting another one switches to dictionary mode. */
    Set(ctx, o, K("c"), I(3), true);
    CHECK(obj_delete(ctx, o, K("a")) == VAL_TRUE);
    CHECK((o->hdr.flags & OBJ_DICT) && shape_is_dict(o->shape));
    CHECK(val_is_undefined(get(o, "a")));
    CHECK(get_int(o, K("b")) == 2 && get_int(o, K("c")) == 3);
    CHECK_STR(keys_str(o), "b,c");
    /* Re-adding goes to the end of the order. */
    Set(ctx, o, K("a"), I(9), true);
    CHECK_STR(keys_str(o), "b,c,a");
    CHECK(get_int(o, K("a")) == 9);
    /* Many deletes and adds (compaction) keep order and values. */
    for (int i = 0; i < 200; i++) {
        char name[16];
        snprintf(name, sizeof name, "t%d", i);
        Set(ctx, o, K(name), I(i), true);
        if (i % 3) obj_delete(ctx, o, K(name));
    }
    CHECK(get_int(o, K("t0")) == 0 && get_int(o, K("t198")) == 198);
    CHECK(val_is_undefined(get(o, "t199")));
    CHECK(get_int(o, K("b")) == 2);
    /* Too many properties: dictionary mode. */
    Object *big = plain();
    for (int i = 0; i < 100; i++) {
        char name[16];
        snprintf(name, sizeof name, "k%d", i);
        CHECK(Set(ctx, big, K(name), I(i), true) == VAL_TRUE);
    }
    CHECK(big->hdr.flags & OBJ_DICT);
    for (int i = 0; i < 100; i++) {
        char name[16];
        snprintf(name, sizeof name, "k%d", i);
        CHECK(get_int(big, K(name)) == i);
    }
    const char *ks = keys_str(big);
    CHECK(strncmp(ks, "k0,k1,k2,", 9) == 0);
    CHECK(strlen(ks) > 4 && strcmp(ks + strlen(ks) - 4, ",k99") == 0);
}

static void test_property_order(void) {
    Object *o = plain();
    Symbol *sym = symbol_new(rt, VAL_UNDEFINED);
    Set(ctx, o, K("b"), I(1), true);
    Set(ctx, o, K("2"), I(1), true);
    Set(ctx, o, key_from_symbol(sym), I(1), true);
    Set(ctx, o, K("a"), I(1), true);
    Set(ctx, o, K("0"), I(1), true);
    Set(ctx, o, K("4294967295"), I(1), true); /* not an array index */
    Set(ctx, o, K("01"), I(1), true);         /* not canonical */
    CHECK_STR(keys_str(o), "0,2,b,a,4294967295,01,@");
    /* A non-default index attribute makes the object sparse; order holds. */
    CHECK(define(o, K("1"), D(HV | HW | HE | HC, PROP_ENUMERABLE, I(5))) == VAL_TRUE);
    CHECK(o->hdr.flags & OBJ_SPARSE);
    Set(ctx, o, K("10"), I(1), true);
    Set(ctx, o, K("3"), I(1), true);
    CHECK_STR(keys_str(o), "0,1,2,3,10,b,a,4294967295,01,@");
    CHECK(get_int(o, K("1")) == 5);
    CHECK(Set(ctx, o, K("1"), I(6), false) == VAL_FALSE); /* read-only */
    CHECK(Set(ctx, o, K("1"), I(6), true) == VAL_EXCEPTION && has_exc());
}

static void test_define_matrix(void) {
    Object *o = plain();
    Value nan = val_from_double(NAN);
    /* A non-configurable, non-writable data property. */
    CHECK(define(o, K("p"), D(HV, 0, nan)) == VAL_TRUE);
    PropertyDescriptor cur;
    CHECK(obj_get_own_property(ctx, o, K("p"), &cur) == VAL_TRUE);
    CHECK(cur.attrs == 0 && desc_is_data(&cur));
    CHECK(define(o, K("p"), D(0, 0, 0)) == VAL_TRUE);                     /* empty */
    CHECK(define(o, K("p"), D(HV, 0, val_from_double(NAN))) == VAL_TRUE); /* SameValue NaN */
    CHECK(define(o, K("p"), D(HV, 0, I(1))) == VAL_FALSE);                /* new value */
    CHECK(define(o, K("p"), D(HC, PROP_CONFIGURABLE, 0)) == VAL_FALSE);   /* configurable */
    CHECK(define(o, K("p"), D(HE, PROP_ENUMERABLE, 0)) == VAL_FALSE);     /* enumerable */
    CHECK(define(o, K("p"), D(HE | HC, 0, 0)) == VAL_TRUE);               /* same attrs */
    CHECK(define(o, K("p"), D(HW, PROP_WRITABLE, 0)) == VAL_FALSE);       /* writable */
    PropertyDescriptor acc = desc_accessor(VAL_UNDEFINED, VAL_UNDEFINED, 0);
    acc.has = HG;
    CHECK(define(o, K("p"), acc) == VAL_FALSE); /* data -> accessor */
    /* +0 vs -0 on a non-writable property. */
    CHECK(define(o, K("z"), D(HV, 0, val_from_int(0))) == VAL_TRUE);
    CHECK(define(o, K("z"), D(HV, 0, val_from_double(-0.0))) == VAL_FALSE);
    CHECK(define(o, K("z"), D(HV, 0, val_from_double(0.0))) == VAL_TRUE);
    /* Non-configurable but writable: value changes and writable -> false OK. */
    CHECK(define(o, K("w"), D(HV | HW, PROP_WRITABLE, I(1))) == VAL_TRUE);
    CHECK(define(o, K("w"), D(HV, 0, I(2))) == VAL_TRUE);
    CHECK(define(o, K("w"), D(HW, 0, 0)) == VAL_TRUE);
    CHECK(define(o, K("w"), D(HW, PROP_WRITABLE, 0)) == VAL_FALSE);
    CHECK(get_int(o, K("w")) == 2);
    /* Non-configurable accessor: same getter OK, another getter not. */
    Value g1 = fn('g', I(7)), g2 = fn('h', I(8));
    PropertyDescriptor a1 = desc_accessor(g1, VAL_UNDEFINED, 0);
    CHECK(define(o, K("acc"), a1) == VAL_TRUE);
    PropertyDescriptor same = {.has = HG, .getter = g1, .setter = VAL_UNDEFINED};
    CHECK(define(o, K("acc"), same) == VAL_TRUE);
    PropertyDescriptor other = {.has = HG, .getter = g2, .setter = VAL_UNDEFINED};
    CHECK(define(o, K("acc"), other) == VAL_FALSE);
    PropertyDescriptor set_other = {.has = HS, .getter = VAL_UNDEFINED, .setter = g2};
    CHECK(define(o, K("acc"), set_other) == VAL_FALSE);
    CHECK(define(o, K("acc"), D(HV, 0, I(1))) == VAL_FALSE); /* accessor -> data */
    call_log[0] = 0;
    CHECK(get_int(o, K("acc")) == 7);
    CHECK_STR(call_log, "g");
    /* Configurable: data <-> accessor keeps enumerable/configurable. */
    CHECK(define(o, K("c"), D(HV | HE | HC, PROP_ENUMERABLE | PROP_CONFIGURABLE, I(1))) ==
          VAL_TRUE);
    CHECK(define(o, K("c"), other) == VAL_TRUE);
    CHECK(obj_get_own_property(ctx, o, K("c"), &cur) == VAL_TRUE);
    CHECK(desc_is_accessor(&cur) && cur.getter == g2 && val_is_undefined(cur.setter));
    CHECK(cur.attrs == (PROP_ENUMERABLE | PROP_CONFIGURABLE));
    CHECK(define(o, K("c"), D(HV, 0, I(3))) == VAL_TRUE);
    CHECK(obj_get_own_property(ctx, o, K("c"), &cur) == VAL_TRUE);
    CHECK(desc_is_data(&cur) && cur.attrs == (PROP_ENUMERABLE | PROP_CONFIGURABLE));
    CHECK(get_int(o, K("c")) == 3);
    /* Generic descriptor on configurable property only changes attrs. */
    CHECK(define(o, K("c"), D(HE, 0, 0)) == VAL_TRUE);
    CHECK(obj_get_own_property(ctx, o, K("c"), &cur) == VAL_TRUE);
    CHECK(cur.attrs == PROP_CONFIGURABLE && val_num(cur.value) == 3);
    /* Defaults for a new property are all false. */
    CHECK(define(o, K("n"), D(HV, 0, I(1))) == VAL_TRUE);
    CHECK(obj_get_own_property(ctx, o, K("n"), &cur) == VAL_TRUE && cur.attrs == 0);
    /* Non-extensible: no new properties, existing ones still change. */
    CHECK(obj_prevent_extensions(ctx, o) == VAL_TRUE);
    CHECK(define(o, K("new"), D(HV, 0, I(1))) == VAL_FALSE);
    CHECK(Set(ctx, o, K("new"), I(1), false) == VAL_FALSE);
    CHECK(define(o, K("w"), D(HV, 0, I(5))) == VAL_FALSE); /* now read-only */
    CHECK(obj_delete(ctx, o, K("c")) == VAL_TRUE);
    CHECK(obj_delete(ctx, o, K("p")) == VAL_FALSE);
    CHECK(DeletePropertyOrThrow(ctx, o, K("p")) == VAL_EXCEPTION && has_exc());
}

static void test_accessors_and_order(void) {
    Object *proto = plain();
    Value getter = fn('g', I(42)), setter = fn('s', VAL_UNDEFINED);
    CHECK(obj_define_accessor_fast(ctx, proto, K("x"), getter, setter, PROP_CONFIGURABLE) == 0);
    Object *o = obj_new(ctx, proto);
    call_log[0] = 0;
    CHECK(get_int(o, K("x")) == 42);
    /* Set through the prototype's setter: the receiver gets "stored". */
    CHECK(Set(ctx, o, K("x"), I(5), true) == VAL_TRUE);
    CHECK_STR(call_log, "gs");
    CHECK(get_int(o, K("stored")) == 5);
    PropertyDescriptor own;
    CHECK(obj_get_own_property(ctx, o, K("x"), &own) == VAL_FALSE);
    /* A read-only property on the prototype blocks the assignment. */
    CHECK(obj_define_data_fast(ctx, proto, K("ro"), I(1), 0) == 0);
    CHECK(Set(ctx, o, K("ro"), I(2), false) == VAL_FALSE);
    CHECK(obj_get_own_property(ctx, o, K("ro"), &own) == VAL_FALSE);
    /* A writable one on the prototype is shadowed. */
    CHECK(obj_define_data_fast(ctx, proto, K("rw"), I(1), PROP_DEFAULT) == 0);
    CHECK(Set(ctx, o, K("rw"), I(2), true) == VAL_TRUE);
    CHECK(get_int(o, K("rw")) == 2 && get_int(proto, K("rw")) == 1);
    /* ToPropertyDescriptor reads fields in spec order through getters. */
    Object *d = plain();
    const char *fields[] = {"set", "get", "writable", "value", "configurable", "enumerable"};
    const char ids[] = "654321";
    for (int i = 0; i < 6; i++)
        obj_define_accessor_fast(ctx, d, K(fields[i]), fn(ids[i], VAL_UNDEFINED), VAL_UNDEFINED,
                                 PROP_DEFAULT);
    call_log[0] = 0;
    PropertyDescriptor pd;
    CHECK(ToPropertyDescriptor(ctx, val_from_object(d), &pd) == VAL_EXCEPTION && has_exc());
    /* get/set undefined and value/writable present → TypeError after all reads */
    CHECK_STR(call_log, "123456");
    /* An exception from a getter propagates at once. */
    Object *e = plain();
    obj_define_accessor_fast(ctx, e, K("enumerable"), fn('!', VAL_UNDEFINED), VAL_UNDEFINED,
                             PROP_DEFAULT);
    obj_define_accessor_fast(ctx, e, K("value"), fn('v', VAL_UNDEFINED), VAL_UNDEFINED,
                             PROP_DEFAULT);
    call_log[0] = 0;
    CHECK(ToPropertyDescriptor(ctx, val_from_object(e), &pd) == VAL_EXCEPTION && has_exc());
    CHECK_STR(call_log, "!");
    /* FromPropertyDescriptor round trip. */
    PropertyDescriptor src = desc_data(I(3), PROP_WRITABLE);
    Value dv = FromPropertyDescriptor(ctx, &src);
    CHECK(val_is_object(dv));
    CHECK_STR(keys_str(val_as_object(dv)), "value,writable,enumerable,configurable");
    CHECK(ToPropertyDescriptor(ctx, dv, &pd) == VAL_UNDEFINED);
    CHECK(pd.has == (HV | HW | HE | HC) && pd.attrs == PROP_WRITABLE && val_num(pd.value) == 3);
}

static void test_integrity(void) {
    Object *o = plain();
    Set(ctx, o, K("a"), I(1), true);
    Set(ctx, o, K("0"), I(2), true);
    obj_define_accessor_fast(ctx, o, K("g"), fn('g', I(1)), VAL_UNDEFINED, PROP_DEFAULT);
    CHECK(TestIntegrityLevel(ctx, o, false) == VAL_FALSE);
    CHECK(SetIntegrityLevel(ctx, o, false) == VAL_TRUE);
    CHECK(TestIntegrityLevel(ctx, o, false) == VAL_TRUE);
    CHECK(TestIntegrityLevel(ctx, o, true) == VAL_FALSE);
    CHECK(Set(ctx, o, K("a"), I(5), true) == VAL_TRUE); /* sealed, still writable */
    CHECK(SetIntegrityLevel(ctx, o, true) == VAL_TRUE);
    CHECK(TestIntegrityLevel(ctx, o, true) == VAL_TRUE);
    CHECK(Set(ctx, o, K("a"), I(6), false) == VAL_FALSE);
    CHECK(Set(ctx, o, K("0"), I(6), false) == VAL_FALSE);
    CHECK(get_int(o, K("a")) == 5 && get_int(o, K("0")) == 2);
    CHECK_STR(keys_str(o), "0,a,g");
}

/* ---- arrays ---- */

static void test_array_basics(void) {
    Object *a = array_new(ctx, 0);
    for (int i = 0; i < 10; i++)
        CHECK(array_push_fast(ctx, a, I(i * 10)) == 0);
    CHECK(array_length(a) == 10 && get_int(a, K("length")) == 10);
    CHECK(get_int(a, K("7")) == 70);
    PropertyDescriptor d;
    CHECK(obj_get_own_property(ctx, a, K("length"), &d) == VAL_TRUE);
    CHECK(d.attrs == PROP_WRITABLE && val_num(d.value) == 10);
    Set(ctx, a, K("name"), S("x"), true);
    CHECK_STR(keys_str(a), "0,1,2,3,4,5,6,7,8,9,length,name");
    /* Writing past the end extends length, holes read undefined. */
    CHECK(Set(ctx, a, K("15"), I(1), true) == VAL_TRUE);
    CHECK(array_length(a) == 16 && val_is_undefined(get(a, "12")));
    CHECK(HasProperty(ctx, a, K("12")) == VAL_FALSE);
    /* Shrinking deletes. */
    CHECK(Set(ctx, a, K("length"), I(5), true) == VAL_TRUE);
    CHECK(array_length(a) == 5 && val_is_undefined(get(a, "7")));
    CHECK_STR(keys_str(a), "0,1,2,3,4,length,name");
    /* delete "length" fails; length is not enumerable. */
    CHECK(obj_delete(ctx, a, K("length")) == VAL_FALSE);
    /* Invalid lengths are RangeErrors. */
    CHECK(Set(ctx, a, K("length"), I(-1), true) == VAL_EXCEPTION && has_exc());
    CHECK(Set(ctx, a, K("length"), val_from_double(4294967296.0), true) == VAL_EXCEPTION &&
          has_exc());
    CHECK(Set(ctx, a, K("length"), val_from_double(1.5), true) == VAL_EXCEPTION && has_exc());
    CHECK(Set(ctx, a, K("length"), S(" 3 "), true) == VAL_TRUE && array_length(a) == 3);
    /* ToNumber runs twice on an object length (ToUint32, then ToNumber). */
    Object *len = plain();
    obj_define_data_fast(ctx, len, K("valueOf"), fn('v', I(2)), PROP_DEFAULT);
    call_log[0] = 0;
    CHECK(Set(ctx, a, K("length"), val_from_object(len), true) == VAL_TRUE);
    CHECK_STR(call_log, "vv");
    CHECK(array_length(a) == 2);
}

static void test_array_nonconfigurable_shrink(void) {
    Object *a = array_new(ctx, 0);
    for (int i = 0; i < 6; i++)
        array_push_fast(ctx, a, I(i));
    /* Element 3 becomes non-configurable: the array goes sparse. */
    CHECK(define(a, K("3"), D(HC, 0, 0)) == VAL_TRUE);
    CHECK(a->hdr.flags & OBJ_SPARSE);
    CHECK(Set(ctx, a, K("length"), I(0), false) == VAL_FALSE);
    CHECK(array_length(a) == 4);
    CHECK(get_int(a, K("3")) == 3 && val_is_undefined(get(a, "4")));
    CHECK(get_int(a, K("2")) == 2); /* deletion stopped at 3 */
    /* With writable:false the length still ends up read-only. */
    PropertyDescriptor d = D(HV | HW, 0, I(1));
    CHECK(define(a, K("length"), d) == VAL_FALSE);
    PropertyDescriptor cur;
    CHECK(obj_get_own_property(ctx, a, K("length"), &cur) == VAL_TRUE);
    CHECK(cur.attrs == 0 && val_num(cur.value) == 4);
    /* A read-only length refuses growth. */
    CHECK(Set(ctx, a, K("10"), I(1), false) == VAL_FALSE);
    CHECK(array_push_fast(ctx, a, I(1)) < 0 && has_exc());
    CHECK(array_length(a) == 4);
    CHECK(Set(ctx, a, K("0"), I(9), false) == VAL_TRUE); /* existing element: fine */
    CHECK(define(a, K("length"), D(HV, 0, I(4))) == VAL_TRUE);
    CHECK(define(a, K("length"), D(HV, 0, I(5))) == VAL_FALSE);
    CHECK(define(a, K("length"), D(HE, PROP_ENUMERABLE, 0)) == VAL_FALSE);
    CHECK_STR(keys_str(a), "0,1,2,3,length");
}

static void test_array_huge_index(void) {
    Object *a = array_new(ctx, 0);
    CHECK(Set(ctx, a, K("4294967294"), I(1), true) == VAL_TRUE);
    CHECK(array_length(a) == 4294967295u);
    CHECK(a->elements_capacity < 1000000);
    CHECK(get_int(a, K("4294967294")) == 1);
    CHECK(array_push_fast(ctx, a, I(2)) < 0 && has_exc()); /* length limit */
    /* 2^32-1 is not an index: no length change. */
    CHECK(Set(ctx, a, K("4294967295"), I(3), true) == VAL_TRUE);
    CHECK(array_length(a) == 4294967295u);
    CHECK(Set(ctx, a, K("5"), I(5), true) == VAL_TRUE);
    CHECK_STR(keys_str(a), "5,4294967294,length,4294967295");
    CHECK(Set(ctx, a, K("length"), I(6), true) == VAL_TRUE);
    CHECK_STR(keys_str(a), "5,length,4294967295");
    /* A dense array stays dense when filled in order, even from the back. */
    Object *b = array_new(ctx, 1000);
    for (int i = 999; i >= 0; i--)
        Set(ctx, b, key_from_index((uint32_t)i), I(i), true);
    CHECK(!(b->hdr.flags & OBJ_SPARSE) && get_int(b, K("500")) == 500);
    CHECK(ArrayCreate(ctx, 4294967296ull, NULL) == NULL && has_exc());
}

/* ---- String exotic objects ---- */

static void test_string_exotic(void) {
    Object *s = StringCreate(ctx, str_from_cstr(rt, "abc"), NULL);
    CHECK(s != NULL);
    PropertyDescriptor d;
    CHECK(obj_get_own_property(ctx, s, K("1"), &d) == VAL_TRUE);
    CHECK(d.attrs == PROP_ENUMERABLE && val_is_string(d.value) &&
          str_equal_ascii(val_as_string(d.value), "b"));
    CHECK(obj_get_own_property(ctx, s, K("3"), &d) == VAL_FALSE);
    CHECK(get_int(s, K("length")) == 3);
    CHECK(Set(ctx, s, K("0"), S("z"), false) == VAL_FALSE);
    CHECK(define(s, K("1"), D(HV, 0, S("b"))) == VAL_TRUE);
    CHECK(define(s, K("1"), D(HV, 0, S("q"))) == VAL_FALSE);
    CHECK(Set(ctx, s, K("5"), I(1), true) == VAL_TRUE);
    Set(ctx, s, K("x"), I(1), true);
    CHECK_STR(keys_str(s), "0,1,2,5,length,x");
    CHECK(HasProperty(ctx, s, K("2")) == VAL_TRUE);
    CHECK(HasProperty(ctx, s, K("3")) == VAL_FALSE);
    CHECK(obj_delete(ctx, s, K("0")) == VAL_FALSE);
    /* GetV on a primitive string reads indices and length directly. */
    Value c = GetV(ctx, S("xyz"), K("2"));
    CHECK(val_is_string(c) && str_equal_ascii(val_as_string(c), "z"));
    CHECK(GetV(ctx, S("xyz"), K("length")) == I(3));
    Value w = ToObject(ctx, I(5));
    CHECK(val_is_object(w) && obj_class(val_as_object(w)) == CLASS_NUMBER);
    CHECK(ToObject(ctx, VAL_NULL) == VAL_EXCEPTION && has_exc());
}

static void test_misc_abstract_ops(void) {
    /* Object.prototype is an immutable prototype exotic object. */
    Object *op = ctx_intrinsic_obj(ctx, INTR_ObjectPrototype);
    CHECK(obj_set_prototype_of(ctx, op, val_from_object(plain())) == VAL_FALSE);
    CHECK(obj_set_prototype_of(ctx, op, VAL_NULL) == VAL_TRUE);
    /* Prototype cycles are refused. */
    Object *a = plain(), *b = obj_new(ctx, a);
    CHECK(obj_set_prototype_of(ctx, a, val_from_object(b)) == VAL_FALSE);
    /* Long prototype chains do not recurse on the C stack. */
    Object *chain = plain();
    Set(ctx, chain, K("deep"), I(1), true);
    /* (shorter under GC stress, where every allocation collects) */
    int depth = rt->options.gc_stress ? 3000 : 200000;
    for (int i = 0; i < depth; i++)
        chain = obj_new(ctx, chain);
    CHECK(get_int(chain, K("deep")) == 1);
    CHECK(HasProperty(ctx, chain, K("deep")) == VAL_TRUE);
    CHECK(Set(ctx, chain, K("fresh"), I(2), true) == VAL_TRUE);
    CHECK(get_int(chain, K("fresh")) == 2);
    /* EnumerableOwnProperties / CreateListFromArrayLike / LengthOfArrayLike */
    Object *o = plain();
    Set(ctx, o, K("b"), I(2), true);
    Set(ctx, o, K("0"), I(1), true);
    obj_define_data_fast(ctx, o, K("hidden"), I(3), PROP_WRITABLE);
    ValueArray *vals = EnumerableOwnProperties(ctx, o, ENUM_VALUES);
    CHECK(vals && vals->length == 2 && vals->items[0] == I(1) && vals->items[1] == I(2));
    ValueArray *keys = EnumerableOwnProperties(ctx, o, ENUM_KEYS);
    CHECK(keys && keys->length == 2 && str_equal_ascii(val_as_string(keys->items[0]), "0"));
    Object *like = plain();
    Set(ctx, like, K("length"), S("2"), true);
    Set(ctx, like, K("1"), I(7), true);
    ValueArray *list = CreateListFromArrayLike(ctx, val_from_object(like));
    CHECK(list && list->length == 2 && val_is_undefined(list->items[0]) && list->items[1] == I(7));
    Set(ctx, like, K("length"), val_from_double(1e300), true);
    CHECK(CreateListFromArrayLike(ctx, val_from_object(like)) == NULL && has_exc());
    uint64_t len = 0;
    CHECK(LengthOfArrayLike(ctx, like, &len) == VAL_UNDEFINED && len == 9007199254740991ull);
    /* Keys */
    CHECK(key_is_index(K("0")) && key_is_index(K("4294967294")) && !key_is_index(K("-0")));
    CHECK(key_from_string(rt, str_from_cstr(rt, "123")) == key_from_index(123));
    CHECK(key_from_string(rt, str_from_cstr(rt, "abc")) == K("abc"));
    String *disp = key_to_display_string(rt, key_from_symbol(symbol_new(rt, S("d"))), true);
    CHECK(disp && str_equal_ascii(disp, "[d]"));
    CHECK(IsArray(ctx, val_from_object(array_new(ctx, 0))) == VAL_TRUE);
    CHECK(IsArray(ctx, val_from_object(o)) == VAL_FALSE);
}

static void test_gc_survival(void) {
    /* Objects, shapes, dictionaries and elements survive collections. */
    HandleMark m = gc_scope_open(rt);
    Object *o = plain();
    Object *arr = array_new(ctx, 0);
    Set(ctx, o, K("arr"), val_from_object(arr), true);
    for (int i = 0; i < 300; i++) {
        char name[16];
        snprintf(name, sizeof name, "s%d", i);
        Set(ctx, o, K(name), S(name), true);
        array_push_fast(ctx, arr, S(name));
        if (i % 7 == 0) obj_delete(ctx, o, K(name));
    }
    Value keep = gc_scope_escape(rt, m, val_from_object(o));
    gc_collect(rt);
    gc_collect(rt);
    o = val_as_object(keep);
    Value v = get(o, "s299");
    CHECK(val_is_string(v) && str_equal_ascii(val_as_string(v), "s299"));
    CHECK(val_is_undefined(get(o, "s294")));
    Value av = get(o, "arr");
    CHECK(val_is_object(av));
    Value e = Get(ctx, val_as_object(av), K("123"));
    CHECK(val_is_string(e) && str_equal_ascii(val_as_string(e), "s123"));
}

/* Writes at exponentially growing indices go sparse instead of allocating
 * 2^k slots for k elements; appends and fills of ArrayCreate(n) stay dense. */
static void test_array_density(void) {
    HandleMark m = gc_scope_open(rt);
    Object *a = array_new(ctx, 0);
    for (int k = 1; k < 32; k++)
        CHECK(Set(ctx, a, key_from_index((uint32_t)((1ull << k) - 2)), I(k), true) == VAL_TRUE);
    CHECK((a->hdr.flags & OBJ_SPARSE) && a->elements_capacity < 4096);
    CHECK(array_length(a) == (uint32_t)((1ull << 31) - 1));
    CHECK(get_int(a, key_from_index((1u << 20) - 2)) == 20);
    Object *b = array_new(ctx, 0);
    for (int i = 0; i < 100000; i++)
        CHECK(Set(ctx, b, key_from_index((uint32_t)i), I(i), true) == VAL_TRUE);
    CHECK(!(b->hdr.flags & OBJ_SPARSE) && b->elements_length == 100000);
    /* A few holes between present elements keep the vector dense. */
    Object *c = array_new(ctx, 0);
    for (int i = 0; i < 10000; i += 4)
        Set(ctx, c, key_from_index((uint32_t)i), I(i), true);
    CHECK(!(c->hdr.flags & OBJ_SPARSE));
    /* array_init_element on ArrayCreate(n): one store per element, any order. */
    Object *d = ArrayCreate(ctx, 5000, NULL);
    CHECK(d && d->elements_length == 5000);
    for (int i = 4999; i >= 0; i -= 2)
        CHECK(array_init_element(ctx, d, (uint32_t)i, I(i)) == 0);
    CHECK(!(d->hdr.flags & OBJ_SPARSE) && get_int(d, K("4999")) == 4999);
    CHECK(val_is_undefined(get(d, "4998")));
    CHECK(HasOwnProperty(ctx, d, K("4998")) == VAL_FALSE);
    CHECK(array_length(d) == 5000);
    gc_scope_close(rt, m);
}

/* Inline caches on dictionary shapes check the entry; invalidation gives a
 * fresh identity. */
static void test_inline_cache_checks(void) {
    HandleMark m = gc_scope_open(rt);
    Object *o = plain();
    char name[16];
    for (int i = 0; i < SHAPE_MAX_SHARED_PROPERTIES + 10; i++) {
        snprintf(name, sizeof name, "p%d", i);
        obj_define_data_fast(ctx, o, K(name), I(i), PROP_DEFAULT);
    }
    CHECK(shape_is_dict(o->shape));
    uint32_t slot;
    uint8_t attrs;
    CHECK(shape_lookup(o->shape, K("p5"), &slot, &attrs));
    Shape *cached = o->shape;
    CHECK(shape_ic_hit(o, cached, slot, K("p5"), false));
    CHECK(shape_ic_hit(o, cached, slot, K("p5"), true));
    CHECK(!shape_ic_hit(o, cached, slot, K("p6"), false));
    /* Read-only: writes miss, reads still hit. */
    obj_define_data_fast(ctx, o, K("p5"), I(5), PROP_ENUMERABLE | PROP_CONFIGURABLE);
    CHECK(shape_ic_hit(o, cached, slot, K("p5"), false));
    CHECK(!shape_ic_hit(o, cached, slot, K("p5"), true));
    /* Deleted, or compacted away: miss. */
    obj_delete(ctx, o, K("p5"));
    CHECK(!shape_ic_hit(o, cached, slot, K("p5"), false));
    obj_define_data_fast(ctx, o, K("p5"), I(55), PROP_DEFAULT);
    CHECK(shape_lookup(o->shape, K("p5"), &slot, &attrs));
    CHECK(shape_ic_hit(o, o->shape, slot, K("p5"), false));
    CHECK(obj_invalidate_inline_caches(ctx, o) == 0);
    CHECK(o->shape != cached && !shape_ic_hit(o, cached, slot, K("p5"), false));
    CHECK(get_int(o, K("p5")) == 55 && get_int(o, K("p70")) == 70);
    /* A shared shape: invalidation moves the object to dictionary mode. */
    Object *q = plain();
    obj_define_data_fast(ctx, q, K("x"), I(1), PROP_DEFAULT);
    Shape *shared = q->shape;
    CHECK(!shape_is_dict(shared) && shape_ic_hit(q, shared, 0, K("x"), true));
    CHECK(obj_invalidate_inline_caches(ctx, q) == 0);
    CHECK(!shape_ic_hit(q, shared, 0, K("x"), false) && get_int(q, K("x")) == 1);
    gc_scope_close(rt, m);
}

/* Transitions are weak: shapes used only by dead objects leave their
 * parent's transition list at the next collection. */
static void test_weak_transitions(void) {
    Shape *root = shape_root(rt);
    HandleMark m = gc_scope_open(rt);
    Object *keep = plain();
    obj_define_data_fast(ctx, keep, K("kept_transition"), I(1), PROP_DEFAULT);
    Value kept = gc_scope_escape(rt, m, val_from_object(keep));
    HandleMark m2 = gc_scope_open(rt);
    for (int i = 0; i < 500; i++) {
        char name[24];
        snprintf(name, sizeof name, "weak_t%d", i);
        Object *o = plain();
        obj_define_data_fast(ctx, o, K(name), I(i), PROP_DEFAULT);
        obj_define_data_fast(ctx, o, K("y"), I(i), PROP_DEFAULT);
    }
    uint32_t before = root->nchildren;
    gc_scope_close(rt, m2);
    gc_collect(rt);
    CHECK(shape_root(rt) == root);
    CHECK(before >= 500 && root->nchildren + 500 <= before);
    /* The surviving transition is still found and shared. */
    Object *again = plain();
    obj_define_data_fast(ctx, again, K("kept_transition"), I(2), PROP_DEFAULT);
    CHECK(again->shape == val_as_object(kept)->shape);
    Object *fresh = plain();
    obj_define_data_fast(ctx, fresh, K("weak_t7"), I(7), PROP_DEFAULT);
    CHECK(get_int(fresh, K("weak_t7")) == 7);
    gc_scope_close(rt, m);
}

int main(void) {
    rt = mica_runtime_new(NULL);
    ctx = mica_context_new(rt);
    if (!rt || !ctx) {
        fprintf(stderr, "cannot create runtime\n");
        return 1;
    }
    HandleMark m = gc_scope_open(rt);
    RUN(test_shape_sharing);
    RUN(test_dictionary_mode);
    RUN(test_property_order);
    RUN(test_define_matrix);
    RUN(test_accessors_and_order);
    RUN(test_integrity);
    RUN(test_array_basics);
    RUN(test_array_nonconfigurable_shrink);
    RUN(test_array_huge_index);
    RUN(test_string_exotic);
    RUN(test_misc_abstract_ops);
    RUN(test_gc_survival);
    RUN(test_array_density);
    RUN(test_inline_cache_checks);
    RUN(test_weak_transitions);
    gc_scope_close(rt, m);
    mica_context_free(ctx);
    mica_runtime_free(rt);
    return TEST_EXIT();
}
