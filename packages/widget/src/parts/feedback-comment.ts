import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationMessage } from '@parley/client';
import { feedbackCommentsOf } from './feedback-comments.js';
import type { PartExtensions } from './part-extensions.js';
import type { RenderContext } from './render-context.js';
import { feedbackCommentEnglish } from './feedback-comment-english.js';

// Loaded with the renderer (on first use), adopted by the element that shows the form.
export { feedbackCommentStyles } from './feedback-comment.styles.js';

/** After a thumb, an optional comment for the same rating; sending it reports the rating again with the comment. */
export function renderFeedbackComment(message: ConversationMessage, ctx: RenderContext, ext: PartExtensions): TemplateResult | typeof nothing {
  const comments = feedbackCommentsOf(ext);
  const entry = comments.get(message.id);
  if (!entry) return nothing;
  const t = { ...feedbackCommentEnglish, ...ctx.t };
  if (entry.sent) return html`<p class="feedback-thanks" role="status">${t.feedbackThanks}</p>`;
  const submit = (event: Event) => {
    event.preventDefault();
    const comment = entry.text.trim();
    if (!comment) return;
    ctx.feedback(message.id, entry.rating, comment);
    comments.sent(message.id);
  };
  return html`<form class="feedback-comment" @submit=${submit}>
    <input
      class="field feedback-comment-input"
      type="text"
      aria-label=${t.feedbackCommentLabel}
      placeholder=${t.feedbackCommentLabel}
      .value=${entry.text}
      @input=${(event: Event) => comments.type(message.id, (event.target as HTMLInputElement).value)}
    />
    <button class="button feedback-comment-send" type="submit">${t.feedbackCommentSend}</button>
    <button class="tool feedback-comment-dismiss" type="button" @click=${() => comments.dismiss(message.id)}>${t.feedbackCommentDismiss}</button>
  </form>`;
}
