// Micro-benchmark: case-insensitive searches (literal words and a class)
// through a long text with RegExp.prototype.test, match with /gi and
// search. Prints "ms: N"; throws on a wrong result.
function run() {
    var words = ['alpha', 'Beta', 'GAMMA', 'delta', 'Epsilon', 'zeta', 'ETA', 'theta'];
    var text = '';
    for (var i = 0; i < 20000; i++) text += words[(i * 7) % words.length] + (i % 13 === 0 ? ' Needle ' : ' ');
    var total = 0;
    for (var round = 0; round < 20; round++) {
        total += (text.match(/needle/gi) || []).length;
        total += (text.match(/\b[ae][a-z]*a\b/gi) || []).length;
        total += text.search(/THETA\s+NEEDLE/i) >= 0 ? 1 : 0;
        if (/zzz/i.test(text)) total += 1000;
    }
    return total;
}

var start = Date.now();
var result = run();
var elapsed = Date.now() - start;
if (result !== 130800) throw new Error('regex_icase_search: wrong result ' + result);
var out = typeof print === 'function' ? print : console.log;
out('ms: ' + elapsed);
