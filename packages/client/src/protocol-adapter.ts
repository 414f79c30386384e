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
 */
export interface FrameDecoder {
  /** Return `'done'` when the protocol says the stream is over (`[DONE]`, `message_stop`). */
  frame(frame: Frame, emit: Emit): void | 'done';
  /** The body ended: flush what is pending (an open `<think>`, unfinished tool calls). */
  end(emit: Emit): void;
}

/** A wire protocol. Built-in ones are named by string; an in-house format is an object of this shape. */
export interface ProtocolAdapter {
  readonly name: string;
  /** How the response body is cut into frames before `decoder().frame` sees it. */
  readonly framing: 'sse' | 'ndjson';
  request(request: AdapterRequest): AdapterHttpRequest;
  decoder(): FrameDecoder;
}
