import { css } from 'lit';

/**
 * Styles of the issue 5 pieces: slots, model picker, starter prompts, action editing, source
 * opening, data blocks, feedback comments and the watermark. Chromium 80: no flex `gap`, no `inset`.
 */
export const extensionStyles = css`
  :host {
    line-height: var(--_line-height);
  }
  button:focus,
  textarea:focus,
  input:focus,
  select:focus,
  a:focus,
  summary:focus,
  [tabindex]:focus {
    outline-width: var(--_focus-width);
  }
  input:focus,
  select:focus {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: 2px;
  }
  .heading,
  ::slotted([slot='header']) {
    flex: 1;
  }
  .heading,
  .action-title {
    font-weight: var(--_heading-weight);
  }
  ::slotted([slot='footer']) {
    display: block;
    padding: 4px var(--_space);
    color: var(--_muted);
    font-size: 0.8em;
    background: var(--_bg);
  }
  ::slotted([slot='logo']) {
    flex: none;
    max-height: 28px;
    margin-right: var(--_space);
  }
  .header > * + * {
    margin-left: 4px;
  }
  .button,
  .tool,
  .citation,
  .input {
    border-radius: var(--_radius-small);
  }
  .model-picker {
    font: inherit;
    font-size: 0.85em;
    color: var(--_text);
    background: var(--_bg);
    border: var(--_border-width, 1px) solid var(--_border);
    border-radius: var(--_radius-small);
    padding: 2px 4px;
  }
  .assistant .bubble {
    color: var(--_assistant-text);
  }

  .empty-state {
    text-align: center;
    margin: calc(var(--_space) * 3) 0;
  }
  .empty-state .empty {
    margin: 0 0 var(--_space);
  }
  .suggestions {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
  }
  .suggestions > li {
    margin: 0 4px 6px;
  }
  .button.suggestion {
    border-radius: 999px;
    background: var(--_surface);
  }

  .action {
    box-shadow: var(--_card-shadow);
  }
  .action-body {
    margin: 4px 0;
  }
  .action-args .action-args,
  .readable-list {
    margin: 2px 0 2px calc(var(--_space) * 1.5);
    padding: 0;
  }
  .action-edit-label {
    display: block;
    margin: 6px 0 2px;
    font-size: 0.9em;
    color: var(--_muted);
  }
  .action-edit,
  .action-reason,
  .feedback-comment-input {
    display: block;
    width: 100%;
    margin-top: 4px;
    padding: 6px 8px;
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: var(--_border-width, 1px) solid var(--_border);
    border-radius: var(--_radius-small);
  }
  .action-edit {
    font-family: var(--parley-font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    font-size: 0.88em;
    resize: vertical;
  }
  .action-edit[aria-invalid='true'] {
    border-color: var(--_error);
  }
  .action-error {
    margin: 4px 0;
    color: var(--_error);
    font-size: 0.9em;
  }
  .action-note {
    margin: 2px 0;
    color: var(--_muted);
    font-size: 0.85em;
    font-style: italic;
  }
  .action-state-icon::before {
    margin-right: 6px;
  }
  [data-state='pending-approval'] .action-state-icon::before {
    content: '○';
  }
  [data-state='running'] .action-state-icon::before {
    content: '◌';
  }
  [data-state='done'] .action-state-icon::before {
    content: '✓';
    color: var(--_success);
  }
  [data-state='rejected'] .action-state-icon::before {
    content: '–';
  }
  [data-state='error'] .action-state-icon::before {
    content: '✕';
    color: var(--_error);
  }
  [data-state='error'] > .action-state {
    color: var(--_error);
  }
  .action-result {
    display: block;
    color: var(--_text);
  }
  .action-buttons {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
  }
  .action-buttons > * {
    margin-bottom: 4px;
  }
  .action-reason {
    flex: 1 1 12em;
    width: auto;
    margin-top: 0;
  }
  .status-step[data-state='done'] > .status-icon::before {
    color: var(--_success);
  }
  .status-step[data-state='error'] {
    color: var(--_error);
  }

  .citation:focus {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: 2px;
  }
  .citation-open {
    padding: 0;
    border: none;
    background: none;
    font: inherit;
    color: var(--_accent);
    text-align: left;
    text-decoration: underline;
    cursor: pointer;
  }

  .feedback-comment {
    display: flex;
    align-items: center;
    margin-top: 4px;
  }
  .feedback-comment > * + * {
    margin-left: 6px;
  }
  .feedback-comment-input {
    flex: 1;
    margin-top: 0;
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
  .feedback-thanks {
    margin: 4px 0 0;
    color: var(--_muted);
    font-size: 0.85em;
  }

  .panel {
    position: relative;
  }
  .watermark {
    position: absolute;
    top: 0;
    right: 0;
    bottom: 0;
    left: 0;
    z-index: 2;
    display: flex;
    flex-wrap: wrap;
    align-content: space-around;
    justify-content: space-around;
    overflow: hidden;
    pointer-events: none;
    user-select: none;
    -webkit-user-select: none;
  }
  .watermark-tile::before {
    content: attr(data-text);
  }
  .watermark-tile {
    padding: 28px 6px;
    color: var(--_watermark);
    font-size: 13px;
    white-space: nowrap;
    transform: rotate(-24deg);
  }

  @media (forced-colors: active) {
    .model-picker,
    .action-edit,
    .action-reason,
    .feedback-comment-input,
    .suggestion {
      border: 1px solid CanvasText;
    }
    .watermark-tile {
      color: GrayText;
    }
    .citation:focus,
    button:focus,
    input:focus,
    textarea:focus,
    select:focus {
      outline-color: Highlight;
    }
  }
`;
