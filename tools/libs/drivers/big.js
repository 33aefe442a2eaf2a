// lib: big.js/big.js
// Arbitrary-precision decimal arithmetic with big.js.

var out = [];
function p(label, v) { console.log(label + ': ' + (typeof v === 'string' ? v : JSON.stringify(v))); }
var x = new Big('123.4567'), y = Big('-0.000987'), z = new Big(1e21);
p('basic', [x.plus(y), x.minus(y), x.times(y), x.div(y), x.mod(7), x.abs(), y.neg(), z].map(String));
p('compare', [x.cmp(y), y.cmp(x), x.eq('123.4567'), x.gt(y), x.gte(x), y.lt(0), y.lte(-1)]);
p('0.1+0.2', [new Big(0.1).plus(0.2).toString(), 0.1 + 0.2, new Big('0.3').eq(new Big(0.1).plus(0.2))]);
Big.DP = 40;
p('div DP 40', [new Big(1).div(3), new Big(2).div(7), new Big(22).div(7), new Big(-1).div(81)].map(String));
p('sqrt', [new Big(2).sqrt(), new Big(10).sqrt(), new Big('0.0004').sqrt(), new Big('1e-50').sqrt(), new Big(16).sqrt()].map(String));
p('pow', [new Big(2).pow(100), new Big('1.1').pow(50), new Big(3).pow(-5), new Big('-0.5').pow(7)].map(String));
Big.DP = 20;
p('round', ['1.005', '-1.005', '2.5', '-2.5', '0.0005', '999.9995'].map(function (s) {
    return [0, 1, 2, 3].map(function (rm) { return new Big(s).round(2, rm).toString(); }).join(' ');
}));
p('toFixed', [new Big('45.6').toFixed(0), new Big('1.005').toFixed(2), new Big('1e-7').toFixed(10), new Big('123.456').toFixed(), new Big('-0').toFixed(2), new Big('9.995').toFixed(2), new Big('12345678901234567890.5').toFixed(3)]);
p('toExponential', [new Big('45.6').toExponential(0), new Big('45.6').toExponential(3), new Big('0.00001').toExponential(), new Big('123456').toExponential(2), new Big('-9.99').toExponential(1)]);
p('toPrecision', [new Big('45.6').toPrecision(1), new Big('45.6').toPrecision(5), new Big('0.000123').toPrecision(2), new Big('123456789').toPrecision(3), new Big('1e30').toPrecision(2)]);
Big.NE = -3; Big.PE = 5;
p('exponent limits', [new Big('0.0001'), new Big('0.001'), new Big('123456'), new Big('12345'), new Big('1.5e10')].map(String));
Big.NE = -7; Big.PE = 21;
p('toNumber/valueOf/toJSON', [new Big('1.5').toNumber(), new Big('-0').valueOf(), new Big('1e-7').toJSON(), JSON.stringify({ v: new Big('2.50') })]);
p('parse forms', ['0', '-0', '.5', '5.', '1e+3', '1E-3', '000123.4500', '-1.2e-30', '12345678901234567890123456789'].map(function (s) { return new Big(s).toString(); }));
p('errors', ['abc', '', '1e', '--1', 'Infinity', NaN].map(function (s) { try { return new Big(s).toString(); } catch (e) { return e.message; } }));
p('div by zero', (function () { try { return new Big(1).div(0).toString(); } catch (e) { return e.message; } })());
Big.strict = true;
p('strict', [(function () { try { return new Big(0.1).toString(); } catch (e) { return e.message; } })(), new Big('0.1').toString(), (function () { try { return new Big('1').toNumber(); } catch (e) { return e.message; } })()]);
Big.strict = false;
// Compound interest on a loan table, the kind of thing big.js is used for.
var balance = new Big('250000'), rate = new Big('0.045').div(12);
var payment = balance.times(rate).div(new Big(1).minus(new Big(1).plus(rate).pow(-360))).round(2);
var rows = [];
for (var m = 1; m <= 360; m++) {
    var interest = balance.times(rate).round(2);
    balance = balance.plus(interest).minus(payment);
    if (m % 60 === 0) rows.push(m + ' ' + interest + ' ' + balance.toFixed(2));
}
p('amortization ' + payment, rows);
var f = new Big(1);
for (var i = 1; i <= 60; i++) f = f.times(i);
p('60!', f.toFixed());
p('e by series', (function () { Big.DP = 50; var e = new Big(1), t = new Big(1); for (var k = 1; k < 60; k++) { t = t.div(k); e = e.plus(t); } return e.toString(); })());
