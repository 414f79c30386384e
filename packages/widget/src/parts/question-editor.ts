import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationMessage } from '@parley/client';
import { decisionName } from './action-frame.js';
import { isSendKey } from './composer.js';
import { domId } from './dom-id.js';
import { questionEditsOf, type QuestionDraft } from './question-edits.js';
import type { RenderContext } from './render-context.js';
import { transcriptStrings } from './transcript-english.js';

/** The `id` of a question's bubble: what its Edit and its answer's tools name or are described by. */
export const questionBubbleId = (messageId: string): string => `question-${domId(messageId)}`;

/** Characters of a question in its Edit's name: enough to tell questions apart, not a pasted page read out at every focus. */
const nameLength = 60;

/** Each question's start as its Edit names it, cut once per question (a message keeps its identity while it does not change), not at every render. */
const questionStarts = new WeakMap<ConversationMessage, string>();

function questionStart(message: ConversationMessage, text: string): string {
  let start = questionStarts.get(message);
  if (start === undefined) {
    // By code points, so a cut never splits an emoji or a rare CJK character in two; of the first
    // ones only (a code point is at most two code units), not of the whole of a pasted page.
    const characters = Array.from(text.replace(/\s+/g, ' ').trim().slice(0, 2 * nameLength + 2));
    start = characters.length > nameLength ? `${characters.slice(0, nameLength).join('').trimEnd()}…` : characters.join('');
    questionStarts.set(message, start);
  }
  return start;
}

/**
 * The Edit button under a question (`ctx.edit` set, no turn running): opens the editor in place of
 * the bubble. Named "Edit" and the question's start, as the language words it (`editQuestionName`),
 * so a screen reader tabbing through a transcript, and its list of buttons, tell one Edit from
 * another; "Edit" first, the word a voice control user says.
 */
export function renderEditTool(message: ConversationMessage, text: string, ctx: RenderContext): TemplateResult {
  const edits = questionEditsOf(ctx.extensions);
  const t = transcriptStrings(ctx.t);
  const label = t.editQuestion;
  return html`<button class="tool edit" type="button" aria-label=${decisionName(label, t.editQuestionName, questionStart(message, text))} @click=${() => edits.open(message.id, text)}>${label}</button>`;
}

/**
 * The question as a text box (part `edit`) with Cancel and Send: Enter sends and Escape cancels,
 * as in the composer (not while an IME composes). Send rewrites the question and asks again
 * (`conversation.edit`): the messages after it go, the new answer streams, and the live region
 * says so once it starts. A refused edit (a turn running, `beforeSend` blocked it) keeps the
 * editor and its text.
 */
export function renderQuestionEditor(message: ConversationMessage, draft: QuestionDraft, ctx: RenderContext): TemplateResult {
  const t = transcriptStrings(ctx.t);
  const edits = questionEditsOf(ctx.extensions);
  const conversation = ctx.extensions.pluginContext(message, t.locale).conversation;
  const { messages } = conversation.getSnapshot();
  const later = messages.slice(messages.findIndex((other) => other.id === message.id) + 1).some((other) => other.role === 'user');
  const noteId = `edit-note-${domId(message.id)}`;
  const cancel = (): void => {
    if (!draft.sending) edits.cancel(message.id, !ctx.busy);
  };
  const send = (): void => {
    const text = draft.text.trim();
    if (draft.sending || !text || ctx.busy || !ctx.edit) return;
    edits.sending(message.id, true);
    const edited = t.questionEdited;
    let done = false;
    const finish = (words: string): void => {
      if (done) return;
      done = true;
      stopListening();
      edits.close(message.id);
      ctx.announce(words);
    };
    // The new answer started: the element has just said "Responding…" (the same notification,
    // its listener first); this says what happened to the question in the same announcement.
    // Only this edit's answer: the question it rewrote just before it (not another turn starting,
    // such as a restored answer taken up, while the edit waits for the history).
    const stopListening = conversation.subscribe(() => {
      const now = conversation.getSnapshot();
      // One announcement of two sentences: Chinese ones end in 。 and take no space after it.
      if (now.status === 'streaming' && now.messages[now.messages.length - 2]?.id === message.id) finish(edited + (/[。！？]$/.test(edited) ? '' : ' ') + t.responding);
    });
    void ctx.edit(message.id, text).then((sent) => {
      // Answered before any notification saw it streaming: said without "Responding…".
      if (sent) return finish(edited);
      stopListening();
      edits.sending(message.id, false);
    });
  };
  const onKeydown = (event: KeyboardEvent): void => {
    if (isSendKey(event)) {
      event.preventDefault();
      send();
    }
  };
  // Escape anywhere in the editor (its box or its buttons) closes only the editor, never the
  // launcher panel around it; while an IME composes, it is the IME's (it closes its candidates).
  const onEscape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    if (event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    cancel();
  };
  const locked = draft.sending || ctx.busy;
  return html`<form part="edit" class="question-edit" @submit=${(event: Event) => (event.preventDefault(), send())} @keydown=${onEscape}><textarea
      part="edit-input"
      class="field question-edit-input"
      rows="2"
      dir="auto"
      aria-label=${t.editQuestionLabel}
      aria-describedby=${later ? noteId : nothing}
      ?readonly=${draft.sending}
      .value=${draft.text}
      @input=${(event: Event) => edits.type(message.id, (event.target as HTMLTextAreaElement).value)}
      @keydown=${onKeydown}
    ></textarea>${later ? html`<p id=${noteId} class="question-edit-note">${t.editDropsLater}</p>` : nothing}<div class="question-edit-buttons"><button
        part="edit-cancel"
        class="button"
        type="button"
        aria-disabled=${draft.sending}
        @click=${cancel}
      >${t.editCancel}</button><button part="edit-send" class="button primary" type="submit" aria-disabled=${locked || !draft.text.trim()}>${t.send}</button></div></form>`;
}
