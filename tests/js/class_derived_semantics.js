// Derived constructors, super property references and direct eval in field
// initializers. The .expected file follows the specification where node 20
// does not: it catches a derived constructor's missing-super() error inside
// the constructor, and converts super[key] before reading the home object's
// prototype (the order was settled in ES2025).
class Base {}

// [[Construct]] checks a derived constructor's result after its body is
// done: a catch block of the constructor cannot see that TypeError.
class ReturnsPrimitive extends Base {
    constructor() {
        super();
        try {
            return 0;
        } catch (e) {
            console.log("caught inside (wrong)");
        }
    }
}
try {
    new ReturnsPrimitive();
} catch (e) {
    console.log("return 0:", e.constructor.name);
}
class NeverCallsSuper extends Base {
    constructor() {
        try {
            return;
        } catch (e) {
            console.log("caught inside (wrong)");
        }
    }
}
try {
    new NeverCallsSuper();
} catch (e) {
    console.log("no super():", e.constructor.name);
}

// `this` before super() is a ReferenceError, also as a member base.
class EarlyThis extends Base {
    constructor() {
        try { this.x = 1; } catch (e) { console.log("this.x = 1:", e.constructor.name); }
        try { this.x; } catch (e) { console.log("this.x:", e.constructor.name); }
        try { super.toString(); } catch (e) { console.log("super.m():", e.constructor.name); }
        super();
        this.x = 2;
        console.log("after super()", this.x);
    }
}
new EarlyThis();

// super[key]: the home object's prototype is read before the key is
// converted, once per reference.
var proto1 = { p: 1, set q(v) { console.log("proto1 setter", v); } };
var proto2 = { p: -100, set q(v) { console.log("proto2 setter", v); } };
var conversions = 0;
var key = (name) => ({
    toString() {
        conversions++;
        Object.setPrototypeOf(obj, proto2);
        return name;
    },
});
var obj = {
    __proto__: proto1,
    get(k) { return super[k]; },
    set(k) { super[k] = 10; },
    add(k) { return super[k] += 1; },
    inc(k) { return super[k]++; },
};
console.log("get", obj.get(key("p")));
Object.setPrototypeOf(obj, proto1);
obj.set(key("q"));
Object.setPrototypeOf(obj, proto1);
conversions = 0;
console.log("compound", obj.add(key("p")), "conversions", conversions);
Object.setPrototypeOf(obj, proto1);
conversions = 0;
console.log("increment", obj.inc(key("p")), "conversions", conversions);

// Direct eval in a field initializer: `arguments` is a SyntaxError (also
// from arrows in it), before any of the eval code runs; other code works.
var ran = false;
class Fields {
    a = eval("ran = true; arguments");
}
try {
    new Fields();
} catch (e) {
    console.log("field eval arguments:", e.constructor.name, "ran:", ran);
}
class ArrowField {
    f = () => eval("() => arguments");
}
try {
    new ArrowField().f();
} catch (e) {
    console.log("arrow field eval arguments:", e.constructor.name);
}
class Working {
    y = 2;
    x = eval("this.y + 1");
    g = eval("(function () { return arguments.length; })")(1, 2, 3);
}
var w = new Working();
console.log("field eval", w.x, w.g);
