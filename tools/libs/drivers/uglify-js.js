// pre: var exports = {}, domprops = ['innerHTML', 'addEventListener'];
// pre: var atob = function (s) { return s; }, btoa = function (s) { return s; }; // no source map is inlined
// lib: uglify-js/lib/utils.js
// lib: uglify-js/lib/ast.js
// lib: uglify-js/lib/transform.js
// lib: uglify-js/lib/parse.js
// lib: uglify-js/lib/scope.js
// lib: uglify-js/lib/compress.js
// lib: uglify-js/lib/output.js
// lib: uglify-js/lib/sourcemap.js
// lib: uglify-js/lib/mozilla-ast.js
// lib: uglify-js/lib/propmangle.js
// lib: uglify-js/lib/minify.js
// lib: uglify-js/tools/exports.js
// data: mustache=mustache/mustache.js
// data: bigjs=big.js/big.js
// data: underscore=underscore/underscore-umd.js
// UglifyJS (an ES5 minifier, loaded from its lib/ files the way its own
// tools/node.js does) compresses, mangles and beautifies real libraries.

function report(label, result) {
    console.log('== ' + label);
    if (result.error) {
        console.log('error: ' + result.error.message + ' ' + result.error.line + ':' + result.error.col);
        return;
    }
    if (result.warnings) console.log(result.warnings.join('\n'));
    console.log(result.code);
    if (result.map) console.log(result.map);
}

report('mustache compress+mangle', exports.minify(LIBDATA.mustache));
report('big.js toplevel, passes 2', exports.minify(LIBDATA.bigjs, { toplevel: true, compress: { passes: 2, unsafe: true }, mangle: { toplevel: true } }));
report('underscore beautify, no mangle', exports.minify(LIBDATA.underscore, { mangle: false, compress: { sequences: false }, output: { beautify: true, comments: 'all' } }));
report('source map', exports.minify({ 'a.js': 'function add(first, second) { return first + second; }\nconsole.log(add(1 + 2, 3 + 4));' }, { sourceMap: { filename: 'out.js', url: 'out.js.map' } }));
report('es2015+', exports.minify('class A { #x = 1; get x() { return this.#x; } static async *g(...a) { for await (const v of a) yield v ?? 0; } } const {a, ...rest} = obj; let f = (x = 1) => `t${x}`; label: for (const k in o) { if (k) continue label; }', { module: true }));
report('dead code and constants', exports.minify('function f(x) { var unused = 1; if (false) { g(); } const K = 60 * 60 * 24; return x ? K * 2 : "a" + "b" + 1; } while (1) { if (f(0)) break; } var s = "\\u00e9\\t\\n" + /re\\/x/g.source;', { compress: { toplevel: true, unsafe_math: true }, output: { ascii_only: true } }));
report('property mangle', exports.minify('var o = { _private: 1, publicName: 2 }; o._private += o.publicName; console.log(o._private);', { mangle: { properties: { regex: /^_/ } } }));
report('syntax error', exports.minify('function (a { return }'));
var ast = exports.parse('var x = 1 + 2 * y; if (x) { call(x, [1, 2], {k: "v"}); }');
var kinds = [];
ast.walk(new exports.TreeWalker(function (node) { kinds.push(node.TYPE); }));
console.log(kinds.join(' '));
console.log(ast.print_to_string({ beautify: true }));
