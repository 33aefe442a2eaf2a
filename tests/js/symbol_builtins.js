// Symbol, Symbol.for/keyFor, Symbol.prototype.
function show(label, v) { print(label + ": " + v); }
var s = Symbol("desc");
show("typeof", typeof s + " " + s.toString() + " " + s.description);
show("no desc", Symbol().toString() + " " + Symbol().description + " " + Symbol(undefined).description);
show("empty desc", "'" + Symbol("").description + "' " + Symbol(null).description + " " + Symbol(1).description);
show("unique", Symbol("a") === Symbol("a"));
try { new Symbol(); } catch (e) { show("new Symbol", e.name); }
show("Symbol.length", Symbol.length + " " + Symbol.name);
var r1 = Symbol.for("app"), r2 = Symbol.for("app");
show("for", (r1 === r2) + " " + Symbol.keyFor(r1) + " " + Symbol.keyFor(s) + " " + r1.description);
show("for ToString", Symbol.for(undefined) === Symbol.for("undefined"));
show("for index-like", Symbol.for("0") === Symbol.for(0));
try { Symbol.keyFor("app"); } catch (e) { show("keyFor non-symbol", e.name); }
show("well-known", typeof Symbol.iterator + " " + Symbol.iterator.toString() + " " + Symbol.asyncIterator.description);
var wk = Object.getOwnPropertyDescriptor(Symbol, "iterator");
show("well-known desc", wk.writable + " " + wk.enumerable + " " + wk.configurable);
show("keyFor well-known", Symbol.keyFor(Symbol.iterator));
var names = ["asyncIterator", "hasInstance", "isConcatSpreadable", "iterator", "match", "matchAll", "replace",
    "search", "species", "split", "toPrimitive", "toStringTag", "unscopables"];
show("all well-known", names.every(function (n) { return typeof Symbol[n] === "symbol" && Symbol[n].description === "Symbol." + n; }));
var w = Object(s);
show("wrapper", typeof w + " " + (w.valueOf() === s) + " " + w.toString() + " " + w.description + " " + (w[Symbol.toPrimitive]() === s));
show("toStringTag", s[Symbol.toStringTag] + " " + Object.prototype.toString.call(w));
try { Symbol.prototype.valueOf.call({}); } catch (e) { show("valueOf bad this", e.name); }
try { Symbol.prototype.toString.call("x"); } catch (e) { show("toString bad this", e.name); }
try { Object.getOwnPropertyDescriptor(Symbol.prototype, "description").get.call(1); } catch (e) { show("description bad this", e.name); }
var tp = Object.getOwnPropertyDescriptor(Symbol.prototype, Symbol.toPrimitive);
show("toPrimitive desc", tp.writable + " " + tp.enumerable + " " + tp.configurable + " " + tp.value.name + " " + tp.value.length);
var dd = Object.getOwnPropertyDescriptor(Symbol.prototype, "description");
show("description desc", typeof dd.get + " " + dd.set + " " + dd.get.name);
try { s + ""; } catch (e) { show("implicit string", e.name); }
show("String(sym)", String(s));
var o = {};
o[s] = 1;
show("as key", o[s] + " " + Object.getOwnPropertySymbols(o).length);
