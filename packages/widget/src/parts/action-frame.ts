import { html, nothing, type TemplateResult } from 'lit';
import type { MessagePartOf } from '@parley/client';
import type { RenderContext } from './render-context.js';

/**
 * An action card's frame while its code is not in (the card's chunk, or the transcript views'):
 * the person sees at once what is asked, with `pending` (a loading line, or Retry) under it.
 * Busy until the code comes, so Approve is not offered blind; if it could not be loaded
 * (`failed`), the decision can still be made, without editing, so no conversation is stuck.
 */
export function renderActionFrame(part: MessagePartOf<'tool-call'>, ctx: RenderContext, failed: boolean, pending: unknown): TemplateResult {
  const { extensions: ext, t } = ctx;
  const title = t.actionRequested(ext.actionTitle(part.toolCall.name));
  return html`<div part="action" class="action" role="group" aria-label=${title} aria-busy=${failed ? nothing : 'true'} data-state=${part.state} data-action=${part.toolCall.name}>
    <div class="action-title">${title}</div>
    ${pending} ${failed && part.state === 'pending-approval'
      ? html`<div class="action-buttons">
          <button part="action-approve" class="button primary" type="button" @click=${() => ext.approve(part.toolCall.id)}>${t.approve}</button>
          <button part="action-reject" class="button" type="button" @click=${() => ext.reject(part.toolCall.id)}>${t.reject}</button>
        </div>`
      : nothing}
  </div>`;
}
