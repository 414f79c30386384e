import { html, nothing, type TemplateResult } from 'lit';
import type { Citation, ConversationMessage } from '@parley/client';
import type { CitationContext } from '../plugins/parley-plugin.js';
import type { PartExtensions } from './part-extensions.js';
import type { RenderContext } from './render-context.js';
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
  return html`<section class="citations" aria-label=${ctx.t.sources}>
    <h3 class="citations-heading">${ctx.t.sources}</h3>
    <ol class="citation-list">
      ${citations.map((citation, index) => renderCitation(citation, index + 1, message, ctx, ext))}
    </ol>
  </section>`;
}

function renderCitation(citation: Citation, number: number, message: ConversationMessage, ctx: RenderContext, ext: PartExtensions): TemplateResult {
  const open = () => ext.openCitation(citation, number, message, ctx.t.locale);
  const found = ext.plugins.find((plugin) => plugin.citation?.render);
  let custom;
  if (found) {
    const pluginCtx: CitationContext = { ...ext.pluginContext(message, ctx.t.locale), number, open: () => void open() };
    custom = ext.plugins.render(found.plugin, 'citation.render', () => found.hook.call(undefined, citation, pluginCtx));
  }
  return html`<li part="citation" class="citation" tabindex="-1" data-citation-id=${citation.id} data-citation-number=${String(number)}>
    <span class="citation-number" aria-hidden="true">${number}</span>
    <div class="citation-body">${custom ?? renderDefaultCard(citation, open, ctx, ext)}</div>
  </li>`;
}

function renderDefaultCard(citation: Citation, open: () => boolean, ctx: RenderContext, ext: PartExtensions): TemplateResult {
  const href = sourceUrl(citation.url);
  const title = citation.title ?? citation.source ?? citation.url ?? citation.id;
  const meta = [citation.source, citation.page !== undefined ? ctx.t.citationPage(String(citation.page)) : undefined].filter(Boolean).join(' · ');
  const onLink = (event: Event) => {
    if (open()) return event.preventDefault();
    // A source's URL is untrusted too (a model's url_citation, a web search result): one that
    // leaves for a host nobody allowed waits for the same confirmation as a link in the answer.
    // Its own strings: English with the markdown element, the others in `t.markdown`.
    const link = event.currentTarget as HTMLAnchorElement;
    holdUnlessAllowed(event, link, allowedLinkHosts(link), { ...englishMarkdownLabels, ...ctx.t.markdown });
  };
  const opensInPage = ext.plugins.find((plugin) => plugin.citation?.open) !== undefined;
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
