// lib: underscore/underscore-umd.js min=underscore/underscore-umd-min.js
// A broad tour of underscore's collection, array, object, function and
// utility functions, including _.template.

function p(label, v) { console.log(label + ': ' + JSON.stringify(v)); }
var people = [
    { name: 'moe', age: 40, dept: 'ops' }, { name: 'larry', age: 50, dept: 'dev' },
    { name: 'curly', age: 60, dept: 'dev' }, { name: 'shemp', age: 40, dept: 'qa' }
];
p('each/map', _.map([1, 2, 3], function (n, i) { return n * i; }));
p('map object', _.map({ a: 1, b: 2 }, function (v, k) { return k + v; }));
p('reduce', _.reduce([1, 2, 3, 4], function (m, n) { return m + n; }, 10));
p('reduceRight', _.reduceRight([[0, 1], [2, 3], [4, 5]], function (a, b) { return a.concat(b); }, []));
p('find', _.find(people, function (x) { return x.age > 45; }));
p('filter/reject', [_.filter([1, 2, 3, 4, 5, 6], function (n) { return n % 2 === 0; }), _.reject([1, 2, 3, 4], function (n) { return n % 2; })]);
p('where/findWhere', [_.where(people, { age: 40 }), _.findWhere(people, { dept: 'dev' })]);
p('every/some/contains', [_.every([2, 4], function (n) { return n % 2 === 0; }), _.some([null, 0, 'x']), _.contains([1, 2, 3], 3)]);
p('invoke', _.invoke([[5, 1, 7], [3, 2, 1]], 'sort'));
p('pluck', _.pluck(people, 'name'));
p('max/min', [_.max(people, function (x) { return x.age; }).name, _.min([10, 5, 100, 2, 1000]), _.max([])]);
p('sortBy', _.sortBy(people, function (x) { return -x.age; }).map(function (x) { return x.name; }));
p('sortBy key', _.pluck(_.sortBy(people, 'name'), 'name'));
p('groupBy', _.groupBy([1.3, 2.1, 2.4, 3.9], Math.floor));
p('groupBy key', _.groupBy(['one', 'two', 'three'], 'length'));
p('indexBy/countBy', [_.indexBy(people, 'name'), _.countBy(people, 'dept')]);
p('partition', _.partition([0, 1, 2, 3, 4, 5], function (n) { return n % 2; }));
p('toArray/size', [_.toArray({ a: 1, b: 2 }), _.size({ one: 1, two: 2, three: 3 }), _.size('abc')]);
p('first/last/initial/rest', [_.first([5, 4, 3, 2, 1], 2), _.last([5, 4, 3, 2, 1]), _.initial([1, 2, 3]), _.rest([1, 2, 3], 2)]);
p('compact/flatten', [_.compact([0, 1, false, 2, '', 3, null, NaN]), _.flatten([1, [2], [3, [[4]]]]), _.flatten([1, [2], [3, [[4]]]], true)]);
p('without/union/intersection/difference', [_.without([1, 2, 1, 0, 3], 0, 1), _.union([1, 2, 3], [101, 2, 1, 10]), _.intersection([1, 2, 3], [101, 2, 1, 10], [2, 1]), _.difference([1, 2, 3, 4, 5], [5, 2, 10])]);
p('uniq', [_.uniq([1, 2, 1, 4, 1, 3]), _.uniq([1, 1, 2, 2, 3], true), _.uniq(['a', 'A', 'b'], function (s) { return s.toLowerCase(); })]);
p('zip/unzip/object', [_.zip(['a', 'b'], [1, 2], [true, false]), _.unzip([['a', 1], ['b', 2]]), _.object(['x', 'y'], [1, 2])]);
p('chunk/range', [_.chunk([1, 2, 3, 4, 5], 2), _.range(10), _.range(1, 11, 3), _.range(0, -10, -2)]);
p('indexOf/lastIndexOf/sortedIndex/findIndex', [_.indexOf([1, 2, 3, 2], 2), _.lastIndexOf([1, 2, 3, 2], 2), _.sortedIndex([10, 20, 30, 40], 35), _.findIndex(people, { name: 'curly' })]);
p('keys/values/pairs/invert', [_.keys({ one: 1, two: 2 }), _.values({ one: 1, two: 2 }), _.pairs({ a: 1 }), _.invert({ Moe: 'Moses', Larry: 'Louis' })]);
p('mapObject', _.mapObject({ start: 5, end: 12 }, function (v) { return v + 5; }));
p('extend/defaults/pick/omit', [_.extend({ a: 1 }, { b: 2 }, { a: 3 }), _.defaults({ flavor: 'chocolate' }, { flavor: 'vanilla', sprinkles: 'lots' }), _.pick({ a: 1, b: 2, c: 3 }, 'a', 'c'), _.omit({ a: 1, b: 2, c: 3 }, function (v) { return v > 1; })]);
var deep = { a: [1, { b: 2 }], c: { d: new Date(0), e: /x/g } };
var shallow = _.clone(deep);
p('clone', [shallow.a === deep.a, shallow]);
p('isEqual', [_.isEqual(deep, { a: [1, { b: 2 }], c: { d: new Date(0), e: /x/g } }), _.isEqual({ a: 1 }, { a: '1' }), _.isEqual([1, [2, 3]], [1, [2, 3]]), _.isEqual(NaN, NaN), _.isEqual(0, -0)]);
p('isMatch/has/property', [_.isMatch({ name: 'moe', age: 32 }, { age: 32 }), _.has({ a: { b: 1 } }, ['a', 'b']), _.property(['a', 'b'])({ a: { b: 7 } })]);
p('types', [_.isEmpty({}), _.isEmpty([1]), _.isElement({}), _.isArray([]), _.isObject(function () {}), _.isArguments((function () { return arguments; })()),
           _.isFunction(undefined), _.isString(''), _.isNumber(NaN), _.isFinite('12'), _.isBoolean(false), _.isDate(new Date()), _.isRegExp(/a/), _.isError(new TypeError()),
           _.isNaN(NaN), _.isNaN(undefined), _.isNull(null), _.isUndefined(void 0), _.isMap(new Map()), _.isSet(new Set()), _.isTypedArray(new Uint8Array(2)), _.isArrayBuffer(new ArrayBuffer(1)), _.isSymbol(Symbol('s'))]);
p('chain', _.chain(people).sortBy('age').groupBy('dept').mapObject(function (xs) { return _.pluck(xs, 'name').join('+'); }).value());
p('chain 2', _([1, 2, 3, 4, 5, 6]).chain().filter(function (n) { return n % 2; }).map(function (n) { return n * n; }).reverse().value());
var add = function (a, b, c) { return a + b + c; };
p('partial/bind', [_.partial(add, 1, _, 3)(2), _.bind(function (g) { return g + this.name; }, { name: 'moe' }, 'hi ')()]);
var calls = 0;
var fibm = _.memoize(function (n) { calls++; return n < 2 ? n : fibm(n - 1) + fibm(n - 2); });
p('memoize', [fibm(60), calls]);
var once = _.once(function () { return ++calls; });
p('once/after/before', [once(), once(), _.times(5, _.after(3, function () { return 'y'; })), _.times(4, _.before(3, function (n) { return n; }))]);
p('compose/negate/wrap', [_.compose(function (s) { return s + '!'; }, function (s) { return 'hi ' + s; })('moe'), _.filter([1, 2, 3], _.negate(function (n) { return n > 1; })),
                          _.wrap(function (s) { return 'x' + s; }, function (f, s) { return '<' + f(s) + '>'; })('y')]);
p('restArguments', _.restArguments(function (a, rest) { return [a, rest]; })(1, 2, 3));
p('escape/unescape', [_.escape('Curly, Larry & Moe <tag attr="v" \'s\' `b`>'), _.unescape('&lt;b&gt;&amp;&quot;&#x27;&#x60;')]);
p('result/uniqueId/identity/constant', [_.result({ a: function () { return 7; }, b: 2 }, 'a'), _.result({}, 'x', 'dflt'), _.uniqueId('c'), _.uniqueId(), _.identity(5), _.constant(3)()]);
p('times/random seeded?', _.times(3, function (i) { return i * i; }));
p('shuffle/sample size', [_.shuffle([1, 2, 3]).length, _.sample([1, 2, 3], 2).length]);

var tpl = _.template('<ul><% _.each(people, function(p) { %><li><%- p.name %> (<%= p.age %>)</li><% }); %></ul><%= title %>');
console.log(tpl({ people: people, title: '<b>T</b>' }));
var tpl2 = _.template('Hello {{ name }}! {{- raw }}', { interpolate: /\{\{(.+?)\}\}/g, escape: /\{\{-(.+?)\}\}/g });
console.log(tpl2({ name: 'World', raw: '<&>' }));
var tpl3 = _.template('<%= data.a %> and <%- data.b %>', { variable: 'data' });
console.log(tpl3({ a: 1, b: '"q"' }));
console.log(tpl3.source);
try { _.template('<% if ( %>')(); } catch (e) { console.log(e.name, e.source === undefined ? '' : e.source.length > 0); }
_.mixin({ capitalize: function (s) { return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(); } });
p('mixin', _('fABIO').capitalize());
p('VERSION', _.VERSION);
