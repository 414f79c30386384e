import type { ActionMap, ChatEvent } from '@parley/client';

/** A model's answer that only asks to hold order PO-7 (`holdOrderActions` knows the action). */
export const holdOrderCall: ChatEvent[] = [
  { type: 'tool-call', toolCall: { id: 'call-1', name: 'holdOrder', args: { order: 'PO-7' } } },
  { type: 'finish', reason: 'tool-calls' },
];

/** The host's "Hold an order" action; the arguments of each run go into `ran`. */
export function holdOrderActions(ran: unknown[] = []): ActionMap {
  return {
    holdOrder: {
      title: 'Hold an order',
      description: 'Put an order on hold',
      parameters: { type: 'object', properties: { order: { type: 'string' } }, required: ['order'] },
      run: (args) => (ran.push(args), 'held'),
    },
  };
}
