import { html, nothing, type TemplateResult } from 'lit';
import type { ParleyTranslation } from '../i18n/translation.js';

export interface ComposerState {
  t: ParleyTranslation;
  placeholder: string;
  value: string;
  streaming: boolean;
  /** A turn is in flight or an action waits: Send does nothing until it ends. */
  locked: boolean;
  awaitingAction: boolean;
  /** The field itself: the element keeps it, so a render it held back cannot leave stale text in it. */
  onInput(field: HTMLTextAreaElement): void;
  onSend(): void;
  onStop(): void;
}

/**
 * Enter sends, but not while an IME is composing: Chinese input confirms a candidate with
 * Enter, and Chromium reports that keydown with `isComposing` or, after compositionend in some
 * IMEs, keyCode 229 (SECURITY-NOTES §5).
 */
export function isSendKey(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229;
}

export function renderComposer(state: ComposerState): TemplateResult {
  const { t } = state;
  const onKeydown = (event: KeyboardEvent) => {
    if (!isSendKey(event)) return;
    event.preventDefault();
    state.onSend();
  };
  return html`<form part="composer" class="composer" @submit=${(event: Event) => (event.preventDefault(), state.onSend())}>
    ${state.awaitingAction ? html`<p class="composer-notice">${t.awaitingAction}</p>` : nothing}
    <div class="composer-row">
      <textarea
        part="input"
        class="field input"
        rows="1"
        dir="auto"
        aria-label=${t.inputLabel}
        placeholder=${state.placeholder}
        .value=${state.value}
        @input=${(event: Event) => state.onInput(event.target as HTMLTextAreaElement)}
        @keydown=${onKeydown}
      ></textarea>
      ${state.streaming
        ? html`<button part="stop" class="button stop" type="button" @click=${state.onStop}>${t.stop}</button>`
        : nothing}
      <button part="send" class="button primary send" type="submit" aria-disabled=${state.locked || !state.value.trim()}>
        ${t.send}
      </button>
    </div>
  </form>`;
}
