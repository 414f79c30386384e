import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from './create-client.js';

/**
 * WIRE-FORMATS.md §4 (last bullet): a 429 `rate_limit_error` has `retry-after`, but
 * `error.details.error_code = enforced_spend_limit_reached` must not be retried. Real HTTP.
 */
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(status: number, headers: Record<string, string>, body: string): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  server = createServer((request, response) => {
    hits++;
    request.resume();
    response.writeHead(status, headers);
    response.end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/messages`, hits: () => hits };
}

describe('anthropic: the spend limit 429', () => {
  it('is asked once and reported as not worth retrying', async () => {
    const body = JSON.stringify({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'You have reached your specified workspace API usage limits.', details: { error_code: 'enforced_spend_limit_reached' } },
      request_id: 'req_011',
    });
    const gateway = await serve(429, { 'content-type': 'application/json', 'retry-after': '1' }, body);
    const client = createClient({ url: gateway.url, protocol: 'anthropic', model: 'claude-sonnet-4-5' });
    const result = await client.stream({ messages: [{ role: 'user', content: 'Hi' }] }).result;
    expect({ requests: gateway.hits(), status: result.error?.status, retryable: result.error?.retryable }).toEqual({ requests: 1, status: 429, retryable: false });
  });
});
