import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

/** How a proxy cuts an answer: after `after` bytes of its body, broken (`destroy`) or closed as if over (`end`). */
export interface Cut {
  after: number;
  how: 'destroy' | 'end';
}

/**
 * Forwards one request to `target` (same path) and its answer back, as a proxy does; with `cut`,
 * the answer's body stops after `cut.after` bytes, as a proxy's timeout or a dropped VPN stops it.
 * A client that goes away (a reload) closes the connection to `target` too, as a proxy does.
 */
export function forwardCut(req: IncomingMessage, res: ServerResponse, target: string, cut?: Cut, headers = req.headers): void {
  const upstream = httpRequest(new URL(req.url ?? '/', target), { method: req.method, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    let sent = 0;
    answer.on('data', (chunk: Buffer) => {
      if (!cut || sent + chunk.length <= cut.after) {
        sent += chunk.length;
        res.write(chunk);
        return;
      }
      res.write(chunk.subarray(0, Math.max(0, cut.after - sent)));
      sent = cut.after;
      answer.destroy();
      if (cut.how === 'destroy') res.destroy();
      else res.end();
    });
    answer.on('end', () => res.end());
  });
  // Destroyed on purpose: the `error` it then emits (ECONNRESET) is that, not a fault.
  upstream.on('error', () => res.destroy());
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}
