/**
 * A random id such as `msg_3f9c…`. Uses `crypto.getRandomValues`, not `crypto.randomUUID`:
 * the latter exists only in secure contexts and from Chromium 92, and intranet pages are often
 * plain http on Chromium 80.
 */
export function createId(prefix: string): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return `${prefix}_${hex}`;
}
