// Reflect.
function show(label, v) { print(label + ": " + v); }
show("toString", Object.prototype.toString.call(Reflect) + " " + typeof Reflect);
function sum(a, b) { return a + b + (this && this.k || 0); }
show("apply", Reflect.apply(sum, { k: 10 }, [1, 2]));
try { Reflect.apply(1, null, []); } catch (e) { show("apply non-callable", e.name); }
try { Reflect.apply(sum, null); } catch (e) { show("apply no list", e.name); }
function P(x) { this.x = x; }
function Q() {}
var p = Reflect.construct(P, [5]);
show("construct", p.x + " " + (p instanceof P));
var q = Reflect.construct(P, [6], Q);
show("construct newTarget", q.x + " " + (q instanceof Q) + " " + (q instanceof P));
try { Reflect.construct(P, [], undefined); } catch (e) { show("construct undefined newTarget", e.name); }
try { Reflect.construct(function () {}.bind, []); } catch (e) { show("construct non-ctor", e.name); }
var o = {};
show("defineProperty", Reflect.defineProperty(o, "a", { value: 1 }) + " " + o.a);
show("defineProperty fail", Reflect.defineProperty(o, "a", { value: 2 }));
show("deleteProperty", Reflect.deleteProperty(o, "a") + " " + Reflect.deleteProperty({ b: 1 }, "b"));
var getterObj = { get g() { return this.tag; }, tag: "own" };
show("get", Reflect.get(getterObj, "g") + " " + Reflect.get(getterObj, "g", { tag: "recv" }));
show("getOwnPropertyDescriptor", Reflect.getOwnPropertyDescriptor({ x: 1 }, "x").value + " " + Reflect.getOwnPropertyDescriptor({}, "x"));
show("getPrototypeOf", Reflect.getPrototypeOf([]) === Array.prototype);
try { Reflect.getPrototypeOf(1); } catch (e) { show("getPrototypeOf prim", e.name); }
show("has", Reflect.has({ a: 1 }, "a") + " " + Reflect.has({}, "toString") + " " + Reflect.has({}, "zz"));
show("isExtensible", Reflect.isExtensible({}) + " " + Reflect.isExtensible(Object.freeze({})));
var ko = { b: 1, a: 2, 1: 0 };
ko[Symbol.iterator] = 0;
show("ownKeys", Reflect.ownKeys(ko).map(String).join(","));
show("ownKeys array", Reflect.ownKeys([1]).join(","));
var pe = {};
show("preventExtensions", Reflect.preventExtensions(pe) + " " + Object.isExtensible(pe));
var setRecv = {};
var setterObj = { set s(v) { this.val = v; } };
show("set", Reflect.set(setterObj, "s", 3, setRecv) + " " + setRecv.val + " " + setterObj.val);
show("set frozen", Reflect.set(Object.freeze({ a: 1 }), "a", 2));
show("set receiver", (function () { var t = {}, r = {}; Reflect.set(t, "x", 1, r); return t.x + " " + r.x; })());
show("setPrototypeOf", Reflect.setPrototypeOf({}, null) + " " + Reflect.setPrototypeOf(Object.preventExtensions({}), {}));
try { Reflect.setPrototypeOf({}, 1); } catch (e) { show("setPrototypeOf prim", e.name); }
show("lengths", ["apply", "construct", "defineProperty", "deleteProperty", "get", "getOwnPropertyDescriptor",
    "getPrototypeOf", "has", "isExtensible", "ownKeys", "preventExtensions", "set", "setPrototypeOf"].map(function (n) { return Reflect[n].length; }).join(","));
try { Reflect.get(1, "a"); } catch (e) { show("get prim", e.name); }
