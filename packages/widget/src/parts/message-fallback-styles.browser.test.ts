import { describe, expect, it, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { sse, useMockGateway, transcriptViewsModule } from '../testing/mock-gateway.js';
import { holdOrderActions, holdOrderCall } from '../testing/hold-order.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';

/**
 * What the fallback shows of a pending action (its "Loading…" line, then, if the views cannot be
 * loaded, Approve / Reject) is styled by the code a page loads at start: the styles of the full
 * views come with the chunk that is late or missing.
 */
const gateway = useMockGateway();

describe('a pending action shown as written', () => {
  it('has a quiet loading line, then Approve / Reject spaced apart below the title', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    gateway.serve(gatewayUrl, () => sse(holdOrderCall));
    let fail!: () => void;
    const failing = new Promise<void>((resolve) => (fail = resolve));
    gateway.worker.use(http.get(transcriptViewsModule, async () => (await failing, HttpResponse.error())));
    const el = await mountChat({}, (chat) => (chat.actions = holdOrderActions()), { transcript: 'lazy' });

    void el.send('Hold PO-7');
    const loading = await vi.waitFor(() => shadowPart(el, '[part~="action"] .part-loading') ?? Promise.reject(new Error('no loading line yet')));
    const text = getComputedStyle(shadowPart(el, '.action-title')!);
    const line = getComputedStyle(loading);
    expect(line.color).not.toBe(text.color);
    expect(parseFloat(line.fontSize)).toBeLessThan(parseFloat(text.fontSize));
    // Not a paragraph's blank line inside the small card.
    expect(parseFloat(line.marginTop)).toBeLessThan(parseFloat(line.fontSize));

    fail();
    const approve = await vi.waitFor(() => shadowPart(el, '[part~="action-approve"]') ?? Promise.reject(new Error('no Approve yet')));
    const reject = shadowPart(el, '[part~="action-reject"]')!;
    const title = shadowPart(el, '.action-title')!.getBoundingClientRect();
    const space = parseFloat(getComputedStyle(el).getPropertyValue('--_space'));
    expect(space).toBeGreaterThan(0);
    expect(approve.getBoundingClientRect().top - title.bottom).toBeGreaterThanOrEqual(space);
    expect(reject.getBoundingClientRect().left - approve.getBoundingClientRect().right).toBeGreaterThanOrEqual(space);
    // The buttons of the full card: the primary one in the accent colour.
    const accent = getComputedStyle(approve);
    expect(accent.backgroundColor).not.toBe(getComputedStyle(reject).backgroundColor);
    expect(accent.borderTopStyle).toBe('solid');
    error.mockRestore();
  });
});
