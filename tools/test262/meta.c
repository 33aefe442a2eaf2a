/*
 * meta.c — test262 frontmatter parsing, the harness file cache and small
 * helpers shared by the runner's parts.
 *
 * The frontmatter is YAML, but test262 uses a small, regular subset of it:
 * top-level "key: value" lines starting in column 0, flow lists "[a, b]",
 * block lists ("- a" lines under the key) and one nested map (negative:).
 * Block scalars (description: |) are indented, so any line that starts in
 * column 0 is a key. That subset is what is parsed here; a full YAML parser
 * would buy nothing.
 */
#include "t262.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void *checked_realloc(void *p, size_t size) {
    void *q = realloc(p, size ? size : 1);
    if (!q) {
        fprintf(stderr, "mica-test262: out of memory\n");
        exit(2);
    }
    return q;
}

void t262_strings_push(t262_strings *list, const char *s, size_t length) {
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 4;
        list->items = checked_realloc(list->items, sizeof *list->items * (size_t)list->capacity);
    }
    char *copy = checked_realloc(NULL, length + 1);
    memcpy(copy, s, length);
    copy[length] = '\0';
    list->items[list->count++] = copy;
}

void t262_strings_free(t262_strings *list) {
    for (int i = 0; i < list->count; i++)
        free(list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

const char *t262_mode_name(t262_mode mode) {
    switch (mode) {
    case T262_SLOPPY: return "sloppy";
    case T262_STRICT: return "strict";
    case T262_MODULE: return "module";
    }
    return "?";
}

char *t262_read_file(const char *path, size_t *length) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t capacity = 8192, used = 0;
    char *data = checked_realloc(NULL, capacity);
    for (;;) {
        if (used + 1 >= capacity) {
            capacity *= 2;
            data = checked_realloc(data, capacity);
        }
        size_t n = fread(data + used, 1, capacity - used - 1, f);
        used += n;
        if (n == 0) break;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(data);
        errno = EIO;
        return NULL;
    }
    data[used] = '\0';
    if (length) *length = used;
    return data;
}

void t262_set_result(t262_result *result, t262_verdict verdict, const char *fmt, ...) {
    va_list args;
    va_start(args, fmt);
    vsnprintf(result->message, sizeof result->message, fmt, args);
    va_end(args);
    result->verdict = verdict;
    /* One line: reports and the expectations file are line-based. */
    for (char *p = result->message; *p; p++) {
        if (*p == '\n' || *p == '\r') {
            *p = '\0';
            break;
        }
        if (*p == '\t') *p = ' ';
    }
}

/* ---- frontmatter ------------------------------------------------------------ */

static const char *find_bytes(const char *hay, size_t hay_len, const char *needle) {
    size_t n = strlen(needle);
    if (n > hay_len) return NULL;
    for (size_t i = 0; i + n <= hay_len; i++)
        if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0) return hay + i;
    return NULL;
}

static void trim(const char **start, const char **end) {
    while (*start < *end && isspace((unsigned char)**start))
        (*start)++;
    while (*end > *start && isspace((unsigned char)(*end)[-1]))
        (*end)--;
    /* A trailing YAML comment ("x  # why") is not part of the value. */
    for (const char *p = *start; p < *end; p++) {
        if (*p == '#' && p > *start && isspace((unsigned char)p[-1])) {
            *end = p;
            while (*end > *start && isspace((unsigned char)(*end)[-1]))
                (*end)--;
            break;
        }
    }
    if (*end - *start >= 2 && (**start == '"' || **start == '\'') && (*end)[-1] == **start) {
        (*start)++;
        (*end)--;
    }
}

/* "[a, b, c]" -> items. */
static void parse_flow_list(const char *start, const char *end, t262_strings *out) {
    trim(&start, &end);
    if (start < end && *start == '[') start++;
    if (end > start && end[-1] == ']') end--;
    while (start < end) {
        const char *comma = start;
        while (comma < end && *comma != ',')
            comma++;
        const char *a = start, *b = comma;
        trim(&a, &b);
        if (b > a) t262_strings_push(out, a, (size_t)(b - a));
        start = comma < end ? comma + 1 : end;
    }
}

typedef struct line_cursor {
    const char *p, *end;
} line_cursor;

/* Lines end in LF, CRLF or a lone CR: some tests are about line terminators
 * and use CR throughout, frontmatter included. */
static int next_line(line_cursor *c, const char **start, const char **end) {
    if (c->p >= c->end) return 0;
    *start = c->p;
    const char *q = c->p;
    while (q < c->end && *q != '\n' && *q != '\r')
        q++;
    *end = q;
    if (q < c->end && *q == '\r' && q + 1 < c->end && q[1] == '\n') q++;
    c->p = q < c->end ? q + 1 : c->end;
    return 1;
}

static int key_is(const char *start, const char *colon, const char *key) {
    size_t n = strlen(key);
    return (size_t)(colon - start) == n && memcmp(start, key, n) == 0;
}

static unsigned flag_bit(const char *name) {
    static const struct {
        const char *name;
        unsigned bit;
    } table[] = {
        {"onlyStrict", T262_FLAG_ONLY_STRICT},
        {"noStrict", T262_FLAG_NO_STRICT},
        {"raw", T262_FLAG_RAW},
        {"module", T262_FLAG_MODULE},
        {"async", T262_FLAG_ASYNC},
        {"CanBlockIsTrue", T262_FLAG_CAN_BLOCK_TRUE},
        {"CanBlockIsFalse", T262_FLAG_CAN_BLOCK_FALSE},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, name) == 0) return table[i].bit;
    return 0; /* generated, non-deterministic, ...: informational */
}

int t262_parse_meta(const char *source, size_t length, t262_meta *meta, char *error,
                    size_t error_size) {
    memset(meta, 0, sizeof *meta);
    const char *open = find_bytes(source, length, "/*---");
    if (!open) {
        snprintf(error, error_size, "no /*--- frontmatter");
        return -1;
    }
    open += 5;
    const char *close = find_bytes(open, length - (size_t)(open - source), "---*/");
    if (!close) {
        snprintf(error, error_size, "unterminated frontmatter");
        return -1;
    }

    t262_strings flags = {0};
    t262_strings *block_list = NULL; /* the key whose "- item" lines follow */
    int in_negative = 0;
    line_cursor cursor = {open, close};
    const char *start, *end;
    while (next_line(&cursor, &start, &end)) {
        const char *a = start, *b = end;
        trim(&a, &b);
        if (a == b) continue;
        int indented = isspace((unsigned char)*start);
        if (indented || *a == '-') {
            if (block_list && *a == '-') {
                a++;
                trim(&a, &b);
                if (b > a) t262_strings_push(block_list, a, (size_t)(b - a));
            } else if (in_negative) {
                const char *colon = memchr(a, ':', (size_t)(b - a));
                if (!colon) continue;
                const char *v = colon + 1, *ve = b;
                trim(&v, &ve);
                if (key_is(a, colon, "phase")) {
                    if (ve - v == 5 && memcmp(v, "parse", 5) == 0)
                        meta->negative_phase = T262_PHASE_PARSE;
                    else if (ve - v == 10 && memcmp(v, "resolution", 10) == 0)
                        meta->negative_phase = T262_PHASE_RESOLUTION;
                    else if (ve - v == 7 && memcmp(v, "runtime", 7) == 0)
                        meta->negative_phase = T262_PHASE_RUNTIME;
                    else {
                        snprintf(error, error_size, "unknown negative phase '%.*s'", (int)(ve - v),
                                 v);
                        goto fail;
                    }
                } else if (key_is(a, colon, "type")) {
                    free(meta->negative_type);
                    meta->negative_type = checked_realloc(NULL, (size_t)(ve - v) + 1);
                    memcpy(meta->negative_type, v, (size_t)(ve - v));
                    meta->negative_type[ve - v] = '\0';
                }
            }
            continue;
        }
        /* A top-level key. */
        block_list = NULL;
        in_negative = 0;
        const char *colon = memchr(a, ':', (size_t)(b - a));
        if (!colon) continue;
        const char *value = colon + 1, *value_end = b;
        trim(&value, &value_end);
        t262_strings *list = NULL;
        if (key_is(a, colon, "includes"))
            list = &meta->includes;
        else if (key_is(a, colon, "features"))
            list = &meta->features;
        else if (key_is(a, colon, "flags"))
            list = &flags;
        else if (key_is(a, colon, "negative"))
            in_negative = 1;
        if (list) {
            if (value < value_end)
                parse_flow_list(value, value_end, list);
            else
                block_list = list;
        }
    }
    for (int i = 0; i < flags.count; i++)
        meta->flags |= flag_bit(flags.items[i]);
    t262_strings_free(&flags);
    if ((meta->negative_phase == T262_PHASE_NONE) != (meta->negative_type == NULL)) {
        snprintf(error, error_size, "negative: needs both phase and type");
        t262_meta_free(meta);
        return -1;
    }
    return 0;
fail:
    t262_strings_free(&flags);
    t262_meta_free(meta);
    return -1;
}

void t262_meta_free(t262_meta *meta) {
    free(meta->negative_type);
    t262_strings_free(&meta->includes);
    t262_strings_free(&meta->features);
    memset(meta, 0, sizeof *meta);
}

/* ---- harness cache ----------------------------------------------------------- */

static t262_harness_file *harness_files;
static int harness_count, harness_capacity;

int t262_harness_load(const char *suite_dir, const char *name) {
    for (int i = 0; i < harness_count; i++)
        if (strcmp(harness_files[i].name, name) == 0) return i;
    /* Includes name files inside harness/ only. */
    if (strstr(name, "..") || name[0] == '/') return -1;
    size_t path_size = strlen(suite_dir) + strlen(name) + 16;
    char *path = checked_realloc(NULL, path_size);
    snprintf(path, path_size, "%s/harness/%s", suite_dir, name);
    size_t length;
    char *source = t262_read_file(path, &length);
    free(path);
    if (!source) return -1;
    if (harness_count == harness_capacity) {
        harness_capacity = harness_capacity ? harness_capacity * 2 : 32;
        harness_files =
            checked_realloc(harness_files, sizeof *harness_files * (size_t)harness_capacity);
    }
    t262_harness_file *file = &harness_files[harness_count];
    file->name = checked_realloc(NULL, strlen(name) + 1);
    strcpy(file->name, name);
    file->source = source;
    file->length = length;
    return harness_count++;
}

const t262_harness_file *t262_harness_get(int index) {
    return index >= 0 && index < harness_count ? &harness_files[index] : NULL;
}

/* ---- the source the engine-cmd backend runs ----------------------------------- */

static const char strict_prefix[] = "\"use strict\";\n";

char *t262_prepare_source(const t262_config *config, const t262_test *test, t262_mode mode,
                          size_t *length) {
    size_t path_size = strlen(config->suite_dir) + strlen(test->path) + 16;
    char *path = checked_realloc(NULL, path_size);
    snprintf(path, path_size, "%s/test/%s", config->suite_dir, test->path);
    size_t test_length;
    char *test_source = t262_read_file(path, &test_length);
    free(path);
    if (!test_source) return NULL;

    /* The strict directive must come first, so it precedes the harness too:
     * the harness is written to work in strict code. */
    size_t total = test_length + sizeof strict_prefix;
    for (int i = 0; i < test->harness_count; i++)
        total += t262_harness_get(test->harness[i])->length + 1;
    char *out = checked_realloc(NULL, total + 1);
    size_t used = 0;
    if (mode == T262_STRICT) {
        memcpy(out, strict_prefix, sizeof strict_prefix - 1);
        used = sizeof strict_prefix - 1;
    }
    for (int i = 0; i < test->harness_count; i++) {
        const t262_harness_file *file = t262_harness_get(test->harness[i]);
        memcpy(out + used, file->source, file->length);
        used += file->length;
        out[used++] = '\n';
    }
    memcpy(out + used, test_source, test_length);
    used += test_length;
    out[used] = '\0';
    free(test_source);
    *length = used;
    return out;
}
