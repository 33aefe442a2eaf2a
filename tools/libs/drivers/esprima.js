// lib: esprima/dist/esprima.js
// data: mustache=mustache/mustache.js
// data: underscore=underscore/underscore-umd.js
// data: bigjs=big.js/big.js
// Parses real library sources with esprima and prints the ASTs, the token
// streams and the error messages for bad programs.

function show(label, value) {
    console.log('== ' + label);
    console.log(JSON.stringify(value, null, 1));
}

show('mustache.js, ranges and locations',
     esprima.parseScript(LIBDATA.mustache, { range: true, loc: true, comment: true }));
show('big.js tokens', esprima.tokenize(LIBDATA.bigjs, { range: true }).slice(0, 4000));

var ast = esprima.parseScript(LIBDATA.underscore);
var counts = {};
(function walk(node) {
    if (Array.isArray(node)) { node.forEach(walk); return; }
    if (!node || typeof node !== 'object') return;
    if (typeof node.type === 'string') counts[node.type] = (counts[node.type] || 0) + 1;
    for (var k in node) if (k !== 'type') walk(node[k]);
})(ast);
show('underscore-umd.js node counts', counts);
show('underscore-umd.js first statements', ast.body.slice(0, 1));

var modern = [
    'class A extends B { constructor() { super(); } static s() {} get x() { return super.x; } *gen() { yield* [1]; } }',
    'let re = /(\\d{4})-(\\d\\d)/gu, n = 0x1F + 0o17 + 0b11 + .5e-3, s = "\\u{1F600}\\x41";',
    'for (const [k, {v = 2}] of Object.entries(o)) { label: for (let i in v) continue label; }',
    'async function f() { for (var x of await g()) try { throw x } catch (e) {} finally {} }',
    'const f = async (a, {b, c = 1}, ...rest) => { await a; return `x${b}y${c}`; };',
    'class A extends B { static #p = 1; get x() { return super.x ?? 0; } *gen() { yield* [1]; } }',
    'for await (const x of xs) { label: for (let [i, j] of m) continue label; }',
    'let re = /(?<year>\\d{4})-(?<m>\\d\\d)/gu, n = 0x1F + 0o17 + 0b11 + 1_000 + .5e-3;',
    'a?.b?.[c]?.(d); x ||= y; z &&= w; q ??= r; o = {...p, [k]: v, m() {}, get g() { return 1; }};',
    'import("x").then(m => m.default);'
];
modern.forEach(function (src, i) {
    try {
        show('modern ' + i, esprima.parseScript(src));
    } catch (e) {
        console.log('modern ' + i + ' -> ' + e.message);
    }
});
show('module', esprima.parseModule('import a, {b as c} from "m"; export default function () {} export * from "n";'));

var bad = ['var = 1;', 'function (', 'a => { return }}', '"unterminated', 'let let = 1;',
           '/re', '1 +', 'for (;;', 'x = {a:1,,}', '`${`', 'class { }', 'if (a) else b'];
bad.forEach(function (src) {
    try {
        esprima.parseScript(src);
        console.log('parsed?! ' + src);
    } catch (e) {
        console.log(JSON.stringify(src) + ' -> ' + e.name + ': ' + e.message + ' @' + e.index + ':' + e.lineNumber + ':' + e.column);
    }
});

show('jsx', esprima.parseScript('var el = <div className="a" {...props} data-x={1 + 2}>Hello, {name}! <br/><Foo.Bar key="k">&amp; text</Foo.Bar></div>;', { jsx: true, range: true }));
show('tokens with comments', esprima.tokenize('/* c */ var a = /re/g; // line\nb = `t${a}`', { comment: true, loc: true }));
var visited = [];
esprima.parseScript('function f(a, b) { return a + b * 2; }', {}, function (node, meta) {
    visited.push(node.type + '@' + meta.start.offset + '-' + meta.end.offset);
});
console.log(visited.join(' '));
show('attachComment', esprima.parseScript('/** doc */\nfunction g() {} // trailing\n', { attachComment: true }));
