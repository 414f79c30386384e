import { afterEach, expect, it, vi } from 'vitest';
import { createClient } from './create-client.js';

// No msw here: Node's own fetch, which cannot resolve a relative URL (there is no page).
afterEach(() => vi.restoreAllMocks());

it('a relative endpoint in Node fails at once with what to change, not as a network error retried', async () => {
  const fetch = vi.spyOn(globalThis, 'fetch');
  const { error } = await createClient({ url: '/v1/chat/completions', protocol: 'openai' }).stream({ messages: [{ role: 'user', content: 'Terms with ACME?' }] }).result;
  expect(error).toMatchObject({ code: 'invalid_url', retryable: false, message: expect.stringContaining('"/v1/chat/completions" cannot be fetched here: give the full URL') });
  expect(fetch).toHaveBeenCalledTimes(1);
});
