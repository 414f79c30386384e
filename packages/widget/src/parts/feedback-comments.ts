/** Which answers show the optional feedback comment box (after a thumb), and what is typed in it. */
export class FeedbackComments {
  private readonly open = new Map<string, { rating: 'up' | 'down'; text: string; sent: boolean }>();

  constructor(private readonly requestUpdate: () => void) {}

  get(messageId: string): { rating: 'up' | 'down'; text: string; sent: boolean } | undefined {
    return this.open.get(messageId);
  }

  ask(messageId: string, rating: 'up' | 'down'): void {
    this.open.set(messageId, { rating, text: this.open.get(messageId)?.text ?? '', sent: false });
    this.requestUpdate();
  }

  type(messageId: string, text: string): void {
    const entry = this.open.get(messageId);
    if (entry) entry.text = text;
  }

  sent(messageId: string): void {
    const entry = this.open.get(messageId);
    if (entry) entry.sent = true;
    this.requestUpdate();
  }

  dismiss(messageId: string): void {
    this.open.delete(messageId);
    this.requestUpdate();
  }
}

const byElement = new WeakMap<object, FeedbackComments>();

/**
 * The comment boxes of one element's answers, keyed by its part extensions: they live with the
 * transcript views' code (loaded on first use), not in what every page loads.
 */
export function feedbackCommentsOf(element: { rerender(): void }): FeedbackComments {
  let comments = byElement.get(element);
  if (!comments) byElement.set(element, (comments = new FeedbackComments(element.rerender)));
  return comments;
}
