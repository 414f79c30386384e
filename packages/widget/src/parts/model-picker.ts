import { html, nothing, type TemplateResult } from 'lit';
import type { ParleyTranslation } from '../i18n/translation.js';

export interface ModelChoice {
  id: string;
  label: string;
}

/** A model picker (`part="model-picker"`) for gateways that serve several models; it changes the next request's model. */
export function renderModelPicker(models: readonly ModelChoice[], selected: string | undefined, t: ParleyTranslation, choose: (id: string) => void): TemplateResult | typeof nothing {
  if (models.length === 0) return nothing;
  const current = models.some((model) => model.id === selected) ? selected : models[0]?.id;
  return html`<label class="model-picker-label">
    <span class="visually-hidden">${t.modelLabel}</span>
    <select part="model-picker" class="field model-picker" @change=${(event: Event) => choose((event.target as HTMLSelectElement).value)}>
      ${models.map((model) => html`<option value=${model.id} ?selected=${model.id === current}>${model.label}</option>`)}
    </select>
  </label>`;
}
