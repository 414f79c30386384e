import { describe, expect, it, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import type { ActionMap } from '@parley/client';
import { accessibilityTree } from '../testing/accessibility-tree.js';
import { sse, transcriptViewsModule, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowParts } from '../testing/mount-chat.js';

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
    gateway.serve(gatewayUrl, () =>
      sse([
        { type: 'tool-call', toolCall: { id: 'call_0', name: 'createOrder', args: { supplier: 'Acme', qty: 500 } } },
        { type: 'tool-call', toolCall: { id: 'call_1', name: 'createOrder', args: { supplier: 'Bolt', qty: 20 } } },
        { type: 'tool-call', toolCall: { id: 'call_2', name: 'notify_supplier', args: { supplier: 'Acme Steel' } } },
        { type: 'finish', reason: 'tool-calls' },
      ]),
    );
    // After serve(), which sets the gateway's handlers anew.
    gateway.worker.use(http.get(transcriptViewsModule, () => HttpResponse.error()));
    const el = await mountChat({}, (chat) => (chat.actions = actions), { transcript: 'lazy' });
    void el.send('order 500 bolts from Acme and 20 from Bolt');
    // The frames of the fallback (no card code): the decision offered without editing.
    await vi.waitFor(() => expect(shadowParts(el, '[part~="action"]:not([aria-busy]) [part~="action-approve"]')).toHaveLength(3));
    expect(shadowParts(el, '.part-failed')).toHaveLength(1);

    const tree = await accessibilityTree();
    const names = (role: string) => tree.filter((node) => node.role?.value === role).map((node) => node.name?.value ?? '');
    expect(names('button').filter((name) => name.startsWith('Approve'))).toEqual([
      'Approve Create purchase order (1 of 2)',
      'Approve Create purchase order (2 of 2)',
      'Approve notify_supplier',
    ]);
    expect(names('button').filter((name) => name.startsWith('Reject'))).toEqual([
      'Reject Create purchase order (1 of 2)',
      'Reject Create purchase order (2 of 2)',
      'Reject notify_supplier',
    ]);
    expect(names('group')).toEqual([
      'The assistant wants to run “Create purchase order” (1 of 2)',
      'The assistant wants to run “Create purchase order” (2 of 2)',
      'The assistant wants to run “notify_supplier”',
    ]);
    error.mockRestore();
  });
});
