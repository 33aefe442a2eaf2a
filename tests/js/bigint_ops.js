// BigInt operators checked against node over a grid of values that cross limb boundaries.
var vals = [0n, 1n, -1n, 2n, -3n, 7n, 255n, -256n, 0xffffffffn, 0x100000000n, -0x100000001n,
    2n ** 63n, -(2n ** 63n), 2n ** 64n - 1n, 2n ** 64n, -(2n ** 64n) - 5n,
    123456789012345678901234567890n, -98765432109876543210987654321098765432109876543210n,
    (1n << 127n) + 12345n, 0x7fffffff800000000000000000000000n, 0x800000000000000000000001n];
function r(f) { try { return String(f()); } catch (e) { return e.constructor.name; } }
var lines = [];
for (var i = 0; i < vals.length; i++) {
    var a = vals[i];
    lines.push([r(() => -a), r(() => ~a), r(() => a + 1n), r(() => a - 1n), r(() => { var x = a; x++; return x; }),
        r(() => { var x = a; --x; return x; }), r(() => a.toString(2)), r(() => a.toString(36)),
        r(() => a.toString(7)), r(() => Number(a)), r(() => a ** 3n), r(() => BigInt.asIntN(64, a)),
        r(() => BigInt.asUintN(64, a)), r(() => BigInt.asIntN(65, a)), r(() => BigInt.asUintN(65, a)),
        r(() => BigInt.asIntN(7, a)), r(() => BigInt.asUintN(1, a))].join(" "));
    for (var j = 0; j < vals.length; j++) {
        var b = vals[j];
        lines.push(i + "," + j + ": " + [r(() => a + b), r(() => a - b), r(() => a * b), r(() => a / b),
            r(() => a % b), r(() => a & b), r(() => a | b), r(() => a ^ b), r(() => a < b),
            r(() => a <= b), r(() => a == b), r(() => a === b)].join(" "));
    }
    for (var s of [0n, 1n, 31n, 32n, 33n, 64n, 100n, -1n, -31n, -32n, -33n, -64n, -200n])
        lines.push("shift " + i + " " + s + ": " + r(() => a << s) + " " + r(() => a >> s));
}
lines.forEach(l => print(l));
// Mixed comparisons with Numbers and Strings.
var nums = [0, -0, 1, 1.5, -1.5, 2 ** 53, 2 ** 53 + 2, 2 ** 64, -(2 ** 64), 1e300, Infinity, -Infinity, NaN];
var bigs = [0n, 1n, -2n, 9007199254740992n, 9007199254740993n, 18446744073709551616n, -18446744073709551616n];
for (var b of bigs)
    print(b + ": " + nums.map(n => [b < n, b > n, b <= n, b >= n, b == n, n == b, n < b].map(Number).join("")).join(" "));
var strs = ["", " 1 ", "0x10", "-5", "1.0", "abc", "1e3", "0b11", "-0x1", "  \n"];
for (var b of [0n, 1n, 16n, -5n, 3n])
    print(b + ": " + strs.map(s => [b == s, b < s, b > s, s < b, s <= b].map(Number).join("")).join(" "));
// Errors: mixing, unsigned shift, unary plus, division by zero, negative exponent.
print([r(() => 1n + 1), r(() => 1 * 1n), r(() => 1n >>> 0n), r(() => +1n), r(() => 1n / 0n),
    r(() => 1n % 0n), r(() => 2n ** -1n), r(() => 1n << 10000000000n), r(() => 2n ** 10000000000n),
    r(() => Math.max(1n)), r(() => 1n + Symbol())].join(" "));
// String concatenation and conversion paths.
print(1n + "x", "x" + -2n, `${3n}`, [4n, 5n] + "", String(Object(6n)), Object(7n) + 1n, 8n + { valueOf() { return 1n; } });
var big = 2n ** 1000n;
print(big.toString().length, (big * big).toString(16).length, (big / 3n) % 1000007n);
// Literals in every radix, with separators, as property keys.
var o = { 1n: "a", 0x10n: "b", [2n ** 64n]: "c" };
print(Object.keys(o).join(), 0b1_0n, 0o1_7n, 0xF_Fn, 1_000n, typeof 0n, !0n, !!1n, 0n ? 1 : 2);
class C { static 5n() { return "m"; } }
print(C[5]());
var { 1n: d } = o; print(d);
print(-0n, 0n === -0n, Object.is(0n, -0n), 1n == true, 0n == false, 2n == "2", null == 0n);
