/**
 * Two elements on one page without a `conversation-id` must not share (and overwrite) one
 * stored conversation: the second one gets `default-2`, and so on, in connection order, which
 * is stable across reloads. An explicit id is the host's choice and is used as given. An element
 * building its conversation anew asks for the default id it had (`before`), so it keeps its own
 * transcript when an element before it has gone.
 */
const claimed = new Map<string, number>();

export function claimConversationId(requested: string | undefined, before?: string): { id: string; release(): void } {
  let id = requested || before || 'default';
  for (let n = 2; !requested && claimed.has(id); n++) id = `default-${n}`;
  claimed.set(id, (claimed.get(id) ?? 0) + 1);
  return {
    id,
    release() {
      const count = (claimed.get(id) ?? 1) - 1;
      if (count > 0) claimed.set(id, count);
      else claimed.delete(id);
    },
  };
}
