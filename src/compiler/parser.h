/* parser.h — ECMAScript source text to AST (see ast.h).
 *
 * The parser never touches the runtime heap: every result lives in the
 * caller's AstArena. On failure it returns NULL and fills a ParseError; any
 * nodes already allocated stay in the arena until ast_arena_free.
 * No input crashes it: nesting past PARSE_MAX_DEPTH (or past the C stack
 * budget) is a RangeError, exhausting the arena is a RangeError.
 */
#ifndef MICA_COMPILER_PARSER_H
#define MICA_COMPILER_PARSER_H

#include "compiler/ast.h"

typedef enum ParseErrorKind {
    PARSE_ERROR_NONE = 0,
    PARSE_ERROR_SYNTAX = 1, /* SyntaxError */
    PARSE_ERROR_RANGE = 2,  /* RangeError: nesting too deep, out of memory */
} ParseErrorKind;

typedef struct ParseError {
    int kind;          /* ParseErrorKind */
    char message[256]; /* e.g. "Unexpected token ')'" */
    int line, column;  /* 1-based position of the offending token */
} ParseError;

/* Recursion budget: nested expressions, statements and functions combined. */
#define PARSE_MAX_DEPTH 1000

/* What the source text is. */
typedef enum ParseGoal {
    PARSE_GOAL_SCRIPT = 0,
    PARSE_GOAL_MODULE,
    PARSE_GOAL_EVAL, /* direct or indirect eval code (see ParseOptions.eval_*) */
} ParseGoal;

typedef enum ParseFunctionKind {
    PARSE_FUNC_NORMAL = 0,
    PARSE_FUNC_GENERATOR,
    PARSE_FUNC_ASYNC,
    PARSE_FUNC_ASYNC_GENERATOR,
} ParseFunctionKind;

typedef struct ParseOptions {
    int goal;       /* ParseGoal */
    bool strict;    /* code starts strict (strict caller of a direct eval,
                       or an embedder's choice); modules are always strict */
    bool is_module; /* same as goal == PARSE_GOAL_MODULE (either works) */
    bool is_eval;   /* same as goal == PARSE_GOAL_EVAL */

    /* Context of a direct eval (#sec-performeval); all false for indirect
     * eval and for scripts. */
    bool eval_in_function;          /* `return` still forbidden; enables
                                       new.target when ... */
    bool eval_allow_new_target;     /* inside a non-arrow function (or arrow in one) */
    bool eval_allow_super_property; /* inside a method (HomeObject present) */
    bool eval_allow_super_call;     /* inside a derived class constructor */
    bool eval_in_class_field_init;  /* inside a field initializer: `arguments`
                                       is a SyntaxError (#sec-performeval-rules-in-initializer) */
    /* Private names visible to the eval (declared by enclosing classes), so
     * that `this.#x` in eval code is not an early error. */
    const AstStr *eval_private_names;
    size_t eval_private_name_count;

    bool no_html_comments; /* reserved: Annex B comments are on for scripts */
    bool wtf8_source;      /* src is WTF-8 (str_to_wtf8 of eval / Function code):
                              a lone surrogate is a source code unit, not U+FFFD */
} ParseOptions;

/* Parse a whole Script, Module or eval code. Returns the AST_SCRIPT /
 * AST_MODULE root, or NULL with *err filled. `filename` is only used for
 * messages and may be NULL. `src` need not be NUL-terminated. */
AstNode *parse_program(AstArena *arena, const char *src, size_t len, const char *filename,
                       const ParseOptions *options, ParseError *err);

/* CreateDynamicFunction — #sec-createdynamicfunction.
 * Checks that `params` alone is a valid FormalParameters and `body` alone a
 * valid FunctionBody of the given kind, then parses the assembled
 * "<prefix> anonymous(<params>\n) {\n<body>\n}" and returns an AST_SCRIPT
 * whose body is one AST_EXPR_STMT holding the AST_FUNCTION_EXPR.
 * The assembled text (for toString; AstFunction.source_start/end index into
 * it) is stored in the arena and returned through *assembled / *assembled_len.
 * Code is never strict by inheritance (only by its own directive). */
AstNode *parse_dynamic_function(AstArena *arena, const char *params, size_t params_len,
                                const char *body, size_t body_len, ParseFunctionKind kind,
                                const char **assembled, size_t *assembled_len, ParseError *err);

#endif
