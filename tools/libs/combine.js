// combine.js [--min] DRIVER NODE_MODULES OUT — writes the single plain script that
// tools/libs/run.sh gives to both engines. The Mica CLI loads one file and has
// no require, so the way a new user runs a UMD library is to paste it in front
// of their own code. A driver names what it needs in its first comment lines:
//   // lib: esprima/dist/esprima.js      (pasted in, in order)
//   // lib: lodash/lodash.js min=lodash/lodash.min.js
//                                        (with --min, the minified build instead)
//   // data: NAME=mustache/mustache.js   (given to the driver as LIBDATA.NAME)
//   // pre: var exports = {};           (a line of code before the libraries)
'use strict';
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const minified = args[0] === '--min';
if (minified) args.shift();
const [driverPath, modulesDir, outPath] = args;
const driver = fs.readFileSync(driverPath, 'utf8');
const libs = [];
const data = {};
const pre = [];
for (const line of driver.split('\n')) {
    let m;
    if ((m = /^\/\/ lib: *(\S+)(?: +min=(\S+))?/.exec(line))) libs.push(minified && m[2] ? m[2] : m[1]);
    else if ((m = /^\/\/ pre: (.*)$/.exec(line))) pre.push(m[1]);
    else if ((m = /^\/\/ data: *(\w+)=(\S+)/.exec(line)))
        data[m[1]] = fs.readFileSync(path.join(modulesDir, m[2]), 'utf8');
}
// LIBDATA comes first so that no library's 'use strict' becomes the directive
// prologue of the whole file: each library keeps the mode it has in a <script>.
let out = 'var LIBDATA = ' + JSON.stringify(data) + ';\n' + pre.map((l) => l + '\n').join('');
for (const lib of libs)
    out += '// ---- ' + lib + '\n' + fs.readFileSync(path.join(modulesDir, lib), 'utf8') + '\n;\n';
out += '// ---- driver\n' + driver;
fs.writeFileSync(outPath, out);
