// Micro-benchmark: a tokenizer-style sticky alternation of token patterns
// (identifiers, numbers, strings, punctuators, white space) over generated
// source text. Prints "ms: N"; throws on a wrong result.
function run() {
    var line = 'var x1 = foo(42, "bar baz") + 3.14 * y_2; if (x1 >= 10) { z = [1, 2, 3]; }\n';
    var src = '';
    for (var i = 0; i < 400; i++) src += line;
    var token = /\s+|([A-Za-z_$][\w$]*)|(\d+(?:\.\d+)?)|("(?:[^"\\]|\\.)*")|(>=|<=|===?|!==?|[-+*\/=<>(){}\[\];,.])/y;
    var counts = 0;
    for (var round = 0; round < 8; round++) {
        token.lastIndex = 0;
        var m;
        while (token.lastIndex < src.length && (m = token.exec(src)) !== null) {
            if (m[1] !== undefined) counts += 1;
            else if (m[2] !== undefined) counts += 2;
            else if (m[3] !== undefined) counts += 3;
            else if (m[4] !== undefined) counts += 4;
        }
    }
    return counts;
}

var start = Date.now();
var result = run();
var elapsed = Date.now() - start;
if (result !== 300800) throw new Error('regex_tokenizer: wrong result ' + result);
var out = typeof print === 'function' ? print : console.log;
out('ms: ' + elapsed);
