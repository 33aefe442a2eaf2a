// Async generators: next/return/throw and their request queue, for await
// over them, yield* to async and sync iterables, AsyncGeneratorFunction.
async function* gen() { console.log("start"); const x = yield 1; console.log("got", x); try { yield Promise.resolve(2); } finally { console.log("cleanup") } return 3; }
(async () => {
  const g = gen();
  console.log(Object.prototype.toString.call(g));
  console.log(await g.next("a"), await g.next("b"));
  console.log(await g.return(9), await g.next());
  for await (const v of gen()) console.log("for", v);
  for await (const v of [1, Promise.resolve(2), 3]) console.log("sync", v);
  async function* inner() { yield 'i1'; yield 'i2'; return 'ir' }
  async function* outer() { const r = yield* inner(); console.log("r", r); yield* [10, 20]; }
  for await (const v of outer()) console.log("deleg", v);
  const it = { [Symbol.asyncIterator]() { let i = 0; return { next() { return Promise.resolve({ value: i, done: i++ > 2 }) }, return() { console.log("closed"); return {} } } } };
  for await (const v of it) { console.log("custom", v); if (v == 1) break; }
  try { for await (const v of it) { throw new Error("x") } } catch (e) { console.log("thrown", e.message) }
  const g2 = gen();
  const ps = [g2.next(), g2.next(), g2.next(), g2.next()];
  for (const p of ps) console.log(await p);
  const g3 = gen(); console.log(await g3.throw(new Error("early")).catch(e => e.message));
  console.log(await g3.next());
  async function* thrower() { yield 1; throw new Error("ag err") }
  const g4 = thrower(); await g4.next(); console.log(await g4.next().catch(e => "rej " + e.message));
})();
const AGF = Object.getPrototypeOf(async function*(){}).constructor;
console.log(AGF.name, typeof AGF.prototype.prototype.next);
const d = new AGF("a", "yield a; yield await a*2");
(async () => { for await (const x of d(4)) console.log("dyn", x) })();
