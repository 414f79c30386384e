/**
 * A message id as part of an element `id` that `aria-labelledby` / `aria-describedby` refer to.
 * Ids come from restored history or the host's `conversation` and may hold spaces, which split an
 * idref list: the element was named (or described) by nothing. `escape` leaves no whitespace,
 * never throws (a lone surrogate neither) and keeps two ids apart that differ only in what it
 * replaces, since it escapes its `%` too. The start code's fallback frame calls `escape` itself:
 * importing this from the views' chunk there cost the start chunk an export.
 */
export const domId = (id: string): string => escape(id);
