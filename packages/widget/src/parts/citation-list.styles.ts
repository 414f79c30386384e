import { css } from 'lit';

/** The source cards; the section heading is in the element's styles, for the frame shown while this loads. */
export const citationListStyles = css`
  .citation-list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .citation {
    display: flex;
    padding: 6px var(--_space);
    margin-bottom: 4px;
    background: var(--_surface);
    border: var(--_border-width, 1px) solid var(--_border);
    border-radius: var(--_radius-small);
  }
  .citation:focus {
    outline: var(--_focus-width) solid var(--_focus);
    outline-offset: 2px;
  }
  .citation-number {
    flex: none;
    min-width: 1.5em;
    margin-inline-end: var(--_space);
    font-weight: 600;
    color: var(--_accent);
  }
  .citation-body {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .citation-meta,
  .citation-snippet {
    color: var(--_muted);
    font-size: 0.85em;
  }
  .citation-open {
    padding: 0;
    border: none;
    background: none;
    font: inherit;
    color: var(--_accent);
    text-align: start;
    text-decoration: underline;
    cursor: pointer;
  }
  @media (forced-colors: active) {
    .citation {
      border: 1px solid CanvasText;
    }
    .citation:focus {
      outline-color: Highlight;
    }
  }
`;
