// Micro-benchmark: JSON.stringify and JSON.parse of a nested structure with
// objects, arrays, numbers, strings (some needing escapes) and booleans.
// Prints "ms: N"; throws on a wrong result.
function makeData(n) {
    var items = [];
    for (var i = 0; i < n; i++) {
        items.push({
            id: i,
            name: 'item "' + i + '"\n',
            price: i * 1.25,
            tags: ['a', 'b' + (i % 7), 'c'],
            active: (i & 1) === 0,
            nested: { depth: 1, list: [i, i + 1, null] }
        });
    }
    return { version: 3, items: items };
}

function run() {
    var data = makeData(2000);
    var total = 0;
    for (var round = 0; round < 100; round++) {
        var text = JSON.stringify(data);
        var back = JSON.parse(text);
        total = (total + text.length + back.items.length + back.items[round].id) | 0;
    }
    return total;
}

var start = Date.now();
var result = run();
var elapsed = Date.now() - start;
if (result !== 26374750) throw new Error('json: wrong result ' + result);
var out = typeof print === 'function' ? print : console.log;
out('ms: ' + elapsed);
