import { css } from 'lit';

/**
 * Styles for what `<parley-markdown>` renders. It renders into its light DOM, so the element that
 * hosts it adds these to its own shadow-root styles.
 */
export const markdownStyles = css`
  .parley-markdown {
    overflow-wrap: anywhere;
  }
  .parley-markdown > :first-child {
    margin-top: 0;
  }
  .parley-markdown > :last-child {
    margin-bottom: 0;
  }
  /* Settled blocks sit in pages (see ParleyMarkdown). A long answer grows at the bottom while its
     first pages scroll away: a done page skips style, layout and paint while far from view, so a
     frame's work does not grow with the answer (the whole message was repainted every frame
     before). 'auto' remembers each page's real height once shown; the clip margin keeps focus
     rings at a page's edge whole. A page contains its layout, so margins do not collapse across
     its edge: pages break only where the earlier block's bottom margin alone makes the right gap
     (see ParleyMarkdown). */
  .parley-markdown-page-done {
    content-visibility: auto;
    contain-intrinsic-size: auto 600px;
    overflow-clip-margin: 4px;
  }
  .parley-markdown-page-done + .parley-markdown-page > :first-child,
  .parley-markdown > .parley-markdown-page:first-child > :first-child {
    margin-top: 0;
  }
  .parley-markdown > .parley-markdown-page:last-child > :last-child {
    margin-bottom: 0;
  }
  .parley-markdown .parley-raw-html {
    white-space: pre-wrap;
    margin: 0.5em 0;
  }
  .parley-markdown pre {
    margin: 0;
    padding: 0.75em;
    overflow-x: auto;
  }
  .parley-markdown code {
    font-family: var(--parley-font-mono, ui-monospace, SFMono-Regular, Consolas, 'Liberation Mono', monospace);
    font-size: 0.9em;
  }
  .parley-markdown .parley-code {
    margin: 0.75em 0;
    border: 1px solid var(--parley-color-border, #d0d7de);
    border-radius: var(--parley-radius-small, 6px);
    background: var(--parley-color-code-background, #f6f8fa);
    color: var(--parley-color-code-text, inherit);
  }
  .parley-markdown .parley-code-header {
    display: flex;
    align-items: center;
    padding: 0.25em 0.5em 0.25em 0.75em;
    border-bottom: 1px solid var(--parley-color-border, #d0d7de);
    font-size: 0.85em;
  }
  /* Margins, not flex gap: the script tag runs on Chromium 80 (flex gap is 84). */
  .parley-markdown .parley-code-header > * + * {
    margin-inline-start: 0.5em;
  }
  .parley-markdown .parley-code-language {
    flex: 1;
  }
  .parley-markdown .parley-code-copy,
  .parley-markdown .parley-citation-marker {
    font: inherit;
    color: inherit;
    cursor: pointer;
    border: 1px solid var(--parley-color-border, #d0d7de);
    border-radius: var(--parley-radius-small, 6px);
    background: var(--parley-color-surface, transparent);
  }
  /* :focus, then :focus-visible takes the mouse ring away: Chromium 80 drops any rule naming
     :focus-visible (86), so a plain :focus-visible rule would leave it with no focus ring. */
  .parley-markdown .parley-code-copy:focus,
  .parley-markdown .parley-citation-marker:focus,
  .parley-markdown a:focus {
    outline: 2px solid var(--parley-color-focus, #0969da);
    outline-offset: 2px;
  }
  .parley-markdown .parley-code-copy:focus:not(:focus-visible),
  .parley-markdown .parley-citation-marker:focus:not(:focus-visible),
  .parley-markdown a:focus:not(:focus-visible) {
    outline: none;
  }
  .parley-markdown .parley-citation-marker {
    display: inline-block;
    min-width: 1.5em;
    margin: 0 0.1em;
    padding: 0 0.3em;
    font-size: 0.75em;
    line-height: 1.4;
    vertical-align: super;
  }
  .parley-markdown .parley-table {
    max-width: 100%;
    overflow-x: auto;
    margin: 0.75em 0;
  }
  .parley-markdown table {
    border-collapse: collapse;
  }
  .parley-markdown th,
  .parley-markdown td {
    border: 1px solid var(--parley-color-border, #d0d7de);
    padding: 0.3em 0.6em;
    text-align: start;
  }
  .parley-markdown .parley-align-center {
    text-align: center;
  }
  .parley-markdown .parley-align-right {
    text-align: end;
  }
  .parley-markdown .parley-task {
    list-style: none;
  }
  .parley-markdown blockquote {
    margin: 0.5em 0;
    padding-inline-start: 0.75em;
    border-inline-start: 3px solid var(--parley-color-border, #d0d7de);
  }
  .parley-markdown img {
    max-width: 100%;
    height: auto;
  }
  .parley-markdown .parley-image-blocked {
    display: inline-block;
    padding: 0.2em 0.5em;
    border: 1px dashed var(--parley-color-border, #d0d7de);
    border-radius: var(--parley-radius-small, 6px);
    font-size: 0.85em;
  }
  @media (forced-colors: active) {
    .parley-markdown .parley-code-copy,
    .parley-markdown .parley-citation-marker {
      border-color: ButtonText;
    }
  }
`;
