// mica-flags: --expose-gc
// gc-stress-every: 10000  (a million registrations: quadratic under stress at every allocation)
// 1,000,000 registrations in a loop, all of whose targets die: every held
// value reaches the callback exactly once, and the registry's memory
// shrinks back afterwards. (A registration that survives is kept as well.)
var N = 1000000;
var seen = 0, sum = 0;
var fr = new FinalizationRegistry(function (held) { seen++; sum += held; });
var survivor = {};
fr.register(survivor, -1);
for (var i = 0; i < N; i++) fr.register({ i: i }, i);
setTimeout(function () {
    gc();
    setTimeout(function () {
        print(seen === N, sum === N * (N - 1) / 2);
        // A second wave, unregistered by token before they die.
        var token = {};
        for (var i = 0; i < 1000; i++) fr.register({}, i, token);
        print(fr.unregister(token), fr.unregister(token));
        setTimeout(function () {
            gc();
            setTimeout(function () { print(seen === N, survivor !== undefined); }, 0);
        }, 0);
    }, 0);
}, 0);
