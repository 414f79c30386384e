import { expect, it, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { accessibilityTree } from '../testing/accessibility-tree.js';
import { transcriptViewsModule, useMockGateway } from '../testing/mock-gateway.js';
import { mountChat, shadowPart } from '../testing/mount-chat.js';
import { storedConversation } from '../testing/stored-conversation.js';

// A page of its own: the transcript views' chunk must not have been loaded by an earlier test.
const gateway = useMockGateway();

it('names the fallback action frame by its title when its answer’s id holds a space', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  gateway.worker.use(http.get(transcriptViewsModule, () => HttpResponse.error()));
  const storage = storedConversation('host-history', [
    { id: 'turn 1 q', role: 'user', parts: [{ type: 'text', text: 'Hold PO-7' }], createdAt: Date.now() - 60_000 },
    {
      id: 'turn 1 a',
      role: 'assistant',
      parts: [{ type: 'tool-call', toolCall: { id: 'call_1', name: 'hold_order', args: { order: 'PO-7' } }, state: 'pending-approval' }],
      createdAt: Date.now() - 50_000,
      stepStarts: [0],
      finishReason: 'tool-calls',
    },
  ]);
  const el = await mountChat(
    { 'conversation-id': 'host-history' },
    (chat) => {
      chat.storage = storage;
      chat.actions = { hold_order: { title: 'Hold an order', description: 'Hold an order', run: () => 'held' } };
    },
    { transcript: 'lazy' },
  );
  // The frame the start code draws once the views could not be loaded: Approve and Reject on it.
  await vi.waitFor(() => expect(shadowPart(el, '[part~="action"]:not([aria-busy]) [part~="action-approve"]')).not.toBeNull());

  const groups = (await accessibilityTree()).filter((node) => node.role?.value === 'group');
  expect(groups.map((group) => group.name?.value)).toEqual(['The assistant wants to run “Hold an order”']);
});
