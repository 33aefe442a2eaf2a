#!/bin/sh
# run.sh [MICA] [DRIVER...] — loads real-world libraries from npm (pinned in
# tools/libs/package-lock.json) as plain scripts, runs each driver in
# tools/libs/drivers/ with MICA (default build/mica) and with node, and
# compares the two outputs byte for byte (the drivers whose libraries ship a
# minified build run a second time with it, as NAME.min). Prints one line per
# run with both run times (node with --jitless, the fairer interpreter
# baseline, in CPU seconds) and exits non-zero if any output differs or either engine fails.
# Needs node and npm; packages are installed with `npm ci` into
# $LIBS_DIR (default build/libs), never into the source tree.
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mica=${1:-$root/build/mica}
[ $# -gt 0 ] && shift
case "$mica" in /*) ;; *) mica="$(pwd)/$mica" ;; esac
work=${LIBS_DIR:-$root/build/libs}
mkdir -p "$work/out" || exit 2

# Reinstall only when the lock file changed since the last install.
if ! cmp -s "$here/package-lock.json" "$work/package-lock.json" || [ ! -d "$work/node_modules" ]; then
    cp "$here/package.json" "$here/package-lock.json" "$work/" || exit 2
    (cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) || {
        echo "libs: npm ci failed" >&2; exit 2; }
fi

# Fixed zone with daylight saving time, for the drivers that use local time.
export TZ=America/New_York

# Times are CPU seconds (user + system) when GNU time is there, which other
# load on the machine does not inflate; wall-clock seconds otherwise.
# timed FILE CMD... runs CMD and writes its time to FILE; returns its status.
if /usr/bin/time -f '%U %S' -o /dev/null true 2>/dev/null; then
    timed() { f=$1; shift; /usr/bin/time -f '%U %S' -o "$f" "$@"; }
else
    timed() {
        f=$1; shift
        t0=$(date +%s.%N); "$@"; rc=$?; t1=$(date +%s.%N)
        echo "$t0 $t1" | awk '{ print $2 - $1, 0 }' >"$f"; return $rc
    }
fi
seconds() { tail -n 1 "$1" | awk '{ printf "%.2f", $1 + $2 }'; }

if [ $# -eq 0 ]; then set -- "$here"/drivers/*.js; fi
# Each driver runs once per build it names: the readable one, and the
# minified one (".min") when its lib lines give one with min=.
runs=""
for driver in "$@"; do
    runs="$runs $driver"
    if grep -q '^// lib: .* min=' "$driver"; then runs="$runs $driver:min"; fi
done
failed=0
for run in $runs; do
    driver=${run%:min}
    name=$(basename "$driver" .js)
    min=""
    if [ "$run" != "$driver" ]; then min=--min; name=$name.min; fi
    combined="$work/out/$name.js"
    node "$here/combine.js" $min "$driver" "$work/node_modules" "$combined" || { failed=1; continue; }
    node "$here/node-script.js" "$combined" >"$work/out/$name.node" 2>&1; node_rc=$?
    timed "$work/out/$name.time-node" node --jitless "$here/node-script.js" "$combined" >/dev/null 2>&1
    timed "$work/out/$name.time-mica" "$mica" "$combined" >"$work/out/$name.mica" 2>&1; mica_rc=$?
    times="mica $(seconds "$work/out/$name.time-mica")s, node --jitless $(seconds "$work/out/$name.time-node")s"
    if [ $node_rc -ne 0 ]; then
        echo "FAIL $name: node exited $node_rc (driver bug) [$times]"; failed=1
    elif [ $mica_rc -ne 0 ]; then
        echo "FAIL $name: mica exited $mica_rc [$times]"; failed=1
        tail -n 3 "$work/out/$name.mica" | sed 's/^/    /'
    elif ! cmp -s "$work/out/$name.node" "$work/out/$name.mica"; then
        echo "FAIL $name: output differs from node [$times]"; failed=1
        diff "$work/out/$name.node" "$work/out/$name.mica" | head -n 8 | cut -c 1-200 | sed 's/^/    /'
    else
        echo "ok   $name: $(wc -l <"$work/out/$name.node" | tr -d ' ') lines as node [$times]"
    fi
done
exit $failed
