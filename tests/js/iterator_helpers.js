// Iterator global and iterator helpers (ES2025, #sec-iterator-objects).
// The expected output was written by hand from the spec (node 20 has no
// Iterator global).

var log = [];
// An iterator over 0..n-1 that records next/return calls.
function counter(n, name) {
    name = name || 'it';
    var i = 0;
    var it = Object.create(Iterator.prototype);
    it.next = function () {
        log.push(name + '.next');
        return i < n ? { value: i++, done: false } : { value: undefined, done: true };
    };
    it.return = function () {
        log.push(name + '.return');
        return {};
    };
    return it;
}
function show(label) {
    print(label + ': ' + log.join(' '));
    log = [];
}
function err(f) {
    try {
        f();
        return 'no error';
    } catch (e) {
        return e.constructor.name;
    }
}

// The constructor is abstract.
print(typeof Iterator, Iterator.length, Iterator.name);
print(err(function () { Iterator(); }), err(function () { new Iterator(); }));
class MyIter extends Iterator {}
var mine = new MyIter();
print(mine instanceof Iterator, Object.getPrototypeOf(MyIter.prototype) === Iterator.prototype);
print(Iterator.prototype === Object.getPrototypeOf(Object.getPrototypeOf([].values())));

// Laziness: nothing is pulled until next().
var m = counter(3).map(function (x, i) {
    log.push('map(' + x + ',' + i + ')');
    return x * 10;
});
show('after map()');
print(JSON.stringify(m.next()), JSON.stringify(m.next()));
show('two nexts');
print(m.toArray().join(','));
show('toArray');
print(JSON.stringify(m.next()));
show('completed');

// filter / take / drop / flatMap
print(counter(10).filter(function (x) { return x % 3 === 0; }).toArray().join(','));
log = [];
print(counter(10).drop(7).toArray().join(','));
log = [];
print(counter(3).drop(Infinity).toArray().length);
log = [];
var t = counter(10).take(2);
print(t.toArray().join(','));
show('take closes');
print(counter(3).flatMap(function (x) { return [x, x + 0.5]; }).toArray().join(','));
log = [];
print(err(function () { counter(3).flatMap(function () { return 'ab'; }).next(); }));
show('flatMap string rejected, closes');
print(counter(2).flatMap(function (x) { return new Set(['s' + x]); }).toArray().join(','));
log = [];

// Argument validation order: callable check closes; limit is converted
// before next is read.
print(err(function () { counter(1).map(42); }));
show('map(42)');
print(err(function () { counter(1).take(NaN); }), err(function () { counter(1).drop(-1); }));
show('bad limits');
print(err(function () { Iterator.prototype.map.call(5, function () {}); }));
var order = [];
var obs = {
    get next() { order.push('get next'); return function () { return { done: true }; }; }
};
Iterator.prototype.take.call(obs, { valueOf: function () { order.push('valueOf'); return 1; } });
print(order.join(', '));

// return() on a helper that never started closes the underlying iterator.
var h = counter(5).map(function (x) { return x; });
print(JSON.stringify(h.return()));
show('return before start');
print(JSON.stringify(h.next()));
show('then next');
// return() after a yield closes it too; a second return does nothing.
h = counter(5).filter(function () { return true; });
h.next();
print(JSON.stringify(h.return()), JSON.stringify(h.return()));
show('return after yield');
// flatMap closes the inner iterator first, then the underlying one.
h = counter(2, 'outer').flatMap(function () { return counter(2, 'inner'); });
h.next();
h.return();
show('flatMap return');

// Re-entrancy: calling next/return from inside the mapper throws.
var self;
self = counter(3).map(function () { return err(function () { self.next(); }) + '/' + err(function () { self.return(); }); });
print(self.next().value);
log = [];

// A throwing mapper closes the underlying iterator and completes the helper.
h = counter(3).map(function () { throw new RangeError('boom'); });
print(err(function () { h.next(); }));
show('mapper threw');
print(JSON.stringify(h.next()));
log = [];

// Brands: helper next is not a generator's next, and vice versa.
var helperNext = Object.getPrototypeOf(counter(1).map(String)).next;
function* gen() { yield 1; }
print(err(function () { helperNext.call(gen()); }), err(function () { gen.prototype.next.call(counter(1).map(String)); }));
print(Object.prototype.toString.call(counter(1).map(String)));

// reduce / toArray / forEach / some / every / find
print(counter(5).reduce(function (a, b) { return a + b; }));
print(counter(5).reduce(function (a, b) { return a + b; }, 100));
print(err(function () { counter(0).reduce(function () {}); }));
log = [];
var seen = [];
counter(3).forEach(function (v, i) { seen.push(v + '@' + i); });
print(seen.join(' '));
log = [];
print(counter(5).some(function (x) { return x === 2; }));
show('some closes when found');
print(counter(5).every(function (x) { return x < 2; }));
show('every closes when false');
print(counter(5).find(function (x) { return x > 2; }), counter(5).find(function () { return false; }));
log = [];

// Iterator.from: iterables that inherit from Iterator.prototype are returned
// as they are; other iterators are wrapped.
var arrIt = [1, 2].values();
print(Iterator.from(arrIt) === arrIt);
print(Iterator.from('ab').toArray().join('|'));
var plain = { i: 0, next: function () { return this.i < 2 ? { value: this.i++, done: false } : { done: true }; } };
var w = Iterator.from(plain);
print(w === plain, w instanceof Iterator, w.map(function (x) { return x + 1; }).toArray().join(','));
var wproto = Object.getPrototypeOf(Iterator.from({ next: function () {} }));
print(Object.getOwnPropertyNames(wproto).sort().join(','), JSON.stringify(wproto.return.call(Iterator.from({ next: 0 }))));
print(err(function () { Iterator.from(5); }), err(function () { wproto.next.call({}); }));

// The accessor properties of Iterator.prototype.
var desc = Object.getOwnPropertyDescriptor(Iterator.prototype, 'constructor');
print(typeof desc.get, typeof desc.set, desc.enumerable, desc.configurable, desc.get.call(1) === Iterator);
print(Iterator.prototype[Symbol.toStringTag], String(Object.prototype.toString.call(mine)));
var o = Object.create(Iterator.prototype);
o.constructor = 'mine';
o[Symbol.toStringTag] = 'Tagged';
print(Object.getOwnPropertyDescriptor(o, 'constructor').value, String(o), Iterator.prototype.constructor === Iterator);
print(err(function () { Iterator.prototype.constructor = 1; }), err(function () { desc.set.call(2, 1); }));
