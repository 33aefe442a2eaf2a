// Micro-benchmark: creating closures, calling them, and reading and writing
// captured variables several scopes up. Prints "ms: N"; throws on a wrong
// result.
function makeAdder(base) {
    var calls = 0;
    return function (x) {
        calls++;
        return base + x + calls;
    };
}

function makeCounter() {
    var count = 0;
    return {
        increment: function () { return ++count; },
        get: function () { return count; }
    };
}

function run() {
    var total = 0;
    for (var i = 0; i < 1200000; i++) {
        var add = makeAdder(i & 15);
        total = (total + add(1) + add(2)) | 0;
    }
    var counter = makeCounter();
    var outer = 7;
    function nested(v) {
        return function () { return v + outer + counter.increment(); };
    }
    for (var j = 0; j < 1200000; j++) {
        total = (total + nested(j)()) | 0;
    }
    return total + counter.get();
}

var start = Date.now();
var result = run();
var elapsed = Date.now() - start;
if (result !== 1220755840) throw new Error('closures: wrong result ' + result);
var out = typeof print === 'function' ? print : console.log;
out('ms: ' + elapsed);
