import { createClient, type ChatEvent } from '@parley/client';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';
import { forwardCut } from './testing/forward-cut.js';

let gateway: TestGateway | undefined;
let proxy: Server | undefined;
afterEach(async () => {
  proxy?.closeAllConnections();
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  proxy = undefined;
  await gateway?.close();
});

interface Forwarded {
  lastEventId: string | undefined;
}

/**
 * A proxy in front of the gateway that lets the first answer's body through up to `cutAfter`
 * bytes and then breaks the connection (`destroy`) or closes it as if the answer were over
 * (`end`), as a proxy's timeout or a dropped VPN does. Later requests pass untouched.
 */
async function cuttingProxy(target: string, cutAfter: number, how: 'destroy' | 'end', { dropLastEventId = false } = {}): Promise<{ url: string; forwarded: Forwarded[] }> {
  const forwarded: Forwarded[] = [];
  proxy = createServer((req, res) => {
    const lastEventId = req.headers['last-event-id'];
    forwarded.push({ lastEventId: typeof lastEventId === 'string' ? lastEventId : undefined });
    const cut = forwarded.length === 1;
    const headers = { ...req.headers };
    // A proxy that forwards only the headers it knows (or a WAF) drops Last-Event-ID.
    if (dropLastEventId) delete headers['last-event-id'];
    forwardCut(req, res, target, cut ? { after: cutAfter, how } : undefined, headers);
  });
  await new Promise<void>((resolve) => proxy!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, forwarded };
}

const question = 'What are the payment terms with ACME?';

/** A byte offset into the answer's body, `into` bytes after its text began (its reasoning comes first). */
async function intoTheText(url: string, body: object, into: number): Promise<number> {
  const raw = await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).text();
  const at = raw.search(/text-delta|"content":"[^"]/);
  expect(at).toBeGreaterThan(0);
  expect(Buffer.byteLength(raw)).toBeGreaterThan(Buffer.byteLength(raw.slice(0, at)) + into * 2);
  return Buffer.byteLength(raw.slice(0, at)) + into;
}

async function answer(url: string, protocol: 'parley' | 'openai' = 'parley') {
  const client = createClient({ url, protocol });
  const events: ChatEvent[] = [];
  const stream = client.stream({ messages: [{ role: 'user', content: question }] });
  for await (const event of stream) events.push(event);
  return { events, result: await stream.result };
}

describe('an answer whose connection broke is taken up where it broke (Parley protocol, reference gateway)', () => {
  it.each(['destroy', 'end'] as const)('connection %s mid-answer: the whole answer once, as if nothing happened', async (how) => {
    gateway = await startTestGateway({ delayMs: 2 });
    const whole = await answer(`${gateway.url}/api/chat`);
    expect(whole.result.error).toBeNull();
    expect(whole.result.text.length).toBeGreaterThan(200);

    // Cut inside an event, well into the text.
    const cutAfter = await intoTheText(`${gateway.url}/api/chat`, { messages: [{ role: 'user', content: question }] }, 1001);
    const { url, forwarded } = await cuttingProxy(gateway.url, cutAfter, how);
    const cut = await answer(`${url}/api/chat`);
    expect(cut.result.error).toBeNull();
    expect(cut.result.finishReason).toBe('stop');
    expect(cut.result.text).toBe(whole.result.text);
    // Citation links are made absolute with the origin asked (here the proxy's).
    const paths = (citations: typeof whole.result.citations) => citations.map((citation) => ({ ...citation, url: citation.url && new URL(citation.url).pathname }));
    expect(paths(cut.result.citations)).toEqual(paths(whole.result.citations));
    expect(cut.result.citations.length).toBeGreaterThan(0);
    expect(cut.events.filter((event) => event.type === 'error')).toEqual([]);
    expect(forwarded).toHaveLength(2);
    expect(forwarded[0]!.lastEventId).toBeUndefined();
    expect(forwarded[1]!.lastEventId).toMatch(/^[0-9a-f-]{36}:\d+$/);
  });

  it('a gateway that stopped the answer (no grace): the break stands, with the text that came and Retry', async () => {
    gateway = await startTestGateway({ delayMs: 2, resumeGraceMs: 0 });
    const whole = await answer(`${gateway.url}/api/chat`);
    const cutAfter = await intoTheText(`${gateway.url}/api/chat`, { messages: [{ role: 'user', content: question }] }, 1001);
    const { url, forwarded } = await cuttingProxy(gateway.url, cutAfter, 'destroy');
    const cut = await answer(`${url}/api/chat`);
    expect(cut.result.error).toMatchObject({ code: 'network', retryable: true });
    expect(cut.result.error?.message).toMatch(/The connection broke while the answer was streaming/);
    expect(cut.result.text.length).toBeGreaterThan(0);
    expect(whole.result.text.startsWith(cut.result.text)).toBe(true);
    expect(forwarded).toHaveLength(2);
  });

  it('a proxy that drops Last-Event-ID: the gateway answers all over, and the client must not append that second answer to the first', async () => {
    gateway = await startTestGateway({ delayMs: 2 });
    const whole = await answer(`${gateway.url}/api/chat`);
    const cutAfter = await intoTheText(`${gateway.url}/api/chat`, { messages: [{ role: 'user', content: question }] }, 1001);
    const { url, forwarded } = await cuttingProxy(gateway.url, cutAfter, 'destroy', { dropLastEventId: true });
    const cut = await answer(`${url}/api/chat`);
    expect(forwarded).toHaveLength(2);
    // The text that came before the break, once: never the start of the answer a second time.
    expect(whole.result.text.startsWith(cut.result.text)).toBe(true);
    expect(cut.result.error).toMatchObject({ code: 'network', retryable: true });
  });

  it('a protocol without resuming (OpenAI chat completions): one request, the break said, nothing re-sent', async () => {
    gateway = await startTestGateway({ delayMs: 2 });
    const cutAfter = await intoTheText(`${gateway.url}/v1/chat/completions`, { stream: true, messages: [{ role: 'user', content: question }] }, 5001);
    const { url, forwarded } = await cuttingProxy(gateway.url, cutAfter, 'destroy');
    const cut = await answer(`${url}/v1/chat/completions`, 'openai');
    expect(cut.result.error).toMatchObject({ code: 'network', retryable: true });
    expect(cut.result.text.length).toBeGreaterThan(0);
    expect(forwarded).toHaveLength(1);
  });
});
