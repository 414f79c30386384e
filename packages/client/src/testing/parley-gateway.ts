import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { ChatEvent } from '../chat-event.js';
import type { ChatMessage, ToolDefinition } from '../chat-message.js';

/**
 * Test helper: an msw gateway speaking the native `parley` protocol to the real `fetch`.
 * Queue one reply per expected request; each POSTed body is recorded.
 *
 *   const gateway = parleyGateway();
 *   gateway.reply([{ type: 'text-delta', delta: 'Hi' }, { type: 'finish', reason: 'stop' }]);
 */

export interface ParleyRequestBody {
  model?: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  context?: Record<string, unknown>;
}

export interface Reply {
  /** Network chunks: each inner array is written in one piece. */
  chunks: ChatEvent[][];
  /** Keep the response open after the last chunk (until the client aborts). */
  hold?: boolean;
  status?: number;
  /** Number the events as a gateway that resumes answers does: `id: <answer>:<n>`, n from `from` (0). */
  numbered?: { answer: string; from?: number };
}

export interface ParleyGateway {
  readonly url: string;
  readonly requests: ParleyRequestBody[];
  /** Each request's `Last-Event-ID` header (null when it had none). */
  readonly lastEventIds: Array<string | null>;
  /** Queue a reply: a list of events (one chunk) or a full `Reply`. */
  reply(reply: ChatEvent[] | Reply): void;
  listen(): void;
  close(): void;
  resetHandlers(): void;
}

const encoder = new TextEncoder();
const frame = (events: ChatEvent[], id: (() => string) | undefined): Uint8Array =>
  encoder.encode(events.map((event) => `${id ? `id: ${id()}\n` : ''}data: ${JSON.stringify(event)}\n\n`).join(''));

export function parleyGateway(url = 'https://gateway.test/api/chat'): ParleyGateway {
  const requests: ParleyRequestBody[] = [];
  const lastEventIds: Array<string | null> = [];
  const replies: Reply[] = [];
  const handler = http.post(url, async ({ request }) => {
    requests.push((await request.json()) as ParleyRequestBody);
    lastEventIds.push(request.headers.get('last-event-id'));
    const reply = replies.shift();
    if (!reply) return HttpResponse.json({ error: { code: 'no_reply', message: 'The test queued no reply for this request.' } }, { status: 500 });
    if (reply.status && reply.status >= 400) return HttpResponse.json({ error: { code: `status_${reply.status}`, message: 'Gateway failure' } }, { status: reply.status });
    let n = reply.numbered?.from ?? 0;
    const id = reply.numbered && (() => `${reply.numbered!.answer}:${n++}`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of reply.chunks) controller.enqueue(frame(chunk, id));
        if (!reply.hold) controller.close();
      },
    });
    return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });
  });
  const server = setupServer(handler);
  return {
    url,
    requests,
    lastEventIds,
    reply: (reply) => void replies.push(Array.isArray(reply) ? { chunks: [reply] } : reply),
    listen: () => server.listen({ onUnhandledRequest: 'error' }),
    close: () => server.close(),
    resetHandlers: () => {
      replies.length = 0;
      requests.length = 0;
      lastEventIds.length = 0;
    },
  };
}

/** Events of a plain text answer. */
export const textAnswer = (text: string): ChatEvent[] => [{ type: 'start' }, { type: 'text-delta', delta: text }, { type: 'finish', reason: 'stop' }];

/** Events of an answer that calls tools. */
export const toolAnswer = (...calls: Array<{ id: string; name: string; args: unknown }>): ChatEvent[] => [
  ...calls.map((toolCall): ChatEvent => ({ type: 'tool-call', toolCall })),
  { type: 'finish', reason: 'tool-calls' },
];
