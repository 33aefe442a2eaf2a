// lib: lodash/lodash.js min=lodash/lodash.min.js
// A broad tour of lodash: collections, arrays, objects, strings, deep clone
// and equality, template, math, lang checks and chaining.

function p(label, v) { console.log(label + ': ' + JSON.stringify(v)); }
var users = [
    { user: 'fred', age: 48, active: true, tags: ['a'] }, { user: 'barney', age: 36, active: false, tags: [] },
    { user: 'fred', age: 40, active: false, tags: ['b', 'c'] }, { user: 'barney', age: 34, active: true, tags: ['a', 'c'] },
    { user: 'pebbles', age: 1, active: true }
];
p('sortBy', _.sortBy(users, ['user', 'age']).map(function (u) { return u.user + u.age; }));
p('orderBy', _.orderBy(users, ['user', 'age'], ['asc', 'desc']).map(function (u) { return u.user + u.age; }));
p('groupBy', _.groupBy(users, 'user'));
p('keyBy/countBy', [_.keyBy(users, function (u) { return u.user + '-' + u.age; }), _.countBy([6.1, 4.2, 6.3], Math.floor)]);
p('partition/filter/reject', [_.partition(users, 'active').map(function (g) { return g.length; }), _.filter(users, { age: 36, active: false }), _.map(_.reject(users, ['active', false]), 'user')]);
p('find/findLast', [_.find(users, function (o) { return o.age < 40; }), _.findLast(users, 'active').user, _.findIndex(users, { user: 'barney' }), _.findLastIndex(users, ['active', false])]);
p('map/flatMap', [_.map({ a: 4, b: 8 }, function (n) { return n * n; }), _.flatMap([1, 2], function (n) { return [n, n]; }), _.flatMapDeep([1, 2], function (n) { return [[[n, n]]]; })]);
p('reduce', _.reduce({ a: 1, b: 2, c: 1 }, function (r, v, k) { (r[v] || (r[v] = [])).push(k); return r; }, {}));
p('includes/every/some', [_.includes([1, 2, 3], 1, 2), _.includes({ a: 1 }, 1), _.includes('abcd', 'bc'), _.every(users, 'age'), _.some(users, { user: 'pebbles' })]);
p('size/sample?', [_.size(users), _.size('pebbles'), _.size(new Map([[1, 2]]))]);
p('chunk/compact/concat', [_.chunk(['a', 'b', 'c', 'd', 'e'], 2), _.compact([0, 1, false, 2, '', 3]), _.concat([1], 2, [3], [[4]])]);
p('difference*', [_.difference([2, 1], [2, 3]), _.differenceBy([2.1, 1.2], [2.3, 3.4], Math.floor), _.differenceWith([{ x: 1 }, { x: 2 }], [{ x: 1 }], _.isEqual)]);
p('drop/take', [_.drop([1, 2, 3], 2), _.dropRight([1, 2, 3]), _.dropWhile(users, 'active').length, _.take([1, 2, 3], 2), _.takeRightWhile([1, 2, 3, 4], function (n) { return n > 2; })]);
p('fill/flatten', [_.fill(Array(3), 2), _.flatten([1, [2, [3, [4]], 5]]), _.flattenDeep([1, [2, [3, [4]], 5]]), _.flattenDepth([1, [2, [3, [4]], 5]], 2)]);
p('fromPairs/toPairs/zip', [_.fromPairs([['a', 1], ['b', 2]]), _.toPairs({ a: 1, b: 2 }), _.zip(['a', 'b'], [1, 2], [true]), _.zipObject(['a', 'b'], [1, 2]), _.zipObjectDeep(['a.b[0].c', 'a.b[1].d'], [1, 2])]);
p('intersection/union/xor', [_.intersectionBy([2.1, 1.2], [2.3, 3.4], Math.floor), _.unionBy([{ x: 1 }], [{ x: 2 }, { x: 1 }], 'x'), _.xor([2, 1], [2, 3]), _.uniqWith([{ a: 1 }, { a: 1 }, { a: 2 }], _.isEqual)]);
p('pull/remove', (function () { var a = ['a', 'b', 'c', 'a', 'b', 'c']; _.pull(a, 'a', 'c'); var b = [1, 2, 3, 4]; var r = _.remove(b, function (n) { return n % 2 === 0; }); return [a, b, r, _.pullAt(['a', 'b', 'c', 'd'], [1, 3])]; })());
p('sortedIndex/uniq', [_.sortedIndex([30, 50], 40), _.sortedIndexBy([{ x: 4 }, { x: 5 }], { x: 4 }, 'x'), _.sortedUniq([1, 1, 2]), _.uniqBy([2.1, 1.2, 2.3], Math.floor)]);
p('nth/tail/head/last/indexOf', [_.nth(['a', 'b', 'c', 'd'], -2), _.tail([1, 2, 3]), _.head([]), _.last([1, 2, 3]), _.indexOf([1, 2, 1, 2], 2, 2), _.lastIndexOf([1, 2, 1, 2], 2, 2)]);

var original = { a: [1, { b: 2, c: [3, 4] }], d: new Date(Date.UTC(2020, 0, 1)), r: /x+/gi, m: new Map([['k', { v: 1 }]]), s: new Set([1, 2]), n: null, u: undefined, nested: { deep: { deeper: { deepest: 'x' } } } };
original.self = original;
var copy = _.cloneDeep(original);
p('cloneDeep', [copy !== original, copy.self === copy, copy.a[1] !== original.a[1], copy.d.getTime(), copy.r.source + copy.r.flags, copy.m.get('k').v, copy.m.get('k') !== original.m.get('k'), Array.from(copy.s), _.isEqual(copy, original)]);
p('cloneDeepWith', _.cloneDeepWith({ a: 1, b: { c: 'x' } }, function (v) { return _.isString(v) ? v.toUpperCase() : undefined; }));
p('isEqual', [_.isEqual({ a: [1, { b: new Date(5) }] }, { a: [1, { b: new Date(5) }] }), _.isEqual([1, 2], [1, 2, 3]), _.isEqual(new Set([1, 2]), new Set([2, 1])), _.isEqual(new Map([[1, 'a']]), new Map([[1, 'b']])), _.isEqual(NaN, NaN), _.isEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])), _.isEqual(/a/g, /a/i), _.isEqual(Object(1), 1)]);
p('isMatch/isEqualWith', [_.isMatch({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 2 } }), _.isEqualWith(['hello'], ['hi'], function (a, b) { return /^h(?:i|ello)$/.test(a) && /^h(?:i|ello)$/.test(b) ? true : undefined; })]);
p('get/set/has/unset', (function () { var o = { a: [{ b: { c: 3 } }] }; _.set(o, 'x[0].y.z', 5); _.set(o, ['p', 'q'], 6); return [_.get(o, 'a[0].b.c'), _.get(o, ['a', '0', 'b', 'c']), _.get(o, 'a.b.c', 'dflt'), _.has(o, 'a[0].b'), _.hasIn(o, 'toString'), _.unset(o, 'a[0].b.c'), o, _.toPath('a[0].b["c.d"]')]; })());
p('merge/assign/defaults', [_.merge({ a: [{ b: 2 }, { d: 4 }] }, { a: [{ c: 3 }, { e: 5 }] }), _.mergeWith({ a: [1] }, { a: [2] }, function (x, y) { if (_.isArray(x)) return x.concat(y); }), _.assign({ a: 0 }, { a: 1, b: 2 }, { c: 3 }), _.defaultsDeep({ a: { b: 2 } }, { a: { b: 1, c: 3 } })]);
p('pick/omit/mapValues/mapKeys', [_.pick({ a: 1, b: '2', c: 3 }, ['a', 'c']), _.pickBy({ a: 1, b: '2', c: 3 }, _.isNumber), _.omit({ a: 1, b: '2', c: 3 }, ['a']), _.mapValues({ fred: { age: 40 }, pebbles: { age: 1 } }, 'age'), _.mapKeys({ a: 1, b: 2 }, function (v, k) { return k + v; })]);
p('invert/keys/values/entries', [_.invert({ a: 1, b: 2, c: 1 }), _.invertBy({ a: 1, b: 2, c: 1 }), _.keys('hi'), _.values({ a: 1, b: 2 }), _.entries({ a: 1 }), _.keysIn(new (function F() { this.a = 1; })())]);
p('transform/result/at', [_.transform([2, 3, 4], function (r, n) { r.push(n *= n); return n % 2 == 0; }, []), _.result({ a: { b: function () { return this.c; }, c: 7 } }, 'a.b'), _.at({ a: [{ b: { c: 3 } }, 4] }, ['a[0].b.c', 'a[1]'])]);
p('string case', [_.camelCase('Foo Bar'), _.camelCase('--foo-bar--'), _.camelCase('__FOO_BAR__'), _.kebabCase('fooBar'), _.snakeCase('Foo Bar'), _.startCase('--foo-bar--'), _.lowerFirst('Fred'), _.upperFirst('fred'), _.capitalize('FRED'), _.upperCase('fooBar'), _.lowerCase('--Foo-Bar--')]);
p('string unicode', [_.camelCase('h\u00e9llo w\u00f6rld'), _.kebabCase('\u00c0 la carte'), _.deburr('d\u00e9j\u00e0 vu \u00c6\u00f8\u00df'), _.words('fred, barney, & pebbles'), _.words('fred, barney, & pebbles', /[^, ]+/g), _.words('camelCaseHTTPRequest2XX'), _.size('\ud83d\ude00\ud83d\udc4d\ud83c\udffd'), _.toArray('a\ud83d\ude00b'), _.truncate('\ud83d\ude00 hi there you', { length: 8 })]);
p('string pad/trim', [_.pad('abc', 8, '_-'), _.padStart('abc', 6), _.padEnd('abc', 6, '_-'), _.trim('  abc  '), _.trim('-_-abc-_-', '_-'), _.trimStart('  abc  '), _.trimEnd('-_-abc-_-', '_-'), _.repeat('*', 3), _.truncate('hi-diddly-ho there, neighborino', { length: 24, separator: /,? +/ })]);
p('string misc', [_.escape('fred, barney, & <pebbles> "\'"'), _.unescape('fred, barney, &amp; &lt;pebbles&gt; &quot;&#39;'), _.escapeRegExp('[lodash](https://lodash.com/)'), _.parseInt('08'), _.parseInt('0x1F'), _.replace('Hi Fred', 'Fred', 'Barney'), _.split('a-b-c', '-', 2), _.startsWith('abc', 'b', 1), _.endsWith('abc', 'b', 2)]);
p('math', [_.add(6, 4), _.ceil(4.006), _.ceil(6.004, 2), _.ceil(6040, -2), _.floor(0.046, 2), _.round(4.006), _.round(4.006, 2), _.round(4060, -2), _.round(1.005, 2), _.divide(6, 4), _.max([4, 2, 8, 6]), _.maxBy(users, 'age').user, _.mean([4, 2, 8, 6]), _.meanBy(users, 'age'), _.sum([4, 2, 8, 6]), _.sumBy(users, 'age'), _.min([]), _.clamp(-10, -5, 5), _.inRange(3, 2, 4), _.inRange(-3, -2, -6)]);
p('number conv', [_.toNumber('3.2'), _.toNumber(' 0b101 '), _.toNumber('0o17'), _.toNumber('-0x1'), _.toInteger(Infinity), _.toInteger('3.9'), _.toLength(-1), _.toSafeInteger(Infinity), _.toFinite('-Infinity'), _.toString([1, [2, 3]]), _.toString(-0), _.toString(null)]);
p('lang', [_.isArguments((function () { return arguments; })()), _.isArrayLike('abc'), _.isArrayLikeObject('abc'), _.isBuffer(new Uint8Array(1)), _.isElement({}), _.isEmpty(new Map()), _.isEmpty('a'), _.isError(new RangeError('x')), _.isFinite('3'), _.isInteger(3.0), _.isLength(2 ** 53), _.isNative(Array.prototype.push), _.isNil(undefined), _.isObjectLike([]), _.isPlainObject(Object.create(null)), _.isPlainObject(new (function Foo() {})()), _.isSafeInteger(2 ** 53), _.isSymbol(Symbol.iterator), _.isTypedArray(new Float64Array(1)), _.isWeakMap(new WeakMap()), _.isWeakSet(new WeakSet()), _.isArrayBuffer(new ArrayBuffer(2)), _.isDate(new Date()), _.isRegExp(/x/), _.isMap(new Map()), _.isSet(new Set()), _.castArray(1), _.conformsTo({ a: 1 }, { a: function (n) { return n > 0; } }), _.eq(NaN, NaN), _.gt(3, 1), _.lte(1, 1)]);
var add3 = function (a, b, c) { return [a, b, c]; };
var curried = _.curry(add3);
p('curry/partial/ary/rearg', [curried(1)(2)(3), curried(1, 2)(3), curried(1)(_, 3)(2), _.curryRight(add3)(3)(2)(1), _.partial(add3, 'a')('b', 'c'), _.partialRight(add3, 'z')('x', 'y'), _.map(['6', '8', '10'], _.ary(parseInt, 1)), _.rearg(add3, [2, 0, 1])('b', 'c', 'a'), _.spread(add3)([1, 2, 3]), _.unary(parseInt)('10', 2), _.flip(add3)(1, 2, 3)]);
var calls = 0;
var mem = _.memoize(function (o) { calls++; return _.values(o); });
var obj = { a: 1, b: 2 };
p('memoize/once/after/before', [mem(obj), mem(obj), calls, _.times(3, _.once(function () { return ++calls; })), _.times(4, _.before(3, function () { return ++calls; })), _.times(3, _.after(2, function () { return 'y'; }))]);
p('flow/negate/overArgs', [_.flow([_.add, function (n) { return n * n; }])(2, 3), _.flowRight(function (n) { return n * n; }, _.add)(2, 3), _.filter([1, 2, 3, 4], _.negate(function (n) { return n % 2 === 0; })), _.overArgs(function (x, y) { return [x, y]; }, [function (n) { return n * 2; }, function (n) { return n * n; }])(9, 3)]);
p('over/cond/conforms/matches', [_.over([Math.max, Math.min])(1, 2, 3, 4), _.overEvery([Boolean, isFinite])('1'), _.cond([[_.matches({ a: 1 }), _.constant('matches A')], [_.conforms({ b: _.isNumber }), _.constant('matches B')], [_.stubTrue, _.constant('no match')]])({ a: 2, b: 1 }), _.filter(users, _.matchesProperty('user', 'fred')).length, _.map(users, _.property('tags.length')), _.invokeMap([[5, 1, 7], [3, 2, 1]], 'sort'), _.method('a.b', 1)({ a: { b: function (x) { return x + 1; } } })]);
p('range/times/uniqueId', [_.range(4), _.range(-4), _.range(1, 4, 0), _.range(0, 20, 5), _.rangeRight(0, 1, 0.25), _.times(3, String), _.uniqueId('contact_'), _.uniqueId()]);
p('defaultTo/attempt/toPlainObject', [_.defaultTo(NaN, 10), _.attempt(function () { throw new Error('boom'); }).message, _.toPlainObject(new (function Foo() { this.b = 2; })())]);
p('chain', _.chain(users).filter('active').sortBy('age').map(function (u) { return u.user + ' is ' + u.age; }).head().value());
p('lazy chain', _(_.range(1, 1000)).map(function (n) { return n * 3; }).filter(function (n) { return n % 2 === 0; }).take(5).value());
p('lazy chain 2', _(users).map('user').uniq().reverse().join('~'));
p('chain tap/thru', _([1, 2, 3]).tap(function (a) { a.pop(); }).thru(function (a) { return a.concat(9); }).value());

var compiled = _.template('<% _.forEach(users, function(user) { %><li><%- user.user %> <%= user.age %></li><% }); %>${ "es" + 6 }');
console.log(compiled({ users: users }));
console.log(_.template('hello <%= user %>!')({ user: 'fred' }), _.template('<b><%- value %></b>')({ value: '<script>' }));
console.log(_.template('hi {{ name }}', { interpolate: /{{([\s\S]+?)}}/g })({ name: 'mustache' }));
console.log(_.template('<%= data.x %>', { variable: 'data' }).source);
console.log(_.template('<% print("hello " + who); %>!', { imports: { who: 'imports' } })());
try { _.template('<% if ( %>')(); } catch (e) { console.log(e.name); }
console.log(_.VERSION, _.templateSettings.interpolate.source);

var buf = new ArrayBuffer(8);
new Uint8Array(buf).set([1, 2, 3, 250]);
var binary = { u8: new Uint8Array(buf, 1, 3), f64: new Float64Array([1.5, -0]), view: new DataView(buf, 2), buf: buf, sym: Object(Symbol.for('s')), err: new RangeError('r'), num: Object(5), str: Object('s'), args: (function () { return arguments; })(1, 2) };
var binCopy = _.cloneDeep(binary);
p('cloneDeep binary', [binCopy.u8 !== binary.u8, Array.from(binCopy.u8), binCopy.u8.buffer.byteLength, Array.from(binCopy.f64), Object.is(binCopy.f64[1], -0), binCopy.view.byteOffset, binCopy.view.getUint8(0),
                       binCopy.buf.byteLength, typeof binCopy.sym, binCopy.sym.valueOf() === Symbol.for('s'), binCopy.err === binary.err, binCopy.num + 1, binCopy.str + '!', binCopy.args, _.isEqual(binCopy, binary)]);
p('isEqual binary', [_.isEqual(new DataView(new ArrayBuffer(2)), new DataView(new ArrayBuffer(2))), _.isEqual(new ArrayBuffer(2), new ArrayBuffer(3)), _.isEqual(new Float64Array([NaN]), new Float64Array([NaN])), _.isEqual(Object(Symbol.for('a')), Object(Symbol.for('a')))]);
var records = _.times(500, function (i) { return { id: i, key: (i * 7919) % 13, name: 'n' + ((i * 31) % 17) }; });
var sorted = _.sortBy(records, ['key', 'name']);
p('stable sortBy', [_.map(sorted.slice(0, 12), 'id'), _.map(sorted.slice(-6), 'id')]);
p('orderBy desc stable', _.map(_.orderBy(records, ['key'], ['desc']).slice(0, 12), 'id'));
p('sortedUniq/uniq big', [_.uniq(_.map(records, 'key')).length, _.sortedUniqBy(_.sortBy(records, 'name'), 'name').length]);
var lodash2 = _.runInContext();
lodash2.mixin({ triple: function (n) { return n * 3; } });
p('runInContext', [lodash2.triple(3), typeof _.triple, lodash2.VERSION]);
console.log(_.template('<%= a %>', { sourceURL: '/x/y.tpl' }).source.slice(-40));

var events = [];
var debounced = _.debounce(function (v) { events.push('debounced ' + v); }, 20);
var throttled = _.throttle(function (v) { events.push('throttled ' + v); }, 50, { trailing: true });
debounced(1); debounced(2); debounced(3);
throttled('a'); throttled('b'); throttled('c');
_.delay(function (v) { events.push('delay ' + v); }, 30, 'x');
_.defer(function () { events.push('defer'); });
setTimeout(function () {
    debounced(4);
    p('timers so far', events);
}, 100);
setTimeout(function () { p('timers', events); }, 250);
