import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { html } from 'lit';
import type { Citation } from '@parley/client';
import { definePlugin } from '../plugins/define-plugin.js';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, idle, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';

const gateway = useMockGateway();

const policy: Citation = { id: 'doc-a', title: 'Returns policy', source: 'Employee handbook', page: 12, snippet: 'Returns are accepted within 30 days.', url: 'https://erp.example/docs/returns' };
const freight: Citation = { id: 'doc-b', title: 'Freight terms', url: 'javascript:alert(1)' };
const memo: Citation = { id: '3', title: 'Memo on carriers', source: 'Logistics' };

function serveCitedAnswer(): void {
  gateway.serve(gatewayUrl, () =>
    sse([
      { type: 'text-delta', delta: 'Returns within 30 days [1]; freight is prepaid 【2】 and carriers rotate [^3].' },
      { type: 'citation', citation: policy },
      { type: 'citation', citation: freight },
      { type: 'citation', citation: memo },
      { type: 'finish', reason: 'stop' },
    ]),
  );
}

async function answered(el: ParleyChat): Promise<void> {
  await el.send('what is the returns policy?');
  await vi.waitFor(() => expect(shadowParts(el, '[part~="citation"]')).toHaveLength(3));
  await vi.waitFor(() => expect(idle(el)).toBe(true));
  // <parley-markdown> renders the markers in its own update.
  await vi.waitFor(() => expect(shadowParts(el, '.parley-citation-marker')).toHaveLength(3));
}

const marker = (el: ParleyChat, id: string) => shadowPart<HTMLButtonElement>(el, `.parley-citation-marker[data-citation-id="${id}"]`)!;
const card = (el: ParleyChat, number: number) => shadowParts(el, '[part~="citation"]')[number - 1]!;

describe('citations', () => {
  it('numbers the sources, shows title, source, page and snippet, and links only http(s) URLs', async () => {
    serveCitedAnswer();
    const el = await mountChat();
    await answered(el);
    expect(shadowParts(el, '.citation-number').map((n) => n.textContent)).toEqual(['1', '2', '3']);
    const first = card(el, 1);
    const link = first.querySelector<HTMLAnchorElement>('a.citation-title')!;
    expect(link.textContent).toBe('Returns policy');
    expect(link.href).toBe('https://erp.example/docs/returns');
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
    expect(first.querySelector('.citation-meta')!.textContent).toBe('Employee handbook · p. 12');
    expect(first.querySelector('.citation-snippet')!.textContent).toBe('Returns are accepted within 30 days.');
    // The cards' styles come with their code (loaded on first use): a bordered card, number beside the text.
    expect(getComputedStyle(first).display).toBe('flex');
    expect(getComputedStyle(first).borderTopStyle).toBe('solid');
    expect(card(el, 2).querySelector('a')).toBeNull();
    expect(card(el, 2).textContent).toContain('Freight terms');
  });

  it('takes a person from each marker ([1], 【2】, [^3]) to its card, by mouse and by keyboard', async () => {
    serveCitedAnswer();
    const el = await mountChat();
    await answered(el);
    expect(marker(el, '1').getAttribute('aria-label')).toBe('Source 1');
    await userEvent.click(marker(el, '1'));
    expect(el.shadowRoot!.activeElement).toBe(card(el, 1));
    await userEvent.click(marker(el, '2'));
    expect(el.shadowRoot!.activeElement).toBe(card(el, 2));
    marker(el, '3').focus();
    await userEvent.keyboard('{Enter}');
    expect(el.shadowRoot!.activeElement).toBe(card(el, 3));
    expect(card(el, 3).dataset.citationId).toBe('3');
  });

  it('lets a plug-in render the card (a plain element, no Lit) and decide what opening it does', async () => {
    serveCitedAnswer();
    const opened: Array<[string, number]> = [];
    const el = await mountChat({}, (chat) => {
      chat.plugins = [
        definePlugin({
          name: 'erp-viewer',
          citation: {
            render(citation, ctx) {
              if (citation.id !== 'doc-a') return null;
              const button = document.createElement('button');
              button.className = 'erp-doc';
              button.textContent = `Open ${citation.title} in the ERP (${ctx.number})`;
              button.addEventListener('click', () => ctx.open());
              return button;
            },
            open: (citation, ctx) => void opened.push([citation.id, ctx.number]),
          },
        }),
      ];
    });
    const events: Array<[string, number]> = [];
    el.addEventListener('parley-citation-open', (event) => events.push([event.detail.citation.id, event.detail.number]));
    await answered(el);
    const custom = card(el, 1).querySelector<HTMLButtonElement>('.erp-doc')!;
    expect(custom.textContent).toBe('Open Returns policy in the ERP (1)');
    expect(card(el, 1).querySelector('.citation-snippet')).toBeNull();
    await userEvent.click(custom);
    expect(opened).toEqual([['doc-a', 1]]);

    // Cards the plug-in left to the default: a source without a URL becomes a button that opens in the page.
    const memoButton = card(el, 3).querySelector<HTMLButtonElement>('button.citation-open')!;
    expect(memoButton.textContent).toBe('Memo on carriers');
    await userEvent.click(memoButton);
    expect(opened).toEqual([
      ['doc-a', 1],
      ['3', 3],
    ]);
    expect(events).toEqual(opened);
  });

  it('keeps a link from navigating when a plug-in opens it, and lets the host take over with preventDefault', async () => {
    serveCitedAnswer();
    const opened: string[] = [];
    const el = await mountChat({}, (chat) => {
      chat.plugins = [definePlugin({ name: 'viewer', citation: { open: (citation) => void opened.push(citation.id) } })];
    });
    await answered(el);
    const link = card(el, 1).querySelector<HTMLAnchorElement>('a.citation-title')!;
    let navigated: boolean | undefined;
    const watch = (event: Event) => (navigated = !event.defaultPrevented);
    document.addEventListener('click', watch);
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
    expect(opened).toEqual(['doc-a']);
    expect(navigated).toBe(false);

    el.addEventListener('parley-citation-open', (event) => event.preventDefault(), { once: true });
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
    document.removeEventListener('click', watch);
    expect(opened).toEqual(['doc-a']);
    expect(navigated).toBe(false);
  });

  it('renders a Lit template from a plug-in card', async () => {
    serveCitedAnswer();
    const el = await mountChat({}, (chat) => {
      chat.plugins = [definePlugin({ name: 'lit-cards', citation: { render: (citation) => html`<strong class="lit-card">${citation.title}</strong>` } })];
    });
    await answered(el);
    expect(shadowParts(el, '.lit-card').map((node) => node.textContent)).toEqual(['Returns policy', 'Freight terms', 'Memo on carriers']);
  });
});
