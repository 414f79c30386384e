import type { ChatEvent } from '@parley/client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatModel } from './chat-model.js';
import { postJson } from './testing/read-sse.js';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';

let gateway: TestGateway | undefined;
afterEach(() => gateway?.close());

/** A model that sends one delta, then waits until its signal aborts, and records that it did. */
function waitingModel() {
  let resolveAborted: (reason: unknown) => void = () => {};
  const aborted = new Promise<unknown>((resolve) => (resolveAborted = resolve));
  const model: ChatModel = async function* (_request, signal) {
    yield { type: 'start' } satisfies ChatEvent;
    yield { type: 'text-delta', delta: 'Thinking about it' } satisfies ChatEvent;
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    resolveAborted(signal.reason);
    // Whatever a careless model yields after the abort never reaches the wire.
    yield { type: 'text-delta', delta: 'too late' } satisfies ChatEvent;
  };
  return { model, aborted };
}

describe('client disconnect', () => {
  it.each(['/api/chat', '/v1/chat/completions'])('aborts the model when the client goes away mid-answer (%s)', async (path) => {
    const { model, aborted } = waitingModel();
    const aborts: string[] = [];
    // No grace: the model stops at once (with a grace, /api/chat waits for the client to resume; resume.test.ts).
    gateway = await startTestGateway({ model, resumeGraceMs: 0, onAbort: (info) => aborts.push(info.path) });
    const response = await postJson(`${gateway.url}${path}`, { stream: true, messages: [{ role: 'user', content: 'hi' }] });
    const reader = response.body!.getReader();
    let seen = '';
    while (!seen.includes('Thinking about it')) seen += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const reason = await aborted;
    expect(reason).toBeInstanceOf(Error);
    expect((reason as Error).message).toBe('client disconnected');
    expect(aborts).toEqual([path]);
  });

  it('stops the demo model between chunks (no work continues for a gone client)', async () => {
    const aborts: string[] = [];
    // A whole answer takes seconds at this pace, so the client leaves long before the end.
    gateway = await startTestGateway({ delayMs: 50, resumeGraceMs: 0, onAbort: (info) => aborts.push(info.path) });
    const response = await postJson(`${gateway.url}/api/chat`, { messages: [{ role: 'user', content: 'What are the payment terms with ACME?' }] });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await expect.poll(() => aborts).toEqual(['/api/chat']);
  });

  it('does not report an abort for an answer that finished', async () => {
    const aborts: string[] = [];
    gateway = await startTestGateway({ onAbort: (info) => aborts.push(info.path) });
    const response = await postJson(`${gateway.url}/api/chat`, { messages: [{ role: 'user', content: 'hi' }] });
    expect(await response.text()).toContain('"finish"');
    expect(aborts).toEqual([]);
  });

  it('writes an access log line per request, marking answers the client left', async () => {
    const lines: string[] = [];
    const { model } = waitingModel();
    gateway = await startTestGateway({ model, log: (line) => lines.push(line) });
    const response = await postJson(`${gateway.url}/api/chat`, { messages: [{ role: 'user', content: 'hi' }] }, { authorization: 'Bearer not-logged' });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await fetch(`${gateway.url}/healthz`);
    await expect.poll(() => lines.length).toBe(2);
    expect(lines.find((line) => line.startsWith('POST /api/chat 200'))).toMatch(/ms \(client left\)$/);
    expect(lines.find((line) => line.startsWith('GET /healthz 200'))).toMatch(/^GET \/healthz 200 \d+ms$/);
    expect(lines.join('\n')).not.toContain('not-logged');
  });
});
