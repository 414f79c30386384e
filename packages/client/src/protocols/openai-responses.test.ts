import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../chat-result.js';
import { replay, standardSlicings } from '../testing/replay.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test-fixtures/openai-responses/${name}`, import.meta.url)));

/**
 * Replays a transcript whole, in 1-byte slices and at seeded random boundaries: every cut must
 * give `expected`, and the very same events (steps, data and start included) as the whole body.
 */
async function expectResult(name: string, expected: ChatResult) {
  const bytes = fixture(name);
  const whole = await replay('openai-responses', bytes);
  for (const slicing of standardSlicings()) {
    const { result, events } = await replay('openai-responses', bytes, slicing);
    expect(result, `${name} sliced ${JSON.stringify(slicing)}`).toEqual(expected);
    expect(events, `${name} events sliced ${JSON.stringify(slicing)}`).toEqual(whole.events);
  }
}

const serverErrorMessage =
  'The server had an error processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if you keep seeing this error.';

describe('openai-responses protocol', () => {
  it('reads reasoning summary parts, hosted web search as a step, text, and both spellings of the annotation event (one card per source)', async () => {
    await expectResult('reasoning-text-citations.sse', {
      text: '付款期限为 30 天，见合同 🙂。',
      reasoning: '**Checking the contract**\n\n合同写明付款期为 30 天。',
      citations: [
        {
          id: 'https://intranet.example.cn/contracts/acme?utm_source=openai',
          url: 'https://intranet.example.cn/contracts/acme?utm_source=openai',
          title: 'ACME 付款条款',
          meta: { startIndex: 0, endIndex: 9 },
        },
        { id: 'file-2dtbBZdjtDKS8eqWxqbgDi', title: 'ACME-合同.pdf', meta: { type: 'file_citation', index: 14 } },
      ],
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 320, outputTokens: 180, reasoningTokens: 128 },
      error: null,
    });
    const { events } = await replay('openai-responses', fixture('reasoning-text-citations.sse'));
    expect(events[0]).toEqual({ type: 'start', messageId: 'resp_68b2c4e1f0a48190a3d2', model: 'gpt-5-2025-08-07' });
    // The web search OpenAI ran itself is progress, not a tool call for the client.
    expect(events.filter((event) => event.type === 'status')).toEqual([
      { type: 'status', status: { id: 'ws_68b2c4e3b7fc8190', label: 'web_search', state: 'running' } },
      { type: 'status', status: { id: 'ws_68b2c4e3b7fc8190', label: 'web_search', state: 'done' } },
    ]);
  });

  it('reports function calls with their call_id (arguments keyed by item id, split mid-escape) and finishes as tool-calls', async () => {
    await expectResult('function-calls.sse', {
      text: '',
      reasoning: '',
      citations: [],
      toolCalls: [
        { id: 'call_H8qT2bN4xYz', name: 'lookup_invoice', args: { invoice: 'INV-2026-é-07', customer: '华为' } },
        { id: 'call_Rk5mW1vJ0cE', name: 'notify_buyer', args: {} },
      ],
      finishReason: 'tool-calls',
      usage: { inputTokens: 211, outputTokens: 47, reasoningTokens: 0 },
      error: null,
    });
  });

  it.each([
    ['the nested error event once, keeping the partial text', 'error-then-failed.sse', 'Partial ans', { code: 'server_error', message: serverErrorMessage }],
    ['response.failed on its own', 'failed.sse', '', { code: 'rate_limit_exceeded', message: 'Rate limit reached for o4-mini in organization org-x on tokens per min (TPM).' }],
    ['the documented top-level error shape', 'top-level-error.sse', '', { code: 'ERR_SOMETHING', message: 'Something went wrong' }],
  ])('reports %s', async (_, file, text, error) => {
    await expectResult(file, { text, reasoning: '', citations: [], toolCalls: [], finishReason: 'error', usage: null, error });
  });

  it('maps response.incomplete (max_output_tokens) to length with its usage', async () => {
    await expectResult('incomplete.sse', {
      text: '第一点：交货',
      reasoning: '',
      citations: [],
      toolCalls: [],
      finishReason: 'length',
      usage: { inputTokens: 40, outputTokens: 16, reasoningTokens: 10 },
      error: null,
    });
  });

  it('reports a stream cut before response.completed, without the half-streamed call', async () => {
    const whole = new TextDecoder().decode(fixture('function-calls.sse'));
    const { result } = await replay('openai-responses', whole.slice(0, whole.indexOf('event: response.function_call_arguments.done')), 7);
    expect(result.toolCalls).toEqual([]);
    expect(result.finishReason).toBe('error');
    expect(result.error?.code).toBe('network');
  });

  it('sends instructions, input items with function_call / function_call_output, and function tools', async () => {
    const { requests } = await replay('openai-responses', fixture('incomplete.sse'), 'whole', {
      client: { model: 'gpt-5' },
      stream: {
        messages: [
          { role: 'system', content: 'You are the ERP assistant.' },
          { role: 'user', content: 'Invoice INV-7?' },
          { role: 'assistant', content: '', toolCalls: [{ id: 'call_1', name: 'lookup_invoice', args: { invoice: 'INV-7' } }] },
          { role: 'tool', toolCallId: 'call_1', content: '{"total":120}' },
          { role: 'assistant', content: 'It totals 120.' },
          { role: 'user', content: 'Thanks' },
        ],
        tools: [{ name: 'lookup_invoice', description: 'Find an invoice', parameters: { type: 'object' } }],
      },
    });
    expect(requests).toEqual([
      {
        model: 'gpt-5',
        instructions: 'You are the ERP assistant.',
        input: [
          { role: 'user', content: 'Invoice INV-7?' },
          { type: 'function_call', call_id: 'call_1', name: 'lookup_invoice', arguments: '{"invoice":"INV-7"}' },
          { type: 'function_call_output', call_id: 'call_1', output: '{"total":120}' },
          { role: 'assistant', content: 'It totals 120.' },
          { role: 'user', content: 'Thanks' },
        ],
        tools: [{ type: 'function', name: 'lookup_invoice', description: 'Find an invoice', parameters: { type: 'object' } }],
        stream: true,
      },
    ]);
  });
});

describe('openai-responses HTTP errors', () => {
  it('reads rate_limit_exceeded and Retry-After from a 429', async () => {
    const body = '{"error":{"message":"Rate limit reached for gpt-5","type":"requests","param":null,"code":"rate_limit_exceeded"}}';
    const { result } = await replay('openai-responses', body, 'whole', { status: 429, contentType: 'application/json', headers: { 'retry-after-ms': '1500' } });
    expect(result.finishReason).toBe('error');
    expect(result.error).toMatchObject({ code: 'rate_limit_exceeded', message: 'Rate limit reached for gpt-5', status: 429, retryAfterMs: 1500 });
  });
});

/**
 * GitHub Copilot's Responses endpoint gives every event of an item a new `item_id` / `item.id`
 * (recorded: vercel/ai packages/openai/src/responses/__fixtures__/github-copilot-id-rotation.1.chunks.txt,
 * `capture-id-3`…`capture-id-71` across one reasoning item and one message). `output_index` is
 * the same on every event of an item.
 */
describe('openai-responses: item ids that change on every event', () => {
  const sse = (events: Record<string, unknown>[]) => events.map((event, index) => `event: ${String(event.type)}\ndata: ${JSON.stringify({ ...event, sequence_number: index })}\n\n`).join('');
  let next = 0;
  const id = () => `capture-id-${++next}`;

  it('keeps one reasoning summary together and joins a function call by its output index', async () => {
    const body = sse([
      { type: 'response.created', response: { id: id(), model: 'gpt-5.3-codex', status: 'in_progress', output: [] } },
      { type: 'response.output_item.added', output_index: 0, item: { id: id(), type: 'reasoning', summary: [] } },
      { type: 'response.reasoning_summary_text.delta', item_id: id(), output_index: 0, summary_index: 0, delta: '**Counting' },
      { type: 'response.reasoning_summary_text.delta', item_id: id(), output_index: 0, summary_index: 0, delta: ' stock**' },
      { type: 'response.output_item.done', output_index: 0, item: { id: id(), type: 'reasoning', summary: [{ type: 'summary_text', text: '**Counting stock**' }] } },
      { type: 'response.output_item.added', output_index: 1, item: { id: id(), type: 'function_call', call_id: 'call_stock', name: 'get_stock', arguments: '', status: 'in_progress' } },
      { type: 'response.function_call_arguments.delta', item_id: id(), output_index: 1, delta: '{"sku":' },
      { type: 'response.function_call_arguments.delta', item_id: id(), output_index: 1, delta: '"SKU-7"}' },
      { type: 'response.function_call_arguments.done', item_id: id(), output_index: 1, arguments: '{"sku":"SKU-7"}' },
      { type: 'response.output_item.done', output_index: 1, item: { id: id(), type: 'function_call', call_id: 'call_stock', name: 'get_stock', arguments: '{"sku":"SKU-7"}', status: 'completed' } },
      { type: 'response.completed', response: { id: id(), status: 'completed', usage: { input_tokens: 19, output_tokens: 105, output_tokens_details: { reasoning_tokens: 44 } } } },
    ]);
    const { result } = await replay('openai-responses', body);
    expect(result).toMatchObject({
      reasoning: '**Counting stock**',
      toolCalls: [{ id: 'call_stock', name: 'get_stock', args: { sku: 'SKU-7' } }],
      finishReason: 'tool-calls',
      error: null,
    });
  });

  it('still tells items apart by their stable ids when a server numbers every one output_index 0', async () => {
    const added = (item: string, callId: string) => ({ type: 'response.output_item.added', output_index: 0, item: { id: item, type: 'function_call', call_id: callId, name: 'get_stock', arguments: '' } });
    const delta = (item: string, sku: string) => ({ type: 'response.function_call_arguments.delta', item_id: item, output_index: 0, delta: `{"sku":"${sku}"}` });
    // Both calls open at once, their deltas interleaved.
    const body = sse([
      { type: 'response.created', response: { id: 'resp_1' } },
      added('fc_1', 'call_1'),
      added('fc_2', 'call_2'),
      delta('fc_1', 'A'),
      delta('fc_2', 'B'),
      { type: 'response.completed', response: { status: 'completed' } },
    ]);
    expect((await replay('openai-responses', body)).result.toolCalls).toEqual([
      { id: 'call_1', name: 'get_stock', args: { sku: 'A' } },
      { id: 'call_2', name: 'get_stock', args: { sku: 'B' } },
    ]);
  });
});

/**
 * A response can hold several message items: a `commentary` preamble and the `final_answer`
 * (recorded: vercel/ai packages/openai/src/responses/__fixtures__/openai-phase.1.chunks.txt), or
 * text before and after a hosted tool call. Their texts are paragraphs of their own.
 */
describe('openai-responses: several message items', () => {
  it('keeps the text of each message item apart', async () => {
    const lines = [
      '{"type":"response.created","sequence_number":0,"response":{"id":"resp_phase_001","object":"response","created_at":1764962401,"status":"in_progress","model":"gpt-5.3-codex","output":[],"service_tier":"auto","usage":null}}',
      '{"type":"response.output_item.added","sequence_number":2,"output_index":0,"item":{"id":"msg_phase_commentary","type":"message","status":"in_progress","content":[],"role":"assistant","phase":"commentary"}}',
      '{"type":"response.output_text.delta","sequence_number":4,"item_id":"msg_phase_commentary","output_index":0,"content_index":0,"delta":"I\'m going to"}',
      '{"type":"response.output_text.delta","sequence_number":5,"item_id":"msg_phase_commentary","output_index":0,"content_index":0,"delta":" search for that"}',
      '{"type":"response.output_item.done","sequence_number":8,"output_index":0,"item":{"id":"msg_phase_commentary","type":"message","status":"completed","content":[{"type":"output_text","annotations":[],"text":"I\'m going to search for that"}],"role":"assistant","phase":"commentary"}}',
      '{"type":"response.output_item.added","sequence_number":9,"output_index":1,"item":{"id":"msg_phase_final","type":"message","status":"in_progress","content":[],"role":"assistant","phase":"final_answer"}}',
      '{"type":"response.output_text.delta","sequence_number":11,"item_id":"msg_phase_final","output_index":1,"content_index":0,"delta":"The capital"}',
      '{"type":"response.output_text.delta","sequence_number":12,"item_id":"msg_phase_final","output_index":1,"content_index":0,"delta":" of France is Paris."}',
      '{"type":"response.completed","sequence_number":16,"response":{"id":"resp_phase_001","status":"completed","usage":{"input_tokens":50,"output_tokens":100,"output_tokens_details":{"reasoning_tokens":20}}}}',
    ];
    const body = lines.map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`).join('');
    expect((await replay('openai-responses', body)).result.text).toBe("I'm going to search for that\n\nThe capital of France is Paris.");
  });
});
