import { describe, expect, it, vi } from 'vitest';
import { HttpResponse } from 'msw';
import { controlledSse, sse, useMockGateway, type ControlledAnswer } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';

/**
 * SECURITY-NOTES §6 (WebChat's live region): each announcement is removed a second after it is
 * made (0–100 ms is too fast for Chrome / TalkBack), so a person browsing the shadow tree does not
 * meet the answer a second time after the transcript, and nothing stale stays there.
 */
const gateway = useMockGateway();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
});

describe('the live region, said twice in a row', () => {
  it('keeps a second "Responding…" up for its full second (a stale timer of the first must not clear it)', async () => {
    const answers: ControlledAnswer[] = [];
    gateway.serve(gatewayUrl, () => {
      const { response, answer } = controlledSse();
      answers.push(answer);
      return response;
    });
    const el = await mountChat();
    const live = shadowPart(el, '[aria-live="polite"]')!;
    const first = el.send('Where is PO-7?');
    await vi.waitFor(() => expect(answers.length).toBe(1));
    // The first answer streams for ~900 ms: each frame re-arms a timer for "Responding…".
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
});
