// Two star exports of different bindings under one name: importing it is a SyntaxError.
import * as ok from './fixtures/star_both.mjs'; // the namespace just leaves the name out
import { shared } from './fixtures/star_both.mjs';
console.log('never printed', shared, ok);
