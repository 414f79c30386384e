import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineParleyMarkdown, type ParleyMarkdown } from './parley-markdown.js';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';

// A file of its own: the highlighter is a chunk fetched once per page, and these tests start
// without it (each browser test file runs in a fresh page).
defineParleyMarkdown();
const gateway = useMockGateway();

afterEach(() => document.body.replaceChildren());

async function mount(text: string, streaming = false): Promise<ParleyMarkdown> {
  const el = document.createElement('parley-markdown');
  el.streaming = streaming;
  el.text = text;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

// Every module the test page loaded fills the default buffer of 250 entries: room for what these tests fetch.
performance.clearResourceTimings();
performance.setResourceTimingBufferSize(100_000);
const highlighterFetched = () => performance.getEntriesByType('resource').some((entry) => /highlight-code/.test(entry.name));
const frames = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
};

describe('code highlighting', () => {
  it('is never fetched for code in a language it does not know, or in none', async () => {
    const el = await mount('```text\nPO-1  ACME  10\n```\n\n```csv\nid,qty\n1,10\n```\n\n```\nplain\n```\n\n    indented');
    await frames(5);
    expect(el.querySelectorAll('.parley-code')).toHaveLength(4);
    expect(el.querySelector('[class^="hljs-"]')).toBeNull();
    expect(highlighterFetched()).toBe(false);
  });

  it('arrives for blocks shown plain meanwhile: a finished answer and the settled blocks of one still streaming', async () => {
    const code = "SELECT supplier, SUM(qty) AS total -- open orders\nFROM po WHERE note = '<img src=x onerror=alert(1)>'";
    const finished = await mount(`Query:\n\n\`\`\`sql\n${code}\n\`\`\`\n\nDone.`);
    const streaming = await mount('Run:\n\n```python\ndef total(lines):\n    return sum(line.qty for line in lines)\n```\n\nThen', true);
    // Shown at once, as plain code: nothing waits for the highlighter.
    expect(finished.querySelector('pre code')!.textContent).toBe(code);
    // Someone already reading it keeps their place: focus stays on its Copy button.
    const copy = finished.querySelector<HTMLButtonElement>('.parley-code-copy')!;
    copy.focus();

    await vi.waitFor(() => expect(finished.querySelector('.hljs-keyword')?.textContent).toBe('SELECT'), { timeout: 10_000 });
    const sql = finished.querySelector('pre code')!;
    expect(sql.querySelector('.hljs-comment')?.textContent).toBe('-- open orders');
    // Model text stays text: the markup in the string is a string token, not an element.
    expect(sql.querySelector('.hljs-string')?.textContent).toBe("'<img src=x onerror=alert(1)>'");
    expect(finished.querySelector('img')).toBeNull();
    expect(sql.textContent).toBe(code);
    expect(highlighterFetched()).toBe(true);
    expect(copy.isConnected).toBe(true);
    expect(document.activeElement).toBe(copy);
    expect([...sql.querySelectorAll('*')].every((node) => node.tagName === 'SPAN' && node.getAttributeNames().join() === 'class')).toBe(true);

    // The closed python block had settled while the answer went on streaming.
    await vi.waitFor(() => expect(streaming.querySelector('.hljs-keyword')?.textContent).toBe('def'));
    expect(streaming.querySelector('.hljs-title')?.textContent).toBe('total');
  });

  it('leaves a block plain while it streams, also inside a list, and highlights it once it is closed', async () => {
    const el = await mount('Steps:\n\n```bash\nfor f in *.csv; do\n  import "$f"', true);
    await frames(2);
    expect(el.querySelector('.parley-code-streaming')).not.toBeNull();
    expect(el.querySelector('pre code [class^="hljs-"]')).toBeNull();
    el.text += '\ndone\n```\n\nAnd then check the log.';
    await vi.waitFor(() => expect(el.querySelector('pre code .hljs-keyword')?.textContent).toBe('for'));
    expect(el.querySelector('pre code')!.textContent).toBe('for f in *.csv; do\n  import "$f"\ndone');

    // In a list item: an unterminated string would colour the rest of the block, frame after frame.
    el.text += "\n\n1. Then check:\n\n   ```sql\n   SELECT name FROM po WHERE note = 'abc";
    await frames(3);
    expect(el.querySelectorAll('pre code')).toHaveLength(2);
    expect(el.querySelectorAll('pre code')[1]!.querySelector('[class^="hljs-"]')).toBeNull();
    el.text += "'\n   ```\n\nDone.";
    await vi.waitFor(() => expect(el.querySelectorAll('pre code')[1]!.querySelector('.hljs-string')?.textContent).toBe("'abc'"));
  });

  it('uses the theme’s palette inside <parley-chat>: light, dark, and the text colour in high contrast', async () => {
    gateway.serve(gatewayUrl, () =>
      sse([
        { type: 'text-delta', delta: '```sql\nSELECT 1\n```' },
        { type: 'finish', reason: 'stop' },
      ]),
    );
    const keywordColour = async (theme: string) => {
      const el = await mountChat({ theme });
      await el.send('SQL?');
      const keyword = await vi.waitFor(() => {
        const found = shadowPart(el, '.hljs-keyword');
        expect(found).not.toBeNull();
        return found!;
      });
      const colours = { keyword: getComputedStyle(keyword).color, text: getComputedStyle(keyword.closest('.parley-code')!).color };
      el.remove();
      return colours;
    };
    expect((await keywordColour('light')).keyword).toBe('rgb(207, 34, 46)');
    expect((await keywordColour('dark')).keyword).toBe('rgb(255, 123, 114)');
    const contrast = await keywordColour('high-contrast');
    expect(contrast.keyword).toBe(contrast.text);
  });
});
