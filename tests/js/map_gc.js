// mica-flags: --expose-gc
// Tables replaced under a running iteration (clear, compaction) stay valid
// across collections triggered inside the callbacks.
var m = new Map(), visited = [];
for (var i = 0; i < 100; i++) m.set(i, { v: i });
m.forEach(function (v, k, map) {
    visited.push(k);
    if (k === 1) { map.clear(); gc(); map.set('a', 1); map.set('b', 2); }
    if (k === 'a') { for (var j = 0; j < 1000; j++) map.set('x' + j, j); for (var j = 0; j < 1000; j++) map.delete('x' + j); gc(); }
    var junk = []; for (var j = 0; j < 50; j++) junk.push({ j: j });
});
print(visited.join(), m.size);
var s = new Set();
for (var i = 0; i < 5000; i++) s.add('s' + i);
var seen = 0;
s.forEach(function (v) {
    seen++;
    if (v === 's0') { for (var i = 1; i < 4990; i++) s.delete('s' + i); gc(); }
});
print(seen, s.size);
var its = [];
var t = new Map([[1, 1], [2, 2], [3, 3]]);
for (var i = 0; i < 5; i++) { its.push(t.keys()); its[i].next(); }
t.clear(); gc(); t.set(4, 4); t.delete(4); t.set(5, 5); gc();
print(its.map(function (it) { return String(it.next().value); }).join());
var d = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
var r = d.difference({ size: 100, has: function (v) { gc(); return v % 2 === 0; }, keys: function () {} });
print([...r].join());
