import type { ChatError, ChatErrorReason, ChatEvent, StatusStep } from './chat-event.js';
import type { ChatMessage } from './chat-message.js';
import { fetchWithRetry } from './fetch-with-retry.js';
import { createFrameSplitter, FrameSizeError, framingOf, startsDataStream, type FrameSplitter } from './frame-stream.js';
import { gatewayError } from './gateway-error.js';
import type { AdapterRequest, Frame, FrameDecoder, ProtocolAdapter, ResponseInfo } from './protocol-adapter.js';
import { reconnectStepId, retryStepId } from './retry-step.js';
import type { StreamRun } from './start-chat-stream.js';

// What a stream amounts to (`ChatStream.result`) folds only events this code emits: it comes with it.
export { ChatResultBuilder } from './chat-result.js';

/**
 * The message of a thrown value (error-message.ts's, not imported): the script tag puts this
 * module in one chunk with what it imports (rollup.config.mjs), and a module the start code
 * imports too would move into it, putting the whole chunk on the start path.
 */
const errorMessage = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

/** A body that is one JSON document or HTML page instead of a stream is read only this far. */
const maxDocumentChars = 64 * 1024;

/** The start of a body kept to tell what it speaks, if the adapter recognises nothing in it. */
const maxHeadChars = 4096;

/**
 * One request of a stream: builds it with the adapter, fetches (with retries), frames and decodes
 * the body, and ends the stream with what it found. Loaded with the first request (see
 * `startChatStream`).
 */
export async function runChatRequest(run: StreamRun, adapter: ProtocolAdapter): Promise<void> {
  const { config, input, emit, end } = run;

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
    return end({ code: 'bad_request', reason: 'request-not-built', message: `The ${adapter.name} request could not be built: ${errorMessage(cause)}`, retryable: false });
  }
  let waiting: StatusStep | undefined;
  const accept = adapter.framing === 'sse' ? 'text/event-stream' : adapter.framing === 'ndjson' ? 'application/x-ndjson' : 'text/event-stream, application/x-ndjson';

  const body = JSON.stringify(extra ? { ...http.body, ...extra } : http.body);
  const post = (resumeAfter?: string) => fetchWithRetry({
    fetch: config.fetch,
    url: config.url,
    body,
    baseHeaders: { 'content-type': 'application/json', accept, ...http.headers, ...(resumeAfter !== undefined && { 'last-event-id': resumeAfter }) },
    headers: config.headers,
    // Taking up a broken answer is patient (at least six tries, up to about 15 s of backoff): the
    // network that broke may take seconds to come back, and the gateway keeps the answer meanwhile.
    policy: resumeAfter === undefined || config.policy.attempts < 2 ? config.policy : { ...config.policy, attempts: Math.max(config.policy.attempts, 6) },
    timers: config.timers,
    signal: run.signal,
    // A gateway that never answers is as stalled as one that stops mid-stream.
    onRequest: () => {
      run.startIdle();
      if (waiting) emit({ type: 'status', status: { ...waiting, state: 'done' } });
      waiting = undefined;
    },
    onWait: run.stopIdle,
    // A wait a person would notice (a 429's Retry-After, a backoff) is a progress step while it
    // lasts, so the answer does not sit empty and silent; done when the next try goes out.
    onRetry: (ms, error) => {
      if (ms < 1000) return;
      const why = error.status ? `HTTP ${error.status}` : error.code;
      waiting = { id: error.status ? retryStepId : reconnectStepId, label: `Waiting ${Math.ceil(ms / 1000)} s to try again (${why})`, state: 'running', detail: error.message };
      emit({ type: 'status', status: waiting });
      // Events are handed over once per network chunk; none comes while it waits.
      run.flush();
    },
  });
  // Taking up an answer a page left behind: only after an id this client could have given.
  const resumeAfter = input.resumeAfter;
  if (resumeAfter !== undefined && !numberedId(resumeAfter)) {
    return end({ code: 'bad_request', message: `resumeAfter "${resumeAfter.slice(0, 80)}" is not an event id of a gateway that resumes answers (<answer>:<n>).`, retryable: false });
  }
  // Nor asked of a protocol whose servers never take an answer up (a page configured since for
  // another gateway than the one that began it): it would generate a new answer for nothing.
  if (resumeAfter !== undefined && !adapter.resumable) {
    return end({ code: 'bad_request', message: `resumeAfter: the ${adapter.name} protocol does not take answers up (its adapter does not declare \`resumable\`, as the native protocol's does).`, retryable: false });
  }
  const outcome = await post(resumeAfter);
  if (run.ended) return;
  if (outcome.error) return end(outcome.error, outcome.error.code === 'abort' ? 'abort' : undefined);
  const { response } = outcome;
  if (!response.body) return end({ code: 'bad_response', reason: 'empty-body', message: 'The gateway answered without a body.', status: response.status, retryable: false });

  const info: ResponseInfo = { status: response.status, contentType: (response.headers.get('content-type') ?? '').toLowerCase(), headers: response.headers };
  if (info.contentType.includes('text/html')) {
    return end({ code: 'bad_response', reason: 'html-page', message: 'The gateway answered with an HTML page (text/html), not a stream: a proxy or login page is in the way.', status: info.status, retryable: false });
  }
  const reader = response.body.getReader();
  run.reading(reader);
  // The rest of an answer whose connection broke, after the last event that came: only an event
  // stream, else the break stands (a server that does not resume would answer all over again).
  const resume = async (lastEventId: string): Promise<ReadableStreamDefaultReader<Uint8Array> | undefined> => {
    const { response: again } = await post(lastEventId);
    if (!again?.body) return undefined;
    if (run.ended || !(again.headers.get('content-type') ?? '').includes('text/event-stream')) {
      again.body.cancel().catch(() => {});
      return undefined;
    }
    const next = again.body.getReader();
    run.reading(next);
    return next;
  };
  await readBody(run, adapter, info, reader, resume, resumeAfter);
}

/** Resumes an answer at most this many times in a row with no event between: a connection that keeps breaking ends it. */
const maxResumes = 5;

/**
 * An event id a resuming gateway gives, `<answer>:<n>`. A body that answers a resume must go on
 * with the same answer and a later number: a server that ignored `Last-Event-ID` (one that
 * numbers its events but does not resume, or a proxy that dropped the header) answers all over
 * again, and that second answer must not be appended to the first.
 */
const numberedId = (id: string): { answer: string; n: number } | undefined => {
  const match = /^(.+):(\d{1,15})$/.exec(id);
  return match ? { answer: match[1]!, n: Number(match[2]) } : undefined;
};

async function readBody(
  run: StreamRun,
  adapter: ProtocolAdapter,
  info: ResponseInfo,
  body: ReadableStreamDefaultReader<Uint8Array>,
  resume: (lastEventId: string) => Promise<ReadableStreamDefaultReader<Uint8Array> | undefined>,
  resumeAfter: string | undefined,
): Promise<void> {
  const { config, end } = run;
  // Whether the adapter found anything in the frames: `start` does not count (openai emits it for
  // any JSON object), nor do `usage` and `finish` (it reads them off a Parley stream too).
  let recognised = false;
  const head: string[] = [];
  let headLength = 0;
  const emit = (event: ChatEvent) => {
    recognised ||= event.type !== 'start' && event.type !== 'usage' && event.type !== 'finish';
    run.emit(event);
  };
  let text = new TextDecoder();
  let decoder: FrameDecoder | undefined;
  // The id of the last event cut from the body, and how often the answer was taken up after it.
  let lastEventId = resumeAfter;
  let resumes = 0;
  // After a resume, until its first event showed it goes on with the same answer: the id it must follow.
  let continuing = resumeAfter === undefined ? undefined : numberedId(resumeAfter);
  let notContinued = false;
  let splitter: FrameSplitter | undefined;
  let protocolDone = false;
  // Set when the body is one JSON document or HTML page rather than a stream.
  let document: string[] | undefined;
  let documentLength = 0;

  // A decoder that returned a promise (it is loading code, see FrameDecoder) gets no frame until
  // that settles: the frames the splitter cuts meanwhile wait here, in order.
  let waiting: Promise<void | 'done'> | undefined;
  let waitingFor: Frame | undefined;
  const queued: Frame[] = [];

  /** Whether this response is taken up after a break: its adapter's say, unless the decoder says no for it (`auto`). */
  const resumable = () => adapter.resumable === true && decoder !== undefined && decoder.resumable !== false;

  /** A numbered frame of a resumable answer: its events are taken up after it (`ChatStream.lastEventId`). */
  const marked = (frame: Frame | undefined) => {
    if (frame?.id !== undefined && resumable() && numberedId(frame.id)) run.mark(frame.id);
  };

  const onFrame = (frame: Frame) => {
    if (protocolDone || run.ended || notContinued) return;
    if (continuing) {
      const at = frame.id === undefined ? undefined : numberedId(frame.id);
      if (!at || at.answer !== continuing.answer || at.n <= continuing.n) {
        notContinued = true;
        return;
      }
      continuing = undefined;
      // It went on: a long answer behind a proxy that cuts every response after N seconds keeps going.
      resumes = 0;
    }
    if (frame.id !== undefined) lastEventId = frame.id;
    if (waiting) {
      queued.push(frame);
      return;
    }
    const outcome = (decoder as FrameDecoder).frame(frame, emit);
    if (outcome && outcome !== 'done') {
      waiting = outcome;
      waitingFor = frame;
      return;
    }
    if (outcome) protocolDone = true;
    marked(frame);
  };

  /** Waits for the decoder, then hands it the frames that came meanwhile (which may make it wait again). */
  const settle = async () => {
    while (waiting && !run.ended) {
      const outcome = await waiting;
      waiting = undefined;
      if (outcome === 'done') protocolDone = true;
      marked(waitingFor);
      for (const frame of queued.splice(0)) onFrame(frame);
    }
  };

  /** Decides the framing from the content type, or else the first character of the body. */
  const begin = (first: string) => {
    const char = first.trimStart()[0];
    if (char === '<') {
      throw new BadResponse('The gateway answered with an HTML page, not a stream: a proxy or login page is in the way.', 'html-page');
    }
    let framing = adapter.framing;
    if (framing === 'auto') {
      framing = framingOf(info.contentType, char);
    } else if (framing === 'sse' && (char === '{' || char === '[')) {
      document = [];
      return;
    } else if (framing === 'sse' && startsDataStream(char)) {
      framing = 'ndjson';
    }
    decoder = adapter.decoder(info);
    splitter = createFrameSplitter(framing, onFrame, config.maxEventSize);
  };

  const feed = (piece: string) => {
    if (piece === '') return;
    if (headLength < maxHeadChars) {
      head.push(piece);
      headLength += piece.length;
    }
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

  /**
   * Frames came and the adapter recognised none: the gateway may speak another protocol (a page
   * naming `openai` in front of a Parley gateway). Said so, instead of a cut-off or unreadable
   * stream; the check loads only then.
   */
  const mismatch = async (): Promise<ChatError | undefined> => {
    if (recognised || headLength === 0) return undefined;
    let message: string | undefined;
    try {
      message = (await import('./protocol-mismatch.js')).protocolMismatch(adapter.name, head.join('').slice(0, maxHeadChars), info);
    } catch {
      // It could not load (offline): the stream's own error stands.
    }
    return message === undefined ? undefined : { code: 'bad_response', reason: 'protocol-mismatch', message, status: info.status, retryable: false };
  };

  const fail = async (cause: unknown) => {
    // Frames cut before the bad one may still wait for a loading decoder: they are kept too.
    if (waiting) await settle().catch(() => {});
    flushDecoder(decoder, emit);
    const wrong = await mismatch();
    if (run.ended) return;
    end(wrong ?? badResponse(adapter, cause, info.status));
  };
  /**
   * The connection broke (or closed) before the answer ended: with a resumable protocol whose
   * server numbered its events, ask for the rest after the last one. What was cut mid-event is
   * dropped: it comes again whole.
   */
  const resumed = async (): Promise<boolean> => {
    const at = lastEventId === undefined ? undefined : numberedId(lastEventId);
    if (!at || !resumable() || resumes >= maxResumes || run.ended) return false;
    resumes++;
    const next = await resume(lastEventId as string);
    if (!next || run.ended) return false;
    body = next;
    continuing = at;
    text = new TextDecoder();
    splitter = createFrameSplitter('sse', onFrame, config.maxEventSize);
    return true;
  };

  // Why the last resume was asked for: the break that stands if its body is another answer.
  let broke: ChatError | undefined = resumeAfter === undefined ? undefined : { code: 'bad_response', message: 'The gateway did not take the answer up where it broke off: it answered with another one.', retryable: false };
  const ended: ChatError = { code: 'network', message: 'The response ended before the gateway finished the answer.', retryable: true };
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await body.read();
    } catch (cause) {
      if (run.ended) return;
      broke = { code: 'network', message: `The connection broke while the answer was streaming: ${errorMessage(cause)}`, retryable: true };
      if (await resumed()) continue;
      if (run.ended) return;
      flushDecoder(decoder, emit);
      return end(broke);
    }
    if (run.ended) return;
    if (chunk.done) {
      broke = ended;
      if (!protocolDone && !run.settled && (await resumed())) continue;
      break;
    }
    run.active();
    try {
      feed(text.decode(chunk.value, { stream: true }));
      if (waiting) await settle();
    } catch (cause) {
      return fail(cause);
    }
    if (notContinued) {
      // Not the rest of this answer (the server started over): the break stands, nothing appended.
      body.cancel().catch(() => {});
      if (run.ended) return;
      flushDecoder(decoder, emit);
      return end(broke ?? ended);
    }
    // The idle timeout or an abort may have ended the stream while the decoder loaded.
    if (run.ended) return;
    run.flush();
    if (protocolDone) break;
  }
  if (!protocolDone) {
    try {
      feed(text.decode());
      splitter?.end();
      if (waiting) await settle();
    } catch (cause) {
      return fail(cause);
    }
  }
  if (run.ended) return;
  if (document !== undefined) {
    const error = documentError(document.join('').slice(0, maxDocumentChars), info.status);
    // Not the gateway's error: perhaps NDJSON lines of another protocol (Ollama's) where SSE was expected.
    const wrong = error.code === 'bad_response' ? await mismatch() : undefined;
    if (run.ended) return;
    return end(wrong ?? error);
  }
  if (decoder === undefined) return end({ code: 'bad_response', reason: 'empty-body', message: 'The gateway answered with an empty body.', status: info.status, retryable: false });
  // Tool calls an adapter still holds at the end are handed over only if the model finished its
  // turn: a body that just stops has cut-off arguments, and none of its calls may run.
  const held: ChatEvent[] = [];
  try {
    decoder.end((event) => void (event.type === 'tool-call' ? held.push(event) : emit(event)));
  } catch (cause) {
    return end(badResponse(adapter, cause, info.status));
  }
  const wrong = await mismatch();
  if (run.ended) return;
  if (wrong) return end(wrong);
  if (!run.settled) return end(ended);
  for (const event of held) emit(event);
  end();
}

/**
 * After a failure, let the adapter hand over what it still holds (text behind a half `<think>` tag),
 * but not the tool calls it was still assembling: their arguments may be cut off, and an answer
 * that broke off is no instruction to run anything.
 */
function flushDecoder(decoder: FrameDecoder | undefined, emit: (event: ChatEvent) => void): void {
  try {
    decoder?.end((event) => void (event.type === 'tool-call' || emit(event)));
  } catch {
    // The stream is failing already; its first error is the one reported.
  }
}

/** A body the client refuses before any adapter reads it, for the reason named. */
class BadResponse extends Error {
  reason: ChatErrorReason;
  constructor(message: string, reason: ChatErrorReason) {
    super(message);
    this.reason = reason;
  }
}

/** The error for a body that could not be read: the client's own words where it knows why, else the adapter's. */
function badResponse(adapter: ProtocolAdapter, cause: unknown, status: number): ChatError {
  const reason = cause instanceof FrameSizeError ? 'event-too-large' : cause instanceof BadResponse ? cause.reason : undefined;
  const message = reason ? (cause as Error).message : `The ${adapter.name} response could not be read: ${errorMessage(cause)}`;
  const error: ChatError = { code: 'bad_response', message, status, retryable: false };
  if (reason) error.reason = reason;
  return error;
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
  return { code: 'bad_response', reason: 'json-document', message: 'The gateway answered with a JSON document, not an event stream (is streaming turned on?).', status, retryable: false };
}

/** The context message goes after the caller's own system messages (some chat templates reject a system message that is not first). */
function withContextMessage(messages: ChatMessage[], message: ChatMessage | null): ChatMessage[] {
  if (message === null) return messages;
  let at = 0;
  while (at < messages.length && messages[at]?.role === 'system') at++;
  return [...messages.slice(0, at), message, ...messages.slice(at)];
}
