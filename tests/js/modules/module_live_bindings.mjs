// Imports are live, immutable bindings; the namespace object is exotic.
import { count, increment, bump, later } from './fixtures/counter.mjs';
import { 'string name' as viaString } from './fixtures/counter.mjs';
import anonFn, * as ns from './fixtures/counter.mjs';
import AnonClass from './fixtures/anon_class.mjs';
import arrow from './fixtures/anon_expr.mjs';
import { tdzError } from './fixtures/uninit.mjs';

console.log('count', count, viaString);
increment();
bump();
console.log('count after two increments', count, viaString, ns.count);
console.log('later', later);

try {
    count = 10;
} catch (e) {
    console.log('assigning an import:', e.constructor.name);
}

console.log(anonFn(), anonFn.name);
console.log(new AnonClass().hello(), AnonClass.name);
console.log(arrow(), arrow.name);

console.log('keys', JSON.stringify(Reflect.ownKeys(ns).map(String)));
console.log('tag', ns[Symbol.toStringTag], Object.prototype.toString.call(ns));
console.log('extensible', Object.isExtensible(ns), Object.getPrototypeOf(ns));
console.log('frozen?', Object.isFrozen(ns), Object.isSealed(ns));
const d = Object.getOwnPropertyDescriptor(ns, 'count');
console.log('descriptor', d.value, d.writable, d.enumerable, d.configurable);
console.log('set fails', Reflect.set(ns, 'count', 5), 'delete fails', Reflect.deleteProperty(ns, 'count'));
console.log('delete missing', Reflect.deleteProperty(ns, 'missing'), 'missing' in ns, 'count' in ns);
console.log('define same value', Reflect.defineProperty(ns, 'count', { value: 2 }));
console.log('define other value', Reflect.defineProperty(ns, 'count', { value: 3 }));
console.log('define non-writable', Reflect.defineProperty(ns, 'count', { writable: false }));
console.log('setPrototypeOf null', Reflect.setPrototypeOf(ns, null), 'to {}', Reflect.setPrototypeOf(ns, {}));
try {
    'use strict';
    ns.count = 1;
} catch (e) {
    console.log('strict set:', e.constructor.name);
}
console.log('TDZ through a namespace:', tdzError instanceof ReferenceError);
console.log('this at top level', this);
console.log('import.meta', typeof import.meta, Object.getPrototypeOf(import.meta), import.meta.url.endsWith('/module_live_bindings.mjs'));
// Direct eval sees the module scope by name, imports included.
console.log('eval', eval('count'), eval('typeof increment'), eval('ns.count'));
try {
    eval('count = 5');
} catch (e) {
    console.log('eval assigning an import:', e.constructor.name);
}
console.log('indirect eval', (0, eval)('typeof count'));
