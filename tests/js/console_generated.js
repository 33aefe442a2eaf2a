// console.log of generated nested values (expected output from node).
var seed = 7;
function rnd(n) { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; }
var words = ['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff', 'x y', "it's", 'k-1', '_id', 'Name9', '', 'a much longer string value'];
function gen(d) {
  var r = rnd(d > 2 ? 5 : 9);
  switch (r) {
    case 0: return rnd(100000) - 500;
    case 1: return rnd(10);
    case 2: return words[rnd(words.length)];
    case 3: return rnd(3) === 0 ? -rnd(1000) / 7 : rnd(50);
    case 4: return rnd(2) ? null : undefined;
    case 5: case 6: { var n = 7 + rnd(rnd(2) ? 30 : 120), a = [], kind = rnd(4); for (var i = 0; i < n; i++) a.push(kind === 0 ? rnd(1000) : kind === 1 ? words[rnd(6)] : kind === 2 ? rnd(10) * 1.5 : gen(d + 1)); if (rnd(6) === 0) delete a[rnd(n)]; return a; }
    default: { var n2 = rnd(9), o = {}; for (var j = 0; j < n2; j++) o[words[rnd(words.length)] + (rnd(3) ? '' : rnd(100))] = gen(d + 1); return o; }
  }
}
for (var k = 0; k < 60; k++) console.log(gen(0));
