import { html, nothing, type TemplateResult } from 'lit';
import type { MessagePartOf } from '@parley/client';
import { markdownLabelsOf } from '../i18n/markdown-labels-of.js';
import type { RenderContext } from './render-context.js';

/**
 * An answer's text part as markdown. It comes with `<parley-markdown>` (the transcript views'
 * chunk defines it), unless a page kept its own tag of that name undefined: then the text shows
 * as written (`parley-markdown:not(:defined)`, see message-fallback.ts).
 */
export function renderText(part: MessagePartOf<'text'>, streaming: boolean, ctx: RenderContext, sources?: string[]): TemplateResult {
  // The empty comment ends the binding's range: clearing it must not take the element's own
  // rendering after it along.
  const asWritten = customElements.get('parley-markdown') ? nothing : part.text;
  return html`<parley-markdown
    class="text"
    .text=${part.text}
    .streaming=${streaming}
    .imageHosts=${ctx.imageHosts}
    .labels=${markdownLabelsOf(ctx.t)}
    .sources=${sources}
    >${asWritten}<!----></parley-markdown
  >`;
}
