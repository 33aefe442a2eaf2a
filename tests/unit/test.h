/* test.h — the tiny unit-test harness every tests/unit/test_*.c uses.
 * Each test file is its own program: main() calls RUN(fn) for each test and
 * returns TEST_EXIT(). The closing line "N passed, N failed" is what CI reads. */
#ifndef MICA_TEST_H
#define MICA_TEST_H
#include <stdio.h>
#include <string.h>

static int test_passed, test_failed, test_current_failed;
static const char *test_current_name;

#define CHECK(cond)                                                                               \
    do {                                                                                          \
        if (!(cond)) {                                                                            \
            fprintf(stderr, "%s:%d: %s: CHECK(%s) failed\n", __FILE__, __LINE__,                  \
                    test_current_name, #cond);                                                    \
            test_current_failed = 1;                                                              \
        }                                                                                         \
    } while (0)

#define CHECK_STR(got, want)                                                                      \
    do {                                                                                          \
        const char *g_ = (got), *w_ = (want);                                                     \
        if (!g_ || strcmp(g_, w_) != 0) {                                                         \
            fprintf(stderr, "%s:%d: %s: got \"%s\", want \"%s\"\n", __FILE__, __LINE__,           \
                    test_current_name, g_ ? g_ : "(null)", w_);                                   \
            test_current_failed = 1;                                                              \
        }                                                                                         \
    } while (0)

#define RUN(fn)                                                                                   \
    do {                                                                                          \
        test_current_name = #fn;                                                                  \
        test_current_failed = 0;                                                                  \
        fn();                                                                                     \
        if (test_current_failed)                                                                  \
            test_failed++;                                                                        \
        else                                                                                      \
            test_passed++;                                                                        \
    } while (0)

#define TEST_EXIT()                                                                               \
    (printf("%s: %d passed, %d failed\n", __FILE__, test_passed, test_failed), test_failed != 0)

#endif
