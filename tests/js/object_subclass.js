// Subclassing the constructors of the object/function/error/boolean families.
function show(label, v) { print(label + ": " + v); }
class MyError extends Error {}
var me = new MyError("sub");
show("Error subclass", (me instanceof MyError) + " " + me.message + " " + Object.prototype.toString.call(me) + " " + Error.isError(me));
class MyTypeError extends TypeError { constructor(m) { super(m, { cause: 1 }); } }
var mt = new MyTypeError("t");
show("TypeError subclass", (mt instanceof TypeError) + " " + mt.cause + " " + String(mt));
class B extends Boolean {}
var b = new B(1);
show("Boolean subclass", (b instanceof B) + " " + b.valueOf());
class O extends Object { constructor() { super(); this.x = 1; } }
show("Object subclass", (new O() instanceof O) + " " + new O().x);
class S extends Symbol {}
try { new S(); } catch (e) { show("Symbol subclass", e.name); }
class F extends Function {}
var f = new F("return 7");
show("Function subclass", (f instanceof F) + " " + f());
class A extends AggregateError {}
var a = new A([1], "m");
show("AggregateError subclass", (a instanceof A) + " " + a.errors.length + " " + a.message);
