// console.log of RegExp, TypedArray, ArrayBuffer and DataView values: node's util.inspect layout
console.log(/a\/b[/]/gimsuy, new RegExp(''), Object.assign(/x/, {extra: 1}), new RegExp('\n/'), /[/]\//d);
console.log([/x/g, {r: /y/}], { a: { b: { c: { d: /deep/ } } } });
class R extends RegExp {}
console.log(new R('sub', 'g'), Object.setPrototypeOf(/np/, null));
console.log(new Float64Array([1.5, -0, NaN]), new Int32Array(0), new ArrayBuffer(4), new DataView(new ArrayBuffer(2)));
console.log(new Uint8Array(200), new Float32Array([0.1, 1/3]), new Uint8ClampedArray([300, -5]), new Int16Array(7));
var ta = new Uint8Array([1,2,3]); ta.extra = 'x'; console.log(ta, [ta], {ta});
console.log(new ArrayBuffer(120), {b: new ArrayBuffer(3)}, new Uint8Array(new ArrayBuffer(8), 2, 3));
class MyArr extends Uint16Array {}
console.log(new MyArr(3), Object.create(Uint8Array.prototype) instanceof Uint8Array);
var ab = new ArrayBuffer(4); var u = new Uint8Array(ab); u[0] = 255; u[3] = 16; console.log(ab, new DataView(ab, 1, 2));
console.log({ a: { b: { c: new Uint8Array(2), d: new ArrayBuffer(1) } } });
console.log([new Float64Array(30).map((_, i) => i * 1.25)]);
console.log('%o', /x/g);
console.log(Object.setPrototypeOf(new Uint8Array(2), null), new BigInt64Array(0), [new Uint8Array(0)]);
