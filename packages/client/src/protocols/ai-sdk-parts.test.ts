import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClient } from '../create-client.js';
import { createConversation } from '../create-conversation.js';
import { replay, replayFetch } from '../testing/replay.js';

const part = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

/** WIRE-FORMATS.md §6: `data-<name>{id?,data,transient?}` (same `id` replaces), `tool-approval-request`. */
describe('ai-sdk: data parts with an id', () => {
  it('shows one data part per id, the latest one, in the conversation', async () => {
    const body =
      part({ type: 'start' }) +
      part({ type: 'data-weather', id: 'w1', data: { city: 'Berlin', status: 'loading' } }) +
      part({ type: 'text-start', id: 't1' }) +
      part({ type: 'text-delta', id: 't1', delta: 'Here is the weather.' }) +
      part({ type: 'text-end', id: 't1' }) +
      part({ type: 'data-weather', id: 'w1', data: { city: 'Berlin', status: 'done', celsius: 21 } }) +
      part({ type: 'finish' }) +
      'data: [DONE]\n\n';
    const client = createClient({
      url: 'https://gateway.test/api/chat',
      protocol: 'ai-sdk',
      retry: false,
      fetch: replayFetch([new TextEncoder().encode(body)], { headers: { 'content-type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' } }),
    });
    const chat = createConversation({ client });
    await chat.send('Weather in Berlin?');
    const answer = chat.getSnapshot().messages.at(-1)!;
    const data = answer.parts.filter((p) => p.type === 'data');
    expect(data.map((p) => (p.type === 'data' ? p.data : undefined))).toEqual([{ city: 'Berlin', status: 'done', celsius: 21 }]);
  });
});

describe('ai-sdk: a server tool waiting for approval', () => {
  it('is not handed to the client as a tool call to run', async () => {
    const body =
      part({ type: 'start' }) +
      part({ type: 'start-step' }) +
      part({ type: 'tool-input-start', toolCallId: 'call_1', toolName: 'deleteInvoice' }) +
      part({ type: 'tool-input-available', toolCallId: 'call_1', toolName: 'deleteInvoice', input: { id: 'INV-9' } }) +
      part({ type: 'tool-approval-request', approvalId: 'appr_1', toolCallId: 'call_1' }) +
      part({ type: 'finish-step' }) +
      part({ type: 'finish' }) +
      'data: [DONE]\n\n';
    const { events, result } = await replay('ai-sdk', body);
    expect(result.toolCalls).toEqual([]);
    expect(events.filter((event) => event.type === 'status')).toEqual([
      { type: 'status', status: { id: 'call_1', label: 'deleteInvoice', state: 'error', detail: 'Needs an approval this chat cannot give; not run.' } },
    ]);
  });
});

/**
 * AI SDK 4's data stream (`toDataStreamResponse()`: `text/plain`, `x-vercel-ai-data-stream: v1`),
 * one `<type>:<json>` part per line, no SSE framing and no `[DONE]` (vercel/ai v4
 * content/docs/04-ai-sdk-ui/50-stream-protocol.mdx "Data Stream Protocol"; the `f:`/`0:`/`e:`
 * lines as recorded in a Cloudflare agents chat). Read as SSE it dispatched nothing, and the
 * answer ended as a retryable "the response ended before the gateway finished" error.
 */
describe('ai-sdk: AI SDK 4 data stream', () => {
  const bytes = readFileSync(new URL('../../test-fixtures/ai-sdk/data-stream-v4.txt', import.meta.url));
  const v4 = { contentType: 'text/plain; charset=utf-8', headers: { 'x-vercel-ai-data-stream': 'v1' } };

  it('reads text, reasoning, a streamed tool call, a source, data and the finish message, at any cut', async () => {
    const expected = {
      text: 'Let me check the stock. 库存',
      reasoning: 'The user asks about SKU-7 stock.',
      citations: [{ id: 'src-1', url: 'https://erp.example.com/sku/7', title: 'SKU-7 stock card' }],
      toolCalls: [{ id: 'call-456', name: 'get_stock', args: { sku: 'SKU-7' } }],
      finishReason: 'tool-calls',
      usage: { inputTokens: 1287, outputTokens: 124 },
      error: null,
    };
    for (const slicing of ['whole', 1, { seed: 3 }] as const) {
      for (const protocol of ['ai-sdk', 'auto'] as const) {
        const { result, events } = await replay(protocol, bytes, slicing, v4);
        expect(result, `${protocol} ${JSON.stringify(slicing)}`).toEqual(expected);
        expect(events[0]).toEqual({ type: 'start', messageId: 'msg-AI9pv13V8IEr5o6jevyUFeAL' });
        expect(events.filter((event) => event.type === 'data')).toEqual([{ type: 'data', name: 'data', data: { stage: 'lookup' } }]);
      }
    }
  });

  it('ends with the error part, keeping the text, and shows a server-run tool as a step', async () => {
    const body = 'f:{"messageId":"msg-1"}\n9:{"toolCallId":"call-1","toolName":"search","args":{"q":"SKU-7"}}\na:{"toolCallId":"call-1","result":{"hits":1}}\n0:"Found it"\n3:"An error occurred."\n';
    const { result, events } = await replay('ai-sdk', body, 1, v4);
    expect(result).toMatchObject({ text: 'Found it', toolCalls: [], finishReason: 'error', error: { code: 'server_error', message: 'An error occurred.' } });
    expect(events.filter((event) => event.type === 'status')).toEqual([{ type: 'status', status: { id: 'call-1', label: 'search', state: 'done' } }]);
  });
});
