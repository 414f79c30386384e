import type { ChatEvent, ConversationClient } from '@parley/client';

/**
 * Stands in while the element has no usable gateway (no `endpoint` yet, an unknown `protocol`):
 * the element still renders, and a send ends in a visible error instead of an exception. Hosts
 * often append the element first and set `endpoint` a moment later.
 */
export function misconfiguredClient(message: string): ConversationClient {
  return {
    stream() {
      const events: ChatEvent[] = [
        { type: 'error', error: { code: 'configuration', message, retryable: false } },
        { type: 'finish', reason: 'error' },
      ];
      async function* replay() {
        yield* events;
      }
      return Object.assign(replay(), { abort() {} });
    },
  };
}
