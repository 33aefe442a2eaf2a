// lib: prismjs/components/prism-core.js
// lib: prismjs/components/prism-markup.js
// lib: prismjs/components/prism-css.js
// lib: prismjs/components/prism-clike.js
// lib: prismjs/components/prism-javascript.js
// lib: prismjs/components/prism-markup-templating.js
// lib: prismjs/components/prism-c.js
// lib: prismjs/components/prism-cpp.js
// lib: prismjs/components/prism-python.js
// lib: prismjs/components/prism-ruby.js
// lib: prismjs/components/prism-php.js
// lib: prismjs/components/prism-bash.js
// lib: prismjs/components/prism-json.js
// lib: prismjs/components/prism-yaml.js
// lib: prismjs/components/prism-markdown.js
// lib: prismjs/components/prism-sql.js
// lib: prismjs/components/prism-rust.js
// lib: prismjs/components/prism-go.js
// lib: prismjs/components/prism-java.js
// lib: prismjs/components/prism-typescript.js
// lib: prismjs/components/prism-jsx.js
// lib: prismjs/components/prism-regex.js
// lib: prismjs/components/prism-diff.js
// lib: prismjs/components/prism-haskell.js
// lib: prismjs/components/prism-lisp.js
// data: underscore=underscore/underscore-umd.js
// data: readme=marked/README.md
// Highlights code with Prism (its grammars lean on lookbehind and nested
// regexes): HTML output, token streams, and whole files.

var samples = {
    javascript: 'import {a} from "b";\nconst re = /ab+c/gi, t = `x ${a + 1}`;\nclass Foo extends Bar {\n  async *gen(x = 1, ...r) { yield await x?.y ?? 0x1F; }\n}\n// comment\nfunction f() { return new Foo(); } /* block */',
    markup: '<!DOCTYPE html>\n<html lang="en"><head><title>T &amp; x</title><script>var a = 1 < 2;</script>\n<style>p { color: red }</style></head>\n<!-- c --><body class=\'x\' data-y=1><![CDATA[ raw ]]></body></html>',
    css: '@media (max-width: 600px) {\n  .a > #b:hover::after, a[href^="http"] { color: #fff !important; margin: -1.5em calc(100% - 2px); }\n}\n@import url("x.css");',
    c: '#include <stdio.h>\n#define MAX(a, b) ((a) > (b) ? (a) : (b))\nint main(int argc, char **argv) { unsigned long x = 0xFFul; printf("%s\\n", argv[0]); return 0; }',
    cpp: 'template <typename T>\nstd::vector<T> f(const T& x) noexcept {\n  auto l = [&](int i) -> int { return i * 2; };\n  return {x, x};\n}',
    python: '@decorator\ndef fib(n: int) -> int:\n    """Docstring."""\n    a, b = 0, 1\n    return f"{a!r:>10} {b}"\n\nprint(fib(10), 0o17, 1e-3j, r"raw\\n")',
    ruby: 'class Foo < Bar\n  attr_reader :x\n  def initialize(x = nil)\n    @x = x || {a: 1, "b" => 2}\n  end\nend\nputs "#{Foo.new.x}" if __FILE__ == $0 # c',
    php: '<?php\nnamespace App;\nfunction greet(string $name): string { return "Hello, {$name}!"; }\necho greet($_GET[\'n\'] ?? \'world\');\n?>',
    bash: '#!/bin/bash\nfor f in *.txt; do\n  echo "${f%.txt} $(wc -l < "$f")" >> out.log 2>&1\ndone',
    json: '{"a": [1, 2.5e-3, true, null], "b": {"c": "str\\"ing"}}',
    yaml: 'key: value\nlist:\n  - 1\n  - "two"\nanchor: &a {x: 1}\nref: *a # comment\ntext: |\n  block',
    markdown: '# Title\n\nSome *emphasis* and **strong** and `code`.\n\n- item [link](http://x.y "t")\n\n```js\nvar x = 1;\n```\n> quote',
    sql: 'SELECT u.id, COUNT(*) AS n FROM users u WHERE u.name LIKE \'%a%\' GROUP BY u.id HAVING n > 5; -- c',
    rust: 'fn main() -> Result<(), Box<dyn std::error::Error>> {\n    let v: Vec<u8> = vec![1, 2, 3];\n    println!("{:?}", v.iter().map(|x| x * 2).collect::<Vec<_>>());\n    Ok(())\n}',
    go: 'package main\nimport "fmt"\nfunc main() { ch := make(chan int, 3); go func() { ch <- 42 }(); fmt.Printf("%v\\n", <-ch) }',
    java: '@Override\npublic final class Main<T extends Comparable<T>> { private static final long N = 100L; }',
    typescript: 'interface P { readonly x: number; y?: string }\nenum E { A = 1, B }\nexport function f<T extends P>(p: T): Partial<T> { return { ...p } as Partial<T>; }',
    jsx: 'const App = () => <div className="app" onClick={() => go(1)}>Hello {name}<br/></div>;',
    regex: '(?<year>\\d{4})-(?:\\d\\d)[^a-z\\]]+?\\b\\1|\\p{L}*$',
    diff: '--- a/file\n+++ b/file\n@@ -1,3 +1,3 @@\n context\n-old line\n+new line',
    haskell: 'module Main where\nimport Data.List (sort)\nmain :: IO ()\nmain = print . sort $ [3, 1, 2] -- c',
    lisp: '(defun fact (n) (if (<= n 1) 1 (* n (fact (- n 1))))) ; comment'
};
Object.keys(samples).forEach(function (lang) {
    console.log('--- ' + lang);
    console.log(Prism.highlight(samples[lang], Prism.languages[lang], lang));
});
console.log('--- tokens');
function shape(tokens) {
    return tokens.map(function (t) {
        if (typeof t === 'string') return JSON.stringify(t);
        return t.type + (t.alias ? '/' + t.alias : '') + '(' + (Array.isArray(t.content) ? shape(t.content) : JSON.stringify(t.content)) + ')';
    }).join(' ');
}
console.log(shape(Prism.tokenize(samples.javascript, Prism.languages.javascript)));
console.log(shape(Prism.tokenize(samples.markup, Prism.languages.markup)));
console.log('--- whole files');
var big = Prism.highlight(LIBDATA.underscore, Prism.languages.javascript, 'javascript');
console.log(big.length, big.slice(0, 2000), big.slice(-1000));
var md = Prism.highlight(LIBDATA.readme, Prism.languages.markdown, 'markdown');
console.log(md.length, md.slice(0, 2000));
console.log(Object.keys(Prism.languages).sort().join(' '));
