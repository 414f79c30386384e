export interface CitationMarkerDetail {
  /** The id the model wrote in the marker (`1` for `[1]`). */
  id: string;
}

/** Dispatched (bubbling, composed) when a person activates a citation marker in an answer. */
export type CitationMarkerEvent = CustomEvent<CitationMarkerDetail>;

export function createCitationMarkerEvent(id: string): CitationMarkerEvent {
  return new CustomEvent<CitationMarkerDetail>('parley-citation-marker', { detail: { id }, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'parley-citation-marker': CitationMarkerEvent;
  }
}
