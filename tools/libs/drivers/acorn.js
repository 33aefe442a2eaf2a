// lib: acorn/dist/acorn.js
// data: moment=moment/moment.js
// data: marked=marked/lib/marked.umd.js
// Parses real sources and modern syntax with acorn (latest ecmaVersion).

function show(label, value) {
    console.log('== ' + label);
    console.log(JSON.stringify(value, null, 1));
}

show('marked.umd.js with locations',
     acorn.parse(LIBDATA.marked, { ecmaVersion: 'latest', locations: true, ranges: true }));

var comments = [];
var tokens = 0;
var ast = acorn.parse(LIBDATA.moment, {
    ecmaVersion: 2020, onComment: comments, onToken: function () { tokens++; }
});
show('moment.js summary', {
    statements: ast.body.length, tokens: tokens, comments: comments.length,
    firstComment: comments[0], lastComment: comments[comments.length - 1]
});

var modern = [
    'const f = async (a, {b, c = 1}, ...rest) => { await a; return `x${b}y${c}`; };',
    'class A extends B { static #p = 1; #q; static { init(); } get x() { return super.x ?? this.#q; } *gen() { yield* [1]; } has(o) { return #q in o; } }',
    'async function g() { for await (const x of xs) { label: for (let [i, j] of m) continue label; } }',
    'let re = /(?<year>\\d{4})-(?<m>\\d\\d)/dgsu, n = 0x1F + 0o17 + 0b11 + 1_000 + .5e-3;',
    'a?.b?.[c]?.(d); x ||= y; z &&= w; q ??= r; o = {...p, [k]: v, m() {}, get g() { return 1; }};',
    'import("x").then(m => m.default); tag`a${1}\\unicode`; function nt() { return new.target; } x = a ** -b;',
    'label: { break label; } switch (x) { case 1: default: } do ; while (0) debugger;'
];
modern.forEach(function (src, i) {
    show('modern ' + i, acorn.parse(src, { ecmaVersion: 'latest', allowReturnOutsideFunction: true }));
});
show('module', acorn.parse('import a, {b as c} from "m"; export default class {} export * as ns from "n"; export const x = import.meta.url; await 1;',
                           { ecmaVersion: 'latest', sourceType: 'module' }));

var toks = [];
for (var t of acorn.tokenizer('let x = /ab+c/gi.test(`t${1 + 2}`) ? 0.5e10 : "s\\n";', { ecmaVersion: 'latest' }))
    toks.push(t.type.label + ':' + JSON.stringify(t.value));
console.log(toks.join(' '));

var bad = ['var = 1;', 'function (', 'a => { return }}', '"unterminated', 'let let = 1;',
           '/re', '1 +', 'for (;;', 'x = {a:1,,}', '`${`', 'class { }', 'if (a) else b',
           '/(?<a>x)(?<a>y)/', '/\\p{Nope}/u', 'a?.b = 1', '0777n', '({a:1} = 1)', 'yield => 1; function* g() { yield => 1 }'];
bad.forEach(function (src) {
    try {
        acorn.parse(src, { ecmaVersion: 'latest' });
        console.log('parsed ' + JSON.stringify(src));
    } catch (e) {
        console.log(JSON.stringify(src) + ' -> ' + e.name + ': ' + e.message + ' @' + e.pos);
    }
});
