/* parser_internal.h — state shared by parser.c (statements, declarations,
 * modules, scopes) and parser_expr.c (expressions, patterns, functions,
 * classes). Not part of the compiler's interface: include parser.h instead.
 *
 * Errors: the first error longjmps to the entry point (parse_program /
 * parse_dynamic_function), which reports it. Everything is in the arena, so
 * nothing leaks; no longjmp ever leaves the parser.
 */
#ifndef MICA_COMPILER_PARSER_INTERNAL_H
#define MICA_COMPILER_PARSER_INTERNAL_H

#include <setjmp.h>
#include <stdint.h>

#include "compiler/ast.h"
#include "compiler/lexer.h"
#include "compiler/parser.h"

/* Helpers that hold tokens or lexer copies are kept out of the recursive
 * functions' frames so that deep nesting costs little stack. */
#if defined(__GNUC__) || defined(__clang__)
#define PARSER_NOINLINE __attribute__((noinline))
#else
#define PARSER_NOINLINE
#endif

/* Bytes of C stack the parser may use below its entry frame. */
#define PARSE_STACK_BUDGET (700 * 1024)

/* ---- name tables (open addressing, arena) -------------------------------- */

typedef struct NameEntry {
    AstStr name;
    uint32_t hash;
    uint8_t kind; /* meaning depends on the table */
    bool used;
    bool simple; /* catch parameter: plain identifier */
    AstNode *node;
} NameEntry;

typedef struct NameTable {
    NameEntry *entries;
    uint32_t count, capacity;
} NameTable;

/* Lexical entry kinds beyond AstDeclKind. */
#define LEX_FUNCTION_NOT_PLAIN 100 /* generator / async function in a block */

/* ---- scopes used for early errors ---------------------------------------- */

typedef enum PScopeKind {
    PS_FUNCTION = 1, /* function body top level, script/eval/module top level */
    PS_BLOCK,        /* block, switch case block, for head, class body */
    PS_CATCH,        /* catch parameter scope */
} PScopeKind;

typedef struct PScope PScope;
struct PScope {
    PScope *parent;
    uint8_t kind;
    bool is_catch_body; /* block directly under a PS_CATCH */
    bool module_top;    /* function declarations are lexical */
    AstScope *ast;      /* where declarations are recorded for the emitter */
    NameTable lex;      /* LexicallyDeclaredNames */
    NameTable vars;     /* VarDeclaredNames declared here or below */
};

typedef struct Label Label;
struct Label {
    Label *next;
    AstStr name;
    uint32_t label_start, body_start;
    bool is_loop;
};

typedef struct AnnexBCandidate AnnexBCandidate;
struct AnnexBCandidate {
    AnnexBCandidate *next;
    AstNode *decl;
    PScope *scope; /* the block scope the declaration lives in */
};

/* Counters of things an arrow function inherits from its enclosing code. */
typedef struct UseCounts {
    uint32_t this_, arguments, eval, super_prop, super_call, new_target, yield, await, await_ident;
} UseCounts;

typedef struct FuncState FuncState;
struct FuncState {
    FuncState *parent;
    AstFunction *func;
    bool strict;
    bool is_program, is_module;
    bool is_arrow, is_async, is_generator;
    bool yield_is_keyword; /* yield expressions allowed (generator body) */
    bool await_is_keyword; /* await expressions allowed (async body, module) */
    bool yield_reserved;   /* `yield` may not be an identifier here */
    bool await_reserved;   /* `await` may not be an identifier here */
    bool in_params;        /* parsing formal parameters */
    bool allow_return;
    bool allow_new_target, allow_super_prop, allow_super_call;
    bool no_arguments; /* field initializer / static block */
    bool in_class_static_block;
    bool simple_params;
    UseCounts uses;
    Label *labels;
    int loop_depth, breakable_depth;
    PScope *top_scope;   /* function-level PScope */
    NameTable params;    /* bound names of the parameters */
    NameTable var_names; /* dedup for func->var_decls */
    AnnexBCandidate *annexb;
    /* Nested functions created while parsing this one (for arrow params
     * re-parenting). */
    AstFunction **children;
    uint32_t child_count, child_capacity;
};

typedef struct ClassState ClassState;
struct ClassState {
    ClassState *outer;
    AstClass *klass;
    NameTable declared; /* private names: kind bits below */
    AstList refs;       /* AST_PRIVATE_NAME references to resolve at the end */
};
#define PRIV_FIELD 1
#define PRIV_METHOD 2
#define PRIV_GETTER 4
#define PRIV_SETTER 8
#define PRIV_STATIC 16

/* A pending error that only applies if an expression is not reinterpreted
 * as a pattern (CoverInitializedName `{a = 1}`, duplicate __proto__). */
typedef struct CoverError {
    uint32_t line, column; /* 0: none */
    const char *message;
} CoverError;

/* The parenthesized expression most recently completed: if `=>` follows,
 * it becomes the parameter list of an arrow function. */
typedef struct ParenCover {
    AstNode *node;  /* the expression (or empty-parens marker) */
    UseCounts uses; /* fs->uses before the `(` */
    uint32_t child_count;
    uint32_t start, line, column;
} ParenCover;

typedef struct Parser {
    Lexer lex;
    Token tok;
    uint32_t prev_end; /* end offset of the previous token */
    AstArena *arena;
    ParseError *err;
    jmp_buf jmp;
    const ParseOptions *opts;
    ParseOptions default_opts;
    int depth;
    const char *stack_base;
    bool module;
    bool no_in; /* `in` is not an operator (for-statement heads) */
    FuncState *fs;
    PScope *scope;
    ClassState *cls;
    CoverError cover;
    ParenCover paren;
    AstNode *empty_parens_marker;
} Parser;

typedef struct SrcPos {
    uint32_t start, line, column;
} SrcPos;

/* ---- parser.c ------------------------------------------------------------ */

_Noreturn void p_fail_at(Parser *p, uint32_t line, uint32_t column, const char *fmt, ...);
_Noreturn void p_fail(Parser *p, const char *fmt, ...); /* at the current token */
_Noreturn void p_unexpected(Parser *p);
_Noreturn void p_oom(Parser *p);
void p_enter(Parser *p);
static inline void p_leave(Parser *p) {
    p->depth--;
}

void p_next(Parser *p);
int p_peek(Parser *p, Token *out); /* type of the token after the current one */
bool next_is(Parser *p, int type);
bool p_async_function_ahead(Parser *p); /* `async function` without a line break */
bool p_eat(Parser *p, int type);
void p_expect(Parser *p, int type);
bool p_is_kw(const Parser *p, int kw); /* current token is keyword kw, unescaped */
void p_semicolon(Parser *p);

SrcPos p_pos(const Parser *p);
AstNode *p_node(Parser *p, AstKind kind, SrcPos pos);
AstNode *p_finish(Parser *p, AstNode *node); /* sets end = prev_end */
void *p_alloc(Parser *p, size_t size);
void p_push(Parser *p, AstList *list, AstNode *node);
AstStr p_str(const Parser *p, const char *ascii); /* arena string from ASCII */

/* Name tables. */
NameEntry *nt_find(const NameTable *t, AstStr name);
NameEntry *nt_add(Parser *p, NameTable *t, AstStr name, uint8_t kind);

/* Identifier checks. */
bool p_tok_is_identifier(const Parser *p, const Token *t); /* usable as IdentifierReference */
void p_check_binding_name(Parser *p, AstStr name, bool escaped, int kw, uint32_t line,
                          uint32_t column, bool strict);
AstNode *p_binding_identifier(Parser *p);
AstNode *p_identifier_reference(Parser *p);

/* Scopes and declarations. */
PScope *p_push_scope(Parser *p, PScopeKind kind, AstScope *ast);
void p_pop_scope(Parser *p);
void p_declare_var(Parser *p, AstNode *ident);
void p_declare_lexical(Parser *p, AstNode *ident, AstDeclKind kind, AstNode *decl_node);
void p_declare_pattern(Parser *p, AstNode *pattern, int var_kind /* AstVarKind or 0 param */,
                       NameTable *seen);
void p_declare_function(Parser *p, AstNode *decl); /* a FunctionDeclaration */

/* Statements. */
AstNode *p_statement_list_item(Parser *p);
void p_function_body(Parser *p, AstFunction *f, int end_token);
AstNode *p_var_declarations(Parser *p, AstVarKind kind, bool in_for, SrcPos pos);

/* Functions. */
FuncState *p_push_function(Parser *p, FuncState *fs, AstFunction *f);
void p_pop_function(Parser *p);
void p_finish_function(Parser *p, FuncState *fs);
void p_validate_params(Parser *p, FuncState *fs);

/* ---- parser_expr.c ------------------------------------------------------- */

AstNode *p_expression(Parser *p);
AstNode *p_assignment(Parser *p, bool cover);
AstNode *p_lhs_expression(Parser *p);
AstNode *p_binding_target(Parser *p);  /* identifier or pattern */
AstNode *p_binding_element(Parser *p); /* target [= default] */
void p_formal_parameters(Parser *p, AstFunction *f, int end_token);
/* `function` keyword already consumed (and `async` before it); pos is the
 * start of the whole construct. */
AstNode *p_function(Parser *p, SrcPos pos, bool is_async, bool is_decl, bool default_export);
AstNode *p_class(Parser *p, bool is_decl, bool default_export);
AstNode *p_to_assignment_target(Parser *p, AstNode *node, bool in_pattern);
void p_use_this(Parser *p);

#endif
