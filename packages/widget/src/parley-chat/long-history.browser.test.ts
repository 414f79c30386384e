import { expect, it, vi } from 'vitest';
import type { ParleyChat } from './parley-chat.js';
import { useMockGateway } from '../testing/mock-gateway.js';
import { frames, mountChat, shadowParts } from '../testing/mount-chat.js';
import { storedConversation } from '../testing/stored-conversation.js';
import { longMarkdownAnswer } from '../../../../test/fixtures/long-markdown-answer.js';

// A restored history of 200 messages: questions, and markdown answers of 200–900 characters
// (headings, lists, tables, code, citations, images), as in the bench's 1,000-message one.
useMockGateway();
const count = 200;

async function restoredHistory(id: string): Promise<ParleyChat> {
  const messages = Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 ? 'assistant' : 'user',
    parts: [{ type: 'text', text: i % 2 ? `Answer number ${i}.\n\n${longMarkdownAnswer(200 + ((i * 137) % 700))}` : `Question number ${i}` }],
    createdAt: 1_700_000_000_000 + i * 1000,
    ...(i % 2 ? { finishReason: 'stop' } : {}),
  }));
  const el = await mountChat({ 'conversation-id': id }, (chat) => {
    chat.style.cssText = 'display:block;height:480px;width:400px';
    chat.storage = storedConversation(id, messages);
  });
  await vi.waitFor(() => expect(shadowParts(el, '[part~="message"]')).toHaveLength(count), { timeout: 20_000 });
  await frames(2);
  return el;
}

/** Every node the element's shadow tree holds (elements, text, comments), as the bench's DOM node count sees them. */
function nodesIn(root: Node): number {
  let nodes = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
  while (walker.nextNode()) nodes++;
  return nodes;
}

it('keeps every restored message in the DOM, in order, and reachable by find in page and the keyboard where its group skips rendering far from view', async () => {
  const el = await restoredHistory('history-reachable');
  const messages = shadowParts(el, '[part~="message"]');
  // Not virtualised: every message is there, in order, from the oldest.
  expect(messages.map((message) => /number (\d+)/.exec(message.querySelector('.bubble')!.textContent!)?.[1])).toEqual(
    Array.from({ length: count }, (_, i) => String(i)),
  );
  // Scrolled to the newest: the oldest messages are far above, their group skipped by the browser.
  const oldest = messages[0]!;
  expect(oldest.checkVisibility({ contentVisibilityAuto: true })).toBe(false);
  expect(messages[count - 1]!.checkVisibility({ contentVisibilityAuto: true })).toBe(true);
  // Find in page searches skipped groups too, and shows the one it found in.
  expect((window as unknown as { find(text: string): boolean }).find('Question number 0')).toBe(true);
  expect(oldest.checkVisibility({ contentVisibilityAuto: true })).toBe(true);
  // So does the keyboard: an answer's Copy in another skipped group takes focus, and its group renders.
  const answer = messages[41]!;
  expect(answer.checkVisibility({ contentVisibilityAuto: true })).toBe(false);
  const copy = answer.querySelector<HTMLButtonElement>('button.copy')!;
  copy.focus();
  expect(el.shadowRoot!.activeElement).toBe(copy);
  await frames(2);
  expect(answer.checkVisibility({ contentVisibilityAuto: true })).toBe(true);
});

it('lets the browser watch one box per ten messages, not one per message, for what to skip', async () => {
  const el = await restoredHistory('history-watched');
  // Each `content-visibility: auto` box is one more intersection check per frame while scrolling:
  // one per message made those checks most of a scroll frame in a 1,000-message history.
  const watched = shadowParts(el, '*').filter((node) => getComputedStyle(node).contentVisibility === 'auto');
  expect(watched.length).toBeGreaterThan(0);
  expect(watched.length).toBeLessThanOrEqual(count / 10);
});

it('holds a restored history in at most 80 DOM nodes per message', async () => {
  const el = await restoredHistory('history-weight');
  // Memory, style and layout work grow with the nodes. Lit's update markers kept in finished
  // answers, whitespace text between tags and spans in each thumb made 170 per message of this
  // history (64 without them; 86 -> 39 in the bench's, bench/PROFILE.md §2).
  const perMessage = nodesIn(el.shadowRoot!) / count;
  expect(perMessage).toBeLessThanOrEqual(80);
});
