/*
 * conv.h — type conversion and comparison abstract operations
 * (#sec-type-conversion, #sec-testing-and-comparison-operations).
 * Names follow the spec. Value-returning ones return VAL_EXCEPTION when they
 * threw; int-returning ones return -1.
 */
#ifndef MICA_CONV_H
#define MICA_CONV_H

#include "vm/object.h"

typedef enum { HINT_DEFAULT, HINT_NUMBER, HINT_STRING } PreferredType;

Value ToPrimitive(Context *ctx, Value v, PreferredType hint);
Value OrdinaryToPrimitive(Context *ctx, Object *o, PreferredType hint);
bool ToBoolean(Value v);
Value ToNumber(Context *ctx, Value v);   /* a Number value */
Value ToNumeric(Context *ctx, Value v);  /* Number or BigInt */
int ToNumberDouble(Context *ctx, Value v, double *out);
int ToIntegerOrInfinity(Context *ctx, Value v, double *out);
int ToInt32(Context *ctx, Value v, int32_t *out);
int ToUint32(Context *ctx, Value v, uint32_t *out);
int ToInt16(Context *ctx, Value v, int16_t *out);
int ToUint16(Context *ctx, Value v, uint16_t *out);
int ToInt8(Context *ctx, Value v, int8_t *out);
int ToUint8(Context *ctx, Value v, uint8_t *out);
int ToUint8Clamp(Context *ctx, Value v, uint8_t *out);
int ToLength(Context *ctx, Value v, uint64_t *out);
int ToIndex(Context *ctx, Value v, uint64_t *out);
Value ToString(Context *ctx, Value v);   /* a String value */
String *ToStringS(Context *ctx, Value v); /* NULL when it threw */
Value ToObject(Context *ctx, Value v);   /* an Object value */
Value RequireObjectCoercible(Context *ctx, Value v);
PropKey ToPropertyKey(Context *ctx, Value v); /* KEY_NONE when it threw */
Value CanonicalNumericIndexString(Context *ctx, String *s); /* Number or undefined */
double StringToNumber(String *s);                          /* #sec-stringtonumber */
/* Pure numeric helpers for already-numeric values. */
int32_t double_to_int32(double d);
uint32_t double_to_uint32(double d);
double double_to_integer_or_infinity(double d);

Value IsLooselyEqual(Context *ctx, Value x, Value y);
bool IsStrictlyEqual(Value x, Value y);
bool SameValue(Value x, Value y);
bool SameValueZero(Value x, Value y);
bool SameValueNonNumber(Value x, Value y);
/* IsLessThan(x, y, LeftFirst): VAL_TRUE, VAL_FALSE, VAL_UNDEFINED, or exc. */
Value IsLessThan(Context *ctx, Value x, Value y, bool left_first);
/* typeof as an atom. */
String *TypeOf(Runtime *rt, Value v);
Value InstanceofOperator(Context *ctx, Value v, Value target);

#endif
