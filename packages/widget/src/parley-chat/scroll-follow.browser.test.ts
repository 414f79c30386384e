import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import '../define.js';
import type { ParleyChat } from './parley-chat.js';
import { controlledSse, startMockGateway } from '../testing/mock-gateway.js';

const url = '/api/scroll-follow';
let gateway: Awaited<ReturnType<typeof startMockGateway>>;
beforeAll(async () => {
  gateway = await startMockGateway();
});
afterAll(() => gateway.worker.stop());
afterEach(() => {
  gateway.reset();
  document.body.replaceChildren();
});

const frames = (n: number) => new Promise<void>((resolve) => {
  const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
  step(n);
});

async function mount(): Promise<{ el: ParleyChat; messages: HTMLElement }> {
  const el = document.createElement('parley-chat');
  el.setAttribute('endpoint', url);
  el.setAttribute('protocol', 'parley');
  el.setAttribute('persist', 'none');
  el.style.cssText = 'display:block;height:320px;width:360px';
  document.body.append(el);
  await el.updateComplete;
  return { el, messages: el.shadowRoot!.querySelector<HTMLElement>('[part~="messages"]')! };
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

it('opens a long restored history newest first, then fills in the older messages over the next frames', async () => {
  const messages = Array.from({ length: 1000 }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 ? 'assistant' : 'user',
    parts: [{ type: 'text', text: i % 2 ? `Answer number ${i}` : `Question number ${i}` }],
    createdAt: 1_700_000_000_000 + i * 1000,
    ...(i % 2 ? { finishReason: 'stop' } : {}),
  }));
  const stored = new Map<string, string>([['parley:conversation:long-history', JSON.stringify({ v: 1, id: 'long-history', messages })]]);
  const el = document.createElement('parley-chat');
  el.setAttribute('endpoint', url);
  el.setAttribute('protocol', 'parley');
  el.setAttribute('conversation-id', 'long-history');
  el.style.cssText = 'display:block;height:320px;width:360px';
  el.storage = { get: (key) => stored.get(key), set: (key, value) => void stored.set(key, value), remove: (key) => void stored.delete(key) };
  const rendered = () => el.shadowRoot!.querySelectorAll('[part~="message"]');
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
  expect(rendered()[0]!.textContent).toContain('Question number 0');
  const list = el.shadowRoot!.querySelector<HTMLElement>('[part~="messages"]')!;
  await frames(2);
  expect(list.scrollHeight - list.scrollTop - list.clientHeight).toBeLessThan(8);
});
