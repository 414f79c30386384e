import { describe, expect, it } from 'vitest';
import { scriptTagFile, usePageServer } from './support/chromium.js';
import { readJsonBody, writeSse } from './support/write-sse.js';

/**
 * Issue 9's budget: what only some answers need (other languages, source cards, action cards,
 * the comment form) is not in what a page loads at start. These pages use the shipped script
 * tag over real HTTP: the chunks a page fetched are counted, and a chunk the host fails to serve
 * is something the person sees, with a Retry that works once it is back.
 */
const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>ERP</title><script src="/parley-chat.js"></script></head>
<body><parley-chat endpoint="/api/chat" protocol="parley" persist="none"></parley-chat><script src="/actions.js"></script></body>
</html>`;

const citation = { id: 'doc-1', title: 'Shipping log 2025', url: 'https://erp.example/docs/shipping' };

describe('the script tag loads optional parts on first use', () => {
  const fetched: string[] = [];
  /** Chunk names the static host answers 404 for, as a broken CDN would. */
  let failing: RegExp | undefined;
  /** Chunk names the static host answers only once `until` resolves, as a slow network would. */
  let held: { pattern: RegExp; until: Promise<void> } | undefined;
  /**
   * Chunk names whose plain URL keeps failing while the same path with a query is served: what a
   * Chromium 80-era browser does after one failed fetch (it remembers the failure for the page's life).
   */
  let remembered: RegExp | undefined;
  const retried: string[] = [];

  const site = usePageServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const script = scriptTagFile(url.pathname);
    if (script) {
      fetched.push(url.pathname);
      if (url.search) retried.push(`${url.pathname}${url.search}`);
      if (failing?.test(url.pathname)) return void response.writeHead(404).end();
      if (remembered?.test(url.pathname) && !url.search) return void response.writeHead(404).end();
      if (held?.pattern.test(url.pathname)) await held.until;
      response.writeHead(200, { 'content-type': script.contentType });
      response.end(script.content);
    } else if (url.pathname === '/api/chat' && request.method === 'POST') {
      const { messages } = await readJsonBody<{ messages: Array<{ role: string; content: unknown }> }>(request);
      const last = messages.at(-1)!;
      if (last.role === 'tool') writeSse(response, [{ type: 'text-delta', delta: 'The order is in.' }, { type: 'finish', reason: 'stop' }]);
      else if (String(last.content).includes('Order')) writeSse(response, [{ type: 'tool-call', toolCall: { id: 'call-1', name: 'create_order', args: {} } }, { type: 'finish', reason: 'tool-calls' }]);
      else writeSse(response, [{ type: 'start' }, { type: 'text-delta', delta: 'It shipped on Monday [1].' }, { type: 'citation', citation }, { type: 'finish', reason: 'stop' }]);
    } else if (url.pathname === '/actions.js') {
      // The host page's own action (no parameters, so no schema checker is involved).
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end("document.querySelector('parley-chat').actions = { create_order: { description: 'Create a purchase order', run: () => (window.ordered = true, 'PO-9 created') } };");
    } else if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'" });
      response.end(page);
    } else {
      response.writeHead(404).end();
    }
  });

  async function open() {
    fetched.length = 0;
    const tab = await site.browser.newPage();
    await tab.goto(`${site.origin}/`);
    await tab.locator('parley-chat [part~="input"]').waitFor();
    return tab;
  }

  const optional = /\/chunks\/(zh-cn|zh-tw|citation-list|action-card|feedback-comment)-/;

  it('an English page fetches no other language and no optional part until an answer needs one', async () => {
    failing = undefined;
    const tab = await open();
    expect(fetched.filter((path) => optional.test(path))).toEqual([]);

    await tab.locator('parley-chat [part~="input"]').fill('When did PO-7 ship?');
    await tab.locator('parley-chat [part~="input"]').press('Enter');
    const card = tab.locator('parley-chat [part~="citation"]');
    await card.getByText('Shipping log 2025').waitFor();
    expect(fetched.filter((path) => optional.test(path)).map((path) => path.replace(/-[\w-]{6}\.js$/, ''))).toEqual(['/chunks/citation-list']);
    await tab.close();
  });

  it('loads what a first answer needs while the person types, before anything is sent', async () => {
    failing = undefined;
    const firstAnswer = /\/chunks\/(run-chat-request|parley|transcript-views)-[\w-]{6}\.js$/;
    const tab = await open();
    const posts: string[] = [];
    tab.on('request', (request) => void (request.method() === 'POST' && posts.push(request.url())));
    expect(fetched.filter((path) => firstAnswer.test(path))).toEqual([]);

    await tab.locator('parley-chat [part~="input"]').pressSequentially('When');
    await expect
      .poll(() => fetched.filter((path) => firstAnswer.test(path)).map((path) => path.replace(/-[\w-]{6}\.js$/, '')).sort())
      .toEqual(['/chunks/parley', '/chunks/run-chat-request', '/chunks/transcript-views']);
    expect(posts).toEqual([]);
    await tab.close();
  });

  it('a source-card chunk the host fails to serve is an alert in the answer, and Retry brings the cards', async () => {
    failing = /\/chunks\/citation-list-/;
    const tab = await open();
    await tab.locator('parley-chat [part~="input"]').fill('When did PO-7 ship?');
    await tab.locator('parley-chat [part~="input"]').press('Enter');
    const answer = tab.locator('parley-chat [part~="message"][part~="assistant"]');
    const alert = answer.locator('[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('This part of the answer could not be loaded.');
    // The rest of the answer is there.
    expect(await answer.locator('parley-markdown').textContent()).toContain('It shipped on Monday');

    failing = undefined;
    await alert.getByRole('button', { name: 'Retry' }).click();
    await answer.locator('[part~="citation"]').getByText('Shipping log 2025').waitFor();
    expect(await answer.locator('[role="alert"]').count()).toBe(0);
    await tab.close();
  });

  it('a chunk whose URL the browser remembers as failed is asked for again under a retry URL', async () => {
    failing = undefined;
    remembered = /\/chunks\/citation-list-/;
    retried.length = 0;
    const tab = await open();
    await tab.locator('parley-chat [part~="input"]').fill('When did PO-7 ship?');
    await tab.locator('parley-chat [part~="input"]').press('Enter');
    await tab.locator('parley-chat [part~="citation"]').getByText('Shipping log 2025').waitFor();
    expect(retried).toEqual([expect.stringMatching(/^\/chunks\/citation-list-[\w-]{6}\.js\?retry=\d+$/)]);
    remembered = undefined;
    await tab.close();
  });

  it('a marker activated while the source cards still load moves focus to its card once they are in', async () => {
    failing = undefined;
    let release!: () => void;
    held = { pattern: /\/chunks\/citation-list-/, until: new Promise<void>((resolve) => (release = resolve)) };
    const tab = await open();
    await tab.locator('parley-chat [part~="input"]').fill('When did PO-7 ship?');
    await tab.locator('parley-chat [part~="input"]').press('Enter');
    // The answer is in, its sources are still loading: a busy frame, no card yet.
    await tab.locator('parley-chat .citations[aria-busy="true"]').waitFor();
    expect(await tab.locator('parley-chat [part~="citation"]').count()).toBe(0);
    await tab.locator('parley-chat .parley-citation-marker').click();

    release();
    held = undefined;
    await tab.locator('parley-chat [part~="citation"]').waitFor();
    const focused = () => tab.evaluate(() => document.querySelector('parley-chat')!.shadowRoot!.activeElement?.getAttribute('data-citation-id'));
    await expect.poll(focused).toBe('doc-1');
    await tab.close();
  });

  it('an action card whose chunk fails still lets the person approve, and the conversation goes on', async () => {
    failing = /\/chunks\/action-card-/;
    const tab = await open();
    await tab.locator('parley-chat [part~="input"]').fill('Order 10 laptops');
    await tab.locator('parley-chat [part~="input"]').press('Enter');
    const card = tab.locator('parley-chat [part~="action"]');
    await card.locator('[role="alert"]').waitFor();
    expect(await card.getAttribute('aria-busy')).toBeNull();
    await card.getByRole('button', { name: 'Approve' }).click();
    await tab.locator('parley-chat [part~="message"][part~="assistant"]').getByText('The order is in.').waitFor();
    expect(await tab.evaluate(() => (window as { ordered?: boolean }).ordered)).toBe(true);
    failing = undefined;
    await tab.close();
  });
});
