// String constructor, access, searching, substrings.
function show(label, v) { print(label + ": " + v); }
show("call", [String(), String(12), String(null), String(undefined), String(Symbol("d")), String(Symbol()), String(-0)].join("|"));
try { new String(Symbol()); } catch (e) { show("new sym", e.name); }
var o = new String("abc");
show("new", typeof o + " " + o.length + " " + o[1] + " " + Object.keys(o).join("") + " " + (o == "abc"));
show("proto", JSON.stringify(String.prototype.valueOf()) + " " + String.prototype.length + " " + Object.prototype.toString.call(String.prototype));
function S() {}
S.prototype = Object.create(String.prototype);
S.prototype.hi = function () { return "hi " + this; };
var sub = Reflect.construct(String, ["x"], S);
show("subclass", (sub instanceof S) + " " + sub.hi() + " " + sub.length);
show("fromCharCode", String.fromCharCode(72, 105, 0x10041, -1).length + " " + String.fromCharCode(72, 105) + " " + String.fromCharCode());
show("fromCodePoint", String.fromCodePoint(72, 0x1F600, 105).length + " " + String.fromCodePoint(97, 98));
try { String.fromCodePoint(1.5); } catch (e) { show("fromCodePoint frac", e.name); }
try { String.fromCodePoint(0x110000); } catch (e) { show("fromCodePoint big", e.name); }
try { String.fromCodePoint(-1); } catch (e) { show("fromCodePoint neg", e.name); }
show("raw", String.raw({ raw: ["a\\n", "b", "c"] }, 1, 2) + " " + String.raw({ raw: ["x", "y", "z"] }, 1) + " " + String.raw({ raw: { length: 0 } }) + " " + String.raw({ raw: "abc" }, "-", "+", "*"));
var s = "hello world";
show("at", [s.at(0), s.at(-1), s.at(100), s.at(-100), s.at("1"), s.at(NaN)].join(","));
show("charAt", [s.charAt(1), s.charAt(-1), s.charAt(11), s.charAt(1.9)].join("|"));
show("charCodeAt", [s.charCodeAt(0), s.charCodeAt(99), "\uD83D\uDE00".charCodeAt(1)].join(","));
show("codePointAt", ["\uD83D\uDE00".codePointAt(0), "\uD83D\uDE00".codePointAt(1), "\uD83Dx".codePointAt(0), s.codePointAt(20)].join(","));
show("concat", "a".concat("b", 1, null, undefined) + " " + "x".concat());
show("indexOf", [s.indexOf("o"), s.indexOf("o", 5), s.indexOf("z"), s.indexOf(""), s.indexOf("", 100), s.indexOf("world", -5), "aaa".indexOf("aa", 1)].join(","));
show("lastIndexOf", [s.lastIndexOf("o"), s.lastIndexOf("o", 5), s.lastIndexOf("o", -1), s.lastIndexOf(""), s.lastIndexOf("", 3), s.lastIndexOf("hello", NaN), "aaa".lastIndexOf("aa"), "ab".lastIndexOf("abc")].join(","));
show("includes", [s.includes("wor"), s.includes("wor", 7), s.includes(""), s.includes("o", -10)].join(","));
show("startsWith", [s.startsWith("hell"), s.startsWith("world", 6), s.startsWith(""), s.startsWith("h", 1), s.startsWith("d", Infinity)].join(","));
show("endsWith", [s.endsWith("world"), s.endsWith("hello", 5), s.endsWith(""), s.endsWith("o", 100), s.endsWith("h", -1)].join(","));
try { s.includes({ [Symbol.match]: 1 }); } catch (e) { show("includes regexp", e.name); }
var re = { [Symbol.match]: false, toString: function () { return "wor"; } };
show("includes fake", s.includes(re));
show("slice", [s.slice(0, 5), s.slice(-5), s.slice(3, 1), s.slice(-100, 2), s.slice(2, -3)].join("|"));
show("substring", [s.substring(0, 5), s.substring(5, 0), s.substring(-3, 2), s.substring(6), s.substring(NaN, 3)].join("|"));
show("substr", [s.substr(0, 5), s.substr(-5), s.substr(-5, 2), s.substr(3, -1), s.substr(20), s.substr(1, Infinity)].join("|"));
show("localeCompare", ["a".localeCompare("b"), "b".localeCompare("a"), "a".localeCompare("a")].join(","));
show("toString", "x".toString() + new String("y").toString() + new String("z").valueOf());
try { String.prototype.toString.call({}); } catch (e) { show("toString bad", e.name); }
try { String.prototype.trim.call(null); } catch (e) { show("null this", e.name); }
try { String.prototype.at.call(undefined); } catch (e) { show("undef this", e.name); }
show("generic", String.prototype.slice.call(12345, 1, 3) + " " + String.prototype.toUpperCase.call(true));
show("iterator", [..."a\uD83D\uDE00b\uD83D"].map(function (c) { return c.length; }).join(","));
var it = "ab"[Symbol.iterator]();
show("iter proto", Object.prototype.toString.call(it) + " " + (Object.getPrototypeOf(Object.getPrototypeOf(it)) === Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()))));
var r1 = it.next(), r2 = it.next(), r3 = it.next(), r4 = it.next();
show("iter next", [r1.value, r1.done, r2.value, r2.done, r3.value, r3.done, r4.done].join(","));
try { it.next.call({}); } catch (e) { show("iter bad", e.name); }
show("lengths", [String.length, String.fromCharCode.length, String.raw.length, "".at.length, "".concat.length, "".slice.length, "".padStart.length, "".replace.length, "".split.length, "".normalize.length, "".substr.length].join(","));
show("names", [String.prototype[Symbol.iterator].name, "".trimLeft.name, "".trimRight.name].join(","));
show("aliases", ("".trimLeft === "".trimStart) + " " + ("".trimRight === "".trimEnd));
