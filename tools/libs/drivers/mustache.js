// lib: mustache/mustache.js min=mustache/mustache.min.js
// Renders templates with sections, inverted sections, partials, lambdas,
// escaping and custom delimiters.

var view = {
    title: 'Joe\'s <b>"Shop"</b> & more',
    items: [
        { name: 'apple', price: 1.5, tags: ['fruit', 'red'] },
        { name: 'bread', price: 2.25, tags: [] },
        { name: 'caf\u00e9', price: 0.1 + 0.2, tags: ['drink'] }
    ],
    empty: [],
    person: { first: 'Ada', last: 'Lovelace', address: { city: 'London' } },
    count: 0,
    flag: false,
    nothing: null,
    html: '<script>alert("x")</script>',
    total: function () { return this.items.reduce(function (s, i) { return s + i.price; }, 0).toFixed(2); },
    bold: function () { return function (text, render) { return '<b>' + render(text) + '</b>'; }; },
    upper: function () { return function (text) { return text.toUpperCase(); }; }
};

var partials = {
    item: '<li>{{name}}: {{price}}{{#tags.length}} [{{#tags}}{{.}}{{^last}},{{/last}}{{/tags}}]{{/tags.length}}</li>',
    footer: '{{! a comment }}Total: {{total}}\n  {{> signature}}',
    signature: '-- {{person.first}} {{person.last}} of {{person.address.city}}'
};

var templates = [
    '<h1>{{title}}</h1> {{{title}}} {{&title}}',
    '<ul>\n{{#items}}\n  {{> item}}\n{{/items}}\n</ul>',
    '{{#empty}}never{{/empty}}{{^empty}}no items{{/empty}}',
    '{{#person}}{{first}} lives in {{address.city}}{{/person}}',
    '{{count}} {{flag}} [{{nothing}}] [{{missing.deep.path}}]',
    '{{#count}}zero is falsy?{{/count}}{{^flag}}flag off{{/flag}}',
    '{{html}} / {{{html}}}',
    '{{#bold}}Hi {{person.first}}{{/bold}} {{#upper}}shout{{/upper}}',
    '{{> footer}}',
    '{{=<% %>=}}<% title %> {{not a tag}} <%={{ }}=%>{{person.last}}',
    '{{#items}}{{name}}{{#tags}}-{{.}}{{/tags}};{{/items}}',
    'Line one\n  {{#flag}}\n  hidden\n  {{/flag}}\nLine two\n'
];
templates.forEach(function (t, i) {
    console.log('--- template ' + i);
    console.log(Mustache.render(t, view, partials));
});

console.log('--- parse tree');
console.log(JSON.stringify(Mustache.parse('Hello {{name}}! {{#list}}<{{.}}>{{/list}}{{^x}}y{{/x}}{{> p}}')));
console.log('--- escape');
console.log(Mustache.escape('<a href="x?a=1&b=2">\'`=/</a>'));
console.log('--- custom tags');
console.log(Mustache.render('[[ greeting ]], [[{ raw }]]', { greeting: 'hi & bye', raw: '<i>' }, {}, ['[[', ']]']));
console.log('--- errors');
['{{#open}}never closed', '{{/close}}', '{{#a}}{{/b}}', '{{=<% %>}}', '{{ unclosed'].forEach(function (t) {
    try {
        console.log(Mustache.render(t, {}));
    } catch (e) {
        console.log(e.message);
    }
});
