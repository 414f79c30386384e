import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { faults, useFaultGateway } from './support/fault-gateway.js';
import { openPage } from './support/open-page.js';

/**
 * Issue 8, accessibility: axe-core inside the shadow roots on every state, a keyboard-only
 * conversation with visible focus throughout, one announcement per answer, 320 px, 200 % zoom
 * and forced colours, all on the script-tag page over real HTTP.
 */
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const citedAnswer = faults.events(
  { type: 'start' },
  { type: 'citation', citation: { id: '1', title: 'Shipping log', url: '/doc/shipping-log', source: 'ERP', page: 4, snippet: 'Shipped on 3 May' } },
  { type: 'text-delta', delta: 'The order shipped on 3 May [1].\n\n| Item | Qty |\n|---|---|\n| Laptop | 10 |\n\n' },
  { type: 'text-delta', delta: '```ts\nconst order = await erp.purchaseOrders.find({ id: "PO-2025-0117", includeLines: true, includeHistory: true });\n```\n' },
  { type: 'finish', reason: 'stop' },
);
const actionAnswer = faults.events(
  { type: 'start' },
  { type: 'text-delta', delta: 'I can create that order.' },
  { type: 'tool-call', toolCall: { id: 'call_1', name: 'create_po', args: { vendor: 'ACME', qty: 10 } } },
  { type: 'finish', reason: 'tool-calls' },
);

const actions = () => {
  const el = document.querySelector('parley-chat') as HTMLElement & { actions: unknown };
  el.actions = {
    create_po: {
      title: 'Create purchase order',
      description: 'Creates a purchase order',
      parameters: { type: 'object', properties: { vendor: { type: 'string' }, qty: { type: 'number' } } },
      run: () => ({ id: 'PO-2026-0142' }),
    },
  };
};

const site = useFaultGateway(
  (gateway) => {
    gateway.page('/', { body: '<h1>Orders</h1><parley-chat endpoint="/api/chat" protocol="parley"></parley-chat>' });
    gateway.page('/launcher', { body: '<h1>Orders</h1><parley-chat endpoint="/api/chat" protocol="parley" mode="launcher"></parley-chat>' });
    gateway.page('/doc/shipping-log', { body: '<h1>Shipping log</h1>' });
  },
  { reset: true },
);

const chat = (page: Page) => page.locator('parley-chat');
const answers = (page: Page) => chat(page).locator('[part~="message"][part~="assistant"]');

async function ask(page: Page, text: string): Promise<void> {
  await chat(page).locator('[part~="input"]').fill(text);
  await chat(page).locator('[part~="input"]').press('Enter');
}

/** axe on the whole document (it descends into open shadow roots); violations as readable lines. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath });
  const { violations, shadowNodesPassed } = await page.evaluate(async () => {
    type Result = { id: string; help: string; nodes: Array<{ target: unknown[] }> };
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
    const results = await axe.run(document);
    return {
      violations: results.violations.map((violation) => `${violation.id} (${violation.help}): ${violation.nodes.map((node) => JSON.stringify(node.target)).join(', ')}`),
      // A node inside a shadow root has a nested selector path ([["parley-chat", "button"]]).
      shadowNodesPassed: results.passes.flatMap((pass) => pass.nodes).filter((node) => Array.isArray(node.target[0])).length,
    };
  });
  // Proof that axe looked inside the element, not only at the light DOM around it.
  expect(shadowNodesPassed).toBeGreaterThan(10);
  return violations;
}

/** The focused element through shadow roots, and whether its focus indicator is visible. */
function focusState(page: Page): Promise<{ element: string; visible: boolean }> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active || active === document.body) return { element: 'body', visible: false };
    const style = getComputedStyle(active);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    const part = active.getAttribute('part');
    const label = part ? `[part="${part}"]` : `${active.localName}.${Array.from(active.classList).join('.')}`;
    return { element: `${label} "${(active.textContent ?? '').trim().slice(0, 30)}"`, visible: active.matches(':focus-visible') && (outline || shadow) };
  });
}

/** Presses Tab (or Shift+Tab) until `matches` holds for the focused element, checking focus is visible at every stop. */
async function tabTo(page: Page, matches: (element: string) => boolean, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<string[]> {
  const invisible: string[] = [];
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press(key);
    const state = await focusState(page);
    if (!state.visible) invisible.push(state.element);
    if (matches(state.element)) return invisible;
  }
  throw new Error('never reached the control with the keyboard');
}

describe('axe-core inside the shadow roots', { timeout: 60_000 }, () => {
  it('finds zero violations in every state: empty, streaming, table and code, citations, action card, error', async () => {
    const { page, errors } = await openPage(site.browser, `${site.gateway.origin}/`);
    await page.evaluate(actions);
    const report: Record<string, string[]> = {};
    report.empty = await axeViolations(page);

    site.gateway.script('', faults.stalled('Looking ', 'that up…'));
    await ask(page, 'Where is my order?');
    await answers(page).last().getByText('Looking that up…').waitFor();
    report.streaming = await axeViolations(page);
    await chat(page).locator('[part~="stop"]').click();

    site.gateway.script('', citedAnswer);
    await ask(page, 'And the shipping date?');
    await answers(page).last().locator('pre code').waitFor();
    await chat(page).locator('[part~="messages"][aria-busy="false"]').waitFor();
    report['table, code and citations'] = await axeViolations(page);

    site.gateway.script('', actionAnswer);
    await ask(page, 'Order 10 laptops');
    await chat(page).locator('[part~="action-approve"]').waitFor();
    report['action card'] = await axeViolations(page);
    await chat(page).locator('[part~="action-reject"]').click();
    await chat(page).locator('[part~="messages"][aria-busy="false"]').waitFor();

    site.gateway.script('', faults.rateLimited(120));
    await ask(page, 'Again');
    await chat(page).locator('[role="alert"]').waitFor();
    report.error = await axeViolations(page);

    expect(report).toEqual({ empty: [], streaming: [], 'table, code and citations': [], 'action card': [], error: [] });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('axe-core in every ready theme', { timeout: 60_000 }, () => {
  for (const theme of ['dark', 'high-contrast']) {
    it(`finds zero violations with theme="${theme}" (answer with table, code and citations; action card; error)`, async () => {
      const { page, errors } = await openPage(site.browser, `${site.gateway.origin}/`);
      await page.evaluate((name) => document.querySelector('parley-chat')!.setAttribute('theme', name), theme);
      await page.evaluate(actions);
      site.gateway.script('', citedAnswer, actionAnswer, faults.answer('Understood, no order.'));
      await ask(page, 'And the shipping date?');
      await answers(page).last().locator('pre code').waitFor();
      await chat(page).locator('[part~="messages"][aria-busy="false"]').waitFor();
      await ask(page, 'Order 10 laptops');
      await chat(page).locator('[part~="action-approve"]').waitFor();
      const withCard = await axeViolations(page);
      await chat(page).locator('[part~="action-reject"]').click();
      await answers(page).last().getByText('Understood, no order.').waitFor();
      site.gateway.script('', faults.rateLimited(120));
      await ask(page, 'Again');
      await chat(page).locator('[role="alert"]').waitFor();
      expect({ withCard, withError: await axeViolations(page) }).toEqual({ withCard: [], withError: [] });
      expect(errors).toEqual([]);
      await page.context().close();
    });
  }
});

describe('keyboard only', { timeout: 60_000 }, () => {
  it('opens, sends, stops, approves, copies, opens a citation and closes, with visible focus throughout', async () => {
    const { page, errors } = await openPage(site.browser, `${site.gateway.origin}/launcher`, { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.evaluate(actions);
    const invisible: string[] = [];

    invisible.push(...(await tabTo(page, (element) => element.includes('launcher'))));
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focusState(page)).element).toContain('[part="input"]');

    // Send, then stop while it streams.
    site.gateway.script('', faults.stalled('Thinking ', 'about it'));
    await page.keyboard.type('Where is my order?');
    await page.keyboard.press('Enter');
    await answers(page).last().getByText('Thinking about it').waitFor();
    invisible.push(...(await tabTo(page, (element) => element.includes('[part="stop"]'))));
    await page.keyboard.press('Enter');
    await answers(page).last().getByText('Stopped').waitFor();
    // The Stop button went away: focus stays in the composer instead of falling to the page.
    expect((await focusState(page)).element).toContain('[part="input"]');

    // An action: reach Approve with the keyboard, approve.
    site.gateway.script('', actionAnswer, citedAnswer);
    await page.keyboard.type('Order 10 laptops');
    await page.keyboard.press('Enter');
    await chat(page).locator('[part~="action-approve"]').waitFor();
    invisible.push(...(await tabTo(page, (element) => element.includes('action-approve'), 'Shift+Tab')));
    await page.keyboard.press('Enter');
    await answers(page).last().locator('pre code').waitFor();
    await chat(page).locator('[part~="messages"][aria-busy="false"]').waitFor();

    // Copy the answer.
    invisible.push(...(await tabTo(page, (element) => element.includes('Copy answer'), 'Shift+Tab')));
    await page.keyboard.press('Enter');
    await answers(page).last().getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('The order shipped on 3 May');

    // The inline marker moves focus to its source; the source opens.
    invisible.push(...(await tabTo(page, (element) => /parley-citation-marker/.test(element), 'Shift+Tab')));
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focusState(page)).element).toContain('[part="citation"]');
    invisible.push(...(await tabTo(page, (element) => element.includes('Shipping log'))));
    const opened = page.context().waitForEvent('page');
    await page.keyboard.press('Enter');
    const doc = await opened;
    expect(doc.url()).toBe(`${site.gateway.origin}/doc/shipping-log`);
    await doc.close();
    await page.bringToFront();

    // Escape closes the panel; focus returns to the launcher, visibly.
    await page.keyboard.press('Escape');
    await expect.poll(() => chat(page).locator('[part~="panel"]').isHidden()).toBe(true);
    const back = await focusState(page);
    expect(back.element).toContain('launcher');
    expect(back.visible).toBe(true);
    expect(invisible).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('the live region', { timeout: 60_000 }, () => {
  it('announces each answer once, and no per-token chatter', async () => {
    const { page } = await openPage(site.browser, `${site.gateway.origin}/`);
    await page.evaluate(() => {
      const region = document.querySelector('parley-chat')!.shadowRoot!.querySelector('[aria-live]')!;
      const heard: string[] = [];
      (window as unknown as { __heard: string[] }).__heard = heard;
      new MutationObserver(() => {
        const text = (region.textContent ?? '').trim();
        if (text && text !== heard[heard.length - 1]) heard.push(text);
      }).observe(region, { subtree: true, childList: true, characterData: true });
    });
    const heard = () => page.evaluate(() => (window as unknown as { __heard: string[] }).__heard);
    // Gated answers (one chunk per step), so "responding" and the answer are two distinct moments
    // however fast the machine is.
    for (const [question, chunks] of [
      ['When did it ship?', ['The order ', 'shipped ', 'on 3 May.']],
      ['What is in it?', ['It ', 'has ', '10 laptops.']],
    ] as const) {
      site.gateway.script('', faults.hostile([...chunks]));
      const before = (await heard()).length;
      await ask(page, question);
      await expect.poll(async () => (await heard()).slice(before)).toEqual(['Responding…']);
      while (!(await site.gateway.step()).done) {
        // Streaming: every chunk arrives, none is announced.
      }
      await answers(page).last().getByText(chunks.join('')).waitFor();
      await chat(page).locator('[part~="messages"][aria-busy="false"]').waitFor();
    }
    await expect.poll(async () => (await heard()).length).toBe(4);
    expect(await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).toEqual([
      'Responding…',
      'Assistant: The order shipped on 3 May.',
      'Responding…',
      'Assistant: It has 10 laptops.',
    ]);
    await page.context().close();
  });
});

describe('small screens, zoom and forced colours', { timeout: 60_000 }, () => {
  /** Horizontal overflow of the page and of the transcript, and controls cut off at the right edge. */
  function overflow(page: Page) {
    return page.evaluate(() => {
      const root = document.querySelector('parley-chat')!.shadowRoot!;
      const messages = root.querySelector<HTMLElement>('[part~="messages"]')!;
      const width = document.documentElement.clientWidth;
      const clipped = Array.from(root.querySelectorAll<HTMLElement>('button, textarea, a'))
        .filter((el) => el.getClientRects().length > 0 && !el.closest('pre, table'))
        .filter((el) => el.getBoundingClientRect().right > width + 0.5)
        .map((el) => el.getAttribute('part') ?? el.className);
      return { page: document.documentElement.scrollWidth - width, transcript: messages.scrollWidth - messages.clientWidth, clipped };
    });
  }

  async function answered(page: Page): Promise<void> {
    site.gateway.script('', citedAnswer);
    await ask(page, 'Where is my order PO-2025-0117 with all its lines and history?');
    await answers(page).last().locator('pre code').waitFor();
    await chat(page).locator('[part~="messages"][aria-busy="false"]').waitFor();
  }

  it('reflows at 320 px wide: no horizontal scrolling, every control reachable', async () => {
    const { page, errors } = await openPage(site.browser, `${site.gateway.origin}/`, { viewport: { width: 320, height: 640 } });
    await answered(page);
    expect(await overflow(page)).toEqual({ page: 0, transcript: 0, clipped: [] });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('works at 200 % zoom (a 1280 px window at twice the size), the launcher panel inside the window', async () => {
    const { page, errors } = await openPage(site.browser, `${site.gateway.origin}/launcher`, { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
    await chat(page).locator('[part~="launcher"]').click();
    await answered(page);
    expect(await overflow(page)).toEqual({ page: 0, transcript: 0, clipped: [] });
    const panel = await chat(page).locator('[part~="panel"]').boundingBox();
    expect(panel!.x).toBeGreaterThanOrEqual(0);
    expect(panel!.y).toBeGreaterThanOrEqual(0);
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(640);
    expect(panel!.y + panel!.height).toBeLessThanOrEqual(400);
    expect(await chat(page).locator('[part~="send"]').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps every control visible in forced-colors mode', async () => {
    const { page, errors } = await openPage(site.browser, `${site.gateway.origin}/launcher`);
    await page.emulateMedia({ forcedColors: 'active' });
    await page.evaluate(actions);
    await chat(page).locator('[part~="launcher"]').click();
    site.gateway.script('', actionAnswer);
    await ask(page, 'Order 10 laptops');
    await chat(page).locator('[part~="action-approve"]').waitFor();
    await chat(page).locator('[part~="input"]').fill('draft');
    const invisible = await page.evaluate(() => {
      const root = document.querySelector('parley-chat')!.shadowRoot!;
      const controls = Array.from(root.querySelectorAll<HTMLElement>('[part~="launcher"], [part~="send"], [part~="input"], [part~="action-approve"], [part~="action-reject"], button.close'));
      // A control shows its shape when it has a border (forced colours paint borders in ButtonText) or is text on Canvas.
      const hidden = controls
        .filter((el) => {
          const style = getComputedStyle(el);
          const border = ['Top', 'Right', 'Bottom', 'Left'].some((side) => parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0 && style.getPropertyValue(`border-${side.toLowerCase()}-style`) !== 'none');
          return !border || style.color === style.backgroundColor || el.getBoundingClientRect().width === 0;
        })
        .map((el) => el.getAttribute('part') ?? el.className);
      return { checked: controls.length, hidden };
    });
    expect(invisible).toEqual({ checked: 6, hidden: [] });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
