// lib: decimal.js/decimal.js
// Arbitrary-precision decimal arithmetic with decimal.js: precision,
// rounding, transcendental functions and base conversion.

function p(label, v) { console.log(label + ': ' + (typeof v === 'string' ? v : JSON.stringify(v))); }
var D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
var x = new D('123.4567'), y = new D('-0.000987');
p('basic', [x.plus(y), x.minus(y), x.times(y), x.div(y), x.mod(7), x.abs(), y.neg(), x.floor(), y.ceil(), x.trunc()].map(String));
p('0.1+0.2', [new D(0.1).plus(0.2).toString(), new D('0.1').plus('0.2').toString()]);
p('div', [new D(1).div(3), new D(2).div(7), new D(-22).div(7), new D(1).div(new D(10).pow(50))].map(String));
p('sqrt/cbrt', [D.sqrt(2), D.sqrt('1e-100'), D.cbrt(2), new D(16).sqrt(), new D(-1).sqrt()].map(String));
p('pow', [new D(2).pow(200), new D('1.0001').pow(10000), new D(2).pow(0.5), new D(-8).pow(1 / 3), new D(10).pow(-20), new D(0).pow(-1)].map(String));
p('exp/ln/log', [D.exp(1), D.exp(-10), D.ln(10), D.log10(2), D.log2(1024), D.log(100, 3), new D(2).ln()].map(String));
p('trig', [D.sin(1), D.cos(1), D.tan(1), D.asin('0.5'), D.acos(0), D.atan(1).times(4), D.atan2(1, -1), D.sinh(1), D.tanh('0.5'), D.acosh(2), D.asinh(1), D.atanh('0.5')].map(String));
p('pi', D.acos(-1).toString());
p('rounding modes', ['2.5', '-2.5', '1.45', '-1.55', '0.0005'].map(function (s) {
    return [0, 1, 2, 3, 4, 5, 6, 7, 8].map(function (rm) { return new D(s).toDecimalPlaces(s.length > 4 ? 3 : s.length - 3, rm).toString(); }).join(' ');
}));
p('toFixed', [new D('45.6').toFixed(0), new D('1.005').toFixed(2), new D('1e-7').toFixed(10), new D('123.456').toFixed(), new D('-0').toFixed(2), new D('-0.0001').toFixed(2), new D('1e21').toFixed(2)]);
p('toExponential', [new D('45.6').toExponential(0), new D('45.6').toExponential(3), new D('0.00001').toExponential(), new D('-9.99').toExponential(1)]);
p('toPrecision/sd', [new D('45.6').toPrecision(1), new D('0.000123').toPrecision(2), new D('123456789').toPrecision(3), new D('1.23400').sd(), new D('1.23400').sd(true), new D('123.456').toSignificantDigits(4).toString()]);
p('bases', [new D(255).toHexadecimal(), new D(255).toBinary(), new D(255).toOctal(), new D('0.1').toBinary(20), new D('-3.75').toHex(), new D('0xff.8').toString(), new D('0b1011.01').toString(), new D('0o17.4').toString(), new D('0x1p10').toString(), new D(1e-30).toHex(5)]);
p('fraction', [new D('0.75').toFraction(), new D(Math.PI).toFraction(1000), D.acos(-1).toFraction(100000), new D('1.333333333').toFraction(10)].map(function (a) { return a.map(String); }));
p('nearest', [new D('1.39').toNearest('0.25'), new D('-1.39').toNearest('0.25', 0), new D(37).toNearest(5)].map(String));
p('special', [new D(NaN), new D(Infinity), new D(-Infinity), new D(-0), new D(Infinity).plus(-Infinity), new D(0).div(0), new D(1).div(0), new D(-0).neg(), new D(-0).isNeg()].map(String));
p('predicates', [new D(5).isInteger(), new D('5.5').isInt(), new D(0).isZero(), new D(NaN).isNaN(), new D(1).isFinite(), new D(-1).isNegative(), new D(1).isPositive(), new D(1).comparedTo(2), new D(3).eq('3.0'), D.max(1, '7', -2).toString(), D.min(1, '7', -2).toString(), D.sum(1, 2, '3.5').toString(), D.sign(-5), D.hypot(3, 4).toString()]);
p('exponent display', [new D('1e-7'), new D('1e-6'), new D('1e21'), new D('1e20'), new D('123e-20'), new D('9.99e+99')].map(String));
var E = D.clone({ toExpNeg: -2, toExpPos: 3, precision: 5, rounding: Decimal.ROUND_DOWN });
p('config clone', [new E('0.001'), new E('12345'), new E(2).div(3), new E('1234.5678').plus(0)].map(String));
p('toNumber/valueOf/toJSON', [new D('1.5').toNumber(), new D('-0').valueOf(), new D('1e-7').toJSON(), JSON.stringify({ v: new D('2.50') })]);
p('errors', ['abc', '', '1e', '--1', '0x', '1..2'].map(function (s) { try { return new D(s).toString(); } catch (e) { return e.message; } }));
try { D.set({ precision: 0 }); } catch (e) { p('config error', e.message); }
try { new D(1).toFixed(-1); } catch (e) { p('arg error', e.message); }
var f = new D(1);
for (var i = 1; i <= 100; i++) f = f.times(i);
p('100!', D.clone({ precision: 200 })(f).toFixed());
var G = Decimal.clone({ precision: 100 });
p('pi 100', G.acos(-1).toString());
p('e 100', G.exp(1).toString());
p('sqrt2 100', G.sqrt(2).toString());
