#!/usr/bin/env node
// verify.js — prints, straight from the Unicode data package, what
// tools/unicode/dump.c prints from the generated tables (same format), so
// check.sh can compare every code point. Written independently of gen.js's
// encodings (and of its copy of ECMA-262 Table 68) on purpose.
//
//   node verify.js             per code point, as `dump`
//   node verify.js --queries   the property-escape queries for `dump --props`
//   node verify.js --props     the answers `dump --props` must give to them

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

const mode = process.argv[2];
if (mode === '--queries' || mode === '--props') {
    await properties(mode);
    process.exit(0);
}

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

// ---- property escapes ------------------------------------------------------

async function loadOrEmpty(rel) {
    try {
        return await load(rel);
    } catch (e) {
        if (e.code === 'ERR_MODULE_NOT_FOUND') return [];
        throw e;
    }
}

function formatRanges(ranges) {
    const merged = [];
    for (const { begin, end } of ranges) {
        const last = merged[merged.length - 1];
        if (last && last[1] === begin) last[1] = end;
        else merged.push([begin, end]);
    }
    if (merged.length === 0) return 'empty';
    return merged.map(([b, e]) => `${H(b)}-${H(e - 1)}`).join(',');
}

async function properties(mode) {
    const valueAliases = require('unicode-property-value-aliases-ecmascript');
    const propertyAliases = (await import('unicode-property-aliases-ecmascript')).default;
    const NON_BINARY = new Set(['General_Category', 'Script', 'Script_Extensions']);

    // name -> data file (relative to the package) for each namespace.
    const namesOf = (property, folder) => {
        const out = new Map();
        for (const [alias, canonical] of valueAliases.get(property)) {
            out.set(alias, `${folder}/${canonical}/ranges.mjs`);
            out.set(canonical, `${folder}/${canonical}/ranges.mjs`);
        }
        return out;
    };
    const gc = namesOf('General_Category', 'General_Category');
    const sc = namesOf('Script', 'Script');
    const scx = namesOf('Script_Extensions', 'Script_Extensions');
    const binary = new Map();
    for (const canonical of ['ASCII', 'Any', 'Assigned']) {
        binary.set(canonical, `Binary_Property/${canonical}/ranges.mjs`);
    }
    for (const [alias, canonical] of propertyAliases) {
        if (NON_BINARY.has(canonical)) continue;
        // PropertyAliases.txt also has WSpace for White_Space; ECMA-262
        // Table 68 lists only `space`, and forbids any other alias.
        if (alias === 'WSpace') continue;
        binary.set(alias, `Binary_Property/${canonical}/ranges.mjs`);
        binary.set(canonical, `Binary_Property/${canonical}/ranges.mjs`);
    }
    const strings = ['Basic_Emoji', 'Emoji_Keycap_Sequence', 'RGI_Emoji_Modifier_Sequence',
        'RGI_Emoji_Flag_Sequence', 'RGI_Emoji_Tag_Sequence', 'RGI_Emoji_ZWJ_Sequence', 'RGI_Emoji'];

    const namespaces = {
        General_Category: gc, gc,
        Script: sc, sc,
        Script_Extensions: scx, scx,
    };
    const expectP = (name, value) => {
        if (value === undefined) return gc.get(name) ?? binary.get(name) ?? null;
        const ns = Object.hasOwn(namespaces, name) ? namespaces[name] : undefined;
        return ns?.get(value) ?? null;
    };

    // Every valid spelling, in every place it may (and some it may not) go,
    // plus case and spelling variants that must be unknown.
    const allNames = new Set([...gc.keys(), ...sc.keys(), ...binary.keys(), ...strings]);
    // Names the Unicode data has but ECMA-262 does not allow.
    const forbidden = ['WSpace', 'Other_Alphabetic', 'NFKC_Simple_Casefold', 'InCB', 'Composition_Exclusion',
        'Basic_Latin', 'Emoji_Test', 'Alnum', 'XDigit', 'L&', 'Latn_', 'Any=Any'];
    const variants = (n) => [n.toLowerCase(), n.toUpperCase(), `Is${n}`, `${n}_`, n.replace(/_/g, ''),
        n.replace(/_/g, '-')].filter((v) => !allNames.has(v));
    const queries = [];
    const propertyNames = [...Object.keys(namespaces), 'GC', 'general_category', 'Block', 'ASCII', 'Any'];
    for (const n of forbidden) {
        queries.push(['P', n], ['P', 'gc', n], ['P', 'sc', n], ['P', n, 'Yes'], ['S', n]);
    }
    for (const n of [...allNames].sort()) {
        queries.push(['P', n]);
        for (const p of propertyNames) queries.push(['P', p, n]);
        for (const v of variants(n)) {
            queries.push(['P', v]);
            queries.push(['P', 'gc', v], ['P', 'sc', v], ['P', 'scx', v]);
            queries.push(['S', v]);
        }
        queries.push(['S', n]);
    }

    if (mode === '--queries') {
        process.stdout.write(queries.map((q) => q.join(' ')).join('\n') + '\n');
        return;
    }
    const out = [];
    for (const [kind, name, value] of queries) {
        const query = [kind, name, value].filter((x) => x !== undefined).join(' ');
        if (kind === 'S') {
            if (!strings.includes(name)) {
                out.push(`${query} -1`);
                continue;
            }
            const seqs = (await load(`Sequence_Property/${name}/index.mjs`)).map((s) => [...s].map((c) => c.codePointAt(0)));
            const singles = seqs.filter((s) => s.length === 1).map((s) => s[0]).sort((a, b) => a - b);
            const multi = seqs.filter((s) => s.length > 1).map((s) => s.map(H).join('.')).sort();
            out.push(`${query} cps=${formatRanges(singles.map((c) => ({ begin: c, end: c + 1 })))} strings=${multi.join(' ')}`);
            continue;
        }
        const file = expectP(name, value);
        out.push(`${query} ${file === null ? '-1' : formatRanges(await loadOrEmpty(file))}`);
    }
    process.stdout.write(out.join('\n') + '\n');
}
