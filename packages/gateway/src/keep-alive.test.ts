import type { ChatEvent } from '@parley/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatModel } from './chat-model.js';
import { keepAliveMs } from './sse-response.js';
import { postJson } from './testing/read-sse.js';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';

let gateway: TestGateway | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await gateway?.close();
});

describe('keep-alive', () => {
  it('sends a ": keep-alive" comment while a model is silent, so proxies and idle timeouts see life', async () => {
    // Only the interval is faked: the clock is moved by the test, not waited for.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let release: () => void = () => {};
    const model: ChatModel = async function* () {
      yield { type: 'start' } satisfies ChatEvent;
      await new Promise<void>((resolve) => (release = resolve));
      yield { type: 'finish', reason: 'stop' } satisfies ChatEvent;
    };
    gateway = await startTestGateway({ model });
    const response = await postJson(`${gateway.url}/api/chat`, { messages: [{ role: 'user', content: 'think hard' }] });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let seen = decoder.decode((await reader.read()).value);
    expect(seen).toContain('"start"');
    vi.advanceTimersByTime(keepAliveMs);
    while (!seen.includes(': keep-alive')) seen += decoder.decode((await reader.read()).value);
    release();
    while (!seen.includes('"finish"')) seen += decoder.decode((await reader.read()).value);
    expect(seen.indexOf(': keep-alive')).toBeLessThan(seen.indexOf('"finish"'));
  });
});
