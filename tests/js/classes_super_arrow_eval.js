class A { constructor(x) { this.x = x; } m() { return "A.m"; } }
class B extends A {
    constructor() { var f = () => super(5); f(); this.y = (() => super.m())(); }
    n() { return (() => () => super.m())()(); }
    e() { return eval("super.m()"); }
}
var b = new B();
print(b.x, b.y, b.n(), b.e());
class C extends A { constructor() { eval("super(7)"); } #p = 1; get p() { return eval("this.#p"); } }
var c = new C();
print(c.x, c.p);
class D extends A { constructor() { (() => super(1))(); try { (() => super(2))(); } catch (e) { print(e.constructor.name); } } }
new D();
class F extends A { f = 3; constructor() { var g = () => super(0); g(); print(this.f); } }
new F();
function* gm() { yield 1; }
var o = { __proto__: { v: "proto" }, *g() { yield super.v; yield (() => super.v)(); } };
print([...o.g()].join());
