import { afterEach, describe, expect, it, vi } from 'vitest';
import { useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';
import { conversationEntry, conversationStorageKey } from '../testing/stored-conversation.js';

/**
 * Hosts often put the element on the page first and give it its gateway a moment later (a module
 * script that sets `endpoint` or `client`). The transcript the last page left must come through
 * that moment whole: an action still awaiting approval stays approvable, and is not settled by
 * the stand-in the element uses while it has no gateway.
 */
useMockGateway();
const conversationId = 'late-configuration';
const stored = () => sessionStorage.getItem(conversationStorageKey(conversationId)) ?? '';

afterEach(() => sessionStorage.removeItem(conversationStorageKey(conversationId)));

describe('a gateway given after the element is on the page', () => {
  it('a restored action awaiting approval still awaits it, and can be approved', async () => {
    const now = Date.now();
    sessionStorage.setItem(
      ...conversationEntry(conversationId, [
        { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Archive PO-7' }], createdAt: now - 60_000 },
        {
          id: 'm2',
          role: 'assistant',
          parts: [{ type: 'tool-call', toolCall: { id: 'call_1', name: 'archive', args: { po: 'PO-7' } }, state: 'pending-approval' }],
          createdAt: now - 50_000,
          finishReason: 'tool-calls',
        },
      ]),
    );
    const run = vi.fn(async () => 'archived');
    const el = await mountChat({ persist: 'session', 'conversation-id': conversationId }, (chat) => {
      chat.removeAttribute('endpoint');
      chat.actions = { archive: { description: 'Archive a purchase order', run } };
    });
    // A frame later, as a deferred module script would.
    await new Promise((resolve) => setTimeout(resolve, 50));
    el.endpoint = gatewayUrl;
    await el.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stored()).toContain('pending-approval');
    expect(stored()).not.toContain('Not run');
    const approve = await vi.waitFor(() => shadowPart<HTMLButtonElement>(el, '[part~="action-approve"]') ?? Promise.reject(new Error('no Approve yet')));
    approve.click();
    await vi.waitFor(() => expect(run).toHaveBeenCalledTimes(1));
  });

  it('an answer a page left streaming in localStorage waits unlocked while there is no gateway: another tab can take it up meanwhile', async () => {
    const key = conversationStorageKey(conversationId);
    localStorage.setItem(
      key,
      JSON.stringify({
        v: 1,
        id: conversationId,
        busy: true,
        messages: [
          { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Payment terms with ACME?' }], createdAt: 1 },
          { id: 'm2', role: 'assistant', parts: [{ type: 'text', text: 'Net' }], createdAt: 2, stepStarts: [0], resumeAfter: 'answer-1:1' },
        ],
      }),
    );
    try {
      const el = await mountChat({ persist: 'local', 'conversation-id': conversationId }, (chat) => chat.removeAttribute('endpoint'));
      await vi.waitFor(() => expect(el.conversation.getSnapshot().status).toBe('streaming'));
      // Time for the answer code, and for a lock it would have asked for.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await navigator.locks.query()).held?.filter((lock) => lock.name === key)).toEqual([]);
      expect(localStorage.getItem(key)).toContain('"resumeAfter":"answer-1:1"');
    } finally {
      localStorage.removeItem(key);
    }
  });
});
