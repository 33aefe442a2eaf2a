// Micro-benchmark: a chain of 1e6 promise resolutions — each then()
// callback returns the next value, so every step goes through the job
// queue. Prints "ms: N" from the last callback; throws on a wrong result.
// Nothing is printed if the job queue never drains, which the runner counts
// as a failure.
var out = typeof print === 'function' ? print : console.log;
var steps = 1000000;
var start = Date.now();

function step(value) {
    return value + 1;
}

var chain = Promise.resolve(0);
for (var i = 0; i < steps; i++) {
    chain = chain.then(step);
}
chain.then(function (value) {
    var elapsed = Date.now() - start;
    if (value !== steps) throw new Error('promise_chain: wrong result ' + value);
    out('ms: ' + elapsed);
}).catch(function (error) {
    out('promise_chain failed: ' + error);
});
