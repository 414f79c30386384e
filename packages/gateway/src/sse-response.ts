import type { ServerResponse } from 'node:http';

/** How often an idle stream sends a `:` comment, so proxies and the client's idle timeout see life. */
export const keepAliveMs = 15_000;

/**
 * An SSE response. `X-Accel-Buffering: no` stops nginx from buffering the stream (nginx#1505);
 * writes wait for `drain`, so a slow reader slows the model instead of filling memory.
 */
export class SseResponse {
  readonly #res: ServerResponse;
  #keepAlive: NodeJS.Timeout | undefined;

  constructor(res: ServerResponse) {
    this.#res = res;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.flushHeaders();
    this.#keepAlive = setInterval(() => {
      if (!res.writableEnded) res.write(': keep-alive\n\n');
    }, keepAliveMs);
    this.#keepAlive.unref();
  }

  /** Writes one event; `id` numbers it for a client that reconnects with `Last-Event-ID`. */
  async data(payload: string, id?: string): Promise<void> {
    if (this.#res.writableEnded || this.#res.destroyed) return;
    if (!this.#res.write(`${id === undefined ? '' : `id: ${id}\n`}data: ${payload}\n\n`)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.#res.off('drain', done);
          this.#res.off('close', done);
          resolve();
        };
        this.#res.on('drain', done);
        this.#res.on('close', done);
      });
    }
  }

  end(): void {
    clearInterval(this.#keepAlive);
    if (!this.#res.writableEnded) this.#res.end();
  }
}
