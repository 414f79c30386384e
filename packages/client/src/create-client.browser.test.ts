import { describe, expect, it } from 'vitest';
import { createClient } from './create-client.js';

const body =
  'data: {"id":"c1","model":"deepseek-reasoner","choices":[{"index":0,"delta":{"role":"assistant","content":null,"reasoning_content":"查合同"}}]}\r\n\r\n' +
  'data: {"choices":[{"index":0,"delta":{"content":"付款条件是 Net 30 🙂"},"finish_reason":"stop"}]}\r\n\r\n' +
  'data: [DONE]\r\n\r\n';
/** A real response from Chromium's own fetch, without a server: a data: URL carries the stream. */
const url = `data:text/event-stream;charset=utf-8,${encodeURIComponent(body)}`;

describe('createClient in Chromium', () => {
  it('streams with the page’s fetch passed as an option (called unbound, no "Illegal invocation")', async () => {
    const stream = createClient({ url, protocol: 'openai', fetch: window.fetch, retry: false }).stream({ messages: [{ role: 'user', content: '付款条件？' }] });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual(['start', 'reasoning-delta', 'text-delta', 'finish']);
    expect(await stream.result).toMatchObject({ text: '付款条件是 Net 30 🙂', reasoning: '查合同', error: null });
  });

  it('uses the global fetch by default and detects the protocol with auto', async () => {
    const result = await createClient({ url, retry: false }).stream({ messages: [{ role: 'user', content: 'Hi' }] }).result;
    expect(result).toMatchObject({ text: '付款条件是 Net 30 🙂', finishReason: 'stop', error: null });
  });
});
