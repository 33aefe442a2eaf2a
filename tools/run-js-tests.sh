#!/bin/sh
# run-js-tests.sh MICA — runs tests/js/*.js and tests/js/programs/*.js (whole
# programs whose .expected output comes from node). A test passes when MICA exits 0
# and, if tests/js/NAME.expected exists, its stdout equals that file.
# Tests named *_fail.js must exit non-zero instead (stdout is compared only
# when a .expected exists).
# A test whose first line is "// mica-flags: FLAGS" runs as MICA FLAGS FILE.
# tests/js/modules/*.mjs and *.js are module graphs (the CLI runs .mjs files
# as modules); the files they import live in tests/js/modules/fixtures/.
# With NAME.stderr beside it, the test runs from its own directory (so
# messages name it as NAME.js) and its stderr must equal that file.
# Under MICA_GC_STRESS, a test with a line "// gc-stress-every: N" among its
# first five runs with MICA_GC_STRESS=N if that is sparser: for tests whose
# live heap is large (deep nesting, filling the heap limit, big loops) a
# collection at every allocation is quadratic. See docs/GC.md.
mica=${1:-build/mica}
case "$mica" in /*) ;; */*) mica="$(cd "$(dirname "$mica")" && pwd)/$(basename "$mica")" ;; esac
dir=$(dirname "$0")/../tests/js
pass=0 fail=0
stress=${MICA_GC_STRESS:-0}
case "$stress" in ''|*[!0-9]*) stress=1 ;; esac  # any non-count but "" means 1
for t in "$dir"/*.js "$dir"/programs/*.js "$dir"/modules/*.mjs "$dir"/modules/*.js; do
    [ -e "$t" ] || continue
    exp="${t%.*}.expected"
    # A first line "// mica-flags: --expose-gc ..." gives extra command-line flags.
    flags=$(sed -n '1s|^// mica-flags:||p' "$t")
    errexp="${t%.*}.stderr"
    every=$(sed -n '1,5s|^// gc-stress-every: *\([0-9][0-9]*\).*|\1|p' "$t" | head -n 1)
    if [ "$stress" -gt 0 ] && [ -n "$every" ] && [ "$every" -gt "$stress" ]; then
        export MICA_GC_STRESS="$every"
    elif [ "$stress" -gt 0 ]; then
        export MICA_GC_STRESS="$stress"
    fi
    if [ -f "$errexp" ]; then
        out=$(cd "$(dirname "$t")" && "$mica" $flags "$(basename "$t")" 2>/tmp/mica-js-err.$$); rc=$?
    else
        out=$("$mica" $flags "$t" 2>/tmp/mica-js-err.$$); rc=$?
    fi
    case "$t" in
    *_fail.js|*_fail.mjs) if [ $rc -ne 0 ]; then ok=1; else ok=0; fi ;;
    *) ok=1; [ $rc -eq 0 ] || ok=0 ;;
    esac
    if [ $ok -eq 1 ] && [ -f "$exp" ] && [ "$out" != "$(cat "$exp")" ]; then ok=0; fi
    if [ $ok -eq 1 ] && [ -f "$errexp" ] && [ "$(cat /tmp/mica-js-err.$$)" != "$(cat "$errexp")" ]; then
        ok=0; echo "stderr of $t differs from $errexp:"
    fi
    # A sanitizer report fails any test, *_fail.js ones included.
    if grep -q -e 'ERROR: AddressSanitizer' -e 'ERROR: LeakSanitizer' -e ': runtime error: ' \
        /tmp/mica-js-err.$$; then
        ok=0; echo "sanitizer report from $t:"
    fi
    if [ $ok -eq 1 ]; then pass=$((pass+1)); else
        fail=$((fail+1)); echo "FAIL $t (exit $rc)"; head -c 2000 /tmp/mica-js-err.$$
    fi
done
rm -f /tmp/mica-js-err.$$
echo "js tests: $pass passed, $fail failed"
[ $fail -eq 0 ]
