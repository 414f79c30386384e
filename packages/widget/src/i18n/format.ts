/** Dates and numbers through `Intl`, in the active table's locale. */

// Building an Intl formatter costs far more than using one, and every message shows a time on
// every render: one formatter per locale and option set.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

export function formatTime(locale: string, epochMs: number): string {
  return cached(`time|${locale}`, () => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' })).format(epochMs);
}

export function formatSeconds(locale: string, ms: number): string {
  const digits = ms < 10_000 ? 1 : 0;
  return cached(`seconds|${digits}|${locale}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits })).format(ms / 1000);
}
