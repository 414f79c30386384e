import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import axe from 'axe-core';
import { controlledSse, sse, useMockGateway, type ControlledAnswer, type GatewayRequest } from '../testing/mock-gateway.js';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import { gatewayUrl, idle, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';

const gateway = useMockGateway();

/** A chat whose answers the test streams itself (`answers[n]` answers request n). */
async function controlledChat(attributes: Record<string, string> = {}, setup?: (el: ParleyChat) => void): Promise<{ el: ParleyChat; answers: ControlledAnswer[] }> {
  const answers: ControlledAnswer[] = [];
  gateway.serve(gatewayUrl, () => {
    const { response, answer } = controlledSse();
    answers.push(answer);
    return response;
  });
  return { el: await mountChat(attributes, setup), answers };
}

/** Asks `question` and streams `answer` to it in full. */
async function ask(el: ParleyChat, answers: ControlledAnswer[], question: string, answer: string): Promise<void> {
  const count = answers.length;
  const asked = el.send(question);
  await vi.waitFor(() => expect(answers).toHaveLength(count + 1));
  answers[count]!.text(answer);
  answers[count]!.finish();
  await asked;
  await vi.waitFor(() => expect(answersShown(el)[count]).toBe(answer));
}

const questions = (el: ParleyChat) => shadowParts(el, '[part~="user-bubble"]').map((bubble) => bubble.textContent);
const answersShown = (el: ParleyChat) => shadowParts(el, '[part~="assistant"] parley-markdown').map((markdown) => markdown.textContent);
const editButton = (el: ParleyChat, index = 0) => shadowParts<HTMLButtonElement>(el, '[part~="user"]')[index]?.querySelector<HTMLButtonElement>('button.edit') ?? null;
const field = (el: ParleyChat) => shadowPart<HTMLTextAreaElement>(el, '[part~="edit-input"]');
const focused = (el: ParleyChat) => el.shadowRoot!.activeElement;
const live = (el: ParleyChat) => shadowPart(el, '[aria-live="polite"]')!;
const lastUserContent = (request: GatewayRequest | undefined) => request?.body.messages.filter((message) => message.role === 'user').at(-1)?.content;

/** A chat whose host's beforeSend holds a message starting "Edited" until the test gives its verdict (`check()` lets it pass). */
async function checkedChat(): Promise<{ el: ParleyChat; answers: ControlledAnswer[]; check: (verdict?: { block: string }) => void }> {
  let check!: (verdict?: { block: string }) => void;
  const chat = await controlledChat({}, (el) => {
    el.beforeSend = (message) => (message.content.startsWith('Edited') ? new Promise((resolve) => (check = resolve)) : undefined);
  });
  return { ...chat, check: (verdict) => check(verdict) };
}

/** Opens the editor of question `index`, rewrites the question to `text` and sends it with Enter. */
async function editAndSend(el: ParleyChat, index: number, text: string): Promise<void> {
  await userEvent.click(editButton(el, index)!);
  await vi.waitFor(() => expect(field(el)).not.toBeNull());
  await userEvent.clear(field(el)!);
  await userEvent.type(field(el)!, text);
  await userEvent.keyboard('{Enter}');
}

describe('editing a question', () => {
  it('turns the question into a text box with it, and Enter asks the edited question again: the old answer goes, the new one streams, and a screen reader hears it', async () => {
    const sent: string[] = [];
    const { el, answers } = await controlledChat({}, (chat) => chat.addEventListener('parley-send', (event) => sent.push((event as CustomEvent<{ text: string }>).detail.text)));
    await ask(el, answers, 'Where is PO-7?', 'PO-7 is in Shanghai.');

    await userEvent.click(editButton(el)!);
    await vi.waitFor(() => expect(field(el)).not.toBeNull());
    expect(field(el)!.value).toBe('Where is PO-7?');
    expect(focused(el)).toBe(field(el));
    expect(field(el)!.getAttribute('aria-label')).toBe('Edit your question');
    expect(shadowPart(el, '[part~="user-bubble"]'), 'the bubble gives way to the box').toBeNull();

    await userEvent.clear(field(el)!);
    await userEvent.type(field(el)!, 'Where is PO-8?');
    await userEvent.keyboard('{Enter}');

    await vi.waitFor(() => expect(gateway.requests).toHaveLength(2));
    expect(lastUserContent(gateway.requests[1])).toBe('Where is PO-8?');
    // The host hears the edited question sent, as it heard the first.
    expect(sent).toEqual(['Where is PO-7?', 'Where is PO-8?']);
    await vi.waitFor(() => expect(questions(el)).toEqual(['Where is PO-8?']));
    expect(field(el)).toBeNull();
    expect(answersShown(el).join(''), 'the old answer is gone').not.toContain('Shanghai');
    expect(live(el).textContent).toContain('Question edited; the messages after it were removed. Responding…');
    // The box went away with focus in it: focus is in the composer, not dropped to the page.
    expect(focused(el)).toBe(shadowPart(el, '[part~="input"]'));

    answers[1]!.text('PO-8 is in Ningbo.');
    await vi.waitFor(() => expect(answersShown(el)).toEqual(['PO-8 is in Ningbo.']));
    answers[1]!.finish();
    await vi.waitFor(() => expect(idle(el)).toBe(true));
    expect(shadowParts(el, '[part~="message"]')).toHaveLength(2);
  });

  it('of an earlier question says the later turns will go, and removes them when sent', async () => {
    const { el, answers } = await controlledChat();
    await ask(el, answers, 'Where is PO-7?', 'PO-7 is in Shanghai.');
    await ask(el, answers, 'And PO-9?', 'PO-9 is in Tianjin.');

    // The last question has no such note: only its own answer goes.
    await userEvent.click(editButton(el, 1)!);
    await vi.waitFor(() => expect(field(el)).not.toBeNull());
    expect(field(el)!.hasAttribute('aria-describedby')).toBe(false);
    // One editor at a time: opening another closes this one.
    await userEvent.click(editButton(el, 0)!);
    await vi.waitFor(() => expect(field(el)!.value).toBe('Where is PO-7?'));
    expect(shadowParts(el, '[part~="edit-input"]')).toHaveLength(1);
    const note = el.shadowRoot!.getElementById(field(el)!.getAttribute('aria-describedby')!);
    expect(note?.textContent).toBe('The questions and answers after this one will be removed.');

    await userEvent.clear(field(el)!);
    await userEvent.type(field(el)!, 'Where is PO-1?');
    await userEvent.click(shadowPart(el, '[part~="edit-send"]')!);
    await vi.waitFor(() => expect(questions(el)).toEqual(['Where is PO-1?']));
    expect(shadowParts(el, '[part~="message"]')).toHaveLength(2);
    expect(answersShown(el).join('')).not.toMatch(/Shanghai|Tianjin/);
    await vi.waitFor(() => expect(answers).toHaveLength(3));
    answers[2]!.text('PO-1 is in Xiamen.');
    answers[2]!.finish();
    await vi.waitFor(() => expect(answersShown(el)).toEqual(['PO-1 is in Xiamen.']));
    expect(gateway.requests[2]!.body.messages.map((message) => message.content)).not.toContain('And PO-9?');
  });

  it('is reached by keyboard, shown when focused, and Escape cancels: the question as it was, focus back on Edit, the launcher panel still open', async () => {
    const { el, answers } = await controlledChat({ mode: 'launcher', open: '' });
    await ask(el, answers, 'Where is PO-7?', 'PO-7 is in Shanghai.');
    const edit = editButton(el)!;
    // Shown on hover or focus where a pointer hovers; always in the tab order and the accessibility tree.
    if (matchMedia('(hover: hover) and (pointer: fine)').matches) {
      expect(getComputedStyle(edit).opacity).toBe('0');
      await userEvent.hover(shadowPart(el, '[part~="user-bubble"]')!);
      await vi.waitFor(() => expect(getComputedStyle(edit).opacity).toBe('1'));
      await userEvent.unhover(shadowPart(el, '[part~="user-bubble"]')!);
      await vi.waitFor(() => expect(getComputedStyle(edit).opacity).toBe('0'));
    }
    edit.focus();
    expect(getComputedStyle(edit).opacity).toBe('1');
    expect(edit.textContent).toBe('Edit');

    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(focused(el)).toBe(field(el)));
    await userEvent.type(field(el)!, ' and PO-8');
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(field(el)).toBeNull());
    expect(questions(el)).toEqual(['Where is PO-7?']);
    expect(el.isOpen, 'Escape closed the editor, not the panel').toBe(true);
    expect(focused(el)).toBe(editButton(el));
    expect(gateway.requests).toHaveLength(1);

    // Cancel by its button does the same.
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(field(el)).not.toBeNull());
    await userEvent.click(shadowPart(el, '[part~="edit-cancel"]')!);
    await vi.waitFor(() => expect(focused(el)).toBe(editButton(el)));

    // Escape from the editor's buttons, not only its box, closes the editor and not the panel.
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(field(el)).not.toBeNull());
    shadowPart(el, '[part~="edit-cancel"]')!.focus();
    await userEvent.keyboard('{Escape}');
    await vi.waitFor(() => expect(field(el)).toBeNull());
    expect(el.isOpen, 'Escape on Cancel closed the editor, not the panel').toBe(true);
  });

  it('sends no empty question', async () => {
    const { el, answers } = await controlledChat();
    await ask(el, answers, 'Where is PO-7?', 'PO-7 is in Shanghai.');
    await userEvent.click(editButton(el)!);
    await vi.waitFor(() => expect(field(el)).not.toBeNull());
    await userEvent.clear(field(el)!);
    await userEvent.type(field(el)!, '   ');
    await vi.waitFor(() => expect(shadowPart(el, '[part~="edit-send"]')!.getAttribute('aria-disabled')).toBe('true'));
    await userEvent.keyboard('{Enter}');
    // aria-disabled, not disabled (it keeps focus and stays in the tab order): a click still reaches it.
    shadowPart(el, '[part~="edit-send"]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gateway.requests).toHaveLength(1);
    expect(field(el)).not.toBeNull();
    expect(answersShown(el)).toEqual(['PO-7 is in Shanghai.']);
  });

  it('is not offered while an answer streams, and an editor open then cannot send until it ends', async () => {
    const { el, answers } = await controlledChat();
    await ask(el, answers, 'Where is PO-7?', 'PO-7 is in Shanghai.');
    await userEvent.click(editButton(el)!);
    await vi.waitFor(() => expect(field(el)).not.toBeNull());

    const next = el.send('And PO-9?');
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    await vi.waitFor(() => expect(shadowPart(el, '[part~="edit-send"]')!.getAttribute('aria-disabled')).toBe('true'));
    expect(shadowParts(el, 'button.edit'), 'no Edit while a turn runs').toHaveLength(0);
    shadowPart(el, '[part~="edit-send"]')!.click();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(gateway.requests).toHaveLength(2);
    expect(field(el)).not.toBeNull();

    answers[1]!.finish();
    await next;
    await vi.waitFor(() => expect(shadowPart(el, '[part~="edit-send"]')!.getAttribute('aria-disabled')).toBe('false'));
    expect(shadowParts(el, 'button.edit')).toHaveLength(1);
  });

  it('keeps the editor and its text when the host\'s beforeSend blocks the edit', async () => {
    const { el, answers } = await controlledChat({}, (chat) => {
      chat.beforeSend = (message) => (message.content.includes('salary') ? { block: 'Salaries are not discussed here.' } : undefined);
    });
    await ask(el, answers, 'Where is PO-7?', 'PO-7 is in Shanghai.');
    await userEvent.click(editButton(el)!);
    await vi.waitFor(() => expect(field(el)).not.toBeNull());
    await userEvent.clear(field(el)!);
    await userEvent.type(field(el)!, 'What is the CEO salary?');
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(shadowPart(el, '[role="alert"]')?.textContent).toContain('Salaries are not discussed here.'));
    await vi.waitFor(() => expect(shadowPart(el, '[part~="edit-send"]')!.getAttribute('aria-disabled')).toBe('false'));
    expect(field(el)!.value).toBe('What is the CEO salary?');
    expect(answersShown(el)).toEqual(['PO-7 is in Shanghai.']);
    expect(gateway.requests).toHaveLength(1);
  });

  it('offers no other Edit while an edit is on its way (its beforeSend still checking), and sends the one shown', async () => {
    const { el, answers, check } = await checkedChat();
    await ask(el, answers, 'Where is PO-7?', 'PO-7 is in Shanghai.');
    await ask(el, answers, 'And PO-9?', 'PO-9 is in Tianjin.');
    await editAndSend(el, 1, 'Edited: and PO-10?');
    // The host's check takes its time: the other question offers no Edit that would replace this editor.
    await vi.waitFor(() => expect(field(el)!.readOnly).toBe(true));
    expect(editButton(el, 0)).toBeNull();
    check();
    await vi.waitFor(() => expect(answers).toHaveLength(3));
    expect(lastUserContent(gateway.requests[2])).toBe('Edited: and PO-10?');
    await vi.waitFor(() => expect(questions(el)).toEqual(['Where is PO-7?', 'Edited: and PO-10?']));
  });

  it('makes the element busy while the edit waits for the host\'s beforeSend, as a message does: no Regenerate, Send refused, until the edit is blocked', async () => {
    const { el, answers, check } = await checkedChat();
    await ask(el, answers, 'Where is PO-7?', 'PO-7 is in Shanghai.');
    const send = () => shadowPart(el, '[part~="send"]')!;
    await userEvent.type(shadowPart(el, '[part~="input"]')!, 'And PO-9?');
    expect(send().getAttribute('aria-disabled')).toBe('false');
    expect(shadowPart(el, 'button.regenerate')).not.toBeNull();

    await editAndSend(el, 0, 'Edited: where is PO-8?');
    await vi.waitFor(() => expect(field(el)!.readOnly).toBe(true));
    // The conversation would refuse them while the edit is checked: they are not offered.
    await vi.waitFor(() => expect(send().getAttribute('aria-disabled')).toBe('true'));
    expect(shadowPart(el, 'button.regenerate')).toBeNull();
    expect(await el.send('And PO-10?')).toBe(false);

    check({ block: 'Not while the audit runs.' });
    await vi.waitFor(() => expect(shadowPart(el, '[role="alert"]')?.textContent).toContain('Not while the audit runs.'));
    await vi.waitFor(() => expect(send().getAttribute('aria-disabled')).toBe('false'));
    expect(shadowPart(el, 'button.regenerate')).not.toBeNull();
    expect(gateway.requests).toHaveLength(1);
  });

  it('leaves an early question\'s editor in view, with its text and the composer\'s draft, while the host\'s beforeSend checks the edit and when it blocks it', async () => {
    const { el, answers, check } = await checkedChat();
    el.style.height = '400px';
    const long = Array.from({ length: 30 }, (_, line) => `Line ${line} of a long answer.`).join(' ');
    await ask(el, answers, 'Where is PO-7?', long);
    await ask(el, answers, 'And PO-9?', long);
    await userEvent.type(shadowPart(el, '[part~="input"]')!, 'Draft in the composer');
    const messages = shadowPart(el, '[part~="messages"]')!;
    messages.scrollTop = 0;
    const inView = () => {
      const box = messages.getBoundingClientRect();
      const editor = field(el)!.getBoundingClientRect();
      return editor.top >= box.top && editor.bottom <= box.bottom;
    };
    await editAndSend(el, 0, 'Edited: where is PO-8?');
    await vi.waitFor(() => expect(field(el)!.readOnly).toBe(true));
    await el.updateComplete;
    await new Promise(requestAnimationFrame);
    expect(inView()).toBe(true);
    check({ block: 'Not while the audit runs.' });
    await vi.waitFor(() => expect(shadowPart(el, '[role="alert"]')?.textContent).toContain('Not while the audit runs.'));
    await new Promise(requestAnimationFrame);
    expect(inView()).toBe(true);
    expect(field(el)!.value).toBe('Edited: where is PO-8?');
    expect(shadowPart<HTMLTextAreaElement>(el, '[part~="input"]')!.value).toBe('Draft in the composer');
  });

  it('offers no Retry of a failed answer while an edit waits for the host\'s beforeSend, and sends the edit once it passes', async () => {
    const { el, answers, check } = await checkedChat();
    await ask(el, answers, 'Where is PO-7?', 'PO-7 is in Shanghai.');
    const failed = el.send('And PO-9?');
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1]!.push({ type: 'error', error: { code: 'overloaded_error', message: 'Overloaded', retryable: true } });
    answers[1]!.finish();
    await failed;
    await vi.waitFor(() => expect(shadowPart(el, 'button.retry')).not.toBeNull());

    await editAndSend(el, 0, 'Edited: where is PO-8?');
    await vi.waitFor(() => expect(field(el)!.readOnly).toBe(true));
    await vi.waitFor(() => expect(shadowPart(el, 'button.retry')).toBeNull());

    check();
    await vi.waitFor(() => expect(answers).toHaveLength(3));
    expect(lastUserContent(gateway.requests[2])).toBe('Edited: where is PO-8?');
  });

  it('closes an open editor, and forgets what was typed in it, when no-edit is set', async () => {
    const { el, answers } = await controlledChat();
    await ask(el, answers, 'Where is PO-7?', 'PO-7 is in Shanghai.');
    await userEvent.click(editButton(el)!);
    await vi.waitFor(() => expect(field(el)).not.toBeNull());
    await userEvent.type(field(el)!, ' and PO-8');
    el.noEdit = true;
    await vi.waitFor(() => expect(field(el)).toBeNull());
    expect(questions(el)).toEqual(['Where is PO-7?']);
    el.noEdit = false;
    await vi.waitFor(() => expect(editButton(el)).not.toBeNull());
    expect(field(el), 'no editor comes back with the old text').toBeNull();
  });

  it('is not offered with no-edit (set or cleared at any time)', async () => {
    gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: 'PO-7 is in Shanghai.' }, { type: 'finish', reason: 'stop' }]));
    const el = await mountChat({ 'no-edit': '' });
    await el.send('Where is PO-7?');
    await vi.waitFor(() => expect(answersShown(el)).toEqual(['PO-7 is in Shanghai.']));
    expect(el.noEdit).toBe(true);
    expect(shadowParts(el, 'button.edit')).toHaveLength(0);
    el.removeAttribute('no-edit');
    await vi.waitFor(() => expect(shadowParts(el, 'button.edit')).toHaveLength(1));
    el.noEdit = true;
    await vi.waitFor(() => expect(shadowParts(el, 'button.edit')).toHaveLength(0));
  });

  it('says the edit in Chinese as one announcement, with no space after the full stop', async () => {
    const { el, answers } = await controlledChat({ lang: 'zh-CN' });
    await ask(el, answers, 'PO-7 在哪里？', 'PO-7 在上海。');
    await userEvent.click(editButton(el)!);
    await vi.waitFor(() => expect(field(el)).not.toBeNull());
    await userEvent.type(field(el)!, '和 PO-8');
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    await vi.waitFor(() => expect(live(el).textContent).toContain('问题已修改，之后的消息已删除。正在回答…'));
  });

  it('speaks Chinese, and has no axe violations open', async () => {
    gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: 'PO-7 在上海。' }, { type: 'finish', reason: 'stop' }]));
    for (const [lang, edit, label, cancel] of [
      ['zh-CN', '编辑', '编辑您的问题', '取消'],
      ['zh-TW', '編輯', '編輯您的問題', '取消'],
    ] as const) {
      const el = await mountChat({ lang });
      await el.send('PO-7 在哪里？');
      await vi.waitFor(() => expect(editButton(el)?.textContent).toBe(edit));
      await userEvent.click(editButton(el)!);
      await vi.waitFor(() => expect(field(el)?.getAttribute('aria-label')).toBe(label));
      expect(shadowPart(el, '[part~="edit-cancel"]')!.textContent).toBe(cancel);
      const result = await axe.run(el, { resultTypes: ['violations'] });
      expect(result.violations.map((violation) => violation.id)).toEqual([]);
      el.remove();
    }
  });
});
