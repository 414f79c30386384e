import type { ToolCall } from './chat-event.js';

/**
 * One decision about one tool call, passed to `createConversation({ onAction })`.
 * `requested`: the model proposed it. `approved` / `rejected`: a person decided (confirm: true).
 * `ran`: `run` returned `result`. `failed`: unknown action, invalid arguments, a throw, or stopped.
 */
export interface ActionEvent {
  type: 'requested' | 'approved' | 'rejected' | 'ran' | 'failed';
  toolCall: ToolCall;
  /** The arguments the model proposed. */
  args: unknown;
  /** The arguments a person changed them to before approving (then what `run` got). */
  editedArgs?: unknown;
  /** `ran`: what `run` returned. */
  result?: unknown;
  /** `failed`: why. */
  error?: string;
  /** `rejected`: the reason the person gave, if any. */
  reason?: string;
  /** Epoch milliseconds. */
  at: number;
}
