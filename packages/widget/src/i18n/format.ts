/** Dates and numbers through `Intl`, in the active table's locale. */
export function formatTime(locale: string, epochMs: number): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(epochMs);
}

export function formatSeconds(locale: string, ms: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: ms < 10_000 ? 1 : 0 }).format(ms / 1000);
}
