import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

describe('GET /docs/<id> (where citations point)', () => {
  it('serves a cited document as escaped HTML with the cited section anchored', async () => {
    const response = await fetch(`${gateway.url}/docs/acme-supply-agreement`);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<section id="section-4"><h2>4. Payment Terms</h2>');
    expect(html).toContain('Payment is due Net 45');
    // Quotes in the document are escaped text, never markup.
    expect(html).toContain('(&#34;Buyer&#34;)');
    expect(html).not.toContain('("Buyer")');
  });

  it('serves JSON sections to scripts (the demo opens documents in the page this way)', async () => {
    const response = await fetch(`${gateway.url}/docs/travel-policy`, { headers: { accept: 'application/json' } });
    const doc = (await response.json()) as { title: string; restricted: boolean; sections: { id: string; heading: string }[] };
    expect(doc.title).toBe('差旅管理办法（2025年修订）');
    expect(doc.restricted).toBe(false);
    expect(doc.sections.map((section) => section.heading)).toContain('第三章 住宿标准');
  });

  it('answers 404 for a restricted document to anonymous users, exactly as for a missing one', async () => {
    const restricted = await fetch(`${gateway.url}/docs/supplier-negotiation-2026`);
    const missing = await fetch(`${gateway.url}/docs/no-such-document`);
    expect(restricted.status).toBe(404);
    expect(missing.status).toBe(404);
    expect((await restricted.json()) as unknown).toEqual({ error: { code: 'not_found', type: 'not_found', message: 'no document "supplier-negotiation-2026"' } });
  });
});
