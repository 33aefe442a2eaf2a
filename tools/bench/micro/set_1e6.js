// Micro-benchmark: one Set of 1e6 string values — 1e6 inserts, 1e6 lookups
// (half of them misses), 1e6 deletes. Prints "ms: N"; throws on a wrong result.
function run() {
    var n = 1000000, total = 0;
    var keys = new Array(n);
    for (var i = 0; i < n; i++) keys[i] = 'k' + i;
    var set = new Set();
    for (var i = 0; i < n; i++) set.add(keys[i]);
    for (var i = 0; i < n; i += 2) {
        if (set.has(keys[i])) total++;
        if (set.has(i)) total += 1000;
    }
    for (var i = 0; i < n; i++) if (set.delete(keys[i])) total++;
    return total + set.size;
}

var start = Date.now();
var result = run();
var elapsed = Date.now() - start;
if (result !== 1500000) throw new Error('set_1e6: wrong result ' + result);
var out = typeof print === 'function' ? print : console.log;
out('ms: ' + elapsed);
