// gc-stress-every: 50
// Long substrings share their base string's buffer (slices); they must read
// the right units, survive the base going out of scope, nest, become
// property keys, and mix with ropes, wide and Latin-1 strings.
function make(n, wide) {
    var s = '';
    for (var i = 0; i < n; i++) s += String.fromCharCode((wide && i % 7 === 0 ? 0x3b1 : 97) + (i % 26));
    return s;
}
function sum(s) {
    var h = 0;
    for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
    return h;
}
var keep = [];
[false, true].forEach(function (wide) {
    var base = make(5000, wide);
    var a = base.substring(100), b = a.slice(50, 4000), c = b.substr(10, 200), d = c.substring(1, 150);
    console.log(wide, a.length, b.length, c.length, d.length, sum(a), sum(b), sum(c), sum(d));
    console.log(d === base.substring(161, 310), d.charAt(0) === base.charAt(161), b.indexOf(d), (b + d).length);
    keep.push(d, b.slice(-100));
});
// The bases are gone; the slices still read them.
var junk = [];
for (var i = 0; i < 2000; i++) junk.push({ i: i, s: 'x' + i });
console.log(keep.map(sum).join(' '), keep.map(function (s) { return s.length; }).join(' '));
// A slice of a rope, and a slice as a property key.
var rope = make(300, false) + make(300, true);
var key = rope.substring(250, 400);
var o = {};
o[key] = 1;
console.log(Object.keys(o)[0] === key, o[rope.substring(250, 400)], key.length, sum(key));
// The rest of a long input at each step, the pattern that was quadratic.
var text = make(3000, true), pos = 0, count = 0, re = /[α-ω]/;
while (pos < text.length) {
    var rest = text.substring(pos), m = re.exec(rest);
    if (!m) break;
    count++;
    pos += m.index + 1;
}
console.log(count, pos);
console.log(JSON.stringify(text.substring(2900, 2970)), text.substring(10, 80).toUpperCase().length);
