// Tick counts of await, async return and async generator steps: each line
// is tagged with the microtask tick it ran in.
let tick = 0;
const log = [];
function ticker(n) { let p = Promise.resolve(); for (let i = 1; i <= n; i++) p = p.then(() => { tick = i; }); return p; }
const thenable = { then(r) { r("thenable") } };
async function awaitNative() { await Promise.resolve(1); log.push("await native @" + tick); }
async function awaitValue() { await 1; log.push("await value @" + tick); }
async function awaitThenable() { await thenable; log.push("await thenable @" + tick); }
async function returnPromise() { return Promise.resolve(1); }
async function returnValue() { return 1; }
async function* agen() { yield 1; yield Promise.resolve(2); return Promise.resolve(3); }
awaitNative(); awaitValue(); awaitThenable();
returnPromise().then(() => log.push("return promise settled @" + tick));
returnValue().then(() => log.push("return value settled @" + tick));
const g = agen();
g.next().then(r => log.push("agen next 1 " + JSON.stringify(r) + " @" + tick));
g.next().then(r => log.push("agen next 2 " + JSON.stringify(r) + " @" + tick));
g.next().then(r => log.push("agen next 3 " + JSON.stringify(r) + " @" + tick));
g.next().then(r => log.push("agen next 4 " + JSON.stringify(r) + " @" + tick));
const g2 = agen();
g2.return(Promise.resolve("early")).then(r => log.push("agen return at start " + JSON.stringify(r) + " @" + tick));
g2.next().then(r => log.push("agen next after return " + JSON.stringify(r) + " @" + tick));
const g3 = agen();
g3.next().then(() => g3.return("mid")).then(r => log.push("agen return at yield " + JSON.stringify(r) + " @" + tick));
(async () => {
    for await (const v of [Promise.resolve("a"), "b"]) log.push("for await " + v + " @" + tick);
})();
ticker(20).then(() => { for (const l of log) console.log(l); });
