class A {
  constructor(x) { this.x = x; }
  get double() { return this.x * 2; }
  m() { return "A.m " + this.x; }
  static s() { return "static"; }
  f = 5;
  static sf = 7;
}
class B extends A {
  constructor(x, y) { super(x); this.y = y; }
  m() { return "B.m/" + super.m(); }
  g = this.x + 1;
}
class C extends B {}
var b = new B(1, 2);
print(b.x, b.y, b.double, b.m(), A.s(), B.s(), b.f, b.g, A.sf);
var c = new C(3, 4);
print(c.m(), c instanceof A, Object.getPrototypeOf(C) === B, typeof C, C.name, (class {}).name);
try { A(); } catch (e) { print(e.constructor.name, e.message); }
class D extends A { constructor() { return; } }
try { new D(); } catch (e) { print(e.constructor.name); }
var E = class { static { this.z = 9; } };
print(E.z, E.name, String(A).slice(0, 9));
print(Object.keys(A.prototype).length, JSON.stringify(Object.getOwnPropertyNames(A.prototype)));
