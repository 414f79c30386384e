/** One action card's draft while a person edits its arguments (JSON text) or types a rejection reason. */
export interface ActionDraft {
  /** The arguments as JSON text, while the card is in edit mode. */
  text?: string;
  /** Why the last Approve with edits was refused (invalid JSON or the action's schema). */
  error?: string;
  /** The optional rejection reason typed so far. */
  reason?: string;
  /** An Approve is on its way (a restored call waits for the code that checks it): the buttons wait too. */
  waiting?: boolean;
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
    const { waiting: _waiting, ...draft } = this.drafts.get(toolCallId) ?? {};
    this.drafts.set(toolCallId, { ...draft, error });
    this.requestUpdate();
  }

  /** Approved: the editor closes, a typed rejection reason stays until the approval has gone through. */
  wait(toolCallId: string): void {
    const reason = this.drafts.get(toolCallId)?.reason;
    this.drafts.set(toolCallId, { waiting: true, ...(reason !== undefined && { reason }) });
    this.requestUpdate();
  }

  /** The card was decided: forget its draft. */
  settle(toolCallId: string): void {
    this.drafts.delete(toolCallId);
    this.requestUpdate();
  }
}
