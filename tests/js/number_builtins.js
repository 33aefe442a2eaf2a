// Number constructor, statics, and Number.prototype conversions.
function show(label, v) { print(label + ": " + v); }
show("call", [Number(), Number("  12  "), Number("0x1f"), Number("1e3"), Number(undefined), Number(null), Number(true), Number("")].join(","));
var n = new Number(42);
show("new", typeof n + " " + n.valueOf() + " " + (n + 1));
show("proto", Number.prototype.valueOf() + " " + Object.prototype.toString.call(Number.prototype));
show("consts", [Number.EPSILON === Math.pow(2, -52), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE, Number.NaN, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY].join(","));
var d = Object.getOwnPropertyDescriptor(Number, "MAX_VALUE");
show("const attrs", d.writable + " " + d.enumerable + " " + d.configurable);
show("isFinite", [Number.isFinite(1), Number.isFinite("1"), Number.isFinite(Infinity), Number.isFinite(NaN)].join(","));
show("isInteger", [Number.isInteger(1), Number.isInteger(1.5), Number.isInteger("1"), Number.isInteger(-0), Number.isInteger(Infinity)].join(","));
show("isNaN", [Number.isNaN(NaN), Number.isNaN("NaN"), Number.isNaN(1)].join(","));
show("isSafeInteger", [Number.isSafeInteger(9007199254740991), Number.isSafeInteger(9007199254740992), Number.isSafeInteger(-9007199254740991), Number.isSafeInteger(1.5)].join(","));
show("parse same", (Number.parseInt === parseInt) + " " + (Number.parseFloat === parseFloat));
show("parseInt", [parseInt("  42abc"), parseInt("-0x1F"), parseInt("0x1F", 10), parseInt("z", 36), parseInt("11", 2), parseInt(""), parseInt("12", 1), parseInt("12", 37), 1 / parseInt("-0"), parseInt("123456789012345678901234567890")].join(","));
show("parseFloat", [parseFloat("3.14abc"), parseFloat("  -.5e1x"), parseFloat("Infinityx"), parseFloat("-Infinity"), parseFloat("1e"), parseFloat("."), parseFloat("1.e2"), 1 / parseFloat("-0"), parseFloat("0.1e-400"), parseFloat("\u00a0 7")].join(","));
show("toString", [(255).toString(16), (255).toString(2), (-255).toString(36), (0.5).toString(2), (1e21).toString(), (123.456).toString(), (-0).toString(), NaN.toString(16)].join(","));
show("toString radix 10", (1.1).toString(10) + " " + (3).toString(undefined));
try { (1).toString(1); } catch (e) { show("toString bad radix", e.name); }
try { (1).toString(37); } catch (e) { show("toString bad radix2", e.name); }
show("toFixed", [(1.005).toFixed(2), (1.45).toFixed(1), (0).toFixed(2), (-1.5).toFixed(0), (1e21).toFixed(2), (123.456).toFixed(10), (0.000001).toFixed(7), NaN.toFixed(2), (2.5).toFixed()].join(","));
try { (1).toFixed(101); } catch (e) { show("toFixed range", e.name); }
try { (1).toFixed(Infinity); } catch (e) { show("toFixed inf", e.name); }
show("toExponential", [(123456).toExponential(2), (0).toExponential(), (1.5).toExponential(), (-0.00015).toExponential(1), Infinity.toExponential(1000), (123).toExponential(0)].join(","));
try { (1).toExponential(-1); } catch (e) { show("toExponential range", e.name); }
show("toPrecision", [(123.456).toPrecision(4), (0.000123).toPrecision(2), (123456).toPrecision(2), (1).toPrecision(), NaN.toPrecision(1000), (1e21).toPrecision(3), (0).toPrecision(3)].join(","));
try { (1).toPrecision(0); } catch (e) { show("toPrecision range", e.name); }
try { Number.prototype.toFixed.call("1", 1); } catch (e) { show("this check", e.name); }
show("toLocaleString", (12.5).toLocaleString());
// order: thisNumberValue before argument coercion
var log = [];
try { Number.prototype.toFixed.call({}, { valueOf: function () { log.push("arg"); return 1; } }); } catch (e) { log.push(e.name); }
show("order", log.join(","));
function N() {}
N.prototype = Object.create(Number.prototype);
var sub = Reflect.construct(Number, [7], N);
show("subclass", (sub instanceof N) + " " + sub.valueOf() + " " + sub.toFixed(1));
show("lengths", [Number.length, Number.prototype.toString.length, Number.prototype.toFixed.length, parseInt.length, parseFloat.length].join(","));
