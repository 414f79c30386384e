import { describe, expect, it, vi } from 'vitest';
import { http, HttpResponse, passthrough } from 'msw';
import { ParleyChat } from '../parley-chat/parley-chat.js';
import { sse, useMockGateway, markdownElementModule } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowParts } from '../testing/mount-chat.js';

/**
 * After a failed load the chat shows its answers as written and does not ask again by itself; the
 * page may still define `<parley-markdown>` later (its own use of it), and then the chat's answers
 * become markdown too, each shown once.
 */
const gateway = useMockGateway();

describe('<parley-markdown> defined by the page after the chat failed to load it', () => {
  it("turns the chat's answers shown as written into markdown, without their text twice", async () => {
    expect(customElements.get('parley-markdown')).toBeUndefined();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let reachable = false;
    gateway.serve(gatewayUrl, () => sse([{ type: 'start' }, { type: 'text-delta', delta: 'It ships **today**.' }, { type: 'finish', reason: 'stop' }]));
    gateway.worker.use(http.get(markdownElementModule, () => (reachable ? passthrough() : HttpResponse.error())));
    const el = await mountChat({}, undefined, { transcript: 'lazy' });
    expect(await el.send('When does PO-7 ship?')).toBe(true);
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    await el.updateComplete;
    const [answer] = shadowParts(el, '[part~="assistant"] parley-markdown');
    expect(answer!.textContent).toBe('It ships **today**.');

    reachable = true;
    await ParleyChat.defineMarkdown();
    const markdown = () => shadowParts(el, '[part~="assistant"] parley-markdown');
    await vi.waitFor(() => expect(markdown()[0]!.querySelector('strong')?.textContent).toBe('today'));
    expect(markdown().map((text) => text.textContent)).toEqual(['It ships today.']);
    error.mockRestore();
  });
});
