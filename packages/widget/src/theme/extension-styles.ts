import { css } from 'lit';

/**
 * Styles of the issue 5 pieces at start: slots, model picker, starter prompts and the watermark
 * (the transcript views, action cards, source cards and the comment form bring their own with
 * their code). Chromium 80: no flex `gap`, no `inset`.
 */
export const extensionStyles = css`
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
    margin-inline-end: var(--_space);
  }
  .header > * + * {
    margin-inline-start: 4px;
  }
  .model-picker {
    font-size: 0.85em;
    padding: 2px 4px;
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
    .suggestion {
      border: 1px solid CanvasText;
    }
    .watermark-tile {
      color: GrayText;
    }
    button:focus,
    input:focus,
    textarea:focus,
    select:focus {
      outline-color: Highlight;
    }
  }
`;
