/*
 * expectations.c — the expected-failures list.
 *
 * Format, one entry a line:
 *     path/under/test.js [strict|sloppy]  # reason
 * The mode is present only when one of a test's two modes fails; without it
 * the entry covers every mode the test runs in. Lines that are blank or start
 * with '#' are comments: those before the first entry form the header, the
 * others belong to the entry below them and move with it when the file is
 * rewritten, so notes stay next to what they describe.
 */
#include "t262.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define REASON_MAX 120

static void *checked_realloc(void *p, size_t size) {
    void *q = realloc(p, size ? size : 1);
    if (!q) {
        fprintf(stderr, "mica-test262: out of memory\n");
        exit(2);
    }
    return q;
}

static char *copy_range(const char *start, const char *end) {
    char *s = checked_realloc(NULL, (size_t)(end - start) + 1);
    memcpy(s, start, (size_t)(end - start));
    s[end - start] = '\0';
    return s;
}

static int mode_from_name(const char *start, size_t length) {
    if (length == 6 && memcmp(start, "strict", 6) == 0) return T262_STRICT;
    if (length == 6 && memcmp(start, "sloppy", 6) == 0) return T262_SLOPPY;
    if (length == 6 && memcmp(start, "module", 6) == 0) return T262_MODULE;
    return -2;
}

static t262_expectation *append(t262_expectations *list) {
    if (list->count == list->capacity) {
        list->capacity = list->capacity ? list->capacity * 2 : 256;
        list->items = checked_realloc(list->items, sizeof *list->items * (size_t)list->capacity);
    }
    t262_expectation *e = &list->items[list->count++];
    memset(e, 0, sizeof *e);
    return e;
}

static int mode_rank(int mode) {
    return mode + 1;
} /* -1 (all) sorts first */

static int compare_entries(const void *a, const void *b) {
    const t262_expectation *x = a, *y = b;
    int c = strcmp(x->path, y->path);
    if (c) return c;
    c = mode_rank(x->mode) - mode_rank(y->mode);
    if (c) return c;
    return x->order < y->order ? -1 : x->order > y->order;
}

static void sort_entries(t262_expectations *list) {
    for (int i = 0; i < list->count; i++)
        list->items[i].order = i;
    if (list->count > 1) /* items is NULL while the list is empty */
        qsort(list->items, (size_t)list->count, sizeof *list->items, compare_entries);
    list->sorted_count = list->count;
}

int t262_expectations_load(const char *path, t262_expectations *out) {
    memset(out, 0, sizeof *out);
    size_t length;
    char *text = t262_read_file(path, &length);
    if (!text) return 0; /* no file yet: nothing is expected to fail */
    t262_strings pending = {0};
    int seen_entry = 0, line_number = 0, errors = 0;
    for (char *line = text; line < text + length;) {
        char *end = memchr(line, '\n', (size_t)(text + length - line));
        if (!end) end = text + length;
        char *next = end < text + length ? end + 1 : end;
        if (end > line && end[-1] == '\r') end--;
        line_number++;
        const char *p = line;
        while (p < end && isspace((unsigned char)*p))
            p++;
        if (p == end || *p == '#') {
            t262_strings_push(seen_entry ? &pending : &out->header, line, (size_t)(end - line));
            line = next;
            continue;
        }
        if (!seen_entry) {
            /* Comments right above the first entry belong to it, not to the
             * header: the header ends at its last blank line. */
            int split = out->header.count;
            while (split > 0 &&
                   out->header.items[split - 1][strspn(out->header.items[split - 1], " \t")] !=
                       '\0')
                split--;
            for (int i = split; i < out->header.count; i++) {
                t262_strings_push(&pending, out->header.items[i], strlen(out->header.items[i]));
                free(out->header.items[i]);
            }
            out->header.count = split;
        }
        seen_entry = 1;
        const char *hash = memchr(p, '#', (size_t)(end - p));
        const char *fields_end = hash ? hash : end;
        const char *path_end = p;
        while (path_end < fields_end && !isspace((unsigned char)*path_end))
            path_end++;
        const char *mode_start = path_end;
        while (mode_start < fields_end && isspace((unsigned char)*mode_start))
            mode_start++;
        const char *mode_end = mode_start;
        while (mode_end < fields_end && !isspace((unsigned char)*mode_end))
            mode_end++;
        const char *rest = mode_end;
        while (rest < fields_end && isspace((unsigned char)*rest))
            rest++;
        int mode = -1;
        if (mode_end > mode_start)
            mode = mode_from_name(mode_start, (size_t)(mode_end - mode_start));
        if (mode == -2 || rest != fields_end) {
            fprintf(stderr, "%s:%d: expected 'path [strict|sloppy]  # reason'\n", path,
                    line_number);
            errors++;
            line = next;
            continue;
        }
        t262_expectation *e = append(out);
        e->path = copy_range(p, path_end);
        e->mode = mode;
        const char *reason = hash ? hash + 1 : end, *reason_end = end;
        while (reason < reason_end && isspace((unsigned char)*reason))
            reason++;
        while (reason_end > reason && isspace((unsigned char)reason_end[-1]))
            reason_end--;
        e->reason = copy_range(reason, reason_end);
        e->leading = pending;
        memset(&pending, 0, sizeof pending);
        line = next;
    }
    out->trailing = pending;
    free(text);
    sort_entries(out);
    return errors ? -1 : 0;
}

/* Index of the first entry for path, or -1. */
static int lower_bound(const t262_expectations *list, const char *path) {
    int lo = 0, hi = list->sorted_count;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(list->items[mid].path, path) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < list->sorted_count && strcmp(list->items[lo].path, path) == 0 ? lo : -1;
}

t262_expectation *t262_expectations_find(t262_expectations *list, const char *path,
                                         t262_mode mode) {
    int i = lower_bound(list, path);
    if (i < 0) return NULL;
    for (; i < list->sorted_count && strcmp(list->items[i].path, path) == 0; i++) {
        t262_expectation *e = &list->items[i];
        if (!e->dropped && (e->mode == -1 || e->mode == (int)mode)) return e;
    }
    return NULL;
}

/* A reason is a reminder, not a log: keep it short, cut on a character. */
static void set_reason(t262_expectation *e, const char *message) {
    if (!message) message = "";
    free(e->reason);
    size_t n = strlen(message);
    if (n > REASON_MAX) {
        n = REASON_MAX - 3;
        while (n > 0 && ((unsigned char)message[n] & 0xC0) == 0x80)
            n--;
        e->reason = checked_realloc(NULL, n + 4);
        memcpy(e->reason, message, n);
        memcpy(e->reason + n, "...", 4);
    } else {
        e->reason = copy_range(message, message + n);
    }
}

void t262_expectations_update(t262_expectations *list, const char *path, int mode_count,
                              const int *modes, const int *failed, const char *const *messages) {
    int failing = 0, first_failing = -1;
    for (int i = 0; i < mode_count; i++) {
        if (failed[i]) {
            failing++;
            if (first_failing < 0) first_failing = i;
        }
    }
    int wanted_mode = failing == mode_count ? -1 : failing == 1 ? modes[first_failing] : -1;

    /* Reuse the existing entry (its comments) when there is one; its reason
     * becomes today's failure message, so no reason outlives its cause. */
    t262_expectation *keep = NULL;
    int i = lower_bound(list, path);
    for (; i >= 0 && i < list->sorted_count && strcmp(list->items[i].path, path) == 0; i++) {
        t262_expectation *e = &list->items[i];
        if (e->dropped) continue;
        if (failing > 0 && !keep) {
            keep = e;
            e->mode = wanted_mode;
        } else {
            e->dropped = 1;
        }
    }
    if (failing == 0) return;
    t262_expectation *e = keep;
    if (!e) {
        e = append(list);
        e->path = copy_range(path, path + strlen(path));
        e->mode = wanted_mode;
        e->added = 1;
        /* Not sorted in: lookups search the sorted prefix, and each path is
         * updated once; t262_expectations_write sorts. */
    }
    set_reason(e, messages[first_failing]);
}

void t262_expectations_drop_path(t262_expectations *list, const char *path) {
    int i = lower_bound(list, path);
    for (; i >= 0 && i < list->sorted_count && strcmp(list->items[i].path, path) == 0; i++)
        list->items[i].dropped = 1;
}

int t262_expectations_write(const char *path, t262_expectations *list) {
    sort_entries(list);
    size_t tmp_size = strlen(path) + 8;
    char *tmp = checked_realloc(NULL, tmp_size);
    snprintf(tmp, tmp_size, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        free(tmp);
        return -1;
    }
    for (int i = 0; i < list->header.count; i++)
        fprintf(f, "%s\n", list->header.items[i]);
    t262_strings carried = {0}; /* comments of dropped entries go to the next one */
    for (int i = 0; i < list->count; i++) {
        t262_expectation *e = &list->items[i];
        for (int j = 0; j < e->leading.count; j++) {
            const char *line = e->leading.items[j];
            if (e->dropped) t262_strings_push(&carried, line, strlen(line));
        }
        if (e->dropped) continue;
        for (int j = 0; j < carried.count; j++)
            fprintf(f, "%s\n", carried.items[j]);
        t262_strings_free(&carried);
        for (int j = 0; j < e->leading.count; j++)
            fprintf(f, "%s\n", e->leading.items[j]);
        fputs(e->path, f);
        if (e->mode >= 0) fprintf(f, " %s", t262_mode_name((t262_mode)e->mode));
        if (e->reason[0]) fprintf(f, "  # %s", e->reason);
        fputc('\n', f);
    }
    for (int j = 0; j < carried.count; j++)
        fprintf(f, "%s\n", carried.items[j]);
    t262_strings_free(&carried);
    for (int i = 0; i < list->trailing.count; i++)
        fprintf(f, "%s\n", list->trailing.items[i]);
    int failed = ferror(f);
    failed |= fclose(f);
    if (!failed) failed = rename(tmp, path);
    free(tmp);
    return failed ? -1 : 0;
}

void t262_expectations_free(t262_expectations *list) {
    for (int i = 0; i < list->count; i++) {
        free(list->items[i].path);
        free(list->items[i].reason);
        t262_strings_free(&list->items[i].leading);
    }
    free(list->items);
    t262_strings_free(&list->header);
    t262_strings_free(&list->trailing);
    memset(list, 0, sizeof *list);
}
