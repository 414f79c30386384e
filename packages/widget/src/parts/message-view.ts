import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Citation, ConversationMessage, MessagePartOf, StatusStep } from '@parley/client';
import { formatTime } from '../i18n/format-time.js';
import { markdownVisibleText } from '../markdown/visible-text.js';
import { renderActionFrame } from './action-frame.js';
import { focusMarkedSource } from './citation-marker-focus.js';
import { copyText } from './copy-text.js';
import { renderData } from './data-view.js';
import { domId } from './dom-id.js';
import { feedbackCommentsOf } from './feedback-comments.js';
import { offersRetry } from './error-notice.js';
import { LazyPart } from './lazy-part.js';
import { messageText } from './plain-text.js';
import { renderPartPending } from './part-pending.js';
import { questionBubbleId, renderEditTool, renderQuestionEditor } from './question-editor.js';
import { questionEditsOf } from './question-edits.js';
import { renderReasoning } from './reasoning-view.js';
import type { RenderContext } from './render-context.js';
import { renderStatusList } from './status-list.js';
import { renderText } from './text-view.js';
import { transcriptStrings } from './transcript-english.js';

// Most answers have no action, no sources and no comment: their renderers load on first use.
const actionCards = new LazyPart(() => import('./action-card.js'));
const citationLists = new LazyPart(() => import('./citation-list.js'));
const feedbackComments = new LazyPart(() => import('./feedback-comment.js'));

export interface MessageViewState {
  /** This answer is the one streaming now. */
  streaming: boolean;
  /** The newest answer: the only one that can be regenerated. */
  last: boolean;
}

/** One turn (in the transcript views' chunk, see transcript-loader.ts): `part="message user"` or `part="message assistant"`, its parts in arrival order. */
export function renderMessage(message: ConversationMessage, state: MessageViewState, ctx: RenderContext): TemplateResult {
  const t = transcriptStrings(ctx.t);
  const time = new Date(message.createdAt);
  // Templates without whitespace between tags (a flex box shows none of it): a thousand restored
  // messages would hold thousands of text nodes of it.
  const shown = formatTime(t.locale, message.createdAt);
  const meta = html`<time class="message-time" datetime=${time.toISOString()} title=${t.sentAt(shown)}>${shown}</time>`;
  if (message.role === 'user') {
    const text = message.parts.map((part) => (part.type === 'text' ? part.text : '')).join('');
    const draft = ctx.edit && questionEditsOf(ctx.extensions).get(message.id);
    return html`<article part="message user" class="message user" data-message-id=${message.id}><span class="visually-hidden">${t.you}:</span>${
      draft
        ? renderQuestionEditor(message, draft, ctx)
        : html`<div part="bubble user-bubble" class="bubble" id=${questionBubbleId(message.id)} dir="auto">${text}</div>${
            // Not while a turn runs, as Regenerate: the conversation would refuse the edit. Nor while
            // an edit waits for beforeSend: the element is busy then (ask()), so none replaces its editor.
            ctx.edit ? html`<div class="message-tools">${meta}${ctx.busy ? nothing : renderEditTool(message, text, ctx)}</div>` : meta
          }`
    }</article>`;
  }
  return html`<article part="message assistant" class="message assistant" data-message-id=${message.id} @parley-citation-marker=${focusMarkedSource}><span class="visually-hidden">${t.assistant}:</span><div part="bubble assistant-bubble" class="bubble">${renderParts(message, state.streaming, ctx)}</div>${
    message.finishReason === 'abort' ? html`<p class="message-note">${t.stopped}</p>` : nothing
  }${
    // Failed (a dropped connection, a stall, a refused request), with or without text: still said
    // once the error notice is gone, so an empty bubble or a bare "Thought for" never reads as the
    // whole answer.
    message.interrupted || message.error ? html`<p class="message-note">${t.interrupted}</p>` : nothing
  }${state.streaming ? nothing : renderAnswerTools(message, state, ctx, meta)}${
    state.streaming ? nothing : renderFeedbackComment(message, ctx)
  }</article>`;
}

function renderParts(message: ConversationMessage, streaming: boolean, ctx: RenderContext): unknown {
  const { parts } = message;
  const citations = parts.flatMap((part) => (part.type === 'citation' ? [part.citation] : []));
  // What an inline marker may name: a source's id or its number (findCitationCard looks for both).
  const sources = citations.flatMap((citation, index) => [citation.id, String(index + 1)]);
  const steps: StatusStep[] = [];
  const lastTextIndex = parts.map((part) => part.type).lastIndexOf('text');
  const views: Array<TemplateResult | typeof nothing> = [];
  // Each view's key: a card's is which of the answer's tool calls it is (as its draft is), the
  // others' their part's index. When the text before the cards goes (a moderation `replace`), a
  // card's place moves: it keeps its elements, with the reason typed there and the focus in it,
  // and the next card does not take them over.
  const keys: string[] = [];
  const add = (key: string, view: TemplateResult | typeof nothing): number => (keys.push(key), views.push(view) - 1);
  let statusSlot = -1;
  let calls = 0;
  // The reasoning shown last, while only progress steps (one list, above) have come after it.
  let thought: { at: number; part: MessagePartOf<'reasoning'> } | undefined;
  parts.forEach((part, index) => {
    if (part.type !== 'reasoning' && part.type !== 'status') thought = undefined;
    switch (part.type) {
      case 'text':
        add(`${index}`, renderText(part, streaming && index === lastTextIndex, ctx, sources));
        break;
      case 'reasoning': {
        // A research answer thinks between its steps; the steps show as one list, so its thoughts
        // are one disclosure with one "Thought for" (the sum), not one per model call in a row.
        const merged = thought ? joinReasoning(thought.part, part) : part;
        const at = thought ? thought.at : add(`${index}`, nothing);
        // Still thinking while nothing else has arrived after the reasoning.
        views[at] = renderReasoning(merged, streaming && index === parts.length - 1, ctx);
        thought = { at, part: merged };
        break;
      }
      case 'tool-call':
        add(`call-${calls}`, renderActionCard(part, `${domId(message.id)}-${calls++}`, message, ctx));
        break;
      case 'status':
        // The client waiting to try a refused request again (a 429's Retry-After): said while it
        // waits, in the person's language; not a step of the answer (its step is removed when
        // the next try goes out, and one left by a stop during the wait is not shown).
        if (part.status.id === retryStepId || part.status.id === reconnectStepId) {
          const t = transcriptStrings(ctx.t);
          const words = part.status.id === retryStepId ? t.retryWaiting : t.reconnecting;
          if (streaming) add(`${index}`, html`<p class="message-note" role="status">${words}</p>`);
          break;
        }
        if (statusSlot < 0) statusSlot = add(`${index}`, html``);
        steps.push(part.status);
        break;
      case 'data':
        add(`${index}`, renderData(part, message, ctx, ctx.extensions));
        break;
    }
  });
  if (statusSlot >= 0) views[statusSlot] = renderStatusList(steps, message, ctx);
  if (citations.length > 0) add('sources', renderCitationList(citations, message, ctx));
  return repeat(views, (_view, at) => keys[at], (view) => view);
}

/** `status.id` of the client's wait before a retry, and of the same wait with the network away (`@parley/client`'s retry-step.ts). */
const retryStepId = 'parley:retry';
const reconnectStepId = 'parley:reconnect';

/** Two stretches of reasoning as one: their texts a paragraph apart, their thinking times added. */
function joinReasoning(first: MessagePartOf<'reasoning'>, next: MessagePartOf<'reasoning'>): MessagePartOf<'reasoning'> {
  const joined: MessagePartOf<'reasoning'> = { type: 'reasoning', text: `${first.text}\n\n${next.text}` };
  const { startedAt, endedAt } = next;
  if (startedAt !== undefined && first.startedAt !== undefined && first.endedAt !== undefined) {
    joined.startedAt = startedAt - (first.endedAt - first.startedAt);
    if (endedAt !== undefined) joined.endedAt = endedAt;
  }
  return joined;
}

/** `key`: the card's place in the transcript (its answer's id, which of its tool calls it is), for its draft and element ids, the frame's too. */
function renderActionCard(part: MessagePartOf<'tool-call'>, key: string, message: ConversationMessage, ctx: RenderContext): TemplateResult {
  const { extensions: ext, t } = ctx;
  const loaded = actionCards.get(ext.rerender);
  if (loaded.module) {
    ext.adoptStyles(loaded.module.actionCardStyles);
    return loaded.module.renderActionCard(part, key, message, ctx, ext);
  }
  return renderActionFrame(part, message, `action-title-${key}`, ctx, loaded.failed, renderPartPending(loaded.failed, t, () => actionCards.retry(ext.rerender)));
}

function renderCitationList(citations: readonly Citation[], message: ConversationMessage, ctx: RenderContext): TemplateResult {
  const { extensions: ext } = ctx;
  const t = transcriptStrings(ctx.t);
  const loaded = citationLists.get(ext.rerender);
  if (loaded.module) {
    ext.adoptStyles(loaded.module.citationListStyles);
    return loaded.module.renderCitationList(citations, message, ctx, ext);
  }
  return html`<section class="citations" aria-label=${t.sources} aria-busy=${loaded.failed ? nothing : 'true'}>
    <h3 class="citations-heading">${t.sources}</h3>
    ${renderPartPending(loaded.failed, t, () => citationLists.retry(ext.rerender))}
  </section>`;
}

/** Only after a thumb: the optional comment form. */
function renderFeedbackComment(message: ConversationMessage, ctx: RenderContext): TemplateResult | typeof nothing {
  const { extensions: ext, t } = ctx;
  if (!feedbackCommentsOf(ext).get(message.id)) return nothing;
  const loaded = feedbackComments.get(ext.rerender);
  if (loaded.module) {
    ext.adoptStyles(loaded.module.feedbackCommentStyles);
    return loaded.module.renderFeedbackComment(message, ctx, ext);
  }
  return renderPartPending(loaded.failed, t, () => feedbackComments.retry(ext.rerender));
}

/**
 * Each answer's question (its bubble's id), found once per snapshot: every answer renders again
 * when the element turns busy, and a scan back from each one was O(n²) for a long history.
 */
const questions = new WeakMap<readonly ConversationMessage[], Map<ConversationMessage, string>>();

function questionOf(messages: readonly ConversationMessage[]): Map<ConversationMessage, string> {
  let found = questions.get(messages);
  if (!found) {
    questions.set(messages, (found = new Map()));
    let question: string | undefined;
    for (const message of messages) message.role === 'user' ? (question = questionBubbleId(message.id)) : question && found.set(message, question);
  }
  return found;
}

function renderAnswerTools(message: ConversationMessage, state: MessageViewState, ctx: RenderContext, meta: TemplateResult): TemplateResult {
  const t = transcriptStrings(ctx.t);
  const copied = ctx.copiedMessageId === message.id;
  const rating = message.feedback?.rating;
  const { messages, status, error } = ctx.extensions.pluginContext(message, t.locale).conversation.getSnapshot();
  // Copy and the thumbs are under every answer: described by the question they answer, a screen
  // reader says which answer each is for (their names stay what they show or say).
  const question = questionOf(messages).get(message) ?? nothing;
  // Failed, stopped or cut off before any text came: nothing to copy or rate, only to ask again.
  const answered = !(message.error || message.finishReason === 'abort' || message.interrupted) || messageText(message.parts).trim();
  // While the error notice is up with its Retry, that is the way to ask again: a Regenerate beside
  // it would be a second button for the same thing. Asked of the notice, not of this answer's
  // error: a message `beforeSend` blocked after it replaced the notice with one that has no Retry
  // (the blocked message never joined the transcript), and restored after a reload, none is up.
  const retryOffered = status === 'error' && error !== null && offersRetry(error);
  // The thumbs are named by aria-label: a visually hidden span and an aria-hidden one per thumb
  // were six more nodes in every answer. They are drawn, not emoji: 👍 / 👎 showed as empty boxes
  // where no emoji font is installed (intranet Linux desktops), and a page's first emoji made the
  // frame of the first answers look the emoji font up (10-20 ms of layout). Filled when chosen.
  // The markup is inline (no child part): two elements for each, as the emoji was one text node.
  return html`<div class="message-tools">${meta}${
    answered ? html`<button class="tool copy" type="button" aria-describedby=${question} @click=${(event: Event) => void copyAnswer(message, event.currentTarget as Element, ctx)}>${copied ? t.copied : t.copy}</button>` : nothing
  }${
    state.last && !ctx.busy && !retryOffered ? html`<button class="tool regenerate" type="button" @click=${() => ctx.regenerate()}>${t.regenerate}</button>` : nothing
  }${
    answered
      ? html`<button class="tool feedback-up" type="button" aria-label=${t.helpful} aria-describedby=${question} aria-pressed=${rating === 'up'} @click=${() => (ctx.feedback(message.id, 'up'), feedbackCommentsOf(ctx.extensions).ask(message.id, 'up'))}><svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true"><path d="M7 10v11H4a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1h3l4-7a2 2 0 0 1 3 1.7V9h5.2a2 2 0 0 1 2 2.3l-1.4 8a2 2 0 0 1-2 1.7H7"/></svg></button><button class="tool feedback-down" type="button" aria-label=${t.notHelpful} aria-describedby=${question} aria-pressed=${rating === 'down'} @click=${() => (ctx.feedback(message.id, 'down'), feedbackCommentsOf(ctx.extensions).ask(message.id, 'down'))}><svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true"><path d="M7 10v11H4a1 1 0 0 1-1-1v-9a1 1 0 0 1 1-1h3l4-7a2 2 0 0 1 3 1.7V9h5.2a2 2 0 0 1 2 2.3l-1.4 8a2 2 0 0 1-2 1.7H7"/></svg></button>`
      : nothing
  }</div>`;
}

/**
 * Copies what the answer showed, not its markdown source: no link or image destination the person
 * never saw (markdown/visible-text.ts). The scratch textarea of the copy fallback goes in the
 * element's shadow root: the selection stays where the person is.
 */
async function copyAnswer(message: ConversationMessage, button: Element, ctx: RenderContext): Promise<void> {
  if (await copyText(markdownVisibleText(messageText(message.parts)), button.getRootNode() as ShadowRoot)) ctx.copied(message.id);
}
