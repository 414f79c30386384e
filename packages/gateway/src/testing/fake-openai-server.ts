import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface FakeOpenAIServer {
  url: string;
  requests: RecordedRequest[];
  /** Resolves when a client closes a streaming response before it ended. */
  disconnected: Promise<void>;
  close(): Promise<void>;
}

/**
 * A local OpenAI-compatible chat-completions server (node:http) that streams `chunks` as SSE.
 * With `hold: true` it sends the chunks and then keeps the response open, to observe disconnects.
 */
export async function startFakeOpenAIServer(chunks: unknown[], { hold = false }: { hold?: boolean } = {}): Promise<FakeOpenAIServer> {
  const requests: RecordedRequest[] = [];
  let onDisconnect: () => void = () => {};
  const disconnected = new Promise<void>((resolve) => (onDisconnect = resolve));
  const server: Server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    requests.push({ headers: req.headers, body: JSON.parse(text) as Record<string, unknown> });
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const chunk of chunks) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    res.on('close', () => {
      if (!res.writableFinished) onDisconnect();
    });
    if (!hold) res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1/chat/completions`,
    requests,
    disconnected,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A chat.completion.chunk with one delta. */
export function chunk(delta: Record<string, unknown>, finishReason: string | null = null): Record<string, unknown> {
  return { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1, model: 'qwen-test', choices: [{ index: 0, delta, finish_reason: finishReason }] };
}
