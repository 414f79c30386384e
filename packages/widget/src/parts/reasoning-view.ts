import { html, type TemplateResult } from 'lit';
import type { MessagePartOf } from '@parley/client';
import { formatSeconds } from '../i18n/format.js';
import type { RenderContext } from './render-context.js';
import { transcriptStrings } from './transcript-english.js';

/**
 * The model's reasoning in a disclosure: open while it thinks, closed once the answer starts
 * (the person can reopen it). Issue 5's plug-ins may replace this rendering.
 */
export function renderReasoning(part: MessagePartOf<'reasoning'>, thinking: boolean, ctx: RenderContext): TemplateResult {
  const t = transcriptStrings(ctx.t);
  const took = part.startedAt !== undefined && part.endedAt !== undefined ? part.endedAt - part.startedAt : undefined;
  const summary = thinking ? t.thinking : took !== undefined ? t.thoughtFor(formatSeconds(t.locale, took)) : t.reasoning;
  return html`<details part="reasoning" class="reasoning" ?open=${thinking}>
    <summary>${summary}</summary>
    <div class="reasoning-text">${part.text}</div>
  </details>`;
}
