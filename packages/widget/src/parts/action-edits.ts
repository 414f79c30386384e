/** One action card's draft while a person edits its arguments (JSON text) or types a rejection reason. */
export interface ActionDraft {
  /** The arguments as JSON text, while the card is in edit mode. */
  text?: string;
  /** Why the last Approve with edits was refused (invalid JSON or the action's schema). */
  error?: string;
  /** The optional rejection reason typed so far. */
  reason?: string;
}

const byElement = new WeakMap<object, ActionEdits>();

/**
 * The drafts of one element's cards, keyed by its part extensions: they live with the card's
 * code (loaded on first use), not in what every page loads.
 */
export function actionEditsOf(element: { rerender(): void }): ActionEdits {
  let edits = byElement.get(element);
  if (!edits) byElement.set(element, (edits = new ActionEdits(element.rerender)));
  return edits;
}

/**
 * Card drafts by tool-call id. Parts are stateless templates re-rendered every frame, so what a
 * person types lives here; only mode and error changes need a render (typing does not).
 */
export class ActionEdits {
  private readonly drafts = new Map<string, ActionDraft>();

  constructor(private readonly requestUpdate: () => void) {}

  get(toolCallId: string): ActionDraft | undefined {
    return this.drafts.get(toolCallId);
  }

  startEditing(toolCallId: string, args: unknown): void {
    this.drafts.set(toolCallId, { ...this.drafts.get(toolCallId), text: JSON.stringify(args ?? {}, null, 2) });
    this.requestUpdate();
  }

  stopEditing(toolCallId: string): void {
    const draft = this.drafts.get(toolCallId);
    if (draft) this.drafts.set(toolCallId, { ...(draft.reason !== undefined && { reason: draft.reason }) });
    this.requestUpdate();
  }

  type(toolCallId: string, change: Pick<ActionDraft, 'text'> | Pick<ActionDraft, 'reason'>): void {
    this.drafts.set(toolCallId, { ...this.drafts.get(toolCallId), ...change });
  }

  fail(toolCallId: string, error: string): void {
    this.drafts.set(toolCallId, { ...this.drafts.get(toolCallId), error });
    this.requestUpdate();
  }

  /** The card was decided: forget its draft. */
  settle(toolCallId: string): void {
    this.drafts.delete(toolCallId);
    this.requestUpdate();
  }
}
