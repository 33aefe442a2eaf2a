// Map and WeakMap getOrInsert / getOrInsertComputed (proposal-upsert).
var m = new Map([[1, 'one']]);
console.log(m.getOrInsert(1, 'uno'), m.getOrInsert(2, 'two'), m.size);
console.log(m.getOrInsertComputed(-0, function (k) { return 'zero ' + Object.is(k, -0); }), m.has(0));
// The callback may insert the key itself: the computed value replaces it.
var r = m.getOrInsertComputed('k', function (k) { m.set(k, 'inner'); return 'outer'; });
console.log(r, m.get('k'), m.size);
// The callback is not called when the key is present.
var calls = 0;
m.getOrInsertComputed(1, function () { calls++; });
console.log(calls);
try { m.getOrInsertComputed(3, 'nope'); } catch (e) { console.log(e.name, m.has(3)); }
var wm = new WeakMap(), key = {};
console.log(wm.getOrInsert(key, 1), wm.getOrInsert(key, 2));
console.log(wm.getOrInsertComputed(Symbol.iterator === 0 ? 0 : {}, function () { return 'c'; }));
try { wm.getOrInsert(1, 1); } catch (e) { console.log(e.name); }
try { wm.getOrInsertComputed(Symbol.for('x'), function () {}); } catch (e) { console.log(e.name); }
console.log(Map.prototype.getOrInsert.length, WeakMap.prototype.getOrInsertComputed.name);
