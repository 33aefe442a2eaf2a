/* lexer.h — ECMAScript tokens from UTF-8 source text.
 *
 * The lexer does not know about strict mode: it reports everything a strict
 * check needs on the token (legacy octal numbers, octal escapes in strings,
 * escaped keywords) and the parser decides. Context the lexer cannot see is
 * requested explicitly: the parser calls lexer_rescan_regexp() when a `/` or
 * `/=` starts an expression, and lexer_rescan_template() when a `}` closes a
 * template substitution.
 *
 * Strings in tokens (identifier names, cooked string values, template
 * pieces, regex bodies) are allocated in the lexer's arena as UTF-16.
 * The lexer state is a plain struct: copying it saves a position that can
 * be restored (the parser's lookahead does that).
 */
#ifndef MICA_COMPILER_LEXER_H
#define MICA_COMPILER_LEXER_H

#include "compiler/ast.h"

typedef enum TokenType {
    TOK_ERROR = 0, /* lexer error; message in Lexer.error_message */
    TOK_EOF,
    TOK_IDENT,        /* IdentifierName, including reserved words (see kw) */
    TOK_PRIVATE_NAME, /* #name; str holds name without '#' */
    TOK_NUMBER,       /* num */
    TOK_BIGINT,       /* bigint_digits / bigint_len / bigint_radix */
    TOK_STRING,       /* str (cooked) */
    TOK_TEMPLATE,     /* a template piece: str = cooked (if cooked_valid), raw;
                         template_tail: ends with ` (else with ${) */
    TOK_REGEXP,       /* only from lexer_rescan_regexp: str = body, raw = flags */

    /* punctuators */
    TOK_LBRACE,
    TOK_RBRACE,
    TOK_LPAREN,
    TOK_RPAREN,
    TOK_LBRACKET,
    TOK_RBRACKET,
    TOK_DOT,
    TOK_ELLIPSIS,
    TOK_SEMI,
    TOK_COMMA,
    TOK_LT,
    TOK_GT,
    TOK_LE,
    TOK_GE,
    TOK_EQ,
    TOK_NE,
    TOK_STRICT_EQ,
    TOK_STRICT_NE,
    TOK_PLUS,
    TOK_MINUS,
    TOK_STAR,
    TOK_PERCENT,
    TOK_STAR_STAR,
    TOK_INC,
    TOK_DEC,
    TOK_SHL,
    TOK_SAR,
    TOK_SHR,
    TOK_AMP,
    TOK_PIPE,
    TOK_CARET,
    TOK_BANG,
    TOK_TILDE,
    TOK_AND,
    TOK_OR,
    TOK_NULLISH,
    TOK_QUESTION,
    TOK_QUESTION_DOT,
    TOK_COLON,
    TOK_ASSIGN,
    TOK_PLUS_ASSIGN,
    TOK_MINUS_ASSIGN,
    TOK_STAR_ASSIGN,
    TOK_PERCENT_ASSIGN,
    TOK_STAR_STAR_ASSIGN,
    TOK_SHL_ASSIGN,
    TOK_SAR_ASSIGN,
    TOK_SHR_ASSIGN,
    TOK_AMP_ASSIGN,
    TOK_PIPE_ASSIGN,
    TOK_CARET_ASSIGN,
    TOK_AND_ASSIGN,
    TOK_OR_ASSIGN,
    TOK_NULLISH_ASSIGN,
    TOK_ARROW,
    TOK_SLASH,
    TOK_SLASH_ASSIGN,
    TOK_AT,
    TOK_TYPE_COUNT
} TokenType;

/* Reserved words and contextual keywords, recognised on TOK_IDENT by name
 * (with escapes decoded; Token.escaped tells whether any were used). */
typedef enum Keyword {
    KW_NONE = 0,
    /* ReservedWord */
    KW_AWAIT,
    KW_BREAK,
    KW_CASE,
    KW_CATCH,
    KW_CLASS,
    KW_CONST,
    KW_CONTINUE,
    KW_DEBUGGER,
    KW_DEFAULT,
    KW_DELETE,
    KW_DO,
    KW_ELSE,
    KW_ENUM,
    KW_EXPORT,
    KW_EXTENDS,
    KW_FALSE,
    KW_FINALLY,
    KW_FOR,
    KW_FUNCTION,
    KW_IF,
    KW_IMPORT,
    KW_IN,
    KW_INSTANCEOF,
    KW_NEW,
    KW_NULL,
    KW_RETURN,
    KW_SUPER,
    KW_SWITCH,
    KW_THIS,
    KW_THROW,
    KW_TRUE,
    KW_TRY,
    KW_TYPEOF,
    KW_VAR,
    KW_VOID,
    KW_WHILE,
    KW_WITH,
    KW_YIELD,
    /* strict-mode reserved */
    KW_LET,
    KW_STATIC,
    KW_IMPLEMENTS,
    KW_INTERFACE,
    KW_PACKAGE,
    KW_PRIVATE,
    KW_PROTECTED,
    KW_PUBLIC,
    /* contextual, never reserved */
    KW_AS,
    KW_ASYNC,
    KW_FROM,
    KW_GET,
    KW_META,
    KW_OF,
    KW_SET,
    KW_TARGET,
    KW_ARGUMENTS,
    KW_EVAL,
    KW_CONSTRUCTOR,
    KW_PROTO, /* __proto__ */
    KW_COUNT
} Keyword;

typedef struct Token {
    uint8_t type;       /* TokenType */
    uint8_t kw;         /* Keyword for TOK_IDENT */
    bool nl_before;     /* a LineTerminator precedes it (for ASI) */
    bool escaped;       /* identifier / keyword written with \u escapes */
    bool legacy_octal;  /* number: 017 or 08 form; string: \0dd, \1-\7, \8, \9 escape */
    bool cooked_valid;  /* template piece: cooked value exists */
    bool template_tail; /* template piece ends the template */
    uint8_t bigint_radix;
    uint32_t start, end;               /* byte offsets of the token text */
    uint32_t line, column;             /* 1-based */
    uint32_t octal_line, octal_column; /* string/template: first bad escape */
    double num;
    AstStr str;                /* identifier name, string value, template cooked, regex body */
    AstStr raw;                /* template raw, regex flags */
    const char *bigint_digits; /* NUL-terminated in the arena */
    uint32_t bigint_len;
} Token;

typedef struct Lexer {
    const uint8_t *src;
    uint32_t len;
    uint32_t pos;        /* next byte to scan */
    uint32_t line;       /* line of pos */
    uint32_t line_start; /* byte offset where that line begins */
    /* Column cache: UTF-16 column of col_pos (on line col_line). */
    uint32_t col_pos, col_line, col_value;
    bool module;         /* no HTML-like comments */
    bool allow_hashbang; /* #! at offset 0 is a comment */
    bool wtf8;           /* src came from a JS string (eval, Function): encoded lone
                            surrogates (WTF-8) are code units of the source text */
    AstArena *arena;
    /* Error (type TOK_ERROR returned). */
    char error_message[200];
    uint32_t error_line, error_column;
    bool error_oom; /* out of memory: RangeError instead of SyntaxError */
} Lexer;

void lexer_init(Lexer *lex, AstArena *arena, const char *src, size_t len, bool module);
/* Scans the next token after the current position (regular-expression goal
 * off: `/` is division). Returns tok->type. */
int lexer_next(Lexer *lex, Token *tok);
/* `tok` is a TOK_SLASH or TOK_SLASH_ASSIGN just returned: rescan it as a
 * regular expression literal. */
int lexer_rescan_regexp(Lexer *lex, Token *tok);
/* `tok` is a TOK_RBRACE just returned that closes a template substitution:
 * rescan from it as a TemplateMiddle / TemplateTail. */
int lexer_rescan_template(Lexer *lex, Token *tok);
/* UTF-16 column (1-based) of byte offset `pos` on line `line` starting at
 * `line_start`. */
uint32_t lexer_column(Lexer *lex, uint32_t pos, uint32_t line, uint32_t line_start);

/* Keyword of an identifier name (KW_NONE if none). */
int lexer_keyword(const uint16_t *s, uint32_t len);

const char *token_type_name(int type); /* "{", "=>", "identifier", ... */
const char *keyword_name(int kw);

#endif
