import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import type { ChatEvent } from './chat-event.js';
import type { MessagePartOf } from './conversation-message.js';
import { createClient } from './create-client.js';
import { createConversation, type Conversation } from './create-conversation.js';
import { useMswServer } from './testing/use-msw-server.js';

const url = 'https://gateway.test/v1/chat/completions';
const server = useMswServer();

type PoArgs = { supplier: string; qty: number };

/** What the tests read of a request body (chat-completions messages, or the native ones). */
type RequestBody = { messages: Array<{ role: string; content?: unknown; tool_call_id?: string; tool_calls?: Array<{ id: string }> }> };

/** The gateway's replies in order, each a whole SSE body; every request body is kept. */
function serve(...bodies: string[]): RequestBody[] {
  const requests: RequestBody[] = [];
  server.use(
    http.post(url, async ({ request }) => {
      requests.push((await request.json()) as RequestBody);
      return new HttpResponse(bodies.shift() ?? '', { headers: { 'content-type': 'text/event-stream' } });
    }),
  );
  return requests;
}

function chatOver(protocol: 'openai' | 'parley', run: (args: PoArgs) => unknown): Conversation {
  const client = createClient({ url, protocol, model: 'Qwen/Qwen2.5-7B-Instruct', retry: false });
  const createPo = { description: 'Create a purchase order', parameters: z.object({ supplier: z.string(), qty: z.number() }), run };
  return createConversation({ client, actions: { create_po: createPo } });
}

const calls = (chat: Conversation) => chat.getSnapshot().messages.at(-1)!.parts.filter((part): part is MessagePartOf<'tool-call'> => part.type === 'tool-call');

const chunk = (delta: unknown, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-7', object: 'chat.completion.chunk', model: 'Qwen/Qwen2.5-7B-Instruct', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
/** One streamed tool call as vLLM sends it: id and name first, then the arguments in pieces. */
const streamedCall = (index: number, id: string, args: PoArgs) => {
  const json = JSON.stringify(args);
  return (
    chunk({ tool_calls: [{ index, id, type: 'function', function: { name: 'create_po', arguments: '' } }] }) +
    chunk({ tool_calls: [{ index, function: { arguments: json.slice(0, 12) } }] }) +
    chunk({ tool_calls: [{ index, function: { arguments: json.slice(12) } }] })
  );
};
const openaiText = (text: string) => chunk({ role: 'assistant', content: text }) + chunk({}, 'stop') + 'data: [DONE]\n\n';
const parleyEvents = (...events: ChatEvent[]) => events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('');

describe('parallel tool calls that share one id', () => {
  it('an OpenAI-compatible server that gives every parallel call the same id: two cards, each approved or rejected on its own', async () => {
    const run = vi.fn(async (args: PoArgs) => ({ po: `PO-${args.qty}` }));
    const chat = chatOver('openai', run);
    const requests = serve(
      chunk({ role: 'assistant', content: null }) +
        streamedCall(0, 'chatcmpl-tool-5e1c', { supplier: 'ACME', qty: 10 }) +
        streamedCall(1, 'chatcmpl-tool-5e1c', { supplier: 'Bolt', qty: 20 }) +
        chunk({}, 'tool_calls') +
        'data: [DONE]\n\n',
      openaiText('Ordered from Bolt only.'),
    );
    await chat.send('Order 10 from ACME and 20 from Bolt');
    const [acme, bolt] = calls(chat);
    expect(calls(chat)).toHaveLength(2);
    expect(acme).toMatchObject({ toolCall: { args: { supplier: 'ACME', qty: 10 } }, state: 'pending-approval' });
    expect(bolt).toMatchObject({ toolCall: { args: { supplier: 'Bolt', qty: 20 } }, state: 'pending-approval' });
    expect(bolt!.toolCall.id).not.toBe(acme!.toolCall.id);

    await expect(chat.reject(acme!.toolCall.id, 'Not ACME')).resolves.toBe(true);
    await expect(chat.approve(bolt!.toolCall.id)).resolves.toBe(true);
    expect(run.mock.calls.map(([args]) => args.supplier)).toEqual(['Bolt']);
    expect(calls(chat).map((part) => part.state)).toEqual(['rejected', 'done']);
    // Each result goes back under the id of its own call.
    const [, assistant, ...results] = requests[1]!.messages;
    expect(assistant!.tool_calls!.map((call) => call.id)).toEqual([acme!.toolCall.id, bolt!.toolCall.id]);
    expect(results).toEqual([
      { role: 'tool', tool_call_id: acme!.toolCall.id, content: JSON.stringify({ rejected: true, reason: 'Not ACME' }) },
      { role: 'tool', tool_call_id: bolt!.toolCall.id, content: JSON.stringify({ po: 'PO-20' }) },
    ]);
  });

  it('the index tells calls apart on that wire, even two with the same arguments', async () => {
    const chat = chatOver('openai', async () => 'ok');
    serve(
      streamedCall(0, 'call_0', { supplier: 'ACME', qty: 10 }) + streamedCall(1, 'call_0', { supplier: 'ACME', qty: 10 }) + chunk({}, 'tool_calls') + 'data: [DONE]\n\n',
    );
    await chat.send('Order 10 from ACME, twice, as two orders');
    expect(new Set(calls(chat).map((part) => part.toolCall.id)).size).toBe(2);
  });

  it('a gateway that sends one id for two different calls: two cards; the same call sent again: still one', async () => {
    const run = vi.fn(async () => 'ok');
    const chat = chatOver('parley', run);
    const acme: ChatEvent = { type: 'tool-call', toolCall: { id: 'call_1', name: 'create_po', args: { supplier: 'ACME', qty: 10 } } };
    const bolt: ChatEvent = { type: 'tool-call', toolCall: { id: 'call_1', name: 'create_po', args: { supplier: 'Bolt', qty: 20 } } };
    serve(parleyEvents(acme, bolt, acme, bolt, { type: 'finish', reason: 'tool-calls' }), parleyEvents({ type: 'text-delta', delta: 'Done.' }, { type: 'finish', reason: 'stop' }));
    await chat.send('Order 10 from ACME and 20 from Bolt');
    expect(calls(chat).map((part) => part.toolCall.args)).toEqual([
      { supplier: 'ACME', qty: 10 },
      { supplier: 'Bolt', qty: 20 },
    ]);
    const [first, second] = calls(chat).map((part) => part.toolCall.id);
    expect(second).not.toBe(first);
    await chat.approve(first!);
    await chat.approve(second!);
    expect(run).toHaveBeenCalledTimes(2);
    expect(calls(chat).map((part) => part.state)).toEqual(['done', 'done']);
  });
});

describe("a Mistral model's ids (nine letters and digits)", () => {
  const mistralId = /^[a-zA-Z0-9]{9}$/;

  it('a second call under the same id gets one of the same shape, and the results go back under ids Mistral takes', async () => {
    const run = vi.fn(async (args: PoArgs) => ({ po: `PO-${args.qty}` }));
    const chat = chatOver('openai', run);
    const requests = serve(
      streamedCall(0, 'Zx3k9QpLm', { supplier: 'ACME', qty: 10 }) + streamedCall(1, 'Zx3k9QpLm', { supplier: 'Bolt', qty: 20 }) + chunk({}, 'tool_calls') + 'data: [DONE]\n\n',
      openaiText('Both ordered.'),
    );
    await chat.send('Order 10 from ACME and 20 from Bolt');
    const ids = calls(chat).map((part) => part.toolCall.id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe('Zx3k9QpLm');
    expect(ids[1]).not.toBe(ids[0]);
    expect(ids[1]).toMatch(mistralId);

    await chat.approve(ids[0]!);
    await chat.approve(ids[1]!);
    const [, assistant, ...results] = requests[1]!.messages;
    const sent = [...assistant!.tool_calls!.map((call) => call.id), ...results.map((result) => result.tool_call_id)];
    expect(sent).toEqual([...ids, ...ids]);
    for (const id of sent) expect(id).toMatch(mistralId);
  });

  it('a gateway that sends one such id for two different calls: the second keeps the shape too, even when the id ends in the digit it would take', async () => {
    const chat = chatOver('parley', async () => 'ok');
    const call = (id: string, supplier: string): ChatEvent => ({ type: 'tool-call', toolCall: { id, name: 'create_po', args: { supplier, qty: 1 } } });
    serve(parleyEvents(call('abcdefgh2', 'ACME'), call('abcdefgh2', 'Bolt'), call('abcdefgh2', 'Core'), { type: 'finish', reason: 'tool-calls' }));
    await chat.send('Order one from each');
    const ids = calls(chat).map((part) => part.toolCall.id);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(mistralId);
  });

  it('on an OpenAI-compatible wire, two calls with the same arguments under an id that ends in the index are still two', async () => {
    const chat = chatOver('openai', async () => 'ok');
    serve(streamedCall(0, 'abcdefgh1', { supplier: 'ACME', qty: 10 }) + streamedCall(1, 'abcdefgh1', { supplier: 'ACME', qty: 10 }) + chunk({}, 'tool_calls') + 'data: [DONE]\n\n');
    await chat.send('Order 10 from ACME, twice, as two orders');
    const ids = calls(chat).map((part) => part.toolCall.id);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(id).toMatch(mistralId);
  });
});
