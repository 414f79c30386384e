import { describe, expect, it, vi } from 'vitest';
import axe from 'axe-core';
import { controlledSse, useMockGateway, transcriptViewsModule } from '../testing/mock-gateway.js';
import { gatewayUrl, idle, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';

/**
 * The transcript views (with `<parley-markdown>`) are a module of their own, a chunk in the script
 * tag, fetched when a conversation first has messages. A person who sends without typing first
 * (a starter prompt, `el.send()`) may see messages before it is in; the mock service worker holds
 * or fails the real request for the module, as a slow or dropped network would.
 */
const gateway = useMockGateway();

const live = (el: HTMLElement): string => el.shadowRoot!.querySelector('[aria-live="polite"]')!.textContent!;

describe('messages before the transcript views are in', () => {
  it('show as written, with their parts and roles, and render in full once the chunk arrives', async () => {
    const { response, answer } = controlledSse();
    gateway.serve(gatewayUrl, () => response);
    const chunk = gateway.holdModule(transcriptViewsModule);
    const el = await mountChat({}, undefined, { transcript: 'lazy' });
    expect(chunk.requests()).toBe(0);

    const sent = el.send('When does\nPO-7 ship?');
    await vi.waitFor(() => expect(chunk.requests()).toBe(1));
    answer.text('It ships **today**.\nBy truck.');
    answer.finish();
    expect(await sent).toBe(true);
    await vi.waitFor(() => expect(idle(el)).toBe(true));
    await el.updateComplete;

    const user = shadowPart(el, '[part="message user"]')!;
    const assistant = shadowPart(el, '[part="message assistant"]')!;
    expect(user.querySelector<HTMLElement>('.bubble')!.innerText).toBe('When does\nPO-7 ship?');
    expect(assistant.querySelector<HTMLElement>('parley-markdown')!.innerText).toBe('It ships **today**.\nBy truck.');
    // Who said what is read out, and the finished answer was announced from state.
    expect(user.textContent).toContain('You:');
    expect(assistant.textContent).toContain('Assistant:');
    expect(live(el)).toContain('It ships today.');
    expect(assistant.querySelector('.message-tools')).toBeNull();
    expect((await axe.run(el, { resultTypes: ['violations'] })).violations.map((violation) => violation.id)).toEqual([]);

    chunk.release();
    await vi.waitFor(() => expect(shadowPart(el, '[part="message assistant"] parley-markdown strong')?.textContent).toBe('today'));
    const full = shadowPart(el, '[part="message assistant"]')!;
    expect(full.querySelector('parley-markdown')!.textContent).toBe('It ships today.\nBy truck.');
    expect(full.querySelector('button.copy')!.textContent).toBe('Copy answer');
    expect(full.querySelector('button.regenerate')).not.toBeNull();
    // The answer tools' styles came with their code: they sit in a row.
    expect(getComputedStyle(full.querySelector('.message-tools')!).display).toBe('flex');
    expect(shadowPart(el, '[part="message user"] time')).not.toBeNull();
    expect(shadowParts(el, '[part~="message"]')).toHaveLength(2);
    expect(chunk.requests()).toBe(1);
  });
});
