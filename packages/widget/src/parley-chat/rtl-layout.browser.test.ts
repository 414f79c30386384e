import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';

const gateway = useMockGateway();

describe('<parley-chat> on a right-to-left page', () => {
  it('mirrors the composer and the question editor: the gaps fall between the buttons and the text, the editor leaves its room on the left', async () => {
    gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: 'PO-7 נמצא בשנגחאי.' }, { type: 'finish', reason: 'stop' }]));
    document.documentElement.dir = 'rtl';
    try {
      const el = await mountChat({ lang: 'he' });
      await el.send('איפה PO-7?');
      const box = (selector: string) => shadowPart(el, selector)!.getBoundingClientRect();

      // The composer: the text box on the right, Send 6px to its left.
      await vi.waitFor(() => expect(shadowPart(el, '[part~="input"]')).not.toBeNull());
      expect(box('[part~="input"]').left - box('[part~="send"]').right).toBeCloseTo(6, 0);

      // The question editor, as the person's question, on the left, 15% short of the right side;
      // its buttons at its left end, Send left of Cancel and 6px from it.
      await vi.waitFor(() => expect(shadowPart(el, 'button.edit')).not.toBeNull());
      await userEvent.click(shadowPart(el, 'button.edit')!);
      await vi.waitFor(() => expect(shadowPart(el, '[part~="edit"]')).not.toBeNull());
      const message = box('[part~="user"]');
      const editor = box('[part~="edit"]');
      expect(editor.left).toBeCloseTo(message.left, 0);
      expect(message.right - editor.right).toBeCloseTo(message.width * 0.15, 0);
      expect(box('[part~="edit-send"]').left).toBeCloseTo(editor.left, 0);
      expect(box('[part~="edit-cancel"]').left - box('[part~="edit-send"]').right).toBeCloseTo(6, 0);
      el.remove();
    } finally {
      document.documentElement.removeAttribute('dir');
    }
  });

  it('mirrors the launcher: bottom left, its panel opening above it and to its right', async () => {
    document.documentElement.dir = 'rtl';
    try {
      const el = await mountChat({ lang: 'he', mode: 'launcher' });
      const launcher = shadowPart(el, '[part~="launcher"]')!.getBoundingClientRect();
      expect(launcher.left).toBeCloseTo(24, 0);
      expect(innerHeight - launcher.bottom).toBeCloseTo(24, 0);
      el.open();
      await el.updateComplete;
      const panel = shadowPart(el, '[part~="panel"]')!.getBoundingClientRect();
      expect(panel.left).toBeCloseTo(launcher.left, 0);
      expect(panel.right).toBeGreaterThan(launcher.right);
      expect(panel.bottom).toBeLessThan(launcher.top);
      el.remove();
    } finally {
      document.documentElement.removeAttribute('dir');
    }
  });

  it('keeps the launcher bottom right on a left-to-right page', async () => {
    const el = await mountChat({ mode: 'launcher' });
    const launcher = shadowPart(el, '[part~="launcher"]')!.getBoundingClientRect();
    expect(document.documentElement.clientWidth - launcher.right).toBeCloseTo(24, 0);
    el.open();
    await el.updateComplete;
    expect(shadowPart(el, '[part~="panel"]')!.getBoundingClientRect().right).toBeCloseTo(launcher.right, 0);
    el.remove();
  });
});
