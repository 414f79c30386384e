import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationMessage, MessagePartOf, ToolCallState } from '@parley/client';
import type { RenderContext } from './render-context.js';
import { findHook, renderHook } from '../plugins/plugin-hooks.js';
import type { PartExtensions } from './part-extensions.js';
import { actionEditsOf } from './action-edits.js';
import { renderValue } from './readable-value.js';
import { actionCardEnglish } from './action-card-english.js';
import { decisionName, numberedIn } from './action-frame.js';

// Loaded with the renderer (on first use), adopted by the element that shows the card.
export { actionCardStyles } from './action-card.styles.js';

type ToolCallPart = MessagePartOf<'tool-call'>;

/**
 * An agent action the model asked for (part `action`): its title, its arguments, Approve / Edit /
 * Reject while it waits, then its state. A plug-in may render the body; the decision buttons
 * always stay the widget's own, so no plug-in can act without the person. With several cards,
 * Approve and Reject are named with the action's title, the shown word first (voice control), so
 * a screen reader's list of buttons tells them apart; Edit, a toggle, and the reason box keep
 * their names and are described by the card's title. Cards of the same action in one answer are
 * numbered ("(2 of 3)") in their title and names. The card is named by its title (read once), and
 * keyed by its place in the transcript, not by the call's id, which a gateway may repeat.
 */
export function renderActionCard(part: ToolCallPart, key: string, message: ConversationMessage, ctx: RenderContext, ext: PartExtensions): TemplateResult {
  const t = { ...actionCardEnglish, ...ctx.t };
  const { toolCall, state } = part;
  const edits = actionEditsOf(ext);
  const name = ext.actionTitle(toolCall.name);
  const numbered = numberedIn(message, part, name, ctx);
  // Drafts and element ids by the card's place in the transcript (`key`, from message-view), not
  // by the call's id: a gateway may repeat one (an agent loop's steps, the next answer), and a card
  // must not show another's. Its place among the answer's tool calls, not among its parts: a
  // moderation `replace` takes out the text before the cards (a retry's wait step goes too), while
  // tool calls are only appended.
  const draft = edits.get(key);
  const editing = state === 'pending-approval' && draft?.text !== undefined;
  const waiting = draft?.waiting === true;
  const stateLabel: Record<ToolCallState, string> = {
    'pending-approval': t.actionPending,
    running: t.actionRunning,
    done: t.actionDone,
    rejected: t.actionRejected,
    error: t.actionFailed,
  };
  const custom = editing ? undefined : pluginBody(part, message, ctx, ext);
  const colon = t.markdown?.colon ?? ': ';
  const errorId = `action-error-${key}`;
  const titleId = `action-title-${key}`;

  const approve = () => {
    let edited: unknown;
    if (editing) {
      try {
        edited = JSON.parse(edits.get(key)?.text ?? '');
      } catch (error) {
        return edits.fail(key, t.actionInvalidJson(describe(error)));
      }
    }
    const approving = ext.approve(toolCall.id, edited);
    if (typeof approving === 'string') return edits.fail(key, approving);
    // Until it has gone through, no second decision: a restored call may wait for its checks.
    edits.wait(key);
    approving.then(
      // Not awaiting a decision here any more (another tab approved it: it runs once, there).
      (approved) => (approved ? edits.settle(key) : edits.fail(key, t.actionNotAwaiting)),
      // Refused after that wait (the checks could not load, or refused the edits): the card says
      // why, with the person's edits back in the editor; the call still awaits a decision.
      (error: unknown) => {
        if (edited !== undefined) edits.startEditing(key, edited);
        edits.fail(key, describe(error));
      },
    );
  };
  const reject = () => {
    // Read at click time: typing updates the draft without a render.
    const reason = edits.get(key)?.reason?.trim();
    void ext.reject(toolCall.id, reason || undefined).then((rejected) => rejected || edits.fail(key, t.actionNotAwaiting));
    edits.settle(key);
  };

  return html`<div part="action" class="action" role="group" aria-labelledby=${titleId} data-state=${state} data-action=${toolCall.name}>
    <div class="action-title" id=${titleId}>${numbered(t.actionRequested(name))}</div>
    ${editing
      ? html`<label class="action-edit-label">
            ${t.actionArgumentsLabel}
            <textarea
              class="field action-edit"
              rows="6"
              spellcheck="false"
              aria-invalid=${!!draft?.error}
              aria-describedby=${draft?.error ? errorId : nothing}
              .value=${draft?.text ?? ''}
              @input=${(event: Event) => edits.type(key, { text: (event.target as HTMLTextAreaElement).value })}
            ></textarea>
          </label>
          ${draft?.error ? html`<p id=${errorId} class="action-error" role="alert">${draft.error}</p>` : nothing}`
      : html`<div class="action-body">${custom ?? renderValue(part.editedArgs ?? toolCall.args)}</div>${
          draft?.error && state === 'pending-approval' ? html`<p class="action-error" role="alert">${draft.error}</p>` : nothing
        }`}
    ${part.editedArgs !== undefined ? html`<p class="action-note">${t.actionEdited}</p>` : nothing}
    <div class="action-state" role="status">
      <span class="action-state-icon" aria-hidden="true"></span>${stateLabel[state]}${part.error ? colon + part.error : nothing}${part.reason ? colon + part.reason : nothing}${state === 'done' && part.result !== undefined
        ? html`<span class="action-result">${t.actionResult(summarize(part.result))}</span>`
        : nothing}
    </div>
    ${state === 'pending-approval'
      ? html`<div class="action-buttons">
          <button part="action-approve" class="button primary" type="button" aria-label=${numbered(decisionName(t.approve, t.approveAction, name))} ?disabled=${waiting} @click=${approve}>${t.approve}</button>
          <button
            class="button action-edit-toggle"
            type="button"
            ?disabled=${waiting}
            aria-pressed=${editing}
            aria-describedby=${titleId}
            @click=${() => (editing ? edits.stopEditing(key) : edits.startEditing(key, part.editedArgs ?? toolCall.args))}
          >
            ${editing ? t.actionCancelEdit : t.actionEdit}
          </button>
          <button part="action-reject" class="button" type="button" aria-label=${numbered(decisionName(t.reject, t.rejectAction, name))} ?disabled=${waiting} @click=${reject}>${t.reject}</button>
          <input
            class="field action-reason"
            type="text"
            aria-label=${t.actionRejectReason}
            aria-describedby=${titleId}
            placeholder=${t.actionRejectReason}
            .value=${draft?.reason ?? ''}
            @input=${(event: Event) => edits.type(key, { reason: (event.target as HTMLInputElement).value })}
          />
        </div>`
      : nothing}
  </div>`;
}

function pluginBody(part: ToolCallPart, message: ConversationMessage, ctx: RenderContext, ext: PartExtensions) {
  const found = findHook(ext.plugins, (plugin) => plugin.actions?.[part.toolCall.name]?.render);
  if (!found) return undefined;
  const pluginCtx = ext.pluginContext(message, ctx.t.locale);
  return renderHook(ext.plugins, found.plugin, `actions.${part.toolCall.name}.render`, () => found.hook.call(undefined, part, pluginCtx));
}

/** A one-line result for the card: the action's own `summary` / `message` if it gave one, else compact JSON. */
function summarize(result: unknown): string {
  if (typeof result === 'string') return clip(result);
  if (result && typeof result === 'object') {
    const record = result as Record<string, unknown>;
    for (const key of ['summary', 'message', 'status']) if (typeof record[key] === 'string') return clip(record[key] as string);
  }
  try {
    return clip(JSON.stringify(result) ?? String(result));
  } catch {
    return clip(String(result));
  }
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));
