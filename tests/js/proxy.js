// gc-stress-every: 1000  (builds a chain of 100000 proxies: quadratic under stress at every allocation)
// Proxy: traps, invariants, revocation, callable proxies, IsArray, realms.
var log = [];
var target = { a: 1 };
var handler = {};
["getPrototypeOf", "setPrototypeOf", "isExtensible", "preventExtensions",
 "getOwnPropertyDescriptor", "defineProperty", "has", "get", "set",
 "deleteProperty", "ownKeys"].forEach(function (name) {
    handler[name] = function () {
        log.push(name);
        return Reflect[name].apply(null, arguments);
    };
});
var p = new Proxy(target, handler);
p.b = 2;
print(p.a, p.b, "a" in p, delete p.a, Object.keys(p).join());
Object.getPrototypeOf(p);
Object.isExtensible(p);
print(log.join(" "));

function throwsType(f) { try { f(); return "no"; } catch (e) { return e instanceof TypeError ? "TypeError" : String(e); } }
var frozen = Object.freeze({ x: 1 });
print(throwsType(function () { new Proxy(frozen, { get: function () { return 2; } }).x; }));
print(throwsType(function () { new Proxy(frozen, { ownKeys: function () { return []; } }); Object.keys(new Proxy(frozen, { ownKeys: function () { return []; } })); }));
print(throwsType(function () { Object.keys(new Proxy({}, { ownKeys: function () { return ["a", "a"]; } })); }));
print(throwsType(function () { Object.keys(new Proxy({}, { ownKeys: function () { return [1]; } })); }));
print(throwsType(function () { Object.getOwnPropertyDescriptor(new Proxy({}, { getOwnPropertyDescriptor: function () { return { configurable: false }; } }), "q"); }));
print(throwsType(function () { Object.defineProperty(new Proxy({}, { defineProperty: function () { return true; } }), "q", { configurable: false }); }));
print(throwsType(function () { Object.preventExtensions(new Proxy({}, { preventExtensions: function () { return true; } })); }));
print(throwsType(function () { "x" in new Proxy(frozen, { has: function () { return false; } }); }));
print(throwsType(function () { delete new Proxy(frozen, { deleteProperty: function () { return true; } }).x; }));
print(throwsType(function () { Object.setPrototypeOf(new Proxy(Object.preventExtensions({}), { setPrototypeOf: function () { return true; } }), Array.prototype); }));
print(throwsType(function () { Object.isExtensible(new Proxy({}, { isExtensible: function () { return false; } })); }));
print(throwsType(function () { Object.getPrototypeOf(new Proxy({}, { getPrototypeOf: function () { return 1; } })); }));
print(throwsType(function () { new (new Proxy(function () {}, { construct: function () { return 1; } }))(); }));
print(throwsType(function () { new Proxy(1, {}); }), throwsType(function () { Proxy({}, {}); }));

var fn = new Proxy(function (a, b) { return a + b; }, {
    apply: function (t, thisArg, args) { return t.apply(thisArg, args) * 10; }
});
print(fn(1, 2), typeof fn, typeof new Proxy({}, {}), Array.isArray(new Proxy([], {})));
var C = new Proxy(function (v) { this.v = v; }, {});
print(new C(7).v, Object.prototype.toString.call(new Proxy([], {})));

var r = Proxy.revocable({}, {});
r.revoke();
r.revoke();
print(throwsType(function () { r.proxy.x; }), throwsType(function () { Array.isArray(r.proxy); }));
print(r.revoke.length, JSON.stringify(r.revoke.name), Object.keys(r).join());

// A proxy on the prototype chain sees gets and sets that miss the object.
var seen = [];
var base = Object.create(new Proxy({}, {
    get: function (t, k, recv) { seen.push("get " + String(k)); return 5; },
    set: function (t, k, v, recv) { seen.push("set " + String(k)); return Reflect.set(t, k, v, recv); }
}));
base.own = 1;
print(base.own, base.missing, seen.join());

// Deep proxy chains end in a RangeError, not a crash.
var deep = {};
for (var i = 0; i < 100000; i++) deep = new Proxy(deep, {});
try { deep.x; print("no error"); } catch (e) { print(e instanceof RangeError); }
