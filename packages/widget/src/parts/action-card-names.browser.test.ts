import { expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { ActionMap } from '@parley/client';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import { accessibilityTree } from '../testing/accessibility-tree.js';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowParts } from '../testing/mount-chat.js';
import { expectNumberedCards, ordersAskedTwice, ordersAskedTwiceText } from '../testing/numbered-actions.js';

const gateway = useMockGateway();

const run = () => ({ summary: 'Done.' });
const actions: ActionMap = {
  createOrder: { title: 'Create purchase order', description: 'Create a purchase order', parameters: { type: 'object' }, run },
  notify_supplier: { description: 'Tell the supplier', parameters: { type: 'object' }, run },
};

/** The buttons and text boxes a screen reader finds in the cards, by the name they are announced with, each with its description. */
async function controls(role: 'button' | 'textbox'): Promise<Array<{ name: string; description: string }>> {
  return (await accessibilityTree())
    .filter((node) => node.role?.value === role)
    .map((node) => ({ name: node.name?.value ?? '', description: node.description?.value ?? '' }));
}

const pendingCards = (el: ParleyChat) => shadowParts(el, '[part~="action"][data-state="pending-approval"]:not([aria-busy])');

it('tells a screen reader which action each card\'s Approve, Edit and Reject are for, not "Approve, Approve"', async () => {
  gateway.serve(gatewayUrl, () =>
    sse([
      { type: 'tool-call', toolCall: { id: 'call_0', name: 'createOrder', args: { qty: 500 } } },
      { type: 'tool-call', toolCall: { id: 'call_1', name: 'notify_supplier', args: { supplier: 'Acme Steel' } } },
      { type: 'finish', reason: 'tool-calls' },
    ]),
  );
  const el = await mountChat({}, (chat) => (chat.actions = actions));
  void el.send('order 500 bolts from Acme and tell them');
  await vi.waitFor(() => expect(pendingCards(el)).toHaveLength(2));

  const buttons = await controls('button');
  // Named by the word they show first (a voice-control user says "click Approve"), then the action.
  expect(buttons.filter((button) => button.name.startsWith('Approve')).map((button) => button.name)).toEqual(['Approve Create purchase order', 'Approve notify_supplier']);
  expect(buttons.filter((button) => button.name.startsWith('Reject')).map((button) => button.name)).toEqual(['Reject Create purchase order', 'Reject notify_supplier']);
  // Edit is a toggle (pressed while editing): it keeps its name and is described by its card's title.
  expect(buttons.filter((button) => button.name === 'Edit').map((button) => button.description)).toEqual([
    'The assistant wants to run “Create purchase order”',
    'The assistant wants to run “notify_supplier”',
  ]);
  const reasons = (await controls('textbox')).filter((box) => box.name === 'Reason for rejecting (optional)');
  expect(reasons.map((box) => box.description)).toEqual(['The assistant wants to run “Create purchase order”', 'The assistant wants to run “notify_supplier”']);
});

it('describes a card by its own title when an earlier card of the answer has the same call id (Ollama numbers calls call_0 at every step)', async () => {
  gateway.serve(gatewayUrl, (_request, index) =>
    sse([{ type: 'tool-call', toolCall: { id: 'call_0', name: index === 0 ? 'createOrder' : 'notify_supplier', args: {} } }, { type: 'finish', reason: 'tool-calls' }]),
  );
  const el = await mountChat({}, (chat) => (chat.actions = actions));
  void el.send('order 500 bolts from Acme');
  await vi.waitFor(() => expect(pendingCards(el)).toHaveLength(1));
  await userEvent.click(shadowParts(el, '[part~="action-reject"]')[0]!);
  await vi.waitFor(() => expect(pendingCards(el)[0]?.dataset.action).toBe('notify_supplier'));

  const edit = (await controls('button')).filter((button) => button.name === 'Edit');
  expect(edit.map((button) => button.description)).toEqual(['The assistant wants to run “notify_supplier”']);
});

it('numbers the cards of an action the answer asks for twice, so each Approve, Reject and card is told apart', async () => {
  gateway.serve(gatewayUrl, () => sse(ordersAskedTwice));
  const el = await mountChat({}, (chat) => (chat.actions = actions));
  void el.send(ordersAskedTwiceText);
  await vi.waitFor(() => expect(pendingCards(el)).toHaveLength(3));
  await expectNumberedCards();
});

it('numbers the cards in English when the page\'s labels set actionNumbered (or any string) to undefined, as if it left it out', async () => {
  gateway.serve(gatewayUrl, () => sse(ordersAskedTwice));
  const el = await mountChat({}, (chat) => {
    chat.actions = actions;
    // A host spreading its own settings: `{ actionNumbered: config.numbered }`, none configured.
    chat.labels = { actionNumbered: undefined, approve: undefined, heading: undefined };
  });
  void el.send(ordersAskedTwiceText);
  await vi.waitFor(() => expect(pendingCards(el)).toHaveLength(3));
  await expectNumberedCards();
  expect(shadowParts(el, '.heading')[0]!.textContent).toBe('Assistant');
});

it('names a card by its title element, so the name is the title a person sees, read once (not a copy in aria-label)', async () => {
  gateway.serve(gatewayUrl, () => sse([{ type: 'tool-call', toolCall: { id: 'call_0', name: 'createOrder', args: {} } }, { type: 'finish', reason: 'tool-calls' }]));
  const el = await mountChat({}, (chat) => (chat.actions = actions));
  void el.send('order 500 bolts');
  await vi.waitFor(() => expect(pendingCards(el)).toHaveLength(1));

  const group = (await accessibilityTree()).find((node) => node.role?.value === 'group');
  expect(group?.name?.value).toBe('The assistant wants to run “Create purchase order”');
  const card = pendingCards(el)[0]!;
  expect(card.hasAttribute('aria-label')).toBe(false);
  expect(el.shadowRoot!.getElementById(card.getAttribute('aria-labelledby')!)).toBe(card.querySelector('.action-title'));
});

for (const [lang, approve, reject] of [
  ['zh-CN', '批准“Create purchase order”', '拒绝“Create purchase order”'],
  ['zh-TW', '核准「Create purchase order」', '拒絕「Create purchase order」'],
] as const) {
  it(`${lang}: names Approve and Reject as the table words them, not the word and the title joined by a space`, async () => {
    gateway.serve(gatewayUrl, () => sse([{ type: 'tool-call', toolCall: { id: 'call_0', name: 'createOrder', args: {} } }, { type: 'finish', reason: 'tool-calls' }]));
    const el = await mountChat({ lang }, (chat) => (chat.actions = actions));
    void el.send('下单');
    await vi.waitFor(() => expect(pendingCards(el)).toHaveLength(1));

    const buttons = (await controls('button')).map((button) => button.name);
    expect(buttons).toContain(approve);
    expect(buttons).toContain(reject);
  });
}

it('opens the next answer\'s card with a repeated call id as it came, not with what was typed in an earlier card (edits, their error)', async () => {
  gateway.serve(gatewayUrl, () => sse([{ type: 'tool-call', toolCall: { id: 'call_0', name: 'createOrder', args: { qty: 500 } } }, { type: 'finish', reason: 'tool-calls' }]));
  const el = await mountChat({}, (chat) => (chat.actions = actions));
  void el.send('order 500 bolts');
  await vi.waitFor(() => expect(pendingCards(el)).toHaveLength(1));
  await userEvent.click(shadowParts(el, '.action-edit-toggle')[0]!);
  const editor = await vi.waitFor(() => shadowParts<HTMLTextAreaElement>(el, '.action-edit')[0]!);
  await userEvent.fill(editor, '{ "qty": ');
  await userEvent.click(shadowParts(el, '[part~="action-approve"]')[0]!);
  await vi.waitFor(() => expect(shadowParts(el, '[role="alert"]')).toHaveLength(1));
  // The person leaves that answer undecided and asks again; the gateway numbers its call call_0 again.
  el.stop();
  void el.send('order 500 bolts, please');
  const card = await vi.waitFor(() => {
    const cards = shadowParts(el, '[part~="action"]:not([aria-busy])');
    expect(cards.map((each) => each.dataset.state)).toEqual(['error', 'pending-approval']);
    return cards[1]!;
  });
  expect(card.querySelector('.action-edit')).toBeNull();
  expect(card.querySelector('.action-edit-toggle')!.getAttribute('aria-pressed')).toBe('false');
  expect(card.querySelector('[role="alert"]')).toBeNull();
  expect((await controls('textbox')).map((box) => box.name)).not.toContain('Arguments (JSON)');
});

it('zh-CN with a host\'s own Approve and Reject words: their names begin with the words shown, not the table\'s 批准 / 拒绝 (voice control)', async () => {
  gateway.serve(gatewayUrl, () => sse([{ type: 'tool-call', toolCall: { id: 'call_0', name: 'createOrder', args: {} } }, { type: 'finish', reason: 'tool-calls' }]));
  const el = await mountChat({ lang: 'zh-CN' }, (chat) => {
    chat.actions = actions;
    chat.labels = { approve: '同意', reject: '不同意' };
  });
  void el.send('下单');
  await vi.waitFor(() => expect(pendingCards(el)).toHaveLength(1));

  const buttons = await controls('button');
  expect(buttons.map((button) => button.name)).toContain('同意 Create purchase order');
  expect(buttons.map((button) => button.name)).toContain('不同意 Create purchase order');
});
