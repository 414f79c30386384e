import { afterEach, describe, expect, it, vi } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import axe from 'axe-core';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import type { ParleyFeedbackDetail } from '../events.js';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, idle, lastAnswerText, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';

const gateway = useMockGateway();
afterEach(() => {
  document.head.querySelectorAll('style[data-test]').forEach((style) => style.remove());
});

const answerOk = () => gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: 'Sure.' }, { type: 'finish', reason: 'stop' }]));
const background = (element: Element) => getComputedStyle(element).backgroundColor;

describe('themes', () => {
  it('switch between light, dark, high-contrast and auto (which follows the system)', async () => {
    const el = await mountChat();
    const panel = shadowPart(el, '[part~="panel"]')!;
    expect(background(panel)).toBe('rgb(255, 255, 255)');
    el.theme = 'dark';
    await el.updateComplete;
    expect(el.getAttribute('theme')).toBe('dark');
    expect(background(panel)).toBe('rgb(23, 25, 29)');
    el.setAttribute('theme', 'high-contrast');
    await el.updateComplete;
    expect(background(panel)).toBe('rgb(0, 0, 0)');
    expect(background(shadowPart(el, '[part~="send"]')!)).toBe('rgb(255, 255, 0)');
    expect(getComputedStyle(panel).borderTopWidth).toBe('2px');
    el.theme = 'auto';
    await el.updateComplete;
    const systemDark = matchMedia('(prefers-color-scheme: dark)').matches;
    expect(background(panel)).toBe(systemDark ? 'rgb(23, 25, 29)' : 'rgb(255, 255, 255)');
  });

  it('follow a dark system setting with auto, and system colours in forced-colors mode', async () => {
    const emulate = (features: Array<{ name: string; value: string }>) => cdp().send('Emulation.setEmulatedMedia', { features });
    try {
      await emulate([{ name: 'prefers-color-scheme', value: 'dark' }]);
      const el = await mountChat({ theme: 'auto' });
      const panel = shadowPart(el, '[part~="panel"]')!;
      expect(background(panel)).toBe('rgb(23, 25, 29)');
      el.theme = 'light';
      await el.updateComplete;
      expect(background(panel)).toBe('rgb(255, 255, 255)');

      await emulate([{ name: 'forced-colors', value: 'active' }]);
      expect(matchMedia('(forced-colors: active)').matches).toBe(true);
      const canvasText = (() => {
        const probe = document.createElement('div');
        probe.style.setProperty('color', 'CanvasText');
        document.body.append(probe);
        const value = getComputedStyle(probe).color;
        probe.remove();
        return value;
      })();
      expect(getComputedStyle(panel).borderTopColor).toBe(canvasText);
      expect(getComputedStyle(shadowPart(el, '[part~="send"]')!).borderTopStyle).toBe('solid');
    } finally {
      await emulate([]);
    }
  });

  it('take design tokens from the page’s CSS', async () => {
    const style = document.createElement('style');
    style.dataset.test = '';
    style.textContent = `parley-chat.brand {
      --parley-color-accent: rgb(0, 122, 77);
      --parley-radius: 3px;
      --parley-font-family: Georgia, serif;
      --parley-color-background: rgb(250, 250, 245);
      --parley-focus-ring-width: 4px;
    }`;
    document.head.append(style);
    const el = await mountChat({ class: 'brand' });
    const panel = shadowPart(el, '[part~="panel"]')!;
    expect(background(shadowPart(el, '[part~="send"]')!)).toBe('rgb(0, 122, 77)');
    expect(getComputedStyle(panel).borderTopLeftRadius).toBe('3px');
    expect(getComputedStyle(panel).backgroundColor).toBe('rgb(250, 250, 245)');
    expect(getComputedStyle(panel).fontFamily).toBe('Georgia, serif');
    const input = shadowPart<HTMLTextAreaElement>(el, '[part~="input"]')!;
    input.focus();
    expect(getComputedStyle(input).outlineWidth).toBe('4px');
  });

  it('colour answers with --parley-color-text unless their token is set, keep the person’s text paired with their bubble, and style the bubbles as parts', async () => {
    const style = document.createElement('style');
    style.dataset.test = '';
    style.textContent = `parley-chat.ember { --parley-color-background: rgb(27, 21, 18); --parley-color-text: rgb(240, 230, 220); }
      parley-chat.ember.own-answers { --parley-color-assistant-text: rgb(255, 200, 0); }
      parley-chat.ember::part(user-bubble) { border-radius: 4px 4px 0 4px; }`;
    document.head.append(style);
    answerOk();
    const el = await mountChat({ class: 'ember' });
    await el.send('Payment terms?');
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('Sure.'));
    const bubble = (role: 'user' | 'assistant') => shadowPart(el, `[part~="${role}-bubble"]`)!;
    expect(getComputedStyle(bubble('assistant')).color).toBe('rgb(240, 230, 220)');
    // The person's bubble keeps the theme's light blue here: its dark text stays with it (light text on it would read at 1.1:1).
    expect(getComputedStyle(bubble('user')).backgroundColor).toBe('rgb(232, 240, 254)');
    expect(getComputedStyle(bubble('user')).color).toBe('rgb(28, 31, 36)');
    expect(getComputedStyle(bubble('user')).borderBottomRightRadius).toBe('0px');
    expect(getComputedStyle(bubble('user')).borderTopLeftRadius).toBe('4px');
    el.classList.add('own-answers');
    expect(getComputedStyle(bubble('assistant')).color).toBe('rgb(255, 200, 0)');
    expect(getComputedStyle(bubble('user')).color).toBe('rgb(28, 31, 36)');
  });

  it('keep their type tokens under a page reset that styles every element, the widget’s host included', async () => {
    const style = document.createElement('style');
    style.dataset.test = '';
    style.textContent = `* { font-size: 20px; line-height: 2; font-family: serif; color: rgb(255, 0, 0); }
      parley-chat { --parley-font-size: 13px; --parley-line-height: 1.4; --parley-font-family: Georgia, serif; }`;
    document.head.append(style);
    answerOk();
    const el = await mountChat();
    await el.send('Hello');
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('Sure.'));
    const answer = shadowPart(el, '[part~="assistant-bubble"]')!;
    expect(getComputedStyle(answer).fontSize).toBe('13px');
    expect(getComputedStyle(answer).lineHeight).toBe(`${13 * 1.4}px`);
    expect(getComputedStyle(answer).fontFamily).toBe('Georgia, serif');
    expect(getComputedStyle(answer).color).toBe('rgb(28, 31, 36)');
  });

  it('take a token object at run time through the theme property, over a ready theme', async () => {
    const el = await mountChat();
    el.theme = { base: 'dark', 'color-accent': 'rgb(200, 16, 46)', '--parley-radius': '0px' };
    await el.updateComplete;
    const panel = shadowPart(el, '[part~="panel"]')!;
    expect(el.getAttribute('theme')).toBe('dark');
    expect(background(panel)).toBe('rgb(23, 25, 29)');
    expect(background(shadowPart(el, '[part~="send"]')!)).toBe('rgb(200, 16, 46)');
    expect(getComputedStyle(panel).borderTopLeftRadius).toBe('0px');
    el.theme = 'light';
    await el.updateComplete;
    expect(el.style.getPropertyValue('--parley-color-accent')).toBe('');
    expect(background(panel)).toBe('rgb(255, 255, 255)');
    expect(background(shadowPart(el, '[part~="send"]')!)).toBe('rgb(31, 95, 209)');
  });
});

describe('slots, starter prompts and the model picker', () => {
  it('put the host’s header, logo, welcome and disclaimer in place', async () => {
    const el = await mountChat({}, (chat) => {
      chat.innerHTML = `<img slot="logo" alt="Northwind" src="data:," width="24" height="24">
        <h2 slot="header">Northwind Copilot</h2>
        <div slot="empty"><h3>Welcome, Alice</h3></div>
        <small slot="footer">AI answers may be wrong. Check the source documents.</small>`;
    });
    const slot = (name: string) => shadowPart<HTMLSlotElement>(el, `slot[name="${name}"]`)!;
    expect(slot('logo').assignedElements().map((node) => node.getAttribute('alt'))).toEqual(['Northwind']);
    expect(slot('header').assignedElements().map((node) => node.textContent)).toEqual(['Northwind Copilot']);
    expect(shadowPart(el, '.heading')!.getClientRects()).toHaveLength(0);
    // A slotted h2 looks like the heading it replaces, not like the page's h2 (margins, 1.5em).
    const heading = getComputedStyle(el.querySelector('[slot="header"]')!);
    expect([heading.marginTop, heading.marginBottom]).toEqual(['0px', '0px']);
    expect(heading.fontSize).toBe('14.7px'); // 1.05em of 14px, as the heading it replaces
    expect(slot('empty').assignedElements()[0]!.textContent).toBe('Welcome, Alice');
    expect(slot('footer').assignedElements()[0]!.textContent).toContain('AI answers may be wrong');
    const composer = shadowPart(el, '[part~="composer"]')!.getBoundingClientRect();
    const footer = el.querySelector('[slot="footer"]')!.getBoundingClientRect();
    expect(footer.top).toBeGreaterThanOrEqual(composer.bottom - 1);
    expect(footer.height).toBeGreaterThan(0);
  });

  it('offer starter prompts on an empty conversation; choosing one sends it', async () => {
    answerOk();
    const el = await mountChat({ suggestions: JSON.stringify(['Status of PO-2025-0117?', 'Open invoices over ¥10,000']) });
    const prompts = shadowParts<HTMLButtonElement>(el, '.suggestion');
    expect(prompts.map((prompt) => prompt.textContent)).toEqual(['Status of PO-2025-0117?', 'Open invoices over ¥10,000']);
    expect(shadowPart(el, '.suggestions')!.getAttribute('aria-label')).toBe('Suggested questions');
    await userEvent.click(prompts[1]!);
    await vi.waitFor(() => expect(lastAnswerText(el)).toBe('Sure.'));
    const messages = gateway.requests[0]!.body.messages;
    expect(messages[messages.length - 1]).toMatchObject({ role: 'user', content: 'Open invoices over ¥10,000' });
    expect(shadowParts(el, '.suggestion')).toHaveLength(0);
  });

  it('send the picked model with the next request', async () => {
    answerOk();
    const models = [
      { id: 'deepseek-chat', label: 'DeepSeek V3' },
      { id: 'qwen-max', label: 'Qwen Max' },
      { id: 'yi-large', label: 'Yi Large' },
    ];
    const el = await mountChat({ model: 'deepseek-chat', models: JSON.stringify(models) });
    const picker = shadowPart<HTMLSelectElement>(el, '[part~="model-picker"]')!;
    expect(Array.from(picker.options).map((option) => option.textContent)).toEqual(['DeepSeek V3', 'Qwen Max', 'Yi Large']);
    expect(picker.value).toBe('deepseek-chat');
    await el.send('first');
    expect(gateway.requests[0]!.body.model).toBe('deepseek-chat');
    await userEvent.selectOptions(picker, 'qwen-max');
    await el.send('second');
    expect(gateway.requests[1]!.body.model).toBe('qwen-max');
    expect(picker.value).toBe('qwen-max');
  });
});

describe('feedback', () => {
  it('reports a thumb at once, then an optional comment, to the host and the conversation', async () => {
    answerOk();
    const el = await mountChat();
    const reports: ParleyFeedbackDetail[] = [];
    el.addEventListener('parley-feedback', (event) => reports.push(event.detail));
    await el.send('hello');
    await vi.waitFor(() => expect(idle(el)).toBe(true));
    await el.updateComplete;
    const messageId = el.conversation.getSnapshot().messages[1]!.id;
    await userEvent.click(shadowPart(el, '.feedback-down')!);
    expect(reports).toEqual([{ messageId, rating: 'down' }]);
    const comment = await vi.waitFor(() => {
      const input = shadowPart<HTMLInputElement>(el, '.feedback-comment-input');
      expect(input).not.toBeNull();
      return input!;
    });
    await userEvent.type(comment, 'Cited the wrong policy');
    await userEvent.click(shadowPart(el, '.feedback-comment-send')!);
    expect(reports[1]).toEqual({ messageId, rating: 'down', comment: 'Cited the wrong policy' });
    expect(el.conversation.getSnapshot().messages[1]!.feedback).toEqual({ rating: 'down', comment: 'Cited the wrong policy' });
    await vi.waitFor(() => expect(shadowPart(el, '.feedback-thanks')!.textContent).toBe('Thank you for your feedback.'));
  });

  it('draws the thumbs (no emoji, which shows as a box without an emoji font), named, the same height as the other tools, filled once chosen', async () => {
    answerOk();
    const el = await mountChat();
    await el.send('hello');
    await vi.waitFor(() => expect(idle(el)).toBe(true));
    await el.updateComplete;
    const [up, down] = [shadowPart(el, '.feedback-up')!, shadowPart(el, '.feedback-down')!];
    for (const thumb of [up, down]) {
      expect(thumb.textContent).toBe('');
      const icon = thumb.querySelector('svg')!;
      expect(icon.getAttribute('aria-hidden')).toBe('true');
      expect(icon.getBoundingClientRect().width).toBeGreaterThan(8);
      expect(thumb.getBoundingClientRect().height).toBe(shadowPart(el, '.tool.copy')!.getBoundingClientRect().height);
    }
    expect([up.getAttribute('aria-label'), down.getAttribute('aria-label')]).toEqual(['Helpful', 'Not helpful']);
    const fill = (thumb: Element) => getComputedStyle(thumb.querySelector('path')!).fill;
    expect(fill(up)).toBe('none');
    await userEvent.click(up);
    await el.updateComplete;
    expect(up.getAttribute('aria-pressed')).toBe('true');
    expect(fill(up)).toBe(getComputedStyle(up).color);
    expect(fill(down)).toBe('none');
  });
});

describe('watermark', () => {
  it('tiles the user name and time over the panel without taking clicks or reaching screen readers', async () => {
    answerOk();
    const el = await mountChat({ watermark: 'Alice Chen · 2026-11-30 09:00', suggestions: '["Status?"]' });
    const watermark = shadowPart(el, '[part~="watermark"]')!;
    expect(watermark.getAttribute('aria-hidden')).toBe('true');
    const tiles = shadowParts(el, '.watermark-tile');
    expect(tiles.length).toBeGreaterThan(10);
    expect(getComputedStyle(tiles[0]!, '::before').content).toBe('"Alice Chen · 2026-11-30 09:00"');
    expect(tiles[0]!.getBoundingClientRect().width).toBeGreaterThan(100);
    expect(getComputedStyle(watermark).pointerEvents).toBe('none');
    const panel = shadowPart(el, '[part~="panel"]')!;
    const covered = watermark.getBoundingClientRect();
    expect([covered.width, covered.height]).toEqual([panel.clientWidth, panel.clientHeight]);

    // What is under the watermark still gets the click.
    const prompt = shadowPart<HTMLButtonElement>(el, '.suggestion')!;
    const box = prompt.getBoundingClientRect();
    expect(el.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2)).toBe(prompt);
    await userEvent.click(prompt);
    await vi.waitFor(() => expect(lastAnswerText(el)).toBe('Sure.'));
    const input = shadowPart<HTMLTextAreaElement>(el, '[part~="input"]')!;
    await userEvent.click(input);
    expect(el.shadowRoot!.activeElement).toBe(input);
  });
});

describe('accessibility of the branded pieces', () => {
  async function violations(el: ParleyChat): Promise<string[]> {
    const result = await axe.run(el, { resultTypes: ['violations'] });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }

  it('has no axe violations with prompts, picker, watermark, an action card being edited and a feedback comment', async () => {
    gateway.serve(gatewayUrl, (_request, index) =>
      index === 0
        ? sse([{ type: 'text-delta', delta: 'Done before.' }, { type: 'finish', reason: 'stop' }])
        : sse([
            { type: 'reasoning-delta', delta: 'Needs approval.' },
            { type: 'status', status: { id: 's', label: 'Checking stock', state: 'done' } },
            { type: 'tool-call', toolCall: { id: 'c1', name: 'createOrder', args: { supplier: 'Acme', lines: [{ sku: 'B-1', qty: 2 }] } } },
            { type: 'finish', reason: 'tool-calls' },
          ]),
    );
    const el = await mountChat(
      { suggestions: '["Status?","Invoices?"]', models: '[{"id":"a","label":"Model A"},{"id":"b","label":"Model B"}]', watermark: 'Alice · 09:00' },
      (chat) => {
        chat.innerHTML = '<small slot="footer">AI answers may be wrong.</small>';
        chat.actions = { createOrder: { title: 'Create purchase order', description: 'Create a PO', run: () => 'ok' } };
      },
    );
    expect(await violations(el)).toEqual([]);
    await el.send('first');
    await vi.waitFor(() => expect(shadowPart(el, '.feedback-up')).not.toBeNull());
    await userEvent.click(shadowPart(el, '.feedback-up')!);
    void el.send('order two bolts');
    await vi.waitFor(() => expect(shadowPart(el, '.action-edit-toggle')).not.toBeNull());
    await userEvent.click(shadowPart(el, '.action-edit-toggle')!);
    await userEvent.fill(shadowPart<HTMLTextAreaElement>(el, '.action-edit')!, '{ broken');
    await userEvent.click(shadowPart(el, '[part~="action-approve"]')!);
    await vi.waitFor(() => expect(shadowPart(el, '.action-error')).not.toBeNull());
    expect(await violations(el)).toEqual([]);
  });
});
