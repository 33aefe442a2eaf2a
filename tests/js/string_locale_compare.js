// localeCompare without Intl: code units of the NFD forms, so canonically
// equivalent strings compare equal (#sec-string.prototype.localecompare).
console.log('o\u0308'.localeCompare('\u00f6'), '\u00f6'.localeCompare('o\u0308'));
console.log('\u1e9b\u0323'.localeCompare('\u017f\u0323\u0307'), '\uAC00'.localeCompare('\u1100\u1161'));
console.log('a'.localeCompare('b'), 'b'.localeCompare('a'), 'abc'.localeCompare('abc'), ''.localeCompare('a'));
console.log(['\u00f6', 'o\u0308', 'z', 'a'].sort(function (x, y) { return x.localeCompare(y); }).map(function (s) { return s.length; }).join());
