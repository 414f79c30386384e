import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../chat-result.js';
import { replay, standardSlicings } from '../testing/replay.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test-fixtures/ollama/${name}`, import.meta.url)));

/**
 * Replays a transcript whole, in 1-byte slices and at seeded random boundaries: every cut must
 * give `expected`, and the very same events (steps, data and start included) as the whole body.
 */
async function expectResult(name: string, expected: ChatResult) {
  const bytes = fixture(name);
  const whole = await replay('ollama', bytes);
  for (const slicing of standardSlicings()) {
    const { result, events } = await replay('ollama', bytes, slicing);
    expect(madeUpIds(result), `${name} sliced ${JSON.stringify(slicing)}`).toEqual(expected);
    expect(madeUpIds(events), `${name} events sliced ${JSON.stringify(slicing)}`).toEqual(madeUpIds(whole.events));
  }
}

const madeUpId = /call_[0-9a-f]{24}/g;

/** `value` with the tool-call ids the adapter made up (random) named `made-up-0`, `made-up-1`… in order, so that replays compare. */
function madeUpIds<T>(value: T): T {
  const names = new Map<string, string>();
  return JSON.parse(JSON.stringify(value).replace(madeUpId, (id) => names.get(id) ?? (names.set(id, `made-up-${names.size}`), names.get(id)!))) as T;
}

describe('ollama protocol', () => {
  it('reads message.thinking then message.content, with Go\'s \\u003c escapes, and usage from the eval counts', async () => {
    await expectResult('thinking-then-answer.ndjson', {
      text: '仓库里还有 42 件 <SKU-7> 🚚',
      reasoning: '用户问的是库存，a < b && c > d。',
      citations: [],
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 26, outputTokens: 58 },
      error: null,
    });
    const { events } = await replay('ollama', fixture('thinking-then-answer.ndjson'));
    expect(events[0]).toEqual({ type: 'start', model: 'qwen3:8b' });
  });

  // Ollama before its thinking API (< 0.9), and 0.9.x whenever the request has no `think` (which
  // Parley never sends), leaves DeepSeek-R1's `<think>…</think>` in message.content
  // (ollama/ollama#11279, quoted in #11291: "causing think tags to be leaked to the user").
  it('reads a <think> block left in message.content as reasoning, tags cut across lines and Go-escaped', async () => {
    await expectResult('think-inline-content.ndjson', {
      text: 'SKU-7 has 42 units left.',
      reasoning: 'Okay, the user asks for SKU-7 stock; 42 < 50 & reorder?\n',
      citations: [],
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 14, outputTokens: 61 },
      error: null,
    });
  });

  it('gives complete tool calls ids of their own and infers tool-calls although done_reason says stop', async () => {
    await expectResult('tool-calls.ndjson', {
      text: '',
      reasoning: '',
      citations: [],
      toolCalls: [
        { id: 'made-up-0', name: 'get_stock', args: { sku: 'SKU-7', warehouse: '上海' } },
        { id: 'made-up-1', name: 'get_price', args: { sku: 'SKU-7', currency: 'CNY', tiers: [1, 10, 100] } },
      ],
      finishReason: 'tool-calls',
      usage: { inputTokens: 190, outputTokens: 44 },
      error: null,
    });
  });

  it('makes up ids that the next model call does not repeat: an agent loop\'s second step, or the next answer, has calls of its own', async () => {
    const first = await replay('ollama', fixture('tool-calls.ndjson'));
    const second = await replay('ollama', fixture('tool-calls.ndjson'));
    const ids = [...first.result.toolCalls, ...second.result.toolCalls].map((call) => call.id);
    expect(new Set(ids).size).toBe(4);
  });

  it('ends on an {"error"} line that has no done (no hang), keeping the partial text', async () => {
    await expectResult('error-mid-stream.ndjson', {
      text: 'The quarterly report shows',
      reasoning: '',
      citations: [],
      toolCalls: [],
      finishReason: 'error',
      usage: null,
      error: { code: 'server_error', message: 'an error was encountered while running the model: unexpected EOF' },
    });
  });

  it('maps done_reason length, with CRLF line ends and no newline after the last line', async () => {
    await expectResult('length-crlf.ndjson', {
      text: 'Das Angebot umfasst drei Positionen: Größe …',
      reasoning: '',
      citations: [],
      toolCalls: [],
      finishReason: 'length',
      usage: { inputTokens: 12, outputTokens: 8 },
      error: null,
    });
  });

  it('reports a line cut mid-JSON as bad_response and keeps the text before it', async () => {
    const whole = new TextDecoder().decode(fixture('thinking-then-answer.ndjson'));
    const { result } = await replay('ollama', whole.slice(0, whole.lastIndexOf('"done":true') - 10), 2);
    expect(result.text).toBe('仓库里还有 42 件 <SKU-7> 🚚');
    expect(result.finishReason).toBe('error');
    expect(result.error?.code).toBe('bad_response');
  });

  it('sends tool calls with object arguments, tool results with the tool name, and function tools', async () => {
    const { requests } = await replay('ollama', fixture('tool-calls.ndjson'), 'whole', {
      client: { model: 'llama3.1:8b' },
      stream: {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Stock of SKU-7?' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_0', name: 'get_stock', args: { sku: 'SKU-7' } }] },
          { role: 'tool', toolCallId: 'call_0', content: '42' },
        ],
        tools: [{ name: 'get_stock', description: 'Stock of a SKU', parameters: { type: 'object' } }],
      },
    });
    expect(requests).toEqual([
      {
        model: 'llama3.1:8b',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Stock of SKU-7?' },
          { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_stock', arguments: { sku: 'SKU-7' } } }] },
          { role: 'tool', content: '42', tool_name: 'get_stock' },
        ],
        tools: [{ type: 'function', function: { name: 'get_stock', description: 'Stock of a SKU', parameters: { type: 'object' } } }],
        stream: true,
      },
    ]);
  });
});

describe('ollama HTTP errors', () => {
  it('reads the message of a 404 for a model that is not pulled', async () => {
    const { result } = await replay('ollama', '{"error":"model \\"qwen3:32b\\" not found, try pulling it first"}', 'whole', { status: 404, contentType: 'application/json' });
    expect(result.finishReason).toBe('error');
    expect(result.error).toMatchObject({ code: 'http_404', message: 'model "qwen3:32b" not found, try pulling it first', status: 404 });
  });
});
