// mica-flags: --expose-gc
// FinalizationRegistry: argument checks, cleanup after the target dies (as a
// job after the current one, never inside gc()), unregister, weak tokens.
function check(cond, what) { if (!cond) throw new Error('failed: ' + what); }
function throws(f, E, what) {
    try { f(); } catch (e) { check(e instanceof E, what + ' threw ' + e); return; }
    throw new Error('no exception: ' + what);
}
var log = [];
var fr = new FinalizationRegistry(function (held) { log.push(held); });
throws(() => FinalizationRegistry(function () {}), TypeError, 'call without new');
throws(() => new FinalizationRegistry(), TypeError, 'no callback');
throws(() => new FinalizationRegistry({}), TypeError, 'non-callable callback');
throws(() => fr.register(1, 'x'), TypeError, 'primitive target');
throws(() => fr.register(Symbol.for('r'), 'x'), TypeError, 'registered symbol target');
var o = {};
throws(() => fr.register(o, o), TypeError, 'target same as held value');
throws(() => fr.register(o, 'x', 1), TypeError, 'primitive token');
throws(() => fr.register(o, 'x', Symbol.for('r')), TypeError, 'registered symbol token');
throws(() => fr.unregister(1), TypeError, 'primitive unregister token');
throws(() => fr.unregister(undefined), TypeError, 'undefined unregister token');
throws(() => FinalizationRegistry.prototype.register.call({}, {}, 1), TypeError, 'bad this');
check(fr.register(o, 'x', undefined) === undefined, 'register returns undefined');
check(fr.register(o, o === 1, o) === undefined, 'token may equal the target');
check(fr.unregister(o) === true && fr.unregister(o) === false, 'unregister result');
print(FinalizationRegistry.length, FinalizationRegistry.prototype.register.length,
      FinalizationRegistry.prototype.unregister.length,
      Object.prototype.toString.call(fr), 'cleanupSome' in fr);

var keepToken = {}, symToken = Symbol('token');
(function () {
    for (var i = 0; i < 5; i++) fr.register({ i: i }, 'held' + i);
    fr.register({}, 'unregistered', keepToken);
    fr.register({}, 'unregistered-sym', symToken);
    fr.register(Symbol('target'), 'symbol target');
    fr.register({}, 'dead token', {});
})();
check(fr.unregister(keepToken) && fr.unregister(symToken), 'unregister before death');

setTimeout(function () {
    var before = log.length;
    gc();
    print('inside the task, gc ran no callback:', log.length === before); // they wait for their job
    setTimeout(function () {
        print('cleaned:', log.sort().join());
        log.length = 0;
        // The registry itself keeps held values alive; a held value may be
        // anything and the same held value may be registered many times.
        var shared = { shared: true };
        (function () {
            fr.register({}, shared);
            fr.register({}, shared);
            fr.register({}, undefined);
        })();
        setTimeout(function () {
            gc();
            setTimeout(function () {
                print('second round:', log.length, log[0] === shared || log[1] === shared,
                      log.indexOf(undefined) >= 0);
            }, 0);
        }, 0);
    }, 0);
}, 0);
