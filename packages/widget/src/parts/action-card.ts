import { html, nothing, type TemplateResult } from 'lit';
import type { MessagePartOf, ToolCallState } from '@parley/client';
import type { RenderContext } from './render-context.js';

/**
 * An agent action the model asked for: what, with which arguments, and Approve / Reject while
 * it waits. The decision buttons always stay the widget's own, whatever a plug-in renders.
 */
export function renderActionCard(part: MessagePartOf<'tool-call'>, ctx: RenderContext): TemplateResult {
  const { t } = ctx;
  const { toolCall, state } = part;
  const stateLabel: Record<ToolCallState, string> = {
    'pending-approval': t.actionPending,
    running: t.actionRunning,
    done: t.actionDone,
    rejected: t.actionRejected,
    error: t.actionFailed,
  };
  return html`<div part="action" class="action" role="group" aria-label=${t.actionRequested(toolCall.name)} data-state=${state}>
    <div class="action-title">${t.actionRequested(toolCall.name)}</div>
    ${renderArguments(toolCall.args)}
    <div class="action-state">${stateLabel[state]}${part.error ? html`: ${part.error}` : nothing}${part.reason ? html`: ${part.reason}` : nothing}</div>
    ${state === 'pending-approval'
      ? html`<div class="action-buttons">
          <button part="action-approve" class="button primary" @click=${() => ctx.approve(toolCall.id)}>${t.approve}</button>
          <button part="action-reject" class="button" @click=${() => ctx.reject(toolCall.id)}>${t.reject}</button>
        </div>`
      : nothing}
  </div>`;
}

function renderArguments(args: unknown): TemplateResult {
  if (args && typeof args === 'object' && !Array.isArray(args)) {
    return html`<dl class="action-args">
      ${Object.entries(args).map(([key, value]) => html`<dt>${key}</dt><dd>${formatValue(value)}</dd>`)}
    </dl>`;
  }
  return html`<pre class="action-args">${formatValue(args)}</pre>`;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
