import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { sse, useMockGateway, transcriptViewsModule } from '../testing/mock-gateway.js';
import { holdOrderActions, holdOrderCall } from '../testing/hold-order.js';
import { gatewayUrl, idle, mountChat, shadowPart } from '../testing/mount-chat.js';

/**
 * An action the model asks for while the transcript views' chunk is still on its way (a send
 * without typing first, a slow network): the mock service worker holds the real request for the
 * module. The person must not be offered Approve before the card shows what would run, and a
 * button they aim at must not vanish when the chunk arrives.
 */
const gateway = useMockGateway();

describe('a pending action before the transcript views are in', () => {
  it('offers no blind Approve while they load, and the decision with its arguments once they are in', async () => {
    gateway.serve(gatewayUrl, (_request, index) =>
      index === 0
        ? sse(holdOrderCall)
        : sse([{ type: 'text-delta', delta: 'Held.' }, { type: 'finish', reason: 'stop' }]),
    );
    const chunk = gateway.holdModule(transcriptViewsModule);
    const ran: unknown[] = [];
    const el = await mountChat({}, (chat) => (chat.actions = holdOrderActions(ran)), { transcript: 'lazy' });

    void el.send('Hold PO-7');
    await vi.waitFor(() => expect(el.conversation.getSnapshot().status).toBe('awaiting-action'));
    // The element renders once per frame: on a loaded machine the frame comes after this update.
    const frame = await vi.waitFor(() => {
      const action = shadowPart(el, '[part="message assistant"] [part~="action"]');
      expect(action).not.toBeNull();
      return action!;
    });
    // Named by its title, which it shows.
    expect((frame.getRootNode() as ShadowRoot).getElementById(frame.getAttribute('aria-labelledby')!)?.textContent).toBe('The assistant wants to run “Hold an order”');
    expect(frame.getAttribute('aria-busy')).toBe('true');
    expect(frame.textContent).toContain('Loading…');
    expect(shadowPart(el, '[part~="action-approve"]')).toBeNull();

    chunk.release();
    const approve = await vi.waitFor(() => {
      const button = shadowPart(el, '[part~="action-approve"]');
      expect(button).not.toBeNull();
      return button!;
    });
    expect(shadowPart(el, '[part="message assistant"] [part~="action"]')!.textContent).toContain('PO-7');
    await userEvent.click(approve);
    await vi.waitFor(() => expect(idle(el)).toBe(true));
    expect(ran).toEqual([{ order: 'PO-7' }]);
  });
});
