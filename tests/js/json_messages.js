// Mica's own JSON.parse error messages (not compared against another engine).
var inputs = ['{"a":1,}', '', '[1,2', '"abc', '"a\u0001"', '"\\q"', '[01]'];
for (var i = 0; i < inputs.length; i++) {
    try { JSON.parse(inputs[i]); } catch (e) { print(e.name + ': ' + e.message); }
}
