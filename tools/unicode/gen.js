#!/usr/bin/env node
// gen.js — writes src/util/unicode_tables.c from the Unicode Character
// Database as shipped by the npm package @unicode/unicode-<version> (pinned in
// package.json to the version test262 expects).
//
//   node tools/unicode/gen.js [OUTPUT]     (default: src/util/unicode_tables.c)
//
// The output depends only on the package contents: no dates, no paths, stable
// ordering. tools/unicode/check.sh regenerates and diffs to catch drift.
//
// Two table shapes, both decoded by src/util/unicode.c:
//
//  * Range set (uni_range_set): sorted uint32 words, each
//      start << 11 | (length - 1)        length 1..2048
//    Longer ranges are split. Since the start sits in the high bits, the
//    word order is the start order and a lookup is one binary search for the
//    last word <= (cp << 11 | 0x7FF).
//
//  * Case-mapping runs (uni_case_run): { key, delta } with
//      key = start << 11 | (count - 1) << 1 | alternating     count 1..1024
//    A run maps `count` code points by adding `delta`: consecutive ones, or
//    (alternating) every other one starting at `start` — the pattern of the
//    Latin Extended upper/lower pairs. Runs never overlap: a run's span holds
//    only its own members and code points with no mapping, so the same
//    binary search finds the only run that can cover a code point.
//
//  Full (multi-code-point) case mappings from SpecialCasing.txt that differ
//  from the simple mapping are kept in a small sorted exception list.
//
// To add a property (e.g. for RegExp \p{}), add an entry to RANGE_SETS (or
// build one from several sources with union()); unicode.h declares the
// emitted `uni_set_<name>` objects.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const DEPS = JSON.parse(readFileSync(join(HERE, 'package.json'), 'utf8'))
    .devDependencies;
const UCD = Object.keys(DEPS).find((n) => n.startsWith('@unicode/unicode-'));
const UCD_DIR = dirname(require.resolve(`${UCD}/package.json`));
const UCD_VERSION = JSON.parse(readFileSync(join(UCD_DIR, 'package.json'), 'utf8')).version;
const UNICODE_VERSION = UCD.replace('@unicode/unicode-', '');

const MAX_CP = 0x10ffff;
const RANGE_LEN_BITS = 11;
const RUN_COUNT_MAX = 1 << (RANGE_LEN_BITS - 1);

async function load(rel) {
    return (await import(join(UCD_DIR, rel))).default;
}

// ---- sets ----------------------------------------------------------------

// A set is a sorted array of disjoint, non-adjacent [lo, hi] inclusive pairs.
function fromCodePoints(cps) {
    const sorted = [...new Set(cps)].sort((a, b) => a - b);
    const out = [];
    for (const cp of sorted) {
        if (cp < 0 || cp > MAX_CP) throw new Error(`code point out of range: ${cp}`);
        const last = out[out.length - 1];
        if (last && last[1] + 1 === cp) last[1] = cp;
        else out.push([cp, cp]);
    }
    return out;
}

function toCodePoints(set) {
    const cps = [];
    for (const [lo, hi] of set) for (let c = lo; c <= hi; c++) cps.push(c);
    return cps;
}

function union(...sets) {
    return fromCodePoints(sets.flatMap(toCodePoints));
}

async function binaryProperty(name) {
    return fromCodePoints(await load(`Binary_Property/${name}/code-points.mjs`));
}

async function generalCategory(name) {
    return fromCodePoints(await load(`General_Category/${name}/code-points.mjs`));
}

// Each entry becomes `const uni_range_set uni_set_<name>`.
const RANGE_SETS = [
    {
        name: 'id_start',
        doc: 'ID_Start (DerivedCoreProperties)',
        build: () => binaryProperty('ID_Start'),
    },
    {
        name: 'id_continue',
        doc: 'ID_Continue (DerivedCoreProperties)',
        build: () => binaryProperty('ID_Continue'),
    },
    {
        // #sec-white-space: <TAB> <VT> <FF> <ZWNBSP> and any Zs code point.
        name: 'js_space',
        doc: 'ECMAScript WhiteSpace: General_Category=Zs plus U+0009 U+000B U+000C U+FEFF',
        build: async () =>
            union(await generalCategory('Space_Separator'), fromCodePoints([0x9, 0xb, 0xc, 0xfeff])),
    },
    {
        name: 'cased',
        doc: 'Cased (DerivedCoreProperties), for the Final_Sigma condition',
        build: () => binaryProperty('Cased'),
    },
    {
        name: 'case_ignorable',
        doc: 'Case_Ignorable (DerivedCoreProperties), for the Final_Sigma condition',
        build: () => binaryProperty('Case_Ignorable'),
    },
];

function encodeRangeSet(set) {
    const words = [];
    for (let [lo, hi] of set) {
        while (lo <= hi) {
            const len = Math.min(hi - lo + 1, 1 << RANGE_LEN_BITS);
            words.push(((lo << RANGE_LEN_BITS) | (len - 1)) >>> 0);
            lo += len;
        }
    }
    return words;
}

// ---- case mappings -------------------------------------------------------

// mapping: Map<cp, cp> with no identity entries.
function encodeCaseRuns(mapping) {
    const cps = [...mapping.keys()].sort((a, b) => a - b);
    const runs = [];
    let run = null;
    for (const cp of cps) {
        const delta = mapping.get(cp) - cp;
        if (run && run.delta === delta && run.count < RUN_COUNT_MAX) {
            const last = run.start + (run.count - 1) * run.stride;
            if (run.count === 1 && (cp === last + 1 || cp === last + 2)) {
                run.stride = cp - last;
                run.count++;
                continue;
            }
            if (run.count > 1 && cp === last + run.stride) {
                run.count++;
                continue;
            }
        }
        run = { start: cp, count: 1, stride: 1, delta };
        runs.push(run);
    }
    return runs.map((r) => ({
        key: ((r.start << RANGE_LEN_BITS) | ((r.count - 1) << 1) | (r.stride === 2 ? 1 : 0)) >>> 0,
        delta: r.delta,
    }));
}

function simpleMapping(map) {
    const out = new Map();
    for (const [from, to] of map) {
        if (typeof to !== 'number') throw new Error(`simple mapping of ${from} is not one code point`);
        if (to !== from) out.set(from, to);
    }
    return out;
}

// SpecialCasing entries (unconditional, language-insensitive) whose full
// mapping differs from the simple one.
function specialExceptions(special, simple) {
    const out = [];
    for (const [from, to] of special) {
        const seq = Array.isArray(to) ? to : [to];
        if (seq.length < 1 || seq.length > 3) throw new Error(`bad special mapping for ${from}`);
        const simpleTo = simple.get(from) ?? from;
        if (seq.length === 1 && seq[0] === simpleTo) continue;
        out.push({ from, seq });
    }
    return out.sort((a, b) => a.from - b.from);
}

// ---- emit ----------------------------------------------------------------

const hex = (n, width = 6) => '0x' + n.toString(16).toUpperCase().padStart(width, '0');

function emitWords(lines, words, perLine, fmt) {
    for (let i = 0; i < words.length; i += perLine) {
        lines.push('    ' + words.slice(i, i + perLine).map(fmt).join(', ') + ',');
    }
}

function emitRangeSet(lines, name, doc, set) {
    const words = encodeRangeSet(set);
    const count = set.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
    lines.push(`/* ${doc}: ${count} code points in ${set.length} ranges */`);
    lines.push(`static const uint32_t set_${name}_words[${words.length}] = {`);
    emitWords(lines, words, 6, (w) => hex(w, 8));
    lines.push('};');
    lines.push(`const uni_range_set uni_set_${name} = {set_${name}_words, ${words.length}};`);
    lines.push('');
}

function emitCaseRuns(lines, name, doc, mapping) {
    const runs = encodeCaseRuns(mapping);
    lines.push(`/* ${doc}: ${mapping.size} code points in ${runs.length} runs */`);
    lines.push(`static const uni_case_run ${name}_runs[${runs.length}] = {`);
    emitWords(lines, runs, 3, (r) => `{${hex(r.key, 8)}, ${r.delta}}`);
    lines.push('};');
    lines.push(
        `const uni_case_table uni_table_${name} = {${name}_runs, ${runs.length}};`,
    );
    lines.push('');
}

function emitSpecial(lines, name, doc, list) {
    lines.push(`/* ${doc}: ${list.length} entries */`);
    lines.push(`static const uni_special_case ${name}_entries[${list.length}] = {`);
    for (const { from, seq } of list) {
        const padded = [...seq, 0, 0, 0].slice(0, 3);
        lines.push(`    {${hex(from, 4)}, {${padded.map((c) => hex(c, 4)).join(', ')}}},`);
    }
    lines.push('};');
    lines.push(
        `const uni_special_table uni_table_${name} = {${name}_entries, ${list.length}};`,
    );
    lines.push('');
}

async function main() {
    const output = process.argv[2] ?? join(HERE, '..', '..', 'src', 'util', 'unicode_tables.c');
    const lines = [];
    lines.push(`/* unicode_tables.c — GENERATED by tools/unicode/gen.js from ${UCD}@${UCD_VERSION}`);
    lines.push(` * (Unicode ${UNICODE_VERSION}). Do not edit: change the generator and rerun it;`);
    lines.push(' * tools/unicode/check.sh fails when this file drifts from its generator.');
    lines.push(' * Table formats are described in gen.js and decoded in unicode.c. */');
    lines.push('#include "util/unicode.h"');
    lines.push('');
    lines.push('/* clang-format off */');
    lines.push('');

    for (const { name, doc, build } of RANGE_SETS) {
        emitRangeSet(lines, name, doc, await build());
    }

    const simpleUpper = simpleMapping(await load('Simple_Case_Mapping/Uppercase/code-points.mjs'));
    const simpleLower = simpleMapping(await load('Simple_Case_Mapping/Lowercase/code-points.mjs'));
    const foldC = await load('Case_Folding/C/code-points.mjs');
    const foldS = await load('Case_Folding/S/code-points.mjs');
    const fold = new Map([...foldC, ...foldS]);
    if (fold.size !== foldC.size + foldS.size) throw new Error('CaseFolding C and S overlap');

    emitCaseRuns(lines, 'simple_upper', 'Simple uppercase mapping (UnicodeData field 12)', simpleUpper);
    emitCaseRuns(lines, 'simple_lower', 'Simple lowercase mapping (UnicodeData field 13)', simpleLower);
    emitCaseRuns(lines, 'simple_fold', 'Simple case folding (CaseFolding status C and S)', simpleMapping(fold));

    // Only the unconditional SpecialCasing mappings: the package keeps the
    // conditional (Final_Sigma) and language-specific ones in other folders.
    const specialUpper = await load('Special_Casing/Uppercase/code-points.mjs');
    const specialLower = await load('Special_Casing/Lowercase/code-points.mjs');
    emitSpecial(lines, 'special_upper', 'Full uppercase mappings (SpecialCasing, unconditional) that differ from the simple one',
        specialExceptions(specialUpper, simpleUpper));
    emitSpecial(lines, 'special_lower', 'Full lowercase mappings (SpecialCasing, unconditional) that differ from the simple one',
        specialExceptions(specialLower, simpleLower));

    // Final_Sigma: the caller applies the context check; confirm the data
    // still says what unicode.h promises (U+03A3 -> U+03C2).
    const finalSigma = await load('Special_Casing/Lowercase--Final_Sigma/code-points.mjs');
    const fs = [...finalSigma];
    if (fs.length !== 1 || fs[0][0] !== 0x3a3 || String(fs[0][1]) !== String([0x3c2])) {
        throw new Error('Final_Sigma data changed: update unicode.h and the generator');
    }

    lines.push('/* clang-format on */');
    writeFileSync(output, lines.join('\n') + '\n');
}

await main();
