// mica-flags: --expose-gc
// Callbacks that re-enter: a registry reachable only from its own callback,
// callbacks that register again, create registries, unregister and call
// gc(); a WeakRef to a registry; an exception in one registry's callback.
var log = [];
function later(f) { setTimeout(f, 0); }

// 1. A registry reachable only from its own callback dies with its cells:
//    the callback never runs, even when the target dies later. A WeakRef
//    to it sees it go.
var selfRef, selfTarget = { target: true };
(function () {
    var self = new FinalizationRegistry(function (held) { log.push('self ' + held + ' ' + typeof self); });
    self.register(selfTarget, 'x');
    selfRef = new WeakRef(self);
})();

// 2. A callback that registers again (round trips), creates registries and collects.
var rounds = 0;
var spawned = [];
var again = new FinalizationRegistry(function (held) {
    rounds++;
    if (held < 3) {
        again.register({}, held + 1);
        var inner = new FinalizationRegistry(function (h) { log.push('inner ' + h); });
        inner.register({}, 'from round ' + held);
        spawned.push(inner);
        gc(); // collects inside a cleanup callback: queues more cleanups, runs none now
        log.push('round ' + held + ' done');
    }
});
again.register({}, 0);

// 3. A callback that unregisters cells still pending.
var tokenA = {}, tokenB = {};
var unreg = new FinalizationRegistry(function (held) {
    log.push('unreg ' + held);
    log.push('removed ' + unreg.unregister(tokenA) + ' ' + unreg.unregister(tokenB));
});
(function () {
    unreg.register({}, 'first', tokenA);
    unreg.register({}, 'second', tokenB);
})();

// Several tasks, each collecting; cleanup jobs run between them.
var tasks = 0;
later(function step() {
    gc();
    if (tasks === 2) selfTarget = null; // the registry is long gone by now
    if (++tasks < 8) return later(step);
    later(function () {
        print('self registry collected:', selfRef.deref() === undefined);
        print('rounds:', rounds);
        var u = log.filter(function (s) { return s.indexOf('unreg') === 0 || s.indexOf('removed') === 0; });
        print(u.length === 2 && u[0] === 'unreg first' && u[1] === 'removed false true' ? 'one unreg callback' : 'unreg log ' + u.join('|'));
        print(log.filter(function (s) { return s.indexOf('self') === 0; }).length, 'self callbacks');
        print(log.filter(function (s) { return s.indexOf('inner') === 0; }).sort().join());
        print(log.filter(function (s) { return s.indexOf('round') === 0; }).join());
    });
});
