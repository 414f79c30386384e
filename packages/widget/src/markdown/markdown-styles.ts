import { css } from 'lit';

/** GitHub's dark syntax palette, for the dark theme and for "auto" on a dark system. */
const darkSyntax = css`
  --_hl-comment: #8b949e;
  --_hl-keyword: #ff7b72;
  --_hl-string: #a5d6ff;
  --_hl-constant: #79c0ff;
  --_hl-title: #d2a8ff;
  --_hl-type: #ffa657;
`;

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
  /*
   * Syntax colours of finished code blocks (highlight.js's class names), GitHub's palettes: light
   * by default, dark inside <parley-chat theme="dark"> (or "auto" on a dark system), the text
   * colour in high contrast. Each is a token a host may set (--parley-code-keyword, …).
   */
  :host([theme='dark']) {
    ${darkSyntax}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkSyntax}
    }
  }
  :host([theme='high-contrast']) {
    --_hl-comment: currentColor;
    --_hl-keyword: currentColor;
    --_hl-string: currentColor;
    --_hl-constant: currentColor;
    --_hl-title: currentColor;
    --_hl-type: currentColor;
  }
  .parley-markdown .hljs-comment,
  .parley-markdown .hljs-quote {
    color: var(--parley-code-comment, var(--_hl-comment, #57606a));
    font-style: italic;
  }
  .parley-markdown .hljs-keyword,
  .parley-markdown .hljs-doctag,
  .parley-markdown .hljs-selector-tag,
  .parley-markdown .hljs-template-tag {
    color: var(--parley-code-keyword, var(--_hl-keyword, #cf222e));
  }
  .parley-markdown .hljs-string,
  .parley-markdown .hljs-regexp,
  .parley-markdown .hljs-meta .hljs-string {
    color: var(--parley-code-string, var(--_hl-string, #0a3069));
  }
  .parley-markdown .hljs-number,
  .parley-markdown .hljs-literal,
  .parley-markdown .hljs-attr,
  .parley-markdown .hljs-attribute,
  .parley-markdown .hljs-variable,
  .parley-markdown .hljs-template-variable,
  .parley-markdown .hljs-symbol,
  .parley-markdown .hljs-meta,
  .parley-markdown .hljs-selector-attr,
  .parley-markdown .hljs-selector-class,
  .parley-markdown .hljs-selector-id {
    color: var(--parley-code-constant, var(--_hl-constant, #0550ae));
  }
  .parley-markdown .hljs-title,
  .parley-markdown .hljs-section,
  .parley-markdown .hljs-name,
  .parley-markdown .hljs-tag {
    color: var(--parley-code-title, var(--_hl-title, #8250df));
  }
  .parley-markdown .hljs-type,
  .parley-markdown .hljs-built_in {
    color: var(--parley-code-type, var(--_hl-type, #953800));
  }
  .parley-markdown .parley-code-header {
    display: flex;
    align-items: center;
    padding: 0.25em 0.5em;
    padding-inline-start: 0.75em;
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
  .parley-markdown .parley-citation-marker,
  .parley-link-confirm button {
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
  .parley-link-confirm:focus,
  .parley-link-confirm button:focus,
  .parley-markdown a:focus {
    outline: 2px solid var(--parley-color-focus, #0969da);
    outline-offset: 2px;
  }
  .parley-markdown .parley-code-copy:focus:not(:focus-visible),
  .parley-markdown .parley-citation-marker:focus:not(:focus-visible),
  .parley-link-confirm:focus:not(:focus-visible),
  .parley-link-confirm button:focus:not(:focus-visible),
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
    /* Not "anywhere" as in the text around: that shrinks every column to a character, so a narrow
       bubble split "5000" and PO numbers mid-number and set Chinese one character a line, and
       the wrapper never scrolled. Whole words, and whole Chinese headings, set the widths instead. */
    overflow-wrap: normal;
  }
  .parley-markdown th {
    word-break: keep-all;
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
  /* The confirmation a link to a host nobody allowed waits for (link-confirmation.ts). It sits
     inside the paragraph, list item or cell of its link, so it resets the text style around it. */
  .parley-link-confirm {
    display: block;
    margin: 0.5em 0;
    padding: 0.5em 0.75em;
    border: 1px solid var(--parley-color-border, #d0d7de);
    border-radius: var(--parley-radius-small, 6px);
    background: var(--parley-color-surface, transparent);
    font-weight: normal;
    font-style: normal;
    white-space: normal;
  }
  .parley-link-confirm > * {
    display: block;
  }
  .parley-link-confirm > * + * {
    margin-top: 0.4em;
  }
  .parley-link-confirm-host {
    font-size: 1.1em;
  }
  .parley-link-confirm-url {
    font-family: var(--parley-font-mono, ui-monospace, SFMono-Regular, Consolas, 'Liberation Mono', monospace);
    font-size: 0.85em;
    overflow-wrap: anywhere;
  }
  .parley-link-confirm-warning {
    padding-inline-start: 0.5em;
    border-inline-start: 3px solid currentColor;
    font-weight: 600;
  }
  .parley-link-confirm button {
    padding: 0.2em 0.8em;
  }
  .parley-link-confirm button + button {
    margin-inline-start: 0.5em;
  }
  @media (forced-colors: active) {
    .parley-markdown .parley-code-copy,
    .parley-markdown .parley-citation-marker,
    .parley-link-confirm button {
      border-color: ButtonText;
    }
    .parley-link-confirm {
      border-color: CanvasText;
    }
  }
`;
