import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { html } from 'lit';
import type { ActionMap } from '@parley/client';
import { definePlugin } from '../plugins/define-plugin.js';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import { controlledSse, sse, useMockGateway } from '../testing/mock-gateway.js';
import type { ParleyMarkdown } from '../markdown/parley-markdown.js';
import { gatewayUrl, lastAnswerText, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';

const gateway = useMockGateway();

const orderSchema = {
  type: 'object',
  properties: { supplier: { type: 'string' }, lines: { type: 'array', items: { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'integer', minimum: 1 } } } } },
  required: ['supplier', 'lines'],
};
const proposed = { supplier: 'Acme Steel', lines: [{ sku: 'BOLT-M8', qty: 500 }] };

/** The model proposes `createOrder`, then answers with whatever the tool message said. */
function serveToolCall(name = 'createOrder', args: unknown = proposed): void {
  gateway.serve(gatewayUrl, (request, index) => {
    if (index === 0) return sse([{ type: 'tool-call', toolCall: { id: 'call-1', name, args } }, { type: 'finish', reason: 'tool-calls' }]);
    const last = request.body.messages[request.body.messages.length - 1]!;
    return sse([{ type: 'text-delta', delta: `Model saw: ${String(last.content)}` }, { type: 'finish', reason: 'stop' }]);
  });
}

function toolMessage(index = 1) {
  const messages = gateway.requests[index]!.body.messages as Array<{ role: string; content: unknown; toolCallId?: string }>;
  return messages[messages.length - 1]!;
}

/** The card once its code is in (it loads on first use; until then a frame with the title is `aria-busy`). */
async function card(el: ParleyChat): Promise<HTMLElement> {
  return vi.waitFor(() => {
    const found = shadowPart(el, '[part~="action"]:not([aria-busy])');
    expect(found).not.toBeNull();
    return found!;
  });
}

function actions(run: (args: unknown) => unknown, extra: Partial<ActionMap[string]> = {}): ActionMap {
  return { createOrder: { title: 'Create purchase order', description: 'Create a purchase order', parameters: orderSchema, run, ...extra } };
}

describe('action card', () => {
  it('shows the title and readable arguments, runs only on Approve, and the result reaches the model as a tool message', async () => {
    serveToolCall();
    const ran: unknown[] = [];
    const el = await mountChat({}, (chat) => (chat.actions = actions((args) => (ran.push(args), { summary: 'PO-2025-0200 created' }))));
    void el.send('order 500 bolts from Acme');
    const actionCard = await card(el);
    expect(actionCard.querySelector('.action-title')!.textContent).toContain('Create purchase order');
    const terms = Array.from(actionCard.querySelectorAll('dt')).map((dt) => dt.textContent);
    expect(terms).toEqual(['supplier', 'lines', 'sku', 'qty']);
    expect(actionCard.querySelector('dd')!.textContent).toBe('Acme Steel');
    expect(actionCard.querySelector('.readable-list')!.textContent).toContain('BOLT-M8');
    // The card's styles come with its code (loaded on first use): the decision buttons sit in a row.
    expect(getComputedStyle(actionCard.querySelector('.action-buttons')!).display).toBe('flex');
    await vi.waitFor(() => expect(shadowPart(el, '[part~="composer"]')!.textContent).toContain('Approve or reject the action above'));
    expect(ran).toEqual([]);
    expect(gateway.requests).toHaveLength(1);

    await userEvent.click(shadowPart(el, '[part~="action-approve"]')!);
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('Model saw:'));
    expect(ran).toEqual([proposed]);
    expect(toolMessage()).toMatchObject({ role: 'tool', toolCallId: 'call-1' });
    expect(JSON.parse(String(toolMessage().content))).toEqual({ summary: 'PO-2025-0200 created' });
    const done = shadowPart(el, '[part~="action"]')!;
    expect(done.dataset.state).toBe('done');
    expect(done.textContent).toContain('Done');
    expect(done.textContent).toContain('Result: PO-2025-0200 created');
    expect(shadowPart(el, '[part~="action-approve"]')).toBeNull();
    expect(shadowPart(el, '[part~="composer"]')!.textContent).not.toContain('Approve or reject');
  });

  it('keeps the answer written before the card as it is when Approve resumes the turn: its DOM is not rebuilt', async () => {
    const resumed = controlledSse();
    gateway.serve(gatewayUrl, (_request, index) =>
      index === 0
        ? sse([
            { type: 'text-delta', delta: 'I will order these:\n\n```\nBOLT-M8 x 500\n```' },
            { type: 'tool-call', toolCall: { id: 'call-1', name: 'createOrder', args: proposed } },
            { type: 'finish', reason: 'tool-calls' },
          ])
        : resumed.response,
    );
    const el = await mountChat({}, (chat) => (chat.actions = actions(() => ({ summary: 'PO-2025-0200 created' }))));
    void el.send('order 500 bolts from Acme');
    await card(el);
    // The text before the card renders on the markdown element's next frame: the card may be first.
    const code = await vi.waitFor(() => {
      const found = el.shadowRoot!.querySelector('parley-markdown code');
      expect(found?.textContent).toBe('BOLT-M8 x 500');
      return found!;
    });
    await userEvent.click(shadowPart(el, '[part~="action-approve"]')!);
    // The turn streams again before the model writes anything: that text is the answer's last one.
    const markdown = await vi.waitFor(() => {
      const found = el.shadowRoot!.querySelector<ParleyMarkdown>('parley-markdown[streaming]');
      expect(found).not.toBeNull();
      return found!;
    });
    await markdown.updateComplete;
    expect(el.shadowRoot!.querySelector('parley-markdown code')).toBe(code);
    resumed.answer.text('Ordered.');
    resumed.answer.finish();
    await vi.waitFor(() => expect(shadowPart(el, '[part~="message"][part~="assistant"]')!.textContent).toContain('Ordered.'));
    expect(el.shadowRoot!.querySelector('parley-markdown code')).toBe(code);
  });

  it('sends a rejection with the optional reason to the model, and runs nothing', async () => {
    serveToolCall();
    const ran: unknown[] = [];
    const el = await mountChat({}, (chat) => (chat.actions = actions((args) => ran.push(args))));
    const decisions: string[] = [];
    el.addEventListener('parley-action', (event) => decisions.push(event.detail.type));
    void el.send('order bolts');
    const actionCard = await card(el);
    await userEvent.type(actionCard.querySelector<HTMLInputElement>('.action-reason')!, 'Wrong supplier');
    await userEvent.click(shadowPart(el, '[part~="action-reject"]')!);
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('Model saw:'));
    expect(JSON.parse(String(toolMessage().content))).toEqual({ rejected: true, reason: 'Wrong supplier' });
    expect(ran).toEqual([]);
    expect(decisions).toEqual(['requested', 'rejected']);
    const rejected = shadowPart(el, '[part~="action"]')!;
    expect(rejected.dataset.state).toBe('rejected');
    expect(rejected.textContent).toContain('Rejected: Wrong supplier');
  });

  it('shows a failed action with its error, and the model hears about the failure', async () => {
    serveToolCall();
    const el = await mountChat({}, (chat) =>
      (chat.actions = actions(() => {
        throw new Error('ERP is read-only tonight');
      })),
    );
    const decisions: string[] = [];
    el.addEventListener('parley-action', (event) => decisions.push(event.detail.type));
    void el.send('order bolts');
    await card(el);
    await userEvent.click(shadowPart(el, '[part~="action-approve"]')!);
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('Model saw:'));
    const failed = shadowPart(el, '[part~="action"]')!;
    expect(failed.dataset.state).toBe('error');
    expect(failed.textContent).toContain('Failed: ERP is read-only tonight');
    expect(JSON.parse(String(toolMessage().content))).toEqual({ error: 'ERP is read-only tonight' });
    expect(decisions).toEqual(['requested', 'approved', 'failed']);
  });

  it('lets a person edit the arguments: bad JSON and schema errors are shown, the edit runs and reaches the model', async () => {
    serveToolCall();
    const ran: unknown[] = [];
    const el = await mountChat({}, (chat) => (chat.actions = actions((args) => (ran.push(args), 'created'))));
    const approved: unknown[] = [];
    el.addEventListener('parley-action', (event) => event.detail.type === 'approved' && approved.push(event.detail.editedArgs));
    void el.send('order bolts');
    await card(el);
    await userEvent.click(shadowPart(el, '.action-edit-toggle')!);
    const editor = shadowPart<HTMLTextAreaElement>(el, '.action-edit')!;
    expect(JSON.parse(editor.value)).toEqual(proposed);

    await userEvent.fill(editor, '{ not json');
    await userEvent.click(shadowPart(el, '[part~="action-approve"]')!);
    await vi.waitFor(() => expect(shadowPart(el, '.action-error')!.textContent).toContain('not valid JSON'));
    expect(editor.getAttribute('aria-invalid')).toBe('true');

    await userEvent.fill(editor, '{"supplier":"Acme Steel","lines":[{"sku":"BOLT-M8","qty":0}]}');
    await userEvent.click(shadowPart(el, '[part~="action-approve"]')!);
    await vi.waitFor(() => expect(shadowPart(el, '.action-error')!.textContent).toMatch(/qty|minimum|1/));
    expect(ran).toEqual([]);

    const edited = { supplier: 'Acme Steel', lines: [{ sku: 'BOLT-M8', qty: 250 }] };
    await userEvent.fill(editor, JSON.stringify(edited));
    await userEvent.click(shadowPart(el, '[part~="action-approve"]')!);
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('Model saw:'));
    expect(ran).toEqual([edited]);
    expect(approved).toEqual([edited]);
    expect(JSON.parse(String(toolMessage().content))).toEqual({ editedArgs: edited, result: 'created' });
    const done = shadowPart(el, '[part~="action"]')!;
    expect(done.textContent).toContain('Arguments edited before approval');
    expect(done.querySelectorAll('dd')[3]!.textContent).toBe('250');
  });

  it('lets a plug-in render the card body while Approve and Reject stay the widget’s', async () => {
    serveToolCall();
    const el = await mountChat({}, (chat) => {
      chat.actions = actions(() => 'ok');
      chat.plugins = [
        definePlugin({
          name: 'po-preview',
          actions: {
            createOrder: {
              title: 'New purchase order',
              render: (call) => {
                const args = call.toolCall.args as typeof proposed;
                return html`<table class="po-preview"><tr><th>Supplier</th><td>${args.supplier}</td></tr></table>`;
              },
            },
          },
        }),
      ];
    });
    void el.send('order bolts');
    const actionCard = await card(el);
    expect(actionCard.querySelector('.po-preview td')!.textContent).toBe('Acme Steel');
    expect(actionCard.querySelector('.action-title')!.textContent).toContain('New purchase order');
    expect(actionCard.querySelector('dl')).toBeNull();
    expect(actionCard.querySelector('[part~="action-approve"]')).not.toBeNull();
    expect(actionCard.querySelector('[part~="action-reject"]')).not.toBeNull();
    await userEvent.click(shadowPart(el, '[part~="action-approve"]')!);
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('Model saw: ok'));
  });

  it('shows a confirm:false action as done in the transcript, without buttons', async () => {
    serveToolCall();
    const el = await mountChat({}, (chat) => (chat.actions = actions(() => ({ summary: 'Viewer opened' }), { confirm: false })));
    void el.send('open it');
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('Model saw:'));
    const done = shadowPart(el, '[part~="action"]')!;
    expect(done.dataset.state).toBe('done');
    expect(done.textContent).toContain('Viewer opened');
    expect(shadowParts(el, '[part~="action-approve"], [part~="action-reject"], .action-edit-toggle')).toEqual([]);
  });
});
