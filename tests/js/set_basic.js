// Set: SameValueZero, order, live iteration, the ES2025 set methods.
var s = new Set([1, 2, 2, -0, 0, NaN, NaN, '1']);
print(s.size, [...s].join(), Object.is([...s][2], 0), s.has(-0), s.has(NaN));
print(s.add(3) === s, s.delete(1), s.delete(1), s.size, [...s.entries()].join(' '));
print(Set.prototype.keys === Set.prototype.values, Set.prototype[Symbol.iterator] === Set.prototype.values);
var seen = [], live = new Set([1, 2, 3]);
for (var v of live) { seen.push(v); if (v === 1) { live.delete(2); live.add(4); } }
print(seen.join());
var it = live.values(); it.next(); live.clear(); live.add('after');
print(it.next().value, it.next().done);
var fe = [];
new Set(['a', 'b']).forEach(function (v, k, set) { fe.push(v + k); if (v === 'a') set.add('c'); });
print(fe.join());
// mass deletion shrinks, iteration survives
var big = new Set();
for (var i = 0; i < 10000; i++) big.add('k' + i);
var bi = big.values();
bi.next();
for (var i = 0; i < 9995; i++) big.delete('k' + i);
print(big.size, [...bi].join());

// set methods with Sets
function show(x) { return x instanceof Set ? '{' + [...x].join() + '}' : String(x); }
var A = new Set([1, 2, 3, 4]), B = new Set([3, 4, 5]);
print(show(A.union(B)), show(A.intersection(B)), show(A.difference(B)), show(A.symmetricDifference(B)));
print(A.isSubsetOf(B), new Set([3]).isSubsetOf(B), A.isSupersetOf(new Set([1, 2])), A.isDisjointFrom(new Set([9])), A.isDisjointFrom(B));
// with set-like objects: record the calls the spec makes
var log = [];
function setLike(items, size) {
    return {
        get size() { log.push('size'); return size === undefined ? items.length : size; },
        get has() { log.push('get has'); return function (v) { log.push('has(' + v + ')'); return items.indexOf(v) >= 0; }; },
        get keys() {
            log.push('get keys');
            return function () {
                log.push('keys()');
                var i = 0;
                return { next: function () { log.push('next'); return i < items.length ? { value: items[i++], done: false } : { done: true }; },
                         return: function () { log.push('return'); return {}; } };
            };
        },
    };
}
print(show(new Set([1, 2]).union(setLike([2, 3]))), log.join(' ')); log = [];
print(show(new Set([1, 2, 3]).intersection(setLike([2, 9]))), log.join(' ')); log = [];
print(show(new Set([1, 2]).intersection(setLike([2, 9, 8]))), log.join(' ')); log = [];
print(show(new Set([1, 2]).difference(setLike([2, 9, 8]))), log.join(' ')); log = [];
print(new Set([1, 2, 3]).isSupersetOf(setLike([1, 7])), log.join(' ')); log = [];
print(new Set([1, 2, 3]).isDisjointFrom(setLike([3])), log.join(' ')); log = [];
print(new Set([1]).isSubsetOf(setLike([1], Infinity)), log.join(' ')); log = [];
function err(f) { try { f(); return 'no error'; } catch (e) { return e.constructor.name; } }
print(err(function () { A.union([1]); }), err(function () { A.union({ size: NaN, has: 1, keys: 1 }); }),
      err(function () { A.union({ size: -1, has: function () {}, keys: function () {} }); }),
      err(function () { A.union({ size: 1, has: 1, keys: function () {} }); }),
      err(function () { Set.prototype.union.call(new Map(), A); }));
// -0 from keys() is canonicalized
var z = new Set([1]).union(setLike([-0])); log = [];
print(Object.is([...z][1], 0));
// has() mutating this set during intersection
var m = new Set([1, 2, 3]);
var r = m.intersection({ size: 10, has: function (v) { if (v === 1) { m.delete(2); m.add(4); } return true; }, keys: function () {} });
print(show(r));
