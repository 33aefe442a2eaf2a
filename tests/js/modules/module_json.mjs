// JSON modules (ES2025): the default export is the parsed value, one per file.
import data from './fixtures/data.json' with { type: 'json' };
import again from './fixtures/data.json' with { type: 'json' };
import * as ns from './fixtures/data.json' with { type: 'json' };
console.log(data.name, data.list.join('+'), data === again, ns.default === data);
console.log(Object.keys(ns).join());
