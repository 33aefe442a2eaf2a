// mica-flags: --expose-gc
// One registry's throwing cleanup callback is reported like an uncaught error
// and does not stop the cleanups already queued for other registries; the
// process then exits non-zero without running later timers.
var failing = new FinalizationRegistry(function (held) { throw new Error('cleanup ' + held); });
var other = new FinalizationRegistry(function (held) { print('other ran', held); });
(function () {
    failing.register({}, 'boom');
    other.register({}, 'x');
    other.register({}, 'y');
})();
gc();
setTimeout(function () { print('timer must not run'); }, 0);
