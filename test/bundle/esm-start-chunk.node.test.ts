import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import * as esbuild from 'esbuild';
import { rolldown } from 'rolldown';
import { rollup } from 'rollup';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBundle, root } from '../e2e/support/chromium.js';

/** The source files (relative to the repo) of what an app loads at start, and of what it loads later. */
interface Split {
  start: Set<string>;
  later: Set<string>;
}

function appFile(app: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'parley-app-')), 'app.js');
  writeFileSync(file, app);
  return file;
}

const repoPath = (file: string) => relative(root, file.replace(/^\0+/, '').replace(/\?.*$/, ''));

/** esbuild with code splitting, as Angular's application builder and the bench build an app. */
async function esbuildSplit(app: string): Promise<Split> {
  const entryFile = appFile(app);
  const result = await esbuild.build({
    entryPoints: [entryFile],
    absWorkingDir: root,
    nodePaths: [join(root, 'node_modules')],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    metafile: true,
    outdir: mkdtempSync(join(tmpdir(), 'parley-esbuild-')),
    logLevel: 'silent',
  });
  const { outputs } = result.metafile;
  const entry = Object.keys(outputs).find((name) => outputs[name]!.entryPoint === repoPath(entryFile));
  const startChunks = new Set<string>();
  const visit = (name: string): void => {
    if (startChunks.has(name)) return;
    startChunks.add(name);
    for (const imported of outputs[name]!.imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry!);
  const split: Split = { start: new Set(), later: new Set() };
  for (const [name, output] of Object.entries(outputs)) {
    for (const [file, input] of Object.entries(output.inputs)) if (input.bytesInOutput > 0) (startChunks.has(name) ? split.start : split.later).add(file);
  }
  return split;
}

/** Rolldown, Vite 8's bundler for production. */
async function rolldownSplit(app: string): Promise<Split> {
  const build = await rolldown({ input: appFile(app), resolve: { modules: [join(root, 'node_modules'), 'node_modules'] }, logLevel: 'silent' });
  const { output } = await build.generate({ format: 'esm' });
  await build.close();
  return splitChunks(output);
}

/** Rollup, as Vite up to 7 builds for production (with its CommonJS plugin on dependencies). */
async function rollupSplit(app: string): Promise<Split> {
  const build = await rollup({ input: appFile(app), plugins: [nodeResolve({ browser: true, modulePaths: [join(root, 'node_modules')] }), commonjs({ include: /node_modules/ })], onwarn: () => {} });
  const { output } = await build.generate({ format: 'esm' });
  await build.close();
  return splitChunks(output);
}

interface Chunk {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  imports: string[];
  modules: Record<string, { renderedLength: number }>;
}

function splitChunks(output: readonly (Chunk | { type: 'asset' })[]): Split {
  const chunks = new Map(output.flatMap((chunk) => (chunk.type === 'chunk' ? [[chunk.fileName, chunk] as const] : [])));
  const startChunks = new Set<string>();
  const visit = (name: string): void => {
    if (startChunks.has(name)) return;
    startChunks.add(name);
    for (const imported of chunks.get(name)!.imports) visit(imported);
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
  const split: Split = { start: new Set(), later: new Set() };
  for (const [name, chunk] of chunks) {
    for (const [id, module] of Object.entries(chunk.modules)) if (module.renderedLength > 0) (startChunks.has(name) ? split.start : split.later).add(repoPath(id));
  }
  return split;
}

const adapters = ['openai', 'openai-responses', 'anthropic', 'ollama', 'ai-sdk', 'dify'].map((name) => `packages/client/dist/protocols/${name}.js`);
const markdown = ['markdown-lexer', 'lex-inline', 'render-tokens', 'incremental-markdown', 'parley-markdown', 'markdown-styles'].map(
  (name) => `packages/widget/dist/markdown/${name}.js`,
);
const transcriptViews = ['transcript-views', 'message-view'].map((name) => `packages/widget/dist/parts/${name}.js`);
const otherLanguages = ['zh-cn', 'zh-tw'].map((name) => `packages/widget/dist/i18n/${name}.js`);
/**
 * The code highlighter, with the Object.hasOwn install lowlight needs on Chromium 80-92: a module
 * imported only for its effect, kept because package.json's `sideEffects` names it.
 */
const highlighter = ['highlight-code', 'object-has-own'].map((name) => `packages/widget/dist/markdown/${name}.js`);
/** What the request code needs when the first request starts: gateway error bodies, retry timing. */
const requestCode = ['run-chat-request', 'fetch-with-retry', 'gateway-error'].map((name) => `packages/client/dist/${name}.js`);
/**
 * How pages without Web Locks (not a secure context: a plain-HTTP intranet host) take turns on a
 * conversation tabs share: fetched there only, at the first lock asked for, after the answer code.
 */
const storageLocks = 'packages/client/dist/storage-locks.js';

// npm test builds first; a direct run rebuilds a missing or stale build (under the e2e lock).
beforeAll(() => ensureBundle(), 300_000);

describe.each([
  ['esbuild --splitting', esbuildSplit],
  ['rolldown (Vite 8)', rolldownSplit],
  ['rollup (Vite 7)', rollupSplit],
])('an app bundled by %s', (_, split) => {
  it("`import '@parley/widget'` loads at start what the script tag does: the transcript views, markdown, adapters and other languages come later", async () => {
    const { start, later } = await split("import '@parley/widget';\n");
    expect(start).toContain('packages/widget/dist/parley-chat/parley-chat.js');
    expect(start).toContain('packages/client/dist/create-conversation.js');
    for (const file of [...markdown, ...transcriptViews, ...adapters, ...otherLanguages, ...requestCode, ...highlighter, storageLocks]) {
      expect(start, `${file} at start`).not.toContain(file);
      expect(later, `${file} on first use`).toContain(file);
    }
  }, 60_000);

  it('`@parley/widget/element` (the class, not defined) keeps the markdown renderer for first use too', async () => {
    const { start, later } = await split("import { ParleyChat } from '@parley/widget/element';\ncustomElements.define('erp-chat', ParleyChat);\n");
    for (const file of [...markdown, ...adapters]) {
      expect(start, `${file} at start`).not.toContain(file);
      expect(later, `${file} on first use`).toContain(file);
    }
  }, 60_000);

  it("`@parley/client` with a protocol named by string loads no adapter at start; an adapter passed as an object is there, alone", async () => {
    const named = await split("import { createClient } from '@parley/client';\ncreateClient({ url: '/api/chat', protocol: 'openai' }).stream({ messages: [] });\n");
    for (const file of adapters) expect(named.start, `${file} at start`).not.toContain(file);
    expect(named.later).toContain('packages/client/dist/protocols/openai.js');

    const passed = await split("import { createClient, openai } from '@parley/client';\ncreateClient({ url: '/api/chat', protocol: openai() }).stream({ messages: [] });\n");
    expect(passed.start).toContain('packages/client/dist/protocols/openai.js');
    for (const file of adapters.slice(1)) expect(passed.start, `${file} at start`).not.toContain(file);
  }, 60_000);

  it('`@parley/client` with a conversation in localStorage keeps the lock code for pages without Web Locks for later', async () => {
    const { start, later } = await split(
      "import { createClient, createConversation, localStorageAdapter } from '@parley/client';\nconsole.log(createConversation({ client: createClient({ url: '/api/chat' }), storage: localStorageAdapter() }));\n",
    );
    expect(start).toContain('packages/client/dist/create-conversation.js');
    expect(start).not.toContain(storageLocks);
    expect(later).toContain(storageLocks);
  }, 60_000);

  it('what an app names is there at start: defineParleyMarkdown with its styles, a language table', async () => {
    const { start } = await split("import { defineParleyMarkdown, markdownStyles, zhCN } from '@parley/widget';\ndefineParleyMarkdown();\nconsole.log(markdownStyles, zhCN);\n");
    for (const file of [...markdown, 'packages/widget/dist/i18n/zh-cn.js']) expect(start, `${file} at start`).toContain(file);
    expect(start).not.toContain('packages/widget/dist/i18n/zh-tw.js');
  }, 60_000);

  it('the complete English table an app names brings the strings of lazily loaded parts, not their code', async () => {
    const { start } = await split("import { en } from '@parley/widget';\nconsole.log(en);\n");
    expect(start).toContain('packages/widget/dist/parts/transcript-english.js');
    for (const file of [...markdown, ...transcriptViews, 'packages/widget/dist/parts/action-card.js', 'packages/widget/dist/parts/feedback-comment.js']) {
      expect(start, `${file} at start`).not.toContain(file);
    }
  }, 60_000);
});

describe('the names the barrels export through src/exports/', () => {
  it('are the very adapters and helpers of their modules', async () => {
    const client: Record<string, unknown> = await import(join(root, 'packages/client/dist/index.js'));
    const modules = { openai: 'openai', openaiResponses: 'openai-responses', anthropic: 'anthropic', ollama: 'ollama', aiSdk: 'ai-sdk', dify: 'dify', parley: 'parley' };
    for (const [name, file] of Object.entries(modules)) {
      const module: Record<string, unknown> = await import(join(root, `packages/client/dist/protocols/${file}.js`));
      expect(client[name], name).toBe(module[name]);
    }
    expect(client.gatewayError).toBe((await import(join(root, 'packages/client/dist/gateway-error.js'))).gatewayError);
  });
});
