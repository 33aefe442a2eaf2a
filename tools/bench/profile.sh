#!/bin/bash
# profile.sh MICA NAME [ITERATIONS] — profiles one benchmark with callgrind and
# prints the functions with the most instructions (exclusive, % of the total).
# NAME is a V8 suite file name (richards, deltablue, crypto, raytrace,
# earley-boyer, splay, navier-stokes, regexp), run ITERATIONS times (default
# 20) without the suite's timing loop, or a micro-benchmark name
# (tools/bench/micro/NAME.js, run as is; callgrind is ~50x slower than native).
# Set PROFILER=perf to sample with `perf record` instead (percent of samples).
# Output: <dir of MICA>/bench/profile/NAME.{callgrind,perf}.out and a summary
# on stdout.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mica=$(realpath -m "${1:?usage: profile.sh MICA NAME [ITERATIONS]}")
name=${2:?usage: profile.sh MICA NAME [ITERATIONS]}
iterations=${3:-20}
v8dir=${BENCH_V8_DIR:-$root/../shared/bench/v8-v7}
profiler=${PROFILER:-callgrind}
outdir=$(dirname "$mica")/bench/profile
mkdir -p "$outdir"

if [ -f "$here/micro/$name.js" ]; then
    script="$here/micro/$name.js"
elif [ -f "$v8dir/$name.js" ]; then
    script="$outdir/$name.js"
    { echo "var PROFILE_ITERATIONS = $iterations;"; cat "$v8dir/base.js" "$v8dir/$name.js" "$here/profile-runner.js"; } >"$script"
else
    echo "profile.sh: no benchmark named $name" >&2
    exit 2
fi

if [ "$profiler" = perf ]; then
    perf record -q -g -o "$outdir/$name.perf.data" -- "$mica" "$script" >/dev/null || exit 1
    perf report -q -i "$outdir/$name.perf.data" --no-children --sort symbol --percent-limit 1 \
        -g none 2>/dev/null | sed 's/\[\.\] //' | head -n 30 | tee "$outdir/$name.perf.out"
else
    valgrind --tool=callgrind --callgrind-out-file="$outdir/$name.callgrind" "$mica" "$script" \
        >/dev/null 2>"$outdir/$name.valgrind.log" || { tail "$outdir/$name.valgrind.log"; exit 1; }
    callgrind_annotate --threshold=99 "$outdir/$name.callgrind" 2>/dev/null |
        awk '/PROGRAM TOTALS/ { show = 1 } show && NF > 0 && !/^Ir/ && !/^-+$/' |
        sed -e 's| \[[^]]*\]$||' -e "s|$root/||" | head -n 25 | tee "$outdir/$name.callgrind.out"
fi
