import { afterEach, describe, expect, it, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { markdownElementModule, useMockGateway } from '../testing/mock-gateway.js';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import { mountChat, shadowParts } from '../testing/mount-chat.js';
import { conversationEntry, conversationStorageKey } from '../testing/stored-conversation.js';

/**
 * A restored conversation asks for the markdown renderer's code at once and shows its answers
 * when it is in: as markdown from the first frame, never as written first and then re-laid out.
 * The mock service worker holds back, then fails or lets through, the real request for the module.
 */
const gateway = useMockGateway();
const conversationId = 'text-view-restore';

function storeConversation(): void {
  const now = Date.now();
  const messages = [
    { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'When does PO-7 ship?' }], createdAt: now - 60_000 },
    { id: 'm2', role: 'assistant', parts: [{ type: 'text', text: 'It ships **today**.\nBy truck.' }], createdAt: now - 50_000, finishReason: 'stop' },
  ];
  sessionStorage.setItem(...conversationEntry(conversationId, messages));
}

/** Every text an answer showed, as it was added to the transcript: what a person could have seen. */
function watchAnswers(el: ParleyChat): { seen: string[]; stop(): void } {
  const seen: string[] = [];
  const record = (): void => {
    for (const text of shadowParts(el, '[part~="assistant"] parley-markdown')) seen.push(`${text.matches(':defined') ? 'markdown' : 'as written'}: ${text.textContent}`);
  };
  const observer = new MutationObserver(record);
  observer.observe(el.shadowRoot!, { subtree: true, childList: true, characterData: true });
  return { seen, stop: () => observer.disconnect() };
}

afterEach(() => sessionStorage.removeItem(conversationStorageKey(conversationId)));

describe('a restored conversation and the markdown renderer', () => {
  it('shows its answers as written once the renderer could not be loaded', async () => {
    expect(customElements.get('parley-markdown')).toBeUndefined();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let fail!: () => void;
    const failing = new Promise<void>((resolve) => (fail = resolve));
    let requested = 0;
    gateway.worker.use(
      http.get(markdownElementModule, async () => {
        requested++;
        await failing;
        return HttpResponse.error();
      }),
    );
    storeConversation();
    const el = await mountChat({ persist: 'session', 'conversation-id': conversationId }, undefined, { transcript: 'lazy' });
    await vi.waitFor(() => expect(requested).toBe(1));
    expect(shadowParts(el, '[part~="assistant"]')).toEqual([]);

    fail();
    const answer = await vi.waitFor(() => shadowParts(el, '[part~="assistant"] parley-markdown')[0] ?? Promise.reject(new Error('not shown yet')));
    expect(answer.innerText).toBe('It ships **today**.\nBy truck.');
    expect(shadowParts(el, '[part~="user"]').map((message) => message.querySelector('.bubble')?.textContent)).toEqual(['When does PO-7 ship?']);
    error.mockRestore();
  });

  it('shows its answers as markdown from their first frame once the renderer is in', async () => {
    const chunk = gateway.holdModule(markdownElementModule);
    storeConversation();
    const el = await mountChat({ persist: 'session', 'conversation-id': conversationId }, undefined, { transcript: 'lazy' });
    await vi.waitFor(() => expect(chunk.requests()).toBe(1));
    // Nothing of the answer is shown yet; from here on, everything it shows is recorded.
    expect(shadowParts(el, '[part~="assistant"]')).toEqual([]);
    const watch = watchAnswers(el);

    chunk.release();
    const strong = await vi.waitFor(() => shadowParts(el, '[part~="assistant"] parley-markdown strong')[0] ?? Promise.reject(new Error('not shown yet')));
    expect(strong.textContent).toBe('today');
    watch.stop();
    expect(watch.seen.length).toBeGreaterThan(0);
    expect(watch.seen.filter((entry) => !entry.startsWith('markdown:'))).toEqual([]);
  });
});
