import type { CSSResult } from 'lit';
import { markdownStyles } from './markdown-styles.js';
import { defineParleyMarkdown } from './parley-markdown.js';

/**
 * What `<parley-chat>` loads (a chunk of its own) when it first has text to show: defines
 * `<parley-markdown>` and returns the styles its light DOM needs in the shadow root it renders in.
 */
export function defineMarkdownElement(): CSSResult {
  defineParleyMarkdown();
  return markdownStyles;
}
