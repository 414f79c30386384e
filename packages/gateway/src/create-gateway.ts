import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatEvent } from '@parley/client';
import * as z from 'zod';
import { createAuthenticator, type Authenticator } from './authenticator.js';
import type { ChatModel, ModelRequest } from './chat-model.js';
import { CorsPolicy } from './cors-policy.js';
import { createDemoModel, demoModelId } from './demo-model.js';
import { demoUsers, mintDemoToken, type DemoUserId } from './demo-users.js';
import { describeZodError } from './describe-zod-error.js';
import { documentHtml, documentJson } from './document-view.js';
import { readJsonBody, RequestBodyError } from './read-json-body.js';
import { sendError, sendJson } from './send-json.js';
import type { Identity } from './identity.js';
import { KnowledgeIndex } from './knowledge-index.js';
import { loadCorpus } from './load-corpus.js';
import { nativeChatRequestSchema } from './native-chat-request.js';
import { fromOpenAIRequest, openaiChatRequestSchema } from './openai-chat-request.js';
import { OpenAIChunkEncoder } from './openai-chunk-encoder.js';
import { OpenAICompletionBuilder } from './openai-completion-builder.js';
import { packagePaths } from './package-paths.js';
import { ResumableAnswers, UnknownAnswerError } from './resumable-answers.js';
import { SseResponse } from './sse-response.js';
import { serveStatic, type StaticMount } from './static-files.js';
import { createUpstreamModel, type UpstreamOptions } from './upstream-model.js';
import { wrongProtocolHint, type ChatEndpoint } from './wrong-protocol-hint.js';

export interface GatewayOptions {
  /** Origins allowed to call the gateway from a browser (`*` for any). Same-origin pages need nothing. */
  corsOrigins?: string[];
  /** A static bearer token for server-to-server callers. */
  apiKey?: string;
  /** HS256 secret shared with the host's backend; enables JWT verification of `Authorization: Bearer`. */
  jwtSecret?: string;
  /** Reject requests without a token. Default: true when `apiKey` or `jwtSecret` is set. */
  requireAuth?: boolean;
  /** Serve `POST /demo/token` (mints tokens for the demo users alice and bob). Needs `jwtSecret`. */
  demoTokens?: boolean;
  /** Forward to an OpenAI-compatible server instead of the retrieval demo model. */
  upstream?: UpstreamOptions;
  /** The demo model's pause before each streamed chunk (ms). Default 15; tests use 0. */
  delayMs?: number;
  /** The corpus folder (markdown with front matter). Default: the package's `corpus/`. */
  corpusDir?: string;
  /**
   * Folders served at `/`: the demo pages and the widget's script tag (`dist/script`: `/parley-chat.js` and its `/chunks/`); false serves none.
   * Default: the repository's `demo/` when run from the Parley repository, else none; `@parley/widget`'s `dist/script` when it resolves.
   */
  demoDir?: string | false;
  widgetDir?: string | false;
  /** Replace the model entirely (embedding, tests). */
  model?: ChatModel;
  /** The id `/v1/models` lists and responses name. */
  modelId?: string;
  /**
   * How long an answer on `/api/chat` keeps generating after its client's connection broke,
   * waiting for the client to take it up again (`Last-Event-ID`). Default 10 s; 0 stops the model
   * at once. A person's Stop looks the same to the gateway, so the model runs this long after it.
   */
  resumeGraceMs?: number;
  /** Called when a client disconnects before its answer finished (the model's signal has been aborted; on `/api/chat`, after `resumeGraceMs`). */
  onAbort?: (info: { path: string; identity: Identity }) => void;
  /** Largest accepted request body. Default 1 MiB. */
  maxBodyBytes?: number;
  /** An access log: one line per request (method, path, status, duration; never a token or a body). */
  log?: (line: string) => void;
}

export interface Gateway {
  server: Server;
  index: KnowledgeIndex;
  modelId: string;
  /** Whether the demo pages are served at `/` (from the Parley repository only). */
  demo: boolean;
  /** Starts listening (port 0 picks a free one) and resolves with the base URL. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const demoTokenRequestSchema = z.object({ user: z.enum(Object.keys(demoUsers) as [DemoUserId, ...DemoUserId[]]) });

/** Routes that exist, for a 405 that names the right method. */
const routes: Record<string, string> = {
  '/api/chat': 'POST',
  '/v1/chat/completions': 'POST',
  '/v1/models': 'GET',
  '/healthz': 'GET',
  '/demo/token': 'POST',
};

/** A refused chat body's 400 message: the schema's complaints, after which endpoint to use if the body was meant for the other one. */
function invalidChatRequest(endpoint: ChatEndpoint, body: unknown, error: z.core.$ZodError): string {
  const hint = wrongProtocolHint(endpoint, body);
  return hint ? `${hint} ${describeZodError(error)}` : describeZodError(error);
}

function requestOrigin(req: IncomingMessage): string {
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() || 'http';
  return `${proto}://${req.headers.host ?? 'localhost'}`;
}

/** Citation URLs leave the gateway absolute, so a widget on another origin opens the right document. */
function absoluteCitations(event: ChatEvent, origin: string): ChatEvent {
  if (event.type !== 'citation' || !event.citation.url?.startsWith('/')) return event;
  return { type: 'citation', citation: { ...event.citation, url: origin + event.citation.url } };
}

async function* jsonEvents(events: AsyncIterable<ChatEvent>): AsyncGenerator<string> {
  for await (const event of events) yield JSON.stringify(event);
}

/**
 * The reference gateway: Parley's native protocol and OpenAI chat completions over one model,
 * with CORS, bearer/JWT identity, body validation, disconnect-abort and the demo pages.
 */
export async function createGateway(options: GatewayOptions = {}): Promise<Gateway> {
  const paths = packagePaths();
  const index = new KnowledgeIndex(await loadCorpus(options.corpusDir ?? paths.corpus));
  const model = options.model ?? (options.upstream ? createUpstreamModel(index, options.upstream) : createDemoModel({ index, delayMs: options.delayMs ?? 15 }));
  const modelId = options.modelId ?? (options.model ? 'custom' : options.upstream ? (options.upstream.model ?? 'upstream') : demoModelId);
  const authenticate: Authenticator = createAuthenticator({
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.jwtSecret ? { jwtSecret: options.jwtSecret } : {}),
    ...(options.requireAuth !== undefined ? { requireAuth: options.requireAuth } : {}),
  });
  const cors = new CorsPolicy(options.corsOrigins ?? []);
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const mounts: StaticMount[] = [];
  const widgetDir = options.widgetDir ?? paths.widgetDist;
  const demoDir = options.demoDir ?? paths.demo;
  if (widgetDir) mounts.push({ prefix: '/', dir: widgetDir });
  if (demoDir) mounts.push({ prefix: '/', dir: demoDir });
  const answers = new ResumableAnswers({ graceMs: options.resumeGraceMs ?? 10_000, keepMs: 60_000 });

  async function identify(req: IncomingMessage, res: ServerResponse): Promise<Identity | undefined> {
    const result = await authenticate(req.headers.authorization);
    if (result.ok) return result.identity;
    sendError(res, 401, 'unauthorized', result.message, { 'www-authenticate': 'Bearer' });
    return undefined;
  }

  /** Aborts when the client goes away before its answer finished. */
  function abortOnClose(res: ServerResponse, path: string, identity: Identity): AbortSignal {
    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) {
        controller.abort(new Error('client disconnected'));
        options.onAbort?.({ path, identity });
      }
    };
    res.once('close', onClose);
    return controller.signal;
  }

  /** Runs the model for one request until it finishes or `signal` aborts; always ends with `finish` unless aborted. */
  async function* run(request: ModelRequest, req: IncomingMessage, signal: AbortSignal): AsyncGenerator<ChatEvent> {
    const origin = requestOrigin(req);
    let finished = false;
    try {
      for await (const event of model(request, signal)) {
        if (signal.aborted) return;
        if (event.type === 'finish') finished = true;
        yield absoluteCitations(event, origin);
        if (finished) return;
      }
      if (!finished) yield { type: 'finish', reason: 'stop' };
    } catch (error) {
      if (signal.aborted) return;
      yield { type: 'error', error: { code: 'model_error', message: error instanceof Error ? error.message : String(error) } };
      yield { type: 'finish', reason: 'error' };
    }
  }

  async function nativeChat(req: IncomingMessage, res: ServerResponse, identity: Identity): Promise<void> {
    const body = await readJsonBody(req, maxBodyBytes);
    const onAbandoned = () => options.onAbort?.({ path: '/api/chat', identity });
    const owner = JSON.stringify([identity.tenant ?? null, identity.user]);
    const lastEventId = req.headers['last-event-id'];
    // A client whose connection broke asks for the rest of its answer (the body is the same request again).
    if (typeof lastEventId === 'string' && lastEventId !== '') {
      try {
        return await answers.resume(owner, lastEventId, res, onAbandoned);
      } catch (error) {
        if (error instanceof UnknownAnswerError) return sendError(res, 404, 'not_found', error.message);
        throw error;
      }
    }
    const parsed = nativeChatRequestSchema.safeParse(body);
    if (!parsed.success) return sendError(res, 400, 'invalid_request', invalidChatRequest('/api/chat', body, parsed.error));
    const { model: requested, messages, tools = [], context } = parsed.data;
    const request: ModelRequest = { messages, tools, identity, ...(requested ? { model: requested } : {}), ...(context ? { context } : {}) };
    await answers.start(owner, res, (signal) => jsonEvents(run(request, req, signal)), onAbandoned);
  }

  async function openaiChat(req: IncomingMessage, res: ServerResponse, identity: Identity): Promise<void> {
    const body = await readJsonBody(req, maxBodyBytes);
    const parsed = openaiChatRequestSchema.safeParse(body);
    if (!parsed.success) return sendError(res, 400, 'invalid_request', invalidChatRequest('/v1/chat/completions', body, parsed.error));
    const { messages, tools, context } = fromOpenAIRequest(parsed.data);
    const request: ModelRequest = { messages, tools, identity, ...(parsed.data.model ? { model: parsed.data.model } : {}), ...(context ? { context } : {}) };
    const meta = { id: `chatcmpl-${randomUUID().replace(/-/g, '')}`, created: Math.floor(Date.now() / 1000), model: parsed.data.model ?? modelId };
    if (parsed.data.stream !== true) {
      const builder = new OpenAICompletionBuilder();
      for await (const event of run(request, req, abortOnClose(res, '/v1/chat/completions', identity))) builder.add(event);
      if (builder.error) return sendError(res, 502, builder.error.code, builder.error.message);
      return sendJson(res, 200, builder.build(meta));
    }
    const encoder = new OpenAIChunkEncoder({ ...meta, includeUsage: parsed.data.stream_options?.include_usage === true });
    const sse = new SseResponse(res);
    let failed = false;
    try {
      for await (const event of run(request, req, abortOnClose(res, '/v1/chat/completions', identity))) {
        for (const chunk of encoder.encode(event)) await sse.data(JSON.stringify(chunk));
        if (event.type === 'error') {
          failed = true;
          break;
        }
      }
      // OpenAI ends a failed stream after the error object, without [DONE].
      if (!failed) await sse.data('[DONE]');
    } finally {
      sse.end();
    }
  }

  async function demoToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!options.demoTokens || !options.jwtSecret) return sendError(res, 404, 'not_found', 'demo tokens are off (start the gateway with PARLEY_DEMO_TOKENS=1 and a PARLEY_JWT_SECRET)');
    const parsed = demoTokenRequestSchema.safeParse(await readJsonBody(req, 4096));
    if (!parsed.success) return sendError(res, 400, 'invalid_request', describeZodError(parsed.error));
    const { token, expiresAt } = await mintDemoToken(options.jwtSecret, parsed.data.user);
    const profile = demoUsers[parsed.data.user];
    sendJson(res, 200, { token, expiresAt, user: { id: parsed.data.user, name: profile.name, title: profile.title, tenant: profile.tenant, roles: profile.roles } });
  }

  async function document(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const identity = await identify(req, res);
    if (!identity) return;
    // A document the user may not see answers exactly like one that does not exist.
    const found = index.document(id, identity);
    if (!found) return sendError(res, 404, 'not_found', `no document "${id}"`);
    if (/application\/json/.test(req.headers.accept ?? '')) return sendJson(res, 200, documentJson(found));
    const html = documentHtml(found);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'self'; base-uri 'none'" });
    res.end(html);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://gateway.invalid');
    cors.apply(req, res);
    if (cors.preflight(req, res)) return;
    const method = req.method ?? 'GET';
    const expected = routes[pathname];
    if (expected && method !== expected && !(expected === 'GET' && method === 'HEAD')) {
      return sendError(res, 405, 'method_not_allowed', `${pathname} accepts ${expected}`, { allow: expected });
    }
    switch (pathname) {
      case '/healthz':
        return sendJson(res, 200, { status: 'ok', model: modelId, upstream: Boolean(options.upstream), documents: index.documents.length });
      case '/v1/models': {
        const identity = await identify(req, res);
        if (!identity) return;
        return sendJson(res, 200, { object: 'list', data: [{ id: modelId, object: 'model', created: 0, owned_by: 'parley' }] });
      }
      case '/api/chat':
      case '/v1/chat/completions': {
        const identity = await identify(req, res);
        if (!identity) return;
        return pathname === '/api/chat' ? nativeChat(req, res, identity) : openaiChat(req, res, identity);
      }
      case '/demo/token':
        return demoToken(req, res);
    }
    const documentMatch = /^\/docs\/([a-z0-9-]+)$/.exec(pathname);
    if (documentMatch && (method === 'GET' || method === 'HEAD')) return document(req, res, documentMatch[1] ?? '');
    if ((method === 'GET' || method === 'HEAD') && (await serveStatic(req, res, pathname, mounts))) return;
    if (pathname === '/parley-chat.js') return sendError(res, 404, 'not_found', 'the widget bundle is not built: run `npm run build`');
    // A chat client that mistyped its endpoint reads this in its error notice: name the right ones.
    const chat = method === 'POST' ? ': chat answers stream from POST /api/chat (Parley) or POST /v1/chat/completions (OpenAI-compatible)' : '';
    sendError(res, 404, 'not_found', `no route ${method} ${pathname}${chat}`);
  }

  const server = createServer((req, res) => {
    if (options.log) {
      const started = Date.now();
      const log = options.log;
      res.once('close', () => {
        const path = (req.url ?? '/').split('?')[0];
        log(`${req.method ?? 'GET'} ${path} ${res.statusCode} ${Date.now() - started}ms${res.writableFinished ? '' : ' (client left)'}`);
      });
    }
    handle(req, res).catch((error: unknown) => {
      if (error instanceof RequestBodyError) return sendError(res, error.status, error.code, error.message);
      if (res.headersSent) return res.end();
      sendError(res, 500, 'internal_error', error instanceof Error ? error.message : 'internal error');
    });
  });

  return {
    server,
    index,
    modelId,
    demo: !!demoDir && existsSync(demoDir),
    listen(port = 8080, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
          resolve(`http://${shown}:${address.port}`);
        });
      });
    },
    close() {
      answers.close();
      return new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
