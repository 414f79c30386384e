import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { controlledSse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, idle, lastAnswerText, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';

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
});
