// mica-flags: --expose-gc
// An exception in a cleanup callback is reported like an uncaught error.
var fr = new FinalizationRegistry(function (held) { throw new Error('cleanup ' + held); });
(function () { fr.register({}, 'boom'); })();
setTimeout(function () { gc(); print('collected'); }, 0);
