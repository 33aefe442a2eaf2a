// RegExp engine: syntax, matching semantics, captures, flags.
var print = console.log;
function show(v) { return JSON.stringify(v); }
function ex(re, s) { var m = re.exec(s); return m === null ? "null" : show(Array.prototype.slice.call(m)) + "@" + m.index; }
var cases = [
  [/a(b)c/, "xxabcx"], [/(\d+)-(\d+)/, "tel 123-456"], [/(a|ab)(c|bcd)(d*)/, "abcd"],
  [/a[a-z]{2,4}/, "abcdefghi"], [/a[a-z]{2,4}?/, "abcdefghi"], [/(aa|aabaac|ba|b|c)*/, "aabaac"],
  [/(z)((a+)?(b+)?(c))*/, "zaacbbbcac"], [/(a*)*/, "b"], [/(a*)b\1+/, "baaaac"],
  [/(?=(a+))/, "baaabac"], [/(?=(a+))a*b\1/, "baaabac"], [/(.*?)a(?!(a+)b\2c)\2(.*)/, "baaabaac"],
  [/(?<=\$)\d+(\.\d*)?/, "cost $10.53"], [/(?<!\$)\d+/, "$10 20"], [/(?<=(\d+)(\d+))$/, "1053"],
  [/(?<=\1(a))b/, "aab"], [/\bfoo\b/, "a foo b"], [/\Boo\B/, "foooo"], [/^abc$/m, "x\nabc\ny"],
  [/a.c/, "a\nc"], [/a.c/s, "a\nc"], [/[^]/, "\n"], [/[\b]/, "a\bc"], [/\cJ/, "a\nb"],
  [/\x41\u0042\u{43}/u, "ABC"], [/\0/, "a\0"], [/\101/, "A"], [/[\101-\103]+/, "xABCD"],
  [/\8/, "8"], [/a{/, "a{"], [/x{1,}?/, "xxx"], [/]/, "]"], [/\c/, "\\c"], [/[\c1]/, "\x11"],
  [/(?:)/, "abc"], [/a|/, "b"], [/|a/, "a"], [/((a)|b)+/, "ab"], [/(a)|b/, "b"],
  [/(?<year>\d{4})-(?<month>\d{2})/, "2020-12"],
  [/\k<a>(?<a>b)/, "bb"], [/(?<a>.)\k<a>/, "xyy"], [/\p{Lu}+/u, "abcDEFg"],
  [/\P{L}+/u, "abc123def"], [/\p{Script=Greek}+/u, "abcαβγ"], [/[\p{N}--\p{Nd}]/v, "1½"],
  [/[[a-z]&&[aeiou]]+/v, "xyzaei"], [/[\q{abc|d}x]+/v, "abcdxabq"], [/\p{RGI_Emoji}/v, "hi 👍🏽!"],
  [/./u, "\u{1F600}"], [/./, "\u{1F600}"], [/^.$/u, "\u{1F600}"], [/\u{1F600}/u, "x\u{1F600}"],
  [/[😀-😂]/u, "😁"], [/\ud83d/u, "\u{1F600}"], [/\ud83d/, "\u{1F600}"],
  [/ſ/i, "s"], [/ſ/iu, "S"], [/[a-z]/i, "\u212A"], [/[a-z]/iu, "\u212A"], [/\w/iu, "\u017F"],
  [/\W/iu, "\u017F"], [/ß/i, "SS"], [/Σ/i, "ς"], [/[^a]/i, "A"], [/\u0130/i, "i"],
  [/(a)?(b)?/, "b"], [/(?:a|(b))+/, "ab"], [/(a+)+b/, "aaab"],
  [/^(?:\s*(\w+)\s*=\s*("[^"]*"|\S+))+$/, "a = 1 b=\"x y\""], [/\d{3}(?!\d)/, "12345 678"],
  [/[a-c-e]/, "-"], [/[\d-z]+/, "1-z"], [/[-a]/, "-"], [/[\u{10000}-\u{10FFFF}]/u, "\u{10400}"],
  [/(?<𝒜>x)/u, "x"], [/(?<\u{1d49c}>x)/, "x"], [/x*y+$/, "xxyyy"], [/a+?b/, "aaab"],
];
for (var i = 0; i < cases.length; i++) print(i, String(cases[i][0]), ex(cases[i][0], cases[i][1]));
// groups object
var m = /(?<a>x)|(?<b>y)/.exec("y");
print(Object.getPrototypeOf(m.groups) === null, show(m.groups), Object.keys(m.groups).join());
// indices
var d = /(?<z>b)(c)?/d.exec("abd");
print(show(d.indices), show(d.indices.groups));
// early errors
var bad = ["a**", "(", ")", "[b-a]", "x{2,1}", "(?<n>a)(?<n>b)", "\\k<x>(?<y>a)", "{1}", "(?<=a)+",
  "a{2,1}", "\\", "[", "(?<1>a)"];
for (var i = 0; i < bad.length; i++) {
  try { new RegExp(bad[i]); print("ok", bad[i]); } catch (e) { print(e.name, bad[i]); }
}
var badu = ["\\k", "{", "}", "]", "\\2(a)", "\\c", "[\\d-z]", "\\-", "\\u{110000}", "\\p{Foo}", "\\P{RGI_Emoji}", "(?=a)*", "\\01", "[\\z]"];
for (var i = 0; i < badu.length; i++) {
  try { new RegExp(badu[i], "u"); print("ok", badu[i]); } catch (e) { print(e.name, badu[i]); }
}
var badv = ["[a&&&b]", "[^\\q{ab}]", "[a-z&&b]", "[(]", "[a--]", "[&&a]", "[a||b]", "[\\q{a}]", "[^\\p{RGI_Emoji}]"];
for (var i = 0; i < badv.length; i++) {
  try { new RegExp(badv[i], "v"); print("ok", badv[i]); } catch (e) { print(e.name, badv[i]); }
}
