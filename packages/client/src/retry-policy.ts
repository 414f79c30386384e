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

export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { ...defaultRetryPolicy, attempts: 1 };
  return { ...defaultRetryPolicy, ...stripUndefined(options ?? {}) };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
