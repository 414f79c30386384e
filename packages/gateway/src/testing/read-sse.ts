/** The `data:` payloads of an SSE response, in order, read with a streaming UTF-8 decoder. */
export async function readSseData(response: Response): Promise<string[]> {
  if (!response.body) throw new Error('response has no body');
  const decoder = new TextDecoder();
  let buffer = '';
  const data: string[] = [];
  const flush = (block: string) => {
    const lines = block.split(/\r?\n/).filter((line) => line.startsWith('data:'));
    if (lines.length > 0) data.push(lines.map((line) => line.slice(5).replace(/^ /, '')).join('\n'));
  };
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      flush(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  }
  buffer += decoder.decode();
  if (buffer.trim()) flush(buffer);
  return data;
}

/** POSTs JSON and returns the response. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
