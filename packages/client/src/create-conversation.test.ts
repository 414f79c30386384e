import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import type { ChatEvent } from './chat-event.js';
import type { ConversationMessage, MessagePartOf } from './conversation-message.js';
import type { ActionRunContext } from './action-registry.js';
import { createClient } from './create-client.js';
import { createConversation, type Conversation, type ConversationOptions } from './create-conversation.js';
import type { ConversationSnapshot } from './conversation-store.js';
import { memoryStorage } from './storage.js';
import { parleyGateway, textAnswer, toolAnswer, type Reply } from './testing/parley-gateway.js';

const gateway = parleyGateway();
beforeAll(() => gateway.listen());
afterEach(() => gateway.resetHandlers());
afterAll(() => gateway.close());

/** The signal of every request the client made: proof that stop() reached the network. */
const requestSignals: AbortSignal[] = [];
const recordingFetch: typeof fetch = (input, init) => {
  if (init?.signal) requestSignals.push(init.signal);
  return globalThis.fetch(input, init);
};

function chatWith(options: Partial<ConversationOptions> = {}): Conversation {
  const client = createClient({ url: gateway.url, protocol: 'parley', retry: false, fetch: recordingFetch });
  return createConversation({ client, ...options });
}

/** Resolves with the first snapshot that satisfies `predicate` (event-driven, no clock). */
function until(chat: Conversation, predicate: (snapshot: ConversationSnapshot) => boolean): Promise<ConversationSnapshot> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const snapshot = chat.getSnapshot();
      if (!predicate(snapshot)) return false;
      unsubscribe();
      resolve(snapshot);
      return true;
    };
    const unsubscribe = chat.subscribe(check);
    check();
  });
}

const last = (chat: Conversation): ConversationMessage => chat.getSnapshot().messages.at(-1)!;
const textOf = (message: ConversationMessage): string => message.parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
const toolParts = (message: ConversationMessage): MessagePartOf<'tool-call'>[] => message.parts.filter((part): part is MessagePartOf<'tool-call'> => part.type === 'tool-call');

describe('a full turn', () => {
  it('streams an answer into ordered parts and sends the history on the next turn', async () => {
    const chat = chatWith({ system: 'You are the ERP assistant.' });
    gateway.reply({
      chunks: [
        [{ type: 'start', model: 'deepseek-r1' }, { type: 'reasoning-delta', delta: 'Check the ' }],
        [{ type: 'reasoning-delta', delta: 'contract.' }, { type: 'status', status: { id: 's1', label: 'Searching', state: 'running' } }],
        [{ type: 'status', status: { id: 's1', label: 'Searching', state: 'done' } }, { type: 'text-delta', delta: 'Net 30 ' }],
        [
          { type: 'citation', citation: { id: 'c1', title: 'Supply agreement' } },
          { type: 'text-delta', delta: '[1].' },
          { type: 'citation', citation: { id: 'c1', title: 'Supply agreement' } },
          { type: 'usage', usage: { inputTokens: 12, outputTokens: 7 } },
          { type: 'finish', reason: 'stop' },
        ],
      ],
    });
    await expect(chat.send('What are the payment terms?')).resolves.toBe(true);

    const snapshot = chat.getSnapshot();
    expect(snapshot.status).toBe('idle');
    expect(snapshot.error).toBeNull();
    const [question, answer] = snapshot.messages;
    expect(question).toMatchObject({ role: 'user', parts: [{ type: 'text', text: 'What are the payment terms?' }] });
    expect(answer).toMatchObject({ role: 'assistant', model: 'deepseek-r1', finishReason: 'stop', usage: { inputTokens: 12, outputTokens: 7 } });
    // The text after the citation goes on in the same part: it is the same sentence.
    expect(answer!.parts.map((part) => part.type)).toEqual(['reasoning', 'status', 'text', 'citation']);
    expect(answer!.parts[0]).toEqual({ type: 'reasoning', text: 'Check the contract.', startedAt: expect.any(Number), endedAt: expect.any(Number) });
    expect(answer!.parts[1]).toEqual({ type: 'status', status: { id: 's1', label: 'Searching', state: 'done' } });
    expect(textOf(answer!)).toBe('Net 30 [1].');

    gateway.reply(textAnswer('Yes, 2% within 10 days.'));
    await chat.send('Any early payment discount?');
    expect(gateway.requests[1]!.messages).toEqual([
      { role: 'system', content: 'You are the ERP assistant.' },
      { role: 'user', content: 'What are the payment terms?' },
      { role: 'assistant', content: 'Net 30 [1].' },
      { role: 'user', content: 'Any early payment discount?' },
    ]);
    expect(textOf(last(chat))).toBe('Yes, 2% within 10 days.');
  });

  it('keeps what arrived and the question when the gateway fails, and regenerate retries it', async () => {
    const chat = chatWith();
    gateway.reply({ chunks: [[{ type: 'text-delta', delta: 'Partial' }, { type: 'error', error: { code: 'overloaded_error', message: 'Overloaded' } }, { type: 'finish', reason: 'error' }]] });
    await chat.send('Status of PO-2025-0117?');
    const failed = chat.getSnapshot();
    expect(failed.status).toBe('error');
    expect(failed.error).toMatchObject({ code: 'overloaded_error' });
    expect(failed.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(failed.messages[1]).toMatchObject({ finishReason: 'error', error: { code: 'overloaded_error' } });
    expect(textOf(failed.messages[1]!)).toBe('Partial');

    gateway.reply(textAnswer('It shipped yesterday.'));
    await expect(chat.regenerate()).resolves.toBe(true);
    const retried = chat.getSnapshot();
    expect(retried.status).toBe('idle');
    expect(retried.error).toBeNull();
    expect(retried.messages).toHaveLength(2);
    expect(textOf(retried.messages[1]!)).toBe('It shipped yesterday.');
    expect(gateway.requests[1]!.messages).toEqual([{ role: 'user', content: 'Status of PO-2025-0117?' }]);
  });

  it('reports an HTTP failure as an error status with the question kept', async () => {
    const chat = chatWith();
    gateway.reply({ chunks: [], status: 503 });
    await chat.send('Hello');
    expect(chat.getSnapshot()).toMatchObject({ status: 'error', error: { code: expect.any(String) } });
    expect(chat.getSnapshot().messages[0]).toMatchObject({ role: 'user' });
  });
});

describe('one turn at a time', () => {
  it('sends once when send is called twice in the same tick', async () => {
    const chat = chatWith();
    gateway.reply(textAnswer('One answer'));
    const first = chat.send('Hi');
    const second = chat.send('Hi');
    expect(await second).toBe(false);
    expect(await first).toBe(true);
    expect(gateway.requests).toHaveLength(1);
    expect(chat.getSnapshot().messages).toHaveLength(2);
  });

  it('refuses a send while streaming', async () => {
    const chat = chatWith();
    gateway.reply({ chunks: [[{ type: 'text-delta', delta: 'Thinking…' }]], hold: true });
    void chat.send('First');
    await until(chat, (snapshot) => snapshot.messages.length === 2 && textOf(snapshot.messages[1]!) !== '');
    expect(await chat.send('Second')).toBe(false);
    chat.stop();
    expect(gateway.requests).toHaveLength(1);
  });
});

describe('stop, regenerate, edit', () => {
  it('stop aborts at once and keeps the partial answer marked as stopped', async () => {
    const chat = chatWith();
    gateway.reply({ chunks: [[{ type: 'reasoning-delta', delta: 'Hmm' }, { type: 'text-delta', delta: 'The order ' }]], hold: true });
    requestSignals.length = 0;
    const sending = chat.send('Status?');
    await until(chat, (snapshot) => snapshot.messages.length === 2 && textOf(snapshot.messages[1]!) === 'The order ');
    chat.stop();
    const stopped = chat.getSnapshot();
    expect(stopped.status).toBe('idle');
    expect(stopped.messages[1]).toMatchObject({ finishReason: 'abort' });
    expect(textOf(stopped.messages[1]!)).toBe('The order ');
    expect(stopped.messages[1]!.parts[0]).toMatchObject({ type: 'reasoning', endedAt: expect.any(Number) });
    await expect(sending).resolves.toBe(true);
    expect(requestSignals).toHaveLength(1);
    expect(requestSignals[0]!.aborted).toBe(true);
    // Nothing from the aborted response shows up later, and the next turn works.
    gateway.reply(textAnswer('Shipped.'));
    await chat.send('And now?');
    expect(chat.getSnapshot().messages.map(textOf)).toEqual(['Status?', 'The order ', 'And now?', 'Shipped.']);
  });

  it('regenerate replaces the last answer', async () => {
    const chat = chatWith();
    gateway.reply(textAnswer('First try'));
    await chat.send('Summarise PO-2025-0117');
    const firstAnswer = last(chat);
    gateway.reply(textAnswer('Second try'));
    await chat.regenerate();
    const { messages } = chat.getSnapshot();
    expect(messages).toHaveLength(2);
    expect(messages[1]!.id).not.toBe(firstAnswer.id);
    expect(textOf(messages[1]!)).toBe('Second try');
    expect(gateway.requests[1]!.messages).toEqual([{ role: 'user', content: 'Summarise PO-2025-0117' }]);
  });

  it('edit rewrites a user turn and drops what followed', async () => {
    const chat = chatWith();
    gateway.reply(textAnswer('A1'));
    await chat.send('Q1');
    gateway.reply(textAnswer('A2'));
    await chat.send('Q2');
    const q1 = chat.getSnapshot().messages[0]!;
    gateway.reply(textAnswer('A1 again'));
    await expect(chat.edit(q1.id, 'Q1, corrected')).resolves.toBe(true);
    const { messages } = chat.getSnapshot();
    expect(messages.map(textOf)).toEqual(['Q1, corrected', 'A1 again']);
    expect(messages[0]!.id).toBe(q1.id);
    expect(gateway.requests[2]!.messages).toEqual([{ role: 'user', content: 'Q1, corrected' }]);
    await expect(chat.edit('no-such-message', 'x')).resolves.toBe(false);
  });
});

describe('snapshots', () => {
  it('are the same object until something changes, and share unchanged messages', async () => {
    const chat = chatWith();
    const initial = chat.getSnapshot();
    expect(chat.getSnapshot()).toBe(initial);
    expect(Object.isFrozen(initial)).toBe(true);
    gateway.reply(textAnswer('A1'));
    await chat.send('Q1');
    const after = chat.getSnapshot();
    expect(after).not.toBe(initial);
    expect(chat.getSnapshot()).toBe(after);
    gateway.reply(textAnswer('A2'));
    await chat.send('Q2');
    const next = chat.getSnapshot();
    expect(next.messages[0]).toBe(after.messages[0]);
    expect(next.messages[1]).toBe(after.messages[1]);
    expect(() => (next.messages as ConversationMessage[]).push(next.messages[0]!)).toThrow();
  });

  it('notifies once per network chunk, not once per delta', async () => {
    const chat = chatWith();
    const deltas: ChatEvent[] = Array.from({ length: 4_000 }, (_, index) => ({ type: 'text-delta', delta: `${index % 10}` }));
    gateway.reply({ chunks: [[{ type: 'start' }, ...deltas, { type: 'finish', reason: 'stop' }]] });
    let notifications = 0;
    const seen = new Set<ConversationSnapshot>();
    chat.subscribe(() => {
      notifications++;
      seen.add(chat.getSnapshot());
    });
    await chat.send('Count');
    expect(textOf(last(chat))).toHaveLength(4_000);
    // One body of ~140 KB reaches the reader in a handful of reads; each read is one batch.
    expect(notifications).toBeLessThan(20);
    expect(seen.size).toBe(notifications);
  });
});

describe('business context and beforeSend', () => {
  it('sends the context with every request and validates it as JSON', async () => {
    const chat = chatWith({ context: { document: { id: 'PO-2025-0117', amount: 1200 } } });
    gateway.reply(textAnswer('Ok'));
    await chat.send('What is this?');
    expect(gateway.requests[0]!.context).toEqual({ document: { id: 'PO-2025-0117', amount: 1200 } });
    chat.setContext({ document: { id: 'PO-2025-0200' }, locale: 'zh-CN' });
    gateway.reply(textAnswer('Ok'));
    await chat.send('And now?');
    expect(gateway.requests[1]!.context).toEqual({ document: { id: 'PO-2025-0200' }, locale: 'zh-CN' });

    expect(() => chat.setContext({ due: new Date() })).toThrow(/context\.due is a Date/);
    expect(() => chat.setContext({ amount: Number.NaN })).toThrow(/context\.amount/);
    expect(() => chat.setContext({ fn: () => 1 })).toThrow(/context\.fn is a function/);
    expect(() => chat.setContext([1, 2] as never)).toThrow(/plain JSON object/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => chat.setContext(cyclic)).toThrow(/cycles/);
  });

  it('beforeSend can redact: what is sent and shown is the redacted text', async () => {
    const audit = vi.fn();
    const chat = chatWith({ beforeSend: async ({ content }) => ({ content: content.replace(/\d{11}/g, '[phone]') }), onAudit: audit, user: 'li.wei' });
    gateway.reply(textAnswer('Noted'));
    await chat.send('Call me at 13800138000');
    expect(gateway.requests[0]!.messages).toEqual([{ role: 'user', content: 'Call me at [phone]' }]);
    expect(textOf(chat.getSnapshot().messages[0]!)).toBe('Call me at [phone]');
    expect(audit).toHaveBeenCalledWith(expect.objectContaining({ type: 'message-sent', content: 'Call me at [phone]', redacted: true, user: 'li.wei', actor: 'user', kind: 'send' }));
  });

  it('beforeSend can block: nothing is sent, the reason shows, the draft stays', async () => {
    const chat = chatWith({ beforeSend: ({ content }) => (content.includes('机密') ? { block: 'Contains a restricted word' } : undefined) });
    chat.setDraft('这是机密');
    await expect(chat.send('这是机密')).resolves.toBe(false);
    expect(gateway.requests).toHaveLength(0);
    expect(chat.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'blocked', message: 'Contains a restricted word' }, draft: '这是机密', messages: [] });
    gateway.reply(textAnswer('Hello'));
    await expect(chat.send('你好')).resolves.toBe(true);
    expect(chat.getSnapshot()).toMatchObject({ status: 'idle', error: null, draft: '' });
  });

  it('an edit goes through beforeSend too: blocked, the transcript stays as it was', async () => {
    const chat = chatWith({ beforeSend: ({ content }, { kind }) => (kind === 'edit' && content.includes('机密') ? { block: 'Restricted' } : undefined) });
    gateway.reply(textAnswer('A1'));
    await chat.send('Q1');
    const before = chat.getSnapshot().messages;
    await expect(chat.edit(before[0]!.id, '机密 Q1')).resolves.toBe(false);
    expect(chat.getSnapshot().messages).toBe(before);
    expect(chat.getSnapshot().error).toMatchObject({ code: 'blocked', message: 'Restricted' });
    expect(gateway.requests).toHaveLength(1);
  });

  it('a throwing beforeSend blocks (fails closed)', async () => {
    const chat = chatWith({ beforeSend: () => { throw new Error('filter service down'); } });
    await expect(chat.send('Hi')).resolves.toBe(false);
    expect(gateway.requests).toHaveLength(0);
    expect(chat.getSnapshot().error).toMatchObject({ code: 'blocked', message: expect.stringContaining('filter service down') });
  });
});

describe('agent actions', () => {
  type PoArgs = { supplier: string; qty: number };
  const createPo = (run: (args: PoArgs, context: ActionRunContext) => unknown = async (args) => ({ po: 'PO-1', ...args })) => ({
    description: 'Create a purchase order',
    parameters: z.object({ supplier: z.string(), qty: z.number().check(z.positive()) }),
    run,
  });

  it('waits for approval, runs, and continues in the same answer with the result on the wire', async () => {
    const onAction = vi.fn();
    const run = vi.fn(async (args: PoArgs, _context: ActionRunContext) => ({ po: 'PO-1', ...args }));
    const chat = chatWith({ actions: { create_po: createPo(run) }, onAction });
    gateway.reply([{ type: 'text-delta', delta: 'I will create it.' }, ...toolAnswer({ id: 'call_1', name: 'create_po', args: { supplier: 'ACME', qty: 10 } })]);
    await chat.send('Order 10 from ACME');
    expect(chat.getSnapshot().status).toBe('awaiting-action');
    expect(toolParts(last(chat))).toEqual([{ type: 'tool-call', toolCall: { id: 'call_1', name: 'create_po', args: { supplier: 'ACME', qty: 10 } }, state: 'pending-approval' }]);
    expect(run).not.toHaveBeenCalled();
    expect(gateway.requests[0]!.tools).toEqual([
      { name: 'create_po', description: 'Create a purchase order', parameters: expect.objectContaining({ type: 'object', required: ['supplier', 'qty'] }) },
    ]);
    await expect(chat.send('Another')).resolves.toBe(false);

    gateway.reply(textAnswer('Created PO-1.'));
    await expect(chat.approve('call_1')).resolves.toBe(true);
    expect(run).toHaveBeenCalledTimes(1);
    expect(run.mock.calls[0]![0]).toEqual({ supplier: 'ACME', qty: 10 });
    expect(run.mock.calls[0]![1]).toMatchObject({ signal: expect.any(AbortSignal), conversation: chat });

    const { messages, status } = chat.getSnapshot();
    expect(status).toBe('idle');
    expect(messages).toHaveLength(2);
    const answer = messages[1]!;
    expect(answer.parts.map((part) => part.type)).toEqual(['text', 'tool-call', 'text']);
    expect(toolParts(answer)[0]).toMatchObject({ state: 'done', result: { po: 'PO-1', supplier: 'ACME', qty: 10 } });
    expect(answer.finishReason).toBe('stop');
    expect(gateway.requests[1]!.messages).toEqual([
      { role: 'user', content: 'Order 10 from ACME' },
      { role: 'assistant', content: 'I will create it.', toolCalls: [{ id: 'call_1', name: 'create_po', args: { supplier: 'ACME', qty: 10 } }] },
      { role: 'tool', toolCallId: 'call_1', content: JSON.stringify({ po: 'PO-1', supplier: 'ACME', qty: 10 }) },
    ]);
    expect(onAction.mock.calls.map(([event]) => event.type)).toEqual(['requested', 'approved', 'ran']);
    expect(onAction.mock.calls[2]![0]).toMatchObject({ toolCall: { id: 'call_1' }, result: { po: 'PO-1' }, at: expect.any(Number) });
  });

  it('an action that rejects with a plain object (an API error body) names the failure, not "[object Object]"', async () => {
    const run = vi.fn(() => Promise.reject({ code: 'BUDGET_EXCEEDED', message: 'Cost centre 4711 is over budget' }));
    const chat = chatWith({ actions: { create_po: createPo(run) } });
    gateway.reply(toolAnswer({ id: 'call_1', name: 'create_po', args: { supplier: 'ACME', qty: 10 } }));
    await chat.send('Order');
    gateway.reply(textAnswer('The order failed.'));
    await chat.approve('call_1');
    const { error } = toolParts(last(chat))[0]!;
    expect(error).not.toContain('[object Object]');
    expect(error).toContain('Cost centre 4711 is over budget');
    expect(gateway.requests[1]!.messages.at(-1)!.content).toContain('Cost centre 4711 is over budget');
  });

  it('reject tells the model, runs nothing, and continues', async () => {
    const run = vi.fn();
    const onAction = vi.fn();
    const chat = chatWith({ actions: { create_po: createPo(run) }, onAction });
    gateway.reply(toolAnswer({ id: 'call_1', name: 'create_po', args: { supplier: 'ACME', qty: 10 } }));
    await chat.send('Order');
    gateway.reply(textAnswer('Understood, not ordering.'));
    await expect(chat.reject('call_1', 'Budget frozen')).resolves.toBe(true);
    expect(run).not.toHaveBeenCalled();
    expect(toolParts(last(chat))[0]).toMatchObject({ state: 'rejected', reason: 'Budget frozen' });
    expect(gateway.requests[1]!.messages.at(-1)).toEqual({ role: 'tool', toolCallId: 'call_1', content: JSON.stringify({ rejected: true, reason: 'Budget frozen' }) });
    expect(onAction.mock.calls.map(([event]) => event.type)).toEqual(['requested', 'rejected']);
    expect(textOf(last(chat))).toBe('Understood, not ordering.');
    await expect(chat.approve('call_1')).resolves.toBe(false);
  });

  it('decides the call of the step it is in when an earlier step of the answer, or an earlier answer, had a call with the same id (a gateway that numbers calls call_0 at every model call)', async () => {
    const run = vi.fn(async (args: PoArgs) => ({ po: `PO-${args.qty}`, ...args }));
    const chat = chatWith({ actions: { create_po: createPo(run) } });
    gateway.reply(toolAnswer({ id: 'call_0', name: 'create_po', args: { supplier: 'ACME', qty: 10 } }));
    await chat.send('Order 10 from ACME, then 20 from Bolt');
    gateway.reply(toolAnswer({ id: 'call_0', name: 'create_po', args: { supplier: 'Bolt', qty: 20 } }));
    await expect(chat.approve('call_0')).resolves.toBe(true);
    expect(chat.getSnapshot().status).toBe('awaiting-action');

    gateway.reply(textAnswer('Ordered from ACME only.'));
    await expect(chat.reject('call_0', 'Not Bolt')).resolves.toBe(true);
    expect(run).toHaveBeenCalledTimes(1);
    expect(toolParts(last(chat))).toMatchObject([
      { toolCall: { args: { supplier: 'ACME' } }, state: 'done', result: { po: 'PO-10' } },
      { toolCall: { args: { supplier: 'Bolt' } }, state: 'rejected', reason: 'Not Bolt' },
    ]);
    // Each result follows its own call on the wire.
    expect(gateway.requests[2]!.messages.slice(1).map((message) => message.role === 'tool' ? message.content : message.toolCalls?.[0]?.args)).toEqual([
      { supplier: 'ACME', qty: 10 },
      JSON.stringify({ po: 'PO-10', supplier: 'ACME', qty: 10 }),
      { supplier: 'Bolt', qty: 20 },
      JSON.stringify({ rejected: true, reason: 'Not Bolt' }),
    ]);

    // The next answer's call_0 is its own call too: an Approve does not reach back to the first answer.
    gateway.reply(toolAnswer({ id: 'call_0', name: 'create_po', args: { supplier: 'Crane', qty: 30 } }));
    await chat.send('And 30 from Crane');
    gateway.reply(textAnswer('Ordered from Crane.'));
    await expect(chat.approve('call_0')).resolves.toBe(true);
    expect(run.mock.calls.map(([args]) => args.supplier)).toEqual(['ACME', 'Crane']);
    expect(toolParts(chat.getSnapshot().messages[1]!).map((part) => part.state)).toEqual(['done', 'rejected']);
    expect(toolParts(last(chat))).toMatchObject([{ toolCall: { args: { supplier: 'Crane' } }, state: 'done', result: { po: 'PO-30' } }]);
  });

  it('invalid arguments: nothing runs, the model gets the validation error', async () => {
    const run = vi.fn();
    const chat = chatWith({ actions: { create_po: createPo(run) } });
    gateway.reply(toolAnswer({ id: 'call_1', name: 'create_po', args: { supplier: 'ACME', qty: -3 } }));
    gateway.reply(textAnswer('The quantity must be positive.'));
    await chat.send('Order -3');
    expect(run).not.toHaveBeenCalled();
    expect(toolParts(last(chat))[0]).toMatchObject({ state: 'error', error: expect.stringContaining('qty') });
    const toolMessage = gateway.requests[1]!.messages.at(-1)!;
    expect(toolMessage.role).toBe('tool');
    expect(JSON.parse(toolMessage.content)).toEqual({ error: expect.stringContaining('Invalid arguments for create_po') });
    expect(chat.getSnapshot().status).toBe('idle');
  });

  it('arguments that are not JSON are invalid too', async () => {
    const run = vi.fn();
    const chat = chatWith({ actions: { create_po: createPo(run) } });
    gateway.reply(toolAnswer({ id: 'call_1', name: 'create_po', args: '{"supplier": "AC' }));
    gateway.reply(textAnswer('Sorry.'));
    await chat.send('Order');
    expect(run).not.toHaveBeenCalled();
    expect(toolParts(last(chat))[0]!.error).toMatch(/not valid JSON/);
  });

  it('unknown action: nothing runs, the model is told which actions exist', async () => {
    const run = vi.fn();
    const onAction = vi.fn();
    const chat = chatWith({ actions: { create_po: createPo(run) }, onAction });
    gateway.reply(toolAnswer({ id: 'call_1', name: 'delete_everything', args: {} }));
    gateway.reply(textAnswer('I cannot do that.'));
    await chat.send('Delete it all');
    expect(run).not.toHaveBeenCalled();
    expect(JSON.parse(gateway.requests[1]!.messages.at(-1)!.content)).toEqual({ error: 'Unknown action "delete_everything". Available actions: create_po.' });
    expect(onAction.mock.calls.map(([event]) => event.type)).toEqual(['requested', 'failed']);
    expect(textOf(last(chat))).toBe('I cannot do that.');
  });

  it('a thrown error becomes { error } for the model', async () => {
    const chat = chatWith({ actions: { create_po: { ...createPo(vi.fn(async () => { throw new Error('ERP is down'); })), confirm: false } } });
    gateway.reply(toolAnswer({ id: 'call_1', name: 'create_po', args: { supplier: 'ACME', qty: 1 } }));
    gateway.reply(textAnswer('The ERP is down, try later.'));
    await chat.send('Order');
    expect(toolParts(last(chat))[0]).toMatchObject({ state: 'error', error: 'ERP is down' });
    expect(gateway.requests[1]!.messages.at(-1)).toEqual({ role: 'tool', toolCallId: 'call_1', content: JSON.stringify({ error: 'ERP is down' }) });
  });

  it('confirm: false runs at once, shows as done, and needs no approval', async () => {
    const onAction = vi.fn();
    const lookup = vi.fn(async ({ id }: { id: string }) => ({ id, status: 'shipped' }));
    const chat = chatWith({ actions: { lookup_po: { description: 'Look up a PO', parameters: z.object({ id: z.string() }), confirm: false, run: lookup } }, onAction });
    gateway.reply(toolAnswer({ id: 'call_1', name: 'lookup_po', args: { id: 'PO-1' } }));
    gateway.reply(textAnswer('PO-1 has shipped.'));
    await chat.send('Status of PO-1?');
    expect(lookup).toHaveBeenCalledTimes(1);
    expect(toolParts(last(chat))[0]).toMatchObject({ state: 'done', result: { id: 'PO-1', status: 'shipped' } });
    expect(onAction.mock.calls.map(([event]) => event.type)).toEqual(['requested', 'ran']);
    expect(textOf(last(chat))).toBe('PO-1 has shipped.');
  });

  it('confirm as a function decides per call', async () => {
    const run = vi.fn(async () => 'ok');
    const chat = chatWith({ actions: { pay: { description: 'Pay', parameters: z.object({ amount: z.number() }), confirm: ({ amount }: { amount: number }) => amount > 1000, run } } });
    gateway.reply(toolAnswer({ id: 'small', name: 'pay', args: { amount: 10 } }, { id: 'large', name: 'pay', args: { amount: 5000 } }));
    await chat.send('Pay both');
    expect(toolParts(last(chat)).map((part) => part.state)).toEqual(['done', 'pending-approval']);
    expect(chat.getSnapshot().status).toBe('awaiting-action');
    chat.stop();
  });

  it('several calls in one answer: each is decided on its own, the model is asked again once all are', async () => {
    const run = vi.fn(async (args: { supplier: string; qty: number }) => args.supplier);
    const chat = chatWith({ actions: { create_po: createPo(run) } });
    gateway.reply(toolAnswer({ id: 'a', name: 'create_po', args: { supplier: 'ACME', qty: 1 } }, { id: 'b', name: 'create_po', args: { supplier: 'Globex', qty: 2 } }));
    await chat.send('Order from both');
    await chat.approve('a');
    expect(chat.getSnapshot().status).toBe('awaiting-action');
    expect(gateway.requests).toHaveLength(1);
    gateway.reply(textAnswer('Ordered from ACME only.'));
    await chat.reject('b');
    expect(gateway.requests).toHaveLength(2);
    expect(gateway.requests[1]!.messages.slice(1)).toEqual([
      { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'create_po', args: { supplier: 'ACME', qty: 1 } }, { id: 'b', name: 'create_po', args: { supplier: 'Globex', qty: 2 } }] },
      { role: 'tool', toolCallId: 'a', content: 'ACME' },
      { role: 'tool', toolCallId: 'b', content: JSON.stringify({ rejected: true }) },
    ]);
    expect(chat.getSnapshot().status).toBe('idle');
  });

  it('stops with max_steps after maxSteps model calls in one turn', async () => {
    const lookup = vi.fn(async () => 'again');
    const chat = chatWith({ maxSteps: 3, actions: { lookup: { description: 'Look up', confirm: false, run: lookup } } });
    for (let step = 1; step <= 3; step++) gateway.reply(toolAnswer({ id: `call_${step}`, name: 'lookup', args: {} }));
    await chat.send('Loop forever');
    expect(gateway.requests).toHaveLength(3);
    expect(lookup).toHaveBeenCalledTimes(3);
    const snapshot = chat.getSnapshot();
    expect(snapshot.status).toBe('error');
    expect(snapshot.error).toMatchObject({ code: 'max_steps' });
    expect(snapshot.messages).toHaveLength(2);
    expect(toolParts(snapshot.messages[1]!)).toHaveLength(3);
    // Each model call is replayed as its own assistant message + tool result.
    expect(gateway.requests[2]!.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'tool', 'assistant', 'tool']);
    // The next user turn starts a fresh count.
    gateway.reply(textAnswer('Done'));
    await chat.send('Stop looping');
    expect(chat.getSnapshot().status).toBe('idle');
  });

  it('edit-then-approve: validated against a JSON Schema, run with the edit, audited, and told to the model', async () => {
    const audit = vi.fn();
    const onAction = vi.fn();
    const run = vi.fn(async (args: unknown) => ({ created: args }));
    const chat = chatWith({
      user: 'zhang.san',
      onAudit: audit,
      onAction,
      actions: {
        create_po: {
          description: 'Create a purchase order',
          parameters: { type: 'object', properties: { supplier: { type: 'string' }, qty: { type: 'integer', minimum: 1 } }, required: ['supplier', 'qty'], additionalProperties: false },
          run,
        },
      },
    });
    gateway.reply(toolAnswer({ id: 'call_1', name: 'create_po', args: { supplier: 'ACME', qty: 100 } }));
    await chat.send('Order 100 from ACME');
    expect(() => chat.approve('call_1', { supplier: 'ACME', qty: 0 })).toThrow(/qty/);
    expect(() => chat.approve('call_1', { supplier: 'ACME', qty: 5, extra: true })).toThrow(/Invalid arguments/);
    expect(toolParts(last(chat))[0]!.state).toBe('pending-approval');
    expect(run).not.toHaveBeenCalled();

    gateway.reply(textAnswer('Created with 10.'));
    await chat.approve('call_1', { supplier: 'ACME', qty: 10 });
    expect(run.mock.calls[0]![0]).toEqual({ supplier: 'ACME', qty: 10 });
    const part = toolParts(last(chat))[0]!;
    expect(part).toMatchObject({ state: 'done', toolCall: { args: { supplier: 'ACME', qty: 100 } }, editedArgs: { supplier: 'ACME', qty: 10 } });
    expect(JSON.parse(gateway.requests[1]!.messages.at(-1)!.content)).toEqual({ editedArgs: { supplier: 'ACME', qty: 10 }, result: { created: { supplier: 'ACME', qty: 10 } } });
    expect(onAction.mock.calls[1]![0]).toMatchObject({ type: 'approved', args: { qty: 100 }, editedArgs: { qty: 10 } });

    const trail = audit.mock.calls.map(([event]) => event);
    expect(trail.map((event) => event.type)).toEqual(['message-sent', 'action-proposed', 'action-edited', 'action-approved', 'action-result']);
    for (const event of trail) expect(event).toMatchObject({ user: 'zhang.san', conversationId: chat.id, at: expect.any(Number) });
    expect(trail[1]).toMatchObject({ actor: 'model', toolCallId: 'call_1', name: 'create_po', args: { supplier: 'ACME', qty: 100 }, needsApproval: true });
    expect(trail[2]).toMatchObject({ actor: 'user', args: { qty: 100 }, editedArgs: { supplier: 'ACME', qty: 10 } });
    expect(trail[3]).toMatchObject({ actor: 'user', editedArgs: { qty: 10 } });
    expect(trail[4]).toMatchObject({ actor: 'system', result: { created: { qty: 10 } } });

    chat.feedback(last(chat).id, 'down', 'Wrong quantity');
    expect(audit.mock.calls.at(-1)![0]).toEqual({ type: 'feedback', actor: 'user', user: 'zhang.san', conversationId: chat.id, at: expect.any(Number), messageId: last(chat).id, rating: 'down', comment: 'Wrong quantity' });
  });

  it('stop while an action runs aborts its signal and never asks the model again', async () => {
    let signal: AbortSignal | undefined;
    const chat = chatWith({
      actions: {
        slow: { description: 'Slow', confirm: false, run: (_args, context) => new Promise((_resolve, reject) => { signal = context.signal; context.signal.addEventListener('abort', () => reject(new Error('aborted'))); }) },
      },
    });
    gateway.reply(toolAnswer({ id: 'call_1', name: 'slow', args: {} }));
    void chat.send('Go');
    await until(chat, (snapshot) => snapshot.messages.length === 2 && toolParts(snapshot.messages[1]!)[0]?.state === 'running');
    chat.stop();
    expect(signal?.aborted).toBe(true);
    expect(toolParts(last(chat))[0]).toMatchObject({ state: 'error', error: expect.stringContaining('Stopped') });
    expect(chat.getSnapshot().status).toBe('idle');
    expect(gateway.requests).toHaveLength(1);
  });

  it('refuses bad action definitions at creation', () => {
    const client = createClient({ url: gateway.url, protocol: 'parley' });
    expect(() => createConversation({ client, actions: { 'bad name': { description: 'x', run: () => 1 } } })).toThrow(/action name/);
    expect(() => createConversation({ client, actions: { ok: { description: 'x' } as never } })).toThrow(/run must be a function/);
    expect(() => createConversation({ client, maxSteps: 0 })).toThrow(/maxSteps/);
  });
});

describe('persistence', () => {
  it('restores messages and draft after a reload, and feedback persists', async () => {
    const storage = memoryStorage();
    const chat = chatWith({ storage, id: 'po-chat' });
    gateway.reply(textAnswer('Net 30.'));
    await chat.send('Payment terms?');
    chat.setDraft('And the discount');
    expect(chat.feedback(last(chat).id, 'up', 'Helpful')).toBe(true);
    await until(chat, (snapshot) => snapshot.messages[1]?.feedback !== undefined);
    await chat.ready;
    // Wait for the (batched) save of the feedback change.
    await vi.waitFor(() => expect(storage.entries.get('parley:conversation:po-chat')).toContain('Helpful'));

    const reloaded = chatWith({ storage, id: 'po-chat' });
    const snapshot = reloaded.getSnapshot();
    expect(snapshot.messages.map(textOf)).toEqual(['Payment terms?', 'Net 30.']);
    expect(snapshot.messages[1]).toMatchObject({ feedback: { rating: 'up', comment: 'Helpful' }, finishReason: 'stop' });
    expect(snapshot.draft).toBe('And the discount');
    expect(snapshot.messages[1]!.interrupted).toBeUndefined();

    gateway.reply(textAnswer('2%.'));
    await reloaded.send('And the discount');
    expect(gateway.requests.at(-1)!.messages).toHaveLength(3);
    expect(reloaded.getSnapshot().draft).toBe('');
    expect(storage.entries.has('parley:draft:po-chat')).toBe(false);
  });

  it('saves while streaming, and a page that died mid-answer comes back interrupted, not blank', async () => {
    const storage = memoryStorage();
    const chat = chatWith({ storage, id: 'crash' });
    gateway.reply({ chunks: [[{ type: 'text-delta', delta: 'The order was sh' }]], hold: true });
    void chat.send('Status?');
    await vi.waitFor(() => expect(storage.entries.get('parley:conversation:crash')).toContain('The order was sh'), { timeout: 5_000 });
    // The "page dies": a new conversation object reads what was stored, the old one is abandoned.
    const reloaded = chatWith({ storage: memoryStorage(Object.fromEntries(storage.entries)), id: 'crash' });
    const [question, answer] = reloaded.getSnapshot().messages;
    expect(textOf(question!)).toBe('Status?');
    expect(answer).toMatchObject({ interrupted: true });
    expect(textOf(answer!)).toBe('The order was sh');
    expect(reloaded.getSnapshot().status).toBe('idle');
    chat.stop();
  });

  describe('an answer the page left streaming, from a gateway that resumes answers (Last-Event-ID)', () => {
    /** Starts an answer that holds after `chunks`, and returns a copy of storage as a page that died then would leave it. */
    async function diedMidAnswer(chunks: ChatEvent[][], options: Partial<ConversationOptions> = {}) {
      const storage = memoryStorage();
      const chat = chatWith({ storage, id: 'left', ...options });
      gateway.reply({ chunks, hold: true, numbered: { answer: 'a1' } });
      void chat.send('Where is PO-7?');
      const events = chunks.flat().length;
      await vi.waitFor(() => expect(storage.entries.get('parley:conversation:left')).toContain(`"resumeAfter":"a1:${events - 1}"`), { timeout: 5_000 });
      const left = memoryStorage(Object.fromEntries(storage.entries));
      chat.stop();
      return left;
    }

    it('takes it up after the last stored event: the rest comes once, reasoning goes on in its part, and the answer ends as it would have', async () => {
      const left = await diedMidAnswer([[{ type: 'reasoning-delta', delta: 'Check the ' }], [{ type: 'reasoning-delta', delta: 'ledger' }]]);
      gateway.reply({ chunks: [[{ type: 'reasoning-delta', delta: ' first.' }], [{ type: 'text-delta', delta: 'PO-7 shipped on Monday.' }, { type: 'finish', reason: 'stop' }]], numbered: { answer: 'a1', from: 2 } });
      const reloaded = chatWith({ storage: left, id: 'left' });
      expect(reloaded.getSnapshot().status).toBe('streaming');
      expect(last(reloaded).interrupted).toBeUndefined();
      const done = await until(reloaded, (snapshot) => snapshot.status === 'idle');
      const answer = done.messages[1]!;
      expect(answer).toMatchObject({ finishReason: 'stop', parts: [{ type: 'reasoning', text: 'Check the ledger first.' }, { type: 'text', text: 'PO-7 shipped on Monday.' }] });
      expect((answer.parts[0] as MessagePartOf<'reasoning'>).endedAt).toEqual(expect.any(Number));
      expect(answer.interrupted).toBeUndefined();
      expect(answer.resumeAfter).toBeUndefined();
      expect(done.error).toBeNull();
      // The request that started the answer, asked again with the id of the last event the page had.
      expect(gateway.lastEventIds).toEqual([null, 'a1:1']);
      expect(gateway.requests[1]).toEqual(gateway.requests[0]);
      await vi.waitFor(() => expect(left.entries.get('parley:conversation:left')).toContain('PO-7 shipped on Monday.'));
      expect(left.entries.get('parley:conversation:left')).not.toContain('resumeAfter');
    });

    it('usage a gateway reports cumulatively more than once in a model call is counted once when a reload takes the call up', async () => {
      const lookup = { description: 'Look up', run: async () => 'found', confirm: false };
      for (const earlier of [null, { inputTokens: 10, outputTokens: 4 }]) {
        gateway.resetHandlers();
        const storage = memoryStorage();
        const chat = chatWith({ storage, id: 'left', actions: { lookup } });
        // The turn's first model call, which runs an action, then the call the page dies in.
        if (earlier) gateway.reply({ chunks: [[{ type: 'tool-call', toolCall: { id: 'c1', name: 'lookup', args: {} } }, { type: 'usage', usage: earlier }, { type: 'finish', reason: 'tool-calls' }]], numbered: { answer: 'a0' } });
        gateway.reply({ chunks: [[{ type: 'text-delta', delta: 'PO-7 was ' }, { type: 'usage', usage: { inputTokens: 30, outputTokens: 3 } }]], hold: true, numbered: { answer: 'a1' } });
        void chat.send('Where is PO-7?');
        await vi.waitFor(() => expect(storage.entries.get('parley:conversation:left')).toContain('"resumeAfter":"a1:1"'), { timeout: 5_000 });
        const left = memoryStorage(Object.fromEntries(storage.entries));
        chat.stop();
        gateway.reply({ chunks: [[{ type: 'text-delta', delta: 'shipped.' }, { type: 'usage', usage: { inputTokens: 30, outputTokens: 5 } }, { type: 'finish', reason: 'stop' }]], numbered: { answer: 'a1', from: 2 } });
        const reloaded = chatWith({ storage: left, id: 'left', actions: { lookup } });
        const done = await until(reloaded, (snapshot) => snapshot.status === 'idle');
        expect(textOf(done.messages[1]!)).toBe('PO-7 was shipped.');
        expect(gateway.lastEventIds.at(-1)).toBe('a1:1');
        // The call's last report, plus the earlier call's: not the report before the reload as well.
        expect(done.messages[1]!.usage).toEqual({ inputTokens: 30 + (earlier?.inputTokens ?? 0), outputTokens: 5 + (earlier?.outputTokens ?? 0) });
        // What an answer streaming needs is not kept once it ended.
        await vi.waitFor(() => expect(left.entries.get('parley:conversation:left')).toContain('PO-7 was shipped.'));
        expect(left.entries.get('parley:conversation:left')).not.toMatch(/resumeAfter|usageBase/);
      }
    });

    it('a proposal made before the page died can still be decided once the answer ends', async () => {
      const run = vi.fn(async () => 'archived');
      const actions = { archive: { description: 'Archive', run } };
      const left = await diedMidAnswer([[{ type: 'tool-call', toolCall: { id: 'call_1', name: 'archive', args: {} } }]], { actions });
      gateway.reply({ chunks: [[{ type: 'finish', reason: 'tool-calls' }]], numbered: { answer: 'a1', from: 1 } });
      const reloaded = chatWith({ storage: left, id: 'left', actions });
      await until(reloaded, (snapshot) => snapshot.status === 'awaiting-action');
      expect(toolParts(last(reloaded))).toMatchObject([{ state: 'pending-approval' }]);
      gateway.reply(textAnswer('Archived.'));
      await expect(reloaded.approve('call_1')).resolves.toBe(true);
      expect(run).toHaveBeenCalledTimes(1);
      expect(textOf(last(reloaded))).toBe('Archived.');
    });

    it('the gateway no longer has it (404, or it answers anew): the answer stays as the page left it, interrupted, with no error and nothing appended', async () => {
      const refusals: Reply[] = [{ chunks: [], status: 404 }, { chunks: [[{ type: 'text-delta', delta: 'Another answer.' }, { type: 'finish', reason: 'stop' }]], numbered: { answer: 'a2' } }];
      for (const refusal of refusals) {
        gateway.resetHandlers();
        const left = await diedMidAnswer([[{ type: 'text-delta', delta: 'PO-7 was sh' }], [{ type: 'tool-call', toolCall: { id: 'call_1', name: 'archive', args: {} } }]], { actions: { archive: { description: 'Archive', run: async () => 'x' } } });
        gateway.reply(refusal);
        const reloaded = chatWith({ storage: left, id: 'left', actions: { archive: { description: 'Archive', run: async () => 'x' } } });
        const settled = await until(reloaded, (snapshot) => snapshot.status !== 'streaming');
        expect(settled).toMatchObject({ status: 'idle', error: null });
        const answer = settled.messages[1]!;
        expect(answer).toMatchObject({ interrupted: true, parts: [{ type: 'text', text: 'PO-7 was sh' }, { type: 'tool-call', state: 'error' }] });
        expect(answer.resumeAfter).toBeUndefined();
        // Regenerate, as for any interrupted answer.
        gateway.reply(textAnswer('PO-7 shipped on Monday.'));
        await expect(reloaded.regenerate()).resolves.toBe(true);
        expect(textOf(last(reloaded))).toBe('PO-7 shipped on Monday.');
      }
    });

    it('left after its actions ran, before the next call sent anything: not taken up from the last call (which ended), but interrupted', async () => {
      const storage = memoryStorage();
      const run = vi.fn(async () => 'found');
      const actions = { lookup: { description: 'Look up', run, confirm: false } };
      const chat = chatWith({ storage, id: 'left', actions });
      gateway.reply({ chunks: [[{ type: 'text-delta', delta: 'Let me look.' }], [{ type: 'tool-call', toolCall: { id: 'c1', name: 'lookup', args: {} } }], [{ type: 'finish', reason: 'tool-calls' }]], numbered: { answer: 'a1' } });
      // The second call: a model slow to its first token.
      gateway.reply({ chunks: [], hold: true, numbered: { answer: 'a2' } });
      void chat.send('Where is PO-7?');
      await vi.waitFor(() => expect(gateway.requests.length).toBe(2));
      chat.flush();
      const left = memoryStorage(Object.fromEntries(storage.entries));
      chat.stop();
      // A gateway keeps an ended answer a while: taken up after its event 1, it would send its finish.
      gateway.reply({ chunks: [[{ type: 'finish', reason: 'tool-calls' }]], numbered: { answer: 'a1', from: 2 } });
      const reloaded = chatWith({ storage: left, id: 'left', actions });
      const settled = await until(reloaded, (snapshot) => snapshot.status !== 'streaming');
      expect(settled.status).toBe('idle');
      expect(settled.messages[1]).toMatchObject({ interrupted: true, parts: [{ type: 'text', text: 'Let me look.' }, { type: 'tool-call', state: 'done' }] });
      expect(settled.messages[1]!.finishReason).toBeUndefined();
      expect(gateway.lastEventIds).toEqual([null, null]);
      expect(run).toHaveBeenCalledTimes(1);
    });

    it('let go mid-answer (leave(), a UI removed or built anew): storage keeps the answer as it was, and the next conversation on it takes it up', async () => {
      const storage = memoryStorage();
      const chat = chatWith({ storage, id: 'left' });
      gateway.reply({ chunks: [[{ type: 'text-delta', delta: 'PO-7 was ' }]], hold: true, numbered: { answer: 'a1' } });
      const sent = chat.send('Where is PO-7?');
      await vi.waitFor(() => expect(textOf(last(chat))).toBe('PO-7 was '));
      chat.leave();
      // The send resolves; storage has the answer as it stood, to be taken up, not stopped.
      await expect(sent).resolves.toBe(true);
      const kept = storage.entries.get('parley:conversation:left')!;
      expect(kept).toContain('"resumeAfter":"a1:0"');
      expect(kept).not.toContain('abort');
      chat.setDraft('nothing more is written');
      expect(storage.entries.get('parley:draft:left')).toBeUndefined();
      gateway.reply({ chunks: [[{ type: 'text-delta', delta: 'shipped.' }], [{ type: 'finish', reason: 'stop' }]], numbered: { answer: 'a1', from: 1 } });
      const next = chatWith({ storage, id: 'left' });
      const done = await until(next, (snapshot) => snapshot.status === 'idle');
      expect(done.messages[1]).toMatchObject({ finishReason: 'stop', parts: [{ type: 'text', text: 'PO-7 was shipped.' }] });
      expect(gateway.lastEventIds).toEqual([null, 'a1:0']);
      // An action awaiting approval, let go, still awaits it in the next one.
      const actions = { archive: { description: 'Archive', run: vi.fn(async () => 'archived') } };
      const shared = memoryStorage();
      const reported: string[] = [];
      const before = chatWith({ storage: shared, id: 'pending', actions, onAudit: (event) => reported.push(event.type), onAction: (event) => reported.push(`action ${event.type}`) });
      gateway.reply(toolAnswer({ id: 'call_2', name: 'archive', args: {} }));
      await before.send('Archive PO-7');
      expect(before.getSnapshot().status).toBe('awaiting-action');
      const reportedBefore = reported.length;
      before.leave();
      // Nothing reported of an action that still awaits its decision in storage.
      expect(reported.slice(reportedBefore)).toEqual([]);
      const after = chatWith({ storage: shared, id: 'pending', actions });
      expect(after.getSnapshot().status).toBe('awaiting-action');
      gateway.reply(textAnswer('Archived.'));
      await expect(after.approve('call_2')).resolves.toBe(true);
      expect(actions.archive.run).toHaveBeenCalledTimes(1);
    });

    it('let go while its history is still on the way: nothing of it is taken up there', async () => {
      const left = await diedMidAnswer([[{ type: 'text-delta', delta: 'PO-7 was ' }]]);
      const later = { get: (key: string) => Promise.resolve(left.get(key)), set: (key: string, value: string) => left.set(key, value), remove: (key: string) => left.remove(key) };
      const requests = gateway.requests.length;
      const gone = chatWith({ storage: later, id: 'left' });
      gone.leave();
      await gone.ready;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(gateway.requests).toHaveLength(requests);
      expect(gone.getSnapshot().status).toBe('idle');
      expect(left.entries.get('parley:conversation:left')).toContain('"resumeAfter":"a1:0"');
    });

    it('a message sent before the history has come waits for the answer taken up: refused, and nothing streams beside it', async () => {
      const left = await diedMidAnswer([[{ type: 'text-delta', delta: 'PO-7 was ' }]]);
      // Storage that answers later (IndexedDB-like).
      const later = { get: (key: string) => Promise.resolve(left.get(key)), set: (key: string, value: string) => left.set(key, value), remove: (key: string) => left.remove(key) };
      gateway.reply({ chunks: [[{ type: 'text-delta', delta: 'shipped.' }], [{ type: 'finish', reason: 'stop' }]], numbered: { answer: 'a1', from: 1 } });
      const reloaded = chatWith({ storage: later, id: 'left' });
      await expect(reloaded.send('And PO-8?')).resolves.toBe(false);
      const done = await until(reloaded, (snapshot) => snapshot.status === 'idle');
      expect(done.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
      expect(done.messages[1]!.parts).toEqual([{ type: 'text', text: 'PO-7 was shipped.' }]);
      expect(gateway.requests).toHaveLength(2);
      // Then it can be sent.
      gateway.reply(textAnswer('PO-8 is open.'));
      await expect(reloaded.send('And PO-8?')).resolves.toBe(true);
      expect(textOf(last(reloaded))).toBe('PO-8 is open.');
    });
  });

  it('restores a pending approval, which can then be approved', async () => {
    const storage = memoryStorage();
    const run = vi.fn(async () => 'done');
    const actions = { archive: { description: 'Archive', run } };
    const chat = chatWith({ storage, id: 'pending', actions });
    gateway.reply(toolAnswer({ id: 'call_1', name: 'archive', args: {} }));
    await chat.send('Archive it');
    const reloaded = chatWith({ storage, id: 'pending', actions });
    expect(reloaded.getSnapshot().status).toBe('awaiting-action');
    gateway.reply(textAnswer('Archived.'));
    await expect(reloaded.approve('call_1')).resolves.toBe(true);
    expect(run).toHaveBeenCalledTimes(1);
    expect(textOf(last(reloaded))).toBe('Archived.');
  });

  it('ignores corrupt or foreign data with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const cases = ['{not json', JSON.stringify({ hello: 'world' }), JSON.stringify({ v: 1, id: 'other', messages: [] }), JSON.stringify({ v: 1, id: 'x', messages: [{ id: 1 }] })];
      for (const raw of cases) {
        const chat = chatWith({ storage: memoryStorage({ 'parley:conversation:x': raw }), id: 'x' });
        expect(chat.getSnapshot().messages).toEqual([]);
      }
      expect(warn).toHaveBeenCalledTimes(cases.length);
      expect(String(warn.mock.calls[0]![0])).toMatch(/Ignoring stored conversation "x"/);
    } finally {
      warn.mockRestore();
    }
  });

  it('survives storage that throws on every call', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const broken = { get: () => { throw new Error('SecurityError'); }, set: () => { throw new Error('QuotaExceededError'); }, remove: () => { throw new Error('nope'); } };
      const chat = chatWith({ storage: broken, id: 'broken' });
      chat.setDraft('typing');
      gateway.reply(textAnswer('Still works'));
      await chat.send('Hi');
      expect(textOf(last(chat))).toBe('Still works');
    } finally {
      warn.mockRestore();
    }
  });

  it('async storage: messages arrive when loaded, a draft typed meanwhile wins, and send waits for the history', async () => {
    const inner = memoryStorage();
    const seed = chatWith({ storage: inner, id: 'async' });
    seed.setDraft('old draft');
    gateway.reply(textAnswer('A1'));
    await seed.send('Q1');
    seed.setDraft('old draft');

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = { get: async (key: string) => (await gate, inner.get(key)), set: async (key: string, value: string) => inner.set(key, value), remove: async (key: string) => inner.remove(key) };
    const chat = chatWith({ storage: slow, id: 'async' });
    expect(chat.getSnapshot().messages).toEqual([]);
    chat.setDraft('new draft');
    gateway.reply(textAnswer('A2'));
    const sending = chat.send('Q2');
    release();
    await chat.ready;
    await sending;
    const snapshot = chat.getSnapshot();
    expect(snapshot.messages.map(textOf)).toEqual(['Q1', 'A1', 'Q2', 'A2']);
    expect(gateway.requests.at(-1)!.messages.map((message) => message.content)).toEqual(['Q1', 'A1', 'Q2']);
    expect(snapshot.draft).toBe('');
  });

  it('clear empties the conversation and its storage', async () => {
    const storage = memoryStorage();
    const chat = chatWith({ storage, id: 'clear-me' });
    gateway.reply(textAnswer('A'));
    await chat.send('Q');
    expect(storage.entries.has('parley:conversation:clear-me')).toBe(true);
    chat.clear();
    expect(chat.getSnapshot()).toMatchObject({ messages: [], status: 'idle', error: null });
    expect(storage.entries.has('parley:conversation:clear-me')).toBe(false);
    expect(chatWith({ storage, id: 'clear-me' }).getSnapshot().messages).toEqual([]);
  });

  it('never stores the business context', async () => {
    const storage = memoryStorage();
    const chat = chatWith({ storage, id: 'ctx', context: { token: 'secret-session-token' } });
    gateway.reply(textAnswer('Ok'));
    await chat.send('Hi');
    expect([...storage.entries.values()].join('\n')).not.toContain('secret-session-token');
  });
});
