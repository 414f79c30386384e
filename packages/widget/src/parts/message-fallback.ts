import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationMessage, MessagePartOf } from '@parley/client';
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
  // interrupted, so one note at most.
  const note = message.interrupted
    ? ctx.t.interrupted
    : message.finishReason === 'abort'
      ? ctx.t.stopped
      : state.streaming && parts[parts.length - 1]?.type === 'reasoning'
        ? ctx.t.thinking
        : '';
  return html`<article part="message ${role}" class="message ${role}" data-message-id=${message.id}>
    <span class="visually-hidden">${role === 'user' ? ctx.t.you : ctx.t.assistant}:</span>
    <div class="bubble">${parts.map((part, index) =>
      part.type === 'tool-call'
        ? renderActionDecision(part, ctx, failed)
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

/**
 * While the views are on their way the frame is `aria-busy`, and the decision waits for the card
 * (its arguments, a plug-in's preview), as in the full view: Approve must not be offered blind,
 * nor vanish under the person's pointer or focus when the views arrive. If they could not be
 * loaded, the decision can still be made, so no conversation is stuck on a chunk.
 */
function renderActionDecision(part: MessagePartOf<'tool-call'>, ctx: RenderContext, failed: boolean): TemplateResult {
  const { extensions: ext, t } = ctx;
  const title = t.actionRequested(ext.actionTitle(part.toolCall.name));
  return html`<div part="action" class="action" role="group" aria-label=${title} aria-busy=${failed ? nothing : 'true'} data-state=${part.state} data-action=${part.toolCall.name}>
    <div class="action-title">${title}</div>
    ${part.state !== 'pending-approval'
      ? nothing
      : !failed
        ? html`<p class="part-loading">${t.partLoading}</p>`
        : html`<div class="action-buttons">
          <button part="action-approve" class="button primary" type="button" @click=${() => ext.approve(part.toolCall.id)}>${t.approve}</button>
          <button part="action-reject" class="button" type="button" @click=${() => ext.reject(part.toolCall.id)}>${t.reject}</button>
        </div>`}
  </div>`;
}
