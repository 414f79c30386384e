import { createClient } from '@parley/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citedDocuments, nativeEvents, textOf } from './testing/native-events.js';
import { postJson, readSseData } from './testing/read-sse.js';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

const question = { messages: [{ role: 'user', content: 'What are the payment terms with ACME?' }] };

describe('POST /api/chat (native protocol)', () => {
  it('streams SSE that proxies do not buffer, one valid ChatEvent per data line, ending with finish', async () => {
    const response = await postJson(`${gateway.url}/api/chat`, { ...question, stream: true, temperature: 0.2 });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('cache-control')).toMatch(/no-cache/);
    const data = await readSseData(response);
    const events = data.map((line) => JSON.parse(line) as { type: string; reason?: string });
    expect(events[0]).toMatchObject({ type: 'start', model: 'parley-demo-retrieval' });
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
    expect(events.filter((event) => event.type === 'finish')).toHaveLength(1);
  });

  it('answers from the ACME agreement with [n] markers that match its citation events', async () => {
    const events = await nativeEvents(gateway.url, question);
    const text = textOf(events);
    expect(text).toContain('Net 45');
    expect(text).toContain('[1]');
    expect(text).toMatch(/retrieval demo/i);
    const first = events.find((event) => event.type === 'citation');
    expect(first).toMatchObject({
      citation: {
        id: '1',
        title: 'ACME Industrial Supplies — Master Supply Agreement',
        source: 'Contracts / Suppliers / ACME-MSA-2024-017.pdf › 4. Payment Terms',
        meta: { documentId: 'acme-supply-agreement', section: '4. Payment Terms' },
      },
    });
    expect(first?.type === 'citation' && first.citation.url).toBe(`${gateway.url}/docs/acme-supply-agreement#section-4`);
    expect(first?.type === 'citation' && first.citation.snippet).toContain('Net 45');
  });

  it('shows its reasoning: what it searched and which passages ranked', async () => {
    const events = await nativeEvents(gateway.url, question);
    const reasoning = events.map((event) => (event.type === 'reasoning-delta' ? event.delta : '')).join('');
    expect(reasoning).toContain('payment, term, acme');
    expect(reasoning).toContain('1. ACME Industrial Supplies — Master Supply Agreement › 4. Payment Terms');
    // Reasoning comes before the answer, as a reasoning model streams it.
    expect(events.findIndex((event) => event.type === 'reasoning-delta')).toBeLessThan(events.findIndex((event) => event.type === 'text-delta'));
  });

  it('reports multi-step research as status steps updated in place', async () => {
    const events = await nativeEvents(gateway.url, { messages: [{ role: 'user', content: 'Compare the payment terms of ACME and Huadong' }] });
    const steps = events.flatMap((event) => (event.type === 'status' ? [`${event.status.id}:${event.status.state}`] : []));
    expect(steps).toEqual(['search:running', 'search:done', 'read:running', 'read:done', 'compare:running', 'compare:done', 'compose:running', 'compose:done']);
    expect(citedDocuments(events)).toEqual(expect.arrayContaining(['acme-supply-agreement', 'huadong-electronics-agreement']));
  });

  it('compares both named suppliers when asked in Chinese, although only one agreement is in Chinese', async () => {
    const events = await nativeEvents(gateway.url, { messages: [{ role: 'user', content: '对比ACME和华东电子的付款条件' }] });
    expect(citedDocuments(events).slice(0, 2)).toEqual(['acme-supply-agreement', 'huadong-electronics-agreement']);
    expect(textOf(events)).toContain('Net 45');
    expect(textOf(events)).toContain('月结60天');
  });

  it('is read by @parley/client with protocol "parley" into the same answer', async () => {
    const client = createClient({ url: `${gateway.url}/api/chat`, protocol: 'parley', retry: false });
    const stream = client.stream({ messages: [{ role: 'user', content: 'What are the payment terms with ACME?' }] });
    const result = await stream.result;
    expect(result.error).toBeNull();
    expect(result.finishReason).toBe('stop');
    expect(result.text).toContain('Net 45');
    expect(result.reasoning).toContain('BM25');
    expect(result.citations[0]).toMatchObject({ id: '1', title: 'ACME Industrial Supplies — Master Supply Agreement' });
    expect(result.usage?.outputTokens).toBeGreaterThan(0);
  });

  it('answers "this order" from the context the page sends', async () => {
    const context = { order: { id: 'PO-2025-0117', supplier: 'ACME Industrial Supplies', status: 'Awaiting CFO approval', amount: 48600, currency: 'USD' } };
    const events = await nativeEvents(gateway.url, { messages: [{ role: 'user', content: 'What is the status of this order?' }], context });
    const text = textOf(events);
    expect(text).toContain('PO-2025-0117');
    expect(text).toContain('Awaiting CFO approval');
    expect(text).toContain('CFO must approve');
    expect(citedDocuments(events)).toEqual(['acme-supply-agreement', 'procurement-policy']);
  });

  it('says so when asked about "this order" without any context, instead of guessing', async () => {
    const events = await nativeEvents(gateway.url, { messages: [{ role: 'user', content: '这个订单的状态是什么？' }] });
    expect(textOf(events)).toContain('页面没有告诉我您正在查看哪张订单');
    expect(citedDocuments(events)).toEqual([]);
  });
});

describe('GET /healthz and unknown routes', () => {
  it('reports health and the model', async () => {
    const response = await fetch(`${gateway.url}/healthz`);
    expect(await response.json()).toEqual({ status: 'ok', model: 'parley-demo-retrieval', upstream: false, documents: 8 });
  });

  it('answers unknown paths with a JSON 404', async () => {
    const response = await fetch(`${gateway.url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('tells a chat client that mistyped its endpoint which ones answer (what its error notice shows)', async () => {
    const response = await fetch(`${gateway.url}/api/chta`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(404);
    const { error } = (await response.json()) as { error: { message: string } };
    expect(error.message).toBe('no route POST /api/chta: chat answers stream from POST /api/chat (Parley) or POST /v1/chat/completions (OpenAI-compatible)');
  });
});
