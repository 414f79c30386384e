import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationMessage, MessagePartOf } from '@parley/client';
import type { ParleyTranslation } from '../i18n/translation.js';
import type { RenderContext } from './render-context.js';

/**
 * Why the last Approve on a frame was refused, by the call itself (not its id: Ollama numbers
 * calls `call_0`… in every answer, and two elements on a page may hold the same id).
 */
const refusals = new WeakMap<object, string>();

/**
 * An action card's frame while its code is not in (the card's chunk, or the transcript views'):
 * the person sees at once what is asked, with `pending` (a loading line, or Retry) under it.
 * Busy until the code comes, so Approve is not offered blind; if it could not be loaded
 * (`failed`), the decision can still be made, without editing, so no conversation is stuck.
 * `titleId`: the id of its title, which names it, unique in the transcript (its answer's id and
 * which of its parts, or of its tool calls, it is). Numbered as the card is (`numberedIn`).
 */
export function renderActionFrame(part: MessagePartOf<'tool-call'>, message: ConversationMessage, titleId: string, ctx: RenderContext, failed: boolean, pending: unknown): TemplateResult {
  const { extensions: ext, t } = ctx;
  const { toolCall } = part;
  const name = ext.actionTitle(toolCall.name);
  const numbered = numberedIn(message, part, name, ctx);
  // An Approve the conversation refused (its argument checks could not load either, or refused
  // the model's arguments) is said on the frame: nothing ran, and the call still awaits a decision.
  // A later refusal replaces it; once decided, the call is no longer pending and it is not shown.
  const refuse = (error: unknown) => {
    refusals.set(toolCall, String((error as Error)?.message ?? error));
    ext.rerender();
  };
  const approve = () => {
    const approving = ext.approve(toolCall.id);
    typeof approving === 'string' ? refuse(approving) : approving.catch(refuse);
  };
  const refusal = part.state === 'pending-approval' && refusals.get(toolCall);
  return html`<div part="action" class="action" role="group" aria-labelledby=${titleId} aria-busy=${failed ? nothing : 'true'} data-state=${part.state} data-action=${toolCall.name}>
    <div class="action-title" id=${titleId}>${numbered(t.actionRequested(name))}</div>
    ${pending} ${failed && part.state === 'pending-approval'
      ? html`<div class="action-buttons">
          <button part="action-approve" class="button primary" type="button" aria-label=${numbered(decisionName(t.approve, t.approveAction, name))} @click=${approve}>${t.approve}</button>
          <button part="action-reject" class="button" type="button" aria-label=${numbered(decisionName(t.reject, t.rejectAction, name))} @click=${() => ext.reject(toolCall.id)}>${t.reject}</button>
        </div>`
      : nothing}
    ${refusal ? html`<p class="action-error" role="alert">${refusal}</p>` : nothing}
  </div>`;
}

/**
 * The name of a card's Approve or Reject, or of a question's Edit: the shown word first (voice
 * control), then the action (the question), as the table words it (`approveAction`, `rejectAction`,
 * `editQuestionName`); a table without that wording (a host's, from before there was one) joins its
 * own word and the action with a space, as English does. So does one whose wording lacks the word
 * shown: a host's `labels` that changed `approve` over a language's table keeps that table's
 * wording, with the table's word, which is not on the button. Asked of the wording without the
 * name: a question, or an action's title, may hold the host's word ("修改 PO-7…" under 修改).
 */
export const decisionName = (word: string, wording: ParleyTranslation['approveAction'], name: string): string =>
  wording?.('').includes(word) ? wording(name) : `${word} ${name}`;

/**
 * Cards of one action in an answer are told apart by which of them they are ("(2 of 3)"), not only
 * by place: in their title and their Approve / Reject names, the card's and its frame's alike.
 * `name`: the action's title (`actionTitle`), which tells one action from another.
 */
export function numberedIn(message: ConversationMessage, part: MessagePartOf<'tool-call'>, name: string, { extensions: ext, t }: RenderContext): (label: string) => string {
  const same = message.parts.filter((other) => other.type === 'tool-call' && ext.actionTitle(other.toolCall.name) === name);
  return (label) => (same.length > 1 ? t.actionNumbered!(label, String(same.indexOf(part) + 1), String(same.length)) : label);
}
