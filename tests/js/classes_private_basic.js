// Private fields, methods, accessors, statics, brand checks.
class Counter {
    #count = 0;
    static #instances = 0;
    #secret;
    constructor(start) { this.#count = start; Counter.#instances++; this.#secret = "s" + start; }
    #step() { return 1; }
    get #double() { return this.#count * 2; }
    set #double(v) { this.#count = v / 2; }
    inc() { this.#count += this.#step(); return this; }
    get value() { return this.#count; }
    twice() { return this.#double; }
    setTwice(v) { this.#double = v; }
    static count() { return Counter.#instances; }
    static isCounter(o) { return #count in o; }
    static #helper() { return "static private"; }
    static callHelper() { return this.#helper(); }
    peek(o) { return o.#secret; }
    update() { this.#count++; return this.#count--; }
}
var c = new Counter(5);
c.inc().inc();
print(c.value, c.twice());
c.setTwice(20);
print(c.value, Counter.count(), new Counter(1).value, Counter.count());
print(Counter.isCounter(c), Counter.isCounter({}), Counter.callHelper());
print(c.update(), c.value);
print(Object.getOwnPropertyNames(c).length, Object.getOwnPropertySymbols(c).length, JSON.stringify(c));
try { c.peek({}); } catch (e) { print(e.constructor.name, e.message); }
try { Counter.isCounter(1); } catch (e) { print(e.constructor.name); }

// methods are not writable; accessors without setter
class M {
    #m() {}
    get #g() { return 1; }
    tryWrite() { this.#m = 1; }
    trySet() { this.#g = 2; }
    same(o) { return this.#m === o.#m; }
}
try { new M().tryWrite(); } catch (e) { print(e.constructor.name, e.message); }
try { new M().trySet(); } catch (e) { print(e.constructor.name, e.message); }
print(new M().same(new M()));

// per-evaluation uniqueness
function make() { return class { #x = 1; static get(o) { return o.#x; } }; }
var A = make(), B = make();
print(A.get(new A()));
try { A.get(new B()); } catch (e) { print("distinct", e.constructor.name); }

// return override: stamping private fields onto an arbitrary object
class Base { constructor(o) { return o; } }
class Stamp extends Base { #tag = "stamped"; static tag(o) { return o.#tag; } }
var plain = Object.freeze({});
new Stamp(plain);
print(Stamp.tag(plain), Object.isFrozen(plain));
try { new Stamp(plain); } catch (e) { print("twice", e.constructor.name); }

// optional chains, destructuring targets, names
class D {
    #v = 3;
    #fn = function () {};
    static read(o) { return o?.#v; }
    assign(x) { [this.#v] = [x]; ({ a: this.#v } = { a: this.#v + 1 }); return this.#v; }
    name() { return this.#fn.name; }
    #meth() { return this; }
    methName() { return this.#meth.name; }
    call() { return this.#meth() === this; }
}
print(D.read(null), D.read(new D()), new D().assign(10), new D().name(), new D().methName(), new D().call());
// proxies keep their own private elements; traps are not involved
class P extends Base { #p = "on proxy"; static get(o) { return o.#p; } }
var proxy = new Proxy({}, { get() { throw new Error("trap"); }, defineProperty() { throw new Error("trap"); } });
new P(proxy);
print(P.get(proxy));
