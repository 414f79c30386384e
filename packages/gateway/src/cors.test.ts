import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ corsOrigins: ['https://erp.example.com'] });
});
afterAll(() => gateway.close());

function preflight(origin: string) {
  return fetch(`${gateway.url}/api/chat`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
  });
}

describe('CORS', () => {
  it('answers a preflight from a configured origin', async () => {
    const response = await preflight('https://erp.example.com');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('https://erp.example.com');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('refuses a preflight from any other origin', async () => {
    const response = await preflight('https://evil.example.net');
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.json()).toMatchObject({ error: { code: 'cors_forbidden' } });
  });

  it('marks responses readable only by the configured origin', async () => {
    const request = (origin: string) =>
      fetch(`${gateway.url}/api/chat`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }) });
    const allowed = await request('https://erp.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://erp.example.com');
    expect(allowed.headers.get('vary')).toContain('Origin');
    await allowed.body?.cancel();
    const other = await request('https://evil.example.net');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    await other.body?.cancel();
  });

  it('allows any origin with "*"', async () => {
    const open = await startTestGateway({ corsOrigins: ['*'] });
    try {
      const response = await fetch(`${open.url}/v1/models`, { headers: { origin: 'https://anything.example' } });
      expect(response.headers.get('access-control-allow-origin')).toBe('https://anything.example');
    } finally {
      await open.close();
    }
  });
});
