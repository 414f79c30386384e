import { html, nothing, type TemplateResult } from 'lit';
import type { Citation } from '@parley/client';
import { safeHref } from './safe-href.js';
import type { RenderContext } from './render-context.js';

/**
 * The sources an answer cites, one card (part `citation`) each, numbered in arrival order so
 * inline markers `[1]` line up. Issue 5's plug-ins may replace a card or its click.
 */
export function renderCitationList(citations: readonly Citation[], ctx: RenderContext): TemplateResult {
  return html`<section class="citations" aria-label=${ctx.t.sources}>
    <h3 class="citations-heading">${ctx.t.sources}</h3>
    <ol class="citation-list">
      ${citations.map((citation, index) => renderCitation(citation, index + 1, ctx))}
    </ol>
  </section>`;
}

function renderCitation(citation: Citation, number: number, ctx: RenderContext): TemplateResult {
  const href = safeHref(citation.url);
  const title = citation.title ?? citation.source ?? citation.url ?? citation.id;
  const meta = [citation.source, citation.page !== undefined ? ctx.t.citationPage(String(citation.page)) : undefined].filter(Boolean).join(' · ');
  return html`<li part="citation" class="citation" tabindex="-1" data-citation-id=${citation.id}>
    <span class="citation-number" aria-hidden="true">${number}</span>
    <div class="citation-body">
      ${href
        ? html`<a class="citation-title" href=${href} target="_blank" rel="noopener noreferrer">${title}</a>`
        : html`<span class="citation-title">${title}</span>`}
      ${meta ? html`<span class="citation-meta">${meta}</span>` : nothing}
      ${citation.snippet ? html`<span class="citation-snippet">${citation.snippet}</span>` : nothing}
    </div>
  </li>`;
}
