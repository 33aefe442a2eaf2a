// mica-flags: --test262
// The $262 host of test262 in the CLI.
print('print', 1, typeof $262);
print($262.global === this, typeof $262.gc, typeof $262.evalScript, typeof $262.createRealm);
print('agent' in $262, 'IsHTMLDDA' in $262);
var other = $262.createRealm();
print(other.evalScript('var inRealm = 6 * 7; inRealm'), other.global.inRealm, typeof inRealm);
print(other.global.Array === Array, other.evalScript('[]') instanceof Array);
print(other.evalScript('[]') instanceof other.global.Array);
try { other.evalScript('throw new TypeError("from the other realm")'); } catch (e) {
    print(e.constructor === other.global.TypeError, e.message);
}
try { other.evalScript('var = 1'); } catch (e) { print(e.constructor === other.global.SyntaxError); }
print($262.evalScript('var declared = 1; declared + 1'), declared);
try { $262.detachArrayBuffer({}); } catch (e) { print(e.name, e.message); }
$262.gc();
var third = other.createRealm();
print(third.global !== other.global, typeof third.evalScript);
