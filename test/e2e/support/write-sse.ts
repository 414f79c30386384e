import type { ServerResponse } from 'node:http';

/**
 * Streams native-protocol events one `data:` frame per write, yielding between writes, so the
 * browser really receives the answer in pieces rather than in one chunk.
 */
export function writeSse(response: ServerResponse, events: readonly unknown[]): void {
  const queue = [...events];
  const next = () => {
    const event = queue.shift();
    if (event === undefined) return void response.end();
    response.write(`data: ${JSON.stringify(event)}\n\n`);
    setImmediate(next);
  };
  next();
}
