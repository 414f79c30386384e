import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from './create-client.js';
import { createConversation } from './create-conversation.js';

/**
 * WIRE-FORMATS.md §4 (last bullet): a 429 `rate_limit_error` has `retry-after`, but
 * `error.details.error_code = enforced_spend_limit_reached` must not be retried. Real HTTP.
 */
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(status: number, headers: Record<string, string>, body: string): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  server = createServer((request, response) => {
    hits++;
    request.resume();
    response.writeHead(status, headers);
    response.end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/messages`, hits: () => hits };
}

describe('anthropic: the spend limit 429', () => {
  it('is asked once and reported as not worth retrying', async () => {
    const body = JSON.stringify({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'You have reached your specified workspace API usage limits.', details: { error_code: 'enforced_spend_limit_reached' } },
      request_id: 'req_011',
    });
    const gateway = await serve(429, { 'content-type': 'application/json', 'retry-after': '1' }, body);
    const client = createClient({ url: gateway.url, protocol: 'anthropic', model: 'claude-sonnet-4-5' });
    const result = await client.stream({ messages: [{ role: 'user', content: 'Hi' }] }).result;
    expect({ requests: gateway.hits(), status: result.error?.status, retryable: result.error?.retryable }).toEqual({ requests: 1, status: 429, retryable: false });
  });
});

describe('a wait before a retry', () => {
  it('shows as the parley:retry step while it lasts, and is gone from the answer once the retry answers', async () => {
    let hits = 0;
    server = createServer((request, response) => {
      request.resume();
      if (hits++ === 0) {
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' });
        response.end('{"error":{"message":"Slow down"}}');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(`data: ${JSON.stringify({ type: 'text-delta', delta: 'Net 45.' })}\n\ndata: ${JSON.stringify({ type: 'finish', reason: 'stop' })}\n\n`);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/chat`;

    const events = [];
    for await (const event of createClient({ url, protocol: 'parley' }).stream({ messages: [{ role: 'user', content: 'Terms?' }] })) events.push(event);
    expect(events.slice(0, 2)).toEqual([
      { type: 'status', status: { id: 'parley:retry', label: 'Waiting 1 s to try again (HTTP 429)', state: 'running', detail: expect.stringContaining('Slow down') } },
      { type: 'status', status: { id: 'parley:retry', label: 'Waiting 1 s to try again (HTTP 429)', state: 'done', detail: expect.stringContaining('Slow down') } },
    ]);
    expect(hits).toBe(2);

    hits = 0;
    const chat = createConversation({ client: createClient({ url, protocol: 'parley' }) });
    const seen: string[] = [];
    chat.subscribe(() => {
      const answer = chat.getSnapshot().messages.at(-1);
      if (answer?.role === 'assistant') seen.push(answer.parts.map((part) => (part.type === 'status' ? `step:${part.status.id}` : part.type)).join(','));
    });
    await chat.send('Terms?');
    expect(seen).toContain('step:parley:retry');
    expect(chat.getSnapshot().messages.at(-1)!.parts).toEqual([{ type: 'text', text: 'Net 45.' }]);
  });

  it('is the parley:reconnect step when the gateway could not be reached at all, and is gone from the answer too', async () => {
    let hits = 0;
    // The first try finds nothing listening (a refused connection); then the gateway answers.
    const fetch: typeof globalThis.fetch = async () => {
      if (hits++ === 0) throw new TypeError('fetch failed');
      return new Response(`data: ${JSON.stringify({ type: 'text-delta', delta: 'Back.' })}\n\ndata: ${JSON.stringify({ type: 'finish', reason: 'stop' })}\n\n`, { headers: { 'content-type': 'text/event-stream' } });
    };
    const timers = { setTimeout: (callback: () => void, ms: number) => setTimeout(callback, Math.min(ms, 10)), clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout), now: () => Date.now(), random: () => 0.5 };
    const options = { url: 'http://gateway.test/api/chat', protocol: 'parley' as const, fetch, timers, retry: { baseMs: 4000, maxMs: 4000 } };
    const events = [];
    for await (const event of createClient(options).stream({ messages: [{ role: 'user', content: 'Terms?' }] })) events.push(event);
    expect(events.slice(0, 2)).toEqual([
      { type: 'status', status: { id: 'parley:reconnect', label: 'Waiting 2 s to try again (network)', state: 'running', detail: expect.stringContaining('fetch failed') } },
      { type: 'status', status: { id: 'parley:reconnect', label: 'Waiting 2 s to try again (network)', state: 'done', detail: expect.stringContaining('fetch failed') } },
    ]);

    hits = 0;
    const chat = createConversation({ client: createClient(options) });
    const seen: string[] = [];
    chat.subscribe(() => {
      const answer = chat.getSnapshot().messages.at(-1);
      if (answer?.role === 'assistant') seen.push(answer.parts.map((part) => (part.type === 'status' ? `step:${part.status.id}` : part.type)).join(','));
    });
    await chat.send('Terms?');
    expect(seen).toContain('step:parley:reconnect');
    expect(chat.getSnapshot().messages.at(-1)!.parts).toEqual([{ type: 'text', text: 'Back.' }]);
  });
});
