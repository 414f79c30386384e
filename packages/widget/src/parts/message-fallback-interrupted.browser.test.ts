import { afterEach, describe, expect, it, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { transcriptViewsModule, useMockGateway } from '../testing/mock-gateway.js';
import { mountChat, shadowPart } from '../testing/mount-chat.js';
import { conversationEntry, conversationStorageKey } from '../testing/stored-conversation.js';

/**
 * A restored answer that was cut off when the page closed, in a conversation whose transcript
 * views could not be loaded (the mock service worker fails the real request for the module): as
 * written, it must still say that it is not whole.
 */
const gateway = useMockGateway();
const conversationId = 'message-fallback-interrupted';

afterEach(() => sessionStorage.removeItem(conversationStorageKey(conversationId)));

describe('an interrupted answer shown as written', () => {
  it('says it was interrupted', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    gateway.worker.use(http.get(transcriptViewsModule, () => HttpResponse.error()));
    const now = Date.now();
    sessionStorage.setItem(
      ...conversationEntry(conversationId, [
        { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Which orders are late?' }], createdAt: now - 60_000 },
        // No finish reason: the page closed while it streamed.
        { id: 'm2', role: 'assistant', parts: [{ type: 'text', text: 'PO-7 is late, and' }], createdAt: now - 50_000 },
      ]),
    );
    const el = await mountChat({ persist: 'session', 'conversation-id': conversationId }, undefined, { transcript: 'lazy' });

    const answer = await vi.waitFor(() => shadowPart(el, '[part="message assistant"]') ?? Promise.reject(new Error('not shown yet')));
    await vi.waitFor(() => expect(answer.innerText).toContain('This answer was interrupted.'));
    expect(answer.innerText).toContain('PO-7 is late, and');
    expect(answer.innerText).not.toContain('Stopped');
    error.mockRestore();
  });
});
