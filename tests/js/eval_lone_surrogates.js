// Source text handed to eval and Function is a sequence of UTF-16 code
// units: an unpaired surrogate in a literal stays itself (not U+FFFD).
var hi = String.fromCharCode(0xd800), lo = String.fromCharCode(0xdc00);
function units(s) {
    var r = [];
    for (var i = 0; i < s.length; i++) r.push(s.charCodeAt(i).toString(16));
    return r.join(" ");
}
console.log("string", units(eval("'" + hi + "'")), units(eval('"a' + lo + 'b"')));
console.log("regexp source", units(eval("/" + hi + "/").source), units(eval("/a\\" + lo + "/").source));
console.log("regexp match", eval("/" + hi + "/").test("x" + hi + "y"));
console.log("template", units(eval("`" + hi + "`")), units(eval("String.raw`" + lo + "`")));
console.log("Function", units(Function("return '" + hi + "x';")()), units(new Function("a", "return a + '" + lo + "';")("")));
console.log("indirect", units((0, eval)("'" + lo + hi + "'")));
console.log("pair", units(eval("'" + hi + lo + "'")));
console.log("comment", eval("// " + hi + "\n'after comment'"));
try {
    eval("var a" + hi + " = 1");
} catch (e) {
    console.log("identifier", e.constructor.name);
}
