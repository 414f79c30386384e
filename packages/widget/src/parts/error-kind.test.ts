import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.js';
import { describeError, errorKind, offersRetry } from './error-notice.js';

describe('Anthropic\'s spend-limit 429 (the client will not retry it)', () => {
  it('is not told to the person as "too many requests, retry in 1 s"', () => {
    const error = { code: 'rate_limit_error', status: 429, retryable: false, retryAfterMs: 1000, message: 'You have reached your specified workspace API usage limits.' };
    expect(errorKind(error)).not.toBe('rate-limited');
    expect(describeError(error, en).hint).toBe('You have reached your specified workspace API usage limits.');
  });
});

describe('a 5xx the client will not retry (501 Not Implemented: a wrong endpoint or method)', () => {
  it('shows the gateway’s words, not "wait a moment, then retry", and offers no Retry', () => {
    const error = { code: 'http_501', status: 501, retryable: false, message: 'POST /v1/chat is not implemented by this gateway.' };
    expect(errorKind(error)).toBe('permanent');
    expect(describeError(error, en)).toEqual({ message: en.errorGeneric, hint: 'POST /v1/chat is not implemented by this gateway.' });
    expect(offersRetry(error)).toBe(false);
  });

  it('while a 503 the client retries is a wait away', () => {
    const error = { code: 'http_503', status: 503, retryable: true, message: '' };
    expect(errorKind(error)).toBe('unavailable');
    expect(describeError(error, en).hint).toBe(en.errorRateLimitedHint);
  });
});
