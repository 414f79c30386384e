import type { ChatEvent, ChatMessage } from '@parley/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citedDocuments, nativeEvents, textOf } from './testing/native-events.js';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

const tools = [
  {
    name: 'create_purchase_order',
    description: 'Create a purchase order',
    parameters: {
      type: 'object',
      properties: { supplier: { type: 'string' }, item: { type: 'string' }, sku: { type: 'string' }, quantity: { type: 'integer' }, unitPrice: { type: 'number' }, currency: { type: 'string' } },
    },
  },
  { name: 'lookup_stock', description: 'Current stock of an item', parameters: { type: 'object', properties: { item: { type: 'string' } } } },
];

function toolCallOf(events: ChatEvent[]) {
  const event = events.find((candidate) => candidate.type === 'tool-call');
  return event?.type === 'tool-call' ? event.toolCall : undefined;
}

async function propose(question: string) {
  const messages: ChatMessage[] = [{ role: 'user', content: question }];
  const events = await nativeEvents(gateway.url, { messages, tools });
  return { messages, events, call: toolCallOf(events) };
}

async function followUp(messages: ChatMessage[], events: ChatEvent[], result: unknown) {
  const call = toolCallOf(events)!;
  const history: ChatMessage[] = [
    ...messages,
    { role: 'assistant', content: textOf(events), toolCalls: [call] },
    { role: 'tool', toolCallId: call.id, content: JSON.stringify(result) },
  ];
  return nativeEvents(gateway.url, { messages: history, tools });
}

describe('agent actions', () => {
  it('turns "Order 10 laptops from ACME" into create_purchase_order with contract price, and stops for approval', async () => {
    const { events, call } = await propose('Order 10 laptops from ACME');
    expect(call).toMatchObject({
      name: 'create_purchase_order',
      args: { supplier: 'ACME Industrial Supplies', item: 'ProBook 14 laptop', sku: 'LAP-PB14', quantity: 10, unitPrice: 1150, currency: 'USD' },
    });
    expect(events.at(-1)).toEqual({ type: 'finish', reason: 'tool-calls' });
    expect(textOf(events)).toContain('Nothing is sent until you approve it');
  });

  it('understands the order in Chinese', async () => {
    const { call, events } = await propose('帮我向ACME订购10台笔记本');
    expect(call).toMatchObject({ name: 'create_purchase_order', args: { supplier: 'ACME Industrial Supplies', quantity: 10, sku: 'LAP-PB14' } });
    expect(textOf(events)).toContain('在您批准之前不会发送任何内容');
  });

  it('confirms the created order from the tool result and cites the supplier terms', async () => {
    const { messages, events } = await propose('Order 10 laptops from ACME');
    const next = await followUp(messages, events, { id: 'PO-2026-0142', status: 'Pending approval', supplier: 'ACME Industrial Supplies', item: 'ProBook 14 laptop', quantity: 10 });
    const text = textOf(next);
    expect(text).toContain('PO-2026-0142');
    expect(text).toContain('Pending approval');
    expect(text).toContain('Net 45');
    expect(citedDocuments(next)).toEqual(['acme-supply-agreement']);
    expect(next.at(-1)).toEqual({ type: 'finish', reason: 'stop' });
  });

  it('acknowledges a rejection and an error without claiming success', async () => {
    const { messages, events } = await propose('Order 10 laptops from ACME');
    const rejected = textOf(await followUp(messages, events, { rejected: true }));
    expect(rejected).toContain('rejected');
    expect(rejected).not.toContain('Done');
    const failed = textOf(await followUp(messages, events, { error: 'ERP is offline' }));
    expect(failed).toContain('failed: ERP is offline');
  });

  it('looks stock up with lookup_stock and reports the result', async () => {
    const { messages, events, call } = await propose('How many monitors in stock?');
    expect(call).toMatchObject({ name: 'lookup_stock', args: { item: '27-inch QHD monitor' } });
    const text = textOf(await followUp(messages, events, { item: '27-inch QHD monitor', sku: 'MON-27Q', available: 54, onHand: 64, reserved: 10, reorderPoint: 25 }));
    expect(text).toContain('**27-inch QHD monitor** (MON-27Q): **54 available** right now — 64 on hand, 10 reserved.');
    const low = textOf(await followUp(messages, events, { item: 'Noise-cancelling headset', available: 6, reorderPoint: 10 }));
    expect(low).toContain('below the reorder point of 10');
  });

  it('answers from the documents instead when the page offers no such action', async () => {
    const events = await nativeEvents(gateway.url, { messages: [{ role: 'user', content: 'Order 10 laptops from ACME' }] });
    expect(toolCallOf(events)).toBeUndefined();
    expect(textOf(events)).toContain('did not offer the `create_purchase_order` action');
  });
});
