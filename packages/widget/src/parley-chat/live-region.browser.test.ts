import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { HttpResponse } from 'msw';
import { controlledSse, sse, useMockGateway, type ControlledAnswer } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';
import { createClient } from '@parley/client';
import type { ParleyChat } from './parley-chat.js';

/**
 * SECURITY-NOTES §6 (WebChat's live region): each announcement is removed a second after it is
 * made (0–100 ms is too fast for Chrome / TalkBack), so a person browsing the shadow tree does not
 * meet the answer a second time after the transcript, and nothing stale stays there.
 */
const gateway = useMockGateway();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A chat whose answers the test streams itself (`answers[n]`), and its live region. */
async function controlledChat(): Promise<{ el: ParleyChat; live: HTMLElement; answers: ControlledAnswer[] }> {
  const answers: ControlledAnswer[] = [];
  gateway.serve(gatewayUrl, () => {
    const { response, answer } = controlledSse();
    answers.push(answer);
    return response;
  });
  const el = await mountChat();
  return { el, live: shadowPart(el, '[aria-live="polite"]')!, answers };
}

describe('the live region', () => {
  it('empties itself a moment after an announcement', async () => {
    gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: 'PO-7 shipped.' }, { type: 'finish', reason: 'stop' }]));
    const el = await mountChat();
    const live = shadowPart(el, '[aria-live="polite"]')!;
    await el.send('Where is PO-7?');
    await vi.waitFor(() => expect(live.textContent).toContain('PO-7 shipped.'));
    await pause(3000);
    expect(live.textContent?.trim()).toBe('');
  });

  it('does not keep saying "Responding…" after the answer failed (the alert says why)', async () => {
    gateway.serve(gatewayUrl, () => new HttpResponse('busy', { status: 503, headers: { 'retry-after': '120' } }));
    const el = await mountChat();
    const live = shadowPart(el, '[aria-live="polite"]')!;
    await el.send('Where is PO-7?');
    await vi.waitFor(() => expect(shadowPart(el, '[role="alert"]')).not.toBeNull());
    await pause(3000);
    expect(live.textContent?.trim()).toBe('');
  });
});

describe('a refused request the client waits out (a 429 with Retry-After)', () => {
  it('says in the answer, as a status, that it is waiting, in the person\'s language, and not once the answer came', async () => {
    for (const [lang, words] of [
      ['en', 'The gateway is busy; trying again shortly…'],
      ['zh-CN', '网关繁忙，稍后自动重试…'],
    ] as const) {
      let requests = 0;
      gateway.serve(gatewayUrl, () =>
        requests++ === 0
          ? new HttpResponse('{"error":{"message":"rate limited"}}', { status: 429, headers: { 'retry-after': '2', 'content-type': 'application/json' } })
          : sse([{ type: 'text-delta', delta: 'Done.' }, { type: 'finish', reason: 'stop' }]),
      );
      const el = await mountChat({ lang });
      const sent = el.send('Hello');
      const note = await vi.waitFor(() => shadowPart(el, '[part~="assistant"] [role="status"]') ?? Promise.reject(new Error('no status yet')), { timeout: 1500 });
      expect(note.textContent).toBe(words);
      expect(requests).toBe(1);
      await sent;
      await vi.waitFor(() => expect(shadowPart(el, '[part~="assistant"]')!.textContent).toContain('Done.'));
      expect(shadowPart(el, '[part~="assistant"] [role="status"]')).toBeNull();
      el.remove();
    }
  });

  it('says the connection was lost, not that the gateway is busy, while the network is away', async () => {
    for (const [lang, words] of [
      ['en', 'The connection was lost; reconnecting…'],
      ['zh-CN', '连接已中断，正在重新连接…'],
    ] as const) {
      let requests = 0;
      gateway.serve(gatewayUrl, () => (requests++ === 0 ? HttpResponse.error() : sse([{ type: 'text-delta', delta: 'Back.' }, { type: 'finish', reason: 'stop' }])));
      // A backoff long enough to be said (waits under a second are not): 2 s, jitter at its middle.
      const timers = { setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as number), now: () => Date.now(), random: () => 0.5 };
      const el = await mountChat({ lang }, (chat) => (chat.client = createClient({ url: gatewayUrl, protocol: 'parley', retry: { baseMs: 4000, maxMs: 4000 }, timers })));
      const sent = el.send('Hello');
      const note = await vi.waitFor(() => shadowPart(el, '[part~="assistant"] [role="status"]') ?? Promise.reject(new Error('no status yet')), { timeout: 1500 });
      expect(note.textContent).toBe(words);
      await sent;
      await vi.waitFor(() => expect(shadowPart(el, '[part~="assistant"]')!.textContent).toContain('Back.'));
      expect(shadowPart(el, '[part~="assistant"] [role="status"]')).toBeNull();
      expect(requests).toBe(2);
      el.remove();
    }
  });

  it('is gone when the retry fails too, and the notice says why', async () => {
    let requests = 0;
    gateway.serve(gatewayUrl, () =>
      requests++ === 0
        ? new HttpResponse('{"error":{"message":"rate limited"}}', { status: 429, headers: { 'retry-after': '1', 'content-type': 'application/json' } })
        : new HttpResponse('{"error":{"message":"bad model"}}', { status: 400, headers: { 'content-type': 'application/json' } }),
    );
    const el = await mountChat();
    const sent = el.send('Hello');
    await vi.waitFor(() => shadowPart(el, '[part~="assistant"] [role="status"]') ?? Promise.reject(new Error('no status yet')), { timeout: 1500 });
    await sent;
    await vi.waitFor(() => expect(shadowPart(el, '[role="alert"]')).not.toBeNull());
    expect(shadowPart(el, '[part~="assistant"] [role="status"]')).toBeNull();
    expect(requests).toBe(2);
  });

  it('is gone after a stop during the wait', async () => {
    gateway.serve(gatewayUrl, () => new HttpResponse('{"error":{"message":"rate limited"}}', { status: 429, headers: { 'retry-after': '5', 'content-type': 'application/json' } }));
    const el = await mountChat();
    void el.send('Hello');
    await vi.waitFor(() => shadowPart(el, '[part~="assistant"] [role="status"]') ?? Promise.reject(new Error('no status yet')), { timeout: 1500 });
    el.stop();
    await vi.waitFor(() => expect(shadowPart(el, '[part~="assistant"] [role="status"]')).toBeNull());
  });
});

describe('the live region while answers stream and the person types', () => {
  it('keeps a second "Responding…" up for its full second (a stale timer of the first must not clear it)', async () => {
    const { el, live, answers } = await controlledChat();
    const first = el.send('Where is PO-7?');
    await vi.waitFor(() => expect(answers.length).toBe(1));
    // The first answer streams for ~900 ms: each frame re-renders the element.
    for (let i = 0; i < 9; i++) {
      answers[0]!.text(`part ${i}. `);
      await pause(100);
    }
    answers[0]!.finish();
    await first;
    await vi.waitFor(() => expect(live.textContent).toContain('part 8.'), { interval: 5 });
    void el.send('And PO-8?');
    await vi.waitFor(() => expect(live.textContent).toContain('Responding'), { interval: 5 });
    const shownAt = performance.now();
    await vi.waitFor(() => expect(live.textContent).not.toContain('Responding'), { timeout: 3000, interval: 5 });
    expect(performance.now() - shownAt).toBeGreaterThan(900);
  });

  it('empties "Responding…" a second after it was said, while a long answer streams', async () => {
    const { el, live, answers } = await controlledChat();
    const sent = el.send('Where is PO-7?');
    await vi.waitFor(() => expect(answers.length).toBe(1));
    await vi.waitFor(() => expect(live.textContent).toContain('Responding'), { interval: 5 });
    const contents: string[] = [];
    for (let i = 0; i < 30; i++) {
      answers[0]!.text(`part ${i}. `);
      await pause(100);
      contents.push(live.textContent!.trim());
    }
    answers[0]!.finish();
    await sent;
    // 3 s into the stream, "Responding…" should have been gone for ~2 s.
    expect(contents.slice(15)).toEqual(Array(15).fill(''));
  });

  it('empties the answer a second after it was said while the person types the next question', async () => {
    gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: 'PO-7 shipped.' }, { type: 'finish', reason: 'stop' }]));
    const el = await mountChat();
    const live = shadowPart(el, '[aria-live="polite"]')!;
    await el.send('Where is PO-7?');
    await vi.waitFor(() => expect(live.textContent).toContain('PO-7 shipped.'), { interval: 5 });
    const input = shadowPart<HTMLTextAreaElement>(el, '[part~="input"]')!;
    input.focus();
    for (let i = 0; i < 12; i++) {
      await userEvent.keyboard('a');
      await pause(200);
    }
    expect(live.textContent!.trim()).toBe('');
  });
});
