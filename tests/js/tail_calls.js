"use strict";
// gc-stress-every: 100
// Proper tail calls in strict code (#sec-isintailposition, #sec-preparefortailcall):
// a call in tail position replaces the running frame, so each recursion
// below, 100000 deep (beyond the 10000-frame stack), runs in constant stack.
// node lacks proper tail calls: the .expected file was written by hand
// from what the specification requires.
var N = 100000;

function count(n, acc) {
    if (n === 0) return acc;
    return count(n - 1, acc + 1);
}
console.log("direct", count(N, 0));

var isEven = (n) => (n === 0 ? true : isOdd(n - 1));
var isOdd = (n) => (n === 0 ? false : isEven(n - 1));
console.log("mutual arrows", isEven(N), isOdd(N));

function operators(n) {
    if (n === 0) return "operators";
    switch (n % 4) {
    case 0: return (0, operators(n - 1));
    case 1: return n > 0 && operators(n - 1);
    case 2: return null ?? operators(n - 1);
    default: return false || operators(n - 1);
    }
}
console.log(operators(N));

function statements(n) {
    if (n === 0) return "statements";
    label: {
        for (var k in {a: 1}) {
            while (true) {
                do {
                    try {
                        throw n;
                    } catch (e) {
                        return statements(e - 1);
                    }
                } while (false);
            }
        }
    }
}
console.log(statements(N));

function viaFinally(n) {
    try {
        if (n === 0) return "finally";
    } finally {
        if (n > 0) return viaFinally(n - 1);
    }
}
console.log(viaFinally(N));

var obj = {
    name: "method",
    m(n) { return n === 0 ? this.name : this.m(n - 1); },
};
console.log(obj.m(N));

function tag(strings, n) { return n === 0 ? strings.raw[0] : tag`tagged${n - 1}`; }
console.log(tag`tagged${N}`);

// Arguments beyond the parameters and a growing argument count survive the
// frame replacement.
function grow() {
    var n = arguments[0];
    if (n === 0) return arguments.length;
    var a = Array.prototype.slice.call(arguments);
    a[0] = n - 1;
    return n % 2 ? grow(a[0], 1, 2, 3) : grow(a[0]);
}
console.log("arguments", grow(N));

// Not tail calls: the stack still overflows with a RangeError.
function inTry(n) {
    try {
        return n === 0 ? 0 : inTry(n - 1);
    } catch (e) {
        throw e;
    }
}
try { inTry(N); } catch (e) { console.log("try block", e.name); }
function notLast(n) { return n === 0 ? 0 : 1 + notLast(n - 1); }
try { notLast(N); } catch (e) { console.log("addition", e.name); }
function* gen(n) { return n; }
function ofLoop(n) { for (var x of gen(0)) {} for (var y of [1]) return n === 0 ? 0 : ofLoop(n - 1); }
try { ofLoop(N); } catch (e) { console.log("for-of", e.name); }

// A constructor call keeps its [[Construct]] result rule.
function Made() { return make(); }
function make() { return 5; }
console.log("construct", typeof new Made());

// Natives and bound functions are called the ordinary way.
function viaNative(n) { return n === 0 ? "native" : Reflect.apply(viaNative, null, [n - 1]); }
console.log(viaNative(50));
var bound = count.bind(null);
function viaBound(n) { return bound(n, 0); }
console.log("bound", viaBound(50));
