/*
 * t262.h — shared declarations of the test262 runner (build/mica-test262).
 *
 * The runner is one parent process and a pool of long-lived forked workers.
 * The parent discovers the tests, parses every test's frontmatter once and
 * loads the harness files it names; workers are forked after that, so they
 * inherit the test table and the harness cache read-only and never parse
 * metadata themselves. A job is one (test, mode) pair; a worker receives a
 * job index over a pipe, runs it with the selected backend and writes back a
 * verdict record.
 *
 * Invariants:
 *  - paths of tests are relative to the suite's test/ folder, '/'-separated;
 *  - the test table is sorted by path (strcmp) and never changes after
 *    discovery, so a job index means the same thing in every process;
 *  - a result message is one line of at most T262_MESSAGE_MAX - 1 bytes.
 */
#ifndef T262_H
#define T262_H

#include <stddef.h>
#include <stdio.h>

#define T262_MESSAGE_MAX 400

typedef enum t262_mode {
    T262_SLOPPY,
    T262_STRICT,
    T262_MODULE,
} t262_mode;

typedef enum t262_verdict {
    T262_PASS,
    T262_FAIL,
    T262_SKIP,
} t262_verdict;

typedef enum t262_phase {
    T262_PHASE_NONE, /* not a negative test */
    T262_PHASE_PARSE,
    T262_PHASE_RESOLUTION,
    T262_PHASE_RUNTIME,
} t262_phase;

enum {
    T262_FLAG_ONLY_STRICT = 1 << 0,
    T262_FLAG_NO_STRICT = 1 << 1,
    T262_FLAG_RAW = 1 << 2,
    T262_FLAG_MODULE = 1 << 3,
    T262_FLAG_ASYNC = 1 << 4,
    T262_FLAG_CAN_BLOCK_TRUE = 1 << 5,
    T262_FLAG_CAN_BLOCK_FALSE = 1 << 6,
};

/* A list of owned strings. */
typedef struct t262_strings {
    char **items;
    int count;
    int capacity;
} t262_strings;

void t262_strings_push(t262_strings *list, const char *s, size_t length);
void t262_strings_free(t262_strings *list);

/* What the frontmatter says. Unknown keys are ignored. */
typedef struct t262_meta {
    unsigned flags;
    t262_phase negative_phase;
    char *negative_type; /* malloc'd; NULL unless negative */
    t262_strings includes;
    t262_strings features;
} t262_meta;

/* Parses the YAML-ish block between the first "/ *---" and "---* /" of
 * source. Returns 0 on success, -1 (with a reason in error) when the block is
 * missing or malformed. */
int t262_parse_meta(const char *source, size_t length, t262_meta *meta, char *error,
                    size_t error_size);
void t262_meta_free(t262_meta *meta);

/* ---- harness cache ------------------------------------------------------- */

typedef struct t262_harness_file {
    char *name; /* as written in includes: "assert.js", "sm/non262.js" */
    char *source;
    size_t length;
} t262_harness_file;

/* Loads harness/NAME under the suite dir once and returns its index in the
 * cache, or -1 if the file cannot be read. */
int t262_harness_load(const char *suite_dir, const char *name);
const t262_harness_file *t262_harness_get(int index);

/* ---- tests ----------------------------------------------------------------- */

typedef struct t262_test {
    char *path; /* relative to test/ */
    unsigned flags;
    t262_phase negative_phase;
    char *negative_type;
    int *harness; /* harness cache indices, in evaluation order */
    int harness_count;
    int modes[2]; /* the modes it runs in */
    int mode_count;
    char *skip_reason; /* non-NULL: not run */
    char *error;       /* non-NULL: fails without running (bad metadata) */
} t262_test;

typedef struct t262_result {
    t262_verdict verdict;
    char message[T262_MESSAGE_MAX];
} t262_result;

typedef struct t262_config {
    const char *suite_dir;  /* contains test/ and harness/ */
    const char *engine_cmd; /* NULL: in-process backend */
    double timeout_seconds;
    size_t max_heap_bytes;
    int verbose;
    const char *temp_dir; /* per-run scratch directory (engine-cmd backend) */
    int worker_id;        /* set in each worker */
} t262_config;

const char *t262_mode_name(t262_mode mode);

/* Reads a whole file; NUL-terminated, *length excludes the NUL. NULL on
 * failure with errno set. */
char *t262_read_file(const char *path, size_t *length);

/* Formats into result->message (one line, truncated) and sets the verdict. */
void t262_set_result(t262_result *result, t262_verdict verdict, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Backends: each runs one (test, mode) to a verdict. They may crash or hang;
 * the worker pool deals with that. */
void t262_run_in_process(const t262_config *config, const t262_test *test, t262_mode mode,
                         t262_result *result);
void t262_run_command(const t262_config *config, const t262_test *test, t262_mode mode,
                      t262_result *result);

/* The harness and test source for a job as one script, as the engine-cmd
 * backend feeds it to the command. Malloc'd; NULL if the test cannot be read. */
char *t262_prepare_source(const t262_config *config, const t262_test *test, t262_mode mode,
                          size_t *length);

/* ---- expectations ---------------------------------------------------------- */

typedef struct t262_expectation {
    char *path;
    int mode;             /* -1: every mode it runs in; else a t262_mode */
    char *reason;         /* text after '#', trimmed; may be empty */
    t262_strings leading; /* comment and blank lines right above the entry */
    int order;            /* position before sorting, to keep sorting stable */
    int dropped;          /* removed by an update; not written */
    int added;            /* a new failure recorded by an update */
} t262_expectation;

typedef struct t262_expectations {
    t262_expectation *items; /* items[0, sorted_count) sorted by path, mode */
    int count;
    int sorted_count;
    int capacity;
    t262_strings header;   /* lines before the first entry */
    t262_strings trailing; /* comment lines after the last entry */
} t262_expectations;

/* A missing file is an empty list. Returns -1 on a malformed line (reported
 * on stderr; the line is left out). */
int t262_expectations_load(const char *path, t262_expectations *out);
/* The entry that lists (path, mode) as failing, or NULL. */
t262_expectation *t262_expectations_find(t262_expectations *list, const char *path, t262_mode mode);
/* --update, for one test that ran: modes[i] failed iff failed[i]; the entry
 * is kept (with its reason and comments), changed, dropped or added with
 * messages[first failing mode] as reason. Call at most once per path. */
void t262_expectations_update(t262_expectations *list, const char *path, int mode_count,
                              const int *modes, const int *failed, const char *const *messages);
/* --update: drops every entry of path (a test that no longer exists). */
void t262_expectations_drop_path(t262_expectations *list, const char *path);
/* Sorts and writes the list (via a temporary file and rename). */
int t262_expectations_write(const char *path, t262_expectations *list);
void t262_expectations_free(t262_expectations *list);

#endif /* T262_H */
