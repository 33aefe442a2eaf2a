/* test_conv.c — type conversion and comparison (vm/conv.c). */
#include <math.h>
#include <stdlib.h>
#include "test.h"
#include "vm/conv.h"
#include "vm/function.h"

static Runtime *rt;
static Context *ctx;

static Value S(const char *s) {
    return val_from_string(str_from_cstr(rt, s));
}
static Value I(int32_t i) {
    return val_from_int(i);
}
static Value N(double d) {
    return val_from_double(d);
}
static PropKey K(const char *name) {
    return key_from_cstr(rt, name);
}

static bool has_exc(void) {
    if (!rt->has_exception) return false;
    rt_take_exception(rt);
    return true;
}

static double num_of(Value v) {
    Value n = ToNumber(ctx, v);
    if (val_is_exception(n)) {
        rt_take_exception(rt);
        return -12345.0;
    }
    return val_num(n);
}

static bool is_neg_zero(double d) {
    return d == 0 && signbit(d);
}

/* A callable object returning a fixed value and logging its id. */
typedef struct TestFn {
    Object base;
    int id;
    Value result;
} TestFn;
static char call_log[64];
static Value test_fn_call(Context *c, Object *f, Value this_value, int argc, const Value *argv) {
    TestFn *t = (TestFn *)f;
    size_t n = strlen(call_log);
    if (n + 1 < sizeof call_log) {
        call_log[n] = (char)t->id;
        call_log[n + 1] = 0;
    }
    if (t->id == '#' && argc == 1 && val_is_string(argv[0])) {
        /* @@toPrimitive: log the hint's first letter */
        char *h = str_to_utf8(rt, val_as_string(argv[0]), NULL);
        if (n + 2 < sizeof call_log) {
            call_log[n + 1] = h[0];
            call_log[n + 2] = 0;
        }
        free(h);
    }
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
/* An object whose valueOf / toString are test functions. */
static Value obj_with(Value value_of, Value to_string) {
    Object *o = obj_new_plain(ctx);
    if (!val_is_undefined(value_of))
        obj_define_data_fast(ctx, o, K("valueOf"), value_of, PROP_DEFAULT);
    if (!val_is_undefined(to_string))
        obj_define_data_fast(ctx, o, K("toString"), to_string, PROP_DEFAULT);
    return val_from_object(o);
}

static void test_string_to_number(void) {
    CHECK(num_of(S("")) == 0 && !is_neg_zero(num_of(S(""))));
    CHECK(num_of(S("   \t\n ")) == 0);
    CHECK(num_of(S(" 0x10 ")) == 16);
    CHECK(num_of(S("0X1f")) == 31);
    CHECK(num_of(S("0b101")) == 5);
    CHECK(num_of(S("0o17")) == 15);
    CHECK(isnan(num_of(S("0x"))));
    CHECK(isnan(num_of(S("0b2"))));
    CHECK(isnan(num_of(S("-0x10"))));
    CHECK(isnan(num_of(S("+0x10"))));
    CHECK(num_of(S("1e1000")) == INFINITY);
    CHECK(num_of(S("-1e1000")) == -INFINITY);
    CHECK(num_of(S("1e-1000")) == 0);
    CHECK(is_neg_zero(num_of(S("-0"))));
    CHECK(is_neg_zero(num_of(S(" -0.0e5 "))));
    CHECK(isnan(num_of(S("Infinityx"))));
    CHECK(isnan(num_of(S("infinity"))));
    CHECK(num_of(S("Infinity")) == INFINITY);
    CHECK(num_of(S("+Infinity")) == INFINITY);
    CHECK(num_of(S("-Infinity")) == -INFINITY);
    CHECK(num_of(S("12.5e-1")) == 1.25);
    CHECK(num_of(S(".5")) == 0.5);
    CHECK(num_of(S("5.")) == 5);
    CHECK(num_of(S("00012")) == 12);
    CHECK(num_of(S("1E3")) == 1000);
    CHECK(num_of(S("0.1")) == 0.1);
    CHECK(num_of(S("9007199254740993")) == 9007199254740992.0); /* ties to even */
    CHECK(isnan(num_of(S("."))));
    CHECK(isnan(num_of(S("1e"))));
    CHECK(isnan(num_of(S("e1"))));
    CHECK(isnan(num_of(S("1_000"))));
    CHECK(isnan(num_of(S("1n"))));
    CHECK(isnan(num_of(S("--1"))));
    CHECK(isnan(num_of(S("1 2"))));
    /* Unicode white space (wide strings): NBSP, LS, BOM, ideographic space */
    uint16_t wide[] = {0x00A0, 0xFEFF, '4', '2', 0x2028, 0x3000};
    CHECK(num_of(val_from_string(str_new_utf16(rt, wide, 6))) == 42);
    uint16_t bad[] = {'4', 0x0660}; /* Arabic-Indic digit: not a DecimalDigit */
    CHECK(isnan(num_of(val_from_string(str_new_utf16(rt, bad, 2)))));
    /* Other types */
    CHECK(isnan(num_of(VAL_UNDEFINED)) && num_of(VAL_NULL) == 0);
    CHECK(num_of(VAL_TRUE) == 1 && num_of(VAL_FALSE) == 0);
    CHECK(ToNumber(ctx, val_from_symbol(symbol_new(rt, VAL_UNDEFINED))) == VAL_EXCEPTION &&
          has_exc());
}

static const char *str_of(Value v) {
    static char buf[128];
    String *s = ToStringS(ctx, v);
    if (!s) {
        rt_take_exception(rt);
        return "(exception)";
    }
    char *u = str_to_utf8(rt, s, NULL);
    snprintf(buf, sizeof buf, "%s", u);
    free(u);
    return buf;
}

static void test_to_string(void) {
    CHECK_STR(str_of(I(0)), "0");
    CHECK_STR(str_of(N(-0.0)), "0");
    CHECK_STR(str_of(I(-42)), "-42");
    CHECK_STR(str_of(N(1.5)), "1.5");
    CHECK_STR(str_of(N(0.1 + 0.2)), "0.30000000000000004");
    CHECK_STR(str_of(N(1e21)), "1e+21");
    CHECK_STR(str_of(N(123456789012345680000.0)), "123456789012345680000");
    CHECK_STR(str_of(N(0.000001)), "0.000001");
    CHECK_STR(str_of(N(1e-7)), "1e-7");
    CHECK_STR(str_of(N(NAN)), "NaN");
    CHECK_STR(str_of(N(INFINITY)), "Infinity");
    CHECK_STR(str_of(N(-INFINITY)), "-Infinity");
    CHECK_STR(str_of(N(5e-324)), "5e-324");
    CHECK_STR(str_of(N(1.7976931348623157e308)), "1.7976931348623157e+308");
    CHECK_STR(str_of(VAL_UNDEFINED), "undefined");
    CHECK_STR(str_of(VAL_NULL), "null");
    CHECK_STR(str_of(VAL_TRUE), "true");
    CHECK_STR(str_of(val_from_symbol(symbol_new(rt, VAL_UNDEFINED))), "(exception)");
    /* Objects: toString first for hint string. */
    call_log[0] = 0;
    CHECK_STR(str_of(obj_with(fn('v', I(1)), fn('t', S("ts")))), "ts");
    CHECK_STR(call_log, "t");
    call_log[0] = 0;
    CHECK_STR(str_of(obj_with(fn('v', I(1)), fn('t', obj_with(VAL_UNDEFINED, VAL_UNDEFINED)))),
              "1");
    CHECK_STR(call_log, "tv");
}

static void test_to_primitive(void) {
    /* @@toPrimitive gets the hint and wins over valueOf. */
    Object *o = obj_new_plain(ctx);
    obj_define_data_fast(ctx, o, K("valueOf"), fn('v', I(1)), PROP_DEFAULT);
    obj_define_data_fast(ctx, o, KEY_SYM(rt, toPrimitive), fn('#', I(7)), PROP_DEFAULT);
    call_log[0] = 0;
    CHECK(ToPrimitive(ctx, val_from_object(o), HINT_DEFAULT) == I(7));
    CHECK(ToPrimitive(ctx, val_from_object(o), HINT_NUMBER) == I(7));
    CHECK(ToPrimitive(ctx, val_from_object(o), HINT_STRING) == I(7));
    CHECK_STR(call_log, "#d#n#s");
    /* An object result is a TypeError; a non-callable @@toPrimitive too. */
    Object *p = obj_new_plain(ctx);
    obj_define_data_fast(ctx, p, KEY_SYM(rt, toPrimitive), fn('#', val_from_object(p)),
                         PROP_DEFAULT);
    CHECK(ToPrimitive(ctx, val_from_object(p), HINT_DEFAULT) == VAL_EXCEPTION && has_exc());
    obj_define_data_fast(ctx, p, KEY_SYM(rt, toPrimitive), I(1), PROP_DEFAULT);
    CHECK(ToPrimitive(ctx, val_from_object(p), HINT_DEFAULT) == VAL_EXCEPTION && has_exc());
    /* Neither method gives a primitive: TypeError. */
    Value inner = obj_with(VAL_UNDEFINED, VAL_UNDEFINED);
    Value q = obj_with(fn('v', inner), fn('t', inner));
    CHECK(ToPrimitive(ctx, q, HINT_NUMBER) == VAL_EXCEPTION && has_exc());
    /* undefined @@toPrimitive falls back to OrdinaryToPrimitive. */
    obj_define_data_fast(ctx, p, KEY_SYM(rt, toPrimitive), VAL_NULL, PROP_DEFAULT);
    obj_define_data_fast(ctx, p, K("valueOf"), fn('v', S("pv")), PROP_DEFAULT);
    Value r = ToPrimitive(ctx, val_from_object(p), HINT_DEFAULT);
    CHECK(val_is_string(r) && str_equal_ascii(val_as_string(r), "pv"));
}

static void test_integer_conversions(void) {
    int32_t i32;
    uint32_t u32;
    CHECK(ToInt32(ctx, N(4294967296.0 + 5), &i32) == 0 && i32 == 5);
    CHECK(ToInt32(ctx, N(2147483648.0), &i32) == 0 && i32 == INT32_MIN);
    CHECK(ToInt32(ctx, N(-2147483649.0), &i32) == 0 && i32 == INT32_MAX);
    CHECK(ToInt32(ctx, N(NAN), &i32) == 0 && i32 == 0);
    CHECK(ToInt32(ctx, N(-INFINITY), &i32) == 0 && i32 == 0);
    CHECK(ToInt32(ctx, N(-1.9), &i32) == 0 && i32 == -1);
    CHECK(ToInt32(ctx, N(1e300), &i32) == 0 && i32 == 0);
    CHECK(ToInt32(ctx, S("0x7fffffff"), &i32) == 0 && i32 == INT32_MAX);
    CHECK(ToUint32(ctx, I(-1), &u32) == 0 && u32 == 4294967295u);
    CHECK(ToUint32(ctx, N(-4294967297.0), &u32) == 0 && u32 == 4294967295u);
    CHECK(double_to_uint32(9007199254740993.0) == 0); /* 2^53 rounds to even */
    int16_t i16;
    uint16_t u16;
    int8_t i8;
    uint8_t u8;
    CHECK(ToInt16(ctx, I(32768), &i16) == 0 && i16 == -32768);
    CHECK(ToUint16(ctx, I(-1), &u16) == 0 && u16 == 65535);
    CHECK(ToInt8(ctx, I(200), &i8) == 0 && i8 == -56);
    CHECK(ToUint8(ctx, I(257), &u8) == 0 && u8 == 1);
    CHECK(ToUint8Clamp(ctx, N(2.5), &u8) == 0 && u8 == 2);
    CHECK(ToUint8Clamp(ctx, N(3.5), &u8) == 0 && u8 == 4);
    CHECK(ToUint8Clamp(ctx, N(1.4999), &u8) == 0 && u8 == 1);
    CHECK(ToUint8Clamp(ctx, N(254.5), &u8) == 0 && u8 == 254);
    CHECK(ToUint8Clamp(ctx, I(-1), &u8) == 0 && u8 == 0);
    CHECK(ToUint8Clamp(ctx, I(300), &u8) == 0 && u8 == 255);
    CHECK(ToUint8Clamp(ctx, N(NAN), &u8) == 0 && u8 == 0);
    double d;
    CHECK(ToIntegerOrInfinity(ctx, N(-0.5), &d) == 0 && d == 0 && !signbit(d));
    CHECK(ToIntegerOrInfinity(ctx, N(-INFINITY), &d) == 0 && d == -INFINITY);
    CHECK(ToIntegerOrInfinity(ctx, S("  -3.9 "), &d) == 0 && d == -3);
    uint64_t u64;
    CHECK(ToLength(ctx, I(-5), &u64) == 0 && u64 == 0);
    CHECK(ToLength(ctx, N(1e300), &u64) == 0 && u64 == 9007199254740991ull);
    CHECK(ToLength(ctx, N(3.7), &u64) == 0 && u64 == 3);
    CHECK(ToIndex(ctx, VAL_UNDEFINED, &u64) == 0 && u64 == 0);
    CHECK(ToIndex(ctx, N(-1), &u64) < 0 && has_exc());
    CHECK(ToIndex(ctx, N(9007199254740992.0), &u64) < 0 && has_exc());
    CHECK(ToIndex(ctx, N(-0.9), &u64) == 0 && u64 == 0);
}

static void test_equality(void) {
    Value sym = val_from_symbol(symbol_new(rt, VAL_UNDEFINED));
    Value o1 = val_from_object(obj_new_plain(ctx));
    /* SameValue family */
    CHECK(SameValue(N(NAN), N(NAN)) && !SameValue(N(0.0), N(-0.0)));
    CHECK(SameValueZero(N(0.0), N(-0.0)) && SameValueZero(N(NAN), N(NAN)));
    CHECK(SameValue(I(1), N(1.0)) && IsStrictlyEqual(I(1), N(1.0)));
    CHECK(!IsStrictlyEqual(N(NAN), N(NAN)) && IsStrictlyEqual(N(0.0), N(-0.0)));
    CHECK(IsStrictlyEqual(
        S("ab"), val_from_string(str_concat(rt, str_from_cstr(rt, "a"), str_from_cstr(rt, "b")))));
    CHECK(!IsStrictlyEqual(S("1"), I(1)) && IsStrictlyEqual(sym, sym) && !SameValue(o1, VAL_NULL));
    /* IsLooselyEqual table */
    struct {
        Value x, y;
        Value want;
    } table[] = {
        {VAL_NULL, VAL_UNDEFINED, VAL_TRUE},
        {VAL_NULL, I(0), VAL_FALSE},
        {VAL_UNDEFINED, VAL_FALSE, VAL_FALSE},
        {S("1"), I(1), VAL_TRUE},
        {I(1), S("1.0"), VAL_TRUE},
        {S(""), I(0), VAL_TRUE},
        {S("0x10"), I(16), VAL_TRUE},
        {VAL_TRUE, I(1), VAL_TRUE},
        {S("0"), VAL_FALSE, VAL_TRUE},
        {S("a"), VAL_TRUE, VAL_FALSE},
        {N(NAN), N(NAN), VAL_FALSE},
        {sym, sym, VAL_TRUE},
        {sym, S("x"), VAL_FALSE},
        {o1, o1, VAL_TRUE},
        {o1, VAL_NULL, VAL_FALSE},
        {S("a"), S("a"), VAL_TRUE},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        Value r = IsLooselyEqual(ctx, table[i].x, table[i].y);
        if (r != table[i].want) fprintf(stderr, "  loose-equality row %zu\n", i);
        CHECK(r == table[i].want);
        CHECK(IsLooselyEqual(ctx, table[i].y, table[i].x) == table[i].want);
    }
    /* Objects compare through ToPrimitive (hint default -> valueOf first). */
    Value ov = obj_with(fn('v', I(42)), fn('t', S("nope")));
    call_log[0] = 0;
    CHECK(IsLooselyEqual(ctx, ov, I(42)) == VAL_TRUE);
    CHECK(IsLooselyEqual(ctx, S("42"), ov) == VAL_TRUE);
    CHECK(IsLooselyEqual(ctx, ov, VAL_TRUE) == VAL_FALSE);
    CHECK_STR(call_log, "vvv");
    /* [[IsHTMLDDA]] */
    Object *dda = obj_new_plain(ctx);
    dda->hdr.flags |= OBJ_HTMLDDA;
    CHECK(IsLooselyEqual(ctx, val_from_object(dda), VAL_UNDEFINED) == VAL_TRUE);
    CHECK(IsLooselyEqual(ctx, VAL_NULL, val_from_object(dda)) == VAL_TRUE);
    CHECK(!ToBoolean(val_from_object(dda)));
    CHECK(str_equal_ascii(TypeOf(rt, val_from_object(dda)), "undefined"));
}

static void test_less_than(void) {
    CHECK(IsLessThan(ctx, S("a"), S("b"), true) == VAL_TRUE);
    CHECK(IsLessThan(ctx, S("10"), S("9"), true) == VAL_TRUE);
    CHECK(IsLessThan(ctx, I(10), S("9"), true) == VAL_FALSE);
    CHECK(IsLessThan(ctx, S("ab"), S("a"), true) == VAL_FALSE);
    CHECK(IsLessThan(ctx, S("a"), S("ab"), true) == VAL_TRUE);
    CHECK(IsLessThan(ctx, N(NAN), I(1), true) == VAL_UNDEFINED);
    CHECK(IsLessThan(ctx, I(1), S("x"), true) == VAL_UNDEFINED);
    CHECK(IsLessThan(ctx, N(-0.0), N(0.0), true) == VAL_FALSE);
    CHECK(IsLessThan(ctx, N(-INFINITY), I(0), true) == VAL_TRUE);
    CHECK(IsLessThan(ctx, VAL_NULL, I(1), true) == VAL_TRUE);
    uint16_t hi[] = {0xD800}, lo[] = {0xFF21};
    CHECK(IsLessThan(ctx, val_from_string(str_new_utf16(rt, hi, 1)),
                     val_from_string(str_new_utf16(rt, lo, 1)), true) == VAL_TRUE);
    /* Evaluation order follows LeftFirst. */
    Value a = obj_with(fn('a', I(1)), VAL_UNDEFINED), b = obj_with(fn('b', I(2)), VAL_UNDEFINED);
    call_log[0] = 0;
    CHECK(IsLessThan(ctx, a, b, true) == VAL_TRUE);
    CHECK(IsLessThan(ctx, a, b, false) == VAL_TRUE);
    CHECK_STR(call_log, "abba");
}

static void test_typeof_and_keys(void) {
    CHECK(str_equal_ascii(TypeOf(rt, VAL_NULL), "object"));
    CHECK(str_equal_ascii(TypeOf(rt, VAL_UNDEFINED), "undefined"));
    CHECK(str_equal_ascii(TypeOf(rt, I(1)), "number"));
    CHECK(str_equal_ascii(TypeOf(rt, S("")), "string"));
    CHECK(str_equal_ascii(TypeOf(rt, VAL_FALSE), "boolean"));
    CHECK(str_equal_ascii(TypeOf(rt, val_from_symbol(symbol_new(rt, VAL_UNDEFINED))), "symbol"));
    CHECK(str_equal_ascii(TypeOf(rt, fn('f', VAL_UNDEFINED)), "function"));
    CHECK(str_equal_ascii(TypeOf(rt, val_from_object(obj_new_plain(ctx))), "object"));
    /* ToPropertyKey */
    CHECK(ToPropertyKey(ctx, I(5)) == key_from_index(5));
    CHECK(ToPropertyKey(ctx, N(7.0)) == key_from_index(7));
    CHECK(ToPropertyKey(ctx, N(-0.0)) == key_from_index(0));
    CHECK(ToPropertyKey(ctx, N(4294967295.0)) == K("4294967295"));
    CHECK(ToPropertyKey(ctx, N(1.5)) == K("1.5"));
    CHECK(ToPropertyKey(ctx, I(-1)) == K("-1"));
    CHECK(ToPropertyKey(ctx, S("01")) == K("01"));
    CHECK(ToPropertyKey(ctx, VAL_TRUE) == K("true"));
    Value ok = obj_with(VAL_UNDEFINED, fn('t', S("12")));
    CHECK(ToPropertyKey(ctx, ok) == key_from_index(12));
    /* CanonicalNumericIndexString */
    Value c = CanonicalNumericIndexString(ctx, str_from_cstr(rt, "-0"));
    CHECK(val_is_number(c) && is_neg_zero(val_num(c)));
    CHECK(CanonicalNumericIndexString(ctx, str_from_cstr(rt, "1.5")) == N(1.5) ||
          val_num(CanonicalNumericIndexString(ctx, str_from_cstr(rt, "1.5"))) == 1.5);
    CHECK(val_is_undefined(CanonicalNumericIndexString(ctx, str_from_cstr(rt, "1.0"))));
    CHECK(val_is_undefined(CanonicalNumericIndexString(ctx, str_from_cstr(rt, "+1"))));
    c = CanonicalNumericIndexString(ctx, str_from_cstr(rt, "Infinity"));
    CHECK(val_is_number(c) && val_num(c) == INFINITY);
    /* ToBoolean */
    CHECK(!ToBoolean(S("")) && ToBoolean(S("0")) && !ToBoolean(N(NAN)) && !ToBoolean(N(-0.0)));
    CHECK(ToBoolean(val_from_object(obj_new_plain(ctx))) && !ToBoolean(VAL_NULL));
    /* RequireObjectCoercible / ToObject */
    CHECK(RequireObjectCoercible(ctx, VAL_UNDEFINED) == VAL_EXCEPTION && has_exc());
    CHECK(RequireObjectCoercible(ctx, I(0)) == I(0));
    Value so = ToObject(ctx, S("hi"));
    CHECK(val_is_object(so) && obj_class(val_as_object(so)) == CLASS_STRING);
}

static void test_instanceof(void) {
    Value ctor = fn('c', VAL_UNDEFINED);
    Object *proto = obj_new_plain(ctx);
    obj_define_data_fast(ctx, val_as_object(ctor), K("prototype"), val_from_object(proto), 0);
    Object *inst = obj_new(ctx, obj_new(ctx, proto));
    CHECK(InstanceofOperator(ctx, val_from_object(inst), ctor) == VAL_TRUE);
    CHECK(InstanceofOperator(ctx, val_from_object(proto), ctor) == VAL_FALSE);
    CHECK(InstanceofOperator(ctx, I(1), ctor) == VAL_FALSE);
    CHECK(InstanceofOperator(ctx, I(1), I(1)) == VAL_EXCEPTION && has_exc());
    CHECK(InstanceofOperator(ctx, I(1), val_from_object(proto)) == VAL_EXCEPTION && has_exc());
    /* @@hasInstance wins, result through ToBoolean. */
    obj_define_data_fast(ctx, proto, KEY_SYM(rt, hasInstance), fn('h', S("yes")), PROP_DEFAULT);
    call_log[0] = 0;
    CHECK(InstanceofOperator(ctx, I(1), val_from_object(proto)) == VAL_TRUE);
    CHECK_STR(call_log, "h");
}

int main(void) {
    rt = mica_runtime_new(NULL);
    ctx = mica_context_new(rt);
    if (!rt || !ctx) {
        fprintf(stderr, "cannot create runtime\n");
        return 1;
    }
    HandleMark m = gc_scope_open(rt);
    RUN(test_string_to_number);
    RUN(test_to_string);
    RUN(test_to_primitive);
    RUN(test_integer_conversions);
    RUN(test_equality);
    RUN(test_less_than);
    RUN(test_typeof_and_keys);
    RUN(test_instanceof);
    gc_scope_close(rt, m);
    mica_context_free(ctx);
    mica_runtime_free(rt);
    return TEST_EXIT();
}
