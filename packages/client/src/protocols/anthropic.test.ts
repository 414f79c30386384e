import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../chat-result.js';
import { replay, standardSlicings } from '../testing/replay.js';
import { anthropic } from './anthropic.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../test-fixtures/anthropic/${name}`, import.meta.url)));

/**
 * Replays a transcript whole, in 1-byte slices and at seeded random boundaries: every cut must
 * give `expected`, and the very same events (steps, data and start included) as the whole body.
 */
async function expectResult(name: string, expected: ChatResult) {
  const bytes = fixture(name);
  const whole = await replay('anthropic', bytes);
  for (const slicing of standardSlicings()) {
    const { result, events } = await replay('anthropic', bytes, slicing);
    expect(result, `${name} sliced ${JSON.stringify(slicing)}`).toEqual(expected);
    expect(events, `${name} events sliced ${JSON.stringify(slicing)}`).toEqual(whole.events);
  }
}

describe('anthropic protocol', () => {
  it('reads thinking, text and a tool call whose JSON arrives in pieces split mid-escape', async () => {
    await expectResult('tool-use-with-thinking.sse', {
      text: '好的，我来创建采购单 📦',
      reasoning: '用户想下一张采购单，先确认数量。',
      citations: [],
      toolCalls: [{ id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', name: 'create_purchase_order', args: { supplier: 'ACME 上海', qty: 10, note: 'say "hi"' } }],
      finishReason: 'tool-calls',
      usage: { inputTokens: 512, outputTokens: 89 },
      error: null,
    });
  });

  it('turns every citation location into a citation and shows server web search as a step (CRLF, unknown events)', async () => {
    await expectResult('citations-web-search.sse', {
      text: 'According to the agreement, payment is due within 30 days; 单价为 12.50 欧元，5 个工作日交货. ACME opened a plant in Shanghai 🏭.',
      reasoning: '',
      citations: [
        {
          id: '1',
          title: 'ACME supply agreement',
          snippet: 'Payment is due within 30 days of the invoice date.',
          meta: { type: 'char_location', documentIndex: 0, startChar: 1204, endChar: 1255 },
        },
        {
          id: '2',
          title: '2026 价目表',
          snippet: '单价：12.50 欧元',
          page: 3,
          meta: { type: 'page_location', documentIndex: 1, startPage: 3, endPage: 4 },
        },
        {
          id: '3',
          snippet: 'Delivery within 5 working days.',
          meta: { type: 'content_block_location', documentIndex: 2, startBlock: 0, endBlock: 1 },
        },
        {
          id: '4',
          url: 'https://news.example.com/acme-shanghai',
          title: 'ACME opens Shanghai plant',
          snippet: 'ACME opened its Shanghai plant in April.',
        },
      ],
      toolCalls: [],
      finishReason: 'stop',
      usage: { inputTokens: 1820, outputTokens: 240 },
      error: null,
    });
    const { events } = await replay('anthropic', fixture('citations-web-search.sse'), 1);
    expect(events.filter((event) => event.type === 'status')).toEqual([
      { type: 'status', status: { id: 'srvtoolu_01WYG3ziw53XMcoyKL4XcZmE', label: 'web_search', state: 'running' } },
      { type: 'status', status: { id: 'srvtoolu_01WYG3ziw53XMcoyKL4XcZmE', label: 'web_search', state: 'done' } },
    ]);
    expect(events[0]).toEqual({ type: 'start', messageId: 'msg_014p7gG3wDgGV9EUtLvnow3U', model: 'claude-opus-4-1-20250805' });
  });

  it('ends with overloaded_error from an in-stream error event and keeps the partial text', async () => {
    await expectResult('overloaded-mid-stream.sse', {
      text: 'Let me check the',
      reasoning: '',
      citations: [],
      toolCalls: [],
      finishReason: 'error',
      usage: null,
      error: { code: 'overloaded_error', message: 'Overloaded', retryable: true },
    });
  });

  it('maps max_tokens to length, keeps cut-off tool arguments as the raw string, and never sums usage', async () => {
    await expectResult('max-tokens.sse', {
      text: '',
      reasoning: '',
      citations: [],
      toolCalls: [{ id: 'toolu_01A09q90qw90lq917835lq9', name: 'search_orders', args: '{"customer": "北京' }],
      finishReason: 'length',
      usage: { inputTokens: 88, outputTokens: 16 },
      error: null,
    });
  });

  it('reports a body cut before message_stop, without the unfinished tool call', async () => {
    const whole = new TextDecoder().decode(fixture('tool-use-with-thinking.sse'));
    const cut = whole.slice(0, whole.indexOf('event: content_block_stop\ndata: {"type":"content_block_stop","index":2}'));
    const { result } = await replay('anthropic', cut, 5);
    expect(result.text).toBe('好的，我来创建采购单 📦');
    expect(result.toolCalls).toEqual([]);
    expect(result.finishReason).toBe('error');
    expect(result.error?.code).toBe('network');
  });

  it('reports a malformed frame as bad_response and keeps what came before', async () => {
    const body =
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","model":"claude","usage":{"input_tokens":3,"output_tokens":1}}}\n\n' +
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n' +
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\n\n' +
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_del\n\n';
    const { result } = await replay('anthropic', body);
    expect(result.text).toBe('Hi');
    expect(result.finishReason).toBe('error');
    expect(result.error?.code).toBe('bad_response');
  });

  it('sends system top-level, tool turns as tool_use / tool_result blocks, tools with input_schema', async () => {
    const { requests } = await replay('anthropic', fixture('max-tokens.sse'), 'whole', {
      client: { model: 'claude-sonnet-4-5' },
      stream: {
        messages: [
          { role: 'system', content: 'You are the ERP assistant.' },
          { role: 'user', content: 'Stock of SKU-7 and SKU-8?' },
          {
            role: 'assistant',
            content: '',
            toolCalls: [
              { id: 'toolu_a', name: 'get_stock', args: { sku: 'SKU-7' } },
              { id: 'toolu_b', name: 'get_stock', args: { sku: 'SKU-8' } },
            ],
          },
          { role: 'tool', toolCallId: 'toolu_a', content: '42' },
          { role: 'tool', toolCallId: 'toolu_b', content: '0' },
        ],
        tools: [{ name: 'get_stock', description: 'Stock of a SKU', parameters: { type: 'object', properties: { sku: { type: 'string' } } } }],
      },
    });
    expect(requests).toEqual([
      {
        model: 'claude-sonnet-4-5',
        max_tokens: 4096,
        stream: true,
        system: 'You are the ERP assistant.',
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Stock of SKU-7 and SKU-8?' }] },
          {
            role: 'assistant',
            content: [
              { type: 'tool_use', id: 'toolu_a', name: 'get_stock', input: { sku: 'SKU-7' } },
              { type: 'tool_use', id: 'toolu_b', name: 'get_stock', input: { sku: 'SKU-8' } },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'toolu_a', content: '42' },
              { type: 'tool_result', tool_use_id: 'toolu_b', content: '0' },
            ],
          },
        ],
        tools: [{ name: 'get_stock', description: 'Stock of a SKU', input_schema: { type: 'object', properties: { sku: { type: 'string' } } } }],
      },
    ]);
    expect(anthropic().request({ messages: [{ role: 'user', content: 'Hi' }] }).headers).toEqual({ 'anthropic-version': '2023-06-01' });
  });
});

describe('anthropic HTTP errors', () => {
  it('reads overloaded_error from a 529 body', async () => {
    const { result } = await replay('anthropic', '{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}', 'whole', {
      status: 529,
      contentType: 'application/json',
    });
    expect(result.finishReason).toBe('error');
    expect(result.error).toMatchObject({ code: 'overloaded_error', message: 'Overloaded', status: 529 });
  });
});

/**
 * Gateways that bridge Anthropic's format through another API send `message_start` twice, same id
 * (BerriAI/litellm#32478: every /v1/messages stream served through its Responses bridge, e.g. vLLM
 * behind LiteLLM; maximhq/bifrost#4556). Recorded: vercel/ai
 * packages/anthropic/src/__fixtures__/duplicate-message-start.chunks.txt. An intermediary that
 * retried upstream mid-answer splices a second generation, new id, into the same body
 * (vercel/ai#18332, seen behind Google Vertex).
 */
describe('anthropic: a repeated message_start', () => {
  const sse = (lines: string[]) => lines.map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`).join('');
  const start = (id: string, inputTokens: number) =>
    `{"type":"message_start","message":{"id":"${id}","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":${inputTokens},"output_tokens":1}}}`;
  const text = (value: string) => [
    '{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
    `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"${value}"}}`,
    '{"type":"content_block_stop","index":0}',
  ];
  const end = ['{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":2}}', '{"type":"message_stop"}'];

  it('starts the answer once when a gateway repeats it with the same id, keeping the first usage', async () => {
    const { events, result } = await replay('anthropic', sse([start('msg_duplicate', 10), start('msg_duplicate', 99), ...text('ok'), ...end]), 1);
    expect(events.filter((event) => event.type === 'start')).toEqual([{ type: 'start', messageId: 'msg_duplicate', model: 'claude-sonnet-4-20250514' }]);
    expect(result).toMatchObject({ text: 'ok', usage: { inputTokens: 10, outputTokens: 2 }, finishReason: 'stop' });
  });

  it('keeps only the second generation when one with a new id is spliced in mid-answer', async () => {
    const cut = ['{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"The invoice is du"}}'];
    const { result } = await replay('anthropic', sse([start('msg_a', 10), ...cut, start('msg_b', 10), ...text('The invoice is due in 30 days.'), ...end]));
    expect(result).toMatchObject({ text: 'The invoice is due in 30 days.', finishReason: 'stop', error: null });
  });
});

/**
 * Anthropic web search cites one page at every sentence it supports: in the recorded answer
 * (vercel/ai packages/anthropic/src/__fixtures__/anthropic-web-search-tool.1.chunks.txt) the Apple
 * Ginza page is cited five times across two text blocks.
 */
describe('anthropic: web search citing a page again and again', () => {
  const ginza = 'https://www.apple.com/newsroom/2025/09/the-all-new-apple-ginza-opens-this-friday-september-26-in-tokyo/';
  const cite = (index: number, url: string, title: string, citedText: string) =>
    `{"type":"content_block_delta","index":${index},"delta":{"type":"citations_delta","citation":{"type":"web_search_result_location","cited_text":${JSON.stringify(citedText)},"url":"${url}","title":${JSON.stringify(title)},"encrypted_index":"Eo8BCioICBgCIiRi"}}}`;
  const lines = [
    '{"type":"message_start","message":{"id":"msg_01LHpEgU4KbfgXGVi3UtHQY1","type":"message","role":"assistant","model":"claude-sonnet-4-20250514","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":2037,"output_tokens":1}}}',
    '{"type":"content_block_start","index":3,"content_block":{"citations":[],"type":"text","text":""}}',
    cite(3, ginza, 'The all-new Apple Ginza opens this Friday, September 26, in Tokyo - Apple', 'Apple today announced the grand reopening of Apple Ginza on Friday, September 26, located in the vibrant Ginza district.'),
    cite(3, ginza, 'The all-new Apple Ginza opens this Friday, September 26, in Tokyo - Apple', 'Apple Ginza opens to customers Friday, September 26, at 10 a.m. JST. '),
    '{"type":"content_block_delta","index":3,"delta":{"type":"text_delta","text":"Apple Ginza reopens on September 26."}}',
    '{"type":"content_block_stop","index":3}',
    '{"type":"content_block_start","index":5,"content_block":{"citations":[],"type":"text","text":""}}',
    cite(5, ginza, 'The all-new Apple Ginza opens this Friday, September 26, in Tokyo - Apple', 'Opened in 2003 as Apple’s first store outside the U.S., Apple Ginza now returns in an all-new four-story design…'),
    cite(5, 'https://9to5mac.com/2025/09/22/ios-26-1-beta-1/', 'Apple releases first iOS 26.1 developer beta for iPhone - 9to5Mac', 'With iOS 26 officially launched, Apple is moving forward with iOS 26.1. '),
    '{"type":"content_block_delta","index":5,"delta":{"type":"text_delta","text":" It first opened in 2003."}}',
    '{"type":"content_block_stop","index":5}',
    '{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":795}}',
    '{"type":"message_stop"}',
  ];
  const body = lines.map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`).join('');

  it('shows each page once, with the first passage cited from it', async () => {
    const { result } = await replay('anthropic', body);
    expect(result.citations).toEqual([
      { id: '1', url: ginza, title: 'The all-new Apple Ginza opens this Friday, September 26, in Tokyo - Apple', snippet: 'Apple today announced the grand reopening of Apple Ginza on Friday, September 26, located in the vibrant Ginza district.' },
      { id: '2', url: 'https://9to5mac.com/2025/09/22/ios-26-1-beta-1/', title: 'Apple releases first iOS 26.1 developer beta for iPhone - 9to5Mac', snippet: 'With iOS 26 officially launched, Apple is moving forward with iOS 26.1. ' },
    ]);
    expect(result.text).toBe('Apple Ginza reopens on September 26. It first opened in 2003.');
  });
});

/**
 * One message can hold several thinking blocks: interleaved thinking around server tools
 * (automatic with adaptive thinking), or a model fallback mid-answer (vercel/ai
 * packages/anthropic/src/__fixtures__/anthropic-fallback-mid-output.chunks.txt:
 * "Opus 5.5 thinking", a `fallback` block, then "Opus 4.8 thinking").
 */
describe('anthropic: several thinking blocks in one message', () => {
  it('keeps each thinking block a paragraph of its own', async () => {
    const lines = [
      '{"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","model":"claude-opus-5-5","content":[],"stop_reason":null,"usage":{"input_tokens":10,"output_tokens":0}}}',
      '{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":"","signature":""}}',
      '{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Opus 5.5 thinking"}}',
      '{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"SIG_FROM_OPUS_5_5"}}',
      '{"type":"content_block_stop","index":0}',
      '{"type":"content_block_start","index":1,"content_block":{"type":"fallback","from":{"model":"claude-opus-5-5"},"to":{"model":"claude-opus-4-8"}}}',
      '{"type":"content_block_stop","index":1}',
      '{"type":"content_block_start","index":2,"content_block":{"type":"thinking","thinking":"","signature":""}}',
      '{"type":"content_block_delta","index":2,"delta":{"type":"thinking_delta","thinking":"Opus 4.8 thinking"}}',
      '{"type":"content_block_delta","index":2,"delta":{"type":"signature_delta","signature":"SIG_FROM_OPUS_4_8"}}',
      '{"type":"content_block_stop","index":2}',
      '{"type":"content_block_start","index":3,"content_block":{"type":"tool_use","id":"toolu_1","name":"lookup","input":{}}}',
      '{"type":"content_block_delta","index":3,"delta":{"type":"input_json_delta","partial_json":"{\\"q\\":\\"x\\"}"}}',
      '{"type":"content_block_stop","index":3}',
      '{"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":70}}',
      '{"type":"message_stop"}',
    ];
    const body = lines.map((line) => `event: ${(JSON.parse(line) as { type: string }).type}\ndata: ${line}\n\n`).join('');
    expect((await replay('anthropic', body)).result).toMatchObject({
      reasoning: 'Opus 5.5 thinking\n\nOpus 4.8 thinking',
      toolCalls: [{ id: 'toolu_1', name: 'lookup', args: { q: 'x' } }],
      finishReason: 'tool-calls',
    });
  });
});
