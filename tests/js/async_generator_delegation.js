// yield* in async generators: delegation to async and sync iterators,
// next/throw/return forwarding, missing throw() and return() methods.
const log = [];
function delegate(hasThrow, hasReturn) {
    let i = 0;
    const it = {
        [Symbol.asyncIterator]() { return this; },
        next(v) { log.push("next " + v); return { value: "n" + i, done: i++ >= 3 }; },
    };
    if (hasThrow) it.throw = function (e) { log.push("throw " + e); return { value: "caught", done: false }; };
    if (hasReturn) it.return = function (v) { log.push("return " + v); return { value: "r" + v, done: true }; };
    return it;
}
async function* outer(d) { try { const r = yield* d; log.push("result " + r); return "end"; } finally { log.push("finally"); } }
(async () => {
    let g = outer(delegate(true, true));
    log.push(JSON.stringify(await g.next("ignored")));
    log.push(JSON.stringify(await g.next("x")));
    log.push(JSON.stringify(await g.throw("t")));
    log.push(JSON.stringify(await g.return("q")));
    console.log(log.splice(0).join(" | "));

    g = outer(delegate(false, true));
    await g.next();
    try { await g.throw("t2"); } catch (e) { log.push("rejected " + e.constructor.name); }
    console.log(log.splice(0).join(" | "));

    g = outer(delegate(true, false));
    await g.next();
    log.push(JSON.stringify(await g.return(Promise.resolve("awaited"))));
    console.log(log.splice(0).join(" | "));

    g = outer(delegate(true, true));
    while (true) { const r = await g.next(); log.push(JSON.stringify(r)); if (r.done) break; }
    console.log(log.splice(0).join(" | "));

    async function* fromSync() { const r = yield* [1, Promise.resolve(2)]; return r; }
    const vals = [];
    for await (const v of fromSync()) vals.push(v);
    console.log("sync delegate:", vals.join(","));

    async function* inner() { try { yield 1; yield 2; } finally { log.push("inner finally"); } }
    async function* mid() { yield* inner(); }
    for await (const v of mid()) { log.push("v" + v); break; }
    console.log(log.splice(0).join(" | "));

    async function* yieldReturn() { try { yield 1; } finally { log.push("cleanup"); } }
    g = yieldReturn();
    await g.next();
    log.push(JSON.stringify(await g.return(Promise.resolve(7))));
    try { g = yieldReturn(); await g.next(); await g.return(Promise.reject(new Error("nope"))); }
    catch (e) { log.push("return rejected " + e.message); }
    console.log(log.splice(0).join(" | "));
})();
// A return() value whose Await throws synchronously (a throwing
// "constructor" getter) reaches the delegate as a throw().
(async () => {
    await null;
    for (let i = 0; i < 20; i++) await null;
    const bad = Promise.resolve(1);
    Object.defineProperty(bad, "constructor", { get() { throw new Error("ctor"); } });
    const inner = {
        [Symbol.asyncIterator]() { return this; },
        next() { return { value: 1, done: false }; },
        throw(e) { console.log("inner throw got", e.message); return { value: "t", done: true }; },
    };
    async function* outer() { const r = yield* inner; console.log("r", r); return "done"; }
    const g = outer();
    await g.next();
    console.log(JSON.stringify(await g.return(bad)));
})();
