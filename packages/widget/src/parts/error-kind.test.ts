import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.js';
import { describeError, errorKind } from './error-notice.js';

describe('Anthropic\'s spend-limit 429 (the client will not retry it)', () => {
  it('is not told to the person as "too many requests, retry in 1 s"', () => {
    const error = { code: 'rate_limit_error', status: 429, retryable: false, retryAfterMs: 1000, message: 'You have reached your specified workspace API usage limits.' };
    expect(errorKind(error)).not.toBe('rate-limited');
    expect(describeError(error, en).hint).toBe('You have reached your specified workspace API usage limits.');
  });
});
