import { expect, it, vi } from 'vitest';
import type { ParleyChat } from './parley-chat.js';
import { accessibilityTree } from '../testing/accessibility-tree.js';
import { frameOf, traced, type TraceEvent } from '../testing/renderer-trace.js';
import { testFrameId } from '../testing/test-frame.js';
import { useMockGateway } from '../testing/mock-gateway.js';
import { frames, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';
import { storedConversation } from '../testing/stored-conversation.js';
import { longMarkdownAnswer } from '../../../../test/fixtures/long-markdown-answer.js';

// A restored history of 200 messages: questions, and markdown answers of 200–900 characters
// (headings, lists, tables, code, citations, images), as in the bench's 1,000-message one.
useMockGateway();
const count = 200;

/** An element restoring the history: its newest messages show first, the older ones fill in above over the next idle times. */
function restoringHistory(id: string, attributes: Record<string, string> = {}, style = ''): Promise<ParleyChat> {
  const messages = Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 ? 'assistant' : 'user',
    parts: [{ type: 'text', text: i % 2 ? `Answer number ${i}.\n\n${longMarkdownAnswer(200 + ((i * 137) % 700))}` : `Question number ${i}` }],
    createdAt: 1_700_000_000_000 + i * 1000,
    ...(i % 2 ? { finishReason: 'stop' } : {}),
  }));
  return mountChat({ 'conversation-id': id, ...attributes }, (chat) => {
    chat.style.cssText = `display:block;height:480px;width:400px;${style}`;
    chat.storage = storedConversation(id, messages);
  });
}

async function restoredHistory(id: string): Promise<ParleyChat> {
  const el = await restoringHistory(id);
  await vi.waitFor(() => expect(shadowParts(el, '[part~="message"]')).toHaveLength(count), { timeout: 20_000 });
  await frames(2);
  return el;
}

/** The number each shown message has in its text ("Question number 12"), in the order shown. */
const shownNumbers = (el: ParleyChat): number[] =>
  shadowParts(el, '[part~="message"]').map((message) => Number(/number (\d+)/.exec(message.querySelector('.bubble')!.textContent!)?.[1]));

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

it('keeps the place and the focus of a person reading the newest answer while older messages fill in above it', async () => {
  const el = await restoringHistory('history-reading');
  const shown = (): HTMLElement[] => shadowParts(el, '[part~="message"]');
  await vi.waitFor(() => expect(shown().at(-1)?.querySelector('button.copy')).toBeTruthy());
  await frames(2);
  // The person reads the newest answer, its Copy focused (Tab), while the rest comes in above.
  const copy = shown().at(-1)!.querySelector<HTMLButtonElement>('button.copy')!;
  copy.focus();
  const top = copy.getBoundingClientRect().top;
  const seen = new Set<number>();
  while (shown().length < count) {
    seen.add(shown().length);
    expect(el.shadowRoot!.activeElement).toBe(copy);
    expect(Math.abs(copy.getBoundingClientRect().top - top)).toBeLessThan(1);
    await frames(1);
  }
  // Older messages came in several batches (at most 12 each), with the place kept after each.
  expect(seen.size).toBeGreaterThan(count / 12 / 2);
  expect(el.shadowRoot!.activeElement).toBe(copy);
  expect(Math.abs(copy.getBoundingClientRect().top - top)).toBeLessThan(1);
  expect(shownNumbers(el)).toEqual(Array.from({ length: count }, (_, i) => i));
});

it('shows every older message, in order and none skipped, to a person scrolling up while they fill in', async () => {
  const el = await restoringHistory('history-scrolling-up');
  const list = shadowPart(el, '[part="messages"]')!;
  await vi.waitFor(() => expect(shownNumbers(el).length).toBeGreaterThan(0));
  // One step up per frame, as a wheel does, until the oldest message is there and in view.
  for (let step = 0; step < 2000 && !(list.scrollTop === 0 && shownNumbers(el)[0] === 0); step++) {
    list.scrollTop -= 240;
    await frames(1);
    // What is shown is always the newest messages, in order, with none missing between them.
    const numbers = shownNumbers(el);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => count - numbers.length + i));
  }
  expect(shownNumbers(el)).toEqual(Array.from({ length: count }, (_, i) => i));
  expect(list.scrollTop).toBe(0);
  const oldest = shadowParts(el, '[part~="message"]')[0]!.getBoundingClientRect();
  expect(oldest.top).toBeGreaterThanOrEqual(list.getBoundingClientRect().top);
});

it('lays out each batch of older messages in the idle time that adds it, not in a frame of the person’s scroll', async () => {
  const events = await traced(async () => {
    const el = await restoringHistory('history-layout');
    await vi.waitFor(() => expect(shownNumbers(el)).toHaveLength(count), { timeout: 20_000 });
    await frames(2);
  });
  const frame = await testFrameId();
  const idle = events.filter((event) => event.name === 'FireIdleCallback' && event.ph === 'X' && frameOf(event) === frame);
  // Layouts after the first idle batch: the newest messages before it are laid out in the frame that shows them.
  const layouts = events.filter((event) => event.name === 'Layout' && event.ph === 'X' && frameOf(event) === frame && event.ts > idle[0]!.ts);
  const inIdle = (layout: TraceEvent): boolean =>
    idle.some((task) => task.tid === layout.tid && task.ts <= layout.ts && layout.ts + (layout.dur ?? 0) <= task.ts + (task.dur ?? 0));
  const boxes = (list: TraceEvent[]): number => list.reduce((sum, layout) => sum + (layout.args?.beginData?.dirtyObjects ?? 0), 0);
  // Left to the next frame, a batch's layout (up to 1,000 boxes in the bench's history) came on
  // top of the scroll's own work there and made its longest task (bench/PROFILE.md §2).
  const laidOutInIdle = boxes(layouts.filter(inIdle));
  expect(laidOutInIdle).toBeGreaterThan(count * 10);
  expect(boxes(layouts.filter((layout) => !inIdle(layout)))).toBeLessThan(laidOutInIdle / 20);
});

/** Whether the newest message is in the transcript's view. */
function newestInView(el: ParleyChat): boolean {
  const newest = shadowParts(el, '[part~="message"]').at(-1)!.getBoundingClientRect();
  const view = shadowPart(el, '[part="messages"]')!.getBoundingClientRect();
  return newest.bottom > view.top && newest.top < view.bottom;
}

/** Just shown (opened): at the newest message at once, and still there once every older message has filled in above it. */
async function showsNewestThenFillsIn(el: ParleyChat): Promise<void> {
  await frames(3);
  expect(newestInView(el)).toBe(true);
  await vi.waitFor(() => expect(shownNumbers(el)).toEqual(Array.from({ length: count }, (_, i) => i)), { timeout: 20_000 });
  await frames(2);
  expect(newestInView(el)).toBe(true);
}

it('fills in a closed launcher’s history once it opens, and opens at the newest message, closed before or during the fill', async () => {
  const el = await restoringHistory('history-launcher', { mode: 'launcher' });
  // Closed from the start: the older messages wait. Added to a panel that is not shown, they had
  // no layout to judge their batches by, and the open laid all of them out in one long task.
  await frames(30);
  expect(shownNumbers(el)).toEqual([]);
  el.open();
  await vi.waitFor(() => expect(shownNumbers(el).length).toBeGreaterThan(0));
  await frames(3);
  expect(newestInView(el)).toBe(true);
  const atClose = shownNumbers(el).length;
  expect(atClose).toBeLessThan(count);
  // Closed while they fill in: they wait again, and the panel opens where it was, at the newest
  // message, not at a place the messages added above it while closed moved it to.
  el.close();
  await frames(30);
  expect(shownNumbers(el)).toHaveLength(atClose);
  el.open();
  await showsNewestThenFillsIn(el);
});

it('pauses the fill while the page hides the element, and goes on at the newest message once it is shown', async () => {
  const el = await restoringHistory('history-host-hidden');
  await vi.waitFor(() => expect(shownNumbers(el).length).toBeGreaterThan(0));
  await frames(3);
  expect(newestInView(el)).toBe(true);
  // A host's hidden tab (display: none): batches added there had no layout to judge them by or to
  // keep the place with, and the show laid them all out in one task, far above the newest message.
  el.style.display = 'none';
  await frames(2);
  const atHide = shownNumbers(el).length;
  expect(atHide).toBeLessThan(count);
  await frames(30);
  expect(shownNumbers(el)).toHaveLength(atHide);
  el.style.display = 'block';
  await showsNewestThenFillsIn(el);
});

it('fills in a history the page hid the element for from the start once it is shown, and opens at the newest message', async () => {
  const el = await restoringHistory('history-hidden-from-start', {}, 'display:none');
  // One screenful may come while hidden (the newest messages); the older ones wait for the show.
  await frames(30);
  expect(shownNumbers(el).length).toBeLessThanOrEqual(12);
  el.style.display = 'block';
  await showsNewestThenFillsIn(el);
});

it('fills in a history shown in an element the page lays out as display: contents (no box of its own)', async () => {
  const el = await restoringHistory('history-contents', {}, 'display:contents');
  await vi.waitFor(() => expect(shownNumbers(el).length).toBeGreaterThan(0));
  await showsNewestThenFillsIn(el);
});

it('shows a history the page moves elsewhere just after adding the element (a framework re-parenting it)', async () => {
  const el = await restoringHistory('history-moved-at-once');
  const section = document.createElement('section');
  document.body.append(section);
  section.append(el);
  // Before, the element rebuilt nothing once put back: the transcript stayed empty and busy until the person typed.
  await vi.waitFor(() => expect(shownNumbers(el).length).toBeGreaterThan(0), { timeout: 5_000 });
  await showsNewestThenFillsIn(el);
});
