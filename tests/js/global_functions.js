// Global value and function properties.
function show(label, v) { print(label + ": " + v); }
function d(k) {
    var x = Object.getOwnPropertyDescriptor(globalThis, k);
    return [typeof x.value, x.writable, x.enumerable, x.configurable].join(" ");
}
show("globalThis", globalThis === this && d("globalThis"));
show("NaN", d("NaN") + " " + isNaN(NaN));
show("Infinity", d("Infinity") + " " + Infinity);
show("undefined", d("undefined"));
show("parseInt desc", d("parseInt") + " " + parseInt.length + " " + parseFloat.length);

show("isNaN", [isNaN("x"), isNaN("1"), isNaN(undefined), isNaN(null), isNaN("")].join(","));
show("isFinite", [isFinite("1e308"), isFinite("1e309"), isFinite(null), isFinite("x")].join(","));

var pf = ["3.14", "  -0.5e2xyz", "+.5", "5.", ".", "-", "Infinityx", "-Infinity", "1e", "1e+", "1e-2",
    "0x10", "\u00a0\n 7", "1_000", "-0", "abc", "", "1.7976931348623159e308", "2.2250738585072011e-308",
    "000123.4500", "1.e2"];
show("parseFloat", pf.map(function (s) { var r = parseFloat(s); return r === 0 && 1 / r < 0 ? "-0" : String(r); }).join(","));

var pi = [["42", undefined], ["  -17px", undefined], ["0x1F", undefined], ["0x1F", 16], ["0x1F", 10],
    ["1010", 2], ["z", 36], ["Z", 36], ["9", 8], ["10", 1], ["10", 37], ["10", 0], ["-0", undefined],
    ["", undefined], ["-", undefined], ["0x", undefined], ["12", 4294967306], ["  +9", undefined],
    ["123456789012345678901234567890", undefined], ["ffffffffffffffffff", 16], ["1e3", undefined],
    ["0b11", undefined], ["zzzzzzzzzzzzzzzz", 36]];
show("parseInt", pi.map(function (p) { var r = parseInt(p[0], p[1]); return r === 0 && 1 / r < 0 ? "-0" : String(r); }).join(","));
var order = [];
parseInt({ toString: function () { order.push("s"); return "1"; } }, { valueOf: function () { order.push("r"); return 10; } });
show("parseInt order", order.join(""));

show("encodeURI", encodeURI("http://a.b/c d?e=f&g=\u00e9#h;!~*'()"));
show("encodeURIComponent", encodeURIComponent("a b/c?d=\u20ac&\ud83d\ude00"));
try { encodeURI("\ud800"); } catch (e) { show("encodeURI lone", e.name); }
try { encodeURIComponent("\udc00x"); } catch (e) { show("encodeURIComponent lone trail", e.name); }
show("decodeURI", decodeURI("%41%20%3B%2F%23%e2%82%ac"));
show("decodeURIComponent", decodeURIComponent("%41%20%3B%2F%23%e2%82%ac%F0%9F%98%80"));
var bad = ["%", "%4", "%G1", "%C0%80", "%E0%80%80", "%ED%A0%80", "%F4%90%80%80", "%80", "%C2", "%C2%41", "%FF"];
show("decode malformed", bad.map(function (s) { try { decodeURIComponent(s); return "ok"; } catch (e) { return e.name; } }).join(","));
show("decode roundtrip", decodeURIComponent(encodeURIComponent("\u0000\u007f\u0080\u07ff\u0800\uffff\ud800\udc00")) === "\u0000\u007f\u0080\u07ff\u0800\uffff\ud800\udc00");

show("escape", escape("a b+c@\u00e9\u20ac/*_-."));
show("unescape", unescape("%41%u20AC%zz%u12%4"));
show("unescape tail", unescape("%u0041") + unescape("%41") + unescape("%"));

show("eval indirect", (0, eval)("1 + 2"));
var geval = eval;
var x = "global";
(function () { var x = "local"; show("eval global scope", geval("x")); })();
show("eval non-string", eval(5) + " " + typeof eval({}));
show("eval name", eval.name + " " + eval.length);
