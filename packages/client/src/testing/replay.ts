import type { ChatEvent } from '../chat-event.js';
import type { ChatResult } from '../chat-result.js';
import { createClient, type ClientOptions, type StreamOptions } from '../create-client.js';
import type { ProtocolAdapter } from '../protocol-adapter.js';
import type { ProtocolName } from '../protocol-name.js';
import { resolveProtocol } from '../resolve-protocol.js';

/**
 * Test helpers: replay a recorded response body through the real client, cut into network
 * chunks however a test likes, with a fake `fetch` (no network, no timers).
 *
 *   const { result, events } = await replay('openai', bytes, 1);   // 1-byte chunks
 *   for (const slicing of standardSlicings()) expect(await replayResult('openai', bytes, slicing)).toEqual(whole);
 */

/** How to cut the body: `'whole'`, a fixed chunk size, explicit sizes (cycled), or seeded random sizes. */
export type Slicing = 'whole' | number | number[] | { seed: number; maxSize?: number };

export interface ReplayOptions {
  /** Defaults to the adapter's framing: `text/event-stream` or `application/x-ndjson`. */
  contentType?: string;
  status?: number;
  headers?: Record<string, string>;
  /** Extra `createClient` options (`model`, `maxEventSize`, …). `retry` is off unless given. */
  client?: Partial<ClientOptions>;
  /** The `client.stream` call; a one-message conversation by default. */
  stream?: Partial<StreamOptions>;
}

export interface Replay {
  events: ChatEvent[];
  result: ChatResult;
  /** The JSON bodies the client POSTed. */
  requests: unknown[];
}

/** A small fast PRNG (mulberry32): the same seed cuts the same way on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sliceBytes(bytes: Uint8Array, slicing: Slicing): Uint8Array[] {
  if (slicing === 'whole') return [bytes];
  const next =
    typeof slicing === 'number'
      ? () => slicing
      : Array.isArray(slicing)
        ? ((i = 0) => () => slicing[i++ % slicing.length] as number)()
        : ((random = seededRandom(slicing.seed), max = slicing.maxSize ?? 64) => () => 1 + Math.floor(random() * max))();
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = Math.max(1, next());
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

/** Whole, 1-byte, and five seeded random cuttings: what every fixture should survive unchanged. */
export function standardSlicings(): Slicing[] {
  return ['whole', 1, 3, { seed: 1 }, { seed: 2 }, { seed: 3, maxSize: 7 }, { seed: 4, maxSize: 500 }];
}

/** A `fetch` that answers every request with the given chunks, as a real streamed body. */
export function replayFetch(chunks: Uint8Array[], init: { status?: number; headers?: Record<string, string> } = {}, requests: unknown[] = []): typeof globalThis.fetch {
  return async (_input, requestInit) => {
    requests.push(typeof requestInit?.body === 'string' ? JSON.parse(requestInit.body) : requestInit?.body);
    let index = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks[index++];
        if (chunk === undefined) controller.close();
        // A copy: the reader may keep it while the next slice of the same buffer is handed out.
        else controller.enqueue(chunk.slice());
      },
    });
    return new Response(body, { status: init.status ?? 200, headers: init.headers });
  };
}

export async function replay(protocol: ProtocolName | ProtocolAdapter, body: Uint8Array | string, slicing: Slicing = 'whole', options: ReplayOptions = {}): Promise<Replay> {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const adapter = typeof protocol === 'string' ? await resolveProtocol(protocol) : protocol;
  const contentType = options.contentType ?? (adapter.framing === 'ndjson' ? 'application/x-ndjson' : 'text/event-stream');
  const requests: unknown[] = [];
  const client = createClient({
    url: 'https://gateway.test/v1/chat',
    protocol,
    retry: false,
    ...options.client,
    fetch: replayFetch(sliceBytes(bytes, slicing), { status: options.status, headers: { 'content-type': contentType, ...options.headers } }, requests),
  });
  const stream = client.stream({ messages: [{ role: 'user', content: 'Hello' }], ...options.stream });
  const events: ChatEvent[] = [];
  for await (const event of stream) events.push(event);
  return { events, result: await stream.result, requests };
}

export async function replayResult(protocol: ProtocolName | ProtocolAdapter, body: Uint8Array | string, slicing: Slicing = 'whole', options: ReplayOptions = {}): Promise<ChatResult> {
  return (await replay(protocol, body, slicing, options)).result;
}
