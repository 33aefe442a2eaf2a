/* dump.c — prints what the generated tables say, for check.sh to compare
 * with what verify.js reads straight from the Unicode data packages.
 *
 *   dump            every code point's properties and case mappings; lines
 *                   appear only for code points with a property set or a
 *                   mapping that is not the identity.
 *   dump --props    reads queries from stdin, one a line, and answers each:
 *                     P <name>           uni_property_lookup, lone form
 *                     P <name> <value>   uni_property_lookup, name=value
 *                     S <name>           uni_string_property_lookup
 *                   A code point set prints as merged ranges "lo-hi,..." (hex)
 *                   or "empty"; an unknown name prints -1. Along the way each
 *                   set's uni_set_id_contains is checked against its ranges at
 *                   every range edge and a sample of points in between. */
#include "util/unicode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_list(const uint32_t *cps, int n) {
    for (int i = 0; i < n; i++)
        printf("%s%X", i ? "," : "", (unsigned)cps[i]);
}

static int dump_code_points(void) {
    for (uint32_t cp = 0; cp <= UNI_MAX_CODE_POINT; cp++) {
        uint32_t upper[UNI_CASE_MAX_EXPANSION], lower[UNI_CASE_MAX_EXPANSION];
        int nu = uni_to_upper_full(cp, upper);
        int nl = uni_to_lower_full(cp, lower);
        uint32_t fold = uni_simple_fold(cp), simple_upper = uni_simple_upper(cp);
        uint32_t canon = cp <= 0xFFFF ? uni_canonicalize(cp, false) : cp;
        bool flags[] = {uni_is_id_start(cp), uni_is_id_continue(cp),
                        uni_is_space(cp),    uni_is_line_terminator(cp),
                        uni_is_cased(cp),    uni_is_case_ignorable(cp)};
        bool interesting = nu != 1 || upper[0] != cp || nl != 1 || lower[0] != cp || fold != cp ||
                           simple_upper != cp || canon != cp;
        for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
            interesting |= flags[i];
        if (!interesting) continue;
        printf("%X ", (unsigned)cp);
        for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
            putchar(flags[i] ? '1' : '0');
        printf(" U=");
        print_list(upper, nu);
        printf(" L=");
        print_list(lower, nl);
        printf(" F=%X S=%X C=%X\n", (unsigned)fold, (unsigned)simple_upper, (unsigned)canon);
    }
    return 0;
}

static int failures;

/* Whether contains() says `want` for cp; reports a mismatch once per point. */
static void expect_member(int set, uint32_t cp, bool want) {
    if (uni_set_id_contains(set, cp) != want) {
        fprintf(stderr, "dump: set %d: contains(%X) is %d, ranges say %d\n", set, (unsigned)cp,
                !want, want);
        failures++;
    }
}

/* Checks contains() against the stored ranges: every range edge, the points
 * just outside each range, and a sample of points inside and between. */
static void check_membership(int set) {
    int n = uni_set_id_range_count(set);
    uint32_t gap_start = 0; /* first code point after the previous range */
    for (int i = 0; i <= n; i++) {
        uint32_t lo = UNI_MAX_CODE_POINT + 1, hi = 0;
        if (i < n) uni_set_id_range(set, i, &lo, &hi);
        if (lo > gap_start) {
            for (uint32_t cp = gap_start; cp < lo; cp += 67)
                expect_member(set, cp, false);
            expect_member(set, lo - 1, false);
        }
        if (i == n) break;
        if (lo > hi || hi > UNI_MAX_CODE_POINT || lo < gap_start) {
            fprintf(stderr, "dump: set %d: range %d (%X-%X) out of order\n", set, i, (unsigned)lo,
                    (unsigned)hi);
            failures++;
            return;
        }
        for (uint32_t cp = lo; cp < hi; cp += 61)
            expect_member(set, cp, true);
        expect_member(set, hi, true);
        gap_start = hi + 1;
    }
    expect_member(set, UNI_MAX_CODE_POINT + 1, false);
    expect_member(set, 0xFFFFFFFFu, false);
}

/* Prints the set's ranges, merging pieces that touch. */
static void print_set(int set) {
    static bool checked[1 << 16];
    if (set >= 0 && set < (1 << 16) && !checked[set]) {
        checked[set] = true;
        check_membership(set);
    }
    int n = uni_set_id_range_count(set);
    if (n == 0) {
        printf("empty");
        return;
    }
    uint32_t first, last;
    uni_set_id_range(set, 0, &first, &last);
    for (int i = 1; i <= n; i++) {
        uint32_t lo = 0, hi = 0;
        if (i < n) uni_set_id_range(set, i, &lo, &hi);
        if (i < n && lo == last + 1) {
            last = hi;
            continue;
        }
        printf("%X-%X%s", (unsigned)first, (unsigned)last, i < n ? "," : "");
        first = lo;
        last = hi;
    }
}

static int compare_strings(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A property of strings: its code point set, then its strings (code points
 * in hex joined by '.') sorted as strings, joined by ' '. */
static void print_string_property(int id) {
    printf("cps=");
    print_set(uni_string_property_codepoints(id));
    int n = uni_string_property_count(id);
    char **texts = calloc((size_t)n + 1, sizeof *texts);
    if (texts == NULL) exit(2);
    for (int i = 0; i < n; i++) {
        int len;
        const uint32_t *cps = uni_string_property_string(id, i, &len);
        texts[i] = calloc((size_t)len * 9 + 1, 1);
        if (cps == NULL || len < 2 || texts[i] == NULL) {
            fprintf(stderr, "dump: string %d of property %d is bad\n", i, id);
            failures++;
            texts[i] = texts[i] ? texts[i] : calloc(1, 1);
            continue;
        }
        char *out = texts[i];
        for (int k = 0; k < len; k++)
            out += sprintf(out, "%s%X", k ? "." : "", (unsigned)cps[k]);
    }
    qsort(texts, (size_t)n, sizeof *texts, compare_strings);
    printf(" strings=");
    for (int i = 0; i < n; i++) {
        printf("%s%s", i ? " " : "", texts[i]);
        free(texts[i]);
    }
    free(texts);
    int len = 7;
    if (uni_string_property_string(id, n, &len) != NULL || len != 0) {
        fprintf(stderr, "dump: property %d answers for string %d of %d\n", id, n, n);
        failures++;
    }
}

static int dump_properties(void) {
    char line[512];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *kind = strtok(line, " ");
        char *name = strtok(NULL, " ");
        char *value = strtok(NULL, " ");
        if (kind == NULL || name == NULL) continue;
        if (strcmp(kind, "S") == 0) {
            int id = uni_string_property_lookup(name, strlen(name));
            printf("S %s ", name);
            if (id < 0)
                printf("-1");
            else
                print_string_property(id);
        } else {
            int set = uni_property_lookup(name, strlen(name), value, value ? strlen(value) : 0);
            printf("P %s%s%s ", name, value ? " " : "", value ? value : "");
            if (set < 0)
                printf("-1");
            else
                print_set(set);
        }
        putchar('\n');
    }
    /* Invalid ids must answer empty, never crash. */
    uint32_t lo, hi;
    uni_set_id_range(-1, 0, &lo, &hi);
    if (uni_set_id_contains(-1, 'a') || uni_set_id_range_count(-1) != 0 || lo <= hi ||
        uni_set_id_contains(1 << 20, 'a') || uni_string_property_count(-1) != 0 ||
        uni_string_property_codepoints(99) != -1) {
        fprintf(stderr, "dump: invalid ids are not rejected\n");
        failures++;
    }
    return failures ? 1 : 0;
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "--props") == 0) return dump_properties();
    return dump_code_points();
}
