// Sloppy-mode reference corner cases: call expressions as assignment
// targets, var initializers under `with`, with-bindings that vanish, block
// functions named `arguments` and destructuring targets under `with`. The
// .expected file follows the specification (and test262) for all but the
// first, where node 20 differs.
var log = [];
function f() {
    log.push("f called");
    return { valueOf() { log.push("valueOf"); return 1; } };
}
function g() {
    log.push("g called");
    return 1;
}
var forms = {
    "f() = g()": () => { f() = g(); },
    "f() += g()": () => { f() += g(); },
    "f()++": () => { f()++; },
    "--f()": () => { --f(); },
    "for (f() in {a: 1})": () => { for (f() in {a: 1}); },
    "for (f() of [1])": () => { for (f() of [1]); },
};
for (var k in forms) {
    log = [];
    try {
        forms[k]();
        log.push("no error");
    } catch (e) {
        log.push(e.constructor.name);
    }
    console.log(k, "->", log.join(", "));
}

// `var x = init` resolves x before init runs: the with object that had x
// gets the value even though init deleted x from it.
var obj = { x: 1 };
with (obj) {
    var x = delete obj.x;
}
console.log("with var", obj.x, x);

// A with binding deleted by @@unscopables: strict code reading it throws.
var env = {
    binding: 0,
    get [Symbol.unscopables]() {
        delete env.binding;
        return null;
    },
};
with (env) {
    try {
        (function () {
            "use strict";
            return binding;
        })();
        console.log("no error");
    } catch (e) {
        console.log("strict read of vanished binding:", e.constructor.name);
    }
}

// A block function named arguments does not replace the arguments object.
(function (a) {
    {
        function arguments() {}
    }
    console.log("arguments", Object.prototype.toString.call(arguments));
})(1);

// Destructuring targets found through a with object are resolved before
// the element's value is read.
var order = [];
var scopeProxy = new Proxy({}, {
    has(t, key) {
        if (typeof key === "string") order.push("has " + key);
        return false;
    },
});
var source = { get p() { order.push("get p"); return undefined; } };
var fallback = 0, target;
with (scopeProxy) {
    var { p: target = fallback } = source;
}
console.log("pattern order:", order.join(", "));
