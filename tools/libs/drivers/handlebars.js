// lib: handlebars/dist/handlebars.js min=handlebars/dist/handlebars.min.js
// Compiles and runs Handlebars templates: helpers, partials, block params,
// each/with/if/unless/lookup/log, escaping, whitespace control, precompile.

var hb = Handlebars.create();
hb.registerHelper('upper', function (s) { return String(s).toUpperCase(); });
hb.registerHelper('money', function (n, options) {
    var digits = options.hash.digits === undefined ? 2 : options.hash.digits;
    return '$' + Number(n).toFixed(digits);
});
hb.registerHelper('link', function (text, url) {
    return new hb.SafeString('<a href="' + hb.escapeExpression(url) + '">' + hb.escapeExpression(text) + '</a>');
});
hb.registerHelper('list', function (items, options) {
    var out = '<ul>';
    for (var i = 0; i < items.length; i++) out += '<li>' + options.fn(items[i], { data: { index: i } }) + '</li>';
    return out + '</ul>';
});
hb.registerHelper('eq', function (a, b) { return a === b; });
hb.registerHelper('join', function () {
    var args = Array.prototype.slice.call(arguments, 0, -1);
    return args.join('|');
});
hb.registerPartial('person', '{{name}} ({{age}}){{#if @last}}.{{else}}, {{/if}}');
hb.registerPartial('card', '<div class="{{cls}}">{{> @partial-block }}</div>');

var data = {
    title: 'Joe\'s <b>"Shop"</b> & more',
    people: [{ name: 'Ada', age: 36 }, { name: 'Alan', age: 41 }, { name: 'Grace', age: 85 }],
    prices: { apple: 1.5, bread: 2.25, tea: 0.1 + 0.2 },
    nested: { a: { b: { c: 'deep' } } },
    empty: [],
    zero: 0,
    html: '<script>x</script>',
    url: 'http://example.com/?a=1&b=<2>'
};

var templates = [
    '<h1>{{title}}</h1>{{{title}}}',
    '{{#each people}}{{> person}}{{/each}}',
    '{{#each people as |p i|}}{{i}}:{{p.name}}{{#unless @last}}; {{/unless}}{{/each}}',
    '{{#each prices}}{{@key}}={{money this digits=3}} {{/each}}',
    '{{#with nested.a.b}}{{c}} {{../title}}{{/with}}',
    '{{#if empty}}yes{{else if zero}}zero{{else}}neither{{/if}}',
    '{{#each empty}}x{{else}}no people{{/each}}',
    '{{upper title}} {{link "click <me>" url}}',
    '{{#list people}}{{@index}} {{name}}{{/list}}',
    '{{lookup people 1}}{{#with (lookup people 1)}}{{name}}{{/with}} {{lookup prices "tea"}}',
    '{{#if (eq zero 0)}}zero is zero{{/if}} {{join "a" 1 true zero}}',
    '  {{~#each people~}}  [{{name}}]  {{~/each~}}  !',
    '{{!-- comment with }} inside --}}{{! short }}{{html}} \\{{escaped}}',
    '{{#> card cls="big"}}inside {{title}}{{/card}}',
    '{{people.length}} {{people.[1].name}} {{this.nested.a.b.c}}',
    '{{#each people}}{{#if @first}}first:{{/if}}{{name}}{{/each}}',
    'Line 1\n{{#if zero}}\nhidden\n{{else}}\nshown\n{{/if}}\nLine 3\n'
];
templates.forEach(function (t, i) {
    console.log('--- template ' + i);
    console.log(hb.compile(t)(data));
});

console.log('--- parse');
console.log(JSON.stringify(hb.parse('{{#if a}}{{b.c}} {{{d}}}{{else}}{{> p x=1}}{{/if}}')));
console.log('--- precompile');
var spec = hb.precompile('{{#each items}}<li>{{upper name}} {{@index}}</li>{{/each}}', { knownHelpers: { upper: true } });
console.log(spec);
var fn = hb.template(new Function('return ' + spec)());
console.log(fn({ items: [{ name: 'x' }, { name: 'y' }] }));
console.log('--- strict and errors');
console.log(hb.compile('{{a.b}}', { strict: false })({}));
['{{#if}}{{/if}}', '{{#each x}}', '{{foo bar=}}', '{{> missing}}', '{{a.b}}'].forEach(function (t) {
    try {
        console.log(hb.compile(t, { strict: t === '{{a.b}}' })({}));
    } catch (e) {
        console.log(e.name + ': ' + e.message);
    }
});
console.log(hb.escapeExpression('<a href="x?a=1&b=2">\'`=</a>'));
console.log(hb.Utils.isEmpty([]), hb.Utils.isArray([]), hb.VERSION);

console.log('--- options');
console.log(hb.compile('{{a}} {{{a}}}', { noEscape: true })({ a: '<b>' }));
console.log(hb.compile('{{#each xs}}{{../name}}{{name}}{{/each}}', { compat: true })({ name: 'outer', xs: [{}, { name: 'inner' }] }));
console.log(hb.compile('  {{> p}}\n', { preventIndent: false })({}, { partials: { p: 'line1\nline2\n' } }));
console.log(hb.compile('  {{> p}}\n', { preventIndent: true })({}, { partials: { p: 'line1\nline2\n' } }));
console.log(hb.compile('{{@root.top}} {{#with a}}{{@root.top}}{{/with}}')({ top: 'T', a: {} }));
console.log(hb.compile('{{#each obj}}{{@key}}:{{this}}{{#unless @last}},{{/unless}}{{/each}}')({ obj: { z: 1, a: 2, 10: 3, 2: 4 } }));
console.log(hb.compile('{{#each m}}{{@key}}={{this}} {{/each}}')({ m: new Map([['k1', 'v1'], ['k2', 'v2']]) }));
console.log(hb.compile('{{#each s}}{{this}};{{/each}}')({ s: new Set(['a', 'b']) }));
hb.registerHelper('helperMissing', function () { var o = arguments[arguments.length - 1]; return 'missing(' + o.name + ')'; });
console.log(hb.compile('{{nothere 1}} {{also.not}}')({}));
hb.registerDecorator('deco', function (program, props, container, options) { props.decorated = options.args[0]; });
console.log(hb.compile('{{* deco "yes"}}ok')({}));
try { hb.compile('{{foo}}', { knownHelpersOnly: true, knownHelpers: { foo: false } })({ foo: 'x' }); console.log('kho ok'); } catch (e) { console.log(e.message); }
console.log(hb.compile('{{{{raw}}}}{{not parsed}}{{{{/raw}}}}')({}, { helpers: { raw: function (o) { return o.fn(); } } }));
console.log(hb.compile('{{log "logged" level="debug"}}done')({}));
console.log(JSON.stringify(hb.Utils.extend({ a: 1 }, { b: 2 })), hb.Utils.escapeExpression(null), hb.Utils.escapeExpression(0), hb.Utils.escapeExpression(false));
