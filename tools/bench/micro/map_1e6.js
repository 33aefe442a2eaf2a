// Micro-benchmark: one Map of 1e6 integer keys — 1e6 inserts, 1e6 lookups,
// 1e6 deletes (the table grows to 1e6 entries and shrinks back to empty).
// Prints "ms: N"; throws on a wrong result.
function run() {
    var n = 1000000, total = 0;
    var map = new Map();
    for (var i = 0; i < n; i++) map.set(i, i);
    for (var i = 0; i < n; i++) total = (total + map.get(i)) | 0;
    for (var i = 0; i < n; i++) if (map.delete(i)) total = (total + 1) | 0;
    return (total + map.size) | 0;
}

var start = Date.now();
var result = run();
var elapsed = Date.now() - start;
if (result !== 1784293664) throw new Error('map_1e6: wrong result ' + result);
var out = typeof print === 'function' ? print : console.log;
out('ms: ' + elapsed);
