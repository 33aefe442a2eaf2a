// The "prototype" of ordinary functions is created when first read
// (VAL_LAZY_PROTOTYPE, vm/object.h); it must look eager in every way.
var out = typeof print === 'function' ? print : console.log;
function F() {}
out(F.hasOwnProperty('prototype'), Object.getOwnPropertyNames(F).filter(function (k) { return k !== 'arguments' && k !== 'caller'; }).join(), JSON.stringify(Object.getOwnPropertyDescriptor(F, 'prototype').writable));
out(typeof F.prototype, F.prototype.constructor === F, F.prototype === F.prototype, Object.getPrototypeOf(F.prototype) === Object.prototype);
function G() {} G.prototype = { x: 1 }; out(new G().x, G.prototype.x, G.prototype.constructor === Object);
function H() {} var h = new H(); out(Object.getPrototypeOf(h) === H.prototype, h instanceof H, h.constructor === H);
function I() {} Object.defineProperty(I, 'prototype', { writable: false }); out(typeof I.prototype, I.prototype.constructor === I);
function J() {} Object.freeze(J); out(Object.isFrozen(J), J.prototype.constructor === J);
function K() {} out(Reflect.ownKeys(K).filter(function (k) { return k !== 'arguments' && k !== 'caller'; }).join(), 'prototype' in K, delete K.prototype, K.propertyIsEnumerable('prototype'));
function L() {} var d = Object.getOwnPropertyDescriptors(L); out(d.prototype.value.constructor === L);
function M() {} out(JSON.stringify(Object.entries(M)), Object.keys(M).length);
function N() {} var n1 = new N(), n2 = new N(); out(Object.getPrototypeOf(n1) === Object.getPrototypeOf(n2));
var fs = []; for (var i = 0; i < 3; i++) fs.push(function () {}); out(fs[0].prototype !== fs[1].prototype, fs[2].prototype.constructor === fs[2]);
function P() {} var pp = P.prototype; P.prototype = 5; out(typeof pp, P.prototype); 
var arrow = () => 1; out(arrow.hasOwnProperty('prototype'));
var obj = { m() {} }; out(obj.m.hasOwnProperty('prototype'));
function* gen() {} out(Object.getPrototypeOf(gen.prototype) === Object.getPrototypeOf(function*(){}).prototype, gen.prototype.hasOwnProperty('constructor'));
class C {} out(C.prototype.constructor === C, Object.getOwnPropertyDescriptor(C, 'prototype').writable);
function Q() {} out(Object.create(Q).prototype.constructor === Q);
function R() {} function readProto(f) { return f.prototype; } for (var i = 0; i < 3; i++) readProto(function () {}); out(readProto(R).constructor === R, typeof readProto(function () {}));
function S() {} out(S.bind(null).prototype, new (S.bind(null))() instanceof S);
function T() {} var t = Reflect.construct(Object, [], T); out(Object.getPrototypeOf(t) === T.prototype);
function U() {} out(Object.prototype.hasOwnProperty.call(U, 'prototype'), Object.getOwnPropertyNames(U.prototype).join());
