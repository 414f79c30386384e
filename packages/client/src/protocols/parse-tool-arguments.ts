/**
 * Turns a model's joined tool-argument text into the `args` of a `tool-call` event.
 * Empty text means "no arguments" (`{}`). Text that is not JSON is returned as the raw string,
 * so the conversation can report the invalid arguments back to the model instead of losing them.
 */
export function parseToolArguments(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    return repeatedWhole(text.trim()) ?? text;
  }
}

/**
 * Some servers' tool parsers send the whole arguments again after streaming them (vLLM's xlam
 * parser flushes them at the end of the stream), so the joined text is one JSON object twice
 * over: `{…}{…}`. Only two identical halves that parse are read as that object.
 */
function repeatedWhole(text: string): unknown {
  if (text.length % 2 !== 0) return undefined;
  const half = text.slice(0, text.length / 2);
  if (half !== text.slice(text.length / 2)) return undefined;
  try {
    return JSON.parse(half);
  } catch {
    return undefined;
  }
}
