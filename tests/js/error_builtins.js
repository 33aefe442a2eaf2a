// Error, NativeErrors, AggregateError.
function show(label, v) { print(label + ": " + v); }
var e = new Error("boom");
show("Error", e.message + " " + e.name + " " + (e instanceof Error) + " " + String(e));
show("Error call", Error("x") instanceof Error);
show("no message", new Error().hasOwnProperty("message") + " '" + new Error().message + "'");
show("undefined message", new Error(undefined).hasOwnProperty("message"));
var md = Object.getOwnPropertyDescriptor(new Error("m"), "message");
show("message desc", md.value + " " + md.writable + " " + md.enumerable + " " + md.configurable);
show("message ToString", new Error(42).message + " " + typeof new Error(42).message);
var cause = new Error("c", { cause: "why" });
var cd = Object.getOwnPropertyDescriptor(cause, "cause");
show("cause", cd.value + " " + cd.writable + " " + cd.enumerable + " " + cd.configurable);
show("no cause", new Error("c", {}).hasOwnProperty("cause") + " " + new Error("c", 5).hasOwnProperty("cause"));
show("cause undefined", new Error("c", { cause: undefined }).hasOwnProperty("cause"));
var sd = Object.getOwnPropertyDescriptor(e, "stack");
show("stack", typeof sd.value + " " + sd.writable + " " + sd.enumerable + " " + sd.configurable + " " + (sd.value.indexOf("Error: boom") === 0));

var kinds = [EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError];
for (var i = 0; i < kinds.length; i++) {
    var K = kinds[i];
    var x = new K("m");
    show(K.name, [x instanceof K, x instanceof Error, Object.getPrototypeOf(K) === Error,
        Object.getPrototypeOf(K.prototype) === Error.prototype, K.length, K.prototype.name,
        "'" + K.prototype.message + "'", String(x), K("y").message,
        Object.prototype.toString.call(x), K.prototype.hasOwnProperty("toString")].join(" "));
}

var ag = new AggregateError([1, 2, 3], "agg", { cause: 0 });
var ed = Object.getOwnPropertyDescriptor(ag, "errors");
show("AggregateError", ag.message + " " + ag.errors.join(",") + " " + Array.isArray(ag.errors) + " " + ag.cause + " " + ag.name);
show("errors desc", ed.writable + " " + ed.enumerable + " " + ed.configurable);
show("AggregateError meta", AggregateError.length + " " + (Object.getPrototypeOf(AggregateError) === Error) + " " + (ag instanceof Error));
try { new AggregateError(5); } catch (err) { show("AggregateError non-iterable", err.name); }
var agOrder = [];
try {
    new AggregateError({ get [Symbol.iterator]() { agOrder.push("iter"); throw new RangeError("r"); } },
        { toString: function () { agOrder.push("msg"); return "m"; } });
} catch (err) { agOrder.push(err.name); }
show("AggregateError order", agOrder.join(","));

show("toString", Error.prototype.toString.call({ name: "N", message: "M" }));
show("toString empty name", Error.prototype.toString.call({ name: "", message: "M" }));
show("toString empty msg", Error.prototype.toString.call({ name: "N" }));
show("toString undefined name", Error.prototype.toString.call({ message: "M" }));
try { Error.prototype.toString.call(1); } catch (err) { show("toString prim", err.name); }
show("Error.prototype", Object.prototype.toString.call(Error.prototype) + " '" + Error.prototype.message + "' " + Error.prototype.name);

show("isError", Error.isError(e) + " " + Error.isError(ag) + " " + Error.isError({}) + " " + Error.isError(Error.prototype) + " " + Error.isError(new RangeError()));
var viaReflect = Reflect.construct(Error, ["r"], Object);
show("newTarget proto", Object.getPrototypeOf(viaReflect) === Object.prototype && Error.isError(viaReflect));

try { null.x; } catch (err) { show("engine TypeError", (err instanceof TypeError) + " " + (err.constructor === TypeError) + " " + typeof err.stack); }
try { undefinedVariable; } catch (err) { show("engine ReferenceError", err instanceof ReferenceError); }
