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
