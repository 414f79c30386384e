import '../define.js';
import { ParleyChat } from '../parley-chat/parley-chat.js';

export const gatewayUrl = '/api/chat';

/**
 * Appends a `<parley-chat>` talking the native protocol to the mock gateway. The transcript views
 * (with `<parley-markdown>`) load on first use; they are loaded first, so a test reads the full
 * view as soon as a message shows. `{ transcript: 'lazy' }` mounts without waiting for them: for
 * the tests of that loading (which hold or fail the module request first).
 */
export async function mountChat(
  attributes: Record<string, string> = {},
  setup?: (el: ParleyChat) => void,
  { transcript = 'loaded' }: { transcript?: 'loaded' | 'lazy' } = {},
): Promise<ParleyChat> {
  if (transcript === 'loaded') await ParleyChat.defineMarkdown();
  const el = document.createElement('parley-chat');
  el.setAttribute('endpoint', gatewayUrl);
  el.setAttribute('protocol', 'parley');
  el.setAttribute('persist', 'none');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  setup?.(el);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

export const shadowPart = <T extends Element = HTMLElement>(el: ParleyChat, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
export const shadowParts = <T extends Element = HTMLElement>(el: ParleyChat, selector: string): T[] => Array.from(el.shadowRoot!.querySelectorAll<T>(selector));

/** Text of the last answer's markdown. */
export function lastAnswerText(el: ParleyChat): string {
  const answers = shadowParts(el, '[part~="message"][part~="assistant"]');
  return answers[answers.length - 1]?.querySelector('parley-markdown')?.textContent ?? '';
}

/** Resolves once the conversation is no longer streaming or waiting. */
export function idle(el: ParleyChat): boolean {
  return el.conversation.getSnapshot().status === 'idle';
}

/** Resolves after `n` animation frames: what the element renders per frame has had its turn. */
export function frames(n: number): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number): void => void (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  });
}
