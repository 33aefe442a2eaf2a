// gc-stress-every: 5000
// A chain of binds: names share characters (no O(n²) copy), calls and
// constructs walk the chain without recursion, and every link's arguments
// and new.target rule apply as if each link called the next.
var f = function f() { return arguments.length; };
for (var i = 0; i < 100000; i++) f = f.bind(null, i);
console.log(f.name.length, f.name.slice(0, 18), f.name.slice(-8), f(), f.length);
function T(a, b, c, d) { this.args = [a, b, c, d]; }
var B1 = T.bind({x: 1}, 1), B2 = B1.bind({x: 2}, 2), B3 = B2.bind(null, 3);
var o = new B3(4);
console.log(o.args.join(), o instanceof T, o instanceof B3, Object.getPrototypeOf(o) === T.prototype);
function g() { return [this && this.x].concat(Array.prototype.slice.call(arguments)).join(); }
console.log(g.bind({x: 'a'}, 1).bind({x: 'b'}, 2).bind({x: 'c'}, 3)(4));
function Base() { this.nt = new.target; }
var BB = Base.bind(null, 'p').bind(null, 'q');
function Other() {}
console.log(Reflect.construct(BB, [], Other).nt === Other, new BB().nt === Base);
