// Micro-benchmark: global replace over a 1 MB string — a literal, a class
// with a replacement template, and a function replacer. Prints "ms: N";
// throws on a wrong result.
function run() {
    var chunk = 'The quick brown fox jumps over the lazy dog 0123456789. ';
    var s = '';
    while (s.length < 1024 * 1024) s += chunk;
    var total = 0;
    for (var round = 0; round < 3; round++) {
        total += s.replace(/o/g, '0').length;
        total += s.replace(/[aeiou]+/g, '<$&>').length;
        total += s.replace(/\d{2}/g, function (m) { return m[1]; }).length;
    }
    return total;
}

var start = Date.now();
var result = run();
var elapsed = Date.now() - start;
if (result !== 10280025) throw new Error('regex_replace_1mb: wrong result ' + result);
var out = typeof print === 'function' ? print : console.log;
out('ms: ' + elapsed);
