// mica-flags: --module
// --module runs a .js file as a module: strict, `this` undefined, exports allowed.
export var x = 1;
console.log(typeof x, this, (function () { return this; })());
