import { html, nothing, type CSSResult, type TemplateResult } from 'lit';
import type { ConversationMessage, MessagePartOf } from '@parley/client';
import { markdownLabelsOf } from '../i18n/markdown-labels-of.js';
import { LazyPart } from './lazy-part.js';
import type { RenderContext } from './render-context.js';

const markdownTag = 'parley-markdown';

/**
 * `<parley-markdown>` (lexer, renderer, streaming engine, styles: ~10 KB gzip) is not in the code
 * a page loads at start: an empty conversation never needs it. It starts loading when the person
 * sends (in parallel with the gateway request), when a restored history has answers, or when an
 * answer's text is rendered, whichever comes first.
 */
const markdownElement = new LazyPart<{ styles: CSSResult }>(() =>
  import('../markdown/markdown-element.js').then((module) => ({ styles: module.defineMarkdownElement() })),
);

/** An answer's text part: markdown once `<parley-markdown>` is defined, the text as written until then. */
export function renderText(part: MessagePartOf<'text'>, streaming: boolean, ctx: RenderContext): TemplateResult {
  const { extensions: ext } = ctx;
  const loaded = markdownElement.get(ext.rerender);
  if (loaded.module) ext.adoptStyles(loaded.module.styles);
  // Readable while the code loads (or if it could not be): a text binding, never HTML, with its
  // line breaks kept (`parley-markdown:not(:defined)`). Once defined, the element renders the
  // markdown itself and the re-render that follows the load drops this. The empty comment ends
  // this binding's range: clearing it must not take the element's own rendering after it along.
  const asWritten = customElements.get(markdownTag) ? nothing : part.text;
  return html`<parley-markdown
    class="text"
    .text=${part.text}
    .streaming=${streaming}
    .imageHosts=${ctx.imageHosts}
    .labels=${markdownLabelsOf(ctx.t)}
    >${asWritten}<!----></parley-markdown
  >`;
}

/**
 * A new turn of the person (a send, Retry, regenerate) will bring text: the markdown starts
 * loading now, alongside the request, and again if an earlier load failed.
 */
export function loadMarkdown(changed: () => void): void {
  markdownElement.preload(changed);
}

/**
 * A restored history: the markdown for its answers starts loading before they render, and while
 * a long one is still being read (`restoring`; with an async storage adapter, also one that turns
 * out empty). Not after a failed load: renders come often, a person's new turn tries again.
 */
export function loadMarkdownFor(history: { readonly messages: readonly ConversationMessage[]; readonly restoring: boolean }, changed: () => void): void {
  if (history.restoring || history.messages.some(answered)) markdownElement.get(changed);
}

/** An answer in `messages` would render before `<parley-markdown>` is defined (as written). */
export function awaitsMarkdown(messages: readonly ConversationMessage[]): boolean {
  return !customElements.get(markdownTag) && messages.some(answered);
}

/**
 * Resolves once `<parley-markdown>` is defined or its code could not be loaded (again, if an
 * earlier load failed): a restored history is shown then, as markdown or else as written.
 */
export function markdownSettled(): Promise<void> {
  return new Promise((resolve) => {
    const loaded = markdownElement.preload(resolve);
    if (loaded.module || loaded.failed) resolve();
  });
}

/** Resolves once `<parley-markdown>` is defined (its code loads on first use); rejects if that code could not be loaded. */
export function defineMarkdown(): Promise<void> {
  return new Promise((resolve, reject) => {
    const settled = (): void =>
      customElements.get(markdownTag) ? resolve() : reject(new Error('<parley-markdown> could not be loaded: serve every chunk next to the script.'));
    if (markdownElement.preload(settled).module) settled();
  });
}

function answered(message: ConversationMessage): boolean {
  return message.role === 'assistant' && message.parts.some((part) => part.type === 'text');
}
