// Annex B.3.2.2 / B.3.2.3: block-level function declarations in scripts and
// in sloppy direct and indirect eval code var-hoist when the run-time checks
// allow it, and their evaluation copies the block binding to the var.
var log = (globalThis.log = []);

// Direct eval in a function: the var is created, the block binding stays
// independent of it.
var initial, current, outer;
(function () {
    eval('{ function f() { initial = f; f = 123; current = f; return "decl"; } }' +
         'outer = f; f();');
}());
log.push(initial(), current, outer());

// Before the block runs the var exists and is undefined.
(function () {
    eval('log.push(typeof f); { function f() {} } log.push(typeof f);');
}());

// A parameter of the calling function is the binding that gets updated.
(function (f) {
    eval('log.push(f); { function f() { return "inner"; } } log.push(f());');
}(5));

// A lexical binding between the eval and its variable environment blocks the
// var (no error, no copy).
(function () {
    let g = "outer let";
    eval('{ function g() {} }');
    log.push(g);
    {
        let h = 1;
        eval('{ function h() {} } log.push(typeof h);');
    }
    log.push(typeof h);
}());

// Catch parameters do not block vars (B.3.4) nor Annex B functions.
(function () {
    try {
        throw "thrown";
    } catch (err) {
        eval('var err; log.push(err);');
        eval('function err() {}');
        eval('{ function err2() { return "err2"; } }');
    }
    log.push(typeof err, err2());
}());

// A real var of the same name: the function is not created twice, and the
// later evaluation overwrites it.
(function () {
    var k = "var";
    eval('log.push(k); { function k() { return "block"; } } log.push(k());');
}());

// Indirect eval is global code: the var becomes a deletable global property.
(0, eval)('{ function annexbIndirect() { return "global"; } }');
var d = Object.getOwnPropertyDescriptor(globalThis, "annexbIndirect");
log.push(typeof d.value, d.writable, d.enumerable, d.configurable, annexbIndirect());
log.push(delete globalThis.annexbIndirect, typeof globalThis.annexbIndirect);

// A non-configurable global keeps its attributes, only its value changes.
Object.defineProperty(globalThis, "annexbFixed",
                      {value: "x", writable: true, enumerable: false, configurable: false});
(0, eval)('log.push(annexbFixed); { function annexbFixed() {} }');
d = Object.getOwnPropertyDescriptor(globalThis, "annexbFixed");
log.push(typeof d.value, d.enumerable, d.configurable);

// A non-writable, non-configurable global cannot be a var: no hoisting, no
// error.
Object.defineProperty(globalThis, "annexbFrozen", {value: "frozen", writable: false});
(0, eval)('{ function annexbFrozen() {} }');
log.push(annexbFrozen);

// Two block declarations of one name: each evaluation updates the var.
(function () {
    eval('{ function m() { return 1; } } log.push(m()); { function m() { return 2; } } log.push(m());');
}());

// Strict eval never hoists.
(function () {
    eval('"use strict"; { function s() {} }');
    log.push(typeof s);
}());

for (var i = 0; i < log.length; i++) console.log(String(log[i]));
