// Boolean.
function show(label, v) { print(label + ": " + v); }
show("call", [Boolean(0), Boolean("x"), Boolean(""), Boolean({}), Boolean(NaN), Boolean()].join(","));
var b = new Boolean(false);
show("new", typeof b + " " + (b ? "truthy" : "falsy") + " " + b.valueOf() + " " + b.toString());
show("prototype", Boolean.prototype.valueOf() + " " + Object.prototype.toString.call(Boolean.prototype));
show("toString prim", true.toString() + " " + false.toString());
try { Boolean.prototype.toString.call(1); } catch (e) { show("toString bad", e.name); }
try { Boolean.prototype.valueOf.call({}); } catch (e) { show("valueOf bad", e.name); }
function B() {}
var sub = Reflect.construct(Boolean, [1], B);
show("newTarget", (Object.getPrototypeOf(sub) === B.prototype) + " " + Boolean.prototype.valueOf.call(sub));
show("length", Boolean.length + " " + Boolean.name);
