// Object constructor and static methods.
function show(label, v) { print(label + ": " + v); }
function fmt(v) {
    if (Array.isArray(v)) return "[" + v.map(fmt).join(",") + "]";
    if (v !== null && typeof v === "object") {
        return "{" + Object.keys(v).map(function (k) { return k + ":" + fmt(v[k]); }).join(",") + "}";
    }
    return typeof v === "string" ? '"' + v + '"' : String(v);
}
function desc(o, k) {
    var d = Object.getOwnPropertyDescriptor(o, k);
    if (d === undefined) return "undefined";
    var parts = [];
    if ("value" in d) parts.push("value=" + String(d.value));
    if ("get" in d) parts.push("get=" + typeof d.get);
    if ("set" in d) parts.push("set=" + typeof d.set);
    if ("writable" in d) parts.push("w=" + d.writable);
    parts.push("e=" + d.enumerable, "c=" + d.configurable);
    return parts.join(" ");
}

show("Object()", typeof Object());
show("Object(null) proto", Object.getPrototypeOf(Object(null)) === Object.prototype);
var n = Object(5);
show("Object(5)", typeof n + " " + (n instanceof Number));
var o = {};
show("Object(o) === o", Object(o) === o);
show("Object.length", Object.length);

var target = { a: 1 };
var r = Object.assign(target, { b: 2 }, null, undefined, "xy", { c: 3 });
show("assign same", r === target);
show("assign keys", Object.keys(target).join(","));
show("assign str", target[0] + target[1]);

var order = [];
var src = {};
Object.defineProperty(src, "x", { get: function () { order.push("get x"); return 1; }, enumerable: true });
Object.defineProperty(src, "hidden", { value: 9, enumerable: false });
Object.assign({}, src);
show("assign getter order", order.join(","));

var proto = { p: 1 };
var c = Object.create(proto, { q: { value: 2, enumerable: true }, r: { value: 3 } });
show("create proto", Object.getPrototypeOf(c) === proto);
show("create q", desc(c, "q"));
show("create r", desc(c, "r"));
show("create null", Object.getPrototypeOf(Object.create(null)));
try { Object.create(1); } catch (e) { show("create(1)", e.name); }

var dp = {};
Object.defineProperties(dp, { a: { value: 1, writable: true }, b: { get: function () { return 2; }, configurable: true } });
show("defineProperties a", desc(dp, "a"));
show("defineProperties b", desc(dp, "b"));
try { Object.defineProperty(1, "x", {}); } catch (e) { show("defineProperty(1)", e.name); }

var e = { a: 1, b: 2 };
Object.defineProperty(e, "z", { value: 3 });
show("keys", Object.keys(e).join(","));
show("values", Object.values(e).join(","));
show("entries", fmt(Object.entries(e)));
show("keys order", Object.keys({ b: 1, 2: 1, a: 1, 1: 1 }).join(","));

var f = Object.freeze({ x: 1 });
show("isFrozen", Object.isFrozen(f) + " " + Object.isSealed(f) + " " + Object.isExtensible(f));
show("freeze prim", Object.freeze(5));
show("isFrozen prim", Object.isFrozen(5) + " " + Object.isSealed("s") + " " + Object.isExtensible(5));
var s = Object.seal({ y: 1 });
show("seal", desc(s, "y") + " " + Object.isFrozen(s) + " " + Object.isSealed(s));
var pe = Object.preventExtensions({ z: 1 });
show("preventExtensions", Object.isExtensible(pe) + " " + Object.isSealed(pe));
show("isFrozen({})", Object.isFrozen(Object.preventExtensions({})));

var fe = Object.fromEntries([["a", 1], ["b", 2], [3, 4]]);
show("fromEntries", fmt(fe));
try { Object.fromEntries([1]); } catch (err) { show("fromEntries bad", err.name); }
try { Object.fromEntries(null); } catch (err) { show("fromEntries null", err.name); }

show("gOPD missing", Object.getOwnPropertyDescriptor({}, "x"));
show("gOPD str", desc("abc", "length"));
var ds = Object.getOwnPropertyDescriptors({ a: 1, get b() { return 1; } });
show("gOPDs", Object.keys(ds).join(",") + " " + ds.a.value + " " + typeof ds.b.get);

var sym = Symbol("s");
var mixed = { b: 1, a: 2, 1: 3 };
mixed[sym] = 4;
show("gOPN", Object.getOwnPropertyNames(mixed).join(","));
show("gOPS", Object.getOwnPropertySymbols(mixed).length + " " + (Object.getOwnPropertySymbols(mixed)[0] === sym));
show("gOPN array", Object.getOwnPropertyNames([7, 8]).join(","));
show("gOPN str", Object.getOwnPropertyNames("ab").join(","));

show("getPrototypeOf prim", Object.getPrototypeOf(1) === Number.prototype);
try { Object.getPrototypeOf(undefined); } catch (err) { show("getPrototypeOf(undefined)", err.name); }

var g = Object.groupBy([1, 2, 3, 4, 5], function (v, i) { return v % 2 ? "odd" : "even"; });
show("groupBy", Object.getPrototypeOf(g) + " " + Object.keys(g).join(",") + " " + g.odd.join("|") + " " + g.even.join("|"));
var idx = [];
Object.groupBy("abc", function (v, i) { idx.push(v + i); return 0; });
show("groupBy args", idx.join(","));

show("hasOwn", Object.hasOwn({ a: 1 }, "a") + " " + Object.hasOwn({ a: 1 }, "b") + " " + Object.hasOwn("ab", 1));
show("is", Object.is(NaN, NaN) + " " + Object.is(0, -0) + " " + Object.is("a", "a") + " " + Object.is({}, {}));

var sp = {};
show("setPrototypeOf", Object.setPrototypeOf(sp, null) === sp && Object.getPrototypeOf(sp) === null);
show("setPrototypeOf prim", Object.setPrototypeOf(1, null));
try { Object.setPrototypeOf({}, 1); } catch (err) { show("setPrototypeOf bad", err.name); }
try { Object.setPrototypeOf(Object.prototype, {}); } catch (err) { show("immutable Object.prototype", err.name); }
show("immutable same", Object.setPrototypeOf(Object.prototype, null) === Object.prototype);
var a1 = {}, a2 = Object.create(a1);
try { Object.setPrototypeOf(a1, a2); } catch (err) { show("cycle", err.name); }
var gi = Object.groupBy([1, 2, 3, 4], function (v) { return v > 2 ? 1 : 0; });
show("groupBy index keys", Object.keys(gi).join(",") + " " + gi[0].join("|") + " " + gi[1].join("|"));
var gs = Object.groupBy(["x", "y"], function (v) { return v === "x" ? "b" : "a"; });
show("groupBy key order", Object.keys(gs).join(","));
