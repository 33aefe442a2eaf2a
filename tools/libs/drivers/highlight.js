// lib: @highlightjs/cdn-assets/highlight.js min=@highlightjs/cdn-assets/highlight.min.js
// data: underscore=underscore/underscore-umd.js
// Highlights code in many languages (explicitly and by auto-detection) with
// highlight.js and prints the HTML.

var samples = {
    javascript: 'import {a} from "b";\nconst re = /ab+c/gi, t = `x ${a + 1}`;\nclass Foo extends Bar {\n  async *gen(x = 1, ...r) { yield await x?.y ?? 0x1F; }\n}\n// comment\nfunction f() { return new Foo(); } /* block */',
    python: '@decorator\ndef fib(n: int) -> int:\n    """Docstring."""\n    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return f"{a!r:>10}"\n\nclass C(object): pass\nprint(fib(10), 0o17, 1e-3j, r"raw\\n")',
    c: '#include <stdio.h>\n#define MAX(a, b) ((a) > (b) ? (a) : (b))\nstatic const char *s = "str\\n";\nint main(int argc, char **argv) {\n    unsigned long x = 0xFFul; /* c */\n    for (int i = 0; i < argc; i++) printf("%s %d\\n", argv[i], \'c\');\n    return 0;\n}',
    css: '@media (max-width: 600px) {\n  .a > #b:hover::after, a[href^="http"] { color: #fff !important; margin: -1.5em calc(100% - 2px); }\n}\n@import url("x.css");',
    xml: '<!DOCTYPE html>\n<html lang="en"><head><title>T &amp; x</title><script>var a = 1 < 2;</script>\n<style>p { color: red }</style></head>\n<!-- c --><body class=\'x\' data-y=1><![CDATA[ raw ]]></body></html>',
    json: '{"a": [1, 2.5e-3, true, null], "b": {"c": "str\\"ing"}}',
    bash: '#!/bin/bash\nfor f in *.txt; do\n  echo "${f%.txt} $(wc -l < "$f")" >> out.log 2>&1\ndone\nif [[ -n $HOME && $# -gt 0 ]]; then exit 1; fi',
    sql: 'SELECT u.id, COUNT(*) AS n FROM users u LEFT JOIN orders o ON o.user_id = u.id\nWHERE u.created_at > \'2020-01-01\' AND u.name LIKE \'%a%\'\nGROUP BY u.id HAVING n > 5 ORDER BY n DESC LIMIT 10; -- comment',
    java: 'package a.b;\n@Override\npublic final class Main<T extends Comparable<T>> implements Runnable {\n  private static final long N = 100L;\n  public void run() { System.out.println("hi" + \'c\' + 1.5f); }\n}',
    go: 'package main\n\nimport "fmt"\n\nfunc main() {\n\tch := make(chan int, 3)\n\tgo func() { ch <- 42 }()\n\tfmt.Printf("%v\\n", <-ch) // done\n}',
    rust: '#[derive(Debug)]\nstruct P<\'a> { s: &\'a str }\nfn main() -> Result<(), Box<dyn std::error::Error>> {\n    let v: Vec<u8> = vec![1, 2, 3];\n    println!("{:?}", v.iter().map(|x| x * 2).collect::<Vec<_>>());\n    Ok(())\n}',
    markdown: '# Title\n\nSome *emphasis* and **strong** and `code`.\n\n- item [link](http://x.y "t")\n- item 2\n\n```js\nvar x = 1;\n```\n> quote',
    diff: '--- a/file\n+++ b/file\n@@ -1,3 +1,3 @@\n context\n-old line\n+new line',
    yaml: 'key: value\nlist:\n  - 1\n  - "two"\nanchor: &a {x: 1}\nref: *a # comment',
    php: '<?php\nnamespace App;\nfunction greet(string $name): string { return "Hello, {$name}!"; }\necho greet($_GET[\'n\'] ?? \'world\');\n?>',
    ruby: 'class Foo < Bar\n  attr_reader :x\n  def initialize(x = nil)\n    @x = x || {a: 1, "b" => 2}\n  end\nend\nputs "#{Foo.new.x}" if __FILE__ == $0',
    cpp: 'template <typename T>\nstd::vector<T> f(const T& x) noexcept {\n  auto l = [&](int i) -> int { return i * 2; };\n  return {x, x};\n}',
    typescript: 'interface P { readonly x: number; y?: string }\nenum E { A = 1, B }\nexport function f<T extends P>(p: T): Partial<T> { return { ...p } as Partial<T>; }',
    ini: '[section]\nkey = value ; comment\nnum=42\n[other.sub]\npath="C:\\\\x"'
};

samples.csharp = 'using System;\nnamespace N {\n  public record P(int X);\n  class C<T> where T : new() {\n    async Task<int> F(string s = @"v\\x", int? n = null) { var x = $"{s}:{n ?? 0}"; return await Task.FromResult(0x1F); }\n  }\n}';
samples.kotlin = 'data class P(val x: Int, var y: String? = null)\nfun main() {\n    val list = listOf(1, 2, 3).map { it * 2 }\n    println("sum ${list.sum()} \\$ raw")\n    when (val z = list.first()) { in 1..5 -> println(z) else -> {} }\n}';
samples.swift = 'import Foundation\n@objc protocol P { func f() -> Int }\nstruct S: P {\n    let x: [String: Int] = ["a": 1]\n    func f() -> Int { return x["a"] ?? 0 }\n}\nlet s = """\n  multi \\(1 + 2)\n  """';
samples.scss = '$base: #333;\n@mixin m($a: 1px) { border: $a solid darken($base, 10%); }\n.nav { ul { margin: 0; } &:hover { @include m(2px); } #{$sel} { color: red; } }';
samples.less = '@c: #f00;\n.mixin(@a) when (iscolor(@a)) { color: @a; }\n.b { .mixin(@c); &-x { width: ~"calc(100% - 1px)"; } }';
samples.lua = '-- comment\nlocal function f(t, ...)\n  for k, v in pairs(t) do print(k, v) end\n  return #t, [[long\nstring]], 0x1p4\nend\n--[[ block ]] f({1, 2, x = "y"})';
samples.perl = '#!/usr/bin/perl\nuse strict;\nmy %h = (a => 1);\nmy @a = map { $_ * 2 } grep { /\\d+/ } qw(1 2 x);\nprint "ok $h{a}\\n" if $s =~ s/foo/bar/gi;\n__END__';
samples.r = 'library(dplyr)\nf <- function(x, ...) {\n  df %>% filter(x > 1L) %>% summarise(m = mean(y, na.rm = TRUE))\n}\nx <- c(1, NA, Inf, 1e-3); if (is.na(x[2])) print("na")';
samples.objectivec = '#import <Foundation/Foundation.h>\n@interface Foo : NSObject\n@property (nonatomic, strong) NSString *name;\n- (void)greet:(NSString *)who;\n@end\n@implementation Foo\n- (void)greet:(NSString *)who { NSLog(@"Hi %@", who); }\n@end';
samples.shell = '$ echo "hello" | tr a-z A-Z\nHELLO\n$ ls -la\ntotal 0';
samples.graphql = 'query Q($id: ID!) {\n  user(id: $id) { ...F @include(if: true) friends(first: 10) { edges { node { name } } } }\n}\nfragment F on User { id }';
samples.makefile = 'CC ?= gcc\nOBJ := $(SRC:.c=.o)\n.PHONY: all\nall: $(OBJ) ## build\n\t$(CC) -o $@ $^ $(LDLIBS)\n%.o: %.c\n\t@echo "CC $<"';
samples.wasm = '(module\n  (func $add (param $a i32) (param $b i32) (result i32)\n    local.get $a\n    local.get $b\n    i32.add)\n  (export "add" (func $add)))';
samples.vbnet = 'Imports System\nPublic Module M\n    \' comment\n    Sub Main()\n        Dim x As Integer = &HFF\n        If x > 1 AndAlso True Then Console.WriteLine($"x={x}")\n    End Sub\nEnd Module';
samples['python-repl'] = '>>> x = [i**2 for i in range(3)]\n>>> x\n[0, 1, 4]\n... continued';
samples['php-template'] = '<ul><?php foreach ($items as $i): ?><li><?= htmlspecialchars($i) ?></li><?php endforeach; ?></ul>';
samples.plaintext = 'just <text> & nothing else';

Object.keys(samples).forEach(function (lang) {
    var r = hljs.highlight(samples[lang], { language: lang, ignoreIllegals: true });
    console.log('--- ' + lang + ' relevance=' + r.relevance + ' illegal=' + r.illegal);
    console.log(r.value);
});

console.log('--- auto detection');
Object.keys(samples).forEach(function (lang) {
    var r = hljs.highlightAuto(samples[lang]);
    console.log(lang + ' -> ' + r.language + ' (' + r.relevance + ')' + (r.secondBest ? ' second ' + r.secondBest.language : ''));
});
var subset = hljs.highlightAuto('SELECT 1;', ['sql', 'javascript', 'python']);
console.log('subset -> ' + subset.language + ' ' + subset.value);

console.log('--- a whole library');
var big = hljs.highlight(LIBDATA.underscore, { language: 'javascript' });
console.log(big.relevance, big.value.length);
console.log(big.value.slice(0, 3000));
console.log(big.value.slice(-2000));

console.log('--- languages');
console.log(hljs.listLanguages().sort().join(' '));
console.log(hljs.getLanguage('js').name, hljs.getLanguage('py').name, !!hljs.getLanguage('nope'));
console.log(hljs.versionString);
