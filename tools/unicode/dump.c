/* dump.c — prints every code point's properties as decoded from the
 * generated tables; verify.js prints the same straight from the Unicode data
 * package, and check.sh --exhaustive diffs the two. Lines appear only for
 * code points with a property set or a mapping that is not the identity. */
#include "util/unicode.h"

#include <stdio.h>

static void print_list(const uint32_t *cps, int n) {
    for (int i = 0; i < n; i++)
        printf("%s%X", i ? "," : "", (unsigned)cps[i]);
}

int main(void) {
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
