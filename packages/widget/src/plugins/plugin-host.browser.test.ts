import { describe, expect, it, vi } from 'vitest';
import { html } from 'lit';
import type { ParleyErrorDetail } from '../events.js';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, idle, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';
import { definePlugin } from './define-plugin.js';

const gateway = useMockGateway();

function serveRichAnswer(): void {
  gateway.serve(gatewayUrl, (_request, index) =>
    index === 0
      ? sse([
          { type: 'text-delta', delta: 'Here is the order [1].' },
          { type: 'data', name: 'po-summary', data: { id: 'PO-2025-0117', total: 12500, currency: 'CNY' } },
          { type: 'data', name: 'telemetry', data: { tokens: 3 } },
          { type: 'citation', citation: { id: '1', title: 'PO-2025-0117', snippet: 'Order for 500 bolts' } },
          { type: 'tool-call', toolCall: { id: 'call-1', name: 'approveOrder', args: { id: 'PO-2025-0117' } } },
          { type: 'finish', reason: 'tool-calls' },
        ])
      : sse([{ type: 'text-delta', delta: 'Approved.' }, { type: 'finish', reason: 'stop' }]),
  );
}

async function answered(el: ParleyChat): Promise<void> {
  void el.send('show PO-2025-0117');
  await vi.waitFor(() => expect(shadowPart(el, '[part~="action-approve"]')).not.toBeNull());
  // Source cards come with a chunk of their own, maybe after the action card.
  await vi.waitFor(() => expect(shadowPart(el, '[part~="citation"]')).not.toBeNull());
  await el.updateComplete;
}

const approveOrder = { approveOrder: { description: 'Approve a purchase order', run: () => 'ok' } };

describe('plug-ins', () => {
  it('render data parts by name (the last plug-in wins) and ignore names no plug-in knows', async () => {
    serveRichAnswer();
    const errors: ParleyErrorDetail[] = [];
    const el = await mountChat({}, (chat) => {
      chat.actions = approveOrder;
      chat.plugins = [
        definePlugin({ name: 'old', data: { 'po-summary': () => html`<p class="old">old renderer</p>` } }),
        definePlugin({
          name: 'erp',
          data: {
            'po-summary': (data, ctx) => {
              const po = data as { id: string; total: number; currency: string };
              const total = new Intl.NumberFormat(ctx.locale, { style: 'currency', currency: po.currency }).format(po.total);
              return html`<p class="po">${po.id}: ${total}</p>`;
            },
          },
        }),
      ];
    });
    el.addEventListener('parley-error', (event) => errors.push(event.detail));
    await answered(el);
    expect(shadowPart(el, '.data .po')!.textContent).toBe('PO-2025-0117: CN¥12,500.00');
    expect(shadowPart(el, '.old')).toBeNull();
    expect(shadowParts(el, '.data')).toHaveLength(1);
    expect(shadowPart(el, '[part~="message"][part~="assistant"]')!.textContent).not.toContain('tokens');
    expect(errors).toEqual([]);
  });

  it('isolate a throwing plug-in: its parts fall back to the default rendering and each failure is reported once', async () => {
    serveRichAnswer();
    const errors: ParleyErrorDetail[] = [];
    const el = await mountChat({}, (chat) => {
      chat.actions = approveOrder;
      chat.plugins = [
        definePlugin({
          name: 'broken',
          citation: {
            render: () => {
              throw new Error('card template missing');
            },
          },
          actions: {
            approveOrder: {
              render: () => {
                throw new Error('preview unavailable');
              },
            },
          },
          data: { 'po-summary': () => ({ not: 'renderable' }) as never },
        }),
      ];
    });
    el.addEventListener('parley-error', (event) => errors.push(event.detail));
    await answered(el);
    // Defaults: the citation title, the action's arguments, no data block.
    expect(shadowPart(el, '[part~="citation"]')!.textContent).toContain('Order for 500 bolts');
    expect(shadowPart(el, '[part~="action"] dd')!.textContent).toBe('PO-2025-0117');
    expect(shadowParts(el, '.data')).toHaveLength(0);
    await vi.waitFor(() => expect(errors).toHaveLength(3));
    expect(errors.map((error) => [error.error.code, error.plugin, error.hook])).toEqual(
      expect.arrayContaining([
        ['plugin_error', 'broken', 'citation.render'],
        ['plugin_error', 'broken', 'actions.approveOrder.render'],
        ['plugin_error', 'broken', 'data.po-summary'],
      ]),
    );
    expect(errors.find((error) => error.hook === 'citation.render')!.error.message).toContain('card template missing');

    // The widget keeps working: approving still runs and re-renders do not repeat the reports.
    shadowPart<HTMLButtonElement>(el, '[part~="action-approve"]')!.click();
    await vi.waitFor(() => expect(idle(el)).toBe(true));
    await el.updateComplete;
    expect(errors).toHaveLength(3);
  });

  it('apply plug-in theme tokens with CSSOM (last wins), and remove them with the plug-in', async () => {
    const el = await mountChat({}, (chat) => {
      chat.plugins = [
        definePlugin({ name: 'brand', theme: { '--parley-color-accent': 'rgb(0, 90, 160)', colorUserBubble: 'rgb(230, 240, 250)' } }),
        definePlugin({ name: 'campaign', theme: { 'color-accent': 'rgb(200, 16, 46)' } }),
      ];
    });
    const send = shadowPart(el, '[part~="send"]')!;
    expect(getComputedStyle(send).backgroundColor).toBe('rgb(200, 16, 46)');
    expect(el.style.getPropertyValue('--parley-color-user-bubble')).toBe('rgb(230, 240, 250)');
    el.plugins = [];
    await el.updateComplete;
    expect(el.style.getPropertyValue('--parley-color-accent')).toBe('');
    expect(getComputedStyle(send).backgroundColor).toBe('rgb(31, 95, 209)');
  });
});

describe('definePlugin', () => {
  it('names the bad field of a malformed plug-in', () => {
    expect(() => definePlugin({ name: '' })).toThrow('plugin.name must be a non-empty string');
    expect(() => definePlugin({ name: 'x', data: { chart: 'nope' as never } })).toThrow('data.chart must be a function');
    expect(() => definePlugin({ name: 'x', actions: { createOrder: { render: 'nope' as never } } })).toThrow('actions.createOrder.render must be a function');
    expect(() => definePlugin({ name: 'x', citation: { open: 1 as never } })).toThrow('citation.open must be a function');
  });
});
