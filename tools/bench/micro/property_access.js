// Micro-benchmark: named property reads and writes on objects of a few
// shapes (monomorphic and polymorphic sites), plus prototype-chain reads.
// Prints "ms: N" (time of the measured part) and throws on a wrong result.
function Point(x, y) {
    this.x = x;
    this.y = y;
}
Point.prototype.scale = 3;

function run(iterations) {
    var shapes = [new Point(1, 2), { x: 3, y: 4, z: 5 }, { y: 6, x: 7 }, new Point(8, 9)];
    var sum = 0;
    for (var i = 0; i < iterations; i++) {
        var p = shapes[i & 3];
        sum += p.x + p.y;
        p.x = (p.x + 1) & 1023;
        var q = shapes[0];
        sum += q.scale + q.y;
        q.y = (q.y + 3) & 255;
    }
    return sum;
}

var start = Date.now();
var result = run(4000000);
var elapsed = Date.now() - start;
if (result !== 2714494848) throw new Error('property_access: wrong result ' + result);
var out = typeof print === 'function' ? print : console.log;
out('ms: ' + elapsed);
