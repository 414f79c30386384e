import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { controlledSse, sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart } from '../testing/mount-chat.js';
import { storedConversation } from '../testing/stored-conversation.js';

const gateway = useMockGateway();

describe('the announcement of a finished answer', () => {
  it('reads identifiers with their underscores and keeps the answer’s paragraphs apart', async () => {
    gateway.serve(gatewayUrl, () =>
      sse([
        { type: 'text-delta', delta: 'Let me check **PO_1234**.' },
        { type: 'status', status: { id: 's1', label: 'Looking up the order', state: 'done' } },
        { type: 'text-delta', delta: 'It shipped _today_.\n\nCarrier: `DHL_EXPRESS`' },
        { type: 'finish', reason: 'stop' },
      ]),
    );
    const el = await mountChat();
    await el.send('Where is PO_1234?');
    const live = shadowPart(el, '[aria-live="polite"]')!;
    // innerText is the text as laid out (the region collapses each run of spaces and line breaks), as it is read.
    await vi.waitFor(() => expect(live.innerText).toBe('Assistant: Let me check PO_1234. It shipped today. Carrier: DHL_EXPRESS'));
  });

  it('says that an answer was stopped, with what had arrived, and also when nothing had', async () => {
    const { response, answer } = controlledSse();
    gateway.serve(gatewayUrl, () => response);
    const el = await mountChat();
    const live = shadowPart(el, '[aria-live="polite"]')!;
    void el.send('List the suppliers');
    answer.text('ACME and **Globex** so far');
    await vi.waitFor(() => expect(shadowPart(el, '[part~="message"][part~="assistant"]')?.textContent).toContain('Globex'));
    await userEvent.click(shadowPart(el, '[part~="stop"]')!);
    await vi.waitFor(() => expect(live.innerText).toBe('Stopped. Assistant: ACME and Globex so far'));

    // Stopped before any text: the answer alone would say nothing, the stop is still said.
    const second = controlledSse();
    gateway.serve(gatewayUrl, () => second.response);
    void el.send('And in Shanghai?');
    await vi.waitFor(() => expect(shadowPart(el, '[part~="stop"]')).not.toBeNull());
    await userEvent.click(shadowPart(el, '[part~="stop"]')!);
    await vi.waitFor(() => expect(live.innerText).toBe('Stopped.'));
  });

  it('says an answer a reload could not take up was interrupted, not its half as if it were the answer', async () => {
    // The page was reloaded mid-answer; the gateway no longer has it (its grace ran out).
    let asked: string | null = null;
    gateway.serve(gatewayUrl, ({ headers }) => {
      asked = headers.get('last-event-id');
      return new Response(JSON.stringify({ error: { code: 'not_found', message: 'No such answer' } }), { status: 404, headers: { 'content-type': 'application/json' } });
    });
    const responses: unknown[] = [];
    const el = await mountChat({ 'conversation-id': 'reloaded' }, (chat) => {
      chat.storage = storedConversation('reloaded', [
        { id: 'm1', role: 'user', parts: [{ type: 'text', text: 'Which orders are late?' }], createdAt: 1 },
        { id: 'm2', role: 'assistant', parts: [{ type: 'text', text: 'PO-7 is late, and' }], createdAt: 2, resumeAfter: 'a1:4' },
      ]);
      chat.addEventListener('parley-response', (event) => responses.push((event as CustomEvent).detail.message));
    });
    const live = shadowPart(el, '[aria-live="polite"]')!;
    await vi.waitFor(() => expect(el.conversation.getSnapshot().messages[1]).toMatchObject({ interrupted: true }));
    expect(asked).toBe('a1:4');
    await vi.waitFor(() => expect(live.innerText).toBe('This answer was interrupted.'));
    // The host still learns the answer ended, as it stands.
    expect(responses).toEqual([expect.objectContaining({ id: 'm2', interrupted: true })]);
  });
});
