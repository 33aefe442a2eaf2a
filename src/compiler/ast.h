/* ast.h — the abstract syntax tree the parser builds and the emitter reads.
 *
 * Ownership and lifetime
 *  - Every node, list, string and table below lives in one AstArena (a chunked
 *    bump allocator). Nothing points into the runtime heap; nothing is freed
 *    one by one. ast_arena_free() releases the whole tree at once, after the
 *    emitter is done with it.
 *  - The tree is immutable once parse_program() returns (the scope analysis
 *    may keep its own side tables keyed by node pointer, or use the `aux`
 *    slot reserved for it in AstNode / AstFunction / AstScope).
 *
 * Strings
 *  - Identifier names, string literal values (cooked), template cooked/raw
 *    strings, regex pattern/flags are AstStr: UTF-16 code units (lone
 *    surrogates possible through escapes), NOT NUL-terminated, arena-owned.
 *    Identifier names have escapes already decoded (`\u0061` is "a").
 *
 * Positions
 *  - Every node has line and column (1-based) of its first token and the byte
 *    offsets [start, end) of its source text in the UTF-8 input. Columns count
 *    UTF-16 code units from the start of the line (as JS engines report them).
 *
 * Stability contract: kinds, fields and flags are only ever ADDED to this
 * header, never renamed or removed.
 */
#ifndef MICA_COMPILER_AST_H
#define MICA_COMPILER_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- arena --------------------------------------------------------------- */

typedef struct AstArenaChunk AstArenaChunk;

typedef struct AstArena {
    AstArenaChunk *chunks; /* newest first */
    size_t total_bytes;    /* bytes handed out, for limits/diagnostics */
    size_t max_bytes;      /* 0: unlimited; else ast_arena_alloc fails past it */
} AstArena;

void ast_arena_init(AstArena *arena);
/* Zeroed, 8-byte aligned memory; NULL when out of memory or past max_bytes.
 * The parser turns NULL into a RangeError "Out of memory while parsing". */
void *ast_arena_alloc(AstArena *arena, size_t size);
void ast_arena_free(AstArena *arena); /* frees everything; arena reusable after init */

/* ---- strings and lists --------------------------------------------------- */

typedef struct AstStr {
    const uint16_t *s; /* UTF-16 code units; may be NULL when len == 0 */
    uint32_t len;
} AstStr;

bool ast_str_eq(AstStr a, AstStr b);
bool ast_str_eq_ascii(AstStr a, const char *ascii); /* compare with a 7-bit C string */
AstStr ast_str_from_ascii(AstArena *arena, const char *ascii);

typedef struct AstNode AstNode;
typedef struct AstFunction AstFunction;
typedef struct AstClass AstClass;
typedef struct AstScope AstScope;

/* A list of node pointers. Items are never NULL (holes in array literals and
 * patterns are AST_ELISION nodes). */
typedef struct AstList {
    AstNode **items;
    uint32_t count;
    uint32_t capacity; /* parser-internal */
} AstList;

/* ---- declarations (the scope facts the emitter needs) --------------------- */

typedef enum AstDeclKind {
    AST_DECL_VAR = 1,     /* var / top-level function name in var scope lists */
    AST_DECL_LET,         /* let */
    AST_DECL_CONST,       /* const */
    AST_DECL_CLASS,       /* class declaration (mutable lexical binding) */
    AST_DECL_FUNCTION,    /* function declaration in a lexical scope (block,
                             switch, module top level) */
    AST_DECL_PARAM,       /* formal parameter */
    AST_DECL_CATCH_PARAM, /* catch (e) binding (simple or from a pattern) */
    AST_DECL_IMPORT,      /* module import binding (immutable, indirect) */
    AST_DECL_CLASS_INNER, /* the class's own name inside its body (immutable) */
    AST_DECL_FUNC_NAME,   /* a named function expression's own name (immutable
                             in strict, silently immutable in sloppy) */
    AST_DECL_USING,       /* reserved: explicit resource management (not parsed) */
    AST_DECL_AWAIT_USING, /* reserved */
} AstDeclKind;

typedef struct AstDecl {
    AstStr name;
    uint8_t kind;  /* AstDeclKind */
    AstNode *node; /* the declaring node: AST_IDENT binding for var/let/const/
                      params/catch, AST_FUNCTION_DECL, AST_CLASS_DECL, the
                      AST_IMPORT_SPECIFIER; never NULL */
} AstDecl;

typedef struct AstDeclList {
    AstDecl *items;
    uint32_t count;
    uint32_t capacity; /* parser-internal */
} AstDeclList;

/* A lexical scope introduced by a block-like construct: AST_BLOCK, AST_SWITCH,
 * AST_FOR / AST_FOR_IN / AST_FOR_OF with a let/const head, the catch clause
 * of AST_TRY, a class body (AST_DECL_CLASS_INNER name), a named function
 * expression's name scope. `decls` lists every binding the scope creates, in
 * source order (names are unique within one scope except for sloppy-mode
 * duplicate block functions, Annex B.3.2.4... which keep the last).
 * `functions` lists the AST_FUNCTION_DECL nodes to instantiate when the scope
 * is entered (in source order; when a name repeats the last one wins). */
struct AstScope {
    AstDeclList decls;
    AstList functions;
    void *aux; /* free for the scope analysis */
};

/* ---- node kinds ---------------------------------------------------------- */

typedef enum AstKind {
    AST_INVALID = 0,

    /* roots */
    AST_SCRIPT, /* u.program; also eval code and dynamic-function wrappers */
    AST_MODULE, /* u.program */

    /* statements */
    AST_VAR_DECL,       /* u.var_decl: var/let/const with AST_VAR_DECLARATORs */
    AST_VAR_DECLARATOR, /* u.declarator: target (AST_IDENT or pattern), init? */
    AST_FUNCTION_DECL,  /* u.func */
    AST_CLASS_DECL,     /* u.klass */
    AST_EXPR_STMT,      /* u.expr_stmt (directive prologue strings too) */
    AST_BLOCK,          /* u.block */
    AST_EMPTY,          /* ; */
    AST_IF,             /* u.if_stmt */
    AST_FOR,            /* u.for_stmt */
    AST_FOR_IN,         /* u.for_in: for (x in o) */
    AST_FOR_OF,         /* u.for_in: for (x of it), for await (x of it) */
    AST_WHILE,          /* u.while_stmt */
    AST_DO_WHILE,       /* u.while_stmt */
    AST_CONTINUE,       /* u.jump */
    AST_BREAK,          /* u.jump */
    AST_RETURN,         /* u.ret */
    AST_WITH,           /* u.with_stmt */
    AST_SWITCH,         /* u.switch_stmt */
    AST_SWITCH_CASE,    /* u.switch_case (test NULL for default) */
    AST_LABELED,        /* u.labeled */
    AST_THROW,          /* u.ret (argument) */
    AST_TRY,            /* u.try_stmt */
    AST_DEBUGGER,       /* debugger; */

    /* modules */
    AST_IMPORT_DECL,      /* u.import_decl */
    AST_IMPORT_SPECIFIER, /* u.specifier */
    AST_EXPORT_NAMED,     /* u.export_named: export {..} [from], export decl */
    AST_EXPORT_DEFAULT,   /* u.export_default */
    AST_EXPORT_ALL,       /* u.export_all: export * [as name] from "m" */
    AST_EXPORT_SPECIFIER, /* u.specifier */
    AST_IMPORT_ATTRIBUTE, /* u.import_attr: with { key: "value" } entry */

    /* primary expressions */
    AST_IDENT,           /* u.ident: reference or binding identifier */
    AST_PRIVATE_NAME,    /* u.ident: #name (name stored WITHOUT the '#') */
    AST_NUMBER,          /* u.number */
    AST_STRING,          /* u.string */
    AST_BIGINT,          /* u.bigint */
    AST_REGEXP,          /* u.regexp */
    AST_TEMPLATE,        /* u.tmpl: `a${b}c` */
    AST_TAGGED_TEMPLATE, /* u.tagged: tag`...` (node identity = template site) */
    AST_NULL,
    AST_BOOL, /* u.boolean */
    AST_THIS,
    AST_SUPER,         /* only as u.member.object or u.call.callee */
    AST_ARRAY,         /* u.list: elements (AST_ELISION, AST_SPREAD, exprs) */
    AST_OBJECT,        /* u.list: AST_PROPERTY and AST_SPREAD */
    AST_PROPERTY,      /* u.property: object literal / object pattern entry */
    AST_ELISION,       /* hole in an array literal / array pattern */
    AST_FUNCTION_EXPR, /* u.func (also object/class methods, getters, setters) */
    AST_ARROW,         /* u.func */
    AST_CLASS_EXPR,    /* u.klass */
    AST_CLASS_MEMBER,  /* u.member_def: element of a class body */

    /* operators */
    AST_UNARY,          /* u.unary: - + ! ~ typeof void delete */
    AST_UPDATE,         /* u.update: ++ -- (prefix or postfix) */
    AST_BINARY,         /* u.binary: arithmetic, comparison, in, instanceof;
                           `#x in o` has left = AST_PRIVATE_NAME */
    AST_LOGICAL,        /* u.binary: && || ?? */
    AST_ASSIGN,         /* u.assign: = and compound; target may be a pattern */
    AST_CONDITIONAL,    /* u.cond */
    AST_CALL,           /* u.call (callee AST_SUPER: super(...)) */
    AST_NEW,            /* u.call */
    AST_MEMBER,         /* u.member: a.b, a[b], a.#b, super.x, super[x] */
    AST_OPTIONAL_CHAIN, /* u.chain: the boundary of a?.b.c short-circuit */
    AST_SEQUENCE,       /* u.list */
    AST_SPREAD,         /* u.spread: ...x in calls, arrays, objects */
    AST_YIELD,          /* u.yield */
    AST_AWAIT,          /* u.unary (argument) */
    AST_NEW_TARGET,     /* new.target */
    AST_IMPORT_META,    /* import.meta */
    AST_IMPORT_CALL,    /* u.import_call: import(x [, options]) */

    /* patterns (binding and assignment destructuring) */
    AST_ARRAY_PATTERN,  /* u.list: targets, AST_ELISION, last may be AST_REST */
    AST_OBJECT_PATTERN, /* u.list: AST_PROPERTY (value = target), last may be AST_REST */
    AST_ASSIGN_PATTERN, /* u.assign_pattern: target = default */
    AST_REST,           /* u.spread: ...target in patterns and parameter lists */

    AST_KIND_COUNT
} AstKind;

/* Operators for AST_UNARY / AST_UPDATE / AST_BINARY / AST_LOGICAL / AST_ASSIGN. */
typedef enum AstOp {
    AST_OP_NONE = 0,
    /* binary */
    AST_OP_ADD,
    AST_OP_SUB,
    AST_OP_MUL,
    AST_OP_DIV,
    AST_OP_MOD,
    AST_OP_EXP,
    AST_OP_SHL,
    AST_OP_SAR /* >> */,
    AST_OP_SHR /* >>> */,
    AST_OP_LT,
    AST_OP_GT,
    AST_OP_LE,
    AST_OP_GE,
    AST_OP_EQ,
    AST_OP_NE,
    AST_OP_STRICT_EQ,
    AST_OP_STRICT_NE,
    AST_OP_BIT_AND,
    AST_OP_BIT_OR,
    AST_OP_BIT_XOR,
    AST_OP_IN,
    AST_OP_INSTANCEOF,
    /* logical */
    AST_OP_AND,
    AST_OP_OR,
    AST_OP_NULLISH,
    /* unary */
    AST_OP_NEG,
    AST_OP_PLUS,
    AST_OP_NOT,
    AST_OP_BIT_NOT,
    AST_OP_TYPEOF,
    AST_OP_VOID,
    AST_OP_DELETE,
    /* update */
    AST_OP_INC,
    AST_OP_DEC,
    /* assignment: AST_OP_ASSIGN is plain `=`; compound assignments carry the
       binary/logical operator they apply (e.g. `+=` is AST_OP_ADD, `??=` is
       AST_OP_NULLISH: evaluate short-circuit per #sec-assignment-operators) */
    AST_OP_ASSIGN,
    AST_OP_COUNT
} AstOp;

const char *ast_kind_name(AstKind kind);
const char *ast_op_name(AstOp op); /* source spelling: "+", "typeof", "??" ... */

/* ---- functions ----------------------------------------------------------- */

enum AstFuncFlags {
    AST_FUNC_STRICT = 1u << 0, /* body is strict code (own directive,
                                  enclosing strict code, class, module) */
    AST_FUNC_ARROW = 1u << 1,
    AST_FUNC_GENERATOR = 1u << 2,
    AST_FUNC_ASYNC = 1u << 3,
    AST_FUNC_METHOD = 1u << 4,               /* object/class method (has [[HomeObject]]) */
    AST_FUNC_GETTER = 1u << 5,               /* also sets AST_FUNC_METHOD */
    AST_FUNC_SETTER = 1u << 6,               /* also sets AST_FUNC_METHOD */
    AST_FUNC_CLASS_CONSTRUCTOR = 1u << 7,    /* the explicit `constructor` of a class */
    AST_FUNC_DERIVED = 1u << 8,              /* constructor of a class with `extends` */
    AST_FUNC_EXPR_BODY = 1u << 9,            /* arrow with expression body: body holds
                                                one synthesized AST_RETURN */
    AST_FUNC_SIMPLE_PARAMS = 1u << 10,       /* IsSimpleParameterList */
    AST_FUNC_USE_STRICT = 1u << 11,          /* body has its own "use strict" directive */
    AST_FUNC_HAS_DIRECT_EVAL = 1u << 12,     /* contains a possibly-direct eval(...)
                                               call in its own code (not counting
                                               nested non-arrow functions; nested
                                               arrows DO count, since their eval
                                               sees this function's scope via the
                                               arrow's) */
    AST_FUNC_INNER_HAS_EVAL = 1u << 13,      /* some nested function (any depth) has a
                                                direct eval: outer bindings may be
                                                looked up dynamically */
    AST_FUNC_HAS_WITH = 1u << 14,            /* contains `with` in own code */
    AST_FUNC_USES_ARGUMENTS = 1u << 15,      /* references `arguments` in own code or
                                                in nested arrows, or has a direct eval.
                                                An arrow that references `arguments`
                                                has the bit too (it means "captures
                                                the enclosing function's arguments") */
    AST_FUNC_USES_THIS = 1u << 16,           /* `this` in own code or nested arrows
                                                (incl. direct eval, super, new.target
                                                needing the this binding) */
    AST_FUNC_USES_SUPER_PROPERTY = 1u << 17, /* super.x / super[x] (own or arrows) */
    AST_FUNC_USES_SUPER_CALL = 1u << 18,     /* super(...) (own or arrows) */
    AST_FUNC_USES_NEW_TARGET = 1u << 19,     /* new.target (own or arrows) */
    AST_FUNC_FIELD_INIT = 1u << 20,          /* synthesized: a class field initializer
                                                (body = one AST_RETURN of the value);
                                                behaves as a method with this =
                                                the instance / the class */
    AST_FUNC_STATIC_BLOCK = 1u << 21,        /* synthesized: class static { } block */
    AST_FUNC_DECLARATION = 1u << 22,         /* came from a FunctionDeclaration */
    AST_FUNC_EXPRESSION_NAME = 1u << 23,     /* named function expression: `name`
                                               is bound inside (see name_scope) */
    AST_FUNC_DUPLICATE_PARAMS = 1u << 24,    /* sloppy simple list with duplicate
                                              names: the last one wins */
    AST_FUNC_PARAM_EXPRESSIONS = 1u << 25,   /* parameters contain expressions
                                             (defaults / computed keys): per
                                             #sec-functiondeclarationinstantiation
                                             a separate var environment is needed */
    AST_FUNC_CLASS_FIELDS_INIT = 1u << 26,   /* reserved */
    AST_FUNC_AWAIT_TOP_LEVEL = 1u << 27,     /* module body containing top-level await */
};

struct AstFunction {
    AstNode *id;                       /* AST_IDENT binding name or NULL */
    AstStr name;                       /* id's name, or the name given by syntax for methods:
                                          property key name if static (no "get "/"set "
                                          prefix), empty if anonymous or computed key */
    AstList params;                    /* AST_IDENT | AST_ARRAY_PATTERN | AST_OBJECT_PATTERN |
                                          AST_ASSIGN_PATTERN (default) | AST_REST (last) */
    AstList body;                      /* statements (directives included as AST_EXPR_STMT) */
    uint32_t flags;                    /* AstFuncFlags */
    uint32_t length;                   /* ExpectedArgumentCount: params before the first
                                          default or rest */
    uint32_t source_start, source_end; /* byte range for Function.prototype.
                            toString (whole declaration/expression/method
                            definition, incl. `async`, `get`, `static`? no:
                            per spec the MethodDefinition, without `static`) */
    uint32_t line, column;             /* of the first token of the function */

    /* Scope facts, per #sec-functiondeclarationinstantiation. */
    AstDeclList params_decls; /* BoundNames of params, in order (duplicates kept
                                 for sloppy simple lists) */
    AstDeclList var_decls;    /* VarDeclaredNames from `var` statements and
                                 for(var ...) anywhere in the body outside
                                 nested functions; deduplicated (first wins);
                                 does NOT include function declaration names */
    AstList var_functions;    /* top-level FunctionDeclarations (incl. generator/
                                 async) of the body, in source order; a later one
                                 with the same name wins */
    AstScope body_scope;      /* top-level lexical declarations (let/const/class)
                                 of the body; body_scope.functions is empty for
                                 functions and scripts (top-level functions are
                                 var-scoped); for modules it lists the top-level
                                 function declarations (lexical there) */
    AstList annexb_functions; /* sloppy mode only, #sec-web-compat-functiondeclarationinstantiation:
                                 AST_FUNCTION_DECL nodes (plain functions, not
                                 generator/async) nested in blocks/switch/if whose
                                 name could be var-hoisted without an early error
                                 (no enclosing lexical declaration of the same name
                                 between the block and the body, and no top-level
                                 lexical declaration of it, and not a parameter
                                 name). For scripts/eval the emitter still does
                                 the run-time checks of B.3.2.2 / B.3.2.3
                                 (CanDeclareGlobalVar, conflicts with outer
                                 lexical bindings), and for functions step 29's
                                 "F is not arguments" rule is the emitter's. */
    AstScope *name_scope;     /* AST_FUNC_EXPRESSION_NAME: scope holding the name */
    AstFunction *parent;      /* enclosing function (NULL at program level) */
    AstClass *home_class;     /* class whose body defines this method/field/ctor */
    void *aux;                /* free for the scope analysis */
};

/* ---- classes ------------------------------------------------------------- */

typedef enum AstMemberKind {
    AST_MEMBER_METHOD = 1,
    AST_MEMBER_GETTER,
    AST_MEMBER_SETTER,
    AST_MEMBER_FIELD,        /* value is NULL or AST_FUNCTION_EXPR with AST_FUNC_FIELD_INIT */
    AST_MEMBER_STATIC_BLOCK, /* value is AST_FUNCTION_EXPR with AST_FUNC_STATIC_BLOCK */
    AST_MEMBER_CONSTRUCTOR,  /* appears only in AstClass.constructor, not in members */
    AST_MEMBER_ACCESSOR,     /* reserved: decorators' `accessor` (not parsed) */
} AstMemberKind;

struct AstClass {
    AstNode *id;                       /* AST_IDENT or NULL (anonymous class expression) */
    AstNode *superclass;               /* `extends` expression or NULL */
    AstNode *constructor;              /* AST_FUNCTION_EXPR (AST_FUNC_CLASS_CONSTRUCTOR) or
                                          NULL: the emitter synthesizes the default one */
    AstList members;                   /* AST_CLASS_MEMBER in source order, without the
                                          constructor */
    AstScope scope;                    /* class scope: AST_DECL_CLASS_INNER for the name */
    AstDeclList private_names;         /* #names declared in the body (name without '#'),
                                          kind unused (0); a getter/setter pair appears once */
    uint32_t source_start, source_end; /* whole class text (toString of the class) */
    uint32_t line, column;
    void *aux;
};

/* ---- template pieces ----------------------------------------------------- */

typedef struct AstTemplatePart {
    AstStr cooked;     /* valid only if cooked_valid */
    bool cooked_valid; /* false: invalid escape in a tagged template (cooked is undefined) */
    AstStr raw;        /* raw text (CR/CRLF normalized to LF per #sec-static-semantics-trv) */
} AstTemplatePart;

/* ---- the node ------------------------------------------------------------ */

enum AstNodeFlags {
    AST_NODE_PARENTHESIZED = 1u << 0,  /* was written in parentheses */
    AST_NODE_DIRECT_EVAL = 1u << 1,    /* AST_CALL: callee is the identifier `eval`
                                          (possibly parenthesized), no optional
                                          chain: a direct eval if the callee
                                          evaluates to %eval% at run time */
    AST_NODE_DIRECTIVE = 1u << 2,      /* AST_EXPR_STMT: part of a directive prologue */
    AST_NODE_IN_STRICT = 1u << 3,      /* reserved */
    AST_NODE_TRAILING_COMMA = 1u << 4, /* AST_ARRAY / AST_OBJECT: a comma follows
                                          the last element (parser-internal:
                                          `[...a,] = x` is an error) */
    AST_NODE_COVER_INIT = 1u << 5,     /* AST_PROPERTY: CoverInitializedName {a = 1} */
};

typedef enum AstVarKind {
    AST_VAR = 1,
    AST_LET,
    AST_CONST,
    AST_USING,       /* reserved: not parsed */
    AST_AWAIT_USING, /* reserved: not parsed */
} AstVarKind;

typedef enum AstPropKind {
    AST_PROP_INIT = 1, /* key: value; also shorthand and methods */
    AST_PROP_GET,
    AST_PROP_SET,
    AST_PROP_PROTO, /* __proto__: value (non-computed, non-shorthand) in an
                       object literal: sets [[Prototype]]
                       (#sec-__proto__-property-names-in-object-initializers) */
} AstPropKind;

struct AstNode {
    uint16_t kind;  /* AstKind */
    uint16_t flags; /* AstNodeFlags */
    uint32_t line, column;
    uint32_t start, end; /* byte offsets into the source */
    void *aux;           /* free for the scope analysis / emitter */
    union {
        /* AST_SCRIPT, AST_MODULE (GlobalDeclarationInstantiation /
         * EvalDeclarationInstantiation / module environment). */
        struct {
            AstList body;      /* the same list as func->body */
            AstFunction *func; /* pseudo-function holding the scope facts:
                                  var_decls, var_functions (top-level functions),
                                  body_scope (top-level let/const/class; for
                                  modules also imports and lexical functions),
                                  annexb_functions, flags (AST_FUNC_STRICT,
                                  HAS_DIRECT_EVAL, INNER_HAS_EVAL, USES_THIS,
                                  AWAIT_TOP_LEVEL...), source range */
            bool is_eval;
        } program;

        struct {                 /* AST_VAR_DECL */
            uint8_t kind;        /* AstVarKind */
            AstList declarators; /* AST_VAR_DECLARATOR */
        } var_decl;
        struct {             /* AST_VAR_DECLARATOR */
            AstNode *target; /* AST_IDENT, AST_ARRAY_PATTERN, AST_OBJECT_PATTERN */
            AstNode *init;   /* or NULL */
        } declarator;

        AstFunction *func; /* AST_FUNCTION_DECL, AST_FUNCTION_EXPR, AST_ARROW */
        AstClass *klass;   /* AST_CLASS_DECL, AST_CLASS_EXPR */

        struct { /* AST_EXPR_STMT */
            AstNode *expr;
        } expr_stmt;
        struct { /* AST_BLOCK */
            AstList body;
            AstScope scope;
        } block;
        struct {                                    /* AST_IF */
            AstNode *test, *consequent, *alternate; /* alternate may be NULL */
        } if_stmt;
        struct {             /* AST_FOR */
            AstNode *init;   /* AST_VAR_DECL, expression, or NULL */
            AstNode *test;   /* or NULL */
            AstNode *update; /* or NULL */
            AstNode *body;
            AstScope scope; /* let/const declarations of init (per-iteration
                               copies for let, #sec-createperiterationenvironment) */
        } for_stmt;
        struct {           /* AST_FOR_IN, AST_FOR_OF */
            AstNode *left; /* AST_VAR_DECL with one declarator (init only for
                              Annex B `for (var x = 1 in o)`), or an assignment
                              target (AST_IDENT, AST_MEMBER, patterns) */
            AstNode *right;
            AstNode *body;
            bool is_await;  /* for await (x of y) */
            AstScope scope; /* let/const bindings of the head (TDZ while the
                               right side evaluates) */
        } for_in;
        struct { /* AST_WHILE, AST_DO_WHILE */
            AstNode *test, *body;
        } while_stmt;
        struct {            /* AST_BREAK, AST_CONTINUE */
            AstNode *label; /* AST_IDENT or NULL */
        } jump;
        struct {               /* AST_RETURN, AST_THROW */
            AstNode *argument; /* NULL for bare return */
        } ret;
        struct { /* AST_WITH */
            AstNode *object, *body;
        } with_stmt;
        struct { /* AST_SWITCH */
            AstNode *discriminant;
            AstList cases;  /* AST_SWITCH_CASE */
            AstScope scope; /* the case block's lexical declarations */
        } switch_stmt;
        struct {           /* AST_SWITCH_CASE */
            AstNode *test; /* NULL: default */
            AstList body;
        } switch_case;
        struct {            /* AST_LABELED */
            AstNode *label; /* AST_IDENT */
            AstNode *body;
        } labeled;
        struct {                  /* AST_TRY */
            AstNode *block;       /* AST_BLOCK */
            AstNode *param;       /* catch binding (AST_IDENT / pattern) or NULL */
            AstNode *handler;     /* catch AST_BLOCK or NULL */
            AstNode *finalizer;   /* finally AST_BLOCK or NULL */
            AstScope catch_scope; /* AST_DECL_CATCH_PARAM bindings of param */
        } try_stmt;

        struct {                /* AST_IMPORT_DECL */
            AstStr source;      /* module specifier */
            AstList specifiers; /* AST_IMPORT_SPECIFIER */
            AstList attributes; /* AST_IMPORT_ATTRIBUTE */
        } import_decl;
        struct { /* AST_IMPORT_SPECIFIER, AST_EXPORT_SPECIFIER */
            /* import: `imported` is the export name in the other module (for
             *   `import d from` it is "default"; for `import * as ns` it is
             *   empty and is_namespace is set); `local` is the binding.
             * export: `local` is the local name (or, with `from`, the name in
             *   the other module; is_namespace for `export * as x from`),
             *   `exported` the exported name. Names may be any string
             *   (ModuleExportName string literals). */
            AstStr imported;
            AstStr local;
            AstStr exported;
            AstNode *local_node; /* import: AST_IDENT binding; export without
                                    `from`: AST_IDENT reference; else NULL */
            bool is_namespace;
        } specifier;
        struct {                  /* AST_EXPORT_NAMED */
            AstNode *declaration; /* VAR_DECL / FUNCTION_DECL / CLASS_DECL or NULL */
            AstList specifiers;   /* AST_EXPORT_SPECIFIER */
            bool has_source;
            AstStr source; /* if has_source */
            AstList attributes;
        } export_named;
        struct {            /* AST_EXPORT_DEFAULT */
            AstNode *value; /* AST_FUNCTION_DECL / AST_CLASS_DECL (possibly with
                               no id: binding "*default*"), or an expression
                               (AssignmentExpression) */
        } export_default;
        struct { /* AST_EXPORT_ALL */
            AstStr source;
            bool has_exported;
            AstStr exported; /* export * as exported from ... */
            AstList attributes;
        } export_all;
        struct { /* AST_IMPORT_ATTRIBUTE */
            AstStr key, value;
        } import_attr;

        struct { /* AST_IDENT, AST_PRIVATE_NAME */
            AstStr name;
            bool has_escape; /* written with \u escapes (matters for keywords) */
        } ident;
        struct { /* AST_NUMBER */
            double value;
            bool legacy_octal; /* 017 or 08-style literal (sloppy only) */
        } number;
        struct {                   /* AST_STRING */
            AstStr value;          /* cooked value */
            bool has_octal_escape; /* legacy octal / \8 \9 escape */
        } string;
        struct {                /* AST_BIGINT */
            const char *digits; /* ASCII digits without prefix/separators/'n',
                                   NUL-terminated, in `radix` */
            uint32_t len;
            uint8_t radix; /* 2, 8, 10, 16 */
        } bigint;
        struct {                   /* AST_REGEXP */
            AstStr pattern, flags; /* pattern: source between the slashes */
        } regexp;
        struct {                    /* AST_TEMPLATE */
            AstTemplatePart *parts; /* count = expressions.count + 1 */
            uint32_t part_count;
            AstList expressions;
        } tmpl;
        struct { /* AST_TAGGED_TEMPLATE */
            AstNode *tag;
            AstNode *quasi; /* AST_TEMPLATE */
        } tagged;
        struct { /* AST_BOOL */
            bool value;
        } boolean;
        AstList list;       /* AST_ARRAY, AST_OBJECT, AST_SEQUENCE, AST_ARRAY_PATTERN,
                               AST_OBJECT_PATTERN */
        struct {            /* AST_PROPERTY */
            uint8_t kind;   /* AstPropKind */
            bool computed;  /* [key] */
            bool shorthand; /* {a} or {a = 1} (pattern/cover) */
            bool method;    /* value is a method AST_FUNCTION_EXPR */
            AstNode *key;   /* AST_IDENT (name), AST_STRING, AST_NUMBER, AST_BIGINT,
                               or any expression if computed */
            AstNode *value; /* expression; in patterns the target (possibly
                               AST_ASSIGN_PATTERN) */
        } property;
        struct {          /* AST_CLASS_MEMBER */
            uint8_t kind; /* AstMemberKind */
            bool is_static;
            bool computed;
            AstNode *key;   /* AST_IDENT, AST_STRING, AST_NUMBER, AST_BIGINT,
                               AST_PRIVATE_NAME, or expression if computed;
                               NULL for static blocks */
            AstNode *value; /* method: AST_FUNCTION_EXPR; field: initializer
                               AST_FUNCTION_EXPR (AST_FUNC_FIELD_INIT) or NULL;
                               static block: AST_FUNCTION_EXPR (STATIC_BLOCK) */
        } member_def;

        struct {        /* AST_UNARY, AST_AWAIT */
            uint8_t op; /* AstOp (AST_OP_NONE for await) */
            AstNode *argument;
        } unary;
        struct {        /* AST_UPDATE */
            uint8_t op; /* AST_OP_INC / AST_OP_DEC */
            bool prefix;
            AstNode *argument; /* AST_IDENT or AST_MEMBER */
        } update;
        struct { /* AST_BINARY, AST_LOGICAL */
            uint8_t op;
            AstNode *left, *right;
        } binary;
        struct {             /* AST_ASSIGN */
            uint8_t op;      /* AST_OP_ASSIGN or the compound operator */
            AstNode *target; /* AST_IDENT, AST_MEMBER, or (op = only)
                                AST_ARRAY_PATTERN / AST_OBJECT_PATTERN.
                                In sloppy code also AST_CALL (B.3.9, not for
                                &&= ||= ??=): the emitter evaluates the call
                                and then throws a ReferenceError. The same
                                holds for AST_UPDATE arguments, for-in/of
                                heads and destructuring targets. */
            AstNode *value;
        } assign;
        struct { /* AST_CONDITIONAL */
            AstNode *test, *consequent, *alternate;
        } cond;
        struct { /* AST_CALL, AST_NEW */
            AstNode *callee;
            AstList arguments; /* may contain AST_SPREAD */
            bool optional;     /* a?.(args) — this link is the `?.` one */
        } call;
        struct {               /* AST_MEMBER */
            AstNode *object;   /* expression or AST_SUPER */
            AstNode *property; /* computed: expression; else AST_IDENT (name) or
                                  AST_PRIVATE_NAME */
            bool computed;
            bool optional; /* a?.b / a?.[b] — this link is the `?.` one */
        } member;
        struct { /* AST_OPTIONAL_CHAIN: evaluating expression; if any optional
                    link inside (up to this node) sees null/undefined, the
                    whole chain is undefined */
            AstNode *expression;
        } chain;
        struct { /* AST_SPREAD, AST_REST */
            AstNode *argument;
        } spread;
        struct {               /* AST_YIELD */
            AstNode *argument; /* or NULL */
            bool delegate;     /* yield* */
        } yield;
        struct { /* AST_IMPORT_CALL */
            AstNode *source;
            AstNode *options; /* second argument or NULL */
        } import_call;
        struct { /* AST_ASSIGN_PATTERN */
            AstNode *target;
            AstNode *value; /* default */
        } assign_pattern;
    } u;
};

/* Allocate a zeroed node of `kind` (NULL when out of memory). */
AstNode *ast_node_new(AstArena *arena, AstKind kind);
/* Append to a list, growing it in the arena. Returns false when out of memory. */
bool ast_list_push(AstArena *arena, AstList *list, AstNode *node);
bool ast_decl_push(AstArena *arena, AstDeclList *list, AstStr name, AstDeclKind kind,
                   AstNode *node);
/* Index of the first decl named `name`, or -1. */
int ast_decl_find(const AstDeclList *list, AstStr name);

/* Print the tree in S-expression form, one node per line indented by depth,
 * e.g. (binary "+" (ident "a") (number 1)). Stable: tests compare it. */
void ast_dump(FILE *out, const AstNode *node);
/* Same, into a malloc'd NUL-terminated string the caller frees (NULL on OOM). */
char *ast_dump_string(const AstNode *node);

#endif
