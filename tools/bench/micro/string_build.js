// Micro-benchmark: building strings — repeated += of short pieces, number
// to string conversion, Array.prototype.join, and charCodeAt over the
// result. Prints "ms: N"; throws on a wrong result.
function run() {
    var total = 0;
    for (var round = 0; round < 80; round++) {
        var s = '';
        for (var i = 0; i < 20000; i++) {
            s += 'item' + i + ',';
        }
        var parts = [];
        for (var k = 0; k < 10000; k++) {
            parts.push('<' + k + '>');
        }
        var joined = parts.join('');
        total = (total + s.length + joined.length) | 0;
        for (var c = 0; c < s.length; c += 7) {
            total = (total + s.charCodeAt(c)) | 0;
        }
    }
    return total;
}

var start = Date.now();
var result = run();
var elapsed = Date.now() - start;
if (result !== 181588720) throw new Error('string_build: wrong result ' + result);
var out = typeof print === 'function' ? print : console.log;
out('ms: ' + elapsed);
