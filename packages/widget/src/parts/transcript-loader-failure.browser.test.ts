import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { http, HttpResponse, passthrough } from 'msw';
import { sse, useMockGateway, transcriptViewsModule } from '../testing/mock-gateway.js';
import { holdOrderActions, holdOrderCall } from '../testing/hold-order.js';
import { gatewayUrl, idle, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';

/**
 * The transcript views' chunk (with `<parley-markdown>`) may be refused by the network: the mock
 * service worker fails the real request for the module (a page of its own: the module is not
 * loaded yet), then lets a later one through.
 */
const gateway = useMockGateway();

describe('transcript views that could not be loaded', () => {
  it('keep messages readable and a pending action decidable, and a later send brings the full view', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let attempts = 0;
    let reachable = false;
    gateway.serve(gatewayUrl, (request, index) => {
      if (index === 0) return sse(holdOrderCall);
      const last = request.body.messages[request.body.messages.length - 1]!;
      return sse([{ type: 'text-delta', delta: `Answer ${index}: **${String(last.content)}**` }, { type: 'finish', reason: 'stop' }]);
    });
    gateway.worker.use(
      http.get(transcriptViewsModule, () => {
        attempts++;
        return reachable ? passthrough() : HttpResponse.error();
      }),
    );
    const ran: unknown[] = [];
    const el = await mountChat({}, (chat) => (chat.actions = holdOrderActions(ran)), { transcript: 'lazy' });

    void el.send('Hold PO-7');
    await vi.waitFor(() => expect(el.conversation.getSnapshot().status).toBe('awaiting-action'));
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    // The element renders once per frame: on a loaded machine the frame comes after this update.
    const action = await vi.waitFor(() => {
      const frame = shadowPart(el, '[part="message assistant"] [part~="action"]');
      expect(frame?.hasAttribute('aria-busy')).toBe(false);
      return frame!;
    });
    // Named by its title, which it shows.
    expect((action.getRootNode() as ShadowRoot).getElementById(action.getAttribute('aria-labelledby')!)?.textContent).toBe('The assistant wants to run “Hold an order”');
    await userEvent.click(shadowPart(el, '[part~="action-approve"]')!);
    await vi.waitFor(() => expect(idle(el)).toBe(true));
    expect(ran).toEqual([{ order: 'PO-7' }]);
    await el.updateComplete;
    expect(shadowPart(el, '[part="message user"]')!.textContent).toContain('Hold PO-7');
    await vi.waitFor(() => expect(shadowPart(el, '[part="message assistant"] parley-markdown')?.innerText).toBe('Answer 1: **held**'));
    expect(shadowPart(el, '[part~="action-approve"]')).toBeNull();
    expect(shadowPart(el, '.message-tools')).toBeNull();

    reachable = true;
    expect(await el.send('Thanks')).toBe(true);
    await vi.waitFor(() => expect(shadowParts(el, '[part="message assistant"] .message-tools')).toHaveLength(2));
    const answers = shadowParts(el, '[part="message assistant"] parley-markdown');
    expect(answers.map((text) => text.querySelector('strong')?.textContent)).toEqual(['held', 'Thanks']);
    expect(attempts).toBe(2);
    error.mockRestore();
  });
});
