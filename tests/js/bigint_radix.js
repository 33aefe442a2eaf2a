// Radix conversion of large BigInts (the divide-and-conquer path) and large products (Karatsuba), against node.
// gc-stress-every: 20
function digest(s) {
    var h = 0;
    for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 1000000007;
    return s.length + ":" + h + ":" + s.slice(0, 12) + ".." + s.slice(-12);
}
var values = [3n ** 5000n, -(7n ** 9000n) + 1n, (1n << 4099n) - 1n, 10n ** 3000n, 10n ** 3000n - 1n,
    (10n ** 1500n + 17n) * (10n ** 1500n), 2n ** 40000n + 12345n, 123456789n ** 700n];
for (var v of values) {
    var line = [];
    for (var radix of [10, 3, 7, 16, 36, 2, 35])
        line.push(digest(v.toString(radix)));
    print(line.join(" "));
    print(BigInt(v.toString()) === v, BigInt("0x" + (v < 0n ? -v : v).toString(16)) === (v < 0n ? -v : v));
}
print((10n ** 2000n).toString().length, (10n ** 2000n - 1n).toString().replace(/9/g, "").length);
print((5n ** 1000n).toString(), (-(11n ** 600n)).toString(13));
// Large products (Karatsuba path, balanced and unbalanced) and their quotients.
var seed2 = 4242;
function rnd2() { seed2 = (seed2 * 1103515245 + 12345) % 2147483648; return seed2; }
function big(limbs) {
    var v = 1n;
    for (var i = 0; i < limbs; i++) v = (v << 32n) | BigInt(rnd2() % 65536 * 65536 + rnd2() % 65536);
    if (rnd2() % 3 == 0) v = v << BigInt(rnd2() % 4000);
    if (rnd2() % 4 == 0) v = (v >> 640n) << 640n; /* runs of zero limbs */
    return rnd2() % 2 ? -v : v;
}
function digest2(v) {
    var s = v.toString(36), h = 0;
    for (var i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) % 1000000007;
    return s.length + ":" + h;
}
var sizes = [47, 48, 49, 60, 97, 100, 150, 333, 500, 1000];
var mulLines = [];
for (var i = 0; i < sizes.length; i++) {
    for (var j = 0; j <= i; j++) {
        var a = big(sizes[i]), b = big(sizes[j]), p = a * b;
        mulLines.push(sizes[i] + "x" + sizes[j] + " " + digest2(p) + " " + (p / b === a) + " " + (p % a === 0n) + " " + digest2(a * a));
    }
}
mulLines.forEach(l => print(l));
var ones = (1n << 3200n) - 1n; print(digest2(ones * ones), digest2(ones ** 7n), digest2((ones + 2n) ** 5n));
