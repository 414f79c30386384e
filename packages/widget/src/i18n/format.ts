/**
 * Numbers in the active table's locale; times are format-time.ts (only the transcript views need them).
 *
 * The page's first `Intl` object starts ICU in the renderer: 35–120 ms in one task on the bench
 * machine, paid on the frame that shows the first message (a first send, a restored history) or
 * the end of the first reasoning. The built-in tables' locales are written here instead, exactly
 * as Chromium's `Intl` writes them (format.browser.test.ts compares every minute of the day and
 * every millisecond up to 12 s); any other table's locale goes through `Intl`.
 * See docs/decisions/built-in-locales-format-without-intl.md.
 */

// Building an Intl formatter costs far more than using one, and every message shows a time on
// every render: one formatter per locale and option set.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

export function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

/** Seconds, one decimal under 10 s: "3.2", "12", "3,600". */
export function formatSeconds(locale: string, ms: number): string {
  const digits = ms < 10_000 ? 1 : 0;
  // What rounds to under 1,000 s is not grouped; Math.round rounds half up as Intl does, for a
  // positive number (Intl rounds -x.5 away from zero).
  if (ms >= 0 && ms < 999_500 && (locale === 'en' || locale === 'zh-CN' || locale === 'zh-TW')) return String(digits ? Math.round(ms / 100) / 10 : Math.round(ms / 1000));
  return cached(`seconds|${digits}|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits })).format(ms / 1000);
}
