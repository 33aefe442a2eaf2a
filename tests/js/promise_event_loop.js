// Microtasks before timers; timers by due time, then by creation order.
var log = [];
function out() { console.log(log.join(' ')); log = []; }
setTimeout(function () { log.push('t10'); }, 10);
setTimeout(function () { log.push('t1a'); }, 1);
setTimeout(function () { log.push('t0'); }, 0);      // 0 counts as 1: after t1a
setTimeout(function (a, b) { log.push('args:' + a + b); }, 1, 'x', 'y');
setTimeout(function () { log.push('t5'); }, 5);
Promise.resolve().then(function () { log.push('micro1'); });
queueMicrotask(function () { log.push('qm'); });
Promise.resolve().then(function () {
    log.push('micro2');
    Promise.resolve().then(function () { log.push('micro3'); });
});
log.push('sync');
setTimeout(function () {
    out();
    // A timer's microtasks run before the next timer.
    setTimeout(function () { log.push('B'); }, 0);
    setTimeout(function () { log.push('A'); Promise.resolve().then(function () { log.push('A.micro'); }); }, 0);
    setTimeout(function () { out(); step2(); }, 3);
}, 20);

function step2() {
    var n = 0;
    var id = setInterval(function () {
        n++;
        log.push('iv' + n);
        if (n === 3) {
            clearInterval(id);
            setTimeout(function () { out(); step3(); }, 5);
        }
    }, 1);
}

function step3() {
    var cancelled = setTimeout(function () { log.push('never'); }, 1);
    clearTimeout(cancelled);
    clearTimeout(undefined);
    clearTimeout('nope');
    clearInterval(12345);
    log.push(cancelled > 0);
    try { setTimeout('code', 1); } catch (e) { log.push(e.constructor.name); }
    try { queueMicrotask(1); } catch (e) { log.push(e.constructor.name); }
    // A rejection handled later within the same task is not reported.
    var p = Promise.reject(new Error('late'));
    Promise.resolve().then(function () {}).then(function () {
        p.catch(function (e) { log.push('caught ' + e.message); });
    });
    setTimeout(out, 2);
}
