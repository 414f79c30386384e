import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson } from './testing/read-sse.js';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ maxBodyBytes: 4096 });
});
afterAll(() => gateway.close());

async function rejection(path: string, body: string) {
  const response = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: response.status, body: (await response.json()) as { error: { code: string; message: string } } };
}

describe('request validation', () => {
  it.each([
    ['/api/chat', { messages: [{ role: 'robot', content: 'hi' }] }, 'messages.0.role'],
    ['/api/chat', { messages: [{ role: 'user' }] }, 'messages.0.content'],
    ['/api/chat', { messages: [] }, 'messages: at least one message is required'],
    ['/api/chat', { prompt: 'hi' }, 'messages'],
    ['/api/chat', { messages: [{ role: 'user', content: 'hi' }], tools: [{ name: '', parameters: {} }] }, 'tools.0.name'],
    ['/api/chat', { messages: [{ role: 'user', content: 'hi' }], context: 'PO-1' }, 'context'],
    ['/v1/chat/completions', { messages: [{ role: 'user', content: 42 }] }, 'messages.0.content'],
    ['/v1/chat/completions', { messages: [{ role: 'user', content: 'hi' }], tools: [{ type: 'function', function: {} }] }, 'tools.0.function.name'],
    ['/v1/chat/completions', { messages: [{ role: 'user', content: 'hi' }], stream: 'yes' }, 'stream'],
  ])('%s %j → 400 naming %s', async (path, body, field) => {
    const { status, body: error } = await rejection(path, JSON.stringify(body));
    expect(status).toBe(400);
    expect(error.error.code).toBe('invalid_request');
    expect(error.error.message.startsWith(field)).toBe(true);
  });

  it('rejects a body that is not JSON, or empty, with a clear message', async () => {
    expect(await rejection('/api/chat', '{"messages": [')).toMatchObject({ status: 400, body: { error: { message: expect.stringMatching(/^body: not valid JSON/) } } });
    expect(await rejection('/v1/chat/completions', '')).toMatchObject({ status: 400, body: { error: { message: 'body: expected a JSON object, got an empty body' } } });
  });

  it('refuses bodies over the size limit with 413', async () => {
    const big = JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(10_000) }] });
    expect(await rejection('/api/chat', big)).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
  });

  it('answers the wrong method with 405 and Allow', async () => {
    const response = await fetch(`${gateway.url}/api/chat`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('accepts extra fields a client adds', async () => {
    const response = await postJson(`${gateway.url}/api/chat`, { messages: [{ role: 'user', content: 'hi', id: 'm1' }], stream: true, temperature: 0.3, metadata: { a: 1 } });
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });
});
