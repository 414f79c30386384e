import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';

// A file of its own: the zh-CN table must not have been loaded by an earlier test of the page.
const gateway = useMockGateway();

describe('the composer while the element waits for its language’s strings (no render meanwhile)', () => {
  it('is empty once a question typed and sent in that time has gone, not showing it still', async () => {
    gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: '好的。' }, { type: 'finish', reason: 'stop' }]));
    const strings = gateway.holdModule(/\/src\/i18n\/zh-cn\.ts/);
    const el = await mountChat({ lang: 'en' });
    el.setAttribute('lang', 'zh-CN');
    await vi.waitFor(() => expect(strings.requests()).toBe(1));

    const input = shadowPart<HTMLTextAreaElement>(el, '[part~="input"]')!;
    input.focus();
    await userEvent.keyboard('hi');
    await userEvent.keyboard('{Enter}');
    await vi.waitFor(() => expect(el.conversation.getSnapshot().messages[0]?.parts).toEqual([{ type: 'text', text: 'hi' }]));

    strings.release();
    await vi.waitFor(() => expect(shadowPart(el, '.heading')!.textContent).toBe('智能助手'));
    await el.updateComplete;
    expect(shadowPart<HTMLTextAreaElement>(el, '[part~="input"]')!.value).toBe('');
  });
});
