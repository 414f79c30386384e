import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';
import { describe, expect, it } from 'vitest';

const source = (file: string) => JSON.stringify(fileURLToPath(new URL(file, import.meta.url)));

/**
 * Bundles a tiny app as an app's bundler would (rollup, as Vite does for production; minified),
 * and returns the code that loads up front: chunks behind `import()` load only when used.
 */
async function upFront(app: string): Promise<string> {
  const entry = join(mkdtempSync(join(tmpdir(), 'parley-shake-')), 'app.ts');
  writeFileSync(entry, app);
  const bundle = await rollup({ input: entry, plugins: [nodeResolve(), esbuild({ target: 'es2022', minify: true })], onwarn: () => {} });
  const { output } = await bundle.generate({ format: 'esm' });
  await bundle.close();
  return output.filter((chunk) => chunk.type === 'chunk' && chunk.isEntry).map((chunk) => (chunk.type === 'chunk' ? chunk.code : '')).join('\n');
}

/** A string each adapter's decoding needs, so its presence means the adapter was bundled. */
const otherAdapters = {
  anthropic: 'content_block_delta',
  'openai-responses': 'function_call_arguments',
  dify: 'workflow_started',
  'ai-sdk': 'tool-input-',
  ollama: 'done_reason',
};

describe('tree-shaking', () => {
  it('an app that passes openai() loads no other adapter up front; importing all seven pays for them all', async () => {
    const oneAdapter = await upFront(`import { createClient, openai } from ${source('./index.ts')};\ncreateClient({ url: '/api/chat', protocol: openai() }).stream({ messages: [] });`);
    const everyAdapter = await upFront(
      `import { createClient, openai, openaiResponses, anthropic, ollama, aiSdk, dify, parley } from ${source('./index.ts')};\n` +
        `console.log(createClient({ url: '/api/chat', protocol: 'auto' }), openai, openaiResponses, anthropic, ollama, aiSdk, dify, parley);`,
    );
    for (const [name, marker] of Object.entries(otherAdapters)) {
      expect(everyAdapter.includes(marker), `${name} in the full bundle`).toBe(true);
      expect(oneAdapter.includes(marker), `${name} in the openai-only bundle`).toBe(false);
    }
    expect(oneAdapter.includes('stream_options')).toBe(true);
    expect(oneAdapter.length).toBeLessThan(everyAdapter.length * 0.85);
  }, 60_000);

  it('the JSON Schema checker for actions loads only for an action described by a JSON Schema object', async () => {
    const app = (actions: string) =>
      `import { createClient, createConversation } from ${source('./index.ts')};\n` +
      `console.log(createConversation({ client: createClient({ url: '/api/chat', protocol: 'openai' }), actions: ${actions} }));`;
    const checker = 'is not an allowed property';
    expect((await upFront(app('{}'))).includes(checker)).toBe(false);
    expect((await upFront(app(`{ open: { description: 'Open', parameters: { type: 'object' }, run: () => null } }`))).includes(checker)).toBe(false);
  }, 60_000);

  it("an app that names its protocol ('openai') loads only that adapter, and only when a request starts", async () => {
    const entry = join(mkdtempSync(join(tmpdir(), 'parley-shake-')), 'app.ts');
    writeFileSync(entry, `import { createClient } from ${source('./index.ts')};\ncreateClient({ url: '/api/chat', protocol: 'openai' }).stream({ messages: [] });`);
    const bundle = await rollup({ input: entry, plugins: [nodeResolve(), esbuild({ target: 'es2022', minify: true })], onwarn: () => {} });
    const { output } = await bundle.generate({ format: 'esm' });
    await bundle.close();
    const chunks = output.flatMap((chunk) => (chunk.type === 'chunk' ? [chunk] : []));
    const entryCode = chunks.filter((chunk) => chunk.isEntry).map((chunk) => chunk.code).join('\n');
    const openaiChunk = chunks.find((chunk) => !chunk.isEntry && chunk.code.includes('stream_options'));
    expect(entryCode.includes('stream_options'), 'openai adapter deferred').toBe(false);
    expect(openaiChunk, 'openai adapter in its own chunk').toBeDefined();
    for (const [name, marker] of Object.entries(otherAdapters)) {
      expect(openaiChunk!.code.includes(marker), `${name} beside the openai adapter`).toBe(false);
      expect(entryCode.includes(marker), `${name} up front`).toBe(false);
    }
  }, 60_000);

  it("an app on the default protocol ('auto') loads the detection on the first request, without the adapters it may pick", async () => {
    const entry = join(mkdtempSync(join(tmpdir(), 'parley-shake-')), 'app.ts');
    writeFileSync(entry, `import { createClient } from ${source('./index.ts')};\ncreateClient({ url: '/api/chat' }).stream({ messages: [] });`);
    const bundle = await rollup({ input: entry, plugins: [nodeResolve(), esbuild({ target: 'es2022', minify: true })], onwarn: () => {} });
    const { output } = await bundle.generate({ format: 'esm' });
    await bundle.close();
    const chunks = output.flatMap((chunk) => (chunk.type === 'chunk' ? [chunk] : []));
    const detection = chunks.find((chunk) => chunk.code.includes('could not tell the protocol'));
    expect(detection, 'detection in its own chunk').toBeDefined();
    expect(detection!.isEntry).toBe(false);
    // The detection knows the AI SDK's part names (`tool-input-…`), not what its adapter writes.
    for (const [name, marker] of Object.entries({ ...otherAdapters, 'ai-sdk': '"input-available"', openai: 'stream_options' })) {
      expect(detection!.code.includes(marker), `${name} beside the detection`).toBe(false);
      expect(chunks.filter((chunk) => chunk.code.includes(marker)), `${name} in a chunk of its own`).toHaveLength(1);
    }
  }, 60_000);
});
