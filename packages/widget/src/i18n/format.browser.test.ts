import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatSeconds } from './format.js';
import { formatTime } from './format-time.js';

const builtIn = ['en', 'zh-CN', 'zh-TW'] as const;
const intlTime = (locale: string, at: number): string => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
const intlSeconds = (locale: string, ms: number): string => new Intl.NumberFormat(locale, { maximumFractionDigits: ms < 10_000 ? 1 : 0 }).format(ms / 1000);

describe('formatting in the built-in locales, without Intl', () => {
  it('writes every minute of the day as this browser’s Intl does', () => {
    const midnight = new Date(2026, 11, 2).getTime();
    for (const locale of builtIn) {
      const differing: string[] = [];
      for (let minute = 0; minute < 24 * 60; minute++) {
        const at = midnight + minute * 60_000 + 59_999;
        if (formatTime(locale, at) !== intlTime(locale, at)) differing.push(`${minute}: ${formatTime(locale, at)} ≠ ${intlTime(locale, at)}`);
      }
      expect(differing, locale).toEqual([]);
    }
    expect(formatTime('en', midnight + 13 * 3_600_000 + 5 * 60_000)).toBe('01:05 PM');
    expect(formatTime('zh-CN', midnight + 13 * 3_600_000 + 5 * 60_000)).toBe('13:05');
    expect(formatTime('zh-TW', midnight + 5 * 60_000)).toBe('上午12:05');
  });

  it('writes seconds as Intl does: one decimal under 10 s, rounded half up, thousands grouped', () => {
    for (const locale of builtIn) {
      const differing: string[] = [];
      for (let ms = 0; ms <= 12_000; ms++) if (formatSeconds(locale, ms) !== intlSeconds(locale, ms)) differing.push(`${ms}: ${formatSeconds(locale, ms)}`);
      expect(differing, locale).toEqual([]);
      // Durations as they come: whole milliseconds, and fractions of them (performance.now()).
      fc.assert(
        fc.property(fc.oneof(fc.integer({ min: 0, max: 2_000_000 }), fc.double({ min: 0, max: 2_000_000, noNaN: true })), (ms) => formatSeconds(locale, ms) === intlSeconds(locale, ms)),
        { numRuns: 2_000 },
      );
      for (const ms of [9_949, 9_950, 9_999.9, 10_000, 999_499, 999_500, 999_999, 1_000_000, -1_250, -10_000]) {
        expect(formatSeconds(locale, ms), `${locale} ${ms}`).toBe(intlSeconds(locale, ms));
      }
    }
    expect(formatSeconds('en', 1_250)).toBe('1.3');
    expect(formatSeconds('en', 3_600_000)).toBe('3,600');
  });

  it('leaves any other locale to Intl', () => {
    const afternoon = new Date(2026, 11, 2, 15, 7).getTime();
    for (const locale of ['ja', 'de', 'en-GB', 'ar-EG']) {
      expect(formatTime(locale, afternoon)).toBe(intlTime(locale, afternoon));
      expect(formatSeconds(locale, 12_345_678)).toBe(intlSeconds(locale, 12_345_678));
    }
  });
});
