import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { replay, replayResult, standardSlicings } from '../testing/replay.js';

const fixture = (name: string) => readFileSync(new URL(`../../test-fixtures/parley/${name}.sse`, import.meta.url));

describe('parley (native) protocol', () => {
  it('passes every ChatEvent through unchanged, however the body is cut', async () => {
    const bytes = fixture('complete');
    const whole = await replay('parley', bytes);
    for (const slicing of standardSlicings()) expect((await replay('parley', bytes, slicing)).events).toEqual(whole.events);
    expect(whole.events.map((event) => event.type)).toEqual([
      'start', 'status', 'reasoning-delta', 'reasoning-delta', 'status', 'citation', 'text-delta', 'text-delta', 'data', 'tool-call', 'usage', 'finish',
    ]);
    expect(whole.result).toEqual({
      text: '付款条件是 Net 30 [1]。🙂',
      reasoning: '用户问付款条件，查合同。',
      citations: [{ id: '1', title: 'ACME supply agreement', source: 'contracts', page: 4, snippet: 'Payment is due within 30 days' }],
      toolCalls: [{ id: 'call_1', name: 'create_po', args: { vendor: 'ACME', qty: 10 } }],
      finishReason: 'tool-calls',
      usage: { inputTokens: 120, outputTokens: 48, reasoningTokens: 20 },
      error: null,
    });
  });

  it("keeps the gateway's own error code and the partial text", async () => {
    const result = await replayResult('parley', fixture('error'), 2);
    expect(result).toMatchObject({ text: 'Partial', finishReason: 'error', error: { code: 'rate_limit_exceeded', retryable: true } });
  });

  it('ends with bad_response on an event that is not a ChatEvent', async () => {
    const body = 'data: {"type":"text-delta","delta":"Hi"}\n\ndata: {"type":"text-delta","delta":42}\n\n';
    const result = await replayResult('parley', body);
    expect(result).toMatchObject({ text: 'Hi', finishReason: 'error', error: { code: 'bad_response', message: expect.stringContaining('delta') } });
  });

  it('POSTs the client’s own shapes with context', async () => {
    const { requests } = await replay('parley', fixture('complete'), 'whole', {
      client: { model: 'deepseek-r1' },
      stream: {
        messages: [{ role: 'user', content: 'Terms?' }],
        tools: [{ name: 'create_po', parameters: { type: 'object' } }],
        context: { page: 'invoice', id: 'INV-9' },
      },
    });
    expect(requests[0]).toEqual({
      model: 'deepseek-r1',
      messages: [{ role: 'user', content: 'Terms?' }],
      tools: [{ name: 'create_po', parameters: { type: 'object' } }],
      context: { page: 'invoice', id: 'INV-9' },
    });
  });
});
