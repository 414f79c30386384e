import type { ServerResponse } from 'node:http';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { scriptTagFile, usePageServer } from './support/chromium.js';

/**
 * One conversation kept in `localStorage` (`persist="local"`) and two tabs of the ERP on it, as
 * people work: the shipped script tag over real HTTP, two pages of one browser context. A tab
 * opened earlier must not write its older copy over the turns the other tab added, and an action
 * approved in one tab must not run again when the other tab's person approves it too.
 */
const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>ERP</title><script src="/parley-chat.js"></script></head>
<body><parley-chat endpoint="/api/chat" protocol="parley" persist="local" conversation-id="po-7"></parley-chat><script src="/erp-actions.js"></script></body>
</html>`;

/** The gateway answers each question with its own line, so every turn is recognisable. */
const answers: Record<string, string> = {
  'Terms with ACME?': 'ACME pays net 30.',
  'And with Globex?': 'Globex pays net 45.',
};

/**
 * The ERP page's own action, as a host registers it: each run counts itself in its tab
 * (`window.purchaseOrderRuns`) and creates the order over HTTP, where the ERP counts them too.
 */
const erpActions = `document.querySelector('parley-chat').actions = {
  create_po: {
    title: 'Create purchase order',
    description: 'Creates a purchase order',
    run: async (args) => {
      window.purchaseOrderRuns = (window.purchaseOrderRuns || 0) + 1;
      const response = await fetch('/erp/purchase-orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) });
      return response.json();
    },
  },
};`;

describe('two tabs on one stored conversation', () => {
  /** Purchase orders the ERP was asked to create; each response is held until the test releases it. */
  const orders: Array<{ args: unknown; response: ServerResponse }> = [];
  const chatRequests: Array<{ role: string; content: unknown }>[] = [];
  const releaseOrders = () => {
    for (const order of orders) if (!order.response.writableEnded) order.response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ po: 'PO-7', summary: 'PO-7 created' }));
  };
  const site = usePageServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const script = scriptTagFile(url.pathname);
    if (script) {
      response.writeHead(200, { 'content-type': script.contentType });
      response.end(script.content);
    } else if (url.pathname === '/api/chat' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const { messages } = JSON.parse(body) as { messages: Array<{ role: string; content: string }> };
        chatRequests.push(messages);
        const question = messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        const sse = (...events: unknown[]) => events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('');
        // The model proposes the ERP's action; once it has run (a `tool` message), it answers.
        if (messages.at(-1)?.role === 'tool') return response.end(sse({ type: 'text-delta', delta: 'Created PO-7.' }, { type: 'finish', reason: 'stop' }));
        if (question === 'Order 12 chairs from ACME') {
          return response.end(sse({ type: 'tool-call', toolCall: { id: 'call_1', name: 'create_po', args: { supplier: 'ACME', qty: 12 } } }, { type: 'finish', reason: 'tool-calls' }));
        }
        response.end(
          `data: ${JSON.stringify({ type: 'text-delta', delta: answers[question] ?? 'I do not know.' })}\n\n` + `data: ${JSON.stringify({ type: 'finish', reason: 'stop' })}\n\n`,
        );
      });
    } else if (url.pathname === '/erp/purchase-orders' && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => orders.push({ args: JSON.parse(body) as unknown, response }));
    } else if (url.pathname === '/erp-actions.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(erpActions);
    } else if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
    } else {
      response.writeHead(404).end();
    }
  });

  const transcript = (tab: Page) => tab.locator('parley-chat [part~="message"]').allInnerTexts();
  async function ask(tab: Page, question: string) {
    const input = tab.locator('parley-chat [part~="input"]');
    await input.fill(question);
    await input.press('Enter');
    await tab.locator('parley-chat [part~="message"][part~="assistant"]').getByText(answers[question]!).waitFor();
  }
  const said = (texts: string[]) => texts.map((text) => text.replace(/\s+/g, ' ').trim());

  it('a turn asked in one tab shows in the other, and survives a turn asked there', async () => {
    const context = await site.browser.newContext();
    const first = await context.newPage();
    const second = await context.newPage();
    await first.goto(`${site.origin}/`);
    await second.goto(`${site.origin}/`);

    await ask(first, 'Terms with ACME?');
    // The other tab takes the turn when storage changes, without a reload.
    await second.locator('parley-chat [part~="message"]').getByText('ACME pays net 30.').waitFor();

    await ask(second, 'And with Globex?');
    await first.locator('parley-chat [part~="message"]').getByText('Globex pays net 45.').waitFor();

    await first.reload();
    await first.locator('parley-chat [part~="message"]').getByText('Globex pays net 45.').waitFor();
    const reloaded = said(await transcript(first));
    expect(reloaded.filter((text) => /ACME|Globex/.test(text))).toHaveLength(4);
    expect(reloaded.findIndex((text) => text.includes('ACME pays net 30.'))).toBeLessThan(reloaded.findIndex((text) => text.includes('Globex pays net 45.')));
    await context.close();
  });

  it('an action approved in one tab runs once: the other tab shows it running there, with nothing to approve, then its outcome', async () => {
    orders.length = 0;
    chatRequests.length = 0;
    // A failed run must not leave the ERP's responses open (the server could not close).
    onTestFinished(releaseOrders);
    const context = await site.browser.newContext();
    const first = await context.newPage();
    const second = await context.newPage();
    await first.goto(`${site.origin}/`);
    await second.goto(`${site.origin}/`);
    const card = (tab: Page) => tab.locator('parley-chat [part~="action"]');
    const runs = (tab: Page) => tab.evaluate(() => (window as unknown as { purchaseOrderRuns?: number }).purchaseOrderRuns ?? 0);

    const input = first.locator('parley-chat [part~="input"]');
    await input.fill('Order 12 chairs from ACME');
    await input.press('Enter');
    // Both tabs show the proposed action, awaiting approval.
    await card(first).locator('[part~="action-approve"]').waitFor();
    await card(second).locator('[part~="action-approve"]').waitFor();

    // The second tab notes when the first tab's save says an action runs there (the storage
    // event the widget syncs on), so its person clicks Approve after hearing of it.
    await second.evaluate(() => {
      const heard = new Promise<void>((resolve) =>
        window.addEventListener('storage', function onStorage(event) {
          if (!event.newValue?.includes('"busy":true')) return;
          window.removeEventListener('storage', onStorage);
          resolve();
        }),
      );
      (window as unknown as { busyHeard: Promise<void> }).busyHeard = heard;
    });

    // Approved in the first tab: the ERP gets the order and holds it, so the action still runs.
    await card(first).locator('[part~="action-approve"]').click();
    await expect.poll(() => orders.length, { timeout: 30_000 }).toBe(1);
    await first.locator('parley-chat [part~="action"][data-state="running"]').waitFor();
    await second.evaluate(() => (window as unknown as { busyHeard: Promise<void> }).busyHeard);

    // The second tab follows the first tab's turn: its card shows the action running there, with
    // neither Approve nor Reject left to click (a click before that storage event came is refused,
    // `conversation-tabs.unit.test.ts`).
    await second.locator('parley-chat [part~="action"][data-state="running"]').waitFor();
    expect(await card(second).locator('[part~="action-approve"], [part~="action-reject"]').count()).toBe(0);
    // Long enough for a run the second tab started to reach the ERP (it takes milliseconds).
    await second.waitForTimeout(1_500);
    expect(orders).toHaveLength(1);
    expect(await runs(second)).toBe(0);

    // The ERP answers, the first tab's answer ends; the second tab shows the outcome.
    releaseOrders();
    await first.locator('parley-chat [part~="message"][part~="assistant"]').getByText('Created PO-7.').waitFor();
    await second.locator('parley-chat [part~="message"][part~="assistant"]').getByText('Created PO-7.').waitFor();
    await second.locator('parley-chat [part~="action"][data-state="done"]').waitFor();
    expect(await card(second).count()).toBe(1);
    expect(await card(second).innerText()).toContain('PO-7 created');
    expect(await card(second).locator('[part~="action-approve"]').count()).toBe(0);

    expect(orders.map((order) => order.args)).toEqual([{ supplier: 'ACME', qty: 12 }]);
    expect([await runs(first), await runs(second)]).toEqual([1, 0]);
    // The question, then the one action's result: no second continuation from the other tab.
    expect(chatRequests.map((messages) => messages.at(-1)?.role)).toEqual(['user', 'tool']);
    await context.close();
  }, 120_000);
});
