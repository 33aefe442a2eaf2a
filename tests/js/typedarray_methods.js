// %TypedArray%.prototype methods, species and iteration.
function show(ta) { return ta.constructor.name + '[' + Array.prototype.join.call(ta, ',') + ']'; }
var a = new Int16Array([5, -3, 9, 0, -3]);
console.log(a.at(-1), a.at(7), a.indexOf(-3), a.lastIndexOf(-3), a.includes(9), a.indexOf(-3, 2));
console.log(a.every(function (x) { return x < 10; }), a.some(function (x) { return x > 8; }));
console.log(a.find(function (x) { return x < 0; }), a.findIndex(function (x) { return x < 0; }),
            a.findLast(function (x) { return x < 0; }), a.findLastIndex(function (x) { return x > 100; }));
var seen = []; a.forEach(function (x, i, o) { seen.push(i + ':' + x + ':' + (o === a)); }); console.log(seen.join());
console.log(show(a.map(function (x) { return x * 2; })), show(a.filter(function (x) { return x; })));
console.log(a.reduce(function (s, x) { return s + x; }), a.reduceRight(function (s, x) { return s + '' + x; }, ''));
console.log(a.join(), a.join(' - '), a.toString(), String(new Float64Array([1.5, NaN])));
console.log(show(a.slice(1, -1)), show(a.slice(-2)), show(a.subarray(1, 3)), a.subarray(2).byteOffset);
console.log(show(new Int8Array([1, 2, 3, 4, 5]).copyWithin(0, 3)), show(new Int8Array([1, 2, 3, 4, 5]).copyWithin(1, 0, 3)));
console.log(show(new Uint8Array(5).fill(7, 1, -1)), show(new Float32Array(3).fill(0.5)));
console.log(show(new Int8Array([1, 2, 3]).reverse()), show(a.toReversed()), show(a.with(0, 100)), show(a));
console.log(show(new Float64Array([3, -0, 0, NaN, -Infinity, 1]).sort()), Object.is(new Float64Array([0, -0]).sort()[0], -0));
console.log(show(a.toSorted(function (x, y) { return y - x; })), show(a));
console.log(show(new Uint32Array([10, 9, 1e9, 2]).sort()));
var t = new Uint8Array(6);
t.set([1, 2, 3], 2); console.log(show(t));
t.set(new Uint8Array([9, 8]), 0); console.log(show(t));
t.set(t.subarray(0, 4), 2); console.log(show(t));
var i8 = new Int8Array(8); i8.set([1, 2, 3, 4]); var i16 = new Int16Array(i8.buffer, 0, 2); i8.set(i16, 1); console.log(show(i8));
try { t.set([1], 6); } catch (e) { console.log(e.name); }
try { t.set([1], -1); } catch (e) { console.log(e.name); }
console.log([...new Int8Array([4, 5]).entries()].join('|'), [...new Int8Array([4, 5]).keys()].join(), [...new Int8Array([4, 5])].join());
class MyTA extends Uint8Array {}
var m = new MyTA([1, 2, 3]);
console.log(m.map(function (x) { return x; }) instanceof MyTA, m.slice(1) instanceof MyTA, m.subarray(1).constructor.name, m.toReversed().constructor.name);
console.log(Uint8Array[Symbol.species] === Uint8Array, Object.getOwnPropertyNames(Object.getPrototypeOf(Int8Array).prototype).length);
var bad = new Uint8Array(4); bad.constructor = {}; bad.constructor[Symbol.species] = function () { return new Uint8Array(1); };
try { bad.map(function (x) { return x; }); } catch (e) { console.log(e.name); }
console.log(new Float64Array([1234.5]).toLocaleString() === (1234.5).toLocaleString());
