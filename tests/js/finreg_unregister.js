// mica-flags: --expose-gc
// gc-stress-every: 10  (20000 registrations: quadratic under stress at every allocation)
// unregister through the token index: shared tokens, tokens that die (their
// addresses reused by new tokens), interleaved register / unregister, and
// unregister from inside a cleanup callback.
var cleaned = [];
var fr = new FinalizationRegistry(function (held) { cleaned.push(held); });
var targets = [];
function target() { var t = {}; targets.push(t); return t; }

// 1. A token shared by many cells; symbols as tokens.
var shared = {}, sym = Symbol('token');
for (var i = 0; i < 100; i++) fr.register(target(), 'shared', shared);
fr.register(target(), 'sym', sym);
print(fr.unregister(shared), fr.unregister(shared), fr.unregister(sym), fr.unregister({}));

// 2. Interleaved: register with a fresh token, unregister every other one.
var tokens = [];
for (var i = 0; i < 20000; i++) {
    tokens.push({ i: i });
    fr.register(target(), i, tokens[i]);
    if (i % 2 && !fr.unregister(tokens[i - 1])) print('missed', i - 1);
}
var again = 0;
for (var i = 0; i < 20000; i += 2) if (fr.unregister(tokens[i])) again++;
print('even tokens left after interleaving:', again); // the odd ones stay registered

// 3. Tokens that die: their cells stay registered (only the token goes), and
// new tokens, possibly at the same addresses, find only their own cells.
(function () { for (var i = 0; i < 1000; i++) fr.register(target(), 'lost token ' + i, {}); })();
tokens = [];
setTimeout(function () {
    gc();
    var fresh = [];
    for (var i = 0; i < 1000; i++) { fresh.push({}); fr.register(target(), 'fresh', fresh[i]); }
    var n = 0;
    for (var i = 0; i < 1000; i++) if (fr.unregister(fresh[i])) n++;
    print('fresh tokens removed:', n, 'again:', fresh.filter(function (t) { return fr.unregister(t); }).length);

    // 4. All targets die: exactly the cells still registered are cleaned,
    // one of them unregistering others (pending ones included) meanwhile.
    var late = {}, inCallback = null;
    fr.register(target(), 'late', late);
    fr.register(target(), 'late 2', late);
    var first = true;
    var firstRegistry = fr; // stays alive: its cells are cleaned too
    fr = new FinalizationRegistry(function (held) {
        cleaned.push(held);
        if (first) { first = false; inCallback = fr2.unregister(late); }
    });
    var fr2 = fr;
    for (var i = 0; i < 10; i++) fr2.register(target(), 'second ' + i, i === 0 ? {} : late);
    targets = null;
    setTimeout(function () {
        gc();
        setTimeout(function () {
            var counts = {};
            cleaned.forEach(function (h) {
                var k = typeof h === 'number' ? 'number' : String(h).split(' ').filter(function (w) { return isNaN(w); }).join(' ');
                counts[k] = (counts[k] || 0) + 1;
            });
            print(JSON.stringify(counts), inCallback, typeof firstRegistry);
        }, 0);
    }, 0);
}, 0);
