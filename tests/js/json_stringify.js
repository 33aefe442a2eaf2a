print(JSON.stringify({a: [1, 'x', null, true, undefined, function () {}], b: undefined, c: new Date(0).getTime === undefined}));
print(JSON.stringify('he said "hi"\n\u0001'), JSON.stringify('\ud800'), JSON.stringify('\ud83d\ude00'), JSON.stringify('\udc00\ud800'));
print(JSON.stringify(NaN), JSON.stringify(-0), JSON.stringify(Infinity), JSON.stringify(1e21), JSON.stringify(0.1));
print(JSON.stringify(undefined), JSON.stringify(function () {}), JSON.stringify(Symbol()), JSON.stringify(null));
print(JSON.stringify({a: 1, b: [1, 2], c: {}}, null, 2));
print(JSON.stringify([1, [2, []], {}], null, '--'));
print(JSON.stringify({a: 1}, null, 20) === JSON.stringify({a: 1}, null, 10), JSON.stringify([1], null, 'abcdefghijklmnop'));
print(JSON.stringify({a: 1, b: 2, c: {a: 3, d: 4}}, ['a', 'c', 'a']));
print(JSON.stringify({a: 1, b: 'x'}, function (k, v) { return typeof v === 'number' ? v + 1 : v; }));
print(JSON.stringify({toJSON: function (k) { return 'key=' + k; }}), JSON.stringify({x: {toJSON: function (k) { return k; }}}));
print(JSON.stringify([new Number(3), new String('s'), new Boolean(false)]));
var cyc = {};
cyc.self = cyc;
try { JSON.stringify(cyc); } catch (e) { print(e.name, e.message); }
var arr = [];
arr.push(arr);
try { JSON.stringify(arr); } catch (e) { print(e.name); }
print(JSON.stringify({1: 'one', a: 'A', 0: 'zero'}));
print(JSON.stringify([undefined]), JSON.stringify({u: undefined}), JSON.stringify({}, null, 2), JSON.stringify([], null, 2));
print(JSON.stringify({a: undefined, b: 1}, null, 1));
var shared = {v: 1};
print(JSON.stringify([shared, shared]));
print(JSON.stringify('\u2028\u2029'), JSON.stringify({'k"ey': 1}));
print(Object.prototype.toString.call(JSON), JSON.parse.length, JSON.stringify.length);
