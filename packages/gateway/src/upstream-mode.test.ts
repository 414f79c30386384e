import { createClient, type ChatMessage } from '@parley/client';
import { afterEach, describe, expect, it } from 'vitest';
import { mintDemoToken } from './demo-users.js';
import { chunk, startFakeOpenAIServer, type FakeOpenAIServer } from './testing/fake-openai-server.js';
import { citedDocuments, nativeEvents, reasoningOf, textOf } from './testing/native-events.js';
import { postJson, readSseData } from './testing/read-sse.js';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';

const answer = [
  chunk({ role: 'assistant', content: '' }),
  chunk({ reasoning_content: 'The agreement says Net 45.' }),
  chunk({ content: 'ACME invoices are due in 45 days, ' }),
  chunk({ content: 'with 2% off when paid within 10 days [1].' }),
  chunk({}, 'stop'),
];

let upstream: FakeOpenAIServer | undefined;
let gateway: TestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  await upstream?.close();
  gateway = upstream = undefined;
});

async function start(chunks: unknown[], options: { hold?: boolean; jwtSecret?: string } = {}) {
  upstream = await startFakeOpenAIServer(chunks, options);
  gateway = await startTestGateway({ upstream: { url: upstream.url, model: 'qwen-test', key: 'sk-upstream' }, ...(options.jwtSecret ? { jwtSecret: options.jwtSecret } : {}) });
  return { upstream, gateway };
}

const question = { messages: [{ role: 'user', content: 'What are the payment terms with ACME?' }] };

describe('upstream mode (PARLEY_UPSTREAM_URL)', () => {
  it('gives the upstream the retrieved passages as a system message, with its model and key', async () => {
    const { upstream, gateway } = await start(answer);
    await nativeEvents(gateway.url, question);
    const [request] = upstream.requests;
    expect(request?.headers.authorization).toBe('Bearer sk-upstream');
    expect(request?.body).toMatchObject({ model: 'qwen-test', stream: true });
    const messages = request?.body['messages'] as ChatMessage[];
    expect(messages[0]?.role).toBe('system');
    expect(messages[0]?.content).toContain('[1] ACME Industrial Supplies — Master Supply Agreement › 4. Payment Terms');
    expect(messages[0]?.content).toContain('Payment is due Net 45');
    expect(messages.at(-1)).toEqual({ role: 'user', content: 'What are the payment terms with ACME?' });
  });

  it('streams the upstream answer natively with the retrieved citations added', async () => {
    const { gateway } = await start(answer);
    const events = await nativeEvents(gateway.url, question);
    expect(textOf(events)).toBe('ACME invoices are due in 45 days, with 2% off when paid within 10 days [1].');
    expect(reasoningOf(events)).toBe('The agreement says Net 45.');
    expect(citedDocuments(events)[0]).toBe('acme-supply-agreement');
    const firstCitation = events.findIndex((event) => event.type === 'citation');
    expect(firstCitation).toBeLessThan(events.findIndex((event) => event.type === 'text-delta'));
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('streams the same answer in the OpenAI protocol when the gateway is called that way', async () => {
    const { gateway } = await start(answer);
    const client = createClient({ url: `${gateway.url}/v1/chat/completions`, protocol: 'openai', retry: false });
    const result = await client.stream(question as { messages: ChatMessage[] }).result;
    expect(result.text).toBe('ACME invoices are due in 45 days, with 2% off when paid within 10 days [1].');
    expect(result.citations[0]).toMatchObject({ id: '1', title: 'ACME Industrial Supplies — Master Supply Agreement', url: `${gateway.url}/docs/acme-supply-agreement#section-4` });
  });

  it('passes tools through and returns the upstream tool call', async () => {
    const { upstream, gateway } = await start([
      chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_up_1', type: 'function', function: { name: 'lookup_stock', arguments: '{"it' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: 'em":"monitor"}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    const tools = [{ name: 'lookup_stock', description: 'Current stock', parameters: { type: 'object', properties: { item: { type: 'string' } } } }];
    const events = await nativeEvents(gateway.url, { messages: [{ role: 'user', content: 'How many monitors are in stock?' }], tools });
    expect(upstream.requests[0]?.body['tools']).toEqual([{ type: 'function', function: { name: 'lookup_stock', description: 'Current stock', parameters: tools[0]?.parameters } }]);
    expect(events.find((event) => event.type === 'tool-call')).toEqual({ type: 'tool-call', toolCall: { id: 'call_up_1', name: 'lookup_stock', args: { item: 'monitor' } } });
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'tool-calls' });
  });

  it('forwards the page context and the verified user, never a restricted passage the user may not see', async () => {
    const secret = 'upstream-test-secret-at-least-32-characters';
    const { upstream, gateway } = await start(answer, { jwtSecret: secret });
    const bob = await mintDemoToken(secret, 'bob');
    const body = { messages: [{ role: 'user', content: 'What is our negotiation strategy with ACME?' }], context: { order: { id: 'PO-2025-0117' } } };
    await nativeEvents(gateway.url, body, { authorization: `Bearer ${bob.token}` });
    const request = upstream.requests[0]!;
    expect(request.body['user']).toBe('northwind:bob');
    const sent = JSON.stringify(request.body['messages']);
    expect(sent).toContain('PO-2025-0117');
    expect(sent).not.toContain('Renegotiation');
    expect(request.headers.authorization).toBe('Bearer sk-upstream');
  });

  it('aborts the upstream request when its own client disconnects', async () => {
    const { upstream, gateway } = await start(answer.slice(0, 3), { hold: true });
    const response = await postJson(`${gateway.url}/api/chat`, question);
    const reader = response.body!.getReader();
    let seen = '';
    while (!seen.includes('45 days')) seen += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    await upstream.disconnected;
  });

  it('reports an upstream failure as an error event, and as an OpenAI error over that protocol', async () => {
    const { gateway } = await start([chunk({ content: 'Partial ' }), { error: { message: 'upstream overloaded', type: 'server_error', code: 'overloaded' } }]);
    const events = await nativeEvents(gateway.url, question);
    expect(events.find((event) => event.type === 'error')).toMatchObject({ type: 'error', error: { message: expect.stringContaining('upstream overloaded') } });
    expect(events.at(-1)).toMatchObject({ type: 'finish', reason: 'error' });
    const data = await readSseData(await postJson(`${gateway.url}/v1/chat/completions`, { ...question, stream: true }));
    expect(data.at(-1)).not.toBe('[DONE]');
    expect(JSON.parse(data.at(-1)!)).toMatchObject({ error: { message: expect.stringContaining('upstream overloaded') } });
  });
});
