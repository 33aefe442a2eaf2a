// Micro-benchmark: dense arrays — push, indexed reads and writes, length,
// and pop. Prints "ms: N"; throws on a wrong result.
function run() {
    var total = 0;
    for (var round = 0; round < 25; round++) {
        var a = [];
        for (var i = 0; i < 200000; i++) {
            a.push(i ^ round);
        }
        for (var j = 0; j < a.length; j++) {
            a[j] = (a[j] * 3 + 1) & 0xffff;
        }
        for (var k = a.length - 1; k >= 0; k -= 3) {
            total = (total + a[k]) | 0;
        }
        while (a.length > 100000) {
            total = (total + a.pop()) | 0;
        }
    }
    return total;
}

var start = Date.now();
var result = run();
var elapsed = Date.now() - start;
if (result !== 329300479) throw new Error('array_push_index: wrong result ' + result);
var out = typeof print === 'function' ? print : console.log;
out('ms: ' + elapsed);
