import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { render } from 'lit';
import fc from 'fast-check';
import { attackVectors } from '../../../../test/security/attack-vectors.js';
import { findUnsafeDom, normalizedMarkup } from '../../../../test/security/find-unsafe-dom.js';
import { randomChunks, seededRandom } from '../../../../test/security/random-chunks.js';
import { defineParleyMarkdown, type ParleyMarkdown } from './parley-markdown.js';
import { renderMarkdown } from './render-markdown.js';
import { highlightCode } from './highlight-code.js';
import { highlighterReady } from '../testing/highlighter-ready.js';

defineParleyMarkdown();

declare global {
  interface Window {
    __xss?: () => void;
  }
}

const fired: string[] = [];
let current = '';

beforeAll(async () => {
  window.__xss = () => fired.push(current);
  // Code in the vectors is highlighted, as in a page whose highlighter is in.
  await highlighterReady();
});
afterAll(() => {
  delete window.__xss;
  document.body.replaceChildren();
});

function seedOf(name: string): number {
  let hash = 2166136261;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619);
  return hash >>> 0;
}

async function frames(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Requests a page could make because of model output (module loads by the test runner are scripts). */
function outputRequests(): string[] {
  return performance
    .getEntriesByType('resource')
    .filter((entry) => {
      const initiator = (entry as PerformanceResourceTiming).initiatorType;
      return entry.name.includes('attacker.example') || ['img', 'image', 'css', 'link', 'iframe', 'object', 'embed', 'video', 'input'].includes(initiator);
    })
    .map((entry) => entry.name);
}

async function stream(el: ParleyMarkdown, chunks: readonly string[], streaming: boolean): Promise<string[]> {
  const problems: string[] = [];
  let text = '';
  el.streaming = streaming;
  el.text = '';
  await el.updateComplete;
  for (const [index, chunk] of chunks.entries()) {
    text += chunk;
    el.text = text;
    await el.updateComplete;
    for (const problem of findUnsafeDom(el)) problems.push(`after chunk ${index} (${JSON.stringify(text)}): ${problem}`);
  }
  el.streaming = false;
  await el.updateComplete;
  for (const problem of findUnsafeDom(el)) problems.push(`final: ${problem}`);
  return problems;
}

describe('the invariant checker', () => {
  it('reports what a vulnerable renderer would produce', () => {
    // An inert document: its <img> never loads, so this self-test makes no request either.
    const inert = document.implementation.createHTMLDocument('');
    const sample = inert.createElement('div');
    const img = inert.createElement('img');
    img.setAttribute('src', 'https://attacker.example/x.png');
    img.setAttribute('onerror', 'void 0');
    const link = inert.createElement('a');
    link.setAttribute('href', 'javascript:void 0');
    const styled = inert.createElement('span');
    styled.setAttribute('style', 'color:red');
    sample.append(img, link, styled, inert.createElementNS('http://www.w3.org/2000/svg', 'svg'));
    const problems = findUnsafeDom(sample).join('\n');
    for (const expected of ['event handler attribute onerror', 'image from a host that is not allowed', 'scheme javascript:', 'attribute style', 'forbidden element <svg>']) {
      expect(problems).toContain(expected);
    }
  });
});

describe('<parley-markdown> under attack: every vector, streamed, after every chunk', () => {
  expect(attackVectors.length).toBeGreaterThanOrEqual(60);

  for (const vector of attackVectors) {
    it(vector.name, async () => {
      current = vector.name;
      const before = outputRequests().length;
      const el = document.createElement('parley-markdown');
      document.body.append(el);
      const random = seededRandom(seedOf(vector.name));
      const problems = [
        ...(await stream(el, vector.chunks ?? randomChunks(vector.payload, random, 7), true)),
        // Character by character (short payloads; long ones in bigger random pieces to bound the run time).
        ...(await stream(el, vector.payload.length <= 300 ? Array.from(vector.payload) : randomChunks(vector.payload, random, 64), false)),
      ];
      expect(problems).toEqual([]);

      const reference = document.createElement('div');
      render(renderMarkdown(vector.payload, { highlight: highlightCode }), reference);
      expect(normalizedMarkup(el.querySelector('.parley-markdown')!)).toBe(normalizedMarkup(reference));
      if (vector.name.startsWith('code:')) expect(el.textContent).toMatch(/<(img|script)/);
      await frames(2);
      expect(fired).toEqual([]);
      expect(outputRequests().slice(before)).toEqual([]);
      el.remove();
    });
  }
});

describe('renderMarkdown on fuzzed mixes of attack fragments', () => {
  it('never produces unsafe DOM or runs a payload', async () => {
    const pieces = attackVectors.flatMap((vector) => vector.payload.split(/(?<=[\s>)\]])/));
    const markdown = [...'\n\n', '\n', '> ', '- ', '1. ', '| a |\n|---|\n| ', '```\n', '`', '[', '](', ')', '![', '<', '&#', ';', '"', "'", '*', '_'];
    current = 'fuzz';
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...pieces, ...markdown), { maxLength: 30 }), async (parts) => {
        const host = document.createElement('div');
        document.body.append(host);
        render(renderMarkdown(parts.join(''), { imageHosts: [] }), host);
        const problems = findUnsafeDom(host);
        host.remove();
        expect(problems).toEqual([]);
      }),
      { numRuns: 500, seed: 424242 },
    );
    await frames(2);
    expect(fired).toEqual([]);
  });
});
