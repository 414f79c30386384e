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
    return text;
  }
}
