import type { ChatEvent, ConversationClient } from '@parley/client';

/**
 * Stands in while the element has no usable gateway (no `endpoint` yet, an unknown `protocol`):
 * the element still renders, and a send ends in a visible error instead of an exception. Hosts
 * often append the element first and set `endpoint` a moment later. An answer the last page left
 * streaming waits meanwhile, as it was (Stop ends it): the element built anew with its gateway
 * takes it up, where a refusal here would have settled it as interrupted. It is a `standIn`: it
 * takes no turn from another tab that could take the answer up (`persist="local"`).
 */
export function misconfiguredClient(message: string): ConversationClient {
  return {
    standIn: true,
    stream(request) {
      const events: ChatEvent[] = [
        { type: 'error', error: { code: 'configuration', message, retryable: false } },
        { type: 'finish', reason: 'error' },
      ];
      async function* replay() {
        // Never answered: a Stop (or the element built anew) abandons the call.
        if (request.resumeAfter) await new Promise(() => {});
        else yield* events;
      }
      return Object.assign(replay(), { abort() {} });
    },
  };
}
