// mica-flags: --expose-gc
// WeakRef: argument checks, deref keeps the target for the current job only,
// a target that dies is cleared by the next collection after that job.
function check(cond, what) { if (!cond) throw new Error('failed: ' + what); }
function throws(f, E, what) {
    try { f(); } catch (e) { check(e instanceof E, what + ' threw ' + e); return; }
    throw new Error('no exception: ' + what);
}
throws(() => WeakRef({}), TypeError, 'call without new');
throws(() => new WeakRef(1), TypeError, 'number target');
throws(() => new WeakRef('s'), TypeError, 'string target');
throws(() => new WeakRef(Symbol.for('reg')), TypeError, 'registered symbol target');
throws(() => WeakRef.prototype.deref.call({}), TypeError, 'deref on a plain object');
print(WeakRef.length, WeakRef.name, WeakRef.prototype.deref.length,
      Object.prototype.toString.call(new WeakRef({})));

var sym = Symbol('weak');
var live = { name: 'live' };
var refs = {
    live: new WeakRef(live),
    sym: new WeakRef(sym),
    wellKnown: new WeakRef(Symbol.iterator),
    dead: null,
    deadSym: null,
    derefed: null,
};
(function () {
    refs.dead = new WeakRef({ name: 'dead' });
    refs.deadSym = new WeakRef(Symbol('dead'));
})();
gc();
// Still the script's job: targets created (and so kept) in it survive.
print('same job:', refs.dead.deref() !== undefined, refs.deadSym.deref() !== undefined);

setTimeout(function () {
    gc();
    print('next task:', refs.live.deref() === live, refs.sym.deref() === sym,
          refs.wellKnown.deref() === Symbol.iterator, refs.dead.deref(), refs.deadSym.deref());
    // deref in this task keeps the target to the end of the task.
    (function () { refs.derefed = new WeakRef({ name: 'derefed' }); })();
    setTimeout(function () {
        var t = refs.derefed.deref();
        t = null;
        gc();
        print('after deref, same task:', refs.derefed.deref() !== undefined);
        setTimeout(function () {
            gc();
            print('later task:', refs.derefed.deref());
        }, 0);
    }, 0);
}, 0);
