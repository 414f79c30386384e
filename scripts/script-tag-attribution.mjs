#!/usr/bin/env node
// Where a script-tag chunk's bytes come from (the entry chunk, what every page loads at start,
// unless a chunk is named): each character mapped through the chunk's source map to the file it
// came from (the client as its dist modules), with per file the minified bytes, their gzip alone,
// and the marginal gzip (what the chunk would lose without them).
// Usage: node scripts/script-tag-attribution.mjs [chunk name, e.g. transcript-views] [script-tag folder]
// (after a build)
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { scriptTagDir } from './script-tag-size.mjs';

const isDir = (arg) => existsSync(arg) && statSync(arg).isDirectory();
const dir = process.argv.slice(2).find(isDir) ?? scriptTagDir;
const name = process.argv.slice(2).find((arg) => !isDir(arg));
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const chunks = Object.keys(manifest.chunks);
const file = name === undefined ? manifest.entry : chunks.find((chunk) => new RegExp(`^chunks/${name}-[\\w-]{6}\\.js$`).test(chunk));
if (file === undefined) throw new Error(`no chunk ${name}; chunks: ${chunks.map((chunk) => chunk.replace(/^chunks\/|-[\w-]{6}\.js$/g, '')).join(', ')}`);
const code = readFileSync(join(dir, file), 'utf8');
const map = new TraceMap(readFileSync(join(dir, `${file}.map`), 'utf8'));

/** The chunk cut into runs of characters from one source, in order. */
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
console.log(`${file === manifest.entry ? 'entry ' : ''}${file}: ${code.length} B min, ${total} B gzip\n    min  alone marginal`);
for (const r of rows) console.log(`${String(r.min).padStart(7)} ${String(r.gzip).padStart(6)} ${String(r.marginal).padStart(6)}  ${r.source}`);
