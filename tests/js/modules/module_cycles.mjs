// Module graphs with cycles: depth-first post-order evaluation, each module once.
import './fixtures/cycle_a.mjs';
import { two } from './fixtures/order_1.mjs';
import * as again from './fixtures/cycle_b.mjs';
console.log('main', two, again.fromB, again.callA());
