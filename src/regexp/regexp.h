/*
 * regexp.h — Mica's regular-expression engine: pattern compiler and
 * backtracking matcher (#sec-regexp-regular-expression-objects).
 *
 * A pattern (UTF-16 code units, as the RegExp constructor and the lexer
 * hand it over) plus flags compiles to a RegexpProgram: regex bytecode, its
 * character classes and the capture-group table. Programs are immutable and
 * are plain malloc'd memory, independent of any heap or realm, so one
 * program can serve every RegExp object made from the same literal site.
 *
 * Invariants:
 *  - Compilation reports every early error of the ES2025 pattern grammar
 *    (Annex B syntax outside u/v mode) as a message; it never executes code.
 *  - Matching never recurses on the C stack: backtracking state lives on an
 *    explicit stack capped at RE_BACKTRACK_LIMIT_WORDS (exceeding it throws a
 *    catchable RangeError "regular expression too complex"), and the matcher
 *    calls rt_check_interrupt every few thousand steps.
 *  - A subject is a flat String; Latin-1 and UTF-16 storage are both matched
 *    directly. Indices are UTF-16 code-unit indices. Under u/v the matcher
 *    reads code points (a surrogate pair is one character).
 */
#ifndef MICA_REGEXP_H
#define MICA_REGEXP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "vm/runtime.h"

/* Flags in the order of the flags getter (#sec-get-regexp.prototype.flags). */
enum {
    RE_FLAG_HAS_INDICES = 1 << 0,  /* d */
    RE_FLAG_GLOBAL = 1 << 1,       /* g */
    RE_FLAG_IGNORE_CASE = 1 << 2,  /* i */
    RE_FLAG_MULTILINE = 1 << 3,    /* m */
    RE_FLAG_DOT_ALL = 1 << 4,      /* s */
    RE_FLAG_UNICODE = 1 << 5,      /* u */
    RE_FLAG_UNICODE_SETS = 1 << 6, /* v */
    RE_FLAG_STICKY = 1 << 7,       /* y */
};

/* Words (32-bit) of backtrack state one match may use: 64 MiB. */
#define RE_BACKTRACK_LIMIT_WORDS (16u * 1024 * 1024)

typedef struct RegexpProgram RegexpProgram;

/* Parses flag letters (UTF-16 units). Returns false for an unknown or
 * repeated letter or for u together with v. */
bool regexp_parse_flags(const uint16_t *flags, size_t len, uint32_t *out);

/* Compiles pattern with flags (RE_FLAG_*). On a syntax error returns NULL and
 * writes a NUL-terminated message to err (err_size > 0); on malloc failure
 * returns NULL with err set to "out of memory" and *oom (if given) true. */
RegexpProgram *regexp_compile(const uint16_t *pattern, size_t len, uint32_t flags, char *err,
                              size_t err_size, bool *oom);
void regexp_free(RegexpProgram *prog);
/* Checks the early errors only (no code generation): true if valid, else a
 * message in err as for regexp_compile. */
bool regexp_validate(const uint16_t *pattern, size_t len, uint32_t flags, char *err,
                     size_t err_size);

uint32_t regexp_flags(const RegexpProgram *prog);
/* Number of capture slots pairs, group 0 (the whole match) included. */
uint32_t regexp_capture_count(const RegexpProgram *prog);
/* The group name of capture i (1..count-1) as UTF-16, or NULL if unnamed. */
const uint16_t *regexp_group_name(const RegexpProgram *prog, uint32_t i, uint32_t *len);
bool regexp_has_named_groups(const RegexpProgram *prog);

/* Runs prog on the flat string subject, starting at code-unit index start.
 * Unless the program is sticky, tries every start position from start on.
 * On a match fills captures[0 .. 2*capture_count) with code-unit indices
 * (-1 for a group that did not participate) and returns 1; returns 0 for no
 * match; -1 with an exception pending (interrupt, backtrack limit, OOM). */
int regexp_exec(Context *ctx, const RegexpProgram *prog, String *subject, uint32_t start,
                int32_t *captures);

/* For tests and debugging: a readable listing of the bytecode. */
void regexp_dump(const RegexpProgram *prog, FILE *out);

#endif
