import { describe, expect, it } from 'vitest';
import { scriptTagFile, usePageServer } from './support/chromium.js';
import { readJsonBody, writeSse } from './support/write-sse.js';

/**
 * Issue 9's budget: the markdown renderer (`<parley-markdown>`, ~10 KB gzip) and the transcript
 * views (one chunk with it, ~2 KB more) are not in what the script tag loads at start: an empty
 * conversation never fetches them. They are fetched when the person types or sends, before the gateway
 * answers (this gateway answers only once the page has asked for it), when a restored
 * conversation has answers, or when a page's own markup uses `<parley-markdown>`. Real HTTP,
 * the shipped script tag, a strict CSP.
 */
const csp = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'";
const chatPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>ERP</title><script src="/parley-chat.js"></script></head>
<body><parley-chat endpoint="/api/chat" protocol="parley"></parley-chat></body>
</html>`;
/** A page that uses `<parley-markdown>` on its own, for a release note; no chat. */
const notePage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Release note</title><script src="/parley-chat.js"></script></head>
<body><parley-markdown id="note"></parley-markdown><script src="/note.js"></script></body>
</html>`;

const markdownChunk = /^\/chunks\/transcript-views-[\w-]+\.js$/;

describe('the script tag loads the markdown renderer on first use', () => {
  const fetched: string[] = [];
  /** Chunk names the static host answers 404 for, as a broken CDN would. */
  let failing: RegExp | undefined;
  let markdownAsked: Promise<void> = new Promise(() => undefined);
  let onMarkdownAsked = (): void => undefined;
  function watchForMarkdown(): void {
    markdownAsked = new Promise((resolve) => (onMarkdownAsked = resolve));
  }

  const site = usePageServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const script = scriptTagFile(url.pathname);
    if (script) {
      fetched.push(url.pathname);
      if (markdownChunk.test(url.pathname)) onMarkdownAsked();
      if (failing?.test(url.pathname)) return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': script.contentType });
      response.end(script.content);
    } else if (url.pathname === '/api/chat' && request.method === 'POST') {
      void readJsonBody<{ messages: unknown[] }>(request).then(async ({ messages }) => {
        // Not a byte of the answer before the page has asked for the renderer.
        await markdownAsked;
        writeSse(response, [{ type: 'start' }, { type: 'text-delta', delta: `Answer ${messages.length}: **PO-7**\n` }, { type: 'text-delta', delta: 'ships today.' }, { type: 'finish', reason: 'stop' }]);
      });
    } else if (url.pathname === '/note.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end("document.getElementById('note').text = 'Version **2.1** is out.';");
    } else if (url.pathname === '/' || url.pathname === '/note/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
      response.end(url.pathname === '/' ? chatPage : notePage);
    } else {
      response.writeHead(404).end();
    }
  });

  async function open(path = '/') {
    fetched.length = 0;
    watchForMarkdown();
    const tab = await site.browser.newPage();
    await tab.goto(`${site.origin}${path}`);
    return tab;
  }

  async function send(tab: Awaited<ReturnType<typeof open>>, text: string) {
    await tab.locator('parley-chat [part~="input"]').fill(text);
    await tab.locator('parley-chat [part~="input"]').press('Enter');
  }

  const markdownFetches = () => fetched.filter((path) => markdownChunk.test(path)).length;
  const answers = (tab: Awaited<ReturnType<typeof open>>) => tab.locator('parley-chat [part~="message"][part~="assistant"] parley-markdown');

  it('an empty conversation fetches no renderer; the person asking fetches it before the answer comes, and a reload restores the answer as markdown', async () => {
    failing = undefined;
    const tab = await open();
    await tab.locator('parley-chat [part~="input"]').waitFor();
    await tab.waitForLoadState('networkidle');
    expect(fetched.some((path) => path.startsWith('/chunks/')), 'the element loaded').toBe(true);
    expect(markdownFetches()).toBe(0);

    await send(tab, 'When does PO-7 ship?');
    await answers(tab).locator('strong').getByText('PO-7').waitFor();
    expect(await answers(tab).textContent()).toBe('Answer 1: PO-7\nships today.');
    expect(markdownFetches()).toBe(1);

    // A restored conversation (sessionStorage) asks for the renderer without a send.
    fetched.length = 0;
    await tab.reload();
    await answers(tab).locator('strong').getByText('PO-7').waitFor();
    expect(markdownFetches()).toBe(1);
    await tab.close();
  });

  it('a renderer the host fails to serve leaves the answer readable as written, and the next send brings it', async () => {
    failing = markdownChunk;
    const tab = await open();
    await send(tab, 'When does PO-7 ship?');
    const first = answers(tab).first();
    await first.getByText('ships today.').waitFor();
    expect(await first.evaluate((el) => (el as HTMLElement).innerText)).toBe('Answer 1: **PO-7**\nships today.');
    // Asked for while the person typed and again on send: both refused.
    const refused = markdownFetches();
    expect(refused).toBeGreaterThanOrEqual(1);

    failing = undefined;
    await send(tab, 'And PO-8?');
    await answers(tab).nth(1).locator('strong').waitFor();
    await first.locator('strong').waitFor();
    expect(await answers(tab).allTextContents()).toEqual(['Answer 1: PO-7\nships today.', 'Answer 3: PO-7\nships today.']);
    expect(markdownFetches()).toBe(refused + 1);
    await tab.close();
  });

  it('defines <parley-markdown> for a page whose markup uses it on its own, and ParleyChat.defineMarkdown() for one made later', async () => {
    failing = undefined;
    const tab = await open('/note/');
    await tab.locator('#note strong').getByText('2.1').waitFor();
    expect(await tab.locator('#note').textContent()).toBe('Version 2.1 is out.');

    const later = await tab.evaluate(async () => {
      const ParleyChat = (await customElements.whenDefined('parley-chat')) as unknown as { defineMarkdown(): Promise<void> };
      await ParleyChat.defineMarkdown();
      const made = document.createElement('parley-markdown') as HTMLElement & { text: string };
      made.text = 'Made *later*.';
      document.body.append(made);
      await (made as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      return made.querySelector('em')?.textContent;
    });
    expect(later).toBe('later');
    expect(markdownFetches()).toBe(1);
    await tab.close();
  });
});
