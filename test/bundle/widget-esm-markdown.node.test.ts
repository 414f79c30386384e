import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import commonjs from '@rollup/plugin-commonjs';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup, type OutputChunk } from 'rollup';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBundle, root } from '../e2e/support/chromium.js';

/**
 * Issue 9 for apps that bundle the ES module build: `@parley/widget` (its `dist/`, as published)
 * bundled by rollup, as Vite does for production, keeps the markdown renderer out of the code an
 * app loads up front unless the app uses `<parley-markdown>` itself.
 */
async function bundle(app: string): Promise<{ upFront: string; later: OutputChunk[] }> {
  const entry = join(mkdtempSync(join(tmpdir(), 'parley-esm-')), 'app.js');
  writeFileSync(entry, app);
  const build = await rollup({ input: entry, plugins: [nodeResolve({ browser: true, modulePaths: [join(root, 'node_modules')] }), commonjs({ include: /node_modules/ })], onwarn: () => {} });
  const { output } = await build.generate({ format: 'esm' });
  await build.close();
  const chunks = output.filter((chunk): chunk is OutputChunk => chunk.type === 'chunk');
  return { upFront: chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.code).join('\n'), later: chunks.filter((chunk) => !chunk.isEntry) };
}

/** Class names only the markdown renderer and its styles use: their presence means it was bundled. */
const markdownMarkers = ['parley-markdown-page', 'parley-code-copy'];

// npm test builds first; a direct run rebuilds a missing or stale build (under the e2e lock).
beforeAll(() => ensureBundle(), 300_000);

describe('@parley/widget bundled by an app', () => {
  it('an app that uses <parley-chat> loads the markdown renderer only when the chat first needs it, as a chunk of its own', async () => {
    const { upFront, later } = await bundle("import { ParleyChat } from '@parley/widget';\nconsole.log(ParleyChat);\n");
    expect(upFront).toMatch(/customElements.define\(['"]parley-chat['"]/);
    for (const marker of markdownMarkers) expect(upFront.includes(marker), `${marker} up front`).toBe(false);
    expect(later.filter((chunk) => markdownMarkers.every((marker) => chunk.code.includes(marker)))).toHaveLength(1);
    // The transcript views (answer tools, their styles) come with it, in the same chunk.
    expect(upFront.includes('message-tools'), 'transcript views up front').toBe(false);
    expect(later.filter((chunk) => [...markdownMarkers, 'message-tools'].every((marker) => chunk.code.includes(marker)))).toHaveLength(1);
  }, 60_000);

  it('an app that defines <parley-markdown> to use it on its own has it up front', async () => {
    const { upFront } = await bundle("import { defineParleyMarkdown } from '@parley/widget';\ndefineParleyMarkdown();\n");
    for (const marker of markdownMarkers) expect(upFront.includes(marker), `${marker} up front`).toBe(true);
  }, 60_000);
});
