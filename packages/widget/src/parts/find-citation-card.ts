/** The card a marker points at: by the citation's id, else by its number (`[2]` → the second source). */
export function findCitationCard(message: Element, id: string): HTMLElement | undefined {
  const cards = Array.from(message.querySelectorAll<HTMLElement>('[part~="citation"]'));
  return cards.find((card) => card.dataset.citationId === id) ?? cards.find((card) => card.dataset.citationNumber === id);
}
