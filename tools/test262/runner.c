/*
 * runner.c — mica-test262: runs the test262 suite and judges the result
 * against the expected-failures list. See tools/test262/README.md.
 *
 * Flow: discover tests (sorted) -> parse frontmatter, load harness files ->
 * expand into jobs, one per (test, mode) -> run the jobs on a pool of
 * forked, long-lived workers -> compare with the expectations -> report.
 *
 * The pool: each worker is its own process group, reads 4-byte job indices
 * from a pipe and writes one result record per job back. The parent polls
 * the result pipes; a worker that dies mid-job fails that job as a crash, a
 * worker past its job's deadline is killed (with its whole process group)
 * and fails the job as a timeout; either way a new worker is forked.
 */
#include "t262.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* In-process tests get this long past the soft (interrupt) deadline before
 * the worker is killed. */
#define HARD_TIMEOUT_GRACE 2.0

typedef struct job {
    int test;
    t262_mode mode;
    t262_verdict verdict;
    int done;
    int listed;    /* an expectations entry covers it */
    char *message; /* failures and skips only */
} job;

typedef struct options {
    t262_config config;
    const char *expect_path;
    const char *features_path;
    const char *report_dir;
    int update;
    int jobs;
    int no_fork;
    int slice_k, slice_n;
    int max_fail_lines;
    int recycle_after; /* jobs per worker before it is replaced */
    t262_strings filters;
} options;

static t262_test *tests;
static int test_count, test_capacity;
static job *jobs;
static int job_count;

static volatile sig_atomic_t interrupted;
static int pool_failed; /* no worker could be started */

static void on_interrupt(int sig) {
    interrupted = sig;
}

static void *xrealloc(void *p, size_t size) {
    void *q = realloc(p, size ? size : 1);
    if (!q) {
        fprintf(stderr, "mica-test262: out of memory\n");
        exit(2);
    }
    return q;
}

static char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

static double now_seconds(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- options ---------------------------------------------------------------- */

static void usage(FILE *f) {
    fprintf(
        f,
        "usage: mica-test262 [options] [PATH...]\n"
        "  PATH                 files or directories under test/ (default: all)\n"
        "  --dir DIR            test262 checkout (default $TEST262_DIR or ../shared/test262)\n"
        "  --expect FILE        expected failures (default tests/test262/expected-failures.txt)\n"
        "  --update             rewrite FILE: drop passing entries, add new failures\n"
        "  --features FILE      unsupported features (default tools/test262/features.txt)\n"
        "  -j N                 workers (default: number of cores)\n"
        "  --timeout S          per-test timeout in seconds (default 10)\n"
        "  --slice K/N          only tests whose index %% N == K\n"
        "  --engine-cmd CMD     run each test as `CMD FILE` instead of in-process\n"
        "  --no-fork            run every test in this process (debugging; no timeout)\n"
        "  --max-heap MB        heap limit per test runtime (default 1024)\n"
        "  --report-dir DIR     where report.md and results.json go (default build/test262)\n"
        "  --max-fail-lines N   FAIL lines to print (default 200)\n"
        "  --recycle N          replace each worker after N tests (default 1000)\n"
        "  -v                   show the workers' stdout/stderr\n");
}

static int parse_options(int argc, char **argv, options *o) {
    memset(o, 0, sizeof *o);
    const char *env_dir = getenv("TEST262_DIR");
    o->config.suite_dir = env_dir && *env_dir ? env_dir : "../shared/test262";
    o->config.timeout_seconds = 10;
    o->config.max_heap_bytes = (size_t)1024 * 1024 * 1024;
    o->expect_path = "tests/test262/expected-failures.txt";
    o->features_path = "tools/test262/features.txt";
    o->report_dir = "build/test262";
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = cores > 0 ? (int)cores : 1;
    o->slice_n = 1;
    o->max_fail_lines = 200;
    o->recycle_after = 1000;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
#define NEEDS_VALUE                                                                                \
    do {                                                                                           \
        if (!value) {                                                                              \
            fprintf(stderr, "mica-test262: %s needs a value\n", a);                                \
            return -1;                                                                             \
        }                                                                                          \
        i++;                                                                                       \
    } while (0)
        if (strcmp(a, "--dir") == 0) {
            NEEDS_VALUE;
            o->config.suite_dir = value;
        } else if (strcmp(a, "--expect") == 0) {
            NEEDS_VALUE;
            o->expect_path = value;
        } else if (strcmp(a, "--features") == 0) {
            NEEDS_VALUE;
            o->features_path = value;
        } else if (strcmp(a, "--report-dir") == 0) {
            NEEDS_VALUE;
            o->report_dir = value;
        } else if (strcmp(a, "--engine-cmd") == 0) {
            NEEDS_VALUE;
            o->config.engine_cmd = value;
        } else if (strcmp(a, "--update") == 0) {
            o->update = 1;
        } else if (strcmp(a, "--no-fork") == 0) {
            o->no_fork = 1;
        } else if (strcmp(a, "-v") == 0) {
            o->config.verbose = 1;
        } else if (strcmp(a, "-j") == 0 || strncmp(a, "-j", 2) == 0) {
            const char *n = a[2] ? a + 2 : value;
            if (!a[2]) NEEDS_VALUE;
            o->jobs = atoi(n);
            if (o->jobs < 1 || o->jobs > 256) {
                fprintf(stderr, "mica-test262: -j wants 1..256\n");
                return -1;
            }
        } else if (strcmp(a, "--timeout") == 0) {
            NEEDS_VALUE;
            o->config.timeout_seconds = atof(value);
            if (!(o->config.timeout_seconds > 0)) {
                fprintf(stderr, "mica-test262: bad --timeout\n");
                return -1;
            }
        } else if (strcmp(a, "--max-heap") == 0) {
            NEEDS_VALUE;
            o->config.max_heap_bytes = (size_t)atol(value) * 1024 * 1024;
        } else if (strcmp(a, "--recycle") == 0) {
            NEEDS_VALUE;
            o->recycle_after = atoi(value);
            if (o->recycle_after < 1) {
                fprintf(stderr, "mica-test262: --recycle wants a positive count\n");
                return -1;
            }
        } else if (strcmp(a, "--max-fail-lines") == 0) {
            NEEDS_VALUE;
            o->max_fail_lines = atoi(value);
        } else if (strcmp(a, "--slice") == 0) {
            NEEDS_VALUE;
            if (sscanf(value, "%d/%d", &o->slice_k, &o->slice_n) != 2 || o->slice_n < 1 ||
                o->slice_k < 0 || o->slice_k >= o->slice_n) {
                fprintf(stderr, "mica-test262: --slice wants K/N with 0 <= K < N\n");
                return -1;
            }
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            exit(0);
        } else if (a[0] == '-') {
            fprintf(stderr, "mica-test262: unknown option %s\n", a);
            usage(stderr);
            return -1;
        } else {
            t262_strings_push(&o->filters, a, strlen(a));
        }
#undef NEEDS_VALUE
    }
    return 0;
}

/* ---- discovery ---------------------------------------------------------------- */

static t262_strings found_paths;

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Collects the .js tests under root/rel (rel "" for all of test/). */
static void walk(const char *root, const char *rel) {
    char path[4096];
    snprintf(path, sizeof path, "%s%s%s", root, rel[0] ? "/" : "", rel);
    DIR *d = opendir(path);
    if (!d) return;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        if (entry->d_name[0] == '.') continue;
        char child[4096];
        snprintf(child, sizeof child, "%s%s%s", rel, rel[0] ? "/" : "", entry->d_name);
        int is_dir = entry->d_type == DT_DIR;
        if (entry->d_type == DT_UNKNOWN || entry->d_type == DT_LNK) {
            char full[8192];
            struct stat st;
            snprintf(full, sizeof full, "%s/%s", root, child);
            is_dir = stat(full, &st) == 0 && S_ISDIR(st.st_mode);
        }
        if (is_dir)
            walk(root, child);
        else if (ends_with(entry->d_name, ".js") && !strstr(entry->d_name, "_FIXTURE"))
            t262_strings_push(&found_paths, child, strlen(child));
    }
    closedir(d);
}

static int compare_strings(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Turns a command-line PATH into one relative to test/. */
static char *normalize_filter(const char *root, const char *arg) {
    char *p = xstrdup(arg);
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        p[--n] = '\0';
    char *resolved_root = realpath(root, NULL);
    if (resolved_root && p[0] == '/') {
        size_t r = strlen(resolved_root);
        char *resolved = realpath(p, NULL);
        if (resolved && strncmp(resolved, resolved_root, r) == 0 && resolved[r] == '/') {
            free(p);
            p = xstrdup(resolved + r + 1);
        }
        free(resolved);
    }
    free(resolved_root);
    char *start = p;
    while (strncmp(start, "./", 2) == 0)
        start += 2;
    char probe[8192];
    snprintf(probe, sizeof probe, "%s/%s", root, start);
    struct stat st;
    if (stat(probe, &st) != 0 && strncmp(start, "test/", 5) == 0) start += 5;
    char *out = xstrdup(start);
    free(p);
    return out;
}

static int discover(const options *o) {
    char root[4096];
    snprintf(root, sizeof root, "%s/test", o->config.suite_dir);
    struct stat st;
    if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) {
        fprintf(stderr, "mica-test262: no test262 suite at %s (use --dir or TEST262_DIR)\n",
                o->config.suite_dir);
        return -1;
    }
    if (o->filters.count == 0) walk(root, "");
    for (int i = 0; i < o->filters.count; i++) {
        char full[8192];
        snprintf(full, sizeof full, "%s/%s", root, o->filters.items[i]);
        if (stat(full, &st) != 0) {
            fprintf(stderr, "mica-test262: no such test or directory: %s\n", full);
            return -1;
        }
        if (S_ISDIR(st.st_mode))
            walk(root, o->filters.items[i]);
        else
            t262_strings_push(&found_paths, o->filters.items[i], strlen(o->filters.items[i]));
    }
    qsort(found_paths.items, (size_t)found_paths.count, sizeof *found_paths.items, compare_strings);
    int kept = 0;
    for (int i = 0; i < found_paths.count; i++) {
        if (kept > 0 && strcmp(found_paths.items[kept - 1], found_paths.items[i]) == 0) {
            free(found_paths.items[i]);
            continue;
        }
        found_paths.items[kept++] = found_paths.items[i];
    }
    found_paths.count = kept;
    return 0;
}

/* ---- test table ----------------------------------------------------------------- */

static t262_strings unsupported_features;

static void load_features(const char *path) {
    size_t length;
    char *text = t262_read_file(path, &length);
    if (!text) {
        fprintf(stderr, "mica-test262: note: no features file %s, all features are run\n", path);
        return;
    }
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        char *start = line + strspn(line, " \t\r");
        size_t n = strcspn(start, " \t\r");
        if (n) t262_strings_push(&unsupported_features, start, n);
    }
    free(text);
}

static int feature_unsupported(const char *name) {
    for (int i = 0; i < unsupported_features.count; i++)
        if (strcmp(unsupported_features.items[i], name) == 0) return 1;
    return 0;
}

static void add_harness(t262_test *t, const char *suite_dir, const char *name) {
    int index = t262_harness_load(suite_dir, name);
    if (index < 0) {
        if (!t->error) {
            char message[512];
            snprintf(message, sizeof message, "missing harness file %s", name);
            t->error = xstrdup(message);
        }
        return;
    }
    for (int i = 0; i < t->harness_count; i++)
        if (t->harness[i] == index) return; /* already evaluated */
    t->harness = xrealloc(t->harness, sizeof *t->harness * (size_t)(t->harness_count + 1));
    t->harness[t->harness_count++] = index;
}

static void load_test(const options *o, const char *path) {
    if (test_count == test_capacity) {
        test_capacity = test_capacity ? test_capacity * 2 : 1024;
        tests = xrealloc(tests, sizeof *tests * (size_t)test_capacity);
    }
    t262_test *t = &tests[test_count++];
    memset(t, 0, sizeof *t);
    t->path = xstrdup(path);
    t->modes[0] = T262_SLOPPY;
    t->modes[1] = T262_STRICT;
    t->mode_count = 2;

    char full[8192];
    snprintf(full, sizeof full, "%s/test/%s", o->config.suite_dir, path);
    size_t length;
    char *source = t262_read_file(full, &length);
    if (!source) {
        t->error = xstrdup("cannot read test file");
        return;
    }
    t262_meta meta;
    char error[256];
    if (t262_parse_meta(source, length, &meta, error, sizeof error) != 0) {
        free(source);
        t->error = xstrdup(error);
        return;
    }
    free(source);
    t->flags = meta.flags;
    t->negative_phase = meta.negative_phase;
    t->negative_type = meta.negative_type;
    meta.negative_type = NULL;

    if (t->flags & T262_FLAG_MODULE) {
        t->modes[0] = T262_MODULE;
        t->mode_count = 1;
    } else if (t->flags & (T262_FLAG_RAW | T262_FLAG_NO_STRICT)) {
        t->modes[0] = T262_SLOPPY;
        t->mode_count = 1;
    } else if (t->flags & T262_FLAG_ONLY_STRICT) {
        t->modes[0] = T262_STRICT;
        t->mode_count = 1;
    }

    if (!(t->flags & T262_FLAG_RAW)) {
        add_harness(t, o->config.suite_dir, "assert.js");
        add_harness(t, o->config.suite_dir, "sta.js");
        if (t->flags & T262_FLAG_ASYNC) add_harness(t, o->config.suite_dir, "doneprintHandle.js");
        for (int i = 0; i < meta.includes.count; i++)
            add_harness(t, o->config.suite_dir, meta.includes.items[i]);
    }

    for (int i = 0; i < meta.features.count && !t->skip_reason; i++) {
        if (feature_unsupported(meta.features.items[i])) {
            char reason[256];
            snprintf(reason, sizeof reason, "unsupported feature %s", meta.features.items[i]);
            t->skip_reason = xstrdup(reason);
        }
    }
    /* A command-line host's main thread may block: [[CanBlock]] is true. */
    if (!t->skip_reason && (t->flags & T262_FLAG_CAN_BLOCK_FALSE))
        t->skip_reason = xstrdup("CanBlockIsFalse: this host can block");
    t262_meta_free(&meta);
}

/* ---- expectations check, as results arrive ---------------------------------------- */

static t262_expectations expectations;
static int unexpected_failures, now_passing, fail_lines_printed;
static int progress_on_tty, progress_line_shown;

static void clear_progress(void) {
    if (progress_line_shown) {
        fputs("\r\033[K", stdout);
        progress_line_shown = 0;
    }
}

static void record_result(const options *o, int index, const t262_result *r) {
    job *j = &jobs[index];
    j->done = 1;
    j->verdict = r->verdict;
    if (r->verdict != T262_PASS) j->message = xstrdup(r->message);
    const t262_test *t = &tests[j->test];
    if (r->verdict == T262_SKIP) return;
    t262_expectation *e = t262_expectations_find(&expectations, t->path, j->mode);
    j->listed = e != NULL;
    if (r->verdict == T262_FAIL && !e) {
        unexpected_failures++;
        if (fail_lines_printed < o->max_fail_lines) {
            clear_progress();
            printf("FAIL %s (%s): %s\n", t->path, t262_mode_name(j->mode), r->message);
            fail_lines_printed++;
        }
    } else if (r->verdict == T262_PASS && e) {
        now_passing++;
    }
}

static void format_duration(double seconds, char *out, size_t size) {
    long s = (long)(seconds + 0.5);
    if (s >= 3600)
        snprintf(out, size, "%ldh%02ldm", s / 3600, s / 60 % 60);
    else if (s >= 60)
        snprintf(out, size, "%ldm%02lds", s / 60, s % 60);
    else
        snprintf(out, size, "%lds", s);
}

static void show_progress(int done, int total, int passed, double started, int final) {
    static int last_decile = -1;
    static double last_draw;
    double now = now_seconds();
    char elapsed[32], eta[32];
    format_duration(now - started, elapsed, sizeof elapsed);
    if (done > 0)
        format_duration((now - started) / done * (total - done), eta, sizeof eta);
    else
        snprintf(eta, sizeof eta, "?");
    double pass_pct = done ? 100.0 * passed / done : 0;
    if (progress_on_tty) {
        if (!final && now - last_draw < 0.1) return;
        last_draw = now;
        printf("\r\033[K%d/%d  %.1f%% pass  %s  ETA %s%s", done, total, pass_pct, elapsed, eta,
               final ? "\n" : "");
        progress_line_shown = !final;
        fflush(stdout);
    } else {
        int decile = total ? (int)(10L * done / total) : 10;
        if (decile == last_decile || decile == 0 || final) return;
        last_decile = decile;
        printf("test262: %d/%d  %.1f%% pass  %s  ETA %s\n", done, total, pass_pct, elapsed, eta);
        fflush(stdout);
    }
}

/* ---- workers ---------------------------------------------------------------------- */

typedef struct result_record {
    int32_t job;
    int32_t verdict;
    int32_t length;
} result_record;

typedef struct worker {
    pid_t pid;       /* 0: none */
    int job_fd;      /* parent writes job indices */
    int result_fd;   /* parent reads result records */
    int job;         /* in flight, or -1 */
    double deadline; /* now_seconds() after which the job is killed */
    int jobs_run;
    char buffer[sizeof(result_record) + T262_MESSAGE_MAX];
    size_t buffered;
} worker;

static worker *workers;
static int worker_count;

static void run_job(const t262_config *config, int index, t262_result *result) {
    const job *j = &jobs[index];
    const t262_test *t = &tests[j->test];
    memset(result, 0, sizeof *result);
    if (config->engine_cmd)
        t262_run_command(config, t, j->mode, result);
    else
        t262_run_in_process(config, t, j->mode, result);
}

static int read_fully(int fd, void *buf, size_t size) {
    char *p = buf;
    while (size > 0) {
        ssize_t n = read(fd, p, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        size -= (size_t)n;
    }
    return 0;
}

static int write_fully(int fd, const void *buf, size_t size) {
    const char *p = buf;
    while (size > 0) {
        ssize_t n = write(fd, p, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        size -= (size_t)n;
    }
    return 0;
}

static void worker_main(t262_config config, int job_fd, int result_fd) {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
    if (!config.verbose) {
        int null_fd = open("/dev/null", O_WRONLY);
        if (null_fd >= 0) {
            dup2(null_fd, 1);
            dup2(null_fd, 2);
            close(null_fd);
        }
    }
    int32_t index;
    while (read_fully(job_fd, &index, sizeof index) == 0) {
        t262_result result;
        run_job(&config, index, &result);
        char record[sizeof(result_record) + T262_MESSAGE_MAX];
        result_record header = {index, (int32_t)result.verdict, (int32_t)strlen(result.message)};
        memcpy(record, &header, sizeof header);
        memcpy(record + sizeof header, result.message, (size_t)header.length);
        /* At most PIPE_BUF bytes: one atomic write. */
        if (write_fully(result_fd, record, sizeof header + (size_t)header.length) != 0) break;
    }
    _exit(0);
}

static int spawn_worker(const options *o, int slot) {
    int to_worker[2], from_worker[2];
    if (pipe2(to_worker, O_CLOEXEC) != 0) return -1;
    if (pipe2(from_worker, O_CLOEXEC) != 0) {
        close(to_worker[0]);
        close(to_worker[1]);
        return -1;
    }
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        close(to_worker[0]);
        close(to_worker[1]);
        close(from_worker[0]);
        close(from_worker[1]);
        return -1;
    }
    if (pid == 0) {
        /* Its own group, so a timeout kills the commands it started too. */
        setpgid(0, 0);
        for (int i = 0; i < worker_count; i++) {
            if (workers[i].pid > 0) {
                close(workers[i].job_fd);
                close(workers[i].result_fd);
            }
        }
        close(to_worker[1]);
        close(from_worker[0]);
        t262_config config = o->config;
        config.worker_id = slot;
        worker_main(config, to_worker[0], from_worker[1]);
    }
    setpgid(pid, pid); /* also here: whichever runs first */
    close(to_worker[0]);
    close(from_worker[1]);
    worker *w = &workers[slot];
    w->pid = pid;
    w->job_fd = to_worker[1];
    w->result_fd = from_worker[0];
    w->job = -1;
    w->buffered = 0;
    w->jobs_run = 0;
    return 0;
}

/* Lets an idle worker finish: end of input makes it exit. */
static void stop_worker(worker *w) {
    close(w->job_fd);
    int status;
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR) {
    }
    close(w->result_fd);
    w->pid = 0;
    w->job = -1;
}

/* Kills (if asked) and reaps a worker; returns its wait status. */
static int retire_worker(worker *w, int kill_it) {
    if (kill_it) {
        kill(-w->pid, SIGKILL);
        kill(w->pid, SIGKILL);
    }
    int status = 0;
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR) {
    }
    /* Commands a crashed worker left behind die with its group. */
    kill(-w->pid, SIGKILL);
    close(w->job_fd);
    close(w->result_fd);
    w->pid = 0;
    w->job = -1;
    return status;
}

static int run_pool(const options *o, int *order, int order_count, double started) {
    int slots = o->jobs < order_count ? o->jobs : order_count;
    workers = xrealloc(NULL, sizeof *workers * (size_t)(slots ? slots : 1));
    memset(workers, 0, sizeof *workers * (size_t)(slots ? slots : 1));
    worker_count = slots;
    double hard_timeout =
        o->config.timeout_seconds + (o->config.engine_cmd ? 0.0 : HARD_TIMEOUT_GRACE);
    int next = 0, done = 0, passed = 0;
    struct pollfd *fds = xrealloc(NULL, sizeof *fds * (size_t)(slots ? slots : 1));
    int *fd_slot = xrealloc(NULL, sizeof *fd_slot * (size_t)(slots ? slots : 1));

    while (done < order_count && !interrupted && !pool_failed) {
        for (int s = 0; s < slots; s++) {
            worker *w = &workers[s];
            if (next >= order_count) break;
            /* A fresh process now and then bounds what engine leaks or
             * corrupted global state can do to later tests. */
            if (w->pid > 0 && w->job < 0 && w->jobs_run >= o->recycle_after) stop_worker(w);
            if (w->pid == 0 && spawn_worker(o, s) != 0) {
                fprintf(stderr, "mica-test262: cannot start a worker: %s\n", strerror(errno));
                int alive = 0;
                for (int k = 0; k < slots; k++)
                    alive += workers[k].pid > 0;
                if (alive == 0) {
                    pool_failed = 1;
                    break;
                }
                continue;
            }
            if (w->job >= 0) continue;
            int32_t index = order[next];
            if (write_fully(w->job_fd, &index, sizeof index) != 0) {
                retire_worker(w, 1); /* died idle: replaced on the next round */
                continue;
            }
            next++;
            w->jobs_run++;
            w->job = index;
            w->buffered = 0;
            w->deadline = now_seconds() + hard_timeout;
        }
        int nfds = 0;
        double wait = 1.0;
        double now = now_seconds();
        for (int s = 0; s < slots; s++) {
            if (workers[s].pid == 0 || workers[s].job < 0) continue;
            fds[nfds].fd = workers[s].result_fd;
            fds[nfds].events = POLLIN;
            fds[nfds].revents = 0;
            fd_slot[nfds++] = s;
            if (workers[s].deadline - now < wait) wait = workers[s].deadline - now;
        }
        if (nfds == 0) {
            if (next >= order_count) break;
            continue; /* workers failed to start or died idle: try again */
        }
        int timeout_ms = wait > 0 ? (int)(wait * 1000) + 1 : 0;
        int ready = poll(fds, (nfds_t)nfds, timeout_ms);
        if (ready < 0 && errno != EINTR) {
            perror("mica-test262: poll");
            return -1;
        }
        for (int f = 0; f < nfds && ready > 0; f++) {
            if (!fds[f].revents) continue;
            worker *w = &workers[fd_slot[f]];
            ssize_t n = read(w->result_fd, w->buffer + w->buffered, sizeof w->buffer - w->buffered);
            if (n < 0 && errno == EINTR) continue;
            if (n > 0) {
                w->buffered += (size_t)n;
                result_record header;
                if (w->buffered < sizeof header) continue;
                memcpy(&header, w->buffer, sizeof header);
                if (header.length < 0 || header.length >= T262_MESSAGE_MAX ||
                    header.job != w->job) {
                    fprintf(stderr, "mica-test262: garbled result from a worker\n");
                    return -1;
                }
                if (w->buffered < sizeof header + (size_t)header.length) continue;
                t262_result result;
                result.verdict = (t262_verdict)header.verdict;
                memcpy(result.message, w->buffer + sizeof header, (size_t)header.length);
                result.message[header.length] = '\0';
                record_result(o, w->job, &result);
                passed += result.verdict == T262_PASS;
                done++;
                w->job = -1;
                w->buffered = 0;
                continue;
            }
            /* End of file: the worker died during the job. */
            int job_index = w->job;
            int status = retire_worker(w, 0);
            t262_result result;
            if (WIFSIGNALED(status))
                t262_set_result(&result, T262_FAIL, "crash (signal %d)", WTERMSIG(status));
            else
                t262_set_result(&result, T262_FAIL, "crash (worker exited with status %d)",
                                WEXITSTATUS(status));
            record_result(o, job_index, &result);
            done++;
        }
        now = now_seconds();
        for (int s = 0; s < slots; s++) {
            worker *w = &workers[s];
            if (w->pid == 0 || w->job < 0 || now < w->deadline) continue;
            int job_index = w->job;
            retire_worker(w, 1);
            t262_result result;
            t262_set_result(&result, T262_FAIL, "timeout");
            record_result(o, job_index, &result);
            done++;
        }
        show_progress(done, order_count, passed, started, 0);
    }
    for (int s = 0; s < slots; s++) {
        worker *w = &workers[s];
        if (w->pid == 0) continue;
        if (interrupted || pool_failed)
            retire_worker(w, 1);
        else
            stop_worker(w);
    }
    free(fds);
    free(fd_slot);
    show_progress(done, order_count, passed, started, 1);
    return interrupted || pool_failed ? -1 : 0;
}

static void run_inline(const options *o, int *order, int order_count, double started) {
    int passed = 0;
    for (int i = 0; i < order_count && !interrupted; i++) {
        t262_result result;
        t262_config config = o->config;
        run_job(&config, order[i], &result);
        record_result(o, order[i], &result);
        passed += result.verdict == T262_PASS;
        show_progress(i + 1, order_count, passed, started, 0);
    }
    show_progress(order_count, order_count, passed, started, 1);
}

/* ---- reports ------------------------------------------------------------------------ */

typedef struct dir_stats {
    char name[256];
    int passed, failed, skipped;
    int new_passes, new_failures; /* against the expectations list */
} dir_stats;

static int compare_dirs(const void *a, const void *b) {
    return strcmp(((const dir_stats *)a)->name, ((const dir_stats *)b)->name);
}

/* The two-level directory of a path: "built-ins/Array/x/y.js" -> "built-ins/Array". */
static void dir_key(const char *path, char *out, size_t size) {
    const char *first = strchr(path, '/');
    const char *second = first ? strchr(first + 1, '/') : NULL;
    const char *end = second ? second : first ? first : path + strlen(path);
    size_t n = (size_t)(end - path);
    if (n >= size) n = size - 1;
    memcpy(out, path, n);
    out[n] = '\0';
}

static void json_string(FILE *f, const char *s) {
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else if (*p < 0x80)
            fputc(*p, f);
        else {
            /* Keep valid UTF-8 sequences, replace stray bytes. */
            int extra = (*p & 0xE0) == 0xC0   ? 1
                        : (*p & 0xF0) == 0xE0 ? 2
                        : (*p & 0xF8) == 0xF0 ? 3
                                              : -1;
            int ok = extra > 0;
            for (int k = 1; ok && k <= extra; k++)
                ok = (p[k] & 0xC0) == 0x80;
            if (!ok) {
                fputs("\\ufffd", f);
                continue;
            }
            fwrite(p, 1, (size_t)extra + 1, f);
            p += extra;
        }
    }
    fputc('"', f);
}

static void make_dirs(const char *path) {
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            mkdir(buf, 0755);
            *p = '/';
        }
    }
    mkdir(buf, 0755);
}

static void write_reports(const options *o, dir_stats *dirs, int dir_count, const char *summary) {
    make_dirs(o->report_dir);
    char path[4096];
    snprintf(path, sizeof path, "%s/report.md", o->report_dir);
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "# test262 report\n\n");
        fprintf(f, "| directory | passed | failed | skipped | total | pass %% | Δ vs list "
                   "(+now passing −new failures) |\n");
        fprintf(f, "|---|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i < dir_count; i++) {
            dir_stats *d = &dirs[i];
            int total = d->passed + d->failed + d->skipped;
            fprintf(f, "| %s | %d | %d | %d | %d | %.1f | +%d −%d |\n", d->name, d->passed,
                    d->failed, d->skipped, total, total ? 100.0 * d->passed / total : 0.0,
                    d->new_passes, d->new_failures);
        }
        fprintf(f, "\n%s", summary);
        fclose(f);
    } else {
        fprintf(stderr, "mica-test262: cannot write %s\n", path);
    }
    snprintf(path, sizeof path, "%s/results.json", o->report_dir);
    f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "mica-test262: cannot write %s\n", path);
        return;
    }
    fputs("[\n", f);
    int first = 1;
    for (int i = 0; i < job_count; i++) {
        const job *j = &jobs[i];
        if (!j->done) continue;
        static const char *const verdicts[] = {"pass", "fail", "skip"};
        fprintf(f, "%s{\"path\":", first ? "" : ",\n");
        json_string(f, tests[j->test].path);
        fprintf(f, ",\"mode\":\"%s\",\"verdict\":\"%s\",\"message\":", t262_mode_name(j->mode),
                verdicts[j->verdict]);
        json_string(f, j->message ? j->message : "");
        fputc('}', f);
        first = 0;
    }
    fputs("\n]\n", f);
    fclose(f);
}

/* ---- main ----------------------------------------------------------------------------- */

static int path_selected(const char *path) {
    int lo = 0, hi = test_count;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(tests[mid].path, path) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < test_count && strcmp(tests[lo].path, path) == 0 ? lo : -1;
}

static int under_filters(const options *o, const char *path) {
    if (o->filters.count == 0) return 1;
    for (int i = 0; i < o->filters.count; i++) {
        size_t n = strlen(o->filters.items[i]);
        if (strncmp(path, o->filters.items[i], n) == 0 && (path[n] == '/' || path[n] == '\0'))
            return 1;
    }
    return 0;
}

static void remove_tree(const char *path) {
    DIR *d = opendir(path);
    if (d) {
        struct dirent *entry;
        while ((entry = readdir(d)) != NULL) {
            if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
            char child[4096];
            snprintf(child, sizeof child, "%s/%s", path, entry->d_name);
            struct stat st;
            if (lstat(child, &st) == 0 && S_ISDIR(st.st_mode))
                remove_tree(child);
            else
                unlink(child);
        }
        closedir(d);
    }
    rmdir(path);
}

int main(int argc, char **argv) {
    options o;
    if (parse_options(argc, argv, &o) != 0) return 2;
    setvbuf(stdout, NULL, _IOLBF, 0);
    progress_on_tty = isatty(1);
    double started = now_seconds();

    char root[4096];
    snprintf(root, sizeof root, "%s/test", o.config.suite_dir);
    for (int i = 0; i < o.filters.count; i++) {
        char *normalized = normalize_filter(root, o.filters.items[i]);
        free(o.filters.items[i]);
        o.filters.items[i] = normalized;
    }
    if (discover(&o) != 0) return 2;
    load_features(o.features_path);
    if (t262_expectations_load(o.expect_path, &expectations) != 0) return 2;

    /* The slice is taken over the sorted selection, so it is stable. */
    for (int i = 0; i < found_paths.count; i++)
        if (i % o.slice_n == o.slice_k) load_test(&o, found_paths.items[i]);
    t262_strings_free(&found_paths);

    int skipped_tests = 0;
    for (int i = 0; i < test_count; i++) {
        job_count += tests[i].mode_count;
        skipped_tests += tests[i].skip_reason != NULL;
    }
    printf("test262: %d tests (%d skipped), %d runs, with %s%s\n", test_count, skipped_tests,
           job_count, o.config.engine_cmd ? "engine command " : "libmica in-process",
           o.config.engine_cmd ? o.config.engine_cmd : "");
    jobs = xrealloc(NULL, sizeof *jobs * (size_t)job_count);
    int *order = xrealloc(NULL, sizeof *order * (size_t)job_count);
    int order_count = 0, k = 0;
    for (int i = 0; i < test_count; i++) {
        for (int m = 0; m < tests[i].mode_count; m++, k++) {
            job *j = &jobs[k];
            memset(j, 0, sizeof *j);
            j->test = i;
            j->mode = (t262_mode)tests[i].modes[m];
            t262_result result;
            if (tests[i].skip_reason) {
                t262_set_result(&result, T262_SKIP, "%s", tests[i].skip_reason);
                record_result(&o, k, &result);
            } else if (tests[i].error) {
                t262_set_result(&result, T262_FAIL, "%s", tests[i].error);
                record_result(&o, k, &result);
            } else {
                order[order_count++] = k;
            }
        }
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_interrupt; /* no SA_RESTART: poll must wake up */
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    char temp_dir[] = "/tmp/mica-test262-XXXXXX";
    if (o.config.engine_cmd) {
        if (!mkdtemp(temp_dir)) {
            perror("mica-test262: mkdtemp");
            return 2;
        }
        o.config.temp_dir = temp_dir;
        for (int s = 0; s < (o.no_fork ? 1 : o.jobs); s++) {
            char w[4096 + 16];
            snprintf(w, sizeof w, "%s/w%d", temp_dir, s);
            mkdir(w, 0755);
        }
    }
    int failed_to_run = 0;
    if (o.no_fork)
        run_inline(&o, order, order_count, started);
    else
        failed_to_run = run_pool(&o, order, order_count, started) != 0;
    free(order);
    if (o.config.engine_cmd) remove_tree(temp_dir);
    if (interrupted) {
        fprintf(stderr, "\nmica-test262: interrupted\n");
        return 130;
    }
    if (failed_to_run) return 2;

    /* Entries that no longer hold. */
    int stale_printed = 0, stale = 0;
    for (int i = 0; i < job_count; i++) {
        const job *j = &jobs[i];
        if (j->verdict != T262_PASS || !j->listed) continue;
        stale++;
        if (stale_printed++ < o.max_fail_lines) {
            clear_progress();
            printf("now passing — remove from the list: %s (%s)\n", tests[j->test].path,
                   t262_mode_name(j->mode));
        }
    }
    for (int i = 0; i < expectations.sorted_count; i++) {
        t262_expectation *e = &expectations.items[i];
        int t = path_selected(e->path);
        if (t < 0) {
            /* Only a whole-suite (or whole-directory) run knows a test is gone. */
            if (o.slice_n == 1 && under_filters(&o, e->path)) {
                stale++;
                printf("no such test — remove from the list: %s\n", e->path);
                if (o.update) t262_expectations_drop_path(&expectations, e->path);
            }
            continue;
        }
        if (tests[t].skip_reason || e->mode < 0) continue;
        int runs_mode = 0;
        for (int m = 0; m < tests[t].mode_count; m++)
            runs_mode |= tests[t].modes[m] == e->mode;
        if (!runs_mode) {
            stale++;
            printf("not run in %s mode — fix the list entry: %s\n", t262_mode_name(e->mode),
                   e->path);
        }
    }

    int passed = 0, failed = 0, skipped = 0;
    dir_stats *dirs = NULL;
    int dir_count = 0;
    for (int i = 0; i < job_count; i++) {
        const job *j = &jobs[i];
        char key[256];
        dir_key(tests[j->test].path, key, sizeof key);
        /* Mostly the last one (paths are sorted), but "a/x.js" sorts between
         * "a/b/..." and "a/c/...", so search. */
        int found = dir_count - 1;
        while (found >= 0 && strcmp(dirs[found].name, key) != 0)
            found--;
        if (found < 0) {
            dirs = xrealloc(dirs, sizeof *dirs * (size_t)(dir_count + 1));
            memset(&dirs[dir_count], 0, sizeof *dirs);
            snprintf(dirs[dir_count].name, sizeof dirs[dir_count].name, "%s", key);
            found = dir_count++;
        }
        dir_stats *d = &dirs[found];
        switch (j->verdict) {
        case T262_PASS: passed++, d->passed++; break;
        case T262_FAIL: failed++, d->failed++; break;
        case T262_SKIP: skipped++, d->skipped++; break;
        }
        d->new_passes += j->verdict == T262_PASS && j->listed;
        d->new_failures += j->verdict == T262_FAIL && !j->listed;
    }

    qsort(dirs, (size_t)dir_count, sizeof *dirs, compare_dirs);
    printf("\n%-40s %8s %8s %8s %7s  %s\n", "directory", "passed", "total", "skipped", "pass%",
           "vs list: +now passing -new failures");
    for (int i = 0; i < dir_count; i++) {
        dir_stats *d = &dirs[i];
        int total = d->passed + d->failed + d->skipped;
        printf("%-40s %8d %8d %8d %6.1f%%  +%d -%d\n", d->name, d->passed, total, d->skipped,
               total ? 100.0 * d->passed / total : 0.0, d->new_passes, d->new_failures);
    }
    char summary[2048], elapsed[32];
    format_duration(now_seconds() - started, elapsed, sizeof elapsed);
    int total = passed + failed + skipped, ran = passed + failed;
    snprintf(summary, sizeof summary,
             "passed %d of %d test runs (%.2f%%), skipped runs counted as not passed\n"
             "passed %d of %d runs that ran (%.2f%%); %d skipped (unsupported features)\n"
             "%d unexpected failures, %d now passing, %d stale list entries; %d tests in %s%s\n",
             passed, total, total ? 100.0 * passed / total : 0.0, passed, ran,
             ran ? 100.0 * passed / ran : 0.0, skipped, unexpected_failures, now_passing, stale,
             test_count, elapsed, o.slice_n > 1 ? " (one slice)" : "");
    printf("\n%s", summary);
    if (fail_lines_printed < unexpected_failures)
        printf("(%d FAIL lines not shown: see %s/results.json)\n",
               unexpected_failures - fail_lines_printed, o.report_dir);
    write_reports(&o, dirs, dir_count, summary);
    free(dirs);

    if (o.update) {
        for (int t = 0, i = 0; t < test_count; t++) {
            int first_job = i;
            i += tests[t].mode_count;
            if (tests[t].skip_reason) {
                /* features.txt says why it is not run; no entry should. */
                t262_expectations_drop_path(&expectations, tests[t].path);
                continue;
            }
            int failed_modes[2] = {0, 0};
            const char *messages[2] = {NULL, NULL};
            for (int m = 0; m < tests[t].mode_count; m++) {
                failed_modes[m] = jobs[first_job + m].verdict == T262_FAIL;
                messages[m] = jobs[first_job + m].message;
            }
            t262_expectations_update(&expectations, tests[t].path, tests[t].mode_count,
                                     tests[t].modes, failed_modes, messages);
        }
        if (t262_expectations_write(o.expect_path, &expectations) != 0) {
            fprintf(stderr, "mica-test262: cannot write %s\n", o.expect_path);
            return 2;
        }
        printf("updated %s\n", o.expect_path);
    }
    printf("test262: %d passed, %d failed\n", passed, o.update ? 0 : unexpected_failures);
    t262_strings_free(&o.filters);
    return o.update || unexpected_failures == 0 ? 0 : 1;
}
