import { afterEach, describe, expect, it, vi } from 'vitest';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, idle, mountChat, shadowPart } from '../testing/mount-chat.js';

const gateway = useMockGateway();
afterEach(() => document.body.replaceChildren());

/** A card that asks to close PO-1, decided by `decide`; the model then answers "好的". */
async function decidedCard(lang: string, run: () => unknown, decide: (card: HTMLElement) => void): Promise<HTMLElement> {
  gateway.serve(gatewayUrl, (_request, index) =>
    index === 0
      ? sse([{ type: 'tool-call', toolCall: { id: 'c1', name: 'closeOrder', args: { id: 'PO-1' } } }, { type: 'finish', reason: 'tool-calls' }])
      : sse([{ type: 'text-delta', delta: '好的' }, { type: 'finish', reason: 'stop' }]),
  );
  const el = await mountChat({ lang }, (chat) => (chat.actions = { closeOrder: { title: '结案', description: 'Close a PO', run } }));
  void el.send('结案 PO-1');
  await vi.waitFor(() => expect(shadowPart(el, '.action-reason')).not.toBeNull());
  decide(shadowPart(el, '[part~="action"]')!);
  await vi.waitFor(() => expect(idle(el)).toBe(true));
  await el.updateComplete;
  return shadowPart(el, '.action-state')!;
}

describe('Chinese punctuation between a label and what it names', () => {
  for (const [lang, rejected, failed] of [
    ['zh-CN', '已拒绝：金额不对', '执行失败：库存不足'],
    ['zh-TW', '已拒絕：金额不对', '執行失敗：库存不足'],
  ] as const) {
    it(`${lang}: an action card says why it was rejected or failed after a full-width colon`, async () => {
      const rejectedState = await decidedCard(lang, () => 'ok', (card) => {
        const reason = card.querySelector<HTMLInputElement>('.action-reason')!;
        reason.value = '金额不对';
        reason.dispatchEvent(new Event('input'));
        card.querySelector<HTMLButtonElement>('[part~="action-reject"]')!.click();
      });
      expect(rejectedState.textContent!.trim()).toBe(rejected);
      document.body.replaceChildren();
      gateway.requests.length = 0;
      const failedState = await decidedCard(lang, () => { throw new Error('库存不足'); }, (card) => card.querySelector<HTMLButtonElement>('[part~="action-approve"]')!.click());
      expect(failedState.textContent!.trim()).toBe(failed);
    });
  }

  it('zh-CN: a blocked image is named with its description after a full-width colon', async () => {
    gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: '![销售趋势图](https://img.example.com/a.png)' }, { type: 'finish', reason: 'stop' }]));
    const el = await mountChat({ lang: 'zh-CN' });
    await el.send('图');
    await vi.waitFor(() => expect(shadowPart(el, '.parley-image-blocked')).not.toBeNull());
    expect(shadowPart(el, '.parley-image-blocked')!.getAttribute('aria-label')).toBe('已拦截来自 img.example.com 的图片：销售趋势图');
  });
});
