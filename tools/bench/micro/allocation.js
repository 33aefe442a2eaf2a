// Micro-benchmark: allocation-heavy code — binary trees of small objects
// built and dropped, short-lived arrays and object literals. Exercises the
// allocator and the garbage collector. Prints "ms: N"; throws on a wrong
// result.
function TreeNode(left, right) {
    this.left = left;
    this.right = right;
}

function bottomUpTree(depth) {
    return depth > 0 ? new TreeNode(bottomUpTree(depth - 1), bottomUpTree(depth - 1))
                     : new TreeNode(null, null);
}

function itemCheck(node) {
    return node.left === null ? 1 : 1 + itemCheck(node.left) + itemCheck(node.right);
}

function run() {
    var total = 0;
    var longLived = bottomUpTree(14);
    for (var depth = 4; depth <= 14; depth += 2) {
        var iterations = 1 << (14 - depth + 4);
        for (var i = 0; i < iterations; i++) {
            total = (total + itemCheck(bottomUpTree(depth))) | 0;
        }
    }
    for (var k = 0; k < 400000; k++) {
        var pair = [k, { value: k }];
        total = (total + pair[1].value - pair[0] + pair.length) | 0;
    }
    return total + itemCheck(longLived);
}

var start = Date.now();
var result = run();
var elapsed = Date.now() - start;
if (result !== 3956655) throw new Error('allocation: wrong result ' + result);
var out = typeof print === 'function' ? print : console.log;
out('ms: ' + elapsed);
