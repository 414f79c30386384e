import { describe, expect, it, vi } from 'vitest';
import { http, HttpResponse, passthrough } from 'msw';
import { sse, useMockGateway, markdownElementModule } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowParts } from '../testing/mount-chat.js';

/**
 * The markdown renderer's code is fetched on first use; a network that drops that request must
 * not cost the person the answer. The mock service worker fails the real request for the module,
 * then lets the next one through.
 */
const gateway = useMockGateway();

describe('a markdown renderer that could not be loaded', () => {
  it('leaves the answer readable as written, and the next send loads it and renders every answer', async () => {
    expect(customElements.get('parley-markdown')).toBeUndefined();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let attempts = 0;
    let reachable = false;
    gateway.serve(gatewayUrl, (_request, index) =>
      sse([{ type: 'start' }, { type: 'text-delta', delta: `Answer ${index + 1}: **PO-7**\nships today.` }, { type: 'finish', reason: 'stop' }]),
    );
    gateway.worker.use(
      http.get(markdownElementModule, () => {
        attempts++;
        return reachable ? passthrough() : HttpResponse.error();
      }),
    );
    const el = await mountChat({}, undefined, { transcript: 'lazy' });
    expect(await el.send('When does PO-7 ship?')).toBe(true);
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    await el.updateComplete;
    const [first] = shadowParts(el, '[part~="assistant"] parley-markdown');
    expect(first!.innerText).toBe('Answer 1: **PO-7**\nships today.');
    expect(customElements.get('parley-markdown')).toBeUndefined();
    // The answer did not fail: only the notice that part of it (its tools, sources) is missing.
    expect(shadowParts(el, '.error')).toEqual([]);
    expect(shadowParts(el, '[role="alert"]').map((alert) => alert.className)).toEqual(['part-failed']);

    reachable = true;
    expect(await el.send('And PO-8?')).toBe(true);
    const texts = () => shadowParts(el, '[part~="assistant"] parley-markdown');
    await vi.waitFor(() => expect(texts().map((text) => text.querySelector('strong')?.textContent)).toEqual(['PO-7', 'PO-7']));
    expect(texts().map((text) => text.textContent)).toEqual(['Answer 1: PO-7\nships today.', 'Answer 2: PO-7\nships today.']);
    expect(attempts).toBe(2);
    error.mockRestore();
  });
});
