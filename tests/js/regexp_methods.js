// gc-stress-every: 10  (allocates ~700000 cells: a minute with a collection at every allocation)
// RegExp.prototype methods and the String methods that delegate to them.
var print = console.log;
function show(v) { return JSON.stringify(v); }
print("x-y-z".replace(/-/g, "+"), "x-y-z".replace(/-/, "+"), "abc".replace(/b/, "[$&|$`|$'|$$]"));
print("john smith".replace(/(\w+)\s(\w+)/, "$2, $1"), "2020-12".replace(/(?<y>\d+)-(?<m>\d+)/, "$<m>/$<y>"));
print("aaa".replace(/a*/g, "X"), "abc".replace(/x*/g, "-"), "\u{1F600}\u{1F600}".replace(/(?:)/gu, "|").length);
print("a1b22c333".replace(/\d+/g, function (m, off, s) { return "<" + m + "@" + off + ">"; }));
print("2020-12".replace(/(?<y>\d+)-(?<m>\d+)/, function () { return show(arguments[arguments.length - 1]); }));
print("aaaa".replaceAll(/a/g, "b"), "a.b.c".replaceAll(".", "!"));
try { "a".replaceAll(/a/, "b"); } catch (e) { print(e.name); }
print(show("a1b2c3".split(/\d/)), show("a1b2c3".split(/(\d)/)), show("abc".split(/(?:)/)), show("".split(/x/)), show("".split(/(?:)/)));
print(show("a,b,c,d".split(/,/, 2)), show("A<B>bold</B>and<CODE>coded</CODE>".split(/<(\/)?([^<>]+)>/)));
print(show("\u{1F600}x".split(/(?:)/u)), show("\u{1F600}x".split(/(?:)/)));
print("hello".search(/l+/), "hello".search(/z/), show("a1b2".match(/\d/g)), show("ab".match(/z/g)));
print(show("test1 test2".match(/t(e)(st(\d?))/)));
var all = [..."test1 test2".matchAll(/t(e)(st(\d?))/g)].map(function (m) { return m.index + ":" + m.join(); });
print(show(all));
try { "x".matchAll(/x/); } catch (e) { print(e.name); }
var it = /a/g[Symbol.matchAll]("aa");
print(Object.prototype.toString.call(it), show(it.next()), it.next().done, it.next().done);
// lastIndex
var re = /o/g;
print(re.test("foo"), re.lastIndex, re.test("foo"), re.lastIndex, re.test("foo"), re.lastIndex);
var st = /o/y;
print(st.test("foo"), st.lastIndex, (st.lastIndex = 1, st.test("foo")), st.lastIndex);
print(show("a-b-c".split(/-/y)), "aaXa".replace(/a/gy, "b"), show(/b/y.exec("ab")));
var r2 = /a/; r2.lastIndex = 5; print(show(r2.exec("aa")), r2.lastIndex);
var r3 = /a/g; r3.lastIndex = 5; print(r3.exec("aa"), r3.lastIndex);
// flags and source
print(/a/gimsuyd.flags, /a/v.flags, /a/.global, /a/g.global, /a/y.sticky, /a/s.dotAll, /a/d.hasIndices, /a/v.unicodeSets);
print(new RegExp("/").source, String(new RegExp("a/b", "g")), new RegExp("").source, String(new RegExp("\n")), new RegExp("[/]").source);
print(RegExp.prototype.source, RegExp.prototype.global, RegExp.prototype.flags, String(RegExp.prototype));
var log = [];
var fake = {};
["hasIndices", "global", "ignoreCase", "multiline", "dotAll", "unicode", "unicodeSets", "sticky"].forEach(function (k) {
  Object.defineProperty(fake, k, { get: function () { log.push(k); return true; } });
});
print(Object.getOwnPropertyDescriptor(RegExp.prototype, "flags").get.call(fake), log.join());
// constructor
var a = /x/g;
print(RegExp(a) === a, new RegExp(a) === a, String(new RegExp(a, "i")), String(RegExp("a", "m")));
try { new RegExp("a", "gg"); } catch (e) { print(e.name); }
try { new RegExp("a", "uv"); } catch (e) { print(e.name); }
try { new RegExp("(") } catch (e) { print(e.name); }
class MyRE extends RegExp { exec(s) { log.push("exec:" + s); return super.exec(s); } }
log = [];
var my = new MyRE("b", "g");
print(my instanceof MyRE, "abcb".replace(my, "X"), log.join());
print(RegExp[Symbol.species] === RegExp, Object.getOwnPropertyNames(RegExp.prototype).sort().join());
var c = /a/; c.compile("b", "g"); print(String(c), c.lastIndex);
print(Object.getOwnPropertyDescriptor(/a/, "lastIndex").writable, Object.getOwnPropertyDescriptor(/a/, "lastIndex").enumerable);
function lit() { return /q/g; }
var l1 = lit(), l2 = lit(); l1.lastIndex = 3;
print(l1 === l2, l2.lastIndex, l1.source === l2.source);
print(/(?:ab|cd)\d?/.test("xxcd5"), /[a-z]+@[a-z]+\.com/i.exec("Mail: Foo@Bar.com!")[0]);
var big = "ab".repeat(50000);
print(big.replace(/a/g, "").length, big.split(/b/).length, (big.match(/ab/g) || []).length);
