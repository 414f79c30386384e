import { css } from 'lit';

/**
 * Chromium 80 is a target (360 / QQ browsers): no flexbox `gap`, `inset`, `:is()`,
 * `aspect-ratio`; `:focus-visible` only refines a `:focus` ring that old engines keep. Margins,
 * paddings and borders on one side are logical (`margin-inline-start`, Chromium 69), so a
 * `dir="rtl"` page gets the layout mirrored; not `inset-inline-*` or a two-value `margin-inline`
 * (Chromium 87).
 */
export const parleyChatStyles = css`
  :host {
    display: block;
  }
  :host([hidden]),
  [hidden] {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  button,
  textarea,
  a,
  [tabindex],
  summary {
    outline: none;
  }
  button:focus,
  textarea:focus,
  input:focus,
  select:focus,
  a:focus,
  summary:focus,
  [tabindex]:focus {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: 2px;
  }
  button:focus:not(:focus-visible),
  [tabindex]:focus:not(:focus-visible) {
    outline: none;
  }

  /* Type is set here, not on :host: a page rule for the element itself (a reset's "* { font-size }")
     beats :host, and would override the tokens. */
  .panel {
    position: relative;
    display: flex;
    flex-direction: column;
    color: var(--_text);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: var(--_line-height);
    height: var(--_height);
    background: var(--_bg);
    border: var(--_border-width, 1px) solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  /* Traditional Chinese in Traditional fonts: a Simplified one draws mainland glyph shapes and punctuation. */
  .panel:lang(zh-TW) {
    font-family: var(--parley-font-family, system-ui, -apple-system, 'Segoe UI', 'PingFang TC', 'Microsoft JhengHei', sans-serif);
  }
  .header {
    display: flex;
    align-items: center;
    padding: var(--_space) calc(var(--_space) * 1.5);
    background: var(--_surface);
    border-bottom: var(--_border-width, 1px) solid var(--_border);
  }
  .heading,
  ::slotted([slot='header']) {
    flex: 1;
    margin: 0;
    font-size: 1.05em;
    font-weight: var(--_heading-weight);
  }
  .messages {
    flex: 1;
    overflow-y: auto;
    padding: calc(var(--_space) * 1.5);
    overscroll-behavior: contain;
  }
  /* Observed to know whether the person is at the bottom of the transcript. */
  .messages > .scroll-anchor {
    height: 1px;
  }
  .empty {
    color: var(--_muted);
    text-align: center;
    margin: calc(var(--_space) * 4) 0;
  }
  .message {
    /* Holds its visually hidden name: outside the scrolling transcript it would widen what the panel can scroll. */
    position: relative;
    display: flex;
    flex-direction: column;
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .message.user {
    align-items: flex-end;
  }
  .bubble {
    max-width: 100%;
    overflow-wrap: anywhere;
  }
  .user .bubble {
    max-width: 85%;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_user-bubble);
    color: var(--_user-text);
    white-space: pre-wrap;
    border: var(--_border-width, 0) solid var(--_border);
  }
  .assistant .bubble {
    color: var(--_assistant-text);
    background: var(--_assistant-bubble);
  }
  /* An answer's text while <parley-markdown>'s code is still loading: as written, lines kept. */
  parley-markdown:not(:defined) {
    white-space: pre-wrap;
  }
  .bubble > * + * {
    margin-top: var(--_space);
  }
  /* A stopped, interrupted or still thinking answer, and the line of a part whose code loads: the
     message fallback shows them too. */
  .message-note {
    margin: 4px 0 0;
    color: var(--_muted);
    font-size: 0.85em;
    font-style: italic;
  }
  .part-loading,
  .part-failed {
    margin: 4px 0;
    font-size: 0.9em;
    color: var(--_muted);
  }
  .part-failed {
    color: var(--_error);
  }

  .button,
  .tool {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius-small);
  }
  .button {
    padding: 6px 14px;
    border: var(--_border-width, 1px) solid var(--_border);
    background: var(--_bg);
    color: var(--_text);
  }
  .button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: default;
  }
  .tool {
    padding: 2px 6px;
    border: 1px solid transparent;
    background: transparent;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .tool:hover {
    color: var(--_text);
    border-color: var(--_border);
  }

  .action {
    padding: var(--_space) calc(var(--_space) * 1.5);
    background: var(--_surface);
    border: var(--_border-width, 1px) solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_card-shadow);
  }
  .action-title {
    font-weight: var(--_heading-weight);
  }
  /* Approve / Reject, here for the fallback that offers them when a card's code could not be loaded. */
  .action-buttons {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    margin-top: var(--_space);
  }
  .action-buttons > * {
    margin: 0 0 4px;
    margin-inline-end: var(--_space);
  }
  .error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    padding: var(--_space) calc(var(--_space) * 1.5);
    color: var(--_error);
    background: var(--_error-bg);
    border: var(--_border-width, 1px) solid var(--_error);
    border-radius: var(--_radius);
  }
  .error > * {
    margin-inline-end: var(--_space);
  }
  .error-message {
    font-weight: 600;
  }
  .error-detail {
    /* A line of its own (1 1 100%). */
    flex: 100%;
    font-size: 0.85em;
  }

  .composer {
    padding: var(--_space);
    border-top: var(--_border-width, 1px) solid var(--_border);
    background: var(--_bg);
  }
  .composer-notice {
    margin: 0 0 6px;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .composer-row {
    display: flex;
    align-items: flex-end;
  }
  .composer-row > * + * {
    margin-inline-start: 6px;
  }
  /* Every text field: the composer, the model picker, and those of lazily loaded parts (action edits, comments). */
  .field {
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: var(--_border-width, 1px) solid var(--_border);
    border-radius: var(--_radius-small);
  }
  .input {
    flex: 1;
    min-height: 2.5em;
    max-height: 10em;
    resize: none;
    padding: 6px 10px;
    field-sizing: content;
  }
  .input::placeholder {
    color: var(--_muted);
  }

  /* The launcher's corner stays physical under dir="rtl" (bottom right, the panel opening above
     it and to its left): inset-inline-* needs Chromium 87. */
  :host([mode='launcher']) {
    position: fixed;
    right: 24px;
    bottom: 24px;
    z-index: var(--_z);
  }
  .launcher {
    display: block;
    width: 56px;
    height: 56px;
    margin-left: auto;
    border: none;
    border-radius: 50%;
    background: var(--_accent);
    color: var(--_on-accent);
    font-size: 24px;
    cursor: pointer;
    box-shadow: var(--_shadow);
  }
  /* A speech bubble drawn by its border (currentColor; forced colours keep borders, not backgrounds). */
  .launcher-icon:empty::before {
    content: '';
    display: block;
    width: 4px;
    height: 0;
    margin: auto;
    border: 9px solid;
    border-radius: 6px 6px 6px 0;
  }
  :host([mode='launcher']) .panel {
    position: absolute;
    right: 0;
    bottom: 68px;
    width: var(--_width);
    max-width: calc(100vw - 32px);
    height: var(--_height);
    max-height: calc(100vh - 112px);
    box-shadow: var(--_shadow);
  }

  @media (forced-colors: active) {
    .panel,
    .button,
    .action,
    .error,
    .input,
    .user .bubble {
      border: 1px solid CanvasText;
    }
    .launcher {
      border: 2px solid ButtonText;
    }
  }
`;
