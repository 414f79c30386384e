import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'lit';
import { defineParleyMarkdown, type ParleyMarkdown } from './parley-markdown.js';
import { markdownStyles } from './markdown-styles.js';
import { renderMarkdown } from './render-markdown.js';
import { highlightCode } from './highlight-code.js';
import { highlighterReady } from '../testing/highlighter-ready.js';

// Code is highlighted on both sides, as in a page whose highlighter is in.
beforeAll(highlighterReady);
import { longMarkdownAnswer } from '../../../../test/fixtures/long-markdown-answer.js';

// <parley-markdown> moves settled blocks into pages that skip rendering while far from view. A
// page contains its layout (margins stop collapsing at its edge): the answer must still look
// exactly like the same text rendered at once, with no pages.

defineParleyMarkdown();

afterEach(() => {
  document.body.replaceChildren();
  document.adoptedStyleSheets = [];
});

/** Paragraphs, runs of paragraphs, headings, lists, tables, code and rules in a fixed rotation. */
function variedAnswer(sections: number): string {
  const blocks: string[] = [];
  for (let i = 1; i <= sections; i++) {
    blocks.push(
      `Paragraph ${i}a with **bold** text and a [link](https://example.com/${i}) that wraps over more than one line here.`,
      `Paragraph ${i}b follows a paragraph directly, again long enough to wrap in a narrow column.`,
      `## Heading ${i}`,
      `Paragraph ${i}c after a heading.`,
      `- item one of ${i}\n- item two of ${i}`,
      `| A | B |\n|---|---|\n| ${i} | ${i * 2} |`,
      `1. loose step ${i}\n\n2. second loose step`,
      '```\ncode line\n```',
      `> quoted ${i}`,
      `Paragraph ${i}d ends the section.`,
      '---',
    );
  }
  return blocks.join('\n\n');
}

/** Each block's tag and top edge (px from the answer's top), in document order, pages left out. */
function blockTops(root: Element): string[] {
  const top = root.getBoundingClientRect().top;
  const blocks = root.querySelectorAll(':scope > :not(.parley-markdown-page), :scope > .parley-markdown-page > *');
  return Array.from(blocks, (block) => `${block.tagName} ${(block.getBoundingClientRect().top - top).toFixed(2)}`);
}

async function streamed(text: string): Promise<HTMLElement> {
  const el = document.createElement('parley-markdown') as ParleyMarkdown;
  el.streaming = true;
  el.style.cssText = 'display:block;width:360px';
  document.body.append(el);
  for (let end = 7; end < text.length + 7; end += 7) {
    el.text = text.slice(0, end);
    if (end % 140 === 0) await el.updateComplete;
  }
  el.streaming = false;
  await el.updateComplete;
  return el.querySelector('.parley-markdown') as HTMLElement;
}

function oneShot(text: string): HTMLElement {
  const reference = document.createElement('div');
  reference.className = 'parley-markdown';
  reference.style.cssText = 'width:360px';
  render(renderMarkdown(text, { highlight: highlightCode }), reference);
  document.body.append(reference);
  return reference;
}

describe('pages of settled blocks', () => {
  for (const [name, text] of [
    ['varied blocks', variedAnswer(12)],
    ['the long fixture answer', longMarkdownAnswer(12_000)],
  ] as const) {
    it(`lay out ${name} exactly like a one-shot render`, async () => {
      // Done pages keep the containment content-visibility gives them, but all are shown here:
      // pages far below the window were never on screen and would only have a placeholder height.
      const shown = new CSSStyleSheet();
      shown.replaceSync('.parley-markdown-page-done { content-visibility: visible; contain: layout style paint; }');
      document.adoptedStyleSheets = [markdownStyles.styleSheet!, shown];
      const paged = await streamed(text);
      const reference = oneShot(text);
      expect(paged.querySelectorAll('.parley-markdown-page-done').length).toBeGreaterThan(2);
      expect(blockTops(paged)).toEqual(blockTops(reference));
      expect(paged.getBoundingClientRect().height).toBe(reference.getBoundingClientRect().height);
    });
  }
});

describe('moving a settled block into its page', () => {
  it('keeps keyboard focus on a link in it', async () => {
    const el = document.createElement('parley-markdown') as ParleyMarkdown;
    el.streaming = true;
    document.body.append(el);
    el.text = 'Read [the guide](https://docs.example/guide) first.';
    await el.updateComplete;
    const link = el.querySelector('a')!;
    link.focus();
    expect(document.activeElement).toBe(link);

    el.text += '\n\nThe next paragraph starts, so the first one settles.\n';
    await el.updateComplete;
    expect(link.closest('.parley-markdown-page')).not.toBeNull();
    expect(link.isConnected).toBe(true);
    expect(document.activeElement).toBe(link);
  });
});
