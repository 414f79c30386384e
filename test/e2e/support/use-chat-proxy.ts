import { forwardCut, type Cut } from '../../../packages/gateway/src/testing/forward-cut.js';
import { serveScriptTagPage, usePageServer } from './chromium.js';

/** One POST to the chat endpoint, as the proxy saw it. */
export interface ProxiedChatRequest {
  /** The `Last-Event-ID` it carried: set when a page takes an answer up. */
  lastEventId: string | undefined;
  /** Its answer ran to the end. */
  ended: boolean;
  /** `performance.now()` when it came, and when its connection closed. */
  at: number;
  closedAt?: number;
}

export interface ChatProxyOptions {
  /** Paths and their HTML, served with the script tag beside them. */
  pages: Record<string, string>;
  /** Paths and the module scripts served there. */
  scripts?: Record<string, string>;
  /** The gateway the chat endpoint is forwarded to, asked at each request. */
  target: () => string;
  /** The chat endpoint's path, the same at the gateway: `/api/chat` (Parley's protocol) by default. */
  path?: string;
  /** Where and how to break the answer to the request just recorded (the last of `requests`); none by default. */
  cut?: (requests: readonly ProxiedChatRequest[]) => Cut | undefined;
  /** The host name pages are opened on (`usePageServer`): 127.0.0.1 by default. */
  host?: string;
}

/**
 * A test file's page host with a proxy in front of a gateway: the script-tag pages, and every POST
 * to `/api/chat` recorded in `chatRequests` and forwarded to the gateway, as a proxy does (cut
 * where `cut` says). The host and its Chromium start before the file's first test.
 */
export function useChatProxy(options: ChatProxyOptions): { site: ReturnType<typeof usePageServer>; chatRequests: ProxiedChatRequest[] } {
  const chatRequests: ProxiedChatRequest[] = [];
  const site = usePageServer((request, response) => {
    if (serveScriptTagPage(request, response, options.pages)) return;
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const script = options.scripts?.[pathname];
    if (script !== undefined) {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      return void response.end(script);
    }
    if (pathname !== (options.path ?? '/api/chat')) return void response.writeHead(404).end();
    const lastEventId = request.headers['last-event-id'];
    const seen: ProxiedChatRequest = { lastEventId: typeof lastEventId === 'string' ? lastEventId : undefined, ended: false, at: performance.now() };
    chatRequests.push(seen);
    response.on('finish', () => (seen.ended = true));
    response.on('close', () => (seen.closedAt = performance.now()));
    forwardCut(request, response, options.target(), options.cut?.(chatRequests));
  }, options);
  return { site, chatRequests };
}
