// Tagged templates: template objects, raw strings, caching per site.
function tag(strings, ...subs) { return { strings, subs }; }
var r = tag`a${1}b${2}c`;
print(JSON.stringify(r.strings), JSON.stringify(r.strings.raw), r.subs.join());
print(Object.isFrozen(r.strings), Object.isFrozen(r.strings.raw), Array.isArray(r.strings));
var d = Object.getOwnPropertyDescriptor(r.strings, "raw");
print(d.writable, d.enumerable, d.configurable);
function site() { return tag`x`.strings; }
print(site() === site(), tag`x`.strings === tag`x`.strings);
var objs = [];
for (var i = 0; i < 2; i++) objs.push(tag`loop${i}`.strings);
print(objs[0] === objs[1]);
print(JSON.stringify(tag`\unicode and \u{55}`.strings), tag`\unicode`.strings.raw[0]);
var o = { m(s) { return this === o && s[0]; } };
print(o.m`member this`);
print(String.raw`a\n${1 + 1}b`);
print((x => x)`line1
line2`.raw[0].length);
