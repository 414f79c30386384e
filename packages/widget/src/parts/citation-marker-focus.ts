import type { CitationMarkerEvent } from '../markdown/citation-marker-event.js';
import { findCitationCard } from './find-citation-card.js';

/** Per shadow root: the end of the wait for the cards of the marker asked last (focused once they are in). */
const waiting = new WeakMap<Node, () => void>();

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
  waiting.get(root)?.();
  const asking = (): boolean => {
    const active = (root as ShadowRoot).activeElement;
    return message.isConnected && !!active && message.contains(active);
  };
  const cardsIn = new MutationObserver(() => {
    if (message.querySelector('.citations[aria-busy]')) return;
    stop();
    if (asking()) findCitationCard(message, id)?.focus();
  });
  // The wait also ends once nothing could come of it: focus has left the answer (the person moved
  // on, or the element left the page). Cards whose code never arrives (a stalled chunk request)
  // would otherwise keep it on the message for the element's life. Looked at once focus has
  // moved: a window that loses focus (another app) leaves it on the marker, and the wait goes on.
  const left = (): void => void setTimeout(() => asking() || stop());
  const stop = (): void => {
    cardsIn.disconnect();
    message.removeEventListener('focusout', left);
    if (waiting.get(root) === stop) waiting.delete(root);
  };
  message.addEventListener('focusout', left);
  cardsIn.observe(message, { subtree: true, childList: true, attributes: true });
  waiting.set(root, stop);
}
