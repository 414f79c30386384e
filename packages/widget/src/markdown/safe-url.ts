import { decodeEntities } from './decode-entities.js';

const linkSchemes = ['http:', 'https:', 'mailto:'];
const imageSchemes = ['http:', 'https:'];

/**
 * Parses a model-written destination the way the browser will use it: character references are
 * decoded first (the lexer leaves them in), then the WHATWG URL parser strips tabs, newlines and
 * surrounding control characters and lower-cases the scheme. Relative destinations resolve against
 * the page, so the checked URL is exactly the one rendered.
 */
function parse(destination: string, base: string | undefined): URL | null {
  try {
    return new URL(decodeEntities(destination), base);
  } catch {
    return null;
  }
}

function pageBase(): string | undefined {
  return typeof document === 'undefined' ? undefined : document.baseURI;
}

/** The URL to put in `href`, or null when the link must render as plain text. */
export function safeLinkUrl(destination: string, base: string | undefined = pageBase()): URL | null {
  const url = parse(destination, base);
  return url && linkSchemes.indexOf(url.protocol) !== -1 ? url : null;
}

export type ImageDecision =
  | { kind: 'allowed'; url: URL }
  | { kind: 'blocked'; host: string }
  | { kind: 'invalid' };

/** Normalises allow-list entries through the same parser, so `CDN.Example.com` or an IDN matches. */
export function normalizeImageHosts(hosts: readonly string[]): string[] {
  const normalized: string[] = [];
  for (const entry of hosts) {
    const trimmed = entry.trim();
    if (trimmed === '' || /[/?#@\s]/.test(trimmed)) continue;
    try {
      normalized.push(new URL(`https://${trimmed}`).host);
    } catch {
      // An entry that is not a host can never match; ignoring it keeps every other entry working.
    }
  }
  return normalized;
}

/**
 * Images load only from exact allowed hosts (a rendered image URL is an exfiltration channel);
 * `hosts` must already be normalised with `normalizeImageHosts`.
 */
export function decideImage(
  destination: string,
  hosts: readonly string[],
  base: string | undefined = pageBase(),
): ImageDecision {
  const url = parse(destination, base);
  if (!url) return { kind: 'invalid' };
  if (imageSchemes.indexOf(url.protocol) === -1 || url.host === '') {
    return url.host === '' ? { kind: 'invalid' } : { kind: 'blocked', host: url.host };
  }
  return hosts.indexOf(url.host) !== -1 ? { kind: 'allowed', url } : { kind: 'blocked', host: url.host };
}
