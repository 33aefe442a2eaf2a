// String.prototype.normalize (#sec-string.prototype.normalize): the four
// forms of UAX #15 over Unicode 17.0 data; .expected comes from node.
const hex = (s) => [...Array(s.length).keys()].map((i) => s.charCodeAt(i).toString(16).padStart(4, '0')).join(' ');
const forms = ['NFC', 'NFD', 'NFKC', 'NFKD'];
const samples = [
    'abc', 'caf\u00e9', 'cafe\u0301', '\u00c5\u212b\u0041\u030a', '\u2126',
    '\uac00\uac01\ud7a3', '\u1100\u1161\u11a8', '\u3131\u314f',
    '\u0958', '\u0915\u093c', '\u0344', '\u1e9b\u0323', 'a\u0301\u0323', 'a\u0305\u0301',
    '\ufb01', '\ufdfa', '\u2460\u00bd\u00a0', '\uff76\uff9e', '\u0b47\u0b3e',
    '\ud834\udd5e', '\ud800\u0301', 'e\udc00\u0301', '\u{1611e}\u{1611f}',
    '\u1ad0a\u0316\u1ad0', 'x\u0301', '\u03d3\u03d4', '\u1fa2', 'A\u0308\u0304',
    '\u{113c2}\u{113c2}\u{113b8}', '\ua7f1', '',
];
for (const s of samples) {
    console.log(hex(s) || '(empty)', '->', forms.map((f) => hex(s.normalize(f))).join(' | '));
}
// The default form is NFC; undefined counts as absent.
console.log('e\u0301'.normalize() === '\u00e9', 'e\u0301'.normalize(undefined) === '\u00e9');
// Already normalized text is returned as is.
const t = 'plain ASCII and Latin-1 \u00e9';
console.log(t.normalize() === t, t.normalize('NFKC') === t);
// Long strings cross the normalizer's internal chunks.
const long = 'e\u0301'.repeat(2000) + '\u1100\u1161\u11a8'.repeat(500);
const nfc = long.normalize('NFC');
console.log(nfc.length, nfc === '\u00e9'.repeat(2000) + '\uac01'.repeat(500), nfc.normalize('NFD') === long);
// The form is converted with ToString; anything else is a RangeError.
console.log('\u00e9'.normalize({ toString() { return 'NFD'; } }).length);
for (const bad of ['nfc', 'NFC ', 'NFX', null, 1]) {
    try {
        'a'.normalize(bad);
        console.log('no error for', bad);
    } catch (e) {
        console.log(e instanceof RangeError, String(bad));
    }
}
try {
    String.prototype.normalize.call(undefined);
} catch (e) {
    console.log(e instanceof TypeError);
}
console.log(String.prototype.normalize.call(123, 'NFKD'), String.prototype.normalize.length);
