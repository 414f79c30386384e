import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDemoToken } from './demo-users.js';
import { citedDocuments, nativeEvents, reasoningOf, textOf } from './testing/native-events.js';
import { postJson } from './testing/read-sse.js';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';

const secret = 'test-secret-that-is-at-least-32-characters-long';
const question = { messages: [{ role: 'user', content: 'What is our negotiation strategy with ACME?' }] };

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({ jwtSecret: secret, demoTokens: true });
});
afterAll(() => gateway.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function status(headers: Record<string, string>) {
  const response = await postJson(`${gateway.url}/api/chat`, question, headers);
  const body = response.status === 200 ? await response.body?.cancel() : await response.json();
  return { status: response.status, body };
}

describe('JWT verification (PARLEY_JWT_SECRET)', () => {
  it('accepts a valid token', async () => {
    const { token } = await mintDemoToken(secret, 'alice');
    expect((await status(bearer(token))).status).toBe(200);
  });

  it('rejects a missing, expired, forged or unsigned token with 401 JSON', async () => {
    expect(await status({})).toEqual({ status: 401, body: { error: { code: 'unauthorized', type: 'unauthorized', message: 'missing bearer token' } } });
    const expired = await mintDemoToken(secret, 'alice', { now: Date.now() - 3_600_000 });
    expect(await status(bearer(expired.token))).toMatchObject({ status: 401, body: { error: { message: 'token expired' } } });
    const forged = await mintDemoToken('another-secret-that-is-at-least-32-characters', 'alice');
    expect(await status(bearer(forged.token))).toMatchObject({ status: 401, body: { error: { message: 'token signature is invalid' } } });
    const payload = (await mintDemoToken(secret, 'alice')).token.split('.')[1];
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    expect((await status(bearer(unsigned))).status).toBe(401);
    expect(await status({ authorization: 'Basic YWxpY2U6cGFzcw==' })).toMatchObject({ status: 401 });
  });

  it('rejects a token without a subject', async () => {
    const token = await new SignJWT({ roles: ['procurement-manager'] }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(new TextEncoder().encode(secret));
    expect(await status(bearer(token))).toMatchObject({ status: 401, body: { error: { message: expect.stringContaining('sub') } } });
  });

  it('cites a restricted document only to a user with the role', async () => {
    const alice = await mintDemoToken(secret, 'alice');
    const bob = await mintDemoToken(secret, 'bob');
    const forAlice = await nativeEvents(gateway.url, question, bearer(alice.token));
    expect(citedDocuments(forAlice)).toContain('supplier-negotiation-2026');
    const forBob = await nativeEvents(gateway.url, question, bearer(bob.token));
    expect(citedDocuments(forBob)).not.toContain('supplier-negotiation-2026');
    // Not even the title or the walk-away price leaks through the answer or the reasoning trace.
    for (const text of [textOf(forBob), reasoningOf(forBob)]) {
      expect(text).not.toContain('Renegotiation');
      expect(text).not.toContain('1,120');
    }
  });

  it('serves a restricted document only to a user with the role', async () => {
    const url = `${gateway.url}/docs/supplier-negotiation-2026`;
    const alice = await mintDemoToken(secret, 'alice');
    const bob = await mintDemoToken(secret, 'bob');
    const allowed = await fetch(url, { headers: { ...bearer(alice.token), accept: 'application/json' } });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ id: 'supplier-negotiation-2026', restricted: true });
    const denied = await fetch(url, { headers: bearer(bob.token) });
    expect(denied.status).toBe(404);
  });

  it('lets only procurement staff raise purchase orders', async () => {
    const tools = [{ name: 'create_purchase_order', parameters: { type: 'object', properties: {} } }];
    const body = { messages: [{ role: 'user', content: 'Order 10 laptops from ACME' }], tools };
    const bob = await mintDemoToken(secret, 'bob');
    const forBob = await nativeEvents(gateway.url, body, bearer(bob.token));
    expect(forBob.some((event) => event.type === 'tool-call')).toBe(false);
    expect(textOf(forBob)).toContain('Bob Wang, your role does not allow creating purchase orders');
    expect(citedDocuments(forBob)).toEqual(['procurement-policy']);
    const alice = await mintDemoToken(secret, 'alice');
    const forAlice = await nativeEvents(gateway.url, body, bearer(alice.token));
    expect(forAlice.some((event) => event.type === 'tool-call')).toBe(true);
  });
});

describe('POST /demo/token', () => {
  it('mints a five-minute token for a demo user', async () => {
    const response = await postJson(`${gateway.url}/demo/token`, { user: 'bob' });
    const body = (await response.json()) as { token: string; expiresAt: number; user: { id: string; roles: string[] } };
    expect(body.user).toMatchObject({ id: 'bob', name: 'Bob Wang', roles: ['employee', 'warehouse'] });
    expect(body.expiresAt - Date.now()).toBeGreaterThan(290_000);
    expect(body.expiresAt - Date.now()).toBeLessThanOrEqual(300_000);
    expect((await status(bearer(body.token))).status).toBe(200);
  });

  it('names the bad field for an unknown user', async () => {
    const response = await postJson(`${gateway.url}/demo/token`, { user: 'mallory' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(/^user: /);
  });

  it('does not exist unless turned on', async () => {
    const plain = await startTestGateway({ jwtSecret: secret });
    try {
      expect((await postJson(`${plain.url}/demo/token`, { user: 'alice' })).status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

describe('static API key (PARLEY_API_KEY)', () => {
  it('requires the key and accepts it', async () => {
    const keyed = await startTestGateway({ apiKey: 'sk-parley-test-key' });
    try {
      expect((await fetch(`${keyed.url}/v1/models`)).status).toBe(401);
      expect((await fetch(`${keyed.url}/v1/models`, { headers: bearer('wrong-key-123') })).status).toBe(401);
      expect((await fetch(`${keyed.url}/v1/models`, { headers: bearer('sk-parley-test-key') })).status).toBe(200);
      expect((await fetch(`${keyed.url}/healthz`)).status).toBe(200);
    } finally {
      await keyed.close();
    }
  });
});
