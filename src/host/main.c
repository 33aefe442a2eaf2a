/*
 * main.c — the `mica` command line.
 *
 *   mica [options] FILE [args...]   run a script
 *   mica [options] -e CODE          run CODE
 *   mica --dump-bytecode FILE       disassemble
 *   mica --module FILE              run as a module (so is any FILE.mjs)
 *
 * An uncaught exception prints its report (name, message, stack) on stderr
 * and exits 1; a SyntaxError also shows the offending source line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "host/event_loop.h"
#include "host/host.h"
#include "host/host262.h"
#include "host/module_loader.h"
#include "mica.h"

static void usage(FILE *f) {
    fputs("usage: mica [options] FILE [args...]\n"
          "       mica [options] -e CODE\n"
          "options:\n"
          "  -e CODE            run CODE instead of a file\n"
          "  --module           run FILE as a module (the default for .mjs files)\n"
          "  --strict           run the script as strict code\n"
          "  --expose-gc        define a global gc() function\n"
          "  --test262          install the $262 host object of test262\n"
          "  --dump-bytecode    print the bytecode of FILE and exit\n"
          "  --max-heap SIZE    heap limit (bytes; suffix k, m or g)\n"
          "  -h, --help         this help\n",
          f);
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) break;
        char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* "64m", "1g", "500000": bytes; 0 for anything else (not a size). */
static size_t parse_size(const char *s) {
    char *end;
    double v = strtod(s, &end);
    if (end == s) return 0;
    switch (*end) {
    case 'k': case 'K': v *= 1024; end++; break;
    case 'm': case 'M': v *= 1024 * 1024; end++; break;
    case 'g': case 'G': v *= 1024.0 * 1024 * 1024; end++; break;
    default: break;
    }
    if (*end != '\0' || !(v >= 1 && v < 1e18)) return 0;
    return (size_t)v;
}

/* print() of the $262 host: one line on stdout. */
static void print_line(void *opaque, const char *text, size_t length) {
    fwrite(text, 1, length, stdout);
    fputc('\n', stdout);
    fflush(stdout);
}

static mica_status gc_fn(mica_context *ctx, mica_value this_value, int argc,
                         const mica_value *argv, mica_value *result, void *opaque) {
    mica_gc(mica_context_runtime(ctx));
    return MICA_OK;
}

/* The source line and a caret for a SyntaxError whose report's first line
 * ends in "(FILE:LINE:COLUMN)" with FILE the script's own name (a
 * SyntaxError from eval or new Function names another source). */
static void show_syntax_error_line(const char *report, const char *name, const char *src,
                                   size_t src_len) {
    const char *eol = strchr(report, '\n');
    size_t first_len = eol ? (size_t)(eol - report) : strlen(report);
    size_t name_len = strlen(name);
    if (first_len < name_len + 6 || report[first_len - 1] != ')') return;
    /* Walk back over ":COLUMN" and ":LINE" to the name. */
    const char *p = report + first_len - 1, *colons[2];
    for (int k = 0; k < 2; k++) {
        p--;
        while (p > report && *p >= '0' && *p <= '9') p--;
        if (*p != ':') return;
        colons[k] = p;
    }
    if ((size_t)(p - report) < name_len + 1 || memcmp(p - name_len, name, name_len) != 0 ||
        p[-(long)name_len - 1] != '(')
        return;
    long line = strtol(colons[1] + 1, NULL, 10), col = strtol(colons[0] + 1, NULL, 10);
    const char *q = src, *end = src + src_len;
    for (long l = 1; l < line && q < end; q++)
        if (*q == '\n') l++;
    const char *line_end = memchr(q, '\n', (size_t)(end - q));
    if (!line_end) line_end = end;
    if (line < 1 || col < 1 || line_end - q > 400 || col - 1 > line_end - q) return;
    fprintf(stderr, "%.*s\n", (int)(line_end - q), q);
    for (long i = 1; i < col; i++) fputc(q[i - 1] == '\t' ? '\t' : ' ', stderr);
    fputs("^\n", stderr);
}

/* Prints the uncaught exception (see host_exception_text); a SyntaxError in
 * the script itself also shows the offending line with a caret. */
static void report_exception(mica_context *ctx, const char *name, const char *src,
                             size_t src_len) {
    mica_value exc = mica_take_exception(ctx);
    char *text = host_exception_text(ctx, exc);
    fprintf(stderr, "Uncaught %s\n", text ? text : "exception");
    if (text && src && strncmp(text, "SyntaxError", 11) == 0)
        show_syntax_error_line(text, name, src, src_len);
    free(text);
}

int main(int argc, char **argv) {
    const char *code = NULL, *file = NULL;
    int flags = MICA_EVAL_SCRIPT;
    int expose_gc = 0, test262 = 0, dump = 0, module = 0;
    mica_runtime_options opts = {0};
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-e") == 0 && i + 1 < argc) code = argv[++i];
        else if (strcmp(a, "--module") == 0) module = 1;
        else if (strcmp(a, "--strict") == 0) flags |= MICA_EVAL_STRICT;
        else if (strcmp(a, "--expose-gc") == 0) expose_gc = 1;
        else if (strcmp(a, "--test262") == 0) test262 = 1;
        else if (strcmp(a, "--dump-bytecode") == 0) dump = 1;
        else if (strcmp(a, "--max-heap") == 0 && i + 1 < argc) {
            opts.max_heap_bytes = parse_size(argv[++i]);
            if (!opts.max_heap_bytes) {
                fprintf(stderr, "mica: --max-heap: not a size: %s\n", argv[i]);
                return 2;
            }
        }
        else if (strcmp(a, "-e") == 0 || strcmp(a, "--max-heap") == 0) {
            fprintf(stderr, "mica: %s needs an argument\n", a);
            return 2;
        }
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) { usage(stdout); return 0; }
        else if (a[0] == '-' && a[1]) { fprintf(stderr, "mica: unknown option %s\n", a); usage(stderr); return 2; }
        else { file = a; i++; break; }
    }
    if (!code && !file) {
        usage(stderr);
        return 2;
    }
    size_t len = 0;
    char *src = NULL;
    const char *name = "<eval>";
    if (code) {
        src = strdup(code);
        len = strlen(code);
    } else {
        src = read_file(file, &len);
        name = file;
        if (!src) {
            fprintf(stderr, "mica: cannot read %s: %s\n", file, strerror(errno));
            return 2;
        }
    }
    size_t file_len = file ? strlen(file) : 0;
    if (file && file_len > 4 && strcmp(file + file_len - 4, ".mjs") == 0) module = 1;
    char *module_name = NULL;
    if (module) {
        flags |= MICA_EVAL_MODULE;
        /* The root module's name is canonical like its imports' names, so
         * that an import cycle back to it finds the same module. */
        if (file) {
            module_name = host_module_name(file);
            if (module_name) name = module_name;
        }
    }

    mica_runtime *rt = mica_runtime_new(&opts);
    mica_context *ctx = rt ? mica_context_new(rt) : NULL;
    if (!ctx) {
        fprintf(stderr, "mica: cannot create the runtime\n");
        return 2;
    }
    host_install_module_loader(rt);
    mica_scope scope;
    mica_scope_open(rt, &scope);
    host_flush_stdout = 1;
    int status = 0;
    if (host_install_console((Context *)ctx) < 0) {
        fprintf(stderr, "mica: cannot install the console\n");
        return 2;
    }
    host_loop *loop = host_loop_new(ctx);
    if (!loop) {
        fprintf(stderr, "mica: cannot install the event loop\n");
        return 2;
    }
    mica_value global = mica_global(ctx);
    if (expose_gc) mica_define(ctx, global, "gc", mica_function(ctx, "gc", 0, gc_fn, NULL));
    host262 *host262 = NULL;
    if (test262) {
        host_loop_report_rejections(loop, 0); /* as test262 hosts do */
        host262 = host262_new(rt, print_line, NULL);
        if (!host262 || host262_install(host262, ctx) != MICA_OK) {
            fprintf(stderr, "mica: cannot install the $262 host\n");
            return 2;
        }
    }
    (void)i;
    mica_value script, result;
    if (mica_compile(ctx, src, len, name, flags, &script) != MICA_OK) {
        report_exception(ctx, name, src, len);
        status = 1;
    } else if (dump) {
        mica_dump_bytecode(ctx, script, stdout);
    } else if (mica_run(ctx, script, &result) != MICA_OK) {
        report_exception(ctx, name, src, len);
        status = 1;
    } else {
        status = host_loop_run(loop); /* microtasks, timers, unhandled rejections */
        /* A module graph still waiting when nothing is left to run can
         * never finish (as node, exit status 13). */
        if (module && status == 0 && mica_promise_state(result) == MICA_PROMISE_PENDING) {
            fprintf(stderr, "mica: %s: unsettled top-level await\n", name);
            status = 13;
        }
    }
    mica_scope_close(&scope);
    host_loop_free(loop);
    host262_free(host262);
    mica_context_free(ctx);
    mica_runtime_free(rt);
    free(src);
    free(module_name);
    fflush(stdout);
    return status;
}
