import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationMessage } from '@parley/client';
import { renderActionFrame } from './action-frame.js';
import type { MessageViewState } from './message-view.js';
import type { RenderContext } from './render-context.js';
import { renderText } from './text-view.js';

/**
 * A message while the transcript views' code is not in (a send without typing first, a slow or
 * failed chunk): the same `part` names and roles, its text as written (never HTML, line breaks
 * kept), and, if the views could not be loaded, a pending action's Approve / Reject and, under the
 * newest answer, what is missing (its tools, sources, steps, cards) with Retry, so nothing is lost
 * in silence and no conversation is stuck on a chunk. As in the full view, a reasoning model that
 * is still thinking says so, and a stopped or interrupted answer says it is not whole. The
 * answer's announcement comes from state (`aria-live`), not from this rendering.
 */
export function renderMessageAsWritten(message: ConversationMessage, state: MessageViewState, ctx: RenderContext, retry: (() => void) | undefined): TemplateResult {
  const { role, parts } = message;
  const failed = !!retry;
  const lastTextIndex = parts.map((part) => part.type).lastIndexOf('text');
  // As in the full view: still thinking while nothing has come after the reasoning so far (its
  // text waits for the views). Persistence marks only an answer with no finish reason as
  // interrupted, so one note at most; one that failed is not whole either.
  const note = message.interrupted || message.error
    ? ctx.t.interrupted
    : message.finishReason === 'abort'
      ? ctx.t.stopped
      : state.streaming && parts[parts.length - 1]?.type === 'reasoning'
        ? ctx.t.thinking
        : '';
  return html`<article part="message ${role}" class="message ${role}" data-message-id=${message.id}>
    <span class="visually-hidden">${role === 'user' ? ctx.t.you : ctx.t.assistant}:</span>
    <div part="bubble ${role}-bubble" class="bubble" dir="auto">${parts.map((part, index) =>
      part.type === 'tool-call'
        ? // The decision waits for the card (its arguments, a plug-in's preview), as in the full
          // view: Approve must not vanish under the person's pointer or focus when the views arrive.
          // The message id made safe for an idref as `domId` (dom-id.ts) does.
          renderActionFrame(part, message, `action-title-${escape(message.id)}-${index}`, ctx, failed, !failed && part.state === 'pending-approval' ? html`<p class="part-loading">${ctx.t.partLoading}</p>` : nothing)
        : part.type !== 'text'
          ? nothing
          : role === 'user'
            ? part.text
            : renderText(part, state.streaming && index === lastTextIndex, ctx),
    )}</div>
    ${note ? html`<p class="message-note">${note}</p>` : nothing}
    ${failed && state.last
      ? html`<p class="part-failed" role="alert">${ctx.t.partLoadFailed} <button class="button retry" type="button" @click=${retry}>${ctx.t.retry}</button></p>`
      : nothing}
  </article>`;
}
