// console.log layout: line breaking at node's breakLength 80, array grouping, depth (expected output from node).
var a = []; for (var i = 0; i < 30; i++) a.push(i * 7);
console.log(a);
var b = []; for (i = 0; i < 120; i++) b.push(i);
console.log(b);
var c = []; for (i = 0; i < 26; i++) c.push(String.fromCharCode(97 + i) + 'x' + i);
console.log(c);
console.log([1.5, -2, 300000, 4, 5, 6, 7, 8, 9, 10.25]);
console.log({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbbbb', gamma: 'cccccccccccc', delta: 'ddddddddd' });
console.log({ alpha: 'aaaaaaaaaa', beta: 'bbbbbbbbbbbb', gamma: 'cccccccccccc', delta: 'dddddddddddddd' });
console.log({ a: 1, b: [1, 2, { c: 3, d: [4, 5, { e: 6 }] }], f: 'str' });
console.log({ name: 'widget', tags: ['x', 'y', 'z'], dims: { w: 10, h: 20, d: { unit: 'cm', precise: true } }, owner: null, count: undefined });
function Point(x, y) { this.x = x; this.y = y; }
console.log(new Point(1, 2), [new Point(3, 4)], new (function Empty() {})());
class Animal { constructor(n) { this.name = n; } }
class Dog extends Animal { constructor(n) { super(n); this.good = true; } }
console.log(new Dog('rex'), { pet: new Dog('fido') });
var g = { get x() { return 1; }, set y(v) {}, get z() { return 2; }, set z(v) {} };
console.log(g);
console.log('a long string that is definitely longer than sixteen chars', ['a long string that is definitely longer than sixty chars, and then some more text here\nwith a newline\nand another']);
console.log([undefined, null, true, false, NaN, -0, 0, Infinity, -Infinity, 1e21, 1e-7]);
console.log({ s: Symbol('x'), [Symbol.iterator]: 1, [Symbol()]: 2 });
console.log([[1, 2, [3, 4, [5, [6]]]], { a: { b: { c: { d: {} } } } }]);
console.log({ a: [], b: {}, c: [[]], d: [{}] });
var m = new Map(); m.set({ k: 1 }, [1, 2]); m.set('s', new Set([1, 2, 3])); console.log(m);
var nested = { level1: { level2: { level3: { level4: 'deep' } } } }; console.log(nested);
console.log([function named() {}, Math.max, Function.prototype, Object, Array]);
var fp = function withProps() {}; fp.extra = 1; console.log(fp);
var arr2 = [1, 2, 3]; arr2.extra = 'yes'; console.log(arr2);
console.log(Object.create(Point.prototype));
console.log([new Error('boom').message]);
console.log(new Array(3).concat([1]), [ , 1, , 2, , ]);
var longArr = []; for (i = 0; i < 10; i++) longArr.push({ id: i, label: 'item' + i });
console.log(longArr);
var words = 'the quick brown fox jumps over the lazy dog and keeps running far away'.split(' ');
console.log(words);
console.log(['x'], [''], '', [' '], ["'"], ['\\']);
console.log({ 'key with space': 1, 'valid_key': 2, '123abc': 3, 'a.b': 4 });
console.log([1, 2, 3].map(String), [true, false, true, false, true, false, true, false]);
