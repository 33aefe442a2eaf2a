// let/const/TDZ, arrows, templates, for-of, spread, destructuring, defaults, rest, shorthand, computed
let fns = [];
for (let i = 0; i < 3; i++) fns.push(() => i);
print(fns.map(f => f()).join(","));
const k = "dyn";
const obj = { k, [k + "1"]: 2, m() { return this.k; } };
print(obj.k, obj.dyn1, obj.m());
const [x, , y = 9, ...rest] = [1, 2, undefined, 4, 5];
print(x, y, rest.join("+"));
const { a, b: { c }, ...others } = { a: 1, b: { c: 2 }, d: 3, e: 4 };
print(a, c, Object.keys(others).join(""));
function f(p, q = p * 2, ...r) { return `${p}-${q}-${r.length}`; }
print(f(1), f(1, 1, 1, 1));
print(Math.max(...[3, 7, 5]), [..."abc"].join("|"));
let total = 0;
for (const v of [1, 2, 3]) total += v;
print(total);
try { tdz; let tdz = 1; } catch (e) { print(e.name); }
const arrowThis = { v: 42, get() { return (() => this.v)(); } };
print(arrowThis.get());
let swap1 = 1, swap2 = 2;
[swap1, swap2] = [swap2, swap1];
print(swap1, swap2);
print(((a, b) => a + b)(2, 3), (() => ({ o: 1 }))().o);
label: for (const e of [1, 2, 3]) { if (e === 2) break label; print("e", e); }
print(`multi
line`.length);
var o2 = null;
print(o2?.x, o2?.x.y.z, (o2 ?? { q: 5 }).q);
