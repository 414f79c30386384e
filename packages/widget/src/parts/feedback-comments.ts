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
