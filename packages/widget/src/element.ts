export { ParleyChat } from './parley-chat/parley-chat.js';
export type { ParleyMode, ParleyPersist, ParleyTheme } from './parley-chat/parley-chat.js';
export { ParleyMarkdown } from './exports/parley-markdown.js';
// The events' detail types and their HTMLElementEventMap entries, for a class used under its own tag name.
export type { ParleyEventMap } from './events.js';
