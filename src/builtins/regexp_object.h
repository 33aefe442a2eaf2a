/*
 * regexp_object.h — RegExp instances and the hooks regex literals use
 * (builtins/regexp.c, builtins/regexp_symbols.c).
 *
 * A RegExp instance holds [[OriginalSource]], [[OriginalFlags]] and its
 * [[RegExpMatcher]] as a RegexpCell: an internal GC cell owning a compiled
 * RegexpProgram (freed by the cell's finalizer). A regex literal compiles
 * once, when its script is compiled: the emitter stores the cell in the
 * constant pool and each evaluation makes a new RegExp object sharing it
 * (#sec-regular-expression-literals-runtime-semantics-evaluation).
 */
#ifndef MICA_REGEXP_OBJECT_H
#define MICA_REGEXP_OBJECT_H

#include "builtins/builtins.h"
#include "regexp/regexp.h"

typedef struct RegexpCell {
    InternalCell base;
    RegexpProgram *prog;
    Value source; /* String: the pattern text */
    Value flags;  /* String: the flags text */
} RegexpCell;

typedef struct RegExpObject {
    Object base;
    RegexpCell *cell; /* NULL until RegExpInitialize */
} RegExpObject;

extern const ClassDef class_regexp;

/* For the emitter: compiles a literal's pattern and flags (UTF-16) into a
 * RegexpCell value. On a syntax error throws a SyntaxError and returns
 * VAL_EXCEPTION (the parser validates first, so only OOM is expected). */
Value regexp_literal_cell(Context *ctx, const uint16_t *pattern, size_t len, const uint16_t *flags,
                          size_t flags_len);
/* True if v is a cell made by regexp_literal_cell. */
bool regexp_is_literal_cell(Value v);
/* Evaluation of a literal: a new RegExp object sharing the cell's program. */
Value regexp_from_literal_cell(Context *ctx, Value cell);

/* For the parser: the early errors of a literal. Returns true if the
 * pattern is valid; otherwise writes a message ("Invalid regular
 * expression: /p/f: reason") into err. */
bool regexp_literal_validate(const uint16_t *pattern, size_t len, const uint16_t *flags,
                             size_t flags_len, char *err, size_t err_size);

/* For the console: "/source/flags" as RegExp.prototype.toString gives it,
 * read from the internal slots without running user code; NULL when o is no
 * initialized RegExp or on out of memory (exception pending). */
String *regexp_display_string(Context *ctx, Object *o);

/* regexp.c, for regexp_symbols.c */
Value RegExpExec(Context *ctx, Object *r, String *s);
Value RegExpCreateFromValues(Context *ctx, Value pattern, Value flags);
uint64_t AdvanceStringIndex(String *s, uint64_t index, bool unicode);
/* Does the flat string s contain the unit c? */
bool regexp_string_has_unit(String *s, uint16_t c);
int init_regexp_symbols(Context *ctx, Object *proto);

/* Fast paths (regexp.c): see the comments there. */
bool regexp_is_pristine(Context *ctx, Object *o);
const RegexpProgram *regexp_program_of(Object *o);
int regexp_collect_matches(Context *ctx, Object *o, String *s, int32_t **caps, uint32_t *count);
Value regexp_groups_object(Context *ctx, const RegexpProgram *prog, String *s, const int32_t *caps);

#endif
