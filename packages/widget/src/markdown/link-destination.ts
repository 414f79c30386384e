/**
 * Where a model-written link goes, and whether a person should confirm before it opens there.
 * A link's text can claim one URL while its destination is another, with this conversation's data
 * in its query (Slack AI, Bing Chat): one click would carry it out.
 */
export type LinkDestination =
  | { kind: 'allowed' }
  | { kind: 'web'; url: URL; host: string; carriesData: boolean }
  | { kind: 'mail'; url: URL; address: string; prefilled: boolean };

/** A long run of base64 or hex characters: how encoded data usually looks in a URL. */
const encodedRun = /[A-Za-z0-9+/_=-]{24,}/g;

/**
 * Slugs (`getting-started-with-the-configuration`) are long runs too; encoded data has digits or
 * both letter cases, so only those runs count.
 */
function looksEncoded(text: string): boolean {
  for (const [run] of text.matchAll(encodedRun)) if (/\d/.test(run) || (/[a-z]/.test(run) && /[A-Z]/.test(run))) return true;
  return false;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The URL a clicked link opens (its resolved `href`, as the browser follows it), if http(s) or mailto. */
export function followedUrl(link: HTMLAnchorElement): URL | undefined {
  try {
    const url = new URL(link.href);
    return /^(https?|mailto):$/.test(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `url` must already be a safe link URL (`safeLinkUrl`, `followedUrl`). Web links to the page's own host or to
 * one of `allowedHosts` (normalised, `normalizeImageHosts`) open at once; any other web link and
 * every `mailto:` link ask first.
 */
export function describeLinkDestination(url: URL, allowedHosts: readonly string[], pageHost: string): LinkDestination {
  if (url.protocol === 'mailto:') {
    // Bidi and other invisible controls could make the address read as another one (U+202E).
    return { kind: 'mail', url, address: decoded(url.pathname).replace(/[\p{Cc}\p{Cf}]/gu, ''), prefilled: url.search.length > 1 };
  }
  if (url.host === pageHost || allowedHosts.indexOf(url.host) !== -1) return { kind: 'allowed' };
  const carriesData = url.search.length + url.hash.length > 100 || looksEncoded(decoded(url.pathname + url.search + url.hash));
  return { kind: 'web', url, host: url.hostname, carriesData };
}
