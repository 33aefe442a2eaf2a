#!/usr/bin/env node
// verify.js — prints, straight from the Unicode data package, what
// tools/unicode/dump.c prints from the generated tables (same format), so
// check.sh --exhaustive can compare every code point. Written independently
// of gen.js's encodings on purpose.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const DEPS = JSON.parse(readFileSync(join(HERE, 'package.json'), 'utf8')).devDependencies;
const UCD = Object.keys(DEPS).find((n) => n.startsWith('@unicode/unicode-'));
const UCD_DIR = dirname(require.resolve(`${UCD}/package.json`));
const load = async (rel) => (await import(join(UCD_DIR, rel))).default;

const idStart = new Set(await load('Binary_Property/ID_Start/code-points.mjs'));
const idContinue = new Set(await load('Binary_Property/ID_Continue/code-points.mjs'));
const zs = new Set(await load('General_Category/Space_Separator/code-points.mjs'));
const cased = new Set(await load('Binary_Property/Cased/code-points.mjs'));
const ignorable = new Set(await load('Binary_Property/Case_Ignorable/code-points.mjs'));
const simpleUpper = await load('Simple_Case_Mapping/Uppercase/code-points.mjs');
const simpleLower = await load('Simple_Case_Mapping/Lowercase/code-points.mjs');
const specialUpper = await load('Special_Casing/Uppercase/code-points.mjs');
const specialLower = await load('Special_Casing/Lowercase/code-points.mjs');
const foldC = await load('Case_Folding/C/code-points.mjs');
const foldS = await load('Case_Folding/S/code-points.mjs');

const full = (special, simple, cp) => {
    const s = special.get(cp);
    if (s !== undefined) return Array.isArray(s) ? s : [s];
    return [simple.get(cp) ?? cp];
};
const H = (n) => n.toString(16).toUpperCase();

const out = [];
for (let cp = 0; cp <= 0x10ffff; cp++) {
    const flags = [
        idStart.has(cp) || cp === 0x24 || cp === 0x5f,
        idContinue.has(cp) || cp === 0x24 || cp === 0x200c || cp === 0x200d,
        zs.has(cp) || [0x9, 0xb, 0xc, 0xfeff].includes(cp),
        [0xa, 0xd, 0x2028, 0x2029].includes(cp),
        cased.has(cp),
        ignorable.has(cp),
    ];
    const upper = full(specialUpper, simpleUpper, cp);
    const lower = full(specialLower, simpleLower, cp);
    const fold = foldC.get(cp) ?? foldS.get(cp) ?? cp;
    const su = simpleUpper.get(cp) ?? cp;
    let canon = cp;
    if (cp <= 0xffff && upper.length === 1 && upper[0] <= 0xffff && !(cp >= 128 && upper[0] < 128)) {
        canon = upper[0];
    }
    const interesting = flags.some(Boolean) || upper.length !== 1 || upper[0] !== cp ||
        lower.length !== 1 || lower[0] !== cp || fold !== cp || su !== cp || canon !== cp;
    if (!interesting) continue;
    out.push(`${H(cp)} ${flags.map((f) => (f ? '1' : '0')).join('')} U=${upper.map(H).join(',')}` +
        ` L=${lower.map(H).join(',')} F=${H(fold)} S=${H(su)} C=${H(canon)}`);
}
process.stdout.write(out.join('\n') + '\n');
