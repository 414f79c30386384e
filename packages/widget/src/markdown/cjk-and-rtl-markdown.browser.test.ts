import { afterEach, describe, expect, it } from 'vitest';
import { markdownStyles } from './markdown-styles.js';
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

  it('keeps the numbers and the Chinese headers of a wide table whole (the table scrolls), in a bubble as narrow as the launcher panel', async () => {
    // An order table of six columns in the 380 px panel (a 354 px bubble): its cells were squeezed
    // to a few characters each and "5000" read "50 / 00", "0.02" "0.0 / 2", and a Chinese header or name one character a line.
    const host = document.createElement('div');
    host.style.width = '354px';
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [markdownStyles.styleSheet!];
    const el = document.createElement('parley-markdown');
    el.text =
      '| 采购单号 | 供应商名称 | 物料描述 | 数量 | 单价（元） | 交货日期 |\n|---|---|---|---|---|---|\n' +
      '| PO-20240601-0001 | 上海华东电子有限公司 | 电阻 10kΩ 0603 | 5000 | 0.02 | 2024-06-01 |\n' +
      '| PO-20240601-0002 | 深圳市宏达科技股份有限公司 | 电容 | 200 | 1.50 | 2024-06-15 |';
    root.append(el);
    document.body.append(host);
    await el.updateComplete;
    const lines = (cell: Element) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))).size;
    };
    const cells = Array.from(el.querySelectorAll('th, td'));
    const oneLine = cells.filter((cell) => /^[\d.]+$|^(供应商名称|交货日期)$/.test(cell.textContent!));
    expect(oneLine.map((cell) => cell.textContent)).toEqual(['供应商名称', '交货日期', '5000', '0.02', '200', '1.50']);
    expect(oneLine.filter((cell) => lines(cell) !== 1).map((cell) => cell.textContent)).toEqual([]);
  });
});

describe('<parley-markdown> with right-to-left text', () => {
  it('lays out an Arabic paragraph and list item right to left', async () => {
    const el = await mount('مرحبا بالعالم! هذا نص عربي.\n\n- البند الأول.');
    expect(getComputedStyle(el.querySelector('p')!).direction).toBe('rtl');
    expect(getComputedStyle(el.querySelector('li')!).direction).toBe('rtl');
  });
});
