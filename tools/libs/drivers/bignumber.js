// lib: bignumber.js/bignumber.js
// Arbitrary-precision arithmetic with bignumber.js: rounding, formatting,
// bases and configuration.

function p(label, v) { console.log(label + ': ' + (typeof v === 'string' ? v : JSON.stringify(v))); }
var BN = BigNumber.clone({ DECIMAL_PLACES: 30, ROUNDING_MODE: BigNumber.ROUND_HALF_EVEN });
var x = new BN('123.4567'), y = new BN('-0.000987');
p('basic', [x.plus(y), x.minus(y), x.times(y), x.div(y), x.idiv(7), x.mod(7), x.abs(), y.negated(), x.integerValue(), y.integerValue(BN.ROUND_CEIL)].map(String));
p('0.1+0.2', [new BN(0.1).plus(0.2).toString(), new BN('0.1').plus('0.2').toString()]);
p('div', [new BN(1).div(3), new BN(2).div(7), new BN(-22).div(7)].map(String));
p('sqrt/pow', [new BN(2).sqrt(), new BN('1e-40').sqrt(), new BN(2).pow(100), new BN('1.1').pow(20), new BN(2).pow(-3), new BN(3).pow(100, 7), new BN(7).pow(128)].map(String));
p('rounding modes', ['2.5', '-2.5', '1.45', '-1.55', '0.0005'].map(function (s) {
    return [0, 1, 2, 3, 4, 5, 6, 7, 8].map(function (rm) { return new BN(s).dp(s.length > 4 ? 3 : s.length - 3, rm).toString(); }).join(' ');
}));
p('toFixed', [new BN('45.6').toFixed(0), new BN('1.005').toFixed(2), new BN('1e-7').toFixed(10), new BN('123.456').toFixed(), new BN('-0').toFixed(2), new BN('1e21').toFixed(2), new BN('2.45').toFixed(1, 1)]);
p('toExponential/toPrecision', [new BN('45.6').toExponential(0), new BN('0.00001').toExponential(), new BN('45.6').toPrecision(1), new BN('0.000123').toPrecision(2), new BN('123456789').toPrecision(3), new BN('1.23400').precision(), new BN('1.23400').sd(true)]);
p('toFormat', [new BN('1234567.891').toFormat(), new BN('1234567.891').toFormat(1), new BN('-1234567.891').toFormat(2, { decimalSeparator: ',', groupSeparator: '.', groupSize: 3, secondaryGroupSize: 2, prefix: 'EUR ', suffix: '!' })]);
p('bases', [new BN(255).toString(16), new BN(255).toString(2), new BN('-255.5').toString(36), new BN('ff.8', 16).toString(), new BN('zz.z', 36).toString(), new BN('1011.01', 2).toString(10), new BN('0.1').toString(3), new BN('1e-10').toString(16), new BN('0xff').toString(), new BN('0b101').toString()]);
p('fraction', [new BN('0.75').toFraction(), new BN(Math.PI).toFraction(1000), new BN('1.333333333').toFraction(10)].map(function (a) { return a.map(String); }));
p('special', [new BN(NaN), new BN(Infinity), new BN(-Infinity), new BN(-0), new BN(Infinity).plus(-Infinity), new BN(0).div(0), new BN(1).div(0), new BN(-0).negated(), new BN(-0).isNegative()].map(String));
p('compare', [new BN(5).isInteger(), new BN(0).isZero(), new BN(1).comparedTo(2), new BN(3).eq('3.0'), new BN(3).gt(2), new BN(3).lte('3'), BN.max(1, '7', -2).toString(), BN.min(1, '7', -2).toString(), BN.sum(1, 2, '3.5').toString(), BN.isBigNumber(x)]);
p('exponent display', [new BN('1e-7'), new BN('1e-6'), new BN('1e21'), new BN('1e20'), new BN('123e-20')].map(String));
var C = BigNumber.clone({ EXPONENTIAL_AT: [-2, 3], DECIMAL_PLACES: 5, ROUNDING_MODE: 1, POW_PRECISION: 10 });
p('config clone', [new C('0.001'), new C('12345'), new C(2).div(3), new C('1.1').pow(30)].map(String));
p('config', C.config());
p('toNumber/valueOf/toJSON', [new BN('1.5').toNumber(), new BN('-0').valueOf(), new BN('1e-7').toJSON(), JSON.stringify({ v: new BN('2.50') })]);
p('invalid (NaN)', ['abc', '', '1e', '--1', '0x', '1..2'].map(function (s) { return new BN(s).toString(); }));
var Strict = BigNumber.clone({ DEBUG: true });
p('debug errors', ['abc', 0.1234567890123456789, '12', 'zz'].map(function (s) { try { return new Strict(s, s === 'zz' ? 37 : undefined).toString(); } catch (e) { return e.message; } }));
var Alpha = BigNumber.clone({ ALPHABET: '0123456789TE' });
p('alphabet', [new Alpha(143).toString(12), new Alpha('TE', 12).toString()]);
var f = new BN(1);
for (var i = 1; i <= 80; i++) f = f.times(i);
p('80!', f.toFixed());
p('random shape', BigNumber.clone({ CRYPTO: false }).random(20).toString().length <= 22);
