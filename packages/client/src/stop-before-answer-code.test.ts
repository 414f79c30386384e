import { expect, it, vi } from 'vitest';
import type { ConversationMessage } from './conversation-message.js';
import { conversationKey, serializeConversation } from './conversation-persistence.js';
import { createClient } from './create-client.js';
import { createConversation } from './create-conversation.js';
import { memoryStorage } from './storage.js';

// Its own file: the answer code (`apply-answer-event.ts`) is loaded once per module instance, and
// this is about a page where it has not come yet (the script tag fetches it on first use).

it('a Stop on a restored answer still thinking, before the answer code has loaded, stops it, its thinking kept', async () => {
  const answer: ConversationMessage = {
    id: 'a1',
    role: 'assistant',
    createdAt: 1,
    parts: [{ type: 'reasoning', text: 'Check the ledger', startedAt: 2 }],
    resumeAfter: 'answer-1:3',
  };
  const question: ConversationMessage = { id: 'q1', role: 'user', createdAt: 0, parts: [{ type: 'text', text: 'Where is PO-7?' }] };
  const storage = memoryStorage({ [conversationKey('left')]: serializeConversation('left', [question, answer], true) });
  // Never asked: the Stop comes before the take-up's request.
  const chat = createConversation({ client: createClient({ url: 'http://gateway.test/chat' }), storage, id: 'left' });
  expect(chat.getSnapshot().status).toBe('streaming');

  expect(() => chat.stop()).not.toThrow();
  const { status, messages } = chat.getSnapshot();
  expect(status).toBe('idle');
  // Without a duration: when the thinking ended is not known (the page had closed meanwhile).
  expect(messages[1]).toMatchObject({ finishReason: 'abort', parts: [{ type: 'reasoning', text: 'Check the ledger' }] });
  expect(messages[1]!.parts[0]).not.toHaveProperty('endedAt');
  await vi.waitFor(() => expect(storage.entries.get(conversationKey('left'))).toContain('"finishReason":"abort"'));
});
