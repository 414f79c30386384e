import { html, nothing, type TemplateResult } from 'lit';
import type { ParleyTranslation } from '../i18n/translation.js';

/** Starter prompts on the empty conversation; choosing one sends it. */
export function renderStarterPrompts(prompts: readonly string[], t: ParleyTranslation, send: (text: string) => void): TemplateResult | typeof nothing {
  if (prompts.length === 0) return nothing;
  return html`<ul class="suggestions" aria-label=${t.suggestionsLabel}>
    ${prompts.map((prompt) => html`<li><button class="button suggestion" type="button" @click=${() => send(prompt)}>${prompt}</button></li>`)}
  </ul>`;
}
