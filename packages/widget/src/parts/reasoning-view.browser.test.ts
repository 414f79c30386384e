import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { memoryStorage } from '@parley/client';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import { controlledSse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, idle, lastAnswerText, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';
import { storedConversation } from '../testing/stored-conversation.js';

const gateway = useMockGateway();
afterEach(() => {
  vi.useRealTimers();
});

const start = new Date('2026-11-30T09:00:00Z').getTime();

describe('reasoning', () => {
  for (const [lang, thinking, thought] of [
    ['en', 'Thinking…', 'Thought for 12 s'],
    ['zh-CN', '正在思考…', '已思考 12 秒'],
    ['zh-TW', '正在思考…', '已思考 12 秒'],
  ] as const) {
    it(`streams into an open panel, collapses to "${thought}" when the answer starts, and reopens (${lang})`, async () => {
      // Only Date is mocked: the conversation stamps reasoning start and end with Date.now().
      vi.setSystemTime(start);
      const { response, answer } = controlledSse();
      gateway.serve(gatewayUrl, () => response);
      const el = await mountChat({ lang });
      void el.send('status of PO-2025-0117?');
      answer.push({ type: 'reasoning-delta', delta: 'The person asks about PO-2025-0117; ' });
      answer.push({ type: 'reasoning-delta', delta: 'check the shipment.' });
      const panel = await vi.waitFor(() => {
        const found = shadowPart<HTMLDetailsElement>(el, '[part~="reasoning"]');
        expect(found?.textContent).toContain('check the shipment.');
        return found!;
      });
      expect(panel.open).toBe(true);
      expect(panel.querySelector('summary')!.textContent).toBe(thinking);

      vi.setSystemTime(start + 12_000);
      answer.text('It shipped on Monday.');
      await vi.waitFor(() => expect(lastAnswerText(el)).toContain('It shipped'));
      await vi.waitFor(() => expect(panel.open).toBe(false));
      expect(panel.querySelector('summary')!.textContent).toBe(thought);

      await userEvent.click(panel.querySelector('summary')!);
      expect(panel.open).toBe(true);
      answer.text(' Tracking: 1Z999.');
      answer.finish();
      await vi.waitFor(() => expect(idle(el)).toBe(true));
      await el.updateComplete;
      expect(panel.open).toBe(true);
      expect(panel.textContent).toContain('The person asks about PO-2025-0117; check the shipment.');
    });
  }
});

describe('status steps', () => {
  it('show as a live list that updates each step in place by id, with state in text, not colour only', async () => {
    const { response, answer } = controlledSse();
    gateway.serve(gatewayUrl, () => response);
    const el = await mountChat();
    void el.send('research suppliers');
    answer.push({ type: 'status', status: { id: 'search', label: 'Searching documents', state: 'running' } });
    answer.push({ type: 'status', status: { id: 'read', label: 'Reading 3 files', state: 'running' } });
    const steps = () => shadowParts(el, '[part~="status"] .status-step');
    await vi.waitFor(() => expect(steps()).toHaveLength(2));
    const first = steps()[0]!;
    expect(first.textContent).toContain('Searching documents');
    expect(first.textContent).toContain('In progress');

    answer.push({ type: 'status', status: { id: 'search', label: 'Searched 42 documents', state: 'done' } });
    answer.push({ type: 'status', status: { id: 'read', label: 'Reading 3 files', state: 'error', detail: 'one file is locked' } });
    await vi.waitFor(() => expect(steps()[1]!.dataset.state).toBe('error'));
    expect(steps()).toHaveLength(2);
    expect(shadowParts(el, '[part~="status"]')).toHaveLength(1);
    expect(steps()[0]).toBe(first);
    expect(first.dataset.state).toBe('done');
    expect(first.textContent).toContain('Searched 42 documents');
    expect(first.textContent).toContain('Done');
    expect(getComputedStyle(first.querySelector('.status-icon')!, '::before').content).toBe('"✓"');
    expect(steps()[1]!.textContent).toContain('Failed');
    expect(steps()[1]!.textContent).toContain('one file is locked');
    answer.finish();
  });

  const stepsOf = (el: ParleyChat) => shadowParts(el, '[part~="status"] .status-step');
  const icon = (step: Element) => getComputedStyle(step.querySelector('.status-icon')!, '::before').content;

  it('a step still running when the person presses Stop ends as stopped, and stays so when the conversation is restored', async () => {
    const { response, answer } = controlledSse();
    gateway.serve(gatewayUrl, () => response);
    const storage = memoryStorage();
    const attributes = { 'conversation-id': 'stopped-steps' };
    const el = await mountChat(attributes, (chat) => (chat.storage = storage));
    void el.send('research suppliers');
    answer.push({ type: 'status', status: { id: 'search', label: 'Searched 42 documents', state: 'done' } });
    answer.push({ type: 'status', status: { id: 'read', label: 'Reading 3 files', state: 'running' } });
    answer.text('Two suppliers so far');
    await vi.waitFor(() => expect(stepsOf(el)[1]?.textContent).toContain('In progress'));
    const runningIcon = icon(stepsOf(el)[1]!);

    await userEvent.click(shadowPart(el, '[part~="stop"]')!);
    const expectStopped = async (shown: ParleyChat) => {
      await vi.waitFor(() => expect(stepsOf(shown)[1]?.textContent).toContain('(Stopped)'));
      const [done, stopped] = stepsOf(shown) as [HTMLElement, HTMLElement];
      expect(stopped.textContent).toContain('Reading 3 files');
      expect(stopped.textContent).not.toContain('In progress');
      expect(stopped.dataset.state).toBe('stopped');
      expect(icon(stopped)).not.toBe(runningIcon);
      expect(done.textContent).toContain('Done');
    };
    await expectStopped(el);
    el.remove();
    const restored = await mountChat(attributes, (chat) => (chat.storage = storage));
    await expectStopped(restored);
    restored.remove();
  });

  it('a step still running when the page closed mid-answer shows as stopped once restored (zh-CN)', async () => {
    const now = Date.now();
    const storage = storedConversation('interrupted-steps', [
      { id: 'm1', role: 'user', parts: [{ type: 'text', text: '调研供应商' }], createdAt: now - 60_000 },
      // No finish reason: the page closed while it streamed.
      { id: 'm2', role: 'assistant', parts: [{ type: 'status', status: { id: 'read', label: '正在读取 3 个文件', state: 'running' } }], createdAt: now - 50_000 },
    ]);
    const el = await mountChat({ lang: 'zh-CN', 'conversation-id': 'interrupted-steps' }, (chat) => (chat.storage = storage));
    await vi.waitFor(() => expect(stepsOf(el)).toHaveLength(1));
    expect(stepsOf(el)[0]!.textContent).toContain('已停止');
    expect(stepsOf(el)[0]!.textContent).not.toContain('进行中');
    expect(shadowPart(el, '[part~="message"][part~="assistant"]')!.textContent).toContain('此回答已中断。');
  });
});
