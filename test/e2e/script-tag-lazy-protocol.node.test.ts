import { describe, expect, it } from 'vitest';
import { scriptTagFile, usePageServer } from './support/chromium.js';

/**
 * A page that names no protocol (the default `auto`) fetches the detection and then the one
 * adapter its gateway speaks, not all seven. Here the gateway is OpenAI-compatible. The shipped
 * script tag over real HTTP, with a strict CSP; a chunk the host fails to serve is a retryable
 * error the person sees, with a Retry that works once it is back.
 */
const page = (endpoint: string) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>ERP</title><script src="/parley-chat.js"></script></head>
<body><parley-chat endpoint="${endpoint}" persist="none"></parley-chat></body>
</html>`;

const completion = (delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', model: 'deepseek-chat', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
const answer = completion({ role: 'assistant', content: 'PO-7 shipped ' }) + completion({ content: 'on Monday.' }) + completion({}, 'stop') + 'data: [DONE]\n\n';

/** The protocol chunks of the build: the detection and each adapter. */
const protocolChunk = /^\/chunks\/(detect-protocol|openai-responses|openai|anthropic|ollama|ai-sdk|dify|parley)-[\w-]{6}\.js$/;

describe('the script tag on the default protocol loads only the adapter the gateway speaks', () => {
  const fetched: string[] = [];
  let chatRequests = 0;
  /** Chunk names the static host answers 503 for (the retry URL too), as a broken CDN would. */
  let failing: RegExp | undefined;

  const site = usePageServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const script = scriptTagFile(url.pathname);
    if (script) {
      fetched.push(url.pathname);
      if (failing?.test(url.pathname)) return void response.writeHead(503).end();
      response.writeHead(200, { 'content-type': script.contentType });
      response.end(script.content);
    } else if ((url.pathname === '/api/chat' || url.pathname === '/v1/chat/completions') && request.method === 'POST') {
      chatRequests++;
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        response.end(answer);
      });
    } else if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'" });
      response.end(page(url.searchParams.get('endpoint') ?? '/api/chat'));
    } else {
      response.writeHead(404).end();
    }
  });

  async function type(endpoint = '/api/chat') {
    fetched.length = 0;
    chatRequests = 0;
    const tab = await site.browser.newPage();
    await tab.goto(`${site.origin}/?endpoint=${encodeURIComponent(endpoint)}`);
    await tab.locator('parley-chat [part~="input"]').fill('When did PO-7 ship?');
    return tab;
  }
  async function ask() {
    const tab = await type();
    await tab.locator('parley-chat [part~="input"]').press('Enter');
    return tab;
  }
  const protocolChunks = () => [...new Set(fetched.filter((path) => protocolChunk.test(path)).map((path) => path.replace(/^\/chunks\/|-[\w-]{6}\.js$/g, '')))].sort();

  it('an OpenAI-compatible gateway: the detection and the openai adapter, no other adapter', async () => {
    failing = undefined;
    const tab = await ask();
    await tab.locator('parley-chat [part~="message"][part~="assistant"]').getByText('PO-7 shipped on Monday.').waitFor();
    // The native adapter comes with the detection: it shares the request body `auto` sends.
    expect(protocolChunks()).toEqual(['detect-protocol', 'openai', 'parley']);
    await tab.close();
  });

  it('an endpoint path only OpenAI-compatible servers answer on: typing fetches the openai adapter, before any request', async () => {
    failing = undefined;
    const tab = await type('/v1/chat/completions');
    // Without the head start the adapter waits for the response's first frame: one more round trip.
    await expect.poll(protocolChunks, { timeout: 5000 }).toEqual(['detect-protocol', 'openai', 'parley']);
    expect(chatRequests).toBe(0);
    await tab.locator('parley-chat [part~="input"]').press('Enter');
    await tab.locator('parley-chat [part~="message"][part~="assistant"]').getByText('PO-7 shipped on Monday.').waitFor();
    expect(protocolChunks()).toEqual(['detect-protocol', 'openai', 'parley']);
    await tab.close();
  });

  it('an adapter chunk the host fails to serve is a retryable error, and Retry brings the answer', async () => {
    failing = /^\/chunks\/openai-[\w-]{6}\.js$/;
    const tab = await ask();
    const chat = tab.locator('parley-chat');
    const alert = chat.locator('[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The assistant cannot be reached right now.');
    expect(fetched.filter((path) => failing!.test(path)).length).toBeGreaterThan(0);

    failing = undefined;
    await alert.getByRole('button', { name: 'Retry' }).click();
    await chat.locator('[part~="message"][part~="assistant"]').getByText('PO-7 shipped on Monday.').waitFor();
    expect(await chat.locator('[role="alert"]').count()).toBe(0);
    expect(chatRequests).toBe(2);
    await tab.close();
  });
});
