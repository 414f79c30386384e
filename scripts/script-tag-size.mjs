#!/usr/bin/env node
// What the script tag costs a page: the bytes loaded at start (the loader, the entry chunk and its
// static imports) and each chunk loaded on first use, gzip and brotli, from the build's manifest.
// Usage: npm run size  (after `npm run build`; PARLEY_SIZE_JSON=1 prints JSON)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const scriptTagDir = fileURLToPath(new URL('../packages/widget/dist/script/', import.meta.url));

const measure = (bytes) => ({
  min: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const sum = (sizes) => sizes.reduce((a, b) => ({ min: a.min + b.min, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { min: 0, gzip: 0, brotli: 0 });

/** The chunks `from` pulls in by static imports, itself included. */
function staticClosure(manifest, from) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of manifest.chunks[file].imports) visit(imported);
  };
  for (const file of from) visit(file);
  return seen;
}

/**
 * `start`: what every page loads before <parley-chat> is defined. `onFirstUse`: each lazily
 * imported chunk with what it adds beyond `start` (its own static imports included).
 */
export function scriptTagSize(dir = scriptTagDir) {
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: run \`npm run build\` first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const size = new Map(Object.keys(manifest.chunks).map((file) => [file, measure(readFileSync(join(dir, file)))]));
  const start = staticClosure(manifest, [manifest.entry]);
  const startSize = sum([measure(readFileSync(join(dir, manifest.loader))), ...[...start].map((file) => size.get(file))]);
  const lazyEntries = new Set(Object.values(manifest.chunks).flatMap((chunk) => chunk.dynamicImports));
  const onFirstUse = [...lazyEntries]
    .map((file) => {
      const adds = [...staticClosure(manifest, [file])].filter((chunk) => !start.has(chunk));
      return { chunk: file, adds: sum(adds.map((chunk) => size.get(chunk))), modules: adds.flatMap((chunk) => manifest.chunks[chunk].modules) };
    })
    .sort((a, b) => b.adds.gzip - a.adds.gzip);
  const all = sum([startSize, ...[...size].filter(([file]) => !start.has(file)).map(([, s]) => s)]);
  /** Start plus the lazy chunks named (`openai`, `zh-cn`, …) with their imports, each chunk counted once. */
  const startWith = (names) => {
    const named = [...lazyEntries].filter((file) => names.some((name) => new RegExp(`^chunks/${name}-[\\w-]{6}\\.js$`).test(file)));
    if (named.length !== names.length) throw new Error(`expected chunks ${names.join(', ')}; found ${named.join(', ') || 'none'}`);
    const adds = [...staticClosure(manifest, named)].filter((chunk) => !start.has(chunk));
    return { chunks: named, size: sum([startSize, ...adds.map((chunk) => size.get(chunk))]) };
  };
  return { start: startSize, startChunks: [...start], onFirstUse, all, startWith };
}

/**
 * What a page has loaded by the time its first answer streams: a zh-CN page with no `protocol`
 * attribute (the default `auto`: the detection, then the adapter its gateway speaks) on an
 * OpenAI-compatible gateway (the largest adapter and language), the request code and the
 * transcript views with the markdown renderer.
 */
export const firstAnswerChunks = ['detect-protocol', 'openai', 'zh-cn', 'run-chat-request', 'transcript-views'];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = scriptTagSize();
  if (process.env.PARLEY_SIZE_JSON) {
    console.log(JSON.stringify(report, null, 1));
  } else {
    const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
    const row = (name, s) => console.log(`${kb(s.min)} ${kb(s.gzip)} ${kb(s.brotli)}  ${name}`);
    console.log('      min      gzip    brotli');
    row('at start (loader + entry + its static imports)', report.start);
    const firstAnswer = report.startWith(firstAnswerChunks.filter((name) => report.onFirstUse.some((lazy) => lazy.chunk.startsWith(`chunks/${name}-`))));
    row(`before a first answer (start + ${firstAnswer.chunks.map((chunk) => chunk.replace(/^chunks\/|-[\w-]{6}\.js$/g, '')).join(' + ')})`, firstAnswer.size);
    for (const lazy of report.onFirstUse) row(`  on first use: ${lazy.chunk.replace(/^chunks\//, '')}`, lazy.adds);
    row('everything', report.all);
  }
}
