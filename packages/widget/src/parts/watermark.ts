import { html, nothing, type TemplateResult } from 'lit';

const tiles = 36;

/**
 * A tiled text watermark over the panel (screenshot deterrence): CSS-generated text
 * (`content: attr(data-text)`) in a grid of spans, no image (a strict CSP with `img-src 'self'`
 * forbids a generated data URL), so it is decoration only: not selectable, not in the
 * accessibility tree, and `pointer-events: none` so it never takes a click.
 */
export function renderWatermark(text: string | undefined): TemplateResult | typeof nothing {
  if (!text || !text.trim()) return nothing;
  const copies: TemplateResult[] = [];
  for (let index = 0; index < tiles; index++) copies.push(html`<span class="watermark-tile" data-text=${text}></span>`);
  return html`<div part="watermark" class="watermark" aria-hidden="true">${copies}</div>`;
}
