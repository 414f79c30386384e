import { ParleyChat } from './parley-chat/parley-chat.js';

// Defining twice throws; a page may load the script tag and the module build side by side.
if (!customElements.get('parley-chat')) customElements.define('parley-chat', ParleyChat);

// <parley-markdown> loads with the first answer that needs it; markup that uses it on its own
// gets it now (or once parsed: the script tag may run before the body is). A server render
// (Next.js, Nuxt, Astro) imports this where there is no document, and no markup to look at.
const defineMarkdownInMarkup = (): void => {
  // A failed load is reported on the console already.
  if (document.querySelector('parley-markdown:not(:defined)')) void ParleyChat.defineMarkdown().catch(() => undefined);
};
if (typeof document === 'object') {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', defineMarkdownInMarkup, { once: true });
  else defineMarkdownInMarkup();
}

export { ParleyChat };

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat': ParleyChat;
  }
}
