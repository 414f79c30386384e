/**
 * An id of its own for a tool call that came under an id already taken: never that id, and the
 * same one for the same `n`, so that a re-sent call is still known. It keeps the shape of Mistral's
 * ids (nine letters and digits: Mistral's API and its chat templates refuse any other id when the
 * call is sent back with its result); any other id becomes `<id>_<n>`.
 */
export function renamedToolCallId(id: string, n: number): string {
  if (!/^[a-zA-Z0-9]{9}$/.test(id)) return `${id}_${n}`;
  const tail = n.toString(36);
  const renamed = id.slice(0, 9 - tail.length) + tail;
  if (renamed !== id) return renamed;
  // The id already ends in `tail`: the character before it changes too.
  const before = 8 - tail.length;
  return id.slice(0, before) + (id[before] === 'z' ? 'y' : 'z') + tail;
}
