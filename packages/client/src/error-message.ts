/**
 * The message of a thrown value, which may not be an Error at all: an object with a `message`
 * (an API's error body a host's action rejected with) gives that, not "[object Object]".
 */
export function errorMessage(cause: unknown): string {
  return String((cause as Error | null | undefined)?.message ?? cause);
}
