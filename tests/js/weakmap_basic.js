// mica-flags: --expose-gc
// gc-stress-every: 10  (20000-entry tables: the ephemeron pass makes every collection slow)
// WeakMap / WeakSet: keys that can be held weakly, ephemeron semantics under gc().
function err(f) { try { f(); return 'no error'; } catch (e) { return e.constructor.name; } }
var wm = new WeakMap(), k1 = {}, k2 = function () {}, sym = Symbol('local');
wm.set(k1, 'one').set(k2, 'two').set(sym, 'sym');
print(wm.get(k1), wm.get(k2), wm.get(sym), wm.has({}), wm.get(Symbol('local')));
print(err(function () { wm.set(1, 1); }), err(function () { wm.set('s', 1); }),
      err(function () { wm.set(Symbol.for('reg'), 1); }), err(function () { wm.set(null, 1); }));
print(wm.get(1), wm.has(Symbol.for('reg')), wm.delete('x'), wm.delete(k2), wm.has(k2));
wm.set(Symbol.iterator, 'well-known');
print(wm.get(Symbol.iterator));
var ws = new WeakSet([k1, sym]);
print(ws.has(k1), ws.has(sym), ws.has(k2), err(function () { ws.add(Symbol.for('r')); }), ws.delete(k1), ws.has(k1));
print(err(function () { WeakMap(); }), err(function () { WeakMap.prototype.get.call(new Map(), k1); }),
      err(function () { new WeakSet([1]); }), Object.prototype.toString.call(wm), 'clear' in wm);

// values live as long as their keys: a chain through values survives gc
var head = { id: 0 }, chain = new WeakMap(), node = head;
for (var i = 1; i <= 1000; i++) { var next = { id: i }; chain.set(node, next); node = next; }
node = next = null;
gc();
var n = head, count = 0;
while (chain.has(n)) { n = chain.get(n); count++; }
print(count, n.id);
// the same chain inserted back to front
var tail = { id: 'last' }, rev = new WeakMap(), keys = [tail];
for (var i = 0; i < 500; i++) keys.push({ id: i });
for (var i = keys.length - 1; i > 0; i--) rev.set(keys[i], keys[i - 1]);
var start = keys[keys.length - 1];
keys = null;
gc();
var m = start, steps = 0;
while (rev.has(m)) { m = rev.get(m); steps++; }
print(steps, m.id);
// a value that refers back to its own key does not keep the entry alive,
// and dropping everything then collecting must not crash
(function () {
    var cyc = new WeakMap();
    for (var i = 0; i < 2000; i++) { var k = {}; cyc.set(k, { back: k, big: new Array(10).fill(i) }); }
    var kept = {}; cyc.set(kept, 'kept');
    gc(); gc();
    print(cyc.get(kept), cyc.has({}));
})();
// weak maps as values of weak maps, and a weak map held only by its key's value
var outer = new WeakMap(), key = {};
outer.set(key, new WeakMap([[key, 'inner']]));
gc();
print(outer.get(key).get(key));
var selfKey = {};
selfKey.map = new WeakMap([[selfKey, 'self']]);
gc();
print(selfKey.map.get(selfKey));
// many dead entries are cleared and the table stays usable
var churn = new WeakMap(), alive = [];
for (var round = 0; round < 5; round++) {
    for (var i = 0; i < 20000; i++) { var o = {}; churn.set(o, i); if (i % 1000 === 0) alive.push(o); }
    gc();
}
var ok = alive.every(function (o) { return churn.has(o); });
print(alive.length, ok);
