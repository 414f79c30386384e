import { expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import '../define.js';
import type { ParleyChat } from './parley-chat.js';
import { controlledSse, useMockGateway } from '../testing/mock-gateway.js';
import { frames, mountChat, shadowPart } from '../testing/mount-chat.js';

// A long answer's finished blocks and its messages skip rendering while far from view
// (content-visibility): what a person sees must not change for it.

const url = '/api/long-answer';
const gateway = useMockGateway();

async function answered(markdown: string[]): Promise<{ el: ParleyChat; messages: HTMLElement }> {
  const { response, answer } = controlledSse();
  gateway.serve(url, () => response);
  const el = await mountChat({ endpoint: url }, (chat) => (chat.style.cssText = 'display:block;height:320px;width:360px'));
  const messages = shadowPart(el, '[part~="messages"]')!;
  void el.send('Answer at length');
  for (const block of markdown) {
    answer.text(block);
    await frames(1);
  }
  answer.finish();
  await vi.waitFor(() => expect(el.conversation.getSnapshot().status).toBe('idle'));
  await frames(2);
  return { el, messages };
}

/** The RGBA of one CSS pixel of `element`'s screenshot, at `x`/`y` from its top left corner. */
async function pixel(element: HTMLElement, x: number, y: number): Promise<number[]> {
  const base64 = await page.screenshot({ element, save: false });
  const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
  const scale = bitmap.width / element.getBoundingClientRect().width;
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const context = canvas.getContext('2d')!;
  context.drawImage(bitmap, 0, 0);
  return Array.from(context.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data);
}

it('keeps the whole answer the same height when its first blocks scroll back into view', async () => {
  const blocks = Array.from({ length: 60 }, (_, i) =>
    i % 5 === 4 ? `## Part ${i}\n\n` : `Paragraph ${i} of a long answer, with enough words to wrap over a second line here.\n\n`,
  );
  const { messages } = await answered(blocks);
  expect(messages.scrollHeight).toBeGreaterThan(messages.clientHeight * 4);
  const height = messages.scrollHeight;
  const last = messages.scrollTop;

  messages.scrollTop = 0;
  await frames(3);
  expect(messages.textContent).toContain('Paragraph 0 of a long answer');
  expect(messages.scrollHeight).toBe(height);
  messages.scrollTop = last;
  await frames(3);
  expect(messages.scrollHeight).toBe(height);
});

it('shows the whole keyboard focus ring of a link at the start of an answer', async () => {
  const { el, messages } = await answered(['[The source](https://example.com/source) says so.\n\nMore follows.']);
  const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('.parley-markdown a')!;
  const box = link.getBoundingClientRect();
  const frame = messages.getBoundingClientRect();
  // The ring is drawn 2-4 px left of the link, outside the message box and its paragraph.
  const x = box.left - frame.left - 3;
  const y = box.top - frame.top + box.height / 2;
  const before = await pixel(messages, x, y);

  messages.focus();
  // The question's Edit comes first, then the answer's link.
  await userEvent.tab();
  await userEvent.tab();
  expect(el.shadowRoot!.activeElement).toBe(link);
  await frames(2);
  expect(await pixel(messages, x, y)).not.toEqual(before);
});
