/*
 * interp_ops.h — the interpreter's slow paths (vm/interp_ops.c): operators
 * on non-int32 operands, property access with inline caches, global and
 * dynamic name resolution, declaration instantiation, for-in.
 * All return VAL_EXCEPTION when they threw.
 */
#ifndef MICA_INTERP_OPS_H
#define MICA_INTERP_OPS_H

#include "vm/interp.h"

Value op_add_slow(Context *ctx, Value a, Value b);
/* SUB MUL DIV MOD EXP SHL SAR SHR BAND BOR BXOR */
Value op_arith_slow(Context *ctx, Opcode op, Value a, Value b);
/* LT LE GT GE: VAL_TRUE / VAL_FALSE */
Value op_compare_slow(Context *ctx, Opcode op, Value a, Value b);
/* NEG PLUS BNOT INC DEC TO_NUMERIC */
Value op_unary_slow(Context *ctx, Opcode op, Value a);
Value op_in(Context *ctx, Value key, Value obj);

Value op_get_prop(Context *ctx, Value base, String *name, InlineCache *ic);
Value op_set_prop(Context *ctx, Value base, String *name, Value v, InlineCache *ic, bool strict);
Value op_get_elem(Context *ctx, Value base, Value key);
Value op_nullish_base_error(Context *ctx, Value base, Value key, bool set);
Value op_set_elem(Context *ctx, Value base, Value key, Value v, bool strict);
Value op_delete(Context *ctx, Value base, Value key, bool strict);

/* Global environment (the frame's realm). */
Value op_get_global(Context *ctx, String *name, InlineCache *ic, bool for_typeof);
Value op_put_global(Context *ctx, String *name, Value v, InlineCache *ic, bool strict);
Value op_init_global_lex(Context *ctx, String *name, Value v);
/* By-name resolution through env then the global environment. */
Value op_get_name(Context *ctx, Env *env, String *name, Value *this_out, bool for_typeof,
                  bool strict);
Value op_put_name(Context *ctx, Env *env, String *name, Value v, bool strict);
/* Reference base of a name: an Env cell, a with object, or undefined (global). */
Value op_resolve_name(Context *ctx, Env *env, String *name);
Value op_get_ref(Context *ctx, Value base, String *name);
Value op_put_ref(Context *ctx, Value base, String *name, Value v, bool strict);
Value op_delete_name(Context *ctx, Env *env, String *name);
Value op_get_this_dyn(Context *ctx, Env *env, String *name);

Value op_declare_globals(Context *ctx, ValueArray *decls, Value *annexb);
Value op_declare_eval(Context *ctx, Env *env, ValueArray *decls, Value *annexb);
Value op_put_var_env(Context *ctx, Env *env, String *name, Value v);

Value op_for_in_start(Context *ctx, Value obj);
/* Next key as a String value, or VAL_EMPTY when done. */
Value op_for_in_next(Context *ctx, Object *iter);

Value op_copy_data_properties(Context *ctx, Object *target, Value source, ValueArray *excluded);
Value op_typeof(Context *ctx, Value v);
String *op_value_display(Context *ctx, Value v); /* for messages; never throws */

#endif
