// ArrayBuffer (resizable, transfer, slice), DataView, detaching through $262-free paths.
function show(ta) { return ta.constructor.name + '[' + Array.prototype.join.call(ta, ',') + ']'; }
var rab = new ArrayBuffer(4, {maxByteLength: 12});
console.log(rab.byteLength, rab.maxByteLength, rab.resizable, new ArrayBuffer(3).resizable);
var track = new Uint16Array(rab), fixed = new Uint16Array(rab, 0, 2), tail = new Uint8Array(rab, 2);
rab.resize(10);
console.log(track.length, fixed.length, tail.length, tail.byteOffset);
rab.resize(2);
console.log(track.length, fixed.length, fixed.byteLength, fixed.byteOffset, tail.length);
try { fixed.fill(1); } catch (e) { console.log(e.name); }
console.log(fixed[0], 0 in fixed, Object.keys(fixed).length);
try { rab.resize(13); } catch (e) { console.log(e.name); }
try { new ArrayBuffer(5, {maxByteLength: 4}); } catch (e) { console.log(e.name); }
try { new ArrayBuffer(1).resize(0); } catch (e) { console.log(e.name); }
var src = new ArrayBuffer(6); new Uint8Array(src).set([1, 2, 3, 4, 5, 6]);
console.log(show(new Uint8Array(src.slice(1, -1))), show(new Uint8Array(src.slice(-2))), src.slice(4, 2).byteLength);
var view = new Uint8Array(src);
var moved = src.transfer(8);
console.log(src.detached, src.byteLength, moved.byteLength, show(new Uint8Array(moved)), view.length, view[0]);
try { src.slice(0); } catch (e) { console.log(e.name); }
try { new Uint8Array(src); } catch (e) { console.log(e.name); }
try { view.at(0); } catch (e) { console.log(e.name); }
var fixedCopy = new ArrayBuffer(2, {maxByteLength: 8}).transferToFixedLength();
console.log(fixedCopy.resizable, fixedCopy.byteLength, Object.prototype.toString.call(fixedCopy));
var dv = new DataView(new ArrayBuffer(16), 2, 12);
console.log(dv.byteLength, dv.byteOffset, Object.prototype.toString.call(dv));
dv.setInt16(0, -2); dv.setUint32(2, 0xdeadbeef, true); dv.setFloat64(4, -1.5); dv.setFloat32(0, 2.5, true);
console.log(dv.getInt16(0), dv.getUint8(0), dv.getUint32(2, true), dv.getFloat64(4), dv.getFloat32(0, true));
console.log(dv.getInt8(3), dv.getUint16(2), dv.getUint16(2, true), dv.getInt32(8));
try { dv.getFloat64(5); } catch (e) { console.log(e.name); }
try { dv.getInt8(-1); } catch (e) { console.log(e.name); }
try { new DataView(new ArrayBuffer(4), 5); } catch (e) { console.log(e.name); }
try { DataView.prototype.getInt8.call(new Uint8Array(4), 0); } catch (e) { console.log(e.name); }
var grow = new ArrayBuffer(2, {maxByteLength: 8}), gdv = new DataView(grow);
grow.resize(8); console.log(gdv.byteLength); grow.resize(0); console.log(gdv.byteLength);
