import { expect } from 'vitest';
import type { ChatEvent } from '@parley/client';
import { accessibilityTree } from './accessibility-tree.js';

/** An answer asking for one action twice and another once (its cards, and their frames, are numbered), and the order it is asked in. */
export const ordersAskedTwice: ChatEvent[] = [
  { type: 'tool-call', toolCall: { id: 'call_0', name: 'createOrder', args: { supplier: 'Acme', qty: 500 } } },
  { type: 'tool-call', toolCall: { id: 'call_1', name: 'createOrder', args: { supplier: 'Bolt', qty: 20 } } },
  { type: 'tool-call', toolCall: { id: 'call_2', name: 'notify_supplier', args: { supplier: 'Acme Steel' } } },
  { type: 'finish', reason: 'tool-calls' },
];
export const ordersAskedTwiceText = 'order 500 bolts from Acme and 20 from Bolt';

/** What a screen reader finds for `ordersAskedTwice` (createOrder titled "Create purchase order"): each Approve, Reject and card told apart. */
export async function expectNumberedCards(): Promise<void> {
  const tree = await accessibilityTree();
  const buttons = tree.filter((node) => node.role?.value === 'button').map((node) => node.name?.value ?? '');
  expect(buttons.filter((name) => name.startsWith('Approve'))).toEqual([
    'Approve Create purchase order (1 of 2)',
    'Approve Create purchase order (2 of 2)',
    'Approve notify_supplier',
  ]);
  expect(buttons.filter((name) => name.startsWith('Reject'))).toEqual(['Reject Create purchase order (1 of 2)', 'Reject Create purchase order (2 of 2)', 'Reject notify_supplier']);
  const groups = tree.filter((node) => node.role?.value === 'group').map((node) => node.name?.value);
  expect(groups).toEqual([
    'The assistant wants to run “Create purchase order” (1 of 2)',
    'The assistant wants to run “Create purchase order” (2 of 2)',
    'The assistant wants to run “notify_supplier”',
  ]);
}
