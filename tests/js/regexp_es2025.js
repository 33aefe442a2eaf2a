// ES2025 RegExp features newer than the node used for other .expected files:
// duplicate named groups, pattern modifiers, RegExp.escape. Expected output
// written from the spec.
var print = console.log;
function show(v) { return JSON.stringify(v); }
var m = /(?<a>x)|(?<a>y)/.exec("y");
print(show(m.groups), Object.keys(m.groups).join());
print("2024-05".replace(/(?<y>\d{4})-(?<m>\d\d)|(?<m>\d\d)\/(?<y>\d{4})/, "$<m>.$<y>"),
      "05/2024".replace(/(?<y>\d{4})-(?<m>\d\d)|(?<m>\d\d)\/(?<y>\d{4})/, "$<m>.$<y>"));
print(show(/(?:(?<a>x)|(?<a>y))\k<a>/.exec("yy")), /(?:(?<a>x)|(?<a>y))\k<a>/.test("yx"));
var d = /(?<a>x)|(?<a>y)/d.exec("y");
print(show(d.indices.groups));
try { new RegExp("(?<a>x)(?<a>y)"); } catch (e) { print(e.name); }
print(/(?i:a)b/.test("Ab"), /(?i:a)b/.test("AB"), /(?-i:a)b/i.test("aB"), /(?-i:a)b/i.test("Ab"));
print(/(?m:^b)/.test("a\nb"), /^b/.test("a\nb"), /(?s:.)./.test("\n\n"), /(?s:.)./.test("\nx"));
print(/(?i:[a-c])/.test("B"), /(?i:\w)/u.test("\u017F"), /\b(?i:x)\b/.test(" X "));
["(?ii:a)", "(?-:a)", "(?i-i:a)", "(?x:a)", "(?i", "(?i-:a)", "(?-i:a)"].forEach(function (p) {
  try { new RegExp(p); print("ok", p); } catch (e) { print(e.name, p); }
});
print(RegExp.escape("foo.bar"), RegExp.escape("1a"), RegExp.escape("a-b c"), RegExp.escape("(x)"));
print(RegExp.escape("\n\u2028\ud800 é"), RegExp.escape(""), RegExp.escape("_$"));
try { RegExp.escape(1); } catch (e) { print(e.name); }
