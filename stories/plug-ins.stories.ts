import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import type { Citation } from '@parley/client';
import { definePlugin } from '../packages/widget/src/plugins/define-plugin.js';
import { gateways, stockLevels } from './mocks/gateway-handlers.js';
import { purchaseOrderActions } from './mocks/purchase-order-action.js';
import { answerTimeout, chatIn, finishedAnswer, part, sourceCards, visibleText } from './support/chat-queries.js';
import { withEventLog } from './support/event-log.js';
import { chatArgTypes } from './support/chat-arg-types.js';
import { renderChat, type ChatArgs } from './support/render-chat.js';

/**
 * `el.plugins = [definePlugin({ name, citation, actions, data, theme })]`: the host renders its
 * own source cards, action previews and gateway-specific blocks. Hooks return a Lit template or a
 * plain element; a hook that throws falls back to the default rendering and is reported.
 */
const meta = {
  title: 'Plug-ins',
  component: 'parley-chat',
  argTypes: chatArgTypes(),
  args: { protocol: 'parley', persist: 'none', lang: 'en', frameWidth: '560px' },
} satisfies Meta<ChatArgs>;
export default meta;
type Story = StoryObj<ChatArgs>;

/** A host-page "document viewer" the citation plug-in opens sources in. */
function documentViewer(frame: HTMLElement): HTMLOutputElement {
  const viewer = document.createElement('output');
  viewer.className = 'document-viewer';
  viewer.setAttribute('aria-label', 'ERP document viewer');
  viewer.style.cssText = 'display:block;margin-top:12px;padding:8px;border:1px dashed #5b6270;font:13px system-ui,sans-serif;color:#1c1f24;background:#fff';
  viewer.textContent = 'ERP document viewer: no document open';
  frame.append(viewer);
  return viewer;
}

/** Cards rendered as plain elements (no Lit needed), opening the source in the ERP's own viewer. */
export const CitationCards: Story = {
  args: { endpoint: gateways.citations, prompt: 'Who must approve a ¥60,000 order?' },
  render: (args) => {
    let viewer: HTMLOutputElement | undefined;
    const frame = renderChat(args, (chat) => {
      chat.plugins = [
        definePlugin({
          name: 'erp-documents',
          citation: {
            render(citation: Citation, ctx) {
              const card = document.createElement('button');
              card.type = 'button';
              card.className = 'erp-source';
              card.textContent = `📄 ${citation.title ?? citation.id} — ${citation.source ?? ''} p. ${citation.page ?? '?'}`;
              card.addEventListener('click', () => ctx.open());
              return card;
            },
            open(citation) {
              if (viewer) viewer.textContent = `ERP document viewer: ${citation.title} (page ${citation.page})`;
            },
          },
        }),
      ];
    });
    viewer = documentViewer(frame);
    return frame;
  },
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    const answer = await finishedAnswer(chat, 'two working days');
    const cards = (await sourceCards(answer)).map((card) => card.querySelector<HTMLButtonElement>('.erp-source')!);
    await expect(cards.map((card) => visibleText(card))).toEqual([
      '📄 Procurement policy 2025 — Policies / Finance p. 4',
      '📄 Fast-track purchasing guide — Wiki / Purchasing p. 2',
    ]);
    await userEvent.click(cards[0]!);
    await expect(within(canvasElement).getByRole('status', { name: 'ERP document viewer' })).toHaveTextContent('Procurement policy 2025 (page 4)');
  },
};

/** A purchase-order preview replaces the card body; Approve and Reject stay the widget's. */
export const ActionPreview: Story = {
  args: { endpoint: gateways.action, prompt: 'Order 200 M8 bolts from Huadong Steel for 18 April.' },
  render: (args) =>
    renderChat(args, (chat) => {
      chat.actions = purchaseOrderActions();
      chat.plugins = [
        definePlugin({
          name: 'po-preview',
          actions: {
            createPurchaseOrder: {
              render: (call) => {
                const args = call.toolCall.args as { supplier: string; item: string; quantity: number; deliverBy: string };
                return html`<table class="po-preview">
                  <caption>Purchase order preview</caption>
                  <tbody>
                    <tr><th scope="row">Supplier</th><td>${args.supplier}</td></tr>
                    <tr><th scope="row">Item</th><td>${args.quantity} × ${args.item}</td></tr>
                    <tr><th scope="row">Deliver by</th><td>${args.deliverBy}</td></tr>
                  </tbody>
                </table>`;
              },
            },
          },
        }),
      ];
    }),
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    await waitFor(() => expect(part(chat, 'action-approve')).not.toBeNull(), answerTimeout);
    const card = part(chat, 'action')!;
    await expect(visibleText(card.querySelector('.po-preview'))).toContain('200 × M8 bolts');
    await userEvent.click(part(chat, 'action-approve')!);
    await finishedAnswer(chat, 'PO-2025-0142');
    await expect(card.dataset.state).toBe('done');
  },
};

/** A `data` event (`stock-levels`) rendered by the plug-in registered for that name. */
export const DataBlock: Story = {
  args: { endpoint: gateways.data, prompt: 'Stock of M8 bolts?' },
  render: (args) =>
    renderChat(args, (chat) => {
      chat.plugins = [
        definePlugin({
          name: 'stock-levels',
          data: {
            'stock-levels': (data) =>
              html`<ul class="stock-levels" aria-label="Stock levels">
                ${(data as typeof stockLevels).map(
                  (row) => html`<li>${row.warehouse}: ${row.onHand} on hand${row.onHand < row.reorderPoint ? ' (below reorder point)' : ''}</li>`,
                )}
              </ul>`,
          },
        }),
      ];
    }),
  play: async ({ canvasElement }) => {
    const answer = await finishedAnswer(chatIn(canvasElement), 'transfer 400 units');
    const rows = Array.from(answer.querySelectorAll('.stock-levels li')).map((row) => visibleText(row));
    await expect(rows).toEqual(['Suzhou: 1200 on hand', 'Wuxi: 300 on hand (below reorder point)', 'Ningbo: 950 on hand']);
  },
};

/** Without a plug-in for `stock-levels`, the block stays out of sight and the answer is unharmed. */
export const DataWithoutPlugin: Story = {
  args: { endpoint: gateways.data, prompt: 'Stock of M8 bolts?' },
  render: (args) => renderChat(args),
  play: async ({ canvasElement }) => {
    const answer = await finishedAnswer(chatIn(canvasElement), 'transfer 400 units');
    await expect(answer.querySelector('.data')).toBeNull();
  },
};

/** A plug-in that throws: the default card shows instead and the host hears `plugin_error`. */
export const ThrowingPlugin: Story = {
  args: { endpoint: gateways.citations, prompt: 'Who must approve a ¥60,000 order?' },
  render: (args) =>
    withEventLog(
      renderChat(args, (chat) => {
        chat.plugins = [
          definePlugin({
            name: 'broken-cards',
            citation: {
              render() {
                throw new Error('card template missing');
              },
            },
          }),
        ];
      }),
      ['parley-error'],
      (event) => `${String(event.detail.error.code)}: ${String(event.detail.error.message)}`,
    ),
  play: async ({ canvasElement }) => {
    const answer = await finishedAnswer(chatIn(canvasElement), 'two working days');
    const [first] = await sourceCards(answer);
    await expect(visibleText(first!.querySelector('.citation-title'))).toBe('Procurement policy 2025');
    await waitFor(() => expect(visibleText(within(canvasElement).getByRole('log'))).toContain('plugin_error'));
  },
};

/** A plug-in's `theme` tokens brand the element like a stylesheet would. */
export const ThemePlugin: Story = {
  args: { endpoint: gateways.plain, prompt: 'Where is PO-2025-0117?' },
  render: (args) =>
    renderChat(args, (chat) => {
      chat.plugins = [definePlugin({ name: 'brand', theme: { '--parley-color-accent': '#8a1538', '--parley-radius': '2px' } })];
    }),
  play: async ({ canvasElement }) => {
    const chat = chatIn(canvasElement);
    await finishedAnswer(chat, 'Suzhou warehouse');
    await expect(getComputedStyle(part(chat, 'send')!).backgroundColor).toBe('rgb(138, 21, 56)');
  },
};
