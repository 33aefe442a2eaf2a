// Promise built-ins: job ordering, thenables, combinators, finally, species.
var log = [];
function show(label) { return function (v) { log.push(label + ':' + String(v)); }; }

// Ordering of reactions across promises and thenable assimilation (+2 ticks).
var a = Promise.resolve('a');
var thenable = { then: function (r) { log.push('then-called'); r('t'); } };
var b = Promise.resolve(thenable);
var c = new Promise(function (r) { r(a); });  // a native promise costs two extra ticks
a.then(show('a1'));
b.then(show('b1'));
c.then(show('c1'));
a.then(show('a2'));

// Resolving with itself is a TypeError.
var self = new Promise(function (r) { Promise.resolve().then(function () { r(self); }); });
self.catch(function (e) { log.push('self:' + e.constructor.name); });

// A throwing executor rejects; later resolve calls are ignored.
new Promise(function (res, rej) { res(1); rej(2); throw 3; }).then(show('once'));
new Promise(function () { throw new TypeError('exec'); }).catch(function (e) { log.push('exec:' + e.message); });

// A poisoned then getter rejects.
var poisoned = {};
Object.defineProperty(poisoned, 'then', { get: function () { throw 'poison'; } });
Promise.resolve(poisoned).catch(show('poisoned'));

// finally passes values and reasons through, unless it throws.
Promise.resolve(1).finally(function () { return 99; }).then(show('fin-value'));
Promise.reject(2).finally(function () {}).catch(show('fin-reason'));
Promise.resolve(3).finally(function () { throw 'fin-throw'; }).catch(show('fin-override'));
Promise.resolve(4).finally(5).then(show('fin-noncallable'));

// Combinators.
Promise.all([]).then(function (v) { log.push('all-empty:' + v.length); });
Promise.all([1, Promise.resolve(2), thenable]).then(show('all'));
Promise.all([1, Promise.reject('no'), 3]).catch(show('all-reject'));
Promise.allSettled([Promise.reject('r'), 'v']).then(function (v) { log.push('settled:' + JSON.stringify(v)); });
Promise.any([Promise.reject('x'), Promise.resolve('y')]).then(show('any'));
Promise.any([]).catch(function (e) { log.push('any-empty:' + e.constructor.name + ':' + e.errors.length); });
Promise.race([new Promise(function () {}), Promise.reject('fast')]).catch(show('race'));
Promise.race([]).then(show('race-empty-never'));

// Iterator errors reject instead of throwing, and close the iterator.
var closed = 0;
var iterable = {};
iterable[Symbol.iterator] = function () {
    return { next: function () { return { value: 1, done: false }; }, return: function () { closed++; return {}; } };
};
var BadResolve = function (executor) { return new Promise(executor); };
BadResolve.resolve = function () { throw 'resolve-throws'; };
Promise.all.call(BadResolve, iterable).catch(function (e) { log.push('closed:' + closed + ':' + e); });
Promise.all(5).catch(function (e) { log.push('not-iterable:' + e.constructor.name); });

// Subclasses and species.
class MyPromise extends Promise {}
var mp = MyPromise.resolve(1);
log.push('sub:' + (mp instanceof MyPromise) + ':' + (mp.then(function () {}) instanceof MyPromise));
log.push('species:' + (Promise[Symbol.species] === Promise));
log.push('resolve-same:' + (Promise.resolve(a) === a) + ':' + (MyPromise.resolve(a) === a));
log.push('tag:' + Object.prototype.toString.call(a));
try { Promise(); } catch (e) { log.push('call:' + e.constructor.name); }
try { new Promise(1); } catch (e) { log.push('executor:' + e.constructor.name); }
try { Promise.prototype.then.call({}); } catch (e) { log.push('then-this:' + e.constructor.name); }
log.push('lengths:' + [Promise.length, Promise.all.length, Promise.prototype.then.length, Promise.prototype.finally.length].join());
new Promise(function (res, rej) { log.push('resolvers:' + res.length + rej.length + JSON.stringify(res.name)); res(); });

log.push('sync-end');
setTimeout(function () { console.log(log.join('\n')); }, 0);
