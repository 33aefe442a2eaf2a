// import() from a classic script: relative to the script, evaluated once,
// asynchronously; the promise gives the namespace.
console.log('before');
const p = import('./fixtures/dynamic_target.mjs');
console.log('import() returned a promise:', p instanceof Promise);
p.then((ns) => {
    console.log('namespace', ns.answer, ns.default, Object.keys(ns).join());
    return import('./fixtures/dynamic_target.mjs');
}).then((ns2) => {
    console.log('same namespace the second time');
    return import('./fixtures/does_not_exist.mjs');
}).catch((e) => {
    console.log('missing module rejects:', e.constructor.name);
    return import({ toString() { return './fixtures/dynamic_target.mjs'; } });
}).then((ns) => {
    console.log('specifier converted with ToString:', ns.answer);
    return import('./fixtures/data.json', { with: { type: 'json' } });
}).then((json) => {
    console.log('JSON module', json.default.name, json.default.list.length, json.default.nested.ok);
    return import('./fixtures/dynamic_target.mjs', { with: { type: 'css' } });
}).catch((e) => {
    console.log('unsupported type:', e.constructor.name);
    return import('./fixtures/dynamic_target.mjs', 42);
}).catch((e) => {
    console.log('non-object options:', e.constructor.name);
});
console.log('after');
