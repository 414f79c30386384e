import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from './create-client.js';
import { createConversation } from './create-conversation.js';
import { memoryStorage } from './storage.js';

/** A native-protocol response that sends `events` and then stays open, like an answer mid-stream. */
function openStream(events: object[]): typeof globalThis.fetch {
  return async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const event of events) controller.enqueue(new TextEncoder().encode(`data: ${JSON.stringify(event)}\n\n`));
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('conversation.flush()', () => {
  it('writes a streaming answer that the throttled save has not stored yet (a reload then finds it)', async () => {
    const storage = memoryStorage();
    const client = createClient({ url: 'https://gateway.test/chat', protocol: 'parley', fetch: openStream([{ type: 'start' }, { type: 'text-delta', delta: 'Partial answer' }]) });
    const conversation = createConversation({ client, storage, id: 'c' });
    // Fake setTimeout with the clock standing still: the store's setTimeout(0) flushes run, the
    // 500 ms save throttle never comes due.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    void conversation.send('Question');
    for (let turn = 0; turn < 100_000 && conversation.getSnapshot().messages.at(-1)?.parts[0]?.type !== 'text'; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      vi.advanceTimersByTime(0);
    }
    expect(conversation.getSnapshot().messages.at(-1)?.parts[0]).toEqual({ type: 'text', text: 'Partial answer' });
    expect(storage.entries.get('parley:conversation:c') ?? '').not.toContain('Partial answer');

    conversation.flush();
    const stored = storage.entries.get('parley:conversation:c') ?? '';
    expect(stored).toContain('Question');
    expect(stored).toContain('Partial answer');

    const restored = createConversation({ client, storage, id: 'c' });
    await restored.ready;
    expect(restored.getSnapshot().messages.at(-1)).toMatchObject({ role: 'assistant', interrupted: true, parts: [{ type: 'text', text: 'Partial answer' }] });
    conversation.stop();
  });

  it('keeps a sent question in storage from the moment the draft is cleared (a crash before the first save loses nothing)', async () => {
    const storage = memoryStorage();
    const client = createClient({ url: 'https://gateway.test/chat', protocol: 'parley', fetch: openStream([{ type: 'start' }]) });
    const conversation = createConversation({ client, storage, id: 'q' });
    conversation.setDraft('Question typed before the crash');
    expect(storage.entries.get('parley:draft:q')).toBe('Question typed before the crash');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    void conversation.send('Question typed before the crash');
    for (let turn = 0; turn < 100_000 && conversation.getSnapshot().status !== 'streaming'; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      vi.advanceTimersByTime(0);
    }
    expect(conversation.getSnapshot()).toMatchObject({ status: 'streaming', draft: '' });
    // No pagehide, no flush, the throttled save not yet due: what a crashed tab leaves behind.
    expect(storage.entries.has('parley:draft:q')).toBe(false);
    const reopened = createConversation({ client, storage, id: 'q' });
    await reopened.ready;
    expect(reopened.getSnapshot().messages).toMatchObject([
      { role: 'user', parts: [{ type: 'text', text: 'Question typed before the crash' }] },
      { role: 'assistant', interrupted: true, parts: [] },
    ]);
    conversation.stop();
  });
});
