export { ParleyChat } from './parley-chat/parley-chat.js';
export type { ParleyMode, ParleyPersist, ParleyTheme } from './parley-chat/parley-chat.js';
export { ParleyMarkdown } from './exports/parley-markdown.js';
