// Top-level await: async dependencies delay their importers only.
import { parent } from './fixtures/tla_sync_parent.mjs';
import './fixtures/tla_sibling.mjs';
console.log('main starts with', parent);
const value = await Promise.resolve(42);
console.log('awaited', value);
const again = await import('./fixtures/tla_slow.mjs'); // evaluated asynchronously already
console.log('import() of an evaluated async module:', again.slow);
import('./module_top_level_await.mjs').then((self) => console.log('import() of itself settles after its body:', self.done));
try {
    await import('./fixtures/tla_reject.mjs');
} catch (e) {
    console.log('import() of a rejecting module:', e.name, e.message);
}
try {
    await import('./fixtures/tla_reject.mjs');
} catch (e) {
    console.log('the same error again:', e.message);
}
for await (const x of [1, 2]) console.log('for await at top level', x);
console.log('main ends');
export const done = 'done';
