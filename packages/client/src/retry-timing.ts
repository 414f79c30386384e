import type { RetryPolicy } from './retry-policy.js';
import type { Timers } from './timers.js';

// When to try a request again and how long to wait first. Loaded with the request code, not at start.

/** A server-requested wait longer than this is not waited for: the error is reported with `retryAfterMs`. */
export const maxRetryAfterMs = 60_000;

const retryableStatuses = new Set([408, 409, 429, 500, 502, 503, 504, 529]);

export function isRetryableStatus(status: number): boolean {
  return retryableStatuses.has(status);
}

/** Exponential backoff with full jitter (a random wait up to the doubled ceiling) so clients don't retry in lockstep. */
export function backoffMs(policy: RetryPolicy, retry: number, random: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (retry - 1));
  return Math.round(ceiling * random);
}

/**
 * The wait the server asked for: `retry-after-ms` first (OpenAI), then `retry-after` as seconds
 * or an HTTP date. `undefined` when absent or unreadable.
 */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Resolves after `ms`, or at once with `false` when `signal` aborts. */
export function sleep(timers: Timers, ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      timers.clearTimeout(handle);
      resolve(false);
    };
    const handle = timers.setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
