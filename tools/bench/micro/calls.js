// Micro-benchmark: function and method calls — recursive calls (fib),
// method calls through the prototype, calls with several arguments, and
// Function.prototype.call. Prints "ms: N"; throws on a wrong result.
function fib(n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

function Counter() {
    this.count = 0;
}
Counter.prototype.add = function (a, b, c) {
    this.count = (this.count + a + b + c) | 0;
    return this.count;
};

function addThree(a, b, c) {
    return a + b + c;
}

function run() {
    var total = fib(28);
    var counter = new Counter();
    for (var i = 0; i < 3000000; i++) {
        counter.add(i, 1, 2);
        total = (total + addThree.call(null, i, 2, 3)) | 0;
    }
    return total + counter.count;
}

var start = Date.now();
var result = run();
var elapsed = Date.now() - start;
if (result !== -2230134605) throw new Error('calls: wrong result ' + result);
var out = typeof print === 'function' ? print : console.log;
out('ms: ' + elapsed);
