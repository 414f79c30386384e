import type * as z from 'zod';

/** `messages.0.role: Invalid option: expected one of "system"|"user"|…` — the field first, so the fix is obvious. */
export function describeZodError(error: z.core.$ZodError, root = 'body'): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : root}: ${issue.message}`)
    .join('; ');
}
