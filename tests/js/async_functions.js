// Async functions, arrows and methods: ordering against the caller, param
// errors, throws, try/finally across awaits, super, AsyncFunction("...").
async function f(){ await null; console.log(2); return 5 }
f().then(v => console.log("v", v)); console.log(1);
async function g(x = (() => { throw new Error("param") })()) {}
g().catch(e => console.log("caught", e.message));
async function h(){ throw new TypeError("boom") }
h().catch(e => console.log("h", e.name));
const ar = async (a) => { const b = await Promise.resolve(a * 2); return b + 1 };
ar(3).then(v => console.log("arrow", v));
async function tc(){ try { await Promise.reject(new Error("rej")) } catch (e) { return "got " + e.message } finally { console.log("fin") } }
tc().then(console.log);
class C { async m() { return this.x } constructor(){ this.x = 7 } static async s() { return 's' } }
new C().m().then(v => console.log("method", v)); C.s().then(console.log);
const o = { async om() { await 1; return super.toString !== undefined } };
o.om().then(v=>console.log("super", v));
console.log(Object.getPrototypeOf(f) === Object.getPrototypeOf(async function(){}), Object.getPrototypeOf(f)[Symbol.toStringTag]);
const AF = Object.getPrototypeOf(f).constructor;
new AF("a", "return await a + 1")(41).then(v => console.log("dyn", v));
async function order() { console.log("o1"); await undefined; console.log("o3"); }
order(); console.log("o2");
Promise.resolve().then(()=>console.log("t1")).then(()=>console.log("t2")).then(()=>console.log("t3"));
(async()=>{ await null; console.log("a1"); await null; console.log("a2") })();
