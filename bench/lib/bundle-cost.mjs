// Part 1: what each option costs the page that embeds it, in the bytes a browser downloads.
import { createHash } from 'node:crypto';
import { readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback, brotliCompress as brotliCallback, constants } from 'node:zlib';
import * as esbuild from 'esbuild';
import { firstAnswerChunks, scriptTagSize } from '../../scripts/script-tag-size.mjs';

// Asynchronous zlib runs on libuv's thread pool: the big peer bundles compress on both cores at once.
const gzipAsync = promisify(gzipCallback);
const brotliAsync = promisify(brotliCallback);
const gzip = async (bytes) => (await gzipAsync(bytes, { level: 9 })).length;

// Brotli at quality 11 takes ~10 s per MB on a busy 2-core machine, and the peers' multi-MB
// bundles never change for a given version: remember each result by the bytes' hash.
const cacheFile = join(import.meta.dirname, '..', 'results', 'brotli-cache.json');
const brotliCache = existsSync(cacheFile) ? JSON.parse(readFileSync(cacheFile, 'utf8')) : {};
async function brotli(bytes) {
  const key = createHash('sha256').update(bytes).digest('hex');
  brotliCache[key] ??= (
    await brotliAsync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })
  ).length;
  return brotliCache[key];
}

async function measureFiles(files) {
  const sizes = await Promise.all(files.map(async (bytes) => ({ min: bytes.length, gzip: await gzip(bytes), brotli: await brotli(bytes) })));
  return sizes.reduce((a, b) => ({ min: a.min + b.min, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { min: 0, gzip: 0, brotli: 0 });
}

/**
 * Bundles `source` the way an app's bundler would (esbuild, minified, code splitting on) and
 * splits the output into what loads at start (entry + static imports + CSS) and what loads lazily.
 */
async function bundle(source, benchDir) {
  const outdir = join(benchDir, 'results', 'bundle-out');
  const result = await esbuild.build({
    stdin: { contents: source, resolveDir: benchDir, sourcefile: 'bench-entry.js', loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    splitting: true,
    outdir,
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.svg': 'file', '.png': 'file', '.gif': 'file' },
  });
  const contents = new Map(result.outputFiles.map((f) => [relative(process.cwd(), f.path), f.contents]));
  const outputs = result.metafile.outputs;
  // The app's own entry: lazily imported modules are entry points too (the adapters, the languages).
  // esbuild names it relative to the working directory (`bench/bench-entry.js` from the repo root).
  const entry = Object.keys(outputs).find((name) => /^<stdin>$|(^|\/)bench-entry\.js$/.test(outputs[name].entryPoint ?? ''));
  if (!entry) throw new Error('the bundle has no app entry');
  const initial = new Set();
  const visit = (name) => {
    if (initial.has(name) || !outputs[name]) return;
    initial.add(name);
    if (outputs[name].cssBundle) initial.add(outputs[name].cssBundle);
    for (const imported of outputs[name].imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  const code = (names) => names.filter((n) => /\.(m?js|css)$/.test(n)).map((n) => contents.get(n)).filter(Boolean);
  const lazyNames = Object.keys(outputs).filter((n) => !initial.has(n));
  const [initialSize, lazySize] = await Promise.all([measureFiles(code([...initial])), measureFiles(code(lazyNames))]);
  return { initial: initialSize, lazy: lazySize, files: initial.size, composition: composition(outputs, initial) };
}

/** Minified bytes at start per package (or per Parley source folder): where a size budget goes. */
function composition(outputs, initial) {
  const bytes = {};
  for (const name of initial) {
    for (const [file, info] of Object.entries(outputs[name]?.inputs ?? {})) {
      const pkg = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
      const key = pkg ? pkg[1] : file.replace(/^.*?packages\//, 'packages/').replace(/\/[^/]+$/, '');
      bytes[key] = (bytes[key] ?? 0) + info.bytesInOutput;
    }
  }
  return Object.entries(bytes)
    .sort((a, b) => b[1] - a[1])
    .map(([source, min]) => ({ source, min }));
}

/** The rows: script tags as shipped (every file the tag needs), then bundler builds of each entry. */
export async function bundleCost({ rootDir, benchDir }) {
  const shipped = (pkg, ...files) => files.map((file) => readFileSync(join(benchDir, 'node_modules', pkg, file)));
  // Every row is measured at once (esbuild and zlib both use other threads); rows keep this order.
  const pending = [];
  const add = (group, name, what, measure) => {
    pending.push(
      (async () => {
        try {
          return { group, name, what, ...(await measure()) };
        } catch (error) {
          return { group, name, what, error: String(error?.message ?? error).split('\n')[0] };
        }
      })(),
    );
  };

  // Parley's script tag is a folder: what loads at start, and what a page has loaded by the time
  // its first answer streams (a zh-CN page on an OpenAI-compatible gateway, protocol detected:
  // the detection, the largest adapter and language chunks, the request code and the markdown
  // renderer). The budget reads both.
  const parleyScriptTag = (() => {
    let report;
    return () => (report ??= scriptTagSize(join(rootDir, 'packages/widget/dist/script')));
  })();
  add('widget script tag', 'parley', 'dist/script: loader + start chunks', async () => {
    const { start, all } = parleyScriptTag();
    return { initial: start, lazy: { min: all.min - start.min, gzip: all.gzip - start.gzip, brotli: all.brotli - start.brotli } };
  });
  add('widget script tag', 'parley', `the same + ${firstAnswerChunks.join(' + ')}, before the first answer`, async () => {
    return { initial: parleyScriptTag().startWith(firstAnswerChunks).size, firstAnswer: true };
  });
  const asShipped = (files) => async () => ({ initial: await measureFiles(files()) });
  add('widget script tag', 'deep-chat', 'dist/deepChat.bundle.js', asShipped(() => shipped('deep-chat', 'dist/deepChat.bundle.js')));
  add('widget script tag', '@n8n/chat', 'dist/chat.bundle.umd.js + dist/style.css', asShipped(() => shipped('@n8n/chat', 'dist/chat.bundle.umd.js', 'dist/style.css')));
  add('widget script tag', 'botframework-webchat', 'dist/webchat.js (full)', asShipped(() => shipped('botframework-webchat', 'dist/webchat.js')));
  add('widget script tag', 'botframework-webchat', 'dist/webchat-minimal.js', asShipped(() => shipped('botframework-webchat', 'dist/webchat-minimal.js')));

  const esm = {
    parley: ["import '@parley/widget';", "import '@parley/widget'"],
    'deep-chat': ["import 'deep-chat';", "import 'deep-chat'"],
    '@n8n/chat': ["import { createChat } from '@n8n/chat'; import '@n8n/chat/style.css'; window.chat = createChat;", "createChat + style.css"],
  };
  for (const [name, [source, what]] of Object.entries(esm)) add('widget ESM, bundled', name, what, () => bundle(source, benchDir));
  // botframework-webchat's ESM entry is not bundled: its `*-es5` dependencies build themselves in
  // postinstall scripts, which bench/ skips (.npmrc) because @n8n/chat pulls in isolated-vm, a
  // native addon that does not compile on Node 20. Its shipped script tags above are the measure.

  const clients = {
    parley: [
      "import { createClient } from '@parley/client';\n" +
        "const client = createClient({ url: '/api/chat', protocol: 'openai' });\n" +
        "window.ask = async (content, onText) => { for await (const e of client.stream({ messages: [{ role: 'user', content }] })) if (e.type === 'text-delta') onText(e.delta); };",
      "createClient({ protocol: 'openai' }).stream()",
    ],
    openai: [
      "import OpenAI from 'openai';\n" +
        "const openai = new OpenAI({ baseURL: '/api', apiKey: 'x', dangerouslyAllowBrowser: true });\n" +
        "window.ask = async (content, onText) => { const s = await openai.chat.completions.create({ model: 'm', stream: true, messages: [{ role: 'user', content }] }); for await (const c of s) onText(c.choices[0]?.delta?.content ?? ''); };",
      'new OpenAI().chat.completions.create({ stream })',
    ],
    'ai + @ai-sdk/openai-compatible': [
      "import { streamText } from 'ai'; import { createOpenAICompatible } from '@ai-sdk/openai-compatible';\n" +
        "const provider = createOpenAICompatible({ name: 'gw', baseURL: '/api' });\n" +
        "window.ask = async (prompt, onText) => { const r = streamText({ model: provider.chatModel('m'), prompt }); for await (const t of r.textStream) onText(t); };",
      'streamText + createOpenAICompatible',
    ],
  };
  for (const [name, [source, what]] of Object.entries(clients)) add('client, bundled for streaming chat', name, what, () => bundle(source, benchDir));
  const rows = await Promise.all(pending);
  mkdirSync(dirname(cacheFile), { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(brotliCache));
  return rows;
}
