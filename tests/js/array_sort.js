function show(v) { return '[' + Array.prototype.map.call(v, function (x) { return String(x); }).join(',') + ']'; }
print(show([3, 1, 10, 2].sort()));
print(show([3, 1, 10, 2].sort(function (a, b) { return a - b; })));
var u = [3, undefined, 1, , 2];
u.sort();
print(show(u), u.length, 3 in u, 4 in u);
var recs = [];
for (var i = 0; i < 100; i++) recs.push({k: i % 3, i: i});
recs.sort(function (a, b) { return a.k - b.k; });
var stable = true;
for (var j = 1; j < recs.length; j++)
    if (recs[j - 1].k === recs[j].k && recs[j - 1].i > recs[j].i) stable = false;
print('stable', stable, recs[0].k, recs[99].k);
try { [2, 1].sort(function () { throw new Error('boom'); }); } catch (e) { print(e.message); }
try { [1].sort(5); } catch (e) { print(e instanceof TypeError); }
var m = [5, 4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4, 3];
m.sort(function (a, b) { m.length = 0; m.push(42); return a - b; });
print('mutated', m.length);
var arr = [];
for (var k = 0; k < 1000; k++) arr.push((k * 7919) % 1000);
arr.sort(function (a, b) { return a - b; });
var ok = true;
for (var k2 = 0; k2 < 1000; k2++) if (arr[k2] !== k2) ok = false;
print('sorted', ok);
print(show(['b', 'a', 'C', 'B'].sort()), show([true, false, null].sort()));
var obj = {length: 3, 0: 'c', 1: 'a', 2: 'b'};
Array.prototype.sort.call(obj);
print(obj[0], obj[1], obj[2]);
var orig = [3, 2, 1];
var sorted = orig.toSorted();
print(show(orig), show(sorted));
print(show([, 1].toSorted()), [, 1].toSorted().hasOwnProperty(1));
print(show([1, 2, 3].sort(function () { return NaN; })));
