import { html, nothing, type TemplateResult } from 'lit';
import type { ConversationMessage, StatusStep } from '@parley/client';
import type { RenderContext } from './render-context.js';
import { transcriptStrings } from './transcript-english.js';

/**
 * Progress steps (research, retrieval, tool progress), updated in place by id by the conversation.
 * A step still running when its answer ended without finishing (stopped, failed, or cut off by a
 * reload: `interrupted`) will never be updated again: it shows as stopped, not as in progress.
 * Derived here, not stored: the wire's step states are `running`, `done` and `error`, and answers
 * stored before this rule show right too.
 */
export function renderStatusList(steps: readonly StatusStep[], message: ConversationMessage, ctx: RenderContext): TemplateResult {
  const ended = message.finishReason === 'abort' || message.finishReason === 'error' || message.interrupted;
  const t = transcriptStrings(ctx.t);
  const stateLabel = { running: t.statusRunning, done: t.statusDone, error: t.statusError, stopped: t.stopped };
  return html`<ul part="status" class="status-list">
    ${steps.map((step) => {
      const state = ended && step.state === 'running' ? 'stopped' : step.state;
      return html`<li class="status-step" data-state=${state}>
        <span class="status-icon" aria-hidden="true"></span>
        <span class="status-label">${step.label}</span>
        <span class="visually-hidden">(${stateLabel[state]})</span>
        ${step.detail ? html`<span class="status-detail">${step.detail}</span>` : nothing}
      </li>`;
    })}
  </ul>`;
}
