import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { http, HttpResponse, passthrough } from 'msw';
import { transcriptViewsModule, useMockGateway } from '../testing/mock-gateway.js';
import { shadowPart } from '../testing/mount-chat.js';
import { mountRestoredAction } from '../testing/restored-action.js';

// A file of its own: neither the transcript views nor the client's answer code may have been
// loaded by an earlier test of the page.
const gateway = useMockGateway();

describe('an action restored from storage whose card code could not be loaded', () => {
  it('says on its frame why an Approve was refused, runs nothing, and approves once the code is back', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // Offline after the reload: the card's code and the code that checks arguments do not arrive.
    let online = false;
    gateway.worker.use(
      http.get(transcriptViewsModule, () => (online ? passthrough() : HttpResponse.error())),
      http.get(/apply-answer-event/, () => (online ? passthrough() : HttpResponse.error())),
    );
    const run = vi.fn((_args: unknown) => 'PO-9');
    const el = await mountRestoredAction(run, 'lazy');
    const approve = await vi.waitFor(() => {
      const button = shadowPart(el, '[part~="action"]:not([aria-busy]) [part~="action-approve"]');
      expect(button).not.toBeNull();
      return button!;
    });

    await userEvent.click(approve);
    const refusal = await vi.waitFor(() => {
      const alert = shadowPart(el, '[part~="action"] [role="alert"]');
      expect(alert?.textContent).toMatch(/could not be loaded, so nothing was run/);
      return alert!;
    });
    expect(refusal.closest('[part~="action"]')!.getAttribute('data-state')).toBe('pending-approval');
    expect(run).not.toHaveBeenCalled();

    // Back online: the same Approve goes through (the client asks for its code again) and the
    // refusal is gone.
    online = true;
    await userEvent.click(shadowPart(el, '[part~="action-approve"]')!);
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(shadowPart(el, '[part~="action"] [role="alert"]')).toBeNull());
    error.mockRestore();
  });
});
