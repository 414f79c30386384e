import { expect, it, vi } from 'vitest';
import '../define.js';
import type { ParleyChat } from './parley-chat.js';
import { controlledSse, useMockGateway } from '../testing/mock-gateway.js';
import { frames, mountChat, shadowPart } from '../testing/mount-chat.js';
import { storedConversation } from '../testing/stored-conversation.js';

const url = '/api/scroll-follow';
const gateway = useMockGateway();

/** A small chat (320 × 360 px), so a few answers overflow its transcript. */
async function mount(): Promise<{ el: ParleyChat; messages: HTMLElement }> {
  const el = await mountChat({ endpoint: url }, (chat) => (chat.style.cssText = 'display:block;height:320px;width:360px'));
  return { el, messages: shadowPart(el, '[part~="messages"]')! };
}

const distanceFromBottom = (messages: HTMLElement) => messages.scrollHeight - messages.scrollTop - messages.clientHeight;

it('follows a growing answer while the person is at the bottom, and stays put once they scroll up', async () => {
  const { response, answer } = controlledSse();
  gateway.serve(url, () => response);
  const { el, messages } = await mount();
  void el.send('Write a long answer');
  for (let i = 0; i < 40; i++) {
    answer.text(`Paragraph ${i} of a long answer that keeps growing.\n\n`);
    await frames(1);
  }
  await vi.waitFor(() => expect(messages.textContent).toContain('Paragraph 39'));
  await frames(2);
  expect(messages.scrollHeight).toBeGreaterThan(messages.clientHeight * 2);
  expect(distanceFromBottom(messages)).toBeLessThan(8);

  messages.scrollTop = 0;
  await frames(2);
  for (let i = 40; i < 60; i++) answer.text(`Paragraph ${i} arrives while the person reads the top.\n\n`);
  await vi.waitFor(() => expect(messages.textContent).toContain('Paragraph 59'));
  await frames(2);
  expect(messages.scrollTop).toBe(0);
  answer.finish();
});

/** An element whose storage holds a conversation of `count` messages, numbered in their text. */
function longHistoryElement(id: string, count = 1000, padding = ''): { el: ParleyChat; rendered: () => NodeListOf<Element> } {
  const messages = Array.from({ length: count }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 ? 'assistant' : 'user',
    parts: [{ type: 'text', text: i % 2 ? `Answer number ${i}${padding}` : `Question number ${i}` }],
    createdAt: 1_700_000_000_000 + i * 1000,
    ...(i % 2 ? { finishReason: 'stop' } : {}),
  }));
  const el = document.createElement('parley-chat');
  el.setAttribute('endpoint', url);
  el.setAttribute('protocol', 'parley');
  el.setAttribute('conversation-id', id);
  el.style.cssText = 'display:block;height:320px;width:360px';
  el.storage = storedConversation(id, messages);
  return { el, rendered: () => el.shadowRoot!.querySelectorAll('[part~="message"]') };
}

/** Every message is on screen once, in the stored order. */
function expectWholeHistory(rendered: NodeListOf<Element>, count = 1000): void {
  expect(rendered).toHaveLength(count);
  // The bubble's text: the message's whole textContent runs on into its time ("number 0" "10:13").
  const numbers = [...rendered].map((message) => Number(/number (\d+)/.exec(message.querySelector('.bubble')?.textContent ?? '')?.[1]));
  expect(numbers).toEqual(Array.from({ length: count }, (_, i) => i));
}

it('opens a long restored history newest first, then fills in the older messages over the next frames', async () => {
  const { el, rendered } = longHistoryElement('long-history');
  // What the first render with history put on screen, seen before the next frame can add more.
  const firstRender = new Promise<{ count: number; newest: Element }>((resolve) => {
    const watch = new MutationObserver(() => {
      const shown = rendered();
      if (shown.length === 0) return;
      watch.disconnect();
      resolve({ count: shown.length, newest: shown[shown.length - 1]! });
    });
    queueMicrotask(() => watch.observe(el.shadowRoot!, { childList: true, subtree: true }));
  });
  document.body.append(el);
  const first = await firstRender;
  expect(first.count).toBeLessThan(100);
  await vi.waitFor(() => expect(first.newest.textContent).toContain('Answer number 999'));
  await vi.waitFor(() => expect(rendered().length).toBe(1000), { timeout: 10_000 });
  expectWholeHistory(rendered());
  const list = el.shadowRoot!.querySelector<HTMLElement>('[part~="messages"]')!;
  await frames(2);
  expect(list.scrollHeight - list.scrollTop - list.clientHeight).toBeLessThan(8);
});

it('shows about a screenful first: long answers come fewer at a time than short ones', async () => {
  /** How many messages the first render of a restored history put on screen. */
  const firstCount = async (el: ParleyChat, rendered: () => NodeListOf<Element>): Promise<number> => {
    const first = new Promise<number>((resolve) => {
      const watch = new MutationObserver(() => {
        if (rendered().length === 0) return;
        watch.disconnect();
        resolve(rendered().length);
      });
      queueMicrotask(() => watch.observe(el.shadowRoot!, { childList: true, subtree: true }));
    });
    document.body.append(el);
    return first;
  };
  const short = longHistoryElement('short-answers', 200);
  const long = longHistoryElement('long-answers', 200, ` ${'and a long explanation '.repeat(60)}`);
  const [shortFirst, longFirst] = [await firstCount(short.el, short.rendered), await firstCount(long.el, long.rendered)];
  expect(longFirst).toBeGreaterThanOrEqual(1);
  expect(longFirst).toBeLessThan(shortFirst);
  await vi.waitFor(() => expect(long.rendered().length).toBe(200), { timeout: 10_000 });
  expectWholeHistory(long.rendered(), 200);
});

it('still shows the whole history when the element is moved elsewhere in the page while it fills in', async () => {
  const { el, rendered } = longHistoryElement('moved-history');
  document.body.append(el);
  await vi.waitFor(() => expect(rendered().length).toBeGreaterThan(0));
  expect(rendered().length).toBeLessThan(1000);
  el.remove();
  // Long enough for a pending batch to find the element gone (idle callbacks run in order).
  for (let i = 0; i < 3; i++) await new Promise((resolve) => requestIdleCallback(resolve));
  const elsewhere = document.createElement('section');
  document.body.append(elsewhere);
  elsewhere.append(el);
  await vi.waitFor(() => expect(rendered().length).toBe(1000), { timeout: 10_000 });
  expectWholeHistory(rendered());
});

it('shows neither the empty state nor starter prompts while a long history is still being read, nor once it is read with one message it cannot read', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  try {
    const { el, rendered } = longHistoryElement('read-history');
    el.suggestions = ['Where is my order?'];
    document.body.append(el);
    await el.updateComplete;
    const list = el.shadowRoot!.querySelector<HTMLElement>('[part~="messages"]')!;
    expect(list.getAttribute('aria-busy')).toBe('true');
    expect(list.querySelector('.empty-state')).toBeNull();
    await vi.waitFor(() => expect(rendered().length).toBeGreaterThan(0));
    expect(list.querySelector('.empty-state')).toBeNull();
    expect(list.getAttribute('aria-busy')).toBe('false');
    // Its older messages would go on filling in beside the next element's: one history at a time
    // (on a loaded machine two starved each other's idle time past the wait below).
    el.remove();

    const corrupt = longHistoryElement('corrupt-history');
    const get = corrupt.el.storage!.get;
    corrupt.el.storage!.get = (key) => {
      const value = get(key) as string | undefined;
      return value?.replace('"Answer number 901"', '901');
    };
    corrupt.el.suggestions = ['Where is my order?'];
    document.body.append(corrupt.el);
    // The one message it cannot read is left out; the other 999 are shown, not the empty state.
    await vi.waitFor(() => expect(corrupt.rendered()).toHaveLength(999), { timeout: 10_000 });
    expect(corrupt.el.shadowRoot!.querySelector('.empty-state')).toBeNull();
    expect([...corrupt.rendered()].some((message) => message.textContent?.includes('Answer number 901'))).toBe(false);
    expect(String(warn.mock.calls.at(-1)?.[0])).toMatch(/Ignoring 1 unreadable message\(s\) of stored conversation "corrupt-history"/);
  } finally {
    warn.mockRestore();
  }
});

it('opens the launcher’s panel at the newest message of a history restored while it was closed', async () => {
  const { el, rendered } = longHistoryElement('launcher-history', 60);
  el.setAttribute('mode', 'launcher');
  document.body.append(el);
  await el.conversation.ready;
  await frames(10);
  // Shown once it opens: rendered in a panel that is not shown, it had no layout to go by.
  expect(rendered()).toHaveLength(0);
  shadowPart(el, '[part~="launcher"]')!.click();
  await vi.waitFor(() => expect(rendered()).toHaveLength(60));
  await frames(2);
  const list = shadowPart(el, '[part~="messages"]')!;
  expect(list.scrollHeight).toBeGreaterThan(list.clientHeight * 2);
  expect(distanceFromBottom(list)).toBeLessThan(8);
  el.remove();
});

it('shows a short history restored while the page hid the element at its newest message once shown', async () => {
  // Short enough to come at once (nothing held back), long enough to overflow the transcript.
  const { el, rendered } = longHistoryElement('hidden-short-history', 12, '.\n\nA paragraph that makes the answer take a few lines of the transcript.'.repeat(3));
  el.style.display = 'none';
  document.body.append(el);
  await el.conversation.ready;
  await vi.waitFor(() => expect(rendered()).toHaveLength(12));
  await frames(10);
  el.style.display = 'block';
  await frames(3);
  const list = shadowPart(el, '[part~="messages"]')!;
  expect(list.scrollHeight).toBeGreaterThan(list.clientHeight * 2);
  expect(distanceFromBottom(list)).toBeLessThan(8);
  el.remove();
});

it('follows an answer that grew while the page hid the element, once it is shown again', async () => {
  const { response, answer } = controlledSse();
  gateway.serve(url, () => response);
  const { el, messages } = await mount();
  void el.send('Write a long answer');
  answer.text('The first paragraph.\n\n');
  await vi.waitFor(() => expect(messages.textContent).toContain('The first paragraph'));
  // The host's tab is hidden while the answer goes on.
  el.style.display = 'none';
  await frames(2);
  for (let i = 0; i < 30; i++) answer.text(`Paragraph ${i}, streamed while the element is hidden.\n\n`);
  await vi.waitFor(() => expect(messages.textContent).toContain('Paragraph 29'));
  await frames(2);
  el.style.display = 'block';
  await frames(3);
  expect(messages.scrollHeight).toBeGreaterThan(messages.clientHeight * 2);
  expect(distanceFromBottom(messages)).toBeLessThan(8);
  answer.finish();
});
