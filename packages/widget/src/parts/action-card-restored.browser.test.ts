import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { http, HttpResponse } from 'msw';
import { useMockGateway } from '../testing/mock-gateway.js';
import { shadowPart } from '../testing/mount-chat.js';
import { mountRestoredAction } from '../testing/restored-action.js';

// A file of its own: the client's answer code (which checks an action's arguments) must not have
// been loaded by an earlier test of the page.
const gateway = useMockGateway();

describe('an action card restored from storage', () => {
  it('says so on the card, and runs nothing, when the code that checks its arguments cannot load', async () => {
    // Offline after the reload: the client's answer code does not arrive (a browser keeps the failure).
    gateway.worker.use(http.get(/apply-answer-event/, () => HttpResponse.error()));
    const run = vi.fn((_args: unknown) => 'PO-9');
    const el = await mountRestoredAction(run);
    const card = await vi.waitFor(() => {
      const found = shadowPart(el, '[part~="action"]:not([aria-busy])');
      expect(found).not.toBeNull();
      expect(found!.querySelector('[part~="action-approve"]')).not.toBeNull();
      return found!;
    });

    await userEvent.click(card.querySelector('[part~="action-approve"]')!);
    await vi.waitFor(() => expect(shadowPart(el, '[part~="action"] .action-error')?.textContent).toMatch(/could not be loaded, so nothing was run/));
    expect(run).not.toHaveBeenCalled();
    // Still waiting for a decision: Approve and Reject are there.
    expect(shadowPart(el, '[part~="action"]')!.dataset.state).toBe('pending-approval');
    expect(shadowPart(el, '[part~="action-reject"]')).not.toBeNull();

    // With edits: they are back in the editor, beside the reason.
    await userEvent.click(shadowPart(el, '[part~="action"] .action-edit-toggle')!);
    const editor = shadowPart<HTMLTextAreaElement>(el, '[part~="action"] textarea')!;
    await userEvent.fill(editor, '{ "supplier": "ACME", "qty": 12 }');
    await userEvent.click(shadowPart(el, '[part~="action-approve"]')!);
    await vi.waitFor(() => expect(shadowPart(el, '[part~="action"] .action-error')?.textContent).toMatch(/could not be loaded/));
    expect(JSON.parse(shadowPart<HTMLTextAreaElement>(el, '[part~="action"] textarea')!.value)).toEqual({ supplier: 'ACME', qty: 12 });
    expect(run).not.toHaveBeenCalled();
  });
});
