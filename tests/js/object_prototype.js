// Object.prototype methods, including Annex B.
function show(label, v) { print(label + ": " + v); }
var ts = Object.prototype.toString;
show("toString undefined", ts.call(undefined));
show("toString null", ts.call(null));
show("toString []", ts.call([]));
show("toString fn", ts.call(function () {}));
show("toString err", ts.call(new TypeError("x")));
show("toString bool", ts.call(true) + " " + ts.call(new Boolean(false)));
show("toString num", ts.call(1));
show("toString str", ts.call(""));
show("toString args", (function () { return ts.call(arguments); })());
show("toString obj", ts.call({}));
show("toString sym", ts.call(Symbol()));
var tagged = {};
tagged[Symbol.toStringTag] = "Custom";
show("toString tag", ts.call(tagged));
var nontag = [];
nontag[Symbol.toStringTag] = 5;
show("toString nonstring tag", ts.call(nontag));
show("toString Reflect", ts.call(Reflect));
show("String({})", String({}));

show("hasOwnProperty", ({ a: 1 }).hasOwnProperty("a") + " " + ({}).hasOwnProperty("toString"));
try { Object.prototype.hasOwnProperty.call(null, "a"); } catch (e) { show("hasOwnProperty null", e.name); }
var keyOrder = [];
try {
    Object.prototype.hasOwnProperty.call(undefined, { toString: function () { keyOrder.push("key"); return "a"; } });
} catch (e) { keyOrder.push(e.name); }
show("hasOwnProperty order", keyOrder.join(","));

var base = {};
var derived = Object.create(base);
show("isPrototypeOf", base.isPrototypeOf(derived) + " " + derived.isPrototypeOf(base) + " " + Object.prototype.isPrototypeOf(derived));
show("isPrototypeOf prim", Object.prototype.isPrototypeOf.call(null, 1));

var pe = { a: 1 };
Object.defineProperty(pe, "b", { value: 1, enumerable: false });
show("propertyIsEnumerable", pe.propertyIsEnumerable("a") + " " + pe.propertyIsEnumerable("b") + " " + pe.propertyIsEnumerable("c"));
show("propertyIsEnumerable arr", [1].propertyIsEnumerable(0) + " " + [1].propertyIsEnumerable("length"));

show("toLocaleString", ({ toString: function () { return "TS"; } }).toLocaleString());
var vo = {};
show("valueOf", vo.valueOf() === vo);
show("valueOf prim", typeof Object.prototype.valueOf.call(3));
try { Object.prototype.valueOf.call(undefined); } catch (e) { show("valueOf undefined", e.name); }

var pp = {};
show("__proto__ get", pp.__proto__ === Object.prototype);
pp.__proto__ = Array.prototype;
show("__proto__ set", Array.isArray(pp) + " " + (pp instanceof Array));
pp.__proto__ = 5;
show("__proto__ set prim ignored", pp instanceof Array);
var protoDesc = Object.getOwnPropertyDescriptor(Object.prototype, "__proto__");
show("__proto__ desc", typeof protoDesc.get + " " + typeof protoDesc.set + " " + protoDesc.enumerable + " " + protoDesc.configurable);
show("__proto__ names", protoDesc.get.name + "|" + protoDesc.set.name);
show("__proto__ on prim", (1).__proto__ === Number.prototype);
var np = Object.create(null);
show("no __proto__ on null-proto", np.__proto__);

var acc = {};
acc.__defineGetter__("x", function () { return 42; });
acc.__defineSetter__("x", function (v) { this.stored = v; });
acc.x = 7;
show("__defineGetter__", acc.x + " " + acc.stored);
var accDesc = Object.getOwnPropertyDescriptor(acc, "x");
show("__define desc", accDesc.enumerable + " " + accDesc.configurable);
show("__lookupGetter__", acc.__lookupGetter__("x")() + " " + typeof acc.__lookupSetter__("x"));
var child = Object.create(acc);
show("__lookupGetter__ inherited", typeof child.__lookupGetter__("x"));
show("__lookupGetter__ data", ({ y: 1 }).__lookupGetter__("y"));
show("__lookupSetter__ missing", ({}).__lookupSetter__("nope"));
try { ({}).__defineGetter__("x", 1); } catch (e) { show("__defineGetter__ bad", e.name); }

show("lengths", [Object.prototype.hasOwnProperty.length, Object.prototype.__defineGetter__.length,
    Object.prototype.__lookupGetter__.length, Object.prototype.toString.length].join(","));
show("proto of Object.prototype", Object.getPrototypeOf(Object.prototype));
