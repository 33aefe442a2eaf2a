// BigInt constructor, prototype, wrappers, collections, typed arrays, DataView, JSON.
function r(f) { try { return String(f()); } catch (e) { return e.constructor.name; } }
print(BigInt.length, BigInt.name, BigInt.asIntN.length, BigInt.prototype.toString.length,
    Object.prototype.toString.call(1n), Object.prototype.toString.call(Object(1n)),
    BigInt.prototype[Symbol.toStringTag], Object.getPrototypeOf(1n) === BigInt.prototype);
print([r(() => BigInt(10)), r(() => BigInt(-0)), r(() => BigInt(1e21)), r(() => BigInt(0.5)),
    r(() => BigInt(NaN)), r(() => BigInt(Infinity)), r(() => BigInt("  0b101  ")), r(() => BigInt("0o17")),
    r(() => BigInt("-9")), r(() => BigInt("1n")), r(() => BigInt("1_0")), r(() => BigInt("")),
    r(() => BigInt(true)), r(() => BigInt(undefined)), r(() => BigInt(null)), r(() => BigInt(Symbol())),
    r(() => new BigInt(1)), r(() => BigInt({ valueOf() { return 42; } })),
    r(() => BigInt({ [Symbol.toPrimitive]() { return "77"; } }))].join(" "));
print([r(() => (255n).toString(16)), r(() => (-255n).toString(2)), r(() => (10n).toString(1)),
    r(() => (10n).toString(37)), r(() => (10n).toString(undefined)), r(() => BigInt.prototype.toString.call(1)),
    r(() => BigInt.prototype.valueOf.call(Object(5n))), r(() => BigInt.prototype.valueOf.call("5")),
    r(() => (123n).toLocaleString()), r(() => Object(3n).toString())].join(" "));
print([r(() => BigInt.asIntN(64, 2n ** 63n)), r(() => BigInt.asUintN(64, -1n)), r(() => BigInt.asIntN(65, 2n ** 64n)),
    r(() => BigInt.asUintN(65, -1n)), r(() => BigInt.asIntN(-1, 1n)), r(() => BigInt.asIntN(3, 1)),
    r(() => BigInt.asUintN(2 ** 53, 1n)), r(() => BigInt.asIntN("8", "255")), r(() => BigInt.asUintN(0, 5n))].join(" "));
var w = Object(10n);
print(typeof w, w instanceof BigInt, w + 1n, w == 10n, w === 10n, JSON.stringify({ a: 1, b: "x" }));
print(r(() => JSON.stringify({ a: 1n })), r(() => JSON.stringify([Object(2n)])));
BigInt.prototype.toJSON = function () { return this.toString() + "!"; };
print(JSON.stringify({ a: 1n, b: [2n] }));
delete BigInt.prototype.toJSON;
var m = new Map(); m.set(1n, "one"); m.set(2n ** 70n, "big"); m.set(-0n, "zero");
print(m.get(1n), m.get(BigInt("1180591620717411303424")), m.get(0n), m.has(1), m.size);
var s = new Set([1n, 1n, BigInt(1), 2n, "2", 2]); print(s.size, [...s].join());
print([1n, 2n, 3n].includes(2n), [1n, 2n].indexOf(2n), [0n].includes(-0n), [NaN, 1n].lastIndexOf(1n));
print(Object.is(5n, 5n), Object.is(0n, -0n), [3n, 1n, 2n].sort().join(), [10n, 9n, -1n].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join());
print(r(() => Math.sqrt(4n)), r(() => Number(2n ** 1024n)), r(() => Number(-123n)), r(() => parseInt("12n")),
    r(() => isNaN(1n)), r(() => "a".padStart(3n)), String(12n), `${-3n}`, "v".concat(4n), [5n].join(":"));
// Typed arrays.
var a = new BigInt64Array([1n, -2n, 2n ** 63n, -(2n ** 63n) - 1n]);
print(a.join(), a.length, a.BYTES_PER_ELEMENT, BigUint64Array.BYTES_PER_ELEMENT, BigInt64Array.name);
var u = new BigUint64Array(a);
print(u.join(), new BigInt64Array(u.buffer, 8, 2).join());
print([r(() => new BigInt64Array([1])), r(() => new Int32Array(a)), r(() => new BigInt64Array(new Int8Array(2))),
    r(() => { a[0] = 5; }), r(() => { a[0] = "7"; return a[0]; }), r(() => { a[0] = true; return a[0]; }),
    r(() => a.fill(3)), r(() => a.set([1])), r(() => a.set(new Float64Array(1))), r(() => a.set(u)),
    r(() => new Float32Array(4).set(a))].join(" "));
a.set([9n, 8n], 1); print(a.join());
a.fill(-1n, 2); print(a.join(), u.join());
print(a.map(x => x * 2n).join(), a.filter(x => x < 0n).join(), a.reduce((x, y) => x + y), a.indexOf(-1n), a.includes(9n), a.lastIndexOf(-1n));
print(a.slice(1, 3).join(), a.subarray(2).join(), a.with(0, 100n).join(), r(() => a.with(0, 1)), a.at(-1), a.find(x => x > 8n), a.findIndex(x => x < 0n));
var b = new BigInt64Array([5n, -3n, 10n, 0n, -(2n ** 63n), 2n ** 63n - 1n]);
print(b.toSorted().join(), b.toSorted((x, y) => Number(y - x) > 0 ? 1 : -1).join(), b.sort().join(), b.toReversed().join());
var c = new BigUint64Array([5n, 2n ** 64n - 1n, 0n, 7n]); print(c.sort().join(), c.copyWithin(0, 2).join(), [...c.entries()].join(";"));
print(Object.getOwnPropertyDescriptor(c, 0).value, 0 in c, c[10], Object.keys(c).join(), Array.from(c).join(), BigInt64Array.from([1n, 2n], x => x * x).join(), BigUint64Array.of(3n, 4n).join());
// DataView.
var dv = new DataView(new ArrayBuffer(24));
dv.setBigInt64(0, -2n); dv.setBigUint64(8, 0x0102030405060708n, true); dv.setBigInt64(16, 2n ** 64n + 5n);
print(dv.getBigInt64(0), dv.getBigUint64(0), dv.getBigInt64(0, true), dv.getUint8(8), dv.getUint8(15),
    dv.getBigUint64(8, true).toString(16), dv.getBigUint64(8).toString(16), dv.getBigInt64(16));
print([r(() => dv.setBigInt64(0, 1)), r(() => dv.getBigInt64(20)), r(() => dv.setBigUint64(-1, 1n)),
    r(() => dv.setBigInt64(0, "0x10")), dv.getBigInt64(0), DataView.prototype.getBigInt64.length, DataView.prototype.setBigUint64.length].join(" "));
