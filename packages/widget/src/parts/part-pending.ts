import { html, type TemplateResult } from 'lit';
import type { ParleyTranslation } from '../i18n/translation.js';

/**
 * What shows in the place of a part while its code loads (a short line in the answer), or when
 * it could not be loaded: an alert with Retry, so nothing is silently missing.
 */
export function renderPartPending(failed: boolean, t: ParleyTranslation, retry: () => void): TemplateResult {
  return failed
    ? html`<p class="part-failed" role="alert">${t.partLoadFailed} <button class="button retry" type="button" @click=${retry}>${t.retry}</button></p>`
    : html`<p class="part-loading">${t.partLoading}</p>`;
}
