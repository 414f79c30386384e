import { HttpResponse } from 'msw';
import type { ChatEvent } from '@parley/client';

export interface StreamEventsOptions {
  /** Pause before each event (or per event), so a story shows the answer arriving the way a gateway sends it. */
  delayMs?: number | ((event: ChatEvent) => number);
  /** After the last event, keep the connection open and silent (a stalled upstream) until the client gives up. */
  stallAfter?: boolean;
}

const encoder = new TextEncoder();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A native-protocol (`parley`) SSE response whose body is produced event by event with small
 * pauses, through a real `ReadableStream`: the widget sees chunked bytes over fetch, exactly as
 * from a gateway, not a finished string.
 */
export function streamEvents(events: readonly ChatEvent[], { delayMs = 24, stallAfter = false }: StreamEventsOptions = {}): Response {
  let index = 0;
  let cancelled = false;
  let releaseStall: () => void = () => {};
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const event = events[index];
      if (event) {
        await sleep(typeof delayMs === 'number' ? delayMs : delayMs(event));
        index++;
        if (!cancelled) controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
        return;
      }
      if (stallAfter) await new Promise<void>((resolve) => (releaseStall = resolve));
      if (!cancelled) controller.close();
    },
    cancel() {
      cancelled = true;
      releaseStall();
    },
  });
  return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } });
}

/**
 * Splits an answer into the small deltas a model streams: a word or two at a time, or two or
 * three characters of Chinese, which has no spaces to split on.
 */
export function textDeltas(text: string, type: 'text-delta' | 'reasoning-delta' = 'text-delta'): ChatEvent[] {
  const pieces = text.match(/[\u3000-\u9fff\uff00-\uffef]{1,3}|\s*[^\s\u3000-\u9fff\uff00-\uffef]+\s*|\s+/g) ?? [];
  const events: ChatEvent[] = [];
  for (let i = 0; i < pieces.length; i += 2) events.push({ type, delta: pieces.slice(i, i + 2).join('') });
  return events;
}
