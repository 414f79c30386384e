import { describe, expect, it, vi } from 'vitest';
import { HttpResponse } from 'msw';
import { sse, useMockGateway } from '../testing/mock-gateway.js';
import { gatewayUrl, lastAnswerText, mountChat, shadowPart, shadowParts } from '../testing/mount-chat.js';

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
    // The element renders once per frame: what it shows may come a frame after the state.
    await vi.waitFor(() => expect(lastAnswerText(el)).toContain('Nothing else.'));
    const cut = shadowParts(el, '[part~="message"][part~="assistant"]')[0]!;
    expect(cut.innerText).toContain('Your refund of 1,200 EUR was approved and');
    expect(cut.innerText).toContain('This answer was interrupted.');
  });
});

describe('an answer that failed before any text', () => {
  const failures = {
    'after some reasoning': () => new HttpResponse(new TextEncoder().encode(`data: ${JSON.stringify({ type: 'reasoning-delta', delta: 'Checking the ledger' })}\n\n`), { headers: { 'content-type': 'text/event-stream' } }),
    'before anything came': () => new HttpResponse('{"error":{"message":"gateway restarting"}}', { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '120' } }),
  };
  for (const [when, failure] of Object.entries(failures)) {
    it(`still says it is not whole (${when}) once the next question is answered and the notice is gone`, async () => {
      let requests = 0;
      gateway.serve(gatewayUrl, () => (requests++ === 0 ? failure() : sse([{ type: 'text-delta', delta: 'Nothing else.' }, { type: 'finish', reason: 'stop' }])));
      const el = await mountChat();
      await el.send('Refund status?');
      await vi.waitFor(() => expect(shadowPart(el, '[role="alert"]')).not.toBeNull());
      await el.send('Anything else?');
      await vi.waitFor(() => expect(el.conversation.getSnapshot().status).toBe('idle'));
      // The element renders once per frame: what it shows may come a frame after the state.
      await vi.waitFor(() => expect(shadowPart(el, '[role="alert"]')).toBeNull());
      // Not an empty bubble (or a bare "Thought for 0 s") that reads as the model's whole answer.
      expect(shadowParts(el, '[part~="message"][part~="assistant"]')[0]!.innerText).toContain('This answer was interrupted.');
    });
  }
});

/** An OpenAI-compatible stream: `chunks` (chat-completions deltas), then the connection breaks, or it just ends (no finish reason, no [DONE]). */
function openaiCutAfter(deltas: unknown[], how: 'breaks' | 'ends'): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const delta of deltas) controller.enqueue(new TextEncoder().encode(`data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`));
      setTimeout(() => (how === 'breaks' ? controller.error(new TypeError('network error')) : controller.close()), 50);
    },
  });
  return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
}

const call = (index: number, id: string, args: string) => ({ tool_calls: [{ index, id, type: 'function', function: { name: 'orderParts', arguments: args } }] });

describe('an answer cut off while the model was proposing an action', () => {
  for (const how of ['breaks', 'ends'] as const) {
    it(`runs nothing and blames no arguments when the stream ${how} mid-call; the text and Retry stay`, async () => {
      gateway.serve(gatewayUrl, () => openaiCutAfter([{ content: 'Ordering the parts now.' }, call(0, 'call-1', '{"qty": 1}'), call(1, 'call-2', '{"qty": 2')], how));
      const ran: unknown[] = [];
      const phases: string[] = [];
      const el = await mountChat({ protocol: 'openai' }, (chat) => {
        chat.actions = {
          orderParts: {
            description: 'Order spare parts',
            parameters: { type: 'object', properties: { qty: { type: 'number' } }, required: ['qty'] },
            confirm: false,
            run: (args) => (ran.push(args), 'ordered'),
          },
        };
      });
      el.addEventListener('parley-action', (event) => phases.push(event.detail.type));
      await el.send('Order the parts');
      await vi.waitFor(() => expect(shadowPart(el, '[role="alert"] .retry')).not.toBeNull());
      const answer = shadowParts(el, '[part~="message"][part~="assistant"]')[0]!;
      // The answer's markdown renders in a frame of its own: it may come a frame after the notice.
      await vi.waitFor(() => expect(answer.innerText).toContain('Ordering the parts now.'));
      expect(answer.innerText).toContain('This answer was interrupted.');
      // The model never finished its turn: half a proposal is not the model's bad arguments, and
      // a complete-looking one from the same cut answer is not an instruction anyone saw.
      expect(answer.innerText).not.toContain('Invalid arguments');
      expect(shadowPart(el, '[part~="action"]')).toBeNull();
      expect(ran).toEqual([]);
      expect(phases).toEqual([]);
    });
  }
});
