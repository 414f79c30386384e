import { describe, expect, it } from 'vitest';
import { scriptTagFile, usePageServer } from './support/chromium.js';
import { writeSse } from './support/write-sse.js';

/**
 * Issue 9's budget: the transcript views come in one chunk with the markdown renderer, which an
 * empty chat (header, welcome, starter prompts, composer) never fetches. A starter prompt sends
 * without a keystroke, so its messages may show before that chunk is in: here the host holds it,
 * as a slow network would. The shipped script tag over real HTTP, with a strict CSP.
 */
const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>ERP</title><script src="/parley-chat.js"></script></head>
<body><parley-chat endpoint="/api/chat" protocol="parley" persist="none" suggestions='["When does PO-7 ship?"]'></parley-chat></body>
</html>`;

const transcriptChunk = /^\/chunks\/transcript-views-[\w-]+\.js$/;

describe('the script tag loads the transcript views on first use', () => {
  const fetched: string[] = [];
  let release = (): void => undefined;
  let held: Promise<void> = Promise.resolve();

  const site = usePageServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const script = scriptTagFile(url.pathname);
    if (script) {
      fetched.push(url.pathname);
      if (transcriptChunk.test(url.pathname)) await held;
      response.writeHead(200, { 'content-type': script.contentType });
      response.end(script.content);
    } else if (url.pathname === '/api/chat' && request.method === 'POST') {
      request.resume();
      request.on('end', () => {
        writeSse(response, [{ type: 'start' }, { type: 'text-delta', delta: 'It ships **today**.' }, { type: 'finish', reason: 'stop' }]);
      });
    } else if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'" });
      response.end(page);
    } else {
      response.writeHead(404).end();
    }
  });

  it('an empty chat does not fetch them; a starter prompt shows its messages as written, then in full once they arrive', async () => {
    held = new Promise((resolve) => (release = resolve));
    const tab = await site.browser.newPage();
    await tab.goto(`${site.origin}/`);
    const prompt = tab.locator('parley-chat .suggestion');
    await prompt.waitFor();
    await tab.waitForLoadState('networkidle');
    expect(fetched.some((path) => path.startsWith('/chunks/')), 'the element loaded').toBe(true);
    expect(fetched.filter((path) => transcriptChunk.test(path))).toEqual([]);

    await prompt.click();
    const answer = tab.locator('parley-chat [part="message assistant"]');
    await answer.getByText('It ships **today**.').waitFor();
    expect(await tab.locator('parley-chat [part="message user"]').innerText()).toContain('When does PO-7 ship?');
    expect(await answer.locator('.message-tools').count()).toBe(0);
    expect(fetched.filter((path) => transcriptChunk.test(path))).toHaveLength(1);

    release();
    await answer.locator('strong').getByText('today').waitFor();
    expect(await answer.locator('parley-markdown').textContent()).toBe('It ships today.');
    await answer.locator('.message-tools button.copy').waitFor();
    await tab.close();
  });
});
