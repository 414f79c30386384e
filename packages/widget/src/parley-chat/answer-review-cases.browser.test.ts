import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { HttpResponse } from 'msw';
import { controlledSse, sse, useMockGateway, type ControlledAnswer } from '../testing/mock-gateway.js';
import type { ParleyChat } from './parley-chat.js';
import { gatewayUrl, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';

/**
 * Found by a review of a451171 and 344f3ce, each failing on the code it reviewed: a middle click on a
 * source card, Regenerate beside a Retry the notice still offers, the live region kept up by every
 * update, and the retry-wait line after a failed retry or a stop.
 */
const gateway = useMockGateway();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tools = (el: ParleyChat) => shadowParts(el, '[part="message assistant"] .message-tools button').map((button) => button.className);

describe('source links, Retry beside Regenerate, and the live region while streaming', () => {
  it('a middle click on a source card link is held like a left click (auxclick)', async () => {
    gateway.serve(gatewayUrl, () =>
      sse([
        { type: 'text-delta', delta: 'See the order [1].' },
        { type: 'citation', citation: { id: '1', title: 'ERP order 7', url: 'https://attacker.example/collect?d=U0VDUkVUX0NPTlRFWFRfT0ZfVEhFX1VTRVI' } },
        { type: 'finish', reason: 'stop' },
      ]),
    );
    const el = await mountChat();
    await el.send('Where is PO-7?');
    const link = await vi.waitFor(() => shadowPart(el, 'a.citation-title') ?? Promise.reject(new Error('no card yet')));
    let prevented: boolean | undefined;
    const last = (event: Event) => {
      prevented = event.defaultPrevented;
      event.preventDefault();
    };
    window.addEventListener('auxclick', last);
    link.dispatchEvent(new MouseEvent('auxclick', { bubbles: true, cancelable: true, composed: true, button: 1 }));
    window.removeEventListener('auxclick', last);
    expect(prevented, 'middle click opened attacker.example in a new tab with no confirmation').toBe(true);
  });

  it('does not show Regenerate beside the notice\'s Retry (a 200 HTML page: retryable false, Retry still offered)', async () => {
    gateway.serve(gatewayUrl, () => new HttpResponse('<!doctype html><p>Sign in</p>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const el = await mountChat();
    await el.send('Where is PO-7?');
    await vi.waitFor(() => expect(shadowPart(el, '[role="alert"]')).not.toBeNull());
    expect(shadowPart(el, '[role="alert"] .retry'), 'the notice offers Retry').not.toBeNull();
    expect(tools(el)).not.toContain('tool regenerate');
  });

  it('empties "Responding…" from the live region a second after it was said, while a long answer streams', async () => {
    const answers: ControlledAnswer[] = [];
    gateway.serve(gatewayUrl, () => {
      const { response, answer } = controlledSse();
      answers.push(answer);
      return response;
    });
    const el = await mountChat();
    const live = shadowPart(el, '[aria-live="polite"]')!;
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
});

describe('the retry wait line', () => {
  it('goes when the retry fails too, and the notice says why', async () => {
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

  it('goes after a stop during the wait', async () => {
    gateway.serve(gatewayUrl, () => new HttpResponse('{"error":{"message":"rate limited"}}', { status: 429, headers: { 'retry-after': '5', 'content-type': 'application/json' } }));
    const el = await mountChat();
    void el.send('Hello');
    await vi.waitFor(() => shadowPart(el, '[part~="assistant"] [role="status"]') ?? Promise.reject(new Error('no status yet')), { timeout: 1500 });
    el.stop();
    await vi.waitFor(() => expect(shadowPart(el, '[part~="assistant"] [role="status"]')).toBeNull());
  });
});

describe('the live region after the answer', () => {
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
