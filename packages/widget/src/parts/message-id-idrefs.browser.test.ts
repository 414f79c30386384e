import { expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { accessibilityTree } from '../testing/accessibility-tree.js';
import { useMockGateway } from '../testing/mock-gateway.js';
import { mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';
import { storedConversation } from '../testing/stored-conversation.js';

useMockGateway();

/** What a screen reader finds by `role`: each node's name and description. */
async function named(role: string): Promise<Array<{ name: string; description: string }>> {
  return (await accessibilityTree()).filter((node) => node.role?.value === role).map((node) => ({ name: node.name?.value ?? '', description: node.description?.value ?? '' }));
}

it('names and describes by a message whose id holds spaces (a host’s history), and keeps two ids apart that differ only there', async () => {
  const at = Date.now() - 60_000;
  // A host's history keyed by timestamps; the second pair's ids are what escaping the first's spaces would give.
  const storage = storedConversation('host-history', [
    { id: '2026-11-30 09:14 q', role: 'user', parts: [{ type: 'text', text: 'Where is PO-7?' }], createdAt: at },
    { id: '2026-11-30 09:14 a', role: 'assistant', parts: [{ type: 'text', text: 'At the dock.' }], createdAt: at + 1, finishReason: 'stop' },
    { id: '2026-11-30%2009:14%20q', role: 'user', parts: [{ type: 'text', text: 'Hold it.' }], createdAt: at + 2 },
    {
      id: '2026-11-30%2009:14%20a',
      role: 'assistant',
      parts: [
        { type: 'tool-call', toolCall: { id: 'call 1', name: 'hold_order', args: { order: 'PO-7' } }, state: 'done', result: 'held' },
        { type: 'text', text: 'Held.' },
      ],
      createdAt: at + 3,
      stepStarts: [0, 1],
      finishReason: 'stop',
    },
  ]);
  const el = await mountChat({ 'conversation-id': 'host-history' }, (chat) => {
    chat.storage = storage;
    chat.actions = { hold_order: { title: 'Hold an order', description: 'Hold an order', run: () => 'held' } };
  });
  await vi.waitFor(() => expect(shadowParts(el, 'button.copy')).toHaveLength(2));

  const buttons = await named('button');
  for (const name of ['Copy answer', 'Helpful', 'Not helpful']) {
    expect(buttons.filter((button) => button.name === name).map((button) => button.description), name).toEqual(['Where is PO-7?', 'Hold it.']);
  }
  expect((await named('group')).map((group) => group.name)).toEqual(['The assistant wants to run “Hold an order”']);

  // The editor's note on what an edit removes describes its text box.
  await userEvent.click(shadowParts(el, 'button.edit')[0]!);
  await vi.waitFor(() => expect(shadowPart(el, '[part~="edit-input"]')).not.toBeNull());
  expect((await named('textbox')).find((box) => box.name === 'Edit your question')?.description).toBe('The questions and answers after this one will be removed.');
});
