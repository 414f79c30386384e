import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { HttpResponse } from 'msw';
import type { AuditEvent } from '@parley/client';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, idle, lastAnswerText, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';
import { ParleyChat } from './parley-chat.js';

/** Issue 10: what an ERP page drives — business context, prefill, compliance hooks, audit. */
const gateway = useMockGateway();

const order = { document: { type: 'purchase-order', id: 'PO-2025-0117', supplier: 'Acme Steel', amount: 12800, currency: 'CNY' }, orgUnit: 'Procurement East' };

function answer(text = 'It shipped.'): void {
  gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: text }, { type: 'finish', reason: 'stop' }]));
}

const body = (index: number) => gateway.requests[index]!.body as { context?: unknown; messages: Array<{ role: string; content: unknown }> };
const input = (el: ParleyChat) => shadowPart<HTMLTextAreaElement>(el, '[part~="input"]')!;

/**
 * A `<parley-chat>` the page set `context` on before the script tag defined it (as a tag of its
 * own, `tag`: each test defines one), then defined.
 */
function definedLater(tag: string, context: Record<string, unknown> | null): ParleyChat {
  const el = document.createElement(tag) as ParleyChat;
  el.setAttribute('endpoint', gatewayUrl);
  el.setAttribute('protocol', 'parley');
  el.setAttribute('persist', 'none');
  el.context = context;
  document.body.append(el);
  customElements.define(tag, class extends ParleyChat {});
  return el;
}

function auditTrail(el: ParleyChat): AuditEvent[] {
  const records: AuditEvent[] = [];
  el.addEventListener('parley-audit', (event) => records.push(event.detail));
  return records;
}

describe('business context', () => {
  it('goes with every request as `context` in the native protocol, and follows the page', async () => {
    answer();
    const el = await mountChat({}, (chat) => (chat.context = order));
    await el.send('What is the status of this order?');
    expect(body(0).context).toEqual(order);

    el.context = { ...order, document: { ...order.document, id: 'PO-2025-0118' } };
    await el.send('And now?');
    expect((body(1).context as typeof order).document.id).toBe('PO-2025-0118');

    el.context = null;
    await el.send('Without context?');
    expect(body(2)).not.toHaveProperty('context');
  });

  it('is kept when the page sets it before the script tag defines the element', async () => {
    answer();
    const el = definedLater('parley-chat-late', order);
    await el.updateComplete;
    await el.send('What is the status of this order?');
    expect(body(0).context).toEqual(order);
  });

  it('set to null before the element is defined: a context set later is sent', async () => {
    answer();
    // A page that starts with `chat.context = currentRecord ?? null` before the script tag ran.
    const el = definedLater('parley-chat-late-null', null);
    await el.updateComplete;
    el.context = order;
    await el.send('What is the status of this order?');
    expect(body(0).context).toEqual(order);
  });

  it('set before the element is defined but not JSON: logged and ignored, the widget still renders and answers', async () => {
    answer();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const el = definedLater('parley-chat-late-bad', { ...order, asOf: new Date() });
      await vi.waitFor(() => expect(input(el)).not.toBeNull());
      expect(await el.send('What is the status of this order?')).toBe(true);
      await vi.waitFor(() => expect(lastAnswerText(el)).toContain('It shipped.'));
      expect(body(0)).not.toHaveProperty('context');
      expect(el.context).toBeUndefined();
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('<parley-chat>: context ignored'), expect.objectContaining({ message: expect.stringMatching(/context\.asOf is a Date/) }));
    } finally {
      logged.mockRestore();
    }
  });

  it('refuses what JSON cannot carry with an error naming it, and keeps the context it had', async () => {
    answer();
    const el = await mountChat({}, (chat) => (chat.context = order));
    expect(() => (el.context = { ...order, openedAt: new Date() })).toThrow(/context\.openedAt is a Date/);
    expect(() => (el.context = ['PO-2025-0117'] as never)).toThrow(/context must be a plain JSON object/);
    await el.send('Status?');
    expect(body(0).context).toEqual(order);
  });

  it('reaches an OpenAI-compatible gateway as a system message after the host’s own', async () => {
    gateway.serve(gatewayUrl, () => {
      const chunk = { id: 'c1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: 'Shipped.' }, finish_reason: 'stop' }] };
      return new HttpResponse(`data: ${JSON.stringify(chunk)}\n\ndata: [DONE]\n\n`, { headers: { 'content-type': 'text/event-stream' } });
    });
    const el = await mountChat({ protocol: 'openai', model: 'deepseek-chat' }, (chat) => (chat.context = order));
    await el.send('What is the status of this order?');
    expect(lastAnswerText(el)).toContain('Shipped.');
    const { messages } = body(0);
    expect(body(0)).not.toHaveProperty('context');
    expect(messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(String(messages[0]!.content)).toContain(JSON.stringify(order));
  });
});

describe('prefill', () => {
  it('puts the question in the composer and focuses it, without sending; Enter sends it', async () => {
    answer();
    const el = await mountChat();
    await el.prefill('What is the status of this order?');
    expect(input(el).value).toBe('What is the status of this order?');
    expect(el.shadowRoot!.activeElement).toBe(input(el));
    expect(gateway.requests).toHaveLength(0);
    expect(shadowParts(el, '[part~="message"]')).toHaveLength(0);

    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('It shipped.'));
    expect(body(0).messages.at(-1)!.content).toBe('What is the status of this order?');
  });

  it('opens the launcher panel to show the question', async () => {
    const el = await mountChat({ mode: 'launcher' });
    expect(el.isOpen).toBe(false);
    await el.prefill('Summarise PO-2025-0117');
    expect(el.isOpen).toBe(true);
    expect(shadowPart(el, '[part~="panel"]')!.hidden).toBe(false);
    expect(el.shadowRoot!.activeElement).toBe(input(el));
  });
});

describe('beforeSend', () => {
  it('redacts: the gateway, the transcript, parley-send and the audit record all get the redacted text', async () => {
    answer();
    const el = await mountChat({ user: 'alice@acme' }, (chat) => {
      chat.beforeSend = (message) => ({ content: message.content.replace(/\b\d{17}[\dX]\b/g, '[ID number]') });
    });
    const records = auditTrail(el);
    const sent: string[] = [];
    el.addEventListener('parley-send', (event) => sent.push(event.detail.text));
    await userEvent.type(input(el), 'Customer 11010519491231002X called about the order{Enter}');
    await vi.waitFor(() => expect(idle(el) && lastAnswerText(el)).toContain('It shipped.'));

    const redacted = 'Customer [ID number] called about the order';
    expect(body(0).messages.at(-1)!.content).toBe(redacted);
    expect(shadowPart(el, '[part~="message"][part~="user"]')!.textContent).toContain(redacted);
    expect(shadowPart(el, '[part~="messages"]')!.textContent).not.toContain('11010519491231002X');
    expect(sent).toEqual([redacted]);
    expect(records.find((record) => record.type === 'message-sent')).toMatchObject({ user: 'alice@acme', actor: 'user', content: redacted, redacted: true });
  });

  it('blocks: nothing is sent, the reason is shown without Retry, the text stays to be fixed, and the audit says so', async () => {
    answer();
    const el = await mountChat({}, (chat) => {
      chat.beforeSend = async (message) => (message.content.includes('机密') ? { block: '消息含有敏感词“机密”，请修改后再发送。' } : undefined);
    });
    const records = auditTrail(el);
    const sent: string[] = [];
    el.addEventListener('parley-send', (event) => sent.push(event.detail.text));
    await userEvent.type(input(el), '把机密报价发给供应商{Enter}');

    const alert = await vi.waitFor(() => {
      const found = shadowPart(el, '[role="alert"]');
      expect(found?.textContent).toContain('消息含有敏感词“机密”，请修改后再发送。');
      return found!;
    });
    expect(alert.querySelector('.retry')).toBeNull();
    expect(gateway.requests).toHaveLength(0);
    expect(shadowParts(el, '[part~="message"]')).toHaveLength(0);
    expect(input(el).value).toBe('把机密报价发给供应商');
    expect(sent).toEqual([]);
    expect(records).toEqual([expect.objectContaining({ type: 'message-blocked', content: '把机密报价发给供应商', reason: '消息含有敏感词“机密”，请修改后再发送。' })]);

    // Fixed, it goes through.
    await userEvent.fill(input(el), '把报价发给供应商');
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('It shipped.'));
    expect(shadowPart(el, '[role="alert"]')).toBeNull();
  });
});

describe('audit events', () => {
  it('record an edit-then-approve: proposed, edited, approved with the edit, and the result, each with the user', async () => {
    const proposed = { supplier: 'Acme Steel', quantity: 500 };
    const edited = { supplier: 'Acme Steel', quantity: 250 };
    gateway.serve(gatewayUrl, (_request, index) =>
      index === 0
        ? sse([{ type: 'tool-call', toolCall: { id: 'call-1', name: 'createOrder', args: proposed } }, { type: 'finish', reason: 'tool-calls' }])
        : sse([{ type: 'text-delta', delta: 'Ordered 250.' }, { type: 'finish', reason: 'stop' }]),
    );
    const el = await mountChat({ user: 'alice@acme' }, (chat) => {
      chat.actions = {
        createOrder: {
          description: 'Create a purchase order',
          parameters: { type: 'object', properties: { supplier: { type: 'string' }, quantity: { type: 'integer', minimum: 1 } }, required: ['supplier', 'quantity'] },
          run: (args) => ({ summary: `PO for ${(args as typeof edited).quantity} created` }),
        },
      };
    });
    const records = auditTrail(el);
    void el.send('order bolts from Acme');
    await vi.waitFor(() => expect(shadowPart(el, '.action-edit-toggle')).not.toBeNull());
    await userEvent.click(shadowPart(el, '.action-edit-toggle')!);
    await userEvent.fill(shadowPart<HTMLTextAreaElement>(el, '.action-edit')!, JSON.stringify(edited));
    await userEvent.click(shadowPart(el, '[part~="action-approve"]')!);
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('Ordered 250.'));

    const actionRecords = records.filter((record) => record.type.startsWith('action-'));
    expect(actionRecords.map((record) => [record.type, record.actor])).toEqual([
      ['action-proposed', 'model'],
      ['action-edited', 'user'],
      ['action-approved', 'user'],
      ['action-result', 'system'],
    ]);
    expect(actionRecords[1]).toMatchObject({ name: 'createOrder', toolCallId: 'call-1', args: proposed, editedArgs: edited });
    expect(actionRecords[2]).toMatchObject({ args: proposed, editedArgs: edited });
    expect(actionRecords[3]).toMatchObject({ editedArgs: edited, result: { summary: 'PO for 250 created' } });
    expect(records.every((record) => record.user === 'alice@acme' && record.conversationId === el.conversation.id && typeof record.at === 'number')).toBe(true);
    // The model hears that a person changed the arguments.
    const toolResult = body(1).messages.at(-1)!;
    expect(JSON.parse(String(toolResult.content))).toMatchObject({ editedArgs: edited });
  });
});
