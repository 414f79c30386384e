import { describe, expect, it, vi } from 'vitest';
import type { ConversationMessage } from './conversation-message.js';
import { parseStoredConversation, serializeConversation, StorageWriter } from './conversation-persistence.js';
import { createClient } from './create-client.js';
import { createConversation, type ConversationClient } from './create-conversation.js';
import { memoryStorage } from './storage.js';

const call = (id: string, state: 'running' | 'pending-approval' | 'done') => ({ type: 'tool-call' as const, toolCall: { id, name: 'create_po', args: {} }, state });

describe('parseStoredConversation', () => {
  it('marks an answer that was streaming as interrupted, and settles its open actions as errors', () => {
    const messages: ConversationMessage[] = [
      { id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Order' }], createdAt: 1 },
      { id: 'a1', role: 'assistant', parts: [{ type: 'reasoning', text: 'hm', startedAt: 2 }, { type: 'text', text: 'Creating' }, call('c1', 'running'), call('c2', 'pending-approval')], createdAt: 2 },
    ];
    const [, answer] = parseStoredConversation(serializeConversation('x', messages), 'x')!;
    expect(answer).toMatchObject({ interrupted: true });
    expect(answer!.parts[1]).toEqual({ type: 'text', text: 'Creating' });
    expect(answer!.parts[2]).toMatchObject({ state: 'error', error: expect.stringContaining('outcome is unknown') });
    expect(answer!.parts[3]).toMatchObject({ state: 'error', error: expect.stringContaining('Not run') });
  });

  it('marks an answer whose actions were all decided, but never continued, as interrupted', () => {
    const messages: ConversationMessage[] = [{ id: 'a1', role: 'assistant', parts: [{ ...call('c1', 'done'), result: 1 }], createdAt: 2, finishReason: 'tool-calls', stepStarts: [0] }];
    const [answer] = parseStoredConversation(serializeConversation('x', messages), 'x')!;
    expect(answer).toMatchObject({ interrupted: true, parts: [{ state: 'done', result: 1 }] });
  });

  it('refuses data whose messages are not a list, with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      expect(parseStoredConversation(JSON.stringify({ v: 1, id: 'x', messages: { 0: { id: 'u1' } } }), 'x')).toBeNull();
      expect(String(warn.mock.calls[0]![0])).toMatch(/Ignoring stored conversation "x": it is not a Parley conversation \(messages must be a list\)/);
    } finally {
      warn.mockRestore();
    }
  });

  it('keeps a finished answer awaiting approval as it was', () => {
    const messages: ConversationMessage[] = [{ id: 'a1', role: 'assistant', parts: [call('c1', 'pending-approval')], createdAt: 2, finishReason: 'tool-calls', stepStarts: [0] }];
    const [answer] = parseStoredConversation(serializeConversation('x', messages), 'x')!;
    expect(answer).toEqual(messages[0]);
  });
});

describe('a long stored conversation', () => {
  const longHistory = (count: number): ConversationMessage[] =>
    Array.from({ length: count }, (_, i): ConversationMessage => ({
      id: `m${i}`,
      role: i % 2 ? 'assistant' : 'user',
      parts: [{ type: 'text', text: `${i % 2 ? 'Answer' : 'Question'} ${i}: **markdown** and \`code\`` }],
      createdAt: 1_700_000_000_000 + i * 60_000,
      ...(i % 2 ? { finishReason: 'stop' as const, usage: { inputTokens: i, outputTokens: 2 * i } } : {}),
    }));
  const client = createClient({ url: 'https://gateway.invalid/chat', protocol: 'parley' });

  it('is all there, in order and unchanged, as soon as the conversation exists', () => {
    const messages = longHistory(1000);
    const chat = createConversation({ client, id: 'long', storage: memoryStorage({ 'parley:conversation:long': serializeConversation('long', messages) }) });
    expect(chat.getSnapshot().messages).toEqual(messages);
  });

  it('leaves out only a message it cannot read, with one warning, and keeps the rest through the next save', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const messages: unknown[] = longHistory(1000);
      messages[3] = { ...(messages[3] as object), parts: [{ type: 'text', text: 42 }] };
      messages[7] = { ...(messages[7] as object), parts: [{ type: 'hologram', beam: 1 }] };
      const readable = longHistory(1000).filter((_, i) => i !== 3 && i !== 7);
      expect(parseStoredConversation(JSON.stringify({ v: 1, id: 'long', messages }), 'long')).toEqual(readable);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/Ignoring 2 unreadable message\(s\) of stored conversation "long"/);

      // The person asks on: what is saved then is the 998 readable messages and the new turn.
      const storage = memoryStorage({ 'parley:conversation:long': JSON.stringify({ v: 1, id: 'long', messages }) });
      const answering: ConversationClient = {
        stream: () => ({ abort: () => {}, async *[Symbol.asyncIterator]() { yield* [{ type: 'text-delta' as const, delta: 'Net 30.' }, { type: 'finish' as const, reason: 'stop' as const }]; } }),
      };
      const chat = createConversation({ client: answering, id: 'long', storage });
      expect(chat.getSnapshot().messages).toHaveLength(998);
      await chat.send('Terms with ACME?');
      const saved = parseStoredConversation(storage.get('parley:conversation:long') as string, 'long')!;
      expect(saved).toHaveLength(1000);
      expect(saved.slice(0, 998)).toEqual(readable);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('a long stored conversation restored in slices (restoreInSlices)', () => {
  const longHistory = (count: number): ConversationMessage[] =>
    Array.from({ length: count }, (_, i): ConversationMessage => ({
      id: `m${i}`,
      role: i % 2 ? 'assistant' : 'user',
      parts: [{ type: 'text', text: `${i % 2 ? 'Answer' : 'Question'} ${i}` }],
      createdAt: 1_700_000_000_000 + i * 60_000,
      ...(i % 2 ? { finishReason: 'stop' as const } : {}),
    }));
  const client = createClient({ url: 'https://gateway.invalid/chat', protocol: 'parley' });
  const open = (id: string, stored: string) => createConversation({ client, id, restoreInSlices: true, storage: memoryStorage({ [`parley:conversation:${id}`]: stored, [`parley:draft:${id}`]: 'half-typed' }) });

  it('is not in the task that creates the conversation; it is all there, in order and unchanged, when ready resolves', async () => {
    const messages = longHistory(1000);
    const chat = open('sliced', serializeConversation('sliced', messages));
    expect(chat.getSnapshot()).toMatchObject({ messages: [], restoring: true });
    await chat.ready;
    expect(chat.getSnapshot()).toMatchObject({ messages, restoring: false, draft: 'half-typed' });
  });

  it('gives the stored draft back at once, before the history, so a first keystroke does not replace it', async () => {
    const chat = open('drafted', serializeConversation('drafted', longHistory(1000)));
    expect(chat.getSnapshot()).toMatchObject({ messages: [], restoring: true, draft: 'half-typed' });
    await chat.ready;
    expect(chat.getSnapshot()).toMatchObject({ restoring: false, draft: 'half-typed' });
  });

  it('leaves out only a message deep inside it cannot read, with one warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const messages: unknown[] = longHistory(1000);
      messages[900] = { ...(messages[900] as object), parts: [{ type: 'text', text: 42 }] };
      const chat = open('corrupt', JSON.stringify({ v: 1, id: 'corrupt', messages }));
      await chat.ready;
      expect(chat.getSnapshot()).toMatchObject({ messages: longHistory(1000).filter((_, i) => i !== 900), restoring: false, draft: 'half-typed' });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/Ignoring 1 unreadable message\(s\) of stored conversation "corrupt"/);
    } finally {
      warn.mockRestore();
    }
  });

  it('comes back at once when it is short', () => {
    const messages = longHistory(60);
    expect(open('short', serializeConversation('short', messages)).getSnapshot()).toMatchObject({ messages, restoring: false });
  });

  it('stays gone when the conversation is cleared while it is being read', async () => {
    const chat = open('cleared', serializeConversation('cleared', longHistory(1000)));
    chat.clear();
    await chat.ready;
    expect(chat.getSnapshot()).toMatchObject({ messages: [], restoring: false });
  });
});

it('says restoring while asynchronous storage is still reading the history', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const stored = serializeConversation('async', [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'Hi' }], createdAt: 1 }]);
  const client = createClient({ url: 'https://gateway.invalid/chat', protocol: 'parley' });
  const chat = createConversation({ client, id: 'async', storage: { get: async (key) => (await gate, key.startsWith('parley:conversation:') ? stored : null), set: () => {}, remove: () => {} } });
  expect(chat.getSnapshot()).toMatchObject({ messages: [], restoring: true });
  release();
  await chat.ready;
  expect(chat.getSnapshot()).toMatchObject({ messages: [{ id: 'u1' }], restoring: false });
});

describe('StorageWriter', () => {
  it('applies async writes of one key in call order even when the first is slowest', async () => {
    const applied: string[] = [];
    const releases: Array<() => void> = [];
    const writer = new StorageWriter({
      get: () => null,
      set: (_key, value) => new Promise<void>((resolve) => releases.push(() => { applied.push(value); resolve(); })),
      remove: () => undefined,
    });
    writer.set('k', 'first');
    writer.set('k', 'second');
    expect(releases).toHaveLength(1); // the second waits for the first
    releases[0]!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    releases[1]!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(applied).toEqual(['first', 'second']);
  });

  it('writes synchronous storage synchronously and swallows its failures', () => {
    const values = new Map<string, string>();
    const writer = new StorageWriter({ get: () => null, set: (key, value) => void values.set(key, value), remove: () => { throw new Error('blocked'); } });
    writer.set('k', 'v');
    expect(values.get('k')).toBe('v');
    expect(() => writer.remove('k')).not.toThrow();
  });
});
