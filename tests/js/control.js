// loops, labels, switch, exceptions, finally
var out = [];
for (var i = 0; i < 5; i++) { if (i === 1) continue; if (i === 4) break; out.push(i); }
print(out.join(","));
var j = 0;
while (j < 3) j++;
do { j += 10; } while (j < 30);
print(j);
outer: for (var a = 0; a < 3; a++) {
    for (var b = 0; b < 3; b++) {
        if (b === 1) continue outer;
        if (a === 2) break outer;
        out.push("" + a + b);
    }
}
print(out.join(","));
blk: { out.length = 0; break blk; out.push("no"); }
print(out.length);
function sw(x) {
    switch (x) {
    case 1: return "one";
    case "1": return "string one";
    case 2:
    case 3: return "two or three";
    default: return "other";
    case 4: return "four";
    }
}
print(sw(1), sw("1"), sw(3), sw(4), sw(9));
function fall(x) { var r = ""; switch (x) { case 0: r += "a"; case 1: r += "b"; break; case 2: r += "c"; } return r; }
print(fall(0), fall(1), fall(2), fall(3));
try { throw new Error("boom"); } catch (e) { print(e.message, e instanceof Error); }
try { null.x; } catch (e) { print(e instanceof TypeError, e.message); }
try { undefinedVar; } catch (e) { print(e.name, e.message); }
function fin() {
    var log = [];
    try { log.push("t"); return log; } finally { log.push("f"); }
}
print(fin().join(""));
function finOverride() { try { return 1; } finally { return 2; } }
print(finOverride());
function nested() {
    var log = "";
    for (var i = 0; i < 3; i++) {
        try {
            try { if (i === 1) continue; if (i === 2) break; log += "a" + i; }
            finally { log += "f" + i; }
        } finally { log += "g" + i; }
    }
    return log;
}
print(nested());
function rethrow() {
    try { try { throw 1; } finally { print("inner finally"); } } catch (e) { return "caught " + e; }
}
print(rethrow());
var x = 0;
try { x = 1; } finally { x += 10; }
print(x);
for (var k in { p: 1, q: 2, r: 3 }) out.push(k);
print(out.join(","));
var proto = { inherited: 1 };
var obj = Object.create(proto);
obj.own = 2;
var keys = [];
for (var key in obj) keys.push(key);
print(keys.join(","));
var arr = [10, 20, 30];
keys = [];
for (var idx in arr) keys.push(idx);
print(keys.join(","));
for (var n in null) print("never");
var deleted = { a: 1, b: 2, c: 3 };
keys = [];
for (var key2 in deleted) { keys.push(key2); delete deleted.b; }
print(keys.join(","));
print(typeof eval, eval("1 + 2"), eval("var ev = 5; ev * 2"), ev);
function evalLocal() { var loc = 3; return eval("loc + 1"); }
print(evalLocal());
function evalVar() { eval("var created = 7"); return created; }
print(evalVar(), typeof created);
var indirect = eval;
var gl = "global";
function evalIndirect() { var gl = "local"; return [eval("gl"), indirect("gl")]; }
print(String(evalIndirect()));
print(eval("if (true) { 5 } else { 6 }"), eval("for (var z = 0; z < 2; z++) z;"), eval("1; try { 2 } finally { 3 }"));
with ({ wx: 42 }) { print(wx); }
var wo = { wv: 1 };
with (wo) { wv = 2; }
print(wo.wv);
