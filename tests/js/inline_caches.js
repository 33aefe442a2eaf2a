// mica-flags: --expose-gc
// Inline caches of property reads and writes (vm/prop_cache.h): every
// change that must make a cached prototype-chain read, a cached property
// addition or a cached literal shape miss, exercised through the same
// access sites after they were warmed up.
var out = typeof print === 'function' ? print : console.log;

function get(o) { return o.m; }
function warm(f, o) { for (var i = 0; i < 3; i++) f(o); return f(o); }

// Reads found on a prototype.
function P() {}
P.prototype.m = 'proto';
var a = new P();
out(warm(get, a));
P.prototype.m = 'changed value';                     // value change: read live
out(get(a));
a.m = 'own';                                         // shadowed on the receiver
out(get(a), get(new P()));
var mid = Object.create(P.prototype), c = Object.create(mid);
out(warm(get, c));
mid.m = 'mid';                                       // shadowed mid-chain
out(get(c));
delete mid.m;
out(get(c));
Object.setPrototypeOf(mid, { m: 'swapped' });        // chain relinked above
out(get(c));
Object.setPrototypeOf(c, P.prototype);               // receiver relinked
out(get(c));
c.__proto__ = { m: 'via __proto__' };
out(get(c));
Object.defineProperty(P.prototype, 'm', { get: function () { return 'getter'; }, configurable: true });
out(get(new P()));
delete P.prototype.m;
out(get(new P()));
P.prototype.m = 'back';
out(warm(get, new P()));
for (var i = 0; i < 100; i++) P.prototype['x' + i] = i; // prototype goes to dictionary mode
out(get(new P()), new P().x99);
delete P.prototype.x5;
out(get(new P()));
Object.freeze(P.prototype);
out(get(new P()));

// The receiver's class: an Array and a plain object with one shape and one
// prototype differ on "length".
function len(o) { return o.length; }
var lp = { length: 'from prototype' };
var plain = Object.create(lp), arr = Object.setPrototypeOf([1, 2, 3], lp);
out(warm(len, plain), len(arr), len([]), len('abcd'), len({ length: 5 }));
var args = (function () { return arguments; })(1, 2);
out(len(args));

// Proxies on the chain are never cached past.
var proxied = Object.create(new Proxy({ m: 'target' }, {
    get: function (t, k, r) { return k === 'm' ? 'trap' : t[k]; }
}));
out(warm(get, proxied));

// Additions: this.x = v in constructors and on fresh objects.
function add(o, v) { o.x = v; o.y = v + 1; return o; }
for (var i = 0; i < 3; i++) add({}, i);
out(JSON.stringify(add({}, 10)));
var setterLog = [];
Object.defineProperty(Object.prototype, 'y', {
    set: function (v) { setterLog.push(v); }, configurable: true
});
out(JSON.stringify(add({}, 20)), setterLog.join());
delete Object.prototype.y;
Object.defineProperty(Object.prototype, 'x', { value: 'ro', writable: false, configurable: true });
out(JSON.stringify(add({}, 30)));
try { (function () { 'use strict'; var o = {}; o.x = 1; })(); } catch (e) { out(e.constructor.name); }
delete Object.prototype.x;
out(JSON.stringify(add({}, 40)));
out(JSON.stringify(add(Object.preventExtensions({}), 50)));
var sealed = Object.seal({});
try { (function () { 'use strict'; sealed.x = 1; })(); } catch (e) { out(e.constructor.name); }

// Adding to an object that is itself a prototype must be seen below it.
var base = {}, derived = Object.create(base);
out(warm(function (o) { return o.x; }, derived));
add(base, 60);
out(derived.x, derived.y);

// Slot growth through cached additions.
function grow(o) {
    o.p0 = 0; o.p1 = 1; o.p2 = 2; o.p3 = 3; o.p4 = 4; o.p5 = 5; o.p6 = 6; o.p7 = 7;
    o.p8 = 8; o.p9 = 9; o.p10 = 10; o.p11 = 11; o.p12 = 12; o.p13 = 13; o.p14 = 14;
    o.p15 = 15; o.p16 = 16; return o;
}
var g;
for (var i = 0; i < 4; i++) g = grow({ first: i });
out(Object.keys(g).length, g.first, g.p16, g.p8);

// Object literals: cached shapes, duplicate keys, accessors, __proto__.
function lit(v) { return { a: v, b: v, a: v + 1, get c() { return 'c'; }, __proto__: null }; }
for (var i = 0; i < 3; i++) lit(i);
var l = lit(7);
out(JSON.stringify(l), Object.getPrototypeOf(l), Object.keys(l).join());
function lit2(v) { return { x: v, y: v, z: v, w: v, u: v, t: v }; }
for (var i = 0; i < 3; i++) lit2(i);
out(JSON.stringify(lit2('k')));

// Closures share the shape of "length" and "name".
function mk() { 'use strict'; return function named(p, q) {}; }
var f1 = mk(), f2 = mk();
out(f1.length, f2.name, Object.getOwnPropertyNames(f2).join(), f1.prototype !== f2.prototype);

// instanceof
function I() {}
var inst = new I();
out(inst instanceof I, {} instanceof I, inst instanceof Object);
Object.defineProperty(I, Symbol.hasInstance, { value: function () { return 'custom'; } });
out(inst instanceof I, ({}) instanceof I);

// Loose equality of objects, null and undefined.
var o1 = {}, o2 = {};
out(o1 == o1, o1 == o2, o1 != null, null == undefined, undefined != null, o1 == 'x');

// Caches hold prototypes weakly: the prototype of a dropped class is
// collected although a warmed-up site read through it, and the site still
// reads correctly afterwards.
var weak;
(function () {
    function Gone() {}
    Gone.prototype.m = 'gone';
    warm(get, new Gone());
    weak = new WeakRef(Gone.prototype);
})();
setTimeout(function () {
    gc();
    out(weak.deref() === undefined, get(new P()), get({ m: 'own again' }));
}, 0);
