import { ParleyChat } from './parley-chat/parley-chat.js';

// Defining twice throws; a page may load the script tag and the module build side by side.
if (!customElements.get('parley-chat')) customElements.define('parley-chat', ParleyChat);

export { ParleyChat };

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat': ParleyChat;
  }
}
