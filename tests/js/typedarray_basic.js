// TypedArray construction, element conversion and the exotic object methods.
function show(ta) { return ta.constructor.name + '[' + Array.prototype.join.call(ta, ',') + ']'; }
console.log(show(new Int8Array([127, 128, -129, 1.9, -1.9, NaN])));
console.log(show(new Uint8Array([256, -1, 3.7])));
console.log(show(new Uint8ClampedArray([1.5, 2.5, 3.5, -1, 300, NaN])));
console.log(show(new Int16Array([32768, -32769])), show(new Uint16Array([65536 + 5, -1])));
console.log(show(new Int32Array([2147483648, 4294967297])), show(new Uint32Array([-1, 1e10])));
console.log(show(new Float32Array([0.1, 1e40, -0])), show(new Float64Array([0.1, -Infinity])));
var buf = new ArrayBuffer(16);
var i16 = new Int16Array(buf, 4, 3);
console.log(i16.length, i16.byteOffset, i16.byteLength, i16.buffer === buf);
i16[0] = -2;
console.log(new Uint8Array(buf, 4, 2).join(), new Uint8Array(buf).length);
try { new Int32Array(buf, 3); } catch (e) { console.log(e.name); }
try { new Int32Array(buf, 4, 4); } catch (e) { console.log(e.name); }
try { Int8Array(4); } catch (e) { console.log(e.name); }
var ta = new Uint8Array([10, 20, 30]);
console.log(ta['1'], ta['-0'], ta['1.5'], ta[5], '1' in ta, '5' in ta, '-0' in ta);
ta[5] = 1; ta['-0'] = 1; ta.foo = 'bar';
console.log(Object.keys(ta).join(), Object.getOwnPropertyNames(ta).join());
console.log(JSON.stringify(Object.getOwnPropertyDescriptor(ta, 0)));
console.log(delete ta[0], delete ta[7], Reflect.defineProperty(ta, 0, {value: 99}), ta[0]);
console.log(Reflect.defineProperty(ta, 0, {value: 1, enumerable: false}),
            Reflect.defineProperty(ta, 9, {value: 1}), Reflect.defineProperty(ta, 0, {get() {}}));
console.log(Object.isFrozen(ta), Object.isExtensible(ta));
try { Object.freeze(ta); } catch (e) { console.log(e.name); }
console.log(show(new Float64Array(new Int8Array([-1, 2]))), show(Uint8Array.from(new Set([3, 4]))));
console.log(show(new Int16Array({length: 2, 0: 7, 1: '8'})), show(Int8Array.of(1, 2, 3)));
console.log(Int8Array.BYTES_PER_ELEMENT, Float64Array.prototype.BYTES_PER_ELEMENT, Int8Array.length);
var TA = Object.getPrototypeOf(Int8Array);
console.log(TA.name, TA.prototype === Object.getPrototypeOf(Int8Array.prototype));
try { new TA(); } catch (e) { console.log(e.name); }
console.log(Object.prototype.toString.call(new Float32Array(1)), TA.prototype[Symbol.toStringTag]);
console.log(TA.prototype.toString === Array.prototype.toString, TA.prototype[Symbol.iterator] === TA.prototype.values);
console.log(ArrayBuffer.isView(ta), ArrayBuffer.isView(buf), ArrayBuffer.isView(new DataView(buf)));
