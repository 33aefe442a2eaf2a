// Array constructor, statics, length handling.
function show(v) {
    if (Array.isArray(v)) return '[' + v.map(show).join(',') + ']';
    if (typeof v === 'string') return '"' + v + '"';
    return String(v);
}
print(show(new Array()), new Array().length);
print(show(new Array(3)), new Array(3).length);
print(show(Array(1, 2, 3)));
print(show(new Array('5')), new Array('5').length);
try { new Array(-1); } catch (e) { print(e instanceof RangeError, e.name); }
try { new Array(1.5); } catch (e) { print(e instanceof RangeError); }
try { Array(4294967296); } catch (e) { print(e instanceof RangeError); }
print(Array(4294967295).length);
print(Array.isArray([]), Array.isArray({}), Array.isArray(Array.prototype), Array.isArray());
print(show(Array.of()), show(Array.of(7)), show(Array.of(1, 'a', null)));
print(show(Array.from({length: 3, 0: 'a', 2: 'c'})));
print(show(Array.from([1, 2, 3], function (x, i) { return x * 10 + i; })));
print(show(Array.from('abc')));
try { Array.from([], 5); } catch (e) { print(e instanceof TypeError); }
try { Array.from(null); } catch (e) { print(e instanceof TypeError); }
function C(n) { this.made = n; }
var c = Array.of.call(C, 'x', 'y');
print(c instanceof C, c.made, c.length, c[0], c[1]);
var d = Array.from.call(C, {length: 2, 0: 1, 1: 2});
print(d instanceof C, d.made, d.length);
var e = Array.from.call(Object, [4, 5]);
print(Array.isArray(e), e.length, e[1]);
print(Array[Symbol.species] === Array);
print(Array.length, Array.name, Array.prototype.length, Array.prototype.concat.length);
print(Array.prototype[Symbol.iterator] === Array.prototype.values);
var u = Array.prototype[Symbol.unscopables];
print(Object.getPrototypeOf(u), u.flat, u.at, u.with, u.toSorted);
var a = [1, 2, 3];
a.length = 1;
print(show(a), a.length);
a[5] = 6;
print(a.length, 3 in a);
