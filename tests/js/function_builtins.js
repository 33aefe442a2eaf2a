// Function constructor and Function.prototype.
function show(label, v) { print(label + ": " + v); }
var add = new Function("a", "b", "return a + b");
show("Function ctor", add(2, 3) + " " + add.length + " " + add.name);
var add2 = Function("a, b", "c", "return a + b + c");
show("Function call", add2(1, 2, 3));
show("Function empty", Function()());
try { Function("a", "return +"); } catch (e) { show("Function syntax", e.name); }
show("Function.prototype()", Function.prototype() + " " + Function.prototype.length + " '" + Function.prototype.name + "'");
show("Function.prototype proto", Object.getPrototypeOf(Function.prototype) === Object.prototype);
show("Function.length", Function.length);

function f(a, b) { return [this === undefined ? "u" : typeof this, a, b].join(","); }
function strictF(a, b) { "use strict"; return [this === undefined ? "u" : String(this), a, b].join(","); }
show("call", strictF.call(1, 2, 3));
show("call noargs", strictF.call());
show("apply", strictF.apply("t", [4, 5]));
show("apply arraylike", strictF.apply("t", { length: 2, 0: "x", 1: "y" }));
show("apply null", strictF.apply(null, null));
try { strictF.apply(null, 1); } catch (e) { show("apply prim", e.name); }
try { Function.prototype.call.call(1); } catch (e) { show("call non-callable", e.name); }

var bound = strictF.bind("B", 1);
show("bind", bound(2));
show("bind name/length", bound.name + " " + bound.length);
show("bind prototype", bound.hasOwnProperty("prototype"));
function Point(x, y) { this.x = x; this.y = y; }
var BP = Point.bind(null, 10);
var bp = new BP(20);
show("bind new", bp.x + " " + bp.y + " " + (bp instanceof Point) + " " + (bp instanceof BP));
var longer = f.bind(null, 1, 2, 3, 4);
show("bind length floor", longer.length);
var weird = function () {};
Object.defineProperty(weird, "length", { value: Infinity });
show("bind Infinity", weird.bind().length);
Object.defineProperty(weird, "length", { value: -Infinity });
show("bind -Infinity", weird.bind().length);
Object.defineProperty(weird, "length", { value: 2.7 });
show("bind fraction", weird.bind(null, 1).length);
Object.defineProperty(weird, "length", { value: "3" });
show("bind string length", weird.bind().length);
Object.defineProperty(weird, "name", { value: 42 });
show("bind non-string name", "'" + weird.bind().name + "'");
show("bound bound", f.bind().bind().name);
var bl = Object.getOwnPropertyDescriptor(bound, "length");
show("bound length desc", bl.writable + " " + bl.enumerable + " " + bl.configurable);

show("hasInstance", Function.prototype[Symbol.hasInstance].call(Point, bp));
var hi = Object.getOwnPropertyDescriptor(Function.prototype, Symbol.hasInstance);
show("hasInstance desc", hi.writable + " " + hi.enumerable + " " + hi.configurable + " " + hi.value.name);

show("toString native", Object.prototype.hasOwnProperty.toString().indexOf("[native code]") > 0);
show("toString native name", Object.prototype.hasOwnProperty.toString() === "function hasOwnProperty() { [native code] }");
show("toString bound", bound.toString().indexOf("[native code]") > 0);
try { Function.prototype.toString.call({}); } catch (e) { show("toString non-fn", e.name); }

var callerDesc = Object.getOwnPropertyDescriptor(Function.prototype, "caller");
var argsDesc = Object.getOwnPropertyDescriptor(Function.prototype, "arguments");
show("caller accessor", typeof callerDesc.get + " " + (callerDesc.get === callerDesc.set) + " " + callerDesc.enumerable + " " + callerDesc.configurable);
show("same thrower", callerDesc.get === argsDesc.get);
var thrower = callerDesc.get;
try { thrower(); } catch (e) { show("thrower throws", e.name); }
show("thrower props", thrower.length + " '" + thrower.name + "' " + Object.isFrozen(thrower) + " " + Object.isExtensible(thrower));
try { strictF.caller; } catch (e) { show("strict caller", e.name); }
