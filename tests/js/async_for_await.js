// for await and Async-from-Sync iterators: closing on break, return and
// throw, rejected values, and the iteration protocol's checks. A rejected
// value closes the sync iterator (ES2025 AsyncFromSyncIteratorContinuation
// closeOnRejection; node 20 predates it, so its expected line was edited).
function syncIterable(values, log) {
    return {
        [Symbol.iterator]() {
            let i = 0;
            return {
                next(v) { log.push("next(" + (arguments.length ? v : "") + ")"); return { value: values[i], done: i++ >= values.length }; },
                return(v) { log.push("return"); return { done: true, value: v }; },
            };
        },
    };
}
function asyncIterable(n, log, returnResult = {}) {
    return {
        [Symbol.asyncIterator]() {
            let i = 0;
            return {
                next() { log.push("anext"); return Promise.resolve({ value: i, done: i++ >= n }); },
                return() { log.push("areturn"); return returnResult; },
            };
        },
    };
}
(async () => {
    let log = [];
    for await (const v of syncIterable([1, Promise.resolve(2), 3], log)) { log.push(v); if (v === 2) break; }
    console.log("break sync:", log.join(" "));

    log = [];
    try { for await (const v of syncIterable([1, Promise.reject(new Error("bad")), 3], log)) log.push(v); }
    catch (e) { log.push("caught " + e.message); }
    console.log("rejected value:", log.join(" "));

    log = [];
    const r = await (async () => { for await (const v of asyncIterable(5, log)) { if (v === 1) return "returned " + v; } })();
    console.log("return in loop:", r, log.join(" "));

    log = [];
    try { for await (const v of asyncIterable(5, log)) { throw new Error("body " + v); } }
    catch (e) { log.push("caught " + e.message); }
    console.log("throw in loop:", log.join(" "));

    log = [];
    try { for await (const v of asyncIterable(5, log, 42)) break; }
    catch (e) { log.push(e.constructor.name); }
    console.log("non-object return result:", log.join(" "));

    log = [];
    outer: for (const a of [1, 2]) {
        for await (const v of asyncIterable(3, log)) { if (v === 1) continue outer; log.push(a + ":" + v); }
    }
    console.log("continue outer:", log.join(" "));

    try { for await (const v of 5) ; } catch (e) { console.log("not iterable:", e.constructor.name); }
    try {
        for await (const v of { [Symbol.asyncIterator]() { return { next() { return 1 } } } }) ;
    } catch (e) { console.log("non-object result:", e.constructor.name); }

    const results = [];
    for await (const [a, { b }] of [[1, { b: 2 }], Promise.resolve([3, { b: 4 }])]) results.push(a + b);
    console.log("destructuring:", results.join(","));

    let x;
    for await (x of ["p", "q"]) ;
    console.log("assignment target:", x);
})();
