import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scriptTagFile, usePageServer } from './support/chromium.js';

/**
 * One conversation kept in `localStorage` (`persist="local"`) and two tabs of the ERP on it, as
 * people work: the shipped script tag over real HTTP, two pages of one browser context. A tab
 * opened earlier must not write its older copy over the turns the other tab added.
 */
const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>ERP</title><script src="/parley-chat.js"></script></head>
<body><parley-chat endpoint="/api/chat" protocol="parley" persist="local" conversation-id="po-7"></parley-chat></body>
</html>`;

/** The gateway answers each question with its own line, so every turn is recognisable. */
const answers: Record<string, string> = {
  'Terms with ACME?': 'ACME pays net 30.',
  'And with Globex?': 'Globex pays net 45.',
};

describe('two tabs on one stored conversation', () => {
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
        const question = messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        response.end(
          `data: ${JSON.stringify({ type: 'text-delta', delta: answers[question] ?? 'I do not know.' })}\n\n` + `data: ${JSON.stringify({ type: 'finish', reason: 'stop' })}\n\n`,
        );
      });
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
});
