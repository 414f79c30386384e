import * as z from './zod.js';
import { atLeast, atMost, wholeNumber } from './schema-checks.js';

export const retryOptionsSchema = z.object({
  /** Total tries, the first one included. */
  attempts: z.optional(z.number().check(wholeNumber(), atLeast(1), atMost(20))),
  baseMs: z.optional(z.number().check(atLeast(0))),
  maxMs: z.optional(z.number().check(atLeast(0))),
});
export type RetryOptions = z.output<typeof retryOptionsSchema>;

export interface RetryPolicy {
  attempts: number;
  baseMs: number;
  maxMs: number;
}

/** Three tries, 0.5 s doubling up to 8 s, as the official OpenAI and Anthropic SDKs do. */
export const defaultRetryPolicy: RetryPolicy = { attempts: 3, baseMs: 500, maxMs: 8000 };

/** A server-requested wait longer than this is not waited for: the error is reported with `retryAfterMs`. */
export const maxRetryAfterMs = 60_000;

export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { ...defaultRetryPolicy, attempts: 1 };
  return { ...defaultRetryPolicy, ...stripUndefined(options ?? {}) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

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
