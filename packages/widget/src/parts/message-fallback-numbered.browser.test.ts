import { describe, expect, it, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import type { ActionMap } from '@parley/client';
import { sse, transcriptViewsModule, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowParts } from '../testing/mount-chat.js';
import { expectNumberedCards, ordersAskedTwice, ordersAskedTwiceText } from '../testing/numbered-actions.js';

// A file of its own: the transcript views must not have been loaded by an earlier test of the page.
const gateway = useMockGateway();

const run = () => ({ summary: 'Done.' });
const actions: ActionMap = {
  createOrder: { title: 'Create purchase order', description: 'Create a purchase order', parameters: { type: 'object' }, run },
  notify_supplier: { description: 'Tell the supplier', parameters: { type: 'object' }, run },
};

describe('the action frames of an answer whose transcript views could not be loaded', () => {
  it('numbers the frames of an action asked for twice, as the full cards are, so each Approve, Reject and frame is told apart', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    gateway.serve(gatewayUrl, () => sse(ordersAskedTwice));
    // After serve(), which sets the gateway's handlers anew.
    gateway.worker.use(http.get(transcriptViewsModule, () => HttpResponse.error()));
    const el = await mountChat({}, (chat) => (chat.actions = actions), { transcript: 'lazy' });
    void el.send(ordersAskedTwiceText);
    // The frames of the fallback (no card code): the decision offered without editing.
    await vi.waitFor(() => expect(shadowParts(el, '[part~="action"]:not([aria-busy]) [part~="action-approve"]')).toHaveLength(3));
    expect(shadowParts(el, '.part-failed')).toHaveLength(1);

    await expectNumberedCards();
    error.mockRestore();
  });
});
