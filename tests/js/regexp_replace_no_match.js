// A global replace that finds nothing returns the string unchanged and frees
// its match buffer (LeakSanitizer flagged every such call made by js-yaml,
// mustache and marked under build-san/mica).
var s = 'no digits here';
console.log(s.replace(/\d+/g, '#'), s.replace(/\d+/g, function (m) { return '[' + m + ']'; }));
console.log(s.replace(/x/gy, 'y') === s, ''.replace(/a*/g, '-'), 'abc'.replace(/z|/g, '.'));
var re = /q/g;
re.lastIndex = 3;
console.log(s.replace(re, 'Q'), re.lastIndex);
for (var i = 0; i < 100; i++) s.replace(/[0-9]/g, '');
console.log(s.replaceAll(/\d/g, '#'), 'a1b2'.replace(/\d/g, '#'));
