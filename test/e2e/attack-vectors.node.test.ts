import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { attackVectors as projectVectors, type AttackVector } from '../security/attack-vectors.js';
import { randomChunks, seededRandom } from '../security/random-chunks.js';
import { faults, useFaultGateway } from './support/fault-gateway.js';
import { pageProbeScript } from './support/page-probe.js';

/**
 * Issue 8, security: every attack vector streamed through the whole `<parley-chat>` (script tag,
 * real HTTP, native SSE) at random chunk sizes, the invariants checked after every chunk. The page
 * has NO CSP on purpose: a policy would block an inline handler even if the widget let one through,
 * and the `__xss` canary must be able to fire.
 */
/**
 * A reviewer's own corpus, not shared with the project, runs the same way:
 * `PARLEY_ATTACK_CORPUS=/path/to/vectors.json` (an array of `{ name, payload, chunks? }`).
 */
const attackVectors: AttackVector[] = process.env.PARLEY_ATTACK_CORPUS
  ? (JSON.parse(readFileSync(process.env.PARLEY_ATTACK_CORPUS, 'utf8')) as AttackVector[])
  : projectVectors;

let page: Page;
const requestsOutsideOrigin: string[] = [];

function seedOf(name: string): number {
  let hash = 2166136261;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619);
  return hash >>> 0;
}

const site = useFaultGateway((gateway) => {
  gateway.file('/__probe.js', 'text/javascript; charset=utf-8', pageProbeScript());
  gateway.page('/', { body: '<parley-chat endpoint="/api/chat" protocol="parley" persist="none"></parley-chat>', scripts: ['/__probe.js'] });
});

beforeAll(async () => {
  page = await site.browser.newPage();
  page.on('request', (request) => {
    if (!request.url().startsWith(site.gateway.origin)) requestsOutsideOrigin.push(request.url());
  });
  await page.goto(`${site.gateway.origin}/`);
  await page.waitForFunction(() => customElements.get('parley-chat') !== undefined && window.__probe !== undefined);
});

describe('<parley-chat> streaming hostile model output over real HTTP', { timeout: 30_000 }, () => {
  it("the project's corpus has at least 50 vectors", () => {
    expect(projectVectors.length).toBeGreaterThanOrEqual(50);
  });

  for (const vector of attackVectors) {
    it(vector.name, async () => {
      const random = seededRandom(seedOf(vector.name));
      const chunks = vector.chunks ?? randomChunks(vector.payload, random, vector.payload.length > 300 ? 64 : 12);
      site.gateway.script('', faults.hostile(chunks));
      const requestsBefore = site.gateway.chatRequests().length;
      const result = await page.evaluate(([name, list]) => window.__probe.streamHostile(name, list), [vector.name, chunks] as const);
      expect(result.problems).toEqual([]);
      expect(result.fired).toEqual([]);
      if (vector.name.startsWith('code:')) expect(result.text).toMatch(/<(img|script)/);
      expect(site.gateway.chatRequests().length - requestsBefore).toBe(1);
      expect(requestsOutsideOrigin).toEqual([]);
    });
  }

  it('hostile content in every other channel (reasoning, citations, action calls, progress steps, gateway errors) renders inert', async () => {
    const payload = '<img src=x onerror=__xss()><script>__xss()</script>[x](javascript:__xss())';
    site.gateway.script(
      '',
      faults.events(
        { type: 'start' },
        { type: 'reasoning-delta', delta: payload },
        { type: 'status', status: { id: 's1', label: payload, state: 'running', detail: payload } },
        { type: 'citation', citation: { id: '1', title: payload, url: 'javascript:__xss()', snippet: payload, source: payload, page: payload } },
        { type: 'citation', citation: { id: '2', title: 'data', url: 'data:text/html,<script>parent.__xss()</script>' } },
        { type: 'text-delta', delta: 'Answer [1] [2].' },
        { type: 'tool-call', toolCall: { id: 'call_1', name: '<img src=x onerror=__xss()>', args: { html: payload, nested: [payload, { deep: payload }] } } },
        { type: 'data', name: '<svg onload=__xss()>', data: { html: payload } },
        { type: 'error', error: { code: '<img src=x onerror=__xss()>', message: payload } },
      ),
    );
    // The reasoning disclosure is the widget's own <details>, not model output.
    const forbidden = await page.evaluate(() => window.__probe.defaultForbiddenElements.filter((name) => name !== 'details'));
    await page.evaluate((names) => {
      window.__probe.chat().clear();
      window.__probe.watch(names);
      return window.__probe.chat().send('every channel');
    }, forbidden);
    await page.evaluate(() => window.__probe.settled(window.__probe.chat()));
    expect(await page.evaluate((names) => window.__probe.unwatch(names), forbidden)).toEqual([]);
    const shown = await page.evaluate(() => window.__probe.modelOutput(window.__probe.chat()).map((root) => root.textContent).join(''));
    // Each channel arrived and shows the markup as text.
    expect(shown).toContain('The assistant wants to run “<img src=x onerror=__xss()>”');
    expect(shown).toContain('Sources');
    expect(shown).toContain('Answer 1 2.');
    expect(shown.split('<script>__xss()</script>').length - 1).toBeGreaterThanOrEqual(7);
    expect(await page.evaluate(() => window.__probe.fired)).toEqual([]);
    expect(requestsOutsideOrigin).toEqual([]);
  });

  it('the probe itself reports what a vulnerable widget would render', async () => {
    const problems = await page.evaluate(() => {
      const bubble = window.__probe.modelOutput(window.__probe.chat()).at(-1)!;
      const planted = document.createElement('a');
      planted.setAttribute('href', 'javascript:void 0');
      planted.setAttribute('onclick', 'void 0');
      bubble.append(planted);
      const found = window.__probe.unsafe(window.__probe.chat(), []);
      planted.remove();
      return found;
    });
    expect(problems.join('\n')).toContain('event handler attribute onclick');
    expect(problems.join('\n')).toContain('scheme javascript:');
  });

  it('ran no payload after the last vector either (deferred handlers, timers)', async () => {
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(await page.evaluate(() => window.__probe.fired)).toEqual([]);
    expect(requestsOutsideOrigin).toEqual([]);
  });
});
