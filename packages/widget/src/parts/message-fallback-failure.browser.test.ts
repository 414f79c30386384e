import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { http, HttpResponse, passthrough } from 'msw';
import { sse, useMockGateway, transcriptViewsModule } from '../testing/mock-gateway.js';
import { gatewayUrl, idle, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';

/**
 * An answer whose transcript views could not be loaded (the mock service worker fails the real
 * request for the module) shows as written: its sources, answer tools and steps are missing, and
 * the person is told so, with a way to ask again that does not re-send the question.
 */
const gateway = useMockGateway();

describe('an answer whose transcript views could not be loaded', () => {
  it('says that part of it is missing, and Retry brings it in full without asking the gateway again', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let reachable = false;
    let requests = 0;
    gateway.serve(gatewayUrl, () => {
      requests++;
      return sse([
        { type: 'text-delta', delta: 'PO-7 ships **today** [1].' },
        { type: 'citation', citation: { id: 'c1', title: 'Shipping plan' } },
        { type: 'finish', reason: 'stop' },
      ]);
    });
    gateway.worker.use(http.get(transcriptViewsModule, () => (reachable ? passthrough() : HttpResponse.error())));
    const el = await mountChat({}, undefined, { transcript: 'lazy' });

    expect(await el.send('When does PO-7 ship?')).toBe(true);
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    await vi.waitFor(() => expect(idle(el)).toBe(true));
    await el.updateComplete;
    const answer = shadowPart(el, '[part="message assistant"]')!;
    expect(answer.querySelector<HTMLElement>('parley-markdown')!.innerText).toBe('PO-7 ships **today** [1].');
    const notice = answer.querySelector<HTMLElement>('[role="alert"]');
    expect(notice?.textContent).toContain('This part of the answer could not be loaded.');
    expect(shadowParts(el, '[role="alert"]')).toHaveLength(1);

    reachable = true;
    await userEvent.click(notice!.querySelector('button')!);
    await vi.waitFor(() => expect(shadowPart(el, '[part="message assistant"] parley-markdown strong')?.textContent).toBe('today'));
    await vi.waitFor(() => expect(shadowPart(el, '[part="message assistant"] .citations')?.textContent).toContain('Shipping plan'));
    expect(shadowPart(el, '[part="message assistant"] button.copy')).not.toBeNull();
    expect(shadowPart(el, '[part="message assistant"] [role="alert"]')).toBeNull();
    expect(requests).toBe(1);
    error.mockRestore();
  });
});
