import { HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ParleyErrorDetail } from '../events.js';
import { useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';
import type { ParleyChat } from '../parley-chat/parley-chat.js';

const gateway = useMockGateway();
afterEach(() => document.body.replaceChildren());

/** Sends a question and waits for the notice, with the `parley-error` the host received. */
async function failedAnswer(el: ParleyChat): Promise<{ alert: HTMLElement; detail: ParleyErrorDetail }> {
  let detail: ParleyErrorDetail | undefined;
  el.addEventListener('parley-error', (event) => (detail = event.detail));
  await el.send('What are the payment terms with ACME?');
  const alert = await vi.waitFor(() => shadowPart(el, '[role="alert"]') ?? Promise.reject(new Error('no notice yet')));
  await el.updateComplete;
  return { alert, detail: detail! };
}

// What the README's "Behaviour worth knowing" and its error tables say a person and a host see.
describe('which failures offer Retry', () => {
  it('a 401 says "You are signed out" and offers Retry', async () => {
    gateway.serve(gatewayUrl, () => HttpResponse.json({ error: { code: 'invalid_api_key', message: 'Expired token.' } }, { status: 401 }));
    const { alert, detail } = await failedAnswer(await mountChat());
    expect(detail.error.status).toBe(401);
    expect(alert.textContent).toContain('You are signed out.');
    expect(alert.querySelector('button')?.textContent).toBe('Retry');
  });

  it('an element with no endpoint reports code "configuration" and offers no Retry', async () => {
    const { alert, detail } = await failedAnswer(await mountChat({}, (el) => el.removeAttribute('endpoint')));
    expect(detail.error).toMatchObject({ code: 'configuration', message: 'createClient: options.url: must not be empty' });
    expect(alert.textContent).toContain('createClient: options.url: must not be empty');
    expect(alert.querySelector('button')).toBeNull();
  });

  it('an endpoint that is no URL (an unclosed IPv6 bracket) reports code "invalid_url" and offers no Retry', async () => {
    const { alert, detail } = await failedAnswer(await mountChat({ endpoint: 'https://[gateway/api/chat' }));
    expect(detail.error).toMatchObject({ code: 'invalid_url', message: expect.stringContaining('cannot be fetched here') });
    expect(alert.textContent).toContain('cannot be fetched here');
    expect(alert.querySelector('button')).toBeNull();
  });
});
