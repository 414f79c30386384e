import type { TemplateResult } from 'lit';
import { html } from 'lit';
import { lexMarkdown } from './markdown-lexer.js';
import { withEnglish, type MarkdownLabels } from './markdown-labels.js';
import { renderBlocks, type RenderContext } from './render-tokens.js';
import { normalizeImageHosts } from './safe-url.js';

export interface RenderMarkdownOptions {
  imageHosts?: readonly string[];
  labels?: Partial<MarkdownLabels>;
  /** Highlights finished code blocks (`highlightCode` of `highlight-code.ts`); plain without it. */
  highlight?: RenderContext['highlight'];
}

/**
 * One-shot, non-incremental render of a whole markdown text, with the same safety rules as
 * `<parley-markdown>` (for finished texts such as a restored history; also the reference the
 * streaming renderer is tested against).
 */
export function renderMarkdown(text: string, options: RenderMarkdownOptions = {}): TemplateResult {
  const context = {
    labels: withEnglish(options.labels),
    imageHosts: normalizeImageHosts(options.imageHosts ?? []),
    highlight: options.highlight,
  };
  return html`${renderBlocks(lexMarkdown(text), context)}`;
}
