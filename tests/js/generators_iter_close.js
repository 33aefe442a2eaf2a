// IteratorClose on abrupt completions of for-of and destructuring.
function tracked(name, values) {
    var i = 0;
    return {
        [Symbol.iterator]() { return this; },
        next() { return i < values.length ? { value: values[i++], done: false } : { value: undefined, done: true }; },
        return() { print(name + ".return"); return {}; },
    };
}
try { for (var x of tracked("body-throw", [1, 2])) throw new Error("E"); } catch (e) { print("caught", e.message); }
for (var x of tracked("break", [1, 2])) break;
(function () { for (var x of tracked("return", [1, 2])) return; })();
outer: for (var a of tracked("outer", [1])) for (var b of tracked("inner", [1])) continue outer;
try { for (var [p] of tracked("head", [null])) ; } catch (e) { print("head", e.constructor.name); }
// next() throwing does not close
var bad = { [Symbol.iterator]() { return this; }, next() { throw new Error("next"); }, return() { print("WRONG"); return {}; } };
try { for (var x of bad); } catch (e) { print("next threw", e.message); }
// return() throwing on break propagates; on throw the body's error wins
var rt = { [Symbol.iterator]() { return this; }, next() { return { value: 1, done: false }; }, return() { throw new Error("from return"); } };
try { for (var x of rt) break; } catch (e) { print("break:", e.message); }
try { for (var x of rt) throw new Error("from body"); } catch (e) { print("throw:", e.message); }
// destructuring
try { var [m = (() => { throw new Error("dflt"); })()] = tracked("pattern", [undefined, 1]); } catch (e) { print("pattern", e.message); }
var [n1] = tracked("not-done", [1, 2]);
var [n2, n3] = tracked("done", [1]);
print(n1, n2, n3);
// evaluation order: target reference before the value
var order = [];
var obj = { set v(x) { order.push("set " + x); } };
function o() { order.push("target"); return obj; }
[o().v] = (function* () { order.push("next"); yield 1; })();
print(order.join(", "));
// generator closing via return() inside for-of closes the inner iterator
function* g() { for (var x of tracked("gen-loop", [1, 2, 3])) yield x; }
var it = g();
it.next();
print(JSON.stringify(it.return(9)));
// spread and Array.from
print([...tracked("spread", [1, 2])].length, Array.from(tracked("from", [3])).join());
