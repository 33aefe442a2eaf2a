// A class's `extends` expression is evaluated in the outer private
// environment: it sees the enclosing class's private names, not the new
// class's own ones (#sec-runtime-semantics-classdefinitionevaluation).
class Outer {
    #x = "outer #x";
    static test() {
        const o = new Outer();
        class Inner extends (console.log("heritage reads", o.#x), Object) {
            #x = "inner #x";
            static read(v) { return v.#x; }
        }
        console.log("body reads", Inner.read(new Inner()));
        try {
            Inner.read(o);
        } catch (e) {
            console.log("inner #x on an Outer:", e.constructor.name);
        }
        // Arrows in the heritage close over the outer private environment too.
        let reader;
        class Inner2 extends ((reader = (v) => v.#x), Object) {
            #x = "inner2 #x";
        }
        console.log("heritage arrow", reader(o));
        try {
            reader(new Inner2());
        } catch (e) {
            console.log("heritage arrow on Inner2:", e.constructor.name);
        }
    }
}
Outer.test();

// With no enclosing declaration the name is an early error.
try {
    eval("class C extends (o => o.#y, Object) { #y; }");
} catch (e) {
    console.log(e.constructor.name);
}
