import type { ChatError } from './chat-event.js';
import { httpError } from './gateway-error.js';
import type { RetryPolicy } from './retry-policy.js';
import { backoffMs, isRetryableStatus, maxRetryAfterMs, retryAfterMs, sleep } from './retry-timing.js';
import type { Timers } from './timers.js';

/** Header names to values; names are matched case-insensitively when merged. */
export type HeaderRecord = Record<string, string>;
/** What a `headers()` function is told about the request it is called for. */
export interface HeadersRequest {
  /**
   * True on the one retry after a 401: the gateway refused the last headers, so a cached token
   * must not be returned again (it may have been revoked or signed with a key that changed).
   */
  refresh: boolean;
}
/** Headers as an object, or a function called before every request (so SSO tokens stay fresh). */
export type HeadersOption = HeaderRecord | ((request: HeadersRequest) => HeaderRecord | Promise<HeaderRecord>);

export interface FetchWithRetryOptions {
  fetch: typeof globalThis.fetch;
  url: string;
  body: string;
  /** Headers the adapter and the client set; `headers` (the option) is merged over them. */
  baseHeaders: HeaderRecord;
  headers: HeadersOption | undefined;
  policy: RetryPolicy;
  timers: Timers;
  signal: AbortSignal;
  /** Told when a request goes out and when a wait between tries begins (the idle timeout runs only in between). */
  onRequest?: () => void;
  onWait?: () => void;
  /** Told before a wait that ends in another try: how long, and what it answers. */
  onRetry?: (waitMs: number, error: ChatError) => void;
}

export type FetchOutcome = { response: Response; error?: undefined } | { error: ChatError; response?: undefined };

/** Error bodies are read only this far: a proxy's HTML page can be large, the code is near the top. */
const maxErrorBodyChars = 64 * 1024;

const abortError: ChatError = { code: 'abort', message: 'The request was aborted.', retryable: false };

/**
 * POSTs until the gateway answers with a 2xx, retrying network failures and retryable statuses
 * with backoff (or the server's `retry-after`), and refreshing headers once on a 401. It returns
 * as soon as a 2xx arrives: nothing of the body is read, so nothing after content is ever re-sent.
 */
export async function fetchWithRetry(options: FetchWithRetryOptions): Promise<FetchOutcome> {
  const { policy, timers, signal } = options;
  let refreshed = false;
  // The headers asked for with `refresh` after a 401, for the one retry.
  let renewed: HeaderRecord | undefined;
  let tries = 0;
  for (;;) {
    if (signal.aborted) return { error: abortError };
    tries++;
    let headers = renewed;
    renewed = undefined;
    if (!headers) {
      const asked = await askHeaders(options, false);
      if ('error' in asked) return asked;
      headers = asked.headers;
    }
    let response: Response;
    try {
      // Called unbound: a browser's fetch throws "Illegal invocation" when called as a method of another object.
      const fetch = options.fetch;
      options.onRequest?.();
      response = await fetch(options.url, { method: 'POST', headers, body: options.body, signal });
    } catch (cause) {
      if (signal.aborted) return { error: abortError };
      try {
        // A relative endpoint with nothing to resolve it against (Node): every try fails alike. A
        // page resolves against its base URL (a srcdoc frame's is its parent's), a worker its location.
        new URL(options.url, globalThis.document?.baseURI ?? globalThis.location?.href);
      } catch {
        return {
          error: {
            code: 'invalid_url',
            message: `The endpoint "${options.url}" cannot be fetched here: give the full URL (https://gateway.example.com/v1/chat/completions). A relative one needs a page to resolve it against.`,
            retryable: false,
          },
        };
      }
      const error: ChatError = { code: 'network', message: `The gateway could not be reached: ${describe(cause)}`, retryable: true };
      options.onWait?.();
      if (tries < policy.attempts && (await retryAfterWait(options, backoffMs(policy, tries, timers.random()), error))) continue;
      return { error };
    }
    if (response.ok) return { response };

    // A 401 with a headers function: the token may just have expired. Ask once more, and retry
    // once if that gives other headers (the same ones would be refused again).
    if (response.status === 401 && typeof options.headers === 'function' && !refreshed) {
      refreshed = true;
      options.onWait?.();
      const asked = await askHeaders(options, true);
      if ('error' in asked) {
        discard(response);
        return asked;
      }
      if (JSON.stringify(asked.headers) !== JSON.stringify(headers)) {
        renewed = asked.headers;
        tries--;
        discard(response);
        continue;
      }
    }
    const wait = retryAfterMs(response.headers, timers.now());
    const text = await readBounded(response);
    const error = httpError(response.status, response.headers.get('content-type') ?? '', text, wait, response.url || options.url);
    if (signal.aborted) return { error: abortError };
    // Anthropic's spend limit is a 429 rate_limit_error that no wait lifts (WIRE-FORMATS.md §4).
    // Otherwise OpenAI's gateways say outright whether a retry can help; that beats the status table.
    const spendLimit = text.includes('"enforced_spend_limit_reached"');
    const shouldRetry = response.headers.get('x-should-retry');
    const worthRetrying = spendLimit ? false : shouldRetry === 'true' ? true : shouldRetry === 'false' ? false : isRetryableStatus(response.status);
    if (spendLimit || shouldRetry === 'true' || shouldRetry === 'false') error.retryable = worthRetrying;
    const retryable = worthRetrying && tries < policy.attempts && (wait === undefined || wait <= maxRetryAfterMs);
    if (!retryable) return { error };
    options.onWait?.();
    if (!(await retryAfterWait(options, wait ?? backoffMs(policy, tries, timers.random()), error))) return { error: abortError };
  }
}

/** Waits `ms` before the next try, having said so; false if aborted meanwhile. */
function retryAfterWait(options: FetchWithRetryOptions, ms: number, error: ChatError): Promise<boolean> {
  options.onRetry?.(ms, error);
  return sleep(options.timers, ms, options.signal);
}

/**
 * The headers of one request: the base ones with the option's over them. A headers function is
 * called (`refresh` after a 401) and what it gives is checked, as `createClient` checked an object
 * option once: an object of strings, or a `Headers`.
 */
async function askHeaders(options: FetchWithRetryOptions, refresh: boolean): Promise<{ headers: HeaderRecord } | { error: ChatError }> {
  if (typeof options.headers !== 'function') return { headers: mergeHeaders(options.baseHeaders, options.headers) };
  let own: unknown;
  try {
    own = await options.headers({ refresh });
  } catch (cause) {
    // Usually the host's token endpoint failing for a moment: asking again later may well work.
    return { error: { code: 'headers_failed', message: `headers() threw: ${describe(cause)}`, retryable: true } };
  }
  if (typeof Headers === 'function' && own instanceof Headers) own = Object.fromEntries(own);
  const problem = headersProblem(own);
  if (problem) return { error: { code: 'configuration', message: `headers: ${problem}; nothing was sent.`, retryable: false } };
  return { headers: mergeHeaders(options.baseHeaders, own as HeaderRecord | undefined) };
}

/** Why a headers value cannot be sent (a token not fetched yet: `authorization` undefined), or `undefined`. */
function headersProblem(own: unknown): string | undefined {
  if (own === undefined) return undefined;
  const proto = typeof own === 'object' && own !== null ? Object.getPrototypeOf(own) : undefined;
  if (proto !== Object.prototype && proto !== null) return `expected an object of strings, got ${Array.isArray(own) ? 'an array' : own === null ? 'null' : typeof own}`;
  for (const [name, value] of Object.entries(own as object)) {
    if (typeof value !== 'string') return `"${name}" is ${value === null ? 'null' : typeof value}, expected a string`;
  }
  return undefined;
}

/** Lower-cased names, so the caller's `Content-Type` replaces the default instead of joining it. */
function mergeHeaders(base: HeaderRecord, own: HeaderRecord | undefined): HeaderRecord {
  const merged: HeaderRecord = {};
  for (const [name, value] of Object.entries(base)) merged[name.toLowerCase()] = value;
  if (own) for (const [name, value] of Object.entries(own)) merged[name.toLowerCase()] = value;
  return merged;
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as { cause?: unknown }).cause;
    return inner instanceof Error ? `${cause.message} (${inner.message})` : cause.message;
  }
  return String(cause);
}

/** Releases a body we will not read. Not awaited: some fetch implementations settle `cancel()` only when the peer closes. */
function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

/** The start of a body as text, never more than `maxErrorBodyChars`. */
export async function readBounded(response: Response, maxChars = maxErrorBodyChars): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let length = 0;
  try {
    while (length < maxChars) {
      const { done, value } = await reader.read();
      if (done) break;
      const part = decoder.decode(value, { stream: true });
      parts.push(part);
      length += part.length;
    }
  } catch {
    // A body cut while reading an error page: what arrived is enough for the message.
  } finally {
    reader.cancel().catch(() => {});
  }
  return parts.join('').slice(0, maxChars);
}
