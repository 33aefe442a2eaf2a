// Arbitrary-precision integers in base 10^7 limbs (little-endian arrays of
// numbers, sign kept apart): add, subtract, multiply, divmod (long division
// with a normalized trial quotient), pow, gcd, parse and print. Computes
// 100!, 2^1000, fib(1000) and more, and checks identities.
var print = typeof print === 'function' ? print : console.log;

var BASE = 10000000, BASE_DIGITS = 7;

function Big(sign, limbs) {
    this.sign = sign;   // -1, 0 or 1
    this.limbs = limbs; // magnitude, least significant first, no leading zeros
}

function trim(limbs) {
    while (limbs.length && limbs[limbs.length - 1] === 0) limbs.pop();
    return limbs;
}
function make(sign, limbs) {
    trim(limbs);
    return new Big(limbs.length ? sign : 0, limbs);
}

Big.fromNumber = function (n) {
    if (n !== Math.floor(n) || Math.abs(n) > 9007199254740991) throw new RangeError('not a safe integer: ' + n);
    var sign = n < 0 ? -1 : n > 0 ? 1 : 0, limbs = [];
    n = Math.abs(n);
    while (n > 0) { limbs.push(n % BASE); n = Math.floor(n / BASE); }
    return new Big(sign, limbs);
};

Big.parse = function (text) {
    var sign = 1, start = 0;
    if (text.charAt(0) === '-') { sign = -1; start = 1; } else if (text.charAt(0) === '+') start = 1;
    if (start === text.length) throw new SyntaxError('no digits in "' + text + '"');
    for (var i = start; i < text.length; i++) {
        var c = text.charAt(i);
        if (c < '0' || c > '9') throw new SyntaxError('bad digit "' + c + '" in "' + text + '"');
    }
    var limbs = [];
    for (var end = text.length; end > start; end -= BASE_DIGITS) {
        var from = Math.max(start, end - BASE_DIGITS);
        limbs.push(parseInt(text.substring(from, end), 10));
    }
    return make(sign, limbs);
};

var ZERO = new Big(0, []), ONE = Big.fromNumber(1);

function compareMagnitude(a, b) {
    if (a.length !== b.length) return a.length < b.length ? -1 : 1;
    for (var i = a.length - 1; i >= 0; i--)
        if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}
function addMagnitude(a, b) {
    var out = [], carry = 0;
    for (var i = 0; i < Math.max(a.length, b.length); i++) {
        var s = (a[i] || 0) + (b[i] || 0) + carry;
        carry = s >= BASE ? 1 : 0;
        out.push(s - carry * BASE);
    }
    if (carry) out.push(carry);
    return out;
}
function subMagnitude(a, b) { // requires |a| >= |b|
    var out = [], borrow = 0;
    for (var i = 0; i < a.length; i++) {
        var d = a[i] - (b[i] || 0) - borrow;
        borrow = d < 0 ? 1 : 0;
        out.push(d + borrow * BASE);
    }
    return trim(out);
}

Big.prototype.compare = function (other) {
    if (this.sign !== other.sign) return this.sign < other.sign ? -1 : 1;
    return this.sign * compareMagnitude(this.limbs, other.limbs);
};
Big.prototype.negate = function () { return new Big(-this.sign, this.limbs.slice()); };
Big.prototype.abs = function () { return new Big(this.sign ? 1 : 0, this.limbs.slice()); };
Big.prototype.isZero = function () { return this.sign === 0; };

Big.prototype.add = function (other) {
    if (this.sign === 0) return other;
    if (other.sign === 0) return this;
    if (this.sign === other.sign) return make(this.sign, addMagnitude(this.limbs, other.limbs));
    var c = compareMagnitude(this.limbs, other.limbs);
    if (c === 0) return ZERO;
    return c > 0 ? make(this.sign, subMagnitude(this.limbs, other.limbs))
                 : make(other.sign, subMagnitude(other.limbs, this.limbs));
};
Big.prototype.sub = function (other) { return this.add(other.negate()); };

Big.prototype.mul = function (other) {
    if (this.sign === 0 || other.sign === 0) return ZERO;
    var a = this.limbs, b = other.limbs, out = [];
    for (var k = 0; k < a.length + b.length; k++) out.push(0);
    for (var i = 0; i < a.length; i++) {
        var carry = 0, ai = a[i];
        for (var j = 0; j < b.length; j++) {
            // ai * b[j] < 10^14 and the sum stays below 2^53.
            var t = ai * b[j] + out[i + j] + carry;
            carry = Math.floor(t / BASE);
            out[i + j] = t - carry * BASE;
        }
        var p = i + b.length;
        while (carry) {
            var s = out[p] + carry;
            carry = Math.floor(s / BASE);
            out[p++] = s - carry * BASE;
        }
    }
    return make(this.sign * other.sign, out);
};

function mulSmall(limbs, m) {
    var out = [], carry = 0;
    for (var i = 0; i < limbs.length; i++) {
        var t = limbs[i] * m + carry;
        carry = Math.floor(t / BASE);
        out.push(t - carry * BASE);
    }
    while (carry) { out.push(carry % BASE); carry = Math.floor(carry / BASE); }
    return trim(out);
}
function divSmall(limbs, d) {
    var out = [], rem = 0;
    for (var i = limbs.length - 1; i >= 0; i--) {
        var cur = rem * BASE + limbs[i];
        out[i] = Math.floor(cur / d);
        rem = cur - out[i] * d;
    }
    return { quotient: trim(out), remainder: rem };
}

// Long division: quotient truncated toward zero, remainder takes the
// dividend's sign (as JavaScript's % does).
Big.prototype.divmod = function (other) {
    if (other.sign === 0) throw new RangeError('division by zero');
    if (compareMagnitude(this.limbs, other.limbs) < 0) return { quotient: ZERO, remainder: this };
    var q, r;
    if (other.limbs.length === 1) {
        var small = divSmall(this.limbs, other.limbs[0]);
        q = small.quotient;
        r = small.remainder ? [small.remainder] : [];
    } else {
        // Normalize so that the divisor's top limb is at least BASE / 2.
        var scale = Math.floor(BASE / (other.limbs[other.limbs.length - 1] + 1));
        var u = mulSmall(this.limbs, scale), v = mulSmall(other.limbs, scale);
        var n = v.length, top = v[n - 1];
        q = [];
        var rem = [];
        for (var i = u.length - 1; i >= 0; i--) {
            rem.unshift(u[i]);
            trim(rem);
            var hi = (rem[n] || 0) * BASE + (rem[n - 1] || 0);
            var guess = Math.min(Math.floor(hi / top), BASE - 1);
            var product = mulSmall(v, guess);
            while (compareMagnitude(product, rem) > 0) {
                guess--;
                product = subMagnitude(product, v);
            }
            rem = subMagnitude(rem, product);
            q[i] = guess;
        }
        for (var z = 0; z < q.length; z++) if (q[z] === undefined) q[z] = 0;
        trim(q);
        r = divSmall(rem, scale).quotient;
    }
    return { quotient: make(this.sign * other.sign, q), remainder: make(this.sign, r) };
};
Big.prototype.div = function (other) { return this.divmod(other).quotient; };
Big.prototype.mod = function (other) { return this.divmod(other).remainder; };

Big.prototype.pow = function (exponent) {
    var result = ONE, base = this;
    while (exponent > 0) {
        if (exponent % 2 === 1) result = result.mul(base);
        base = base.mul(base);
        exponent = Math.floor(exponent / 2);
    }
    return result;
};

Big.prototype.toString = function () {
    if (this.sign === 0) return '0';
    var s = String(this.limbs[this.limbs.length - 1]);
    for (var i = this.limbs.length - 2; i >= 0; i--) {
        var chunk = String(this.limbs[i]);
        while (chunk.length < BASE_DIGITS) chunk = '0' + chunk;
        s += chunk;
    }
    return (this.sign < 0 ? '-' : '') + s;
};

function gcd(a, b) {
    a = a.abs(); b = b.abs();
    while (!b.isZero()) { var t = a.mod(b); a = b; b = t; }
    return a;
}
function digitSum(big) {
    var s = big.toString(), sum = 0;
    for (var i = 0; i < s.length; i++) if (s.charAt(i) !== '-') sum += s.charCodeAt(i) - 48;
    return sum;
}
function factorial(n) {
    var r = ONE;
    for (var i = 2; i <= n; i++) r = r.mul(Big.fromNumber(i));
    return r;
}
function fib(n) {
    var a = ZERO, b = ONE;
    for (var i = 0; i < n; i++) { var t = a.add(b); a = b; b = t; }
    return a;
}
function wrap(s, width) {
    var lines = [];
    for (var i = 0; i < s.length; i += width) lines.push('  ' + s.substring(i, i + width));
    return lines.join('\n');
}
function check(label, ok) { print((ok ? 'ok   ' : 'FAIL ') + label); }

var f100 = factorial(100);
print('100! =\n' + wrap(f100.toString(), 70));
print('digits ' + f100.toString().length + ', digit sum ' + digitSum(f100));
var p1000 = Big.fromNumber(2).pow(1000);
print('2^1000 =\n' + wrap(p1000.toString(), 70));
print('digits ' + p1000.toString().length + ', digit sum ' + digitSum(p1000));
var f1000 = fib(1000);
print('fib(1000) =\n' + wrap(f1000.toString(), 70));
print('digits ' + f1000.toString().length + ', digit sum ' + digitSum(f1000));

check('100! digit sum is 648', digitSum(f100) === 648);
check('2^1000 digit sum is 1366', digitSum(p1000) === 1366);
check('fib(1000) has 209 digits', f1000.toString().length === 209);
check('100! / 98! = 9900', f100.div(factorial(98)).toString() === '9900');
check('2^1000 / 2^999 = 2', p1000.div(Big.fromNumber(2).pow(999)).toString() === '2');
check('fib(1000) = fib(999) + fib(998)', fib(999).add(fib(998)).compare(f1000) === 0);
check('gcd(fib(1000), fib(750)) = fib(250)', gcd(f1000, fib(750)).compare(fib(250)) === 0);
check('parse(print(x)) = x', Big.parse(f100.toString()).compare(f100) === 0);
check('100! has 24 trailing zeros', (function () { var s = f100.toString(), n = 0; while (s.charAt(s.length - 1 - n) === '0') n++; return n === 24; })());

// divmod identity a = q*b + r with |r| < |b|, r taking a's sign, over many pairs.
var seed = 42;
function random(n) { seed = (seed * 48271) % 2147483647; return seed % n; }
function randomBig(maxDigits) {
    var n = 1 + random(maxDigits), s = String(1 + random(9));
    for (var i = 1; i < n; i++) s += String(random(10));
    return Big.parse((random(3) === 0 ? '-' : '') + s);
}
var identityOk = 0, trials = 150;
for (var t = 0; t < trials; t++) {
    var a = randomBig(60), b = randomBig(t % 3 === 0 ? 8 : 30);
    var qr = a.divmod(b);
    var back = qr.quotient.mul(b).add(qr.remainder);
    var remOk = compareMagnitude(qr.remainder.limbs, b.limbs) < 0 && (qr.remainder.isZero() || qr.remainder.sign === a.sign);
    if (back.compare(a) === 0 && remOk) identityOk++;
    else print('divmod mismatch: ' + a + ' / ' + b + ' -> ' + qr.quotient + ' rem ' + qr.remainder);
}
check('divmod identity holds for ' + identityOk + '/' + trials + ' pairs', identityOk === trials);

// Agreement with double arithmetic where doubles are exact.
var exact = 0;
for (var u = 0; u < 200; u++) {
    var x = random(94906265) - 47453132, y = random(94906265) - 47453132 || 1;
    var bx = Big.fromNumber(x), by = Big.fromNumber(y);
    var sameProduct = bx.mul(by).toString() === String(x * y);
    var sameSum = bx.add(by).toString() === String(x + y) && bx.sub(by).toString() === String(x - y);
    var sameDiv = bx.div(by).toString() === String((x - x % y) / y) && bx.mod(by).toString() === String(x % y === 0 ? 0 : x % y);
    if (sameProduct && sameSum && sameDiv) exact++;
}
check('matches exact double arithmetic ' + exact + '/200', exact === 200);

print('3^200 = ' + Big.fromNumber(3).pow(200));
print('-(7^77) mod 1000000007 = ' + Big.fromNumber(7).pow(77).negate().mod(Big.fromNumber(1000000007)));
print('(10^50 + 1) * (10^50 - 1) = ' + Big.parse('1' + new Array(51).join('0')).add(ONE).mul(Big.parse(new Array(51).join('9'))));
print('2^521 - 1 = ' + Big.fromNumber(2).pow(521).sub(ONE));
try { Big.parse('12x4'); } catch (e) { print(e.name + ': ' + e.message); }
try { ONE.div(ZERO); } catch (e) { print(e.name + ': ' + e.message); }
