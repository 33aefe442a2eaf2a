// Math.
function show(label, v) { print(label + ": " + v); }
function s(x) { return Object.is(x, -0) ? "-0" : String(x); }
show("tag", Object.prototype.toString.call(Math) + " " + typeof Math);
show("consts", [Math.E, Math.LN10, Math.LN2, Math.LOG10E, Math.LOG2E, Math.PI, Math.SQRT1_2, Math.SQRT2].join(","));
var d = Object.getOwnPropertyDescriptor(Math, "PI");
show("PI attrs", d.writable + " " + d.enumerable + " " + d.configurable);
show("abs", [Math.abs(-3), s(Math.abs(-0)), Math.abs("-2"), Math.abs(NaN)].join(","));
show("round", [Math.round(2.5), Math.round(-2.5), s(Math.round(-0.5)), s(Math.round(-0.2)), Math.round(0.49999999999999994), Math.round(4503599627370495.5), Math.round(-4503599627370495.5), Math.round(1.5), s(Math.round(0.2)), Math.round(9007199254740991)].join(","));
show("floor/ceil/trunc", [Math.floor(-1.5), s(Math.ceil(-0.5)), Math.trunc(-1.7), s(Math.trunc(-0.3)), Math.floor(Infinity)].join(","));
show("sign", [Math.sign(-5), Math.sign(3), s(Math.sign(-0)), Math.sign(NaN)].join(","));
show("max/min", [Math.max(), Math.min(), Math.max(1, 3, 2), Math.min(1, 3, 2), s(Math.max(-0, 0)), s(Math.min(0, -0)), s(Math.max(0, -0)), s(Math.min(-0, 0)), Math.max(1, NaN, 3)].join(","));
var log = [];
var a = { valueOf: function () { log.push("a"); return NaN; } };
var b = { valueOf: function () { log.push("b"); return 1; } };
Math.max(a, b); Math.min(a, b);
show("max coerces all", log.join(""));
show("pow", [Math.pow(2, 10), Math.pow(1, Infinity), Math.pow(-1, -Infinity), Math.pow(NaN, 0), Math.pow(1, NaN), Math.pow(2, -1074), s(Math.pow(-0, 3)), Math.pow(-0, -3), Math.pow(-8, 1/3)].join(","));
show("hypot", [Math.hypot(), Math.hypot(3, 4), Math.hypot(NaN, Infinity), Math.hypot(-3), s(Math.hypot(-0)), Math.hypot(1, 2, 2), Math.hypot(1e200, 1e200) > 1e200].join(","));
log = [];
var c = { valueOf: function () { log.push("c"); return Infinity; } };
var e = { valueOf: function () { log.push("e"); return NaN; } };
show("hypot order", Math.hypot(e, c) + " " + log.join(""));
show("clz32", [Math.clz32(0), Math.clz32(1), Math.clz32(-1), Math.clz32(0x80000000), Math.clz32(3.7)].join(","));
show("imul", [Math.imul(2, 4), Math.imul(-1, 8), Math.imul(0xffffffff, 5), Math.imul(0x7fffffff, 0x7fffffff)].join(","));
show("fround", [Math.fround(5.5), Math.fround(5.05), Math.fround(2 ** 128), Math.fround(1e-50)].join(","));
show("f16round", [Math.f16round(5.5), Math.f16round(5.05), Math.f16round(65504), Math.f16round(65519.99), Math.f16round(65520), Math.f16round(2 ** -24), Math.f16round(2 ** -25), Math.f16round(2 ** -25 * 1.0000001), s(Math.f16round(-1e-10)), Math.f16round(1.00048828125), Math.f16round(1.00146484375)].join(","));
show("exp/log", [Math.exp(0), Math.log(1), Math.log2(8), Math.log10(1000), Math.log1p(0), Math.expm1(0), Math.cbrt(27), Math.sqrt(16), Math.log(-1)].join(","));
show("trig", [Math.sin(0), Math.cos(0), Math.tan(0), Math.atan2(1, 1) === Math.PI / 4, Math.atan2(0, -0) === Math.PI, Math.asin(1) === Math.PI / 2, Math.acosh(1), Math.asinh(0), Math.atanh(0), Math.sinh(0), Math.cosh(0), Math.tanh(Infinity)].join(","));
var r = Math.random(), ok = true;
for (var i = 0; i < 1000; i++) { var x = Math.random(); if (!(x >= 0 && x < 1)) ok = false; }
show("random", ok + " " + (typeof r) + " " + (Math.random() !== Math.random()));
show("lengths", [Math.max.length, Math.min.length, Math.hypot.length, Math.abs.length, Math.atan2.length, Math.random.length, Math.f16round.length].join(","));
show("names", Math.abs.name + " " + Math.f16round.name);
