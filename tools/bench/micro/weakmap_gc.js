// Micro-benchmark: weak-heavy garbage collection — 1e6 WeakMap / WeakSet
// entries whose keys die (every 100th survives), collected by the ordinary
// collector as the heap grows; then the survivors are checked.
// Prints "ms: N"; throws on a wrong result.
function run() {
    var n = 1000000, survivors = [];
    var wm = new WeakMap(), ws = new WeakSet();
    for (var i = 0; i < n; i++) {
        var key = { i: i };
        wm.set(key, { value: i });
        if (i % 2) ws.add(key);
        if (i % 100 === 0) survivors.push(key);
    }
    var total = 0;
    for (var j = 0; j < survivors.length; j++) {
        var k = survivors[j];
        total += wm.get(k).value === k.i ? 1 : 0;
        total += ws.has(k) ? 0 : 1; // every survivor has an even i
    }
    return total;
}

var start = Date.now();
var result = run();
var elapsed = Date.now() - start;
if (result !== 20000) throw new Error('weakmap_gc: wrong result ' + result);
var out = typeof print === 'function' ? print : console.log;
out('ms: ' + elapsed);
