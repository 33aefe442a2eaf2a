// The built-in fast paths (split without a splitter object, direct
// lastIndex stores, capture reset between start positions) must behave
// exactly like the spec's observable steps.
var log = [];
function show(v) { print(JSON.stringify(v)); }

// split: pieces, captures, limits, empty matches, sticky and unicode.
show('a1b22c333'.split(/(\d)+/));
show('a1b22c333'.split(/\d+/, 2));
show('abc'.split(/(?:)/, 0));
show('abc'.split(/(?:)/, 2.9));
show('xaxbx'.split(/x/y));
show('\ud83d\ude00a\ud83d\ude00'.split(/(?:)/u));
show('\ud83d\ude00a'.split(/(?:)/));
show(''.split(/a*/));
show(''.split(/b/));
show('aXbXc'.split(/x/i));
show('one  two three'.split(/(\s)(\s)?/));

// A getter on Symbol.match runs once per split (IsRegExp in the constructor).
var desc = Object.getOwnPropertyDescriptor(RegExp.prototype, Symbol.match);
Object.defineProperty(RegExp.prototype, Symbol.match, {
    get: function () { log.push('match'); return desc.value; }, configurable: true });
show('a-b'.split(/-/));
Object.defineProperty(RegExp.prototype, Symbol.match, desc);
show(log);

// A limit whose valueOf runs after the splitter exists and swaps exec.
var origExec = RegExp.prototype.exec;
var calls = 0;
var lim = { valueOf: function () {
    RegExp.prototype.exec = function (s) { calls++; return origExec.call(this, s); };
    return 10; } };
show('a,b,c'.split(/,/, lim));
RegExp.prototype.exec = origExec;
show(calls > 0);

// A species constructor is used (and so sees the "y" flag).
class R extends RegExp {
    static get [Symbol.species]() { log.push('species'); return RegExp; }
}
show('p;q'.split(new R(';')));
show(log);

// lastIndex: stores honour non-writable, and ToLength reads user values.
var g = /a/g;
Object.defineProperty(g, 'lastIndex', { writable: false, value: 0 });
try { g.exec('bab'); show('no throw'); } catch (e) { show(e.constructor.name); }
try { g.exec('bbb'); show('no throw'); } catch (e) { show(e.constructor.name); }
var g2 = /a/g;
g2.lastIndex = { valueOf: function () { return 2; } };
show([g2.exec('aaaa').index, g2.lastIndex]);
var y = /b/y;
y.lastIndex = 1;
show([y.test('abc'), y.lastIndex, y.test('abc'), y.lastIndex]);

// Captures from a failed start position do not leak into a later match.
show(/(a)?(b)c|(x)/.exec('abd x'));
show(/^(?:(a)|b)*c/.exec('ab c'));
show(/(\d+)-(\d+)|(z)/.exec('12-a z'));
var re = /(q)?z|(y)/g;
show('qy y z'.replace(re, '[$1|$2]'));

// Result arrays keep their shape and property order.
var m = /(?<w>o)/.exec('foo');
show([Object.keys(m), m.index, m.input, m.groups.w]);
