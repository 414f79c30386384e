import { html, nothing, type TemplateResult } from 'lit';
import type { Citation, ConversationMessage } from '@parley/client';
import type { ParleyEventDetails } from '../events.js';
import type { CitationContext } from '../plugins/parley-plugin.js';
import { findHook, renderHook, runHook } from '../plugins/plugin-hooks.js';
import type { PartExtensions } from './part-extensions.js';
import type { RenderContext } from './render-context.js';
import { transcriptStrings } from './transcript-english.js';
import { allowedLinkHosts, holdUnlessAllowed } from '../markdown/link-confirmation.js';
import { englishMarkdownLabels } from '../markdown/markdown-labels.js';

// Loaded with the renderer (on first use), adopted by the element that shows the cards.
export { citationListStyles } from './citation-list.styles.js';

/**
 * The sources an answer cites, one card (part `citation`) each, numbered in arrival order so
 * inline markers `[1]` line up. A plug-in may render the card (`citation.render`) and decide
 * what activating it does (`citation.open`); the number and the focus target stay the widget's.
 */
export function renderCitationList(citations: readonly Citation[], message: ConversationMessage, ctx: RenderContext, ext: PartExtensions): TemplateResult {
  const { sources } = transcriptStrings(ctx.t);
  return html`<section class="citations" aria-label=${sources}>
    <h3 class="citations-heading">${sources}</h3>
    <ol class="citation-list">
      ${citations.map((citation, index) => renderCitation(citation, index + 1, message, ctx, ext))}
    </ol>
  </section>`;
}

function renderCitation(citation: Citation, number: number, message: ConversationMessage, ctx: RenderContext, ext: PartExtensions): TemplateResult {
  const open = () => openCitation(citation, number, message, ctx, ext);
  const found = findHook(ext.plugins, (plugin) => plugin.citation?.render);
  let custom;
  if (found) {
    const pluginCtx: CitationContext = { ...ext.pluginContext(message, ctx.t.locale), number, open: () => void open() };
    custom = renderHook(ext.plugins, found.plugin, 'citation.render', () => found.hook.call(undefined, citation, pluginCtx));
  }
  return html`<li part="citation" class="citation" tabindex="-1" data-citation-id=${citation.id} data-citation-number=${String(number)}>
    <span class="citation-number" aria-hidden="true">${number}</span>
    <div class="citation-body">${custom ?? renderDefaultCard(citation, open, ctx, ext)}</div>
  </li>`;
}

/**
 * A person activated a source card: `parley-citation-open` (cancelable), then the plug-ins'
 * `open`. `true` when the card's own link must not navigate.
 */
function openCitation(citation: Citation, number: number, message: ConversationMessage, ctx: RenderContext, ext: PartExtensions): boolean {
  const event = new CustomEvent<ParleyEventDetails['parley-citation-open']>('parley-citation-open', {
    detail: { citation, number, messageId: message.id },
    bubbles: true,
    composed: true,
    cancelable: true,
  });
  // The host called preventDefault(): it opened the source itself.
  if (!ext.host.dispatchEvent(event)) return true;
  const found = findHook(ext.plugins, (plugin) => plugin.citation?.open);
  if (!found) return false;
  const pluginCtx: CitationContext = { ...ext.pluginContext(message, ctx.t.locale), number, open: () => undefined };
  // A throwing `open` falls back to the card's own link.
  return runHook(ext.plugins, found.plugin, 'citation.open', () => found.hook.call(undefined, citation, pluginCtx));
}

function renderDefaultCard(citation: Citation, open: () => boolean, ctx: RenderContext, ext: PartExtensions): TemplateResult {
  const href = sourceUrl(citation.url);
  const title = citation.title ?? citation.source ?? citation.url ?? citation.id;
  const meta = [citation.source, citation.page !== undefined ? transcriptStrings(ctx.t).citationPage(String(citation.page)) : undefined].filter(Boolean).join(' · ');
  const onLink = (event: Event) => {
    if (open()) return event.preventDefault();
    // A source's URL is untrusted too (a model's url_citation, a web search result): one that
    // leaves for a host nobody allowed waits for the same confirmation as a link in the answer.
    // Its own strings: English with the markdown element, the others in `t.markdown`.
    const link = event.currentTarget as HTMLAnchorElement;
    holdUnlessAllowed(event, link, allowedLinkHosts(link), { ...englishMarkdownLabels, ...ctx.t.markdown });
  };
  const opensInPage = findHook(ext.plugins, (plugin) => plugin.citation?.open) !== undefined;
  return html`${href
      ? html`<a class="citation-title" href=${href} target="_blank" rel="noopener noreferrer" @click=${onLink} @auxclick=${(event: MouseEvent) => event.button === 1 && onLink(event)}>${title}</a>`
      : opensInPage
        ? html`<button class="citation-title citation-open" type="button" @click=${open}>${title}</button>`
        : html`<span class="citation-title">${title}</span>`}
    ${meta ? html`<span class="citation-meta">${meta}</span>` : nothing}
    ${citation.snippet ? html`<span class="citation-snippet">${citation.snippet}</span>` : nothing}`;
}

/** A source link only for http(s): a citation URL comes from the gateway (or the model) and is untrusted. */
function sourceUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
