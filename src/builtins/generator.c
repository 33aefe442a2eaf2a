/*
 * generator.c — generator objects and their intrinsics:
 * %GeneratorFunction% (#sec-generatorfunction-objects),
 * %GeneratorFunction.prototype%, %GeneratorPrototype% with next / return /
 * throw (#sec-generator-objects).
 *
 * A generator object is a Coroutine (vm/interp.h) of class_generator: the
 * interpreter creates it when a generator function's prologue ends
 * (GENERATOR_START) and suspends/resumes its frame; this file holds the
 * state machine of GeneratorResume / GeneratorResumeAbrupt around it.
 */
#include "builtins/builtins.h"
#include "builtins/iterator_ops.h"
#include "vm/interp.h"
#include "vm/string.h"
#include "vm/vm.h"

const ClassDef class_generator = {
    .id = CLASS_GENERATOR,
    .name = "Generator",
    .trace = coroutine_trace,
    .finalize = coroutine_finalize,
};

/* GeneratorValidate — #sec-generatorvalidate */
static Coroutine *generator_validate(Context *ctx, Value g, const char *method) {
    if (!val_is_object(g) || obj_from_value(g)->cls != &class_generator) {
        throw_type_error(ctx, "Generator.prototype.%s called on incompatible receiver", method);
        return NULL;
    }
    Coroutine *co = (Coroutine *)obj_from_value(g);
    if (co->state == CO_EXECUTING) {
        throw_type_error(ctx, "Generator is already running");
        return NULL;
    }
    return co;
}

/* The completion of a resumption as the iterator result next/return/throw
 * give back: a yield already made its result object. */
static Value resume_result(Context *ctx, Coroutine *co, Value r) {
    TRY(r);
    if (co->state == CO_SUSPENDED_YIELD) return r;
    return CreateIterResultObject(ctx, r, true);
}

/* %GeneratorPrototype%.next ( value ) — #sec-generator.prototype.next
 * (GeneratorResume — #sec-generatorresume) */
static Value generator_next(Context *ctx, Value this_value, int argc, const Value *argv,
                            Value new_target, int magic) {
    Coroutine *co = generator_validate(ctx, this_value, "next");
    if (!co) return VAL_EXCEPTION;
    if (co->state == CO_COMPLETED) return CreateIterResultObject(ctx, VAL_UNDEFINED, true);
    return resume_result(ctx, co, interp_resume(ctx, co, ARG(0), RESUME_NEXT));
}

/* %GeneratorPrototype%.return ( value ) / .throw ( exception ) —
 * #sec-generator.prototype.return, #sec-generator.prototype.throw
 * (GeneratorResumeAbrupt — #sec-generatorresumeabrupt); magic: ResumeMode. */
static Value generator_abrupt(Context *ctx, Value this_value, int argc, const Value *argv,
                              Value new_target, int magic) {
    ResumeMode mode = (ResumeMode)magic;
    Coroutine *co = generator_validate(ctx, this_value, mode == RESUME_THROW ? "throw" : "return");
    if (!co) return VAL_EXCEPTION;
    Value v = ARG(0);
    if (co->state == CO_SUSPENDED_START) coroutine_close(co);
    if (co->state == CO_COMPLETED) {
        if (mode == RESUME_THROW) return throw_value(ctx, v);
        return CreateIterResultObject(ctx, v, true);
    }
    return resume_result(ctx, co, interp_resume(ctx, co, v, mode));
}

/* GeneratorFunction ( ...parameterArgs, bodyArg ) — #sec-generatorfunction */
static Value generator_function_constructor(Context *ctx, Value this_value, int argc,
                                            const Value *argv, Value new_target, int magic) {
    if (val_is_undefined(new_target)) new_target = ctx_intrinsic(ctx, INTR_GeneratorFunction);
    return vm_create_dynamic_function(ctx, new_target, DYNFN_GENERATOR, argc, argv);
}

static const BuiltinProp generator_proto_props[] = {
    BP_FUNC("next", generator_next, 1),
    BP_FUNC_MAGIC("return", generator_abrupt, 1, RESUME_RETURN),
    BP_FUNC_MAGIC("throw", generator_abrupt, 1, RESUME_THROW),
    BP_STR("[Symbol.toStringTag]", "Generator", PROP_CONFIGURABLE),
};

static const BuiltinProp generator_function_proto_props[] = {
    BP_STR("[Symbol.toStringTag]", "GeneratorFunction", PROP_CONFIGURABLE),
};

int init_generator(Context *ctx) {
    Runtime *rt = ctx->rt;
    HandleMark mark = gc_scope_open(rt);
    int r = -1;
    Object *iterator_proto = ensure_iterator_prototype(ctx);
    if (!iterator_proto) goto done;

    /* %GeneratorFunction.prototype% — #sec-properties-of-the-generatorfunction-prototype-object */
    Object *gf_proto = obj_new(ctx, ctx_intrinsic_obj(ctx, INTR_FunctionPrototype));
    if (!gf_proto) goto done;
    ctx->intrinsics[INTR_GeneratorFunctionPrototype] = val_from_object(gf_proto);

    /* %GeneratorPrototype% — #sec-properties-of-generator-prototype */
    Object *g_proto = obj_new(ctx, iterator_proto);
    if (!g_proto) goto done;
    ctx->intrinsics[INTR_GeneratorPrototype] = val_from_object(g_proto);
    if (builtins_install(ctx, g_proto, generator_proto_props, BP_COUNT(generator_proto_props)) < 0)
        goto done;

    /* %GeneratorFunction% — #sec-generatorfunction-constructor: not a global;
     * its [[Prototype]] is %Function%. */
    PropKey name = key_from_cstr(rt, "GeneratorFunction");
    if (name == KEY_NONE) goto done;
    Object *ctor =
        CreateBuiltinFunction(ctx, generator_function_constructor, 1, name, 0, true, NULL);
    if (!ctor) goto done;
    ctor->proto = ctx_intrinsic_obj(ctx, INTR_Function);
    ctx->intrinsics[INTR_GeneratorFunction] = val_from_object(ctor);
    if (obj_define_data_fast(ctx, ctor, KEY(rt, prototype), val_from_object(gf_proto), 0) < 0 ||
        obj_define_data_fast(ctx, gf_proto, KEY(rt, constructor), val_from_object(ctor),
                             PROP_CONFIGURABLE) < 0 ||
        obj_define_data_fast(ctx, gf_proto, KEY(rt, prototype), val_from_object(g_proto),
                             PROP_CONFIGURABLE) < 0 ||
        obj_define_data_fast(ctx, g_proto, KEY(rt, constructor), val_from_object(gf_proto),
                             PROP_CONFIGURABLE) < 0)
        goto done;
    if (builtins_install(ctx, gf_proto, generator_function_proto_props,
                         BP_COUNT(generator_function_proto_props)) < 0)
        goto done;
    r = 0;
done:
    gc_scope_close(rt, mark);
    return r;
}
