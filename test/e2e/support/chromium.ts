import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const root = fileURLToPath(new URL('../../..', import.meta.url));
/** The script tag's folder, as a page author copies it to a static host. */
export const scriptTagDir = join(root, 'packages/widget/dist/script');
/** The file a page's `<script src>` names: it loads the element's chunks from `chunks/` beside it. */
export const bundle = join(scriptTagDir, 'parley-chat.js');

/** The paths of the chunks this build made (`/chunks/…`), from its manifest. */
export function scriptTagChunkPaths(): string[] {
  const manifest = JSON.parse(readFileSync(join(scriptTagDir, 'manifest.json'), 'utf8')) as { chunks: Record<string, unknown> };
  return Object.keys(manifest.chunks).map((file) => `/${file}`);
}

/** Every file of the script tag, loader and chunks, as one text: what scans of the shipped code read. */
export function scriptTagSource(): string {
  const chunks = join(scriptTagDir, 'chunks');
  const names = readdirSync(chunks).filter((name) => name.endsWith('.js'));
  return [readFileSync(bundle, 'utf8'), ...names.map((name) => readFileSync(join(chunks, name), 'utf8'))].join('\n');
}

/**
 * The bytes a static host would answer for `pathname` when the script-tag folder is served at
 * `/`: the loader at `/parley-chat.js`, its chunks at `/chunks/*`. Anything else is not ours.
 */
export function scriptTagFile(pathname: string): { contentType: string; content: Buffer } | undefined {
  const match = /^\/(parley-chat\.js|chunks\/[\w-]+\.js)(\.map)?$/.exec(pathname);
  if (!match) return undefined;
  try {
    return { contentType: match[2] ? 'application/json' : 'text/javascript; charset=utf-8', content: readFileSync(join(scriptTagDir, pathname)) };
  } catch {
    return undefined;
  }
}

/**
 * Answers what a static host would for the script tag (`scriptTagFile`) and for `pages` (path →
 * HTML, sent under the strict CSP). `true` when it answered; any other path is the caller's.
 */
export function serveScriptTagPage(request: IncomingMessage, response: ServerResponse, pages: Record<string, string>): boolean {
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  const script = scriptTagFile(pathname);
  if (script) {
    response.writeHead(200, { 'content-type': script.contentType });
    response.end(script.content);
    return true;
  }
  if (!Object.hasOwn(pages, pathname)) return false;
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': strictCsp });
  response.end(pages[pathname]);
  return true;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (!entry.name.includes('.test.')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  let built = 0;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    // Not built yet.
  }
  return built > Math.max(newestSource(join(root, 'packages/widget/src')), newestSource(join(root, 'packages/client/src')));
}

/**
 * `npm test` builds first (pretest); a direct vitest run rebuilds a missing or stale bundle. Test
 * files run in parallel workers: a lock keeps two of them from writing the bundle at once.
 */
export function ensureBundle(): void {
  if (isFresh()) return;
  // Checked again under the lock: another worker may have built it meanwhile.
  const stale = `[ ! -f ${JSON.stringify(bundle)} ] || [ -n "$(find packages/widget/src packages/client/src -type f ! -name '*.test.*' -newer ${JSON.stringify(bundle)} -print -quit)" ]`;
  const build = `if ${stale}; then npx rollup -c rollup.config.mjs; fi`;
  execFileSync('flock', [join(tmpdir(), 'parley-e2e-bundle.lock'), 'sh', '-c', build], { cwd: root, env: { ...process.env, PARLEY_BUILD: 'client,widget' }, stdio: 'pipe' });
}

/**
 * Debian's Chromium, headless, without the background traffic that would pollute request logs.
 * `args`: more switches (`--host-resolver-rules` for a host name of the test's own).
 */
export function launchChromium(args: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', ...args],
  });
}

/**
 * The strict policy of issue 8: nothing inline, no eval, Trusted Types enforced. A reviewer's own
 * policy replaces it with `PARLEY_STRICT_CSP="..."`.
 */
export const strictCsp = process.env.PARLEY_STRICT_CSP ?? [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types parley lit-html',
].join('; ');

/**
 * A test file's page host: a real HTTP server for `handle` on a free local port, and one Chromium;
 * both start before the file's first test (after the bundle is built) and close after its last.
 * `host`: the name its pages are opened on instead of 127.0.0.1, which this Chromium resolves to
 * 127.0.0.1. Loopback names are secure contexts even over plain HTTP; another name, such as an
 * intranet's `http://erp.corp.local`, is not (no Web Locks, no `crypto.randomUUID`).
 */
export function usePageServer(handle: RequestListener, { host }: { host?: string } = {}): { readonly origin: string; readonly browser: Browser } {
  const site = {} as { origin: string; browser: Browser; server: Server };
  beforeAll(async () => {
    ensureBundle();
    site.server = createServer(handle);
    await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
    site.origin = `http://${host ?? '127.0.0.1'}:${(site.server.address() as AddressInfo).port}`;
    site.browser = await launchChromium(host ? [`--host-resolver-rules=MAP ${host} 127.0.0.1`] : []);
  }, 300_000);
  afterAll(async () => {
    await site.browser?.close();
    await new Promise((resolve) => site.server?.close(resolve));
  });
  return site;
}
