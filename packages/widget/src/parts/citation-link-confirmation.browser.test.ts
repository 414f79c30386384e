import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import { navigationStopped as stopped } from '../testing/navigation-stopped.js';

const gateway = useMockGateway();

/** An answer whose source card links to `url` (by default a host nobody allowed, with data in its query). */
async function answerWithSourceLink(
  url = 'https://attacker.example/collect?d=U0VDUkVUX0NPTlRFWFRfT0ZfVEhFX1VTRVI',
  attributes: Record<string, string> = {},
): Promise<{ el: ParleyChat; link: HTMLElement }> {
  gateway.serve(gatewayUrl, () =>
    sse([
      { type: 'text-delta', delta: 'See the order [1].' },
      { type: 'citation', citation: { id: '1', title: 'ERP order 7', url } },
      { type: 'finish', reason: 'stop' },
    ]),
  );
  const el = await mountChat(attributes);
  await el.send('Where is PO-7?');
  const link = await vi.waitFor(() => shadowPart(el, 'a.citation-title') ?? Promise.reject(new Error('no card yet')));
  return { el, link };
}

describe('a source card link (the gateway\'s or the model\'s URL)', () => {
  it('asks before opening a host nobody allowed, like a link in the answer', async () => {
    const { el, link } = await answerWithSourceLink();
    expect(await stopped('click', () => userEvent.click(link))).toBe(true);
    const confirmation = shadowPart(el, '.citations .parley-link-confirm')!;
    expect(confirmation.querySelector('strong')!.textContent).toBe('attacker.example');
    expect(getComputedStyle(confirmation).display).not.toBe('inline');
  });

  it('holds a middle click (auxclick) as well', async () => {
    const { link } = await answerWithSourceLink();
    const middle = () => link.dispatchEvent(new MouseEvent('auxclick', { bubbles: true, cancelable: true, composed: true, button: 1 }));
    expect(await stopped('auxclick', middle), 'a middle click opened attacker.example unconfirmed').toBe(true);
  });

  it('opens at once a host in the element\'s link-hosts, and the page\'s own host', async () => {
    const allowed = await answerWithSourceLink('https://erp.example.com/po/7', { 'link-hosts': 'wiki.example.com erp.example.com' });
    expect(await stopped('click', () => userEvent.click(allowed.link)), 'erp.example.com is in link-hosts').toBe(false);
    expect(shadowPart(allowed.el, '.parley-link-confirm')).toBeNull();
    allowed.el.remove();

    const own = await answerWithSourceLink(new URL('/po/7', location.href).href);
    expect(await stopped('click', () => userEvent.click(own.link)), 'the page\'s own host').toBe(false);
    expect(shadowPart(own.el, '.parley-link-confirm')).toBeNull();
  });
});
