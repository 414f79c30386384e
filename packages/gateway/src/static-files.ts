import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The demo pages are served under a strict CSP (no inline script or style, same-origin only,
 * Trusted Types with Lit's policy only), which is how the widget is meant to be embedded.
 */
export const demoContentSecurityPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; form-action 'self'; require-trusted-types-for 'script'; trusted-types lit-html";

/** A folder mounted at a URL prefix. */
export interface StaticMount {
  prefix: string;
  dir: string;
  /** Files only (no folder index), e.g. `['parley-chat.js']`. */
  only?: string[];
}

/** Serves GET/HEAD for the mounts; returns false when no mount has the file. Paths never leave their folder. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string, mounts: readonly StaticMount[]): Promise<boolean> {
  for (const mount of mounts) {
    if (!pathname.startsWith(mount.prefix)) continue;
    let relative: string;
    try {
      relative = decodeURIComponent(pathname.slice(mount.prefix.length));
    } catch {
      return false;
    }
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
    if (mount.only && !mount.only.includes(relative)) continue;
    const root = normalize(mount.dir + sep);
    const file = normalize(join(root, relative));
    if (!file.startsWith(root) || relative.includes('\0')) continue;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-length': info.size,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      ...(type.startsWith('text/html') ? { 'content-security-policy': demoContentSecurityPolicy, 'referrer-policy': 'no-referrer' } : {}),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
    return true;
  }
  return false;
}
