import { afterAll, describe, expect, it } from 'vitest';
import { faults, useFaultGateway } from './support/fault-gateway.js';
import { startImageHost, type ImageHost } from './support/image-host.js';
import { openPage } from './support/open-page.js';

/**
 * Issue 8, credentials: a token from `headers()` is sent to the endpoint and nowhere else; it is
 * never written to storage (session, local, IndexedDB), never put in a URL, never logged, even
 * across a 401 refresh, an error and a reload.
 */
let imageHost: ImageHost;

const site = useFaultGateway(async (gateway) => {
  imageHost = await startImageHost('localhost');
  gateway.page('/', {
    body: `<parley-chat endpoint="/api/chat" protocol="parley" persist="local" image-hosts="${imageHost.host}"></parley-chat>
<parley-chat endpoint="/api/chat?lane=second" protocol="parley"></parley-chat>`,
  });
});
afterAll(() => imageHost?.close());

/** Everything the page keeps: both storages and every IndexedDB record, as text. */
function dumpStorage(): Promise<string> {
  const idb = async () => {
    const out: unknown[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(info.name!);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        out.push({ db: info.name, store, all });
      }
      db.close();
    }
    return out;
  };
  return idb().then((indexed) => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, indexed }));
}

describe('a headers() token', { timeout: 30_000 }, () => {
  it('goes only to the endpoint, never into storage, URLs or the console', async () => {
    const { page, errors, console } = await openPage(site.browser, `${site.gateway.origin}/`);
    const outgoing: Array<{ url: string; headers: Record<string, string> }> = [];
    page.on('request', (request) => outgoing.push({ url: request.url(), headers: request.headers() }));
    await page.evaluate(() => {
      let issued = 0;
      for (const el of Array.from(document.querySelectorAll('parley-chat'))) {
        (el as HTMLElement & { headers: unknown }).headers = async () => ({ authorization: `Bearer SECRET-TOKEN-${++issued}` });
      }
    });
    const isToken = (text: string) => text.includes('SECRET-TOKEN');

    // An expired token (401) is refreshed once; the answer links to and shows an image from another origin.
    site.gateway.script(
      '',
      faults.unauthorized(),
      faults.answer(`Here: ![chart](${imageHost.origin}/chart.png) and [the record](${imageHost.origin}/record?id=1).\n\n`, 'Done.'),
    );
    const input = page.locator('parley-chat').first().locator('[part~="input"]');
    await input.fill('Show my chart');
    await input.press('Enter');
    const answer = page.locator('parley-chat').first().locator('[part~="message"][part~="assistant"]');
    await answer.getByText('Done.').waitFor();
    await expect.poll(() => imageHost.hits.length).toBe(1);

    // A failure too: error paths must not log the token.
    site.gateway.script('second', faults.unavailable(), faults.unavailable(), faults.unavailable());
    const second = page.locator('parley-chat').nth(1);
    await second.locator('[part~="input"]').fill('Hello?');
    await second.locator('[part~="input"]').press('Enter');
    await second.locator('[role="alert"]').waitFor();

    const chats = site.gateway.chatRequests();
    expect(chats.map((request) => request.headers.authorization)).toEqual([
      'Bearer SECRET-TOKEN-1',
      'Bearer SECRET-TOKEN-2',
      'Bearer SECRET-TOKEN-3',
      'Bearer SECRET-TOKEN-4',
      'Bearer SECRET-TOKEN-5',
    ]);
    const leaked = outgoing.filter((request) => !request.url.startsWith(`${site.gateway.origin}/api/chat`) && Object.values(request.headers).some(isToken));
    expect(leaked).toEqual([]);
    expect(outgoing.filter((request) => isToken(decodeURIComponent(request.url)))).toEqual([]);
    expect(imageHost.hits.filter((hit) => Object.values(hit.headers).some((value) => isToken(String(value))))).toEqual([]);
    expect(site.gateway.requests.filter((request) => !request.url.startsWith('/api/chat') && Object.values(request.headers).some((value) => isToken(String(value))))).toEqual([]);
    expect(chats.filter((request) => isToken(request.body))).toEqual([]);

    expect(isToken(await page.evaluate(dumpStorage))).toBe(false);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(console.filter(isToken)).toEqual([]);
    expect(errors).toEqual([]);

    // After a reload (history restored from storage) the token is still nowhere.
    await page.reload();
    await page.waitForFunction(() => customElements.get('parley-chat') !== undefined);
    await answer.getByText('Done.').waitFor();
    expect(isToken(await page.evaluate(dumpStorage))).toBe(false);
    expect(isToken(page.url())).toBe(false);
    await page.context().close();
  });
});
