import { afterEach, describe, expect, it } from 'vitest';
import { defineParleyMarkdown, type ParleyMarkdown } from './parley-markdown.js';

/**
 * (SECURITY-NOTES §1 test 5 "safe links still work", §6 readability): Chinese model output
 * puts no spaces around bold markers or after URLs, and Arabic / Hebrew answers need their own
 * direction. Each case is what a zh-CN or RTL reader sees in real Chromium.
 */
defineParleyMarkdown();
afterEach(() => document.body.replaceChildren());

async function mount(text: string): Promise<ParleyMarkdown> {
  const el = document.createElement('parley-markdown');
  el.text = text;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

describe('<parley-markdown> with Chinese text', () => {
  it('makes bold of **…** that ends in full-width punctuation and runs straight into the next word', async () => {
    // The commonest shape in Chinese answers: "**注意：**请…" and "这是**“重要”**的…".
    const el = await mount('**注意：**请在周五前提交。\n\n这是**“重要”**的事情。');
    expect(Array.from(el.querySelectorAll('strong'), (strong) => strong.textContent)).toEqual(['注意：', '“重要”']);
    expect(el.textContent).not.toContain('**');
  });

  it('ends a bare URL at full-width punctuation: the link goes where the text says, the sentence stays text', async () => {
    const el = await mount('请见 https://example.com/docs，然后点击下一步。');
    const link = el.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://example.com/docs');
    expect(link.textContent).toBe('https://example.com/docs');
    expect(el.textContent).toBe('请见 https://example.com/docs，然后点击下一步。');
  });
});

describe('<parley-markdown> with right-to-left text', () => {
  it('lays out an Arabic paragraph and list item right to left', async () => {
    const el = await mount('مرحبا بالعالم! هذا نص عربي.\n\n- البند الأول.');
    expect(getComputedStyle(el.querySelector('p')!).direction).toBe('rtl');
    expect(getComputedStyle(el.querySelector('li')!).direction).toBe('rtl');
  });
});
