import { html, nothing, type TemplateResult } from 'lit';
import { splitCitationMarkers } from './citation-markers.js';
import { decodeEntities } from './decode-entities.js';
import { formatLabel, type MarkdownLabels } from './markdown-labels.js';
import type { InlineToken, ListItem, TableCell, Token } from './markdown-token.js';
import { decideImage, safeLinkUrl } from './safe-url.js';

/**
 * Model output becomes DOM only through these templates: every model string lands in a text
 * binding or in an attribute we chose (never `style`, never an event handler, URLs only after
 * `safe-url`), so there is no HTML parsing of model text anywhere.
 */
export interface RenderContext {
  labels: MarkdownLabels;
  /** Normalised exact hosts images may load from. */
  imageHosts: readonly string[];
  /** Whether a marker's id names a source; without it every marker is one. */
  cites?: (id: string) => boolean;
  /** A finished code block's code as highlighted DOM, or `undefined` to show it plain (see `highlight-code.ts`). */
  highlight?: (code: string, language: string) => Rendered | Rendered[] | undefined;
}

type Rendered = TemplateResult | string | typeof nothing;

export function renderBlocks(tokens: readonly Token[], context: RenderContext, openFence = false): Rendered[] {
  const last = tokens.length - 1;
  return tokens.map((token, index) => renderBlock(token, context, openFence && index === last));
}

export function renderBlock(token: Token, context: RenderContext, openFence = false): Rendered {
  // The open tail's last block is redrawn every frame: code inside it (in a list, a quote) is not highlighted yet.
  if (openFence && context.highlight) context = { ...context, highlight: undefined };
  switch (token.type) {
    case 'space':
    case 'def':
      return nothing;
    case 'paragraph':
      return html`<p dir="auto">${renderInline(token.tokens, context)}</p>`;
    case 'text':
      // Block-level text: the tight items of a list.
      return html`${renderInline(token.tokens, context)}`;
    case 'heading':
      return renderHeading(token.depth, renderInline(token.tokens, context));
    case 'code':
      return renderCode(token, context, openFence);
    case 'blockquote':
      return html`<blockquote>${renderBlocks(token.tokens, context)}</blockquote>`;
    case 'hr':
      return html`<hr />`;
    case 'list':
      return renderList(token.ordered, token.start, token.items, context);
    case 'table':
      return renderTable(token.header, token.rows, context);
    case 'html':
      // Raw HTML from the model is shown, never interpreted.
      return html`<div class="parley-raw-html">${token.text}</div>`;
  }
}

function renderHeading(depth: number, content: Rendered[]): TemplateResult {
  switch (depth) {
    case 1:
      return html`<h1 dir="auto">${content}</h1>`;
    case 2:
      return html`<h2 dir="auto">${content}</h2>`;
    case 3:
      return html`<h3 dir="auto">${content}</h3>`;
    case 4:
      return html`<h4 dir="auto">${content}</h4>`;
    case 5:
      return html`<h5 dir="auto">${content}</h5>`;
    default:
      return html`<h6 dir="auto">${content}</h6>`;
  }
}

/** A fence that has not seen its closing line yet (only marked while the answer streams). */
function isUnclosedFence(token: CodeToken): boolean {
  if (token.codeBlockStyle === 'indented') return false;
  const fence = /^ {0,3}(`{3,}|~{3,})/.exec(token.raw)?.[1];
  if (!fence) return false;
  const lines = token.raw.replace(/\n+$/, '').split('\n');
  if (lines.length < 2) return true;
  const closing = (lines[lines.length - 1] as string).trim();
  return !(closing.length >= fence.length && closing.replace(new RegExp(`\\${fence.charAt(0)}`, 'g'), '') === '');
}

type CodeToken = Extract<Token, { type: 'code' }>;

function renderCode(token: CodeToken, context: RenderContext, openFence: boolean): TemplateResult {
  const language = token.lang.match(/^\S*/)?.[0]?.slice(0, 40) ?? '';
  const streaming = openFence && isUnclosedFence(token);
  // Only a block that will not change: the open tail is redrawn every frame.
  const highlighted = !openFence && language ? context.highlight?.(token.text, language) : undefined;
  // The <pre> scrolls sideways on long lines, so it takes focus: keyboard users can scroll it too (WCAG 2.1.1).
  // One line on purpose: template whitespace would become text nodes in every code block.
  return html`<div class="parley-code${streaming ? ' parley-code-streaming' : ''}" data-language=${language || nothing}><div class="parley-code-header"><span class="parley-code-language">${language || context.labels.code}</span><span class="parley-code-status" aria-live="polite"></span><button type="button" class="parley-code-copy">${context.labels.copy}</button></div><pre tabindex="0"><code>${highlighted ?? token.text}</code></pre></div>`;
}

function renderCheckbox(checked: boolean, context: RenderContext): TemplateResult {
  // A real <input> would be an interactive form control made by the model; this only shows state.
  const label = checked ? context.labels.taskDone : context.labels.taskOpen;
  return html`<span class="parley-task-state" role="img" aria-label=${label}>${checked ? '\u2611' : '\u2610'}</span> `;
}

function renderList(ordered: boolean, start: number | '', listItems: readonly ListItem[], context: RenderContext): TemplateResult {
  const items = listItems.map(
    (item) => html`<li dir="auto" class=${item.task ? 'parley-task' : nothing}>${renderBlocks(item.tokens, context)}</li>`,
  );
  if (!ordered) return html`<ul>${items}</ul>`;
  return html`<ol start=${typeof start === 'number' && start !== 1 ? String(start) : nothing}>${items}</ol>`;
}

function alignClass(align: TableCell['align']): string | typeof nothing {
  return align === 'left' || align === 'center' || align === 'right' ? `parley-align-${align}` : nothing;
}

function renderTable(header: readonly TableCell[], rows: readonly TableCell[][], context: RenderContext): TemplateResult {
  const cell = (tag: 'th' | 'td', c: TableCell) =>
    tag === 'th'
      ? html`<th dir="auto" class=${alignClass(c.align)}>${renderInline(c.tokens, context)}</th>`
      : html`<td dir="auto" class=${alignClass(c.align)}>${renderInline(c.tokens, context)}</td>`;
  return html`<div class="parley-table"><table><thead><tr>${header.map((c) => cell('th', c))}</tr></thead><tbody>${rows.map(
    (row) => html`<tr>${row.map((c) => cell('td', c))}</tr>`,
  )}</tbody></table></div>`;
}

export function renderInline(tokens: readonly InlineToken[], context: RenderContext, inLink = false): Rendered[] {
  return tokens.map((token) => renderInlineToken(token, context, inLink));
}

function renderInlineToken(token: InlineToken, context: RenderContext, inLink: boolean): Rendered {
  switch (token.type) {
    case 'text':
      return renderText(token.text, inLink, context);
    case 'escape':
    case 'html':
      return token.text;
    case 'strong':
      return html`<strong>${renderInline(token.tokens, context, inLink)}</strong>`;
    case 'em':
      return html`<em>${renderInline(token.tokens, context, inLink)}</em>`;
    case 'del':
      return html`<del>${renderInline(token.tokens, context, inLink)}</del>`;
    case 'codespan':
      return html`<code>${token.text}</code>`;
    case 'br':
      return html`<br />`;
    case 'link':
      return renderLink(token, context);
    case 'image':
      return renderImage(token, context);
    case 'checkbox':
      return renderCheckbox(token.checked, context);
  }
}

function renderText(text: string, inLink: boolean, context: RenderContext): Rendered {
  const decoded = decodeEntities(text);
  if (inLink) return decoded;
  const parts = splitCitationMarkers(decoded, context.cites);
  if (parts.length === 1 && typeof parts[0] === 'string') return decoded;
  return html`${parts.map((part) =>
    typeof part === 'string'
      ? part
      : html`<button type="button" class="parley-citation-marker" data-citation-id=${part.id} aria-label=${formatLabel(context.labels.citation, { id: part.id })}>${part.id}</button>`,
  )}`;
}

function renderLink(token: Extract<InlineToken, { type: 'link' }>, context: RenderContext): Rendered {
  const content = renderInline(token.tokens, context, true);
  const url = safeLinkUrl(token.href);
  if (!url) return html`${content}`;
  const title = token.title ? decodeEntities(token.title) : nothing;
  return html`<a href=${url.href} title=${title} target="_blank" rel="noopener noreferrer">${content}</a>`;
}

function renderImage(token: Extract<InlineToken, { type: 'image' }>, context: RenderContext): TemplateResult {
  const alt = decodeEntities(token.text);
  const decision = decideImage(token.href, context.imageHosts);
  if (decision.kind === 'allowed') {
    const title = token.title ? decodeEntities(token.title) : nothing;
    return html`<img src=${decision.url.href} alt=${alt} title=${title} loading="lazy" decoding="async" referrerpolicy="no-referrer" />`;
  }
  const notice =
    decision.kind === 'blocked' ? formatLabel(context.labels.imageBlocked, { host: decision.host }) : context.labels.imageInvalid;
  const label = alt ? `${notice}${context.labels.colon}${alt}` : notice;
  return html`<span class="parley-image-blocked" role="img" aria-label=${label}><span class="parley-image-blocked-notice">${notice}</span>${
    alt ? html` <span class="parley-image-blocked-alt">${alt}</span>` : nothing
  }</span>`;
}
