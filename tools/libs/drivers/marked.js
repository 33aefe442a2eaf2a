// lib: marked/lib/marked.umd.js min=marked/marked.min.js
// data: readme=marked/README.md
// data: hbreadme=handlebars/README.markdown
// Renders Markdown to HTML with marked (GFM, tables, lists, code, HTML,
// inline formatting, a custom renderer, the lexer and walkTokens).

var samples = [
    '# Heading 1\n## Heading *2*\nSetext\n======\n\nParagraph with **bold**, _em_, ~~del~~, `code`, and a [link](http://example.com "title").\nLine two  \nhard break.',
    '- item 1\n- item 2\n  - nested *a*\n  - nested b\n\n1. one\n2. two\n10. ten\n\n- [ ] todo\n- [x] done',
    '```js\nvar x = 1 < 2 && "a";\n```\n\n    indented code\n    more\n\n~~~\ntilde fence\n~~~',
    '| Left | Center | Right |\n|:-----|:------:|------:|\n| a | **b** | `c` |\n| d \\| e | f | g |',
    '> quote\n> > nested quote\n>\n> - list in quote\n\n---\n\n***',
    '<div class="x">\n*raw html*\n</div>\n\nInline <span>html</span> & entities &copy; &#169; &#xA9; <br/>',
    'Autolink <http://a.b/c?d=e&f=g> and www.example.com and https://x.y/z. Email <me@example.com> or foo@bar.baz',
    '![image](/img.png "Image") [ref link][ref] [collapsed][] [ref]\n\n[ref]: http://ref.example/ "Ref Title"\n[collapsed]: /c',
    'Escapes: \\*not em\\* \\_ \\# \\[ \\] and * spaced * and **unclosed and snake_case_word',
    'Footnote-ish[^1] and emoji :smile: and unicode \u00e9\u00e8 \ud83d\ude00 and <script>alert(1)</script>',
    'Term\n: not a definition list\n\nA | B\n- | -\n1 | 2',
    '1) paren list\n2) second\n\n* star\n+ plus\n\nlazy\ncontinuation\n\n    \nspaces'
];
marked.setOptions({ mangle: false }); // mangle:true picks random entities
samples.forEach(function (md, i) {
    console.log('--- sample ' + i);
    console.log(marked.parse(md));
});

console.log('--- options');
console.log(marked.parse('Line\nbreak and "quotes" -- dashes...', { breaks: true, gfm: true }));
console.log(marked.parseInline('**inline** _only_ `x`'));
console.log(marked.parse('# Title\n\ntext', { headerIds: true, headerPrefix: 'p-', mangle: false }));

console.log('--- custom renderer');
var renderer = new marked.Renderer();
renderer.heading = function (text, level) { return '<h' + level + ' class="custom">' + text.toUpperCase() + '</h' + level + '>\n'; };
renderer.link = function (href, title, text) { return '[' + text + '](' + href + ')'; };
renderer.code = function (code, lang) { return '<pre data-lang="' + (lang || 'none') + '">' + code.length + ' chars</pre>\n'; };
console.log(marked.parse('# hi\n\n[a](b)\n\n```py\nprint(1)\n```', { renderer: renderer, headerIds: false, mangle: false }));

console.log('--- lexer');
var tokens = marked.lexer('# T\n\n- a\n- b\n\n| x |\n|---|\n| 1 |\n\ntext *em*');
console.log(JSON.stringify(tokens, null, 1));
var types = [];
marked.walkTokens(tokens, function (t) { types.push(t.type); });
console.log(types.join(' '));

console.log('--- real documents');
console.log(marked.parse(LIBDATA.readme, { mangle: false, headerIds: false }));
console.log(marked.parse(LIBDATA.hbreadme, { mangle: false, headerIds: false }));
