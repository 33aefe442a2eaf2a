function show(v) {
    if (Array.isArray(v)) return '[' + v.map(show).join(',') + ']';
    if (typeof v === 'string') return '"' + v + '"';
    return String(v);
}
var a = [1, 2, 3, 4, 5];
print(a.at(0), a.at(-1), a.at(5), a.at(-6), a.at('1'));
print(show([1, 2].concat([3, [4]], 5)));
var spreadable = {length: 2, 0: 'x', 1: 'y'};
spreadable[Symbol.isConcatSpreadable] = true;
print(show([0].concat(spreadable)));
var notSpread = [9, 8];
notSpread[Symbol.isConcatSpreadable] = false;
print([0].concat(notSpread).length);
print(show([1, 2, 3, 4, 5].copyWithin(0, 3)), show([1, 2, 3, 4, 5].copyWithin(1, 0, 3)));
print(show([1, 2, 3, 4, 5].copyWithin(-2, -3, -1)));
print([1, 2, 3].every(function (x) { return x > 0; }), [1, 2, 3].every(function (x) { return x > 1; }));
print([1, 2, 3].some(function (x) { return x > 2; }), [].some(function () { return true; }));
print(show([1, 2, 3, 4].fill(0, 1, 3)), show(new Array(3).fill('z')));
print(show([1, 2, 3, 4].filter(function (x) { return x % 2; })));
print([5, 12, 8].find(function (x) { return x > 6; }), [5, 12, 8].findIndex(function (x) { return x > 6; }));
print([5, 12, 8].findLast(function (x) { return x > 6; }), [5, 12, 8].findLastIndex(function (x) { return x > 100; }));
print(show([1, [2, [3, [4]]]].flat()), show([1, [2, [3, [4]]]].flat(Infinity)), show([1, , 3].flat()));
print(show([1, 2].flatMap(function (x) { return [x, x * 2]; })));
var log = [];
[1, , 3].forEach(function (x, i, o) { log.push(i + ':' + x); });
print(log.join(' '));
print([1, NaN, 3].includes(NaN), [1, NaN].indexOf(NaN), [1, 2, 1].indexOf(1, 1), [1, 2, 1].lastIndexOf(1));
print([1, 2, 3].includes(3, -1), [1, 2, 3].indexOf(1, -10), [1, 2, 1].lastIndexOf(1, -2));
print([, 1].includes(undefined), [, 1].indexOf(undefined));
print([1, null, undefined, 'x'].join(), [1, 2].join(' - '), [].join(), [[1, 2], [3]].join(';'));
print(show([1, 2, 3].map(function (x) { return x * x; })));
var p = [1, 2, 3];
print(p.pop(), show(p), p.push(7, 8), show(p));
print([].pop(), [1, 2, 3, 4].reduce(function (a, b) { return a + b; }));
print([1, 2, 3].reduce(function (a, b) { return a + '-' + b; }, 'x'));
print([1, 2, 3].reduceRight(function (a, b) { return a + '-' + b; }));
try { [].reduce(function () {}); } catch (e) { print(e instanceof TypeError); }
print(show([1, 2, 3].reverse()), show([1, , 3, 4].reverse()));
var s = [1, 2, 3];
print(s.shift(), show(s), s.unshift(9, 8), show(s));
print(show([1, 2, 3, 4, 5].slice(1, -1)), show([1, 2, 3].slice(-2)), show([1, 2, 3].slice(5)));
var sp = [1, 2, 3, 4, 5];
print(show(sp.splice(1, 2, 'a', 'b', 'c')), show(sp));
print(show(sp.splice(-2)), show(sp));
print(show(sp.splice()), show(sp));
print(show([1, 2, 3].toReversed()), show([3, 1, 2].toSorted()), show([1, 2, 3].toSpliced(1, 1, 'x', 'y')));
print(show([1, 2, 3].with(-1, 'z')));
try { [1].with(1, 0); } catch (e) { print(e instanceof RangeError); }
print([1, [2, 3]].toString(), String([]), [1, 2].toLocaleString());
var generic = {length: 2, 0: 'a', 1: 'b'};
print(Array.prototype.join.call(generic, '+'), Array.prototype.push.call(generic, 'c'), generic.length);
print(Array.prototype.toString.call({join: function () { return 'J'; }}), Array.prototype.toString.call({}));
var big = {length: 9007199254740991};
try { Array.prototype.push.call(big, 1); } catch (e) { print(e instanceof TypeError); }
print(Array.prototype.indexOf.call({length: 3, 2: 'q'}, 'q'));
var holes = [1, , 3];
print(holes.map(function (x) { return x; }).hasOwnProperty(1), Object.keys(holes.slice()).join());
