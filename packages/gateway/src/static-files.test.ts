import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from './testing/start-test-gateway.js';

let gateway: TestGateway;
beforeAll(async () => {
  const root = await mkdtemp(join(tmpdir(), 'parley-static-'));
  await mkdir(join(root, 'demo', 'js'), { recursive: true });
  await mkdir(join(root, 'widget', 'chunks'), { recursive: true });
  await writeFile(join(root, 'demo', 'index.html'), '<!doctype html><title>demo</title>');
  await writeFile(join(root, 'demo', 'js', 'page.js'), 'export {};');
  await writeFile(join(root, 'widget', 'parley-chat.js'), '/* bundle */');
  await writeFile(join(root, 'widget', 'chunks', 'parley-chat-abc.js'), '/* chunk */');
  await writeFile(join(root, 'secret.txt'), 'outside');
  gateway = await startTestGateway({ demoDir: join(root, 'demo'), widgetDir: join(root, 'widget') });
});
afterAll(() => gateway.close());

/** A raw request, so the path reaches the server exactly as written (fetch would normalise it). */
function rawGet(path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  const { port } = new URL(gateway.url);
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    })
      .on('error', reject)
      .end();
  });
}

describe('demo pages and the widget bundle', () => {
  it('serves the demo page under a strict CSP, its scripts, and the script tag', async () => {
    const page = await rawGet('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("require-trusted-types-for 'script'");
    expect((await rawGet('/js/page.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await rawGet('/parley-chat.js')).body).toBe('/* bundle */');
    expect((await rawGet('/chunks/parley-chat-abc.js')).body).toBe('/* chunk */');
    expect((await rawGet('/chunks/missing.js')).status).toBe(404);
  });

  it.each(['/../secret.txt', '/..%2fsecret.txt', '/js/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/js%00.js'])('never serves a file outside its folder: %s', async (path) => {
    const response = await rawGet(path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('outside');
  });
});
