import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import type { ChatEvent } from './chat-event.js';
import type { ConversationMessage } from './conversation-message.js';
import { createConversation, type ConversationClient, type ConversationStreamRequest } from './create-conversation.js';

/**
 * A hand-written client whose events the test releases one step at a time, for what depends on
 * exact ordering or the clock (the msw tests cover the real network path).
 */
function scriptedClient() {
  const requests: ConversationStreamRequest[] = [];
  const queue: Array<ChatEvent | 'end'> = [];
  let wake: (() => void) | undefined;
  const client: ConversationClient = {
    stream(request) {
      requests.push(request);
      return {
        abort: () => void 0,
        async *[Symbol.asyncIterator]() {
          for (;;) {
            while (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
            const next = queue.shift()!;
            if (next === 'end') return;
            yield next;
          }
        },
      };
    },
  };
  return {
    client,
    requests,
    emit(...events: Array<ChatEvent | 'end'>) {
      queue.push(...events);
      wake?.();
    },
  };
}

const textOf = (message: ConversationMessage): string => message.parts.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');

/** Lets queued events and the batched notification run (one macrotask). */
const drain = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('createConversation with a scripted client', () => {
  it('times reasoning with the injected clock ("thought for 12 s")', async () => {
    let clock = 1_000;
    const script = scriptedClient();
    const chat = createConversation({ client: script.client, now: () => clock });
    const done = chat.send('Why?');
    await drain();
    script.emit({ type: 'reasoning-delta', delta: 'Let me ' }, { type: 'reasoning-delta', delta: 'think.' });
    // The answer code loads on the first event (a dynamic import): on a loaded machine, later than one task.
    await vi.waitFor(() => expect(chat.getSnapshot().messages[1]!.parts).toEqual([{ type: 'reasoning', text: 'Let me think.', startedAt: 1_000 }]));
    clock = 13_000;
    script.emit({ type: 'text-delta', delta: 'Because.' }, { type: 'finish', reason: 'stop' }, 'end');
    await done;
    expect(chat.getSnapshot().messages[1]!.parts[0]).toEqual({ type: 'reasoning', text: 'Let me think.', startedAt: 1_000, endedAt: 13_000 });
  });

  it('a text-delta with replace swaps out the answer text (moderation)', async () => {
    const script = scriptedClient();
    const chat = createConversation({ client: script.client });
    const done = chat.send('Hi');
    await drain();
    script.emit({ type: 'text-delta', delta: 'Something unsafe' }, { type: 'citation', citation: { id: '1' } }, { type: 'text-delta', delta: ' more' });
    script.emit({ type: 'text-delta', delta: 'I cannot answer that.', replace: true }, { type: 'finish', reason: 'content-filter' }, 'end');
    await done;
    const answer = chat.getSnapshot().messages[1]!;
    expect(textOf(answer)).toBe('I cannot answer that.');
    expect(answer.parts.map((part) => part.type)).toEqual(['citation', 'text']);
    expect(answer.finishReason).toBe('content-filter');
  });

  it('a text-delta with replace also takes back the reasoning of that model call (an R1 answer streamed as reasoning)', async () => {
    const script = scriptedClient();
    const chat = createConversation({ client: script.client });
    const done = chat.send('Hi');
    await drain();
    script.emit({ type: 'reasoning-delta', delta: 'Invoices are due' }, { type: 'reasoning-delta', delta: ' in 30 days.' });
    script.emit({ type: 'text-delta', delta: 'Invoices are due in 30 days.', replace: true }, { type: 'finish', reason: 'stop' }, 'end');
    await done;
    const answer = chat.getSnapshot().messages[1]!;
    expect(answer.parts).toEqual([{ type: 'text', text: 'Invoices are due in 30 days.' }]);
  });

  it('updates status steps in place, merges repeated citations, sums usage across model calls', async () => {
    const script = scriptedClient();
    const chat = createConversation({ client: script.client, actions: { lookup: { description: 'Look up', confirm: false, run: () => 'found' } } });
    const done = chat.send('Research');
    await drain();
    script.emit(
      { type: 'status', status: { id: 'search', label: 'Searching', state: 'running' } },
      { type: 'citation', citation: { id: 'doc1', title: 'Contract' } },
      { type: 'citation', citation: { id: 'doc1', title: 'Contract', page: 4 } },
      { type: 'status', status: { id: 'search', label: 'Searched 3 sources', state: 'done' } },
      { type: 'usage', usage: { inputTokens: 10, outputTokens: 2 } },
      { type: 'usage', usage: { inputTokens: 10, outputTokens: 5 } },
      { type: 'tool-call', toolCall: { id: 't1', name: 'lookup', args: {} } },
      { type: 'finish', reason: 'tool-calls' },
      'end',
    );
    await vi.waitFor(() => expect(script.requests).toHaveLength(2));
    script.emit({ type: 'text-delta', delta: 'Done.' }, { type: 'usage', usage: { inputTokens: 20, outputTokens: 3, reasoningTokens: 1 } }, { type: 'finish', reason: 'stop' }, 'end');
    await done;
    const answer = chat.getSnapshot().messages[1]!;
    expect(answer.parts).toEqual([
      { type: 'status', status: { id: 'search', label: 'Searched 3 sources', state: 'done' } },
      { type: 'citation', citation: { id: 'doc1', title: 'Contract', page: 4 } },
      { type: 'tool-call', toolCall: { id: 't1', name: 'lookup', args: {} }, state: 'done', result: 'found' },
      { type: 'text', text: 'Done.' },
    ]);
    expect(answer.usage).toEqual({ inputTokens: 30, outputTokens: 8, reasoningTokens: 1 });
    expect(answer.stepStarts).toEqual([0, 3]);
  });

  it('text that goes on after a citation stays in one text part (one paragraph), the source listed once', async () => {
    const script = scriptedClient();
    const chat = createConversation({ client: script.client });
    const done = chat.send('Payment terms with ACME?');
    await drain();
    script.emit(
      { type: 'text-delta', delta: 'ACME pays net 45 [1]' },
      { type: 'citation', citation: { id: 'acme', title: 'ACME Supply Agreement' } },
      { type: 'text-delta', delta: ' days from invoice' },
      { type: 'citation', citation: { id: 'policy', title: 'Payment Policy' } },
      { type: 'citation', citation: { id: 'acme', title: 'ACME Supply Agreement', page: 3 } },
      { type: 'text-delta', delta: ' [2].' },
      { type: 'status', status: { id: 'check', label: 'Checked open invoices', state: 'done' } },
      { type: 'text-delta', delta: 'None are overdue.' },
      { type: 'finish', reason: 'stop' },
      'end',
    );
    await done;
    expect(chat.getSnapshot().messages[1]!.parts).toEqual([
      { type: 'text', text: 'ACME pays net 45 [1] days from invoice [2].' },
      { type: 'citation', citation: { id: 'acme', title: 'ACME Supply Agreement', page: 3 } },
      { type: 'citation', citation: { id: 'policy', title: 'Payment Policy' } },
      // A step is shown where it came: the text after it is a part (a paragraph) of its own.
      { type: 'status', status: { id: 'check', label: 'Checked open invoices', state: 'done' } },
      { type: 'text', text: 'None are overdue.' },
    ]);
  });

  it('a tool call repeated in one answer is asked and run once', async () => {
    const run = vi.fn(() => 'ok');
    const script = scriptedClient();
    const chat = createConversation({ client: script.client, actions: { ping: { description: 'Ping', confirm: false, run } } });
    const done = chat.send('Ping');
    await drain();
    const toolCall = { id: 't1', name: 'ping', args: {} };
    script.emit({ type: 'tool-call', toolCall }, { type: 'tool-call', toolCall }, { type: 'finish', reason: 'tool-calls' }, 'end');
    await vi.waitFor(() => expect(script.requests).toHaveLength(2));
    script.emit({ type: 'text-delta', delta: 'Pong' }, { type: 'finish', reason: 'stop' }, 'end');
    await done;
    expect(run).toHaveBeenCalledTimes(1);
    expect(chat.getSnapshot().messages[1]!.parts.filter((part) => part.type === 'tool-call')).toHaveLength(1);
  });

  it('a stream that ends without finish is an error, not a silent success', async () => {
    const script = scriptedClient();
    const chat = createConversation({ client: script.client });
    const done = chat.send('Hi');
    await drain();
    script.emit({ type: 'text-delta', delta: 'Half an' }, 'end');
    await done;
    expect(chat.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'bad_response' } });
    expect(textOf(chat.getSnapshot().messages[1]!)).toBe('Half an');
  });

  it('a throwing subscriber or audit hook does not break the conversation', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const script = scriptedClient();
      const chat = createConversation({ client: script.client, onAudit: () => { throw new Error('log down'); } });
      chat.subscribe(() => { throw new Error('render bug'); });
      const done = chat.send('Hi');
      await drain();
      script.emit({ type: 'text-delta', delta: 'Hello' }, { type: 'finish', reason: 'stop' }, 'end');
      await done;
      expect(textOf(chat.getSnapshot().messages[1]!)).toBe('Hello');
      expect(error).toHaveBeenCalled();
    } finally {
      error.mockRestore();
    }
  });

  it('stop during an async beforeSend sends nothing', async () => {
    const script = scriptedClient();
    let release!: () => void;
    const chat = createConversation({ client: script.client, beforeSend: () => new Promise<undefined>((resolve) => (release = () => resolve(undefined))) });
    const sending = chat.send('Hi');
    await drain();
    chat.stop();
    release();
    await expect(sending).resolves.toBe(false);
    expect(script.requests).toHaveLength(0);
    expect(chat.getSnapshot().messages).toEqual([]);
  });

  it('clear() before async storage has loaded wins over the stored history', async () => {
    const stored = JSON.stringify({ v: 1, id: 'slow', messages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'old' }], createdAt: 1 }] });
    const values = new Map([['parley:conversation:slow', stored]]);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const storage = { get: async (key: string) => (await gate, values.get(key) ?? null), set: async (key: string, value: string) => void values.set(key, value), remove: async (key: string) => void values.delete(key) };
    const chat = createConversation({ client: scriptedClient().client, storage, id: 'slow' });
    chat.clear();
    release();
    await chat.ready;
    expect(chat.getSnapshot().messages).toEqual([]);
    await drain();
    expect(values.has('parley:conversation:slow')).toBe(false);
  });

  /**
   * A conversation restored from storage with a call to `action` awaiting approval, created from
   * a fresh module graph (so the code it loads on first use, the answer code and the JSON Schema
   * checker, is fetched only now, by it).
   */
  async function restoredApproval(name: string, args: Record<string, unknown>, parameters: unknown) {
    const { createConversation: create } = await import('./create-conversation.js');
    const { memoryStorage } = await import('./storage.js');
    const { conversationKey, serializeConversation } = await import('./conversation-persistence.js');
    const toolCall = { id: 'call_1', name, args };
    const stored: ConversationMessage[] = [
      { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Please do it' }], createdAt: 1 },
      { id: 'm2', role: 'assistant', parts: [{ type: 'tool-call', toolCall, state: 'pending-approval' }], createdAt: 2, stepStarts: [0], finishReason: 'tool-calls' },
    ];
    const storage = memoryStorage({ [conversationKey('c1')]: serializeConversation('c1', stored) });
    const script = scriptedClient();
    const run = vi.fn((_args: unknown) => 'done');
    const chat = create({ client: script.client, storage, id: 'c1', actions: { [name]: { description: name, parameters: parameters as never, run } } });
    return { chat, script, run };
  }

  const restoredJsonSchemaApproval = () => restoredApproval('open_order', { id: 'PO-1' }, { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] });
  const restoredZodApproval = () => restoredApproval('create_po', { supplier: 'ACME', qty: 10 }, z.object({ supplier: z.string(), qty: z.number().int().positive() }));

  it('approves a restored call to a JSON Schema action even before the schema checker has loaded', async () => {
    vi.resetModules();
    const { chat, script, run } = await restoredJsonSchemaApproval();
    expect(chat.getSnapshot().status).toBe('awaiting-action');

    await expect(chat.approve('call_1', { id: 7 })).rejects.toThrow(/id: expected string/);
    expect(run).not.toHaveBeenCalled();
    const done = chat.approve('call_1', { id: 'PO-2' });
    await drain();
    script.emit({ type: 'text-delta', delta: 'Opened.' }, { type: 'finish', reason: 'stop' }, 'end');
    expect(await done).toBe(true);
    expect(run.mock.calls[0]![0]).toEqual({ id: 'PO-2' });
    expect(textOf(chat.getSnapshot().messages[1]!)).toBe('Opened.');
  });

  it('refuses, once, to approve a restored JSON Schema call whose checker cannot be loaded', async () => {
    vi.resetModules();
    vi.doMock('./json-schema-check.js', () => {
      throw new Error('chunk unavailable');
    });
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const { chat, run } = await restoredJsonSchemaApproval();

      // Fails closed: the approval settles with an error the card can show, nothing runs.
      await expect(chat.approve('call_1')).rejects.toThrow(/checker/i);
      expect(run).not.toHaveBeenCalled();
      expect(chat.getSnapshot().status).toBe('awaiting-action');
      // Each approval retries the load once; none loops.
      await expect(chat.approve('call_1')).rejects.toThrow(/checker/i);
      expect(errors.mock.calls.filter(([text]) => String(text).includes('JSON Schema checker')).length).toBeLessThanOrEqual(3);
    } finally {
      errors.mockRestore();
      vi.doUnmock('./json-schema-check.js');
    }
  });

  it('checks the edited arguments of a restored call before anything has streamed, and runs only valid ones', async () => {
    vi.resetModules();
    const { chat, script, run } = await restoredZodApproval();
    expect(chat.getSnapshot().status).toBe('awaiting-action');
    // Right away, before the answer code (which checks arguments) has arrived: the approval waits for it.
    await expect(chat.approve('call_1', { supplier: 'ACME', qty: -1 })).rejects.toThrow(/Invalid arguments for create_po: qty: /);
    expect(run).not.toHaveBeenCalled();
    // Once it is here, an invalid edit throws at once, as it does for a call that streamed in.
    expect(() => chat.approve('call_1', { supplier: 7, qty: 1 })).toThrow(/Invalid arguments for create_po: supplier: /);
    const done = chat.approve('call_1', { supplier: 'ACME', qty: 12 });
    await drain();
    script.emit({ type: 'text-delta', delta: 'Created.' }, { type: 'finish', reason: 'stop' }, 'end');
    expect(await done).toBe(true);
    expect(run.mock.calls[0]![0]).toEqual({ supplier: 'ACME', qty: 12 });
  });

  it('refuses to approve a restored call when the code that checks its arguments cannot be loaded, and runs nothing', async () => {
    vi.resetModules();
    vi.doMock('./apply-answer-event.js', () => {
      throw new Error('chunk unavailable');
    });
    try {
      const { chat, run } = await restoredZodApproval();
      await expect(chat.approve('call_1')).rejects.toThrow(/arguments could not be loaded, so nothing was run/);
      expect(run).not.toHaveBeenCalled();
      expect(chat.getSnapshot().status).toBe('awaiting-action');
    } finally {
      vi.doUnmock('./apply-answer-event.js');
    }
  });

  it('validates its arguments with clear errors', () => {
    const { client } = scriptedClient();
    expect(() => createConversation({ client: {} as never })).toThrow(/client must be/);
    const chat = createConversation({ client });
    expect(() => chat.send(42 as never)).toThrow(/input must be a string/);
    expect(() => chat.feedback('x', 'meh' as never)).toThrow(/'up' or 'down'/);
    expect(chat.feedback('nope', 'up')).toBe(false);
    expect(() => chat.setDraft(null as never)).toThrow(/text must be a string/);
    expect(() => createConversation({ client, context: { when: new Date() } })).toThrow(/context\.when is a Date/);
  });
});
