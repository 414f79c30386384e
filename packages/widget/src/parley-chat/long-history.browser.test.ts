import { expect, it, vi } from 'vitest';
import type { ParleyChat } from './parley-chat.js';
import { accessibilityTree } from '../testing/accessibility-tree.js';
import { useMockGateway } from '../testing/mock-gateway.js';
import { frames, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';
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

it('keeps every restored message in the DOM, in order, and reachable by find in page and the keyboard', async () => {
  const el = await restoredHistory('history-reachable');
  const messages = shadowParts(el, '[part~="message"]');
  // Not virtualised: every message is there, in order, from the oldest.
  expect(messages.map((message) => /number (\d+)/.exec(message.querySelector('.bubble')!.textContent!)?.[1])).toEqual(
    Array.from({ length: count }, (_, i) => String(i)),
  );
  // Scrolled to the newest, find in page still finds the oldest message far above.
  expect((window as unknown as { find(text: string): boolean }).find('Question number 0')).toBe(true);
  // So does the keyboard: an older answer's Copy takes focus.
  const copy = messages[41]!.querySelector<HTMLButtonElement>('button.copy')!;
  copy.focus();
  expect(el.shadowRoot!.activeElement).toBe(copy);
});

/** The text a screen reader finds in this test's page. */
async function screenReaderTexts(): Promise<string[]> {
  return (await accessibilityTree()).filter((node) => node.role?.value === 'StaticText').map((node) => node.name?.value ?? '');
}

it('gives a screen reader every restored message, the oldest far above the view too', async () => {
  const el = await restoredHistory('history-screen-reader');
  // Scrolled to the newest, the oldest messages are far above the view. Chromium builds the tree
  // when a screen reader first asks (here: now); with `content-visibility: auto` on the groups it
  // left out every group skipped at that moment, and browse mode reached messages 190-199 only.
  const transcript = shadowPart(el, '[part="messages"]')!.getBoundingClientRect();
  expect(shadowParts(el, '[part~="message"]')[0]!.getBoundingClientRect().bottom).toBeLessThan(transcript.top - transcript.height);
  const texts = await screenReaderTexts();
  expect(texts).toContain('Question number 0');
  const numbers = new Set(texts.map((text) => /^(?:Question|Answer) number (\d+)/.exec(text)?.[1]).filter(Boolean));
  expect(numbers.size).toBe(count);
});

it('holds settled messages in groups of ten that the browser lays out and paints as one box each', async () => {
  const el = await restoredHistory('history-groups');
  // Messages added above or below a group move it as one box: with a box per message, scroll
  // frames of a 1,000-message history laid out and painted each of them (bench/PROFILE.md §2).
  const groups = shadowParts(el, '.message-group');
  expect(groups.map((group) => group.querySelectorAll('[part~="message"]').length)).toEqual(Array(count / 10).fill(10));
  expect(groups.slice(0, -1).map((group) => getComputedStyle(group).contain)).toEqual(Array(count / 10 - 1).fill('content'));
});

it('holds a restored history in at most 80 DOM nodes per message', async () => {
  const el = await restoredHistory('history-weight');
  // Memory, style and layout work grow with the nodes. Lit's update markers kept in finished
  // answers, whitespace text between tags and spans in each thumb made 170 per message of this
  // history (64 without them; 86 -> 39 in the bench's, bench/PROFILE.md §2).
  const perMessage = nodesIn(el.shadowRoot!) / count;
  expect(perMessage).toBeLessThanOrEqual(80);
});
