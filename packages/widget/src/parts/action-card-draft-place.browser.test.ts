import { expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { ActionMap, MessagePartOf } from '@parley/client';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import { controlledSse, useMockGateway, type ControlledAnswer } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowParts } from '../testing/mount-chat.js';

const gateway = useMockGateway();

const actions: ActionMap = {
  createOrder: { title: 'Create purchase order', description: 'Create a purchase order', parameters: { type: 'object' }, run: () => ({ summary: 'Done.' }) },
};

const pendingCards = (el: ParleyChat) => shadowParts(el, '[part~="action"][data-state="pending-approval"]:not([aria-busy])');
const reasonBox = (card: HTMLElement) => card.querySelector<HTMLInputElement>('.action-reason')!;

it('keeps a reason typed into a card with that card when moderation replaces the text before it (its place in the answer moves)', async () => {
  let answer!: ControlledAnswer;
  gateway.serve(gatewayUrl, () => {
    const controlled = controlledSse();
    answer = controlled.answer;
    return controlled.response;
  });
  const el = await mountChat({}, (chat) => (chat.actions = actions));
  void el.send('order bolts from Acme and from Bolt');
  await vi.waitFor(() => expect(answer).toBeDefined());
  answer.text('Ordering from both.');
  answer.push({ type: 'tool-call', toolCall: { id: 'call_acme', name: 'createOrder', args: { supplier: 'Acme' } } });
  answer.push({ type: 'tool-call', toolCall: { id: 'call_bolt', name: 'createOrder', args: { supplier: 'Bolt' } } });
  await vi.waitFor(() => expect(pendingCards(el)).toHaveLength(2));
  await userEvent.fill(reasonBox(pendingCards(el)[0]!), 'Acme is the wrong supplier');

  // The gateway's moderation replaces the answer's text (`replace: true`): the text part before
  // the cards goes, and the cards are the answer's first parts now.
  answer.push({ type: 'text-delta', delta: 'Ordering from both suppliers.', replace: true });
  answer.finish();
  await vi.waitFor(() => expect(el.conversation.getSnapshot().messages[1]!.parts[0]!.type).toBe('tool-call'));
  await el.updateComplete;

  const [acme, bolt] = pendingCards(el);
  expect(reasonBox(acme!).value).toBe('Acme is the wrong supplier');
  expect(reasonBox(bolt!).value).toBe('');
  // The person typing on goes on typing into the box they were in, Acme's.
  expect(el.shadowRoot!.activeElement).toBe(reasonBox(acme!));
  // What Reject sends is the reason shown in that card: Acme's for Acme, none for Bolt.
  await userEvent.click(bolt!.querySelector('[part~="action-reject"]')!);
  await userEvent.click(acme!.querySelector('[part~="action-reject"]')!);
  await vi.waitFor(() => {
    const calls = el.conversation.getSnapshot().messages[1]!.parts.filter((part): part is MessagePartOf<'tool-call'> => part.type === 'tool-call');
    expect(calls.map((part) => [part.toolCall.id, part.state, part.reason])).toEqual([
      ['call_acme', 'rejected', 'Acme is the wrong supplier'],
      ['call_bolt', 'rejected', undefined],
    ]);
  });
});
