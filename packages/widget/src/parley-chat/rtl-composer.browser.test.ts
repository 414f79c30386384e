import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';

/** (SECURITY-NOTES §6): a Hebrew question, typed and sent, reads right to left on an English page. */
const gateway = useMockGateway();

describe('<parley-chat> with right-to-left text', () => {
  it('types and shows a Hebrew question right to left', async () => {
    gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: 'מצוין.' }, { type: 'finish', reason: 'stop' }]));
    const el = await mountChat();
    const input = shadowPart<HTMLTextAreaElement>(el, '[part~="input"]')!;
    input.focus();
    await userEvent.keyboard('שלום, מה שלומך?');
    expect(getComputedStyle(input).direction).toBe('rtl');
    await userEvent.keyboard('{Enter}');
    const bubble = await vi.waitFor(() => shadowPart(el, '[part~="user"] .bubble') ?? Promise.reject(new Error('not sent yet')));
    expect(getComputedStyle(bubble).direction).toBe('rtl');
  });
});
