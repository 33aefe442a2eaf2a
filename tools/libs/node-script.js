// node-script.js FILE — runs FILE the way build/mica does: as a classic
// script in a fresh global scope that holds the ECMAScript built-ins and the
// host functions the mica CLI has (console, print, timers, queueMicrotask),
// and none of node's own globals (require, module, process, Buffer, atob,
// ...), so UMD builds take their plain-script branch and libraries cannot
// pick a node-only code path.
'use strict';
const fs = require('fs');
const vm = require('vm');
const file = process.argv[2];
const host = {
    console,
    print: console.log,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
};
vm.runInNewContext(fs.readFileSync(file, 'utf8'), host, { filename: file });
