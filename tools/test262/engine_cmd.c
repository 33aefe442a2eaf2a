/*
 * engine_cmd.c — the subprocess backend (--engine-cmd "CMD").
 *
 * For each (test, mode) the fully prepared source (the strict prefix if
 * strict, the harness files, the test) is written to a scratch file that
 * keeps the test's basename, and the command runs as
 *     /bin/sh -c 'exec CMD "$@"' sh FILE             (scripts)
 *     /bin/sh -c 'exec CMD "$@"' sh --module FILE    (module tests)
 * with stdin from /dev/null and stdout+stderr captured together. FILE lies
 * in a scratch directory that mirrors the test's directory with symbolic
 * links, so "./x_FIXTURE.js", imports of other tests and self-imports
 * resolve as they would next to the test.
 *
 * The command's contract (what tools/test262/node-host.js and
 * `mica --test262` implement): define print and $262, run FILE, exit 0 if
 * nothing was thrown, else print "Name: message" of the uncaught exception
 * and exit non-zero. The verdict is read from that:
 *  - killed by a signal: "crash (signal N)";
 *  - async tests pass iff the output has a line Test262:AsyncTestComplete
 *    and none starting Test262:AsyncTestFailure:, and the exit status is 0;
 *  - negative tests pass iff the exit status is non-zero and the output
 *    names the expected type as "Type:" (the phase cannot be told apart this
 *    way; a parse-phase test that parses runs $DONOTEVALUATE and fails);
 *  - other tests pass iff the exit status is 0.
 * The worker pool's timeout kills the whole worker process group, the
 * command included.
 */
#include "t262.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define OUTPUT_MAX (256 * 1024)

static int write_all(const char *path, const char *data, size_t length) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return -1;
    while (length > 0) {
        ssize_t n = write(fd, data, length);
        if (n < 0) {
            if (errno == EINTR) continue;
            close(fd);
            return -1;
        }
        data += n;
        length -= (size_t)n;
    }
    return close(fd);
}

static void remove_dir_contents(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *entry;
    char path[4096 + 512];
    while ((entry = readdir(d)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        unlink(path);
    }
    closedir(d);
}

/* The test's directory as the worker's scratch directory mirrors it. Kept
 * across jobs: tests arrive in path order, so a worker relinks once per
 * directory, not once per test. */
static char linked_dir[4096];

/* Makes scratch hold links to every entry of the test's directory, so that
 * imports of fixtures, of other tests and of the test itself resolve. */
static void mirror_test_dir(const t262_config *config, const t262_test *test, const char *scratch) {
    char test_file[4096];
    snprintf(test_file, sizeof test_file, "%s/test/%s", config->suite_dir, test->path);
    char *test_dir = realpath(test_file, NULL); /* links need absolute targets */
    if (!test_dir) return;
    *strrchr(test_dir, '/') = '\0';
    if (strcmp(test_dir, linked_dir) == 0) {
        free(test_dir);
        return;
    }
    remove_dir_contents(scratch);
    snprintf(linked_dir, sizeof linked_dir, "%s", test_dir);
    DIR *d = opendir(test_dir);
    if (d) {
        struct dirent *entry;
        char from[4096 + 256], to[4096 + 256];
        while ((entry = readdir(d)) != NULL) {
            if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) continue;
            snprintf(from, sizeof from, "%s/%s", test_dir, entry->d_name);
            snprintf(to, sizeof to, "%s/%s", scratch, entry->d_name);
            /* A missing link shows up as the test's own failure to import. */
            if (symlink(from, to) != 0) continue;
        }
        closedir(d);
    }
    free(test_dir);
}

/* Puts the link to the original test back in place of the prepared file. */
static void restore_link(const char *file, const char *base) {
    unlink(file);
    if (!linked_dir[0]) return;
    char from[4096 + 256];
    snprintf(from, sizeof from, "%s/%s", linked_dir, base);
    if (symlink(from, file) != 0) linked_dir[0] = '\0'; /* relink next time */
}

/* The line of output that best explains a failure. */
static void failure_line(const char *output, char *out, size_t size) {
    const char *best = NULL, *first = NULL;
    for (const char *line = output; *line;) {
        const char *end = strchr(line, '\n');
        if (!end) end = line + strlen(line);
        const char *p = line;
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        if (p < end) {
            if (!first) first = p;
            /* "SomeError: message" or "Test262Error: ..." as the host
             * prints an uncaught exception. */
            const char *colon = memchr(p, ':', (size_t)(end - p));
            if (!best && colon && colon - p >= 5 && colon - p < 40 &&
                (memcmp(colon - 5, "Error", 5) == 0 || memcmp(p, "Test262", 7) == 0))
                best = p;
        }
        line = *end ? end + 1 : end;
    }
    const char *pick = best ? best : first;
    if (!pick) {
        out[0] = '\0';
        return;
    }
    size_t n = strcspn(pick, "\n");
    if (n >= size) n = size - 1;
    memcpy(out, pick, n);
    out[n] = '\0';
}

/* "Type:" with a non-identifier character (or nothing) before it. */
static int mentions_type(const char *output, const char *type) {
    size_t n = strlen(type);
    for (const char *p = strstr(output, type); p; p = strstr(p + 1, type)) {
        int boundary_before =
            p == output || !(p[-1] == '_' || p[-1] == '$' || (p[-1] >= 'a' && p[-1] <= 'z') ||
                             (p[-1] >= 'A' && p[-1] <= 'Z') || (p[-1] >= '0' && p[-1] <= '9'));
        if (boundary_before && p[n] == ':') return 1;
    }
    return 0;
}

static int has_line_starting(const char *output, const char *prefix) {
    size_t n = strlen(prefix);
    for (const char *line = output; line && *line;) {
        if (strncmp(line, prefix, n) == 0) return 1;
        line = strchr(line, '\n');
        if (line) line++;
    }
    return 0;
}

void t262_run_command(const t262_config *config, const t262_test *test, t262_mode mode,
                      t262_result *result) {
    if (test->negative_phase == T262_PHASE_RESOLUTION && mode != T262_MODULE) {
        t262_set_result(result, T262_FAIL, "resolution-phase test without the module flag");
        return;
    }
    char dir[4096], file[4096 + 256], output_path[4096 + 32];
    snprintf(dir, sizeof dir, "%s/w%d/dir", config->temp_dir, config->worker_id);
    mkdir(dir, 0755); /* exists already after the first test */
    snprintf(output_path, sizeof output_path, "%s/w%d/output", config->temp_dir, config->worker_id);
    const char *base = strrchr(test->path, '/');
    base = base ? base + 1 : test->path;
    snprintf(file, sizeof file, "%s/%s", dir, base);

    size_t length;
    char *source = t262_prepare_source(config, test, mode, &length);
    if (!source) {
        t262_set_result(result, T262_FAIL, "cannot read test file");
        return;
    }
    mirror_test_dir(config, test, dir);
    unlink(file); /* the link to the original */
    int written = write_all(file, source, length);
    free(source);
    if (written != 0) {
        t262_set_result(result, T262_FAIL, "runner: cannot write %s", file);
        restore_link(file, base);
        return;
    }

    pid_t pid = fork();
    if (pid < 0) {
        t262_set_result(result, T262_FAIL, "runner: fork failed");
        restore_link(file, base);
        return;
    }
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int out = open(output_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0) _exit(127);
        dup2(in, 0);
        dup2(out, 1);
        dup2(out, 2);
        size_t script_size = strlen(config->engine_cmd) + 32;
        char *script = malloc(script_size);
        if (!script) _exit(127);
        /* exec: the engine itself must be the child, or its crash would be
         * reported by the shell as an exit status. */
        snprintf(script, script_size, "exec %s \"$@\"", config->engine_cmd);
        if (mode == T262_MODULE)
            execl("/bin/sh", "sh", "-c", script, "sh", "--module", file, (char *)NULL);
        else
            execl("/bin/sh", "sh", "-c", script, "sh", file, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }

    size_t output_length = 0;
    char *output = t262_read_file(output_path, &output_length);
    if (!output) output = calloc(1, 1);
    if (output_length > OUTPUT_MAX) output[OUTPUT_MAX] = '\0';
    restore_link(file, base);

    char line[T262_MESSAGE_MAX];
    failure_line(output, line, sizeof line);
    int exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (WIFSIGNALED(status)) {
        t262_set_result(result, T262_FAIL, "crash (signal %d)", WTERMSIG(status));
    } else if (test->negative_phase != T262_PHASE_NONE) {
        if (exit_code != 0 && mentions_type(output, test->negative_type))
            t262_set_result(result, T262_PASS, "%s", "");
        else if (exit_code == 0)
            t262_set_result(result, T262_FAIL, "expected %s, but nothing was thrown",
                            test->negative_type);
        else
            t262_set_result(result, T262_FAIL, "expected %s, got %s", test->negative_type,
                            line[0] ? line : "no message");
    } else if (exit_code != 0) {
        if (line[0])
            t262_set_result(result, T262_FAIL, "%s", line);
        else
            t262_set_result(result, T262_FAIL, "exit status %d", exit_code);
    } else if (test->flags & T262_FLAG_ASYNC) {
        const char *failure = strstr(output, "Test262:AsyncTestFailure:");
        if (failure)
            t262_set_result(result, T262_FAIL, "async: %s",
                            failure + strlen("Test262:AsyncTestFailure:"));
        else if (!has_line_starting(output, "Test262:AsyncTestComplete"))
            t262_set_result(result, T262_FAIL,
                            "async test did not print Test262:AsyncTestComplete");
        else
            t262_set_result(result, T262_PASS, "%s", "");
    } else {
        t262_set_result(result, T262_PASS, "%s", "");
    }
    free(output);
}
