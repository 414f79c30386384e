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
 * Card drafts by card (its answer's id and its place in it), not by the call's id: a gateway
 * may repeat one, and a card must not show what was typed in another. Parts are stateless
 * templates re-rendered every frame, so what a person types lives here; only mode and error
 * changes need a render (typing does not).
 */
export class ActionEdits {
  private readonly drafts = new Map<string, ActionDraft>();

  constructor(private readonly requestUpdate: () => void) {}

  get(key: string): ActionDraft | undefined {
    return this.drafts.get(key);
  }

  startEditing(key: string, args: unknown): void {
    this.drafts.set(key, { ...this.drafts.get(key), text: JSON.stringify(args ?? {}, null, 2) });
    this.requestUpdate();
  }

  stopEditing(key: string): void {
    const draft = this.drafts.get(key);
    if (draft) this.drafts.set(key, { ...(draft.reason !== undefined && { reason: draft.reason }) });
    this.requestUpdate();
  }

  type(key: string, change: Pick<ActionDraft, 'text'> | Pick<ActionDraft, 'reason'>): void {
    this.drafts.set(key, { ...this.drafts.get(key), ...change });
  }

  fail(key: string, error: string): void {
    const { waiting: _waiting, ...draft } = this.drafts.get(key) ?? {};
    this.drafts.set(key, { ...draft, error });
    this.requestUpdate();
  }

  /** Approved: the editor closes, a typed rejection reason stays until the approval has gone through. */
  wait(key: string): void {
    const reason = this.drafts.get(key)?.reason;
    this.drafts.set(key, { waiting: true, ...(reason !== undefined && { reason }) });
    this.requestUpdate();
  }

  /** The card was decided: forget its draft. */
  settle(key: string): void {
    this.drafts.delete(key);
    this.requestUpdate();
  }
}
