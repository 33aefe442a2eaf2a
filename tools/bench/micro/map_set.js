// Micro-benchmark: Map and Set with number and string keys — set, get,
// has, delete and iteration. Prints "ms: N"; throws on a wrong result.
function run() {
    var total = 0;
    for (var round = 0; round < 6; round++) {
        var map = new Map();
        var set = new Set();
        for (var i = 0; i < 50000; i++) {
            map.set(i, i * 2);
            map.set('k' + i, i);
            set.add(i * 3);
        }
        for (var j = 0; j < 100000; j++) {
            if (map.has(j)) total = (total + map.get(j)) | 0;
            if (set.has(j)) total = (total + 1) | 0;
            var v = map.get('k' + (j >> 1));
            if (v !== undefined) total = (total + v) | 0;
        }
        for (var d = 0; d < 50000; d += 2) {
            map.delete(d);
            set.delete(d * 3);
        }
        map.forEach(function (value) { total = (total + value) | 0; });
        set.forEach(function (value) { total = (total ^ value) | 0; });
        total = (total + map.size + set.size) | 0;
    }
    return total;
}

var start = Date.now();
var result = run();
var elapsed = Date.now() - start;
if (result !== 2050116180) throw new Error('map_set: wrong result ' + result);
var out = typeof print === 'function' ? print : console.log;
out('ms: ' + elapsed);
