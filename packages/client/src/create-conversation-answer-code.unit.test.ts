import { describe, expect, it, vi } from 'vitest';
import type { ConversationClient } from './create-conversation.js';
import { createConversation } from './create-conversation.js';

// The code that writes streamed events into an answer loads with the first answer; here its
// first load fails, as a chunk the host does not serve would.
const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('./apply-answer-event.js', async (importOriginal) => {
  loads.count++;
  if (loads.count === 1) throw new Error('chunk not served');
  return importOriginal();
});

const answering = (text: string): ConversationClient => ({
  stream: () => ({
    abort: () => undefined,
    async *[Symbol.asyncIterator]() {
      yield { type: 'text-delta' as const, delta: text };
      yield { type: 'finish' as const, reason: 'stop' as const };
    },
  }),
});

describe('createConversation when the answer code cannot be loaded', () => {
  it('ends the answer with a retryable network error, and regenerating loads it again', async () => {
    const chat = createConversation({ client: answering('Hello.') });
    await chat.send('Hi');
    const failed = chat.getSnapshot();
    expect(failed.status).toBe('error');
    expect(failed.error).toMatchObject({ code: 'network', retryable: true });
    expect(failed.error?.message).toMatch(/^The code that writes answers could not be loaded: /);
    expect(failed.messages.map((message) => message.role)).toEqual(['user', 'assistant']);

    await chat.regenerate();
    const answered = chat.getSnapshot();
    expect(answered.status).toBe('idle');
    expect(answered.messages[1]!.parts).toEqual([{ type: 'text', text: 'Hello.' }]);
    expect(loads.count).toBe(2);
  });
});
