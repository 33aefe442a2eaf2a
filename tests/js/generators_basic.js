// Generators: next/return/throw, states, finally, yield*, arguments.
function* count(n) {
    for (let i = 0; i < n; i++) yield i;
    return "end";
}
var g = count(3);
var r;
var out = [];
while (!(r = g.next()).done) out.push(r.value);
print(out.join(","), r.value, JSON.stringify(g.next()));

// sent values
function* echo() {
    var x = yield 1;
    var y = yield x + 1;
    return x + y;
}
g = echo();
print(g.next("ignored").value, g.next(10).value, JSON.stringify(g.next(5)));

// return() runs finally blocks, and a yield inside finally suspends again
function* fin() {
    try {
        yield 1;
        yield 2;
    } finally {
        print("cleanup");
        yield "in finally";
    }
}
g = fin();
print(JSON.stringify(g.next()));
print(JSON.stringify(g.return(42)));
print(JSON.stringify(g.next()));
print(JSON.stringify(g.next()));

// throw() caught inside
function* catcher() {
    while (true) {
        try {
            yield "waiting";
        } catch (e) {
            print("caught", e);
        }
    }
}
g = catcher();
g.next();
print(JSON.stringify(g.throw("boom")));

// throw at start completes the generator
g = count(2);
try { g.throw(new Error("early")); } catch (e) { print("rethrown", e.message); }
print(JSON.stringify(g.next()));

// re-entry is a TypeError
var self;
function* reenter() { try { self.next(); } catch (e) { yield e.constructor.name; } }
self = reenter();
print(self.next().value);

// yield* delegation
function* inner() { var a = yield "i1"; print("inner got", a); return "inner-done"; }
function* outer() { var v = yield* inner(); print("delegate result", v); yield* [7, 8]; }
g = outer();
print(JSON.stringify(g.next()), JSON.stringify(g.next("A")), JSON.stringify(g.next()), JSON.stringify(g.next()), JSON.stringify(g.next()));

// yield* forwards return()
var log = [];
var it = {
    [Symbol.iterator]() { return this; },
    next() { return { value: "n", done: false }; },
    return(v) { log.push("return " + v); return { value: "r", done: true }; },
};
function* del() { try { yield* it; } finally { log.push("outer finally"); } }
g = del();
g.next();
print(JSON.stringify(g.return("x")), log.join("; "));

// spread, for-of, destructuring of generators
function* abc() { yield "a"; yield "b"; yield "c"; }
print([...abc()].join(""), Array.from(abc()).length);
var [p, q] = abc();
print(p, q);
for (var ch of abc()) { if (ch == "b") break; print("loop", ch); }

// prototype chain and toStringTag
var GeneratorFunction = Object.getPrototypeOf(function* () {}).constructor;
print(GeneratorFunction.name, Object.prototype.toString.call(count(1)));
print(Object.getPrototypeOf(count(1)) === count.prototype, count.prototype.constructor === undefined);
var dyn = new GeneratorFunction("a", "yield a; yield a * 2;");
print([...dyn(21)].join(","));

// methods and arguments
var o = { *gen() { yield arguments.length; yield this === o; } };
print([...o.gen(1, 2, 3)].join(","));
class K { static *s() { yield* [1, 2]; } }
print([...K.s()].join(","));
try { new count(1); } catch (e) { print(e.constructor.name); }
