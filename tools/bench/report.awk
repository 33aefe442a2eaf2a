# report.awk — run.sh's report: reads raw.tsv (kind, name, engine, round,
# status, value, cpu seconds, error), prints the table and writes results.json.
# Variables: have_node, node_version, runs, mica, json, v8order, microorder, date.
function median(list,    n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] + 0 : (a[n / 2] + a[n / 2 + 1]) / 2
}
function jstr(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
function jarr(list,    n, a, i, s) {
    n = split(list, a, " "); s = "["
    for (i = 1; i <= n; i++) s = s (i > 1 ? ", " : "") a[i]
    return s "]"
}
function cell(kind, name, e,    k) {
    k = kind SUBSEP name SUBSEP e
    if (k in fail) return "failed"
    if (!(k in vals)) return "-"
    return sprintf(kind == "v8" ? "%.0f" : "%.0f ms", median(vals[k]))
}
function rowf(f, a, b, c, d, e,    line) {
    line = sprintf(f, a, b, c, d, e); sub(/ +$/, "", line); print line
}
function fmt(x) { return x >= 100 ? sprintf("%.0f", x) : sprintf("%.3g", x) }
function engine_json(kind, name, e,    k, s) {
    k = kind SUBSEP name SUBSEP e
    if (k in fail) return "{\"status\": \"failed\", \"error\": " jstr(fail[k]) ", \"cpu_s\": " jarr(cpu[k]) "}"
    if (!(k in vals)) return "null"
    return "{\"status\": \"ok\", \"median\": " median(vals[k]) ", \"runs\": " jarr(vals[k]) ", \"cpu_s\": " jarr(cpu[k]) "}"
}
{
    k = $1 SUBSEP $2 SUBSEP $3
    cpu[k] = (k in cpu ? cpu[k] " " : "") $7
    if ($5 == "ok") vals[k] = (k in vals ? vals[k] " " : "") $6
    else fail[k] = $8
}
function section(kind, title, order, unit,    cr, n, names, i, name, km, kn, m, d, r, lm, ln, cnt, lmall, cntall, out) {
    n = split(order, names, " ")
    if (n == 0) return ""
    printf "\n%s\n", title
    rowf("  %-18s %14s %16s %11s %11s", "benchmark", "mica", (have_node ? "node --jitless" : ""), (have_node ? "mica/node" : ""), (have_node && kind == "micro" ? "cpu ratio" : ""))
    lm = ln = cnt = lmall = cntall = 0
    out = "\"" kind "\": {\"unit\": " jstr(unit) ", \"benchmarks\": ["
    for (i = 1; i <= n; i++) {
        name = names[i]
        km = kind SUBSEP name SUBSEP "mica"; kn = kind SUBSEP name SUBSEP "node"
        r = ""
        if ((km in vals) && !(km in fail)) { m = median(vals[km]); lmall += log(m); cntall++ }
        if ((km in vals) && !(km in fail) && (kn in vals) && !(kn in fail)) {
            d = median(vals[kn]); r = m / d
            lm += log(m); ln += log(d); cnt++
            speed_log += (kind == "v8" ? log(r) : -log(r)); speed_n++
        }
        cr = ""
        if (r != "" && kind == "micro" && median(cpu[kn]) > 0) cr = sprintf("%.3f", median(cpu[km]) / median(cpu[kn]))
        rowf("  %-18s %14s %16s %11s %11s", name, cell(kind, name, "mica"), (have_node ? cell(kind, name, "node") : ""), (r == "" ? "" : sprintf("%.3f", r)), cr)
        out = out (i > 1 ? ", " : "") "{\"name\": " jstr(name) ", \"mica\": " engine_json(kind, name, "mica") ", \"node\": " engine_json(kind, name, "node") ", \"ratio\": " (r == "" ? "null" : r) "}"
    }
    for (i = 1; i <= n; i++) {
        name = names[i]
        if ((kind SUBSEP name SUBSEP "mica") in fail) printf "  failed in mica:  %s: %s\n", name, fail[kind SUBSEP name SUBSEP "mica"]
        if ((kind SUBSEP name SUBSEP "node") in fail) printf "  failed in node:  %s: %s\n", name, fail[kind SUBSEP name SUBSEP "node"]
    }
    out = out "], \"total\": {"
    if (cnt > 0) {
        printf "  %-18s %14s %16s %11s   (geometric mean of the %d benchmark(s) both engines ran)\n", "total", fmt(exp(lm / cnt)), fmt(exp(ln / cnt)), sprintf("%.3f", exp((lm - ln) / cnt)), cnt
        out = out "\"common_count\": " cnt ", \"mica\": " exp(lm / cnt) ", \"node\": " exp(ln / cnt) ", \"ratio\": " exp((lm - ln) / cnt) ", "
    }
    if (cntall > 0) {
        printf "  %-18s %14s   (geometric mean of every benchmark Mica ran: %d of %d)\n", "mica total", fmt(exp(lmall / cntall)), cntall, n
        out = out "\"mica_count\": " cntall ", \"mica_all\": " exp(lmall / cntall) ", "
    }
    out = out "\"benchmarks\": " n "}}"
    return out
}
END {
    v8 = section("v8", "V8 benchmark suite v7 (score, higher is better; ratio > 1: Mica faster)", v8order, "score")
    micro = section("micro", "Micro-benchmarks (median ms, lower is better; ratio > 1: Mica slower;\n  cpu ratio: median process CPU time mica/node, less sensitive to a loaded machine)", microorder, "ms")
    overall = "null"
    if (speed_n > 0) {
        overall = exp(speed_log / speed_n)
        printf "\nOverall: Mica runs at %.3f x the speed of node --jitless (geometric mean over the %d benchmarks both ran;\n         < 1 means Mica is slower)\n", overall, speed_n
    }
    printf "{\n  \"date\": %s,\n  \"mica\": %s,\n  \"node\": %s,\n  \"runs\": %d,\n", jstr(date), jstr(mica), (have_node ? jstr(node_version " --jitless") : "null"), runs > json
    if (v8 != "") printf "  %s,\n", v8 > json
    if (micro != "") printf "  %s,\n", micro > json
    printf "  \"overall_speed_vs_node\": %s\n}\n", overall > json
    printf "\nresults: %s\n", json
}
