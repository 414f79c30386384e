import { afterEach, describe, expect, it, vi } from 'vitest';
import { transcriptViewsModule, useMockGateway } from '../testing/mock-gateway.js';
import { mountChat, shadowParts } from '../testing/mount-chat.js';
import { conversationEntry, conversationStorageKey } from '../testing/stored-conversation.js';

/**
 * A restored conversation waits for its transcript views (a chunk) before it shows, so that it
 * is not laid out twice. A chunk the network holds must not hide it: the history is busy while
 * it waits, shows as written after a few seconds, and in full once the chunk comes.
 */
const gateway = useMockGateway();
const conversationId = 'transcript-restore-patience';

afterEach(() => sessionStorage.removeItem(conversationStorageKey(conversationId)));

describe('a restored conversation whose transcript views never arrive', () => {
  it('is busy while it waits, then shows as written, then in full when they come', async () => {
    const chunk = gateway.holdModule(transcriptViewsModule);
    const now = Date.now();
    sessionStorage.setItem(
      ...conversationEntry(conversationId, [
        { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'When does PO-7 ship?' }], createdAt: now - 60_000 },
        { id: 'm2', role: 'assistant', parts: [{ type: 'text', text: 'It ships **today**.' }], createdAt: now - 50_000, finishReason: 'stop' },
      ]),
    );
    const el = await mountChat({ persist: 'session', 'conversation-id': conversationId }, undefined, { transcript: 'lazy' });
    const transcript = () => el.shadowRoot!.querySelector('[part~="messages"]')!;
    await vi.waitFor(() => expect(chunk.requests()).toBe(1));
    expect(shadowParts(el, '[part~="message"]')).toEqual([]);
    expect(transcript().getAttribute('aria-busy')).toBe('true');

    // Still held: the history shows as written, and is no longer busy.
    const answer = await vi.waitFor(() => shadowParts(el, '[part~="assistant"] parley-markdown')[0] ?? Promise.reject(new Error('not shown yet')), { timeout: 8000 });
    expect(answer.textContent).toContain('It ships **today**.');
    expect(shadowParts(el, '[part~="user"]')[0]?.textContent).toContain('When does PO-7 ship?');
    expect(transcript().getAttribute('aria-busy')).toBe('false');

    chunk.release();
    const strong = await vi.waitFor(() => shadowParts(el, '[part~="assistant"] parley-markdown strong')[0] ?? Promise.reject(new Error('not in full yet')));
    expect(strong.textContent).toBe('today');
  });
});
