/*
 * bytecode.h — compiled functions (CELL_BYTECODE) and scripts (CELL_SCRIPT).
 *
 * A FunctionBytecode is the immutable template of a function: code words,
 * constant pool, exception table, pc -> source position table, and the
 * inline-cache side array (the only mutable part: the interpreter fills
 * it). Closures (class_function objects) pair a FunctionBytecode with an
 * environment.
 *
 * Code layout: every instruction is one 32-bit word with the opcode
 * followed by one 32-bit word per operand (see bytecode.def). Jump targets
 * are relative to the start of the jumping instruction.
 *
 * Invariants:
 *  - consts[] hold numbers, strings (atoms for the 'a' operands), nested
 *    FunctionBytecode cells (CELL values), ValueArray cells (declaration
 *    lists, scope descriptors, argument maps).
 *  - Frame register 0 holds `this`; registers 1..param_count hold the
 *    parameters (missing arguments are undefined).
 *  - source is a Latin-1 String whose units are the bytes of the UTF-8
 *    script source; [source_start, source_end) is this function's text.
 */
#ifndef MICA_BYTECODE_H
#define MICA_BYTECODE_H

#include <stdio.h>
#include "vm/object.h"

typedef enum Opcode {
#define OP(name, fmt, desc) OP_##name,
#include "compiler/bytecode.def"
#undef OP
    OP_COUNT
} Opcode;

/* Length in words of each instruction. */
enum {
#define OP(name, fmt, desc) OPLEN_##name = (int)sizeof(fmt),
#include "compiler/bytecode.def"
#undef OP
};

extern const char *const opcode_names[OP_COUNT];
extern const char *const opcode_formats[OP_COUNT];
extern const uint8_t opcode_lengths[OP_COUNT];

/* FunctionBytecode.flags */
enum {
    FB_STRICT = 1 << 0,
    FB_ARROW = 1 << 1,           /* lexical this (no own this binding) */
    FB_USES_THIS = 1 << 2,       /* sloppy: coerce this on entry */
    FB_KEEP_EXTRA_ARGS = 1 << 3, /* arguments/rest need arguments beyond the params */
    FB_CONSTRUCTOR = 1 << 4,     /* has [[Construct]] */
    FB_CLASS_CONSTRUCTOR = 1 << 5,
    FB_DERIVED = 1 << 6,
    FB_PROGRAM = 1 << 7, /* script top level */
    FB_EVAL = 1 << 8,    /* eval code */
    FB_METHOD = 1 << 9,
    FB_GENERATOR = 1 << 10,
    FB_ASYNC = 1 << 11,
    FB_GETTER = 1 << 12,
    FB_SETTER = 1 << 13,
    FB_NAMES_RESULT = 1 << 14, /* field initializer whose value is an anonymous function
                                  definition: DefineField names it after the field */
    FB_FIELD_INIT = 1 << 15,   /* a class field initializer: a direct eval in it (or in
                                  its arrows) may not contain `arguments` */
};

/* One property-access site's cache (vm/prop_cache.h explains the kinds and
 * when each hits). Shapes are held strongly (bytecode_trace marks them);
 * `proto` and `holder` are weak: the collector's weak phase empties an entry
 * whose object died, so an entry never dangles and never keeps a prototype
 * alive. Only the interpreter fills entries. */
typedef struct InlineCache {
    struct Shape *shape;  /* receiver's shape; NULL: empty */
    uint32_t slot;        /* own: receiver slot; holder: holder slot; add: new slot */
    uint64_t epoch;       /* holder/add entries: Runtime.proto_epoch when recorded */
    Object *proto;        /* holder/add entries: the receiver's [[Prototype]] */
    const ClassDef *cls;  /* holder/add entries: the receiver's class */
    Object *holder;       /* get sites: the prototype holding the property (NULL: own) */
    struct Shape *added;  /* set sites: the shape after adding the property (NULL: own) */
} InlineCache;

typedef struct ExceptionEntry {
    uint32_t start, end; /* covered code words [start, end) */
    uint32_t handler;    /* pc of the handler */
    uint32_t env_depth;  /* environments pushed in this frame at the try */
} ExceptionEntry;

typedef struct LineEntry {
    uint32_t pc, line, column;
} LineEntry;

/* For "x.y is not a function" messages: the callee text of a call site. */
typedef struct CallSiteName {
    uint32_t pc;
    uint32_t name_const; /* constant index of a String */
} CallSiteName;

typedef struct FunctionBytecode {
    Cell hdr;
    uint32_t *code;
    uint32_t code_len;
    uint32_t const_count;
    Value *consts;
    InlineCache *ics;
    uint32_t ic_count;
    uint32_t handler_count;
    ExceptionEntry *handlers;
    LineEntry *lines;
    uint32_t line_count;
    uint32_t call_name_count;
    CallSiteName *call_names;
    uint32_t reg_count;   /* frame size in registers (this + params included) */
    uint32_t param_count; /* parameter registers (1..param_count) */
    uint32_t length;      /* ExpectedArgumentCount ("length" property) */
    uint32_t flags;       /* FB_* */
    Value name;           /* String (possibly empty) */
    Value source;         /* Latin-1 String of the UTF-8 source bytes, or undefined */
    Value filename;       /* String or undefined */
    uint32_t source_start, source_end;
    uint32_t line, column;
    GCWeakLink ic_weak; /* empties inline caches whose objects died (bytecode.c) */
    struct Shape *closure_shape; /* shared shape of a new closure's "length" and "name"
                                    (slots 0 and 1), once one was made; interp.c */
    struct Shape *prototype_shape; /* a closure shape with a data "prototype" at */
    uint32_t prototype_slot;       /* prototype_slot and no @@hasInstance; interp.c */
} FunctionBytecode;

/* A compiled script: what mica_compile hands out. */
typedef struct Script {
    Cell hdr;
    FunctionBytecode *main;
} Script;

static inline bool val_is_bytecode(Value v) {
    return val_is_cell(v) && val_as_cell(v)->type == CELL_BYTECODE;
}
static inline FunctionBytecode *val_as_bytecode(Value v) {
    return (FunctionBytecode *)val_ptr(v);
}

/* Source position of the instruction at pc (0, 0 if unknown). */
void bytecode_position(const FunctionBytecode *fb, uint32_t pc, uint32_t *line, uint32_t *column);
/* The callee text recorded for the call at pc, or NULL. */
String *bytecode_call_name(const FunctionBytecode *fb, uint32_t pc);

/* Disassembles fb and (recursively) its nested functions. */
void bytecode_dump(Runtime *rt, FunctionBytecode *fb, FILE *out);

#endif
