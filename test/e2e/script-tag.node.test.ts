import type { RequestListener } from 'node:http';
import { describe, expect, it } from 'vitest';
import { scriptTagFile, usePageServer } from './support/chromium.js';
import { readJsonBody, writeSse } from './support/write-sse.js';

/**
 * Issue 4's "done when": a plain page with only the script tag and the element streams from a
 * real HTTP gateway speaking the native protocol, in English and Chinese, and `send()` works
 * from the console. The page runs under a strict CSP with Trusted Types.
 */
const page = (lang: string) => `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>ERP</title><script src="/parley-chat.js"></script></head>
<body>
<parley-chat endpoint="/api/chat" protocol="parley"></parley-chat>
</body>
</html>`;

const csp = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/** No 'self' for scripts: only the tag's nonce, which the chunks it imports inherit. */
const nonceCsp = csp.replace("script-src 'self'", "script-src 'nonce-r4nd0m'");

function answerFor(question: string): string[] {
  if (/[\u4e00-\u9fff]/.test(question)) return ['您好！', '订单 **PO-2025-0117** ', '已发货。'];
  return ['Hello! ', 'Order **PO-2025-0117** ', 'has shipped.'];
}

/** The plain page's host: the script-tag folder, the native-protocol gateway and the test pages. */
const handle: RequestListener = (request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  // /no-chunks/: a host that copied only parley-chat.js; /nonce/: a page whose CSP trusts one nonce.
  const script = url.pathname === '/no-chunks/parley-chat.js' ? scriptTagFile('/parley-chat.js') : scriptTagFile(url.pathname.replace(/^\/nonce\//, '/'));
  if (script) {
    response.writeHead(200, { 'content-type': script.contentType });
    response.end(script.content);
  } else if (url.pathname === '/api/chat' && request.method === 'POST') {
    void readJsonBody<{ messages: Array<{ role: string; content: string }> }>(request).then(({ messages }) => {
      const question = messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
      const events = [{ type: 'start' }, ...answerFor(question).map((delta) => ({ type: 'text-delta', delta })), { type: 'finish', reason: 'stop' }];
      writeSse(response, events);
    });
  } else if (url.pathname === '/') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
    response.end(page(url.searchParams.get('lang') ?? 'en'));
  } else if (url.pathname.startsWith('/evil/chunks/')) {
    // Where a clobbered document.currentScript would point the loader: the attacker's code.
    response.writeHead(200, { 'content-type': 'text/javascript' });
    response.end('window.__pwned = true;');
  } else if (url.pathname === '/clobbered/') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    // Markup a page may carry from its users (a comment, a profile) before the tag.
    response.end(page('en').replace('<script src="/parley-chat.js">', '<img name="currentScript" src="/evil/avatar.png" alt=""><script src="/parley-chat.js">'));
  } else if (url.pathname === '/no-chunks/') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(page('en').replace('src="/parley-chat.js"', 'src="/no-chunks/parley-chat.js"'));
  } else if (url.pathname === '/nonce/') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': nonceCsp });
    response.end(page('en').replace('<script src="/parley-chat.js">', '<script nonce="r4nd0m" src="/nonce/parley-chat.js">').replace('endpoint="/api/chat"', 'endpoint="/api/chat" persist="none"'));
  } else if (url.pathname === '/favicon.ico') {
    response.writeHead(204).end();
  } else {
    response.writeHead(404).end();
  }
};

describe('the script tag on a plain page', () => {
  const site = usePageServer(handle);

  async function open(lang: string) {
    const tab = await site.browser.newPage();
    const problems: string[] = [];
    tab.on('pageerror', (error) => problems.push(error.message));
    tab.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await tab.goto(`${site.origin}/?lang=${lang}`);
    await tab.waitForFunction(() => customElements.get('parley-chat') !== undefined);
    return { tab, problems };
  }

  it('streams an answer in English from the composer', async () => {
    const { tab, problems } = await open('en');
    const input = tab.locator('parley-chat [part~="input"]');
    expect(await input.getAttribute('placeholder')).toBe('Ask a question…');
    await input.fill('Where is my order?');
    await input.press('Enter');
    const answer = tab.locator('parley-chat [part~="message"][part~="assistant"]');
    await answer.getByText('has shipped.').waitFor();
    expect(await answer.locator('strong').textContent()).toBe('PO-2025-0117');
    expect(await tab.locator('parley-chat [part~="message"][part~="user"]').textContent()).toContain('Where is my order?');
    expect(await tab.locator('parley-chat [part~="messages"]').getAttribute('aria-busy')).toBe('false');

    // A reload keeps the conversation and the unsent draft (persist="session" by default).
    await input.fill('an unsent follow-up');
    await expect.poll(() => tab.evaluate(() => Object.keys(sessionStorage).length)).toBeGreaterThan(1);
    await tab.reload();
    await tab.waitForFunction(() => customElements.get('parley-chat') !== undefined);
    await answer.getByText('has shipped.').waitFor();
    await expect.poll(() => tab.locator('parley-chat [part~="input"]').inputValue()).toBe('an unsent follow-up');
    expect(problems).toEqual([]);
    await tab.close();
  });

  it('speaks Chinese on a zh-CN page, and send() works from the console', async () => {
    const { tab, problems } = await open('zh-CN');
    expect(await tab.locator('parley-chat [part~="send"]').textContent()).toContain('发送');
    expect(await tab.locator('parley-chat [part~="input"]').getAttribute('placeholder')).toBe('请输入您的问题…');
    const sent = await tab.evaluate(() => (document.querySelector('parley-chat') as HTMLElement & { send(text: string): Promise<boolean> }).send('订单状态？'));
    expect(sent).toBe(true);
    const answer = tab.locator('parley-chat [part~="message"][part~="assistant"]');
    // The transcript renders on the next animation frame after the turn ends, not before send() resolves.
    await expect.poll(() => answer.textContent()).toContain('您好！订单 PO-2025-0117 已发货。');
    await tab.evaluate(() => (document.querySelector('parley-chat') as HTMLElement & { send(text: string): Promise<boolean> }).send('hi'));
    await expect.poll(() => answer.count()).toBe(2);
    await expect.poll(() => answer.nth(1).textContent()).toContain('has shipped.');
    expect(problems).toEqual([]);
    await tab.close();
  });

  it('loads its chunks under a CSP that trusts only the nonce on the tag', async () => {
    const tab = await site.browser.newPage();
    const problems: string[] = [];
    tab.on('pageerror', (error) => problems.push(error.message));
    tab.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await tab.goto(`${site.origin}/nonce/`);
    await tab.waitForFunction(() => customElements.get('parley-chat') !== undefined);
    const input = tab.locator('parley-chat [part~="input"]');
    await input.fill('Where is my order?');
    await input.press('Enter');
    await tab.locator('parley-chat [part~="message"][part~="assistant"]').getByText('has shipped.').waitFor();
    expect(problems).toEqual([]);
    await tab.close();
  });

  it('says in the console what is wrong when the chunks were not copied', async () => {
    const tab = await site.browser.newPage();
    const errors: string[] = [];
    const logged = new Promise<void>((resolve) =>
      tab.on('console', (message) => {
        if (message.type() !== 'error') return;
        errors.push(message.text());
        if (message.text().includes('[parley]')) resolve();
      }),
    );
    await tab.goto(`${site.origin}/no-chunks/`);
    await logged;
    const advice = errors.find((text) => text.includes('[parley]'));
    expect(advice).toContain('could not load');
    expect(advice).toContain('/no-chunks/chunks/');
    expect(advice).toContain('serve the whole dist/script folder');
    expect(advice).toContain('Access-Control-Allow-Origin');
    expect(await tab.evaluate(() => customElements.get('parley-chat'))).toBeUndefined();
    await tab.close();
  });

  it('loads its own chunks even when page markup shadows document.currentScript', async () => {
    const tab = await site.browser.newPage();
    const requested: string[] = [];
    tab.on('request', (request) => requested.push(new URL(request.url()).pathname));
    await tab.goto(`${site.origin}/clobbered/`);
    await tab.waitForFunction(() => customElements.get('parley-chat') !== undefined);
    expect(await tab.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(requested.filter((path) => path.startsWith('/evil/chunks/'))).toEqual([]);
    await tab.close();
  });
});
