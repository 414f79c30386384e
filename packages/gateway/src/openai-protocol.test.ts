import { createClient } from '@parley/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, readSseData } from './testing/read-sse.js';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

type Chunk = {
  object?: string;
  choices: { delta: Record<string, unknown>; finish_reason: string | null }[];
  usage?: Record<string, unknown> | null;
  citations?: string[];
  search_results?: { title: string; url: string }[];
};

const orderTool = {
  type: 'function',
  function: {
    name: 'create_purchase_order',
    description: 'Create a purchase order in the ERP',
    parameters: { type: 'object', properties: { supplier: { type: 'string' }, item: { type: 'string' }, quantity: { type: 'integer' } }, required: ['supplier', 'item', 'quantity'] },
  },
};

async function chunks(body: unknown): Promise<{ chunks: Chunk[]; done: boolean }> {
  const response = await postJson(`${gateway.url}/v1/chat/completions`, body);
  expect(response.status).toBe(200);
  expect(response.headers.get('x-accel-buffering')).toBe('no');
  const data = await readSseData(response);
  return { chunks: data.filter((line) => line !== '[DONE]').map((line) => JSON.parse(line) as Chunk), done: data.at(-1) === '[DONE]' };
}

describe('POST /v1/chat/completions (OpenAI-compatible SSE)', () => {
  it('sends a role-only first chunk, reasoning_content, content, Perplexity-style citations, finish_reason, usage last, then [DONE]', async () => {
    const { chunks: all, done } = await chunks({
      model: 'parley-demo-retrieval',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'What are the payment terms with ACME?' }],
    });
    expect(done).toBe(true);
    expect(all[0]?.object).toBe('chat.completion.chunk');
    expect(all[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '', refusal: null });
    const reasoning = all.map((chunk) => chunk.choices[0]?.delta['reasoning_content'] ?? '').join('');
    const content = all.map((chunk) => chunk.choices[0]?.delta['content'] ?? '').join('');
    expect(reasoning).toContain('BM25');
    expect(content).toContain('Net 45');
    expect(content).toContain('[1]');
    const withCitations = all.filter((chunk) => chunk.citations);
    expect(withCitations.at(-1)?.citations?.[0]).toBe(`${gateway.url}/docs/acme-supply-agreement#section-4`);
    expect(withCitations.at(-1)?.search_results?.[0]?.title).toBe('ACME Industrial Supplies — Master Supply Agreement');
    const finishes = all.filter((chunk) => chunk.choices[0]?.finish_reason);
    expect(finishes.map((chunk) => chunk.choices[0]?.finish_reason)).toEqual(['stop']);
    const last = all.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
    expect(all.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('streams a tool call as fragments that join into valid JSON arguments, with finish_reason tool_calls', async () => {
    const { chunks: all } = await chunks({ stream: true, tools: [orderTool], messages: [{ role: 'user', content: 'Order 10 laptops from ACME' }] });
    const fragments = all.flatMap((chunk) => (chunk.choices[0]?.delta['tool_calls'] as { id?: string; function: { name?: string; arguments: string } }[] | undefined) ?? []);
    expect(fragments.length).toBeGreaterThan(1);
    expect(fragments[0]).toMatchObject({ id: expect.stringMatching(/^call_/), function: { name: 'create_purchase_order' } });
    expect(JSON.parse(fragments.map((fragment) => fragment.function.arguments).join(''))).toEqual({ supplier: 'ACME Industrial Supplies', item: 'ProBook 14 laptop', quantity: 10 });
    expect(all.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(all.some((chunk) => 'usage' in chunk)).toBe(false);
  });

  it('answers with one JSON completion when stream is false', async () => {
    const response = await postJson(`${gateway.url}/v1/chat/completions`, { stream: false, messages: [{ role: 'user', content: '差旅住宿标准是多少？' }] });
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const completion = (await response.json()) as { object: string; choices: { message: { role: string; content: string; reasoning_content: string }; finish_reason: string }[]; citations: string[] };
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message.content).toContain('一线城市');
    expect(completion.choices[0]?.message.reasoning_content).toContain('住宿');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.citations[0]).toContain('/docs/travel-policy#section-');
  });

  it('is read by @parley/client with protocol "openai": text, reasoning, citations and a parsed tool call', async () => {
    const client = createClient({ url: `${gateway.url}/v1/chat/completions`, protocol: 'openai', model: 'parley-demo-retrieval', retry: false });
    const answer = await client.stream({ messages: [{ role: 'user', content: 'What are the payment terms with ACME?' }] }).result;
    expect(answer.error).toBeNull();
    expect(answer.text).toContain('Net 45');
    expect(answer.reasoning).toContain('BM25');
    expect(answer.citations[0]).toMatchObject({ id: '1', title: 'ACME Industrial Supplies — Master Supply Agreement' });
    expect(answer.usage?.outputTokens).toBeGreaterThan(0);

    const tools = [{ name: 'create_purchase_order', parameters: orderTool.function.parameters }];
    const order = await client.stream({ messages: [{ role: 'user', content: '帮我向ACME订购10台笔记本' }], tools }).result;
    expect(order.finishReason).toBe('tool-calls');
    expect(order.toolCalls).toEqual([{ id: expect.any(String), name: 'create_purchase_order', args: { supplier: 'ACME Industrial Supplies', item: 'ProBook 14 laptop', quantity: 10 } }]);
    expect(order.text).toContain('ACME Industrial Supplies');
  });

  it('takes the tool result back in OpenAI form (assistant tool_calls + tool message) and confirms it', async () => {
    const response = await postJson(`${gateway.url}/v1/chat/completions`, {
      stream: false,
      tools: [orderTool],
      messages: [
        { role: 'user', content: 'Order 10 laptops from ACME' },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'create_purchase_order', arguments: '{"supplier":"ACME Industrial Supplies","item":"ProBook 14 laptop","quantity":10}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: '{"id":"PO-2026-0150","status":"Pending approval"}' },
      ],
    });
    const completion = (await response.json()) as { choices: { message: { content: string } }[]; citations: string[] };
    expect(completion.choices[0]?.message.content).toContain('purchase order **PO-2026-0150** for 10 × ProBook 14 laptop from ACME Industrial Supplies was created');
    expect(completion.citations[0]).toContain('/docs/acme-supply-agreement#section-4');
  });

  it('reads the context system message @parley/client sends for "this order" over OpenAI', async () => {
    const client = createClient({ url: `${gateway.url}/v1/chat/completions`, protocol: 'openai', retry: false });
    const context = { order: { id: 'PO-2025-0117', status: 'Awaiting CFO approval', supplier: 'ACME Industrial Supplies', amount: 48600, currency: 'USD' } };
    const answer = await client.stream({ messages: [{ role: 'user', content: 'What is the status of this order?' }], context }).result;
    expect(answer.text).toContain('PO-2025-0117');
    expect(answer.text).toContain('Awaiting CFO approval');
  });
});

describe('GET /v1/models', () => {
  it('lists the demo model', async () => {
    const response = await fetch(`${gateway.url}/v1/models`);
    expect(await response.json()).toEqual({ object: 'list', data: [{ id: 'parley-demo-retrieval', object: 'model', created: 0, owned_by: 'parley' }] });
  });
});
