import { css } from 'lit';

/**
 * The card's insides; its frame (`.action`, `.action-title`) and the Approve / Reject row are in
 * the element's styles, for the frame shown while this loads and the decision offered if it cannot.
 */
export const actionCardStyles = css`
  .action-body {
    margin: 4px 0;
  }
  .action-args {
    margin: 4px 0;
    font-size: 0.9em;
    white-space: pre-wrap;
  }
  .action-args dt,
  .action-state,
  .action-edit-label,
  .action-note {
    color: var(--_muted);
  }
  .action-args dd {
    margin: 0 0 4px;
  }
  .action-args .action-args,
  .readable-list {
    margin: 2px 0;
    margin-inline-start: calc(var(--_space) * 1.5);
    padding: 0;
  }
  .action-state,
  .action-edit-label,
  .action-error {
    font-size: 0.9em;
  }
  .action-edit-label {
    display: block;
    margin: 6px 0 2px;
  }
  .action-edit,
  .action-reason {
    display: block;
    width: 100%;
    margin-top: 4px;
    padding: 6px 8px;
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
  }
  .action-note {
    margin: 2px 0;
    font-size: 0.85em;
    font-style: italic;
  }
  .action-state-icon::before {
    margin-inline-end: 6px;
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
  .action-reason {
    flex: 1 1 12em;
    width: auto;
    margin-top: 0;
  }
  @media (forced-colors: active) {
    .action-edit,
    .action-reason {
      border: 1px solid CanvasText;
    }
  }
`;
