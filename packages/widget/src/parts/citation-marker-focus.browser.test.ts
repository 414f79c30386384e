import { afterAll, afterEach, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';

/**
 * A marker pressed while its answer's source cards still load waits for them (a MutationObserver on
 * the answer). Here their code never arrives, as over a stalled chunk request: the wait must end
 * once nothing can come of it, not stay on the answer for the element's life.
 */
vi.mock('./citation-list.js', () => new Promise((resolve) => ((globalThis as { releaseCards?: (module: object) => void }).releaseCards = resolve)));
// Let go once the file is done: an import still pending as the browser closes is reported as an error.
afterAll(async () => (globalThis as { releaseCards?: (module: object) => void }).releaseCards?.(await vi.importActual('./citation-list.js')));

const gateway = useMockGateway();

/** Observers watching an answer's `<article>` that are not disconnected. */
const watching = new Set<MutationObserver>();
class WatchedObserver extends MutationObserver {
  override observe(target: Node, options?: MutationObserverInit): void {
    if (target instanceof Element && target.matches('article.message')) watching.add(this);
    super.observe(target, options);
  }
  override disconnect(): void {
    watching.delete(this);
    super.disconnect();
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  watching.clear();
  document.body.replaceChildren();
});

async function markerPressedWhileCardsLoad() {
  vi.stubGlobal('MutationObserver', WatchedObserver);
  gateway.serve(gatewayUrl, () =>
    sse([
      { type: 'text-delta', delta: 'It shipped on Monday [1].' },
      { type: 'citation', citation: { id: 'doc-1', title: 'Shipping log 2025' } },
      { type: 'finish', reason: 'stop' },
    ]),
  );
  const el = await mountChat();
  await el.send('When did PO-7 ship?');
  const marker = await vi.waitFor(() => shadowPart<HTMLButtonElement>(el, '.parley-citation-marker') ?? Promise.reject(new Error('no marker yet')));
  expect(shadowPart(el, '.citations[aria-busy="true"]')).not.toBeNull();
  await userEvent.click(marker);
  expect(watching.size).toBe(1);
  return el;
}

it('a marker pressed while the source cards never load stops waiting for them once the person moves on, not while the window loses focus', async () => {
  const el = await markerPressedWhileCardsLoad();
  // Another app takes the focus: the element keeps it on the marker, and the wait goes on.
  const marker = shadowPart<HTMLButtonElement>(el, '.parley-citation-marker')!;
  marker.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true }));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(el.shadowRoot!.activeElement).toBe(marker);
  expect(watching.size).toBe(1);
  await userEvent.click(shadowPart(el, '[part~="input"]')!);
  await vi.waitFor(() => expect(watching.size).toBe(0));
});

it('a marker pressed while the source cards never load stops waiting for them once the element leaves the page', async () => {
  const el = await markerPressedWhileCardsLoad();
  el.remove();
  await vi.waitFor(() => expect(watching.size).toBe(0));
});
