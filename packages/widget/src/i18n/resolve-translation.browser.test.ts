import { afterEach, describe, expect, it } from 'vitest';
import { mountChat, shadowPart } from '../testing/mount-chat.js';
import { en } from './en.js';

afterEach(() => document.body.replaceChildren());

// No test in this file imports a Chinese table: the element must load it on its own.
describe('languages beyond English load on first use', () => {
  it('a zh-TW page shows Traditional Chinese from its first render, never English first', async () => {
    const seen: string[] = [];
    const el = await mountChat({ lang: 'zh-TW' }, (chat) => {
      // Every text the heading ever shows, read as soon as the shadow DOM changes.
      const watch = new MutationObserver(() => {
        const heading = chat.shadowRoot!.querySelector('.heading')?.textContent;
        if (heading) seen.push(heading);
      });
      queueMicrotask(() => watch.observe(chat.shadowRoot!, { childList: true, subtree: true, characterData: true }));
    });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(shadowPart(el, '.heading')!.textContent).toBe('智慧助理');
    expect(seen).not.toContain(en.heading);
    expect(seen).toContain('智慧助理');
  });

  it('follows a change of the page language to zh-CN without showing English in between', async () => {
    const el = await mountChat({ lang: 'en' });
    expect(shadowPart(el, '.heading')!.textContent).toBe(en.heading);
    el.setAttribute('lang', 'zh');
    await el.updateComplete;
    expect(shadowPart(el, '.heading')!.textContent).toBe('智能助手');
    expect(shadowPart<HTMLTextAreaElement>(el, '[part~="input"]')!.placeholder).toBe('请输入您的问题…');
  });
});
