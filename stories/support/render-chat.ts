import type { ParleyChat } from './chat-queries.js';

/** The story controls of `<parley-chat>`: its attributes, plus what the story does with it. */
export interface ChatArgs {
  endpoint?: string;
  protocol?: string;
  model?: string;
  lang?: string;
  theme?: 'light' | 'dark' | 'auto' | 'high-contrast';
  mode?: ParleyChat['mode'];
  open?: boolean;
  heading?: string;
  placeholder?: string;
  persist?: ParleyChat['persist'];
  'conversation-id'?: string;
  'image-hosts'?: string;
  'link-hosts'?: string;
  /** Starter prompts, `a | b` or a JSON array. */
  suggestions?: string;
  watermark?: string;
  user?: string;
  /** Text for the named slots, as host content would fill them. */
  logo?: string;
  header?: string;
  empty?: string;
  footer?: string;
  /** No Edit under the person's questions. */
  'no-edit'?: boolean;
  /** Sent as soon as the element is on the page, so the story shows the answer streaming in. */
  prompt?: string;
  /** Width of the frame around the element (the host page's column). */
  frameWidth?: string;
  /** Design tokens (`--parley-color-accent`…), set on the element as a host stylesheet would. */
  [token: `--parley-${string}`]: string | undefined;
}

const attributeNames = [
  'endpoint', 'protocol', 'model', 'lang', 'theme', 'mode', 'heading', 'placeholder', 'persist', 'conversation-id', 'image-hosts', 'link-hosts', 'suggestions',
  'watermark', 'user',
] as const;
const slotNames = ['logo', 'header', 'empty', 'footer'] as const;

/**
 * Builds `<parley-chat>` the way a page author writes it (attributes), lets the story set
 * JavaScript-only properties, and sends the story's prompt once the element is connected.
 */
export function renderChat(args: ChatArgs, setup?: (chat: ParleyChat) => void): HTMLElement {
  const chat = document.createElement('parley-chat');
  for (const name of attributeNames) {
    const value = args[name];
    if (value !== undefined && value !== '') chat.setAttribute(name, value);
  }
  if (args.open) chat.setAttribute('open', '');
  if (args['no-edit']) chat.setAttribute('no-edit', '');
  for (const name of slotNames) {
    const text = args[name]?.trim();
    if (!text) continue;
    const content = document.createElement('span');
    content.slot = name;
    content.textContent = text;
    chat.append(content);
  }
  for (const [name, value] of Object.entries(args)) {
    if (name.startsWith('--parley-') && typeof value === 'string' && value.trim()) chat.style.setProperty(name, value.trim());
  }
  setup?.(chat);
  if (args.prompt) {
    const prompt = args.prompt;
    // Lit's first update waits for the element to be connected.
    void chat.updateComplete.then(() => chat.send(prompt));
  }
  const frame = document.createElement('div');
  frame.className = 'story-frame';
  frame.style.width = args.frameWidth ?? '100%';
  frame.style.maxWidth = '100%';
  // The host page around a dark or high-contrast panel is dark too, as it would be in the app.
  if (args.theme === 'dark' || args.theme === 'high-contrast') frame.style.background = args.theme === 'dark' ? '#0e1013' : '#000';
  if (args.lang) frame.lang = args.lang;
  frame.append(chat);
  return frame;
}
