import type { ChatEvent, ChatMessage, ToolDefinition } from '@parley/client';
import type { Identity } from './identity.js';

/** What a model receives, whichever protocol the request came in. */
export interface ModelRequest {
  model?: string;
  messages: ChatMessage[];
  tools: ToolDefinition[];
  /** The host page's business context (the document the user is looking at). */
  context?: Record<string, unknown>;
  identity: Identity;
}

/**
 * A model is a function from a request to a stream of ChatEvents. `signal` aborts when the client
 * disconnects: stop generating (and stop the upstream request) as soon as it fires.
 */
export type ChatModel = (request: ModelRequest, signal: AbortSignal) => AsyncIterable<ChatEvent>;
