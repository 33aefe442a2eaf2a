// A JSON reformatter: its own parser (positions in errors, \u escapes,
// surrogate pairs, exponents) and printer (indent width or string, sorted
// keys, short arrays kept on one line, ASCII-only output), checked by
// round trips and against the built-in JSON.
var print = typeof print === 'function' ? print : console.log;

// ---- parser ---------------------------------------------------------------------

function ParseError(message, line, column) {
    this.message = message + ' at line ' + line + ', column ' + column;
}

function Parser(text) { this.text = text; this.pos = 0; }

Parser.prototype.fail = function (message) {
    var line = 1, column = 1;
    for (var i = 0; i < this.pos && i < this.text.length; i++) {
        if (this.text.charAt(i) === '\n') { line++; column = 1; } else column++;
    }
    throw new ParseError(message, line, column);
};

Parser.prototype.skipSpace = function () {
    for (;;) {
        var c = this.text.charAt(this.pos);
        if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
        else return;
    }
};

Parser.prototype.parseDocument = function () {
    this.skipSpace();
    var value = this.parseValue();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('unexpected text after the document');
    return value;
};

Parser.prototype.parseValue = function () {
    this.skipSpace();
    var c = this.text.charAt(this.pos);
    if (c === '{') return this.parseObject();
    if (c === '[') return this.parseArray();
    if (c === '"') return this.parseString();
    if (c === '-' || (c >= '0' && c <= '9')) return this.parseNumber();
    if (this.text.substr(this.pos, 4) === 'true') { this.pos += 4; return true; }
    if (this.text.substr(this.pos, 5) === 'false') { this.pos += 5; return false; }
    if (this.text.substr(this.pos, 4) === 'null') { this.pos += 4; return null; }
    if (c === '') this.fail('unexpected end of input');
    this.fail('unexpected character ' + JSON.stringify(c));
};

Parser.prototype.expect = function (c) {
    this.skipSpace();
    if (this.text.charAt(this.pos) !== c) this.fail('expected ' + c);
    this.pos++;
};

Parser.prototype.parseObject = function () {
    var result = {};
    this.pos++;
    this.skipSpace();
    if (this.text.charAt(this.pos) === '}') { this.pos++; return result; }
    for (;;) {
        this.skipSpace();
        if (this.text.charAt(this.pos) !== '"') this.fail('expected a string key');
        var key = this.parseString();
        this.expect(':');
        result[key] = this.parseValue();
        this.skipSpace();
        var c = this.text.charAt(this.pos++);
        if (c === '}') return result;
        if (c !== ',') { this.pos--; this.fail('expected , or }'); }
    }
};

Parser.prototype.parseArray = function () {
    var result = [];
    this.pos++;
    this.skipSpace();
    if (this.text.charAt(this.pos) === ']') { this.pos++; return result; }
    for (;;) {
        result.push(this.parseValue());
        this.skipSpace();
        var c = this.text.charAt(this.pos++);
        if (c === ']') return result;
        if (c !== ',') { this.pos--; this.fail('expected , or ]'); }
    }
};

function hexValue(c) {
    if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
    if (c >= 'a' && c <= 'f') return c.charCodeAt(0) - 87;
    if (c >= 'A' && c <= 'F') return c.charCodeAt(0) - 55;
    return -1;
}

Parser.prototype.parseString = function () {
    var out = '';
    this.pos++;
    for (;;) {
        if (this.pos >= this.text.length) this.fail('unterminated string');
        var c = this.text.charAt(this.pos++);
        if (c === '"') return out;
        if (c < ' ') { this.pos--; this.fail('control character in string'); }
        if (c !== '\\') { out += c; continue; }
        var e = this.text.charAt(this.pos++);
        switch (e) {
        case '"': case '\\': case '/': out += e; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u':
            var code = 0;
            for (var i = 0; i < 4; i++) {
                var h = hexValue(this.text.charAt(this.pos++));
                if (h < 0) { this.pos--; this.fail('bad \\u escape'); }
                code = code * 16 + h;
            }
            out += String.fromCharCode(code);
            break;
        default:
            this.pos--;
            this.fail('bad escape \\' + e);
        }
    }
};

Parser.prototype.parseNumber = function () {
    var start = this.pos, text = this.text;
    function digits(p) { var n = 0; while (text.charAt(p.pos) >= '0' && text.charAt(p.pos) <= '9') { p.pos++; n++; } return n; }
    if (text.charAt(this.pos) === '-') this.pos++;
    if (text.charAt(this.pos) === '0') this.pos++;
    else if (digits(this) === 0) this.fail('expected a digit');
    if (text.charAt(this.pos) === '.') {
        this.pos++;
        if (digits(this) === 0) this.fail('expected a digit after the point');
    }
    var e = text.charAt(this.pos);
    if (e === 'e' || e === 'E') {
        this.pos++;
        var sign = text.charAt(this.pos);
        if (sign === '+' || sign === '-') this.pos++;
        if (digits(this) === 0) this.fail('expected exponent digits');
    }
    return Number(text.substring(start, this.pos));
};

function parse(text) { return new Parser(text).parseDocument(); }

// ---- printer ------------------------------------------------------------------------

function hex4(code) {
    var s = code.toString(16);
    while (s.length < 4) s = '0' + s;
    return s;
}

function quote(s, asciiOnly) {
    var out = '"';
    for (var i = 0; i < s.length; i++) {
        var c = s.charAt(i), code = s.charCodeAt(i);
        if (c === '"') out += '\\"';
        else if (c === '\\') out += '\\\\';
        else if (c === '\n') out += '\\n';
        else if (c === '\r') out += '\\r';
        else if (c === '\t') out += '\\t';
        else if (c === '\b') out += '\\b';
        else if (c === '\f') out += '\\f';
        else if (code < 0x20 || (asciiOnly && code > 0x7e)) out += '\\u' + hex4(code);
        else out += c;
    }
    return out + '"';
}

function isScalar(v) { return v === null || typeof v !== 'object'; }

function Printer(options) {
    options = options || {};
    var indent = options.indent === undefined ? 2 : options.indent;
    if (typeof indent === 'number') {
        var s = '';
        for (var i = 0; i < indent; i++) s += ' ';
        indent = s;
    }
    this.indent = indent;
    this.sortKeys = !!options.sortKeys;
    this.inlineWidth = options.inlineWidth || 0;
    this.asciiOnly = !!options.asciiOnly;
}

Printer.prototype.scalar = function (v) {
    if (v === null) return 'null';
    if (typeof v === 'string') return quote(v, this.asciiOnly);
    if (typeof v === 'number') return isFinite(v) ? String(v) : 'null';
    return String(v);
};

Printer.prototype.print = function (value, depth) {
    depth = depth || 0;
    if (isScalar(value)) return this.scalar(value);
    var pad = '', inner = '';
    for (var d = 0; d < depth; d++) pad += this.indent;
    inner = pad + this.indent;
    var newline = this.indent === '' ? '' : '\n';
    var colon = this.indent === '' ? ':' : ': ';
    var parts = [], self = this;
    if (value instanceof Array) {
        if (value.length === 0) return '[]';
        var allScalar = true;
        for (var i = 0; i < value.length; i++) {
            parts.push(this.print(value[i], depth + 1));
            if (!isScalar(value[i])) allScalar = false;
        }
        var oneLine = '[' + parts.join(', ') + ']';
        if (allScalar && this.inlineWidth && inner.length + oneLine.length <= this.inlineWidth) return oneLine;
        if (newline === '') return '[' + parts.join(',') + ']';
        return '[' + newline + inner + parts.join(',' + newline + inner) + newline + pad + ']';
    }
    var keys = Object.keys(value);
    if (this.sortKeys) keys.sort();
    if (keys.length === 0) return '{}';
    keys.forEach(function (k) { parts.push(quote(k, self.asciiOnly) + colon + self.print(value[k], depth + 1)); });
    if (newline === '') return '{' + parts.join(',') + '}';
    return '{' + newline + inner + parts.join(',' + newline + inner) + newline + pad + '}';
};

function deepEqual(a, b) {
    if (isScalar(a) || isScalar(b)) return a === b || (a !== a && b !== b);
    if ((a instanceof Array) !== (b instanceof Array)) return false;
    var ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (var i = 0; i < ka.length; i++) {
        if (!Object.prototype.hasOwnProperty.call(b, ka[i])) return false;
        if (!deepEqual(a[ka[i]], b[ka[i]])) return false;
    }
    return true;
}

// ---- the document ----------------------------------------------------------------------

var source = [
    '{',
    '  "name": "mica-config",',
    '  "version": 3,',
    '  "ratio": -1.25e-3,',
    '  "big": 6.02214076E23,',
    '  "enabled": true, "debug": false, "parent": null,',
    '  "tags": ["fast", "small", "embeddable"],',
    '  "matrix": [[1, 2, 3], [4, 5, 6], [7, 8, 9]],',
    '  "escapes": "quote \\" backslash \\\\ slash \\/ tab \\t newline \\n",',
    '  "unicode": "caf\\u00e9 \\u4e2d\\u6587 \\ud83d\\ude00",',
    '  "nested": {"level1": {"level2": {"level3": {"items": [{"id": 1}, {"id": 2, "extra": [true, null]}]}}}},',
    '  "empty": {"obj": {}, "arr": []},',
    '  "zebra": 1, "apple": 2, "mango": {"z": 26, "a": 1}',
    '}'
].join('\n');

var doc = parse(source);
var builtin = JSON.parse(source);
print('parsed equals JSON.parse: ' + deepEqual(doc, builtin));

var styles = [
    { label: 'default (2 spaces)', options: {} },
    { label: 'tab, sorted keys', options: { indent: '\t', sortKeys: true } },
    { label: 'compact', options: { indent: 0 } },
    { label: '4 spaces, inline short arrays, ASCII only', options: { indent: 4, inlineWidth: 40, asciiOnly: true } }
];

styles.forEach(function (style) {
    var text = new Printer(style.options).print(doc);
    var back = parse(text);
    print('== ' + style.label + ' (' + text.length + ' chars, round trip ' + deepEqual(back, doc) + ')');
    print(text);
});

var defaultText = new Printer({ indent: 2 }).print(doc);
print('default printer equals JSON.stringify(doc, null, 2): ' + (defaultText === JSON.stringify(doc, null, 2)));
var compactText = new Printer({ indent: '' }).print(doc);
print('compact printer equals JSON.stringify(doc): ' + (compactText === JSON.stringify(doc)));

// Reformatting is idempotent.
var once = new Printer({ indent: 3, sortKeys: true }).print(parse(source));
var twice = new Printer({ indent: 3, sortKeys: true }).print(parse(once));
print('idempotent: ' + (once === twice));

// Generated documents round-trip through both printers and parsers.
var seed = 12345;
function random(n) { seed = (seed * 16807) % 2147483647; return seed % n; }
function generate(depth) {
    var kind = random(depth > 3 ? 4 : 6);
    if (kind === 0) return random(100000) / (random(9) + 1) - 500;
    if (kind === 1) { var s = ''; var n = random(8); for (var i = 0; i < n; i++) s += String.fromCharCode(32 + random(95)); return s; }
    if (kind === 2) return random(2) === 0;
    if (kind === 3) return null;
    if (kind === 4) { var a = [], m = random(5); for (var j = 0; j < m; j++) a.push(generate(depth + 1)); return a; }
    var o = {}, k = random(5);
    for (var q = 0; q < k; q++) o['k' + random(50)] = generate(depth + 1);
    return o;
}
var roundTrips = 0, agreements = 0;
for (var t = 0; t < 200; t++) {
    var value = generate(0);
    var printed = new Printer({ indent: random(5), sortKeys: random(2) === 0 }).print(value);
    if (deepEqual(parse(printed), value)) roundTrips++;
    if (new Printer({ indent: 2 }).print(value) === JSON.stringify(value, null, 2)) agreements++;
}
print('generated round trips: ' + roundTrips + '/200, agreement with JSON.stringify: ' + agreements + '/200');

var bad = ['{"a": 1,}', '[1, 2', '{"a" 1}', '"unterminated', '[1, 2] 3', '{"bad": "\\x"}', 'nul', '-', '[01]', '{\n  "a": [1,\n  tru]\n}'];
bad.forEach(function (text) {
    try {
        parse(text);
        print('accepted: ' + text);
    } catch (e) {
        if (!(e instanceof ParseError)) throw e;
        var builtinRejects = false;
        try { JSON.parse(text); } catch (e2) { builtinRejects = e2 instanceof SyntaxError; }
        print('rejected ' + JSON.stringify(text) + ': ' + e.message + (builtinRejects ? '' : ' (JSON.parse accepts it)'));
    }
});
