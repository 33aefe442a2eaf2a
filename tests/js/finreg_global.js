// mica-flags: --expose-gc
// The founding bug and its relatives: the global object as target, held
// value and unregister token of registries whose callbacks close over it,
// left pending at exit. Teardown must run no callback and touch nothing
// freed (checked under ASan and MICA_GC_STRESS).
var calls = 0;
var a = new FinalizationRegistry(function (held) { calls++; globalThis.lastHeld = held; });
var b = new FinalizationRegistry(function (held) { calls++; held.touched = true; });
var c = new FinalizationRegistry(function (held) { calls++; print('never'); });
a.register(globalThis, 'global as target');
a.register(globalThis, a, globalThis);
b.register({}, globalThis);            // global as held value, target dies
b.register({}, globalThis, globalThis); // ... and as token
c.register(a, globalThis, b);
c.register(globalThis, c, c);
globalThis.cycle = { a: a, b: b, c: c };
var ref = new WeakRef(globalThis);
var refToRegistry = new WeakRef(a);
gc();
print('before exit', calls, ref.deref() === globalThis, refToRegistry.deref() === a);
// A pending cleanup job at exit: b's dead target queues one after this gc.
setTimeout(function () {
    b.register({}, globalThis, globalThis);
    gc(); // queues b's job; the process may exit with it run or not, never crash
    print('exiting with a job queued');
}, 0);
