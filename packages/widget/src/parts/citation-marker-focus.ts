import type { CitationMarkerEvent } from '../markdown/citation-marker-event.js';
import { findCitationCard } from './find-citation-card.js';

/** Per shadow root: the marker whose cards are still loading, focused once they are in (the latest asked). */
const waiting = new WeakMap<Node, MutationObserver>();

/**
 * An inline `[1]` marker in an answer (bound on its message, in the transcript views' chunk, as
 * markers come only with it) moves focus to its source card: the person asked for it. The cards'
 * code loads on first use: the request waits for it rather than vanishing, and is kept only if the
 * person is still where they asked from (typing in the composer meanwhile wins).
 */
export function focusMarkedSource(event: CitationMarkerEvent): void {
  const { id } = event.detail ?? {};
  const message = event.currentTarget as Element;
  if (id === undefined) return;
  const card = findCitationCard(message, id);
  if (card) return card.focus();
  const root = message.getRootNode();
  if (!message.querySelector('.citations[aria-busy]')) return;
  waiting.get(root)?.disconnect();
  const cardsIn = new MutationObserver(() => {
    if (message.querySelector('.citations[aria-busy]')) return;
    cardsIn.disconnect();
    const active = (root as ShadowRoot).activeElement;
    if (message.isConnected && active && message.contains(active)) findCitationCard(message, id)?.focus();
  });
  cardsIn.observe(message, { subtree: true, childList: true, attributes: true });
  waiting.set(root, cardsIn);
}
