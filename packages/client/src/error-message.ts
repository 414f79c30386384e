/** The message of a thrown value, which may not be an Error at all. */
export function errorMessage(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
