// mica-flags: --test262
// Global variable inline caches: dictionary-mode global object, shadowing by
// later lexical declarations, read-only and deleted globals.
for (var n = 0; n < 100; n++) globalThis["extra" + n] = n;
function readK() { return k; }
function writeCount() { count = count + 1; return count; }
globalThis.k = 1;
var count = 0;
var r = [];
for (var i = 0; i < 3; i++) r.push(readK(), writeCount());
$262.evalScript("let k = 2;");
r.push(readK());
Object.defineProperty(globalThis, "count", { writable: false });
r.push(writeCount(), writeCount());
delete globalThis.extra5;
globalThis.extra5 = "again";
function readExtra() { return extra5; }
r.push(readExtra(), readExtra());
print(r.join());
// Sparse growth: indices 2^k - 2 stay cheap.
var x = [];
for (var e = 1; e < 32; e++) x[Math.pow(2, e) - 2] = e;
print(x.length, x[1022], Object.keys(x).length);
