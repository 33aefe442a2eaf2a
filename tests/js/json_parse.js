// gc-stress-every: 1000  (parses 100000 nested arrays; tests/unit/test_json_array.c stresses depth 6000 at every allocation)
function show(v) {
    if (v === null) return 'null';
    if (Array.isArray(v)) return '[' + v.map(show).join(',') + ']';
    if (typeof v === 'object') return '{' + Object.keys(v).map(function (k) { return k + ':' + show(v[k]); }).join(',') + '}';
    if (typeof v === 'string') return '"' + v + '"';
    return String(v);
}
print(show(JSON.parse('{"a":[1,2,{"b":null}],"c":"x\\u0041\\n","d":true,"e":false}')));
print(JSON.parse(' 1.5e3 '), JSON.parse('-0') === 0, 1 / JSON.parse('-0'), JSON.parse('123456789012345678901234567890'));
print(JSON.parse('0.1') === 0.1, JSON.parse('"\\ud83d\\ude00"').length, JSON.parse('[]').length);
print(show(JSON.parse('{"a":1,"a":2}')), show(JSON.parse('{"__proto__":1}')), Object.getPrototypeOf(JSON.parse('{"__proto__":null}')) === Object.prototype);
var bad = ['', '{', '[1,]', '{"a":1,}', '01', '1.', '.5', '+1', "'a'", '"\\x"', 'tru', 'nul', '"a\tb"', '[1 2]', '{a:1}', '1e', '"abc', 'undefined', 'NaN', '-'];
for (var i = 0; i < bad.length; i++) {
    try { JSON.parse(bad[i]); print('parsed!', bad[i]); } catch (e) { print(bad[i], e.name); }
}
print(show(JSON.parse('[1,[2,[3]]]', function (k, v) { return typeof v === 'number' ? v * 2 : v; })));
print(show(JSON.parse('{"a":1,"b":2}', function (k, v) { return k === 'a' ? undefined : v; })));
var keys = [];
JSON.parse('{"x":{"y":1},"z":[2]}', function (k, v) { keys.push(k); return v; });
print(keys.join('|'));
var deep = '';
for (var d = 0; d < 100000; d++) deep += '[';
for (var d2 = 0; d2 < 100000; d2++) deep += ']';
var dv = JSON.parse(deep);
print(Array.isArray(dv), dv.length);
print(JSON.parse('"\\/\\b\\f\\r\\t"').length, JSON.parse('\t\r\n 7 \n'));
