/*
 * main.c — the `mica` command line.
 *
 *   mica [options] FILE [args...]   run a script
 *   mica [options] -e CODE          run CODE
 *   mica --dump-bytecode FILE       disassemble
 *   mica --module FILE              run as a module (not yet supported)
 *
 * An uncaught exception prints its report (name, message, stack) on stderr
 * and exits 1; a SyntaxError also shows the offending source line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "host/host.h"
#include "mica.h"

static void usage(FILE *f) {
    fputs("usage: mica [options] FILE [args...]\n"
          "       mica [options] -e CODE\n"
          "options:\n"
          "  -e CODE            run CODE instead of a file\n"
          "  --module           run FILE as a module\n"
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

static size_t parse_size(const char *s) {
    char *end;
    double v = strtod(s, &end);
    switch (*end) {
    case 'k': case 'K': v *= 1024; break;
    case 'm': case 'M': v *= 1024 * 1024; break;
    case 'g': case 'G': v *= 1024.0 * 1024 * 1024; break;
    default: break;
    }
    return v > 0 ? (size_t)v : 0;
}

static mica_status gc_fn(mica_context *ctx, mica_value this_value, int argc,
                         const mica_value *argv, mica_value *result, void *opaque) {
    mica_gc(mica_context_runtime(ctx));
    return MICA_OK;
}

/* Prints the uncaught exception; for a SyntaxError whose message ends in
 * "(file:line:column)" also prints that source line with a caret. */
static void report_exception(mica_context *ctx, const char *src, size_t src_len) {
    mica_value exc = mica_take_exception(ctx);
    char *text = mica_exception_report(ctx, exc);
    fprintf(stderr, "Uncaught %s\n", text ? text : "exception");
    if (text && src && strncmp(text, "SyntaxError", 11) == 0) {
        const char *open = strrchr(text, '(');
        const char *colon2 = open ? strrchr(open, ':') : NULL;
        if (colon2) {
            const char *colon1 = colon2 - 1;
            while (colon1 > open && *colon1 != ':') colon1--;
            long line = strtol(colon1 + 1, NULL, 10), col = strtol(colon2 + 1, NULL, 10);
            const char *p = src, *end = src + src_len;
            for (long l = 1; l < line && p < end; p++)
                if (*p == '\n') l++;
            const char *eol = memchr(p, '\n', (size_t)(end - p));
            if (!eol) eol = end;
            if (line > 0 && p <= end && eol - p < 400) {
                fprintf(stderr, "%.*s\n", (int)(eol - p), p);
                for (long i = 1; i < col; i++) fputc(p[i - 1] == '\t' ? '\t' : ' ', stderr);
                fputs("^\n", stderr);
            }
        }
    }
    mica_free(text);
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
        else if (strcmp(a, "--max-heap") == 0 && i + 1 < argc) opts.max_heap_bytes = parse_size(argv[++i]);
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
    if (module) flags |= MICA_EVAL_MODULE;

    mica_runtime *rt = mica_runtime_new(&opts);
    mica_context *ctx = rt ? mica_context_new(rt) : NULL;
    if (!ctx) {
        fprintf(stderr, "mica: cannot create the runtime\n");
        return 2;
    }
    mica_scope scope;
    mica_scope_open(rt, &scope);
    host_flush_stdout = 1;
    int status = 0;
    if (host_install_console((Context *)ctx) < 0) {
        fprintf(stderr, "mica: cannot install the console\n");
        return 2;
    }
    mica_value global = mica_global(ctx);
    if (expose_gc) mica_define(ctx, global, "gc", mica_function(ctx, "gc", 0, gc_fn, NULL));
    if (test262) {
        fprintf(stderr, "mica: --test262 is not available in this build yet\n");
        return 2;
    }
    (void)i;
    mica_value script, result;
    if (mica_compile(ctx, src, len, name, flags, &script) != MICA_OK) {
        report_exception(ctx, src, len);
        status = 1;
    } else if (dump) {
        mica_dump_bytecode(ctx, script, stdout);
    } else if (mica_run(ctx, script, &result) != MICA_OK) {
        report_exception(ctx, src, len);
        status = 1;
    } else {
        mica_context *failed = NULL;
        if (mica_run_jobs(rt, &failed) != MICA_OK) {
            report_exception(failed ? failed : ctx, NULL, 0);
            status = 1;
        }
    }
    mica_scope_close(&scope);
    mica_context_free(ctx);
    mica_runtime_free(rt);
    free(src);
    fflush(stdout);
    return status;
}
