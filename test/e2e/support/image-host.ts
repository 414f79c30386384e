import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A 1×1 transparent PNG. */
const pixel = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export interface ImageHost {
  /** `host:port` as an `image-hosts` entry names it. */
  host: string;
  origin: string;
  /** Every request that reached this host: path and headers. */
  hits: Array<{ url: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/** Another origin that serves an image for any path and records who asked (an allowed CDN, or an attacker). */
export async function startImageHost(hostname: '127.0.0.1' | 'localhost' = '127.0.0.1'): Promise<ImageHost> {
  const hits: ImageHost['hits'] = [];
  const server = createServer((request, response) => {
    hits.push({ url: request.url ?? '/', headers: request.headers });
    // An open redirect (`/redirect?to=…`), as many CDNs and sign-in endpoints have.
    const to = new URL(request.url ?? '/', 'http://host').searchParams.get('to');
    if (to) return void response.writeHead(302, { location: to, 'cache-control': 'no-store' }).end();
    response.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'no-store' });
    response.end(pixel);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `${hostname}:${(server.address() as AddressInfo).port}`;
  return {
    host,
    origin: `http://${host}`,
    hits,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
