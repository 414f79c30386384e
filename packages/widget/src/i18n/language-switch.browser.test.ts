import { afterEach, expect, it, vi } from 'vitest';
import { mountChat, shadowPart } from '../testing/mount-chat.js';

afterEach(() => document.body.replaceChildren());

// Its own file, so neither Chinese table is loaded yet: the switch happens while one is on its way.
it('shows the language set last when the page changes language while a table is still loading', async () => {
  const el = await mountChat({ lang: 'en' });
  el.setAttribute('lang', 'zh-CN');
  // The update has started and waits for the zh-CN table when the page switches again.
  await new Promise((resolve) => setTimeout(resolve, 0));
  el.setAttribute('lang', 'zh-TW');
  await vi.waitFor(() => expect(shadowPart(el, '.heading')!.textContent).toBe('智慧助理'));
  await el.updateComplete;
  expect(shadowPart(el, '.heading')!.textContent).toBe('智慧助理');
});
