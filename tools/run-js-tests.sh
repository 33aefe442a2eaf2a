#!/bin/sh
# run-js-tests.sh MICA — runs tests/js/*.js. A test passes when MICA exits 0
# and, if tests/js/NAME.expected exists, its stdout equals that file.
# Tests named *_fail.js must exit non-zero instead (stderr is not compared).
mica=${1:-build/mica}
dir=$(dirname "$0")/../tests/js
pass=0 fail=0
for t in "$dir"/*.js; do
    [ -e "$t" ] || continue
    exp="${t%.js}.expected"
    out=$("$mica" "$t" 2>/tmp/mica-js-err.$$); rc=$?
    case "$t" in
    *_fail.js) if [ $rc -ne 0 ]; then ok=1; else ok=0; fi ;;
    *) ok=1; [ $rc -eq 0 ] || ok=0
       if [ $ok -eq 1 ] && [ -f "$exp" ] && [ "$out" != "$(cat "$exp")" ]; then ok=0; fi ;;
    esac
    if [ $ok -eq 1 ]; then pass=$((pass+1)); else
        fail=$((fail+1)); echo "FAIL $t (exit $rc)"; head -c 2000 /tmp/mica-js-err.$$
    fi
done
rm -f /tmp/mica-js-err.$$
echo "js tests: $pass passed, $fail failed"
[ $fail -eq 0 ]
