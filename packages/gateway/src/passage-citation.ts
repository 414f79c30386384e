import type { Citation } from '@parley/client';
import type { PassageHit } from './knowledge-index.js';

/** The citation for passage `n` (its `[n]` marker). The URL is site-relative; the gateway makes it absolute. */
export function passageCitation(n: number, hit: PassageHit, snippet: string): Citation {
  const section = hit.id.split('#')[1] ?? '0';
  return {
    id: String(n),
    title: hit.title,
    // The section goes with the source: `page` is for page numbers, which markdown sections lack.
    source: `${hit.source} › ${hit.heading}`,
    snippet: snippet.length > 280 ? snippet.slice(0, 279) + '…' : snippet,
    url: `/docs/${hit.documentId}#section-${section}`,
    meta: { documentId: hit.documentId, section: hit.heading, score: Math.round(hit.score * 100) / 100 },
  };
}
