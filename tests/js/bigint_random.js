// gc-stress-every: 50
// Differential check against node: deterministic pseudo-random BigInt operations, hashed.
var seed = 987654321;
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed; }
function rbig() {
    var limbs = rnd() % 12, v = 0n;
    for (var i = 0; i < limbs; i++) v = (v << 32n) | BigInt(rnd() % 65536 * 65536 + rnd() % 65536);
    if (rnd() % 5 == 0) v = v << BigInt(rnd() % 70);
    if (rnd() % 7 == 0) v = v + BigInt(rnd() % 3) - 1n;
    return rnd() % 2 ? -v : v;
}
function r(f) { try { return String(f()); } catch (e) { return e.constructor.name; } }
var h = 0, out = [];
function mix(s) { for (var i = 0; i < s.length; i++) h = (h * 33 + s.charCodeAt(i)) % 1000000007; }
for (var i = 0; i < 3000; i++) {
    var a = rbig(), b = rbig(), s = BigInt(rnd() % 200) - 100n, bits = rnd() % 130;
    var line = [a + b, a - b, a * b, r(() => a / b), r(() => a % b), a & b, a | b, a ^ b, ~a, -a, a << s, a >> s,
        a < b, a == b, BigInt.asIntN(bits, a), BigInt.asUintN(bits, a), Number(a), a.toString(rnd() % 35 + 2),
        r(() => a ** BigInt(rnd() % 9)), a == Number(a), a < Number(b), Number(b) < a].join(",");
    mix(line);
    if (i % 500 == 0) out.push(h + " " + line.slice(0, 60));
}
out.forEach(l => print(l)); print(h);
