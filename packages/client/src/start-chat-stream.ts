import type { ChatError, ChatEvent, FinishReason } from './chat-event.js';
import type { ChatMessage, ToolDefinition } from './chat-message.js';
import { ChatResultBuilder, type ChatResult } from './chat-result.js';
import { EventQueue, type ChatStream } from './chat-stream.js';
import { withContextMessage, type ContextMessage } from './context-message.js';
import { fetchWithRetry, type HeadersOption } from './fetch-with-retry.js';
import { createFrameSplitter, FrameSizeError, type FrameSplitter } from './frame-stream.js';
import { gatewayError } from './gateway-error.js';
import type { AdapterRequest, Frame, FrameDecoder, ProtocolAdapter, ResponseInfo } from './protocol-adapter.js';
import type { RetryPolicy } from './retry-policy.js';
import type { Timers } from './timers.js';

/** A client's settled options, as `createClient` hands them to every stream. */
export interface StreamConfig {
  url: string;
  adapter: () => ProtocolAdapter | Promise<ProtocolAdapter>;
  model: string | undefined;
  headers: HeadersOption | undefined;
  body: Record<string, unknown> | ((request: AdapterRequest) => Record<string, unknown>) | undefined;
  fetch: typeof globalThis.fetch;
  policy: RetryPolicy;
  idleTimeoutMs: number;
  maxEventSize: number;
  contextMessage: ContextMessage;
  timers: Timers;
}

export interface StreamInput {
  messages: ChatMessage[];
  tools?: ToolDefinition[] | undefined;
  model?: string | undefined;
  context?: Record<string, unknown> | undefined;
  signal?: AbortSignal | undefined;
}

/** A body that is one JSON document or HTML page instead of a stream is read only this far. */
const maxDocumentChars = 64 * 1024;

const abortError = (): ChatError => ({ code: 'abort', message: 'The stream was aborted.', retryable: false });

/** Runs one request: fetch (with retries), frame, decode, and hand out events and the result. */
export function startChatStream(config: StreamConfig, input: StreamInput): ChatStream {
  const queue = new EventQueue();
  const builder = new ChatResultBuilder();
  const controller = new AbortController();
  const { timers } = config;
  let resolveResult!: (result: ChatResult) => void;
  const result = new Promise<ChatResult>((resolve) => (resolveResult = resolve));

  let ended = false;
  let adapterFinish: FinishReason | undefined;
  let errored = false;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;

  // Idle watchdog: one timer, re-armed lazily, so a byte costs a clock read rather than a timer reset.
  let lastActivity = 0;
  let idleHandle: unknown;
  const armIdle = (ms: number) => {
    idleHandle = timers.setTimeout(() => {
      const silent = timers.now() - lastActivity;
      if (silent >= config.idleTimeoutMs) {
        end({ code: 'timeout', message: `The gateway sent nothing for ${config.idleTimeoutMs} ms.`, retryable: true });
      } else armIdle(config.idleTimeoutMs - silent);
    }, ms);
  };
  const startIdle = () => {
    if (config.idleTimeoutMs <= 0 || ended) return;
    lastActivity = timers.now();
    if (idleHandle === undefined) armIdle(config.idleTimeoutMs);
  };
  const stopIdle = () => {
    if (idleHandle !== undefined) timers.clearTimeout(idleHandle);
    idleHandle = undefined;
  };

  const emit = (event: ChatEvent): void => {
    if (ended) return;
    switch (event.type) {
      case 'finish':
        // Held back: the client sends the one final `finish` (a usage chunk may still follow it).
        adapterFinish = event.reason;
        return;
      case 'text-delta':
        if (event.delta === '' && !event.replace) return;
        break;
      case 'reasoning-delta':
        if (event.delta === '') return;
        break;
      case 'error':
        errored = true;
        break;
      default:
        break;
    }
    builder.add(event);
    queue.push(event);
  };

  const onAbortSignal = () => end(abortError(), 'abort');

  function end(error?: ChatError, reason?: FinishReason): void {
    if (ended) return;
    if (error) emit({ type: 'error', error });
    const finish: ChatEvent = { type: 'finish', reason: reason ?? (errored ? 'error' : (adapterFinish ?? 'stop')) };
    builder.add(finish);
    queue.push(finish);
    ended = true;
    stopIdle();
    input.signal?.removeEventListener('abort', onAbortSignal);
    controller.abort();
    reader?.cancel().catch(() => {});
    queue.close();
    resolveResult(builder.result());
  }

  const stream: ChatStream = {
    result,
    abort: onAbortSignal,
    [Symbol.asyncIterator]: () => ({
      next: () => queue.next(),
      // Leaving a for-await loop early stops the answer, as the official SDKs do; `result` still resolves.
      return: () => {
        onAbortSignal();
        return queue.return();
      },
    }),
  };

  if (input.signal?.aborted) {
    end(abortError(), 'abort');
    return stream;
  }
  input.signal?.addEventListener('abort', onAbortSignal, { once: true });

  run().catch((cause: unknown) => {
    // Only a bug can land here (everything expected is handled in run); it still ends as data.
    end({ code: 'bad_response', message: `The client failed to read the response: ${String(cause)}`, retryable: false });
  });
  return stream;

  async function run(): Promise<void> {
    let adapter: ProtocolAdapter;
    try {
      adapter = await config.adapter();
    } catch (cause) {
      // The lazily loaded protocol registry failed to load (offline, a CSP that blocks the chunk).
      return end({ code: 'bad_request', message: `The protocol could not be loaded: ${describe(cause)}`, retryable: true });
    }
    if (ended) return;

    let request: AdapterRequest = { model: input.model ?? config.model, messages: input.messages, tools: input.tools, context: input.context };
    if (input.context !== undefined && !adapter.acceptsContext) {
      const { context, ...rest } = request;
      request = { ...rest, messages: withContextMessage(request.messages, config.contextMessage(context ?? {})) };
    }
    let http;
    let extra;
    try {
      http = adapter.request(request);
      extra = typeof config.body === 'function' ? config.body(request) : config.body;
    } catch (cause) {
      return end({ code: 'bad_request', message: `The ${adapter.name} request could not be built: ${describe(cause)}`, retryable: false });
    }
    const accept = adapter.framing === 'sse' ? 'text/event-stream' : adapter.framing === 'ndjson' ? 'application/x-ndjson' : 'text/event-stream, application/x-ndjson';

    const outcome = await fetchWithRetry({
      fetch: config.fetch,
      url: config.url,
      body: JSON.stringify(extra ? { ...http.body, ...extra } : http.body),
      baseHeaders: { 'content-type': 'application/json', accept, ...http.headers },
      headers: config.headers,
      policy: config.policy,
      timers,
      signal: controller.signal,
      // A gateway that never answers is as stalled as one that stops mid-stream.
      onRequest: startIdle,
      onWait: stopIdle,
    });
    if (ended) return;
    if (outcome.error) return end(outcome.error, outcome.error.code === 'abort' ? 'abort' : undefined);
    const { response } = outcome;
    if (!response.body) return end({ code: 'bad_response', message: 'The gateway answered without a body.', status: response.status, retryable: false });

    const info: ResponseInfo = { status: response.status, contentType: (response.headers.get('content-type') ?? '').toLowerCase(), headers: response.headers };
    if (info.contentType.includes('text/html')) {
      return end({ code: 'bad_response', message: 'The gateway answered with an HTML page (text/html), not a stream: a proxy or login page is in the way.', status: info.status, retryable: false });
    }
    reader = response.body.getReader();
    lastActivity = timers.now();
    await readBody(adapter, info, reader);
  }

  async function readBody(adapter: ProtocolAdapter, info: ResponseInfo, body: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    const text = new TextDecoder();
    let decoder: FrameDecoder | undefined;
    let splitter: FrameSplitter | undefined;
    let protocolDone = false;
    // Set when the body is one JSON document or HTML page rather than a stream.
    let document: string[] | undefined;
    let documentLength = 0;

    const onFrame = (frame: Frame) => {
      if (protocolDone || ended) return;
      if ((decoder as FrameDecoder).frame(frame, emit) === 'done') protocolDone = true;
    };

    /** Decides the framing from the content type, or else the first character of the body. */
    const begin = (first: string) => {
      const char = first.trimStart()[0];
      if (char === '<') {
        throw new BadResponse('The gateway answered with an HTML page, not a stream: a proxy or login page is in the way.');
      }
      let framing = adapter.framing;
      if (framing === 'auto') {
        const type = info.contentType;
        framing = type.includes('event-stream') ? 'sse' : type.includes('ndjson') || type.includes('jsonl') || char === '{' ? 'ndjson' : 'sse';
      } else if (framing === 'sse' && (char === '{' || char === '[')) {
        document = [];
        return;
      }
      decoder = adapter.decoder(info);
      splitter = createFrameSplitter(framing, onFrame, config.maxEventSize);
    };

    const feed = (piece: string) => {
      if (piece === '') return;
      if (decoder === undefined && document === undefined) {
        if (piece.trim() === '') return;
        begin(piece);
      }
      if (document !== undefined) {
        if (documentLength < maxDocumentChars) document.push(piece);
        documentLength += piece.length;
        return;
      }
      (splitter as FrameSplitter).push(piece);
    };

    const fail = (cause: unknown) => {
      flushDecoder(decoder);
      end({ code: 'bad_response', message: badResponseMessage(adapter, cause), status: info.status, retryable: false });
    };
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await body.read();
      } catch (cause) {
        if (ended) return;
        flushDecoder(decoder);
        return end({ code: 'network', message: `The connection broke while the answer was streaming: ${describe(cause)}`, retryable: true });
      }
      if (ended) return;
      if (chunk.done) break;
      lastActivity = timers.now();
      try {
        feed(text.decode(chunk.value, { stream: true }));
      } catch (cause) {
        return fail(cause);
      }
      queue.flush();
      if (protocolDone) break;
    }
    if (!protocolDone) {
      try {
        feed(text.decode());
        splitter?.end();
      } catch (cause) {
        return fail(cause);
      }
    }
    if (ended) return;
    if (document !== undefined) return end(documentError(document.join('').slice(0, maxDocumentChars), info.status));
    if (decoder === undefined) return end({ code: 'bad_response', message: 'The gateway answered with an empty body.', status: info.status, retryable: false });
    try {
      decoder.end(emit);
    } catch (cause) {
      return end({ code: 'bad_response', message: badResponseMessage(adapter, cause), status: info.status, retryable: false });
    }
    if (adapterFinish === undefined && !errored) {
      return end({ code: 'network', message: 'The response ended before the gateway finished the answer.', retryable: true });
    }
    end();
  }

  /** After a failure, let the adapter hand over what it still holds (text behind a half `<think>` tag). */
  function flushDecoder(decoder: FrameDecoder | undefined): void {
    try {
      decoder?.end(emit);
    } catch {
      // The stream is failing already; its first error is the one reported.
    }
  }
}

class BadResponse extends Error {}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

function badResponseMessage(adapter: ProtocolAdapter, cause: unknown): string {
  if (cause instanceof FrameSizeError || cause instanceof BadResponse) return cause.message;
  return `The ${adapter.name} response could not be read: ${describe(cause)}`;
}

/** A 2xx whose body is one JSON document where a stream was expected: the gateway's error, or a bad response. */
function documentError(body: string, status: number): ChatError {
  let found;
  try {
    found = gatewayError(JSON.parse(body));
  } catch {
    found = undefined;
  }
  if (found) return { code: found.code ?? `http_${status}`, message: found.message ?? 'The gateway reported an error.', status, retryable: false };
  return { code: 'bad_response', message: 'The gateway answered with a JSON document, not an event stream (is streaming turned on?).', status, retryable: false };
}
