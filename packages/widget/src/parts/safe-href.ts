/** Only these schemes may become a clickable link (SECURITY-NOTES §2). */
const allowedProtocols = ['http:', 'https:', 'mailto:'];

export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url, document.baseURI);
    return allowedProtocols.includes(parsed.protocol) ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
