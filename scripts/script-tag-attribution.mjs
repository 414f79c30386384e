#!/usr/bin/env node
// Where the script tag's start bytes come from: each character of the entry chunk mapped through
// its source map to the file it came from (the client as its dist modules), with per file the
// minified bytes, their gzip alone, and the marginal gzip (what the chunk would lose without them).
// Usage: node scripts/script-tag-attribution.mjs [script-tag folder]  (after a build)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { scriptTagDir } from './script-tag-size.mjs';

const dir = process.argv[2] ?? scriptTagDir;
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const code = readFileSync(join(dir, manifest.entry), 'utf8');
const map = new TraceMap(readFileSync(join(dir, `${manifest.entry}.map`), 'utf8'));

/** The entry chunk cut into runs of characters from one source, in order. */
const runs = [];
const lines = code.split('\n');
for (let line = 0; line < lines.length; line++) {
  const text = lines[line];
  let current;
  let from = 0;
  for (let column = 0; column <= text.length; column++) {
    const source = column < text.length ? (originalPositionFor(map, { line: line + 1, column }).source ?? '(unmapped)') : undefined;
    if (column > 0 && source !== current) {
      runs.push({ source: current, text: text.slice(from, column) });
      from = column;
    }
    current = source;
  }
  runs.push({ source: '(unmapped)', text: '\n' });
}
const bySource = new Map();
for (const run of runs) bySource.set(run.source, (bySource.get(run.source) ?? '') + run.text);

const clean = (s) => s.replace(/^(\.\.\/)+/, '').replace(/^node_modules\//, '');
// `alone`: the group gzipped by itself; `marginal`: what the chunk's gzip loses without it (what
// removing that source would save; groups that repeat each other's text cost less than alone).
const gzip = (text) => gzipSync(text, { level: 9 }).length;
const total = gzip(code);
const rows = [...bySource]
  .map(([source, text]) => ({
    source: clean(source),
    min: text.length,
    gzip: gzip(text),
    marginal: total - gzip(runs.filter((run) => run.source !== source).map((run) => run.text).join('')),
  }))
  .sort((a, b) => b.marginal - a.marginal);
console.log(`entry ${manifest.entry}: ${code.length} B min, ${total} B gzip\n    min  alone marginal`);
for (const r of rows) console.log(`${String(r.min).padStart(7)} ${String(r.gzip).padStart(6)} ${String(r.marginal).padStart(6)}  ${r.source}`);
