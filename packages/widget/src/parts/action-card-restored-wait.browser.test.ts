import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { useMockGateway } from '../testing/mock-gateway.js';
import { shadowPart } from '../testing/mount-chat.js';
import { mountRestoredAction } from '../testing/restored-action.js';

// A file of its own: the client's answer code (which checks an action's arguments) must not have
// been loaded by an earlier test of the page.
const gateway = useMockGateway();

describe('an action card restored from storage, approved while its checks are on their way', () => {
  it('takes no second decision until the approval has gone through, then runs once with the edits', async () => {
    const held = gateway.holdModule(/apply-answer-event/);
    const run = vi.fn((_args: unknown) => 'PO-9');
    const el = await mountRestoredAction(run);
    await vi.waitFor(() => expect(shadowPart(el, '[part~="action"]:not([aria-busy]) .action-edit-toggle')).not.toBeNull());
    await userEvent.click(shadowPart(el, '[part~="action"] .action-edit-toggle')!);
    await userEvent.fill(shadowPart<HTMLTextAreaElement>(el, '[part~="action"] textarea')!, '{ "supplier": "ACME", "qty": 12 }');
    await userEvent.click(shadowPart(el, '[part~="action-approve"]')!);

    // Waiting for the code that checks the edits: Approve, Edit and Reject wait too.
    await vi.waitFor(() => expect(shadowPart<HTMLButtonElement>(el, '[part~="action-approve"]')?.disabled).toBe(true));
    expect(shadowPart<HTMLButtonElement>(el, '[part~="action-reject"]')!.disabled).toBe(true);
    expect(shadowPart<HTMLButtonElement>(el, '[part~="action"] .action-edit-toggle')!.disabled).toBe(true);
    expect(run).not.toHaveBeenCalled();

    held.release();
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(1));
    expect(run.mock.calls[0]![0]).toEqual({ supplier: 'ACME', qty: 12 });
  });
});
