import { describe, expect, it, vi } from 'vitest';
import axe from 'axe-core';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import { controlledSse, useMockGateway, transcriptViewsModule } from '../testing/mock-gateway.js';
import { gatewayUrl, idle, mountChat, shadowPart } from '../testing/mount-chat.js';

/**
 * A reasoning model's answer while the transcript views' chunk is held (a send without typing
 * first, a slow network): the fallback must not show an empty bubble while the model thinks, nor
 * a cut-off answer as if it were whole after the person stopped it.
 */
const gateway = useMockGateway();

const answerText = (el: ParleyChat): string => shadowPart(el, '[part="message assistant"]')?.innerText ?? '';

describe('an answer shown as written', () => {
  it('says it is thinking until its text comes, and says Stopped once stopped, as the full view then does', async () => {
    const { response, answer } = controlledSse();
    gateway.serve(gatewayUrl, () => response);
    const chunk = gateway.holdModule(transcriptViewsModule);
    const el = await mountChat({}, undefined, { transcript: 'lazy' });

    void el.send('Which orders are late?');
    await vi.waitFor(() => expect(chunk.requests()).toBe(1));
    answer.push({ type: 'reasoning-delta', delta: 'Look at the delivery dates first.' });
    await vi.waitFor(() => expect(answerText(el)).toContain('Thinking…'));
    const thinking = shadowPart(el, '[part="message assistant"] .message-note')!;
    // Quieter than the answer: it is about the answer, not part of it.
    expect(getComputedStyle(thinking).color).not.toBe(getComputedStyle(el).color);
    expect(getComputedStyle(thinking).fontStyle).toBe('italic');
    // Read where it stands, not announced: the answer's announcement comes from state.
    expect(thinking.closest('[aria-live], [aria-hidden="true"]')).toBeNull();

    answer.text('PO-7 is late');
    await vi.waitFor(() => expect(answerText(el)).toContain('PO-7 is late'));
    expect(answerText(el)).not.toContain('Thinking…');

    el.stop();
    await vi.waitFor(() => expect(idle(el)).toBe(true));
    await vi.waitFor(() => expect(answerText(el)).toContain('Stopped'));
    expect(answerText(el)).toContain('PO-7 is late');
    expect(shadowPart(el, '[part="message assistant"] .message-note')!.closest('[aria-live], [aria-hidden="true"]')).toBeNull();
    expect((await axe.run(el, { resultTypes: ['violations'] })).violations.map((violation) => violation.id)).toEqual([]);

    chunk.release();
    await vi.waitFor(() => expect(shadowPart(el, '[part="message assistant"] .reasoning')).not.toBeNull());
    expect(answerText(el).match(/Stopped/g)).toHaveLength(1);
  });
});
