function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
print(fib(20));
function counter() {
    var c = 0;
    return function () { return ++c; };
}
var c1 = counter(), c2 = counter();
print(c1(), c1(), c1(), c2());
function sum() {
    var t = 0;
    for (var i = 0; i < arguments.length; i++) t += arguments[i];
    return t;
}
print(sum(1, 2, 3, 4), sum(), typeof arguments);
function mapped(a, b) { arguments[0] = 10; b = 20; return [a, arguments[1]]; }
print(String(mapped(1, 2)));
function unmapped(a, b) { "use strict"; arguments[0] = 10; b = 20; return [a, arguments[1]]; }
print(String(unmapped(1, 2)));
var f = function () {};
var g = function named() { return typeof named; };
print(f.name, g.name, g(), typeof named);
print(fib.length, sum.length, mapped.length);
function thisTest() { return this; }
print(thisTest() === this, thisTest.call(5) instanceof Number);
function strictThis() { "use strict"; return this; }
print(strictThis(), strictThis.call(5));
var o = { x: 1, get y() { return this.x + 1; }, set y(v) { this.x = v; }, m: function () { return this.x; } };
print(o.x, o.y, o.m());
o.y = 10;
print(o.x, o.y);
function Point(x, y) { this.x = x; this.y = y; }
Point.prototype.norm = function () { return Math.sqrt(this.x * this.x + this.y * this.y); };
var p = new Point(3, 4);
print(p.norm(), p instanceof Point, p.constructor === Point, Object.getPrototypeOf(p) === Point.prototype);
function Ret() { return { z: 1 }; }
print(new Ret().z);
var closures = [];
for (var k = 0; k < 3; k++) closures.push(function () { return k; });
print(closures[0](), closures[2]());
(function () {
    var inner = 1;
    function hoisted() { return inner + later; }
    var later = 2;
    print(hoisted());
})();
print((function (a, b, c) { return a + b + c; }).apply(null, [1, 2, 3]));
print(function () { return 1 }.call());
var bound = function (a, b) { return this.v + a + b; }.bind({ v: 1 }, 2);
print(bound(3));
function rec(n) { return n === 0 ? 0 : 1 + rec(n - 1); }
print(rec(5000));
