import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../chat-result.js';
import { replay, standardSlicings } from '../testing/replay.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test-fixtures/ai-sdk/${name}`, import.meta.url)));

/**
 * Replays a transcript whole, in 1-byte slices and at seeded random boundaries: every cut must
 * give `expected`, and the very same events (steps, data and start included) as the whole body.
 */
async function expectResult(name: string, expected: ChatResult) {
  const bytes = fixture(name);
  const whole = await replay('ai-sdk', bytes);
  for (const slicing of standardSlicings()) {
    const { result, events } = await replay('ai-sdk', bytes, slicing);
    expect(result, `${name} sliced ${JSON.stringify(slicing)}`).toEqual(expected);
    expect(events, `${name} events sliced ${JSON.stringify(slicing)}`).toEqual(whole.events);
  }
}

describe('ai-sdk protocol', () => {
  it('reads reasoning, interleaved text blocks in block order, sources, data parts and usage from message metadata', async () => {
    await expectResult('reasoning-text-sources.sse', {
      text: '付款期限为 30 天 [1] 👍。 Second block follows.',
      reasoning: '查一下合同条款。',
      citations: [
        { id: 'src-1', url: 'https://intranet.example.cn/contracts/acme', title: 'ACME 供货合同' },
        { id: 'src-2', title: 'Price list 2026', source: 'price-list-2026.pdf', meta: { mediaType: 'application/pdf' } },
      ],
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 25, outputTokens: 40 },
      error: null,
    });
    const { events } = await replay('ai-sdk', fixture('reasoning-text-sources.sse'), 1);
    expect(events[0]).toEqual({ type: 'start', messageId: 'msg-Kq9vR2mT8xWz3LpY', model: 'deepseek-reasoner' });
    expect(events.filter((event) => event.type === 'data')).toEqual([{ type: 'data', name: 'weather', data: { city: 'Shanghai', status: 'loading' }, id: 'weather-1' }]);
  });

  it('hands over client tool calls (input preferred over deltas) but shows server-executed ones as done steps', async () => {
    await expectResult('tool-calls.sse', {
      text: '上海 21°C，晴。',
      reasoning: '',
      citations: [],
      toolCalls: [
        { id: 'call_po_2', name: 'createPurchaseOrder', args: { sku: 'SKU-7', note: 'say "hi"', qty: 10 } },
        { id: 'call_mail_3', name: 'notifyBuyer', args: { to: 'buyer@example.com' } },
      ],
      finishReason: 'tool-calls',
      usage: null,
      error: null,
    });
    const { events } = await replay('ai-sdk', fixture('tool-calls.sse'));
    expect(events.filter((event) => event.type === 'status')).toEqual([
      { type: 'status', status: { id: 'call_weather_1', label: 'getWeather', state: 'done' } },
    ]);
  });

  it('ends on an error part with its errorText, keeping the partial text', async () => {
    await expectResult('error.sse', {
      text: 'Looking that up',
      reasoning: '',
      citations: [],
      toolCalls: [],
      finishReason: 'error',
      usage: null,
      error: { code: 'server_error', message: 'Rate limit exceeded for model deepseek-chat' },
    });
  });

  it('finishes as abort when the server aborts', async () => {
    await expectResult('abort.sse', {
      text: 'Half an ans',
      reasoning: '',
      citations: [],
      toolCalls: [],
      finishReason: 'abort',
      usage: null,
      error: null,
    });
  });

  it('reports a stream cut before finish, without the pending tool calls', async () => {
    const whole = new TextDecoder().decode(fixture('tool-calls.sse'));
    const { result } = await replay('ai-sdk', whole.slice(0, whole.indexOf('data: {"type":"finish"')), 4);
    expect(result.text).toBe('上海 21°C，晴。');
    expect(result.toolCalls).toEqual([]);
    expect(result.finishReason).toBe('error');
    expect(result.error?.code).toBe('network');
  });

  it('sends UI messages with parts, tool calls and their outputs on the calling message', async () => {
    const { requests } = await replay('ai-sdk', fixture('abort.sse'), 'whole', {
      stream: {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Weather?' },
          { role: 'assistant', content: 'Checking.', toolCalls: [{ id: 'call_1', name: 'getWeather', args: { city: 'Shanghai' } }] },
          { role: 'tool', toolCallId: 'call_1', content: '{"temperature":21}' },
        ],
      },
    });
    expect(requests).toEqual([
      {
        messages: [
          { id: 'm0', role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] },
          { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Weather?' }] },
          {
            id: 'm2',
            role: 'assistant',
            parts: [
              { type: 'text', text: 'Checking.' },
              { type: 'tool-getWeather', toolCallId: 'call_1', state: 'output-available', input: { city: 'Shanghai' }, output: { temperature: 21 } },
            ],
          },
        ],
      },
    ]);
  });
});

describe('ai-sdk HTTP errors', () => {
  it('reports a plain-text 500 from the route with its status', async () => {
    const { result } = await replay('ai-sdk', 'An error occurred.', 'whole', { status: 500, contentType: 'text/plain' });
    expect(result.finishReason).toBe('error');
    expect(result.error).toMatchObject({ code: 'http_500', status: 500 });
  });
});
