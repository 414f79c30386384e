import { describe, expect, it, vi } from 'vitest';
import { HttpResponse } from 'msw';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';

/**
 * (SECURITY-NOTES §4 test 17: "keep the partial text marked interrupted"): an answer whose
 * connection broke keeps its text, but once the person asks something else (instead of Retry) the
 * error notice goes, and nothing says any more that the answer is not whole.
 */
const gateway = useMockGateway();

function droppedAfter(text: string): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(`data: ${JSON.stringify({ type: 'text-delta', delta: text })}\n\n`));
      setTimeout(() => controller.error(new TypeError('network error')), 50);
    },
  });
  return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
}

describe('an answer cut off by a broken connection', () => {
  it('still says it was interrupted after the next question is answered', async () => {
    let requests = 0;
    gateway.serve(gatewayUrl, () =>
      requests++ === 0 ? droppedAfter('Your refund of 1,200 EUR was approved and') : sse([{ type: 'text-delta', delta: 'Nothing else.' }, { type: 'finish', reason: 'stop' }]),
    );
    const el = await mountChat();
    await el.send('Refund status?');
    await vi.waitFor(() => expect(shadowPart(el, '[role="alert"]')).not.toBeNull());
    await el.send('Anything else?');
    await vi.waitFor(() => expect(el.conversation.getSnapshot().status).toBe('idle'));
    const cut = shadowParts(el, '[part~="message"][part~="assistant"]')[0]!;
    expect(cut.innerText).toContain('Your refund of 1,200 EUR was approved and');
    expect(cut.innerText).toContain('This answer was interrupted.');
  });
});
