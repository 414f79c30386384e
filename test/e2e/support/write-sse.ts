import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Answers with an event stream: the SSE head, then native-protocol events one `data:` frame per
 * write, yielding between writes, so the browser really receives the answer in pieces rather
 * than in one chunk.
 */
export function writeSse(response: ServerResponse, events: readonly unknown[]): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const queue = [...events];
  const next = () => {
    const event = queue.shift();
    if (event === undefined) return void response.end();
    response.write(`data: ${JSON.stringify(event)}\n\n`);
    setImmediate(next);
  };
  next();
}

/** The JSON body a page POSTed (a chat request). */
export function readJsonBody<T>(request: IncomingMessage): Promise<T> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      try {
        resolve(JSON.parse(text) as T);
      } catch (error) {
        reject(error);
      }
    });
  });
}
