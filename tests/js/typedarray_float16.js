// Float16Array and DataView Float16 accessors: exact round-to-nearest-even from double
// (expected output written by hand: node 20 has no Float16Array).
var values = [1.0009765625, 65504, 65519, 65520, -65520, 5.960464477539063e-8, 2.9802322387695312e-8,
              8.940696716308594e-8, 0.1, NaN, 1.00048828125, 1.00146484375,
              1 + Math.pow(2, -11) + Math.pow(2, -40), 6.103515625e-5, 6.1e-5, Infinity];
var f = new Float16Array(values);
console.log(Array.prototype.join.call(f, '\n'));
console.log(Object.is(new Float16Array([-0])[0], -0), Object.is(new Float16Array([-1e-10])[0], -0));
console.log(Float16Array.BYTES_PER_ELEMENT, new Uint16Array(new Float16Array([1.5, -2, Infinity, NaN]).buffer).join());
var dv = new DataView(new ArrayBuffer(4));
dv.setFloat16(0, 1.5); dv.setFloat16(2, -0.5, true);
console.log(dv.getUint16(0), dv.getUint16(0, true), dv.getFloat16(0), dv.getFloat16(2, true), dv.getUint16(2, true));
dv.setUint16(0, 0x7c01); console.log(dv.getFloat16(0));
dv.setUint16(0, 0x0001); console.log(dv.getFloat16(0));
dv.setUint16(0, 0x03ff); console.log(dv.getFloat16(0));
