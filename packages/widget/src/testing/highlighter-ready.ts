import { expect, vi } from 'vitest';
import { defineParleyMarkdown } from '../markdown/parley-markdown.js';

/**
 * Resolves once `<parley-markdown>` has its code highlighter (a chunk it fetches the first time a
 * finished code block names a language it knows), so later renders highlight at once.
 */
export async function highlighterReady(): Promise<void> {
  defineParleyMarkdown();
  const el = document.createElement('parley-markdown');
  el.text = '```sql\nSELECT 1\n```';
  document.body.append(el);
  await vi.waitFor(() => expect(el.querySelector('.hljs-keyword')).not.toBeNull(), { timeout: 10_000 });
  el.remove();
}
