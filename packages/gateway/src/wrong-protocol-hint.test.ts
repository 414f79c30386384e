import { createClient, type ToolDefinition } from '@parley/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';

/** A client pointed at the endpoint of the other protocol: the 400 it shows must say which endpoint to use. */
let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

const tools: ToolDefinition[] = [{ name: 'create_purchase_order', description: 'Create a purchase order', parameters: { type: 'object', properties: { item: { type: 'string' } } } }];
const messages = [{ role: 'user' as const, content: 'Order 10 laptops' }];

async function refusal(path: string, body: unknown) {
  const response = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('a body meant for the other chat endpoint', () => {
  it("an OpenAI client with tools on /api/chat is told to use /v1/chat/completions or protocol: 'parley'", async () => {
    const { error } = await createClient({ url: `${gateway.url}/api/chat`, protocol: 'openai', retry: false }).stream({ messages, tools }).result;
    expect(error).toMatchObject({ code: 'invalid_request', status: 400 });
    expect(error?.message).toMatch(/^The gateway refused the request \(HTTP 400\): This looks like an OpenAI chat-completions request, but \/api\/chat speaks the parley protocol: /);
    expect(error?.message).toContain("OpenAI-compatible clients use /v1/chat/completions (protocol: 'openai'), or set protocol: 'parley'.");
    // The schema's own complaint follows, for whoever reads the gateway's log or the raw response.
    expect(error?.message).toContain('tools.0.name');
  });

  it("a parley client with tools on /v1/chat/completions is told to use /api/chat or protocol: 'openai'", async () => {
    const { error } = await createClient({ url: `${gateway.url}/v1/chat/completions`, protocol: 'parley', retry: false }).stream({ messages, tools }).result;
    expect(error).toMatchObject({ code: 'invalid_request', status: 400 });
    expect(error?.message).toContain("but /v1/chat/completions speaks OpenAI chat completions: parley clients use /api/chat (protocol: 'parley'), or set protocol: 'openai'.");
  });

  it('recognises an OpenAI tool-call history without tools, and keeps the error shape', async () => {
    const history = [
      { role: 'user', content: 'Order 10 laptops' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'create_purchase_order', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"status":"created"}' },
    ];
    const { status, body } = await refusal('/api/chat', { messages: history });
    expect(status).toBe(400);
    expect(body).toEqual({ error: { code: 'invalid_request', type: 'invalid_request', message: expect.stringMatching(/^This looks like an OpenAI chat-completions request.* messages\.1\.content/) } });
  });

  it('gives no hint for a mistake in a body of the right protocol', async () => {
    const native = await refusal('/api/chat', { messages: [{ role: 'user' }] });
    const openai = await refusal('/v1/chat/completions', { messages: [{ role: 'user', content: 42 }], stream_options: { include_usage: true } });
    expect(JSON.stringify(native.body)).not.toContain('This looks like');
    expect(JSON.stringify(openai.body)).not.toContain('This looks like');
  });
});
