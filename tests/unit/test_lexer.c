/* test_lexer.c — tokens, positions, literal values and lexical errors. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compiler/lexer.h"
#include "test.h"

static AstArena arena;
static Lexer lex;
static Token tok;

static void start(const char *src) {
    ast_arena_free(&arena);
    ast_arena_init(&arena);
    lexer_init(&lex, &arena, src, strlen(src), false);
}

static int next(void) {
    return lexer_next(&lex, &tok);
}

/* The token's string value as ASCII (non-ASCII as \uXXXX) for comparisons. */
static const char *str_of(AstStr s) {
    static char buf[512];
    size_t n = 0;
    for (uint32_t i = 0; i < s.len && n + 8 < sizeof buf; i++) {
        if (s.s[i] < 0x80)
            buf[n++] = (char)s.s[i];
        else
            n += (size_t)snprintf(buf + n, sizeof buf - n, "\\u%04X", s.s[i]);
    }
    buf[n] = 0;
    return buf;
}

static double number_of(const char *src) {
    start(src);
    if (next() != TOK_NUMBER) return NAN;
    return tok.num;
}

static int error_of(const char *src) {
    start(src);
    int t;
    while ((t = next()) != TOK_EOF && t != TOK_ERROR) {
    }
    return t;
}

static void test_punctuators(void) {
    start("{ } ( ) [ ] . ... ; , < > <= >= == != === !== + - * % ** ++ -- << >> >>> & | ^ ! ~ "
          "&& || ?? ? ?. : = += -= *= %= **= <<= >>= >>>= &= |= ^= &&= ||= ?\?= => / /=");
    int expected[] = {TOK_LBRACE,
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
                      TOK_EOF};
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        int t = next();
        if (t != expected[i])
            fprintf(stderr, "token %zu: got %s want %s\n", i, token_type_name(t),
                    token_type_name(expected[i]));
        CHECK(t == expected[i]);
    }
    /* ?. followed by a digit is ? then a number */
    start("a?.5:b");
    next();
    CHECK(next() == TOK_QUESTION);
    CHECK(next() == TOK_NUMBER && tok.num == 0.5);
}

static void test_numbers(void) {
    CHECK(number_of("0") == 0);
    CHECK(number_of("42") == 42);
    CHECK(number_of(".5") == 0.5);
    CHECK(number_of("5.") == 5);
    CHECK(number_of("1e3") == 1000);
    CHECK(number_of("1.5E-2") == 0.015);
    CHECK(number_of("0x1F") == 31);
    CHECK(number_of("0o17") == 15);
    CHECK(number_of("0b101") == 5);
    CHECK(number_of("1_000_000") == 1000000);
    CHECK(number_of("0x_1") != number_of("0x_1") || lex.error_message[0]); /* error */
    CHECK(number_of("017") == 15 && tok.legacy_octal);
    CHECK(number_of("08") == 8 && tok.legacy_octal);
    CHECK(number_of("09.5") == 9.5);
    CHECK(number_of("0.1") == 0.1);
    CHECK(number_of("9007199254740993") == 9007199254740992.0); /* correctly rounded */
    CHECK(number_of("1e400") == INFINITY);
    start("123n");
    CHECK(next() == TOK_BIGINT && tok.bigint_radix == 10 && strcmp(tok.bigint_digits, "123") == 0);
    start("0xFFn");
    CHECK(next() == TOK_BIGINT && tok.bigint_radix == 16 && strcmp(tok.bigint_digits, "FF") == 0);
    start("0n");
    CHECK(next() == TOK_BIGINT && strcmp(tok.bigint_digits, "0") == 0);
    CHECK(error_of("1__0") == TOK_ERROR);
    CHECK(strstr(lex.error_message, "separator") != NULL);
    CHECK(error_of("1_") == TOK_ERROR);
    CHECK(error_of("0_1") == TOK_ERROR);
    CHECK(error_of("1._5") == TOK_ERROR);
    CHECK(error_of("1e_5") == TOK_ERROR);
    CHECK(error_of("3in x") == TOK_ERROR);
    CHECK(error_of("1.5n") == TOK_ERROR);
    CHECK(error_of("017n") == TOK_ERROR);
    CHECK(error_of("0x") == TOK_ERROR);
    CHECK(error_of("1e") == TOK_ERROR);
    /* 5..toString(): number "5." then "." */
    start("5..x");
    CHECK(next() == TOK_NUMBER && tok.num == 5);
    CHECK(next() == TOK_DOT);
}

static void test_strings(void) {
    start("'a\\n\\x41\\u0042\\u{1F600}\\'\"'");
    CHECK(next() == TOK_STRING);
    CHECK_STR(str_of(tok.str), "a\n"
                               "AB\\uD83D\\uDE00'\"");
    start("'\\0'");
    CHECK(next() == TOK_STRING && tok.str.len == 1 && tok.str.s[0] == 0 && !tok.legacy_octal);
    start("'\\101\\8'");
    CHECK(next() == TOK_STRING && tok.legacy_octal);
    CHECK_STR(str_of(tok.str), "A8");
    start("'a\\\nb'");
    CHECK(next() == TOK_STRING);
    CHECK_STR(str_of(tok.str), "ab");
    start("'\\uD800'"); /* lone surrogate survives */
    CHECK(next() == TOK_STRING && tok.str.len == 1 && tok.str.s[0] == 0xD800);
    start("'\xE2\x80\xA8'"); /* LS allowed in strings */
    CHECK(next() == TOK_STRING && tok.str.len == 1 && tok.str.s[0] == 0x2028);
    CHECK(error_of("'abc") == TOK_ERROR);
    CHECK_STR(lex.error_message, "Unterminated string literal");
    CHECK(error_of("'a\nb'") == TOK_ERROR);
    CHECK(error_of("'\\x4'") == TOK_ERROR);
    CHECK(error_of("'\\u{110000}'") == TOK_ERROR);
}

static void test_templates(void) {
    start("`a${x}b\\n${y}c`");
    CHECK(next() == TOK_TEMPLATE && !tok.template_tail);
    CHECK_STR(str_of(tok.str), "a");
    CHECK(next() == TOK_IDENT);
    CHECK(next() == TOK_RBRACE);
    CHECK(lexer_rescan_template(&lex, &tok) == TOK_TEMPLATE && !tok.template_tail);
    CHECK_STR(str_of(tok.str), "b\n");
    CHECK_STR(str_of(tok.raw), "b\\n");
    CHECK(next() == TOK_IDENT);
    CHECK(next() == TOK_RBRACE);
    CHECK(lexer_rescan_template(&lex, &tok) == TOK_TEMPLATE && tok.template_tail);
    CHECK_STR(str_of(tok.str), "c");
    /* invalid escape: no cooked value, raw kept */
    start("`\\unicode`");
    CHECK(next() == TOK_TEMPLATE && !tok.cooked_valid);
    CHECK_STR(str_of(tok.raw), "\\unicode");
    start("`\\01`");
    CHECK(next() == TOK_TEMPLATE && !tok.cooked_valid);
    /* CRLF normalized in both */
    start("`a\r\nb`");
    CHECK(next() == TOK_TEMPLATE);
    CHECK_STR(str_of(tok.str), "a\nb");
    CHECK_STR(str_of(tok.raw), "a\nb");
    CHECK(error_of("`abc") == TOK_ERROR);
}

static void test_identifiers(void) {
    start("foo $ _x \\u0061b caf\xC3\xA9 if \\u0069f let #priv");
    CHECK(next() == TOK_IDENT && !tok.kw);
    CHECK_STR(str_of(tok.str), "foo");
    CHECK(next() == TOK_IDENT);
    CHECK(next() == TOK_IDENT);
    CHECK(next() == TOK_IDENT && tok.escaped);
    CHECK_STR(str_of(tok.str), "ab");
    CHECK(next() == TOK_IDENT);
    CHECK_STR(str_of(tok.str), "caf\\u00E9");
    CHECK(next() == TOK_IDENT && tok.kw == KW_IF && !tok.escaped);
    CHECK(next() == TOK_IDENT && tok.kw == KW_IF && tok.escaped);
    CHECK(next() == TOK_IDENT && tok.kw == KW_LET);
    CHECK(next() == TOK_PRIVATE_NAME);
    CHECK_STR(str_of(tok.str), "priv");
    CHECK(error_of("\\u0030x") == TOK_ERROR); /* digit cannot start */
    CHECK(error_of("a\\u") == TOK_ERROR);
    CHECK(error_of("#") == TOK_ERROR);
    CHECK(error_of("\x01") == TOK_ERROR);
}

static void test_regexp(void) {
    start("/a[/]b\\//gi x");
    CHECK(next() == TOK_SLASH);
    CHECK(lexer_rescan_regexp(&lex, &tok) == TOK_REGEXP);
    CHECK_STR(str_of(tok.str), "a[/]b\\/");
    CHECK_STR(str_of(tok.raw), "gi");
    CHECK(next() == TOK_IDENT);
    start("/=a/");
    CHECK(next() == TOK_SLASH_ASSIGN);
    CHECK(lexer_rescan_regexp(&lex, &tok) == TOK_REGEXP);
    CHECK_STR(str_of(tok.str), "=a");
    start("/a/gg");
    next();
    CHECK(lexer_rescan_regexp(&lex, &tok) == TOK_ERROR);
    start("/a/uv");
    next();
    CHECK(lexer_rescan_regexp(&lex, &tok) == TOK_ERROR);
    start("/a\n/");
    next();
    CHECK(lexer_rescan_regexp(&lex, &tok) == TOK_ERROR);
}

static void test_comments_and_positions(void) {
    start("#!shebang\na /* x\n y */ b // c\n<!-- html\n--> close\nc");
    CHECK(next() == TOK_IDENT && tok.line == 2 && tok.column == 1 && tok.nl_before);
    CHECK(next() == TOK_IDENT && tok.line == 3 && tok.column == 7 && tok.nl_before);
    CHECK(next() == TOK_IDENT && tok.line == 6 && tok.column == 1 && tok.nl_before);
    CHECK_STR(str_of(tok.str), "c");
    CHECK(next() == TOK_EOF);
    /* modules have no HTML-like comments */
    ast_arena_free(&arena);
    ast_arena_init(&arena);
    lexer_init(&lex, &arena, "a <!-- b", 8, true);
    CHECK(next() == TOK_IDENT);
    CHECK(next() == TOK_LT);
    /* columns count UTF-16 units */
    start("'\xF0\x9F\x98\x80' x");
    next();
    CHECK(next() == TOK_IDENT && tok.column == 6);
    start("a\xE2\x80\xA8"
          "b"); /* LS is a line terminator */
    next();
    CHECK(next() == TOK_IDENT && tok.nl_before && tok.line == 2);
    CHECK(error_of("/* never closed") == TOK_ERROR);
    CHECK_STR(lex.error_message, "Unterminated comment");
    CHECK(lex.error_line == 1 && lex.error_column == 1);
}

int main(void) {
    ast_arena_init(&arena);
    RUN(test_punctuators);
    RUN(test_numbers);
    RUN(test_strings);
    RUN(test_templates);
    RUN(test_identifiers);
    RUN(test_regexp);
    RUN(test_comments_and_positions);
    ast_arena_free(&arena);
    return TEST_EXIT();
}
