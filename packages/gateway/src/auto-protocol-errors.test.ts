import { createClient, type ChatEvent } from '@parley/client';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';

/**
 * (WIRE-FORMATS.md §4/§5 error shapes vs the native protocol): `protocol: 'auto'` (the
 * default) must read the reference gateway's own error events as it reads them with
 * `protocol: 'parley'`. Real HTTP: the reference gateway on a loopback port.
 */
let gateway: TestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

const ask = (url: string, protocol: 'auto' | 'parley') =>
  createClient({ url: `${url}/api/chat`, protocol, retry: false }).stream({ messages: [{ role: 'user', content: 'Payment terms?' }] }).result;

describe('auto against the reference gateway when the model fails before any text', () => {
  it('keeps the error code, status and retryable of an upstream error passed on after `start`', async () => {
    // What upstream-model.ts yields when its upstream answers 429: its own `start`, then the error.
    gateway = await startTestGateway({
      model: async function* (): AsyncGenerator<ChatEvent> {
        yield { type: 'start', model: 'qwen-test' };
        yield { type: 'error', error: { code: 'rate_limit_exceeded', message: 'Upstream is busy', retryable: true, status: 429, retryAfterMs: 20_000 } };
      },
    });
    const named = await ask(gateway.url, 'parley');
    expect(named.error).toEqual({ code: 'rate_limit_exceeded', message: 'Upstream is busy', retryable: true, status: 429, retryAfterMs: 20_000 });
    const auto = await ask(gateway.url, 'auto');
    expect(auto.error).toEqual(named.error);
  });

  it("keeps the gateway's model_error code when the model throws at once", async () => {
    gateway = await startTestGateway({
      model: async function* (): AsyncGenerator<ChatEvent> {
        throw new Error('upstream quota exhausted');
      },
    });
    const named = await ask(gateway.url, 'parley');
    expect(named.error).toMatchObject({ code: 'model_error', message: 'upstream quota exhausted' });
    const auto = await ask(gateway.url, 'auto');
    expect(auto.error).toEqual(named.error);
  });
});
