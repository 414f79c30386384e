import { describe, expect, it, vi } from 'vitest';
import { controlledSse, useMockGateway, markdownElementModule } from '../testing/mock-gateway.js';
import { gatewayUrl, idle, mountChat, shadowPart } from '../testing/mount-chat.js';

/**
 * `<parley-markdown>` is not in what a page loads at start: its code (a module of its own, a
 * chunk in the script tag) is requested when the person sends. Here the real request for it is
 * held back by the mock service worker, as a slow network would, while an answer streams.
 */
const gateway = useMockGateway();

describe('an answer whose markdown renderer is still loading', () => {
  it('shows the text as written, line breaks kept, then as markdown once the renderer is in, and streams on', async () => {
    // This page has not needed markdown yet (each test file gets its own page).
    expect(customElements.get('parley-markdown')).toBeUndefined();
    const { response, answer } = controlledSse();
    gateway.serve(gatewayUrl, () => response);
    const chunk = gateway.holdModule(markdownElementModule);
    const el = await mountChat({}, undefined, { transcript: 'lazy' });
    const sent = el.send('When does PO-7 ship?');
    // Requested with the send, before any of the answer has arrived.
    await vi.waitFor(() => expect(chunk.requests()).toBe(1));

    answer.text('Ship **PO-7** today.\nThen');
    const text = await vi.waitFor(() => shadowPart(el, '[part~="assistant"] parley-markdown') ?? Promise.reject(new Error('no answer yet')));
    await vi.waitFor(() => expect(text.innerText).toBe('Ship **PO-7** today.\nThen'));
    expect(text.matches(':defined')).toBe(false);
    expect(text.querySelector('strong')).toBeNull();

    chunk.release();
    // The transcript views come in the same chunk: the answer renders again in full.
    const markdown = () => shadowPart(el, '[part~="assistant"] parley-markdown')!;
    await vi.waitFor(() => expect(markdown().querySelector('strong')?.textContent).toBe('PO-7'));
    expect(markdown().textContent).toBe('Ship PO-7 today.\nThen');
    // Its styles came with it: a code block gets the renderer's frame.
    answer.text(' invoice.\n\n- one\n- two\n\n```\nPO-7\n```\n');
    answer.finish();
    expect(await sent).toBe(true);
    await vi.waitFor(() => expect(idle(el)).toBe(true));
    await el.updateComplete;
    await vi.waitFor(() => expect(markdown().querySelectorAll('li')).toHaveLength(2));
    expect(markdown().querySelector('p')?.textContent).toBe('Ship PO-7 today.\nThen invoice.');
    expect(markdown().textContent).not.toContain('**');
    expect(getComputedStyle(markdown().querySelector('.parley-code')!).borderTopStyle).toBe('solid');
    expect(chunk.requests()).toBe(1);
  });
});
