// Map: SameValueZero keys, insertion order, live iteration, compaction.
var m = new Map([[1, 'a'], [2, 'b'], [-0, 'zero'], [NaN, 'nan'], ['1', 'str']]);
print(m.size, m.get(0), m.get(-0), m.get(NaN), m.get(1), m.get('1'), m.get(1.0));
print(Object.is([...m.keys()][2], 0), m.has(2), m.has(3), m.get(3));
var o = {}, s = Symbol('s');
m.set(o, 'obj').set(s, 'sym').set(null, 'null').set(undefined, 'undef').set(true, 't');
print(m.get(o), m.get({}), m.get(s), m.get(null), m.get(undefined), m.get(true), m.size);
print(m.get(0.5 + 0.5), m.get(2 ** 31), m.set(2 ** 31, 'big').get(2147483648));
// strings compare by content, even when built differently
var a = 'ab' + 'cd', b = ['a', 'b', 'c', 'd'].join('');
m.set(a, 'content');
print(m.get(b), m.get('abcd'));
print(m.delete(b), m.has(a), m.delete(b));
// insertion order; a re-set key keeps its position
var order = new Map([['x', 1], ['y', 2], ['z', 3]]);
order.set('x', 10);
print([...order].join(' '));
order.delete('x');
order.set('x', 11);
print([...order.entries()].join(' '), [...order.values()].join());

// live iteration: additions are visited, deletions skipped
var live = new Map([[1, 1], [2, 2], [3, 3]]);
var seen = [];
for (var [k] of live) {
    seen.push(k);
    if (k === 1) { live.delete(2); live.set(4, 4); }
    if (k === 4) live.set(5, 5);
}
print(seen.join());
// clear during iteration: continues with entries added afterwards
var c = new Map([[1, 1], [2, 2]]);
var it = c.keys();
print(it.next().value);
c.clear();
c.set(7, 7);
print(it.next().value, it.next().done, it.next().done);
c.set(8, 8);
print(it.next().done); // a finished iterator stays finished
// forEach is live as well
var fe = new Map([['a', 1]]), visits = [];
fe.forEach(function (v, k, map) {
    visits.push(k + v);
    if (k === 'a') { map.set('b', 2); map.set('c', 3); map.delete('b'); }
    if (k === 'c') map.clear();
}, null);
print(visits.join(), fe.size);
// iterators survive compaction after mass deletion
var big = new Map();
for (var i = 0; i < 20000; i++) big.set(i, i * 2);
var bi = big.entries();
print(bi.next().value.join(':'));
for (var i = 0; i < 19990; i++) big.delete(i);
print(big.size, bi.next().value.join(':'));
var rest = [];
for (var e of bi) rest.push(e[0]);
print(rest.length, rest[0], rest[rest.length - 1]);
// deleting and re-adding during forEach revisits
var re = new Map([[1, 1], [2, 2]]), rev = [];
re.forEach(function (v, k) { rev.push(k); if (rev.length === 1) { re.delete(1); re.set(1, 1); } });
print(rev.join());

// groupBy
var g = Map.groupBy([1, 2, 3, 4, 5, -0, 0], function (x, i) { return x === 0 ? 0 : x % 2 ? 'odd' : 'even'; });
print([...g.keys()].join(), g.get('odd').join(), g.get(0).length, g instanceof Map);
// errors and brand checks
function err(f) { try { f(); return 'no error'; } catch (e) { return e.constructor.name; } }
print(err(function () { Map(); }), err(function () { Map.prototype.get.call(new Set(), 1); }),
      err(function () { new Map([1]); }), err(function () { m.forEach(1); }),
      err(function () { Map.prototype.size; }), err(function () { new Map().keys().next.call({}); }));
// subclassing
class MyMap extends Map { constructor(it) { super(it); this.extra = true; } }
var mm = new MyMap([[1, 2]]);
print(mm.get(1), mm.extra, mm instanceof Map, Object.getPrototypeOf(mm) === MyMap.prototype);
print(Map[Symbol.species] === Map, Map.prototype[Symbol.iterator] === Map.prototype.entries,
      Object.prototype.toString.call(new Map().values()), Map.prototype[Symbol.toStringTag]);
var mip = Object.getPrototypeOf(new Map().keys());
print(Object.getPrototypeOf(mip) === Object.getPrototypeOf(Object.getPrototypeOf([].keys())));
