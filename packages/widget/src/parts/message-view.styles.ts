import { css } from 'lit';

/**
 * What only messages need beyond the fallback's bubbles, notes and loading lines
 * (parley-chat.styles.ts): their groups, times, answer tools, reasoning, progress steps. They come
 * with the transcript views' chunk. Chromium 80: no flex `gap`, no `:is()`.
 */
export const messageStyles = css`
  /* A settled group of messages lays out and paints on its own (transcript-groups.ts): older
     messages revealed above it or the answer streaming below do not lay it out again. Not
     content-visibility: auto: Chromium leaves a skipped group's messages out of a screen reader's
     tree built meanwhile. The clip margin keeps the focus ring of a link at the group's edge whole
     (Chromium 90+). */
  .message-group.settled {
    contain: content;
    overflow-clip-margin: 4px;
  }
  .message-time {
    color: var(--_muted);
    font-size: 0.8em;
  }
  .message-tools {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    margin-top: 4px;
  }
  .message-tools > * {
    margin-inline-end: 4px;
  }
  /* A question's Edit shows where a fine pointer can hover when the question is hovered or
     focused within (a touch laptop's finger cannot hover: shown there); it is always in the tab
     order and the accessibility tree (opacity, not display). */
  @media (hover: hover) and (pointer: fine) {
    .user .edit {
      opacity: 0;
    }
    .user:hover .edit,
    .user:focus-within .edit {
      opacity: 1;
    }
  }
  .question-edit {
    align-self: stretch;
    margin-inline-start: 15%;
  }
  .question-edit-input {
    display: block;
    box-sizing: border-box;
    width: 100%;
    min-height: 4em;
    max-height: 16em;
    padding: 6px 10px;
    resize: vertical;
    field-sizing: content;
  }
  .question-edit-note {
    margin: 4px 0 0;
    color: var(--_muted);
    font-size: 0.85em;
  }
  .question-edit-buttons {
    display: flex;
    justify-content: flex-end;
    margin-top: 6px;
  }
  .question-edit-buttons > * + * {
    margin-inline-start: 6px;
  }
  @media (forced-colors: active) {
    .question-edit-input {
      border: 1px solid CanvasText;
    }
  }
  .feedback-up svg,
  .feedback-down svg {
    vertical-align: -0.15em;
    fill: none;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linejoin: round;
  }
  .feedback-down svg {
    transform: rotate(180deg);
  }
  .tool[aria-pressed='true'] svg {
    fill: currentColor;
  }
  /* A thumb given, an action card being edited: only messages have pressed tools. */
  .tool[aria-pressed='true'] {
    color: var(--_text);
    border-color: var(--_border);
  }
  .reasoning {
    color: var(--_muted);
    border-inline-start: 3px solid var(--_border);
    padding-inline-start: var(--_space);
  }
  .reasoning summary {
    cursor: pointer;
  }
  .reasoning-text {
    white-space: pre-wrap;
    font-size: 0.92em;
  }
  .citations-heading {
    margin: 0 0 4px;
    font-size: 0.85em;
    color: var(--_muted);
    font-weight: 600;
  }
  a {
    color: var(--_accent);
  }
  .status-list {
    list-style: none;
    margin: 0;
    padding: 0;
    color: var(--_muted);
    font-size: 0.9em;
  }
  .status-icon::before {
    content: '○';
    margin-inline-end: 6px;
  }
  [data-state='running'] > .status-icon::before {
    content: '◌';
  }
  [data-state='done'] > .status-icon::before {
    content: '✓';
    color: var(--_success);
  }
  [data-state='error'] > .status-icon::before {
    content: '✕';
  }
  [data-state='stopped'] > .status-icon::before {
    content: '■';
  }
  .status-detail {
    margin-inline-start: 6px;
  }
  .status-step[data-state='error'] {
    color: var(--_error);
  }
`;
