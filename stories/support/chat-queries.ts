import { expect, waitFor, within } from 'storybook/test';

/** The element as registered (`HTMLElementTagNameMap`), from the widget's source. */
export type ParleyChat = HTMLElementTagNameMap['parley-chat'];

/** Streaming answers take a few seconds with the mocks' pauses; waits end as soon as the state shows. */
export const answerTimeout = { timeout: 20_000 };

export function chatIn(canvasElement: HTMLElement): ParleyChat {
  const chat = canvasElement.querySelector('parley-chat');
  if (!chat) throw new Error('no <parley-chat> in the story');
  return chat;
}

/** Testing Library queries inside the element's shadow root, where the person's view is. */
export function screenOf(chat: ParleyChat) {
  return within(chat.shadowRoot as unknown as HTMLElement);
}

export function part<T extends HTMLElement = HTMLElement>(chat: ParleyChat, name: string): T | null {
  return chat.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

export function answers(chat: ParleyChat): HTMLElement[] {
  return Array.from(chat.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"][part~="assistant"]'));
}

/**
 * Waits until the newest answer shows `containing` and has finished streaming (the transcript is
 * no longer busy and the answer shows its tools), and returns it. Waiting for the text first
 * keeps an earlier, already finished answer from satisfying the wait.
 */
export async function finishedAnswer(chat: ParleyChat, containing: string): Promise<HTMLElement> {
  await waitFor(() => {
    const answer = answers(chat).at(-1);
    expect(visibleText(answer)).toContain(containing);
    expect(part(chat, 'messages')?.getAttribute('aria-busy')).toBe('false');
    expect(answer?.querySelector('.message-tools')).not.toBeNull();
  }, answerTimeout);
  return answers(chat).at(-1)!;
}

/** An answer's source cards: their code loads on first use, so they can arrive after the text. */
export async function sourceCards(answer: HTMLElement): Promise<HTMLElement[]> {
  await waitFor(() => expect(answer.querySelector('[part~="citation"]')).not.toBeNull(), answerTimeout);
  return Array.from(answer.querySelectorAll<HTMLElement>('[part~="citation"]'));
}

/** The text a person reads in an element, with runs of white space collapsed. */
export function visibleText(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
