import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { HttpResponse } from 'msw';
import { controlledSse, sse, useMockGateway } from '../testing/mock-gateway.js';
import type { ParleyChat } from '../parley-chat/parley-chat.js';
import { gatewayUrl, idle, lastAnswerText, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';

const gateway = useMockGateway();

/** The buttons under the (only) answer, by class. */
const tools = (el: ParleyChat) => shadowParts(el, '[part="message assistant"] .message-tools button').map((button) => button.className);

describe('the answer tools', () => {
  it('offer no Copy or thumbs on an answer that failed before any text, keep them once some text came, and leave asking again to the notice\'s Retry', async () => {
    const overloaded = { type: 'error', error: { code: 'overloaded', message: 'The model is overloaded.' } } as const;
    gateway.serve(gatewayUrl, (_request, index) => sse(index === 0 ? [overloaded] : [{ type: 'text-delta', delta: 'PO-7 ships' }, overloaded]));
    const el = await mountChat();
    await el.send('Where is PO-7?');
    await vi.waitFor(() => expect(shadowPart(el, '[role="alert"] .retry')).not.toBeNull());
    await vi.waitFor(() => expect(tools(el)).toEqual([]));

    await userEvent.click(shadowPart(el, '[role="alert"] .retry')!);
    await vi.waitFor(() => expect(tools(el)).toEqual(['tool copy', 'tool feedback-up', 'tool feedback-down']));
    expect(shadowPart(el, '[role="alert"] .retry')).not.toBeNull();
  });

  it('keep Regenerate on an answer whose error notice offers no Retry (the gateway refused the request)', async () => {
    const refused = { type: 'error', error: { code: 'bad_request', message: 'The model does not exist.', status: 400, retryable: false } } as const;
    gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: 'PO-7' }, refused]));
    const el = await mountChat();
    await el.send('Where is PO-7?');
    await vi.waitFor(() => expect(shadowPart(el, '[role="alert"]')).not.toBeNull());
    expect(shadowPart(el, '[role="alert"] .retry')).toBeNull();
    await vi.waitFor(() => expect(tools(el)).toContain('tool regenerate'));
  });

  it('offer no Regenerate beside a Retry the notice still offers for a non-retryable error after a 2xx (an HTML page)', async () => {
    gateway.serve(gatewayUrl, () => new HttpResponse('<!doctype html><p>Sign in</p>', { status: 200, headers: { 'content-type': 'text/html' } }));
    const el = await mountChat();
    await el.send('Where is PO-7?');
    await vi.waitFor(() => expect(shadowPart(el, '[role="alert"]')).not.toBeNull());
    expect(shadowPart(el, '[role="alert"] .retry'), 'the notice offers Retry').not.toBeNull();
    expect(tools(el)).not.toContain('tool regenerate');
  });

  it('offer Regenerate on a failed answer once its error notice is gone (restored after a reload)', async () => {
    const overloaded = { type: 'error', error: { code: 'overloaded', message: 'The model is overloaded.' } } as const;
    gateway.serve(gatewayUrl, () => sse([{ type: 'text-delta', delta: 'PO-7 ships' }, overloaded]));
    sessionStorage.clear();
    const first = await mountChat({ persist: 'session', 'conversation-id': 'tools-after-reload' });
    await first.send('Where is PO-7?');
    await vi.waitFor(() => expect(shadowPart(first, '[role="alert"]')).not.toBeNull());
    first.conversation.flush();
    first.remove();
    const el = await mountChat({ persist: 'session', 'conversation-id': 'tools-after-reload' });
    await vi.waitFor(() => expect(tools(el)).toEqual(['tool copy', 'tool regenerate', 'tool feedback-up', 'tool feedback-down']));
    expect(shadowPart(el, '[role="alert"]')).toBeNull();
  });

  it('offer no Copy or thumbs on an answer stopped before any text', async () => {
    const { response, answer: stream } = controlledSse();
    gateway.serve(gatewayUrl, () => response);
    const el = await mountChat();
    void el.send('A long question');
    await vi.waitFor(() => expect(shadowPart(el, '[part~="stop"]')).not.toBeNull());
    await userEvent.click(shadowPart(el, '[part~="stop"]')!);
    await stream.cancelled;
    await vi.waitFor(() => expect(shadowPart(el, '[part="message assistant"]')!.textContent).toContain('Stopped'));
    await vi.waitFor(() => expect(tools(el)).toEqual(['tool regenerate']));
  });
});

describe('citation markers in an answer', () => {
  const markers = (el: ParleyChat) => shadowParts(el, '[part="message assistant"] button.parley-citation-marker').map((button) => button.dataset.citationId);

  it('are buttons only for sources the answer has, also when the sources come after the text', async () => {
    const { response, answer: stream } = controlledSse();
    gateway.serve(gatewayUrl, () => response);
    const el = await mountChat();
    void el.send('When does PO-7 ship?');
    stream.text('PO-7 ships today [1].\n\nThe carrier is late [9].\n\n');
    stream.text('Checking');
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('Checking'));
    expect(lastAnswerText(el)).toContain('today [1].');
    expect(markers(el)).toEqual([]);

    // As Dify sends them: the sources after the text that cites them.
    stream.push({ type: 'citation', citation: { id: 'c1', title: 'Shipping plan' } });
    await vi.waitFor(() => expect(markers(el)).toEqual(['1']));
    stream.finish();
    await vi.waitFor(() => expect(idle(el)).toBe(true));
    await vi.waitFor(() => expect(shadowPart(el, '[part="citation"]')).not.toBeNull());
    expect(markers(el)).toEqual(['1']);
    expect(lastAnswerText(el)).toContain('late [9].');
  });
});

describe('the reasoning of a research answer', () => {
  it('is one disclosure when only progress steps came between its stretches', async () => {
    const step = (id: string, state: 'running' | 'done') => ({ type: 'status', status: { id, label: `Step ${id}`, state } }) as const;
    gateway.serve(gatewayUrl, () =>
      sse([
        step('search', 'running'),
        { type: 'reasoning-delta', delta: 'Which contracts name ACME?' },
        step('search', 'done'),
        step('compare', 'running'),
        { type: 'reasoning-delta', delta: 'ACME pays net 45, Huadong net 30.' },
        step('compare', 'done'),
        { type: 'text-delta', delta: 'Huadong is paid sooner.' },
        { type: 'finish', reason: 'stop' },
      ]),
    );
    const el = await mountChat();
    await el.send('Compare the payment terms');
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('Huadong is paid sooner.'));
    const disclosures = shadowParts(el, '[part="message assistant"] [part="reasoning"]');
    expect(disclosures).toHaveLength(1);
    expect(disclosures[0]!.textContent).toContain('Which contracts name ACME?');
    expect(disclosures[0]!.textContent).toContain('ACME pays net 45, Huadong net 30.');
    expect(shadowParts(el, '[part="message assistant"] [part~="status"]').length).toBeGreaterThan(0);
  });
});
