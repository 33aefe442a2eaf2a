/* test_parser.c — parse results (AST dumps), scope facts and early errors
 * with their messages and positions. */
#include <stdlib.h>
#include <string.h>

#include "compiler/parser.h"
#include "test.h"

static AstArena arena;
static ParseError err;

static AstNode *parse_opts(const char *src, const ParseOptions *o) {
    ast_arena_free(&arena);
    ast_arena_init(&arena);
    return parse_program(&arena, src, strlen(src), "test.js", o, &err);
}

static AstNode *parse(const char *src) {
    ParseOptions o = {0};
    return parse_opts(src, &o);
}

static AstNode *parse_strict(const char *src) {
    ParseOptions o = {0};
    o.strict = true;
    return parse_opts(src, &o);
}

static AstNode *parse_module(const char *src) {
    ParseOptions o = {0};
    o.goal = PARSE_GOAL_MODULE;
    return parse_opts(src, &o);
}

/* Dump without newlines/indentation: "(script (expr-stmt (ident \"a\")))". */
static const char *dump(const AstNode *n) {
    static char buf[4096];
    char *s = ast_dump_string(n);
    size_t k = 0;
    bool space = false;
    for (char *c = s; *c && k + 2 < sizeof buf; c++) {
        if (*c == '\n' || *c == ' ') {
            space = true;
            continue;
        }
        if (space && k && *c != ')') buf[k++] = ' ';
        space = false;
        buf[k++] = *c;
    }
    buf[k] = 0;
    free(s);
    return buf;
}

#define VALID(src)                                                                                 \
    do {                                                                                           \
        if (!parse(src)) {                                                                         \
            fprintf(stderr, "%s:%d: unexpected error for `%s`: %d:%d %s\n", __FILE__, __LINE__,    \
                    src, err.line, err.column, err.message);                                       \
            test_current_failed = 1;                                                               \
        }                                                                                          \
    } while (0)

#define VALID_MODULE(src)                                                                          \
    do {                                                                                           \
        if (!parse_module(src)) {                                                                  \
            fprintf(stderr, "%s:%d: unexpected error for module `%s`: %d:%d %s\n", __FILE__,       \
                    __LINE__, src, err.line, err.column, err.message);                             \
            test_current_failed = 1;                                                               \
        }                                                                                          \
    } while (0)

/* Checks the parse fails with this message at this line:column. */
static void expect_error_at(AstNode *root, const char *src, int line, int column, const char *msg,
                            int lineno) {
    if (root) {
        fprintf(stderr, "%s:%d: `%s` parsed, expected error \"%s\"\n", __FILE__, lineno, src, msg);
        test_current_failed = 1;
        return;
    }
    if (err.kind != PARSE_ERROR_SYNTAX || (msg && strcmp(err.message, msg) != 0) ||
        (line && (err.line != line || err.column != column))) {
        fprintf(stderr, "%s:%d: `%s`: got %d:%d \"%s\" (kind %d), want %d:%d \"%s\"\n", __FILE__,
                lineno, src, err.line, err.column, err.message, err.kind, line, column,
                msg ? msg : "*");
        test_current_failed = 1;
    }
}

#define ERROR(src, line, col, msg) expect_error_at(parse(src), src, line, col, msg, __LINE__)
#define ERROR_STRICT(src, line, col, msg)                                                          \
    expect_error_at(parse_strict(src), src, line, col, msg, __LINE__)
#define ERROR_MODULE(src, line, col, msg)                                                          \
    expect_error_at(parse_module(src), src, line, col, msg, __LINE__)

static void test_dump_shapes(void) {
    CHECK_STR(dump(parse("a + b * c;")),
              "(script (expr-stmt (binary \"+\" (ident \"a\") (binary \"*\" (ident \"b\") "
              "(ident \"c\")))))");
    CHECK_STR(dump(parse("a ** b ** c")),
              "(script (expr-stmt (binary \"**\" (ident \"a\") (binary \"**\" (ident \"b\") "
              "(ident \"c\")))))");
    CHECK_STR(dump(parse("x = y = 1")),
              "(script (expr-stmt (assign \"=\" (ident \"x\") (assign \"=\" (ident \"y\") "
              "(number 1)))))");
    CHECK_STR(
        dump(parse("a\n++b")),
        "(script (expr-stmt (ident \"a\")) (expr-stmt (update \"++\" prefix (ident \"b\"))))");
    CHECK_STR(dump(parse("[a, , ...b] = c")),
              "(script (expr-stmt (assign \"=\" (array-pattern (ident \"a\") (hole) (rest (ident "
              "\"b\"))) (ident \"c\"))))");
    CHECK_STR(dump(parse("({a = 1, b: [c]} = d)")),
              "(script (expr-stmt (assign \"=\" (object-pattern (prop init :shorthand (ident "
              "\"a\") (default (ident \"a\") (number 1))) (prop init (ident \"b\") (array-pattern "
              "(ident \"c\")))) (ident \"d\"))))");
    CHECK_STR(dump(parse("(a, b) => a")),
              "(script (expr-stmt (arrow :arrow (params (ident \"a\") (ident \"b\")) (body "
              "(return (ident \"a\"))))))");
    CHECK_STR(dump(parse("a?.b.c")),
              "(script (expr-stmt (chain (member (member :optional (ident \"a\") (ident \"b\")) "
              "(ident \"c\")))))");
    CHECK_STR(dump(parse("`x${1}y`")),
              "(script (expr-stmt (template \"x\" raw \"x\" (number 1) \"y\" raw \"y\")))");
    CHECK_STR(dump(parse("/a/g")), "(script (expr-stmt (regexp \"a\" \"g\")))");
    CHECK_STR(dump(parse("'use strict'; 1")),
              "(script :strict (expr-stmt :directive (string \"use strict\")) (expr-stmt (number "
              "1)))");
    CHECK_STR(dump(parse("eval(x)")),
              "(script (expr-stmt (call :eval (ident \"eval\") (ident \"x\"))))");
    CHECK_STR(dump(parse("new a.b()")),
              "(script (expr-stmt (new (member (ident \"a\") (ident \"b\")))))");
    CHECK_STR(dump(parse_module("import d, {a as b} from 'm'; export {b as c};")),
              "(module :strict (import \"m\" (import-spec \"default\" \"d\") (import-spec \"a\" "
              "\"b\")) (export (export-spec \"b\" \"c\")))");
}

static void test_valid_programs(void) {
    VALID("");
    VALID("#!/usr/bin/env node\nx");
    VALID("var a = 1, b; function f(a, a) { return a } f(1)");
    VALID("if (a) function f(){} else function g(){}");
    VALID("L: function f(){}");
    VALID("a: b: while (1) { continue a; }");
    VALID("with (o) x");
    VALID("var yield, let, static, await; yield = 1; let = 2;");
    VALID("let \n x = 1");
    VALID("for (let in o);");
    VALID("for (var x = 1 in o);");
    VALID("for (;;) break");
    VALID("do x; while (0) y");
    VALID("x\n++\ny");
    VALID("return_ = 1; a = b\n/c/g");
    VALID("({ get a() {}, set a(v) {}, async *g() {}, [k]: 1, 'x': 2, 3: 4, __proto__: null })");
    VALID("({__proto__: a, __proto__: b} = c)");
    VALID("class A extends B { constructor() { super(); } static #p = 1; get #q() {} set #q(v) {} "
          "static m() { return #p in A; } x = this.#p; static { var y = new.target; } }");
    VALID("async function f() { await x; for await (const a of b); }");
    VALID("function* g() { yield; yield* x; const y = yield 1; }");
    VALID("async (a, b) => a; async x => x; async () => {}; async(a);");
    VALID("a ?\?= b; a ||= c; a &&= d; x = a ?? b; (a || b) ?? c;");
    VALID("try {} catch {} finally {}");
    VALID("try {} catch (e) { var e; }");
    VALID("label: { break label; }");
    VALID("switch (x) { case 1: let a; break; default: }");
    VALID("import('x'); import('x', {with: {type: 'json'}})");
    VALID("x = function eval() {}; function arguments() {}");
    VALID("'\\08'");
    VALID("f() = 1"); /* B.3.9: runtime ReferenceError in sloppy code */
    VALID("a = { async: 1, get: 2, set: 3, static: 4, of: 5 }; async; get; of;");
    VALID("(function () { 'use strict'; return this })");
    VALID("({ a, b } = { a: 1, b: 2 }); [a, b] = [b, a];");
    VALID("for ([a, b] of c); for ({a} in c);");
    VALID("x = { if: 1, class: 2, new: 3 }.if");
    VALID("a = 1_000n + 0x1_0n");
    VALID("<!-- comment\nx --> y\n--> also comment");
    VALID_MODULE("export default function () {} export const a = 1; export * from 'x'; "
                 "export * as ns from 'y'; await 1;");
    VALID_MODULE("import * as ns from 'm'; import {'a b' as c} from 'm'; export {c as 'd e'};");
    VALID_MODULE("export default class {}");
    VALID_MODULE("export default (1 + 2);");
    VALID_MODULE("import x from './x.json' with { type: 'json' };");
}

static void test_es5_early_errors(void) {
    ERROR("var x = ;", 1, 9, "Unexpected token ';'");
    ERROR("a b", 1, 3, "Unexpected identifier 'b'");
    ERROR("if (a) else", 1, 8, "Unexpected token 'else'");
    ERROR("(1 + 2", 1, 7, "Unexpected end of input");
    ERROR("'abc", 1, 1, "Unterminated string literal");
    ERROR("x = 'a\nb'", 1, 5, "Unterminated string literal");
    ERROR("/* abc", 1, 1, "Unterminated comment");
    ERROR("return 1", 1, 1, "Illegal return statement");
    ERROR("break;", 1, 1, "Illegal break statement");
    ERROR("continue;", 1, 1, "Illegal continue statement: no surrounding iteration statement");
    ERROR("while (1) { break foo; }", 1, 19, "Undefined label 'foo'");
    ERROR("a: { continue a; }", 1, 15,
          "Illegal continue statement: 'a' does not denote an iteration statement");
    ERROR("a: a: ;", 1, 4, "Label 'a' has already been declared");
    ERROR("a: { a: ; }", 1, 6, "Label 'a' has already been declared");
    ERROR("function f() { a: while (1) { function g() { break a; } } }", 1, 52,
          "Undefined label 'a'");
    ERROR("throw\n1", 2, 1, "Illegal newline after throw");
    ERROR("1 = 2", 1, 1, "Invalid left-hand side in assignment");
    ERROR("a + 1 = 2", 1, 1, "Invalid left-hand side in assignment");
    CHECK(parse("++a()") != NULL); /* B.3.9: calls are runtime errors in sloppy code */
    ERROR_STRICT("++a()", 1, 3, "Invalid left-hand side expression in prefix operation");
    ERROR("++1", 1, 3, "Invalid left-hand side expression in prefix operation");
    ERROR("1++", 1, 1, "Invalid left-hand side expression in postfix operation");
    ERROR("for (1 in x);", 1, 6, "Invalid left-hand side in assignment");
    ERROR("switch (x) { default: default: }", 1, 23,
          "More than one default clause in switch statement");
    ERROR("try {}", 1, 7, "Missing catch or finally after try");
    ERROR("x = {get a(b) {}}", 1, 11, "Getter must not have any formal parameters.");
    ERROR("x = {set a() {}}", 1, 11, "Setter must have exactly one formal parameter.");
    ERROR("var if = 1;", 1, 5, "Unexpected token 'if'");
    ERROR("var \\u0069f = 1;", 1, 5, "Keyword must not contain escaped characters");
    /* strict mode */
    ERROR_STRICT("with (a) b", 1, 1, "Strict mode code may not include a with statement");
    ERROR("'use strict'; with (a) b", 1, 15, "Strict mode code may not include a with statement");
    ERROR("'use strict'; delete x;", 1, 22, "Delete of an unqualified identifier in strict mode.");
    ERROR("'use strict'; delete ((x));", 1, 24,
          "Delete of an unqualified identifier in strict mode.");
    ERROR("'use strict'; 010", 1, 15, "Octal literals are not allowed in strict mode");
    ERROR("'use strict'; 08", 1, 15, "Octal literals are not allowed in strict mode");
    ERROR("'use strict'; '\\01'", 1, 16, "Octal escape sequences are not allowed in strict mode");
    ERROR("'\\01'; 'use strict';", 1, 2, "Octal escape sequences are not allowed in strict mode");
    ERROR("function f() { '\\8'; 'use strict'; }", 1, 17,
          "Octal escape sequences are not allowed in strict mode");
    ERROR("'use strict'; eval = 1", 1, 15, "Unexpected eval or arguments in strict mode");
    ERROR("'use strict'; arguments++", 1, 15, "Unexpected eval or arguments in strict mode");
    ERROR("'use strict'; var eval;", 1, 19, "Unexpected eval or arguments in strict mode");
    ERROR("'use strict'; function arguments() {}", 1, 24,
          "Unexpected eval or arguments in strict mode");
    ERROR("function eval() { 'use strict'; }", 1, 10,
          "Unexpected eval or arguments in strict mode");
    ERROR("function f(eval) { 'use strict'; }", 1, 12,
          "Unexpected eval or arguments in strict mode");
    ERROR("'use strict'; try {} catch (eval) {}", 1, 29,
          "Unexpected eval or arguments in strict mode");
    ERROR("function f(a, a) { 'use strict'; }", 1, 15,
          "Duplicate parameter name not allowed in this context");
    ERROR("'use strict'; var implements;", 1, 19,
          "Unexpected strict mode reserved word 'implements'");
    ERROR("'use strict'; var yield;", 1, 19, "Unexpected identifier 'yield'");
    ERROR("function f(static) { 'use strict' }", 1, 12,
          "Unexpected strict mode reserved word 'static'");
    ERROR("'use strict'; if (a) function f() {}", 1, 22,
          "In strict mode code, functions can only be declared at top level or inside a block");
    ERROR("while (a) function f() {}", 1, 11,
          "Function declarations are not allowed in a single-statement context");
    ERROR("'use strict'; L: function f() {}", 1, 18,
          "In strict mode code, functions can only be declared at top level or inside a block");
    ERROR("function f(a = 1) { 'use strict'; }", 1, 21,
          "Illegal 'use strict' directive in function with non-simple parameter list");
}

static void test_es2015_early_errors(void) {
    ERROR("let a; let a;", 1, 12, "Identifier 'a' has already been declared");
    ERROR("let a; var a;", 1, 12, "Identifier 'a' has already been declared");
    ERROR("var a; let a;", 1, 12, "Identifier 'a' has already been declared");
    ERROR("{ var a; } let a;", 1, 16, "Identifier 'a' has already been declared");
    ERROR("let a; { var a; }", 1, 14, "Identifier 'a' has already been declared");
    ERROR("const a;", 1, 8, "Missing initializer in const declaration");
    ERROR("let [a];", 1, 8, "Missing initializer in destructuring declaration");
    ERROR("let let = 1;", 1, 5, "let is disallowed as a lexically bound name");
    ERROR("function f(a) { let a; }", 1, 21, "Identifier 'a' has already been declared");
    ERROR("try {} catch (e) { let e; }", 1, 24, "Identifier 'e' has already been declared");
    ERROR("try {} catch ([e]) { var e; }", 1, 26, "Identifier 'e' has already been declared");
    ERROR("'use strict'; { function f() {} function f() {} }", 1, 42,
          "Identifier 'f' has already been declared");
    CHECK(parse("{ function f() {} function f() {} }") != NULL);
    ERROR("{ function* f() {} function f() {} }", 1, 29,
          "Identifier 'f' has already been declared");
    ERROR("if (a) let x = 1;", 1, 12, "Unexpected identifier 'x'");
    ERROR("if (a) const x = 1;", 1, 8,
          "Lexical declaration cannot appear in a single-statement context");
    ERROR("for (let x of y) { var x; }", 1, 24, "Identifier 'x' has already been declared");
    ERROR("for (let x = 1, y of z);", 1, 6,
          "Invalid left-hand side in for-of loop: Must have a single binding.");
    ERROR("for (const x of y, z);", 1, 18, "Unexpected token ','");
    ERROR("for (let of x);", 0, 0, NULL);
    ERROR("(a, b) => { let a; }", 1, 17, "Identifier 'a' has already been declared");
    ERROR("(a, a) => 1", 1, 5, "Duplicate parameter name not allowed in this context");
    ERROR("x = (a)\n=> 1", 2, 1, "Unexpected token '=>'");
    ERROR("({a = 1})", 1, 5, "Invalid shorthand property initializer");
    ERROR("x = {a = 1}", 1, 8, "Invalid shorthand property initializer");
    CHECK(parse("({a = 1} = {})") != NULL);
    CHECK(parse("[{a = 1}] = [{}]") != NULL);
    ERROR("({__proto__: 1, __proto__: 2})", 1, 17,
          "Duplicate __proto__ fields are not allowed in object literals");
    ERROR("[...a, b] = c", 1, 2, "Rest element must be last element");
    ERROR("[...a,] = c", 1, 2, "Rest element must be last element");
    ERROR("({a: 1} = b)", 1, 6, "Invalid destructuring assignment target");
    ERROR("([a]) = b", 1, 2, "Invalid left-hand side in assignment");
    ERROR("((a)) => 1", 1, 3, "Invalid destructuring assignment target");
    ERROR("(...a, b) => 1", 1, 6, "Rest parameter must be last formal parameter");
    ERROR("() + 1", 1, 4, "Unexpected token '+'");
    ERROR("class A { constructor() {} constructor() {} }", 1, 28,
          "A class may only have one constructor");
    ERROR("class A { get constructor() {} }", 1, 15, "Class constructor may not be an accessor");
    ERROR("class A { constructor = 1 }", 1, 11, "Classes may not have a field named 'constructor'");
    ERROR("class A { static prototype() {} }", 1, 18,
          "Classes may not have a static property named 'prototype'");
    ERROR("class A { #a; #a; }", 1, 15, "Identifier '#a' has already been declared");
    ERROR("class A { m() { this.#b } }", 1, 22,
          "Private field '#b' must be declared in an enclosing class");
    ERROR("class A { #a; m() { delete this.#a } }", 1, 28, "Private fields can not be deleted");
    ERROR("class A { constructor() { super(); } }", 1, 27, "'super' keyword unexpected here");
    ERROR("function f() { super.x }", 1, 16, "'super' keyword unexpected here");
    ERROR("new.target", 1, 1, "new.target expression is not allowed here");
    ERROR("class A { x = arguments }", 1, 15,
          "'arguments' is not allowed in class field initializer or static initialization block");
    ERROR("class A { static { await } }", 1, 20, "Unexpected reserved word 'await'");
    ERROR("class A { static { return } }", 1, 20, "Illegal return statement");
    ERROR("function* g() { yield\n* 2 }", 2, 1, "Unexpected token '*'");
    ERROR("function* g(a = yield) {}", 1, 17, "Yield expression not allowed in formal parameter");
    ERROR("async function f(a = await 1) {}", 1, 22,
          "Illegal await-expression in formal parameters of async function");
    ERROR("async (a = await 1) => 1", 1, 18, "Unexpected number");
    ERROR("async (a = await) => 1", 1, 1,
          "Illegal await-expression in formal parameters of async function");
    ERROR("function f() { await 1 }", 1, 22, "Unexpected number");
    ERROR("-a ** 2", 1, 4,
          "Unary operator used immediately before exponentiation expression. Parenthesis must be "
          "used to disambiguate operator precedence");
    CHECK(parse("(-a) ** 2") != NULL);
    ERROR("a ?? b || c", 1, 8, "Unexpected token '||'");
    ERROR("a || b ?? c", 1, 8, "Unexpected token '?\?'");
    ERROR("a?.b = 1", 1, 1, "Invalid left-hand side in assignment");
    ERROR("new a?.b()", 1, 6, "Invalid optional chain from new expression");
    ERROR("a?.b`x`", 1, 5, "Invalid tagged template on optional chain");
    ERROR("`\\01`", 1, 2, "Invalid escape sequence in template literal");
    CHECK(parse("tag`\\01`") != NULL);
    CHECK(parse("a ||= f()") != NULL);
    ERROR("f() &&= 1", 1, 1, "Invalid left-hand side in assignment");
    ERROR("for await (x of y);", 1, 5, "Unexpected reserved word 'await'");
    ERROR("import.meta", 1, 1, "Cannot use 'import.meta' outside a module");
    ERROR("import x from 'y'", 1, 1, "Cannot use import statement outside a module");
    ERROR_MODULE("export {a}", 1, 9, "Export 'a' is not defined in module");
    ERROR_MODULE("var a; export {a}; export {a}", 1, 28, "Duplicate export of 'a'");
    ERROR_MODULE("await: 1", 1, 6, "Unexpected token ':'");
    ERROR_MODULE("<!-- x", 1, 1, "Unexpected token '<'");
    ERROR_MODULE("function f() { export var a; }", 1, 16, "Unexpected token 'export'");
    ERROR_MODULE("import {a, a} from 'm'", 1, 12, "Identifier 'a' has already been declared");
    ERROR_MODULE("export {'a'}", 1, 9,
                 "A string literal cannot be used as an exported binding without `from`");
    CHECK(parse("a\n?.5:1") != NULL);
}

static void test_positions(void) {
    AstNode *root = parse("  foo(1,\n  bar)");
    CHECK(root != NULL);
    if (!root) return;
    AstNode *call = root->u.program.body.items[0]->u.expr_stmt.expr;
    CHECK(call->kind == AST_CALL && call->line == 1 && call->column == 3);
    CHECK(call->start == 2 && call->end == 15);
    AstNode *bar = call->u.call.arguments.items[1];
    CHECK(bar->line == 2 && bar->column == 3);
    root = parse("x = function f(a) { return a }");
    AstNode *fn = root->u.program.body.items[0]->u.expr_stmt.expr->u.assign.value;
    CHECK(fn->kind == AST_FUNCTION_EXPR && fn->u.func->source_start == 4 &&
          fn->u.func->source_end == 30);
    CHECK((fn->u.func->flags & AST_FUNC_EXPRESSION_NAME) && fn->u.func->name_scope);
    /* multi-byte characters: columns in UTF-16 units */
    ERROR("'\xF0\x9F\x98\x80' +", 1, 7, "Unexpected end of input");
}

static void test_scope_facts(void) {
    AstNode *root = parse("var a; let b; const c = 1; class D {} function e() {} "
                          "{ function g() {} let h; } var a;");
    CHECK(root != NULL);
    if (!root) return;
    AstFunction *top = root->u.program.func;
    CHECK(top->var_decls.count == 1 && ast_str_eq_ascii(top->var_decls.items[0].name, "a"));
    CHECK(top->var_functions.count == 1);
    CHECK(top->body_scope.decls.count == 3);
    CHECK(top->annexb_functions.count == 1);
    AstNode *block = root->u.program.body.items[5];
    CHECK(block->kind == AST_BLOCK && block->u.block.scope.decls.count == 2 &&
          block->u.block.scope.functions.count == 1);

    root = parse("function f(a, b = 1) { arguments; eval('x'); return () => this; }");
    AstFunction *f = root->u.program.body.items[0]->u.func;
    CHECK(f->length == 1);
    CHECK(!(f->flags & AST_FUNC_SIMPLE_PARAMS));
    CHECK(f->flags & AST_FUNC_USES_ARGUMENTS);
    CHECK(f->flags & AST_FUNC_HAS_DIRECT_EVAL);
    CHECK(f->flags & AST_FUNC_USES_THIS);
    CHECK(f->flags & AST_FUNC_PARAM_EXPRESSIONS);
    CHECK(f->params_decls.count == 2);
    CHECK(root->u.program.func->flags & AST_FUNC_INNER_HAS_EVAL);

    root = parse("function f() { let g; { function g() {} } { function h() {} } }");
    f = root->u.program.body.items[0]->u.func;
    CHECK(f->annexb_functions.count == 1); /* h only: g conflicts with `let g` */

    root = parse("function f() { 'use strict'; { function g() {} } }");
    f = root->u.program.body.items[0]->u.func;
    CHECK((f->flags & AST_FUNC_STRICT) && (f->flags & AST_FUNC_USE_STRICT));
    CHECK(f->annexb_functions.count == 0);

    root = parse("class A extends B { constructor() { (() => super())(); } }");
    AstClass *k = root->u.program.body.items[0]->u.klass;
    CHECK(k->constructor && (k->constructor->u.func->flags & AST_FUNC_DERIVED) &&
          (k->constructor->u.func->flags & AST_FUNC_USES_SUPER_CALL));

    root = parse("for (let i = 0; i < 3; i++) {}");
    CHECK(root->u.program.body.items[0]->u.for_stmt.scope.decls.count == 1);
    root = parse("for (const x of y) {}");
    CHECK(root->u.program.body.items[0]->u.for_in.scope.decls.count == 1);
    root = parse("try {} catch ({a, b}) {}");
    CHECK(root->u.program.body.items[0]->u.try_stmt.catch_scope.decls.count == 2);
}

static void test_eval_and_dynamic_function(void) {
    ParseOptions o = {0};
    o.goal = PARSE_GOAL_EVAL;
    CHECK(parse_opts("new.target", &o) == NULL);
    o.eval_allow_new_target = true;
    CHECK(parse_opts("new.target", &o) != NULL);
    CHECK(parse_opts("super.x", &o) == NULL);
    o.eval_allow_super_property = true;
    CHECK(parse_opts("super.x", &o) != NULL);
    o.eval_in_class_field_init = true;
    CHECK(parse_opts("arguments", &o) == NULL);
    CHECK(parse_opts("(function () { arguments })", &o) != NULL);
    AstStr priv = ast_str_from_ascii(&arena, "p");
    ParseOptions o2 = {0};
    o2.goal = PARSE_GOAL_EVAL;
    uint16_t p_name[1] = {'p'};
    priv.s = p_name;
    priv.len = 1;
    o2.eval_private_names = &priv;
    o2.eval_private_name_count = 1;
    CHECK(parse_opts("this.#p", &o2) != NULL);
    CHECK(parse_opts("this.#q", &o2) == NULL);

    const char *text;
    size_t text_len;
    ast_arena_free(&arena);
    ast_arena_init(&arena);
    AstNode *root = parse_dynamic_function(&arena, "a, b", 4, "return a + b", 12, PARSE_FUNC_NORMAL,
                                           &text, &text_len, &err);
    CHECK(root != NULL);
    CHECK_STR(text, "function anonymous(a, b\n) {\nreturn a + b\n}");
    if (root) {
        AstFunction *f = root->u.program.body.items[0]->u.expr_stmt.expr->u.func;
        CHECK(f->params.count == 2 && ast_str_eq_ascii(f->name, "anonymous"));
        CHECK(!(f->flags & AST_FUNC_EXPRESSION_NAME));
    }
    CHECK(parse_dynamic_function(&arena, "/*", 2, "*/){", 4, PARSE_FUNC_NORMAL, &text, &text_len,
                                 &err) == NULL);
    CHECK(parse_dynamic_function(&arena, "", 0, "yield 1", 7, PARSE_FUNC_GENERATOR, &text,
                                 &text_len, &err) != NULL);
    CHECK(parse_dynamic_function(&arena, "a = 1", 5, "'use strict'", 12, PARSE_FUNC_NORMAL, &text,
                                 &text_len, &err) == NULL);
}

static void test_limits(void) {
    size_t n = 200000;
    char *src = malloc(2 * n + 2);
    memset(src, '(', n);
    src[n] = 'a';
    memset(src + n + 1, ')', n);
    src[2 * n + 1] = 0;
    ast_arena_free(&arena);
    ast_arena_init(&arena);
    AstNode *root = parse_program(&arena, src, 2 * n + 1, "deep.js", NULL, &err);
    CHECK(root == NULL && err.kind == PARSE_ERROR_RANGE);
    CHECK_STR(err.message, "Maximum nesting depth exceeded");
    /* 300 levels are fine */
    memset(src, '[', 300);
    memset(src + 300, ']', 300);
    CHECK(parse_program(&arena, src, 600, "ok.js", NULL, &err) != NULL);
    free(src);
    /* arena limit */
    ast_arena_free(&arena);
    ast_arena_init(&arena);
    arena.max_bytes = 1000;
    const char *big = "var a = [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24];";
    CHECK(parse_program(&arena, big, strlen(big), "oom.js", NULL, &err) == NULL &&
          err.kind == PARSE_ERROR_RANGE);
}

int main(void) {
    ast_arena_init(&arena);
    RUN(test_dump_shapes);
    RUN(test_valid_programs);
    RUN(test_es5_early_errors);
    RUN(test_es2015_early_errors);
    RUN(test_positions);
    RUN(test_scope_facts);
    RUN(test_eval_and_dynamic_function);
    RUN(test_limits);
    ast_arena_free(&arena);
    return TEST_EXIT();
}
