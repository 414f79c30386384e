/** Median and spread of repeated measurements: what every figure in the tables is. */
export function summarize(samples) {
  const sorted = [...samples].filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: NaN, min: NaN, max: NaN, spread: NaN, runs: 0, samples };
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const min = sorted[0];
  const max = sorted[sorted.length - 1];
  // Spread as ± half the min–max range relative to the median: honest for 3–7 runs, where a
  // standard deviation would pretend to a distribution we do not have.
  const spread = median === 0 ? 0 : (max - min) / 2 / Math.abs(median);
  return { median, min, max, spread, runs: sorted.length, samples };
}

export function formatSummary(summary, digits = 1, unit = '') {
  if (!summary || !summary.runs) return 'n/a';
  const value = summary.median.toFixed(digits);
  const spread = summary.runs > 1 ? ` ±${(summary.spread * 100).toFixed(0)}%` : '';
  return `${value}${unit}${spread}`;
}
