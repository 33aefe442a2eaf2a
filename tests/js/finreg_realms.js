// mica-flags: --expose-gc --test262
// Cross-realm: registries and WeakRefs of one realm watching targets of
// another, callbacks from a third, the other realm's global as target,
// held value and token. All are left registered at exit as well.
var other = $262.createRealm().global;
var third = $262.createRealm().global;
var log = [];
third.log = log;
var thirdCallback = third.eval('(function (held) { log.push("third " + held); })');
var otherRegistry = new other.FinalizationRegistry(function (held) { log.push('main ' + held); });
var mixedRegistry = new other.FinalizationRegistry(thirdCallback);
print(Object.getPrototypeOf(otherRegistry) === other.FinalizationRegistry.prototype,
      otherRegistry instanceof FinalizationRegistry);
// Cross-realm brand checks: methods of this realm accept the other realm's objects.
var ref = new other.WeakRef(other);
print(WeakRef.prototype.deref.call(ref) === other);
(function () {
    otherRegistry.register(other.eval('({})'), 'other-realm target');
    FinalizationRegistry.prototype.register.call(otherRegistry, {}, 'main-realm target');
    mixedRegistry.register(third.eval('({})'), 'third-realm target');
})();
otherRegistry.register(other, 'other global as target', other);
otherRegistry.register({}, other, third);
otherRegistry.register(third, otherRegistry, otherRegistry);
mixedRegistry.register(globalThis, other);
// Subclassing across realms: the prototype comes from NewTarget.
var Sub = other.eval('(class extends FinalizationRegistry {})');
var sub = new Sub(function () {});
print(sub instanceof Sub, sub instanceof other.FinalizationRegistry);
// A registry made by the other realm's constructor through Reflect.construct
// with this realm's newTarget gets this realm's prototype.
var viaReflect = Reflect.construct(other.FinalizationRegistry, [function () {}], FinalizationRegistry);
print(Object.getPrototypeOf(viaReflect) === FinalizationRegistry.prototype);

setTimeout(function () {
    gc();
    setTimeout(function () {
        print(log.sort().join());
        print(ref.deref() === other);
    }, 0);
}, 0);
