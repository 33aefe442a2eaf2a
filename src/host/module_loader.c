/*
 * module_loader.c — the CLI's module loader (a mica_module_loader over the
 * file system).
 *
 * Specifiers are file paths: "./x.mjs" and "../y.js" resolve against the
 * directory of the importing file, "/abs/z.mjs" is taken as is; bare names
 * ("lodash") are not supported. A canonical name is the lexically normalized
 * path ("." and ".." segments folded), relative when the importer's was, so
 * messages name files the way the command line did and each file is loaded
 * once. import.meta.url is the file: URL of the real path.
 */
#include "host/module_loader.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_path_specifier(const char *s) {
    return s[0] == '/' || strncmp(s, "./", 2) == 0 || strncmp(s, "../", 3) == 0 ||
           strcmp(s, ".") == 0 || strcmp(s, "..") == 0;
}

/* Folds "." and ".." segments and repeated slashes; ".." past the start of
 * a relative path is kept. Malloc'd. */
static char *normalize_path(const char *path) {
    size_t n = strlen(path);
    char *out = malloc(n + 2);
    if (!out) return NULL;
    bool absolute = path[0] == '/';
    size_t w = 0;
    size_t base = absolute ? 1 : 0; /* segments before base are fixed ("/" or leading "..") */
    if (absolute) out[w++] = '/';
    const char *p = path;
    while (*p) {
        while (*p == '/')
            p++;
        const char *seg = p;
        while (*p && *p != '/')
            p++;
        size_t len = (size_t)(p - seg);
        if (len == 0 || (len == 1 && seg[0] == '.')) continue;
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            if (w > base) {
                while (w > base && out[w - 1] != '/')
                    w--;
                if (w > base) w--; /* the slash before the dropped segment */
                continue;
            }
            if (absolute) continue; /* "/.." is "/" */
            if (w > 0 && out[w - 1] != '/') out[w++] = '/';
            memcpy(out + w, "..", 2);
            w += 2;
            base = w;
            continue;
        }
        if (w > 0 && out[w - 1] != '/') out[w++] = '/';
        memcpy(out + w, seg, len);
        w += len;
    }
    if (w == 0) out[w++] = '.';
    out[w] = '\0';
    return out;
}

static void throw_not_found(mica_context *ctx, const mica_module_request *req, const char *path,
                            const char *why) {
    if (req->referrer && req->line > 0)
        mica_throw_error(ctx, MICA_ERROR, "Cannot find module '%s' (%s: %s) imported from %s:%d:%d",
                         req->specifier, path, why, req->referrer, req->line, req->column);
    else if (req->referrer)
        mica_throw_error(ctx, MICA_ERROR, "Cannot find module '%s' (%s: %s) imported from %s",
                         req->specifier, path, why, req->referrer);
    else
        mica_throw_error(ctx, MICA_ERROR, "Cannot find module '%s' (%s: %s)", req->specifier, path,
                         why);
}

static char *resolve(mica_context *ctx, void *opaque, const mica_module_request *req) {
    (void)opaque;
    const char *spec = req->specifier;
    if (!is_path_specifier(spec)) {
        if (req->referrer && req->line > 0)
            mica_throw_error(ctx, MICA_TYPE_ERROR,
                             "Cannot resolve module specifier '%s' imported from %s:%d:%d: only "
                             "paths starting with '/', './' or '../' are supported",
                             spec, req->referrer, req->line, req->column);
        else
            mica_throw_error(ctx, MICA_TYPE_ERROR,
                             "Cannot resolve module specifier '%s': only paths starting with '/', "
                             "'./' or '../' are supported",
                             spec);
        return NULL;
    }
    char *joined;
    if (spec[0] == '/' || !req->referrer) {
        joined = strdup(spec);
    } else {
        const char *slash = strrchr(req->referrer, '/');
        size_t dir_len = slash ? (size_t)(slash - req->referrer) + 1 : 0;
        joined = malloc(dir_len + strlen(spec) + 1);
        if (joined) {
            memcpy(joined, req->referrer, dir_len);
            strcpy(joined + dir_len, spec);
        }
    }
    char *path = joined ? normalize_path(joined) : NULL;
    free(joined);
    if (!path) {
        mica_throw_error(ctx, MICA_RANGE_ERROR, "Out of memory");
        return NULL;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        throw_not_found(ctx, req, path, stat(path, &st) != 0 ? strerror(errno) : "not a file");
        free(path);
        return NULL;
    }
    return path;
}

static char *load(mica_context *ctx, void *opaque, const char *name, const mica_module_request *req,
                  size_t *length) {
    (void)opaque;
    FILE *f = fopen(name, "rb");
    if (!f) {
        throw_not_found(ctx, req, name, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 14, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
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
    bool failed = ferror(f) != 0;
    fclose(f);
    if (!buf || failed) {
        free(buf);
        mica_throw_error(ctx, MICA_ERROR, "Cannot read module %s", name);
        return NULL;
    }
    *length = n;
    return buf;
}

static mica_status init_meta(mica_context *ctx, void *opaque, const char *name, mica_value meta) {
    (void)opaque;
    char real[PATH_MAX];
    if (!realpath(name, real)) snprintf(real, sizeof real, "%s", name);
    size_t n = strlen(real);
    char *url = malloc(n + 8);
    if (!url) return mica_throw_error(ctx, MICA_RANGE_ERROR, "Out of memory");
    memcpy(url, "file://", 7);
    memcpy(url + 7, real, n + 1);
    mica_status st = mica_set(ctx, meta, "url", mica_string(ctx, url, strlen(url)));
    free(url);
    return st;
}

void host_install_module_loader(mica_runtime *rt) {
    mica_module_loader loader = {resolve, load, init_meta, NULL};
    mica_runtime_set_module_loader(rt, &loader);
}

char *host_module_name(const char *path) {
    return normalize_path(path);
}
