/* normdump.c — prints what src/util/normalize.c makes of its input, for
 * check.sh to compare with verify_norm.js (node's own normalize).
 *
 * Reads lines of UTF-16 code units in hex separated by spaces; prints, per
 * line, the NFC, NFD, NFKC and NFKD forms the same way, separated by ";". */
#include "util/normalize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_form(const uint16_t *units, size_t length, uni_norm_form form) {
    uni_norm_input in = {NULL, units, length};
    uint16_t *out;
    size_t out_length;
    uni_norm_status status = uni_normalize(&in, form, (size_t)1 << 30, &out, &out_length);
    if (status == UNI_NORM_UNCHANGED) {
        out_length = length;
    } else if (status != UNI_NORM_OK) {
        printf("error %d", (int)status);
        return;
    }
    const uint16_t *result = status == UNI_NORM_OK ? out : units;
    for (size_t i = 0; i < out_length; i++)
        printf("%s%X", i ? " " : "", (unsigned)result[i]);
    free(out);
}

int main(void) {
    static char line[1 << 16];
    static uint16_t units[1 << 15];
    while (fgets(line, sizeof line, stdin)) {
        size_t length = 0;
        char *p = line;
        for (;;) {
            char *end;
            unsigned long v = strtoul(p, &end, 16);
            if (end == p || length == sizeof units / sizeof units[0]) break;
            units[length++] = (uint16_t)v;
            p = end;
        }
        for (int form = UNI_NFC; form <= UNI_NFKD; form++) {
            if (form) putchar(';');
            print_form(units, length, (uni_norm_form)form);
        }
        putchar('\n');
    }
    return 0;
}
