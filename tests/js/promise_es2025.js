// Promise.try and Promise.withResolvers (ES2025; node 20 lacks them, so this
// .expected was checked by hand against the spec).
var log = [];
Promise.try(function (a, b) { return a + b; }, 2, 3).then(function (v) { log.push('try-value:' + v); });
Promise.try(function () { throw new RangeError('sync'); }).catch(function (e) { log.push('try-throw:' + e.message); });
Promise.try(function () { return Promise.resolve('nested'); }).then(function (v) { log.push('try-promise:' + v); });
var synchronous = false;
Promise.try(function () { synchronous = true; });
log.push('try-sync:' + synchronous);
try { Promise.try.call(1, function () {}); } catch (e) { log.push('try-this:' + e.constructor.name); }

var w = Promise.withResolvers();
log.push('wr-keys:' + Object.keys(w).join());
log.push('wr-types:' + (w.promise instanceof Promise) + typeof w.resolve + typeof w.reject);
w.promise.then(function (v) { log.push('wr:' + v); });
w.resolve('first');
w.reject('ignored');
class Sub extends Promise {}
log.push('wr-sub:' + (Sub.withResolvers().promise instanceof Sub));
log.push('lengths:' + Promise.try.length + Promise.withResolvers.length);
setTimeout(function () { console.log(log.join('\n')); }, 0);
