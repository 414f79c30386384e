import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The question a person is rewriting: what is typed so far. */
export interface QuestionDraft {
  text: string;
  /** Sent: the editor waits (no second Send, no Cancel) until the new answer starts or the edit is refused. */
  sending: boolean;
}

type Host = ReactiveControllerHost & HTMLElement;

const byElement = new WeakMap<Host, QuestionEdits>();

/**
 * The question editor of one element: it lives with the transcript views' code (loaded on first
 * use), not in what every page loads.
 */
export function questionEditsOf(element: { readonly host: Host }): QuestionEdits {
  let edits = byElement.get(element.host);
  if (!edits) byElement.set(element.host, (edits = new QuestionEdits(element.host)));
  return edits;
}

/**
 * One question at a time is being rewritten, as in ChatGPT: opening another editor closes the
 * first. Parts are stateless templates, so the draft lives here; typing renders only when Send
 * turns on or off (the text becomes empty, or no longer is). A controller of the element: once
 * an update has rendered the editor (or, cancelled, the question again), it moves focus there,
 * before the element's `updated()`, which then leaves focus where it is.
 */
export class QuestionEdits implements ReactiveController {
  private draft: (QuestionDraft & { messageId: string }) | undefined;
  /** Where focus goes after the next update: the field of an editor just opened, the Edit button of one just cancelled. */
  private focus: { messageId: string; selector: string } | undefined;

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /** Editing turned off (`no-edit`): an editor open goes, with what was typed in it. */
  hostUpdate(): void {
    if ((this.host as { noEdit?: boolean }).noEdit && this.draft && !this.draft.sending) this.draft = undefined;
  }

  hostUpdated(): void {
    const focus = this.focus;
    if (!focus) return;
    this.focus = undefined;
    const target = this.host.shadowRoot?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(focus.messageId)}"] ${focus.selector}`);
    target?.focus();
    if (target instanceof HTMLTextAreaElement) target.setSelectionRange(target.value.length, target.value.length);
  }

  get(messageId: string): QuestionDraft | undefined {
    return this.draft?.messageId === messageId ? this.draft : undefined;
  }

  open(messageId: string, text: string): void {
    this.draft = { messageId, text, sending: false };
    this.focus = { messageId, selector: '.question-edit-input' };
    this.host.requestUpdate();
  }

  type(messageId: string, text: string): void {
    const draft = this.get(messageId);
    if (!draft) return;
    const filled = draft.text.trim() !== '';
    draft.text = text;
    if (filled !== (text.trim() !== '')) this.host.requestUpdate();
  }

  /** The question shows again; its Edit button takes focus back if it is there to take it (not while a turn runs). */
  cancel(messageId: string, focusEdit: boolean): void {
    if (!this.get(messageId)) return;
    this.draft = undefined;
    this.focus = focusEdit ? { messageId, selector: '.edit' } : undefined;
    this.host.requestUpdate();
  }

  sending(messageId: string, sending: boolean): void {
    const draft = this.get(messageId);
    if (!draft) return;
    draft.sending = sending;
    this.host.requestUpdate();
  }

  /** The edited question went out: the editor closes (focus, lost with it, goes to the composer). */
  close(messageId: string): void {
    if (!this.get(messageId)) return;
    this.draft = undefined;
    this.host.requestUpdate();
  }
}
