// Case mapping, trimming, padding, repeat, split, replace, well-formedness, HTML.
function show(label, v) { print(label + ": " + v); }
show("upper", ["abc".toUpperCase(), "straße".toUpperCase(), "ÿµ".toUpperCase(), "àéî".toUpperCase(), "ǆ".toUpperCase(), "ﬁ".toUpperCase(), "ABC".toUpperCase()].join("|"));
show("lower", ["ABC".toLowerCase(), "ÀÉÎ".toLowerCase(), "ΑΣ".toLowerCase(), "ΑΣ Α".toLowerCase(), "Σ".toLowerCase(), "İ".toLowerCase().length, "abc".toLowerCase()].join("|"));
show("locale", "Abc".toLocaleUpperCase() + " " + "Abc".toLocaleLowerCase());
show("surrogate case", "\uD801\uDC00".toLowerCase() === "\uD801\uDC28");
show("trim", ["[" + "  a b \t\n".trim() + "]", "[" + "\u00a0\ufeffx\u2028".trimStart() + "]", "[" + " x ".trimEnd() + "]", "[" + "   ".trim() + "]"].join(""));
show("pad", ["abc".padStart(6), "abc".padEnd(6, "12"), "abc".padStart(8, "xy"), "abc".padStart(2), "abc".padEnd(6, ""), "abc".padStart(5, "\u0100")].join("|"));
try { "a".padEnd(2 ** 31); } catch (e) { show("pad huge", e.name); }
show("pad huge empty", "a".padEnd(2 ** 40, "").length);
show("repeat", ["ab".repeat(3), "x".repeat(0), "".repeat(100), "\u0100".repeat(2).length].join("|"));
try { "a".repeat(-1); } catch (e) { show("repeat neg", e.name); }
try { "a".repeat(Infinity); } catch (e) { show("repeat inf", e.name); }
try { "ab".repeat(2 ** 30); } catch (e) { show("repeat long", e.name + " " + e.message); }
show("repeat empty big", "".repeat(2 ** 40).length);
show("split", [JSON.stringify("a,b,,c".split(",")), JSON.stringify("abc".split("")), JSON.stringify("abc".split()), JSON.stringify("abc".split("", 2)), JSON.stringify("".split(",")), JSON.stringify("".split("")), JSON.stringify("a,b,c".split(",", 2)), JSON.stringify("a,b".split(",", 0)), JSON.stringify("a--b--".split("--")), JSON.stringify("ab".split(undefined, 0))].join(" "));
var big = "x,".repeat(100000);
show("split long", big.split(",").length);
var splitter = { [Symbol.split]: function (s, lim) { return "custom " + s + " " + lim; } };
show("split delegate", "abc".split(splitter, 3));
show("replace", ["aXbX".replace("X", "-"), "abc".replace("z", "-"), "abc".replace("", "-"), "abc".replace("b", "[$&|$`|$'|$$|$1|$<n>]"), "abc".replace("b", function (m, p, s) { return m + p + s; }), "abc".replace("b", "$"), "abc".replace("b", "$0$00$10")].join(" "));
show("replaceAll", ["aXbXc".replaceAll("X", "-"), "abc".replaceAll("", "-"), "aaa".replaceAll("aa", "b"), "xyx".replaceAll("x", function (m, p) { return p; }), "abab".replaceAll("b", "[$`]")].join(" "));
var rlong = "ab".repeat(50000).replaceAll("a", "xy");
show("replaceAll long", rlong.length + " " + rlong.slice(0, 6));
var replacer = { [Symbol.replace]: function (s, r) { return "R(" + s + "," + r + ")"; } };
show("replace delegate", "abc".replace(replacer, "z") + " " + "abc".replaceAll(replacer, "z"));
var order = [];
var sv = { toString: function () { order.push("search"); return "b"; } };
var rv = { toString: function () { order.push("replace"); return "B"; } };
var thisv = { toString: function () { order.push("this"); return "abc"; } };
show("replace order", String.prototype.replace.call(thisv, sv, rv) + " " + order.join(","));
var fakeRe = { [Symbol.match]: true, flags: "i", [Symbol.replace]: function () { return "no"; } };
try { "x".replaceAll(fakeRe, ""); } catch (e) { show("replaceAll nonglobal", e.name); }
fakeRe.flags = "gi";
show("replaceAll global", "x".replaceAll(fakeRe, ""));
var matcher = { [Symbol.match]: function (s) { return "m:" + s; }, [Symbol.search]: function (s) { return "s:" + s; }, [Symbol.matchAll]: function (s) { return "ma:" + s; } };
show("match/search delegate", "abc".match(matcher) + " " + "abc".search(matcher));
try { "abc".matchAll(matcher); } catch (e) { show("matchAll no flags", e.name); }
show("matchAll delegate", "abc".matchAll({ [Symbol.matchAll]: function (s) { return "ma:" + s; } }));
show("wellformed", ["abc".isWellFormed(), "a\uD800".isWellFormed(), "\uD83D\uDE00".isWellFormed(), "\uDC00a".isWellFormed(), escape("a\uD800b\uDC00\uD83D\uDE00".toWellFormed()), "abc".toWellFormed()].join(","));
show("normalize", ["abc".normalize(), "abc".normalize("NFD"), "caf\u00e9".normalize("NFC"), "abc".normalize(undefined)].join(","));
try { "a".normalize("nfc"); } catch (e) { show("normalize bad", e.name); }
show("html", ["a".anchor('x"y'), "b".big(), "c".blink(), "d".bold(), "e".fixed(), "f".fontcolor("red"), "g".fontsize(7), "h".italics(), "i".link("u"), "j".small(), "k".strike(), "l".sub(), "m".sup()].join(""));
try { String.prototype.bold.call(null); } catch (e) { show("html null", e.name); }
