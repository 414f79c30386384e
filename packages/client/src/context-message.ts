import type { ChatMessage } from './chat-message.js';

/** Turns the host page's `context` into a message, for protocols that have no field for it. `null` sends nothing. */
export type ContextMessage = (context: Record<string, unknown>) => ChatMessage | null;

/**
 * The default: one system message holding the context as JSON, placed after the caller's own
 * system messages (some chat templates reject a system message that is not first).
 */
export const defaultContextMessage: ContextMessage = (context) => ({
  role: 'system',
  content: `Context from the application the user is working in (JSON):\n${JSON.stringify(context)}`,
});
