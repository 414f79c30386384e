import { defineParleyMarkdown, ParleyMarkdown } from './markdown/parley-markdown.js';
import { ParleyChat } from './parley-chat/parley-chat.js';

// Defining twice throws; a page may load the script tag and the module build side by side.
defineParleyMarkdown();
if (!customElements.get('parley-chat')) customElements.define('parley-chat', ParleyChat);

export { ParleyChat, ParleyMarkdown };

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat': ParleyChat;
  }
}
