var x = "outside";
function f(a = () => x, b = a) { var x = "inside"; var b; return [a(), typeof b, x]; }
print(f().join());
function g(a = b, b) {}
try { g(); } catch (e) { print(e.constructor.name); }
function h(a = a) {}
try { h(); } catch (e) { print(e.constructor.name); }
function k(a, b = 2) { var a; var arguments; return [a, typeof arguments, b]; }
print(k(1).join());
function* gen(a = 1) { var a; yield a; }
print(gen().next().value);
var arrow = (p = 3, q = () => p) => { var p = 4; return [p, q()]; };
print(arrow().join());
function lex(a = 1) { let z = a + 1; function inner() { return z; } return inner(); }
print(lex());
