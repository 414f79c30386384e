import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { render } from 'lit';
import { findUnsafeDom, normalizedMarkup } from '../../../../test/security/find-unsafe-dom.js';
import { randomChunks, seededRandom } from '../../../../test/security/random-chunks.js';
import { defineParleyMarkdown, type ParleyMarkdown } from './parley-markdown.js';
import type { MarkdownLabels } from './markdown-labels.js';
import { renderMarkdown } from './render-markdown.js';
import { highlightCode } from './highlight-code.js';
import { highlighterReady } from '../testing/highlighter-ready.js';
import { markdownLexerProbe } from './markdown-lexer.js';
import { longMarkdownAnswer } from '../../../../test/fixtures/long-markdown-answer.js';

defineParleyMarkdown();
// The references below highlight code as the element does once its highlighter is in.
beforeAll(highlighterReady);

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

async function mount(
  text: string,
  options: { imageHosts?: string[]; labels?: Partial<MarkdownLabels>; streaming?: boolean; parent?: Node } = {},
): Promise<ParleyMarkdown> {
  const el = document.createElement('parley-markdown');
  if (options.imageHosts) el.imageHosts = options.imageHosts;
  if (options.labels) el.labels = options.labels;
  el.streaming = options.streaming ?? false;
  el.text = text;
  (options.parent ?? document.body).appendChild(el);
  await el.updateComplete;
  return el;
}

const content = (el: ParleyMarkdown) => el.querySelector('.parley-markdown') as HTMLElement;

function oneShotMarkup(text: string, imageHosts: string[] = []): string {
  const reference = document.createElement('div');
  render(renderMarkdown(text, { imageHosts, highlight: highlightCode }), reference);
  return normalizedMarkup(reference);
}

async function frames(count = 2): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

describe('<parley-markdown> renders markdown as DOM', () => {
  it('renders headings, paragraphs, emphasis, strike-through, inline code, breaks and rules', async () => {
    const el = await mount('# Title\n\n### Sub\n\nSome **bold**, *em*, ~~gone~~ and `a < b`.  \nNext line\n\n---\n\nEnd');
    expect(el.querySelector('h1')?.textContent).toBe('Title');
    expect(el.querySelector('h3')?.textContent).toBe('Sub');
    expect(el.querySelector('p strong')?.textContent).toBe('bold');
    expect(el.querySelector('p em')?.textContent).toBe('em');
    expect(el.querySelector('p del')?.textContent).toBe('gone');
    expect(el.querySelector('p code')?.textContent).toBe('a < b');
    expect(el.querySelector('p br')).not.toBeNull();
    expect(el.querySelector('hr')).not.toBeNull();
    expect(content(el).lastElementChild?.textContent).toBe('End');
  });

  it('renders lists (ordered with start), nested lists, task lists and block quotes', async () => {
    const el = await mount('3. three\n4. four\n   - nested\n\n- [x] done\n- [ ] todo\n\n> quoted **text**');
    const ol = el.querySelector('ol')!;
    expect(ol.getAttribute('start')).toBe('3');
    expect(ol.querySelectorAll(':scope > li')).toHaveLength(2);
    expect(ol.querySelector('li ul li')?.textContent?.trim()).toBe('nested');
    const tasks = Array.from(el.querySelectorAll('li.parley-task'));
    expect(tasks.map((li) => li.textContent?.trim())).toEqual(['\u2611 done', '\u2610 todo']);
    expect(tasks[0]!.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('Done');
    expect(el.querySelector('input')).toBeNull();
    expect(el.querySelector('blockquote strong')?.textContent).toBe('text');
  });

  it('renders GFM tables with alignment as classes, not style attributes', async () => {
    const el = await mount('| Item | Qty | Note |\n|:-----|----:|:----:|\n| Bolts | 40 | *ok* |\n| Nuts | 2 | low |');
    const table = el.querySelector('.parley-table table')!;
    expect(Array.from(table.querySelectorAll('th'), (th) => th.textContent)).toEqual(['Item', 'Qty', 'Note']);
    expect(table.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(table.querySelector('tbody tr td:nth-child(2)')?.className).toBe('parley-align-right');
    expect(table.querySelector('tbody em')?.textContent).toBe('ok');
    expect(findUnsafeDom(el)).toEqual([]);
  });

  it('renders code blocks with a language label and shows HTML inside code as text', async () => {
    const el = await mount('```html\n<script>alert(1)</script>\n<b>x</b>\n```\n\n```\nplain\n```');
    const blocks = el.querySelectorAll('.parley-code');
    expect(blocks).toHaveLength(2);
    expect(blocks[0]!.querySelector('.parley-code-language')?.textContent).toBe('html');
    expect(blocks[0]!.querySelector('pre code')?.textContent).toBe('<script>alert(1)</script>\n<b>x</b>');
    expect(blocks[0]!.querySelector('script, b')).toBeNull();
    expect(blocks[1]!.querySelector('.parley-code-language')?.textContent).toBe('Code');
  });

  it('shows raw HTML, block and inline, as visible text', async () => {
    const el = await mount('<div onclick="x()">block <b>html</b></div>\n\nInline <img src=x onerror=y()> and <b>bold</b>.');
    expect(el.querySelector('.parley-raw-html')?.textContent).toContain('<div onclick="x()">block <b>html</b></div>');
    expect(el.querySelector('p')?.textContent).toBe('Inline <img src=x onerror=y()> and <b>bold</b>.');
    expect(el.querySelector('img, b, div[onclick]')).toBeNull();
  });

  it('decodes character references in text the way HTML would', async () => {
    const el = await mount('AT&amp;T &lt;tag&gt; &#169; &copy; &unknown; `&amp;`');
    expect(el.querySelector('p')?.textContent).toBe('AT&T <tag> © © &unknown; &amp;');
  });

  it('uses the translated labels it is given', async () => {
    const el = await mount('```\nx\n```\n\n![图](https://img.example/a.png) [1]', {
      labels: { copy: '复制', code: '代码', imageBlocked: '已阻止来自 {host} 的图片', citation: '来源 {id}' },
    });
    expect(el.querySelector('.parley-code-copy')?.textContent).toBe('复制');
    expect(el.querySelector('.parley-code-language')?.textContent).toBe('代码');
    expect(el.querySelector('.parley-image-blocked-notice')?.textContent).toBe('已阻止来自 img.example 的图片');
    expect(el.querySelector('.parley-citation-marker')?.getAttribute('aria-label')).toBe('来源 1');
  });
});

describe('link policy', () => {
  it('keeps http, https and mailto links, opening in a new tab without opener or referrer', async () => {
    const el = await mount('[site](https://example.com/a?b=1&amp;c=2 "Title") [plain](http://example.com) [mail](mailto:ops@example.com) <https://auto.example/x> www.gfm.example');
    const links = Array.from(el.querySelectorAll('a'));
    expect(links.map((a) => a.href)).toEqual([
      'https://example.com/a?b=1&c=2',
      'http://example.com/',
      'mailto:ops@example.com',
      'https://auto.example/x',
      'http://www.gfm.example/',
    ]);
    for (const a of links) {
      expect(a.target).toBe('_blank');
      expect(a.rel).toBe('noopener noreferrer');
    }
    expect(links[0]!.title).toBe('Title');
  });

  it('resolves reference-style links, including definitions that arrive after their use', async () => {
    const el = await mount('Read [the guide][g] and [faq].\n\n[g]: https://docs.example/guide\n[faq]: <https://docs.example/faq> "FAQ"');
    expect(Array.from(el.querySelectorAll('a'), (a) => [a.textContent, a.href])).toEqual([
      ['the guide', 'https://docs.example/guide'],
      ['faq', 'https://docs.example/faq'],
    ]);
  });

  it('resolves relative links against the page, so the checked URL is the one rendered', async () => {
    const el = await mount('[order](/orders/42)');
    expect(el.querySelector('a')?.getAttribute('href')).toBe(new URL('/orders/42', document.baseURI).href);
  });

  const dangerous = [
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java&#x09;script:alert(1)',
    'java&Tab;script:alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;avascript&#x3A;alert(1)',
    'javascript&colon;alert(1)',
    '\u0001javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'file:///etc/passwd',
    'blob:https://example.com/0f0f',
    '<javascript:alert(1)>',
  ];
  for (const destination of dangerous) {
    it(`renders [text](${JSON.stringify(destination)}) as plain text`, async () => {
      const el = await mount(`before [click here](${destination}) after\n\n[ref][r]\n\n[r]: ${destination}`);
      const hrefs = Array.from(el.querySelectorAll('a'), (a) => a.href);
      for (const href of hrefs) expect(['http:', 'https:', 'mailto:']).toContain(new URL(href).protocol);
      expect(el.querySelector('p')?.textContent).toContain('click here');
      expect(findUnsafeDom(el)).toEqual([]);
    });
  }

  it('renders an autolink to javascript: as text', async () => {
    const el = await mount('<javascript:alert(1)> and <vbscript:x>');
    expect(el.querySelector('a')).toBeNull();
  });
});

describe('image policy', () => {
  it('shows an inert placeholder naming the host and makes no request by default', async () => {
    const leak = `${location.origin}/leak-default.png?secret=1`;
    const el = await mount(`![quarterly chart](${leak})\n\n![ref][i]\n\n[i]: //${location.host}/leak-ref.png`);
    await frames();
    expect(el.querySelector('img')).toBeNull();
    const placeholders = Array.from(el.querySelectorAll('.parley-image-blocked'));
    expect(placeholders).toHaveLength(2);
    expect(placeholders[0]!.textContent).toContain(`Image blocked from ${location.host}`);
    expect(placeholders[0]!.textContent).toContain('quarterly chart');
    expect(placeholders[0]!.getAttribute('role')).toBe('img');
    const requested = performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/leak-'));
    expect(requested).toEqual([]);
  });

  it('loads images only from exactly the allowed hosts', async () => {
    const allowed = `${location.origin}/allowed-image.png`;
    const otherHost = `http://127.0.0.1:${location.port}/not-allowed-image.png`;
    const el = await mount(`![ok](${allowed}) ![no](${otherHost}) ![data](data:image/png;base64,iVBORw0KGgo=)`, {
      imageHosts: [location.host],
    });
    const images = Array.from(el.querySelectorAll('img'));
    expect(images.map((img) => img.src)).toEqual([allowed]);
    expect(images[0]!.alt).toBe('ok');
    expect(images[0]!.referrerPolicy).toBe('no-referrer');
    expect(el.querySelectorAll('.parley-image-blocked')).toHaveLength(2);
    await vi.waitFor(() => {
      expect(performance.getEntriesByType('resource').some((entry) => entry.name === allowed)).toBe(true);
    });
    expect(performance.getEntriesByType('resource').some((entry) => entry.name.includes('not-allowed-image'))).toBe(false);
  });

  it('re-renders when the allow-list changes', async () => {
    const src = `${location.origin}/later-allowed.png`;
    const el = await mount(`![x](${src})`);
    expect(el.querySelector('img')).toBeNull();
    el.imageHosts = [location.host.toUpperCase()];
    await el.updateComplete;
    expect(el.querySelector('img')?.src).toBe(src);
  });
});

describe('code copy button', () => {
  it('copies the visible code and says so', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined);
    const el = await mount('```ts\nconst a = "<b>";\n```');
    el.querySelector<HTMLButtonElement>('.parley-code-copy')!.click();
    await vi.waitFor(() => expect(el.querySelector('.parley-code-status')?.textContent).toBe('Copied'));
    expect(writeText).toHaveBeenCalledWith('const a = "<b>";');
  });

  it('falls back to a selection copy when the Clipboard API refuses', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('denied', 'NotAllowedError'));
    let copied = '';
    vi.spyOn(document, 'execCommand').mockImplementation((command) => {
      copied = command === 'copy' ? (document.activeElement as HTMLTextAreaElement).value : '';
      return true;
    });
    const el = await mount('```\nline 1\nline 2\n```');
    el.querySelector<HTMLButtonElement>('.parley-code-copy')!.click();
    await vi.waitFor(() => expect(el.querySelector('.parley-code-status')?.textContent).toBe('Copied'));
    expect(copied).toBe('line 1\nline 2');
    expect(document.querySelector('textarea')).toBeNull();
  });

  it('reports a failed copy', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('no'));
    vi.spyOn(document, 'execCommand').mockReturnValue(false);
    const el = await mount('```\nx\n```');
    el.querySelector<HTMLButtonElement>('.parley-code-copy')!.click();
    await vi.waitFor(() => expect(el.querySelector('.parley-code-status')?.textContent).toBe('Copy failed'));
  });
});

describe('citation markers', () => {
  it('turns [1], [^2], 【3】, [4][5] and [6, 7] into marker buttons', async () => {
    const el = await mount('Revenue grew [1], costs fell [^2], 据报道【3】, see [4][5] and [6, 7].');
    const markers = Array.from(el.querySelectorAll<HTMLButtonElement>('button.parley-citation-marker'));
    expect(markers.map((b) => b.dataset.citationId)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(markers.map((b) => b.textContent)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(markers[0]!.getAttribute('aria-label')).toBe('Source 1');
    expect(markers[0]!.type).toBe('button');
  });

  it('leaves code, links, escaped brackets and footnote definitions alone', async () => {
    const el = await mount('`arr[1]` and [1](https://example.com/one) and \\[2] and [see above]\n\n```\nx[3]\n```\n\n[^4]: The source text.');
    expect(el.querySelectorAll('.parley-citation-marker')).toHaveLength(0);
    expect(el.querySelector('a')?.textContent).toBe('1');
    expect(el.textContent).toContain('[^4]: The source text.');
  });

  it('dispatches a bubbling, composed parley-citation-marker event with the id', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const el = await mount('Answer [2].', { parent: shadow });
    const seen: string[] = [];
    host.addEventListener('parley-citation-marker', (event) => seen.push(event.detail.id));
    el.querySelector<HTMLButtonElement>('.parley-citation-marker')!.click();
    expect(seen).toEqual(['2']);
  });
});

describe('citation markers and the sources they name', () => {
  const buttons = (el: ParleyMarkdown) => Array.from(el.querySelectorAll<HTMLButtonElement>('button.parley-citation-marker')).map((b) => b.dataset.citationId);

  it('shows a marker naming no source as written, not as a button', async () => {
    const el = document.createElement('parley-markdown');
    el.sources = ['c1', '1'];
    el.text = 'Shipped [1], see [9] and 【9】.';
    document.body.append(el);
    await el.updateComplete;
    expect(buttons(el)).toEqual(['1']);
    expect(el.textContent).toBe('Shipped 1, see [9] and 【9】.');
  });

  it('turns a marker into a button when its source arrives, in a finished block and in a finished answer', async () => {
    const el = document.createElement('parley-markdown');
    el.sources = [];
    el.streaming = true;
    el.text = 'Revenue grew [1].\n\nCosts fell [2].\n\nMore';
    document.body.append(el);
    await vi.waitFor(() => expect(el.textContent).toContain('More'));
    const first = el.querySelector('p')!;
    expect(buttons(el)).toEqual([]);
    expect(first.textContent).toBe('Revenue grew [1].');

    el.sources = ['1'];
    await vi.waitFor(() => expect(buttons(el)).toEqual(['1']));
    // The finished block was updated in place, not rebuilt.
    expect(el.querySelector('p')).toBe(first);
    expect(first.textContent).toBe('Revenue grew 1.');

    el.text += ' text.';
    el.streaming = false;
    await el.updateComplete;
    el.sources = ['1', '2'];
    await el.updateComplete;
    expect(buttons(el)).toEqual(['1', '2']);
    expect(el.textContent).toBe('Revenue grew 1.Costs fell 2.More text.');
  });
});

describe('a finished answer', () => {
  const markers = (el: Element) => {
    const walker = document.createTreeWalker(content(el as ParleyMarkdown), NodeFilter.SHOW_COMMENT);
    let count = 0;
    while (walker.nextNode()) count++;
    return count;
  };
  const text = '# Plan\n\nSome **bold** and `code` [1].\n\n- one\n- two\n\n```js\nx();\n```\n\n| A | B |\n|---|---|\n| 1 | 2 |';

  // A restored history holds a thousand answers: the markers Lit keeps for updates it will never
  // make were about half of their DOM nodes (bench/PROFILE.md §2).
  it('keeps no render markers, restored or streamed to its end', async () => {
    const restored = await mount(text);
    expect(markers(restored)).toBe(0);
    expect(normalizedMarkup(content(restored))).toBe(oneShotMarkup(text));
    const streamed = await mount('', { streaming: true });
    for (const chunk of randomChunks(text, seededRandom(5), 12)) {
      streamed.text += chunk;
      await streamed.updateComplete;
    }
    expect(markers(streamed)).toBeGreaterThan(0);
    streamed.streaming = false;
    await streamed.updateComplete;
    expect(markers(streamed)).toBe(0);
    expect(normalizedMarkup(content(streamed))).toBe(oneShotMarkup(text));
  });

  it('still follows a later change of its text, labels or streaming state', async () => {
    const el = await mount(text);
    el.text += '\n\nOne more paragraph.';
    await el.updateComplete;
    expect(normalizedMarkup(content(el))).toBe(oneShotMarkup(`${text}\n\nOne more paragraph.`));
    el.labels = { copy: 'Kopieren' };
    await el.updateComplete;
    expect(el.querySelector('.parley-code-copy')?.textContent).toBe('Kopieren');
    el.streaming = true;
    el.text += ' It goes on';
    await el.updateComplete;
    el.text += ' and on.';
    el.streaming = false;
    await el.updateComplete;
    expect(content(el).lastElementChild?.textContent).toBe('One more paragraph. It goes on and on.');
    expect(el.querySelectorAll('.parley-code')).toHaveLength(1);
  });

  // <parley-chat> marks an answer's last text streaming again when the turn resumes after an
  // approved action, before the next model call writes anything: nothing the person is on may go.
  it('keeps its DOM, and the focus in it, when only its streaming state changes', async () => {
    const el = await mount(text);
    const copy = el.querySelector<HTMLButtonElement>('.parley-code-copy')!;
    copy.focus();
    el.streaming = true;
    await el.updateComplete;
    await frames();
    el.streaming = false;
    await el.updateComplete;
    expect(el.querySelector('.parley-code-copy')).toBe(copy);
    expect(document.activeElement).toBe(copy);
    expect(normalizedMarkup(content(el))).toBe(oneShotMarkup(text));
  });
});

describe('streaming', () => {
  it('renders an unclosed code fence as a code block in progress, then as a finished one', async () => {
    const el = await mount('Here:\n\n```js\nconst x = 1;\n', { streaming: true });
    const block = el.querySelector('.parley-code')!;
    expect(block.classList.contains('parley-code-streaming')).toBe(true);
    expect(block.querySelector('code')?.textContent).toBe('const x = 1;');
    el.text += 'const y = 2;\n```\n\nDone.';
    el.streaming = false;
    await el.updateComplete;
    expect(el.querySelector('.parley-code-streaming')).toBeNull();
    expect(el.querySelector('.parley-code code')?.textContent).toBe('const x = 1;\nconst y = 2;');
  });

  it('keeps the DOM of finished blocks while the answer grows', async () => {
    const el = await mount('# Heading\n\nFirst paragraph.\n\nSecond', { streaming: true });
    const heading = el.querySelector('h1');
    const first = el.querySelector('p');
    el.text += ' paragraph grows.\n\n- a list\n';
    await el.updateComplete;
    el.text += '- more\n\nEnd.';
    el.streaming = false;
    await el.updateComplete;
    expect(el.querySelector('h1')).toBe(heading);
    expect(el.querySelector('p')).toBe(first);
    expect(el.querySelectorAll('li')).toHaveLength(2);
  });

  it('re-renders everything when the text is replaced rather than extended', async () => {
    const el = await mount('# One\n\nalpha\n\nbeta');
    el.text = '# Two\n\ngamma';
    await el.updateComplete;
    expect(normalizedMarkup(content(el))).toBe(oneShotMarkup('# Two\n\ngamma'));
  });

  it('never lexes or rebuilds a finished block while 20,000 characters arrive in 4,000 chunks', async () => {
    const doc = longMarkdownAnswer(20_000);
    const el = await mount('', { streaming: true });
    let text = '';
    let lastStart = 0;
    let lexes = 0;
    const problems: string[] = [];
    markdownLexerProbe.onLex = (source) => {
      lexes++;
      const start = text.length - source.length;
      if (!text.endsWith(source)) problems.push(`lexed something other than the open tail at ${text.length}`);
      if (start < lastStart) problems.push(`re-lexed from ${start} after text up to ${lastStart} had settled`);
      lastStart = start;
    };
    let firstHeading: Element | null = null;
    try {
      for (let index = 0; index < 4000; index++) {
        text += doc.slice(index * 5, index * 5 + 5);
        el.text = text;
        // A network delivers chunks in bursts; the element renders once per frame whatever the burst size.
        if (index % 20 === 19) await el.updateComplete;
        if (!firstHeading) firstHeading = el.querySelector('h2');
      }
      el.streaming = false;
      await el.updateComplete;
    } finally {
      markdownLexerProbe.onLex = null;
    }
    expect(problems).toEqual([]);
    expect(lexes).toBeLessThanOrEqual(4000 / 20 + 1);
    expect(el.querySelector('h2')).toBe(firstHeading);
    expect(normalizedMarkup(content(el))).toBe(oneShotMarkup(doc));
  });

  it('ends, after random chunks, exactly as a one-shot render, with safe DOM after every chunk', async () => {
    const doc = longAnswer(6);
    for (const seed of [1, 2, 3]) {
      const el = await mount('', { streaming: true, imageHosts: ['img.example'] });
      const chunks = randomChunks(doc, seededRandom(seed), 40);
      let text = '';
      for (const chunk of chunks) {
        text += chunk;
        el.text = text;
        await el.updateComplete;
        expect(findUnsafeDom(el, { imageHosts: ['img.example'] })).toEqual([]);
      }
      el.streaming = false;
      await el.updateComplete;
      expect(normalizedMarkup(content(el))).toBe(oneShotMarkup(doc, ['img.example']));
      const oneShot = await mount(doc, { imageHosts: ['img.example'] });
      expect(normalizedMarkup(content(el))).toBe(normalizedMarkup(content(oneShot)));
      el.remove();
      oneShot.remove();
    }
  });
});

/** Like the bench's answer, but with reference definitions after their use (they reach back). */
function longAnswer(sections: number): string {
  const parts: string[] = [];
  for (let i = 1; i <= sections; i++) {
    parts.push(
      `## Section ${i}: results [${i}]`,
      `Paragraph ${i} has **bold**, *emphasis*, \`code\`, a [link](https://example.com/${i}) and a citation【${i}】. ` +
        'It continues for a while so that blocks are longer than one chunk, with more words and ' +
        'more clauses, including AT&amp;T and <b>raw html</b> shown as text.',
      `1. first step ${i}\n2. second step with [^${i}]\n   - nested detail\n3. third step`,
      `| Metric | Q${i} | Change |\n|:--|--:|:-:|\n| Revenue | ${i}00 | +${i}% |\n| Cost | ${i}0 | -1% |`,
      `\`\`\`ts\nfunction step${i}(x: number): string {\n  return \`<div>\${x}</div>\`;\n}\n\`\`\``,
      `> A quote with a [reference][ref${i}] and ![chart](https://img.example/c${i}.png) and ![x](https://evil.example/${i}.png)`,
      `- [x] done ${i}\n- [ ] open ${i}`,
      `[ref${i}]: https://docs.example/${i}`,
      '---',
    );
  }
  return parts.join('\n\n') + '\n\nThe end.';
}
