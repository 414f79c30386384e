import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { controlledSse, sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';

const gateway = useMockGateway();

describe('the announcement of a finished answer', () => {
  it('reads identifiers with their underscores and keeps the answer’s paragraphs apart', async () => {
    gateway.serve(gatewayUrl, () =>
      sse([
        { type: 'text-delta', delta: 'Let me check **PO_1234**.' },
        { type: 'status', status: { id: 's1', label: 'Looking up the order', state: 'done' } },
        { type: 'text-delta', delta: 'It shipped _today_.\n\nCarrier: `DHL_EXPRESS`' },
        { type: 'finish', reason: 'stop' },
      ]),
    );
    const el = await mountChat();
    await el.send('Where is PO_1234?');
    const live = shadowPart(el, '[aria-live="polite"]')!;
    // innerText is the text as laid out (the region collapses each run of spaces and line breaks), as it is read.
    await vi.waitFor(() => expect(live.innerText).toBe('Assistant: Let me check PO_1234. It shipped today. Carrier: DHL_EXPRESS'));
  });

  it('says that an answer was stopped, with what had arrived, and also when nothing had', async () => {
    const { response, answer } = controlledSse();
    gateway.serve(gatewayUrl, () => response);
    const el = await mountChat();
    const live = shadowPart(el, '[aria-live="polite"]')!;
    void el.send('List the suppliers');
    answer.text('ACME and **Globex** so far');
    await vi.waitFor(() => expect(shadowPart(el, '[part~="message"][part~="assistant"]')?.textContent).toContain('Globex'));
    await userEvent.click(shadowPart(el, '[part~="stop"]')!);
    await vi.waitFor(() => expect(live.innerText).toBe('Stopped. Assistant: ACME and Globex so far'));

    // Stopped before any text: the answer alone would say nothing, the stop is still said.
    const second = controlledSse();
    gateway.serve(gatewayUrl, () => second.response);
    void el.send('And in Shanghai?');
    await vi.waitFor(() => expect(shadowPart(el, '[part~="stop"]')).not.toBeNull());
    await userEvent.click(shadowPart(el, '[part~="stop"]')!);
    await vi.waitFor(() => expect(live.innerText).toBe('Stopped.'));
  });
});
