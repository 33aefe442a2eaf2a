#!/bin/bash
# run.sh MICA — `make bench`. Runs the V8 benchmark suite v7 (one process per
# benchmark, so one failure does not stop the others) and the micro-benchmarks
# in tools/bench/micro/*.js, with MICA and, when installed, `node --jitless`,
# several rounds each with the engines interleaved, and prints the median of
# each benchmark, the geometric means and the ratio Mica / node --jitless.
# Writes <dir of MICA>/bench/results.json. Always exits 0: a benchmark that
# fails is reported as failed and never fails the build.
#
# Environment:
#   BENCH_RUNS=N      rounds per benchmark and engine (default 3; median taken)
#   BENCH_V8_DIR=DIR  V8 suite folder (default ../shared/bench/v8-v7 from the
#                     repository root)
#   BENCH_NODE=CMD    node binary (default: node on PATH; "none" skips node)
#   BENCH_ONLY=RE     run only benchmarks whose name matches the regex RE
#   BENCH_TIMEOUT=S   seconds before one benchmark process is killed (180)
#
# Scores of the V8 suite are its own (higher is better); micro-benchmarks
# report milliseconds measured inside the script (lower is better). Both are
# wall-clock, so a loaded machine makes them noisy; results.json also keeps
# each process's CPU time (user+sys) for that reason.

set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mica=${1:-$root/build/mica}
case "$mica" in /*) ;; *) mica="$(pwd)/$mica" ;; esac
mica=$(realpath -m "$mica" 2>/dev/null || echo "$mica")
runs=${BENCH_RUNS:-3}
v8dir=${BENCH_V8_DIR:-$root/../shared/bench/v8-v7}
only=${BENCH_ONLY:-}
limit=${BENCH_TIMEOUT:-180}
outdir=$(dirname "$mica")/bench
mkdir -p "$outdir/v8" "$outdir/logs"
raw="$outdir/raw.tsv"
: >"$raw"

if [ ! -x "$mica" ]; then
    echo "bench: $mica is not an executable; build it first (make)"
    exit 0
fi

node_cmd=${BENCH_NODE:-node}
node_version=""
if [ "$node_cmd" != none ] && command -v "$node_cmd" >/dev/null 2>&1 &&
    "$node_cmd" --jitless -e 0 >/dev/null 2>&1; then
    node_version=$("$node_cmd" --version 2>/dev/null)
else
    node_cmd=""
    echo "bench: node not found (or BENCH_NODE=none): running Mica only"
fi

have_timeout=0
command -v timeout >/dev/null 2>&1 && have_timeout=1

# run_one ENGINE KIND NAME FILE ROUND — runs one benchmark process and appends
# "kind name engine round status value cpu message" to raw.tsv.
run_one() {
    local engine=$1 kind=$2 name=$3 file=$4 round=$5
    local log="$outdir/logs/$kind-$name-$engine-$round.log"
    local -a cmd
    if [ "$engine" = mica ]; then cmd=("$mica" "$file"); else cmd=("$node_cmd" --jitless "$file"); fi
    [ $have_timeout -eq 1 ] && cmd=(timeout "$limit" "${cmd[@]}")
    local TIMEFORMAT='%U %S' cpu rc
    cpu=$({ time (cd "$(dirname "$file")" && "${cmd[@]}" >"$log" 2>&1); } 2>&1)
    rc=$?
    cpu=$(echo "$cpu" | tail -n 1 | awk '{ printf "%.3f", $1 + $2 }')
    local value="" message=""
    if [ "$kind" = v8 ]; then
        value=$(awk -v n="$name" '$0 ~ "^" n ": [0-9.]+$" { print $2; exit }' "$log")
    else
        value=$(awk '/^ms: [0-9.]+$/ { print $2; exit }' "$log")
    fi
    if [ -n "$value" ] && { [ "$kind" = v8 ] || [ $rc -eq 0 ]; }; then
        printf '%s\t%s\t%s\t%s\tok\t%s\t%s\t\n' "$kind" "$name" "$engine" "$round" "$value" "$cpu" >>"$raw"
        return 0
    fi
    if [ $rc -eq 124 ]; then
        message="timed out after ${limit}s"
    else
        message=$(grep -v '^Warning: disabling flag' "$log" | grep -m1 -E 'FAILED|Error|error|Uncaught' ||
            grep -v '^Warning: disabling flag' "$log" | head -n 1)
        [ -z "$message" ] && message="exit status $rc, no result printed"
        message=$(echo "$message" | sed 's/^[A-Za-z]*: FAILED //' | tr '\t' ' ' | cut -c1-160)
    fi
    printf '%s\t%s\t%s\t%s\tfailed\t\t%s\t%s\n' "$kind" "$name" "$engine" "$round" "$cpu" "$message" >>"$raw"
    return 1
}

# The V8 suite: one file per benchmark = base.js + benchmark + runner tail.
v8_names=()
v8_files=()
if [ -f "$v8dir/base.js" ]; then
    for pair in richards:Richards deltablue:DeltaBlue crypto:Crypto raytrace:RayTrace \
        earley-boyer:EarleyBoyer regexp:RegExp splay:Splay navier-stokes:NavierStokes; do
        file=${pair%%:*} name=${pair#*:}
        [ -n "$only" ] && ! [[ $name =~ $only ]] && continue
        [ -f "$v8dir/$file.js" ] || continue
        cat "$v8dir/base.js" "$v8dir/$file.js" "$here/v8-runner.js" >"$outdir/v8/$file.js"
        v8_names+=("$name")
        v8_files+=("$outdir/v8/$file.js")
    done
else
    echo "bench: V8 suite not found at $v8dir (set BENCH_V8_DIR): skipping it"
fi

micro_names=()
micro_files=()
for f in "$here"/micro/*.js; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .js)
    [ -n "$only" ] && ! [[ $name =~ $only ]] && continue
    micro_names+=("$name")
    micro_files+=("$f")
done

engines=(mica)
[ -n "$node_cmd" ] && engines+=(node)
echo "bench: $runs round(s); engines: mica${node_cmd:+ and node $node_version --jitless}"
# progress ROUND KIND NAME ENGINE — a status line, on a terminal only.
progress() {
    [ -t 1 ] && printf '  round %d/%d  %-5s  %-18s %-5s\r' "$1" "$runs" "$2" "$3" "$4"
    return 0
}
declare -A broken # a benchmark that failed once in an engine is not rerun there
for ((round = 1; round <= runs; round++)); do
    for i in "${!v8_names[@]}"; do
        for e in "${engines[@]}"; do
            [ -n "${broken[v8/${v8_names[$i]}/$e]:-}" ] && continue
            progress "$round" v8 "${v8_names[$i]}" "$e"
            run_one "$e" v8 "${v8_names[$i]}" "${v8_files[$i]}" "$round" ||
                broken[v8/${v8_names[$i]}/$e]=1
        done
    done
    for i in "${!micro_names[@]}"; do
        for e in "${engines[@]}"; do
            [ -n "${broken[micro/${micro_names[$i]}/$e]:-}" ] && continue
            progress "$round" micro "${micro_names[$i]}" "$e"
            run_one "$e" micro "${micro_names[$i]}" "${micro_files[$i]}" "$round" ||
                broken[micro/${micro_names[$i]}/$e]=1
        done
    done
done
[ -t 1 ] && printf '%-60s\r' ""

# Aggregate: medians, geometric means over the benchmarks both engines ran,
# ratios; print the table and write results.json.
awk -F '\t' -f "$here/report.awk" -v have_node="${node_cmd:+1}" -v node_version="$node_version" \
    -v runs="$runs" -v mica="$mica" -v json="$outdir/results.json" \
    -v v8order="${v8_names[*]:-}" -v microorder="${micro_names[*]:-}" -v date="$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$raw"
exit 0
