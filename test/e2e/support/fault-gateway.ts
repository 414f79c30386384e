import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { ensureBundle, launchChromium, scriptTagFile } from './chromium.js';

/**
 * A native-protocol gateway (SSE, one ChatEvent per `data:` line) that misbehaves on cue, and the
 * static server of the test pages on the same origin. Each chat request takes the next fault of
 * its lane (the endpoint's `lane` query parameter, so two widgets on one page can differ); an
 * empty lane answers normally. Every request is recorded so a test can count them and look at
 * what was sent where.
 */
export type Fault =
  /** A normal answer: `events` as given, or `start`, one `text-delta` per chunk, `finish`. */
  | { type: 'answer'; chunks?: string[]; events?: object[] }
  /**
   * Some text, then the connection is cut (no `finish`) when the test calls `cut()`: cutting right
   * after the last write would let the browser discard bytes it had not yet handed to the page,
   * which is not "what arrived".
   */
  | { type: 'drop'; chunks: string[] }
  /** A non-2xx answer (429 with Retry-After, 503, 401, a proxy's HTML 502 page). */
  | { type: 'status'; status: number; body: string; contentType?: string; headers?: Record<string, string> }
  /** Some text, then silence with the connection open until the client leaves. */
  | { type: 'stall'; chunks: string[] }
  /** Some text, then a frame that is not JSON. */
  | { type: 'malformed'; chunks: string[] }
  /** One `text-delta` event of `size` characters. */
  | { type: 'huge'; size: number }
  /** Model output streamed one chunk per `step()` (or POST `/__step` from the page), so a test can look between chunks. */
  | { type: 'hostile'; chunks: string[] };

export const faults = {
  answer: (...chunks: string[]): Fault => ({ type: 'answer', chunks }),
  events: (...events: object[]): Fault => ({ type: 'answer', events }),
  dropped: (...chunks: string[]): Fault => ({ type: 'drop', chunks }),
  rateLimited: (retryAfterSeconds: number): Fault => ({
    type: 'status',
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: JSON.stringify({ error: { code: 'rate_limit_exceeded', message: 'Too many requests' } }),
  }),
  unavailable: (): Fault => ({ type: 'status', status: 503, body: JSON.stringify({ error: { code: 'overloaded', message: 'Try later' } }) }),
  unauthorized: (): Fault => ({ type: 'status', status: 401, body: JSON.stringify({ error: { code: 'invalid_token', message: 'Token expired' } }) }),
  proxyErrorPage: (): Fault => ({
    type: 'status',
    status: 502,
    contentType: 'text/html; charset=utf-8',
    body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
  }),
  stalled: (...chunks: string[]): Fault => ({ type: 'stall', chunks }),
  malformed: (...chunks: string[]): Fault => ({ type: 'malformed', chunks }),
  hugeEvent: (size = 5 * 1024 * 1024): Fault => ({ type: 'huge', size }),
  hostile: (chunks: string[]): Fault => ({ type: 'hostile', chunks }),
};

export interface RecordedRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** When it arrived (epoch ms). */
  at: number;
  /** The fault a chat request was answered with. */
  fault?: Fault['type'];
  /** The client went away before the response ended. */
  disconnected: boolean;
}

export interface TestPage {
  /** Markup inside `<body>`; the script tag is added. */
  body: string;
  csp?: string;
  lang?: string;
  /** Extra same-origin scripts loaded after the bundle. */
  scripts?: string[];
}

export interface FaultGateway {
  origin: string;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** Requests to the chat endpoint (any lane). */
  chatRequests(): RecordedRequest[];
  /** Queues faults for the next chat requests of a lane ('' is `/api/chat` without `lane`). */
  script(lane: string, ...faults: Fault[]): void;
  /** Serves an HTML page at `path`. */
  page(path: string, page: TestPage): void;
  /** Serves a static file at `path`. */
  file(path: string, contentType: string, content: string | Buffer): void;
  /** Writes the next chunk of the current hostile stream; resolves once written. */
  step(): Promise<{ done: boolean }>;
  /** Cuts the connection of every `drop` response that is waiting. */
  cut(): void;
  /** Forgets requests and queued faults (between tests). */
  reset(): void;
  close(): Promise<void>;
}

const sse = (event: object) => `data: ${JSON.stringify(event)}\n\n`;
const textEvents = (chunks: string[]) => chunks.map((delta) => ({ type: 'text-delta', delta }));

function renderPage(page: TestPage): string {
  const scripts = ['/parley-chat.js', ...(page.scripts ?? [])].map((src) => `<script src="${src}"></script>`).join('');
  return `<!doctype html>
<html lang="${page.lang ?? 'en'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>ERP</title>${scripts}</head>
<body>
<main>${page.body}</main>
</body>
</html>`;
}

export async function startFaultGateway(): Promise<FaultGateway> {
  const requests: RecordedRequest[] = [];
  const queues = new Map<string, Fault[]>();
  const pages = new Map<string, TestPage>();
  // Pages' own files; the script tag's folder is served beside them.
  const files = new Map<string, { contentType: string; content: string | Buffer }>();
  const open = new Set<ServerResponse>();
  const toCut = new Set<ServerResponse>();
  let hostile: { response: ServerResponse; chunks: string[]; next: number } | undefined;
  let hostileArrived: (() => void) | undefined;

  const waitForHostile = () =>
    hostile ? Promise.resolve() : new Promise<void>((resolve) => (hostileArrived = resolve));

  async function step(): Promise<{ done: boolean }> {
    await waitForHostile();
    const stream = hostile!;
    const chunk = stream.chunks[stream.next++];
    if (chunk !== undefined) await write(stream.response, sse({ type: 'text-delta', delta: chunk }));
    if (stream.next < stream.chunks.length) return { done: false };
    hostile = undefined;
    await write(stream.response, sse({ type: 'finish', reason: 'stop' }));
    stream.response.end();
    return { done: true };
  }

  function write(response: ServerResponse, text: string): Promise<void> {
    return new Promise((resolve) => {
      if (response.destroyed) return resolve();
      response.write(text, () => resolve());
    });
  }

  async function answerChat(response: ServerResponse, fault: Fault): Promise<void> {
    if (fault.type === 'status') {
      response.writeHead(fault.status, { 'content-type': fault.contentType ?? 'application/json', ...fault.headers });
      response.end(fault.body);
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
    if (fault.type === 'hostile') {
      await write(response, sse({ type: 'start' }));
      hostile = { response, chunks: fault.chunks, next: 0 };
      hostileArrived?.();
      hostileArrived = undefined;
      return;
    }
    const finished = [{ type: 'finish', reason: 'stop' }];
    const events: object[] =
      fault.type === 'answer'
        ? (fault.events ?? [{ type: 'start' }, ...textEvents(fault.chunks ?? []), ...finished])
        : fault.type === 'huge'
          ? [{ type: 'start' }, { type: 'text-delta', delta: 'x'.repeat(fault.size) }, ...finished]
          : [{ type: 'start' }, ...textEvents(fault.chunks)];
    // One event per write, so the browser really receives the answer in pieces.
    for (const event of events) await write(response, sse(event));
    switch (fault.type) {
      case 'drop':
        toCut.add(response);
        return;
      case 'malformed':
        await write(response, 'data: {"type":"text-delta","delta":"unterminated\n\n');
        response.end();
        return;
      case 'stall':
        return; // Open until the client leaves.
      default:
        response.end();
    }
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const recorded: RecordedRequest = {
        method: request.method ?? 'GET',
        url: url.pathname + url.search,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
        disconnected: false,
      };
      requests.push(recorded);
      open.add(response);
      response.on('close', () => {
        open.delete(response);
        if (!response.writableEnded) recorded.disconnected = true;
      });
      if (url.pathname === '/api/chat' && request.method === 'POST') {
        const lane = url.searchParams.get('lane') ?? '';
        const fault = queues.get(lane)?.shift() ?? faults.answer('Hello ', 'from the ', 'gateway.');
        recorded.fault = fault.type;
        void answerChat(response, fault);
      } else if (url.pathname === '/__step' && request.method === 'POST') {
        void step().then((result) => {
          response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          response.end(JSON.stringify(result));
        });
      } else if (files.has(url.pathname) || scriptTagFile(url.pathname)) {
        const file = files.get(url.pathname) ?? scriptTagFile(url.pathname)!;
        response.writeHead(200, { 'content-type': file.contentType });
        response.end(file.content);
      } else if (pages.has(url.pathname)) {
        const page = pages.get(url.pathname)!;
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...(page.csp ? { 'content-security-policy': page.csp } : {}) });
        response.end(renderPage(page));
      } else if (url.pathname === '/favicon.ico') {
        response.writeHead(204).end();
      } else {
        response.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    requests,
    chatRequests: () => requests.filter((request) => request.url.startsWith('/api/chat')),
    script(lane, ...list) {
      queues.set(lane, [...(queues.get(lane) ?? []), ...list]);
    },
    page(path, page) {
      pages.set(path, page);
    },
    file(path, contentType, content) {
      files.set(path, { contentType, content });
    },
    step,
    cut() {
      for (const response of toCut) response.socket?.destroy();
      toCut.clear();
    },
    reset() {
      toCut.clear();
      requests.length = 0;
      queues.clear();
      hostile = undefined;
    },
    async close() {
      for (const response of open) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * A test file's fault gateway and one Chromium: both start before the file's first test (after the
 * bundle is built and `setup` has registered the pages) and close after its last. With
 * `{ reset: true }` each test starts with no recorded requests and no queued faults.
 */
export function useFaultGateway(
  setup?: (gateway: FaultGateway) => void | Promise<void>,
  options: { reset?: boolean } = {},
): { readonly gateway: FaultGateway; readonly browser: Browser } {
  const site = {} as { gateway: FaultGateway; browser: Browser };
  beforeAll(async () => {
    ensureBundle();
    site.gateway = await startFaultGateway();
    await setup?.(site.gateway);
    site.browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await site.browser?.close();
    await site.gateway?.close();
  });
  if (options.reset) beforeEach(() => site.gateway.reset());
  return site;
}
