import { vi } from 'vitest';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import { mountChat } from './mount-chat.js';
import { storedConversation } from './stored-conversation.js';

/**
 * A `<parley-chat>` as a reload finds it: the model proposed `create_po` (10 laptops from ACME) and
 * the call awaits a person's decision. `run` is the action's own code.
 */
export async function mountRestoredAction(run: (args: unknown) => unknown = vi.fn(() => 'PO-9'), transcript: 'loaded' | 'lazy' = 'loaded'): Promise<ParleyChat> {
  const storage = storedConversation('restored-action', [
    { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Order 10 laptops from ACME' }], createdAt: Date.now() - 60_000 },
    {
      id: 'm2',
      role: 'assistant',
      parts: [{ type: 'tool-call', toolCall: { id: 'call_1', name: 'create_po', args: { supplier: 'ACME', qty: 10 } }, state: 'pending-approval' }],
      createdAt: Date.now() - 50_000,
      stepStarts: [0],
      finishReason: 'tool-calls',
    },
  ]);
  return mountChat({ 'conversation-id': 'restored-action' }, (chat) => {
    chat.storage = storage;
    chat.actions = { create_po: { description: 'Create a purchase order', run } };
  }, { transcript });
}
