/* ast.c — the AST arena, list helpers and the S-expression dump. */
#include "compiler/ast.h"

#include <stdlib.h>
#include <string.h>

/* ---- arena --------------------------------------------------------------- */

#define ARENA_CHUNK_SIZE (64 * 1024)

struct AstArenaChunk {
    AstArenaChunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

void ast_arena_init(AstArena *arena) {
    arena->chunks = NULL;
    arena->total_bytes = 0;
    arena->max_bytes = 0;
}

void *ast_arena_alloc(AstArena *arena, size_t size) {
    size = (size + 7) & ~(size_t)7;
    if (size == 0) size = 8;
    if (arena->max_bytes && arena->total_bytes + size > arena->max_bytes) return NULL;
    AstArenaChunk *chunk = arena->chunks;
    if (!chunk || chunk->size - chunk->used < size) {
        size_t data_size = size > ARENA_CHUNK_SIZE / 4 ? size : ARENA_CHUNK_SIZE;
        if (data_size > SIZE_MAX - sizeof(AstArenaChunk)) return NULL;
        AstArenaChunk *fresh = malloc(sizeof(AstArenaChunk) + data_size);
        if (!fresh) return NULL;
        fresh->used = 0;
        fresh->size = data_size;
        /* A big private chunk goes behind the current one so that the
         * current one keeps serving small requests. */
        if (chunk && data_size != ARENA_CHUNK_SIZE) {
            fresh->next = chunk->next;
            chunk->next = fresh;
        } else {
            fresh->next = chunk;
            arena->chunks = fresh;
        }
        chunk = fresh;
    }
    void *p = chunk->data + chunk->used;
    chunk->used += size;
    arena->total_bytes += size;
    memset(p, 0, size);
    return p;
}

void ast_arena_free(AstArena *arena) {
    AstArenaChunk *c = arena->chunks;
    while (c) {
        AstArenaChunk *next = c->next;
        free(c);
        c = next;
    }
    arena->chunks = NULL;
    arena->total_bytes = 0;
}

/* ---- strings ------------------------------------------------------------- */

bool ast_str_eq(AstStr a, AstStr b) {
    return a.len == b.len && (a.len == 0 || memcmp(a.s, b.s, a.len * sizeof(uint16_t)) == 0);
}

bool ast_str_eq_ascii(AstStr a, const char *ascii) {
    uint32_t i = 0;
    for (; ascii[i]; i++)
        if (i >= a.len || a.s[i] != (unsigned char)ascii[i]) return false;
    return i == a.len;
}

AstStr ast_str_from_ascii(AstArena *arena, const char *ascii) {
    AstStr r = {NULL, 0};
    size_t n = strlen(ascii);
    uint16_t *s = ast_arena_alloc(arena, n * sizeof(uint16_t));
    if (!s) return r;
    for (size_t i = 0; i < n; i++)
        s[i] = (unsigned char)ascii[i];
    r.s = s;
    r.len = (uint32_t)n;
    return r;
}

/* ---- nodes and lists ----------------------------------------------------- */

AstNode *ast_node_new(AstArena *arena, AstKind kind) {
    AstNode *n = ast_arena_alloc(arena, sizeof(AstNode));
    if (n) n->kind = (uint16_t)kind;
    return n;
}

bool ast_list_push(AstArena *arena, AstList *list, AstNode *node) {
    if (list->count == list->capacity) {
        uint32_t cap = list->capacity ? list->capacity * 2 : 4;
        if (cap > UINT32_MAX / 2) return false;
        AstNode **items = ast_arena_alloc(arena, cap * sizeof(AstNode *));
        if (!items) return false;
        if (list->count) memcpy(items, list->items, list->count * sizeof(AstNode *));
        list->items = items;
        list->capacity = cap;
    }
    list->items[list->count++] = node;
    return true;
}

bool ast_decl_push(AstArena *arena, AstDeclList *list, AstStr name, AstDeclKind kind,
                   AstNode *node) {
    if (list->count == list->capacity) {
        uint32_t cap = list->capacity ? list->capacity * 2 : 4;
        if (cap > UINT32_MAX / 2) return false;
        AstDecl *items = ast_arena_alloc(arena, cap * sizeof(AstDecl));
        if (!items) return false;
        if (list->count) memcpy(items, list->items, list->count * sizeof(AstDecl));
        list->items = items;
        list->capacity = cap;
    }
    AstDecl *d = &list->items[list->count++];
    d->name = name;
    d->kind = (uint8_t)kind;
    d->node = node;
    return true;
}

int ast_decl_find(const AstDeclList *list, AstStr name) {
    for (uint32_t i = 0; i < list->count; i++)
        if (ast_str_eq(list->items[i].name, name)) return (int)i;
    return -1;
}

/* ---- names --------------------------------------------------------------- */

static const char *const kind_names[AST_KIND_COUNT] = {
    [AST_INVALID] = "invalid",
    [AST_SCRIPT] = "script",
    [AST_MODULE] = "module",
    [AST_VAR_DECL] = "var-decl",
    [AST_VAR_DECLARATOR] = "declarator",
    [AST_FUNCTION_DECL] = "function-decl",
    [AST_CLASS_DECL] = "class-decl",
    [AST_EXPR_STMT] = "expr-stmt",
    [AST_BLOCK] = "block",
    [AST_EMPTY] = "empty",
    [AST_IF] = "if",
    [AST_FOR] = "for",
    [AST_FOR_IN] = "for-in",
    [AST_FOR_OF] = "for-of",
    [AST_WHILE] = "while",
    [AST_DO_WHILE] = "do-while",
    [AST_CONTINUE] = "continue",
    [AST_BREAK] = "break",
    [AST_RETURN] = "return",
    [AST_WITH] = "with",
    [AST_SWITCH] = "switch",
    [AST_SWITCH_CASE] = "case",
    [AST_LABELED] = "labeled",
    [AST_THROW] = "throw",
    [AST_TRY] = "try",
    [AST_DEBUGGER] = "debugger",
    [AST_IMPORT_DECL] = "import",
    [AST_IMPORT_SPECIFIER] = "import-spec",
    [AST_EXPORT_NAMED] = "export",
    [AST_EXPORT_DEFAULT] = "export-default",
    [AST_EXPORT_ALL] = "export-all",
    [AST_EXPORT_SPECIFIER] = "export-spec",
    [AST_IMPORT_ATTRIBUTE] = "attribute",
    [AST_IDENT] = "ident",
    [AST_PRIVATE_NAME] = "private",
    [AST_NUMBER] = "number",
    [AST_STRING] = "string",
    [AST_BIGINT] = "bigint",
    [AST_REGEXP] = "regexp",
    [AST_TEMPLATE] = "template",
    [AST_TAGGED_TEMPLATE] = "tagged",
    [AST_NULL] = "null",
    [AST_BOOL] = "bool",
    [AST_THIS] = "this",
    [AST_SUPER] = "super",
    [AST_ARRAY] = "array",
    [AST_OBJECT] = "object",
    [AST_PROPERTY] = "prop",
    [AST_ELISION] = "hole",
    [AST_FUNCTION_EXPR] = "function",
    [AST_ARROW] = "arrow",
    [AST_CLASS_EXPR] = "class",
    [AST_CLASS_MEMBER] = "member-def",
    [AST_UNARY] = "unary",
    [AST_UPDATE] = "update",
    [AST_BINARY] = "binary",
    [AST_LOGICAL] = "logical",
    [AST_ASSIGN] = "assign",
    [AST_CONDITIONAL] = "cond",
    [AST_CALL] = "call",
    [AST_NEW] = "new",
    [AST_MEMBER] = "member",
    [AST_OPTIONAL_CHAIN] = "chain",
    [AST_SEQUENCE] = "seq",
    [AST_SPREAD] = "spread",
    [AST_YIELD] = "yield",
    [AST_AWAIT] = "await",
    [AST_NEW_TARGET] = "new.target",
    [AST_IMPORT_META] = "import.meta",
    [AST_IMPORT_CALL] = "import-call",
    [AST_ARRAY_PATTERN] = "array-pattern",
    [AST_OBJECT_PATTERN] = "object-pattern",
    [AST_ASSIGN_PATTERN] = "default",
    [AST_REST] = "rest",
};

const char *ast_kind_name(AstKind kind) {
    if ((unsigned)kind < AST_KIND_COUNT && kind_names[kind]) return kind_names[kind];
    return "?";
}

static const char *const op_names[AST_OP_COUNT] = {
    [AST_OP_NONE] = "",
    [AST_OP_ADD] = "+",
    [AST_OP_SUB] = "-",
    [AST_OP_MUL] = "*",
    [AST_OP_DIV] = "/",
    [AST_OP_MOD] = "%",
    [AST_OP_EXP] = "**",
    [AST_OP_SHL] = "<<",
    [AST_OP_SAR] = ">>",
    [AST_OP_SHR] = ">>>",
    [AST_OP_LT] = "<",
    [AST_OP_GT] = ">",
    [AST_OP_LE] = "<=",
    [AST_OP_GE] = ">=",
    [AST_OP_EQ] = "==",
    [AST_OP_NE] = "!=",
    [AST_OP_STRICT_EQ] = "===",
    [AST_OP_STRICT_NE] = "!==",
    [AST_OP_BIT_AND] = "&",
    [AST_OP_BIT_OR] = "|",
    [AST_OP_BIT_XOR] = "^",
    [AST_OP_IN] = "in",
    [AST_OP_INSTANCEOF] = "instanceof",
    [AST_OP_AND] = "&&",
    [AST_OP_OR] = "||",
    [AST_OP_NULLISH] = "??",
    [AST_OP_NEG] = "-",
    [AST_OP_PLUS] = "+",
    [AST_OP_NOT] = "!",
    [AST_OP_BIT_NOT] = "~",
    [AST_OP_TYPEOF] = "typeof",
    [AST_OP_VOID] = "void",
    [AST_OP_DELETE] = "delete",
    [AST_OP_INC] = "++",
    [AST_OP_DEC] = "--",
    [AST_OP_ASSIGN] = "=",
};

const char *ast_op_name(AstOp op) {
    if ((unsigned)op < AST_OP_COUNT && op_names[op]) return op_names[op];
    return "?";
}

/* ---- dump ---------------------------------------------------------------- */

static void dump_str(FILE *out, AstStr s) {
    fputc('"', out);
    for (uint32_t i = 0; i < s.len; i++) {
        uint32_t c = s.s[i];
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", (int)c);
        else if (c >= 0x20 && c < 0x7f)
            fputc((int)c, out);
        else if (c == '\n')
            fputs("\\n", out);
        else
            fprintf(out, "\\u%04X", (unsigned)c);
    }
    fputc('"', out);
}

static void dump_node(FILE *out, const AstNode *n, int depth);

static void indent(FILE *out, int depth) {
    fputc('\n', out);
    for (int i = 0; i < depth; i++)
        fputs("  ", out);
}

static void dump_child(FILE *out, const AstNode *n, int depth) {
    indent(out, depth);
    if (n)
        dump_node(out, n, depth);
    else
        fputs("nil", out);
}

static void dump_list(FILE *out, const AstList *l, int depth) {
    for (uint32_t i = 0; i < l->count; i++)
        dump_child(out, l->items[i], depth);
}

static void dump_number(FILE *out, double v) {
    if (v == (double)(long long)v && v > -1e15 && v < 1e15)
        fprintf(out, "%lld", (long long)v);
    else
        fprintf(out, "%.17g", v);
}

static void dump_func_flags(FILE *out, uint32_t f) {
    static const struct {
        uint32_t bit;
        const char *name;
    } names[] = {
        {AST_FUNC_STRICT, "strict"},
        {AST_FUNC_ARROW, "arrow"},
        {AST_FUNC_GENERATOR, "generator"},
        {AST_FUNC_ASYNC, "async"},
        {AST_FUNC_METHOD, "method"},
        {AST_FUNC_GETTER, "getter"},
        {AST_FUNC_SETTER, "setter"},
        {AST_FUNC_CLASS_CONSTRUCTOR, "constructor"},
        {AST_FUNC_DERIVED, "derived"},
        {AST_FUNC_FIELD_INIT, "field"},
        {AST_FUNC_STATIC_BLOCK, "static-block"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (f & names[i].bit) fprintf(out, " :%s", names[i].name);
}

static void dump_function(FILE *out, const AstFunction *f, int depth) {
    if (f->name.len) {
        fputc(' ', out);
        dump_str(out, f->name);
    }
    dump_func_flags(out, f->flags);
    indent(out, depth + 1);
    fputs("(params", out);
    dump_list(out, &f->params, depth + 2);
    fputc(')', out);
    indent(out, depth + 1);
    fputs("(body", out);
    dump_list(out, &f->body, depth + 2);
    fputc(')', out);
}

static void dump_class(FILE *out, const AstClass *c, int depth) {
    if (c->id) {
        fputc(' ', out);
        dump_str(out, c->id->u.ident.name);
    }
    if (c->superclass) {
        indent(out, depth + 1);
        fputs("(extends", out);
        dump_child(out, c->superclass, depth + 2);
        fputc(')', out);
    }
    if (c->constructor) dump_child(out, c->constructor, depth + 1);
    dump_list(out, &c->members, depth + 1);
}

static void dump_attrs(FILE *out, const AstList *attrs, int depth) {
    if (attrs->count) {
        indent(out, depth);
        fputs("(with", out);
        dump_list(out, attrs, depth + 1);
        fputc(')', out);
    }
}

static void dump_node(FILE *out, const AstNode *n, int depth) {
    const int d = depth + 1;
    fprintf(out, "(%s", ast_kind_name((AstKind)n->kind));
    switch ((AstKind)n->kind) {
    case AST_SCRIPT:
    case AST_MODULE:
        if (n->u.program.func && (n->u.program.func->flags & AST_FUNC_STRICT))
            fputs(" :strict", out);
        dump_list(out, &n->u.program.body, d);
        break;
    case AST_VAR_DECL: {
        static const char *const k[] = {"?", "var", "let", "const", "using", "await-using"};
        fprintf(out, " %s", k[n->u.var_decl.kind < 6 ? n->u.var_decl.kind : 0]);
        dump_list(out, &n->u.var_decl.declarators, d);
        break;
    }
    case AST_VAR_DECLARATOR:
        dump_child(out, n->u.declarator.target, d);
        if (n->u.declarator.init) dump_child(out, n->u.declarator.init, d);
        break;
    case AST_FUNCTION_DECL:
    case AST_FUNCTION_EXPR:
    case AST_ARROW: dump_function(out, n->u.func, depth); break;
    case AST_CLASS_DECL:
    case AST_CLASS_EXPR: dump_class(out, n->u.klass, depth); break;
    case AST_EXPR_STMT:
        if (n->flags & AST_NODE_DIRECTIVE) fputs(" :directive", out);
        dump_child(out, n->u.expr_stmt.expr, d);
        break;
    case AST_BLOCK: dump_list(out, &n->u.block.body, d); break;
    case AST_EMPTY:
    case AST_DEBUGGER:
    case AST_NULL:
    case AST_THIS:
    case AST_SUPER:
    case AST_ELISION:
    case AST_NEW_TARGET:
    case AST_IMPORT_META:
    case AST_INVALID:
    case AST_KIND_COUNT: break;
    case AST_IF:
        dump_child(out, n->u.if_stmt.test, d);
        dump_child(out, n->u.if_stmt.consequent, d);
        if (n->u.if_stmt.alternate) dump_child(out, n->u.if_stmt.alternate, d);
        break;
    case AST_FOR:
        dump_child(out, n->u.for_stmt.init, d);
        dump_child(out, n->u.for_stmt.test, d);
        dump_child(out, n->u.for_stmt.update, d);
        dump_child(out, n->u.for_stmt.body, d);
        break;
    case AST_FOR_IN:
    case AST_FOR_OF:
        if (n->u.for_in.is_await) fputs(" :await", out);
        dump_child(out, n->u.for_in.left, d);
        dump_child(out, n->u.for_in.right, d);
        dump_child(out, n->u.for_in.body, d);
        break;
    case AST_WHILE:
    case AST_DO_WHILE:
        dump_child(out, n->u.while_stmt.test, d);
        dump_child(out, n->u.while_stmt.body, d);
        break;
    case AST_CONTINUE:
    case AST_BREAK:
        if (n->u.jump.label) {
            fputc(' ', out);
            dump_str(out, n->u.jump.label->u.ident.name);
        }
        break;
    case AST_RETURN:
    case AST_THROW:
        if (n->u.ret.argument) dump_child(out, n->u.ret.argument, d);
        break;
    case AST_WITH:
        dump_child(out, n->u.with_stmt.object, d);
        dump_child(out, n->u.with_stmt.body, d);
        break;
    case AST_SWITCH:
        dump_child(out, n->u.switch_stmt.discriminant, d);
        dump_list(out, &n->u.switch_stmt.cases, d);
        break;
    case AST_SWITCH_CASE:
        if (n->u.switch_case.test)
            dump_child(out, n->u.switch_case.test, d);
        else
            fputs(" default", out);
        dump_list(out, &n->u.switch_case.body, d);
        break;
    case AST_LABELED:
        fputc(' ', out);
        dump_str(out, n->u.labeled.label->u.ident.name);
        dump_child(out, n->u.labeled.body, d);
        break;
    case AST_TRY:
        dump_child(out, n->u.try_stmt.block, d);
        if (n->u.try_stmt.handler) {
            indent(out, d);
            fputs("(catch", out);
            if (n->u.try_stmt.param) dump_child(out, n->u.try_stmt.param, d + 1);
            dump_child(out, n->u.try_stmt.handler, d + 1);
            fputc(')', out);
        }
        if (n->u.try_stmt.finalizer) {
            indent(out, d);
            fputs("(finally", out);
            dump_child(out, n->u.try_stmt.finalizer, d + 1);
            fputc(')', out);
        }
        break;
    case AST_IMPORT_DECL:
        fputc(' ', out);
        dump_str(out, n->u.import_decl.source);
        dump_list(out, &n->u.import_decl.specifiers, d);
        dump_attrs(out, &n->u.import_decl.attributes, d);
        break;
    case AST_IMPORT_SPECIFIER:
        if (n->u.specifier.is_namespace)
            fputs(" *", out);
        else {
            fputc(' ', out);
            dump_str(out, n->u.specifier.imported);
        }
        fputc(' ', out);
        dump_str(out, n->u.specifier.local);
        break;
    case AST_EXPORT_SPECIFIER:
        fputc(' ', out);
        if (n->u.specifier.is_namespace)
            fputs("*", out);
        else
            dump_str(out, n->u.specifier.local);
        fputc(' ', out);
        dump_str(out, n->u.specifier.exported);
        break;
    case AST_EXPORT_NAMED:
        if (n->u.export_named.has_source) {
            fputs(" from ", out);
            dump_str(out, n->u.export_named.source);
        }
        if (n->u.export_named.declaration) dump_child(out, n->u.export_named.declaration, d);
        dump_list(out, &n->u.export_named.specifiers, d);
        dump_attrs(out, &n->u.export_named.attributes, d);
        break;
    case AST_EXPORT_DEFAULT: dump_child(out, n->u.export_default.value, d); break;
    case AST_EXPORT_ALL:
        fputc(' ', out);
        dump_str(out, n->u.export_all.source);
        if (n->u.export_all.has_exported) {
            fputs(" as ", out);
            dump_str(out, n->u.export_all.exported);
        }
        dump_attrs(out, &n->u.export_all.attributes, d);
        break;
    case AST_IMPORT_ATTRIBUTE:
        fputc(' ', out);
        dump_str(out, n->u.import_attr.key);
        fputc(' ', out);
        dump_str(out, n->u.import_attr.value);
        break;
    case AST_IDENT:
    case AST_PRIVATE_NAME:
        fputc(' ', out);
        dump_str(out, n->u.ident.name);
        break;
    case AST_NUMBER:
        fputc(' ', out);
        dump_number(out, n->u.number.value);
        break;
    case AST_STRING:
        fputc(' ', out);
        dump_str(out, n->u.string.value);
        break;
    case AST_BIGINT: fprintf(out, " %u:%s", n->u.bigint.radix, n->u.bigint.digits); break;
    case AST_REGEXP:
        fputc(' ', out);
        dump_str(out, n->u.regexp.pattern);
        fputc(' ', out);
        dump_str(out, n->u.regexp.flags);
        break;
    case AST_TEMPLATE:
        for (uint32_t i = 0; i < n->u.tmpl.part_count; i++) {
            indent(out, d);
            if (n->u.tmpl.parts[i].cooked_valid)
                dump_str(out, n->u.tmpl.parts[i].cooked);
            else
                fputs("undefined", out);
            fputs(" raw ", out);
            dump_str(out, n->u.tmpl.parts[i].raw);
            if (i < n->u.tmpl.expressions.count) dump_child(out, n->u.tmpl.expressions.items[i], d);
        }
        break;
    case AST_TAGGED_TEMPLATE:
        dump_child(out, n->u.tagged.tag, d);
        dump_child(out, n->u.tagged.quasi, d);
        break;
    case AST_BOOL: fputs(n->u.boolean.value ? " true" : " false", out); break;
    case AST_ARRAY:
    case AST_OBJECT:
    case AST_SEQUENCE:
    case AST_ARRAY_PATTERN:
    case AST_OBJECT_PATTERN: dump_list(out, &n->u.list, d); break;
    case AST_PROPERTY: {
        static const char *const k[] = {"?", "init", "get", "set", "proto"};
        fprintf(out, " %s", k[n->u.property.kind < 5 ? n->u.property.kind : 0]);
        if (n->u.property.computed) fputs(" :computed", out);
        if (n->u.property.shorthand) fputs(" :shorthand", out);
        if (n->u.property.method) fputs(" :method", out);
        dump_child(out, n->u.property.key, d);
        dump_child(out, n->u.property.value, d);
        break;
    }
    case AST_CLASS_MEMBER: {
        static const char *const k[] = {"?",     "method",       "get",         "set",
                                        "field", "static-block", "constructor", "accessor"};
        fprintf(out, " %s", k[n->u.member_def.kind < 8 ? n->u.member_def.kind : 0]);
        if (n->u.member_def.is_static) fputs(" :static", out);
        if (n->u.member_def.computed) fputs(" :computed", out);
        if (n->u.member_def.key) dump_child(out, n->u.member_def.key, d);
        if (n->u.member_def.value) dump_child(out, n->u.member_def.value, d);
        break;
    }
    case AST_UNARY:
    case AST_AWAIT:
        if (n->kind == AST_UNARY) fprintf(out, " \"%s\"", ast_op_name((AstOp)n->u.unary.op));
        dump_child(out, n->u.unary.argument, d);
        break;
    case AST_UPDATE:
        fprintf(out, " \"%s\" %s", ast_op_name((AstOp)n->u.update.op),
                n->u.update.prefix ? "prefix" : "postfix");
        dump_child(out, n->u.update.argument, d);
        break;
    case AST_BINARY:
    case AST_LOGICAL:
        fprintf(out, " \"%s\"", ast_op_name((AstOp)n->u.binary.op));
        dump_child(out, n->u.binary.left, d);
        dump_child(out, n->u.binary.right, d);
        break;
    case AST_ASSIGN:
        if (n->u.assign.op == AST_OP_ASSIGN)
            fputs(" \"=\"", out);
        else
            fprintf(out, " \"%s=\"", ast_op_name((AstOp)n->u.assign.op));
        dump_child(out, n->u.assign.target, d);
        dump_child(out, n->u.assign.value, d);
        break;
    case AST_CONDITIONAL:
        dump_child(out, n->u.cond.test, d);
        dump_child(out, n->u.cond.consequent, d);
        dump_child(out, n->u.cond.alternate, d);
        break;
    case AST_CALL:
    case AST_NEW:
        if (n->u.call.optional) fputs(" :optional", out);
        if (n->flags & AST_NODE_DIRECT_EVAL) fputs(" :eval", out);
        dump_child(out, n->u.call.callee, d);
        dump_list(out, &n->u.call.arguments, d);
        break;
    case AST_MEMBER:
        if (n->u.member.optional) fputs(" :optional", out);
        if (n->u.member.computed) fputs(" :computed", out);
        dump_child(out, n->u.member.object, d);
        dump_child(out, n->u.member.property, d);
        break;
    case AST_OPTIONAL_CHAIN: dump_child(out, n->u.chain.expression, d); break;
    case AST_SPREAD:
    case AST_REST: dump_child(out, n->u.spread.argument, d); break;
    case AST_YIELD:
        if (n->u.yield.delegate) fputs(" :delegate", out);
        if (n->u.yield.argument) dump_child(out, n->u.yield.argument, d);
        break;
    case AST_IMPORT_CALL:
        dump_child(out, n->u.import_call.source, d);
        if (n->u.import_call.options) dump_child(out, n->u.import_call.options, d);
        break;
    case AST_ASSIGN_PATTERN:
        dump_child(out, n->u.assign_pattern.target, d);
        dump_child(out, n->u.assign_pattern.value, d);
        break;
    }
    fputc(')', out);
}

void ast_dump(FILE *out, const AstNode *node) {
    if (node)
        dump_node(out, node, 0);
    else
        fputs("nil", out);
    fputc('\n', out);
}

char *ast_dump_string(const AstNode *node) {
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    if (!f) return NULL;
    ast_dump(f, node);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}
