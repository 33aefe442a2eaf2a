// Unbounded recursion throws a RangeError that can be caught, at any depth.
function f() { f(); }
try { f(); } catch (e) { console.log(e instanceof RangeError, e.message); }
var depth = 0;
function g() { depth++; g(); }
try { g(); } catch (e) { console.log('deep enough:', depth > 1000); }
function viaApply() { viaApply.apply(null, []); }
try { viaApply(); } catch (e) { console.log(e.name); }
var obj = { toString: function () { return String(this); } };
try { String(obj); } catch (e) { console.log(e.name); }
