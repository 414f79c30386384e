import { html, nothing, type TemplateResult } from 'lit';
import type { StatusStep } from '@parley/client';
import type { RenderContext } from './render-context.js';

/** Progress steps (research, retrieval, tool progress), updated in place by id by the conversation. */
export function renderStatusList(steps: readonly StatusStep[], ctx: RenderContext): TemplateResult {
  const stateLabel = { running: ctx.t.statusRunning, done: ctx.t.statusDone, error: ctx.t.statusError };
  return html`<ul part="status" class="status-list">
    ${steps.map(
      (step) => html`<li class="status-step" data-state=${step.state}>
        <span class="status-icon" aria-hidden="true"></span>
        <span class="status-label">${step.label}</span>
        <span class="visually-hidden">(${stateLabel[step.state]})</span>
        ${step.detail ? html`<span class="status-detail">${step.detail}</span>` : nothing}
      </li>`,
    )}
  </ul>`;
}
