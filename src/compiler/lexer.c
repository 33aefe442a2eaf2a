/* lexer.c — ECMAScript lexical grammar — #sec-ecmascript-language-lexical-grammar.
 * See lexer.h for the contract with the parser. */
#include "compiler/lexer.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/dtoa.h"
#include "util/unicode.h"
#include "util/utf.h"

/* ---- helpers ------------------------------------------------------------- */

static int lex_error_at(Lexer *lex, uint32_t pos, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(lex->error_message, sizeof lex->error_message, fmt, ap);
    va_end(ap);
    /* The position's line: count from the current line start backwards if
     * needed (errors are usually on the current line). */
    uint32_t line = lex->line, line_start = lex->line_start;
    if (pos < line_start) {
        /* Recount from the beginning (rare: multi-line tokens). */
        line = 1;
        line_start = 0;
        for (uint32_t i = 0; i < pos; i++) {
            uint8_t c = lex->src[i];
            if (c == '\n' || (c == '\r' && !(i + 1 < lex->len && lex->src[i + 1] == '\n'))) {
                line++;
                line_start = i + 1;
            } else if (c == 0xE2 && i + 2 < lex->len && lex->src[i + 1] == 0x80 &&
                       (lex->src[i + 2] == 0xA8 || lex->src[i + 2] == 0xA9)) {
                line++;
                line_start = i + 3;
            }
        }
    }
    lex->error_line = line;
    lex->error_column = lexer_column(lex, pos, line, line_start);
    return TOK_ERROR;
}

static int lex_oom(Lexer *lex) {
    lex->error_oom = true;
    return lex_error_at(lex, lex->pos, "Out of memory while parsing");
}

/* Decode the code point at byte offset pos; *size gets its byte length. */
static inline uint32_t peek_cp(const Lexer *lex, uint32_t pos, int *size) {
    if (pos >= lex->len) {
        *size = 0;
        return (uint32_t)-1;
    }
    uint32_t cp;
    *size = lex->wtf8 ? wtf8_decode(lex->src + pos, lex->len - pos, &cp)
                      : utf8_decode(lex->src + pos, lex->len - pos, &cp);
    return cp;
}

static inline int byte_at(const Lexer *lex, uint32_t pos) {
    return pos < lex->len ? lex->src[pos] : -1;
}

static inline int hex_value(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

uint32_t lexer_column(Lexer *lex, uint32_t pos, uint32_t line, uint32_t line_start) {
    uint32_t from = line_start, col = 0;
    if (lex->col_line == line && lex->col_pos >= line_start && lex->col_pos <= pos) {
        from = lex->col_pos;
        col = lex->col_value;
    }
    for (uint32_t i = from; i < pos && i < lex->len; i++) {
        uint8_t b = lex->src[i];
        if ((b & 0xC0) != 0x80) col += b >= 0xF0 ? 2 : 1;
    }
    lex->col_line = line;
    lex->col_pos = pos;
    lex->col_value = col;
    return col + 1;
}

/* Advance past a line terminator starting at pos (already known to be one),
 * updating line bookkeeping. Returns the new pos. */
static uint32_t skip_line_terminator(Lexer *lex, uint32_t pos) {
    uint8_t c = lex->src[pos];
    if (c == '\r')
        pos += (pos + 1 < lex->len && lex->src[pos + 1] == '\n') ? 2 : 1;
    else if (c == '\n')
        pos += 1;
    else
        pos += 3; /* U+2028 / U+2029 */
    lex->line++;
    lex->line_start = pos;
    return pos;
}

/* Is there a line terminator at pos? Returns its byte length or 0. */
static inline int line_terminator_at(const Lexer *lex, uint32_t pos) {
    if (pos >= lex->len) return 0;
    uint8_t c = lex->src[pos];
    if (c == '\n' || c == '\r') return 1;
    if (c == 0xE2 && pos + 2 < lex->len && lex->src[pos + 1] == 0x80 &&
        (lex->src[pos + 2] == 0xA8 || lex->src[pos + 2] == 0xA9))
        return 3;
    return 0;
}

void lexer_init(Lexer *lex, AstArena *arena, const char *src, size_t len, bool module) {
    memset(lex, 0, sizeof *lex);
    lex->src = (const uint8_t *)src;
    lex->len = (uint32_t)len;
    lex->line = 1;
    lex->module = module;
    lex->allow_hashbang = true;
    lex->arena = arena;
    lex->col_line = 1;
}

/* ---- keywords ------------------------------------------------------------ */

static const char *const keyword_names[KW_COUNT] = {
    [KW_NONE] = "",
    [KW_AWAIT] = "await",
    [KW_BREAK] = "break",
    [KW_CASE] = "case",
    [KW_CATCH] = "catch",
    [KW_CLASS] = "class",
    [KW_CONST] = "const",
    [KW_CONTINUE] = "continue",
    [KW_DEBUGGER] = "debugger",
    [KW_DEFAULT] = "default",
    [KW_DELETE] = "delete",
    [KW_DO] = "do",
    [KW_ELSE] = "else",
    [KW_ENUM] = "enum",
    [KW_EXPORT] = "export",
    [KW_EXTENDS] = "extends",
    [KW_FALSE] = "false",
    [KW_FINALLY] = "finally",
    [KW_FOR] = "for",
    [KW_FUNCTION] = "function",
    [KW_IF] = "if",
    [KW_IMPORT] = "import",
    [KW_IN] = "in",
    [KW_INSTANCEOF] = "instanceof",
    [KW_NEW] = "new",
    [KW_NULL] = "null",
    [KW_RETURN] = "return",
    [KW_SUPER] = "super",
    [KW_SWITCH] = "switch",
    [KW_THIS] = "this",
    [KW_THROW] = "throw",
    [KW_TRUE] = "true",
    [KW_TRY] = "try",
    [KW_TYPEOF] = "typeof",
    [KW_VAR] = "var",
    [KW_VOID] = "void",
    [KW_WHILE] = "while",
    [KW_WITH] = "with",
    [KW_YIELD] = "yield",
    [KW_LET] = "let",
    [KW_STATIC] = "static",
    [KW_IMPLEMENTS] = "implements",
    [KW_INTERFACE] = "interface",
    [KW_PACKAGE] = "package",
    [KW_PRIVATE] = "private",
    [KW_PROTECTED] = "protected",
    [KW_PUBLIC] = "public",
    [KW_AS] = "as",
    [KW_ASYNC] = "async",
    [KW_FROM] = "from",
    [KW_GET] = "get",
    [KW_META] = "meta",
    [KW_OF] = "of",
    [KW_SET] = "set",
    [KW_TARGET] = "target",
    [KW_ARGUMENTS] = "arguments",
    [KW_EVAL] = "eval",
    [KW_CONSTRUCTOR] = "constructor",
    [KW_PROTO] = "__proto__",
};

const char *keyword_name(int kw) {
    return (kw > 0 && kw < KW_COUNT) ? keyword_names[kw] : "";
}

int lexer_keyword(const uint16_t *s, uint32_t len) {
    if (len < 2 || len > 11) return KW_NONE;
    char buf[12];
    for (uint32_t i = 0; i < len; i++) {
        if (s[i] >= 0x80) return KW_NONE;
        buf[i] = (char)s[i];
    }
    buf[len] = 0;
    /* Linear scan grouped by first letter keeps this simple and fast enough. */
    for (int k = 1; k < KW_COUNT; k++) {
        const char *name = keyword_names[k];
        if (name[0] == buf[0] && strcmp(name, buf) == 0) return k;
    }
    return KW_NONE;
}

/* ---- token names --------------------------------------------------------- */

static const char *const token_names[TOK_TYPE_COUNT] = {
    [TOK_ERROR] = "error",
    [TOK_EOF] = "end of input",
    [TOK_IDENT] = "identifier",
    [TOK_PRIVATE_NAME] = "private name",
    [TOK_NUMBER] = "number",
    [TOK_BIGINT] = "bigint",
    [TOK_STRING] = "string",
    [TOK_TEMPLATE] = "template string",
    [TOK_REGEXP] = "regular expression",
    [TOK_LBRACE] = "{",
    [TOK_RBRACE] = "}",
    [TOK_LPAREN] = "(",
    [TOK_RPAREN] = ")",
    [TOK_LBRACKET] = "[",
    [TOK_RBRACKET] = "]",
    [TOK_DOT] = ".",
    [TOK_ELLIPSIS] = "...",
    [TOK_SEMI] = ";",
    [TOK_COMMA] = ",",
    [TOK_LT] = "<",
    [TOK_GT] = ">",
    [TOK_LE] = "<=",
    [TOK_GE] = ">=",
    [TOK_EQ] = "==",
    [TOK_NE] = "!=",
    [TOK_STRICT_EQ] = "===",
    [TOK_STRICT_NE] = "!==",
    [TOK_PLUS] = "+",
    [TOK_MINUS] = "-",
    [TOK_STAR] = "*",
    [TOK_PERCENT] = "%",
    [TOK_STAR_STAR] = "**",
    [TOK_INC] = "++",
    [TOK_DEC] = "--",
    [TOK_SHL] = "<<",
    [TOK_SAR] = ">>",
    [TOK_SHR] = ">>>",
    [TOK_AMP] = "&",
    [TOK_PIPE] = "|",
    [TOK_CARET] = "^",
    [TOK_BANG] = "!",
    [TOK_TILDE] = "~",
    [TOK_AND] = "&&",
    [TOK_OR] = "||",
    [TOK_NULLISH] = "??",
    [TOK_QUESTION] = "?",
    [TOK_QUESTION_DOT] = "?.",
    [TOK_COLON] = ":",
    [TOK_ASSIGN] = "=",
    [TOK_PLUS_ASSIGN] = "+=",
    [TOK_MINUS_ASSIGN] = "-=",
    [TOK_STAR_ASSIGN] = "*=",
    [TOK_PERCENT_ASSIGN] = "%=",
    [TOK_STAR_STAR_ASSIGN] = "**=",
    [TOK_SHL_ASSIGN] = "<<=",
    [TOK_SAR_ASSIGN] = ">>=",
    [TOK_SHR_ASSIGN] = ">>>=",
    [TOK_AMP_ASSIGN] = "&=",
    [TOK_PIPE_ASSIGN] = "|=",
    [TOK_CARET_ASSIGN] = "^=",
    [TOK_AND_ASSIGN] = "&&=",
    [TOK_OR_ASSIGN] = "||=",
    [TOK_NULLISH_ASSIGN] = "?\?=",
    [TOK_ARROW] = "=>",
    [TOK_SLASH] = "/",
    [TOK_SLASH_ASSIGN] = "/=",
    [TOK_AT] = "@",
};

const char *token_type_name(int type) {
    return (type >= 0 && type < TOK_TYPE_COUNT && token_names[type]) ? token_names[type] : "?";
}

/* ---- white space and comments -------------------------------------------- */

/* Skips white space and comments from lex->pos. Sets *nl when a line
 * terminator was crossed. Returns TOK_EOF normally, TOK_ERROR for an
 * unterminated comment. */
static int skip_space(Lexer *lex, bool *nl) {
    uint32_t pos = lex->pos;
    /* Hashbang comment — #sec-hashbang: only at the very start. */
    if (pos == 0 && lex->allow_hashbang && lex->len >= 2 && lex->src[0] == '#' &&
        lex->src[1] == '!') {
        pos = 2;
        while (pos < lex->len && !line_terminator_at(lex, pos))
            pos++;
    }
    for (;;) {
        if (pos >= lex->len) break;
        uint8_t c = lex->src[pos];
        if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
            pos++;
            continue;
        }
        if (c == '\n' || c == '\r') {
            pos = skip_line_terminator(lex, pos);
            *nl = true;
            continue;
        }
        if (c == '/' && pos + 1 < lex->len) {
            uint8_t d = lex->src[pos + 1];
            if (d == '/') {
                pos += 2;
                while (pos < lex->len && !line_terminator_at(lex, pos))
                    pos++;
                continue;
            }
            if (d == '*') {
                uint32_t open = pos;
                pos += 2;
                for (;;) {
                    if (pos >= lex->len) {
                        lex->pos = pos;
                        return lex_error_at(lex, open, "Unterminated comment");
                    }
                    if (lex->src[pos] == '*' && pos + 1 < lex->len && lex->src[pos + 1] == '/') {
                        pos += 2;
                        break;
                    }
                    if (line_terminator_at(lex, pos)) {
                        pos = skip_line_terminator(lex, pos);
                        *nl = true;
                    } else {
                        pos++;
                    }
                }
                continue;
            }
        }
        if (!lex->module) {
            /* Annex B HTML-like comments — #sec-html-like-comments. */
            if (c == '<' && pos + 3 < lex->len && memcmp(lex->src + pos, "<!--", 4) == 0) {
                pos += 4;
                while (pos < lex->len && !line_terminator_at(lex, pos))
                    pos++;
                continue;
            }
            if (c == '-' && (*nl || lex->pos == 0 || pos == 0) && pos + 2 < lex->len &&
                memcmp(lex->src + pos, "-->", 3) == 0) {
                /* Only at the start of a line (after white space/comments). */
                bool line_start_ok = *nl;
                if (!line_start_ok) {
                    /* at the start of input: everything before was space/comments */
                    line_start_ok = true;
                }
                if (line_start_ok) {
                    pos += 3;
                    while (pos < lex->len && !line_terminator_at(lex, pos))
                        pos++;
                    continue;
                }
            }
        }
        if (c >= 0x80) {
            int size;
            uint32_t cp = peek_cp(lex, pos, &size);
            if (cp == 0x2028 || cp == 0x2029) {
                pos = skip_line_terminator(lex, pos);
                *nl = true;
                continue;
            }
            if (uni_is_space(cp)) {
                pos += (uint32_t)size;
                continue;
            }
        }
        break;
    }
    lex->pos = pos;
    return TOK_EOF;
}

/* ---- identifiers --------------------------------------------------------- */

/* Reads a \uHHHH or \u{H...} escape at pos (pointing at the backslash).
 * Returns the code point, or -1 if malformed; *after gets the end. */
static int64_t read_unicode_escape(const Lexer *lex, uint32_t pos, uint32_t *after) {
    if (byte_at(lex, pos) != '\\' || byte_at(lex, pos + 1) != 'u') return -1;
    pos += 2;
    if (byte_at(lex, pos) == '{') {
        pos++;
        uint32_t v = 0;
        int digits = 0;
        int h;
        while ((h = hex_value(byte_at(lex, pos))) >= 0) {
            v = v * 16 + (uint32_t)h;
            if (v > 0x10FFFF) return -1;
            digits++;
            pos++;
        }
        if (digits == 0 || byte_at(lex, pos) != '}') return -1;
        *after = pos + 1;
        return v;
    }
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hex_value(byte_at(lex, pos + (uint32_t)i));
        if (h < 0) return -1;
        v = v * 16 + (uint32_t)h;
    }
    *after = pos + 4;
    return v;
}

static bool push_unit(uint16_t *buf, uint32_t *n, uint32_t cp) {
    uint16_t units[2];
    int k = utf16_encode(cp, units);
    for (int i = 0; i < k; i++)
        buf[(*n)++] = units[i];
    return true;
}

/* Scans an IdentifierName starting at pos (whose first char is known to be
 * an identifier start or a backslash). Fills tok->str / escaped. Returns the
 * end position or 0 on error (error already recorded). */
static uint32_t scan_identifier_name(Lexer *lex, uint32_t pos, Token *tok) {
    uint32_t start = pos;
    bool escaped = false, ascii = true;
    bool first = true;
    /* Pass 1: validate and find the end. */
    for (;;) {
        int c = byte_at(lex, pos);
        if (c < 0) break;
        if (c < 0x80 && c != '\\') {
            bool ok = first ? uni_is_id_start((uint32_t)c) : uni_is_id_continue((uint32_t)c);
            if (!ok) break;
            pos++;
        } else if (c == '\\') {
            uint32_t after;
            int64_t cp = read_unicode_escape(lex, pos, &after);
            if (cp < 0) {
                lex_error_at(lex, pos, "Invalid Unicode escape sequence");
                return 0;
            }
            bool ok = first ? uni_is_id_start((uint32_t)cp) : uni_is_id_continue((uint32_t)cp);
            if (!ok) {
                lex_error_at(lex, pos, "Invalid Unicode escape sequence");
                return 0;
            }
            escaped = true;
            pos = after;
        } else {
            int size;
            uint32_t cp = peek_cp(lex, pos, &size);
            bool ok = first ? uni_is_id_start(cp) : uni_is_id_continue(cp);
            if (!ok) break;
            ascii = false;
            pos += (uint32_t)size;
        }
        first = false;
    }
    uint32_t end = pos;
    uint32_t cap = end - start;
    uint16_t *buf = ast_arena_alloc(lex->arena, (cap ? cap : 1) * sizeof(uint16_t));
    if (!buf) {
        lex_oom(lex);
        return 0;
    }
    uint32_t n = 0;
    if (!escaped && ascii) {
        for (uint32_t i = start; i < end; i++)
            buf[n++] = lex->src[i];
    } else {
        for (pos = start; pos < end;) {
            int c = lex->src[pos];
            if (c == '\\') {
                uint32_t after;
                int64_t cp = read_unicode_escape(lex, pos, &after);
                push_unit(buf, &n, (uint32_t)cp);
                pos = after;
            } else {
                int size;
                uint32_t cp = peek_cp(lex, pos, &size);
                push_unit(buf, &n, cp);
                pos += (uint32_t)size;
            }
        }
    }
    tok->str.s = buf;
    tok->str.len = n;
    tok->escaped = escaped;
    return end;
}

static bool is_identifier_start_at(const Lexer *lex, uint32_t pos) {
    int c = byte_at(lex, pos);
    if (c < 0) return false;
    if (c == '\\') return true;
    if (c < 0x80) return uni_is_id_start((uint32_t)c);
    int size;
    uint32_t cp = peek_cp(lex, pos, &size);
    return uni_is_id_start(cp);
}

/* ---- numbers ------------------------------------------------------------- */

static bool is_digit_in_radix(int c, int radix) {
    int v = hex_value(c);
    return v >= 0 && v < radix && !(radix <= 10 && !(c >= '0' && c <= '9'));
}

/* Reads digits of `radix` with numeric separators (#sec-numeric-literals:
 * a `_` only between two digits). Appends digits to buf. Returns the digit
 * count, or -1 after recording an error. */
static int scan_digits(Lexer *lex, uint32_t *ppos, int radix, char *buf, uint32_t *n,
                       bool allow_separators) {
    uint32_t pos = *ppos;
    int count = 0;
    for (;;) {
        int c = byte_at(lex, pos);
        if (c == '_' && allow_separators) {
            if (count == 0 || !is_digit_in_radix(byte_at(lex, pos + 1), radix)) {
                lex_error_at(lex, pos, "Numeric separators are only allowed between digits");
                return -1;
            }
            pos++;
            continue;
        }
        if (!is_digit_in_radix(c, radix)) break;
        buf[(*n)++] = (char)c;
        count++;
        pos++;
    }
    *ppos = pos;
    return count;
}

static int scan_number(Lexer *lex, Token *tok) {
    uint32_t start = lex->pos, pos = start;
    uint32_t cap = 0;
    /* The digit buffer never needs more than the remaining literal text. */
    {
        uint32_t p = pos;
        while (p < lex->len) {
            int c = lex->src[p];
            if ((c >= '0' && c <= '9') || (c | 0x20) - 'a' < 26 || c == '_' || c == '.' ||
                c == '+' || c == '-')
                p++;
            else
                break;
        }
        cap = p - pos + 4;
    }
    char *buf = ast_arena_alloc(lex->arena, cap);
    if (!buf) return lex_oom(lex);
    uint32_t n = 0;
    int c0 = lex->src[pos];
    int c1 = byte_at(lex, pos + 1);
    tok->legacy_octal = false;
    bool is_bigint = false;
    int radix = 10;

    if (c0 == '0' && (c1 == 'x' || c1 == 'X' || c1 == 'o' || c1 == 'O' || c1 == 'b' || c1 == 'B')) {
        radix = (c1 | 0x20) == 'x' ? 16 : (c1 | 0x20) == 'o' ? 8 : 2;
        pos += 2;
        if (byte_at(lex, pos) == '_')
            return lex_error_at(lex, pos, "Numeric separators are only allowed between digits");
        int k = scan_digits(lex, &pos, radix, buf, &n, true);
        if (k < 0) return TOK_ERROR;
        if (k == 0) return lex_error_at(lex, start, "Invalid or unexpected token");
        if (byte_at(lex, pos) == 'n') {
            is_bigint = true;
            pos++;
        } else {
            tok->num = dtoa_parse_radix_int(buf, n, radix);
        }
    } else if (c0 == '0' && c1 >= '0' && c1 <= '9') {
        /* LegacyOctalIntegerLiteral or NonOctalDecimalIntegerLiteral (Annex B /
         * #sec-additional-syntax-numeric-literals); strict mode rejects both. */
        tok->legacy_octal = true;
        pos++;
        bool octal = true;
        while (byte_at(lex, pos) >= '0' && byte_at(lex, pos) <= '9') {
            if (lex->src[pos] >= '8') octal = false;
            buf[n++] = (char)lex->src[pos++];
        }
        if (byte_at(lex, pos) == '_')
            return lex_error_at(lex, pos, "Numeric separators are not allowed here");
        if (byte_at(lex, pos) == 'n') return lex_error_at(lex, start, "Invalid BigInt literal");
        if (octal) {
            tok->num = dtoa_parse_radix_int(buf, n, 8);
        } else {
            /* NonOctalDecimalIntegerLiteral may take a fraction/exponent. */
            if (byte_at(lex, pos) == '.') {
                pos++;
                buf[n++] = '.';
                uint32_t before = n;
                if (byte_at(lex, pos) == '_')
                    return lex_error_at(lex, pos,
                                        "Numeric separators are only allowed between digits");
                if (scan_digits(lex, &pos, 10, buf, &n, true) < 0) return TOK_ERROR;
                if (n == before) n--; /* "8." -> "8" */
            }
            int e = byte_at(lex, pos);
            if (e == 'e' || e == 'E') {
                pos++;
                buf[n++] = 'e';
                int s = byte_at(lex, pos);
                if (s == '+' || s == '-') {
                    buf[n++] = (char)s;
                    pos++;
                }
                if (byte_at(lex, pos) == '_')
                    return lex_error_at(lex, pos,
                                        "Numeric separators are only allowed between digits");
                int k = scan_digits(lex, &pos, 10, buf, &n, true);
                if (k < 0) return TOK_ERROR;
                if (k == 0) return lex_error_at(lex, start, "Invalid or unexpected token");
            }
            tok->num = dtoa_strtod(buf, n);
        }
    } else {
        bool has_int = false, has_dot = false, has_exp = false;
        if (c0 != '.') {
            if (c0 == '0' && c1 == '_')
                return lex_error_at(lex, pos + 1,
                                    "Numeric separators are not allowed after a leading 0");
            if (scan_digits(lex, &pos, 10, buf, &n, true) < 0) return TOK_ERROR;
            has_int = true;
        } else {
            buf[n++] = '0';
        }
        if (byte_at(lex, pos) == '.') {
            has_dot = true;
            pos++;
            if (byte_at(lex, pos) == '_')
                return lex_error_at(lex, pos, "Numeric separators are only allowed between digits");
            buf[n++] = '.';
            int k = scan_digits(lex, &pos, 10, buf, &n, true);
            if (k < 0) return TOK_ERROR;
            if (k == 0) n--;
        }
        (void)has_int;
        int e = byte_at(lex, pos);
        if (e == 'e' || e == 'E') {
            has_exp = true;
            pos++;
            buf[n++] = 'e';
            int s = byte_at(lex, pos);
            if (s == '+' || s == '-') {
                buf[n++] = (char)s;
                pos++;
            }
            if (byte_at(lex, pos) == '_')
                return lex_error_at(lex, pos, "Numeric separators are only allowed between digits");
            int k = scan_digits(lex, &pos, 10, buf, &n, true);
            if (k < 0) return TOK_ERROR;
            if (k == 0) return lex_error_at(lex, start, "Invalid or unexpected token");
        }
        if (byte_at(lex, pos) == 'n') {
            if (has_dot || has_exp) return lex_error_at(lex, start, "Invalid BigInt literal");
            is_bigint = true;
            pos++;
        } else {
            tok->num = dtoa_strtod(buf, n);
        }
    }
    /* #sec-numeric-literals: the source character immediately following a
     * NumericLiteral must not be an IdentifierStart or DecimalDigit. */
    int next = byte_at(lex, pos);
    if ((next >= '0' && next <= '9') || is_identifier_start_at(lex, pos))
        return lex_error_at(lex, pos, "Invalid or unexpected token");
    if (is_bigint) {
        /* Strip leading zeros so the digits are canonical (keep one). */
        uint32_t skip = 0;
        while (skip + 1 < n && buf[skip] == '0')
            skip++;
        buf[n] = 0;
        tok->bigint_digits = buf + skip;
        tok->bigint_len = n - skip;
        tok->bigint_radix = (uint8_t)radix;
        tok->type = TOK_BIGINT;
    } else {
        tok->type = TOK_NUMBER;
    }
    lex->pos = pos;
    return tok->type;
}

/* ---- strings and templates ----------------------------------------------- */

/* Decodes an escape sequence after the backslash at pos (pos points at the
 * char after '\'). For strings (template=false) legacy octal escapes are
 * accepted and flagged; for templates they make the cooked value invalid.
 * Returns:  1 a code point in *cp (surrogate escapes may be lone units),
 *           0 a line continuation (nothing to append),
 *          -1 an invalid escape (error recorded for strings; for templates
 *             the caller marks cooked invalid). *after gets the end. */
static int decode_escape(Lexer *lex, uint32_t pos, bool template_mode, Token *tok, uint32_t *cp,
                         uint32_t *after) {
    int c = byte_at(lex, pos);
    int lt = line_terminator_at(lex, pos);
    if (lt) {
        /* LineContinuation; CRLF counts as one. */
        uint32_t p = pos;
        if (lex->src[p] == '\r' && byte_at(lex, p + 1) == '\n')
            p += 2;
        else
            p += (uint32_t)lt;
        *after = p;
        return 0;
    }
    switch (c) {
    case 'b':
        *cp = 0x08;
        *after = pos + 1;
        return 1;
    case 't':
        *cp = 0x09;
        *after = pos + 1;
        return 1;
    case 'n':
        *cp = 0x0A;
        *after = pos + 1;
        return 1;
    case 'v':
        *cp = 0x0B;
        *after = pos + 1;
        return 1;
    case 'f':
        *cp = 0x0C;
        *after = pos + 1;
        return 1;
    case 'r':
        *cp = 0x0D;
        *after = pos + 1;
        return 1;
    case 'x': {
        int h1 = hex_value(byte_at(lex, pos + 1)), h2 = hex_value(byte_at(lex, pos + 2));
        if (h1 < 0 || h2 < 0) {
            if (!template_mode) lex_error_at(lex, pos - 1, "Invalid hexadecimal escape sequence");
            return -1;
        }
        *cp = (uint32_t)(h1 * 16 + h2);
        *after = pos + 3;
        return 1;
    }
    case 'u': {
        int64_t v = read_unicode_escape(lex, pos - 1, after);
        if (v < 0) {
            if (!template_mode) lex_error_at(lex, pos - 1, "Invalid Unicode escape sequence");
            return -1;
        }
        *cp = (uint32_t)v;
        return 1;
    }
    default: break;
    }
    if (c >= '0' && c <= '9') {
        int d1 = byte_at(lex, pos + 1);
        if (c == '0' && !(d1 >= '0' && d1 <= '9')) {
            *cp = 0;
            *after = pos + 1;
            return 1;
        }
        if (template_mode) return -1;
        if (!tok->legacy_octal) {
            tok->legacy_octal = true;
            tok->octal_line = lex->line;
            tok->octal_column = lexer_column(lex, pos - 1, lex->line, lex->line_start);
        }
        if (c >= '8') { /* NonOctalDecimalEscapeSequence */
            *cp = (uint32_t)c;
            *after = pos + 1;
            return 1;
        }
        /* LegacyOctalEscapeSequence: up to 3 digits, value <= 0377. */
        uint32_t v = (uint32_t)(c - '0');
        uint32_t p = pos + 1;
        int max_digits = c <= '3' ? 3 : 2;
        for (int i = 1; i < max_digits; i++) {
            int d = byte_at(lex, p);
            if (d < '0' || d > '7') break;
            v = v * 8 + (uint32_t)(d - '0');
            p++;
        }
        *cp = v;
        *after = p;
        return 1;
    }
    if (c < 0) {
        *after = pos;
        return -1;
    }
    /* CharacterEscapeSequence: NonEscapeCharacter stands for itself. */
    int size;
    *cp = peek_cp(lex, pos, &size);
    *after = pos + (uint32_t)size;
    return 1;
}

static int scan_string(Lexer *lex, Token *tok) {
    uint32_t start = lex->pos;
    uint8_t quote = lex->src[start];
    uint32_t pos = start + 1;
    /* Pass 1: find the closing quote. */
    for (;;) {
        if (pos >= lex->len) return lex_error_at(lex, start, "Unterminated string literal");
        uint8_t c = lex->src[pos];
        if (c == quote) break;
        if (c == '\n' || c == '\r') return lex_error_at(lex, start, "Unterminated string literal");
        if (c == '\\') {
            pos++;
            if (pos >= lex->len) return lex_error_at(lex, start, "Unterminated string literal");
            if (lex->src[pos] == '\r' && byte_at(lex, pos + 1) == '\n') pos++;
        }
        pos++;
    }
    uint32_t end = pos; /* closing quote */
    uint32_t cap = end - start;
    uint16_t *buf = ast_arena_alloc(lex->arena, (cap ? cap : 1) * sizeof(uint16_t));
    if (!buf) return lex_oom(lex);
    uint32_t n = 0;
    tok->legacy_octal = false;
    /* Pass 2: cook. Line continuations advance the line count. */
    for (pos = start + 1; pos < end;) {
        uint8_t c = lex->src[pos];
        if (c == '\\') {
            uint32_t cp, after;
            int r = decode_escape(lex, pos + 1, false, tok, &cp, &after);
            if (r < 0) return TOK_ERROR;
            if (r == 0) {
                skip_line_terminator(lex, pos + 1);
            } else {
                push_unit(buf, &n, cp);
            }
            pos = after;
        } else if (c < 0x80) {
            buf[n++] = c;
            pos++;
        } else {
            int size;
            uint32_t cp = peek_cp(lex, pos, &size);
            push_unit(buf, &n, cp);
            pos += (uint32_t)size;
            /* LS/PS are allowed in strings; they do not start a new line for
             * ASI but do count as line breaks for positions. */
            if (cp == 0x2028 || cp == 0x2029) {
                lex->line++;
                lex->line_start = pos;
            }
        }
    }
    tok->str.s = buf;
    tok->str.len = n;
    tok->type = TOK_STRING;
    lex->pos = end + 1;
    return TOK_STRING;
}

/* Scans a template piece starting at pos (just after ` or }). */
static int scan_template_piece(Lexer *lex, Token *tok, uint32_t pos) {
    uint32_t start = pos;
    uint32_t start_line = lex->line, start_line_start = lex->line_start;
    /* Pass 1: find the end: ` or ${ */
    for (;;) {
        if (pos >= lex->len) return lex_error_at(lex, tok->start, "Unterminated template literal");
        uint8_t c = lex->src[pos];
        if (c == '`') break;
        if (c == '$' && byte_at(lex, pos + 1) == '{') break;
        if (c == '\\') {
            pos++;
            if (pos >= lex->len)
                return lex_error_at(lex, tok->start, "Unterminated template literal");
        }
        pos++;
    }
    uint32_t end = pos;
    bool tail = lex->src[end] == '`';
    uint32_t cap = end - start;
    uint16_t *cooked = ast_arena_alloc(lex->arena, (cap ? cap : 1) * sizeof(uint16_t));
    uint16_t *raw = ast_arena_alloc(lex->arena, (cap ? cap : 1) * sizeof(uint16_t));
    if (!cooked || !raw) return lex_oom(lex);
    uint32_t nc = 0, nr = 0;
    bool valid = true;
    tok->legacy_octal = false;
    lex->line = start_line;
    lex->line_start = start_line_start;
    for (pos = start; pos < end;) {
        uint8_t c = lex->src[pos];
        if (c == '\\') {
            uint32_t cp, after;
            uint32_t esc_line = lex->line, esc_col = 0;
            int r = decode_escape(lex, pos + 1, true, tok, &cp, &after);
            if (r < 0) {
                if (valid) {
                    esc_col = lexer_column(lex, pos, lex->line, lex->line_start);
                    tok->octal_line = esc_line;
                    tok->octal_column = esc_col;
                }
                valid = false;
                /* Skip just the escape's first char; raw copies the text. */
                after = pos + 2;
                if (after > end) after = end;
            } else if (r == 1) {
                push_unit(cooked, &nc, cp);
            }
            /* Raw: copy source text, normalizing CR / CRLF to LF. */
            for (uint32_t p = pos; p < after;) {
                uint8_t rc = lex->src[p];
                if (rc == '\r') {
                    raw[nr++] = '\n';
                    p += (byte_at(lex, p + 1) == '\n') ? 2 : 1;
                    lex->line++;
                    lex->line_start = p;
                } else if (rc == '\n') {
                    raw[nr++] = '\n';
                    p++;
                    lex->line++;
                    lex->line_start = p;
                } else if (rc < 0x80) {
                    raw[nr++] = rc;
                    p++;
                } else {
                    int size;
                    uint32_t rcp = peek_cp(lex, p, &size);
                    push_unit(raw, &nr, rcp);
                    p += (uint32_t)size;
                    if (rcp == 0x2028 || rcp == 0x2029) {
                        lex->line++;
                        lex->line_start = p;
                    }
                }
            }
            pos = after;
        } else if (c == '\r' || c == '\n') {
            /* TV and TRV both normalize CR and CRLF to LF. */
            cooked[nc++] = '\n';
            raw[nr++] = '\n';
            pos += (c == '\r' && byte_at(lex, pos + 1) == '\n') ? 2 : 1;
            lex->line++;
            lex->line_start = pos;
        } else if (c < 0x80) {
            cooked[nc++] = c;
            raw[nr++] = c;
            pos++;
        } else {
            int size;
            uint32_t cp = peek_cp(lex, pos, &size);
            push_unit(cooked, &nc, cp);
            push_unit(raw, &nr, cp);
            pos += (uint32_t)size;
            if (cp == 0x2028 || cp == 0x2029) {
                lex->line++;
                lex->line_start = pos;
            }
        }
    }
    tok->str.s = cooked;
    tok->str.len = valid ? nc : 0;
    tok->raw.s = raw;
    tok->raw.len = nr;
    tok->cooked_valid = valid;
    tok->template_tail = tail;
    tok->type = TOK_TEMPLATE;
    lex->pos = tail ? end + 1 : end + 2;
    tok->end = lex->pos;
    return TOK_TEMPLATE;
}

/* ---- main scanner -------------------------------------------------------- */

int lexer_next(Lexer *lex, Token *tok) {
    bool nl = false;
    uint32_t prev_pos = lex->pos;
    (void)prev_pos;
    memset(tok, 0, sizeof *tok);
    if (skip_space(lex, &nl) == TOK_ERROR) {
        tok->type = TOK_ERROR;
        return TOK_ERROR;
    }
    tok->nl_before = nl;
    uint32_t start = lex->pos;
    tok->start = start;
    tok->line = lex->line;
    tok->column = lexer_column(lex, start, lex->line, lex->line_start);
    if (start >= lex->len) {
        tok->type = TOK_EOF;
        tok->end = start;
        return TOK_EOF;
    }
    const uint8_t *s = lex->src;
    uint8_t c = s[start];
    int c1 = byte_at(lex, start + 1);
    int c2 = byte_at(lex, start + 2);
    int type = TOK_ERROR;
    uint32_t len = 1;

    switch (c) {
    case '{': type = TOK_LBRACE; break;
    case '}': type = TOK_RBRACE; break;
    case '(': type = TOK_LPAREN; break;
    case ')': type = TOK_RPAREN; break;
    case '[': type = TOK_LBRACKET; break;
    case ']': type = TOK_RBRACKET; break;
    case ';': type = TOK_SEMI; break;
    case ',': type = TOK_COMMA; break;
    case ':': type = TOK_COLON; break;
    case '~': type = TOK_TILDE; break;
    case '@': type = TOK_AT; break;
    case '.':
        if (c1 >= '0' && c1 <= '9') {
            tok->type = (uint8_t)scan_number(lex, tok);
            tok->end = lex->pos;
            return tok->type;
        }
        if (c1 == '.' && c2 == '.') {
            type = TOK_ELLIPSIS;
            len = 3;
        } else {
            type = TOK_DOT;
        }
        break;
    case '<':
        if (c1 == '<') {
            if (c2 == '=')
                type = TOK_SHL_ASSIGN, len = 3;
            else
                type = TOK_SHL, len = 2;
        } else if (c1 == '=')
            type = TOK_LE, len = 2;
        else
            type = TOK_LT;
        break;
    case '>':
        if (c1 == '>') {
            if (c2 == '>') {
                if (byte_at(lex, start + 3) == '=')
                    type = TOK_SHR_ASSIGN, len = 4;
                else
                    type = TOK_SHR, len = 3;
            } else if (c2 == '=')
                type = TOK_SAR_ASSIGN, len = 3;
            else
                type = TOK_SAR, len = 2;
        } else if (c1 == '=')
            type = TOK_GE, len = 2;
        else
            type = TOK_GT;
        break;
    case '=':
        if (c1 == '=') {
            if (c2 == '=')
                type = TOK_STRICT_EQ, len = 3;
            else
                type = TOK_EQ, len = 2;
        } else if (c1 == '>')
            type = TOK_ARROW, len = 2;
        else
            type = TOK_ASSIGN;
        break;
    case '!':
        if (c1 == '=') {
            if (c2 == '=')
                type = TOK_STRICT_NE, len = 3;
            else
                type = TOK_NE, len = 2;
        } else
            type = TOK_BANG;
        break;
    case '+':
        if (c1 == '+')
            type = TOK_INC, len = 2;
        else if (c1 == '=')
            type = TOK_PLUS_ASSIGN, len = 2;
        else
            type = TOK_PLUS;
        break;
    case '-':
        if (c1 == '-')
            type = TOK_DEC, len = 2;
        else if (c1 == '=')
            type = TOK_MINUS_ASSIGN, len = 2;
        else
            type = TOK_MINUS;
        break;
    case '*':
        if (c1 == '*') {
            if (c2 == '=')
                type = TOK_STAR_STAR_ASSIGN, len = 3;
            else
                type = TOK_STAR_STAR, len = 2;
        } else if (c1 == '=')
            type = TOK_STAR_ASSIGN, len = 2;
        else
            type = TOK_STAR;
        break;
    case '%':
        if (c1 == '=')
            type = TOK_PERCENT_ASSIGN, len = 2;
        else
            type = TOK_PERCENT;
        break;
    case '&':
        if (c1 == '&') {
            if (c2 == '=')
                type = TOK_AND_ASSIGN, len = 3;
            else
                type = TOK_AND, len = 2;
        } else if (c1 == '=')
            type = TOK_AMP_ASSIGN, len = 2;
        else
            type = TOK_AMP;
        break;
    case '|':
        if (c1 == '|') {
            if (c2 == '=')
                type = TOK_OR_ASSIGN, len = 3;
            else
                type = TOK_OR, len = 2;
        } else if (c1 == '=')
            type = TOK_PIPE_ASSIGN, len = 2;
        else
            type = TOK_PIPE;
        break;
    case '^':
        if (c1 == '=')
            type = TOK_CARET_ASSIGN, len = 2;
        else
            type = TOK_CARET;
        break;
    case '?':
        if (c1 == '?') {
            if (c2 == '=')
                type = TOK_NULLISH_ASSIGN, len = 3;
            else
                type = TOK_NULLISH, len = 2;
        } else if (c1 == '.' && !(c2 >= '0' && c2 <= '9'))
            type = TOK_QUESTION_DOT, len = 2;
        else
            type = TOK_QUESTION;
        break;
    case '/':
        if (c1 == '=')
            type = TOK_SLASH_ASSIGN, len = 2;
        else
            type = TOK_SLASH;
        break;
    case '"':
    case '\'':
        tok->type = (uint8_t)scan_string(lex, tok);
        tok->end = lex->pos;
        return tok->type;
    case '`': tok->start = start; return scan_template_piece(lex, tok, start + 1);
    case '#': {
        if (!is_identifier_start_at(lex, start + 1)) {
            tok->type = TOK_ERROR;
            return lex_error_at(lex, start, "Invalid or unexpected token");
        }
        uint32_t end = scan_identifier_name(lex, start + 1, tok);
        if (!end) {
            tok->type = TOK_ERROR;
            return TOK_ERROR;
        }
        tok->type = TOK_PRIVATE_NAME;
        lex->pos = end;
        tok->end = end;
        return TOK_PRIVATE_NAME;
    }
    default:
        if (c >= '0' && c <= '9') {
            tok->type = (uint8_t)scan_number(lex, tok);
            tok->end = lex->pos;
            return tok->type;
        }
        if (is_identifier_start_at(lex, start)) {
            uint32_t end = scan_identifier_name(lex, start, tok);
            if (!end) {
                tok->type = TOK_ERROR;
                return TOK_ERROR;
            }
            tok->type = TOK_IDENT;
            tok->kw = (uint8_t)lexer_keyword(tok->str.s, tok->str.len);
            lex->pos = end;
            tok->end = end;
            return TOK_IDENT;
        }
        if (c == '\\') {
            tok->type = TOK_ERROR;
            return lex_error_at(lex, start, "Invalid Unicode escape sequence");
        }
        tok->type = TOK_ERROR;
        if (c >= 0x80) {
            int size;
            uint32_t cp = peek_cp(lex, start, &size);
            return lex_error_at(lex, start, "Invalid or unexpected token U+%04X", (unsigned)cp);
        }
        return lex_error_at(lex, start, "Invalid or unexpected token");
    }
    tok->type = (uint8_t)type;
    lex->pos = start + len;
    tok->end = lex->pos;
    return type;
}

int lexer_rescan_regexp(Lexer *lex, Token *tok) {
    /* RegularExpressionLiteral — #sec-literals-regular-expression-literals */
    uint32_t start = tok->start;
    uint32_t pos = start + 1;
    bool in_class = false;
    for (;;) {
        if (pos >= lex->len || line_terminator_at(lex, pos)) {
            tok->type = TOK_ERROR;
            return lex_error_at(lex, start, "Invalid regular expression: missing /");
        }
        uint8_t c = lex->src[pos];
        if (c == '\\') {
            pos++;
            if (pos >= lex->len || line_terminator_at(lex, pos)) {
                tok->type = TOK_ERROR;
                return lex_error_at(lex, start, "Invalid regular expression: missing /");
            }
            int size;
            peek_cp(lex, pos, &size);
            pos += (uint32_t)size;
            continue;
        }
        if (c == '[')
            in_class = true;
        else if (c == ']')
            in_class = false;
        else if (c == '/' && !in_class)
            break;
        if (c < 0x80) {
            pos++;
        } else {
            int size;
            peek_cp(lex, pos, &size);
            pos += (uint32_t)size;
        }
    }
    uint32_t body_end = pos;
    pos++;
    uint32_t flags_start = pos;
    /* Flags: IdentifierPartChar*; escapes are not allowed. */
    for (;;) {
        int c = byte_at(lex, pos);
        if (c < 0) break;
        if (c == '\\') {
            tok->type = TOK_ERROR;
            return lex_error_at(lex, pos, "Invalid regular expression flags");
        }
        if (c < 0x80) {
            if (!uni_is_id_continue((uint32_t)c)) break;
            pos++;
        } else {
            int size;
            uint32_t cp = peek_cp(lex, pos, &size);
            if (!uni_is_id_continue(cp)) break;
            pos += (uint32_t)size;
        }
    }
    uint32_t flags_end = pos;
    /* Validate flags: known letters, no repeats, not both u and v. */
    unsigned seen = 0;
    for (uint32_t i = flags_start; i < flags_end; i++) {
        const char *known = "dgimsuyv";
        const char *p = lex->src[i] < 0x80 ? strchr(known, lex->src[i]) : NULL;
        if (!p || !lex->src[i] || (seen & (1u << (p - known)))) {
            tok->type = TOK_ERROR;
            return lex_error_at(lex, start, "Invalid regular expression flags");
        }
        seen |= 1u << (p - known);
    }
    if ((seen & (1u << 5)) && (seen & (1u << 7))) {
        tok->type = TOK_ERROR;
        return lex_error_at(lex, start, "Invalid regular expression flags");
    }
    uint32_t body_len = body_end - (start + 1);
    uint16_t *body = ast_arena_alloc(lex->arena, (body_len ? body_len : 1) * sizeof(uint16_t));
    uint16_t *flags = ast_arena_alloc(lex->arena, (flags_end - flags_start + 1) * sizeof(uint16_t));
    if (!body || !flags) {
        tok->type = TOK_ERROR;
        return lex_oom(lex);
    }
    uint32_t n = 0;
    for (uint32_t p = start + 1; p < body_end;) {
        int size;
        uint32_t cp = peek_cp(lex, p, &size);
        push_unit(body, &n, cp);
        p += (uint32_t)size;
    }
    tok->str.s = body;
    tok->str.len = n;
    uint32_t nf = 0;
    for (uint32_t p = flags_start; p < flags_end; p++)
        flags[nf++] = lex->src[p];
    tok->raw.s = flags;
    tok->raw.len = nf;
    tok->type = TOK_REGEXP;
    lex->pos = flags_end;
    tok->end = flags_end;
    return TOK_REGEXP;
}

int lexer_rescan_template(Lexer *lex, Token *tok) {
    /* tok is the `}`; the template continues right after it. */
    lex->pos = tok->start + 1;
    return scan_template_piece(lex, tok, tok->start + 1);
}
