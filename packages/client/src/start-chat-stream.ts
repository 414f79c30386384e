import type { ChatError, ChatEvent, FinishReason } from './chat-event.js';
import type { ChatMessage, ToolDefinition } from './chat-message.js';
import type { ChatResult, ChatResultBuilder } from './chat-result.js';
import { EventQueue, type ChatStream } from './chat-stream.js';
import { errorMessage } from './error-message.js';
import { loadOnce } from './load-once.js';
import type { ContextMessage } from './context-message.js';
import type { HeadersOption } from './fetch-with-retry.js';
import type { AdapterRequest, ProtocolAdapter } from './protocol-adapter.js';
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
  /** Takes up an answer after this event (`ChatStream.lastEventId`) instead of asking for a new one. */
  resumeAfter?: string | undefined;
}

/** One running stream as the request code sees it: where events go and how the stream ends. */
export interface StreamRun {
  readonly config: StreamConfig;
  readonly input: StreamInput;
  /** Aborted when the stream ends, for whatever reason. */
  readonly signal: AbortSignal;
  readonly ended: boolean;
  /** The adapter finished the answer or reported an error: a body that ends now is complete. */
  readonly settled: boolean;
  emit(event: ChatEvent): void;
  /** The events emitted since the last mark came from the numbered frame `id` (a resumable answer's). */
  mark(id: string): void;
  end(error?: ChatError, reason?: FinishReason): void;
  /** Wakes a waiting reader: called once per network chunk. */
  flush(): void;
  /** The idle watchdog runs while a request or body is awaited, and pauses between retries. */
  startIdle(): void;
  stopIdle(): void;
  /** A byte arrived: the idle clock starts again. */
  active(): void;
  /** The body being read, cancelled when the stream ends. */
  reading(reader: ReadableStreamDefaultReader<Uint8Array>): void;
}

type RequestCode = typeof import('./run-chat-request.js');

/**
 * Fetching, retrying, framing, decoding and folding the result load with the first request,
 * beside the protocol adapter: a page that never sends does not download them.
 */
export const loadRequestCode: () => Promise<RequestCode> = loadOnce(() => import('./run-chat-request.js'));

const abortError = (): ChatError => ({ code: 'abort', message: 'The stream was aborted.', retryable: false });

/** Runs one request: fetch (with retries), frame, decode, and hand out events and the result. */
export function startChatStream(config: StreamConfig, input: StreamInput): ChatStream {
  const queue = new EventQueue();
  /** Made with the request code: until it runs, nothing but an error ends the stream. */
  let builder: ChatResultBuilder | undefined;
  const controller = new AbortController();
  const { timers } = config;
  let resolveResult!: (result: ChatResult) => void;
  const result = new Promise<ChatResult>((resolve) => (resolveResult = resolve));

  let ended = false;
  let adapterFinish: FinishReason | undefined;
  let errored = false;
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  // An event was queued since the last frame id was: a frame that gave none (a `finish` held back) marks nothing.
  let pushed = false;

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
    builder?.add(event);
    queue.push(event);
    pushed = true;
  };

  const onAbortSignal = () => end(abortError(), 'abort');

  function end(error?: ChatError, reason?: FinishReason): void {
    if (ended) return;
    if (error) emit({ type: 'error', error });
    const finish: ChatEvent = { type: 'finish', reason: reason ?? (errored ? 'error' : (adapterFinish ?? 'stop')) };
    builder?.add(finish);
    queue.push(finish);
    ended = true;
    stopIdle();
    input.signal?.removeEventListener('abort', onAbortSignal);
    controller.abort();
    reader?.cancel().catch(() => {});
    queue.close();
    resolveResult(builder?.result() ?? { text: '', reasoning: '', citations: [], toolCalls: [], finishReason: finish.reason, usage: null, error: error ?? null });
  }

  const stream: ChatStream = {
    result,
    abort: onAbortSignal,
    get lastEventId() {
      return queue.lastId;
    },
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

  const run: StreamRun = {
    config,
    input,
    signal: controller.signal,
    get ended() {
      return ended;
    },
    get settled() {
      return adapterFinish !== undefined || errored;
    },
    emit,
    mark: (id) => {
      if (pushed) queue.push(id);
      pushed = false;
    },
    end,
    flush: () => queue.flush(),
    startIdle,
    stopIdle,
    active: () => {
      lastActivity = timers.now();
    },
    reading: (body) => {
      reader = body;
      lastActivity = timers.now();
    },
  };

  start().catch((cause: unknown) => {
    // Only a bug can land here (everything expected is handled in the request code); it still ends as data.
    end({ code: 'bad_response', message: `The client failed to read the response: ${String(cause)}`, retryable: false });
  });
  return stream;

  async function start(): Promise<void> {
    // Both load in parallel: the protocol adapter and the code that runs the request. A chunk
    // request that hangs (a proxy holding it) is as stalled as a silent gateway: the watchdog runs
    // meanwhile, and stops before the request, whose `headers()` may take a sign-in.
    startIdle();
    const code = loadRequestCode();
    code.catch(() => {});
    let adapter: ProtocolAdapter;
    let requestCode: RequestCode;
    try {
      adapter = await config.adapter();
    } catch (cause) {
      // The lazily loaded protocol registry failed to load (offline, a CSP that blocks the chunk).
      return end({ code: 'network', message: `The protocol could not be loaded: ${errorMessage(cause)}`, retryable: true });
    }
    try {
      requestCode = await code;
    } catch (cause) {
      return end({ code: 'network', message: `The client's request code could not be loaded: ${errorMessage(cause)}`, retryable: true });
    }
    stopIdle();
    if (ended) return;
    builder = new requestCode.ChatResultBuilder();
    await requestCode.runChatRequest(run, adapter);
  }
}
