// lib: js-yaml/dist/js-yaml.js min=js-yaml/dist/js-yaml.min.js
// Loads and dumps varied YAML with js-yaml, including its error messages.

var doc = [
    '%YAML 1.2',
    '---',
    '# A configuration file of the kind js-yaml is used for',
    'name: mica',
    'version: 1.0.0',
    'numbers: [0, -17, 0o14, 0x1F, 1_000, 3.25, -2.5e-3, .inf, -.Inf, .NaN, 6.02e+23, 0.1]',
    'bools: [true, false, True, FALSE, yes, no, on, off]',
    'nulls: [null, ~, Null, ]',
    'dates:',
    '  day: 2001-12-14',
    '  stamp: 2001-12-14t21:59:43.10-05:00',
    '  spaced: 2001-12-14 21:59:43.10 -5',
    '  utc: 2002-12-14T00:00:00Z',
    'strings:',
    '  plain: hello world',
    '  single: \'it\'\'s\'',
    '  double: "tab\\tnewline\\nunicode \\u263A \\x41 \\U0001F600"',
    '  colon: "a: b"',
    '  folded: >',
    '    folded text',
    '    continues here',
    '',
    '    new paragraph',
    '  literal: |-',
    '    line one',
    '      indented',
    '    line three',
    '  keep: |+',
    '    kept',
    '',
    '  multi: this is a',
    '    multi-line plain',
    '    scalar',
    'anchors:',
    '  base: &base {a: 1, b: [x, y]}',
    '  copy: *base',
    '  merged:',
    '    <<: *base',
    '    c: 3',
    '  multimerge:',
    '    <<: [{p: 1}, {q: 2, p: 0}]',
    '    r: 3',
    'nested:',
    '  - - a',
    '    - b',
    '  - key: value',
    '    other: [1, {k: v}]',
    '  - ? complex key',
    '    : complex value',
    '  - !!str 123',
    '  - !!float 1',
    '  - !!int "42"',
    'set: !!set {a, b, c}',
    'omap: !!omap [one: 1, two: 2]',
    'pairs: !!pairs [x: 1, x: 2]',
    'binary: !!binary |',
    '  SGVsbG8sIFlB', '  TUwhIGJpbmFyeQ==',
    'empty_map: {}',
    'empty_seq: []',
    '"quoted key": 1',
    '? [flow, key]',
    ': 2',
    '...',
    ''
].join('\n');

function replacer(key, value) {
    if (value instanceof Uint8Array) return 'bytes:' + Array.prototype.join.call(value, ',');
    if (typeof value === 'number' && !isFinite(value)) return 'number:' + value;
    return value;
}

var data = jsyaml.load(doc);
console.log(JSON.stringify(data, replacer, 2));
console.log(data.dates.stamp.toISOString(), data.dates.spaced.getTime(), data.anchors.copy === data.anchors.base);
console.log(Object.prototype.toString.call(data.omap), data.omap.length, data.set);

console.log('--- dump default');
console.log(jsyaml.dump(data));
console.log('--- dump sorted, flowLevel 2, indent 4');
console.log(jsyaml.dump(data, { sortKeys: true, flowLevel: 2, indent: 4, noRefs: true }));
console.log('--- dump narrow lines, double quotes');
console.log(jsyaml.dump({
    long: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.',
    multi: 'first line\nsecond line\n  indented third\n',
    special: ['yes', 'no', '0x10', '1e3', '', ' lead', 'trail ', '#hash', 'a: b', '- dash', '@at', '`tick', "quote'", 'line\u2028sep', 'tab\there', '\u00e9t\u00e9 \ud83d\ude00'],
    nums: [0, -0, 1.5, 1e21, 1e-7, 123456789012, NaN, Infinity, -Infinity],
    when: new Date(Date.UTC(2020, 1, 29, 12, 30, 45, 678)),
    nested: { a: { b: { c: { d: [1, [2, [3, [4]]]] } } } }
}, { lineWidth: 40, quotingType: '"', forceQuotes: false }));

console.log('--- multiple documents');
var docs = jsyaml.loadAll('--- 1\n--- [a, b]\n--- {x: y}\n---\n...\n--- |\n  text\n');
console.log(JSON.stringify(docs));

console.log('--- schemas');
console.log(JSON.stringify(jsyaml.load('a: 2001-12-14\nb: 0x10\nc: true', { schema: jsyaml.JSON_SCHEMA })));
console.log(JSON.stringify(jsyaml.load('a: 2001-12-14\nb: 0x10\nc: ~', { schema: jsyaml.FAILSAFE_SCHEMA })));
var Point = new jsyaml.Type('!point', {
    kind: 'sequence',
    resolve: function (d) { return d !== null && d.length === 2; },
    construct: function (d) { return { x: d[0], y: d[1] }; },
    instanceOf: Object,
    represent: function (p) { return [p.x, p.y]; }
});
var schema = jsyaml.DEFAULT_SCHEMA.extend([Point]);
console.log(JSON.stringify(jsyaml.load('p: !point [1, 2]\nq: !point [3, 4]', { schema: schema })));

console.log('--- errors');
var bad = [
    'a: b: c', 'key: [unclosed', '- a\nb: c', 'a:\n  - b\n -c', '"unterminated', 'a: *nope',
    'x: 1\nx: 2', '!!int foo', '\t- tab', 'a: !<tag:unknown> 1', '{a: 1, a: 2}', '%TAG ! tag:x\n%TAG ! tag:y\n--- a',
    'key: |\n  ok\n bad'
];
bad.forEach(function (src) {
    try {
        console.log('loaded ' + JSON.stringify(jsyaml.load(src)));
    } catch (e) {
        console.log(e.name + ': ' + e.message);
        console.log('reason=' + e.reason + ' line=' + (e.mark && e.mark.line) + ' col=' + (e.mark && e.mark.column));
    }
});
try { jsyaml.dump({ f: function () {} }); } catch (e) { console.log(e.name + ': ' + e.message); }
console.log(jsyaml.dump({ f: function () {}, u: undefined, s: Symbol ? 1 : 0 }, { skipInvalid: true }));
