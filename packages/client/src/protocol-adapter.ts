import type { ChatEvent } from './chat-event.js';
import type { ChatMessage, ToolDefinition } from './chat-message.js';

/** What `client.stream()` asks an adapter to put on the wire. */
export interface AdapterRequest {
  model?: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  /** Business context from the host page (the document the user is looking at). */
  context?: Record<string, unknown>;
}

/** The HTTP request an adapter builds. The client merges `createClient({ body })` into `body` and adds headers. */
export interface AdapterHttpRequest {
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** What the client knows of a response before its body: for adapters that decide from it (`auto`). */
export interface ResponseInfo {
  status: number;
  contentType: string;
  headers: Headers;
}

/** One frame of a response: an SSE event (`event` name, `data`) or one NDJSON line (`data` only). */
export interface Frame {
  event?: string;
  data: string;
  id?: string;
}

export type Emit = (event: ChatEvent) => void;

/**
 * Turns the frames of one response into ChatEvents. Stateful: created fresh per response.
 * Throwing from `frame` ends the stream with a `bad_response` error (what arrived is kept).
 *
 * A decoder that needs code it loads on first use (as `auto` loads the adapter it detected) may
 * return a promise from `frame`: the client then reads no further and hands over no frame, nor
 * calls `end`, until it settles. Its value counts as `frame`'s result; a rejection is a throw.
 * The idle timeout and abort still end the stream meanwhile. A load that fails should `emit` an
 * `error` (`code: 'network'`, `retryable: true`) and resolve `'done'`. Return a promise only when
 * there is something to wait for: a frame decoded at once is not held up by a microtask.
 */
export interface FrameDecoder {
  /**
   * Return `'done'` when the protocol says the stream is over (`[DONE]`, `message_stop`).
   * Emit `finish` from here or from `end` once the protocol said how the answer ended; events
   * after it are still kept, and the client sends the one final `finish`. A body that ends with
   * neither `finish` nor `error` emitted is reported as cut off.
   */
  frame(frame: Frame, emit: Emit): void | 'done' | Promise<void | 'done'>;
  /** The body ended: flush what is pending (an open `<think>`, unfinished tool calls). */
  end(emit: Emit): void;
  /**
   * `false` when this response is not taken up although its adapter is `resumable` (`auto`: until
   * the answer is known to be native). Unset, the adapter's `resumable` holds; it cannot make a
   * response of an adapter that does not resume resumable.
   */
  readonly resumable?: boolean;
}

/** A wire protocol. Built-in ones are named by string; an in-house format is an object of this shape. */
export interface ProtocolAdapter {
  readonly name: string;
  /** How the response body is cut into frames before `decoder().frame` sees it (`auto`: from the content type / first byte). */
  readonly framing: 'sse' | 'ndjson' | 'auto';
  /**
   * True when the request carries `context` itself (the native protocol). Otherwise the client
   * turns `context` into a system message first (`createClient({ contextMessage })`).
   */
  readonly acceptsContext?: boolean;
  /**
   * True when the protocol's servers that number their events (SSE `id: <answer>:<n>`) continue an
   * answer after the event a reconnecting client names in `Last-Event-ID` (the native protocol, and
   * `auto`, whose answer may turn out native). Only then does the client take up an answer whose
   * connection broke, instead of ending it as interrupted, and send `stream({ resumeAfter })`:
   * another adapter has it refused before any request (`bad_request`). Declared here rather than
   * found out from a decoder, because that refusal comes before there is a response to decode.
   */
  readonly resumable?: boolean;
  request(request: AdapterRequest): AdapterHttpRequest;
  decoder(response?: ResponseInfo): FrameDecoder;
}
