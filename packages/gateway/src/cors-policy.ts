import type { IncomingMessage, ServerResponse } from 'node:http';

const allowedHeaders = 'authorization, content-type, accept, last-event-id, x-request-id, idempotency-key';

/**
 * CORS for the configured origins only (`*` allows any). Credentials are bearer tokens in a header,
 * never cookies, so `Access-Control-Allow-Credentials` is not sent.
 */
export class CorsPolicy {
  readonly #origins: ReadonlySet<string>;

  constructor(origins: readonly string[]) {
    this.#origins = new Set(origins.map((origin) => origin.replace(/\/$/, '')));
  }

  allows(origin: string): boolean {
    return this.#origins.has('*') || this.#origins.has(origin);
  }

  /** Adds the response headers for a cross-origin request from an allowed origin. */
  apply(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    res.setHeader('vary', 'Origin');
    if (origin && this.allows(origin)) res.setHeader('access-control-allow-origin', origin);
  }

  /** Answers a preflight (`OPTIONS` with `Access-Control-Request-Method`). Returns false when it was not one. */
  preflight(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
    const origin = req.headers.origin ?? '';
    if (!this.allows(origin)) {
      res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', vary: 'Origin' });
      res.end(JSON.stringify({ error: { code: 'cors_forbidden', type: 'cors_forbidden', message: `origin ${origin || '(none)'} is not in PARLEY_CORS_ORIGINS` } }));
      return true;
    }
    res.writeHead(204, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': req.headers['access-control-request-headers'] ?? allowedHeaders,
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    res.end();
    return true;
  }
}
