import { describe, expect, it, vi } from 'vitest';
import type { ConversationMessage } from './conversation-message.js';
import { parseStoredConversation, serializeConversation, StorageWriter } from './conversation-persistence.js';
import { createClient } from './create-client.js';
import { createConversation } from './create-conversation.js';
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

  it('is refused whole, with a warning, when one old message deep inside is corrupt', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const messages: unknown[] = longHistory(1000);
      messages[3] = { ...(messages[3] as object), parts: [{ type: 'text', text: 42 }] };
      expect(parseStoredConversation(JSON.stringify({ v: 1, id: 'long', messages }), 'long')).toBeNull();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/Ignoring stored conversation "long": it is not a Parley conversation/);
    } finally {
      warn.mockRestore();
    }
  });
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
